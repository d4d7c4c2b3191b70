//! The SDK's modeled exceptions (`aws_sdk_organizations::types::error`) as
//! the mock sends them: their members encoded by the SDK's own codec, under
//! the code their schema names, in AWS's awsJson1.1 error envelope.

use std::error::Error as StdError;

use aws_sdk_organizations::types::error as exceptions;
use aws_smithy_schema::serde::SerializableStruct;

use crate::wire::codec;
use crate::wire::error::ApiError;

/// `exception` as an [`ApiError`], when it is one of the SDK's modeled
/// exceptions: code from its schema, `Message` and every other member as encoded.
pub(crate) fn encode_exception(exception: &(dyn StdError + 'static)) -> Option<ApiError> {
    macro_rules! exceptions {
        ($($name:ident,)*) => {
            $(
                if let Some(e) = exception.downcast_ref::<exceptions::$name>() {
                    return Some(to_api_error(e));
                }
            )*
        };
    }
    exceptions! {
    AccessDeniedException,
    AccessDeniedForDependencyException,
    AccountAlreadyClosedException,
    AccountAlreadyRegisteredException,
    AccountNotFoundException,
    AccountNotRegisteredException,
    AccountOwnerNotVerifiedException,
    AlreadyInOrganizationException,
    AwsOrganizationsNotInUseException,
    ChildNotFoundException,
    ConcurrentModificationException,
    ConflictException,
    ConstraintViolationException,
    CreateAccountStatusNotFoundException,
    DestinationParentNotFoundException,
    DuplicateAccountException,
    DuplicateHandshakeException,
    DuplicateOrganizationalUnitException,
    DuplicatePolicyAttachmentException,
    DuplicatePolicyException,
    EffectivePolicyNotFoundException,
    FinalizingOrganizationException,
    HandshakeAlreadyInStateException,
    HandshakeConstraintViolationException,
    HandshakeNotFoundException,
    InvalidHandshakeTransitionException,
    InvalidInputException,
    InvalidResponsibilityTransferTransitionException,
    MalformedPolicyDocumentException,
    MasterCannotLeaveOrganizationException,
    OrganizationNotEmptyException,
    OrganizationalUnitNotEmptyException,
    OrganizationalUnitNotFoundException,
    ParentNotFoundException,
    PolicyChangesInProgressException,
    PolicyInUseException,
    PolicyNotAttachedException,
    PolicyNotFoundException,
    PolicyTypeAlreadyEnabledException,
    PolicyTypeNotAvailableForOrganizationException,
    PolicyTypeNotEnabledException,
    ResourcePolicyNotFoundException,
    ResponsibilityTransferAlreadyInStatusException,
    ResponsibilityTransferNotFoundException,
    RootNotFoundException,
    ServiceException,
    SourceParentNotFoundException,
    TargetNotFoundException,
    TooManyRequestsException,
    UnsupportedApiEndpointException,
    }
    None
}

fn to_api_error(exception: &dyn SerializableStruct) -> ApiError {
    let code = exception.schema().shape_id().shape_name();
    let fields = codec::encode(exception)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&bytes).ok())
        .unwrap_or_default();
    let text = |value: &serde_json::Value| match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let message = fields.get("Message").map(text).unwrap_or_default();
    fields
        .iter()
        .filter(|(name, _)| name.as_str() != "Message")
        .fold(ApiError::new(code, message), |err, (name, value)| {
            err.with_member(name.as_str(), text(value))
        })
}
