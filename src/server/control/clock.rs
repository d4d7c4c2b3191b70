//! `/_mock/clock`: the mock's time (`GET`), and moving it forward (`POST`
//! with `{"advance_seconds": N}`), so that what completes by time
//! (account creation, closure, policy type changes) can be driven from
//! outside. Both answer the time now.

use std::time::Duration;

use aws_smithy_types::body::SdkBody;
use aws_smithy_types::date_time::Format;
use aws_smithy_types::DateTime;
use hyper::{Response, StatusCode};
use serde_json::{json, Value};

use crate::calls::shared::Shared;
use crate::server::json_response;

use super::refused;

/// The furthest one request moves the clock: 100 years.
const MAX_ADVANCE_SECONDS: f64 = 100.0 * 365.0 * 86_400.0;

pub(super) fn now(shared: &Shared) -> Response<SdkBody> {
    let now = DateTime::from_millis(shared.world().now());
    let text = now.fmt(Format::DateTime).unwrap_or_default();
    #[allow(clippy::cast_precision_loss)]
    let seconds = now.as_secs_f64();
    json_response(StatusCode::OK, json!({ "now": text, "epoch_seconds": seconds }))
}

pub(super) fn advance(shared: &Shared, body: &[u8]) -> Response<SdkBody> {
    let usage = "POST /_mock/clock takes {\"advance_seconds\": N}, N a number of seconds from 0 to 3153600000";
    let Ok(Value::Object(fields)) = serde_json::from_slice::<Value>(body) else {
        return refused(&format!("the body is not a JSON object; {usage}"));
    };
    if let Some(other) = fields.keys().find(|k| *k != "advance_seconds") {
        return refused(&format!("unknown field '{other}'; {usage}"));
    }
    let seconds = fields.get("advance_seconds").and_then(Value::as_f64);
    let Some(seconds) = seconds.filter(|s| (0.0..=MAX_ADVANCE_SECONDS).contains(s)) else {
        return refused(&format!(
            "advance_seconds is {}; {usage} (the clock only moves forward)",
            fields
                .get("advance_seconds")
                .map_or("missing".to_string(), Value::to_string)
        ));
    };
    let ms = i64::try_from(Duration::from_secs_f64(seconds).as_millis()).unwrap_or(i64::MAX);
    shared.world().advance(ms);
    now(shared)
}
