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
//! ## Layers
//! A call flows one way: [`transport`](crate) (finds the caller and the
//! operation, records the call) → protocol (awsJson1.1 framing) → operations
//! (one typed handler per operation, authorization) → world (the pure model).
//! [`MockOrganizations`] is the handle tests hold.
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
