//! The world's errors with AWS's reasons as the SDK's own enums
//! ([`ConstraintViolationExceptionReason`], [`InvalidInputExceptionReason`])
//! instead of strings, so a misspelt reason does not compile. They become the
//! wire error ([`ApiError`]) in one place: `From<DomainError> for ApiError`.

use aws_sdk_organizations::types::{ConstraintViolationExceptionReason, InvalidInputExceptionReason};

use crate::error::ApiError;

/// An error of the domain, with its reason typed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum DomainError {
    /// `ConstraintViolationException` with its `Reason`.
    ConstraintViolation {
        /// Why.
        reason: ConstraintViolationExceptionReason,
        /// The message.
        message: String,
    },
    /// `InvalidInputException` with its `Reason`.
    InvalidInput {
        /// Why.
        reason: InvalidInputExceptionReason,
        /// The message.
        message: String,
    },
}

impl DomainError {
    /// `ConstraintViolationException` with `reason`.
    pub(crate) fn constraint(reason: ConstraintViolationExceptionReason, message: impl Into<String>) -> Self {
        DomainError::ConstraintViolation {
            reason,
            message: message.into(),
        }
    }

    /// `InvalidInputException` with `reason`.
    pub(crate) fn invalid_input(reason: InvalidInputExceptionReason, message: impl Into<String>) -> Self {
        DomainError::InvalidInput {
            reason,
            message: message.into(),
        }
    }
}

/// The one conversion of a domain error to AWS's wire error.
impl From<DomainError> for ApiError {
    fn from(err: DomainError) -> Self {
        match err {
            DomainError::ConstraintViolation { reason, message } => ApiError::constraint(reason.as_str(), message),
            DomainError::InvalidInput { reason, message } => ApiError::invalid_input(reason.as_str(), message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wire_error_carries_the_reason_as_aws_spells_it() {
        let err = ApiError::from(DomainError::constraint(
            ConstraintViolationExceptionReason::OuDepthLimitExceeded,
            "too deep",
        ));
        assert_eq!(err.code(), "ConstraintViolationException");
        assert_eq!(err.reason(), Some("OU_DEPTH_LIMIT_EXCEEDED"));
        assert_eq!(err.message(), "too deep");
        let err = ApiError::from(DomainError::invalid_input(
            InvalidInputExceptionReason::InvalidPrincipal,
            "no",
        ));
        assert_eq!(err.code(), "InvalidInputException");
        assert_eq!(err.reason(), Some("INVALID_PRINCIPAL"));
    }
}
