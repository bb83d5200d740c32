//! How a decision reaches a licence, for `Licence::decide` and for the
//! account: the timers due at `now` first (LIC-2, LIC-7, POL-3; `timers.rs`),
//! then the command's own rule (`transitions.rs` and the families it calls)
//! or the end with the partner's scheduled unlink (REL-7),
//! then the timers the change made due, and last the effects that keep the
//! caller's outbox equal to the licence's timers.

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use super::timers::MAX_DUE_CHANGES;
use crate::decision::{Envelope, Outputs};
use crate::{
    Context, CustomerId, Effect, Error, Licence, LicenceChange, LicenceCommand, LicenceEvent,
    LicenceId, Policy,
};

impl Licence {
    /// The one way a decision reaches a licence, for [`Licence::decide`] and
    /// for the account: applies the timers due at `ctx.now` (LIC-2, LIC-7,
    /// POL-3), then `input`'s own change, then the timers that change makes
    /// due (a resume after the term ended), reporting each change and, last,
    /// the effects that turn the outbox of `self` into that of the result.
    /// `customer` is the customer whose licence this is: the timer keys
    /// name it.
    ///
    /// A refusal returns before anything is cloned, unless a timer was due.
    pub(crate) fn step(
        &self,
        customer: &CustomerId,
        input: Input<'_>,
        ctx: &Context<'_>,
        out: &mut impl LicenceOutputs,
    ) -> Result<(), Error> {
        self.run(customer, input, ctx, out, &mut None)
    }

    /// [`Licence::step`], leaving in `after` the licence as the decision
    /// leaves it when the decision built it: when timers were due or the
    /// change moves a timer. A change that moves none (seats, auto-renew)
    /// is only reported (`after` stays `None`). Written in place, so that a
    /// licence is never moved on its way out.
    fn run(
        &self,
        customer: &CustomerId,
        input: Input<'_>,
        ctx: &Context<'_>,
        out: &mut impl LicenceOutputs,
        after: &mut Option<Licence>,
    ) -> Result<(), Error> {
        let caught_up = matches!(
            input,
            Input::CommandAsItStands(_) | Input::EndedWithUnlink { .. }
        );
        if !caught_up && !self.nothing_due(ctx) {
            let licence = after.insert(self.clone());
            licence.settle(ctx, out)?;
        }
        let current = after.as_ref().unwrap_or(self);
        let change = match input {
            Input::Timers => None,
            Input::Command(command) | Input::CommandAsItStands(command) => {
                current.decide_now(customer, command, ctx)?
            }
            Input::EndedWithUnlink { at } => current.ended_with_unlink(at),
        };
        if let Some(change) = change {
            out.change(&self.id, change);
            if change.moves_timers() {
                let licence = match after {
                    Some(licence) => licence,
                    None => after.insert(self.clone()),
                };
                licence.apply(&change, ctx.now);
                licence.settle(ctx, out)?;
            } else if let Some(licence) = after.as_mut() {
                licence.apply(&change, ctx.now);
            }
        }
        if let Some(licence) = after {
            self.timer_changes(licence, customer, ctx.policy, out);
        }
        Ok(())
    }

    /// This licence of `customer` as it stands at `ctx.now`: its due timers
    /// applied, borrowed when none was due.
    #[inline]
    pub(crate) fn at_now<'a>(
        &'a self,
        customer: &CustomerId,
        ctx: &Context<'_>,
    ) -> Result<Cow<'a, Licence>, Error> {
        if self.nothing_due(ctx) {
            return Ok(Cow::Borrowed(self));
        }
        self.caught_up(customer, ctx).map(Cow::Owned)
    }

    /// This licence with its due timers applied.
    #[inline(never)]
    fn caught_up(&self, customer: &CustomerId, ctx: &Context<'_>) -> Result<Licence, Error> {
        let mut after = None;
        self.run(customer, Input::Timers, ctx, &mut Discard, &mut after)?;
        Ok(after.unwrap_or_else(|| self.clone()))
    }

    /// This licence of `customer`, standing as it is at `ctx.now`, ended at
    /// `at` with its partner's scheduled unlink (REL-7); `None` when it was
    /// not active or suspended.
    pub(crate) fn ended_at(
        &self,
        customer: &CustomerId,
        at: DateTime<Utc>,
        ctx: &Context<'_>,
    ) -> Result<Option<Licence>, Error> {
        let mut after = None;
        self.run(
            customer,
            Input::EndedWithUnlink { at },
            ctx,
            &mut Discard,
            &mut after,
        )?;
        Ok(after)
    }
}

/// What a decision asks of a licence ([`Licence::step`]).
#[derive(Clone, Copy)]
pub(crate) enum Input<'c> {
    /// Only its due timers.
    Timers,
    /// A command, after its due timers.
    Command(&'c LicenceCommand),
    /// A command on a licence that stands as it is at `now`: the caller
    /// applied and reported its due timers.
    CommandAsItStands(&'c LicenceCommand),
    /// The scheduled unlink of the partner that bought it took effect at
    /// `at`: an active or suspended licence, standing as it is at `now`,
    /// ends with it (REL-7).
    EndedWithUnlink {
        /// The unlink instant.
        at: DateTime<Utc>,
    },
}

/// Where a licence's decision reports its changes and effects: the events
/// of a licence decided on its own, an account's decision, or nowhere.
pub(crate) trait LicenceOutputs {
    /// `licence` changed.
    fn change(&mut self, licence: &LicenceId, change: LicenceChange);
    /// An effect to persist.
    fn effect(&mut self, effect: Effect);
}

/// Drops what it is told: for reading a licence as it stands at `now`.
pub(super) struct Discard;

impl LicenceOutputs for Discard {
    fn change(&mut self, _: &LicenceId, _: LicenceChange) {}
    fn effect(&mut self, _: Effect) {}
}

/// The most outputs a licence decision has: the changes of two catch-ups
/// and a command, and the cancellation and scheduling of every timer.
pub(crate) const MAX_OUTPUTS: usize = 2 * (MAX_DUE_CHANGES + 1) + 2 * (Policy::MAX_REMINDERS + 1);

/// A licence decided on its own: its changes become its events.
pub(super) struct OwnEnvelope<'a> {
    licence: &'a LicenceId,
    decided_at: DateTime<Utc>,
    policy: &'a Policy,
}

impl<'a> OwnEnvelope<'a> {
    /// The envelope of `licence`'s events decided in `ctx`.
    pub(super) fn new(licence: &'a LicenceId, ctx: &Context<'a>) -> Self {
        OwnEnvelope {
            licence,
            decided_at: ctx.now,
            policy: ctx.policy,
        }
    }
}

impl Envelope for OwnEnvelope<'_> {
    type Change = LicenceChange;
    type Event = LicenceEvent;

    fn bound(&self) -> usize {
        MAX_OUTPUTS
    }

    fn wrap(&self, change: LicenceChange) -> LicenceEvent {
        LicenceEvent {
            licence: self.licence.clone(),
            decided_at: self.decided_at,
            policy: self.policy.stamp(),
            change,
        }
    }
}

impl LicenceOutputs for Outputs<OwnEnvelope<'_>> {
    fn change(&mut self, _: &LicenceId, change: LicenceChange) {
        self.event(change);
    }

    fn effect(&mut self, effect: Effect) {
        Outputs::effect(self, effect);
    }
}
