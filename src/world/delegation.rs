//! Trusted access for AWS services and delegated administrators. The
//! organization's resource-based delegation policy is in
//! [`super::resource_policy`].
//!
//! A member registered as a delegated administrator for any service may call
//! Organizations' read operations (`Describe*`, `List*`) that AWS documents as
//! open to delegated administrators. Everything else a member may do beyond
//! that is granted by the resource policy ("delegated administrator for AWS
//! Organizations"): an `Allow` statement naming the account as principal and
//! the operation as `organizations:<Operation>` (wildcards allowed), not
//! overridden by a `Deny`.

use super::domain_error::{DomainError, DomainResult, Exception};
use super::id_types::{AccountId, OrgId};
pub(crate) use super::resource_policy::{ResourcePolicy, Statement};
use super::{Timestamp, World};
use aws_sdk_organizations::types::{ConstraintViolationExceptionReason, InvalidInputExceptionReason};

/// A service AWS lets integrate with Organizations.
#[derive(Clone, Copy, Debug)]
pub(crate) struct KnownService {
    /// Its service principal.
    pub principal: &'static str,
    /// How many delegated administrators it takes; 0 when it supports none.
    pub max_delegated_administrators: usize,
}

const fn svc(principal: &'static str, max_delegated_administrators: usize) -> KnownService {
    KnownService {
        principal,
        max_delegated_administrators,
    }
}

/// The service principals the mock recognizes for trusted access, and how
/// many delegated administrators each supports (FIDELITY.md, "Delegated-administrator
/// limits", gives the evidence for each).
pub(crate) const KNOWN_SERVICES: &[KnownService] = &[
    svc("access-analyzer.amazonaws.com", 1),
    svc("account.amazonaws.com", 1),
    svc("auditmanager.amazonaws.com", 1),
    svc("aws-artifact-account-sync.amazonaws.com", 0),
    svc("backup.amazonaws.com", 1),
    svc("billing-cost-management.amazonaws.com", 1),
    svc("cloudtrail.amazonaws.com", 3),
    svc("compute-optimizer.amazonaws.com", 1),
    svc("config.amazonaws.com", 3),
    svc("config-multiaccountsetup.amazonaws.com", 3),
    svc("controltower.amazonaws.com", 0),
    svc("cost-optimization-hub.bcm.amazonaws.com", 1),
    svc("detective.amazonaws.com", 1),
    svc("devops-guru.amazonaws.com", 1),
    svc("ds.amazonaws.com", 0),
    svc("eks.amazonaws.com", 1),
    svc("fms.amazonaws.com", 1),
    svc("guardduty.amazonaws.com", 1),
    svc("health.amazonaws.com", 1),
    svc("inspector2.amazonaws.com", 1),
    svc("ipam.amazonaws.com", 1),
    svc("license-manager.amazonaws.com", 1),
    svc("macie.amazonaws.com", 1),
    svc("member.org.stacksets.cloudformation.amazonaws.com", 3),
    svc("mgn.amazonaws.com", 1),
    svc("ram.amazonaws.com", 0),
    svc("reporting.trustedadvisor.amazonaws.com", 1),
    svc("resource-explorer-2.amazonaws.com", 1),
    svc("securityhub.amazonaws.com", 1),
    svc("securitylake.amazonaws.com", 1),
    svc("servicecatalog.amazonaws.com", 1),
    svc("ssm.amazonaws.com", 1),
    svc("sso.amazonaws.com", 1),
    svc("storage-lens.s3.amazonaws.com", 3),
    svc("tagpolicies.tag.amazonaws.com", 0),
];

/// The known service with `principal`, or `UNRECOGNIZED_SERVICE_PRINCIPAL`.
pub(crate) fn known_service(principal: &str) -> DomainResult<&'static KnownService> {
    KNOWN_SERVICES.iter().find(|s| s.principal == principal).ok_or_else(|| {
        DomainError::invalid_input(
            InvalidInputExceptionReason::UnrecognizedServicePrincipal,
            format!("'{principal}' is not a service principal that integrates with AWS Organizations (for example 'guardduty.amazonaws.com')."),
        )
    })
}

/// One registration of a member account as a service's delegated administrator.
#[derive(Clone, Debug)]
pub(crate) struct Delegation {
    /// The member account.
    pub account_id: AccountId,
    pub service_principal: String,
    /// When it was registered.
    pub enabled_at: Timestamp,
}

impl World {
    /// True when `account_id` is registered as a delegated administrator for
    /// any service in its organization.
    pub(crate) fn is_delegated_administrator(&self, account_id: &str) -> bool {
        self.org_of(account_id)
            .is_some_and(|org| org.delegations.values().any(|d| d.account_id == account_id))
    }

    // ---- trusted access ----

    /// The caller's organization, for listing trusted access: only an
    /// organization with all features has any (`ORGANIZATION_NOT_IN_ALL_FEATURES_MODE`,
    /// with the message AWS sends; FIDELITY.md, "Trusted access in a
    /// consolidated-billing organization").
    pub(crate) fn trusted_access_org(&self, org_id: &OrgId) -> DomainResult<&super::Organization> {
        let org = self.org(org_id)?;
        if org.feature_set != super::FeatureSet::All {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::OrganizationNotInAllFeaturesMode,
                "The request failed because the organization does not have all features enabled. Please enable all features in your organization and then retry.",
            ));
        }
        Ok(org)
    }

    /// Enables trusted access for a service (again: no change).
    pub(crate) fn enable_service_access(&mut self, org_id: &OrgId, principal: &str) -> DomainResult<()> {
        known_service(principal)?;
        let now = self.now();
        let org = self.org_mut(org_id)?;
        org.trusted_services.entry(principal.to_string()).or_insert(now);
        Ok(())
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
        org.trusted_services.remove(principal);
        Ok(())
    }

    // ---- delegated administrators ----

    /// Registers a member account as a service's delegated administrator.
    pub(crate) fn register_delegated_administrator(
        &mut self,
        org_id: &OrgId,
        account_id: &AccountId,
        principal: &str,
    ) -> DomainResult<()> {
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
        if !org.trusted_services.contains_key(principal) {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::ServiceAccessNotEnabled,
                format!("Trusted access for '{principal}' is not enabled. Call EnableAWSServiceAccess first."),
            ));
        }
        if self.account_state(account) != super::AccountState::Active {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::CannotRegisterSuspendedAccountAsDelegatedAdministrator,
                format!("Account '{account_id}' is closed or closing and can't be a delegated administrator."),
            ));
        }
        let registered: Vec<&Delegation> = org
            .delegations
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
        org.delegations.insert(
            seq,
            Delegation {
                account_id: AccountId::new(account_id),
                service_principal: principal.to_string(),
                enabled_at: now,
            },
        );
        Ok(())
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
        let org = self.org_mut(org_id)?;
        let seq = org
            .delegations
            .iter()
            .find(|(_, d)| d.account_id == account_id && d.service_principal == principal)
            .map(|(seq, _)| *seq)
            .ok_or_else(|| not_registered(account_id, Some(principal)))?;
        org.delegations.remove(&seq);
        Ok(())
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
            .delegations
            .iter()
            .filter(|(_, d)| d.account_id == account_id)
            .map(|(seq, d)| (*seq, d))
            .collect();
        if services.is_empty() {
            return Err(not_registered(account_id, None));
        }
        Ok(services)
    }
}

fn not_registered(account_id: &str, principal: Option<&str>) -> DomainError {
    DomainError::new(
        Exception::AccountNotRegistered,
        match principal {
            Some(p) => format!("Account '{account_id}' is not a delegated administrator for '{p}'."),
            None => format!("Account '{account_id}' is not a delegated administrator for any service."),
        },
    )
}
