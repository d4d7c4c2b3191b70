//! The tree: a root, OUs nested at most five deep, and accounts as leaves.

use super::domain_error::{DomainError, DomainResult, Exception, Invariant};
use super::id_types::{AccountId, ChildId, OrgId, OuId, ParentId};
use super::{ids, Organization, Tags, World};

mod nodes;
mod store;
use aws_sdk_organizations::types::{ConstraintViolationExceptionReason, InvalidInputExceptionReason};
pub(crate) use nodes::{Children, Ou, Root, MAX_OU_DEPTH};
pub(crate) use store::{RemoveOuRefused, Tree};

fn parent_not_found(id: &ParentId) -> DomainError {
    DomainError::new(
        Exception::ParentNotFound,
        format!("No root or OU with id '{id}' exists in your organization."),
    )
}

fn ou_not_found(id: &OuId) -> DomainError {
    DomainError::new(
        Exception::OrganizationalUnitNotFound,
        format!("No OU with id '{id}' exists in your organization."),
    )
}

impl Organization {
    /// How deep `parent_id` sits: the root is 0, an OU directly under it 1.
    pub(crate) fn depth(&self, parent_id: &str) -> usize {
        self.tree().depth(parent_id)
    }

    /// The chain of OU ids from the root down to and including `parent_id`
    /// (empty for the root).
    pub(crate) fn ou_chain(&self, parent_id: &str) -> Vec<&str> {
        self.tree().ou_chain(parent_id)
    }

    /// AWS's `Path` of a parent: `o-…/r-…/ou-…/…/`.
    pub(crate) fn path_of_parent(&self, parent_id: &str) -> String {
        self.path_with(parent_id, "")
    }

    /// The `Path` of a parent followed by `leaf` and a slash (a leaf that
    /// is empty adds nothing).
    pub(crate) fn path_with(&self, parent_id: &str, leaf: &str) -> String {
        self.tree().path_with(&self.id, parent_id, leaf)
    }

    /// The OU with `id`, or `OrganizationalUnitNotFoundException`.
    pub(crate) fn ou(&self, id: &OuId) -> DomainResult<&Ou> {
        self.tree().ou(id).ok_or_else(|| ou_not_found(id))
    }

    /// The children of a parent, or `ParentNotFoundException`.
    pub(crate) fn children_of(&self, parent_id: &ParentId) -> DomainResult<&Children> {
        if !self.is_parent(parent_id) {
            return Err(parent_not_found(parent_id));
        }
        self.tree()
            .children(parent_id)
            .invariant("every parent has a children entry")
    }
}

fn duplicate_ou(name: &str) -> DomainError {
    DomainError::new(
        Exception::DuplicateOrganizationalUnit,
        format!("An OU named '{name}' already exists in this parent. Choose another name."),
    )
}

impl World {
    /// Creates an OU under `parent_id` in the caller's organization and
    /// returns it.
    pub(crate) fn create_ou(
        &mut self,
        org_id: &OrgId,
        parent_id: &ParentId,
        name: &str,
        tags: &[(String, String)],
    ) -> DomainResult<&Ou> {
        let max_ous = self.limits().max_ous;
        let max_tags = self.limits().max_tags_per_resource;
        let org = self.org(org_id)?;
        if !org.is_parent(parent_id) {
            return Err(parent_not_found(parent_id));
        }
        if org.depth(parent_id) >= MAX_OU_DEPTH {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::OuDepthLimitExceeded,
                format!("OUs can be nested at most {MAX_OU_DEPTH} levels deep under the root; '{parent_id}' is already at that depth."),
            ));
        }
        if org.tree().ou_count() >= max_ous {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::OuNumberLimitExceeded,
                format!("The organization already has {max_ous} OUs, its quota. Raise it with MockOrganizationsBuilder::limits."),
            ));
        }
        if org.tree().name_taken(parent_id, name, None) {
            return Err(duplicate_ou(name));
        }
        let tags = super::tags::merge_tags(&Tags::default(), tags, max_tags)?;
        let root_suffix = org.root().id.trim_start_matches(ids::prefix::ROOT).to_string();
        let tree = self.orgs[org_id].tree();
        let id = self.ids.unused(
            "OU id",
            |g| OuId::new(format!("{}{}-{}", ids::prefix::OU, root_suffix, g.lower_alnum(8))),
            |id| tree.is_parent(id),
        )?;
        let seq = self.next_seq();
        let org = self.org_mut(org_id)?;
        let added = org.tree_mut().add_ou(Ou {
            id: id.clone(),
            name: name.to_string(),
            parent_id: ParentId::new(parent_id),
            seq,
            tags,
        });
        added.then_some(()).invariant("the parent exists and the id is new")?;
        self.attach_defaults(org_id, &id);
        self.org(org_id)?.ou(&id)
    }

    /// Renames an OU.
    pub(crate) fn rename_ou(&mut self, org_id: &OrgId, ou_id: &OuId, name: &str) -> DomainResult<()> {
        let org = self.org_mut(org_id)?;
        let parent = org.ou(ou_id)?.parent_id.clone();
        if org.tree().name_taken(&parent, name, Some(ou_id)) {
            return Err(duplicate_ou(name));
        }
        org.tree_mut()
            .rename_ou(ou_id, name)
            .then_some(())
            .invariant("checked")?;
        Ok(())
    }

    /// Deletes an empty OU.
    pub(crate) fn delete_ou(&mut self, org_id: &OrgId, ou_id: &OuId) -> DomainResult<()> {
        let org = self.org_mut(org_id)?;
        match org.tree_mut().remove_ou(ou_id) {
            Ok(_) => {}
            Err(RemoveOuRefused::NotFound) => return Err(ou_not_found(ou_id)),
            Err(RemoveOuRefused::NotEmpty) => {
                return Err(DomainError::new(
                    Exception::OrganizationalUnitNotEmpty,
                    format!("OU '{ou_id}' still has accounts or OUs in it. Move or delete them first."),
                ))
            }
        }
        self.detach_all(org_id, ou_id);
        Ok(())
    }

    /// The parent of a child (account or OU) in the caller's organization.
    pub(crate) fn parent_of(&self, org_id: &OrgId, child_id: &ChildId) -> DomainResult<ParentId> {
        let org = self.org(org_id)?;
        if let Some(ou) = org.tree().ou(child_id.as_str()) {
            return Ok(ou.parent_id.clone());
        }
        match self.accounts.get(child_id.as_str()) {
            Some(a) if a.org_id.as_deref() == Some(org.id().as_str()) => {
                Ok(a.parent_id.clone().invariant("a member has a parent")?)
            }
            _ => Err(DomainError::new(
                Exception::ChildNotFound,
                format!("No account or OU with id '{child_id}' exists in your organization."),
            )),
        }
    }

    /// Moves a member account from `source` to `destination`.
    pub(crate) fn move_account(
        &mut self,
        org_id: &OrgId,
        account_id: &AccountId,
        source: &ParentId,
        destination: &ParentId,
    ) -> DomainResult<()> {
        let org = self.org(org_id)?;
        if !org.is_parent(source) {
            return Err(DomainError::new(
                Exception::SourceParentNotFound,
                format!("No root or OU with id '{source}' exists in your organization."),
            ));
        }
        let elsewhere = || self.orgs.values().any(|o| o.id != org.id && o.is_parent(destination));
        if !org.is_parent(destination) && elsewhere() {
            return Err(DomainError::invalid_input(
                InvalidInputExceptionReason::MovingAccountBetweenDifferentRoots,
                format!("'{destination}' is under another root than '{source}'; an account moves only between a root and the OUs under it. Use a destination in root '{}'.", org.root().id),
            ));
        }
        if !org.is_parent(destination) {
            return Err(DomainError::new(
                Exception::DestinationParentNotFound,
                format!("No root or OU with id '{destination}' exists in your organization."),
            ));
        }
        let account = self
            .accounts
            .get(account_id)
            .filter(|a| a.org_id.as_deref() == Some(org.id.as_str()))
            .ok_or_else(|| account_not_found(account_id))?;
        let current = account.parent_id.clone().invariant("a member has a parent")?;
        if current != source {
            return Err(DomainError::new(
                Exception::SourceParentNotFound,
                format!("Account '{account_id}' is not in '{source}'; its parent is '{current}'."),
            ));
        }
        if source == destination {
            return Err(DomainError::new(
                Exception::DuplicateAccount,
                format!("Account '{account_id}' is already in '{destination}'."),
            ));
        }
        let seq = account.seq;
        let org = self.org_mut(org_id)?;
        org.tree_mut()
            .move_account(source, destination, seq)
            .then_some(())
            .invariant("checked")?;
        self.accounts
            .set_parent(account_id, ParentId::new(destination))
            .invariant("checked")?;
        Ok(())
    }
}

/// `AccountNotFoundException` for `id`.
pub(super) fn account_not_found(id: &AccountId) -> DomainError {
    DomainError::new(
        Exception::AccountNotFound,
        format!("No account with id '{id}' exists in your organization."),
    )
}

#[cfg(test)]
mod tests {
    use crate::world::{AccountId, FeatureSet, OrgId, ParentId, Settings, World};

    const M: &str = "111111111111";

    fn world() -> (World, ParentId, OrgId) {
        let mut w = World::new(Settings::default());
        let org = w
            .create_organization(&crate::world::AccountId::new(M), FeatureSet::All)
            .unwrap();
        let (root, o) = (org.root().id.clone().into(), org.id().clone());
        (w, root, o)
    }

    #[test]
    fn depth_is_limited_to_five() {
        let (mut w, root, o) = world();
        let mut parent = root;
        for i in 0..5 {
            parent = w
                .create_ou(&o, &parent, &format!("l{i}"), &[])
                .unwrap()
                .id
                .clone()
                .into();
        }
        let err = w.create_ou(&o, &parent, "too-deep", &[]).unwrap_err();
        assert_eq!(err.reason(), Some("OU_DEPTH_LIMIT_EXCEEDED"));
    }

    #[test]
    fn a_created_ou_is_returned_as_stored() {
        let (mut w, root, o) = world();
        let tags = [("team".to_string(), "a".to_string())];
        let ou = w.create_ou(&o, &root, "Prod", &tags).unwrap().clone();
        assert_eq!((ou.name.as_str(), &ou.parent_id), ("Prod", &root));
        assert_eq!(ou.tags.get("team").map(String::as_str), Some("a"));
        let stored = w.org(&o).unwrap().ou(&ou.id).unwrap();
        assert_eq!((stored.seq, &stored.name), (ou.seq, &ou.name));
    }

    #[test]
    fn names_are_unique_under_a_parent_only() {
        let (mut w, root, o) = world();
        let a = w.create_ou(&o, &root, "Prod", &[]).unwrap().id.clone();
        assert_eq!(
            w.create_ou(&o, &root, "prod", &[]).unwrap_err().code(),
            "DuplicateOrganizationalUnitException"
        );
        w.create_ou(&o, &a.into(), "Prod", &[]).unwrap();
    }

    #[test]
    fn only_empty_ous_can_be_deleted() {
        let (mut w, root, o) = world();
        let a = w.create_ou(&o, &root, "A", &[]).unwrap().id.clone();
        let b = w.create_ou(&o, &a.clone().into(), "B", &[]).unwrap().id.clone();
        assert_eq!(
            w.delete_ou(&o, &a).unwrap_err().code(),
            "OrganizationalUnitNotEmptyException"
        );
        w.delete_ou(&o, &b).unwrap();
        w.delete_ou(&o, &a).unwrap();
        assert_eq!(w.org(&o).unwrap().tree().ou_count(), 0);
    }

    #[test]
    fn a_destination_in_another_organization_is_another_root() {
        let (mut w, root, o) = world();
        let other_root = w
            .create_organization(&crate::world::AccountId::new("333333333333"), FeatureSet::All)
            .unwrap()
            .root()
            .id
            .clone();
        let other_ou = w
            .create_ou(
                &w.org_id_of("333333333333").unwrap(),
                &other_root.clone().into(),
                "X",
                &[],
            )
            .unwrap()
            .id
            .clone();
        let m = AccountId::new(M);
        for destination in [ParentId::from(other_root), ParentId::from(other_ou)] {
            let err = w.move_account(&o, &m, &root, &destination).unwrap_err();
            assert_eq!(err.reason(), Some("MOVING_ACCOUNT_BETWEEN_DIFFERENT_ROOTS"));
        }
        let err = w
            .move_account(&o, &m, &root, &ParentId::new("ou-zzzz-zzzzzzzz"))
            .unwrap_err();
        assert_eq!(err.code(), "DestinationParentNotFoundException");
    }

    #[test]
    fn a_move_keeps_the_account_and_the_children_index_in_step() {
        let (mut w, root, o) = world();
        let ou: ParentId = w.create_ou(&o, &root, "A", &[]).unwrap().id.clone().into();
        let m = AccountId::new(M);
        w.move_account(&o, &m, &root, &ou).unwrap();
        let seq = w.account(M).unwrap().seq;
        assert_eq!(w.account(M).unwrap().parent_id.as_ref(), Some(&ou));
        let tree = w.org(&o).unwrap().tree();
        assert_eq!(tree.children(&ou).unwrap().accounts.get(&seq), Some(&m));
        assert!(tree.children(&root).unwrap().accounts.is_empty());
        assert!(w.violations().is_none());
        // A source that does not hold the account moves nothing.
        let err = w.move_account(&o, &m, &root, &ou).unwrap_err();
        assert_eq!(err.code(), "SourceParentNotFoundException");
        assert_eq!(w.account(M).unwrap().parent_id.as_ref(), Some(&ou));
    }

    #[test]
    fn paths_follow_the_chain() {
        let (mut w, root, o) = world();
        let a = w.create_ou(&o, &root, "A", &[]).unwrap().id.clone();
        let b = w.create_ou(&o, &a.clone().into(), "B", &[]).unwrap().id.clone();
        let org = w.org(&o).unwrap();
        assert_eq!(org.path_of_parent(&b), format!("{}/{}/{}/{}/", org.id(), root, a, b));
        assert_eq!(org.depth(&b), 2);
    }
}
