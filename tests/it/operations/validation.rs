//! Input validation through the real SDK client: a representative bad input
//! for every dispatched operation gets AWS's InvalidInputException, with the
//! reason AWS gives and a message naming the field, and changes nothing.
//!
//! Adding an operation is one line in `cases()`.

use std::future::Future;
use std::pin::Pin;

use aws_organizations_mock::{supported_operations, MockOrganizations};
use aws_sdk_organizations::error::ProvideErrorMetadata;
use aws_sdk_organizations::types::{
    ActionType, ChildType, CreateAccountState, EffectivePolicyType, HandshakeFilter, HandshakePartyType,
    IamUserAccessToBilling, OrganizationFeatureSet, PolicyType, ResponsibilityTransferType,
};
use aws_sdk_organizations::Client;

use serde_json::json;

use crate::support;
use support::raw::{Raw, SERIALIZATION};
use support::{create_account, create_organization, create_ou, party, tag, MANAGEMENT};

/// `Err((what the SDK decoded, the message))`, see `support::decoded`.
type Sent = Pin<Box<dyn Future<Output = Result<(), (String, String)>> + Send>>;

/// One bad input: the operation, the `Reason` AWS answers, the field the
/// message names, and the call.
///
/// Sources: the reasons and constraints are the model's (`InvalidInputException`
/// and each member's shape). Two mappings are not: `INVALID_PATTERN_TARGET_ID`
/// for parent and child ids (`ParentId`, `ChildId`; the model documents it for
/// policy targets only) and the message naming the field are our choices, see
/// FIDELITY.md "Test expectations", "Pattern reason of parent and child ids" and
/// "Error messages".
struct Case {
    operation: &'static str,
    reason: &'static str,
    field: &'static str,
    call: Box<dyn Fn(Client, Ids) -> Sent>,
}

/// Real IDs of the organization the calls run in.
#[derive(Clone)]
struct Ids {
    root: String,
    ou: String,
    account: String,
}

macro_rules! case {
    ($operation:literal, $reason:literal, $field:literal, |$c:ident, $ids:ident| $call:expr) => {
        Case {
            operation: $operation,
            reason: $reason,
            field: $field,
            call: Box::new(|$c: Client, $ids: Ids| {
                Box::pin(async move {
                    #[allow(unused_variables)]
                    let ids = &$ids;
                    $call.send().await.map(|_| ()).map_err(|e| {
                        let message = e.message().unwrap_or_default().to_string();
                        (support::decoded::decoded(e), message)
                    })
                })
            }),
        }
    };
}

fn long(n: usize) -> String {
    "x".repeat(n)
}

fn cases() -> Vec<Case> {
    vec![
        // organization
        case!("CreateOrganization", "INVALID_ENUM", "FeatureSet", |c, ids| c
            .create_organization()
            .feature_set(OrganizationFeatureSet::from("HALF"))),
        case!("ListRoots", "MIN_VALUE_EXCEEDED", "MaxResults", |c, ids| c
            .list_roots()
            .max_results(0)),
        // accounts
        case!("CreateAccount", "INVALID_ROLE_NAME", "RoleName", |c, ids| c
            .create_account()
            .email("new@example.com")
            .account_name("New")
            .role_name("AWSServiceRoleForAnything")),
        case!("CreateAccount", "MAX_LENGTH_EXCEEDED", "AccountName", |c, ids| c
            .create_account()
            .email("new@example.com")
            .account_name(long(51))),
        case!("CreateAccount", "INVALID_PATTERN", "Email", |c, ids| c
            .create_account()
            .email("no-at-sign.example.com")
            .account_name("New")),
        case!(
            "DescribeCreateAccountStatus",
            "INVALID_PATTERN",
            "CreateAccountRequestId",
            |c, ids| c
                .describe_create_account_status()
                .create_account_request_id("car-NOTLOWERCASE")
        ),
        case!(
            "ListCreateAccountStatus",
            "INVALID_LIST_MEMBER",
            "States[0]",
            |c, ids| c.list_create_account_status().states(CreateAccountState::from("DONE"))
        ),
        case!("DescribeAccount", "INVALID_PATTERN", "AccountId", |c, ids| c
            .describe_account()
            .account_id("12345")),
        case!("ListAccounts", "MAX_VALUE_EXCEEDED", "MaxResults", |c, ids| c
            .list_accounts()
            .max_results(21)),
        case!(
            "ListAccountsForParent",
            "INVALID_PATTERN_TARGET_ID",
            "ParentId",
            |c, ids| c.list_accounts_for_parent().parent_id("root")
        ),
        case!("CloseAccount", "INPUT_REQUIRED", "AccountId", |c, ids| c
            .close_account()),
        case!(
            "RemoveAccountFromOrganization",
            "INVALID_PATTERN",
            "AccountId",
            |c, ids| c.remove_account_from_organization().account_id("abc")
        ),
        case!(
            "MoveAccount",
            "INVALID_PATTERN_TARGET_ID",
            "DestinationParentId",
            |c, ids| c
                .move_account()
                .account_id(&ids.account)
                .source_parent_id(&ids.root)
                .destination_parent_id("ou-x")
        ),
        // organizational units and the tree
        case!("CreateOrganizationalUnit", "MIN_LENGTH_EXCEEDED", "Name", |c, ids| c
            .create_organizational_unit()
            .parent_id(&ids.root)
            .name("")),
        case!(
            "DescribeOrganizationalUnit",
            "INVALID_PATTERN",
            "OrganizationalUnitId",
            |c, ids| c.describe_organizational_unit().organizational_unit_id("ou-1")
        ),
        case!("UpdateOrganizationalUnit", "MAX_LENGTH_EXCEEDED", "Name", |c, ids| c
            .update_organizational_unit()
            .organizational_unit_id(&ids.ou)
            .name(long(129))),
        case!(
            "DeleteOrganizationalUnit",
            "INPUT_REQUIRED",
            "OrganizationalUnitId",
            |c, ids| c.delete_organizational_unit()
        ),
        case!(
            "ListOrganizationalUnitsForParent",
            "INVALID_PATTERN_TARGET_ID",
            "ParentId",
            |c, ids| c.list_organizational_units_for_parent().parent_id("p-12345678")
        ),
        case!("ListChildren", "INVALID_ENUM", "ChildType", |c, ids| c
            .list_children()
            .parent_id(&ids.root)
            .child_type(ChildType::from("ROOT"))),
        case!("ListParents", "INVALID_PATTERN_TARGET_ID", "ChildId", |c, ids| c
            .list_parents()
            .child_id(&ids.root)),
        // tags
        case!("TagResource", "INVALID_SYSTEM_TAGS_PARAMETER", "aws:", |c, ids| c
            .tag_resource()
            .resource_id(&ids.account)
            .tags(tag("aws:owner", "me"))),
        case!("TagResource", "DUPLICATE_TAG_KEY", "team", |c, ids| c
            .tag_resource()
            .resource_id(&ids.account)
            .tags(tag("team", "a"))
            .tags(tag("team", "b"))),
        case!("TagResource", "MAX_LENGTH_EXCEEDED", "Tags[0].Value", |c, ids| c
            .tag_resource()
            .resource_id(&ids.ou)
            .tags(tag("team", &long(257)))),
        case!("UntagResource", "INVALID_LIST_MEMBER", "TagKeys[0]", |c, ids| c
            .untag_resource()
            .resource_id(&ids.account)
            .tag_keys("")),
        case!(
            "ListTagsForResource",
            "INVALID_PATTERN_TARGET_ID",
            "ResourceId",
            |c, ids| c
                .list_tags_for_resource()
                .resource_id("arn:aws:organizations::111111111111:root/o-abcdefghij/r-abcd")
        ),
        // policies
        case!("CreatePolicy", "INVALID_ENUM_POLICY_TYPE", "Type", |c, ids| c
            .create_policy()
            .name("P")
            .description("")
            .content("{}")
            .r#type(PolicyType::from("SCP"))),
        case!("DescribePolicy", "INVALID_SYNTAX_POLICY_ID", "PolicyId", |c, ids| c
            .describe_policy()
            .policy_id("p-1")),
        case!("UpdatePolicy", "MAX_LENGTH_EXCEEDED", "Description", |c, ids| c
            .update_policy()
            .policy_id("p-FullAWSAccess")
            .description(long(513))),
        case!("DeletePolicy", "INPUT_REQUIRED", "PolicyId", |c, ids| c.delete_policy()),
        case!("ListPolicies", "INPUT_REQUIRED", "Filter", |c, ids| c.list_policies()),
        case!(
            "ListPoliciesForTarget",
            "INVALID_PATTERN_TARGET_ID",
            "TargetId",
            |c, ids| c
                .list_policies_for_target()
                .target_id("o-abcdefghij")
                .filter(PolicyType::ServiceControlPolicy)
        ),
        case!(
            "ListTargetsForPolicy",
            "INVALID_SYNTAX_POLICY_ID",
            "PolicyId",
            |c, ids| c.list_targets_for_policy().policy_id("policy")
        ),
        case!("AttachPolicy", "INVALID_PATTERN_TARGET_ID", "TargetId", |c, ids| c
            .attach_policy()
            .policy_id("p-FullAWSAccess")
            .target_id("12345")),
        case!("DetachPolicy", "INPUT_REQUIRED", "TargetId", |c, ids| c
            .detach_policy()
            .policy_id("p-FullAWSAccess")),
        case!(
            "EnablePolicyType",
            "INVALID_ENUM_POLICY_TYPE",
            "PolicyType",
            |c, ids| c
                .enable_policy_type()
                .root_id(&ids.root)
                .policy_type(PolicyType::from("SERVICE_CONTROL"))
        ),
        case!("DisablePolicyType", "INVALID_PATTERN", "RootId", |c, ids| c
            .disable_policy_type()
            .root_id(&ids.ou)
            .policy_type(PolicyType::ServiceControlPolicy)),
        case!(
            "DescribeEffectivePolicy",
            "INVALID_ENUM_POLICY_TYPE",
            "PolicyType",
            |c, ids| c
                .describe_effective_policy()
                .policy_type(EffectivePolicyType::from("SERVICE_CONTROL_POLICY"))
        ),
        case!(
            "ListEffectivePolicyValidationErrors",
            "INVALID_PATTERN",
            "AccountId",
            |c, ids| c
                .list_effective_policy_validation_errors()
                .account_id("me")
                .policy_type(EffectivePolicyType::TagPolicy)
        ),
        case!(
            "ListAccountsWithInvalidEffectivePolicy",
            "MAX_VALUE_EXCEEDED",
            "MaxResults",
            |c, ids| c
                .list_accounts_with_invalid_effective_policy()
                .policy_type(EffectivePolicyType::TagPolicy)
                .max_results(100)
        ),
        case!("PutResourcePolicy", "MIN_LENGTH_EXCEEDED", "Content", |c, ids| c
            .put_resource_policy()
            .content("")),
        // handshakes
        case!(
            "InviteAccountToOrganization",
            "INVALID_EMAIL_ADDRESS_TARGET",
            "Target.Id",
            |c, ids| c
                .invite_account_to_organization()
                .target(party(HandshakePartyType::Email, "someone@localhost"))
        ),
        case!(
            "InviteAccountToOrganization",
            "INVALID_PARTY_TYPE_TARGET",
            "Target",
            |c, ids| c
                .invite_account_to_organization()
                .target(party(HandshakePartyType::Organization, "o-abcdefghij"))
        ),
        // An ACCOUNT target is the right type; its Id is what is wrong.
        case!(
            "InviteAccountToOrganization",
            "INVALID_PARTY_TYPE_TARGET",
            "Target.Id",
            |c, ids| c
                .invite_account_to_organization()
                .target(party(HandshakePartyType::Account, "someone@example.com"))
        ),
        case!("AcceptHandshake", "INVALID_PATTERN", "HandshakeId", |c, ids| c
            .accept_handshake()
            .handshake_id("h-1")),
        case!("DeclineHandshake", "INPUT_REQUIRED", "HandshakeId", |c, ids| c
            .decline_handshake()),
        case!("CancelHandshake", "MAX_LENGTH_EXCEEDED", "HandshakeId", |c, ids| c
            .cancel_handshake()
            .handshake_id(format!("h-{}", long(33)))),
        case!("DescribeHandshake", "INVALID_PATTERN", "HandshakeId", |c, ids| c
            .describe_handshake()
            .handshake_id("h-UPPERCASE")),
        case!(
            "ListHandshakesForAccount",
            "INVALID_ENUM",
            "Filter.ActionType",
            |c, ids| c
                .list_handshakes_for_account()
                .filter(HandshakeFilter::builder().action_type(ActionType::from("JOIN")).build())
        ),
        case!(
            "ListHandshakesForOrganization",
            "INVALID_PATTERN",
            "Filter.ParentHandshakeId",
            |c, ids| c
                .list_handshakes_for_organization()
                .filter(HandshakeFilter::builder().parent_handshake_id("handshake").build())
        ),
        case!(
            "CreateGovCloudAccount",
            "INVALID_ENUM",
            "IamUserAccessToBilling",
            |c, ids| c
                .create_gov_cloud_account()
                .email("gov@example.com")
                .account_name("Gov")
                .iam_user_access_to_billing(IamUserAccessToBilling::from("MAYBE"))
        ),
        // delegation and service access
        case!(
            "EnableAWSServiceAccess",
            "UNRECOGNIZED_SERVICE_PRINCIPAL",
            "ServicePrincipal",
            |c, ids| c.enable_aws_service_access().service_principal("ssm")
        ),
        case!(
            "DisableAWSServiceAccess",
            "MIN_LENGTH_EXCEEDED",
            "ServicePrincipal",
            |c, ids| c.disable_aws_service_access().service_principal("")
        ),
        case!(
            "ListAWSServiceAccessForOrganization",
            "MIN_VALUE_EXCEEDED",
            "MaxResults",
            |c, ids| c.list_aws_service_access_for_organization().max_results(0)
        ),
        case!(
            "RegisterDelegatedAdministrator",
            "INVALID_PATTERN",
            "ServicePrincipal",
            |c, ids| c
                .register_delegated_administrator()
                .account_id(&ids.account)
                .service_principal("ssm amazonaws com")
        ),
        case!(
            "DeregisterDelegatedAdministrator",
            "INPUT_REQUIRED",
            "ServicePrincipal",
            |c, ids| c.deregister_delegated_administrator().account_id(&ids.account)
        ),
        case!(
            "ListDelegatedAdministrators",
            "MAX_LENGTH_EXCEEDED",
            "ServicePrincipal",
            |c, ids| c
                .list_delegated_administrators()
                .service_principal(format!("{}.amazonaws.com", long(120)))
        ),
        case!(
            "ListDelegatedServicesForAccount",
            "INVALID_PATTERN",
            "AccountId",
            |c, ids| c.list_delegated_services_for_account().account_id("1234567890ab")
        ),
        // responsibility transfers
        case!(
            "InviteOrganizationToTransferResponsibility",
            "INPUT_REQUIRED",
            "SourceName",
            |c, ids| c
                .invite_organization_to_transfer_responsibility()
                .r#type(ResponsibilityTransferType::Billing)
                .target(party(HandshakePartyType::Account, "123456789012"))
                .start_timestamp(aws_smithy_types::DateTime::from_secs(1_767_225_600))
        ),
        case!("DescribeResponsibilityTransfer", "INVALID_PATTERN", "Id", |c, ids| c
            .describe_responsibility_transfer()
            .id("transfer")),
        case!(
            "UpdateResponsibilityTransfer",
            "MAX_LENGTH_EXCEEDED",
            "Name",
            |c, ids| c.update_responsibility_transfer().id("rt-abcdefgh").name(long(129))
        ),
        case!("TerminateResponsibilityTransfer", "INPUT_REQUIRED", "Id", |c, ids| c
            .terminate_responsibility_transfer()),
        case!(
            "ListInboundResponsibilityTransfers",
            "INVALID_ENUM",
            "Type",
            |c, ids| c
                .list_inbound_responsibility_transfers()
                .r#type(ResponsibilityTransferType::from("SUPPORT"))
        ),
        case!(
            "ListOutboundResponsibilityTransfers",
            "MIN_VALUE_EXCEEDED",
            "MaxResults",
            |c, ids| c
                .list_outbound_responsibility_transfers()
                .r#type(ResponsibilityTransferType::Billing)
                .max_results(-1)
        ),
    ]
}

/// An organization with an OU, a member account and a tag on it.
async fn organization(mock: &MockOrganizations) -> Ids {
    let c = mock.client();
    let root = create_organization(&c).await;
    let ou = create_ou(&c, &root, "Workloads").await;
    let account = create_account(&c, "member@example.com", "Member").await.1.unwrap();
    c.tag_resource()
        .resource_id(&account)
        .tags(tag("team", "a"))
        .send()
        .await
        .unwrap();
    Ids { root, ou, account }
}

/// What a bad request must not change: the accounts, the requests, the tree,
/// the tags, as the mock answered them (raw JSON: the SDK redacts names).
async fn digest(mock: &MockOrganizations, ids: &Ids) -> Vec<serde_json::Value> {
    let c = mock.client();
    c.list_accounts().send().await.unwrap();
    c.list_create_account_status().send().await.unwrap();
    c.list_organizational_units_for_parent()
        .parent_id(&ids.root)
        .send()
        .await
        .unwrap();
    c.describe_organizational_unit()
        .organizational_unit_id(&ids.ou)
        .send()
        .await
        .unwrap();
    c.list_tags_for_resource()
        .resource_id(&ids.account)
        .send()
        .await
        .unwrap();
    c.list_parents().child_id(&ids.account).send().await.unwrap();
    let calls = mock.calls();
    calls[calls.len() - 6..]
        .iter()
        .map(|call| call.response().cloned().unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn a_bad_input_on_every_operation_gets_awss_reason_and_changes_nothing() {
    let mock = MockOrganizations::new();
    let ids = organization(&mock).await;
    let c = mock.client();
    let before = digest(&mock, &ids).await;
    let supported: std::collections::BTreeSet<&str> = supported_operations().map(|op| op.name).collect();
    let mut failures = Vec::new();
    for case in cases() {
        assert!(
            supported.contains(case.operation),
            "{} is not dispatched",
            case.operation
        );
        // What the SDK decoded: InvalidInputException with its Reason.
        let result = (case.call)(c.clone(), ids.clone()).await;
        let call = mock.calls().last().cloned().expect("a recorded call");
        let expected = format!("InvalidInputException/{}", case.reason);
        let ok = call.operation().as_str() == case.operation
            && matches!(&result, Err((decoded, message)) if *decoded == expected && message.contains(case.field));
        if !ok {
            failures.push(format!(
                "{} (expected {expected} naming {}): got {result:?}",
                case.operation, case.field
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        digest(&mock, &ids).await,
        before,
        "a rejected request changed the world"
    );
}

#[test]
fn every_dispatched_operation_with_an_input_has_a_bad_input_case() {
    let model = support::model::service();
    let covered: std::collections::BTreeSet<&str> = cases().iter().map(|c| c.operation).collect();
    let missing: Vec<&str> = supported_operations()
        .map(|op| op.name)
        .filter(|op| {
            let input = model["operations"][op]["input"]["shape"].as_str().unwrap_or_default();
            model["shapes"][input]["members"]
                .as_object()
                .is_some_and(|m| !m.is_empty())
        })
        .filter(|op| !covered.contains(op))
        .collect();
    assert!(
        missing.is_empty(),
        "dispatched operations without a bad-input case in tests/it/operations/validation.rs: {missing:?}"
    );
}

#[tokio::test]
async fn validation_comes_before_authorization() {
    // An account outside any organization still hears about its bad input first.
    let mock = MockOrganizations::new();
    let outsider = mock.client_as("222222222222");
    let err = outsider.describe_account().account_id("12").send().await.unwrap_err();
    assert_eq!(support::decoded::decoded(err), "InvalidInputException/INVALID_PATTERN");
    let err = outsider
        .describe_account()
        .account_id("123456789012")
        .send()
        .await
        .unwrap_err();
    assert_eq!(support::decoded::decoded(err), "AWSOrganizationsNotInUseException");
}

#[tokio::test]
async fn an_email_that_breaks_the_documented_rules_fails_the_creation_request() {
    // The model's pattern accepts it; the documented rules (no leading dot in
    // the local name) do not: AWS accepts the request and fails it.
    let mock = MockOrganizations::new();
    let c = mock.client();
    c.create_organization().send().await.unwrap();
    let (request, _) = create_account(&c, ".leading@example.com", "Dotty").await;
    let status = c
        .describe_create_account_status()
        .create_account_request_id(request)
        .send()
        .await
        .unwrap();
    let status = status.create_account_status().unwrap();
    assert_eq!(status.state().map(|s| s.as_str()), Some("FAILED"));
    assert_eq!(status.failure_reason().map(|r| r.as_str()), Some("INVALID_EMAIL"));
    assert_eq!(c.list_accounts().send().await.unwrap().accounts().len(), 1);
}

/// A value of the wrong JSON type is a `SerializationException` (reference,
/// "Input validation"), whose message names the member and what it must be
/// (our wording, FIDELITY.md#error-messages). The SDK sends only typed
/// input, so these requests are hand-made.
#[tokio::test]
async fn a_value_of_the_wrong_json_type_is_a_serialization_exception_naming_the_member() {
    let mock = MockOrganizations::new();
    let raw = Raw::new(&mock);
    for (operation, body, message) in [
        (
            "ListAccounts",
            json!({"MaxResults": "5"}),
            "MaxResults must be a whole number, not a string.",
        ),
        (
            "TerminateResponsibilityTransfer",
            json!({"Id": "rt-12345678", "EndTimestamp": "tomorrow"}),
            "EndTimestamp must be a timestamp in epoch seconds, not a string.",
        ),
        (
            "ListCreateAccountStatus",
            json!({"States": "SUCCEEDED"}),
            "States must be a list, not a string.",
        ),
        (
            "TagResource",
            json!({"ResourceId": "r-abcd", "Tags": [{"Key": 1, "Value": "v"}]}),
            "Tags[0].Key must be a string, not a number.",
        ),
    ] {
        let answer = raw.call(MANAGEMENT, operation, &body).await;
        let v = answer.json();
        assert_eq!((answer.status, &v["__type"]), (400, &json!(SERIALIZATION)), "{v}");
        assert_eq!(v["Message"], message, "{operation}");
    }
    // A timestamp in epoch seconds passes the type check (and then meets the
    // caller's standing: no organization).
    let answer = raw
        .call(
            MANAGEMENT,
            "TerminateResponsibilityTransfer",
            &json!({"Id": "rt-12345678", "EndTimestamp": 1767225600}),
        )
        .await;
    assert_eq!(answer.json()["__type"], "AWSOrganizationsNotInUseException");
}

/// A list element that is JSON null is an invalid list member (the model's
/// lists are not sparse; smithy's server SDKs reject null in them), not a
/// missing value and not a type error.
#[tokio::test]
async fn a_null_in_a_list_is_an_invalid_list_member() {
    let mock = MockOrganizations::new();
    let raw = Raw::new(&mock);
    let answer = raw
        .call(
            MANAGEMENT,
            "UntagResource",
            &json!({"ResourceId": "r-abcd", "TagKeys": ["team", null]}),
        )
        .await;
    let v = answer.json();
    assert_eq!(answer.status, 400);
    assert_eq!(
        (&v["__type"], &v["Reason"]),
        (&json!("InvalidInputException"), &json!("INVALID_LIST_MEMBER")),
        "{v}"
    );
    assert!(v["Message"].as_str().unwrap().contains("TagKeys[1] is null"), "{v}");
}

/// A refused value is quoted in the message, so the caller sees what was
/// wrong, unless its shape is sensitive (FIDELITY.md#error-messages).
#[tokio::test]
async fn a_refused_value_is_quoted_unless_it_is_sensitive() {
    let mock = MockOrganizations::new();
    let c = mock.client();
    let err = c
        .list_policies()
        .filter(PolicyType::from("SCP"))
        .send()
        .await
        .unwrap_err();
    let message = err.message().unwrap_or_default().to_string();
    assert_eq!(
        support::decoded::decoded(err),
        "InvalidInputException/INVALID_ENUM_POLICY_TYPE"
    );
    assert!(message.contains("Filter: 'SCP'."), "{message}");
    let err = c.describe_account().account_id("12").send().await.unwrap_err();
    let message = err.message().unwrap_or_default().to_string();
    assert!(message.contains("AccountId is '12', which"), "{message}");
    // An email is sensitive: named, never shown.
    let err = c
        .create_account()
        .email("no-at-sign")
        .account_name("A")
        .send()
        .await
        .unwrap_err();
    let message = err.message().unwrap_or_default().to_string();
    assert_eq!(support::decoded::decoded(err), "InvalidInputException/INVALID_PATTERN");
    assert!(
        message.contains("Email is the value (not shown: it is sensitive), which"),
        "{message}"
    );
    assert!(!message.contains("no-at-sign"), "{message}");
}

/// A service principal must have the form `service.amazonaws.com` (reference,
/// "Input validation"; the model: "typically in the form of a URL, such as:
/// servicename.amazonaws.com"): one whose service part is empty, or begins or
/// ends with a dot, is refused as input, before the caller's standing is looked
/// at; one of that form that no service owns meets the caller's standing first.
#[tokio::test]
async fn a_service_principal_not_of_the_form_service_amazonaws_com_is_refused_as_input() {
    let mock = MockOrganizations::new();
    let outsider = mock.client_as("222222222222");
    for bad in [
        ".amazonaws.com",
        "..amazonaws.com",
        ".ssm.amazonaws.com",
        "ssm..amazonaws.com",
    ] {
        let err = outsider
            .enable_aws_service_access()
            .service_principal(bad)
            .send()
            .await
            .unwrap_err();
        assert_eq!(
            support::decoded::decoded(err),
            "InvalidInputException/UNRECOGNIZED_SERVICE_PRINCIPAL",
            "{bad}"
        );
    }
    let err = outsider
        .enable_aws_service_access()
        .service_principal("nope.amazonaws.com")
        .send()
        .await
        .unwrap_err();
    assert_eq!(support::decoded::decoded(err), "AWSOrganizationsNotInUseException");
}
