//! LIC-2: an active licence reaching its term end expires, or renews for a
//! term of the same length; late, duplicate and stale deliveries.

use channel_licensing::{
    Licence, LicenceChange, LicenceCommand as C, LicenceState, Policy, Rule, Term, TimerKey,
};

use crate::common::*;

// ---------------------------------------------------------------- LIC-2

/// LIC-2: with auto-renew off, the licence expires at the term-end instant.
#[test]
fn lic_2_term_end_without_auto_renew_expires_at_the_term_end() {
    let licence = active(false);
    let p = Policy::standard();
    let end = timer(&licence, &p, "/term_end");
    assert_eq!(end.due, year_2026().ends);

    // One second early: refused, with the due instant as the earliest.
    let early = given(&licence)
        .when(&partner(), C::Deliver(end.clone()))
        .at(end.due - secs(1))
        .refused();
    assert_eq!(early.rule(), Rule::Lic2);
    assert_eq!(early.earliest(), Some(end.due));

    let d = given(&licence)
        .when(&partner(), C::Deliver(end.clone()))
        .at(end.due)
        .accepted();
    // The reminder was never delivered: once the term has ended it is too
    // late to send, recorded as skipped (POL-3), and its timer is dropped
    // with the term end.
    assert_eq!(
        changes(&d),
        [
            skipped_reminder(end.due),
            LicenceChange::Expired { at: end.due }
        ]
    );
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
    let d = given(&licence)
        .when(&partner(), C::Deliver(end.clone()))
        .at(end.due)
        .accepted();
    let next = Term::new(at("2027-01-01T00:00:00Z"), at("2028-01-01T00:00:00Z")).unwrap();
    assert_eq!(
        changes(&d),
        [
            skipped_reminder(end.due),
            LicenceChange::Renewed {
                term: next,
                renewals: 1
            }
        ]
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
    let d = given(&licence)
        .when(
            &partner(),
            C::Deliver(timer(&licence, &Policy::standard(), "/term_end")),
        )
        .at(now)
        .accepted();
    let renewed = Term::of_days(at("2026-04-01T00:00:00Z"), 30).unwrap();
    // The first term's reminder (due at its start) was never sent.
    assert!(matches!(
        changes(&d)[0],
        LicenceChange::ReminderSkipped { days: 30, .. }
    ));
    assert_eq!(
        changes(&d)[1],
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
    let r = given(&licence)
        .when(&partner(), C::ChangeSeats { seats: 20 })
        .at(end)
        .refused();
    assert_eq!(r.rule(), Rule::Lic11);
    assert!(r.to_string().contains("expired (grace)"), "{r}");
    // One second before the end the licence is still active.
    assert!(
        !given(&licence)
            .when(&partner(), C::ChangeSeats { seats: 20 })
            .at(end - secs(1))
            .accepted()
            .is_empty()
    );
}

/// LIC-2: a term-end timer delivered twice, or after the licence renewed,
/// is stale: accepted, no events, no effects.
#[test]
fn lic_2_duplicate_and_stale_term_end_deliveries_are_no_ops() {
    let licence = active(true);
    let p = Policy::standard();
    let end = timer(&licence, &p, "/term_end");
    let d = given(&licence)
        .when(&partner(), C::Deliver(end.clone()))
        .at(end.due)
        .accepted();
    let renewed = apply(licence, &d);
    let again = given(&renewed)
        .when(&partner(), C::Deliver(end.clone()))
        .at(end.due + secs(5))
        .accepted();
    assert!(again.is_empty(), "{again:?}");
}

/// LIC-2: the renewal is exact to the nanosecond, whatever the term's length,
/// and a very short term far in the past renews rather than getting stuck.
#[test]
fn lic_2_renewal_is_exact_for_any_term_length() {
    let t0 = at("2026-01-01T00:00:00Z");
    let term = Term::new(t0, t0 + chrono::TimeDelta::microseconds(1500)).unwrap();
    let licence = Licence::active("L-1", "e", 1, term, true, by_acme()).unwrap();
    let now = term.ends + chrono::TimeDelta::milliseconds(3);
    let d = given(&licence)
        .when(&partner(), C::ChangeSeats { seats: 2 })
        .at(now)
        .accepted();
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
    let d = given(&licence)
        .when(&vendor(), C::Revoke)
        .at(t0 + days(30))
        .outcome()
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

/// LIC-2, late delivery on an account: a command on one licence catches up
/// that licence only. Another licence's overdue term end is neither applied
/// nor reported by it; it stays pending in the outbox and applies when its
/// timer is delivered.
#[test]
fn lic_2_a_command_on_one_licence_catches_up_that_licence_only() {
    use channel_licensing::{Account, AccountChange, AccountCommand, Actor};

    let p = Policy::standard();
    let short = Term::new(at("2026-01-01T00:00:00Z"), at("2026-03-01T00:00:00Z")).unwrap();
    let l1 = Licence::active("L-1", "endpoint", 5, short, false, by_acme()).unwrap();
    let account = rossi(channel_licensing::BillingType::Term)
        .with_licence(l1)
        .with_licence(active_licence("L-2"));
    let end = account
        .timers(&p)
        .find(|t| t.key.to_string().ends_with("L-1/term_end"))
        .unwrap();
    assert!(end.due < now(), "L-1's term end is overdue");

    // Seats of L-2: one event, L-2's; L-1 still active, its timer pending.
    let d = given(&account)
        .when(&acme(&[]), on("L-2", C::ChangeSeats { seats: 7 }))
        .at(now())
        .accepted();
    let changed: Vec<&str> = d
        .events()
        .map(|e| match &e.change {
            AccountChange::Licence { licence, .. } => licence.as_str(),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(changed, ["L-2"]);
    assert_eq!(d.effects().count(), 0);
    let after = d.events().fold(account.clone(), Account::evolve);
    assert!(
        after.timers(&p).any(|t| t == end),
        "L-1's term end stays pending"
    );

    // Its delivery applies it.
    let delivered = given(&after)
        .when(&Actor::Vendor, AccountCommand::Deliver(end.clone()))
        .at(now())
        .accepted();
    assert!(delivered.events().any(|e| e.change
        == AccountChange::Licence {
            licence: "L-1".into(),
            change: LicenceChange::Expired { at: end.due },
        }));

    // A command on L-1 itself applies its overdue term end first.
    let refused = given(&account)
        .when(&acme(&[]), on("L-1", C::ChangeSeats { seats: 7 }))
        .at(now())
        .refused();
    assert_eq!(refused.rule(), Rule::Lic13);
}
