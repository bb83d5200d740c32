//! Subscriptions (SUB-4, BILL-6, BILL-7): adding one, and who may send a
//! command on one licence (the licence's manager, SUB-1, is checked in
//! `licence/ownership.rs`).

use super::Account;
use super::Out;
use super::billing::CreatedBy;
use super::event::AccountChange;
use crate::actor::{Actor, PartnerUser};
use crate::decision::Context;
use crate::effect::Effect;
use crate::error::Error;
use crate::error::refuse;
use crate::ids::LicenceId;
use crate::ids::OfferId;
use crate::licence::{Licence, LicenceCommand, Purchaser, Term};
use crate::refusal::Reason;
use crate::rule::Rule;
use crate::vocabulary::AccountAction;
use crate::vocabulary::BillingType;
use crate::vocabulary::LicenceAction;

/// The fields of [`AccountCommand::AddSubscription`].
pub(super) struct NewSubscription<'a> {
    pub(super) licence: &'a LicenceId,
    pub(super) offer: &'a OfferId,
    pub(super) seats: u32,
    pub(super) term_days: u32,
    pub(super) auto_renew: bool,
    pub(super) price: Option<crate::money::Money>,
}

/// Licence commands a partner may not send for a direct purchase (BILL-6):
/// every one that manages it (delivering a timer manages nothing).
pub(super) fn manages_subscription(action: LicenceAction) -> bool {
    action != LicenceAction::Deliver
}

impl Account {
    /// SUB-4's checks of `new`, the error naming what is wrong: an offer
    /// `user`'s partner may not sell, no seat, no day of term, a negative
    /// price.
    fn check_new_subscription(
        &self,
        user: &PartnerUser,
        new: &NewSubscription<'_>,
    ) -> Result<(), Reason> {
        if !user.offers.contains(new.offer) {
            return Err(Reason::OfferNotAuthorised {
                customer: self.customer_ref(),
                offer: new.offer.clone(),
            });
        }
        let licence = || new.licence.clone();
        if new.seats == 0 {
            return Err(Reason::TooFewSeats {
                licence: licence(),
                requested: new.seats,
            });
        }
        if new.term_days == 0 {
            return Err(Reason::TermTooShort {
                licence: licence(),
                term_days: new.term_days,
            });
        }
        match new.price {
            Some(price) if price.amount.is_sign_negative() && !price.amount.is_zero() => {
                Err(Reason::NegativePrice {
                    licence: licence(),
                    price,
                })
            }
            _ => Ok(()),
        }
    }

    /// SUB-4 (and REL-3): a new active subscription, for an offer the
    /// partner may sell, with at least one seat, on a linked customer.
    pub(super) fn add_subscription(
        &self,
        new: &NewSubscription<'_>,
        ctx: &Context<'_>,
        out: &mut Out,
    ) -> Result<(), Error> {
        let action = AccountAction::AddSubscription;
        let user = self.linked_partner(action, ctx)?;
        self.check_new_subscription(user, new)
            .map_err(|reason| refuse(Rule::Sub4, reason))?;
        if self.licences.iter().any(|l| l.id == *new.licence) {
            return Err(Error::DuplicateLicence {
                licence: new.licence.clone(),
            });
        }
        let term = Term::of_days(ctx.now, new.term_days)?;
        // SUB-1: bought by the partner that adds it.
        let bought_by = Purchaser::Partner(user.partner.clone());
        let mut licence = Licence::active(
            new.licence.clone(),
            new.offer.clone(),
            new.seats,
            term,
            new.auto_renew,
            bought_by.clone(),
        )?;
        licence.price = new.price;
        out.event(AccountChange::SubscriptionAdded {
            licence: licence.id.clone(),
            bought_by,
            offer: licence.offer.clone(),
            seats: new.seats,
            term,
            auto_renew: new.auto_renew,
            price: new.price,
        });
        // A timer already due when the licence starts (a reminder further
        // back than a short term) applies now, as after any licence command:
        // the decided state never has an overdue timer.
        // Its changes are reported; its effects are not a change of an
        // outbox that had none of its timers, but all of them, scheduled.
        let mut draft = Out::default();
        let licence = licence.step(&self.id, None, ctx, &mut draft)?;
        let (changes, _) = draft.into_parts();
        for change in changes {
            out.event(change);
        }
        for timer in licence.timers(&self.id, ctx.policy) {
            out.effect(Effect::Schedule(timer));
        }
        Ok(())
    }

    /// Who may send a command on one of the account's licences (AUTH-1,
    /// REL-3, BILL-5 … BILL-7); the licence's own rules come after
    /// (`step_one`).
    pub(super) fn may_send(
        &self,
        command: &LicenceCommand,
        ctx: &Context<'_>,
    ) -> Result<(), Error> {
        let action = AccountAction::Licence(command.action());
        match ctx.actor {
            Actor::Partner(user) => {
                self.check_linked(user, action, ctx)?;
                if self.billing == BillingType::Direct && manages_subscription(command.action()) {
                    return Err(self.billing_forbids(Rule::Bill6, action, self.billing));
                }
            }
            Actor::CustomerAdmin { .. } => {
                self.own_admin(action, ctx)?;
                if self.created_by == CreatedBy::Partner {
                    return Err(refuse(
                        Rule::Bill7,
                        Reason::ManagedByPartner {
                            customer: self.customer_ref(),
                            action,
                        },
                    ));
                }
            }
            Actor::Vendor => {}
        }
        Ok(())
    }

    /// The licence `id`, or [`Error::UnknownLicence`].
    pub(super) fn licence_named(&self, id: &LicenceId) -> Result<&Licence, Error> {
        self.licences
            .iter()
            .find(|l| l.id == *id)
            .ok_or_else(|| Error::UnknownLicence {
                licence: id.clone(),
            })
    }
}
