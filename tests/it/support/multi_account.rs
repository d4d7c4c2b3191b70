//! Helpers of the multi-account tests (`multi_account`, `handshakes`,
//! `transfers`, all in `operations`).

use std::time::Duration;

use crate::support;

pub(crate) const DAY: Duration = Duration::from_secs(24 * 3600);

/// What the SDK decoded: the typed exception and, when it has one, its
/// `Reason`, as `Code/REASON` (see `support::decoded`).
pub(crate) fn code<T, E: Into<aws_sdk_organizations::Error>>(r: Result<T, E>) -> String {
    match r {
        Ok(_) => panic!("the call succeeded"),
        Err(e) => support::decoded::decoded(e),
    }
}
