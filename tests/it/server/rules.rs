//! The harness over the wire (issue 27): fault rules, their verification
//! and the clock through `/_mock/rules`, `/_mock/verify` and `/_mock/clock`,
//! with the Rust SDK calling through a real socket, as a boto3 or JavaScript
//! suite would.
#![cfg(feature = "server")]

use std::time::Duration;

use aws_organizations_mock::aws_sdk_organizations::config::retry::RetryConfig;
use aws_organizations_mock::aws_sdk_organizations::config::timeout::TimeoutConfig;
use aws_organizations_mock::aws_sdk_organizations::config::{BehaviorVersion, Credentials, Region};
use aws_organizations_mock::aws_sdk_organizations::error::ProvideErrorMetadata;
use aws_organizations_mock::aws_sdk_organizations::types::{
    ConstraintViolationExceptionReason, CreateAccountFailureReason, CreateAccountState,
};
use aws_organizations_mock::aws_sdk_organizations::{Client, Config};
use aws_organizations_mock::{CreateAccountCompletion, MockOrganizations, ServerHandle};
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use serde_json::{json, Value};

use crate::server::http::{bounded, raw, RealHttp};
use crate::support::{create_account_status, new_account, request_account};

/// An SDK client of the server calling as `access_key_id`, without retries
/// (each call is one request, so a rule's count is the calls' count).
fn client(server: &ServerHandle, access_key_id: &str) -> Client {
    client_with(server, access_key_id, bounded())
}

fn client_with(server: &ServerHandle, access_key_id: &str, timeouts: TimeoutConfig) -> Client {
    Client::from_conf(
        Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::from_static("us-east-1"))
            .endpoint_url(server.endpoint_url())
            .credentials_provider(Credentials::new(access_key_id, "secret", None, None, "test"))
            .http_client(SharedHttpClient::new(RealHttp::new()))
            .retry_config(RetryConfig::disabled())
            .timeout_config(timeouts)
            .build(),
    )
}

/// A control request: status and JSON body.
async fn control(server: &ServerHandle, method: &str, path: &str, body: &str) -> (u16, Value) {
    control_with(server, method, path, &[], body).await
}

async fn control_with(
    server: &ServerHandle,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, Value) {
    let (status, _, json) = raw(server, method, path, headers, body).await;
    (status, json)
}

/// Posts `rule`, expecting `201`; returns its id.
async fn add_rule(server: &ServerHandle, rule: Value) -> u64 {
    let (status, body) = control(server, "POST", "/_mock/rules", &rule.to_string()).await;
    assert_eq!(status, 201, "{rule} was refused: {body}");
    body["id"].as_u64().unwrap()
}

async fn rules(server: &ServerHandle) -> Vec<Value> {
    let (status, body) = control(server, "GET", "/_mock/rules", "").await;
    assert_eq!(status, 200, "{body}");
    body["rules"].as_array().unwrap().clone()
}

async fn verify(server: &ServerHandle) -> (u16, Value) {
    control(server, "GET", "/_mock/verify", "").await
}

/// A mock with an organization, served; the management account's client.
async fn served(mock: &MockOrganizations) -> (ServerHandle, Client) {
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let management = client(&server, "111111111111");
    management.create_organization().send().await.unwrap();
    (server, management)
}

#[tokio::test]
async fn a_one_time_constraint_violation_with_its_reason_on_create_account() {
    let mock = MockOrganizations::new();
    let (server, management) = served(&mock).await;
    let id = add_rule(
        &server,
        json!({
            "operation": "CreateAccount",
            "fail_with": {"error": "ConstraintViolationException", "reason": "ACCOUNT_NUMBER_LIMIT_EXCEEDED", "message": "full"}
        }),
    )
    .await;

    let err = request_account(&management, "first")
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_constraint_violation_exception(), "{err:?}");
    let violation = match err {
        aws_organizations_mock::aws_sdk_organizations::operation::create_account::CreateAccountError::ConstraintViolationException(v) => v,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        violation.reason(),
        Some(&ConstraintViolationExceptionReason::AccountNumberLimitExceeded)
    );
    assert_eq!(violation.message(), Some("full"));
    // Once: the next call reaches the model.
    request_account(&management, "second").await.unwrap();

    let listed = rules(&server).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], json!(id));
    assert_eq!(listed[0]["operation"], "CreateAccount");
    assert_eq!(listed[0]["applied"], 1);
    assert_eq!(
        listed[0]["rule"]["fail_with"]["reason"],
        "ACCOUNT_NUMBER_LIMIT_EXCEEDED"
    );
    assert_eq!(verify(&server).await, (200, json!({"met": true})));
    // The world never saw the refused call: one account beside the management one.
    assert_eq!(mock.client().list_accounts().send().await.unwrap().accounts().len(), 2);
}

#[tokio::test]
async fn a_throttle_for_one_account_only() {
    let mock = MockOrganizations::new();
    let (server, management) = served(&mock).await;
    let member_id = new_account(&management, "member").await;
    let member = client(&server, &member_id);
    add_rule(
        &server,
        json!({
            "operation": "DescribeOrganization",
            "from_account": member_id,
            "fail_with": {"error": "TooManyRequestsException"},
            "times": "always"
        }),
    )
    .await;
    for _ in 0..2 {
        let err = member.describe_organization().send().await.unwrap_err();
        assert_eq!(err.code(), Some("TooManyRequestsException"));
        management.describe_organization().send().await.unwrap();
    }
    assert_eq!(rules(&server).await[0]["applied"], 2);
    assert_eq!(verify(&server).await.0, 200);
}

#[tokio::test]
async fn a_when_match_selects_calls_by_their_input() {
    let mock = MockOrganizations::new();
    let (server, management) = served(&mock).await;
    add_rule(
        &server,
        json!({
            "operation": "CreateAccount",
            "when": {"AccountName": "full", "Tags": [{"Key": "team", "Value": "a"}]},
            "fail_with": {"error": "ConstraintViolationException", "reason": "ACCOUNT_NUMBER_LIMIT_EXCEEDED"},
            "times": "always"
        }),
    )
    .await;
    let tag = crate::support::tag("team", "a");
    let create = |name: &str, tagged: bool| {
        let mut call = management
            .create_account()
            .account_name(name)
            .email(format!("{name}{tagged}@example.com"));
        if tagged {
            call = call.tags(tag.clone());
        }
        call.send()
    };
    create("other", true).await.unwrap();
    create("full", false).await.unwrap();
    let err = create("full", true).await.unwrap_err();
    assert_eq!(err.code(), Some("ConstraintViolationException"));
    assert_eq!(rules(&server).await[0]["applied"], 1);
}

#[tokio::test]
async fn after_lets_calls_through_and_always_answers_every_one_after() {
    let mock = MockOrganizations::new();
    let (server, management) = served(&mock).await;
    add_rule(
        &server,
        json!({"operation": "ListRoots", "after": 2, "fail_with": {"http_status": 503, "body": "Service Unavailable"}, "times": "always"}),
    )
    .await;
    management.list_roots().send().await.unwrap();
    management.list_roots().send().await.unwrap();
    for _ in 0..3 {
        let err = management.list_roots().send().await.unwrap_err();
        let raw = err.raw_response().map(|r| r.status().as_u16());
        assert_eq!(raw, Some(503), "{err:?}");
    }
    assert_eq!(rules(&server).await[0]["applied"], 3);
    assert_eq!(verify(&server).await.0, 200);
}

#[tokio::test]
async fn a_delay_trips_the_clients_timeout() {
    let mock = MockOrganizations::new();
    let (server, _) = served(&mock).await;
    add_rule(&server, json!({"operation": "DescribeOrganization", "delay_ms": 3000})).await;
    let impatient = client_with(
        &server,
        "111111111111",
        TimeoutConfig::builder()
            .operation_attempt_timeout(Duration::from_millis(200))
            .build(),
    );
    let err = impatient.describe_organization().send().await.unwrap_err();
    assert!(
        matches!(err, aws_smithy_runtime_api::client::result::SdkError::TimeoutError(_)),
        "{err:?}"
    );
    assert_eq!(rules(&server).await[0]["applied"], 1);
}

#[tokio::test]
async fn a_timeout_fault_and_a_respond_with_reach_the_client() {
    let mock = MockOrganizations::new();
    let (server, management) = served(&mock).await;
    let request = request_account(&management, "pending").await.unwrap();
    let request = request.id().unwrap();
    add_rule(
        &server,
        json!({
            "operation": "DescribeCreateAccountStatus",
            "respond_with": {"CreateAccountStatus": {
                "Id": request, "AccountName": "pending", "State": "FAILED", "FailureReason": "EMAIL_ALREADY_EXISTS"
            }}
        }),
    )
    .await;
    let status = create_account_status(&management, request).await;
    assert_eq!(status.state(), Some(&CreateAccountState::Failed));
    assert_eq!(
        status.failure_reason(),
        Some(&CreateAccountFailureReason::EmailAlreadyExists)
    );
    // Once: then the model answers.
    let status = create_account_status(&management, request).await;
    assert_eq!(status.state(), Some(&CreateAccountState::Succeeded));

    add_rule(
        &server,
        json!({"operation": "ListRoots", "fail_with": {"timeout": true}}),
    )
    .await;
    let err = management.list_roots().send().await.unwrap_err();
    assert!(
        err.raw_response().is_some_and(|r| r.status().as_u16() == 504),
        "{err:?}"
    );
    assert_eq!(verify(&server).await.0, 200);
}

#[tokio::test]
async fn every_bad_rule_is_refused_with_what_to_fix_and_nothing_changes() {
    let mock = MockOrganizations::new();
    let (server, _) = served(&mock).await;
    add_rule(
        &server,
        json!({"operation": "ListRoots", "delay_ms": 1, "times": "any_number_of_times"}),
    )
    .await;
    let before = rules(&server).await;
    let cases: &[(&str, &str)] = &[
        (
            r#"{"operation": "CreateAcount", "fail_with": {"error": "TooManyRequestsException"}}"#,
            "did you mean CreateAccount?",
        ),
        (
            r#"{"operation": "DescribeOrganization", "fail_with": {"error": "DuplicateAccountException"}}"#,
            "DescribeOrganization cannot answer DuplicateAccountException: its model lists AWSOrganizationsNotInUseException",
        ),
        (
            r#"{"operation": "CreateAccount", "fail_with": {"error": "ConstraintViolationException", "reason": "ACCOUNT_NUMBER_LIMIT"}}"#,
            "'ACCOUNT_NUMBER_LIMIT' is not a reason of ConstraintViolationException; did you mean ACCOUNT_NUMBER_LIMIT_EXCEEDED? Its reasons are ACCOUNT_CANNOT_LEAVE_ORGANIZATION, ",
        ),
        (
            r#"{"operation": "CreateAccount", "fail_with": {"error": "ConstraintViolationException"}}"#,
            "ConstraintViolationException needs a reason",
        ),
        (
            r#"{"operation": "CreateAccount", "respond_with": {"CreateAccountStatus": {"Status": "FAILED"}}}"#,
            "respond_with does not fit CreateAccount's output shape: it has no member CreateAccountStatus.Status",
        ),
        (
            r#"{"operation": "CreateAccount", "respond_with": {"CreateAccountStatus": "FAILED"}}"#,
            "respond_with does not fit CreateAccount's output shape",
        ),
        (
            r#"{"operation": "AssumeRole", "respond_with": {}}"#,
            "respond_with is for Organizations operations",
        ),
        (
            r#"{"operation": "CreateAccount", "delay_ms": 5, "time": 2}"#,
            "unknown field 'time' in a rule; did you mean times?",
        ),
        (
            r#"{"operation": "CreateAccount", "fail_with": {"error": "TooManyRequestsException", "code": 1}}"#,
            "unknown field 'code' in fail_with",
        ),
        (r#"{"operation": 7, "delay_ms": 5}"#, "operation must be a string"),
        (r#"{"operation": "CreateAccount", "delay_ms": "5"}"#, "delay_ms must be a whole number"),
        (
            r#"{"operation": "CreateAccount", "delay_ms": 5, "when": {"AccountName": 3}}"#,
            "when.AccountName must be a string (CreateAccountName), not a number",
        ),
        (
            r#"{"operation": "CreateAccount", "delay_ms": 5, "when": {"Name": "x"}}"#,
            "when has no member 'Name' in the input shape CreateAccountRequest",
        ),
        (r#"{"operation": "CreateAccount", "delay_ms": 5"#, "the body is not JSON"),
        (r#"not json"#, "the body is not JSON"),
        (r#"[1]"#, "the body must be one rule as a JSON object"),
        (r#"{"operation": "CreateAccount", "delay_ms": 5, "times": 0}"#, "times 0"),
        (
            r#"{"operation": "AssumeRole", "delay_ms": 5, "when": {"RoleArn": {"Arn": "x"}}}"#,
            "when.RoleArn must be a string, number or boolean for AssumeRole",
        ),
        (
            r#"{"operation": "ListAccounts", "delay_ms": 5, "when": {"MaxResults": 2.5}}"#,
            "when.MaxResults must be a whole number",
        ),
        (
            r#"{"operation": "DescribeOrganization", "delay_ms": 5, "when": {"Id": "o-1"}}"#,
            "DescribeOrganization takes no input, so when must be empty",
        ),
        (
            r#"{"operation": "ListRoots", "respond_with": {"Roots": [{"Id": "r-abcd", "Bogus": 1}]}}"#,
            "it has no member Roots[0].Bogus",
        ),
        (
            r#"{"operation": "CreateAccount", "delay_ms": 5, "times": "forever"}"#,
            "times must be a count of 1 or more, \"always\" or \"any_number_of_times\", not \"forever\"",
        ),
        (
            r#"{"operation": "CreateAccount", "delay_ms": 5, "probability": 1.5}"#,
            "probability must be a number from 0 to 1, not 1.5",
        ),
        (
            r#"{"operation": "CreateAccount", "delay_ms": 5, "probability": -0.1}"#,
            "probability must be a number from 0 to 1",
        ),
        (r#"{"operation": "CreateAccount"}"#, "the rule has no outcome"),
        (r#"{"operation": "CreateAccount", "times": "always"}"#, "the rule has no outcome"),
        (
            r#"{"operation": "CreateAccount", "fail_with": {"timeout": true}, "respond_with": {}}"#,
            "at most one outcome",
        ),
        (
            r#"{"operation": "CreateAccount", "fail_with": {"http_status": 700}}"#,
            "http_status must be an HTTP status from 100 to 599",
        ),
        (r#"{"operation": "CreateAccount", "from_account": "123", "delay_ms": 1}"#, "from_account must be"),
        (r#"{"operation": "AssumeRole", "fail_with": {"error": "TooManyRequestsException"}}"#, "AssumeRole cannot answer TooManyRequestsException"),
    ];
    for (body, expected) in cases {
        let (status, answer) = control(&server, "POST", "/_mock/rules", body).await;
        assert_eq!(status, 400, "{body} was not refused: {answer}");
        let message = answer["message"].as_str().unwrap_or_default();
        assert!(message.contains(expected), "{body}: {message}");
        assert!(message.ends_with("nothing changed"), "{body}: {message}");
        assert_eq!(rules(&server).await, before, "{body} changed the rule set");
    }
}

#[tokio::test]
async fn verify_answers_409_with_each_unmet_rule_and_why() {
    let mock = MockOrganizations::new();
    let (server, management) = served(&mock).await;
    // Never matched: no DeleteOrganization call comes.
    let never = add_rule(
        &server,
        json!({"operation": "DeleteOrganization", "fail_with": {"error": "TooManyRequestsException"}, "probability": 0.25}),
    )
    .await;
    // Fewer times: asked for 3, one call comes.
    let fewer = add_rule(&server, json!({"operation": "ListRoots", "delay_ms": 1, "times": 3})).await;
    // Shadowed: an earlier `always` rule answers every DescribeOrganization.
    add_rule(
        &server,
        json!({"operation": "DescribeOrganization", "delay_ms": 1, "times": "always"}),
    )
    .await;
    let shadowed = add_rule(
        &server,
        json!({"operation": "DescribeOrganization", "fail_with": {"error": "TooManyRequestsException"}}),
    )
    .await;
    management.list_roots().send().await.unwrap();
    management.describe_organization().send().await.unwrap();

    let (status, body) = verify(&server).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["met"], false);
    let unmet = body["unmet"].as_array().unwrap();
    let why: Vec<(u64, &str)> = unmet
        .iter()
        .map(|u| (u["id"].as_u64().unwrap(), u["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        why,
        [(never, "never_matched"), (fewer, "fewer_times"), (shadowed, "shadowed")]
    );
    let message = unmet[2]["message"].as_str().unwrap();
    assert!(
        message.contains("an earlier rule answered them first (the rule on DescribeOrganization posted as rule"),
        "{message}"
    );
    assert!(unmet[0]["message"]
        .as_str()
        .unwrap()
        .contains("no DeleteOrganization call was received"));
    assert!(
        unmet[0]["message"]
            .as_str()
            .unwrap()
            .contains("filters: probability 0.25"),
        "{}",
        unmet[0]["message"]
    );
    assert!(unmet[1]["message"]
        .as_str()
        .unwrap()
        .contains("(the model's answer, delayed): expected to answer exactly 3 call(s), answered 1"));
    assert!(
        unmet[1]["message"]
            .as_str()
            .unwrap()
            .ends_with("let through by after(0)"),
        "no call was declined by a probability: {}",
        unmet[1]["message"]
    );

    // Removing the unmet rules one by one, then all, meets verification.
    for id in [never, fewer, shadowed] {
        assert_eq!(
            control(&server, "DELETE", &format!("/_mock/rules/{id}"), "").await,
            (200, json!({"deleted": id}))
        );
    }
    assert_eq!(verify(&server).await.0, 200);
    let (status, body) = control(&server, "DELETE", &format!("/_mock/rules/{never}"), "").await;
    assert_eq!(status, 404, "{body}");
    let (status, body) = control(&server, "DELETE", "/_mock/rules/first", "").await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        control(&server, "DELETE", "/_mock/rules", "").await,
        (200, json!({"deleted": 1}))
    );
    assert!(rules(&server).await.is_empty());
}

#[tokio::test]
async fn a_clock_advance_completes_an_account_creation() {
    let mock = MockOrganizations::builder()
        .create_account_completion(CreateAccountCompletion::After(Duration::from_secs(300)))
        .build();
    let (server, management) = served(&mock).await;
    let (status, before) = control(&server, "GET", "/_mock/clock", "").await;
    assert_eq!(status, 200);
    assert_eq!(before["now"], "2025-01-01T00:00:00Z");

    let request = request_account(&management, "later").await.unwrap();
    let request = request.id().unwrap();
    assert_eq!(
        create_account_status(&management, request).await.state(),
        Some(&CreateAccountState::InProgress)
    );
    let (status, after) = control(&server, "POST", "/_mock/clock", r#"{"advance_seconds": 300}"#).await;
    assert_eq!(status, 200, "{after}");
    assert_eq!(after["now"], "2025-01-01T00:05:00Z");
    assert_eq!(
        after["epoch_seconds"].as_f64(),
        Some(before["epoch_seconds"].as_f64().unwrap() + 300.0)
    );
    let status = create_account_status(&management, request).await;
    assert_eq!(status.state(), Some(&CreateAccountState::Succeeded));
    assert!(status.account_id().is_some());

    for bad in [
        r#"{"advance_seconds": -1}"#,
        // More than 100 years (3,153,600,000 s) in one request.
        r#"{"advance_seconds": 3153600001}"#,
        r#"{"advance": 5}"#,
        r#"{"advance_seconds": "5"}"#,
        "5",
        "",
    ] {
        let (status, body) = control(&server, "POST", "/_mock/clock", bad).await;
        assert_eq!(status, 400, "{bad}: {body}");
    }
    assert_eq!(control(&server, "GET", "/_mock/clock", "").await.1, after);
    // Exactly 100 years is one request's most.
    let (status, later) = control(&server, "POST", "/_mock/clock", r#"{"advance_seconds": 3153600000}"#).await;
    assert_eq!(status, 200, "{later}");
    assert_eq!(later["now"], "2124-12-08T00:05:00Z");
}

#[tokio::test]
async fn a_probability_draws_from_the_mocks_seed_so_a_run_repeats() {
    async fn outcomes(seed: u64) -> Vec<bool> {
        let mock = MockOrganizations::builder().seed(seed).build();
        let (server, management) = served(&mock).await;
        add_rule(
            &server,
            json!({"operation": "ListRoots", "fail_with": {"error": "TooManyRequestsException"}, "times": "always", "probability": 0.5}),
        )
        .await;
        let mut outcomes = Vec::new();
        for _ in 0..24 {
            outcomes.push(management.list_roots().send().await.is_ok());
        }
        let (status, body) = verify(&server).await;
        assert_eq!(status, 200, "{body}");
        outcomes
    }
    let first = outcomes(7).await;
    assert_eq!(first, outcomes(7).await, "the same seed draws the same");
    assert!(first.contains(&true) && first.contains(&false), "{first:?}");
    // The draws are a function of the seed and the rule's id alone, the same
    // in every version: a run recorded with seed 7 replays.
    let drawn: String = first.iter().map(|ok| if *ok { '.' } else { 'T' }).collect();
    assert_eq!(drawn, "..TTTT.TTT.TT.TTTT.....T");
}

#[tokio::test]
async fn the_new_endpoints_keep_the_servers_guards() {
    let mock = MockOrganizations::new();
    let (server, _) = served(&mock).await;
    let rule = r#"{"operation": "ListRoots", "delay_ms": 1}"#;
    for headers in [
        &[("origin", "https://evil.example")][..],
        &[("sec-fetch-site", "cross-site")],
        &[("host", "evil.example")],
    ] {
        for (method, path, body) in [
            ("POST", "/_mock/rules", rule),
            ("GET", "/_mock/rules", ""),
            ("DELETE", "/_mock/rules", ""),
            ("GET", "/_mock/verify", ""),
            ("POST", "/_mock/clock", r#"{"advance_seconds": 60}"#),
        ] {
            let (status, body) = control_with(&server, method, path, headers, body).await;
            assert_eq!(status, 403, "{method} {path} {headers:?}: {body}");
        }
    }
    assert!(rules(&server).await.is_empty());
    assert_eq!(
        control(&server, "GET", "/_mock/clock", "").await.1["now"],
        "2025-01-01T00:00:00Z"
    );
    for (method, path) in [
        ("PUT", "/_mock/rules"),
        ("POST", "/_mock/verify"),
        ("DELETE", "/_mock/clock"),
        ("GET", "/_mock/rules/1"),
    ] {
        let (status, body) = control(&server, method, path, "").await;
        assert_eq!(status, 405, "{method} {path}: {body}");
        assert!(
            body["message"].as_str().unwrap().contains("POST /_mock/rules"),
            "{body}"
        );
    }
    let too_big = format!(
        r#"{{"operation": "ListRoots", "delay_ms": 1, "when": {{"x": "{}"}}}}"#,
        "a".repeat(9 << 20)
    );
    let (status, body) = control(&server, "POST", "/_mock/rules", &too_big).await;
    assert_eq!(status, 400, "{body}");
    assert!(rules(&server).await.is_empty());
}

#[tokio::test]
async fn rules_written_in_rust_and_over_the_wire_share_one_order() {
    let mock = MockOrganizations::new();
    let (server, management) = served(&mock).await;
    mock.on(Client::list_roots)
        .fail_with(aws_organizations_mock::MockError::throttling())
        .times(1);
    add_rule(
        &server,
        json!({"operation": "ListRoots", "fail_with": {"error": "ServiceException"}}),
    )
    .await;
    assert_eq!(
        management.list_roots().send().await.unwrap_err().code(),
        Some("TooManyRequestsException")
    );
    assert_eq!(
        management.list_roots().send().await.unwrap_err().code(),
        Some("ServiceException")
    );
    management.list_roots().send().await.unwrap();
    let listed = rules(&server).await;
    assert_eq!(listed[0]["id"], Value::Null);
    assert!(listed[0]["written"]
        .as_str()
        .unwrap()
        .starts_with("written at tests/it/server/rules.rs"));
    assert_eq!(listed[1]["written"], "posted as rule 1 to /_mock/rules");
    assert_eq!(verify(&server).await.0, 200);
    mock.verify();
}

/// A rule at probability 0 lets every call through to the model and says so
/// when it is verified: its calls were declined by its probability.
#[tokio::test]
async fn a_probability_of_zero_answers_no_call_and_verify_counts_the_declined() {
    let mock = MockOrganizations::new();
    let (server, management) = served(&mock).await;
    let id = add_rule(
        &server,
        json!({"operation": "ListRoots", "fail_with": {"error": "TooManyRequestsException"}, "probability": 0.0}),
    )
    .await;
    for _ in 0..3 {
        management.list_roots().send().await.unwrap();
    }
    let (status, body) = verify(&server).await;
    assert_eq!(status, 409, "{body}");
    let unmet = &body["unmet"][0];
    assert_eq!(
        (unmet["id"].as_u64(), unmet["reason"].as_str()),
        (Some(id), Some("fewer_times"))
    );
    let message = unmet["message"].as_str().unwrap();
    assert!(
        message.contains("3 matching call(s) were received after it was written, 0 of them let through by after(0), 3 by its probability"),
        "{message}"
    );
    assert_eq!(
        control(&server, "DELETE", &format!("/_mock/rules/{id}"), "").await.0,
        200
    );
    assert_eq!(verify(&server).await.0, 200);
}

/// A `respond_with` may give a member as `null` (as a JSON writer may): it
/// is left out of the answer, not refused as a member the output lacks.
#[tokio::test]
async fn a_null_member_of_respond_with_is_left_out() {
    let mock = MockOrganizations::new();
    let (server, management) = served(&mock).await;
    add_rule(
        &server,
        json!({"operation": "ListRoots", "respond_with": {"Roots": [], "NextToken": null}}),
    )
    .await;
    let roots = management.list_roots().send().await.unwrap();
    assert!(roots.roots().is_empty() && roots.next_token().is_none(), "{roots:?}");
    assert_eq!(verify(&server).await.0, 200);
}

/// A `when` compares: an integer member may be matched against any whole
/// number, a negative one included (the model's range is for requests).
#[tokio::test]
async fn a_when_may_name_any_whole_number() {
    let mock = MockOrganizations::new();
    let (server, _management) = served(&mock).await;
    for n in [-1, 5] {
        let id = add_rule(
            &server,
            json!({"operation": "ListAccounts", "delay_ms": 1, "times": "any_number_of_times", "when": {"MaxResults": n}}),
        )
        .await;
        assert_eq!(
            control(&server, "DELETE", &format!("/_mock/rules/{id}"), "").await.0,
            200
        );
    }
}

/// An empty `when` fits every operation, one without input included.
#[tokio::test]
async fn an_empty_when_fits_an_operation_without_input() {
    let mock = MockOrganizations::new();
    let (server, management) = served(&mock).await;
    add_rule(
        &server,
        json!({"operation": "DescribeOrganization", "fail_with": {"error": "TooManyRequestsException"}, "when": {}}),
    )
    .await;
    let err = management.describe_organization().send().await.unwrap_err();
    assert_eq!(err.code(), Some("TooManyRequestsException"));
    assert_eq!(verify(&server).await.0, 200);
}
