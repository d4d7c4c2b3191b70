//! Guardrails in server mode (issue 23): STS over a real socket is judged by
//! the organization's resource control policies as in process. aws-sdk-sts
//! and aws-config's AssumeRoleProvider, pointed at the server, are denied
//! `AssumeRole` into a member's role from outside the organization by the
//! data-perimeter RCP, with AWS's message, and let through from inside it
//! (FIDELITY.md#guardrails-enforcement).
#![cfg(feature = "server")]

use aws_config::sts::AssumeRoleProvider;
use aws_credential_types::provider::ProvideCredentials;
use aws_organizations_mock::aws_sdk_organizations::types::PolicyType;
use aws_organizations_mock::{MockOrganizations, ServerHandle, StsAction};
use aws_sdk_sts::error::ProvideErrorMetadata;
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_types::SdkConfig;

use crate::server::http::{as_assumed_role, bounded, raw, sdk_client, RealHttp};
use crate::support::{self, MANAGEMENT};

const MEMBER: &str = "222222222222";
const OUTSIDER: &str = "999999999999";

/// AWS's data-perimeter RCP: only the organization's principals (and AWS
/// services) may assume its roles.
const PERIMETER: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"EnforceOrgIdentities","Effect":"Deny","Principal":"*",
    "Action":"sts:AssumeRole","Resource":"*",
    "Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"${aws:ResourceOrgID}"},
                 "BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}]}"#;

/// An `SdkConfig` that calls the server as `account`, over a real socket.
fn config_as(mock: &MockOrganizations, server: &ServerHandle, account: &str) -> SdkConfig {
    mock.sdk_config_as(account)
        .into_builder()
        .endpoint_url(server.endpoint_url())
        .http_client(SharedHttpClient::new(RealHttp::new()))
        // Real sleeps: the SDK's timeouts would otherwise fire before a
        // response comes back over the socket.
        .sleep_impl(aws_smithy_async::rt::sleep::SharedAsyncSleep::new(
            aws_smithy_async::rt::sleep::TokioSleep::new(),
        ))
        .timeout_config(bounded())
        .build()
}

/// The organization, built over HTTP: the management account, `MEMBER`
/// (invited), RCPs enabled and the perimeter attached to the root; the
/// member's role `Shared` trusts the management account and `OUTSIDER`.
async fn perimeter_organization(mock: &MockOrganizations, server: &ServerHandle) {
    let org = sdk_client(server, MANAGEMENT);
    org.create_organization().send().await.unwrap();
    support::join(mock, MEMBER).await;
    let root = support::root_id(&org).await;
    org.enable_policy_type()
        .root_id(&root)
        .policy_type(PolicyType::ResourceControlPolicy)
        .send()
        .await
        .unwrap();
    let id = support::create_policy(&org, PolicyType::ResourceControlPolicy, "perimeter", PERIMETER).await;
    org.attach_policy()
        .policy_id(&id)
        .target_id(&root)
        .send()
        .await
        .unwrap();
    mock.create_role(MEMBER, "Shared", &[MANAGEMENT, OUTSIDER]);
}

#[tokio::test]
async fn an_rcp_keeps_assume_role_inside_the_organization_over_http() {
    let mock = MockOrganizations::new();
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    perimeter_organization(&mock, &server).await;
    let role_arn = format!("arn:aws:iam::{MEMBER}:role/Shared");
    let sessions_before = mock.sts_calls(StsAction::AssumeRole).len();

    // From outside the organization: aws-sdk-sts is denied by the RCP.
    let outside = aws_sdk_sts::Client::new(&config_as(&mock, &server, OUTSIDER));
    let err = outside
        .assume_role()
        .role_arn(&role_arn)
        .role_session_name("outside")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(err.code(), Some("AccessDenied"), "{err:?}");
    assert_eq!(
        err.message(),
        Some(format!("User: arn:aws:iam::{OUTSIDER}:root is not authorized to perform: sts:AssumeRole on resource: {role_arn} with an explicit deny in a resource control policy").as_str())
    );
    // ... and so is aws-config's AssumeRoleProvider.
    let provider = AssumeRoleProvider::builder(&role_arn)
        .session_name("outside")
        .configure(&config_as(&mock, &server, OUTSIDER))
        .build()
        .await;
    let err = provider.provide_credentials().await.unwrap_err();
    assert!(
        format!("{err:?}").contains("with an explicit deny in a resource control policy"),
        "{err:?}"
    );
    let denied = mock.sts_calls(StsAction::AssumeRole);
    assert_eq!(denied.len(), sessions_before + 2);
    assert!(
        denied[sessions_before..]
            .iter()
            .all(|c| !c.succeeded() && c.caller() == OUTSIDER),
        "both denied, no session issued"
    );

    // From inside it (the management account): the provider's credentials
    // are the member's role session, and the server answers as it.
    let inside = config_as(&mock, &server, MANAGEMENT);
    aws_sdk_sts::Client::new(&inside)
        .assume_role()
        .role_arn(&role_arn)
        .role_session_name("inside")
        .send()
        .await
        .unwrap();
    as_assumed_role(
        inside,
        &role_arn,
        "inside",
        &format!("{MEMBER}:assumed-role/Shared/inside"),
    )
    .await;

    // The control endpoint gives the same answers.
    let ask = |who: &str| {
        serde_json::json!({"principal_account": who, "action": "sts:AssumeRole", "resource": role_arn}).to_string()
    };
    for (who, decision) in [(OUTSIDER, "ExplicitDeny"), (MANAGEMENT, "Allowed")] {
        let (status, _, body) = raw(&server, "POST", "/_mock/guardrails", &[], &ask(who)).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["decision"], decision, "{who}: {body}");
    }
    server.shutdown().await;
}

/// Server mode answers the same misspelling with a 400 naming the closest keys.
#[cfg(feature = "server")]
#[tokio::test]
async fn the_control_endpoint_refuses_a_misspelt_key() {
    let mock = MockOrganizations::new();
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let body = serde_json::json!({"principal_account": MEMBER, "action": "ec2:RunInstances",
        "context": {"aws:RequestedRegoin": "eu-west-1"}});
    let (status, _, answer) = raw(&server, "POST", "/_mock/guardrails", &[], &body.to_string()).await;
    assert_eq!(status, 400, "{answer}");
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("'aws:RequestedRegoin' is not a global condition key; the closest are aws:RequestedRegion"),
        "{answer}"
    );
    server.shutdown().await;
}
