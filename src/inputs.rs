//! Typed access to recorded requests: every operation's SDK input type can be
//! decoded from the request body the SDK sent.

use aws_sdk_organizations::operation as op;

use crate::error::ApiResult;
use crate::protocol;

/// An SDK input type (for example
/// [`CreateAccountInput`](aws_sdk_organizations::operation::create_account::CreateAccountInput)),
/// decodable from a recorded request with
/// [`RecordedCall::input`](crate::RecordedCall::input). Implemented for the
/// input of every operation of AWS Organizations.
pub trait OperationInput: Sized {
    /// The operation this is the input of, e.g. `"CreateAccount"`.
    const OPERATION: &'static str;

    /// Decodes an awsJson1.1 request body with the SDK's own deserializer.
    fn decode(body: &[u8]) -> ApiResult<Self>;
}

macro_rules! inputs {
    ($($name:ident => $module:ident::$input:ident,)*) => {
        $(
            impl OperationInput for op::$module::$input {
                const OPERATION: &'static str = stringify!($name);

                fn decode(body: &[u8]) -> ApiResult<Self> {
                    protocol::decode(body, Self::deserialize)
                }
            }
        )*
    };
}

inputs! {
    AcceptHandshake => accept_handshake::AcceptHandshakeInput,
    AttachPolicy => attach_policy::AttachPolicyInput,
    CancelHandshake => cancel_handshake::CancelHandshakeInput,
    CloseAccount => close_account::CloseAccountInput,
    CreateAccount => create_account::CreateAccountInput,
    CreateGovCloudAccount => create_gov_cloud_account::CreateGovCloudAccountInput,
    CreateOrganization => create_organization::CreateOrganizationInput,
    CreateOrganizationalUnit => create_organizational_unit::CreateOrganizationalUnitInput,
    CreatePolicy => create_policy::CreatePolicyInput,
    DeclineHandshake => decline_handshake::DeclineHandshakeInput,
    DeleteOrganization => delete_organization::DeleteOrganizationInput,
    DeleteOrganizationalUnit => delete_organizational_unit::DeleteOrganizationalUnitInput,
    DeletePolicy => delete_policy::DeletePolicyInput,
    DeleteResourcePolicy => delete_resource_policy::DeleteResourcePolicyInput,
    DeregisterDelegatedAdministrator => deregister_delegated_administrator::DeregisterDelegatedAdministratorInput,
    DescribeAccount => describe_account::DescribeAccountInput,
    DescribeCreateAccountStatus => describe_create_account_status::DescribeCreateAccountStatusInput,
    DescribeEffectivePolicy => describe_effective_policy::DescribeEffectivePolicyInput,
    DescribeHandshake => describe_handshake::DescribeHandshakeInput,
    DescribeOrganization => describe_organization::DescribeOrganizationInput,
    DescribeOrganizationalUnit => describe_organizational_unit::DescribeOrganizationalUnitInput,
    DescribePolicy => describe_policy::DescribePolicyInput,
    DescribeResourcePolicy => describe_resource_policy::DescribeResourcePolicyInput,
    DescribeResponsibilityTransfer => describe_responsibility_transfer::DescribeResponsibilityTransferInput,
    DetachPolicy => detach_policy::DetachPolicyInput,
    DisableAWSServiceAccess => disable_aws_service_access::DisableAwsServiceAccessInput,
    DisablePolicyType => disable_policy_type::DisablePolicyTypeInput,
    EnableAWSServiceAccess => enable_aws_service_access::EnableAwsServiceAccessInput,
    EnableAllFeatures => enable_all_features::EnableAllFeaturesInput,
    EnablePolicyType => enable_policy_type::EnablePolicyTypeInput,
    InviteAccountToOrganization => invite_account_to_organization::InviteAccountToOrganizationInput,
    InviteOrganizationToTransferResponsibility => invite_organization_to_transfer_responsibility::InviteOrganizationToTransferResponsibilityInput,
    LeaveOrganization => leave_organization::LeaveOrganizationInput,
    ListAWSServiceAccessForOrganization => list_aws_service_access_for_organization::ListAwsServiceAccessForOrganizationInput,
    ListAccounts => list_accounts::ListAccountsInput,
    ListAccountsForParent => list_accounts_for_parent::ListAccountsForParentInput,
    ListAccountsWithInvalidEffectivePolicy => list_accounts_with_invalid_effective_policy::ListAccountsWithInvalidEffectivePolicyInput,
    ListChildren => list_children::ListChildrenInput,
    ListCreateAccountStatus => list_create_account_status::ListCreateAccountStatusInput,
    ListDelegatedAdministrators => list_delegated_administrators::ListDelegatedAdministratorsInput,
    ListDelegatedServicesForAccount => list_delegated_services_for_account::ListDelegatedServicesForAccountInput,
    ListEffectivePolicyValidationErrors => list_effective_policy_validation_errors::ListEffectivePolicyValidationErrorsInput,
    ListHandshakesForAccount => list_handshakes_for_account::ListHandshakesForAccountInput,
    ListHandshakesForOrganization => list_handshakes_for_organization::ListHandshakesForOrganizationInput,
    ListInboundResponsibilityTransfers => list_inbound_responsibility_transfers::ListInboundResponsibilityTransfersInput,
    ListOrganizationalUnitsForParent => list_organizational_units_for_parent::ListOrganizationalUnitsForParentInput,
    ListOutboundResponsibilityTransfers => list_outbound_responsibility_transfers::ListOutboundResponsibilityTransfersInput,
    ListParents => list_parents::ListParentsInput,
    ListPolicies => list_policies::ListPoliciesInput,
    ListPoliciesForTarget => list_policies_for_target::ListPoliciesForTargetInput,
    ListRoots => list_roots::ListRootsInput,
    ListTagsForResource => list_tags_for_resource::ListTagsForResourceInput,
    ListTargetsForPolicy => list_targets_for_policy::ListTargetsForPolicyInput,
    MoveAccount => move_account::MoveAccountInput,
    PutResourcePolicy => put_resource_policy::PutResourcePolicyInput,
    RegisterDelegatedAdministrator => register_delegated_administrator::RegisterDelegatedAdministratorInput,
    RemoveAccountFromOrganization => remove_account_from_organization::RemoveAccountFromOrganizationInput,
    TagResource => tag_resource::TagResourceInput,
    TerminateResponsibilityTransfer => terminate_responsibility_transfer::TerminateResponsibilityTransferInput,
    UntagResource => untag_resource::UntagResourceInput,
    UpdateOrganizationalUnit => update_organizational_unit::UpdateOrganizationalUnitInput,
    UpdatePolicy => update_policy::UpdatePolicyInput,
    UpdateResponsibilityTransfer => update_responsibility_transfer::UpdateResponsibilityTransferInput,
}
