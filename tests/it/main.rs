//! Every integration test, as one binary: one link of the crate and its
//! dependencies instead of one per file (issue 15). Run one file's tests
//! with `cargo test --all-features --test it <module>::`.

#[macro_use]
mod support;

mod authorization;
mod coverage;
mod evidence;
mod fidelity;
mod foundation;
mod fuzz_transport;
mod harness_faults;
mod harness_typed;
mod harness_worlds;
mod impossible_worlds;
mod multi_account;
mod policies;
mod reasons;
mod robustness;
mod server;
mod server_abuse;
mod snapshot_format;
mod sts;
mod transfers;
mod validation;
