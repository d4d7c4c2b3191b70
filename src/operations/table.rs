//! The one list of AWS Organizations' operations, a leaf: one row per
//! operation, from which everything else is derived.
//!
//! A row is `Name => sdk_module { FluentBuilder, Input, Output, Error }
//! Access family::handler;`: AWS's name (as in `X-Amz-Target`, and the SDK's
//! operation struct), the SDK module under `aws_sdk_organizations::operation`,
//! the SDK's fluent builder, input, output and error types, who may call it
//! ([`crate::operations::Access`]) and its handler in `crate::operations`.
//!
//! [`operation_table!`] hands the rows to a macro of the layer that needs
//! them: `operations` builds the dispatch table (dispatch, validation and
//! access) from them, `typed` the `SdkOperation` impls of the typed harness.
//! Adding an operation is its handler and one row here.

/// Calls `$then! { rows }` with every row of the operation table.
macro_rules! operation_table {
    ($then:ident) => {
        $then! {
            AcceptHandshake => accept_handshake { AcceptHandshakeFluentBuilder, AcceptHandshakeInput, AcceptHandshakeOutput, AcceptHandshakeError } Anyone handshakes::accept_handshake;
            AttachPolicy => attach_policy { AttachPolicyFluentBuilder, AttachPolicyInput, AttachPolicyOutput, AttachPolicyError } ManagementOrDelegated policies::attach_policy;
            CancelHandshake => cancel_handshake { CancelHandshakeFluentBuilder, CancelHandshakeInput, CancelHandshakeOutput, CancelHandshakeError } Anyone handshakes::cancel_handshake;
            CloseAccount => close_account { CloseAccountFluentBuilder, CloseAccountInput, CloseAccountOutput, CloseAccountError } Management accounts::close_account;
            CreateAccount => create_account { CreateAccountFluentBuilder, CreateAccountInput, CreateAccountOutput, CreateAccountError } Management accounts::create_account;
            CreateGovCloudAccount => create_gov_cloud_account { CreateGovCloudAccountFluentBuilder, CreateGovCloudAccountInput, CreateGovCloudAccountOutput, CreateGovCloudAccountError } Management transfers::create_gov_cloud_account;
            CreateOrganization => create_organization { CreateOrganizationFluentBuilder, CreateOrganizationInput, CreateOrganizationOutput, CreateOrganizationError } Anyone organization::create_organization;
            CreateOrganizationalUnit => create_organizational_unit { CreateOrganizationalUnitFluentBuilder, CreateOrganizationalUnitInput, CreateOrganizationalUnitOutput, CreateOrganizationalUnitError } Management ous::create_organizational_unit;
            CreatePolicy => create_policy { CreatePolicyFluentBuilder, CreatePolicyInput, CreatePolicyOutput, CreatePolicyError } ManagementOrDelegated policies::create_policy;
            DeclineHandshake => decline_handshake { DeclineHandshakeFluentBuilder, DeclineHandshakeInput, DeclineHandshakeOutput, DeclineHandshakeError } Anyone handshakes::decline_handshake;
            DeleteOrganization => delete_organization { DeleteOrganizationFluentBuilder, DeleteOrganizationInput, DeleteOrganizationOutput, DeleteOrganizationError } Management organization::delete_organization;
            DeleteOrganizationalUnit => delete_organizational_unit { DeleteOrganizationalUnitFluentBuilder, DeleteOrganizationalUnitInput, DeleteOrganizationalUnitOutput, DeleteOrganizationalUnitError } Management ous::delete_organizational_unit;
            DeletePolicy => delete_policy { DeletePolicyFluentBuilder, DeletePolicyInput, DeletePolicyOutput, DeletePolicyError } ManagementOrDelegated policies::delete_policy;
            DeleteResourcePolicy => delete_resource_policy { DeleteResourcePolicyFluentBuilder, DeleteResourcePolicyInput, DeleteResourcePolicyOutput, DeleteResourcePolicyError } Management delegation::delete_resource_policy;
            DeregisterDelegatedAdministrator => deregister_delegated_administrator { DeregisterDelegatedAdministratorFluentBuilder, DeregisterDelegatedAdministratorInput, DeregisterDelegatedAdministratorOutput, DeregisterDelegatedAdministratorError } Management delegation::deregister_delegated_administrator;
            DescribeAccount => describe_account { DescribeAccountFluentBuilder, DescribeAccountInput, DescribeAccountOutput, DescribeAccountError } ManagementOrDelegated accounts::describe_account;
            DescribeCreateAccountStatus => describe_create_account_status { DescribeCreateAccountStatusFluentBuilder, DescribeCreateAccountStatusInput, DescribeCreateAccountStatusOutput, DescribeCreateAccountStatusError } ManagementOrDelegated accounts::describe_create_account_status;
            DescribeEffectivePolicy => describe_effective_policy { DescribeEffectivePolicyFluentBuilder, DescribeEffectivePolicyInput, DescribeEffectivePolicyOutput, DescribeEffectivePolicyError } AnyMember policies::describe_effective_policy;
            DescribeHandshake => describe_handshake { DescribeHandshakeFluentBuilder, DescribeHandshakeInput, DescribeHandshakeOutput, DescribeHandshakeError } Anyone handshakes::describe_handshake;
            DescribeOrganization => describe_organization { DescribeOrganizationFluentBuilder, DescribeOrganizationInput, DescribeOrganizationOutput, DescribeOrganizationError } AnyMember organization::describe_organization;
            DescribeOrganizationalUnit => describe_organizational_unit { DescribeOrganizationalUnitFluentBuilder, DescribeOrganizationalUnitInput, DescribeOrganizationalUnitOutput, DescribeOrganizationalUnitError } ManagementOrDelegated ous::describe_organizational_unit;
            DescribePolicy => describe_policy { DescribePolicyFluentBuilder, DescribePolicyInput, DescribePolicyOutput, DescribePolicyError } ManagementOrDelegated policies::describe_policy;
            DescribeResourcePolicy => describe_resource_policy { DescribeResourcePolicyFluentBuilder, DescribeResourcePolicyInput, DescribeResourcePolicyOutput, DescribeResourcePolicyError } ManagementOrDelegated delegation::describe_resource_policy;
            DescribeResponsibilityTransfer => describe_responsibility_transfer { DescribeResponsibilityTransferFluentBuilder, DescribeResponsibilityTransferInput, DescribeResponsibilityTransferOutput, DescribeResponsibilityTransferError } Management transfers::describe_responsibility_transfer;
            DetachPolicy => detach_policy { DetachPolicyFluentBuilder, DetachPolicyInput, DetachPolicyOutput, DetachPolicyError } ManagementOrDelegated policies::detach_policy;
            DisableAWSServiceAccess => disable_aws_service_access { DisableAWSServiceAccessFluentBuilder, DisableAwsServiceAccessInput, DisableAwsServiceAccessOutput, DisableAWSServiceAccessError } Management delegation::disable_aws_service_access;
            DisablePolicyType => disable_policy_type { DisablePolicyTypeFluentBuilder, DisablePolicyTypeInput, DisablePolicyTypeOutput, DisablePolicyTypeError } ManagementOrDelegated policies::disable_policy_type;
            EnableAWSServiceAccess => enable_aws_service_access { EnableAWSServiceAccessFluentBuilder, EnableAwsServiceAccessInput, EnableAwsServiceAccessOutput, EnableAWSServiceAccessError } Management delegation::enable_aws_service_access;
            EnableAllFeatures => enable_all_features { EnableAllFeaturesFluentBuilder, EnableAllFeaturesInput, EnableAllFeaturesOutput, EnableAllFeaturesError } Management handshakes::enable_all_features;
            EnablePolicyType => enable_policy_type { EnablePolicyTypeFluentBuilder, EnablePolicyTypeInput, EnablePolicyTypeOutput, EnablePolicyTypeError } ManagementOrDelegated policies::enable_policy_type;
            InviteAccountToOrganization => invite_account_to_organization { InviteAccountToOrganizationFluentBuilder, InviteAccountToOrganizationInput, InviteAccountToOrganizationOutput, InviteAccountToOrganizationError } Management handshakes::invite_account_to_organization;
            InviteOrganizationToTransferResponsibility => invite_organization_to_transfer_responsibility { InviteOrganizationToTransferResponsibilityFluentBuilder, InviteOrganizationToTransferResponsibilityInput, InviteOrganizationToTransferResponsibilityOutput, InviteOrganizationToTransferResponsibilityError } Management transfers::invite_organization_to_transfer_responsibility;
            LeaveOrganization => leave_organization { LeaveOrganizationFluentBuilder, LeaveOrganizationInput, LeaveOrganizationOutput, LeaveOrganizationError } AnyMember handshakes::leave_organization;
            ListAWSServiceAccessForOrganization => list_aws_service_access_for_organization { ListAWSServiceAccessForOrganizationFluentBuilder, ListAwsServiceAccessForOrganizationInput, ListAwsServiceAccessForOrganizationOutput, ListAWSServiceAccessForOrganizationError } ManagementOrDelegated delegation::list_aws_service_access_for_organization;
            ListAccounts => list_accounts { ListAccountsFluentBuilder, ListAccountsInput, ListAccountsOutput, ListAccountsError } ManagementOrDelegated accounts::list_accounts;
            ListAccountsForParent => list_accounts_for_parent { ListAccountsForParentFluentBuilder, ListAccountsForParentInput, ListAccountsForParentOutput, ListAccountsForParentError } ManagementOrDelegated accounts::list_accounts_for_parent;
            ListAccountsWithInvalidEffectivePolicy => list_accounts_with_invalid_effective_policy { ListAccountsWithInvalidEffectivePolicyFluentBuilder, ListAccountsWithInvalidEffectivePolicyInput, ListAccountsWithInvalidEffectivePolicyOutput, ListAccountsWithInvalidEffectivePolicyError } ManagementOrDelegated policies::list_accounts_with_invalid_effective_policy;
            ListChildren => list_children { ListChildrenFluentBuilder, ListChildrenInput, ListChildrenOutput, ListChildrenError } ManagementOrDelegated ous::list_children;
            ListCreateAccountStatus => list_create_account_status { ListCreateAccountStatusFluentBuilder, ListCreateAccountStatusInput, ListCreateAccountStatusOutput, ListCreateAccountStatusError } ManagementOrDelegated accounts::list_create_account_status;
            ListDelegatedAdministrators => list_delegated_administrators { ListDelegatedAdministratorsFluentBuilder, ListDelegatedAdministratorsInput, ListDelegatedAdministratorsOutput, ListDelegatedAdministratorsError } ManagementOrDelegated delegation::list_delegated_administrators;
            ListDelegatedServicesForAccount => list_delegated_services_for_account { ListDelegatedServicesForAccountFluentBuilder, ListDelegatedServicesForAccountInput, ListDelegatedServicesForAccountOutput, ListDelegatedServicesForAccountError } ManagementOrDelegated delegation::list_delegated_services_for_account;
            ListEffectivePolicyValidationErrors => list_effective_policy_validation_errors { ListEffectivePolicyValidationErrorsFluentBuilder, ListEffectivePolicyValidationErrorsInput, ListEffectivePolicyValidationErrorsOutput, ListEffectivePolicyValidationErrorsError } ManagementOrDelegated policies::list_effective_policy_validation_errors;
            ListHandshakesForAccount => list_handshakes_for_account { ListHandshakesForAccountFluentBuilder, ListHandshakesForAccountInput, ListHandshakesForAccountOutput, ListHandshakesForAccountError } Anyone handshakes::list_handshakes_for_account;
            ListHandshakesForOrganization => list_handshakes_for_organization { ListHandshakesForOrganizationFluentBuilder, ListHandshakesForOrganizationInput, ListHandshakesForOrganizationOutput, ListHandshakesForOrganizationError } ManagementOrDelegated handshakes::list_handshakes_for_organization;
            ListInboundResponsibilityTransfers => list_inbound_responsibility_transfers { ListInboundResponsibilityTransfersFluentBuilder, ListInboundResponsibilityTransfersInput, ListInboundResponsibilityTransfersOutput, ListInboundResponsibilityTransfersError } Management transfers::list_inbound_responsibility_transfers;
            ListOrganizationalUnitsForParent => list_organizational_units_for_parent { ListOrganizationalUnitsForParentFluentBuilder, ListOrganizationalUnitsForParentInput, ListOrganizationalUnitsForParentOutput, ListOrganizationalUnitsForParentError } ManagementOrDelegated ous::list_organizational_units_for_parent;
            ListOutboundResponsibilityTransfers => list_outbound_responsibility_transfers { ListOutboundResponsibilityTransfersFluentBuilder, ListOutboundResponsibilityTransfersInput, ListOutboundResponsibilityTransfersOutput, ListOutboundResponsibilityTransfersError } Management transfers::list_outbound_responsibility_transfers;
            ListParents => list_parents { ListParentsFluentBuilder, ListParentsInput, ListParentsOutput, ListParentsError } ManagementOrDelegated ous::list_parents;
            ListPolicies => list_policies { ListPoliciesFluentBuilder, ListPoliciesInput, ListPoliciesOutput, ListPoliciesError } ManagementOrDelegated policies::list_policies;
            ListPoliciesForTarget => list_policies_for_target { ListPoliciesForTargetFluentBuilder, ListPoliciesForTargetInput, ListPoliciesForTargetOutput, ListPoliciesForTargetError } ManagementOrDelegated policies::list_policies_for_target;
            ListRoots => list_roots { ListRootsFluentBuilder, ListRootsInput, ListRootsOutput, ListRootsError } ManagementOrDelegated organization::list_roots;
            ListTagsForResource => list_tags_for_resource { ListTagsForResourceFluentBuilder, ListTagsForResourceInput, ListTagsForResourceOutput, ListTagsForResourceError } ManagementOrDelegated tags::list_tags_for_resource;
            ListTargetsForPolicy => list_targets_for_policy { ListTargetsForPolicyFluentBuilder, ListTargetsForPolicyInput, ListTargetsForPolicyOutput, ListTargetsForPolicyError } ManagementOrDelegated policies::list_targets_for_policy;
            MoveAccount => move_account { MoveAccountFluentBuilder, MoveAccountInput, MoveAccountOutput, MoveAccountError } Management accounts::move_account;
            PutResourcePolicy => put_resource_policy { PutResourcePolicyFluentBuilder, PutResourcePolicyInput, PutResourcePolicyOutput, PutResourcePolicyError } Management delegation::put_resource_policy;
            RegisterDelegatedAdministrator => register_delegated_administrator { RegisterDelegatedAdministratorFluentBuilder, RegisterDelegatedAdministratorInput, RegisterDelegatedAdministratorOutput, RegisterDelegatedAdministratorError } Management delegation::register_delegated_administrator;
            RemoveAccountFromOrganization => remove_account_from_organization { RemoveAccountFromOrganizationFluentBuilder, RemoveAccountFromOrganizationInput, RemoveAccountFromOrganizationOutput, RemoveAccountFromOrganizationError } Management accounts::remove_account_from_organization;
            TagResource => tag_resource { TagResourceFluentBuilder, TagResourceInput, TagResourceOutput, TagResourceError } ManagementOrDelegated tags::tag_resource;
            TerminateResponsibilityTransfer => terminate_responsibility_transfer { TerminateResponsibilityTransferFluentBuilder, TerminateResponsibilityTransferInput, TerminateResponsibilityTransferOutput, TerminateResponsibilityTransferError } Management transfers::terminate_responsibility_transfer;
            UntagResource => untag_resource { UntagResourceFluentBuilder, UntagResourceInput, UntagResourceOutput, UntagResourceError } ManagementOrDelegated tags::untag_resource;
            UpdateOrganizationalUnit => update_organizational_unit { UpdateOrganizationalUnitFluentBuilder, UpdateOrganizationalUnitInput, UpdateOrganizationalUnitOutput, UpdateOrganizationalUnitError } Management ous::update_organizational_unit;
            UpdatePolicy => update_policy { UpdatePolicyFluentBuilder, UpdatePolicyInput, UpdatePolicyOutput, UpdatePolicyError } ManagementOrDelegated policies::update_policy;
            UpdateResponsibilityTransfer => update_responsibility_transfer { UpdateResponsibilityTransferFluentBuilder, UpdateResponsibilityTransferInput, UpdateResponsibilityTransferOutput, UpdateResponsibilityTransferError } Management transfers::update_responsibility_transfer;
        }
    };
}

pub(crate) use operation_table;
