//! Every account the world knows, and the index of their emails. The store
//! owns both: an account enters only through [`Accounts::insert`], which
//! indexes its email, and no method changes an email, so the index cannot
//! drift from the accounts. It knows nothing of organizations beyond the ids
//! an account records.

use super::super::id_types::{AccountId, OrgId, ParentId};
use super::super::tags::Tags;
use super::super::time::Timestamp;
use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;

/// How an account came into its organization.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JoinedMethod {
    /// It accepted an invitation (the management account counts as invited).
    Invited,
    /// The organization created it.
    Created,
}

impl JoinedMethod {
    /// AWS's name for it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            JoinedMethod::Invited => "INVITED",
            JoinedMethod::Created => "CREATED",
        }
    }
}

/// An AWS account the world knows of.
#[derive(Clone, Debug)]
pub(crate) struct Account {
    /// Twelve digits.
    pub id: AccountId,
    /// Its email address, unique in the world (case-insensitively).
    pub email: String,
    /// Its friendly name.
    pub name: String,
    /// The organization it belongs to, if any.
    pub org_id: Option<OrgId>,
    /// Its parent root or OU while it is in an organization.
    pub parent_id: Option<ParentId>,
    /// The order in which it joined, for stable listings.
    pub seq: u64,
    /// How it joined its organization.
    pub joined_method: JoinedMethod,
    /// When it joined its organization.
    pub joined_at: Timestamp,
    /// When CloseAccount was called on it.
    pub closed_at: Option<Timestamp>,
    /// Its tags within the organization.
    pub tags: Tags,
}

/// Where an account was in its organization when it left.
#[derive(Clone, Debug)]
pub(crate) struct Departure {
    /// The organization it left.
    pub org_id: OrgId,
    /// The root or OU it was under.
    pub parent_id: ParentId,
    /// Its joining order there.
    pub seq: u64,
}

/// Every account by id, with the lower-cased email index.
#[derive(Clone, Debug, Default)]
pub(crate) struct Accounts {
    by_id: HashMap<AccountId, Account>,
    /// Account id by lower-cased email.
    emails: HashMap<String, AccountId>,
}

impl Accounts {
    /// The store holding `records`, its email index rebuilt. Two records with
    /// one email leave the index shorter than the records, which
    /// [`Accounts::email_index_len`] shows (and the invariants report).
    pub(crate) fn from_records(records: HashMap<AccountId, Account>) -> Accounts {
        let emails = records
            .iter()
            .map(|(id, a)| (a.email.to_ascii_lowercase(), id.clone()))
            .collect();
        Accounts { by_id: records, emails }
    }

    /// Every account by id (for the snapshot format).
    pub(crate) fn records(&self) -> &HashMap<AccountId, Account> {
        &self.by_id
    }

    /// The account `id`.
    pub(crate) fn get(&self, id: &str) -> Option<&Account> {
        self.by_id.get(id)
    }

    /// True when the world knows account `id`.
    pub(crate) fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// The number of accounts the world knows.
    pub(crate) fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Every account, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Account> {
        self.by_id.values()
    }

    /// Every account with the id it is stored under, in no particular order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&AccountId, &Account)> {
        self.by_id.iter()
    }

    /// The account that owns `email`, compared case-insensitively.
    pub(crate) fn by_email(&self, email: &str) -> Option<&Account> {
        self.emails
            .get(&email.to_ascii_lowercase())
            .and_then(|id| self.by_id.get(id))
    }

    /// The number of entries in the email index.
    pub(crate) fn email_index_len(&self) -> usize {
        self.emails.len()
    }

    /// Adds `account` and indexes its email, and returns it. An account
    /// already stored under that id is kept (and returned) instead.
    pub(crate) fn insert(&mut self, account: Account) -> &Account {
        let id = account.id.clone();
        if !self.by_id.contains_key(&id) {
            self.emails.insert(account.email.to_ascii_lowercase(), id.clone());
            self.by_id.insert(id.clone(), account);
        }
        &self.by_id[&id]
    }

    /// Records that account `id` joined organization `org_id` under `parent_id`.
    pub(crate) fn join(
        &mut self,
        id: &str,
        org_id: &OrgId,
        parent_id: ParentId,
        seq: u64,
        method: JoinedMethod,
        at: Timestamp,
    ) -> Option<&Account> {
        let account = self.by_id.get_mut(id)?;
        account.org_id = Some(org_id.clone());
        account.parent_id = Some(parent_id);
        account.seq = seq;
        account.joined_method = method;
        account.joined_at = at;
        Some(account)
    }

    /// Takes account `id` out of its organization: it keeps existing,
    /// standalone, without the tags it had there. Returns where it was, or
    /// `None` when it was in no organization.
    pub(crate) fn leave(&mut self, id: &str) -> Option<Departure> {
        let account = self.by_id.get_mut(id)?;
        let (Some(org_id), Some(parent_id)) = (account.org_id.take(), account.parent_id.take()) else {
            return None;
        };
        account.tags = Tags::default();
        Some(Departure {
            org_id,
            parent_id,
            seq: account.seq,
        })
    }

    /// Records account `id`'s new parent (the organization's tree moves it).
    pub(crate) fn set_parent(&mut self, id: &str, parent_id: ParentId) -> Option<()> {
        self.by_id.get_mut(id)?.parent_id = Some(parent_id);
        Some(())
    }

    /// Records that CloseAccount was called on account `id` at `at`.
    pub(crate) fn close(&mut self, id: &str, at: Timestamp) -> Option<()> {
        self.by_id.get_mut(id)?.closed_at = Some(at);
        Some(())
    }

    /// Account `id`'s tags, to change (tags are no index).
    pub(crate) fn tags_mut(&mut self, id: &str) -> Option<&mut Tags> {
        self.by_id.get_mut(id).map(|a| &mut a.tags)
    }

    /// Breaks the store for the invariant tests: changes account `id` in
    /// place, past the methods that keep the world consistent.
    #[cfg(test)]
    pub(crate) fn corrupt(&mut self, id: &str, f: impl FnOnce(&mut Account)) {
        if let Some(a) = self.by_id.get_mut(id) {
            f(a)
        }
    }
}

/// `accounts[id]`: the account `id`, which the caller knows exists (as a
/// map's index, it panics otherwise).
impl<Q: ?Sized + Hash + Eq> std::ops::Index<&Q> for Accounts
where
    AccountId: Borrow<Q>,
{
    type Output = Account;

    fn index(&self, id: &Q) -> &Account {
        &self.by_id[id]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: &str, email: &str) -> Account {
        Account {
            id: AccountId::new(id),
            email: email.to_string(),
            name: "A".to_string(),
            org_id: None,
            parent_id: None,
            seq: 1,
            joined_method: JoinedMethod::Invited,
            joined_at: 0,
            closed_at: None,
            tags: Tags::default(),
        }
    }

    #[test]
    fn an_inserted_account_is_found_by_its_email_in_any_case() {
        let mut store = Accounts::default();
        store.insert(account("111111111111", "Me@Example.com"));
        assert_eq!(
            store.by_email("me@example.COM").map(|a| a.id.as_str()),
            Some("111111111111")
        );
        assert_eq!(store.email_index_len(), store.len());
    }

    #[test]
    fn inserting_a_known_id_keeps_the_first_account_and_its_email() {
        let mut store = Accounts::default();
        store.insert(account("111111111111", "a@example.com"));
        let kept = store.insert(account("111111111111", "b@example.com"));
        assert_eq!(kept.email, "a@example.com");
        assert!(store.by_email("b@example.com").is_none());
        assert_eq!((store.len(), store.email_index_len()), (1, 1));
    }

    #[test]
    fn records_sharing_an_email_leave_the_index_short() {
        let records = [
            account("111111111111", "a@example.com"),
            account("222222222222", "A@example.com"),
        ]
        .into_iter()
        .map(|a| (a.id.clone(), a))
        .collect();
        let store = Accounts::from_records(records);
        assert_eq!((store.len(), store.email_index_len()), (2, 1));
    }

    #[test]
    fn leaving_forgets_the_organization_and_its_tags() {
        let mut store = Accounts::default();
        store.insert(account("111111111111", "a@example.com"));
        let org = OrgId::new("o-aaaaaaaaaa");
        store.join(
            "111111111111",
            &org,
            ParentId::new("r-abcd"),
            7,
            JoinedMethod::Created,
            5,
        );
        store.tags_mut("111111111111").unwrap().insert("k".into(), "v".into());
        let gone = store.leave("111111111111").unwrap();
        assert_eq!((gone.org_id, gone.parent_id.as_str(), gone.seq), (org, "r-abcd", 7));
        let a = store.get("111111111111").unwrap();
        assert!(a.org_id.is_none() && a.parent_id.is_none() && a.tags.is_empty());
        assert!(store.leave("111111111111").is_none());
    }
}
