//! The control endpoints that reach the harness: fault rules
//! ([`rules`]), their verification ([`verify`]) and the clock ([`clock`]).
//! The others (reset, calls, snapshot, fixture, guardrails) are in the
//! server's `mod.rs`. Every answer is JSON; a refusal is `400` with a
//! `message` that says what to fix, and changes nothing.

mod clock;
mod rules;
mod verify;

use aws_smithy_types::body::SdkBody;
use hyper::{Method, Response, StatusCode};

use crate::calls::shared::Shared;

/// The answer of `/_mock/{endpoint}` when it is one of these endpoints.
pub(super) fn answer(shared: &Shared, method: &Method, endpoint: &str, body: &[u8]) -> Option<Response<SdkBody>> {
    let response = match (method, endpoint) {
        (&Method::POST, "rules") => rules::add(shared, body),
        (&Method::GET, "rules") => rules::list(shared),
        (&Method::DELETE, "rules") => rules::delete_all(shared),
        (&Method::DELETE, one) if one.starts_with("rules/") => rules::delete(shared, &one["rules/".len()..]),
        (&Method::GET, "verify") => verify::verify(shared),
        (&Method::GET, "clock") => clock::now(shared),
        (&Method::POST, "clock") => clock::advance(shared, body),
        (_, "rules" | "verify" | "clock") => not_allowed(method, endpoint),
        (_, one) if one.starts_with("rules/") => not_allowed(method, endpoint),
        _ => return None,
    };
    Some(response)
}

fn not_allowed(method: &Method, endpoint: &str) -> Response<SdkBody> {
    super::json_response(
        StatusCode::METHOD_NOT_ALLOWED,
        serde_json::json!({
            "message": format!(
                "/_mock/{endpoint} does not accept {method}; the control endpoints are {}.",
                super::CONTROL_ENDPOINTS
            )
        }),
    )
}

/// `400` with `message` and the reminder that nothing changed.
fn refused(message: &str) -> Response<SdkBody> {
    super::json_response(
        StatusCode::BAD_REQUEST,
        serde_json::json!({ "message": format!("{message}; nothing changed") }),
    )
}
