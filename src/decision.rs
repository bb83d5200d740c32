//! What every decision takes and gives, for both aggregates: the
//! [`Context`] (the instant, the actor, the policy) and the [`Decision`]
//! (the events to apply and the effects to persist).

use arrayvec::ArrayVec;
use chrono::{DateTime, Utc};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::{Actor, Effect, Policy};

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

#[derive(Clone, Debug, PartialEq, Eq)]
enum Output<E> {
    Event(E),
    Effect(Effect),
}

/// How many outputs a decision keeps on the stack before it needs the heap:
/// nearly every decision has fewer.
const INLINE: usize = 8;

/// How an aggregate's changes become its events: the envelope each event
/// carries (the subject, the instant, the policy: POL-5).
pub(crate) trait Envelope {
    /// What changed.
    type Change;
    /// The event that records it.
    type Event;
    /// The event of `change`.
    fn wrap(&self, change: Self::Change) -> Self::Event;
    /// The most outputs the decision can have, from what was known before
    /// deciding: asked only when a decision outgrows the stack.
    fn bound(&self) -> usize;
}

/// The one way both aggregates collect a decision's outputs, in order: the
/// changes, bare, on the stack up to [`INLINE`] outputs; beyond that, as
/// events in one buffer reserved from the envelope's bound. Finishing wraps
/// them into a [`Decision`] with one allocation (none when empty); a refusal
/// drops them without having allocated, unless the decision had outgrown
/// the stack before it was refused.
pub(crate) struct Outputs<V: Envelope> {
    inline: ArrayVec<Output<V::Change>, INLINE>,
    spill: Vec<Output<V::Event>>,
    envelope: V,
}

impl<V: Envelope> Outputs<V> {
    /// Outputs of a decision whose events go in `envelope`.
    pub(crate) fn new(envelope: V) -> Self {
        Outputs {
            inline: ArrayVec::new(),
            spill: Vec::new(),
            envelope,
        }
    }

    /// The envelope its events go in.
    pub(crate) fn envelope(&self) -> &V {
        &self.envelope
    }

    /// Adds an event, the record of `change`.
    pub(crate) fn event(&mut self, change: V::Change) {
        self.push(Output::Event(change));
    }

    /// Adds an effect.
    pub(crate) fn effect(&mut self, effect: Effect) {
        self.push(Output::Effect(effect));
    }

    fn push(&mut self, output: Output<V::Change>) {
        if self.spill.capacity() == 0 {
            match self.inline.try_push(output) {
                Ok(()) => {}
                Err(full) => {
                    self.spill_over();
                    let output = wrap(&self.envelope, full.element());
                    self.spill.push(output);
                }
            }
        } else {
            let output = wrap(&self.envelope, output);
            self.spill.push(output);
        }
    }

    /// The stack is full: every output so far moves to the buffer.
    #[cold]
    fn spill_over(&mut self) {
        self.spill = Vec::with_capacity(self.envelope.bound().max(INLINE + 1));
        for output in self.inline.drain(..) {
            self.spill.push(wrap(&self.envelope, output));
        }
    }

    /// The decision: every output, in the order added. Taken by reference,
    /// so that the stack buffer is drained where it is, not moved.
    pub(crate) fn finish(&mut self) -> Decision<V::Event> {
        if self.spill.capacity() > 0 {
            return Decision {
                outputs: std::mem::take(&mut self.spill),
            };
        }
        let mut outputs = Vec::with_capacity(self.inline.len());
        for output in self.inline.drain(..) {
            outputs.push(wrap(&self.envelope, output));
        }
        Decision { outputs }
    }
}

fn wrap<V: Envelope>(envelope: &V, output: Output<V::Change>) -> Output<V::Event> {
    match output {
        Output::Event(change) => Output::Event(envelope.wrap(change)),
        Output::Effect(effect) => Output::Effect(effect),
    }
}

/// An accepted command's outcome: the events to apply (with `evolve`) and the
/// effects to persist in the same transaction.
///
/// A decision with no events and no effects is an accepted no-op ("already
/// in that state", or a stale timer). Events and effects share one buffer,
/// so a decision costs at most one allocation.
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
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use = "a decision's events and effects must be applied and persisted"]
pub struct Decision<E> {
    outputs: Vec<Output<E>>,
}

impl<E> Default for Decision<E> {
    fn default() -> Self {
        Decision {
            outputs: Vec::new(),
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
        self.outputs.iter().filter_map(|output| match output {
            Output::Event(event) => Some(event),
            Output::Effect(_) => None,
        })
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
        self.outputs.iter().filter_map(|output| match output {
            Output::Effect(effect) => Some(effect),
            Output::Event(_) => None,
        })
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
        self.outputs.is_empty()
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
        let mut events = Vec::new();
        let mut effects = Vec::new();
        for output in self.outputs {
            match output {
                Output::Event(event) => events.push(event),
                Output::Effect(effect) => effects.push(effect),
            }
        }
        (events, effects)
    }
}

struct Events<'a, E>(&'a Decision<E>);
struct Effects<'a, E>(&'a Decision<E>);

impl<E: Serialize> Serialize for Events<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.events())
    }
}

impl<E> Serialize for Effects<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.effects())
    }
}

/// Serializes as `{"events": [...], "effects": [...]}`.
impl<E: Serialize> Serialize for Decision<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Decision", 2)?;
        out.serialize_field("events", &Events(self))?;
        out.serialize_field("effects", &Effects(self))?;
        out.end()
    }
}
