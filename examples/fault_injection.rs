//! Tests a retrying account-vending function against an AWS that misbehaves
//! on purpose: throttling beyond the SDK's own retries, a slow CreateAccount,
//! a creation that fails, and a quota that is reached.
//!
//! Run it with `cargo run --example fault_injection`.

use std::time::Duration;

use aws_organizations_mock::aws_sdk_organizations::error::{DisplayErrorContext, SdkError};
use aws_organizations_mock::aws_sdk_organizations::operation::create_account::CreateAccountError;
use aws_organizations_mock::aws_sdk_organizations::operation::describe_create_account_status::DescribeCreateAccountStatusOutput;
use aws_organizations_mock::aws_sdk_organizations::types::{
    ConstraintViolationExceptionReason, CreateAccountFailureReason, CreateAccountState, CreateAccountStatus,
};
use aws_organizations_mock::aws_sdk_organizations::Client;
use aws_organizations_mock::{CreateAccountCompletion, MockError, MockOrganizations, OrgFixture, OuFixture};

// ---------------------------------------------------------------------------
// The code under test: vends an account into an OU. It retries CreateAccount
// (up to 3 times, on throttling and concurrent modification that outlast the
// SDK's own retries), polls the request until it completes, and moves the
// account into place.
// ---------------------------------------------------------------------------

#[derive(Debug)]
enum VendError {
    /// AWS said no in a way retrying will not fix.
    Rejected(String),
    /// CreateAccount completed as FAILED.
    CreationFailed(String),
    /// Still throttled after every attempt.
    GaveUp(usize),
}

async fn vend_account(client: &Client, name: &str, email: &str, ou_id: &str) -> Result<String, VendError> {
    let mut attempt = 0;
    let request_id = loop {
        attempt += 1;
        match client.create_account().account_name(name).email(email).send().await {
            Ok(out) => {
                break out
                    .create_account_status()
                    .and_then(|s| s.id())
                    .unwrap_or_default()
                    .to_string()
            }
            Err(SdkError::ServiceError(e))
                if matches!(
                    e.err(),
                    CreateAccountError::TooManyRequestsException(_)
                        | CreateAccountError::ConcurrentModificationException(_)
                ) && attempt < 3 =>
            {
                tokio::time::sleep(Duration::from_secs(2u64.pow(attempt as u32))).await;
            }
            Err(SdkError::ServiceError(e)) if matches!(e.err(), CreateAccountError::TooManyRequestsException(_)) => {
                return Err(VendError::GaveUp(attempt))
            }
            Err(e) => return Err(VendError::Rejected(DisplayErrorContext(e).to_string())),
        }
    };
    let account_id = loop {
        let out = client
            .describe_create_account_status()
            .create_account_request_id(&request_id)
            .send()
            .await
            .map_err(|e| VendError::Rejected(DisplayErrorContext(e).to_string()))?;
        let status = out
            .create_account_status()
            .ok_or_else(|| VendError::Rejected("no CreateAccountStatus in the answer".into()))?;
        match status.state() {
            Some(CreateAccountState::Succeeded) => break status.account_id().unwrap_or_default().to_string(),
            Some(CreateAccountState::Failed) => {
                let reason = status.failure_reason().map(|r| r.as_str().to_string());
                return Err(VendError::CreationFailed(reason.unwrap_or_default()));
            }
            _ => tokio::time::sleep(Duration::from_secs(10)).await,
        }
    };
    let root = client
        .list_parents()
        .child_id(&account_id)
        .send()
        .await
        .map_err(|e| VendError::Rejected(DisplayErrorContext(e).to_string()))?
        .parents()[0]
        .id()
        .unwrap_or_default()
        .to_string();
    client
        .move_account()
        .account_id(&account_id)
        .source_parent_id(root)
        .destination_parent_id(ou_id)
        .send()
        .await
        .map_err(|e| VendError::Rejected(DisplayErrorContext(e).to_string()))?;
    Ok(account_id)
}

// ---------------------------------------------------------------------------
// The tests, each against its own mock.
// ---------------------------------------------------------------------------

fn mock_with_workloads(completion: CreateAccountCompletion) -> (MockOrganizations, String) {
    let mock = MockOrganizations::builder()
        .create_account_completion(completion)
        .build();
    let ids = mock
        .load_fixture(&OrgFixture::new().ou(OuFixture::new("Workloads")))
        .expect("the fixture loads");
    let ou = ids.ou("Workloads").to_string();
    (mock, ou)
}

async fn survives_throttling_beyond_the_sdk_retries() {
    let (mock, ou) = mock_with_workloads(CreateAccountCompletion::Immediate);
    // The SDK makes 3 attempts per call: throttle 4 times, so the first call
    // fails and the function's own retry gets through on its second attempt.
    mock.on(Client::create_account)
        .fail_with(MockError::throttling())
        .times(4);
    mock.expect(Client::create_account).times(5);
    mock.expect(Client::move_account).times(1);

    let account = vend_account(&mock.client(), "team-a", "team-a@example.com", &ou)
        .await
        .expect("vended");
    let parents = mock.client().list_parents().child_id(&account).send().await.unwrap();
    assert_eq!(parents.parents()[0].id(), Some(ou.as_str()));
    mock.verify();
    println!("ok: survives throttling beyond the SDK's retries ({account})");
}

async fn gives_up_when_throttling_persists() {
    let (mock, ou) = mock_with_workloads(CreateAccountCompletion::Immediate);
    mock.on(Client::create_account)
        .fail_with(MockError::throttling())
        .always();
    mock.expect(Client::create_account).times(9); // 3 function attempts x 3 SDK attempts
    mock.expect(Client::move_account).never();
    let err = vend_account(&mock.client(), "team-b", "team-b@example.com", &ou)
        .await
        .unwrap_err();
    assert!(matches!(err, VendError::GaveUp(3)), "{err:?}");
    assert!(mock
        .calls_to(Client::create_account)
        .iter()
        .all(|c| c.injected().is_some()));
    println!("ok: gives up after 3 attempts ({err:?})");
}

async fn waits_for_a_slow_creation() {
    let (mock, ou) = mock_with_workloads(CreateAccountCompletion::AfterPolls(4));
    mock.expect(Client::describe_create_account_status).times(4);
    let account = vend_account(&mock.client(), "team-c", "team-c@example.com", &ou)
        .await
        .expect("vended");
    mock.verify();
    println!("ok: waits for a slow creation ({account})");
}

async fn reports_a_failed_creation() {
    let (mock, ou) = mock_with_workloads(CreateAccountCompletion::Fail("EMAIL_ALREADY_EXISTS".into()));
    mock.expect(Client::create_account).times(1);
    mock.expect(Client::move_account).never();
    let err = vend_account(&mock.client(), "team-d", "team-d@example.com", &ou)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, VendError::CreationFailed(r) if r == "EMAIL_ALREADY_EXISTS"),
        "{err:?}"
    );
    println!("ok: reports a failed creation ({err:?})");
}

async fn does_not_retry_a_quota() {
    let (mock, ou) = mock_with_workloads(CreateAccountCompletion::Immediate);
    let before = mock.snapshot();
    mock.on(Client::create_account)
        .fail_with(MockError::constraint_violation(
            ConstraintViolationExceptionReason::AccountNumberLimitExceeded,
        ))
        .always();
    mock.expect(Client::create_account).times(1);
    let err = vend_account(&mock.client(), "team-e", "team-e@example.com", &ou)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, VendError::Rejected(m) if m.contains("ACCOUNT_NUMBER_LIMIT_EXCEEDED")),
        "{err:?}"
    );
    assert_eq!(mock.snapshot(), before, "an injected error changes nothing");
    println!("ok: does not retry a quota");
}

async fn survives_a_flaky_load_balancer_and_reports_a_reason_aws_chose() {
    let (mock, ou) = mock_with_workloads(CreateAccountCompletion::Immediate);
    // Two 503s (the SDK retries them), then the model creates the account.
    mock.on(Client::create_account)
        .fail_with(MockError::http(503, "Service Unavailable"))
        .times(2);
    // AWS answers the status poll with a FAILED creation and a reason of its choosing.
    mock.on(Client::describe_create_account_status)
        .respond_with_fn(|input| {
            DescribeCreateAccountStatusOutput::builder()
                .create_account_status(
                    CreateAccountStatus::builder()
                        .id(input.create_account_request_id().unwrap_or_default())
                        .state(CreateAccountState::Failed)
                        .failure_reason(CreateAccountFailureReason::GovcloudAccountAlreadyExists)
                        .build(),
                )
                .build()
        });
    mock.expect(Client::move_account).never();
    let err = vend_account(&mock.client(), "team-f", "team-f@example.com", &ou)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, VendError::CreationFailed(r) if r == "GOVCLOUD_ACCOUNT_ALREADY_EXISTS"),
        "{err:?}"
    );
    let statuses: Vec<u16> = mock
        .calls_to(Client::create_account)
        .iter()
        .map(|c| c.status())
        .collect();
    assert_eq!(statuses, [503, 503, 200]);
    mock.verify();
    println!("ok: survives a flaky load balancer, reports {err:?}");
}

// A paused tokio clock: the function's own back-off and polling sleeps take no time.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    survives_throttling_beyond_the_sdk_retries().await;
    gives_up_when_throttling_persists().await;
    waits_for_a_slow_creation().await;
    reports_a_failed_creation().await;
    does_not_retry_a_quota().await;
    survives_a_flaky_load_balancer_and_reports_a_reason_aws_chose().await;
    // Each mock is dropped at the end of its test: unmet expectations panic there.
}
