//! Handshakes through the real SDK: invitations, their refusals, expiry and
//! quota, and the EnableAllFeatures handshake.

use std::time::Duration;

use aws_organizations_mock::aws_sdk_organizations::types::{
    ActionType, Handshake, HandshakeFilter, HandshakePartyType, HandshakeState, OrganizationFeatureSet,
};
use aws_organizations_mock::aws_sdk_organizations::Client;
use aws_organizations_mock::{Limits, MockOrganizations};

use crate::support;
use crate::support::multi_account::*;
use support::{
    accept, account_party, create_consolidated_billing_organization, invite, join, organization_with, party, tag,
};

#[tokio::test]
async fn an_invited_account_joins_with_its_tags_and_joined_method_invited() {
    let mock = MockOrganizations::new();
    let management = mock.client();
    management.create_organization().send().await.unwrap();
    let out = management
        .invite_account_to_organization()
        .target(account_party("222222222222"))
        .notes("welcome")
        .tags(tag("team", "a"))
        .send()
        .await
        .unwrap();
    let h = out.handshake().unwrap();
    assert_eq!(h.action(), Some(&ActionType::InviteAccountToOrganization));
    assert_eq!(h.state(), Some(&HandshakeState::Requested));
    let expiry = h.expiration_timestamp().unwrap().secs() - h.requested_timestamp().unwrap().secs();
    assert_eq!(expiry, 15 * 24 * 3600, "invitations expire after 15 days");
    assert!(h.arn().unwrap().contains(":handshake/o-"));
    let id = h.id().unwrap();

    // The invitee, still standalone, sees and accepts it.
    let invitee = mock.client_as("222222222222");
    let received = invitee.list_handshakes_for_account().send().await.unwrap();
    assert_eq!(received.handshakes().len(), 1);
    assert_eq!(accept(&invitee, id).await, HandshakeState::Accepted);
    assert_eq!(
        code(invitee.accept_handshake().handshake_id(id).send().await),
        "HandshakeAlreadyInStateException"
    );

    let acct = management
        .describe_account()
        .account_id("222222222222")
        .send()
        .await
        .unwrap();
    let acct = acct.account().unwrap();
    assert_eq!(acct.joined_method().unwrap().as_str(), "INVITED");
    let tags = management
        .list_tags_for_resource()
        .resource_id("222222222222")
        .send()
        .await
        .unwrap();
    assert_eq!(tags.tags()[0].key(), "team");
    // Now a member: organization-wide reads are denied to it.
    assert_eq!(code(invitee.list_accounts().send().await), "AccessDeniedException");
    assert_eq!(
        invitee
            .describe_organization()
            .send()
            .await
            .unwrap()
            .organization()
            .unwrap()
            .master_account_id(),
        Some("111111111111")
    );
}

#[tokio::test]
async fn invitations_by_email_and_their_refusals() {
    let mock = MockOrganizations::new();
    organization_with(&mock, &["222222222222"]).await;
    let management = mock.client();
    // 333333333333 is known to the world with the email <id>@example.com.
    mock.client_as("333333333333")
        .list_handshakes_for_account()
        .send()
        .await
        .unwrap();
    let id = invite(
        &management,
        party(HandshakePartyType::Email, "333333333333@example.com"),
    )
    .await;
    assert_eq!(
        code(
            management
                .invite_account_to_organization()
                .target(account_party("333333333333"))
                .send()
                .await
        ),
        "DuplicateHandshakeException"
    );
    assert_eq!(
        code(
            management
                .invite_account_to_organization()
                .target(account_party("222222222222"))
                .send()
                .await
        ),
        "HandshakeConstraintViolationException/ALREADY_IN_AN_ORGANIZATION"
    );
    assert_eq!(
        code(
            management
                .invite_account_to_organization()
                .target(party(HandshakePartyType::Email, "not-an-email"))
                .send()
                .await
        ),
        "InvalidInputException/INVALID_EMAIL_ADDRESS_TARGET"
    );
    let org_party = party(HandshakePartyType::Organization, "o-abc");
    assert_eq!(
        code(
            management
                .invite_account_to_organization()
                .target(org_party)
                .send()
                .await
        ),
        "InvalidInputException/INVALID_PARTY_TYPE_TARGET"
    );
    // Only the recipient accepts or declines; only the sender cancels.
    assert_eq!(
        code(management.accept_handshake().handshake_id(&id).send().await),
        "AccessDeniedException"
    );
    let invitee = mock.client_as("333333333333");
    assert_eq!(
        code(invitee.cancel_handshake().handshake_id(&id).send().await),
        "AccessDeniedException"
    );
    // A stranger can't even see it.
    assert_eq!(
        code(
            mock.client_as("777777777777")
                .describe_handshake()
                .handshake_id(&id)
                .send()
                .await
        ),
        "HandshakeNotFoundException"
    );
    let declined = invitee.decline_handshake().handshake_id(&id).send().await.unwrap();
    assert_eq!(declined.handshake().unwrap().state(), Some(&HandshakeState::Declined));
    assert_eq!(
        code(invitee.accept_handshake().handshake_id(&id).send().await),
        "InvalidHandshakeTransitionException"
    );
    assert_eq!(
        code(management.cancel_handshake().handshake_id(&id).send().await),
        "InvalidHandshakeTransitionException"
    );

    // After a decline, a new invitation is no duplicate; the sender cancels it.
    let again = invite(&management, account_party("333333333333")).await;
    let canceled = management.cancel_handshake().handshake_id(&again).send().await.unwrap();
    assert_eq!(canceled.handshake().unwrap().state(), Some(&HandshakeState::Canceled));
    assert_eq!(
        code(management.cancel_handshake().handshake_id(&again).send().await),
        "HandshakeAlreadyInStateException"
    );
    assert_eq!(
        code(invitee.decline_handshake().handshake_id(&again).send().await),
        "InvalidHandshakeTransitionException"
    );
    assert_eq!(
        code(invitee.accept_handshake().handshake_id("bad").send().await),
        "InvalidInputException/INVALID_PATTERN"
    );
}

#[tokio::test]
async fn invitations_expire_on_the_clock_and_ended_ones_disappear_after_30_days() {
    let mock = MockOrganizations::new();
    mock.client().create_organization().send().await.unwrap();
    let management = mock.client();
    let id = invite(&management, account_party("222222222222")).await;
    mock.advance(15 * DAY);
    let h = management.describe_handshake().handshake_id(&id).send().await.unwrap();
    assert_eq!(h.handshake().unwrap().state(), Some(&HandshakeState::Expired));
    assert_eq!(
        code(
            mock.client_as("222222222222")
                .accept_handshake()
                .handshake_id(&id)
                .send()
                .await
        ),
        "InvalidHandshakeTransitionException"
    );
    // An expired invitation is no duplicate.
    invite(&management, account_party("222222222222")).await;
    // The model (DescribeHandshake): "You can view ACCEPTED, DECLINED, or CANCELED
    // handshakes in API Responses for 30 days before they are deleted"; that
    // EXPIRED ones follow the same rule is our reading.
    mock.advance(30 * DAY - Duration::from_millis(1));
    let still = management.describe_handshake().handshake_id(&id).send().await.unwrap();
    assert_eq!(still.handshake().unwrap().state(), Some(&HandshakeState::Expired));
    mock.advance(Duration::from_millis(1));
    assert_eq!(
        code(management.describe_handshake().handshake_id(&id).send().await),
        "HandshakeNotFoundException"
    );
    let listed = management.list_handshakes_for_organization().send().await.unwrap();
    assert!(listed.handshakes().iter().all(|h| h.id() != Some(id.as_str())));
}

/// "You can view ACCEPTED, DECLINED, or CANCELED handshakes in API Responses
/// for 30 days before they are deleted" (the model's DescribeHandshake): a
/// declined invitation is there 30 days less a millisecond after it was
/// declined, and gone at 30 days.
#[tokio::test]
async fn a_declined_invitation_is_gone_30_days_after_it_was_declined() {
    let mock = MockOrganizations::new();
    let management = mock.client();
    management.create_organization().send().await.unwrap();
    let declined = invite(&management, account_party("222222222222")).await;
    mock.advance(DAY);
    let open = invite(&management, account_party("333333333333")).await;
    let invitee = mock.client_as("222222222222");
    invitee
        .decline_handshake()
        .handshake_id(&declined)
        .send()
        .await
        .unwrap();
    mock.advance(30 * DAY - Duration::from_millis(1));
    let describe = |id: &str| management.describe_handshake().handshake_id(id).send();
    describe(&declined).await.unwrap();
    mock.advance(Duration::from_millis(1));
    assert_eq!(code(describe(&declined).await), "HandshakeNotFoundException");
    // The other invitation, never answered, expired 15 days after it was
    // sent: it is there until 30 days after that.
    describe(&open).await.unwrap();
}

#[tokio::test]
async fn invitations_count_toward_the_account_quota() {
    let mock = MockOrganizations::builder()
        .limits(Limits {
            max_accounts: 2,
            ..Limits::default()
        })
        .build();
    mock.client().create_organization().send().await.unwrap();
    invite(&mock.client(), account_party("222222222222")).await;
    assert_eq!(
        code(
            mock.client()
                .invite_account_to_organization()
                .target(account_party("333333333333"))
                .send()
                .await
        ),
        "HandshakeConstraintViolationException/ACCOUNT_NUMBER_LIMIT_EXCEEDED"
    );
}

#[tokio::test]
async fn enable_all_features_waits_for_every_invited_member() {
    let mock = MockOrganizations::new();
    let management = mock.client();
    create_consolidated_billing_organization(&management).await;
    for m in ["222222222222", "333333333333"] {
        join(&mock, m).await;
    }
    // A created member is not asked.
    management
        .create_account()
        .email("c@example.com")
        .account_name("c")
        .send()
        .await
        .unwrap();

    let out = management.enable_all_features().send().await.unwrap();
    let parent = out.handshake().unwrap().id().unwrap().to_string();
    assert_eq!(out.handshake().unwrap().action(), Some(&ActionType::EnableAllFeatures));
    assert_eq!(
        code(management.enable_all_features().send().await),
        "HandshakeConstraintViolationException/ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION"
    );
    assert_eq!(
        code(
            management
                .invite_account_to_organization()
                .target(account_party("444444444444"))
                .send()
                .await
        ),
        "HandshakeConstraintViolationException/INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES"
    );
    let org_id = management
        .describe_organization()
        .send()
        .await
        .unwrap()
        .organization()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    let children = management
        .list_handshakes_for_organization()
        .filter(HandshakeFilter::builder().parent_handshake_id(&parent).build())
        .send()
        .await
        .unwrap();
    assert_eq!(children.handshakes().len(), 2);
    assert_eq!(
        code(management.accept_handshake().handshake_id(&parent).send().await),
        "InvalidHandshakeTransitionException"
    );
    for m in ["222222222222", "333333333333"] {
        let client = mock.client_as(m);
        let mine = handshakes_of(&client, ActionType::EnableAllFeatures).await;
        let h = &mine[0];
        // "Sent from the management account to only invited member accounts"
        // (the model's Handshake Action): the inviting organization and the
        // member are its parties.
        let parties: Vec<_> = h.parties().iter().map(|p| (p.r#type().clone(), p.id())).collect();
        assert_eq!(parties.len(), 2, "{h:?}");
        assert!(
            parties.contains(&(HandshakePartyType::Organization, org_id.as_str()))
                && parties.contains(&(HandshakePartyType::Account, m)),
            "{h:?}"
        );
        let id = h.id().unwrap();
        assert_eq!(accept(&client, id).await, HandshakeState::Accepted);
    }
    let p = management
        .describe_handshake()
        .handshake_id(&parent)
        .send()
        .await
        .unwrap();
    assert_eq!(p.handshake().unwrap().state(), Some(&HandshakeState::Open));
    let approve = handshakes_of(&management, ActionType::ApproveAllFeatures).await;
    assert_eq!(approve.len(), 1);
    let org = management.describe_organization().send().await.unwrap();
    assert_eq!(
        org.organization().unwrap().feature_set(),
        Some(&OrganizationFeatureSet::ConsolidatedBilling)
    );

    assert_eq!(
        accept(&management, approve[0].id().unwrap()).await,
        HandshakeState::Accepted
    );
    let org = management.describe_organization().send().await.unwrap();
    assert_eq!(
        org.organization().unwrap().feature_set(),
        Some(&OrganizationFeatureSet::All)
    );
    let p = management
        .describe_handshake()
        .handshake_id(&parent)
        .send()
        .await
        .unwrap();
    assert_eq!(p.handshake().unwrap().state(), Some(&HandshakeState::Accepted));
    assert_eq!(
        code(management.enable_all_features().send().await),
        "HandshakeConstraintViolationException/ORGANIZATION_ALREADY_HAS_ALL_FEATURES"
    );
    assert_eq!(
        code(
            management
                .list_handshakes_for_account()
                .filter(
                    HandshakeFilter::builder()
                        .action_type(ActionType::InviteAccountToOrganization)
                        .parent_handshake_id(&parent)
                        .build()
                )
                .send()
                .await
        ),
        "InvalidInputException/MAX_LIMIT_EXCEEDED_FILTER"
    );
}

/// Finishing one organization's EnableAllFeatures accepts that process's own
/// handshakes only: another organization's open invitation stays REQUESTED
/// ("awaiting a response from the recipient", the model's HandshakeState)
/// and its invitee can still accept it.
#[tokio::test]
async fn enabling_all_features_leaves_another_organizations_invitation_open() {
    let mock = MockOrganizations::new();
    let management = mock.client();
    create_consolidated_billing_organization(&management).await;
    join(&mock, "222222222222").await;
    let other = mock.client_as("333333333333");
    other.create_organization().send().await.unwrap();
    let pending = invite(&other, account_party("444444444444")).await;

    management.enable_all_features().send().await.unwrap();
    let member = mock.client_as("222222222222");
    let request = handshakes_of(&member, ActionType::EnableAllFeatures).await;
    assert_eq!(
        accept(&member, request[0].id().unwrap()).await,
        HandshakeState::Accepted
    );
    let approve = handshakes_of(&management, ActionType::ApproveAllFeatures).await;
    assert_eq!(
        accept(&management, approve[0].id().unwrap()).await,
        HandshakeState::Accepted
    );
    let org = management.describe_organization().send().await.unwrap();
    assert_eq!(
        org.organization().unwrap().feature_set(),
        Some(&OrganizationFeatureSet::All)
    );

    let invitation = other.describe_handshake().handshake_id(&pending).send().await.unwrap();
    assert_eq!(
        invitation.handshake().unwrap().state(),
        Some(&HandshakeState::Requested)
    );
    assert_eq!(
        accept(&mock.client_as("444444444444"), &pending).await,
        HandshakeState::Accepted
    );
}

#[tokio::test]
async fn canceling_enable_all_features_ends_every_approval() {
    let mock = MockOrganizations::new();
    let management = mock.client();
    create_consolidated_billing_organization(&management).await;
    join(&mock, "222222222222").await;
    let parent = management
        .enable_all_features()
        .send()
        .await
        .unwrap()
        .handshake()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    management
        .cancel_handshake()
        .handshake_id(&parent)
        .send()
        .await
        .unwrap();
    let member = mock.client_as("222222222222");
    let child = member.list_handshakes_for_account().send().await.unwrap();
    let child = child
        .handshakes()
        .iter()
        .find(|h| h.action() == Some(&ActionType::EnableAllFeatures))
        .unwrap();
    assert_eq!(child.state(), Some(&HandshakeState::Canceled));
    // A new process can start.
    management.enable_all_features().send().await.unwrap();
}

/// The handshakes of `action` that `client`'s account sees.
async fn handshakes_of(
    client: &aws_organizations_mock::aws_sdk_organizations::Client,
    action: ActionType,
) -> Vec<Handshake> {
    client
        .list_handshakes_for_account()
        .filter(HandshakeFilter::builder().action_type(action).build())
        .send()
        .await
        .unwrap()
        .handshakes
        .unwrap_or_default()
}

/// An organization of consolidated billing with members 222222222222 and
/// 333333333333 invited, and its EnableAllFeatures under way: the
/// management account's handshake id.
async fn enabling_all_features(mock: &MockOrganizations) -> String {
    let management = mock.client();
    create_consolidated_billing_organization(&management).await;
    for m in ["222222222222", "333333333333"] {
        join(mock, m).await;
    }
    let out = management.enable_all_features().send().await.unwrap();
    out.handshake().unwrap().id().unwrap().to_string()
}

/// Each of `members` accepts its open ENABLE_ALL_FEATURES request.
async fn every_member_approves(members: &[&aws_organizations_mock::aws_sdk_organizations::Client]) {
    for member in members {
        let mine = handshakes_of(member, ActionType::EnableAllFeatures).await;
        let open = mine
            .iter()
            .find(|h| h.state() == Some(&HandshakeState::Requested))
            .unwrap();
        assert_eq!(accept(member, open.id().unwrap()).await, HandshakeState::Accepted);
    }
}

/// [`enabling_all_features`], and each member's client with the request it
/// was sent; the management account's handshake id first.
async fn members_asked(mock: &MockOrganizations) -> (String, [(Client, Handshake); 2]) {
    let parent = enabling_all_features(mock).await;
    let mut asked = Vec::new();
    for m in ["222222222222", "333333333333"] {
        let client = mock.client_as(m);
        let request = handshakes_of(&client, ActionType::EnableAllFeatures).await[0].clone();
        asked.push((client, request));
    }
    let [first, second]: [(Client, Handshake); 2] = asked.try_into().unwrap();
    (parent, [first, second])
}

/// The state of handshake `id` as `client`'s account sees it.
async fn state_of(client: &aws_organizations_mock::aws_sdk_organizations::Client, id: &str) -> HandshakeState {
    let out = client.describe_handshake().handshake_id(id).send().await.unwrap();
    out.handshake().unwrap().state().unwrap().clone()
}

/// "After all invited member accounts accept the handshake, you finalize
/// the feature set change by accepting the handshake that contains
/// "Action": "ENABLE_ALL_FEATURES"" (the model's EnableAllFeatures): the
/// management account's own handshake finalizes it, as the
/// APPROVE_ALL_FEATURES one does (FIDELITY.md#enableallfeatures-handshakes).
#[tokio::test]
async fn accepting_the_enable_all_features_handshake_finalizes_it() {
    let mock = MockOrganizations::new();
    let parent = enabling_all_features(&mock).await;
    for m in ["222222222222", "333333333333"] {
        let member = mock.client_as(m);
        let request = handshakes_of(&member, ActionType::EnableAllFeatures).await;
        assert_eq!(
            accept(&member, request[0].id().unwrap()).await,
            HandshakeState::Accepted
        );
    }
    let management = mock.client();
    assert_eq!(accept(&management, &parent).await, HandshakeState::Accepted);
    let org = management.describe_organization().send().await.unwrap();
    assert_eq!(
        org.organization().unwrap().feature_set(),
        Some(&OrganizationFeatureSet::All)
    );
    let approve = handshakes_of(&management, ActionType::ApproveAllFeatures).await;
    assert_eq!(approve[0].state(), Some(&HandshakeState::Accepted));
}

/// A member that declines ends its own request only: the other member's
/// stays REQUESTED and the process stays under way. The management account
/// declining its ENABLE_ALL_FEATURES handshake, or the APPROVE_ALL_FEATURES
/// one, ends the whole process as DECLINED, and a new one can start
/// (FIDELITY.md#enableallfeatures-handshakes).
#[tokio::test]
async fn who_declines_decides_what_ends() {
    let mock = MockOrganizations::new();
    let (parent, [(first, first_request), (second, second_request)]) = members_asked(&mock).await;
    let management = mock.client();
    let declined = first
        .decline_handshake()
        .handshake_id(first_request.id().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(declined.handshake().unwrap().state(), Some(&HandshakeState::Declined));
    assert_eq!(
        state_of(&second, second_request.id().unwrap()).await,
        HandshakeState::Requested
    );
    assert_eq!(state_of(&management, &parent).await, HandshakeState::Requested);
    assert_eq!(
        code(management.enable_all_features().send().await),
        "HandshakeConstraintViolationException/ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION"
    );

    // The management account declines its own handshake: every open one of
    // the process is DECLINED.
    management
        .decline_handshake()
        .handshake_id(&parent)
        .send()
        .await
        .unwrap();
    assert_eq!(state_of(&management, &parent).await, HandshakeState::Declined);
    assert_eq!(
        state_of(&second, second_request.id().unwrap()).await,
        HandshakeState::Declined
    );

    // A new process, every member approves, and the management account
    // declines the confirmation: the process ends, the feature set stays.
    let parent = management.enable_all_features().send().await.unwrap();
    let parent = parent.handshake().unwrap().id().unwrap().to_string();
    every_member_approves(&[&first, &second]).await;
    let approve = handshakes_of(&management, ActionType::ApproveAllFeatures).await;
    management
        .decline_handshake()
        .handshake_id(approve[0].id().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(state_of(&management, &parent).await, HandshakeState::Declined);
    let org = management.describe_organization().send().await.unwrap();
    assert_eq!(
        org.organization().unwrap().feature_set(),
        Some(&OrganizationFeatureSet::ConsolidatedBilling)
    );
    management.enable_all_features().send().await.unwrap();
}

/// The management account, the sender of every request of the process,
/// canceling one member's request ends that request only, and the process
/// can then not finish (as after a member's decline); canceling its own
/// ENABLE_ALL_FEATURES handshake, or the APPROVE_ALL_FEATURES one, ends the
/// whole process as CANCELED (FIDELITY.md#enableallfeatures-handshakes).
#[tokio::test]
async fn canceling_one_request_ends_it_and_canceling_the_approval_ends_all() {
    let mock = MockOrganizations::new();
    let (parent, [(first, first_request), (second, second_request)]) = members_asked(&mock).await;
    let management = mock.client();
    // Another organization's invitation, which no part of this process touches.
    let other = mock.client_as("555555555555");
    other.create_organization().send().await.unwrap();
    let invitation = invite(&other, account_party("666666666666")).await;
    let cancel = |id: String| management.cancel_handshake().handshake_id(id).send();
    cancel(first_request.id().unwrap().into()).await.unwrap();
    assert_eq!(
        state_of(&first, first_request.id().unwrap()).await,
        HandshakeState::Canceled
    );
    assert_eq!(
        state_of(&second, second_request.id().unwrap()).await,
        HandshakeState::Requested
    );
    assert_eq!(state_of(&management, &parent).await, HandshakeState::Requested);
    // The other member approves: no approval goes out.
    assert_eq!(
        accept(&second, second_request.id().unwrap()).await,
        HandshakeState::Accepted
    );
    assert!(handshakes_of(&management, ActionType::ApproveAllFeatures)
        .await
        .is_empty());
    cancel(parent.clone()).await.unwrap();
    assert_eq!(state_of(&management, &parent).await, HandshakeState::Canceled);
    // What had ended stays as it ended; the other organization's invitation
    // stays open.
    assert_eq!(
        state_of(&second, second_request.id().unwrap()).await,
        HandshakeState::Accepted
    );
    assert_eq!(state_of(&other, &invitation).await, HandshakeState::Requested);

    // A new process, both approve, and the approval is canceled.
    let parent = management.enable_all_features().send().await.unwrap();
    let parent = parent.handshake().unwrap().id().unwrap().to_string();
    every_member_approves(&[&first, &second]).await;
    let approve = handshakes_of(&management, ActionType::ApproveAllFeatures).await;
    cancel(approve[0].id().unwrap().into()).await.unwrap();
    assert_eq!(state_of(&management, &parent).await, HandshakeState::Canceled);
    let org = management.describe_organization().send().await.unwrap();
    assert_eq!(
        org.organization().unwrap().feature_set(),
        Some(&OrganizationFeatureSet::ConsolidatedBilling)
    );
}

/// Deleting an organization cancels the invitations it still had open (and
/// no other organization's): its invitee sees the invitation CANCELED and
/// can no longer accept it
/// (FIDELITY.md#deleting-an-organization-cancels-its-handshakes).
#[tokio::test]
async fn deleting_an_organization_cancels_its_open_invitations() {
    let mock = MockOrganizations::new();
    let management = mock.client();
    management.create_organization().send().await.unwrap();
    let invitation = invite(&management, account_party("444444444444")).await;
    let other = mock.client_as("555555555555");
    other.create_organization().send().await.unwrap();
    let others = invite(&other, account_party("666666666666")).await;
    management.delete_organization().send().await.unwrap();
    let invitee = mock.client_as("444444444444");
    assert_eq!(state_of(&invitee, &invitation).await, HandshakeState::Canceled);
    // Another organization's invitation stays open.
    assert_eq!(state_of(&other, &others).await, HandshakeState::Requested);
    assert_eq!(
        code(invitee.accept_handshake().handshake_id(&invitation).send().await),
        "InvalidHandshakeTransitionException"
    );
}
