//! POL-3: reminders before a term end and a trial end, at the policy's
//! offsets; stale ones are no-ops and overdue ones collapse into the latest.

use channel_licensing::effect::ReminderTarget;
use channel_licensing::{Licence, LicenceChange, LicenceCommand as C, Policy, Rule, Term};

use crate::common::*;

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

    let early = given(&licence)
        .when(&partner(), C::Deliver(reminder.clone()))
        .at(reminder.due - secs(1))
        .refused();
    assert_eq!(early.rule(), Rule::Pol3);

    let d = given(&licence)
        .when(&partner(), C::Deliver(reminder.clone()))
        .at(reminder.due)
        .accepted();
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
        given(&reminded)
            .when(&partner(), C::Deliver(reminder.clone()))
            .at(reminder.due + secs(1))
            .accepted()
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
    let renewed = given(&licence)
        .when(&partner(), C::Deliver(end.clone()))
        .at(end.due)
        .then_state();
    assert!(
        given(&renewed)
            .when(&partner(), C::Deliver(reminder.clone()))
            .at(end.due + secs(1))
            .accepted()
            .is_empty()
    );
    assert_eq!(
        timer(&renewed, &p, "/reminder/term_end/30").due,
        at("2027-12-02T00:00:00Z")
    );

    // Changed term: the licence expired and was reactivated for a new term;
    // the old term's reminder, delivered late, is stale.
    let off = active(false);
    let expired = given(&off)
        .when(&partner(), C::Deliver(end.clone()))
        .at(end.due)
        .then_state();
    let now = end.due + days(5);
    let reactivated = given(&expired)
        .when(
            &partner(),
            C::Reactivate {
                term_days: 365,
                auto_renew: false,
            },
        )
        .at(now)
        .then_state();
    assert!(
        given(&reactivated)
            .when(&partner(), C::Deliver(reminder.clone()))
            .at(now)
            .accepted()
            .is_empty()
    );
    // ... while the same reminder on the licence whose term it belongs to is not.
    assert!(
        !given(&off)
            .when(&partner(), C::Deliver(reminder.clone()))
            .at(reminder.due)
            .accepted()
            .is_empty()
    );
}

/// POL-3: a trial reminds 3 days before its end; the offsets are policy data.
#[test]
fn pol_3_trial_reminder_and_policy_offsets() {
    let term = Term::of_days(at("2026-03-01T00:00:00Z"), 30).unwrap();
    let trial = Licence::trial("T-1", "e", 5, term, by_acme()).unwrap();
    let r = timer(&trial, &Policy::standard(), "/reminder/trial_end/3");
    assert_eq!(r.due, term.ends - days(3));
    let d = given(&trial)
        .when(&partner(), C::Deliver(r.clone()))
        .at(r.due)
        .accepted();
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
        .name("custom")
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
        .name("custom")
        .term_end_reminders([30, 7])
        .build()
        .unwrap();
    let licence = active(true);
    let now = year_2026().ends - days(2);
    let d = given(&licence)
        .under(&p)
        .when(&partner(), C::ChangeSeats { seats: 11 })
        .at(now)
        .outcome()
        .unwrap();
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

/// POL-3: a trial's day-3 reminder delivered only after the trial ended (a
/// scheduler that was down) is too late to send: the decision records it
/// as skipped, then the trial's end; a second delivery changes nothing. A
/// reminder delivered in time is never recorded as skipped.
#[test]
fn pol_3_a_reminder_delivered_after_its_end_is_recorded_as_skipped() {
    let p = Policy::standard();
    let trial = Term::of_days(at("2026-03-01T00:00:00Z"), 30).unwrap();
    let licence = Licence::trial("L-1", "endpoint", 5, trial, by_acme()).unwrap();
    let reminder = timer(&licence, &p, "/reminder/trial_end/3");
    assert_eq!(reminder.due, trial.ends - days(3));

    let late = trial.ends + days(2);
    let d = given(&licence)
        .when(&vendor(), C::Deliver(reminder.clone()))
        .at(late)
        .accepted();
    assert_eq!(
        changes(&d),
        [
            LicenceChange::ReminderSkipped {
                before: ReminderTarget::TrialEnd,
                days: 3,
                ends: trial.ends,
                due: reminder.due,
            },
            LicenceChange::Expired { at: trial.ends },
        ]
    );
    let ended = apply(licence.clone(), &d);
    assert!(
        given(&ended)
            .when(&vendor(), C::Deliver(reminder.clone()))
            .at(late + secs(1))
            .accepted()
            .is_empty()
    );

    // Delivered in time: sent, and the trial's end records nothing skipped.
    let d = given(&licence)
        .when(&vendor(), C::Deliver(reminder.clone()))
        .at(reminder.due)
        .accepted();
    assert!(matches!(
        changes(&d)[..],
        [LicenceChange::ReminderDue { days: 3, .. }]
    ));
    let reminded = apply(licence, &d);
    let end = timer(&reminded, &p, "/trial_end");
    let d = given(&reminded)
        .when(&vendor(), C::Deliver(end.clone()))
        .at(end.due)
        .accepted();
    assert_eq!(changes(&d), [LicenceChange::Expired { at: trial.ends }]);
}
