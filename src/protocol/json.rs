//! Organizations' awsJson1.1 in three steps: [`prepare`] (find the
//! operation, validate and decode its input, without the world), [`apply`]
//! (authorize and run the handler, under the world's lock) and [`finish`]
//! (encode the output or the error, without the world). The order, the lock
//! and the panic guard are [`crate::protocol::run`]'s; the codec itself is the
//! leaf [`crate::wire::codec`].

use crate::operations::{self, Output, Pending, Signer};
use crate::protocol::request::Request;
use crate::sts::Principal;
use crate::wire::codec::{encode, Reply};
use crate::wire::error::{ApiError, ApiResult};
use crate::wire::validation;
use crate::world::World;

/// A request made ready without the world: its operation found, its input
/// validated against the model and decoded. Only [`apply`] needs the world.
pub(crate) struct Ready<'a> {
    op: &'static operations::Operation,
    /// The calling account, resolved by `authorize` under the lock.
    caller: String,
    /// Who signed, and the input the guardrails read their keys from.
    signer: Signer<'a>,
    json: &'a serde_json::Value,
    /// The decoded input, or why it did not decode: reported after
    /// authorization.
    pending: ApiResult<Pending>,
}

/// The first step of a request, without the world. In AWS's order: the
/// caller's credentials, the target, the operation, the body; then the input
/// is validated (the model's constraints, before anything else: an invalid
/// request changes nothing) and decoded from the same parsed JSON.
pub(crate) fn prepare<'a>(
    request: &'a Request<'a>,
    operation: &ApiResult<&str>,
    body_error: Option<&ApiError>,
    json: &'a serde_json::Value,
) -> ApiResult<Ready<'a>> {
    if let Some(err) = request.principal.organizations_error() {
        return Err(err);
    }
    let op = find_operation(operation.as_ref().map_err(Clone::clone)?)?;
    if let Some(err) = body_error {
        return Err(err.clone());
    }
    validation::validate(op.input, json)?;
    Ok(Ready {
        op,
        caller: request.principal.account().to_string(),
        signer: signer(&request.principal, request.region, request.partition),
        json,
        pending: (op.decode)(json),
    })
}

/// The second step, under the world's lock: who may call, then the handler.
pub(crate) fn apply(world: &mut World, ready: Ready<'_>) -> ApiResult<Output> {
    operations::authorize_signed(world, ready.caller, ready.op, &ready.signer, Some(ready.json))
        .and_then(|ctx| ready.pending.and_then(|pending| pending(world, &ctx)))
}

/// The last step, without the world: encodes the output, its ARNs in
/// `partition` (the caller's region's), or the error.
pub(crate) fn finish(outcome: ApiResult<Output>, partition: &'static str) -> Reply {
    match outcome.and_then(|output| encode(output.as_ref())) {
        Ok(bytes) => Reply::ok(crate::wire::partition::rewrite(bytes, partition)),
        Err(err) => Reply::error(&err),
    }
}

/// Looks up an operation in the dispatch table.
pub(crate) fn find_operation(operation: &str) -> ApiResult<&'static operations::Operation> {
    operations::find(operation).ok_or_else(|| {
        ApiError::new(
            "UnknownOperationException",
            format!("'{operation}' is not an operation of AWS Organizations."),
        )
    })
}

/// Who signed a request, as the guardrails see it: the root user of an
/// account, or an assumed-role session, in the partition and region of the
/// signature. Borrowed: nothing is built unless a guardrail applies.
fn signer<'a>(principal: &'a Principal, region: Option<&'a str>, partition: &'static str) -> Signer<'a> {
    Signer {
        session: match principal {
            Principal::Session(s) | Principal::Expired(s) => Some(s),
            _ => None,
        },
        region,
        partition,
    }
}
