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
//! - Fault injection: [`MockOrganizations::on`] with [`MockError`]; expectations:
//!   [`MockOrganizations::expect`] and [`MockOrganizations::verify`].
//! - Fixtures: [`OrgFixture`], [`OuFixture`], [`AccountFixture`], [`PolicyFixture`].
//! - [`supported_operations`]: all 63 operations and who may call each.
//! - With the `server` feature, `MockOrganizations::serve` answers the same world over
//!   HTTP on 127.0.0.1 for the AWS CLI, boto3 and other SDKs.
//!
//! ## Layers
//! A call flows one way: transport (finds the caller and the operation,
//! applies fault rules, records the call) → protocol (awsJson1.1 framing and
//! validation against the service model) → operations (one typed handler per
//! operation, authorization from one table) → world (the pure model).
#![deny(missing_docs)]

mod catalog;
mod error;
mod expect;
mod faults;
mod fixture;
mod harness;
mod inputs;
mod operations;
mod protocol;
mod rules;
#[cfg(feature = "server")]
mod server;
mod signing;
mod sts;
mod transport;
mod validation;
mod world;

pub use aws_sdk_organizations;
pub use catalog::{supported_operations, SupportedOperation};
pub use error::{ApiError, ApiResult};
pub use expect::Expectation;
pub use faults::{MockError, MockRule};
pub use fixture::{AccountFixture, FixtureFeatureSet, FixtureIds, OrgFixture, OuFixture, PolicyFixture};
pub use harness::{mock_client, MockOrganizations, MockOrganizationsBuilder, MockRequest, RecordedCall};
pub use inputs::OperationInput;
pub use operations::Access;
#[cfg(feature = "server")]
pub use server::ServerHandle;
pub use world::{CreateAccountCompletion, Limits};

/// Every Rust example of README.md, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme_doctests {}
