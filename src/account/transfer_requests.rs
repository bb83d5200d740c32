//! The account's transfer requests in its decisions (XFER-7, XFER-8,
//! XFER-9: who may send each command; XFER-8: the expiry timer caught up
//! and delivered; the licences that change owner on acceptance). Each
//! request decides its own rules (`crate::transfer_requests`).

use enumset::{EnumSet, enum_set};

use super::Account;
use super::Out;
use super::event::AccountChange;
use crate::actor::Role;
use crate::decision::Context;
use crate::effect::{Effect, Timer};
use crate::error::{Error, refuse};
use crate::ids::TransferId;
use crate::licence::Purchaser;
use crate::policy::Policy;
use crate::refusal::{Reason, Refusal};
use crate::rule::Rule;
use crate::transfer_requests::{
    TransferChange, TransferCommand, TransferRequest, TransferState, create,
};
use crate::vocabulary::{AccountAction, TransferAction};

/// The partner roles that may make or answer transfer requests (XFER-7,
/// XFER-8).
const TRANSFER_ROLES: EnumSet<Role> = enum_set!(Role::SuperAdmin | Role::Admin);

impl Account {
    /// A command on transfer request `id`: the acting partner checked, the
    /// request's own decision, and the effects on the expiry timer.
    pub(super) fn transfer_command(
        &self,
        id: &TransferId,
        command: &TransferCommand,
        ctx: &Context<'_>,
        out: &mut Out,
    ) -> Result<(), Error> {
        let transfer_action = command.action();
        let action = AccountAction::TransferRequest { transfer_action };
        let rule = match transfer_action {
            TransferAction::Create => Rule::Xfer7,
            TransferAction::Accept | TransferAction::Reject => Rule::Xfer8,
            _ => Rule::Xfer9,
        };
        let user = if transfer_action == TransferAction::Create {
            // XFER-7: the target is linked (AUTH-1) and in the customer's region (XFER-5).
            let user = self.linked_partner(action, ctx)?;
            self.check_region(Rule::Xfer5, action, user)?;
            user
        } else {
            self.partner_user(action, ctx)?
        };
        if user.roles.is_disjoint(TRANSFER_ROLES) {
            return Err(refuse(
                rule,
                Reason::MissingRole {
                    customer: self.customer_ref(),
                    action,
                    any_of: TRANSFER_ROLES,
                },
            ));
        }
        let existing = self.transfer_requests.iter().find(|r| r.id == *id);
        let change = match (command, existing) {
            (
                TransferCommand::Create {
                    from_partner,
                    licences,
                },
                _,
            ) => create(
                id,
                &user.partner,
                (from_partner, licences),
                &self.transfer_requests,
                &self.licences,
            )?,
            (_, Some(request)) => request.decide(command, &user.partner, &self.licences)?,
            (_, None) => {
                return Err(Error::UnknownTransfer {
                    transfer: id.clone(),
                });
            }
        };
        // Only a pending request has a timer, its expiry: a new one gets it,
        // any answer ends it.
        match existing {
            None => {
                let created = TransferRequest::created(id, &change, ctx.now);
                if let Some(timer) = created.and_then(|r| r.timer(&self.id, ctx.policy)) {
                    out.effect(Effect::Schedule(timer));
                }
            }
            Some(request) => out.effect(Effect::Cancel {
                key: request.key(&self.id),
            }),
        }
        out.event(AccountChange::TransferRequest {
            transfer: id.clone(),
            change,
        });
        Ok(())
    }

    /// XFER-8: every transfer request whose window has closed by
    /// `ctx.now` expires at its deadline.
    pub(super) fn settle_transfers(&mut self, ctx: &Context<'_>, out: &mut Out) {
        // In due order, then by ID (RULES' order of timers).
        let mut due: Vec<_> = (0..self.transfer_requests.len())
            .filter_map(|i| {
                let request = &self.transfer_requests[i];
                let at = request.expiry(ctx.policy).filter(|&at| at <= ctx.now)?;
                Some((at, request.id.clone(), i))
            })
            .collect();
        due.sort();
        for (at, _, i) in due {
            let request = &mut self.transfer_requests[i];
            let key = request.key(&self.id);
            let change = TransferChange::Expired { at };
            request.apply(&change, ctx.now);
            out.effect(Effect::Cancel { key });
            out.event(AccountChange::TransferRequest {
                transfer: request.id.clone(),
                change,
            });
        }
    }

    /// Whether no transfer request expires by `ctx.now`.
    pub(super) fn transfers_nothing_due(&self, ctx: &Context<'_>) -> bool {
        self.transfer_requests
            .iter()
            .all(|r| r.expiry(ctx.policy).is_none_or(|due| due > ctx.now))
    }

    /// A delivered expiry timer, on the account caught up to `ctx.now`:
    /// refused when still pending and early, else stale.
    pub(super) fn deliver_transfer(&self, timer: &Timer, ctx: &Context<'_>) -> Result<(), Error> {
        if timer.due > ctx.now && self.transfer_timers(ctx.policy).any(|t| t == *timer) {
            let reason = Reason::NotDueYet {
                key: timer.key.clone(),
            };
            return Err(Refusal::new(Rule::Xfer8, reason)
                .possible_from(timer.due)
                .into());
        }
        Ok(())
    }

    /// The pending transfer requests' expiry timers.
    pub(super) fn transfer_timers<'a>(
        &'a self,
        policy: &'a Policy,
    ) -> impl Iterator<Item = Timer> + 'a {
        self.transfer_requests
            .iter()
            .filter_map(move |r| r.timer(&self.id, policy))
    }

    /// Applies a transfer request change at `at`: the request's state, and
    /// on acceptance each named licence's owner (XFER-8).
    pub(super) fn apply_transfer(
        &mut self,
        id: &TransferId,
        change: &TransferChange,
        at: chrono::DateTime<chrono::Utc>,
    ) {
        let Some(request) = self.transfer_requests.iter_mut().find(|r| r.id == *id) else {
            self.transfer_requests
                .extend(TransferRequest::created(id, change, at));
            return;
        };
        let pending = matches!(request.state, TransferState::Pending { .. });
        request.apply(change, at);
        if pending && *change == TransferChange::Accepted {
            let (licences, to) = (request.licences.clone(), request.to_partner.clone());
            for licence in self
                .licences
                .iter_mut()
                .filter(|l| licences.contains(&l.id))
            {
                licence.bought_by = Purchaser::Partner(to.clone());
            }
        }
    }
}
