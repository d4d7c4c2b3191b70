//! Why the validator refuses a request: an `InvalidInputException` whose
//! reason is the SDK's own enum ([`InvalidInputExceptionReason`]), a
//! documented rule's typed [`DomainError`] ([`crate::world::rules`]), or a
//! `SerializationException` for a value of the wrong JSON type. A reason
//! cannot be misspelt: there is no way to give one as a string. The refusal
//! becomes the wire error ([`ApiError`]) in one place, `From<Refusal> for
//! ApiError`, through the domain's own conversion (`From<DomainError>`).

use aws_sdk_organizations::types::InvalidInputExceptionReason;

use crate::wire::error::ApiError;
use crate::world::DomainError;

/// Why a request's input is refused before any operation logic.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Refusal {
    /// `InvalidInputException`: the input breaks a constraint of the model.
    Invalid {
        /// Which kind of constraint.
        reason: InvalidInputExceptionReason,
        /// The message, naming the field.
        message: String,
    },
    /// The input breaks a rule the documentation adds ([`crate::world::rules`]).
    Rule(DomainError),
    /// `SerializationException`: a value of the wrong JSON type.
    Serialization(String),
}

impl Refusal {
    /// `InvalidInputException` with `reason`.
    pub(crate) fn invalid(reason: InvalidInputExceptionReason, message: impl Into<String>) -> Self {
        Refusal::Invalid {
            reason,
            message: message.into(),
        }
    }
}

/// The one conversion of a refusal to AWS's wire error.
impl From<Refusal> for ApiError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Invalid { reason, message } => DomainError::invalid_input(reason, message).into(),
            Refusal::Rule(err) => err.into(),
            Refusal::Serialization(message) => ApiError::new("SerializationException", message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_becomes_the_wire_error_with_the_reason_as_aws_spells_it() {
        let err = ApiError::from(Refusal::invalid(
            InvalidInputExceptionReason::InvalidSyntaxPolicy,
            "bad",
        ));
        assert_eq!(err.code(), "InvalidInputException");
        assert_eq!(err.reason(), Some("INVALID_SYNTAX_POLICY_ID"));
        assert_eq!(err.message(), "bad");
        let err = ApiError::from(Refusal::Serialization("wrong type".into()));
        assert_eq!(err.code(), "SerializationException");
        assert_eq!(err.reason(), None);
        assert_eq!(err.message(), "wrong type");
    }

    /// No reason is written as a string where the validator raises it: in the
    /// validator, the documented rules it applies ([`crate::world::rules`]), the
    /// dispatch table and every operation, a reason can only be the SDK's
    /// enum. (Test modules may
    /// compare against the wire spelling; `model.rs` holds the model's own
    /// enum values, which are not reasons.)
    #[test]
    fn no_reason_is_a_string_literal() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files: Vec<_> = std::fs::read_dir(root.join("wire/validation"))
            .expect("src/wire/validation is readable")
            .map(|e| e.expect("directory entry").path())
            .filter(|p| p.file_name().is_some_and(|n| n != "model.rs"))
            .collect();
        files.extend(
            std::fs::read_dir(root.join("operations"))
                .expect("src/operations is readable")
                .map(|e| e.expect("directory entry").path()),
        );
        files.extend(["world/rules.rs", "protocol/json.rs"].map(|f| root.join(f)));
        let literal = regex::Regex::new(r#""[A-Z][A-Z0-9]*(_[A-Z0-9]+)+""#).expect("the pattern compiles");
        let by_string = regex::Regex::new(r"ApiError::(invalid_input|constraint)\(").expect("the pattern compiles");
        for path in files {
            let source = std::fs::read_to_string(&path).expect("readable source");
            let library = &source[..source.find("#[cfg(test)]\nmod tests").unwrap_or(source.len())];
            for (n, line) in library.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                assert!(
                    !literal.is_match(code) && !by_string.is_match(code),
                    "{}:{}: a reason given as a string; use the SDK's enum (Refusal::invalid, DomainError): {line}",
                    path.display(),
                    n + 1
                );
            }
        }
    }
}
