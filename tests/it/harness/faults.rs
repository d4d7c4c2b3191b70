//! Fault injection, expectations, typed recordings, SDK config hand-off and
//! tracing, all through the real SDK client.

use crate::support::raw::SERVICE_EXCEPTION;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_organizations_mock::aws_sdk_organizations::config::timeout::TimeoutConfig;
use aws_organizations_mock::aws_sdk_organizations::error::{ErrorMetadata, SdkError};
use aws_organizations_mock::aws_sdk_organizations::operation::create_account::{
    CreateAccountError, CreateAccountInput,
};
use aws_organizations_mock::aws_sdk_organizations::operation::list_accounts::ListAccountsError;
use aws_organizations_mock::aws_sdk_organizations::operation::list_roots::ListRootsError;
use aws_organizations_mock::aws_sdk_organizations::types::error::TooManyRequestsException;
use aws_organizations_mock::aws_sdk_organizations::types::{
    ConstraintViolationExceptionReason, InvalidInputExceptionReason,
};
use aws_organizations_mock::aws_sdk_organizations::{self as orgs, Client};
use aws_organizations_mock::{MockError, MockOrganizations};

use crate::support;
use support::{create_account_status, request_account, root_id, tag};

async fn organization(mock: &MockOrganizations) -> Client {
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    client
}

// ---- fault injection ----

#[tokio::test]
async fn a_modeled_error_reaches_the_sdk_as_its_typed_variant_and_changes_nothing() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    let before = mock.snapshot();
    mock.on(Client::create_account)
        .fail_with(MockError::constraint_violation(
            ConstraintViolationExceptionReason::AccountNumberLimitExceeded,
        ))
        .times(1);

    let err = request_account(&client, "a").await.unwrap_err().into_service_error();
    match &err {
        CreateAccountError::ConstraintViolationException(e) => {
            assert_eq!(e.reason().map(|r| r.as_str()), Some("ACCOUNT_NUMBER_LIMIT_EXCEEDED"));
        }
        other => panic!("expected ConstraintViolationException, got {other:?}"),
    }
    assert_eq!(mock.snapshot(), before, "a failed injection leaves the world untouched");

    // Once by default: the next call runs.
    request_account(&client, "a").await.unwrap();
    let calls = mock.calls_to(Client::create_account);
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].injected(), Some("ConstraintViolationException"));
    assert_eq!(calls[0].error_code(), Some("ConstraintViolationException"));
    assert_eq!(calls[1].injected(), None);
    assert!(calls[1].succeeded());
}

#[tokio::test]
async fn the_operations_own_modeled_error_with_its_members() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    mock.on(Client::list_accounts)
        .fail_with(ListAccountsError::TooManyRequestsException(
            TooManyRequestsException::builder()
                .message("slow down")
                .r#type("OrganizationsQuota")
                .build(),
        ))
        .always();
    let err = client.list_accounts().send().await.unwrap_err().into_service_error();
    match err {
        ListAccountsError::TooManyRequestsException(e) => {
            assert_eq!(e.message(), Some("slow down"));
            assert_eq!(e.r#type(), Some("OrganizationsQuota"));
        }
        other => panic!("expected TooManyRequestsException, got {other:?}"),
    }
    for (error, code) in [
        (MockError::access_denied(), "AccessDeniedException"),
        (
            MockError::invalid_input(InvalidInputExceptionReason::InvalidPaginationToken),
            "InvalidInputException",
        ),
        (MockError::concurrent_modification(), "ConcurrentModificationException"),
    ] {
        mock.reset_rules();
        // ListHandshakesForAccount's model lists all three.
        mock.on(Client::list_handshakes_for_account).fail_with(error).times(1);
        let err = client.list_handshakes_for_account().send().await.unwrap_err();
        assert_eq!(err.as_service_error().and_then(|e| e.meta().code()), Some(code));
    }
}

#[tokio::test(start_paused = true)]
async fn throttling_is_retried_by_the_standard_policy_and_the_final_error_is_typed() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    let start = mock.now();
    mock.on(Client::list_accounts)
        .fail_with(MockError::throttling())
        .always();

    let err = client.list_accounts().send().await.unwrap_err().into_service_error();
    assert!(matches!(err, ListAccountsError::TooManyRequestsException(_)), "{err:?}");
    let calls = mock.calls_to(Client::list_accounts);
    assert_eq!(calls.len(), 3, "the standard policy makes 3 attempts");
    assert!(calls.iter().all(|c| c.injected() == Some("TooManyRequestsException")));
    assert!(mock.now() > start, "back-off moved the mock's clock instead of waiting");

    // Throttled twice, then through: the SDK call succeeds.
    mock.reset_rules();
    mock.on(Client::list_accounts)
        .fail_with(MockError::throttling())
        .times(2);
    let accounts = client.list_accounts().send().await.unwrap();
    assert_eq!(accounts.accounts().len(), 1);
    assert_eq!(mock.calls_to(Client::list_accounts).len(), 6);
}

#[tokio::test]
async fn five_hundreds_are_retried_raw_and_modeled() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;

    mock.on(Client::list_roots)
        .fail_with(MockError::http(503, "Service Unavailable"))
        .always();
    let err = client.list_roots().send().await.unwrap_err();
    assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(503));
    assert_eq!(mock.calls_to(Client::list_roots).len(), 3);
    assert_eq!(mock.calls_to(Client::list_roots)[0].status(), 503);

    mock.reset_rules();
    mock.on(Client::list_roots)
        .fail_with(MockError::service_exception())
        .always();
    let err = client.list_roots().send().await.unwrap_err();
    assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(500));
    assert_eq!(support::decoded::decoded(err), SERVICE_EXCEPTION);
    assert_eq!(mock.calls_to(Client::list_roots).len(), 6);
}

/// The errors common to every AWS call carry the HTTP statuses AWS's
/// "Common Errors" page gives them (FIDELITY.md#errors-a-rule-may-inject);
/// the others are 400s.
#[tokio::test]
async fn an_injected_common_error_answers_with_the_status_aws_documents_for_it() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    for (code, status) in [
        ("InternalFailure", 500),
        ("ServiceUnavailable", 503),
        ("NotAuthorized", 401),
        ("OptInRequired", 403),
        ("RequestTimeoutException", 408),
        ("RequestEntityTooLargeException", 413),
        ("ThrottlingException", 400),
        ("ValidationError", 400),
    ] {
        mock.reset_rules();
        mock.on(Client::list_roots)
            .fail_with(ListRootsError::generic(
                ErrorMetadata::builder().code(code).message("injected").build(),
            ))
            .always();
        let err = client.list_roots().send().await.unwrap_err();
        assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(status), "{code}");
        assert_eq!(err.as_service_error().and_then(|e| e.meta().code()), Some(code));
        let last = mock.calls_to(Client::list_roots).pop().expect("a recorded call");
        assert_eq!((last.status(), last.error_code()), (status, Some(code)));
    }
}

#[tokio::test]
async fn transport_failures_are_dispatch_failures() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;

    mock.on(Client::list_roots).fail_with(MockError::timeout()).always();
    match client.list_roots().send().await.unwrap_err() {
        SdkError::DispatchFailure(e) => assert!(e.is_timeout(), "{e:?}"),
        other => panic!("expected a dispatch failure, got {other:?}"),
    }
    let calls = mock.calls_to(Client::list_roots);
    assert_eq!(calls.len(), 3, "a timeout is transient: retried");
    assert_eq!(
        (calls[0].status(), calls[0].outcome().as_str()),
        (0, "timeout (injected)")
    );

    mock.reset_rules();
    mock.on(Client::list_roots).fail_with(MockError::io_error());
    // Once: the retry gets through.
    client.list_roots().send().await.unwrap();
    mock.on(Client::list_roots).fail_with(MockError::io_error()).always();
    match client.list_roots().send().await.unwrap_err() {
        SdkError::DispatchFailure(e) => assert!(e.is_io(), "{e:?}"),
        other => panic!("expected a dispatch failure, got {other:?}"),
    }
}

#[tokio::test]
async fn rules_match_by_predicate_apply_in_order_and_count() {
    let mock = MockOrganizations::new();
    let management = organization(&mock).await;
    // Make a member to call as.
    request_account(&management, "member").await.unwrap();
    let member_id = mock.calls_to(Client::create_account)[0].response().unwrap()["CreateAccountStatus"]["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let member = create_account_status(&management, &member_id)
        .await
        .account_id()
        .unwrap()
        .to_string();

    mock.on(Client::list_accounts)
        .from_account(&member)
        .fail_with(MockError::access_denied())
        .always();
    management.list_accounts().send().await.unwrap();
    mock.client_as(&member).list_accounts().send().await.unwrap_err();
    let listed = mock.calls_to(Client::list_accounts);
    assert_eq!(
        listed.iter().map(|c| c.injected()).collect::<Vec<_>>(),
        [None, Some("AccessDeniedException")],
        "the rule answers the member's call only"
    );

    // First rule added wins; `after(1)` lets one matching call through first.
    let first = mock
        .on(Client::describe_organization)
        .fail_with(MockError::access_denied())
        .after(1);
    mock.on(Client::describe_organization)
        .fail_with(MockError::concurrent_modification())
        .always();
    use aws_organizations_mock::aws_sdk_organizations::operation::describe_organization::{
        DescribeOrganizationError, DescribeOrganizationOutput,
    };
    let code = |r: Result<DescribeOrganizationOutput, SdkError<DescribeOrganizationError>>| {
        r.err()
            .and_then(|e| e.into_service_error().meta().code().map(str::to_string))
    };
    // Call 1: `first` lets it through, the second rule answers.
    assert_eq!(
        code(management.describe_organization().send().await),
        Some("ConcurrentModificationException".into())
    );
    // Call 2: `first` applies (once).
    assert_eq!(
        code(management.describe_organization().send().await),
        Some("AccessDeniedException".into())
    );
    assert_eq!(first.applied(), 1);
    assert_eq!(
        code(management.describe_organization().send().await),
        Some("ConcurrentModificationException".into())
    );
}

#[tokio::test]
async fn a_panicking_predicate_does_not_poison_the_mock_and_is_reported() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    mock.on(Client::list_roots)
        .when(|_| panic!("boom in a predicate"))
        .fail_with(MockError::throttling());
    client.list_roots().send().await.unwrap();
    client.list_roots().send().await.unwrap();
    assert_eq!(mock.calls_to(Client::list_roots).len(), 2);

    // A predicate that panics on one call only: that call proceeds as if the
    // rule did not apply, the others are judged normally, the world stays whole.
    mock.on(Client::create_organizational_unit)
        .when(|input| {
            if input.name() == Some("boom") {
                panic!("boom on one call");
            }
            input.name() == Some("denied")
        })
        .fail_with(MockError::access_denied())
        .always();
    let root = root_id(&client).await;
    let create = |name: &'static str| client.create_organizational_unit().parent_id(&root).name(name).send();
    create("boom").await.unwrap();
    let denied = create("denied").await.unwrap_err();
    assert_eq!(support::decoded::decoded(denied), "AccessDeniedException");
    create("fine").await.unwrap();
    mock.check_invariants().unwrap();
    // No lock is poisoned: another thread uses the mock.
    let other = mock.clone();
    std::thread::spawn(move || other.check_invariants())
        .join()
        .unwrap()
        .unwrap();

    let message = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| mock.verify()))
        .unwrap_err()
        .downcast::<String>()
        .unwrap();
    assert!(message.contains("boom in a predicate"), "{message}");
    // The rule whose predicate panicked never answered its one call.
    assert!(
        message.contains(
            "the rule on ListRoots (TooManyRequestsException): expected to answer exactly 1 call(s), answered 0"
        ),
        "{message}"
    );
    mock.reset_expectations();
    mock.reset_rules();
    mock.verify();
}

#[tokio::test(start_paused = true)]
async fn a_delay_races_the_sdk_timeout_on_a_paused_clock() {
    let mock = MockOrganizations::new();
    organization(&mock).await;
    let client_with_timeout = |timeout: Duration| {
        Client::from_conf(
            orgs::config::Builder::from(&mock.sdk_config())
                .timeout_config(TimeoutConfig::builder().operation_timeout(timeout).build())
                .build(),
        )
    };
    mock.on(Client::list_roots).delay(Duration::from_secs(10)).always();

    let err = client_with_timeout(Duration::from_secs(2))
        .list_roots()
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, SdkError::TimeoutError(_)), "{err:?}");

    let roots = client_with_timeout(Duration::from_secs(30))
        .list_roots()
        .send()
        .await
        .unwrap();
    assert_eq!(roots.roots().len(), 1);

    // An hour-long delay, no timeout: completes (and takes no real time).
    mock.reset_rules();
    mock.on_any().delay(Duration::from_secs(3600)).always();
    mock.client().list_roots().send().await.unwrap();
    // With no delay in flight, back-off is instant again: the retries advance
    // the mock's clock, and the (paused) tokio clock does not move, so nothing slept.
    mock.reset_rules();
    mock.on(Client::list_roots).fail_with(MockError::throttling()).times(2);
    let (mock_before, tokio_before) = (mock.now(), tokio::time::Instant::now());
    mock.client().list_roots().send().await.unwrap();
    assert_eq!(
        mock.calls_to(Client::list_roots).len(),
        3 + 3,
        "two throttled attempts, then through"
    );
    assert!(mock.now() > mock_before, "back-off advanced the mock's clock");
    assert_eq!(tokio::time::Instant::now(), tokio_before, "back-off slept");
}

#[tokio::test(start_paused = true)]
async fn a_delayed_error_is_delivered_late() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    mock.on(Client::list_roots)
        .fail_with(MockError::access_denied())
        .delay(Duration::from_secs(5));
    let started = tokio::time::Instant::now();
    let err = client.list_roots().send().await.unwrap_err();
    assert_eq!(support::decoded::decoded(err), "AccessDeniedException");
    assert!(tokio::time::Instant::now() - started >= Duration::from_secs(5));
}

// ---- expectations and typed recordings ----

#[tokio::test]
async fn expectations_hold_and_count_only_later_calls() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    mock.expect(Client::create_organization).never();
    mock.expect(Client::create_account).times(2);
    mock.expect(Client::close_account).never();
    mock.expect(Client::list_accounts).at_least(1);
    mock.expect(Client::list_roots).at_most(1);
    mock.expect(Client::create_account)
        .when(|input| input.account_name() == Some("b"))
        .times(1);
    request_account(&client, "a").await.unwrap();
    request_account(&client, "b").await.unwrap();
    client.list_accounts().send().await.unwrap();
    mock.verify();
}

#[tokio::test]
async fn an_unmet_expectation_fails_verify_with_the_calls_received() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    mock.expect(Client::create_account).times(2);
    request_account(&client, "only-one").await.unwrap();
    let message = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| mock.verify()))
        .unwrap_err()
        .downcast::<String>()
        .unwrap();
    assert!(
        message.contains("CreateAccount: expected exactly 2 calls, received 1"),
        "{message}"
    );
    assert!(message.contains("Calls received (2)"), "{message}");
    assert!(message.contains("CreateOrganization by 111111111111"), "{message}");
    assert!(message.contains("only-one@example.com"), "{message}");
    mock.reset_expectations();
}

#[tokio::test]
#[should_panic(expected = "CreateAccount: expected exactly 2 calls, received 1")]
async fn dropping_the_last_handle_with_an_unmet_expectation_panics() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    let other_handle = mock.clone();
    mock.expect(Client::create_account).times(2);
    request_account(&client, "a").await.unwrap();
    drop(other_handle); // not the last handle: nothing happens yet
}

#[tokio::test]
async fn clients_outlive_the_handle_without_panicking() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    mock.expect(Client::list_roots).times(1);
    client.list_roots().send().await.unwrap();
    drop(mock); // met: no panic
    client.list_roots().send().await.unwrap();
}

#[tokio::test]
#[should_panic(expected = "the test's own failure")]
async fn no_drop_time_panic_while_already_panicking() {
    let mock = MockOrganizations::new();
    mock.expect(Client::create_account).times(5);
    panic!("the test's own failure");
}

#[tokio::test]
async fn recorded_calls_decode_into_the_sdk_input_types() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    client
        .create_account()
        .account_name("typed")
        .email("typed@example.com")
        .tags(tag("team", "a"))
        .send()
        .await
        .unwrap();
    let call = &mock.calls_to(Client::create_account)[0];
    let input: CreateAccountInput = call.input();
    assert_eq!(input.email(), Some("typed@example.com"));
    assert_eq!(input.account_name(), Some("typed"));
    assert_eq!(input.tags()[0].key(), "team");
    assert_eq!(call.caller(), "111111111111");
}

// ---- hand-off ----

/// Code under test that builds its own client from an `SdkConfig`.
async fn count_accounts(config: &aws_types::SdkConfig) -> usize {
    let client = Client::new(config);
    client.list_accounts().send().await.unwrap().accounts().len()
}

#[tokio::test]
async fn sdk_configs_and_the_http_client_run_code_unchanged() {
    let mock = MockOrganizations::new();
    organization(&mock).await;
    assert_eq!(count_accounts(&mock.sdk_config()).await, 1);
    assert_eq!(mock.calls().last().unwrap().caller(), "111111111111");

    let outsider = Client::new(&mock.sdk_config_as("333333333333"));
    let err = outsider.describe_organization().send().await.unwrap_err();
    assert_eq!(
        err.into_service_error().meta().code(),
        Some("AWSOrganizationsNotInUseException")
    );
    assert_eq!(mock.calls().last().unwrap().caller(), "333333333333");

    // A config built elsewhere, with only the mock's HTTP client.
    let config = orgs::Config::builder()
        .behavior_version(orgs::config::BehaviorVersion::latest())
        .region(orgs::config::Region::new("eu-west-1"))
        .credentials_provider(orgs::config::Credentials::new(
            "AKIDEXAMPLE",
            "secret",
            None,
            None,
            "test",
        ))
        .http_client(mock.http_client())
        .build();
    let roots = Client::from_conf(config).list_roots().send().await.unwrap();
    assert_eq!(roots.roots().len(), 1);
    assert_eq!(mock.calls().last().unwrap().caller(), "111111111111");
}

// ---- tracing ----

/// A subscriber that keeps the fields of the mock's call spans.
#[derive(Clone, Default)]
struct Spans(Arc<Mutex<Vec<SpanFields>>>);

/// A span's name and fields, in the order recorded.
type SpanFields = Vec<(String, String)>;

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_string(), format!("{value:?}")));
    }
}

impl tracing::Subscriber for Spans {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut spans = self.0.lock().unwrap();
        let mut fields = vec![("name".to_string(), span.metadata().name().to_string())];
        span.record(&mut Fields(&mut fields));
        spans.push(fields);
        tracing::span::Id::from_u64(spans.len() as u64)
    }
    fn record(&self, span: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut spans = self.0.lock().unwrap();
        if let Some(fields) = spans.get_mut(span.into_u64() as usize - 1) {
            values.record(&mut Fields(fields));
        }
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, _: &tracing::Event<'_>) {}
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test(flavor = "current_thread")]
async fn each_call_has_a_span_with_operation_caller_and_outcome() {
    // A global subscriber: a scoped one races with the parallel tests of this
    // binary over the callsite interest cache. Spans of other tests are told
    // apart by this test's own default account.
    static SPANS: std::sync::OnceLock<Spans> = std::sync::OnceLock::new();
    let spans = SPANS.get_or_init(|| {
        let spans = Spans::default();
        tracing::subscriber::set_global_default(spans.clone()).expect("no other global subscriber");
        spans
    });
    tracing::callsite::rebuild_interest_cache();
    const ME: &str = "987654321098";
    let mock = MockOrganizations::builder()
        .default_account(ME, "tracing@example.com")
        .build();
    let client = organization(&mock).await;
    mock.on(Client::list_roots).fail_with(MockError::access_denied());
    client.list_roots().send().await.unwrap_err();

    let field = |span: &SpanFields, name: &str| {
        span.iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let calls: Vec<_> = spans
        .0
        .lock()
        .unwrap()
        .iter()
        .filter(|f| f[0].1 == "aws_organizations_mock::call" && field(f, "caller") == ME)
        .cloned()
        .collect();
    assert_eq!(calls.len(), 2);
    assert_eq!(field(&calls[0], "operation"), "CreateOrganization");
    assert_eq!(field(&calls[0], "outcome"), "\"200\"");
    assert_eq!(field(&calls[1], "operation"), "ListRoots");
    assert_eq!(field(&calls[1], "outcome"), "\"400 AccessDeniedException (injected)\"");
}

/// `{:?}` of a rule, its builder, its next step, an expectation and the
/// mock's HTTP client names what each is and its operation, so an assertion
/// message that prints one tells which it was.
#[tokio::test]
async fn the_harness_handles_say_what_they_are_in_debug() {
    let mock = MockOrganizations::new();
    let builder = mock.on(Client::list_roots);
    let shown = format!("{builder:?}");
    assert!(
        shown.starts_with("MockRuleBuilder(MockRule {") && shown.contains("ListRoots"),
        "{shown}"
    );
    let rule = builder.delay(Duration::from_millis(1));
    let shown = format!("{rule:?}");
    assert!(
        shown.starts_with("MockRule {") && shown.contains("ListRoots"),
        "{shown}"
    );
    let step = rule.then();
    let shown = format!("{step:?}");
    assert!(
        shown.starts_with("MockRuleStep(MockRule {") && shown.contains("ListRoots"),
        "{shown}"
    );
    let rule = step.delay(Duration::from_millis(1));
    let expectation = mock.expect(Client::list_roots).times(2);
    let shown = format!("{expectation:?}");
    assert!(
        shown.starts_with("Expectation {") && shown.contains("ListRoots"),
        "{shown}"
    );
    let shown = format!("{:?}", mock.http_client());
    assert!(shown.contains("MockTransport"), "{shown}");

    let client = mock.client();
    client.create_organization().send().await.unwrap();
    client.list_roots().send().await.unwrap();
    client.list_roots().send().await.unwrap();
    let shown = format!("{rule:?}");
    assert!(shown.contains("applied: 2"), "{shown}");
    let call = &mock.calls_to(Client::list_roots)[0];
    let shown = format!("{call:?}");
    assert!(
        shown.starts_with("TypedCall { operation: \"ListRoots\", call: "),
        "{shown}"
    );
    mock.verify();
}
