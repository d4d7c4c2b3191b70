//! # aws-organizations-mock
//!
//! An in-process, stateful model of AWS Organizations behind a real
//! [`aws_sdk_organizations::Client`]. The client's HTTP layer is the mock: it
//! receives the signed request, runs the operation named by `X-Amz-Target`
//! against the model and answers with an awsJson1.1 response. No socket is
//! ever opened.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use aws_organizations_mock::mock_client;
//!
//! let (client, mock) = mock_client();
//! client.create_organization().send().await.unwrap();
//! let root = client.list_roots().send().await.unwrap().roots()[0].id().unwrap().to_string();
//! let ou = client
//!     .create_organizational_unit()
//!     .parent_id(&root)
//!     .name("Workloads")
//!     .send()
//!     .await
//!     .unwrap();
//! assert!(ou.organizational_unit().unwrap().id().unwrap().starts_with("ou-"));
//! assert_eq!(mock.calls().len(), 3);
//! # }
//! ```
//!
//! ## What is here
//! - [`mock_client`], [`MockOrganizations`] and its [builder](MockOrganizationsBuilder):
//!   clients for any account ([`MockOrganizations::client_as`]), recorded calls
//!   ([`RecordedCall`]), the clock, snapshots, and [`sdk_config`](MockOrganizations::sdk_config)
//!   / [`http_client`](MockOrganizations::http_client) for code that builds its own client.
//! - A typed harness: operations are named by the client's own methods
//!   (`mock.on(Client::create_account)`), so a misspelt one does not compile.
//!   Rules ([`MockOrganizations::on`], [`MockRule`]) answer with [`MockError`],
//!   the operation's own modeled error or a typed output; expectations
//!   ([`MockOrganizations::expect`], [`Expectation`]), also on what the call
//!   got (`.succeeded()`, `.failed_with(|error| …)`), and
//!   [`MockOrganizations::verify`]; typed recordings
//!   ([`MockOrganizations::calls_to`], [`TypedCall`]). Untyped selectors
//!   compare typed operations ([`Operation`], [`RecordedCall::is`]), never names.
//! - Fixtures: [`OrgFixture`], [`OuFixture`], [`AccountFixture`], [`PolicyFixture`].
//! - [`supported_operations`]: all 63 operations and who may call each.
//! - With the `server` feature, `MockOrganizations::serve` answers the same world over
//!   HTTP on 127.0.0.1 for the AWS CLI, boto3 and other SDKs.
//! - [`reference`](mod@reference): the operations and who may call them, the input checks, the
//!   quotas and the error reasons.
//!
//! ## Pitfalls
//! Mistakes no harness can see for you, each with its remedy.
//!
//! **A task the test never awaits.** A call made in a spawned task may not
//! have happened when the test looks at [`MockOrganizations::calls`], and its
//! error or panic fails nothing unless something awaits the task: await
//! every `JoinHandle` and check what it returns before asserting.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! let (client, mock) = aws_organizations_mock::mock_client();
//! let c = client.clone();
//! let task = tokio::spawn(async move { c.create_organization().send().await });
//! assert_eq!(mock.calls().len(), 0); // not run yet
//! assert!(task.await.unwrap().is_ok());
//! assert_eq!(mock.calls().len(), 1);
//!
//! // A second organization fails (AlreadyInOrganizationException), and only
//! // awaiting the task shows it.
//! let c = client.clone();
//! let task = tokio::spawn(async move { c.create_organization().send().await });
//! assert!(task.await.unwrap().is_err());
//! # }
//! ```
//!
//! **A client from another mock.** Each [`MockOrganizations::new`] (or
//! [`mock_client`]) is a world of its own, and a client calls only the mock
//! that made it, so another mock records nothing and knows nothing of its
//! calls: make one mock per test, and hand out clones of it (clones share
//! one world) or clients it made.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use aws_organizations_mock::MockOrganizations;
//!
//! let mock = MockOrganizations::new();
//! let other = MockOrganizations::new();
//! other.client().create_organization().send().await.unwrap();
//! assert!(mock.calls().is_empty());
//! // This world has no organization.
//! let err = mock.client().describe_organization().send().await.unwrap_err();
//! assert!(err.into_service_error().is_aws_organizations_not_in_use_exception());
//!
//! let shared = mock.clone();
//! shared.client().create_organization().send().await.unwrap();
//! assert_eq!(mock.calls().len(), 2);
//! # }
//! ```
//!
//! **SDK retries count as calls.** The mock's clients use the SDK's standard
//! retry policy, so a throttling, 5xx or transport fault is retried (3
//! attempts in all) and every attempt is a recorded call that expectations
//! count: count the attempts, or give the code under test a client with
//! retries off (`RetryConfig::disabled()`).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use aws_organizations_mock::aws_sdk_organizations::config::retry::RetryConfig;
//! use aws_organizations_mock::aws_sdk_organizations::Client;
//! use aws_organizations_mock::{MockError, MockOrganizations};
//!
//! let mock = MockOrganizations::new();
//! mock.on(Client::list_roots).fail_with(MockError::throttling()).times(2);
//! mock.expect(Client::list_roots).times(3); // two throttled attempts and the third
//! let client = mock.client();
//! client.create_organization().send().await.unwrap();
//! client.list_roots().send().await.unwrap(); // one call of the code, three attempts
//! assert_eq!(mock.calls_to(Client::list_roots).len(), 3);
//! mock.verify();
//!
//! // Retries off: the first throttled attempt is the answer.
//! let mock = MockOrganizations::new();
//! mock.on(Client::list_roots).fail_with(MockError::throttling());
//! let client = mock.client();
//! let client = Client::from_conf(client.config().to_builder().retry_config(RetryConfig::disabled()).build());
//! client.create_organization().send().await.unwrap();
//! let err = client.list_roots().send().await.unwrap_err();
//! assert!(err.into_service_error().is_too_many_requests_exception());
//! assert_eq!(mock.calls_to(Client::list_roots).len(), 1);
//! # }
//! ```
//!
//! **A mock shared by tests through a static.** Tests run in parallel and
//! would share one world and one recording (the second `CreateOrganization`
//! fails, call counts include other tests' calls), and a static is never
//! dropped, so its expectations are never checked: build the mock inside
//! each test (it is cheap), or call [`MockOrganizations::verify`] yourself.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use std::sync::LazyLock;
//! use aws_organizations_mock::MockOrganizations;
//!
//! static SHARED: LazyLock<MockOrganizations> = LazyLock::new(MockOrganizations::new);
//!
//! async fn a_test() -> bool {
//!     SHARED.client().create_organization().send().await.is_ok()
//! }
//! assert!(a_test().await);
//! assert!(!a_test().await); // the same test, run again in the same world, fails
//!
//! async fn a_better_test() -> bool {
//!     let mock = MockOrganizations::new();
//!     mock.client().create_organization().send().await.is_ok()
//! }
//! assert!(a_better_test().await && a_better_test().await);
//! # }
//! ```
//!
//! ## Layers
//! A call flows one way: transport (finds the caller and the operation,
//! applies fault rules, records the call) → protocol (awsJson1.1 framing and
//! validation against the service model) → operations (one typed handler per
//! operation, authorization from one table) → world (the pure model).
//! DESIGN.md in the repository describes the layers, their rules and the
//! guarantees the tests hold the mock to.
#![deny(missing_docs)]
#![warn(unreachable_pub)]

mod calls;
mod harness;
#[cfg(test)]
mod layering;
mod operations;
mod protocol;
#[cfg(feature = "server")]
mod server;
mod sts;
mod transport;
mod wire;
mod world;

pub use aws_sdk_organizations;
pub use calls::expect::Expectation;
pub use calls::faults::{MockRule, MockRuleBuilder, MockRuleStep};
pub use calls::mock_error::MockError;
pub use calls::operation::Operation;
pub use calls::recording::{MockRequest, RecordedCall, TypedCall};
pub use calls::typed::{AnyOperation, IntoFault, SdkOperation};
pub use harness::fixture::{
    AccountFixture, FixtureError, FixtureFeatureSet, FixtureIds, OrgFixture, OuFixture, PolicyFixture,
};
pub use harness::guardrails::{GuardrailDecision, GuardrailKind, GuardrailQuery, Guardrails};
pub use harness::snapshot::SnapshotError;
pub use harness::{mock_client, MockOrganizations, MockOrganizationsBuilder};
pub use operations::catalog::{supported_operation, supported_operations, SupportedOperation};
pub use operations::Access;
#[cfg(feature = "server")]
pub use server::limits::ServerOptions;
#[cfg(feature = "server")]
pub use server::ServerHandle;
pub use sts::StsAction;
pub use wire::error::{ApiError, ApiResult};
pub use world::{CreateAccountCompletion, InvariantViolations, Limits, PolicyTypeTransition};

/// Every Rust example of README.md, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme_doctests {}

#[doc = include_str!("docs/reference.md")]
pub mod reference {}
