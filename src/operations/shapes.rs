//! World records as the SDK's output types.

use aws_sdk_organizations::types;
use aws_smithy_types::DateTime;

use crate::world::policies::{PolicyType, PolicyTypeStatus};
use crate::world::{self, Organization, Timestamp, World};

/// A mock-clock timestamp as the SDK's `DateTime`.
pub(super) fn time(ms: Timestamp) -> DateTime {
    DateTime::from_millis(ms)
}

/// Tags as the SDK's `Tag` list.
pub(super) fn tags(tags: &world::Tags) -> Vec<types::Tag> {
    tags.iter()
        .map(|(k, v)| {
            types::Tag::builder()
                .key(k)
                .value(v)
                .build()
                // Cannot fail: the builder needs only the key and the value, both set.
                .expect("key and value are set")
        })
        .collect()
}

/// Request tags as ordered pairs.
pub(super) fn tag_pairs(tags: &[types::Tag]) -> Vec<(String, String)> {
    tags.iter().map(|t| (t.key.clone(), t.value.clone())).collect()
}

fn type_summaries(types: Vec<(PolicyType, PolicyTypeStatus)>) -> Vec<types::PolicyTypeSummary> {
    types
        .into_iter()
        .map(|(t, status)| {
            types::PolicyTypeSummary::builder()
                .r#type(types::PolicyType::from(t.as_str()))
                .status(match status {
                    PolicyTypeStatus::Enabled => types::PolicyTypeStatus::Enabled,
                    PolicyTypeStatus::PendingEnable => types::PolicyTypeStatus::PendingEnable,
                    PolicyTypeStatus::PendingDisable => types::PolicyTypeStatus::PendingDisable,
                })
                .build()
        })
        .collect()
}

/// The policy types enabled (or being enabled or disabled) on the root, as
/// the root's `PolicyTypes`.
pub(super) fn policy_types(org: &Organization) -> Vec<types::PolicyTypeSummary> {
    type_summaries(org.root_policy_types())
}

/// The organization's `AvailablePolicyTypes`, as AWS's examples show it:
/// SCPs `ENABLED` with all features, none with consolidated billing.
pub(super) fn available_policy_types(org: &Organization) -> Vec<types::PolicyTypeSummary> {
    type_summaries(
        org.available_types()
            .into_iter()
            .map(|t| (t, PolicyTypeStatus::Enabled))
            .collect(),
    )
}

/// An organization.
pub(super) fn organization(world: &World, org: &Organization) -> types::Organization {
    let email = world.account(org.management_account_id()).map(|a| a.email.clone());
    types::Organization::builder()
        .id(org.id())
        .arn(org.arn())
        .feature_set(types::OrganizationFeatureSet::from(org.feature_set().as_str()))
        .master_account_arn(org.account_arn(org.management_account_id()))
        .master_account_id(org.management_account_id())
        .set_master_account_email(email)
        .set_available_policy_types(Some(available_policy_types(org)))
        .build()
}

/// The root.
pub(super) fn root(org: &Organization) -> types::Root {
    types::Root::builder()
        .id(&org.root().id)
        .arn(org.root_arn())
        .name(&org.root().name)
        .set_policy_types(Some(policy_types(org)))
        .build()
}

/// An account of `org`.
pub(super) fn account(world: &World, org: &Organization, account: &world::Account) -> types::Account {
    let state = world.account_state(account);
    let parent = account.parent_id.as_deref().unwrap_or(&org.root().id);
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
pub(super) fn organizational_unit(org: &Organization, ou: &world::Ou) -> types::OrganizationalUnit {
    types::OrganizationalUnit::builder()
        .id(&ou.id)
        .arn(org.ou_arn(&ou.id))
        .name(&ou.name)
        .path(org.path_of_parent(&ou.id))
        .build()
}

/// A create-account request.
pub(super) fn create_account_status(request: &world::CreateAccountRequest) -> types::CreateAccountStatus {
    let mut b = types::CreateAccountStatus::builder()
        .id(&request.id)
        .account_name(&request.account_name)
        .state(types::CreateAccountState::from(request.state_str()))
        .requested_timestamp(time(request.requested_at))
        .set_completed_timestamp(request.completed_at.map(time));
    match &request.outcome {
        world::CreateAccountOutcome::Succeeded { account_id } => b = b.account_id(account_id),
        world::CreateAccountOutcome::Failed { reason } => b = b.failure_reason(reason.clone()),
        world::CreateAccountOutcome::InProgress { .. } => {}
    }
    b.build()
}

/// A policy's summary, without its content.
pub(super) fn policy_summary(org: &Organization, policy: &world::policies::Policy) -> types::PolicySummary {
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
pub(super) fn policy(org: &Organization, policy: &world::policies::Policy) -> types::Policy {
    types::Policy::builder()
        .policy_summary(policy_summary(org, policy))
        .content(&policy.content)
        .build()
}

/// A policy target.
pub(super) fn policy_target(target: &world::policies::Target) -> types::PolicyTargetSummary {
    types::PolicyTargetSummary::builder()
        .target_id(&target.id)
        .arn(&target.arn)
        .name(&target.name)
        .r#type(types::TargetType::from(target.kind.as_str()))
        .build()
}

// ---- multi-account: handshakes, delegation, resource policy, transfers ----

fn party(kind: types::HandshakePartyType, id: &str) -> types::HandshakeParty {
    types::HandshakeParty::builder()
        .id(id)
        .r#type(kind)
        .build()
        // Cannot fail: the builder needs only the id and the type, both set.
        .expect("id and type are set")
}

fn resource(kind: types::HandshakeResourceType, value: &str) -> types::HandshakeResource {
    types::HandshakeResource::builder().r#type(kind).value(value).build()
}

/// A handshake.
pub(super) fn handshake(world: &World, h: &world::handshakes::Handshake) -> types::Handshake {
    use types::HandshakeResourceType as R;
    use world::handshakes::HandshakeAction as A;
    let feature_set = world.orgs().get(&h.org_id).map_or(h.feature_set, |o| o.feature_set());
    let organization = types::HandshakeResource::builder()
        .r#type(R::Organization)
        .value(&h.org_id)
        .resources(resource(R::MasterEmail, &h.sender_email))
        .resources(resource(R::MasterName, &h.sender_name))
        .resources(resource(R::OrganizationFeatureSet, feature_set.as_str()))
        .build();
    let mut parties = vec![party(types::HandshakePartyType::Organization, &h.org_id)];
    let mut resources = Vec::new();
    let target = party(types::HandshakePartyType::from(h.target_kind.as_str()), &h.target);
    match (h.action, &h.parent) {
        (A::Invite, _) => {
            parties.push(target);
            resources.push(organization);
            resources.push(resource(R::from(h.target_kind.as_str()), &h.target));
        }
        (A::EnableAllFeatures, None) => resources.push(resource(R::Organization, &h.org_id)),
        (A::EnableAllFeatures | A::ApproveAllFeatures, parent) => {
            if h.action == A::EnableAllFeatures {
                parties.push(target);
            }
            resources.push(resource(R::Organization, &h.org_id));
            resources.push(resource(R::ParentHandshake, parent.as_deref().unwrap_or_default()));
        }
        (A::TransferResponsibility, _) => {
            parties.push(target);
            resources.push(organization);
            if let Some(t) = world.transfers().values().find(|t| Some(&t.id) == h.transfer.as_ref()) {
                resources.push(resource(R::ResponsibilityTransfer, &t.id));
                resources.push(resource(
                    R::TransferType,
                    types::ResponsibilityTransferType::Billing.as_str(),
                ));
                let start = time(t.start_at)
                    .fmt(aws_smithy_types::date_time::Format::DateTime)
                    .unwrap_or_default();
                resources.push(resource(R::TransferStartTimestamp, &start));
            }
            resources.push(resource(R::ManagementAccount, &h.sender));
            resources.push(resource(R::ManagementEmail, &h.sender_email));
            resources.push(resource(R::ManagementName, &h.sender_name));
        }
    }
    if let Some(notes) = &h.notes {
        resources.push(resource(types::HandshakeResourceType::Notes, notes));
    }
    types::Handshake::builder()
        .id(&h.id)
        .arn(h.arn())
        .set_parties(Some(parties))
        .state(types::HandshakeState::from(h.state_at(world.now()).as_str()))
        .requested_timestamp(time(h.requested_at))
        .expiration_timestamp(time(h.expires_at))
        .action(types::ActionType::from(h.action.as_str()))
        .set_resources(Some(resources))
        .build()
}

/// A delegated administrator: the account and when it was first registered.
pub(super) fn delegated_administrator(
    world: &World,
    org: &Organization,
    account: &world::Account,
    enabled_at: Timestamp,
) -> types::DelegatedAdministrator {
    let a = self::account(world, org, account);
    types::DelegatedAdministrator::builder()
        .set_id(a.id)
        .set_arn(a.arn)
        .set_email(a.email)
        .set_name(a.name)
        .set_status(a.status)
        .set_state(a.state)
        .set_joined_method(a.joined_method)
        .set_joined_timestamp(a.joined_timestamp)
        .delegation_enabled_date(time(enabled_at))
        .build()
}

/// A service an account is delegated administrator for.
pub(super) fn delegated_service(d: &world::delegation::Delegation) -> types::DelegatedService {
    types::DelegatedService::builder()
        .service_principal(&d.service_principal)
        .delegation_enabled_date(time(d.enabled_at))
        .build()
}

/// A service with trusted access.
pub(super) fn enabled_service(principal: &str, at: Timestamp) -> types::EnabledServicePrincipal {
    types::EnabledServicePrincipal::builder()
        .service_principal(principal)
        .date_enabled(time(at))
        .build()
}

/// The organization's resource policy.
pub(super) fn resource_policy(org: &Organization, p: &world::delegation::ResourcePolicy) -> types::ResourcePolicy {
    let arn = format!(
        "arn:aws:organizations::{}:resourcepolicy/{}/{}",
        org.management_account_id(),
        org.id(),
        p.id
    );
    types::ResourcePolicy::builder()
        .resource_policy_summary(types::ResourcePolicySummary::builder().id(&p.id).arn(arn).build())
        .content(&p.content)
        .build()
}

/// A responsibility transfer, as `viewer` sees it.
pub(super) fn responsibility_transfer(
    world: &World,
    t: &world::transfers::ResponsibilityTransfer,
    viewer: &str,
) -> types::ResponsibilityTransfer {
    let participant = |id: &str| {
        types::TransferParticipant::builder()
            .management_account_id(id)
            .set_management_account_email(world.account(id).map(|a| a.email.clone()))
            .build()
    };
    let status = world.transfer_status(t);
    let active_handshake = (status == world::transfers::TransferStatus::Requested).then(|| t.handshake_id.clone());
    types::ResponsibilityTransfer::builder()
        .arn(t.arn_for(viewer))
        .name(&t.name)
        .id(&t.id)
        .r#type(types::ResponsibilityTransferType::Billing)
        .status(types::ResponsibilityTransferStatus::from(status.as_str()))
        .source(participant(&t.source_account))
        .target(participant(&t.target_account))
        .start_timestamp(time(t.start_at))
        .set_end_timestamp(t.end_at.map(time))
        .set_active_handshake_id(active_handshake.map(String::from))
        .build()
}

/// A create-account request, with the GovCloud account it made, if any.
pub(super) fn create_account_status_in(
    world: &World,
    request: &world::CreateAccountRequest,
) -> types::CreateAccountStatus {
    let mut status = create_account_status(request);
    status.gov_cloud_account_id = world.govcloud_account_of(request).map(String::from);
    status
}
