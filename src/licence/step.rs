//! How a decision reaches a licence, for `Licence::decide` and for the
//! account (no rule of its own): the timers due at `now` first (`timers.rs`),
//! then who may send the command (`ownership.rs`) and the rule of the
//! command's family (`transitions.rs`, `suspension.rs`, `cancellation.rs`,
//! `seats.rs`, `reactivation.rs`, `timers.rs` for a delivery), or the end
//! with the partner's scheduled unlink (`transitions.rs`), then the timers
//! the change made due, and last the effects that keep the caller's outbox
//! equal to the licence's timers.

use chrono::{DateTime, Utc};

use super::Licence;
use super::command::LicenceCommand;
use super::event::LicenceChange;
use super::state::LicenceState;
use crate::decision::Context;
use crate::decision::Draft;
use crate::error::Error;
use crate::ids::{CustomerId, LicenceId};

/// What a licence's change is recorded as in a decision: the licence's
/// own change, or an account's change that names the licence.
pub(crate) trait FromLicence {
    /// The record of `change` of the licence `licence`.
    fn from_licence(licence: &LicenceId, change: LicenceChange) -> Self;
}

impl FromLicence for LicenceChange {
    fn from_licence(_: &LicenceId, change: LicenceChange) -> Self {
        change
    }
}

impl Licence {
    /// The one way a decision reaches a licence of `customer` (the timer
    /// keys name the customer): applies the timers due at `ctx.now`, then
    /// `command`'s own change when there is one, then the timers that
    /// change makes due (a resume after the term ended), reporting each
    /// change to `out` and, last, the effects that turn the outbox of
    /// `self` into that of the licence returned.
    pub(crate) fn step(
        &self,
        customer: &CustomerId,
        command: Option<&LicenceCommand>,
        ctx: &Context<'_>,
        out: &mut Draft<impl FromLicence>,
    ) -> Result<Licence, Error> {
        let mut licence = self.clone();
        licence.settle(ctx, out)?;
        if let Some(command) = command {
            // A delivery is the platform's and a revocation the vendor's
            // alone (LIC-9): neither is a partner's to manage.
            if !matches!(command, LicenceCommand::Deliver(_) | LicenceCommand::Revoke) {
                licence.check_manager(command.action(), ctx)?;
            }
            let change = match *command {
                LicenceCommand::Deliver(ref timer) => {
                    licence.check_delivery(customer, timer, ctx)?;
                    None
                }
                LicenceCommand::Revoke => licence.revoke(ctx)?,
                LicenceCommand::Remove => licence.remove(ctx)?,
                LicenceCommand::SetAutoRenew { on } => licence.set_auto_renew(on, ctx)?,
                LicenceCommand::Suspend => licence.suspend(ctx)?,
                LicenceCommand::Resume => licence.resume(ctx)?,
                LicenceCommand::Cancel => licence.cancel(ctx)?,
                LicenceCommand::ChangeSeats { seats } => licence.change_seats(seats, ctx)?,
                LicenceCommand::Reactivate {
                    term_days,
                    auto_renew,
                } => Some(licence.reactivate(term_days, auto_renew, ctx)?),
            };
            if let Some(change) = change {
                licence.take(change, ctx, out)?;
            }
        }
        self.timer_changes(&licence, customer, ctx.policy, out);
        Ok(licence)
    }

    /// What a licence's timers follow from (with the policy): its state
    /// and the reminders sent, nothing else.
    pub(super) fn timer_inputs(&self) -> (LicenceState, Option<DateTime<Utc>>) {
        (self.state, self.reminded_until)
    }

    /// REL-7 at the licence: the scheduled unlink of the partner that
    /// bought it took effect at `at`. An active or suspended licence, its
    /// timers due before `at` already applied, is removed at that instant,
    /// reported to `out` with the effects that cancel its timers; any other
    /// stays as it is.
    pub(crate) fn end_with_unlink(
        &self,
        customer: &CustomerId,
        at: DateTime<Utc>,
        ctx: &Context<'_>,
        out: &mut Draft<impl FromLicence>,
    ) -> Result<Licence, Error> {
        let mut licence = self.clone();
        if let Some(change) = licence.ended_with_unlink(at) {
            licence.take(change, ctx, out)?;
        }
        self.timer_changes(&licence, customer, ctx.policy, out);
        Ok(licence)
    }

    /// This licence with its timers due at `ctx.now` applied, for views:
    /// nothing is reported.
    pub(crate) fn at_now(
        &self,
        customer: &CustomerId,
        ctx: &Context<'_>,
    ) -> Result<Licence, Error> {
        self.step(customer, None, ctx, &mut Draft::<LicenceChange>::default())
    }

    /// Reports and applies `change`, then the timers it made due.
    fn take(
        &mut self,
        change: LicenceChange,
        ctx: &Context<'_>,
        out: &mut Draft<impl FromLicence>,
    ) -> Result<(), Error> {
        let before = self.timer_inputs();
        self.apply(&change, ctx.now);
        out.event(FromLicence::from_licence(&self.id, change));
        if self.timer_inputs() == before {
            // Nothing can have fallen due: it was settled before.
            return Ok(());
        }
        self.settle(ctx, out)
    }
}
