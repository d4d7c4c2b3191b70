//! AWS's documented input rules that go beyond the model's patterns, in one
//! place: email addresses, IAM role names, tag keys and values, service
//! principals and handshake parties.
//!
//! The model's own constraints (lengths, patterns, enums, ranges) are
//! generated into `wire/validation/model.rs`; these are the rules the model's
//! documentation spells out in prose. Each function returns what is wrong, or
//! `None` when the value is acceptable.

use aws_sdk_organizations::types::{HandshakePartyType, InvalidInputExceptionReason};

use crate::world::ids::is_account_id;
use crate::world::DomainError;

/// Why `email` is not a valid email address by the rules the model documents
/// for `CreateAccount`'s `Email` (6 to 64 characters of 7-bit ASCII, one `@`,
/// a local name without whitespace or `"'()<>[]:;,\|%&` that does not begin
/// with a dot, a domain of letters, digits, hyphens and dots that does not
/// begin or end with a hyphen or dot and contains a dot).
pub(crate) fn email_problem(email: &str) -> Option<&'static str> {
    let len = email.chars().count();
    if !(6..=64).contains(&len) {
        return Some("an email address must be 6 to 64 characters long");
    }
    if !email.is_ascii() {
        return Some("an email address must consist of 7-bit ASCII characters");
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Some("an email address must contain an @ between the local name and the domain");
    };
    if domain.contains('@') {
        return Some("an email address must contain exactly one @");
    }
    if local.is_empty() {
        return Some("the local name before the @ must not be empty");
    }
    if local
        .chars()
        .any(|c| c.is_ascii_whitespace() || c.is_ascii_control() || "\"'()<>[]:;,\\|%&".contains(c))
    {
        return Some("the local name must not contain whitespace or any of \" ' ( ) < > [ ] : ; , \\ | % &");
    }
    if local.starts_with('.') {
        return Some("the local name must not begin with a dot");
    }
    if !domain
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    {
        return Some("the domain may contain only letters, digits, hyphens and dots");
    }
    if domain.starts_with(['-', '.']) || domain.ends_with(['-', '.']) {
        return Some("the domain must not begin or end with a hyphen or a dot");
    }
    if !domain.contains('.') {
        return Some("the domain must contain at least one dot");
    }
    None
}

/// The prefix IAM reserves for service-linked roles.
pub(crate) const RESERVED_ROLE_PREFIX: &str = "AWSServiceRoleFor";

/// Why `role_name` cannot be the role `CreateAccount` preconfigures: it must
/// not begin with the reserved prefix `AWSServiceRoleFor`.
pub(crate) fn role_name_problem(role_name: &str) -> Option<String> {
    role_name
        .starts_with(RESERVED_ROLE_PREFIX)
        .then(|| format!("a role name can't begin with the reserved prefix {RESERVED_ROLE_PREFIX}"))
}

/// Why `principal` is not a service principal Organizations recognizes: the
/// documentation gives them the form `service-abbreviation.amazonaws.com`.
pub(crate) fn service_principal_problem(principal: &str) -> Option<&'static str> {
    match principal.strip_suffix(".amazonaws.com") {
        Some(service) if !service.is_empty() && !service.starts_with('.') && !service.ends_with('.') => None,
        _ => Some("service principals have the form service-abbreviation.amazonaws.com"),
    }
}

/// `INVALID_SYSTEM_TAGS_PARAMETER` when `key` is a system tag key (`aws:`),
/// which no request may add, change or remove.
pub(crate) fn system_tag_key_problem(key: &str) -> Option<DomainError> {
    key.to_ascii_lowercase().starts_with("aws:").then(|| {
        DomainError::invalid_input(
            InvalidInputExceptionReason::InvalidSystemTagsParameter,
            format!("Tag key '{key}' uses the reserved prefix 'aws:'; tags with it are AWS's own."),
        )
    })
}

/// Checks a set of tags to add: no system keys, no key twice (`DUPLICATE_TAG_KEY`).
pub(crate) fn tags_problem<'a>(keys: impl IntoIterator<Item = &'a str>) -> Option<DomainError> {
    let mut seen = std::collections::BTreeSet::new();
    for key in keys {
        if let Some(err) = system_tag_key_problem(key) {
            return Some(err);
        }
        if !seen.insert(key) {
            return Some(DomainError::invalid_input(
                InvalidInputExceptionReason::DuplicateTagKey,
                format!("Tag key '{key}' appears more than once in the request."),
            ));
        }
    }
    None
}

/// Checks a handshake party named as the target of an invitation: only
/// `ACCOUNT` (twelve digits) and `EMAIL` (a valid address) may be invited.
pub(crate) fn party_problem(party_type: &str, id: &str) -> Option<DomainError> {
    match HandshakePartyType::from(party_type) {
        HandshakePartyType::Account if is_account_id(id) => None,
        HandshakePartyType::Account => Some(DomainError::invalid_input(
            InvalidInputExceptionReason::InvalidPartyTypeTarget,
            "Target.Id must be a 12-digit account ID when Target.Type is ACCOUNT; use Type EMAIL to invite by email address.",
        )),
        HandshakePartyType::Email => email_problem(id).map(|why| {
            DomainError::invalid_input(
                InvalidInputExceptionReason::InvalidEmailAddressTarget,
                format!("You specified an invalid email address for the invited account owner (Target.Id): {why}."),
            )
        }),
        _ => Some(DomainError::invalid_input(
            InvalidInputExceptionReason::InvalidPartyTypeTarget,
            format!("Target.Type {party_type} cannot be invited: the target of an invitation is an ACCOUNT or an EMAIL."),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::error::ApiError;

    fn reason(e: Option<DomainError>) -> Option<String> {
        e.and_then(|e| ApiError::from(e).reason().map(str::to_string))
    }

    #[test]
    fn emails_follow_the_documented_rules() {
        for ok in ["susan@example.com", "a.b+c@sub.example.co", "x_y@a-b.org"] {
            assert_eq!(email_problem(ok), None, "{ok}");
        }
        for bad in [
            "a@b.c",              // 5 characters
            "no-at.example.com",  // no @
            "a@b@example.com",    // two @
            ".lead@example.com",  // leading dot
            "sp ace@example.com", // whitespace
            "pct%x@example.com",  // forbidden character
            "u@exa_mple.com",     // bad domain character
            "u@-example.com",     // domain begins with a hyphen
            "u@example.com.",     // domain ends with a dot
            "user@localhost",     // no dot in the domain
            "usér@example.com",   // not 7-bit ASCII
        ] {
            assert!(email_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn role_names_and_principals() {
        assert!(role_name_problem("OrganizationAccountAccessRole").is_none());
        assert!(role_name_problem("AWSServiceRoleForThing").is_some());
        assert!(service_principal_problem("ssm.amazonaws.com").is_none());
        assert!(service_principal_problem("member.org.stacksets.cloudformation.amazonaws.com").is_none());
        assert!(service_principal_problem("amazonaws.com").is_some());
        assert!(service_principal_problem("ssm").is_some());
        // The service part is neither empty nor begins or ends with a dot.
        for bad in [
            ".amazonaws.com",
            "..amazonaws.com",
            ".ssm.amazonaws.com",
            "ssm..amazonaws.com",
        ] {
            assert!(service_principal_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn tags_and_parties() {
        assert_eq!(
            reason(tags_problem(["a", "AWS:x"])),
            Some("INVALID_SYSTEM_TAGS_PARAMETER".into())
        );
        assert_eq!(reason(tags_problem(["a", "a"])), Some("DUPLICATE_TAG_KEY".into()));
        assert!(tags_problem(["a", "b"]).is_none());
        assert!(party_problem("ACCOUNT", "123456789012").is_none());
        assert!(party_problem("EMAIL", "x@example.com").is_none());
        assert_eq!(
            reason(party_problem("EMAIL", "nope")),
            Some("INVALID_EMAIL_ADDRESS_TARGET".into())
        );
        assert_eq!(
            reason(party_problem("ORGANIZATION", "o-abcdefghij")),
            Some("INVALID_PARTY_TYPE_TARGET".into())
        );
        assert_eq!(
            reason(party_problem("ACCOUNT", "x@example.com")),
            Some("INVALID_PARTY_TYPE_TARGET".into())
        );
    }
}
