//! Organizational units and the tree: CreateOrganizationalUnit,
//! DescribeOrganizationalUnit, UpdateOrganizationalUnit, DeleteOrganizationalUnit,
//! ListOrganizationalUnitsForParent, ListChildren, ListParents.

use aws_sdk_organizations::operation::{
    create_organizational_unit::{CreateOrganizationalUnitInput, CreateOrganizationalUnitOutput},
    delete_organizational_unit::{DeleteOrganizationalUnitInput, DeleteOrganizationalUnitOutput},
    describe_organizational_unit::{DescribeOrganizationalUnitInput, DescribeOrganizationalUnitOutput},
    list_children::{ListChildrenInput, ListChildrenOutput},
    list_organizational_units_for_parent::{
        ListOrganizationalUnitsForParentInput, ListOrganizationalUnitsForParentOutput,
    },
    list_parents::{ListParentsInput, ListParentsOutput},
    update_organizational_unit::{UpdateOrganizationalUnitInput, UpdateOrganizationalUnitOutput},
};
use aws_sdk_organizations::types::{Child, ChildType, Parent, ParentType};

use super::{paging, parse, shapes, Ctx};
use crate::wire::error::ApiResult;
use crate::world::{NodeKind, World};

pub(super) fn create_organizational_unit(
    world: &mut World,
    ctx: &Ctx,
    input: CreateOrganizationalUnitInput,
) -> ApiResult<CreateOrganizationalUnitOutput> {
    let ou = world
        .create_ou(
            parse::org(ctx)?,
            &parse::parent(input.parent_id()),
            input.name().unwrap_or_default(),
            &shapes::tag_pairs(input.tags()),
        )?
        .clone();
    Ok(CreateOrganizationalUnitOutput::builder()
        .organizational_unit(shapes::organizational_unit(ctx.org(world)?, &ou))
        .build())
}

pub(super) fn describe_organizational_unit(
    world: &mut World,
    ctx: &Ctx,
    input: DescribeOrganizationalUnitInput,
) -> ApiResult<DescribeOrganizationalUnitOutput> {
    let org = ctx.org(world)?;
    let ou = org.ou(&parse::ou(input.organizational_unit_id()))?;
    Ok(DescribeOrganizationalUnitOutput::builder()
        .organizational_unit(shapes::organizational_unit(org, ou))
        .build())
}

pub(super) fn update_organizational_unit(
    world: &mut World,
    ctx: &Ctx,
    input: UpdateOrganizationalUnitInput,
) -> ApiResult<UpdateOrganizationalUnitOutput> {
    let id = parse::ou(input.organizational_unit_id());
    if let Some(name) = input.name() {
        world.rename_ou(parse::org(ctx)?, &id, name)?;
    }
    let org = ctx.org(world)?;
    Ok(UpdateOrganizationalUnitOutput::builder()
        .organizational_unit(shapes::organizational_unit(org, org.ou(&id)?))
        .build())
}

pub(super) fn delete_organizational_unit(
    world: &mut World,
    ctx: &Ctx,
    input: DeleteOrganizationalUnitInput,
) -> ApiResult<DeleteOrganizationalUnitOutput> {
    world.delete_ou(parse::org(ctx)?, &parse::ou(input.organizational_unit_id()))?;
    Ok(DeleteOrganizationalUnitOutput::builder().build())
}

pub(super) fn list_organizational_units_for_parent(
    world: &mut World,
    ctx: &Ctx,
    input: ListOrganizationalUnitsForParentInput,
) -> ApiResult<ListOrganizationalUnitsForParentOutput> {
    let org = ctx.org(world)?;
    let parent = parse::parent(input.parent_id());
    let children = org.children_of(&parent)?;
    let scope = format!("ListOrganizationalUnitsForParent/{parent}");
    let (ous, next) = paging::page(&scope, &children.ous, input.next_token(), input.max_results, |id| {
        shapes::organizational_unit(org, &org.tree().ous()[id])
    })?;
    Ok(ListOrganizationalUnitsForParentOutput::builder()
        .set_organizational_units(Some(ous))
        .set_next_token(next)
        .build())
}

pub(super) fn list_children(world: &mut World, ctx: &Ctx, input: ListChildrenInput) -> ApiResult<ListChildrenOutput> {
    let org = ctx.org(world)?;
    let parent = parse::parent(input.parent_id());
    let children = org.children_of(&parent)?;
    let kind = match input.child_type() {
        Some(ChildType::OrganizationalUnit) => ChildType::OrganizationalUnit,
        _ => ChildType::Account,
    };
    let scope = format!("ListChildren/{parent}/{}", kind.as_str());
    let child = |id: &str| Child::builder().id(id).r#type(kind.clone()).build();
    let (next_token, max_results) = (input.next_token(), input.max_results);
    let (children, next) = match kind {
        ChildType::OrganizationalUnit => paging::page(&scope, &children.ous, next_token, max_results, |id| child(id))?,
        _ => paging::page(&scope, &children.accounts, next_token, max_results, |id| child(id))?,
    };
    Ok(ListChildrenOutput::builder()
        .set_children(Some(children))
        .set_next_token(next)
        .build())
}

pub(super) fn list_parents(world: &mut World, ctx: &Ctx, input: ListParentsInput) -> ApiResult<ListParentsOutput> {
    let parent_id = world.parent_of(parse::org(ctx)?, &parse::child(input.child_id()))?;
    let kind = match parent_id.kind() {
        Some(NodeKind::Root) => ParentType::Root,
        _ => ParentType::OrganizationalUnit,
    };
    let (parents, next) = paging::page_list(
        "ListParents",
        [parent_id],
        input.next_token(),
        input.max_results,
        |id| Parent::builder().id(id).r#type(kind.clone()).build(),
    )?;
    Ok(ListParentsOutput::builder()
        .set_parents(Some(parents))
        .set_next_token(next)
        .build())
}
