//! The limits of policies through the real SDK client: policies per target,
//! quotas raised through the builder, document sizes per type and malformed
//! documents.

use aws_organizations_mock::aws_sdk_organizations::types::{OrganizationFeatureSet, PolicyType};
use aws_organizations_mock::{Limits, MockOrganizations};

use crate::support::policies::*;

/// SCPs one target may hold, `p-FullAWSAccess` included (FIDELITY.md#policy-quotas).
const SCPS_PER_TARGET: usize = 10;

#[tokio::test]
async fn a_target_holds_at_most_ten_and_at_least_one_scp() {
    let o = org().await;
    let ou = o.ou(&o.root, "A").await;
    let mut scps = Vec::new();
    for i in 0..SCPS_PER_TARGET {
        scps.push(o.policy(SCP, &format!("scp-{i}"), ALLOW_S3).await);
    }
    for id in &scps[..SCPS_PER_TARGET - 1] {
        o.attach(id, &ou).await;
    }
    let r = o
        .client
        .attach_policy()
        .policy_id(&scps[SCPS_PER_TARGET - 1])
        .target_id(&ou)
        .send()
        .await;
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
    let last = SCPS_PER_TARGET - 2;
    for id in &scps[..last] {
        o.client
            .detach_policy()
            .policy_id(id)
            .target_id(&ou)
            .send()
            .await
            .unwrap();
    }
    let r = o
        .client
        .detach_policy()
        .policy_id(&scps[last])
        .target_id(&ou)
        .send()
        .await;
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
        "RESOURCE_CONTROL_POLICY" => (
            r#"{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Sid":""#,
            r#""}}"#,
        ),
        "TAG_POLICY" => (r#"{"tags":{"k":{"tag_key":{"@@assign":""#, r#""}}}}"#),
        _ => (r#"{"services":{"default":{"opt_out_policy":{"@@assign":""#, r#""}}}}"#),
    };
    format!("{head}{}{tail}", "a".repeat(chars - head.len() - tail.len()))
}

#[tokio::test]
async fn documents_are_limited_in_size_per_type() {
    let o = org().await;
    for (kind, limit) in [
        (SCP, 10_240),
        ("RESOURCE_CONTROL_POLICY", 5_120),
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
