//! POL-2: the `microsoft_new_commerce` preset: a refund within seven days of a
//! purchase or renewal, and seat decreases only inside each batch's window
//! (seat batches step by step).

use channel_licensing::{
    Actor, Error, Licence, LicenceChange, LicenceCommand as C, Money, Policy, Reason, Rule, Term,
};
use rust_decimal::Decimal;

use crate::common::*;

// ---------------------------------------------------------------- POL-2

fn ms_licence(price: bool) -> Licence {
    let term = Term::of_days(at("2026-03-01T00:00:00Z"), 365).unwrap();
    let licence = Licence::active("L-1", "e365", 10, term, true, by_acme()).unwrap();
    if price {
        licence.with_price(Money::new("12.00".parse().unwrap(), "EUR".parse().unwrap()))
    } else {
        licence
    }
}

/// POL-2: a cancellation within 7 days of purchase gets a prorated refund
/// by day; from day 8 none.
#[test]
fn pol_2_refund_within_seven_days_of_purchase() {
    let ms = Policy::microsoft_new_commerce();
    let bought = at("2026-03-01T00:00:00Z");
    let day_7_last_second = bought + days(7) - secs(1);
    let d = given(&ms_licence(true))
        .under(&ms)
        .when(&partner(), C::Cancel)
        .at(day_7_last_second)
        .outcome()
        .unwrap();
    match changes(&d)[0] {
        LicenceChange::Cancelled {
            refund: Some(refund),
            forfeited: None,
            forfeited_days: 0,
            ..
        } => {
            // 120.00 for 365 days, 7 days used (the 7th counted as used, started or not).
            assert_eq!(refund.to_string(), "117.70 EUR");
        }
        ref other => panic!("{other:?}"),
    }
    let d = given(&ms_licence(true))
        .under(&ms)
        .when(&partner(), C::Cancel)
        .at(bought + days(7))
        .outcome()
        .unwrap();
    assert!(matches!(
        changes(&d)[0],
        LicenceChange::Cancelled {
            refund: None,
            forfeited: Some(_),
            ..
        }
    ));
    // Under `standard` there is never a refund (LIC-8).
    let d = given(&ms_licence(true))
        .when(&partner(), C::Cancel)
        .at(bought + days(1))
        .outcome()
        .unwrap();
    assert!(matches!(
        changes(&d)[0],
        LicenceChange::Cancelled { refund: None, .. }
    ));
}

/// POL-2: the refund window opens again at each renewal.
#[test]
fn pol_2_refund_window_after_renewal() {
    let ms = Policy::microsoft_new_commerce();
    let licence = ms_licence(true);
    let renewal = at("2027-03-01T00:00:00Z");
    let d = given(&licence)
        .under(&ms)
        .when(&partner(), C::Cancel)
        .at(renewal + days(3))
        .outcome()
        .unwrap();
    let c = changes(&d);
    // The term-end reminder was never delivered: skipped, then renewed.
    assert!(matches!(c[0], LicenceChange::ReminderSkipped { .. }));
    assert!(matches!(c[1], LicenceChange::Renewed { .. }));
    assert!(
        matches!(
            c.last(),
            Some(LicenceChange::Cancelled {
                refund: Some(_),
                ..
            })
        ),
        "{c:?}"
    );
}

/// POL-2: a seat decrease is allowed only within 7 days of when those seats
/// were added; increases any time.
#[test]
fn pol_2_seat_decrease_inside_and_outside_its_batch_window() {
    let ms = Policy::microsoft_new_commerce();
    let bought = at("2026-03-01T00:00:00Z");
    let licence = ms_licence(false);
    // Day 3: +5 seats (a new batch).
    let plus = given(&licence)
        .under(&ms)
        .when(&partner(), C::ChangeSeats { seats: 15 })
        .at(bought + days(3))
        .outcome()
        .unwrap();
    let licence = apply(licence, &plus);
    // Day 8: the first 10 seats are out of their window, the 5 are not.
    let d = given(&licence)
        .under(&ms)
        .when(&partner(), C::ChangeSeats { seats: 12 })
        .at(bought + days(8))
        .outcome()
        .unwrap();
    assert_eq!(
        changes(&d),
        [LicenceChange::SeatsChanged { from: 15, to: 12 }]
    );
    let r = given(&licence)
        .under(&ms)
        .when(&partner(), C::ChangeSeats { seats: 9 })
        .at(bought + days(8))
        .refused();
    assert_eq!(r.rule(), Rule::Pol2);
    assert!(matches!(
        r.reason(),
        Reason::SeatDecreaseWindowClosed { removable: 5, .. }
    ));
    // The batch's window closes 7 days after day 3: at day 10 it is closed.
    let last = bought + days(10) - secs(1);
    assert!(
        given(&licence)
            .under(&ms)
            .when(&partner(), C::ChangeSeats { seats: 12 })
            .at(last)
            .outcome()
            .is_ok()
    );
    let r = given(&licence)
        .under(&ms)
        .when(&partner(), C::ChangeSeats { seats: 12 })
        .at(bought + days(10))
        .refused();
    assert_eq!(r.rule(), Rule::Pol2);
    // Increases any time.
    assert!(
        given(&licence)
            .under(&ms)
            .when(&partner(), C::ChangeSeats { seats: 40 })
            .at(bought + days(200))
            .outcome()
            .is_ok()
    );
    // Under `standard`, decreases any time.
    assert!(
        given(&licence)
            .when(&partner(), C::ChangeSeats { seats: 1 })
            .at(bought + days(200))
            .outcome()
            .is_ok()
    );
    // A renewal adds all its seats again: decreasable for 7 days.
    let renewed = at("2027-03-01T00:00:00Z");
    assert!(
        given(&licence)
            .under(&ms)
            .when(&partner(), C::ChangeSeats { seats: 3 })
            .at(renewed + days(6))
            .outcome()
            .is_ok()
    );
}

/// POL-2: five seat increases inside one window all stay removable while
/// their windows are open (the batches are kept apart).
#[test]
fn pol_2_several_increases_in_a_week_stay_removable() {
    let ms = Policy::microsoft_new_commerce();
    let bought = at("2026-03-01T00:00:00Z");
    let mut licence = ms_licence(false);
    for (day, seats) in [(8, 11), (9, 12), (10, 13), (11, 14)] {
        let d = given(&licence)
            .under(&ms)
            .when(&partner(), C::ChangeSeats { seats })
            .at(bought + days(day))
            .outcome()
            .unwrap();
        licence = apply(licence, &d);
    }
    assert!(
        given(&licence)
            .under(&ms)
            .when(&partner(), C::ChangeSeats { seats: 10 })
            .at(bought + days(12))
            .outcome()
            .is_ok()
    );
    assert_eq!(
        given(&licence)
            .under(&ms)
            .when(&partner(), C::ChangeSeats { seats: 9 })
            .at(bought + days(12))
            .refused()
            .rule(),
        Rule::Pol2
    );
}

// ------------------------------------- POL-2: seat batches, step by step

/// Seat changes under the Microsoft preset, applied one after another.
fn seats_ms(licence: Licence, steps: &[(&str, u32)]) -> (Licence, Vec<Result<(), Rule>>) {
    let policy = Policy::microsoft_new_commerce();
    let vendor = Actor::Vendor;
    let mut licence = licence;
    let mut answers = Vec::new();
    for &(t, seats) in steps {
        let ctx = channel_licensing::Context::new(at(t), &vendor, &policy);
        match licence.decide(&customer(), &C::ChangeSeats { seats }, &ctx) {
            Ok(d) => {
                licence = d.events().fold(licence, Licence::evolve);
                answers.push(Ok(()));
            }
            Err(Error::Refused(r)) => answers.push(Err(r.rule())),
            Err(other) => panic!("{other:?}"),
        }
    }
    (licence, answers)
}

/// POL-2: seats removed come off the newest batch first, and once the seats
/// added inside the window are gone, no more may go.
#[test]
fn pol_2_removed_seats_use_up_the_newest_batch() {
    let term = Term::new(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")).unwrap();
    let licence = Licence::active("L-1", "e", 10, term, true, by_acme()).unwrap();
    let (after, answers) = seats_ms(
        licence,
        &[
            ("2026-01-20T00:00:00Z", 15), // +5, removable until the 27th
            ("2026-01-21T00:00:00Z", 12), // -3 of those 5
            ("2026-01-22T00:00:00Z", 10), // -2: the last of them
            ("2026-01-23T00:00:00Z", 9),  // none left: POL-2
        ],
    );
    assert_eq!(answers, [Ok(()), Ok(()), Ok(()), Err(Rule::Pol2)]);
    assert_eq!(after.seats, 10);
    let batches: Vec<u32> = after.seat_batches.iter().map(|b| b.seats).collect();
    assert_eq!(batches, [10], "the added batch is used up and gone");
}

/// POL-2: more seat additions inside one window than batches are kept
/// merge the two oldest under the older instant: never more removable.
#[test]
fn pol_2_many_additions_merge_the_oldest_batches() {
    let term = Term::new(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")).unwrap();
    let licence = Licence::active("L-1", "e", 10, term, true, by_acme()).unwrap();
    // Nine additions of one seat, an hour apart, on 20 January.
    let steps: Vec<(String, u32)> = (0..9_u32)
        .map(|i| (format!("2026-01-20T{i:02}:00:00Z"), 11 + i))
        .collect();
    let steps: Vec<(&str, u32)> = steps.iter().map(|(t, s)| (t.as_str(), *s)).collect();
    let (after, answers) = seats_ms(licence, &steps);
    assert!(answers.iter().all(Result::is_ok));
    assert_eq!(after.seats, 19);
    let batches: Vec<u32> = after.seat_batches.iter().map(|b| b.seats).collect();
    assert_eq!(batches.len(), 8);
    // The term's 10 seats and nine batches of one make ten batches: the 8th
    // and 9th additions each merged the two oldest under the older instant
    // (the term's start, outside the window), so two added seats count as
    // old ones.
    assert_eq!(batches, [12, 1, 1, 1, 1, 1, 1, 1]);
    let now = at("2026-01-21T00:00:00Z");
    assert_eq!(after.seat_batches.removable(now, 7), 7);
    let (_, answers) = seats_ms(
        after.clone(),
        &[("2026-01-21T00:00:00Z", 12), ("2026-01-21T01:00:00Z", 11)],
    );
    assert_eq!(answers, [Ok(()), Err(Rule::Pol2)]);
}

/// POL-2: the refund under `microsoft_new_commerce` never exceeds the price
/// paid for the seats, at any instant of the refund window.
#[test]
fn pol_2_refunds_never_exceed_what_was_paid() {
    let ms = Policy::microsoft_new_commerce();
    let licence = active(true).with_price(money("12.50", "EUR"));
    let paid = money("125.00", "EUR");
    for hour in 0..(7 * 24) {
        let now = year_2026().starts + chrono::TimeDelta::hours(hour);
        let d = given(&licence)
            .under(&ms)
            .when(&partner(), C::Cancel)
            .at(now)
            .outcome()
            .unwrap();
        let LicenceChange::Cancelled {
            refund: Some(refund),
            ..
        } = changes(&d)[0]
        else {
            panic!("inside the window")
        };
        assert!(refund.amount <= paid.amount && refund.amount > Decimal::ZERO);
    }
}
