//! The typed harness through the real SDK client: operations named by the
//! client's methods, the operation's own errors and outputs as answers,
//! sequences, exact counts, typed recordings and expectations, and names in
//! JSON fixtures checked against AWS's.

use crate::support::raw::SERVICE_EXCEPTION;
use std::time::Duration;

use aws_organizations_mock::aws_sdk_organizations::error::{ErrorMetadata, ProvideErrorMetadata};
use aws_organizations_mock::aws_sdk_organizations::operation::create_account::CreateAccountError;
use aws_organizations_mock::aws_sdk_organizations::operation::describe_create_account_status::DescribeCreateAccountStatusOutput;
use aws_organizations_mock::aws_sdk_organizations::operation::list_roots::{ListRootsError, ListRootsOutput};
use aws_organizations_mock::aws_sdk_organizations::types::error::{
    ConstraintViolationException, FinalizingOrganizationException,
};
use aws_organizations_mock::aws_sdk_organizations::types::{
    ConstraintViolationExceptionReason, CreateAccountFailureReason, CreateAccountState, CreateAccountStatus,
    PolicyType, PolicyTypeStatus, PolicyTypeSummary, Root,
};
use aws_organizations_mock::aws_sdk_organizations::Client;
use aws_organizations_mock::{FixtureError, MockError, MockOrganizations, OrgFixture, PolicyFixture};

use crate::support;
use support::{create_organization, request_account};

async fn organization(mock: &MockOrganizations) -> Client {
    let client = mock.client();
    create_organization(&client).await;
    client
}

/// The message `verify` panics with.
fn verify_message(mock: &MockOrganizations) -> String {
    *std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| mock.verify()))
        .expect_err("verify should have failed")
        .downcast::<String>()
        .unwrap()
}

#[tokio::test]
async fn the_operations_own_error_built_with_the_sdk_builders_reaches_the_sdk() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    let before = mock.snapshot();
    mock.on(Client::create_account)
        .fail_with(CreateAccountError::ConstraintViolationException(
            ConstraintViolationException::builder()
                .message("too many accounts")
                .reason(ConstraintViolationExceptionReason::AccountNumberLimitExceeded)
                .build(),
        ))
        .then()
        .fail_with(CreateAccountError::FinalizingOrganizationException(
            FinalizingOrganizationException::builder().message("exists").build(),
        ));

    match request_account(&client, "a").await.unwrap_err().into_service_error() {
        CreateAccountError::ConstraintViolationException(e) => {
            assert_eq!(e.message(), Some("too many accounts"));
            assert_eq!(
                e.reason(),
                Some(&ConstraintViolationExceptionReason::AccountNumberLimitExceeded)
            );
        }
        other => panic!("expected ConstraintViolationException, got {other:?}"),
    }
    match request_account(&client, "a").await.unwrap_err().into_service_error() {
        CreateAccountError::FinalizingOrganizationException(e) => assert_eq!(e.message(), Some("exists")),
        other => panic!("expected FinalizingOrganizationException, got {other:?}"),
    }
    assert_eq!(mock.snapshot(), before, "injected errors change nothing");
    // The recorded answers decode into the same typed errors.
    let calls = mock.calls_to(Client::create_account);
    assert!(matches!(
        calls[0].output(),
        Err(CreateAccountError::ConstraintViolationException(e))
            if e.reason() == Some(&ConstraintViolationExceptionReason::AccountNumberLimitExceeded)
    ));
    assert!(matches!(
        calls[1].output(),
        Err(CreateAccountError::FinalizingOrganizationException(_))
    ));
    assert_eq!(calls[1].injected(), Some("FinalizingOrganizationException"));
    // Both steps are done: the model answers again.
    request_account(&client, "a").await.unwrap();
    // An error by its metadata: a code common to every AWS call, which the
    // SDK has no variant for (and retries: three attempts).
    mock.on(Client::create_account)
        .fail_with(CreateAccountError::generic(
            ErrorMetadata::builder()
                .code("ThrottlingException")
                .message("Rate exceeded")
                .build(),
        ))
        .times(3);
    let err = request_account(&client, "a").await.unwrap_err().into_service_error();
    assert_eq!(
        (err.code(), err.message()),
        (Some("ThrottlingException"), Some("Rate exceeded"))
    );
    // A code neither the model nor AWS's common errors have is refused where
    // it is written; raw HTTP sends any bytes on purpose.
    let refused = std::panic::catch_unwind(|| {
        mock.on(Client::create_account).fail_with(CreateAccountError::generic(
            ErrorMetadata::builder().code("SomeFutureException").build(),
        ))
    })
    .expect_err("an error CreateAccount cannot answer is refused")
    .downcast::<String>()
    .unwrap();
    assert!(
        refused.contains("CreateAccount cannot answer SomeFutureException: its model lists"),
        "{refused}"
    );
    mock.reset_rules();
    mock.on(Client::create_account).fail_with(MockError::http(
        400,
        r#"{"__type":"SomeFutureException","message":"not modeled yet"}"#,
    ));
    let err = request_account(&client, "a").await.unwrap_err().into_service_error();
    assert_eq!(
        (err.code(), err.message()),
        (Some("SomeFutureException"), Some("not modeled yet"))
    );
    request_account(&client, "a").await.unwrap();
    mock.verify();
}

#[tokio::test]
async fn a_typed_output_answers_instead_of_the_model() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    let status = request_account(&client, "a").await.unwrap();
    let request_id = status.id().unwrap().to_string();
    mock.on(Client::describe_create_account_status).respond_with(
        DescribeCreateAccountStatusOutput::builder()
            .create_account_status(
                CreateAccountStatus::builder()
                    .id(&request_id)
                    .state(CreateAccountState::Failed)
                    .failure_reason(CreateAccountFailureReason::EmailAlreadyExists)
                    .build(),
            )
            .build(),
    );
    let described = client
        .describe_create_account_status()
        .create_account_request_id(&request_id)
        .send()
        .await
        .unwrap();
    let status = described.create_account_status().unwrap();
    assert_eq!(status.state(), Some(&CreateAccountState::Failed));
    assert_eq!(
        status.failure_reason(),
        Some(&CreateAccountFailureReason::EmailAlreadyExists)
    );
    let call = &mock.calls_to(Client::describe_create_account_status)[0];
    assert_eq!(call.injected(), Some("response"));
    assert_eq!(
        call.output().unwrap().create_account_status(),
        described.create_account_status()
    );

    // A policy type that is still being enabled, from a closure over the typed input.
    mock.on(Client::list_roots).respond_with_fn(|input| {
        assert_eq!(input.max_results(), Some(5));
        ListRootsOutput::builder()
            .roots(
                Root::builder()
                    .id("r-abcd")
                    .policy_types(
                        PolicyTypeSummary::builder()
                            .r#type(PolicyType::TagPolicy)
                            .status(PolicyTypeStatus::PendingEnable)
                            .build(),
                    )
                    .build(),
            )
            .build()
    });
    let roots = client.list_roots().max_results(5).send().await.unwrap();
    assert_eq!(
        roots.roots()[0].policy_types()[0].status(),
        Some(&PolicyTypeStatus::PendingEnable)
    );
    // The rule answered once; the model answers the next call.
    let roots = client.list_roots().send().await.unwrap();
    assert!(roots.roots()[0].id().unwrap().starts_with("r-"));
    assert_ne!(roots.roots()[0].id(), Some("r-abcd"));
    mock.verify();
}

#[tokio::test]
async fn a_responder_that_panics_answers_service_exception_and_is_reported() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    mock.on(Client::list_roots)
        .respond_with_fn(|_| panic!("no roots today"))
        .always();
    let err = client.list_roots().send().await.unwrap_err();
    assert_eq!(err.into_service_error().meta().code(), Some(SERVICE_EXCEPTION));
    let message = verify_message(&mock);
    assert!(message.contains("no roots today"), "{message}");
    mock.reset_expectations();
    mock.reset_rules();
}

#[tokio::test(start_paused = true)]
async fn sequences_two_503s_then_the_models_answer() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    let earlier = mock.calls_to(Client::list_roots).len();
    mock.on(Client::list_roots)
        .fail_with(MockError::http(503, "Service Unavailable"))
        .times(2);
    // The SDK retries the two 503s; its third attempt gets the model's answer.
    let roots = client.list_roots().send().await.unwrap();
    assert_eq!(roots.roots().len(), 1);
    let calls = mock.calls_to(Client::list_roots).split_off(earlier);
    let statuses: Vec<u16> = calls.iter().map(|c| c.status()).collect();
    assert_eq!(statuses, [503, 503, 200]);
    // A raw 503 decodes as the error's unhandled variant.
    let err = calls[0].output().unwrap_err();
    assert_eq!(err.code(), None, "{err:?}");
    assert!(!matches!(err, ListRootsError::ServiceException(_)), "{err:?}");
    assert_eq!(calls[2].output().unwrap().roots(), roots.roots());

    // Steps: throttled, then a slow model answer, then an io failure, then the model.
    mock.on(Client::list_accounts)
        .fail_with(MockError::throttling())
        .then()
        .delay(Duration::from_secs(1))
        .then()
        .fail_with(MockError::io_error());
    client.list_accounts().send().await.unwrap(); // throttled, then delayed
    client.list_accounts().send().await.unwrap(); // io error, then the model
    let outcomes: Vec<String> = mock
        .calls_to(Client::list_accounts)
        .iter()
        .map(|c| c.outcome())
        .collect();
    assert_eq!(
        outcomes,
        [
            "400 TooManyRequestsException (injected)",
            "200",
            "io error (injected)",
            "200"
        ]
    );
    assert!(mock.calls_to(Client::list_accounts)[2].output().is_err());
    mock.verify();
}

#[tokio::test]
async fn a_rule_count_means_exactly_and_verify_checks_it() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    let rule = mock
        .on(Client::list_roots)
        .fail_with(MockError::access_denied())
        .times(2);
    mock.on(Client::list_accounts)
        .fail_with(MockError::access_denied())
        .any_number_of_times();
    client.list_roots().send().await.unwrap_err();
    assert_eq!(rule.applied(), 1);
    let message = verify_message(&mock);
    assert!(
        message.contains(
            "the rule on ListRoots (AccessDeniedException): expected to answer exactly 2 call(s), answered 1"
        ),
        "{message}"
    );
    assert!(
        !message.contains(crate::support::model::operation("ListAccounts")),
        "any_number_of_times() may answer none: {message}"
    );
    client.list_roots().send().await.unwrap_err();
    assert_eq!(rule.applied(), 2);
    mock.verify();
    // `after(n)` lets n matching calls through first; the count starts after them.
    mock.on(Client::describe_organization)
        .fail_with(MockError::concurrent_modification())
        .after(1);
    client.describe_organization().send().await.unwrap();
    let err = client.describe_organization().send().await.unwrap_err();
    assert_eq!(err.into_service_error().code(), Some("ConcurrentModificationException"));
    mock.verify();
    mock.reset_rules();
}

#[tokio::test]
async fn recorded_calls_are_typed_with_caller_input_and_output() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    request_account(&client, "ok").await.unwrap();
    mock.on(Client::create_account)
        .fail_with(MockError::constraint_violation(
            ConstraintViolationExceptionReason::AccountNumberLimitExceeded,
        ));
    request_account(&client, "refused").await.unwrap_err();
    mock.on(Client::create_account).fail_with(MockError::timeout()).always();
    request_account(&client, "timeout").await.unwrap_err();

    let calls = mock.calls_to(Client::create_account);
    assert_eq!(calls.len(), 5, "one call, one refusal, three attempts that timed out");
    assert!(calls.iter().all(|c| c.caller() == "111111111111"));
    assert_eq!(calls[0].input().account_name(), Some("ok"));
    let created = calls[0].output().unwrap();
    assert_eq!(created.create_account_status().unwrap().account_name(), Some("ok"));
    assert_eq!(calls[1].input().account_name(), Some("refused"));
    match calls[1].output() {
        Err(CreateAccountError::ConstraintViolationException(e)) => {
            assert_eq!(
                e.reason(),
                Some(&ConstraintViolationExceptionReason::AccountNumberLimitExceeded)
            )
        }
        other => panic!("expected ConstraintViolationException, got {other:?}"),
    }
    let timeout = calls[2].output().unwrap_err();
    assert_eq!(timeout.code(), None, "{timeout:?}");
    assert!(format!("{timeout:?}").contains("timeout (injected)"), "{timeout:?}");
    // The untyped view keeps every operation.
    let operations: Vec<String> = mock.calls().iter().map(|c| c.operation().to_string()).collect();
    assert_eq!(operations[0], "CreateOrganization");
    assert_eq!(operations.iter().filter(|op| *op == "CreateAccount").count(), 5);
    assert_eq!(
        operations.len(),
        5 + 2,
        "CreateOrganization and the ListRoots the helper made"
    );
    mock.reset_rules();
}

#[tokio::test]
async fn typed_expectations_count_matching_calls() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    mock.expect(Client::create_account)
        .when(|input| input.email().is_some_and(|e| e.ends_with("@example.com")))
        .times(2);
    mock.expect(Client::create_account)
        .when(|input| input.account_name() == Some("c"))
        .never();
    mock.expect(Client::list_roots).from_account("222222222222").never();
    mock.expect(Client::list_roots).at_least(1);
    mock.expect_any().when(|call| call.succeeded()).at_least(3);
    request_account(&client, "a").await.unwrap();
    request_account(&client, "b").await.unwrap();
    client.list_roots().send().await.unwrap();
    mock.verify();

    mock.expect(Client::close_account).times(1);
    let message = verify_message(&mock);
    assert!(
        message.contains("CloseAccount: expected exactly 1 call, received 0"),
        "{message}"
    );
    mock.reset_expectations();
}

#[tokio::test]
async fn rules_on_any_operation_see_the_untyped_request() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    mock.on_any()
        .when(|request| request.operation().as_str().starts_with("List"))
        .fail_with(MockError::service_exception())
        .always();
    let err = client.list_accounts().send().await.unwrap_err();
    assert_eq!(err.into_service_error().code(), Some(SERVICE_EXCEPTION));
    client.describe_organization().send().await.unwrap();
    mock.reset_rules();
}

#[test]
fn fixtures_name_policy_types_with_the_sdks_enum_and_json_names_are_checked() {
    let mock = MockOrganizations::new();
    let ids = mock
        .load_fixture(
            &OrgFixture::new()
                .enable_policy_type(PolicyType::TagPolicy)
                .policy(PolicyFixture::new("cost", PolicyType::TagPolicy, r#"{"tags":{}}"#)),
        )
        .unwrap();
    assert!(ids.policy("cost").starts_with("p-"));

    let err = OrgFixture::from_json(r#"{ "policy_types": ["TAG_POLCY"] }"#).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("'TAG_POLCY' is not a policy type; the closest are TAG_POLICY"),
        "{message}"
    );
    let err = OrgFixture::from_json(r#"{ "policies": [ { "name": "p", "type": "BACKUP", "content": "{}" } ] }"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("BACKUP_POLICY"), "{err}");
    // A Rust fixture with an unknown type is refused by load_fixture, with the same message.
    let err = MockOrganizations::new()
        .load_fixture(&OrgFixture::new().enable_policy_type(PolicyType::from("SERVICE_CONTROL")))
        .unwrap_err();
    let FixtureError::Rejected(err) = err else {
        panic!("not AWS's error: {err}")
    };
    assert_eq!(err.reason(), Some("INVALID_ENUM_POLICY_TYPE"));
    assert!(
        err.message().contains("the closest are SERVICE_CONTROL_POLICY"),
        "{err}"
    );
}

#[tokio::test]
#[should_panic(
    expected = "the rule on ListRoots (TooManyRequestsException): expected to answer exactly 3 call(s), answered 0"
)]
async fn dropping_the_last_handle_with_a_rule_that_never_fired_panics() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    // The code under test never lists roots: the test must not go green.
    mock.on(Client::list_roots).fail_with(MockError::throttling()).times(3);
    client.describe_organization().send().await.unwrap();
}
