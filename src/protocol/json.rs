//! awsJson1.1 dispatch in three steps: [`prepare`] (find the operation,
//! validate and decode its input, without the world), [`apply`] (authorize
//! and run the handler, under the world's lock) and [`finish`] (encode the
//! output or the error, without the world). The codec itself is the leaf
//! [`crate::wire::codec`].

use crate::operations::{self, Output, Pending};
use crate::wire::codec::{encode, Reply};
use crate::wire::error::{ApiError, ApiResult};
use crate::wire::validation;
use crate::world::World;

/// One request as the transport found it.
#[derive(Debug)]
pub(crate) struct Request<'a> {
    /// The operation named by the target.
    pub operation: &'a str,
    /// The calling account.
    pub caller: &'a str,
    /// Who signed, for the guardrails.
    pub signer: &'a operations::Signer<'a>,
    /// The body parsed as JSON (once: it is validated and decoded from this
    /// value), or why it could not be.
    pub json: Result<&'a serde_json::Value, &'a ApiError>,
}

/// A request made ready without the world: its operation found, its input
/// validated against the model and decoded. Only [`apply`] needs the world.
pub(crate) struct Ready<'a> {
    op: &'static operations::Operation,
    /// The calling account, resolved by `authorize` under the lock.
    caller: String,
    /// Who signed, and the input the guardrails read their keys from.
    signer: &'a operations::Signer<'a>,
    json: &'a serde_json::Value,
    /// The decoded input, or why it did not decode: reported after
    /// authorization.
    pending: ApiResult<Pending>,
}

impl std::fmt::Debug for Ready<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ready")
            .field("operation", &self.op.name)
            .finish_non_exhaustive()
    }
}

/// The first step of a request, without the world: finds the operation,
/// validates the input (the model's constraints, before anything else: an
/// invalid request changes nothing) and decodes it from the same parsed JSON.
pub(crate) fn prepare<'a>(request: &Request<'a>) -> ApiResult<Ready<'a>> {
    let op = find_operation(request.operation)?;
    let json = request.json.map_err(Clone::clone)?;
    validation::validate(op.input, json)?;
    Ok(Ready {
        op,
        caller: request.caller.to_string(),
        signer: request.signer,
        json,
        pending: (op.decode)(json),
    })
}

/// The second step, under the world's lock: who may call, then the handler.
pub(crate) fn apply(world: &mut World, ready: Ready<'_>) -> ApiResult<Output> {
    operations::authorize_signed(world, ready.caller, ready.op, ready.signer, Some(ready.json))
        .and_then(|ctx| ready.pending.and_then(|pending| pending(world, &ctx)))
}

/// The last step, without the world: encodes the output, its ARNs in
/// `partition` (the caller's region's, which the transport found), or the
/// error.
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
