//! Matching the `Action`, `NotAction`, `Resource`, `NotResource` and
//! `Principal` elements of a policy statement against a request.
//!
//! IAM's rules (FIDELITY.md#guardrails-matching): action names are matched
//! case-insensitively, and since September 2025 an SCP's `Action` may carry
//! `*` and `?` anywhere; resource ARNs are matched case-sensitively, with
//! `*` and `?` wildcards; an element may be one string or a list of strings.

use serde_json::Value;

use super::keys::Context;

/// `*` (any run of characters, none included) and `?` (exactly one
/// character) against `text`; `fold` makes the match case-insensitive.
pub(crate) fn wildcard(pattern: &str, text: &str, fold: bool) -> bool {
    if pattern.is_ascii() && text.is_ascii() {
        // The common case, without allocating: one byte is one character.
        let eq = |p: u8, t: u8| if fold { p.eq_ignore_ascii_case(&t) } else { p == t };
        return glob(pattern.as_bytes(), text.as_bytes(), eq);
    }
    let (p, t): (Vec<char>, Vec<char>) = if fold {
        (
            pattern.chars().flat_map(char::to_lowercase).collect(),
            text.chars().flat_map(char::to_lowercase).collect(),
        )
    } else {
        (pattern.chars().collect(), text.chars().collect())
    };
    glob(&p, &t, |a, b| a == b)
}

/// `*` and `?` over any items. The pattern is its runs between `*`s: the
/// first must start the text, the last must end it, and each one between
/// is found leftmost in what remains (leftmost leaves the most room for
/// the rest, so this is exact). Every step is a bounded scan: a policy
/// can't make the evaluator spin, and the work is at most the pattern's
/// length times the text's.
fn glob<T: Copy + PartialEq + From<u8>>(p: &[T], t: &[T], eq: impl Fn(T, T) -> bool) -> bool {
    let (star, any) = (T::from(b'*'), T::from(b'?'));
    // A run (no `*`) against the start of `at`, which is at least as long.
    let run = |seg: &[T], at: &[T]| seg.iter().zip(at).all(|(&s, &c)| s == any || eq(s, c));
    let mut runs = p.split(|c| *c == star);
    let first = runs.next().unwrap_or_default();
    if first.len() > t.len() || !run(first, t) {
        return false;
    }
    let mut rest = &t[first.len()..];
    let Some(last) = runs.next_back() else {
        // No `*`: the run is the whole text.
        return rest.is_empty();
    };
    for seg in runs {
        let Some(room) = rest.len().checked_sub(seg.len()) else {
            return false;
        };
        let Some(at) = (0..=room).find(|&i| run(seg, &rest[i..])) else {
            return false;
        };
        rest = &rest[at + seg.len()..];
    }
    rest.len()
        .checked_sub(last.len())
        .is_some_and(|from| run(last, &rest[from..]))
}

/// The strings of an element that is one string or a list of them
/// (anything else contributes nothing: the policy's validation refused it
/// when it was created).
pub(crate) fn strings(value: &Value) -> Vec<&str> {
    match value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// True when one of the element's action patterns names `action`
/// (`service:Action`, case-insensitively).
#[cfg(test)]
pub(crate) fn action_matches(element: &Value, action: &str) -> bool {
    strings(element).iter().any(|p| wildcard(p, action, true))
}

/// True when one of `patterns` names `action` (`service:Action`,
/// case-insensitively).
pub(crate) fn any_action(patterns: &[String], action: &str) -> bool {
    patterns.iter().any(|p| wildcard(p, action, true))
}

/// True when one of the element's resource patterns names `resource`
/// (case-sensitively; `*` names every resource, and a request without a
/// resource (`*`) is named by `*` only); policy variables expanded from `context`.
#[cfg(test)]
pub(crate) fn resource_matches(element: &Value, resource: &str, context: &Context) -> bool {
    strings(element)
        .iter()
        .any(|p| wildcard(&context.expand(p), resource, false))
}

/// True when one of `patterns` names `resource` (case-sensitively; `*`
/// names every resource, and a request without a resource (`*`) is named
/// by `*` only); policy variables expanded from `context`.
pub(crate) fn any_resource(patterns: &[String], resource: &str, context: &Context) -> bool {
    patterns.iter().any(|p| wildcard(&context.expand(p), resource, false))
}

/// A `Principal` (or `NotPrincipal`) element, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PrincipalPattern {
    /// `"*"`: everyone.
    Everyone,
    /// The account ids and ARN patterns under `"AWS"`.
    Aws(Vec<String>),
    /// Anything else (another string, `"Service"`, ...): names no caller
    /// the mock has.
    Nobody,
}

impl PrincipalPattern {
    /// The element's form.
    pub(crate) fn parse(element: &Value) -> PrincipalPattern {
        match element {
            Value::String(s) if s == "*" => PrincipalPattern::Everyone,
            Value::Object(map) => match map.get("AWS") {
                Some(aws) => PrincipalPattern::Aws(strings(aws).into_iter().map(str::to_string).collect()),
                None => PrincipalPattern::Nobody,
            },
            _ => PrincipalPattern::Nobody,
        }
    }

    /// True when it names the caller: `"*"`, `{"AWS": "*"}`, or an account
    /// id or ARN pattern under `"AWS"` (an account id, or the account's
    /// root ARN in the caller's partition, names the account's root user and
    /// every principal of the account, as IAM reads `"AWS": "123456789012"`
    /// and `"AWS": "arn:aws:iam::123456789012:root"`).
    pub(crate) fn matches(&self, principal_arn: &str, principal_account: &str) -> bool {
        let aws = match self {
            PrincipalPattern::Everyone => return true,
            PrincipalPattern::Nobody => return false,
            PrincipalPattern::Aws(aws) => aws,
        };
        let partition = principal_arn.split(':').nth(1).unwrap_or("aws");
        aws.iter().any(|p| {
            p == principal_account
                || wildcard(p, principal_arn, false)
                || crate::world::partitions::root_arn(p) == Some((partition, principal_account))
        })
    }
}

/// True when the `Principal` element names the caller (see
/// [`PrincipalPattern::matches`]).
#[cfg(test)]
pub(crate) fn principal_matches(element: &Value, principal_arn: &str, principal_account: &str) -> bool {
    PrincipalPattern::parse(element).matches(principal_arn, principal_account)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wildcards_match_anywhere_and_only_where_they_should() {
        assert!(wildcard("*", "", false));
        assert!(wildcard("ec2:*", "ec2:RunInstances", false));
        assert!(wildcard("ec2:*Instances", "ec2:RunInstances", false));
        assert!(wildcard("*:Describe*", "organizations:DescribeAccount", false));
        assert!(wildcard("s3:?etObject", "s3:GetObject", false));
        assert!(!wildcard("s3:?etObject", "s3:GGetObject", false));
        assert!(!wildcard("ec2:*", "ec:RunInstances", false));
        assert!(!wildcard("EC2:*", "ec2:RunInstances", false));
        assert!(wildcard("EC2:run*", "ec2:RunInstances", true));
        assert!(wildcard("a*b*c", "aXXbYYbc", false));
        assert!(!wildcard("a*b*c", "aXXbYYb", false));
        assert!(wildcard(
            "arn:aws:iam::*:role/Admin",
            "arn:aws:iam::123456789012:role/Admin",
            false
        ));
        // Runs that overlap, repeat, or leave too little room.
        assert!(wildcard("*ab*ab", "abab", false));
        assert!(wildcard("a*a", "aa", false) && !wildcard("a*a", "a", false));
        assert!(wildcard("*?", "x", false) && !wildcard("*?", "", false));
        assert!(wildcard("**", "anything", false));
        assert!(!wildcard("ab*cd*ef", "abcdxe", false));
        assert!(!wildcard("abc", "ab", false) && !wildcard("ab", "abc", false));
    }

    /// Outside ASCII a `?` is one character, not one byte, and case folds
    /// by Unicode's rules.
    #[test]
    fn wildcards_count_characters_not_bytes() {
        assert!(wildcard("caf?", "café", false));
        assert!(wildcard("café", "café", false) && !wildcard("café", "cafe", false));
        assert!(wildcard("?", "é", false) && !wildcard("??", "é", false));
        assert!(wildcard("ÉTÉ*", "été-2025", true) && !wildcard("ÉTÉ*", "été-2025", false));
    }

    #[test]
    fn actions_fold_case_and_resources_do_not() {
        let none = &Context::new();
        assert!(action_matches(
            &json!(["iam:*", "organizations:Leave*"]),
            "organizations:LeaveOrganization"
        ));
        assert!(action_matches(
            &json!("Organizations:leaveorganization"),
            "organizations:LeaveOrganization"
        ));
        assert!(!action_matches(&json!(["ec2:*"]), "organizations:LeaveOrganization"));
        assert!(resource_matches(&json!("*"), "*", none));
        assert!(!resource_matches(&json!("arn:aws:s3:::b/*"), "*", none));
        assert!(resource_matches(&json!("arn:aws:s3:::b/*"), "arn:aws:s3:::b/k", none));
        assert!(!resource_matches(&json!("arn:aws:s3:::B/*"), "arn:aws:s3:::b/k", none));
        assert!(!action_matches(&json!(42), "x:y"));
    }

    #[test]
    fn principals_by_star_account_or_arn() {
        let (arn, account) = ("arn:aws:iam::222222222222:root", "222222222222");
        assert!(principal_matches(&json!("*"), arn, account));
        assert!(principal_matches(&json!({"AWS": "*"}), arn, account));
        assert!(principal_matches(&json!({"AWS": ["222222222222"]}), arn, account));
        assert!(principal_matches(
            &json!({"AWS": "arn:aws:iam::222222222222:root"}),
            arn,
            account
        ));
        assert!(!principal_matches(&json!({"AWS": "333333333333"}), arn, account));
        // The account's root ARN names every principal of the account, in
        // the caller's partition only.
        let role = "arn:aws:iam::222222222222:role/Admin";
        let root = json!({"AWS": "arn:aws:iam::222222222222:root"});
        assert!(principal_matches(&root, role, account));
        assert!(!principal_matches(
            &root,
            "arn:aws:iam::333333333333:role/Admin",
            "333333333333"
        ));
        let cn_role = "arn:aws-cn:iam::222222222222:role/Admin";
        assert!(!principal_matches(&root, cn_role, account));
        assert!(principal_matches(
            &json!({"AWS": "arn:aws-cn:iam::222222222222:root"}),
            cn_role,
            account
        ));
        // A string other than "*" names nobody: IAM's principals are objects.
        assert!(!principal_matches(
            &json!("arn:aws:iam::222222222222:root"),
            arn,
            account
        ));
        assert!(!principal_matches(&json!("222222222222"), arn, account));
        assert!(!principal_matches(
            &json!({"Service": "ec2.amazonaws.com"}),
            arn,
            account
        ));
    }
}
