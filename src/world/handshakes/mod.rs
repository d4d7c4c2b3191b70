//! The handshake lifecycle: handshakes between accounts (invitations to join
//! an organization, the approvals of EnableAllFeatures, billing-transfer
//! invitations), who sees them, and accepting, declining and canceling them.
//! The membership they bring is in [`super::membership`], the all-features
//! migration in [`super::all_features`].
//!
//! A handshake's `EXPIRED` state is never stored: it is derived from the
//! clock, so advancing the clock past `expires_at` expires every open
//! handshake at once. An ended handshake (accepted, declined, canceled or
//! expired) stays visible for 30 days after it ended, then disappears.
//!
//! The files: [`handshake`] (one handshake), [`store`] (all of them, behind
//! the lifecycle rule), `flow` (the world's handshake methods). The first
//! two import nothing of the world's import circle, nor does this file.

mod flow;
mod handshake;
mod store;

pub(crate) use super::party::{Party, PartyKind};
pub(crate) use handshake::{
    Handshake, HandshakeAction, HandshakeState, NewHandshake, ALL_FEATURES_MIGRATION_MAX_ACCOUNTS, ALL_FEATURES_TTL_MS,
    CREATED_ACCOUNT_WAIT_MS, HANDSHAKE_TTL_MS,
};
pub(crate) use store::Handshakes;

use super::domain_error::{DomainError, Exception};
use super::id_types::HandshakeId;

pub(crate) fn handshake_not_found(id: &HandshakeId) -> DomainError {
    DomainError::new(
        Exception::HandshakeNotFound,
        format!("No handshake with id '{id}' is visible to you (ended handshakes disappear after 30 days)."),
    )
}

pub(crate) fn already_in_state(id: &HandshakeId, state: HandshakeState) -> DomainError {
    DomainError::new(
        Exception::HandshakeAlreadyInState,
        format!("Handshake '{id}' is already {}.", state.as_str()),
    )
}

pub(crate) fn invalid_transition(id: &HandshakeId, state: HandshakeState, verb: &str) -> DomainError {
    DomainError::new(
        Exception::InvalidHandshakeTransition,
        format!("Handshake '{id}' is {} and can't be {verb}.", state.as_str()),
    )
}

/// Which handshakes a listing wants.
#[derive(Clone, Debug, Default)]
pub(crate) struct HandshakeFilter {
    /// Only this action; `Some(None)` is an action the mock never starts,
    /// which no handshake matches.
    pub action: Option<Option<HandshakeAction>>,
    /// Only children of this handshake.
    pub parent: Option<HandshakeId>,
}

impl HandshakeFilter {
    fn matches(&self, h: &Handshake) -> bool {
        self.action.is_none_or(|a| a == Some(h.action))
            && self.parent.as_ref().is_none_or(|p| h.parent.as_ref() == Some(p))
    }
}
