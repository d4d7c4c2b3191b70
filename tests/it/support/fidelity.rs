//! What the fidelity tests (`fidelity::model`) share: the
//! operations the mock dispatches, a raw call through its HTTP client, and the
//! replay of the model's examples against a fixture world.

use crate::support;
use aws_organizations_mock::{supported_operations, CreateAccountCompletion, MockOrganizations};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use support::raw::Raw;
use support::{create_account, create_organization_with_scps, create_ou, move_account};

/// The status and JSON body (`{}` when empty) of a raw call.
pub(crate) async fn raw_call(mock: &MockOrganizations, caller: &str, operation: &str, body: &Value) -> (u16, Value) {
    let response = Raw::new(mock).call(caller, operation, body).await;
    let value = if response.body.is_empty() {
        json!({})
    } else {
        response.json()
    };
    (response.status, value)
}

pub(crate) fn supported() -> BTreeSet<&'static str> {
    supported_operations().map(|op| op.name).collect()
}

/// The state the examples need: an organization with OUs A (with child OU A1
/// and account Y) and B (empty) under the root, account X in the root, and a
/// create-account request still in progress.
pub(crate) struct Fixture {
    pub(crate) mock: MockOrganizations,
    pub(crate) root: String,
    pub(crate) ous: Vec<String>,
    pub(crate) empty_ou: String,
    pub(crate) accounts: Vec<String>,
    pub(crate) request: String,
    /// A customer-managed SCP attached nowhere, when policies are dispatched.
    pub(crate) policy: Option<String>,
    /// An open invitation from the management account to [`INVITEE`].
    pub(crate) handshake: Option<String>,
}

/// A standalone account the fixture's organization has invited.
pub(crate) const INVITEE: &str = "444444444444";

pub(crate) async fn fixture() -> Fixture {
    let mock = MockOrganizations::builder()
        .create_account_completion(CreateAccountCompletion::AfterPolls(1))
        .build();
    let c = mock.client();
    let root = create_organization_with_scps(&c).await;
    let a = create_ou(&c, &root, "Development").await;
    let a1 = create_ou(&c, &a, "Team").await;
    let b = create_ou(&c, &root, "Empty").await;
    let (request, x) = create_account(&c, "user0@example.com", "Development Account").await;
    let (_, y) = create_account(&c, "user1@example.com", "Test Account").await;
    let accounts = vec![x.unwrap(), y.unwrap()];
    move_account(&c, &accounts[1], &root, &a).await;
    c.create_account()
        .email("pending@example.com")
        .account_name("Production Account")
        .send()
        .await
        .unwrap();
    let policy = if supported().contains("CreatePolicy") {
        let input = json!({
            "Name": "Fixture", "Description": "A policy the examples use", "Type": "SERVICE_CONTROL_POLICY",
            "Content": r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#
        });
        let (_, out) = raw_call(&mock, "111111111111", "CreatePolicy", &input).await;
        out["Policy"]["PolicySummary"]["Id"].as_str().map(str::to_string)
    } else {
        None
    };
    let handshake = if supported().contains("InviteAccountToOrganization") {
        let input = json!({ "Target": { "Type": "ACCOUNT", "Id": INVITEE }, "Notes": "Join us" });
        let (_, out) = raw_call(&mock, "111111111111", "InviteAccountToOrganization", &input).await;
        out["Handshake"]["Id"].as_str().map(str::to_string)
    } else {
        None
    };
    Fixture {
        policy,
        handshake,
        mock,
        root,
        ous: vec![a, a1],
        empty_ou: b,
        accounts,
        request,
    }
}

/// Replaces the example's IDs with the fixture's, in order of appearance.
/// Returns the ID prefixes it has nothing for.
pub(crate) fn substitute(
    operation: &str,
    value: &mut Value,
    f: &Fixture,
    seen: &mut BTreeMap<String, String>,
) -> Vec<String> {
    let mut unknown = Vec::new();
    match value {
        Value::Object(o) => o
            .values_mut()
            .for_each(|v| unknown.extend(substitute(operation, v, f, seen))),
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| unknown.extend(substitute(operation, v, f, seen))),
        Value::String(s) => {
            if let Some(mapped) = seen.get(s.as_str()) {
                *s = mapped.clone();
                return unknown;
            }
            let count = |prefix: &dyn Fn(&str) -> bool| seen.keys().filter(|k| prefix(k)).count();
            let placeholder = s.contains("example");
            let mapped = if !placeholder && !s.bytes().all(|b| b.is_ascii_digit()) {
                // A real ID such as AWS's p-FullAWSAccess stands as it is.
                None
            } else if s.starts_with("r-") {
                Some(f.root.clone())
            } else if s.starts_with("ou-") && operation == "DeleteOrganizationalUnit" {
                Some(f.empty_ou.clone())
            } else if s.starts_with("ou-") {
                f.ous.get(count(&|k| k.starts_with("ou-"))).cloned()
            } else if s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()) {
                f.accounts
                    .get(count(&|k| k.len() == 12 && k.bytes().all(|b| b.is_ascii_digit())))
                    .cloned()
            } else if s.starts_with("car-") {
                Some(f.request.clone())
            } else if s.starts_with("p-") && f.policy.is_some() {
                f.policy.clone()
            } else if s.starts_with("h-") && f.handshake.is_some() {
                f.handshake.clone()
            } else if ["p-", "h-", "rp-", "rt-", "o-"].iter().any(|p| s.starts_with(p)) {
                unknown.push(s.split('-').next().unwrap_or_default().to_string() + "-");
                None
            } else {
                None
            };
            if let Some(m) = mapped {
                seen.insert(s.clone(), m.clone());
                *s = m;
            }
        }
        _ => {}
    }
    unknown
}

#[derive(Default)]
pub(crate) struct Replay {
    pub(crate) compared: Vec<String>,
    pub(crate) skipped: Vec<String>,
    pub(crate) failures: Vec<String>,
    pub(crate) responses: Vec<(String, Value)>,
}

pub(crate) async fn replay_examples(examples: &Value) -> Replay {
    let supported = supported();
    let mut replay = Replay::default();
    for (operation, list) in examples["examples"].as_object().expect("examples") {
        for example in list.as_array().into_iter().flatten() {
            let id = format!("{operation}/{}", example["id"].as_str().unwrap_or("?"));
            if !supported.contains(operation.as_str()) {
                replay.skipped.push(format!("{id} (operation not dispatched yet)"));
                continue;
            }
            let f = fixture().await;
            let mut input = example.get("input").cloned().unwrap_or_else(|| json!({}));
            let unknown = substitute(operation, &mut input, &f, &mut BTreeMap::new());
            if !unknown.is_empty() {
                replay
                    .skipped
                    .push(format!("{id} (no fixture for IDs starting {unknown:?})"));
                continue;
            }
            if let Some(content) = input["Content"].as_str() {
                if serde_json::from_str::<Value>(content).is_err() {
                    // Two examples escape their policy document twice: undo one level.
                    match serde_json::from_str::<String>(&format!("\"{content}\"")) {
                        Ok(once) if serde_json::from_str::<Value>(&once).is_ok() => input["Content"] = json!(once),
                        _ => {
                            replay
                                .skipped
                                .push(format!("{id} (the example's policy document is not JSON)"));
                            continue;
                        }
                    }
                }
            }
            // What the example presumes: the type it enables is disabled, the
            // policy it detaches is attached.
            let precondition = match operation.as_str() {
                "EnablePolicyType" => Some("DisablePolicyType"),
                "DetachPolicy" => Some("AttachPolicy"),
                _ => None,
            };
            if let Some(setup) = precondition.filter(|op| supported.contains(op)) {
                raw_call(&f.mock, "111111111111", setup, &input).await;
            }
            // Who the example's caller is, and the world it presumes.
            let (mock, caller) = match operation.as_str() {
                "CreateOrganization" => (MockOrganizations::new(), "111111111111".to_string()),
                "EnableAllFeatures" => {
                    let mock = MockOrganizations::new();
                    let input = json!({ "FeatureSet": "CONSOLIDATED_BILLING" });
                    raw_call(&mock, "111111111111", "CreateOrganization", &input).await;
                    (mock, "111111111111".to_string())
                }
                "AcceptHandshake" | "DeclineHandshake" | "ListHandshakesForAccount" => {
                    (f.mock.clone(), INVITEE.to_string())
                }
                "LeaveOrganization" => {
                    // A created account may leave four days after it was created.
                    f.mock.advance(std::time::Duration::from_secs(5 * 24 * 3600));
                    (f.mock.clone(), f.accounts[0].clone())
                }
                _ => (f.mock.clone(), "111111111111".to_string()),
            };
            let caller = caller.as_str();
            let (status, response) = raw_call(&mock, caller, operation, &input).await;
            if status != 200 {
                replay
                    .failures
                    .push(format!("{id}: {input} answered {status} {response}"));
                continue;
            }
            let expected = example.get("output").cloned().unwrap_or_else(|| json!({}));
            let mut missing = Vec::new();
            missing_structure(&structure(&expected), &structure(&response), operation, &mut missing);
            if missing.is_empty() {
                replay.compared.push(id);
            } else {
                replay.failures.push(format!("{id}: {}", missing.join("; ")));
            }
            replay.responses.push((operation.clone(), response));
        }
    }
    replay
}

/// The structure of a JSON value: member names and nesting, no values.
/// Lists are the union of their elements' structures.
#[derive(Debug, PartialEq)]
pub(crate) enum Structure {
    Scalar,
    Object(BTreeMap<String, Structure>),
    List(Option<Box<Structure>>),
}

pub(crate) fn structure(value: &Value) -> Structure {
    match value {
        Value::Object(o) => Structure::Object(o.iter().map(|(k, v)| (k.clone(), structure(v))).collect()),
        Value::Array(items) => Structure::List(items.iter().map(structure).reduce(merge).map(Box::new)),
        _ => Structure::Scalar,
    }
}

pub(crate) fn merge(a: Structure, b: Structure) -> Structure {
    match (a, b) {
        (Structure::Object(mut a), Structure::Object(b)) => {
            for (k, v) in b {
                let merged = match a.remove(&k) {
                    Some(old) => merge(old, v),
                    None => v,
                };
                a.insert(k, merged);
            }
            Structure::Object(a)
        }
        (a, _) => a,
    }
}

/// Where `expected` (an example's output) has structure `actual` lacks.
pub(crate) fn missing_structure(expected: &Structure, actual: &Structure, path: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Structure::Scalar, Structure::Scalar) => {}
        (Structure::Object(e), Structure::Object(a)) => {
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => missing_structure(ev, av, &format!("{path}.{k}"), out),
                    None => out.push(format!("{path}.{k} is missing")),
                }
            }
        }
        (Structure::List(None), Structure::List(_)) => {}
        (Structure::List(Some(_)), Structure::List(None)) => {
            out.push(format!("{path} is empty where the example has elements"))
        }
        (Structure::List(Some(e)), Structure::List(Some(a))) => missing_structure(e, a, &format!("{path}[]"), out),
        (e, a) => out.push(format!("{path} is {a:?} where the example has {e:?}")),
    }
}
