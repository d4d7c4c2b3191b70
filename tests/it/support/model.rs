//! The AWS service model vendored in `model/`, read at compile time: a
//! missing file fails the build, so no test can skip for want of it.
#![allow(dead_code)]

use serde_json::Value;

/// `model/service-2.json`: operations, shapes, constraints and errors.
pub fn service() -> Value {
    serde_json::from_str(include_str!("../../../model/service-2.json")).expect("model/service-2.json is JSON")
}

/// `model/examples-1.json`: AWS's official examples.
pub fn examples() -> Value {
    serde_json::from_str(include_str!("../../../model/examples-1.json")).expect("model/examples-1.json is JSON")
}

/// `model/paginators-1.json`: the paginated operations.
pub fn paginators() -> Value {
    serde_json::from_str(include_str!("../../../model/paginators-1.json")).expect("model/paginators-1.json is JSON")
}

/// The model, parsed once for the checks below.
fn cached() -> &'static Value {
    static SERVICE: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    SERVICE.get_or_init(service)
}

/// The values of the model's enum shape `shape`; panics unless the model has
/// such an enum.
pub fn enum_values(shape: &str) -> Vec<&'static str> {
    let values = cached()["shapes"][shape]["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("the model has no enum shape {shape}"));
    values
        .iter()
        .map(|v| v.as_str().expect("enum values are strings"))
        .collect()
}

/// Panics unless `value` is one of the values of the model's enum `shape`: a
/// name a test misspells fails here instead of reaching the mock as an
/// unknown value (which the mock refuses, as a test expecting a refusal
/// would want).
pub fn assert_enum_value(shape: &str, value: &str) {
    let values = enum_values(shape);
    assert!(
        values.contains(&value),
        "{value:?} is not a {shape} of the model (one of {values:?})"
    );
}

/// `kind` as the SDK's `PolicyType`; panics unless it is a `PolicyType` of
/// the model (the SDK may know fewer: it carries the newest as `Unknown`).
pub fn policy_type(kind: &str) -> aws_sdk_organizations::types::PolicyType {
    assert_enum_value("PolicyType", kind);
    aws_sdk_organizations::types::PolicyType::from(kind)
}

/// `kind` as the SDK's `EffectivePolicyType`; panics unless it is an
/// `EffectivePolicyType` of the model.
pub fn effective_policy_type(kind: &str) -> aws_sdk_organizations::types::EffectivePolicyType {
    assert_enum_value("EffectivePolicyType", kind);
    aws_sdk_organizations::types::EffectivePolicyType::from(kind)
}

/// Panics unless `operation` is an operation of the model: a filter on a
/// recorded call's operation name would otherwise match nothing when the name
/// is misspelt, and a test expecting no such call would pass.
pub fn operation(operation: &str) -> &str {
    assert!(
        cached()["operations"].get(operation).is_some(),
        "{operation:?} is not an operation of the model"
    );
    operation
}
