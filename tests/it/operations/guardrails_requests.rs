//! What a request is authorized as (issue 23): an Organizations operation
//! that creates with tags is also `organizations:TagResource`, its tags are
//! `aws:RequestTag/<key>` and `aws:TagKeys`; an explicit denial names the
//! denying policy's ARN to callers of its organization only; a condition key
//! a test misspells fails where it is named
//! (FIDELITY.md#guardrails-secondary-actions, FIDELITY.md#guardrails-messages,
//! FIDELITY.md#guardrails-condition-keys). Through the real SDK clients.

use aws_organizations_mock::{GuardrailQuery, MockOrganizations};
use aws_sdk_organizations::types::PolicyType;
use aws_sdk_organizations::Client;

use crate::operations::guardrails::{attach, denied, organization, scp_arn, MEMBER, OUTSIDER};
use crate::support::{tag, MANAGEMENT};

/// AWS's "require a tag on specified created resources" example, for two
/// Organizations actions: denied unless the request tags `Project`.
const REQUIRE_PROJECT_TAG: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"RequireProjectTag","Effect":"Deny",
    "Action":["organizations:CreateAccount","organizations:CreatePolicy"],"Resource":"*",
    "Condition":{"Null":{"aws:RequestTag/Project":"true"}}}]}"#;

/// No tagging of Organizations resources.
const DENY_TAGGING: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"NoTagging","Effect":"Deny",
    "Action":"organizations:TagResource","Resource":"*"}]}"#;

const SCP: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#;

/// The organization's delegation policy lets `MEMBER` create policies, so a
/// member's CreatePolicy can succeed once the SCPs allow it.
async fn delegate_create_policy(c: &Client) {
    let delegation = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{MEMBER}:root"}},"Action":"organizations:CreatePolicy","Resource":"*"}}]}}"#
    );
    c.put_resource_policy().content(delegation).send().await.unwrap();
}

/// `organization` with SCPs enabled and `content` attached to the root as
/// `name`; the root's id.
async fn with_scp(mock: &MockOrganizations, name: &str, content: &str) -> String {
    let root = organization(mock, &[PolicyType::ServiceControlPolicy]).await;
    attach(&mock.client(), name, PolicyType::ServiceControlPolicy, content, &root).await;
    root
}

#[tokio::test]
async fn a_require_tag_scp_guards_creations_by_their_request_tags() {
    let mock = MockOrganizations::new();
    with_scp(&mock, "require-project", REQUIRE_PROJECT_TAG).await;
    delegate_create_policy(&mock.client()).await;
    let arn = scp_arn(&mock, "require-project").await;
    let member = mock.client_as(MEMBER);
    let before = mock.snapshot();

    // CreateAccount without the tag (or with another one): the SCP denies it.
    for tags in [vec![], vec![tag("Team", "blue")]] {
        let err = member
            .create_account()
            .email("new@example.com")
            .account_name("new")
            .set_tags(Some(tags))
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        assert!(err.is_access_denied_exception(), "{err:?}");
        assert_eq!(
            denied(&err).1,
            format!("User: arn:aws:iam::{MEMBER}:root is not authorized to perform: organizations:CreateAccount with an explicit deny in a service control policy: {arn}")
        );
    }
    // With it, the SCP lets the call through to CreateAccount's own rule
    // (only the management account may create accounts).
    let err = member
        .create_account()
        .email("new@example.com")
        .account_name("new")
        .tags(tag("Project", "apollo"))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(denied(&err).1, "You don't have permissions to access this resource.");

    // CreatePolicy, which the delegation policy lets the member call.
    let create = |tags: Vec<aws_sdk_organizations::types::Tag>| {
        member
            .create_policy()
            .name("member-made")
            .description("d")
            .r#type(PolicyType::ServiceControlPolicy)
            .content(SCP)
            .set_tags(Some(tags))
            .send()
    };
    let err = create(vec![]).await.unwrap_err().into_service_error();
    assert!(
        denied(&err).1.ends_with(&format!(
            "organizations:CreatePolicy with an explicit deny in a service control policy: {arn}"
        )),
        "{err:?}"
    );
    assert_eq!(mock.snapshot(), before, "denied calls change nothing");
    let made = create(vec![tag("Project", "apollo")]).await.unwrap();
    let id = made
        .policy()
        .unwrap()
        .policy_summary()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    let tags = mock
        .client()
        .list_tags_for_resource()
        .resource_id(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(tags.tags(), [tag("Project", "apollo")]);
}

#[tokio::test]
async fn a_deny_tag_resource_scp_denies_tagged_creations_only() {
    let mock = MockOrganizations::new();
    let root = with_scp(&mock, "no-tagging", DENY_TAGGING).await;
    delegate_create_policy(&mock.client()).await;
    let arn = scp_arn(&mock, "no-tagging").await;
    let member = mock.client_as(MEMBER);
    let tag_denied = format!(
        "User: arn:aws:iam::{MEMBER}:root is not authorized to perform: organizations:TagResource with an explicit deny in a service control policy: {arn}"
    );
    let before = mock.snapshot();

    // A tagged CreateOrganizationalUnit is also TagResource: denied as that.
    let ou = |tags: Vec<aws_sdk_organizations::types::Tag>| {
        member
            .create_organizational_unit()
            .parent_id(&root)
            .name("Team")
            .set_tags(Some(tags))
            .send()
    };
    let err = ou(vec![tag("Project", "apollo")])
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_access_denied_exception(), "{err:?}");
    assert_eq!(denied(&err).1, tag_denied);
    // Untagged, it is CreateOrganizationalUnit alone, which the SCP allows:
    // the operation's own rule answers.
    let err = ou(vec![]).await.unwrap_err().into_service_error();
    assert_eq!(denied(&err).1, "You don't have permissions to access this resource.");

    // The same for CreatePolicy, which the member may call.
    let create = |name: &'static str, tags: Vec<aws_sdk_organizations::types::Tag>| {
        member
            .create_policy()
            .name(name)
            .description("d")
            .r#type(PolicyType::ServiceControlPolicy)
            .content(SCP)
            .set_tags(Some(tags))
            .send()
    };
    let err = create("tagged", vec![tag("Project", "apollo")])
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(denied(&err).1, tag_denied);
    assert_eq!(mock.snapshot(), before, "denied calls change nothing");
    create("untagged", vec![]).await.unwrap();

    // Tagging what exists is TagResource itself, on the resource's ARN.
    let err = member
        .tag_resource()
        .resource_id(&root)
        .tags(tag("Project", "apollo"))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        denied(&err)
            .1
            .contains("organizations:TagResource on resource: arn:aws:organizations::"),
        "{err:?}"
    );
    // The management account is not restricted.
    mock.client()
        .create_organizational_unit()
        .parent_id(&root)
        .name("Tagged")
        .tags(tag("Project", "apollo"))
        .send()
        .await
        .unwrap();
}

/// An RCP's explicit denial names the policy's ARN to a caller of the same
/// organization, and not to one outside it (AWS gives policy ARNs only
/// within an account or an organization).
#[tokio::test]
async fn an_rcp_names_its_arn_to_callers_of_its_organization_only() {
    let mock = MockOrganizations::new();
    let root = organization(&mock, &[PolicyType::ResourceControlPolicy]).await;
    let own_account_only = r#"{"Version":"2012-10-17","Statement":[{"Sid":"OwnAccountOnly","Effect":"Deny","Principal":"*",
        "Action":"sts:AssumeRole","Resource":"*",
        "Condition":{"StringNotEquals":{"aws:PrincipalAccount":"${aws:ResourceAccount}"}}}]}"#;
    let id = attach(
        &mock.client(),
        "own-account",
        PolicyType::ResourceControlPolicy,
        own_account_only,
        &root,
    )
    .await;
    let described = mock.client().describe_policy().policy_id(&id).send().await.unwrap();
    let arn = described
        .policy()
        .unwrap()
        .policy_summary()
        .unwrap()
        .arn()
        .unwrap()
        .to_string();
    assert!(
        arn.contains(":policy/o-") && arn.contains("/resource_control_policy/"),
        "{arn}"
    );
    mock.create_role(MEMBER, "Shared", &[MANAGEMENT, OUTSIDER]);
    let role = format!("arn:aws:iam::{MEMBER}:role/Shared");
    let assume = |who: &str| {
        let sts = aws_sdk_sts::Client::new(&mock.sdk_config_as(who));
        let role = role.clone();
        async move {
            sts.assume_role()
                .role_arn(role)
                .role_session_name("ci")
                .send()
                .await
                .unwrap_err()
                .into_service_error()
        }
    };
    let base = |who: &str| {
        format!("User: arn:aws:iam::{who}:root is not authorized to perform: sts:AssumeRole on resource: {role} with an explicit deny in a resource control policy")
    };
    assert_eq!(
        denied(&assume(MANAGEMENT).await).1,
        format!("{}: {arn}", base(MANAGEMENT))
    );
    assert_eq!(denied(&assume(OUTSIDER).await).1, base(OUTSIDER));
}

#[test]
#[should_panic(expected = "'aws:RequestedRegoin' is not a global condition key; the closest are aws:RequestedRegion")]
fn a_misspelt_global_key_fails_where_the_test_names_it() {
    let _ = GuardrailQuery::new(MEMBER, "ec2:RunInstances").context_key("aws:RequestedRegoin", ["eu-west-1"]);
}

#[test]
#[should_panic(expected = "'aws:RequestTag/' names no tag key")]
fn a_tag_key_prefix_without_its_tag_key_fails() {
    let _ = GuardrailQuery::new(MEMBER, "ec2:RunInstances").context_key("aws:RequestTag/", ["x"]);
}

#[test]
#[should_panic(expected = "'RequestedRegion' is not a condition key")]
fn a_key_without_its_prefix_fails() {
    let _ = GuardrailQuery::new(MEMBER, "ec2:RunInstances").context_key("RequestedRegion", ["eu-west-1"]);
}

/// Every global key AWS documents is taken, in any case, with tag keys; so
/// are a service's keys, which the mock cannot list; and they decide.
#[tokio::test]
async fn documented_global_keys_and_service_keys_are_taken() {
    let mock = MockOrganizations::new();
    let only_large = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ec2:RunInstances","Resource":"*",
        "Condition":{"StringNotEquals":{"ec2:InstanceType":"m5.large"}}}]}"#;
    with_scp(&mock, "only-large", only_large).await;
    let run = || GuardrailQuery::new(MEMBER, "ec2:RunInstances");
    let g = mock.guardrails();
    assert!(g
        .evaluate(&run().context_key("ec2:InstanceType", ["m5.large"]))
        .is_allowed());
    assert!(!g
        .evaluate(&run().context_key("ec2:InstanceType", ["t3.nano"]))
        .is_allowed());
    for key in [
        "aws:SourceIp",
        "AWS:SOURCEIP",
        "aws:PrincipalTag/Team",
        "aws:ResourceTag/cost-center",
        "aws:MultiFactorAuthPresent",
        "aws:CalledVia",
        "aws:userid",
    ] {
        let _ = run().context_key(key, ["x"]);
    }
}

/// `aws:PrincipalType` tells the member's root user (`Account`) from a
/// session of one of its roles (`AssumedRole`), the values
/// FIDELITY.md#guardrails-condition-keys gives from IAM's global-keys page:
/// an SCP denying one action to each type denies each caller exactly its own.
#[tokio::test]
async fn an_scp_tells_the_root_user_from_a_role_session_by_principal_type() {
    let mock = MockOrganizations::new();
    let by_type = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Deny","Action":"organizations:DescribeOrganization","Resource":"*",
         "Condition":{"StringEquals":{"aws:PrincipalType":"Account"}}},
        {"Effect":"Deny","Action":"organizations:ListHandshakesForAccount","Resource":"*",
         "Condition":{"StringEquals":{"aws:PrincipalType":"AssumedRole"}}}]}"#;
    with_scp(&mock, "by-type", by_type).await;
    mock.create_role(MEMBER, "Developer", &[MEMBER]);
    let session = Client::new(&crate::support::role_session_config(&mock, MEMBER, "Developer").await);
    let root_user = mock.client_as(MEMBER);

    let err = root_user
        .describe_organization()
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        denied(&err),
        (
            "AccessDeniedException".into(),
            format!("User: arn:aws:iam::{MEMBER}:root is not authorized to perform: organizations:DescribeOrganization with an explicit deny in a service control policy: {}", scp_arn(&mock, "by-type").await)
        )
    );
    root_user.list_handshakes_for_account().send().await.unwrap();

    session.describe_organization().send().await.unwrap();
    let err = session
        .list_handshakes_for_account()
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        denied(&err),
        (
            "AccessDeniedException".into(),
            format!("User: arn:aws:sts::{MEMBER}:assumed-role/Developer/ci is not authorized to perform: organizations:ListHandshakesForAccount with an explicit deny in a service control policy: {}", scp_arn(&mock, "by-type").await)
        )
    );
}
