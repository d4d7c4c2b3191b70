//! Snapshot format version 1: plain records, converted to and from the
//! world. The names and shapes here are the format; the world's own types
//! may change freely as long as these conversions are kept.
//!
//! Field names are the JSON keys. Ids are AWS's strings, times are
//! milliseconds since the Unix epoch on the mock's clock, maps are JSON
//! objects (keys sorted), enums are their variant names (`"All"`) or, with a
//! value, one-key objects (`{"AfterPolls": 3}`). Unknown keys are refused.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use aws_sdk_organizations::types::CreateAccountFailureReason;

use crate::world::{self, delegation, handshakes, iam, policies, transfers, World, WorldParts};

/// A resource's tags, by key.
type Tags = BTreeMap<String, String>;

/// The whole document.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Snapshot {
    /// Always 1.
    pub(super) version: u32,
    settings: Settings,
    /// The clock.
    now: i64,
    /// The identifier generator.
    ids: IdGen,
    /// The last sequence number handed out.
    seq: u64,
    /// Every account, by id.
    accounts: BTreeMap<String, Account>,
    /// Every organization, by id.
    orgs: BTreeMap<String, Organization>,
    /// Every handshake, by sequence number.
    handshakes: BTreeMap<u64, Handshake>,
    /// Every responsibility transfer, by sequence number.
    transfers: BTreeMap<u64, ResponsibilityTransfer>,
    govcloud: GovCloud,
    #[serde(default)]
    iam: Iam,
}

impl Snapshot {
    /// The world's records, as version 1.
    pub(super) fn of(world: &World) -> Snapshot {
        let (state, seq) = world.counters();
        Snapshot {
            version: 1,
            settings: world.settings().mirror(),
            now: world.now(),
            ids: IdGen { state },
            seq,
            accounts: world.accounts().records().mirror(),
            orgs: world.orgs.mirror(),
            handshakes: world.handshakes().mirror(),
            transfers: world.transfers().mirror(),
            govcloud: world.govcloud().records().mirror(),
            iam: world.iam().records().mirror(),
        }
    }

    /// The world these records describe (not yet checked).
    pub(super) fn into_world(self) -> World {
        World::from_parts(WorldParts {
            settings: self.settings.restore(),
            now: self.now,
            id_state: self.ids.state,
            seq: self.seq,
            accounts: self.accounts.restore(),
            orgs: self.orgs.restore(),
            handshakes: self.handshakes.restore(),
            transfers: self.transfers.restore(),
            govcloud: self.govcloud.restore(),
            iam: self.iam.restore(),
        })
    }
}

/// Converts a world value to its format value.
trait Mirror<T> {
    fn mirror(&self) -> T;
}

/// Converts a format value back to the world's.
trait Restore<T> {
    fn restore(self) -> T;
}

macro_rules! same {
    ($($t:ty),*) => {$(
        impl Mirror<$t> for $t {
            fn mirror(&self) -> $t {
                self.clone()
            }
        }
        impl Restore<$t> for $t {
            fn restore(self) -> $t {
                self
            }
        }
    )*};
}
same!(String, bool, u32, u64, i64, usize, PolicyType);

/// A policy type is AWS's name in the format too (the world's enum
/// serializes as that name; a name the model does not know is refused when
/// the snapshot is read).
type PolicyType = policies::PolicyType;

impl<A: Mirror<B>, B> Mirror<Option<B>> for Option<A> {
    fn mirror(&self) -> Option<B> {
        self.as_ref().map(Mirror::mirror)
    }
}
impl<A, B: Restore<A>> Restore<Option<A>> for Option<B> {
    fn restore(self) -> Option<A> {
        self.map(Restore::restore)
    }
}
impl<A: Mirror<B>, B> Mirror<Vec<B>> for Vec<A> {
    fn mirror(&self) -> Vec<B> {
        self.iter().map(Mirror::mirror).collect()
    }
}
impl<A, B: Restore<A>> Restore<Vec<A>> for Vec<B> {
    fn restore(self) -> Vec<A> {
        self.into_iter().map(Restore::restore).collect()
    }
}
impl<KW: Mirror<KF>, KF: Ord, A: Mirror<B>, B> Mirror<BTreeMap<KF, B>> for BTreeMap<KW, A> {
    fn mirror(&self) -> BTreeMap<KF, B> {
        self.iter().map(|(k, v)| (k.mirror(), v.mirror())).collect()
    }
}
impl<KW: Ord, KF: Restore<KW>, A, B: Restore<A>> Restore<BTreeMap<KW, A>> for BTreeMap<KF, B> {
    fn restore(self) -> BTreeMap<KW, A> {
        self.into_iter().map(|(k, v)| (k.restore(), v.restore())).collect()
    }
}
impl<W: Mirror<F>, F: Ord> Mirror<BTreeSet<F>> for BTreeSet<W> {
    fn mirror(&self) -> BTreeSet<F> {
        self.iter().map(Mirror::mirror).collect()
    }
}
impl<W: Ord, F: Restore<W>> Restore<BTreeSet<W>> for BTreeSet<F> {
    fn restore(self) -> BTreeSet<W> {
        self.into_iter().map(Restore::restore).collect()
    }
}
impl<KW: Mirror<KF>, KF: Ord, A: Mirror<B>, B> Mirror<BTreeMap<KF, B>> for HashMap<KW, A> {
    fn mirror(&self) -> BTreeMap<KF, B> {
        self.iter().map(|(k, v)| (k.mirror(), v.mirror())).collect()
    }
}
impl<KW: Eq + std::hash::Hash, KF: Restore<KW>, A, B: Restore<A>> Restore<HashMap<KW, A>> for BTreeMap<KF, B> {
    fn restore(self) -> HashMap<KW, A> {
        self.into_iter().map(|(k, v)| (k.restore(), v.restore())).collect()
    }
}

/// The world's typed ids are their strings in the format.
macro_rules! id_strings {
    ($($t:ident),*) => {$(
        impl Mirror<String> for world::$t {
            fn mirror(&self) -> String {
                self.as_str().to_owned()
            }
        }
        impl Restore<world::$t> for String {
            fn restore(self) -> world::$t {
                world::$t::new(self)
            }
        }
    )*};
}
id_strings!(
    AccountId,
    OrgId,
    RootId,
    OuId,
    ParentId,
    TargetId,
    PolicyId,
    HandshakeId,
    CreateAccountRequestId,
    TransferId
);

/// A format record with the same fields as a world record; the world's
/// derived fields (`rebuilt`) start empty and are rebuilt by `World::from_parts`.
macro_rules! record {
    ($(#[$meta:meta])* $name:ident <=> $world:ty { $($(#[$fmeta:meta])* $field:ident: $t:ty),* $(,)? } $(rebuilt { $($derived:ident),* })?) => {
        $(#[$meta])*
        #[derive(serde::Serialize, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $name {
            $($(#[$fmeta])* $field: $t),*
        }
        impl Mirror<$name> for $world {
            fn mirror(&self) -> $name {
                $name { $($field: self.$field.mirror()),* }
            }
        }
        impl Restore<$world> for $name {
            fn restore(self) -> $world {
                type World = $world;
                World { $($field: self.$field.restore(),)* $($($derived: Default::default(),)*)? }
            }
        }
    };
}

/// A format enum whose variants match a world enum's, one for one.
macro_rules! choice {
    ($name:ident <=> $world:ty { $($variant:ident),* $(,)? }) => {
        #[derive(serde::Serialize, serde::Deserialize, Clone, Copy)]
        enum $name {
            $($variant),*
        }
        impl Mirror<$name> for $world {
            fn mirror(&self) -> $name {
                match self {
                    $(<$world>::$variant => $name::$variant),*
                }
            }
        }
        impl Restore<$world> for $name {
            fn restore(self) -> $world {
                match self {
                    $($name::$variant => <$world>::$variant),*
                }
            }
        }
    };
}

/// The identifier generator's state.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct IdGen {
    state: u64,
}

record!(
    /// What the world was built from (`MockOrganizationsBuilder`).
    Settings <=> world::Settings {
        default_account_id: String,
        default_account_email: String,
        default_account_name: String,
        seed: u64,
        start_time: i64,
        limits: Limits,
        create_account_completion: CreateAccountCompletion,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        roles: Vec<RoleGrant>,
        #[serde(default)]
        scps_enabled_at_creation: bool,
        #[serde(default = "immediate")]
        policy_type_transition: PolicyTypeTransition,
        // Written only when off, so snapshots of worlds that enforce (the
        // default) read and write back as they were before the setting existed.
        #[serde(default = "enforced", skip_serializing_if = "is_enforced")]
        enforce_guardrails: bool,
    }
);

fn enforced() -> bool {
    true
}

fn is_enforced(on: &bool) -> bool {
    *on
}

fn immediate() -> PolicyTypeTransition {
    PolicyTypeTransition::Immediate
}

record!(
    /// Quotas and timings (`world::Limits`).
    Limits <=> world::Limits {
        max_accounts: usize,
        max_ous: usize,
        max_tags_per_resource: usize,
        close_account_quota: Option<usize>,
        account_closure_delay_ms: i64,
        max_policies_per_type: usize,
        max_policy_content_chars: BTreeMap<String, usize>,
        max_policies_per_target: BTreeMap<String, usize>,
        #[serde(default)]
        max_create_accounts_in_progress: Option<usize>,
        #[serde(default)]
        max_closures_in_progress: Option<usize>,
        #[serde(default)]
        max_handshakes_per_day: Option<usize>,
    }
);

/// How `CreateAccount` completes.
#[derive(serde::Serialize, serde::Deserialize)]
enum CreateAccountCompletion {
    Immediate,
    AfterPolls(u32),
    /// `CreateAccountCompletion::After`, in milliseconds of the mock's clock.
    AfterMs(u64),
    Fail(String),
}

impl Mirror<CreateAccountCompletion> for world::CreateAccountCompletion {
    fn mirror(&self) -> CreateAccountCompletion {
        match self {
            Self::Immediate => CreateAccountCompletion::Immediate,
            Self::AfterPolls(n) => CreateAccountCompletion::AfterPolls(*n),
            Self::After(d) => CreateAccountCompletion::AfterMs(u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
            Self::Fail(reason) => CreateAccountCompletion::Fail(reason.clone()),
        }
    }
}
impl Restore<world::CreateAccountCompletion> for CreateAccountCompletion {
    fn restore(self) -> world::CreateAccountCompletion {
        match self {
            Self::Immediate => world::CreateAccountCompletion::Immediate,
            Self::AfterPolls(n) => world::CreateAccountCompletion::AfterPolls(n),
            Self::AfterMs(ms) => world::CreateAccountCompletion::After(std::time::Duration::from_millis(ms)),
            Self::Fail(reason) => world::CreateAccountCompletion::Fail(reason),
        }
    }
}

/// How `EnablePolicyType` and `DisablePolicyType` complete.
#[derive(serde::Serialize, serde::Deserialize)]
enum PolicyTypeTransition {
    Immediate,
    AfterPolls(u32),
}

impl Mirror<PolicyTypeTransition> for world::PolicyTypeTransition {
    fn mirror(&self) -> PolicyTypeTransition {
        match self {
            Self::Immediate => PolicyTypeTransition::Immediate,
            Self::AfterPolls(n) => PolicyTypeTransition::AfterPolls(*n),
        }
    }
}
impl Restore<world::PolicyTypeTransition> for PolicyTypeTransition {
    fn restore(self) -> world::PolicyTypeTransition {
        match self {
            Self::Immediate => world::PolicyTypeTransition::Immediate,
            Self::AfterPolls(n) => world::PolicyTypeTransition::AfterPolls(n),
        }
    }
}

record!(
    /// A role the world starts with.
    RoleGrant <=> iam::RoleGrant {
        account_id: String,
        role_name: String,
        trusted_accounts: Vec<String>,
    }
);

choice!(FeatureSet <=> world::FeatureSet { All, ConsolidatedBilling });
choice!(JoinedMethod <=> world::JoinedMethod { Invited, Created });

record!(
    /// An account.
    Account <=> world::Account {
        id: String,
        email: String,
        name: String,
        org_id: Option<String>,
        parent_id: Option<String>,
        seq: u64,
        joined_method: JoinedMethod,
        joined_at: i64,
        closed_at: Option<i64>,
        tags: Tags,
    }
);

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
struct Organization {
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
        Organization {
            id: self.id.mirror(),
            feature_set: self.feature_set.mirror(),
            management_account_id: self.management_account_id.mirror(),
            root: self.root.mirror(),
            ous: self.ous.mirror(),
            children: self.children.mirror(),
            members: self.members.mirror(),
            create_account_requests: self.create_account_requests.mirror(),
            create_account_order: self.create_account_order.mirror(),
            closures: self.closures.mirror(),
            enabled_policy_types: self.policies.enabled_types().mirror(),
            pending_policy_types: self.policies.pending_types().mirror(),
            policies: self.policies.policies().mirror(),
            attachments: self.policies.attachments().mirror(),
            trusted_services: self.delegation.trusted_services().mirror(),
            delegations: self.delegation.registrations().mirror(),
            resource_policy: self.delegation.resource_policy().cloned().mirror(),
        }
    }
}

impl Restore<world::Organization> for Organization {
    fn restore(self) -> world::Organization {
        world::Organization {
            id: self.id.restore(),
            feature_set: self.feature_set.restore(),
            management_account_id: self.management_account_id.restore(),
            root: self.root.restore(),
            ous: self.ous.restore(),
            children: self.children.restore(),
            members: self.members.restore(),
            create_account_requests: self.create_account_requests.restore(),
            create_account_order: self.create_account_order.restore(),
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
            create_account_in_progress: Default::default(),
        }
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

choice!(HandshakeAction <=> handshakes::HandshakeAction {
    Invite,
    EnableAllFeatures,
    ApproveAllFeatures,
    TransferResponsibility,
});
choice!(HandshakeState <=> handshakes::HandshakeState { Requested, Open, Canceled, Accepted, Declined, Expired });
choice!(PartyKind <=> handshakes::PartyKind { Account, Email });

record!(
    /// A handshake.
    Handshake <=> handshakes::Handshake {
        id: String,
        action: HandshakeAction,
        org_id: String,
        sender: String,
        sender_email: String,
        sender_name: String,
        feature_set: FeatureSet,
        target_kind: PartyKind,
        target: String,
        state: HandshakeState,
        requested_at: i64,
        expires_at: i64,
        ended_at: Option<i64>,
        notes: Option<String>,
        tags: Tags,
        parent: Option<String>,
        transfer: Option<String>,
    }
);

choice!(TransferStatus <=> transfers::TransferStatus { Requested, Declined, Canceled, Expired, Accepted, Withdrawn });

record!(
    /// A responsibility transfer.
    ResponsibilityTransfer <=> transfers::ResponsibilityTransfer {
        id: String,
        name: String,
        target_account: String,
        target_org: String,
        source_account: String,
        source_org: String,
        start_at: i64,
        end_at: Option<i64>,
        status: TransferStatus,
        handshake_id: String,
        tags: Tags,
    }
);

record!(
    /// GovCloud (US) account pairs and the requests that create them.
    GovCloud <=> transfers::GovCloudRecords { pairs: BTreeMap<String, String>, requests: BTreeMap<String, String> }
);

record!(
    /// An IAM role.
    Role <=> iam::Role { name: String, id: String, trusted_accounts: BTreeSet<String>, max_session_seconds: u32 }
);

record!(
    /// An STS session issued for a role.
    RoleSession <=> iam::RoleSession {
        access_key_id: String,
        secret_access_key: String,
        session_token: String,
        account_id: String,
        role_name: String,
        role_id: String,
        session_name: String,
        expires_at: i64,
    }
);

record!(
    /// IAM roles and STS sessions.
    #[derive(Default)]
    Iam <=> iam::IamRecords {
        roles: BTreeMap<String, BTreeMap<String, Role>>,
        sessions: BTreeMap<String, RoleSession>,
        issued: u64,
    }
);
