//! The question put to the guardrails: [`GuardrailQuery`], a principal of
//! an account, an action of any service, and optionally a resource, a
//! region and condition keys (whose names are checked).

use crate::harness::assert_account_id;

/// Who a [`GuardrailQuery`] asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Who {
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
    pub(super) account: String,
    pub(super) who: Who,
    pub(super) action: String,
    pub(super) resource: String,
    pub(super) resource_account: Option<String>,
    pub(super) region: Option<String>,
    pub(super) keys: Vec<(String, Vec<String>)>,
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
    pub(super) fn owner(&self) -> Option<String> {
        self.resource_account.clone().or_else(|| {
            let account = self.resource.split(':').nth(4)?;
            crate::world::ids::is_account_id(account).then(|| account.to_string())
        })
    }
}

/// What is wrong with a condition key's name, if anything: a global key
/// AWS doesn't have (with the closest ones), a tag-key prefix without a tag
/// key, or no `prefix:`.
pub(super) fn key_name_problem(key: &str) -> Option<String> {
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
