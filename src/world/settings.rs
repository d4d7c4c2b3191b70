//! What a world is built with: the adjustable quotas ([`Limits`]), the
//! timings of asynchronous work and the other settings of a new world.

use std::collections::BTreeMap;
use std::time::Duration;

use super::id_types::AccountId;
use super::time::{Timestamp, DEFAULT_START_TIME};

/// The adjustable quotas of an organization, and the timings of asynchronous work.
///
/// AWS's own defaults are lower (10 accounts, 1,000 OUs); these are high enough
/// that tests creating thousands of accounts never trip over them. Lower them to
/// test how code behaves at a quota.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Accounts per organization, the management account included. Default 100,000.
    pub max_accounts: usize,
    /// OUs per organization. Default 10,000.
    pub max_ous: usize,
    /// Tags per resource. AWS's limit, 50 (FIDELITY.md#tags-per-resource).
    pub max_tags_per_resource: usize,
    /// The rolling 30-day quota of CloseAccount: `None` means AWS's documented
    /// rule, the higher of 250 and 20% of the member accounts, at most 1,000
    /// (FIDELITY.md#closeaccount-quota).
    pub close_account_quota: Option<usize>,
    /// How long a closed account stays `PENDING_CLOSURE` before it is
    /// `SUSPENDED`, in milliseconds of the mock's clock. Default 5 minutes
    /// (our choice: FIDELITY.md#closeaccount-states).
    pub account_closure_delay_ms: i64,
    // ---- policies (src/world/policies/) ----
    /// At most this many policies of any one type per organization
    /// (AWS-managed ones not counted), below AWS's own quota for each type:
    /// 10,000 SCPs, 2,000 RCPs, 1,000 of every other type
    /// (FIDELITY.md#policy-quotas), which apply as they are by default.
    /// Default 10,000.
    pub max_policies_per_type: usize,
    /// Policies of a type attached to one root, OU or account, by type name,
    /// for types whose quota differs from AWS's (10 SCPs, 5 RCPs, 10 tag
    /// policies, ...: see `policies::POLICY_TYPES`). Empty by default.
    pub max_policies_per_target: BTreeMap<String, usize>,
    /// Maximum document size in characters, by type name, for types whose
    /// limit differs from AWS's (10,240 for SCPs, 10,000 for tag policies,
    /// ...). Empty by default.
    pub max_policy_content_chars: BTreeMap<String, usize>,
    // ---- rates (src/world/accounts/, src/world/handshakes/) ----
    /// How many `CreateAccount` requests may be in progress at a time
    /// (`ACCOUNT_CREATION_RATE_LIMIT_EXCEEDED`). AWS's quota page says 5;
    /// `None` (the default) means no limit (FIDELITY.md#rate-reasons).
    #[serde(default)]
    pub max_create_accounts_in_progress: Option<usize>,
    /// How many accounts may be `PENDING_CLOSURE` at a time
    /// (`CLOSE_ACCOUNT_REQUESTS_LIMIT_EXCEEDED`). AWS's quota page says 3;
    /// `None` (the default) means no limit (FIDELITY.md#rate-reasons).
    #[serde(default)]
    pub max_closures_in_progress: Option<usize>,
    /// How many invitations (to join, or to transfer responsibility) an
    /// organization may send in 24 hours of the mock's clock
    /// (`HANDSHAKE_RATE_LIMIT_EXCEEDED`). AWS's quota page says 20 attempts a
    /// day, accepted ones not counted; `None` (the default) means no limit.
    #[serde(default)]
    pub max_handshakes_per_day: Option<usize>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_accounts: 100_000,
            max_ous: 10_000,
            max_tags_per_resource: 50,
            close_account_quota: None,
            account_closure_delay_ms: 5 * 60 * 1000,
            max_policies_per_type: 10_000,
            max_policies_per_target: BTreeMap::new(),
            max_policy_content_chars: BTreeMap::new(),
            max_create_accounts_in_progress: None,
            max_closures_in_progress: None,
            max_handshakes_per_day: None,
        }
    }
}

/// How a `CreateAccount` request completes.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub enum CreateAccountCompletion {
    /// The account exists as soon as `CreateAccount` returns; its response says
    /// `IN_PROGRESS` and the first status look-up says `SUCCEEDED`.
    #[default]
    Immediate,
    /// The request is `IN_PROGRESS` until the Nth `DescribeCreateAccountStatus`
    /// call on it, which answers `SUCCEEDED` (so N-1 polls see `IN_PROGRESS`);
    /// the account exists only from then on. `AfterPolls(0)` is `Immediate`.
    AfterPolls(u32),
    /// The request is `IN_PROGRESS` until this much time has passed on the
    /// mock's clock since `CreateAccount` (counted in whole milliseconds, the
    /// clock's resolution). `MockOrganizations::advance` and the sleeps of
    /// the mock's clients (`client.config().sleep_impl()`, which SDK retries
    /// use) move that clock; `tokio::time::sleep` does not. The account
    /// exists only from then on, and the request's `CompletedTimestamp` is
    /// its `RequestedTimestamp` plus this duration, however far past it the
    /// clock then moved. Under a millisecond, it completes at once as with
    /// `Immediate`. AWS documents "a few minutes"; the duration is yours
    /// (FIDELITY.md#create-account-completion).
    After(Duration),
    /// Every request fails with this `CreateAccountFailureReason`
    /// (for example `"ACCOUNT_LIMIT_EXCEEDED"`).
    Fail(String),
}

impl CreateAccountCompletion {
    /// How long a request of [`After`](Self::After) takes, in the world's
    /// milliseconds (saturating); `None` for the other variants.
    pub(crate) fn after_ms(&self) -> Option<Timestamp> {
        match self {
            Self::After(duration) => Some(Timestamp::try_from(duration.as_millis()).unwrap_or(Timestamp::MAX)),
            _ => None,
        }
    }
}

/// What a world is built from.
#[derive(Clone, Debug)]
pub(crate) struct Settings {
    /// The account that calls when no other is named; it becomes the
    /// management account when it creates an organization.
    pub default_account_id: String,
    /// The default account's email address.
    pub default_account_email: String,
    pub default_account_name: String,
    /// The seed of the identifier generator.
    pub seed: u64,
    /// Where the clock starts.
    pub start_time: Timestamp,
    /// Quotas and timings.
    pub limits: Limits,
    /// How `CreateAccount` completes.
    pub create_account_completion: CreateAccountCompletion,
    /// Roles the world starts with (`MockOrganizationsBuilder::role`).
    pub roles: Vec<RoleGrant>,
    /// When true, an organization created with all features starts with
    /// SCPs enabled on its root and `p-FullAWSAccess` attached everywhere.
    /// AWS starts with no policy type enabled (see FIDELITY.md), so the
    /// default is false.
    pub scps_enabled_at_creation: bool,
    /// How enabling and disabling a policy type completes.
    pub policy_type_transition: PolicyTypeTransition,
    /// When true (the default), SCPs and RCPs decide the outcome of the
    /// calls they apply to (`src/world/guardrails/`).
    pub enforce_guardrails: bool,
}

/// How `EnablePolicyType` and `DisablePolicyType` complete.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PolicyTypeTransition {
    /// The root shows the type `ENABLED` (or no longer shows it) at once.
    #[default]
    Immediate,
    /// The root shows `PENDING_ENABLE` / `PENDING_DISABLE` (in the response
    /// of `EnablePolicyType` / `DisablePolicyType` and to `ListRoots`) until
    /// the Nth `ListRoots` call, which shows `ENABLED` (or no longer shows the
    /// type): N-1 polls see the pending status, as with
    /// [`CreateAccountCompletion::AfterPolls`]. The change itself takes effect
    /// at once, except that a policy of a type still `PENDING_ENABLE` can't be
    /// attached yet (`PolicyTypeNotEnabledException`). `AfterPolls(0)` is
    /// `Immediate`.
    AfterPolls(u32),
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            default_account_id: "111111111111".into(),
            default_account_email: "management@example.com".into(),
            default_account_name: "Management Account".into(),
            seed: 0x5EED,
            start_time: DEFAULT_START_TIME,
            limits: Limits::default(),
            create_account_completion: CreateAccountCompletion::Immediate,
            roles: Vec::new(),
            scps_enabled_at_creation: false,
            policy_type_transition: PolicyTypeTransition::Immediate,
            enforce_guardrails: true,
        }
    }
}

/// A role to create in an account when the world is built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RoleGrant {
    /// The account that holds the role.
    pub account_id: AccountId,
    /// The role's name.
    pub role_name: String,
    /// The accounts the role trusts.
    pub trusted_accounts: Vec<AccountId>,
}
