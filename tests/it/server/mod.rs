//! Server mode (127.0.0.1): the SDK and raw HTTP over a real socket, and abuse.

mod abuse;
mod guardrails;
pub(crate) mod http;
mod rules;
