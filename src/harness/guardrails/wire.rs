//! Server mode's `POST /_mock/guardrails`: the query as JSON, the decision
//! as JSON (`src/server/mod.rs`).

use crate::harness::guardrails::decision::{GuardrailDecision, GuardrailKind};
use crate::harness::guardrails::query::{key_name_problem, GuardrailQuery, Who};
use serde_json::{json, Value};

/// The fields a query body may have.
const FIELDS: &[&str] = &[
    "principal_account",
    "action",
    "role",
    "service_linked_role",
    "resource",
    "resource_account",
    "region",
    "context",
];

/// A query from `{"principal_account": "222222222222", "action":
/// "s3:PutObject", "role"?, "service_linked_role"?, "resource"?,
/// "resource_account"?, "region"?, "context"?: {"key": "value" or
/// ["values"]}}`, or what is wrong with it.
pub(crate) fn query(body: &Value) -> Result<GuardrailQuery, String> {
    let object = body.as_object().ok_or("the body must be a JSON object")?;
    if let Some(unknown) = object.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        return Err(format!(
            "unknown field '{unknown}'; the fields are {}",
            FIELDS.join(", ")
        ));
    }
    let text = |field: &str| -> Result<Option<String>, String> {
        match object.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("'{field}' must be a string")),
        }
    };
    let is_account = |a: &str| crate::world::ids::is_account_id(a);
    let account = text("principal_account")?.ok_or("'principal_account' (12 digits) is required")?;
    if !is_account(&account) {
        return Err(format!("'{account}' is not an AWS account id; pass exactly 12 digits"));
    }
    let action = text("action")?.ok_or("'action' (service:Action) is required")?;
    if !action
        .split_once(':')
        .is_some_and(|(s, a)| !s.is_empty() && !a.is_empty())
    {
        return Err(format!(
            "'{action}' is not an IAM action; write it as service:Action, e.g. \"s3:PutObject\""
        ));
    }
    let mut query = GuardrailQuery::new(&account, &action);
    match (text("role")?, text("service_linked_role")?) {
        (Some(_), Some(_)) => return Err("give 'role' or 'service_linked_role', not both".into()),
        (Some(role), None) => query.who = Who::Role(role),
        (None, Some(role)) => query.who = Who::ServiceLinkedRole(role),
        (None, None) => {}
    }
    if let Some(resource) = text("resource")? {
        query.resource = resource;
    }
    if let Some(owner) = text("resource_account")? {
        if !is_account(&owner) {
            return Err(format!("'{owner}' is not an AWS account id; pass exactly 12 digits"));
        }
        query.resource_account = Some(owner);
    }
    query.region = text("region")?;
    if let Some(context) = object.get("context").filter(|c| !c.is_null()) {
        let context = context
            .as_object()
            .ok_or("'context' must be an object of key: value(s)")?;
        for (key, values) in context {
            let values: Vec<String> = match values {
                Value::String(s) => vec![s.clone()],
                Value::Array(items) => items
                    .iter()
                    .map(|v| v.as_str().map(str::to_string))
                    .collect::<Option<_>>()
                    .ok_or(format!("the values of context key '{key}' must be strings"))?,
                _ => return Err(format!("context key '{key}' takes a string or a list of strings")),
            };
            if let Some(problem) = key_name_problem(key) {
                return Err(problem);
            }
            query = query.context_key(key, values);
        }
    }
    Ok(query)
}

/// The decision as JSON: `{"decision": "Allowed"}`,
/// `{"decision": "ExplicitDeny", "kind", "policy_id", "policy_name",
/// "target_id", "sid"}` or `{"decision": "ImplicitDeny", "kind",
/// "target_id"}`; `kind` is AWS's policy type name.
pub(crate) fn decision(decision: &GuardrailDecision) -> Value {
    let kind = |k: &GuardrailKind| match k {
        GuardrailKind::ServiceControlPolicy => "SERVICE_CONTROL_POLICY",
        GuardrailKind::ResourceControlPolicy => "RESOURCE_CONTROL_POLICY",
    };
    match decision {
        GuardrailDecision::Allowed => json!({ "decision": "Allowed" }),
        GuardrailDecision::ExplicitDeny {
            kind: k,
            policy_id,
            policy_name,
            target_id,
            sid,
        } => json!({
            "decision": "ExplicitDeny",
            "kind": kind(k),
            "policy_id": policy_id,
            "policy_name": policy_name,
            "target_id": target_id,
            "sid": sid,
        }),
        GuardrailDecision::ImplicitDeny { kind: k, target_id } => {
            json!({ "decision": "ImplicitDeny", "kind": kind(k), "target_id": target_id })
        }
    }
}
