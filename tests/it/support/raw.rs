//! Hand-made awsJson1.1 requests to the mock's HTTP client, the way the SDK
//! would send them (or, for fuzzing, the way nothing should).

use aws_organizations_mock::MockOrganizations;
use aws_smithy_runtime_api::client::http::{HttpClient, HttpConnector, HttpConnectorSettings, SharedHttpConnector};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponentsBuilder;
use aws_smithy_types::body::SdkBody;

/// The `X-Amz-Target` prefix of the service.
pub const PREFIX: &str = "AWSOrganizationsV20161128.";

// The protocol's exceptions, which the model lists for no operation. Tests
// name them through these constants, so that a check that a response is NOT
// one of them cannot pass on a misspelling; tests that expect each one anchor
// the spelling (`foundation::bad_targets_and_bodies_get_aws_errors_not_panics`).

/// The awsJson1.1 answer to a target that names no operation.
pub const UNKNOWN_OPERATION: &str = "UnknownOperationException";
/// The awsJson1.1 answer to a body that does not decode.
pub const SERIALIZATION: &str = "SerializationException";
/// The answer when the service fails (the mock: an injected fault or a panic caught).
pub const SERVICE_EXCEPTION: &str = "ServiceException";

/// A SigV4 `Authorization` header whose access key id is `key`.
pub fn authorization(key: &str) -> String {
    format!("AWS4-HMAC-SHA256 Credential={key}/20250101/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=0")
}

/// The answer to a raw request.
#[derive(Debug)]
pub struct RawResponse {
    /// HTTP status.
    pub status: u16,
    /// The `content-type` header.
    pub content_type: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

impl RawResponse {
    /// The body as JSON; panics unless it is JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

/// The mock's HTTP connector, called with raw requests.
pub struct Raw {
    connector: SharedHttpConnector,
}

impl Raw {
    /// The connector of `mock`'s HTTP client.
    pub fn new(mock: &MockOrganizations) -> Self {
        let components = RuntimeComponentsBuilder::for_tests().build().expect("test components");
        let connector = mock
            .http_client()
            .http_connector(&HttpConnectorSettings::builder().build(), &components);
        Raw { connector }
    }

    /// Sends a request with the given target and `Authorization` headers (each
    /// left out when `None`) and body.
    pub async fn send(&self, target: Option<&str>, authorization: Option<&str>, body: Vec<u8>) -> RawResponse {
        let mut request = HttpRequest::new(SdkBody::from(body));
        let headers = request.headers_mut();
        headers.insert("content-type", "application/x-amz-json-1.1");
        if let Some(target) = target {
            headers.insert("x-amz-target", target.to_string());
        }
        if let Some(auth) = authorization {
            headers.insert("authorization", auth.to_string());
        }
        let response = self.connector.call(request).await.expect("the mock always answers");
        RawResponse {
            status: response.status().as_u16(),
            content_type: response.headers().get("content-type").map(str::to_string),
            body: response.body().bytes().unwrap_or_default().to_vec(),
        }
    }

    /// Calls `operation` as `caller` with a JSON body; panics unless
    /// `operation` is an operation of the model (a misspelt one would answer
    /// `UnknownOperationException`, which a test that tolerates errors would
    /// not notice; send a wrong target with [`send`](Raw::send)).
    pub async fn call(&self, caller: &str, operation: &str, body: &serde_json::Value) -> RawResponse {
        crate::support::model::operation(operation);
        let target = format!("{PREFIX}{operation}");
        let body = serde_json::to_vec(body).expect("json");
        self.send(Some(&target), Some(&authorization(caller)), body).await
    }
}
