//! Applying a decision's effects to the caller's outbox (the timers of
//! LIC-2, POL-3, LIC-7, REL-7 and REL-9; the name propagation of CUST-4):
//! the one loop every service writes, written once.
//!
//! A decision says what to schedule, what to cancel and what to send on;
//! the caller keeps its pending timers wherever it likes. [`Outbox`] is the
//! small interface between the two, [`Decision::apply_effects`] the loop.
//! An in-memory map of timers is an outbox as it is.

use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::hash::BuildHasher;

use chrono::{DateTime, Utc};

use crate::decision::Decision;
use crate::effect::NameTarget;
use crate::effect::{Effect, Timer, TimerKey};
use crate::ids::CustomerId;
use crate::name::DisplayName;

/// Where a service keeps its pending timers, and how it sends a customer's
/// new name on: what a decision's [`Effect`]s are applied to.
///
/// Every [`TimerKey`] names its customer, so one outbox can hold the timers
/// of every customer, keyed by the timer key (or by its `to_string()`, the
/// same text, in a database column). After a decision's effects are applied
/// the outbox holds exactly the [`timers`](crate::Account::timers) of the
/// accounts it serves (their union, for an outbox shared by customers). A
/// delivered timer's row is the scheduler's to remove or mark delivered
/// (the decision also cancels the key when the timer is gone).
///
/// A database-backed outbox implements it over its transaction, with
/// `Error` its driver's error; the in-memory maps (`BTreeMap` and
/// `HashMap` of [`TimerKey`] to due instant) implement it with no error.
///
/// # Example
///
/// A service's own outbox, recording what a decision asks:
///
/// ```
/// use channel_licensing::{CustomerId, Outbox, Timer, TimerKey};
/// use channel_licensing::account::DisplayName;
/// use channel_licensing::effect::NameTarget;
///
/// #[derive(Default)]
/// struct Rows {
///     pending: Vec<Timer>,
///     sent: Vec<(NameTarget, String)>,
/// }
///
/// impl Outbox for Rows {
///     type Error = std::convert::Infallible;
///
///     fn schedule(&mut self, timer: &Timer) -> Result<(), Self::Error> {
///         self.pending.retain(|t| t.key != timer.key); // an upsert
///         self.pending.push(timer.clone());
///         Ok(())
///     }
///
///     fn cancel(&mut self, key: &TimerKey) -> Result<(), Self::Error> {
///         self.pending.retain(|t| &t.key != key);
///         Ok(())
///     }
///
///     fn propagate_name(&mut self, to: NameTarget, _: &CustomerId, name: &DisplayName) -> Result<(), Self::Error> {
///         self.sent.push((to, name.as_str().to_owned()));
///         Ok(())
///     }
/// }
/// ```
pub trait Outbox {
    /// What can go wrong keeping the outbox (a database error, …).
    type Error;

    /// Keeps `timer` pending, replacing any pending timer with the same
    /// key: an upsert. The timer is delivered back, as
    /// [`AccountCommand::Deliver`](crate::AccountCommand::Deliver) or
    /// [`LicenceCommand::Deliver`](crate::LicenceCommand::Deliver), once
    /// it is due.
    ///
    /// # Errors
    ///
    /// The outbox's own.
    ///
    /// # Example
    ///
    /// See [`Outbox`].
    fn schedule(&mut self, timer: &Timer) -> Result<(), Self::Error>;

    /// Drops the pending timer with this key, if there is one.
    ///
    /// # Errors
    ///
    /// The outbox's own.
    ///
    /// # Example
    ///
    /// See [`Outbox`].
    fn cancel(&mut self, key: &TimerKey) -> Result<(), Self::Error>;

    /// Sends the customer's new display name to another system, now
    /// (CUST-4). By default nothing is sent: an outbox that keeps timers
    /// only, such as the in-memory maps.
    ///
    /// # Errors
    ///
    /// The outbox's own.
    ///
    /// # Example
    ///
    /// See [`Outbox`].
    fn propagate_name(
        &mut self,
        to: NameTarget,
        customer: &CustomerId,
        name: &DisplayName,
    ) -> Result<(), Self::Error> {
        let _ = (to, customer, name);
        Ok(())
    }
}

impl Effect {
    /// Applies this effect to `outbox`: a schedule, a cancel or a name sent
    /// on.
    ///
    /// # Errors
    ///
    /// The outbox's own.
    ///
    /// # Example
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use channel_licensing::{Effect, Timer, TimerKey};
    ///
    /// let key = TimerKey::TrialEnd { customer: "rossi".into(), licence: "L-1".into() };
    /// let mut outbox = BTreeMap::new();
    /// Effect::Schedule(Timer { key: key.clone(), due: "2026-02-01T00:00:00Z".parse()? }).apply_to(&mut outbox)?;
    /// assert_eq!(outbox.len(), 1);
    /// Effect::Cancel { key }.apply_to(&mut outbox)?;
    /// assert!(outbox.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_to<O: Outbox + ?Sized>(&self, outbox: &mut O) -> Result<(), O::Error> {
        match self {
            Effect::Schedule(timer) => outbox.schedule(timer),
            Effect::Cancel { key } => outbox.cancel(key),
            Effect::PropagateName { to, customer, name } => {
                outbox.propagate_name(*to, customer, name)
            }
        }
    }
}

impl<E> Decision<E> {
    /// Applies the decision's effects to `outbox`, in order. Store the
    /// events and the new state in the same transaction.
    ///
    /// # Errors
    ///
    /// The outbox's own, at the first effect that fails; the effects after
    /// it are not applied (roll the transaction back).
    ///
    /// # Example
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use channel_licensing::{Account, AccountCommand, Actor, BillingType, Context, CreatedBy};
    /// use channel_licensing::{PartnerUser, Policy, Programme, RelationshipState, UnlinkMode};
    ///
    /// let policy = Policy::standard();
    /// let acme = Actor::Partner(PartnerUser::new("acme", "eu").with_programmes([Programme::MspFlex]));
    /// let account = Account::new("rossi", "Rossi SpA", "eu", BillingType::MonthlyUsage, CreatedBy::Partner)
    ///     .with_relationship("acme", RelationshipState::Linked);
    /// let mut outbox = BTreeMap::new();
    ///
    /// let unlink = AccountCommand::Unlink { mode: UnlinkMode::Scheduled };
    /// let decision = account.decide(&unlink, &Context::new("2026-06-15T10:00:00Z".parse()?, &acme, &policy))?;
    /// let account = decision.events().fold(account, Account::evolve);
    /// decision.apply_effects(&mut outbox)?;
    ///
    /// // The outbox holds exactly the account's timers.
    /// let timers: BTreeMap<_, _> = account.timers(&policy).map(|t| (t.key, t.due)).collect();
    /// assert_eq!(outbox, timers);
    /// assert_eq!(outbox.keys().next().map(ToString::to_string).as_deref(), Some("customer/rossi/unlink/acme"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_effects<O: Outbox + ?Sized>(&self, outbox: &mut O) -> Result<(), O::Error> {
        self.effects()
            .try_for_each(|effect| effect.apply_to(outbox))
    }
}

/// The in-memory maps of pending timers (each key with its due instant)
/// are outboxes as they are: schedule inserts, cancel removes.
macro_rules! map_outbox {
    ($($(#[$doc:meta])* impl$(<$($generic:ident: $bound:path),*>)? Outbox for $map:ty;)*) => {$(
        $(#[$doc])*
        impl$(<$($generic: $bound),*>)? Outbox for $map {
            type Error = Infallible;

            fn schedule(&mut self, timer: &Timer) -> Result<(), Infallible> {
                self.insert(timer.key.clone(), timer.due);
                Ok(())
            }

            fn cancel(&mut self, key: &TimerKey) -> Result<(), Infallible> {
                self.remove(key);
                Ok(())
            }
        }
    )*};
}

map_outbox! {
    /// Pending timers in order of their keys, each with its due instant.
    impl Outbox for BTreeMap<TimerKey, DateTime<Utc>>;

    /// Pending timers by key, each with its due instant.
    impl<S: BuildHasher> Outbox for HashMap<TimerKey, DateTime<Utc>, S>;
}
