//! The world itself: the clock, the id generator, the one ordering of
//! creations, and the stores every concept keeps its records in (accounts,
//! organizations, handshakes, transfers, GovCloud pairs, IAM). Each concept's
//! behaviour is an `impl World` in its own file; this file holds the struct
//! and the core look-ups.

use std::collections::BTreeMap;

use super::accounts::{Account, AccountState, Accounts, JoinedMethod, CLOSED_FOR_GOOD_AFTER_MS};
use super::domain_error::{DomainError, DomainResult};
use super::handshakes::{Handshake, Handshakes};
use super::iam::Iam;
use super::id_types::{AccountId, OrgId, Standing};
use super::ids::IdGen;
use super::organization::Organization;
use super::settings::{Limits, Settings};
use super::tags::Tags;
use super::time::{Timestamp, MAX_TIMESTAMP};
use super::transfers::govcloud::GovCloud;
use super::transfers::responsibility_transfer::ResponsibilityTransfer;

/// The highest sequence number a world may have handed out (2^53, our choice:
/// exact in every JSON reader). A snapshot beyond it is refused; no run of
/// calls comes near it.
pub(crate) const MAX_SEQ: u64 = 1 << 53;

/// The whole modeled universe: accounts and the organizations they form.
#[derive(Clone, Debug)]
pub(crate) struct World {
    pub(super) settings: Settings,
    pub(super) now: Timestamp,
    pub(super) ids: IdGen,
    pub(super) seq: u64,
    /// Every account the world knows, with the email index.
    pub(super) accounts: Accounts,
    /// Every organization by id.
    pub(super) orgs: BTreeMap<OrgId, Organization>,
    // ---- multi-account: handshakes, responsibility transfers, GovCloud ----
    /// Every handshake, in the order sent.
    pub(super) handshakes: Handshakes,
    /// Every responsibility transfer, in the order proposed.
    pub(super) transfers: BTreeMap<u64, ResponsibilityTransfer>,
    /// GovCloud (US) account pairs.
    pub(super) govcloud: GovCloud,
    /// IAM roles and the STS sessions issued for them.
    pub(super) iam: Iam,
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
            handshakes: Handshakes::default(),
            transfers: BTreeMap::new(),
            govcloud: GovCloud::default(),
            iam: Iam::default(),
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
    /// generator keeps repeating taken ones: see [`MAX_DRAWS`](super::ids::MAX_DRAWS)).
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
    pub(crate) fn handshakes(&self) -> &BTreeMap<u64, Handshake> {
        self.handshakes.by_seq()
    }

    /// Every responsibility transfer, by the order it was proposed in.
    pub(crate) fn transfers(&self) -> &BTreeMap<u64, ResponsibilityTransfer> {
        &self.transfers
    }

    /// GovCloud (US) account pairs.
    pub(crate) fn govcloud(&self) -> &GovCloud {
        &self.govcloud
    }

    /// IAM roles and STS sessions.
    pub(crate) fn iam(&self) -> &Iam {
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
                } else if elapsed < CLOSED_FOR_GOOD_AFTER_MS {
                    AccountState::Suspended
                } else {
                    AccountState::Closed
                }
            }
        }
    }

    // ---- organizations ----

    /// Every organization by id.
    pub(crate) fn orgs(&self) -> &BTreeMap<OrgId, Organization> {
        &self.orgs
    }

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
    use crate::world::FeatureSet;

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
        assert!(org.root().id.starts_with("r-") && org.root().id.len() == 6);
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
        world.advance(CLOSED_FOR_GOOD_AFTER_MS);
        assert_eq!(world.account_state(&account), AccountState::Closed);
    }
}
