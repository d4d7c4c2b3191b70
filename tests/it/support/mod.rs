//! Steps the integration tests share: an organization and its root, OUs,
//! accounts, policies, tags, handshake parties and invitations.
#![allow(dead_code)]

pub mod decoded;
pub mod fidelity;
pub mod model;
pub mod multi_account;
pub mod operations;
pub mod policies;
pub mod raw;
pub mod reasons;
pub mod scenario;
pub mod seeded;
pub mod shapes;

/// Asserts that a typed service error is `variant` with `Reason` `reason`.
#[macro_export]
macro_rules! assert_reason {
    ($err:expr, $variant:path, $reason:expr) => {
        match $err {
            $variant(e) => assert_eq!(e.reason(), Some(&$reason)),
            other => panic!("expected {} with {:?}, got {other:?}", stringify!($variant), $reason),
        }
    };
}

/// Sends the fluent builder `call`, which must fail, asserts that its service
/// error `is` (one of the SDK error's `is_*_exception` methods, so a misspelt
/// exception does not compile) and returns that error. A failure names the
/// call and the exception it expected.
#[macro_export]
macro_rules! assert_fails {
    ($call:expr, $is:ident) => {{
        let err = match $call.send().await {
            Ok(out) => panic!("{} succeeded, expected {}: {out:?}", stringify!($call), stringify!($is)),
            Err(e) => e.into_service_error(),
        };
        assert!(
            err.$is(),
            "{} answered {err:?}, expected {}",
            stringify!($call),
            stringify!($is)
        );
        err
    }};
}

use aws_organizations_mock::MockOrganizations;
use aws_sdk_organizations::error::SdkError;
use aws_sdk_organizations::operation::create_account::CreateAccountError;
use aws_sdk_organizations::types::{CreateAccountStatus, HandshakeParty, HandshakePartyType, HandshakeState, Tag};
use aws_sdk_organizations::Client;

/// A tag.
pub fn tag(key: &str, value: &str) -> Tag {
    Tag::builder().key(key).value(value).build().unwrap()
}

/// A handshake party of the given kind.
pub fn party(kind: HandshakePartyType, id: &str) -> HandshakeParty {
    HandshakeParty::builder().r#type(kind).id(id).build().unwrap()
}

/// The account `id` as a handshake party.
pub fn account_party(id: &str) -> HandshakeParty {
    party(HandshakePartyType::Account, id)
}

/// The organization's root id.
pub async fn root_id(c: &Client) -> String {
    let roots = c.list_roots().send().await.unwrap();
    roots.roots()[0].id().unwrap().to_string()
}

/// Creates an organization (all features) and returns its root id.
pub async fn create_organization(c: &Client) -> String {
    c.create_organization().send().await.unwrap();
    root_id(c).await
}

/// Creates an organization (all features), enables SCPs on its root with
/// `EnablePolicyType` (AWS enables no policy type on a new root) and returns
/// the root id.
pub async fn create_organization_with_scps(c: &Client) -> String {
    let root = create_organization(c).await;
    c.enable_policy_type()
        .root_id(&root)
        .policy_type(aws_sdk_organizations::types::PolicyType::ServiceControlPolicy)
        .send()
        .await
        .unwrap();
    root
}

/// Creates an organization with consolidated billing only, and returns the root id.
pub async fn create_consolidated_billing_organization(c: &Client) -> String {
    c.create_organization()
        .feature_set(aws_sdk_organizations::types::OrganizationFeatureSet::ConsolidatedBilling)
        .send()
        .await
        .unwrap();
    root_id(c).await
}

/// Creates an OU and returns its id.
pub async fn create_ou(c: &Client, parent: &str, name: &str) -> String {
    let out = c
        .create_organizational_unit()
        .parent_id(parent)
        .name(name)
        .send()
        .await
        .unwrap();
    out.organizational_unit().unwrap().id().unwrap().to_string()
}

/// Moves `account` from the parent `from` to the parent `to`.
pub async fn move_account(c: &Client, account: &str, from: &str, to: &str) {
    c.move_account()
        .account_id(account)
        .source_parent_id(from)
        .destination_parent_id(to)
        .send()
        .await
        .unwrap();
}

/// Sends `CreateAccount` and returns the request's status as the call answers
/// it, or the call's error.
async fn start_account(
    c: &Client,
    email: &str,
    name: &str,
) -> Result<CreateAccountStatus, SdkError<CreateAccountError>> {
    let out = c.create_account().email(email).account_name(name).send().await?;
    Ok(out.create_account_status().unwrap().clone())
}

/// Starts creating an account named `name` (email `name@example.com`) and
/// returns the request's status, or the call's error. Does not poll.
pub async fn request_account(c: &Client, name: &str) -> Result<CreateAccountStatus, SdkError<CreateAccountError>> {
    start_account(c, &format!("{name}@example.com"), name).await
}

/// Looks a create-account request up once (`DescribeCreateAccountStatus`).
pub async fn create_account_status(c: &Client, request: &str) -> CreateAccountStatus {
    let out = c
        .describe_create_account_status()
        .create_account_request_id(request)
        .send()
        .await
        .unwrap();
    out.create_account_status().unwrap().clone()
}

/// Creates an account, looks its request up once and returns the request's id
/// and the account's id (`None` while the request is still in progress).
pub async fn create_account(c: &Client, email: &str, name: &str) -> (String, Option<String>) {
    let request = start_account(c, email, name).await.unwrap().id().unwrap().to_string();
    let account = create_account_status(c, &request)
        .await
        .account_id()
        .map(str::to_string);
    (request, account)
}

/// Creates an account named `name` (email `name@example.com`) as code under
/// test would, polling its request once, and returns the account's id. Panics
/// unless the account exists after that one poll.
pub async fn new_account(c: &Client, name: &str) -> String {
    let (_, account) = create_account(c, &format!("{name}@example.com"), name).await;
    account.unwrap()
}

/// Creates a policy and returns its id.
pub async fn create_policy(
    c: &Client,
    kind: aws_sdk_organizations::types::PolicyType,
    name: &str,
    content: &str,
) -> String {
    let out = c
        .create_policy()
        .r#type(kind)
        .name(name)
        .description(name)
        .content(content)
        .send()
        .await
        .unwrap();
    out.policy()
        .unwrap()
        .policy_summary()
        .unwrap()
        .id()
        .unwrap()
        .to_string()
}

/// Invites `target` to the caller's organization and returns the handshake's id.
pub async fn invite(management: &Client, target: HandshakeParty) -> String {
    let out = management
        .invite_account_to_organization()
        .target(target)
        .send()
        .await
        .unwrap();
    out.handshake().unwrap().id().unwrap().to_string()
}

/// Accepts the handshake `id` as the client's caller and returns its new state.
pub async fn accept(client: &Client, id: &str) -> HandshakeState {
    let out = client.accept_handshake().handshake_id(id).send().await.unwrap();
    out.handshake().unwrap().state().unwrap().clone()
}

/// Brings the standalone `account` into the organization of the mock's
/// default account: an invitation from the management account, accepted.
pub async fn join(mock: &MockOrganizations, account: &str) {
    let id = invite(&mock.client(), account_party(account)).await;
    accept(&mock.client_as(account), &id).await;
}

/// Creates an organization (all features) in the mock's default account and
/// brings each of `members` into it.
pub async fn organization_with(mock: &MockOrganizations, members: &[&str]) {
    mock.client().create_organization().send().await.unwrap();
    for m in members {
        join(mock, m).await;
    }
}

/// The SDK configuration of a session of `role` in `account`, assumed by the
/// account itself through the mock's STS with the session name `ci`: a client
/// built from it calls as `arn:aws:sts::<account>:assumed-role/<role>/ci`.
pub async fn role_session_config(mock: &MockOrganizations, account: &str, role: &str) -> aws_types::SdkConfig {
    use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
    let config = mock.sdk_config_as(account);
    let credentials = aws_config::sts::AssumeRoleProvider::builder(format!("arn:aws:iam::{account}:role/{role}"))
        .session_name("ci")
        .configure(&config)
        .build()
        .await
        .provide_credentials()
        .await
        .unwrap();
    config
        .into_builder()
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .build()
}

/// The management account of the organizations the foundation tests create.
pub const MANAGEMENT: &str = "111111111111";
