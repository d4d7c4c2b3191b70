//! Every integration test, as one binary: one link of the crate and its
//! dependencies instead of one per file (issue 15). Run one file's tests
//! with `cargo test --all-features --test it <module>::`.

#[macro_use]
mod support;

mod accounts;
mod authorization;
mod coverage;
mod create_account_timing;
mod effective_policies;
mod evidence;
mod example_replay;
mod expect_outcomes;
mod fidelity;
mod foundation;
mod fuzz_transport;
mod guardrails;
mod handshakes;
mod harness_faults;
mod harness_typed;
mod harness_worlds;
mod impossible_worlds;
mod ledger_links;
mod limit_reasons;
mod multi_account;
mod ous;
mod pagination;
mod policies;
mod policy_limits;
mod random_sequences;
mod reasons;
mod responsibility_transfers;
mod robustness;
mod server;
mod server_abuse;
mod server_rules;
mod setting_names;
mod silent_greens;
mod snapshot_format;
mod sts;
mod tags;
mod transfers;
mod validation;
