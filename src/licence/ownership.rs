//! SUB-1, BILL-6: who manages a licence. A partner manages only the
//! licences it bought; a direct purchase is managed by no partner.

use super::Licence;
use super::state::Purchaser;
use crate::actor::Actor;
use crate::decision::Context;
use crate::error::Error;
use crate::error::refuse;
use crate::refusal::Reason;
use crate::rule::Rule;
use crate::vocabulary::LicenceAction;

impl Licence {
    /// SUB-1 and BILL-6: a partner manages only the licences it bought. A
    /// direct purchase is visible to the partner, never managed by it
    /// (quantity, status, auto-renew, cancel, and also removing or
    /// reactivating it); another partner's licence likewise, and the
    /// refusal does not name that partner. Anyone else (the vendor, the
    /// customer's admin) passes here.
    pub(super) fn check_manager(
        &self,
        action: LicenceAction,
        ctx: &Context<'_>,
    ) -> Result<(), Error> {
        let Actor::Partner(user) = ctx.actor else {
            return Ok(());
        };
        match &self.bought_by {
            Purchaser::Partner(owner) if *owner == user.partner => Ok(()),
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
}
