//! Policies: every policy type of the model, customer and AWS-managed
//! policies, attachments to roots, OUs and accounts with AWS's limits, and
//! enabling policy types per root.
//!
//! An organization's policies live in one store, [`PolicyBook`] (`book.rs`):
//! its customer-managed policies, their name index, the attachments of each
//! target (and the reverse index), and the enabled and pending policy types.
//! Its fields are private, so those indexes change only through its methods.
//! Its records and errors are in `records.rs`, a leaf that imports
//! neither the world nor the organization. The world's calls that check AWS's rules
//! before changing the book are in `policy_lifecycle.rs` (create, update,
//! delete, list), `attachments.rs`, `policy_enablement.rs` and
//! `effective.rs`; the grammar of documents is in `policy_syntax.rs`.
//!
//! Everything about a policy type comes from one table, [`POLICY_TYPES`]
//! (in the leaf [`policy_types`]): a new type in the model is one more
//! line there.

mod attachments;
mod book;
pub(crate) mod effective;
mod policy_enablement;
mod policy_lifecycle;
mod policy_syntax;
pub(crate) mod policy_types;
mod records;

pub(crate) use book::PolicyBook;
pub(crate) use policy_types::{managed_by_id, policy_type_or_invalid, PolicyType, PolicyTypeSpec, POLICY_TYPES};
pub(crate) use records::{
    immutable, not_available, target_not_found, type_not_enabled, Attachment, PendingPolicyType, Policy,
    PolicyTypeStatus, Target, TargetKind,
};
