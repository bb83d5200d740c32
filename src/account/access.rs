//! Who may act on an account (AUTH-1, AUTH-2, BILL-5): a named check per
//! access need, each refusal naming what was missing.

use crate::refusal::refuse;
use crate::{Account, AccountAction, BillingType, RelationshipState};
use crate::{Actor, ActorKind, Context, Error, PartnerUser, Programme, Reason, Rule};

impl Account {
    /// The acting partner user, or a refusal for any other actor.
    pub(super) fn partner_user<'c>(
        &self,
        action: AccountAction,
        ctx: &Context<'c>,
    ) -> Result<&'c PartnerUser, Error> {
        match ctx.actor {
            Actor::Partner(user) => Ok(user),
            other => Err(refuse(
                action.actor_rule(),
                Reason::ActorNotAllowed {
                    customer: self.customer_ref(),
                    action,
                    actor: ActorKind::of(other),
                },
            )),
        }
    }

    /// The customer's own admin, or a refusal.
    pub(super) fn own_admin(&self, action: AccountAction, ctx: &Context<'_>) -> Result<(), Error> {
        match ctx.actor {
            Actor::CustomerAdmin { customer } if *customer == self.id => Ok(()),
            Actor::CustomerAdmin { customer } => Err(refuse(
                Rule::Auth1,
                Reason::OtherCustomer {
                    customer: self.customer_ref(),
                    action,
                    admin_of: customer.clone(),
                },
            )),
            other => Err(refuse(
                action.actor_rule(),
                Reason::ActorNotAllowed {
                    customer: self.customer_ref(),
                    action,
                    actor: ActorKind::of(other),
                },
            )),
        }
    }

    /// AUTH-1 (and BILL-5): the partner's relationship at `now` must be
    /// linked, or also `unlink_scheduled` where the rule allows it; an
    /// invited partner gets REL-3 for provisioning. Returns the state.
    ///
    /// Always inlined, with the refusals built out of line: it runs on every
    /// partner command, and the refusals are the rare path. `decide` is
    /// too large for the compiler to inline it on its own (measured: the
    /// refused unlink 474 -> 456 instructions, about 5 KiB more code).
    #[expect(clippy::inline_always, reason = "measured, see above")]
    #[inline(always)]
    pub(super) fn live(
        &self,
        user: &PartnerUser,
        action: AccountAction,
        allow_scheduled: bool,
        rule: Rule,
        ctx: &Context<'_>,
    ) -> Result<RelationshipState, Error> {
        let state = self
            .relationship(&user.partner)
            .map(|r| r.state_at(ctx.now));
        let state = match state {
            Some(RelationshipState::Linked) => RelationshipState::Linked,
            Some(scheduled @ RelationshipState::UnlinkScheduled { .. }) if allow_scheduled => {
                scheduled
            }
            _ => return Err(self.not_live(user, action, rule, state)),
        };
        if self.billing == BillingType::ManagedOrder
            && !user.programmes.contains(Programme::MspFlexConnect)
        {
            return Err(self.missing_programme(Rule::Bill5, action, Programme::MspFlexConnect));
        }
        Ok(state)
    }

    /// [`Account::live`]'s refusal for a relationship in `state` (`None`:
    /// none with this partner).
    #[cold]
    #[inline(never)]
    pub(super) fn not_live(
        &self,
        user: &PartnerUser,
        action: AccountAction,
        rule: Rule,
        state: Option<RelationshipState>,
    ) -> Error {
        match state {
            Some(RelationshipState::Invited { .. })
                if matches!(
                    action,
                    AccountAction::Licence(_) | AccountAction::AddSubscription
                ) =>
            {
                refuse(
                    Rule::Rel3,
                    Reason::NotYetAccepted {
                        customer: self.customer_ref(),
                        partner: user.partner.clone(),
                        action,
                    },
                )
            }
            _ => refuse(
                rule,
                Reason::NoRelationship {
                    customer: self.customer_ref(),
                    partner: user.partner.clone(),
                    action,
                    state: state.map(|s| s.status()),
                },
            ),
        }
    }

    #[cold]
    #[inline(never)]
    pub(super) fn missing_programme(
        &self,
        rule: Rule,
        action: AccountAction,
        programme: Programme,
    ) -> Error {
        refuse(
            rule,
            Reason::MissingProgramme {
                customer: self.customer_ref(),
                action,
                programme,
            },
        )
    }
}
