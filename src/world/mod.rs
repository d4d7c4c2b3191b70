//! The pure domain model of AWS Organizations.
//!
//! The world knows no HTTP and no JSON. It owns every invariant of the model:
//! the tree of roots, OUs and accounts, uniqueness of names and emails, AWS's
//! hard limits and the adjustable quotas. Its identifiers come from a seeded
//! generator and its time from a clock that only moves when told to, so the
//! same calls always build the same world.

mod accounts;
mod domain_error;
mod enroll;
mod feature_set;
pub(crate) mod id_types;
pub(crate) mod ids;
mod indexes;
mod organization;
pub(crate) mod partitions;
pub(crate) mod policies;
pub(crate) mod rules;
mod settings;
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
pub(crate) use domain_error::{DomainError, DomainResult, Exception};
pub(crate) use id_types::{
    AccountId, Caller, ChildId, CreateAccountRequestId, HandshakeId, Member, NodeKind, OrgId, OuId, ParentId, PolicyId,
    RootId, Standing, TaggableId, TargetId, TransferId,
};
pub(crate) use parts::WorldParts;

use std::collections::{BTreeMap, BTreeSet, HashMap};

pub(crate) use accounts::{Account, Accounts, CompletesOn, CreateAccountOutcome, CreateAccountRequest, JoinedMethod};
pub(crate) use feature_set::FeatureSet;
use ids::IdGen;
pub use invariants::InvariantViolations;
pub(crate) use settings::Settings;
pub use settings::{CreateAccountCompletion, Limits, PolicyTypeTransition};
pub(crate) use tags::Tags;
pub(crate) use time::{Timestamp, DAY_MS, MAX_TIMESTAMP};

/// AWS's hard limit on the depth of OUs under a root.
pub(crate) const MAX_OU_DEPTH: usize = 5;

/// The highest sequence number a world may have handed out (2^53, our choice:
/// exact in every JSON reader). A snapshot beyond it is refused; no run of
/// calls comes near it.
pub(crate) const MAX_SEQ: u64 = 1 << 53;

/// An account's lifecycle state, derived from the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AccountState {
    /// In use.
    Active,
    /// CloseAccount was called; closure is under way.
    PendingClosure,
    /// Closed, within the 90 days it can still be reopened.
    Suspended,
    /// Closed for more than 90 days.
    Closed,
}

impl AccountState {
    /// AWS's `State` value.
    pub(crate) fn state_str(self) -> &'static str {
        match self {
            AccountState::Active => "ACTIVE",
            AccountState::PendingClosure => "PENDING_CLOSURE",
            AccountState::Suspended => "SUSPENDED",
            AccountState::Closed => "CLOSED",
        }
    }

    /// AWS's older `Status` value.
    pub(crate) fn status_str(self) -> &'static str {
        match self {
            AccountState::Active => "ACTIVE",
            AccountState::PendingClosure => "PENDING_CLOSURE",
            AccountState::Suspended | AccountState::Closed => "SUSPENDED",
        }
    }
}

/// An organization's root.
#[derive(Clone, Debug)]
pub(crate) struct Root {
    /// `r-` and four characters.
    pub id: RootId,
    /// Always `Root`.
    pub name: String,
    pub tags: Tags,
}

/// An organizational unit.
#[derive(Clone, Debug)]
pub(crate) struct Ou {
    /// `ou-<root>-<8 characters>`.
    pub id: OuId,
    /// Its name, unique under its parent.
    pub name: String,
    /// Its parent root or OU.
    pub parent_id: ParentId,
    /// Creation order, for stable listings.
    pub seq: u64,
    pub tags: Tags,
}

/// The children of one parent, each kind in the order it arrived.
#[derive(Clone, Debug, Default)]
pub(crate) struct Children {
    /// Child OUs by sequence number.
    pub ous: BTreeMap<u64, OuId>,
    /// Child accounts by sequence number.
    pub accounts: BTreeMap<u64, AccountId>,
}

impl Children {
    /// True when the parent has neither OUs nor accounts.
    pub(crate) fn is_empty(&self) -> bool {
        self.ous.is_empty() && self.accounts.is_empty()
    }
}

/// One organization and everything inside it.
#[derive(Clone, Debug)]
pub(crate) struct Organization {
    /// `o-` and ten characters.
    pub id: OrgId,
    /// ALL or CONSOLIDATED_BILLING.
    pub feature_set: FeatureSet,
    pub management_account_id: AccountId,
    /// Its one root.
    pub root: Root,
    /// Every OU by id.
    pub ous: HashMap<OuId, Ou>,
    /// Children of each parent (root or OU) by parent id.
    pub children: HashMap<ParentId, Children>,
    /// Member accounts (the management account included) in joining order.
    pub members: BTreeMap<u64, AccountId>,
    /// Create-account requests by id.
    pub create_account_requests: HashMap<CreateAccountRequestId, CreateAccountRequest>,
    /// Create-account request ids in the order they were made.
    pub create_account_order: BTreeMap<u64, CreateAccountRequestId>,
    /// When each CloseAccount call was made (all of them: quotas need them).
    pub closures: Vec<Timestamp>,
    // ---- policies (src/world/policies/) ----
    /// Customer-managed policies, attachments and policy types, with their
    /// indexes; changed only through its methods.
    pub policies: policies::PolicyBook,
    // ---- multi-account (src/world/delegation/) ----
    /// Trusted access, delegated administrators and the resource policy.
    pub delegation: delegation::Delegations,
    // ---- indexes (src/world/indexes.rs), not in snapshots: rebuilt on load ----
    /// The ids of the create-account requests still in progress.
    pub create_account_in_progress: BTreeSet<CreateAccountRequestId>,
}

impl Organization {
    /// `arn:aws:organizations::<management>:organization/<org>`.
    pub(crate) fn arn(&self) -> String {
        format!(
            "arn:aws:organizations::{}:organization/{}",
            self.management_account_id, self.id
        )
    }

    /// The ARN of an account in this organization.
    pub(crate) fn account_arn(&self, account_id: &str) -> String {
        // Built without `format!`: it is on the path of every listed account.
        let parts = [
            "arn:aws:organizations::",
            &self.management_account_id,
            ":account/",
            &self.id,
            "/",
            account_id,
        ];
        let mut arn = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        parts.iter().for_each(|p| arn.push_str(p));
        arn
    }

    /// The ARN of the root.
    pub(crate) fn root_arn(&self) -> String {
        format!(
            "arn:aws:organizations::{}:root/{}/{}",
            self.management_account_id, self.id, self.root.id
        )
    }

    /// The ARN of an OU.
    pub(crate) fn ou_arn(&self, ou_id: &str) -> String {
        format!(
            "arn:aws:organizations::{}:ou/{}/{}",
            self.management_account_id, self.id, ou_id
        )
    }

    /// True when `id` names this organization's root or one of its OUs.
    pub(crate) fn is_parent(&self, id: &str) -> bool {
        id == self.root.id || self.ous.contains_key(id)
    }

    /// The number of member accounts, the management account included.
    pub(crate) fn account_count(&self) -> usize {
        self.members.len()
    }
}

/// The whole modeled universe: accounts and the organizations they form.
#[derive(Clone, Debug)]
pub(crate) struct World {
    settings: Settings,
    now: Timestamp,
    ids: IdGen,
    seq: u64,
    /// Every account the world knows, with the email index.
    accounts: Accounts,
    /// Every organization by id.
    pub orgs: BTreeMap<OrgId, Organization>,
    // ---- multi-account: handshakes, responsibility transfers, GovCloud ----
    /// Every handshake, in the order sent.
    handshakes: handshakes::Handshakes,
    /// Every responsibility transfer, in the order proposed.
    transfers: BTreeMap<u64, transfers::ResponsibilityTransfer>,
    /// GovCloud (US) account pairs.
    govcloud: transfers::GovCloud,
    /// IAM roles and the STS sessions issued for them.
    iam: iam::Iam,
}

impl World {
    /// A world with only the default account, standalone.
    pub(crate) fn new(settings: Settings) -> Self {
        let mut world = World {
            now: settings.start_time.clamp(0, MAX_TIMESTAMP),
            ids: IdGen::new(settings.seed),
            seq: 0,
            accounts: Accounts::default(),
            orgs: BTreeMap::new(),
            handshakes: handshakes::Handshakes::default(),
            transfers: BTreeMap::new(),
            govcloud: transfers::GovCloud::default(),
            iam: iam::Iam::default(),
            settings,
        };
        let (id, email, name) = (
            world.settings.default_account_id.clone(),
            world.settings.default_account_email.clone(),
            world.settings.default_account_name.clone(),
        );
        world.add_standalone_account(&id, &email, &name);
        for grant in world.settings.roles.clone() {
            world.put_role(&grant.account_id, &grant.role_name, &grant.trusted_accounts);
        }
        world
    }

    /// The settings the world was built with.
    pub(crate) fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The quotas in force.
    pub(crate) fn limits(&self) -> &Limits {
        &self.settings.limits
    }

    // ---- clock, ids, order ----

    /// The time now on the mock's clock.
    pub(crate) fn now(&self) -> Timestamp {
        self.now
    }

    /// Moves the clock forward by `ms` milliseconds (never backward, and
    /// never past [`MAX_TIMESTAMP`]); create-account requests due by then
    /// complete.
    pub(crate) fn advance(&mut self, ms: i64) {
        self.now = self.now.saturating_add(ms.max(0)).min(MAX_TIMESTAMP.max(self.now));
        self.complete_due_create_accounts();
    }

    /// The identifier generator.
    pub(crate) fn ids(&mut self) -> &mut IdGen {
        &mut self.ids
    }

    /// The next number in the world's one ordering of creations.
    pub(crate) fn next_seq(&mut self) -> u64 {
        // Saturating: a loaded world is at most MAX_SEQ (see the invariants),
        // so the counter never gets near u64::MAX, and it can never panic.
        self.seq = self.seq.saturating_add(1);
        self.seq
    }

    /// A fresh, unused 12-digit account id (`ServiceException` if the
    /// generator keeps repeating taken ones: see [`ids::MAX_DRAWS`]).
    pub(crate) fn new_account_id(&mut self) -> DomainResult<AccountId> {
        let accounts = &self.accounts;
        self.ids.unused(
            "account id",
            |g| AccountId::new(g.digits(12)),
            |id| accounts.contains(id),
        )
    }

    /// Every account the world knows.
    pub(crate) fn accounts(&self) -> &Accounts {
        &self.accounts
    }

    /// Breaks account `id` for tests of the invariant checks, past the
    /// methods that keep the world consistent.
    #[cfg(test)]
    pub(crate) fn corrupt_account(&mut self, id: &str, f: impl FnOnce(&mut Account)) {
        self.accounts.corrupt(id, f);
    }

    /// Every handshake, by the order it was sent in.
    pub(crate) fn handshakes(&self) -> &BTreeMap<u64, handshakes::Handshake> {
        self.handshakes.by_seq()
    }

    /// Every responsibility transfer, by the order it was proposed in.
    pub(crate) fn transfers(&self) -> &BTreeMap<u64, transfers::ResponsibilityTransfer> {
        &self.transfers
    }

    /// GovCloud (US) account pairs.
    pub(crate) fn govcloud(&self) -> &transfers::GovCloud {
        &self.govcloud
    }

    /// IAM roles and STS sessions.
    pub(crate) fn iam(&self) -> &iam::Iam {
        &self.iam
    }

    /// The account `id`, if the world knows it.
    pub(crate) fn account(&self, id: &str) -> Option<&Account> {
        self.accounts.get(id)
    }

    // ---- accounts the world knows ----

    /// Registers an account outside any organization, and returns it. An
    /// existing account with that id is left as it is (and returned).
    pub(crate) fn add_standalone_account(&mut self, id: &str, email: &str, name: &str) -> &Account {
        // A known id keeps its account (the store keeps the first), and
        // takes no sequence number.
        let seq = match self.accounts.contains(id) {
            true => 0,
            false => self.next_seq(),
        };
        self.accounts.insert(Account {
            id: AccountId::new(id),
            email: email.to_string(),
            name: name.to_string(),
            org_id: None,
            parent_id: None,
            seq,
            joined_method: JoinedMethod::Invited,
            joined_at: self.now,
            closed_at: None,
            tags: Tags::default(),
        })
    }

    /// The email the mock gives an account it had not heard of until now:
    /// `<id>@example.com`, or `<id>+<n>@example.com` when another account
    /// already has that one (emails are unique).
    pub(crate) fn implied_email(&self, id: &str) -> String {
        let free = |email: &String| self.account_by_email(email).is_none_or(|a| a.id == id);
        std::iter::once(format!("{id}@example.com"))
            .chain((1..).map(|n| format!("{id}+{n}@example.com")))
            .find(free)
            // Cannot fail: the chain is endless and the world holds finitely
            // many emails.
            .expect("an endless supply of addresses")
    }

    /// The account that owns `email`, compared case-insensitively.
    pub(crate) fn account_by_email(&self, email: &str) -> Option<&Account> {
        self.accounts.by_email(email)
    }

    /// An account's lifecycle state on the clock now.
    pub(crate) fn account_state(&self, account: &Account) -> AccountState {
        match account.closed_at {
            None => AccountState::Active,
            Some(at) => {
                let elapsed = self.now - at;
                if elapsed < self.settings.limits.account_closure_delay_ms {
                    AccountState::PendingClosure
                } else if elapsed < accounts::CLOSED_FOR_GOOD_AFTER_MS {
                    AccountState::Suspended
                } else {
                    AccountState::Closed
                }
            }
        }
    }

    // ---- organizations ----

    /// The organization `account_id` belongs to.
    pub(crate) fn org_of(&self, account_id: &str) -> Option<&Organization> {
        self.accounts
            .get(account_id)
            .and_then(|a| a.org_id.as_ref())
            .and_then(|o| self.orgs.get(o))
    }

    /// The id of the organization `account_id` belongs to.
    pub(crate) fn org_id_of(&self, account_id: &str) -> Option<OrgId> {
        self.accounts.get(account_id).and_then(|a| a.org_id.clone())
    }

    /// The organization `org_id` (the caller's, as the operations layer
    /// resolved it), or `AWSOrganizationsNotInUseException` when there is no
    /// such organization.
    pub(crate) fn org(&self, org_id: &OrgId) -> DomainResult<&Organization> {
        self.orgs.get(org_id).ok_or_else(DomainError::not_in_use)
    }

    /// The organization `org_id`, mutably (see [`World::org`]).
    pub(crate) fn org_mut(&mut self, org_id: &OrgId) -> DomainResult<&mut Organization> {
        self.orgs.get_mut(org_id).ok_or_else(DomainError::not_in_use)
    }

    /// The caller's organization, or `AWSOrganizationsNotInUseException`.
    pub(crate) fn caller_org(&self, caller: &str) -> DomainResult<&Organization> {
        self.org_of(caller).ok_or_else(DomainError::not_in_use)
    }

    /// What `caller` is to its organization.
    pub(crate) fn standing(&self, caller: &str) -> Standing {
        match self.org_of(caller) {
            None => Standing::Outsider,
            Some(org) if org.management_account_id == caller => Standing::Management,
            Some(_) if self.is_delegated_administrator(caller) => Standing::DelegatedAdministrator,
            Some(_) => Standing::Member,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_world_knows_only_the_default_account() {
        let world = World::new(Settings::default());
        assert_eq!(world.accounts().len(), 1);
        assert_eq!(world.standing("111111111111"), Standing::Outsider);
        assert!(world.orgs.is_empty());
    }

    #[test]
    fn creating_an_organization_makes_the_caller_its_management_account() {
        let mut world = World::new(Settings::default());
        let org = world
            .create_organization(&crate::world::AccountId::new("111111111111"), FeatureSet::All)
            .unwrap();
        assert!(org.id.starts_with("o-") && org.id.len() == 12);
        assert!(org.root.id.starts_with("r-") && org.root.id.len() == 6);
        assert_eq!(world.standing("111111111111"), Standing::Management);
        let again = world.create_organization(&crate::world::AccountId::new("111111111111"), FeatureSet::All);
        assert_eq!(again.unwrap_err().code(), "AlreadyInOrganizationException");
    }

    #[test]
    fn the_same_seed_builds_the_same_organization() {
        let id = |seed| {
            let mut w = World::new(Settings {
                seed,
                ..Settings::default()
            });
            w.create_organization(&crate::world::AccountId::new("111111111111"), FeatureSet::All)
                .unwrap()
                .id
                .clone()
        };
        assert_eq!(id(1), id(1));
        assert_ne!(id(1), id(2));
    }

    #[test]
    fn closure_moves_through_states_on_the_clock() {
        let mut world = World::new(Settings::default());
        let mut account = world.account("111111111111").unwrap().clone();
        account.closed_at = Some(world.now());
        assert_eq!(world.account_state(&account), AccountState::PendingClosure);
        world.advance(world.limits().account_closure_delay_ms);
        assert_eq!(world.account_state(&account), AccountState::Suspended);
        world.advance(accounts::CLOSED_FOR_GOOD_AFTER_MS);
        assert_eq!(world.account_state(&account), AccountState::Closed);
    }
}
