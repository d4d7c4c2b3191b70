//! The multi-account world through the real SDK: handshakes, membership,
//! EnableAllFeatures, delegated administrators, trusted access, the resource
//! policy, GovCloud accounts, responsibility transfers, and several
//! organizations side by side.

use std::time::Duration;

use aws_organizations_mock::aws_sdk_organizations::types::{
    ActionType, HandshakeFilter, HandshakeParty, HandshakePartyType, HandshakeState, OrganizationFeatureSet,
    ResponsibilityTransferStatus, ResponsibilityTransferType,
};
use aws_organizations_mock::{Limits, MockOrganizations};
use aws_smithy_types::DateTime;

use crate::support;
use support::{
    accept, account_party, create_consolidated_billing_organization, invite, join, new_account, organization_with,
    party, tag,
};

const DAY: Duration = Duration::from_secs(24 * 3600);

/// What the SDK decoded: the typed exception and, when it has one, its
/// `Reason`, as `Code/REASON` (see `support::decoded`).
fn code<T, E: Into<aws_sdk_organizations::Error>>(r: Result<T, E>) -> String {
    match r {
        Ok(_) => panic!("the call succeeded"),
        Err(e) => support::decoded::decoded(e),
    }
}

#[tokio::test]
async fn an_invited_account_joins_with_its_tags_and_joined_method_invited() {
    let mock = MockOrganizations::new();
    let management = mock.client();
    management.create_organization().send().await.unwrap();
    let out = management
        .invite_account_to_organization()
        .target(account_party("222222222222"))
        .notes("welcome")
        .tags(tag("team", "a"))
        .send()
        .await
        .unwrap();
    let h = out.handshake().unwrap();
    assert_eq!(h.action(), Some(&ActionType::InviteAccountToOrganization));
    assert_eq!(h.state(), Some(&HandshakeState::Requested));
    let expiry = h.expiration_timestamp().unwrap().secs() - h.requested_timestamp().unwrap().secs();
    assert_eq!(expiry, 15 * 24 * 3600, "invitations expire after 15 days");
    assert!(h.arn().unwrap().contains(":handshake/o-"));
    let id = h.id().unwrap();

    // The invitee, still standalone, sees and accepts it.
    let invitee = mock.client_as("222222222222");
    let received = invitee.list_handshakes_for_account().send().await.unwrap();
    assert_eq!(received.handshakes().len(), 1);
    assert_eq!(accept(&invitee, id).await, HandshakeState::Accepted);
    assert_eq!(
        code(invitee.accept_handshake().handshake_id(id).send().await),
        "HandshakeAlreadyInStateException"
    );

    let acct = management
        .describe_account()
        .account_id("222222222222")
        .send()
        .await
        .unwrap();
    let acct = acct.account().unwrap();
    assert_eq!(acct.joined_method().unwrap().as_str(), "INVITED");
    let tags = management
        .list_tags_for_resource()
        .resource_id("222222222222")
        .send()
        .await
        .unwrap();
    assert_eq!(tags.tags()[0].key(), "team");
    // Now a member: organization-wide reads are denied to it.
    assert_eq!(code(invitee.list_accounts().send().await), "AccessDeniedException");
    assert_eq!(
        invitee
            .describe_organization()
            .send()
            .await
            .unwrap()
            .organization()
            .unwrap()
            .master_account_id(),
        Some("111111111111")
    );
}

#[tokio::test]
async fn invitations_by_email_and_their_refusals() {
    let mock = MockOrganizations::new();
    organization_with(&mock, &["222222222222"]).await;
    let management = mock.client();
    // 333333333333 is known to the world with the email <id>@example.com.
    mock.client_as("333333333333")
        .list_handshakes_for_account()
        .send()
        .await
        .unwrap();
    let id = invite(
        &management,
        party(HandshakePartyType::Email, "333333333333@example.com"),
    )
    .await;
    assert_eq!(
        code(
            management
                .invite_account_to_organization()
                .target(account_party("333333333333"))
                .send()
                .await
        ),
        "DuplicateHandshakeException"
    );
    assert_eq!(
        code(
            management
                .invite_account_to_organization()
                .target(account_party("222222222222"))
                .send()
                .await
        ),
        "HandshakeConstraintViolationException/ALREADY_IN_AN_ORGANIZATION"
    );
    assert_eq!(
        code(
            management
                .invite_account_to_organization()
                .target(party(HandshakePartyType::Email, "not-an-email"))
                .send()
                .await
        ),
        "InvalidInputException/INVALID_EMAIL_ADDRESS_TARGET"
    );
    let org_party = party(HandshakePartyType::Organization, "o-abc");
    assert_eq!(
        code(
            management
                .invite_account_to_organization()
                .target(org_party)
                .send()
                .await
        ),
        "InvalidInputException/INVALID_PARTY_TYPE_TARGET"
    );
    // Only the recipient accepts or declines; only the sender cancels.
    assert_eq!(
        code(management.accept_handshake().handshake_id(&id).send().await),
        "AccessDeniedException"
    );
    let invitee = mock.client_as("333333333333");
    assert_eq!(
        code(invitee.cancel_handshake().handshake_id(&id).send().await),
        "AccessDeniedException"
    );
    // A stranger can't even see it.
    assert_eq!(
        code(
            mock.client_as("777777777777")
                .describe_handshake()
                .handshake_id(&id)
                .send()
                .await
        ),
        "HandshakeNotFoundException"
    );
    let declined = invitee.decline_handshake().handshake_id(&id).send().await.unwrap();
    assert_eq!(declined.handshake().unwrap().state(), Some(&HandshakeState::Declined));
    assert_eq!(
        code(invitee.accept_handshake().handshake_id(&id).send().await),
        "InvalidHandshakeTransitionException"
    );
    assert_eq!(
        code(management.cancel_handshake().handshake_id(&id).send().await),
        "InvalidHandshakeTransitionException"
    );

    // After a decline, a new invitation is no duplicate; the sender cancels it.
    let again = invite(&management, account_party("333333333333")).await;
    let canceled = management.cancel_handshake().handshake_id(&again).send().await.unwrap();
    assert_eq!(canceled.handshake().unwrap().state(), Some(&HandshakeState::Canceled));
    assert_eq!(
        code(management.cancel_handshake().handshake_id(&again).send().await),
        "HandshakeAlreadyInStateException"
    );
    assert_eq!(
        code(invitee.decline_handshake().handshake_id(&again).send().await),
        "InvalidHandshakeTransitionException"
    );
    assert_eq!(
        code(invitee.accept_handshake().handshake_id("bad").send().await),
        "InvalidInputException/INVALID_PATTERN"
    );
}

#[tokio::test]
async fn invitations_expire_on_the_clock_and_ended_ones_disappear_after_30_days() {
    let mock = MockOrganizations::new();
    mock.client().create_organization().send().await.unwrap();
    let management = mock.client();
    let id = invite(&management, account_party("222222222222")).await;
    mock.advance(15 * DAY);
    let h = management.describe_handshake().handshake_id(&id).send().await.unwrap();
    assert_eq!(h.handshake().unwrap().state(), Some(&HandshakeState::Expired));
    assert_eq!(
        code(
            mock.client_as("222222222222")
                .accept_handshake()
                .handshake_id(&id)
                .send()
                .await
        ),
        "InvalidHandshakeTransitionException"
    );
    // An expired invitation is no duplicate.
    invite(&management, account_party("222222222222")).await;
    // The model (DescribeHandshake): "You can view ACCEPTED, DECLINED, or CANCELED
    // handshakes in API Responses for 30 days before they are deleted"; that
    // EXPIRED ones follow the same rule is our reading.
    mock.advance(30 * DAY - Duration::from_millis(1));
    let still = management.describe_handshake().handshake_id(&id).send().await.unwrap();
    assert_eq!(still.handshake().unwrap().state(), Some(&HandshakeState::Expired));
    mock.advance(Duration::from_millis(1));
    assert_eq!(
        code(management.describe_handshake().handshake_id(&id).send().await),
        "HandshakeNotFoundException"
    );
    let listed = management.list_handshakes_for_organization().send().await.unwrap();
    assert!(listed.handshakes().iter().all(|h| h.id() != Some(id.as_str())));
}

#[tokio::test]
async fn invitations_count_toward_the_account_quota() {
    let mock = MockOrganizations::builder()
        .limits(Limits {
            max_accounts: 2,
            ..Limits::default()
        })
        .build();
    mock.client().create_organization().send().await.unwrap();
    invite(&mock.client(), account_party("222222222222")).await;
    assert_eq!(
        code(
            mock.client()
                .invite_account_to_organization()
                .target(account_party("333333333333"))
                .send()
                .await
        ),
        "HandshakeConstraintViolationException/ACCOUNT_NUMBER_LIMIT_EXCEEDED"
    );
}

#[tokio::test]
async fn members_leave_but_the_management_account_and_delegated_administrators_cannot() {
    let mock = MockOrganizations::new();
    organization_with(&mock, &["222222222222", "333333333333"]).await;
    let management = mock.client();
    assert_eq!(
        code(management.leave_organization().send().await),
        "MasterCannotLeaveOrganizationException"
    );
    management
        .enable_aws_service_access()
        .service_principal("sso.amazonaws.com")
        .send()
        .await
        .unwrap();
    management
        .register_delegated_administrator()
        .account_id("333333333333")
        .service_principal("sso.amazonaws.com")
        .send()
        .await
        .unwrap();
    let admin = mock.client_as("333333333333");
    assert_eq!(
        code(admin.leave_organization().send().await),
        "ConstraintViolationException/CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG"
    );
    assert_eq!(
        code(
            management
                .remove_account_from_organization()
                .account_id("333333333333")
                .send()
                .await
        ),
        "ConstraintViolationException/CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG"
    );

    let member = mock.client_as("222222222222");
    member.leave_organization().send().await.unwrap();
    assert_eq!(
        code(member.describe_organization().send().await),
        "AWSOrganizationsNotInUseException"
    );
    // It can be invited again, and the created accounts wait four days.
    let new_id = new_account(&management, "new").await;
    let new = mock.client_as(&new_id);
    assert_eq!(
        code(new.leave_organization().send().await),
        "ConstraintViolationException/WAIT_PERIOD_ACTIVE"
    );
    mock.advance(4 * DAY);
    new.leave_organization().send().await.unwrap();

    // Deleting the organization needs it empty; its open invitations end with it.
    let pending = invite(&management, account_party("222222222222")).await;
    management
        .deregister_delegated_administrator()
        .account_id("333333333333")
        .service_principal("sso.amazonaws.com")
        .send()
        .await
        .unwrap();
    admin.leave_organization().send().await.unwrap();
    management.delete_organization().send().await.unwrap();
    assert_eq!(
        code(member.accept_handshake().handshake_id(&pending).send().await),
        "InvalidHandshakeTransitionException"
    );
}

#[tokio::test]
async fn organizations_side_by_side_are_isolated() {
    let mock = MockOrganizations::new();
    organization_with(&mock, &["222222222222"]).await;
    let other = mock.client_as("333333333333");
    let second = other.create_organization().send().await.unwrap();
    let second_id = second.organization().unwrap().id().unwrap().to_string();
    assert_eq!(
        code(
            other
                .invite_account_to_organization()
                .target(account_party("222222222222"))
                .send()
                .await
        ),
        "HandshakeConstraintViolationException/ALREADY_IN_AN_ORGANIZATION"
    );
    assert_eq!(
        code(other.describe_account().account_id("222222222222").send().await),
        "AccountNotFoundException"
    );
    let h = invite(&other, account_party("444444444444")).await;
    // The first organization neither sees the second's handshakes nor its accounts.
    assert!(mock
        .client()
        .list_handshakes_for_organization()
        .send()
        .await
        .unwrap()
        .handshakes()
        .iter()
        .all(|x| x.id() != Some(h.as_str())));
    assert_eq!(
        code(mock.client().describe_handshake().handshake_id(&h).send().await),
        "HandshakeNotFoundException"
    );
    accept(&mock.client_as("444444444444"), &h).await;
    let org = mock
        .client_as("444444444444")
        .describe_organization()
        .send()
        .await
        .unwrap();
    assert_eq!(org.organization().unwrap().id(), Some(second_id.as_str()));
    assert_eq!(mock.client().list_accounts().send().await.unwrap().accounts().len(), 2);
    assert_eq!(other.list_accounts().send().await.unwrap().accounts().len(), 2);
    // A management account can't accept an invitation into another organization.
    assert_eq!(
        code(
            mock.client()
                .invite_account_to_organization()
                .target(account_party("333333333333"))
                .send()
                .await
        ),
        "HandshakeConstraintViolationException/ALREADY_IN_AN_ORGANIZATION"
    );
    let h = invite(&mock.client(), account_party("666666666666")).await;
    let founder = mock.client_as("666666666666");
    founder.create_organization().send().await.unwrap();
    assert_eq!(
        code(founder.accept_handshake().handshake_id(&h).send().await),
        "MasterCannotLeaveOrganizationException"
    );
}

#[tokio::test]
async fn enable_all_features_waits_for_every_invited_member() {
    let mock = MockOrganizations::new();
    let management = mock.client();
    create_consolidated_billing_organization(&management).await;
    for m in ["222222222222", "333333333333"] {
        join(&mock, m).await;
    }
    // A created member is not asked.
    management
        .create_account()
        .email("c@example.com")
        .account_name("c")
        .send()
        .await
        .unwrap();

    let out = management.enable_all_features().send().await.unwrap();
    let parent = out.handshake().unwrap().id().unwrap().to_string();
    assert_eq!(out.handshake().unwrap().action(), Some(&ActionType::EnableAllFeatures));
    assert_eq!(
        code(management.enable_all_features().send().await),
        "HandshakeConstraintViolationException/ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION"
    );
    assert_eq!(
        code(
            management
                .invite_account_to_organization()
                .target(account_party("444444444444"))
                .send()
                .await
        ),
        "HandshakeConstraintViolationException/INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES"
    );
    let children = management
        .list_handshakes_for_organization()
        .filter(HandshakeFilter::builder().parent_handshake_id(&parent).build())
        .send()
        .await
        .unwrap();
    assert_eq!(children.handshakes().len(), 2);
    assert_eq!(
        code(management.accept_handshake().handshake_id(&parent).send().await),
        "InvalidHandshakeTransitionException"
    );
    for m in ["222222222222", "333333333333"] {
        let client = mock.client_as(m);
        let mine = client
            .list_handshakes_for_account()
            .filter(
                HandshakeFilter::builder()
                    .action_type(ActionType::EnableAllFeatures)
                    .build(),
            )
            .send()
            .await
            .unwrap();
        let id = mine.handshakes()[0].id().unwrap();
        assert_eq!(accept(&client, id).await, HandshakeState::Accepted);
    }
    let p = management
        .describe_handshake()
        .handshake_id(&parent)
        .send()
        .await
        .unwrap();
    assert_eq!(p.handshake().unwrap().state(), Some(&HandshakeState::Open));
    let approve = management
        .list_handshakes_for_account()
        .filter(
            HandshakeFilter::builder()
                .action_type(ActionType::ApproveAllFeatures)
                .build(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(approve.handshakes().len(), 1);
    let org = management.describe_organization().send().await.unwrap();
    assert_eq!(
        org.organization().unwrap().feature_set(),
        Some(&OrganizationFeatureSet::ConsolidatedBilling)
    );

    assert_eq!(
        accept(&management, approve.handshakes()[0].id().unwrap()).await,
        HandshakeState::Accepted
    );
    let org = management.describe_organization().send().await.unwrap();
    assert_eq!(
        org.organization().unwrap().feature_set(),
        Some(&OrganizationFeatureSet::All)
    );
    let p = management
        .describe_handshake()
        .handshake_id(&parent)
        .send()
        .await
        .unwrap();
    assert_eq!(p.handshake().unwrap().state(), Some(&HandshakeState::Accepted));
    assert_eq!(
        code(management.enable_all_features().send().await),
        "HandshakeConstraintViolationException/ORGANIZATION_ALREADY_HAS_ALL_FEATURES"
    );
    assert_eq!(
        code(
            management
                .list_handshakes_for_account()
                .filter(
                    HandshakeFilter::builder()
                        .action_type(ActionType::InviteAccountToOrganization)
                        .parent_handshake_id(&parent)
                        .build()
                )
                .send()
                .await
        ),
        "InvalidInputException/MAX_LIMIT_EXCEEDED_FILTER"
    );
}

#[tokio::test]
async fn canceling_enable_all_features_ends_every_approval() {
    let mock = MockOrganizations::new();
    let management = mock.client();
    create_consolidated_billing_organization(&management).await;
    join(&mock, "222222222222").await;
    let parent = management
        .enable_all_features()
        .send()
        .await
        .unwrap()
        .handshake()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    management
        .cancel_handshake()
        .handshake_id(&parent)
        .send()
        .await
        .unwrap();
    let member = mock.client_as("222222222222");
    let child = member.list_handshakes_for_account().send().await.unwrap();
    let child = child
        .handshakes()
        .iter()
        .find(|h| h.action() == Some(&ActionType::EnableAllFeatures))
        .unwrap();
    assert_eq!(child.state(), Some(&HandshakeState::Canceled));
    // A new process can start.
    management.enable_all_features().send().await.unwrap();
}

#[tokio::test]
async fn delegated_administrators_follow_the_documented_rules() {
    let mock = MockOrganizations::new();
    organization_with(&mock, &["222222222222", "333333333333", "444444444444"]).await;
    let management = mock.client();
    let register = |acct: &'static str, svc: &'static str| {
        let c = management.clone();
        async move {
            c.register_delegated_administrator()
                .account_id(acct)
                .service_principal(svc)
                .send()
                .await
        }
    };
    assert_eq!(
        code(register("222222222222", "guardduty.amazonaws.com").await),
        "ConstraintViolationException/SERVICE_ACCESS_NOT_ENABLED"
    );
    assert_eq!(
        code(
            management
                .enable_aws_service_access()
                .service_principal("nope.example.com")
                .send()
                .await
        ),
        "InvalidInputException/UNRECOGNIZED_SERVICE_PRINCIPAL"
    );
    for svc in ["guardduty.amazonaws.com", "config.amazonaws.com"] {
        management
            .enable_aws_service_access()
            .service_principal(svc)
            .send()
            .await
            .unwrap();
    }
    management
        .enable_aws_service_access()
        .service_principal("config.amazonaws.com")
        .send()
        .await
        .unwrap();
    let access = management
        .list_aws_service_access_for_organization()
        .send()
        .await
        .unwrap();
    assert_eq!(access.enabled_service_principals().len(), 2);

    assert_eq!(
        code(register("111111111111", "guardduty.amazonaws.com").await),
        "ConstraintViolationException/CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR"
    );
    assert_eq!(
        code(register("999999999999", "guardduty.amazonaws.com").await),
        "AccountNotFoundException"
    );
    register("222222222222", "guardduty.amazonaws.com").await.unwrap();
    assert_eq!(
        code(register("222222222222", "guardduty.amazonaws.com").await),
        "AccountAlreadyRegisteredException"
    );
    assert_eq!(
        code(register("333333333333", "guardduty.amazonaws.com").await),
        "ConstraintViolationException/DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE"
    );
    for acct in ["222222222222", "333333333333", "444444444444"] {
        register(acct, "config.amazonaws.com").await.unwrap();
    }
    assert_eq!(
        code(register("555555555555", "config.amazonaws.com").await),
        "AccountNotFoundException"
    );

    let admins = management.list_delegated_administrators().send().await.unwrap();
    assert_eq!(admins.delegated_administrators().len(), 3);
    let config_only = management
        .list_delegated_administrators()
        .service_principal("guardduty.amazonaws.com")
        .send()
        .await
        .unwrap();
    assert_eq!(config_only.delegated_administrators()[0].id(), Some("222222222222"));
    // The delegated administrator reads; it can't write without the resource policy.
    let admin = mock.client_as("222222222222");
    let services = admin
        .list_delegated_services_for_account()
        .account_id("222222222222")
        .send()
        .await
        .unwrap();
    assert_eq!(services.delegated_services().len(), 2);
    assert_eq!(admin.list_accounts().send().await.unwrap().accounts().len(), 4);
    assert_eq!(
        code(
            admin
                .tag_resource()
                .resource_id("444444444444")
                .tags(tag("k", "v"))
                .send()
                .await
        ),
        "AccessDeniedException"
    );
    assert_eq!(
        code(
            admin
                .register_delegated_administrator()
                .account_id("444444444444")
                .service_principal("sso.amazonaws.com")
                .send()
                .await
        ),
        "AccessDeniedException"
    );

    management
        .deregister_delegated_administrator()
        .account_id("222222222222")
        .service_principal("guardduty.amazonaws.com")
        .send()
        .await
        .unwrap();
    assert_eq!(
        code(
            management
                .deregister_delegated_administrator()
                .account_id("222222222222")
                .service_principal("guardduty.amazonaws.com")
                .send()
                .await
        ),
        "AccountNotRegisteredException"
    );
    management
        .deregister_delegated_administrator()
        .account_id("222222222222")
        .service_principal("config.amazonaws.com")
        .send()
        .await
        .unwrap();
    assert_eq!(code(admin.list_accounts().send().await), "AccessDeniedException");
    assert_eq!(
        code(
            management
                .list_delegated_services_for_account()
                .account_id("222222222222")
                .send()
                .await
        ),
        "AccountNotRegisteredException"
    );
    management
        .disable_aws_service_access()
        .service_principal("guardduty.amazonaws.com")
        .send()
        .await
        .unwrap();
    let access = management
        .list_aws_service_access_for_organization()
        .send()
        .await
        .unwrap();
    assert_eq!(
        access.enabled_service_principals()[0].service_principal(),
        Some("config.amazonaws.com")
    );
}

#[tokio::test]
async fn the_resource_policy_governs_what_members_may_do() {
    let mock = MockOrganizations::new();
    organization_with(&mock, &["222222222222", "333333333333"]).await;
    let management = mock.client();
    assert_eq!(
        code(management.describe_resource_policy().send().await),
        "ResourcePolicyNotFoundException"
    );
    assert_eq!(
        code(management.put_resource_policy().content("{not json").send().await),
        "InvalidInputException/INVALID_RESOURCE_POLICY_JSON"
    );
    let policy = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":["organizations:Describe*","organizations:List*","organizations:TagResource"],"Resource":"*"},
        {"Effect":"Deny","Principal":{"AWS":"222222222222"},"Action":"organizations:UntagResource","Resource":"*"}]}"#;
    let put = management
        .put_resource_policy()
        .content(policy)
        .tags(tag("owner", "platform"))
        .send()
        .await
        .unwrap();
    let summary = put.resource_policy().unwrap().resource_policy_summary().unwrap();
    assert!(summary.id().unwrap().starts_with("rp-"));
    assert!(summary.arn().unwrap().contains(":resourcepolicy/o-"));
    assert_eq!(
        code(
            management
                .put_resource_policy()
                .content(policy)
                .tags(tag("x", "y"))
                .send()
                .await
        ),
        "InvalidInputException/INVALID_LIST_MEMBER"
    );

    let granted = mock.client_as("222222222222");
    assert_eq!(granted.list_accounts().send().await.unwrap().accounts().len(), 3);
    let tag = tag("env", "prod");
    granted
        .tag_resource()
        .resource_id("333333333333")
        .tags(tag)
        .send()
        .await
        .unwrap();
    assert_eq!(
        code(
            granted
                .untag_resource()
                .resource_id("333333333333")
                .tag_keys("env")
                .send()
                .await
        ),
        "AccessDeniedException"
    );
    assert_eq!(
        code(
            granted
                .create_organizational_unit()
                .parent_id("r-0000")
                .name("x")
                .send()
                .await
        ),
        "AccessDeniedException"
    );
    assert_eq!(
        granted
            .describe_resource_policy()
            .send()
            .await
            .unwrap()
            .resource_policy()
            .unwrap()
            .content(),
        Some(policy)
    );
    assert_eq!(
        code(mock.client_as("333333333333").list_accounts().send().await),
        "AccessDeniedException"
    );

    management.delete_resource_policy().send().await.unwrap();
    assert_eq!(code(granted.list_accounts().send().await), "AccessDeniedException");
    assert_eq!(
        code(management.delete_resource_policy().send().await),
        "ResourcePolicyNotFoundException"
    );
}

#[tokio::test]
async fn govcloud_accounts_come_in_pairs() {
    let mock = MockOrganizations::new();
    let management = mock.client();
    management.create_organization().send().await.unwrap();
    let create = || {
        management
            .create_gov_cloud_account()
            .email("gov@example.com")
            .account_name("gov")
    };
    assert_eq!(
        code(create().send().await),
        "ConstraintViolationException/MASTER_ACCOUNT_NOT_GOVCLOUD_ENABLED"
    );
    mock.pair_govcloud_account("111111111111");
    let out = create().send().await.unwrap();
    let req = out.create_account_status().unwrap().id().unwrap();
    let status = management
        .describe_create_account_status()
        .create_account_request_id(req)
        .send()
        .await
        .unwrap();
    let status = status.create_account_status().unwrap();
    let commercial = status.account_id().unwrap();
    let gov = status.gov_cloud_account_id().unwrap();
    assert_ne!(commercial, gov);
    let acct = management
        .describe_account()
        .account_id(commercial)
        .send()
        .await
        .unwrap();
    assert_eq!(acct.account().unwrap().email(), Some("gov@example.com"));
    assert_eq!(acct.account().unwrap().joined_method().unwrap().as_str(), "CREATED");
    assert_eq!(
        code(
            mock.client_as(commercial)
                .create_gov_cloud_account()
                .email("x@example.com")
                .account_name("x")
                .send()
                .await
        ),
        "AccessDeniedException"
    );
}

#[tokio::test]
async fn responsibility_transfers_move_through_their_states() {
    let mock = MockOrganizations::new();
    mock.client().create_organization().send().await.unwrap();
    let payer = mock.client(); // will manage the bills: inbound for it
    let source = mock.client_as("333333333333");
    source.create_organization().send().await.unwrap();
    let feb1 = DateTime::from_secs(1_738_368_000); // 2025-02-01T00:00:00Z
    let invite = |start: DateTime, target: HandshakeParty| {
        payer
            .invite_organization_to_transfer_responsibility()
            .r#type(ResponsibilityTransferType::Billing)
            .target(target)
            .start_timestamp(start)
            .source_name("bills")
    };
    assert_eq!(
        code(
            invite(DateTime::from_secs(1_738_368_000 + 3600), account_party("333333333333"))
                .send()
                .await
        ),
        "InvalidInputException/START_DATE_NOT_BEGINNING_OF_DAY"
    );
    assert_eq!(
        code(
            invite(
                DateTime::from_secs(1_738_368_000 + 86_400),
                account_party("333333333333")
            )
            .send()
            .await
        ),
        "InvalidInputException/START_DATE_NOT_BEGINNING_OF_MONTH"
    );
    assert_eq!(
        code(invite(feb1, account_party("111111111111")).send().await),
        "HandshakeConstraintViolationException/SOURCE_AND_TARGET_CANNOT_MATCH"
    );
    assert_eq!(
        code(invite(feb1, account_party("444444444444")).send().await),
        "HandshakeConstraintViolationException/TARGET_ACCOUNT_VALIDATION_FAILURE"
    );
    let h = invite(feb1, account_party("333333333333")).send().await.unwrap();
    let h = h.handshake().unwrap();
    assert_eq!(h.action(), Some(&ActionType::TransferResponsibility));
    assert_eq!(
        code(invite(feb1, account_party("333333333333")).send().await),
        "DuplicateHandshakeException"
    );

    let inbound = payer
        .list_inbound_responsibility_transfers()
        .r#type(ResponsibilityTransferType::Billing)
        .send()
        .await
        .unwrap();
    let t = &inbound.responsibility_transfers()[0];
    let id = t.id().unwrap().to_string();
    assert_eq!(t.status(), Some(&ResponsibilityTransferStatus::Requested));
    assert_eq!(t.active_handshake_id(), h.id());
    assert!(t.arn().unwrap().contains("/billing/inbound/rt-"));
    assert_eq!(
        code(payer.terminate_responsibility_transfer().id(&id).send().await),
        "InvalidResponsibilityTransferTransitionException"
    );
    assert_eq!(
        code(source.delete_organization().send().await),
        "ConstraintViolationException/ACTIVE_RESPONSIBILITY_TRANSFER_PROCESS"
    );

    accept(&source, h.id().unwrap()).await;
    let outbound = source
        .list_outbound_responsibility_transfers()
        .r#type(ResponsibilityTransferType::Billing)
        .send()
        .await
        .unwrap();
    let t = &outbound.responsibility_transfers()[0];
    assert_eq!(t.status(), Some(&ResponsibilityTransferStatus::Accepted));
    assert!(t.arn().unwrap().contains("/billing/outbound/"));
    let renamed = source
        .update_responsibility_transfer()
        .id(&id)
        .name("renamed")
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.responsibility_transfer().unwrap().name(), Some("renamed"));

    assert_eq!(
        code(
            payer
                .terminate_responsibility_transfer()
                .id(&id)
                .end_timestamp(feb1)
                .send()
                .await
        ),
        "InvalidInputException/END_DATE_NOT_END_OF_MONTH"
    );
    let ended = payer.terminate_responsibility_transfer().id(&id).send().await.unwrap();
    let ended = ended.responsibility_transfer().unwrap();
    assert_eq!(ended.status(), Some(&ResponsibilityTransferStatus::Withdrawn));
    // Ends at the last moment of February, the month it started.
    assert_eq!(
        ended.end_timestamp().unwrap().to_millis().unwrap(),
        1_740_787_200_000 - 1
    );
    assert_eq!(
        code(source.terminate_responsibility_transfer().id(&id).send().await),
        "ResponsibilityTransferAlreadyInStatusException"
    );
    assert_eq!(
        code(
            source
                .update_responsibility_transfer()
                .id(&id)
                .name("late")
                .send()
                .await
        ),
        "ConstraintViolationException/TRANSFER_RESPONSIBILITY_UPDATE_NOT_ALLOWED"
    );
    assert_eq!(
        code(
            mock.client_as("555555555555")
                .describe_responsibility_transfer()
                .id(&id)
                .send()
                .await
        ),
        "AWSOrganizationsNotInUseException"
    );

    // An unanswered invitation expires 24 hours before its start.
    let mar1 = DateTime::from_secs(1_740_787_200);
    invite(mar1, account_party("333333333333")).send().await.unwrap();
    mock.advance(DAY * 60);
    let inbound = payer
        .list_inbound_responsibility_transfers()
        .r#type(ResponsibilityTransferType::Billing)
        .send()
        .await
        .unwrap();
    assert_eq!(
        inbound.responsibility_transfers()[1].status(),
        Some(&ResponsibilityTransferStatus::Expired)
    );
    source.delete_organization().send().await.unwrap();
}
