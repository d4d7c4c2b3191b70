//! The in-process HTTP layer: a smithy `HttpClient` and `HttpConnector` that
//! answer the SDK's requests from the world, without a socket.
//!
//! For each request it reads, once, the caller (from the SigV4 credential),
//! its region and partition, the protocol with the operation (Organizations'
//! awsJson1.1 names it in `X-Amz-Target`; STS's awsQuery has no target and a
//! form body with `Action=`) and the body; applies injected faults; records
//! the call; hands the request to the protocol layer ([`crate::protocol::run`])
//! and frames the HTTP response in the protocol's content type.

pub(crate) mod caller;

use std::sync::Arc;

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;

use crate::calls::faults::Reaction;
use crate::calls::mock_error::{FaultKind, MockError};
use crate::calls::recording::{MockRequest, RecordedCall};
use crate::calls::shared::Shared;
use crate::protocol::{self, Protocol, Request};
use crate::wire::codec::Reply;
use crate::wire::error::ApiError;
use crate::wire::partition;

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
        let (result, delay) = self.respond(&request);
        match delay {
            None => HttpConnectorFuture::ready(result),
            Some(delay) => {
                let in_flight = self.shared.delay_started();
                HttpConnectorFuture::new(async move {
                    let _in_flight = in_flight;
                    tokio::time::sleep(delay).await;
                    result
                })
            }
        }
    }
}

/// What the transport answers: an HTTP response or a dispatch failure.
type Answer = Result<HttpResponse, ConnectorError>;

impl MockTransport {
    /// Answers one request (from a rule or from the world), records it, and
    /// says how long to hold the answer back.
    pub(crate) fn respond(&self, http: &HttpRequest) -> (Answer, Option<std::time::Duration>) {
        let body = http.body().bytes().unwrap_or_default();
        let (request, json) = read(&self.shared, http, body);
        let protocol = &request.protocol;
        let caller = request.principal.account().to_string();
        let name = protocol.name().to_string();
        let request_id = self.shared.next_request_id();
        let span = tracing::debug_span!(
            "aws_organizations_mock::call",
            operation = %name,
            caller = %caller,
            outcome = tracing::field::Empty,
        );
        let _entered = span.enter();
        let mock_request = MockRequest::new(protocol.operation(), name, caller, body.to_vec(), json);
        let action = self.shared.rule_for(&mock_request);
        let (reaction, delay) = match action {
            Some(action) => (action.reaction, action.delay),
            None => (None, None),
        };
        let (call, failure) = match reaction {
            Some(Reaction::Fault(fault)) => injected(mock_request, fault, |err| protocol.error_reply(err, &request_id)),
            Some(Reaction::Respond(body)) => {
                let reply = Reply {
                    status: 200,
                    body,
                    error_code: None,
                };
                (RecordedCall::new(mock_request, &reply, Some("response".into())), None)
            }
            None => {
                let reply = protocol::run(&self.shared, &request, mock_request.request(), &request_id);
                (RecordedCall::new(mock_request, &reply, None), None)
            }
        };
        let answer = match failure {
            Some(failure) => Err(failure),
            None => Ok(frame(
                call.status(),
                call.shared_response_body(),
                request_id,
                protocol.content_type(),
            )),
        };
        let outcome = call.outcome();
        span.record("outcome", outcome.as_str());
        tracing::debug!(outcome = %outcome, delayed = ?delay, "answered");
        self.shared.record(call);
        (answer, delay)
    }
}

/// Reads a request once: who signed it ([`caller::principal`]), the region
/// and partition of the signature, the protocol with its operation, and the
/// body as JSON (for the recording, lent to the protocol layer).
fn read<'a>(shared: &Shared, http: &'a HttpRequest, body: &[u8]) -> (Request<'a>, serde_json::Value) {
    let headers = http.headers();
    let authorization = headers.get("authorization");
    let (protocol, json) = Protocol::read(headers.get("x-amz-target"), body);
    let request = Request {
        protocol,
        principal: caller::principal(shared, authorization),
        region: authorization.and_then(partition::region_of),
        partition: partition::of_request(authorization),
    };
    (request, json)
}

/// The recorded call for a request a rule answered with `fault`, and the
/// dispatch failure to answer with when there is no HTTP response. The world
/// is not touched.
fn injected(
    request: MockRequest,
    fault: MockError,
    api_error: impl FnOnce(&ApiError) -> Reply,
) -> (RecordedCall, Option<ConnectorError>) {
    let description = fault.describe();
    let reply = match fault.kind {
        FaultKind::Api(err) => api_error(&err),
        FaultKind::Http { status, body } => Reply {
            status,
            body: body.into(),
            error_code: None,
        },
        FaultKind::Timeout => {
            let failure = ConnectorError::timeout(
                "the mock timed out on purpose (a fault-injection rule: MockError::timeout)".into(),
            );
            return (RecordedCall::failed_dispatch(request, description), Some(failure));
        }
        FaultKind::Io => {
            let failure = ConnectorError::io(
                "the mock broke the connection on purpose (a fault-injection rule: MockError::io_error)".into(),
            );
            return (RecordedCall::failed_dispatch(request, description), Some(failure));
        }
    };
    (RecordedCall::new(request, &reply, Some(description)), None)
}

/// Frames a reply as an awsJson1.1 HTTP response.
pub(crate) fn http_response(status: u16, body: bytes::Bytes, request_id: String) -> HttpResponse {
    frame(status, body, request_id, "application/x-amz-json-1.1")
}

/// Frames a reply as an HTTP response with `content_type`.
fn frame(status: u16, body: bytes::Bytes, request_id: String, content_type: &'static str) -> HttpResponse {
    // Cannot fail: every status the mock answers with is a constant between
    // 200 and 599.
    let status = StatusCode::try_from(status).expect("the mock only uses valid statuses");
    let mut response = HttpResponse::new(status, SdkBody::from(body));
    let headers = response.headers_mut();
    headers.insert("content-type", content_type);
    headers.insert("x-amzn-requestid", request_id);
    response
}
