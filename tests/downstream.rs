//! A downstream service's own tests of `channel-licensing`, written from the
//! generated docs and the README only.
//!
//! `Service` is the service under test in miniature: a store of accounts keyed
//! by customer, an outbox (the crate's `BTreeMap<TimerKey, DateTime<Utc>>`
//! implementation of `Outbox`) and a scheduler loop that delivers due timers.
//! It is written by hand rather than using `testing::World` because a real
//! service has its own store and its own scheduler; `World` ("a faithful
//! in-memory caller") serves as the oracle the service is compared against.

use std::collections::{BTreeMap, HashMap};

use channel_licensing::chrono::{DateTime, TimeDelta, Utc};
use channel_licensing::customers::{CustomerQuery, customer_list};
use channel_licensing::strategies::{account, command_for, instant};
use channel_licensing::testing::{OutboxMismatch, World, check_outbox, given};
use channel_licensing::{
    Account, AccountCommand, AccountEvent, Actor, BillingType, Context, CustomerId, Decision,
    Error, NewAccount, NewCustomer, PartnerUser, Policy, Programme, RelationshipStatus, Rule,
    Timer, TimerKey, UnlinkMode,
};
use proptest::prelude::*;
use proptest::sample::select;

/// Pending timers by key, each with its due instant (the crate implements
/// `Outbox` for this map).
type Outbox = BTreeMap<TimerKey, DateTime<Utc>>;

/// A tiny in-memory service: what one database transaction would hold, and
/// the service's clock.
#[derive(Debug, Clone)]
struct Service {
    policy: Policy,
    clock: DateTime<Utc>,
    accounts: HashMap<CustomerId, Account>,
    outbox: Outbox,
    /// The event log (an event-sourced service would store these).
    events: Vec<AccountEvent>,
}

impl Service {
    fn new(policy: Policy, clock: DateTime<Utc>) -> Self {
        Service {
            policy,
            clock,
            accounts: HashMap::new(),
            outbox: Outbox::new(),
            events: Vec::new(),
        }
    }

    /// Applies an accepted decision "in one transaction": events to the
    /// state and the log, effects to the outbox.
    fn commit(&mut self, account: Account, decision: &Decision<AccountEvent>) -> &Account {
        let account = decision.events().fold(account, Account::evolve);
        self.events.extend(decision.events().cloned());
        let Ok(()) = decision.apply_effects(&mut self.outbox);
        let id = account.id.clone();
        self.accounts.entry(id).insert_entry(account).into_mut()
    }

    /// Creates (or imports) an account at the clock.
    fn create(&mut self, command: &NewAccount, actor: &Actor) -> Result<CustomerId, Error> {
        let decision = Account::create(command, &Context::new(self.clock, actor, &self.policy))?;
        let account =
            Account::from_events(decision.events()).expect("a creation starts with Created");
        Ok(self.commit(account, &decision).id.clone())
    }

    /// Handles one command on `customer`'s account at the clock.
    fn handle(
        &mut self,
        customer: &CustomerId,
        command: &AccountCommand,
        actor: &Actor,
    ) -> Result<Decision<AccountEvent>, Error> {
        let account = self
            .accounts
            .get(customer)
            .unwrap_or_else(|| panic!("no account {customer}: the service looks it up first"));
        let decision = account.decide(command, &Context::new(self.clock, actor, &self.policy))?;
        let account = self.accounts.remove(customer).expect("just read");
        self.commit(account, &decision);
        Ok(decision)
    }

    /// The scheduler loop: moves the clock to `until`, delivering every timer
    /// due by then, earliest first (ties in key order), by the vendor at its
    /// due instant, or at the clock when it is overdue (the scheduler was
    /// down). The row is claimed (removed) in the same "transaction" as the
    /// decision; the decision's effects re-schedule whatever comes next.
    fn advance_to(&mut self, until: DateTime<Utc>) -> Result<Vec<Timer>, Error> {
        let mut delivered = Vec::new();
        loop {
            // A real outbox has an index on `due`; a scan is fine here.
            let next = self
                .outbox
                .iter()
                .filter(|(_, due)| **due <= until)
                .min_by_key(|(key, due)| (**due, (*key).clone()));
            let Some((key, due)) = next else { break };
            let timer = Timer {
                key: key.clone(),
                due: *due,
            };
            self.outbox.remove(&timer.key);
            self.clock = self.clock.max(timer.due);
            let customer = timer.key.customer().clone();
            let _ = self.handle(
                &customer,
                &AccountCommand::Deliver(timer.clone()),
                &Actor::Vendor,
            )?;
            delivered.push(timer);
        }
        self.clock = self.clock.max(until);
        Ok(delivered)
    }

    /// The outbox holds exactly every account's timers.
    fn check(&self) -> Result<(), OutboxMismatch> {
        check_outbox(self.accounts.values(), &self.outbox, &self.policy)
    }
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 instant")
}

/// An account from the strategies with an actor, a command for it and an instant.
fn cases() -> impl Strategy<Value = (Account, (Actor, AccountCommand), DateTime<Utc>)> {
    (account(), instant()).prop_flat_map(|(a, now)| {
        let command = command_for(&a, &Policy::standard());
        (Just(a), command, Just(now))
    })
}

/// An account from the strategies with one of its pending timers.
fn account_and_timer() -> impl Strategy<Value = (Account, Timer)> {
    let policy = Policy::standard();
    account()
        .prop_filter("a pending timer", move |a| {
            a.timers(&policy).next().is_some()
        })
        .prop_flat_map(|a| {
            let timers: Vec<Timer> = a.timers(&Policy::standard()).collect();
            (Just(a), select(timers))
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever command any actor sends, the outbox equals the accounts'
    /// timers afterwards, a refusal changes nothing, and the service agrees
    /// with `testing::World` before and after a quarter-year of scheduler runs.
    #[test]
    fn outbox_is_the_accounts_timers((stored, (actor, command), now) in cases()) {
        let policy = Policy::standard();
        let mut service = Service::new(policy.clone(), now);
        let mut world = World::new(policy, now);
        let import = NewAccount::Import { account: Box::new(stored.clone()) };
        let id = service.create(&import, &Actor::Vendor).expect("a generated account imports");
        world.import(stored).expect("a generated account imports");
        prop_assert_eq!(service.check(), Ok(()));

        let before = service.clone();
        let ours = service.handle(&id, &command, &actor);
        let theirs = world.decide(&id, &command, &actor).map(|applied| applied.decision);
        prop_assert_eq!(&ours, &theirs);
        if ours.is_err() {
            prop_assert_eq!(&service.accounts, &before.accounts);
            prop_assert_eq!(&service.outbox, &before.outbox);
        }
        prop_assert_eq!(service.check(), Ok(()));
        prop_assert_eq!(&service.outbox, world.outbox());
        prop_assert_eq!(service.accounts.get(&id), world.account(&id));

        let later = now + TimeDelta::days(90);
        let delivered = service.advance_to(later).expect("a due timer is accepted");
        let theirs = world.advance_to(later).expect("a due timer is accepted");
        prop_assert_eq!(delivered, theirs.into_iter().map(|d| d.timer).collect::<Vec<_>>());
        prop_assert_eq!(service.check(), Ok(()));
        prop_assert_eq!(&service.outbox, world.outbox());
        prop_assert_eq!(service.accounts.get(&id), world.account(&id));
        prop_assert!(world.check_outbox().is_ok());
    }

    /// Delivering a timer a second time, at the same instant, is accepted
    /// with no events and no effects, and changes neither account nor outbox.
    #[test]
    fn delivering_a_timer_twice_changes_nothing((stored, timer) in account_and_timer(), now in instant()) {
        let mut service = Service::new(Policy::standard(), now);
        let import = NewAccount::Import { account: Box::new(stored) };
        let id = service.create(&import, &Actor::Vendor).expect("a generated account imports");
        service.clock = now.max(timer.due);
        let deliver = AccountCommand::Deliver(timer);
        let first = service.handle(&id, &deliver, &Actor::Vendor).expect("a due timer is accepted");
        let once = service.clone();

        let again = service.handle(&id, &deliver, &Actor::Vendor).expect("a duplicate is accepted");
        prop_assert!(again.is_empty(), "first {:?}, again {:?}", first, again);
        prop_assert_eq!(&service.accounts, &once.accounts);
        prop_assert_eq!(&service.outbox, &once.outbox);
        prop_assert_eq!(service.check(), Ok(()));
    }
}

/// A partner schedules a monthly unlink; the scheduler unlinks on the first
/// of next month, and another customer's trial runs its own course.
#[test]
fn a_scheduled_monthly_unlink_goes_through() {
    let mut service = Service::new(Policy::standard(), at("2026-06-15T10:00:00Z"));
    let acme = Actor::Partner(PartnerUser::new("acme", "eu").with_programmes([Programme::MspFlex]));

    let monthly = NewAccount::CreateMonthlyAccount {
        customer: NewCustomer::new("rossi", "Rossi SpA", "eu"),
    };
    let rossi = service.create(&monthly, &acme).unwrap();
    let trial = NewAccount::CreateTrial {
        customer: NewCustomer::new("verdi", "Verdi Srl", "eu"),
        licence: "L-1".into(),
        offer: "endpoint".into(),
        seats: 10,
        trial_days: 30,
    };
    let verdi = service.create(&trial, &acme).unwrap();
    assert_eq!(service.outbox.len(), 2, "the trial's end and its reminder");

    // REL-11: not immediately.
    given(&service.accounts[&rossi])
        .when(
            &acme,
            AccountCommand::Unlink {
                mode: UnlinkMode::Immediate,
            },
        )
        .at(service.clock)
        .then_refused(Rule::Rel11, None);

    // REL-7: a trial now, unlinked on the first of next month.
    let scheduled = service
        .handle(
            &rossi,
            &AccountCommand::Unlink {
                mode: UnlinkMode::Scheduled,
            },
            &acme,
        )
        .unwrap();
    assert_eq!(scheduled.effects().count(), 1);
    assert_eq!(service.accounts[&rossi].billing, BillingType::Trial);
    let july = at("2026-07-01T00:00:00Z");
    let unlink = TimerKey::ScheduledUnlink {
        customer: rossi.clone(),
        partner: "acme".into(),
    };
    assert_eq!(service.outbox.get(&unlink), Some(&july));
    assert_eq!(service.check(), Ok(()));

    // One second early: nothing is due.
    assert!(
        service
            .advance_to(at("2026-06-30T23:59:59Z"))
            .unwrap()
            .is_empty()
    );
    let status = service.accounts[&rossi].relationship_status(&"acme".into(), service.clock);
    assert_eq!(status, Some(RelationshipStatus::UnlinkScheduled));

    // REL-9, REL-10: unlinked, and gone from acme's list; verdi stays.
    let delivered = service.advance_to(july).unwrap();
    let keys: Vec<String> = delivered.iter().map(|t| t.key.to_string()).collect();
    assert_eq!(keys, ["customer/rossi/unlink/acme"]);
    let status = service.accounts[&rossi].relationship_status(&"acme".into(), july);
    assert_eq!(status, Some(RelationshipStatus::Unlinked));
    let list = customer_list(
        service.accounts.values(),
        &CustomerQuery::new("acme"),
        july,
        &service.policy,
    );
    assert_eq!(list.len(), 1);
    assert_eq!(service.check(), Ok(()));

    // A late duplicate of the unlink timer does nothing.
    let again = AccountCommand::Deliver(Timer {
        key: unlink,
        due: july,
    });
    assert!(
        service
            .handle(&rossi, &again, &Actor::Vendor)
            .unwrap()
            .is_empty()
    );

    // verdi's trial: the reminder 3 days before its end, then the end.
    let delivered = service.advance_to(at("2026-08-01T00:00:00Z")).unwrap();
    let keys: Vec<String> = delivered.iter().map(|t| t.key.to_string()).collect();
    assert_eq!(
        keys,
        [
            "customer/verdi/licence/L-1/reminder/trial_end/3",
            "customer/verdi/licence/L-1/trial_end"
        ]
    );
    assert_eq!(service.check(), Ok(()));
    assert_eq!(
        service.accounts[&verdi].next_deadline(&service.policy),
        None
    );

    // The event log replays to the stored state (event sourcing).
    for (id, stored) in &service.accounts {
        let log = service.events.iter().filter(|e| &e.customer == id);
        assert_eq!(Account::from_events(log).as_ref(), Some(stored));
    }
}
