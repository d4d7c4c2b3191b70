//! Helpers of the reason tests (`fidelity::reasons`): a refused call
//! leaves the world unchanged, members, policy types, transfer invitations.

use crate::support;

use std::fmt::Debug;
use std::future::Future;

use aws_organizations_mock::aws_sdk_organizations::operation::invite_organization_to_transfer_responsibility::builders::InviteOrganizationToTransferResponsibilityFluentBuilder;
use aws_organizations_mock::aws_sdk_organizations::primitives::DateTime;
use aws_organizations_mock::aws_sdk_organizations::types::ResponsibilityTransferType;
use aws_organizations_mock::aws_sdk_organizations::Client;
use aws_organizations_mock::{Limits, MockOrganizations};
use support::{account_party, create_account, root_id};

pub(crate) use support::multi_account::DAY;
pub(crate) use support::scenario::{APRIL, TAG_DOC};
pub(crate) use support::MANAGEMENT;

/// Runs a call that must fail, checks that the world did not change, and
/// returns `Code/Reason` (`Code/-` without a reason).
pub(crate) async fn refused<T: Debug, E: Into<aws_sdk_organizations::Error>>(
    mock: &MockOrganizations,
    call: impl Future<Output = Result<T, E>>,
) -> String {
    let before = mock.snapshot();
    let result = call.await;
    assert_eq!(mock.snapshot(), before, "a failed call changed the world");
    // What the SDK decoded (typed exception and its Reason), not the mock's log.
    let got = support::decoded::decoded(result.expect_err("the call succeeded"));
    if got.contains('/') {
        got
    } else {
        format!("{got}/-")
    }
}

pub(crate) async fn org(mock: &MockOrganizations) -> (Client, String) {
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    let root = root_id(&client).await;
    (client, root)
}

pub(crate) async fn member(client: &Client, name: &str) -> String {
    let (_, account) = create_account(client, &format!("{name}@example.com"), name).await;
    account.expect("created at once")
}

/// `EnablePolicyType` (or `DisablePolicyType` when `on` is false) of `kind` on `root`.
pub(crate) async fn set_type(
    client: &Client,
    root: &str,
    kind: &str,
    on: bool,
) -> Result<(), aws_sdk_organizations::Error> {
    let kind = support::model::policy_type(kind);
    if on {
        let sent = client.enable_policy_type().root_id(root).policy_type(kind).send();
        sent.await.map(drop).map_err(Into::into)
    } else {
        let sent = client.disable_policy_type().root_id(root).policy_type(kind).send();
        sent.await.map(drop).map_err(Into::into)
    }
}

/// Creates the organization of `444444444444` and returns an unsent billing
/// transfer invitation to it starting at `start` (seconds).
pub(crate) async fn transfer_invitation(
    mock: &MockOrganizations,
    client: &Client,
    start: i64,
) -> InviteOrganizationToTransferResponsibilityFluentBuilder {
    let other = mock.client_as("444444444444");
    other.create_organization().send().await.unwrap();
    client
        .invite_organization_to_transfer_responsibility()
        .r#type(ResponsibilityTransferType::Billing)
        .target(account_party("444444444444"))
        .start_timestamp(DateTime::from_secs(start))
        .source_name("billing")
}

pub(crate) fn limits(f: impl FnOnce(&mut Limits)) -> Limits {
    let mut limits = Limits::default();
    f(&mut limits);
    limits
}
