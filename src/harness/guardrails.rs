//! Asking the guardrails directly: [`MockOrganizations::guardrails`] answers
//! whether the organization's service control policies (SCPs) and resource
//! control policies (RCPs) allow a request of any AWS service, with the same
//! engine that decides the mock's own Organizations and STS calls
//! (FIDELITY.md#guardrails).
//!
//! A test can so check what a set of guardrails does to `s3:PutObject` or
//! `ec2:RunInstances` without those services: build the organization (a
//! fixture, a snapshot, or the SDK), then ask.

use crate::harness::builder::MockOrganizationsBuilder;
use crate::harness::{assert_account_id, MockOrganizations};
use crate::world::guardrails::{self, names, Context, Decision, Principal, PrincipalKind};
use crate::world::policies::PolicyType;
use crate::world::{AccountId, World};

/// Which kind of policy decided a denial.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GuardrailKind {
    /// A service control policy, on the principal's account's path.
    ServiceControlPolicy,
    /// A resource control policy, on the resource's account's path.
    ResourceControlPolicy,
}

/// What the guardrails say about a [`GuardrailQuery`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum GuardrailDecision {
    /// No SCP or RCP denies it: every level of each path that applies has a
    /// policy that allows it (or no such policy applies at all: the
    /// management account, an account outside any organization, a policy
    /// type not enabled).
    Allowed,
    /// A `Deny` statement applies.
    ExplicitDeny {
        /// SCP or RCP.
        kind: GuardrailKind,
        /// The denying policy's id, e.g. `p-abcd1234`.
        policy_id: String,
        /// Its name.
        policy_name: String,
        /// The root, OU or account it is attached to.
        target_id: String,
        /// The statement's `Sid`, when it has one.
        sid: Option<String>,
    },
    /// Nothing allows it at `target_id`: the first level from the root down
    /// (root, OUs, account) where no policy's `Allow` statement applies.
    ImplicitDeny {
        /// SCP or RCP.
        kind: GuardrailKind,
        /// The root, OU or account where nothing allowed it.
        target_id: String,
    },
}

impl GuardrailDecision {
    /// True for [`GuardrailDecision::Allowed`].
    pub fn is_allowed(&self) -> bool {
        *self == GuardrailDecision::Allowed
    }
}

/// Who a [`GuardrailQuery`] asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Who {
    Root,
    Role(String),
    ServiceLinkedRole(String),
}

/// A request to put to the guardrails: a principal of an account, an action
/// of any service, and optionally a resource, a region and condition keys.
///
/// What the mock knows it adds itself, unless the query sets it:
/// `aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalOrgID`,
/// `aws:PrincipalOrgPaths`, `aws:PrincipalType`, `aws:PrincipalIsAWSService`,
/// `aws:CurrentTime` and `aws:EpochTime` (the mock's clock),
/// `aws:RequestedRegion` (from [`region`](Self::region)), and
/// `aws:ResourceAccount` / `aws:ResourceOrgID` (from the resource ARN's
/// account, or [`resource_account`](Self::resource_account)).
///
/// ```
/// use aws_organizations_mock::GuardrailQuery;
/// let query = GuardrailQuery::new("222222222222", "s3:PutObject")
///     .resource("arn:aws:s3:::bucket/key")
///     .region("eu-west-1")
///     .context_key("aws:RequestTag/Project", ["apollo"]);
/// # let _ = query;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuardrailQuery {
    account: String,
    who: Who,
    action: String,
    resource: String,
    resource_account: Option<String>,
    region: Option<String>,
    keys: Vec<(String, Vec<String>)>,
}

impl GuardrailQuery {
    /// The root user of `principal_account` asking to perform `action`
    /// (`service:Action`, e.g. `"s3:PutObject"`) on every resource (`*`).
    ///
    /// # Panics
    /// When `principal_account` is not twelve digits, or `action` is not
    /// `service:Action`.
    pub fn new(principal_account: &str, action: &str) -> Self {
        assert_account_id(principal_account);
        assert!(
            action
                .split_once(':')
                .is_some_and(|(s, a)| !s.is_empty() && !a.is_empty()),
            "'{action}' is not an IAM action; write it as service:Action, e.g. \"s3:PutObject\""
        );
        GuardrailQuery {
            account: principal_account.to_string(),
            who: Who::Root,
            action: action.to_string(),
            resource: "*".into(),
            resource_account: None,
            region: None,
            keys: Vec::new(),
        }
    }

    /// The principal is the role `role_name` of the account (or a session
    /// of it): `aws:PrincipalArn` is `arn:aws:iam::<account>:role/<role_name>`.
    pub fn role(mut self, role_name: &str) -> Self {
        self.who = Who::Role(role_name.to_string());
        self
    }

    /// The principal is a service-linked role of the account, which no SCP
    /// or RCP restricts.
    pub fn service_linked_role(mut self, role_name: &str) -> Self {
        self.who = Who::ServiceLinkedRole(role_name.to_string());
        self
    }

    /// The resource's ARN (default `*`, for an action without a resource).
    pub fn resource(mut self, arn: &str) -> Self {
        self.resource = arn.to_string();
        self
    }

    /// The account that owns the resource, for its RCPs and
    /// `aws:ResourceAccount` (default: the resource ARN's account field,
    /// when it has one).
    ///
    /// # Panics
    /// When `account` is not twelve digits.
    pub fn resource_account(mut self, account: &str) -> Self {
        assert_account_id(account);
        self.resource_account = Some(account.to_string());
        self
    }

    /// The region the request is made in (`aws:RequestedRegion`).
    pub fn region(mut self, region: &str) -> Self {
        self.region = Some(region.to_string());
        self
    }

    /// A condition key and its values (one for a single-valued key, any
    /// number for a multivalued one such as `aws:TagKeys`). Key names are
    /// case-insensitive, as in IAM; a key set here replaces what the mock
    /// would derive.
    ///
    /// # Panics
    /// When `key` is a global key (`aws:...`) that AWS doesn't have, naming
    /// the closest ones (a misspelt key would otherwise be a key no policy
    /// tests, and the query would answer for a request that has none); when
    /// a tag key's prefix (`aws:RequestTag/`) has no tag key after it; when
    /// it has no `prefix:`. A service's keys (`ec2:...`, `s3:...`) are taken
    /// as given.
    ///
    /// ```should_panic
    /// # use aws_organizations_mock::GuardrailQuery;
    /// // Panics: 'aws:RequestedRegoin' is not a global condition key; the closest are aws:RequestedRegion, ...
    /// GuardrailQuery::new("222222222222", "ec2:RunInstances").context_key("aws:RequestedRegoin", ["eu-west-1"]);
    /// ```
    pub fn context_key<I, S>(mut self, key: &str, values: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        if let Some(problem) = key_name_problem(key) {
            panic!("{problem}");
        }
        self.keys
            .push((key.to_string(), values.into_iter().map(Into::into).collect()));
        self
    }

    /// The account the resource belongs to: the one given, or the ARN's.
    fn owner(&self) -> Option<String> {
        self.resource_account.clone().or_else(|| {
            let account = self.resource.split(':').nth(4)?;
            crate::world::ids::is_account_id(account).then(|| account.to_string())
        })
    }
}

/// What is wrong with a condition key's name, if anything: a global key
/// AWS doesn't have (with the closest ones), a tag-key prefix without a tag
/// key, or no `prefix:`.
fn key_name_problem(key: &str) -> Option<String> {
    use crate::world::guardrails::keys::{key_problem, KeyProblem, GLOBAL_KEYS, TAG_KEY_PREFIXES};
    Some(match key_problem(key)? {
        KeyProblem::UnknownGlobal => {
            let known = GLOBAL_KEYS.iter().chain(TAG_KEY_PREFIXES).copied();
            format!(
                "'{key}' is not a global condition key; the closest are {}",
                crate::wire::suggest::closest(key, known).join(", ")
            )
        }
        KeyProblem::NoTagKey => format!("'{key}' names no tag key; write the tag key after it, e.g. '{key}Project'"),
        KeyProblem::NoPrefix => format!(
            "'{key}' is not a condition key; write aws:<Name> for a global key or <service>:<Name> for a service's, e.g. \"aws:RequestedRegion\""
        ),
    })
}

/// The guardrails of a mock's world: see [`MockOrganizations::guardrails`].
#[derive(Debug)]
pub struct Guardrails<'a> {
    mock: &'a MockOrganizations,
}

fn public(kind: GuardrailKind, decision: Decision) -> GuardrailDecision {
    match decision {
        Decision::Allowed => GuardrailDecision::Allowed,
        Decision::ExplicitDeny {
            policy_id,
            policy_name,
            target_id,
            sid,
        } => GuardrailDecision::ExplicitDeny {
            kind,
            policy_id,
            policy_name,
            target_id,
            sid,
        },
        Decision::ImplicitDeny { target_id } => GuardrailDecision::ImplicitDeny { kind, target_id },
    }
}

/// Evaluates `query` in `world`: its SCPs, then its RCPs.
pub(crate) fn evaluate(world: &World, query: &GuardrailQuery) -> GuardrailDecision {
    let (principal_arn, kind) = match &query.who {
        Who::Root => (format!("arn:aws:iam::{}:root", query.account), PrincipalKind::RootUser),
        Who::Role(name) => (
            format!("arn:aws:iam::{}:role/{name}", query.account),
            PrincipalKind::AssumedRole,
        ),
        Who::ServiceLinkedRole(name) => (
            format!("arn:aws:iam::{}:role/aws-service-role/{name}", query.account),
            PrincipalKind::ServiceLinkedRole,
        ),
    };
    let mut context = Context::new();
    for (key, values) in &query.keys {
        context.set(key, values.iter().cloned());
    }
    context.default_to(names::PRINCIPAL_ARN, principal_arn.as_str());
    context.default_to(names::PRINCIPAL_TYPE, kind.principal_type());
    if let Some(region) = &query.region {
        context.default_to(names::REQUESTED_REGION, region.as_str());
    }
    world.principal_keys(&query.account, &mut context);
    let owner = query.owner();
    if let Some(owner) = &owner {
        world.resource_keys(&AccountId::new(owner.as_str()), &mut context);
    }
    let principal = Principal {
        arn: &principal_arn,
        account: &query.account,
        kind,
    };
    let resources: Vec<guardrails::Resource> = if query.resource == "*" {
        Vec::new()
    } else {
        vec![guardrails::Resource {
            arn: query.resource.clone(),
            tags: Default::default(),
        }]
    };
    let scp = world.guardrails_deny(
        PolicyType::ServiceControlPolicy,
        &query.account,
        principal,
        &query.action,
        &resources,
        &context,
    );
    if let Some((_, decision)) = scp {
        return public(GuardrailKind::ServiceControlPolicy, decision);
    }
    let rcp = owner.and_then(|owner| {
        world.guardrails_deny(
            PolicyType::ResourceControlPolicy,
            &owner,
            principal,
            &query.action,
            &resources,
            &context,
        )
    });
    match rcp {
        Some((_, decision)) => public(GuardrailKind::ResourceControlPolicy, decision),
        None => GuardrailDecision::Allowed,
    }
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

/// Server mode's `POST /_mock/guardrails`: the query as JSON, the decision
/// as JSON (`src/server/mod.rs`).
#[cfg(feature = "server")]
pub(crate) mod wire {
    use super::{GuardrailDecision, GuardrailKind, GuardrailQuery, Who};
    use serde_json::{json, Value};

    /// The fields a query body may have.
    const FIELDS: &[&str] = &[
        "principal_account",
        "action",
        "role",
        "service_linked_role",
        "resource",
        "resource_account",
        "region",
        "context",
    ];

    /// A query from `{"principal_account": "222222222222", "action":
    /// "s3:PutObject", "role"?, "service_linked_role"?, "resource"?,
    /// "resource_account"?, "region"?, "context"?: {"key": "value" or
    /// ["values"]}}`, or what is wrong with it.
    pub(crate) fn query(body: &Value) -> Result<GuardrailQuery, String> {
        let object = body.as_object().ok_or("the body must be a JSON object")?;
        if let Some(unknown) = object.keys().find(|k| !FIELDS.contains(&k.as_str())) {
            return Err(format!(
                "unknown field '{unknown}'; the fields are {}",
                FIELDS.join(", ")
            ));
        }
        let text = |field: &str| -> Result<Option<String>, String> {
            match object.get(field) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(format!("'{field}' must be a string")),
            }
        };
        let is_account = |a: &str| crate::world::ids::is_account_id(a);
        let account = text("principal_account")?.ok_or("'principal_account' (12 digits) is required")?;
        if !is_account(&account) {
            return Err(format!("'{account}' is not an AWS account id; pass exactly 12 digits"));
        }
        let action = text("action")?.ok_or("'action' (service:Action) is required")?;
        if !action
            .split_once(':')
            .is_some_and(|(s, a)| !s.is_empty() && !a.is_empty())
        {
            return Err(format!(
                "'{action}' is not an IAM action; write it as service:Action, e.g. \"s3:PutObject\""
            ));
        }
        let mut query = GuardrailQuery::new(&account, &action);
        match (text("role")?, text("service_linked_role")?) {
            (Some(_), Some(_)) => return Err("give 'role' or 'service_linked_role', not both".into()),
            (Some(role), None) => query.who = Who::Role(role),
            (None, Some(role)) => query.who = Who::ServiceLinkedRole(role),
            (None, None) => {}
        }
        if let Some(resource) = text("resource")? {
            query.resource = resource;
        }
        if let Some(owner) = text("resource_account")? {
            if !is_account(&owner) {
                return Err(format!("'{owner}' is not an AWS account id; pass exactly 12 digits"));
            }
            query.resource_account = Some(owner);
        }
        query.region = text("region")?;
        if let Some(context) = object.get("context").filter(|c| !c.is_null()) {
            let context = context
                .as_object()
                .ok_or("'context' must be an object of key: value(s)")?;
            for (key, values) in context {
                let values: Vec<String> = match values {
                    Value::String(s) => vec![s.clone()],
                    Value::Array(items) => items
                        .iter()
                        .map(|v| v.as_str().map(str::to_string))
                        .collect::<Option<_>>()
                        .ok_or(format!("the values of context key '{key}' must be strings"))?,
                    _ => return Err(format!("context key '{key}' takes a string or a list of strings")),
                };
                if let Some(problem) = super::key_name_problem(key) {
                    return Err(problem);
                }
                query = query.context_key(key, values);
            }
        }
        Ok(query)
    }

    /// The decision as JSON: `{"decision": "Allowed"}`,
    /// `{"decision": "ExplicitDeny", "kind", "policy_id", "policy_name",
    /// "target_id", "sid"}` or `{"decision": "ImplicitDeny", "kind",
    /// "target_id"}`; `kind` is AWS's policy type name.
    pub(crate) fn decision(decision: &GuardrailDecision) -> Value {
        let kind = |k: &GuardrailKind| match k {
            GuardrailKind::ServiceControlPolicy => "SERVICE_CONTROL_POLICY",
            GuardrailKind::ResourceControlPolicy => "RESOURCE_CONTROL_POLICY",
        };
        match decision {
            GuardrailDecision::Allowed => json!({ "decision": "Allowed" }),
            GuardrailDecision::ExplicitDeny {
                kind: k,
                policy_id,
                policy_name,
                target_id,
                sid,
            } => json!({
                "decision": "ExplicitDeny",
                "kind": kind(k),
                "policy_id": policy_id,
                "policy_name": policy_name,
                "target_id": target_id,
                "sid": sid,
            }),
            GuardrailDecision::ImplicitDeny { kind: k, target_id } => {
                json!({ "decision": "ImplicitDeny", "kind": kind(k), "target_id": target_id })
            }
        }
    }
}
