//! The policies' lifecycle: creating, describing, updating, deleting and
//! listing customer-managed policies within AWS's quotas, and what the
//! organization says about its policies (types enabled, targets). The
//! world checks AWS's rules here; the [`PolicyBook`](super::PolicyBook)
//! keeps the records and their indexes.

use aws_sdk_organizations::types::ConstraintViolationExceptionReason;
use std::collections::BTreeMap;

use super::super::domain_error::{DomainError, DomainResult, Exception, Invariant};
use super::super::id_types::{OrgId, PolicyId, TargetId};
use super::super::{FeatureSet, Organization, Tags, World};
use super::*;

impl Policy {
    /// The policy's ARN in `org`.
    pub(crate) fn arn(&self, org: &Organization) -> String {
        let kind = self.policy_type.as_str().to_ascii_lowercase();
        if self.aws_managed {
            format!("arn:aws:organizations::aws:policy/{kind}/{}", self.id)
        } else {
            format!(
                "arn:aws:organizations::{}:policy/{}/{kind}/{}",
                org.management_account_id, org.id, self.id
            )
        }
    }
}

impl Organization {
    /// True when `policy_type` is enabled on the root. Under consolidated
    /// billing no type ever is.
    pub(crate) fn policy_type_enabled(&self, policy_type: PolicyType) -> bool {
        self.feature_set == FeatureSet::All && self.policies.enabled_types().contains(&policy_type)
    }

    /// The enabled policy type that needs trusted access for `principal`, if any.
    pub(crate) fn policy_type_needing(&self, principal: &str) -> Option<&'static str> {
        POLICY_TYPES
            .iter()
            .find(|t| t.service == Some(principal) && self.policy_type_enabled(t.policy_type))
            .map(|t| t.name)
    }

    /// The types the root shows in `PolicyTypes`, with their status, in the
    /// table's order.
    pub(crate) fn root_policy_types(&self) -> Vec<(PolicyType, PolicyTypeStatus)> {
        POLICY_TYPES
            .iter()
            .filter_map(|t| {
                let status = match self.policies.pending_types().get(&t.policy_type) {
                    Some(p) if p.enabling => PolicyTypeStatus::PendingEnable,
                    Some(_) => PolicyTypeStatus::PendingDisable,
                    None if self.policy_type_enabled(t.policy_type) => PolicyTypeStatus::Enabled,
                    None => return None,
                };
                Some((t.policy_type, status))
            })
            .collect()
    }

    /// The organization's `AvailablePolicyTypes` (a deprecated field), as
    /// AWS's own examples show it (examples-1.json, CreateOrganization and
    /// DescribeOrganization): SCPs `ENABLED` with all features, none with
    /// consolidated billing. It does not follow the root.
    pub(crate) fn available_types(&self) -> Vec<PolicyType> {
        match self.feature_set {
            FeatureSet::All => vec![PolicyType::ServiceControlPolicy],
            FeatureSet::ConsolidatedBilling => Vec::new(),
        }
    }

    /// A policy of this organization or an AWS-managed one, by id.
    pub(crate) fn find_policy(&self, id: &str) -> DomainResult<Policy> {
        self.policies.find(id)
    }

    /// The kind, name and ARN of a target in this organization.
    pub(crate) fn target(&self, world: &World, id: &str) -> DomainResult<Target> {
        let (kind, name, arn) = if id == self.root().id {
            (TargetKind::Root, self.root().name.clone(), self.root_arn())
        } else if let Some(ou) = self.tree().ou(id) {
            (TargetKind::OrganizationalUnit, ou.name.clone(), self.ou_arn(id))
        } else {
            match world.accounts.get(id) {
                Some(a) if a.org_id.as_deref() == Some(self.id.as_str()) => {
                    (TargetKind::Account, a.name.clone(), self.account_arn(id))
                }
                _ => return Err(target_not_found(id)),
            }
        };
        Ok(Target {
            id: TargetId::new(id),
            arn,
            name,
            kind,
        })
    }

    /// The policies of `policy_type` attached directly to `target_id`, in
    /// attachment order.
    pub(crate) fn attached(&self, target_id: &str, policy_type: PolicyType) -> Vec<(u64, Policy)> {
        self.policies.attached(target_id, policy_type)
    }

    /// Every root, OU and account id of the organization.
    pub(crate) fn all_targets(&self) -> Vec<TargetId> {
        let mut targets = vec![TargetId::from(&self.root().id)];
        let mut ous: Vec<_> = self.tree().ous().values().collect();
        ous.sort_by_key(|o| o.seq);
        targets.extend(ous.into_iter().map(|o| TargetId::from(&o.id)));
        targets.extend(self.members().values().map(TargetId::from));
        targets
    }
}

impl World {
    /// The caller's organization and the table row of `type_name`, once it
    /// is known that the organization may use policies at all.
    pub(crate) fn policy_org(
        &self,
        org_id: &OrgId,
        policy_type: PolicyType,
    ) -> DomainResult<(&Organization, &'static PolicyTypeSpec)> {
        let org = self.org(org_id)?;
        let spec = policy_type.spec();
        if org.feature_set != FeatureSet::All {
            return Err(not_available(org.feature_set.as_str(), policy_type.as_str()));
        }
        Ok((org, spec))
    }

    pub(crate) fn content_limit(&self, spec: &PolicyTypeSpec) -> usize {
        self.limits()
            .max_policy_content_chars
            .get(spec.name)
            .copied()
            .unwrap_or(spec.max_content_chars)
    }

    pub(crate) fn per_target_limit(&self, spec: &PolicyTypeSpec) -> usize {
        self.limits()
            .max_policies_per_target
            .get(spec.name)
            .copied()
            .unwrap_or(spec.max_per_target)
    }

    pub(crate) fn check_content(&self, spec: &PolicyTypeSpec, content: &str) -> DomainResult<()> {
        let limit = self.content_limit(spec);
        let n = content.chars().count();
        if n > limit {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::PolicyContentLimitExceeded,
                format!(
                    "A {} document can be at most {limit} characters long; this one has {n}.",
                    spec.name
                ),
            ));
        }
        super::policy_syntax::validate(spec, content)
    }

    pub(crate) fn check_name_free(
        org: &Organization,
        spec: &PolicyTypeSpec,
        name: &str,
        except: Option<&str>,
    ) -> DomainResult<()> {
        let managed_clash = spec.managed.is_some_and(|m| m.name == name);
        let taken = managed_clash
            || org
                .policies
                .named(spec.policy_type, name)
                .is_some_and(|id| Some(id.as_str()) != except);
        if taken {
            return Err(DomainError::new(
                Exception::DuplicatePolicy, // AWS's own text (FIDELITY.md, "Error messages").
                "A policy with the specified name and type already exists.",
            ));
        }
        Ok(())
    }

    /// Creates a customer-managed policy; returns the organization and the
    /// policy.
    pub(crate) fn create_policy(
        &mut self,
        org_id: &OrgId,
        policy_type: PolicyType,
        name: &str,
        description: &str,
        content: &str,
        tags: &[(String, String)],
    ) -> DomainResult<(&Organization, &Policy)> {
        let max_tags = self.limits().max_tags_per_resource;
        let (org, spec) = self.policy_org(org_id, policy_type)?;
        let max_policies = spec.max_per_organization.min(self.limits().max_policies_per_type);
        Self::check_name_free(org, spec, name, None)?;
        let count = org.policies.count(spec.policy_type);
        if count >= max_policies {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::PolicyNumberLimitExceeded,
                format!(
                    "The organization already has {count} policies of type {}, its quota. Delete one{}.",
                    spec.name,
                    if max_policies < spec.max_per_organization {
                        " or raise Limits::max_policies_per_type"
                    } else {
                        " (AWS's quota for the type)"
                    }
                ),
            ));
        }
        self.check_content(spec, content)?;
        let tags = super::super::tags::merge_tags(&Tags::default(), tags, max_tags)?;
        let book = &self.orgs[org_id].policies;
        let id = self.ids.unused(
            "policy id",
            |g| PolicyId::new(format!("p-{}", g.lower_alnum(8))),
            // AWS-managed ids have capitals, which the draw never makes
            // (policy_types' `managed_ids_are_never_drawn`).
            |id| book.policy(id).is_some(),
        )?;
        let seq = self.next_seq();
        let now = self.now();
        let policy = Policy {
            id: id.clone(),
            name: name.to_string(),
            description: description.to_string(),
            policy_type: spec.policy_type,
            content: content.to_string(),
            aws_managed: false,
            tags,
            seq,
            updated_at: now,
        };
        self.org_mut(org_id)?.policies.insert_policy(policy);
        let org = self.org(org_id)?;
        Ok((org, org.policies.policy(&id).invariant("just inserted")?))
    }

    /// A policy of the caller's organization, or an AWS-managed one.
    pub(crate) fn describe_policy(&self, org_id: &OrgId, policy_id: &PolicyId) -> DomainResult<Policy> {
        self.org(org_id)?.find_policy(policy_id)
    }

    /// Changes a customer-managed policy's name, description or content;
    /// returns the organization and the policy as it is now.
    pub(crate) fn update_policy(
        &mut self,
        org_id: &OrgId,
        policy_id: &PolicyId,
        name: Option<&str>,
        description: Option<&str>,
        content: Option<&str>,
    ) -> DomainResult<(&Organization, &Policy)> {
        let policy = self.describe_policy(org_id, policy_id)?;
        if policy.aws_managed {
            return Err(immutable(policy_id));
        }
        let org = self.org(org_id)?;
        let spec = policy.policy_type.spec();
        if let Some(name) = name {
            Self::check_name_free(org, spec, name, Some(policy_id))?;
        }
        if let Some(content) = content {
            self.check_content(spec, content)?;
        }
        let now = self.now();
        self.org_mut(org_id)?
            .policies
            .edit_policy(policy_id, name, description, content, now)?;
        let org = self.org(org_id)?;
        Ok((org, org.policies.policy(policy_id).invariant("just edited")?))
    }

    /// Deletes a customer-managed policy that is attached nowhere.
    pub(crate) fn delete_policy(&mut self, org_id: &OrgId, policy_id: &PolicyId) -> DomainResult<()> {
        let policy = self.describe_policy(org_id, policy_id)?;
        if policy.aws_managed {
            return Err(immutable(policy_id));
        }
        let org = self.org_mut(org_id)?;
        if let Some(targets) = org.policies.targets_of(policy_id) {
            return Err(DomainError::new(Exception::PolicyInUse, format!(
                    "Policy '{policy_id}' is still attached to {} target(s). Detach it from every root, OU and account first.",
                    targets.len()
                ),
            ));
        }
        org.policies.remove_policy(policy_id);
        Ok(())
    }

    /// The policies of one type (AWS-managed first), by creation order.
    pub(crate) fn list_policies(
        &self,
        org_id: &OrgId,
        policy_type: PolicyType,
    ) -> DomainResult<BTreeMap<u64, std::borrow::Cow<'_, Policy>>> {
        let org = self.org(org_id)?;
        let spec = policy_type.spec();
        // Borrowed, not cloned: a page needs only 20 of them, documents and all.
        let mut out: BTreeMap<u64, std::borrow::Cow<'_, Policy>> = org
            .policies
            .policies()
            .values()
            .filter(|p| p.policy_type == spec.policy_type)
            .map(|p| (p.seq, std::borrow::Cow::Borrowed(p)))
            .collect();
        if let Some(m) = spec.managed {
            out.insert(0, std::borrow::Cow::Owned(Policy::managed(spec, m)));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::Settings;

    const M: &str = "111111111111";

    #[test]
    fn the_table_holds_every_policy_type_of_the_model_once() {
        // The model (service-2.json) has 15 `PolicyType` values; the
        // integration tests name them all. The SDK may lag behind the model.
        assert_eq!(POLICY_TYPES.len(), 15);
        let mut names: Vec<_> = POLICY_TYPES.iter().map(|t| t.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), POLICY_TYPES.len());
        for v in aws_sdk_organizations::types::PolicyType::values() {
            assert!(
                PolicyType::from_name(v).is_some(),
                "the SDK knows {v}, the table does not"
            );
        }
    }

    #[test]
    fn types_with_a_service_need_its_trusted_access_and_keep_it() {
        let (mut w, root, o) = crate::world::test_support::org_world(Settings::default());
        let needing: Vec<_> = POLICY_TYPES
            .iter()
            .filter_map(|t| t.service.map(|s| (t.name, s)))
            .collect();
        assert_eq!(
            needing,
            [
                ("SECURITYHUB_POLICY", "securityhub.amazonaws.com"),
                ("INSPECTOR_POLICY", "inspector2.amazonaws.com"),
                ("GUARDDUTY_POLICY", "guardduty.amazonaws.com"),
            ]
        );
        for (name, service) in needing {
            crate::world::delegation::known_service(service).unwrap();
            let err = w
                .enable_policy_type(&o, &root, PolicyType::from_name(name).unwrap())
                .unwrap_err();
            assert_eq!(err.reason(), Some("SERVICE_ACCESS_NOT_ENABLED"));
            assert!(!w
                .caller_org(M)
                .unwrap()
                .policy_type_enabled(PolicyType::from_name(name).unwrap()));
            w.enable_service_access(&o, service).unwrap();
            w.enable_policy_type(&o, &root, PolicyType::from_name(name).unwrap())
                .unwrap();
            let err = w.disable_service_access(&o, service).unwrap_err();
            assert_eq!(err.reason(), Some("POLICY_TYPE_ENABLED_FOR_THIS_SERVICE"));
            assert!(w.caller_org(M).unwrap().delegation.trusts(service));
            w.disable_policy_type(&o, &root, PolicyType::from_name(name).unwrap())
                .unwrap();
            w.disable_service_access(&o, service).unwrap();
        }
    }

    /// A drawn policy id the organization already holds is drawn again.
    #[test]
    fn a_new_policy_never_takes_an_id_the_organization_holds() {
        let (mut w, _root, o) = crate::world::test_support::org_world(Settings::default());
        let scp = PolicyType::ServiceControlPolicy;
        let content = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#;
        // A twin of the generator tells the id the next policy would draw.
        let next = PolicyId::new(format!("p-{}", w.ids.clone().lower_alnum(8)));
        let (mut control, _, co) = crate::world::test_support::org_world(Settings::default());
        let (_, drawn) = control.create_policy(&co, scp, "new", "", content, &[]).unwrap();
        assert_eq!(drawn.id, next, "the twin foretells the draw");
        let (seq, now) = (w.next_seq(), w.now());
        let held = Policy {
            id: next.clone(),
            name: "held".into(),
            description: String::new(),
            policy_type: scp,
            content: content.into(),
            aws_managed: false,
            tags: Tags::default(),
            seq,
            updated_at: now,
        };
        w.org_mut(&o).unwrap().policies.insert_policy(held);
        let (_, created) = w.create_policy(&o, scp, "new", "", content, &[]).unwrap();
        assert_ne!(created.id, next);
        assert_eq!(w.org(&o).unwrap().policies.count(scp), 2);
    }

    #[test]
    fn full_aws_access_follows_new_ous_and_accounts() {
        let (mut w, root, o) = crate::world::test_support::org_world(Settings::default());
        let before = w.create_ou(&o, &root.clone().into(), "Before", &[]).unwrap().id.clone();
        let org = w.caller_org(M).unwrap();
        assert!(
            org.policies.attachments().values().all(|a| a.is_empty()),
            "no type is enabled on a new root"
        );
        w.enable_policy_type(&o, &root, crate::world::policies::PolicyType::ServiceControlPolicy)
            .unwrap();
        let ou = w.create_ou(&o, &root.clone().into(), "A", &[]).unwrap().id.clone();
        let org = w.caller_org(M).unwrap();
        for t in [root.as_str(), before.as_str(), ou.as_str(), M] {
            let ids: Vec<_> = org
                .attached(t, PolicyType::ServiceControlPolicy)
                .into_iter()
                .map(|(_, p)| p.id)
                .collect();
            assert_eq!(ids, ["p-FullAWSAccess"], "{t}");
        }
    }
}
