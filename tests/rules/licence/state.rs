//! LIC-1: a licence is in exactly one state, an expired licence's phase is
//! derived from `now`, and a stored licence is validated when it is read.

use channel_licensing::licence::CancelledBy;
use channel_licensing::policy::PhaseName;
use channel_licensing::{Licence, LicenceState, LicenceStatus, Policy, Term};
use chrono::TimeDelta;

use crate::common::*;

// ---------------------------------------------------------------- LIC-1

/// LIC-1: a licence is in exactly one state, and an expired licence's phase
/// is derived from `now`.
#[test]
fn lic_1_status_names_each_state_and_the_phase_of_an_expired_licence() {
    let p = Policy::standard();
    let now = at("2026-06-01T00:00:00Z");
    let t = year_2026();
    let cases = [
        (LicenceState::Trial { term: t }, LicenceStatus::Trial),
        (
            LicenceState::Active {
                term: t,
                auto_renew: false,
            },
            LicenceStatus::Active,
        ),
        (
            LicenceState::Suspended {
                term: t,
                auto_renew: false,
                since: now,
                cancels_at: now + days(30),
            },
            LicenceStatus::Suspended,
        ),
        (LicenceState::Revoked { at: now }, LicenceStatus::Revoked),
        (LicenceState::Removed { at: now }, LicenceStatus::Removed),
        (
            LicenceState::Cancelled {
                at: now,
                by: CancelledBy::Request,
            },
            LicenceStatus::Cancelled,
        ),
    ];
    for (state, status) in cases {
        assert_eq!(with_state(state).status(now, &p), status);
    }
    let expired = expired_at("2026-01-10T00:00:00Z");
    let e = at("2026-01-10T00:00:00Z");
    assert_eq!(
        expired.status(e, &p),
        LicenceStatus::Expired {
            phase: PhaseName::Grace
        }
    );
    assert_eq!(
        expired.status(e + days(30), &p),
        LicenceStatus::Expired {
            phase: PhaseName::Reactivatable
        }
    );
    assert_eq!(
        expired.status(e + days(60), &p),
        LicenceStatus::Expired {
            phase: PhaseName::Lapsed
        }
    );
}

/// LIC-1: the state is one tagged value on the wire, and it round-trips.
#[test]
fn lic_1_state_round_trips_through_json() {
    let licence = active(true);
    let json = serde_json::to_string(&licence).unwrap();
    assert!(json.contains(r#""state":"active""#), "{json}");
    let back: Licence = serde_json::from_str(&json).unwrap();
    assert_eq!(back, licence);
}

/// LIC-1: a stored licence is validated when deserialized: a term that does
/// not end after it starts, or zero seats, is an error value.
#[test]
fn lic_1_invalid_stored_licences_are_rejected() {
    let reversed = r#"{"id":"L-1","offer":"e","seats":1,"bought_by":{"partner":"acme"},"state":"active",
        "term":{"starts":"2026-02-01T00:00:00Z","ends":"2026-01-01T00:00:00Z"},"auto_renew":false}"#;
    let err = serde_json::from_str::<Licence>(reversed).unwrap_err();
    assert!(
        err.to_string().contains("a term must end after it starts"),
        "{err}"
    );
    let zero = r#"{"id":"L-1","offer":"e","seats":0,"bought_by":{"partner":"acme"},"state":"expired","at":"2026-01-01T00:00:00Z"}"#;
    let err = serde_json::from_str::<Licence>(zero).unwrap_err();
    assert!(err.to_string().contains("at least 1 seat"), "{err}");
}

/// A term contains its start and every instant before its end, not the end.
#[test]
fn a_term_is_half_open() {
    let term = Term::new(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")).unwrap();
    assert!(term.contains(term.starts));
    assert!(term.contains(term.ends - TimeDelta::seconds(1)));
    assert!(!term.contains(term.ends));
    assert!(!term.contains(term.starts - TimeDelta::seconds(1)));
}
