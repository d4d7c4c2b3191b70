//! Server mode: the world over a real socket, driven by the Rust SDK through a
//! real HTTP client (hyper-util's), and by raw HTTP requests.
#![cfg(feature = "server")]

use crate::support::raw::{SERIALIZATION, UNKNOWN_OPERATION};
use std::time::Duration;

use aws_config::sts::AssumeRoleProvider;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_organizations_mock::aws_sdk_organizations::config::timeout::TimeoutConfig;
use aws_organizations_mock::aws_sdk_organizations::config::{BehaviorVersion, Credentials, Region};
use aws_organizations_mock::aws_sdk_organizations::{Client, Config};
use aws_organizations_mock::{MockOrganizations, ServerHandle, StsAction};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use http_body_util::BodyExt;
use hyper_util::client::legacy::connect::HttpConnector as TcpConnector;
use hyper_util::client::legacy::Client as Hyper;
use hyper_util::rt::TokioExecutor;

use crate::support;
use support::raw::{authorization, PREFIX};
use support::{create_ou, new_account, root_id};

/// A real HTTP client for the SDK: hyper-util's, over TCP.
#[derive(Clone, Debug)]
pub(crate) struct RealHttp(Hyper<TcpConnector, SdkBody>);

impl RealHttp {
    pub(crate) fn new() -> Self {
        RealHttp(Hyper::builder(TokioExecutor::new()).build_http())
    }
}

impl HttpClient for RealHttp {
    fn http_connector(&self, _: &HttpConnectorSettings, _: &RuntimeComponents) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

impl HttpConnector for RealHttp {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let client = self.0.clone();
        HttpConnectorFuture::new(async move {
            let request = request
                .try_into_http1x()
                .map_err(|e| ConnectorError::other(e.into(), None))?;
            let response = client
                .request(request)
                .await
                .map_err(|e| ConnectorError::io(e.into()))?;
            let (parts, body) = response.into_parts();
            let body = body
                .collect()
                .await
                .map_err(|e| ConnectorError::io(e.into()))?
                .to_bytes();
            HttpResponse::try_from(hyper::Response::from_parts(parts, SdkBody::from(body)))
                .map_err(|e| ConnectorError::other(e.into(), None))
        })
    }
}

/// A bound on waits for the server to answer, so that a server that never
/// does fails the test instead of hanging it. Never a measure of speed.
pub(crate) const MUST_ANSWER_WITHIN: Duration = Duration::from_secs(20);

/// An SDK call over the socket, its retries included, gives up after
/// [`MUST_ANSWER_WITHIN`]: without it a silent server keeps the SDK waiting
/// and retrying for as long as the server keeps the connection open.
pub(crate) fn bounded() -> TimeoutConfig {
    TimeoutConfig::builder().operation_timeout(MUST_ANSWER_WITHIN).build()
}

/// An SDK client of the server, signing with `access_key_id`.
pub(crate) fn sdk_client(server: &ServerHandle, access_key_id: &str) -> Client {
    Client::from_conf(
        Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::from_static("us-east-1"))
            .endpoint_url(server.endpoint_url())
            .credentials_provider(Credentials::new(access_key_id, "secret", None, None, "test"))
            .http_client(SharedHttpClient::new(RealHttp::new()))
            .timeout_config(bounded())
            .build(),
    )
}

/// A raw HTTP request to the server: status, headers and JSON body.
pub(crate) async fn raw(
    server: &ServerHandle,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, hyper::HeaderMap, serde_json::Value) {
    let mut request = hyper::Request::builder()
        .method(method)
        .uri(format!("{}{path}", server.endpoint_url()));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let client = RealHttp::new().0;
    let exchange = async {
        let response = client
            .request(request.body(SdkBody::from(body.to_string())).unwrap())
            .await?;
        let (parts, body) = response.into_parts();
        Ok::<_, Box<dyn std::error::Error>>((parts, body.collect().await?.to_bytes()))
    };
    let (parts, bytes) = tokio::time::timeout(MUST_ANSWER_WITHIN, exchange)
        .await
        .expect("the server answered")
        .unwrap();
    let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    (parts.status.as_u16(), parts.headers, json)
}

/// A raw API call, signed (minimally) with a non-numeric access key id.
/// `base` with credentials from aws-config's `AssumeRoleProvider` for
/// `role_arn` (session `session`), after checking that STS's
/// `GetCallerIdentity` answers as `arn:aws:sts::{assumed}`.
pub(crate) async fn as_assumed_role(
    base: aws_types::SdkConfig,
    role_arn: &str,
    session: &str,
    assumed: &str,
) -> aws_types::SdkConfig {
    let provider = AssumeRoleProvider::builder(role_arn)
        .session_name(session)
        .configure(&base)
        .build()
        .await;
    let config = base
        .into_builder()
        .credentials_provider(SharedCredentialsProvider::new(provider))
        .build();
    let identity = aws_sdk_sts::Client::new(&config)
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(identity.arn(), Some(format!("arn:aws:sts::{assumed}").as_str()));
    config
}

async fn api(server: &ServerHandle, operation: &str, body: &str) -> (u16, hyper::HeaderMap, serde_json::Value) {
    let auth = authorization("AKIDEXAMPLE");
    let target = format!("{PREFIX}{operation}");
    raw(
        server,
        "POST",
        "/",
        &[("authorization", &auth), ("x-amz-target", &target)],
        body,
    )
    .await
}

#[tokio::test]
async fn the_rust_sdk_works_over_a_real_socket() {
    let mock = MockOrganizations::new();
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    assert!(server.endpoint_url().starts_with("http://127.0.0.1:"));
    let client = sdk_client(&server, "AKIAIOSFODNN7EXAMPLE");

    let org = client.create_organization().send().await.unwrap();
    assert_eq!(org.organization().unwrap().master_account_id(), Some("111111111111"));
    let root = root_id(&client).await;
    let ou_id = create_ou(&client, &root, "Workloads").await;
    for i in 0..5 {
        client
            .create_account()
            .email(format!("team{i}@example.com"))
            .account_name(format!("team{i}"))
            .send()
            .await
            .unwrap();
    }

    let pages: Vec<_> = client
        .list_accounts()
        .max_results(2)
        .into_paginator()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3, "6 accounts in pages of 2");
    assert_eq!(pages.iter().map(|p| p.accounts().len()).sum::<usize>(), 6);

    // A modeled error arrives as the SDK's typed error, with AWS's code.
    assert_fails!(
        client.create_organizational_unit().parent_id(&root).name("Workloads"),
        is_duplicate_organizational_unit_exception
    );

    // The in-process handle sees the same world and the same recordings.
    let described = mock
        .client()
        .describe_organizational_unit()
        .organizational_unit_id(&ou_id)
        .send()
        .await
        .unwrap();
    assert_eq!(described.organizational_unit().unwrap().name(), Some("Workloads"));
    let failed = mock.calls_to(Client::create_organizational_unit);
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[1].error_code(), Some("DuplicateOrganizationalUnitException"));
    server.shutdown().await;
}

#[tokio::test]
async fn a_twelve_digit_access_key_calls_as_that_account() {
    let mock = MockOrganizations::new();
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let management = sdk_client(&server, "111111111111");
    management.create_organization().send().await.unwrap();
    let member_id = new_account(&management, "member").await;

    // The member can read its organization but may not list its accounts.
    let member = sdk_client(&server, &member_id);
    let org = member.describe_organization().send().await.unwrap();
    assert_eq!(org.organization().unwrap().master_account_id(), Some("111111111111"));
    let err = member.list_accounts().send().await.unwrap_err();
    assert_eq!(support::decoded::decoded(err), "AccessDeniedException");

    // An account that the world does not know is outside any organization.
    let outsider = sdk_client(&server, "999999999999");
    let err = outsider.describe_organization().send().await.unwrap_err();
    assert_eq!(support::decoded::decoded(err), "AWSOrganizationsNotInUseException");

    let callers: Vec<_> = mock.calls().iter().map(|c| c.caller().to_string()).collect();
    assert_eq!(callers[3..], [member_id.clone(), member_id, "999999999999".to_string()]);
}

#[tokio::test]
async fn responses_are_framed_like_aws() {
    let mock = MockOrganizations::new();
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let (status, headers, body) = api(&server, "CreateOrganization", "{}").await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/x-amz-json-1.1");
    assert!(headers.contains_key("x-amzn-requestid"));
    assert_eq!(body["Organization"]["FeatureSet"], "ALL");

    let (status, _, body) = api(&server, "CreateOrganization", "{}").await;
    assert_eq!(status, 400);
    assert_eq!(body["__type"], "AlreadyInOrganizationException");

    let (status, _, body) = api(&server, "NoSuchThing", "{}").await;
    assert_eq!(status, 400);
    assert_eq!(body["__type"], UNKNOWN_OPERATION);

    let (status, _, body) = api(&server, "ListAccounts", "not json").await;
    assert_eq!(status, 400);
    assert_eq!(body["__type"], SERIALIZATION);
}

#[tokio::test]
async fn control_endpoints_list_calls_and_reset_the_world() {
    let mock = MockOrganizations::builder().seed(7).build();
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let client = sdk_client(&server, "111111111111");
    let first = client.create_organization().send().await.unwrap();
    let first_id = first.organization().unwrap().id().unwrap().to_string();
    client.create_organization().send().await.unwrap_err();

    let (status, headers, calls) = raw(&server, "GET", "/_mock/calls", &[], "").await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/json");
    let calls = calls.as_array().unwrap();
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0]["operation"], "CreateOrganization");
    assert_eq!(calls[0]["caller"], "111111111111");
    assert_eq!(calls[0]["status"], 200);
    assert_eq!(calls[0]["response"]["Organization"]["Id"], first_id.as_str());
    assert_eq!(calls[1]["error_code"], "AlreadyInOrganizationException");
    assert_eq!(calls[1]["response"]["__type"], "AlreadyInOrganizationException");
    // An operation the mock does not know is listed under the name it was sent as.
    let (status, _, _) = api(&server, "CreateAcount", "{}").await;
    assert_eq!(status, 400);
    let (_, _, calls) = raw(&server, "GET", "/_mock/calls?since=2", &[], "").await;
    assert_eq!(calls[0]["operation"], "CreateAcount");
    assert_eq!(mock.calls()[2].operation(), aws_organizations_mock::Operation::Unknown);

    let (status, _, _) = raw(&server, "POST", "/_mock/reset", &[], "").await;
    assert_eq!(status, 200);
    assert!(mock.calls().is_empty(), "a reset forgets the recorded calls");
    let err = client.describe_organization().send().await.unwrap_err();
    assert_eq!(support::decoded::decoded(err), "AWSOrganizationsNotInUseException");
    // Same settings: the same seed gives the same organization id again.
    let again = client.create_organization().send().await.unwrap();
    assert_eq!(again.organization().unwrap().id(), Some(first_id.as_str()));

    let (status, _, body) = raw(&server, "GET", "/_mock/reset", &[], "").await;
    assert_eq!(status, 405);
    assert!(body["message"].as_str().unwrap().contains("POST /_mock/reset"));
    let (status, _, _) = raw(&server, "GET", "/_mock/nothing", &[], "").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn control_endpoints_download_and_load_snapshots_and_fixtures() {
    let mock = MockOrganizations::builder().seed(3).build();
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let client = sdk_client(&server, "111111111111");

    let fixture = r#"{"ous": [{"name": "Workloads", "accounts": [{"name": "app", "id": "222222222222"}]}]}"#;
    let (status, _, ids) = raw(&server, "POST", "/_mock/fixture", &[], fixture).await;
    assert_eq!(status, 200, "{ids}");
    assert_eq!(ids["accounts"]["app"], "222222222222");
    let ou = ids["ous"]["Workloads"].as_str().unwrap().to_string();
    let parents = client.list_parents().child_id("222222222222").send().await.unwrap();
    assert_eq!(parents.parents()[0].id(), Some(ou.as_str()));

    let (status, _, snapshot) = raw(&server, "GET", "/_mock/snapshot", &[], "").await;
    assert_eq!(status, 200);
    assert_eq!(snapshot, mock.snapshot());

    raw(&server, "POST", "/_mock/reset", &[], "").await;
    let err = client.describe_organization().send().await.unwrap_err();
    assert_eq!(support::decoded::decoded(err), "AWSOrganizationsNotInUseException");
    let (status, _, _) = raw(&server, "POST", "/_mock/snapshot", &[], &snapshot.to_string()).await;
    assert_eq!(status, 200);
    assert_eq!(mock.snapshot(), snapshot);
    let org = client.describe_organization().send().await.unwrap();
    assert_eq!(org.organization().unwrap().id(), ids["organization"].as_str());

    // Bad bodies change nothing.
    let (status, _, body) = raw(&server, "POST", "/_mock/snapshot", &[], "{\"not\": \"a world\"}").await;
    assert_eq!(status, 400, "{body}");
    let (status, _, body) = raw(&server, "POST", "/_mock/fixture", &[], "{\"ous\": [{\"nme\": \"x\"}]}").await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(mock.snapshot(), snapshot);
    let (status, _, body) = raw(&server, "DELETE", "/_mock/snapshot", &[], "").await;
    assert_eq!(status, 405);
    assert!(body["message"].as_str().unwrap().contains("GET /_mock/snapshot"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_clients_share_one_consistent_world() {
    let mock = MockOrganizations::new();
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let client = sdk_client(&server, "111111111111");
    client.create_organization().send().await.unwrap();
    let root = root_id(&client).await;

    let tasks: Vec<_> = (0..8)
        .map(|t| {
            let client = sdk_client(&server, "111111111111");
            let root = root.clone();
            tokio::spawn(async move {
                for i in 0..10 {
                    client
                        .create_organizational_unit()
                        .parent_id(&root)
                        .name(format!("ou-{t}-{i}"))
                        .send()
                        .await
                        .unwrap();
                    client
                        .create_account()
                        .email(format!("a{t}-{i}@example.com"))
                        .account_name(format!("a{t}-{i}"))
                        .send()
                        .await
                        .unwrap();
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }

    let ous = client
        .list_organizational_units_for_parent()
        .parent_id(&root)
        .into_paginator()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    assert_eq!(ous.iter().map(|p| p.organizational_units().len()).sum::<usize>(), 80);
    let accounts = client
        .list_accounts()
        .into_paginator()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    assert_eq!(accounts.iter().map(|p| p.accounts().len()).sum::<usize>(), 81);
    assert_eq!(mock.calls_to(Client::create_account).len(), 80);
}

/// True once the server has closed `stream` (end of file or a reset): the
/// connection was made while the server listened, so this checks the server
/// without connecting to a port that was freed and could be anyone's by now.
async fn closed_by_the_server(mut stream: tokio::net::TcpStream) -> bool {
    use tokio::io::AsyncReadExt;
    let mut byte = [0u8; 1];
    // The timeout only keeps a broken server from hanging the test.
    matches!(
        tokio::time::timeout(Duration::from_secs(30), stream.read(&mut byte)).await,
        Ok(Ok(0) | Err(_))
    )
}

#[tokio::test]
async fn the_server_stops_on_shutdown_and_on_drop() {
    let mock = MockOrganizations::new();
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let addr = server.local_addr();
    let open = tokio::net::TcpStream::connect(addr).await.unwrap();
    server.shutdown().await;
    // Shutdown returns once the server has stopped: the port is closed at
    // once, with no wait (this test runs on one thread, so a server that
    // were still stopping could not have closed it yet).
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "shutdown returned before the server stopped listening"
    );
    assert!(closed_by_the_server(open).await, "still serving after shutdown");

    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let open = tokio::net::TcpStream::connect(server.local_addr()).await.unwrap();
    drop(server);
    assert!(
        closed_by_the_server(open).await,
        "still serving after the handle was dropped"
    );
}

/// STS beside Organizations over the socket (issue 16): aws-config's
/// AssumeRoleProvider and the real STS client against the server's endpoint.
#[tokio::test]
async fn serve_answers_sts_for_the_sdk() {
    let mock = MockOrganizations::new();
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let org = sdk_client(&server, "111111111111");
    org.create_organization().send().await.unwrap();
    let account = new_account(&org, "vended").await;
    let base = mock
        .sdk_config()
        .into_builder()
        .endpoint_url(server.endpoint_url())
        .http_client(SharedHttpClient::new(RealHttp::new()))
        // Real sleeps: the mock's complete at once, so the SDK's timeouts
        // would fire before a response comes back over the socket.
        .sleep_impl(aws_smithy_async::rt::sleep::SharedAsyncSleep::new(
            aws_smithy_async::rt::sleep::TokioSleep::new(),
        ))
        .timeout_config(bounded())
        .build();
    let role = format!("arn:aws:iam::{account}:role/OrganizationAccountAccessRole");
    let config = as_assumed_role(
        base,
        &role,
        "socket",
        &format!("{account}:assumed-role/OrganizationAccountAccessRole/socket"),
    )
    .await;
    let described = Client::new(&config).describe_organization().send().await.unwrap();
    assert_eq!(
        described.organization().unwrap().master_account_id(),
        Some("111111111111")
    );
    let callers: Vec<(String, String)> = mock
        .calls()
        .iter()
        .map(|c| (c.operation().to_string(), c.caller().to_string()))
        .filter(|(op, _)| op == "GetCallerIdentity" || op == "DescribeOrganization")
        .collect();
    assert_eq!(
        callers,
        [
            ("GetCallerIdentity".to_string(), account.clone()),
            ("DescribeOrganization".to_string(), account.clone()),
        ]
    );
    let assumed = mock.sts_calls(StsAction::AssumeRole);
    assert!(!assumed.is_empty());
    assert!(assumed.iter().all(|c| c.succeeded() && c.caller() == "111111111111"));
    server.shutdown().await;
}

/// FIDELITY.md, "Partition of ARNs": the server reads the region of the SigV4
/// credential scope, so a client signing for a China region sees `aws-cn` ARNs.
#[tokio::test]
async fn the_server_answers_in_the_partition_of_the_signed_region() {
    let mock = MockOrganizations::new();
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let china = Client::from_conf(
        sdk_client(&server, "111111111111")
            .config()
            .to_builder()
            .region(Region::from_static("cn-north-1"))
            .build(),
    );
    let created = china.create_organization().send().await.unwrap();
    let arn = created.organization().unwrap().arn().unwrap().to_string();
    assert!(
        arn.starts_with("arn:aws-cn:organizations::111111111111:organization/o-"),
        "{arn}"
    );
    let roots = sdk_client(&server, "111111111111").list_roots().send().await.unwrap();
    let root_arn = roots.roots()[0].arn().unwrap();
    assert!(
        root_arn.starts_with("arn:aws:organizations::111111111111:root/o-"),
        "{root_arn}"
    );
    server.shutdown().await;
}

/// Loads, over HTTP, an organization whose root carries a deny-leaving SCP
/// ("stay", statement `DenyLeave`) with member 222222222222; the fixture's ids.
async fn deny_leaving_organization(server: &ServerHandle) -> serde_json::Value {
    let fixture = r#"{"policy_types": ["SERVICE_CONTROL_POLICY"],
        "policies": [{"name": "stay", "type": "SERVICE_CONTROL_POLICY",
            "content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyLeave\",\"Effect\":\"Deny\",\"Action\":\"organizations:LeaveOrganization\",\"Resource\":\"*\"}]}"}],
        "attach": ["stay"],
        "accounts": [{"name": "dev", "id": "222222222222"}]}"#;
    let (status, _, ids) = raw(server, "POST", "/_mock/fixture", &[], fixture).await;
    assert_eq!(status, 200, "{ids}");
    ids
}

/// `POST /_mock/guardrails` answers what `MockOrganizations::guardrails`
/// answers, and refuses a body that is not a query.
#[tokio::test]
async fn the_guardrails_answer_over_http() {
    let mock = MockOrganizations::new();
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let ids = deny_leaving_organization(&server).await;
    let ask = |body: serde_json::Value| {
        let server = &server;
        async move { raw(server, "POST", "/_mock/guardrails", &[], &body.to_string()).await }
    };
    let (status, _, body) = ask(serde_json::json!({
        "principal_account": "222222222222", "action": "organizations:LeaveOrganization",
        "region": "eu-west-1", "context": {"aws:TagKeys": ["a", "b"]}
    }))
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        serde_json::json!({
            "decision": "ExplicitDeny", "kind": "SERVICE_CONTROL_POLICY", "policy_id": ids["policies"]["stay"],
            "policy_name": "stay", "target_id": ids["root"], "sid": "DenyLeave"
        })
    );
    let (_, _, body) =
        ask(serde_json::json!({"principal_account": "222222222222", "action": "s3:GetObject", "role": "App"})).await;
    assert_eq!(body, serde_json::json!({"decision": "Allowed"}));
    let (status, _, body) = ask(serde_json::json!({
        "principal_account": "222222222222", "action": "s3:GetObject",
        "resource": "arn:aws:s3:::b/k", "resource_account": "222222222222"
    }))
    .await;
    assert_eq!((status, body), (200, serde_json::json!({"decision": "Allowed"})));
    for (bad, says) in [
        (
            serde_json::json!({"action": "s3:GetObject"}),
            "'principal_account' (12 digits) is required",
        ),
        (
            serde_json::json!({"principal_account": "2222", "action": "s3:GetObject"}),
            "is not an AWS account id",
        ),
        (
            serde_json::json!({"principal_account": "222222222222", "action": "GetObject"}),
            "is not an IAM action",
        ),
        (
            serde_json::json!({"principal_account": "222222222222", "action": "s3:"}),
            "'s3:' is not an IAM action",
        ),
        (
            serde_json::json!({"principal_account": "222222222222", "action": ":GetObject"}),
            "':GetObject' is not an IAM action",
        ),
        (
            serde_json::json!({"principal_account": "222222222222", "action": "s3:GetObject", "resource_account": "role/x"}),
            "'role/x' is not an AWS account id",
        ),
        (
            serde_json::json!({"principal_account": "222222222222", "action": "s3:GetObject", "acount": 1}),
            "unknown field 'acount'",
        ),
        (
            serde_json::json!({"principal_account": "222222222222", "action": "s3:GetObject", "context": {"k": 1}}),
            "takes a string or a list",
        ),
        (
            serde_json::json!({"principal_account": "222222222222", "action": "s3:GetObject", "role": "a", "service_linked_role": "b"}),
            "not both",
        ),
        (serde_json::json!([1]), "must be a JSON object"),
    ] {
        let (status, _, body) = ask(bad).await;
        assert_eq!(status, 400, "{body}");
        assert!(body["message"].as_str().unwrap().contains(says), "{body}");
    }
    let (status, _, body) = raw(&server, "GET", "/_mock/guardrails", &[], "").await;
    assert_eq!(status, 405);
    assert!(
        body["message"].as_str().unwrap().contains("POST /_mock/guardrails"),
        "{body}"
    );
}

/// Guardrails guard in server mode too: a member's SDK client calling over a
/// real socket is denied by a deny-leaving SCP with AWS's message, the denied
/// call changes nothing, and `POST /_mock/guardrails` gives the same answer.
#[tokio::test]
async fn guardrails_deny_a_members_call_over_http() {
    let mock = MockOrganizations::new();
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    deny_leaving_organization(&server).await;
    let before = mock.snapshot();

    let member = sdk_client(&server, "222222222222");
    let err = member
        .leave_organization()
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_access_denied_exception(), "{err:?}");
    // AWS names the denying policy to a caller of its organization.
    let listed = sdk_client(&server, "111111111111")
        .list_policies()
        .filter(aws_organizations_mock::aws_sdk_organizations::types::PolicyType::ServiceControlPolicy)
        .send()
        .await
        .unwrap();
    let stay = listed.policies().iter().find(|p| p.name() == Some("stay"));
    let policy_arn = stay.and_then(|p| p.arn()).unwrap();
    assert_eq!(
        err.meta().message(),
        Some(format!("User: arn:aws:iam::222222222222:root is not authorized to perform: organizations:LeaveOrganization with an explicit deny in a service control policy: {policy_arn}").as_str())
    );
    assert_eq!(mock.snapshot(), before, "a denied call changes nothing");
    // The member's other calls, and the management account's, go through.
    member.describe_organization().send().await.unwrap();
    let accounts = sdk_client(&server, "111111111111")
        .list_accounts()
        .send()
        .await
        .unwrap();
    assert!(accounts.accounts().iter().any(|a| a.id() == Some("222222222222")));

    let query = serde_json::json!({"principal_account": "222222222222", "action": "organizations:LeaveOrganization"});
    let (status, _, body) = raw(&server, "POST", "/_mock/guardrails", &[], &query.to_string()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["decision"], "ExplicitDeny", "{body}");
    server.shutdown().await;
}

/// `shutdown` returns once the requests in flight are answered: while a call
/// is held inside the server, `shutdown` is still pending, and once it
/// returns the call was answered and recorded. No timing is involved: the
/// call is held at a gate that the test opens only after it has seen
/// `shutdown` pending.
#[tokio::test(flavor = "multi_thread", worker_threads = 3)]
async fn shutdown_waits_for_a_request_in_flight() {
    let mock = MockOrganizations::new();
    let arrived = std::sync::Arc::new(tokio::sync::Notify::new());
    let signal = arrived.clone();
    let (open, gate) = std::sync::mpsc::channel::<()>();
    let gate = std::sync::Mutex::new(gate);
    mock.on(Client::list_roots)
        .when(move |_| {
            signal.notify_one();
            // Held here, inside the server, until the test opens the gate;
            // bounded, so a rule that reaches the wrong call (the test's
            // CreateOrganization) cannot hold a worker forever.
            let _ = gate.lock().unwrap().recv_timeout(Duration::from_secs(20));
            true
        })
        .delay(Duration::from_millis(1))
        .times(1);
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let client = sdk_client(&server, "111111111111");
    client.create_organization().send().await.unwrap();
    let call = tokio::spawn(async move { client.list_roots().send().await });
    // The server holds the call; bounded, so a rule that never reaches its
    // `when` fails the test instead of hanging it.
    tokio::time::timeout(Duration::from_secs(20), arrived.notified())
        .await
        .expect("the call reached the rule");
    let mut stopping = Box::pin(server.shutdown());
    let first =
        std::future::poll_fn(|cx| std::task::Poll::Ready(std::future::Future::poll(stopping.as_mut(), cx))).await;
    assert!(first.is_pending(), "shutdown returned while a request was in flight");
    open.send(()).unwrap();
    stopping.await;
    assert_eq!(
        mock.calls_to(Client::list_roots).len(),
        1,
        "shutdown returned before the call was answered"
    );
    call.await.unwrap().unwrap();
    mock.verify();
}
