//! Server mode: the same world over HTTP/1.1, for the AWS CLI, boto3,
//! Terraform and any other SDK (feature `server`).
//!
//! Only `POST /` runs an operation ([`route`]); any other path gets 404 and
//! any other method 405, with a JSON body, and nothing changes. `POST /`
//! goes through exactly the path
//! an in-process client's request takes: the caller from the SigV4
//! credential ([`crate::sts::principal`]), the operation from `X-Amz-Target`
//! (or STS's form-encoded `Action=`),
//! [`MockTransport::dispatch`] (records the call, runs the protocol layer) and
//! the transport's awsJson1.1 framing ([`transport::http_response`]).
//!
//! Control endpoints:
//! - `POST /_mock/reset`: a fresh empty world built from the same settings;
//!   the recorded calls are forgotten too.
//! - `GET /_mock/calls?since=SEQ&limit=N`: the recorded calls as a JSON
//!   array, each with its sequence number `seq`; the headers
//!   `x-mock-next-since` (the `since` of the next page) and
//!   `x-mock-dropped-calls` go with it. Encoded off the lock and off the
//!   runtime's workers.
//! - `GET /_mock/snapshot` / `POST /_mock/snapshot`: the world as JSON, and
//!   loading one back.
//! - `POST /_mock/fixture`: builds the `OrgFixture` JSON in the body.
//! - `POST /_mock/guardrails`: what the SCPs and RCPs say about the request
//!   in the body (`MockOrganizations::guardrails`), as JSON.
//! - `POST /_mock/rules`, `GET /_mock/rules`, `DELETE /_mock/rules/{id}`,
//!   `DELETE /_mock/rules`: fault-injection rules as JSON, on the engine of
//!   `MockOrganizations::on` (`src/server/control/rules.rs`).
//! - `GET /_mock/verify`: `200` when every rule is met, `409` with each
//!   unmet one and why.
//! - `GET /_mock/clock`, `POST /_mock/clock` (`{"advance_seconds": N}`):
//!   the mock's time, and moving it forward.
//!
//! A request from a web browser (with `Origin` or `Sec-Fetch-Site`) or under
//! a `Host` that is not the server's own, an operation as much as a control
//! request, gets 403 and changes nothing (an operation's refusal is an
//! awsJson `AccessDeniedException` naming `--allow-host`); connections
//! are capped and time out (see [`ServerOptions`]).

mod control;
pub(crate) mod limits;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use aws_smithy_types::body::SdkBody;
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::{TcpListener, ToSocketAddrs};
use tokio::sync::{oneshot, Semaphore};
use tokio::task::JoinHandle;

use crate::calls::recording::RecordedCall;
use crate::harness::MockOrganizations;
use crate::server::limits::{refuse_foreign, Activity, Deadlines, ServerOptions};
use crate::transport::{self, MockTransport};
use crate::wire::codec::Reply;
use crate::wire::error::ApiError;

/// The largest request body the server reads; Organizations' largest inputs
/// (policy documents) are far smaller.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// How long a shutdown waits for requests in flight before dropping them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A running server; see [`MockOrganizations::serve`].
///
/// The server stops when the handle is dropped, or, waiting until it has
/// stopped, on [`shutdown`](Self::shutdown).
#[derive(Debug)]
pub struct ServerHandle {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl ServerHandle {
    /// The address the server listens on (with the port the OS chose for port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The endpoint URL to hand to a client, e.g. `http://127.0.0.1:4566`
    /// (`--endpoint-url` of the AWS CLI, `endpoint_url=` of boto3).
    pub fn endpoint_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting connections, lets requests in flight finish (for a
    /// few seconds at most) and returns once the server has stopped.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl MockOrganizations {
    /// Serves this mock's world over HTTP on `addr` (feature `server`), for
    /// tools that are not Rust: the AWS CLI, boto3, Terraform, any SDK.
    ///
    /// Pass a loopback address such as `"127.0.0.1:0"` (port 0 lets the OS
    /// choose a free port; [`ServerHandle::endpoint_url`] tells which). The
    /// server shares the world with this handle and its clients, so a test can
    /// arrange the world in Rust, run a tool against the endpoint and check
    /// the outcome with [`calls`](Self::calls). Callers are told apart as in
    /// process: an access key id of exactly 12 digits calls as that account,
    /// any other key as the default account.
    ///
    /// Must be called inside a Tokio runtime; the server runs as a task of it.
    /// So a test must not block that runtime while a tool talks to the server:
    /// run the tool with `tokio::process`, not a blocking `std::process` wait.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let mock = aws_organizations_mock::MockOrganizations::new();
    /// let server = mock.serve("127.0.0.1:0").await.unwrap();
    /// assert!(server.endpoint_url().starts_with("http://127.0.0.1:"));
    /// server.shutdown().await;
    /// # }
    /// ```
    ///
    /// # Errors
    /// When the address cannot be bound (in use, not local, ...).
    pub async fn serve(&self, addr: impl ToSocketAddrs) -> std::io::Result<ServerHandle> {
        self.serve_with(addr, ServerOptions::default()).await
    }

    /// [`serve`](Self::serve) with other timeouts, connection cap or host
    /// names (see [`ServerOptions`]).
    ///
    /// # Errors
    /// When the address cannot be bound (in use, not local, ...).
    pub async fn serve_with(&self, addr: impl ToSocketAddrs, options: ServerOptions) -> std::io::Result<ServerHandle> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel();
        let state = State {
            mock: self.clone(),
            transport: MockTransport {
                shared: self.shared.clone(),
            },
            options: Arc::new(options),
            bound: addr.ip(),
        };
        let task = tokio::spawn(accept_loop(listener, state, stopped));
        Ok(ServerHandle {
            addr,
            stop: Some(stop),
            task: Some(task),
        })
    }
}

/// What every connection of one server shares.
#[derive(Clone)]
struct State {
    mock: MockOrganizations,
    transport: MockTransport,
    options: Arc<ServerOptions>,
    /// The address the server is bound to: one of its own names.
    bound: std::net::IpAddr,
}

async fn accept_loop(listener: TcpListener, state: State, mut stopped: oneshot::Receiver<()>) {
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(state.options.max_connections));
    loop {
        // A free slot first: past the cap, clients wait in the listen queue
        // and take no file descriptor of ours.
        let slot = tokio::select! {
            _ = &mut stopped => break,
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
        };
        let accepted = tokio::select! {
            _ = &mut stopped => break,
            accepted = listener.accept() => accepted,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors and the like: back off instead of spinning.
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let activity = Activity::new();
        let io = TokioIo::new(Deadlines::new(stream, activity.clone(), &state.options));
        let state = state.clone();
        let service = service_fn(move |request| {
            let state = state.clone();
            let busy = activity.busy();
            async move {
                let response = answer(&state, request).await;
                drop(busy);
                Ok::<_, Infallible>(response)
            }
        });
        let connection = graceful.watch(http1::Builder::new().serve_connection(io, service));
        tokio::spawn(async move {
            // A client that hangs up mid-request, or times out, is not the server's problem.
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await;
}

/// Where a request goes: the one place that decides it.
#[derive(Debug, PartialEq, Eq)]
enum Route<'a> {
    /// `/_mock/<endpoint>`.
    Control(&'a str),
    /// `POST /`: an API call (the protocol layer answers a missing or
    /// foreign `X-Amz-Target`).
    Api,
    /// `/` with another method: 405.
    MethodNotAllowed,
    /// Any other path: 404.
    NotFound,
}

fn route<'a>(method: &Method, path: &'a str) -> Route<'a> {
    if let Some(endpoint) = path.strip_prefix("/_mock/") {
        return Route::Control(endpoint);
    }
    match (path, method) {
        ("/", &Method::POST) => Route::Api,
        ("/", _) => Route::MethodNotAllowed,
        _ => Route::NotFound,
    }
}

/// Answers one HTTP request: a control endpoint or an API call.
async fn answer(state: &State, request: Request<Incoming>) -> Response<SdkBody> {
    let (parts, body) = request.into_parts();
    let control = match route(&parts.method, parts.uri.path()) {
        Route::Api => {
            // A web page must not reach the operations either: a form POST
            // needs no CORS preflight (STS's awsQuery is one), and DNS
            // rebinding makes the page same-origin.
            if let Some(refusal) = refuse_foreign(&parts.headers, &state.options.hosts, state.bound) {
                return api_error(state, StatusCode::FORBIDDEN.as_u16(), &ApiError::access_denied(refusal));
            }
            None
        }
        Route::Control(endpoint) => {
            if let Some(refusal) = refuse_foreign(&parts.headers, &state.options.hosts, state.bound) {
                return json_response(StatusCode::FORBIDDEN, serde_json::json!({ "message": refusal }));
            }
            Some(endpoint.to_string())
        }
        Route::MethodNotAllowed => {
            let mut response = json_response(
                StatusCode::METHOD_NOT_ALLOWED,
                serde_json::json!({ "message": format!("{} / is not an API call: operations are POST / with an X-Amz-Target header (or, for STS, a form body). Control endpoints: {CONTROL_ENDPOINTS}.", parts.method) }),
            );
            response
                .headers_mut()
                .insert(hyper::header::ALLOW, hyper::header::HeaderValue::from_static("POST"));
            return response;
        }
        Route::NotFound => {
            return json_response(
                StatusCode::NOT_FOUND,
                serde_json::json!({ "message": format!("Nothing at {}: operations are POST / with an X-Amz-Target header (or, for STS, a form body). Control endpoints: {CONTROL_ENDPOINTS}.", parts.uri.path()) }),
            )
        }
    };
    let read = tokio::time::timeout(
        state.options.header_read_timeout,
        Limited::new(body, MAX_BODY_BYTES).collect(),
    );
    let body = match read.await {
        Err(_) => {
            return json_response(
                StatusCode::REQUEST_TIMEOUT,
                serde_json::json!({ "message": "The request body was not received in time (see --header-read-timeout)." }),
            )
        }
        Ok(Ok(body)) => body.to_bytes(),
        Ok(Err(err)) => {
            let err = ApiError::new(
                "SerializationException",
                format!("The request body could not be read ({err}); bodies are limited to {MAX_BODY_BYTES} bytes."),
            );
            return api_error(state, err.http_status(), &err);
        }
    };
    if let Some(control) = control {
        if (&parts.method, control.as_str()) == (&Method::GET, "calls") {
            return calls(&state.mock, parts.uri.query()).await;
        }
        return control_endpoint(&state.mock, &parts.method, &control, &body);
    }
    // The same path as in process: caller rule, fault rules, recording, world.
    let request = match aws_smithy_runtime_api::http::Request::try_from(Request::from_parts(parts, SdkBody::from(body)))
    {
        Ok(request) => request,
        Err(err) => return plain(StatusCode::BAD_REQUEST, &format!("unreadable request: {err}")),
    };
    let (answer, delay) = state.transport.respond(&request);
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    match answer {
        Ok(response) => into_http1(response),
        // An injected timeout or io failure: the nearest an HTTP server can
        // come is a gateway timeout with no body.
        Err(failure) => plain(StatusCode::GATEWAY_TIMEOUT, &failure.to_string()),
    }
}

/// An error answered before the transport runs, in the awsJson1.1 envelope
/// every operation's errors use, with `status`.
fn api_error(state: &State, status: u16, err: &ApiError) -> Response<SdkBody> {
    let reply = Reply::error(err);
    into_http1(transport::http_response(
        status,
        reply.body,
        state.transport.shared.next_request_id(),
    ))
}

fn into_http1(response: aws_smithy_runtime_api::client::orchestrator::HttpResponse) -> Response<SdkBody> {
    response
        .try_into_http1x()
        .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "the mock built an invalid response"))
}

fn plain(status: StatusCode, message: &str) -> Response<SdkBody> {
    let mut response = Response::new(SdkBody::from(serde_json::json!({ "message": message }).to_string()));
    *response.status_mut() = status;
    response
}

/// What `/_mock/` offers, for the 404 and 405 answers.
const CONTROL_ENDPOINTS: &str = "POST /_mock/reset, GET /_mock/calls?since=SEQ&limit=N, GET /_mock/snapshot, POST /_mock/snapshot (body: a snapshot), POST /_mock/fixture (body: an OrgFixture as JSON), POST /_mock/guardrails (body: {\"principal_account\", \"action\", ...}), POST /_mock/rules (body: one rule), GET /_mock/rules, DELETE /_mock/rules/{id}, DELETE /_mock/rules, GET /_mock/verify, GET /_mock/clock, POST /_mock/clock (body: {\"advance_seconds\": N})";

fn control_endpoint(mock: &MockOrganizations, method: &Method, endpoint: &str, body: &[u8]) -> Response<SdkBody> {
    let bad_request = |what: &str, err: &dyn std::fmt::Display| {
        json_response(
            StatusCode::BAD_REQUEST,
            serde_json::json!({ "message": format!("{what}: {err}") }),
        )
    };
    if let Some(response) = control::answer(&mock.shared, method, endpoint, body) {
        return response;
    }
    match (method, endpoint) {
        (&Method::POST, "reset") => {
            mock.shared.reset();
            json_response(StatusCode::OK, serde_json::json!({ "reset": true }))
        }
        (&Method::GET, "snapshot") => json_response(StatusCode::OK, mock.snapshot()),
        (&Method::POST, "snapshot") => {
            let loaded = serde_json::from_slice(body)
                .map_err(|e| e.to_string())
                .and_then(|snapshot| mock.load_snapshot(snapshot).map_err(|e| e.to_string()));
            match loaded {
                Ok(()) => json_response(StatusCode::OK, serde_json::json!({ "loaded": true })),
                Err(err) => bad_request(
                    "the body is not a snapshot from GET /_mock/snapshot; nothing changed",
                    &err,
                ),
            }
        }
        (&Method::POST, "fixture") => {
            let fixture = match std::str::from_utf8(body)
                .map_err(|e| e.to_string())
                .and_then(|text| crate::OrgFixture::from_json(text).map_err(|e| e.to_string()))
            {
                Ok(fixture) => fixture,
                Err(err) => return bad_request("the body is not a fixture (see OrgFixture); nothing changed", &err),
            };
            match mock.load_fixture(&fixture) {
                Ok(ids) => json_response(
                    StatusCode::OK,
                    serde_json::json!({
                        "organization": ids.organization(),
                        "root": ids.root(),
                        "ous": ids.ous(),
                        "accounts": ids.accounts(),
                        "policies": ids.policies(),
                    }),
                ),
                Err(err) => bad_request("the fixture could not be built; nothing changed", &err),
            }
        }
        (&Method::POST, "guardrails") => {
            let query = serde_json::from_slice(body)
                .map_err(|e| e.to_string())
                .and_then(|body| crate::harness::guardrails::wire::query(&body));
            match query {
                Ok(query) => json_response(
                    StatusCode::OK,
                    crate::harness::guardrails::wire::decision(&mock.guardrails().evaluate(&query)),
                ),
                Err(err) => bad_request("the body is not a guardrail query", &err),
            }
        }
        (_, "reset" | "calls" | "snapshot" | "fixture" | "guardrails") => json_response(
            StatusCode::METHOD_NOT_ALLOWED,
            serde_json::json!({
                "message": format!("/_mock/{endpoint} does not accept {method}; the control endpoints are {CONTROL_ENDPOINTS}.")
            }),
        ),
        _ => json_response(
            StatusCode::NOT_FOUND,
            serde_json::json!({
                "message": format!("There is no control endpoint /_mock/{endpoint}; the control endpoints are {CONTROL_ENDPOINTS}.")
            }),
        ),
    }
}

/// `GET /_mock/calls?since=SEQ&limit=N`: the lock is held only to clone
/// the calls' handles; they are encoded on a blocking thread.
async fn calls(mock: &MockOrganizations, query: Option<&str>) -> Response<SdkBody> {
    let (mut since, mut limit) = (0u64, usize::MAX);
    for pair in query.unwrap_or_default().split('&').filter(|p| !p.is_empty()) {
        let parsed = match pair.split_once('=') {
            Some(("since", v)) => v.parse().map(|v| since = v).is_ok(),
            Some(("limit", v)) => v.parse().map(|v| limit = v).is_ok(),
            _ => false,
        };
        if !parsed {
            return json_response(
                StatusCode::BAD_REQUEST,
                serde_json::json!({ "message": format!("GET /_mock/calls takes since=SEQ and limit=N (non-negative integers), not '{pair}'.") }),
            );
        }
    }
    let page = mock.call_page(since, limit);
    let (next, dropped) = (page.next_seq, page.dropped);
    let encode = move || {
        let calls: Vec<serde_json::Value> = (page.first_seq..)
            .zip(&page.calls)
            .map(|(seq, call)| call_json(seq, call))
            .collect();
        serde_json::Value::Array(calls).to_string()
    };
    let body = match tokio::task::spawn_blocking(encode).await {
        Ok(body) => body,
        Err(_) => return plain(StatusCode::INTERNAL_SERVER_ERROR, "the calls could not be encoded"),
    };
    let mut response = Response::new(SdkBody::from(body));
    let headers = response.headers_mut();
    headers.insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json"),
    );
    headers.insert("x-mock-next-since", next.into());
    headers.insert("x-mock-dropped-calls", dropped.into());
    response
}

/// One recorded call as `GET /_mock/calls` shows it.
fn call_json(seq: u64, call: &RecordedCall) -> serde_json::Value {
    serde_json::json!({
        "seq": seq,
        "operation": call.target(),
        "caller": call.caller(),
        "request": call.request(),
        "status": call.status(),
        "error_code": call.error_code(),
        "response": serde_json::from_slice::<serde_json::Value>(call.response_body()).ok(),
    })
}

fn json_response(status: StatusCode, body: serde_json::Value) -> Response<SdkBody> {
    let mut response = Response::new(SdkBody::from(body.to_string()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json"),
    );
    response
}
