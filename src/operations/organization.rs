//! CreateOrganization, DescribeOrganization, DeleteOrganization, ListRoots.

use aws_sdk_organizations::operation::{
    create_organization::{CreateOrganizationInput, CreateOrganizationOutput},
    delete_organization::{DeleteOrganizationInput, DeleteOrganizationOutput},
    describe_organization::{DescribeOrganizationInput, DescribeOrganizationOutput},
    list_roots::{ListRootsInput, ListRootsOutput},
};
use aws_sdk_organizations::types::OrganizationFeatureSet;

use super::{paging, parse, shapes, Ctx};
use crate::wire::error::ApiResult;
use crate::world::{FeatureSet, World};

pub(super) fn create_organization(
    world: &mut World,
    ctx: &Ctx,
    input: CreateOrganizationInput,
) -> ApiResult<CreateOrganizationOutput> {
    let feature_set = match input.feature_set {
        Some(OrganizationFeatureSet::ConsolidatedBilling) => FeatureSet::ConsolidatedBilling,
        _ => FeatureSet::All,
    };
    let org_id = world.create_organization(&ctx.caller, feature_set)?.id().clone();
    let org = &world.orgs()[&org_id];
    Ok(CreateOrganizationOutput::builder()
        .organization(shapes::organization(world, org))
        .build())
}

pub(super) fn describe_organization(
    world: &mut World,
    ctx: &Ctx,
    _: DescribeOrganizationInput,
) -> ApiResult<DescribeOrganizationOutput> {
    let org = ctx.org(world)?;
    Ok(DescribeOrganizationOutput::builder()
        .organization(shapes::organization(world, org))
        .build())
}

pub(super) fn delete_organization(
    world: &mut World,
    ctx: &Ctx,
    _: DeleteOrganizationInput,
) -> ApiResult<DeleteOrganizationOutput> {
    world.delete_organization(parse::member(ctx)?)?;
    Ok(DeleteOrganizationOutput::builder().build())
}

pub(super) fn list_roots(world: &mut World, ctx: &Ctx, input: ListRootsInput) -> ApiResult<ListRootsOutput> {
    ctx.org(world)?;
    // A poll of the root moves pending policy types on (PolicyTypeTransition::AfterPolls).
    world.poll_root(parse::org(ctx)?);
    let org = ctx.org(world)?;
    let (roots, next) = paging::page_list("ListRoots", [org], input.next_token(), input.max_results, shapes::root)?;
    Ok(ListRootsOutput::builder()
        .set_roots(Some(roots))
        .set_next_token(next)
        .build())
}
