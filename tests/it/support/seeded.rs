//! Property-test runners with a seed: every run prints its seed when it fails,
//! and `PROPTEST_SEED=<seed>` (with the same `PROPTEST_CASES`, if that was set)
//! replays exactly that run.

use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// `PROPTEST_SEED` when set, otherwise a fresh random seed.
pub fn seed() -> u64 {
    match std::env::var("PROPTEST_SEED") {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("PROPTEST_SEED={v} is not a u64")),
        Err(_) => {
            use std::hash::{BuildHasher, Hasher};
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or_default(),
            );
            h.finish()
        }
    }
}

/// A runner whose random choices all follow from `seed`.
pub fn runner(config: Config, seed: u64) -> TestRunner {
    let mut bytes = [0u8; 32];
    for (i, chunk) in bytes.chunks_mut(8).enumerate() {
        let word = seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &bytes))
}

/// The command that replays a run of the test(s) `filter` names in the `it` binary.
pub fn replay(seed: u64, filter: &str) -> String {
    let cases = std::env::var("PROPTEST_CASES")
        .map(|c| format!("PROPTEST_CASES={c} "))
        .unwrap_or_default();
    format!("{cases}PROPTEST_SEED={seed} cargo test --all-features --test it {filter}")
}
