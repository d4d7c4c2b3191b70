//! Policies: CreatePolicy, DescribePolicy, UpdatePolicy, DeletePolicy,
//! ListPolicies, ListPoliciesForTarget, ListTargetsForPolicy, AttachPolicy,
//! DetachPolicy, EnablePolicyType, DisablePolicyType, DescribeEffectivePolicy,
//! ListEffectivePolicyValidationErrors, ListAccountsWithInvalidEffectivePolicy.

use aws_sdk_organizations::operation::{
    attach_policy::{AttachPolicyInput, AttachPolicyOutput},
    create_policy::{CreatePolicyInput, CreatePolicyOutput},
    delete_policy::{DeletePolicyInput, DeletePolicyOutput},
    describe_effective_policy::{DescribeEffectivePolicyInput, DescribeEffectivePolicyOutput},
    describe_policy::{DescribePolicyInput, DescribePolicyOutput},
    detach_policy::{DetachPolicyInput, DetachPolicyOutput},
    disable_policy_type::{DisablePolicyTypeInput, DisablePolicyTypeOutput},
    enable_policy_type::{EnablePolicyTypeInput, EnablePolicyTypeOutput},
    list_accounts_with_invalid_effective_policy::{
        ListAccountsWithInvalidEffectivePolicyInput, ListAccountsWithInvalidEffectivePolicyOutput,
    },
    list_effective_policy_validation_errors::{
        ListEffectivePolicyValidationErrorsInput, ListEffectivePolicyValidationErrorsOutput,
    },
    list_policies::{ListPoliciesInput, ListPoliciesOutput},
    list_policies_for_target::{ListPoliciesForTargetInput, ListPoliciesForTargetOutput},
    list_targets_for_policy::{ListTargetsForPolicyInput, ListTargetsForPolicyOutput},
    update_policy::{UpdatePolicyInput, UpdatePolicyOutput},
};
use aws_sdk_organizations::types::{EffectivePolicy, EffectivePolicyType, EffectivePolicyValidationError};

use super::{paging, parse, required, shapes, Ctx};
use crate::wire::error::ApiResult;
use crate::world::{DomainError, Exception, PolicyId, World};

fn policy_output(world: &World, ctx: &Ctx, policy_id: &PolicyId) -> ApiResult<aws_sdk_organizations::types::Policy> {
    let policy = world.describe_policy(parse::org(ctx)?, policy_id)?;
    Ok(shapes::policy(ctx.org(world)?, &policy))
}

pub(super) fn create_policy(world: &mut World, ctx: &Ctx, input: CreatePolicyInput) -> ApiResult<CreatePolicyOutput> {
    let (org, policy) = world.create_policy(
        parse::org(ctx)?,
        parse::policy_type(input.r#type())?,
        required(input.name(), "Name")?,
        input.description().unwrap_or_default(),
        required(input.content(), "Content")?,
        &shapes::tag_pairs(input.tags()),
    )?;
    Ok(CreatePolicyOutput::builder()
        .policy(shapes::policy(org, policy))
        .build())
}

pub(super) fn describe_policy(
    world: &mut World,
    ctx: &Ctx,
    input: DescribePolicyInput,
) -> ApiResult<DescribePolicyOutput> {
    let id = &parse::policy(input.policy_id());
    Ok(DescribePolicyOutput::builder()
        .policy(policy_output(world, ctx, id)?)
        .build())
}

pub(super) fn update_policy(world: &mut World, ctx: &Ctx, input: UpdatePolicyInput) -> ApiResult<UpdatePolicyOutput> {
    let id = &parse::policy(input.policy_id());
    let (org, policy) =
        world.update_policy(parse::org(ctx)?, id, input.name(), input.description(), input.content())?;
    Ok(UpdatePolicyOutput::builder()
        .policy(shapes::policy(org, policy))
        .build())
}

pub(super) fn delete_policy(world: &mut World, ctx: &Ctx, input: DeletePolicyInput) -> ApiResult<DeletePolicyOutput> {
    world.delete_policy(parse::org(ctx)?, &parse::policy(input.policy_id()))?;
    Ok(DeletePolicyOutput::builder().build())
}

pub(super) fn list_policies(world: &mut World, ctx: &Ctx, input: ListPoliciesInput) -> ApiResult<ListPoliciesOutput> {
    let policy_type = parse::policy_type(input.filter())?;
    let policies = world.list_policies(parse::org(ctx)?, policy_type)?;
    let org = ctx.org(world)?;
    let scope = format!("ListPolicies/{policy_type}");
    let (page, next) = paging::page(&scope, &policies, input.next_token(), input.max_results, |p| {
        shapes::policy_summary(org, p)
    })?;
    Ok(ListPoliciesOutput::builder()
        .set_policies(Some(page))
        .set_next_token(next)
        .build())
}

pub(super) fn list_policies_for_target(
    world: &mut World,
    ctx: &Ctx,
    input: ListPoliciesForTargetInput,
) -> ApiResult<ListPoliciesForTargetOutput> {
    let target = &parse::target(input.target_id());
    let policy_type = parse::policy_type(input.filter())?;
    let policies = world.policies_for_target(parse::org(ctx)?, target, policy_type)?;
    let org = ctx.org(world)?;
    let scope = format!("ListPoliciesForTarget/{target}/{policy_type}");
    let (page, next) = paging::page(&scope, &policies, input.next_token(), input.max_results, |p| {
        shapes::policy_summary(org, p)
    })?;
    Ok(ListPoliciesForTargetOutput::builder()
        .set_policies(Some(page))
        .set_next_token(next)
        .build())
}

pub(super) fn list_targets_for_policy(
    world: &mut World,
    ctx: &Ctx,
    input: ListTargetsForPolicyInput,
) -> ApiResult<ListTargetsForPolicyOutput> {
    let id = &parse::policy(input.policy_id());
    let targets = world.targets_for_policy(parse::org(ctx)?, id)?;
    let org = ctx.org(world)?;
    let scope = format!("ListTargetsForPolicy/{id}");
    // Only the page's targets are looked up, however many the policy has.
    let (page, next) = paging::page(&scope, targets, input.next_token(), input.max_results, |target| {
        org.target(world, target).map(|t| shapes::policy_target(&t))
    })?;
    Ok(ListTargetsForPolicyOutput::builder()
        .set_targets(Some(page.into_iter().collect::<crate::world::DomainResult<_>>()?))
        .set_next_token(next)
        .build())
}

pub(super) fn attach_policy(world: &mut World, ctx: &Ctx, input: AttachPolicyInput) -> ApiResult<AttachPolicyOutput> {
    world.attach_policy(
        parse::org(ctx)?,
        &parse::policy(input.policy_id()),
        &parse::target(input.target_id()),
    )?;
    Ok(AttachPolicyOutput::builder().build())
}

pub(super) fn detach_policy(world: &mut World, ctx: &Ctx, input: DetachPolicyInput) -> ApiResult<DetachPolicyOutput> {
    world.detach_policy(
        parse::org(ctx)?,
        &parse::policy(input.policy_id()),
        &parse::target(input.target_id()),
    )?;
    Ok(DetachPolicyOutput::builder().build())
}

pub(super) fn enable_policy_type(
    world: &mut World,
    ctx: &Ctx,
    input: EnablePolicyTypeInput,
) -> ApiResult<EnablePolicyTypeOutput> {
    world.enable_policy_type(
        parse::org(ctx)?,
        &parse::root(input.root_id()),
        parse::policy_type(input.policy_type())?,
    )?;
    Ok(EnablePolicyTypeOutput::builder()
        .root(shapes::root(ctx.org(world)?))
        .build())
}

pub(super) fn disable_policy_type(
    world: &mut World,
    ctx: &Ctx,
    input: DisablePolicyTypeInput,
) -> ApiResult<DisablePolicyTypeOutput> {
    world.disable_policy_type(
        parse::org(ctx)?,
        &parse::root(input.root_id()),
        parse::policy_type(input.policy_type())?,
    )?;
    Ok(DisablePolicyTypeOutput::builder()
        .root(shapes::root(ctx.org(world)?))
        .build())
}

pub(super) fn describe_effective_policy(
    world: &mut World,
    ctx: &Ctx,
    input: DescribeEffectivePolicyInput,
) -> ApiResult<DescribeEffectivePolicyOutput> {
    let effective = world.describe_effective_policy(
        parse::member(ctx)?,
        ctx.standing,
        parse::policy_type(input.policy_type())?,
        input.target_id().map(parse::target).as_ref(),
    )?;
    let content = serde_json::to_string(&effective.merged.document).map_err(|e| {
        DomainError::new(
            Exception::Service,
            format!("the effective policy could not be rendered: {e}"),
        )
    })?;
    Ok(DescribeEffectivePolicyOutput::builder()
        .effective_policy(
            EffectivePolicy::builder()
                .policy_content(content)
                .last_updated_timestamp(shapes::time(effective.last_updated))
                .target_id(&effective.account_id)
                .policy_type(EffectivePolicyType::from(effective.policy_type))
                .build(),
        )
        .build())
}

pub(super) fn list_effective_policy_validation_errors(
    world: &mut World,
    ctx: &Ctx,
    input: ListEffectivePolicyValidationErrorsInput,
) -> ApiResult<ListEffectivePolicyValidationErrorsOutput> {
    let account_id = &parse::account(input.account_id());
    let policy_type = parse::policy_type(input.policy_type())?;
    let (path, effective) = world.effective_policy_validation_errors(parse::org(ctx)?, account_id, policy_type)?;
    let scope = format!("ListEffectivePolicyValidationErrors/{account_id}/{policy_type}");
    let errors = &effective.merged.errors;
    let (page, next) = paging::page_list(&scope, errors, input.next_token(), input.max_results, |e| {
        EffectivePolicyValidationError::builder()
            .error_code(&e.code)
            .error_message(&e.message)
            .path_to_error(&e.path)
            .set_contributing_policies(Some(e.contributing.clone()))
            .build()
    })?;
    Ok(ListEffectivePolicyValidationErrorsOutput::builder()
        .account_id(account_id)
        .policy_type(EffectivePolicyType::from(effective.policy_type))
        .path(path)
        .evaluation_timestamp(shapes::time(world.now()))
        .set_effective_policy_validation_errors(Some(page))
        .set_next_token(next)
        .build())
}

pub(super) fn list_accounts_with_invalid_effective_policy(
    world: &mut World,
    ctx: &Ctx,
    input: ListAccountsWithInvalidEffectivePolicyInput,
) -> ApiResult<ListAccountsWithInvalidEffectivePolicyOutput> {
    let policy_type = parse::policy_type(input.policy_type())?;
    let accounts = world.accounts_with_invalid_effective_policy(parse::org(ctx)?, policy_type)?;
    let org = ctx.org(world)?;
    let scope = format!("ListAccountsWithInvalidEffectivePolicy/{policy_type}");
    let (page, next) = paging::page(&scope, &accounts, input.next_token(), input.max_results, |id| {
        shapes::account(world, org, &world.accounts()[id])
    })?;
    Ok(ListAccountsWithInvalidEffectivePolicyOutput::builder()
        .set_accounts(Some(page))
        .policy_type(EffectivePolicyType::from(policy_type.as_str()))
        .set_next_token(next)
        .build())
}
