//! The operations of AWS Organizations, one module per resource family, and
//! the one table that maps each operation name to its handler and to who may
//! call it.
//!
//! Every handler is a small typed function
//! `fn(&mut World, &Ctx, XInput) -> ApiResult<XOutput>` over the SDK's own
//! input and output types. Adding an operation is one such function and one
//! row in the operation table ([`crate::operation_table`]), from which
//! [`OPERATIONS`] and the typed harness are derived.

mod accounts;
mod organization;
mod ous;
pub(crate) mod paging;
mod parse;
mod policies;
mod shapes;
mod tags;
// multi-account: handshakes, delegation, transfers
mod delegation;
mod handshakes;
mod transfers;

use std::collections::HashMap;
use std::sync::LazyLock;

use aws_sdk_organizations::operation as op;
use aws_smithy_schema::serde::{SerdeError, SerializableStruct, ShapeDeserializer};

use crate::error::{ApiError, ApiResult};
use crate::value_input;
use crate::world::{AccountId, OrgId, Organization, Standing, World};

/// Who made the call, as [`authorize`] resolved it and the handlers see it.
#[derive(Clone, Debug)]
pub(crate) struct Ctx {
    /// The calling account's id.
    pub caller: AccountId,
    /// The id of the caller's organization when it was authorized.
    pub org_id: Option<OrgId>,
}

impl Ctx {
    /// The caller's organization, found by the id [`authorize`] resolved
    /// (one look-up instead of two), or `AWSOrganizationsNotInUseException`.
    pub(crate) fn org<'w>(&self, world: &'w World) -> ApiResult<&'w Organization> {
        match &self.org_id {
            Some(id) => world.orgs.get(id).ok_or_else(ApiError::not_in_use),
            // Not in an organization when authorized (operations anyone may
            // call): whatever the handler did since decides.
            None => Ok(world.caller_org(&self.caller)?),
        }
    }
}

/// Who may call an operation, as AWS documents it ("You can only call this
/// operation from ...").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Any account, in an organization or not.
    Anyone,
    /// Any account in an organization.
    AnyMember,
    /// The management account or a delegated administrator.
    ManagementOrDelegated,
    /// The management account only.
    Management,
}

/// One row of the dispatch table.
pub(crate) struct Operation {
    /// AWS's operation name, as in `X-Amz-Target`.
    pub name: &'static str,
    /// Who may call it.
    pub access: Access,
    /// Decodes the input from the body's parsed (and validated) JSON, off
    /// the world's lock, into the call of the handler.
    pub decode: fn(&serde_json::Value) -> ApiResult<Pending>,
}

/// A handler's output, encoded once the world's lock is released.
pub(crate) type Output = Box<dyn SerializableStruct>;

/// A decoded input waiting for the world: runs the handler on it.
pub(crate) type Pending = Box<dyn FnOnce(&mut World, &Ctx) -> ApiResult<Output>>;

/// A member the model requires. The validation layer has already refused a
/// request without it; this only turns the SDK's `Option` into the value.
pub(crate) fn required<T>(value: Option<T>, member: &str) -> ApiResult<T> {
    value.ok_or_else(|| ApiError::invalid_input("INPUT_REQUIRED", format!("{member} is required.")))
}

/// Decodes with `deserialize` into the call of `handler`, whose output the
/// protocol layer encodes: only the handler needs the world.
fn decode<I: 'static, O: SerializableStruct + 'static>(
    deserialize: fn(&mut dyn ShapeDeserializer) -> Result<I, SerdeError>,
    handler: fn(&mut World, &Ctx, I) -> ApiResult<O>,
    body: &serde_json::Value,
) -> ApiResult<Pending> {
    let input = value_input::decode(body, deserialize)?;
    Ok(Box::new(move |world, ctx| {
        handler(world, ctx, input).map(|output| Box::new(output) as Output)
    }))
}

macro_rules! dispatch_table {
    ($($name:ident => $module:ident { $fluent:ident, $input:ident, $output:ident, $error:ident } $access:ident $family:ident::$handler:ident;)*) => {
        /// Every modeled operation: its name, who may call it, and its
        /// handler, derived from the one operation table.
        pub(crate) static OPERATIONS: &[Operation] = &[$(
            Operation {
                name: stringify!($name),
                access: Access::$access,
                decode: |body| decode(op::$module::$input::deserialize, $family::$handler, body),
            },
        )*];
    };
}

crate::operation_table::operation_table!(dispatch_table);

static BY_NAME: LazyLock<HashMap<&'static str, &'static Operation>> =
    LazyLock::new(|| OPERATIONS.iter().map(|o| (o.name, o)).collect());

/// The table row for `name`.
pub(crate) fn find(name: &str) -> Option<&'static Operation> {
    BY_NAME.get(name).copied()
}

/// True for the operations a registered delegated administrator may call
/// without a grant in the resource policy: AWS's read operations.
pub(crate) fn is_read_only(name: &str) -> bool {
    name.starts_with("Describe") || name.starts_with("List")
}

/// The message AWS sends with `AccessDeniedException` when the caller's
/// standing does not allow the operation.
pub(crate) const AWS_ACCESS_DENIED: &str = "You don't have permissions to access this resource.";

/// Applies the table's access rule to `caller`, the same way for every operation:
///
/// - `Anyone`: every account, in an organization or not.
/// - any other rule: an account outside any organization gets
///   `AWSOrganizationsNotInUseException`.
/// - `AnyMember`: every account in an organization.
/// - `Management`: the management account only.
/// - `ManagementOrDelegated`: the management account; a member registered as
///   a delegated administrator for a read operation ([`is_read_only`]); and a
///   member the organization's resource policy grants `organizations:<name>`
///   ("delegated administrator for AWS Organizations").
pub(crate) fn authorize(world: &World, caller: &str, op: &Operation) -> ApiResult<Ctx> {
    let standing = world.standing(caller);
    let allowed = match (op.access, standing) {
        (Access::Anyone, _) => true,
        (_, Standing::Outsider) => return Err(ApiError::not_in_use()),
        (Access::AnyMember, _) | (_, Standing::Management) => true,
        (Access::Management, _) => false,
        (Access::ManagementOrDelegated, s) => {
            (s == Standing::DelegatedAdministrator && is_read_only(op.name))
                || world.resource_policy_grants(caller, op.name)
        }
    };
    if allowed {
        return Ok(Ctx {
            caller: AccountId::new(caller),
            org_id: world.org_id_of(caller),
        });
    }
    // AWS's own text (FIDELITY.md, "Error messages"): it names neither the
    // operation nor who may call it.
    Err(ApiError::access_denied(AWS_ACCESS_DENIED))
}
