//! What every decision takes and gives, for both aggregates: the
//! [`Context`] (the instant, the actor, the policy) and the [`Decision`]
//! (the events to apply and the effects to persist).

use chrono::{DateTime, Utc};
use serde::Serialize;
use smallvec::SmallVec;

use crate::actor::Actor;
use crate::effect::Effect;
use crate::policy::Policy;

/// What `decide` needs besides the state and the command: the instant, who
/// acts, and the policy.
///
/// # Example
///
/// ```
/// use channel_licensing::{Actor, Context, Policy};
/// use chrono::{DateTime, Utc};
///
/// let policy = Policy::standard();
/// let now: DateTime<Utc> = "2026-03-01T00:00:00Z".parse()?;
/// let ctx = Context::new(now, &Actor::Vendor, &policy);
/// assert_eq!(ctx.now, now);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Context<'a> {
    /// The instant the command is decided at, from the caller's clock.
    pub now: DateTime<Utc>,
    /// Who acts.
    pub actor: &'a Actor,
    /// The policy in force.
    pub policy: &'a Policy,
}

impl<'a> Context<'a> {
    /// A context.
    ///
    /// # Example
    ///
    /// See [`Context`].
    ///
    /// ```
    /// # use channel_licensing::{Actor, Context, Policy};
    /// let policy = Policy::standard();
    /// let ctx = Context::new(chrono::DateTime::UNIX_EPOCH, &Actor::Vendor, &policy);
    /// assert_eq!(ctx.policy.name().as_str(), "standard");
    /// ```
    #[must_use]
    pub fn new(now: DateTime<Utc>, actor: &'a Actor, policy: &'a Policy) -> Self {
        Context { now, actor, policy }
    }
}

/// A decision being built: the changes it makes and the effects it asks
/// for, each in the order the rules produced them. `finish` wraps the
/// changes into the aggregate's events. The first change is kept without a
/// heap buffer of its own (most decisions have one).
#[derive(Debug)]
pub(crate) struct Draft<C> {
    changes: SmallVec<[C; 1]>,
    effects: Vec<Effect>,
}

impl<C> Default for Draft<C> {
    fn default() -> Self {
        Draft {
            changes: SmallVec::new(),
            effects: Vec::new(),
        }
    }
}

impl<C> Draft<C> {
    /// Adds a change: an event of the decision.
    pub(crate) fn event(&mut self, change: C) {
        self.changes.push(change);
    }

    /// Adds an effect.
    pub(crate) fn effect(&mut self, effect: Effect) {
        self.effects.push(effect);
    }

    /// Its changes and effects.
    pub(crate) fn into_parts(self) -> (Vec<C>, Vec<Effect>) {
        (self.changes.into_vec(), self.effects)
    }

    /// The decision: each change wrapped into its event by `wrap`.
    pub(crate) fn finish<E>(self, wrap: impl FnMut(C) -> E) -> Decision<E> {
        Decision {
            events: self.changes.into_iter().map(wrap).collect(),
            effects: self.effects,
        }
    }
}

/// An accepted command's outcome: the events to apply (with `evolve`) and the
/// effects to persist in the same transaction.
///
/// A decision with no events and no effects is an accepted no-op ("already
/// in that state", or a stale timer). It serializes as
/// `{"events": [...], "effects": [...]}`.
///
/// # Example
///
/// ```
/// use channel_licensing::{Actor, Context, Licence, LicenceCommand, Policy, Purchaser, Term};
/// use chrono::{DateTime, Utc};
///
/// let policy = Policy::standard();
/// let now: DateTime<Utc> = "2026-03-01T00:00:00Z".parse()?;
/// let term = Term::new("2026-01-01T00:00:00Z".parse()?, "2027-01-01T00:00:00Z".parse()?)?;
/// let licence = Licence::active("L-1", "endpoint", 10, term, false, Purchaser::partner("acme"))?;
/// let ctx = Context::new(now, &Actor::Vendor, &policy);
///
/// let decision = licence.decide(&"rossi".into(), &LicenceCommand::ChangeSeats { seats: 12 }, &ctx)?;
/// assert_eq!(decision.events().count(), 1);
/// assert_eq!(decision.effects().count(), 0);
///
/// let same = licence.decide(&"rossi".into(), &LicenceCommand::ChangeSeats { seats: 10 }, &ctx)?;
/// assert!(same.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[must_use = "a decision's events and effects must be applied and persisted"]
pub struct Decision<E> {
    events: Vec<E>,
    effects: Vec<Effect>,
}

impl<E> Default for Decision<E> {
    fn default() -> Self {
        Decision {
            events: Vec::new(),
            effects: Vec::new(),
        }
    }
}

impl<E> Decision<E> {
    /// The accepted no-op: no events, no effects. Does not allocate.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Decision, LicenceEvent};
    ///
    /// assert!(Decision::<LicenceEvent>::none().is_empty());
    /// ```
    pub fn none() -> Self {
        Self::default()
    }

    /// The events, in the order to apply them.
    ///
    /// # Example
    ///
    /// See [`Decision`].
    ///
    /// ```
    /// use channel_licensing::{Decision, LicenceEvent};
    ///
    /// assert_eq!(Decision::<LicenceEvent>::none().events().count(), 0);
    /// ```
    #[must_use]
    pub fn events(&self) -> impl DoubleEndedIterator<Item = &E> {
        self.events.iter()
    }

    /// The effects, in the order to apply them to the outbox.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Decision, LicenceEvent};
    ///
    /// assert_eq!(Decision::<LicenceEvent>::none().effects().count(), 0);
    /// ```
    #[must_use]
    pub fn effects(&self) -> impl DoubleEndedIterator<Item = &Effect> {
        self.effects.iter()
    }

    /// Whether the decision is an accepted no-op.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Decision, LicenceEvent};
    ///
    /// assert!(Decision::<LicenceEvent>::none().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.events.is_empty() && self.effects.is_empty()
    }

    /// Splits the decision into its events and its effects.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Decision, LicenceEvent};
    ///
    /// let (events, effects) = Decision::<LicenceEvent>::none().into_parts();
    /// assert!(events.is_empty() && effects.is_empty());
    /// ```
    #[must_use]
    pub fn into_parts(self) -> (Vec<E>, Vec<Effect>) {
        (self.events, self.effects)
    }
}
