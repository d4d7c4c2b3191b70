//! Indexes that keep every operation independent of the organization's size.
//!
//! Each index mirrors a primary record and is changed only here, next to
//! that record, so the two can never disagree:
//! - `Organization::policy_targets` is the reverse of `attachments` (the
//!   targets of each policy), for `ListTargetsForPolicy` and `DeletePolicy`;
//! - `Organization::policy_names` finds customer-managed policies by type
//!   and name, for CreatePolicy's and UpdatePolicy's unique names and the
//!   per-type quota;
//! - `Organization::create_account_in_progress` holds the requests whose
//!   outcome is still `InProgress`, for the account quota of `CreateAccount`.

use super::id_types::{CreateAccountRequestId, PolicyId, TargetId};
use std::collections::{BTreeMap, HashMap};

use super::policies::{Attachment, Policy};
use super::policy_types::PolicyType;
use super::{CreateAccountOutcome, CreateAccountRequest, Organization, Timestamp};

/// Customer-managed policies' ids by type, then name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PolicyNames(BTreeMap<PolicyType, HashMap<String, PolicyId>>);

impl PolicyNames {
    fn insert(&mut self, policy: &Policy) {
        self.0
            .entry(policy.policy_type)
            .or_default()
            .insert(policy.name.clone(), policy.id.clone());
    }

    fn remove(&mut self, policy: &Policy) {
        if let Some(names) = self.0.get_mut(&policy.policy_type) {
            names.remove(&policy.name);
        }
    }

    /// The policy of `policy_type` named `name`, if there is one.
    pub(crate) fn get(&self, policy_type: PolicyType, name: &str) -> Option<&PolicyId> {
        self.0.get(&policy_type).and_then(|names| names.get(name))
    }

    /// How many customer-managed policies of `policy_type` there are.
    pub(crate) fn count(&self, policy_type: PolicyType) -> usize {
        self.0.get(&policy_type).map_or(0, HashMap::len)
    }
}

impl Organization {
    /// Records `attachment` of a policy to `target_id`, in both directions.
    pub(crate) fn insert_attachment(&mut self, target_id: &str, seq: u64, attachment: Attachment) {
        self.policy_targets
            .entry(attachment.policy_id.clone())
            .or_default()
            .insert(seq, TargetId::new(target_id));
        self.attachments
            .entry(TargetId::new(target_id))
            .or_default()
            .insert(seq, attachment);
    }

    /// Removes the attachment `seq` of `target_id`, in both directions.
    pub(crate) fn remove_attachment(&mut self, target_id: &str, seq: u64) {
        let Some(list) = self.attachments.get_mut(target_id) else {
            return;
        };
        let Some(attachment) = list.remove(&seq) else {
            return;
        };
        if list.is_empty() {
            self.attachments.remove(target_id);
        }
        self.forget_target(&attachment.policy_id, seq);
    }

    /// Removes every attachment of `target_id` (an account that left, an OU
    /// that was deleted), in both directions.
    pub(crate) fn remove_target(&mut self, target_id: &str) {
        for (seq, attachment) in self.attachments.remove(target_id).unwrap_or_default() {
            self.forget_target(&attachment.policy_id, seq);
        }
    }

    fn forget_target(&mut self, policy_id: &str, seq: u64) {
        if let Some(targets) = self.policy_targets.get_mut(policy_id) {
            targets.remove(&seq);
            if targets.is_empty() {
                self.policy_targets.remove(policy_id);
            }
        }
    }

    /// Every target a policy is attached to, by attachment order.
    pub(crate) fn targets_of(&self, policy_id: &str) -> Option<&BTreeMap<u64, TargetId>> {
        self.policy_targets.get(policy_id)
    }

    /// Adds a customer-managed policy, indexed by its type and name.
    pub(crate) fn insert_policy(&mut self, policy: Policy) {
        self.policy_names.insert(&policy);
        self.policies.insert(policy.id.clone(), policy);
    }

    /// Removes a customer-managed policy and its index entry.
    pub(crate) fn remove_policy(&mut self, policy_id: &PolicyId) {
        if let Some(policy) = self.policies.remove(policy_id) {
            self.policy_names.remove(&policy);
        }
    }

    /// Renames a customer-managed policy, index and all.
    pub(crate) fn rename_policy(&mut self, policy_id: &PolicyId, name: &str) {
        let Some(policy) = self.policies.get_mut(policy_id) else {
            return;
        };
        self.policy_names.remove(policy);
        policy.name = name.to_string();
        self.policy_names.insert(policy);
    }

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
        let mut targets: BTreeMap<PolicyId, BTreeMap<u64, TargetId>> = BTreeMap::new();
        for (target, list) in &self.attachments {
            for (seq, a) in list {
                targets
                    .entry(a.policy_id.clone())
                    .or_default()
                    .insert(*seq, target.clone());
            }
        }
        self.policy_targets = targets;
        self.policy_names = PolicyNames::default();
        for policy in self.policies.values() {
            self.policy_names.insert(policy);
        }
        self.create_account_in_progress = self
            .create_account_requests
            .values()
            .filter(|r| matches!(r.outcome, CreateAccountOutcome::InProgress { .. }))
            .map(|r| r.id.clone())
            .collect();
        self.attachments.retain(|_, list| !list.is_empty());
    }

    /// True when every index agrees with the records it mirrors.
    #[cfg(test)]
    pub(crate) fn indexes_consistent(&self) -> bool {
        let mut rebuilt = self.clone();
        rebuilt.rebuild_indexes();
        rebuilt.policy_targets == self.policy_targets
            && rebuilt.policy_names == self.policy_names
            && rebuilt.create_account_in_progress == self.create_account_in_progress
            && rebuilt.attachments.len() == self.attachments.len()
    }
}

#[cfg(test)]
mod tests {
    use crate::world::{CreateAccountCompletion, FeatureSet, Settings, World};

    const M: &str = "111111111111";

    #[test]
    fn the_reverse_attachment_index_follows_every_change() {
        let (mut w, root, o) = crate::world::test_support::org_world(Settings::default());
        w.enable_policy_type(&o, &root, crate::world::policies::PolicyType::ServiceControlPolicy)
            .unwrap();
        let ou = w.create_ou(&o, &root.clone().into(), "A", &[]).unwrap();
        let r = w.create_account(&o, "a@example.com", "A", &[]).unwrap();
        let account = match &w.poll_create_account(&o, &r).unwrap().outcome {
            crate::world::CreateAccountOutcome::Succeeded { account_id } => account_id.clone(),
            other => panic!("{other:?}"),
        };
        let scp = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#;
        let p = w
            .create_policy(
                &o,
                crate::world::policies::PolicyType::ServiceControlPolicy,
                "deny-s3",
                "",
                scp,
                &[],
            )
            .unwrap();
        for t in [root.as_str(), ou.as_str(), account.as_str()] {
            w.attach_policy(&o, &p, &crate::world::TargetId::new(t)).unwrap();
        }
        let org = w.caller_org(M).unwrap();
        assert!(org.indexes_consistent());
        assert_eq!(org.targets_of(&p).map(|t| t.len()), Some(3));
        assert_eq!(org.targets_of("p-FullAWSAccess").map(|t| t.len()), Some(4));

        // Indexes are not part of a snapshot; a world rebuilt from its
        // parts (as a snapshot is loaded) rebuilds them.
        let mut orgs = w.orgs.clone();
        for org in orgs.values_mut() {
            org.policy_targets.clear();
            org.policy_names = Default::default();
            org.create_account_in_progress.clear();
        }
        let copy = World::from_parts(crate::world::WorldParts {
            settings: w.settings.clone(),
            now: w.now,
            id_state: w.counters().0,
            seq: w.counters().1,
            accounts: w.accounts.records().clone(),
            orgs,
            handshakes: w.handshakes.clone(),
            transfers: w.transfers.clone(),
            govcloud: w.govcloud.records(),
            iam: w.iam.records(),
        });
        let (a, b) = (w.caller_org(M).unwrap(), copy.caller_org(M).unwrap());
        assert_eq!(a.policy_targets, b.policy_targets);
        assert!(!b.policy_targets.is_empty());

        w.detach_policy(&o, &p, &ou.clone().into()).unwrap();
        w.remove_account(&o, &account).unwrap();
        let org = w.caller_org(M).unwrap();
        assert!(org.indexes_consistent());
        assert_eq!(
            org.targets_of(&p).map(|t| t.values().cloned().collect()),
            Some(vec![crate::world::TargetId::from(&root)])
        );

        w.delete_ou(&o, &ou).unwrap();
        w.disable_policy_type(&o, &root, crate::world::policies::PolicyType::ServiceControlPolicy)
            .unwrap();
        let org = w.caller_org(M).unwrap();
        assert!(org.indexes_consistent());
        assert!(org.targets_of(&p).is_none() && org.targets_of("p-FullAWSAccess").is_none());
        w.delete_policy(&o, &p).unwrap();
    }

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
