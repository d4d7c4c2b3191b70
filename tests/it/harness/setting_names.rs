//! Names a test passes as strings fail loudly (issue 15): a policy-type key
//! of `Limits` or a `CreateAccountCompletion::Fail` reason that AWS does not
//! have makes the builder panic, naming the closest real names, and a
//! snapshot carrying one is refused.

use aws_organizations_mock::{CreateAccountCompletion, Limits, MockOrganizations, SnapshotError};
use serde_json::json;

#[test]
#[should_panic(
    expected = "MockOrganizationsBuilder::limits: Limits::max_policies_per_target: 'TAG_POLCY' is not a policy type; the closest are TAG_POLICY"
)]
fn a_misspelt_policy_type_in_max_policies_per_target_panics() {
    let _ = MockOrganizations::builder().limits(Limits {
        max_policies_per_target: [("TAG_POLCY".to_string(), 2)].into(),
        ..Limits::default()
    });
}

#[test]
#[should_panic(
    expected = "MockOrganizationsBuilder::limits: Limits::max_policy_content_chars: 'service_control_policies' is not a policy type; the closest are SERVICE_CONTROL_POLICY"
)]
fn a_misspelt_policy_type_in_max_policy_content_chars_panics() {
    let _ = MockOrganizations::builder().limits(Limits {
        max_policy_content_chars: [("service_control_policies".to_string(), 100)].into(),
        ..Limits::default()
    });
}

#[test]
#[should_panic(
    expected = "MockOrganizationsBuilder::create_account_completion: CreateAccountCompletion::Fail: 'ACOUNT_LIMIT_EXCEEDED' is not a CreateAccountFailureReason; the closest are ACCOUNT_LIMIT_EXCEEDED"
)]
fn a_misspelt_failure_reason_panics() {
    let _ = MockOrganizations::builder()
        .create_account_completion(CreateAccountCompletion::Fail("ACOUNT_LIMIT_EXCEEDED".into()));
}

#[test]
fn real_names_are_accepted() {
    let mock = MockOrganizations::builder()
        .limits(Limits {
            max_policies_per_target: [("TAG_POLICY".to_string(), 2)].into(),
            max_policy_content_chars: [("SERVICE_CONTROL_POLICY".to_string(), 100)].into(),
            ..Limits::default()
        })
        .create_account_completion(CreateAccountCompletion::Fail("EMAIL_ALREADY_EXISTS".into()))
        .build();
    assert!(MockOrganizations::from_snapshot(mock.snapshot()).is_ok());
}

#[test]
fn a_snapshot_with_a_misspelt_name_is_refused() {
    let mock = MockOrganizations::new();
    let before = mock.snapshot();
    let cases = [
        (
            "/settings/limits/max_policies_per_target",
            json!({"TAG_POLCY": 1}),
            "the snapshot's settings: Limits::max_policies_per_target: 'TAG_POLCY' is not a policy type; the closest are TAG_POLICY",
        ),
        (
            "/settings/limits/max_policy_content_chars",
            json!({"BACKUP": 10}),
            "Limits::max_policy_content_chars: 'BACKUP' is not a policy type; the closest are BACKUP_POLICY",
        ),
        (
            "/settings/create_account_completion",
            json!({"Fail": "EMAIL_EXISTS"}),
            "CreateAccountCompletion::Fail: 'EMAIL_EXISTS' is not a CreateAccountFailureReason; the closest are ",
        ),
    ];
    for (pointer, value, says) in cases {
        let mut document = before.clone();
        *document.pointer_mut(pointer).expect("the snapshot has the setting") = value;
        let err = MockOrganizations::from_snapshot(document.clone()).expect_err(pointer);
        assert!(matches!(err, SnapshotError::Setting(_)), "{pointer}: {err:?}");
        let err = err.to_string();
        assert!(err.contains(says), "{pointer}: {err}");
        let err = mock.load_snapshot(document).expect_err(pointer).to_string();
        assert!(err.contains(says), "{pointer}: {err}");
        assert_eq!(mock.snapshot(), before, "{pointer}: a refused snapshot changes nothing");
    }
}
