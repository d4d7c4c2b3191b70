//! The examples of the AWS service model vendored in `model/`
//! (examples-1.json) replay against the mock with the same structure.

use serde_json::json;

use crate::support;
use support::fidelity::*;

// ---------------------------------------------------------------------------
// (3) The model's examples replay with the same structure.

#[test]
fn structure_comparison_finds_what_is_missing() {
    let example = structure(&json!({"A": {"B": 1, "C": [{"D": 1}, {"E": 2}]}, "F": []}));
    let same = structure(&json!({"A": {"B": 2, "C": [{"D": 3, "E": 4, "X": 0}]}, "F": [], "G": 1}));
    let mut out = Vec::new();
    missing_structure(&example, &same, "Op", &mut out);
    assert!(out.is_empty(), "{out:?}");
    let short = structure(&json!({"A": {"B": "x", "C": [{"D": 1}]}}));
    missing_structure(&example, &short, "Op", &mut out);
    assert_eq!(out, ["Op.A.C[].E is missing", "Op.F is missing"]);
    out.clear();
    missing_structure(
        &example,
        &structure(&json!({"A": {"B": 1, "C": []}, "F": []})),
        "Op",
        &mut out,
    );
    assert_eq!(out, ["Op.A.C is empty where the example has elements"]);
}

#[tokio::test]
async fn the_model_examples_replay_with_the_same_structure() {
    let examples = support::model::examples();
    let replay = replay_examples(&examples).await;
    println!("examples compared ({}):", replay.compared.len());
    for id in &replay.compared {
        println!("  ok      {id}");
    }
    // Every example replays: one that can't be replayed fails, never passes unseen.
    assert!(
        replay.skipped.is_empty(),
        "examples not replayed:\n{}",
        replay.skipped.join("\n")
    );
    assert!(
        replay.failures.is_empty(),
        "examples whose replay differs:\n{}",
        replay.failures.join("\n")
    );
    assert!(!replay.compared.is_empty(), "no example was compared");
}
