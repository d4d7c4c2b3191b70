//! The request context: condition keys and their values, as IAM sees them.
//!
//! Key names are case-insensitive ("Condition key names are not
//! case-sensitive": FIDELITY.md#guardrails-condition-keys), so they are stored
//! lowercased; values keep their case. Every key holds a list of values: a
//! single-valued key holds one, a multivalued one (`aws:TagKeys`,
//! `aws:PrincipalOrgPaths`) any number.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// The global keys the mock can know. Each is set when the caller knows it.
pub(crate) mod names {
    /// The caller's ARN: the account's root user or the assumed role's role.
    pub(crate) const PRINCIPAL_ARN: &str = "aws:PrincipalArn";
    /// The caller's account.
    pub(crate) const PRINCIPAL_ACCOUNT: &str = "aws:PrincipalAccount";
    /// The caller's organization.
    pub(crate) const PRINCIPAL_ORG_ID: &str = "aws:PrincipalOrgID";
    /// The caller's account's path in its organization (multivalued).
    pub(crate) const PRINCIPAL_ORG_PATHS: &str = "aws:PrincipalOrgPaths";
    /// `Account` (root user), `AssumedRole`, ...
    pub(crate) const PRINCIPAL_TYPE: &str = "aws:PrincipalType";
    /// `true` only for a service principal.
    pub(crate) const PRINCIPAL_IS_AWS_SERVICE: &str = "aws:PrincipalIsAWSService";
    /// The region the request is made in.
    pub(crate) const REQUESTED_REGION: &str = "aws:RequestedRegion";
    /// The mock's clock, ISO 8601.
    pub(crate) const CURRENT_TIME: &str = "aws:CurrentTime";
    /// The mock's clock, seconds since the epoch.
    pub(crate) const EPOCH_TIME: &str = "aws:EpochTime";
    /// The account that owns the resource.
    pub(crate) const RESOURCE_ACCOUNT: &str = "aws:ResourceAccount";
    /// The organization of the account that owns the resource.
    pub(crate) const RESOURCE_ORG_ID: &str = "aws:ResourceOrgID";
    /// The tag keys of the request (multivalued).
    pub(crate) const TAG_KEYS: &str = "aws:TagKeys";
    /// `aws:RequestTag/<key>`: a tag the request sets.
    pub(crate) const REQUEST_TAG: &str = "aws:RequestTag/";
    /// `aws:ResourceTag/<key>`: a tag the resource has.
    pub(crate) const RESOURCE_TAG: &str = "aws:ResourceTag/";
    /// The policy type an Organizations request names.
    pub(crate) const POLICY_TYPE: &str = "organizations:PolicyType";
    /// The service principal an Organizations request names.
    pub(crate) const SERVICE_PRINCIPAL: &str = "organizations:ServicePrincipal";
}

/// Every global condition key AWS documents, as the table at the top of
/// IAM's "AWS global condition context keys" lists them
/// (FIDELITY.md#guardrails-condition-keys), except the three that take a
/// tag key ([`TAG_KEY_PREFIXES`]). The mock sets some of them itself; a test
/// may set any of them.
pub(crate) const GLOBAL_KEYS: &[&str] = &[
    // Properties of the principal.
    "aws:PrincipalArn",
    "aws:PrincipalAccount",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalOrgID",
    "aws:PrincipalIsAWSService",
    "aws:PrincipalServiceName",
    "aws:PrincipalServiceNamesList",
    "aws:PrincipalType",
    "aws:userid",
    "aws:username",
    // Properties of a role session.
    "aws:AssumedRoot",
    "aws:FederatedProvider",
    "aws:TokenIssueTime",
    "aws:SignInSessionArn",
    "aws:MultiFactorAuthAge",
    "aws:MultiFactorAuthPresent",
    "aws:ChatbotSourceArn",
    "aws:Ec2InstanceSourceVpc",
    "aws:Ec2InstanceSourcePrivateIPv4",
    "aws:SourceIdentity",
    // Properties of the network.
    "aws:SourceIp",
    "aws:SourceVpc",
    "aws:SourceVpcArn",
    "aws:SourceVpce",
    "aws:VpceAccount",
    "aws:VpceOrgID",
    "aws:VpceOrgPaths",
    "aws:VpcSourceIp",
    // Properties of the resource.
    "aws:ResourceAccount",
    "aws:ResourceOrgID",
    "aws:ResourceOrgPaths",
    // Properties of the request.
    "aws:CalledVia",
    "aws:CalledViaFirst",
    "aws:CalledViaLast",
    "aws:CalledViaAWSMCP",
    "aws:ViaAWSService",
    "aws:ViaAWSMCPService",
    "aws:CurrentTime",
    "aws:EpochTime",
    "aws:referer",
    "aws:RequestedRegion",
    "aws:TagKeys",
    "aws:SecureTransport",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:UserAgent",
    "aws:IsMcpServiceAction",
];

/// The global keys that end in a tag key: `aws:PrincipalTag/<key>`,
/// `aws:ResourceTag/<key>`, `aws:RequestTag/<key>`.
pub(crate) const TAG_KEY_PREFIXES: &[&str] = &["aws:PrincipalTag/", "aws:ResourceTag/", names::REQUEST_TAG];

/// How a key name a test gives is wrong, if it is: a global key (`aws:`)
/// that AWS doesn't have, or a name without a `prefix:`. Keys of services
/// (`ec2:...`, `s3:...`) are not checked: there are thousands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum KeyProblem {
    /// `aws:<name>` that is no global key.
    UnknownGlobal,
    /// A tag-key prefix with no tag key after it.
    NoTagKey,
    /// No `prefix:` at all.
    NoPrefix,
}

/// Checks a condition key's name (case-insensitively, as IAM compares
/// them): `None` when it is a global key AWS documents or a service's key.
pub(crate) fn key_problem(key: &str) -> Option<KeyProblem> {
    let Some((prefix, name)) = key.split_once(':') else {
        return Some(KeyProblem::NoPrefix);
    };
    if prefix.is_empty() || name.is_empty() {
        return Some(KeyProblem::NoPrefix);
    }
    if !prefix.eq_ignore_ascii_case("aws") {
        return None;
    }
    if GLOBAL_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key)) {
        return None;
    }
    let lower = key.to_ascii_lowercase();
    match TAG_KEY_PREFIXES
        .iter()
        .find(|p| lower.starts_with(&p.to_ascii_lowercase()))
    {
        Some(p) if key.len() > p.len() => None,
        Some(_) => Some(KeyProblem::NoTagKey),
        None => Some(KeyProblem::UnknownGlobal),
    }
}

/// Condition keys and their values, keys compared case-insensitively.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Context {
    values: BTreeMap<String, Vec<String>>,
}

impl Context {
    /// An empty context.
    pub(crate) fn new() -> Self {
        Context::default()
    }

    /// Sets `key` to `values` (replacing what it held).
    pub(crate) fn set<I, S>(&mut self, key: &str, values: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.values
            .insert(key.to_ascii_lowercase(), values.into_iter().map(Into::into).collect());
    }

    /// Adds `value` to `key`'s values.
    pub(crate) fn push(&mut self, key: &str, value: impl Into<String>) {
        self.values
            .entry(key.to_ascii_lowercase())
            .or_default()
            .push(value.into());
    }

    /// Sets `key` to one value unless the context already holds it (what a
    /// caller gave explicitly wins over what the mock derives).
    pub(crate) fn default_to(&mut self, key: &str, value: impl Into<String>) {
        self.values
            .entry(key.to_ascii_lowercase())
            .or_insert_with(|| vec![value.into()]);
    }

    /// The values of `key`, if the request has it.
    pub(crate) fn get(&self, key: &str) -> Option<&[String]> {
        if key.bytes().any(|b| b.is_ascii_uppercase()) {
            self.values.get(&key.to_ascii_lowercase()).map(Vec::as_slice)
        } else {
            self.get_lowercase(key)
        }
    }

    /// The values of `key`, already lowercased (a parsed condition's keys
    /// are): no allocation.
    pub(crate) fn get_lowercase(&self, key: &str) -> Option<&[String]> {
        self.values.get(key).map(Vec::as_slice)
    }

    /// Replaces the policy variables of `text` (`${aws:PrincipalAccount}`,
    /// `${*}`, `${?}`, `${$}`) with their values. A variable whose key the
    /// request lacks, or holds several values, is left as written (IAM:
    /// such a policy matches nothing there).
    pub(crate) fn expand<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if !text.contains("${") {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[start..]);
                return Cow::Owned(out);
            };
            let name = &after[..end];
            let value = match name {
                "*" | "?" | "$" => Some(name.to_string()),
                _ => self.get(name).and_then(|v| match v {
                    [one] => Some(one.clone()),
                    _ => None,
                }),
            };
            match value {
                Some(v) => out.push_str(&v),
                None => out.push_str(&rest[start..start + 3 + end]),
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_values_do_not() {
        let mut c = Context::new();
        c.set(names::PRINCIPAL_ORG_ID, ["o-ABC"]);
        assert_eq!(c.get("AWS:principalorgid"), Some(&["o-ABC".to_string()][..]));
        c.push(names::TAG_KEYS, "a");
        c.push("aws:tagkeys", "b");
        assert_eq!(c.get(names::TAG_KEYS).map(<[String]>::len), Some(2));
        c.default_to(names::PRINCIPAL_ORG_ID, "o-other");
        assert_eq!(c.get(names::PRINCIPAL_ORG_ID), Some(&["o-ABC".to_string()][..]));
        assert_eq!(c.get("aws:Missing"), None);
    }

    #[test]
    fn global_keys_are_checked_and_service_keys_are_not() {
        for ok in [
            "aws:RequestedRegion",
            "AWS:requestedregion",
            "aws:PrincipalTag/Team",
            "aws:RequestTag/Project",
            "aws:ResourceTag/cost-center",
            "aws:SourceIp",
            "ec2:InstanceType",
            "s3:prefix",
            "organizations:PolicyType",
        ] {
            assert_eq!(key_problem(ok), None, "{ok}");
        }
        assert_eq!(key_problem("aws:RequestedRegoin"), Some(KeyProblem::UnknownGlobal));
        assert_eq!(key_problem("aws:PrincipalTags/Team"), Some(KeyProblem::UnknownGlobal));
        assert_eq!(key_problem("aws:RequestTag/"), Some(KeyProblem::NoTagKey));
        assert_eq!(key_problem("RequestedRegion"), Some(KeyProblem::NoPrefix));
        assert_eq!(key_problem(":x"), Some(KeyProblem::NoPrefix));
        assert_eq!(key_problem("aws:"), Some(KeyProblem::NoPrefix));
        // Every key the mock sets itself is one AWS documents.
        for set_by_the_mock in [
            names::PRINCIPAL_ARN,
            names::PRINCIPAL_ACCOUNT,
            names::PRINCIPAL_ORG_ID,
            names::PRINCIPAL_ORG_PATHS,
            names::PRINCIPAL_TYPE,
            names::PRINCIPAL_IS_AWS_SERVICE,
            names::REQUESTED_REGION,
            names::CURRENT_TIME,
            names::EPOCH_TIME,
            names::RESOURCE_ACCOUNT,
            names::RESOURCE_ORG_ID,
            names::TAG_KEYS,
            names::POLICY_TYPE,
            names::SERVICE_PRINCIPAL,
        ] {
            assert_eq!(key_problem(set_by_the_mock), None, "{set_by_the_mock}");
        }
    }

    #[test]
    fn policy_variables_expand_when_single_valued() {
        let mut c = Context::new();
        c.set(names::PRINCIPAL_ACCOUNT, ["222222222222"]);
        c.set(names::TAG_KEYS, ["a", "b"]);
        assert_eq!(
            c.expand("arn:aws:iam::${aws:PrincipalAccount}:role/*"),
            "arn:aws:iam::222222222222:role/*"
        );
        assert_eq!(c.expand("x${*}y${$}"), "x*y$");
        assert_eq!(c.expand("${aws:TagKeys}"), "${aws:TagKeys}");
        assert_eq!(c.expand("${aws:Nope}-z"), "${aws:Nope}-z");
        assert_eq!(c.expand("open ${"), "open ${");
        assert_eq!(c.expand("plain"), "plain");
    }
}
