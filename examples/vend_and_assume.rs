//! Tests account-vending code that goes on into the account it made: it
//! creates an account, assumes `OrganizationAccountAccessRole` in it with
//! aws-config's `AssumeRoleProvider`, and does its work there, all against one
//! mock that answers both Organizations and STS.
//!
//! Run it with `cargo run --example vend_and_assume`.

use aws_config::sts::AssumeRoleProvider;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_organizations_mock::aws_sdk_organizations::types::CreateAccountState;
use aws_organizations_mock::aws_sdk_organizations::Client;
use aws_organizations_mock::{MockOrganizations, StsAction};
use aws_types::SdkConfig;

// ---------------------------------------------------------------------------
// The code under test: it knows nothing of the mock, only an `SdkConfig`.
// ---------------------------------------------------------------------------

/// What the vending run found inside the new account.
#[derive(Debug)]
struct Vended {
    account_id: String,
    /// The principal the work ran as (GetCallerIdentity's `Arn`).
    worked_as: String,
    /// The organization's management account, as the new account sees it.
    management_account: String,
}

async fn vend(config: &SdkConfig, name: &str, email: &str) -> Result<Vended, Box<dyn std::error::Error>> {
    let org = aws_sdk_organizations::Client::new(config);
    let request = org.create_account().account_name(name).email(email).send().await?;
    let request_id = request
        .create_account_status()
        .and_then(|s| s.id())
        .ok_or("no request id")?
        .to_string();
    let account_id = loop {
        let status = org
            .describe_create_account_status()
            .create_account_request_id(&request_id)
            .send()
            .await?;
        let status = status.create_account_status().ok_or("no status")?;
        match status.state() {
            Some(CreateAccountState::Succeeded) => break status.account_id().ok_or("no account id")?.to_string(),
            Some(CreateAccountState::Failed) => {
                return Err(format!("creation failed: {:?}", status.failure_reason()).into())
            }
            _ => tokio::time::sleep(std::time::Duration::from_millis(10)).await,
        }
    };

    // Into the account: the role CreateAccount made, trusting the management account.
    let role = AssumeRoleProvider::builder(format!("arn:aws:iam::{account_id}:role/OrganizationAccountAccessRole"))
        .session_name("vending")
        .configure(config)
        .build()
        .await;
    let in_account = config
        .to_builder()
        .credentials_provider(SharedCredentialsProvider::new(role))
        .build();

    // The work, as the new account.
    let identity = aws_sdk_sts::Client::new(&in_account)
        .get_caller_identity()
        .send()
        .await?;
    if identity.account() != Some(account_id.as_str()) {
        return Err(format!("worked as {:?}, not as {account_id}", identity.account()).into());
    }
    let described = aws_sdk_organizations::Client::new(&in_account)
        .describe_organization()
        .send()
        .await?;
    Ok(Vended {
        account_id,
        worked_as: identity.arn().unwrap_or_default().to_string(),
        management_account: described
            .organization()
            .and_then(|o| o.master_account_id())
            .unwrap_or_default()
            .to_string(),
    })
}

// ---------------------------------------------------------------------------
// The test: a mock organization, the code under test, and what it did.
// ---------------------------------------------------------------------------

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mock = MockOrganizations::new();
    mock.client().create_organization().send().await.unwrap();

    let vended = vend(&mock.sdk_config(), "Payments", "payments@example.com")
        .await
        .unwrap();
    println!("{vended:#?}");
    assert_eq!(
        vended.worked_as,
        format!(
            "arn:aws:sts::{}:assumed-role/OrganizationAccountAccessRole/vending",
            vended.account_id
        )
    );
    assert_eq!(vended.management_account, mock.default_account_id());

    // The recording shows who called what: the management account vended and
    // assumed the role, the new account did the work.
    for call in mock.calls() {
        println!("{:<28} as {}  -> {}", call.operation(), call.caller(), call.outcome());
    }
    let work = mock.calls_to(Client::describe_organization);
    assert_eq!(work.last().unwrap().caller(), vended.account_id);
    // STS's actions are not methods of the Organizations client: StsAction names them.
    let assumed = mock.sts_calls(StsAction::AssumeRole);
    assert!(!assumed.is_empty());
    assert!(assumed.iter().all(|c| c.caller() == mock.default_account_id()));
    println!("vend_and_assume: ok");
}
