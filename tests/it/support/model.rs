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
