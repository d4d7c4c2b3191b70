//! A fault-injection rule written as JSON (`POST /_mock/rules` in server
//! mode), turned into the very rule [`MockOrganizations::on`](crate::MockOrganizations::on),
//! [`on_any`](crate::MockOrganizations::on_any) and
//! [`on_sts`](crate::MockOrganizations::on_sts) build: the same
//! [`MockRuleBuilder`], the same refusals (an error the operation's model
//! does not list, a reason AWS never sends), the same verification.
//!
//! [`parse`] checks everything and changes nothing; [`register`] adds the
//! checked rule after the rules already written.

use std::panic::Location;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};

use crate::calls::chance::Chance;
use crate::calls::faults::{Count, MockRuleBuilder};
use crate::calls::lock;
use crate::calls::mock_error::{organizations_errors, reasons_of, MockError};
use crate::calls::operation::Operation;
use crate::calls::recording::MockRequest;
use crate::calls::shared::Shared;
use crate::calls::typed::{reencode_output, AnyOperation};
use crate::sts::action::StsAction;
use crate::wire::error::ApiError;
use crate::wire::suggest::closest;
use crate::wire::validation::{Kind, Shape};

/// The members of a rule.
const FIELDS: &[&str] = &[
    "operation",
    "from_account",
    "when",
    "fail_with",
    "respond_with",
    "delay_ms",
    "times",
    "after",
    "probability",
];

/// The longest delay a rule may hold a call back: one hour.
const MAX_DELAY_MS: u64 = 3_600_000;

/// A rule read from JSON and checked, not yet added.
pub(crate) struct WireRule {
    operation: Operation,
    errors: &'static [&'static str],
    from_account: Option<String>,
    when: Option<Value>,
    answer: Option<Answer>,
    delay: Option<Duration>,
    count: Count,
    after: u32,
    probability: Option<f64>,
    /// The JSON as posted, for `GET /_mock/rules`.
    spec: Value,
}

enum Answer {
    Fail(MockError),
    /// An output, encoded as the model's answers are.
    Respond(Vec<u8>),
}

/// Reads and checks a rule; `Err` says what to fix.
pub(crate) fn parse(body: &[u8]) -> Result<WireRule, String> {
    let spec: Value = serde_json::from_slice(body).map_err(|e| {
        format!("the body is not JSON ({e}); send one rule as a JSON object, e.g. {{\"operation\": \"CreateAccount\", \"fail_with\": {{\"error\": \"TooManyRequestsException\"}}}}")
    })?;
    let Value::Object(fields) = &spec else {
        return Err(
            "the body must be one rule as a JSON object, e.g. {\"operation\": \"ListAccounts\", \"delay_ms\": 500}"
                .into(),
        );
    };
    no_unknown_fields("a rule", fields, FIELDS)?;
    let name = match fields.get("operation") {
        Some(Value::String(name)) => name.as_str(),
        Some(other) => return Err(format!("operation must be a string (an API name such as \"CreateAccount\"), not {}", kind_of(other))),
        None => return Err("operation is required: the API name of an Organizations or STS operation, e.g. \"CreateAccount\" or \"AssumeRole\"".into()),
    };
    let operation = operation_named(name)?;
    let errors = match operation {
        Operation::Sts(action) => action.errors(),
        other => organizations_errors(other.as_str()).unwrap_or_default(),
    };
    let from_account = match fields.get("from_account") {
        None => None,
        Some(Value::String(id)) if id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit()) => Some(id.clone()),
        Some(other) => {
            return Err(format!(
                "from_account must be an account id of exactly 12 digits as a string, not {other}"
            ))
        }
    };
    let when = match fields.get("when") {
        None => None,
        Some(when @ Value::Object(_)) => {
            check_when(operation, when)?;
            Some(when.clone())
        }
        Some(other) => {
            return Err(format!(
                "when must be a JSON object of the input members to match (e.g. {{\"AccountName\": \"full\"}}), not {}",
                kind_of(other)
            ))
        }
    };
    let answer = match (fields.get("fail_with"), fields.get("respond_with")) {
        (Some(_), Some(_)) => {
            return Err("a rule has at most one outcome: give fail_with or respond_with, not both".into())
        }
        (Some(fail), None) => Some(Answer::Fail(fault(operation, errors, fail)?)),
        (None, Some(output)) => Some(Answer::Respond(output_of(operation, output)?)),
        (None, None) => None,
    };
    let delay = match fields.get("delay_ms") {
        None => None,
        Some(v) => match v.as_u64().filter(|ms| *ms <= MAX_DELAY_MS) {
            Some(ms) => Some(Duration::from_millis(ms)),
            None => {
                return Err(format!(
                    "delay_ms must be a whole number of milliseconds from 0 to {MAX_DELAY_MS}, not {v}"
                ))
            }
        },
    };
    if answer.is_none() && delay.is_none() {
        return Err(
            "the rule has no outcome: give fail_with ({\"error\": CODE, \"reason\": REASON, \"message\": TEXT}, \
             {\"http_status\": N, \"body\": TEXT} or {\"timeout\": true}), respond_with (the operation's output), \
             or delay_ms alone to delay the model's answer"
                .into(),
        );
    }
    let count = match fields.get("times") {
        None => Count::Exactly(1),
        Some(Value::String(s)) if s == "always" => Count::Always,
        Some(Value::String(s)) if s == "any_number_of_times" => Count::AnyNumber,
        Some(v) => match v.as_u64() {
            Some(0) => {
                return Err(
                    "times 0: a rule that answers no call cannot act; give a count of 1 or more, or \"always\"".into(),
                )
            }
            Some(n) => Count::Exactly(u32::try_from(n).map_err(|_| format!("times {n} is too large"))?),
            None => {
                return Err(format!(
                    "times must be a count of 1 or more, \"always\" or \"any_number_of_times\", not {v}"
                ))
            }
        },
    };
    let after = match fields.get("after") {
        None => 0,
        Some(v) => v
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| format!("after must be a whole number of calls to let through first, not {v}"))?,
    };
    let probability = match fields.get("probability") {
        None => None,
        Some(v) => match v.as_f64() {
            Some(p) if (0.0..=1.0).contains(&p) => Some(p),
            _ => return Err(format!("probability must be a number from 0 to 1, not {v}")),
        },
    };
    Ok(WireRule {
        operation,
        errors,
        from_account,
        when,
        answer,
        delay,
        count,
        after,
        probability,
        spec: spec.clone(),
    })
}

/// Adds `rule` after the rules already written, as `mock.on(..)` would,
/// and returns its id. Its probability draws from the mock's seed.
pub(crate) fn register(shared: &Shared, rule: WireRule) -> u64 {
    let seed = shared.world().settings().seed;
    let id = shared.next_wire_rule_id();
    let since = lock(&shared.calls).next_seq();
    let (mut builder, handle) =
        MockRuleBuilder::<AnyOperation>::new(Some(rule.operation), Some(rule.errors), Location::caller(), since);
    let _ = handle.wire.set((id, rule.spec));
    if let Some(account) = &rule.from_account {
        builder = builder.from_account(account);
    }
    // `after(0)` is the builder's default: every matching call counts.
    builder = builder.after(rule.after);
    let mut built = match rule.answer {
        // Checked by `parse` with the same refusal, so it cannot panic.
        Some(Answer::Fail(fault)) => builder.fail_with(fault),
        Some(Answer::Respond(body)) => builder.respond_with_body(body),
        None => builder.delay(rule.delay.unwrap_or_default()),
    };
    if let Some(delay) = rule.delay {
        built = built.delay(delay);
    }
    built = match rule.count {
        Count::Exactly(n) => built.times(n),
        Count::Always => built.always(),
        Count::AnyNumber => built.any_number_of_times(),
    };
    if let Some(when) = rule.when {
        built = built.when_matching(Arc::new(move |request: &MockRequest| {
            Ok(contains(request.request(), &when))
        }));
    }
    if let Some(p) = rule.probability {
        // The rule is shared: the handle's edit is the rule's.
        drop(built.with_chance(Chance::new(p, seed ^ id.wrapping_mul(0x9E37_79B9_7F4A_7C15))));
    }
    lock(&shared.rules).push(handle);
    id
}

/// The operation AWS names `name`, or what to write instead.
fn operation_named(name: &str) -> Result<Operation, String> {
    let operation = match Operation::organizations(name) {
        Operation::Unknown => Operation::sts(name),
        known => known,
    };
    if operation != Operation::Unknown {
        return Ok(operation);
    }
    let known = Operation::ORGANIZATIONS
        .iter()
        .map(|op| op.as_str())
        .chain(StsAction::ALL.iter().map(|a| a.as_str()));
    let nearest = closest(name, known);
    Err(format!(
        "'{name}' is not an operation of AWS Organizations or STS that the mock answers; did you mean {}? \
         (operations are named as in the API reference, e.g. CreateAccount, ListAccounts, AssumeRole)",
        nearest.first().copied().unwrap_or("CreateAccount")
    ))
}

fn no_unknown_fields(what: &str, fields: &Map<String, Value>, known: &[&str]) -> Result<(), String> {
    for key in fields.keys() {
        if !known.contains(&key.as_str()) {
            return Err(format!(
                "unknown field '{key}' in {what}; did you mean {}? The fields are {}",
                closest(key, known.iter().copied()).first().copied().unwrap_or_default(),
                known.join(", ")
            ));
        }
    }
    Ok(())
}

/// The fault `fail_with` describes, refused as `fail_with` refuses it in Rust.
fn fault(operation: Operation, errors: &[&str], fail: &Value) -> Result<MockError, String> {
    let Value::Object(fields) = fail else {
        return Err(format!(
            "fail_with must be an object: {{\"error\": CODE, \"reason\": REASON, \"message\": TEXT}}, \
             {{\"http_status\": N, \"body\": TEXT}} or {{\"timeout\": true}}; not {}",
            kind_of(fail)
        ));
    };
    let string = |name: &str| -> Result<Option<&str>, String> {
        match fields.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(other) => Err(format!("fail_with.{name} must be a string, not {}", kind_of(other))),
        }
    };
    if fields.contains_key("error") {
        no_unknown_fields("fail_with (an error)", fields, &["error", "reason", "message"])?;
        let code = string("error")?.unwrap_or_default();
        let reason = string("reason")?;
        let message = string("message")?
            .map(str::to_string)
            .unwrap_or_else(|| format!("{code}, injected by a rule of aws-organizations-mock."));
        let mut err = ApiError::new(code, message);
        match (reasons_of(code), reason) {
            (None, Some(reason)) => {
                return Err(format!("{code} has no reason; remove \"reason\": \"{reason}\""));
            }
            (Some(valid), None) => {
                return Err(format!(
                    "{code} needs a reason, as AWS always sends one: one of {}",
                    valid.join(", ")
                ));
            }
            (Some(valid), Some(reason)) if !valid.contains(&reason) => {
                return Err(format!(
                    "'{reason}' is not a reason of {code}; did you mean {}? Its reasons are {}",
                    closest(reason, valid.iter().copied())
                        .first()
                        .copied()
                        .unwrap_or_default(),
                    valid.join(", ")
                ));
            }
            (Some(_), Some(reason)) => err = err.with_member("Reason", reason),
            (None, None) => {}
        }
        let fault = MockError::api(err);
        if let Some(why) = fault.refusal(operation.as_str(), errors) {
            return Err(why.replace(
                "use MockError::http(status, body)",
                "use fail_with {\"http_status\": N, \"body\": TEXT}",
            ));
        }
        return Ok(fault);
    }
    if fields.contains_key("http_status") {
        no_unknown_fields("fail_with (an HTTP answer)", fields, &["http_status", "body"])?;
        let status = fields
            .get("http_status")
            .and_then(Value::as_u64)
            .filter(|s| (100..=599).contains(s))
            .and_then(|s| u16::try_from(s).ok())
            .ok_or_else(|| {
                format!(
                    "fail_with.http_status must be an HTTP status from 100 to 599, e.g. 503, not {}",
                    fields["http_status"]
                )
            })?;
        return Ok(MockError::http(status, string("body")?.unwrap_or_default()));
    }
    if fields.contains_key("timeout") {
        no_unknown_fields("fail_with (a timeout)", fields, &["timeout"])?;
        if fields["timeout"] != Value::Bool(true) {
            return Err(format!("fail_with.timeout must be true, not {}", fields["timeout"]));
        }
        return Ok(MockError::timeout());
    }
    Err(format!(
        "fail_with needs one of \"error\" (with \"reason\" and \"message\"), \"http_status\" (with \"body\") or \"timeout\"; it has {}",
        if fields.is_empty() { "none".to_string() } else { fields.keys().cloned().collect::<Vec<_>>().join(", ") }
    ))
}

/// `output` as `operation` answers it: read by the SDK's own deserializer
/// for the operation's output and encoded again; a member the shape does not
/// have, or a value of the wrong type, is refused.
fn output_of(operation: Operation, output: &Value) -> Result<Vec<u8>, String> {
    if !output.is_object() {
        return Err(format!(
            "respond_with must be {operation}'s output as a JSON object, not {}",
            kind_of(output)
        ));
    }
    let Some(encoded) = reencode_output(operation, output.to_string().as_bytes()) else {
        return Err(format!(
            "respond_with is for Organizations operations; {operation} is an STS action, so give it fail_with or delay_ms"
        ));
    };
    let body = encoded.map_err(|e| format!("respond_with does not fit {operation}'s output shape: {e}"))?;
    let back: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    if let Some(path) = first_dropped(output, &back, "") {
        return Err(format!(
            "respond_with does not fit {operation}'s output shape: it has no member {path} (members are named as in the \
             API reference, e.g. CreateAccountStatus.State)"
        ));
    }
    Ok(body)
}

/// The first member of `given` (not `null`) that `kept` lacks, as a path.
fn first_dropped(given: &Value, kept: &Value, path: &str) -> Option<String> {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match (given, kept) {
        (Value::Object(given), Value::Object(kept)) => given.iter().find_map(|(key, value)| match kept.get(key) {
            _ if value.is_null() => None,
            Some(k) => first_dropped(value, k, &join(key)),
            None => Some(join(key)),
        }),
        (Value::Array(given), Value::Array(kept)) => given
            .iter()
            .zip(kept)
            .enumerate()
            .find_map(|(i, (g, k))| first_dropped(g, k, &format!("{path}[{i}]"))),
        _ => None,
    }
}

/// `when`'s members, checked against `operation`'s input shape: each must
/// be a member, of the member's type (and an enum's value).
fn check_when(operation: Operation, when: &Value) -> Result<(), String> {
    if let Operation::Sts(_) = operation {
        // STS's form parameters are strings; any value matches its text.
        return match when {
            Value::Object(map) => map.iter().try_for_each(|(k, v)| match v {
                Value::String(_) | Value::Number(_) | Value::Bool(_) => Ok(()),
                other => Err(format!(
                    "when.{k} must be a string, number or boolean for {operation}, not {}",
                    kind_of(other)
                )),
            }),
            _ => Ok(()),
        };
    }
    let input = crate::operations::find(operation.as_str()).and_then(|row| row.input);
    match input {
        Some(shape) => fits(when, shape, "when"),
        None if when.as_object().is_some_and(Map::is_empty) => Ok(()),
        None => Err(format!("{operation} takes no input, so when must be empty")),
    }
}

fn fits(value: &Value, shape: &Shape, path: &str) -> Result<(), String> {
    let wrong = |expected: &str| {
        Err(format!(
            "{path} must be {expected} ({}), not {}",
            shape.name,
            kind_of(value)
        ))
    };
    match (&shape.kind, value) {
        (Kind::Structure(members), Value::Object(map)) => {
            map.iter()
                .try_for_each(|(key, v)| match members.iter().find(|m| m.name == key) {
                    Some(member) => fits(v, member.shape, &format!("{path}.{key}")),
                    None => Err(format!(
                        "{path} has no member '{key}' in the input shape {}; its members are {}",
                        shape.name,
                        members.iter().map(|m| m.name).collect::<Vec<_>>().join(", ")
                    )),
                })
        }
        (Kind::Structure(_), _) => wrong("an object"),
        (Kind::List { member, .. }, Value::Array(items)) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, item)| fits(item, member, &format!("{path}[{i}]"))),
        (Kind::List { .. }, _) => wrong("an array"),
        (Kind::Map { value: of, .. }, Value::Object(map)) => map
            .iter()
            .try_for_each(|(key, v)| fits(v, of, &format!("{path}.{key}"))),
        (Kind::Map { .. }, _) => wrong("an object"),
        (Kind::String { values, .. }, Value::String(s)) => {
            if values.is_empty() || values.contains(&s.as_str()) {
                Ok(())
            } else {
                Err(format!(
                    "{path}: '{s}' is not a value of {}; its values are {}",
                    shape.name,
                    values.join(", ")
                ))
            }
        }
        (Kind::String { .. } | Kind::Blob, _) => wrong("a string"),
        (Kind::Integer { .. }, Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(()),
        (Kind::Integer { .. }, _) => wrong("a whole number"),
        (Kind::Number | Kind::Timestamp, Value::Number(_)) => Ok(()),
        (Kind::Number | Kind::Timestamp, _) => wrong("a number"),
        (Kind::Boolean, Value::Bool(_)) => Ok(()),
        (Kind::Boolean, _) => wrong("a boolean"),
    }
}

/// Whether `actual` (a request's input as JSON) contains `expected`
/// member by member: objects by their members, anything else equal (a
/// number or boolean also equals its text, as STS's form sends it).
pub(crate) fn contains(actual: &Value, expected: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e.iter().all(|(k, ev)| a.get(k).is_some_and(|av| contains(av, ev))),
        (Value::Number(_) | Value::Bool(_), Value::String(a)) => a.as_str() == expected.to_string().as_str(),
        _ => expected == actual,
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn containment_is_member_by_member() {
        let input = json!({"AccountName": "a", "Email": "a@example.com", "Tags": [{"Key": "k", "Value": "v"}]});
        assert!(contains(&input, &json!({})));
        assert!(contains(&input, &json!({"AccountName": "a"})));
        assert!(!contains(&input, &json!({"AccountName": "b"})));
        assert!(!contains(&input, &json!({"RoleName": "a"})));
        assert!(contains(&input, &json!({"Tags": [{"Key": "k", "Value": "v"}]})));
        assert!(!contains(&input, &json!({"Tags": []})));
        assert!(contains(
            &json!({"DurationSeconds": "900"}),
            &json!({"DurationSeconds": 900})
        ));
    }

    #[test]
    fn refusals_say_what_to_fix() {
        let refused = |body: Value| parse(body.to_string().as_bytes()).err().unwrap();
        assert!(refused(json!({"operation": "CreateAcount", "delay_ms": 1})).contains("did you mean CreateAccount?"));
        assert!(refused(json!({"operation": "CreateAccount"})).contains("no outcome"));
        assert!(refused(json!({"operation": "CreateAccount", "delay_ms": 1, "times": 0})).contains("times 0"));
        let why = refused(
            json!({"operation": "CreateAccount", "fail_with": {"error": "ConstraintViolationException", "reason": "ACCOUNT_NUMBER_LIMIT_EXCEDED"}}),
        );
        assert!(
            why.contains("did you mean ACCOUNT_NUMBER_LIMIT_EXCEEDED?") && why.contains("OU_DEPTH_LIMIT_EXCEEDED"),
            "{why}"
        );
        let why =
            refused(json!({"operation": "DescribeOrganization", "fail_with": {"error": "DuplicateAccountException"}}));
        assert!(
            why.starts_with("DescribeOrganization cannot answer DuplicateAccountException"),
            "{why}"
        );
        let why = refused(json!({"operation": "CreateAccount", "when": {"AccountNam": "x"}, "delay_ms": 1}));
        assert!(why.contains("no member 'AccountNam'"), "{why}");
        let why =
            refused(json!({"operation": "CreateAccount", "respond_with": {"CreateAccountStatus": {"Stat": "FAILED"}}}));
        assert!(why.contains("no member CreateAccountStatus.Stat"), "{why}");
        let ok = parse(json!({"operation": "CreateAccount", "respond_with": {"CreateAccountStatus": {"State": "FAILED", "Id": "car-1"}}}).to_string().as_bytes());
        assert!(ok.is_ok());
    }
}
