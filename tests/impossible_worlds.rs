//! Snapshots that describe impossible worlds are refused before they replace
//! anything (issue 14): `from_snapshot` and `load_snapshot` return `Err`
//! naming the first problem, never panic, and leave the world as it was.
//! No clock or counter can make a call overflow.

use std::time::Duration;

use aws_organizations_mock::MockOrganizations;
use serde_json::Value;

mod support;
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
        let err = MockOrganizations::from_snapshot(bad.clone())
            .expect_err(what)
            .to_string();
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
