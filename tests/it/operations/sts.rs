//! Cross-account flows: the mock answers STS's AssumeRole and
//! GetCallerIdentity (awsQuery) beside Organizations, through the real
//! `aws-sdk-sts` client and aws-config's `AssumeRoleProvider`.

use crate::support;

use std::time::Duration;

use aws_config::sts::{AssumeRoleProvider, AssumeRoleProviderBuilder};
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::Credentials;
use aws_organizations_mock::{
    AccountFixture, FixtureError, MockError, MockOrganizations, Operation, OrgFixture, StsAction,
};
use aws_sdk_organizations::error::ProvideErrorMetadata;
use aws_sdk_organizations::types::CreateAccountState;
use aws_sdk_sts::error::SdkError;
use aws_sdk_sts::operation::assume_role::{AssumeRoleError, AssumeRoleOutput};
use support::raw::{authorization, Raw, RawResponse};

use crate::support::MANAGEMENT;
const ROLE: &str = "OrganizationAccountAccessRole";

fn role_arn(account: &str, role: &str) -> String {
    format!("arn:aws:iam::{account}:role/{role}")
}

fn sts_as(mock: &MockOrganizations, account: &str) -> aws_sdk_sts::Client {
    aws_sdk_sts::Client::new(&mock.sdk_config_as(account))
}

/// The recorded calls of an STS operation (STS's operations are not methods of
/// the Organizations client, so they are found by name).
/// `AssumeRole` of `role` in `account`, session `session`.
async fn assume(
    sts: &aws_sdk_sts::Client,
    account: &str,
    role: &str,
    session: &str,
) -> Result<AssumeRoleOutput, SdkError<AssumeRoleError>> {
    sts.assume_role()
        .role_arn(role_arn(account, role))
        .role_session_name(session)
        .send()
        .await
}

/// An organization with one account made by CreateAccount (with `role_name`
/// when given); returns the account's id.
async fn vend(mock: &MockOrganizations, role_name: Option<&str>) -> String {
    let org = mock.client();
    org.create_organization().send().await.unwrap();
    let status = org
        .create_account()
        .email("vended@example.com")
        .account_name("Vended")
        .set_role_name(role_name.map(str::to_string))
        .send()
        .await
        .unwrap();
    let id = status.create_account_status().unwrap().id().unwrap().to_string();
    let done = org
        .describe_create_account_status()
        .create_account_request_id(id)
        .send()
        .await
        .unwrap();
    let status = done.create_account_status().unwrap();
    assert_eq!(status.state(), Some(&CreateAccountState::Succeeded));
    status.account_id().unwrap().to_string()
}

/// The mock's config with `role`'s credentials: aws-config's
/// AssumeRoleProvider, itself configured from the mock's config.
async fn assuming(mock: &MockOrganizations, role: AssumeRoleProviderBuilder) -> aws_types::SdkConfig {
    let provider = role.configure(&mock.sdk_config()).build().await;
    mock.sdk_config()
        .into_builder()
        .credentials_provider(SharedCredentialsProvider::new(provider))
        .build()
}

/// A config whose credentials are the ones AssumeRole returned (static: no refresh).
fn config_with(mock: &MockOrganizations, assumed: &AssumeRoleOutput) -> aws_types::SdkConfig {
    let c = assumed.credentials().unwrap();
    let credentials = Credentials::new(
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token().to_string()),
        None,
        "assumed",
    );
    mock.sdk_config()
        .into_builder()
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .build()
}

#[tokio::test]
async fn vended_accounts_are_worked_in_through_assume_role_provider() {
    let mock = MockOrganizations::new();
    let account = vend(&mock, None).await;
    let config = assuming(
        &mock,
        AssumeRoleProvider::builder(role_arn(&account, ROLE)).session_name("vending"),
    )
    .await;

    let identity = aws_sdk_sts::Client::new(&config)
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(identity.account(), Some(account.as_str()));
    assert_eq!(
        identity.arn(),
        Some(format!("arn:aws:sts::{account}:assumed-role/{ROLE}/vending").as_str())
    );
    let user_id = identity.user_id().unwrap();
    assert!(
        user_id.starts_with("AROA") && user_id.ends_with(":vending"),
        "{user_id}"
    );

    // Work as the account: a member sees its organization, but cannot list it.
    let org = aws_sdk_organizations::Client::new(&config);
    let described = org.describe_organization().send().await.unwrap();
    assert_eq!(described.organization().unwrap().master_account_id(), Some(MANAGEMENT));
    let err = org.list_accounts().send().await.unwrap_err();
    assert_eq!(err.code(), Some("AccessDeniedException"));

    // Every call is recorded with its caller, STS's included. Each client
    // has its own identity cache, so each assumed the role once.
    let calls: Vec<(String, String)> = mock
        .calls()
        .iter()
        .skip(3)
        .map(|c| (c.operation().to_string(), c.caller().to_string()))
        .collect();
    let assume = ("AssumeRole".to_string(), MANAGEMENT.to_string());
    assert_eq!(
        calls,
        [
            assume.clone(),
            ("GetCallerIdentity".to_string(), account.clone()),
            assume,
            ("DescribeOrganization".to_string(), account.clone()),
            ("ListAccounts".to_string(), account.clone()),
        ]
    );
    let assume = &mock.sts_calls(StsAction::AssumeRole)[0];
    assert_eq!(assume.request()["RoleArn"], role_arn(&account, ROLE));
    assert!(assume.succeeded() && assume.response().is_none());
    assert!(String::from_utf8_lossy(assume.response_body()).contains("<AssumeRoleResult>"));
}

#[tokio::test]
async fn assume_role_provider_refreshes_on_the_mocks_clock() {
    let mock = MockOrganizations::new();
    let account = vend(&mock, None).await;
    let role = AssumeRoleProvider::builder(role_arn(&account, ROLE))
        .session_name("long-job")
        .session_length(Duration::from_secs(900));
    let config = assuming(&mock, role).await;
    let sts = aws_sdk_sts::Client::new(&config);
    sts.get_caller_identity().send().await.unwrap();
    sts.get_caller_identity().send().await.unwrap();
    assert_eq!(
        mock.sts_calls(StsAction::AssumeRole).len(),
        1,
        "cached until they near expiry"
    );
    mock.advance(Duration::from_secs(3600));
    let identity = sts.get_caller_identity().send().await.unwrap();
    assert_eq!(identity.account(), Some(account.as_str()));
    assert_eq!(
        mock.sts_calls(StsAction::AssumeRole).len(),
        2,
        "refreshed after expiry on the mock's clock"
    );
    assert!(mock
        .sts_calls(StsAction::GetCallerIdentity)
        .iter()
        .all(|c| c.succeeded()));
}

#[tokio::test]
async fn assumed_credentials_are_aws_shaped_and_expire_on_the_mocks_clock() {
    let mock = MockOrganizations::new();
    let account = vend(&mock, None).await;
    let before = mock.now();
    let assumed = sts_as(&mock, MANAGEMENT)
        .assume_role()
        .role_arn(role_arn(&account, ROLE))
        .role_session_name("s1")
        .duration_seconds(900)
        .send()
        .await
        .unwrap();
    let c = assumed.credentials().unwrap();
    assert!(c.access_key_id().starts_with("ASIA") && c.access_key_id().len() == 20);
    assert!(!c.secret_access_key().is_empty() && !c.session_token().is_empty());
    let expiration = std::time::SystemTime::try_from(*c.expiration()).unwrap();
    assert_eq!(expiration, before + Duration::from_secs(900));
    let user = assumed.assumed_role_user().unwrap();
    assert_eq!(user.arn(), format!("arn:aws:sts::{account}:assumed-role/{ROLE}/s1"));
    assert!(user.assumed_role_id().starts_with("AROA") && user.assumed_role_id().ends_with(":s1"));

    let config = config_with(&mock, &assumed);
    let org = aws_sdk_organizations::Client::new(&config);
    org.describe_organization().send().await.unwrap();
    mock.advance(Duration::from_secs(900));
    let err = org.describe_organization().send().await.unwrap_err();
    assert_eq!(err.code(), Some("ExpiredTokenException"), "{err:?}");
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 403);
    let err = aws_sdk_sts::Client::new(&config)
        .get_caller_identity()
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("ExpiredToken"), "{err:?}");
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 403);
}

#[tokio::test]
async fn sdk_config_is_complete_and_on_the_mocks_clock() {
    let mock = MockOrganizations::new();
    let config = mock.sdk_config();
    assert_eq!(config.time_source().unwrap().now(), mock.now());
    mock.advance(Duration::from_secs(60));
    assert_eq!(config.time_source().unwrap().now(), mock.now());
    assert!(config.sleep_impl().is_some());
    assert_eq!(config.region().map(|r| r.as_ref()), Some("us-east-1"));
    assert!(config.credentials_provider().is_some());
}

#[tokio::test]
async fn plain_callers_are_their_accounts_root_user() {
    let mock = MockOrganizations::new();
    for account in [MANAGEMENT, "222222222222"] {
        let identity = sts_as(&mock, account).get_caller_identity().send().await.unwrap();
        assert_eq!(identity.account(), Some(account));
        assert_eq!(identity.arn(), Some(format!("arn:aws:iam::{account}:root").as_str()));
        assert_eq!(identity.user_id(), Some(account));
    }
    assert_eq!(mock.sts_calls(StsAction::GetCallerIdentity)[1].caller(), "222222222222");
    // Signed for a region of another partition: ARNs in that partition.
    let china = mock
        .sdk_config()
        .into_builder()
        .region(aws_types::region::Region::from_static("cn-north-1"))
        .build();
    let identity = aws_sdk_sts::Client::new(&china)
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(identity.arn(), Some("arn:aws-cn:iam::111111111111:root"));
}

#[tokio::test]
async fn create_account_makes_the_role_it_names() {
    let mock = MockOrganizations::new();
    let account = vend(&mock, Some("VendingAdmin")).await;
    let sts = sts_as(&mock, MANAGEMENT);
    assume(&sts, &account, "VendingAdmin", "s1").await.unwrap();
    let err = assume(&sts, &account, ROLE, "s1").await.unwrap_err();
    assert_eq!(err.code(), Some("AccessDenied"));
}

#[tokio::test]
async fn govcloud_and_fixture_accounts_get_the_access_role_too() {
    let mock = MockOrganizations::new();
    let ids = mock
        .load_fixture(
            &OrgFixture::new()
                .account(AccountFixture::new("Fixture"))
                .account(AccountFixture::new("Named").role_name("FixtureAdmin")),
        )
        .unwrap();
    let fixture_account = ids.account("Fixture").to_string();
    mock.pair_govcloud_account(MANAGEMENT);
    let org = mock.client();
    let request = org
        .create_gov_cloud_account()
        .email("gov@example.com")
        .account_name("Gov")
        .role_name("GovAdmin")
        .send()
        .await
        .unwrap()
        .create_account_status()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    let status = org
        .describe_create_account_status()
        .create_account_request_id(request)
        .send()
        .await
        .unwrap();
    let gov_member = status
        .create_account_status()
        .unwrap()
        .account_id()
        .unwrap()
        .to_string();
    let sts = sts_as(&mock, MANAGEMENT);
    let named = ids.account("Named").to_string();
    for (account, role) in [
        (fixture_account.as_str(), ROLE),
        (named.as_str(), "FixtureAdmin"),
        (gov_member.as_str(), "GovAdmin"),
    ] {
        assume(&sts, account, role, "s1")
            .await
            .unwrap_or_else(|e| panic!("{account}/{role}: {e:?}"));
    }
    let err = assume(&sts, &named, ROLE, "s1").await.unwrap_err();
    assert_eq!(err.code(), Some("AccessDenied"));

    // A fixture's role name is checked as CreateAccount's RoleName is.
    let bad = OrgFixture::new().account(AccountFixture::new("Bad").role_name("no spaces allowed"));
    let err = MockOrganizations::new().load_fixture(&bad).unwrap_err();
    let FixtureError::Rejected(err) = err else {
        panic!("not AWS's error: {err}")
    };
    assert_eq!(err.code(), "InvalidInputException", "{err}");
}

#[tokio::test]
async fn invited_accounts_have_no_role_until_one_is_given() {
    let mock = MockOrganizations::new();
    let org = mock.client();
    org.create_organization().send().await.unwrap();
    let invited = "333333333333";
    let handshake = org
        .invite_account_to_organization()
        .target(support::account_party(invited))
        .send()
        .await
        .unwrap();
    mock.client_as(invited)
        .accept_handshake()
        .handshake_id(handshake.handshake().unwrap().id().unwrap())
        .send()
        .await
        .unwrap();
    let sts = sts_as(&mock, MANAGEMENT);
    let err = assume(&sts, invited, ROLE, "s1").await.unwrap_err();
    assert_eq!(err.code(), Some("AccessDenied"));
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 403);
    assert_eq!(
        err.message(),
        Some(
            format!(
                "User: arn:aws:iam::{MANAGEMENT}:root is not authorized to perform: sts:AssumeRole on resource: {}",
                role_arn(invited, ROLE)
            )
            .as_str()
        )
    );
    mock.create_role(invited, ROLE, &[MANAGEMENT]);
    assume(&sts, invited, ROLE, "s1").await.unwrap();

    // The builder gives roles too.
    let mock = MockOrganizations::builder()
        .role(invited, "Audit", &["444444444444"])
        .build();
    assume(&sts_as(&mock, "444444444444"), invited, "Audit", "s1")
        .await
        .unwrap();
}

#[tokio::test]
async fn untrusted_callers_are_denied_and_roles_chain_from_sessions() {
    let mock = MockOrganizations::new();
    let account = vend(&mock, None).await;
    let err = assume(&sts_as(&mock, "999999999999"), &account, ROLE, "s1")
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("AccessDenied"));
    assert!(err
        .message()
        .unwrap()
        .starts_with("User: arn:aws:iam::999999999999:root is not"));

    // A session of the management account may assume a role the account is trusted by.
    mock.create_role(MANAGEMENT, "Hop", &[MANAGEMENT]);
    let hop = assume(&sts_as(&mock, MANAGEMENT), MANAGEMENT, "Hop", "hop")
        .await
        .unwrap();
    let chained = aws_sdk_sts::Client::new(&config_with(&mock, &hop));
    let assumed = assume(&chained, &account, ROLE, "chained").await.unwrap();
    assert_eq!(
        assumed.assumed_role_user().unwrap().arn(),
        format!("arn:aws:sts::{account}:assumed-role/{ROLE}/chained")
    );
}

/// `create_role` panics, as documented, when the role's account is not an
/// account id: a typo fails where it is written, not as a later AccessDenied.
#[test]
#[should_panic(expected = "'2222' is not an AWS account id; pass exactly 12 digits")]
fn a_role_in_a_malformed_account_fails_at_once() {
    MockOrganizations::new().create_role("2222", ROLE, &[MANAGEMENT]);
}

/// The builder's `role` panics the same way for a trusted account that is
/// not an account id.
#[test]
#[should_panic(expected = "'role/x' is not an AWS account id; pass exactly 12 digits")]
fn a_role_trusting_a_malformed_account_fails_at_once() {
    let _ = MockOrganizations::builder().role(MANAGEMENT, ROLE, &[MANAGEMENT, "role/x"]);
}

#[tokio::test]
async fn bad_requests_get_stss_validation_errors() {
    let mock = MockOrganizations::new();
    let account = vend(&mock, None).await;
    let sts = sts_as(&mock, MANAGEMENT);
    let cases: Vec<(String, String, Option<i32>, &str)> = vec![
        (
            role_arn(&account, ROLE),
            "a/b".into(),
            None,
            "1 validation error detected: Value 'a/b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
        ),
        (
            role_arn(&account, ROLE),
            "x".repeat(65),
            None,
            "at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64",
        ),
        (role_arn(&account, ROLE), "s1".into(), Some(899), "Member must have value greater than or equal to 900"),
        (
            role_arn(&account, ROLE),
            "s1".into(),
            Some(7200),
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
        ),
        ("arn:aws:iam::12345:role/Nope".into(), "s1".into(), None, "is not a valid role ARN"),
        ("short".into(), "s".into(), None, "2 validation errors detected"),
    ];
    for (arn, session, duration, expected) in cases {
        let err = sts
            .assume_role()
            .role_arn(&arn)
            .role_session_name(&session)
            .set_duration_seconds(duration)
            .send()
            .await
            .unwrap_err();
        assert_eq!(
            err.code(),
            Some("ValidationError"),
            "{arn} {session} {duration:?}: {err:?}"
        );
        assert_eq!(err.raw_response().unwrap().status().as_u16(), 400);
        let message = err.message().unwrap();
        assert!(message.contains(expected), "{message}");
    }
    assert!(mock
        .sts_calls(StsAction::AssumeRole)
        .iter()
        .all(|c| c.error_code() == Some("ValidationError")));
}

/// STS's length constraints are inclusive, as botocore's
/// `sts/2011-06-15/service-2.json` gives them: `roleSessionNameType` min 2,
/// max 64; `arnType` min 20, max 2,048. A value of exactly the minimum or the
/// maximum passes the length check, one character beyond fails it.
#[tokio::test]
async fn sts_length_limits_are_inclusive_at_both_ends() {
    let mock = MockOrganizations::new();
    let account = vend(&mock, None).await;
    let sts = sts_as(&mock, MANAGEMENT);
    let arn = role_arn(&account, ROLE);
    for session in ["ab".to_string(), "s".repeat(64)] {
        let out = assume(&sts, &account, ROLE, &session).await.unwrap();
        let user = out.assumed_role_user().unwrap();
        assert!(user.arn().ends_with(&format!("/{session}")), "{}", user.arn());
    }
    for (session, expected) in [
        ("a".to_string(), "Member must have length greater than or equal to 2"),
        ("s".repeat(65), "Member must have length less than or equal to 64"),
    ] {
        let err = sts
            .assume_role()
            .role_arn(&arn)
            .role_session_name(&session)
            .send()
            .await
            .unwrap_err();
        let message = err.message().unwrap();
        assert_eq!(err.code(), Some("ValidationError"));
        assert_eq!(
            message,
            format!("1 validation error detected: Value '{session}' at 'roleSessionName' failed to satisfy constraint: {expected}")
        );
    }
    // RoleArn: 20 and 2,048 characters pass the length check (and then fail as
    // ARNs of no role); 19 and 2,049 fail it.
    for (len, length_error) in [
        (19, Some("greater than or equal to 20")),
        (20, None),
        (2048, None),
        (2049, Some("less than or equal to 2048")),
    ] {
        let role_arn = "a".repeat(len);
        let err = sts
            .assume_role()
            .role_arn(&role_arn)
            .role_session_name("s1")
            .send()
            .await
            .unwrap_err();
        assert_eq!(err.code(), Some("ValidationError"), "{len}");
        let message = err.message().unwrap();
        match length_error {
            Some(bound) => assert!(
                message.contains(&format!(
                    "at 'roleArn' failed to satisfy constraint: Member must have length {bound}"
                )),
                "{len}: {message}"
            ),
            None => {
                assert!(!message.contains("Member must have length"), "{len}: {message}");
                assert!(message.contains("is not a valid role ARN"), "{len}: {message}");
            }
        }
    }
}

/// `DurationSeconds` is a `roleDurationSecondsType` (botocore's STS model:
/// 900 to 43,200, both inclusive); within that range, the role's maximum
/// session (one hour, IAM's default, unless the role says more: here a
/// snapshot's `max_session_seconds`) and, for a caller that is itself a role
/// session, role chaining's one hour (AssumeRole's documentation) decide.
#[tokio::test]
async fn duration_bounds_are_inclusive_and_a_chained_session_is_held_to_one_hour() {
    let mock = MockOrganizations::new();
    mock.create_role(MANAGEMENT, "Long", &[MANAGEMENT]);
    mock.create_role(MANAGEMENT, "Hop", &[MANAGEMENT]);
    let root = sts_as(&mock, MANAGEMENT);
    let ask = |sts: &aws_sdk_sts::Client, duration: i32| {
        sts.assume_role()
            .role_arn(role_arn(MANAGEMENT, "Long"))
            .role_session_name("s1")
            .duration_seconds(duration)
            .send()
    };
    let too_long_for_the_role = "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.";
    ask(&root, 900).await.unwrap();
    // 43,200 is within the range: the role's one-hour maximum refuses it.
    let err = ask(&root, 43200).await.unwrap_err();
    assert_eq!(err.message(), Some(too_long_for_the_role));
    let err = ask(&root, 43201).await.unwrap_err();
    assert_eq!(
        err.message(),
        Some("1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200")
    );

    // The role allows twelve hours.
    let mut snapshot = mock.snapshot();
    snapshot["iam"]["roles"][MANAGEMENT]["Long"]["max_session_seconds"] = serde_json::json!(43200);
    mock.load_snapshot(snapshot).unwrap();
    let before = mock.now();
    let assumed = ask(&root, 43200).await.unwrap();
    let expiration = std::time::SystemTime::try_from(*assumed.credentials().unwrap().expiration()).unwrap();
    assert_eq!(expiration, before + Duration::from_secs(43200));

    // A session of Hop (role chaining) gets up to one hour, however long the role allows.
    let hop = assume(&root, MANAGEMENT, "Hop", "hop").await.unwrap();
    let chained = aws_sdk_sts::Client::new(&config_with(&mock, &hop));
    for duration in [900, 3600] {
        ask(&chained, duration)
            .await
            .unwrap_or_else(|e| panic!("{duration}: {e:?}"));
    }
    let err = ask(&chained, 3601).await.unwrap_err();
    assert_eq!(err.code(), Some("ValidationError"));
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 400);
    assert_eq!(
        err.message(),
        Some("The requested DurationSeconds exceeds the one-hour limit of a session assumed with role credentials (role chaining).")
    );
}

/// A hand-made STS request (no target, a form body) signed by `key`.
async fn sts_raw(raw: &Raw, key: &str, form: &str) -> RawResponse {
    raw.send(None, Some(&authorization(key)), form.as_bytes().to_vec())
        .await
}

#[tokio::test]
async fn sts_speaks_awsquery_and_refuses_unknown_actions() {
    let mock = MockOrganizations::new();
    let raw = Raw::new(&mock);
    let ok = sts_raw(&raw, "222222222222", "Action=GetCallerIdentity&Version=2011-06-15").await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.content_type.as_deref(), Some("text/xml"));
    let body = String::from_utf8(ok.body).unwrap();
    assert!(
        body.starts_with(
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
        ),
        "{body}"
    );
    assert!(body.contains("<Arn>arn:aws:iam::222222222222:root</Arn>"), "{body}");
    assert!(body.contains("<ResponseMetadata><RequestId>"), "{body}");

    let unknown = sts_raw(&raw, "222222222222", "Action=GetSessionToken&Version=2011-06-15").await;
    assert_eq!(unknown.status, 400);
    let body = String::from_utf8(unknown.body).unwrap();
    assert!(
        body.starts_with("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>"),
        "{body}"
    );
    assert!(body.contains("</Error><RequestId>"), "{body}");
    assert_eq!(
        // An action the mock does not answer is recorded under the name it was sent as.
        mock.calls()
            .iter()
            .find(|c| c.operation() == Operation::Unknown && c.target() == "GetSessionToken")
            .and_then(|c| c.error_code()),
        Some("InvalidAction")
    );

    // Session keys the world never issued are refused, not taken for the default account.
    let stale = "ASIAAAAAAAAAAAAAAAAA";
    let refused = sts_raw(&raw, stale, "Action=GetCallerIdentity&Version=2011-06-15").await;
    assert_eq!(refused.status, 403);
    assert!(String::from_utf8_lossy(&refused.body).contains("<Code>InvalidClientTokenId</Code>"));
    let refused = raw
        .send(
            Some("AWSOrganizationsV20161128.DescribeOrganization"),
            Some(&authorization(stale)),
            b"{}".to_vec(),
        )
        .await;
    assert_eq!(refused.json()["__type"], "UnrecognizedClientException");
}

#[tokio::test]
async fn fault_rules_apply_to_sts_calls_in_stss_envelope() {
    let mock = MockOrganizations::new();
    let account = vend(&mock, None).await;
    // STS's actions are not methods of the Organizations client: StsAction names them.
    mock.on_sts(StsAction::AssumeRole)
        .fail_with(MockError::access_denied())
        .times(1);
    let expected = mock.expect_sts(StsAction::AssumeRole).times(2);
    let sts = sts_as(&mock, MANAGEMENT);
    let err = assume(&sts, &account, ROLE, "s1").await.unwrap_err();
    assert_eq!(err.code(), Some("AccessDeniedException"), "{err:?}");
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 400);
    let body = String::from_utf8_lossy(err.raw_response().unwrap().body().bytes().unwrap()).to_string();
    assert!(body.starts_with("<ErrorResponse"), "{body}");
    let injected = mock.sts_calls(StsAction::AssumeRole);
    assert_eq!(injected[0].injected(), Some("AccessDeniedException"));
    assume(&sts, &account, ROLE, "s1").await.unwrap();
    assert_eq!(mock.sts_calls(StsAction::AssumeRole).len(), 2);
    assert!(mock.sts_calls(StsAction::GetCallerIdentity).is_empty());
    mock.verify();
    drop(expected);
}

#[tokio::test]
async fn an_sts_expectation_that_is_not_met_fails_verify() {
    let mock = MockOrganizations::new();
    let _never = mock.expect_sts(StsAction::GetCallerIdentity).never();
    let _once = mock.expect_sts(StsAction::AssumeRole).times(1);
    let failure = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| mock.verify()))
        .expect_err("an AssumeRole expected once and never made must fail verify");
    let message = failure.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.contains("AssumeRole"), "{message}");
    mock.reset_expectations();
}

#[tokio::test]
async fn snapshots_keep_roles_and_sessions() {
    let mock = MockOrganizations::new();
    let account = vend(&mock, None).await;
    let assumed = assume(&sts_as(&mock, MANAGEMENT), &account, ROLE, "s1").await.unwrap();
    let copy = MockOrganizations::from_snapshot(mock.snapshot()).unwrap();
    let identity = aws_sdk_sts::Client::new(&config_with(&copy, &assumed))
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(identity.account(), Some(account.as_str()));
    copy.check_invariants().unwrap();
}
