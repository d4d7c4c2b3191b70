//! The snapshot format (issue 15): a snapshot says `"version": 1`, a
//! committed version-1 snapshot loads and answers through the real SDK
//! client, and documents without a version, or with one this mock does not
//! read, are refused with an error that says so and change nothing.

use aws_organizations_mock::aws_sdk_organizations::types::{HandshakeState, PolicyType, TargetType};
use aws_organizations_mock::aws_sdk_organizations::Client;
use aws_organizations_mock::{MockOrganizations, PolicyTypeTransition};
use serde_json::{json, Value};

use crate::support;
use support::{
    account_party, create_organization_with_scps, create_ou, create_policy, invite, move_account, new_account, tag,
};

/// A snapshot taken with format version 1 (the world `build` makes, as it
/// was written when the format was introduced), committed so that a change to
/// the format, or to how it is read, fails here. It is a fixed fixture: a
/// change to the format is a new version with a file of its own, never a
/// rewrite of this one.
const COMMITTED: &str = include_str!("../data/snapshot-v1.json");

const DENY_S3: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#;

/// The world in `tests/it/data/snapshot-v1.json`: an organization with SCPs
/// enabled, an OU `Workloads` holding the tagged account `payments` with
/// `deny-s3` attached to the OU, a delegated administrator for GuardDuty,
/// and an invitation open to the outside account 333333333333.
async fn build(mock: &MockOrganizations) {
    let c = mock.client();
    let root = create_organization_with_scps(&c).await;
    let ou = create_ou(&c, &root, "Workloads").await;
    let payments = new_account(&c, "payments").await;
    move_account(&c, &payments, &root, &ou).await;
    c.tag_resource()
        .resource_id(&payments)
        .tags(tag("team", "payments"))
        .send()
        .await
        .unwrap();
    let policy = create_policy(&c, PolicyType::ServiceControlPolicy, "deny-s3", DENY_S3).await;
    c.attach_policy()
        .policy_id(&policy)
        .target_id(&ou)
        .send()
        .await
        .unwrap();
    c.enable_aws_service_access()
        .service_principal("guardduty.amazonaws.com")
        .send()
        .await
        .unwrap();
    c.register_delegated_administrator()
        .account_id(&payments)
        .service_principal("guardduty.amazonaws.com")
        .send()
        .await
        .unwrap();
    invite(&c, account_party("333333333333")).await;
}

fn committed() -> Value {
    serde_json::from_str(COMMITTED).unwrap()
}

async fn account_named(c: &Client, name: &str) -> String {
    let accounts = c.list_accounts().send().await.unwrap();
    let account = accounts.accounts().iter().find(|a| a.name() == Some(name));
    account
        .unwrap_or_else(|| panic!("no account {name}"))
        .id()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn the_committed_version_1_snapshot_loads_and_answers() {
    let file = committed();
    assert_eq!(file["version"], 1);
    let mock = MockOrganizations::from_snapshot(file.clone()).unwrap();
    mock.check_invariants().unwrap();
    let c = mock.client();

    let org = c.describe_organization().send().await.unwrap();
    let org = org.organization().unwrap();
    assert_eq!(org.master_account_id(), Some(mock.default_account_id()));

    let root = support::root_id(&c).await;
    let ous = c
        .list_organizational_units_for_parent()
        .parent_id(&root)
        .send()
        .await
        .unwrap();
    let [ou] = ous.organizational_units() else {
        panic!("{ous:?}")
    };
    assert_eq!(ou.name(), Some("Workloads"));
    let ou_id = ou.id().unwrap();

    let payments = account_named(&c, "payments").await;
    let inside = c.list_accounts_for_parent().parent_id(ou_id).send().await.unwrap();
    assert_eq!(
        inside.accounts().iter().map(|a| a.id().unwrap()).collect::<Vec<_>>(),
        [payments.as_str()]
    );
    let tags = c.list_tags_for_resource().resource_id(&payments).send().await.unwrap();
    assert_eq!(
        tags.tags().iter().map(|t| (t.key(), t.value())).collect::<Vec<_>>(),
        [("team", "payments")]
    );

    let attached = c
        .list_policies_for_target()
        .target_id(ou_id)
        .filter(PolicyType::ServiceControlPolicy)
        .send()
        .await
        .unwrap();
    let names: Vec<_> = attached.policies().iter().filter_map(|p| p.name()).collect();
    assert!(names.contains(&"deny-s3"), "{names:?}");
    let policy = attached
        .policies()
        .iter()
        .find(|p| p.name() == Some("deny-s3"))
        .unwrap();
    let targets = c
        .list_targets_for_policy()
        .policy_id(policy.id().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(targets.targets()[0].r#type(), Some(&TargetType::OrganizationalUnit));

    let admins = c.list_delegated_administrators().send().await.unwrap();
    assert_eq!(admins.delegated_administrators()[0].id(), Some(payments.as_str()));

    let outsider = mock.client_as("333333333333");
    let handshakes = outsider.list_handshakes_for_account().send().await.unwrap();
    assert_eq!(handshakes.handshakes()[0].state(), Some(&HandshakeState::Requested));

    // What was read is written back unchanged: the format is stable.
    assert_eq!(MockOrganizations::from_snapshot(file.clone()).unwrap().snapshot(), file);
}

#[tokio::test]
async fn a_snapshot_says_its_version_and_loads_back() {
    let mock = MockOrganizations::new();
    build(&mock).await;
    let snapshot = mock.snapshot();
    assert_eq!(snapshot["version"], 1);
    let copy = MockOrganizations::from_snapshot(snapshot.clone()).unwrap();
    assert_eq!(copy.snapshot(), snapshot);
}

#[tokio::test]
async fn documents_without_a_version_or_with_an_unknown_one_are_refused() {
    let mock = MockOrganizations::new();
    build(&mock).await;
    let before = mock.snapshot();
    let without = {
        let mut s = before.clone();
        s.as_object_mut().unwrap().remove("version");
        s
    };
    let cases = [
        ("no version", without, "no \"version\""),
        (
            "version 2",
            json!({"version": 2}),
            "version 2 is not one this mock reads",
        ),
        (
            "version 0",
            {
                let mut s = before.clone();
                s["version"] = json!(0);
                s
            },
            "version 0 is not",
        ),
        (
            "version as a string",
            {
                let mut s = before.clone();
                s["version"] = json!("1");
                s
            },
            "version \"1\" is not",
        ),
        (
            "version null",
            {
                let mut s = before.clone();
                s["version"] = Value::Null;
                s
            },
            "version null is not",
        ),
        ("an array", json!([1]), "not an object"),
        (
            "version 1 with an unknown key",
            {
                let mut s = before.clone();
                s["extra"] = json!(1);
                s
            },
            "unknown field `extra`",
        ),
    ];
    for (what, document, says) in cases {
        let err = MockOrganizations::from_snapshot(document.clone())
            .expect_err(what)
            .to_string();
        assert!(err.contains(says), "{what}: {err}");
        let err = mock.load_snapshot(document).expect_err(what).to_string();
        assert!(err.contains(says), "{what}: {err}");
        assert_eq!(mock.snapshot(), before, "{what}: a refused snapshot changes nothing");
    }
}

/// Every list a snapshot holds comes back when it is loaded: the builder's
/// role grants, a role's trusted accounts, an organization's account
/// closures and its resource policy's statements; and so does a setting
/// other than its default (the policy-type transition). Loaded and taken
/// again, the snapshot is the same document.
#[tokio::test]
async fn every_list_a_snapshot_holds_comes_back() {
    let mock = MockOrganizations::builder()
        .role("222222222222", "Deployer", &["111111111111"])
        .policy_type_transition(PolicyTypeTransition::AfterPolls(3))
        .build();
    let c = mock.client();
    c.create_organization().send().await.unwrap();
    let closing = new_account(&c, "closing").await;
    c.close_account().account_id(&closing).send().await.unwrap();
    let policy = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"organizations:DescribeOrganization","Resource":"*"}}"#;
    c.put_resource_policy().content(policy).send().await.unwrap();
    let snapshot = mock.snapshot();
    let org = snapshot["orgs"].as_object().unwrap().values().next().unwrap().clone();
    let lists = [
        ("role grants", snapshot["settings"]["roles"].clone()),
        (
            "trusted accounts",
            snapshot["iam"]["roles"]["222222222222"]["Deployer"]["trusted_accounts"].clone(),
        ),
        ("closures", org["closures"].clone()),
        ("statements", org["resource_policy"]["statements"].clone()),
    ];
    for (what, list) in lists {
        assert!(list.as_array().is_some_and(|l| !l.is_empty()), "{what}: {list}");
    }
    assert!(!snapshot["settings"]["policy_type_transition"].is_null(), "{snapshot}");
    let loaded = MockOrganizations::from_snapshot(snapshot.clone()).unwrap();
    assert_eq!(loaded.snapshot(), snapshot);
}
