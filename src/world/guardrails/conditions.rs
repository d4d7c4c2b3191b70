//! The `Condition` element: every family of IAM's condition operators, their
//! `...IfExists` forms, the `ForAnyValue:` / `ForAllValues:` set operators
//! and `Null` (FIDELITY.md#guardrails-condition-operators).
//!
//! A condition block is true when every operator in it is true; an operator
//! is true when every key under it is; a key is true when the request's
//! value matches any of the policy's values (for a negated operator, such as
//! `StringNotEquals`, when it matches none of them). A key the request lacks
//! makes a positive operator false and a negated one true, unless the
//! operator ends in `IfExists` (then true) or is `Null`.

use std::net::IpAddr;

use serde_json::Value;

use super::keys::Context;
use super::matching::wildcard;

/// The comparison at the heart of an operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Base {
    StringEquals,
    StringEqualsIgnoreCase,
    StringLike,
    Numeric(std::cmp::Ordering, bool),
    Date(std::cmp::Ordering, bool),
    Bool,
    Binary,
    Ip,
    Arn,
}

/// How a parsed operator compares, and whether it is negated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Operator {
    base: Base,
    negated: bool,
    if_exists: bool,
    set: Option<SetOp>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SetOp {
    AnyValue,
    AllValues,
}

/// The operator a `Condition` block names, or `None` when IAM has no such
/// operator (`Null` is handled apart).
fn parse(name: &str) -> Option<Operator> {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let (set, rest) = if let Some(r) = name.strip_prefix("ForAnyValue:") {
        (Some(SetOp::AnyValue), r)
    } else if let Some(r) = name.strip_prefix("ForAllValues:") {
        (Some(SetOp::AllValues), r)
    } else {
        (None, name)
    };
    let (if_exists, rest) = match rest.strip_suffix("IfExists") {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let (base, negated) = match rest {
        "StringEquals" => (Base::StringEquals, false),
        "StringNotEquals" => (Base::StringEquals, true),
        "StringEqualsIgnoreCase" => (Base::StringEqualsIgnoreCase, false),
        "StringNotEqualsIgnoreCase" => (Base::StringEqualsIgnoreCase, true),
        "StringLike" => (Base::StringLike, false),
        "StringNotLike" => (Base::StringLike, true),
        "NumericEquals" => (Base::Numeric(Equal, false), false),
        "NumericNotEquals" => (Base::Numeric(Equal, false), true),
        "NumericLessThan" => (Base::Numeric(Less, false), false),
        "NumericLessThanEquals" => (Base::Numeric(Less, true), false),
        "NumericGreaterThan" => (Base::Numeric(Greater, false), false),
        "NumericGreaterThanEquals" => (Base::Numeric(Greater, true), false),
        "DateEquals" => (Base::Date(Equal, false), false),
        "DateNotEquals" => (Base::Date(Equal, false), true),
        "DateLessThan" => (Base::Date(Less, false), false),
        "DateLessThanEquals" => (Base::Date(Less, true), false),
        "DateGreaterThan" => (Base::Date(Greater, false), false),
        "DateGreaterThanEquals" => (Base::Date(Greater, true), false),
        "Bool" => (Base::Bool, false),
        "BinaryEquals" => (Base::Binary, false),
        "IpAddress" => (Base::Ip, false),
        "NotIpAddress" => (Base::Ip, true),
        "ArnEquals" | "ArnLike" => (Base::Arn, false),
        "ArnNotEquals" | "ArnNotLike" => (Base::Arn, true),
        _ => return None,
    };
    Some(Operator {
        base,
        negated,
        if_exists,
        set,
    })
}

/// A date as milliseconds since the epoch: ISO 8601 (`2025-01-01`,
/// `2025-01-01T00:00:00Z`, with fractions or an offset) or epoch seconds.
pub(crate) fn parse_date(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<i64>() {
        return seconds.checked_mul(1000);
    }
    let full = if text.len() == 10 {
        format!("{text}T00:00:00Z")
    } else {
        text.to_string()
    };
    aws_smithy_types::DateTime::from_str(&full, aws_smithy_types::date_time::Format::DateTime)
        .ok()
        .and_then(|d| d.to_millis().ok())
}

/// True when `ip` is in `cidr` (`203.0.113.0/24`, `2001:db8::/32`, or one address).
fn in_cidr(cidr: &str, ip: &str) -> bool {
    let Ok(ip) = ip.trim().parse::<IpAddr>() else {
        return false;
    };
    let (net, bits) = match cidr.split_once('/') {
        Some((n, b)) => (n, b.parse::<u32>().ok()),
        None => (cidr, None),
    };
    let Ok(net) = net.trim().parse::<IpAddr>() else {
        return false;
    };
    match (net, ip) {
        (IpAddr::V4(n), IpAddr::V4(i)) => {
            let bits = bits.unwrap_or(32).min(32);
            let mask = if bits == 0 { 0 } else { u32::MAX << (32 - bits) };
            u32::from(n) & mask == u32::from(i) & mask
        }
        (IpAddr::V6(n), IpAddr::V6(i)) => {
            let bits = bits.unwrap_or(128).min(128);
            let mask = if bits == 0 { 0 } else { u128::MAX << (128 - bits) };
            u128::from(n) & mask == u128::from(i) & mask
        }
        _ => false,
    }
}

/// ARNs compare component by component (six, split at the first five
/// colons), each case-sensitively with wildcards.
fn arn_like(pattern: &str, arn: &str) -> bool {
    let p: Vec<&str> = pattern.splitn(6, ':').collect();
    let a: Vec<&str> = arn.splitn(6, ':').collect();
    if p.len() == 6 && a.len() == 6 {
        p.iter().zip(&a).all(|(p, a)| wildcard(p, a, false))
    } else {
        wildcard(pattern, arn, false)
    }
}

fn compare(base: Base, policy: &str, request: &str) -> bool {
    match base {
        Base::StringEquals => policy == request,
        Base::StringEqualsIgnoreCase => policy.to_lowercase() == request.to_lowercase(),
        Base::StringLike => wildcard(policy, request, false),
        Base::Numeric(ordering, or_equal) => match (policy.trim().parse::<f64>(), request.trim().parse::<f64>()) {
            (Ok(p), Ok(r)) => r
                .partial_cmp(&p)
                .is_some_and(|o| o == ordering || (or_equal && o.is_eq())),
            _ => false,
        },
        Base::Date(ordering, or_equal) => match (parse_date(policy), parse_date(request)) {
            (Some(p), Some(r)) => {
                let o = r.cmp(&p);
                o == ordering || (or_equal && o.is_eq())
            }
            _ => false,
        },
        Base::Bool => policy.eq_ignore_ascii_case(request),
        Base::Binary => policy == request,
        Base::Ip => in_cidr(policy, request),
        Base::Arn => arn_like(policy, request),
    }
}

/// The policy's values of one key as strings (booleans and numbers as
/// written in JSON).
fn policy_values(value: &Value) -> Vec<String> {
    let one = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    match value {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    }
}

/// One key of an operator, parsed: its name (lowercased, as the context
/// stores it) and the policy's values.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Key {
    name: String,
    values: Vec<String>,
    /// True when a value holds a policy variable (`${...}`) to expand.
    variables: bool,
}

/// What an operator of a block tests.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Test {
    /// `Null` (and its set forms): whether each key is absent.
    Null,
    /// A comparison.
    Compare(Operator),
    /// An operator IAM does not have, or keys that are not an object: false.
    Invalid,
}

/// A `Condition` block, parsed once: each operator with its keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Block {
    /// `None` when the block is not an object (false).
    operators: Option<Vec<(Test, Vec<Key>)>>,
}

/// Parses a `Condition` block.
pub(crate) fn compile(block: &Value) -> Block {
    let Some(block) = block.as_object() else {
        return Block { operators: None };
    };
    let operators = block
        .iter()
        .map(|(operator, keys)| {
            let Some(keys) = keys.as_object() else {
                return (Test::Invalid, Vec::new());
            };
            let test = if operator == "Null" || operator == "ForAnyValue:Null" || operator == "ForAllValues:Null" {
                Test::Null
            } else {
                parse(operator).map_or(Test::Invalid, Test::Compare)
            };
            let keys = keys
                .iter()
                .map(|(name, values)| {
                    let values = policy_values(values);
                    Key {
                        name: name.to_ascii_lowercase(),
                        variables: values.iter().any(|v| v.contains("${")),
                        values,
                    }
                })
                .collect();
            (test, keys)
        })
        .collect();
    Block {
        operators: Some(operators),
    }
}

/// One key under one operator.
fn key_holds(op: Operator, key: &Key, request: Option<&[String]>, context: &Context) -> bool {
    let policy: &[String] = &key.values;
    let matches_any = |r: &str| -> bool {
        if key.variables {
            policy.iter().any(|p| compare(op.base, &context.expand(p), r))
        } else {
            policy.iter().any(|p| compare(op.base, p, r))
        }
    };
    // A request value "passes" when it matches one of the policy's values
    // (for a negated operator: none of them).
    let passes = |r: &str| matches_any(r) != op.negated;
    let values = match request {
        None | Some([]) if op.if_exists => return true,
        None | Some([]) => {
            return match op.set {
                // "ForAllValues ... returns true if ... the key is empty or absent"
                Some(SetOp::AllValues) => true,
                Some(SetOp::AnyValue) => false,
                None => op.negated,
            };
        }
        Some(values) => values,
    };
    match op.set {
        Some(SetOp::AnyValue) => values.iter().any(|r| passes(r)),
        Some(SetOp::AllValues) => values.iter().all(|r| passes(r)),
        // A single-valued operator on a multivalued key: positive if any
        // value matches, negated if none does (our choice).
        None if op.negated => !values.iter().any(|r| matches_any(r)),
        None => values.iter().any(|r| matches_any(r)),
    }
}

/// True when a parsed `Condition` block holds for `context`. An operator IAM
/// does not have makes the block false (the policy's validation refuses
/// such a policy before it can be attached).
pub(crate) fn block_holds(block: &Block, context: &Context) -> bool {
    let Some(operators) = &block.operators else {
        return false;
    };
    operators.iter().all(|(test, keys)| match test {
        Test::Invalid => false,
        Test::Null => keys.iter().all(|key| {
            let absent = context.get_lowercase(&key.name).is_none_or(<[String]>::is_empty);
            key.values
                .iter()
                .any(|w| w.eq_ignore_ascii_case(if absent { "true" } else { "false" }))
        }),
        Test::Compare(op) => keys
            .iter()
            .all(|key| key_holds(*op, key, context.get_lowercase(&key.name), context)),
    })
}

/// True when the statement's `Condition` block (if any) holds for `context`.
#[cfg(test)]
pub(crate) fn holds(block: Option<&Value>, context: &Context) -> bool {
    block.is_none_or(|b| block_holds(&compile(b), context))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ctx(pairs: &[(&str, &[&str])]) -> Context {
        let mut c = Context::new();
        for (k, v) in pairs {
            c.set(k, v.iter().copied());
        }
        c
    }

    #[test]
    fn string_operators() {
        let c = ctx(&[
            ("aws:RequestedRegion", &["eu-west-1"]),
            ("aws:PrincipalTag/Team", &["Blue"]),
        ]);
        let t = |b| holds(Some(&b), &c);
        assert!(t(
            json!({"StringEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}})
        ));
        assert!(
            t(json!({"StringEquals": {"AWS:REQUESTEDREGION": "eu-west-1"}})),
            "keys fold case"
        );
        assert!(
            !t(json!({"StringEquals": {"aws:RequestedRegion": "EU-WEST-1"}})),
            "values don't"
        );
        assert!(t(
            json!({"StringEqualsIgnoreCase": {"aws:RequestedRegion": "EU-WEST-1"}})
        ));
        assert!(!t(
            json!({"StringNotEqualsIgnoreCase": {"aws:RequestedRegion": "EU-WEST-1"}})
        ));
        assert!(t(
            json!({"StringNotEqualsIgnoreCase": {"aws:RequestedRegion": "US-EAST-1"}})
        ));
        assert!(t(
            json!({"StringNotEquals": {"aws:RequestedRegion": ["us-east-1", "us-west-2"]}})
        ));
        assert!(!t(
            json!({"StringNotEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}})
        ));
        assert!(t(json!({"StringLike": {"aws:RequestedRegion": "eu-*"}})));
        assert!(t(json!({"StringNotLike": {"aws:RequestedRegion": "us-*"}})));
        // Absent keys: positive false, negated true, IfExists true.
        assert!(!t(json!({"StringEquals": {"aws:Absent": "x"}})));
        assert!(t(json!({"StringNotEquals": {"aws:Absent": "x"}})));
        assert!(t(json!({"StringEqualsIfExists": {"aws:Absent": "x"}})));
        assert!(!t(json!({"StringEqualsIfExists": {"aws:RequestedRegion": "x"}})));
        // Several operators and keys: all must hold.
        assert!(!t(
            json!({"StringEquals": {"aws:RequestedRegion": "eu-west-1"}, "StringLike": {"aws:PrincipalTag/Team": "Red*"}})
        ));
        assert!(!t(json!({"NoSuchOperator": {"aws:RequestedRegion": "eu-west-1"}})));
    }

    #[test]
    fn numeric_date_bool_binary_ip_and_arn_operators() {
        let c = ctx(&[
            ("n", &["10"]),
            ("aws:CurrentTime", &["2025-06-01T12:00:00Z"]),
            ("aws:SecureTransport", &["true"]),
            ("b", &["QmluYXJ5"]),
            ("aws:SourceIp", &["203.0.113.7"]),
            ("v6", &["2001:db8::1"]),
            ("aws:PrincipalArn", &["arn:aws:iam::222222222222:role/Admin"]),
        ]);
        let t = |b| holds(Some(&b), &c);
        assert!(t(json!({"NumericEquals": {"n": "10"}})));
        assert!(t(json!({"NumericNotEquals": {"n": 11}})));
        assert!(t(json!({"NumericLessThan": {"n": "11"}})) && !t(json!({"NumericLessThan": {"n": "10"}})));
        assert!(t(json!({"NumericLessThanEquals": {"n": "10"}})));
        assert!(t(json!({"NumericGreaterThan": {"n": "9.5"}})) && t(json!({"NumericGreaterThanEquals": {"n": "10"}})));
        assert!(!t(json!({"NumericEquals": {"n": "ten"}})));
        assert!(t(
            json!({"DateGreaterThan": {"aws:CurrentTime": "2025-01-01T00:00:00Z"}})
        ));
        assert!(t(json!({"DateLessThan": {"aws:CurrentTime": "2026-01-01"}})));
        assert!(t(json!({"DateEquals": {"aws:CurrentTime": "1748779200"}})));
        assert!(t(json!({"DateNotEquals": {"aws:CurrentTime": "2025-06-01"}})));
        assert!(t(
            json!({"DateLessThanEquals": {"aws:CurrentTime": "2025-06-01T12:00:00Z"}})
        ));
        assert!(t(
            json!({"DateGreaterThanEquals": {"aws:CurrentTime": "2025-06-01T12:00:00.000Z"}})
        ));
        assert!(
            t(json!({"Bool": {"aws:SecureTransport": "True"}})) && t(json!({"Bool": {"aws:SecureTransport": true}}))
        );
        assert!(!t(json!({"Bool": {"aws:SecureTransport": "false"}})));
        assert!(t(json!({"BinaryEquals": {"b": "QmluYXJ5"}})));
        assert!(t(json!({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})));
        assert!(t(json!({"IpAddress": {"aws:SourceIp": "203.0.113.7"}})));
        assert!(t(
            json!({"NotIpAddress": {"aws:SourceIp": ["198.51.100.0/24", "10.0.0.0/8"]}})
        ));
        assert!(t(json!({"IpAddress": {"v6": "2001:db8::/32"}})) && !t(json!({"IpAddress": {"v6": "203.0.113.0/24"}})));
        assert!(!t(json!({"IpAddress": {"v6": "2001:db9::/32"}})), "outside the prefix");
        assert!(t(json!({"IpAddress": {"v6": "::/0"}})), "every IPv6 address");
        assert!(
            t(json!({"IpAddress": {"v6": "2001:db8:ffff::/32"}})),
            "only the prefix counts"
        );
        assert!(
            t(json!({"IpAddress": {"v6": "2001:db8::1/128"}})) && !t(json!({"IpAddress": {"v6": "2001:db8::2/128"}}))
        );
        assert!(t(json!({"NumericEquals": {"n": 10}})), "a number as JSON writes it");
        // Strict date comparisons are false on the same moment.
        assert!(!t(json!({"DateLessThan": {"aws:CurrentTime": "2025-06-01T12:00:00Z"}})));
        assert!(!t(
            json!({"DateGreaterThan": {"aws:CurrentTime": "2025-06-01T12:00:00Z"}})
        ));
        assert!(t(json!({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/Admin"}})));
        assert!(t(
            json!({"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::222222222222:role/Admin"}})
        ));
        assert!(t(
            json!({"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/BreakGlass"}})
        ));
        assert!(!t(
            json!({"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::*:role/Adm?n"}})
        ));
        assert!(
            !t(json!({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin"}})),
            "ARNs are case-sensitive"
        );
        // Component by component: a `*` does not reach across a colon...
        let c = ctx(&[("a", &["arn:aws:s3:a:b::bucket"]), ("short", &["arn"])]);
        let t = |b| holds(Some(&b), &c);
        assert!(!t(json!({"ArnLike": {"a": "arn:aws:s3:*::bucket"}})));
        assert!(t(json!({"ArnLike": {"a": "arn:aws:s3:*:b::bucket"}})));
        // ...and a value that is no six-part ARN is matched whole.
        assert!(!t(json!({"ArnLike": {"short": "arn:*:*:*:*:*"}})));
        assert!(t(json!({"ArnLike": {"short": "ar?"}})));
    }

    #[test]
    fn null_and_set_operators() {
        let c = ctx(&[("aws:TagKeys", &["Owner", "Team"]), ("aws:RequestTag/Owner", &["me"])]);
        let t = |b| holds(Some(&b), &c);
        assert!(t(
            json!({"Null": {"aws:RequestTag/Owner": "false", "aws:RequestTag/Cost": "true"}})
        ));
        assert!(!t(json!({"Null": {"aws:RequestTag/Owner": "true"}})));
        for set in ["ForAnyValue:Null", "ForAllValues:Null"] {
            assert!(t(json!({set: {"aws:RequestTag/Cost": "true"}})), "{set}");
            assert!(!t(json!({set: {"aws:RequestTag/Owner": "true"}})), "{set}");
        }
        assert!(t(
            json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["Owner", "Team", "Cost"]}})
        ));
        assert!(!t(json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["Owner"]}})));
        assert!(
            t(json!({"ForAllValues:StringEquals": {"aws:Absent": ["Owner"]}})),
            "empty set: vacuously true"
        );
        assert!(t(json!({"ForAnyValue:StringEquals": {"aws:TagKeys": ["Team"]}})));
        assert!(!t(json!({"ForAnyValue:StringEquals": {"aws:TagKeys": ["Cost"]}})));
        assert!(!t(json!({"ForAnyValue:StringEquals": {"aws:Absent": ["Cost"]}})));
        assert!(t(json!({"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["Owner"]}})));
        assert!(!t(json!({"ForAllValues:StringNotEquals": {"aws:TagKeys": ["Owner"]}})));
        assert!(t(
            json!({"ForAllValues:StringLikeIfExists": {"aws:TagKeys": ["O*", "T*"]}})
        ));
        // A plain operator on a multivalued key: any value / no value.
        assert!(t(json!({"StringEquals": {"aws:TagKeys": "Team"}})));
        assert!(!t(json!({"StringNotEquals": {"aws:TagKeys": "Team"}})));
        assert!(holds(None, &c));
        assert!(!holds(Some(&json!("not an object")), &c));
    }

    #[test]
    fn policy_variables_in_condition_values() {
        let c = ctx(&[
            ("aws:PrincipalAccount", &["222222222222"]),
            ("aws:ResourceAccount", &["222222222222"]),
        ]);
        assert!(holds(
            Some(&json!({"StringEquals": {"aws:ResourceAccount": "${aws:PrincipalAccount}"}})),
            &c
        ));
        assert_eq!(parse_date("2025-01-01"), Some(1_735_689_600_000));
        assert_eq!(parse_date("not a date"), None);
    }
}
