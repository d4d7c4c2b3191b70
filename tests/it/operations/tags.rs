//! Tags on accounts, OUs and roots through the real SDK client, and their
//! limits and rules.

use aws_organizations_mock::aws_sdk_organizations as orgs;
use aws_organizations_mock::mock_client;
use orgs::types::{ConstraintViolationExceptionReason, InvalidInputExceptionReason};

use crate::support;
use support::{create_organization, new_account, tag};

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

    assert_fails!(
        client.tag_resource().resource_id("999999999999").tags(tag("a", "b")),
        is_target_not_found_exception
    );
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
