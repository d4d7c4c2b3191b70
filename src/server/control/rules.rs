//! `/_mock/rules`: fault-injection rules as JSON, on the same engine as the
//! typed rules (`src/calls/wire_rule.rs`).
//!
//! - `POST /_mock/rules`: adds one rule after the others; `201` with its `id`.
//! - `GET /_mock/rules`: every rule, in the order they apply (those written
//!   in Rust too), each with how many calls it answered (`applied`).
//! - `DELETE /_mock/rules/{id}`: removes one; `DELETE /_mock/rules`: all.

use aws_smithy_types::body::SdkBody;
use hyper::{Response, StatusCode};
use serde_json::json;

use crate::calls::lock;
use crate::calls::shared::Shared;
use crate::calls::wire_rule;

use super::refused;
use crate::server::json_response;

pub(super) fn add(shared: &Shared, body: &[u8]) -> Response<SdkBody> {
    match wire_rule::parse(body) {
        Ok(rule) => {
            let id = wire_rule::register(shared, rule);
            json_response(StatusCode::CREATED, json!({ "id": id }))
        }
        Err(why) => refused(&format!("the rule was refused: {why}")),
    }
}

pub(super) fn list(shared: &Shared) -> Response<SdkBody> {
    let rules = lock(&shared.rules).clone();
    let listed: Vec<serde_json::Value> = rules
        .iter()
        .map(|rule| {
            let (id, spec) = match rule.wire.get() {
                Some((id, spec)) => (json!(id), spec.clone()),
                None => (serde_json::Value::Null, serde_json::Value::Null),
            };
            json!({
                "id": id,
                "operation": rule.name(),
                "rule": spec,
                "written": rule.written(),
                "applied": rule.applied(),
            })
        })
        .collect();
    json_response(StatusCode::OK, json!({ "rules": listed }))
}

pub(super) fn delete(shared: &Shared, id: &str) -> Response<SdkBody> {
    let Ok(id) = id.parse::<u64>() else {
        return refused(&format!(
            "'{id}' is not a rule id; DELETE /_mock/rules/{{id}} takes the id POST /_mock/rules answered"
        ));
    };
    let mut rules = lock(&shared.rules);
    match rules
        .iter()
        .position(|rule| rule.wire.get().is_some_and(|(mine, _)| *mine == id))
    {
        Some(at) => {
            rules.remove(at);
            json_response(StatusCode::OK, json!({ "deleted": id }))
        }
        None => {
            let ids: Vec<u64> = rules
                .iter()
                .filter_map(|rule| rule.wire.get().map(|(id, _)| *id))
                .collect();
            json_response(
                StatusCode::NOT_FOUND,
                json!({ "message": format!("there is no rule {id}; the rules posted are {ids:?}; nothing changed") }),
            )
        }
    }
}

pub(super) fn delete_all(shared: &Shared) -> Response<SdkBody> {
    let removed = std::mem::take(&mut *lock(&shared.rules)).len();
    json_response(StatusCode::OK, json!({ "deleted": removed }))
}
