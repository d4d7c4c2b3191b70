//! An organization's create-account requests: by id, in the order they were
//! made, and the index of those still in progress (for the account quota of
//! `CreateAccount`). The store owns all three: a request enters through
//! [`CreateAccountRequests::insert`] and ends through
//! [`CreateAccountRequests::complete`], which keep the order and the index in
//! step; the index is not in snapshots, and is rebuilt on load.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::super::id_types::CreateAccountRequestId;
use super::super::time::Timestamp;
use super::request::{CompletesOn, CreateAccountOutcome, CreateAccountRequest};

/// Every create-account request of one organization.
#[derive(Clone, Debug, Default)]
pub(crate) struct CreateAccountRequests {
    /// Requests by id.
    by_id: HashMap<CreateAccountRequestId, CreateAccountRequest>,
    /// Request ids in the order they were made.
    order: BTreeMap<u64, CreateAccountRequestId>,
    /// The ids of the requests still in progress (derived).
    in_progress: BTreeSet<CreateAccountRequestId>,
}

fn in_progress(request: &CreateAccountRequest) -> bool {
    matches!(request.outcome, CreateAccountOutcome::InProgress { .. })
}

impl CreateAccountRequests {
    /// The store holding these records (for the snapshot format), its
    /// index of requests in progress rebuilt.
    pub(crate) fn from_records(
        by_id: HashMap<CreateAccountRequestId, CreateAccountRequest>,
        order: BTreeMap<u64, CreateAccountRequestId>,
    ) -> CreateAccountRequests {
        let in_progress = by_id
            .values()
            .filter(|r| in_progress(r))
            .map(|r| r.id.clone())
            .collect();
        CreateAccountRequests {
            by_id,
            order,
            in_progress,
        }
    }

    /// Every request by id.
    pub(crate) fn by_id(&self) -> &HashMap<CreateAccountRequestId, CreateAccountRequest> {
        &self.by_id
    }

    /// Request ids by the order they were made in.
    pub(crate) fn order(&self) -> &BTreeMap<u64, CreateAccountRequestId> {
        &self.order
    }

    /// The request `id`.
    pub(crate) fn get(&self, id: &str) -> Option<&CreateAccountRequest> {
        self.by_id.get(id)
    }

    /// Every request with its sequence number, in the order they were made
    /// (an id the order lists without a request is skipped).
    pub(crate) fn in_order(&self) -> impl DoubleEndedIterator<Item = (&u64, &CreateAccountRequest)> {
        self.order
            .iter()
            .filter_map(|(seq, id)| self.by_id.get(id).map(|r| (seq, r)))
    }

    /// The number of requests still in progress.
    pub(crate) fn in_progress_count(&self) -> usize {
        self.in_progress.len()
    }

    /// Records a new request, made `seq`th, indexed while it is in progress.
    pub(in crate::world) fn insert(&mut self, seq: u64, request: CreateAccountRequest) {
        if in_progress(&request) {
            self.in_progress.insert(request.id.clone());
        }
        self.order.insert(seq, request.id.clone());
        self.by_id.insert(request.id.clone(), request);
    }

    /// Records how a request ended, and when; it leaves the index of
    /// requests in progress.
    pub(in crate::world) fn complete(
        &mut self,
        id: &CreateAccountRequestId,
        outcome: CreateAccountOutcome,
        at: Timestamp,
    ) {
        self.in_progress.remove(id);
        if let Some(request) = self.by_id.get_mut(id) {
            request.outcome = outcome;
            request.completed_at = Some(at);
        }
    }

    /// Counts one status look-up of request `id`: a request in progress on
    /// polls comes one poll closer to completion. True when it is due now
    /// (its last poll was this one); `None` when there is no such request.
    pub(in crate::world) fn poll(&mut self, id: &str) -> Option<bool> {
        let request = self.by_id.get_mut(id)?;
        Some(match &mut request.outcome {
            CreateAccountOutcome::InProgress {
                completes_on: CompletesOn::Polls(polls_left),
                ..
            } => {
                if *polls_left <= 1 {
                    *polls_left = 0;
                    true
                } else {
                    *polls_left -= 1;
                    false
                }
            }
            _ => false,
        })
    }

    /// True when the index agrees with the requests it mirrors.
    #[cfg(test)]
    pub(crate) fn index_consistent(&self) -> bool {
        let rebuilt = CreateAccountRequests::from_records(self.by_id.clone(), self.order.clone());
        rebuilt.in_progress == self.in_progress
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::{AccountId, CreateAccountCompletion, FeatureSet, Settings, Tags, World};

    const M: &str = "111111111111";

    fn request(id: &str, polls: u32) -> CreateAccountRequest {
        CreateAccountRequest {
            id: CreateAccountRequestId::new(id),
            account_name: "a".into(),
            email: "a@example.com".into(),
            tags: Tags::default(),
            requested_at: 0,
            completed_at: None,
            outcome: CreateAccountOutcome::InProgress {
                completes_on: CompletesOn::Polls(polls),
                failure: None,
            },
            role_name: None,
        }
    }

    #[test]
    fn the_index_follows_insertion_and_completion() {
        let mut s = CreateAccountRequests::default();
        s.insert(2, request("car-b", 2));
        s.insert(1, request("car-a", 0));
        assert_eq!(s.in_progress_count(), 2);
        let ids: Vec<&str> = s.in_order().map(|(_, r)| r.id.as_str()).collect();
        assert_eq!(ids, ["car-a", "car-b"]);
        assert_eq!(s.poll("car-b"), Some(false));
        assert_eq!(s.poll("car-b"), Some(true));
        assert_eq!(s.poll("car-z"), None);
        let done = CreateAccountOutcome::Succeeded {
            account_id: AccountId::new("222222222222"),
        };
        s.complete(&CreateAccountRequestId::new("car-b"), done, 5);
        assert_eq!(s.in_progress_count(), 1);
        assert_eq!(s.get("car-b").unwrap().completed_at, Some(5));
        assert!(s.index_consistent());
        // Rebuilt from its records, the store has the same index.
        let again = CreateAccountRequests::from_records(s.by_id().clone(), s.order().clone());
        assert_eq!(again.in_progress_count(), 1);
    }

    #[test]
    fn requests_in_progress_are_indexed_until_they_complete() {
        let mut w = World::new(Settings {
            create_account_completion: CreateAccountCompletion::AfterPolls(2),
            ..Settings::default()
        });
        w.create_organization(&AccountId::new(M), FeatureSet::All).unwrap();
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
