//! Input validation from the service model, before any operation logic.
//!
//! AWS checks every input against the constraints of its model; the Rust SDK
//! checks almost none of them on the client side. This module walks the
//! request's JSON body against the operation's input shape in the generated
//! table ([`model`]), which the operation's row of the operation table names
//! ([`model::input`]: resolved when the crate compiles, never looked up by
//! name per call), and answers the first violation as AWS does: an
//! `InvalidInputException` whose `Reason` names the kind of violation and
//! whose message names the field. Values of the wrong JSON type are a
//! `SerializationException`, as AWS sends for them. Every reason is the SDK's
//! enum ([`Refusal`]), made a wire error in one place. The rules the model's
//! documentation adds beyond its patterns live in [`crate::world::rules`].
//!
//! Patterns are the model's (Java regex syntax) and must match the whole
//! value; each is compiled once.

mod refusal;
mod schema;

#[rustfmt::skip]
#[allow(clippy::all)]
pub(crate) mod model;

#[cfg(test)]
mod generate;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::LazyLock;

use aws_sdk_organizations::types::InvalidInputExceptionReason as Reason;
use regex::Regex;
use serde_json::Value;

pub(crate) use refusal::Refusal;
pub(crate) use schema::{Kind, Shape};

use crate::wire::error::ApiResult;
use crate::world::rules;

/// What a check finds: nothing, or why the input is refused.
type Checked = Result<(), Refusal>;

/// Checks `body` (the parsed JSON object of a request) against `input`, the
/// operation's input shape as its row names it ([`model::input`]). An
/// operation without input takes any object.
pub(crate) fn validate(input: Option<&'static Shape>, body: &Value) -> ApiResult<()> {
    match input {
        Some(input) => Ok(check(input, body, &mut String::new())?),
        None => Ok(()),
    }
}

/// Translates a Java-style pattern of the model into the `regex` crate's
/// syntax, anchored to match the whole value as Java's `matches()` does.
/// Java's `\d`, `\w` and `\s` are ASCII-only; they become ASCII classes.
pub(crate) fn java_pattern(pattern: &str) -> String {
    const DIGIT: &str = "0-9";
    const WORD: &str = "0-9A-Za-z_";
    const SPACE: &str = r"\t\n\x0B\f\r ";
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut class_depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(e) = chars.next() else {
                    out.push('\\');
                    break;
                };
                let (set, negated) = match e {
                    'd' => (DIGIT, false),
                    'D' => (DIGIT, true),
                    'w' => (WORD, false),
                    'W' => (WORD, true),
                    's' => (SPACE, false),
                    'S' => (SPACE, true),
                    _ => {
                        out.push('\\');
                        out.push(e);
                        continue;
                    }
                };
                // Inside a class a negated set is a nested class; outside, a class.
                match (class_depth > 0, negated) {
                    (true, false) => out.push_str(set),
                    (_, true) => {
                        let _ = write!(out, "[^{set}]");
                    }
                    (false, false) => {
                        let _ = write!(out, "[{set}]");
                    }
                }
            }
            '[' => {
                class_depth += 1;
                out.push(c);
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    format!("^(?:{out})$")
}

/// Every pattern of the table, compiled once.
static PATTERNS: LazyLock<HashMap<&'static str, Regex>> = LazyLock::new(|| {
    model::SHAPES
        .iter()
        .filter_map(|shape| match shape.kind {
            Kind::String { pattern: Some(p), .. } => Some(p),
            _ => None,
        })
        .filter_map(|p| Regex::new(&java_pattern(p)).ok().map(|re| (p, re)))
        .collect()
});

fn matches(pattern: &'static str, value: &str) -> bool {
    // A pattern that does not compile (none does not; a test proves it) checks nothing.
    PATTERNS.get(pattern).is_none_or(|re| re.is_match(value))
}

fn field(path: &str) -> &str {
    if path.is_empty() {
        "the request body"
    } else {
        path
    }
}

fn type_error(path: &str, expected: &str, got: &Value) -> Refusal {
    let got = match got {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    };
    Refusal::Serialization(format!("{} must be {expected}, not {got}.", field(path)))
}

fn shown(shape: &Shape, value: &str) -> String {
    if shape.sensitive {
        "the value (not shown: it is sensitive)".to_string()
    } else {
        format!("'{value}'")
    }
}

/// The names of the shapes the reasons and rules below single out, read
/// from the generated model: a shape the model lacks, or a misspelt one,
/// does not compile (a string literal would silently match nothing).
mod named {
    use super::model;

    pub(super) const PARENT_ID: &str = model::PARENT_ID.name;
    pub(super) const CHILD_ID: &str = model::CHILD_ID.name;
    pub(super) const POLICY_TARGET_ID: &str = model::POLICY_TARGET_ID.name;
    pub(super) const TAGGABLE_RESOURCE_ID: &str = model::TAGGABLE_RESOURCE_ID.name;
    pub(super) const POLICY_ID: &str = model::POLICY_ID.name;
    pub(super) const POLICY_TYPE: &str = model::POLICY_TYPE.name;
    pub(super) const EFFECTIVE_POLICY_TYPE: &str = model::EFFECTIVE_POLICY_TYPE.name;
    pub(super) const ROLE_NAME: &str = model::ROLE_NAME.name;
    pub(super) const SERVICE_PRINCIPAL: &str = model::SERVICE_PRINCIPAL.name;
    pub(super) const TAG_KEY: &str = model::TAG_KEY.name;
    pub(super) const TAGS: &str = model::TAGS.name;
    pub(super) const HANDSHAKE_PARTY: &str = model::HANDSHAKE_PARTY.name;
}

/// The reason AWS gives when a value of `shape` does not match its pattern.
fn pattern_reason(shape: &Shape) -> Reason {
    match shape.name {
        named::PARENT_ID | named::CHILD_ID | named::POLICY_TARGET_ID | named::TAGGABLE_RESOURCE_ID => {
            Reason::InvalidPatternTargetId
        }
        named::POLICY_ID => Reason::InvalidSyntaxPolicy,
        _ => Reason::InvalidPattern,
    }
}

/// The reason AWS gives when a value of `shape` is not one of its enum values.
fn enum_reason(shape: &Shape) -> Reason {
    match shape.name {
        named::POLICY_TYPE | named::EFFECTIVE_POLICY_TYPE => Reason::InvalidEnumPolicyType,
        _ => Reason::InvalidEnum,
    }
}

/// What a bound limits.
#[derive(Clone, Copy)]
enum Measure {
    Characters,
    Elements,
    Entries,
    Value,
}

/// Checks `n` against a model's `min`/`max`, with AWS's reasons.
fn bounds(n: i64, min: Option<i64>, max: Option<i64>, path: &str, measure: Measure) -> Checked {
    let (what, unit) = match measure {
        Measure::Characters => ("string parameter", " characters long"),
        Measure::Elements => ("list", " elements"),
        Measure::Entries => ("map", " entries"),
        Measure::Value => ("numeric parameter", ""),
    };
    let value = matches!(measure, Measure::Value);
    let (reason, more, limit) = match (min.filter(|m| n < *m), max.filter(|m| n > *m)) {
        (Some(min), _) => (
            if value {
                Reason::MinValueExceeded
            } else {
                Reason::MinLengthExceeded
            },
            false,
            min,
        ),
        (_, Some(max)) => (
            if value {
                Reason::MaxValueExceeded
            } else {
                Reason::MaxLengthExceeded
            },
            true,
            max,
        ),
        _ => return Ok(()),
    };
    let (size, bound) = match (value, more) {
        (true, true) => ("larger", "at most"),
        (true, false) => ("smaller", "at least"),
        (false, true) => ("longer", "at most"),
        (false, false) => ("shorter", "at least"),
    };
    Err(Refusal::invalid(
        reason,
        format!("You provided a {what} that is {size} than allowed: {path} must be {bound} {limit}{unit} (got {n})."),
    ))
}

fn check(shape: &'static Shape, value: &Value, path: &mut String) -> Checked {
    match &shape.kind {
        Kind::Structure(members) => {
            let Value::Object(object) = value else {
                return Err(type_error(path, "an object", value));
            };
            for member in members.iter() {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(member.name);
                let result = match object.get(member.name) {
                    None | Some(Value::Null) if member.required => Err(Refusal::invalid(
                        Reason::InputRequired,
                        format!("You must include a value for all required parameters: {path} is missing."),
                    )),
                    None | Some(Value::Null) => Ok(()),
                    Some(v) => check(member.shape, v, path),
                };
                path.truncate(len);
                result?;
            }
            structure_rules(shape, object)
        }
        Kind::List { member, min, max } => {
            let Value::Array(items) = value else {
                return Err(type_error(path, "a list", value));
            };
            bounds(items.len() as i64, *min, *max, path, Measure::Elements)?;
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                let _ = write!(path, "[{i}]");
                let result = match item {
                    Value::Null => Err(Refusal::invalid(
                        Reason::InvalidListMember,
                        format!("You provided a list that contains at least one invalid value: {path} is null."),
                    )),
                    _ => check(member, item, path),
                };
                // A scalar element that breaks a constraint of the model makes
                // the list invalid; a documented rule (a system tag key) is
                // reported as itself.
                let result = match (result, &member.kind) {
                    (Err(Refusal::Invalid { reason, message }), Kind::String { .. } | Kind::Integer { .. }) => {
                        Err(Refusal::invalid(
                            Reason::InvalidListMember,
                            format!(
                                "You provided a list that contains at least one invalid value ({}): {message}",
                                reason.as_str()
                            ),
                        ))
                    }
                    (result, _) => result,
                };
                path.truncate(len);
                result?;
            }
            list_rules(shape, items)
        }
        Kind::Map {
            key,
            value: v,
            min,
            max,
        } => {
            let Value::Object(entries) = value else {
                return Err(type_error(path, "an object", value));
            };
            bounds(entries.len() as i64, *min, *max, path, Measure::Entries)?;
            for (k, item) in entries {
                let len = path.len();
                let _ = write!(path, "[{k}]");
                let result = check(key, &Value::String(k.clone()), path).and_then(|()| check(v, item, path));
                path.truncate(len);
                result?;
            }
            Ok(())
        }
        Kind::String {
            min,
            max,
            pattern,
            values,
        } => {
            let Value::String(s) = value else {
                return Err(type_error(path, "a string", value));
            };
            if !values.is_empty() && !values.contains(&s.as_str()) {
                return Err(Refusal::invalid(
                    enum_reason(shape),
                    format!(
                        "You specified an invalid value for {path}: {}. Valid values: {}.",
                        shown(shape, s),
                        values.join(", ")
                    ),
                ));
            }
            bounds(s.chars().count() as i64, *min, *max, path, Measure::Characters)?;
            if let Some(p) = pattern.filter(|p| !matches(p, s)) {
                return Err(Refusal::invalid(
                    pattern_reason(shape),
                    format!(
                        "You provided a value that does not match the required pattern: {path} is {}, which does not match {p}.",
                        shown(shape, s)
                    ),
                ));
            }
            string_rules(shape, s, path)
        }
        Kind::Integer { min, max } => {
            let Some(n) = value.as_i64() else {
                return Err(type_error(path, "a whole number", value));
            };
            bounds(n, *min, *max, path, Measure::Value)
        }
        Kind::Number | Kind::Timestamp if !value.is_number() => Err(type_error(
            path,
            if matches!(shape.kind, Kind::Timestamp) {
                "a timestamp in epoch seconds"
            } else {
                "a number"
            },
            value,
        )),
        Kind::Boolean if !value.is_boolean() => Err(type_error(path, "a boolean", value)),
        Kind::Blob if !value.is_string() => Err(type_error(path, "base64 text", value)),
        Kind::Number | Kind::Timestamp | Kind::Boolean | Kind::Blob => Ok(()),
    }
}

/// The documented rules for strings beyond their patterns.
fn string_rules(shape: &Shape, s: &str, path: &str) -> Checked {
    let err = match shape.name {
        named::ROLE_NAME => rules::role_name_problem(s).map(|why| {
            Refusal::invalid(
                Reason::InvalidRoleName,
                format!("You provided a role name that isn't valid: {path} is '{s}'; {why}."),
            )
        }),
        named::SERVICE_PRINCIPAL => rules::service_principal_problem(s).map(|why| {
            Refusal::invalid(
                Reason::UnrecognizedServicePrincipal,
                format!("You specified a service principal that isn't recognized: {path} is '{s}'; {why}."),
            )
        }),
        named::TAG_KEY => rules::system_tag_key_problem(s).map(Refusal::Rule),
        _ => None,
    };
    err.map_or(Ok(()), Err)
}

/// The documented rules for lists beyond their members' constraints.
fn list_rules(shape: &Shape, items: &[Value]) -> Checked {
    let err = match shape.name {
        named::TAGS => {
            rules::tags_problem(items.iter().filter_map(|t| t.get("Key").and_then(Value::as_str))).map(Refusal::Rule)
        }
        _ => None,
    };
    err.map_or(Ok(()), Err)
}

/// The documented rules for structures beyond their members' constraints.
fn structure_rules(shape: &Shape, object: &serde_json::Map<String, Value>) -> Checked {
    let err = match shape.name {
        // Only invitation targets are handshake parties in an input.
        named::HANDSHAKE_PARTY => rules::party_problem(
            object.get("Type").and_then(Value::as_str).unwrap_or_default(),
            object.get("Id").and_then(Value::as_str).unwrap_or_default(),
        )
        .map(Refusal::Rule),
        _ => None,
    };
    err.map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The input shape of `op`, as its row of the operation table names it.
    fn input(op: &str) -> Option<&'static Shape> {
        crate::operations::find(op).and_then(|o| o.input)
    }

    fn reason(op: &str, body: Value) -> Option<String> {
        validate(input(op), &body)
            .err()
            .map(|e| e.reason().unwrap_or(e.code()).to_string())
    }

    #[test]
    fn every_pattern_compiles() {
        for shape in model::SHAPES {
            if let Kind::String { pattern: Some(p), .. } = shape.kind {
                Regex::new(&java_pattern(p)).unwrap_or_else(|e| panic!("{}: {p}: {e}", shape.name));
            }
        }
    }

    #[test]
    fn java_classes_are_ascii_and_patterns_match_whole_values() {
        assert_eq!(java_pattern(r"^\d{12}$"), r"^(?:^[0-9]{12}$)$");
        assert_eq!(java_pattern(r"[\s\S]*"), r"^(?:[\t\n\x0B\f\r [^\t\n\x0B\f\r ]]*)$");
        let re = Regex::new(&java_pattern(r"^(\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$")).unwrap();
        assert!(re.is_match("123456789012"));
        assert!(!re.is_match("123456789012x"));
        assert!(!re.is_match("١٢٣٤٥٦٧٨٩٠١٢"), "Arabic-Indic digits are not Java's \\d");
        let role = Regex::new(&java_pattern(r"[\w+=,.@-]{1,64}")).unwrap();
        assert!(role.is_match("OrganizationAccountAccessRole"));
        assert!(!role.is_match("has space"));
    }

    #[test]
    fn javas_negated_classes_are_ascii_too_and_a_lone_bracket_is_a_literal() {
        let re = |p: &str| Regex::new(&java_pattern(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
        // Java's \w is [a-zA-Z_0-9]: 'é' is no word character, so \W matches it.
        assert!(re(r"\w").is_match("_") && !re(r"\w").is_match("é"));
        assert!(re(r"\W").is_match("é") && !re(r"\W").is_match("a"));
        assert!(re(r"[\W]").is_match("é") && !re(r"[\W]").is_match("a"));
        let role = re(r"[\w+=,.@-]{1,64}");
        assert!(!role.is_match("Rôle"), "RoleName's \\w is ASCII");
        // Java's \d is [0-9]: an Arabic-Indic digit is a non-digit.
        assert!(re(r"\D").is_match("١") && !re(r"\D").is_match("1"));
        assert!(re(r"[a\D]").is_match("١") && !re(r"[a\D]").is_match("1"));
        // `]` outside a class is a literal and closes nothing.
        assert!(re("a]").is_match("a]"));
        let after_a_class = re(r"[a-z]]\d");
        assert!(after_a_class.is_match("b]1") && !after_a_class.is_match("b]x"));
    }

    /// The validator knows every type of the model, including the ones no
    /// input of today's model has (booleans, blobs, floating-point numbers):
    /// a value of another JSON type is a `SerializationException` naming the
    /// member, a value of the type passes.
    #[test]
    fn booleans_blobs_and_numbers_take_their_json_type_only() {
        use super::schema::Member;
        static FLAG: Shape = Shape {
            name: "Flag",
            sensitive: false,
            kind: Kind::Boolean,
        };
        static BYTES: Shape = Shape {
            name: "Bytes",
            sensitive: false,
            kind: Kind::Blob,
        };
        static RATIO: Shape = Shape {
            name: "Ratio",
            sensitive: false,
            kind: Kind::Number,
        };
        static MEMBERS: [Member; 3] = [
            Member {
                name: "Flag",
                shape: &FLAG,
                required: false,
            },
            Member {
                name: "Bytes",
                shape: &BYTES,
                required: false,
            },
            Member {
                name: "Ratio",
                shape: &RATIO,
                required: false,
            },
        ];
        static INPUT: Shape = Shape {
            name: "Input",
            sensitive: false,
            kind: Kind::Structure(&MEMBERS),
        };
        let refused = |body: Value| {
            let err = validate(Some(&INPUT), &body).unwrap_err();
            assert_eq!(err.code(), "SerializationException", "{body}");
            err.message().to_string()
        };
        for flag in [true, false] {
            assert_eq!(
                validate(Some(&INPUT), &json!({"Flag": flag, "Bytes": "aGk=", "Ratio": 0.5})),
                Ok(())
            );
        }
        assert_eq!(validate(Some(&INPUT), &json!({"Ratio": 2})), Ok(()));
        assert_eq!(
            refused(json!({"Flag": "true"})),
            "Flag must be a boolean, not a string."
        );
        assert_eq!(refused(json!({"Flag": 1})), "Flag must be a boolean, not a number.");
        assert_eq!(refused(json!({"Bytes": 5})), "Bytes must be base64 text, not a number.");
        assert_eq!(
            refused(json!({"Bytes": true})),
            "Bytes must be base64 text, not a boolean."
        );
        assert_eq!(
            refused(json!({"Ratio": "0.5"})),
            "Ratio must be a number, not a string."
        );
        // Only the top of a request can be refused as a whole.
        assert_eq!(
            validate(Some(&INPUT), &json!([])).unwrap_err().message(),
            "the request body must be an object, not a list."
        );
    }

    #[test]
    fn the_reasons_follow_the_constraint() {
        assert_eq!(reason("DescribeAccount", json!({})).as_deref(), Some("INPUT_REQUIRED"));
        assert_eq!(
            reason("DescribeAccount", json!({"AccountId": "12"})).as_deref(),
            Some("INVALID_PATTERN")
        );
        assert_eq!(
            reason("DescribeAccount", json!({"AccountId": "1234567890123"})).as_deref(),
            Some("MAX_LENGTH_EXCEEDED")
        );
        assert_eq!(
            reason("ListChildren", json!({"ParentId": "x", "ChildType": "ACCOUNT"})).as_deref(),
            Some("INVALID_PATTERN_TARGET_ID")
        );
        assert_eq!(
            reason("ListChildren", json!({"ParentId": "r-abcd", "ChildType": "ROOT"})).as_deref(),
            Some("INVALID_ENUM")
        );
        assert_eq!(
            reason("ListPolicies", json!({"Filter": "SCP"})).as_deref(),
            Some("INVALID_ENUM_POLICY_TYPE")
        );
        assert_eq!(
            reason("ListAccounts", json!({"MaxResults": 0})).as_deref(),
            Some("MIN_VALUE_EXCEEDED")
        );
        assert_eq!(
            reason("ListAccounts", json!({"MaxResults": 21})).as_deref(),
            Some("MAX_VALUE_EXCEEDED")
        );
        assert_eq!(
            reason("ListAccounts", json!({"MaxResults": "5"})).as_deref(),
            Some("SerializationException")
        );
        assert_eq!(
            reason("ListCreateAccountStatus", json!({"States": ["DONE"]})).as_deref(),
            Some("INVALID_LIST_MEMBER")
        );
        assert_eq!(
            reason("CreateOrganizationalUnit", json!({"ParentId": "r-abcd", "Name": ""})).as_deref(),
            Some("MIN_LENGTH_EXCEEDED")
        );
        assert_eq!(
            reason(
                "TagResource",
                json!({"ResourceId": "r-abcd", "Tags": [{"Key": "k", "Value": "v"}, {"Key": "k", "Value": "w"}]})
            )
            .as_deref(),
            Some("DUPLICATE_TAG_KEY")
        );
        assert_eq!(
            reason("TagResource", json!({"ResourceId": "r-abcd", "Tags": [{"Key": "k"}]})).as_deref(),
            Some("INPUT_REQUIRED")
        );
        assert_eq!(
            reason("UntagResource", json!({"ResourceId": "r-abcd", "TagKeys": ["aws:x"]})).as_deref(),
            Some("INVALID_SYSTEM_TAGS_PARAMETER")
        );
        assert_eq!(
            reason("EnableAWSServiceAccess", json!({"ServicePrincipal": "ssm"})).as_deref(),
            Some("UNRECOGNIZED_SERVICE_PRINCIPAL")
        );
        assert_eq!(
            reason(
                "CreateAccount",
                json!({"Email": "a@example.com", "AccountName": "A", "RoleName": "AWSServiceRoleForX"})
            )
            .as_deref(),
            Some("INVALID_ROLE_NAME")
        );
        assert_eq!(
            reason(
                "InviteAccountToOrganization",
                json!({"Target": {"Type": "EMAIL", "Id": "not an email"}})
            )
            .as_deref(),
            Some("INVALID_EMAIL_ADDRESS_TARGET")
        );
        assert_eq!(reason("DescribeAccount", json!({"AccountId": "123456789012"})), None);
        assert_eq!(reason("DeleteOrganization", json!({"Anything": 1})), None);
    }

    #[test]
    fn messages_name_the_field_and_hide_sensitive_values() {
        let err = validate(
            input("CreateAccount"),
            &json!({"Email": "secret@example.com", "AccountName": "x\u{1}"}),
        )
        .unwrap_err();
        assert_eq!(err.reason(), Some("INVALID_PATTERN"));
        assert!(err.message().contains("AccountName"), "{}", err.message());
        assert!(!err.message().contains("x\u{1}"), "{}", err.message());
        let err = validate(
            input("TagResource"),
            &json!({"ResourceId": "r-abcd", "Tags": [{"Key": "k", "Value": "v"}, {"Key": "", "Value": "v"}]}),
        )
        .unwrap_err();
        assert!(err.message().contains("Tags[1].Key"), "{}", err.message());
    }

    #[test]
    fn the_committed_table_matches_the_model() {
        // Read at compile time: a missing model fails the build, never skips.
        let text = include_str!("../../../model/service-2.json");
        let fresh = generate::generate(text).expect("the model generates");
        let committed = include_str!("model.rs");
        assert!(
            fresh == committed,
            "src/wire/validation/model.rs is out of date with model/service-2.json: run `cargo run -p gen-model`"
        );
    }
}
