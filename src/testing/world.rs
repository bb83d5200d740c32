//! [`World`]: an in-memory caller of the account aggregate, as a service
//! is one (LIC-2, POL-3, LIC-7, REL-9: the timers it keeps and delivers).

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Utc};

use super::pending::{OutboxMismatch, PendingTimers, check_outbox};
use crate::account::{Account, AccountCommand, AccountEvent, NewAccount};
use crate::actor::Actor;
use crate::decision::{Context, Decision};
use crate::effect::NameTarget;
use crate::effect::{Effect, Timer, TimerKey};
use crate::error::Error;
use crate::ids::CustomerId;
use crate::name::DisplayName;
use crate::outbox::Outbox;
use crate::policy::Policy;

/// Accounts, an outbox of their pending timers and a clock: a faithful
/// in-memory caller, for a service's tests and for "what happens if…"
/// replays.
///
/// Every decision's events are applied to its account and its effects to
/// the outbox, as a service does in one transaction. [`World::advance_to`]
/// delivers the due timers in due order, each at its own instant by the
/// vendor (the platform's scheduler), through an index on due instants:
/// a delivery costs a logarithm of the pending timers, never a scan.
///
/// # Example
///
/// ```
/// use channel_licensing::testing::World;
/// use channel_licensing::{
///     AccountCommand, Actor, BillingType, CustomerId, NewAccount, NewCustomer, PartnerUser,
///     Policy, Programme, RelationshipStatus, UnlinkMode,
/// };
///
/// let mut world = World::new(Policy::standard(), "2026-06-15T10:00:00Z".parse()?);
/// let acme = Actor::Partner(PartnerUser::new("acme", "eu").with_programmes([Programme::MspFlex]));
/// world.create(&NewAccount::CreateMonthlyAccount { customer: NewCustomer::new("rossi", "Rossi SpA", "eu") }, &acme)?;
/// let rossi = CustomerId::from("rossi");
/// world.decide(&rossi, &AccountCommand::Unlink { mode: UnlinkMode::Scheduled }, &acme)?;
/// assert_eq!(world.outbox().len(), 1); // the unlink, on the first of July
///
/// let delivered = world.advance_to("2026-08-01T00:00:00Z".parse()?)?;
/// assert_eq!(delivered.len(), 1);
/// let account = world.account(&rossi).expect("created");
/// assert_eq!(account.relationship_status(&"acme".into(), world.now()), Some(RelationshipStatus::Unlinked));
/// assert_eq!(account.billing, BillingType::Trial);
/// world.check_outbox()?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct World {
    policy: Policy,
    now: DateTime<Utc>,
    accounts: BTreeMap<CustomerId, Account>,
    outbox: PendingTimers,
    sent: Vec<(NameTarget, CustomerId, DisplayName)>,
}

/// A decision the world made and applied: its events to the account, its
/// effects to the outbox. Returned by [`World::create`], [`World::import`]
/// and [`World::decide`] to look at; unlike a bare [`Decision`], there is
/// nothing left to apply, so it may be ignored.
///
/// # Example
///
/// ```
/// use channel_licensing::testing::World;
/// use channel_licensing::{Actor, NewAccount, NewCustomer, PartnerUser, Policy, Programme};
///
/// let acme = Actor::Partner(PartnerUser::new("acme", "eu").with_programmes([Programme::MspFlex]));
/// let mut world = World::new(Policy::standard(), "2026-06-15T10:00:00Z".parse()?);
/// let created = world.create(&NewAccount::CreateMonthlyAccount { customer: NewCustomer::new("rossi", "Rossi SpA", "eu") }, &acme)?;
/// assert_eq!(created.decision.events().count(), 1); // `Created`
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Applied {
    /// The decision, already applied.
    pub decision: Decision<AccountEvent>,
}

/// A timer the world delivered, and what its delivery decided.
///
/// # Example
///
/// See [`World`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Delivery {
    /// The timer, as it was scheduled.
    pub timer: Timer,
    /// The decision its delivery made (empty for a stale one).
    pub decision: Decision<AccountEvent>,
}

impl World {
    /// An empty world under `policy`, its clock at `now`.
    ///
    /// # Example
    ///
    /// See [`World`].
    #[must_use]
    pub fn new(policy: Policy, now: DateTime<Utc>) -> World {
        World {
            policy,
            now,
            accounts: BTreeMap::new(),
            outbox: PendingTimers::new(),
            sent: Vec::new(),
        }
    }

    /// Applies a decision's effects: its timers to the pending ones, the
    /// names it sends on to the record of names sent. Only decisions
    /// change either.
    fn apply_effects(&mut self, decision: &Decision<AccountEvent>) {
        for effect in decision.effects() {
            match effect {
                Effect::PropagateName { to, customer, name } => {
                    self.sent.push((*to, customer.clone(), name.clone()));
                }
                timer => {
                    let Ok(()) = timer.apply_to(&mut self.outbox);
                }
            }
        }
    }

    /// The clock.
    ///
    /// # Example
    ///
    /// See [`World`].
    #[must_use]
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The policy every decision is made under.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::{testing::World, Policy};
    /// let world = World::new(Policy::standard(), "2026-01-01T00:00:00Z".parse()?);
    /// assert_eq!(world.policy().name().as_str(), "standard");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The account of `customer`, if the world has it.
    ///
    /// # Example
    ///
    /// See [`World`].
    #[must_use]
    pub fn account(&self, customer: &CustomerId) -> Option<&Account> {
        self.accounts.get(customer)
    }

    /// Every account, in the order of their IDs.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::{testing::World, Policy};
    /// let world = World::new(Policy::standard(), "2026-01-01T00:00:00Z".parse()?);
    /// assert_eq!(world.accounts().count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn accounts(&self) -> impl Iterator<Item = &Account> {
        self.accounts.values()
    }

    /// The earliest pending timer (by due instant, then key) and its due
    /// instant, if any: when a scheduler would wake next.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::{testing::World, Policy};
    /// let world = World::new(Policy::standard(), "2026-01-01T00:00:00Z".parse()?);
    /// assert!(world.next_due().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn next_due(&self) -> Option<(&TimerKey, DateTime<Utc>)> {
        self.outbox.next_due()
    }

    /// The pending timers, by key, each with its due instant.
    ///
    /// # Example
    ///
    /// See [`World`].
    #[must_use]
    pub fn outbox(&self) -> &BTreeMap<TimerKey, DateTime<Utc>> {
        self.outbox.by_key()
    }

    /// The names sent on to other systems so far (CUST-4), in order.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::{testing::World, Policy};
    /// let world = World::new(Policy::standard(), "2026-01-01T00:00:00Z".parse()?);
    /// assert!(world.names_sent().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn names_sent(&self) -> &[(NameTarget, CustomerId, DisplayName)] {
        &self.sent
    }

    /// Adds `account` as a service that imports it would: through
    /// [`NewAccount::Import`], by the vendor, at the world's clock: its
    /// creation event, and its timers scheduled.
    ///
    /// # Errors
    ///
    /// As [`Account::create`] for an import, and [`Error::InvalidState`]
    /// naming the customer when the world already has its account; nothing
    /// changes.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::testing::World;
    /// use channel_licensing::{Account, BillingType, CreatedBy, Policy, RelationshipState};
    ///
    /// let mut world = World::new(Policy::standard(), "2026-01-01T00:00:00Z".parse()?);
    /// world.import(Account::new("rossi", "Rossi SpA", "eu", BillingType::Term, CreatedBy::Partner)
    ///     .with_relationship("acme", RelationshipState::Linked))?;
    /// assert_eq!(world.accounts().count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn import(&mut self, account: Account) -> Result<Applied, Error> {
        self.create(
            &NewAccount::Import {
                account: Box::new(account),
            },
            &Actor::Vendor,
        )
    }

    /// Creates an account at the world's clock, by `actor`, keeping it and
    /// scheduling its timers.
    ///
    /// # Errors
    ///
    /// As [`Account::create`], and [`Error::InvalidState`] naming the
    /// customer when the world already has its account; nothing changes.
    ///
    /// # Example
    ///
    /// See [`World`].
    pub fn create(&mut self, command: &NewAccount, actor: &Actor) -> Result<Applied, Error> {
        let decision = Account::create(command, &Context::new(self.now, actor, &self.policy))?;
        let Some(account) = Account::from_events(decision.events()) else {
            return Err(Error::InvalidState {
                field: "events".into(),
                problem: "a creation without its creation event".into(),
                rule: None,
            });
        };
        let id = account.id.clone();
        if self.accounts.contains_key(&id) {
            return Err(Error::InvalidState {
                field: "customer".into(),
                problem: format!("the world already has an account {id}"),
                rule: None,
            });
        }
        self.apply_effects(&decision);
        self.accounts.insert(id, account);
        Ok(Applied { decision })
    }

    /// Decides `command` on `customer`'s account at the world's clock, by
    /// `actor`, and applies the decision: its events to the account, its
    /// effects to the outbox.
    ///
    /// # Errors
    ///
    /// As [`Account::decide`] (nothing changes), and
    /// [`Error::InvalidState`] naming `customer` when the world has no
    /// such account.
    ///
    /// # Example
    ///
    /// See [`World`].
    pub fn decide(
        &mut self,
        customer: &CustomerId,
        command: &AccountCommand,
        actor: &Actor,
    ) -> Result<Applied, Error> {
        let decision = self.decide_at(customer, command, actor, self.now)?;
        Ok(Applied { decision })
    }

    fn decide_at(
        &mut self,
        customer: &CustomerId,
        command: &AccountCommand,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Decision<AccountEvent>, Error> {
        let Some(account) = self.accounts.get(customer) else {
            return Err(Error::InvalidState {
                field: "customer".into(),
                problem: format!("the world has no account {customer}"),
                rule: None,
            });
        };
        let decision = account.decide(command, &Context::new(now, actor, &self.policy))?;
        if let Some(account) = self.accounts.remove(customer) {
            let account = decision.events().fold(account, Account::evolve);
            self.accounts.insert(customer.clone(), account);
        }
        self.apply_effects(&decision);
        Ok(decision)
    }

    /// Moves the clock to `instant`, first delivering every timer due by
    /// then, earliest first (by due instant, then key), each by the vendor
    /// at its due instant, as a scheduler that runs on time would; a timer
    /// already overdue when the clock reached it (one an import or a
    /// command left due) is delivered at the clock, at once. A timer that
    /// a delivery schedules and that falls due by `instant` is delivered
    /// too. A delivery applies whatever else of its licence is due by then
    /// (the catch-up), so a later timer it handles or cancels is not
    /// delivered on its own. An `instant` before the clock leaves the clock
    /// where it is (and delivers only timers already overdue by then).
    ///
    /// # Errors
    ///
    /// The first delivery that is not accepted (a faithful caller never
    /// meets one, though an instant beyond chrono's range can be one); the
    /// timers before it were delivered, it stays pending and the clock
    /// stops before it.
    ///
    /// # Example
    ///
    /// See [`World`].
    pub fn advance_to(&mut self, instant: DateTime<Utc>) -> Result<Vec<Delivery>, Error> {
        let mut delivered = Vec::new();
        while let Some(delivery) = self.deliver_next(instant)? {
            delivered.push(delivery);
        }
        self.now = self.now.max(instant);
        Ok(delivered)
    }

    /// Moves the clock to `instant` as a scheduler that was down until
    /// then: nothing is delivered on time; every timer due by `instant` is
    /// then delivered late, at `instant`, earliest first. Each late
    /// delivery catches its licence up in one decision (LIC-2), and a
    /// reminder whose moment has passed is recorded as skipped (POL-3).
    ///
    /// # Errors
    ///
    /// As [`World::advance_to`], except that the clock is at `instant`
    /// already (the scheduler was down until then): the timer whose
    /// delivery failed, and those after it, stay pending.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::testing::World;
    /// use channel_licensing::{AccountChange, Actor, LicenceChange, NewAccount, NewCustomer, PartnerUser, Policy};
    ///
    /// let acme = Actor::Partner(PartnerUser::new("acme", "eu").with_offers(["endpoint"]));
    /// let mut world = World::new(Policy::standard(), "2026-01-01T00:00:00Z".parse()?);
    /// world.create(&NewAccount::CreateTrial {
    ///     customer: NewCustomer::new("rossi", "Rossi SpA", "eu"),
    ///     licence: "T-1".into(), offer: "endpoint".into(), seats: 5, trial_days: 30,
    /// }, &acme)?;
    /// // The scheduler comes back after the trial ended: its reminder is skipped.
    /// let back = "2026-03-01T00:00:00Z".parse()?;
    /// let delivered = world.advance_late_to(back)?;
    /// let skipped = delivered.iter().flat_map(|d| d.decision.events()).any(|e| matches!(
    ///     &e.change,
    ///     AccountChange::Licence { change: LicenceChange::ReminderSkipped { .. }, .. }
    /// ));
    /// assert!(skipped);
    /// assert_eq!(world.now(), back);
    /// world.check_outbox()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn advance_late_to(&mut self, instant: DateTime<Utc>) -> Result<Vec<Delivery>, Error> {
        self.skip_to(instant);
        self.advance_to(instant)
    }

    /// Moves the clock to `instant` and delivers nothing, as when the
    /// scheduler is down: the next decision catches up what fell due
    /// meanwhile (LIC-2), and the next advance delivers the due timers
    /// late, at the clock. An `instant` before the clock changes nothing.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::testing::World;
    /// use channel_licensing::{NewAccount, NewCustomer, Actor, PartnerUser, Policy};
    ///
    /// let acme = Actor::Partner(PartnerUser::new("acme", "eu").with_offers(["endpoint"]));
    /// let mut world = World::new(Policy::standard(), "2026-01-01T00:00:00Z".parse()?);
    /// world.create(&NewAccount::CreateTrial {
    ///     customer: NewCustomer::new("rossi", "Rossi SpA", "eu"),
    ///     licence: "T-1".into(), offer: "endpoint".into(), seats: 5, trial_days: 30,
    /// }, &acme)?;
    /// let pending = world.outbox().clone();
    /// world.skip_to("2026-03-01T00:00:00Z".parse()?);
    /// assert_eq!(world.outbox(), &pending); // nothing delivered yet
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn skip_to(&mut self, instant: DateTime<Utc>) {
        self.now = self.now.max(instant);
    }

    /// Delivers the earliest timer due by `until`, if there is one, by the
    /// vendor at its due instant (or at the clock, if it is overdue), and
    /// moves the clock there: one step of [`World::advance_to`], for a
    /// caller that reports or limits deliveries one at a time.
    ///
    /// # Errors
    ///
    /// As [`World::advance_to`]: the timer stays pending and the clock
    /// unmoved.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::testing::World;
    /// use channel_licensing::{AccountCommand, Actor, NewAccount, NewCustomer, PartnerUser, Policy, Programme, UnlinkMode};
    ///
    /// let acme = Actor::Partner(PartnerUser::new("acme", "eu").with_programmes([Programme::MspFlex]));
    /// let mut world = World::new(Policy::standard(), "2026-06-15T10:00:00Z".parse()?);
    /// world.create(&NewAccount::CreateMonthlyAccount { customer: NewCustomer::new("rossi", "Rossi SpA", "eu") }, &acme)?;
    /// world.decide(&"rossi".into(), &AccountCommand::Unlink { mode: UnlinkMode::Scheduled }, &acme)?;
    /// let until = "2026-12-31T00:00:00Z".parse()?;
    /// let first = world.deliver_next(until)?.expect("the unlink is due by then");
    /// assert_eq!(world.now(), first.timer.due); // the first of July
    /// assert!(world.deliver_next(until)?.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deliver_next(&mut self, until: DateTime<Utc>) -> Result<Option<Delivery>, Error> {
        let Some(timer) = self.outbox.pop_due(until) else {
            return Ok(None);
        };
        let at = timer.due.max(self.now);
        let decided = self.decide_at(
            &timer.key.customer().clone(),
            &AccountCommand::Deliver(timer.clone()),
            &Actor::Vendor,
            at,
        );
        match decided {
            Ok(decision) => {
                self.now = at;
                Ok(Some(Delivery { timer, decision }))
            }
            Err(error) => {
                // Not delivered: still pending, and the clock unmoved.
                let Ok(()) = self.outbox.schedule(&timer);
                Err(error)
            }
        }
    }

    /// Checks the promise of the outbox: it holds exactly the accounts'
    /// timers, each with its due instant.
    ///
    /// # Errors
    ///
    /// [`OutboxMismatch`] naming the first key that differs.
    ///
    /// # Example
    ///
    /// See [`World`].
    pub fn check_outbox(&self) -> Result<(), OutboxMismatch> {
        check_outbox(self.accounts.values(), self.outbox.by_key(), &self.policy)
    }
}

impl fmt::Display for Delivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at {}: {} event(s)",
            self.timer.key,
            self.timer.due,
            self.decision.events().count()
        )
    }
}
