//! Tags on every `TaggableResourceId` of the model: roots, OUs, accounts,
//! policies, the resource policy and responsibility transfers.

use super::domain_error::{DomainError, DomainResult, Exception, Invariant};
use super::id_types::{OrgId, TaggableId};
use super::tags::{merge_tags, Tags};
use super::{Organization, World};

/// Which kind of resource a tag request names.
enum Taggable {
    Account,
    Root,
    Ou,
    Policy,
    ResourcePolicy,
    /// A responsibility transfer, by its key in `World::transfers`.
    Transfer(u64),
}

fn classify(org: &Organization, world: &World, resource_id: &TaggableId) -> Option<Taggable> {
    let resource_id = resource_id.as_str();
    if resource_id == org.root().id {
        Some(Taggable::Root)
    } else if org.tree().ou(resource_id).is_some() {
        Some(Taggable::Ou)
    } else if org.policies.policy(resource_id).is_some() {
        Some(Taggable::Policy)
    } else if org.delegation.resource_policy().is_some_and(|p| p.id == resource_id) {
        Some(Taggable::ResourcePolicy)
    } else if let Some((seq, _)) = world
        .transfers
        .iter()
        .find(|(_, t)| t.id == resource_id && (t.target_org == org.id || t.source_org == org.id))
    {
        // One set of tags per transfer, seen and changed by both sides (our
        // choice: FIDELITY.md, "Tags on a responsibility transfer").
        Some(Taggable::Transfer(*seq))
    } else if world
        .accounts
        .get(resource_id)
        .is_some_and(|a| a.org_id.as_deref() == Some(org.id.as_str()))
    {
        Some(Taggable::Account)
    } else {
        None
    }
}

fn target_not_found(resource_id: &TaggableId) -> DomainError {
    DomainError::new(Exception::TargetNotFound, format!("No root, OU, account, policy, resource policy or responsibility transfer with id '{resource_id}' exists in your organization."),
    )
}

impl World {
    /// The tags of a resource of `caller`'s organization.
    pub(crate) fn tags_of(&self, org_id: &OrgId, resource_id: &TaggableId) -> DomainResult<&Tags> {
        let org = self.org(org_id)?;
        let id = resource_id.as_str();
        match classify(org, self, resource_id) {
            Some(Taggable::Root) => Ok(&org.root().tags),
            Some(Taggable::Ou) => Ok(&org.tree().ou(id).invariant("classified")?.tags),
            Some(Taggable::Account) => Ok(&self.accounts[id].tags),
            Some(Taggable::Policy) => Ok(&org.policies.policy(id).invariant("classified")?.tags),
            Some(Taggable::ResourcePolicy) => Ok(&org.delegation.resource_policy().invariant("classified")?.tags),
            Some(Taggable::Transfer(seq)) => Ok(&self.transfers[&seq].tags),
            None => Err(target_not_found(resource_id)),
        }
    }

    /// The tags of a resource, mutably.
    fn tags_mut(&mut self, org_id: &OrgId, resource_id: &TaggableId) -> DomainResult<&mut Tags> {
        let org = self.org(org_id)?;
        let kind = classify(org, self, resource_id).ok_or_else(|| target_not_found(resource_id))?;
        Ok(match kind {
            Taggable::Account => self.accounts.tags_mut(resource_id.as_str()).invariant("classified")?,
            Taggable::Root | Taggable::Ou => self
                .org_mut(org_id)?
                .tree_mut()
                .tags_mut(resource_id.as_str())
                .invariant("classified")?,
            Taggable::Policy => self
                .org_mut(org_id)?
                .policies
                .tags_mut(resource_id.as_str())
                .invariant("classified")?,
            Taggable::ResourcePolicy => self
                .org_mut(org_id)?
                .delegation
                .resource_policy_tags_mut()
                .invariant("classified")?,
            Taggable::Transfer(seq) => &mut self.transfers.get_mut(&seq).invariant("classified")?.tags,
        })
    }

    /// Adds tags to a resource; all or nothing.
    pub(crate) fn tag_resource(
        &mut self,
        org_id: &OrgId,
        resource_id: &TaggableId,
        new: &[(String, String)],
    ) -> DomainResult<()> {
        let max = self.limits().max_tags_per_resource;
        let tags = self.tags_mut(org_id, resource_id)?;
        *tags = merge_tags(tags, new, max)?;
        Ok(())
    }

    /// Removes the tags with `keys` from a resource; absent keys are ignored.
    pub(crate) fn untag_resource(
        &mut self,
        org_id: &OrgId,
        resource_id: &TaggableId,
        keys: &[String],
    ) -> DomainResult<()> {
        let tags = self.tags_mut(org_id, resource_id)?;
        for key in keys {
            tags.remove(key);
        }
        Ok(())
    }
}
