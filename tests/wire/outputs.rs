//! Details of the output types that callers build on (found missing by
//! mutation testing, where only doctests covered them): splitting a
//! decision, outbox keys that stay unique whatever the IDs, reminder names,
//! seat batches.

use channel_licensing::effect::ReminderTarget;
use channel_licensing::licence::SeatBatches;
use channel_licensing::money::MoneyError;
use channel_licensing::{Decision, Effect, LicenceCommand, LicenceEvent, TimerKey};

use crate::common::*;

/// A decision splits into its events and its effects, each in order.
#[test]
fn a_decision_splits_into_its_events_and_effects() {
    // Suspending an active licence: one event; its term-end reminder and
    // term end are cancelled and the suspension's cancellation scheduled.
    let licence = active(true);
    let decision = given(&licence)
        .when(&partner(), LicenceCommand::Suspend)
        .at(at("2026-03-01T00:00:00Z"))
        .accepted();
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
        customer: "rossi".into(),
        licence: "a/b%c".into(),
    };
    assert_eq!(key.to_string(), "customer/rossi/licence/a%2Fb%25c/term_end");
    let unlink = TimerKey::ScheduledUnlink {
        customer: "x/y".into(),
        partner: "50%".into(),
    };
    assert_eq!(unlink.to_string(), "customer/x%2Fy/unlink/50%25");
    // Without escaping, these two would both be
    // "customer/rossi/licence/a/reminder/...".
    let tricky = TimerKey::TermEnd {
        customer: "rossi".into(),
        licence: "a/reminder/term_end/30".into(),
    };
    let reminder = TimerKey::Reminder {
        customer: "rossi".into(),
        licence: "a".into(),
        before: ReminderTarget::TermEnd,
        days: 30,
    };
    assert_ne!(tricky.to_string(), reminder.to_string());
    assert_eq!(
        reminder.to_string(),
        "customer/rossi/licence/a/reminder/term_end/30"
    );
    // The customer is escaped too: without it, both would be
    // "customer/rossi/licence/L-1/licence/x/term_end".
    let customer_slash = TimerKey::TermEnd {
        customer: "rossi/licence/L-1".into(),
        licence: "x".into(),
    };
    let licence_slash = TimerKey::TermEnd {
        customer: "rossi".into(),
        licence: "L-1/licence/x".into(),
    };
    assert_ne!(customer_slash.to_string(), licence_slash.to_string());
    assert_eq!(
        customer_slash.to_string(),
        "customer/rossi%2Flicence%2FL-1/licence/x/term_end"
    );
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

/// `DefaultHasher::new()` is SipHash with fixed keys: the same value always
/// hashes the same, so different hashes for these different values are a
/// stable check that the hash reads the batches at all.
fn hash_of(batches: &SeatBatches) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    batches.hash(&mut hasher);
    hasher.finish()
}

/// Seat batches compare and hash by the batches in use: different batches
/// differ, and a licence whose newest batch was removed equals (and hashes
/// like) one that never had it.
#[test]
fn seat_batches_compare_and_hash_by_the_batches_in_use() {
    let t = at("2026-01-01T00:00:00Z");
    let three = SeatBatches::of(3, t);
    assert_eq!(three, SeatBatches::of(3, t));
    assert_eq!(hash_of(&three), hash_of(&SeatBatches::of(3, t)));
    for other in [
        SeatBatches::of(4, t),
        SeatBatches::of(3, t + days(1)),
        SeatBatches::default(),
    ] {
        assert_ne!(three, other);
        assert_ne!(hash_of(&three), hash_of(&other));
    }

    // 10 seats, 5 more, then back to 10: the 5 are removed (POL-2, newest
    // first), leaving their slot behind.
    let bought = active(true);
    let grown = given(&bought)
        .when(&partner(), LicenceCommand::ChangeSeats { seats: 15 })
        .at(t + days(3))
        .then_state();
    let back = given(&grown)
        .when(&partner(), LicenceCommand::ChangeSeats { seats: 10 })
        .at(t + days(4))
        .then_state();
    assert_ne!(grown.seat_batches, bought.seat_batches);
    assert_eq!(back.seat_batches, bought.seat_batches);
    assert_eq!(hash_of(&back.seat_batches), hash_of(&bought.seat_batches));
}

/// Beyond `SeatBatches::CAPACITY` batches the two oldest merge under the
/// older instant; the newest batch is always kept and no seat is lost.
#[test]
fn a_seat_increase_beyond_the_capacity_merges_the_two_oldest_batches() {
    let mut licence = active(true);
    let start = licence.seat_batches.iter().next().map(|b| b.added_at);
    let mut seats = licence.seats;
    for step in 1..=SeatBatches::CAPACITY as i64 {
        let now = at("2026-02-01T00:00:00Z") + days(step);
        seats += 1;
        let decision = given(&licence)
            .when(&partner(), LicenceCommand::ChangeSeats { seats })
            .at(now)
            .accepted();
        licence = apply(licence, &decision);
    }
    let batches: Vec<_> = licence.seat_batches.iter().collect();
    assert_eq!(batches.len(), SeatBatches::CAPACITY);
    assert_eq!(batches.iter().map(|b| b.seats).sum::<u32>(), seats);
    // The first batch (10 seats) and the first increase merged, older instant.
    assert_eq!(batches[0].seats, 11);
    assert_eq!(Some(batches[0].added_at), start);
    let newest = batches.last().expect("a batch");
    assert_eq!(
        (newest.seats, newest.added_at),
        (1, at("2026-02-01T00:00:00Z") + days(8))
    );
}

/// A stored licence whose batches hold fewer seats than it has is no state
/// a decision leaves (they always add up to its seats): it does not load,
/// and the error names the field and POL-2.
#[test]
fn a_licence_whose_batches_do_not_hold_its_seats_does_not_load() {
    let mut stored = serde_json::to_value(active(true)).expect("licence to JSON");
    stored["seat_batches"] = serde_json::json!([
        { "seats": 2, "added_at": "2026-01-01T00:00:00Z" }
    ]);
    let err = channel_licensing::from_json::<channel_licensing::Licence>(&stored.to_string())
        .unwrap_err();
    assert!(
        err.message()
            .starts_with("seat_batches: 2 seats in batches, not the licence's 10 (POL-2)"),
        "{err}"
    );
}

/// An `Error` as an API response carries it (its kind, message, rule and
/// refusal), for every kind: a wire contract, pinned. LIC-5's refusal and
/// SUB-1's invalid state carry their rule.
#[test]
fn lic_5_every_error_kind_is_written_with_its_message_and_rule() {
    use channel_licensing::policy::PolicyError;
    use channel_licensing::{
        Account, Actor, BillingType, Context, Error, Licence, LicenceState, NewAccount, Policy,
        Purchaser, Relationship, RelationshipState,
    };
    let policy = Policy::standard();
    let partner = acme(&[]);
    let ctx = Context::new(now(), &partner, &policy);
    // An account imported after `change`: refused by what it breaks.
    let import = |change: fn(&mut Account)| {
        let mut account = rossi(BillingType::Term);
        change(&mut account);
        let import = NewAccount::Import {
            account: Box::new(account),
        };
        Account::create(&import, &Context::new(now(), &Actor::Vendor, &policy)).unwrap_err()
    };
    let expired = Licence::new(
        "L-1",
        "endpoint",
        10,
        LicenceState::Expired {
            at: at("2026-01-10T00:00:00Z"),
        },
        Purchaser::partner("acme"),
    )
    .unwrap();
    let refused = expired
        .decide(
            &"rossi".into(),
            &LicenceCommand::Reactivate {
                term_days: 365,
                auto_renew: false,
            },
            &Context::new(at("2026-03-11T00:00:00Z"), &Actor::Vendor, &policy),
        )
        .unwrap_err();
    let errors = vec![
        refused,
        Error::TimeOutOfRange,
        Error::InvalidTerm,
        Error::ZeroSeats,
        Error::Money(MoneyError::InvalidCurrency),
        rossi(BillingType::Term)
            .decide(&on("L-9", LicenceCommand::Remove), &ctx)
            .unwrap_err(),
        import(|a| {
            a.licences
                .extend([active_licence("L-1"), active_licence("L-1")])
        }),
        import(|a| {
            let acme = Relationship::new("acme", RelationshipState::Linked);
            a.relationships.extend([acme.clone(), acme]);
        }),
        money("10", "EUR")
            .checked_add(money("10", "USD"))
            .unwrap_err()
            .into(),
        Error::Money(MoneyError::AmountOutOfRange),
        Error::Policy(PolicyError::NoPhases),
        import(|a| {
            a.licences.push(
                Licence::active(
                    "L-1",
                    "endpoint",
                    5,
                    year_2026(),
                    false,
                    Purchaser::partner("beta"),
                )
                .unwrap(),
            );
        }),
    ];
    let out: Vec<serde_json::Value> = errors
        .iter()
        .map(|e| {
            let json = serde_json::to_value(e).unwrap();
            assert_eq!(json["message"], e.to_string());
            assert_eq!(json["kind"], e.kind());
            json
        })
        .collect();
    assert_eq!(out[0]["rule"], "LIC-5");
    assert_eq!(out[0]["refusal"]["rule"], "LIC-5");
    insta::assert_json_snapshot!("error_views", out);
}
