//! The public handle: [`MockOrganizations`] gives out clients, SDK configs and
//! recordings, and holds the fault-injection rules and expectations.

pub(crate) mod builder_settings;
pub(crate) mod clock;
pub(crate) mod fixture;
pub(crate) mod guardrails;
pub(crate) mod setting_names;
pub(crate) mod snapshot;
pub(crate) mod sts;

use std::panic::Location;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_organizations::config::retry::RetryConfig;
use aws_sdk_organizations::config::StalledStreamProtectionConfig;
use aws_sdk_organizations::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_organizations::Client;
use aws_smithy_async::rt::sleep::SharedAsyncSleep;
use aws_smithy_async::time::SharedTimeSource;
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_types::SdkConfig;

use crate::calls::call_log::CallPage;
use crate::calls::expect::Expectation;
use crate::calls::faults::MockRuleBuilder;
use crate::calls::lock;
use crate::calls::operation::Operation;
use crate::calls::recording::RecordedCall;
use crate::calls::recording::TypedCall;
use crate::calls::shared::Shared;
use crate::calls::typed::{AnyOperation, SdkOperation};
use crate::harness::clock::{MockClock, MockSleep};
use crate::harness::fixture::{FixtureError, FixtureIds, OrgFixture};
use crate::harness::snapshot::SnapshotError;
use crate::transport::MockTransport;
use crate::world::{ids::is_account_id, InvariantViolations, PolicyTypeTransition, Settings, World};

/// Shared by every handle of one mock: verifies when the owner (the handle
/// `new`, `build`, `mock_client` or `from_snapshot` returned) is dropped,
/// and again when the last handle goes, unless a failure was reported.
struct Verifier {
    shared: Arc<Shared>,
    /// Where the test made the mock.
    created: &'static Location<'static>,
    /// A failure was reported (or the owner went while its thread was
    /// panicking: the test failed already), so no later drop reports again.
    reported: AtomicBool,
}

impl Verifier {
    /// Panics with every failed verification, naming where the mock was made.
    fn verify_on_drop(&self) {
        if self.reported.load(Ordering::SeqCst) {
            return;
        }
        if std::thread::panicking() {
            self.reported.store(true, Ordering::SeqCst);
            return;
        }
        if let Err(message) = self.shared.check() {
            self.reported.store(true, Ordering::SeqCst);
            panic!("{message}(checked when the mock made at {} was dropped)", self.created);
        }
    }
}

impl Drop for Verifier {
    fn drop(&mut self) {
        self.verify_on_drop();
    }
}

/// Panics when `id`, passed to a method taking an account id, is not one
/// (twelve digits): the message says what to pass.
pub(crate) fn assert_account_id(id: &str) {
    assert!(
        is_account_id(id),
        "'{id}' is not an AWS account id; pass exactly 12 digits, e.g. \"222222222222\""
    );
}

/// The settings every client of the mock has, applied to an
/// `aws_sdk_organizations::Config` builder or an `SdkConfig` builder (they
/// share these method names): `us-east-1`, credentials whose access key id is
/// the account, the mock's HTTP client and sleep, standard retries.
macro_rules! mock_config {
    ($mock:expr, $account_id:expr, $builder:expr) => {{
        let account_id: &str = $account_id;
        assert_account_id(account_id);
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
/// **Verification belongs to the test that made the mock.** The handle that
/// [`new`](Self::new), [`builder().build()`](MockOrganizationsBuilder::build),
/// [`mock_client`] or [`from_snapshot`](Self::from_snapshot) returned is the
/// owner: when it is dropped, the expectations and rules are verified (as by
/// [`verify`](Self::verify)) and a failure panics there, in the test, even
/// while clones live on in a detached task or another thread. Clones share
/// the world and are `Clone + Send + Sync`, but do not hold the check back;
/// the last handle to go checks again, for expectations written on clones
/// after the owner went, unless a failure was already reported. Nothing is
/// checked while the thread is panicking (the test failed already). The
/// message names where the mock, each rule and each expectation were written.
///
/// Clients, SDK configs and HTTP clients made from the mock keep the world
/// alive but are not handles: they keep working after the last handle is
/// gone, and do not delay the check.
pub struct MockOrganizations {
    pub(crate) shared: Arc<Shared>,
    /// Shared by the handles only.
    verifier: Arc<Verifier>,
    /// Whether this handle is the owner, which verifies when dropped.
    owner: bool,
}

impl Clone for MockOrganizations {
    /// Another handle on the same world; not the owner (see [`MockOrganizations`]).
    fn clone(&self) -> Self {
        MockOrganizations {
            shared: self.shared.clone(),
            verifier: self.verifier.clone(),
            owner: false,
        }
    }
}

impl Drop for MockOrganizations {
    fn drop(&mut self) {
        if self.owner {
            self.verifier.verify_on_drop();
        }
    }
}

impl std::fmt::Debug for MockOrganizations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockOrganizations")
            .field("default_account", &self.shared.default_account)
            .finish_non_exhaustive()
    }
}

impl Default for MockOrganizations {
    #[track_caller]
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
/// assert_eq!(mock.calls()[0].operation(), aws_organizations_mock::Operation::CreateOrganization);
/// # }
/// ```
#[track_caller]
pub fn mock_client() -> (Client, MockOrganizations) {
    let mock = MockOrganizations::new();
    (mock.client(), mock)
}

impl MockOrganizations {
    /// An empty world: only the default account, with no organization until
    /// it calls `CreateOrganization`.
    #[track_caller]
    pub fn new() -> Self {
        Self::builder().build()
    }

    /// A builder to set the default account, the ID seed, quotas and timings.
    pub fn builder() -> MockOrganizationsBuilder {
        MockOrganizationsBuilder {
            settings: Settings::default(),
            max_recorded_calls: None,
        }
    }

    /// The owner of a new mock, made at `created`.
    fn from_world(world: World, max_recorded_calls: Option<usize>, created: &'static Location<'static>) -> Self {
        let shared = Arc::new(Shared::new(world, max_recorded_calls));
        MockOrganizations {
            verifier: Arc::new(Verifier {
                shared: shared.clone(),
                created,
                reported: AtomicBool::new(false),
            }),
            shared,
            owner: true,
        }
    }

    /// The default account's id.
    pub fn default_account_id(&self) -> &str {
        &self.shared.default_account
    }

    /// A client that calls as the default account.
    pub fn client(&self) -> Client {
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
    pub fn client_as(&self, account_id: &str) -> Client {
        // Built directly rather than through an `SdkConfig`: a client costs
        // about what a bare SDK client costs (see benches/README.md).
        let config = mock_config!(self, account_id, aws_sdk_organizations::Config::builder())
            // SigV4's headers without the hashing: see src/signing.rs.
            .push_auth_scheme(crate::wire::signing::UnsignedSigV4::default())
            .build();
        Client::from_conf(config)
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

    /// Every call received so far, in order, failed ones included (with
    /// [`max_recorded_calls`](MockOrganizationsBuilder::max_recorded_calls),
    /// the latest ones only).
    pub fn calls(&self) -> Vec<RecordedCall> {
        lock(&self.shared.calls).all().calls
    }

    /// How many calls were dropped, oldest first, to keep the recording
    /// within [`max_recorded_calls`](MockOrganizationsBuilder::max_recorded_calls).
    pub fn dropped_calls(&self) -> u64 {
        lock(&self.shared.calls).dropped()
    }

    /// At most `limit` recorded calls from sequence number `since` on; the
    /// lock is held only to clone the handles.
    #[cfg_attr(not(feature = "server"), allow(dead_code))]
    pub(crate) fn call_page(&self, since: u64, limit: usize) -> CallPage {
        lock(&self.shared.calls).page(since, limit)
    }

    /// The calls to one operation, named by the client's method, in order,
    /// typed by the SDK's own types (see [`TypedCall`]).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// let (client, mock) = aws_organizations_mock::mock_client();
    /// client.create_organization().send().await.unwrap();
    /// client.create_account().account_name("audit").email("audit@example.com").send().await.unwrap();
    /// let call = &mock.calls_to(Client::create_account)[0];
    /// assert_eq!(call.input().email(), Some("audit@example.com"));
    /// assert!(call.output().unwrap().create_account_status().is_some());
    /// # }
    /// ```
    pub fn calls_to<O: SdkOperation>(&self, _operation: impl Fn(&Client) -> O) -> Vec<TypedCall<O>> {
        lock(&self.shared.calls)
            .iter()
            .filter(|c| c.operation() == O::OPERATION)
            .cloned()
            .map(TypedCall::new)
            .collect()
    }

    // ---- fault injection ----

    /// A rule for the operation the client's method names, active once it
    /// has an answer (see [`MockRuleBuilder`] and [`MockRule`](crate::MockRule)).
    ///
    /// ```
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// use aws_organizations_mock::{MockError, MockOrganizations};
    /// let mock = MockOrganizations::new();
    /// mock.on(Client::create_account).fail_with(MockError::throttling()).any_number_of_times();
    /// ```
    ///
    /// An operation that does not exist does not compile:
    ///
    /// ```compile_fail
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// use aws_organizations_mock::{MockError, MockOrganizations};
    /// let mock = MockOrganizations::new();
    /// mock.on(Client::create_acount).fail_with(MockError::throttling());
    /// ```
    ///
    /// Nor does an error of another operation:
    ///
    /// ```compile_fail
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// use aws_organizations_mock::aws_sdk_organizations::operation::list_accounts::ListAccountsError;
    /// use aws_organizations_mock::aws_sdk_organizations::types::error::AccessDeniedException;
    /// use aws_organizations_mock::MockOrganizations;
    /// let mock = MockOrganizations::new();
    /// mock.on(Client::create_account)
    ///     .fail_with(ListAccountsError::AccessDeniedException(AccessDeniedException::builder().build()));
    /// ```
    ///
    /// Nor does a predicate over another operation's input:
    ///
    /// ```compile_fail
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// use aws_organizations_mock::aws_sdk_organizations::operation::list_accounts::ListAccountsInput;
    /// use aws_organizations_mock::MockOrganizations;
    /// let mock = MockOrganizations::new();
    /// mock.on(Client::create_account).when(|input: &ListAccountsInput| input.next_token().is_none());
    /// ```
    ///
    /// Nor does a count before an answer:
    ///
    /// ```compile_fail,E0599
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// let mock = aws_organizations_mock::MockOrganizations::new();
    /// mock.on(Client::create_account).times(1);
    /// ```
    ///
    /// An error the operation's model does not list panics where the rule is
    /// written (`DescribeOrganization` has no `ConstraintViolationException`):
    ///
    /// ```should_panic
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// use aws_organizations_mock::aws_sdk_organizations::types::ConstraintViolationExceptionReason;
    /// use aws_organizations_mock::{MockError, MockOrganizations};
    /// let mock = MockOrganizations::new();
    /// mock.on(Client::describe_organization).fail_with(MockError::constraint_violation(
    ///     ConstraintViolationExceptionReason::AccountNumberLimitExceeded,
    /// ));
    /// ```
    #[track_caller]
    pub fn on<O: SdkOperation>(&self, _operation: impl Fn(&Client) -> O) -> MockRuleBuilder<O> {
        let errors = crate::calls::mock_error::organizations_errors(O::OPERATION.as_str()).unwrap_or_default();
        self.add_rule(Some(O::OPERATION), Some(errors))
    }

    /// A fault-injection rule for every operation; its `when` sees the
    /// untyped [`MockRequest`](crate::MockRequest). Its error is checked per
    /// call: a call whose operation cannot answer it goes through to the
    /// model, and [`verify`](Self::verify) reports it.
    #[track_caller]
    pub fn on_any(&self) -> MockRuleBuilder<AnyOperation> {
        self.add_rule(None, None)
    }

    /// Registers a rule on `operation` (`None`: any), whose model lists
    /// `errors` (`None`: checked per call), written at the caller's line.
    #[track_caller]
    pub(crate) fn add_rule<O>(
        &self,
        operation: Option<Operation>,
        errors: Option<&'static [&'static str]>,
    ) -> MockRuleBuilder<O> {
        let since = lock(&self.shared.calls).next_seq();
        let (handle, rule) = MockRuleBuilder::new(operation, errors, Location::caller(), since);
        lock(&self.shared.rules).push(rule);
        handle
    }

    /// Removes every fault-injection rule (and so their counts from `verify`).
    pub fn reset_rules(&self) {
        lock(&self.shared.rules).clear();
    }

    // ---- expectations ----

    /// An expectation on the calls, received from now on, to the operation
    /// the client's method names (see [`Expectation`]); checked by
    /// [`verify`](Self::verify) and when the mock is dropped (see [`MockOrganizations`]).
    ///
    /// ```compile_fail
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// let mock = aws_organizations_mock::MockOrganizations::new();
    /// mock.expect(Client::create_acount).never();
    /// ```
    #[track_caller]
    pub fn expect<O: SdkOperation>(&self, _operation: impl Fn(&Client) -> O) -> Expectation<O> {
        self.add_expectation(Some(O::OPERATION))
    }

    /// An expectation on the calls to any operation received from now on.
    #[track_caller]
    pub fn expect_any(&self) -> Expectation<AnyOperation> {
        self.add_expectation(None)
    }

    #[track_caller]
    pub(crate) fn add_expectation<O>(&self, operation: Option<Operation>) -> Expectation<O> {
        let since = lock(&self.shared.calls).next_seq();
        let (handle, data) = Expectation::new(operation, since, Location::caller());
        lock(&self.shared.expectations).push(data);
        handle
    }

    /// Removes every expectation (and forgets panicked predicates).
    pub fn reset_expectations(&self) {
        lock(&self.shared.expectations).clear();
        lock(&self.shared.problems).clear();
    }

    /// Checks every expectation; that every rule has an answer, that every
    /// rule step with `times(n)` answered exactly `n` calls and every one with
    /// `always()` at least one; and that no predicate or responder panicked.
    ///
    /// # Panics
    /// When one does not hold, at the caller's line; the message lists what
    /// failed (each rule and expectation with the line that wrote it, and why
    /// a rule got no call) and every call received.
    #[track_caller]
    pub fn verify(&self) {
        if let Err(message) = self.shared.check() {
            panic!("{message}");
        }
    }

    // ---- worlds ----

    /// Builds an organization from `fixture`, managed by the default account,
    /// and returns the identifiers it got. All or nothing: on error the world
    /// is as it was.
    ///
    /// # Errors
    /// A [`FixtureError`]: the AWS error a step of the fixture got, a policy
    /// attached by a name the fixture does not define, or an impossible world.
    pub fn load_fixture(&self, fixture: &OrgFixture) -> Result<FixtureIds, FixtureError> {
        let mut world = self.shared.world();
        let mut draft = world.clone();
        let ids = fixture::build(&mut draft, fixture)?;
        if let Some(violations) = draft.violations() {
            return Err(FixtureError::ImpossibleWorld(violations));
        }
        *world = draft;
        Ok(ids)
    }

    /// The whole world as JSON, with every object's keys sorted: the same
    /// world always gives the same snapshot. Recordings, rules and
    /// expectations are not part of it.
    pub fn snapshot(&self) -> serde_json::Value {
        // Copied under the world's lock, encoded after it is released, so
        // calls from other tasks (or server connections) wait only for the copy.
        let records = crate::harness::snapshot::records(&self.shared.world());
        crate::harness::snapshot::write(records)
    }

    /// A mock whose world is `snapshot` (from [`snapshot`](Self::snapshot)):
    /// the same accounts, organizations, clock, settings and ID generator, so
    /// it answers, and creates IDs, exactly as the original would have.
    ///
    /// # Errors
    /// When `snapshot` is not a snapshot, or describes an impossible world
    /// (any invariant of [`check_invariants`](Self::check_invariants) broken:
    /// a cycle in the tree, a reference to nothing, a duplicate email, a
    /// counter or time out of range, ...); the message names the first problem.
    #[track_caller]
    pub fn from_snapshot(snapshot: serde_json::Value) -> Result<Self, SnapshotError> {
        Ok(Self::from_world(
            crate::harness::snapshot::read(snapshot)?,
            None,
            Location::caller(),
        ))
    }

    /// Replaces this mock's world with `snapshot`, in place: clients already
    /// handed out see the loaded world. Recordings, rules and expectations
    /// stay; the default account clients call as stays this mock's. On error
    /// the world is as it was.
    ///
    /// # Errors
    /// As [`from_snapshot`](Self::from_snapshot): not a snapshot, or an
    /// impossible world.
    pub fn load_snapshot(&self, snapshot: serde_json::Value) -> Result<(), SnapshotError> {
        let world = crate::harness::snapshot::read(snapshot)?;
        *self.shared.world() = world;
        Ok(())
    }

    // ---- clock ----

    /// Moves the mock's clock forward: closures complete, create-account
    /// requests of [`CreateAccountCompletion::After`](crate::CreateAccountCompletion::After)
    /// fall due, and so on.
    pub fn advance(&self, by: Duration) {
        self.shared.world().advance(crate::harness::clock::millis(by));
    }

    /// The time now on the mock's clock.
    pub fn now(&self) -> SystemTime {
        crate::harness::clock::system_time(self.shared.world().now())
    }

    // ---- robustness ----

    /// A testing aid: checks every invariant of the world (see DESIGN.md's
    /// "Guarantees") and returns each one broken. The mock keeps them by
    /// construction, so this is always `Ok` unless the mock has a bug or the
    /// world was loaded from a hand-edited snapshot.
    ///
    /// ```
    /// let mock = aws_organizations_mock::MockOrganizations::new();
    /// mock.check_invariants().unwrap();
    /// ```
    pub fn check_invariants(&self) -> Result<(), InvariantViolations> {
        self.shared.world().check_invariants()
    }

    /// Pairs `account_id` with an account in the AWS GovCloud (US) Region, as
    /// a management account must be before it calls `CreateGovCloudAccount`.
    /// Returns the GovCloud account's id (the same one when called again).
    ///
    /// # Panics
    /// Only on a bug: when the mock's identifier generator repeats itself.
    pub fn pair_govcloud_account(&self, account_id: &str) -> String {
        match self.shared.world().pair_govcloud(account_id) {
            Ok(id) => id.into(),
            Err(err) => panic!("{}", err.into_message()),
        }
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
    max_recorded_calls: Option<usize>,
}

impl MockOrganizationsBuilder {
    /// The account that `client()` calls as, and its email.
    ///
    /// # Panics
    /// When `account_id` is not twelve digits.
    pub fn default_account(mut self, account_id: &str, email: &str) -> Self {
        assert_account_id(account_id);
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

    /// Organizations created with all features start with SCPs enabled on
    /// the root and `p-FullAWSAccess` attached everywhere, so a test can
    /// attach SCPs right after `CreateOrganization`. AWS enables no policy
    /// type on a new root (FIDELITY.md, "Policy types on a new
    /// organization"), and neither does the mock unless told to here.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use aws_organizations_mock::MockOrganizations;
    /// let client = MockOrganizations::builder().scps_enabled_at_creation().build().client();
    /// client.create_organization().send().await.unwrap();
    /// let roots = client.list_roots().send().await.unwrap();
    /// let types = roots.roots()[0].policy_types();
    /// assert_eq!(types[0].r#type().unwrap().as_str(), "SERVICE_CONTROL_POLICY");
    /// # }
    /// ```
    pub fn scps_enabled_at_creation(mut self) -> Self {
        self.settings.scps_enabled_at_creation = true;
        self
    }

    /// How `EnablePolicyType` and `DisablePolicyType` complete: at once (the
    /// default) or through `PENDING_ENABLE` / `PENDING_DISABLE` for a number
    /// of `ListRoots` polls, to test code that waits.
    pub fn policy_type_transition(mut self, transition: PolicyTypeTransition) -> Self {
        self.settings.policy_type_transition = transition;
        self
    }

    /// Where the mock's clock starts (default 2025-01-01T00:00:00Z).
    pub fn start_time(mut self, at: SystemTime) -> Self {
        self.settings.start_time = at
            .duration_since(UNIX_EPOCH)
            .map(crate::harness::clock::millis)
            .unwrap_or(0);
        self
    }

    /// The most calls the mock records: past it, the oldest are dropped
    /// first, and [`dropped_calls`](MockOrganizations::dropped_calls) counts
    /// them. Expectations count only the calls still recorded.
    ///
    /// By default an in-process mock records every call (a test's calls are
    /// few, and its expectations see them all); the server binary keeps
    /// 10,000 (`--max-recorded-calls`).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let mock = aws_organizations_mock::MockOrganizations::builder().max_recorded_calls(2).build();
    /// let client = mock.client();
    /// client.create_organization().send().await.unwrap();
    /// client.describe_organization().send().await.unwrap();
    /// client.list_roots().send().await.unwrap();
    /// assert_eq!(mock.calls().len(), 2);
    /// assert_eq!(mock.calls()[0].operation(), aws_organizations_mock::Operation::DescribeOrganization);
    /// assert_eq!(mock.dropped_calls(), 1);
    /// # }
    /// ```
    pub fn max_recorded_calls(mut self, max: usize) -> Self {
        self.max_recorded_calls = Some(max);
        self
    }

    /// The mock.
    ///
    /// # Panics
    /// When the settings name a policy type or failure reason AWS does not
    /// have (see [`limits`](Self::limits)).
    #[track_caller]
    pub fn build(self) -> MockOrganizations {
        self.check_names("build");
        MockOrganizations::from_world(World::new(self.settings), self.max_recorded_calls, Location::caller())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::{AccountId, FeatureSet};

    #[test]
    fn check_invariants_reports_a_world_broken_behind_its_stores() {
        let mock = MockOrganizations::new();
        let management = AccountId::new("111111111111");
        mock.shared
            .world()
            .create_organization(&management, FeatureSet::All)
            .unwrap();
        assert!(mock.check_invariants().is_ok());
        mock.shared
            .world()
            .corrupt_account("111111111111", |a| a.parent_id = None);
        assert!(mock.check_invariants().is_err());
    }

    #[test]
    fn debug_names_the_handle_and_its_default_account() {
        let text = format!("{:?}", MockOrganizations::new());
        assert!(text.starts_with("MockOrganizations"), "{text}");
        assert!(text.contains("111111111111"), "{text}");
    }
}
