//! Snapshots that describe impossible worlds are refused before they replace
//! anything (issue 14): `from_snapshot` and `load_snapshot` return `Err`
//! naming the first problem, never panic, and leave the world as it was.
//! No clock or counter can make a call overflow.

use std::time::Duration;

use aws_organizations_mock::{InvariantViolations, MockOrganizations, SnapshotError};
use serde_json::Value;

use crate::support;
use support::{account_party, create_organization, create_ou, invite, new_account};

/// A world with an organization, OUs A and B (B under A) and one member.
async fn arranged() -> (MockOrganizations, String, String, String) {
    let mock = MockOrganizations::new();
    let client = mock.client();
    let a = create_ou(&client, &create_organization(&client).await, "A").await;
    let b = create_ou(&client, &a, "B").await;
    let member = new_account(&client, "member").await;
    (mock, a, b, member)
}

fn org_mut(snapshot: &mut Value) -> &mut Value {
    let orgs = snapshot["orgs"].as_object_mut().unwrap();
    orgs.values_mut().next().unwrap()
}

/// Each corruption, with a word its refusal must contain.
fn corruptions<'a>(snapshot: &Value, a: &'a str, b: &'a str, member: &'a str) -> Vec<(&'static str, Value, &'a str)> {
    let mut list = Vec::new();

    let mut cycle = snapshot.clone();
    org_mut(&mut cycle)["ous"][a]["parent_id"] = Value::from(b);
    list.push(("an OU cycle", cycle, a));

    let mut missing = snapshot.clone();
    missing["accounts"].as_object_mut().unwrap().remove(member);
    list.push(("a member account missing", missing, member));

    let mut counter = snapshot.clone();
    counter["seq"] = Value::from(u64::MAX);
    list.push(("the sequence counter at its maximum", counter, "sequence counter"));

    let mut clock = snapshot.clone();
    clock["now"] = Value::from(i64::MAX);
    list.push(("the clock at its maximum", clock, "the clock"));

    let mut closed = snapshot.clone();
    closed["accounts"][member]["closed_at"] = Value::from(i64::MIN);
    list.push(("a closing time before 1970", closed, "closing time"));

    let mut dangling = snapshot.clone();
    org_mut(&mut dangling)["ous"][b]["parent_id"] = Value::from("ou-none-nonexist");
    list.push(("an OU under a parent that does not exist", dangling, b));

    let mut email = snapshot.clone();
    let management = email["settings"]["default_account_id"].as_str().unwrap().to_string();
    let taken = email["accounts"][&management]["email"].clone();
    email["accounts"][member]["email"] = taken;
    list.push(("an email used twice", email, "email"));

    let mut default = snapshot.clone();
    default["settings"]["default_account_id"] = Value::from("not-an-account");
    list.push(("a default account that is no account id", default, "default account"));

    list
}

#[tokio::test]
async fn impossible_snapshots_are_refused_and_change_nothing() {
    let (mock, a, b, member) = arranged().await;
    let before = mock.snapshot();
    for (what, bad, word) in corruptions(&before, &a, &b, &member) {
        let err = MockOrganizations::from_snapshot(bad.clone()).expect_err(what);
        assert!(
            matches!(&err, SnapshotError::ImpossibleWorld(v) if v.problems().iter().any(|p| p.contains(word))),
            "{what}: {err:?}"
        );
        // The violations are the error's source, for a user walking the chain.
        let SnapshotError::ImpossibleWorld(violations) = &err else {
            unreachable!("matched above")
        };
        let source = std::error::Error::source(&err).and_then(|s| s.downcast_ref::<InvariantViolations>());
        assert_eq!(source, Some(violations), "{what}");
        let err = err.to_string();
        assert!(err.contains("impossible world") && err.contains(word), "{what}: {err}");
        let err = mock.load_snapshot(bad).expect_err(what).to_string();
        assert!(err.contains(word), "{what}: {err}");
        assert_eq!(mock.snapshot(), before, "{what} changed the world");
    }
    // The old world still answers.
    let client = mock.client();
    let accounts = client.list_accounts().send().await.unwrap();
    assert_eq!(accounts.accounts().len(), 2);
    create_ou(&client, &b, "C").await;
    mock.check_invariants().unwrap();
}

#[tokio::test]
async fn a_possible_snapshot_loads_and_works() {
    let (mock, _, b, _) = arranged().await;
    let snapshot = mock.snapshot();
    let copy = MockOrganizations::from_snapshot(snapshot.clone()).unwrap();
    create_ou(&copy.client(), &b, "C").await;
    mock.load_snapshot(copy.snapshot()).unwrap();
    assert_ne!(mock.snapshot(), snapshot);
}

#[tokio::test]
async fn a_counter_at_its_bound_and_a_clock_at_its_end_never_panic() {
    let (mock, _, b, _) = arranged().await;
    let mut snapshot = mock.snapshot();
    // Near the highest counter a snapshot may hold (2^53): calls after it still work.
    snapshot["seq"] = Value::from((1u64 << 53) - 1000);
    mock.load_snapshot(snapshot).unwrap();
    let client = mock.client();
    create_ou(&client, &b, "C").await;
    new_account(&client, "late").await;
    // The clock stops at its end instead of overflowing; invitations (which
    // add a time to it) still work.
    mock.advance(Duration::MAX);
    mock.advance(Duration::MAX);
    let end = std::time::UNIX_EPOCH + Duration::from_millis(253_402_300_799_999);
    assert_eq!(mock.now(), end, "the clock stops at 9999-12-31T23:59:59.999Z");
    invite(&client, account_party("999999999999")).await;
    mock.check_invariants().unwrap();
    // And that world, at the end of time, loads back.
    MockOrganizations::from_snapshot(mock.snapshot()).unwrap();
}

#[tokio::test]
async fn fixtures_are_checked_too() {
    // A fixture is built through the world's own operations, so it cannot
    // break an invariant; the check after it is what guarantees so.
    let mock = MockOrganizations::new();
    let fixture = aws_organizations_mock::OrgFixture::from_json(
        r#"{"ous": [{"name": "A", "ous": [{"name": "B"}]}], "accounts": [{"name": "x", "email": "x@example.com"}]}"#,
    )
    .unwrap();
    mock.load_fixture(&fixture).unwrap();
    mock.check_invariants().unwrap();
}

/// Records of every kind that no sequence of calls can leave, each refused
/// with words naming it: an organization or an OU kept under an id not its
/// own, an account id that is not 12 digits, a customer policy marked AWS-managed, a pending policy type with no
/// polls left, a created account the world lost, a stored EXPIRED
/// handshake.
#[tokio::test]
async fn impossible_records_of_every_kind_are_refused() {
    let snapshot = rich_snapshot().await;
    let org = org_mut(&mut snapshot.clone()).clone();
    let org_id = org["id"].as_str().unwrap().to_string();
    let mut cases: Vec<(&str, Value, &str)> = Vec::new();

    // The entry `from` of the object `map` moved to the key `to`.
    let rekey = |map: &mut Value, from: &str, to: &str| {
        let map = map.as_object_mut().unwrap();
        let entry = map.remove(from).unwrap();
        map.insert(to.into(), entry);
    };
    let mut moved = snapshot.clone();
    rekey(&mut moved["orgs"], &org_id, "o-zzzzzzzzzz");
    cases.push((
        "an organization under another id",
        moved,
        "organization o-zzzzzzzzzz is stored under another id",
    ));

    let mut ou_moved = snapshot.clone();
    let ou = org["ous"].as_object().unwrap().keys().next().unwrap();
    rekey(&mut org_mut(&mut ou_moved)["ous"], ou, "ou-zzzz-zzzzzzzz");
    cases.push((
        "an OU under another id",
        ou_moved,
        "OU ou-zzzz-zzzzzzzz is stored under another id",
    ));

    let mut short = snapshot.clone();
    let account = org["members"]
        .as_object()
        .unwrap()
        .values()
        .next_back()
        .unwrap()
        .as_str()
        .unwrap();
    rekey(&mut short["accounts"], account, "12345");
    short["accounts"]["12345"]["id"] = Value::from("12345");
    cases.push((
        "an account id of five digits",
        short,
        "account id '12345' is not 12 digits",
    ));

    let mut managed = snapshot.clone();
    let policies = org_mut(&mut managed)["policies"].as_object_mut().unwrap();
    policies.values_mut().next().unwrap()["aws_managed"] = Value::Bool(true);
    cases.push(("a customer policy marked AWS-managed", managed, "is stored wrongly"));

    let mut pending = snapshot.clone();
    org_mut(&mut pending)["pending_policy_types"] =
        serde_json::json!({"TAG_POLICY": {"enabling": true, "polls_left": 0}});
    cases.push(("a pending policy type with no polls left", pending, "with 0 polls left"));

    let mut lost = snapshot.clone();
    let created = org["create_account_requests"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    let account = created["outcome"]["Succeeded"]["account_id"].as_str().unwrap();
    lost["accounts"].as_object_mut().unwrap().remove(account);
    cases.push((
        "a created account the world lost",
        lost,
        "which the world does not know",
    ));

    let mut expired = snapshot.clone();
    let handshakes = expired["handshakes"].as_object_mut().unwrap();
    handshakes.values_mut().next().unwrap()["state"] = Value::from("Expired");
    cases.push(("a stored EXPIRED handshake", expired, "is stored as EXPIRED"));

    for (what, bad, word) in cases {
        let err = MockOrganizations::from_snapshot(bad).expect_err(what);
        assert!(
            matches!(&err, SnapshotError::ImpossibleWorld(v) if v.problems().iter().any(|p| p.contains(word))),
            "{what}: {err:?}"
        );
    }
}

/// Only AWS's non-detachable policies must be on every target: a world
/// whose FullAWSAccess was detached (another SCP in its place) holds, one
/// that lost RCPFullAWSAccess does not.
#[tokio::test]
async fn only_a_non_detachable_policy_must_be_everywhere() {
    use aws_organizations_mock::aws_sdk_organizations::types::PolicyType;
    let (mock, a, _, _) = arranged().await;
    let client = mock.client();
    let root = support::root_id(&client).await;
    for t in [PolicyType::ServiceControlPolicy, PolicyType::ResourceControlPolicy] {
        client
            .enable_policy_type()
            .root_id(&root)
            .policy_type(t)
            .send()
            .await
            .unwrap();
    }
    let deny = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#;
    let policy = support::create_policy(&client, PolicyType::ServiceControlPolicy, "deny-s3", deny).await;
    client
        .attach_policy()
        .policy_id(&policy)
        .target_id(&a)
        .send()
        .await
        .unwrap();
    client
        .detach_policy()
        .policy_id("p-FullAWSAccess")
        .target_id(&a)
        .send()
        .await
        .unwrap();
    mock.check_invariants().unwrap();
    let snapshot = mock.snapshot();
    MockOrganizations::from_snapshot(snapshot.clone()).unwrap();

    let mut lost = snapshot;
    let attachments = org_mut(&mut lost)["attachments"][a.as_str()].as_object_mut().unwrap();
    attachments.retain(|_, at| at["policy_id"] != "p-RCPFullAWSAccess");
    let err = MockOrganizations::from_snapshot(lost).expect_err("RCPFullAWSAccess detached");
    assert!(
        err.to_string()
            .contains(&format!("{a} lacks the non-detachable p-RCPFullAWSAccess")),
        "{err}"
    );
}

// ---------------------------------------------------------------------------
// Mutated snapshots: whatever a hand-edited snapshot says, loading it either
// fails or gives a world that answers every call without a panic.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use support::raw::Raw;

/// One step of a leaf's path in the snapshot's JSON.
#[derive(Clone, Debug)]
enum Key {
    Field(String),
    Index(usize),
}

/// Every leaf (and every object key, as a leaf of its own) with its path.
fn leaves(value: &Value, path: &mut Vec<Key>, out: &mut Vec<(Vec<Key>, Value)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                path.push(Key::Field(k.clone()));
                out.push((path.clone(), Value::from(format!("key:{k}"))));
                leaves(v, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(Key::Index(i));
                leaves(v, path, out);
                path.pop();
            }
        }
        leaf => out.push((path.clone(), leaf.clone())),
    }
}

/// The parent of the value at `path`, and the last key.
fn parent_of<'v>(root: &'v mut Value, path: &[Key]) -> Option<(&'v mut Value, Key)> {
    let (last, init) = path.split_last()?;
    let mut node = root;
    for key in init {
        node = match key {
            Key::Field(k) => node.get_mut(k.as_str())?,
            Key::Index(i) => node.get_mut(*i)?,
        };
    }
    Some((node, last.clone()))
}

/// Applies one mutation `kind` to the value at `path`; `donor` is a value
/// found elsewhere in the snapshot (an id, a number, a name).
fn mutate(snapshot: &mut Value, path: &[Key], kind: u8, donor: &Value) {
    let Some((parent, last)) = parent_of(snapshot, path) else {
        return;
    };
    let replacement = match kind {
        0 => donor.clone(),
        1 => Value::Null,
        2 => Value::from(u64::MAX),
        3 => Value::from(-1),
        4 => Value::from(""),
        _ => {
            match (parent, last) {
                // Remove the member or element.
                (Value::Object(map), Key::Field(k)) if kind == 5 => {
                    map.remove(&k);
                }
                (Value::Array(items), Key::Index(i)) if i < items.len() => {
                    items.remove(i);
                }
                // Rename a key (ids are keys of their maps) to the donor.
                (Value::Object(map), Key::Field(k)) => {
                    if let (Some(v), Some(name)) = (map.remove(&k), donor.as_str()) {
                        map.insert(name.trim_start_matches("key:").to_string(), v);
                    }
                }
                _ => {}
            }
            return;
        }
    };
    match (parent, last) {
        (Value::Object(map), Key::Field(k)) => {
            map.insert(k, replacement);
        }
        (Value::Array(items), Key::Index(i)) if i < items.len() => items[i] = replacement,
        _ => {}
    }
}

/// A world with something of each kind: nested OUs, members in them,
/// policies attached, tags, an open invitation, a delegated administrator.
async fn rich_snapshot() -> Value {
    use aws_organizations_mock::aws_sdk_organizations::types::{PolicyType, Tag};
    let (mock, a, b, member) = arranged().await;
    let client = mock.client();
    let root = support::root_id(&client).await;
    support::move_account(&client, &member, &root, &b).await;
    client
        .enable_policy_type()
        .root_id(&root)
        .policy_type(PolicyType::TagPolicy)
        .send()
        .await
        .unwrap();
    let tags = r#"{"tags":{"team":{"tag_key":{"@@assign":"Team"}}}}"#;
    let policy = support::create_policy(&client, PolicyType::TagPolicy, "tags", tags).await;
    for target in [&a, &member] {
        client
            .attach_policy()
            .policy_id(&policy)
            .target_id(target)
            .send()
            .await
            .unwrap();
    }
    let tag = Tag::builder().key("k").value("v").build().unwrap();
    client.tag_resource().resource_id(&a).tags(tag).send().await.unwrap();
    invite(&client, account_party("333333333333")).await;
    client
        .enable_aws_service_access()
        .service_principal("config.amazonaws.com")
        .send()
        .await
        .unwrap();
    client
        .register_delegated_administrator()
        .account_id(&member)
        .service_principal("config.amazonaws.com")
        .send()
        .await
        .unwrap();
    mock.snapshot()
}

/// Every id-like string in `snapshot`, by prefix.
fn ids(snapshot: &Value, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    leaves(snapshot, &mut Vec::new(), &mut out);
    let mut found: Vec<String> = out
        .into_iter()
        .filter_map(|(_, v)| v.as_str().map(|s| s.trim_start_matches("key:").to_string()))
        .filter(|s| s.starts_with(prefix) && (prefix != "1" || s.len() == 12))
        .collect();
    found.sort();
    found.dedup();
    found
}

/// Calls a battery of operations on a loaded world, as its default account
/// and as every account, and fails on any internal error.
async fn answers_everything(mock: &MockOrganizations, snapshot: &Value) -> Result<(), TestCaseError> {
    let raw = Raw::new(mock);
    let management = mock.default_account_id().to_string();
    let mut calls: Vec<(String, &str, Value)> = Vec::new();
    let mut accounts = ids(snapshot, "1");
    accounts.extend(ids(snapshot, "2"));
    for caller in std::iter::once(&management).chain(&accounts) {
        for op in [
            "DescribeOrganization",
            "ListAccounts",
            "ListRoots",
            "ListHandshakesForAccount",
        ] {
            calls.push((caller.clone(), op, serde_json::json!({})));
        }
    }
    let m = &management;
    for op in [
        "ListHandshakesForOrganization",
        "ListCreateAccountStatus",
        "ListDelegatedAdministrators",
        "ListAWSServiceAccessForOrganization",
    ] {
        calls.push((m.clone(), op, serde_json::json!({})));
    }
    calls.push((m.clone(), "ListPolicies", serde_json::json!({"Filter": "TAG_POLICY"})));
    let mut parents = ids(snapshot, "ou-");
    parents.extend(ids(snapshot, "r-"));
    for parent in &parents {
        for child in ["ACCOUNT", "ORGANIZATIONAL_UNIT"] {
            calls.push((
                m.clone(),
                "ListChildren",
                serde_json::json!({"ParentId": parent, "ChildType": child}),
            ));
        }
        calls.push((
            m.clone(),
            "ListAccountsForParent",
            serde_json::json!({"ParentId": parent}),
        ));
        calls.push((m.clone(), "ListParents", serde_json::json!({"ChildId": parent})));
        calls.push((
            m.clone(),
            "ListPoliciesForTarget",
            serde_json::json!({"TargetId": parent, "Filter": "TAG_POLICY"}),
        ));
        calls.push((
            m.clone(),
            "CreateOrganizationalUnit",
            serde_json::json!({"ParentId": parent, "Name": "fuzz"}),
        ));
    }
    for account in &accounts {
        calls.push((m.clone(), "DescribeAccount", serde_json::json!({"AccountId": account})));
        calls.push((m.clone(), "ListParents", serde_json::json!({"ChildId": account})));
        calls.push((
            m.clone(),
            "ListTagsForResource",
            serde_json::json!({"ResourceId": account}),
        ));
        calls.push((
            m.clone(),
            "DescribeEffectivePolicy",
            serde_json::json!({"PolicyType": "TAG_POLICY", "TargetId": account}),
        ));
        calls.push((
            account.clone(),
            "DescribeEffectivePolicy",
            serde_json::json!({"PolicyType": "TAG_POLICY"}),
        ));
    }
    for policy in ids(snapshot, "p-") {
        calls.push((m.clone(), "DescribePolicy", serde_json::json!({"PolicyId": policy})));
        calls.push((
            m.clone(),
            "ListTargetsForPolicy",
            serde_json::json!({"PolicyId": policy}),
        ));
    }
    for handshake in ids(snapshot, "h-") {
        calls.push((
            m.clone(),
            "DescribeHandshake",
            serde_json::json!({"HandshakeId": handshake}),
        ));
    }
    for (caller, op, body) in calls {
        let answer = raw.call(&caller, op, &body).await;
        prop_assert!(
            answer.status != 500,
            "{op} by {caller} {body} failed internally: {}",
            String::from_utf8_lossy(&answer.body)
        );
    }
    mock.check_invariants()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    Ok(())
}

#[test]
fn mutated_snapshots_are_refused_or_answer_every_call() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let snapshot = runtime.block_on(rich_snapshot());
    let mut all = Vec::new();
    leaves(&snapshot, &mut Vec::new(), &mut all);
    let n = all.len();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let mutations = proptest::collection::vec((0..n, 0u8..7, 0..n), 1..4);
    let (refused, loaded) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
    let result = runner.run(&mutations, |mutations| {
        let mut bad = snapshot.clone();
        for (at, kind, donor) in &mutations {
            mutate(&mut bad, &all[*at].0, *kind, &all[*donor].1);
        }
        match MockOrganizations::from_snapshot(bad.clone()) {
            Err(_) => {
                refused.set(refused.get() + 1);
                Ok(())
            }
            Ok(mock) => {
                loaded.set(loaded.get() + 1);
                runtime.block_on(answers_everything(&mock, &bad))
            }
        }
    });
    let (refused, loaded) = (refused.get(), loaded.get());
    println!("{cases} mutated snapshots: {refused} refused, {loaded} loaded and answered");
    if let Err(e) = result {
        panic!("{e}");
    }
}
