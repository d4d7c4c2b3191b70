//! The nodes of an organization's tree: its root, its OUs, and the children
//! of each parent.

use std::collections::BTreeMap;

use super::super::id_types::{AccountId, OuId, ParentId, RootId};
use super::super::tags::Tags;

/// AWS's hard limit on the depth of OUs under a root.
pub(crate) const MAX_OU_DEPTH: usize = 5;

/// An organization's root.
#[derive(Clone, Debug)]
pub(crate) struct Root {
    /// `r-` and four characters.
    pub id: RootId,
    /// Always `Root`.
    pub name: String,
    pub tags: Tags,
}

/// An organizational unit.
#[derive(Clone, Debug)]
pub(crate) struct Ou {
    /// `ou-<root>-<8 characters>`.
    pub id: OuId,
    /// Its name, unique under its parent.
    pub name: String,
    /// Its parent root or OU.
    pub parent_id: ParentId,
    /// Creation order, for stable listings.
    pub seq: u64,
    pub tags: Tags,
}

/// The children of one parent, each kind in the order it arrived.
#[derive(Clone, Debug, Default)]
pub(crate) struct Children {
    /// Child OUs by sequence number.
    pub ous: BTreeMap<u64, OuId>,
    /// Child accounts by sequence number.
    pub accounts: BTreeMap<u64, AccountId>,
}

impl Children {
    /// True when the parent has neither OUs nor accounts.
    pub(crate) fn is_empty(&self) -> bool {
        self.ous.is_empty() && self.accounts.is_empty()
    }
}
