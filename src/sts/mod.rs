//! STS beside Organizations: `AssumeRole` and `GetCallerIdentity` in the
//! awsQuery protocol, answered by the same HTTP client and server, so
//! account-vending code (create an account, assume its role, work there)
//! runs end to end.
//!
//! Requests are told apart by their shape: Organizations' awsJson1.1 carries
//! `X-Amz-Target`; STS's awsQuery has none and a form-encoded body with
//! `Action=` ([`query::Call::parse`]).
//!
//! Callers are told apart by their SigV4 access key id ([`principal`]): twelve
//! digits call as that account's root user; an `ASIA...` key that
//! `AssumeRole` issued calls as the role's account until it expires; any
//! other key calls as the default account.

pub(crate) mod action;
mod handle;
pub(crate) mod ops;
pub(crate) mod query;

use crate::codec::Reply;
use crate::error::ApiError;
use crate::shared::Shared;
use crate::world::iam::RoleSession;
use crate::world::ids::is_account_id;
use crate::world::World;
pub use action::StsAction;
use query::{Call, StsError};

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
    fn sts_error(&self) -> Option<StsError> {
        let (_, code, message) = self.credential_problem()?;
        Some(StsError::new(code, 403, message))
    }
}

/// The principal that signed a request with `authorization`.
pub(crate) fn principal(shared: &Shared, authorization: Option<&str>) -> Principal {
    let key = authorization.and_then(crate::signing::access_key_id);
    match key {
        Some(key) if is_account_id(key) => Principal::Root(key.to_string()),
        Some(key) if key.starts_with("ASIA") => {
            let world = shared.world();
            match world.session(key) {
                Some(session) if world.now() < session.expires_at => Principal::Session(session.clone()),
                Some(session) => Principal::Expired(session.clone()),
                None => Principal::Unknown(shared.default_account.clone()),
            }
        }
        _ => Principal::Root(shared.default_account.clone()),
    }
}

/// Runs one STS call and frames its XML reply. A panic (a bug in the mock)
/// fails that call alone with STS's `InternalFailure` (HTTP 500), as the
/// Organizations path answers `ServiceException`.
///
/// ARNs are in `partition`, the one of `region`, the region the request was
/// signed for (SigV4 credential scope), which guardrails see as
/// `aws:RequestedRegion`.
pub(crate) fn dispatch(
    world: &mut World,
    caller: &Principal,
    call: &Call,
    request_id: &str,
    region: Option<&str>,
    partition: &str,
) -> Reply {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(world, caller, call, request_id, region, partition))).unwrap_or_else(|_| {
        StsError::new(
            "InternalFailure",
            500,
            format!("The mock failed internally while handling {}; this is a bug in aws-organizations-mock, please report it.", call.action),
        )
        .reply(request_id)
    })
}

fn run(
    world: &mut World,
    caller: &Principal,
    call: &Call,
    request_id: &str,
    region: Option<&str>,
    partition: &str,
) -> Reply {
    if let Some(err) = caller.sts_error() {
        return err.reply(request_id);
    }
    if let Some(version) = call.param("Version").filter(|v| *v != query::VERSION) {
        return StsError::new(
            "InvalidAction",
            400,
            format!(
                "Could not find operation {} for version {version}; STS's version is {}.",
                call.action,
                query::VERSION
            ),
        )
        .reply(request_id);
    }
    let result = match StsAction::from_name(&call.action) {
        Some(StsAction::AssumeRole) => ops::assume_role(world, caller, call, region, partition),
        Some(StsAction::GetCallerIdentity) => Ok(ops::get_caller_identity(caller, partition)),
        None => Err(StsError::new(
            "InvalidAction",
            400,
            format!("The action or operation requested is invalid: '{}'. The mock answers STS's AssumeRole and GetCallerIdentity.", call.action),
        )),
    };
    match result {
        Ok(nodes) => query::success(&call.action, nodes, request_id),
        Err(err) => err.reply(request_id),
    }
}

/// The error reply of an injected fault on an STS call: the rule's code and
/// message in STS's XML envelope.
pub(crate) fn injected_error(err: &ApiError, request_id: &str) -> Reply {
    StsError::new(err.code(), err.http_status(), err.message()).reply(request_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::MockOrganizations;

    #[test]
    fn callers_are_told_apart_by_their_access_key_id() {
        let mock = MockOrganizations::new();
        let auth = |key: &str| {
            format!("AWS4-HMAC-SHA256 Credential={key}/20250101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=abc")
        };
        let who = |key: Option<&str>| principal(&mock.shared, key.map(auth).as_deref());
        assert!(matches!(who(Some("222222222222")), Principal::Root(a) if a == "222222222222"));
        assert!(matches!(who(Some("AKIAEXAMPLE")), Principal::Root(a) if a == "111111111111"));
        assert!(matches!(who(None), Principal::Root(a) if a == "111111111111"));
        assert!(matches!(principal(&mock.shared, Some("garbage")), Principal::Root(a) if a == "111111111111"));
        assert!(matches!(who(Some("ASIANOTISSUED0000000")), Principal::Unknown(_)));
        mock.create_role("222222222222", "R", &["111111111111"]);
        let session = mock
            .shared
            .world()
            .start_session(&crate::world::AccountId::new("222222222222"), "R", "s", 900);
        let key = session.access_key_id.clone();
        assert!(matches!(who(Some(&key)), Principal::Session(s) if s.account_id == "222222222222"));
        assert_eq!(who(Some(&key)).arn("aws"), "arn:aws:sts::222222222222:assumed-role/R/s");
        assert_eq!(
            who(Some("333333333333")).arn("aws-cn"),
            "arn:aws-cn:iam::333333333333:root"
        );
        mock.advance(std::time::Duration::from_secs(900));
        assert!(matches!(who(Some(&key)), Principal::Expired(_)));
        assert_eq!(
            who(Some(&key)).organizations_error().unwrap().code(),
            "ExpiredTokenException"
        );
    }
}
