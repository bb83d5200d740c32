//! Calendar arithmetic, always through chrono and chrono-tz.
//!
//! Durations in the rule catalogue are exact: "N days after T" is
//! `T + N × 24 h` in UTC. Calendar boundaries ("the first day of the next
//! month") are local midnight in the policy's time zone.

use chrono::{
    DateTime, Datelike, Days, LocalResult, Months, NaiveDate, Offset, TimeDelta, TimeZone, Utc,
};
use chrono_tz::Tz;

/// An instant beyond chrono's range of dates (after year 262,142 or
/// before year −262,143): what calendar arithmetic answers at its limits,
/// never a panic. It converts into [`Error::TimeOutOfRange`](crate::Error::TimeOutOfRange).
///
/// # Example
///
/// ```
/// use channel_licensing::calendar::{TimeOutOfRange, first_instant_of_next_month};
/// use chrono::{DateTime, Utc};
///
/// let end = first_instant_of_next_month(DateTime::<Utc>::MAX_UTC, chrono_tz::UTC);
/// assert_eq!(end, Err(TimeOutOfRange));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("an instant lies outside the representable range of dates")]
pub struct TimeOutOfRange;

/// `t + days × 24 h`, or [`TimeOutOfRange`] beyond chrono's range.
pub(crate) fn add_days(t: DateTime<Utc>, days: u32) -> Result<DateTime<Utc>, TimeOutOfRange> {
    checked_add_days(t, days).ok_or(TimeOutOfRange)
}

/// `t + days × 24 h`, or `None` beyond chrono's range.
pub(crate) fn checked_add_days(t: DateTime<Utc>, days: u32) -> Option<DateTime<Utc>> {
    t.checked_add_signed(TimeDelta::try_days(i64::from(days))?)
}

/// `t - days × 24 h`, or `None` before chrono's range.
pub(crate) fn sub_days(t: DateTime<Utc>, days: u32) -> Option<DateTime<Utc>> {
    t.checked_sub_signed(TimeDelta::try_days(i64::from(days))?)
}

/// Whole days from `from` to `to` (rounded down; zero when `to <= from`).
pub(crate) fn whole_days_between(from: DateTime<Utc>, to: DateTime<Utc>) -> u32 {
    let days = to.signed_duration_since(from).num_days().max(0);
    u32::try_from(days).unwrap_or(u32::MAX)
}

/// The first instant of the month after the one that contains `now`, in the
/// time zone `zone`, as a UTC instant.
///
/// "First instant" is local midnight on the first day of the next month, or,
/// where a daylight-saving change skips midnight in that zone, the first
/// local time that exists on that day. The result is always strictly after
/// `now`.
///
/// # Errors
///
/// [`TimeOutOfRange`] when the next month lies beyond chrono's range.
///
/// # Example
///
/// ```
/// use channel_licensing::calendar::first_instant_of_next_month;
/// use chrono::{DateTime, Utc};
///
/// let now: DateTime<Utc> = "2026-12-31T23:59:59Z".parse()?;
/// let due = first_instant_of_next_month(now, chrono_tz::UTC)?;
/// assert_eq!(due.to_rfc3339(), "2027-01-01T00:00:00+00:00");
///
/// // In Rome, midnight of 1 April 2026 (CEST, UTC+2) is 22:00 UTC on 31 March.
/// let now: DateTime<Utc> = "2026-03-15T12:00:00Z".parse()?;
/// let due = first_instant_of_next_month(now, chrono_tz::Europe::Rome)?;
/// assert_eq!(due.to_rfc3339(), "2026-03-31T22:00:00+00:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn first_instant_of_next_month(
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<DateTime<Utc>, TimeOutOfRange> {
    // Not `with_timezone(..).date_naive()`: chrono panics when the local
    // time of an instant near its limits overflows; this is checked.
    let utc = now.naive_utc();
    let local = utc
        .checked_add_offset(zone.offset_from_utc_datetime(&utc).fix())
        .ok_or(TimeOutOfRange)?
        .date();
    let first_of_this_month =
        NaiveDate::from_ymd_opt(local.year(), local.month(), 1).ok_or(TimeOutOfRange)?;
    let first_of_next = first_of_this_month
        .checked_add_months(Months::new(1))
        .ok_or(TimeOutOfRange)?;
    start_of_day(first_of_next, zone)
}

/// The first instant of local day `date` in `zone`, as UTC.
fn start_of_day(date: NaiveDate, zone: Tz) -> Result<DateTime<Utc>, TimeOutOfRange> {
    // Midnight, or when a DST gap swallows it, the first minute of the day that
    // exists locally (gaps are at most a few hours; 24 × 60 tries bound the walk).
    let midnight = date.and_hms_opt(0, 0, 0).ok_or(TimeOutOfRange)?;
    let next_day = date.checked_add_days(Days::new(1)).ok_or(TimeOutOfRange)?;
    let mut candidate = midnight;
    while candidate.date() < next_day {
        match zone.from_local_datetime(&candidate) {
            LocalResult::Single(t) => return Ok(t.with_timezone(&Utc)),
            LocalResult::Ambiguous(earliest, _) => return Ok(earliest.with_timezone(&Utc)),
            LocalResult::None => {
                candidate = candidate
                    .checked_add_signed(TimeDelta::minutes(1))
                    .ok_or(TimeOutOfRange)?;
            }
        }
    }
    Err(TimeOutOfRange)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn midnight_skipped_by_dst_is_the_first_existing_minute() {
        // America/Santiago skipped 00:00 → 01:00 on 2022-09-11 (not the 1st);
        // Asia/Beirut's DST starts at midnight: on 2023-04-01? (no: 2023-03-26)
        // Use a zone whose gap is exactly at midnight of a first-of-month:
        // America/Havana switched at 00:00 on 2012-04-01.
        let zone: Tz = "America/Havana".parse().unwrap();
        let due = first_instant_of_next_month(at("2012-03-20T12:00:00Z"), zone).unwrap();
        // 01:00 CDT (UTC-4) = 05:00 UTC.
        assert_eq!(due, at("2012-04-01T05:00:00Z"));
    }

    #[test]
    fn whole_days_round_down_and_never_go_negative() {
        assert_eq!(
            whole_days_between(at("2026-01-01T00:00:00Z"), at("2026-01-02T23:59:59Z")),
            1
        );
        assert_eq!(
            whole_days_between(at("2026-01-02T00:00:00Z"), at("2026-01-01T00:00:00Z")),
            0
        );
    }

    #[test]
    fn end_of_time_is_an_error_not_a_panic() {
        assert_eq!(
            first_instant_of_next_month(DateTime::<Utc>::MAX_UTC, chrono_tz::UTC),
            Err(TimeOutOfRange)
        );
        assert_eq!(add_days(DateTime::<Utc>::MAX_UTC, 1), Err(TimeOutOfRange));
        assert_eq!(sub_days(DateTime::<Utc>::MIN_UTC, 1), None);
    }
}
