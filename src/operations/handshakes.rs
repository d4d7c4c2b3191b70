//! InviteAccountToOrganization, AcceptHandshake, DeclineHandshake,
//! CancelHandshake, DescribeHandshake, ListHandshakesForAccount,
//! ListHandshakesForOrganization, EnableAllFeatures, LeaveOrganization.

use aws_sdk_organizations::operation::{
    accept_handshake::{AcceptHandshakeInput, AcceptHandshakeOutput},
    cancel_handshake::{CancelHandshakeInput, CancelHandshakeOutput},
    decline_handshake::{DeclineHandshakeInput, DeclineHandshakeOutput},
    describe_handshake::{DescribeHandshakeInput, DescribeHandshakeOutput},
    enable_all_features::{EnableAllFeaturesInput, EnableAllFeaturesOutput},
    invite_account_to_organization::{InviteAccountToOrganizationInput, InviteAccountToOrganizationOutput},
    leave_organization::{LeaveOrganizationInput, LeaveOrganizationOutput},
    list_handshakes_for_account::{ListHandshakesForAccountInput, ListHandshakesForAccountOutput},
    list_handshakes_for_organization::{ListHandshakesForOrganizationInput, ListHandshakesForOrganizationOutput},
};
use aws_sdk_organizations::types;

use super::{paging, parse, required, shapes, Ctx};
use crate::wire::error::ApiResult;
use crate::world::handshakes::{HandshakeAction, HandshakeFilter};
use crate::world::{DomainError, HandshakeId, World};

/// The handshake `id` as the caller sees it.
fn shown(world: &World, ctx: &Ctx, id: &HandshakeId) -> ApiResult<types::Handshake> {
    Ok(shapes::handshake(world, world.handshake_for(parse::caller(ctx), id)?))
}

pub(super) fn invite_account_to_organization(
    world: &mut World,
    ctx: &Ctx,
    input: InviteAccountToOrganizationInput,
) -> ApiResult<InviteAccountToOrganizationOutput> {
    let target = required(input.target(), "Target")?;
    let id = world.invite_account(
        parse::org(ctx)?,
        &parse::party(target)?,
        input.notes(),
        &shapes::tag_pairs(input.tags()),
    )?;
    Ok(InviteAccountToOrganizationOutput::builder()
        .handshake(shown(world, ctx, &id)?)
        .build())
}

pub(super) fn accept_handshake(
    world: &mut World,
    ctx: &Ctx,
    input: AcceptHandshakeInput,
) -> ApiResult<AcceptHandshakeOutput> {
    let id = parse::handshake(input.handshake_id());
    world.accept_handshake(parse::caller(ctx), &id)?;
    Ok(AcceptHandshakeOutput::builder()
        .handshake(shown(world, ctx, &id)?)
        .build())
}

pub(super) fn decline_handshake(
    world: &mut World,
    ctx: &Ctx,
    input: DeclineHandshakeInput,
) -> ApiResult<DeclineHandshakeOutput> {
    let id = parse::handshake(input.handshake_id());
    world.decline_handshake(parse::caller(ctx), &id)?;
    Ok(DeclineHandshakeOutput::builder()
        .handshake(shown(world, ctx, &id)?)
        .build())
}

pub(super) fn cancel_handshake(
    world: &mut World,
    ctx: &Ctx,
    input: CancelHandshakeInput,
) -> ApiResult<CancelHandshakeOutput> {
    let id = parse::handshake(input.handshake_id());
    world.cancel_handshake(parse::caller(ctx), &id)?;
    Ok(CancelHandshakeOutput::builder()
        .handshake(shown(world, ctx, &id)?)
        .build())
}

pub(super) fn describe_handshake(
    world: &mut World,
    ctx: &Ctx,
    input: DescribeHandshakeInput,
) -> ApiResult<DescribeHandshakeOutput> {
    world.refresh_all_pending()?;
    let handshake = shown(world, ctx, &parse::handshake(input.handshake_id()))?;
    Ok(DescribeHandshakeOutput::builder().handshake(handshake).build())
}

fn filter(f: Option<&types::HandshakeFilter>) -> ApiResult<HandshakeFilter> {
    let Some(f) = f else {
        return Ok(HandshakeFilter::default());
    };
    if f.action_type().is_some() && f.parent_handshake_id().is_some() {
        return Err(DomainError::invalid_input(
            types::InvalidInputExceptionReason::MaxFilterLimitExceeded,
            "A handshake filter takes ActionType or ParentHandshakeId, not both.",
        )
        .into());
    }
    Ok(HandshakeFilter {
        action: f.action_type().map(|a| HandshakeAction::from_name(a.as_str())),
        parent: f.parent_handshake_id().map(HandshakeId::new),
    })
}

pub(super) fn list_handshakes_for_account(
    world: &mut World,
    ctx: &Ctx,
    input: ListHandshakesForAccountInput,
) -> ApiResult<ListHandshakesForAccountOutput> {
    world.refresh_all_pending()?;
    let filter = filter(input.filter())?;
    let scope = format!("ListHandshakesForAccount/{}", ctx.caller);
    let from = paging::start(&scope, input.next_token())?;
    let (handshakes, next) = paging::take(
        &scope,
        world.handshakes_received(&ctx.caller, &filter, from),
        input.max_results(),
        |h| shapes::handshake(world, h),
    );
    Ok(ListHandshakesForAccountOutput::builder()
        .set_handshakes(Some(handshakes))
        .set_next_token(next)
        .build())
}

pub(super) fn list_handshakes_for_organization(
    world: &mut World,
    ctx: &Ctx,
    input: ListHandshakesForOrganizationInput,
) -> ApiResult<ListHandshakesForOrganizationOutput> {
    world.refresh_all_pending()?;
    let filter = filter(input.filter())?;
    let org_id = ctx.org(world)?.id().clone();
    let scope = format!("ListHandshakesForOrganization/{org_id}");
    let from = paging::start(&scope, input.next_token())?;
    let (handshakes, next) = paging::take(
        &scope,
        world.handshakes_sent(&org_id, &filter, from),
        input.max_results(),
        |h| shapes::handshake(world, h),
    );
    Ok(ListHandshakesForOrganizationOutput::builder()
        .set_handshakes(Some(handshakes))
        .set_next_token(next)
        .build())
}

pub(super) fn enable_all_features(
    world: &mut World,
    ctx: &Ctx,
    _: EnableAllFeaturesInput,
) -> ApiResult<EnableAllFeaturesOutput> {
    let id = world.enable_all_features(parse::org(ctx)?)?;
    Ok(EnableAllFeaturesOutput::builder()
        .handshake(shown(world, ctx, &id)?)
        .build())
}

pub(super) fn leave_organization(
    world: &mut World,
    ctx: &Ctx,
    _: LeaveOrganizationInput,
) -> ApiResult<LeaveOrganizationOutput> {
    world.leave_organization(parse::member(ctx)?, ctx.standing)?;
    Ok(LeaveOrganizationOutput::builder().build())
}
