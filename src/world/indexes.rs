//! Indexes that keep every operation independent of the organization's size.
//!
//! Each index mirrors a primary record and is changed only here, next to
//! that record, so the two can never disagree (the policies' indexes live in
//! their own store, `policies::PolicyBook`):
//! - `Organization::create_account_in_progress` holds the requests whose
//!   outcome is still `InProgress`, for the account quota of `CreateAccount`.

use super::id_types::CreateAccountRequestId;

use super::{CreateAccountOutcome, CreateAccountRequest, Organization, Timestamp};

impl Organization {
    /// Records a new create-account request (made `seq`th), indexed while
    /// it is in progress.
    pub(crate) fn insert_create_account_request(&mut self, seq: u64, request: CreateAccountRequest) {
        if matches!(request.outcome, CreateAccountOutcome::InProgress { .. }) {
            self.create_account_in_progress.insert(request.id.clone());
        }
        self.create_account_order.insert(seq, request.id.clone());
        self.create_account_requests.insert(request.id.clone(), request);
    }

    /// Records how a create-account request ended, and when; it leaves the
    /// index of requests in progress.
    pub(crate) fn complete_create_account_request(
        &mut self,
        id: &CreateAccountRequestId,
        outcome: CreateAccountOutcome,
        at: Timestamp,
    ) {
        self.create_account_in_progress.remove(id);
        if let Some(request) = self.create_account_requests.get_mut(id) {
            request.outcome = outcome;
            request.completed_at = Some(at);
        }
    }

    /// The number of create-account requests still in progress.
    pub(crate) fn create_accounts_in_progress(&self) -> usize {
        self.create_account_in_progress.len()
    }

    /// Rebuilds every index from the records it mirrors (indexes are not
    /// part of a snapshot: `World::from_parts` gets them back this way).
    pub(super) fn rebuild_indexes(&mut self) {
        self.create_account_in_progress = self
            .create_account_requests
            .values()
            .filter(|r| matches!(r.outcome, CreateAccountOutcome::InProgress { .. }))
            .map(|r| r.id.clone())
            .collect();
    }

    /// True when every index agrees with the records it mirrors.
    #[cfg(test)]
    pub(crate) fn indexes_consistent(&self) -> bool {
        let mut rebuilt = self.clone();
        rebuilt.rebuild_indexes();
        rebuilt.create_account_in_progress == self.create_account_in_progress && self.policies.indexes_consistent()
    }
}

#[cfg(test)]
mod tests {
    use crate::world::{CreateAccountCompletion, FeatureSet, Settings, World};

    const M: &str = "111111111111";

    #[test]
    fn requests_in_progress_are_indexed_until_they_complete() {
        let mut w = World::new(Settings {
            create_account_completion: CreateAccountCompletion::AfterPolls(2),
            ..Settings::default()
        });
        w.create_organization(&crate::world::AccountId::new(M), FeatureSet::All)
            .unwrap();
        let o = w.org_id_of(M).unwrap();
        let a = w.create_account(&o, "a@example.com", "A", &[]).unwrap();
        w.create_account(&o, "b@example.com", "B", &[]).unwrap();
        assert_eq!(w.caller_org(M).unwrap().create_accounts_in_progress(), 2);
        w.poll_create_account(&o, &a).unwrap();
        w.poll_create_account(&o, &a).unwrap();
        let org = w.caller_org(M).unwrap();
        assert_eq!(org.create_accounts_in_progress(), 1);
        assert!(org.indexes_consistent());
    }
}
