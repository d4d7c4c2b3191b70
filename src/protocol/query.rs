//! STS's awsQuery in three steps, as [`crate::protocol::json`] does
//! Organizations': [`prepare`] (the caller's credentials, the version and the
//! action, without the world), [`apply`] (the action, under the world's
//! lock) and [`finish`] (the XML reply, [`crate::wire::query`], without the
//! world). The order, the lock and the panic guard are
//! [`crate::protocol::run`]'s.

use crate::protocol::request::Request;
use crate::sts::{ops, Principal, StsAction};
use crate::wire::codec::Reply;
use crate::wire::query::{self, Call, Node, StsError};
use crate::world::World;

/// An STS call made ready without the world: its action known, its caller's
/// credentials and its version checked.
#[derive(Debug)]
pub(crate) struct Ready<'a> {
    action: StsAction,
    caller: &'a Principal,
    call: &'a Call,
    /// The region the request was signed for (SigV4 credential scope), which
    /// guardrails see as `aws:RequestedRegion`.
    region: Option<&'a str>,
    /// The partition of that region: the ARNs of the result are in it.
    partition: &'static str,
}

/// What an STS action answers: its result's elements, or its error.
pub(crate) type Outcome = Result<Vec<Node>, StsError>;

/// The first step, without the world: the caller's credentials, then the
/// version, then the action.
pub(crate) fn prepare<'a>(request: &'a Request<'a>, call: &'a Call) -> Result<Ready<'a>, StsError> {
    if let Some(err) = request.principal.sts_error() {
        return Err(err);
    }
    if let Some(version) = call.param("Version").filter(|v| *v != query::VERSION) {
        return Err(StsError::new(
            "InvalidAction",
            400,
            format!(
                "Could not find operation {} for version {version}; STS's version is {}.",
                call.action,
                query::VERSION
            ),
        ));
    }
    let action = StsAction::from_name(&call.action).ok_or_else(|| {
        StsError::new(
            "InvalidAction",
            400,
            format!("The action or operation requested is invalid: '{}'. The mock answers STS's AssumeRole and GetCallerIdentity.", call.action),
        )
    })?;
    Ok(Ready {
        action,
        caller: &request.principal,
        call,
        region: request.region,
        partition: request.partition,
    })
}

/// The second step, under the world's lock: the action.
pub(crate) fn apply(world: &mut World, ready: Ready<'_>) -> Outcome {
    match ready.action {
        StsAction::AssumeRole => ops::assume_role(world, ready.caller, ready.call, ready.region, ready.partition),
        StsAction::GetCallerIdentity => Ok(ops::get_caller_identity(ready.caller, ready.partition)),
    }
}

/// The last step, without the world: the `<{Action}Response>` or the
/// `<ErrorResponse>`, with the request id.
pub(crate) fn finish(outcome: Outcome, call: &Call, request_id: &str) -> Reply {
    match outcome {
        Ok(nodes) => query::success(&call.action, nodes, request_id),
        Err(err) => err.reply(request_id),
    }
}
