//! An account's lifecycle state, derived from the clock, and the spans of
//! time closure runs on.

use super::super::time::{Timestamp, DAY_MS};

/// Thirty days, the window of CloseAccount's rolling quota.
pub(in crate::world) const CLOSE_QUOTA_WINDOW_MS: Timestamp = 30 * DAY_MS;

/// Ninety days after CloseAccount, when an account is closed for good
/// (`CLOSED`; FIDELITY.md#closeaccount-states).
pub(in crate::world) const CLOSED_FOR_GOOD_AFTER_MS: Timestamp = 90 * DAY_MS;

/// An account's lifecycle state, derived from the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AccountState {
    /// In use.
    Active,
    /// CloseAccount was called; closure is under way.
    PendingClosure,
    /// Closed, within the 90 days it can still be reopened.
    Suspended,
    /// Closed for more than 90 days.
    Closed,
}

impl AccountState {
    /// AWS's `State` value.
    pub(crate) fn state_str(self) -> &'static str {
        match self {
            AccountState::Active => "ACTIVE",
            AccountState::PendingClosure => "PENDING_CLOSURE",
            AccountState::Suspended => "SUSPENDED",
            AccountState::Closed => "CLOSED",
        }
    }

    /// AWS's older `Status` value.
    pub(crate) fn status_str(self) -> &'static str {
        match self {
            AccountState::Active => "ACTIVE",
            AccountState::PendingClosure => "PENDING_CLOSURE",
            AccountState::Suspended | AccountState::Closed => "SUSPENDED",
        }
    }
}
