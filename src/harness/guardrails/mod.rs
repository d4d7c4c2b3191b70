//! Asking the guardrails directly: [`MockOrganizations::guardrails`] answers
//! whether the organization's service control policies (SCPs) and resource
//! control policies (RCPs) allow a request of any AWS service, with the same
//! engine that decides the mock's own Organizations and STS calls
//! (FIDELITY.md#guardrails).
//!
//! A test can so check what a set of guardrails does to `s3:PutObject` or
//! `ec2:RunInstances` without those services: build the organization (a
//! fixture, a snapshot, or the SDK), then ask.
//!
//! The pieces: the question ([`query`]: [`GuardrailQuery`]), the answer
//! ([`decision`]: [`GuardrailDecision`]), how the world answers it
//! ([`evaluation`]), and, in server mode, both as JSON (`wire`). Here: the
//! [`Guardrails`] handle and the settings that turn enforcement on or off.

pub(crate) mod decision;
pub(crate) mod evaluation;
pub(crate) mod query;
#[cfg(feature = "server")]
pub(crate) mod wire;

pub use decision::{GuardrailDecision, GuardrailKind};
pub use query::GuardrailQuery;

use crate::harness::builder::MockOrganizationsBuilder;
use crate::harness::guardrails::evaluation::evaluate;
use crate::harness::MockOrganizations;

/// The guardrails of a mock's world: see [`MockOrganizations::guardrails`].
#[derive(Debug)]
pub struct Guardrails<'a> {
    mock: &'a MockOrganizations,
}

impl Guardrails<'_> {
    /// What the organization's SCPs (on the principal's account's path) and
    /// RCPs (on the resource's account's path) say about `query`, as AWS
    /// evaluates them: an explicit `Deny` anywhere wins; otherwise each
    /// level must allow. The same engine decides the mock's own calls; it
    /// answers whether or not enforcement is on
    /// ([`MockOrganizationsBuilder::enforce_guardrails`]).
    pub fn evaluate(&self, query: &GuardrailQuery) -> GuardrailDecision {
        evaluate(&self.mock.shared.world(), query)
    }
}

impl MockOrganizations {
    /// The organization's guardrails, to ask what they allow.
    ///
    /// The examples use AWS's own example policies (FIDELITY.md#guardrails-examples).
    ///
    /// Deny leaving the organization:
    ///
    /// ```
    /// use aws_organizations_mock::{
    ///     AccountFixture, GuardrailDecision, GuardrailKind, GuardrailQuery, MockOrganizations, OrgFixture,
    ///     PolicyFixture,
    /// };
    /// use aws_organizations_mock::aws_sdk_organizations::types::PolicyType;
    ///
    /// const DENY_LEAVE: &str = r#"{"Version":"2012-10-17","Statement":[
    ///   {"Sid":"DenyLeave","Effect":"Deny","Action":["organizations:LeaveOrganization"],"Resource":"*"}]}"#;
    /// let mock = MockOrganizations::new();
    /// let ids = mock.load_fixture(
    ///     &OrgFixture::new()
    ///         .enable_policy_type(PolicyType::ServiceControlPolicy)
    ///         .policy(PolicyFixture::new("stay", PolicyType::ServiceControlPolicy, DENY_LEAVE))
    ///         .attach("stay")
    ///         .account(AccountFixture::new("dev").id("222222222222")),
    /// ).unwrap();
    /// let leave = GuardrailQuery::new("222222222222", "organizations:LeaveOrganization");
    /// assert_eq!(
    ///     mock.guardrails().evaluate(&leave),
    ///     GuardrailDecision::ExplicitDeny {
    ///         kind: GuardrailKind::ServiceControlPolicy,
    ///         policy_id: ids.policy("stay").to_string(),
    ///         policy_name: "stay".into(),
    ///         target_id: ids.root().to_string(),
    ///         sid: Some("DenyLeave".into()),
    ///     }
    /// );
    /// // The management account is never restricted by SCPs.
    /// let management = GuardrailQuery::new(mock.default_account_id(), "organizations:LeaveOrganization");
    /// assert!(mock.guardrails().evaluate(&management).is_allowed());
    /// ```
    ///
    /// A region lock with global-service exemptions and a privileged role:
    ///
    /// ```
    /// # use aws_organizations_mock::{AccountFixture, GuardrailQuery, MockOrganizations, OrgFixture, PolicyFixture};
    /// # use aws_organizations_mock::aws_sdk_organizations::types::PolicyType;
    /// const REGION_LOCK: &str = r#"{"Version":"2012-10-17","Statement":[{
    ///   "Sid":"DenyAllOutsideEU","Effect":"Deny",
    ///   "NotAction":["iam:*","organizations:*","route53:*","sts:*","support:*"],
    ///   "Resource":"*",
    ///   "Condition":{
    ///     "StringNotEquals":{"aws:RequestedRegion":["eu-central-1","eu-west-1"]},
    ///     "ArnNotLike":{"aws:PrincipalARN":["arn:aws:iam::*:role/Role1AllowedToBypassThisSCP"]}}}]}"#;
    /// let mock = MockOrganizations::new();
    /// mock.load_fixture(
    ///     &OrgFixture::new()
    ///         .enable_policy_type(PolicyType::ServiceControlPolicy)
    ///         .policy(PolicyFixture::new("eu", PolicyType::ServiceControlPolicy, REGION_LOCK))
    ///         .attach("eu")
    ///         .account(AccountFixture::new("dev").id("222222222222")),
    /// ).unwrap();
    /// let run = |region: &str| GuardrailQuery::new("222222222222", "ec2:RunInstances").region(region);
    /// let g = mock.guardrails();
    /// assert!(g.evaluate(&run("eu-west-1")).is_allowed());
    /// assert!(!g.evaluate(&run("us-east-1")).is_allowed());
    /// assert!(g.evaluate(&run("us-east-1").role("Role1AllowedToBypassThisSCP")).is_allowed());
    /// let global = GuardrailQuery::new("222222222222", "iam:CreateRole").region("us-east-1");
    /// assert!(g.evaluate(&global).is_allowed());
    /// ```
    ///
    /// Protect a role except from a break-glass principal, require a tag,
    /// deny the root user:
    ///
    /// ```
    /// # use aws_organizations_mock::{AccountFixture, GuardrailDecision, GuardrailQuery, MockOrganizations, OrgFixture, PolicyFixture};
    /// # use aws_organizations_mock::aws_sdk_organizations::types::PolicyType;
    /// const PROTECT_ROLE: &str = r#"{"Version":"2012-10-17","Statement":[{
    ///   "Effect":"Deny","Action":["iam:DeleteRole","iam:UpdateRole","iam:PutRolePolicy"],
    ///   "Resource":["arn:aws:iam::*:role/name-of-role-to-deny"],
    ///   "Condition":{"ArnNotLike":{"aws:PrincipalARN":"arn:aws:iam::*:role/name-of-admin-role-to-allow"}}}]}"#;
    /// const REQUIRE_TAG: &str = r#"{"Version":"2012-10-17","Statement":[{
    ///   "Sid":"DenyCreateSecretWithNoProjectTag","Effect":"Deny","Action":"secretsmanager:CreateSecret",
    ///   "Resource":"*","Condition":{"Null":{"aws:RequestTag/Project":"true"}}}]}"#;
    /// const DENY_ROOT: &str = r#"{"Version":"2012-10-17","Statement":[{
    ///   "Effect":"Deny","Action":["ec2:*"],"Resource":["*"],
    ///   "Condition":{"ArnLike":{"aws:PrincipalArn":["arn:aws:iam::*:root"]}}}]}"#;
    /// let mock = MockOrganizations::new();
    /// mock.load_fixture(
    ///     &OrgFixture::new()
    ///         .enable_policy_type(PolicyType::ServiceControlPolicy)
    ///         .policy(PolicyFixture::new("protect", PolicyType::ServiceControlPolicy, PROTECT_ROLE))
    ///         .policy(PolicyFixture::new("tags", PolicyType::ServiceControlPolicy, REQUIRE_TAG))
    ///         .policy(PolicyFixture::new("noroot", PolicyType::ServiceControlPolicy, DENY_ROOT))
    ///         .attach("protect").attach("tags").attach("noroot")
    ///         .account(AccountFixture::new("dev").id("222222222222")),
    /// ).unwrap();
    /// let g = mock.guardrails();
    /// let delete = GuardrailQuery::new("222222222222", "iam:DeleteRole")
    ///     .resource("arn:aws:iam::222222222222:role/name-of-role-to-deny");
    /// assert!(!g.evaluate(&delete.clone().role("Developer")).is_allowed());
    /// assert!(g.evaluate(&delete.role("name-of-admin-role-to-allow")).is_allowed());
    ///
    /// let secret = GuardrailQuery::new("222222222222", "secretsmanager:CreateSecret").role("App");
    /// assert!(matches!(g.evaluate(&secret), GuardrailDecision::ExplicitDeny { sid: Some(s), .. } if s == "DenyCreateSecretWithNoProjectTag"));
    /// assert!(g.evaluate(&secret.context_key("aws:RequestTag/Project", ["apollo"])).is_allowed());
    ///
    /// assert!(!g.evaluate(&GuardrailQuery::new("222222222222", "ec2:RunInstances")).is_allowed());
    /// assert!(g.evaluate(&GuardrailQuery::new("222222222222", "ec2:RunInstances").role("Ops")).is_allowed());
    /// ```
    ///
    /// An RCP data perimeter: only the organization's principals reach its
    /// resources.
    ///
    /// ```
    /// # use aws_organizations_mock::{AccountFixture, GuardrailDecision, GuardrailKind, GuardrailQuery, MockOrganizations, OrgFixture, PolicyFixture};
    /// # use aws_organizations_mock::aws_sdk_organizations::types::PolicyType;
    /// // `${aws:ResourceOrgID}`: the organization of the resource's account.
    /// const PERIMETER: &str = r#"{"Version":"2012-10-17","Statement":[{
    ///   "Sid":"EnforceOrgIdentities","Effect":"Deny","Principal":"*",
    ///   "Action":["s3:*","sts:AssumeRole"],"Resource":"*",
    ///   "Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"${aws:ResourceOrgID}"},
    ///                "BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}]}"#;
    /// let mock = MockOrganizations::new();
    /// mock.load_fixture(
    ///     &OrgFixture::new()
    ///         .enable_policy_type(PolicyType::ResourceControlPolicy)
    ///         .policy(PolicyFixture::new("perimeter", PolicyType::ResourceControlPolicy, PERIMETER))
    ///         .attach("perimeter")
    ///         .account(AccountFixture::new("data").id("222222222222")),
    /// ).unwrap();
    /// let get = |who: &str| GuardrailQuery::new(who, "s3:GetObject")
    ///     .resource("arn:aws:s3:::data-bucket/report.csv")
    ///     .resource_account("222222222222");
    /// let g = mock.guardrails();
    /// assert!(g.evaluate(&get(mock.default_account_id())).is_allowed()); // inside the organization
    /// assert!(matches!(
    ///     g.evaluate(&get("999999999999")), // outside it
    ///     GuardrailDecision::ExplicitDeny { kind: GuardrailKind::ResourceControlPolicy, .. }
    /// ));
    /// ```
    pub fn guardrails(&self) -> Guardrails<'_> {
        Guardrails { mock: self }
    }
}

impl MockOrganizationsBuilder {
    /// Whether SCPs and RCPs decide the outcome of the mock's calls: on by
    /// default. With it on, a member account's Organizations call that its
    /// SCPs deny fails with `AccessDeniedException` and AWS's message, and
    /// STS `AssumeRole` answers `AccessDenied` when the caller's SCPs or the
    /// role's account's RCPs deny it; the management account is never
    /// restricted. Turn it off for tests about the policies as data; the
    /// setting is kept in snapshots. [`MockOrganizations::guardrails`]
    /// answers either way.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use aws_organizations_mock::{AccountFixture, MockOrganizations, OrgFixture, PolicyFixture};
    /// use aws_organizations_mock::aws_sdk_organizations::types::PolicyType;
    /// const DENY_LEAVE: &str = r#"{"Version":"2012-10-17","Statement":[
    ///   {"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}"#;
    /// let fixture = OrgFixture::new()
    ///     .enable_policy_type(PolicyType::ServiceControlPolicy)
    ///     .policy(PolicyFixture::new("stay", PolicyType::ServiceControlPolicy, DENY_LEAVE))
    ///     .attach("stay")
    ///     .account(AccountFixture::new("dev").id("222222222222"));
    ///
    /// let enforced = MockOrganizations::new();
    /// enforced.load_fixture(&fixture).unwrap();
    /// let err = enforced.client_as("222222222222").leave_organization().send().await.unwrap_err();
    /// assert_eq!(err.into_service_error().meta().code(), Some("AccessDeniedException"));
    ///
    /// let data_only = MockOrganizations::builder().enforce_guardrails(false).build();
    /// data_only.load_fixture(&fixture).unwrap();
    /// data_only.advance(std::time::Duration::from_secs(4 * 24 * 3600)); // a created account waits four days
    /// data_only.client_as("222222222222").leave_organization().send().await.unwrap();
    /// # }
    /// ```
    pub fn enforce_guardrails(mut self, on: bool) -> Self {
        self.settings.enforce_guardrails = on;
        self
    }
}
