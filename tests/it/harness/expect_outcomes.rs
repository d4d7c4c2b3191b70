//! Expectations on what calls got, through the real SDK client:
//! `.succeeded()`, `.failed()`, the typed `.succeeded_with(|output| …)` and
//! `.failed_with(|error| …)`, and the typed operations of untyped selectors
//! (`Operation`, `call.is(Client::…)`). Every filter is also shown failing
//! `verify` with a message that names it.

use aws_organizations_mock::aws_sdk_organizations::operation::create_account::CreateAccountError;
use aws_organizations_mock::aws_sdk_organizations::operation::describe_account::DescribeAccountError;
use aws_organizations_mock::aws_sdk_organizations::types::error::ConstraintViolationException;
use aws_organizations_mock::aws_sdk_organizations::types::OrganizationFeatureSet;
use aws_organizations_mock::aws_sdk_organizations::Client;
use aws_organizations_mock::{MockError, MockOrganizations, Operation, StsAction};

use crate::support;
use support::{create_organization, request_account, root_id, tag};

/// An account id no world of these tests has.
const NO_SUCH_ACCOUNT: &str = "123456789012";

/// Asserts that `verify` panics with a message containing `expected`, and
/// returns the message; the expectations are then removed, so that dropping
/// the mock does not panic again.
fn assert_verify_fails_with(mock: &MockOrganizations, expected: &str) -> String {
    let message = *std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| mock.verify()))
        .expect_err("verify should have failed")
        .downcast::<String>()
        .unwrap();
    mock.reset_expectations();
    assert!(message.contains(expected), "expected {expected:?} in:\n{message}");
    message
}

async fn organization(mock: &MockOrganizations) -> (Client, String) {
    let client = mock.client();
    create_organization(&client).await;
    let root = root_id(&client).await;
    (client, root)
}

async fn tag_resource(client: &Client, resource: &str) -> bool {
    client
        .tag_resource()
        .resource_id(resource)
        .tags(tag("team", "platform"))
        .send()
        .await
        .is_ok()
}

/// `DescribeAccount` of an account that does not exist: its error.
async fn describe_missing_account(client: &Client) -> DescribeAccountError {
    client
        .describe_account()
        .account_id(NO_SUCH_ACCOUNT)
        .send()
        .await
        .unwrap_err()
        .into_service_error()
}

/// A constraint violation as `CreateAccount` answers it.
fn constraint_violation() -> CreateAccountError {
    CreateAccountError::ConstraintViolationException(
        ConstraintViolationException::builder()
            .message("too many accounts")
            .build(),
    )
}

#[tokio::test]
async fn succeeded_and_failed_count_only_the_calls_that_ended_so() {
    let mock = MockOrganizations::new();
    let (client, root) = organization(&mock).await;
    mock.expect(Client::tag_resource).succeeded().times(1);
    mock.expect(Client::tag_resource).failed().times(2);
    mock.expect(Client::tag_resource).times(3);
    mock.on(Client::tag_resource)
        .fail_with(MockError::access_denied())
        .times(1);

    assert!(!tag_resource(&client, &root).await, "the rule answers the first call");
    assert!(tag_resource(&client, &root).await);
    assert!(!tag_resource(&client, NO_SUCH_ACCOUNT).await, "no such account");
    mock.verify();
}

#[tokio::test]
async fn expecting_a_success_when_the_calls_failed_fails_verify_naming_the_filter_and_the_failures() {
    let mock = MockOrganizations::new();
    let (client, root) = organization(&mock).await;
    mock.expect(Client::tag_resource).succeeded().times(1);
    mock.on(Client::tag_resource)
        .fail_with(MockError::access_denied())
        .times(1);

    assert!(!tag_resource(&client, &root).await);
    assert!(!tag_resource(&client, NO_SUCH_ACCOUNT).await);
    assert_verify_fails_with(
        &mock,
        "TagResource that succeeded: expected exactly 1 call, received 0 \
             (2 calls failed: 400 AccessDeniedException (injected), 400 TargetNotFoundException)",
    );
}

#[tokio::test]
async fn expecting_a_failure_when_the_call_succeeded_fails_verify() {
    let mock = MockOrganizations::new();
    let (client, root) = organization(&mock).await;
    mock.expect(Client::tag_resource).failed().at_least(1);
    assert!(tag_resource(&client, &root).await);
    assert_verify_fails_with(
        &mock,
        "TagResource that failed: expected at least 1 call, received 0 (1 call succeeded: 200)",
    );
}

#[tokio::test]
async fn never_with_an_outcome_fails_on_the_first_such_call() {
    let mock = MockOrganizations::new();
    let (client, root) = organization(&mock).await;
    mock.expect(Client::tag_resource).failed().never();
    assert!(tag_resource(&client, &root).await);
    mock.verify();
    assert!(!tag_resource(&client, NO_SUCH_ACCOUNT).await);
    assert_verify_fails_with(&mock, "TagResource that failed: expected no calls, received 1");
}

#[tokio::test]
async fn failed_with_sees_the_operations_own_error_and_a_wrong_error_fails_verify() {
    let mock = MockOrganizations::new();
    let (client, _) = organization(&mock).await;
    mock.expect(Client::create_account)
        .failed_with(|e| e.is_constraint_violation_exception())
        .times(1);
    mock.expect(Client::create_account)
        .failed_with(|e| e.is_too_many_requests_exception())
        .never();
    mock.expect(Client::create_account).succeeded().times(1);
    // The mistake: an error the call did not get.
    mock.expect(Client::create_account)
        .failed_with(|e| e.is_finalizing_organization_exception())
        .times(1);
    mock.on(Client::create_account)
        .fail_with(constraint_violation())
        .times(1);

    request_account(&client, "audit").await.unwrap_err();
    request_account(&client, "audit").await.unwrap();
    let message = assert_verify_fails_with(
        &mock,
        "CreateAccount that failed with an error matching its `failed_with`: expected exactly 1 call, \
             received 0 (2 calls did not fail with a matching error: \
             400 ConstraintViolationException (injected), 200)",
    );
    assert!(message.contains("1 verification(s) failed"), "{message}");
}

#[tokio::test]
async fn failed_with_sees_the_models_own_errors_and_transport_failures() {
    let mock = MockOrganizations::new();
    let (client, _) = organization(&mock).await;
    // The model's own answer: the account does not exist.
    mock.expect(Client::describe_account)
        .failed_with(|e| e.is_account_not_found_exception())
        .times(1);
    // A transport failure is the error's unhandled variant: no code. The
    // SDK retries it, and every attempt is a call.
    mock.expect(Client::list_accounts)
        .failed_with(|e| e.meta().code().is_none())
        .at_least(1);
    mock.expect(Client::list_accounts)
        .failed_with(|e| e.meta().code().is_some())
        .never();
    mock.expect(Client::list_accounts).succeeded().never();
    mock.on(Client::list_accounts).fail_with(MockError::timeout()).always();

    assert!(describe_missing_account(&client).await.is_account_not_found_exception());
    client.list_accounts().send().await.unwrap_err();
    mock.verify();
}

#[tokio::test]
async fn succeeded_with_sees_the_output_as_the_sdk_decoded_it() {
    let mock = MockOrganizations::new();
    mock.expect(Client::create_organization)
        .succeeded_with(|output| {
            output.organization().and_then(|o| o.feature_set()) == Some(&OrganizationFeatureSet::All)
        })
        .times(1);
    let client = mock.client();
    create_organization(&client).await;
    mock.verify();

    mock.expect(Client::create_organization)
        .succeeded_with(|output| output.organization().is_some())
        .times(1);
    client.create_organization().send().await.unwrap_err();
    assert_verify_fails_with(
        &mock,
        "CreateOrganization that succeeded with an output matching its `succeeded_with`: expected \
             exactly 1 call, received 0 (1 call did not succeed with a matching output: \
             400 AlreadyInOrganizationException)",
    );
}

#[tokio::test]
async fn an_outcome_filter_combines_with_when_and_from_account() {
    let mock = MockOrganizations::new();
    let (client, root) = organization(&mock).await;
    let root_for_when = root.clone();
    mock.expect(Client::tag_resource)
        .when(move |input| input.resource_id() == Some(root_for_when.as_str()))
        .from_account(support::MANAGEMENT)
        .succeeded()
        .times(1);
    assert!(tag_resource(&client, &root).await);
    assert!(!tag_resource(&client, NO_SUCH_ACCOUNT).await, "outside the `when`");
    mock.verify();

    mock.expect(Client::tag_resource)
        .from_account(support::MANAGEMENT)
        .failed()
        .times(2);
    assert!(!tag_resource(&client, NO_SUCH_ACCOUNT).await);
    assert_verify_fails_with(
        &mock,
        &format!(
            "TagResource (from {}) that failed: expected exactly 2 calls, received 1",
            support::MANAGEMENT
        ),
    );
}

#[tokio::test]
async fn the_last_outcome_filter_wins() {
    let mock = MockOrganizations::new();
    let (client, root) = organization(&mock).await;
    mock.expect(Client::tag_resource).failed().succeeded().times(1);
    assert!(tag_resource(&client, &root).await);
    mock.verify();
}

#[tokio::test]
async fn a_panicking_failed_with_is_reported_by_verify() {
    let mock = MockOrganizations::new();
    let (client, _) = organization(&mock).await;
    mock.expect(Client::describe_account)
        .failed_with(|_| panic!("boom"))
        .times(1);
    describe_missing_account(&client).await;
    assert_verify_fails_with(
        &mock,
        "the `failed_with` predicate of the expectation on DescribeAccount panicked: boom",
    );
}

#[tokio::test]
async fn expect_any_and_sts_expectations_filter_on_the_outcome() {
    let mock = MockOrganizations::new();
    let (client, _) = organization(&mock).await;
    mock.expect_any().succeeded().times(1);
    mock.expect_any().failed().times(1);
    client.describe_organization().send().await.unwrap();
    describe_missing_account(&client).await;
    mock.verify();

    mock.expect_sts(StsAction::GetCallerIdentity).failed().times(1);
    let sts = aws_sdk_sts::Client::new(&mock.sdk_config());
    sts.get_caller_identity().send().await.unwrap();
    assert_verify_fails_with(
        &mock,
        "GetCallerIdentity that failed: expected exactly 1 call, received 0 (1 call succeeded: 200)",
    );
}

#[tokio::test]
async fn untyped_selectors_compare_typed_operations() {
    let mock = MockOrganizations::new();
    let (client, _) = organization(&mock).await;
    mock.expect_any()
        .when(|call| call.operation() == Operation::CreateAccount)
        .times(1);
    mock.expect_any().when(|call| call.is(Client::create_account)).times(1);
    mock.on_any()
        .when(|request| request.is(Client::list_accounts))
        .fail_with(MockError::access_denied())
        .times(1);
    request_account(&client, "audit").await.unwrap();
    let err = client.list_accounts().send().await.unwrap_err();
    assert!(err.into_service_error().is_access_denied_exception());
    mock.verify();

    let calls = mock.calls();
    let last = calls.last().unwrap();
    assert_eq!(last.operation(), Operation::ListAccounts);
    assert!(last.is(Client::list_accounts) && !last.is(Client::list_roots));
    assert_eq!(last.target(), "ListAccounts");
    assert_eq!(
        mock.calls_to(Client::create_account)[0].operation(),
        Operation::CreateAccount
    );
}
