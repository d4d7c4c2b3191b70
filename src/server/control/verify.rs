//! `GET /_mock/verify`: what `MockOrganizations::verify` checks, over the
//! wire. `200` when every rule (and expectation) is met; `409` with each
//! unmet one, why in one word (`never_matched`, `fewer_times`, `shadowed`,
//! `no_answer`; `expectation` or `problem` for the others) and the message
//! `verify` would panic with.

use aws_smithy_types::body::SdkBody;
use hyper::{Response, StatusCode};
use serde_json::json;

use crate::calls::shared::Shared;
use crate::server::json_response;

pub(super) fn verify(shared: &Shared) -> Response<SdkBody> {
    let (failures, page) = shared.failures();
    if failures.is_empty() {
        return json_response(StatusCode::OK, json!({ "met": true }));
    }
    let unmet: Vec<serde_json::Value> = failures
        .iter()
        .map(|failure| {
            let rule = failure.rule.as_ref();
            json!({
                "id": rule.and_then(|r| r.wire.get().map(|(id, _)| *id)),
                "operation": rule.map(|r| r.name()),
                "reason": failure.why,
                "message": failure.message,
            })
        })
        .collect();
    json_response(
        StatusCode::CONFLICT,
        json!({ "met": false, "unmet": unmet, "calls_received": page.calls.len() }),
    )
}
