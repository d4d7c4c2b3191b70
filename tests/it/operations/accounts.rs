//! Accounts through the real SDK client: asynchronous creation, the account
//! quota, closing, removing and moving accounts.

use std::time::Duration;

use aws_organizations_mock::aws_sdk_organizations as orgs;
use aws_organizations_mock::{mock_client, CreateAccountCompletion, Limits, MockOrganizations};
use orgs::types::{
    AccountJoinedMethod, AccountState, AccountStatus, ConstraintViolationExceptionReason, CreateAccountFailureReason,
    CreateAccountState, ParentType,
};

use crate::support;
use crate::support::MANAGEMENT;
use support::{create_organization, create_ou, new_account, tag};

// ---------------------------------------------------------------- accounts

#[tokio::test]
async fn create_account_is_asynchronous_like_aws() {
    let (client, _mock) = mock_client();
    let root = create_organization(&client).await;
    let created = client
        .create_account()
        .account_name("Prod")
        .email("prod@example.com")
        .tags(tag("team", "core"))
        .send()
        .await
        .unwrap();
    let status = created.create_account_status().unwrap();
    assert_eq!(status.state(), Some(&CreateAccountState::InProgress));
    assert_eq!(status.account_name(), Some("Prod"));
    assert!(status.account_id().is_none());
    // The answer shows the request as made, though the mock has created the
    // account already: IN_PROGRESS, so no CompletedTimestamp ("the date and
    // time that the account was created and the request completed", the model).
    assert_eq!(status.completed_timestamp(), None);
    assert!(status.requested_timestamp().is_some());
    let request_id = status.id().unwrap();
    assert!(request_id.starts_with("car-") && request_id.len() == 36, "{request_id}");

    let done = client
        .describe_create_account_status()
        .create_account_request_id(request_id)
        .send()
        .await
        .unwrap();
    let done = done.create_account_status().unwrap();
    assert_eq!(done.state(), Some(&CreateAccountState::Succeeded));
    assert!(done.completed_timestamp().is_some());
    let account_id = done.account_id().unwrap();
    assert_eq!(account_id.len(), 12);

    let account = client.describe_account().account_id(account_id).send().await.unwrap();
    let account = account.account().unwrap();
    assert_eq!(account.name(), Some("Prod"));
    assert_eq!(account.email(), Some("prod@example.com"));
    assert_eq!(account.status(), Some(&AccountStatus::Active));
    assert_eq!(account.state(), Some(&AccountState::Active));
    assert_eq!(account.joined_method(), Some(&AccountJoinedMethod::Created));
    let org_id = client
        .describe_organization()
        .send()
        .await
        .unwrap()
        .organization()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    assert_eq!(
        account.arn().unwrap(),
        format!("arn:aws:organizations::{MANAGEMENT}:account/{org_id}/{account_id}")
    );
    assert_eq!(account.paths(), [format!("{org_id}/{root}/{account_id}/")]);

    let tags = client
        .list_tags_for_resource()
        .resource_id(account_id)
        .send()
        .await
        .unwrap();
    assert_eq!(tags.tags(), [tag("team", "core")]);
}

#[tokio::test]
async fn a_taken_email_fails_the_request_asynchronously() {
    let (client, _mock) = mock_client();
    client.create_organization().send().await.unwrap();
    new_account(&client, "dup").await;
    let again = client
        .create_account()
        .account_name("x")
        .email("DUP@example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(
        again.create_account_status().unwrap().state(),
        Some(&CreateAccountState::InProgress)
    );
    let id = again.create_account_status().unwrap().id().unwrap();
    let status = client
        .describe_create_account_status()
        .create_account_request_id(id)
        .send()
        .await
        .unwrap();
    let status = status.create_account_status().unwrap();
    assert_eq!(status.state(), Some(&CreateAccountState::Failed));
    assert_eq!(
        status.failure_reason(),
        Some(&CreateAccountFailureReason::EmailAlreadyExists)
    );

    let failed = client
        .list_create_account_status()
        .states(CreateAccountState::Failed)
        .send()
        .await
        .unwrap();
    assert_eq!(failed.create_account_statuses().len(), 1);
    let all = client.list_create_account_status().send().await.unwrap();
    assert_eq!(all.create_account_statuses().len(), 2);

    assert_fails!(
        client
            .describe_create_account_status()
            .create_account_request_id("car-00000000000000000000000000000000"),
        is_create_account_status_not_found_exception
    );
}

#[tokio::test]
async fn create_account_can_complete_after_polls() {
    let mock = MockOrganizations::builder()
        .create_account_completion(CreateAccountCompletion::AfterPolls(2))
        .build();
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    let created = client
        .create_account()
        .account_name("a")
        .email("a@example.com")
        .send()
        .await
        .unwrap();
    let id = created.create_account_status().unwrap().id().unwrap();
    let poll = || {
        client
            .describe_create_account_status()
            .create_account_request_id(id)
            .send()
    };
    assert_eq!(
        poll().await.unwrap().create_account_status().unwrap().state(),
        Some(&CreateAccountState::InProgress)
    );
    assert_eq!(client.list_accounts().send().await.unwrap().accounts().len(), 1);
    assert_eq!(
        poll().await.unwrap().create_account_status().unwrap().state(),
        Some(&CreateAccountState::Succeeded)
    );
    assert_eq!(client.list_accounts().send().await.unwrap().accounts().len(), 2);
}

#[tokio::test]
async fn the_account_quota_is_a_constraint_violation() {
    let mock = MockOrganizations::builder()
        .limits(Limits {
            max_accounts: 2,
            ..Limits::default()
        })
        .build();
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    new_account(&client, "one").await;
    let err = client
        .create_account()
        .account_name("two")
        .email("two@example.com")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_reason!(
        err,
        orgs::operation::create_account::CreateAccountError::ConstraintViolationException,
        ConstraintViolationExceptionReason::AccountNumberLimitExceeded
    );
}

#[tokio::test]
async fn describe_account_of_an_unknown_account() {
    let (client, _mock) = mock_client();
    client.create_organization().send().await.unwrap();
    assert_fails!(
        client.describe_account().account_id("999999999999"),
        is_account_not_found_exception
    );
}

#[tokio::test]
async fn close_account_goes_pending_then_suspended_on_the_clock() {
    let (client, mock) = mock_client();
    client.create_organization().send().await.unwrap();
    let id = new_account(&client, "closing").await;
    client.close_account().account_id(&id).send().await.unwrap();
    let describe = || client.describe_account().account_id(&id).send();
    let account = describe().await.unwrap();
    assert_eq!(account.account().unwrap().state(), Some(&AccountState::PendingClosure));
    assert_eq!(
        account.account().unwrap().status(),
        Some(&AccountStatus::PendingClosure)
    );

    // Closing it again while PENDING_CLOSURE: AccountAlreadyClosedException (the
    // model: "an account that is already closed"); that a closing account counts
    // as closed is our reading, FIDELITY.md "CloseAccount of a closing account".
    let err = client.close_account().account_id(&id).send().await.unwrap_err();
    assert_eq!(support::decoded::decoded(err), "AccountAlreadyClosedException");

    mock.advance(Duration::from_secs(3600));
    let account = describe().await.unwrap();
    assert_eq!(account.account().unwrap().state(), Some(&AccountState::Suspended));
    assert_eq!(account.account().unwrap().status(), Some(&AccountStatus::Suspended));

    let err = client
        .close_account()
        .account_id(MANAGEMENT)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_reason!(
        err,
        orgs::operation::close_account::CloseAccountError::ConstraintViolationException,
        ConstraintViolationExceptionReason::CannotCloseManagementAccount
    );
}

#[tokio::test]
async fn the_close_account_quota_rolls() {
    let mock = MockOrganizations::builder()
        .limits(Limits {
            close_account_quota: Some(2),
            ..Limits::default()
        })
        .build();
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    let mut ids = Vec::new();
    for i in 0..3 {
        ids.push(new_account(&client, &format!("acct{i}")).await);
    }
    client.close_account().account_id(&ids[0]).send().await.unwrap();
    client.close_account().account_id(&ids[1]).send().await.unwrap();
    let third_is_refused = || async {
        let err = client
            .close_account()
            .account_id(&ids[2])
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        assert_reason!(
            err,
            orgs::operation::close_account::CloseAccountError::ConstraintViolationException,
            ConstraintViolationExceptionReason::CloseAccountQuotaExceeded
        );
    };
    third_is_refused().await;
    // "Within a rolling 30 day period" (the model): a millisecond short of 30
    // days after the first two closures, they still count.
    mock.advance(Duration::from_secs(30 * 24 * 3600) - Duration::from_millis(1));
    third_is_refused().await;
    mock.advance(Duration::from_millis(1));
    client.close_account().account_id(&ids[2]).send().await.unwrap();
}

#[tokio::test]
async fn remove_account_from_organization() {
    let (client, _mock) = mock_client();
    client.create_organization().send().await.unwrap();
    let id = new_account(&client, "leaving").await;
    client
        .remove_account_from_organization()
        .account_id(&id)
        .send()
        .await
        .unwrap();
    assert_fails!(
        client.describe_account().account_id(&id),
        is_account_not_found_exception
    );
    assert_fails!(
        client.remove_account_from_organization().account_id(MANAGEMENT),
        is_master_cannot_leave_organization_exception
    );
    assert_fails!(
        client.remove_account_from_organization().account_id(&id),
        is_account_not_found_exception
    );
}

#[tokio::test]
async fn move_account_and_its_errors() {
    let (client, _mock) = mock_client();
    let root = create_organization(&client).await;
    let ou = create_ou(&client, &root, "Target").await;
    let id = new_account(&client, "mover").await;
    let mv = |src: &str, dst: &str| {
        client
            .move_account()
            .account_id(&id)
            .source_parent_id(src)
            .destination_parent_id(dst)
            .send()
    };
    mv(&root, &ou).await.unwrap();
    let parents = client.list_parents().child_id(&id).send().await.unwrap();
    assert_eq!(parents.parents()[0].id(), Some(ou.as_str()));
    assert_eq!(parents.parents()[0].r#type(), Some(&ParentType::OrganizationalUnit));

    let err = mv(&ou, &ou).await.unwrap_err().into_service_error();
    assert!(err.is_duplicate_account_exception(), "{err:?}");
    let err = mv(&root, &ou).await.unwrap_err().into_service_error();
    assert!(err.is_source_parent_not_found_exception(), "{err:?}");
    let err = mv(&ou, "ou-zzzz-zzzzzzzz").await.unwrap_err().into_service_error();
    assert!(err.is_destination_parent_not_found_exception(), "{err:?}");
    assert_fails!(
        client
            .move_account()
            .account_id("999999999999")
            .source_parent_id(&ou)
            .destination_parent_id(&root),
        is_account_not_found_exception
    );

    let in_ou = client.list_accounts_for_parent().parent_id(&ou).send().await.unwrap();
    assert_eq!(in_ou.accounts().len(), 1);
    let in_root = client.list_accounts_for_parent().parent_id(&root).send().await.unwrap();
    assert_eq!(
        in_root.accounts().len(),
        1,
        "only the management account is left in the root"
    );
}
