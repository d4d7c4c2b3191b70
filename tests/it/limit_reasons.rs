//! The reasons of limits through the real SDK client: create-account
//! requests in progress, invitations per day and the tag limit on every
//! taggable path. Each failing call answers AWS's code and `Reason`, and
//! changes nothing.

use crate::support;

use crate::support::reasons::*;
use aws_organizations_mock::aws_sdk_organizations::types::PolicyType;
use aws_organizations_mock::{CreateAccountCompletion, MockOrganizations};
use support::{create_account, create_ou, create_policy, tag};

// ---- creation and invitation rates ----

#[tokio::test]
async fn create_account_requests_in_progress_are_limited_when_a_limit_is_set() {
    let mock = MockOrganizations::builder()
        .limits(limits(|l| l.max_create_accounts_in_progress = Some(1)))
        .create_account_completion(CreateAccountCompletion::AfterPolls(2))
        .build();
    let (client, _) = org(&mock).await;
    let (request, account) = create_account(&client, "a@example.com", "a").await;
    assert_eq!(account, None, "still in progress");
    let second = || client.create_account().email("b@example.com").account_name("b").send();
    assert_eq!(
        refused(&mock, second()).await,
        "ConstraintViolationException/ACCOUNT_CREATION_RATE_LIMIT_EXCEEDED"
    );
    client
        .describe_create_account_status()
        .create_account_request_id(&request)
        .send()
        .await
        .unwrap();
    second().await.unwrap();
}

#[tokio::test]
async fn invitations_per_day_are_limited_when_a_limit_is_set() {
    let mock = MockOrganizations::builder()
        .limits(limits(|l| l.max_handshakes_per_day = Some(1)))
        .build();
    let (client, _) = org(&mock).await;
    let first = client
        .invite_account_to_organization()
        .target(support::account_party("222222222222"))
        .send()
        .await
        .unwrap();
    let invite = || {
        client
            .invite_account_to_organization()
            .target(support::account_party("333333333333"))
            .send()
    };
    assert_eq!(
        refused(&mock, invite()).await,
        "HandshakeConstraintViolationException/HANDSHAKE_RATE_LIMIT_EXCEEDED"
    );
    // Canceling does not give the invitation back; the next day does.
    let id = first.handshake().unwrap().id().unwrap();
    client.cancel_handshake().handshake_id(id).send().await.unwrap();
    assert_eq!(
        refused(&mock, invite()).await,
        "HandshakeConstraintViolationException/HANDSHAKE_RATE_LIMIT_EXCEEDED"
    );
    mock.advance(DAY);
    invite().await.unwrap();

    // Transfer invitations are sent handshakes too.
    let transfer = transfer_invitation(&mock, &client, APRIL).await.send();
    assert_eq!(
        refused(&mock, transfer).await,
        "HandshakeConstraintViolationException/HANDSHAKE_RATE_LIMIT_EXCEEDED"
    );
}

// ---- tags ----

#[tokio::test]
async fn every_taggable_path_holds_the_tag_limit() {
    let mock = MockOrganizations::builder()
        .limits(limits(|l| l.max_tags_per_resource = 2))
        .build();
    let (client, root) = org(&mock).await;
    mock.pair_govcloud_account(MANAGEMENT);
    set_type(&client, &root, "TAG_POLICY", true).await.unwrap();
    let three = || vec![tag("a", "1"), tag("b", "2"), tag("c", "3")];
    const LIMIT: &str = "ConstraintViolationException/MAX_TAG_LIMIT_EXCEEDED";

    let call = client
        .create_account()
        .email("a@example.com")
        .account_name("a")
        .set_tags(Some(three()))
        .send();
    assert_eq!(refused(&mock, call).await, LIMIT, "CreateAccount");
    let call = client
        .create_gov_cloud_account()
        .email("g@example.com")
        .account_name("g")
        .set_tags(Some(three()))
        .send();
    assert_eq!(refused(&mock, call).await, LIMIT, "CreateGovCloudAccount");
    let call = client
        .create_organizational_unit()
        .parent_id(&root)
        .name("ou")
        .set_tags(Some(three()))
        .send();
    assert_eq!(refused(&mock, call).await, LIMIT, "CreateOrganizationalUnit");
    let call = client
        .create_policy()
        .r#type(PolicyType::TagPolicy)
        .name("p")
        .description("p")
        .content(TAG_DOC)
        .set_tags(Some(three()))
        .send();
    assert_eq!(refused(&mock, call).await, LIMIT, "CreatePolicy");
    let resource_policy = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"organizations:List*","Resource":"*"}}"#;
    let call = client
        .put_resource_policy()
        .content(resource_policy)
        .set_tags(Some(three()))
        .send();
    assert_eq!(refused(&mock, call).await, LIMIT, "PutResourcePolicy");
    let call = client
        .invite_account_to_organization()
        .target(support::account_party("222222222222"))
        .set_tags(Some(three()))
        .send();
    assert_eq!(refused(&mock, call).await, LIMIT, "InviteAccountToOrganization");
    let invitation = transfer_invitation(&mock, &client, APRIL).await;
    let call = invitation.set_tags(Some(three())).send();
    assert_eq!(
        refused(&mock, call).await,
        LIMIT,
        "InviteOrganizationToTransferResponsibility"
    );

    // TagResource on each kind of resource: two tags fit, a third does not;
    // replacing a value of an existing key does not count.
    let ou = create_ou(&client, &root, "ou").await;
    let account = member(&client, "dev").await;
    let policy = create_policy(&client, PolicyType::TagPolicy, "p", TAG_DOC).await;
    for resource in [&root, &ou, &account, &policy] {
        client
            .tag_resource()
            .resource_id(resource)
            .tags(tag("a", "1"))
            .tags(tag("b", "2"))
            .send()
            .await
            .unwrap();
        client
            .tag_resource()
            .resource_id(resource)
            .tags(tag("a", "changed"))
            .send()
            .await
            .unwrap();
        let call = client.tag_resource().resource_id(resource).tags(tag("c", "3")).send();
        assert_eq!(refused(&mock, call).await, LIMIT, "TagResource {resource}");
    }
}
