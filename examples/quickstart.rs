//! Builds an organization with OUs and accounts against the mock, prints the
//! tree, and shows a recorded call.
//!
//! Run it with `cargo run --example quickstart`.

use aws_organizations_mock::aws_sdk_organizations::{types::ChildType, Client};
use aws_organizations_mock::mock_client;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, mock) = mock_client();

    let org = client.create_organization().send().await?;
    let org = org.organization().expect("an organization");
    println!(
        "organization {} managed by {}",
        org.id().unwrap_or_default(),
        org.master_account_id().unwrap_or_default()
    );

    let root = client.list_roots().send().await?.roots()[0]
        .id()
        .unwrap_or_default()
        .to_string();
    for (ou_name, accounts) in [
        ("Security", &["audit", "log-archive"][..]),
        ("Workloads", &["prod", "staging", "dev"][..]),
    ] {
        let ou = client
            .create_organizational_unit()
            .parent_id(&root)
            .name(ou_name)
            .send()
            .await?;
        let ou_id = ou
            .organizational_unit()
            .and_then(|o| o.id())
            .unwrap_or_default()
            .to_string();
        for name in accounts {
            let status = client
                .create_account()
                .account_name(*name)
                .email(format!("{name}@example.com"))
                .send()
                .await?;
            let request_id = status.create_account_status().and_then(|s| s.id()).unwrap_or_default();
            let done = client
                .describe_create_account_status()
                .create_account_request_id(request_id)
                .send()
                .await?;
            let account_id = done
                .create_account_status()
                .and_then(|s| s.account_id())
                .unwrap_or_default();
            client
                .move_account()
                .account_id(account_id)
                .source_parent_id(&root)
                .destination_parent_id(&ou_id)
                .send()
                .await?;
        }
    }

    println!("\nRoot {root}");
    print_tree(&client, &root, 1).await?;

    let call = mock.calls_to(Client::create_account).remove(0);
    println!("\nfirst recorded CreateAccount call, by {}:", call.caller());
    let (input, output) = (call.input(), call.output()?);
    println!(
        "  input:  {:?} <{}>",
        input.account_name(),
        input.email().unwrap_or_default()
    );
    println!(
        "  output: request {:?}, {:?}",
        output.create_account_status().and_then(|s| s.id()),
        output.create_account_status().and_then(|s| s.state())
    );
    println!("{} calls recorded in all", mock.calls().len());
    Ok(())
}

async fn print_tree(client: &Client, parent: &str, depth: usize) -> Result<(), Box<dyn std::error::Error>> {
    let indent = "  ".repeat(depth);
    let mut pages = client
        .list_accounts_for_parent()
        .parent_id(parent)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        for account in page?.accounts() {
            println!(
                "{indent}- {} {} ({})",
                account.id().unwrap_or_default(),
                account.name().unwrap_or_default(),
                account.email().unwrap_or_default()
            );
        }
    }
    let children = client
        .list_children()
        .parent_id(parent)
        .child_type(ChildType::OrganizationalUnit)
        .send()
        .await?;
    for child in children.children() {
        let id = child.id().unwrap_or_default();
        let ou = client
            .describe_organizational_unit()
            .organizational_unit_id(id)
            .send()
            .await?;
        println!(
            "{indent}+ {} {}",
            id,
            ou.organizational_unit().and_then(|o| o.name()).unwrap_or_default()
        );
        Box::pin(print_tree(client, id, depth + 1)).await?;
    }
    Ok(())
}
