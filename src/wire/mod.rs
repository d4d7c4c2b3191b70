//! The wire vocabulary the layers above share: the awsJson1.1 codec
//! ([`codec`]) and STS's awsQuery framing ([`query`]), AWS's wire errors
//! ([`error`]), validation of an input against the vendored service model
//! ([`validation`]), input decoding ([`value_input`], [`modeled`]), the SigV4
//! `Authorization` header ([`signing`]), ARN partitions ([`partition`]) and
//! the nearest-name suggestions of error messages ([`suggest`]).
//!
//! It knows the world's errors (to spell them on the wire) and nothing above.

pub(crate) mod codec;
pub(crate) mod error;
pub(crate) mod modeled;
pub(crate) mod partition;
pub(crate) mod query;
pub(crate) mod signing;
pub(crate) mod suggest;
pub(crate) mod validation;
pub(crate) mod value_input;
