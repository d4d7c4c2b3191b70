//! Fixtures: a whole organization in a few lines of Rust, or from JSON.
//!
//! A fixture is a description ([`OrgFixture`] with nested [`OuFixture`]s and
//! [`AccountFixture`]s); [`MockOrganizations::load_fixture`](crate::MockOrganizations::load_fixture)
//! builds it through the world's own functions (create the organization,
//! create OUs, enroll accounts, tag), so every invariant and quota holds, and
//! returns the identifiers it got ([`FixtureIds`]).

use std::collections::BTreeMap;

use aws_sdk_organizations::types::{InvalidInputExceptionReason, PolicyType};
use serde_json::json;

// The input shapes of the operations a fixture stands for.
use crate::wire::validation::{model::input, Shape};

use crate::wire::error::{ApiError, ApiResult};
use crate::world::policies::policy_type_or_invalid;
use crate::world::InvariantViolations;
use crate::world::{
    AccountId, DomainError, FeatureSet, Member, OrgId, ParentId, PolicyId, RootId, TaggableId, TargetId, World,
};

/// The feature set of a fixture's organization, as AWS names it in JSON.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FixtureFeatureSet {
    /// All features (the default).
    #[default]
    #[serde(rename = "ALL")]
    All,
    /// Consolidated billing only.
    #[serde(rename = "CONSOLIDATED_BILLING")]
    ConsolidatedBilling,
}

/// An organization managed by the mock's default account.
///
/// ```
/// use aws_organizations_mock::{AccountFixture, MockOrganizations, OrgFixture, OuFixture};
///
/// let mock = MockOrganizations::new();
/// let ids = mock
///     .load_fixture(
///         &OrgFixture::new()
///             .ou(OuFixture::new("Security").account(AccountFixture::new("audit")))
///             .ou(OuFixture::new("Workloads")
///                 .ou(OuFixture::new("Prod")
///                     .account(AccountFixture::new("payments").id("222222222222").tag("team", "payments")))),
///     )
///     .unwrap();
/// assert!(ids.ou("Workloads/Prod").starts_with("ou-"));
/// assert_eq!(ids.account("payments"), "222222222222");
/// ```
///
/// The same as JSON (every field but `name` may be left out):
///
/// ```json
/// { "feature_set": "ALL",
///   "ous": [ { "name": "Security", "accounts": [ { "name": "audit" } ] },
///            { "name": "Workloads", "ous": [ { "name": "Prod", "accounts": [
///                { "name": "payments", "id": "222222222222", "tags": { "team": "payments" } } ] } ] } ] }
/// ```
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OrgFixture {
    /// ALL (default) or CONSOLIDATED_BILLING.
    #[serde(default)]
    pub feature_set: FixtureFeatureSet,
    /// Tags on the root.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    /// Accounts directly under the root (besides the management account).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<AccountFixture>,
    /// OUs directly under the root.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ous: Vec<OuFixture>,
    /// Policy types to enable on the root, e.g. `"SERVICE_CONTROL_POLICY"`
    /// or `"TAG_POLICY"`. A new root has none enabled, as on AWS; a type the
    /// builder already enabled (`scps_enabled_at_creation`) is left as it is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policy_types: Vec<String>,
    /// Policies to create; nodes attach them by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<PolicyFixture>,
    /// Names of policies attached to the root.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attach: Vec<String>,
    /// Service principals given trusted access (`EnableAWSServiceAccess`)
    /// before the policy types are enabled, e.g. `"securityhub.amazonaws.com"`
    /// for `SECURITYHUB_POLICY`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trusted_services: Vec<String>,
}

/// A customer-managed policy, created before the tree is built.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PolicyFixture {
    /// Its name; nodes attach it by this name and [`FixtureIds::policy`] finds it.
    pub name: String,
    /// Its type as AWS names it, e.g. `"SERVICE_CONTROL_POLICY"` or `"TAG_POLICY"`.
    #[serde(rename = "type")]
    pub policy_type: String,
    /// The policy document.
    pub content: String,
    /// Its description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Its tags.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

impl PolicyFixture {
    /// A policy of `policy_type` (e.g. `PolicyType::TagPolicy`) named `name`
    /// with document `content`.
    pub fn new(name: &str, policy_type: PolicyType, content: &str) -> Self {
        PolicyFixture {
            name: name.into(),
            policy_type: policy_type.as_str().into(),
            content: content.into(),
            ..Self::default()
        }
    }

    /// Its description.
    pub fn description(mut self, description: &str) -> Self {
        self.description = description.into();
        self
    }

    /// Tags the policy.
    pub fn tag(mut self, key: &str, value: &str) -> Self {
        self.tags.insert(key.into(), value.into());
        self
    }
}

/// An OU, with its accounts and child OUs.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OuFixture {
    /// Its name, unique under its parent.
    pub name: String,
    /// Its tags.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    /// Accounts directly in it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<AccountFixture>,
    /// Its child OUs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ous: Vec<OuFixture>,
    /// Names of policies attached to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attach: Vec<String>,
}

/// A member account.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AccountFixture {
    /// Its name; [`FixtureIds::account`] finds it by this name.
    pub name: String,
    /// Its email; by default `<name>@example.com` (lower-cased, spaces as `-`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Its 12-digit id; by default one from the mock's seeded generator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its tags.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    /// Names of policies attached to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attach: Vec<String>,
    /// The role it gets trusting the management account, as `CreateAccount`'s
    /// `RoleName`; by default `OrganizationAccountAccessRole`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_name: Option<String>,
}

/// The builder methods of a node of the tree (the root or an OU): its tags,
/// its accounts and its child OUs.
macro_rules! node_methods {
    ($fixture:ident, $what:literal) => {
        impl $fixture {
            #[doc = concat!("Tags ", $what, ".")]
            pub fn tag(mut self, key: &str, value: &str) -> Self {
                self.tags.insert(key.into(), value.into());
                self
            }

            #[doc = concat!("Adds an account directly under ", $what, ".")]
            pub fn account(mut self, account: AccountFixture) -> Self {
                self.accounts.push(account);
                self
            }

            #[doc = concat!("Adds an OU directly under ", $what, ".")]
            pub fn ou(mut self, ou: OuFixture) -> Self {
                self.ous.push(ou);
                self
            }

            #[doc = concat!("Attaches the fixture's policy named `policy` to ", $what, ".")]
            pub fn attach(mut self, policy: &str) -> Self {
                self.attach.push(policy.into());
                self
            }
        }
    };
}

node_methods!(OrgFixture, "the root");
node_methods!(OuFixture, "the OU");

impl OrgFixture {
    /// An organization with all features and nothing in it yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads a fixture from JSON (the format shown on [`OrgFixture`]). A
    /// policy type that does not exist is refused at once, with the closest
    /// real ones named.
    pub fn from_json(json: &str) -> serde_json::Result<Self> {
        let fixture: Self = serde_json::from_str(json)?;
        fixture.check_names().map_err(serde::de::Error::custom)?;
        Ok(fixture)
    }

    /// Every policy type the fixture names is one of AWS's.
    fn check_names(&self) -> Result<(), String> {
        let mut named = self
            .policy_types
            .iter()
            .chain(self.policies.iter().map(|p| &p.policy_type));
        match named.find_map(|name| crate::harness::setting_names::unknown_policy_type(name)) {
            Some(problem) => Err(problem),
            None => Ok(()),
        }
    }

    /// Consolidated billing only, instead of all features.
    pub fn consolidated_billing(mut self) -> Self {
        self.feature_set = FixtureFeatureSet::ConsolidatedBilling;
        self
    }

    /// Enables a policy type on the root (e.g. `PolicyType::TagPolicy`).
    pub fn enable_policy_type(mut self, policy_type: PolicyType) -> Self {
        self.policy_types.push(policy_type.as_str().into());
        self
    }

    /// Enables trusted access for a service (e.g. `"securityhub.amazonaws.com"`,
    /// which `SECURITYHUB_POLICY` needs), before any policy type is enabled.
    pub fn trusted_access(mut self, service_principal: &str) -> Self {
        self.trusted_services.push(service_principal.into());
        self
    }

    /// Creates a policy that nodes can [`attach`](Self::attach) by name.
    pub fn policy(mut self, policy: PolicyFixture) -> Self {
        self.policies.push(policy);
        self
    }
}

impl OuFixture {
    /// An OU named `name`.
    pub fn new(name: &str) -> Self {
        OuFixture {
            name: name.into(),
            ..Self::default()
        }
    }
}

impl AccountFixture {
    /// An account named `name`.
    pub fn new(name: &str) -> Self {
        AccountFixture {
            name: name.into(),
            ..Self::default()
        }
    }

    /// Its email address.
    pub fn email(mut self, email: &str) -> Self {
        self.email = Some(email.into());
        self
    }

    /// Its account id (12 digits), so tests can call as it with `client_as`.
    pub fn id(mut self, id: &str) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The role it gets trusting the management account (STS `AssumeRole`
    /// into it), as `CreateAccount`'s `RoleName`; by default
    /// `OrganizationAccountAccessRole`.
    pub fn role_name(mut self, role_name: &str) -> Self {
        self.role_name = Some(role_name.into());
        self
    }

    /// Tags the account.
    pub fn tag(mut self, key: &str, value: &str) -> Self {
        self.tags.insert(key.into(), value.into());
        self
    }

    /// Attaches the fixture's policy named `policy` to the account.
    pub fn attach(mut self, policy: &str) -> Self {
        self.attach.push(policy.into());
        self
    }

    fn email_or_default(&self) -> String {
        self.email.clone().unwrap_or_else(|| {
            let local: String = self
                .name
                .to_ascii_lowercase()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '-' })
                .collect();
            format!("{local}@example.com")
        })
    }
}

/// The identifiers a loaded fixture got.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FixtureIds {
    organization: String,
    root: String,
    ous: BTreeMap<String, String>,
    accounts: BTreeMap<String, String>,
    policies: BTreeMap<String, String>,
}

impl FixtureIds {
    /// The organization's id.
    pub fn organization(&self) -> &str {
        &self.organization
    }

    /// The root's id.
    pub fn root(&self) -> &str {
        &self.root
    }

    /// The id of the OU at `path`: OU names from the root, joined by `/`
    /// (`"Workloads/Prod"`).
    ///
    /// # Panics
    /// When the fixture has no OU at `path`; the message lists the paths it has.
    pub fn ou(&self, path: &str) -> &str {
        self.ous.get(path).unwrap_or_else(|| {
            panic!(
                "the fixture has no OU at '{path}'; it has {:?}",
                self.ous.keys().collect::<Vec<_>>()
            )
        })
    }

    /// The id of the account named `name` (the first, if names repeat).
    ///
    /// # Panics
    /// When the fixture has no account named `name`; the message lists the names it has.
    pub fn account(&self, name: &str) -> &str {
        self.accounts.get(name).unwrap_or_else(|| {
            panic!(
                "the fixture has no account named '{name}'; it has {:?}",
                self.accounts.keys().collect::<Vec<_>>()
            )
        })
    }

    /// The id of the fixture's policy named `name`.
    ///
    /// # Panics
    /// When the fixture has no policy named `name`; the message lists the names it has.
    pub fn policy(&self, name: &str) -> &str {
        self.policies.get(name).unwrap_or_else(|| {
            panic!(
                "the fixture has no policy named '{name}'; it has {:?}",
                self.policies.keys().collect::<Vec<_>>()
            )
        })
    }

    /// Every policy id by name.
    pub fn policies(&self) -> &BTreeMap<String, String> {
        &self.policies
    }

    /// Every OU id by path.
    pub fn ous(&self) -> &BTreeMap<String, String> {
        &self.ous
    }

    /// Every account id by name.
    pub fn accounts(&self) -> &BTreeMap<String, String> {
        &self.accounts
    }
}

/// Checks what a fixture passes to the world against the service model, as
/// the validation layer checks every request: the equivalent request must be
/// one AWS would accept for the operation whose input shape is `shape`
/// (`input::CreateAccount`, ...: a misspelt operation does not compile).
fn checked(shape: Option<&'static Shape>, request: serde_json::Value) -> ApiResult<()> {
    crate::wire::validation::validate(shape, &request)
}

/// Tags as a request's `Tags` list.
fn tag_list(tags: &BTreeMap<String, String>) -> serde_json::Value {
    tags.iter()
        .map(|(k, v)| serde_json::json!({ "Key": k, "Value": v }))
        .collect()
}

fn pairs(tags: &BTreeMap<String, String>) -> Vec<(String, String)> {
    tags.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// Builds `fixture` in `world`, as its default account. On error the world
/// may be half built: callers work on a copy.
pub(crate) fn build(world: &mut World, fixture: &OrgFixture) -> Result<FixtureIds, FixtureError> {
    fixture
        .check_names()
        .map_err(|message| DomainError::invalid_input(InvalidInputExceptionReason::InvalidEnumPolicyType, message))?;
    let manager = AccountId::new(world.settings().default_account_id.as_str());
    let feature_set = match fixture.feature_set {
        FixtureFeatureSet::All => FeatureSet::All,
        FixtureFeatureSet::ConsolidatedBilling => FeatureSet::ConsolidatedBilling,
    };
    let org = world.create_organization(&manager, feature_set)?;
    let org_id = org.id().clone();
    let mut ids = FixtureIds {
        organization: org.id().to_string(),
        root: org.root().id.to_string(),
        ..FixtureIds::default()
    };
    let root = ids.root.clone();
    if !fixture.tags.is_empty() {
        checked(
            input::TagResource,
            json!({ "ResourceId": root, "Tags": tag_list(&fixture.tags) }),
        )?;
        world.tag_resource(&org_id, &TaggableId::new(root.as_str()), &pairs(&fixture.tags))?;
    }
    for service in &fixture.trusted_services {
        checked(input::EnableAWSServiceAccess, json!({ "ServicePrincipal": service }))?;
        world.enable_service_access(&org_id, service)?;
    }
    for policy_type in &fixture.policy_types {
        checked(
            input::EnablePolicyType,
            json!({ "RootId": root, "PolicyType": policy_type }),
        )?;
        let policy_type = policy_type_or_invalid(policy_type)?.policy_type;
        if world.org(&org_id)?.policy_type_enabled(policy_type) {
            continue;
        }
        world.enable_policy_type(&org_id, &RootId::new(root.as_str()), policy_type)?;
    }
    for p in &fixture.policies {
        checked(
            input::CreatePolicy,
            json!({ "Name": p.name, "Description": p.description, "Content": p.content,
                    "Type": p.policy_type, "Tags": tag_list(&p.tags) }),
        )?;
        let (_, policy) = world.create_policy(
            &org_id,
            policy_type_or_invalid(&p.policy_type)?.policy_type,
            &p.name,
            &p.description,
            &p.content,
            &pairs(&p.tags),
        )?;
        ids.policies.insert(p.name.clone(), policy.id.clone().into());
    }
    let mut builder = Builder {
        world,
        manager: &manager,
        org_id: &org_id,
        ids: &mut ids,
    };
    builder.attach(&root, &fixture.attach)?;
    builder.accounts(&root, &fixture.accounts)?;
    for ou in &fixture.ous {
        builder.ou(&root, "", ou)?;
    }
    Ok(ids)
}

struct Builder<'a> {
    world: &'a mut World,
    manager: &'a AccountId,
    org_id: &'a OrgId,
    ids: &'a mut FixtureIds,
}

impl Builder<'_> {
    fn attach(&mut self, target: &str, names: &[String]) -> Result<(), FixtureError> {
        for name in names {
            let policy = self
                .ids
                .policies
                .get(name)
                .ok_or_else(|| FixtureError::UnknownPolicy(name.clone()))?;
            self.world
                .attach_policy(self.org_id, &PolicyId::new(policy.as_str()), &TargetId::new(target))?;
        }
        Ok(())
    }

    fn accounts(&mut self, parent: &str, accounts: &[AccountFixture]) -> Result<(), FixtureError> {
        for account in accounts {
            let mut request = json!({ "Email": account.email_or_default(), "AccountName": account.name, "Tags": tag_list(&account.tags) });
            if let Some(role_name) = &account.role_name {
                request["RoleName"] = role_name.as_str().into();
            }
            checked(input::CreateAccount, request)?;
            let id = self.world.enroll_account(
                Member {
                    account: self.manager,
                    org: self.org_id,
                },
                account.id.as_deref(),
                &account.email_or_default(),
                &account.name,
                &ParentId::new(parent),
                &pairs(&account.tags),
            )?;
            self.attach(&id, &account.attach)?;
            // As CreateAccount does: the role, trusting the management account.
            self.world
                .add_access_role(&id, account.role_name.as_deref(), self.manager);
            self.ids.accounts.entry(account.name.clone()).or_insert(id.into());
        }
        Ok(())
    }

    fn ou(&mut self, parent: &str, prefix: &str, ou: &OuFixture) -> Result<(), FixtureError> {
        checked(
            input::CreateOrganizationalUnit,
            json!({ "ParentId": parent, "Name": ou.name, "Tags": tag_list(&ou.tags) }),
        )?;
        let id = self
            .world
            .create_ou(self.org_id, &ParentId::new(parent), &ou.name, &pairs(&ou.tags))?
            .id
            .clone();
        let path = if prefix.is_empty() {
            ou.name.clone()
        } else {
            format!("{prefix}/{}", ou.name)
        };
        self.ids.ous.insert(path.clone(), id.to_string());
        self.attach(&id, &ou.attach)?;
        self.accounts(&id, &ou.accounts)?;
        for child in &ou.ous {
            self.ou(&id, &path, child)?;
        }
        Ok(())
    }
}

/// Why [`MockOrganizations::load_fixture`](crate::MockOrganizations::load_fixture)
/// (or `POST /_mock/fixture`) refused a fixture. Nothing changed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FixtureError {
    /// A step of the fixture got the error AWS would answer the same call
    /// with (a duplicate email, a quota, an input check with its `Reason`):
    /// change the fixture as the error says.
    Rejected(ApiError),
    /// The fixture attaches a policy by a name it defines no policy by: add
    /// the policy with `OrgFixture::policy`, or correct the name.
    UnknownPolicy(String),
    /// The organization the fixture describes would break invariants of the
    /// world (see `MockOrganizations::check_invariants`).
    ImpossibleWorld(InvariantViolations),
}

impl FixtureError {
    /// The AWS error a step of the fixture got, for [`FixtureError::Rejected`].
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            FixtureError::Rejected(err) => Some(err),
            _ => None,
        }
    }
}

impl std::fmt::Display for FixtureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FixtureError::Rejected(err) => err.fmt(f),
            FixtureError::UnknownPolicy(name) => write!(
                f,
                "the fixture attaches a policy named '{name}' but defines none by that name; add it with OrgFixture::policy"
            ),
            FixtureError::ImpossibleWorld(violations) => write!(
                f,
                "the fixture would build an impossible world ({}); nothing changed",
                violations.summary()
            ),
        }
    }
}

impl std::error::Error for FixtureError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FixtureError::Rejected(err) => Some(err),
            FixtureError::ImpossibleWorld(violations) => Some(violations),
            FixtureError::UnknownPolicy(_) => None,
        }
    }
}

impl From<ApiError> for FixtureError {
    fn from(err: ApiError) -> Self {
        FixtureError::Rejected(err)
    }
}

impl From<DomainError> for FixtureError {
    fn from(err: DomainError) -> Self {
        FixtureError::Rejected(err.into())
    }
}
