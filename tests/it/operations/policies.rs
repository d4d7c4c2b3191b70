//! Policies through the real SDK client: enabling policy types, the policy
//! operations, attachments and their errors, pagination and who may manage
//! policies. Limits: `policy_limits`; effective policies: `effective_policies`.

use aws_organizations_mock::aws_sdk_organizations::types::{
    OrganizationFeatureSet, PolicyType, PolicyTypeStatus, TargetType,
};
use aws_organizations_mock::MockOrganizations;

use crate::support;
use crate::support::policies::*;
use support::tag;

#[tokio::test]
async fn enabled_scps_put_full_aws_access_everywhere() {
    let o = org().await;
    let roots = o.client.list_roots().send().await.unwrap();
    let types = roots.roots()[0].policy_types();
    assert_eq!(types.len(), 1);
    assert_eq!(types[0].r#type(), Some(&PolicyType::ServiceControlPolicy));
    assert_eq!(types[0].status(), Some(&PolicyTypeStatus::Enabled));
    let org = o.client.describe_organization().send().await.unwrap();
    let available = org.organization().unwrap().available_policy_types();
    assert_eq!(available.len(), 1, "{available:?}");

    let ou = o.ou(&o.root, "Workloads").await;
    let account = o.account("dev").await;
    let management = o.mock.default_account_id().to_string();
    for target in [&o.root, &ou, &account, &management] {
        assert_eq!(o.attached(target, SCP).await, ["p-FullAWSAccess"], "{target}");
    }
    let targets = o
        .client
        .list_targets_for_policy()
        .policy_id("p-FullAWSAccess")
        .send()
        .await
        .unwrap();
    let kinds: Vec<_> = targets.targets().iter().map(|t| t.r#type().unwrap().clone()).collect();
    assert_eq!(
        kinds,
        [
            TargetType::Root,
            TargetType::Account,
            TargetType::OrganizationalUnit,
            TargetType::Account
        ]
    );
    assert_eq!(targets.targets()[2].name(), Some("Workloads"));

    let full = o
        .client
        .describe_policy()
        .policy_id("p-FullAWSAccess")
        .send()
        .await
        .unwrap();
    let summary = full.policy().unwrap().policy_summary().unwrap();
    assert!(summary.aws_managed());
    assert_eq!(summary.name(), Some("FullAWSAccess"));
    assert_eq!(
        summary.arn(),
        Some("arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess")
    );
}

#[tokio::test]
async fn consolidated_billing_allows_no_policy_type() {
    let o = org_with(MockOrganizations::new(), OrganizationFeatureSet::ConsolidatedBilling).await;
    let roots = o.client.list_roots().send().await.unwrap();
    assert!(roots.roots()[0].policy_types().is_empty());
    let org = o.client.describe_organization().send().await.unwrap();
    assert!(org.organization().unwrap().available_policy_types().is_empty());
    let r = o.enable_type("TAG_POLICY").await;
    assert_failed(&o.mock, r, "PolicyTypeNotAvailableForOrganizationException", None);
    let r = o.create(SCP, "x", ALLOW_S3).await;
    assert_failed(&o.mock, r, "PolicyTypeNotAvailableForOrganizationException", None);
    assert!(o.attached(&o.root, SCP).await.is_empty());
    let r = o.disable_type(SCP).await;
    assert_failed(&o.mock, r, "PolicyTypeNotEnabledException", None);
}

#[tokio::test]
async fn every_policy_type_can_be_enabled_created_and_attached() {
    let o = org().await;
    // Security Hub, Inspector and GuardDuty policies need their service's
    // trusted access first (FIDELITY.md#policy-types-that-need-trusted-access).
    for service in [
        "securityhub.amazonaws.com",
        "inspector2.amazonaws.com",
        "guardduty.amazonaws.com",
    ] {
        o.client
            .enable_aws_service_access()
            .service_principal(service)
            .send()
            .await
            .unwrap();
    }
    for kind in MODEL_POLICY_TYPES {
        if kind != SCP {
            o.enable(kind).await;
        }
        let id = o.policy(kind, &format!("{kind}-1"), &doc_for(kind)).await;
        o.attach(&id, &o.root).await;
        assert!(o.attached(&o.root, kind).await.contains(&id), "{kind}");
    }
    let roots = o.client.list_roots().send().await.unwrap();
    let enabled: Vec<_> = roots.roots()[0]
        .policy_types()
        .iter()
        .map(|t| t.r#type().unwrap().as_str())
        .collect();
    assert_eq!(enabled, MODEL_POLICY_TYPES);
}

#[tokio::test]
async fn policies_are_created_described_updated_tagged_listed_and_deleted() {
    let o = org().await;
    let created = o
        .client
        .create_policy()
        .r#type(PolicyType::ServiceControlPolicy)
        .name("AllowAllS3Actions")
        .description("Enables admins of attached accounts to delegate all S3 permissions")
        .content(ALLOW_S3)
        .tags(tag("team", "platform"))
        .send()
        .await
        .unwrap();
    let summary = created.policy().unwrap().policy_summary().unwrap();
    let id = summary.id().unwrap().to_string();
    assert!(id.starts_with("p-") && id.len() == 10);
    assert!(!summary.aws_managed());
    assert!(summary
        .arn()
        .unwrap()
        .ends_with(&format!("/service_control_policy/{id}")));
    assert_eq!(created.policy().unwrap().content(), Some(ALLOW_S3));

    let r = o.create(SCP, "AllowAllS3Actions", ALLOW_S3).await;
    assert_failed(&o.mock, r, "DuplicatePolicyException", None);

    let tags = o.client.list_tags_for_resource().resource_id(&id).send().await.unwrap();
    assert_eq!(tags.tags()[0].key(), "team");
    o.client
        .tag_resource()
        .resource_id(&id)
        .tags(tag("env", "prod"))
        .send()
        .await
        .unwrap();
    o.client
        .untag_resource()
        .resource_id(&id)
        .tag_keys("team")
        .send()
        .await
        .unwrap();
    let tags = o.client.list_tags_for_resource().resource_id(&id).send().await.unwrap();
    assert_eq!(tags.tags().len(), 1);
    assert_eq!(tags.tags()[0].key(), "env");

    let new_content = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*"}}"#;
    let updated = o
        .client
        .update_policy()
        .policy_id(&id)
        .name("Renamed-Policy")
        .description("This description replaces the original.")
        .content(new_content)
        .send()
        .await
        .unwrap();
    let p = updated.policy().unwrap();
    assert_eq!(p.policy_summary().unwrap().name(), Some("Renamed-Policy"));
    assert_eq!(p.content(), Some(new_content));
    let described = o.client.describe_policy().policy_id(&id).send().await.unwrap();
    assert_eq!(
        described.policy().unwrap().policy_summary().unwrap().description(),
        Some("This description replaces the original.")
    );

    let listed = o
        .client
        .list_policies()
        .filter(PolicyType::ServiceControlPolicy)
        .send()
        .await
        .unwrap();
    let names: Vec<_> = listed.policies().iter().map(|p| p.name().unwrap()).collect();
    assert_eq!(names, ["FullAWSAccess", "Renamed-Policy"]);
    let tag_policies = o
        .client
        .list_policies()
        .filter(PolicyType::TagPolicy)
        .send()
        .await
        .unwrap();
    assert!(tag_policies.policies().is_empty());

    let r = o
        .client
        .update_policy()
        .policy_id("p-FullAWSAccess")
        .name("x")
        .send()
        .await;
    assert_failed(&o.mock, r, "InvalidInputException", Some("IMMUTABLE_POLICY"));
    let r = o.client.delete_policy().policy_id("p-FullAWSAccess").send().await;
    assert_failed(&o.mock, r, "InvalidInputException", Some("IMMUTABLE_POLICY"));

    o.client.delete_policy().policy_id(&id).send().await.unwrap();
    let r = o.client.describe_policy().policy_id(&id).send().await;
    assert_failed(&o.mock, r, "PolicyNotFoundException", None);
    let r = o.client.describe_policy().policy_id("p-bad").send().await;
    assert_failed(&o.mock, r, "InvalidInputException", Some("INVALID_SYNTAX_POLICY_ID"));
}

#[tokio::test]
async fn attachment_errors_each_have_their_own_exception() {
    let o = org().await;
    let ou = o.ou(&o.root, "A").await;
    let tag = o.policy("TAG_POLICY", "tags", &management_doc("TAG_POLICY")).await;

    let r = o.client.attach_policy().policy_id(&tag).target_id(&ou).send().await;
    assert_failed(&o.mock, r, "PolicyTypeNotEnabledException", None);

    let enabled = o.enable_type("TAG_POLICY").await.unwrap();
    let types: Vec<_> = enabled
        .root()
        .unwrap()
        .policy_types()
        .iter()
        .map(|t| t.r#type().unwrap().clone())
        .collect();
    assert_eq!(types, [PolicyType::ServiceControlPolicy, PolicyType::TagPolicy]);
    let r = o.enable_type("TAG_POLICY").await;
    assert_failed(&o.mock, r, "PolicyTypeAlreadyEnabledException", None);
    let r = o
        .client
        .enable_policy_type()
        .root_id("r-zzzz")
        .policy_type(PolicyType::BackupPolicy)
        .send()
        .await;
    assert_failed(&o.mock, r, "RootNotFoundException", None);

    o.attach(&tag, &ou).await;
    let r = o.client.attach_policy().policy_id(&tag).target_id(&ou).send().await;
    assert_failed(&o.mock, r, "DuplicatePolicyAttachmentException", None);
    let r = o.client.detach_policy().policy_id(&tag).target_id(&o.root).send().await;
    assert_failed(&o.mock, r, "PolicyNotAttachedException", None);
    let r = o.client.delete_policy().policy_id(&tag).send().await;
    assert_failed(&o.mock, r, "PolicyInUseException", None);
    let r = o
        .client
        .attach_policy()
        .policy_id(&tag)
        .target_id("ou-zzzz-zzzzzzzz")
        .send()
        .await;
    assert_failed(&o.mock, r, "TargetNotFoundException", None);
    let r = o
        .client
        .attach_policy()
        .policy_id("p-aaaaaaaa")
        .target_id(&ou)
        .send()
        .await;
    assert_failed(&o.mock, r, "PolicyNotFoundException", None);
    let r = o
        .client
        .list_policies_for_target()
        .target_id("999999999999")
        .filter(PolicyType::TagPolicy)
        .send()
        .await;
    assert_failed(&o.mock, r, "TargetNotFoundException", None);

    let targets = o.client.list_targets_for_policy().policy_id(&tag).send().await.unwrap();
    assert_eq!(targets.targets()[0].target_id(), Some(ou.as_str()));

    // Disabling the type detaches its policies everywhere.
    o.disable_type("TAG_POLICY").await.unwrap();
    let targets = o.client.list_targets_for_policy().policy_id(&tag).send().await.unwrap();
    assert!(targets.targets().is_empty());
    o.client.delete_policy().policy_id(&tag).send().await.unwrap();
    let r = o.disable_type("TAG_POLICY").await;
    assert_failed(&o.mock, r, "PolicyTypeNotEnabledException", None);
}

#[tokio::test]
async fn rcp_full_aws_access_is_attached_everywhere_and_stays() {
    let o = org().await;
    let ou = o.ou(&o.root, "A").await;
    o.enable("RESOURCE_CONTROL_POLICY").await;
    let account = o.account("late").await;
    for target in [&o.root, &ou, &account] {
        assert_eq!(
            o.attached(target, "RESOURCE_CONTROL_POLICY").await,
            ["p-RCPFullAWSAccess"]
        );
    }
    let r = o
        .client
        .detach_policy()
        .policy_id("p-RCPFullAWSAccess")
        .target_id(&ou)
        .send()
        .await;
    assert_failed(&o.mock, r, "InvalidInputException", Some("NON_DETACHABLE_POLICY"));
    let r = o
        .create(
            "RESOURCE_CONTROL_POLICY",
            "allow",
            r#"{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}"#,
        )
        .await;
    assert_failed(&o.mock, r, "MalformedPolicyDocumentException", None);
}

// FIDELITY.md, "Management policy syntax".
#[tokio::test]
async fn management_policies_refuse_child_controls_and_resource_types_aws_does_not_document() {
    let o = org().await;
    let tag_key = |control: &str| {
        format!(
            r#"{{"tags":{{"cc":{{"tag_key":{{"@@assign":"CostCenter","@@operators_allowed_for_child_policies":{control}}}}}}}}}"#
        )
    };
    let enforced = |types: &str| format!(r#"{{"tags":{{"cc":{{"enforced_for":{{"@@assign":{types}}}}}}}}}"#);
    // The three documented forms: @@all, some value-setting operators, @@none.
    for (i, good) in [
        tag_key(r#"["@@all"]"#),
        tag_key(r#"["@@assign","@@append"]"#),
        tag_key(r#"["@@none"]"#),
        enforced(r#"["redshift:*","dynamodb:table"]"#),
    ]
    .into_iter()
    .enumerate()
    {
        o.create("TAG_POLICY", format!("good-{i}"), good).await.unwrap();
    }
    for (i, bad) in [
        tag_key(r#"[]"#),
        tag_key(r#"["@@assign",1]"#),
        tag_key(r#"["@@assign","@@set"]"#),
        tag_key(r#"["@@all","@@assign"]"#),
        tag_key(r#"["@@none","@@remove"]"#),
        tag_key(r#"["@@all","@@none"]"#),
        tag_key(r#""@@all""#),
        enforced(r#"["redshift:"]"#),
        enforced(r#"[":table"]"#),
        enforced(r#"["redshift"]"#),
        enforced(r#""redshift:*""#),
    ]
    .into_iter()
    .enumerate()
    {
        let r = o.create("TAG_POLICY", format!("bad-{i}"), bad).await;
        assert_failed(&o.mock, r, "MalformedPolicyDocumentException", None);
    }
}

#[tokio::test]
async fn attachments_go_with_accounts_that_leave_and_ous_that_are_deleted() {
    let o = org().await;
    let ou = o.ou(&o.root, "Temp").await;
    let account = o.account("leaver").await;
    let scp = o.policy(SCP, "extra", ALLOW_S3).await;
    o.attach(&scp, &ou).await;
    o.attach(&scp, &account).await;
    o.client
        .remove_account_from_organization()
        .account_id(&account)
        .send()
        .await
        .unwrap();
    o.client
        .delete_organizational_unit()
        .organizational_unit_id(&ou)
        .send()
        .await
        .unwrap();
    let targets = o.client.list_targets_for_policy().policy_id(&scp).send().await.unwrap();
    assert!(targets.targets().is_empty());
    o.client.delete_policy().policy_id(&scp).send().await.unwrap();
    let full = o
        .client
        .list_targets_for_policy()
        .policy_id("p-FullAWSAccess")
        .send()
        .await
        .unwrap();
    assert_eq!(full.targets().len(), 2, "the root and the management account");
}

#[tokio::test]
async fn every_list_is_paginated() {
    let o = org().await;
    o.enable("TAG_POLICY").await;
    let mut ids = Vec::new();
    for i in 0..25 {
        ids.push(
            o.policy("TAG_POLICY", &format!("t-{i:02}"), &management_doc("TAG_POLICY"))
                .await,
        );
    }
    for _ in 0..22 {
        o.account(&format!("a{}", o.mock.calls().len())).await;
    }
    let mut pages = o
        .client
        .list_policies()
        .filter(PolicyType::TagPolicy)
        .max_results(10)
        .into_paginator()
        .send();
    let mut names = Vec::new();
    while let Some(page) = pages.next().await {
        names.extend(page.unwrap().policies().iter().map(|p| p.name().unwrap().to_string()));
    }
    assert_eq!(names, (0..25).map(|i| format!("t-{i:02}")).collect::<Vec<_>>());

    let mut pages = o
        .client
        .list_targets_for_policy()
        .policy_id("p-FullAWSAccess")
        .into_paginator()
        .send();
    let mut targets = Vec::new();
    while let Some(page) = pages.next().await {
        targets.extend(page.unwrap().targets().to_vec());
    }
    assert_eq!(targets.len(), 24, "the root, the management account and 22 more");

    for id in &ids[..10] {
        o.attach(id, &o.root).await;
    }
    let first = o
        .client
        .list_policies_for_target()
        .target_id(&o.root)
        .filter(PolicyType::TagPolicy)
        .max_results(4)
        .send()
        .await
        .unwrap();
    assert_eq!(first.policies().len(), 4);
    let rest = o
        .client
        .list_policies_for_target()
        .target_id(&o.root)
        .filter(PolicyType::TagPolicy)
        .next_token(first.next_token().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(rest.policies().len(), 6);
    assert!(rest.next_token().is_none());
}

#[tokio::test]
async fn members_may_not_manage_policies() {
    let o = org().await;
    let member = o.account("member").await;
    let r = o
        .mock
        .client_as(&member)
        .list_policies()
        .filter(PolicyType::ServiceControlPolicy)
        .send()
        .await;
    assert_failed(&o.mock, r, "AccessDeniedException", None);
}
