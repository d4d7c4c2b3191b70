//! The policy book: one organization's customer-managed policies, the
//! policies attached to each root, OU and account, and the policy types
//! enabled (or on their way) on the root.
//!
//! Its fields are private. Two indexes mirror its records and change only
//! here, next to them, so they can never disagree:
//! - the policies' ids by type and name ([`PolicyNames`]), for CreatePolicy's
//!   and UpdatePolicy's unique names and the per-type quota;
//! - the reverse of the attachments (the targets of each policy, in
//!   attachment order), for `ListTargetsForPolicy` and `DeletePolicy`.
//!
//! The book checks no AWS rule (quotas, enablement, target existence): the
//! world's calls do that before they change it. It knows its own records,
//! ids and errors, and imports neither the world nor the organization.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::super::domain_error::DomainResult;
use super::super::id_types::{PolicyId, TargetId};
use super::super::{Tags, Timestamp};
use super::policy_types::{managed_by_id, PolicyType};
use super::records::{policy_not_found, Attachment, PendingPolicyType, Policy};

/// Customer-managed policies' ids by type, then name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct PolicyNames(BTreeMap<PolicyType, HashMap<String, PolicyId>>);

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

    fn get(&self, policy_type: PolicyType, name: &str) -> Option<&PolicyId> {
        self.0.get(&policy_type).and_then(|names| names.get(name))
    }

    fn count(&self, policy_type: PolicyType) -> usize {
        self.0.get(&policy_type).map_or(0, HashMap::len)
    }
}

/// One organization's policies, attachments and policy types.
#[derive(Clone, Debug, Default)]
pub(crate) struct PolicyBook {
    /// Customer-managed policies by id (AWS-managed ones are built in).
    policies: BTreeMap<PolicyId, Policy>,
    /// The policies attached to each root, OU and account, by target id, in
    /// attachment order. No target has an empty list.
    attachments: BTreeMap<TargetId, BTreeMap<u64, Attachment>>,
    /// The policy types enabled on the root. Only meaningful with all
    /// features: see `Organization::policy_type_enabled`.
    enabled_types: BTreeSet<PolicyType>,
    /// Policy types shown `PENDING_ENABLE` or `PENDING_DISABLE`.
    pending_types: BTreeMap<PolicyType, PendingPolicyType>,
    // ---- indexes, not in snapshots: rebuilt on load ----
    /// The policies' ids by type and name.
    names: PolicyNames,
    /// The reverse of `attachments`: the targets of each policy, by
    /// attachment order.
    targets: BTreeMap<PolicyId, BTreeMap<u64, TargetId>>,
}

impl PolicyBook {
    /// An empty book with `enabled_types` enabled on the root.
    pub(in crate::world) fn new(enabled_types: BTreeSet<PolicyType>) -> PolicyBook {
        PolicyBook {
            enabled_types,
            ..PolicyBook::default()
        }
    }

    /// The book holding these records, its indexes rebuilt (how a snapshot
    /// is loaded: indexes are not part of it). Empty attachment lists are
    /// dropped. It may break AWS's rules: the world's invariants say so.
    pub(crate) fn from_records(
        enabled_types: BTreeSet<PolicyType>,
        pending_types: BTreeMap<PolicyType, PendingPolicyType>,
        policies: BTreeMap<PolicyId, Policy>,
        mut attachments: BTreeMap<TargetId, BTreeMap<u64, Attachment>>,
    ) -> PolicyBook {
        attachments.retain(|_, list| !list.is_empty());
        let mut book = PolicyBook {
            policies,
            attachments,
            enabled_types,
            pending_types,
            names: PolicyNames::default(),
            targets: BTreeMap::new(),
        };
        book.rebuild_indexes();
        book
    }

    fn rebuild_indexes(&mut self) {
        self.targets = BTreeMap::new();
        for (target, list) in &self.attachments {
            for (seq, a) in list {
                self.targets
                    .entry(a.policy_id.clone())
                    .or_default()
                    .insert(*seq, target.clone());
            }
        }
        self.names = PolicyNames::default();
        for policy in self.policies.values() {
            self.names.insert(policy);
        }
    }

    // ---- records, read ----

    /// The customer-managed policies by id.
    pub(crate) fn policies(&self) -> &BTreeMap<PolicyId, Policy> {
        &self.policies
    }

    /// The customer-managed policy `id`.
    pub(crate) fn policy(&self, id: &str) -> Option<&Policy> {
        self.policies.get(id)
    }

    /// A customer-managed policy or an AWS-managed one, by id
    /// (`PolicyNotFoundException` otherwise).
    pub(crate) fn find(&self, id: &str) -> DomainResult<Policy> {
        if let Some(p) = self.policies.get(id) {
            return Ok(p.clone());
        }
        match managed_by_id(id) {
            Some((spec, m)) => Ok(Policy::managed(spec, m)),
            None => Err(policy_not_found(id)),
        }
    }

    /// The customer-managed policy of `policy_type` named `name`.
    pub(crate) fn named(&self, policy_type: PolicyType, name: &str) -> Option<&PolicyId> {
        self.names.get(policy_type, name)
    }

    /// How many customer-managed policies of `policy_type` there are.
    pub(crate) fn count(&self, policy_type: PolicyType) -> usize {
        self.names.count(policy_type)
    }

    /// Every target's attachments, by target id, in attachment order.
    pub(crate) fn attachments(&self) -> &BTreeMap<TargetId, BTreeMap<u64, Attachment>> {
        &self.attachments
    }

    /// The attachments of `target_id`, in attachment order.
    pub(crate) fn attachments_of(&self, target_id: &str) -> Option<&BTreeMap<u64, Attachment>> {
        self.attachments.get(target_id)
    }

    /// The policies of `policy_type` attached directly to `target_id`, in
    /// attachment order.
    pub(crate) fn attached(&self, target_id: &str, policy_type: PolicyType) -> Vec<(u64, Policy)> {
        self.attachments
            .get(target_id)
            .into_iter()
            .flatten()
            .filter_map(|(seq, a)| self.find(&a.policy_id).ok().map(|p| (*seq, p)))
            .filter(|(_, p)| p.policy_type == policy_type)
            .collect()
    }

    /// Every target a policy is attached to, by attachment order.
    pub(crate) fn targets_of(&self, policy_id: &str) -> Option<&BTreeMap<u64, TargetId>> {
        self.targets.get(policy_id)
    }

    /// The policy types enabled on the root (feature set aside).
    pub(crate) fn enabled_types(&self) -> &BTreeSet<PolicyType> {
        &self.enabled_types
    }

    /// The policy types on their way to `ENABLED` or away from it.
    pub(crate) fn pending_types(&self) -> &BTreeMap<PolicyType, PendingPolicyType> {
        &self.pending_types
    }

    // ---- policies, changed ----

    /// Adds a customer-managed policy, indexed by its type and name; returns it.
    pub(in crate::world) fn insert_policy(&mut self, policy: Policy) -> &Policy {
        self.names.insert(&policy);
        let id = policy.id.clone();
        self.policies.entry(id).insert_entry(policy).into_mut()
    }

    /// Changes a customer-managed policy's name (index and all), description
    /// or content (then `updated_at` becomes `now`); returns it.
    pub(in crate::world) fn edit_policy(
        &mut self,
        policy_id: &PolicyId,
        name: Option<&str>,
        description: Option<&str>,
        content: Option<&str>,
        now: Timestamp,
    ) -> DomainResult<&Policy> {
        let policy = self
            .policies
            .get_mut(policy_id)
            .ok_or_else(|| policy_not_found(policy_id))?;
        if let Some(name) = name {
            self.names.remove(policy);
            policy.name = name.to_string();
            self.names.insert(policy);
        }
        if let Some(description) = description {
            policy.description = description.to_string();
        }
        if let Some(content) = content {
            policy.content = content.to_string();
            policy.updated_at = now;
        }
        Ok(policy)
    }

    /// The tags of a customer-managed policy, to change (tags are indexed nowhere).
    pub(in crate::world) fn tags_mut(&mut self, policy_id: &str) -> Option<&mut Tags> {
        self.policies.get_mut(policy_id).map(|p| &mut p.tags)
    }

    /// Removes a customer-managed policy and its index entry.
    pub(in crate::world) fn remove_policy(&mut self, policy_id: &PolicyId) {
        if let Some(policy) = self.policies.remove(policy_id) {
            self.names.remove(&policy);
        }
    }

    // ---- attachments, changed ----

    /// Records `attachment` of a policy to `target_id`, made `seq`th, in
    /// both directions; returns it.
    pub(in crate::world) fn attach(&mut self, target_id: &str, seq: u64, attachment: Attachment) -> &Attachment {
        self.targets
            .entry(attachment.policy_id.clone())
            .or_default()
            .insert(seq, TargetId::new(target_id));
        self.attachments
            .entry(TargetId::new(target_id))
            .or_default()
            .entry(seq)
            .insert_entry(attachment)
            .into_mut()
    }

    /// Removes the attachment `seq` of `target_id`, in both directions.
    pub(in crate::world) fn detach(&mut self, target_id: &str, seq: u64) {
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
    pub(in crate::world) fn remove_target(&mut self, target_id: &str) {
        for (seq, attachment) in self.attachments.remove(target_id).unwrap_or_default() {
            self.forget_target(&attachment.policy_id, seq);
        }
    }

    fn forget_target(&mut self, policy_id: &str, seq: u64) {
        if let Some(targets) = self.targets.get_mut(policy_id) {
            targets.remove(&seq);
            if targets.is_empty() {
                self.targets.remove(policy_id);
            }
        }
    }

    // ---- policy types, changed ----

    /// Enables `policy_type` on the root.
    pub(in crate::world) fn enable_type(&mut self, policy_type: PolicyType) {
        self.enabled_types.insert(policy_type);
    }

    /// Disables `policy_type` on the root and detaches every policy of the
    /// type from every target.
    pub(in crate::world) fn disable_type(&mut self, policy_type: PolicyType) {
        let of_type: Vec<(TargetId, u64)> = self
            .attachments
            .keys()
            .flat_map(|t| {
                self.attached(t, policy_type)
                    .into_iter()
                    .map(move |(seq, _)| (t.clone(), seq))
            })
            .collect();
        self.enabled_types.remove(&policy_type);
        for (target, seq) in of_type {
            self.detach(&target, seq);
        }
    }

    /// Shows `policy_type` as pending on the root (`Some`), or ends its
    /// transition (`None`).
    pub(in crate::world) fn set_pending(&mut self, policy_type: PolicyType, pending: Option<PendingPolicyType>) {
        match pending {
            Some(p) => self.pending_types.insert(policy_type, p),
            None => self.pending_types.remove(&policy_type),
        };
    }

    /// One `ListRoots` call has seen the root: every pending type is one
    /// poll nearer to its end state.
    pub(in crate::world) fn poll(&mut self) {
        self.pending_types.retain(|_, p| {
            p.polls_left = p.polls_left.saturating_sub(1);
            p.polls_left > 0
        });
    }

    /// True when both indexes agree with the records they mirror.
    #[cfg(test)]
    pub(crate) fn indexes_consistent(&self) -> bool {
        let rebuilt = PolicyBook::from_records(
            self.enabled_types.clone(),
            self.pending_types.clone(),
            self.policies.clone(),
            self.attachments.clone(),
        );
        rebuilt.targets == self.targets
            && rebuilt.names == self.names
            && rebuilt.attachments.len() == self.attachments.len()
    }
}

#[cfg(test)]
mod tests {
    use crate::world::policies::PolicyType;
    use crate::world::{Settings, TargetId, World};

    const M: &str = "111111111111";

    #[test]
    fn the_reverse_attachment_index_follows_every_change() {
        let (mut w, root, o) = crate::world::test_support::org_world(Settings::default());
        w.enable_policy_type(&o, &root, PolicyType::ServiceControlPolicy)
            .unwrap();
        let ou = w.create_ou(&o, &root.clone().into(), "A", &[]).unwrap().id.clone();
        let r = w.create_account(&o, "a@example.com", "A", &[]).unwrap();
        let account = match &w.poll_create_account(&o, &r).unwrap().outcome {
            crate::world::CreateAccountOutcome::Succeeded { account_id } => account_id.clone(),
            other => panic!("{other:?}"),
        };
        let scp = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#;
        let p = w
            .create_policy(&o, PolicyType::ServiceControlPolicy, "deny-s3", "", scp, &[])
            .unwrap()
            .1
            .id
            .clone();
        for t in [root.as_str(), ou.as_str(), account.as_str()] {
            w.attach_policy(&o, &p, &TargetId::new(t)).unwrap();
        }
        let book = &w.caller_org(M).unwrap().policies;
        assert!(book.indexes_consistent());
        assert_eq!(book.targets_of(&p).map(|t| t.len()), Some(3));
        assert_eq!(book.targets_of("p-FullAWSAccess").map(|t| t.len()), Some(4));

        // Indexes are not part of a snapshot; a book rebuilt from its
        // records (as a snapshot is loaded) rebuilds them.
        let copy = super::PolicyBook::from_records(
            book.enabled_types().clone(),
            book.pending_types().clone(),
            book.policies().clone(),
            book.attachments().clone(),
        );
        assert_eq!(book.targets, copy.targets);
        assert_eq!(book.names, copy.names);
        assert!(!copy.targets.is_empty());

        w.detach_policy(&o, &p, &ou.clone().into()).unwrap();
        w.remove_account(&o, &account).unwrap();
        let book = &w.caller_org(M).unwrap().policies;
        assert!(book.indexes_consistent());
        assert_eq!(
            book.targets_of(&p).map(|t| t.values().cloned().collect()),
            Some(vec![TargetId::from(&root)])
        );

        w.delete_ou(&o, &ou).unwrap();
        w.disable_policy_type(&o, &root, PolicyType::ServiceControlPolicy)
            .unwrap();
        let book = &w.caller_org(M).unwrap().policies;
        assert!(book.indexes_consistent());
        assert!(book.targets_of(&p).is_none() && book.targets_of("p-FullAWSAccess").is_none());
        w.delete_policy(&o, &p).unwrap();
        assert_eq!(
            w.caller_org(M)
                .unwrap()
                .policies
                .count(PolicyType::ServiceControlPolicy),
            0
        );
    }

    #[test]
    fn a_rename_moves_the_name_in_the_index() {
        let (mut w, _, o) = crate::world::test_support::org_world(Settings::default());
        let tag = PolicyType::ServiceControlPolicy;
        let doc = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#;
        let id = w.create_policy(&o, tag, "a", "", doc, &[]).unwrap().1.id.clone();
        w.update_policy(&o, &id, Some("b"), None, None).unwrap();
        let book = &w.caller_org(M).unwrap().policies;
        assert_eq!(book.named(tag, "a"), None);
        assert_eq!(book.named(tag, "b"), Some(&id));
        assert!(book.indexes_consistent());
        // The old name is free again; the new one is taken.
        w.create_policy(&o, tag, "a", "", doc, &[]).unwrap();
        let err = w.create_policy(&o, tag, "b", "", doc, &[]).unwrap_err();
        assert_eq!(err.code(), "DuplicatePolicyException");
    }

    #[test]
    fn a_world_rebuilt_from_its_parts_has_the_same_book() {
        let (mut w, root, o) = crate::world::test_support::org_world(Settings::default());
        w.enable_policy_type(&o, &root, PolicyType::ServiceControlPolicy)
            .unwrap();
        let copy = World::from_parts(crate::world::WorldParts {
            settings: w.settings.clone(),
            now: w.now,
            id_state: w.counters().0,
            seq: w.counters().1,
            accounts: w.accounts.records().clone(),
            orgs: w.orgs.clone(),
            handshakes: w.handshakes.by_seq().clone(),
            transfers: w.transfers.clone(),
            govcloud: w.govcloud.records(),
            iam: w.iam.records(),
        });
        let (a, b) = (
            &w.caller_org(M).unwrap().policies,
            &copy.caller_org(M).unwrap().policies,
        );
        assert_eq!(a.targets, b.targets);
        assert!(b.indexes_consistent());
    }

    /// The first identifier of the world's (`World`, `Organization`) that
    /// `source` names outside comments and its test module, if any.
    fn names_the_world(source: &str) -> Option<&'static str> {
        let end = source.find("#[cfg(test)]\nmod tests").unwrap_or(source.len());
        source[..end]
            .lines()
            .map(|line| line.split("//").next().unwrap_or_default())
            .flat_map(|line| line.split(|c: char| !(c.is_alphanumeric() || c == '_')))
            .find_map(|word| ["World", "Organization", "WorldParts"].into_iter().find(|w| *w == word))
    }

    #[test]
    fn the_stores_and_their_records_name_neither_the_world_nor_the_organization() {
        // The walls hold only if a store cannot reach past its own data: it
        // takes what it needs (a sequence number, the time) as arguments.
        let stores = [
            ("policies/book.rs", include_str!("book.rs")),
            ("policies/records.rs", include_str!("records.rs")),
            ("policies/policy_types.rs", include_str!("policy_types.rs")),
            ("policies/policy_syntax.rs", include_str!("policy_syntax.rs")),
            ("delegation/store.rs", include_str!("../delegation/store.rs")),
            ("delegation/services.rs", include_str!("../delegation/services.rs")),
            (
                "delegation/resource_policy.rs",
                include_str!("../delegation/resource_policy.rs"),
            ),
        ];
        for (file, source) in stores {
            assert_eq!(names_the_world(source), None, "{file}");
        }
        // The mistake, written out: a store importing the world is caught,
        // a comment or a test naming it is not.
        assert_eq!(
            names_the_world("use super::super::{Tags, World};\nstruct S;"),
            Some("World")
        );
        assert_eq!(
            names_the_world("fn f(o: &super::super::Organization) {}"),
            Some("Organization")
        );
        assert_eq!(
            names_the_world("// see World\n#[cfg(test)]\nmod tests { use World; }"),
            None
        );
    }
}
