//! Snapshot format version 1: plain records, converted to and from the
//! world. The names and shapes here are the format; the world's own types
//! may change freely as long as these conversions are kept.
//!
//! Field names are the JSON keys. Ids are AWS's strings, times are
//! milliseconds since the Unix epoch on the mock's clock, maps are JSON
//! objects (keys sorted), enums are their variant names (`"All"`) or, with a
//! value, one-key objects (`{"AfterPolls": 3}`). Unknown keys are refused.

use std::collections::{BTreeMap, BTreeSet};

use crate::world::{self, handshakes, iam, transfers, World, WorldParts};

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
            orgs: world.orgs().mirror(),
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

#[macro_use]
mod convert;
mod organization;
use convert::{Mirror, Restore, Tags};
use organization::{FeatureSet, Organization};

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
