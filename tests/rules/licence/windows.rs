//! LIC-6: the window lengths are policy data, checked when the policy is built
//! (or read from JSON): no grace longer than the reactivation window, no empty
//! or endless window, a bounded number of reminders.

use channel_licensing::policy::PhaseName;
use channel_licensing::{LicenceChange, LicenceCommand as C, LicenceStatus, Policy, Reason, Rule};

use crate::common::*;

// ---------------------------------------------------------------- LIC-6

/// LIC-6: a grace longer than the reactivation window is rejected.
#[test]
fn lic_6_grace_longer_than_reactivation_is_rejected() {
    use channel_licensing::policy::PolicyError;
    let err = Policy::standard()
        .to_builder()
        .name("custom")
        .expired_grace_days(61)
        .build()
        .unwrap_err();
    assert!(
        matches!(
            err,
            PolicyError::GraceLongerThanReactivation {
                grace_days: 61,
                reactivation_days: 60,
                ..
            }
        ),
        "{err:?}"
    );
    // Equal lengths are valid: see `lic_6_a_grace_equal_to_the_window_drops_reactivatable`.
    // And one day less is fine.
    assert!(
        Policy::standard()
            .to_builder()
            .name("custom")
            .expired_grace_days(59)
            .build()
            .is_ok()
    );
}

/// LIC-6: zero-length and negative windows are rejected.
#[test]
fn lic_6_zero_or_negative_windows_are_rejected() {
    use channel_licensing::policy::PolicyError;
    for days in [0, -1, -30] {
        let err = Policy::standard()
            .to_builder()
            .name("custom")
            .expired_grace_days(days)
            .build()
            .unwrap_err();
        assert!(
            matches!(
                err,
                PolicyError::EmptyPhase {
                    phase: PhaseName::Grace,
                    ..
                }
            ),
            "{days}: {err:?}"
        );
    }
    let err = Policy::standard()
        .to_builder()
        .name("custom")
        .suspension_cancels_after_days(0)
        .build()
        .unwrap_err();
    assert!(matches!(err, PolicyError::DaysOutOfRange { days: 0, .. }));
}

/// LIC-6: an invalid policy is an error value, also when deserialized.
#[test]
fn lic_6_deserializing_an_invalid_policy_is_an_error() {
    let mut json: serde_json::Value = serde_json::to_value(Policy::standard()).unwrap();
    json["phases"][0]["until_day"] = serde_json::json!(90);
    let err = serde_json::from_value::<Policy>(json).unwrap_err();
    assert!(
        err.to_string()
            .contains("longer than the reactivation window"),
        "{err}"
    );
}

/// The standard policy with its expired grace set to its reactivation
/// window (LIC-6's Decision), and that window's length in days.
fn standard_with_equal_windows() -> (Policy, u32) {
    let standard = Policy::standard();
    let window = standard.reactivation_window_days().unwrap();
    let policy = standard
        .to_builder()
        .name("equal windows")
        .expired_grace_days(window.into())
        .build()
        .unwrap_or_else(|e| panic!("LIC-6: a grace equal to the window is valid, got {e}"));
    (policy, window)
}

fn phase_names(policy: &Policy) -> Vec<PhaseName> {
    policy.phases().iter().map(|p| p.name()).collect()
}

/// LIC-6 (Decision): a grace equal to the reactivation window is valid; the
/// `reactivatable` phase is empty and is dropped, leaving `grace` then
/// `lapsed`. The same through either setter.
#[test]
fn lic_6_a_grace_equal_to_the_window_drops_reactivatable() {
    let (p, window) = standard_with_equal_windows();
    assert_eq!(phase_names(&p), [PhaseName::Grace, PhaseName::Lapsed]);
    assert_eq!(p.expired_grace_days(), window);
    assert_eq!(p.reactivation_window_days(), Some(window));
    assert_eq!(p.unlink_blocked_days(), Some(window));

    let standard = Policy::standard();
    let grace = standard.expired_grace_days();
    let q = standard
        .to_builder()
        .name("equal windows")
        .reactivation_window_days(grace.into())
        .build()
        .unwrap();
    assert_eq!(phase_names(&q), [PhaseName::Grace, PhaseName::Lapsed]);
    assert_eq!(q.reactivation_window_days(), Some(grace));
}

/// LIC-6 (Decision): with equal windows an expired licence goes from
/// `grace` straight to `lapsed` at the window's end; reactivation until then
/// is not interrupted (LIC-3), and from then on it is refused (LIC-5).
#[test]
fn lic_6_equal_windows_go_from_grace_straight_to_lapsed() {
    let (p, window) = standard_with_equal_windows();
    let expired = at("2026-01-10T00:00:00Z");
    let licence = expired_at("2026-01-10T00:00:00Z");
    let closes = expired + days(window.into());
    let reactivate = C::Reactivate {
        term_days: 30,
        auto_renew: false,
    };

    let grace = LicenceStatus::Expired {
        phase: PhaseName::Grace,
    };
    let lapsed = LicenceStatus::Expired {
        phase: PhaseName::Lapsed,
    };
    assert_eq!(licence.status(closes - secs(1), &p), grace);
    assert_eq!(licence.status(closes, &p), lapsed);
    assert!(p.phase_at(expired, closes).is_last);

    for now in [closes - days(1), closes - secs(1)] {
        let d = given(&licence)
            .under(&p)
            .when(&partner(), reactivate.clone())
            .at(now)
            .outcome()
            .unwrap();
        assert!(
            matches!(
                changes(&d)[0],
                LicenceChange::Reactivated {
                    interrupted: false,
                    phase: PhaseName::Grace,
                    ..
                }
            ),
            "{now}: {:?}",
            changes(&d)
        );
    }

    let r = given(&licence)
        .under(&p)
        .when(&partner(), reactivate)
        .at(closes)
        .refused();
    assert_eq!(r.rule(), Rule::Lic5);
    assert_eq!(r.earliest(), None);
    assert!(
        matches!(r.reason(), Reason::ReactivationWindowClosed { closed_at, .. } if *closed_at == closes),
        "{r}"
    );
}

/// LIC-6: a phase list given explicitly with a zero-length phase is still
/// rejected; only a phase the grace or window setters emptied is dropped.
#[test]
fn lic_6_an_explicit_zero_length_phase_is_still_rejected() {
    use channel_licensing::policy::{Phase, PolicyBuilder, PolicyError};
    let standard = Policy::standard();
    let [grace, reactivatable, lapsed] = standard.phases() else {
        panic!("the standard policy has three phases");
    };
    let grace_end = grace.ends_on_day().unwrap();
    let empty = Phase::until_day(PhaseName::Reactivatable, grace_end, reactivatable.allows());
    let is_expected = |err: &PolicyError| {
        matches!(
            *err,
            PolicyError::EmptyPhase {
                phase: PhaseName::Reactivatable,
                ends_on_day,
                starts_on_day,
                ..
            } if ends_on_day == grace_end && starts_on_day == grace_end
        )
    };
    let phases = [*grace, empty, *lapsed];

    let err = PolicyBuilder::new("explicit", 1)
        .phases(phases)
        .build()
        .unwrap_err();
    assert!(is_expected(&err), "{err:?}");
    let expected = err;
    // A grace override that leaves the grace where it was empties nothing.
    let err = PolicyBuilder::new("explicit", 1)
        .phases(phases)
        .expired_grace_days(grace_end)
        .build()
        .unwrap_err();
    assert_eq!(err, expected);

    // The same list, deserialized.
    let mut json = serde_json::to_value(&standard).unwrap();
    json["phases"][1]["until_day"] = serde_json::json!(grace_end);
    let err = serde_json::from_value::<Policy>(json).unwrap_err();
    assert_eq!(err.to_string(), expected.to_string());
}

/// LIC-6 (Decision): a serialized policy that sets `expired_grace_days` (or
/// `reactivation_window_days`) to the other window deserializes like the
/// builder's equal-windows policy, and that policy round-trips.
#[test]
fn lic_6_equal_windows_through_json() {
    let (built, window) = standard_with_equal_windows();
    let standard = Policy::standard();

    let mut json = serde_json::to_value(&standard).unwrap();
    json["name"] = serde_json::json!("equal windows");
    json["expired_grace_days"] = serde_json::json!(window);
    let from_json: Policy = serde_json::from_value(json).unwrap();
    assert_eq!(from_json, built);
    assert_eq!(
        phase_names(&from_json),
        [PhaseName::Grace, PhaseName::Lapsed]
    );

    let mut json = serde_json::to_value(&standard).unwrap();
    json["name"] = serde_json::json!("equal windows");
    json["reactivation_window_days"] = serde_json::json!(standard.expired_grace_days());
    let from_json: Policy = serde_json::from_value(json).unwrap();
    assert_eq!(
        phase_names(&from_json),
        [PhaseName::Grace, PhaseName::Lapsed]
    );

    let round_trip: Policy = serde_json::from_str(&serde_json::to_string(&built).unwrap()).unwrap();
    assert_eq!(round_trip, built);
}

/// LIC-6: a last, open-ended phase may not give users access forever (the
/// grace would never end), and overrides do not depend on call order.
#[test]
fn lic_6_endless_grace_is_rejected_and_overrides_commute() {
    use channel_licensing::policy::{Allowances, Phase, PolicyBuilder, PolicyError};
    let err = PolicyBuilder::new("endless", 1)
        .phases([
            Phase::until_day(
                PhaseName::Grace,
                30,
                Allowances::NONE.with_user_access().with_reactivation(),
            ),
            Phase::open_ended(PhaseName::Lapsed, Allowances::NONE.with_user_access()),
        ])
        .build()
        .unwrap_err();
    assert!(
        matches!(err, PolicyError::EndlessAllowance { .. }),
        "{err:?}"
    );

    let phases = Policy::standard().phases().to_vec();
    let before = PolicyBuilder::new("p", 1)
        .expired_grace_days(10)
        .phases(phases.clone())
        .build()
        .unwrap();
    let after = PolicyBuilder::new("p", 1)
        .phases(phases)
        .expired_grace_days(10)
        .build()
        .unwrap();
    assert_eq!(before, after);
    assert_eq!(before.expired_grace_days(), 10);
}

/// LIC-6: a policy lists at most `Policy::MAX_REMINDERS` reminders per
/// target, so that no policy makes a decision expensive.
#[test]
fn lic_6_reminders_are_bounded() {
    use channel_licensing::policy::PolicyError;
    let max = i64::try_from(Policy::MAX_REMINDERS).unwrap();
    assert!(
        Policy::standard()
            .to_builder()
            .name("custom")
            .term_end_reminders(1..=max)
            .build()
            .is_ok()
    );
    let err = Policy::standard()
        .to_builder()
        .name("custom")
        .term_end_reminders(1..=max + 1)
        .build()
        .unwrap_err();
    assert!(matches!(err, PolicyError::TooManyReminders { .. }));
}
