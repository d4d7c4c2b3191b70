//! Who may call what: the dispatch table against the model's documentation,
//! and every operation called through the real SDK as the management
//! account, a delegated administrator, a member the resource policy grants
//! everything, a plain member and an account outside any organization.
//!
//! Both tests walk the whole dispatch table, so operations added to it later
//! are covered without touching this file.

use crate::support::raw::{SERIALIZATION, SERVICE_EXCEPTION, UNKNOWN_OPERATION};
use std::collections::HashMap;

use aws_organizations_mock::aws_sdk_organizations::types::{
    ChildType, EffectivePolicyType, PolicyType, ResponsibilityTransferType,
};
use aws_organizations_mock::aws_sdk_organizations::Client;
use aws_organizations_mock::{supported_operations, Access, MockOrganizations};

use crate::support;
use support::{account_party, organization_with, tag};

use crate::support::MANAGEMENT;
const DELEGATED: &str = "222222222222";
const MEMBER: &str = "444444444444";
const GRANTED: &str = "555555555555";
const OUTSIDER: &str = "999999999999";

/// Calls an operation by name through the real SDK client, with the
/// smallest input the model's constraints accept (validation runs before
/// authorization, as it does at AWS); `None` for a name the SDK does not know.
macro_rules! sdk_calls {
    ($($name:literal => $method:ident { $($input:tt)* }),* $(,)?) => {
        async fn call(client: &Client, operation: &str) -> Option<Result<(), String>> {
            Some(match operation {
                $($name => client.$method()$($input)*.send().await.map(|_| ()).map_err(support::decoded::decoded),)*
                _ => return None,
            })
        }
    };
}

sdk_calls! {
    "AcceptHandshake" => accept_handshake{.handshake_id("h-0000000000")},
    "AttachPolicy" => attach_policy{.policy_id("p-00000000").target_id("r-0000")},
    "CancelHandshake" => cancel_handshake{.handshake_id("h-0000000000")},
    "CloseAccount" => close_account{.account_id("000000000000")},
    "CreateAccount" => create_account{.email("new@example.com").account_name("New")},
    "CreateGovCloudAccount" => create_gov_cloud_account{.email("gov@example.com").account_name("Gov")},
    "CreateOrganization" => create_organization{},
    "CreateOrganizationalUnit" => create_organizational_unit{.parent_id("r-0000").name("OU")},
    "CreatePolicy" => create_policy{.content("{}").description("d").name("n").r#type(PolicyType::TagPolicy)},
    "DeclineHandshake" => decline_handshake{.handshake_id("h-0000000000")},
    "DeleteOrganization" => delete_organization{},
    "DeleteOrganizationalUnit" => delete_organizational_unit{.organizational_unit_id("ou-0000-00000000")},
    "DeletePolicy" => delete_policy{.policy_id("p-00000000")},
    "DeleteResourcePolicy" => delete_resource_policy{},
    "DeregisterDelegatedAdministrator" => deregister_delegated_administrator{.account_id("000000000000").service_principal("config.amazonaws.com")},
    "DescribeAccount" => describe_account{.account_id("000000000000")},
    "DescribeCreateAccountStatus" => describe_create_account_status{.create_account_request_id("car-00000000")},
    "DescribeEffectivePolicy" => describe_effective_policy{.policy_type(EffectivePolicyType::TagPolicy)},
    "DescribeHandshake" => describe_handshake{.handshake_id("h-0000000000")},
    "DescribeOrganization" => describe_organization{},
    "DescribeOrganizationalUnit" => describe_organizational_unit{.organizational_unit_id("ou-0000-00000000")},
    "DescribePolicy" => describe_policy{.policy_id("p-00000000")},
    "DescribeResourcePolicy" => describe_resource_policy{},
    "DescribeResponsibilityTransfer" => describe_responsibility_transfer{.id("rt-00000000")},
    "DetachPolicy" => detach_policy{.policy_id("p-00000000").target_id("r-0000")},
    "DisableAWSServiceAccess" => disable_aws_service_access{.service_principal("config.amazonaws.com")},
    "DisablePolicyType" => disable_policy_type{.root_id("r-0000").policy_type(PolicyType::TagPolicy)},
    "EnableAWSServiceAccess" => enable_aws_service_access{.service_principal("config.amazonaws.com")},
    "EnableAllFeatures" => enable_all_features{},
    "EnablePolicyType" => enable_policy_type{.root_id("r-0000").policy_type(PolicyType::TagPolicy)},
    "InviteAccountToOrganization" => invite_account_to_organization{.target(account_party("000000000000"))},
    "InviteOrganizationToTransferResponsibility" => invite_organization_to_transfer_responsibility{.r#type(ResponsibilityTransferType::Billing).target(account_party("000000000000")).start_timestamp(aws_smithy_types::DateTime::from_secs(1_767_225_600)).source_name("Source")},
    "LeaveOrganization" => leave_organization{},
    "ListAWSServiceAccessForOrganization" => list_aws_service_access_for_organization{},
    "ListAccounts" => list_accounts{},
    "ListAccountsForParent" => list_accounts_for_parent{.parent_id("r-0000")},
    "ListAccountsWithInvalidEffectivePolicy" => list_accounts_with_invalid_effective_policy{.policy_type(EffectivePolicyType::TagPolicy)},
    "ListChildren" => list_children{.parent_id("r-0000").child_type(ChildType::Account)},
    "ListCreateAccountStatus" => list_create_account_status{},
    "ListDelegatedAdministrators" => list_delegated_administrators{},
    "ListDelegatedServicesForAccount" => list_delegated_services_for_account{.account_id("000000000000")},
    "ListEffectivePolicyValidationErrors" => list_effective_policy_validation_errors{.account_id("000000000000").policy_type(EffectivePolicyType::TagPolicy)},
    "ListHandshakesForAccount" => list_handshakes_for_account{},
    "ListHandshakesForOrganization" => list_handshakes_for_organization{},
    "ListInboundResponsibilityTransfers" => list_inbound_responsibility_transfers{.r#type(ResponsibilityTransferType::Billing)},
    "ListOrganizationalUnitsForParent" => list_organizational_units_for_parent{.parent_id("r-0000")},
    "ListOutboundResponsibilityTransfers" => list_outbound_responsibility_transfers{.r#type(ResponsibilityTransferType::Billing)},
    "ListParents" => list_parents{.child_id("000000000000")},
    "ListPolicies" => list_policies{.filter(PolicyType::TagPolicy)},
    "ListPoliciesForTarget" => list_policies_for_target{.target_id("r-0000").filter(PolicyType::TagPolicy)},
    "ListRoots" => list_roots{},
    "ListTagsForResource" => list_tags_for_resource{.resource_id("r-0000")},
    "ListTargetsForPolicy" => list_targets_for_policy{.policy_id("p-00000000")},
    "MoveAccount" => move_account{.account_id("000000000000").source_parent_id("r-0000").destination_parent_id("r-0001")},
    "PutResourcePolicy" => put_resource_policy{.content("{}")},
    "RegisterDelegatedAdministrator" => register_delegated_administrator{.account_id("000000000000").service_principal("config.amazonaws.com")},
    "RemoveAccountFromOrganization" => remove_account_from_organization{.account_id("000000000000")},
    "TagResource" => tag_resource{.resource_id("r-0000").tags(tag("k", "v"))},
    "TerminateResponsibilityTransfer" => terminate_responsibility_transfer{.id("rt-00000000")},
    "UntagResource" => untag_resource{.resource_id("r-0000").tag_keys("k")},
    "UpdateOrganizationalUnit" => update_organizational_unit{.organizational_unit_id("ou-0000-00000000")},
    "UpdatePolicy" => update_policy{.policy_id("p-00000000")},
    "UpdateResponsibilityTransfer" => update_responsibility_transfer{.id("rt-00000000").name("Name")},
}

fn read_only(name: &str) -> bool {
    name.starts_with("Describe") || name.starts_with("List")
}

// ---- the table against the documentation ----

/// Operations whose documentation has no "who may call" sentence, and why
/// the table says what it says.
const UNDOCUMENTED: &[(&str, Access, &str)] = &[
    (
        "AcceptHandshake",
        Access::Anyone,
        "a standalone account accepts its invitation to join",
    ),
    (
        "CloseAccount",
        Access::Management,
        "closes member accounts of the caller's organization",
    ),
    (
        "CreateOrganization",
        Access::Anyone,
        "a standalone account creates its organization",
    ),
    (
        "DeleteOrganization",
        Access::Management,
        "only the management account can delete its organization",
    ),
    (
        "DescribeResponsibilityTransfer",
        Access::Management,
        "transfers are between management accounts",
    ),
    (
        "UpdateResponsibilityTransfer",
        Access::Management,
        "transfers are between management accounts",
    ),
    (
        "TerminateResponsibilityTransfer",
        Access::Management,
        "transfers are between management accounts",
    ),
    (
        "ListInboundResponsibilityTransfers",
        Access::Management,
        "transfers are between management accounts",
    ),
    (
        "ListOutboundResponsibilityTransfers",
        Access::Management,
        "transfers are between management accounts",
    ),
];

/// Who the documentation says may call an operation.
fn documented(doc: &str, errors: &[&str]) -> Option<Access> {
    let text = doc
        .split('<')
        .map(|part| part.split_once('>').map_or(part, |(_, t)| t))
        .collect::<Vec<_>>()
        .join(" ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let not_in_use = errors.contains(&"AWSOrganizationsNotInUseException");
    if text.contains("from the management account or a member account that is a delegated administrator") {
        Some(Access::ManagementOrDelegated)
    } else if text.contains("call this operation from the management account")
        || text.contains("call this action from the management account")
    {
        Some(Access::Management)
    } else if text.contains("from any account in a organization") {
        Some(if not_in_use { Access::AnyMember } else { Access::Anyone })
    } else if text.contains("from a member account") {
        Some(Access::AnyMember)
    } else if text.contains("Only the account that sent a handshake")
        || text.contains("Only the account that receives a handshake")
    {
        Some(Access::Anyone)
    } else {
        None
    }
}

#[test]
fn the_table_agrees_with_the_documentation() {
    let model = support::model::service();
    let operations = model["operations"].as_object().expect("operations");
    let mut problems = Vec::new();
    for (name, access) in supported_operations().map(|op| (op.name, op.access)) {
        let Some(op) = operations.get(name) else {
            problems.push(format!("{name}: not an operation of the model"));
            continue;
        };
        let errors: Vec<&str> = op["errors"]
            .as_array()
            .map(|e| e.iter().filter_map(|e| e["shape"].as_str()).collect())
            .unwrap_or_default();
        let expected = match (
            documented(op["documentation"].as_str().unwrap_or_default(), &errors),
            UNDOCUMENTED.iter().find(|u| u.0 == name),
        ) {
            (Some(doc), None) => doc,
            (None, Some((_, access, _))) => *access,
            (Some(doc), Some(_)) => {
                problems.push(format!("{name}: documented now as {doc:?}; drop it from UNDOCUMENTED"));
                doc
            }
            (None, None) => {
                problems.push(format!(
                    "{name}: no 'who may call' sentence; add it to UNDOCUMENTED with a reason"
                ));
                continue;
            }
        };
        if access != expected {
            problems.push(format!(
                "{name}: the table says {access:?}, the documentation {expected:?}"
            ));
        }
        // Everything but Anyone answers outsiders with AWSOrganizationsNotInUseException,
        // which the model must list (AcceptHandshake lists it for its other uses).
        let lists_not_in_use = errors.contains(&"AWSOrganizationsNotInUseException");
        if (access != Access::Anyone) && !lists_not_in_use {
            problems.push(format!(
                "{name}: {access:?} but the model lists no AWSOrganizationsNotInUseException"
            ));
        }
        if access == Access::Anyone && lists_not_in_use && name != "AcceptHandshake" {
            problems.push(format!(
                "{name}: Anyone, but the model says outsiders get AWSOrganizationsNotInUseException"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---- every operation through the SDK, as every kind of caller ----

/// An organization with a delegated administrator, a member the resource
/// policy grants every action, and a plain member.
async fn world() -> MockOrganizations {
    let mock = MockOrganizations::new();
    organization_with(&mock, &[DELEGATED, MEMBER, GRANTED]).await;
    let management = mock.client();
    management
        .enable_aws_service_access()
        .service_principal("guardduty.amazonaws.com")
        .send()
        .await
        .unwrap();
    management
        .register_delegated_administrator()
        .account_id(DELEGATED)
        .service_principal("guardduty.amazonaws.com")
        .send()
        .await
        .unwrap();
    let policy = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{GRANTED}:root"}},"Action":"organizations:*","Resource":"*"}}]}}"#
    );
    management.put_resource_policy().content(policy).send().await.unwrap();
    mock
}

/// What a caller should get: allowed (success or a domain error), access
/// denied, or not in an organization.
#[derive(Debug, PartialEq, Eq, Hash, Clone, Copy)]
enum Outcome {
    Allowed,
    Denied,
    NotInUse,
}

fn expected(access: Access, name: &str, caller: &str) -> Outcome {
    use Outcome::*;
    match (access, caller) {
        (Access::Anyone, _) => Allowed,
        (_, OUTSIDER) => NotInUse,
        (Access::AnyMember, _) | (_, MANAGEMENT) => Allowed,
        (Access::Management, _) => Denied,
        (Access::ManagementOrDelegated, GRANTED) => Allowed,
        (Access::ManagementOrDelegated, DELEGATED) if read_only(name) => Allowed,
        (Access::ManagementOrDelegated, _) => Denied,
    }
}

#[tokio::test]
async fn every_operation_answers_every_caller_as_the_table_says() {
    let mut seen = HashMap::new();
    let mut problems = Vec::new();
    for (name, access) in supported_operations().map(|op| (op.name, op.access)) {
        for caller in [MANAGEMENT, DELEGATED, GRANTED, MEMBER, OUTSIDER] {
            let mock = world().await;
            let result = call(&mock.client_as(caller), name).await.unwrap_or_else(|| {
                panic!("{name} is in the table but not in this test's SDK list; add it to sdk_calls!")
            });
            let got = match result.as_ref().map_err(String::as_str) {
                Err("AccessDeniedException") => Outcome::Denied,
                Err("AWSOrganizationsNotInUseException") => Outcome::NotInUse,
                Err(UNKNOWN_OPERATION | SERVICE_EXCEPTION | SERIALIZATION) => {
                    problems.push(format!("{name} as {caller}: {result:?}"));
                    continue;
                }
                _ => Outcome::Allowed,
            };
            let want = expected(access, name, caller);
            if got != want {
                problems.push(format!(
                    "{name} ({access:?}) as {caller}: expected {want:?}, got {result:?}"
                ));
            }
            *seen.entry(got).or_insert(0) += 1;
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(seen.len() == 3, "every outcome occurs: {seen:?}");
}
