//! Worlds: fixtures, snapshots, the clock and the builder's settings, all
//! checked through the real SDK client.

use std::time::{Duration, UNIX_EPOCH};

use aws_organizations_mock::aws_sdk_organizations::operation::create_account::CreateAccountError;
use aws_organizations_mock::aws_sdk_organizations::operation::create_organizational_unit::CreateOrganizationalUnitError;
use aws_organizations_mock::aws_sdk_organizations::types::{
    AccountState, CreateAccountState, EffectivePolicyType, OrganizationFeatureSet, PolicySummary, PolicyType,
};
use aws_organizations_mock::aws_sdk_organizations::Client;
use aws_organizations_mock::{
    AccountFixture, ApiError, CreateAccountCompletion, FixtureError, Limits, MockOrganizations, OrgFixture, OuFixture,
    PolicyFixture, SnapshotError,
};

use crate::support;
use support::{create_account_status, create_organization, create_ou, request_account, root_id};

fn landing_zone() -> OrgFixture {
    OrgFixture::new()
        .tag("owner", "platform")
        .account(AccountFixture::new("shared services").tag("team", "platform"))
        .ou(OuFixture::new("Security")
            .account(AccountFixture::new("audit"))
            .account(AccountFixture::new("log-archive").email("logs@corp.example")))
        .ou(OuFixture::new("Workloads")
            .tag("cost-center", "42")
            .ou(OuFixture::new("Prod").account(
                AccountFixture::new("payments")
                    .id("222222222222")
                    .tag("team", "payments")
                    .tag("env", "prod"),
            ))
            .ou(OuFixture::new("Dev")))
}

const LANDING_ZONE_JSON: &str = r#"{
  "tags": { "owner": "platform" },
  "accounts": [ { "name": "shared services", "tags": { "team": "platform" } } ],
  "ous": [
    { "name": "Security",
      "accounts": [ { "name": "audit" }, { "name": "log-archive", "email": "logs@corp.example" } ] },
    { "name": "Workloads", "tags": { "cost-center": "42" },
      "ous": [
        { "name": "Prod",
          "accounts": [ { "name": "payments", "id": "222222222222",
                          "tags": { "team": "payments", "env": "prod" } } ] },
        { "name": "Dev" } ] } ]
}"#;

async fn tags_of(client: &Client, id: &str) -> Vec<(String, String)> {
    let out = client.list_tags_for_resource().resource_id(id).send().await.unwrap();
    out.tags()
        .iter()
        .map(|t| (t.key().to_string(), t.value().to_string()))
        .collect()
}

// ---- fixtures ----

#[tokio::test]
async fn a_fixture_builds_a_whole_organization() {
    let mock = MockOrganizations::new();
    let ids = mock.load_fixture(&landing_zone()).unwrap();
    let client = mock.client();

    let org = client.describe_organization().send().await.unwrap();
    assert_eq!(org.organization().unwrap().id(), Some(ids.organization()));
    let roots = client.list_roots().send().await.unwrap();
    assert_eq!(roots.roots()[0].id(), Some(ids.root()));
    assert_eq!(
        tags_of(&client, ids.root()).await,
        vec![("owner".into(), "platform".into())]
    );

    let top = client
        .list_organizational_units_for_parent()
        .parent_id(ids.root())
        .send()
        .await
        .unwrap();
    let names: Vec<_> = top.organizational_units().iter().filter_map(|o| o.name()).collect();
    assert_eq!(names, ["Security", "Workloads"]);
    assert_eq!(
        tags_of(&client, ids.ou("Workloads")).await,
        vec![("cost-center".into(), "42".into())]
    );

    let prod = client
        .list_accounts_for_parent()
        .parent_id(ids.ou("Workloads/Prod"))
        .send()
        .await
        .unwrap();
    assert_eq!(prod.accounts().len(), 1);
    assert_eq!(prod.accounts()[0].id(), Some("222222222222"));
    assert_eq!(prod.accounts()[0].email(), Some("payments@example.com"));
    assert_eq!(prod.accounts()[0].state(), Some(&AccountState::Active));
    assert_eq!(
        tags_of(&client, "222222222222").await,
        vec![("env".into(), "prod".into()), ("team".into(), "payments".into())]
    );
    let parents = client.list_parents().child_id("222222222222").send().await.unwrap();
    assert_eq!(parents.parents()[0].id(), Some(ids.ou("Workloads/Prod")));

    let audit = client
        .describe_account()
        .account_id(ids.account("audit"))
        .send()
        .await
        .unwrap();
    assert_eq!(audit.account().unwrap().email(), Some("audit@example.com"));
    let shared = client
        .describe_account()
        .account_id(ids.account("shared services"))
        .send()
        .await
        .unwrap();
    assert_eq!(shared.account().unwrap().email(), Some("shared-services@example.com"));
    assert_eq!(client.list_accounts().send().await.unwrap().accounts().len(), 5);

    // A fixture account with a known id can call as itself.
    let member = mock.client_as("222222222222");
    member.describe_organization().send().await.unwrap();
}

#[tokio::test]
async fn the_same_fixture_from_json_builds_the_same_world() {
    let from_json = OrgFixture::from_json(LANDING_ZONE_JSON).unwrap();
    assert_eq!(from_json, landing_zone());
    let a = MockOrganizations::builder().seed(7).build();
    let b = MockOrganizations::builder().seed(7).build();
    let ids_a = a.load_fixture(&landing_zone()).unwrap();
    let ids_b = b.load_fixture(&from_json).unwrap();
    assert_eq!(ids_a, ids_b);
    assert_eq!(a.snapshot(), b.snapshot());

    let misspelt = OrgFixture::from_json(r#"{"ous": [{"name": "X", "acounts": []}]}"#).unwrap_err();
    assert!(misspelt.to_string().contains("unknown field `acounts`"), "{misspelt}");
}

const DENY_LEAVE: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}"#;
const COST_CENTER: &str = r#"{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"}}}}"#;

fn governed() -> OrgFixture {
    OrgFixture::new()
        .enable_policy_type(PolicyType::ServiceControlPolicy)
        .enable_policy_type(PolicyType::TagPolicy)
        .policy(PolicyFixture::new("DenyLeave", PolicyType::ServiceControlPolicy, DENY_LEAVE).description("no leaving"))
        .policy(PolicyFixture::new("CostCenter", PolicyType::TagPolicy, COST_CENTER).tag("owner", "finops"))
        .attach("CostCenter")
        .ou(OuFixture::new("Workloads")
            .attach("DenyLeave")
            .account(AccountFixture::new("app").attach("DenyLeave")))
}

#[tokio::test]
async fn fixtures_create_enable_and_attach_policies() {
    let mock = MockOrganizations::new();
    let ids = mock.load_fixture(&governed()).unwrap();
    let client = mock.client();
    let on = |target: &str, kind: PolicyType| client.list_policies_for_target().target_id(target).filter(kind).send();
    let names = |out: &[PolicySummary]| {
        out.iter()
            .filter_map(|p| p.name().map(String::from))
            .collect::<Vec<_>>()
    };
    let root_tags = on(ids.root(), PolicyType::TagPolicy).await.unwrap();
    assert_eq!(names(root_tags.policies()), ["CostCenter"]);
    let ou_scps = on(ids.ou("Workloads"), PolicyType::ServiceControlPolicy).await.unwrap();
    assert_eq!(names(ou_scps.policies()), ["FullAWSAccess", "DenyLeave"]);
    let app_scps = on(ids.account("app"), PolicyType::ServiceControlPolicy).await.unwrap();
    assert_eq!(names(app_scps.policies()), ["FullAWSAccess", "DenyLeave"]);
    let described = client
        .describe_policy()
        .policy_id(ids.policy("DenyLeave"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        described.policy().unwrap().policy_summary().unwrap().description(),
        Some("no leaving")
    );
    assert_eq!(
        tags_of(&client, ids.policy("CostCenter")).await,
        vec![("owner".into(), "finops".into())]
    );
    let effective = client
        .describe_effective_policy()
        .policy_type(EffectivePolicyType::TagPolicy)
        .target_id(ids.account("app"))
        .send()
        .await
        .unwrap();
    assert!(effective
        .effective_policy()
        .unwrap()
        .policy_content()
        .unwrap()
        .contains("CostCenter"));

    let json = r#"{"policy_types": ["SERVICE_CONTROL_POLICY", "TAG_POLICY"],
        "policies": [
          {"name": "DenyLeave", "type": "SERVICE_CONTROL_POLICY", "content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"organizations:LeaveOrganization\",\"Resource\":\"*\"}]}", "description": "no leaving"},
          {"name": "CostCenter", "type": "TAG_POLICY", "content": "{\"tags\":{\"costcenter\":{\"tag_key\":{\"@@assign\":\"CostCenter\"}}}}", "tags": {"owner": "finops"}}],
        "attach": ["CostCenter"],
        "ous": [{"name": "Workloads", "attach": ["DenyLeave"], "accounts": [{"name": "app", "attach": ["DenyLeave"]}]}]}"#;
    assert_eq!(OrgFixture::from_json(json).unwrap(), governed());
}

#[tokio::test]
async fn a_fixture_attaching_an_unknown_policy_changes_nothing() {
    let mock = MockOrganizations::new();
    let before = mock.snapshot();
    let err = mock
        .load_fixture(&OrgFixture::new().ou(OuFixture::new("X").attach("Nope")))
        .unwrap_err();
    assert_eq!(err, FixtureError::UnknownPolicy("Nope".into()));
    // Not an error of AWS's: nothing to match on, nothing underneath.
    assert_eq!(err.api_error(), None);
    assert!(std::error::Error::source(&err).is_none());
    assert!(
        err.to_string().contains("'Nope'") && err.to_string().contains("OrgFixture::policy"),
        "{err}"
    );
    assert_eq!(mock.snapshot(), before);
}

#[tokio::test]
async fn a_fixture_is_all_or_nothing_and_obeys_quotas() {
    let mock = MockOrganizations::new();
    let before = mock.snapshot();
    let clash = OrgFixture::new()
        .ou(OuFixture::new("A").account(AccountFixture::new("x").email("same@example.com")))
        .ou(OuFixture::new("B").account(AccountFixture::new("y").email("SAME@example.com")));
    let err = mock.load_fixture(&clash).unwrap_err();
    // A user matches on AWS's error through `api_error`, or through the
    // error's source chain: both give the same `ApiError`.
    assert_eq!(err.api_error().map(ApiError::code), Some("DuplicateAccountException"));
    let source = std::error::Error::source(&err).and_then(|s| s.downcast_ref::<ApiError>());
    assert_eq!(source, err.api_error());
    let FixtureError::Rejected(err) = err else {
        panic!("not AWS's error: {err}")
    };
    assert_eq!(err.code(), "DuplicateAccountException");
    assert_eq!(mock.snapshot(), before);
    // Nothing happened: the default account is still outside any organization.
    let err = mock.client().describe_organization().send().await.unwrap_err();
    assert_eq!(
        err.into_service_error().meta().code(),
        Some("AWSOrganizationsNotInUseException")
    );

    let small = MockOrganizations::builder()
        .limits(Limits {
            max_ous: 2,
            ..Limits::default()
        })
        .build();
    let err = small.load_fixture(&landing_zone()).unwrap_err();
    let printed = err.to_string();
    let FixtureError::Rejected(err) = err else {
        panic!("not AWS's error: {err}")
    };
    assert_eq!(err.reason(), Some("OU_NUMBER_LIMIT_EXCEEDED"));
    // Printed, the refusal says AWS's code, message and reason.
    assert_eq!(
        printed,
        format!(
            "ConstraintViolationException: {} (Reason: OU_NUMBER_LIMIT_EXCEEDED)",
            err.message()
        )
    );
    assert_eq!(err.to_string(), printed);

    let billing = MockOrganizations::new();
    billing.load_fixture(&OrgFixture::new().consolidated_billing()).unwrap();
    let org = billing.client().describe_organization().send().await.unwrap();
    assert_eq!(
        org.organization().unwrap().feature_set(),
        Some(&OrganizationFeatureSet::ConsolidatedBilling)
    );
}

// ---- snapshots ----

async fn some_work(client: &Client) {
    let root = create_organization(client).await;
    create_ou(client, &root, "Workloads").await;
    request_account(client, "a").await.unwrap();
}

#[tokio::test]
async fn snapshots_are_deterministic() {
    let (a, b) = (MockOrganizations::new(), MockOrganizations::new());
    some_work(&a.client()).await;
    some_work(&b.client()).await;
    assert_eq!(a.snapshot(), b.snapshot());
    assert_eq!(a.snapshot().to_string(), b.snapshot().to_string());
    let text = serde_json::to_string_pretty(&a.snapshot()).unwrap();
    assert!(text.contains("\"Workloads\""));
}

#[tokio::test]
async fn loading_a_snapshot_reproduces_the_world_exactly() {
    let original = MockOrganizations::builder().seed(99).build();
    some_work(&original.client()).await;
    original.advance(Duration::from_secs(3600));
    let snapshot = original.snapshot();

    let copy = MockOrganizations::from_snapshot(snapshot.clone()).unwrap();
    assert_eq!(copy.snapshot(), snapshot);
    assert_eq!(copy.now(), original.now());
    assert_eq!(copy.default_account_id(), original.default_account_id());

    // Both go on identically: the same IDs come next.
    let next_ou = |mock: MockOrganizations| async move {
        let client = mock.client();
        let root = root_id(&client).await;
        let ou = create_ou(&client, &root, "Next").await;
        let status = request_account(&client, "b").await.unwrap();
        (ou, status.id().unwrap().to_string(), mock.snapshot())
    };
    let (ou_a, car_a, snap_a) = next_ou(original.clone()).await;
    let (ou_b, car_b, snap_b) = next_ou(copy.clone()).await;
    assert_eq!((ou_a, car_a), (ou_b, car_b));
    assert_eq!(snap_a, snap_b);

    let not_a_world = MockOrganizations::from_snapshot(serde_json::json!({"not": "a world"})).unwrap_err();
    assert!(matches!(not_a_world, SnapshotError::Format(_)), "{not_a_world:?}");
    assert!(std::error::Error::source(&not_a_world).is_none());
    assert!(not_a_world.to_string().contains("no \"version\""), "{not_a_world}");
    let not_a_world =
        MockOrganizations::from_snapshot(serde_json::json!({"version": 1, "not": "a world"})).unwrap_err();
    assert!(matches!(not_a_world, SnapshotError::Format(_)), "{not_a_world:?}");
    assert!(not_a_world.to_string().contains("unknown field `not`"), "{not_a_world}");
}

/// A GovCloud pairing is part of the world a snapshot carries: the copy can
/// create GovCloud accounts, which needs the management account paired.
#[tokio::test]
async fn a_snapshot_carries_the_govcloud_pairs() {
    let original = MockOrganizations::new();
    original.client().create_organization().send().await.unwrap();
    original.pair_govcloud_account(original.default_account_id());
    let copy = MockOrganizations::from_snapshot(original.snapshot()).unwrap();
    let created = copy
        .client()
        .create_gov_cloud_account()
        .email("gov@example.com")
        .account_name("gov")
        .send()
        .await;
    assert!(created.is_ok(), "{created:?}");
}

/// A fixture's `trusted_access` enables trusted access for the service, as
/// EnableAWSServiceAccess would.
#[tokio::test]
async fn a_fixture_enables_trusted_access() {
    let mock = MockOrganizations::new();
    mock.load_fixture(&OrgFixture::new().trusted_access("securityhub.amazonaws.com"))
        .unwrap();
    let out = mock
        .client()
        .list_aws_service_access_for_organization()
        .send()
        .await
        .unwrap();
    let principals: Vec<_> = out
        .enabled_service_principals()
        .iter()
        .filter_map(|p| p.service_principal())
        .collect();
    assert_eq!(principals, ["securityhub.amazonaws.com"]);
}

// ---- clock ----

#[tokio::test]
async fn advancing_the_clock_completes_account_closure() {
    let mock = MockOrganizations::new();
    let ids = mock
        .load_fixture(&OrgFixture::new().account(AccountFixture::new("leaving")))
        .unwrap();
    let client = mock.client();
    let id = ids.account("leaving");
    client.close_account().account_id(id).send().await.unwrap();
    let state = |client: Client, id: String| async move {
        let out = client.describe_account().account_id(id).send().await.unwrap();
        out.account().unwrap().state().cloned()
    };
    assert_eq!(
        state(client.clone(), id.into()).await,
        Some(AccountState::PendingClosure)
    );
    mock.advance(Duration::from_secs(4 * 60));
    assert_eq!(
        state(client.clone(), id.into()).await,
        Some(AccountState::PendingClosure)
    );
    mock.advance(Duration::from_secs(60));
    assert_eq!(state(client.clone(), id.into()).await, Some(AccountState::Suspended));
}

/// `CLOSED` starts exactly 90 days after CloseAccount (FIDELITY.md
/// "CloseAccount states"): a millisecond before, the account is `SUSPENDED`.
#[tokio::test]
async fn a_closed_account_is_closed_for_good_exactly_ninety_days_on() {
    let mock = MockOrganizations::new();
    let ids = mock
        .load_fixture(&OrgFixture::new().account(AccountFixture::new("leaving")))
        .unwrap();
    let client = mock.client();
    let id = ids.account("leaving").to_string();
    client.close_account().account_id(&id).send().await.unwrap();
    let state = || async {
        let out = client.describe_account().account_id(&id).send().await.unwrap();
        out.account().unwrap().state().cloned()
    };
    mock.advance(Duration::from_secs(90 * 24 * 3600) - Duration::from_millis(1));
    assert_eq!(state().await, Some(AccountState::Suspended));
    mock.advance(Duration::from_millis(1));
    assert_eq!(state().await, Some(AccountState::Closed));
}

// ---- builder settings ----

async fn poll(client: &Client, request_id: &str) -> (CreateAccountState, Option<String>, Option<String>) {
    let status = create_account_status(client, request_id).await;
    (
        status.state().unwrap().clone(),
        status.account_id().map(str::to_string),
        status.failure_reason().map(|r| r.as_str().to_string()),
    )
}

async fn start_create(client: &Client, name: &str) -> String {
    let status = request_account(client, name).await.unwrap();
    assert_eq!(status.state(), Some(&CreateAccountState::InProgress));
    status.id().unwrap().to_string()
}

#[tokio::test]
async fn create_account_can_complete_after_polls() {
    let mock = MockOrganizations::builder()
        .create_account_completion(CreateAccountCompletion::AfterPolls(3))
        .build();
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    let request = start_create(&client, "slow").await;
    for _ in 0..2 {
        assert_eq!(poll(&client, &request).await.0, CreateAccountState::InProgress);
        assert_eq!(client.list_accounts().send().await.unwrap().accounts().len(), 1);
    }
    let (state, account, _) = poll(&client, &request).await;
    assert_eq!(state, CreateAccountState::Succeeded);
    let listed = client.list_accounts().send().await.unwrap();
    assert!(listed.accounts().iter().any(|a| a.id() == account.as_deref()));
}

#[tokio::test]
async fn create_account_can_fail_with_a_reason() {
    let mock = MockOrganizations::builder()
        .create_account_completion(CreateAccountCompletion::Fail("ACCOUNT_LIMIT_EXCEEDED".into()))
        .build();
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    let request = start_create(&client, "doomed").await;
    let (state, account, reason) = poll(&client, &request).await;
    assert_eq!(state, CreateAccountState::Failed);
    assert_eq!(account, None);
    assert_eq!(reason.as_deref(), Some("ACCOUNT_LIMIT_EXCEEDED"));
}

#[tokio::test]
async fn limits_seed_default_account_and_start_time_are_settable() {
    let start = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let build = |seed| {
        MockOrganizations::builder()
            .default_account("123456789012", "root@corp.example")
            .seed(seed)
            .start_time(start)
            .limits(Limits {
                max_accounts: 2,
                max_ous: 1,
                ..Limits::default()
            })
            .build()
    };
    let mock = build(1);
    let client = mock.client();
    let org = client.create_organization().send().await.unwrap();
    let org = org.organization().unwrap();
    assert_eq!(org.master_account_id(), Some("123456789012"));
    assert_eq!(org.master_account_email(), Some("root@corp.example"));
    assert_eq!(mock.now(), start);

    let same = build(1);
    let other = build(2);
    let org_id = |m: MockOrganizations| async move {
        let out = m.client().create_organization().send().await.unwrap();
        out.organization().unwrap().id().unwrap().to_string()
    };
    assert_eq!(org_id(same).await, org.id().unwrap());
    assert_ne!(org_id(other).await, org.id().unwrap());

    let request = start_create(&client, "second").await;
    let created = create_account_status(&client, &request).await;
    assert_eq!(created.requested_timestamp().map(|t| t.secs()), Some(1_800_000_000));
    let err = client
        .create_account()
        .account_name("third")
        .email("third@example.com")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(&err, CreateAccountError::ConstraintViolationException(e)
            if e.reason().map(|r| r.as_str()) == Some("ACCOUNT_NUMBER_LIMIT_EXCEEDED")),
        "{err:?}"
    );

    let root = root_id(&client).await;
    let create_ou = |name: &'static str| client.create_organizational_unit().parent_id(&root).name(name).send();
    create_ou("one").await.unwrap();
    let err = create_ou("two").await.unwrap_err().into_service_error();
    assert!(
        matches!(&err, CreateOrganizationalUnitError::ConstraintViolationException(e)
            if e.reason().map(|r| r.as_str()) == Some("OU_NUMBER_LIMIT_EXCEEDED")),
        "{err:?}"
    );
}

#[tokio::test]
async fn fixtures_are_held_to_the_service_model_like_requests() {
    let mock = MockOrganizations::new();
    let before = mock.snapshot();
    let long_name = "n".repeat(129);
    let cases = [
        (
            OrgFixture::new().policy(PolicyFixture::new(
                &long_name,
                PolicyType::ServiceControlPolicy,
                DENY_LEAVE,
            )),
            "MAX_LENGTH_EXCEEDED",
        ),
        (OrgFixture::new().ou(OuFixture::new("")), "MIN_LENGTH_EXCEEDED"),
        (
            OrgFixture::new().enable_policy_type(PolicyType::from("NOT_A_TYPE")),
            "INVALID_ENUM_POLICY_TYPE",
        ),
        (
            OrgFixture::new().account(AccountFixture::new("x").email("not-an-email")),
            "INVALID_PATTERN",
        ),
    ];
    for (fixture, reason) in cases {
        let err = mock.load_fixture(&fixture).unwrap_err();
        let FixtureError::Rejected(err) = err else {
            panic!("not AWS's error: {err}")
        };
        assert_eq!(err.code(), "InvalidInputException", "{err}");
        assert_eq!(err.reason(), Some(reason), "{err}");
        assert_eq!(mock.snapshot(), before, "a refused fixture changes nothing");
    }
}
