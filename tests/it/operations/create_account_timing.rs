//! `CreateAccountCompletion::After`: a create-account request that completes
//! after a time on the mock's clock, through the real SDK client.

use std::future::Future;
use std::time::Duration;

use aws_organizations_mock::aws_sdk_organizations as orgs;
use aws_organizations_mock::{CreateAccountCompletion, MockOrganizations};
use orgs::config::AsyncSleep;
use orgs::types::{CreateAccountState, CreateAccountStatus};
use orgs::Client;

const MINUTE: Duration = Duration::from_secs(60);

fn mock_taking(duration: Duration) -> MockOrganizations {
    MockOrganizations::builder()
        .create_account_completion(CreateAccountCompletion::After(duration))
        .build()
}

async fn request(client: &Client, name: &str) -> String {
    let created = client
        .create_account()
        .account_name(name)
        .email(format!("{name}@example.com"))
        .send()
        .await
        .unwrap();
    let status = created.create_account_status().unwrap();
    assert_eq!(status.state(), Some(&CreateAccountState::InProgress));
    assert_eq!(status.completed_timestamp(), None);
    status.id().unwrap().to_string()
}

async fn describe(client: &Client, id: &str) -> CreateAccountStatus {
    client
        .describe_create_account_status()
        .create_account_request_id(id)
        .send()
        .await
        .unwrap()
        .create_account_status()
        .unwrap()
        .clone()
}

async fn listed(client: &Client) -> Vec<CreateAccountStatus> {
    client
        .list_create_account_status()
        .send()
        .await
        .unwrap()
        .create_account_statuses()
        .to_vec()
}

async fn account_count(client: &Client) -> usize {
    client.list_accounts().send().await.unwrap().accounts().len()
}

/// Completed minus requested, in milliseconds.
fn took_ms(status: &CreateAccountStatus) -> i64 {
    let requested = status.requested_timestamp().unwrap().to_millis().unwrap();
    status.completed_timestamp().unwrap().to_millis().unwrap() - requested
}

#[tokio::test]
async fn create_account_completes_once_the_mock_clock_has_moved_by_the_duration() {
    let mock = mock_taking(MINUTE);
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    let id = request(&client, "slow").await;

    // Any number of polls: still in progress, and no account yet.
    for _ in 0..5 {
        let status = describe(&client, &id).await;
        assert_eq!(status.state(), Some(&CreateAccountState::InProgress));
        assert_eq!(status.completed_timestamp(), None);
        assert_eq!(status.account_id(), None);
    }
    assert_eq!(account_count(&client).await, 1);
    mock.advance(MINUTE - Duration::from_millis(1));
    assert_eq!(
        describe(&client, &id).await.state(),
        Some(&CreateAccountState::InProgress)
    );
    assert_eq!(listed(&client).await[0].state(), Some(&CreateAccountState::InProgress));
    assert_eq!(account_count(&client).await, 1);

    mock.advance(Duration::from_millis(1));
    // ListCreateAccountStatus sees it without a DescribeCreateAccountStatus first.
    let status = listed(&client).await[0].clone();
    assert_eq!(status.state(), Some(&CreateAccountState::Succeeded));
    assert_eq!(took_ms(&status), 60_000);
    // A commercial account only: no GovCloud account.
    assert_eq!(status.gov_cloud_account_id(), None);
    let described = describe(&client, &id).await;
    assert_eq!(described, status);
    let accounts = client.list_accounts().send().await.unwrap();
    assert_eq!(accounts.accounts().len(), 2);
    let account = accounts
        .accounts()
        .iter()
        .find(|a| a.id() == status.account_id())
        .unwrap();
    assert_eq!(account.joined_timestamp(), status.completed_timestamp());
}

#[tokio::test]
async fn the_completion_time_is_the_due_time_however_far_the_clock_jumps() {
    let mock = mock_taking(MINUTE);
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    let first = request(&client, "first").await;
    mock.advance(Duration::from_secs(30));
    let second = request(&client, "second").await;
    mock.advance(Duration::from_secs(24 * 3600));
    for id in [&first, &second] {
        let status = describe(&client, id).await;
        assert_eq!(status.state(), Some(&CreateAccountState::Succeeded));
        assert_eq!(took_ms(&status), 60_000);
    }
    let statuses = listed(&client).await;
    assert_eq!(statuses.len(), 2);
    assert!(statuses.iter().all(|s| took_ms(s) == 60_000));
}

#[tokio::test]
async fn a_taken_email_fails_when_the_time_comes() {
    let mock = mock_taking(MINUTE);
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    request(&client, "twin").await;
    let again = request(&client, "twin").await;
    mock.advance(MINUTE);
    let status = describe(&client, &again).await;
    assert_eq!(status.state(), Some(&CreateAccountState::Failed));
    assert_eq!(
        status.failure_reason().map(|r| r.as_str()),
        Some("EMAIL_ALREADY_EXISTS")
    );
    assert_eq!(took_ms(&status), 60_000);
    assert_eq!(account_count(&client).await, 2);
}

/// The README's polling loop, sleeping between polls with `sleep`; the
/// account's id and the number of polls.
async fn vend_account<F: Future<Output = ()>>(
    client: &Client,
    team: &str,
    sleep: impl Fn(Duration) -> F,
) -> (String, u32) {
    let request_id = request(client, team).await;
    let mut polls = 0;
    loop {
        polls += 1;
        let status = describe(client, &request_id).await;
        match (status.state(), status.account_id()) {
            (Some(CreateAccountState::Succeeded), Some(id)) => return (id.to_string(), polls),
            (Some(CreateAccountState::InProgress), _) => sleep(Duration::from_secs(5)).await,
            _ => panic!("not created: {status:?}"),
        }
    }
}

/// The loop sleeping with the client's own sleep (the mock's, which SDK
/// retries use too): every sleep moves the mock's clock.
async fn vend_account_sleeping_with_the_sdk(client: &Client, team: &str) -> (String, u32) {
    let sleep = client.config().sleep_impl().expect("the mock's clients have a sleep");
    // Bounded: a sleep that stopped moving the mock clock fails here, at
    // once, instead of polling forever.
    let slept = std::sync::atomic::AtomicU32::new(0);
    vend_account(client, team, |d| {
        let n = slept.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        assert!(
            n < 1000,
            "1,000 sleeps of the SDK's sleep and the account is not done: the mock clock does not move"
        );
        sleep.sleep(d)
    })
    .await
}

/// The loop as the README writes it, sleeping with `tokio::time::sleep`.
async fn vend_account_sleeping_with_tokio(client: &Client, team: &str) -> String {
    vend_account(client, team, tokio::time::sleep).await.0
}

#[tokio::test]
async fn a_polling_loop_sleeping_with_the_sdks_sleep_completes_on_the_mock_clock() {
    let mock = mock_taking(MINUTE);
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    let before = mock.now();
    let (id, polls) = vend_account_sleeping_with_the_sdk(&client, "team-a").await;
    // Polls at 0 s, 5 s, ..., 60 s.
    assert_eq!(polls, 13);
    assert_eq!(mock.now().duration_since(before).unwrap(), MINUTE);
    let accounts = client.list_accounts().send().await.unwrap();
    assert!(accounts.accounts().iter().any(|a| a.id() == Some(id.as_str())));
}

#[tokio::test(start_paused = true)]
async fn tokios_sleep_does_not_move_the_mock_clock_so_that_loop_never_ends() {
    let mock = mock_taking(MINUTE);
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    let before = mock.now();
    // An hour of tokio's (paused, so instant) time: 720 polls, all IN_PROGRESS.
    let outcome = tokio::time::timeout(
        Duration::from_secs(3600),
        vend_account_sleeping_with_tokio(&client, "team-a"),
    )
    .await;
    assert!(outcome.is_err(), "the loop ended: {outcome:?}");
    assert_eq!(mock.now(), before);
    assert!(mock.calls_to(Client::describe_create_account_status).len() >= 700);
}

#[tokio::test(start_paused = true)]
async fn a_test_can_move_the_mock_clock_along_with_tokios() {
    let mock = mock_taking(MINUTE);
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    let before = mock.now();
    // The remedy when the code under test sleeps with tokio: a task moving
    // the mock's clock as tokio's (paused) clock moves.
    let ticker = {
        let mock = mock.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(1)).await;
                mock.advance(Duration::from_secs(1));
            }
        })
    };
    // Bounded: were the ticker's clock not this mock's, the loop would poll
    // forever; an hour of tokio's (paused, so instant) time ends it.
    let id = tokio::time::timeout(
        Duration::from_secs(3600),
        vend_account_sleeping_with_tokio(&client, "team-a"),
    )
    .await
    .expect("the account is created within an hour of tokio's time as the ticker moves the mock's clock");
    ticker.abort();
    let status = &listed(&client).await[0];
    assert_eq!(status.account_id(), Some(id.as_str()));
    assert_eq!(took_ms(status), 60_000);
    assert!(mock.now().duration_since(before).unwrap() >= MINUTE);
}

#[test]
fn a_pending_request_and_the_setting_survive_a_snapshot() {
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let mock = mock_taking(MINUTE);
    let client = mock.client();
    let id = rt.block_on(async {
        client.create_organization().send().await.unwrap();
        request(&client, "pending").await
    });
    let snapshot = mock.snapshot();
    assert_eq!(
        snapshot["settings"]["create_account_completion"],
        serde_json::json!({"AfterMs": 60000})
    );
    let requests = snapshot["orgs"].as_object().unwrap().values().next().unwrap()["create_account_requests"].clone();
    let outcome = &requests[&id]["outcome"];
    let due = snapshot["now"].as_i64().unwrap() + 60_000;
    assert_eq!(
        outcome,
        &serde_json::json!({"InProgressUntil": {"completes_at": due, "failure": null}})
    );

    let copy = MockOrganizations::from_snapshot(snapshot.clone()).unwrap();
    assert_eq!(copy.snapshot(), snapshot);
    let copy_client = copy.client();
    rt.block_on(async {
        assert_eq!(
            describe(&copy_client, &id).await.state(),
            Some(&CreateAccountState::InProgress)
        );
        copy.advance(MINUTE);
        assert_eq!(took_ms(&describe(&copy_client, &id).await), 60_000);
        // The setting came along: a new request takes a minute too.
        let next = request(&copy_client, "next").await;
        copy.advance(MINUTE - Duration::from_millis(1));
        assert_eq!(
            describe(&copy_client, &next).await.state(),
            Some(&CreateAccountState::InProgress)
        );
    });

    // A snapshot whose clock is past the due time of a request still in
    // progress describes an impossible world.
    let mut late = snapshot;
    late["now"] = serde_json::json!(due);
    let err = MockOrganizations::from_snapshot(late).unwrap_err().to_string();
    assert!(err.contains("past its completion time"), "{err}");
}

/// A GovCloud request names its GovCloud account once it has succeeded, not
/// while it is in progress.
#[tokio::test]
async fn a_govcloud_request_names_its_govcloud_account_once_it_succeeded() {
    let mock = mock_taking(MINUTE);
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    mock.pair_govcloud_account(mock.default_account_id());
    let created = client
        .create_gov_cloud_account()
        .email("gov@example.com")
        .account_name("gov")
        .send()
        .await
        .unwrap();
    let id = created.create_account_status().unwrap().id().unwrap().to_string();
    let pending = describe(&client, &id).await;
    assert_eq!(pending.state(), Some(&CreateAccountState::InProgress));
    assert_eq!(pending.gov_cloud_account_id(), None);
    mock.advance(MINUTE);
    let done = describe(&client, &id).await;
    assert_eq!(done.state(), Some(&CreateAccountState::Succeeded));
    assert!(done.gov_cloud_account_id().is_some_and(|g| g.len() == 12), "{done:?}");
}
