//! Every `Reason` and exception the mock's code can produce is reached by a
//! test. The list comes from the code itself: each value of the model's four
//! `...Reason` enums that appears in `src/` as a string literal or as the SDK's
//! enum variant (`ConstraintViolationExceptionReason::OuDepthLimitExceeded`),
//! and each exception shape of the model that appears as a string literal in
//! `src/` (the generated constraint table
//! `src/wire/validation/model.rs` and its generator excluded: they copy the whole
//! model). A value counts as tested when a test file names it: the reason as a
//! word (`"ConstraintViolationException/REASON"`, `"REASON"`) or the SDK's
//! enum variant (`Reason::ReasonName`), the exception by name or through the
//! SDK's `is_..._exception()`. The error tests check these through the SDK
//! (`tests/it/support/decoded.rs`): the typed exception and its `Reason`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::support;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn read_all(dir: &str, skip: &[&str]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join(dir), &mut files);
    // A skipped file that moved would silently join the scan: each must be found.
    for s in skip {
        assert!(
            files.iter().any(|f| f.ends_with(s)),
            "{s} is not under {dir}/: update the skip list"
        );
    }
    files
        .iter()
        .filter(|f| !skip.iter().any(|s| f.ends_with(s)))
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `ACCOUNT_NUMBER_LIMIT_EXCEEDED` -> `AccountNumberLimitExceeded`.
fn camel(reason: &str) -> String {
    reason
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_string() + &c.as_str().to_lowercase())
                .unwrap_or_default()
        })
        .collect()
}

/// `ConstraintViolationException` -> `constraint_violation_exception`.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, ch) in name.chars().enumerate() {
        if ch.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(ch.to_ascii_lowercase());
    }
    out
}

/// `w` occurs in `text` as a whole word (not inside a longer identifier).
fn word(text: &str, w: &str) -> bool {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    text.match_indices(w)
        .any(|(i, _)| !is_word(text[..i].chars().next_back()) && !is_word(text[i + w.len()..].chars().next()))
}

/// The reasons and exceptions of the model that `src/` names.
fn produced() -> (BTreeSet<String>, BTreeSet<String>) {
    let model = support::model::service();
    let shapes = model["shapes"].as_object().unwrap();
    let src = read_all("src", &["wire/validation/model.rs", "wire/validation/generate.rs"]);
    let literal = |v: &str| src.contains(&format!("\"{v}\""));
    let mut reasons = BTreeSet::new();
    for enum_shape in [
        "ConstraintViolationExceptionReason",
        "InvalidInputExceptionReason",
        "HandshakeConstraintViolationExceptionReason",
        "AccessDeniedForDependencyExceptionReason",
    ] {
        for value in shapes[enum_shape]["enum"].as_array().unwrap() {
            let value = value.as_str().unwrap();
            // As a string, or as the SDK's enum variant (`src/world/domain_error.rs`).
            if literal(value) || word(&src, &format!("{enum_shape}::{}", camel(value))) {
                reasons.insert(value.to_string());
            }
        }
    }
    let exceptions = shapes
        .iter()
        .filter(|(name, shape)| shape["exception"] == true && literal(name))
        .map(|(name, _)| name.clone())
        .collect();
    (reasons, exceptions)
}

#[test]
fn every_reason_and_exception_the_code_produces_is_tested() {
    let (reasons, exceptions) = produced();
    // The code produces most of the model's reasons; a scan that found few
    // would be a broken scan, not a well-tested crate.
    assert!(reasons.len() >= 60, "only {} reasons found in src/", reasons.len());
    assert!(
        exceptions.len() >= 40,
        "only {} exceptions found in src/",
        exceptions.len()
    );
    let tests = read_all("tests", &["tests/it/fidelity/reason_coverage.rs"]);
    let untested_reasons: Vec<_> = reasons
        .iter()
        .filter(|r| !word(&tests, r) && !word(&tests, &camel(r)))
        .collect();
    let untested_exceptions: Vec<_> = exceptions
        .iter()
        .filter(|e| !word(&tests, e) && !tests.contains(&format!("is_{}", snake(e))))
        .collect();
    assert!(
        untested_reasons.is_empty() && untested_exceptions.is_empty(),
        "produced by src/ but named by no test: reasons {untested_reasons:?}, exceptions {untested_exceptions:?}"
    );
}

#[test]
fn the_scan_finds_what_it_should() {
    assert_eq!(camel("ACCOUNT_NUMBER_LIMIT_EXCEEDED"), "AccountNumberLimitExceeded");
    assert_eq!(snake("ConstraintViolationException"), "constraint_violation_exception");
    assert!(word(
        "\"ConstraintViolationException/MAX_TAG_LIMIT_EXCEEDED\"",
        "MAX_TAG_LIMIT_EXCEEDED"
    ));
    assert!(!word("MAX_TAG_LIMIT_EXCEEDED_FILTER", "MAX_TAG_LIMIT_EXCEEDED"));
    let (reasons, exceptions) = produced();
    assert!(reasons.contains("ACCOUNT_NUMBER_LIMIT_EXCEEDED"));
    assert!(exceptions.contains("ResponsibilityTransferNotFoundException"));
    // A reason the model has and the mock never produces is not listed.
    let never = "ACCOUNT_CANNOT_LEAVE_WITHOUT_PHONE_VERIFICATION";
    crate::support::model::assert_enum_value("ConstraintViolationExceptionReason", never);
    assert!(!reasons.contains(never));
}
