//! Guardrails (issue 23): what SCP enforcement costs a member account's call
//! under 10 SCPs at each of 6 levels (root, four nested OUs, the account),
//! the evaluator alone on the same chain, and beside them the management
//! account's call and a member's call in an organization without SCPs (no
//! SCP in play: the check is two map look-ups).
//! `cargo bench --bench guardrails`.

use aws_organizations_mock::aws_sdk_organizations::types::PolicyType;
use aws_organizations_mock::{AccountFixture, GuardrailQuery, MockOrganizations, OrgFixture, OuFixture, PolicyFixture};
use divan::Bencher;

fn main() {
    divan::main();
}

const MEMBER: &str = "222222222222";
/// Policies per level besides `p-FullAWSAccess` (AWS's quota is 10 in all).
const PER_LEVEL: usize = 9;
/// OUs between the root and the account.
const OU_LEVELS: usize = 4;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().build().unwrap()
}

/// The `i`th policy of level `level`: a deny that doesn't apply to the
/// calls measured (so every statement is evaluated), with a condition.
fn policy(level: usize, i: usize) -> PolicyFixture {
    let content = format!(
        r#"{{"Version":"2012-10-17","Statement":[
          {{"Sid":"DenyOutsideEu{level}x{i}","Effect":"Deny","NotAction":["iam:*","organizations:*","sts:*","support:*"],"Resource":"*",
            "Condition":{{"StringNotEquals":{{"aws:RequestedRegion":["eu-west-1","eu-central-1"]}},
                          "ArnNotLike":{{"aws:PrincipalARN":"arn:aws:iam::*:role/BreakGlass{i}"}}}}}},
          {{"Sid":"ProtectRole{level}x{i}","Effect":"Deny","Action":["iam:DeleteRole","iam:UpdateRole"],
            "Resource":"arn:aws:iam::*:role/Protected{i}"}},
          {{"Sid":"RequireTag{level}x{i}","Effect":"Deny","Action":"secretsmanager:CreateSecret","Resource":"*",
            "Condition":{{"Null":{{"aws:RequestTag/Project{i}":"true"}}}}}}]}}"#
    );
    PolicyFixture::new(&format!("p{level}x{i}"), PolicyType::ServiceControlPolicy, &content)
}

/// An organization whose member sits under four nested OUs, with 10 SCPs at
/// each of the 6 levels.
fn organization() -> MockOrganizations {
    let mock = MockOrganizations::new();
    let mut fixture = OrgFixture::new().enable_policy_type(PolicyType::ServiceControlPolicy);
    for level in 0..=OU_LEVELS + 1 {
        for i in 0..PER_LEVEL {
            fixture = fixture.policy(policy(level, i));
        }
    }
    let mut account = AccountFixture::new("member").id(MEMBER);
    for i in 0..PER_LEVEL {
        account = account.attach(&format!("p{}x{i}", OU_LEVELS + 1));
    }
    let mut ou = OuFixture::new(&format!("L{OU_LEVELS}")).account(account);
    for i in 0..PER_LEVEL {
        ou = ou.attach(&format!("p{OU_LEVELS}x{i}"));
    }
    for level in (1..OU_LEVELS).rev() {
        let mut parent = OuFixture::new(&format!("L{level}")).ou(ou);
        for i in 0..PER_LEVEL {
            parent = parent.attach(&format!("p{level}x{i}"));
        }
        ou = parent;
    }
    fixture = fixture.ou(ou);
    for i in 0..PER_LEVEL {
        fixture = fixture.attach(&format!("p0x{i}"));
    }
    mock.load_fixture(&fixture).unwrap();
    mock
}

/// A member's DescribeOrganization under the 60 SCPs.
#[divan::bench(sample_count = 200)]
fn member_call_under_60_scps(bencher: Bencher) {
    let (rt, mock) = (runtime(), organization());
    let client = mock.client_as(MEMBER);
    bencher.bench_local(|| rt.block_on(client.describe_organization().send()).unwrap());
}

/// The same call by the management account: no SCP applies.
#[divan::bench(sample_count = 200)]
fn management_call(bencher: Bencher) {
    let (rt, mock) = (runtime(), organization());
    let client = mock.client();
    bencher.bench_local(|| rt.block_on(client.describe_organization().send()).unwrap());
}

/// A member's DescribeOrganization in an organization that has not enabled
/// SCPs: no SCP in play.
#[divan::bench(sample_count = 200)]
fn member_call_no_scp_in_play(bencher: Bencher) {
    let rt = runtime();
    let mock = MockOrganizations::new();
    mock.load_fixture(&OrgFixture::new().account(AccountFixture::new("member").id(MEMBER)))
        .unwrap();
    let client = mock.client_as(MEMBER);
    bencher.bench_local(|| rt.block_on(client.describe_organization().send()).unwrap());
}

/// The member's call with enforcement off, for the difference.
#[divan::bench(sample_count = 200)]
fn member_call_enforcement_off(bencher: Bencher) {
    let rt = runtime();
    let mock = MockOrganizations::builder().enforce_guardrails(false).build();
    let snapshot = organization().snapshot();
    let settings = mock.snapshot()["settings"].clone();
    let mut snapshot = snapshot;
    snapshot["settings"] = settings;
    mock.load_snapshot(snapshot).unwrap();
    let client = mock.client_as(MEMBER);
    bencher.bench_local(|| rt.block_on(client.describe_organization().send()).unwrap());
}

/// The evaluator alone on the same chain (no SDK, no HTTP): an action the
/// 60 SCPs allow, and one the first level denies.
#[divan::bench(args = ["s3:GetObject@eu-west-1", "s3:GetObject@us-east-1"], sample_count = 200)]
fn evaluator_alone(bencher: Bencher, ask: &str) {
    let mock = organization();
    let (action, region) = ask.split_once('@').unwrap();
    let query = GuardrailQuery::new(MEMBER, action).region(region);
    let guardrails = mock.guardrails();
    bencher.bench_local(|| guardrails.evaluate(&query));
}
