//! Effective management policies: the documented inheritance operators
//! applied from the root, down the OUs, to the account.
//!
//! [`merge`] is the pure engine. It takes the policy documents attached at
//! each level (root first, the account last; each level in attachment order)
//! and returns the effective document, without operators, and the validation
//! errors AWS reports for it:
//!
//! - `@@assign` replaces an inherited value (a scalar or a whole list); among
//!   policies attached to the same entity, the one attached first wins.
//! - `@@append` adds values to an inherited list (or starts one).
//! - `@@remove` takes values out of an inherited list; a list left empty
//!   disappears from the effective policy.
//! - `@@operators_allowed_for_child_policies` limits what policies attached
//!   *below* may do at that setting and everything under it (`@@all`,
//!   `@@none`, or a list). Restrictions only narrow: several at one level
//!   intersect, and a child can never widen them. A child policy that uses a
//!   disallowed operator has that operator ignored, and the account's
//!   effective policy gets a validation error naming the policies involved.

use super::super::id_types::{AccountId, Member, OrgId, ParentId, TargetId};
use aws_sdk_organizations::types::InvalidInputExceptionReason;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::super::domain_error::{DomainError, DomainResult, Exception};
use super::super::{Organization, Standing, Timestamp, World};
use super::policy_syntax::CHILD_CONTROL;
use super::policy_types::{PolicyKind, PolicyType, PolicyTypeSpec};

// The inheritance operators a child may use, one bit each.
const ASSIGN: u8 = 0b001;
const APPEND: u8 = 0b010;
const REMOVE: u8 = 0b100;
/// All three (written as bits: `|` and `^` of disjoint bits are the same).
const ALL: u8 = 0b111;

/// The error code the mock gives a child policy's use of an operator that
/// a parent policy disallowed.
pub(crate) const OPERATOR_NOT_ALLOWED: &str = "OPERATOR_NOT_ALLOWED_BY_PARENT_POLICY";

fn operator_bit(op: &str) -> u8 {
    match op {
        "@@assign" => ASSIGN,
        "@@append" => APPEND,
        "@@remove" => REMOVE,
        _ => 0,
    }
}

fn describe_mask(mask: u8) -> String {
    let names: Vec<&str> = [("@@assign", ASSIGN), ("@@append", APPEND), ("@@remove", REMOVE)]
        .into_iter()
        .filter(|(_, b)| mask & b != 0)
        .map(|(n, _)| n)
        .collect();
    if names.is_empty() {
        "no operator (@@none)".into()
    } else {
        names.join(", ")
    }
}

/// One validation error of an effective policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ValidationError {
    /// What went wrong, as a code.
    pub code: String,
    /// What went wrong, in words.
    pub message: String,
    /// Where in the effective policy, as dotted keys.
    pub path: String,
    /// The policies involved: those that restricted, then the offender.
    pub contributing: Vec<String>,
}

/// The result of merging the policies that apply to one account.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Merged {
    /// The effective document, without operators.
    pub document: Value,
    /// Operators that could not be applied.
    pub errors: Vec<ValidationError>,
}

#[derive(Default)]
struct Node {
    value: Option<Value>,
    children: BTreeMap<String, Node>,
    /// Operators policies at later levels may use here; `None` until restricted.
    allowed: Option<(u8, Vec<String>)>,
    /// Restrictions declared at the level being merged, applied after it.
    pending: Option<(u8, Vec<String>)>,
    /// The level whose policy last assigned this value.
    assigned_level: Option<usize>,
}

fn child_control_mask(v: &Value) -> u8 {
    let names: Vec<&str> = v.as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    if names.contains(&"@@all") {
        ALL
    } else {
        names.iter().fold(0, |m, n| m | operator_bit(n))
    }
}

fn restrict(slot: &mut Option<(u8, Vec<String>)>, mask: u8, by: &[String]) {
    let (m, who) = slot.get_or_insert_with(|| (ALL, Vec::new()));
    *m &= mask;
    for p in by {
        if !who.contains(p) {
            who.push(p.clone());
        }
    }
}

struct Ctx<'a> {
    policy_id: &'a str,
    level: usize,
    errors: &'a mut Vec<ValidationError>,
}

impl Node {
    fn merge(&mut self, obj: &Map<String, Value>, ctx: &mut Ctx<'_>, inherited: (u8, &[String]), path: &str) {
        let mut mask = inherited.0;
        let mut by: Vec<String> = inherited.1.to_vec();
        if let Some((m, who)) = &self.allowed {
            mask &= m;
            by.extend(who.iter().filter(|p| !inherited.1.contains(p)).cloned());
        }
        for (key, value) in obj {
            if key == CHILD_CONTROL {
                restrict(
                    &mut self.pending,
                    child_control_mask(value),
                    &[ctx.policy_id.to_string()],
                );
            } else if key.starts_with("@@") {
                let bit = operator_bit(key);
                if mask & bit == 0 {
                    let mut contributing = by.clone();
                    contributing.push(ctx.policy_id.to_string());
                    contributing.dedup();
                    ctx.errors.push(ValidationError {
                        code: OPERATOR_NOT_ALLOWED.into(),
                        message: format!(
                            "Policy {} uses {key} at '{path}', but its parent policies ({}) allow child policies only {} there; the operator was ignored.",
                            ctx.policy_id,
                            by.join(", "),
                            describe_mask(mask)
                        ),
                        path: path.to_string(),
                        contributing,
                    });
                    continue;
                }
                self.apply(bit, value, ctx.level);
            } else if let Value::Object(child) = value {
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                self.children
                    .entry(key.clone())
                    .or_default()
                    .merge(child, ctx, (mask, &by), &here);
            }
        }
    }

    fn apply(&mut self, bit: u8, value: &Value, level: usize) {
        match bit {
            ASSIGN => {
                if self.assigned_level != Some(level) {
                    self.value = Some(value.clone());
                    self.assigned_level = Some(level);
                }
            }
            APPEND => {
                let mut list = match self.value.take() {
                    Some(Value::Array(l)) => l,
                    Some(other) => vec![other],
                    None => Vec::new(),
                };
                for v in value.as_array().into_iter().flatten() {
                    if !list.contains(v) {
                        list.push(v.clone());
                    }
                }
                self.value = Some(Value::Array(list));
            }
            _ => {
                if let Some(Value::Array(list)) = &mut self.value {
                    let gone = value.as_array().cloned().unwrap_or_default();
                    list.retain(|v| !gone.contains(v));
                    if list.is_empty() {
                        self.value = None;
                    }
                }
            }
        }
    }

    /// Makes the restrictions declared at the level just merged binding.
    fn end_level(&mut self) {
        if let Some((mask, by)) = self.pending.take() {
            restrict(&mut self.allowed, mask, &by);
        }
        for child in self.children.values_mut() {
            child.end_level();
        }
    }

    fn render(&self) -> Option<Value> {
        if let Some(v) = &self.value {
            return Some(v.clone());
        }
        let map: Map<String, Value> = self
            .children
            .iter()
            .filter_map(|(k, n)| n.render().map(|v| (k.clone(), v)))
            .collect();
        (!map.is_empty()).then_some(Value::Object(map))
    }
}

/// Merges the documents attached at each level, root first, into the
/// effective policy. Each level lists `(policy id, document)` in the order
/// the policies were attached.
pub(crate) fn merge(levels: &[Vec<(String, Value)>]) -> Merged {
    let mut root = Node::default();
    let mut errors = Vec::new();
    for (level, docs) in levels.iter().enumerate() {
        for (policy_id, doc) in docs {
            if let Value::Object(obj) = doc {
                let mut ctx = Ctx {
                    policy_id,
                    level,
                    errors: &mut errors,
                };
                root.merge(obj, &mut ctx, (ALL, &[]), "");
            }
        }
        root.end_level();
    }
    Merged {
        document: root.render().unwrap_or_else(|| Value::Object(Map::new())),
        errors,
    }
}

/// An account's effective policy of one type.
#[derive(Clone, Debug)]
pub(crate) struct EffectivePolicy {
    /// The account.
    pub account_id: String,
    pub policy_type: &'static str,
    /// The merged document and its validation errors.
    pub merged: Merged,
    /// The latest change among the contributing policies and attachments.
    pub last_updated: Timestamp,
}

fn effective_not_found(account_id: &str, type_name: &str) -> DomainError {
    DomainError::new(Exception::EffectivePolicyNotFound, format!("Account '{account_id}' has no effective {type_name}: the type is not enabled, or no policy of it is attached to the account, its OUs or the root."),
    )
}

fn management_type(policy_type: PolicyType) -> DomainResult<&'static PolicyTypeSpec> {
    let spec = policy_type.spec();
    if spec.kind != PolicyKind::Management {
        return Err(DomainError::invalid_input(
            InvalidInputExceptionReason::InvalidEnumPolicyType,
            format!("{policy_type} is an authorization policy type; effective policies exist only for management policy types (tag, backup, AI opt-out, ...)."),
        ));
    }
    Ok(spec)
}

impl Organization {
    /// The effective policy of `spec`'s type for a member account, or `None`
    /// when nothing of the type applies to it.
    pub(crate) fn effective_policy(
        &self,
        account_id: &AccountId,
        parent_id: &ParentId,
        spec: &PolicyTypeSpec,
    ) -> Option<EffectivePolicy> {
        if !self.policy_type_enabled(spec.policy_type) {
            return None;
        }
        let mut targets = vec![self.root().id.as_str()];
        targets.extend(self.ou_chain(parent_id));
        targets.push(account_id.as_str());
        let mut last_updated = 0;
        let mut any = false;
        let levels: Vec<Vec<(String, Value)>> = targets
            .iter()
            .map(|t| {
                self.attached(t, spec.policy_type)
                    .into_iter()
                    .filter_map(|(seq, p)| {
                        any = true;
                        let at = self
                            .policies
                            .attachments_of(t)
                            .and_then(|l| l.get(&seq))
                            .map_or(0, |a| a.at);
                        last_updated = last_updated.max(at).max(p.updated_at);
                        serde_json::from_str(&p.content).ok().map(|doc| (p.id.into(), doc))
                    })
                    .collect()
            })
            .collect();
        any.then(|| EffectivePolicy {
            account_id: account_id.to_string(),
            policy_type: spec.name,
            merged: merge(&levels),
            last_updated,
        })
    }
}

impl World {
    fn member_parent(&self, org: &Organization, account_id: &AccountId) -> Option<ParentId> {
        self.accounts
            .get(account_id)
            .filter(|a| a.org_id.as_deref() == Some(org.id.as_str()))
            .and_then(|a| a.parent_id.clone())
    }

    /// `DescribeEffectivePolicy`: the effective policy of a type for an
    /// account (the caller's own when `target` is `None`); `standing` is the
    /// caller's, as authorization found it.
    pub(crate) fn describe_effective_policy(
        &self,
        who: Member<'_>,
        standing: Standing,
        policy_type: PolicyType,
        target: Option<&TargetId>,
    ) -> DomainResult<EffectivePolicy> {
        let (caller, org_id) = (who.account, who.org);
        let org = self.org(org_id)?;
        let spec = management_type(policy_type)?;
        let account_id = &AccountId::new(target.map_or(caller.as_str(), TargetId::as_str));
        if org.is_parent(account_id) {
            return Err(DomainError::invalid_input(
                InvalidInputExceptionReason::TargetNotSupported,
                format!("'{account_id}' is a root or OU; effective policies are shown for accounts only."),
            ));
        }
        let parent = self.member_parent(org, account_id).ok_or_else(|| {
            DomainError::new(
                Exception::TargetNotFound,
                format!("No account with id '{account_id}' exists in your organization."),
            )
        })?;
        if account_id != caller && standing == Standing::Member {
            return Err(DomainError::access_denied(format!(
                "Account {caller} can see only its own effective policies; the management account or a delegated administrator can see those of '{account_id}'."
            )));
        }
        org.effective_policy(account_id, &parent, spec)
            .ok_or_else(|| effective_not_found(account_id, spec.name))
    }

    /// `ListEffectivePolicyValidationErrors`: the account's path and the
    /// validation errors of its effective policy.
    pub(crate) fn effective_policy_validation_errors(
        &self,
        org_id: &OrgId,
        account_id: &AccountId,
        policy_type: PolicyType,
    ) -> DomainResult<(String, EffectivePolicy)> {
        let org = self.org(org_id)?;
        let spec = management_type(policy_type)?;
        let parent = self
            .member_parent(org, account_id)
            .ok_or_else(|| super::super::tree::account_not_found(account_id))?;
        let path = format!("{}{account_id}/", org.path_of_parent(&parent));
        let effective = org
            .effective_policy(account_id, &parent, spec)
            .ok_or_else(|| effective_not_found(account_id, spec.name))?;
        Ok((path, effective))
    }

    /// `ListAccountsWithInvalidEffectivePolicy`: the members, by joining
    /// order, whose effective policy of the type has validation errors.
    pub(crate) fn accounts_with_invalid_effective_policy(
        &self,
        org_id: &OrgId,
        policy_type: PolicyType,
    ) -> DomainResult<BTreeMap<u64, AccountId>> {
        let org = self.org(org_id)?;
        let spec = management_type(policy_type)?;
        if !org.policy_type_enabled(spec.policy_type) {
            return Err(DomainError::new(
                Exception::EffectivePolicyNotFound,
                format!(
                    "Policy type {} is not enabled in the root, so no account has an effective policy of it.",
                    spec.name
                ),
            ));
        }
        let mut seen = BTreeSet::new();
        Ok(org
            .members()
            .iter()
            .filter(|(_, id)| seen.insert(id.as_str()))
            .filter(|(_, id)| {
                self.member_parent(org, id)
                    .and_then(|p| org.effective_policy(id, &p, spec))
                    .is_some_and(|e| !e.merged.errors.is_empty())
            })
            .map(|(seq, id)| (*seq, id.clone()))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    //! The worked examples of the AWS Organizations User Guide, "Policy
    //! syntax and inheritance for management policy types".
    use super::*;
    use serde_json::json;

    /// What a parent allows, as a validation error's message names it, and
    /// what a child-control list allows (an operator named twice is still
    /// allowed).
    #[test]
    fn allowed_operators_are_named_and_read() {
        assert_eq!(describe_mask(0), "no operator (@@none)");
        assert_eq!(describe_mask(APPEND), "@@append");
        assert_eq!(describe_mask(ASSIGN | REMOVE), "@@assign, @@remove");
        assert_eq!(describe_mask(ALL), "@@assign, @@append, @@remove");
        assert_eq!(child_control_mask(&json!(["@@append", "@@append"])), APPEND);
        assert_eq!(child_control_mask(&json!(["@@assign", "@@remove"])), ASSIGN | REMOVE);
        assert_eq!(child_control_mask(&json!(["@@all"])), ALL);
        assert_eq!(child_control_mask(&json!(["@@none"])), 0);
    }

    fn level(docs: &[(&str, Value)]) -> Vec<(String, Value)> {
        docs.iter().map(|(id, d)| (id.to_string(), d.clone())).collect()
    }

    fn policy_a() -> Value {
        json!({"tags": {"costcenter": {
            "tag_key": {"@@assign": "CostCenter"},
            "tag_value": {"@@assign": ["Development", "Support"]}
        }}})
    }

    #[test]
    fn example_1_assign_overwrites_inherited_values() {
        let b = json!({"tags": {"costcenter": {
            "tag_key": {"@@assign": "CostCenter"},
            "tag_value": {"@@assign": ["Sandbox"]},
            "enforced_for": {"@@assign": ["redshift:*", "dynamodb:table"]}
        }}});
        let m = merge(&[level(&[("p-a", policy_a())]), level(&[("p-b", b)]), vec![]]);
        assert_eq!(
            m.document,
            json!({"tags": {"costcenter": {
                "tag_key": "CostCenter",
                "tag_value": ["Sandbox"],
                "enforced_for": ["redshift:*", "dynamodb:table"]
            }}})
        );
        assert!(m.errors.is_empty());
    }

    fn policy_c() -> Value {
        json!({"tags": {"costcenter": {
            "tag_key": {"@@assign": "CostCenter"},
            "tag_value": {"@@append": ["Marketing"]},
            "enforced_for": {"@@append": ["redshift:*", "dynamodb:table"]}
        }}})
    }

    #[test]
    fn example_2_append_adds_to_inherited_values() {
        let m = merge(&[level(&[("p-a", policy_a())]), level(&[("p-c", policy_c())])]);
        assert_eq!(
            m.document,
            json!({"tags": {"costcenter": {
                "tag_key": "CostCenter",
                "tag_value": ["Development", "Support", "Marketing"],
                "enforced_for": ["redshift:*", "dynamodb:table"]
            }}})
        );
    }

    #[test]
    fn example_3_remove_takes_inherited_values_out() {
        // The guide nests policy D's enforced_for inside tag_value by mistake;
        // its text and result treat it as a sibling, as here.
        let d = json!({"tags": {"costcenter": {
            "tag_key": {"@@assign": "CostCenter"},
            "tag_value": {"@@remove": ["Development", "Marketing"]},
            "enforced_for": {"@@remove": ["redshift:*", "dynamodb:table"]}
        }}});
        let m = merge(&[
            level(&[("p-a", policy_a())]),
            level(&[("p-c", policy_c())]),
            level(&[("p-d", d)]),
        ]);
        assert_eq!(
            m.document,
            json!({"tags": {"costcenter": {"tag_key": "CostCenter", "tag_value": ["Support"]}}})
        );
    }

    #[test]
    fn example_4_child_control_operators_restrict_children() {
        let e = json!({"tags": {"project": {
            "tag_key": {"@@operators_allowed_for_child_policies": ["@@none"], "@@assign": "Project"},
            "tag_value": {"@@operators_allowed_for_child_policies": ["@@append"], "@@assign": ["Maintenance", "Escalations"]}
        }}});
        let f = json!({"tags": {"project": {
            "tag_key": {"@@assign": "PROJECT"},
            "tag_value": {"@@append": ["Escalations - research"]}
        }}});
        let m = merge(&[level(&[("p-e", e)]), level(&[("p-f", f)])]);
        // The guide prints the key as "project"; policy E assigned "Project"
        // and policy F could not change it, which is what it explains.
        assert_eq!(
            m.document,
            json!({"tags": {"project": {
                "tag_key": "Project",
                "tag_value": ["Maintenance", "Escalations", "Escalations - research"]
            }}})
        );
        assert_eq!(m.errors.len(), 1);
        let err = &m.errors[0];
        assert_eq!(err.path, "tags.project.tag_key");
        assert_eq!(err.contributing, ["p-e", "p-f"]);
        assert_eq!(err.code, OPERATOR_NOT_ALLOWED);
    }

    #[test]
    fn example_5_child_control_operators_at_one_level_intersect() {
        let g = json!({"tags": {"project": {"tag_value": {
            "@@operators_allowed_for_child_policies": ["@@append"],
            "@@assign": ["Maintenance"]
        }}}});
        let h = json!({"tags": {"project": {"tag_value": {
            "@@operators_allowed_for_child_policies": ["@@append", "@@remove"]
        }}}});
        let child = json!({"tags": {"project": {"tag_value": {"@@append": ["New"]}}}});
        let remover = json!({"tags": {"project": {"tag_value": {"@@remove": ["Maintenance"]}}}});
        let m = merge(&[
            level(&[("p-g", g), ("p-h", h)]),
            level(&[("p-x", child), ("p-y", remover)]),
        ]);
        assert_eq!(
            m.document,
            json!({"tags": {"project": {"tag_value": ["Maintenance", "New"]}}})
        );
        assert_eq!(m.errors.len(), 1);
        assert_eq!(m.errors[0].contributing, ["p-g", "p-h", "p-y"]);
    }

    #[test]
    fn example_6_the_first_policy_attached_at_a_level_wins() {
        let j = json!({"tags": {"project": {
            "tag_key": {"@@assign": "PROJECT"},
            "tag_value": {"@@append": ["Maintenance"]}
        }}});
        let k = json!({"tags": {"project": {"tag_key": {"@@assign": "project"}}}});
        let m = merge(&[level(&[("p-j", j), ("p-k", k)])]);
        assert_eq!(
            m.document,
            json!({"tags": {"project": {"tag_key": "PROJECT", "tag_value": ["Maintenance"]}}})
        );
    }

    #[test]
    fn restrictions_reach_every_setting_below_and_never_widen() {
        let root = json!({"services": {
            "@@operators_allowed_for_child_policies": ["@@none"],
            "default": {"opt_out_policy": {"@@assign": "optOut"}}
        }});
        let ou = json!({"services": {
            "@@operators_allowed_for_child_policies": ["@@all"],
            "default": {"opt_out_policy": {"@@assign": "optIn"}}
        }});
        let account = json!({"services": {"default": {"opt_out_policy": {"@@assign": "optIn"}}}});
        let m = merge(&[
            level(&[("p-r", root)]),
            level(&[("p-o", ou)]),
            level(&[("p-a", account)]),
        ]);
        assert_eq!(
            m.document,
            json!({"services": {"default": {"opt_out_policy": "optOut"}}})
        );
        assert_eq!(m.errors.len(), 2);
    }

    #[test]
    fn a_later_level_assign_replaces_and_nothing_yields_an_empty_document() {
        let m = merge(&[
            level(&[("p-1", json!({"x": {"y": {"@@assign": 1}}}))]),
            level(&[("p-2", json!({"x": {"y": {"@@assign": 2}}}))]),
        ]);
        assert_eq!(m.document, json!({"x": {"y": 2}}));
        assert_eq!(merge(&[]).document, json!({}));
    }
}
