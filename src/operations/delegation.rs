//! EnableAWSServiceAccess, DisableAWSServiceAccess,
//! ListAWSServiceAccessForOrganization, RegisterDelegatedAdministrator,
//! DeregisterDelegatedAdministrator, ListDelegatedAdministrators,
//! ListDelegatedServicesForAccount, PutResourcePolicy,
//! DescribeResourcePolicy, DeleteResourcePolicy.

use std::collections::BTreeMap;

use aws_sdk_organizations::operation::{
    delete_resource_policy::{DeleteResourcePolicyInput, DeleteResourcePolicyOutput},
    deregister_delegated_administrator::{
        DeregisterDelegatedAdministratorInput, DeregisterDelegatedAdministratorOutput,
    },
    describe_resource_policy::{DescribeResourcePolicyInput, DescribeResourcePolicyOutput},
    disable_aws_service_access::{DisableAwsServiceAccessInput, DisableAwsServiceAccessOutput},
    enable_aws_service_access::{EnableAwsServiceAccessInput, EnableAwsServiceAccessOutput},
    list_aws_service_access_for_organization::{
        ListAwsServiceAccessForOrganizationInput, ListAwsServiceAccessForOrganizationOutput,
    },
    list_delegated_administrators::{ListDelegatedAdministratorsInput, ListDelegatedAdministratorsOutput},
    list_delegated_services_for_account::{
        ListDelegatedServicesForAccountInput, ListDelegatedServicesForAccountOutput,
    },
    put_resource_policy::{PutResourcePolicyInput, PutResourcePolicyOutput},
    register_delegated_administrator::{RegisterDelegatedAdministratorInput, RegisterDelegatedAdministratorOutput},
};

use super::{paging, parse, required, shapes, Ctx};
use crate::wire::error::ApiResult;
use crate::world::delegation::known_service;
use crate::world::World;

pub(super) fn enable_aws_service_access(
    world: &mut World,
    ctx: &Ctx,
    input: EnableAwsServiceAccessInput,
) -> ApiResult<EnableAwsServiceAccessOutput> {
    let principal = required(input.service_principal(), "ServicePrincipal")?;
    world.enable_service_access(parse::org(ctx)?, principal)?;
    Ok(EnableAwsServiceAccessOutput::builder().build())
}

pub(super) fn disable_aws_service_access(
    world: &mut World,
    ctx: &Ctx,
    input: DisableAwsServiceAccessInput,
) -> ApiResult<DisableAwsServiceAccessOutput> {
    let principal = required(input.service_principal(), "ServicePrincipal")?;
    world.disable_service_access(parse::org(ctx)?, principal)?;
    Ok(DisableAwsServiceAccessOutput::builder().build())
}

pub(super) fn list_aws_service_access_for_organization(
    world: &mut World,
    ctx: &Ctx,
    input: ListAwsServiceAccessForOrganizationInput,
) -> ApiResult<ListAwsServiceAccessForOrganizationOutput> {
    let org = world.trusted_access_org(parse::org(ctx)?)?;
    let (services, next) = paging::page_list(
        "ListAWSServiceAccessForOrganization",
        org.delegation().trusted_services(),
        input.next_token(),
        input.max_results(),
        |(principal, at)| shapes::enabled_service(principal, *at),
    )?;
    Ok(ListAwsServiceAccessForOrganizationOutput::builder()
        .set_enabled_service_principals(Some(services))
        .set_next_token(next)
        .build())
}

pub(super) fn register_delegated_administrator(
    world: &mut World,
    ctx: &Ctx,
    input: RegisterDelegatedAdministratorInput,
) -> ApiResult<RegisterDelegatedAdministratorOutput> {
    world.register_delegated_administrator(
        parse::org(ctx)?,
        &parse::account(input.account_id()),
        input.service_principal().unwrap_or_default(),
    )?;
    Ok(RegisterDelegatedAdministratorOutput::builder().build())
}

pub(super) fn deregister_delegated_administrator(
    world: &mut World,
    ctx: &Ctx,
    input: DeregisterDelegatedAdministratorInput,
) -> ApiResult<DeregisterDelegatedAdministratorOutput> {
    world.deregister_delegated_administrator(
        parse::org(ctx)?,
        &parse::account(input.account_id()),
        input.service_principal().unwrap_or_default(),
    )?;
    Ok(DeregisterDelegatedAdministratorOutput::builder().build())
}

pub(super) fn list_delegated_administrators(
    world: &mut World,
    ctx: &Ctx,
    input: ListDelegatedAdministratorsInput,
) -> ApiResult<ListDelegatedAdministratorsOutput> {
    if let Some(p) = input.service_principal() {
        known_service(p)?;
    }
    let org = ctx.org(world)?;
    // Each account once, at its first registration (for the service asked about).
    let mut first: BTreeMap<u64, (&str, i64)> = BTreeMap::new();
    for (seq, d) in org.delegation().registrations() {
        let wanted = input.service_principal().is_none_or(|p| p == d.service_principal);
        if wanted && !first.values().any(|(a, _)| *a == d.account_id) {
            first.insert(*seq, (&d.account_id, d.enabled_at));
        }
    }
    let scope = format!(
        "ListDelegatedAdministrators/{}",
        input.service_principal().unwrap_or("*")
    );
    let (admins, next) = paging::page(&scope, &first, input.next_token(), input.max_results(), |(id, at)| {
        shapes::delegated_administrator(world, org, &world.accounts()[*id], *at)
    })?;
    Ok(ListDelegatedAdministratorsOutput::builder()
        .set_delegated_administrators(Some(admins))
        .set_next_token(next)
        .build())
}

pub(super) fn list_delegated_services_for_account(
    world: &mut World,
    ctx: &Ctx,
    input: ListDelegatedServicesForAccountInput,
) -> ApiResult<ListDelegatedServicesForAccountOutput> {
    let account = parse::account(input.account_id());
    let services: BTreeMap<u64, _> = world
        .delegated_services(parse::org(ctx)?, &account)?
        .into_iter()
        .collect();
    let scope = format!("ListDelegatedServicesForAccount/{account}");
    let (services, next) = paging::page(&scope, &services, input.next_token(), input.max_results(), |d| {
        shapes::delegated_service(d)
    })?;
    Ok(ListDelegatedServicesForAccountOutput::builder()
        .set_delegated_services(Some(services))
        .set_next_token(next)
        .build())
}

pub(super) fn put_resource_policy(
    world: &mut World,
    ctx: &Ctx,
    input: PutResourcePolicyInput,
) -> ApiResult<PutResourcePolicyOutput> {
    let content = required(input.content(), "Content")?;
    let (org, policy) = world.put_resource_policy(parse::org(ctx)?, content, &shapes::tag_pairs(input.tags()))?;
    Ok(PutResourcePolicyOutput::builder()
        .resource_policy(shapes::resource_policy(org, policy))
        .build())
}

pub(super) fn describe_resource_policy(
    world: &mut World,
    ctx: &Ctx,
    _: DescribeResourcePolicyInput,
) -> ApiResult<DescribeResourcePolicyOutput> {
    let policy = world.resource_policy(parse::org(ctx)?)?;
    let org = ctx.org(world)?;
    Ok(DescribeResourcePolicyOutput::builder()
        .resource_policy(shapes::resource_policy(org, policy))
        .build())
}

pub(super) fn delete_resource_policy(
    world: &mut World,
    ctx: &Ctx,
    _: DeleteResourcePolicyInput,
) -> ApiResult<DeleteResourcePolicyOutput> {
    world.delete_resource_policy(parse::org(ctx)?)?;
    Ok(DeleteResourcePolicyOutput::builder().build())
}
