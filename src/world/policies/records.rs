//! The policy book's records (a policy, an attachment, a pending policy
//! type, a target) and its errors. A leaf: it imports neither the world
//! nor the book.

use super::super::domain_error::{DomainError, Exception};
use super::super::id_types::{PolicyId, TargetId};
use super::super::{Tags, Timestamp};
use super::policy_types::{ManagedPolicy, PolicyType, PolicyTypeSpec};
use aws_sdk_organizations::types::InvalidInputExceptionReason;

/// A policy, customer-managed or AWS-managed.
#[derive(Clone, Debug)]
pub(crate) struct Policy {
    /// `p-` and eight characters (or an AWS-managed id).
    pub id: PolicyId,
    /// Unique among the organization's policies of its type.
    pub name: String,
    /// Free text.
    pub description: String,
    /// Its type.
    pub policy_type: PolicyType,
    /// The JSON document, exactly as given.
    pub content: String,
    /// True for AWS-managed policies.
    pub aws_managed: bool,
    /// Its tags.
    pub tags: Tags,
    /// Creation order, for stable listings (0 for AWS-managed policies).
    pub seq: u64,
    /// When its content last changed.
    pub updated_at: Timestamp,
}

impl Policy {
    pub(crate) fn managed(spec: &PolicyTypeSpec, m: ManagedPolicy) -> Policy {
        Policy {
            id: PolicyId::new(m.id),
            name: m.name.into(),
            description: m.description.into(),
            policy_type: spec.policy_type,
            content: m.content.into(),
            aws_managed: true,
            tags: Tags::default(),
            seq: 0,
            updated_at: 0,
        }
    }
}

/// A policy type on its way to `ENABLED` or away from it, as the root shows it
/// (`PolicyTypeTransition::AfterPolls`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PendingPolicyType {
    /// True for `PENDING_ENABLE`, false for `PENDING_DISABLE`.
    pub enabling: bool,
    /// How many more `ListRoots` calls it takes to end it (the last of them
    /// sees the end state).
    pub polls_left: u32,
}

/// One policy attached to one target.
#[derive(Clone, Debug)]
pub(crate) struct Attachment {
    /// The attached policy.
    pub policy_id: PolicyId,
    /// When it was attached.
    pub at: Timestamp,
}

/// What kind of entity a policy target is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TargetKind {
    /// The root.
    Root,
    /// An OU.
    OrganizationalUnit,
    /// A member account.
    Account,
}

impl TargetKind {
    /// AWS's `TargetType`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            TargetKind::Root => "ROOT",
            TargetKind::OrganizationalUnit => "ORGANIZATIONAL_UNIT",
            TargetKind::Account => "ACCOUNT",
        }
    }
}

/// A policy target as `ListTargetsForPolicy` shows it.
#[derive(Clone, Debug)]
pub(crate) struct Target {
    /// Its id.
    pub id: TargetId,
    /// Its ARN.
    pub arn: String,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: TargetKind,
}

pub(crate) fn policy_not_found(id: &str) -> DomainError {
    DomainError::new(
        Exception::PolicyNotFound,
        format!("No policy with id '{id}' exists in your organization."),
    )
}

pub(crate) fn target_not_found(id: &str) -> DomainError {
    DomainError::new(
        Exception::TargetNotFound,
        format!("No root, OU or account with id '{id}' exists in your organization."),
    )
}

pub(crate) fn type_not_enabled() -> DomainError {
    DomainError::new(
        Exception::PolicyTypeNotEnabled, // AWS's own text (FIDELITY.md, "Error messages").
        "This operation can be performed only for enabled policy types.",
    )
}

pub(crate) fn not_available(feature_set: &str, type_name: &str) -> DomainError {
    DomainError::new(Exception::PolicyTypeNotAvailableForOrganization, format!(
            "Policy type {type_name} can't be used while the organization's feature set is {feature_set}. Enable all features first (EnableAllFeatures).",
        ),
    )
}

/// A policy type's status on the root (AWS's `PolicyTypeStatus`; the
/// operations layer gives the SDK's enum).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PolicyTypeStatus {
    /// `ENABLED`.
    Enabled,
    /// `PENDING_ENABLE`: being enabled (`Limits::policy_type_transition`).
    PendingEnable,
    /// `PENDING_DISABLE`: being disabled.
    PendingDisable,
}

pub(crate) fn immutable(policy_id: &str) -> DomainError {
    DomainError::invalid_input(
        InvalidInputExceptionReason::ImmutablePolicy,
        format!("'{policy_id}' is an AWS-managed policy; it can be attached and detached but not changed or deleted."),
    )
}
