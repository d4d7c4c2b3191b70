//! The all-features migration (`EnableAllFeatures`): the parent handshake
//! sent by the management account, one child per invited member, and the
//! switch to all features once every member has agreed.

use super::domain_error::{DomainError, DomainResult};
use super::handshakes::*;
use super::id_types::{AccountId, HandshakeId, OrgId};
use super::{FeatureSet, JoinedMethod, Organization, Tags, World};
use aws_sdk_organizations::types::ConstraintViolationExceptionReason;
use aws_sdk_organizations::types::HandshakeConstraintViolationExceptionReason;

impl World {
    /// True while `org`'s EnableAllFeatures process is under way.
    pub(crate) fn all_features_pending(&self, org: &Organization) -> bool {
        let now = self.now();
        self.handshakes.values().any(|h| {
            h.org_id == org.id
                && h.action == HandshakeAction::EnableAllFeatures
                && h.parent.is_none()
                && h.state_at(now).is_active()
        })
    }

    /// Starts enabling all features: an approval request to every invited
    /// member, and the management account's own handshake, which it accepts
    /// to finalize once every member approved. Returns that handshake's id.
    pub(crate) fn enable_all_features(&mut self, org_id: &OrgId) -> DomainResult<HandshakeId> {
        let org = self.org(org_id)?;
        if org.feature_set == FeatureSet::All {
            return Err(DomainError::handshake_constraint(
                HandshakeConstraintViolationExceptionReason::OrganizationAlreadyHasAllFeatures,
                "The organization already has all features enabled.",
            ));
        }
        if self.all_features_pending(org) {
            return Err(DomainError::handshake_constraint(
                HandshakeConstraintViolationExceptionReason::OrganizationIsAlreadyPendingAllFeaturesMigration,
                "The organization is already enabling all features; accept or cancel that handshake first.",
            ));
        }
        if org.account_count() > ALL_FEATURES_MIGRATION_MAX_ACCOUNTS {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::AllFeaturesMigrationOrganizationSizeLimitExceeded,
                format!("The organization has {} accounts; EnableAllFeatures (the standard migration) handles at most {ALL_FEATURES_MIGRATION_MAX_ACCOUNTS}. AWS's assisted migration is the way for larger organizations.", org.account_count()),
            ));
        }
        let management = org.management_account_id.clone();
        let invited: Vec<AccountId> = org
            .members()
            .values()
            .filter(|id| **id != management && self.accounts[*id].joined_method == JoinedMethod::Invited)
            .cloned()
            .collect();
        let expires_at = self.now() + ALL_FEATURES_TTL_MS;
        let parent = self.add_handshake(NewHandshake {
            action: HandshakeAction::EnableAllFeatures,
            org_id: org_id.clone(),
            target_kind: PartyKind::Account,
            target: management.into(),
            notes: None,
            tags: Tags::default(),
            parent: None,
            transfer: None,
            expires_at,
        })?;
        for member in invited {
            self.add_handshake(NewHandshake {
                action: HandshakeAction::EnableAllFeatures,
                org_id: org_id.clone(),
                target_kind: PartyKind::Account,
                target: member.into(),
                notes: None,
                tags: Tags::default(),
                parent: Some(parent.clone()),
                transfer: None,
                expires_at,
            })?;
        }
        self.refresh_all_features(&parent)?;
        Ok(parent)
    }

    /// Opens the EnableAllFeatures handshake `parent` and sends the
    /// APPROVE_ALL_FEATURES confirmation once every invited account still in
    /// the organization has approved.
    ///
    /// Fails (`ServiceException`, see [`World::add_handshake`]) only when no
    /// unused id can be drawn for the confirmation; `parent` then stays
    /// REQUESTED.
    pub(crate) fn refresh_all_features(&mut self, parent: &HandshakeId) -> DomainResult<()> {
        let now = self.now();
        let Some(pseq) = self.handshake_seq(parent) else {
            return Ok(());
        };
        let p = &self.handshakes[&pseq];
        if p.state_at(now) != HandshakeState::Requested {
            return Ok(());
        }
        let org_id = p.org_id.clone();
        let expires_at = p.expires_at;
        let management = p.sender.clone();
        let all_approved = self.handshakes.values().all(|h| {
            h.parent.as_deref() != Some(parent)
                || h.action != HandshakeAction::EnableAllFeatures
                || h.state == HandshakeState::Accepted
                || self
                    .accounts
                    .get(&h.target)
                    .is_none_or(|a| a.org_id.as_deref() != Some(org_id.as_str()))
        });
        if !all_approved {
            return Ok(());
        }
        // The confirmation first: if it cannot be sent, nothing changes.
        self.add_handshake(NewHandshake {
            action: HandshakeAction::ApproveAllFeatures,
            org_id,
            target_kind: PartyKind::Account,
            target: management.into(),
            notes: None,
            tags: Tags::default(),
            parent: Some(HandshakeId::new(parent)),
            transfer: None,
            expires_at,
        })?;
        self.handshakes.open(pseq);
        Ok(())
    }

    /// Brings every pending EnableAllFeatures process up to date (members may
    /// have left or been removed since).
    /// Fails only as [`refresh_all_features`](Self::refresh_all_features) does.
    pub(crate) fn refresh_all_pending(&mut self) -> DomainResult<()> {
        let now = self.now();
        let parents: Vec<HandshakeId> = self
            .handshakes
            .values()
            .filter(|h| {
                h.action == HandshakeAction::EnableAllFeatures
                    && h.parent.is_none()
                    && h.state_at(now) == HandshakeState::Requested
            })
            .map(|h| h.id.clone())
            .collect();
        for p in parents {
            self.refresh_all_features(&p)?;
        }
        Ok(())
    }

    pub(crate) fn finalize_all_features(&mut self, parent: &HandshakeId, org_id: &OrgId) {
        let now = self.now();
        let ids: Vec<u64> = self
            .handshakes
            .iter()
            .filter(|(_, h)| (h.id == parent || h.parent.as_deref() == Some(parent)) && h.state_at(now).is_active())
            .filter(|(_, h)| h.action != HandshakeAction::EnableAllFeatures || h.parent.is_none())
            .map(|(seq, _)| *seq)
            .collect();
        for seq in ids {
            self.end_handshake(seq, HandshakeState::Accepted);
        }
        if let Some(org) = self.orgs.get_mut(org_id) {
            org.feature_set = FeatureSet::All;
        }
    }
}
