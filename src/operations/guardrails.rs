//! The guardrails on Organizations calls: before a call of a member
//! account runs, the SCPs on its path decide whether it may
//! (FIDELITY.md#guardrails-enforcement). The action is
//! `organizations:<OperationName>`; the resources are those the request
//! names (its account, OU, root, policy, target, parent, child or handshake
//! ids), or `*` when it names none. An operation that creates with tags is
//! also authorized as `organizations:TagResource` when its request has
//! tags. A denied call changes nothing.

use serde_json::Value;

use crate::wire::error::{ApiError, ApiResult};
pub(crate) use crate::world::guardrails::Signer;
use crate::world::guardrails::{denial_message, in_partition, names, Context, Decision, Principal, Resource};
use crate::world::policies::PolicyType;
use crate::world::{Organization, World};

/// The members of an input that name a root, OU, account, policy or
/// handshake, in the order they are looked at.
const RESOURCE_MEMBERS: &[&str] = &[
    "AccountId",
    "OrganizationalUnitId",
    "RootId",
    "ParentId",
    "SourceParentId",
    "DestinationParentId",
    "ChildId",
    "TargetId",
    "ResourceId",
    "PolicyId",
    "HandshakeId",
];

/// The operations that tag what they create, and so also need
/// `organizations:TagResource` when the request includes tags: the model's
/// documentation of each says "If the request includes tags, then the
/// requester must have the organizations:TagResource permission", and the
/// Service Authorization Reference maps each to both actions
/// (FIDELITY.md#guardrails-secondary-actions).
const TAG_ON_CREATE: &[&str] = &[
    "CreateAccount",
    "CreateGovCloudAccount",
    "CreateOrganizationalUnit",
    "CreatePolicy",
    "InviteAccountToOrganization",
];

/// The action `organizations:TagResource`.
const TAG_RESOURCE: &str = "organizations:TagResource";

/// The IAM actions a call of `operation` with `input` is authorized as:
/// `organizations:<operation>`, and `organizations:TagResource` for an
/// operation of [`TAG_ON_CREATE`] whose request has at least one tag.
fn actions(operation: &str, input: &Value) -> (String, Option<&'static str>) {
    let tagged = input
        .get("Tags")
        .and_then(Value::as_array)
        .is_some_and(|tags| !tags.is_empty());
    let secondary = (tagged && TAG_ON_CREATE.contains(&operation)).then_some(TAG_RESOURCE);
    (format!("organizations:{operation}"), secondary)
}

/// The condition keys an Organizations request carries in its input:
/// `organizations:PolicyType`, `organizations:ServicePrincipal`,
/// `aws:RequestTag/<key>` and `aws:TagKeys`.
fn request_keys(org: &Organization, input: &Value, context: &mut Context) {
    let policy_type = ["PolicyType", "Type", "Filter"]
        .iter()
        .find_map(|m| input.get(*m).and_then(Value::as_str))
        .map(str::to_string)
        .or_else(|| {
            let id = input.get("PolicyId").and_then(Value::as_str)?;
            org.find_policy(id).ok().map(|p| p.policy_type.as_str().to_string())
        });
    if let Some(t) = policy_type {
        context.set(names::POLICY_TYPE, [t]);
    }
    if let Some(p) = input.get("ServicePrincipal").and_then(Value::as_str) {
        context.set(names::SERVICE_PRINCIPAL, [p]);
    }
    if let Some(tags) = input.get("Tags").and_then(Value::as_array) {
        for tag in tags {
            if let (Some(k), Some(v)) = (
                tag.get("Key").and_then(Value::as_str),
                tag.get("Value").and_then(Value::as_str),
            ) {
                context.set(&format!("{}{k}", names::REQUEST_TAG), [v]);
                context.push(names::TAG_KEYS, k);
            }
        }
    }
    if let Some(keys) = input.get("TagKeys").and_then(Value::as_array) {
        keys.iter()
            .filter_map(Value::as_str)
            .for_each(|k| context.push(names::TAG_KEYS, k));
    }
}

/// The SCPs' word on `operation` called by `caller` with `input`: `Ok`
/// when they allow it (or none applies), `AccessDeniedException` with AWS's
/// message when they don't. Costs one look-up when no SCP is in play (the
/// management account, an account outside any organization, SCPs not
/// enabled, enforcement off).
pub(crate) fn check(
    world: &World,
    caller: &str,
    operation: &str,
    signer: &Signer<'_>,
    input: Option<&Value>,
) -> ApiResult<()> {
    if !world.settings().enforce_guardrails {
        return Ok(());
    }
    // The one look-up a caller with no SCP in play pays for.
    let Some(org) = world.guardrails_apply(caller, PolicyType::ServiceControlPolicy) else {
        return Ok(());
    };
    let input = input.unwrap_or(&Value::Null);
    let (action, secondary) = actions(operation, input);
    let (principal_arn, kind) = signer.principal(caller);
    let mut context = Context::new();
    context.set(names::PRINCIPAL_ARN, [principal_arn.as_str()]);
    context.set(names::PRINCIPAL_TYPE, [kind.principal_type()]);
    if let Some(region) = signer.region {
        context.set(names::REQUESTED_REGION, [region]);
    }
    world.principal_keys(caller, &mut context);
    request_keys(org, input, &mut context);
    let mut resources: Vec<_> = RESOURCE_MEMBERS
        .iter()
        .filter_map(|m| input.get(*m).and_then(Value::as_str))
        .filter_map(|id| world.guarded_resource(org, id))
        // Matched and named in the caller's partition, as its ARNs are.
        .map(|r| Resource {
            arn: in_partition(&r.arn, signer.partition),
            ..r
        })
        .collect();
    resources.dedup();
    let principal = Principal {
        arn: &principal_arn,
        account: caller,
        kind,
    };
    let scp = PolicyType::ServiceControlPolicy;
    // The operation's own action on the resources it names, then the
    // tagging of what it creates (on `*`: the new resource has no ARN yet).
    let denial = world
        .guardrails_deny(scp, caller, principal, &action, &resources, &context)
        .map(|(resource, decision)| (action.as_str(), resource, decision))
        .or_else(|| {
            let tag = secondary?;
            let (resource, decision) = world.guardrails_deny(scp, caller, principal, tag, &[], &context)?;
            Some((tag, resource, decision))
        });
    match denial {
        None => Ok(()),
        Some((action, resource, decision)) => {
            // The caller is a member of the SCP's organization: AWS names
            // the denying policy.
            let policy_arn = match &decision {
                Decision::ExplicitDeny { policy_id, .. } => {
                    world.guardrail_policy_arn(caller, policy_id, signer.partition)
                }
                _ => None,
            };
            let message = denial_message(
                &signer.caller_arn(caller),
                action,
                &resource,
                &decision,
                scp,
                policy_arn.as_deref(),
            )
            .unwrap_or_default();
            Err(ApiError::access_denied(message))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tagged_creations_are_also_tag_resource() {
        let tags = json!({"Tags": [{"Key": "Project", "Value": "apollo"}]});
        for op in TAG_ON_CREATE {
            assert_eq!(actions(op, &tags), (format!("organizations:{op}"), Some(TAG_RESOURCE)));
            assert_eq!(actions(op, &json!({"Tags": []})).1, None, "{op} without tags");
            assert_eq!(actions(op, &json!({})).1, None, "{op} without Tags");
        }
        // Tagging what exists is TagResource itself; other operations have no tags.
        assert_eq!(actions("TagResource", &tags).1, None);
        assert_eq!(actions("CreateOrganization", &tags).1, None);
    }
}
