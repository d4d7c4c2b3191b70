//! The protocol layer's entry points: Organizations' awsJson1.1 ([`json`])
//! and STS's awsQuery ([`query`]). Each decodes a request's input once,
//! runs it against the world, and encodes the output or the error in one
//! place; the framing itself is the wire vocabulary ([`crate::wire`]).

pub(crate) mod json;
pub(crate) mod query;
