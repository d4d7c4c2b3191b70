//! Closing a member account (CloseAccount, with its rolling quota) and
//! removing one from its organization.

use super::super::domain_error::{DomainError, DomainResult, Exception, Invariant};
use super::super::id_types::{AccountId, OrgId};
use super::super::tree::account_not_found;
use super::super::{AccountState, World};
use super::{Account, CLOSE_QUOTA_WINDOW_MS};
use aws_sdk_organizations::types::ConstraintViolationExceptionReason;

impl World {
    /// A member account of the caller's organization, or `AccountNotFoundException`.
    pub(crate) fn member(&self, org_id: &OrgId, account_id: &AccountId) -> DomainResult<&Account> {
        let org = self.org(org_id)?;
        self.accounts
            .get(account_id)
            .filter(|a| a.org_id.as_deref() == Some(org.id.as_str()))
            .ok_or_else(|| account_not_found(account_id))
    }

    /// How many accounts may be closed in a rolling 30 days.
    fn close_quota(&self, member_accounts: usize) -> usize {
        self.limits()
            .close_account_quota
            .unwrap_or_else(|| (member_accounts / 5).clamp(250, 1000))
    }

    /// Closes a member account: PENDING_CLOSURE now, SUSPENDED later on the clock.
    pub(crate) fn close_account(&mut self, org_id: &OrgId, account_id: &AccountId) -> DomainResult<()> {
        let account = self.member(org_id, account_id)?;
        let org = self.org(org_id)?;
        if org.feature_set != crate::world::FeatureSet::All {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::OrganizationNotInAllFeaturesMode,
                "Accounts can be closed with CloseAccount only when the organization has all features enabled. Enable them first (EnableAllFeatures).",
            ));
        }
        if org.management_account_id == account_id {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::CannotCloseManagementAccount,
                "The management account can't be closed with CloseAccount. Delete the organization first.",
            ));
        }
        if self.account_state(account) != AccountState::Active {
            return Err(DomainError::new(
                Exception::AccountAlreadyClosed,
                format!("Account '{account_id}' is already closed or being closed."),
            ));
        }
        let now = self.now();
        let recent = org
            .closures
            .iter()
            .filter(|t| now - **t < CLOSE_QUOTA_WINDOW_MS)
            .count();
        let quota = self.close_quota(org.account_count().saturating_sub(1));
        if recent >= quota {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::CloseAccountQuotaExceeded,
                format!("{recent} accounts were closed in the last 30 days, the quota of {quota}. Advance the clock or raise Limits::close_account_quota."),
            ));
        }
        let delay = self.limits().account_closure_delay_ms;
        let closing = org.closures.iter().filter(|t| now - **t < delay).count();
        if let Some(max) = self.limits().max_closures_in_progress.filter(|max| closing >= *max) {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::CloseAccountRequestsLimitExceeded,
                format!("{closing} accounts are still PENDING_CLOSURE, the most that can be closing at a time ({max}). Wait until one is SUSPENDED and try again."),
            ));
        }
        let org = self.org_mut(org_id)?;
        // Never pruned (at most one entry per account ever closed): the
        // account quota's shortcut (`accounts_in_quota`) needs every closure,
        // not just those of the last 30 days.
        org.closures.push(now);
        self.accounts.close(account_id, now).invariant("member")?;
        Ok(())
    }

    /// Removes a member account from the caller's organization.
    pub(crate) fn remove_account(&mut self, org_id: &OrgId, account_id: &AccountId) -> DomainResult<()> {
        self.member(org_id, account_id)?;
        let org = self.org(org_id)?;
        if org.management_account_id == account_id {
            return Err(DomainError::new(
                Exception::MasterCannotLeaveOrganization,
                "The management account can't be removed from its organization. Delete the organization instead.",
            ));
        }
        if self.is_delegated_administrator(account_id) {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::CannotRemoveDelegatedAdministratorFromOrg,
                format!("Account '{account_id}' is a delegated administrator. Deregister it first."),
            ));
        }
        self.leave(account_id)
    }
}

#[cfg(test)]
mod tests {
    use crate::world::{Settings, World};

    /// "The higher of either 250 or 20% of the member accounts in your
    /// organization, up to a maximum of 1,000" (the model's CloseAccount),
    /// at each of its three parts.
    #[test]
    fn the_close_quota_is_a_fifth_of_the_members_between_250_and_1000() {
        let w = World::new(Settings::default());
        assert_eq!(w.close_quota(100), 250);
        assert_eq!(w.close_quota(1_500), 300);
        assert_eq!(w.close_quota(1_503), 300);
        assert_eq!(w.close_quota(10_000), 1_000);
    }
}
