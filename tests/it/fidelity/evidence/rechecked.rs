//! The ledger entries re-checked against AWS's documentation (issue 13's last
//! pass), each through the real SDK client: the numbers and rules the
//! sources gave, where the mock used to guess.

use std::time::Duration;

use aws_organizations_mock::aws_sdk_organizations::types::{PolicyType, Tag};
use aws_organizations_mock::aws_sdk_organizations::Client;
use aws_organizations_mock::{Limits, MockOrganizations, OrgFixture, PolicyFixture};

use crate::support::reasons::{org, refused, set_type, DAY};
use crate::support::{
    accept, account_party, create_consolidated_billing_organization, create_policy, invite, new_account, tag,
};

const ATTACH_LIMIT: &str = "ConstraintViolationException/MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED";

fn tags(n: usize) -> Vec<Tag> {
    (0..n).map(|i| tag(&format!("k{i}"), "v")).collect()
}

async fn policy(c: &Client, kind: &str, name: &str, content: &str) -> String {
    create_policy(c, PolicyType::from(kind), name, content).await
}

async fn attach(c: &Client, policy: &str, target: &str) -> Result<(), aws_sdk_organizations::Error> {
    c.attach_policy().policy_id(policy).target_id(target).send().await?;
    Ok(())
}

// ---- FIDELITY.md#tags-per-resource ----

#[tokio::test]
async fn a_resource_takes_fifty_tags_and_no_more() {
    let mock = MockOrganizations::new();
    let (c, _root) = org(&mock).await;
    let account = new_account(&c, "a").await;
    c.tag_resource()
        .resource_id(&account)
        .set_tags(Some(tags(50)))
        .send()
        .await
        .unwrap();
    let one_more = c.tag_resource().resource_id(&account).tags(tag("k50", "v")).send();
    assert_eq!(
        refused(&mock, one_more).await,
        "ConstraintViolationException/MAX_TAG_LIMIT_EXCEEDED"
    );
    // "You can attach up to 50 tags to a policy" (AWS's guide, Inspector policies).
    let created = c
        .create_policy()
        .r#type(PolicyType::TagPolicy)
        .name("t")
        .description("")
        .content(r#"{"tags":{"cc":{"tag_key":{"@@assign":"CostCenter"}}}}"#)
        .set_tags(Some(tags(50)))
        .send()
        .await;
    assert!(created.is_ok(), "{created:?}");
}

// ---- FIDELITY.md#handshake-lifetimes ----

#[tokio::test]
async fn invitations_last_15_days_and_enable_all_features_requests_90() {
    let mock = MockOrganizations::new();
    let c = mock.client();
    create_consolidated_billing_organization(&c).await;
    let id = invite(&c, account_party("222222222222")).await;
    let sent = c.describe_handshake().handshake_id(&id).send().await.unwrap();
    let h = sent.handshake().unwrap();
    let days = |h: &aws_sdk_organizations::types::Handshake| {
        (h.expiration_timestamp().unwrap().secs() - h.requested_timestamp().unwrap().secs()) / (24 * 3600)
    };
    assert_eq!(days(h), 15);
    accept(&mock.client_as("222222222222"), &id).await;

    let out = c.enable_all_features().send().await.unwrap();
    let request = out.handshake().unwrap();
    assert_eq!(days(request), 90);
    // Still waiting for the member after 89 days (it would have expired
    // after 15), expired after 90.
    let member = mock.client_as("222222222222");
    let state = || async {
        let out = member.list_handshakes_for_account().send().await.unwrap();
        let h = out
            .handshakes()
            .iter()
            .find(|h| h.action().map(|a| a.as_str()) == Some("ENABLE_ALL_FEATURES"));
        h.and_then(|h| h.state()).map(|s| s.as_str().to_string())
    };
    mock.advance(89 * DAY);
    assert_eq!(state().await.as_deref(), Some("REQUESTED"));
    mock.advance(DAY);
    assert_eq!(state().await.as_deref(), Some("EXPIRED"));
}

// ---- FIDELITY.md#policy-quotas ----

#[tokio::test]
async fn per_target_quotas_follow_the_quota_page() {
    let mock = MockOrganizations::new();
    let (c, root) = org(&mock).await;
    const DENY: &str = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*"}}"#;
    const RCP: &str =
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}}"#;
    const CHATBOT: &str = r#"{"chatbot":{"platforms":{"slack":{"client":{"@@assign":"disabled"}}}}}"#;
    // SCPs: 10 per target, p-FullAWSAccess included; RCPs: 5, p-RCPFullAWSAccess
    // included; chat applications policies: 5.
    for (kind, per_target, content) in [
        ("SERVICE_CONTROL_POLICY", 10, DENY),
        ("RESOURCE_CONTROL_POLICY", 5, RCP),
        ("CHATBOT_POLICY", 5, CHATBOT),
    ] {
        set_type(&c, &root, kind, true).await.unwrap();
        let managed = usize::from(kind != "CHATBOT_POLICY");
        for i in managed..per_target {
            let id = policy(&c, kind, &format!("{kind}-{i}"), content).await;
            attach(&c, &id, &root).await.unwrap();
        }
        let over = policy(&c, kind, &format!("{kind}-over"), content).await;
        let r = c.attach_policy().policy_id(&over).target_id(&root).send();
        assert_eq!(refused(&mock, r).await, ATTACH_LIMIT, "{kind}");
    }
}

// ---- FIDELITY.md#aws-managed-policies ----

#[tokio::test]
async fn rcp_full_aws_access_is_named_and_described_as_aws_documents() {
    let mock = MockOrganizations::new();
    let (c, root) = org(&mock).await;
    set_type(&c, &root, "RESOURCE_CONTROL_POLICY", true).await.unwrap();
    let out = c
        .describe_policy()
        .policy_id("p-RCPFullAWSAccess")
        .send()
        .await
        .unwrap();
    let p = out.policy().unwrap();
    let s = p.policy_summary().unwrap();
    assert_eq!(s.name(), Some("RCPFullAWSAccess"));
    assert_eq!(s.description(), Some("Allows access to every resource"));
    assert_eq!(
        s.arn(),
        Some("arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess")
    );
    assert!(s.aws_managed());
    // "allows all principals and actions access to pass through RCP evaluation".
    let doc: serde_json::Value = serde_json::from_str(p.content().unwrap()).unwrap();
    assert_eq!(
        doc["Statement"],
        serde_json::json!([{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}])
    );
    let full = c.describe_policy().policy_id("p-FullAWSAccess").send().await.unwrap();
    let full = full.policy().unwrap().policy_summary().unwrap();
    assert_eq!(full.description(), Some("Allows access to every operation"));
}

// ---- FIDELITY.md#policy-ids ----

#[tokio::test]
async fn policy_ids_are_p_and_eight_lowercase_letters_or_digits() {
    let mock = MockOrganizations::new();
    let (c, root) = org(&mock).await;
    set_type(&c, &root, "SERVICE_CONTROL_POLICY", true).await.unwrap();
    let deny = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*"}}"#;
    for i in 0..20 {
        let id = policy(&c, "SERVICE_CONTROL_POLICY", &format!("p{i}"), deny).await;
        let rest = id.strip_prefix("p-").unwrap();
        assert_eq!(rest.len(), 8, "{id}");
        assert!(
            rest.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
            "{id}"
        );
        let out = c.describe_policy().policy_id(&id).send().await.unwrap();
        let arn = out
            .policy()
            .unwrap()
            .policy_summary()
            .unwrap()
            .arn()
            .unwrap()
            .to_string();
        assert!(
            arn.starts_with("arn:aws:organizations::111111111111:policy/o-")
                && arn.ends_with(&format!("/service_control_policy/{id}")),
            "{arn}"
        );
    }
}

// ---- FIDELITY.md#account-and-ou-quotas ----

#[tokio::test]
async fn open_invitations_and_closed_accounts_count_against_the_account_quota() {
    let mock = MockOrganizations::builder()
        .limits(Limits {
            max_accounts: 3,
            ..Limits::default()
        })
        .build();
    let (c, _root) = org(&mock).await;
    let a = new_account(&c, "a").await;
    let invitation = invite(&c, account_party("222222222222")).await;
    let create = |name: &'static str| {
        c.create_account()
            .email(format!("{name}@example.com"))
            .account_name(name)
            .send()
    };
    // Two members and one open invitation: the quota of three is reached.
    assert_eq!(
        refused(&mock, create("b")).await,
        "ConstraintViolationException/ACCOUNT_NUMBER_LIMIT_EXCEEDED"
    );
    c.cancel_handshake().handshake_id(&invitation).send().await.unwrap();
    create("b").await.unwrap();
    // A closed (suspended) account still counts.
    c.close_account().account_id(&a).send().await.unwrap();
    mock.advance(Duration::from_secs(3600));
    assert_eq!(
        refused(&mock, create("c")).await,
        "ConstraintViolationException/ACCOUNT_NUMBER_LIMIT_EXCEEDED"
    );
}

// ---- FIDELITY.md#delegated-administrator-limits ----

#[tokio::test]
async fn delegated_administrator_limits_and_principals_follow_the_sources() {
    let mock = MockOrganizations::new();
    let (c, _root) = org(&mock).await;
    let trust = |principal: &'static str| c.enable_aws_service_access().service_principal(principal).send();
    // Principals AWS's guide or provider modules run against AWS name.
    for principal in [
        "aws-artifact-account-sync.amazonaws.com",
        "billing-cost-management.amazonaws.com",
        "cost-optimization-hub.bcm.amazonaws.com",
        "eks.amazonaws.com",
        "mgn.amazonaws.com",
        "resource-explorer-2.amazonaws.com",
    ] {
        trust(principal).await.unwrap();
    }
    let members: Vec<String> = [
        new_account(&c, "m1").await,
        new_account(&c, "m2").await,
        new_account(&c, "m3").await,
        new_account(&c, "m4").await,
    ]
    .into();
    let register = |account: &str, principal: &str| {
        c.register_delegated_administrator()
            .account_id(account)
            .service_principal(principal)
            .send()
    };
    // CloudTrail: "a maximum of three CloudTrail delegated administrators";
    // StackSets and S3 Storage Lens: "multiple" (three in the mock).
    for principal in [
        "cloudtrail.amazonaws.com",
        "member.org.stacksets.cloudformation.amazonaws.com",
        "storage-lens.s3.amazonaws.com",
    ] {
        trust(principal).await.unwrap();
        for m in &members[..3] {
            register(m, principal).await.unwrap();
        }
        assert_eq!(
            refused(&mock, register(&members[3], principal)).await,
            "ConstraintViolationException/MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED",
            "{principal}"
        );
    }
    // Trusted Advisor takes a delegated administrator (observed).
    trust("reporting.trustedadvisor.amazonaws.com").await.unwrap();
    register(&members[0], "reporting.trustedadvisor.amazonaws.com")
        .await
        .unwrap();
    // GuardDuty: "one delegated admin per AWS Organization".
    trust("guardduty.amazonaws.com").await.unwrap();
    register(&members[0], "guardduty.amazonaws.com").await.unwrap();
    assert_eq!(
        refused(&mock, register(&members[1], "guardduty.amazonaws.com")).await,
        "ConstraintViolationException/DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE"
    );
}

// ---- FIDELITY.md#error-reasons (which actions a delegation policy may grant) ----

/// AWS's "Supported delegation policy actions" list, in its order.
const SUPPORTED_DELEGATION_ACTIONS: [&str; 33] = [
    "AttachPolicy",
    "CreatePolicy",
    "DeletePolicy",
    "DescribeAccount",
    "DescribeCreateAccountStatus",
    "DescribeEffectivePolicy",
    "DescribeHandshake",
    "DescribeOrganization",
    "DescribeOrganizationalUnit",
    "DescribePolicy",
    "DescribeResourcePolicy",
    "DetachPolicy",
    "DisablePolicyType",
    "EnablePolicyType",
    "ListAccounts",
    "ListAccountsForParent",
    "ListAWSServiceAccessForOrganization",
    "ListChildren",
    "ListCreateAccountStatus",
    "ListDelegatedAdministrators",
    "ListDelegatedServicesForAccount",
    "ListHandshakesForAccount",
    "ListHandshakesForOrganization",
    "ListOrganizationalUnitsForParent",
    "ListParents",
    "ListPolicies",
    "ListPoliciesForTarget",
    "ListRoots",
    "ListTagsForResource",
    "ListTargetsForPolicy",
    "TagResource",
    "UntagResource",
    "UpdatePolicy",
];

#[tokio::test]
async fn a_delegation_policy_grants_the_documented_actions_and_no_others() {
    let mock = MockOrganizations::new();
    let (c, _root) = org(&mock).await;
    let statement = |actions: Vec<String>| {
        serde_json::json!({
            "Version": "2012-10-17",
            "Statement": {"Effect": "Allow", "Principal": {"AWS": "222222222222"}, "Action": actions, "Resource": "*"}
        })
        .to_string()
    };
    let all: Vec<String> = SUPPORTED_DELEGATION_ACTIONS
        .iter()
        .map(|a| format!("organizations:{a}"))
        .collect();
    c.put_resource_policy().content(statement(all)).send().await.unwrap();
    for refused_action in [
        "CreateAccount",
        "InviteAccountToOrganization",
        "RegisterDelegatedAdministrator",
        "PutResourcePolicy",
    ] {
        // A misspelt action would be refused too: it must be a real operation.
        let refused_action = format!("organizations:{}", crate::support::model::operation(refused_action));
        let call = c
            .put_resource_policy()
            .content(statement(vec![refused_action.clone()]))
            .send();
        assert_eq!(
            refused(&mock, call).await,
            "InvalidInputException/UNSUPPORTED_ACTION_IN_RESOURCE_POLICY",
            "{refused_action}"
        );
    }
}

// ---- FIDELITY.md#account-and-ou-quotas (closed for good) ----

#[tokio::test]
async fn an_account_closed_for_good_no_longer_counts_against_the_quota() {
    let mock = MockOrganizations::builder()
        .limits(Limits {
            max_accounts: 2,
            ..Limits::default()
        })
        .build();
    let (c, _root) = org(&mock).await;
    let a = new_account(&c, "a").await;
    let create = || c.create_account().email("b@example.com").account_name("b").send();
    c.close_account().account_id(&a).send().await.unwrap();
    // Suspended, within its 90 days: it still counts.
    mock.advance(DAY * 89);
    assert_eq!(
        refused(&mock, create()).await,
        "ConstraintViolationException/ACCOUNT_NUMBER_LIMIT_EXCEEDED"
    );
    // Closed for good: its place is free.
    mock.advance(DAY * 2);
    let described = c.describe_account().account_id(&a).send().await.unwrap();
    assert_eq!(described.account().unwrap().state().unwrap().as_str(), "CLOSED");
    create().await.unwrap();
    // The members not closed for good still count: the management account
    // and "b" fill the quota of two again.
    let third = c.create_account().email("c@example.com").account_name("c").send();
    assert_eq!(
        refused(&mock, third).await,
        "ConstraintViolationException/ACCOUNT_NUMBER_LIMIT_EXCEEDED"
    );
}

// ---- FIDELITY.md#rate-reasons ----

#[tokio::test]
async fn accepted_invitations_do_not_count_against_the_daily_invitations() {
    let mock = MockOrganizations::builder()
        .limits(Limits {
            max_handshakes_per_day: Some(2),
            ..Limits::default()
        })
        .build();
    let (c, _root) = org(&mock).await;
    let first = invite(&c, account_party("222222222222")).await;
    accept(&mock.client_as("222222222222"), &first).await;
    // The accepted one is not counted: two more may be sent today.
    invite(&c, account_party("333333333333")).await;
    invite(&c, account_party("444444444444")).await;
    let fourth = c
        .invite_account_to_organization()
        .target(account_party("555555555555"))
        .send();
    assert_eq!(
        refused(&mock, fourth).await,
        "HandshakeConstraintViolationException/HANDSHAKE_RATE_LIMIT_EXCEEDED"
    );
}

// ---- FIDELITY.md#policy-quotas (per organization) ----

#[tokio::test]
async fn policies_per_organization_follow_the_quota_page() {
    let tag_policy = r#"{"tags":{"team":{"tag_key":{"@@assign":"team"}}}}"#;
    let rcp =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}"#;
    let scp = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#;
    let types = [
        (PolicyType::TagPolicy, tag_policy, 1_000),
        (PolicyType::ResourceControlPolicy, rcp, 2_000),
        (PolicyType::ServiceControlPolicy, scp, 10_000),
    ];
    // All but one of each type's quota from a fixture (thousands of calls
    // through the SDK would make a slow test); the last ones through the SDK.
    let mut fixture = OrgFixture::new();
    for (kind, content, quota_of_type) in &types {
        for i in 1..*quota_of_type {
            fixture = fixture.policy(PolicyFixture::new(
                &format!("{}-{i}", kind.as_str()),
                kind.clone(),
                content,
            ));
        }
    }
    let mock = MockOrganizations::new();
    mock.load_fixture(&fixture).unwrap();
    let c = mock.client();
    let quota = "ConstraintViolationException/POLICY_NUMBER_LIMIT_EXCEEDED";
    let create = |kind: &PolicyType, name: &str, content: &str| {
        c.create_policy()
            .r#type(kind.clone())
            .name(name)
            .description("d")
            .content(content)
            .send()
    };
    for (kind, content, _) in &types {
        create(kind, "the-last", content).await.unwrap();
        assert_eq!(refused(&mock, create(kind, "one-more", content)).await, quota, "{kind}");
    }
    // Limits::max_policies_per_type lowers every type's quota at once.
    let mock = MockOrganizations::builder()
        .limits(Limits {
            max_policies_per_type: 1,
            ..Limits::default()
        })
        .build();
    let (c, _root) = org(&mock).await;
    policy(&c, "SERVICE_CONTROL_POLICY", "only", scp).await;
    let second = c
        .create_policy()
        .r#type(PolicyType::ServiceControlPolicy)
        .name("second")
        .description("d")
        .content(scp)
        .send();
    assert_eq!(refused(&mock, second).await, quota);
}
