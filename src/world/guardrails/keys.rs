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
        self.values.get(&key.to_ascii_lowercase()).map(Vec::as_slice)
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
