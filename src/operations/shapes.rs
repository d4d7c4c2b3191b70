//! World records as the SDK's output types.

use aws_sdk_organizations::types;
use aws_smithy_types::DateTime;

use crate::world::{self, Organization, Timestamp, World};

/// A mock-clock timestamp as the SDK's `DateTime`.
pub fn time(ms: Timestamp) -> DateTime {
    DateTime::from_millis(ms)
}

/// Tags as the SDK's `Tag` list.
pub fn tags(tags: &world::Tags) -> Vec<types::Tag> {
    tags.iter()
        .map(|(k, v)| {
            types::Tag::builder()
                .key(k)
                .value(v)
                .build()
                .expect("key and value are set")
        })
        .collect()
}

/// Request tags as ordered pairs.
pub fn tag_pairs(tags: &[types::Tag]) -> Vec<(String, String)> {
    tags.iter().map(|t| (t.key.clone(), t.value.clone())).collect()
}

fn type_summaries(types: Vec<&'static str>) -> Vec<types::PolicyTypeSummary> {
    types
        .into_iter()
        .map(|t| {
            types::PolicyTypeSummary::builder()
                .r#type(types::PolicyType::from(t))
                .status(types::PolicyTypeStatus::Enabled)
                .build()
        })
        .collect()
}

/// The policy types enabled on the root, as the root's `PolicyTypes`.
pub fn policy_types(org: &Organization) -> Vec<types::PolicyTypeSummary> {
    type_summaries(org.enabled_types())
}

/// The policy types available to the organization, as its
/// `AvailablePolicyTypes`: all of them with all features, none with
/// consolidated billing.
pub fn available_policy_types(org: &Organization) -> Vec<types::PolicyTypeSummary> {
    type_summaries(org.available_types())
}

/// An organization.
pub fn organization(world: &World, org: &Organization) -> types::Organization {
    let email = world.accounts.get(&org.management_account_id).map(|a| a.email.clone());
    types::Organization::builder()
        .id(&org.id)
        .arn(org.arn())
        .feature_set(types::OrganizationFeatureSet::from(org.feature_set.as_str()))
        .master_account_arn(org.account_arn(&org.management_account_id))
        .master_account_id(&org.management_account_id)
        .set_master_account_email(email)
        .set_available_policy_types(Some(available_policy_types(org)))
        .build()
}

/// The root.
pub fn root(org: &Organization) -> types::Root {
    types::Root::builder()
        .id(&org.root.id)
        .arn(org.root_arn())
        .name(&org.root.name)
        .set_policy_types(Some(policy_types(org)))
        .build()
}

/// An account of `org`.
pub fn account(world: &World, org: &Organization, account: &world::Account) -> types::Account {
    let state = world.account_state(account);
    let parent = account.parent_id.as_deref().unwrap_or(&org.root.id);
    let path = org.path_with(parent, &account.id);
    types::Account::builder()
        .id(&account.id)
        .arn(org.account_arn(&account.id))
        .email(&account.email)
        .name(&account.name)
        .status(types::AccountStatus::from(state.status_str()))
        .state(types::AccountState::from(state.state_str()))
        .paths(path)
        .joined_method(types::AccountJoinedMethod::from(account.joined_method.as_str()))
        .joined_timestamp(time(account.joined_at))
        .build()
}

/// An OU of `org`.
pub fn organizational_unit(org: &Organization, ou: &world::Ou) -> types::OrganizationalUnit {
    types::OrganizationalUnit::builder()
        .id(&ou.id)
        .arn(org.ou_arn(&ou.id))
        .name(&ou.name)
        .path(org.path_of_parent(&ou.id))
        .build()
}

/// A create-account request.
pub fn create_account_status(request: &world::CreateAccountRequest) -> types::CreateAccountStatus {
    let mut b = types::CreateAccountStatus::builder()
        .id(&request.id)
        .account_name(&request.account_name)
        .state(types::CreateAccountState::from(request.state_str()))
        .requested_timestamp(time(request.requested_at))
        .set_completed_timestamp(request.completed_at.map(time));
    match &request.outcome {
        world::CreateAccountOutcome::Succeeded { account_id } => b = b.account_id(account_id),
        world::CreateAccountOutcome::Failed { reason } => {
            b = b.failure_reason(types::CreateAccountFailureReason::from(reason.as_str()))
        }
        world::CreateAccountOutcome::InProgress { .. } => {}
    }
    b.build()
}

/// A policy's summary, without its content.
pub fn policy_summary(org: &Organization, policy: &world::policies::Policy) -> types::PolicySummary {
    types::PolicySummary::builder()
        .id(&policy.id)
        .arn(policy.arn(org))
        .name(&policy.name)
        .description(&policy.description)
        .r#type(types::PolicyType::from(policy.policy_type.as_str()))
        .aws_managed(policy.aws_managed)
        .build()
}

/// A policy with its content.
pub fn policy(org: &Organization, policy: &world::policies::Policy) -> types::Policy {
    types::Policy::builder()
        .policy_summary(policy_summary(org, policy))
        .content(&policy.content)
        .build()
}

/// A policy target.
pub fn policy_target(target: &world::policies::Target) -> types::PolicyTargetSummary {
    types::PolicyTargetSummary::builder()
        .target_id(&target.id)
        .arn(&target.arn)
        .name(&target.name)
        .r#type(types::TargetType::from(target.kind.as_str()))
        .build()
}
