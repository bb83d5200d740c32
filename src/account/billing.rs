//! Billing types (BILL-1, BILL-3, BILL-4, BILL-9): converting a trial to
//! monthly usage, early access, one billing partner; who may ask for a credit
//! (BILL-8). BILL-2 is in `create.rs`, BILL-5 in `access.rs`, BILL-6 and
//! BILL-7 in `subscriptions.rs`.

use crate::ids::{LicenceId, PartnerId};
use crate::licence::Purchaser;
use crate::vocabulary::RelationshipStatus;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Account;
use super::Out;
use super::event::AccountChange;
use super::relationship::RelationshipState;
use crate::actor::Programme;
use crate::decision::Context;
use crate::error::Error;
use crate::error::refuse;
use crate::ids::EarlyAccessId;
use crate::refusal::Reason;
use crate::rule::Rule;
use crate::vocabulary::AccountAction;
use crate::vocabulary::BillingType;

/// Who created a customer account (BILL-7, AST-2, AST-3).
///
/// # Example
///
/// ```
/// use channel_licensing::CreatedBy;
///
/// assert_eq!(serde_json::to_string(&CreatedBy::Customer)?, r#""customer""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CreatedBy {
    /// A partner created it for the customer.
    Partner,
    /// The customer created it.
    Customer,
}

impl Account {
    /// BILL-3 (and AST-2, BILL-9): a trial becomes monthly usage, when no
    /// other partner is live.
    pub(super) fn convert_to_monthly(&self, ctx: &Context<'_>, out: &mut Out) -> Result<(), Error> {
        let action = AccountAction::ConvertToMonthly;
        let user = self.linked_partner(action, ctx)?;
        if !user.programmes.contains(Programme::MspFlex) {
            return Err(self.missing_programme(Rule::Bill3, action, Programme::MspFlex));
        }
        match self.billing {
            BillingType::MonthlyUsage => Ok(()),
            BillingType::Trial => {
                // BILL-9: monthly usage is billed through this one partner.
                let other_live = self
                    .relationships
                    .iter()
                    .any(|r| r.partner != user.partner && r.is_open(ctx.now));
                if other_live {
                    return Err(refuse(
                        Rule::Bill9,
                        Reason::OtherPartnerLive {
                            customer: self.customer_ref(),
                            action,
                        },
                    ));
                }
                out.event(AccountChange::BillingChanged {
                    from: BillingType::Trial,
                    to: BillingType::MonthlyUsage,
                });
                if !self.partner_assistance {
                    // AST-2: monthly-usage accounts have assistance on.
                    out.event(AccountChange::PartnerAssistanceChanged { enabled: true });
                }
                Ok(())
            }
            billing => Err(self.billing_forbids(Rule::Bill3, action, billing)),
        }
    }

    /// BILL-4: early access, unless monthly usage meets an incompatible programme.
    pub(super) fn enrol_early_access(
        &self,
        programme: &EarlyAccessId,
        flex_compatible: bool,
        ctx: &Context<'_>,
        out: &mut Out,
    ) -> Result<(), Error> {
        let action = AccountAction::EnrolEarlyAccess;
        self.linked_partner(action, ctx)?;
        if self.billing == BillingType::MonthlyUsage && !flex_compatible {
            return Err(self.billing_forbids(Rule::Bill4, action, self.billing));
        }
        if !self.early_access.contains(programme) {
            out.event(AccountChange::EarlyAccessEnrolled {
                programme: programme.clone(),
            });
        }
        Ok(())
    }

    /// BILL-9: while the account is monthly usage, or its monthly unlink is
    /// scheduled (REL-7), it is billed through its one partner: no other
    /// partner can be invited or accepted.
    pub(super) fn check_one_billing_partner(
        &self,
        action: AccountAction,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let unlink_scheduled = self
            .relationships
            .iter()
            .any(|r| matches!(r.state_at(now), RelationshipState::UnlinkScheduled { .. }));
        if self.billing == BillingType::MonthlyUsage || unlink_scheduled {
            return Err(refuse(
                Rule::Bill9,
                Reason::BillingPartnerTaken {
                    customer: self.customer_ref(),
                    action,
                },
            ));
        }
        Ok(())
    }

    pub(super) fn billing_forbids(
        &self,
        rule: Rule,
        action: AccountAction,
        billing: BillingType,
    ) -> Error {
        refuse(
            rule,
            Reason::BillingForbids {
                customer: self.customer_ref(),
                action,
                billing,
            },
        )
    }
}

/// Who may ask the vendor's billing support for a credit (BILL-8).
///
/// # Example
///
/// ```
/// use channel_licensing::account::CreditContact;
///
/// assert_eq!(serde_json::to_string(&CreditContact::Nobody)?, r#""nobody""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CreditContact {
    /// The partner, on the customer's behalf (it holds delegated admin privileges).
    Partner,
    /// The customer itself.
    Customer,
    /// Nobody: the subscription was not bought directly from the vendor.
    Nobody,
}

impl CreditContact {
    /// Whether a credit is possible at all.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::account::CreditContact;
    ///
    /// assert!(CreditContact::Customer.eligible());
    /// assert!(!CreditContact::Nobody.eligible());
    /// ```
    #[must_use]
    pub fn eligible(self) -> bool {
        self != CreditContact::Nobody
    }
}

/// Who may ask for a credit for a cancelled subscription (BILL-8): only
/// subscriptions bought directly from the vendor (a direct-billing account,
/// or a licence the customer bought) are eligible; the partner asks on the
/// customer's behalf when it holds delegated admin privileges (the legacy
/// DAP flag over a live relationship, or an active GDAP relationship of its
/// own with the `service_support_administrator` or `global_administrator`
/// role, GDAP-8), otherwise the customer must. The crate answers who, not
/// how much. With `licence` `None`, the account as a whole: eligible when it
/// is billed directly or holds a licence the customer bought.
///
/// # Example
///
/// ```
/// use channel_licensing::{Account, BillingType, CreatedBy, Relationship, RelationshipState};
/// use channel_licensing::account::{credit_contact, CreditContact};
///
/// let now = "2026-06-01T00:00:00Z".parse()?;
/// let mut direct = Account::new("rossi", "Rossi SpA", "eu", BillingType::Direct, CreatedBy::Customer)
///     .with_relationship("acme", RelationshipState::Linked);
/// assert_eq!(credit_contact(&direct, &"acme".into(), None, now), CreditContact::Customer);
/// direct.relationships[0].delegated_admin = true;
/// assert_eq!(credit_contact(&direct, &"acme".into(), None, now), CreditContact::Partner);
///
/// let term = Account::new("bianchi", "Bianchi", "eu", BillingType::Term, CreatedBy::Partner);
/// assert_eq!(credit_contact(&term, &"acme".into(), None, now), CreditContact::Nobody);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn credit_contact(
    account: &Account,
    partner: &PartnerId,
    licence: Option<&LicenceId>,
    now: DateTime<Utc>,
) -> CreditContact {
    let bought_directly = |id: &LicenceId| {
        account
            .licences
            .iter()
            .any(|l| l.id == *id && l.bought_by == Purchaser::Customer)
    };
    let eligible = match licence {
        // A named licence is judged by itself: an unknown one is not eligible.
        Some(id) => {
            account.licences.iter().any(|l| l.id == *id)
                && (account.billing == BillingType::Direct || bought_directly(id))
        }
        None => {
            account.billing == BillingType::Direct
                || account
                    .licences
                    .iter()
                    .any(|l| l.bought_by == Purchaser::Customer)
        }
    };
    if !eligible {
        return CreditContact::Nobody;
    }
    // The legacy DAP flag counts over a live reseller relationship; an
    // active GDAP relationship of this partner's with a support role counts
    // whatever the reseller relationship (GDAP-8).
    let legacy = account
        .relationship(partner)
        .is_some_and(|r| r.delegated_admin)
        && account
            .relationship_status(partner, now)
            .is_some_and(RelationshipStatus::is_live);
    let gdap = account
        .gdap
        .iter()
        .any(|g| g.partner == *partner && g.delegates_admin(now));
    let delegated = legacy || gdap;
    if delegated {
        CreditContact::Partner
    } else {
        CreditContact::Customer
    }
}
