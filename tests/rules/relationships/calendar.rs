//! REL-7's calendar: "the first instant of the next month" in a policy's time
//! zone, across year ends and daylight-saving changes.

use channel_licensing::calendar::first_instant_of_next_month;
use chrono::DateTime;

use crate::common::*;

#[test]
fn last_second_of_a_month_is_due_one_second_later() {
    let now = at("2026-04-30T23:59:59Z");
    assert_eq!(
        first_instant_of_next_month(now, chrono_tz::UTC).unwrap(),
        at("2026-05-01T00:00:00Z")
    );
}

#[test]
fn december_rolls_into_january_of_the_next_year() {
    let now = at("2026-12-31T23:59:59Z");
    assert_eq!(
        first_instant_of_next_month(now, chrono_tz::UTC).unwrap(),
        at("2027-01-01T00:00:00Z")
    );
    let now = at("2026-12-01T00:00:00Z");
    assert_eq!(
        first_instant_of_next_month(now, chrono_tz::UTC).unwrap(),
        at("2027-01-01T00:00:00Z")
    );
}

#[test]
fn the_first_instant_of_a_month_is_in_that_month() {
    // Exactly midnight on the 1st: the *next* month, strictly after now.
    let now = at("2026-05-01T00:00:00Z");
    assert_eq!(
        first_instant_of_next_month(now, chrono_tz::UTC).unwrap(),
        at("2026-06-01T00:00:00Z")
    );
}

#[test]
fn the_month_is_the_local_month_of_the_zone() {
    // 23:30 UTC on 31 March is already 1 April in Rome (UTC+2).
    let now = at("2026-03-31T23:30:00Z");
    assert_eq!(
        first_instant_of_next_month(now, chrono_tz::Europe::Rome).unwrap(),
        at("2026-04-30T22:00:00Z"),
        "midnight of 1 May in Rome (CEST)"
    );
    // 02:00 UTC on 1 May is still 30 April in New York (UTC-4).
    let now = at("2026-05-01T02:00:00Z");
    assert_eq!(
        first_instant_of_next_month(now, chrono_tz::America::New_York).unwrap(),
        at("2026-05-01T04:00:00Z")
    );
}

#[test]
fn across_daylight_saving_changes() {
    // Rome leaves DST on 25 October 2026: midnight of 1 November is CET (UTC+1).
    let now = at("2026-10-20T12:00:00Z");
    assert_eq!(
        first_instant_of_next_month(now, chrono_tz::Europe::Rome).unwrap(),
        at("2026-10-31T23:00:00Z")
    );
    // Rome enters DST on 29 March 2026: midnight of 1 April is CEST (UTC+2).
    let now = at("2026-03-20T12:00:00Z");
    assert_eq!(
        first_instant_of_next_month(now, chrono_tz::Europe::Rome).unwrap(),
        at("2026-03-31T22:00:00Z")
    );
    // Southern hemisphere: Sydney leaves DST on 5 April 2026 (AEDT → AEST).
    let now = at("2026-04-10T00:00:00Z");
    assert_eq!(
        first_instant_of_next_month(now, chrono_tz::Australia::Sydney).unwrap(),
        at("2026-04-30T14:00:00Z")
    );
}

#[test]
fn the_end_of_time_is_an_error() {
    assert_eq!(
        first_instant_of_next_month(
            DateTime::<chrono::Utc>::MAX_UTC,
            chrono_tz::Pacific::Kiritimati
        ),
        Err(channel_licensing::calendar::TimeOutOfRange)
    );
}
