//! STS beside Organizations (issue 16): the cost of a call through the real
//! `aws-sdk-sts` client, and what calling with session credentials adds to an
//! Organizations call. `cargo bench --bench sts`.

use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::Credentials;
use aws_organizations_mock::MockOrganizations;
use divan::Bencher;

fn main() {
    divan::main();
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().build().unwrap()
}

/// A mock with an organization and one vended account; returns it and the account.
fn vended(rt: &tokio::runtime::Runtime) -> (MockOrganizations, String) {
    let mock = MockOrganizations::new();
    let account = rt.block_on(async {
        let org = mock.client();
        org.create_organization().send().await.unwrap();
        let request = org
            .create_account()
            .email("a@example.com")
            .account_name("A")
            .send()
            .await
            .unwrap();
        let id = request.create_account_status().unwrap().id().unwrap().to_string();
        let status = org
            .describe_create_account_status()
            .create_account_request_id(id)
            .send()
            .await
            .unwrap();
        status
            .create_account_status()
            .unwrap()
            .account_id()
            .unwrap()
            .to_string()
    });
    (mock, account)
}

#[divan::bench]
fn get_caller_identity(bencher: Bencher) {
    let rt = runtime();
    let mock = MockOrganizations::new();
    let sts = aws_sdk_sts::Client::new(&mock.sdk_config());
    bencher.bench_local(|| rt.block_on(sts.get_caller_identity().send()).unwrap());
}

#[divan::bench]
fn assume_role(bencher: Bencher) {
    let rt = runtime();
    let (mock, account) = vended(&rt);
    let sts = aws_sdk_sts::Client::new(&mock.sdk_config());
    let role = format!("arn:aws:iam::{account}:role/OrganizationAccountAccessRole");
    bencher.bench_local(|| {
        rt.block_on(sts.assume_role().role_arn(&role).role_session_name("bench").send())
            .unwrap()
    });
}

/// DescribeOrganization as the member: signed with its 12-digit key, or with
/// the session credentials AssumeRole gave (a session look-up per call).
#[divan::bench(args = ["account key", "session key"])]
fn describe_organization_as_member(bencher: Bencher, key: &str) {
    let rt = runtime();
    let (mock, account) = vended(&rt);
    let config = match key {
        "account key" => mock.sdk_config_as(&account),
        _ => {
            let sts = aws_sdk_sts::Client::new(&mock.sdk_config());
            let role = format!("arn:aws:iam::{account}:role/OrganizationAccountAccessRole");
            let out = rt
                .block_on(sts.assume_role().role_arn(role).role_session_name("bench").send())
                .unwrap();
            let c = out.credentials().unwrap();
            let credentials = Credentials::new(
                c.access_key_id(),
                c.secret_access_key(),
                Some(c.session_token().to_string()),
                None,
                "bench",
            );
            mock.sdk_config()
                .into_builder()
                .credentials_provider(SharedCredentialsProvider::new(credentials))
                .build()
        }
    };
    let org = aws_sdk_organizations::Client::new(&config);
    bencher.bench_local(|| rt.block_on(org.describe_organization().send()).unwrap());
}
