//! Every integration test, as one binary: one link of the crate and its
//! dependencies instead of one per file (issue 15). The tests are grouped in
//! folders by concept, like the code: `operations`, `harness`, `fidelity`,
//! `robustness` and `server` (server mode, the only one that opens sockets).
//! Run one file's tests with `cargo test --all-features --test it
//! <folder>::<module>::`, one folder's with `<folder>::`.

#[macro_use]
mod support;

mod fidelity;
mod harness;
mod operations;
mod robustness;
mod server;
