//! LIC-8: cancelling gives no refund (under `standard`) and states the
//! forfeited remainder of the term.

use channel_licensing::licence::CancelledBy;
use channel_licensing::{LicenceChange, LicenceCommand as C, LicenceState, Policy, Rule};

use crate::common::*;

// ---------------------------------------------------------------- LIC-8

/// LIC-8: cancelling gives no refund; the decision states the forfeited
/// remainder in whole days.
#[test]
fn lic_8_cancel_states_the_forfeited_remainder() {
    let now = at("2026-12-01T06:00:00Z"); // 30 days 18 hours before the end
    let d = given(&active(true))
        .when(&partner(), C::Cancel)
        .at(now)
        .accepted();
    assert_eq!(
        changes(&d),
        [LicenceChange::Cancelled {
            at: now,
            by: CancelledBy::Request,
            forfeited_days: 30,
            forfeited: None,
            refund: None
        }]
    );
    let json = serde_json::to_value(d.events().next().unwrap()).unwrap();
    assert_eq!(json["forfeited_days"], 30);
    assert!(json.get("refund").is_none());
    let cancelled = apply(active(true), &d);
    assert_eq!(cancelled.next_deadline(&Policy::standard()), None);
}

/// LIC-8: only an active or suspended licence is cancelled; cancelling a
/// cancelled one is a no-op.
#[test]
fn lic_8_cancel_needs_a_running_term() {
    let r = given(&expired_at("2026-01-10T00:00:00Z"))
        .when(&partner(), C::Cancel)
        .at(at("2026-01-11T00:00:00Z"))
        .refused();
    assert_eq!(r.rule(), Rule::Lic8);
    let cancelled = with_state(LicenceState::Cancelled {
        at: at("2026-01-01T00:00:00Z"),
        by: CancelledBy::Request,
    });
    assert!(
        given(&cancelled)
            .when(&partner(), C::Cancel)
            .at(at("2026-02-01T00:00:00Z"))
            .accepted()
            .is_empty()
    );
}
