//! Completeness and fidelity against the AWS service model vendored in
//! `model/`: every operation is dispatched, every one of the 63 operations
//! answers successfully at least once and every member the mock emits exists
//! in the model's output shape, and the operations table of src/docs/reference.md
//! (the rustdoc of `reference`) agrees with the dispatcher, and the model's
//! examples (examples-1.json) replay against the mock with the same structure.

use crate::support::raw::UNKNOWN_OPERATION;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use aws_organizations_mock::{supported_operations, MockOrganizations};
use aws_sdk_organizations::types::ChildType;
use serde_json::{json, Value};

use crate::support;
use support::fidelity::*;
use support::{create_account, create_ou, move_account, root_id, tag};

// ---------------------------------------------------------------------------
// Raw calls: a hand-made awsJson1.1 request to the mock's HTTP client, the way
// the SDK would send it, for replaying the model's examples by name.

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
            assert_ne!(body["__type"], UNKNOWN_OPERATION, "{op}");
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
            check_response(&model, call.operation().as_str(), response, &mut problems);
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
// (4) The operations table of src/docs/reference.md agrees with the dispatcher and the model.

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
        "{START}\n<!-- generated from the dispatch table and the service model: UPDATE_README=1 cargo test --test it fidelity::model::reference -->\n\n\
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
    let readme_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/docs/reference.md");
    let readme = std::fs::read_to_string(&readme_path).expect("src/docs/reference.md");
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("src/docs/reference.md has no {START} … {END} block");
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
        std::fs::write(&readme_path, updated).expect("write src/docs/reference.md");
        println!("src/docs/reference.md's operations table rewritten");
    } else {
        panic!(
            "src/docs/reference.md's operations table disagrees with the dispatcher or the model; \
             regenerate it with `UPDATE_README=1 cargo test --test it fidelity::model::reference`.\nwanted:\n{wanted}"
        );
    }
}

// ---------------------------------------------------------------------------
// (3) The model's examples replay with the same structure.

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
