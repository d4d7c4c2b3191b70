//! Responsibility transfers through the SDK: the whole lifecycle succeeds
//! (tests/it/support/scenario.rs), the states a transfer moves through, and
//! each error the transfer code can produce answers with the typed exception
//! and `Reason` the SDK decodes, changing nothing.

use aws_organizations_mock::MockOrganizations;
use aws_sdk_organizations::operation::invite_organization_to_transfer_responsibility::builders::InviteOrganizationToTransferResponsibilityFluentBuilder;
use aws_sdk_organizations::types::{
    ActionType, HandshakeParty, ResponsibilityTransferStatus, ResponsibilityTransferType,
};
use aws_sdk_organizations::Client;
use aws_smithy_types::DateTime;

use crate::support;
use support::multi_account::{code, DAY};
use support::reasons::refused;
use support::scenario::{transfer_lifecycle, transfer_named_by, APRIL, TRANSFER_SOURCE};
use support::{accept, account_party};

/// An unsent billing transfer invitation from `from` to `target`'s
/// organization, starting in April 2025.
fn invitation(from: &Client, target: &str) -> InviteOrganizationToTransferResponsibilityFluentBuilder {
    from.invite_organization_to_transfer_responsibility()
        .r#type(ResponsibilityTransferType::Billing)
        .target(account_party(target))
        .start_timestamp(DateTime::from_secs(APRIL))
        .source_name("billing")
}

/// Sends [`invitation`]; returns the handshake id.
async fn invite(from: &Client, target: &str) -> String {
    let out = invitation(from, target).send().await.unwrap();
    out.handshake().unwrap().id().unwrap().to_string()
}

/// The transfer a transfer invitation names.
async fn transfer_of(client: &Client, handshake: &str) -> String {
    let out = client
        .describe_handshake()
        .handshake_id(handshake)
        .send()
        .await
        .unwrap();
    transfer_named_by(out.handshake().unwrap())
}

/// The default account's organization and [`TRANSFER_SOURCE`]'s: their clients.
async fn two_organizations(mock: &MockOrganizations) -> (Client, Client) {
    let c = mock.client();
    c.create_organization().send().await.unwrap();
    let source = mock.client_as(TRANSFER_SOURCE);
    source.create_organization().send().await.unwrap();
    (c, source)
}

/// [`two_organizations`] with an April transfer invited by the default
/// account's organization and accepted: the inviter's client and the
/// transfer's id.
async fn accepted_transfer(mock: &MockOrganizations) -> (Client, String) {
    let (c, source) = two_organizations(mock).await;
    let handshake = invite(&c, TRANSFER_SOURCE).await;
    source.accept_handshake().handshake_id(&handshake).send().await.unwrap();
    let transfer = transfer_of(&c, &handshake).await;
    (c, transfer)
}

#[tokio::test]
async fn a_transfer_is_invited_accepted_described_listed_renamed_and_withdrawn() {
    let mock = MockOrganizations::new();
    let transfer = transfer_lifecycle(&mock).await;
    let c = mock.client();
    // Withdrawn stays withdrawn, for both parties.
    for client in [&c, &mock.client_as(TRANSFER_SOURCE)] {
        let out = client
            .describe_responsibility_transfer()
            .id(&transfer)
            .send()
            .await
            .unwrap();
        assert_eq!(
            out.responsibility_transfer().unwrap().status(),
            Some(&ResponsibilityTransferStatus::Withdrawn)
        );
    }
    let again = c.terminate_responsibility_transfer().id(&transfer).send();
    assert_eq!(
        refused(&mock, again).await,
        "ResponsibilityTransferAlreadyInStatusException/-"
    );
    let rename = c.update_responsibility_transfer().id(&transfer).name("late").send();
    assert_eq!(
        refused(&mock, rename).await,
        "ConstraintViolationException/TRANSFER_RESPONSIBILITY_UPDATE_NOT_ALLOWED"
    );
}

#[tokio::test]
async fn an_unknown_transfer_or_one_of_other_organizations_is_not_found() {
    let mock = MockOrganizations::new();
    let transfer = transfer_lifecycle(&mock).await;
    let c = mock.client();
    let unknown = c.describe_responsibility_transfer().id("rt-00000000").send();
    assert_eq!(
        refused(&mock, unknown).await,
        "ResponsibilityTransferNotFoundException/-"
    );
    // An organization that takes no part in the transfer does not see it.
    let outsider = mock.client_as("555555555555");
    outsider.create_organization().send().await.unwrap();
    let theirs = outsider.describe_responsibility_transfer().id(&transfer).send();
    assert_eq!(
        refused(&mock, theirs).await,
        "ResponsibilityTransferNotFoundException/-"
    );
}

#[tokio::test]
async fn an_organization_whose_bills_are_managed_cannot_take_a_second_transfer() {
    let mock = MockOrganizations::new();
    let (first, source) = two_organizations(&mock).await;
    let second = mock.client_as("555555555555");
    second.create_organization().send().await.unwrap();

    // Two invitations are open at once; the source accepts the first.
    let from_first = invite(&first, TRANSFER_SOURCE).await;
    let from_second = invite(&second, TRANSFER_SOURCE).await;
    source
        .accept_handshake()
        .handshake_id(&from_first)
        .send()
        .await
        .unwrap();

    // Accepting the second, and a new invitation, are both refused.
    let accept = source.accept_handshake().handshake_id(&from_second).send();
    assert_eq!(
        refused(&mock, accept).await,
        "HandshakeConstraintViolationException/RESPONSIBILITY_TRANSFER_ALREADY_EXISTS"
    );
    let third = mock.client_as("666666666666");
    third.create_organization().send().await.unwrap();
    let again = invitation(&third, TRANSFER_SOURCE).send();
    assert_eq!(
        refused(&mock, again).await,
        "HandshakeConstraintViolationException/RESPONSIBILITY_TRANSFER_ALREADY_EXISTS"
    );
}

/// The ids of the transfers a list call returned.
fn ids(transfers: &[aws_sdk_organizations::types::ResponsibilityTransfer]) -> Vec<&str> {
    transfers.iter().map(|t| t.id().unwrap()).collect()
}

/// `ListInboundResponsibilityTransfers`' `Id` ("ID for the transfer", the
/// model) narrows the list to that one transfer. A transfer is inbound for
/// the organization that manages the bills and outbound for the one that
/// hands them over (FIDELITY.md "Responsibility transfer directions"): the
/// invited organization's inbound list names none, and asking it for the id
/// is `ResponsibilityTransferNotFoundException`, one of the operation's
/// modeled errors.
#[tokio::test]
async fn listing_inbound_transfers_by_id_lists_only_that_transfer() {
    let mock = MockOrganizations::new();
    let (payer, source) = two_organizations(&mock).await;
    let other = mock.client_as("555555555555");
    other.create_organization().send().await.unwrap();
    let first = transfer_of(&payer, &invite(&payer, TRANSFER_SOURCE).await).await;
    let second = transfer_of(&payer, &invite(&payer, "555555555555").await).await;
    let inbound = |client: &Client, id: Option<&str>| {
        client
            .list_inbound_responsibility_transfers()
            .r#type(ResponsibilityTransferType::Billing)
            .set_id(id.map(str::to_string))
            .send()
    };

    let all = inbound(&payer, None).await.unwrap();
    assert_eq!(ids(all.responsibility_transfers()), [first.as_str(), second.as_str()]);
    for id in [&first, &second] {
        let one = inbound(&payer, Some(id)).await.unwrap();
        assert_eq!(ids(one.responsibility_transfers()), [id.as_str()], "Id {id}");
        assert_eq!(one.next_token(), None);
    }

    // For the invited organization the first transfer is outbound only.
    let none = inbound(&source, None).await.unwrap();
    assert_eq!(ids(none.responsibility_transfers()), Vec::<&str>::new());
    let outbound = source
        .list_outbound_responsibility_transfers()
        .r#type(ResponsibilityTransferType::Billing)
        .send()
        .await
        .unwrap();
    assert_eq!(ids(outbound.responsibility_transfers()), [first.as_str()]);
    assert_eq!(
        refused(&mock, inbound(&source, Some(&first))).await,
        "ResponsibilityTransferNotFoundException/-"
    );
}

#[tokio::test]
async fn a_transfer_cannot_end_before_it_starts() {
    let mock = MockOrganizations::new();
    let (c, transfer) = accepted_transfer(&mock).await;
    // 2025-01-31T23:59:59.999Z: the end of a month, but before the April start.
    let end_of_january = DateTime::from_millis(1_738_367_999_999);
    let terminate = c
        .terminate_responsibility_transfer()
        .id(&transfer)
        .end_timestamp(end_of_january)
        .send();
    assert_eq!(
        refused(&mock, terminate).await,
        "InvalidInputException/END_DATE_TOO_EARLY"
    );
}

#[tokio::test]
async fn a_start_timestamp_beyond_the_clocks_range_is_an_invalid_start_date() {
    let mock = MockOrganizations::new();
    let (c, _) = two_organizations(&mock).await;
    // 10^17 seconds (year ~3 billion) has no millisecond count in an i64.
    let call = invitation(&c, TRANSFER_SOURCE)
        .start_timestamp(DateTime::from_secs(100_000_000_000_000_000))
        .send();
    assert_eq!(refused(&mock, call).await, "InvalidInputException/INVALID_START_DATE");
}

#[tokio::test]
async fn only_the_management_account_of_the_invited_organization_can_accept() {
    // The API cannot reach this state (a management account can't leave its
    // organization, and DeleteOrganization is refused while a transfer
    // invitation is open), so the test builds it from a snapshot: the
    // invitation names an organization its recipient no longer manages.
    let mock = MockOrganizations::new();
    let (c, _) = two_organizations(&mock).await;
    let handshake = invite(&c, TRANSFER_SOURCE).await;
    let mut snapshot = mock.snapshot();
    let transfers = snapshot["transfers"]
        .as_object_mut()
        .expect("transfers in the snapshot");
    assert_eq!(transfers.len(), 1);
    for t in transfers.values_mut() {
        let inviter_org = t["target_org"].clone();
        t["source_org"] = inviter_org;
    }
    let edited = MockOrganizations::from_snapshot(snapshot).unwrap();
    let accept = edited
        .client_as(TRANSFER_SOURCE)
        .accept_handshake()
        .handshake_id(&handshake)
        .send();
    assert_eq!(
        refused(&edited, accept).await,
        "ConstraintViolationException/ACCOUNT_NOT_ACTIVE_FOR_TRANSFER_RESPONSIBILITY"
    );
}

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

/// The status of transfer `id` as `client`'s organization sees it.
async fn status_of(client: &Client, id: &str) -> ResponsibilityTransferStatus {
    let out = client.describe_responsibility_transfer().id(id).send().await.unwrap();
    out.responsibility_transfer().unwrap().status().unwrap().clone()
}

/// Ending a transfer invitation ends its own transfer, in the invitation's
/// words: declined is DECLINED, canceled is CANCELED; another transfer the
/// same organization invited stays REQUESTED. While any is requested,
/// neither the inviting organization nor the invited one can be deleted.
#[tokio::test]
async fn ending_a_transfer_invitation_ends_its_own_transfer() {
    let mock = MockOrganizations::new();
    let (c, source) = two_organizations(&mock).await;
    let third = mock.client_as("555555555555");
    third.create_organization().send().await.unwrap();
    let (first, second) = (invite(&c, TRANSFER_SOURCE).await, invite(&c, "555555555555").await);
    let (t1, t2) = (transfer_of(&c, &first).await, transfer_of(&c, &second).await);
    for org in [&c, &source] {
        assert_eq!(
            code(org.delete_organization().send().await),
            "ConstraintViolationException/ACTIVE_RESPONSIBILITY_TRANSFER_PROCESS"
        );
    }
    // The later invitation is declined: the earlier transfer stays requested.
    third.decline_handshake().handshake_id(&second).send().await.unwrap();
    assert_eq!(status_of(&c, &t2).await, ResponsibilityTransferStatus::Declined);
    assert_eq!(status_of(&c, &t1).await, ResponsibilityTransferStatus::Requested);
    c.cancel_handshake().handshake_id(&first).send().await.unwrap();
    assert_eq!(status_of(&c, &t1).await, ResponsibilityTransferStatus::Canceled);
    assert_eq!(status_of(&c, &t2).await, ResponsibilityTransferStatus::Declined);
    // Nothing requested any more: the inviting organization can go.
    c.delete_organization().send().await.unwrap();
}

/// An invitation for a start less than 16 days ahead expires 24 hours
/// before the start, not 15 days after it was sent
/// (FIDELITY.md#responsibility-transfer-dates).
#[tokio::test]
async fn an_invitation_for_a_near_start_expires_the_day_before_it() {
    let mock = MockOrganizations::new();
    let (c, _) = two_organizations(&mock).await;
    // The clock starts at 2025-01-01; on 2025-03-20 April is 12 days ahead.
    mock.advance(DAY * 78);
    let handshake = invitation(&c, TRANSFER_SOURCE).send().await.unwrap();
    let expires = handshake.handshake().unwrap().expiration_timestamp().unwrap();
    assert_eq!(expires.secs(), APRIL - 86_400);
}

/// A transfer may end at 23:59:59.000 as well as at 23:59:59.999 of a
/// month's last day, and at the very moment of the clock, but not before it
/// (FIDELITY.md#responsibility-transfer-dates).
#[tokio::test]
async fn a_transfer_ends_at_a_months_last_second_now_or_later() {
    let mock = MockOrganizations::new();
    let (c, transfer) = accepted_transfer(&mock).await;
    // 2025-04-30T23:59:59.999Z.
    let end_of_april_ms = APRIL * 1000 + 30 * 86_400_000 - 1;
    // The transfer has started and April has ended: too early.
    mock.advance(DAY * 130);
    let terminate = |end_ms: i64| {
        c.terminate_responsibility_transfer()
            .id(&transfer)
            .end_timestamp(DateTime::from_millis(end_ms))
            .send()
    };
    assert_eq!(
        refused(&mock, terminate(end_of_april_ms)).await,
        "InvalidInputException/END_DATE_TOO_EARLY"
    );
    // The end of May, to the second; the clock moved to that very moment.
    let end_of_may_ms = end_of_april_ms + 31 * 86_400_000;
    let now = mock.now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    mock.advance(std::time::Duration::from_millis((end_of_may_ms - 999 - now) as u64));
    let ended = terminate(end_of_may_ms - 999).await.unwrap();
    let ended = ended.responsibility_transfer().unwrap();
    assert_eq!(ended.status(), Some(&ResponsibilityTransferStatus::Withdrawn));
    assert_eq!(ended.end_timestamp().unwrap().to_millis().unwrap(), end_of_may_ms - 999);
}
