//! Effective policies through the real SDK client: the tag policy guide's
//! examples, the errors of DescribeEffectivePolicy and the operators a parent
//! disallowed.

use aws_organizations_mock::aws_sdk_organizations::types::{EffectivePolicyType, PolicyType};
use aws_organizations_mock::mock_client;
use serde_json::json;

use crate::support::policies::*;

/// The organization of the User Guide's inheritance examples: the root,
/// OU1 with two accounts, OU2 with one.
struct Guide {
    o: Org,
    ou1: String,
    ou2: String,
    in_ou1: String,
    in_ou2: String,
}

async fn guide() -> Guide {
    let o = org().await;
    o.enable("TAG_POLICY").await;
    let ou1 = o.ou(&o.root, "OU1").await;
    let ou2 = o.ou(&o.root, "OU2").await;
    let in_ou1 = o.account("one").await;
    let in_ou2 = o.account("nine").await;
    o.move_to(&in_ou1, &ou1).await;
    o.move_to(&in_ou2, &ou2).await;
    Guide {
        o,
        ou1,
        ou2,
        in_ou1,
        in_ou2,
    }
}

const POLICY_A: &str = r#"{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"},"tag_value":{"@@assign":["Development","Support"]}}}}"#;

#[tokio::test]
async fn effective_tag_policies_follow_the_guides_examples() {
    let g = guide().await;
    let o = &g.o;
    let a = o.policy("TAG_POLICY", "A", POLICY_A).await;
    o.attach(&a, &o.root).await;
    let b = o
        .policy(
            "TAG_POLICY",
            "B",
            r#"{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"},"tag_value":{"@@assign":["Sandbox"]},"enforced_for":{"@@assign":["redshift:*","dynamodb:table"]}}}}"#,
        )
        .await;
    o.attach(&b, &g.ou1).await;
    let c = o
        .policy(
            "TAG_POLICY",
            "C",
            r#"{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"},"tag_value":{"@@append":["Marketing"]},"enforced_for":{"@@append":["redshift:*","dynamodb:table"]}}}}"#,
        )
        .await;
    o.attach(&c, &g.ou2).await;

    // Example 1: @@assign in OU1 replaces the root's values.
    assert_eq!(
        o.effective("TAG_POLICY", &g.in_ou1).await,
        json!({"tags": {"costcenter": {"tag_key": "CostCenter", "tag_value": ["Sandbox"], "enforced_for": ["redshift:*", "dynamodb:table"]}}})
    );
    // Example 2: @@append in OU2 adds to them.
    assert_eq!(
        o.effective("TAG_POLICY", &g.in_ou2).await,
        json!({"tags": {"costcenter": {"tag_key": "CostCenter", "tag_value": ["Development", "Support", "Marketing"], "enforced_for": ["redshift:*", "dynamodb:table"]}}})
    );
    // Example 3: @@remove on the account takes values out.
    let d = o
        .policy(
            "TAG_POLICY",
            "D",
            r#"{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"},"tag_value":{"@@remove":["Development","Marketing"]},"enforced_for":{"@@remove":["redshift:*","dynamodb:table"]}}}}"#,
        )
        .await;
    o.attach(&d, &g.in_ou2).await;
    assert_eq!(
        o.effective("TAG_POLICY", &g.in_ou2).await,
        json!({"tags": {"costcenter": {"tag_key": "CostCenter", "tag_value": ["Support"]}}})
    );
    // The management account, under the root only, inherits policy A.
    let management = o.mock.default_account_id().to_string();
    assert_eq!(
        o.effective("TAG_POLICY", &management).await,
        json!({"tags": {"costcenter": {"tag_key": "CostCenter", "tag_value": ["Development", "Support"]}}})
    );
    // A member sees its own effective policy, and only its own.
    let member = o.mock.client_as(&g.in_ou1);
    let own = member
        .describe_effective_policy()
        .policy_type(EffectivePolicyType::TagPolicy)
        .send()
        .await
        .unwrap();
    assert_eq!(own.effective_policy().unwrap().target_id(), Some(g.in_ou1.as_str()));
    let r = member
        .describe_effective_policy()
        .policy_type(EffectivePolicyType::TagPolicy)
        .target_id(&g.in_ou2)
        .send()
        .await;
    assert_failed(&o.mock, r, "AccessDeniedException", None);
}

#[tokio::test]
async fn effective_policy_errors() {
    let g = guide().await;
    let o = &g.o;
    let describe = |kind: EffectivePolicyType, target: &str| {
        o.client
            .describe_effective_policy()
            .policy_type(kind)
            .target_id(target)
            .send()
    };
    let r = describe(EffectivePolicyType::TagPolicy, &g.in_ou1).await;
    assert_failed(&o.mock, r, "EffectivePolicyNotFoundException", None);
    let r = describe(EffectivePolicyType::BackupPolicy, &g.in_ou1).await;
    assert_failed(&o.mock, r, "EffectivePolicyNotFoundException", None);
    // SCPs have no effective policy: the model's EffectivePolicyType leaves them out.
    assert!(!crate::support::model::enum_values("EffectivePolicyType").contains(&SCP));
    let r = describe(EffectivePolicyType::from(SCP), &g.in_ou1).await;
    assert_failed(&o.mock, r, "InvalidInputException", Some("INVALID_ENUM_POLICY_TYPE"));
    let r = describe(EffectivePolicyType::TagPolicy, &g.ou1).await;
    assert_failed(&o.mock, r, "InvalidInputException", Some("TARGET_NOT_SUPPORTED"));
    let r = describe(EffectivePolicyType::TagPolicy, "123456789012").await;
    assert_failed(&o.mock, r, "TargetNotFoundException", None);
}

#[tokio::test]
async fn operators_a_parent_disallowed_are_reported_as_validation_errors() {
    let g = guide().await;
    let o = &g.o;
    let e = o
        .policy(
            "TAG_POLICY",
            "E",
            r#"{"tags":{"project":{"tag_key":{"@@operators_allowed_for_child_policies":["@@none"],"@@assign":"Project"},"tag_value":{"@@operators_allowed_for_child_policies":["@@append"],"@@assign":["Maintenance","Escalations"]}}}}"#,
        )
        .await;
    let f = o
        .policy(
            "TAG_POLICY",
            "F",
            r#"{"tags":{"project":{"tag_key":{"@@assign":"PROJECT"},"tag_value":{"@@append":["Escalations - research"]}}}}"#,
        )
        .await;
    o.attach(&e, &o.root).await;
    o.attach(&f, &g.ou1).await;
    assert_eq!(
        o.effective("TAG_POLICY", &g.in_ou1).await,
        json!({"tags": {"project": {"tag_key": "Project", "tag_value": ["Maintenance", "Escalations", "Escalations - research"]}}})
    );

    let errors = o
        .client
        .list_effective_policy_validation_errors()
        .account_id(&g.in_ou1)
        .policy_type(EffectivePolicyType::TagPolicy)
        .send()
        .await
        .unwrap();
    assert_eq!(errors.account_id(), Some(g.in_ou1.as_str()));
    assert!(errors.path().unwrap().ends_with(&format!("/{}/{}/", g.ou1, g.in_ou1)));
    let list = errors.effective_policy_validation_errors();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].path_to_error(), Some("tags.project.tag_key"));
    assert_eq!(list[0].contributing_policies(), [e.clone(), f.clone()]);

    let clean = o
        .client
        .list_effective_policy_validation_errors()
        .account_id(&g.in_ou2)
        .policy_type(EffectivePolicyType::TagPolicy)
        .send()
        .await
        .unwrap();
    assert!(clean.effective_policy_validation_errors().is_empty());

    let invalid = o
        .client
        .list_accounts_with_invalid_effective_policy()
        .policy_type(EffectivePolicyType::TagPolicy)
        .send()
        .await
        .unwrap();
    let ids: Vec<_> = invalid.accounts().iter().map(|a| a.id().unwrap()).collect();
    assert_eq!(ids, [g.in_ou1.as_str()]);

    let r = o
        .client
        .list_effective_policy_validation_errors()
        .account_id("123456789012")
        .policy_type(EffectivePolicyType::TagPolicy)
        .send()
        .await;
    assert_failed(&o.mock, r, "AccountNotFoundException", None);
    let r = o
        .client
        .list_accounts_with_invalid_effective_policy()
        .policy_type(EffectivePolicyType::BackupPolicy)
        .send()
        .await;
    assert_failed(&o.mock, r, "EffectivePolicyNotFoundException", None);
}

/// The guide's governance example (src/docs/policies.md), verbatim.
#[tokio::test]
async fn every_account_has_the_cost_center_tag_policy() {
    let (client, _mock) = mock_client();
    client.create_organization().send().await.unwrap();
    let root = client.list_roots().send().await.unwrap().roots()[0]
        .id()
        .unwrap()
        .to_string();
    client
        .enable_policy_type()
        .root_id(&root)
        .policy_type(PolicyType::TagPolicy)
        .send()
        .await
        .unwrap();
    let policy = client
        .create_policy()
        .r#type(PolicyType::TagPolicy)
        .name("CostCenter")
        .description("cost centers")
        .content(r#"{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"}}}}"#)
        .send()
        .await
        .unwrap();
    let id = policy
        .policy()
        .unwrap()
        .policy_summary()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    client
        .attach_policy()
        .policy_id(&id)
        .target_id(&root)
        .send()
        .await
        .unwrap();

    // The function under test: every account's effective tag policy names CostCenter.
    for account in client.list_accounts().send().await.unwrap().accounts() {
        let effective = client
            .describe_effective_policy()
            .policy_type(EffectivePolicyType::TagPolicy)
            .target_id(account.id().unwrap())
            .send()
            .await
            .unwrap();
        let content = effective.effective_policy().unwrap().policy_content().unwrap();
        assert!(content.contains(r#""tag_key":"CostCenter""#), "{content}");
    }
}
