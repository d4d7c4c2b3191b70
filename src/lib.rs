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
//!   ([`MockOrganizations::expect`], [`Expectation`]) and
//!   [`MockOrganizations::verify`]; typed recordings
//!   ([`MockOrganizations::calls_to`], [`TypedCall`]).
//! - Fixtures: [`OrgFixture`], [`OuFixture`], [`AccountFixture`], [`PolicyFixture`].
//! - [`supported_operations`]: all 63 operations and who may call each.
//! - With the `server` feature, `MockOrganizations::serve` answers the same world over
//!   HTTP on 127.0.0.1 for the AWS CLI, boto3 and other SDKs.
//! - [`reference`](mod@reference): the operations and who may call them, the input checks, the
//!   quotas and the error reasons.
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

mod builder_settings;
mod call_log;
mod catalog;
mod clock;
mod codec;
mod error;
mod expect;
mod faults;
mod fixture;
mod harness;
#[cfg(test)]
mod layering;
mod mock_error;
mod modeled;
mod operation_table;
mod operations;
mod partition;
mod predicate;
mod protocol;
mod recording;
mod rule_check;
mod rules;
#[cfg(feature = "server")]
mod server;
#[cfg(feature = "server")]
mod server_limits;
mod setting_names;
mod shared;
mod signing;
mod snapshot;
mod sts;
mod suggest;
mod transport;
mod typed;
mod validation;
mod value_input;
mod world;

pub use aws_sdk_organizations;
pub use catalog::{supported_operation, supported_operations, SupportedOperation};
pub use error::{ApiError, ApiResult};
pub use expect::Expectation;
pub use faults::{MockRule, MockRuleBuilder, MockRuleStep};
pub use fixture::{AccountFixture, FixtureFeatureSet, FixtureIds, OrgFixture, OuFixture, PolicyFixture};
pub use harness::{mock_client, MockOrganizations, MockOrganizationsBuilder};
pub use mock_error::MockError;
pub use operations::Access;
pub use recording::{MockRequest, RecordedCall, TypedCall};
#[cfg(feature = "server")]
pub use server::ServerHandle;
#[cfg(feature = "server")]
pub use server_limits::ServerOptions;
pub use sts::StsAction;
pub use typed::{AnyOperation, IntoFault, SdkOperation};
pub use world::{CreateAccountCompletion, Limits, PolicyTypeTransition};

/// Every Rust example of README.md, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme_doctests {}

#[doc = include_str!("reference.md")]
pub mod reference {}
