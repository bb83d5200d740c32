//! [`World`]: an in-memory caller of the account aggregate, as a service
//! is one (LIC-2, POL-3, LIC-7, REL-9: the timers it keeps and delivers).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::{DateTime, Utc};

use crate::{
    Account, AccountCommand, AccountEvent, Actor, Context, CustomerId, Decision, DisplayName,
    Error, NameTarget, NewAccount, Outbox, Policy, Timer, TimerKey,
};

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

/// Pending timers, by key and by due instant: an in-memory [`Outbox`]
/// whose earliest due timer is found without a scan. [`World`] keeps its
/// timers in one; a simulator or a service's own test loop can too.
///
/// # Example
///
/// ```
/// use channel_licensing::testing::PendingTimers;
/// use channel_licensing::{Outbox, Timer, TimerKey};
///
/// let mut pending = PendingTimers::new();
/// let key = TimerKey::TrialEnd { customer: "rossi".into(), licence: "T-1".into() };
/// pending.schedule(&Timer { key: key.clone(), due: "2026-02-01T00:00:00Z".parse()? })?;
/// pending.schedule(&Timer { key: key.clone(), due: "2026-03-01T00:00:00Z".parse()? })?; // an upsert
/// assert_eq!(pending.len(), 1);
/// assert!(pending.pop_due("2026-02-15T00:00:00Z".parse()?).is_none());
/// let timer = pending.pop_due("2026-03-01T00:00:00Z".parse()?).expect("due");
/// assert_eq!(timer.key, key);
/// assert!(pending.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PendingTimers {
    by_key: BTreeMap<TimerKey, DateTime<Utc>>,
    by_due: BTreeSet<(DateTime<Utc>, TimerKey)>,
}

impl PendingTimers {
    /// No timer pending.
    ///
    /// # Example
    ///
    /// See [`PendingTimers`].
    #[must_use]
    pub fn new() -> PendingTimers {
        PendingTimers::default()
    }

    /// The pending timers, by key, each with its due instant.
    ///
    /// # Example
    ///
    /// See [`World`].
    #[must_use]
    pub fn by_key(&self) -> &BTreeMap<TimerKey, DateTime<Utc>> {
        &self.by_key
    }

    /// How many timers are pending.
    ///
    /// # Example
    ///
    /// See [`PendingTimers`].
    #[must_use]
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// Whether no timer is pending.
    ///
    /// # Example
    ///
    /// See [`PendingTimers`].
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// Removes and returns the earliest timer due at or before `until`
    /// (by due instant, then key), if there is one.
    ///
    /// # Example
    ///
    /// See [`PendingTimers`].
    pub fn pop_due(&mut self, until: DateTime<Utc>) -> Option<Timer> {
        let (due, _) = self.by_due.first()?;
        if *due > until {
            return None;
        }
        let (due, key) = self.by_due.pop_first()?;
        self.by_key.remove(&key);
        Some(Timer { key, due })
    }
}

/// Keeps the timers by key and by due instant.
impl Outbox for PendingTimers {
    type Error = std::convert::Infallible;

    fn schedule(&mut self, timer: &Timer) -> Result<(), Self::Error> {
        if let Some(old) = self.by_key.insert(timer.key.clone(), timer.due) {
            self.by_due.remove(&(old, timer.key.clone()));
        }
        self.by_due.insert((timer.due, timer.key.clone()));
        Ok(())
    }

    fn cancel(&mut self, key: &TimerKey) -> Result<(), Self::Error> {
        if let Some(old) = self.by_key.remove(key) {
            self.by_due.remove(&(old, key.clone()));
        }
        Ok(())
    }
}

/// A timer the world delivered, and what its delivery decided.
///
/// # Example
///
/// See [`World`].
#[derive(Clone, Debug)]
pub struct Delivery {
    /// The timer, as it was scheduled.
    pub timer: Timer,
    /// The decision its delivery made (empty for a stale one).
    pub decision: Decision<AccountEvent>,
}

/// The outbox differs from the accounts' timers: a key that one has and
/// the other has not, or has with another due instant. A faithful caller
/// never sees it.
///
/// # Example
///
/// ```
/// use channel_licensing::testing::World;
/// use channel_licensing::Policy;
///
/// let world = World::new(Policy::standard(), "2026-01-01T00:00:00Z".parse()?);
/// assert!(world.check_outbox().is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the outbox has {key} due {in_outbox:?}, the accounts' timers {in_accounts:?}")]
pub struct OutboxMismatch {
    /// The first key that differs.
    pub key: TimerKey,
    /// Its due instant in the outbox, if there.
    pub in_outbox: Option<DateTime<Utc>>,
    /// Its due instant among the accounts' timers, if there.
    pub in_accounts: Option<DateTime<Utc>>,
}

/// Where a decision's effects go in a [`World`]: its pending timers and
/// the names it sent on. Private, so that only decisions change them.
struct Sink<'w> {
    outbox: &'w mut PendingTimers,
    sent: &'w mut Vec<(NameTarget, CustomerId, DisplayName)>,
}

impl Outbox for Sink<'_> {
    type Error = std::convert::Infallible;

    fn schedule(&mut self, timer: &Timer) -> Result<(), Self::Error> {
        self.outbox.schedule(timer)
    }

    fn cancel(&mut self, key: &TimerKey) -> Result<(), Self::Error> {
        self.outbox.cancel(key)
    }

    fn propagate_name(
        &mut self,
        to: NameTarget,
        customer: &CustomerId,
        name: &DisplayName,
    ) -> Result<(), Self::Error> {
        self.sent.push((to, customer.clone(), name.clone()));
        Ok(())
    }
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

    fn sink(&mut self) -> Sink<'_> {
        Sink {
            outbox: &mut self.outbox,
            sent: &mut self.sent,
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

    /// The pending timers, by key, each with its due instant.
    ///
    /// # Example
    ///
    /// See [`World`].
    #[must_use]
    pub fn outbox(&self) -> &BTreeMap<TimerKey, DateTime<Utc>> {
        &self.outbox.by_key
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
    /// [`NewAccount::Import`], by the vendor, at the world's clock.
    ///
    /// # Errors
    ///
    /// As [`Account::create`] for an import.
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
    pub fn import(&mut self, account: Account) -> Result<&Account, Error> {
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
    pub fn create(&mut self, command: &NewAccount, actor: &Actor) -> Result<&Account, Error> {
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
        let Ok(()) = decision.apply_effects(&mut self.sink());
        Ok(self.accounts.entry(id).or_insert(account))
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
    ) -> Result<Decision<AccountEvent>, Error> {
        self.decide_at(customer, command, actor, self.now)
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
        let Ok(()) = decision.apply_effects(&mut self.sink());
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
        while let Some(timer) = self.outbox.pop_due(instant) {
            let at = timer.due.max(self.now);
            let decided = self.decide_at(
                &timer.key.customer().clone(),
                &AccountCommand::Deliver(timer.clone()),
                &Actor::Vendor,
                at,
            );
            let decision = match decided {
                Ok(decision) => decision,
                Err(error) => {
                    // Not delivered: still pending, and the clock unmoved.
                    let Ok(()) = self.outbox.schedule(&timer);
                    return Err(error);
                }
            };
            self.now = at;
            delivered.push(Delivery { timer, decision });
        }
        self.now = self.now.max(instant);
        Ok(delivered)
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

/// Checks the promise of an outbox that serves `accounts`: it holds
/// exactly their timers under `policy`, each with its due instant. For a
/// service's own store and outbox, as [`World::check_outbox`] is for a
/// [`World`].
///
/// # Errors
///
/// [`OutboxMismatch`] naming the first key that differs.
///
/// # Example
///
/// ```
/// use std::collections::BTreeMap;
/// use channel_licensing::testing::check_outbox;
/// use channel_licensing::{Account, BillingType, CreatedBy, Licence, Policy, Purchaser, RelationshipState, Term};
///
/// let policy = Policy::standard();
/// let term = Term::of_days("2026-01-01T00:00:00Z".parse()?, 365)?;
/// let account = Account::new("rossi", "Rossi SpA", "eu", BillingType::Term, CreatedBy::Partner)
///     .with_relationship("acme", RelationshipState::Linked)
///     .with_licence(Licence::active("L-1", "endpoint", 5, term, true, Purchaser::partner("acme"))?);
/// let mut outbox: BTreeMap<_, _> = account.timers(&policy).map(|t| (t.key, t.due)).collect();
/// assert!(check_outbox([&account], &outbox, &policy).is_ok());
/// outbox.clear();
/// assert!(check_outbox([&account], &outbox, &policy).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_outbox<'a>(
    accounts: impl IntoIterator<Item = &'a Account>,
    outbox: &BTreeMap<TimerKey, DateTime<Utc>>,
    policy: &Policy,
) -> Result<(), OutboxMismatch> {
    let expected: BTreeMap<TimerKey, DateTime<Utc>> = accounts
        .into_iter()
        .flat_map(|account| account.timers(policy))
        .map(|timer| (timer.key, timer.due))
        .collect();
    let keys: BTreeSet<&TimerKey> = expected.keys().chain(outbox.keys()).collect();
    for key in keys {
        let (in_outbox, in_accounts) = (outbox.get(key), expected.get(key));
        if in_outbox != in_accounts {
            return Err(OutboxMismatch {
                key: key.clone(),
                in_outbox: in_outbox.copied(),
                in_accounts: in_accounts.copied(),
            });
        }
    }
    Ok(())
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
