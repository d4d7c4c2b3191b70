//! Scenarios through the SDK that make the operations `broad_scenario` in
//! tests/it/fidelity/model.rs does not reach answer successfully: trusted access and
//! delegated administrators, the resource policy, effective policies, GovCloud,
//! and a whole responsibility transfer. tests/it/fidelity/model.rs checks every response
//! they produce against the model's output shape; tests/it/operations/transfers.rs checks
//! their values.

use aws_organizations_mock::MockOrganizations;
use aws_sdk_organizations::types::{
    EffectivePolicyType, Handshake, HandshakeParty, HandshakePartyType, HandshakeState, PolicyType,
    ResponsibilityTransferStatus, ResponsibilityTransferType,
};
use aws_smithy_types::DateTime;

use super::{create_policy, new_account, root_id, tag};

/// The management account of the organization a transfer is sent to.
pub const TRANSFER_SOURCE: &str = "444444444444";
/// 2025-04-01T00:00:00Z: the first of a month more than 24 hours after the
/// mock's clock starts (2025-01-01), as `check_start` in src/world/transfers/mod.rs
/// requires (our reading of the model's StartTimestamp documentation).
pub const APRIL: i64 = 1_743_465_600;

/// A tag policy that assigns one tag key.
pub const TAG_DOC: &str = r#"{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"}}}}"#;

/// The default account's organization with a member account; trusted access,
/// a delegated administrator, a resource policy, an attached tag policy and its
/// effective policy, and a GovCloud account; then everything that can be undone
/// is undone, each through its own operation.
pub async fn delegation_policies_and_govcloud(mock: &MockOrganizations) {
    let c = mock.client();
    c.create_organization().send().await.unwrap();
    let root = root_id(&c).await;
    let member = new_account(&c, "delegate").await;
    let service = "guardduty.amazonaws.com";

    c.enable_aws_service_access()
        .service_principal(service)
        .send()
        .await
        .unwrap();
    let access = c.list_aws_service_access_for_organization().send().await.unwrap();
    assert_eq!(access.enabled_service_principals().len(), 1);
    c.register_delegated_administrator()
        .account_id(&member)
        .service_principal(service)
        .send()
        .await
        .unwrap();
    let admins = c.list_delegated_administrators().send().await.unwrap();
    assert_eq!(admins.delegated_administrators()[0].id(), Some(member.as_str()));
    let services = c
        .list_delegated_services_for_account()
        .account_id(&member)
        .send()
        .await
        .unwrap();
    assert_eq!(services.delegated_services()[0].service_principal(), Some(service));

    let resource_policy = format!(
        r#"{{"Version":"2012-10-17","Statement":{{"Effect":"Allow","Principal":{{"AWS":"{member}"}},"Action":"organizations:List*","Resource":"*"}}}}"#
    );
    c.put_resource_policy()
        .content(&resource_policy)
        .tags(tag("team", "a"))
        .send()
        .await
        .unwrap();
    let described = c.describe_resource_policy().send().await.unwrap();
    assert_eq!(
        described.resource_policy().and_then(|p| p.content()),
        Some(resource_policy.as_str())
    );

    c.enable_policy_type()
        .root_id(&root)
        .policy_type(PolicyType::TagPolicy)
        .send()
        .await
        .unwrap();
    let policy = create_policy(&c, PolicyType::TagPolicy, "costcenter", TAG_DOC).await;
    c.attach_policy()
        .policy_id(&policy)
        .target_id(&member)
        .send()
        .await
        .unwrap();
    let effective = c
        .describe_effective_policy()
        .policy_type(EffectivePolicyType::TagPolicy)
        .target_id(&member)
        .send()
        .await
        .unwrap();
    assert_eq!(
        effective.effective_policy().and_then(|p| p.target_id()),
        Some(member.as_str())
    );
    c.list_accounts_with_invalid_effective_policy()
        .policy_type(EffectivePolicyType::TagPolicy)
        .send()
        .await
        .unwrap();
    let errors = c
        .list_effective_policy_validation_errors()
        .account_id(&member)
        .policy_type(EffectivePolicyType::TagPolicy)
        .send()
        .await
        .unwrap();
    assert_eq!(errors.account_id(), Some(member.as_str()));

    mock.pair_govcloud_account(mock.default_account_id());
    let gov = c
        .create_gov_cloud_account()
        .email("gov@example.com")
        .account_name("Gov")
        .send()
        .await
        .unwrap();
    assert!(gov.create_account_status().and_then(|s| s.id()).is_some());

    c.delete_resource_policy().send().await.unwrap();
    c.deregister_delegated_administrator()
        .account_id(&member)
        .service_principal(service)
        .send()
        .await
        .unwrap();
    c.disable_aws_service_access()
        .service_principal(service)
        .send()
        .await
        .unwrap();
    assert!(c
        .list_aws_service_access_for_organization()
        .send()
        .await
        .unwrap()
        .enabled_service_principals()
        .is_empty());
}

/// The transfer a transfer invitation names among its resources.
pub fn transfer_named_by(handshake: &Handshake) -> String {
    handshake
        .resources()
        .iter()
        .find(|r| r.r#type().map(|t| t.as_str()) == Some("RESPONSIBILITY_TRANSFER"))
        .and_then(|r| r.value())
        .expect("the handshake names its transfer")
        .to_string()
}

/// A whole billing transfer between two organizations: the default account's
/// organization invites [`TRANSFER_SOURCE`]'s; that management account accepts;
/// both describe and list it; the inviter renames it and withdraws it. Returns
/// the transfer's id. `mock` must be fresh.
pub async fn transfer_lifecycle(mock: &MockOrganizations) -> String {
    let inviter = mock.client();
    inviter.create_organization().send().await.unwrap();
    let source = mock.client_as(TRANSFER_SOURCE);
    source.create_organization().send().await.unwrap();

    let invited = inviter
        .invite_organization_to_transfer_responsibility()
        .r#type(ResponsibilityTransferType::Billing)
        .target(
            HandshakeParty::builder()
                .id(TRANSFER_SOURCE)
                .r#type(HandshakePartyType::Account)
                .build()
                .unwrap(),
        )
        .start_timestamp(DateTime::from_secs(APRIL))
        .source_name("billing")
        .send()
        .await
        .unwrap();
    let handshake = invited.handshake().unwrap();
    let handshake_id = handshake.id().unwrap().to_string();
    let transfer = transfer_named_by(handshake);

    let requested = inviter
        .describe_responsibility_transfer()
        .id(&transfer)
        .send()
        .await
        .unwrap();
    let requested = requested.responsibility_transfer().unwrap();
    assert_eq!(requested.status(), Some(&ResponsibilityTransferStatus::Requested));
    assert_eq!(requested.name(), Some("billing"));

    let accepted = source
        .accept_handshake()
        .handshake_id(&handshake_id)
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.handshake().unwrap().state(), Some(&HandshakeState::Accepted));
    for client in [&inviter, &source] {
        let described = client
            .describe_responsibility_transfer()
            .id(&transfer)
            .send()
            .await
            .unwrap();
        let described = described.responsibility_transfer().unwrap();
        assert_eq!(described.id(), Some(transfer.as_str()));
        assert_eq!(described.status(), Some(&ResponsibilityTransferStatus::Accepted));
    }
    // The model documents ListInbound as "transfers that allow you to manage the
    // specified responsibilities for another organization": the inviter's;
    // ListOutbound as the ones that let another organization manage yours.
    let inbound = inviter
        .list_inbound_responsibility_transfers()
        .r#type(ResponsibilityTransferType::Billing)
        .send()
        .await
        .unwrap();
    assert_eq!(inbound.responsibility_transfers()[0].id(), Some(transfer.as_str()));
    let outbound = source
        .list_outbound_responsibility_transfers()
        .r#type(ResponsibilityTransferType::Billing)
        .send()
        .await
        .unwrap();
    assert_eq!(outbound.responsibility_transfers()[0].id(), Some(transfer.as_str()));

    let renamed = inviter
        .update_responsibility_transfer()
        .id(&transfer)
        .name("billing-2025")
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.responsibility_transfer().unwrap().name(), Some("billing-2025"));
    let withdrawn = inviter
        .terminate_responsibility_transfer()
        .id(&transfer)
        .send()
        .await
        .unwrap();
    let withdrawn = withdrawn.responsibility_transfer().unwrap();
    assert_eq!(withdrawn.status(), Some(&ResponsibilityTransferStatus::Withdrawn));
    assert!(withdrawn.end_timestamp().is_some());
    transfer
}
