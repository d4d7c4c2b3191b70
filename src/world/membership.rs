//! Membership through handshakes: inviting an account, accepting an
//! invitation (joining) and leaving an organization, and the accounts a
//! handshake's party names.

use super::domain_error::{DomainError, DomainResult, Exception, Invariant};
use super::handshakes::*;
use super::id_types::{AccountId, Caller, HandshakeId, Member, OrgId};
use super::{ids, Account, JoinedMethod, Tags, World, DAY_MS};
use aws_sdk_organizations::types::ConstraintViolationExceptionReason;
use aws_sdk_organizations::types::HandshakeConstraintViolationExceptionReason;

impl World {
    /// The standalone account an account id the world does not know stands
    /// for, as it would be registered (nothing is registered yet), or `None`
    /// when the target is an email or a known account.
    pub(crate) fn implied_account(&self, kind: PartyKind, id: &str) -> Option<Account> {
        (kind == PartyKind::Account && !self.accounts.contains(id)).then(|| Account {
            id: AccountId::new(id),
            email: self.implied_email(id),
            name: format!("Account {id}"),
            org_id: None,
            parent_id: None,
            seq: 0,
            joined_method: super::JoinedMethod::Invited,
            joined_at: self.now(),
            closed_at: None,
            tags: Tags::default(),
        })
    }

    /// The account `id`: the one the world knows, or the standalone account an
    /// unknown 12-digit id stands for (its email `<id>@example.com`).
    pub(crate) fn known_or_implied(&self, id: &str) -> Option<std::borrow::Cow<'_, Account>> {
        match self.accounts.get(id) {
            Some(account) => Some(std::borrow::Cow::Borrowed(account)),
            None => self
                .implied_account(PartyKind::Account, id)
                .filter(|a| ids::is_account_id(&a.id))
                .map(std::borrow::Cow::Owned),
        }
    }

    /// The account a target names, if the world knows it.
    pub(crate) fn target_account(&self, kind: PartyKind, id: &str) -> Option<&Account> {
        match kind {
            PartyKind::Account => self.accounts.get(id),
            PartyKind::Email => self.account_by_email(id),
        }
    }

    /// `HANDSHAKE_RATE_LIMIT_EXCEEDED` when `org_id` already sent
    /// `Limits::max_handshakes_per_day` invitations in the last 24 hours.
    pub(crate) fn check_handshake_rate(&self, org_id: &str) -> DomainResult<()> {
        let Some(max) = self.limits().max_handshakes_per_day else {
            return Ok(());
        };
        let now = self.now();
        let sent = self
            .handshakes
            .values()
            .filter(|h| {
                h.org_id == org_id
                    && matches!(
                        h.action,
                        HandshakeAction::Invite | HandshakeAction::TransferResponsibility
                    )
                    && now - h.requested_at < DAY_MS
                    // "Accepted invitations don't count against this quota" (FIDELITY.md#rate-reasons).
                    && h.state_at(now) != HandshakeState::Accepted
            })
            .count();
        if sent >= max {
            return Err(DomainError::handshake_constraint(HandshakeConstraintViolationExceptionReason::HandshakeRateLimitExceeded,
                format!("The organization sent {sent} invitations in the last 24 hours, the most it may ({max}). Try again later."),
            ));
        }
        Ok(())
    }

    /// The organization's open invitations to join it: each counts against
    /// its account quota until it is accepted, declined, canceled or expires
    /// (FIDELITY.md#account-and-ou-quotas).
    pub(crate) fn open_invitations(&self, org_id: &OrgId) -> usize {
        let now = self.now();
        self.handshakes
            .values()
            .filter(|h| h.org_id == *org_id && h.action == HandshakeAction::Invite && h.state_at(now).is_active())
            .count()
    }

    /// Invites an account to the caller's organization. Returns the handshake id.
    pub(crate) fn invite_account(
        &mut self,
        org_id: &OrgId,
        party: &Party,
        notes: Option<&str>,
        tags: &[(String, String)],
    ) -> DomainResult<HandshakeId> {
        let max_accounts = self.limits().max_accounts;
        let max_tags = self.limits().max_tags_per_resource;
        let org = self.org(org_id)?;
        let tags = super::tags::merge_tags(&Tags::default(), tags, max_tags)?;
        if self.all_features_pending(org) {
            return Err(DomainError::handshake_constraint(
                HandshakeConstraintViolationExceptionReason::InviteDisabledDuringEnableAllFeatures,
                "The organization is enabling all features; invite accounts after the change is finalized or canceled.",
            ));
        }
        self.check_handshake_rate(org_id)?;
        let now = self.now();
        let pending = self.open_invitations(org_id);
        let accounts = self.accounts_in_quota(org);
        if accounts + pending >= max_accounts {
            return Err(DomainError::handshake_constraint(HandshakeConstraintViolationExceptionReason::AccountNumberLimitExceeded,
                format!("The organization's {accounts} accounts and {pending} open invitations reach its quota of {max_accounts} accounts."),
            ));
        }
        // An account id the world does not know is a standalone account: it is
        // registered once the invitation is sent (so that invitations by id and by
        // its email are recognized as one), not before: a failed call changes nothing.
        let (target_kind, target) = (party.kind(), party.id());
        let implied = self.implied_account(target_kind, target);
        let known = implied.as_ref().or_else(|| self.target_account(target_kind, target));
        if let Some(account) = known {
            if account.org_id.is_some() {
                return Err(DomainError::handshake_constraint(HandshakeConstraintViolationExceptionReason::AlreadyInAnOrganization,
                    format!("Account '{}' is already a member of an organization; it must leave it before it can be invited.", account.id),
                ));
            }
        }
        let duplicate = self.handshakes.values().any(|h| {
            h.org_id == org_id
                && h.action == HandshakeAction::Invite
                && h.state_at(now).is_active()
                && (h.target.eq_ignore_ascii_case(target) || known.is_some_and(|a| h.is_recipient(&a.id, &a.email)))
        });
        if duplicate {
            return Err(DomainError::new(Exception::DuplicateHandshake, format!("An open invitation to '{target}' already exists. Cancel it (CancelHandshake) before you send another."),
            ));
        }
        // Drawn before anything changes, so that a failed draw changes nothing.
        let id = self.new_handshake_id()?;
        if let Some(account) = implied {
            self.add_standalone_account(&account.id, &account.email, &account.name);
        }
        Ok(self.send_handshake(
            id,
            NewHandshake {
                action: HandshakeAction::Invite,
                org_id: org_id.clone(),
                target_kind,
                target: target.to_string(),
                notes: notes.map(str::to_string),
                tags,
                parent: None,
                transfer: None,
                expires_at: now + HANDSHAKE_TTL_MS,
            },
        ))
    }

    /// The caller's standing is the one authorization found.
    pub(crate) fn accept_invitation(&mut self, who: Caller<'_>, h: &Handshake) -> DomainResult<()> {
        let caller = who.account;
        let org = self.orgs.get(&h.org_id).ok_or_else(|| {
            invalid_transition(
                &h.id,
                HandshakeState::Canceled,
                "accepted: the organization no longer exists, so it",
            )
        })?;
        if who.standing != super::Standing::Outsider {
            if who.standing == super::Standing::Management {
                return Err(DomainError::new(Exception::MasterCannotLeaveOrganization, "This account is the management account of an organization; delete that organization before you join another.",
                ));
            }
            return Err(DomainError::handshake_constraint(
                HandshakeConstraintViolationExceptionReason::AlreadyInAnOrganization,
                "This account is already a member of an organization; leave it (LeaveOrganization) before you accept.",
            ));
        }
        let max = self.limits().max_accounts;
        if self.accounts_in_quota(org) >= max {
            return Err(DomainError::handshake_constraint(
                HandshakeConstraintViolationExceptionReason::AccountNumberLimitExceeded,
                format!("The organization has reached its quota of {max} accounts."),
            ));
        }
        let now = self.now();
        if let Some(account) = self.implied_account(PartyKind::Account, caller) {
            // Invited by its implied email before the world had heard of it.
            self.add_standalone_account(&account.id, &account.email, &account.name);
        }
        self.join(caller, &h.org_id, JoinedMethod::Invited, now);
        *self.accounts.tags_mut(caller).invariant("caller is known")? = h.tags.clone();
        Ok(())
    }

    /// The caller leaves its organization; `standing` is the caller's, as
    /// authorization found it.
    pub(crate) fn leave_organization(&mut self, who: Member<'_>, standing: super::Standing) -> DomainResult<()> {
        let caller = who.account;
        self.org(who.org)?;
        if standing == super::Standing::Management {
            return Err(DomainError::new(Exception::MasterCannotLeaveOrganization, "The management account can't leave its organization. Delete the organization (DeleteOrganization) instead.",
            ));
        }
        if standing == super::Standing::DelegatedAdministrator {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::CannotRemoveDelegatedAdministratorFromOrg,
                "This account is a delegated administrator; the management account must deregister it (DeregisterDelegatedAdministrator) before it can leave.",
            ));
        }
        let account = &self.accounts[caller];
        let waited = self.now() - account.joined_at;
        if account.joined_method == JoinedMethod::Created && waited < CREATED_ACCOUNT_WAIT_MS {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::WaitPeriodActive,
                format!(
                    "A created account can leave only four days after it was created; {} hours remain. Advance the mock's clock.",
                    (CREATED_ACCOUNT_WAIT_MS - waited + 3_599_999) / 3_600_000
                ),
            ));
        }
        self.leave(caller)?;
        self.refresh_all_pending()
    }
}
