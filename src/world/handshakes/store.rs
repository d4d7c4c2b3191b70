//! Every handshake, by the order it was sent in, behind AWS's lifecycle
//! rule: a handshake is sent REQUESTED; REQUESTED may become OPEN; REQUESTED
//! or OPEN may end (ACCEPTED, DECLINED, CANCELED, EXPIRED); an ended one
//! never changes again. The store is the only way to change one, so no
//! caller can break the rule.

use super::super::id_types::HandshakeId;
use super::super::time::Timestamp;
use super::handshake::{Handshake, HandshakeState};
use std::collections::BTreeMap;
use std::ops::{Bound, Index};

/// The world's handshakes, keyed by their sequence number.
#[derive(Clone, Debug, Default)]
pub(crate) struct Handshakes {
    by_seq: BTreeMap<u64, Handshake>,
}

impl Handshakes {
    /// The handshakes a loaded world had, as stored (the world's invariants
    /// check them after loading).
    pub(crate) fn from_stored(by_seq: BTreeMap<u64, Handshake>) -> Self {
        Handshakes { by_seq }
    }

    /// Every handshake by sequence number (what a snapshot stores).
    pub(crate) fn by_seq(&self) -> &BTreeMap<u64, Handshake> {
        &self.by_seq
    }

    /// The sequence number of the handshake `id`.
    pub(crate) fn seq_of(&self, id: &HandshakeId) -> Option<u64> {
        self.by_seq.iter().find(|(_, h)| h.id == id).map(|(seq, _)| *seq)
    }

    /// True when a handshake has the id `id`.
    pub(crate) fn has_id(&self, id: &HandshakeId) -> bool {
        self.by_seq.values().any(|h| h.id == *id)
    }

    /// Every handshake, oldest first.
    pub(crate) fn values(&self) -> impl Iterator<Item = &Handshake> {
        self.by_seq.values()
    }

    /// Every handshake with its sequence number, oldest first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&u64, &Handshake)> {
        self.by_seq.iter()
    }

    /// The handshakes sent after `from` (a page's start), oldest first.
    pub(crate) fn range(&self, from: Bound<u64>) -> impl Iterator<Item = (&u64, &Handshake)> {
        self.by_seq.range((from, Bound::Unbounded))
    }

    /// Stores `handshake` as sent `seq`-th: REQUESTED and not ended, whatever
    /// it said. A `seq` already used keeps its handshake (the world's
    /// sequence numbers are never reused): false then.
    pub(crate) fn send(&mut self, seq: u64, mut handshake: Handshake) -> bool {
        if self.by_seq.contains_key(&seq) {
            return false;
        }
        handshake.state = HandshakeState::Requested;
        handshake.ended_at = None;
        self.by_seq.insert(seq, handshake);
        true
    }

    /// REQUESTED → OPEN; false (and no change) from any other state.
    pub(crate) fn open(&mut self, seq: u64) -> bool {
        match self.by_seq.get_mut(&seq) {
            Some(h) if h.state == HandshakeState::Requested => {
                h.state = HandshakeState::Open;
                true
            }
            _ => false,
        }
    }

    /// REQUESTED or OPEN → `state` (an ended state), at `at`; false (and no
    /// change) when the handshake has already ended or `state` is not an end.
    pub(crate) fn end(&mut self, seq: u64, state: HandshakeState, at: Timestamp) -> bool {
        match self.by_seq.get_mut(&seq) {
            Some(h) if h.state.is_active() && !state.is_active() => {
                h.state = state;
                h.ended_at = Some(at);
                true
            }
            _ => false,
        }
    }
}

impl Index<&u64> for Handshakes {
    type Output = Handshake;

    /// The handshake sent `seq`-th; panics when there is none, like a map's
    /// index (callers index only sequence numbers they just found).
    fn index(&self, seq: &u64) -> &Handshake {
        &self.by_seq[seq]
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::feature_set::FeatureSet;
    use super::super::super::id_types::{AccountId, HandshakeId, OrgId};
    use super::super::super::party::PartyKind;
    use super::super::handshake::{Handshake, HandshakeAction, HandshakeState};
    use super::*;

    fn handshake(id: &str, state: HandshakeState) -> Handshake {
        Handshake {
            id: HandshakeId::new(id),
            action: HandshakeAction::Invite,
            org_id: OrgId::new("o-aaaaaaaaaa"),
            sender: AccountId::new("111111111111"),
            sender_email: String::new(),
            sender_name: String::new(),
            feature_set: FeatureSet::All,
            target_kind: PartyKind::Account,
            target: "222222222222".to_string(),
            state,
            requested_at: 0,
            expires_at: 1_000,
            ended_at: Some(5),
            notes: None,
            tags: Default::default(),
            parent: None,
            transfer: None,
        }
    }

    #[test]
    fn a_sent_handshake_is_requested_and_its_seq_is_never_reused() {
        let mut store = Handshakes::default();
        assert!(store.send(1, handshake("h-1", HandshakeState::Accepted)));
        assert_eq!(store[&1].state, HandshakeState::Requested);
        assert_eq!(store[&1].ended_at, None);
        assert!(!store.send(1, handshake("h-2", HandshakeState::Requested)));
        assert_eq!(store[&1].id, "h-1");
        assert_eq!(store.seq_of(&HandshakeId::new("h-1")), Some(1));
        assert!(store.has_id(&HandshakeId::new("h-1")));
        assert!(!store.has_id(&HandshakeId::new("h-2")));
    }

    #[test]
    fn only_a_requested_handshake_opens() {
        let mut store = Handshakes::default();
        store.send(1, handshake("h-1", HandshakeState::Requested));
        assert!(store.open(1));
        assert_eq!(store[&1].state, HandshakeState::Open);
        assert!(!store.open(1), "OPEN does not open again");
        assert!(store.end(1, HandshakeState::Canceled, 7));
        assert!(!store.open(1), "an ended handshake never reopens");
        assert_eq!(store[&1].state, HandshakeState::Canceled);
        assert!(!store.open(2), "no such handshake");
    }

    #[test]
    fn an_ended_handshake_never_changes() {
        for end in [
            HandshakeState::Accepted,
            HandshakeState::Declined,
            HandshakeState::Canceled,
            HandshakeState::Expired,
        ] {
            let mut store = Handshakes::default();
            store.send(1, handshake("h-1", HandshakeState::Requested));
            assert!(store.end(1, end, 7));
            assert_eq!((store[&1].state, store[&1].ended_at), (end, Some(7)));
            for other in [
                HandshakeState::Accepted,
                HandshakeState::Declined,
                HandshakeState::Canceled,
            ] {
                assert!(!store.end(1, other, 9));
            }
            assert_eq!((store[&1].state, store[&1].ended_at), (end, Some(7)));
        }
    }

    #[test]
    fn ending_needs_an_end_state() {
        let mut store = Handshakes::default();
        store.send(1, handshake("h-1", HandshakeState::Requested));
        assert!(!store.end(1, HandshakeState::Open, 7));
        assert!(!store.end(1, HandshakeState::Requested, 7));
        assert_eq!((store[&1].state, store[&1].ended_at), (HandshakeState::Requested, None));
        store.open(1);
        assert!(store.end(1, HandshakeState::Accepted, 7));
    }
}
