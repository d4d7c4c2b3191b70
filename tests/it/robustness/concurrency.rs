//! Concurrency stress and regressions.
//!
//! - 16 tasks on a multi-thread runtime creating, moving, attaching and
//!   listing at once: all finish within a timeout, the invariants hold and
//!   the counts add up.
//! - Regressions the random sequences (`random_sequences`) found.
//!
//! Panic safety of fault-injection predicates: tests/it/harness/faults.rs.

use crate::support;

use std::time::Duration;

use crate::support::operations::*;
use aws_organizations_mock::aws_sdk_organizations::types::PolicyType;
use aws_organizations_mock::aws_sdk_organizations::Client;
use aws_organizations_mock::MockOrganizations;
use serde_json::{json, Value};
use support::raw::Raw;

// ---------------------------------------------------------------------------
// Concurrency stress.

const TASKS: usize = 16;
const ROUNDS: usize = 6;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixteen_tasks_at_once_finish_and_the_counts_add_up() {
    let mock = MockOrganizations::new();
    let client = mock.client();
    let root = support::create_organization_with_scps(&client).await;
    let policy = support::create_policy(&client, PolicyType::ServiceControlPolicy, "deny-s3", SCP).await;

    let work = async {
        let mut tasks = tokio::task::JoinSet::new();
        for t in 0..TASKS {
            let (mock, root, policy) = (mock.clone(), root.clone(), policy.clone());
            tasks.spawn(async move {
                let c = mock.client();
                let ou = support::create_ou(&c, &root, &format!("task-{t}")).await;
                c.attach_policy()
                    .policy_id(&policy)
                    .target_id(&ou)
                    .send()
                    .await
                    .unwrap();
                for r in 0..ROUNDS {
                    let (_, account) =
                        support::create_account(&c, &format!("t{t}r{r}@example.com"), &format!("t{t}r{r}")).await;
                    let account = account.expect("created at once");
                    support::move_account(&c, &account, &root, &ou).await;
                    let sub = support::create_ou(&c, &ou, &format!("sub-{r}")).await;
                    c.attach_policy()
                        .policy_id(&policy)
                        .target_id(&sub)
                        .send()
                        .await
                        .unwrap();
                    // Racing duplicates: exactly one of these can win per name, across tasks.
                    let _ = c
                        .create_organizational_unit()
                        .parent_id(&root)
                        .name("contended")
                        .send()
                        .await;
                    c.list_accounts().send().await.unwrap();
                    c.list_children()
                        .parent_id(&ou)
                        .child_type(aws_organizations_mock::aws_sdk_organizations::types::ChildType::Account)
                        .send()
                        .await
                        .unwrap();
                }
                ou
            });
        }
        let mut ous = Vec::new();
        while let Some(done) = tasks.join_next().await {
            ous.push(done.expect("no task panicked"));
        }
        ous
    };
    let ous = tokio::time::timeout(Duration::from_secs(120), work)
        .await
        .expect("every task finished in time: no deadlock");

    mock.check_invariants().unwrap();
    let accounts = client.list_accounts().send().await.unwrap();
    // The SDK pages at 20 by default: count through the paginator.
    let pages = client.list_accounts().into_paginator().send();
    let pages = pages.collect::<Result<Vec<_>, _>>().await.unwrap();
    let all: Vec<_> = pages.iter().flat_map(|p| p.accounts()).collect();
    assert!(!accounts.accounts().is_empty());
    assert_eq!(all.len(), 1 + TASKS * ROUNDS);
    for ou in &ous {
        let pages = client.list_accounts_for_parent().parent_id(ou).into_paginator().send();
        let pages = pages.collect::<Result<Vec<_>, _>>().await.unwrap();
        assert_eq!(pages.iter().map(|p| p.accounts().len()).sum::<usize>(), ROUNDS, "{ou}");
    }
    let snapshot = mock.snapshot();
    let org = snapshot["orgs"].as_object().unwrap().values().next().unwrap();
    // Per task: its OU and ROUNDS sub-OUs; plus the one contended OU.
    assert_eq!(org["ous"].as_object().unwrap().len(), TASKS * (1 + ROUNDS) + 1);
    assert_eq!(
        mock.calls_to(Client::create_organizational_unit)
            .iter()
            .filter(|c| c.input().name() == Some("contended") && c.succeeded())
            .count(),
        1
    );
    let pages = client
        .list_targets_for_policy()
        .policy_id(&policy)
        .into_paginator()
        .send();
    let pages = pages.collect::<Result<Vec<_>, _>>().await.unwrap();
    assert_eq!(
        pages.iter().map(|p| p.targets().len()).sum::<usize>(),
        TASKS * (1 + ROUNDS)
    );
}

// ---------------------------------------------------------------------------
// Regressions the sequences found (kept as plain tests).

/// Inviting an account by id after inviting its (implied) email is a
/// duplicate, and the failed invitation registers nothing.
#[tokio::test]
async fn a_duplicate_invitation_registers_no_account() {
    let (mock, raw) = start().await;
    let invite = |target: Value| json!({ "Target": target });
    let first = raw
        .call(
            MANAGEMENT,
            "InviteAccountToOrganization",
            &invite(json!({"Id": "444444444444@example.com", "Type": "EMAIL"})),
        )
        .await;
    assert_eq!(first.status, 200);
    let before = mock.snapshot();
    let again = raw
        .call(
            MANAGEMENT,
            "InviteAccountToOrganization",
            &invite(json!({"Id": INVITEE, "Type": "ACCOUNT"})),
        )
        .await;
    let body = again.json();
    assert_eq!(body["__type"], "DuplicateHandshakeException");
    assert_eq!(mock.snapshot(), before);
}

/// When the last member that had to approve EnableAllFeatures is removed, the
/// request opens at once (not at the next call that happens to look), so a
/// failed call afterwards changes nothing.
#[tokio::test]
async fn enable_all_features_opens_when_the_last_approver_is_removed() {
    let mock = MockOrganizations::new();
    let raw = Raw::new(&mock);
    raw.call(
        MANAGEMENT,
        "CreateOrganization",
        &json!({"FeatureSet": "CONSOLIDATED_BILLING"}),
    )
    .await;
    let invite = raw
        .call(
            MANAGEMENT,
            "InviteAccountToOrganization",
            &json!({"Target": {"Id": MEMBER, "Type": "ACCOUNT"}}),
        )
        .await;
    let invite = invite.json();
    raw.call(
        MEMBER,
        "AcceptHandshake",
        &json!({"HandshakeId": invite["Handshake"]["Id"]}),
    )
    .await;
    let enable = raw.call(MANAGEMENT, "EnableAllFeatures", &json!({})).await;
    let enable = enable.json();
    assert_eq!(enable["Handshake"]["State"], "REQUESTED");
    let removed = raw
        .call(
            MANAGEMENT,
            "RemoveAccountFromOrganization",
            &json!({"AccountId": MEMBER}),
        )
        .await;
    assert_eq!(removed.status, 200);
    mock.check_invariants().unwrap();
    let states = handshake_states(&mock.snapshot());
    assert_eq!(states[enable["Handshake"]["Id"].as_str().unwrap()], "OPEN");

    let before = mock.snapshot();
    let denied = raw
        .call(
            OUTSIDER,
            "DescribeHandshake",
            &json!({"HandshakeId": enable["Handshake"]["Id"]}),
        )
        .await;
    assert_eq!(denied.status, 400);
    assert_eq!(mock.snapshot(), before);
}
