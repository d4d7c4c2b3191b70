//! Input validation through the real SDK client: a representative bad input
//! for every dispatched operation gets AWS's InvalidInputException, with the
//! reason AWS gives and a message naming the field, and changes nothing.
//!
//! Adding an operation is one line in `cases()`.

use std::future::Future;
use std::pin::Pin;

use aws_organizations_mock::{supported_operations, MockOrganizations};
use aws_sdk_organizations::error::ProvideErrorMetadata;
use aws_sdk_organizations::types::{ChildType, CreateAccountState, OrganizationFeatureSet};
use aws_sdk_organizations::Client;

mod support;
use support::{create_account, create_ou, root_id, tag};

type Sent = Pin<Box<dyn Future<Output = Result<(), Option<String>>> + Send>>;

/// One bad input: the operation, the `Reason` AWS answers, the field the
/// message names, and the call.
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
                    $call.send().await.map(|_| ()).map_err(|e| e.code().map(str::to_string))
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
    ]
}

/// An organization with an OU, a member account and a tag on it.
async fn organization(mock: &MockOrganizations) -> Ids {
    let c = mock.client();
    c.create_organization().send().await.unwrap();
    let root = root_id(&c).await;
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
    let mut failures = Vec::new();
    for case in cases() {
        let result = (case.call)(c.clone(), ids.clone()).await;
        let call = mock.calls().last().cloned().expect("a recorded call");
        let body: serde_json::Value = serde_json::from_slice(call.response_body()).unwrap_or_default();
        let reason = body["Reason"].as_str().unwrap_or_default();
        let message = body["Message"].as_str().unwrap_or_default();
        let ok = call.operation() == case.operation
            && result == Err(Some("InvalidInputException".to_string()))
            && reason == case.reason
            && message.contains(case.field);
        if !ok {
            failures.push(format!(
                "{} (expected {} naming {}): got {result:?} {body}",
                case.operation, case.reason, case.field
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
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/aws-model/service-2.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("note: {} is absent; skipped", path.display());
        return;
    };
    let model: serde_json::Value = serde_json::from_str(&text).unwrap();
    let covered: std::collections::BTreeSet<&str> = cases().iter().map(|c| c.operation).collect();
    let missing: Vec<&str> = supported_operations()
        .map(|op| op.name)
        .filter(|op| !model["operations"][op]["input"].is_null())
        .filter(|op| !covered.contains(op))
        .collect();
    assert!(
        missing.is_empty(),
        "dispatched operations without a bad-input case in tests/validation.rs: {missing:?}"
    );
}

#[tokio::test]
async fn validation_comes_before_authorization() {
    // An account outside any organization still hears about its bad input first.
    let mock = MockOrganizations::new();
    let outsider = mock.client_as("222222222222");
    let err = outsider.describe_account().account_id("12").send().await.unwrap_err();
    assert_eq!(err.code(), Some("InvalidInputException"));
    let err = outsider
        .describe_account()
        .account_id("123456789012")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("AWSOrganizationsNotInUseException"));
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
