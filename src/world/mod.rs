//! The pure domain model of AWS Organizations.
//!
//! The world knows no HTTP and no JSON. It owns every invariant of the model:
//! the tree of roots, OUs and accounts, uniqueness of names and emails, AWS's
//! hard limits and the adjustable quotas. Its identifiers come from a seeded
//! generator and its time from a clock that only moves when told to, so the
//! same calls always build the same world.
//!
//! This file only declares the modules and re-exports their names: every
//! definition lives in the file named for its concept (`World` in
//! `state.rs`, `Organization` in `organization.rs`, the tree's nodes in
//! `tree/`), so no file imports a module that imports it back.

mod accounts;
mod domain_error;
mod enroll;
mod feature_set;
pub(crate) mod id_types;
pub(crate) mod ids;
mod lifecycle;
mod organization;
pub(crate) mod partitions;
pub(crate) mod policies;
pub(crate) mod rules;
mod settings;
mod state;
mod tagging;
mod tags;
mod time;
mod tree;
// multi-account world; IAM roles and STS sessions (cross-account flows); the invariants
mod all_features;
pub(crate) mod delegation;
pub(crate) mod guardrails;
pub(crate) mod handshakes;
pub(crate) mod iam;
pub(crate) mod invariants;
mod membership;
pub(crate) mod transfers;
// the world taken apart and rebuilt, for the snapshot format (src/harness/snapshot)
mod parts;
mod party;
#[cfg(test)]
pub(crate) mod test_support;

pub(crate) use accounts::{
    Account, AccountState, Accounts, CompletesOn, CreateAccountOutcome, CreateAccountRequest, CreateAccountRequests,
    JoinedMethod,
};
pub(crate) use domain_error::{DomainError, DomainResult, Exception};
pub(crate) use feature_set::FeatureSet;
pub(crate) use id_types::{
    AccountId, Caller, ChildId, CreateAccountRequestId, HandshakeId, Member, NodeKind, OrgId, OuId, ParentId, PolicyId,
    RootId, Standing, TaggableId, TargetId, TransferId,
};
pub use invariants::InvariantViolations;
pub(crate) use organization::{Organization, OrganizationParts};
pub(crate) use parts::WorldParts;
pub(crate) use settings::Settings;
pub use settings::{CreateAccountCompletion, Limits, PolicyTypeTransition};
pub(crate) use state::{World, MAX_SEQ};
pub(crate) use tags::Tags;
pub(crate) use time::{Timestamp, DAY_MS, MAX_TIMESTAMP};
pub(crate) use tree::{Children, Ou, Root, Tree};
