//! Robustness: fuzzed transport input, random operation sequences,
//! concurrency, and impossible worlds refused.

mod concurrency;
mod fuzz_transport;
mod impossible_worlds;
mod random_sequences;
