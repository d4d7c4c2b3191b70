//! The harness: fault rules, typed rules, worlds and fixtures, expectations,
//! silent greens, the snapshot format and the names of settings.

mod expect_outcomes;
mod faults;
mod setting_names;
mod silent_greens;
mod snapshot_format;
mod typed;
mod worlds;
