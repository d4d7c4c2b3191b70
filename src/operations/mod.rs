//! The operations of AWS Organizations, one module per resource family, and
//! the one table that maps each operation name to its handler and to who may
//! call it.
//!
//! Every handler is a small typed function
//! `fn(&mut World, &Ctx, XInput) -> ApiResult<XOutput>` over the SDK's own
//! input and output types. Adding an operation is one such function and one
//! row in the operation table ([`crate::operations::table`]), from which
//! [`OPERATIONS`] and the typed harness are derived.

mod accounts;
pub(crate) mod catalog;
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
// guardrails: the SCPs on a member's calls
pub(crate) mod guardrails;
pub(crate) mod table;

use std::collections::HashMap;
use std::sync::LazyLock;

use aws_sdk_organizations::operation as op;
use aws_sdk_organizations::types::InvalidInputExceptionReason;
use aws_smithy_schema::serde::{SerdeError, SerializableStruct, ShapeDeserializer};

use crate::wire::error::{ApiError, ApiResult};
use crate::wire::validation::Shape;
use crate::wire::value_input;
use crate::world::{AccountId, OrgId, Organization, Standing, World};
pub(crate) use guardrails::Signer;

/// Who made the call, as [`authorize`] resolved it and the handlers see it:
/// the account, its organization and its standing in it, found once.
#[derive(Clone, Debug)]
pub(crate) struct Ctx {
    /// What the caller was to its organization when it was authorized
    /// (handlers that create or leave an organization change it; they read
    /// the world instead).
    pub standing: Standing,
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
            Some(id) => world.orgs().get(id).ok_or_else(ApiError::not_in_use),
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
    /// Its input shape in the model's constraint table, which the validator
    /// checks the body against: named by the row, so resolved when the crate
    /// compiles (`None`: the operation takes no input).
    pub input: Option<&'static Shape>,
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
    value.ok_or_else(|| {
        crate::world::DomainError::invalid_input(
            InvalidInputExceptionReason::InputRequired,
            format!("{member} is required."),
        )
        .into()
    })
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
                input: crate::wire::validation::model::input::$name,
                decode: |body| decode(op::$module::$input::deserialize, $family::$handler, body),
            },
        )*];
    };
}

crate::operations::table::operation_table!(dispatch_table);

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
///
/// The caller, its organization and its standing are found once, here, and
/// handed to the handler in the [`Ctx`].
///
/// The SCPs on the caller's path ([`guardrails::check`]) decide first: AWS
/// authorizes a request (IAM, SCPs) before the service looks at who may
/// call the operation. A call they deny never reaches its handler.
pub(crate) fn authorize_signed(
    world: &World,
    caller: String,
    op: &Operation,
    signer: &Signer<'_>,
    input: Option<&serde_json::Value>,
) -> ApiResult<Ctx> {
    guardrails::check(world, &caller, op.name, signer, input)?;
    authorize(world, caller, op)
}

/// [`authorize_signed`] without the guardrails: the table's access rule alone.
pub(crate) fn authorize(world: &World, caller: String, op: &Operation) -> ApiResult<Ctx> {
    let standing = world.standing(&caller);
    let allowed = match (op.access, standing) {
        (Access::Anyone, _) => true,
        (_, Standing::Outsider) => return Err(ApiError::not_in_use()),
        (Access::AnyMember, _) | (_, Standing::Management) => true,
        (Access::Management, _) => false,
        (Access::ManagementOrDelegated, s) => {
            (s == Standing::DelegatedAdministrator && is_read_only(op.name))
                || world.resource_policy_grants(&caller, op.name)
        }
    };
    if allowed {
        return Ok(Ctx {
            org_id: world.org_id_of(&caller),
            caller: AccountId::new(caller),
            standing,
        });
    }
    // AWS's own text (FIDELITY.md, "Error messages"): it names neither the
    // operation nor who may call it.
    Err(ApiError::access_denied(AWS_ACCESS_DENIED))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row names the input shape the service model gives its operation
    /// (and none when the model gives none), and every operation of the model
    /// has a row: the validator checks each call against the right shape.
    #[test]
    fn every_row_has_its_operations_input_shape() {
        let model: serde_json::Value =
            serde_json::from_str(include_str!("../../model/service-2.json")).expect("the model is JSON");
        let operations = model["operations"].as_object().expect("the model has operations");
        assert_eq!(OPERATIONS.len(), operations.len(), "one row per operation of the model");
        for row in OPERATIONS {
            let modeled = operations[row.name]["input"]["shape"].as_str();
            assert_eq!(row.input.map(|s| s.name), modeled, "{}", row.name);
            assert!(
                find(row.name).is_some_and(|found| std::ptr::eq(found, row)),
                "{}",
                row.name
            );
        }
    }

    /// `authorize` hands the handler the caller's standing along with its
    /// organization, as the world sees them.
    #[test]
    fn authorize_resolves_the_caller_once() {
        let mut world = World::new(crate::world::Settings::default());
        let caller = "111111111111";
        let describe = find("DescribeOrganization").expect("a row");
        let create = find("CreateOrganization").expect("a row");
        assert_eq!(
            authorize(&world, caller.into(), describe)
                .map_err(|e| e.code().to_string())
                .err()
                .as_deref(),
            Some("AWSOrganizationsNotInUseException")
        );
        let ctx = authorize(&world, caller.into(), create).expect("anyone may create an organization");
        assert_eq!((ctx.standing, ctx.org_id), (Standing::Outsider, None));
        let org = world
            .create_organization(&AccountId::new(caller), crate::world::FeatureSet::All)
            .expect("created")
            .id()
            .clone();
        let ctx = authorize(&world, caller.into(), describe).expect("the management account may describe");
        assert_eq!(ctx.caller, caller);
        assert_eq!(ctx.org_id.as_deref(), Some(org.as_str()));
        assert_eq!(ctx.standing, Standing::Management);
        assert_eq!(ctx.standing, world.standing(caller));
    }

    const MANAGEMENT: &str = "111111111111";
    const MEMBER: &str = "222222222222";

    /// Runs `name` as `caller` through its row, the way the protocol layer
    /// does, with the standing `authorize` resolved replaced by `standing`
    /// when given; the output as JSON, or the error's code and reason.
    fn run(
        world: &mut World,
        caller: &str,
        standing: Option<Standing>,
        name: &str,
        body: serde_json::Value,
    ) -> Result<serde_json::Value, String> {
        let op = find(name).expect("a row");
        let outcome = authorize(world, caller.into(), op).and_then(|mut ctx| {
            ctx.standing = standing.unwrap_or(ctx.standing);
            (op.decode)(&body)?(world, &ctx)
        });
        match outcome.and_then(|output| crate::wire::codec::encode(output.as_ref())) {
            Ok(bytes) => Ok(serde_json::from_slice(&bytes).expect("the output is JSON")),
            Err(e) => Err(format!("{}/{}", e.code(), e.reason().unwrap_or_default())),
        }
    }

    /// A world with an organization and one invited member.
    fn organization() -> World {
        let mut world = World::new(crate::world::Settings::default());
        run(
            &mut world,
            MANAGEMENT,
            None,
            "CreateOrganization",
            serde_json::json!({}),
        )
        .expect("created");
        let invited = run(
            &mut world,
            MANAGEMENT,
            None,
            "InviteAccountToOrganization",
            serde_json::json!({"Target": {"Type": "ACCOUNT", "Id": MEMBER}}),
        )
        .expect("invited");
        let id = invited["Handshake"]["Id"].clone();
        run(
            &mut world,
            MEMBER,
            None,
            "AcceptHandshake",
            serde_json::json!({"HandshakeId": id}),
        )
        .expect("accepted");
        assert_eq!(world.standing(MEMBER), Standing::Member);
        world
    }

    /// The handlers that depend on who the caller is read the standing
    /// `authorize` resolved (here replaced), not the world again.
    #[test]
    fn handlers_use_the_standing_in_the_ctx() {
        let mut world = organization();
        let describe = serde_json::json!({"PolicyType": "TAG_POLICY", "TargetId": MEMBER});
        let as_management = run(
            &mut world,
            MANAGEMENT,
            None,
            "DescribeEffectivePolicy",
            describe.clone(),
        );
        assert_ne!(as_management.err().as_deref(), Some("AccessDeniedException/"));
        let as_member = run(
            &mut world,
            MANAGEMENT,
            Some(Standing::Member),
            "DescribeEffectivePolicy",
            describe,
        );
        assert_eq!(as_member.err().as_deref(), Some("AccessDeniedException/"));

        let leave = || serde_json::json!({});
        assert_eq!(
            run(
                &mut world,
                MEMBER,
                Some(Standing::Management),
                "LeaveOrganization",
                leave()
            )
            .err()
            .as_deref(),
            Some("MasterCannotLeaveOrganizationException/")
        );
        assert_eq!(
            run(
                &mut world,
                MEMBER,
                Some(Standing::DelegatedAdministrator),
                "LeaveOrganization",
                leave()
            )
            .err()
            .as_deref(),
            Some("ConstraintViolationException/CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG")
        );
        assert_eq!(
            run(&mut world, MEMBER, None, "LeaveOrganization", leave()),
            Ok(serde_json::json!({}))
        );
        assert_eq!(world.standing(MEMBER), Standing::Outsider);
    }

    /// Who may see, accept or take over a handshake is decided by the
    /// standing `authorize` resolved (here replaced), not the world's.
    #[test]
    fn handshakes_use_the_standing_in_the_ctx() {
        const INVITEE: &str = "333333333333";
        const OTHER: &str = "444444444444";
        let mut world = organization();
        let invited = run(
            &mut world,
            MANAGEMENT,
            None,
            "InviteAccountToOrganization",
            serde_json::json!({"Target": {"Type": "ACCOUNT", "Id": INVITEE}}),
        )
        .expect("invited");
        let id = || serde_json::json!({"HandshakeId": invited["Handshake"]["Id"].clone()});
        let describe = |world: &mut World, caller, standing| {
            run(world, caller, standing, "DescribeHandshake", id())
                .err()
                .unwrap_or_default()
        };
        // The sending organization's administrators see its handshakes.
        assert_eq!(describe(&mut world, MEMBER, None), "HandshakeNotFoundException/");
        assert_eq!(describe(&mut world, MEMBER, Some(Standing::DelegatedAdministrator)), "");
        assert_eq!(describe(&mut world, MEMBER, Some(Standing::Management)), "");
        // (The sender sees what it sent whatever its standing.)
        assert_eq!(describe(&mut world, MANAGEMENT, Some(Standing::Member)), "");

        // Accepting an invitation: the caller's standing decides whether it
        // may leave where it is.
        let accept = |world: &mut World, standing| {
            run(world, INVITEE, standing, "AcceptHandshake", id())
                .err()
                .unwrap_or_default()
        };
        assert_eq!(
            accept(&mut world, Some(Standing::Management)),
            "MasterCannotLeaveOrganizationException/"
        );
        assert_eq!(
            accept(&mut world, Some(Standing::Member)),
            "HandshakeConstraintViolationException/ALREADY_IN_AN_ORGANIZATION"
        );
        assert_eq!(accept(&mut world, None), "");
        assert_eq!(world.standing(INVITEE), Standing::Member);

        // Accepting a transfer: only the invited organization's management
        // account, as authorized.
        run(&mut world, OTHER, None, "CreateOrganization", serde_json::json!({})).expect("created");
        let transfer = run(
            &mut world,
            MANAGEMENT,
            None,
            "InviteOrganizationToTransferResponsibility",
            serde_json::json!({
                "Type": "BILLING",
                "Target": {"Type": "ACCOUNT", "Id": OTHER},
                "StartTimestamp": 1_738_368_000,
                "SourceName": "bills",
            }),
        )
        .expect("invited to transfer");
        let id = serde_json::json!({"HandshakeId": transfer["Handshake"]["Id"].clone()});
        assert_eq!(
            run(
                &mut world,
                OTHER,
                Some(Standing::DelegatedAdministrator),
                "AcceptHandshake",
                id.clone()
            )
            .err()
            .as_deref(),
            Some("ConstraintViolationException/ACCOUNT_NOT_ACTIVE_FOR_TRANSFER_RESPONSIBILITY")
        );
        assert!(run(&mut world, OTHER, None, "AcceptHandshake", id).is_ok());
    }
}
