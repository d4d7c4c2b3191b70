//! The guardrails on Organizations calls: before a call of a member
//! account runs, the SCPs on its path decide whether it may
//! (FIDELITY.md#guardrails-enforcement). The action is
//! `organizations:<OperationName>`; the resources are those the request
//! names (its account, OU, root, policy, target, parent, child or handshake
//! ids), or `*` when it names none; a denied call changes nothing.

use serde_json::Value;

use crate::wire::error::{ApiError, ApiResult};
pub(crate) use crate::world::guardrails::Signer;
use crate::world::guardrails::{denial_message, names, Context, Principal};
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

/// `arn:aws:...` in `partition`.
fn in_partition(arn: &str, partition: &str) -> String {
    match arn.strip_prefix("arn:aws:") {
        Some(rest) if partition != "aws" => format!("arn:{partition}:{rest}"),
        _ => arn.to_string(),
    }
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
    let action = format!("organizations:{operation}");
    let (principal_arn, kind) = signer.principal(caller);
    let mut context = Context::new();
    context.set(names::PRINCIPAL_ARN, [principal_arn.as_str()]);
    context.set(names::PRINCIPAL_TYPE, [kind.principal_type()]);
    if let Some(region) = signer.region {
        context.set(names::REQUESTED_REGION, [region]);
    }
    world.principal_keys(caller, &mut context);
    let input = input.unwrap_or(&Value::Null);
    request_keys(org, input, &mut context);
    let mut resources: Vec<_> = RESOURCE_MEMBERS
        .iter()
        .filter_map(|m| input.get(*m).and_then(Value::as_str))
        .filter_map(|id| world.guarded_resource(org, id))
        .collect();
    resources.dedup();
    let principal = Principal {
        arn: &principal_arn,
        account: caller,
        kind,
    };
    let scp = PolicyType::ServiceControlPolicy;
    match world.guardrails_deny(scp, caller, principal, &action, &resources, &context) {
        None => Ok(()),
        Some((resource, decision)) => {
            let resource = in_partition(&resource, signer.partition);
            let message =
                denial_message(&signer.caller_arn(caller), &action, &resource, &decision, scp).unwrap_or_default();
            Err(ApiError::access_denied(message))
        }
    }
}
