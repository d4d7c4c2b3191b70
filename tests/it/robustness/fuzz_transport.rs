//! Transport fuzzing: arbitrary requests straight to the mock's HTTP client.
//!
//! Random and missing targets, random callers, random bytes, truncated and
//! deeply nested JSON, arbitrary JSON, and requests built from the service
//! model's input shapes (with IDs of the world) then mutated: a field
//! dropped, of the wrong type, huge, null, deeply nested, or unknown.
//!
//! Every request must get a well-formed awsJson1.1 answer: a 2xx with a JSON
//! object body, or an error envelope whose `__type` is an error the model
//! lists for that operation (or the protocol's `SerializationException` /
//! `UnknownOperationException`). `ServiceException` never counts: the mock
//! answers it only when a handler panicked. After every request the world
//! satisfies its invariants, and a request that failed left it unchanged.
//!
//! CI runs `FUZZ_CASES_DEFAULT` cases. For a long run:
//! `PROPTEST_CASES=1000000 cargo test --release --test it robustness::fuzz_transport::`.

use crate::support;
use crate::support::raw::{SERIALIZATION, SERVICE_EXCEPTION, UNKNOWN_OPERATION};

use std::collections::BTreeMap;

use crate::support::shapes::*;
use aws_organizations_mock::aws_sdk_organizations::types::PolicyType;
use aws_organizations_mock::aws_sdk_organizations::Client;
use aws_organizations_mock::{AccountFixture, MockOrganizations, OrgFixture, OuFixture, PolicyFixture};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError};
use serde_json::{json, Value};
use support::raw::{authorization, Raw, RawResponse, PREFIX};

/// Cases per CI run (override with `PROPTEST_CASES`).
const FUZZ_CASES_DEFAULT: u32 = 20_000;
/// A fresh world every this many cases: bounds the recordings' memory and the world's growth.
const CASES_PER_WORLD: u32 = 400;

use crate::support::MANAGEMENT;
const MEMBER: &str = "222222222222";
const OUTSIDER: &str = "999999999999";
const OTHER_ORG: &str = "333333333333";

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(FUZZ_CASES_DEFAULT)
}

// ---------------------------------------------------------------------------
// Cases.

#[derive(Clone, Debug)]
enum Target {
    /// A modeled operation, by index.
    Op(usize),
    /// No X-Amz-Target header.
    Missing,
    /// Just the prefix.
    PrefixOnly,
    /// An operation's name under another service's prefix.
    WrongPrefix(usize),
    /// An operation's name in lower case.
    Lowercase(usize),
    /// Anything.
    Random(String),
}

#[derive(Clone, Debug)]
enum Caller {
    /// One of the world's callers (management, member, outsider, another organization's management).
    Known(usize),
    /// No Authorization header.
    None,
    /// A garbage Authorization header.
    Garbage(String),
}

#[derive(Clone, Debug)]
enum Mutation {
    None,
    /// Remove the nth key.
    Drop(usize),
    /// Replace the nth key's value.
    Replace(usize, Value),
    /// Replace the nth key's value with a string this long.
    Huge(usize, usize),
    /// Replace the nth key's value with arrays nested this deep.
    Deep(usize, usize),
    /// Add a key the model does not know.
    Unknown(String, Value),
}

#[derive(Clone, Debug)]
enum Body {
    Empty,
    Bytes(Vec<u8>),
    Json(Value),
    /// `[` or `{"a":` repeated, closed or not.
    Nested {
        depth: usize,
        object: bool,
        closed: bool,
    },
    /// A body from the operation's input shape, mutated.
    Shaped {
        op: usize,
        seed: u64,
        mutation: Mutation,
    },
    /// A shaped body cut short.
    Truncated {
        op: usize,
        seed: u64,
        cut: usize,
    },
}

#[derive(Clone, Debug)]
struct Case {
    target: Target,
    caller: Caller,
    body: Body,
}

fn arb_json(keys: Vec<String>) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "\\PC{0,24}".prop_map(Value::String),
    ];
    let keys = proptest::sample::select(keys);
    leaf.prop_recursive(5, 48, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(prop_oneof![keys.clone(), "\\PC{0,12}"], inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn arb_case(model: &Model) -> impl Strategy<Value = Case> {
    let n = model.operations.len();
    let target = prop_oneof![
        12 => (0..n).prop_map(Target::Op),
        1 => Just(Target::Missing),
        1 => Just(Target::PrefixOnly),
        1 => (0..n).prop_map(Target::WrongPrefix),
        1 => (0..n).prop_map(Target::Lowercase),
        1 => "\\PC{0,40}".prop_map(Target::Random),
    ];
    let caller = prop_oneof![
        12 => (0..4usize).prop_map(Caller::Known),
        1 => Just(Caller::None),
        1 => "\\PC{0,60}".prop_map(Caller::Garbage),
    ];
    let small_value = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        Just(json!([])),
        Just(json!({})),
        Just(json!(["a", 1])),
        Just(json!({"Key": "k", "Value": "v"})),
        "\\PC{0,16}".prop_map(Value::String),
    ];
    let mutation = prop_oneof![
        6 => Just(Mutation::None),
        2 => any::<usize>().prop_map(Mutation::Drop),
        3 => (any::<usize>(), small_value.clone()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        1 => (any::<usize>(), prop_oneof![Just(300usize), Just(2_049), Just(70_000), Just(1_100_000)])
            .prop_map(|(i, len)| Mutation::Huge(i, len)),
        1 => (any::<usize>(), prop_oneof![Just(100usize), Just(127), Just(129), Just(5_000)])
            .prop_map(|(i, d)| Mutation::Deep(i, d)),
        1 => ("\\PC{1,12}", small_value).prop_map(|(k, v)| Mutation::Unknown(k, v)),
    ];
    let body = prop_oneof![
        1 => Just(Body::Empty),
        2 => proptest::collection::vec(any::<u8>(), 0..256).prop_map(Body::Bytes),
        3 => arb_json(model.member_names.clone()).prop_map(Body::Json),
        1 => (prop_oneof![1usize..200, Just(127), Just(128), Just(129), Just(100_000)], any::<bool>(), any::<bool>())
            .prop_map(|(depth, object, closed)| Body::Nested { depth, object, closed }),
        10 => (0..n, any::<u64>(), mutation).prop_map(|(op, seed, mutation)| Body::Shaped { op, seed, mutation }),
        2 => (0..n, any::<u64>(), any::<usize>()).prop_map(|(op, seed, cut)| Body::Truncated { op, seed, cut }),
    ];
    (target, caller, body).prop_map(|(target, caller, body)| Case { target, caller, body })
}

fn nested(depth: usize, object: bool, closed: bool) -> Vec<u8> {
    let (open, close): (&[u8], &[u8]) = if object { (b"{\"a\":", b"}") } else { (b"[", b"]") };
    let mut out = Vec::new();
    if object {
        // The outermost value is an object either way, as awsJson1.1 wants.
    } else {
        out.extend_from_slice(b"{\"a\":");
    }
    for _ in 0..depth {
        out.extend_from_slice(open);
    }
    out.extend_from_slice(b"1");
    if closed {
        for _ in 0..depth {
            out.extend_from_slice(close);
        }
        if !object {
            out.extend_from_slice(b"}");
        }
    }
    out
}

fn mutate(mut body: Value, mutation: &Mutation) -> Vec<u8> {
    let Value::Object(map) = &mut body else {
        return serde_json::to_vec(&body).unwrap();
    };
    let key = |i: &usize| map.keys().nth(i % map.len().max(1)).cloned();
    match mutation {
        Mutation::None => {}
        Mutation::Drop(i) => {
            if let Some(k) = key(i) {
                map.remove(&k);
            }
        }
        Mutation::Replace(i, v) => {
            if let Some(k) = key(i) {
                map.insert(k, v.clone());
            }
        }
        Mutation::Huge(i, len) => {
            if let Some(k) = key(i) {
                map.insert(k, Value::String("x".repeat(*len)));
            }
        }
        Mutation::Deep(i, depth) => {
            if let Some(k) = key(i) {
                // Spliced in as text: serde_json's own serializer would recurse.
                const SENTINEL: &str = "\u{1}deep\u{1}";
                map.insert(k, json!(SENTINEL));
                let text = serde_json::to_string(&body).unwrap();
                let quoted = serde_json::to_string(SENTINEL).unwrap();
                let deep = format!("{}1{}", "[".repeat(*depth), "]".repeat(*depth));
                return text.replacen(&quoted, &deep, 1).into_bytes();
            }
        }
        Mutation::Unknown(k, v) => {
            map.insert(k.clone(), v.clone());
        }
    }
    serde_json::to_vec(&body).unwrap()
}

// ---------------------------------------------------------------------------
// The world the requests land in.

struct World {
    mock: MockOrganizations,
    raw: Raw,
    pool: Vec<String>,
    cases: u32,
}

async fn world() -> World {
    let mock = MockOrganizations::new();
    let ids = mock
        .load_fixture(
            &OrgFixture::new()
                .enable_policy_type(PolicyType::ServiceControlPolicy)
                .enable_policy_type(PolicyType::TagPolicy)
                .policy(PolicyFixture::new(
                    "deny-s3",
                    PolicyType::ServiceControlPolicy,
                    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#,
                ))
                .ou(OuFixture::new("Security").account(AccountFixture::new("audit").id(MEMBER)))
                .ou(OuFixture::new("Workloads")
                    .attach("deny-s3")
                    .ou(OuFixture::new("Prod").account(AccountFixture::new("payments")))),
        )
        .expect("fixture");
    let raw = Raw::new(&mock);
    // A second organization, a handshake and a create-account request, for their IDs.
    // Each setup call must succeed: the fuzzer's ids come from their answers.
    let other = raw.call(OTHER_ORG, "CreateOrganization", &json!({})).await;
    assert_eq!(other.status, 200, "setup CreateOrganization");
    let invite = raw
        .call(
            MANAGEMENT,
            "InviteAccountToOrganization",
            &json!({"Target": {"Id": OUTSIDER, "Type": "ACCOUNT"}}),
        )
        .await;
    let created = raw
        .call(
            MANAGEMENT,
            "CreateAccount",
            &json!({"Email": "fuzz@example.com", "AccountName": "fuzz"}),
        )
        .await;
    assert_eq!(invite.status, 200, "setup InviteAccountToOrganization");
    assert_eq!(created.status, 200, "setup CreateAccount");
    let mut known: Vec<String> = vec![
        ids.organization().into(),
        ids.root().into(),
        ids.policy("deny-s3").into(),
    ];
    known.extend(ids.ous().values().cloned());
    known.extend(ids.accounts().values().cloned());
    known.extend([MANAGEMENT, MEMBER, OUTSIDER, OTHER_ORG].map(str::to_string));
    for r in [invite, created] {
        let v: Value = serde_json::from_slice(&r.body).unwrap_or_default();
        let id = v["Handshake"]["Id"]
            .as_str()
            .or(v["CreateAccountStatus"]["Id"].as_str());
        known.push(id.expect("setup answer carries an id").to_string());
    }
    mock.check_invariants().expect("the fixture world holds");
    World {
        mock,
        raw,
        pool: string_pool(&known),
        cases: 0,
    }
}

fn request(model: &Model, world: &World, case: &Case) -> (Option<String>, Option<String>, Vec<u8>) {
    let ops = &model.operations;
    let target = match &case.target {
        Target::Op(i) => Some(format!("{PREFIX}{}", ops[*i].0)),
        Target::Missing => None,
        Target::PrefixOnly => Some(PREFIX.to_string()),
        Target::WrongPrefix(i) => Some(format!("AmazonSQS.{}", ops[*i].0)),
        Target::Lowercase(i) => Some(format!("{PREFIX}{}", ops[*i].0.to_lowercase())),
        Target::Random(t) => Some(t.clone()),
    };
    let caller = match &case.caller {
        Caller::Known(i) => Some(authorization([MANAGEMENT, MEMBER, OUTSIDER, OTHER_ORG][*i])),
        Caller::None => None,
        Caller::Garbage(g) => Some(g.clone()),
    };
    let shaped_body = |op: usize, seed: u64| -> Value {
        // A valid-looking body for the operation the target names, when it names one.
        let op = match case.target {
            Target::Op(i) => i,
            _ => op,
        };
        match &ops[op].1 {
            Some(input) => shaped(model, input, &world.pool, &mut Rng(seed | 1), 0),
            None => json!({}),
        }
    };
    let body = match &case.body {
        Body::Empty => Vec::new(),
        Body::Bytes(b) => b.clone(),
        Body::Json(v) => serde_json::to_vec(v).unwrap(),
        Body::Nested { depth, object, closed } => nested(*depth, *object, *closed),
        Body::Shaped { op, seed, mutation } => mutate(shaped_body(*op, *seed), mutation),
        Body::Truncated { op, seed, cut } => {
            let mut bytes = serde_json::to_vec(&shaped_body(*op, *seed)).unwrap();
            bytes.truncate(cut % bytes.len().max(1));
            bytes
        }
    };
    (target, caller, body)
}

/// What the answer must look like.
fn check_answer(model: &Model, target: Option<&str>, response: &RawResponse) -> Result<(), String> {
    if response.content_type.as_deref() != Some("application/x-amz-json-1.1") {
        return Err(format!("content-type {:?}", response.content_type));
    }
    let body: Value = serde_json::from_slice(&response.body).map_err(|e| {
        format!(
            "the body is not JSON ({e}): {:?}",
            String::from_utf8_lossy(&response.body)
        )
    })?;
    let Value::Object(body) = body else {
        return Err("the body is not a JSON object".into());
    };
    if (200..300).contains(&response.status) {
        return Ok(());
    }
    let code = body
        .get("__type")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("status {} without __type: {body:?}", response.status))?;
    if !body.get("Message").is_some_and(Value::is_string) {
        return Err(format!("{code} without a Message"));
    }
    if code == SERVICE_EXCEPTION {
        return Err(format!("ServiceException (a handler panicked?): {body:?}"));
    }
    let operation = target.and_then(|t| t.strip_prefix(PREFIX));
    let modeled = operation.and_then(|name| model.operations.iter().find(|(n, ..)| n == name));
    let allowed = match modeled {
        None => code == UNKNOWN_OPERATION,
        Some((_, _, errors)) => code == SERIALIZATION || errors.contains(code),
    };
    let status_ok = match code {
        SERIALIZATION | UNKNOWN_OPERATION => response.status == 400,
        _ => (400..500).contains(&response.status),
    };
    if !allowed || !status_ok {
        return Err(format!(
            "{operation:?} answered {} {code}, which the model does not list for it",
            response.status
        ));
    }
    Ok(())
}

#[test]
fn every_request_gets_a_well_formed_awsjson_answer_and_nothing_panics() {
    let model = model();
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let state = std::cell::RefCell::new(runtime.block_on(world()));
    let config = Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    };
    let seed = support::seeded::seed();
    let replay = support::seeded::replay(seed, "robustness::fuzz_transport::every_request_gets");
    let mut runner = support::seeded::runner(config, seed);
    let started = std::time::Instant::now();
    let succeeded = std::cell::Cell::new(0u32);
    let result = runner.run(&arb_case(&model), |case| {
        let mut state = state.borrow_mut();
        if state.cases >= CASES_PER_WORLD {
            *state = runtime.block_on(world());
        }
        state.cases += 1;
        let (target, caller, body) = request(&model, &state, &case);
        let before = state.mock.snapshot();
        let response = runtime.block_on(state.raw.send(target.as_deref(), caller.as_deref(), body));
        check_answer(&model, target.as_deref(), &response).map_err(TestCaseError::fail)?;
        if (200..300).contains(&response.status) {
            succeeded.set(succeeded.get() + 1);
        }
        state
            .mock
            .check_invariants()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        if !(200..300).contains(&response.status) {
            prop_assert_eq!(&before, &state.mock.snapshot(), "a failed call changed the world");
        }
        Ok(())
    });
    let cases = runner.config().cases;
    println!(
        "{cases} cases in {:.1?}, {} answered 2xx (seed {seed})",
        started.elapsed(),
        succeeded.get()
    );
    if let Err(e) = result {
        panic!("{e}\n{replay}");
    }
    // The generator reaches the operations, not only the parsers: at least 1%
    // of the requests succeed. Judged from 1,000 cases on: the short runs of
    // mutation testing (PROPTEST_CASES=64, MUTANTS.md) are too few to measure
    // a 1% rate.
    assert!(
        cases < 1000 || succeeded.get() * 100 >= cases,
        "only {} of {cases} succeeded\n{replay}",
        succeeded.get()
    );
}

#[test]
fn nesting_deeper_than_any_parser_allows_is_a_serialization_error() {
    let mock = MockOrganizations::new();
    let raw = Raw::new(&mock);
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    for (depth, object) in [(1_000_000, false), (1_000_000, true), (129, false)] {
        for closed in [true, false] {
            let body = nested(depth, object, closed);
            let target = format!("{PREFIX}CreateAccount");
            let r = runtime.block_on(raw.send(Some(&target), Some(&authorization(MANAGEMENT)), body));
            assert_eq!(r.status, 400);
            let v = r.json();
            assert_eq!(v["__type"], SERIALIZATION, "{v}");
        }
    }
    // The recorded request decodes (or fails to) without overflowing the stack either:
    // the SDK's JSON deserializer stops at 128 levels.
    for call in mock.calls_to(Client::create_account) {
        assert!(call.try_input().is_err());
    }
    mock.check_invariants().unwrap();
}

#[test]
fn every_modeled_operation_is_a_target_of_the_fuzzer() {
    let model = model();
    let names: BTreeMap<_, _> = model
        .operations
        .iter()
        .map(|(n, i, _)| (n.clone(), i.clone()))
        .collect();
    assert_eq!(names.len(), aws_organizations_mock::supported_operations().count());
}
