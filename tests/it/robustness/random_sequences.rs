//! Model-based property tests: random sequences of operations (valid and
//! invalid) from several callers (the management account, members, an
//! outsider, a second organization's management account) through the mock's
//! HTTP client; after every step the world satisfies its invariants
//! (`MockOrganizations::check_invariants`), handshakes moved only along
//! documented transitions, a failed call changed nothing, and a snapshot
//! loads back to the same snapshot. The operations:
//! tests/it/support/operations.rs.
//!
//! Sequences per CI run: `SEQUENCES_DEFAULT` (override with `PROPTEST_CASES`).
//! Each run prints its seed; `PROPTEST_SEED=<seed>` replays it (DESIGN.md,
//! "Guarantees").

use crate::support;

use std::time::Duration;

use crate::support::operations::*;
use aws_organizations_mock::MockOrganizations;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError};
use serde_json::Value;

const SEQUENCES_DEFAULT: u32 = 96;
const MAX_STEPS: usize = 60;

// ---------------------------------------------------------------------------
// Checks between two steps.

/// AWS's documented lifecycle: REQUESTED may become OPEN (every recipient
/// responded), an active handshake may end (ACCEPTED, DECLINED, CANCELED,
/// EXPIRED), and an ended one never changes again.
fn transition_allowed(from: &str, to: &str) -> bool {
    from == to
        || matches!(
            (from, to),
            ("REQUESTED", "OPEN") | ("REQUESTED" | "OPEN", "ACCEPTED" | "DECLINED" | "CANCELED" | "EXPIRED")
        )
}

fn check_step(before: &Value, after: &Value, what: &str) -> Result<(), String> {
    let (old, new) = (handshake_states(before), handshake_states(after));
    for (id, from) in &old {
        match new.get(id) {
            None => return Err(format!("{what}: handshake {id} vanished")),
            Some(to) if !transition_allowed(from, to) => {
                return Err(format!("{what}: handshake {id} went from {from} to {to}"))
            }
            _ => {}
        }
    }
    for (id, state) in new.iter().filter(|(id, _)| !old.contains_key(*id)) {
        if state != "REQUESTED" && state != "OPEN" {
            return Err(format!("{what}: handshake {id} was born {state}"));
        }
    }
    let reloaded = MockOrganizations::from_snapshot(after.clone()).map_err(|e| format!("{what}: reload: {e}"))?;
    if &reloaded.snapshot() != after {
        return Err(format!("{what}: the snapshot does not load back to itself"));
    }
    Ok(())
}

/// Calls made and calls that succeeded, over every sequence of a run.
#[derive(Default)]
struct Tally {
    calls: std::cell::Cell<u32>,
    succeeded: std::cell::Cell<u32>,
    /// The operations that succeeded at least once.
    operations: std::cell::RefCell<std::collections::BTreeSet<&'static str>>,
}

async fn run_sequence(steps: &[Step], tally: &Tally) -> Result<(), TestCaseError> {
    let (mock, raw) = start().await;
    mock.check_invariants()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut before = mock.snapshot();
    for (n, step) in steps.iter().enumerate() {
        let what = format!("step {n} {step:?}");
        let failed = match step {
            Step::Advance { hours } => {
                mock.advance(Duration::from_secs(u64::from(*hours) * 3600));
                false
            }
            Step::Call { caller, op } => {
                let e = entities(&before);
                let (operation, body) = request(op, &e, &before);
                let r = raw.call(CALLERS[*caller], operation, &body).await;
                prop_assert!(
                    r.status != 500,
                    "{}: {} answered 500: {}",
                    what,
                    operation,
                    String::from_utf8_lossy(&r.body)
                );
                let failed = !(200..300).contains(&r.status);
                tally.calls.set(tally.calls.get() + 1);
                tally.succeeded.set(tally.succeeded.get() + u32::from(!failed));
                if !failed {
                    tally.operations.borrow_mut().insert(operation);
                }
                failed
            }
        };
        mock.check_invariants()
            .map_err(|e| TestCaseError::fail(format!("{what}: {e}")))?;
        let after = mock.snapshot();
        if failed && after != before {
            return Err(TestCaseError::fail(format!(
                "{what} failed and changed the world:\n{}",
                diff(&before, &after)
            )));
        }
        check_step(&before, &after, &what).map_err(TestCaseError::fail)?;
        before = after;
    }
    Ok(())
}

/// The paths where two JSON values differ (for failure messages).
fn diff(a: &Value, b: &Value) -> String {
    fn walk(a: &Value, b: &Value, path: String, out: &mut Vec<String>) {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                    walk(
                        x.get(k).unwrap_or(&Value::Null),
                        y.get(k).unwrap_or(&Value::Null),
                        format!("{path}/{k}"),
                        out,
                    );
                }
            }
            _ if a != b => out.push(format!("{path}: {a} -> {b}")),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(a, b, String::new(), &mut out);
    out.truncate(20);
    out.join("\n")
}

#[test]
fn random_operation_sequences_keep_every_invariant() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SEQUENCES_DEFAULT);
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let seed = support::seeded::seed();
    let replay = support::seeded::replay(seed, "robustness::random_sequences::random_operation_sequences");
    let mut runner = support::seeded::runner(
        Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        },
        seed,
    );
    let tally = Tally::default();
    let started = std::time::Instant::now();
    let result = runner.run(&proptest::collection::vec(arb_step(), 1..MAX_STEPS), |steps| {
        runtime.block_on(run_sequence(&steps, &tally))
    });
    let (calls, succeeded) = (tally.calls.get(), tally.succeeded.get());
    let operations = tally.operations.borrow().len();
    println!(
        "{cases} sequences, {calls} calls, {succeeded} succeeded ({operations} operations), in {:.1?} (seed {seed})",
        started.elapsed()
    );
    if let Err(e) = result {
        panic!("{e}\n{replay}");
    }
    // A mock that refused everything would keep every invariant: require that
    // a real share of the generated calls did something.
    assert!(
        calls > 0 && succeeded * 100 >= calls * MIN_SUCCESS_PERCENT,
        "only {succeeded} of {calls} calls succeeded (at least {MIN_SUCCESS_PERCENT}% expected)\n{replay}"
    );
    assert!(
        cases < SEQUENCES_DEFAULT || operations >= MIN_SUCCEEDING_OPERATIONS,
        "only {operations} operations ever succeeded: {:?}\n{replay}",
        tally.operations.borrow()
    );
}

/// The share of generated calls that must succeed, in percent. Our choice, set
/// below what the generator reaches: about 13% of calls succeed (most
/// generated calls are meant to be refused), measured over several seeds with
/// 96 sequences; see the run's printed tally.
const MIN_SUCCESS_PERCENT: u32 = 8;
/// How many distinct operations must succeed at least once in a full run (our
/// choice; 21 to 23 of the generator's operations succeed in measured runs).
const MIN_SUCCEEDING_OPERATIONS: usize = 15;

#[test]
fn the_same_seed_gives_the_same_values() {
    use proptest::strategy::ValueTree;
    let values = |seed| {
        let mut r = support::seeded::runner(Config::default(), seed);
        (0..8)
            .map(|_| (0u64..u64::MAX).new_tree(&mut r).unwrap().current())
            .collect::<Vec<_>>()
    };
    assert_eq!(values(7), values(7));
    assert_ne!(values(7), values(8));
}
