//! The calendar (UTC) of the transfers' date rules: a timestamp's civil
//! date, a date's day number, and the starts and ends of months.

use crate::world::{Timestamp, DAY_MS};

/// The civil date (year, month, day) of `ms`.
pub(super) fn civil(ms: Timestamp) -> (i64, u32, u32) {
    let z = ms.div_euclid(DAY_MS) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The day number (days since 1970-01-01) of a civil date.
pub(super) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// 00:00:00.000 UTC on the first day of the month after the one `ms` is in.
pub(super) fn next_month_start(ms: Timestamp) -> Timestamp {
    let (y, m, _) = civil(ms);
    let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    days_from_civil(y, m, 1) * DAY_MS
}

/// The last millisecond of the month `ms` is in.
pub(crate) fn end_of_month(ms: Timestamp) -> Timestamp {
    next_month_start(ms) - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Days since 1970-01-01 of known dates (from Python's `datetime.date`),
    /// across leap days, century years that are and are not leap years, and
    /// the days around them.
    const KNOWN: [((i64, u32, u32), i64); 14] = [
        ((1600, 2, 29), -135_081),
        ((1700, 2, 28), -98_557),
        ((1700, 3, 1), -98_556),
        ((1899, 12, 31), -25_568),
        ((1900, 2, 28), -25_509),
        ((1900, 3, 1), -25_508),
        ((1969, 12, 31), -1),
        ((2000, 2, 29), 11_016),
        ((2000, 3, 1), 11_017),
        ((2024, 2, 29), 19_782),
        ((2100, 2, 28), 47_540),
        ((2100, 3, 1), 47_541),
        ((2400, 2, 29), 157_113),
        ((2025, 12, 31), 20_453),
    ];

    /// The Gregorian calendar, the slow way: for checking `civil`.
    fn month_days(y: i64, m: u32) -> u32 {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        match m {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    #[test]
    fn civil_dates_agree_with_known_dates_and_a_day_by_day_count() {
        for (date, day) in KNOWN {
            assert_eq!(civil(day * DAY_MS), date, "day {day}");
            assert_eq!(
                civil(day * DAY_MS + DAY_MS - 1),
                date,
                "the last millisecond of day {day}"
            );
            assert_eq!(days_from_civil(date.0, date.1, date.2), day, "{date:?}");
        }
        // Every day from 1600-01-01 to 2401-01-01, counted one by one.
        let (mut y, mut m, mut d) = (1600, 1, 1);
        let first = days_from_civil(1600, 1, 1);
        assert_eq!(first, -135_140);
        for day in first..=days_from_civil(2401, 1, 1) {
            assert_eq!(civil(day * DAY_MS), (y, m, d), "day {day}");
            assert_eq!(
                civil(day * DAY_MS + DAY_MS - 1),
                (y, m, d),
                "day {day}, last millisecond"
            );
            d += 1;
            if d > month_days(y, m) {
                d = 1;
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
        }
        // Month ends across leap and century years.
        for (y, m, last) in [
            (2000, 2, 29),
            (2100, 2, 28),
            (1900, 2, 28),
            (2024, 2, 29),
            (2023, 12, 31),
            (2025, 4, 30),
        ] {
            let end = end_of_month(days_from_civil(y, m, 10) * DAY_MS);
            assert_eq!(civil(end), (y, m, last));
            assert_eq!(end.rem_euclid(DAY_MS), DAY_MS - 1);
        }
    }
}
