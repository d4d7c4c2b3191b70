//! CreateAccount and its statuses, DescribeAccount, ListAccounts,
//! ListAccountsForParent, CloseAccount, RemoveAccountFromOrganization, MoveAccount.

use std::ops::Bound;

use aws_sdk_organizations::operation::{
    close_account::{CloseAccountInput, CloseAccountOutput},
    create_account::{CreateAccountInput, CreateAccountOutput},
    describe_account::{DescribeAccountInput, DescribeAccountOutput},
    describe_create_account_status::{DescribeCreateAccountStatusInput, DescribeCreateAccountStatusOutput},
    list_accounts::{ListAccountsInput, ListAccountsOutput},
    list_accounts_for_parent::{ListAccountsForParentInput, ListAccountsForParentOutput},
    list_create_account_status::{ListCreateAccountStatusInput, ListCreateAccountStatusOutput},
    move_account::{MoveAccountInput, MoveAccountOutput},
    remove_account_from_organization::{RemoveAccountFromOrganizationInput, RemoveAccountFromOrganizationOutput},
};

use super::{paging, parse, shapes, Ctx};
use crate::wire::error::ApiResult;
use crate::world::World;

pub(super) fn create_account(
    world: &mut World,
    ctx: &Ctx,
    input: CreateAccountInput,
) -> ApiResult<CreateAccountOutput> {
    let tags = shapes::tag_pairs(input.tags());
    let submitted = world
        .create_account_with_role(
            parse::org(ctx)?,
            input.email().unwrap_or_default(),
            input.account_name().unwrap_or_default(),
            &tags,
            input.role_name(),
        )?
        .as_submitted();
    Ok(CreateAccountOutput::builder()
        .create_account_status(shapes::create_account_status(&submitted))
        .build())
}

pub(super) fn describe_create_account_status(
    world: &mut World,
    ctx: &Ctx,
    input: DescribeCreateAccountStatusInput,
) -> ApiResult<DescribeCreateAccountStatusOutput> {
    let request = world
        .poll_create_account(
            parse::org(ctx)?,
            &parse::create_account_request(input.create_account_request_id()),
        )?
        .clone();
    Ok(DescribeCreateAccountStatusOutput::builder()
        .create_account_status(shapes::create_account_status_in(world, &request))
        .build())
}

pub(super) fn list_create_account_status(
    world: &mut World,
    ctx: &Ctx,
    input: ListCreateAccountStatusInput,
) -> ApiResult<ListCreateAccountStatusOutput> {
    let org = ctx.org(world)?;
    let scope = "ListCreateAccountStatus";
    let from = paging::start(scope, input.next_token())?;
    let states: Vec<&str> = input.states().iter().map(|s| s.as_str()).collect();
    let matching = org
        .create_account_requests()
        .order()
        .range((from, Bound::Unbounded))
        .map(|(seq, id)| (seq, &org.create_account_requests().by_id()[id]))
        .filter(|(_, r)| states.is_empty() || states.contains(&r.state_str()));
    let (statuses, next) = paging::take(scope, matching, input.max_results, |r| {
        shapes::create_account_status_in(world, r)
    });
    Ok(ListCreateAccountStatusOutput::builder()
        .set_create_account_statuses(Some(statuses))
        .set_next_token(next)
        .build())
}

pub(super) fn describe_account(
    world: &mut World,
    ctx: &Ctx,
    input: DescribeAccountInput,
) -> ApiResult<DescribeAccountOutput> {
    let account = world.member(parse::org(ctx)?, &parse::account(input.account_id()))?;
    let org = ctx.org(world)?;
    Ok(DescribeAccountOutput::builder()
        .account(shapes::account(world, org, account))
        .build())
}

pub(super) fn list_accounts(world: &mut World, ctx: &Ctx, input: ListAccountsInput) -> ApiResult<ListAccountsOutput> {
    let org = ctx.org(world)?;
    let (accounts, next) = paging::page(
        "ListAccounts",
        org.members(),
        input.next_token(),
        input.max_results,
        |id| shapes::account(world, org, &world.accounts()[id]),
    )?;
    Ok(ListAccountsOutput::builder()
        .set_accounts(Some(accounts))
        .set_next_token(next)
        .build())
}

pub(super) fn list_accounts_for_parent(
    world: &mut World,
    ctx: &Ctx,
    input: ListAccountsForParentInput,
) -> ApiResult<ListAccountsForParentOutput> {
    let org = ctx.org(world)?;
    let parent = parse::parent(input.parent_id());
    let children = org.children_of(&parent)?;
    let scope = format!("ListAccountsForParent/{parent}");
    let (accounts, next) = paging::page(
        &scope,
        &children.accounts,
        input.next_token(),
        input.max_results,
        |id| shapes::account(world, org, &world.accounts()[id]),
    )?;
    Ok(ListAccountsForParentOutput::builder()
        .set_accounts(Some(accounts))
        .set_next_token(next)
        .build())
}

pub(super) fn close_account(world: &mut World, ctx: &Ctx, input: CloseAccountInput) -> ApiResult<CloseAccountOutput> {
    world.close_account(parse::org(ctx)?, &parse::account(input.account_id()))?;
    Ok(CloseAccountOutput::builder().build())
}

pub(super) fn remove_account_from_organization(
    world: &mut World,
    ctx: &Ctx,
    input: RemoveAccountFromOrganizationInput,
) -> ApiResult<RemoveAccountFromOrganizationOutput> {
    world.remove_account(parse::org(ctx)?, &parse::account(input.account_id()))?;
    Ok(RemoveAccountFromOrganizationOutput::builder().build())
}

pub(super) fn move_account(world: &mut World, ctx: &Ctx, input: MoveAccountInput) -> ApiResult<MoveAccountOutput> {
    world.move_account(
        parse::org(ctx)?,
        &parse::account(input.account_id()),
        &parse::parent(input.source_parent_id()),
        &parse::parent(input.destination_parent_id()),
    )?;
    Ok(MoveAccountOutput::builder().build())
}
