//! Responsibility (billing) transfers between organizations, and GovCloud
//! account pairs.
//!
//! A transfer is proposed by the management account that will manage the
//! bills (the transfer's *target*, for whom it is *inbound*) to the
//! management account of another organization (the *source*, for whom it is
//! *outbound*), as a `TRANSFER_RESPONSIBILITY` handshake. Transfers start at
//! 00:00:00 UTC on the first day of a month, the invitation must be accepted
//! at least 24 hours before that, and a withdrawn transfer ends at the last
//! moment of a month.
//!
//! Here: the world's transfer operations and the date rule of a start
//! ([`check_start`]); beside it the records ([`responsibility_transfer`]),
//! the calendar arithmetic the date rules use ([`calendar`]), and the
//! GovCloud pairs' store ([`govcloud`]), whose world operations follow the
//! transfers' below.

pub(crate) mod calendar;
pub(crate) mod govcloud;
pub(crate) mod responsibility_transfer;

pub(crate) use govcloud::{GovCloud, GovCloudRecords};
pub(crate) use responsibility_transfer::{Direction, ResponsibilityTransfer, TransferStatus};

use aws_sdk_organizations::types::{ConstraintViolationExceptionReason, InvalidInputExceptionReason};

use super::domain_error::{DomainError, DomainResult, Exception, Invariant};
use super::handshakes::{HandshakeAction, HandshakeState, NewHandshake, Party, HANDSHAKE_TTL_MS};
use super::id_types::{AccountId, Caller, CreateAccountRequestId, HandshakeId, Member, OrgId, TransferId};
use super::{Tags, Timestamp, World, DAY_MS};
use aws_sdk_organizations::types::HandshakeConstraintViolationExceptionReason;
use calendar::{civil, end_of_month, next_month_start};

fn transfer_not_found(id: &TransferId) -> DomainError {
    DomainError::new(
        Exception::ResponsibilityTransferNotFound,
        format!("No responsibility transfer with id '{id}' involves your organization."),
    )
}

/// Checks a transfer's start: midnight UTC on the first of a month, late
/// enough that the invitation can be accepted 24 hours before it
/// (FIDELITY.md#responsibility-transfer-dates).
fn check_start(start: Timestamp, now: Timestamp) -> DomainResult<()> {
    if start.rem_euclid(DAY_MS) != 0 {
        return Err(DomainError::invalid_input(
            InvalidInputExceptionReason::StartDateNotBeginningOfDay,
            "A transfer starts at 00:00:00.000 UTC; pass a start time at the beginning of a day.",
        ));
    }
    if civil(start).2 != 1 {
        return Err(DomainError::invalid_input(
            InvalidInputExceptionReason::StartDateNotBeginningOfMonth,
            "A transfer starts on the first day of a month.",
        ));
    }
    if start - DAY_MS <= now {
        return Err(DomainError::invalid_input(
            InvalidInputExceptionReason::StartDateTooEarly,
            "The invitation must be accepted 24 hours before the transfer starts; choose a later month.",
        ));
    }
    Ok(())
}

impl World {
    /// A transfer's status on the clock now.
    pub(crate) fn transfer_status(&self, t: &ResponsibilityTransfer) -> TransferStatus {
        if t.status != TransferStatus::Requested {
            return t.status;
        }
        let expired = self
            .handshake_seq(&t.handshake_id)
            .is_some_and(|seq| self.handshakes[&seq].state_at(self.now()) == HandshakeState::Expired);
        if expired {
            TransferStatus::Expired
        } else {
            TransferStatus::Requested
        }
    }

    fn transfer_seq(&self, caller: &AccountId, id: &TransferId) -> DomainResult<u64> {
        self.transfers
            .iter()
            .find(|(_, t)| t.id == id && (t.target_account == caller || t.source_account == caller))
            .map(|(seq, _)| *seq)
            .ok_or_else(|| transfer_not_found(id))
    }

    /// A transfer the caller takes part in.
    pub(crate) fn transfer_for(&self, caller: &AccountId, id: &TransferId) -> DomainResult<&ResponsibilityTransfer> {
        let seq = self.transfer_seq(caller, id)?;
        Ok(&self.transfers[&seq])
    }

    /// The caller's transfers one way, oldest first.
    pub(crate) fn transfers_of<'a>(
        &'a self,
        caller: &'a AccountId,
        direction: Direction,
        from: std::ops::Bound<u64>,
    ) -> impl Iterator<Item = (&'a u64, &'a ResponsibilityTransfer)> + 'a {
        self.transfers
            .range((from, std::ops::Bound::Unbounded))
            .filter(move |(_, t)| t.runs(direction, caller))
    }

    fn transfer_in_force(&self, t: &ResponsibilityTransfer) -> bool {
        matches!(
            self.transfer_status(t),
            TransferStatus::Requested | TransferStatus::Accepted
        )
    }

    /// True while `org_id` takes part in a transfer invitation or transfer.
    pub(crate) fn has_active_transfer(&self, org_id: &OrgId) -> bool {
        self.transfers
            .values()
            .any(|t| (t.source_org == org_id || t.target_org == org_id) && self.transfer_in_force(t))
    }

    /// Invites another organization's management account to let the caller
    /// manage its bills. Returns the handshake id.
    /// The type is always BILLING: the model's enum has no other value, and
    /// the validation layer refuses anything else.
    pub(crate) fn invite_transfer(
        &mut self,
        who: Member<'_>,
        party: &Party,
        notes: Option<&str>,
        start: Timestamp,
        name: &str,
        tags: &[(String, String)],
    ) -> DomainResult<HandshakeId> {
        let (caller, org_id) = (who.account, who.org);
        let max_tags = self.limits().max_tags_per_resource;
        let org_id = self.org(org_id)?.id.clone();
        check_start(start, self.now())?;
        let tags = super::tags::merge_tags(&Tags::default(), tags, max_tags)?;
        let (target_kind, target) = (party.kind(), party.id());
        self.check_handshake_rate(&org_id)?;
        let account = self.target_account(target_kind, target).map(|a| a.id.clone());
        if account.as_deref() == Some(caller) {
            return Err(DomainError::handshake_constraint(
                HandshakeConstraintViolationExceptionReason::SourceAndTargetCannotMatch,
                "An organization can't transfer responsibility to itself.",
            ));
        }
        let source_org = account
            .as_deref()
            .and_then(|a| self.org_of(a).filter(|o| o.management_account_id == a))
            .map(|o| o.id.clone())
            .ok_or_else(|| {
                DomainError::handshake_constraint(HandshakeConstraintViolationExceptionReason::TargetAccountValidationFailure,
                    format!("'{target}' is not the management account of an organization; transfers are only between management accounts."),
                )
            })?;
        let source_account = account.invariant("resolved above")?;
        if self.transfers.values().any(|t| {
            t.source_account == source_account
                && t.target_account == caller
                && self.transfer_status(t) == TransferStatus::Requested
        }) {
            return Err(DomainError::new(
                Exception::DuplicateHandshake,
                format!("An open transfer invitation to '{target}' already exists; cancel it before you send another."),
            ));
        }
        if self
            .transfers
            .values()
            .any(|t| t.source_org == source_org && self.transfer_status(t) == TransferStatus::Accepted)
        {
            return Err(DomainError::handshake_constraint(
                HandshakeConstraintViolationExceptionReason::ResponsibilityTransferAlreadyExists,
                "That organization's bills are already managed by another transfer.",
            ));
        }
        let id = TransferId::new(format!("rt-{}", self.ids().lower_alnum(10)));
        let handshake_id = self.add_handshake(NewHandshake {
            action: HandshakeAction::TransferResponsibility,
            org_id: org_id.clone(),
            target_kind,
            target: target.to_string(),
            notes: notes.map(str::to_string),
            tags: Tags::default(),
            parent: None,
            transfer: Some(id.clone()),
            expires_at: (self.now() + HANDSHAKE_TTL_MS).min(start - DAY_MS),
        })?;
        let seq = self.next_seq();
        self.transfers.insert(
            seq,
            ResponsibilityTransfer {
                id,
                name: name.to_string(),
                target_account: AccountId::new(caller),
                target_org: org_id,
                source_account,
                source_org,
                start_at: start,
                end_at: None,
                status: TransferStatus::Requested,
                handshake_id: handshake_id.clone(),
                tags,
            },
        );
        Ok(handshake_id)
    }

    /// The recipient accepts a transfer invitation.
    /// The caller's standing is the one authorization found.
    pub(crate) fn accept_transfer(&mut self, who: Caller<'_>, h: &super::handshakes::Handshake) -> DomainResult<()> {
        let caller = who.account;
        let id = h.transfer.clone().unwrap_or_default();
        let seq = self.transfer_seq(caller, &id)?;
        let t = &self.transfers[&seq];
        if t.target_account == caller {
            return Err(DomainError::handshake_constraint(
                HandshakeConstraintViolationExceptionReason::SourceAndTargetCannotMatch,
                "An account can't accept a transfer it both sent and received.",
            ));
        }
        if !who.manages(&t.source_org) {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::AccountNotActiveForTransferResponsibility,
                "Only the management account of the invited organization can accept a transfer.",
            ));
        }
        let source_org = t.source_org.clone();
        if self
            .transfers
            .values()
            .any(|o| o.source_org == source_org && self.transfer_status(o) == TransferStatus::Accepted)
        {
            return Err(DomainError::handshake_constraint(
                HandshakeConstraintViolationExceptionReason::ResponsibilityTransferAlreadyExists,
                "Your organization's bills are already managed by another transfer; withdraw it first.",
            ));
        }
        self.transfers.get_mut(&seq).invariant("found")?.status = TransferStatus::Accepted;
        Ok(())
    }

    /// The transfer's invitation was declined or canceled.
    pub(crate) fn transfer_handshake_ended(&mut self, id: &TransferId, state: HandshakeState) {
        if let Some(t) = self
            .transfers
            .values_mut()
            .find(|t| t.id == id && t.status == TransferStatus::Requested)
        {
            t.status = match state {
                HandshakeState::Declined => TransferStatus::Declined,
                _ => TransferStatus::Canceled,
            };
        }
    }

    /// Renames a transfer that is still requested or in force.
    pub(crate) fn rename_transfer(
        &mut self,
        who: Member<'_>,
        id: &TransferId,
        name: &str,
    ) -> DomainResult<&ResponsibilityTransfer> {
        let (caller, org_id) = (who.account, who.org);
        self.org(org_id)?;
        let seq = self.transfer_seq(caller, id)?;
        if !self.transfer_in_force(&self.transfers[&seq]) {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::TransferResponsibilityUpdateNotAllowed,
                format!("Transfer '{id}' is no longer active; withdrawn, declined, expired or canceled transfers can't be changed."),
            ));
        }
        let t = self.transfers.get_mut(&seq).invariant("found")?;
        t.name = name.to_string();
        Ok(t)
    }

    /// Withdraws an accepted transfer; it ends at `end` (default: the end of
    /// the current month), which must be the last moment of a month
    /// (FIDELITY.md#responsibility-transfer-dates).
    pub(crate) fn terminate_transfer(
        &mut self,
        who: Member<'_>,
        id: &TransferId,
        end: Option<Timestamp>,
    ) -> DomainResult<&ResponsibilityTransfer> {
        let (caller, org_id) = (who.account, who.org);
        self.org(org_id)?;
        let seq = self.transfer_seq(caller, id)?;
        let t = &self.transfers[&seq];
        match self.transfer_status(t) {
            TransferStatus::Accepted => {}
            TransferStatus::Withdrawn => {
                return Err(DomainError::new(Exception::ResponsibilityTransferAlreadyInStatus, format!("Transfer '{id}' is already WITHDRAWN."),
                ))
            }
            other => {
                return Err(DomainError::new(Exception::InvalidResponsibilityTransferTransition, format!(
                        "Transfer '{id}' is {} and can't be withdrawn; only an ACCEPTED transfer can (cancel or decline an invitation instead).",
                        other.as_str()
                    ),
                ))
            }
        }
        let now = self.now();
        let end = end.unwrap_or_else(|| end_of_month(now.max(t.start_at)));
        let month_end = |e: Timestamp| next_month_start(e) - e == 1 || next_month_start(e) - e == 1000;
        if !month_end(end) {
            return Err(DomainError::invalid_input(
                InvalidInputExceptionReason::EndDateNotEndOfMonth,
                "A transfer ends at 23:59:59.999 UTC on the last day of a month.",
            ));
        }
        // A month's end is never a month's first moment, so it cannot equal
        // the start: the one comparison that matters is with the clock.
        if end < now.max(t.start_at) {
            return Err(DomainError::invalid_input(
                InvalidInputExceptionReason::EndDateTooEarly,
                "The end date is in the past or before the transfer starts.",
            ));
        }
        let t = self.transfers.get_mut(&seq).invariant("found")?;
        t.status = TransferStatus::Withdrawn;
        t.end_at = Some(end);
        Ok(t)
    }

    // ---- GovCloud ----

    /// Pairs `account_id` with a new GovCloud (US) account (again: the same
    /// one) and returns the GovCloud account's id.
    pub(crate) fn pair_govcloud(&mut self, account_id: &str) -> DomainResult<AccountId> {
        if let Some(gov) = self.govcloud.pairs.get(account_id) {
            return Ok(gov.clone());
        }
        let gov = self.new_account_id()?;
        self.govcloud.pairs.insert(AccountId::new(account_id), gov.clone());
        Ok(gov)
    }

    /// Creates a member account paired with a new GovCloud (US) account.
    /// The caller's management account must itself be paired with one.
    pub(crate) fn create_govcloud_account(
        &mut self,
        org_id: &OrgId,
        email: &str,
        name: &str,
        tags: &[(String, String)],
        role_name: Option<&str>,
    ) -> DomainResult<CreateAccountRequestId> {
        let org = self.org(org_id)?;
        if !self.govcloud.pairs.contains_key(&org.management_account_id) {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::MasterAccountNotGovcloudEnabled,
                "The management account has no associated GovCloud (US) account. Pair one with MockOrganizations::pair_govcloud_account.",
            ));
        }
        let request = self
            .create_account_with_role(org_id, email, name, tags, role_name)?
            .id
            .clone();
        let gov = self.new_account_id()?;
        self.govcloud.requests.insert(request.clone(), gov);
        Ok(request)
    }

    /// The GovCloud account a create-account request made, once it succeeded.
    pub(crate) fn govcloud_account_of(&self, request: &super::CreateAccountRequest) -> Option<&AccountId> {
        match &request.outcome {
            super::CreateAccountOutcome::Succeeded { .. } => self.govcloud.requests.get(&request.id),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::calendar::days_from_civil;
    use super::*;

    #[test]
    fn the_calendar_knows_month_ends() {
        // 2025-01-01T00:00:00Z
        let jan1 = crate::world::time::DEFAULT_START_TIME;
        assert_eq!(civil(jan1), (2025, 1, 1));
        assert_eq!(civil(end_of_month(jan1)), (2025, 1, 31));
        let feb1 = next_month_start(jan1);
        assert_eq!(civil(feb1), (2025, 2, 1));
        assert_eq!(civil(end_of_month(feb1)), (2025, 2, 28));
        assert_eq!(
            civil(next_month_start(days_from_civil(2024, 12, 15) * DAY_MS)),
            (2025, 1, 1)
        );
        assert!(check_start(feb1, jan1).is_ok());
        assert_eq!(
            check_start(feb1 + 1, jan1).unwrap_err().reason(),
            Some("START_DATE_NOT_BEGINNING_OF_DAY")
        );
        assert_eq!(
            check_start(feb1 + DAY_MS, jan1).unwrap_err().reason(),
            Some("START_DATE_NOT_BEGINNING_OF_MONTH")
        );
        assert_eq!(
            check_start(feb1, feb1 - DAY_MS).unwrap_err().reason(),
            Some("START_DATE_TOO_EARLY")
        );
    }
}
