//! One or more tests per licence rule (LIC-1 … LIC-13) and POL-1, POL-3,
//! POL-5. Each test names the rule it pins; each would fail if that rule
//! were broken.

mod common;

use channel_licensing::{
    CancelledBy, Error, Licence, LicenceChange, LicenceCommand as C, LicenceState, LicenceStatus,
    PhaseName, Policy, Reason, ReminderTarget, Rule, Term, TimerKey,
};
use common::*;

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

// ---------------------------------------------------------------- LIC-2

/// LIC-2: with auto-renew off, the licence expires at the term-end instant.
#[test]
fn lic_2_term_end_without_auto_renew_expires_at_the_term_end() {
    let licence = active(false);
    let p = Policy::standard();
    let end = timer(&licence, &p, "/term_end");
    assert_eq!(end.due, year_2026().ends);

    // One second early: refused, with the due instant as the earliest.
    let early = refuse(&licence, C::Deliver(end.clone()), end.due - secs(1));
    assert_eq!(early.rule(), Rule::Lic2);
    assert_eq!(early.earliest(), Some(end.due));

    let d = accept(&licence, C::Deliver(end.clone()), end.due);
    assert_eq!(changes(&d), [LicenceChange::Expired { at: end.due }]);
    // The reminder was never delivered: once the term has ended it is stale
    // and dropped with the term end.
    assert_eq!(
        cancels(&d),
        [
            "customer/rossi/licence/L-1/reminder/term_end/30",
            "customer/rossi/licence/L-1/term_end"
        ]
    );
    let licence = apply(licence, &d);
    assert_eq!(licence.state, LicenceState::Expired { at: end.due });
    assert_eq!(licence.next_deadline(&p), None);
}

/// LIC-2: with auto-renew on, the licence renews for a term of the same
/// length, and the decision schedules the new term end.
#[test]
fn lic_2_term_end_with_auto_renew_renews_for_the_same_length() {
    let licence = active(true);
    let p = Policy::standard();
    let end = timer(&licence, &p, "/term_end");
    let d = accept(&licence, C::Deliver(end.clone()), end.due);
    let next = Term::new(at("2027-01-01T00:00:00Z"), at("2028-01-01T00:00:00Z")).unwrap();
    assert_eq!(
        changes(&d),
        [LicenceChange::Renewed {
            term: next,
            renewals: 1
        }]
    );
    let scheduled = schedules(&d);
    assert!(
        scheduled.iter().any(|t| t.key
            == TimerKey::TermEnd {
                customer: customer(),
                licence: "L-1".into()
            }
            && t.due == next.ends),
        "renewal schedules the new term end: {scheduled:?}"
    );
    let renewed = apply(licence, &d);
    assert_eq!(
        renewed.state,
        LicenceState::Active {
            term: next,
            auto_renew: true
        }
    );
    assert_eq!(
        renewed.timers(&customer(), &p).last().unwrap().due,
        next.ends
    );
}

/// LIC-2: a term-end timer delivered so late that whole terms passed renews
/// to the term that contains `now`, in one event.
#[test]
fn lic_2_a_very_late_delivery_renews_to_the_current_term() {
    let term = Term::of_days(at("2026-01-01T00:00:00Z"), 30).unwrap();
    let licence = Licence::active("L-1", "e", 1, term, true, by_acme()).unwrap();
    // Terms: Jan 1, Jan 31, Mar 2, Apr 1 (2026 is not a leap year).
    let now = at("2026-04-15T00:00:00Z");
    let d = accept(
        &licence,
        C::Deliver(timer(&licence, &Policy::standard(), "/term_end")),
        now,
    );
    let renewed = Term::of_days(at("2026-04-01T00:00:00Z"), 30).unwrap();
    assert_eq!(
        changes(&d)[0],
        LicenceChange::Renewed {
            term: renewed,
            renewals: 3
        }
    );
    assert!(renewed.contains(now));
}

/// LIC-2: `decide` judges the licence at `now`: a command arriving after the
/// term end, with the timer not yet delivered, sees the expired licence.
#[test]
fn lic_2_a_command_after_the_term_end_sees_the_expiry_first() {
    let licence = active(false);
    let end = year_2026().ends;
    let r = refuse(&licence, C::ChangeSeats { seats: 20 }, end);
    assert_eq!(r.rule(), Rule::Lic11);
    assert!(r.to_string().contains("expired (grace)"), "{r}");
    // One second before the end the licence is still active.
    assert!(!accept(&licence, C::ChangeSeats { seats: 20 }, end - secs(1)).is_empty());
}

/// LIC-2: a term-end timer delivered twice, or after the licence renewed,
/// is stale: accepted, no events, no effects.
#[test]
fn lic_2_duplicate_and_stale_term_end_deliveries_are_no_ops() {
    let licence = active(true);
    let p = Policy::standard();
    let end = timer(&licence, &p, "/term_end");
    let d = accept(&licence, C::Deliver(end.clone()), end.due);
    let renewed = apply(licence, &d);
    let again = accept(&renewed, C::Deliver(end.clone()), end.due + secs(5));
    assert!(again.is_empty(), "{again:?}");
}

// ---------------------------------------------------------------- LIC-3

/// LIC-3: reactivating inside the 30-day expired grace causes no
/// interruption; the grace's last second is inside it.
#[test]
fn lic_3_reactivation_inside_grace_is_not_interrupted() {
    let licence = expired_at("2026-01-10T00:00:00Z");
    let last_second = at("2026-02-09T00:00:00Z") - secs(1);
    let d = accept(
        &licence,
        C::Reactivate {
            term_days: 365,
            auto_renew: false,
        },
        last_second,
    );
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
        .expired_grace_days(45)
        .build()
        .unwrap();
    let licence = expired_at("2026-01-10T00:00:00Z");
    let day_40 = at("2026-01-10T00:00:00Z") + days(40);
    let d = decide(
        &licence,
        C::Reactivate {
            term_days: 30,
            auto_renew: false,
        },
        day_40,
        &partner(),
        &p,
    )
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
    let d = accept(
        &licence,
        C::Reactivate {
            term_days: 30,
            auto_renew: true,
        },
        closes - secs(1),
    );
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
    let r = refuse(
        &active(false),
        C::Reactivate {
            term_days: 30,
            auto_renew: false,
        },
        at("2026-06-01T00:00:00Z"),
    );
    assert_eq!(r.rule(), Rule::Lic4);
    assert_eq!(
        r.to_string(),
        "cannot reactivate licence L-1: it is active, and this needs an expired licence (LIC-4)"
    );

    let r = refuse(
        &expired_at("2026-01-10T00:00:00Z"),
        C::Reactivate {
            term_days: 0,
            auto_renew: false,
        },
        at("2026-01-11T00:00:00Z"),
    );
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
    let d = accept(
        &licence,
        C::Reactivate {
            term_days: 30,
            auto_renew: false,
        },
        grace_ends,
    );
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
    let r = refuse(
        &licence,
        C::Reactivate {
            term_days: 30,
            auto_renew: false,
        },
        closes,
    );
    assert_eq!(r.rule(), Rule::Lic5);
    assert_eq!(r.earliest(), None);
    assert_eq!(
        r.to_string(),
        "cannot reactivate licence L-1: its reactivation window closed on 2026-03-11T00:00:00Z; \
         a new licence must be bought (LIC-5)"
    );
}

// ---------------------------------------------------------------- LIC-6

/// LIC-6: a grace longer than the reactivation window is rejected.
#[test]
fn lic_6_grace_longer_than_reactivation_is_rejected() {
    use channel_licensing::PolicyError;
    let err = Policy::standard()
        .to_builder()
        .expired_grace_days(61)
        .build()
        .unwrap_err();
    assert_eq!(
        err,
        PolicyError::GraceLongerThanReactivation {
            grace_days: 61,
            reactivation_days: 60
        }
    );
    // Equal lengths are valid: see `lic_6_a_grace_equal_to_the_window_drops_reactivatable`.
    // And one day less is fine.
    assert!(
        Policy::standard()
            .to_builder()
            .expired_grace_days(59)
            .build()
            .is_ok()
    );
}

/// LIC-6: zero-length and negative windows are rejected.
#[test]
fn lic_6_zero_or_negative_windows_are_rejected() {
    use channel_licensing::PolicyError;
    for days in [0, -1, -30] {
        let err = Policy::standard()
            .to_builder()
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
        let d = decide(&licence, reactivate.clone(), now, &partner(), &p).unwrap();
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

    let r = refusal(decide(&licence, reactivate, closes, &partner(), &p));
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
    use channel_licensing::{Phase, PolicyBuilder, PolicyError};
    let standard = Policy::standard();
    let [grace, reactivatable, lapsed] = standard.phases() else {
        panic!("the standard policy has three phases");
    };
    let grace_end = grace.ends_on_day().unwrap();
    let empty = Phase::until_day(PhaseName::Reactivatable, grace_end, reactivatable.allows());
    let expected = PolicyError::EmptyPhase {
        phase: PhaseName::Reactivatable,
        ends_on_day: grace_end,
        starts_on_day: grace_end,
    };
    let phases = [*grace, empty, *lapsed];

    let err = PolicyBuilder::new("explicit", 1)
        .phases(phases)
        .build()
        .unwrap_err();
    assert_eq!(err, expected);
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
    json["expired_grace_days"] = serde_json::json!(window);
    let from_json: Policy = serde_json::from_value(json).unwrap();
    assert_eq!(from_json, built);
    assert_eq!(
        phase_names(&from_json),
        [PhaseName::Grace, PhaseName::Lapsed]
    );

    let mut json = serde_json::to_value(&standard).unwrap();
    json["reactivation_window_days"] = serde_json::json!(standard.expired_grace_days());
    let from_json: Policy = serde_json::from_value(json).unwrap();
    assert_eq!(
        phase_names(&from_json),
        [PhaseName::Grace, PhaseName::Lapsed]
    );

    let round_trip: Policy = serde_json::from_str(&serde_json::to_string(&built).unwrap()).unwrap();
    assert_eq!(round_trip, built);
}

// ---------------------------------------------------------------- LIC-7

/// LIC-7: suspending schedules the cancellation per policy and stops the
/// term-end timers.
#[test]
fn lic_7_suspension_schedules_the_cancellation() {
    let licence = active(true);
    let now = at("2026-06-01T12:00:00Z");
    let d = accept(&licence, C::Suspend, now);
    let cancels_at = now + days(30);
    assert_eq!(
        changes(&d),
        [LicenceChange::Suspended {
            since: now,
            cancels_at
        }]
    );
    assert_eq!(
        cancels(&d),
        [
            "customer/rossi/licence/L-1/reminder/term_end/30",
            "customer/rossi/licence/L-1/term_end"
        ]
    );
    let s = schedules(&d);
    assert_eq!(s.len(), 1);
    assert_eq!(
        s[0].key,
        TimerKey::SuspensionCancellation {
            customer: customer(),
            licence: "L-1".into()
        }
    );
    assert_eq!(s[0].due, cancels_at);

    // The length is policy data.
    let p = Policy::standard()
        .to_builder()
        .suspension_cancels_after_days(7)
        .build()
        .unwrap();
    let d = decide(&licence, C::Suspend, now, &partner(), &p).unwrap();
    assert_eq!(
        changes(&d),
        [LicenceChange::Suspended {
            since: now,
            cancels_at: now + days(7)
        }]
    );
}

/// LIC-7: resume is allowed until the cancellation takes effect: one second
/// before it is accepted, at it refused.
#[test]
fn lic_7_resume_allowed_until_the_cancellation_takes_effect() {
    let now = at("2026-06-01T12:00:00Z");
    let suspended = apply(active(true), &accept(&active(true), C::Suspend, now));
    let cancels_at = now + days(30);

    let d = accept(&suspended, C::Resume, cancels_at - secs(1));
    assert_eq!(changes(&d), [LicenceChange::Resumed]);
    let resumed = apply(suspended.clone(), &d);
    assert_eq!(
        resumed.state,
        LicenceState::Active {
            term: year_2026(),
            auto_renew: true
        }
    );
    assert!(
        cancels(&d).contains(&"customer/rossi/licence/L-1/suspension_cancellation".to_string())
    );

    let r = refuse(&suspended, C::Resume, cancels_at);
    assert_eq!(r.rule(), Rule::Lic7);
    assert_eq!(
        r.to_string(),
        "cannot resume licence L-1: the cancellation its suspension started took effect on 2026-07-01T12:00:00Z (LIC-7)"
    );
}

/// LIC-7: delivering the cancellation timer cancels the licence; only an
/// active licence can be suspended and only a suspended one resumed.
#[test]
fn lic_7_the_cancellation_timer_cancels_and_wrong_states_are_refused() {
    let now = at("2026-06-01T00:00:00Z");
    let suspended = apply(active(false), &accept(&active(false), C::Suspend, now));
    let t = timer(&suspended, &Policy::standard(), "/suspension_cancellation");
    let d = accept(&suspended, C::Deliver(t.clone()), t.due);
    assert_eq!(
        changes(&d),
        [LicenceChange::Cancelled {
            at: t.due,
            by: CancelledBy::Suspension,
            forfeited_days: 184,
            forfeited: None,
            refund: None
        }]
    );

    let trial = Licence::trial("L-1", "e", 1, year_2026(), by_acme()).unwrap();
    assert_eq!(refuse(&trial, C::Suspend, now).rule(), Rule::Lic7);
    assert_eq!(
        refuse(&expired_at("2026-05-20T00:00:00Z"), C::Resume, now).rule(),
        Rule::Lic7
    );
    // Resuming an active licence is "already in that state": a no-op.
    assert!(accept(&active(false), C::Resume, now).is_empty());
}

// ---------------------------------------------------------------- LIC-8

/// LIC-8: cancelling gives no refund; the decision states the forfeited
/// remainder in whole days.
#[test]
fn lic_8_cancel_states_the_forfeited_remainder() {
    let now = at("2026-12-01T06:00:00Z"); // 30 days 18 hours before the end
    let d = accept(&active(true), C::Cancel, now);
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
    let r = refuse(
        &expired_at("2026-01-10T00:00:00Z"),
        C::Cancel,
        at("2026-01-11T00:00:00Z"),
    );
    assert_eq!(r.rule(), Rule::Lic8);
    let cancelled = with_state(LicenceState::Cancelled {
        at: at("2026-01-01T00:00:00Z"),
        by: CancelledBy::Request,
    });
    assert!(accept(&cancelled, C::Cancel, at("2026-02-01T00:00:00Z")).is_empty());
}

// ---------------------------------------------------------------- LIC-9

/// LIC-9: the vendor revokes from any non-terminal state.
#[test]
fn lic_9_vendor_revokes_any_non_terminal_licence() {
    let p = Policy::standard();
    let now = at("2026-02-01T00:00:00Z");
    let t = year_2026();
    for state in [
        LicenceState::Trial { term: t },
        LicenceState::Active {
            term: t,
            auto_renew: true,
        },
        LicenceState::Suspended {
            term: t,
            auto_renew: true,
            since: now,
            cancels_at: now + days(30),
        },
        LicenceState::Expired { at: now - days(59) },
    ] {
        let licence = with_state(state);
        let d = decide(&licence, C::Revoke, now, &vendor(), &p).unwrap();
        assert_eq!(
            changes(&d),
            [LicenceChange::Revoked { at: now }],
            "{state:?}"
        );
        let revoked = apply(licence.clone(), &d);
        assert_eq!(revoked.status(now, &p), LicenceStatus::Revoked);
        assert_eq!(revoked.next_deadline(&p), None);
        assert_eq!(d.effects().count(), licence.timers(&customer(), &p).count());
    }
}

/// LIC-9: revoking is a vendor action; a partner is refused and told that
/// being the vendor was missing.
#[test]
fn lic_9_partner_cannot_revoke() {
    let r = refuse(&active(true), C::Revoke, at("2026-02-01T00:00:00Z"));
    assert_eq!(r.rule(), Rule::Lic9);
    assert_eq!(
        r.to_string(),
        "cannot revoke licence L-1: that needs being the vendor, and it was asked by a partner user (LIC-9)"
    );
}

// ---------------------------------------------------------------- LIC-10

/// LIC-10: the partner removes a licence from the account.
#[test]
fn lic_10_partner_removes_a_licence() {
    let now = at("2026-02-01T00:00:00Z");
    for licence in [active(true), expired_at("2026-01-10T00:00:00Z")] {
        let d = accept(&licence, C::Remove, now);
        assert_eq!(changes(&d), [LicenceChange::Removed { at: now }]);
        assert_eq!(apply(licence, &d).state, LicenceState::Removed { at: now });
    }
}

// ---------------------------------------------------------------- LIC-11

/// LIC-11: seats change on an active licence, to at least 1; the same count
/// again is accepted with no events and no effects.
#[test]
fn lic_11_seat_changes() {
    let now = at("2026-02-01T00:00:00Z");
    let d = accept(&active(true), C::ChangeSeats { seats: 25 }, now);
    assert_eq!(
        changes(&d),
        [LicenceChange::SeatsChanged { from: 10, to: 25 }]
    );
    assert_eq!(apply(active(true), &d).seats, 25);

    let d = accept(&active(true), C::ChangeSeats { seats: 1 }, now);
    assert_eq!(
        changes(&d),
        [LicenceChange::SeatsChanged { from: 10, to: 1 }]
    );

    let same = accept(&active(true), C::ChangeSeats { seats: 10 }, now);
    assert!(same.is_empty());

    let r = refuse(&active(true), C::ChangeSeats { seats: 0 }, now);
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
    let suspended = apply(active(true), &accept(&active(true), C::Suspend, now));
    let r = refuse(&suspended, C::ChangeSeats { seats: 12 }, now);
    assert_eq!(r.rule(), Rule::Lic11);
    assert_eq!(
        r.to_string(),
        "cannot change the seats of licence L-1: it is suspended, and this needs an active licence (LIC-11)"
    );
    let trial = Licence::trial("L-1", "e", 10, year_2026(), by_acme()).unwrap();
    assert_eq!(
        refuse(&trial, C::ChangeSeats { seats: 12 }, now).rule(),
        Rule::Lic11
    );
}

// ---------------------------------------------------------------- LIC-12

/// LIC-12: switching auto-renew off makes the licence expire at its term end.
#[test]
fn lic_12_auto_renew_off_then_expiry() {
    let p = Policy::standard();
    let licence = active(true);
    let d = accept(
        &licence,
        C::SetAutoRenew { on: false },
        at("2026-06-01T00:00:00Z"),
    );
    assert_eq!(changes(&d), [LicenceChange::AutoRenewChanged { on: false }]);
    let licence = apply(licence, &d);
    let end = timer(&licence, &p, "/term_end");
    let d = accept(&licence, C::Deliver(end.clone()), end.due);
    assert_eq!(changes(&d), [LicenceChange::Expired { at: end.due }]);

    // And on again: it renews.
    let off = active(false);
    let on = apply(
        off.clone(),
        &accept(
            &off,
            C::SetAutoRenew { on: true },
            at("2026-06-01T00:00:00Z"),
        ),
    );
    let d = accept(&on, C::Deliver(end.clone()), end.due);
    assert!(matches!(changes(&d)[0], LicenceChange::Renewed { .. }));
}

/// LIC-12: only on an active licence; the same value is a no-op.
#[test]
fn lic_12_auto_renew_needs_an_active_licence() {
    let now = at("2026-06-01T00:00:00Z");
    assert!(accept(&active(true), C::SetAutoRenew { on: true }, now).is_empty());
    let r = refuse(
        &expired_at("2026-05-20T00:00:00Z"),
        C::SetAutoRenew { on: true },
        now,
    );
    assert_eq!(r.rule(), Rule::Lic12);
    assert_eq!(
        r.to_string(),
        "cannot switch auto-renew of licence L-1: it is expired (grace), and this needs an active licence (LIC-12)"
    );
}

// ---------------------------------------------------------------- LIC-13

/// LIC-13: every transition from a terminal state is refused, naming the state.
#[test]
fn lic_13_terminal_states_refuse_naming_their_state() {
    let now = at("2026-06-01T00:00:00Z");
    let terminal = [
        (LicenceState::Revoked { at: now - days(1) }, "revoked"),
        (LicenceState::Removed { at: now - days(1) }, "removed"),
        (
            LicenceState::Cancelled {
                at: now - days(1),
                by: CancelledBy::Request,
            },
            "cancelled",
        ),
        (
            LicenceState::Expired { at: now - days(60) },
            "expired (lapsed)",
        ),
    ];
    let commands = [
        C::Suspend,
        C::Resume,
        C::Cancel,
        C::Remove,
        C::ChangeSeats { seats: 3 },
        C::SetAutoRenew { on: true },
    ];
    for (state, name) in terminal {
        let licence = with_state(state);
        for command in commands.clone() {
            let same_state = matches!(
                (&command, state),
                (C::Remove, LicenceState::Removed { .. })
                    | (C::Cancel, LicenceState::Cancelled { .. })
            );
            let result = decide(
                &licence,
                command.clone(),
                now,
                &partner(),
                &Policy::standard(),
            );
            if same_state {
                assert!(
                    result.unwrap().is_empty(),
                    "{command:?} on {name} is a no-op"
                );
                continue;
            }
            let r = refusal(result);
            assert_eq!(r.rule(), Rule::Lic13, "{command:?} on {name}");
            assert!(
                r.to_string()
                    .contains(&format!("it is {name}, a final state")),
                "{r}"
            );
        }
        let revoke = decide(&licence, C::Revoke, now, &vendor(), &Policy::standard());
        if matches!(state, LicenceState::Revoked { .. }) {
            assert!(revoke.unwrap().is_empty());
        } else {
            assert_eq!(refusal(revoke).rule(), Rule::Lic13, "revoke on {name}");
        }
    }
}

/// LIC-13: the instant before lapsing, the expired licence is not terminal.
#[test]
fn lic_13_lapsing_is_the_boundary() {
    let licence = expired_at("2026-01-10T00:00:00Z");
    let lapses = at("2026-03-11T00:00:00Z");
    assert!(!accept(&licence, C::Remove, lapses - secs(1)).is_empty());
    assert_eq!(refuse(&licence, C::Remove, lapses).rule(), Rule::Lic13);
}

// ---------------------------------------------------------------- POL-1

/// POL-1: the phases are policy data; under Microsoft new commerce the
/// `expired` phase allows no reactivation (the customer repurchases).
#[test]
fn pol_1_phases_follow_the_policy() {
    let ms = Policy::microsoft_new_commerce();
    let licence = expired_at("2026-01-10T00:00:00Z");
    let e = at("2026-01-10T00:00:00Z");
    assert_eq!(
        licence.status(e + days(29), &ms),
        LicenceStatus::Expired {
            phase: PhaseName::Expired
        }
    );
    assert_eq!(
        licence.status(e + days(30), &ms),
        LicenceStatus::Expired {
            phase: PhaseName::Disabled
        }
    );
    assert_eq!(
        licence.status(e + days(120), &ms),
        LicenceStatus::Expired {
            phase: PhaseName::Deleted
        }
    );
    let grace = ms.phase_at(e, e);
    assert!(grace.allows.user_access && grace.allows.data_kept && !grace.allows.reactivation);
    let disabled = ms.phase_at(e, e + days(30));
    assert!(!disabled.allows.user_access && disabled.allows.admin_access);

    let r = refusal(decide(
        &licence,
        C::Reactivate {
            term_days: 30,
            auto_renew: false,
        },
        e + days(1),
        &partner(),
        &ms,
    ));
    assert_eq!(r.rule(), Rule::Pol1);
    assert_eq!(
        r.to_string(),
        "cannot reactivate licence L-1: the policy's `expired` phase does not allow it (POL-1)"
    );
    // In its last phase the licence is terminal (LIC-13).
    let r = refusal(decide(&licence, C::Remove, e + days(120), &partner(), &ms));
    assert_eq!(r.rule(), Rule::Lic13);
}

/// POL-1: the standard preset's allowances, as the catalogue lists them.
#[test]
fn pol_1_standard_allowances() {
    let p = Policy::standard();
    let e = at("2026-01-10T00:00:00Z");
    let grace = p.phase_at(e, e);
    assert!(grace.allows.user_access && grace.allows.admin_access && grace.allows.reactivation);
    assert!(grace.allows.unlink_blocked && grace.allows.data_kept);
    let r = p.phase_at(e, e + days(30));
    assert!(
        !r.allows.user_access
            && r.allows.reactivation
            && r.allows.unlink_blocked
            && r.allows.data_kept
    );
    let lapsed = p.phase_at(e, e + days(60));
    assert_eq!(lapsed.allows, channel_licensing::Allowances::NONE);
    assert!(lapsed.is_last && lapsed.ends.is_none());
    assert_eq!(p.unlink_blocked_days(), Some(60));
}

/// POL-1: each phase reports the day it ends (`None` for the last), and
/// each allowance reads as words in messages.
#[test]
fn pol_1_phase_ends_and_allowance_names() {
    use channel_licensing::Allowance;
    let ends: Vec<_> = Policy::standard()
        .phases()
        .iter()
        .map(|phase| phase.ends_on_day())
        .collect();
    assert_eq!(ends, [Some(30), Some(60), None]);
    let ends: Vec<_> = Policy::microsoft_new_commerce()
        .phases()
        .iter()
        .map(|phase| phase.ends_on_day())
        .collect();
    assert_eq!(ends, [Some(30), Some(120), None]);
    for (allowance, words) in [
        (Allowance::UserAccess, "user access"),
        (Allowance::AdminAccess, "admin access"),
        (Allowance::Reactivation, "reactivation"),
        (Allowance::UnlinkBlocked, "blocked unlinking"),
        (Allowance::DataKept, "kept data"),
    ] {
        assert_eq!(allowance.to_string(), words);
    }
}

// ---------------------------------------------------------------- POL-3

/// POL-3: a licence schedules a reminder 30 days before its term end;
/// delivering it reports it due, and a second delivery is a no-op.
#[test]
fn pol_3_term_end_reminder() {
    let p = Policy::standard();
    let licence = active(true);
    let reminder = timer(&licence, &p, "/reminder/term_end/30");
    assert_eq!(reminder.due, at("2026-12-02T00:00:00Z"));
    assert_eq!(licence.next_deadline(&p), Some(reminder.due));

    let early = refuse(
        &licence,
        C::Deliver(reminder.clone()),
        reminder.due - secs(1),
    );
    assert_eq!(early.rule(), Rule::Pol3);

    let d = accept(&licence, C::Deliver(reminder.clone()), reminder.due);
    assert_eq!(
        changes(&d),
        [LicenceChange::ReminderDue {
            before: ReminderTarget::TermEnd,
            days: 30,
            ends: year_2026().ends,
            due: reminder.due
        }]
    );
    assert_eq!(
        cancels(&d),
        ["customer/rossi/licence/L-1/reminder/term_end/30"]
    );
    let reminded = apply(licence, &d);
    assert_eq!(reminded.next_deadline(&p), Some(year_2026().ends));
    assert!(
        accept(
            &reminded,
            C::Deliver(reminder.clone()),
            reminder.due + secs(1)
        )
        .is_empty()
    );
}

/// POL-3: a reminder delivered after its licence renewed, was cancelled or
/// changed term is stale; the renewed term gets its own reminder.
#[test]
fn pol_3_stale_reminders_are_no_ops() {
    let p = Policy::standard();
    let licence = active(true);
    let reminder = timer(&licence, &p, "/reminder/term_end/30");
    let end = timer(&licence, &p, "/term_end");

    // Renewed: the old reminder is stale, and the new term's is scheduled.
    let renewed = apply(
        licence.clone(),
        &accept(&licence, C::Deliver(end.clone()), end.due),
    );
    assert!(accept(&renewed, C::Deliver(reminder.clone()), end.due + secs(1)).is_empty());
    assert_eq!(
        timer(&renewed, &p, "/reminder/term_end/30").due,
        at("2027-12-02T00:00:00Z")
    );

    // Changed term: the licence expired and was reactivated for a new term;
    // the old term's reminder, delivered late, is stale.
    let off = active(false);
    let expired = apply(off.clone(), &accept(&off, C::Deliver(end.clone()), end.due));
    let now = end.due + days(5);
    let reactivated = apply(
        expired.clone(),
        &accept(
            &expired,
            C::Reactivate {
                term_days: 365,
                auto_renew: false,
            },
            now,
        ),
    );
    assert!(accept(&reactivated, C::Deliver(reminder.clone()), now).is_empty());
    // ... while the same reminder on the licence whose term it belongs to is not.
    assert!(!accept(&off, C::Deliver(reminder.clone()), reminder.due).is_empty());
}

/// POL-3: a trial reminds 3 days before its end; the offsets are policy data.
#[test]
fn pol_3_trial_reminder_and_policy_offsets() {
    let term = Term::of_days(at("2026-03-01T00:00:00Z"), 30).unwrap();
    let trial = Licence::trial("T-1", "e", 5, term, by_acme()).unwrap();
    let r = timer(&trial, &Policy::standard(), "/reminder/trial_end/3");
    assert_eq!(r.due, term.ends - days(3));
    let d = accept(&trial, C::Deliver(r.clone()), r.due);
    assert!(matches!(
        changes(&d)[0],
        LicenceChange::ReminderDue {
            before: ReminderTarget::TrialEnd,
            days: 3,
            ..
        }
    ));

    let p = Policy::standard()
        .to_builder()
        .term_end_reminders([7, 30, 1])
        .build()
        .unwrap();
    let dues: Vec<_> = active(true)
        .timers(&customer(), &p)
        .map(|t| t.due)
        .collect();
    let end = year_2026().ends;
    assert_eq!(dues, [end - days(30), end - days(7), end - days(1), end]);
}

/// POL-3: when several reminders are overdue at once, only the most
/// imminent is reported, once.
#[test]
fn pol_3_overdue_reminders_collapse_into_the_latest() {
    let p = Policy::standard()
        .to_builder()
        .term_end_reminders([30, 7])
        .build()
        .unwrap();
    let licence = active(true);
    let now = year_2026().ends - days(2);
    let d = decide(&licence, C::ChangeSeats { seats: 11 }, now, &partner(), &p).unwrap();
    assert_eq!(
        changes(&d),
        [
            LicenceChange::ReminderDue {
                before: ReminderTarget::TermEnd,
                days: 7,
                ends: year_2026().ends,
                due: year_2026().ends - days(7)
            },
            LicenceChange::SeatsChanged { from: 10, to: 11 },
        ]
    );
    let after = apply(licence, &d);
    assert_eq!(
        after.timers(&customer(), &p).count(),
        1,
        "only the term end is left"
    );
}

// ---------------------------------------------------------------- POL-5

/// POL-5: policies carry a name and a version, and every event records the
/// policy it was decided under.
#[test]
fn pol_5_events_record_the_policy_version() {
    let p = Policy::standard()
        .to_builder()
        .name("standard-2027")
        .version(3)
        .build()
        .unwrap();
    assert_eq!((p.name().as_str(), p.version()), ("standard-2027", 3));
    assert_eq!(Policy::standard().version(), 1);
    let d = decide(
        &active(true),
        C::ChangeSeats { seats: 12 },
        at("2026-02-01T00:00:00Z"),
        &partner(),
        &p,
    )
    .unwrap();
    let event = d.events().next().unwrap();
    assert_eq!(event.policy.name.as_str(), "standard-2027");
    assert_eq!(event.policy.version, 3);
    let json = serde_json::to_value(event).unwrap();
    assert_eq!(
        json["policy"],
        serde_json::json!({"name": "standard-2027", "version": 3})
    );
}

/// POL-5: a policy is validated when built, and a blank name is invalid.
#[test]
fn pol_5_policies_are_validated_when_built() {
    use channel_licensing::PolicyError;
    assert_eq!(
        Policy::standard()
            .to_builder()
            .name("  ")
            .build()
            .unwrap_err(),
        PolicyError::BlankName
    );
    let json = serde_json::to_string(&Policy::microsoft_new_commerce()).unwrap();
    let back: Policy = serde_json::from_str(&json).unwrap();
    assert_eq!(back, Policy::microsoft_new_commerce());
}

// ---------------------------------------------------------------- overflow

/// Instants at chrono's limits give an error value, never a panic.
#[test]
fn instants_at_the_end_of_time_are_errors_not_panics() {
    let end_of_time = chrono::DateTime::<chrono::Utc>::MAX_UTC;
    let expired = with_state(LicenceState::Expired {
        at: end_of_time - days(1),
    });
    let result = decide(
        &expired,
        C::Reactivate {
            term_days: 365,
            auto_renew: false,
        },
        end_of_time,
        &partner(),
        &Policy::standard(),
    );
    assert_eq!(result.unwrap_err(), Error::TimeOutOfRange);
    let result = decide(
        &active(true),
        C::Suspend,
        end_of_time - days(1),
        &partner(),
        &Policy::standard(),
    );
    // The term ended long ago and renews to a term past the end of time.
    assert_eq!(result.unwrap_err(), Error::TimeOutOfRange);
    assert!(matches!(
        decide(&active(false), C::Deliver(timer(&active(false), &Policy::standard(), "/term_end")), end_of_time, &partner(), &Policy::standard()),
        Ok(ref d) if matches!(changes(d)[0], LicenceChange::Expired { .. })
    ));
}

/// LIC-7 with LIC-2: resuming after the term ended (while suspended) applies
/// the term end right after the resume, so the decided state is never an
/// "active" licence whose term is over.
#[test]
fn lic_7_resume_after_the_term_ended_settles_the_term_end() {
    let p = Policy::standard();
    for (auto_renew, expect_renewal) in [(false, false), (true, true)] {
        let licence = active(auto_renew);
        let since = at("2026-12-20T00:00:00Z");
        let suspended = apply(licence.clone(), &accept(&licence, C::Suspend, since));
        let now = at("2027-01-05T00:00:00Z");
        let d = accept(&suspended, C::Resume, now);
        let c = changes(&d);
        assert_eq!(c[0], LicenceChange::Resumed);
        if expect_renewal {
            assert!(
                matches!(c[1], LicenceChange::Renewed { renewals: 1, .. }),
                "{c:?}"
            );
        } else {
            assert_eq!(
                c[1],
                LicenceChange::Expired {
                    at: year_2026().ends
                }
            );
        }
        let after = apply(suspended.clone(), &d);
        assert!(after.next_deadline(&p).is_none_or(|due| due > now));
    }
}

/// LIC-2: the renewal is exact to the nanosecond, whatever the term's length,
/// and a very short term far in the past renews rather than getting stuck.
#[test]
fn lic_2_renewal_is_exact_for_any_term_length() {
    let t0 = at("2026-01-01T00:00:00Z");
    let term = Term::new(t0, t0 + chrono::TimeDelta::microseconds(1500)).unwrap();
    let licence = Licence::active("L-1", "e", 1, term, true, by_acme()).unwrap();
    let now = term.ends + chrono::TimeDelta::milliseconds(3);
    let d = accept(&licence, C::ChangeSeats { seats: 2 }, now);
    let renewed = Term::new(now, now + chrono::TimeDelta::microseconds(1500)).unwrap();
    assert_eq!(
        changes(&d)[0],
        LicenceChange::Renewed {
            term: renewed,
            renewals: 3
        }
    );

    let term = Term::new(t0, t0 + chrono::TimeDelta::milliseconds(1)).unwrap();
    let licence = Licence::active("L-1", "e", 1, term, true, by_acme()).unwrap();
    let d = decide(
        &licence,
        C::Revoke,
        t0 + days(30),
        &vendor(),
        &Policy::standard(),
    )
    .unwrap();
    assert!(matches!(
        changes(&d)[0],
        LicenceChange::Renewed {
            renewals: 2_592_000_000,
            ..
        }
    ));
    assert!(matches!(changes(&d)[1], LicenceChange::Revoked { .. }));
}

/// LIC-6: a last, open-ended phase may not give users access forever (the
/// grace would never end), and overrides do not depend on call order.
#[test]
fn lic_6_endless_grace_is_rejected_and_overrides_commute() {
    use channel_licensing::{Allowances, Phase, PolicyBuilder, PolicyError};
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
    use channel_licensing::PolicyError;
    let max = i64::try_from(Policy::MAX_REMINDERS).unwrap();
    assert!(
        Policy::standard()
            .to_builder()
            .term_end_reminders(1..=max)
            .build()
            .is_ok()
    );
    let err = Policy::standard()
        .to_builder()
        .term_end_reminders(1..=max + 1)
        .build()
        .unwrap_err();
    assert!(matches!(err, PolicyError::TooManyReminders { .. }));
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

// ---------------------------------------------------------------- BILL-6

/// BILL-6 (and LIC-11's "a licence the partner manages"): a direct purchase
/// is visible to the partner but not manageable: quantity, status,
/// auto-renew and cancel commands from a partner are refused.
#[test]
fn bill_6_partner_cannot_manage_a_direct_purchase() {
    use channel_licensing::Purchaser;
    let now = at("2026-06-01T00:00:00Z");
    let direct = Licence::active(
        "L-1",
        "endpoint-advanced",
        10,
        year_2026(),
        true,
        Purchaser::Customer,
    )
    .unwrap();
    for command in [
        C::ChangeSeats { seats: 12 },
        C::Suspend,
        C::Resume,
        C::SetAutoRenew { on: false },
        C::Cancel,
    ] {
        let r = refuse(&direct, command.clone(), now);
        assert_eq!(r.rule(), Rule::Bill6, "{command:?}");
        assert!(matches!(r.reason(), Reason::DirectPurchase { .. }));
        // The same command on a licence the partner bought is not refused by BILL-6.
        let own = decide(
            &active(true),
            command.clone(),
            now,
            &partner(),
            &Policy::standard(),
        );
        assert!(
            own.as_ref()
                .err()
                .and_then(Error::refusal)
                .is_none_or(|r| r.rule() != Rule::Bill6)
        );
    }
    let r = refuse(&direct, C::ChangeSeats { seats: 12 }, now);
    assert_eq!(
        r.to_string(),
        "cannot change the seats of licence L-1: the customer bought it directly from the vendor, \
         so only the customer can manage it (BILL-6)"
    );
    // The customer itself, in its own console, manages it.
    let admin = channel_licensing::Actor::CustomerAdmin {
        customer: "rossi".into(),
    };
    assert!(
        decide(
            &direct,
            C::ChangeSeats { seats: 12 },
            now,
            &admin,
            &Policy::standard()
        )
        .is_ok()
    );
}
