//! The state × command table (LIC-9, LIC-10, LIC-12, LIC-13): who may act
//! (SUB-1, BILL-6), which commands are already satisfied (no-ops), which
//! states refuse everything, and the end of a licence with its partner's
//! scheduled unlink (REL-7).

use chrono::{DateTime, Utc};

use super::suspension::suspension;
use crate::refusal::refuse;
use crate::{Actor, ActorKind, Context, CustomerId, Error, PartnerId, Reason, Right, Rule};
use crate::{
    CancelledBy, Licence, LicenceAction, LicenceChange, LicenceCommand, LicenceState, Purchaser,
};

impl Licence {
    pub(super) fn terminal(&self, action: LicenceAction, ctx: &Context<'_>) -> Error {
        refuse(
            Rule::Lic13,
            Reason::TerminalState {
                licence: self.id.clone(),
                action,
                state: self.status(ctx.now, ctx.policy),
            },
        )
    }

    pub(super) fn wrong_state(&self, action: LicenceAction, ctx: &Context<'_>) -> Error {
        if self.is_terminal(ctx.now, ctx.policy) {
            return self.terminal(action, ctx);
        }
        refuse(
            action.state_rule(),
            Reason::WrongState {
                licence: self.id.clone(),
                action,
                state: self.status(ctx.now, ctx.policy),
            },
        )
    }

    /// Decides `command` on `customer`'s licence, already brought up to
    /// `ctx.now`. `Ok(None)` is an accepted no-op.
    pub(super) fn decide_now(
        &self,
        customer: &CustomerId,
        command: &LicenceCommand,
        ctx: &Context<'_>,
    ) -> Result<Option<LicenceChange>, Error> {
        use LicenceState as S;
        let now = ctx.now;
        let action = command.action();
        if let LicenceCommand::Deliver(timer) = command {
            // A licence's own timers: whoever bought it.
            return self.check_delivery(customer, timer, ctx).map(|()| None);
        }
        if let LicenceCommand::Revoke = command
            && !matches!(ctx.actor, Actor::Vendor)
        {
            return Err(refuse(
                Rule::Lic9,
                Reason::MissingRight {
                    licence: self.id.clone(),
                    action,
                    actor: ActorKind::of(ctx.actor),
                    missing: Right::Vendor,
                },
            ));
        }
        if let Actor::Partner(user) = ctx.actor {
            self.check_manager(&user.partner, action)?;
        }
        let change = match (command, self.state) {
            // Already in the state asked for: an idempotent no-op.
            (LicenceCommand::Revoke, S::Revoked { .. })
            | (LicenceCommand::Remove, S::Removed { .. })
            | (LicenceCommand::Cancel, S::Cancelled { .. })
            | (LicenceCommand::Suspend, S::Suspended { .. })
            | (LicenceCommand::Resume, S::Active { .. }) => return Ok(None),
            (
                LicenceCommand::Resume,
                S::Cancelled {
                    at,
                    by: CancelledBy::Suspension,
                },
            ) => return Err(self.cancelled_by_suspension(at)),
            _ if self.is_terminal(now, ctx.policy)
                && !matches!(command, LicenceCommand::Reactivate { .. }) =>
            {
                return Err(self.terminal(action, ctx));
            }
            (LicenceCommand::Revoke, _) => LicenceChange::Revoked { at: now },
            (LicenceCommand::Remove, _) => LicenceChange::Removed { at: now },
            (LicenceCommand::Cancel, S::Active { term, .. } | S::Suspended { term, .. }) => {
                self.cancellation(term, now, CancelledBy::Request, ctx.policy)?
            }
            (LicenceCommand::Suspend, S::Active { .. }) => suspension(now, ctx.policy)?,
            (LicenceCommand::Resume, S::Suspended { .. }) => LicenceChange::Resumed,
            (LicenceCommand::ChangeSeats { seats }, S::Active { .. }) => {
                return self.change_seats(*seats, ctx);
            }
            (LicenceCommand::SetAutoRenew { on }, S::Active { auto_renew, .. }) => {
                if *on == auto_renew {
                    return Ok(None);
                }
                LicenceChange::AutoRenewChanged { on: *on }
            }
            (
                LicenceCommand::Reactivate {
                    term_days,
                    auto_renew,
                },
                S::Expired { at },
            ) => {
                return self
                    .reactivation(at, *term_days, *auto_renew, ctx)
                    .map(Some);
            }
            _ => return Err(self.wrong_state(action, ctx)),
        };
        Ok(Some(change))
    }

    /// SUB-1 and BILL-6: a partner manages only the licences it bought. A
    /// direct purchase is visible to the partner, never managed by it
    /// (quantity, status, auto-renew, cancel, and also removing or
    /// reactivating it); another partner's licence likewise, and the
    /// refusal does not name that partner.
    pub(super) fn check_manager(
        &self,
        partner: &PartnerId,
        action: LicenceAction,
    ) -> Result<(), Error> {
        match &self.bought_by {
            Purchaser::Partner(owner) if owner == partner => Ok(()),
            Purchaser::Partner(_) => Err(refuse(
                Rule::Sub1,
                Reason::OtherPartnersLicence {
                    licence: self.id.clone(),
                    action,
                },
            )),
            Purchaser::Customer => Err(refuse(
                Rule::Bill6,
                Reason::DirectPurchase {
                    licence: self.id.clone(),
                    action,
                },
            )),
        }
    }

    /// REL-7's Decision at the licence: the scheduled unlink of the partner
    /// that bought it took effect at `at`, so an active or suspended
    /// licence is removed at that instant; any other stays as it is.
    pub(super) fn ended_with_unlink(&self, at: DateTime<Utc>) -> Option<LicenceChange> {
        matches!(
            self.state,
            LicenceState::Active { .. } | LicenceState::Suspended { .. }
        )
        .then_some(LicenceChange::Removed { at })
    }
}
