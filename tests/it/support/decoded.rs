//! What the SDK itself decoded from an error response: its typed exception and
//! the `Reason` field of that exception. Tests that check an error through this
//! fail when the error envelope breaks (the SDK would decode `Unhandled`), not
//! only when the mock picks the wrong code.

use aws_sdk_organizations::error::ProvideErrorMetadata;
use aws_sdk_organizations::Error;

/// `"Exception"`, or `"Exception/REASON"` when the exception has a `Reason`, as the
/// SDK decoded it into the typed `aws_sdk_organizations::Error`.
///
/// Panics when the SDK could not decode the error into one of its typed
/// exceptions (`Error::Unhandled`), or when the exception has no message.
pub fn decoded(error: impl Into<Error>) -> String {
    let error: Error = error.into();
    let reason = match &error {
        Error::ConstraintViolationException(e) => e.reason().map(|r| r.as_str().to_owned()),
        Error::HandshakeConstraintViolationException(e) => e.reason().map(|r| r.as_str().to_owned()),
        Error::InvalidInputException(e) => e.reason().map(|r| r.as_str().to_owned()),
        Error::AccessDeniedForDependencyException(e) => e.reason().map(|r| r.as_str().to_owned()),
        _ => None,
    };
    // The typed variant's name is the exception's shape name (the SDK spells
    // `AWSOrganizationsNotInUseException` as `AwsOrganizations...`); it must agree
    // with the code the SDK read from the envelope. An error the SDK could not
    // type is `Unhandled(..)`, which fails here.
    let debug = format!("{error:?}");
    let variant = debug.split('(').next().unwrap_or_default();
    let code = error
        .code()
        .unwrap_or_else(|| panic!("no error code: {error:?}"))
        .to_owned();
    assert!(
        variant.eq_ignore_ascii_case(&code),
        "the SDK decoded {variant}, not the typed exception, for code {code}: {error:?}"
    );
    assert!(error.message().is_some_and(|m| !m.is_empty()), "no message: {error:?}");
    match reason {
        Some(reason) => format!("{code}/{reason}"),
        None => code,
    }
}
