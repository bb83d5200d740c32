//! LIC-11: seat changes, on an active licence only, to at least one seat.

use channel_licensing::{Licence, LicenceChange, LicenceCommand as C, Rule};

use crate::common::*;

// ---------------------------------------------------------------- LIC-11

/// LIC-11: seats change on an active licence, to at least 1; the same count
/// again is accepted with no events and no effects.
#[test]
fn lic_11_seat_changes() {
    let now = at("2026-02-01T00:00:00Z");
    let d = given(&active(true))
        .when(&partner(), C::ChangeSeats { seats: 25 })
        .at(now)
        .accepted();
    assert_eq!(
        changes(&d),
        [LicenceChange::SeatsChanged { from: 10, to: 25 }]
    );
    assert_eq!(apply(active(true), &d).seats, 25);

    let d = given(&active(true))
        .when(&partner(), C::ChangeSeats { seats: 1 })
        .at(now)
        .accepted();
    assert_eq!(
        changes(&d),
        [LicenceChange::SeatsChanged { from: 10, to: 1 }]
    );

    let same = given(&active(true))
        .when(&partner(), C::ChangeSeats { seats: 10 })
        .at(now)
        .accepted();
    assert!(same.is_empty());

    let r = given(&active(true))
        .when(&partner(), C::ChangeSeats { seats: 0 })
        .at(now)
        .refused();
    assert_eq!(r.rule(), Rule::Lic11);
    assert_eq!(
        r.to_string(),
        "cannot set licence L-1 to 0 seats: a licence has at least 1 seat (LIC-11)"
    );
}

/// LIC-11: only an active licence changes seats.
#[test]
fn lic_11_seats_need_an_active_licence() {
    let now = at("2026-02-01T00:00:00Z");
    let suspended = apply(
        active(true),
        &given(&active(true))
            .when(&partner(), C::Suspend)
            .at(now)
            .accepted(),
    );
    let r = given(&suspended)
        .when(&partner(), C::ChangeSeats { seats: 12 })
        .at(now)
        .refused();
    assert_eq!(r.rule(), Rule::Lic11);
    assert_eq!(
        r.to_string(),
        "cannot change the seats of licence L-1: it is suspended, and this needs an active licence (LIC-11)"
    );
    let trial = Licence::trial("L-1", "e", 10, year_2026(), by_acme()).unwrap();
    assert_eq!(
        given(&trial)
            .when(&partner(), C::ChangeSeats { seats: 12 })
            .at(now)
            .refused()
            .rule(),
        Rule::Lic11
    );
}
