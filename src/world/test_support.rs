//! Worlds the unit tests start from (compiled for tests only).

use super::{AccountId, FeatureSet, OrgId, RootId, Settings, World};

/// The management account of [`org_world`]'s organization.
pub(crate) const M: &str = "111111111111";

/// A world with `settings` where `M` manages an organization with all
/// features: the world, the root's id and the organization's id.
pub(crate) fn org_world(settings: Settings) -> (World, RootId, OrgId) {
    let mut w = World::new(settings);
    let org = w
        .create_organization(&AccountId::new(M), FeatureSet::All)
        .expect("a new world's default account can create an organization");
    let (root, o) = (org.root().id.clone(), org.id.clone());
    (w, root, o)
}

/// A caller resolved from the world as `authorize` resolves it, for the
/// world's functions that take a [`super::Caller`].
pub(crate) struct Resolved {
    account: AccountId,
    org: Option<OrgId>,
    standing: super::Standing,
}

impl Resolved {
    /// `account` as the world sees it now.
    pub(crate) fn of(w: &World, account: &str) -> Self {
        Resolved {
            account: AccountId::new(account),
            org: w.org_id_of(account),
            standing: w.standing(account),
        }
    }

    /// The caller, to pass to the world.
    pub(crate) fn caller(&self) -> super::Caller<'_> {
        super::Caller {
            account: &self.account,
            org: self.org.as_ref(),
            standing: self.standing,
        }
    }
}
