//! The error reasons of the model whose triggers are states or limits the
//! mock models, through the real SDK client: each failing call answers AWS's
//! code and `Reason`, and changes nothing (the world's snapshot is the same
//! after it). The limits: create-account requests in progress, invitations
//! per day and the tag limit on every taggable path. That every reason the
//! code produces is tested somewhere: `reason_coverage`.

use crate::support;

use std::time::Duration;

use crate::support::reasons::*;
use aws_organizations_mock::aws_sdk_organizations::primitives::DateTime;
use aws_organizations_mock::aws_sdk_organizations::types::PolicyType;
use aws_organizations_mock::{CreateAccountCompletion, FixtureError, MockOrganizations, OrgFixture};
use support::{create_account, create_consolidated_billing_organization, create_ou, create_policy, root_id, tag};

// ---- policy types that need trusted access ----

#[tokio::test]
async fn security_hub_inspector_and_guardduty_policies_need_trusted_access_first_and_keep_it() {
    let mock = MockOrganizations::new();
    let (client, root) = org(&mock).await;
    // FIDELITY.md#policy-types-that-need-trusted-access
    for (kind, service) in [
        ("SECURITYHUB_POLICY", "securityhub.amazonaws.com"),
        ("INSPECTOR_POLICY", "inspector2.amazonaws.com"),
        ("GUARDDUTY_POLICY", "guardduty.amazonaws.com"),
    ] {
        assert_eq!(
            refused(&mock, set_type(&client, &root, kind, true)).await,
            "ConstraintViolationException/SERVICE_ACCESS_NOT_ENABLED",
            "{kind}"
        );
        // The message's text is our own (FIDELITY.md "Error messages"): it names
        // the service and the operation that fixes it.
        let message = String::from_utf8_lossy(mock.calls().pop().unwrap().response_body()).to_string();
        assert!(
            message.contains(service) && message.contains("EnableAWSServiceAccess"),
            "{message}"
        );

        client
            .enable_aws_service_access()
            .service_principal(service)
            .send()
            .await
            .unwrap();
        set_type(&client, &root, kind, true).await.unwrap();
        let disable_access = || client.disable_aws_service_access().service_principal(service).send();
        assert_eq!(
            refused(&mock, disable_access()).await,
            "ConstraintViolationException/POLICY_TYPE_ENABLED_FOR_THIS_SERVICE",
            "{kind}"
        );
        set_type(&client, &root, kind, false).await.unwrap();
        disable_access().await.unwrap();
    }
    // Types that need no service: enabled straight away, and trusted access
    // for an unrelated service comes and goes freely.
    for kind in ["TAG_POLICY", "BEDROCK_POLICY", "S3_POLICY"] {
        set_type(&client, &root, kind, true).await.unwrap();
    }
    client
        .enable_aws_service_access()
        .service_principal("macie.amazonaws.com")
        .send()
        .await
        .unwrap();
    client
        .disable_aws_service_access()
        .service_principal("macie.amazonaws.com")
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn fixtures_give_trusted_access_before_they_enable_policy_types() {
    let without = OrgFixture::new().enable_policy_type(PolicyType::SecurityhubPolicy);
    let mock = MockOrganizations::new();
    let err = mock.load_fixture(&without).unwrap_err();
    let FixtureError::Rejected(err) = err else {
        panic!("not AWS's error: {err}")
    };
    assert_eq!(err.reason(), Some("SERVICE_ACCESS_NOT_ENABLED"));
    let with = OrgFixture::from_json(
        r#"{"trusted_services":["securityhub.amazonaws.com"],"policy_types":["SECURITYHUB_POLICY"]}"#,
    )
    .unwrap();
    mock.load_fixture(&with).unwrap();
    let roots = mock.client().list_roots().send().await.unwrap();
    let enabled: Vec<_> = roots.roots()[0]
        .policy_types()
        .iter()
        .map(|t| t.r#type().unwrap().as_str())
        .collect();
    assert_eq!(enabled, ["SECURITYHUB_POLICY"]);
    // Types no document ties to a service enable without trusted access.
    let builder = OrgFixture::new().enable_policy_type(PolicyType::BedrockPolicy);
    MockOrganizations::new().load_fixture(&builder).unwrap();
}

#[tokio::test]
async fn a_delegated_administrator_is_held_to_the_same_rule() {
    let mock = MockOrganizations::new();
    let (client, root) = org(&mock).await;
    let admin = member(&client, "security").await;
    // A delegated administrator for another service, so Security Hub's
    // trusted access is not yet enabled.
    client
        .enable_aws_service_access()
        .service_principal("config.amazonaws.com")
        .send()
        .await
        .unwrap();
    client
        .register_delegated_administrator()
        .account_id(&admin)
        .service_principal("config.amazonaws.com")
        .send()
        .await
        .unwrap();
    let policy = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"organizations:*PolicyType","Resource":"*"}}"#;
    client.put_resource_policy().content(policy).send().await.unwrap();
    let delegated = mock.client_as(&admin);
    assert_eq!(
        refused(&mock, set_type(&delegated, &root, "SECURITYHUB_POLICY", true)).await,
        "ConstraintViolationException/SERVICE_ACCESS_NOT_ENABLED"
    );
    client
        .enable_aws_service_access()
        .service_principal("securityhub.amazonaws.com")
        .send()
        .await
        .unwrap();
    set_type(&delegated, &root, "SECURITYHUB_POLICY", true).await.unwrap();
}

// ---- moving accounts ----

#[tokio::test]
async fn an_account_moves_only_within_its_root() {
    let mock = MockOrganizations::new();
    let (client, root) = org(&mock).await;
    let account = member(&client, "dev").await;
    let other = mock.client_as("333333333333");
    other.create_organization().send().await.unwrap();
    let other_root = root_id(&other).await;
    let other_ou = create_ou(&other, &other_root, "Elsewhere").await;

    for destination in [&other_root, &other_ou] {
        let call = client
            .move_account()
            .account_id(&account)
            .source_parent_id(&root)
            .destination_parent_id(destination)
            .send();
        assert_eq!(
            refused(&mock, call).await,
            "InvalidInputException/MOVING_ACCOUNT_BETWEEN_DIFFERENT_ROOTS",
            "{destination}"
        );
    }
    // An OU id that exists nowhere is simply not found.
    let suffix = root.trim_start_matches("r-");
    let missing = format!("ou-{suffix}-zzzzzzzz");
    let call = client
        .move_account()
        .account_id(&account)
        .source_parent_id(&root)
        .destination_parent_id(&missing)
        .send();
    assert_eq!(refused(&mock, call).await, "DestinationParentNotFoundException/-");
    let ou = create_ou(&client, &root, "Workloads").await;
    client
        .move_account()
        .account_id(&account)
        .source_parent_id(&root)
        .destination_parent_id(&ou)
        .send()
        .await
        .unwrap();
}

// ---- closing accounts ----

#[tokio::test]
async fn close_account_needs_all_features_and_spares_the_management_account() {
    let mock = MockOrganizations::new();
    let client = mock.client();
    create_consolidated_billing_organization(&client).await;
    let account = member(&client, "dev").await;
    let call = client.close_account().account_id(&account).send();
    assert_eq!(
        refused(&mock, call).await,
        "ConstraintViolationException/ORGANIZATION_NOT_IN_ALL_FEATURES_MODE"
    );

    let mock = MockOrganizations::new();
    let (client, _) = org(&mock).await;
    let call = client.close_account().account_id(MANAGEMENT).send();
    assert_eq!(
        refused(&mock, call).await,
        "ConstraintViolationException/CANNOT_CLOSE_MANAGEMENT_ACCOUNT"
    );
}

#[tokio::test]
async fn a_second_closure_meets_the_rolling_quota_or_the_closures_in_progress_limit() {
    for (limit, reason) in [
        (
            limits(|l| l.close_account_quota = Some(1)),
            "CLOSE_ACCOUNT_QUOTA_EXCEEDED",
        ),
        (
            limits(|l| l.max_closures_in_progress = Some(1)),
            "CLOSE_ACCOUNT_REQUESTS_LIMIT_EXCEEDED",
        ),
    ] {
        let in_progress_only = limit.close_account_quota.is_none();
        let mock = MockOrganizations::builder().limits(limit).build();
        let (client, _) = org(&mock).await;
        let a = member(&client, "a").await;
        let b = member(&client, "b").await;
        client.close_account().account_id(&a).send().await.unwrap();
        let close_b = || client.close_account().account_id(&b).send();
        assert_eq!(
            refused(&mock, close_b()).await,
            format!("ConstraintViolationException/{reason}")
        );
        // Once the first is SUSPENDED (5 minutes by default), the next may
        // close unless the 30-day quota is what is exhausted.
        mock.advance(Duration::from_secs(300));
        if in_progress_only {
            close_b().await.unwrap();
        } else {
            assert_eq!(
                refused(&mock, close_b()).await,
                format!("ConstraintViolationException/{reason}")
            );
        }
    }
}

// ---- delegated administrators and the resource policy ----

#[tokio::test]
async fn delegated_administrator_reasons_answer_through_the_sdk() {
    let mock = MockOrganizations::new();
    let (client, _) = org(&mock).await;
    let a = member(&client, "a").await;
    let b = member(&client, "b").await;
    let register = |account: &str, service: &str| {
        client
            .register_delegated_administrator()
            .account_id(account)
            .service_principal(service)
            .send()
    };
    assert_eq!(
        refused(&mock, register(&a, "guardduty.amazonaws.com")).await,
        "ConstraintViolationException/SERVICE_ACCESS_NOT_ENABLED"
    );
    for service in ["guardduty.amazonaws.com", "config.amazonaws.com"] {
        client
            .enable_aws_service_access()
            .service_principal(service)
            .send()
            .await
            .unwrap();
    }
    assert_eq!(
        refused(&mock, register(MANAGEMENT, "guardduty.amazonaws.com")).await,
        "ConstraintViolationException/CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR"
    );
    register(&a, "guardduty.amazonaws.com").await.unwrap();
    assert_eq!(
        refused(&mock, register(&b, "guardduty.amazonaws.com")).await,
        "ConstraintViolationException/DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE"
    );
    // config takes three delegated administrators.
    let c = member(&client, "c").await;
    let d = member(&client, "d").await;
    for account in [&a, &b, &c] {
        register(account, "config.amazonaws.com").await.unwrap();
    }
    assert_eq!(
        refused(&mock, register(&d, "config.amazonaws.com")).await,
        "ConstraintViolationException/MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED"
    );
    client.close_account().account_id(&d).send().await.unwrap();
    client
        .enable_aws_service_access()
        .service_principal("securityhub.amazonaws.com")
        .send()
        .await
        .unwrap();
    assert_eq!(
        refused(&mock, register(&d, "securityhub.amazonaws.com")).await,
        "ConstraintViolationException/CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR"
    );
    let call = client.remove_account_from_organization().account_id(&a).send();
    assert_eq!(
        refused(&mock, call).await,
        "ConstraintViolationException/CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG"
    );
}

#[tokio::test]
async fn resource_policy_reasons_answer_through_the_sdk() {
    let mock = MockOrganizations::new();
    let (client, _) = org(&mock).await;
    // Refused for its action, which must be a real operation (a misspelt one is refused too).
    let create_account = support::model::operation("CreateAccount");
    let undelegable = format!(
        r#"{{"Version":"2012-10-17","Statement":{{"Effect":"Allow","Principal":{{"AWS":"222222222222"}},"Action":"organizations:{create_account}"}}}}"#
    );
    for (content, reason) in [
        ("{not json", "INVALID_RESOURCE_POLICY_JSON"),
        (
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"bob"},"Action":"organizations:List*"}}"#,
            "INVALID_PRINCIPAL",
        ),
        (
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"organizations:List*"}}"#,
            "INVALID_PRINCIPAL",
        ),
        (
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"s3:GetObject"}}"#,
            "UNSUPPORTED_ACTION_IN_RESOURCE_POLICY",
        ),
        (undelegable.as_str(), "UNSUPPORTED_ACTION_IN_RESOURCE_POLICY"),
    ] {
        let call = client.put_resource_policy().content(content).send();
        assert_eq!(
            refused(&mock, call).await,
            format!("InvalidInputException/{reason}"),
            "{content}"
        );
    }
}

// ---- AWS-managed policies ----

#[tokio::test]
async fn aws_managed_policies_are_immutable_and_rcp_full_access_stays_attached() {
    let mock = MockOrganizations::new();
    let (client, root) = org(&mock).await;
    let call = client.update_policy().policy_id("p-FullAWSAccess").name("Mine").send();
    assert_eq!(refused(&mock, call).await, "InvalidInputException/IMMUTABLE_POLICY");
    let call = client.delete_policy().policy_id("p-FullAWSAccess").send();
    assert_eq!(refused(&mock, call).await, "InvalidInputException/IMMUTABLE_POLICY");
    set_type(&client, &root, "RESOURCE_CONTROL_POLICY", true).await.unwrap();
    let call = client
        .detach_policy()
        .policy_id("p-RCPFullAWSAccess")
        .target_id(&root)
        .send();
    assert_eq!(
        refused(&mock, call).await,
        "InvalidInputException/NON_DETACHABLE_POLICY"
    );
}

// ---- responsibility transfers ----

#[tokio::test]
async fn transfer_start_date_reasons_answer_through_the_sdk() {
    let mock = MockOrganizations::new();
    let (client, _) = org(&mock).await;
    let invitation = transfer_invitation(&mock, &client, APRIL).await;
    let invite = |start: i64| invitation.clone().start_timestamp(DateTime::from_secs(start)).send();
    for (start, reason) in [
        (APRIL + 3600, "START_DATE_NOT_BEGINNING_OF_DAY"),
        (APRIL + 86_400, "START_DATE_NOT_BEGINNING_OF_MONTH"),
        (1_735_689_600, "START_DATE_TOO_EARLY"),
    ] {
        assert_eq!(
            refused(&mock, invite(start)).await,
            format!("InvalidInputException/{reason}")
        );
    }
}

// ---- all features ----

#[tokio::test]
async fn enable_all_features_refuses_an_organization_beyond_the_migration_size() {
    // The model's documentation of ALL_FEATURES_MIGRATION_ORGANIZATION_SIZE_LIMIT_EXCEEDED
    // says the standard migration takes at most 5,000 accounts.
    let mut fixture = OrgFixture::new().consolidated_billing();
    for i in 0..5_000 {
        fixture = fixture.account(aws_organizations_mock::AccountFixture::new(&format!("a{i}")));
    }
    let mock = MockOrganizations::new();
    mock.load_fixture(&fixture).unwrap();
    // 5,000 members and the management account: one too many.
    assert_eq!(
        refused(&mock, mock.client().enable_all_features().send()).await,
        "ConstraintViolationException/ALL_FEATURES_MIGRATION_ORGANIZATION_SIZE_LIMIT_EXCEEDED"
    );
}

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
