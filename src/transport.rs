//! The in-process HTTP layer: a smithy `HttpClient` and `HttpConnector` that
//! answer the SDK's requests from the world, without a socket.
//!
//! For each request it finds the caller (from the SigV4 credential), the
//! operation (from `X-Amz-Target`) and the body, runs it through the protocol
//! layer, records the call and builds the awsJson1.1 HTTP response.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;

use crate::error::ApiError;
use crate::harness::{RecordedCall, Shared};
use crate::protocol::{self, Reply, Request};
use crate::world::ids::is_account_id;

/// The mock's HTTP client: hand it to any SDK config.
#[derive(Clone)]
pub(crate) struct MockTransport {
    pub(crate) shared: Arc<Shared>,
}

impl std::fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockTransport").finish_non_exhaustive()
    }
}

impl HttpClient for MockTransport {
    fn http_connector(&self, _: &HttpConnectorSettings, _: &RuntimeComponents) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

impl HttpConnector for MockTransport {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let response = self.respond(&request);
        HttpConnectorFuture::ready(Ok(response))
    }
}

/// The access key id in a SigV4 `Authorization` header.
pub(crate) fn access_key_id(authorization: &str) -> Option<&str> {
    let rest = &authorization[authorization.find("Credential=")? + "Credential=".len()..];
    rest.split('/').next()
}

/// The calling account: the access key id when it is twelve digits, else the default account.
pub(crate) fn caller_of(authorization: Option<&str>, default_account: &str) -> String {
    match authorization.and_then(access_key_id) {
        Some(key) if is_account_id(key) => key.to_string(),
        _ => default_account.to_string(),
    }
}

impl MockTransport {
    /// Answers one request from the world and records it.
    pub(crate) fn respond(&self, request: &HttpRequest) -> HttpResponse {
        let headers = request.headers();
        let caller = caller_of(headers.get("authorization"), &self.shared.default_account);
        let target = headers.get("x-amz-target");
        let body = request.body().bytes().unwrap_or_default();
        let reply = self.dispatch(target, &caller, body);
        http_response(&reply, self.shared.next_request_id())
    }

    /// Runs a request through the protocol layer and records it.
    pub(crate) fn dispatch(&self, target: Option<&str>, caller: &str, body: &[u8]) -> Reply {
        let json = protocol::parse_body(body);
        let (operation, reply) = match protocol::operation_name(target) {
            Err(err) => (target.unwrap_or_default().to_string(), Reply::error(&err)),
            Ok(operation) => {
                let request = Request {
                    operation,
                    caller,
                    body,
                    json: &json,
                };
                let reply = {
                    let mut world = self.shared.world();
                    catch_unwind(AssertUnwindSafe(|| protocol::handle(&mut world, &request)))
                        .unwrap_or_else(|_| {
                            Reply::error(&ApiError::new(
                                "ServiceException",
                                format!("The mock failed internally while handling {operation}; this is a bug in aws-organizations-mock, please report it."),
                            ))
                        })
                };
                (operation.to_string(), reply)
            }
        };
        self.shared.record(RecordedCall::new(
            operation,
            caller.to_string(),
            json.unwrap_or(serde_json::Value::Null),
            &reply,
        ));
        reply
    }
}

/// Frames a reply as an awsJson1.1 HTTP response.
pub(crate) fn http_response(reply: &Reply, request_id: String) -> HttpResponse {
    let status = StatusCode::try_from(reply.status).expect("the mock only uses valid statuses");
    let mut response = HttpResponse::new(status, SdkBody::from(reply.body.clone()));
    let headers = response.headers_mut();
    headers.insert("content-type", "application/x-amz-json-1.1");
    headers.insert("x-amzn-requestid", request_id);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caller_is_the_twelve_digit_access_key() {
        let auth = "AWS4-HMAC-SHA256 Credential=222222222222/20250101/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=abc";
        assert_eq!(caller_of(Some(auth), "111111111111"), "222222222222");
        let other = auth.replace("222222222222", "AKIAEXAMPLE");
        assert_eq!(caller_of(Some(&other), "111111111111"), "111111111111");
        assert_eq!(caller_of(None, "111111111111"), "111111111111");
        assert_eq!(caller_of(Some("garbage"), "111111111111"), "111111111111");
    }
}
