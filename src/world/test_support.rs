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
    let (root, o) = (org.root.id.clone(), org.id.clone());
    (w, root, o)
}
