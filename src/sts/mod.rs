//! STS beside Organizations: `AssumeRole` and `GetCallerIdentity` in the
//! awsQuery protocol, answered by the same HTTP client and server, so
//! account-vending code (create an account, assume its role, work there)
//! runs end to end.
//!
//! Requests are told apart by their shape: Organizations' awsJson1.1 carries
//! `X-Amz-Target`; STS's awsQuery has none and a form-encoded body with
//! `Action=` ([`crate::protocol::Protocol::read`], with
//! [`crate::wire::query::Call::parse`]); both run through the one entry point
//! [`crate::protocol::run`].
//!
//! Callers are told apart by their SigV4 access key id
//! ([`crate::transport::caller::principal`]): twelve
//! digits call as that account's root user; an `ASIA...` key that
//! `AssumeRole` issued calls as the role's account until it expires; any
//! other key calls as the default account.

pub(crate) mod action;
pub(crate) mod ops;

use crate::wire::error::ApiError;
use crate::wire::query::StsError;
use crate::world::iam::RoleSession;
pub use action::StsAction;

/// Who signed a request.
#[derive(Clone, Debug)]
pub(crate) enum Principal {
    /// An account's root user: a 12-digit access key id, or the default
    /// account for any other key that is not a session's.
    Root(String),
    /// A role session `AssumeRole` issued, still valid.
    Session(RoleSession),
    /// A role session past its expiration.
    Expired(RoleSession),
    /// An `ASIA` key no `AssumeRole` of this world issued; calls as the default account.
    Unknown(String),
}

impl Principal {
    /// The calling account.
    pub(crate) fn account(&self) -> &str {
        match self {
            Principal::Root(account) | Principal::Unknown(account) => account,
            Principal::Session(s) | Principal::Expired(s) => &s.account_id,
        }
    }

    /// The caller's ARN in `partition`: `arn:aws:iam::<account>:root` or the
    /// assumed-role ARN.
    pub(crate) fn arn(&self, partition: &str) -> String {
        match self {
            Principal::Session(s) | Principal::Expired(s) => s.arn(partition),
            _ => format!("arn:{partition}:iam::{}:root", self.account()),
        }
    }

    /// Why a call from this principal fails before it runs: its message,
    /// with its code in Organizations' awsJson1.1 and in STS's awsQuery
    /// vocabulary.
    fn credential_problem(&self) -> Option<(&'static str, &'static str, &'static str)> {
        match self {
            Principal::Expired(_) => Some((
                "ExpiredTokenException",
                "ExpiredToken",
                "The security token included in the request is expired",
            )),
            Principal::Unknown(_) => Some((
                "UnrecognizedClientException",
                "InvalidClientTokenId",
                "The security token included in the request is invalid.",
            )),
            _ => None,
        }
    }

    /// Why a call from this principal fails before it runs, in
    /// Organizations' awsJson1.1 vocabulary.
    pub(crate) fn organizations_error(&self) -> Option<ApiError> {
        let (code, _, message) = self.credential_problem()?;
        Some(ApiError::new(code, message))
    }

    /// The same, in STS's awsQuery vocabulary (HTTP 403).
    pub(crate) fn sts_error(&self) -> Option<StsError> {
        let (_, code, message) = self.credential_problem()?;
        Some(StsError::new(code, 403, message))
    }
}
