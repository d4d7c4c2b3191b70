#![doc = include_str!("docs/crate.md")]
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
pub use harness::builder::MockOrganizationsBuilder;
pub use harness::fixture::{
    AccountFixture, FixtureError, FixtureFeatureSet, FixtureIds, OrgFixture, OuFixture, PolicyFixture,
};
pub use harness::guardrails::{GuardrailDecision, GuardrailKind, GuardrailQuery, Guardrails};
pub use harness::snapshot::SnapshotError;
pub use harness::{mock_client, MockOrganizations};
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

#[doc = include_str!("docs/guide.md")]
pub mod guide {
    #[doc = include_str!("docs/getting_started.md")]
    pub mod getting_started {}
    #[doc = include_str!("docs/policies.md")]
    pub mod policies {}
    #[doc = include_str!("docs/guardrails.md")]
    pub mod guardrails {}
    #[doc = include_str!("docs/accounts.md")]
    pub mod accounts {}
    #[doc = include_str!("docs/fault_injection.md")]
    pub mod fault_injection {}
    #[doc = include_str!("docs/expectations.md")]
    pub mod expectations {}
    #[doc = include_str!("docs/fixtures.md")]
    pub mod fixtures {}
    #[doc = include_str!("docs/snapshots.md")]
    pub mod snapshots {}
    #[doc = include_str!("docs/clock.md")]
    pub mod clock {}
    #[doc = include_str!("docs/own_client.md")]
    pub mod own_client {}
    #[doc = include_str!("docs/sts.md")]
    pub mod sts {}
    #[doc = include_str!("docs/server_mode.md")]
    pub mod server_mode {}
    #[doc = include_str!("docs/server_harness.md")]
    pub mod server_harness {}
    #[doc = include_str!("docs/performance.md")]
    pub mod performance {}
    #[doc = include_str!("docs/pitfalls.md")]
    pub mod pitfalls {}
    /// DESIGN.md: how the mock is built, the rules that keep it that way, and
    /// the guarantees its tests hold it to.
    ///
    #[doc = include_str!("../DESIGN.md")]
    pub mod design {}
    /// FIDELITY.md: every behaviour the service model does not state, with its
    /// evidence.
    ///
    #[doc = include_str!("../FIDELITY.md")]
    #[allow(rustdoc::bare_urls)]
    pub mod fidelity {}
}
