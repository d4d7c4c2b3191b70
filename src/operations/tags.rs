//! TagResource, UntagResource, ListTagsForResource.

use aws_sdk_organizations::operation::{
    list_tags_for_resource::{ListTagsForResourceInput, ListTagsForResourceOutput},
    tag_resource::{TagResourceInput, TagResourceOutput},
    untag_resource::{UntagResourceInput, UntagResourceOutput},
};

use super::{paging, parse, shapes, Ctx};
use crate::wire::error::ApiResult;
use crate::world::World;

pub(super) fn tag_resource(world: &mut World, ctx: &Ctx, input: TagResourceInput) -> ApiResult<TagResourceOutput> {
    let id = parse::taggable(input.resource_id());
    world.tag_resource(parse::org(ctx)?, &id, &shapes::tag_pairs(input.tags()))?;
    Ok(TagResourceOutput::builder().build())
}

pub(super) fn untag_resource(
    world: &mut World,
    ctx: &Ctx,
    input: UntagResourceInput,
) -> ApiResult<UntagResourceOutput> {
    let id = parse::taggable(input.resource_id());
    world.untag_resource(parse::org(ctx)?, &id, input.tag_keys())?;
    Ok(UntagResourceOutput::builder().build())
}

pub(super) fn list_tags_for_resource(
    world: &mut World,
    ctx: &Ctx,
    input: ListTagsForResourceInput,
) -> ApiResult<ListTagsForResourceOutput> {
    let tags = shapes::tags(world.tags_of(parse::org(ctx)?, &parse::taggable(input.resource_id()))?);
    let (tags, next) = paging::page_list("ListTagsForResource", tags, input.next_token(), None, |t| t)?;
    Ok(ListTagsForResourceOutput::builder()
        .set_tags(Some(tags))
        .set_next_token(next)
        .build())
}
