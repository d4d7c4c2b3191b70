//! Pagination through the real SDK client: the paginator lists every account
//! once, a token survives changes to the list, a bad token is invalid input.

use aws_organizations_mock::aws_sdk_organizations as orgs;
use aws_organizations_mock::mock_client;
use orgs::types::InvalidInputExceptionReason;

use crate::support;
use support::{create_organization, create_ou, new_account};

// ---------------------------------------------------------------- pagination

#[tokio::test]
async fn every_account_is_listed_once_through_the_paginator() {
    let (client, _mock) = mock_client();
    client.create_organization().send().await.unwrap();
    for i in 0..44 {
        new_account(&client, &format!("bulk{i}")).await;
    }
    let pages: Vec<_> = client
        .list_accounts()
        .max_results(7)
        .into_paginator()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    assert_eq!(pages.len(), 7);
    let mut ids: Vec<_> = pages
        .iter()
        .flat_map(|p| p.accounts())
        .map(|a| a.id().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 45);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 45);

    let first = client.list_accounts().send().await.unwrap();
    assert_eq!(
        first.accounts().len(),
        20,
        "the default page is the model's maximum, 20 (FIDELITY.md \"Default page size\")"
    );
    assert!(first.next_token().is_some());
}

#[tokio::test]
async fn a_token_survives_changes_to_the_list() {
    let (client, _mock) = mock_client();
    client.create_organization().send().await.unwrap();
    for i in 0..5 {
        new_account(&client, &format!("p{i}")).await;
    }
    let first = client.list_accounts().max_results(3).send().await.unwrap();
    // Accounts are listed in the order they joined: our choice (FIDELITY.md "List orders").
    let names: Vec<_> = first.accounts().iter().map(|a| a.name().unwrap()).collect();
    assert_eq!(names[1..], ["p0", "p1"]);
    let token = first.next_token().unwrap().to_string();
    // The list changes before the token's place (p0 leaves) and after it (an
    // account is added): the next page still starts right after p1, where a
    // plain offset into the new list would skip p2.
    let p0 = first.accounts()[1].id().unwrap();
    client
        .remove_account_from_organization()
        .account_id(p0)
        .send()
        .await
        .unwrap();
    new_account(&client, "late").await;
    let second = client
        .list_accounts()
        .max_results(3)
        .next_token(&token)
        .send()
        .await
        .unwrap();
    let names: Vec<_> = second.accounts().iter().map(|a| a.name().unwrap()).collect();
    assert_eq!(names, ["p2", "p3", "p4"]);
}

#[tokio::test]
async fn a_bad_token_is_invalid_input() {
    let (client, _mock) = mock_client();
    let root = create_organization(&client).await;
    let err = client
        .list_accounts()
        .next_token("not-a-token")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_reason!(
        err,
        orgs::operation::list_accounts::ListAccountsError::InvalidInputException,
        InvalidInputExceptionReason::InvalidPaginationToken
    );
    // A token from one list is not good for another.
    for i in 0..3 {
        create_ou(&client, &root, &format!("ou{i}")).await;
    }
    let ous = client
        .list_organizational_units_for_parent()
        .parent_id(&root)
        .max_results(1)
        .send()
        .await
        .unwrap();
    let err = client
        .list_accounts()
        .next_token(ous.next_token().unwrap())
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        support::decoded::decoded(err),
        "InvalidInputException/INVALID_NEXT_TOKEN"
    );
}

/// What the SDK decoded from `ListAccounts` given `token`: `OK`, or the
/// exception and its reason.
async fn list_accounts_with(client: &orgs::Client, token: &str) -> String {
    match client.list_accounts().next_token(token).send().await {
        Ok(_) => "OK".to_string(),
        Err(err) => support::decoded::decoded(err),
    }
}

/// A `NextToken` changed in any one character, each of its characters
/// changed to every other hex digit (a token to a later or earlier page
/// forged from a real one), is refused as AWS refuses a token it did not give
/// out: `InvalidInputException` with `INVALID_NEXT_TOKEN` (the model's
/// `InvalidInputExceptionReason`; the SDK names it `InvalidPaginationToken`).
/// The token's form is our choice (FIDELITY.md "Next tokens").
#[tokio::test]
async fn a_tampered_token_is_invalid_input() {
    let (client, _mock) = mock_client();
    client.create_organization().send().await.unwrap();
    for i in 0..4 {
        new_account(&client, &format!("t{i}")).await;
    }
    let first = client.list_accounts().max_results(2).send().await.unwrap();
    let token = first.next_token().unwrap().to_string();
    assert_eq!(list_accounts_with(&client, &token).await, "OK");
    for (at, was) in token.char_indices() {
        for digit in "0123456789abcdef".chars().filter(|d| *d != was) {
            let mut forged = token.clone();
            forged.replace_range(at..=at, &digit.to_string());
            assert_eq!(
                list_accounts_with(&client, &forged).await,
                "InvalidInputException/INVALID_NEXT_TOKEN",
                "{token} with {digit} at {at}: {forged}"
            );
        }
    }
}

/// A token of hex digits that is too short or too long is refused the same
/// way, never with an internal failure.
#[tokio::test]
async fn a_token_of_the_wrong_length_is_invalid_input() {
    let (client, _mock) = mock_client();
    client.create_organization().send().await.unwrap();
    for token in ["abc", "0", &"0".repeat(23), &"0".repeat(25), &"f".repeat(40)] {
        assert_eq!(
            list_accounts_with(&client, token).await,
            "InvalidInputException/INVALID_NEXT_TOKEN",
            "{token}"
        );
    }
}
