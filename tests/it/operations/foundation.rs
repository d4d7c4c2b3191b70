//! The foundation through the real SDK client: organizations, deterministic
//! IDs, authorization, concurrent clients, recording and the transport.
//! Accounts: `accounts`; OUs and the tree: `ous`; tags: `tags`; pagination:
//! `pagination`.

use crate::support::raw::{SERIALIZATION, UNKNOWN_OPERATION};
use aws_organizations_mock::aws_sdk_organizations as orgs;
use aws_organizations_mock::{mock_client, MockOrganizations, Operation};
use orgs::error::ProvideErrorMetadata;
use orgs::types::OrganizationFeatureSet;
use orgs::Client;

use crate::support;
use crate::support::MANAGEMENT;
use support::new_account;

// ---------------------------------------------------------------- organization

/// An account the mock had not heard of gets `<id>@example.com`, or
/// `<id>+1@example.com` when another account already has that address:
/// emails stay unique.
#[tokio::test]
async fn an_unheard_of_account_gets_an_email_no_other_account_has() {
    let (client, mock) = mock_client();
    client.create_organization().send().await.unwrap();
    support::create_account(&client, "222222222222@example.com", "taken").await;
    let newcomer = mock.client_as("222222222222");
    let created = newcomer.create_organization().send().await.unwrap();
    let org = created.organization().unwrap();
    assert_eq!(org.master_account_email(), Some("222222222222+1@example.com"));
    let other = mock.client_as("333333333333");
    let created = other.create_organization().send().await.unwrap();
    assert_eq!(
        created.organization().unwrap().master_account_email(),
        Some("333333333333@example.com")
    );
}

#[tokio::test]
async fn create_describe_and_delete_an_organization() {
    let (client, _mock) = mock_client();
    let created = client.create_organization().send().await.unwrap();
    let org = created.organization().unwrap();
    let id = org.id().unwrap();
    assert!(id.starts_with("o-") && id.len() == 12, "{id}");
    assert_eq!(
        org.arn().unwrap(),
        format!("arn:aws:organizations::{MANAGEMENT}:organization/{id}")
    );
    assert_eq!(org.feature_set(), Some(&OrganizationFeatureSet::All));
    assert_eq!(org.master_account_id(), Some(MANAGEMENT));
    assert_eq!(org.master_account_email(), Some("management@example.com"));

    let described = client.describe_organization().send().await.unwrap();
    assert_eq!(described.organization().unwrap().id(), Some(id));

    let root = client.list_roots().send().await.unwrap();
    let root = &root.roots()[0];
    assert!(root.id().unwrap().starts_with("r-"));
    assert_eq!(root.name(), Some("Root"));
    assert_eq!(
        root.arn().unwrap(),
        format!("arn:aws:organizations::{MANAGEMENT}:root/{id}/{}", root.id().unwrap())
    );

    client.delete_organization().send().await.unwrap();
    let err = client.describe_organization().send().await.unwrap_err();
    assert!(err.into_service_error().is_aws_organizations_not_in_use_exception());
}

#[tokio::test]
async fn consolidated_billing_organizations_have_no_policy_types() {
    let (client, _mock) = mock_client();
    let created = client
        .create_organization()
        .feature_set(OrganizationFeatureSet::ConsolidatedBilling)
        .send()
        .await
        .unwrap();
    let org = created.organization().unwrap();
    assert_eq!(org.feature_set(), Some(&OrganizationFeatureSet::ConsolidatedBilling));
    assert!(org.available_policy_types().is_empty());
    let roots = client.list_roots().send().await.unwrap();
    assert!(roots.roots()[0].policy_types().is_empty());
}

#[tokio::test]
async fn an_account_can_be_in_only_one_organization() {
    let (client, _mock) = mock_client();
    client.create_organization().send().await.unwrap();
    assert_fails!(client.create_organization(), is_already_in_organization_exception);
}

#[tokio::test]
async fn an_organization_with_members_cannot_be_deleted() {
    let (client, _mock) = mock_client();
    client.create_organization().send().await.unwrap();
    let member = new_account(&client, "member").await;
    assert_fails!(client.delete_organization(), is_organization_not_empty_exception);
    client
        .remove_account_from_organization()
        .account_id(&member)
        .send()
        .await
        .unwrap();
    client.delete_organization().send().await.unwrap();
}

// ---------------------------------------------------------------- identity and authorization

#[tokio::test]
async fn ids_are_deterministic_for_a_seed() {
    async fn ids(seed: u64) -> (String, String) {
        let mock = MockOrganizations::builder().seed(seed).build();
        let client = mock.client();
        let org = client.create_organization().send().await.unwrap();
        let account = new_account(&client, "x").await;
        (org.organization().unwrap().id().unwrap().to_string(), account)
    }
    assert_eq!(ids(7).await, ids(7).await);
    assert_ne!(ids(7).await, ids(8).await);
}

/// The builder's promise, "the same seed gives the same IDs", pinned: the
/// first ids of seed 7 are these in every run, so a test may write them down.
#[tokio::test]
async fn the_first_ids_of_seed_7_are_always_these() {
    let mock = MockOrganizations::builder().seed(7).build();
    let client = mock.client();
    let org = client.create_organization().send().await.unwrap();
    let org_id = org.organization().unwrap().id().unwrap().to_string();
    let roots = client.list_roots().send().await.unwrap();
    let root_id = roots.roots()[0].id().unwrap().to_string();
    let created = client
        .create_account()
        .account_name("x")
        .email("x@example.com")
        .send()
        .await
        .unwrap();
    let request_id = created.create_account_status().unwrap().id().unwrap().to_string();
    let status = client
        .describe_create_account_status()
        .create_account_request_id(&request_id)
        .send()
        .await
        .unwrap();
    let account_id = status
        .create_account_status()
        .unwrap()
        .account_id()
        .unwrap()
        .to_string();
    assert_eq!(
        [org_id.as_str(), &root_id, &request_id, &account_id],
        [
            "o-dysp8v84rf",
            "r-tq4e",
            "car-smt93qh3ft6vgp13e6asvduvhtnn2i4w",
            "708660829367"
        ]
    );
}

#[tokio::test]
async fn members_and_outsiders_get_aws_answers() {
    let (client, mock) = mock_client();
    client.create_organization().send().await.unwrap();
    let member_id = new_account(&client, "member").await;
    let member = mock.client_as(&member_id);

    // Any member may describe its organization.
    let org = member.describe_organization().send().await.unwrap();
    assert_eq!(org.organization().unwrap().master_account_id(), Some(MANAGEMENT));
    // Management-only and management-or-delegated operations are denied.
    let err = member
        .create_account()
        .account_name("x")
        .email("x@example.com")
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_access_denied_exception());
    let err = member.list_accounts().send().await.unwrap_err();
    assert!(err.into_service_error().is_access_denied_exception());

    // An account outside any organization is told so.
    let outsider = mock.client_as("444444444444");
    let err = outsider.list_accounts().send().await.unwrap_err();
    assert!(err.into_service_error().is_aws_organizations_not_in_use_exception());
    let err = outsider.describe_organization().send().await.unwrap_err();
    assert!(err.into_service_error().is_aws_organizations_not_in_use_exception());

    let callers: Vec<_> = mock.calls().iter().map(|c| c.caller().to_string()).collect();
    assert!(callers.contains(&member_id) && callers.contains(&"444444444444".to_string()));
}

async fn count_accounts(client: &Client) -> usize {
    let pages: Vec<_> = client
        .list_accounts()
        .into_paginator()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    pages.iter().map(|p| p.accounts().len()).sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_of_different_accounts_work_concurrently() {
    let mock = MockOrganizations::new();
    let management = mock.client();
    let other = mock.client_as("222222222222");
    let (a, b) = tokio::join!(
        tokio::spawn(async move {
            management.create_organization().send().await.unwrap();
            for i in 0..20 {
                new_account(&management, &format!("m{i}")).await;
            }
            count_accounts(&management).await
        }),
        tokio::spawn(async move {
            other.create_organization().send().await.unwrap();
            for i in 0..10 {
                new_account(&other, &format!("o{i}")).await;
            }
            count_accounts(&other).await
        })
    );
    assert_eq!(a.unwrap(), 21);
    assert_eq!(b.unwrap(), 11);
    assert!(mock.calls().iter().any(|c| c.caller() == "222222222222"));
}

// ---------------------------------------------------------------- recording and the transport

#[tokio::test]
async fn every_call_is_recorded_with_its_outcome() {
    let (client, mock) = mock_client();
    client.create_organization().send().await.unwrap();
    let _ = client.describe_account().account_id("999999999999").send().await;
    let calls = mock.calls();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].operation(), Operation::CreateOrganization);
    assert_eq!(calls[0].caller(), MANAGEMENT);
    assert!(calls[0].error_code().is_none());
    assert!(calls[0].response().unwrap()["Organization"]["Id"]
        .as_str()
        .unwrap()
        .starts_with("o-"));
    assert_eq!(calls[1].operation(), Operation::DescribeAccount);
    assert_eq!(calls[1].request()["AccountId"], "999999999999");
    assert_eq!(calls[1].error_code(), Some("AccountNotFoundException"));
    assert!(calls[1].response().is_none());
    assert_eq!(calls[1].status(), 400);
}

/// Rewrites the request the SDK is about to send, to reach the transport with
/// what no SDK would send.
#[derive(Debug)]
struct Rewrite {
    target: Option<&'static str>,
    body: Option<&'static str>,
}

impl orgs::config::Intercept for Rewrite {
    fn name(&self) -> &'static str {
        "Rewrite"
    }
    fn modify_before_transmit(
        &self,
        ctx: &mut orgs::config::interceptors::BeforeTransmitInterceptorContextMut<'_>,
        _: &orgs::config::RuntimeComponents,
        _: &mut orgs::config::ConfigBag,
    ) -> Result<(), orgs::error::BoxError> {
        let request = ctx.request_mut();
        match self.target {
            Some(t) => {
                request.headers_mut().insert("x-amz-target", t);
            }
            None => {
                request.headers_mut().remove("x-amz-target");
            }
        }
        if let Some(body) = self.body {
            *request.body_mut() = aws_smithy_types::body::SdkBody::from(body);
        }
        Ok(())
    }
}

#[tokio::test]
async fn bad_targets_and_bodies_get_aws_errors_not_panics() {
    let mock = MockOrganizations::new();
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    let cases = [
        (
            Some("AWSOrganizationsV20161128.NoSuchOperation"),
            None,
            UNKNOWN_OPERATION,
        ),
        (Some("SomethingElse.DescribeOrganization"), None, UNKNOWN_OPERATION),
        (None, None, UNKNOWN_OPERATION),
        (
            Some("AWSOrganizationsV20161128.DescribeAccount"),
            Some("{not json"),
            SERIALIZATION,
        ),
        (
            Some("AWSOrganizationsV20161128.DescribeAccount"),
            Some("[1,2]"),
            SERIALIZATION,
        ),
        (
            Some("AWSOrganizationsV20161128.DescribeAccount"),
            Some(r#"{"AccountId": 12}"#),
            SERIALIZATION,
        ),
    ];
    for (target, body, code) in cases {
        let err = client
            .describe_organization()
            .customize()
            .interceptor(Rewrite { target, body })
            .send()
            .await
            .unwrap_err();
        assert_eq!(err.code(), Some(code), "{target:?} {body:?}: {err:?}");
    }
    // A target the mock does not know is recorded as `Operation::Unknown`,
    // with its name as sent.
    let unknown: Vec<(Operation, String)> = mock.calls()[1..4]
        .iter()
        .map(|c| (c.operation(), c.target().to_string()))
        .collect();
    assert_eq!(
        unknown,
        [
            (Operation::Unknown, "NoSuchOperation".to_string()),
            (Operation::Unknown, "SomethingElse.DescribeOrganization".to_string()),
            (Operation::Unknown, String::new()),
        ]
    );
    assert_eq!(mock.calls()[4].operation(), Operation::DescribeAccount);
    // The mock is still fine.
    client.describe_organization().send().await.unwrap();
}

/// Every answer carries a request id (`x-amzn-RequestId`, which the SDK
/// reads as `request_id()`), shaped as a UUID, and no two calls share one.
#[tokio::test]
async fn every_answer_has_its_own_request_id() {
    use orgs::operation::RequestId;
    let (client, _mock) = mock_client();
    let created = client.create_organization().send().await.unwrap();
    let described = client.describe_organization().send().await.unwrap();
    let failed = client.create_organization().send().await.unwrap_err();
    let ids = [created.request_id(), described.request_id(), failed.request_id()]
        .map(|id| id.unwrap_or_default().to_string());
    for id in &ids {
        let groups: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{id}");
    }
    assert!(ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2], "{ids:?}");
    // Counted from 1 in each mock, so the same calls get the same ids.
    assert_eq!(ids[0], "00000000-0000-4000-8000-000000000001");
    assert_eq!(ids[2], "00000000-0000-4000-8000-000000000003");
}
