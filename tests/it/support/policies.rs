//! Helpers of the policy tests (`policies`, `policy_limits`,
//! `effective_policies`): an organization with its clients, policy documents.

use aws_organizations_mock::aws_sdk_organizations::error::SdkError;
use aws_organizations_mock::aws_sdk_organizations::operation::{
    create_policy::{CreatePolicyError, CreatePolicyOutput},
    disable_policy_type::{DisablePolicyTypeError, DisablePolicyTypeOutput},
    enable_policy_type::{EnablePolicyTypeError, EnablePolicyTypeOutput},
};
use aws_organizations_mock::aws_sdk_organizations::types::OrganizationFeatureSet;
use aws_organizations_mock::aws_sdk_organizations::Client;
use aws_organizations_mock::MockOrganizations;
use serde_json::{json, Value};

use crate::support;
use support::{create_ou, move_account, new_account, root_id};

pub(crate) const SCP: &str = "SERVICE_CONTROL_POLICY";
/// Every `PolicyType` of the model (the SDK may know fewer: it gets the
/// newest ones as `Unknown`, which still round-trip).
pub(crate) const MODEL_POLICY_TYPES: [&str; 15] = [
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
pub(crate) const ALLOW_S3: &str = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*"}}"#;

/// Asserts that the last call failed with `code` (and `reason`, if given).
pub(crate) fn assert_failed<T: std::fmt::Debug, E: Into<aws_sdk_organizations::Error>>(
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

pub(crate) struct Org {
    pub(crate) mock: MockOrganizations,
    pub(crate) client: Client,
    pub(crate) root: String,
}

/// An organization as AWS creates it (no policy type enabled), with SCPs
/// then enabled through `EnablePolicyType` when it has all features, as
/// Terraform's `enabled_policy_types` does.
pub(crate) async fn org_with(mock: MockOrganizations, feature_set: OrganizationFeatureSet) -> Org {
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

pub(crate) async fn org() -> Org {
    org_with(MockOrganizations::new(), OrganizationFeatureSet::All).await
}

impl Org {
    pub(crate) async fn account(&self, name: &str) -> String {
        new_account(&self.client, name).await
    }

    pub(crate) async fn ou(&self, parent: &str, name: &str) -> String {
        create_ou(&self.client, parent, name).await
    }

    pub(crate) async fn move_to(&self, account: &str, ou: &str) {
        move_account(&self.client, account, &self.root, ou).await;
    }

    pub(crate) async fn create(
        &self,
        kind: &str,
        name: impl Into<String>,
        content: impl Into<String>,
    ) -> Result<CreatePolicyOutput, SdkError<CreatePolicyError>> {
        let name = name.into();
        self.client
            .create_policy()
            .r#type(support::model::policy_type(kind))
            .description(format!("{name} for tests"))
            .name(name)
            .content(content)
            .send()
            .await
    }

    pub(crate) async fn policy(&self, kind: &str, name: &str, content: &str) -> String {
        let p = self.create(kind, name, content).await.unwrap();
        p.policy().unwrap().policy_summary().unwrap().id().unwrap().to_string()
    }

    pub(crate) async fn enable_type(
        &self,
        kind: &str,
    ) -> Result<EnablePolicyTypeOutput, SdkError<EnablePolicyTypeError>> {
        let t = support::model::policy_type(kind);
        self.client
            .enable_policy_type()
            .root_id(&self.root)
            .policy_type(t)
            .send()
            .await
    }

    pub(crate) async fn disable_type(
        &self,
        kind: &str,
    ) -> Result<DisablePolicyTypeOutput, SdkError<DisablePolicyTypeError>> {
        let t = support::model::policy_type(kind);
        self.client
            .disable_policy_type()
            .root_id(&self.root)
            .policy_type(t)
            .send()
            .await
    }

    pub(crate) async fn enable(&self, kind: &str) {
        self.enable_type(kind).await.unwrap();
    }

    pub(crate) async fn attach(&self, policy: &str, target: &str) {
        self.client
            .attach_policy()
            .policy_id(policy)
            .target_id(target)
            .send()
            .await
            .unwrap();
    }

    pub(crate) async fn attached(&self, target: &str, kind: &str) -> Vec<String> {
        let out = self
            .client
            .list_policies_for_target()
            .target_id(target)
            .filter(support::model::policy_type(kind))
            .send()
            .await
            .unwrap();
        out.policies().iter().map(|p| p.id().unwrap().to_string()).collect()
    }

    pub(crate) async fn effective(&self, kind: &str, account: &str) -> Value {
        let out = self
            .client
            .describe_effective_policy()
            .policy_type(support::model::effective_policy_type(kind))
            .target_id(account)
            .send()
            .await
            .unwrap();
        serde_json::from_str(out.effective_policy().unwrap().policy_content().unwrap()).unwrap()
    }
}

pub(crate) fn management_doc(kind: &str) -> String {
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

pub(crate) fn doc_for(kind: &str) -> String {
    match kind {
        "SERVICE_CONTROL_POLICY" => ALLOW_S3.to_string(),
        "RESOURCE_CONTROL_POLICY" => {
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}}"#
                .into()
        }
        other => management_doc(other),
    }
}
