//! The public handle: [`MockOrganizations`] gives out clients, SDK configs and
//! recordings, and holds the fault-injection rules and expectations.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError, Weak};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_organizations::config::retry::RetryConfig;
use aws_sdk_organizations::config::StalledStreamProtectionConfig;
use aws_sdk_organizations::config::{BehaviorVersion, Credentials, Region};
use aws_smithy_async::rt::sleep::{AsyncSleep, SharedAsyncSleep, Sleep};
use aws_smithy_async::time::{SharedTimeSource, TimeSource};
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_types::SdkConfig;

use crate::error::{ApiError, ApiResult};
use crate::expect::{Expectation, ExpectationData};
use crate::faults::{Action, MockRule, Rule};
use crate::fixture::{self, FixtureIds, OrgFixture};
use crate::inputs::OperationInput;
use crate::protocol::Reply;
use crate::transport::MockTransport;
use crate::world::{ids::is_account_id, CreateAccountCompletion, Limits, Settings, World};

/// The state every handle, client and transport of one mock shares.
pub(crate) struct Shared {
    world: Mutex<World>,
    calls: Mutex<Vec<RecordedCall>>,
    pub(crate) default_account: String,
    request_ids: AtomicU64,
    rules: Mutex<Vec<Arc<Rule>>>,
    expectations: Mutex<Vec<Arc<ExpectationData>>>,
    /// Predicates that panicked, reported by `verify`.
    problems: Mutex<Vec<String>>,
    /// Delayed responses not yet delivered; while there are any, the SDK's
    /// sleeps wait on tokio's clock instead of completing at once.
    delays_in_flight: AtomicUsize,
    /// The settings the mock was built with, for `reset`.
    initial_settings: crate::world::Settings,
}

/// Locks a mutex, ignoring poisoning: a panic elsewhere never makes the mock unusable.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs a user's `when` predicate: a panic in it is caught and described as
/// "the `when` predicate of <whose> panicked ...: <message>", so it never
/// poisons the mock.
pub(crate) fn run_predicate<A: ?Sized>(
    predicate: &(dyn Fn(&A) -> bool + Send + Sync),
    arg: &A,
    whose: impl FnOnce() -> String,
) -> Result<bool, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| predicate(arg))).map_err(|payload| {
        format!(
            "the `when` predicate of {} panicked: {}",
            whose(),
            panic_message(payload.as_ref())
        )
    })
}

/// The message of a caught panic.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(a panic without a message)".into())
}

impl Shared {
    fn new(world: World) -> Self {
        Shared {
            default_account: world.settings().default_account_id.clone(),
            initial_settings: world.settings().clone(),
            world: Mutex::new(world),
            calls: Mutex::new(Vec::new()),
            request_ids: AtomicU64::new(0),
            rules: Mutex::new(Vec::new()),
            expectations: Mutex::new(Vec::new()),
            problems: Mutex::new(Vec::new()),
            delays_in_flight: AtomicUsize::new(0),
        }
    }

    pub(crate) fn world(&self) -> MutexGuard<'_, World> {
        lock(&self.world)
    }

    pub(crate) fn record(&self, call: RecordedCall) {
        lock(&self.calls).push(call);
    }

    /// Replaces the world with a fresh one built from the same settings, and
    /// forgets the recorded calls.
    #[cfg_attr(not(feature = "server"), allow(dead_code))]
    pub(crate) fn reset(&self) {
        *self.world() = World::new(self.initial_settings.clone());
        lock(&self.calls).clear();
    }

    pub(crate) fn next_request_id(&self) -> String {
        let n = self.request_ids.fetch_add(1, Ordering::Relaxed) + 1;
        format!("00000000-0000-4000-8000-{n:012x}")
    }

    /// The first rule that applies to `request`, in the order rules were added.
    pub(crate) fn rule_for(&self, request: &MockRequest) -> Option<Action> {
        // A snapshot of the list: predicates run without the list locked.
        let rules = lock(&self.rules).clone();
        for rule in rules {
            match rule.apply(request) {
                Ok(Some(action)) => return Some(action),
                Ok(None) => {}
                Err(problem) => lock(&self.problems).push(problem),
            }
        }
        None
    }

    /// Counts a delayed response as in flight until the guard is dropped.
    pub(crate) fn delay_started(self: &Arc<Self>) -> DelayGuard {
        self.delays_in_flight.fetch_add(1, Ordering::SeqCst);
        DelayGuard { shared: self.clone() }
    }

    /// Every unmet expectation and every panicked predicate, or `Ok`.
    fn check(&self) -> Result<(), String> {
        let calls = lock(&self.calls).clone();
        let expectations = lock(&self.expectations).clone();
        let mut failures: Vec<String> = expectations.iter().filter_map(|e| e.check(&calls).err()).collect();
        failures.extend(lock(&self.problems).iter().cloned());
        if failures.is_empty() {
            return Ok(());
        }
        let mut message = format!("aws-organizations-mock: {} verification(s) failed:\n", failures.len());
        for failure in &failures {
            message.push_str(&format!("  - {failure}\n"));
        }
        message.push_str(&format!("Calls received ({}):\n", calls.len()));
        for (i, call) in calls.iter().enumerate() {
            message.push_str(&format!("  {}. {}\n", i + 1, call.summary()));
        }
        Err(message)
    }
}

/// Marks a delayed response in flight while it lives.
pub(crate) struct DelayGuard {
    shared: Arc<Shared>,
}

impl Drop for DelayGuard {
    fn drop(&mut self) {
        self.shared.delays_in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// One request as it reached the mock: what rules' `when` predicates see,
/// and the request part of every [`RecordedCall`].
#[derive(Clone, Debug)]
pub struct MockRequest {
    operation: String,
    caller: String,
    body: Vec<u8>,
    json: serde_json::Value,
}

impl MockRequest {
    pub(crate) fn new(operation: String, caller: String, body: Vec<u8>, json: serde_json::Value) -> Self {
        MockRequest {
            operation,
            caller,
            body,
            json,
        }
    }

    /// The operation, e.g. `"CreateAccount"` (for an unknown target, the target as sent).
    pub fn operation(&self) -> &str {
        &self.operation
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

    /// The request decoded into the SDK's own input type, e.g.
    /// `call.input::<CreateAccountInput>()`. Fails when the call is of
    /// another operation or its body does not decode.
    pub fn input<T: OperationInput>(&self) -> ApiResult<T> {
        if self.operation != T::OPERATION {
            return Err(ApiError::new(
                "SerializationException",
                format!(
                    "This call is {}; its request cannot be read as the input of {}.",
                    self.operation,
                    T::OPERATION
                ),
            ));
        }
        T::decode(&self.body)
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

    /// The operation, e.g. `"CreateAccount"` (for an unknown target, the target as sent).
    pub fn operation(&self) -> &str {
        self.inner.request.operation()
    }

    /// The calling account's id.
    pub fn caller(&self) -> &str {
        self.inner.request.caller()
    }

    /// The request body as sent, as JSON (`Null` when it was not JSON).
    pub fn request(&self) -> &serde_json::Value {
        self.inner.request.request()
    }

    /// The request decoded into the SDK's own input type:
    /// `call.input::<CreateAccountInput>()`.
    pub fn input<T: OperationInput>(&self) -> ApiResult<T> {
        self.inner.request.input()
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
    fn summary(&self) -> String {
        let mut request = self.request().to_string();
        if request.len() > 160 {
            let cut = (0..=157).rev().find(|&i| request.is_char_boundary(i)).unwrap_or(0);
            request.truncate(cut);
            request.push_str("...");
        }
        format!(
            "{} by {} {} -> {}",
            self.operation(),
            self.caller(),
            request,
            self.outcome()
        )
    }
}

/// The SDK's sleeps (retry back-off, timeouts). Normally a sleep completes at
/// once and moves the mock's clock by its duration, so retries never make a
/// test wait. While a delayed response is in flight, a sleep waits on
/// `tokio::time::sleep` instead, so a timeout races the delay as it would
/// against AWS (and takes no real time under a paused tokio clock).
#[derive(Debug)]
struct MockSleep {
    shared: Weak<Shared>,
}

impl AsyncSleep for MockSleep {
    fn sleep(&self, duration: Duration) -> Sleep {
        // The SDK creates sleeps eagerly (for timeouts it may never need), so
        // the choice, and the clock, wait until the sleep is actually polled.
        Sleep::new(MockSleepFuture {
            shared: self.shared.clone(),
            duration,
            timer: None,
        })
    }
}

struct MockSleepFuture {
    shared: Weak<Shared>,
    duration: Duration,
    timer: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl Future for MockSleepFuture {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        let Some(shared) = this.shared.upgrade() else {
            return Poll::Ready(());
        };
        if this.timer.is_none() {
            if shared.delays_in_flight.load(Ordering::SeqCst) == 0 {
                shared.world().advance(this.duration.as_millis() as i64);
                return Poll::Ready(());
            }
            this.timer = Some(Box::pin(tokio::time::sleep(this.duration)));
        }
        match this.timer.as_mut().map(|t| t.as_mut().poll(cx)) {
            Some(Poll::Pending) => Poll::Pending,
            _ => {
                shared.world().advance(this.duration.as_millis() as i64);
                Poll::Ready(())
            }
        }
    }
}

/// The mock's clock as the SDK's time source.
#[derive(Debug)]
struct MockClock {
    shared: Weak<Shared>,
}

impl TimeSource for MockClock {
    fn now(&self) -> SystemTime {
        match self.shared.upgrade() {
            Some(shared) => UNIX_EPOCH + Duration::from_millis(shared.world().now().max(0) as u64),
            None => SystemTime::now(),
        }
    }
}

/// Verifies the expectations when the last [`MockOrganizations`] handle goes.
struct Verifier {
    shared: Arc<Shared>,
}

impl Drop for Verifier {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        if let Err(message) = self.shared.check() {
            panic!("{message}");
        }
    }
}

/// The settings every client of the mock has, applied to an
/// `aws_sdk_organizations::Config` builder or an `SdkConfig` builder (they
/// share these method names): `us-east-1`, credentials whose access key id is
/// the account, the mock's HTTP client and sleep, standard retries.
macro_rules! mock_config {
    ($mock:expr, $account_id:expr, $builder:expr) => {{
        let account_id: &str = $account_id;
        assert!(
            is_account_id(account_id),
            "'{account_id}' is not an AWS account id; pass exactly 12 digits, e.g. \"222222222222\""
        );
        $builder
            .behavior_version(BehaviorVersion::latest())
            .region(Region::from_static("us-east-1"))
            .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
                account_id,
                "aws-organizations-mock-secret",
                None,
                None,
                "aws-organizations-mock",
            )))
            .http_client($mock.http_client())
            .sleep_impl(SharedAsyncSleep::new(MockSleep {
                shared: Arc::downgrade(&$mock.shared),
            }))
            // The mock's clock: credentials' expirations (AssumeRole's) and
            // signing dates are on it.
            .time_source(SharedTimeSource::new(MockClock {
                shared: Arc::downgrade(&$mock.shared),
            }))
            .retry_config(RetryConfig::standard())
            // In-memory bodies cannot stall; the check would only poll sleeps.
            .stalled_stream_protection(StalledStreamProtectionConfig::disabled())
    }};
}

/// An in-process AWS Organizations.
///
/// Clones share one world. Hand [`client`](Self::client) (or
/// [`client_as`](Self::client_as) any account) to the code under test, then
/// look at [`calls`](Self::calls).
///
/// When the last clone of a `MockOrganizations` is dropped, its expectations
/// are verified (as by [`verify`](Self::verify)), unless the thread is already
/// panicking. Clients, SDK configs and HTTP clients made from the mock keep
/// the world alive but are not handles: they keep working after the last
/// handle is gone, and do not delay the check.
#[derive(Clone)]
pub struct MockOrganizations {
    pub(crate) shared: Arc<Shared>,
    /// Shared by the handles only: dropped, and so verifying, with the last.
    _verifier: Arc<Verifier>,
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

    fn from_world(world: World) -> Self {
        let shared = Arc::new(Shared::new(world));
        MockOrganizations {
            _verifier: Arc::new(Verifier { shared: shared.clone() }),
            shared,
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
        // Built directly rather than through an `SdkConfig`: a client costs
        // about what a bare SDK client costs (see benches/README.md).
        let config = mock_config!(self, account_id, aws_sdk_organizations::Config::builder())
            // SigV4's headers without the hashing: see src/signing.rs.
            .push_auth_scheme(crate::signing::UnsignedSigV4::default())
            .build();
        aws_sdk_organizations::Client::from_conf(config)
    }

    /// An `SdkConfig` that calls the mock as the default account, for code
    /// that builds its own clients (`aws_sdk_organizations::Client::new(&config)`).
    pub fn sdk_config(&self) -> SdkConfig {
        self.sdk_config_as(&self.shared.default_account.clone())
    }

    /// An `SdkConfig` that calls the mock as `account_id`: the mock's HTTP
    /// client, sleep and clock (as the time source), credentials naming the
    /// account, `us-east-1`, the standard retry policy. Clients built from it
    /// sign with the SDK's own SigV4 signer; aws-config's providers
    /// (`AssumeRoleProvider`) work with it against the mock's STS.
    ///
    /// # Panics
    /// When `account_id` is not twelve digits.
    pub fn sdk_config_as(&self, account_id: &str) -> SdkConfig {
        mock_config!(self, account_id, SdkConfig::builder()).build()
    }

    /// The mock's HTTP client, for SDK configs built elsewhere. Callers are
    /// told apart by their access key id: twelve digits name the account,
    /// anything else calls as the default account.
    ///
    /// A config built elsewhere keeps its own sleep: SDK retry back-off then
    /// waits as it would against AWS. Use [`sdk_config`](Self::sdk_config)
    /// to get the mock's instant back-off too.
    pub fn http_client(&self) -> SharedHttpClient {
        SharedHttpClient::new(MockTransport {
            shared: self.shared.clone(),
        })
    }

    // ---- recordings ----

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

    // ---- fault injection ----

    /// A fault-injection rule for `operation` (see [`MockRule`]), active at
    /// once; configure it with its methods.
    pub fn on(&self, operation: &str) -> MockRule {
        self.add_rule(Some(operation.to_string()))
    }

    /// A fault-injection rule for every operation.
    pub fn on_any(&self) -> MockRule {
        self.add_rule(None)
    }

    fn add_rule(&self, operation: Option<String>) -> MockRule {
        let (handle, rule) = MockRule::new(operation);
        lock(&self.shared.rules).push(rule);
        handle
    }

    /// Removes every fault-injection rule.
    pub fn reset_rules(&self) {
        lock(&self.shared.rules).clear();
    }

    // ---- expectations ----

    /// An expectation on the calls to `operation` received from now on (see
    /// [`Expectation`]); checked by [`verify`](Self::verify) and when the
    /// last handle is dropped.
    pub fn expect(&self, operation: &str) -> Expectation {
        self.add_expectation(Some(operation.to_string()))
    }

    /// An expectation on the calls to any operation received from now on.
    pub fn expect_any(&self) -> Expectation {
        self.add_expectation(None)
    }

    fn add_expectation(&self, operation: Option<String>) -> Expectation {
        let since = lock(&self.shared.calls).len();
        let (handle, data) = Expectation::new(operation, since);
        lock(&self.shared.expectations).push(data);
        handle
    }

    /// Removes every expectation (and forgets panicked predicates).
    pub fn reset_expectations(&self) {
        lock(&self.shared.expectations).clear();
        lock(&self.shared.problems).clear();
    }

    /// Checks every expectation, and that no rule or expectation predicate
    /// panicked.
    ///
    /// # Panics
    /// When one does not hold; the message lists what failed and every call
    /// received.
    pub fn verify(&self) {
        if let Err(message) = self.shared.check() {
            panic!("{message}");
        }
    }

    // ---- worlds ----

    /// Builds an organization from `fixture`, managed by the default account,
    /// and returns the identifiers it got. All or nothing: on error the world
    /// is as it was.
    pub fn load_fixture(&self, fixture: &OrgFixture) -> ApiResult<FixtureIds> {
        let mut world = self.shared.world();
        let mut draft = world.clone();
        let ids = fixture::build(&mut draft, fixture)?;
        *world = draft;
        Ok(ids)
    }

    /// The whole world as JSON, with every object's keys sorted: the same
    /// world always gives the same snapshot. Recordings, rules and
    /// expectations are not part of it.
    pub fn snapshot(&self) -> serde_json::Value {
        let value = serde_json::to_value(&*self.shared.world()).expect("the world always serializes to JSON");
        sort_keys(value)
    }

    /// A mock whose world is `snapshot` (from [`snapshot`](Self::snapshot)):
    /// the same accounts, organizations, clock, settings and ID generator, so
    /// it answers, and creates IDs, exactly as the original would have.
    pub fn from_snapshot(snapshot: serde_json::Value) -> serde_json::Result<Self> {
        Ok(Self::from_world(serde_json::from_value(snapshot)?))
    }

    /// Replaces this mock's world with `snapshot`, in place: clients already
    /// handed out see the loaded world. Recordings, rules and expectations
    /// stay; the default account clients call as stays this mock's. On error
    /// the world is as it was.
    pub fn load_snapshot(&self, snapshot: serde_json::Value) -> serde_json::Result<()> {
        let world: World = serde_json::from_value(snapshot)?;
        *self.shared.world() = world;
        Ok(())
    }

    // ---- clock ----

    /// Moves the mock's clock forward: closures complete, and so on.
    pub fn advance(&self, by: Duration) {
        self.shared.world().advance(by.as_millis() as i64);
    }

    /// The time now on the mock's clock.
    pub fn now(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(self.shared.world().now().max(0) as u64)
    }

    // ---- robustness ----

    /// A testing aid: checks every invariant of the world (see the README's
    /// "Guarantees") and returns each one broken. The mock keeps them by
    /// construction, so this is always `Ok` unless the mock has a bug or the
    /// world was loaded from a hand-edited snapshot.
    ///
    /// ```
    /// let mock = aws_organizations_mock::MockOrganizations::new();
    /// mock.check_invariants().unwrap();
    /// ```
    pub fn check_invariants(&self) -> Result<(), String> {
        self.shared.world().check_invariants()
    }

    /// Pairs `account_id` with an account in the AWS GovCloud (US) Region, as
    /// a management account must be before it calls `CreateGovCloudAccount`.
    /// Returns the GovCloud account's id (the same one when called again).
    pub fn pair_govcloud_account(&self, account_id: &str) -> String {
        self.shared.world().pair_govcloud(account_id)
    }
}

/// Rebuilds every object with its keys in sorted order, whatever map type
/// serde_json was built with.
fn sort_keys(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<_> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            serde_json::Value::Object(entries.into_iter().map(|(k, v)| (k, sort_keys(v))).collect())
        }
        serde_json::Value::Array(items) => serde_json::Value::Array(items.into_iter().map(sort_keys).collect()),
        other => other,
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
    pub(crate) settings: Settings,
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
        MockOrganizations::from_world(World::new(self.settings))
    }
}
