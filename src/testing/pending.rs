//! [`PendingTimers`] and [`check_outbox`]: a scheduler's queue of pending
//! timers, and the check that an outbox holds exactly the accounts' timers
//! (LIC-2, POL-3, LIC-7, REL-9: the timers a caller keeps).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use crate::account::Account;
use crate::effect::{Timer, TimerKey};
use crate::outbox::Outbox;
use crate::policy::Policy;

/// Pending timers, by key and by due instant: an in-memory [`Outbox`]
/// whose earliest due timer is found without a scan. [`World`](super::World) keeps its
/// timers in one; a service's own test loop can too.
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
/// assert_eq!(pending.next_due(), Some((&key, "2026-03-01T00:00:00Z".parse()?)));
/// assert_eq!(pending.by_key().get(&key), Some(&"2026-03-01T00:00:00Z".parse()?));
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
    /// See [`PendingTimers`].
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

    /// The earliest pending timer (by due instant, then key) and its due
    /// instant, if any: when the scheduler should wake next.
    ///
    /// # Example
    ///
    /// See [`PendingTimers`].
    #[must_use]
    pub fn next_due(&self) -> Option<(&TimerKey, DateTime<Utc>)> {
        self.by_due.first().map(|(due, key)| (key, *due))
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

/// Checks the promise of an outbox that serves `accounts`: it holds
/// exactly their timers under `policy`, each with its due instant. For a
/// service's own store and outbox, as [`World::check_outbox`](super::World::check_outbox) is for a
/// [`World`](super::World).
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
