//! A licence's timers (LIC-2 term and trial ends, LIC-7's cancellation, POL-3
//! reminders): which are pending, catching up with the due ones, delivery, and
//! the effects that keep a caller's outbox equal to them.

use chrono::{DateTime, TimeDelta, Utc};

use super::Licence;
use super::event::LicenceChange;
use super::state::CancelledBy;
use super::state::{LicenceState, Term};
use super::step::FromLicence;
use crate::calendar::sub_days;
use crate::decision::Context;
use crate::decision::Draft;
use crate::effect::ReminderTarget;
use crate::effect::{Effect, Timer, TimerKey};
use crate::error::Error;
use crate::ids::CustomerId;
use crate::policy::Policy;
use crate::refusal::{Reason, Refusal};
use crate::rule::Rule;

/// More than the changes that can ever be due at once (see `Licence::settle`).
pub(super) const MAX_DUE_CHANGES: usize = 5;

/// When a reminder counts as not yet sent: on or after its term's start,
/// and after the last reminder sent (`reminded_until`). Whichever bound is
/// later decides, so it is worked out once per licence, not per offset.
#[derive(Clone, Copy)]
pub(super) struct Unsent {
    /// The last reminder sent, when on or after the term's start: due after it.
    after: Option<DateTime<Utc>>,
    /// Otherwise, the term's start: due at or after it.
    from: DateTime<Utc>,
}

impl Unsent {
    pub(super) fn of(reminded_until: Option<DateTime<Utc>>, term: Term) -> Unsent {
        Unsent {
            after: reminded_until.filter(|&sent| sent >= term.starts),
            from: term.starts,
        }
    }

    pub(super) fn admits(self, due: DateTime<Utc>) -> bool {
        match self.after {
            Some(sent) => due > sent,
            None => due >= self.from,
        }
    }
}

/// A licence's timer without its ID: what `Licence::slots` yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Slot {
    TermEnd,
    TrialEnd,
    SuspensionCancellation,
    Reminder { before: ReminderTarget, days: u32 },
}

impl Licence {
    /// [`Licence::timers`] without the ID: cheap to compute and compare.
    pub(super) fn slots<'a>(
        &'a self,
        policy: &'a Policy,
    ) -> impl Iterator<Item = (Slot, DateTime<Utc>)> + 'a {
        let (main, reminders) = match self.state {
            LicenceState::Trial { term } => (
                Some((Slot::TrialEnd, term.ends)),
                Some((ReminderTarget::TrialEnd, policy.trial_end_reminders(), term)),
            ),
            LicenceState::Active { term, .. } => (
                Some((Slot::TermEnd, term.ends)),
                Some((ReminderTarget::TermEnd, policy.term_end_reminders(), term)),
            ),
            LicenceState::Suspended { cancels_at, .. } => {
                (Some((Slot::SuspensionCancellation, cancels_at)), None)
            }
            LicenceState::Expired { .. }
            | LicenceState::Revoked { .. }
            | LicenceState::Removed { .. }
            | LicenceState::Cancelled { .. } => (None, None),
        };
        reminders
            .into_iter()
            .flat_map(move |(before, offsets, term)| {
                offsets
                    .iter()
                    .filter_map(move |&days| self.pending_reminder(before, days, term))
            })
            .chain(main)
    }

    /// The reminder `days` before `term` ends, unless it falls before the
    /// term started or was already sent.
    pub(super) fn pending_reminder(
        &self,
        before: ReminderTarget,
        days: u32,
        term: Term,
    ) -> Option<(Slot, DateTime<Utc>)> {
        let due = sub_days(term.ends, days)?;
        Unsent::of(self.reminded_until, term)
            .admits(due)
            .then_some((Slot::Reminder { before, days }, due))
    }

    pub(super) fn key(&self, customer: &CustomerId, slot: Slot) -> TimerKey {
        let customer = customer.clone();
        let licence = self.id.clone();
        match slot {
            Slot::TermEnd => TimerKey::TermEnd { customer, licence },
            Slot::TrialEnd => TimerKey::TrialEnd { customer, licence },
            Slot::SuspensionCancellation => TimerKey::SuspensionCancellation { customer, licence },
            Slot::Reminder { before, days } => TimerKey::Reminder {
                customer,
                licence,
                before,
                days,
            },
        }
    }

    /// The slot of `key`, when it is one of this licence's keys
    /// (`customer`'s licence).
    pub(super) fn slot_of(&self, customer: &CustomerId, key: &TimerKey) -> Option<Slot> {
        if key.licence() != Some(&self.id) || key.customer() != customer {
            return None;
        }
        match *key {
            TimerKey::TermEnd { .. } => Some(Slot::TermEnd),
            TimerKey::TrialEnd { .. } => Some(Slot::TrialEnd),
            TimerKey::SuspensionCancellation { .. } => Some(Slot::SuspensionCancellation),
            TimerKey::Reminder { before, days, .. } => Some(Slot::Reminder { before, days }),
            _ => None,
        }
    }

    /// Whether no timer is due at `ctx.now`: `now` is before the licence's
    /// earliest pending deadline (exactly when [`Licence::due_change`]
    /// finds nothing, since each timer's due instant is its deadline).
    pub(crate) fn nothing_due(&self, ctx: &Context<'_>) -> bool {
        match self.state {
            LicenceState::Trial { .. } | LicenceState::Active { .. } => self.before_deadline(ctx),
            LicenceState::Suspended { cancels_at, .. } => ctx.now < cancels_at,
            LicenceState::Expired { .. }
            | LicenceState::Revoked { .. }
            | LicenceState::Removed { .. }
            | LicenceState::Cancelled { .. } => true,
        }
    }

    /// Whether `ctx.now` is before the earliest deadline of a licence with
    /// a term.
    fn before_deadline(&self, ctx: &Context<'_>) -> bool {
        self.next_deadline(ctx.policy)
            .is_none_or(|deadline| ctx.now < deadline)
    }

    /// Applies every timer due at `ctx.now`, in due order, reporting each
    /// change to `out`.
    pub(super) fn settle(
        &mut self,
        ctx: &Context<'_>,
        out: &mut Draft<impl FromLicence>,
    ) -> Result<(), Error> {
        // At most three changes are ever due at once: a reminder skipped
        // at the term's end (POL-3), then its expiry or renewal, then a
        // reminder of the renewed term; an expiry or a cancellation leaves
        // no timer, a renewal moves the term end past `now`, and a reminder
        // marks every reminder due by `now` as sent. The
        // bound makes termination structural: a bug here would leave an
        // overdue timer (which the model test checks for), never a hang.
        for _ in 0..MAX_DUE_CHANGES {
            let Some(change) = self.due_change(ctx)? else {
                break;
            };
            self.apply(&change, ctx.now);
            out.event(FromLicence::from_licence(&self.id, change));
        }
        Ok(())
    }

    /// The change the earliest due timer makes at `ctx.now`, if one is due.
    pub(super) fn due_change(&self, ctx: &Context<'_>) -> Result<Option<LicenceChange>, Error> {
        let now = ctx.now;
        Ok(match self.state {
            LicenceState::Trial { term } | LicenceState::Active { term, .. }
                if now >= term.ends =>
            {
                // POL-3: a reminder still unsent at the end it is about was
                // never delivered in time; record it as skipped first.
                let (before, offsets) = match self.state {
                    LicenceState::Trial { .. } => {
                        (ReminderTarget::TrialEnd, ctx.policy.trial_end_reminders())
                    }
                    _ => (ReminderTarget::TermEnd, ctx.policy.term_end_reminders()),
                };
                if let Some(LicenceChange::ReminderDue {
                    before,
                    days,
                    ends,
                    due,
                }) = self.due_reminder(before, offsets, term, now)
                {
                    return Ok(Some(LicenceChange::ReminderSkipped {
                        before,
                        days,
                        ends,
                        due,
                    }));
                }
                match self.state {
                    LicenceState::Active {
                        auto_renew: true, ..
                    } => {
                        let (term, renewals) = term.renewed_to(now)?;
                        Some(LicenceChange::Renewed { term, renewals })
                    }
                    _ => Some(LicenceChange::Expired { at: term.ends }),
                }
            }
            LicenceState::Trial { term } => self.due_reminder(
                ReminderTarget::TrialEnd,
                ctx.policy.trial_end_reminders(),
                term,
                now,
            ),
            LicenceState::Active { term, .. } => self.due_reminder(
                ReminderTarget::TermEnd,
                ctx.policy.term_end_reminders(),
                term,
                now,
            ),
            LicenceState::Suspended {
                term, cancels_at, ..
            } if now >= cancels_at => {
                Some(self.cancellation(term, cancels_at, CancelledBy::Suspension, ctx.policy)?)
            }
            LicenceState::Suspended { .. }
            | LicenceState::Expired { .. }
            | LicenceState::Revoked { .. }
            | LicenceState::Removed { .. }
            | LicenceState::Cancelled { .. } => None,
        })
    }

    /// The reminder due at `now` (`now` before the term end), if any: the
    /// smallest offset whose due instant has passed. Every other passed
    /// reminder is due earlier, so if this one was already sent or falls
    /// before the term started, so did they.
    pub(super) fn due_reminder(
        &self,
        before: ReminderTarget,
        offsets: &[u32],
        term: Term,
        now: DateTime<Utc>,
    ) -> Option<LicenceChange> {
        let remaining = term.ends.signed_duration_since(now);
        // Offsets are sorted largest first.
        let days = *offsets
            .iter()
            .rev()
            .find(|&&days| TimeDelta::try_days(i64::from(days)).is_some_and(|d| d >= remaining))?;
        let (_, due) = self.pending_reminder(before, days, term)?;
        Some(LicenceChange::ReminderDue {
            before,
            days,
            ends: term.ends,
            due,
        })
    }

    /// A delivered timer changes nothing of its own: the catch-up already
    /// applied it, or it is stale (replaced, already applied, or not this
    /// licence's). It is refused only when it is pending and not yet due.
    pub(super) fn check_delivery(
        &self,
        customer: &CustomerId,
        timer: &Timer,
        ctx: &Context<'_>,
    ) -> Result<(), Error> {
        let early = timer.due > ctx.now
            && self.slot_of(customer, &timer.key).is_some_and(|slot| {
                self.slots(ctx.policy)
                    .any(|pending| pending == (slot, timer.due))
            });
        if !early {
            return Ok(());
        }
        let rule = match timer.key {
            TimerKey::SuspensionCancellation { .. } => Rule::Lic7,
            TimerKey::Reminder { .. } => Rule::Pol3,
            _ => Rule::Lic2,
        };
        let reason = Reason::NotDueYet {
            key: timer.key.clone(),
        };
        Err(Refusal::new(rule, reason).possible_from(timer.due).into())
    }

    /// Reports the effects that turn the outbox for `self` into the outbox
    /// for `after`: cancel the timers that are gone, schedule the new or
    /// moved ones, each list in due order.
    pub(super) fn timer_changes(
        &self,
        after: &Licence,
        customer: &CustomerId,
        policy: &Policy,
        out: &mut Draft<impl FromLicence>,
    ) {
        if self.timer_inputs() == after.timer_inputs() {
            return;
        }
        let old: Vec<_> = self.slots(policy).collect();
        let new: Vec<_> = after.slots(policy).collect();
        for &(slot, _) in &old {
            if !new.iter().any(|&(other, _)| other == slot) {
                out.effect(Effect::Cancel {
                    key: self.key(customer, slot),
                });
            }
        }
        for &(slot, due) in &new {
            if !old.contains(&(slot, due)) {
                out.effect(Effect::Schedule(Timer {
                    key: after.key(customer, slot),
                    due,
                }));
            }
        }
    }
}
