//! POL-4 (money) and the money side of LIC-8: rounding to the currency's minor
//! unit, midpoint away from zero; daily proration of 365- and 366-day terms;
//! amounts in different currencies never added. (The proration property is in
//! `tests/models`.)

use channel_licensing::money::Currency;
use channel_licensing::{Licence, LicenceChange, LicenceCommand as C, Money, Term};
use rust_decimal::Decimal;

use crate::common::*;

/// POL-4: results round to the currency's minor unit (2 places unless it
/// has 0 or 3), midpoint away from zero.
#[test]
fn pol_4_rounding_to_the_minor_unit_midpoint_away_from_zero() {
    let cases = [
        ("2.345", "EUR", "2.35"),
        ("2.344", "EUR", "2.34"),
        ("-2.345", "EUR", "-2.35"),
        ("100.5", "JPY", "101"),
        ("99.49", "JPY", "99"),
        ("1.0005", "BHD", "1.001"),
        ("1.0004", "KWD", "1.000"),
        ("0.125", "USD", "0.13"),
    ];
    for (amount, currency, expected) in cases {
        assert_eq!(
            money(amount, currency).rounded().amount,
            expected.parse::<Decimal>().unwrap(),
            "{amount} {currency}"
        );
    }
}

/// POL-4: amounts in different currencies are never added: an error value.
#[test]
fn pol_4_different_currencies_are_never_added() {
    let err = money("10", "EUR")
        .checked_add(money("10", "USD"))
        .unwrap_err();
    let (eur, usd) = ("EUR".parse::<Currency>().unwrap(), "USD".parse().unwrap());
    assert!(
        matches!(err, channel_licensing::money::MoneyError::CurrencyMismatch { left, right, .. } if left == eur && right == usd),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "cannot add an amount in EUR to one in USD");
    assert_eq!(
        money("10.10", "EUR")
            .checked_add(money("0.95", "EUR"))
            .unwrap(),
        money("11.05", "EUR")
    );
    assert!("eur".parse::<Currency>().is_err());
    assert!(serde_json::from_str::<Money>(r#"{"amount":"1","currency":"EURO"}"#).is_err());
    assert!(
        serde_json::from_str::<Money>(r#"{"amount":1.5,"currency":"EUR"}"#).is_err(),
        "no floats"
    );
}

/// POL-4: proration is by whole days of the term, for a 365-day and a
/// 366-day term.
#[test]
fn pol_4_daily_proration_of_365_and_366_day_terms() {
    let (used, unused) = money("365.00", "EUR").prorate(100, 365).unwrap();
    assert_eq!(
        (used, unused),
        (money("100.00", "EUR"), money("265.00", "EUR"))
    );
    let (used, unused) = money("366.00", "EUR").prorate(100, 366).unwrap();
    assert_eq!(
        (used, unused),
        (money("100.00", "EUR"), money("266.00", "EUR"))
    );
    // The same price over the two lengths gives different daily rates.
    let (used, _) = money("1000.00", "EUR").prorate(1, 365).unwrap();
    assert_eq!(used, money("2.74", "EUR"));
    let (used, _) = money("1000.00", "EUR").prorate(1, 366).unwrap();
    assert_eq!(used, money("2.73", "EUR"));
    // A licence over a leap year: the term has 366 whole days.
    let term = Term::of_days(at("2028-01-01T00:00:00Z"), 366).unwrap();
    let licence = Licence::active("L-1", "e", 1, term, false, by_acme())
        .unwrap()
        .with_price(money("366.00", "EUR"));
    let d = given(&licence)
        .when(&partner(), C::Cancel)
        .at(at("2028-04-10T00:00:00Z"))
        .accepted();
    match changes(&d)[0] {
        LicenceChange::Cancelled {
            forfeited_days,
            forfeited,
            refund,
            ..
        } => {
            assert_eq!(forfeited_days, 266);
            assert_eq!(forfeited, Some(money("266.00", "EUR")));
            assert_eq!(refund, None);
        }
        ref other => panic!("{other:?}"),
    }
    assert_eq!(
        money("1", "EUR").prorate(0, 0),
        Err(channel_licensing::money::MoneyError::InvalidTerm)
    );
}

/// POL-4 with LIC-8: cancelling a priced licence under `standard` reports
/// the forfeited amount (price per seat × seats, prorated), never a refund.
#[test]
fn pol_4_cancellation_reports_the_forfeited_amount() {
    let licence = active(true).with_price(money("12.50", "EUR")); // 10 seats, 2026, 365 days
    let d = given(&licence)
        .when(&partner(), C::Cancel)
        .at(at("2026-12-01T06:00:00Z"))
        .accepted();
    match changes(&d)[0] {
        LicenceChange::Cancelled {
            forfeited_days: 30,
            forfeited,
            refund: None,
            ..
        } => {
            // 125.00 for the year; 335 days used = 114.73; 10.27 forfeited.
            assert_eq!(forfeited, Some(money("10.27", "EUR")));
        }
        ref other => panic!("{other:?}"),
    }
}

/// POL-4: the reported part (a refund or a forfeit) is itself rounded
/// midpoint away from zero: 1.83 EUR over 366 days with 1 day used leaves
/// exactly 1.825, reported as 1.83.
#[test]
fn pol_4_the_reported_part_rounds_at_the_midpoint() {
    let (used, unused) = money("1.83", "EUR").prorate(1, 366).unwrap();
    assert_eq!(unused, money("1.83", "EUR"));
    assert_eq!(used, money("0.00", "EUR"));
    let (_, unused) = money("-1.83", "EUR").prorate(1, 366).unwrap();
    assert_eq!(
        unused,
        money("-1.83", "EUR"),
        "away from zero on both sides"
    );
}
