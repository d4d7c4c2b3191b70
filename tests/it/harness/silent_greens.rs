//! Harness mistakes a new user makes, each written as a test: none may leave
//! the test that wrote it green (issue 22). Each fails, where it was written
//! or in `verify` / the owner's drop, with a message that names the mistake
//! and the test's own file.

use std::panic::{catch_unwind, AssertUnwindSafe};

use aws_organizations_mock::aws_sdk_organizations::operation::create_account::CreateAccountError;
use aws_organizations_mock::aws_sdk_organizations::operation::invite_account_to_organization::InviteAccountToOrganizationError;
use aws_organizations_mock::aws_sdk_organizations::types::error::{
    ConstraintViolationException, HandshakeConstraintViolationException,
};
use aws_organizations_mock::aws_sdk_organizations::types::{
    ConstraintViolationExceptionReason, HandshakeConstraintViolationExceptionReason, InvalidInputExceptionReason,
};
use aws_organizations_mock::aws_sdk_organizations::Client;
use aws_organizations_mock::{MockError, MockOrganizations, StsAction};

use crate::support::request_account;

/// This file, as `Location` names it in the messages.
const HERE: &str = "tests/it/harness/silent_greens.rs:";

async fn organization(mock: &MockOrganizations) -> Client {
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    client
}

fn throttled() -> MockError {
    MockError::throttling()
}

/// The message `verify` panics with; the rules and expectations are then
/// cleared, so that the owner's drop does not fail the test again.
fn verify_message(mock: &MockOrganizations) -> String {
    let message = *catch_unwind(AssertUnwindSafe(|| mock.verify()))
        .expect_err("verify should have failed")
        .downcast::<String>()
        .unwrap();
    mock.reset_rules();
    mock.reset_expectations();
    message
}

/// The message `f` panics with, where the rule is written.
fn panic_message(f: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("the mistake should panic where it is written");
    match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(payload) => payload.downcast::<&str>().map(|s| s.to_string()).unwrap(),
    }
}

fn assert_contains(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(message.contains(part), "expected {part:?} in:\n{message}");
    }
}

// ---- a rule with `.always()` that never answers ----

/// Writes rules with `write` on a mock whose organization exists, makes the
/// calls of `run` with its client, and returns the message `verify` fails
/// with, after checking that it names each of `parts`.
async fn verify_fails_with(
    write: impl FnOnce(&MockOrganizations),
    run: impl AsyncFnOnce(&Client),
    parts: &[&str],
) -> String {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    write(&mock);
    run(&client).await;
    let message = verify_message(&mock);
    assert_contains(&message, parts);
    message
}

#[tokio::test]
async fn an_always_rule_whose_when_never_matches_fails_verify() {
    verify_fails_with(
        |mock| {
            mock.on(Client::create_account)
                .when(|input| input.account_name() == Some("ful")) // misspelt: the code under test says "full"
                .fail_with(MockError::constraint_violation(
                    ConstraintViolationExceptionReason::AccountNumberLimitExceeded,
                ))
                .always();
        },
        async |client| {
            request_account(client, "full").await.unwrap();
        },
        &[
            "the rule on CreateAccount (ConstraintViolationException): expected to answer at least 1 call (always()), answered 0",
            &format!("rule written at {HERE}"),
            "filters: when(..)",
            "why: 1 CreateAccount call(s) in its scope were received after it was written; its `when` held for none of them",
            "Calls received (2)",
            "full@example.com",
        ],
    )
    .await;
}

#[tokio::test]
async fn an_always_rule_from_the_wrong_account_fails_verify() {
    verify_fails_with(
        |mock| {
            mock.on(Client::list_roots)
                .from_account("222222222222")
                .fail_with(MockError::access_denied())
                .always();
        },
        async |client| {
            client.list_roots().send().await.unwrap();
        },
        &[
            "the rule on ListRoots (AccessDeniedException): expected to answer at least 1 call (always()), answered 0",
            "filters: from_account(222222222222)",
            "why: 1 ListRoots call(s) were received after it was written, none made as 222222222222 (its from_account); they were made as 111111111111",
        ],
    )
    .await;
}

#[tokio::test]
async fn an_always_rule_on_an_operation_never_called_fails_verify() {
    verify_fails_with(
        |mock| {
            mock.on(Client::list_roots).fail_with(throttled()).always();
        },
        async |client| {
            client.describe_organization().send().await.unwrap();
        },
        &[
            "the rule on ListRoots (TooManyRequestsException): expected to answer at least 1 call (always()), answered 0",
            &format!("rule written at {HERE}"),
            "no filters",
            "why: no ListRoots call was received after it was written",
        ],
    )
    .await;
}

#[tokio::test]
async fn a_rule_shadowed_by_an_earlier_always_rule_fails_verify_naming_it() {
    let earlier_line = line!() + 3;
    let message = verify_fails_with(
        |mock| {
            mock.on(Client::list_accounts)
                .fail_with(MockError::access_denied())
                .always();
            mock.on(Client::list_accounts)
                .fail_with(MockError::service_exception())
                .always();
        },
        async |client| {
            client.list_accounts().send().await.unwrap_err();
        },
        &[
            "the rule on ListAccounts (ServiceException): expected to answer at least 1 call (always()), answered 0",
            "why: 1 of its 1 matching call(s) never reached it: an earlier rule answered them first",
            &format!("(the rule on ListAccounts written at {HERE}{earlier_line}:"),
        ],
    )
    .await;
    assert!(
        !message.contains("the rule on ListAccounts (AccessDeniedException)"),
        "the earlier rule answered: {message}"
    );
}

#[tokio::test]
async fn a_rule_whose_after_waits_for_a_call_that_never_comes_fails_verify() {
    verify_fails_with(
        |mock| {
            mock.on(Client::describe_organization)
                .after(3)
                .fail_with(MockError::concurrent_modification())
                .always();
        },
        async |client| {
            client.describe_organization().send().await.unwrap();
        },
        &[
            "the rule on DescribeOrganization (ConcurrentModificationException): expected to answer at least 1 call",
            "filters: after(3)",
            "why: its after(3) let all 1 matching call(s) through; it answers from call 4 on",
        ],
    )
    .await;
}

#[tokio::test]
async fn a_later_step_that_never_answers_fails_verify() {
    verify_fails_with(
        |mock| {
            mock.on(Client::list_roots)
                .fail_with(MockError::access_denied())
                .then()
                .fail_with(MockError::service_exception())
                .always();
        },
        async |client| {
            client.list_roots().send().await.unwrap_err();
        },
        &[
            "the rule on ListRoots, step 2 (ServiceException): expected to answer at least 1 call (always()), answered 0",
            "why: 1 matching call(s) were received after it was written",
        ],
    )
    .await;
}

#[tokio::test]
async fn a_rule_that_may_never_fire_says_so_with_any_number_of_times() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    let rule = mock.on(Client::list_roots).fail_with(throttled()).any_number_of_times();
    client.describe_organization().send().await.unwrap();
    assert_eq!(rule.applied(), 0);
    mock.verify();
}

// ---- rules that cannot act, refused where they are written ----

#[test]
fn times_zero_panics_where_it_is_written_pointing_to_never() {
    let mock = MockOrganizations::new();
    let message = panic_message(|| {
        mock.on(Client::close_account).fail_with(throttled()).times(0);
    });
    assert_contains(
        &message,
        &[
            "times(0) on the rule on CloseAccount",
            &format!("written at {HERE}"),
            "a rule that answers no call cannot act",
            "mock.expect(..).never()",
        ],
    );
    mock.reset_rules();
}

#[test]
fn a_step_after_an_always_step_panics_where_it_is_written() {
    let mock = MockOrganizations::new();
    let message = panic_message(|| {
        let _ = mock
            .on(Client::list_roots)
            .fail_with(throttled())
            .always()
            .then()
            .fail_with(MockError::access_denied());
    });
    assert_contains(
        &message,
        &[
            "then() after always() on the rule on ListRoots",
            "would never be reached",
        ],
    );
    mock.reset_rules();
}

#[tokio::test]
async fn a_rule_left_without_an_answer_fails_verify_and_lets_nothing_through_silently() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    // `#[must_use]` warns; `mock.on(..).times(1)` does not compile (doctest on MockRuleBuilder).
    #[allow(unused_must_use)]
    {
        mock.on(Client::create_account).from_account("111111111111");
    }
    let _ = mock.on(Client::list_roots).fail_with(throttled()).times(2).then();
    request_account(&client, "a").await.unwrap();
    let message = verify_message(&mock);
    assert_contains(
        &message,
        &[
            "the rule on CreateAccount has no answer: give it .fail_with(..), .respond_with(..), .respond_with_fn(..) or .delay(..)",
            "filters: from_account(111111111111)",
            "the rule on ListRoots, step 2 has no answer",
            &format!("rule written at {HERE}"),
        ],
    );
}

#[test]
fn an_error_the_operation_cannot_return_panics_naming_its_errors() {
    let mock = MockOrganizations::new();
    let message = panic_message(|| {
        mock.on(Client::describe_organization)
            .fail_with(MockError::constraint_violation(
                ConstraintViolationExceptionReason::AccountNumberLimitExceeded,
            ))
            .times(1);
    });
    assert_contains(
        &message,
        &[
            "DescribeOrganization cannot answer ConstraintViolationException: its model lists \
             AWSOrganizationsNotInUseException, AccessDeniedException, ConcurrentModificationException, \
             ServiceException, TooManyRequestsException",
            "MockError::http(status, body)",
            &format!("(the rule on DescribeOrganization written at {HERE}"),
        ],
    );
    let message = panic_message(|| {
        mock.on(Client::list_accounts)
            .fail_with(MockError::concurrent_modification());
    });
    assert_contains(
        &message,
        &["ListAccounts cannot answer ConcurrentModificationException"],
    );
    mock.reset_rules();
}

#[tokio::test]
async fn errors_common_to_every_call_and_raw_faults_are_allowed_on_any_operation() {
    use aws_organizations_mock::aws_sdk_organizations::error::ErrorMetadata;
    use aws_organizations_mock::aws_sdk_organizations::operation::describe_organization::DescribeOrganizationError;
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    mock.on(Client::describe_organization)
        .fail_with(DescribeOrganizationError::generic(
            ErrorMetadata::builder()
                .code("ValidationError")
                .message("common")
                .build(),
        ))
        .then()
        .fail_with(MockError::http(502, "Bad Gateway"))
        .then()
        .fail_with(MockError::io_error());
    let err = client.describe_organization().send().await.unwrap_err();
    assert_eq!(err.into_service_error().meta().code(), Some("ValidationError"));
    // The 502 and the io error are retried; the third attempt gets the model's answer.
    client.describe_organization().send().await.unwrap();
    mock.verify();
}

#[test]
fn an_sts_rule_with_an_organizations_error_panics_naming_stss_errors() {
    let mock = MockOrganizations::new();
    let message = panic_message(|| {
        mock.on_sts(StsAction::AssumeRole).fail_with(throttled());
    });
    assert_contains(
        &message,
        &[
            "AssumeRole cannot answer TooManyRequestsException: its model lists ExpiredTokenException, \
             MalformedPolicyDocument, PackedPolicyTooLarge, RegionDisabledException, AccessDenied, ExpiredToken",
        ],
    );
    let message = panic_message(|| {
        mock.on_sts(StsAction::GetCallerIdentity)
            .fail_with(MockError::invalid_input(
                InvalidInputExceptionReason::InvalidPaginationToken,
            ));
    });
    assert_contains(&message, &["GetCallerIdentity cannot answer InvalidInputException"]);
    // Common to every call: allowed.
    mock.reset_rules();
    let _ = mock
        .on_sts(StsAction::GetCallerIdentity)
        .fail_with(MockError::access_denied());
    mock.reset_rules();
}

#[tokio::test]
async fn a_rule_on_any_operation_lets_calls_through_that_cannot_get_its_error_and_verify_says_so() {
    let mock = MockOrganizations::new();
    let client = organization(&mock).await;
    mock.on_any()
        .fail_with(MockError::constraint_violation(
            ConstraintViolationExceptionReason::AccountNumberLimitExceeded,
        ))
        .always();
    // DescribeOrganization's model has no ConstraintViolationException: the model answers.
    client.describe_organization().send().await.unwrap();
    client.describe_organization().send().await.unwrap();
    // CreateAccount's has: the rule answers.
    let err = request_account(&client, "a").await.unwrap_err();
    assert!(
        matches!(
            err.into_service_error(),
            CreateAccountError::ConstraintViolationException(_)
        ),
        "CreateAccount gets the rule's error"
    );
    let message = verify_message(&mock);
    assert_contains(
        &message,
        &[
            &format!("the rule on any operation written at {HERE}"),
            "let a DescribeOrganization call through: DescribeOrganization cannot answer ConstraintViolationException",
        ],
    );
    assert_eq!(
        message.matches("let a DescribeOrganization call through").count(),
        1,
        "reported once per operation: {message}"
    );
}

// ---- reasons AWS never sends ----

#[test]
fn a_misspelt_reason_made_from_a_string_panics_with_the_closest_names() {
    let message = panic_message(|| {
        MockError::constraint_violation(ConstraintViolationExceptionReason::from("ACCOUNT_NUMBER_LIMT_EXCEEDED"));
    });
    assert_contains(
        &message,
        &[
            "'ACCOUNT_NUMBER_LIMT_EXCEEDED' is not a reason of ConstraintViolationException",
            "the closest are ACCOUNT_NUMBER_LIMIT_EXCEEDED",
            "ConstraintViolationExceptionReason::AccountNumberLimitExceeded",
        ],
    );
    let message = panic_message(|| {
        MockError::invalid_input(InvalidInputExceptionReason::from("INVALID_NEXT_TOKN"));
    });
    assert_contains(
        &message,
        &[
            "'INVALID_NEXT_TOKN' is not a reason of InvalidInputException",
            "the closest are INVALID_NEXT_TOKEN",
            // The SDK's variant for INVALID_NEXT_TOKEN, whose name differs.
            "InvalidInputExceptionReason::InvalidPaginationToken",
        ],
    );
}

#[test]
fn a_modeled_error_built_with_an_unknown_reason_is_refused_too() {
    let mock = MockOrganizations::new();
    let message = panic_message(|| {
        mock.on(Client::create_account)
            .fail_with(CreateAccountError::ConstraintViolationException(
                ConstraintViolationException::builder()
                    .reason(ConstraintViolationExceptionReason::from("ACCOUNT_NUMBER_LIMT_EXCEEDED"))
                    .build(),
            ));
    });
    assert_contains(
        &message,
        &[
            "'ACCOUNT_NUMBER_LIMT_EXCEEDED' is not a reason of ConstraintViolationException",
            &format!("(the rule on CreateAccount written at {HERE}"),
        ],
    );
    let message = panic_message(|| {
        mock.on(Client::invite_account_to_organization).fail_with(
            InviteAccountToOrganizationError::HandshakeConstraintViolationException(
                HandshakeConstraintViolationException::builder()
                    .reason(HandshakeConstraintViolationExceptionReason::from(
                        "ALREADY_IN_AN_ORGANISATION",
                    ))
                    .build(),
            ),
        );
    });
    assert_contains(&message, &["the closest are ALREADY_IN_AN_ORGANIZATION"]);
    mock.reset_rules();
}

// ---- verification belongs to the test that made the mock ----

/// An expectation the test does not meet, and the message its failure has.
const UNMET: &str = "CreateAccount: expected exactly 1 call, received 0";

#[tokio::test(flavor = "current_thread")]
#[should_panic(expected = "CreateAccount: expected exactly 1 call, received 0")]
async fn a_clone_in_a_detached_task_on_a_current_thread_runtime_does_not_hide_the_failure() {
    let mock = MockOrganizations::new();
    mock.expect(Client::create_account).times(1);
    let clone = mock.clone();
    tokio::spawn(async move {
        std::future::pending::<()>().await;
        drop(clone);
    });
    // The test ends; its own handle goes, the task's lives on.
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[should_panic(expected = "CreateAccount: expected exactly 1 call, received 0")]
async fn a_clone_in_a_detached_task_on_a_multi_thread_runtime_does_not_hide_the_failure() {
    let mock = MockOrganizations::new();
    mock.expect(Client::create_account).times(1);
    let clone = mock.clone();
    tokio::spawn(async move {
        std::future::pending::<()>().await;
        drop(clone);
    });
}

#[test]
fn a_clone_in_a_std_thread_does_not_hide_the_failure_and_does_not_report_it_twice() {
    let mock = MockOrganizations::new();
    mock.on(Client::list_roots).fail_with(throttled()).times(2);
    let clone = mock.clone();
    let (release, released) = std::sync::mpsc::channel::<()>();
    let thread = std::thread::spawn(move || {
        let _ = released.recv();
        drop(clone); // the last handle: the failure was reported, no second panic
    });
    let message = panic_message(move || drop(mock));
    assert_contains(
        &message,
        &[
            "the rule on ListRoots (TooManyRequestsException): expected to answer exactly 2 call(s), answered 0",
            &format!("rule written at {HERE}"),
            &format!("(checked when the mock made at {HERE}"),
        ],
    );
    release.send(()).unwrap();
    thread.join().expect("the thread's clone does not panic again");
}

#[tokio::test]
async fn the_owners_drop_names_where_the_mock_and_the_expectation_were_written() {
    let (client, mock) = aws_organizations_mock::mock_client();
    let made_at = format!("{HERE}{}:", line!() - 1);
    let expected_at = format!("{HERE}{}:", line!() + 1);
    mock.expect(Client::create_account).times(1);
    client.create_organization().send().await.unwrap();
    let clone = mock.clone();
    let message = panic_message(move || drop(mock));
    assert_contains(
        &message,
        &[
            UNMET,
            &format!("expectation written at {expected_at}"),
            &format!("(checked when the mock made at {made_at}"),
            "CreateOrganization by 111111111111",
        ],
    );
    drop(clone);
}

/// The owner went while the expectation held; a clone's later call breaks
/// it, and the last handle's drop reports that.
#[tokio::test]
async fn a_call_after_the_owner_went_is_verified_when_the_last_handle_goes() {
    let mock = MockOrganizations::builder().build();
    let client = organization(&mock).await;
    mock.expect(Client::list_roots).times(1);
    client.list_roots().send().await.unwrap();
    let clone = mock.clone();
    drop(mock); // met so far: no panic
    clone.client().list_roots().send().await.unwrap();
    let message = panic_message(move || drop(clone));
    assert_contains(&message, &["ListRoots: expected exactly 1 call, received 2"]);
}

#[tokio::test]
async fn a_met_expectation_does_not_fail_when_the_owner_goes_first() {
    let mock = MockOrganizations::builder().build();
    let client = organization(&mock).await;
    mock.expect(Client::list_roots).times(1);
    let clone = mock.clone();
    let task = tokio::spawn(async move {
        clone.client().list_roots().send().await.unwrap();
        clone
    });
    let clone = task.await.unwrap();
    drop(mock); // met: no panic
                // Clones still work, and are Clone + Send + Sync.
    fn shareable<T: Clone + Send + Sync>(_: &T) {}
    shareable(&clone);
    client.list_roots().send().await.unwrap();
    clone.reset_expectations();
}

/// The calls `verify` lists show each request whole up to 160 characters,
/// and a longer one cut short with "...".
#[tokio::test]
async fn the_calls_verify_lists_show_short_requests_whole_and_long_ones_cut() {
    let message = verify_fails_with(
        |mock| {
            mock.expect(Client::delete_organization).times(1);
        },
        async |client| {
            client.describe_organization().send().await.unwrap();
            let root = crate::support::root_id(client).await;
            let mut tagging = client.tag_resource().resource_id(&root);
            for n in 0..8 {
                tagging = tagging.tags(
                    aws_organizations_mock::aws_sdk_organizations::types::Tag::builder()
                        .key(format!("key-{n}"))
                        .value("v".repeat(20))
                        .build()
                        .unwrap(),
                );
            }
            tagging.send().await.unwrap();
        },
        &["DeleteOrganization: expected exactly 1 call, received 0"],
    )
    .await;
    let listed = |operation: &str| {
        message
            .lines()
            .find(|line| line.contains(operation))
            .unwrap_or_else(|| panic!("no {operation} in:\n{message}"))
            .to_string()
    };
    let describe = listed("DescribeOrganization by");
    assert!(describe.ends_with(" {} -> 200"), "{describe}");
    let tagging = listed("TagResource by");
    assert!(tagging.contains("...") && tagging.ends_with("... -> 200"), "{tagging}");
    let request = tagging
        .split(" by 111111111111 ")
        .nth(1)
        .unwrap()
        .trim_end_matches(" -> 200");
    assert!(request.len() <= 160, "{} characters: {request}", request.len());
    assert!(!message.contains("older calls dropped"), "{message}");
}

/// When the recording keeps only the latest calls, `verify`'s list says how
/// many older ones it dropped.
#[tokio::test]
async fn the_calls_verify_lists_say_how_many_older_ones_were_dropped() {
    let mock = MockOrganizations::builder().max_recorded_calls(2).build();
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    for _ in 0..3 {
        client.describe_organization().send().await.unwrap();
    }
    mock.expect(Client::delete_organization).times(1);
    let message = verify_message(&mock);
    assert_contains(
        &message,
        &["Calls received (2):\n  (2 older calls dropped: see max_recorded_calls)\n  1. "],
    );
}
