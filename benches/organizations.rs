//! The mock against the SDK's own floor, and at scale. See `benches/README.md`.
//!
//! `cargo bench` runs divan's benchmarks, then prints a summary: the mock/floor
//! and 10,000/100 ratios (measured interleaved, so that load on a shared
//! machine hits both sides alike), the time to build and list an organization
//! of `ORG_MOCK_BENCH_ACCOUNTS` accounts (default 10,000) across 100 OUs,
//! start-up cost and bytes per account.
//!
//! The floor is the same `aws_sdk_organizations::Client` configuration as
//! `MockOrganizations::client()` (region, credentials, retry, stalled-stream
//! protection off, a sleep that never waits) whose `HttpClient` returns a
//! canned body: the mock's own response to the same request, byte for byte,
//! so the SDK deserializes exactly the same document on both sides.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use aws_organizations_mock::aws_sdk_organizations as orgs;
use aws_organizations_mock::{mock_client, MockOrganizations};
use divan::Bencher;
use orgs::types::{EffectivePolicyType, PolicyType};
use orgs::Client;

mod support;
use support::*;

/// DescribeOrganization, on the floor and on the mock.
#[divan::bench(args = [Side::Floor, Side::Mock, Side::MockSdkSigner], sample_count = 300)]
fn describe_organization(bencher: Bencher, side: Side) {
    let client = DESCRIBE_ORGANIZATION.client(side);
    bencher.bench_local(|| block(client.describe_organization().send()).unwrap());
}

/// CreateAccount with a fresh email, on the floor and on the mock.
#[divan::bench(args = [Side::Floor, Side::Mock, Side::MockSdkSigner], sample_count = 300)]
fn create_account_call(bencher: Bencher, side: Side) {
    let client = CREATE_ACCOUNT.client(side);
    bencher
        .with_inputs(fresh_email)
        .bench_local_values(|email| block(create_account(client, email)).unwrap());
}

/// The first ListAccounts page of 20, on the floor and on the mock.
#[divan::bench(args = [Side::Floor, Side::Mock, Side::MockSdkSigner], sample_count = 300)]
fn list_accounts_page(bencher: Bencher, side: Side) {
    let client = LIST_ACCOUNTS.client(side);
    bencher.bench_local(|| block(client.list_accounts().send()).unwrap());
}

// ---- start-up ----

/// A fresh mock and its client, as every test makes them.
#[divan::bench(sample_count = 300)]
fn startup_mock_client() -> (Client, MockOrganizations) {
    mock_client()
}

/// A bare SDK client with the same configuration (the floor's).
#[divan::bench(sample_count = 300)]
fn startup_bare_sdk_client() -> Client {
    floor_client(b"{}")
}

// ---- scale ----

/// OUs under the root that the accounts are spread across.
const OUS: usize = 100;
/// The depth of the chain of OUs under the first OU, for DescribeEffectivePolicy.
const MAX_DEPTH: usize = 5;

/// The large organization's size: `ORG_MOCK_BENCH_ACCOUNTS`, default 10,000.
fn large() -> usize {
    std::env::var("ORG_MOCK_BENCH_ACCOUNTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

/// An organization of `accounts` accounts across 100 OUs, with a chain of
/// OUs five deep, a tag policy on the root and on every OU of the chain, and
/// one account at each depth.
struct Scaled {
    accounts: usize,
    client: Client,
    mock: MockOrganizations,
    /// Accounts spread evenly over the organization, for look-ups.
    sample: Vec<String>,
    /// The account at depth 0 (under the root) to 5.
    by_depth: Vec<String>,
    create: Duration,
    list: Duration,
    moves: Duration,
}

async fn build(accounts: usize) -> Scaled {
    let mock = unlimited();
    let client = mock.client();
    client.create_organization().send().await.unwrap();
    let root = client.list_roots().send().await.unwrap().roots()[0]
        .id()
        .unwrap()
        .to_string();
    // A new root has no policy type enabled (FIDELITY.md): SCPs, for
    // FullAWSAccess everywhere, and tag policies.
    for kind in [PolicyType::ServiceControlPolicy, PolicyType::TagPolicy] {
        client
            .enable_policy_type()
            .root_id(&root)
            .policy_type(kind)
            .send()
            .await
            .unwrap();
    }
    let mut ous = Vec::with_capacity(OUS);
    for i in 0..OUS {
        let ou = client
            .create_organizational_unit()
            .parent_id(&root)
            .name(format!("ou-{i:03}"))
            .send()
            .await
            .unwrap();
        ous.push(ou.organizational_unit().unwrap().id().unwrap().to_string());
    }
    // The chain: root, ous[0], then four more below it.
    let mut chain = vec![root.clone(), ous[0].clone()];
    while chain.len() <= MAX_DEPTH {
        let ou = client
            .create_organizational_unit()
            .parent_id(chain.last().unwrap())
            .name("deeper")
            .send()
            .await
            .unwrap();
        chain.push(ou.organizational_unit().unwrap().id().unwrap().to_string());
    }
    for (depth, target) in chain.iter().enumerate() {
        let content = format!(
            r#"{{"tags":{{"costcenter":{{"tag_key":{{"@@assign":"CostCenter"}},"tag_value":{{"@@append":["L{depth}"]}}}},"level{depth}":{{"tag_key":{{"@@assign":"Level{depth}"}}}}}}}}"#
        );
        let policy = client
            .create_policy()
            .r#type(PolicyType::TagPolicy)
            .name(format!("level-{depth}"))
            .description("bench")
            .content(content)
            .send()
            .await
            .unwrap();
        let id = policy
            .policy()
            .unwrap()
            .policy_summary()
            .unwrap()
            .id()
            .unwrap()
            .to_string();
        client
            .attach_policy()
            .policy_id(id)
            .target_id(target)
            .send()
            .await
            .unwrap();
    }

    let start = Instant::now();
    for _ in 1..accounts {
        create_account(&client, fresh_email()).await.unwrap();
    }
    let create = start.elapsed();

    let start = Instant::now();
    let mut ids = Vec::with_capacity(accounts);
    let mut pages = client.list_accounts().into_paginator().send();
    while let Some(page) = pages.next().await {
        ids.extend(page.unwrap().accounts().iter().map(|a| a.id().unwrap().to_string()));
    }
    let list = start.elapsed();
    assert_eq!(ids.len(), accounts);

    // Members (not the management account) into the OUs, round robin; the
    // first MAX_DEPTH + 1 of them one to each level of the chain.
    let start = Instant::now();
    let mut by_depth = vec![ids[1].clone()];
    for (i, id) in ids.iter().enumerate().skip(2) {
        let destination = match i - 1 {
            d if d <= MAX_DEPTH => {
                by_depth.push(id.clone());
                &chain[d]
            }
            _ => &ous[i % OUS],
        };
        client
            .move_account()
            .account_id(id)
            .source_parent_id(&root)
            .destination_parent_id(destination)
            .send()
            .await
            .unwrap();
    }
    let moves = start.elapsed();
    let step = (accounts / 100).max(1);
    let sample = ids.iter().step_by(step).cloned().collect();
    Scaled {
        accounts,
        client,
        mock,
        sample,
        by_depth,
        create,
        list,
        moves,
    }
}

static SMALL: OnceLock<Scaled> = OnceLock::new();
static LARGE: OnceLock<Scaled> = OnceLock::new();

/// The organization of `size` accounts (100, or the large one).
fn scaled(size: Size) -> &'static Scaled {
    match size {
        Size::Small => SMALL.get_or_init(|| block(build(100))),
        Size::Large => LARGE.get_or_init(|| block(build(large()))),
    }
}

/// The size of an organization under test.
#[derive(Clone, Copy, Debug)]
enum Size {
    /// 100 accounts.
    Small,
    /// `ORG_MOCK_BENCH_ACCOUNTS`, default 10,000.
    Large,
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Size::Small => write!(f, "100 accounts"),
            Size::Large => write!(f, "{} accounts", large()),
        }
    }
}

/// Cycles through the organization's sampled accounts.
fn cycling<'a>(org: &'a Scaled) -> impl FnMut() -> &'a str + 'a {
    let mut i = 0;
    move || {
        i = (i + 1) % org.sample.len();
        &org.sample[i]
    }
}

async fn describe_account(client: &Client, id: &str) {
    client.describe_account().account_id(id).send().await.unwrap();
}

async fn list_parents(client: &Client, id: &str) {
    client.list_parents().child_id(id).send().await.unwrap();
}

async fn list_policies_for_target(client: &Client, id: &str) {
    client
        .list_policies_for_target()
        .target_id(id)
        .filter(PolicyType::ServiceControlPolicy)
        .send()
        .await
        .unwrap();
}

async fn list_targets_of_full_aws_access(client: &Client) {
    let page = client
        .list_targets_for_policy()
        .policy_id("p-FullAWSAccess")
        .send()
        .await
        .unwrap();
    assert_eq!(page.targets().len(), 20);
}

async fn describe_effective_policy(client: &Client, id: &str) {
    client
        .describe_effective_policy()
        .policy_type(EffectivePolicyType::TagPolicy)
        .target_id(id)
        .send()
        .await
        .unwrap();
}

/// One call through a client about an account.
type CallOn = for<'a> fn(&'a Client, &'a str) -> Pin<Box<dyn Future<Output = ()> + 'a>>;

const DESCRIBE_ACCOUNT: CallOn = |c, id| Box::pin(describe_account(c, id));
const LIST_PARENTS: CallOn = |c, id| Box::pin(list_parents(c, id));
const LIST_POLICIES_FOR_TARGET: CallOn = |c, id| Box::pin(list_policies_for_target(c, id));

#[divan::bench_group(sample_count = 300)]
mod at_scale {
    use super::*;

    /// `call` on the sampled accounts of the organization, in turn.
    fn each_account(bencher: Bencher, size: Size, call: CallOn) {
        let org = scaled(size);
        let mut next = cycling(org);
        bencher.bench_local(|| block(call(&org.client, next())));
    }

    #[divan::bench(args = [Size::Small, Size::Large])]
    fn describe_account(bencher: Bencher, size: Size) {
        each_account(bencher, size, DESCRIBE_ACCOUNT);
    }

    #[divan::bench(args = [Size::Small, Size::Large])]
    fn list_parents(bencher: Bencher, size: Size) {
        each_account(bencher, size, LIST_PARENTS);
    }

    #[divan::bench(args = [Size::Small, Size::Large])]
    fn list_policies_for_target(bencher: Bencher, size: Size) {
        each_account(bencher, size, LIST_POLICIES_FOR_TARGET);
    }

    /// The first page of the targets of FullAWSAccess, attached everywhere.
    #[divan::bench(args = [Size::Small, Size::Large])]
    fn list_targets_for_policy(bencher: Bencher, size: Size) {
        let org = scaled(size);
        bencher.bench_local(|| block(super::list_targets_of_full_aws_access(&org.client)));
    }

    /// The effective tag policy of an account at depth 0 (under the root) and 5.
    #[divan::bench(args = [(Size::Small, 0), (Size::Small, 5), (Size::Large, 0), (Size::Large, 5)])]
    fn describe_effective_policy(bencher: Bencher, (size, depth): (Size, usize)) {
        let org = scaled(size);
        let id = &org.by_depth[depth];
        bencher.bench_local(|| block(super::describe_effective_policy(&org.client, id)));
    }
}

// ---- the summary: ratios measured interleaved ----

/// Median time per call of `a` and of `b`, measured in alternating batches so
/// that whatever else the machine does weighs on both alike.
fn interleaved(mut a: impl FnMut(), mut b: impl FnMut()) -> (Duration, Duration) {
    const ROUNDS: usize = 61;
    const BATCH: u32 = 40;
    let batch = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..BATCH {
            f();
        }
        start.elapsed() / BATCH
    };
    batch(&mut a);
    batch(&mut b);
    let (mut ta, mut tb) = (Vec::with_capacity(ROUNDS), Vec::with_capacity(ROUNDS));
    for _ in 0..ROUNDS {
        ta.push(batch(&mut a));
        tb.push(batch(&mut b));
    }
    ta.sort();
    tb.sort();
    (ta[ROUNDS / 2], tb[ROUNDS / 2])
}

fn micros(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn row(what: &str, (a, b): (Duration, Duration), target: &str) {
    let ratio = a.as_secs_f64() / b.as_secs_f64();
    println!("| {what} | {} | {} | {ratio:.2}× | {target} |", micros(a), micros(b));
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    format!("{cores} cores, {cpu}, load average {load}")
}

/// One call through a client.
type Call = for<'a> fn(&'a Client) -> Pin<Box<dyn Future<Output = ()> + 'a>>;
fn summary() {
    println!("\n## Summary ({})\n", machine());
    println!("| comparison | mock (or larger) | floor (or smaller) | ratio | target |");
    println!("| --- | --- | --- | --- | --- |");
    let floor_rows = |what: &str, pair: &Pair, call: Call, target: &str| {
        row(
            &format!("{what}: mock / floor"),
            interleaved(|| block(call(&pair.mock)), || block(call(&pair.floor))),
            target,
        );
        row(
            &format!("{what}: mock with the SDK's SigV4 signer / floor"),
            interleaved(|| block(call(&pair.signed)), || block(call(&pair.floor))),
            target,
        );
    };
    floor_rows(
        "DescribeOrganization",
        &DESCRIBE_ORGANIZATION,
        |c| Box::pin(async { drop(c.describe_organization().send().await.unwrap()) }),
        "≤ 1.2×",
    );
    floor_rows(
        "CreateAccount",
        &CREATE_ACCOUNT,
        |c| Box::pin(async { drop(create_account(c, fresh_email()).await.unwrap()) }),
        "≤ 1.2×",
    );
    floor_rows(
        "ListAccounts page of 20",
        &LIST_ACCOUNTS,
        |c| Box::pin(async { drop(c.list_accounts().send().await.unwrap()) }),
        "≤ 1.3×",
    );

    let (small, big) = (scaled(Size::Small), scaled(Size::Large));
    let n = big.accounts;
    let at_scale = |what: &str, call: CallOn| {
        let (mut next_big, mut next_small) = (cycling(big), cycling(small));
        row(
            &format!("{what}: {n} / 100 accounts"),
            interleaved(
                || block(call(&big.client, next_big())),
                || block(call(&small.client, next_small())),
            ),
            "≤ 1.2×",
        );
    };
    at_scale("DescribeAccount", DESCRIBE_ACCOUNT);
    at_scale("ListParents", LIST_PARENTS);
    at_scale("ListPoliciesForTarget", LIST_POLICIES_FOR_TARGET);
    row(
        &format!("ListTargetsForPolicy (FullAWSAccess, first page): {n} / 100 accounts"),
        interleaved(
            || block(list_targets_of_full_aws_access(&big.client)),
            || block(list_targets_of_full_aws_access(&small.client)),
        ),
        "≤ 1.2×",
    );
    let effective = |org: &'static Scaled, depth: usize| {
        move || block(describe_effective_policy(&org.client, &org.by_depth[depth]))
    };
    row(
        &format!("DescribeEffectivePolicy, depth 5: {n} / 100 accounts"),
        interleaved(effective(big, 5), effective(small, 5)),
        "≈ 1× (size-independent)",
    );
    row(
        &format!("DescribeEffectivePolicy, {n} accounts: depth 5 / depth 0"),
        interleaved(effective(big, 5), effective(big, 0)),
        "grows with depth",
    );
    row(
        "start-up: mock_client() / bare SDK client",
        interleaved(|| drop(mock_client()), || drop(floor_client(b"{}"))),
        "close to 1×",
    );

    println!("\n| at {n} accounts across {OUS} OUs | figure |");
    println!("| --- | --- |");
    let per = |d: Duration, calls: usize| {
        format!(
            "{:.2} s ({} per call)",
            d.as_secs_f64(),
            micros(d / calls.max(1) as u32)
        )
    };
    println!(
        "| create the accounts (CreateAccount × {}) | {} |",
        n - 1,
        per(big.create, n - 1)
    );
    println!(
        "| list them all with the SDK paginator ({} pages of 20) | {} |",
        n.div_ceil(20),
        per(big.list, n.div_ceil(20))
    );
    println!(
        "| move each into its OU (MoveAccount × {}) | {} |",
        n - 2,
        per(big.moves, n - 2)
    );
    // Memory: a second organization of the same size, measured by the bytes
    // this thread holds, then freed while the recorded calls are kept alive.
    let before = live_bytes();
    let org = block(build(n));
    let calls = org.mock.calls();
    let held = live_bytes();
    let pointers = (calls.capacity() * std::mem::size_of_val(&calls[0])) as isize;
    drop(org);
    let log = live_bytes() - before - pointers;
    let world = held - before - log - 2 * pointers;
    println!(
        "| memory: the world, per account (accounts, OUs, requests, attachments, indexes) | {} bytes |",
        world / n as isize
    );
    println!(
        "| memory: the call log, per recorded call ({} calls, {:.1} per account) | {} bytes |",
        calls.len(),
        calls.len() as f64 / n as f64,
        log / calls.len() as isize
    );
    println!(
        "| memory: everything the mock holds, per account | {} bytes |",
        (held - before - pointers) / n as isize
    );
}

fn main() {
    divan::main();
    // `cargo test --benches` runs each benchmark once; the summary is for
    // `cargo bench` (ORG_MOCK_BENCH_SUMMARY=0 leaves it out, for profiling).
    let wanted = std::env::var("ORG_MOCK_BENCH_SUMMARY").map_or(true, |v| v != "0");
    if wanted && std::env::args().any(|a| a == "--bench") {
        summary();
    }
}
