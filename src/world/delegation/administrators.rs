//! The world's calls for trusted access, delegated administrators and the
//! resource-based delegation policy: they check AWS's rules, then change the
//! organization's [`Delegations`](super::Delegations) store.

use super::super::domain_error::{DomainError, DomainResult, Exception, Invariant};
use super::super::id_types::{AccountId, OrgId};
use super::super::{AccountState, FeatureSet, Organization, Tags, Timestamp, World};
use super::resource_policy::ResourcePolicy;
use super::resource_policy::{parse_resource_policy, policy_not_found};
use super::services::{known_service, not_registered, Delegation};
use aws_sdk_organizations::types::{ConstraintViolationExceptionReason, InvalidInputExceptionReason};

impl World {
    /// True when `account_id` is registered as a delegated administrator for
    /// any service in its organization.
    pub(crate) fn is_delegated_administrator(&self, account_id: &str) -> bool {
        self.org_of(account_id)
            .is_some_and(|org| org.delegation.is_registered(account_id))
    }

    // ---- trusted access ----

    /// The caller's organization, for listing trusted access: only an
    /// organization with all features has any (`ORGANIZATION_NOT_IN_ALL_FEATURES_MODE`,
    /// with the message AWS sends; FIDELITY.md, "Trusted access in a
    /// consolidated-billing organization").
    pub(crate) fn trusted_access_org(&self, org_id: &OrgId) -> DomainResult<&Organization> {
        let org = self.org(org_id)?;
        if org.feature_set != FeatureSet::All {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::OrganizationNotInAllFeaturesMode,
                "The request failed because the organization does not have all features enabled. Please enable all features in your organization and then retry.",
            ));
        }
        Ok(org)
    }

    /// Enables trusted access for a service (again: no change); returns
    /// when it was enabled.
    pub(crate) fn enable_service_access(&mut self, org_id: &OrgId, principal: &str) -> DomainResult<Timestamp> {
        known_service(principal)?;
        let now = self.now();
        let org = self.org_mut(org_id)?;
        Ok(org.delegation.trust(principal, now))
    }

    /// Disables trusted access for a service (when not enabled: no change),
    /// unless a policy type that needs it is enabled.
    pub(crate) fn disable_service_access(&mut self, org_id: &OrgId, principal: &str) -> DomainResult<()> {
        known_service(principal)?;
        if let Some(policy_type) = self.org(org_id)?.policy_type_needing(principal) {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::PolicyTypeEnabledForThisService,
                format!("Policy type {policy_type} is enabled and needs trusted access for '{principal}'. Disable it with DisablePolicyType first."),
            ));
        }
        let org = self.org_mut(org_id)?;
        org.delegation.distrust(principal);
        Ok(())
    }

    // ---- delegated administrators ----

    /// Registers a member account as a service's delegated administrator;
    /// returns the registration.
    pub(crate) fn register_delegated_administrator(
        &mut self,
        org_id: &OrgId,
        account_id: &AccountId,
        principal: &str,
    ) -> DomainResult<&Delegation> {
        let account = self.member(org_id, account_id)?;
        let org = self.org(org_id)?;
        if org.management_account_id == account_id {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::CannotRegisterMasterAsDelegatedAdministrator,
                "The management account can't be a delegated administrator; register a member account.",
            ));
        }
        let service = known_service(principal)?;
        if service.max_delegated_administrators == 0 {
            return Err(DomainError::invalid_input(
                InvalidInputExceptionReason::UnrecognizedServicePrincipal,
                format!("'{principal}' does not support delegated administrators."),
            ));
        }
        if !org.delegation.trusts(principal) {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::ServiceAccessNotEnabled,
                format!("Trusted access for '{principal}' is not enabled. Call EnableAWSServiceAccess first."),
            ));
        }
        if self.account_state(account) != AccountState::Active {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::CannotRegisterSuspendedAccountAsDelegatedAdministrator,
                format!("Account '{account_id}' is closed or closing and can't be a delegated administrator."),
            ));
        }
        let registered: Vec<&Delegation> = org
            .delegation
            .registrations()
            .values()
            .filter(|d| d.service_principal == principal)
            .collect();
        if registered.iter().any(|d| d.account_id == account_id) {
            return Err(DomainError::new(
                Exception::AccountAlreadyRegistered,
                format!("Account '{account_id}' is already a delegated administrator for '{principal}'."),
            ));
        }
        let max = service.max_delegated_administrators;
        if registered.len() >= max {
            let reason = if max == 1 {
                ConstraintViolationExceptionReason::DelegatedAdministratorExistsForThisService
            } else {
                ConstraintViolationExceptionReason::MaxDelegatedAdministratorsForServiceLimitExceeded
            };
            return Err(DomainError::constraint(
                reason,
                format!("'{principal}' takes at most {max} delegated administrator(s); deregister one first."),
            ));
        }
        let (now, seq) = (self.now(), self.next_seq());
        let org = self.org_mut(org_id)?;
        Ok(org.delegation.register(
            seq,
            Delegation {
                account_id: AccountId::new(account_id),
                service_principal: principal.to_string(),
                enabled_at: now,
            },
        ))
    }

    /// Removes a member account as a service's delegated administrator.
    pub(crate) fn deregister_delegated_administrator(
        &mut self,
        org_id: &OrgId,
        account_id: &AccountId,
        principal: &str,
    ) -> DomainResult<()> {
        self.member(org_id, account_id)?;
        known_service(principal)?;
        self.org_mut(org_id)?.delegation.deregister(account_id, principal)
    }

    /// The services `account_id` is a delegated administrator for, in registration order.
    pub(crate) fn delegated_services(
        &self,
        org_id: &OrgId,
        account_id: &AccountId,
    ) -> DomainResult<Vec<(u64, &Delegation)>> {
        self.member(org_id, account_id)?;
        let org = self.org(org_id)?;
        let services: Vec<(u64, &Delegation)> = org
            .delegation
            .registrations()
            .iter()
            .filter(|(_, d)| d.account_id == account_id)
            .map(|(seq, d)| (*seq, d))
            .collect();
        if services.is_empty() {
            return Err(not_registered(account_id, None));
        }
        Ok(services)
    }

    // ---- resource policy ----

    /// True when the caller's organization's resource policy grants
    /// `operation` to `caller`.
    pub(crate) fn resource_policy_grants(&self, caller: &str, operation: &str) -> bool {
        self.org_of(caller)
            .and_then(|org| org.delegation.resource_policy())
            .is_some_and(|p| p.grants(caller, operation))
    }

    /// Creates or replaces the organization's resource policy; returns the
    /// organization and the policy.
    pub(crate) fn put_resource_policy(
        &mut self,
        org_id: &OrgId,
        content: &str,
        tags: &[(String, String)],
    ) -> DomainResult<(&Organization, &ResourcePolicy)> {
        let max_tags = self.limits().max_tags_per_resource;
        let org = self.org(org_id)?;
        let statements = parse_resource_policy(content)?;
        let exists = org.delegation.resource_policy().is_some();
        if exists && !tags.is_empty() {
            return Err(DomainError::invalid_input(
                InvalidInputExceptionReason::InvalidListMember,
                "Tags can be given only when the resource policy is first created; use TagResource to change them.",
            ));
        }
        let tags = super::super::tags::merge_tags(&Tags::default(), tags, max_tags)?;
        let id = if exists {
            None
        } else {
            Some(format!("rp-{}", self.ids().lower_alnum(8)))
        };
        self.org_mut(org_id)?
            .delegation
            .put_resource_policy(id, content, statements, tags);
        let org = self.org(org_id)?;
        Ok((org, org.delegation.resource_policy().invariant("just put")?))
    }

    /// The organization's resource policy, or `ResourcePolicyNotFoundException`.
    pub(crate) fn resource_policy(&self, org_id: &OrgId) -> DomainResult<&ResourcePolicy> {
        self.org(org_id)?
            .delegation
            .resource_policy()
            .ok_or_else(policy_not_found)
    }

    /// Deletes the organization's resource policy.
    pub(crate) fn delete_resource_policy(&mut self, org_id: &OrgId) -> DomainResult<()> {
        self.org_mut(org_id)?.delegation.delete_resource_policy()
    }
}
