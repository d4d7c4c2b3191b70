//! One organization's trusted services, delegated-administrator
//! registrations and resource-based delegation policy, behind private
//! fields: they change only through this store's methods. The store checks
//! no AWS rule (the world's calls in `administrators.rs` do that first); it
//! imports neither the world nor the organization.

use std::collections::BTreeMap;

use super::super::domain_error::DomainResult;
use super::super::id_types::AccountId;
use super::super::{Tags, Timestamp};
use super::resource_policy::policy_not_found;
use super::resource_policy::{ResourcePolicy, Statement};
use super::services::{not_registered, Delegation};

/// Trusted access, delegated administrators and the resource policy.
#[derive(Clone, Debug, Default)]
pub(crate) struct Delegations {
    /// Services with trusted access, and when it was enabled.
    trusted: BTreeMap<String, Timestamp>,
    /// Delegated-administrator registrations in the order they were made.
    registrations: BTreeMap<u64, Delegation>,
    /// The resource-based delegation policy.
    resource_policy: Option<ResourcePolicy>,
}

impl Delegations {
    /// The store holding these records (how a snapshot is loaded).
    pub(crate) fn from_records(
        trusted: BTreeMap<String, Timestamp>,
        registrations: BTreeMap<u64, Delegation>,
        resource_policy: Option<ResourcePolicy>,
    ) -> Delegations {
        Delegations {
            trusted,
            registrations,
            resource_policy,
        }
    }

    // ---- read ----

    /// Services with trusted access, and when it was enabled, by principal.
    pub(crate) fn trusted_services(&self) -> &BTreeMap<String, Timestamp> {
        &self.trusted
    }

    /// True when `principal` has trusted access.
    pub(crate) fn trusts(&self, principal: &str) -> bool {
        self.trusted.contains_key(principal)
    }

    /// Every registration, in the order made.
    pub(crate) fn registrations(&self) -> &BTreeMap<u64, Delegation> {
        &self.registrations
    }

    /// True when `account_id` is a delegated administrator for any service.
    pub(crate) fn is_registered(&self, account_id: &str) -> bool {
        self.registrations.values().any(|d| d.account_id == account_id)
    }

    /// The resource policy, if there is one.
    pub(crate) fn resource_policy(&self) -> Option<&ResourcePolicy> {
        self.resource_policy.as_ref()
    }

    // ---- changed ----

    /// Enables trusted access for `principal` at `now` (again: no change);
    /// returns when it was enabled.
    pub(in crate::world) fn trust(&mut self, principal: &str, now: Timestamp) -> Timestamp {
        *self.trusted.entry(principal.to_string()).or_insert(now)
    }

    /// Disables trusted access for `principal` (when not enabled: no change).
    pub(in crate::world) fn distrust(&mut self, principal: &str) {
        self.trusted.remove(principal);
    }

    /// Records a registration made `seq`th; returns it.
    pub(in crate::world) fn register(&mut self, seq: u64, delegation: Delegation) -> &Delegation {
        self.registrations.entry(seq).insert_entry(delegation).into_mut()
    }

    /// Removes `account_id`'s registration for `principal`
    /// (`AccountNotRegisteredException` when there is none).
    pub(in crate::world) fn deregister(&mut self, account_id: &AccountId, principal: &str) -> DomainResult<()> {
        let seq = self
            .registrations
            .iter()
            .find(|(_, d)| d.account_id == account_id && d.service_principal == principal)
            .map(|(seq, _)| *seq)
            .ok_or_else(|| not_registered(account_id, Some(principal)))?;
        self.registrations.remove(&seq);
        Ok(())
    }

    /// Creates the resource policy `id` (`Some`: there is none yet) or
    /// replaces the content of the one there is (`None`); returns it.
    /// `tags` are a new policy's.
    pub(in crate::world) fn put_resource_policy(
        &mut self,
        id: Option<String>,
        content: &str,
        statements: Vec<Statement>,
        tags: Tags,
    ) -> &ResourcePolicy {
        match (self.resource_policy.take(), id) {
            (Some(mut policy), _) => {
                policy.content = content.to_string();
                policy.statements = statements;
                self.resource_policy.insert(policy)
            }
            (None, id) => self.resource_policy.insert(ResourcePolicy {
                // Never empty in practice: the world draws an id for a new policy.
                id: id.unwrap_or_default(),
                content: content.to_string(),
                tags,
                statements,
            }),
        }
    }

    /// The resource policy's tags, to change.
    pub(in crate::world) fn resource_policy_tags_mut(&mut self) -> Option<&mut Tags> {
        self.resource_policy.as_mut().map(|p| &mut p.tags)
    }

    /// Deletes the resource policy (`ResourcePolicyNotFoundException` when
    /// there is none).
    pub(in crate::world) fn delete_resource_policy(&mut self) -> DomainResult<()> {
        self.resource_policy.take().map(|_| ()).ok_or_else(policy_not_found)
    }
}
