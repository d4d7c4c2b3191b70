//! `MockOrganizations::serve` inside a Rust program, driving a tool that is not
//! Rust: the AWS CLI named by the first argument. It needs the AWS CLI, so it is
//! not a `cargo test` (which would have to skip it on a machine without one):
//! tests/cli/run.sh runs it with its virtualenv's `aws`, and any failed check
//! panics, which exits non-zero.
//!
//! ```sh
//! cargo run -p cli-check -- target/cli-venv/bin/aws
//! ```

use aws_organizations_mock::MockOrganizations;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let aws = std::env::args()
        .nth(1)
        .expect("usage: cli-check PATH-TO-AWS-CLI (tests/cli/run.sh passes its virtualenv's aws)");
    let mock = MockOrganizations::new();
    mock.client().create_organization().send().await.unwrap();
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let cli = |access_key: &str, args: &[&str]| {
        tokio::process::Command::new(&aws)
            .args([
                "--endpoint-url",
                &server.endpoint_url(),
                "--output",
                "json",
                "organizations",
            ])
            .args(args)
            .env("AWS_ACCESS_KEY_ID", access_key)
            .env("AWS_SECRET_ACCESS_KEY", "dummy")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .output()
    };

    let out = cli("AKIDEXAMPLE", &["list-roots"]).await.unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let roots: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let root = roots["Roots"][0]["Id"].as_str().unwrap();
    let out = cli(
        "AKIDEXAMPLE",
        &[
            "create-organizational-unit",
            "--parent-id",
            root,
            "--name",
            "FromTheCli",
        ],
    )
    .await
    .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // The world the CLI changed is the one this test holds.
    let ous = mock
        .client()
        .list_organizational_units_for_parent()
        .parent_id(root)
        .send()
        .await
        .unwrap();
    assert_eq!(ous.organizational_units()[0].name(), Some("FromTheCli"));

    let out = cli("999999999999", &["describe-organization"]).await.unwrap();
    // A service error: exit status 255 from AWS CLI v1 (the pip package), 254 from v2.
    assert!(
        matches!(out.status.code(), Some(254 | 255)),
        "{:?} {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("(AWSOrganizationsNotInUseException)"));
    assert_eq!(mock.calls().last().unwrap().caller(), "999999999999");
    server.shutdown().await;
    println!(
        "cli-check: serve drove the AWS CLI: list-roots, create-organizational-unit, a service error as another caller"
    );
}
