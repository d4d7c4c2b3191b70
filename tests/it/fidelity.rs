//! Completeness and fidelity against the AWS service model vendored in
//! `model/`: every operation is dispatched, every one of the 63 operations
//! answers successfully at least once and every member the mock emits exists
//! in the model's output shape, the model's examples replay with the same
//! structure, and the operations table of src/reference.md (the rustdoc of `reference`) agrees with the dispatcher.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use aws_organizations_mock::{supported_operations, CreateAccountCompletion, MockOrganizations};
use aws_sdk_organizations::types::ChildType;
use serde_json::{json, Value};

use crate::support;
use support::raw::Raw;
use support::{create_account, create_organization_with_scps, create_ou, move_account, root_id, tag};

fn supported() -> BTreeSet<&'static str> {
    supported_operations().map(|op| op.name).collect()
}

// ---------------------------------------------------------------------------
// Raw calls: a hand-made awsJson1.1 request to the mock's HTTP client, the way
// the SDK would send it, for replaying the model's examples by name.

/// The status and JSON body (`{}` when empty) of a raw call.
async fn raw_call(mock: &MockOrganizations, caller: &str, operation: &str, body: &Value) -> (u16, Value) {
    let response = Raw::new(mock).call(caller, operation, body).await;
    let value = if response.body.is_empty() {
        json!({})
    } else {
        response.json()
    };
    (response.status, value)
}

// ---------------------------------------------------------------------------
// (1) Every operation of the model is dispatched.

#[test]
fn every_model_operation_is_dispatched() {
    let model = support::model::service();
    let operations = model["operations"].as_object().expect("operations");
    assert_eq!(operations.len(), 63, "the model has 63 operations");
    let supported = supported();
    let missing: Vec<&str> = operations
        .keys()
        .map(String::as_str)
        .filter(|op| !supported.contains(op))
        .collect();
    assert!(missing.is_empty(), "operations not dispatched: {missing:?}");
    // And each answers something other than UnknownOperationException.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mock = MockOrganizations::new();
        for op in operations.keys() {
            let (_, body) = raw_call(&mock, "111111111111", op, &json!({})).await;
            assert_ne!(body["__type"], "UnknownOperationException", "{op}");
        }
    });
}

#[test]
fn dispatched_operations_are_model_operations() {
    let model = support::model::service();
    let operations = model["operations"].as_object().expect("operations");
    for op in supported() {
        assert!(
            operations.contains_key(op),
            "{op} is dispatched but is not in the model"
        );
    }
}

// ---------------------------------------------------------------------------
// (2) Every member the mock emits exists in the model's output shape.

/// Checks `value` against `shape` of the model; returns each problem found.
fn conforms(model: &Value, shape_name: &str, value: &Value, path: &str, problems: &mut Vec<String>) {
    let shape = &model["shapes"][shape_name];
    match (shape["type"].as_str().unwrap_or_default(), value) {
        ("structure", Value::Object(object)) => {
            for (name, v) in object {
                match shape["members"].get(name) {
                    Some(member) => conforms(
                        model,
                        member["shape"].as_str().unwrap_or_default(),
                        v,
                        &format!("{path}.{name}"),
                        problems,
                    ),
                    None => problems.push(format!("{path}.{name} is not a member of {shape_name}")),
                }
            }
        }
        ("list", Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let member = shape["member"]["shape"].as_str().unwrap_or_default();
                conforms(model, member, item, &format!("{path}[{i}]"), problems);
            }
        }
        ("map", Value::Object(entries)) => {
            for (k, item) in entries {
                let value = shape["value"]["shape"].as_str().unwrap_or_default();
                conforms(model, value, item, &format!("{path}[{k}]"), problems);
            }
        }
        ("string", Value::String(s)) => {
            if let Some(values) = shape["enum"].as_array() {
                if !values.iter().any(|v| v == s) {
                    problems.push(format!("{path} is '{s}', not one of {shape_name}'s values"));
                }
            }
        }
        ("timestamp" | "integer" | "long" | "double" | "float", Value::Number(_)) | ("boolean", Value::Bool(_)) => {}
        (ty, v) => problems.push(format!("{path} is {v}, which is not a {ty} ({shape_name})")),
    }
}

/// Checks a successful response of `operation` against its output shape.
fn check_response(model: &Value, operation: &str, response: &Value, problems: &mut Vec<String>) {
    match model["operations"][operation]["output"]["shape"].as_str() {
        Some(shape) => conforms(model, shape, response, operation, problems),
        None if response.as_object().is_none_or(|o| o.is_empty()) => {}
        None => problems.push(format!(
            "{operation} has no output in the model but answered {response}"
        )),
    }
}

/// A broad scenario through the SDK: every operation the foundation has, with
/// every optional part of their outputs present at least once.
async fn broad_scenario(mock: &MockOrganizations) {
    let c = mock.client();
    c.create_organization().send().await.unwrap();
    c.describe_organization().send().await.unwrap();
    let root = root_id(&c).await;
    let ou = c
        .create_organizational_unit()
        .parent_id(&root)
        .name("Workloads")
        .tags(tag("team", "a"))
        .send()
        .await
        .unwrap()
        .organizational_unit()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    c.create_organizational_unit()
        .parent_id(&ou)
        .name("Prod")
        .send()
        .await
        .unwrap();
    c.describe_organizational_unit()
        .organizational_unit_id(&ou)
        .send()
        .await
        .unwrap();
    c.update_organizational_unit()
        .organizational_unit_id(&ou)
        .name("Apps")
        .send()
        .await
        .unwrap();
    let (_, account) = create_account(&c, "a@example.com", "A").await;
    let account = account.unwrap();
    // A failed request too: its status carries a FailureReason.
    c.create_account()
        .email("a@example.com")
        .account_name("Again")
        .send()
        .await
        .unwrap();
    c.list_create_account_status().send().await.unwrap();
    c.describe_account().account_id(&account).send().await.unwrap();
    c.list_accounts().max_results(1).send().await.unwrap();
    move_account(&c, &account, &root, &ou).await;
    c.list_accounts_for_parent().parent_id(&ou).send().await.unwrap();
    c.list_organizational_units_for_parent()
        .parent_id(&root)
        .send()
        .await
        .unwrap();
    for child_type in [ChildType::Account, ChildType::OrganizationalUnit] {
        c.list_children()
            .parent_id(&ou)
            .child_type(child_type)
            .send()
            .await
            .unwrap();
    }
    c.list_parents().child_id(&account).send().await.unwrap();
    c.tag_resource()
        .resource_id(&account)
        .tags(tag("env", "prod"))
        .send()
        .await
        .unwrap();
    c.list_tags_for_resource().resource_id(&account).send().await.unwrap();
    c.untag_resource()
        .resource_id(&account)
        .tag_keys("env")
        .send()
        .await
        .unwrap();
    c.close_account().account_id(&account).send().await.unwrap();
    mock.advance(std::time::Duration::from_secs(3600));
    c.list_accounts().send().await.unwrap();
    let second = create_account(&c, "b@example.com", "B").await.1.unwrap();
    c.remove_account_from_organization()
        .account_id(&second)
        .send()
        .await
        .unwrap();
    let empty = create_ou(&c, &root, "Empty").await;
    c.delete_organizational_unit()
        .organizational_unit_id(empty)
        .send()
        .await
        .unwrap();
    // DeleteOrganization, in an organization of its own.
    let other = mock.client_as("999999999999");
    other.create_organization().send().await.unwrap();
    other.delete_organization().send().await.unwrap();
}

#[tokio::test]
async fn every_member_the_mock_emits_is_in_the_model() {
    let model = support::model::service();
    let mock = MockOrganizations::new();
    broad_scenario(&mock).await;
    // The operations broad_scenario does not reach, each in a world of its own.
    let delegation = MockOrganizations::new();
    support::scenario::delegation_policies_and_govcloud(&delegation).await;
    let transfer = MockOrganizations::new();
    support::scenario::transfer_lifecycle(&transfer).await;
    // The examples' replays add more responses.
    let replayed = replay_examples(&support::model::examples()).await.responses;
    let mut problems = Vec::new();
    let mut covered = BTreeSet::new();
    let calls = [mock.calls(), delegation.calls(), transfer.calls()].concat();
    for call in calls {
        if let Some(response) = call.response() {
            covered.insert(call.operation().to_string());
            check_response(&model, call.operation(), response, &mut problems);
        }
    }
    for (operation, response) in &replayed {
        covered.insert(operation.clone());
        check_response(&model, operation, response, &mut problems);
    }
    assert!(
        problems.is_empty(),
        "members outside the model:\n{}",
        problems.join("\n")
    );
    let model_operations = model["operations"].as_object().expect("operations");
    assert_eq!(model_operations.len(), 63, "the model has 63 operations");
    let uncovered: Vec<_> = model_operations
        .keys()
        .filter(|op| !covered.contains(op.as_str()))
        .collect();
    assert!(
        uncovered.is_empty(),
        "no successful response checked against the model for {uncovered:?}; add them to broad_scenario or tests/it/support/scenario.rs"
    );
}

// ---------------------------------------------------------------------------
// (3) The model's examples replay with the same structure.

/// The structure of a JSON value: member names and nesting, no values.
/// Lists are the union of their elements' structures.
#[derive(Debug, PartialEq)]
enum Structure {
    Scalar,
    Object(BTreeMap<String, Structure>),
    List(Option<Box<Structure>>),
}

fn structure(value: &Value) -> Structure {
    match value {
        Value::Object(o) => Structure::Object(o.iter().map(|(k, v)| (k.clone(), structure(v))).collect()),
        Value::Array(items) => Structure::List(items.iter().map(structure).reduce(merge).map(Box::new)),
        _ => Structure::Scalar,
    }
}

fn merge(a: Structure, b: Structure) -> Structure {
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
fn missing_structure(expected: &Structure, actual: &Structure, path: &str, out: &mut Vec<String>) {
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

#[test]
fn structure_comparison_finds_what_is_missing() {
    let example = structure(&json!({"A": {"B": 1, "C": [{"D": 1}, {"E": 2}]}, "F": []}));
    let same = structure(&json!({"A": {"B": 2, "C": [{"D": 3, "E": 4, "X": 0}]}, "F": [], "G": 1}));
    let mut out = Vec::new();
    missing_structure(&example, &same, "Op", &mut out);
    assert!(out.is_empty(), "{out:?}");
    let short = structure(&json!({"A": {"B": "x", "C": [{"D": 1}]}}));
    missing_structure(&example, &short, "Op", &mut out);
    assert_eq!(out, ["Op.A.C[].E is missing", "Op.F is missing"]);
    out.clear();
    missing_structure(
        &example,
        &structure(&json!({"A": {"B": 1, "C": []}, "F": []})),
        "Op",
        &mut out,
    );
    assert_eq!(out, ["Op.A.C is empty where the example has elements"]);
}

/// The state the examples need: an organization with OUs A (with child OU A1
/// and account Y) and B (empty) under the root, account X in the root, and a
/// create-account request still in progress.
struct Fixture {
    mock: MockOrganizations,
    root: String,
    ous: Vec<String>,
    empty_ou: String,
    accounts: Vec<String>,
    request: String,
    /// A customer-managed SCP attached nowhere, when policies are dispatched.
    policy: Option<String>,
    /// An open invitation from the management account to [`INVITEE`].
    handshake: Option<String>,
}

/// A standalone account the fixture's organization has invited.
const INVITEE: &str = "444444444444";

async fn fixture() -> Fixture {
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
fn substitute(operation: &str, value: &mut Value, f: &Fixture, seen: &mut BTreeMap<String, String>) -> Vec<String> {
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
struct Replay {
    compared: Vec<String>,
    skipped: Vec<String>,
    failures: Vec<String>,
    responses: Vec<(String, Value)>,
}

async fn replay_examples(examples: &Value) -> Replay {
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

#[tokio::test]
async fn the_model_examples_replay_with_the_same_structure() {
    let examples = support::model::examples();
    let replay = replay_examples(&examples).await;
    println!("examples compared ({}):", replay.compared.len());
    for id in &replay.compared {
        println!("  ok      {id}");
    }
    // Every example replays: one that can't be replayed fails, never passes unseen.
    assert!(
        replay.skipped.is_empty(),
        "examples not replayed:\n{}",
        replay.skipped.join("\n")
    );
    assert!(
        replay.failures.is_empty(),
        "examples whose replay differs:\n{}",
        replay.failures.join("\n")
    );
    assert!(!replay.compared.is_empty(), "no example was compared");
}

// ---------------------------------------------------------------------------
// (4) The operations table of src/reference.md agrees with the dispatcher and the model.

const START: &str = "<!-- operations:start -->";
const END: &str = "<!-- operations:end -->";

fn operations_table(model_operations: &BTreeSet<String>) -> String {
    let supported: BTreeMap<&str, &str> = supported_operations().map(|op| (op.name, op.callers)).collect();
    let all: BTreeSet<&str> = model_operations
        .iter()
        .map(String::as_str)
        .chain(supported.keys().copied())
        .collect();
    let mut table = format!(
        "{START}\n<!-- generated from the dispatch table and the service model: UPDATE_README=1 cargo test --test it fidelity::reference -->\n\n\
         {} of the model's {} operations are mocked; the others answer `UnknownOperationException`.\n\n\
         | operation | mocked | who may call it |\n| --- | --- | --- |\n",
        supported.len(),
        all.len()
    );
    for op in all {
        match supported.get(op) {
            Some(callers) => table.push_str(&format!("| {op} | yes | {callers} |\n")),
            None => table.push_str(&format!("| {op} | no | |\n")),
        }
    }
    table.push_str(END);
    table
}

#[test]
fn reference_operations_table_matches_the_dispatcher() {
    // The table is the rustdoc of `aws_organizations_mock::reference`.
    let readme_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/reference.md");
    let readme = std::fs::read_to_string(&readme_path).expect("src/reference.md");
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("src/reference.md has no {START} … {END} block");
    };
    let current = &readme[start..end + END.len()];
    let model_operations: BTreeSet<String> = support::model::service()["operations"]
        .as_object()
        .expect("operations")
        .keys()
        .cloned()
        .collect();
    let wanted = operations_table(&model_operations);
    if current == wanted {
        return;
    }
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{wanted}{}", &readme[..start], &readme[end + END.len()..]);
        std::fs::write(&readme_path, updated).expect("write src/reference.md");
        println!("src/reference.md's operations table rewritten");
    } else {
        panic!(
            "src/reference.md's operations table disagrees with the dispatcher or the model; \
             regenerate it with `UPDATE_README=1 cargo test --test it fidelity::reference`.\nwanted:\n{wanted}"
        );
    }
}
