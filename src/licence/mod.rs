//! The licence lifecycle (LIC-1; each other LIC rule in its family's file:
//! `timers.rs`, `reactivation.rs`, `suspension.rs`, `cancellation.rs`,
//! `transitions.rs`, `seats.rs`) and who manages a licence (`ownership.rs`).
//!
//! A [`Licence`] is persisted state: load it, [`decide`](Licence::decide) a
//! [`LicenceCommand`] at `now`, apply the decided events with
//! [`evolve`](Licence::evolve), persist the effects. Time-driven changes
//! (term end, trial end, the cancellation a suspension starts, reminders)
//! are timers the decision asks the caller to schedule; delivering one is
//! the [`LicenceCommand::Deliver`] command.
//!
//! `decide` always judges the licence as it stands at `now`: a timer that
//! is due but was not delivered yet is applied first, and its events are
//! part of the decision. A caller that misses a delivery therefore still
//! gets the right answer, and the late delivery that follows is a no-op.

mod batches;
mod cancellation;
mod command;
mod event;
mod invariants;
mod ownership;
mod reactivation;
mod seats;
mod state;
mod step;
mod suspension;
mod timers;
mod transitions;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::sub_days;
use crate::decision::Draft;
use crate::decision::{Context, Decision};
use crate::effect::Timer;
use crate::error::Error;
use crate::ids::OfferId;
use crate::ids::{CustomerId, LicenceId};
use crate::instant;
use crate::money::Money;
use crate::policy::PhaseAt;
use crate::policy::Policy;
use crate::wire::flat::flattened;
use timers::Unsent;

pub use crate::vocabulary::{LicenceAction, LicenceStatus};
pub use batches::{SeatBatch, SeatBatches};
pub use command::LicenceCommand;
pub use event::{LicenceChange, LicenceEvent};
pub use state::{CancelledBy, LicenceState, Purchaser, Term};
pub(crate) use step::FromLicence;

/// A licence of a customer account: the licence lifecycle aggregate.
///
/// # Read from JSON
///
/// A licence loads only when a decision could have left it: at least one
/// seat (LIC-11); a term that ends after it starts; a suspension's
/// cancellation after the suspension (LIC-7); reminders marked sent only up
/// to the end of its term, or of the term it expired at (POL-3); seat
/// batches of at least one seat each, at most
/// [`SeatBatches::CAPACITY`], adding up to its seats, or none on a licence
/// stored without a term (POL-2); a price that is not negative; IDs as for
/// an [`Account`](crate::Account); its state's fields and no other (an
/// `unlink_at` on an active licence is an error), and no unknown field.
///
/// # Example
///
/// ```
/// use channel_licensing::{Licence, LicenceStatus, Policy, Purchaser, Term};
/// use chrono::{DateTime, Utc};
///
/// let term = Term::new("2026-01-01T00:00:00Z".parse()?, "2027-01-01T00:00:00Z".parse()?)?;
/// let licence = Licence::active("L-1", "endpoint-advanced", 25, term, true, Purchaser::partner("acme"))?;
/// let now: DateTime<Utc> = "2026-06-01T00:00:00Z".parse()?;
/// assert_eq!(licence.status(now, &Policy::standard()), LicenceStatus::Active);
///
/// // The term end, and the reminder 30 days before it (POL-3), are its timers.
/// assert_eq!(licence.timers(&"rossi".into(), &Policy::standard()).count(), 2);
/// assert_eq!(licence.next_deadline(&Policy::standard()), Some("2026-12-02T00:00:00Z".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", deny_unknown_fields)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct Licence {
    /// The licence's ID.
    pub id: LicenceId,
    /// The offer it is for.
    pub offer: OfferId,
    /// Its seat count (at least 1).
    pub seats: u32,
    /// Who bought it, and so who manages it (SUB-1, BILL-6).
    pub bought_by: Purchaser,
    /// Its price per seat per term, if known (money maths: POL-4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Money>,
    /// Its lifecycle state.
    #[cfg_attr(feature = "schema", schemars(flatten))]
    pub state: LicenceState,
    /// Reminders due at or before this instant have been sent (POL-3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "instant::option")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DateTime<Utc>>"))]
    pub reminded_until: Option<DateTime<Utc>>,
    /// The seats by when they were added (POL-2). Always serialized, even
    /// empty: a missing field loads as [`Licence::new`]'s default (every seat
    /// in one batch at the term's start), which an emptied list is not.
    #[serde(default = "SeatBatches::not_given")]
    #[cfg_attr(feature = "schema", schemars(default))]
    pub seat_batches: SeatBatches,
}

flattened!(Licence, "state", then = Licence::loaded);

impl Licence {
    /// A licence in `state`.
    ///
    /// # Errors
    ///
    /// [`Error::ZeroSeats`] for zero seats; [`Error::InvalidTerm`] when the
    /// state's term does not end after it starts.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Error, Licence, LicenceState, Purchaser};
    ///
    /// let expired = LicenceState::Expired { at: "2026-01-10T00:00:00Z".parse()? };
    /// let licence = Licence::new("L-1", "endpoint", 25, expired, Purchaser::partner("acme"))?;
    /// assert_eq!(licence.seats, 25);
    /// assert_eq!(Licence::new("L-1", "endpoint", 0, expired, Purchaser::partner("acme")), Err(Error::ZeroSeats));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: impl Into<LicenceId>,
        offer: impl Into<OfferId>,
        seats: u32,
        state: LicenceState,
        bought_by: Purchaser,
    ) -> Result<Licence, Error> {
        if seats == 0 {
            return Err(Error::ZeroSeats);
        }
        if let LicenceState::Trial { term }
        | LicenceState::Active { term, .. }
        | LicenceState::Suspended { term, .. } = state
        {
            Term::new(term.starts, term.ends)?;
        }
        Ok(Licence {
            id: id.into(),
            offer: offer.into(),
            seats,
            bought_by,
            price: None,
            state,
            reminded_until: None,
            seat_batches: SeatBatches::bought(seats, &state),
        })
    }

    /// A licence as read: the seat batches [`Licence::new`] gives where the
    /// field was left out, then every load invariant (at least one seat, and
    /// [`Licence::check`]'s).
    fn loaded(mut self) -> Result<Licence, Error> {
        if self.seats == 0 {
            return Err(Error::ZeroSeats);
        }
        if self.seat_batches.is_not_given() {
            self.seat_batches = SeatBatches::bought(self.seats, &self.state);
        }
        self.check()?;
        Ok(self)
    }

    /// An active licence for `term`.
    ///
    /// # Errors
    ///
    /// As [`Licence::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Licence, Purchaser, Term};
    ///
    /// let term = Term::of_days("2026-01-01T00:00:00Z".parse()?, 365)?;
    /// let licence = Licence::active("L-1", "endpoint", 10, term, false, Purchaser::partner("acme"))?;
    /// assert_eq!(licence.offer.as_str(), "endpoint");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn active(
        id: impl Into<LicenceId>,
        offer: impl Into<OfferId>,
        seats: u32,
        term: Term,
        auto_renew: bool,
        bought_by: Purchaser,
    ) -> Result<Licence, Error> {
        Licence::new(
            id,
            offer,
            seats,
            LicenceState::Active { term, auto_renew },
            bought_by,
        )
    }

    /// A trial licence for `term`.
    ///
    /// # Errors
    ///
    /// As [`Licence::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Licence, LicenceState, Purchaser, Term};
    ///
    /// let term = Term::of_days("2026-01-01T00:00:00Z".parse()?, 30)?;
    /// let trial = Licence::trial("T-1", "endpoint", 5, term, Purchaser::partner("acme"))?;
    /// assert_eq!(trial.state, LicenceState::Trial { term });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn trial(
        id: impl Into<LicenceId>,
        offer: impl Into<OfferId>,
        seats: u32,
        term: Term,
        bought_by: Purchaser,
    ) -> Result<Licence, Error> {
        Licence::new(id, offer, seats, LicenceState::Trial { term }, bought_by)
    }

    /// This licence, with a price per seat per term.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Licence, Money, Purchaser, Term};
    /// use rust_decimal::Decimal;
    ///
    /// let term = Term::of_days("2026-01-01T00:00:00Z".parse()?, 365)?;
    /// let price = Money::new(Decimal::new(1250, 2), "EUR".parse()?);
    /// let licence = Licence::active("L-1", "endpoint", 10, term, false, Purchaser::partner("acme"))?.with_price(price);
    /// assert_eq!(licence.price, Some(price));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_price(mut self, price: Money) -> Self {
        self.price = Some(price);
        self
    }

    /// The post-expiry phase at `now`, for an expired licence (POL-1).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Licence, LicenceState, Policy, Purchaser};
    /// use channel_licensing::policy::PhaseName;
    /// use chrono::{DateTime, Utc};
    ///
    /// let licence = Licence::new("L-1", "e", 1, LicenceState::Expired { at: "2026-01-10T00:00:00Z".parse()? }, Purchaser::partner("acme"))?;
    /// let now: DateTime<Utc> = "2026-01-20T00:00:00Z".parse()?;
    /// assert_eq!(licence.phase(now, &Policy::standard()).map(|p| p.name), Some(PhaseName::Grace));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn phase(&self, now: DateTime<Utc>, policy: &Policy) -> Option<PhaseAt> {
        match self.state {
            LicenceState::Expired { at } => Some(policy.phase_at(at, now)),
            _ => None,
        }
    }

    /// The state at `now`, with an expired licence's phase (LIC-1).
    ///
    /// This reads the persisted state: a term end that is due but not yet
    /// delivered still shows as active. [`Licence::decide`] applies due
    /// timers first.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Licence, LicenceState, LicenceStatus, Policy, Purchaser};
    /// use channel_licensing::policy::PhaseName;
    /// use chrono::{DateTime, Utc};
    ///
    /// let licence = Licence::new("L-1", "e", 1, LicenceState::Expired { at: "2026-01-10T00:00:00Z".parse()? }, Purchaser::partner("acme"))?;
    /// let now: DateTime<Utc> = "2026-03-11T00:00:00Z".parse()?;
    /// assert_eq!(licence.status(now, &Policy::standard()), LicenceStatus::Expired { phase: PhaseName::Lapsed });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn status(&self, now: DateTime<Utc>, policy: &Policy) -> LicenceStatus {
        match self.state {
            LicenceState::Trial { .. } => LicenceStatus::Trial,
            LicenceState::Active { .. } => LicenceStatus::Active,
            LicenceState::Suspended { .. } => LicenceStatus::Suspended,
            LicenceState::Expired { at } => LicenceStatus::Expired {
                phase: policy.phase_at(at, now).name,
            },
            LicenceState::Revoked { .. } => LicenceStatus::Revoked,
            LicenceState::Removed { .. } => LicenceStatus::Removed,
            LicenceState::Cancelled { .. } => LicenceStatus::Cancelled,
        }
    }

    /// Whether the licence is in a terminal state at `now`: revoked,
    /// removed, cancelled, or expired in the policy's last phase (LIC-13).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Licence, LicenceState, Policy, Purchaser};
    /// use chrono::{DateTime, Utc};
    ///
    /// let licence = Licence::new("L-1", "e", 1, LicenceState::Expired { at: "2026-01-10T00:00:00Z".parse()? }, Purchaser::partner("acme"))?;
    /// let policy = Policy::standard();
    /// assert!(!licence.is_terminal("2026-03-10T23:59:59Z".parse()?, &policy));
    /// assert!(licence.is_terminal("2026-03-11T00:00:00Z".parse()?, &policy));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_terminal(&self, now: DateTime<Utc>, policy: &Policy) -> bool {
        match self.state {
            LicenceState::Revoked { .. }
            | LicenceState::Removed { .. }
            | LicenceState::Cancelled { .. } => true,
            LicenceState::Expired { at } => policy.phase_at(at, now).is_last,
            LicenceState::Trial { .. }
            | LicenceState::Active { .. }
            | LicenceState::Suspended { .. } => false,
        }
    }

    /// The timers this licence expects to be pending in the caller's
    /// outbox, in due order: reminders before the term or trial end that
    /// have not been sent (POL-3), then the term end, the trial end or the
    /// suspension's cancellation.
    ///
    /// Schedule them all when you first store a licence; after that, the
    /// effects of each decision keep the outbox equal to this list. The
    /// keys name `customer`, the customer whose licence this is, so they
    /// are unique across customers.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Licence, Policy, Purchaser, Term, TimerKey};
    ///
    /// let term = Term::of_days("2026-01-01T00:00:00Z".parse()?, 30)?;
    /// let trial = Licence::trial("T-1", "endpoint", 5, term, Purchaser::partner("acme"))?;
    /// let keys: Vec<String> = trial.timers(&"rossi".into(), &Policy::standard()).map(|t| t.key.to_string()).collect();
    /// assert_eq!(keys, ["customer/rossi/licence/T-1/reminder/trial_end/3", "customer/rossi/licence/T-1/trial_end"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn timers<'a>(
        &'a self,
        customer: &'a CustomerId,
        policy: &'a Policy,
    ) -> impl Iterator<Item = Timer> + 'a {
        self.slots(policy).map(|(slot, due)| Timer {
            key: self.key(customer, slot),
            due,
        })
    }

    /// The earliest instant at which one of the licence's timers is due, for
    /// sweeps: store it in an indexed column and deliver what is due
    /// (quinn-proto's `poll_timeout`). `None` when nothing will ever be due.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Licence, LicenceState, Policy, Purchaser, Term};
    ///
    /// let policy = Policy::standard().to_builder().name("custom").term_end_reminders([]).build()?;
    /// let term = Term::of_days("2026-01-01T00:00:00Z".parse()?, 365)?;
    /// let licence = Licence::active("L-1", "endpoint", 10, term, true, Purchaser::partner("acme"))?;
    /// assert_eq!(licence.next_deadline(&policy), Some(term.ends));
    ///
    /// let expired = Licence::new("L-2", "e", 1, LicenceState::Expired { at: term.ends }, Purchaser::partner("acme"))?;
    /// assert_eq!(expired.next_deadline(&policy), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn next_deadline(&self, policy: &Policy) -> Option<DateTime<Utc>> {
        let (offsets, term) = match self.state {
            LicenceState::Trial { term } => (policy.trial_end_reminders(), term),
            LicenceState::Active { term, .. } => (policy.term_end_reminders(), term),
            LicenceState::Suspended { cancels_at, .. } => return Some(cancels_at),
            LicenceState::Expired { .. }
            | LicenceState::Revoked { .. }
            | LicenceState::Removed { .. }
            | LicenceState::Cancelled { .. } => return None,
        };
        // The minimum of `slots` without walking them all: offsets are sorted
        // largest first, so the first pending reminder is the earliest, and
        // no reminder is due after the term ends. `pending_reminder`'s rule,
        // with its bound worked out once.
        let unsent = Unsent::of(self.reminded_until, term);
        for &days in offsets {
            if let Some(due) = sub_days(term.ends, days)
                && unsent.admits(due)
            {
                return Some(due);
            }
        }
        Some(term.ends)
    }

    /// Decides `command` on this licence of `customer` at `ctx.now`: the
    /// events to apply and the effects to persist, or a refusal. `customer`
    /// is the customer whose licence this is: the timer keys name it.
    ///
    /// Timers due at or before `now` are applied first (their events lead
    /// the decision), so the licence is judged as it stands at `now`; timers
    /// the command itself makes due are applied after it, so the decided
    /// state never has an overdue timer. Pure:
    /// the same inputs give the same output everywhere.
    ///
    /// # Errors
    ///
    /// - [`Error::Refused`] with the rule that refused: a terminal state
    ///   (LIC-13), a state the command does not apply to (LIC-4, LIC-7,
    ///   LIC-8, LIC-11, LIC-12), a closed reactivation window (LIC-5, with
    ///   no earliest instant), a phase that forbids reactivation (POL-1), a
    ///   revoke by anyone but the vendor (LIC-9), a partner's command on a
    ///   licence the customer bought (BILL-6) or another partner bought
    ///   (SUB-1), a timer delivered before it is due (with its due instant
    ///   as the earliest).
    /// - [`Error::TimeOutOfRange`] when an instant the decision needs lies
    ///   beyond chrono's range; [`Error::InvalidTerm`] when the stored term
    ///   does not end after it starts.
    /// - [`Error::Money`] (an amount out of range) when a cancel command's forfeited or
    ///   refunded amount cannot be represented (a suspension's cancellation,
    ///   a timer, goes through without the amount instead).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Actor, Context, Licence, LicenceChange, LicenceCommand, LicenceState, Policy, Purchaser};
    /// use channel_licensing::policy::PhaseName;
    /// use chrono::{DateTime, Utc};
    ///
    /// let policy = Policy::standard();
    /// let licence = Licence::new("L-1", "e", 5, LicenceState::Expired { at: "2026-01-10T00:00:00Z".parse()? }, Purchaser::partner("acme"))?;
    /// // Day 40 after expiry: past grace, inside the 60-day reactivation window (LIC-5).
    /// let now: DateTime<Utc> = "2026-02-19T00:00:00Z".parse()?;
    /// let actor = Actor::Vendor;
    /// let decision = licence.decide(&"rossi".into(), &LicenceCommand::Reactivate { term_days: 365, auto_renew: true },
    ///                               &Context::new(now, &actor, &policy))?;
    /// let event = decision.events().next().unwrap();
    /// assert!(matches!(event.change,
    ///     LicenceChange::Reactivated { interrupted: true, phase: PhaseName::Reactivatable, .. }));
    /// let licence = licence.evolve(event);
    /// assert!(matches!(licence.state, LicenceState::Active { auto_renew: true, .. }));
    /// // The new term's end and its reminder are scheduled.
    /// assert_eq!(decision.effects().count(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn decide(
        &self,
        customer: &CustomerId,
        command: &LicenceCommand,
        ctx: &Context<'_>,
    ) -> Result<Decision<LicenceEvent>, Error> {
        let mut out = Draft::default();
        self.step(customer, Some(command), ctx, &mut out)?;
        Ok(out.finish(|change| LicenceEvent {
            licence: self.id.clone(),
            decided_at: ctx.now,
            policy: ctx.policy.stamp(),
            change,
        }))
    }

    /// Applies an event that `decide` produced. Total: an event for another
    /// licence, or one that does not fit the state (which `decide` never
    /// produces), leaves the licence unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Actor, Context, Licence, LicenceCommand, LicenceState, Policy, Purchaser, Term};
    ///
    /// let policy = Policy::standard();
    /// let term = Term::of_days("2026-01-01T00:00:00Z".parse()?, 365)?;
    /// let licence = Licence::active("L-1", "endpoint", 10, term, true, Purchaser::partner("acme"))?;
    /// let now = "2026-02-01T00:00:00Z".parse()?;
    /// let decision = licence.decide(&"rossi".into(), &LicenceCommand::Suspend, &Context::new(now, &Actor::Vendor, &policy))?;
    /// let licence = decision.events().fold(licence, Licence::evolve);
    /// assert!(matches!(licence.state, LicenceState::Suspended { .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn evolve(mut self, event: &LicenceEvent) -> Licence {
        if event.licence == self.id {
            self.apply(&event.change, event.decided_at);
        }
        self
    }
}
