//! The world taken apart into its records, and rebuilt from them: what the
//! snapshot format ([`crate::harness::snapshot`]) converts to and from. Derived
//! state (the email index, each organization's indexes) is not a part: it
//! is rebuilt, so a snapshot cannot disagree with it. An organization comes
//! whole, built by `Organization::from_parts` from stores that rebuild their
//! own indexes (`CreateAccountRequests::from_records`,
//! `PolicyBook::from_records`).

use super::id_types::{AccountId, OrgId};
use std::collections::{BTreeMap, HashMap};

use super::ids::IdGen;
use super::{handshakes, iam, transfers, Account, Accounts, Organization, Settings, Timestamp, World};

/// Every record of a world; nothing derived.
pub(crate) struct WorldParts {
    pub(crate) settings: Settings,
    pub(crate) now: Timestamp,
    pub(crate) id_state: u64,
    pub(crate) seq: u64,
    pub(crate) accounts: HashMap<AccountId, Account>,
    pub(crate) orgs: BTreeMap<OrgId, Organization>,
    pub(crate) handshakes: BTreeMap<u64, handshakes::Handshake>,
    pub(crate) transfers: BTreeMap<u64, transfers::ResponsibilityTransfer>,
    pub(crate) govcloud: transfers::GovCloudRecords,
    pub(crate) iam: iam::IamRecords,
}

impl World {
    /// The state of the identifier generator and the last sequence number
    /// handed out.
    pub(crate) fn counters(&self) -> (u64, u64) {
        (self.ids.state(), self.seq)
    }

    /// The world made of `parts`, its derived state rebuilt. It may be
    /// impossible (a snapshot can say anything): check it with
    /// `violations` before using it.
    pub(crate) fn from_parts(parts: WorldParts) -> World {
        // A duplicate email leaves the index shorter than the accounts,
        // which `check_invariants` reports.
        World {
            settings: parts.settings,
            now: parts.now,
            ids: IdGen::new(parts.id_state),
            seq: parts.seq,
            accounts: Accounts::from_records(parts.accounts),
            orgs: parts.orgs,
            handshakes: handshakes::Handshakes::from_stored(parts.handshakes),
            transfers: parts.transfers,
            govcloud: transfers::GovCloud::from_records(parts.govcloud),
            iam: iam::Iam::from_records(parts.iam),
        }
    }
}
