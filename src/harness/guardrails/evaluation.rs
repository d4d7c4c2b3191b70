//! How the world answers a [`GuardrailQuery`]: its request context, then
//! the SCPs on the principal's account's path and the RCPs on the
//! resource's account's path, by the engine that decides the mock's own
//! calls.

use crate::harness::guardrails::decision::{GuardrailDecision, GuardrailKind};
use crate::harness::guardrails::query::{GuardrailQuery, Who};
use crate::world::guardrails::{self, names, Context, Decision, Principal, PrincipalKind};
use crate::world::policies::PolicyType;
use crate::world::{AccountId, World};

fn public(kind: GuardrailKind, decision: Decision) -> GuardrailDecision {
    match decision {
        Decision::Allowed => GuardrailDecision::Allowed,
        Decision::ExplicitDeny {
            policy_id,
            policy_name,
            target_id,
            sid,
        } => GuardrailDecision::ExplicitDeny {
            kind,
            policy_id,
            policy_name,
            target_id,
            sid,
        },
        Decision::ImplicitDeny { target_id } => GuardrailDecision::ImplicitDeny { kind, target_id },
    }
}

/// Evaluates `query` in `world`: its SCPs, then its RCPs.
pub(crate) fn evaluate(world: &World, query: &GuardrailQuery) -> GuardrailDecision {
    let (principal_arn, kind) = match &query.who {
        Who::Root => (format!("arn:aws:iam::{}:root", query.account), PrincipalKind::RootUser),
        Who::Role(name) => (
            format!("arn:aws:iam::{}:role/{name}", query.account),
            PrincipalKind::AssumedRole,
        ),
        Who::ServiceLinkedRole(name) => (
            format!("arn:aws:iam::{}:role/aws-service-role/{name}", query.account),
            PrincipalKind::ServiceLinkedRole,
        ),
    };
    let mut context = Context::new();
    for (key, values) in &query.keys {
        context.set(key, values.iter().cloned());
    }
    context.default_to(names::PRINCIPAL_ARN, principal_arn.as_str());
    context.default_to(names::PRINCIPAL_TYPE, kind.principal_type());
    if let Some(region) = &query.region {
        context.default_to(names::REQUESTED_REGION, region.as_str());
    }
    world.principal_keys(&query.account, &mut context);
    let owner = query.owner();
    if let Some(owner) = &owner {
        world.resource_keys(&AccountId::new(owner.as_str()), &mut context);
    }
    let principal = Principal {
        arn: &principal_arn,
        account: &query.account,
        kind,
    };
    let resources: Vec<guardrails::Resource> = if query.resource == "*" {
        Vec::new()
    } else {
        vec![guardrails::Resource {
            arn: query.resource.clone(),
            tags: Default::default(),
        }]
    };
    let scp = world.guardrails_deny(
        PolicyType::ServiceControlPolicy,
        &query.account,
        principal,
        &query.action,
        &resources,
        &context,
    );
    if let Some((_, decision)) = scp {
        return public(GuardrailKind::ServiceControlPolicy, decision);
    }
    let rcp = owner.and_then(|owner| {
        world.guardrails_deny(
            PolicyType::ResourceControlPolicy,
            &owner,
            principal,
            &query.action,
            &resources,
            &context,
        )
    });
    match rcp {
        Some((_, decision)) => public(GuardrailKind::ResourceControlPolicy, decision),
        None => GuardrailDecision::Allowed,
    }
}
