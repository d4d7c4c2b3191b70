//! Policies through the real SDK client: every policy operation, every limit
//! and every error of the policies issue.

use aws_organizations_mock::aws_sdk_organizations::error::SdkError;
use aws_organizations_mock::aws_sdk_organizations::operation::{
    create_policy::{CreatePolicyError, CreatePolicyOutput},
    disable_policy_type::{DisablePolicyTypeError, DisablePolicyTypeOutput},
    enable_policy_type::{EnablePolicyTypeError, EnablePolicyTypeOutput},
};
use aws_organizations_mock::aws_sdk_organizations::types::{
    EffectivePolicyType, OrganizationFeatureSet, PolicyType, PolicyTypeStatus, TargetType,
};
use aws_organizations_mock::aws_sdk_organizations::Client;
use aws_organizations_mock::{mock_client, Limits, MockOrganizations};
use serde_json::{json, Value};

use crate::support;
use support::{create_ou, move_account, new_account, root_id, tag};

const SCP: &str = "SERVICE_CONTROL_POLICY";
/// Every `PolicyType` of the model (the SDK may know fewer: it gets the
/// newest ones as `Unknown`, which still round-trip).
const MODEL_POLICY_TYPES: [&str; 15] = [
    "SERVICE_CONTROL_POLICY",
    "RESOURCE_CONTROL_POLICY",
    "TAG_POLICY",
    "BACKUP_POLICY",
    "AISERVICES_OPT_OUT_POLICY",
    "CHATBOT_POLICY",
    "DECLARATIVE_POLICY_EC2",
    "SECURITYHUB_POLICY",
    "SECURITYHUB_CSPM_POLICY",
    "INSPECTOR_POLICY",
    "UPGRADE_ROLLOUT_POLICY",
    "BEDROCK_POLICY",
    "S3_POLICY",
    "NETWORK_SECURITY_DIRECTOR_POLICY",
    "GUARDDUTY_POLICY",
];
const ALLOW_S3: &str = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*"}}"#;

/// Asserts that the last call failed with `code` (and `reason`, if given).
fn assert_failed<T: std::fmt::Debug, E: Into<aws_sdk_organizations::Error>>(
    mock: &MockOrganizations,
    result: Result<T, E>,
    code: &str,
    reason: Option<&str>,
) {
    let error = match result {
        Ok(output) => panic!("expected {code}, got {output:?}"),
        Err(error) => error,
    };
    // What the SDK decoded: the typed exception and its Reason.
    let expected = match reason {
        Some(reason) => format!("{code}/{reason}"),
        None => code.to_owned(),
    };
    assert_eq!(support::decoded::decoded(error), expected);
    // And the call log agrees.
    assert_eq!(mock.calls().pop().expect("a call was made").error_code(), Some(code));
}

struct Org {
    mock: MockOrganizations,
    client: Client,
    root: String,
}

/// An organization as AWS creates it (no policy type enabled), with SCPs
/// then enabled through `EnablePolicyType` when it has all features, as
/// Terraform's `enabled_policy_types` does.
async fn org_with(mock: MockOrganizations, feature_set: OrganizationFeatureSet) -> Org {
    let client = mock.client();
    let all = feature_set == OrganizationFeatureSet::All;
    client
        .create_organization()
        .feature_set(feature_set)
        .send()
        .await
        .unwrap();
    let root = root_id(&client).await;
    let o = Org { mock, client, root };
    if all {
        o.enable(SCP).await;
    }
    o
}

async fn org() -> Org {
    org_with(MockOrganizations::new(), OrganizationFeatureSet::All).await
}

impl Org {
    async fn account(&self, name: &str) -> String {
        new_account(&self.client, name).await
    }

    async fn ou(&self, parent: &str, name: &str) -> String {
        create_ou(&self.client, parent, name).await
    }

    async fn move_to(&self, account: &str, ou: &str) {
        move_account(&self.client, account, &self.root, ou).await;
    }

    async fn create(
        &self,
        kind: &str,
        name: impl Into<String>,
        content: impl Into<String>,
    ) -> Result<CreatePolicyOutput, SdkError<CreatePolicyError>> {
        let name = name.into();
        self.client
            .create_policy()
            .r#type(PolicyType::from(kind))
            .description(format!("{name} for tests"))
            .name(name)
            .content(content)
            .send()
            .await
    }

    async fn policy(&self, kind: &str, name: &str, content: &str) -> String {
        let p = self.create(kind, name, content).await.unwrap();
        p.policy().unwrap().policy_summary().unwrap().id().unwrap().to_string()
    }

    async fn enable_type(&self, kind: &str) -> Result<EnablePolicyTypeOutput, SdkError<EnablePolicyTypeError>> {
        let t = PolicyType::from(kind);
        self.client
            .enable_policy_type()
            .root_id(&self.root)
            .policy_type(t)
            .send()
            .await
    }

    async fn disable_type(&self, kind: &str) -> Result<DisablePolicyTypeOutput, SdkError<DisablePolicyTypeError>> {
        let t = PolicyType::from(kind);
        self.client
            .disable_policy_type()
            .root_id(&self.root)
            .policy_type(t)
            .send()
            .await
    }

    async fn enable(&self, kind: &str) {
        self.enable_type(kind).await.unwrap();
    }

    async fn attach(&self, policy: &str, target: &str) {
        self.client
            .attach_policy()
            .policy_id(policy)
            .target_id(target)
            .send()
            .await
            .unwrap();
    }

    async fn attached(&self, target: &str, kind: &str) -> Vec<String> {
        let out = self
            .client
            .list_policies_for_target()
            .target_id(target)
            .filter(PolicyType::from(kind))
            .send()
            .await
            .unwrap();
        out.policies().iter().map(|p| p.id().unwrap().to_string()).collect()
    }

    async fn effective(&self, kind: &str, account: &str) -> Value {
        let out = self
            .client
            .describe_effective_policy()
            .policy_type(EffectivePolicyType::from(kind))
            .target_id(account)
            .send()
            .await
            .unwrap();
        serde_json::from_str(out.effective_policy().unwrap().policy_content().unwrap()).unwrap()
    }
}

fn management_doc(kind: &str) -> String {
    let top = match kind {
        "TAG_POLICY" => "tags",
        "BACKUP_POLICY" => "plans",
        "AISERVICES_OPT_OUT_POLICY" => "services",
        "CHATBOT_POLICY" => "chatbot",
        "DECLARATIVE_POLICY_EC2" => "ec2_attributes",
        _ => "settings",
    };
    json!({ top: { "setting": { "@@assign": "value" } } }).to_string()
}

fn doc_for(kind: &str) -> String {
    match kind {
        "SERVICE_CONTROL_POLICY" => ALLOW_S3.to_string(),
        "RESOURCE_CONTROL_POLICY" => {
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}}"#
                .into()
        }
        other => management_doc(other),
    }
}

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
    // Security Hub policies need their service's trusted access first.
    for service in ["securityhub.amazonaws.com"] {
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
async fn a_target_holds_at_most_five_and_at_least_one_scp() {
    let o = org().await;
    let ou = o.ou(&o.root, "A").await;
    let mut scps = Vec::new();
    for i in 0..5 {
        scps.push(o.policy(SCP, &format!("scp-{i}"), ALLOW_S3).await);
    }
    for id in &scps[..4] {
        o.attach(id, &ou).await;
    }
    let r = o.client.attach_policy().policy_id(&scps[4]).target_id(&ou).send().await;
    assert_failed(
        &o.mock,
        r,
        "ConstraintViolationException",
        Some("MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"),
    );

    // FullAWSAccess can go while another SCP remains; the last one can't.
    o.client
        .detach_policy()
        .policy_id("p-FullAWSAccess")
        .target_id(&ou)
        .send()
        .await
        .unwrap();
    for id in &scps[..3] {
        o.client
            .detach_policy()
            .policy_id(id)
            .target_id(&ou)
            .send()
            .await
            .unwrap();
    }
    let r = o.client.detach_policy().policy_id(&scps[3]).target_id(&ou).send().await;
    assert_failed(
        &o.mock,
        r,
        "ConstraintViolationException",
        Some("MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"),
    );
    let r = o
        .client
        .detach_policy()
        .policy_id("p-FullAWSAccess")
        .target_id(&o.root)
        .send()
        .await;
    assert_failed(
        &o.mock,
        r,
        "ConstraintViolationException",
        Some("MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"),
    );
}

#[tokio::test]
async fn raised_quotas_come_from_the_builder() {
    let limits = Limits {
        max_policies_per_target: [(SCP.to_string(), 6)].into(),
        max_policies_per_type: 6,
        max_policy_content_chars: [(SCP.to_string(), 100)].into(),
        ..Limits::default()
    };
    let o = org_with(
        MockOrganizations::builder().limits(limits).build(),
        OrganizationFeatureSet::All,
    )
    .await;
    for i in 0..5 {
        let id = o.policy(SCP, &format!("scp-{i}"), ALLOW_S3).await;
        o.attach(&id, &o.root).await;
    }
    assert_eq!(o.attached(&o.root, SCP).await.len(), 6);
    o.policy(SCP, "scp-5", ALLOW_S3).await;
    let r = o.create(SCP, "scp-6", ALLOW_S3).await;
    assert_failed(
        &o.mock,
        r,
        "ConstraintViolationException",
        Some("POLICY_NUMBER_LIMIT_EXCEEDED"),
    );
    let long = format!(
        r#"{{"Statement":{{"Sid":"{}","Effect":"Allow","Action":"*"}}}}"#,
        "A".repeat(60)
    );
    let r = o
        .client
        .update_policy()
        .policy_id("p-FullAWSAccess")
        .content(&long)
        .send()
        .await;
    assert_failed(&o.mock, r, "InvalidInputException", Some("IMMUTABLE_POLICY"));
    let first = o.attached(&o.root, SCP).await[1].clone();
    let r = o.client.update_policy().policy_id(&first).content(&long).send().await;
    assert_failed(
        &o.mock,
        r,
        "ConstraintViolationException",
        Some("POLICY_CONTENT_LIMIT_EXCEEDED"),
    );
}

/// A valid document of exactly `chars` characters.
fn sized(kind: &str, chars: usize) -> String {
    let (head, tail) = match kind {
        "SERVICE_CONTROL_POLICY" => (r#"{"Statement":{"Effect":"Allow","Action":"*","Sid":""#, r#""}}"#),
        "TAG_POLICY" => (r#"{"tags":{"k":{"tag_key":{"@@assign":""#, r#""}}}}"#),
        _ => (r#"{"services":{"default":{"opt_out_policy":{"@@assign":""#, r#""}}}}"#),
    };
    format!("{head}{}{tail}", "a".repeat(chars - head.len() - tail.len()))
}

#[tokio::test]
async fn documents_are_limited_in_size_per_type() {
    let o = org().await;
    for (kind, limit) in [
        (SCP, 5_120),
        ("TAG_POLICY", 10_000),
        ("AISERVICES_OPT_OUT_POLICY", 2_500),
    ] {
        o.policy(kind, &format!("{kind}-max"), &sized(kind, limit)).await;
        let r = o.create(kind, format!("{kind}-over"), sized(kind, limit + 1)).await;
        assert_failed(
            &o.mock,
            r,
            "ConstraintViolationException",
            Some("POLICY_CONTENT_LIMIT_EXCEEDED"),
        );
    }
}

#[tokio::test]
async fn malformed_documents_are_refused() {
    let o = org().await;
    for (kind, content) in [
        (SCP, "{not json"),
        (
            SCP,
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Permit","Action":"*"}}"#,
        ),
        (SCP, r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow"}}"#),
        ("TAG_POLICY", r#"{"tags":{"cc":{"tag_key":"CostCenter"}}}"#),
        ("TAG_POLICY", r#"{"tags":{"cc":{"tag_value":{"@@prepend":["x"]}}}}"#),
        (
            "BACKUP_POLICY",
            r#"{"plans":{"p":{"regions":{"@@append":"us-east-1"}}}}"#,
        ),
    ] {
        let r = o.create(kind, "bad", content).await;
        assert_failed(&o.mock, r, "MalformedPolicyDocumentException", None);
    }
    assert_eq!(
        o.client
            .list_policies()
            .filter(PolicyType::TagPolicy)
            .send()
            .await
            .unwrap()
            .policies()
            .len(),
        0
    );
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
    let describe = |kind: &str, target: &str| {
        o.client
            .describe_effective_policy()
            .policy_type(EffectivePolicyType::from(kind))
            .target_id(target)
            .send()
    };
    let r = describe("TAG_POLICY", &g.in_ou1).await;
    assert_failed(&o.mock, r, "EffectivePolicyNotFoundException", None);
    let r = describe("BACKUP_POLICY", &g.in_ou1).await;
    assert_failed(&o.mock, r, "EffectivePolicyNotFoundException", None);
    let r = describe(SCP, &g.in_ou1).await;
    assert_failed(&o.mock, r, "InvalidInputException", Some("INVALID_ENUM_POLICY_TYPE"));
    let r = describe("TAG_POLICY", &g.ou1).await;
    assert_failed(&o.mock, r, "InvalidInputException", Some("TARGET_NOT_SUPPORTED"));
    let r = describe("TAG_POLICY", "123456789012").await;
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

/// The README's governance example, verbatim.
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
