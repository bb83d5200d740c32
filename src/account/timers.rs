//! The account's timers (REL-9 and the licences' LIC-2, LIC-7, POL-3): what is
//! due at `now` is applied first, a scheduled unlink ends its partner's
//! licences (REL-7), and delivered timers are judged.

use chrono::{DateTime, Utc};

use super::Out;
use crate::calendar::add_days;
use crate::licence::Input;
use crate::{Account, AccountAction, AccountChange, LicenceState, RelationshipState};
use crate::{
    Actor, Context, Effect, Error, Licence, LicenceCommand, LicenceStatus, PartnerId, Purchaser,
    Reason, Refusal, Rule, Timer, TimerKey,
};

impl Account {
    /// The timers due at `ctx.now`, reported to `out` before the command:
    /// each licence's (LIC-2, LIC-7, POL-3), then the scheduled unlinks that
    /// have taken effect (REL-9) and the licences they end (REL-7). Nearly
    /// always nothing is due, which a comparison per licence tells.
    #[inline]
    pub(super) fn catch_up(&self, out: &mut Out<'_>) -> Result<(), Error> {
        // No licence with a timer (every one expired, cancelled, revoked or
        // removed) and no scheduled unlink: nothing can be due.
        let timerless = |l: &Licence| {
            !matches!(
                l.state,
                LicenceState::Trial { .. }
                    | LicenceState::Active { .. }
                    | LicenceState::Suspended { .. }
            )
        };
        let scheduled =
            |r: &crate::Relationship| matches!(r.state, RelationshipState::UnlinkScheduled { .. });
        if self.licences.iter().all(timerless) && !self.relationships.iter().any(scheduled) {
            return Ok(());
        }
        self.catch_up_any(out)
    }

    /// [`catch_up`](Account::catch_up) when a licence has timers or an
    /// unlink is scheduled.
    #[inline(never)]
    fn catch_up_any(&self, out: &mut Out<'_>) -> Result<(), Error> {
        let ctx = out.ctx();
        // Worked out once, for the first licence with a term to compare.
        let mut horizon = None;
        for licence in &self.licences {
            let quiet = licence.surely_quiet(ctx.now, || {
                *horizon.get_or_insert_with(|| {
                    add_days(ctx.now, ctx.policy.longest_reminder_days()).ok()
                })
            });
            if !quiet {
                licence.step(&self.id, Input::Timers, &ctx, out)?;
            }
        }
        for relationship in &self.relationships {
            if let Some(unlink_at) = relationship.unlink_taken_effect(ctx.now) {
                // REL-9: the scheduled unlink takes effect, for the
                // relationship it names and that partner's licences only.
                out.event(AccountChange::Unlinked {
                    partner: relationship.partner.clone(),
                    at: unlink_at,
                });
                out.effect(Effect::Cancel {
                    key: self.unlink_key(&relationship.partner),
                });
                self.end_monthly_licences(&relationship.partner, unlink_at, out)?;
            }
        }
        Ok(())
    }

    /// `command` on one of the account's licences, caught up alone: its own
    /// due timers, then the command. When a scheduled unlink has taken
    /// effect (rare), the whole account is caught up first, since REL-7 may
    /// end this licence and others, and the licence judged as it then
    /// stands.
    pub(super) fn step_one(
        &self,
        licence: &Licence,
        command: &LicenceCommand,
        out: &mut Out<'_>,
    ) -> Result<(), Error> {
        let ctx = out.ctx();
        let unlinked = self
            .relationships
            .iter()
            .any(|r| r.unlink_taken_effect(ctx.now).is_some());
        if unlinked {
            self.catch_up(out)?;
            return self.with_licence_now(licence, &ctx, |now| {
                now.step(&self.id, Input::CommandAsItStands(command), &ctx, out)
            })?;
        }
        licence.step(&self.id, Input::Command(command), &ctx, out)
    }

    /// When the scheduled unlink of the partner that bought a licence took
    /// effect, if it has by `now`: the instant REL-7 ends that licence.
    fn owner_unlinked_at(
        &self,
        bought_by: &Purchaser,
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        // Unlinks first: nearly always none has taken effect.
        self.relationships.iter().find_map(|r| {
            r.unlink_taken_effect(now)
                .filter(|_| bought_by.is_partner(&r.partner))
        })
    }

    /// `f` of a licence as the command sees it at `ctx.now`, after
    /// [`catch_up`] reported its changes: its due timers applied, and
    /// removed at the unlink instant when its partner's scheduled unlink has
    /// taken effect (REL-7). Nearly always it stands as stored.
    ///
    /// [`catch_up`]: Account::catch_up
    #[inline]
    pub(super) fn with_licence_now<R>(
        &self,
        licence: &Licence,
        ctx: &Context<'_>,
        f: impl FnOnce(&Licence) -> R,
    ) -> Result<R, Error> {
        // Only an active or suspended licence ends with its partner's unlink.
        let may_end = matches!(
            licence.state,
            LicenceState::Active { .. } | LicenceState::Suspended { .. }
        );
        if licence.nothing_due(ctx)
            && !(may_end
                && self
                    .owner_unlinked_at(&licence.bought_by, ctx.now)
                    .is_some())
        {
            return Ok(f(licence));
        }
        Ok(f(&self.licence_now(licence, ctx)?))
    }

    /// The licence of [`with_licence_now`](Account::with_licence_now) when it
    /// does not stand as stored.
    #[inline(never)]
    fn licence_now(&self, licence: &Licence, ctx: &Context<'_>) -> Result<Licence, Error> {
        let now = licence.at_now(&self.id, ctx)?;
        let ended = match self.owner_unlinked_at(&licence.bought_by, ctx.now) {
            Some(unlink_at) => now.ended_at(&self.id, unlink_at, ctx)?,
            None => None,
        };
        Ok(ended.unwrap_or_else(|| now.into_owned()))
    }

    /// REL-7's Decision: the monthly licences end with the unlink. Every
    /// licence that `partner` bought and that is still active or suspended
    /// is removed at the unlink instant; no other licence changes.
    fn end_monthly_licences(
        &self,
        partner: &PartnerId,
        unlink_at: DateTime<Utc>,
        out: &mut Out<'_>,
    ) -> Result<(), Error> {
        let ctx = out.ctx();
        for licence in &self.licences {
            if licence.bought_by.is_partner(partner) {
                // Its due timers were reported above: end it as it now stands.
                licence.at_now(&self.id, &ctx)?.step(
                    &self.id,
                    Input::EndedWithUnlink { at: unlink_at },
                    &ctx,
                    out,
                )?;
            }
        }
        Ok(())
    }

    /// A delivered timer: the platform's (the vendor's). Refused only when it
    /// is pending and early; otherwise the catch-up applies it (a licence's
    /// timer catches up that licence), or it is stale.
    pub(super) fn deliver(&self, timer: &Timer, out: &mut Out<'_>) -> Result<(), Error> {
        let ctx = out.ctx();
        self.platform(AccountAction::Deliver, &ctx)?;
        if *timer.key.customer() != self.id {
            // Another customer's timer: stale here; the account is caught
            // up as for any command that names no licence of its own.
            return self.catch_up(out);
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
            key => {
                let licence = key
                    .licence()
                    .and_then(|id| self.licences.iter().find(|l| l.id == *id));
                match licence {
                    // Refused when pending and early; otherwise no change of
                    // its own besides the licence's due timers.
                    Some(licence) => {
                        self.step_one(licence, &LicenceCommand::Deliver(timer.clone()), out)
                    }
                    // A licence the account does not have: stale, as above.
                    None => self.catch_up(out),
                }
            }
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
    pub fn timers<'a>(&'a self, policy: &'a crate::Policy) -> impl Iterator<Item = Timer> + 'a {
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
    #[inline]
    pub fn next_deadline(&self, policy: &crate::Policy) -> Option<DateTime<Utc>> {
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
        next
    }
}

/// The status of every licence at `now`, for views.
pub(crate) fn licence_statuses<'a>(
    account: &'a Account,
    now: DateTime<Utc>,
    policy: &'a crate::Policy,
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
