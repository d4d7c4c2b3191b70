//! STS's awsQuery protocol: runs one STS call under the world's lock and
//! frames its XML reply ([`crate::wire::query`]).

use crate::sts::{ops, Principal, StsAction};
use crate::wire::codec::Reply;
use crate::wire::error::ApiError;
use crate::wire::query::{self, Call, StsError};
use crate::world::World;

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
