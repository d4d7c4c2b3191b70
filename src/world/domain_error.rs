//! The world's errors, typed: every exception the world raises is an
//! [`Exception`] kind (one per modeled exception without members) or a
//! variant carrying the SDK's own reason enum
//! ([`ConstraintViolationExceptionReason`], [`InvalidInputExceptionReason`],
//! [`HandshakeConstraintViolationExceptionReason`]), so a misspelt code or
//! reason does not compile. The world knows nothing of the wire: a
//! [`DomainError`] becomes AWS's wire error (with each exception's wire
//! name) in one place, `src/wire/error.rs`.

use aws_sdk_organizations::types::{
    ConstraintViolationExceptionReason, HandshakeConstraintViolationExceptionReason, InvalidInputExceptionReason,
};

/// A modeled exception of AWS Organizations whose only member is its
/// message. Its wire name (`__type`) is given where the error crosses to
/// the wire, `Exception::code` in `src/wire/error.rs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exception {
    /// AccessDeniedException.
    AccessDenied,
    /// AccountAlreadyClosedException.
    AccountAlreadyClosed,
    /// AccountAlreadyRegisteredException.
    AccountAlreadyRegistered,
    /// AccountNotFoundException.
    AccountNotFound,
    /// AccountNotRegisteredException.
    AccountNotRegistered,
    /// AlreadyInOrganizationException.
    AlreadyInOrganization,
    /// AWSOrganizationsNotInUseException.
    AwsOrganizationsNotInUse,
    /// ChildNotFoundException.
    ChildNotFound,
    /// CreateAccountStatusNotFoundException.
    CreateAccountStatusNotFound,
    /// DestinationParentNotFoundException.
    DestinationParentNotFound,
    /// DuplicateAccountException.
    DuplicateAccount,
    /// DuplicateHandshakeException.
    DuplicateHandshake,
    /// DuplicateOrganizationalUnitException.
    DuplicateOrganizationalUnit,
    /// DuplicatePolicyAttachmentException.
    DuplicatePolicyAttachment,
    /// DuplicatePolicyException.
    DuplicatePolicy,
    /// EffectivePolicyNotFoundException.
    EffectivePolicyNotFound,
    /// HandshakeAlreadyInStateException.
    HandshakeAlreadyInState,
    /// HandshakeNotFoundException.
    HandshakeNotFound,
    /// InvalidHandshakeTransitionException.
    InvalidHandshakeTransition,
    /// InvalidResponsibilityTransferTransitionException.
    InvalidResponsibilityTransferTransition,
    /// MalformedPolicyDocumentException.
    MalformedPolicyDocument,
    /// MasterCannotLeaveOrganizationException.
    MasterCannotLeaveOrganization,
    /// OrganizationNotEmptyException.
    OrganizationNotEmpty,
    /// OrganizationalUnitNotEmptyException.
    OrganizationalUnitNotEmpty,
    /// OrganizationalUnitNotFoundException.
    OrganizationalUnitNotFound,
    /// ParentNotFoundException.
    ParentNotFound,
    /// PolicyInUseException.
    PolicyInUse,
    /// PolicyNotAttachedException.
    PolicyNotAttached,
    /// PolicyNotFoundException.
    PolicyNotFound,
    /// PolicyTypeAlreadyEnabledException.
    PolicyTypeAlreadyEnabled,
    /// PolicyTypeNotAvailableForOrganizationException.
    PolicyTypeNotAvailableForOrganization,
    /// PolicyTypeNotEnabledException.
    PolicyTypeNotEnabled,
    /// ResourcePolicyNotFoundException.
    ResourcePolicyNotFound,
    /// ResponsibilityTransferAlreadyInStatusException.
    ResponsibilityTransferAlreadyInStatus,
    /// ResponsibilityTransferNotFoundException.
    ResponsibilityTransferNotFound,
    /// RootNotFoundException.
    RootNotFound,
    /// ServiceException.
    Service,
    /// SourceParentNotFoundException.
    SourceParentNotFound,
    /// TargetNotFoundException.
    TargetNotFound,
}

/// An error of the domain: its exception and message, with the reason typed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum DomainError {
    /// An exception whose only member is its message.
    Exception {
        /// Which exception.
        kind: Exception,
        message: String,
    },
    /// `ConstraintViolationException` with its `Reason`.
    ConstraintViolation {
        /// Why.
        reason: ConstraintViolationExceptionReason,
        message: String,
    },
    /// `InvalidInputException` with its `Reason`.
    InvalidInput {
        /// Why.
        reason: InvalidInputExceptionReason,
        message: String,
    },
    /// `HandshakeConstraintViolationException` with its `Reason`.
    HandshakeConstraintViolation {
        /// Why.
        reason: HandshakeConstraintViolationExceptionReason,
        message: String,
    },
}

/// The result type of every world function.
pub(crate) type DomainResult<T> = Result<T, DomainError>;

impl DomainError {
    /// The exception `kind` with `message`.
    pub(crate) fn new(kind: Exception, message: impl Into<String>) -> Self {
        DomainError::Exception {
            kind,
            message: message.into(),
        }
    }

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

    /// `HandshakeConstraintViolationException` with `reason`.
    pub(crate) fn handshake_constraint(
        reason: HandshakeConstraintViolationExceptionReason,
        message: impl Into<String>,
    ) -> Self {
        DomainError::HandshakeConstraintViolation {
            reason,
            message: message.into(),
        }
    }

    /// `AccessDeniedException`.
    pub(crate) fn access_denied(message: impl Into<String>) -> Self {
        DomainError::new(Exception::AccessDenied, message)
    }

    /// `AWSOrganizationsNotInUseException`: the caller is not in an organization.
    pub(crate) fn not_in_use() -> Self {
        DomainError::new(
            Exception::AwsOrganizationsNotInUse,
            "Your account is not a member of an organization.",
        )
    }

    /// The `Reason` member as AWS spells it, if the exception has one.
    pub(crate) fn reason(&self) -> Option<&str> {
        match self {
            DomainError::Exception { .. } => None,
            DomainError::ConstraintViolation { reason, .. } => Some(reason.as_str()),
            DomainError::InvalidInput { reason, .. } => Some(reason.as_str()),
            DomainError::HandshakeConstraintViolation { reason, .. } => Some(reason.as_str()),
        }
    }

    /// Consumes the error into its message.
    pub(crate) fn into_message(self) -> String {
        match self {
            DomainError::Exception { message, .. }
            | DomainError::ConstraintViolation { message, .. }
            | DomainError::InvalidInput { message, .. }
            | DomainError::HandshakeConstraintViolation { message, .. } => message,
        }
    }
}

/// An `Option` the world's own invariants say is `Some` (an account's
/// organization, a record found a line above): `None` becomes AWS's
/// `ServiceException` naming the broken invariant, never a panic.
pub(crate) trait Invariant<T> {
    /// The value, or `ServiceException` saying which invariant broke.
    fn invariant(self, what: &str) -> DomainResult<T>;
}

impl<T> Invariant<T> for Option<T> {
    fn invariant(self, what: &str) -> DomainResult<T> {
        self.ok_or_else(|| {
            DomainError::new(
                Exception::Service,
                format!("The mock's state broke one of its invariants ({what}); please report this as a bug."),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_reasons_are_spelt_as_aws_spells_them() {
        let err = DomainError::constraint(ConstraintViolationExceptionReason::OuDepthLimitExceeded, "too deep");
        assert_eq!(err.code(), "ConstraintViolationException");
        assert_eq!(err.reason(), Some("OU_DEPTH_LIMIT_EXCEEDED"));
        assert_eq!(err.clone().into_message(), "too deep");
        let err = DomainError::invalid_input(InvalidInputExceptionReason::InvalidPrincipal, "no");
        assert_eq!(err.code(), "InvalidInputException");
        assert_eq!(err.reason(), Some("INVALID_PRINCIPAL"));
        let err = DomainError::handshake_constraint(
            HandshakeConstraintViolationExceptionReason::AlreadyInAnOrganization,
            "in one",
        );
        assert_eq!(err.code(), "HandshakeConstraintViolationException");
        assert_eq!(err.reason(), Some("ALREADY_IN_AN_ORGANIZATION"));
        assert_eq!(DomainError::not_in_use().code(), "AWSOrganizationsNotInUseException");
        assert_eq!(None::<()>.invariant("x").unwrap_err().code(), "ServiceException");
        assert_eq!(
            Exception::PolicyTypeNotAvailableForOrganization.code(),
            "PolicyTypeNotAvailableForOrganizationException"
        );
    }
}
