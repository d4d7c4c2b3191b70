//! Policy attachments: attaching and detaching policies to roots, OUs and
//! accounts within AWS's per-target limits, the AWS-managed policies that
//! follow every new target, and the listings by target and by policy.

use super::super::id_types::{OrgId, PolicyId, TargetId};
use aws_sdk_organizations::types::{ConstraintViolationExceptionReason, InvalidInputExceptionReason};
use std::collections::BTreeMap;

use super::super::domain_error::{DomainError, DomainResult, Exception, Invariant};
use super::super::{Organization, World};
use super::*;

impl World {
    /// The policies of one type attached directly to a target, by attachment order.
    pub(crate) fn policies_for_target(
        &self,
        org_id: &OrgId,
        target_id: &TargetId,
        policy_type: PolicyType,
    ) -> DomainResult<BTreeMap<u64, Policy>> {
        let org = self.org(org_id)?;
        let spec = policy_type.spec();
        org.target(self, target_id)?;
        Ok(org.attached(target_id, spec.policy_type).into_iter().collect())
    }

    /// The ids of the targets a policy is attached to, by attachment order
    /// (see [`Organization::target`] for each one's kind, name and ARN).
    pub(crate) fn targets_for_policy(
        &self,
        org_id: &OrgId,
        policy_id: &PolicyId,
    ) -> DomainResult<&BTreeMap<u64, TargetId>> {
        static NONE: BTreeMap<u64, TargetId> = BTreeMap::new();
        let org = self.org(org_id)?;
        org.find_policy(policy_id)?;
        Ok(org.policies.targets_of(policy_id).unwrap_or(&NONE))
    }

    /// The organization, once `policy_id` is one of its policies (or
    /// AWS-managed) and `target_id` one of its roots, OUs or accounts, and
    /// the policy's type.
    fn policy_and_target(
        &self,
        org_id: &OrgId,
        policy_id: &PolicyId,
        target_id: &TargetId,
    ) -> DomainResult<(&Organization, &'static PolicyTypeSpec)> {
        let policy = self.describe_policy(org_id, policy_id)?;
        let org = self.org(org_id)?;
        org.target(self, target_id)?;
        Ok((org, policy.policy_type.spec()))
    }

    /// Attaches a policy to a root, OU or account; returns the attachment.
    pub(crate) fn attach_policy(
        &mut self,
        org_id: &OrgId,
        policy_id: &PolicyId,
        target_id: &TargetId,
    ) -> DomainResult<&Attachment> {
        let (org, spec) = self.policy_and_target(org_id, policy_id, target_id)?;
        if !org.policy_type_enabled(spec.policy_type) {
            return Err(type_not_enabled());
        }
        if org
            .policies
            .pending_types()
            .get(&spec.policy_type)
            .is_some_and(|p| p.enabling)
        {
            return Err(DomainError::new(Exception::PolicyTypeNotEnabled, format!(
                    "Policy type {} is still being enabled in the root (PENDING_ENABLE). Wait until ListRoots shows it ENABLED.",
                    spec.name
                ),
            ));
        }
        let attached = org.attached(target_id, spec.policy_type);
        if attached.iter().any(|(_, p)| p.id == policy_id) {
            return Err(DomainError::new(
                Exception::DuplicatePolicyAttachment,
                format!("Policy '{policy_id}' is already attached to '{target_id}'."),
            ));
        }
        let max = self.per_target_limit(spec);
        if attached.len() >= max {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::MaxPolicyTypeAttachmentLimitExceeded,
                // AWS's own text (FIDELITY.md, "Error messages").
                "You have attached the maximum number of policies to the specified target.",
            ));
        }
        self.attach_unchecked(org_id, policy_id, target_id)
            .invariant("the organization was found above")
    }

    /// Records an attachment without checking AWS's rules (the caller has);
    /// `None` when there is no organization `org_id`.
    pub(crate) fn attach_unchecked(&mut self, org_id: &OrgId, policy_id: &str, target_id: &str) -> Option<&Attachment> {
        let seq = self.next_seq();
        let at = self.now();
        let org = self.orgs.get_mut(org_id)?;
        let attachment = Attachment {
            policy_id: PolicyId::new(policy_id),
            at,
        };
        Some(org.policies.attach(target_id, seq, attachment))
    }

    /// Detaches a policy from a root, OU or account.
    pub(crate) fn detach_policy(
        &mut self,
        org_id: &OrgId,
        policy_id: &PolicyId,
        target_id: &TargetId,
    ) -> DomainResult<()> {
        let (org, spec) = self.policy_and_target(org_id, policy_id, target_id)?;
        let attached = org.attached(target_id, spec.policy_type);
        let Some((seq, _)) = attached.iter().find(|(_, p)| p.id == policy_id) else {
            return Err(DomainError::new(
                Exception::PolicyNotAttached,
                format!("Policy '{policy_id}' is not attached to '{target_id}'."),
            ));
        };
        if spec.managed.is_some_and(|m| m.id == policy_id && !m.detachable) {
            return Err(DomainError::invalid_input(
                InvalidInputExceptionReason::NonDetachablePolicy,
                format!("{policy_id} is an AWS-managed policy that can't be detached; it stays attached while {} is enabled.", spec.name),
            ));
        }
        if spec.policy_type == PolicyType::ServiceControlPolicy && attached.len() <= 1 {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::MinPolicyTypeAttachmentLimitExceeded,
                format!("'{target_id}' must keep at least one SCP while SCPs are enabled. Attach another SCP before you detach this one."),
            ));
        }
        let seq = *seq;
        let org = self.org_mut(org_id)?;
        org.policies.detach(target_id, seq);
        Ok(())
    }

    /// Attaches the AWS-managed policies that every entity carries while
    /// their type is enabled (FullAWSAccess for SCPs, RCPFullAWSAccess for
    /// RCPs) to a new root, OU or account.
    pub(crate) fn attach_defaults(&mut self, org_id: &OrgId, target_id: &str) {
        let Some(org) = self.orgs.get(org_id) else {
            return;
        };
        // On the path of every new account and OU: the few types with a
        // policy attached everywhere first, then one look-up of the target.
        let attached = org.policies.attachments_of(target_id);
        let due: Vec<&'static str> = POLICY_TYPES
            .iter()
            .filter_map(|t| t.managed.filter(|m| m.attached_everywhere).map(|m| (t, m.id)))
            .filter(|(t, _)| org.policy_type_enabled(t.policy_type))
            .map(|(_, id)| id)
            .filter(|id| !attached.is_some_and(|l| l.values().any(|a| a.policy_id == *id)))
            .collect();
        for id in due {
            self.attach_unchecked(org_id, id, target_id);
        }
    }

    /// Forgets every attachment of a target that left the organization (an
    /// account) or was deleted (an OU).
    pub(crate) fn detach_all(&mut self, org_id: &OrgId, target_id: &str) {
        if let Some(org) = self.orgs.get_mut(org_id) {
            org.policies.remove_target(target_id);
        }
    }
}
