//! Enabling and disabling policy types on a root, with AWS's transitional
//! `PENDING_ENABLE` / `PENDING_DISABLE` states (`PolicyTypeTransition`).

use super::super::domain_error::{DomainError, DomainResult, Exception};
use super::super::id_types::{OrgId, RootId};
use super::super::{FeatureSet, Organization, World};
use super::*;
use aws_sdk_organizations::types::ConstraintViolationExceptionReason;

impl World {
    /// The organization, once `root_id` is its root, and the type's row.
    fn root_for_policy_type(
        &self,
        org_id: &OrgId,
        root_id: &RootId,
        policy_type: PolicyType,
    ) -> DomainResult<(&Organization, &'static PolicyTypeSpec)> {
        let org = self.org(org_id)?;
        if *root_id != org.root().id {
            return Err(DomainError::new(
                Exception::RootNotFound,
                format!(
                    "No root with id '{root_id}' exists in your organization; its root is '{}'.",
                    org.root().id
                ),
            ));
        }
        Ok((org, policy_type.spec()))
    }

    /// Enables a policy type in the root. For types with an AWS-managed
    /// policy attached everywhere, that policy is attached to the root, every
    /// OU and every account.
    pub(crate) fn enable_policy_type(
        &mut self,
        org_id: &OrgId,
        root_id: &RootId,
        policy_type: PolicyType,
    ) -> DomainResult<()> {
        let (org, spec) = self.root_for_policy_type(org_id, root_id, policy_type)?;
        if org.feature_set != FeatureSet::All {
            return Err(not_available(org.feature_set.as_str(), spec.name));
        }
        if org.policy_type_enabled(spec.policy_type) {
            return Err(DomainError::new(
                Exception::PolicyTypeAlreadyEnabled,
                format!("Policy type {} is already enabled in root '{root_id}'.", spec.name),
            ));
        }
        if let Some(service) = spec.service.filter(|s| !org.delegation.trusts(s)) {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::ServiceAccessNotEnabled,
                format!(
                    "Policy type {} needs trusted access for '{service}'. Call EnableAWSServiceAccess for it first.",
                    spec.name
                ),
            ));
        }
        let targets = org.all_targets();
        self.org_mut(org_id)?.policies.enable_type(spec.policy_type);
        self.start_transition(org_id, spec.policy_type, true)?;
        for target in targets {
            self.attach_defaults(org_id, &target);
        }
        Ok(())
    }

    /// Disables a policy type in the root; every policy of the type is
    /// detached from every target.
    pub(crate) fn disable_policy_type(
        &mut self,
        org_id: &OrgId,
        root_id: &RootId,
        policy_type: PolicyType,
    ) -> DomainResult<()> {
        let (org, spec) = self.root_for_policy_type(org_id, root_id, policy_type)?;
        if !org.policy_type_enabled(spec.policy_type) {
            return Err(type_not_enabled());
        }
        self.org_mut(org_id)?.policies.disable_type(spec.policy_type);
        self.start_transition(org_id, spec.policy_type, false)?;
        Ok(())
    }

    /// Starts the root's transition of `policy_type` after an enable (or
    /// disable): `PENDING_ENABLE` (`PENDING_DISABLE`) when the settings ask
    /// for one, otherwise none (a transition still pending ends).
    fn start_transition(&mut self, org_id: &OrgId, policy_type: PolicyType, enabling: bool) -> DomainResult<()> {
        let pending = match self.settings().policy_type_transition {
            super::super::PolicyTypeTransition::AfterPolls(n) if n > 0 => Some(PendingPolicyType {
                enabling,
                polls_left: n,
            }),
            _ => None,
        };
        self.org_mut(org_id)?.policies.set_pending(policy_type, pending);
        Ok(())
    }

    /// One `ListRoots` call in organization `org_id` has seen the root:
    /// every pending policy type is one poll nearer to its end state.
    pub(crate) fn poll_root(&mut self, org_id: &OrgId) {
        if let Some(org) = self.orgs.get_mut(org_id) {
            org.policies.poll();
        }
    }
}
