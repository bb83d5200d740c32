//! LIC-3 … LIC-5: reactivating an expired licence inside grace (no
//! interruption), inside the reactivation window (an interruption reported),
//! and not once it has lapsed.

use channel_licensing::policy::PhaseName;
use channel_licensing::{LicenceChange, LicenceCommand as C, LicenceState, Policy, Reason, Rule};

use crate::common::*;

// ---------------------------------------------------------------- LIC-3

/// LIC-3: reactivating inside the 30-day expired grace causes no
/// interruption; the grace's last second is inside it.
#[test]
fn lic_3_reactivation_inside_grace_is_not_interrupted() {
    let licence = expired_at("2026-01-10T00:00:00Z");
    let last_second = at("2026-02-09T00:00:00Z") - secs(1);
    let d = given(&licence)
        .when(
            &partner(),
            C::Reactivate {
                term_days: 365,
                auto_renew: false,
            },
        )
        .at(last_second)
        .accepted();
    match &changes(&d)[0] {
        LicenceChange::Reactivated {
            interrupted,
            phase,
            term,
            ..
        } => {
            assert!(!interrupted);
            assert_eq!(*phase, PhaseName::Grace);
            assert_eq!(term.starts, last_second);
            assert_eq!(term.length(), days(365));
        }
        other => panic!("{other:?}"),
    }
}

/// LIC-3: the grace length is policy data.
#[test]
fn lic_3_grace_follows_the_policy() {
    let p = Policy::standard()
        .to_builder()
        .name("custom")
        .expired_grace_days(45)
        .build()
        .unwrap();
    let licence = expired_at("2026-01-10T00:00:00Z");
    let day_40 = at("2026-01-10T00:00:00Z") + days(40);
    let d = given(&licence)
        .under(&p)
        .when(
            &partner(),
            C::Reactivate {
                term_days: 30,
                auto_renew: false,
            },
        )
        .at(day_40)
        .outcome()
        .unwrap();
    assert!(matches!(
        changes(&d)[0],
        LicenceChange::Reactivated {
            interrupted: false,
            ..
        }
    ));
}

// ---------------------------------------------------------------- LIC-4

/// LIC-4: the licence may be reactivated until the 60-day window closes.
#[test]
fn lic_4_reactivation_allowed_until_the_last_second_of_the_window() {
    let licence = expired_at("2026-01-10T00:00:00Z");
    let closes = at("2026-03-11T00:00:00Z");
    let d = given(&licence)
        .when(
            &partner(),
            C::Reactivate {
                term_days: 30,
                auto_renew: true,
            },
        )
        .at(closes - secs(1))
        .accepted();
    let reactivated = apply(licence, &d);
    assert!(matches!(
        reactivated.state,
        LicenceState::Active {
            auto_renew: true,
            ..
        }
    ));
}

/// LIC-4: only an expired licence is reactivated, for at least one day.
#[test]
fn lic_4_reactivating_a_non_expired_licence_or_for_zero_days_is_refused() {
    let r = given(&active(false))
        .when(
            &partner(),
            C::Reactivate {
                term_days: 30,
                auto_renew: false,
            },
        )
        .at(at("2026-06-01T00:00:00Z"))
        .refused();
    assert_eq!(r.rule(), Rule::Lic4);
    assert_eq!(
        r.to_string(),
        "cannot reactivate licence L-1: it is active, and this needs an expired licence (LIC-4)"
    );

    let r = given(&expired_at("2026-01-10T00:00:00Z"))
        .when(
            &partner(),
            C::Reactivate {
                term_days: 0,
                auto_renew: false,
            },
        )
        .at(at("2026-01-11T00:00:00Z"))
        .refused();
    assert_eq!(r.rule(), Rule::Lic4);
    assert!(matches!(
        r.reason(),
        Reason::TermTooShort { term_days: 0, .. }
    ));
}

// ---------------------------------------------------------------- LIC-5

/// LIC-5: after grace, reactivation is allowed but reports an interruption.
#[test]
fn lic_5_reactivation_after_grace_reports_an_interruption() {
    let licence = expired_at("2026-01-10T00:00:00Z");
    let grace_ends = at("2026-02-09T00:00:00Z");
    let d = given(&licence)
        .when(
            &partner(),
            C::Reactivate {
                term_days: 30,
                auto_renew: false,
            },
        )
        .at(grace_ends)
        .accepted();
    assert!(matches!(
        changes(&d)[0],
        LicenceChange::Reactivated {
            interrupted: true,
            phase: PhaseName::Reactivatable,
            ..
        }
    ));
}

/// LIC-5: at the instant the window closes the licence has lapsed and
/// reactivation is refused, with no earliest instant (it never reopens).
#[test]
fn lic_5_reactivation_refused_once_lapsed() {
    let licence = expired_at("2026-01-10T00:00:00Z");
    let closes = at("2026-03-11T00:00:00Z");
    let r = given(&licence)
        .when(
            &partner(),
            C::Reactivate {
                term_days: 30,
                auto_renew: false,
            },
        )
        .at(closes)
        .refused();
    assert_eq!(r.rule(), Rule::Lic5);
    assert_eq!(r.earliest(), None);
    assert_eq!(
        r.to_string(),
        "cannot reactivate licence L-1: its reactivation window closed on 2026-03-11T00:00:00Z; \
         a new licence must be bought (LIC-5)"
    );
}
