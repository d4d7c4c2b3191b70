//! Time on the mock's clock: the unit every recorded time is in, and its bounds.

/// Milliseconds since the Unix epoch on the mock's clock.
pub(crate) type Timestamp = i64;

/// 2025-01-01T00:00:00Z, where every mock clock starts unless told otherwise.
pub(crate) const DEFAULT_START_TIME: Timestamp = 1_735_689_600_000;

/// The latest time the mock's clock can show: 9999-12-31T23:59:59.999Z (our
/// choice, the last instant of a four-digit year). The clock stops there, and
/// a snapshot with a later time is refused, so no date arithmetic can overflow.
pub(crate) const MAX_TIMESTAMP: Timestamp = 253_402_300_799_999;

/// One day on the mock's clock, the unit of every AWS lifetime the world keeps.
pub(crate) const DAY_MS: Timestamp = 24 * 3600 * 1000;
