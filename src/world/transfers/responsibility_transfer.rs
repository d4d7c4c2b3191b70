//! A responsibility transfer's record ([`ResponsibilityTransfer`]), its
//! status ([`TransferStatus`]), and which way a listing looks
//! ([`Direction`]).

use crate::world::id_types::{AccountId, HandshakeId, OrgId, TransferId};
use crate::world::{Tags, Timestamp};

/// Where a transfer stands. `Expired` is derived from its handshake.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TransferStatus {
    /// Invitation sent, not answered.
    Requested,
    /// Invitation declined.
    Declined,
    /// Invitation canceled by its sender.
    Canceled,
    /// Invitation not answered in time.
    Expired,
    /// In force.
    Accepted,
    /// Ended by either party.
    Withdrawn,
}

impl TransferStatus {
    /// AWS's `ResponsibilityTransferStatus`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            TransferStatus::Requested => "REQUESTED",
            TransferStatus::Declined => "DECLINED",
            TransferStatus::Canceled => "CANCELED",
            TransferStatus::Expired => "EXPIRED",
            TransferStatus::Accepted => "ACCEPTED",
            TransferStatus::Withdrawn => "WITHDRAWN",
        }
    }
}

/// One responsibility transfer.
#[derive(Clone, Debug)]
pub(crate) struct ResponsibilityTransfer {
    /// `rt-` and ten characters.
    pub id: TransferId,
    pub name: String,
    /// The management account that manages the responsibility (inbound side).
    pub target_account: AccountId,
    /// Its organization.
    pub target_org: OrgId,
    /// The management account whose organization hands it over (outbound side).
    pub source_account: AccountId,
    /// Its organization.
    pub source_org: OrgId,
    /// When the transfer starts.
    pub start_at: Timestamp,
    /// When it ends, once withdrawn.
    pub end_at: Option<Timestamp>,
    /// The stored status (never `Expired`: see [`World::transfer_status`](crate::world::World::transfer_status)).
    pub status: TransferStatus,
    /// The invitation's handshake.
    pub handshake_id: HandshakeId,
    pub tags: Tags,
}

impl ResponsibilityTransfer {
    /// True when the transfer is `caller`'s one way: inbound for the account
    /// that manages the responsibility, outbound for the one that hands it over.
    pub(crate) fn runs(&self, direction: Direction, caller: &AccountId) -> bool {
        match direction {
            Direction::Inbound => self.target_account == *caller,
            Direction::Outbound => self.source_account == *caller,
        }
    }

    /// Its ARN as `viewer` sees it: inbound for the target, outbound for the source.
    pub(crate) fn arn_for(&self, viewer: &str) -> String {
        let (account, org, direction) = if viewer == self.target_account {
            (&self.target_account, &self.target_org, "inbound")
        } else {
            (&self.source_account, &self.source_org, "outbound")
        };
        format!(
            "arn:aws:organizations::{account}:transfer/{org}/billing/{direction}/{}",
            self.id
        )
    }
}

/// Which way a listing looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    /// Transfers the caller manages for another organization.
    Inbound,
    /// Transfers another account manages for the caller's organization.
    Outbound,
}
