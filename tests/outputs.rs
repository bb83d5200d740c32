//! Details of the output types that callers build on (found missing by
//! mutation testing, where only doctests covered them): splitting a
//! decision, outbox keys that stay unique whatever the IDs, reminder names,
//! seat batches.

mod common;

use channel_licensing::{
    Decision, Effect, LicenceCommand, LicenceEvent, ReminderTarget, SeatBatches, TimerKey,
};
use common::*;

/// A decision splits into its events and its effects, each in order.
#[test]
fn a_decision_splits_into_its_events_and_effects() {
    // Suspending an active licence: one event; its term-end reminder and
    // term end are cancelled and the suspension's cancellation scheduled.
    let licence = active(true);
    let decision = accept(
        &licence,
        LicenceCommand::Suspend,
        at("2026-03-01T00:00:00Z"),
    );
    let events: Vec<LicenceEvent> = decision.events().cloned().collect();
    let effects: Vec<Effect> = decision.effects().cloned().collect();
    assert_eq!(events.len(), 1);
    assert_eq!(effects.len(), 3, "{effects:?}");
    assert_eq!(decision.into_parts(), (events, effects));
    assert_eq!(
        Decision::<LicenceEvent>::none().into_parts(),
        (vec![], vec![])
    );
}

/// Outbox keys are `/`-separated; a `/` or `%` inside an ID is escaped, so
/// two different timers never share a key.
#[test]
fn timer_keys_escape_slashes_and_percent_signs_in_ids() {
    let key = TimerKey::TermEnd {
        licence: "a/b%c".into(),
    };
    assert_eq!(key.to_string(), "licence/a%2Fb%25c/term_end");
    let unlink = TimerKey::ScheduledUnlink {
        customer: "x/y".into(),
        partner: "50%".into(),
    };
    assert_eq!(unlink.to_string(), "customer/x%2Fy/unlink/50%25");
    // Without escaping, these two would both be "licence/a/reminder/...".
    let tricky = TimerKey::TermEnd {
        licence: "a/reminder/term_end/30".into(),
    };
    let reminder = TimerKey::Reminder {
        licence: "a".into(),
        before: ReminderTarget::TermEnd,
        days: 30,
    };
    assert_ne!(tricky.to_string(), reminder.to_string());
    assert_eq!(reminder.to_string(), "licence/a/reminder/term_end/30");
}

/// Reminder targets read as words in messages.
#[test]
fn reminder_targets_display_as_words() {
    assert_eq!(ReminderTarget::TermEnd.to_string(), "term end");
    assert_eq!(ReminderTarget::TrialEnd.to_string(), "trial end");
}

/// Seat batches: none by default, one after seats are added.
#[test]
fn seat_batches_are_empty_until_seats_are_added() {
    assert!(SeatBatches::default().is_empty());
    let batches = SeatBatches::of(3, at("2026-01-01T00:00:00Z"));
    assert!(!batches.is_empty());
    assert_eq!(batches.iter().map(|b| b.seats).sum::<u32>(), 3);
}
