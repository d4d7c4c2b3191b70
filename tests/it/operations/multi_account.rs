//! The multi-account world through the real SDK: membership, delegated
//! administrators, trusted access, the resource policy, GovCloud accounts
//! and several organizations side by side. Handshakes: `handshakes`;
//! responsibility transfers: `transfers`.

use std::time::Duration;

use aws_organizations_mock::MockOrganizations;

use crate::support;
use crate::support::multi_account::*;
use support::{accept, account_party, invite, new_account, organization_with, tag};

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
    // A millisecond short of four days it still waits; at four days it leaves.
    mock.advance(4 * DAY - Duration::from_millis(1));
    let err = new.leave_organization().send().await.unwrap_err();
    assert!(
        err.as_service_error()
            .and_then(|e| e.meta().message())
            .is_some_and(|m| m.contains("1 hours remain")),
        "{err:?}"
    );
    mock.advance(Duration::from_millis(1));
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
    // Nor the parents of the second's accounts: to the first they are no child
    // of its own (ListParents: "We can't find an organizational unit (OU) or
    // Amazon Web Services account with the ChildId that you specified").
    for account in ["333333333333", "444444444444"] {
        assert_eq!(
            code(mock.client().list_parents().child_id(account).send().await),
            "ChildNotFoundException"
        );
        assert_eq!(
            other
                .list_parents()
                .child_id(account)
                .send()
                .await
                .unwrap()
                .parents()
                .len(),
            1
        );
    }
    // Nor are they targets of its policies (TargetNotFoundException: "We can't
    // find a root, OU, account, or policy with the TargetId that you specified").
    for account in ["333333333333", "444444444444"] {
        let r = mock
            .client()
            .list_policies_for_target()
            .target_id(account)
            .filter(aws_organizations_mock::aws_sdk_organizations::types::PolicyType::ServiceControlPolicy)
            .send()
            .await;
        assert_eq!(code(r), "TargetNotFoundException", "{account}");
    }
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

    // Without ServicePrincipal, every delegated administrator, once; with
    // it, "the delegated administrators only for the specified service"
    // (the model's ListDelegatedAdministrators).
    let admins_of = |service: Option<&str>| {
        let request = management
            .list_delegated_administrators()
            .set_service_principal(service.map(str::to_string));
        async move {
            let out = request.send().await.unwrap();
            let mut ids: Vec<String> = out
                .delegated_administrators()
                .iter()
                .map(|a| a.id().unwrap().to_string())
                .collect();
            ids.sort();
            ids
        }
    };
    assert_eq!(admins_of(None).await, ["222222222222", "333333333333", "444444444444"]);
    assert_eq!(admins_of(Some("guardduty.amazonaws.com")).await, ["222222222222"]);
    assert_eq!(
        admins_of(Some("config.amazonaws.com")).await,
        ["222222222222", "333333333333", "444444444444"]
    );
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
