//! An organization's feature set (its own file so that what records it, a
//! handshake, need not import the world).

/// An organization's feature set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FeatureSet {
    /// All features, including policies.
    All,
    /// Consolidated billing only: no policy type can be enabled.
    ConsolidatedBilling,
}

impl FeatureSet {
    /// AWS's name for it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            FeatureSet::All => "ALL",
            FeatureSet::ConsolidatedBilling => "CONSOLIDATED_BILLING",
        }
    }
}
