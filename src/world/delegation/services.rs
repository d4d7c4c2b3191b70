//! The services the mock knows for trusted access and delegated
//! administrators, a registration's record, and the store's errors. A
//! leaf: it imports neither the world nor the store.

use super::super::domain_error::{DomainError, DomainResult, Exception};
use super::super::id_types::AccountId;
use super::super::Timestamp;
use aws_sdk_organizations::types::InvalidInputExceptionReason;

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
    /// The service principal.
    pub service_principal: String,
    /// When it was registered.
    pub enabled_at: Timestamp,
}

pub(crate) fn not_registered(account_id: &str, principal: Option<&str>) -> DomainError {
    DomainError::new(
        Exception::AccountNotRegistered,
        match principal {
            Some(p) => format!("Account '{account_id}' is not a delegated administrator for '{p}'."),
            None => format!("Account '{account_id}' is not a delegated administrator for any service."),
        },
    )
}
