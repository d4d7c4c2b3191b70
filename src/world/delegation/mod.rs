//! Trusted access for AWS services, delegated administrators and the
//! organization's resource-based delegation policy.
//!
//! One store, [`Delegations`] (`store.rs`), holds an organization's trusted
//! services, its delegated-administrator registrations and its resource
//! policy behind private fields. The services the mock knows, the
//! registration record and the errors are in `services.rs`, a leaf; the
//! resource policy's grammar and what it grants are in `resource_policy.rs`;
//! the world's calls that check AWS's rules before changing the store are
//! in `administrators.rs`.
//!
//! A member registered as a delegated administrator for any service may call
//! Organizations' read operations (`Describe*`, `List*`) that AWS documents as
//! open to delegated administrators. Everything else a member may do beyond
//! that is granted by the resource policy ("delegated administrator for AWS
//! Organizations"): an `Allow` statement naming the account as principal and
//! the operation as `organizations:<Operation>` (wildcards allowed), not
//! overridden by a `Deny`.

mod administrators;
mod resource_policy;
mod services;
mod store;

pub(crate) use resource_policy::{ResourcePolicy, Statement};
pub(crate) use services::{known_service, Delegation};
pub(crate) use store::Delegations;
