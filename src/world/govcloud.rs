//! GovCloud (US) accounts paired with commercial accounts: the store, and
//! its records for the snapshot format.

use std::collections::HashMap;

use super::id_types::{AccountId, CreateAccountRequestId};

/// GovCloud (US) accounts paired with commercial accounts. Its fields are
/// private to the world: pairs change only through the world's methods in
/// `transfers.rs`.
#[derive(Clone, Debug, Default)]
pub(crate) struct GovCloud {
    /// Commercial account id → its GovCloud account id.
    pub(super) pairs: HashMap<AccountId, AccountId>,
    /// CreateGovCloudAccount request id → the GovCloud account id it creates.
    pub(super) requests: HashMap<CreateAccountRequestId, AccountId>,
}

/// The records of [`GovCloud`], taken apart for the snapshot format.
#[derive(Clone, Debug, Default)]
pub(crate) struct GovCloudRecords {
    /// Commercial account id → its GovCloud account id.
    pub pairs: HashMap<AccountId, AccountId>,
    /// CreateGovCloudAccount request id → the GovCloud account id it creates.
    pub requests: HashMap<CreateAccountRequestId, AccountId>,
}

impl GovCloud {
    /// The store holding `records`.
    pub(crate) fn from_records(records: GovCloudRecords) -> GovCloud {
        let GovCloudRecords { pairs, requests } = records;
        GovCloud { pairs, requests }
    }

    /// A copy of its records.
    pub(crate) fn records(&self) -> GovCloudRecords {
        GovCloudRecords {
            pairs: self.pairs.clone(),
            requests: self.requests.clone(),
        }
    }
}
