//! The world's side of handshakes: sending them, who sees them, and
//! answering them (accept, decline, cancel).

use super::super::domain_error::{DomainError, DomainResult, Exception, Invariant};
use super::super::id_types::{AccountId, Caller, HandshakeId, OrgId};
use super::super::World;
use super::*;

impl World {
    // ---- lookup ----

    /// The handshake with `id` and its key, whatever its state.
    pub(crate) fn handshake_seq(&self, id: &HandshakeId) -> Option<u64> {
        self.handshakes.seq_of(id)
    }

    /// True when `caller` may see `h`: its sender, its recipient, or the
    /// management account or a delegated administrator of the sending organization.
    /// The caller's standing is the one authorization found.
    pub(crate) fn can_see(&self, caller: Caller<'_>, h: &Handshake) -> bool {
        h.sender == caller.account
            || self
                .known_or_implied(caller.account)
                .is_some_and(|a| h.is_recipient(&a.id, &a.email))
            || caller.administers(&h.org_id)
    }

    /// A handshake `caller` may see and that is still visible, by id.
    pub(crate) fn handshake_for(&self, caller: Caller<'_>, id: &HandshakeId) -> DomainResult<&Handshake> {
        let now = self.now();
        self.handshake_seq(id)
            .map(|seq| &self.handshakes[&seq])
            .filter(|h| h.visible_at(now) && self.can_see(caller, h))
            .ok_or_else(|| handshake_not_found(id))
    }

    /// The visible handshakes `caller` received, oldest first.
    pub(crate) fn handshakes_received<'a>(
        &'a self,
        caller: &'a AccountId,
        filter: &'a HandshakeFilter,
        from: std::ops::Bound<u64>,
    ) -> impl Iterator<Item = (&'a u64, &'a Handshake)> + 'a {
        let now = self.now();
        let account = self.known_or_implied(caller);
        self.handshakes.range(from).filter(move |(_, h)| {
            account.as_ref().is_some_and(|a| h.is_recipient(&a.id, &a.email)) && h.visible_at(now) && filter.matches(h)
        })
    }

    /// The visible handshakes sent by `org_id`, oldest first.
    pub(crate) fn handshakes_sent<'a>(
        &'a self,
        org_id: &'a OrgId,
        filter: &'a HandshakeFilter,
        from: std::ops::Bound<u64>,
    ) -> impl Iterator<Item = (&'a u64, &'a Handshake)> + 'a {
        let now = self.now();
        self.handshakes
            .range(from)
            .filter(move |(_, h)| h.org_id == org_id && h.visible_at(now) && filter.matches(h))
    }

    // ---- creation ----

    /// Sends a new handshake (REQUESTED) and returns its id;
    /// `ServiceException` when the id generator gives no unused handshake id
    /// within [`MAX_DRAWS`](super::ids::MAX_DRAWS) draws (a bug: the call
    /// fails instead of hanging), and then nothing has changed.
    pub(crate) fn add_handshake(&mut self, new: NewHandshake) -> DomainResult<HandshakeId> {
        let id = self.new_handshake_id()?;
        Ok(self.send_handshake(id, new))
    }

    /// A fresh handshake id no handshake has: drawn within
    /// [`MAX_DRAWS`](super::ids::MAX_DRAWS) draws, else `ServiceException`
    /// (an identifier generator that only repeats itself must fail the call,
    /// never hang it).
    pub(crate) fn new_handshake_id(&mut self) -> DomainResult<HandshakeId> {
        let handshakes = &self.handshakes;
        self.ids.unused(
            "handshake id",
            |g| HandshakeId::new(format!("h-{}", g.lower_alnum(10))),
            |id| handshakes.has_id(id),
        )
    }

    /// Sends a new handshake (REQUESTED) under `id`, drawn by
    /// [`new_handshake_id`](Self::new_handshake_id).
    pub(crate) fn send_handshake(&mut self, id: HandshakeId, new: NewHandshake) -> HandshakeId {
        let org = &self.orgs[&new.org_id];
        let sender = org.management_account_id.clone();
        let feature_set = org.feature_set;
        let (sender_email, sender_name) = self
            .accounts
            .get(&sender)
            .map(|a| (a.email.clone(), a.name.clone()))
            .unwrap_or_default();
        let seq = self.next_seq();
        let handshake = Handshake {
            id: id.clone(),
            action: new.action,
            org_id: new.org_id,
            sender,
            sender_email,
            sender_name,
            feature_set,
            target_kind: new.target_kind,
            target: new.target,
            state: HandshakeState::Requested,
            requested_at: self.now(),
            expires_at: new.expires_at,
            ended_at: None,
            notes: new.notes,
            tags: new.tags,
            parent: new.parent,
            transfer: new.transfer,
        };
        let sent = self.handshakes.send(seq, handshake);
        debug_assert!(sent, "a new sequence number");
        id
    }

    // ---- responses ----

    pub(crate) fn end_handshake(&mut self, seq: u64, state: HandshakeState) {
        let now = self.now();
        self.handshakes.end(seq, state, now);
    }

    /// Checks that `caller` is the recipient of `id` and that it can move to
    /// `target`; returns its key.
    pub(crate) fn respondable(
        &self,
        caller: Caller<'_>,
        id: &HandshakeId,
        target: HandshakeState,
        (verb, past): (&str, &str),
    ) -> DomainResult<u64> {
        let h = self.handshake_for(caller, id)?;
        let account = self.known_or_implied(caller.account);
        if !account.is_some_and(|a| h.is_recipient(&a.id, &a.email)) {
            return Err(DomainError::access_denied(format!(
                "Only the recipient of handshake '{id}' can {verb} it."
            )));
        }
        let state = h.state_at(self.now());
        if state == target {
            return Err(already_in_state(id, state));
        }
        if !state.is_active() {
            return Err(invalid_transition(id, state, past));
        }
        self.handshake_seq(id).invariant("found above")
    }

    /// Accepts a handshake as its recipient.
    pub(crate) fn accept_handshake(&mut self, caller: Caller<'_>, id: &HandshakeId) -> DomainResult<()> {
        self.refresh_all_pending()?;
        let seq = self.respondable(caller, id, HandshakeState::Accepted, ("accept", "accepted"))?;
        let h = self.handshakes[&seq].clone();
        match h.action {
            HandshakeAction::Invite => self.accept_invitation(caller, &h)?,
            HandshakeAction::EnableAllFeatures if h.parent.is_some() => {
                let parent = h.parent.clone().unwrap_or_default();
                let parent_active = self
                    .handshake_seq(&parent)
                    .is_some_and(|p| self.handshakes[&p].state_at(self.now()).is_active());
                if !parent_active {
                    return Err(invalid_transition(
                        id,
                        HandshakeState::Canceled,
                        "accepted: its EnableAllFeatures request has ended, so it",
                    ));
                }
                self.end_handshake(seq, HandshakeState::Accepted);
                self.refresh_all_features(&parent)?;
                return Ok(());
            }
            HandshakeAction::EnableAllFeatures | HandshakeAction::ApproveAllFeatures => {
                let parent = h.parent.clone().unwrap_or_else(|| h.id.clone());
                let pseq = self.handshake_seq(&parent).invariant("parent exists")?;
                if self.handshakes[&pseq].state_at(self.now()) != HandshakeState::Open {
                    return Err(DomainError::new(Exception::InvalidHandshakeTransition, format!("Handshake '{id}' can't be accepted yet: not every invited member account has approved enabling all features."),
                    ));
                }
                self.finalize_all_features(&parent, &h.org_id);
                return Ok(());
            }
            HandshakeAction::TransferResponsibility => self.accept_transfer(caller, &h)?,
        }
        self.end_handshake(seq, HandshakeState::Accepted);
        Ok(())
    }

    /// Declines a handshake as its recipient.
    pub(crate) fn decline_handshake(&mut self, caller: Caller<'_>, id: &HandshakeId) -> DomainResult<()> {
        let seq = self.respondable(caller, id, HandshakeState::Declined, ("decline", "declined"))?;
        self.end_handshake(seq, HandshakeState::Declined);
        let h = self.handshakes[&seq].clone();
        if let Some(t) = &h.transfer {
            self.transfer_handshake_ended(t, HandshakeState::Declined);
        }
        if let Some(process) = h.process_it_ends() {
            self.end_family(process, HandshakeState::Declined);
        }
        Ok(())
    }

    /// Cancels a handshake as its sender.
    pub(crate) fn cancel_handshake(&mut self, caller: Caller<'_>, id: &HandshakeId) -> DomainResult<()> {
        let h = self.handshake_for(caller, id)?;
        if h.sender != caller.account {
            return Err(DomainError::access_denied(format!(
                "Only the account that sent handshake '{id}' can cancel it; its recipient can decline it (DeclineHandshake)."
            )));
        }
        let state = h.state_at(self.now());
        if state == HandshakeState::Canceled {
            return Err(already_in_state(id, state));
        }
        if !state.is_active() {
            return Err(invalid_transition(id, state, "canceled"));
        }
        let h = h.clone();
        let seq = self.handshake_seq(id).invariant("found above")?;
        self.end_handshake(seq, HandshakeState::Canceled);
        if let Some(t) = &h.transfer {
            self.transfer_handshake_ended(t, HandshakeState::Canceled);
        }
        if let Some(process) = h.process_it_ends() {
            self.end_family(process, HandshakeState::Canceled);
        }
        Ok(())
    }

    /// Ends an EnableAllFeatures handshake and every handshake of its process still open.
    pub(crate) fn end_family(&mut self, parent: &HandshakeId, state: HandshakeState) {
        let now = self.now();
        let open: Vec<u64> = self
            .handshakes
            .iter()
            .filter(|(_, h)| (h.id == parent || h.parent.as_deref() == Some(parent)) && h.state_at(now).is_active())
            .map(|(seq, _)| *seq)
            .collect();
        for seq in open {
            self.end_handshake(seq, state);
        }
    }

    /// Cancels every open handshake `org_id` sent (its organization is going away).
    pub(crate) fn cancel_handshakes_of(&mut self, org_id: &OrgId) {
        let now = self.now();
        let open: Vec<u64> = self
            .handshakes
            .iter()
            .filter(|(_, h)| h.org_id == org_id && h.state_at(now).is_active())
            .map(|(seq, _)| *seq)
            .collect();
        for seq in open {
            self.end_handshake(seq, HandshakeState::Canceled);
        }
    }

    // ---- membership ----
}

#[cfg(test)]
mod tests {
    use super::super::handshake::HANDSHAKE_RETENTION_MS;
    use super::*;
    use crate::world::test_support::Resolved;
    use crate::world::FeatureSet;
    use crate::world::Settings;

    const M: &str = "111111111111";

    #[test]
    fn the_standard_all_features_migration_stops_above_5000_accounts() {
        let mut w = World::new(Settings::default());
        w.create_organization(&crate::world::AccountId::new(M), FeatureSet::ConsolidatedBilling)
            .unwrap();
        let o = w.org_id_of(M).unwrap();
        for i in 0..ALL_FEATURES_MIGRATION_MAX_ACCOUNTS {
            w.create_account(&o, &format!("a{i}@example.com"), "a", &[]).unwrap();
        }
        let err = w.enable_all_features(&o).unwrap_err();
        assert_eq!(
            err.reason(),
            Some("ALL_FEATURES_MIGRATION_ORGANIZATION_SIZE_LIMIT_EXCEEDED")
        );
        assert!(w.handshakes.by_seq().is_empty());
        let last = w.caller_org(M).unwrap().members().values().last().unwrap().clone();
        w.remove_account(&o, &last).unwrap();
        w.enable_all_features(&o).unwrap();
    }

    /// `M`'s organization with an invitation sent to 222222222222: the
    /// world and the invitation's id.
    fn invited() -> (World, HandshakeId) {
        let (mut w, _, o) = crate::world::test_support::org_world(Settings::default());
        let to = Party::Account(crate::world::AccountId::new("222222222222"));
        let id = w.invite_account(&o, &to, None, &[]).unwrap();
        (w, id)
    }

    /// Issue 25 item 4: an identifier generator whose draws always collide
    /// (as a mutant of `IdGen::lower_alnum` returning a constant would make
    /// them) fails the call with `ServiceException` instead of hanging the
    /// test suite in `add_handshake`, and the failed call changes nothing.
    /// The collisions are made by pre-filling the world with handshakes under
    /// the next `MAX_DRAWS` ids the generator will draw (a twin of it tells
    /// which), so no test-only hook is needed in `IdGen`.
    #[test]
    fn a_handshake_id_generator_that_only_repeats_fails_the_call_instead_of_hanging() {
        use crate::world::ids::MAX_DRAWS;
        let (mut w, id) = invited();
        let mut taken = w.handshakes[&w.handshake_seq(&id).unwrap()].clone();
        // Another organization's handshakes: they hold ids, nothing else.
        taken.org_id = OrgId::new("o-elsewhere0");
        let mut twin = w.ids.clone();
        for _ in 0..MAX_DRAWS {
            let seq = w.next_seq();
            let h = Handshake {
                id: HandshakeId::new(format!("h-{}", twin.lower_alnum(10))),
                ..taken.clone()
            };
            assert!(w.handshakes.send(seq, h));
        }
        let before = w.handshakes.by_seq().len();
        let (o, to) = (w.org_id_of(M).unwrap(), Party::Account(AccountId::new("333333333333")));
        let err = w.invite_account(&o, &to, None, &[]).unwrap_err();
        assert_eq!(err.code(), "ServiceException");
        assert!(err.into_message().contains("new handshake ids and every one was taken"));
        assert_eq!(w.handshakes.by_seq().len(), before);
        assert!(
            !w.accounts().contains("333333333333"),
            "a failed invitation registers no account"
        );
        // The generator has moved past the taken ids: the next call succeeds.
        w.invite_account(&o, &to, None, &[]).unwrap();
    }

    #[test]
    fn a_filter_by_action_is_typed() {
        let (w, id) = invited();
        let h = &w.handshakes[&w.handshake_seq(&id).unwrap()];
        let by = |name: &str| HandshakeFilter {
            action: Some(HandshakeAction::from_name(name)),
            parent: None,
        };
        assert!(by("INVITE").matches(h));
        assert!(!by("ENABLE_ALL_FEATURES").matches(h));
        // An action the mock never starts matches nothing.
        assert!(!by("ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE").matches(h));
        assert!(HandshakeFilter::default().matches(h));
    }

    #[test]
    fn an_invitation_expires_and_then_disappears_on_the_clock() {
        let (mut w, id) = invited();
        let seq = w.handshake_seq(&id).unwrap();
        assert_eq!(w.handshakes[&seq].state_at(w.now()), HandshakeState::Requested);
        w.advance(HANDSHAKE_TTL_MS);
        assert_eq!(w.handshakes[&seq].state_at(w.now()), HandshakeState::Expired);
        assert!(w.handshake_for(Resolved::of(&w, M).caller(), &id).is_ok());
        w.advance(HANDSHAKE_RETENTION_MS);
        assert_eq!(
            w.handshake_for(Resolved::of(&w, M).caller(), &id).unwrap_err().code(),
            "HandshakeNotFoundException"
        );
    }

    #[test]
    fn a_failed_acceptance_changes_nothing() {
        let (mut w, id) = invited();
        w.create_organization(&crate::world::AccountId::new("222222222222"), FeatureSet::All)
            .unwrap();
        // The whole world, indexes and all, in its Debug form.
        let before = format!("{w:?}");
        let who = Resolved::of(&w, "222222222222");
        let err = w.accept_handshake(who.caller(), &id).unwrap_err();
        assert_eq!(err.code(), "MasterCannotLeaveOrganizationException");
        assert_eq!(format!("{w:?}"), before);
    }
}
