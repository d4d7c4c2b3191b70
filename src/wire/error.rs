//! AWS's error vocabulary, as the world and the operations speak it.
//!
//! An [`ApiError`] is one modeled exception of AWS Organizations: its code
//! (`ConstraintViolationException`), its message and its modeled members
//! (`Reason`, `Type`). It knows nothing of HTTP; the protocol layer turns it
//! into the awsJson1.1 error envelope.

use std::fmt;

use crate::world::{DomainError, Exception};

/// One AWS Organizations error: a modeled exception code, a message and the
/// exception's other modeled members (for example `Reason`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    code: String,
    message: String,
    members: Vec<(String, String)>,
}

impl ApiError {
    /// An error with `code` (e.g. `"AccountNotFoundException"`) and `message`.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError {
            code: code.into(),
            message: message.into(),
            members: Vec::new(),
        }
    }

    /// Adds (or replaces) a modeled member such as `Reason`.
    pub fn with_member(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        let value = value.into();
        match self.members.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.members.push((name, value)),
        }
        self
    }

    /// The exception code, as sent in `__type`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The human-readable message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The `Reason` member, if the exception has one.
    pub fn reason(&self) -> Option<&str> {
        self.member("Reason")
    }

    /// A modeled member by name.
    pub fn member(&self, name: &str) -> Option<&str> {
        self.members.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Every modeled member other than `Message`, in insertion order.
    pub fn members(&self) -> impl Iterator<Item = (&str, &str)> {
        self.members.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The HTTP status AWS answers this error with.
    pub fn http_status(&self) -> u16 {
        match self.code.as_str() {
            "ServiceException" => 500,
            // Expired session credentials (src/sts): 403 as observed (FIDELITY.md#sts-assumerole-and-getcalleridentity).
            "ExpiredTokenException" => 403,
            // Errors common to every AWS call that a rule may inject, with the
            // statuses AWS documents (FIDELITY.md#errors-a-rule-may-inject).
            "InternalFailure" => 500,
            "ServiceUnavailable" => 503,
            "NotAuthorized" => 401,
            "OptInRequired" => 403,
            "RequestTimeoutException" => 408,
            "RequestEntityTooLargeException" => 413,
            _ => 400,
        }
    }

    // ---- constructors for the errors every family uses ----

    /// `InvalidInputException` with a `Reason`.
    pub fn invalid_input(reason: &str, message: impl Into<String>) -> Self {
        ApiError::new("InvalidInputException", message).with_member("Reason", reason)
    }

    /// `ConstraintViolationException` with a `Reason`.
    pub fn constraint(reason: &str, message: impl Into<String>) -> Self {
        ApiError::new("ConstraintViolationException", message).with_member("Reason", reason)
    }

    /// `AccessDeniedException`.
    pub fn access_denied(message: impl Into<String>) -> Self {
        ApiError::new("AccessDeniedException", message)
    }

    /// `AWSOrganizationsNotInUseException`: the caller is not in an organization.
    pub fn not_in_use() -> Self {
        DomainError::not_in_use().into()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        for (name, value) in &self.members {
            write!(f, " ({name}: {value})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// The result type of every operation function (the world returns
/// `DomainResult`, converted here by `From<DomainError>`).
pub type ApiResult<T> = Result<T, ApiError>;

/// The wire name (`__type`) of each exception the world raises: with
/// `From<DomainError> for ApiError` below, the one place the world's errors
/// meet the wire. The match is exhaustive, so a new kind needs its name here.
impl Exception {
    /// The exception's code, as AWS sends it in `__type`.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Exception::AccessDenied => "AccessDeniedException",
            Exception::AccountAlreadyClosed => "AccountAlreadyClosedException",
            Exception::AccountAlreadyRegistered => "AccountAlreadyRegisteredException",
            Exception::AccountNotFound => "AccountNotFoundException",
            Exception::AccountNotRegistered => "AccountNotRegisteredException",
            Exception::AlreadyInOrganization => "AlreadyInOrganizationException",
            Exception::AwsOrganizationsNotInUse => "AWSOrganizationsNotInUseException",
            Exception::ChildNotFound => "ChildNotFoundException",
            Exception::CreateAccountStatusNotFound => "CreateAccountStatusNotFoundException",
            Exception::DestinationParentNotFound => "DestinationParentNotFoundException",
            Exception::DuplicateAccount => "DuplicateAccountException",
            Exception::DuplicateHandshake => "DuplicateHandshakeException",
            Exception::DuplicateOrganizationalUnit => "DuplicateOrganizationalUnitException",
            Exception::DuplicatePolicyAttachment => "DuplicatePolicyAttachmentException",
            Exception::DuplicatePolicy => "DuplicatePolicyException",
            Exception::EffectivePolicyNotFound => "EffectivePolicyNotFoundException",
            Exception::HandshakeAlreadyInState => "HandshakeAlreadyInStateException",
            Exception::HandshakeNotFound => "HandshakeNotFoundException",
            Exception::InvalidHandshakeTransition => "InvalidHandshakeTransitionException",
            Exception::InvalidResponsibilityTransferTransition => "InvalidResponsibilityTransferTransitionException",
            Exception::MalformedPolicyDocument => "MalformedPolicyDocumentException",
            Exception::MasterCannotLeaveOrganization => "MasterCannotLeaveOrganizationException",
            Exception::OrganizationNotEmpty => "OrganizationNotEmptyException",
            Exception::OrganizationalUnitNotEmpty => "OrganizationalUnitNotEmptyException",
            Exception::OrganizationalUnitNotFound => "OrganizationalUnitNotFoundException",
            Exception::ParentNotFound => "ParentNotFoundException",
            Exception::PolicyInUse => "PolicyInUseException",
            Exception::PolicyNotAttached => "PolicyNotAttachedException",
            Exception::PolicyNotFound => "PolicyNotFoundException",
            Exception::PolicyTypeAlreadyEnabled => "PolicyTypeAlreadyEnabledException",
            Exception::PolicyTypeNotAvailableForOrganization => "PolicyTypeNotAvailableForOrganizationException",
            Exception::PolicyTypeNotEnabled => "PolicyTypeNotEnabledException",
            Exception::ResourcePolicyNotFound => "ResourcePolicyNotFoundException",
            Exception::ResponsibilityTransferAlreadyInStatus => "ResponsibilityTransferAlreadyInStatusException",
            Exception::ResponsibilityTransferNotFound => "ResponsibilityTransferNotFoundException",
            Exception::RootNotFound => "RootNotFoundException",
            Exception::Service => "ServiceException",
            Exception::SourceParentNotFound => "SourceParentNotFoundException",
            Exception::TargetNotFound => "TargetNotFoundException",
        }
    }
}

impl DomainError {
    /// The exception's code, as AWS sends it in `__type`.
    pub(crate) fn code(&self) -> &'static str {
        match self {
            DomainError::Exception { kind, .. } => kind.code(),
            DomainError::ConstraintViolation { .. } => "ConstraintViolationException",
            DomainError::InvalidInput { .. } => "InvalidInputException",
            DomainError::HandshakeConstraintViolation { .. } => "HandshakeConstraintViolationException",
        }
    }
}

/// The one conversion of the world's error to AWS's wire error: the
/// exception's code, its message and its `Reason` as AWS spells it.
impl From<DomainError> for ApiError {
    fn from(err: DomainError) -> Self {
        let code = err.code();
        let reason = err.reason().map(str::to_owned);
        let error = ApiError::new(code, err.into_message());
        match reason {
            Some(reason) => error.with_member("Reason", reason),
            None => error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_organizations::types::{ConstraintViolationExceptionReason, InvalidInputExceptionReason};

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
        let err = ApiError::from(DomainError::not_in_use());
        assert_eq!(err.code(), "AWSOrganizationsNotInUseException");
        assert_eq!(err.members().count(), 0);
        assert_eq!(err.http_status(), 400);
    }

    #[test]
    fn a_member_set_twice_keeps_the_last_value_and_members_keep_their_names() {
        let err = ApiError::new("TooManyRequestsException", "slow down")
            .with_member("Type", "OrganizationsQuota")
            .with_member("Reason", "FIRST")
            .with_member("Reason", "SECOND");
        assert_eq!(err.member("Type"), Some("OrganizationsQuota"));
        assert_eq!(err.reason(), Some("SECOND"));
        assert_eq!(
            err.members().collect::<Vec<_>>(),
            [("Type", "OrganizationsQuota"), ("Reason", "SECOND")]
        );
    }
}
