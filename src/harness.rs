//! The public handle: [`MockOrganizations`] gives out clients and recordings.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError, Weak};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_sdk_organizations::config::retry::RetryConfig;
use aws_sdk_organizations::config::StalledStreamProtectionConfig;
use aws_sdk_organizations::config::{BehaviorVersion, Credentials, Region};
use aws_smithy_async::rt::sleep::{AsyncSleep, SharedAsyncSleep, Sleep};
use aws_smithy_runtime_api::client::http::SharedHttpClient;

use crate::protocol::Reply;
use crate::transport::MockTransport;
use crate::world::{ids::is_account_id, CreateAccountCompletion, Limits, Settings, World};

/// The state every handle, client and transport of one mock shares.
pub(crate) struct Shared {
    world: Mutex<World>,
    calls: Mutex<Vec<RecordedCall>>,
    pub(crate) default_account: String,
    request_ids: AtomicU64,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    pub(crate) fn world(&self) -> MutexGuard<'_, World> {
        lock(&self.world)
    }

    pub(crate) fn record(&self, call: RecordedCall) {
        lock(&self.calls).push(call);
    }

    pub(crate) fn next_request_id(&self) -> String {
        let n = self.request_ids.fetch_add(1, Ordering::Relaxed) + 1;
        format!("00000000-0000-4000-8000-{n:012x}")
    }
}

/// One call the mock received, in the order received.
#[derive(Clone, Debug)]
pub struct RecordedCall {
    inner: Arc<CallData>,
}

#[derive(Debug)]
struct CallData {
    operation: String,
    caller: String,
    request: serde_json::Value,
    status: u16,
    error_code: Option<String>,
    body: Vec<u8>,
    response: OnceLock<Option<serde_json::Value>>,
}

impl RecordedCall {
    pub(crate) fn new(operation: String, caller: String, request: serde_json::Value, reply: &Reply) -> Self {
        RecordedCall {
            inner: Arc::new(CallData {
                operation,
                caller,
                request,
                status: reply.status,
                error_code: reply.error_code.clone(),
                body: reply.body.clone(),
                response: OnceLock::new(),
            }),
        }
    }

    /// The operation, e.g. `"CreateAccount"` (for an unknown target, the target as sent).
    pub fn operation(&self) -> &str {
        &self.inner.operation
    }

    /// The calling account's id.
    pub fn caller(&self) -> &str {
        &self.inner.caller
    }

    /// The request body as sent (`Null` when it was not JSON).
    pub fn request(&self) -> &serde_json::Value {
        &self.inner.request
    }

    /// The HTTP status of the answer.
    pub fn status(&self) -> u16 {
        self.inner.status
    }

    /// The error code, e.g. `"ConstraintViolationException"`, when the call failed.
    pub fn error_code(&self) -> Option<&str> {
        self.inner.error_code.as_deref()
    }

    /// The response body when the call succeeded.
    pub fn response(&self) -> Option<&serde_json::Value> {
        if self.inner.error_code.is_some() {
            return None;
        }
        self.inner
            .response
            .get_or_init(|| serde_json::from_slice(&self.inner.body).ok())
            .as_ref()
    }

    /// The raw body of the answer, success or error.
    pub fn response_body(&self) -> &[u8] {
        &self.inner.body
    }
}

/// Advances the mock's clock instead of waiting: the SDK's retry back-off
/// never makes a test wait in real time.
#[derive(Debug)]
struct MockSleep {
    shared: Weak<Shared>,
}

impl AsyncSleep for MockSleep {
    fn sleep(&self, duration: Duration) -> Sleep {
        // The SDK creates sleeps eagerly (for timeouts it may never need), so
        // the clock moves only when a sleep is actually waited on.
        let shared = self.shared.clone();
        Sleep::new(async move {
            if let Some(shared) = shared.upgrade() {
                shared.world().advance(duration.as_millis() as i64);
            }
        })
    }
}

/// An in-process AWS Organizations.
///
/// Clones share one world. Hand [`client`](Self::client) (or
/// [`client_as`](Self::client_as) any account) to the code under test, then
/// look at [`calls`](Self::calls).
#[derive(Clone)]
pub struct MockOrganizations {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for MockOrganizations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockOrganizations")
            .field("default_account", &self.shared.default_account)
            .finish_non_exhaustive()
    }
}

impl Default for MockOrganizations {
    fn default() -> Self {
        Self::new()
    }
}

/// Returns a client of a fresh mock, calling as its default account, and the mock.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let (client, mock) = aws_organizations_mock::mock_client();
/// client.create_organization().send().await.unwrap();
/// assert_eq!(mock.calls()[0].operation(), "CreateOrganization");
/// # }
/// ```
pub fn mock_client() -> (aws_sdk_organizations::Client, MockOrganizations) {
    let mock = MockOrganizations::new();
    (mock.client(), mock)
}

impl MockOrganizations {
    /// An empty world: only the default account, with no organization until
    /// it calls `CreateOrganization`.
    pub fn new() -> Self {
        Self::builder().build()
    }

    /// A builder to set the default account, the ID seed, quotas and timings.
    pub fn builder() -> MockOrganizationsBuilder {
        MockOrganizationsBuilder {
            settings: Settings::default(),
        }
    }

    /// The default account's id.
    pub fn default_account_id(&self) -> &str {
        &self.shared.default_account
    }

    /// A client that calls as the default account.
    pub fn client(&self) -> aws_sdk_organizations::Client {
        self.client_as(&self.shared.default_account.clone())
    }

    /// A client that calls as `account_id`, a 12-digit account id. An account
    /// the world does not know is a standalone account outside any organization.
    ///
    /// The client signs with the account id as its access key id; that is how
    /// the mock tells callers apart.
    ///
    /// # Panics
    /// When `account_id` is not twelve digits.
    pub fn client_as(&self, account_id: &str) -> aws_sdk_organizations::Client {
        assert!(
            is_account_id(account_id),
            "client_as: '{account_id}' is not an AWS account id; pass exactly 12 digits, e.g. \"222222222222\""
        );
        aws_sdk_organizations::Client::from_conf(self.config_for(account_id))
    }

    fn config_for(&self, access_key_id: &str) -> aws_sdk_organizations::Config {
        aws_sdk_organizations::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::from_static("us-east-1"))
            .credentials_provider(Credentials::new(
                access_key_id,
                "aws-organizations-mock-secret",
                None,
                None,
                "aws-organizations-mock",
            ))
            .http_client(self.http_client())
            // SigV4's headers without the hashing: see src/signing.rs.
            .push_auth_scheme(crate::signing::UnsignedSigV4::default())
            .sleep_impl(SharedAsyncSleep::new(MockSleep {
                shared: Arc::downgrade(&self.shared),
            }))
            .retry_config(RetryConfig::standard())
            // In-memory bodies cannot stall; the check would only poll sleeps.
            .stalled_stream_protection(StalledStreamProtectionConfig::disabled())
            .build()
    }

    /// The mock's HTTP client, for SDK configs built elsewhere. Callers are
    /// told apart by their access key id: twelve digits name the account,
    /// anything else calls as the default account.
    pub fn http_client(&self) -> SharedHttpClient {
        SharedHttpClient::new(MockTransport {
            shared: self.shared.clone(),
        })
    }

    /// Every call received so far, in order, failed ones included.
    pub fn calls(&self) -> Vec<RecordedCall> {
        lock(&self.shared.calls).clone()
    }

    /// The calls to one operation, in order.
    pub fn calls_to(&self, operation: &str) -> Vec<RecordedCall> {
        lock(&self.shared.calls)
            .iter()
            .filter(|c| c.operation() == operation)
            .cloned()
            .collect()
    }

    /// Moves the mock's clock forward: closures complete, and so on.
    pub fn advance(&self, by: Duration) {
        self.shared.world().advance(by.as_millis() as i64);
    }

    /// The time now on the mock's clock.
    pub fn now(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(self.shared.world().now().max(0) as u64)
    }
}

/// Builds a [`MockOrganizations`].
///
/// ```
/// use aws_organizations_mock::MockOrganizations;
/// let mock = MockOrganizations::builder()
///     .default_account("123456789012", "root@corp.example")
///     .seed(42)
///     .build();
/// assert_eq!(mock.default_account_id(), "123456789012");
/// ```
#[derive(Clone, Debug)]
pub struct MockOrganizationsBuilder {
    settings: Settings,
}

impl MockOrganizationsBuilder {
    /// The account that `client()` calls as, and its email.
    ///
    /// # Panics
    /// When `account_id` is not twelve digits.
    pub fn default_account(mut self, account_id: &str, email: &str) -> Self {
        assert!(
            is_account_id(account_id),
            "default_account: '{account_id}' is not an AWS account id; pass exactly 12 digits"
        );
        self.settings.default_account_id = account_id.to_string();
        self.settings.default_account_email = email.to_string();
        self
    }

    /// The default account's name.
    pub fn default_account_name(mut self, name: &str) -> Self {
        self.settings.default_account_name = name.to_string();
        self
    }

    /// The seed of the ID generator: the same seed gives the same IDs.
    pub fn seed(mut self, seed: u64) -> Self {
        self.settings.seed = seed;
        self
    }

    /// Quotas (accounts, OUs, tags, close-account quota) and timings.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.settings.limits = limits;
        self
    }

    /// How `CreateAccount` requests complete.
    pub fn create_account_completion(mut self, completion: CreateAccountCompletion) -> Self {
        self.settings.create_account_completion = completion;
        self
    }

    /// Where the mock's clock starts (default 2025-01-01T00:00:00Z).
    pub fn start_time(mut self, at: SystemTime) -> Self {
        self.settings.start_time = at.duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
        self
    }

    /// The mock.
    pub fn build(self) -> MockOrganizations {
        let default_account = self.settings.default_account_id.clone();
        MockOrganizations {
            shared: Arc::new(Shared {
                world: Mutex::new(World::new(self.settings)),
                calls: Mutex::new(Vec::new()),
                default_account,
                request_ids: AtomicU64::new(0),
            }),
        }
    }
}
