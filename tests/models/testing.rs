//! The test kit's `World` (the `testing` feature) as a faithful caller:
//! over random command sequences its outbox always equals the accounts'
//! timers (LIC-2, POL-3, LIC-7, REL-9), and `advance_to` delivers every due
//! timer once, in due order, each at its own instant.

use channel_licensing::testing::World;
use channel_licensing::{
    Account, BillingType, CreatedBy, Licence, Policy, RelationshipState, Term,
};
use chrono::TimeDelta;
use proptest::prelude::*;

use crate::account::{account, actor, base, command, config};
use crate::common::{acme_user, active, at, by_acme, rossi};

proptest! {
    #![proptest_config(config(96, "proptest-regressions/testing_world.txt"))]

    /// An imported account, random commands by random actors, the clock
    /// advanced between them: after each step the outbox is exactly the
    /// accounts' timers, and nothing is overdue.
    #[test]
    fn the_worlds_outbox_is_always_the_accounts_timers(
        start in account(),
        steps in prop::collection::vec((0i64..40 * 86_400, command(), actor()), 1..20),
    ) {
        let mut world = World::new(Policy::standard(), base());
        let id = start.id.clone();
        world.import(start).unwrap();
        // Timers already overdue at import are the scheduler's first work.
        world.advance_to(base()).unwrap();
        world.check_outbox().map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (advance, command, actor) in steps {
            let until = world.now() + TimeDelta::seconds(advance);
            let delivered = world.advance_to(until).unwrap();
            prop_assert!(delivered.windows(2).all(|w| w[0].timer.due <= w[1].timer.due));
            let _ = world.decide(&id, &command, &actor);
            world.check_outbox().map_err(|e| TestCaseError::fail(e.to_string()))?;
            // What the command made due at once (a new subscription's
            // reminder) is the scheduler's next delivery; then nothing is due.
            world.advance_to(world.now()).unwrap();
            prop_assert!(world.outbox().values().all(|due| *due > world.now()));
        }
    }
}

proptest! {
    #![proptest_config(config(512, "proptest-regressions/testing_late.txt"))]

    /// A late scheduler ends in the state the on-time scheduler reaches
    /// (REL-9, REL-7, LIC-2, LIC-7, POL-3): whichever order the due timers
    /// are delivered in, late and all at once or each at its instant, they
    /// take effect in due order. Only the events differ (a reminder recorded
    /// as skipped instead of sent, renewals counted in one event).
    #[test]
    fn a_late_scheduler_ends_where_the_on_time_scheduler_does(
        start in account(),
        horizon in 0i64..800 * 86_400,
    ) {
        let id = start.id.clone();
        let until = base() + TimeDelta::seconds(horizon);
        let mut on_time = World::new(Policy::standard(), base());
        on_time.import(start.clone()).unwrap();
        on_time.advance_to(until).unwrap();
        let mut late = World::new(Policy::standard(), base());
        late.import(start).unwrap();
        late.advance_late_to(until).unwrap();
        prop_assert_eq!(late.account(&id), on_time.account(&id));
        prop_assert_eq!(late.outbox(), on_time.outbox());
    }
}

/// Many customers, each with licences whose terms end on different days:
/// a year delivers every renewal and reminder in due order, each once,
/// and leaves the outbox equal to the accounts' timers.
#[test]
fn lic_2_a_year_of_deliveries_across_customers_in_due_order() {
    let start = at("2026-01-01T00:00:00Z");
    let mut world = World::new(Policy::standard(), start);
    for c in 0..200 {
        let mut account = Account::new(
            format!("c-{c}"),
            &format!("Customer {c}"),
            "eu",
            BillingType::Term,
            CreatedBy::Partner,
        )
        .with_relationship("acme", RelationshipState::Linked);
        for l in 0..3_i64 {
            let term = Term::of_days(
                start + TimeDelta::days((c * 3 + l) % 90),
                30 + 30 * u32::try_from(l).unwrap(),
            )
            .unwrap();
            account = account.with_licence(
                Licence::active(format!("L-{l}"), "endpoint", 5, term, true, by_acme()).unwrap(),
            );
        }
        world.import(account).unwrap();
    }
    let delivered = world.advance_to(at("2027-01-01T00:00:00Z")).unwrap();
    assert!(
        delivered.len() > 200 * 3 * 4,
        "{} deliveries",
        delivered.len()
    );
    assert!(
        delivered
            .windows(2)
            .all(|w| w[0].timer.due <= w[1].timer.due)
    );
    assert!(
        delivered.iter().all(|d| !d.decision.is_empty()),
        "no delivery is stale"
    );
    world.check_outbox().unwrap();
    assert!(world.outbox().values().all(|due| *due > world.now()));
}

/// A delivery that fails (a renewal past the end of chrono's time) leaves
/// its timer pending and the clock before it: nothing is lost (LIC-2).
#[test]
fn lic_2_a_failed_delivery_keeps_its_timer() {
    let max = chrono::DateTime::<chrono::Utc>::MAX_UTC;
    let ends = max - TimeDelta::days(2);
    let term = Term::new(ends - TimeDelta::days(365), ends).unwrap();
    let account = rossi(BillingType::Term)
        .with_licence(Licence::active("L-1", "endpoint", 5, term, true, by_acme()).unwrap());
    let start = ends - TimeDelta::days(1);
    let mut world = World::new(Policy::standard(), start);
    world.import(account).unwrap();
    let result = world.advance_to(ends + TimeDelta::hours(1));
    assert!(result.is_err(), "{result:?}");
    // The overdue reminder was delivered; the term end failed and stays.
    assert_eq!(
        world
            .outbox()
            .iter()
            .map(|(k, due)| (k.to_string(), *due))
            .collect::<Vec<_>>(),
        [("customer/rossi/licence/L-1/term_end".to_owned(), ends)]
    );
    assert!(
        world.now() < ends,
        "the clock stopped before the failed delivery"
    );
    world.check_outbox().unwrap();
}

/// The outbox check reports a timer missing from the outbox, one the
/// accounts do not have, and one due at another instant, naming its key.
#[test]
fn check_outbox_names_the_first_key_that_differs() {
    use channel_licensing::testing::check_outbox;
    let policy = Policy::standard();
    let account = rossi(BillingType::Term).with_licence(active(true));
    let timers: std::collections::BTreeMap<_, _> =
        account.timers(&policy).map(|t| (t.key, t.due)).collect();
    assert!(check_outbox([&account], &timers, &policy).is_ok());
    let (key, due) = timers.iter().next().map(|(k, d)| (k.clone(), *d)).unwrap();

    let mut missing = timers.clone();
    missing.remove(&key);
    let e = check_outbox([&account], &missing, &policy).unwrap_err();
    assert_eq!(
        (e.key.clone(), e.in_outbox, e.in_accounts),
        (key.clone(), None, Some(due))
    );

    let mut moved = timers.clone();
    moved.insert(key.clone(), due + TimeDelta::days(1));
    let e = check_outbox([&account], &moved, &policy).unwrap_err();
    assert_eq!(e.in_outbox, Some(due + TimeDelta::days(1)));

    let mut extra = timers.clone();
    let stranger = channel_licensing::TimerKey::TermEnd {
        customer: "verdi".into(),
        licence: "L-1".into(),
    };
    extra.insert(stranger.clone(), due);
    let e = check_outbox([&account], &extra, &policy).unwrap_err();
    assert_eq!((e.key, e.in_accounts), (stranger, None));
}

/// LIC-2, POL-3: a scheduler down past a trial's end comes back
/// (`advance_late_to`): every due timer is delivered late, at the clock, the
/// passed reminder recorded as skipped, and the outbox is the accounts'
/// timers again. A rename's name is sent on (CUST-4), as the world records.
#[test]
fn lic_2_a_scheduler_that_was_down_delivers_late_and_skips_passed_reminders() {
    use channel_licensing::account::DisplayName;
    use channel_licensing::{
        AccountChange, AccountCommand, Actor, LicenceChange, NewAccount, NewCustomer,
    };
    let acme = Actor::Partner(acme_user().with_offers(["endpoint"]));
    let start = at("2026-01-01T00:00:00Z");
    let mut world = World::new(Policy::standard(), start);
    assert_eq!(world.policy(), &Policy::standard());
    let created = NewAccount::CreateTrial {
        customer: NewCustomer::new("rossi", "Rossi SpA", "eu"),
        licence: "T-1".into(),
        offer: "endpoint".into(),
        seats: 5,
        trial_days: 30,
    };
    world.create(&created, &acme).unwrap();
    let pending = world.outbox().len();
    assert!(pending > 0);

    let back = at("2026-03-01T00:00:00Z");
    world.skip_to(back);
    assert_eq!(
        (world.now(), world.outbox().len()),
        (back, pending),
        "nothing delivered yet"
    );
    let delivered = world.advance_late_to(back).unwrap();
    assert!(!delivered.is_empty());
    assert!(delivered.iter().all(|d| d.timer.due <= back));
    let skipped = delivered.iter().flat_map(|d| d.decision.events()).any(|e| {
        matches!(
            &e.change,
            AccountChange::Licence {
                change: LicenceChange::ReminderSkipped { .. },
                ..
            }
        )
    });
    assert!(skipped, "{delivered:?}");
    assert!(world.next_due().is_none_or(|(_, due)| due > back));
    world.check_outbox().unwrap();

    assert!(world.names_sent().is_empty());
    let rossi = "rossi".into();
    world
        .decide(
            &rossi,
            &AccountCommand::Rename {
                name: DisplayName::new("Rossi Group"),
            },
            &acme,
        )
        .unwrap();
    assert!(!world.names_sent().is_empty());
    assert!(
        world
            .names_sent()
            .iter()
            .all(|(_, customer, name)| *customer == rossi && name.as_str() == "Rossi Group")
    );
}

/// The test kit's `given … then_changes` asserts the decision's changes in
/// order and returns the state they lead to (LIC-11: a seat increase).
#[test]
fn lic_11_then_changes_checks_the_changes_and_returns_the_state_after() {
    use channel_licensing::testing::given;
    use channel_licensing::{LicenceChange, LicenceCommand};
    let acme = channel_licensing::Actor::Partner(acme_user());
    let licence = active(true);
    let after = given(&licence)
        .when(&acme, LicenceCommand::ChangeSeats { seats: 12 })
        .at(at("2026-03-01T00:00:00Z"))
        .then_changes(&[LicenceChange::SeatsChanged { from: 10, to: 12 }]);
    assert_eq!(after.seats, 12);
    assert_eq!(after.id, licence.id);
}

/// A specification whose changes differ fails, naming what it compared.
#[test]
#[should_panic(expected = "the decision's changes")]
fn lic_11_then_changes_fails_on_other_changes() {
    use channel_licensing::testing::given;
    use channel_licensing::{LicenceChange, LicenceCommand};
    let acme = channel_licensing::Actor::Partner(acme_user());
    given(&active(true))
        .when(&acme, LicenceCommand::ChangeSeats { seats: 12 })
        .at(at("2026-03-01T00:00:00Z"))
        .then_changes(&[LicenceChange::SeatsChanged { from: 10, to: 11 }]);
}

/// `refused` on an accepted command fails, naming the command
/// (LIC-7: an active licence may be suspended).
#[test]
#[should_panic(expected = "expected Suspend refused, got Decision")]
fn lic_7_refused_fails_on_an_accepted_command() {
    use channel_licensing::LicenceCommand;
    use channel_licensing::testing::given;
    let acme = channel_licensing::Actor::Partner(acme_user());
    let _ = given(&active(true))
        .when(&acme, LicenceCommand::Suspend)
        .at(at("2026-03-01T00:00:00Z"))
        .refused();
}

/// `refused` on a command that fails with an error other than a refusal
/// fails, naming the command and the error (LIC-2: a renewal past the end
/// of chrono's time is an error, not a refusal).
#[test]
#[should_panic(expected = "refused, got the error")]
fn lic_2_refused_fails_on_another_error() {
    use channel_licensing::testing::given;
    use channel_licensing::{LicenceCommand, Timer, TimerKey};
    let acme = channel_licensing::Actor::Partner(acme_user());
    let ends = chrono::DateTime::<chrono::Utc>::MAX_UTC - TimeDelta::days(2);
    let term = Term::new(ends - TimeDelta::days(365), ends).unwrap();
    let licence = Licence::active("L-1", "endpoint", 5, term, true, by_acme()).unwrap();
    let term_end = Timer {
        key: TimerKey::TermEnd {
            customer: "customer".into(),
            licence: "L-1".into(),
        },
        due: ends,
    };
    let _ = given(&licence)
        .when(&acme, LicenceCommand::Deliver(term_end))
        .at(ends)
        .refused();
}

/// The scheduler's queue counts its timers, one per key (an upsert), and
/// is empty once they are popped or cancelled (LIC-2).
#[test]
fn lic_2_pending_timers_count_one_timer_per_key() {
    use channel_licensing::testing::PendingTimers;
    use channel_licensing::{Outbox, Timer, TimerKey};
    let mut pending = PendingTimers::new();
    assert!(pending.is_empty());
    assert_eq!(pending.len(), 0);
    let key = |licence: &str| TimerKey::TermEnd {
        customer: "rossi".into(),
        licence: licence.into(),
    };
    let first = at("2026-02-01T00:00:00Z");
    for (licence, due) in [
        ("L-1", first),
        ("L-2", first),
        ("L-1", first + TimeDelta::days(1)),
    ] {
        pending
            .schedule(&Timer {
                key: key(licence),
                due,
            })
            .unwrap();
    }
    assert_eq!(pending.len(), 2);
    assert!(!pending.is_empty());
    pending.cancel(&key("L-2")).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending.pop_due(first), None);
    let popped = pending.pop_due(first + TimeDelta::days(1)).unwrap();
    assert_eq!(popped.key, key("L-1"));
    assert!(pending.is_empty());
}

/// The world refuses a command for a customer it has no account of, as an
/// invalid state naming the customer; a delivery reads as its key, its due
/// instant and how many events it decided.
#[test]
fn the_world_names_an_unknown_customer_and_describes_a_delivery() {
    use channel_licensing::{AccountCommand, Actor, Error};
    let mut world = World::new(Policy::standard(), at("2026-01-01T00:00:00Z"));
    let err = world
        .decide(
            &"verdi".into(),
            &AccountCommand::CancelScheduledUnlink,
            &Actor::Vendor,
        )
        .unwrap_err();
    match err {
        Error::InvalidState { field, problem, .. } => {
            assert_eq!(field, "customer");
            assert_eq!(problem, "the world has no account verdi");
        }
        other => panic!("{other:?}"),
    }
    world
        .import(rossi(BillingType::Term).with_licence(active(false)))
        .unwrap();
    let delivered = world.advance_to(at("2027-01-02T00:00:00Z")).unwrap();
    let last = delivered.last().unwrap();
    assert_eq!(
        last.to_string(),
        "customer/rossi/licence/L-1/term_end at 2027-01-01 00:00:00 UTC: 1 event(s)"
    );
}
