//! Responsibility transfers through the real SDK: the states they move
//! through.

use aws_organizations_mock::aws_sdk_organizations::types::{
    ActionType, HandshakeParty, ResponsibilityTransferStatus, ResponsibilityTransferType,
};
use aws_organizations_mock::MockOrganizations;
use aws_smithy_types::DateTime;

use crate::support;
use crate::support::multi_account::*;
use support::{accept, account_party};

#[tokio::test]
async fn responsibility_transfers_move_through_their_states() {
    let mock = MockOrganizations::new();
    mock.client().create_organization().send().await.unwrap();
    let payer = mock.client(); // will manage the bills: inbound for it
    let source = mock.client_as("333333333333");
    source.create_organization().send().await.unwrap();
    let feb1 = DateTime::from_secs(1_738_368_000); // 2025-02-01T00:00:00Z
    let invite = |start: DateTime, target: HandshakeParty| {
        payer
            .invite_organization_to_transfer_responsibility()
            .r#type(ResponsibilityTransferType::Billing)
            .target(target)
            .start_timestamp(start)
            .source_name("bills")
    };
    assert_eq!(
        code(
            invite(DateTime::from_secs(1_738_368_000 + 3600), account_party("333333333333"))
                .send()
                .await
        ),
        "InvalidInputException/START_DATE_NOT_BEGINNING_OF_DAY"
    );
    assert_eq!(
        code(
            invite(
                DateTime::from_secs(1_738_368_000 + 86_400),
                account_party("333333333333")
            )
            .send()
            .await
        ),
        "InvalidInputException/START_DATE_NOT_BEGINNING_OF_MONTH"
    );
    assert_eq!(
        code(invite(feb1, account_party("111111111111")).send().await),
        "HandshakeConstraintViolationException/SOURCE_AND_TARGET_CANNOT_MATCH"
    );
    assert_eq!(
        code(invite(feb1, account_party("444444444444")).send().await),
        "HandshakeConstraintViolationException/TARGET_ACCOUNT_VALIDATION_FAILURE"
    );
    let h = invite(feb1, account_party("333333333333")).send().await.unwrap();
    let h = h.handshake().unwrap();
    assert_eq!(h.action(), Some(&ActionType::TransferResponsibility));
    assert_eq!(
        code(invite(feb1, account_party("333333333333")).send().await),
        "DuplicateHandshakeException"
    );

    let inbound = payer
        .list_inbound_responsibility_transfers()
        .r#type(ResponsibilityTransferType::Billing)
        .send()
        .await
        .unwrap();
    let t = &inbound.responsibility_transfers()[0];
    let id = t.id().unwrap().to_string();
    assert_eq!(t.status(), Some(&ResponsibilityTransferStatus::Requested));
    assert_eq!(t.active_handshake_id(), h.id());
    assert!(t.arn().unwrap().contains("/billing/inbound/rt-"));
    assert_eq!(
        code(payer.terminate_responsibility_transfer().id(&id).send().await),
        "InvalidResponsibilityTransferTransitionException"
    );
    assert_eq!(
        code(source.delete_organization().send().await),
        "ConstraintViolationException/ACTIVE_RESPONSIBILITY_TRANSFER_PROCESS"
    );

    accept(&source, h.id().unwrap()).await;
    let outbound = source
        .list_outbound_responsibility_transfers()
        .r#type(ResponsibilityTransferType::Billing)
        .send()
        .await
        .unwrap();
    let t = &outbound.responsibility_transfers()[0];
    assert_eq!(t.status(), Some(&ResponsibilityTransferStatus::Accepted));
    assert!(t.arn().unwrap().contains("/billing/outbound/"));
    let renamed = source
        .update_responsibility_transfer()
        .id(&id)
        .name("renamed")
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.responsibility_transfer().unwrap().name(), Some("renamed"));

    assert_eq!(
        code(
            payer
                .terminate_responsibility_transfer()
                .id(&id)
                .end_timestamp(feb1)
                .send()
                .await
        ),
        "InvalidInputException/END_DATE_NOT_END_OF_MONTH"
    );
    let ended = payer.terminate_responsibility_transfer().id(&id).send().await.unwrap();
    let ended = ended.responsibility_transfer().unwrap();
    assert_eq!(ended.status(), Some(&ResponsibilityTransferStatus::Withdrawn));
    // Ends at the last moment of February, the month it started.
    assert_eq!(
        ended.end_timestamp().unwrap().to_millis().unwrap(),
        1_740_787_200_000 - 1
    );
    assert_eq!(
        code(source.terminate_responsibility_transfer().id(&id).send().await),
        "ResponsibilityTransferAlreadyInStatusException"
    );
    assert_eq!(
        code(
            source
                .update_responsibility_transfer()
                .id(&id)
                .name("late")
                .send()
                .await
        ),
        "ConstraintViolationException/TRANSFER_RESPONSIBILITY_UPDATE_NOT_ALLOWED"
    );
    assert_eq!(
        code(
            mock.client_as("555555555555")
                .describe_responsibility_transfer()
                .id(&id)
                .send()
                .await
        ),
        "AWSOrganizationsNotInUseException"
    );

    // An unanswered invitation expires 24 hours before its start.
    let mar1 = DateTime::from_secs(1_740_787_200);
    invite(mar1, account_party("333333333333")).send().await.unwrap();
    mock.advance(DAY * 60);
    let inbound = payer
        .list_inbound_responsibility_transfers()
        .r#type(ResponsibilityTransferType::Billing)
        .send()
        .await
        .unwrap();
    assert_eq!(
        inbound.responsibility_transfers()[1].status(),
        Some(&ResponsibilityTransferStatus::Expired)
    );
    source.delete_organization().send().await.unwrap();
}
