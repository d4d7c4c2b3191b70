//! Unit tests of the handle: its invariants check and its `Debug`.

use super::*;
use crate::world::{AccountId, FeatureSet};

#[test]
fn check_invariants_reports_a_world_broken_behind_its_stores() {
    let mock = MockOrganizations::new();
    let management = AccountId::new("111111111111");
    mock.shared
        .world()
        .create_organization(&management, FeatureSet::All)
        .unwrap();
    assert!(mock.check_invariants().is_ok());
    mock.shared
        .world()
        .corrupt_account("111111111111", |a| a.parent_id = None);
    assert!(mock.check_invariants().is_err());
}

#[test]
fn debug_names_the_handle_and_its_default_account() {
    let text = format!("{:?}", MockOrganizations::new());
    assert!(text.starts_with("MockOrganizations"), "{text}");
    assert!(text.contains("111111111111"), "{text}");
}
