//! The account's timers (REL-9 and the licences' LIC-2, LIC-7, POL-3): what is
//! due at `now` is applied first, in due order (a scheduled unlink before the
//! licence timers due at its instant or after it), a scheduled unlink ends
//! its partner's licences (REL-7), and delivered timers are judged.

use std::borrow::Cow;

use chrono::{DateTime, TimeDelta, Utc};

use super::Account;
use super::Out;
use super::event::AccountChange;
use super::relationship::RelationshipState;
use crate::actor::Actor;
use crate::decision::Context;
use crate::effect::{Effect, Timer, TimerKey};
use crate::error::Error;
use crate::ids::PartnerId;
use crate::licence::LicenceState;
use crate::licence::{Licence, LicenceCommand};
use crate::refusal::{Reason, Refusal};
use crate::rule::Rule;
use crate::vocabulary::AccountAction;
use crate::vocabulary::LicenceStatus;

impl Account {
    /// Whether `command` concerns one of the account's licences alone (a
    /// command on it, or the delivery of its timer): that licence catches
    /// itself up ([`Licence::step`] settles first), and the other licences'
    /// due timers stay pending in the caller's outbox, delivered in their
    /// turn (scheduled unlinks, GDAP relationships and transfer requests are
    /// caught up whatever the command).
    /// (A command on a licence the account does not have is an error
    /// whatever was caught up; a delivery of its timer is stale, and the
    /// account is caught up as for any command that names no licence.)
    pub(super) fn one_licence(&self, command: &super::AccountCommand) -> bool {
        match command {
            super::AccountCommand::Licence { .. } => true,
            super::AccountCommand::Deliver(timer) if *timer.key.customer() == self.id => timer
                .key
                .licence()
                .is_some_and(|id| self.licences.iter().any(|l| l.id == *id)),
            _ => false,
        }
    }

    /// The account as it stands at `ctx.now`, its changes reported to `out`:
    /// every scheduled unlink that has taken effect (REL-9), in due order,
    /// each after its partner's licence timers due before its instant and
    /// ending that partner's licences (REL-7); then every licence's timers
    /// due by `now` (LIC-2, LIC-7, POL-3), each licence caught up at once,
    /// unless the command concerns `one_licence` and nothing else is due;
    /// then the GDAP relationships' (GDAP-2, GDAP-4, GDAP-5) and the
    /// transfer requests' (XFER-8). Borrowed when nothing is due.
    pub(super) fn caught_up(
        &self,
        one_licence: bool,
        ctx: &Context<'_>,
        out: &mut Out,
    ) -> Result<Cow<'_, Account>, Error> {
        let mut unlinks: Vec<(DateTime<Utc>, PartnerId)> = self
            .relationships
            .iter()
            .filter_map(|r| Some((r.unlink_taken_effect(ctx.now)?, r.partner.clone())))
            .collect();
        // GDAP relationships' and transfer requests' timers are caught up
        // by every decision, as scheduled unlinks are; only the other
        // licences' wait for a command on one licence.
        if unlinks.is_empty()
            && self.gdap_nothing_due(ctx.now, ctx.policy)
            && self.transfers_nothing_due(ctx)
            && (one_licence || self.licences.iter().all(|l| l.nothing_due(ctx)))
        {
            return Ok(Cow::Borrowed(self));
        }
        unlinks.sort();
        let mut account = self.clone();
        for (at, partner) in &unlinks {
            // The licences the unlink may end (the partner's, active or
            // suspended) are first caught up to just before it: same
            // instant, the unlink first (RULES' order of timers). Instants
            // have nanosecond precision: due at or before `at` less 1 ns is
            // exactly due before `at` (and nothing is due before the first
            // instant there is). Every other licence is caught up once, below.
            if let Some(before) = at.checked_sub_signed(TimeDelta::nanoseconds(1)) {
                let ctx = Context {
                    now: before,
                    ..*ctx
                };
                let ends_with_it = |l: &Licence| {
                    l.bought_by.is_partner(partner)
                        && matches!(
                            l.state,
                            LicenceState::Active { .. } | LicenceState::Suspended { .. }
                        )
                };
                account.settle(ends_with_it, &ctx, out)?;
            }
            account.take_unlink(partner, *at, ctx, out)?;
        }
        account.settle(|_| true, ctx, out)?;
        account.settle_gdap(ctx, out)?;
        account.settle_transfers(ctx, out);
        Ok(Cow::Owned(account))
    }

    /// Applies the due timers at `ctx.now` of the licences `which` picks.
    fn settle(
        &mut self,
        which: impl Fn(&Licence) -> bool,
        ctx: &Context<'_>,
        out: &mut Out,
    ) -> Result<(), Error> {
        let customer = self.id.clone();
        for licence in self.licences.iter_mut().filter(|l| which(l)) {
            if !licence.nothing_due(ctx) {
                *licence = licence.step(&customer, None, ctx, out)?;
            }
        }
        Ok(())
    }

    /// REL-9: `partner`'s scheduled unlink takes effect at `at`, for the
    /// relationship it names and that partner's licences only; REL-7's
    /// Decision: every licence that partner bought and that is still
    /// active or suspended is removed at the unlink instant.
    fn take_unlink(
        &mut self,
        partner: &PartnerId,
        at: DateTime<Utc>,
        ctx: &Context<'_>,
        out: &mut Out,
    ) -> Result<(), Error> {
        let unlinked = AccountChange::Unlinked {
            partner: partner.clone(),
            at,
        };
        self.apply_change(&unlinked, ctx.now);
        out.event(unlinked);
        out.effect(Effect::Cancel {
            key: self.unlink_key(partner),
        });
        let customer = self.id.clone();
        for licence in &mut self.licences {
            if licence.bought_by.is_partner(partner) {
                *licence = licence.end_with_unlink(&customer, at, ctx, out)?;
            }
        }
        Ok(())
    }

    /// `command` on `licence`, one of this account's, caught up to `ctx.now`.
    pub(super) fn licence_command(
        &self,
        licence: &Licence,
        command: &LicenceCommand,
        ctx: &Context<'_>,
        out: &mut Out,
    ) -> Result<(), Error> {
        licence.step(&self.id, Some(command), ctx, out)?;
        Ok(())
    }

    /// A delivered timer: the platform's (the vendor's). Refused only when it
    /// is pending and early; otherwise the catch-up applied it, or it is
    /// stale.
    pub(super) fn deliver(
        &self,
        timer: &Timer,
        ctx: &Context<'_>,
        out: &mut Out,
    ) -> Result<(), Error> {
        self.platform(AccountAction::Deliver, ctx)?;
        if *timer.key.customer() != self.id {
            // Another customer's timer: stale here.
            return Ok(());
        }
        match &timer.key {
            TimerKey::ScheduledUnlink { partner, .. } => {
                let pending = self.relationship(partner).is_some_and(|r| {
                    r.state
                        == RelationshipState::UnlinkScheduled {
                            unlink_at: timer.due,
                        }
                });
                if pending && timer.due > ctx.now {
                    return Err(Refusal::new(
                        Rule::Rel9,
                        Reason::NotDueYet {
                            key: timer.key.clone(),
                        },
                    )
                    .possible_from(timer.due)
                    .into());
                }
                Ok(())
            }
            key if key.gdap().is_some() => self.deliver_gdap(timer, ctx),
            TimerKey::TransferExpiry { .. } => self.deliver_transfer(timer, ctx),
            key => match key
                .licence()
                .and_then(|id| self.licences.iter().find(|l| l.id == *id))
            {
                // Refused when pending and early; otherwise no change of
                // its own.
                Some(licence) => {
                    self.licence_command(licence, &LicenceCommand::Deliver(timer.clone()), ctx, out)
                }
                // A licence the account does not have: stale.
                None => Ok(()),
            },
        }
    }

    /// The timers this account expects pending in the caller's outbox: its
    /// licences' (see [`Licence::timers`]) and its scheduled unlinks'.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Account, BillingType, CreatedBy, Policy, RelationshipState};
    ///
    /// let at = "2026-05-01T00:00:00Z".parse()?;
    /// let a = Account::new("rossi", "Rossi", "eu", BillingType::Trial, CreatedBy::Partner)
    ///     .with_relationship("acme", RelationshipState::UnlinkScheduled { unlink_at: at });
    /// let keys: Vec<String> = a.timers(&Policy::standard()).map(|t| t.key.to_string()).collect();
    /// assert_eq!(keys, ["customer/rossi/unlink/acme"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn timers<'a>(
        &'a self,
        policy: &'a crate::policy::Policy,
    ) -> impl Iterator<Item = Timer> + 'a {
        let unlinks = self
            .relationships
            .iter()
            .filter_map(move |r| match r.state {
                RelationshipState::UnlinkScheduled { unlink_at } => Some(Timer {
                    key: self.unlink_key(&r.partner),
                    due: unlink_at,
                }),
                _ => None,
            });
        self.licences
            .iter()
            .flat_map(move |l| l.timers(&self.id, policy))
            .chain(unlinks)
            .chain(self.gdap_timers(policy))
            .chain(self.transfer_timers(policy))
    }

    /// The earliest instant at which one of the account's timers is due, for
    /// sweeps; `None` when nothing will ever be due.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Account, BillingType, CreatedBy, Policy, RelationshipState};
    ///
    /// let at = "2026-05-01T00:00:00Z".parse()?;
    /// let a = Account::new("rossi", "Rossi", "eu", BillingType::Trial, CreatedBy::Partner)
    ///     .with_relationship("acme", RelationshipState::UnlinkScheduled { unlink_at: at });
    /// assert_eq!(a.next_deadline(&Policy::standard()), Some(at));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn next_deadline(&self, policy: &crate::policy::Policy) -> Option<DateTime<Utc>> {
        // Plain loops: sweeps call this for every stored account.
        let mut next: Option<DateTime<Utc>> = None;
        for licence in &self.licences {
            if let Some(due) = licence.next_deadline(policy) {
                next = Some(next.map_or(due, |n| n.min(due)));
            }
        }
        for relationship in &self.relationships {
            if let RelationshipState::UnlinkScheduled { unlink_at } = relationship.state {
                next = Some(next.map_or(unlink_at, |n| n.min(unlink_at)));
            }
        }
        let others = self.gdap.iter().filter_map(|g| g.next_due(policy));
        let expiries = self
            .transfer_requests
            .iter()
            .filter_map(|r| r.expiry(policy));
        for due in others.chain(expiries) {
            next = Some(next.map_or(due, |n| n.min(due)));
        }
        next
    }
}

/// The status of every licence at `now`, for views.
pub(crate) fn licence_statuses<'a>(
    account: &'a Account,
    now: DateTime<Utc>,
    policy: &'a crate::policy::Policy,
) -> impl Iterator<Item = (&'a Licence, LicenceStatus)> + 'a {
    let actor = Actor::Vendor;
    account.licences.iter().map(move |licence| {
        let ctx = Context::new(now, &actor, policy);
        let status = licence
            .at_now(&account.id, &ctx)
            .map_or_else(|_| licence.status(now, policy), |l| l.status(now, policy));
        (licence, status)
    })
}
