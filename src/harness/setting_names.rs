//! The settings that carry names as strings (policy-type keys of
//! [`Limits`](crate::Limits), the reason of
//! [`CreateAccountCompletion::Fail`]) checked against AWS's names, for the
//! builder (which panics) and snapshots (which are refused): a misspelt name
//! would otherwise be silently ignored or sent.

use crate::world::policies::POLICY_TYPES;
use crate::world::{CreateAccountCompletion, Settings};

/// The first name in `settings` that AWS does not know, as a message naming
/// the closest real ones: a policy-type key of
/// `Limits::max_policies_per_target` or `Limits::max_policy_content_chars`,
/// or the failure reason of `CreateAccountCompletion::Fail` (one of the
/// SDK's `CreateAccountFailureReason` values).
pub(crate) fn problem(settings: &Settings) -> Option<String> {
    let limits = &settings.limits;
    let keyed = [
        ("Limits::max_policies_per_target", &limits.max_policies_per_target),
        ("Limits::max_policy_content_chars", &limits.max_policy_content_chars),
    ];
    for (field, map) in keyed {
        if let Some(problem) = map.keys().find_map(|name| unknown_policy_type(name)) {
            return Some(format!("{field}: {problem}"));
        }
    }
    if let CreateAccountCompletion::Fail(reason) = &settings.create_account_completion {
        let reasons = aws_sdk_organizations::types::CreateAccountFailureReason::values();
        if !reasons.contains(&reason.as_str()) {
            let problem =
                crate::wire::suggest::unknown_name("a CreateAccountFailureReason", reason, reasons.iter().copied());
            return Some(format!("CreateAccountCompletion::Fail: {problem}"));
        }
    }
    None
}

/// `None` when `name` is one of the model's policy types (the world's
/// table, which the SDK's `PolicyType` may lag behind); otherwise a message
/// naming the closest real ones. Settings and fixtures both check with it.
pub(crate) fn unknown_policy_type(name: &str) -> Option<String> {
    let names = || POLICY_TYPES.iter().map(|t| t.name);
    (!names().any(|t| t == name)).then(|| crate::wire::suggest::unknown_name("a policy type", name, names()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_names_are_found_with_the_closest_real_ones() {
        let mut settings = Settings::default();
        assert_eq!(problem(&settings), None);
        settings.limits.max_policy_content_chars = [("SERVICE_CONTROL_POLICY".to_string(), 9)].into();
        settings.create_account_completion = CreateAccountCompletion::Fail("ACCOUNT_LIMIT_EXCEEDED".into());
        assert_eq!(problem(&settings), None);
        // A type of the model the SDK's `PolicyType` does not list yet.
        settings.limits.max_policies_per_target = [("SECURITYHUB_CSPM_POLICY".to_string(), 3)].into();
        assert_eq!(problem(&settings), None);
        settings.create_account_completion = CreateAccountCompletion::Fail("EMAIL_ALREADY_EXIST".into());
        let message = problem(&settings).unwrap_or_default();
        assert!(
            message.starts_with("CreateAccountCompletion::Fail: 'EMAIL_ALREADY_EXIST' is not a CreateAccountFailureReason; the closest are EMAIL_ALREADY_EXISTS"),
            "{message}"
        );
        settings.limits.max_policies_per_target = [("TAG_POLCY".to_string(), 1)].into();
        let message = problem(&settings).unwrap_or_default();
        assert!(
            message.starts_with(
                "Limits::max_policies_per_target: 'TAG_POLCY' is not a policy type; the closest are TAG_POLICY"
            ),
            "{message}"
        );
    }

    #[test]
    fn fixtures_know_every_policy_type_of_the_model_and_refuse_others() {
        let fixture =
            |policy_type: &str| crate::OrgFixture::from_json(&format!(r#"{{"policy_types": ["{policy_type}"]}}"#));
        // In the model, not (yet) in the SDK's `PolicyType`.
        assert!(fixture("SECURITYHUB_CSPM_POLICY").is_ok());
        let message = fixture("TAG_POLCY").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message.starts_with("'TAG_POLCY' is not a policy type; the closest are TAG_POLICY"),
            "{message}"
        );
    }
}
