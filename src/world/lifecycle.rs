//! An organization's lifecycle: creating and deleting it, and accounts
//! joining and leaving it.

use super::accounts::Departure;
use super::domain_error::{DomainError, DomainResult, Exception};
use super::id_types::{AccountId, Member, OrgId, RootId};
use super::policies::{PolicyBook, PolicyType};
use super::{ids, FeatureSet, JoinedMethod, Organization, Root, Tags, Timestamp, World};
use aws_sdk_organizations::types::ConstraintViolationExceptionReason;
use std::collections::BTreeSet;

impl World {
    /// Creates an organization managed by `caller`.
    pub(crate) fn create_organization(
        &mut self,
        caller: &AccountId,
        feature_set: FeatureSet,
    ) -> DomainResult<&Organization> {
        if self.org_of(caller).is_some() {
            return Err(DomainError::new(Exception::AlreadyInOrganization, "This account is already a member of an organization. Leave it (LeaveOrganization) before you create one.",
            ));
        }
        if !self.accounts.contains(caller) {
            let email = self.implied_email(caller);
            let name = format!("Account {caller}");
            self.add_standalone_account(caller, &email, &name);
        }
        let orgs = &self.orgs;
        let org_id = self.ids.unused(
            "organization id",
            |g| OrgId::new(format!("{}{}", ids::prefix::ORGANIZATION, g.lower_alnum(10))),
            |id| orgs.contains_key(id),
        )?;
        let root_id = RootId::new(format!("{}{}", ids::prefix::ROOT, self.ids.lower_alnum(4)));
        let root = Root {
            id: root_id.clone(),
            name: "Root".into(),
            tags: Tags::default(),
        };
        // AWS enables no policy type on a new root (FIDELITY.md, "Policy
        // types on a new organization"); SCPs only when the settings ask.
        let policies = PolicyBook::new(match feature_set {
            FeatureSet::All if self.settings.scps_enabled_at_creation => {
                BTreeSet::from([PolicyType::ServiceControlPolicy])
            }
            _ => BTreeSet::new(),
        });
        let org = Organization::new(org_id.clone(), feature_set, AccountId::new(caller), root, policies);
        self.orgs.insert(org_id.clone(), org);
        self.attach_defaults(&org_id, &root_id);
        let now = self.now;
        self.join(caller, &org_id, JoinedMethod::Invited, now);
        Ok(&self.orgs[&org_id])
    }

    /// Deletes the caller's organization; it must hold no account but the
    /// management account.
    pub(crate) fn delete_organization(&mut self, who: Member<'_>) -> DomainResult<()> {
        let (caller, org_id) = (who.account, who.org);
        let org = self.org(org_id)?;
        if org.account_count() > 1 {
            return Err(DomainError::new(Exception::OrganizationNotEmpty, "The organization still has member accounts. Remove them (RemoveAccountFromOrganization) before you delete it.",
            ));
        }
        let org_id = org.id.clone();
        if self.has_active_transfer(&org_id) {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::ActiveResponsibilityTransferProcess,
                "The organization takes part in a responsibility transfer or invitation; end it before you delete the organization.",
            ));
        }
        self.cancel_handshakes_of(&org_id);
        self.leave(caller)?;
        self.orgs.remove(&org_id);
        Ok(())
    }

    /// Puts a known account into an organization, under its root.
    pub(crate) fn join(&mut self, account_id: &AccountId, org_id: &OrgId, method: JoinedMethod, at: Timestamp) {
        // Callers pass an organization and an account the world holds; were
        // either gone, joining would change nothing rather than panic.
        if !self.orgs.contains_key(org_id) || !self.accounts.contains(account_id) {
            return;
        }
        let seq = self.next_seq();
        let Some(org) = self.orgs.get_mut(org_id) else { return };
        let root_id = org.root().id.clone();
        org.admit(seq, AccountId::new(account_id));
        if self
            .accounts
            .join(account_id, org_id, root_id.into(), seq, method, at)
            .is_none()
        {
            return;
        }
        self.attach_defaults(org_id, account_id);
    }

    /// Takes an account out of its organization; it keeps existing, standalone,
    /// and loses the tags it had there. Fails only as
    /// [`refresh_all_pending`](Self::refresh_all_pending) does, after the
    /// account has left.
    pub(crate) fn leave(&mut self, account_id: &AccountId) -> DomainResult<()> {
        let Some(Departure {
            org_id,
            parent_id: parent,
            seq,
        }) = self.accounts.leave(account_id)
        else {
            return Ok(());
        };
        if let Some(org) = self.orgs.get_mut(&org_id) {
            org.release(seq, &parent);
        }
        self.detach_all(&org_id, account_id);
        // An EnableAllFeatures request waiting only on this account opens now,
        // not at the next call that looks (which might be one that fails).
        self.refresh_all_pending()
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::org_world;
    use super::super::{AccountId, OrgId, Settings};
    use super::JoinedMethod;

    #[test]
    fn joining_an_unknown_account_or_an_unknown_organization_changes_nothing() {
        let (mut w, _, org_id) = org_world(Settings::default());
        let standalone = AccountId::new("222222222222");
        w.add_standalone_account(&standalone, "standalone@example.com", "Standalone");
        let before = format!("{w:?}");
        w.join(&AccountId::new("999999999999"), &org_id, JoinedMethod::Invited, 0);
        assert_eq!(format!("{w:?}"), before, "an unknown account joined");
        w.join(&standalone, &OrgId::new("o-unheardof1"), JoinedMethod::Invited, 0);
        assert_eq!(format!("{w:?}"), before, "an account joined an unknown organization");
        assert!(w.check_invariants().is_ok());
    }
}
