//! Who may act on an account (AUTH-1, AUTH-2, BILL-5): a named check per
//! access need, each refusal naming what was missing.

use super::Account;
use super::relationship::{Relationship, RelationshipState};
use crate::actor::ActorKind;
use crate::actor::{Actor, PartnerUser, Programme};
use crate::decision::Context;
use crate::error::Error;
use crate::error::refuse;
use crate::refusal::Reason;
use crate::rule::Rule;
use crate::vocabulary::AccountAction;
use crate::vocabulary::BillingType;

impl Account {
    /// The acting partner user, or a refusal for any other actor.
    pub(super) fn partner_user<'c>(
        &self,
        action: AccountAction,
        ctx: &Context<'c>,
    ) -> Result<&'c PartnerUser, Error> {
        match ctx.actor {
            Actor::Partner(user) => Ok(user),
            other => Err(self.actor_not_allowed(action, other)),
        }
    }

    /// The refusal for an actor of a kind the action is not for (AUTH-1, or
    /// the rule `action` names for its actors).
    fn actor_not_allowed(&self, action: AccountAction, actor: &Actor) -> Error {
        refuse(
            action.actor_rule(),
            Reason::ActorNotAllowed {
                customer: self.customer_ref(),
                action,
                actor: ActorKind::of(actor),
            },
        )
    }

    /// AUTH-1: the platform itself, that is the vendor (timers are delivered
    /// by the caller's scheduler, as the vendor), or a refusal.
    pub(super) fn platform(&self, action: AccountAction, ctx: &Context<'_>) -> Result<(), Error> {
        match ctx.actor {
            Actor::Vendor => Ok(()),
            other => Err(self.actor_not_allowed(action, other)),
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
            other => Err(self.actor_not_allowed(action, other)),
        }
    }

    /// AUTH-1 (and BILL-5): the acting partner user, whose relationship
    /// at `now` is linked. The check of every partner command but the two
    /// below.
    pub(super) fn linked_partner<'c>(
        &self,
        action: AccountAction,
        ctx: &Context<'c>,
    ) -> Result<&'c PartnerUser, Error> {
        let user = self.partner_user(action, ctx)?;
        self.check_linked(user, action, ctx)?;
        Ok(user)
    }

    /// AUTH-1 (and BILL-5) for a partner user known to be acting: linked.
    pub(super) fn check_linked(
        &self,
        user: &PartnerUser,
        action: AccountAction,
        ctx: &Context<'_>,
    ) -> Result<(), Error> {
        match self.relationship_at(user, ctx) {
            Some(RelationshipState::Linked) => self.check_flex_connect(user, action),
            state => Err(self.not_live(user, action, Rule::Auth1, state)),
        }
    }

    /// AUTH-1 where a scheduled unlink still lets the partner act (an
    /// unlink, REL-7; the admin console, AST-1, refused under `rule`): the
    /// acting partner user, and its relationship (linked or with its unlink
    /// scheduled) with its state at `now`.
    pub(super) fn live_partner<'a, 'c>(
        &'a self,
        action: AccountAction,
        rule: Rule,
        ctx: &Context<'c>,
    ) -> Result<(&'c PartnerUser, &'a Relationship, RelationshipState), Error> {
        let user = self.partner_user(action, ctx)?;
        let relationship = self.relationship(&user.partner);
        match relationship.map(|r| (r, r.state_at(ctx.now))) {
            Some((
                relationship,
                state @ (RelationshipState::Linked | RelationshipState::UnlinkScheduled { .. }),
            )) => {
                self.check_flex_connect(user, action)?;
                Ok((user, relationship, state))
            }
            other => Err(self.not_live(user, action, rule, other.map(|(_, state)| state))),
        }
    }

    /// The acting partner's relationship at `ctx.now`, if it has one.
    fn relationship_at(&self, user: &PartnerUser, ctx: &Context<'_>) -> Option<RelationshipState> {
        self.relationship(&user.partner)
            .map(|r| r.state_at(ctx.now))
    }

    /// BILL-5: only a partner in MSP Flex Connect manages a managed order.
    fn check_flex_connect(&self, user: &PartnerUser, action: AccountAction) -> Result<(), Error> {
        if self.billing == BillingType::ManagedOrder
            && !user.programmes.contains(Programme::MspFlexConnect)
        {
            return Err(self.missing_programme(Rule::Bill5, action, Programme::MspFlexConnect));
        }
        Ok(())
    }

    /// The refusal for a partner whose relationship is in `state` (`None`:
    /// none with this partner): REL-3 for provisioning while invited,
    /// otherwise `rule`.
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
