//! Steps the integration tests share: an organization's root, OUs, accounts, tags.
#![allow(dead_code)]

pub mod raw;

use aws_sdk_organizations::types::Tag;
use aws_sdk_organizations::Client;

/// A tag.
pub fn tag(key: &str, value: &str) -> Tag {
    Tag::builder().key(key).value(value).build().unwrap()
}

/// The organization's root id.
pub async fn root_id(c: &Client) -> String {
    let roots = c.list_roots().send().await.unwrap();
    roots.roots()[0].id().unwrap().to_string()
}

/// Creates an OU and returns its id.
pub async fn create_ou(c: &Client, parent: &str, name: &str) -> String {
    let out = c
        .create_organizational_unit()
        .parent_id(parent)
        .name(name)
        .send()
        .await
        .unwrap();
    out.organizational_unit().unwrap().id().unwrap().to_string()
}

/// Creates an account, looks its request up once and returns the request's id
/// and the account's id (`None` while the request is still in progress).
pub async fn create_account(c: &Client, email: &str, name: &str) -> (String, Option<String>) {
    let out = c.create_account().email(email).account_name(name).send().await.unwrap();
    let request = out.create_account_status().unwrap().id().unwrap().to_string();
    let status = c
        .describe_create_account_status()
        .create_account_request_id(&request)
        .send()
        .await
        .unwrap();
    let account = status.create_account_status().unwrap().account_id().map(str::to_string);
    (request, account)
}

/// Creates a policy and returns its id.
pub async fn create_policy(
    c: &Client,
    kind: aws_sdk_organizations::types::PolicyType,
    name: &str,
    content: &str,
) -> String {
    let out = c
        .create_policy()
        .r#type(kind)
        .name(name)
        .description(name)
        .content(content)
        .send()
        .await
        .unwrap();
    out.policy()
        .unwrap()
        .policy_summary()
        .unwrap()
        .id()
        .unwrap()
        .to_string()
}
