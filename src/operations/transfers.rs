//! InviteOrganizationToTransferResponsibility, DescribeResponsibilityTransfer,
//! UpdateResponsibilityTransfer, TerminateResponsibilityTransfer,
//! ListInboundResponsibilityTransfers, ListOutboundResponsibilityTransfers,
//! CreateGovCloudAccount.

use aws_sdk_organizations::operation::{
    create_gov_cloud_account::{CreateGovCloudAccountInput, CreateGovCloudAccountOutput},
    describe_responsibility_transfer::{DescribeResponsibilityTransferInput, DescribeResponsibilityTransferOutput},
    invite_organization_to_transfer_responsibility::{
        InviteOrganizationToTransferResponsibilityInput, InviteOrganizationToTransferResponsibilityOutput,
    },
    list_inbound_responsibility_transfers::{
        ListInboundResponsibilityTransfersInput, ListInboundResponsibilityTransfersOutput,
    },
    list_outbound_responsibility_transfers::{
        ListOutboundResponsibilityTransfersInput, ListOutboundResponsibilityTransfersOutput,
    },
    terminate_responsibility_transfer::{TerminateResponsibilityTransferInput, TerminateResponsibilityTransferOutput},
    update_responsibility_transfer::{UpdateResponsibilityTransferInput, UpdateResponsibilityTransferOutput},
};
use aws_sdk_organizations::types;
use aws_smithy_types::DateTime;

use super::{paging, parse, required, shapes, Ctx};
use crate::wire::error::ApiResult;
use crate::world::transfers::Direction;
use crate::world::{DomainError, Exception, Timestamp, World};

fn millis(t: &DateTime) -> ApiResult<Timestamp> {
    t.to_millis().map_err(|_| {
        DomainError::invalid_input(
            types::InvalidInputExceptionReason::InvalidStartDate,
            "The timestamp is out of range.",
        )
        .into()
    })
}

pub(super) fn invite_organization_to_transfer_responsibility(
    world: &mut World,
    ctx: &Ctx,
    input: InviteOrganizationToTransferResponsibilityInput,
) -> ApiResult<InviteOrganizationToTransferResponsibilityOutput> {
    let target = required(input.target(), "Target")?;
    let start = millis(required(input.start_timestamp(), "StartTimestamp")?)?;
    let id = world.invite_transfer(
        parse::member(ctx)?,
        &parse::party(target)?,
        input.notes(),
        start,
        required(input.source_name(), "SourceName")?,
        &shapes::tag_pairs(input.tags()),
    )?;
    let handshake = shapes::handshake(world, world.handshake_for(parse::caller(ctx), &id)?);
    Ok(InviteOrganizationToTransferResponsibilityOutput::builder()
        .handshake(handshake)
        .build())
}

pub(super) fn describe_responsibility_transfer(
    world: &mut World,
    ctx: &Ctx,
    input: DescribeResponsibilityTransferInput,
) -> ApiResult<DescribeResponsibilityTransferOutput> {
    let t = world.transfer_for(&ctx.caller, &parse::transfer(input.id()))?;
    Ok(DescribeResponsibilityTransferOutput::builder()
        .responsibility_transfer(shapes::responsibility_transfer(world, t, &ctx.caller))
        .build())
}

pub(super) fn update_responsibility_transfer(
    world: &mut World,
    ctx: &Ctx,
    input: UpdateResponsibilityTransferInput,
) -> ApiResult<UpdateResponsibilityTransferOutput> {
    let name = required(input.name(), "Name")?;
    let id = world
        .rename_transfer(parse::member(ctx)?, &parse::transfer(input.id()), name)?
        .id
        .clone();
    let t = world.transfer_for(&ctx.caller, &id)?;
    Ok(UpdateResponsibilityTransferOutput::builder()
        .responsibility_transfer(shapes::responsibility_transfer(world, t, &ctx.caller))
        .build())
}

pub(super) fn terminate_responsibility_transfer(
    world: &mut World,
    ctx: &Ctx,
    input: TerminateResponsibilityTransferInput,
) -> ApiResult<TerminateResponsibilityTransferOutput> {
    let end = input.end_timestamp().map(millis).transpose()?;
    let id = world
        .terminate_transfer(parse::member(ctx)?, &parse::transfer(input.id()), end)?
        .id
        .clone();
    let t = world.transfer_for(&ctx.caller, &id)?;
    Ok(TerminateResponsibilityTransferOutput::builder()
        .responsibility_transfer(shapes::responsibility_transfer(world, t, &ctx.caller))
        .build())
}

/// One page of the caller's transfers one way, optionally only `only`.
fn list(
    world: &World,
    ctx: &Ctx,
    direction: Direction,
    only: Option<&str>,
    (token, max): (Option<&str>, Option<i32>),
) -> ApiResult<(Vec<types::ResponsibilityTransfer>, Option<String>)> {
    ctx.org(world)?;
    if let Some(id) = only {
        let t = world.transfer_for(&ctx.caller, &parse::transfer(id))?;
        if !t.runs(direction, &ctx.caller) {
            return Err(DomainError::new(
                Exception::ResponsibilityTransferNotFound,
                format!("Transfer '{id}' is not one of your {direction:?} transfers.").to_lowercase(),
            )
            .into());
        }
    }
    let scope = format!("ResponsibilityTransfers/{direction:?}/{}", ctx.caller);
    let from = paging::start(&scope, token)?;
    let items = world
        .transfers_of(&ctx.caller, direction, from)
        .filter(|(_, t)| only.is_none_or(|id| t.id == id));
    Ok(paging::take(&scope, items, max, |t| {
        shapes::responsibility_transfer(world, t, &ctx.caller)
    }))
}

pub(super) fn list_inbound_responsibility_transfers(
    world: &mut World,
    ctx: &Ctx,
    input: ListInboundResponsibilityTransfersInput,
) -> ApiResult<ListInboundResponsibilityTransfersOutput> {
    let (transfers, next) = list(
        world,
        ctx,
        Direction::Inbound,
        input.id(),
        (input.next_token(), input.max_results()),
    )?;
    Ok(ListInboundResponsibilityTransfersOutput::builder()
        .set_responsibility_transfers(Some(transfers))
        .set_next_token(next)
        .build())
}

pub(super) fn list_outbound_responsibility_transfers(
    world: &mut World,
    ctx: &Ctx,
    input: ListOutboundResponsibilityTransfersInput,
) -> ApiResult<ListOutboundResponsibilityTransfersOutput> {
    let (transfers, next) = list(
        world,
        ctx,
        Direction::Outbound,
        None,
        (input.next_token(), input.max_results()),
    )?;
    Ok(ListOutboundResponsibilityTransfersOutput::builder()
        .set_responsibility_transfers(Some(transfers))
        .set_next_token(next)
        .build())
}

pub(super) fn create_gov_cloud_account(
    world: &mut World,
    ctx: &Ctx,
    input: CreateGovCloudAccountInput,
) -> ApiResult<CreateGovCloudAccountOutput> {
    let id = world.create_govcloud_account(
        parse::org(ctx)?,
        required(input.email(), "Email")?,
        required(input.account_name(), "AccountName")?,
        &shapes::tag_pairs(input.tags()),
        input.role_name(),
    )?;
    let org = ctx.org(world)?;
    let submitted = org.create_account_requests().by_id()[&id].as_submitted();
    Ok(CreateGovCloudAccountOutput::builder()
        .create_account_status(shapes::create_account_status(&submitted))
        .build())
}
