//! Guardrails that guard: SCPs decide a member account's Organizations
//! calls and its STS AssumeRole, RCPs decide AssumeRole into a member
//! account's roles; denials answer AWS's access-denied messages word for
//! word and change nothing (FIDELITY.md#guardrails-enforcement,
//! FIDELITY.md#guardrails-messages). Through the real SDK clients.

use aws_config::sts::AssumeRoleProvider;
use aws_credential_types::provider::ProvideCredentials;
use aws_organizations_mock::{GuardrailDecision, GuardrailKind, GuardrailQuery, MockOrganizations};
use aws_sdk_organizations::error::ProvideErrorMetadata;
use aws_sdk_organizations::operation::describe_account::DescribeAccountError;
use aws_sdk_organizations::types::{EffectivePolicyType, PolicyType};
use aws_sdk_organizations::Client;

use crate::support::{self, MANAGEMENT};

pub(crate) const MEMBER: &str = "222222222222";
pub(crate) const OUTSIDER: &str = "999999999999";

const DENY_LEAVE: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"DenyLeave","Effect":"Deny","Action":["organizations:LeaveOrganization"],"Resource":"*"}]}"#;
const EC2_ONLY: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}"#;
const DENY_ALL: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#;

/// An organization of the default account with `MEMBER` invited into it and
/// SCPs enabled (FullAWSAccess everywhere); the root's id.
pub(crate) async fn organization(mock: &MockOrganizations, types: &[PolicyType]) -> String {
    support::organization_with(mock, &[MEMBER]).await;
    let root = support::root_id(&mock.client()).await;
    for t in types {
        mock.client()
            .enable_policy_type()
            .root_id(&root)
            .policy_type(t.clone())
            .send()
            .await
            .unwrap();
    }
    root
}

/// `organization` with SCPs enabled and the SCP `content` attached to the
/// root; the root's id.
async fn scp_at_root(mock: &MockOrganizations, name: &str, content: &str) -> String {
    let root = organization(mock, &[PolicyType::ServiceControlPolicy]).await;
    attach(&mock.client(), name, PolicyType::ServiceControlPolicy, content, &root).await;
    root
}

/// Creates the policy and attaches it to `target`; its id.
pub(crate) async fn attach(c: &Client, name: &str, kind: PolicyType, content: &str, target: &str) -> String {
    let id = support::create_policy(c, kind, name, content).await;
    c.attach_policy().policy_id(&id).target_id(target).send().await.unwrap();
    id
}

/// `sts` assumes `role_arn` with the session name "ci".
async fn assume(
    sts: &aws_sdk_sts::Client,
    role_arn: impl Into<String>,
) -> Result<
    aws_sdk_sts::operation::assume_role::AssumeRoleOutput,
    aws_sdk_sts::error::SdkError<aws_sdk_sts::operation::assume_role::AssumeRoleError>,
> {
    sts.assume_role()
        .role_arn(role_arn)
        .role_session_name("ci")
        .send()
        .await
}

/// The ARN of the SCP `name`, as an explicit denial names it.
pub(crate) async fn scp_arn(mock: &MockOrganizations, name: &str) -> String {
    let listed = mock
        .client()
        .list_policies()
        .filter(PolicyType::ServiceControlPolicy)
        .send()
        .await
        .unwrap();
    let policy = listed.policies().iter().find(|p| p.name() == Some(name));
    policy.and_then(|p| p.arn()).unwrap().to_string()
}

/// `organization` with SCPs enabled, the account 333333333333 joined, and
/// the SCP `deny` attached to the root as `name`; the organization's id.
async fn third_account_under_scp(mock: &MockOrganizations, name: &str, deny: &str) -> String {
    let root = organization(mock, &[PolicyType::ServiceControlPolicy]).await;
    let c = mock.client();
    support::join(mock, "333333333333").await;
    attach(&c, name, PolicyType::ServiceControlPolicy, deny, &root).await;
    let org = c.describe_organization().send().await.unwrap();
    org.organization().unwrap().id().unwrap().to_string()
}

/// `client`'s DescribeAccount of `account_id`, which must fail: its error.
async fn describe(client: &Client, account_id: &str) -> DescribeAccountError {
    client
        .describe_account()
        .account_id(account_id)
        .send()
        .await
        .unwrap_err()
        .into_service_error()
}

pub(crate) fn denied<E: ProvideErrorMetadata>(err: &E) -> (String, String) {
    (
        err.code().unwrap_or_default().to_string(),
        err.message().unwrap_or_default().to_string(),
    )
}

#[tokio::test]
async fn a_member_under_deny_leaving_cannot_leave_and_nothing_changes() {
    let mock = MockOrganizations::new();
    scp_at_root(&mock, "stay", DENY_LEAVE).await;
    let before = mock.snapshot();
    let err = mock.client_as(MEMBER).leave_organization().send().await.unwrap_err();
    let err = err.into_service_error();
    assert!(err.is_access_denied_exception(), "{err:?}");
    assert_eq!(
        denied(&err),
        (
            "AccessDeniedException".into(),
            format!("User: arn:aws:iam::222222222222:root is not authorized to perform: organizations:LeaveOrganization with an explicit deny in a service control policy: {}", scp_arn(&mock, "stay").await)
        )
    );
    assert_eq!(before, mock.snapshot(), "a denied call changes nothing");
    let accounts = mock.client().list_accounts().send().await.unwrap();
    assert!(accounts.accounts().iter().any(|a| a.id() == Some(MEMBER)));
    // Other calls of the member still go through.
    mock.client_as(MEMBER).describe_organization().send().await.unwrap();
    // The management account is not restricted (it can't leave for its own reason).
    let own = mock.client().leave_organization().send().await.unwrap_err();
    assert_eq!(
        own.into_service_error().meta().code(),
        Some("MasterCannotLeaveOrganizationException")
    );
}

#[tokio::test]
async fn with_enforcement_off_the_same_member_leaves() {
    let mock = MockOrganizations::builder().enforce_guardrails(false).build();
    scp_at_root(&mock, "stay", DENY_LEAVE).await;
    mock.client_as(MEMBER).leave_organization().send().await.unwrap();
    // The question can still be asked.
    let decision = mock
        .guardrails()
        .evaluate(&GuardrailQuery::new(MEMBER, "organizations:LeaveOrganization"));
    assert!(decision.is_allowed(), "the member left: no SCP applies any more");
}

#[tokio::test]
async fn an_ou_that_allows_only_ec2_blocks_its_accounts_organizations_calls() {
    let mock = MockOrganizations::new();
    let root = organization(&mock, &[PolicyType::ServiceControlPolicy]).await;
    let c = mock.client();
    let ou = support::create_ou(&c, &root, "Sandbox").await;
    support::move_account(&c, MEMBER, &root, &ou).await;
    attach(&c, "ec2-only", PolicyType::ServiceControlPolicy, EC2_ONLY, &ou).await;
    c.detach_policy()
        .policy_id("p-FullAWSAccess")
        .target_id(&ou)
        .send()
        .await
        .unwrap();

    let member = mock.client_as(MEMBER);
    let err = member
        .describe_organization()
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        denied(&err),
        (
            "AccessDeniedException".into(),
            "User: arn:aws:iam::222222222222:root is not authorized to perform: organizations:DescribeOrganization because no service control policy allows the organizations:DescribeOrganization action".into()
        )
    );
    let err = member.list_roots().send().await.unwrap_err().into_service_error();
    assert_eq!(err.meta().code(), Some("AccessDeniedException"));
    assert_eq!(
        mock.guardrails()
            .evaluate(&GuardrailQuery::new(MEMBER, "organizations:ListRoots")),
        GuardrailDecision::ImplicitDeny {
            kind: GuardrailKind::ServiceControlPolicy,
            target_id: ou.clone()
        }
    );
    assert!(mock
        .guardrails()
        .evaluate(&GuardrailQuery::new(MEMBER, "ec2:RunInstances"))
        .is_allowed());
    // The management account is never affected, even with a deny-all on the root.
    attach(&c, "deny-all", PolicyType::ServiceControlPolicy, DENY_ALL, &root).await;
    c.describe_organization().send().await.unwrap();
    c.list_accounts().send().await.unwrap();
    // Moved back under the root, the member meets the root's deny-all.
    support::move_account(&c, MEMBER, &ou, &root).await;
    let err = member
        .describe_organization()
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        denied(&err).1.ends_with(&format!(
            "with an explicit deny in a service control policy: {}",
            scp_arn(&mock, "deny-all").await
        )),
        "{err:?}"
    );
    // Disabling SCPs lifts them.
    c.disable_policy_type()
        .root_id(&root)
        .policy_type(PolicyType::ServiceControlPolicy)
        .send()
        .await
        .unwrap();
    member.describe_organization().send().await.unwrap();
}

#[tokio::test]
async fn resources_and_request_keys_of_organizations_calls() {
    let mock = MockOrganizations::new();
    // A deny on one account's ARN, and on effective tag policies.
    let deny = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Deny","Action":"organizations:DescribeAccount","Resource":"arn:aws:organizations::*:account/o-*/333333333333"},
        {"Effect":"Deny","Action":"organizations:DescribeEffectivePolicy","Resource":"*",
         "Condition":{"StringEquals":{"organizations:PolicyType":"TAG_POLICY"}}}]}"#;
    let org_id = third_account_under_scp(&mock, "narrow", deny).await;
    let member = mock.client_as(MEMBER);
    let err = describe(&member, "333333333333").await;
    assert_eq!(
        denied(&err).1,
        format!("User: arn:aws:iam::222222222222:root is not authorized to perform: organizations:DescribeAccount on resource: arn:aws:organizations::{MANAGEMENT}:account/{org_id}/333333333333 with an explicit deny in a service control policy: {}", scp_arn(&mock, "narrow").await)
    );
    // Another account: the SCPs allow it, and the operation's own rule answers.
    let err = describe(&member, MEMBER).await;
    assert_eq!(denied(&err).1, "You don't have permissions to access this resource.");
    let effective = |t: EffectivePolicyType| member.describe_effective_policy().policy_type(t).send();
    let err = effective(EffectivePolicyType::TagPolicy)
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        denied(&err)
            .1
            .contains("organizations:DescribeEffectivePolicy with an explicit deny"),
        "{err:?}"
    );
    let other = effective(EffectivePolicyType::BackupPolicy)
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        !other
            .meta()
            .message()
            .unwrap_or_default()
            .contains("service control policy"),
        "{other:?}"
    );
}

#[tokio::test]
async fn an_assumed_role_is_judged_by_its_role_arn() {
    let mock = MockOrganizations::new();
    let root = organization(&mock, &[PolicyType::ServiceControlPolicy]).await;
    // Only the break-glass role may touch Organizations.
    let guard = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:*","Resource":"*",
        "Condition":{"ArnNotLike":{"aws:PrincipalARN":"arn:aws:iam::*:role/BreakGlass"}}}]}"#;
    attach(
        &mock.client(),
        "break-glass",
        PolicyType::ServiceControlPolicy,
        guard,
        &root,
    )
    .await;
    for role in ["Developer", "BreakGlass"] {
        mock.create_role(MEMBER, role, &[MEMBER]);
    }
    let session = |role: &'static str| {
        let mock = &mock;
        async move { Client::new(&crate::support::role_session_config(mock, MEMBER, role).await) }
    };
    let dev = session("Developer").await;
    let err = dev
        .describe_organization()
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        denied(&err).1,
        format!("User: arn:aws:sts::222222222222:assumed-role/Developer/ci is not authorized to perform: organizations:DescribeOrganization with an explicit deny in a service control policy: {}", scp_arn(&mock, "break-glass").await)
    );
    session("BreakGlass")
        .await
        .describe_organization()
        .send()
        .await
        .unwrap();
    // The root user is not the break-glass role either.
    assert!(mock.client_as(MEMBER).describe_organization().send().await.is_err());
}

#[tokio::test]
async fn an_rcp_keeps_assume_role_inside_the_organization() {
    let mock = MockOrganizations::new();
    let root = organization(&mock, &[PolicyType::ResourceControlPolicy]).await;
    let perimeter = r#"{"Version":"2012-10-17","Statement":[{"Sid":"EnforceOrgIdentities","Effect":"Deny","Principal":"*",
        "Action":"sts:AssumeRole","Resource":"*",
        "Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"${aws:ResourceOrgID}"},
                     "BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}]}"#;
    attach(
        &mock.client(),
        "perimeter",
        PolicyType::ResourceControlPolicy,
        perimeter,
        &root,
    )
    .await;
    mock.create_role(MEMBER, "Shared", &[MANAGEMENT, OUTSIDER]);
    mock.create_role(MANAGEMENT, "Shared", &[OUTSIDER]);
    let role_arn = format!("arn:aws:iam::{MEMBER}:role/Shared");
    let sts = |account: &str| aws_sdk_sts::Client::new(&mock.sdk_config_as(account));
    let assume = |account: &str, arn: String| {
        let sts = sts(account);
        async move { assume(&sts, arn).await }
    };
    let err = assume(OUTSIDER, role_arn.clone())
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        denied(&err),
        (
            "AccessDenied".into(),
            format!("User: arn:aws:iam::{OUTSIDER}:root is not authorized to perform: sts:AssumeRole on resource: {role_arn} with an explicit deny in a resource control policy")
        )
    );
    // From inside the organization (the management account) it works.
    assume(MANAGEMENT, role_arn.clone()).await.unwrap();
    // RCPs never guard the management account's resources.
    assume(OUTSIDER, format!("arn:aws:iam::{MANAGEMENT}:role/Shared"))
        .await
        .unwrap();
    // aws-config's AssumeRoleProvider from outside fails the same way.
    let provider = AssumeRoleProvider::builder(role_arn)
        .session_name("ci")
        .configure(&mock.sdk_config_as(OUTSIDER))
        .build()
        .await;
    let err = provider.provide_credentials().await.unwrap_err();
    assert!(format!("{err:?}").contains("resource control policy"), "{err:?}");
}

#[tokio::test]
async fn a_members_scps_guard_its_own_assume_role() {
    let mock = MockOrganizations::new();
    let root = organization(&mock, &[PolicyType::ServiceControlPolicy]).await;
    let no_assume = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"arn:aws:iam::*:role/Prod*"}]}"#;
    attach(
        &mock.client(),
        "no-prod",
        PolicyType::ServiceControlPolicy,
        no_assume,
        &root,
    )
    .await;
    mock.create_role(OUTSIDER, "ProdAdmin", &[MEMBER]);
    mock.create_role(OUTSIDER, "DevAdmin", &[MEMBER]);
    let sts = aws_sdk_sts::Client::new(&mock.sdk_config_as(MEMBER));
    let err = assume(&sts, format!("arn:aws:iam::{OUTSIDER}:role/ProdAdmin"))
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        denied(&err).1,
        format!("User: arn:aws:iam::{MEMBER}:root is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::{OUTSIDER}:role/ProdAdmin with an explicit deny in a service control policy: {}", scp_arn(&mock, "no-prod").await)
    );
    assume(&sts, format!("arn:aws:iam::{OUTSIDER}:role/DevAdmin"))
        .await
        .unwrap();
}

/// A role session that assumes another role (role chaining) is judged, and
/// named in the denial, as its assumed-role ARN, not as its account's root
/// user: only the break-glass session may assume a production role.
#[tokio::test]
async fn a_role_session_assuming_a_role_is_judged_by_its_role_arn() {
    let mock = MockOrganizations::new();
    let root = organization(&mock, &[PolicyType::ServiceControlPolicy]).await;
    let guard = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"arn:aws:iam::*:role/Prod*",
        "Condition":{"ArnNotLike":{"aws:PrincipalARN":"arn:aws:iam::*:role/BreakGlass"}}}]}"#;
    attach(
        &mock.client(),
        "prod-break-glass",
        PolicyType::ServiceControlPolicy,
        guard,
        &root,
    )
    .await;
    for role in ["Developer", "BreakGlass"] {
        mock.create_role(MEMBER, role, &[MEMBER]);
    }
    mock.create_role(OUTSIDER, "ProdAdmin", &[MEMBER]);
    let prod = format!("arn:aws:iam::{OUTSIDER}:role/ProdAdmin");
    let member = aws_sdk_sts::Client::new(&mock.sdk_config_as(MEMBER));
    let session = |role: &'static str| {
        let mock = &mock;
        async move { aws_sdk_sts::Client::new(&crate::support::role_session_config(mock, MEMBER, role).await) }
    };
    let err = assume(&session("Developer").await, prod.clone())
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        denied(&err),
        (
            "AccessDenied".into(),
            format!("User: arn:aws:sts::{MEMBER}:assumed-role/Developer/ci is not authorized to perform: sts:AssumeRole on resource: {prod} with an explicit deny in a service control policy: {}", scp_arn(&mock, "prod-break-glass").await)
        )
    );
    let out = assume(&session("BreakGlass").await, prod).await.unwrap();
    assert_eq!(
        out.assumed_role_user().unwrap().arn(),
        format!("arn:aws:sts::{OUTSIDER}:assumed-role/ProdAdmin/ci")
    );
    // The member's root user is not the break-glass role either.
    assert!(assume(&member, format!("arn:aws:iam::{OUTSIDER}:role/ProdAdmin"))
        .await
        .is_err());
}

/// STS calls see `aws:RequestedRegion` as the region the request was signed
/// for, as Organizations calls do: a region-lock SCP lets a member assume a
/// role from an allowed region and denies it from another.
#[tokio::test]
async fn a_region_lock_scp_judges_assume_role_by_the_signing_region() {
    let mock = MockOrganizations::new();
    let root = organization(&mock, &[PolicyType::ServiceControlPolicy]).await;
    let lock = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1"]}}}]}"#;
    attach(
        &mock.client(),
        "region-lock",
        PolicyType::ServiceControlPolicy,
        lock,
        &root,
    )
    .await;
    mock.create_role(OUTSIDER, "Reader", &[MEMBER]);
    let role = format!("arn:aws:iam::{OUTSIDER}:role/Reader");
    let in_region = |region: &'static str| {
        let conf = aws_sdk_sts::config::Builder::from(&mock.sdk_config_as(MEMBER))
            .region(aws_sdk_sts::config::Region::new(region))
            .build();
        aws_sdk_sts::Client::from_conf(conf)
    };
    assume(&in_region("eu-west-1"), &role).await.unwrap();
    let err = assume(&in_region("us-west-2"), &role)
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        denied(&err).1,
        format!("User: arn:aws:iam::{MEMBER}:root is not authorized to perform: sts:AssumeRole on resource: {role} with an explicit deny in a service control policy: {}", scp_arn(&mock, "region-lock").await)
    );
}

#[tokio::test]
async fn the_switch_lives_in_snapshots() {
    let off = MockOrganizations::builder().enforce_guardrails(false).build();
    let snapshot = off.snapshot();
    assert_eq!(
        snapshot["settings"]["enforce_guardrails"],
        serde_json::json!(false),
        "{snapshot:#}"
    );
    let on = MockOrganizations::new().snapshot();
    assert!(
        on["settings"].get("enforce_guardrails").is_none(),
        "written only when off"
    );
    // A world restored from the snapshot keeps it off.
    let restored = MockOrganizations::from_snapshot(snapshot).unwrap();
    scp_at_root(&restored, "stay", DENY_LEAVE).await;
    restored.client_as(MEMBER).leave_organization().send().await.unwrap();
}

#[test]
#[should_panic(expected = "'2222' is not an AWS account id; pass exactly 12 digits")]
fn a_query_for_a_malformed_account_fails_at_once() {
    GuardrailQuery::new("2222", "s3:GetObject");
}

#[test]
#[should_panic(expected = "'GetObject' is not an IAM action; write it as service:Action")]
fn a_query_for_an_action_without_its_service_fails_at_once() {
    GuardrailQuery::new(MEMBER, "GetObject");
}

#[test]
#[should_panic(expected = "'role/x' is not an AWS account id")]
fn a_malformed_resource_account_fails_at_once() {
    let _ = GuardrailQuery::new(MEMBER, "s3:GetObject").resource_account("role/x");
}

/// The management account's principals are never restricted by SCPs, and
/// its resources never by RCPs; a service-linked role never by either.
#[tokio::test]
async fn who_is_exempt() {
    let mock = MockOrganizations::new();
    let root = organization(
        &mock,
        &[PolicyType::ServiceControlPolicy, PolicyType::ResourceControlPolicy],
    )
    .await;
    let c = mock.client();
    attach(&c, "deny-all", PolicyType::ServiceControlPolicy, DENY_ALL, &root).await;
    let rcp =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}"#;
    attach(&c, "no-s3", PolicyType::ResourceControlPolicy, rcp, &root).await;
    let g = mock.guardrails();
    let get = |who: &str, owner: &str| {
        GuardrailQuery::new(who, "s3:GetObject")
            .resource("arn:aws:s3:::b/k")
            .resource_account(owner)
    };
    assert!(g.evaluate(&get(MANAGEMENT, MANAGEMENT)).is_allowed());
    assert!(matches!(
        g.evaluate(&get(MANAGEMENT, MEMBER)),
        GuardrailDecision::ExplicitDeny {
            kind: GuardrailKind::ResourceControlPolicy,
            ..
        }
    ));
    assert!(matches!(
        g.evaluate(&get(MEMBER, MANAGEMENT)),
        GuardrailDecision::ExplicitDeny {
            kind: GuardrailKind::ServiceControlPolicy,
            ..
        }
    ));
    assert!(g
        .evaluate(&get(MEMBER, MEMBER).service_linked_role("AWSServiceRoleForConfig"))
        .is_allowed());
    assert!(
        g.evaluate(&get(OUTSIDER, OUTSIDER)).is_allowed(),
        "outside any organization"
    );
}

/// A query's resource is what a statement's `Resource` is matched against
/// (FIDELITY.md "Guardrails matching"): an SCP that denies `s3:GetObject` on
/// `arn:aws:s3:::secret/*` denies it on `secret/key`, not on `public/key`,
/// and not on a query without a resource (`*`).
#[tokio::test]
async fn a_query_is_judged_on_its_resource() {
    let mock = MockOrganizations::new();
    let root = organization(&mock, &[PolicyType::ServiceControlPolicy]).await;
    let no_secrets = r#"{"Version":"2012-10-17","Statement":[{"Sid":"NoSecrets","Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::secret/*"}]}"#;
    let policy_id = attach(
        &mock.client(),
        "no-secrets",
        PolicyType::ServiceControlPolicy,
        no_secrets,
        &root,
    )
    .await;
    let g = mock.guardrails();
    let get = GuardrailQuery::new(MEMBER, "s3:GetObject");
    assert_eq!(
        g.evaluate(&get.clone().resource("arn:aws:s3:::secret/key")),
        GuardrailDecision::ExplicitDeny {
            kind: GuardrailKind::ServiceControlPolicy,
            policy_id,
            policy_name: "no-secrets".into(),
            target_id: root,
            sid: Some("NoSecrets".into()),
        }
    );
    assert!(g
        .evaluate(&get.clone().resource("arn:aws:s3:::public/key"))
        .is_allowed());
    assert!(g.evaluate(&get).is_allowed());
}

/// A member signing for a China region is judged on, and told about, ARNs in
/// `aws-cn` (FIDELITY.md#partition-of-arns): an SCP naming an account's
/// `arn:aws-cn:` ARN denies describing it there, and the message names the
/// resource and the denying policy in `aws-cn`.
#[tokio::test]
async fn a_caller_of_another_partition_is_judged_on_its_partitions_arns() {
    let mock = MockOrganizations::new();
    let deny = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Deny","Action":"organizations:DescribeAccount","Resource":"arn:aws-cn:organizations::*:account/o-*/333333333333"}]}"#;
    let org_id = third_account_under_scp(&mock, "cn-only", deny).await;
    let in_region = |region: &'static str| {
        let config = mock
            .client_as(MEMBER)
            .config()
            .to_builder()
            .region(aws_sdk_organizations::config::Region::from_static(region))
            .build();
        Client::from_conf(config)
    };
    let err = describe(&in_region("cn-north-1"), "333333333333").await;
    let policy_arn = scp_arn(&mock, "cn-only").await.replacen("arn:aws:", "arn:aws-cn:", 1);
    assert_eq!(
        denied(&err),
        (
            "AccessDeniedException".into(),
            format!("User: arn:aws-cn:iam::222222222222:root is not authorized to perform: organizations:DescribeAccount on resource: arn:aws-cn:organizations::{MANAGEMENT}:account/{org_id}/333333333333 with an explicit deny in a service control policy: {policy_arn}")
        )
    );
    // In the commercial partition the account's ARN is arn:aws:..., which
    // the statement does not name: the operation's own rule answers.
    let err = describe(&in_region("us-east-1"), "333333333333").await;
    assert_eq!(denied(&err).1, "You don't have permissions to access this resource.");
}

/// `aws:EpochTime` is the mock's clock in whole seconds: an SCP that denies
/// within a minute either side of the start time denies then, and not an
/// hour later.
#[tokio::test]
async fn aws_epoch_time_is_the_clock_in_seconds() {
    let start = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_800_000_000);
    let mock = MockOrganizations::builder().start_time(start).build();
    let root = organization(&mock, &[PolicyType::ServiceControlPolicy]).await;
    let window = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:DescribeOrganization","Resource":"*",
        "Condition":{"NumericGreaterThan":{"aws:EpochTime":"1799999940"},"NumericLessThan":{"aws:EpochTime":"1800000060"}}}]}"#;
    attach(
        &mock.client(),
        "window",
        PolicyType::ServiceControlPolicy,
        window,
        &root,
    )
    .await;
    let member = mock.client_as(MEMBER);
    let err = member.describe_organization().send().await.unwrap_err();
    assert!(err.into_service_error().is_access_denied_exception());
    mock.advance(std::time::Duration::from_secs(3600));
    member.describe_organization().send().await.unwrap();
}

/// A handshake a member names is judged, and named in the denial, by its own
/// ARN: the second of two invitations its organization sent, described by
/// the member under an SCP that denies describing handshakes, is the
/// resource of the message, not the first. (The SCPs answer before the
/// operation's own rule on who may see a handshake.)
#[tokio::test]
async fn a_handshake_is_judged_by_its_own_arn() {
    let mock = MockOrganizations::new();
    let root = organization(&mock, &[PolicyType::ServiceControlPolicy]).await;
    let deny = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:DescribeHandshake","Resource":"*"}]}"#;
    attach(
        &mock.client(),
        "no-handshakes",
        PolicyType::ServiceControlPolicy,
        deny,
        &root,
    )
    .await;
    support::invite(&mock.client(), support::account_party("666666666666")).await;
    let second = support::invite(&mock.client(), support::account_party("777777777777")).await;
    let err = mock
        .client_as(MEMBER)
        .describe_handshake()
        .handshake_id(&second)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    let (code, message) = denied(&err);
    assert_eq!(code, "AccessDeniedException");
    assert!(
        message.contains(&format!("/invite/{second} with an explicit deny")),
        "{message}"
    );
}
