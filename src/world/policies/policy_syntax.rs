//! Policy documents as AWS checks them: the IAM policy grammar for SCPs and
//! RCPs, the inheritance-operator syntax for management policies.
//! A document that breaks them gives `MalformedPolicyDocumentException`.

use serde_json::{Map, Value};

use super::super::domain_error::{DomainError, DomainResult, Exception};
use super::policy_types::{PolicyKind, PolicyType, PolicyTypeSpec};

/// The value-setting operators of management policies.
pub(super) const VALUE_OPERATORS: [&str; 3] = ["@@assign", "@@append", "@@remove"];
/// The child control operator.
pub(super) const CHILD_CONTROL: &str = "@@operators_allowed_for_child_policies";

fn malformed(detail: impl std::fmt::Display) -> DomainError {
    DomainError::new(
        Exception::MalformedPolicyDocument,
        format!("The policy document is not valid for its type: {detail}"),
    )
}

/// Checks `content` against the rules of its policy type.
pub(super) fn validate(spec: &PolicyTypeSpec, content: &str) -> DomainResult<()> {
    let doc: Value = serde_json::from_str(content).map_err(|e| malformed(format!("it is not JSON ({e}).")))?;
    let Value::Object(doc) = doc else {
        return Err(malformed("the document must be a JSON object."));
    };
    match spec.kind {
        PolicyKind::Authorization => validate_iam(spec, &doc),
        PolicyKind::Management => validate_management(spec, &doc),
    }
}

// ---- IAM grammar (SCPs, RCPs) ----

fn validate_iam(spec: &PolicyTypeSpec, doc: &Map<String, Value>) -> DomainResult<()> {
    let rcp = spec.policy_type == PolicyType::ResourceControlPolicy;
    for key in doc.keys() {
        if !matches!(key.as_str(), "Version" | "Id" | "Statement") {
            return Err(malformed(format!(
                "'{key}' is not a policy element; use Version, Id and Statement."
            )));
        }
    }
    match doc.get("Version") {
        None => {}
        Some(Value::String(v)) if v == "2012-10-17" || v == "2008-10-17" => {}
        Some(v) => return Err(malformed(format!("Version {v} is not 2012-10-17."))),
    }
    let statements = match doc.get("Statement") {
        Some(Value::Array(list)) if !list.is_empty() => list.iter().collect::<Vec<_>>(),
        Some(s @ Value::Object(_)) => vec![s],
        Some(_) => {
            return Err(malformed(
                "Statement must be an object or a non-empty array of objects.",
            ))
        }
        None => return Err(malformed("the document has no Statement.")),
    };
    for (i, st) in statements.into_iter().enumerate() {
        let Value::Object(st) = st else {
            return Err(malformed(format!("Statement {i} is not an object.")));
        };
        validate_statement(i, st, rcp)?;
    }
    Ok(())
}

fn string_or_strings(v: &Value) -> bool {
    match v {
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => {
            !items.is_empty() && items.iter().all(|i| matches!(i, Value::String(s) if !s.is_empty()))
        }
        _ => false,
    }
}

fn validate_statement(i: usize, st: &Map<String, Value>, rcp: bool) -> DomainResult<()> {
    for key in st.keys() {
        let ok = match key.as_str() {
            "Sid" | "Effect" | "Action" | "NotAction" | "Resource" | "NotResource" | "Condition" => true,
            "Principal" | "NotPrincipal" => rcp,
            _ => false,
        };
        if !ok {
            return Err(malformed(format!(
                "Statement {i}: '{key}' is not a statement element of this policy type."
            )));
        }
    }
    match st.get("Effect") {
        Some(Value::String(e)) if e == "Deny" => {}
        Some(Value::String(e)) if e == "Allow" && !rcp => {}
        Some(Value::String(e)) if e == "Allow" => {
            return Err(malformed(format!(
                "Statement {i}: resource control policies support only \"Effect\": \"Deny\"."
            )))
        }
        _ => {
            return Err(malformed(format!(
                "Statement {i}: Effect must be \"Allow\" or \"Deny\"."
            )))
        }
    }
    match (st.get("Action"), st.get("NotAction")) {
        (Some(a), None) | (None, Some(a)) if string_or_strings(a) => {}
        (Some(_), Some(_)) => return Err(malformed(format!("Statement {i}: use Action or NotAction, not both."))),
        (None, None) => return Err(malformed(format!("Statement {i}: it needs an Action or a NotAction."))),
        _ => {
            return Err(malformed(format!(
                "Statement {i}: Action/NotAction must be a string or a list of strings."
            )))
        }
    }
    match (st.get("Resource"), st.get("NotResource")) {
        (Some(_), Some(_)) => {
            return Err(malformed(format!(
                "Statement {i}: use Resource or NotResource, not both."
            )))
        }
        (Some(r), None) | (None, Some(r)) if !string_or_strings(r) => {
            return Err(malformed(format!(
                "Statement {i}: Resource/NotResource must be a string or a list of strings."
            )))
        }
        _ => {}
    }
    if rcp && st.get("Principal").is_none() && st.get("NotPrincipal").is_none() {
        return Err(malformed(format!(
            "Statement {i}: a resource control policy statement needs a Principal."
        )));
    }
    if let Some(c) = st.get("Condition") {
        let Value::Object(ops) = c else {
            return Err(malformed(format!("Statement {i}: Condition must be an object.")));
        };
        for (op, keys) in ops {
            if !matches!(keys, Value::Object(_)) {
                return Err(malformed(format!(
                    "Statement {i}: condition operator '{op}' must map condition keys to values."
                )));
            }
        }
    }
    if let Some(sid) = st.get("Sid") {
        if !matches!(sid, Value::String(s) if s.chars().all(|c| c.is_ascii_alphanumeric())) {
            return Err(malformed(format!(
                "Statement {i}: Sid must be a string of letters and digits."
            )));
        }
    }
    Ok(())
}

// ---- management policies: inheritance operators ----

fn validate_management(spec: &PolicyTypeSpec, doc: &Map<String, Value>) -> DomainResult<()> {
    if !spec.top_level_keys.is_empty() {
        for key in doc.keys() {
            if !spec.top_level_keys.contains(&key.as_str()) && key != CHILD_CONTROL {
                return Err(malformed(format!(
                    "'{key}' is not a top-level key of a {}; use {}.",
                    spec.name,
                    spec.top_level_keys.join(", ")
                )));
            }
        }
    }
    validate_node(spec, doc, "")
}

fn validate_node(spec: &PolicyTypeSpec, node: &Map<String, Value>, path: &str) -> DomainResult<()> {
    let has_value_op = node.keys().any(|k| VALUE_OPERATORS.contains(&k.as_str()));
    for (key, value) in node {
        let here = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        if key == CHILD_CONTROL {
            validate_child_control(value, &here)?;
        } else if let Some(op) = key.strip_prefix("@@") {
            validate_value_operator(spec, op, value, path)?;
        } else if has_value_op {
            return Err(malformed(format!(
                "'{here}': a setting with an operator can't also hold the key '{key}'."
            )));
        } else {
            match value {
                Value::Object(child) => validate_node(spec, child, &here)?,
                _ => {
                    return Err(malformed(format!(
                        "'{here}': set values with an inheritance operator, for example {{\"@@assign\": ...}}."
                    )))
                }
            }
        }
    }
    Ok(())
}

fn validate_child_control(value: &Value, path: &str) -> DomainResult<()> {
    let Value::Array(ops) = value else {
        return Err(malformed(format!("'{path}' must be a list of operators.")));
    };
    let names: Vec<&str> = ops.iter().filter_map(Value::as_str).collect();
    let known = ["@@all", "@@none", "@@assign", "@@append", "@@remove"];
    if names.len() != ops.len() || names.is_empty() || names.iter().any(|n| !known.contains(n)) {
        return Err(malformed(format!(
            "'{path}' must list @@all, @@none, or some of @@assign, @@append and @@remove."
        )));
    }
    if (names.contains(&"@@all") || names.contains(&"@@none")) && names.len() > 1 {
        return Err(malformed(format!("'{path}': @@all and @@none stand alone.")));
    }
    Ok(())
}

fn validate_value_operator(spec: &PolicyTypeSpec, op: &str, value: &Value, path: &str) -> DomainResult<()> {
    let at = if path.is_empty() { "the document root" } else { path };
    match op {
        "assign" => {
            if matches!(value, Value::Object(_) | Value::Null) {
                return Err(malformed(format!(
                    "@@assign at '{at}' must set a value or a list of values."
                )));
            }
        }
        "append" | "remove" => {
            if !matches!(value, Value::Array(_)) {
                return Err(malformed(format!("@@{op} at '{at}' works only on lists of values.")));
            }
        }
        _ => {
            return Err(malformed(format!(
            "'@@{op}' at '{at}' is not an inheritance operator; use @@assign, @@append, @@remove or {CHILD_CONTROL}."
        )))
        }
    }
    if path.is_empty() {
        return Err(malformed("operators belong to settings, not to the document root."));
    }
    if spec.policy_type == PolicyType::TagPolicy && path.ends_with(".enforced_for") {
        let ok = match value {
            Value::Array(items) => items.iter().all(|i| {
                i.as_str()
                    .is_some_and(|s| s.split_once(':').is_some_and(|(a, b)| !a.is_empty() && !b.is_empty()))
            }),
            _ => false,
        };
        if !ok {
            return Err(malformed(format!(
                "'{path}' must list resource types as \"service:type\" or \"service:*\"."
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::policies::policy_types::policy_type;

    fn check(t: &str, doc: &str) -> DomainResult<()> {
        validate(policy_type(t).unwrap(), doc)
    }

    #[test]
    fn scps_follow_the_iam_grammar() {
        check(
            "SERVICE_CONTROL_POLICY",
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*"}}"#,
        )
        .unwrap();
        check(
            "SERVICE_CONTROL_POLICY",
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"D1","Effect":"Deny","NotAction":["iam:*"],"Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}"#,
        )
        .unwrap();
        for bad in [
            "not json",
            "[]",
            r#"{"Version":"2012-10-17"}"#,
            r#"{"Statement":{"Effect":"Maybe","Action":"*"}}"#,
            r#"{"Statement":{"Effect":"Allow"}}"#,
            r#"{"Statement":{"Effect":"Allow","Action":"*","NotAction":"s3:*"}}"#,
            r#"{"Statement":{"Effect":"Allow","Action":"*","Principal":"*"}}"#,
            r#"{"Statement":{"Effect":"Allow","Action":"*","Condition":"x"}}"#,
            r#"{"Version":"2020-01-01","Statement":{"Effect":"Allow","Action":"*"}}"#,
            r#"{"Policy":1,"Statement":{"Effect":"Allow","Action":"*"}}"#,
        ] {
            let err = check("SERVICE_CONTROL_POLICY", bad).unwrap_err();
            assert_eq!(err.code(), "MalformedPolicyDocumentException", "{bad}");
        }
    }

    /// Each way a statement can be malformed is refused with a message that
    /// names it.
    #[test]
    fn each_malformed_statement_is_told_what_is_wrong() {
        let (scp, rcp) = ("SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY");
        let cases = [
            (scp, r#"{"Statement":[]}"#, "non-empty array"),
            (
                scp,
                r#"{"Statement":{"Effect":"Allow","Action":""}}"#,
                "Action/NotAction must be a string",
            ),
            (
                scp,
                r#"{"Statement":{"Effect":"Allow","Action":["s3:*",""]}}"#,
                "Action/NotAction must be a string",
            ),
            (
                scp,
                r#"{"Statement":{"Effect":"Allow","Action":5}}"#,
                "Action/NotAction must be a string",
            ),
            (
                scp,
                r#"{"Statement":{"Effect":"Allow","Action":"*","NotAction":"s3:*"}}"#,
                "use Action or NotAction, not both",
            ),
            (
                scp,
                r#"{"Statement":{"Effect":"Allow"}}"#,
                "needs an Action or a NotAction",
            ),
            (
                scp,
                r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","NotResource":"x"}}"#,
                "use Resource or NotResource, not both",
            ),
            (
                scp,
                r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":""}}"#,
                "Resource/NotResource must be a string",
            ),
            (
                rcp,
                r#"{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*"}}"#,
                "support only \"Effect\": \"Deny\"",
            ),
            (
                rcp,
                r#"{"Statement":{"Effect":"Maybe","Principal":"*","Action":"s3:*"}}"#,
                "Effect must be \"Allow\" or \"Deny\"",
            ),
        ];
        for (t, doc, words) in cases {
            let message = check(t, doc).unwrap_err().into_message();
            assert!(message.contains(words), "{doc}: {message}");
        }
    }

    #[test]
    fn rcps_deny_with_a_principal() {
        check(
            "RESOURCE_CONTROL_POLICY",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}"#,
        )
        .unwrap();
        assert!(check(
            "RESOURCE_CONTROL_POLICY",
            r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*"}]}"#
        )
        .is_err());
        assert!(check(
            "RESOURCE_CONTROL_POLICY",
            r#"{"Statement":[{"Effect":"Deny","Action":"s3:*"}]}"#
        )
        .is_err());
    }

    #[test]
    fn management_policies_use_operators() {
        check(
            "TAG_POLICY",
            r#"{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter","@@operators_allowed_for_child_policies":["@@none"]},"tag_value":{"@@append":["A"]},"enforced_for":{"@@assign":["redshift:*"]}}}}"#,
        )
        .unwrap();
        check(
            "AISERVICES_OPT_OUT_POLICY",
            r#"{"services":{"default":{"opt_out_policy":{"@@assign":"optOut"}}}}"#,
        )
        .unwrap();
        for bad in [
            r#"{"tags":{"cc":{"tag_key":"CostCenter"}}}"#,
            r#"{"tags":{"cc":{"tag_key":{"@@set":"CostCenter"}}}}"#,
            r#"{"tags":{"cc":{"tag_value":{"@@append":"x"}}}}"#,
            r#"{"tags":{"cc":{"tag_value":{"@@operators_allowed_for_child_policies":["@@all","@@none"]}}}}"#,
            r#"{"tags":{"cc":{"tag_key":{"@@assign":"X","other":{}}}}}"#,
            r#"{"tags":{"cc":{"enforced_for":{"@@assign":["redshift"]}}}}"#,
            r#"{"plans":{}}"#,
        ] {
            let err = check("TAG_POLICY", bad).unwrap_err();
            assert_eq!(err.code(), "MalformedPolicyDocumentException", "{bad}");
        }
    }
}
