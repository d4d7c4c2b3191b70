//! An organization in snapshot format version 1: its tree, members,
//! create-account requests, closures, policies and delegations, kept flat
//! as the format always has, and rebuilt through the world's constructors
//! (`Organization::from_parts`, `Tree::from_records`,
//! `CreateAccountRequests::from_records`, the stores' `from_records`).

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_organizations::types::CreateAccountFailureReason;

use super::convert::{Mirror, PolicyType, Restore, Tags};
use crate::world::{self, delegation, policies};

choice!(pub(super) FeatureSet <=> world::FeatureSet { All, ConsolidatedBilling });

record!(
    /// An organization's root.
    Root <=> world::Root { id: String, name: String, tags: Tags }
);

record!(
    /// An organizational unit.
    Ou <=> world::Ou { id: String, name: String, parent_id: String, seq: u64, tags: Tags }
);

record!(
    /// The children of one parent, by sequence number.
    Children <=> world::Children { ous: BTreeMap<u64, String>, accounts: BTreeMap<u64, String> }
);

/// One organization and everything inside it. Written out by hand, not with
/// `record!`: the world keeps its policies and its delegations in stores
/// ([`policies::PolicyBook`], [`delegation::Delegations`]) whose fields are
/// private, while the format keeps them flat, as it always has.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Organization {
    id: String,
    feature_set: FeatureSet,
    management_account_id: String,
    root: Root,
    ous: BTreeMap<String, Ou>,
    children: BTreeMap<String, Children>,
    members: BTreeMap<u64, String>,
    create_account_requests: BTreeMap<String, CreateAccountRequest>,
    create_account_order: BTreeMap<u64, String>,
    closures: Vec<i64>,
    enabled_policy_types: BTreeSet<PolicyType>,
    #[serde(default)]
    pending_policy_types: BTreeMap<PolicyType, PendingPolicyType>,
    #[serde(default)]
    policies: BTreeMap<String, Policy>,
    #[serde(default)]
    attachments: BTreeMap<String, BTreeMap<u64, Attachment>>,
    trusted_services: BTreeMap<String, i64>,
    delegations: BTreeMap<u64, Delegation>,
    resource_policy: Option<ResourcePolicy>,
}

impl Mirror<Organization> for world::Organization {
    fn mirror(&self) -> Organization {
        let (tree, requests, policies, delegation) = (
            self.tree(),
            self.create_account_requests(),
            self.policies(),
            self.delegation(),
        );
        Organization {
            id: self.id().mirror(),
            feature_set: self.feature_set().mirror(),
            management_account_id: self.management_account_id().mirror(),
            root: tree.root().mirror(),
            ous: tree.ous().mirror(),
            children: tree.children_index().mirror(),
            members: self.members().mirror(),
            create_account_requests: requests.by_id().mirror(),
            create_account_order: requests.order().mirror(),
            closures: self.closures().to_vec().mirror(),
            enabled_policy_types: policies.enabled_types().mirror(),
            pending_policy_types: policies.pending_types().mirror(),
            policies: policies.policies().mirror(),
            attachments: policies.attachments().mirror(),
            trusted_services: delegation.trusted_services().mirror(),
            delegations: delegation.registrations().mirror(),
            resource_policy: delegation.resource_policy().cloned().mirror(),
        }
    }
}

impl Restore<world::Organization> for Organization {
    fn restore(self) -> world::Organization {
        world::Organization::from_parts(world::OrganizationParts {
            id: self.id.restore(),
            feature_set: self.feature_set.restore(),
            management_account_id: self.management_account_id.restore(),
            tree: world::Tree::from_records(self.root.restore(), self.ous.restore(), self.children.restore()),
            members: self.members.restore(),
            create_accounts: world::CreateAccountRequests::from_records(
                self.create_account_requests.restore(),
                self.create_account_order.restore(),
            ),
            closures: self.closures.restore(),
            policies: policies::PolicyBook::from_records(
                self.enabled_policy_types.restore(),
                self.pending_policy_types.restore(),
                self.policies.restore(),
                self.attachments.restore(),
            ),
            delegation: delegation::Delegations::from_records(
                self.trusted_services.restore(),
                self.delegations.restore(),
                self.resource_policy.restore(),
            ),
        })
    }
}

/// Where a `CreateAccount` request stands.
#[derive(serde::Serialize, serde::Deserialize)]
enum CreateAccountOutcome {
    /// In progress until `polls_left` more status look-ups.
    InProgress {
        polls_left: u32,
        failure: Option<String>,
    },
    /// In progress until the clock reaches `completes_at`
    /// (`CreateAccountCompletion::After`).
    InProgressUntil {
        completes_at: i64,
        failure: Option<String>,
    },
    Succeeded {
        account_id: String,
    },
    Failed {
        reason: String,
    },
}

impl Mirror<CreateAccountOutcome> for world::CreateAccountOutcome {
    fn mirror(&self) -> CreateAccountOutcome {
        match self.clone() {
            Self::InProgress {
                completes_on: world::CompletesOn::Polls(polls_left),
                failure,
            } => CreateAccountOutcome::InProgress {
                polls_left,
                failure: failure.map(|r| r.as_str().to_string()),
            },
            Self::InProgress {
                completes_on: world::CompletesOn::Clock(completes_at),
                failure,
            } => CreateAccountOutcome::InProgressUntil {
                completes_at,
                failure: failure.map(|r| r.as_str().to_string()),
            },
            Self::Succeeded { account_id } => CreateAccountOutcome::Succeeded {
                account_id: account_id.into(),
            },
            Self::Failed { reason } => CreateAccountOutcome::Failed {
                reason: reason.as_str().to_string(),
            },
        }
    }
}
impl Restore<world::CreateAccountOutcome> for CreateAccountOutcome {
    fn restore(self) -> world::CreateAccountOutcome {
        match self {
            Self::InProgress { polls_left, failure } => world::CreateAccountOutcome::InProgress {
                completes_on: world::CompletesOn::Polls(polls_left),
                failure: failure.map(|r| CreateAccountFailureReason::from(r.as_str())),
            },
            Self::InProgressUntil { completes_at, failure } => world::CreateAccountOutcome::InProgress {
                completes_on: world::CompletesOn::Clock(completes_at),
                failure: failure.map(|r| CreateAccountFailureReason::from(r.as_str())),
            },
            Self::Succeeded { account_id } => world::CreateAccountOutcome::Succeeded {
                account_id: account_id.restore(),
            },
            Self::Failed { reason } => world::CreateAccountOutcome::Failed {
                reason: CreateAccountFailureReason::from(reason.as_str()),
            },
        }
    }
}

record!(
    /// A `CreateAccount` request.
    CreateAccountRequest <=> world::CreateAccountRequest {
        id: String,
        account_name: String,
        email: String,
        tags: Tags,
        requested_at: i64,
        completed_at: Option<i64>,
        outcome: CreateAccountOutcome,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        role_name: Option<String>,
    }
);

record!(
    /// A policy type shown `PENDING_ENABLE` or `PENDING_DISABLE`.
    PendingPolicyType <=> policies::PendingPolicyType { enabling: bool, polls_left: u32 }
);

record!(
    /// A customer-managed policy.
    Policy <=> policies::Policy {
        id: String,
        name: String,
        description: String,
        policy_type: PolicyType,
        content: String,
        aws_managed: bool,
        tags: Tags,
        seq: u64,
        updated_at: i64,
    }
);

record!(
    /// A policy attached to a target.
    Attachment <=> policies::Attachment { policy_id: String, at: i64 }
);

record!(
    /// A delegated-administrator registration.
    Delegation <=> delegation::Delegation { account_id: String, service_principal: String, enabled_at: i64 }
);

record!(
    /// The resource-based delegation policy.
    ResourcePolicy <=> delegation::ResourcePolicy {
        id: String,
        content: String,
        tags: Tags,
        statements: Vec<Statement>,
    }
);

record!(
    /// One statement of the resource policy, as parsed.
    Statement <=> delegation::Statement { allow: bool, principals: Vec<String>, actions: Vec<String> }
);
