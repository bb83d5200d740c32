//! The account's GDAP relationships in its decisions (GDAP-1, GDAP-2,
//! GDAP-6: who may send each GDAP command; GDAP-2, GDAP-4, GDAP-5: their
//! timers caught up and delivered). Each relationship decides its own
//! rules (`crate::gdap`); the account finds the actor and keeps the outbox.

use chrono::{DateTime, Utc};
use enumset::{EnumSet, enum_set};

use super::Account;
use super::Out;
use super::event::AccountChange;
use crate::actor::{Actor, PartnerUser, Role};
use crate::decision::Context;
use crate::effect::{Effect, Timer};
use crate::error::{Error, refuse};
use crate::gdap::{
    GdapAction, GdapActor, GdapChange, GdapCommand, GdapRelationship, Slot, request,
};
use crate::ids::{CustomerId, GdapId};
use crate::policy::Policy;
use crate::refusal::{Reason, Refusal};
use crate::rule::Rule;
use crate::vocabulary::AccountAction;

/// The partner roles that may administer GDAP relationships (GDAP-1).
const GDAP_ROLES: EnumSet<Role> = enum_set!(Role::SuperAdmin | Role::Admin);

impl Account {
    /// A command on GDAP relationship `id`: the actor checked, the
    /// relationship's own decision, and the effects that keep the outbox
    /// equal to its timers.
    pub(super) fn gdap_command(
        &self,
        id: &GdapId,
        command: &GdapCommand,
        ctx: &Context<'_>,
        out: &mut Out,
    ) -> Result<(), Error> {
        let action = AccountAction::Gdap {
            gdap_action: command.action(),
        };
        let existing = self.gdap.iter().find(|g| g.id == *id);
        let changes = match (command, existing) {
            (
                GdapCommand::Request {
                    roles,
                    duration_days,
                    auto_extend,
                },
                _,
            ) => {
                // AUTH-1: only a request needs a linked relationship.
                let user = self.linked_partner(action, ctx)?;
                self.gdap_role(user, action)?;
                let change = request(
                    id,
                    &user.partner,
                    (roles, *duration_days, *auto_extend),
                    existing.is_some(),
                    ctx.policy,
                )?;
                vec![change]
            }
            (_, Some(gdap)) => {
                let by = self.gdap_actor(command.action(), ctx)?;
                gdap.decide(command, by, ctx.now)?
            }
            (_, None) => return Err(Error::UnknownGdap { gdap: id.clone() }),
        };
        let mut after = existing.cloned();
        for change in &changes {
            apply(&mut after, id, change, ctx.now);
        }
        timer_effects(&self.id, existing, after.as_ref(), ctx.policy, out);
        for change in changes {
            out.event(AccountChange::Gdap {
                gdap: id.clone(),
                change,
            });
        }
        Ok(())
    }

    /// Who acts on an existing relationship: the customer's admin, who
    /// alone approves and rejects (GDAP-2) and may also terminate (GDAP-6);
    /// otherwise a partner user with a GDAP role (whether the relationship
    /// is its partner's is the relationship's own check, GDAP-1).
    fn gdap_actor<'c>(
        &self,
        gdap_action: GdapAction,
        ctx: &Context<'c>,
    ) -> Result<GdapActor<'c>, Error> {
        let action = AccountAction::Gdap { gdap_action };
        let admin_only = matches!(gdap_action, GdapAction::Approve | GdapAction::Reject);
        let admin_may = admin_only || gdap_action == GdapAction::Terminate;
        if admin_only || (admin_may && matches!(ctx.actor, Actor::CustomerAdmin { .. })) {
            self.own_admin(action, ctx)?;
            return Ok(GdapActor::CustomerAdmin);
        }
        let user = self.partner_user(action, ctx)?;
        self.gdap_role(user, action)?;
        Ok(GdapActor::Partner(&user.partner))
    }

    /// GDAP-1: the partner user has the role `super_admin` or `admin`.
    fn gdap_role(&self, user: &PartnerUser, action: AccountAction) -> Result<(), Error> {
        if user.roles.is_disjoint(GDAP_ROLES) {
            return Err(refuse(
                Rule::Gdap1,
                Reason::MissingRole {
                    customer: self.customer_ref(),
                    action,
                    any_of: GDAP_ROLES,
                },
            ));
        }
        Ok(())
    }

    /// GDAP-2, GDAP-4, GDAP-5: every GDAP timer due at `ctx.now`, applied in
    /// due order, relationship by relationship (they are independent), with
    /// the effects that keep the outbox equal to their timers.
    pub(super) fn settle_gdap(&mut self, ctx: &Context<'_>, out: &mut Out) -> Result<(), Error> {
        let (now, policy) = (ctx.now, ctx.policy);
        let due: Vec<usize> = (0..self.gdap.len())
            .filter(|&i| self.gdap[i].next_due(policy).is_some_and(|at| at <= now))
            .collect();
        if due.is_empty() {
            return Ok(());
        }
        let before: Vec<GdapRelationship> = due.iter().map(|&i| self.gdap[i].clone()).collect();
        // RULES' order of timers: by due instant, then approval deadlines,
        // notices and ends, then by ID. At most the notices and the end of
        // each relationship can be due at once.
        for _ in 0..due.len() * (Policy::MAX_REMINDERS + 2) {
            let next = due
                .iter()
                .filter_map(|&i| {
                    let gdap = &self.gdap[i];
                    let &(slot, at) = gdap.slots(policy).first()?;
                    (at <= now).then(|| (at, slot.rank(), gdap.id.clone(), i))
                })
                .min();
            let Some((_, _, _, i)) = next else {
                break;
            };
            let gdap = &mut self.gdap[i];
            let Some(change) = gdap.due_change(now, policy)? else {
                break;
            };
            gdap.apply(&change, now);
            out.event(AccountChange::Gdap {
                gdap: gdap.id.clone(),
                change,
            });
        }
        for (&i, before) in due.iter().zip(&before) {
            timer_effects(&self.id, Some(before), Some(&self.gdap[i]), policy, out);
        }
        Ok(())
    }

    /// Whether no GDAP timer is due at `now`.
    pub(super) fn gdap_nothing_due(&self, now: DateTime<Utc>, policy: &Policy) -> bool {
        self.gdap
            .iter()
            .all(|g| g.next_due(policy).is_none_or(|due| due > now))
    }

    /// A delivered GDAP timer, on the account caught up to `ctx.now`:
    /// refused when still pending and early (with its due instant, under
    /// the rule of what it does), else stale, with no change of its own.
    pub(super) fn deliver_gdap(&self, timer: &Timer, ctx: &Context<'_>) -> Result<(), Error> {
        let Some((gdap, slot)) = self
            .gdap
            .iter()
            .find_map(|g| Some((g, g.slot_of(&timer.key)?)))
        else {
            return Ok(());
        };
        if timer.due <= ctx.now || !gdap.slots(ctx.policy).contains(&(slot, timer.due)) {
            return Ok(());
        }
        let rule = match slot {
            Slot::ApprovalDeadline => Rule::Gdap2,
            Slot::End if gdap.auto_extend => Rule::Gdap4,
            Slot::Notice(_) | Slot::End => Rule::Gdap5,
        };
        let reason = Reason::NotDueYet {
            key: timer.key.clone(),
        };
        Err(Refusal::new(rule, reason).possible_from(timer.due).into())
    }

    /// The GDAP relationships' pending timers.
    pub(super) fn gdap_timers<'a>(
        &'a self,
        policy: &'a Policy,
    ) -> impl Iterator<Item = Timer> + 'a {
        self.gdap
            .iter()
            .flat_map(move |g| g.timers(&self.id, policy))
    }
}

/// `change` applied to the relationship `id` (`None` before its request).
pub(super) fn apply(
    gdap: &mut Option<GdapRelationship>,
    id: &GdapId,
    change: &GdapChange,
    at: DateTime<Utc>,
) {
    match gdap {
        Some(gdap) => gdap.apply(change, at),
        None => *gdap = GdapRelationship::requested(id, change, at),
    }
}

/// The effects that turn the outbox for relationship `before` into the
/// outbox for `after` (either absent: no relationship): cancel the timers
/// that are gone, schedule the new or moved ones, each list in due order.
fn timer_effects(
    customer: &CustomerId,
    before: Option<&GdapRelationship>,
    after: Option<&GdapRelationship>,
    policy: &Policy,
    out: &mut Out,
) {
    let old = before.map(|g| g.slots(policy)).unwrap_or_default();
    let new = after.map(|g| g.slots(policy)).unwrap_or_default();
    if let Some(before) = before {
        for &(slot, _) in &old {
            if !new.iter().any(|&(other, _)| other == slot) {
                out.effect(Effect::Cancel {
                    key: before.key(customer, slot),
                });
            }
        }
    }
    if let Some(after) = after {
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
