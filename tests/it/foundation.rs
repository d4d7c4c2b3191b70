//! The foundation through the real SDK client: organizations, accounts, OUs,
//! the tree, tags, pagination, authorization, recording and the transport.

use std::time::Duration;

use aws_organizations_mock::aws_sdk_organizations as orgs;
use aws_organizations_mock::{mock_client, CreateAccountCompletion, Limits, MockOrganizations};
use orgs::error::ProvideErrorMetadata;
use orgs::types::{
    AccountJoinedMethod, AccountState, AccountStatus, ChildType, ConstraintViolationExceptionReason,
    CreateAccountFailureReason, CreateAccountState, InvalidInputExceptionReason, OrganizationFeatureSet, ParentType,
};
use orgs::Client;

use crate::support;
use support::{create_organization, create_ou, move_account, new_account, tag};

const MANAGEMENT: &str = "111111111111";

// ---------------------------------------------------------------- organization

#[tokio::test]
async fn create_describe_and_delete_an_organization() {
    let (client, _mock) = mock_client();
    let created = client.create_organization().send().await.unwrap();
    let org = created.organization().unwrap();
    let id = org.id().unwrap();
    assert!(id.starts_with("o-") && id.len() == 12, "{id}");
    assert_eq!(
        org.arn().unwrap(),
        format!("arn:aws:organizations::{MANAGEMENT}:organization/{id}")
    );
    assert_eq!(org.feature_set(), Some(&OrganizationFeatureSet::All));
    assert_eq!(org.master_account_id(), Some(MANAGEMENT));
    assert_eq!(org.master_account_email(), Some("management@example.com"));

    let described = client.describe_organization().send().await.unwrap();
    assert_eq!(described.organization().unwrap().id(), Some(id));

    let root = client.list_roots().send().await.unwrap();
    let root = &root.roots()[0];
    assert!(root.id().unwrap().starts_with("r-"));
    assert_eq!(root.name(), Some("Root"));
    assert_eq!(
        root.arn().unwrap(),
        format!("arn:aws:organizations::{MANAGEMENT}:root/{id}/{}", root.id().unwrap())
    );

    client.delete_organization().send().await.unwrap();
    let err = client.describe_organization().send().await.unwrap_err();
    assert!(err.into_service_error().is_aws_organizations_not_in_use_exception());
}

#[tokio::test]
async fn consolidated_billing_organizations_have_no_policy_types() {
    let (client, _mock) = mock_client();
    let created = client
        .create_organization()
        .feature_set(OrganizationFeatureSet::ConsolidatedBilling)
        .send()
        .await
        .unwrap();
    let org = created.organization().unwrap();
    assert_eq!(org.feature_set(), Some(&OrganizationFeatureSet::ConsolidatedBilling));
    assert!(org.available_policy_types().is_empty());
    let roots = client.list_roots().send().await.unwrap();
    assert!(roots.roots()[0].policy_types().is_empty());
}

#[tokio::test]
async fn an_account_can_be_in_only_one_organization() {
    let (client, _mock) = mock_client();
    client.create_organization().send().await.unwrap();
    let err = client
        .create_organization()
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_already_in_organization_exception(), "{err:?}");
}

#[tokio::test]
async fn an_organization_with_members_cannot_be_deleted() {
    let (client, _mock) = mock_client();
    client.create_organization().send().await.unwrap();
    let member = new_account(&client, "member").await;
    let err = client
        .delete_organization()
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_organization_not_empty_exception(), "{err:?}");
    client
        .remove_account_from_organization()
        .account_id(&member)
        .send()
        .await
        .unwrap();
    client.delete_organization().send().await.unwrap();
}

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

    let err = client
        .describe_create_account_status()
        .create_account_request_id("car-00000000000000000000000000000000")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_create_account_status_not_found_exception(), "{err:?}");
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
    let err = client
        .describe_account()
        .account_id("999999999999")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_account_not_found_exception(), "{err:?}");
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
    mock.advance(Duration::from_secs(30 * 24 * 3600));
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
    let err = client
        .describe_account()
        .account_id(&id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_account_not_found_exception());
    let err = client
        .remove_account_from_organization()
        .account_id(MANAGEMENT)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_master_cannot_leave_organization_exception(), "{err:?}");
    let err = client
        .remove_account_from_organization()
        .account_id(&id)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_account_not_found_exception(), "{err:?}");
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
    let err = client
        .move_account()
        .account_id("999999999999")
        .source_parent_id(&ou)
        .destination_parent_id(&root)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_account_not_found_exception(), "{err:?}");

    let in_ou = client.list_accounts_for_parent().parent_id(&ou).send().await.unwrap();
    assert_eq!(in_ou.accounts().len(), 1);
    let in_root = client.list_accounts_for_parent().parent_id(&root).send().await.unwrap();
    assert_eq!(
        in_root.accounts().len(),
        1,
        "only the management account is left in the root"
    );
}

// ---------------------------------------------------------------- OUs and the tree

#[tokio::test]
async fn ous_nest_five_deep_and_no_deeper() {
    let (client, _mock) = mock_client();
    let root = create_organization(&client).await;
    let mut parent = root.clone();
    for depth in 1..=5 {
        parent = create_ou(&client, &parent, &format!("level{depth}")).await;
        assert!(parent.starts_with(&format!("ou-{}-", &root[2..])), "{parent}");
    }
    let err = client
        .create_organizational_unit()
        .parent_id(&parent)
        .name("level6")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_reason!(
        err,
        orgs::operation::create_organizational_unit::CreateOrganizationalUnitError::ConstraintViolationException,
        ConstraintViolationExceptionReason::OuDepthLimitExceeded
    );
    let ou = client
        .describe_organizational_unit()
        .organizational_unit_id(&parent)
        .send()
        .await
        .unwrap();
    let path = ou.organizational_unit().unwrap().path().unwrap().to_string();
    assert_eq!(path.matches("ou-").count(), 5, "{path}");
}

#[tokio::test]
async fn ou_names_are_unique_under_a_parent() {
    let (client, _mock) = mock_client();
    let root = create_organization(&client).await;
    let a = create_ou(&client, &root, "Prod").await;
    let err = client
        .create_organizational_unit()
        .parent_id(&root)
        .name("Prod")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_duplicate_organizational_unit_exception(), "{err:?}");
    let b = create_ou(&client, &root, "Dev").await;
    let err = client
        .update_organizational_unit()
        .organizational_unit_id(&b)
        .name("Prod")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_duplicate_organizational_unit_exception(), "{err:?}");
    let renamed = client
        .update_organizational_unit()
        .organizational_unit_id(&a)
        .name("Production")
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.organizational_unit().unwrap().name(), Some("Production"));
    assert_eq!(renamed.organizational_unit().unwrap().id(), Some(a.as_str()));
    let err = client
        .create_organizational_unit()
        .parent_id("ou-zzzz-zzzzzzzz")
        .name("Orphan")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_parent_not_found_exception(), "{err:?}");
}

#[tokio::test]
async fn delete_only_empty_ous() {
    let (client, _mock) = mock_client();
    let root = create_organization(&client).await;
    let ou = create_ou(&client, &root, "Sandbox").await;
    let id = new_account(&client, "sandbox").await;
    move_account(&client, &id, &root, &ou).await;
    let err = client
        .delete_organizational_unit()
        .organizational_unit_id(&ou)
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_organizational_unit_not_empty_exception());
    move_account(&client, &id, &ou, &root).await;
    client
        .delete_organizational_unit()
        .organizational_unit_id(&ou)
        .send()
        .await
        .unwrap();
    let err = client
        .describe_organizational_unit()
        .organizational_unit_id(&ou)
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_organizational_unit_not_found_exception());
    let err = client
        .delete_organizational_unit()
        .organizational_unit_id(&ou)
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_organizational_unit_not_found_exception());
}

#[tokio::test]
async fn list_children_parents_and_ous_for_parent() {
    let (client, _mock) = mock_client();
    let root = create_organization(&client).await;
    let a = create_ou(&client, &root, "A").await;
    let b = create_ou(&client, &root, "B").await;
    let nested = create_ou(&client, &a, "A1").await;
    let account = new_account(&client, "leaf").await;

    let ous = client
        .list_organizational_units_for_parent()
        .parent_id(&root)
        .send()
        .await
        .unwrap();
    let names: Vec<_> = ous.organizational_units().iter().map(|o| o.name().unwrap()).collect();
    assert_eq!(names, ["A", "B"]);

    let children = client
        .list_children()
        .parent_id(&root)
        .child_type(ChildType::OrganizationalUnit)
        .send()
        .await
        .unwrap();
    let ids: Vec<_> = children.children().iter().map(|c| c.id().unwrap()).collect();
    assert_eq!(ids, [a.as_str(), b.as_str()]);
    let accounts = client
        .list_children()
        .parent_id(&root)
        .child_type(ChildType::Account)
        .send()
        .await
        .unwrap();
    let ids: Vec<_> = accounts.children().iter().map(|c| c.id().unwrap()).collect();
    assert_eq!(ids, [MANAGEMENT, account.as_str()]);
    assert!(accounts
        .children()
        .iter()
        .all(|c| c.r#type() == Some(&ChildType::Account)));

    let parents = client.list_parents().child_id(&nested).send().await.unwrap();
    assert_eq!(parents.parents()[0].id(), Some(a.as_str()));
    let parents = client.list_parents().child_id(&a).send().await.unwrap();
    assert_eq!(parents.parents()[0].r#type(), Some(&ParentType::Root));
    let err = client
        .list_parents()
        .child_id("999999999999")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_child_not_found_exception(), "{err:?}");
    let err = client
        .list_children()
        .parent_id("ou-zzzz-zzzzzzzz")
        .child_type(ChildType::Account)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_parent_not_found_exception(), "{err:?}");
}

// ---------------------------------------------------------------- tags

#[tokio::test]
async fn tags_on_accounts_ous_and_roots() {
    let (client, _mock) = mock_client();
    let root = create_organization(&client).await;
    let ou = client
        .create_organizational_unit()
        .parent_id(&root)
        .name("Tagged")
        .tags(tag("cost-center", "42"))
        .send()
        .await
        .unwrap();
    let ou = ou.organizational_unit().unwrap().id().unwrap().to_string();
    let account = new_account(&client, "tagged").await;
    for resource in [root.as_str(), ou.as_str(), account.as_str()] {
        client
            .tag_resource()
            .resource_id(resource)
            .tags(tag("env", "prod"))
            .tags(tag("owner", "me"))
            .send()
            .await
            .unwrap();
        client
            .untag_resource()
            .resource_id(resource)
            .tag_keys("owner")
            .send()
            .await
            .unwrap();
        let tags = client
            .list_tags_for_resource()
            .resource_id(resource)
            .send()
            .await
            .unwrap();
        assert!(
            tags.tags().contains(&tag("env", "prod")),
            "{resource}: {:?}",
            tags.tags()
        );
        assert!(!tags.tags().iter().any(|t| t.key() == "owner"));
    }
    let tags = client.list_tags_for_resource().resource_id(&ou).send().await.unwrap();
    assert_eq!(tags.tags(), [tag("cost-center", "42"), tag("env", "prod")]);

    let err = client
        .tag_resource()
        .resource_id("999999999999")
        .tags(tag("a", "b"))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_target_not_found_exception(), "{err:?}");
}

#[tokio::test]
async fn tag_limits_and_rules() {
    let (client, _mock) = mock_client();
    let root = create_organization(&client).await;
    let mut req = client.tag_resource().resource_id(&root);
    for i in 0..51 {
        req = req.tags(tag(&format!("k{i}"), "v"));
    }
    let err = req.send().await.unwrap_err().into_service_error();
    assert_reason!(
        err,
        orgs::operation::tag_resource::TagResourceError::ConstraintViolationException,
        ConstraintViolationExceptionReason::MaxTagLimitExceeded
    );
    assert!(client
        .list_tags_for_resource()
        .resource_id(&root)
        .send()
        .await
        .unwrap()
        .tags()
        .is_empty());
    let err = client
        .tag_resource()
        .resource_id(&root)
        .tags(tag("aws:reserved", "x"))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_reason!(
        err,
        orgs::operation::tag_resource::TagResourceError::InvalidInputException,
        InvalidInputExceptionReason::InvalidSystemTagsParameter
    );
}

// ---------------------------------------------------------------- pagination

#[tokio::test]
async fn every_account_is_listed_once_through_the_paginator() {
    let (client, _mock) = mock_client();
    client.create_organization().send().await.unwrap();
    for i in 0..44 {
        new_account(&client, &format!("bulk{i}")).await;
    }
    let pages: Vec<_> = client
        .list_accounts()
        .max_results(7)
        .into_paginator()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    assert_eq!(pages.len(), 7);
    let mut ids: Vec<_> = pages
        .iter()
        .flat_map(|p| p.accounts())
        .map(|a| a.id().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 45);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 45);

    let first = client.list_accounts().send().await.unwrap();
    assert_eq!(
        first.accounts().len(),
        20,
        "the default page is the model's maximum, 20 (FIDELITY.md \"Default page size\")"
    );
    assert!(first.next_token().is_some());
}

#[tokio::test]
async fn a_token_survives_changes_to_the_list() {
    let (client, _mock) = mock_client();
    client.create_organization().send().await.unwrap();
    for i in 0..5 {
        new_account(&client, &format!("p{i}")).await;
    }
    let first = client.list_accounts().max_results(3).send().await.unwrap();
    // Accounts are listed in the order they joined: our choice (FIDELITY.md "List orders").
    let names: Vec<_> = first.accounts().iter().map(|a| a.name().unwrap()).collect();
    assert_eq!(names[1..], ["p0", "p1"]);
    let token = first.next_token().unwrap().to_string();
    // The list changes before the token's place (p0 leaves) and after it (an
    // account is added): the next page still starts right after p1, where a
    // plain offset into the new list would skip p2.
    let p0 = first.accounts()[1].id().unwrap();
    client
        .remove_account_from_organization()
        .account_id(p0)
        .send()
        .await
        .unwrap();
    new_account(&client, "late").await;
    let second = client
        .list_accounts()
        .max_results(3)
        .next_token(&token)
        .send()
        .await
        .unwrap();
    let names: Vec<_> = second.accounts().iter().map(|a| a.name().unwrap()).collect();
    assert_eq!(names, ["p2", "p3", "p4"]);
}

#[tokio::test]
async fn a_bad_token_is_invalid_input() {
    let (client, _mock) = mock_client();
    let root = create_organization(&client).await;
    let err = client
        .list_accounts()
        .next_token("not-a-token")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_reason!(
        err,
        orgs::operation::list_accounts::ListAccountsError::InvalidInputException,
        InvalidInputExceptionReason::InvalidPaginationToken
    );
    // A token from one list is not good for another.
    for i in 0..3 {
        create_ou(&client, &root, &format!("ou{i}")).await;
    }
    let ous = client
        .list_organizational_units_for_parent()
        .parent_id(&root)
        .max_results(1)
        .send()
        .await
        .unwrap();
    let err = client
        .list_accounts()
        .next_token(ous.next_token().unwrap())
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        support::decoded::decoded(err),
        "InvalidInputException/INVALID_NEXT_TOKEN"
    );
}

// ---------------------------------------------------------------- identity and authorization

#[tokio::test]
async fn ids_are_deterministic_for_a_seed() {
    async fn ids(seed: u64) -> (String, String) {
        let mock = MockOrganizations::builder().seed(seed).build();
        let client = mock.client();
        let org = client.create_organization().send().await.unwrap();
        let account = new_account(&client, "x").await;
        (org.organization().unwrap().id().unwrap().to_string(), account)
    }
    assert_eq!(ids(7).await, ids(7).await);
    assert_ne!(ids(7).await, ids(8).await);
}

#[tokio::test]
async fn members_and_outsiders_get_aws_answers() {
    let (client, mock) = mock_client();
    client.create_organization().send().await.unwrap();
    let member_id = new_account(&client, "member").await;
    let member = mock.client_as(&member_id);

    // Any member may describe its organization.
    let org = member.describe_organization().send().await.unwrap();
    assert_eq!(org.organization().unwrap().master_account_id(), Some(MANAGEMENT));
    // Management-only and management-or-delegated operations are denied.
    let err = member
        .create_account()
        .account_name("x")
        .email("x@example.com")
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_access_denied_exception());
    let err = member.list_accounts().send().await.unwrap_err();
    assert!(err.into_service_error().is_access_denied_exception());

    // An account outside any organization is told so.
    let outsider = mock.client_as("444444444444");
    let err = outsider.list_accounts().send().await.unwrap_err();
    assert!(err.into_service_error().is_aws_organizations_not_in_use_exception());
    let err = outsider.describe_organization().send().await.unwrap_err();
    assert!(err.into_service_error().is_aws_organizations_not_in_use_exception());

    let callers: Vec<_> = mock.calls().iter().map(|c| c.caller().to_string()).collect();
    assert!(callers.contains(&member_id) && callers.contains(&"444444444444".to_string()));
}

async fn count_accounts(client: &Client) -> usize {
    let pages: Vec<_> = client
        .list_accounts()
        .into_paginator()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    pages.iter().map(|p| p.accounts().len()).sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_of_different_accounts_work_concurrently() {
    let mock = MockOrganizations::new();
    let management = mock.client();
    let other = mock.client_as("222222222222");
    let (a, b) = tokio::join!(
        tokio::spawn(async move {
            management.create_organization().send().await.unwrap();
            for i in 0..20 {
                new_account(&management, &format!("m{i}")).await;
            }
            count_accounts(&management).await
        }),
        tokio::spawn(async move {
            other.create_organization().send().await.unwrap();
            for i in 0..10 {
                new_account(&other, &format!("o{i}")).await;
            }
            count_accounts(&other).await
        })
    );
    assert_eq!(a.unwrap(), 21);
    assert_eq!(b.unwrap(), 11);
    assert!(mock.calls().iter().any(|c| c.caller() == "222222222222"));
}

// ---------------------------------------------------------------- recording and the transport

#[tokio::test]
async fn every_call_is_recorded_with_its_outcome() {
    let (client, mock) = mock_client();
    client.create_organization().send().await.unwrap();
    let _ = client.describe_account().account_id("999999999999").send().await;
    let calls = mock.calls();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].operation(), "CreateOrganization");
    assert_eq!(calls[0].caller(), MANAGEMENT);
    assert!(calls[0].error_code().is_none());
    assert!(calls[0].response().unwrap()["Organization"]["Id"]
        .as_str()
        .unwrap()
        .starts_with("o-"));
    assert_eq!(calls[1].operation(), "DescribeAccount");
    assert_eq!(calls[1].request()["AccountId"], "999999999999");
    assert_eq!(calls[1].error_code(), Some("AccountNotFoundException"));
    assert!(calls[1].response().is_none());
    assert_eq!(calls[1].status(), 400);
}

/// Rewrites the request the SDK is about to send, to reach the transport with
/// what no SDK would send.
#[derive(Debug)]
struct Rewrite {
    target: Option<&'static str>,
    body: Option<&'static str>,
}

impl orgs::config::Intercept for Rewrite {
    fn name(&self) -> &'static str {
        "Rewrite"
    }
    fn modify_before_transmit(
        &self,
        ctx: &mut orgs::config::interceptors::BeforeTransmitInterceptorContextMut<'_>,
        _: &orgs::config::RuntimeComponents,
        _: &mut orgs::config::ConfigBag,
    ) -> Result<(), orgs::error::BoxError> {
        let request = ctx.request_mut();
        match self.target {
            Some(t) => {
                request.headers_mut().insert("x-amz-target", t);
            }
            None => {
                request.headers_mut().remove("x-amz-target");
            }
        }
        if let Some(body) = self.body {
            *request.body_mut() = aws_smithy_types::body::SdkBody::from(body);
        }
        Ok(())
    }
}

#[tokio::test]
async fn bad_targets_and_bodies_get_aws_errors_not_panics() {
    let mock = MockOrganizations::new();
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    let cases = [
        (
            Some("AWSOrganizationsV20161128.NoSuchOperation"),
            None,
            "UnknownOperationException",
        ),
        (
            Some("SomethingElse.DescribeOrganization"),
            None,
            "UnknownOperationException",
        ),
        (None, None, "UnknownOperationException"),
        (
            Some("AWSOrganizationsV20161128.DescribeAccount"),
            Some("{not json"),
            "SerializationException",
        ),
        (
            Some("AWSOrganizationsV20161128.DescribeAccount"),
            Some("[1,2]"),
            "SerializationException",
        ),
        (
            Some("AWSOrganizationsV20161128.DescribeAccount"),
            Some(r#"{"AccountId": 12}"#),
            "SerializationException",
        ),
    ];
    for (target, body, code) in cases {
        let err = client
            .describe_organization()
            .customize()
            .interceptor(Rewrite { target, body })
            .send()
            .await
            .unwrap_err();
        assert_eq!(err.code(), Some(code), "{target:?} {body:?}: {err:?}");
    }
    // The mock is still fine.
    client.describe_organization().send().await.unwrap();
}
