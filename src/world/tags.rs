//! A resource's tags and AWS's rules for changing them (which resource a tag
//! request names is `tagging`'s business).

use aws_sdk_organizations::types::ConstraintViolationExceptionReason;
use std::collections::BTreeMap;

use super::domain_error::{DomainError, DomainResult};

/// A resource's tags, kept sorted by key.
pub(crate) type Tags = BTreeMap<String, String>;

/// Checks a set of tags to add: no `aws:` keys, no key twice (the rules
/// live in [`crate::world::rules`]).
pub(super) fn check_new_tags(tags: &[(String, String)]) -> DomainResult<()> {
    match crate::world::rules::tags_problem(tags.iter().map(|(k, _)| k.as_str())) {
        Some(err) => Err(err),
        None => Ok(()),
    }
}

/// Adds `new` to `tags` (replacing values of existing keys), within `max` tags.
pub(super) fn merge_tags(tags: &Tags, new: &[(String, String)], max: usize) -> DomainResult<Tags> {
    check_new_tags(new)?;
    let mut merged = tags.clone();
    for (k, v) in new {
        merged.insert(k.clone(), v.clone());
    }
    if merged.len() > max {
        return Err(DomainError::constraint(
            ConstraintViolationExceptionReason::MaxTagLimitExceeded,
            format!(
                "A resource can have at most {max} tags; this request would leave it with {}.",
                merged.len()
            ),
        ));
    }
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn merge_replaces_values_and_counts_the_limit() {
        let base: Tags = [("a".to_string(), "1".to_string())].into();
        let merged = merge_tags(&base, &pairs(&[("a", "2"), ("b", "3")]), 2).unwrap();
        assert_eq!(merged["a"], "2");
        let err = merge_tags(&merged, &pairs(&[("c", "1")]), 2).unwrap_err();
        assert_eq!(err.reason(), Some("MAX_TAG_LIMIT_EXCEEDED"));
    }

    #[test]
    fn system_and_duplicate_keys_are_refused() {
        let err = check_new_tags(&pairs(&[("aws:x", "1")])).unwrap_err();
        assert_eq!(err.reason(), Some("INVALID_SYSTEM_TAGS_PARAMETER"));
        let err = check_new_tags(&pairs(&[("k", "1"), ("k", "2")])).unwrap_err();
        assert_eq!(err.reason(), Some("DUPLICATE_TAG_KEY"));
    }
}
