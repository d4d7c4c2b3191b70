//! One handshake and its vocabulary: its action, its state, its lifetimes.
//! This file names nothing of the world's but ids, tags, time and the
//! feature set, so the store can hold it outside the world's import circle.

use super::super::feature_set::FeatureSet;
use super::super::id_types::{AccountId, HandshakeId, OrgId, TransferId};
use super::super::party::PartyKind;
use super::super::tags::Tags;
use super::super::time::{Timestamp, DAY_MS};

/// How long a handshake stays open before it expires (AWS: 15 days for an
/// invitation to join an organization; FIDELITY.md#handshake-lifetimes).
pub(crate) const HANDSHAKE_TTL_MS: i64 = 15 * DAY_MS;
/// How long an `EnableAllFeatures` request stays open (AWS: 90 days;
/// FIDELITY.md#handshake-lifetimes).
pub(crate) const ALL_FEATURES_TTL_MS: i64 = 90 * DAY_MS;
/// How long an ended handshake stays visible (AWS: 30 days;
/// FIDELITY.md#ended-handshakes-stay-visible-for-30-days).
pub(crate) const HANDSHAKE_RETENTION_MS: i64 = 30 * DAY_MS;
/// How long a created account must wait before it can leave (AWS: 4 days;
/// FIDELITY.md#leaving-after-creation).
pub(crate) const CREATED_ACCOUNT_WAIT_MS: i64 = 4 * DAY_MS;
/// The most accounts an organization may have for the standard all-features
/// migration (`EnableAllFeatures`); larger ones need AWS's assisted migration
/// (FIDELITY.md#enableallfeatures-size-limit).
pub(crate) const ALL_FEATURES_MIGRATION_MAX_ACCOUNTS: usize = 5_000;

/// What accepting a handshake does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HandshakeAction {
    /// Join the sender's organization.
    Invite,
    /// Approve (member) or start (management account) enabling all features.
    EnableAllFeatures,
    /// Final confirmation of enabling all features, sent to the management account.
    ApproveAllFeatures,
    /// Designate the sender to manage the recipient organization's bills.
    TransferResponsibility,
}

impl HandshakeAction {
    /// AWS's `ActionType`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            HandshakeAction::Invite => "INVITE",
            HandshakeAction::EnableAllFeatures => "ENABLE_ALL_FEATURES",
            HandshakeAction::ApproveAllFeatures => "APPROVE_ALL_FEATURES",
            HandshakeAction::TransferResponsibility => "TRANSFER_RESPONSIBILITY",
        }
    }

    /// The action AWS's `ActionType` `name` stands for, `None` for one the
    /// mock never starts (`ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE`).
    pub(crate) fn from_name(name: &str) -> Option<HandshakeAction> {
        [
            HandshakeAction::Invite,
            HandshakeAction::EnableAllFeatures,
            HandshakeAction::ApproveAllFeatures,
            HandshakeAction::TransferResponsibility,
        ]
        .into_iter()
        .find(|a| a.as_str() == name)
    }
}

/// A handshake's state. `Expired` is only ever derived from the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HandshakeState {
    /// Awaiting the recipient.
    Requested,
    /// Every recipient responded; the sender can complete it.
    Open,
    /// Canceled by the sender.
    Canceled,
    /// Accepted by the recipient.
    Accepted,
    /// Declined by the recipient.
    Declined,
    /// Not answered in time.
    Expired,
}

impl HandshakeState {
    /// AWS's `HandshakeState`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            HandshakeState::Requested => "REQUESTED",
            HandshakeState::Open => "OPEN",
            HandshakeState::Canceled => "CANCELED",
            HandshakeState::Accepted => "ACCEPTED",
            HandshakeState::Declined => "DECLINED",
            HandshakeState::Expired => "EXPIRED",
        }
    }

    /// True while the handshake can still be answered.
    pub(crate) fn is_active(self) -> bool {
        matches!(self, HandshakeState::Requested | HandshakeState::Open)
    }
}

/// A handshake between a sending organization and a recipient account.
#[derive(Clone, Debug)]
pub(crate) struct Handshake {
    /// `h-` and ten characters.
    pub id: HandshakeId,
    /// What accepting it does.
    pub action: HandshakeAction,
    /// The sending organization.
    pub org_id: OrgId,
    /// The sending organization's management account when it was sent.
    pub sender: AccountId,
    /// The sender's email, for the `MASTER_EMAIL` resource.
    pub sender_email: String,
    /// The sender's name, for the `MASTER_NAME` resource.
    pub sender_name: String,
    /// The organization's feature set when it was sent.
    pub feature_set: FeatureSet,
    /// How the recipient was addressed.
    pub target_kind: PartyKind,
    /// The account id or email the recipient was addressed by.
    pub target: String,
    /// The stored state (never `Expired`: see [`Handshake::state_at`]).
    pub state: HandshakeState,
    /// When it was sent.
    pub requested_at: Timestamp,
    /// When it expires if nobody answers.
    pub expires_at: Timestamp,
    /// When it was accepted, declined or canceled.
    pub ended_at: Option<Timestamp>,
    /// The sender's notes.
    pub notes: Option<String>,
    /// Tags the account receives when it joins (invitations only).
    pub tags: Tags,
    /// The ENABLE_ALL_FEATURES handshake this one belongs to.
    pub parent: Option<HandshakeId>,
    /// The responsibility transfer this handshake proposes.
    pub transfer: Option<TransferId>,
}

impl Handshake {
    /// The state on the clock `now`: an unanswered handshake past its
    /// expiration is `Expired`.
    pub(crate) fn state_at(&self, now: Timestamp) -> HandshakeState {
        if self.state.is_active() && now >= self.expires_at {
            HandshakeState::Expired
        } else {
            self.state
        }
    }

    /// When it ended, if it has by `now`: when it expired, or when it was
    /// answered or canceled (`ended_at`, which an open handshake lacks).
    pub(crate) fn ended_by(&self, now: Timestamp) -> Option<Timestamp> {
        match self.state_at(now) {
            HandshakeState::Expired => Some(self.expires_at),
            _ => self.ended_at,
        }
    }

    /// True while AWS still shows it: open, or ended less than 30 days ago.
    pub(crate) fn visible_at(&self, now: Timestamp) -> bool {
        self.ended_by(now).is_none_or(|at| now < at + HANDSHAKE_RETENTION_MS)
    }

    /// The EnableAllFeatures process it ends when it ends (declined or
    /// canceled), if any: the management account's ENABLE_ALL_FEATURES
    /// handshake (the process's own id) and the APPROVE_ALL_FEATURES one
    /// (its parent's) do; a member's request ends only itself
    /// (FIDELITY.md#enableallfeatures-handshakes).
    pub(crate) fn process_it_ends(&self) -> Option<&HandshakeId> {
        match (self.action, &self.parent) {
            (HandshakeAction::EnableAllFeatures, None) => Some(&self.id),
            (HandshakeAction::ApproveAllFeatures, parent) => parent.as_ref(),
            _ => None,
        }
    }

    /// True when the account `account_id` with `email` is the recipient (by
    /// id, or by its email).
    pub(crate) fn is_recipient(&self, account_id: &AccountId, email: &str) -> bool {
        match self.target_kind {
            PartyKind::Account => self.target == *account_id,
            PartyKind::Email => self.target.eq_ignore_ascii_case(email),
        }
    }

    /// `arn:aws:organizations::<management>:handshake/<org>/<action>/<id>`.
    pub(crate) fn arn(&self) -> String {
        format!(
            "arn:aws:organizations::{}:handshake/{}/{}/{}",
            self.sender,
            self.org_id,
            self.action.as_str().to_ascii_lowercase(),
            self.id
        )
    }
}

/// What a new handshake is; the world fills in the rest.
pub(crate) struct NewHandshake {
    pub action: HandshakeAction,
    pub org_id: OrgId,
    pub target_kind: PartyKind,
    pub target: String,
    pub notes: Option<String>,
    pub tags: Tags,
    pub parent: Option<HandshakeId>,
    pub transfer: Option<TransferId>,
    pub expires_at: Timestamp,
}
