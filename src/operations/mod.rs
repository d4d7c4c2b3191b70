//! The operations of AWS Organizations, one module per resource family, and
//! the one table that maps each operation name to its handler and to who may
//! call it.
//!
//! Every handler is a small typed function
//! `fn(&mut World, &Ctx, XInput) -> ApiResult<XOutput>` over the SDK's own
//! input and output types. Adding an operation is one such function and one
//! line in [`OPERATIONS`].

mod accounts;
mod organization;
mod ous;
pub(crate) mod paging;
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

use crate::codec;
use crate::error::{ApiError, ApiResult};
use crate::world::{Organization, Standing, World};

/// Who made the call, as [`authorize`] resolved it and the handlers see it.
#[derive(Clone, Debug)]
pub(crate) struct Ctx {
    /// The calling account's id.
    pub caller: String,
    /// The id of the caller's organization when it was authorized.
    pub org_id: Option<String>,
}

impl Ctx {
    /// The caller's organization, found by the id [`authorize`] resolved
    /// (one look-up instead of two), or `AWSOrganizationsNotInUseException`.
    pub(crate) fn org<'w>(&self, world: &'w World) -> ApiResult<&'w Organization> {
        match &self.org_id {
            Some(id) => world.orgs.get(id).ok_or_else(ApiError::not_in_use),
            // Not in an organization when authorized (operations anyone may
            // call): whatever the handler did since decides.
            None => world.caller_org(&self.caller),
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
    /// Decodes the input (off the world's lock) into the call of the handler.
    pub decode: fn(&[u8]) -> ApiResult<Pending>,
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
    body: &[u8],
) -> ApiResult<Pending> {
    let input = codec::decode(body, deserialize)?;
    Ok(Box::new(move |world, ctx| {
        handler(world, ctx, input).map(|output| Box::new(output) as Output)
    }))
}

macro_rules! operation {
    ($name:literal, $access:ident, $module:ident::$input:ident, $handler:path) => {
        Operation {
            name: $name,
            access: Access::$access,
            decode: |body| decode(op::$module::$input::deserialize, $handler, body),
        }
    };
}

/// Every modeled operation: its name, who may call it, and its handler.
pub(crate) static OPERATIONS: &[Operation] = &[
    // organization
    operation!(
        "CreateOrganization",
        Anyone,
        create_organization::CreateOrganizationInput,
        organization::create_organization
    ),
    operation!(
        "DescribeOrganization",
        AnyMember,
        describe_organization::DescribeOrganizationInput,
        organization::describe_organization
    ),
    operation!(
        "DeleteOrganization",
        Management,
        delete_organization::DeleteOrganizationInput,
        organization::delete_organization
    ),
    operation!(
        "ListRoots",
        ManagementOrDelegated,
        list_roots::ListRootsInput,
        organization::list_roots
    ),
    // accounts
    operation!(
        "CreateAccount",
        Management,
        create_account::CreateAccountInput,
        accounts::create_account
    ),
    operation!(
        "DescribeCreateAccountStatus",
        ManagementOrDelegated,
        describe_create_account_status::DescribeCreateAccountStatusInput,
        accounts::describe_create_account_status
    ),
    operation!(
        "ListCreateAccountStatus",
        ManagementOrDelegated,
        list_create_account_status::ListCreateAccountStatusInput,
        accounts::list_create_account_status
    ),
    operation!(
        "DescribeAccount",
        ManagementOrDelegated,
        describe_account::DescribeAccountInput,
        accounts::describe_account
    ),
    operation!(
        "ListAccounts",
        ManagementOrDelegated,
        list_accounts::ListAccountsInput,
        accounts::list_accounts
    ),
    operation!(
        "ListAccountsForParent",
        ManagementOrDelegated,
        list_accounts_for_parent::ListAccountsForParentInput,
        accounts::list_accounts_for_parent
    ),
    operation!(
        "CloseAccount",
        Management,
        close_account::CloseAccountInput,
        accounts::close_account
    ),
    operation!(
        "RemoveAccountFromOrganization",
        Management,
        remove_account_from_organization::RemoveAccountFromOrganizationInput,
        accounts::remove_account_from_organization
    ),
    operation!(
        "MoveAccount",
        Management,
        move_account::MoveAccountInput,
        accounts::move_account
    ),
    // organizational units and the tree
    operation!(
        "CreateOrganizationalUnit",
        Management,
        create_organizational_unit::CreateOrganizationalUnitInput,
        ous::create_organizational_unit
    ),
    operation!(
        "DescribeOrganizationalUnit",
        ManagementOrDelegated,
        describe_organizational_unit::DescribeOrganizationalUnitInput,
        ous::describe_organizational_unit
    ),
    operation!(
        "UpdateOrganizationalUnit",
        Management,
        update_organizational_unit::UpdateOrganizationalUnitInput,
        ous::update_organizational_unit
    ),
    operation!(
        "DeleteOrganizationalUnit",
        Management,
        delete_organizational_unit::DeleteOrganizationalUnitInput,
        ous::delete_organizational_unit
    ),
    operation!(
        "ListOrganizationalUnitsForParent",
        ManagementOrDelegated,
        list_organizational_units_for_parent::ListOrganizationalUnitsForParentInput,
        ous::list_organizational_units_for_parent
    ),
    operation!(
        "ListChildren",
        ManagementOrDelegated,
        list_children::ListChildrenInput,
        ous::list_children
    ),
    operation!(
        "ListParents",
        ManagementOrDelegated,
        list_parents::ListParentsInput,
        ous::list_parents
    ),
    // tags
    operation!(
        "TagResource",
        ManagementOrDelegated,
        tag_resource::TagResourceInput,
        tags::tag_resource
    ),
    operation!(
        "UntagResource",
        ManagementOrDelegated,
        untag_resource::UntagResourceInput,
        tags::untag_resource
    ),
    operation!(
        "ListTagsForResource",
        ManagementOrDelegated,
        list_tags_for_resource::ListTagsForResourceInput,
        tags::list_tags_for_resource
    ),
    // policies
    operation!(
        "CreatePolicy",
        ManagementOrDelegated,
        create_policy::CreatePolicyInput,
        policies::create_policy
    ),
    operation!(
        "DescribePolicy",
        ManagementOrDelegated,
        describe_policy::DescribePolicyInput,
        policies::describe_policy
    ),
    operation!(
        "UpdatePolicy",
        ManagementOrDelegated,
        update_policy::UpdatePolicyInput,
        policies::update_policy
    ),
    operation!(
        "DeletePolicy",
        ManagementOrDelegated,
        delete_policy::DeletePolicyInput,
        policies::delete_policy
    ),
    operation!(
        "ListPolicies",
        ManagementOrDelegated,
        list_policies::ListPoliciesInput,
        policies::list_policies
    ),
    operation!(
        "ListPoliciesForTarget",
        ManagementOrDelegated,
        list_policies_for_target::ListPoliciesForTargetInput,
        policies::list_policies_for_target
    ),
    operation!(
        "ListTargetsForPolicy",
        ManagementOrDelegated,
        list_targets_for_policy::ListTargetsForPolicyInput,
        policies::list_targets_for_policy
    ),
    operation!(
        "AttachPolicy",
        ManagementOrDelegated,
        attach_policy::AttachPolicyInput,
        policies::attach_policy
    ),
    operation!(
        "DetachPolicy",
        ManagementOrDelegated,
        detach_policy::DetachPolicyInput,
        policies::detach_policy
    ),
    operation!(
        "EnablePolicyType",
        ManagementOrDelegated,
        enable_policy_type::EnablePolicyTypeInput,
        policies::enable_policy_type
    ),
    operation!(
        "DisablePolicyType",
        ManagementOrDelegated,
        disable_policy_type::DisablePolicyTypeInput,
        policies::disable_policy_type
    ),
    operation!(
        "DescribeEffectivePolicy",
        AnyMember,
        describe_effective_policy::DescribeEffectivePolicyInput,
        policies::describe_effective_policy
    ),
    operation!(
        "ListEffectivePolicyValidationErrors",
        ManagementOrDelegated,
        list_effective_policy_validation_errors::ListEffectivePolicyValidationErrorsInput,
        policies::list_effective_policy_validation_errors
    ),
    operation!(
        "ListAccountsWithInvalidEffectivePolicy",
        ManagementOrDelegated,
        list_accounts_with_invalid_effective_policy::ListAccountsWithInvalidEffectivePolicyInput,
        policies::list_accounts_with_invalid_effective_policy
    ),
    // multi-account: handshakes and membership
    operation!(
        "InviteAccountToOrganization",
        Management,
        invite_account_to_organization::InviteAccountToOrganizationInput,
        handshakes::invite_account_to_organization
    ),
    operation!(
        "AcceptHandshake",
        Anyone,
        accept_handshake::AcceptHandshakeInput,
        handshakes::accept_handshake
    ),
    operation!(
        "DeclineHandshake",
        Anyone,
        decline_handshake::DeclineHandshakeInput,
        handshakes::decline_handshake
    ),
    operation!(
        "CancelHandshake",
        Anyone,
        cancel_handshake::CancelHandshakeInput,
        handshakes::cancel_handshake
    ),
    operation!(
        "DescribeHandshake",
        Anyone,
        describe_handshake::DescribeHandshakeInput,
        handshakes::describe_handshake
    ),
    operation!(
        "ListHandshakesForAccount",
        Anyone,
        list_handshakes_for_account::ListHandshakesForAccountInput,
        handshakes::list_handshakes_for_account
    ),
    operation!(
        "ListHandshakesForOrganization",
        ManagementOrDelegated,
        list_handshakes_for_organization::ListHandshakesForOrganizationInput,
        handshakes::list_handshakes_for_organization
    ),
    operation!(
        "EnableAllFeatures",
        Management,
        enable_all_features::EnableAllFeaturesInput,
        handshakes::enable_all_features
    ),
    operation!(
        "LeaveOrganization",
        AnyMember,
        leave_organization::LeaveOrganizationInput,
        handshakes::leave_organization
    ),
    // multi-account: trusted access, delegated administrators, resource policy
    operation!(
        "EnableAWSServiceAccess",
        Management,
        enable_aws_service_access::EnableAwsServiceAccessInput,
        delegation::enable_aws_service_access
    ),
    operation!(
        "DisableAWSServiceAccess",
        Management,
        disable_aws_service_access::DisableAwsServiceAccessInput,
        delegation::disable_aws_service_access
    ),
    operation!(
        "ListAWSServiceAccessForOrganization",
        ManagementOrDelegated,
        list_aws_service_access_for_organization::ListAwsServiceAccessForOrganizationInput,
        delegation::list_aws_service_access_for_organization
    ),
    operation!(
        "RegisterDelegatedAdministrator",
        Management,
        register_delegated_administrator::RegisterDelegatedAdministratorInput,
        delegation::register_delegated_administrator
    ),
    operation!(
        "DeregisterDelegatedAdministrator",
        Management,
        deregister_delegated_administrator::DeregisterDelegatedAdministratorInput,
        delegation::deregister_delegated_administrator
    ),
    operation!(
        "ListDelegatedAdministrators",
        ManagementOrDelegated,
        list_delegated_administrators::ListDelegatedAdministratorsInput,
        delegation::list_delegated_administrators
    ),
    operation!(
        "ListDelegatedServicesForAccount",
        ManagementOrDelegated,
        list_delegated_services_for_account::ListDelegatedServicesForAccountInput,
        delegation::list_delegated_services_for_account
    ),
    operation!(
        "PutResourcePolicy",
        Management,
        put_resource_policy::PutResourcePolicyInput,
        delegation::put_resource_policy
    ),
    operation!(
        "DescribeResourcePolicy",
        ManagementOrDelegated,
        describe_resource_policy::DescribeResourcePolicyInput,
        delegation::describe_resource_policy
    ),
    operation!(
        "DeleteResourcePolicy",
        Management,
        delete_resource_policy::DeleteResourcePolicyInput,
        delegation::delete_resource_policy
    ),
    // multi-account: GovCloud and responsibility transfers
    operation!(
        "CreateGovCloudAccount",
        Management,
        create_gov_cloud_account::CreateGovCloudAccountInput,
        transfers::create_gov_cloud_account
    ),
    operation!(
        "InviteOrganizationToTransferResponsibility",
        Management,
        invite_organization_to_transfer_responsibility::InviteOrganizationToTransferResponsibilityInput,
        transfers::invite_organization_to_transfer_responsibility
    ),
    operation!(
        "DescribeResponsibilityTransfer",
        Management,
        describe_responsibility_transfer::DescribeResponsibilityTransferInput,
        transfers::describe_responsibility_transfer
    ),
    operation!(
        "UpdateResponsibilityTransfer",
        Management,
        update_responsibility_transfer::UpdateResponsibilityTransferInput,
        transfers::update_responsibility_transfer
    ),
    operation!(
        "TerminateResponsibilityTransfer",
        Management,
        terminate_responsibility_transfer::TerminateResponsibilityTransferInput,
        transfers::terminate_responsibility_transfer
    ),
    operation!(
        "ListInboundResponsibilityTransfers",
        Management,
        list_inbound_responsibility_transfers::ListInboundResponsibilityTransfersInput,
        transfers::list_inbound_responsibility_transfers
    ),
    operation!(
        "ListOutboundResponsibilityTransfers",
        Management,
        list_outbound_responsibility_transfers::ListOutboundResponsibilityTransfersInput,
        transfers::list_outbound_responsibility_transfers
    ),
];

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
            caller: caller.to_string(),
            org_id: world.org_id_of(caller),
        });
    }
    // AWS's own text (FIDELITY.md, "Error messages"): it names neither the
    // operation nor who may call it.
    Err(ApiError::access_denied(AWS_ACCESS_DENIED))
}
