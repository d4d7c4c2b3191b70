//! Guardrails: service control policies (SCPs) and resource control
//! policies (RCPs) evaluated against a request, as AWS evaluates them
//! (FIDELITY.md#guardrails).
//!
//! [`evaluate`] is the pure engine: a request (the principal, the action,
//! the resource, the context keys) and the chain of policies on the path
//! root → each OU → account, to a [`Decision`]. An explicit `Deny` in any
//! policy on the path wins; otherwise every level must have a policy with
//! an `Allow` statement that applies, or the request is implicitly denied at
//! the first level that has none. [`World::guardrail_chain`] builds the
//! chain from an organization; it answers `None` when no policy of the type
//! is in play (no organization, the type not enabled, the management
//! account), so callers with nothing to check pay for nothing more.
//!
//! - [`compiled`]: a policy document parsed once, and the memo that keeps it.
//! - [`matching`]: `Action`/`NotAction`, `Resource`/`NotResource`, `Principal`.
//! - [`conditions`]: the `Condition` operators.
//! - [`keys`]: the request context, its keys and policy variables.

pub(crate) mod compiled;
pub(crate) mod conditions;
pub(crate) mod keys;
pub(crate) mod matching;
mod resources;

use std::borrow::Cow;
use std::sync::Arc;

use super::id_types::AccountId;
use super::policies::{managed_by_id, PolicyType};
use super::{Organization, World};
use compiled::{CompiledPolicy, Effect};
pub(crate) use keys::{names, Context};
pub(crate) use resources::Resource;

/// Who makes a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PrincipalKind {
    /// The account's root user (`arn:aws:iam::<account>:root`).
    RootUser,
    /// A role, or a session of it (`aws:PrincipalArn` is the role's ARN).
    AssumedRole,
    /// A service-linked role: no SCP or RCP applies to it.
    ServiceLinkedRole,
}

impl PrincipalKind {
    /// The value of `aws:PrincipalType`.
    pub(crate) fn principal_type(self) -> &'static str {
        match self {
            PrincipalKind::RootUser => "Account",
            PrincipalKind::AssumedRole | PrincipalKind::ServiceLinkedRole => "AssumedRole",
        }
    }
}

/// Who signed a request: an account's root user, or a role session. Only
/// borrowed, so a caller with no guardrail in play builds nothing from it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Signer<'a> {
    /// The role session that signed, if one did (else the account's root user).
    pub session: Option<&'a super::iam::RoleSession>,
    /// The region of the signature's credential scope (`aws:RequestedRegion`).
    pub region: Option<&'a str>,
    /// The partition of that region, for the ARNs of messages and keys.
    pub partition: &'a str,
}

impl Signer<'_> {
    /// `aws:PrincipalArn` of `account`'s signer and its kind: the root user
    /// `arn:<partition>:iam::<account>:root`, or the session's role
    /// `arn:<partition>:iam::<account>:role/<name>`.
    pub(crate) fn principal(&self, account: &str) -> (String, PrincipalKind) {
        let partition = self.partition;
        match self.session {
            Some(s) => (
                format!("arn:{partition}:iam::{account}:role/{}", s.role_name),
                PrincipalKind::AssumedRole,
            ),
            None => (format!("arn:{partition}:iam::{account}:root"), PrincipalKind::RootUser),
        }
    }

    /// The caller's ARN as an access-denied message names it: the root
    /// user, or the assumed-role session.
    pub(crate) fn caller_arn(&self, account: &str) -> String {
        match self.session {
            Some(s) => s.arn(self.partition),
            None => format!("arn:{}:iam::{account}:root", self.partition),
        }
    }
}

/// One request to evaluate.
#[derive(Clone, Debug)]
pub(crate) struct Request<'a> {
    /// The caller's ARN as `aws:PrincipalArn` holds it.
    pub principal_arn: &'a str,
    /// The caller's account.
    pub principal_account: &'a str,
    /// What kind of principal calls.
    pub principal_kind: PrincipalKind,
    /// `service:Action`.
    pub action: &'a str,
    /// The resource's ARN, or `*` for an action without a resource.
    pub resource: &'a str,
    /// The condition keys.
    pub context: &'a Context,
}

/// One policy on the path: its id, its name and its parsed document.
#[derive(Clone, Debug)]
pub(crate) struct ChainPolicy<'a> {
    /// `p-...`.
    pub id: Cow<'a, str>,
    /// Its name.
    pub name: Cow<'a, str>,
    /// The document, parsed (shared with the memo of [`compiled`]).
    pub policy: Arc<CompiledPolicy>,
}

impl<'a> ChainPolicy<'a> {
    /// The policy `id` named `name` with `document`, parsed (or taken from
    /// the memo when this content was parsed before).
    pub(crate) fn new(id: impl Into<Cow<'a, str>>, name: impl Into<Cow<'a, str>>, document: &str) -> Self {
        let id = id.into();
        let policy = compiled::compiled(&id, document);
        ChainPolicy {
            id,
            name: name.into(),
            policy,
        }
    }
}

/// The policies attached to one root, OU or account.
#[derive(Clone, Debug)]
pub(crate) struct Level<'a> {
    /// The root, OU or account id.
    pub target_id: &'a str,
    /// Its policies of the type evaluated, in attachment order.
    pub policies: Vec<ChainPolicy<'a>>,
}

/// What the guardrails say about a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Every level allows it and no policy denies it.
    Allowed,
    /// A `Deny` statement applies.
    ExplicitDeny {
        /// The denying policy's id.
        policy_id: String,
        /// Its name.
        policy_name: String,
        /// Where it is attached.
        target_id: String,
        /// The statement's `Sid`, if it has one.
        sid: Option<String>,
    },
    /// No policy at this level allows it.
    ImplicitDeny {
        /// The first level, from the root down, where nothing allowed it.
        target_id: String,
    },
}

/// True when `statement` applies to `request` (its effect aside).
fn applies(statement: &compiled::Statement, request: &Request<'_>) -> bool {
    statement.applies(
        request.principal_arn,
        request.principal_account,
        request.action,
        request.resource,
        request.context,
    )
}

/// Evaluates `request` against the chain `levels` (root first, the
/// account last). A service-linked role is never restricted; an empty chain
/// restricts nothing.
pub(crate) fn evaluate(levels: &[Level<'_>], request: &Request<'_>) -> Decision {
    if request.principal_kind == PrincipalKind::ServiceLinkedRole {
        return Decision::Allowed;
    }
    for level in levels {
        for policy in &level.policies {
            for statement in &policy.policy.statements {
                if statement.effect == Effect::Deny && applies(statement, request) {
                    return Decision::ExplicitDeny {
                        policy_id: policy.id.to_string(),
                        policy_name: policy.name.to_string(),
                        target_id: level.target_id.to_string(),
                        sid: statement.sid.clone(),
                    };
                }
            }
        }
    }
    for level in levels {
        let allowed = level.policies.iter().any(|policy| {
            policy
                .policy
                .statements
                .iter()
                .any(|s| s.effect == Effect::Allow && applies(s, request))
        });
        if !allowed {
            return Decision::ImplicitDeny {
                target_id: level.target_id.to_string(),
            };
        }
    }
    Decision::Allowed
}

/// `arn:aws:...` in `partition` (the world's ARNs are in `aws`); anything
/// else (`*`) as it is.
pub(crate) fn in_partition(arn: &str, partition: &str) -> String {
    arn.strip_prefix("arn:aws:")
        .map_or_else(|| arn.to_string(), |rest| format!("arn:{partition}:{rest}"))
}

/// AWS's access-denied message for a denial by `policy_type`'s policies
/// (FIDELITY.md#guardrails-messages): "User: <caller> is not authorized to
/// perform: <action> on resource: <resource> with an explicit deny in a
/// service control policy: <policy ARN>", or "... because no service
/// control policy allows the <action> action". A request without a
/// resource (`*`) has no "on resource" part; the denying policy's ARN is
/// given only when the caller is in the policy's organization
/// (`policy_arn`), as AWS gives it only within the same account or
/// organization. `None` for [`Decision::Allowed`].
pub(crate) fn denial_message(
    caller_arn: &str,
    action: &str,
    resource: &str,
    decision: &Decision,
    policy_type: PolicyType,
    policy_arn: Option<&str>,
) -> Option<String> {
    let kind = match policy_type {
        PolicyType::ResourceControlPolicy => "resource control policy",
        _ => "service control policy",
    };
    let on = if resource == "*" {
        String::new()
    } else {
        format!(" on resource: {resource}")
    };
    match decision {
        Decision::Allowed => None,
        Decision::ExplicitDeny { .. } => {
            let arn = policy_arn.map(|a| format!(": {a}")).unwrap_or_default();
            Some(format!(
                "User: {caller_arn} is not authorized to perform: {action}{on} with an explicit deny in a {kind}{arn}"
            ))
        }
        Decision::ImplicitDeny { .. } => Some(format!(
            "User: {caller_arn} is not authorized to perform: {action}{on} because no {kind} allows the {action} action"
        )),
    }
}

/// Who asks, as [`World::guardrails_deny`] needs it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Principal<'a> {
    /// `aws:PrincipalArn`: the root user or the role.
    pub arn: &'a str,
    /// The principal's account.
    pub account: &'a str,
    pub kind: PrincipalKind,
}

impl World {
    /// The first denial of `action` on any of `resources` (or on `*` when
    /// there are none) by the `policy_type` policies on `chain_account`'s
    /// path, explicit denials before implicit ones, with the resource's
    /// ARN; `None` when they allow it, or when none applies. Each resource's
    /// tags are its `aws:ResourceTag/<key>` keys.
    pub(crate) fn guardrails_deny(
        &self,
        policy_type: PolicyType,
        chain_account: &str,
        principal: Principal<'_>,
        action: &str,
        resources: &[Resource],
        context: &Context,
    ) -> Option<(String, Decision)> {
        let levels = self.guardrail_chain(chain_account, policy_type)?;
        let decide = |resource: &str, context: &Context| {
            evaluate(
                &levels,
                &Request {
                    principal_arn: principal.arn,
                    principal_account: principal.account,
                    principal_kind: principal.kind,
                    action,
                    resource,
                    context,
                },
            )
        };
        let decisions: Vec<(String, Decision)> = if resources.is_empty() {
            vec![("*".to_string(), decide("*", context))]
        } else {
            resources
                .iter()
                .map(|r| {
                    let mut context = context.clone();
                    for (k, v) in &r.tags {
                        context.set(&format!("{}{k}", names::RESOURCE_TAG), [v.as_str()]);
                    }
                    (r.arn.clone(), decide(&r.arn, &context))
                })
                .collect()
        };
        let explicit = decisions
            .iter()
            .position(|(_, d)| matches!(d, Decision::ExplicitDeny { .. }));
        let first = explicit.or_else(|| decisions.iter().position(|(_, d)| *d != Decision::Allowed))?;
        decisions.into_iter().nth(first)
    }

    /// The ARN (in `partition`) of the policy `policy_id` of the organization
    /// of `account_id`, if both exist: what an explicit denial names.
    pub(crate) fn guardrail_policy_arn(&self, account_id: &str, policy_id: &str, partition: &str) -> Option<String> {
        let org = self.org_of(account_id)?;
        let policy = org.find_policy(policy_id).ok()?;
        Some(in_partition(&policy.arn(org), partition))
    }

    /// The organization whose `policy_type` policies apply to `account_id`,
    /// if any do: it is a member (not the management account) of an
    /// organization with the type enabled. Two map look-ups: what a caller
    /// with nothing to check pays.
    pub(crate) fn guardrails_apply(&self, account_id: &str, policy_type: PolicyType) -> Option<&super::Organization> {
        let org = self.orgs.get(self.accounts.get(account_id)?.org_id.as_ref()?)?;
        (org.management_account_id != *account_id && org.policy_type_enabled(policy_type)).then_some(org)
    }

    /// The chain of `policy_type` policies that applies to `account_id`
    /// (SCPs to its principals, RCPs to its resources): its root, each OU
    /// down to it, and itself. `None` when none applies: the account is in
    /// no organization, is its management account, or the type is not
    /// enabled on the root. Borrows the ids and names from the world; each
    /// document is parsed once per content ([`compiled`]).
    pub(crate) fn guardrail_chain(&self, account_id: &str, policy_type: PolicyType) -> Option<Vec<Level<'_>>> {
        let org = self.guardrails_apply(account_id, policy_type)?;
        let account = self.accounts.get(account_id)?;
        let parent = account.parent_id.as_deref().unwrap_or(org.root().id.as_str());
        let mut targets: Vec<&str> = vec![org.root().id.as_str()];
        targets.extend(org.ou_chain(parent));
        targets.push(account.id.as_str());
        Some(
            targets
                .into_iter()
                .map(|target| Level {
                    target_id: target,
                    policies: attached_policies(org, target, policy_type),
                })
                .collect(),
        )
    }

    /// The condition keys the world knows about `account_id` as a
    /// principal (`aws:PrincipalAccount`, `aws:PrincipalOrgID`,
    /// `aws:PrincipalOrgPaths`) and the clock (`aws:CurrentTime`,
    /// `aws:EpochTime`), added to `context` where it has none.
    pub(crate) fn principal_keys(&self, account_id: &str, context: &mut Context) {
        context.default_to(names::PRINCIPAL_ACCOUNT, account_id);
        context.default_to(names::PRINCIPAL_IS_AWS_SERVICE, "false");
        let now = self.now();
        if context.get(names::CURRENT_TIME).is_none() {
            let time = aws_smithy_types::DateTime::from_millis(now)
                .fmt(aws_smithy_types::date_time::Format::DateTime)
                .unwrap_or_default();
            context.set(names::CURRENT_TIME, [time]);
        }
        context.default_to(names::EPOCH_TIME, (now / 1000).to_string());
        if let Some(org) = self.org_of(account_id) {
            context.default_to(names::PRINCIPAL_ORG_ID, org.id.to_string());
            if context.get(names::PRINCIPAL_ORG_PATHS).is_none() {
                let parent = self.accounts.get(account_id).and_then(|a| a.parent_id.as_deref());
                let path = org.path_of_parent(parent.unwrap_or(org.root().id.as_str()));
                context.set(names::PRINCIPAL_ORG_PATHS, [path]);
            }
        }
    }

    /// `aws:ResourceAccount` and `aws:ResourceOrgID` for a resource owned by
    /// `account_id`, added to `context` where it has none.
    pub(crate) fn resource_keys(&self, account_id: &AccountId, context: &mut Context) {
        context.default_to(names::RESOURCE_ACCOUNT, account_id.to_string());
        if let Some(org) = self.org_of(account_id) {
            context.default_to(names::RESOURCE_ORG_ID, org.id.to_string());
        }
    }
}

/// The `policy_type` policies attached to `target` in `org`, in attachment
/// order, borrowed (a customer-managed policy from the organization, an
/// AWS-managed one from the built-in table, as `Organization::attached`
/// finds them).
fn attached_policies<'o>(org: &'o Organization, target: &str, policy_type: PolicyType) -> Vec<ChainPolicy<'o>> {
    org.policies
        .attachments_of(target)
        .into_iter()
        .flatten()
        .filter_map(|(_, attachment)| {
            let (id, name, content): (&'o str, &'o str, &'o str) = match org.policies.policy(&attachment.policy_id) {
                Some(p) => {
                    (p.policy_type == policy_type).then_some((p.id.as_str(), p.name.as_str(), p.content.as_str()))?
                }
                None => {
                    let (spec, m) = managed_by_id(&attachment.policy_id)?;
                    (spec.policy_type == policy_type).then_some((m.id, m.name, m.content))?
                }
            };
            Some(ChainPolicy::new(id, name, content))
        })
        .collect()
}

#[cfg(test)]
mod tests;
