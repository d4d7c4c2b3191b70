//! Organizational units and the tree through the real SDK client: nesting
//! depth, unique names, deleting, listing children and parents.

use aws_organizations_mock::aws_sdk_organizations as orgs;
use aws_organizations_mock::mock_client;
use orgs::types::{ChildType, ConstraintViolationExceptionReason, ParentType};

use crate::support;
use crate::support::MANAGEMENT;
use support::{create_organization, create_ou, move_account, new_account};

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
    assert_fails!(
        client.create_organizational_unit().parent_id(&root).name("Prod"),
        is_duplicate_organizational_unit_exception
    );
    let b = create_ou(&client, &root, "Dev").await;
    assert_fails!(
        client
            .update_organizational_unit()
            .organizational_unit_id(&b)
            .name("Prod"),
        is_duplicate_organizational_unit_exception
    );
    let renamed = client
        .update_organizational_unit()
        .organizational_unit_id(&a)
        .name("Production")
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.organizational_unit().unwrap().name(), Some("Production"));
    assert_eq!(renamed.organizational_unit().unwrap().id(), Some(a.as_str()));
    assert_fails!(
        client
            .create_organizational_unit()
            .parent_id("ou-zzzz-zzzzzzzz")
            .name("Orphan"),
        is_parent_not_found_exception
    );
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
    assert_fails!(
        client.list_parents().child_id("999999999999"),
        is_child_not_found_exception
    );
    assert_fails!(
        client
            .list_children()
            .parent_id("ou-zzzz-zzzzzzzz")
            .child_type(ChildType::Account),
        is_parent_not_found_exception
    );
}
