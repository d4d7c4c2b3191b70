//! Tags on every `TaggableResourceId` of the model: roots, OUs, accounts,
//! policies, the resource policy and responsibility transfers, with AWS's rules.

use super::id_types::{OrgId, TaggableId};
use aws_sdk_organizations::types::ConstraintViolationExceptionReason;
use std::collections::BTreeMap;

use super::domain_error::{DomainError, DomainResult, Exception, Invariant};
use super::{Organization, World};

/// A resource's tags, kept sorted by key.
pub(crate) type Tags = BTreeMap<String, String>;

/// Checks a set of tags to add: no `aws:` keys, no key twice (the rules
/// live in [`crate::world::rules`]).
pub(super) fn check_new_tags(tags: &[(String, String)]) -> DomainResult<()> {
    match crate::world::rules::tags_problem(tags.iter().map(|(k, _)| k.as_str())) {
        Some(err) => Err(err),
        None => Ok(()),
    }
}

/// Adds `new` to `tags` (replacing values of existing keys), within `max` tags.
pub(super) fn merge_tags(tags: &Tags, new: &[(String, String)], max: usize) -> DomainResult<Tags> {
    check_new_tags(new)?;
    let mut merged = tags.clone();
    for (k, v) in new {
        merged.insert(k.clone(), v.clone());
    }
    if merged.len() > max {
        return Err(DomainError::constraint(
            ConstraintViolationExceptionReason::MaxTagLimitExceeded,
            format!(
                "A resource can have at most {max} tags; this request would leave it with {}.",
                merged.len()
            ),
        ));
    }
    Ok(merged)
}

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
    if resource_id == org.root.id {
        Some(Taggable::Root)
    } else if org.ous.contains_key(resource_id) {
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
            Some(Taggable::Root) => Ok(&org.root.tags),
            Some(Taggable::Ou) => Ok(&org.ous[id].tags),
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
            Taggable::Account => {
                &mut self
                    .accounts
                    .get_mut(resource_id.as_str())
                    .invariant("classified")?
                    .tags
            }
            Taggable::Root => &mut self.org_mut(org_id)?.root.tags,
            Taggable::Ou => {
                &mut self
                    .org_mut(org_id)?
                    .ous
                    .get_mut(resource_id.as_str())
                    .invariant("classified")?
                    .tags
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn merge_replaces_values_and_counts_the_limit() {
        let base: Tags = [("a".to_string(), "1".to_string())].into();
        let merged = merge_tags(&base, &pairs(&[("a", "2"), ("b", "3")]), 2).unwrap();
        assert_eq!(merged["a"], "2");
        let err = merge_tags(&merged, &pairs(&[("c", "1")]), 2).unwrap_err();
        assert_eq!(err.reason(), Some("MAX_TAG_LIMIT_EXCEEDED"));
    }

    #[test]
    fn system_and_duplicate_keys_are_refused() {
        let err = check_new_tags(&pairs(&[("aws:x", "1")])).unwrap_err();
        assert_eq!(err.reason(), Some("INVALID_SYSTEM_TAGS_PARAMETER"));
        let err = check_new_tags(&pairs(&[("k", "1"), ("k", "2")])).unwrap_err();
        assert_eq!(err.reason(), Some("DUPLICATE_TAG_KEY"));
    }
}
