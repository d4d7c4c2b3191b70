//! The recordings: every request as it reached the mock ([`MockRequest`]),
//! every call with its answer ([`RecordedCall`]), and the typed view of the
//! calls to one operation ([`TypedCall`]).

use std::marker::PhantomData;
use std::sync::{Arc, OnceLock};

use aws_sdk_organizations::Client;
use aws_smithy_runtime_api::client::result::CreateUnhandledError;

use crate::calls::operation::Operation;
use crate::calls::typed::{decode_response, SdkOperation};
use crate::wire::codec::Reply;
use crate::wire::error::ApiResult;

/// One request as it reached the mock: what rules' `when` predicates see,
/// and the request part of every [`RecordedCall`].
#[derive(Clone, Debug)]
pub struct MockRequest {
    operation: Operation,
    target: String,
    caller: String,
    body: Vec<u8>,
    json: serde_json::Value,
}

impl MockRequest {
    /// A request for `operation`, which it named `target` (its name as sent).
    pub(crate) fn new(
        operation: Operation,
        target: String,
        caller: String,
        body: Vec<u8>,
        json: serde_json::Value,
    ) -> Self {
        MockRequest {
            operation,
            target,
            caller,
            body,
            json,
        }
    }

    /// The operation, e.g. [`Operation::CreateAccount`]; [`Operation::Unknown`]
    /// when the request named an operation the mock does not know
    /// ([`target`](Self::target) has its name as sent).
    pub fn operation(&self) -> Operation {
        self.operation
    }

    /// True when the request is a call of the operation the client's method
    /// names: `request.is(Client::create_account)`.
    pub fn is<O: SdkOperation>(&self, _operation: impl Fn(&Client) -> O) -> bool {
        self.operation == O::OPERATION
    }

    /// The operation as the request named it: `X-Amz-Target` without its
    /// service prefix (the whole header when it has no such prefix), or STS's
    /// `Action`. For a known operation it is [`operation`](Self::operation)'s
    /// name; read it for an [`Operation::Unknown`], and compare
    /// [`operation`](Self::operation) otherwise.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// The calling account's id.
    pub fn caller(&self) -> &str {
        &self.caller
    }

    /// The request body as JSON (`Null` when it was not JSON).
    pub fn request(&self) -> &serde_json::Value {
        &self.json
    }

    /// The request body as sent.
    pub fn request_body(&self) -> &[u8] {
        &self.body
    }
}

/// One call the mock received, in the order received.
#[derive(Clone, Debug)]
pub struct RecordedCall {
    inner: Arc<CallData>,
}

#[derive(Debug)]
struct CallData {
    request: MockRequest,
    status: u16,
    error_code: Option<String>,
    /// Shared with the HTTP response: never copied.
    body: bytes::Bytes,
    injected: Option<String>,
    response: OnceLock<Option<serde_json::Value>>,
}

impl RecordedCall {
    /// A call answered with `reply`; `injected` describes the fault when a
    /// rule answered it.
    pub(crate) fn new(request: MockRequest, reply: &Reply, injected: Option<String>) -> Self {
        RecordedCall {
            inner: Arc::new(CallData {
                request,
                status: reply.status,
                error_code: reply.error_code.clone(),
                body: reply.body.clone(),
                injected,
                response: OnceLock::new(),
            }),
        }
    }

    /// A call a rule answered with a transport failure: no HTTP response.
    pub(crate) fn failed_dispatch(request: MockRequest, injected: String) -> Self {
        RecordedCall {
            inner: Arc::new(CallData {
                request,
                status: 0,
                error_code: None,
                body: bytes::Bytes::new(),
                injected: Some(injected),
                response: OnceLock::new(),
            }),
        }
    }

    /// The operation, e.g. [`Operation::CreateAccount`]; [`Operation::Unknown`]
    /// when the request named an operation the mock does not know
    /// ([`target`](Self::target) has its name as sent).
    pub fn operation(&self) -> Operation {
        self.inner.request.operation()
    }

    /// True when this is a call of the operation the client's method names:
    /// `call.is(Client::create_account)`.
    pub fn is<O: SdkOperation>(&self, operation: impl Fn(&Client) -> O) -> bool {
        self.inner.request.is(operation)
    }

    /// The operation as the request named it (see [`MockRequest::target`]).
    pub fn target(&self) -> &str {
        self.inner.request.target()
    }

    /// The calling account's id.
    pub fn caller(&self) -> &str {
        self.inner.request.caller()
    }

    /// The request body as sent, as JSON (`Null` when it was not JSON).
    pub fn request(&self) -> &serde_json::Value {
        self.inner.request.request()
    }

    /// The request as rules see it.
    pub fn as_request(&self) -> &MockRequest {
        &self.inner.request
    }

    /// The HTTP status of the answer; 0 when a rule answered with a
    /// transport failure (timeout, io error) and there was no HTTP answer.
    pub fn status(&self) -> u16 {
        self.inner.status
    }

    /// The error code, e.g. `"ConstraintViolationException"`, when the call
    /// failed with a modeled error.
    pub fn error_code(&self) -> Option<&str> {
        self.inner.error_code.as_deref()
    }

    /// What a fault-injection rule answered instead of the model (e.g.
    /// `"TooManyRequestsException"`, `"HTTP 503"`, `"timeout"`), if one did.
    /// A call with an injected error did not touch the world.
    pub fn injected(&self) -> Option<&str> {
        self.inner.injected.as_deref()
    }

    /// True when the call succeeded (HTTP 2xx).
    pub fn succeeded(&self) -> bool {
        (200..300).contains(&self.inner.status)
    }

    /// The response body when the call succeeded.
    pub fn response(&self) -> Option<&serde_json::Value> {
        if !self.succeeded() {
            return None;
        }
        self.inner
            .response
            .get_or_init(|| serde_json::from_slice(&self.inner.body).ok())
            .as_ref()
    }

    /// The answer's body as the shared buffer the HTTP response was built from.
    pub(crate) fn shared_response_body(&self) -> bytes::Bytes {
        self.inner.body.clone()
    }

    /// The raw body of the answer, success or error.
    pub fn response_body(&self) -> &[u8] {
        &self.inner.body
    }

    /// How the call ended, in a few words: `"200"`, `"400 AccountNotFoundException"`,
    /// `"timeout (injected)"`.
    pub fn outcome(&self) -> String {
        let mut outcome = match (self.inner.status, &self.inner.error_code) {
            (0, _) => self.inner.injected.clone().unwrap_or_default(),
            (status, Some(code)) => format!("{status} {code}"),
            (status, None) => status.to_string(),
        };
        if self.inner.injected.is_some() {
            outcome.push_str(" (injected)");
        }
        outcome
    }

    /// One line: operation, caller, request and outcome.
    pub(crate) fn summary(&self) -> String {
        let mut request = self.request().to_string();
        if request.len() > 160 {
            let cut = (0..=157).rev().find(|&i| request.is_char_boundary(i)).unwrap_or(0);
            request.truncate(cut);
            request.push_str("...");
        }
        format!(
            "{} by {} {} -> {}",
            self.target(),
            self.caller(),
            request,
            self.outcome()
        )
    }
}

/// A call to one operation `O`, typed by the SDK's own types: from
/// [`MockOrganizations::calls_to`](crate::MockOrganizations::calls_to).
///
/// It derefs to the untyped [`RecordedCall`] (`caller()`, `status()`,
/// `injected()`, ...).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use aws_organizations_mock::aws_sdk_organizations::Client;
/// use aws_organizations_mock::mock_client;
///
/// let (client, mock) = mock_client();
/// client.create_organization().send().await.unwrap();
/// let call = &mock.calls_to(Client::create_organization)[0];
/// assert_eq!(call.caller(), "111111111111");
/// let output = call.output().unwrap();
/// assert_eq!(output.organization().unwrap().master_account_id(), Some("111111111111"));
/// # }
/// ```
#[derive(Clone)]
pub struct TypedCall<O> {
    call: RecordedCall,
    operation: PhantomData<fn() -> O>,
}

impl<O: SdkOperation> std::fmt::Debug for TypedCall<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TypedCall")
            .field("operation", &O::NAME)
            .field("call", &self.call)
            .finish()
    }
}

impl<O> std::ops::Deref for TypedCall<O> {
    type Target = RecordedCall;

    fn deref(&self) -> &RecordedCall {
        &self.call
    }
}

impl<O: SdkOperation> TypedCall<O> {
    pub(crate) fn new(call: RecordedCall) -> Self {
        TypedCall {
            call,
            operation: PhantomData,
        }
    }

    /// The request, decoded into the SDK's input type (e.g. `CreateAccountInput`).
    ///
    /// # Panics
    /// When the request body is not a valid input of `O`, which only a
    /// hand-made HTTP request can send (it was answered
    /// `SerializationException`); [`try_input`](Self::try_input) does not panic.
    pub fn input(&self) -> O::Input {
        self.try_input().unwrap_or_else(|err| {
            panic!(
                "this call's request is not a valid {} input ({err}); use try_input to handle that",
                O::NAME
            )
        })
    }

    /// The request decoded into the SDK's input type, or why it could not be.
    pub fn try_input(&self) -> ApiResult<O::Input> {
        O::decode_input(self.call.as_request().request_body())
    }

    /// The answer as the SDK decoded it, with the SDK's own response
    /// deserializer: the output, or the operation's error (e.g.
    /// `CreateAccountError::ConstraintViolationException`), injected faults
    /// included. A raw HTTP answer (`MockError::http`) and a transport failure
    /// (`MockError::timeout`, `MockError::io_error`) are the error's unhandled variant.
    pub fn output(&self) -> Result<O::Output, O::Error> {
        decode_answer::<O>(&self.call)
    }
}

/// The answer of `call` (a call of `O`) as the SDK decoded it; see
/// [`TypedCall::output`].
pub(crate) fn decode_answer<O: SdkOperation>(call: &RecordedCall) -> Result<O::Output, O::Error> {
    if call.status() == 0 {
        let what = call.injected().unwrap_or("no answer");
        return Err(O::Error::create_unhandled_error(
            format!("{what} (injected): there was no HTTP response").into(),
            None,
        ));
    }
    decode_response::<O>(call.status(), &call.shared_response_body())
}
