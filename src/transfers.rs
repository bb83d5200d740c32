//! Moving a customer between partners (XFER-1, XFER-2, XFER-3, XFER-4,
//! XFER-5, XFER-6): pure functions that return a plan or an impact.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::account::Account;
use crate::actor::{Actor, PartnerUser};
use crate::calendar::add_days;
use crate::decision::Context;
use crate::error::Error;
use crate::error::refuse;
use crate::ids::OfferId;
use crate::ids::{CustomerId, LicenceId, PartnerId};
use crate::instant;
use crate::licence::LicenceState;
use crate::money::Money;
use crate::policy::Policy;
use crate::refusal::Reason;
use crate::rule::Rule;
use crate::vocabulary::AccountAction;
use crate::vocabulary::RelationshipStatus;

/// How subscriptions move (XFER-3).
///
/// # Example
///
/// ```
/// use channel_licensing::transfers::TransferStrategy;
///
/// assert_eq!(serde_json::to_string(&TransferStrategy::ExpireAndRepurchase)?, r#""expire_and_repurchase""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TransferStrategy {
    /// The new partner provisions the same subscriptions while the old ones
    /// run to their term end with auto-renew off.
    Duplicate,
    /// Too many subscriptions to duplicate: the old partner turns auto-renew
    /// off and lets them expire; the new partner repurchases during the
    /// expired grace.
    ExpireAndRepurchase,
}

/// What the customer must do itself in a move (XFER-6).
///
/// # Example
///
/// ```
/// use channel_licensing::transfers::CustomerStep;
///
/// assert_eq!(serde_json::to_string(&CustomerStep::MigrateData)?, r#""migrate_data""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CustomerStep {
    /// Migrate its data to the new tenant (tenant-to-tenant moves).
    MigrateData,
}

/// Options of a transfer plan.
///
/// # Example
///
/// ```
/// use channel_licensing::transfers::TransferOptions;
///
/// let options = TransferOptions::default().cancel_early(true).tenant_to_tenant(true);
/// assert!(options.cancel_early && options.tenant_to_tenant);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TransferOptions {
    /// Cancel the old subscriptions now instead of letting them reach their
    /// term end (XFER-2: not recommended, nothing is refunded).
    #[serde(default)]
    pub cancel_early: bool,
    /// The customer moves to a new tenant (XFER-6).
    #[serde(default)]
    pub tenant_to_tenant: bool,
}

impl TransferOptions {
    /// These options, cancelling early or not.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::transfers::TransferOptions;
    /// assert!(TransferOptions::default().cancel_early(true).cancel_early);
    /// ```
    #[must_use]
    pub fn cancel_early(mut self, on: bool) -> Self {
        self.cancel_early = on;
        self
    }

    /// These options, for a tenant-to-tenant move or not.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::transfers::TransferOptions;
    /// assert!(TransferOptions::default().tenant_to_tenant(true).tenant_to_tenant);
    /// ```
    #[must_use]
    pub fn tenant_to_tenant(mut self, on: bool) -> Self {
        self.tenant_to_tenant = on;
        self
    }
}

/// A cancellation before the term end, and what it forfeits (XFER-2, LIC-8).
///
/// # Example
///
/// See [`transfer_plan`].
///
/// ```
/// use channel_licensing::transfers::EarlyCancellation;
///
/// fn days_lost(c: &EarlyCancellation) -> u32 { c.forfeited_days }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EarlyCancellation {
    /// When the subscription would be cancelled.
    #[serde(with = "instant")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub at: DateTime<Utc>,
    /// Whole unused days, not refunded.
    pub forfeited_days: u32,
    /// Their price, for a priced licence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forfeited: Option<Money>,
    /// The prorated refund instead, inside the policy's refund window (POL-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund: Option<Money>,
}

/// One subscription's move (XFER-1).
///
/// # Example
///
/// See [`transfer_plan`].
///
/// ```
/// use channel_licensing::transfers::SubscriptionMove;
///
/// fn ordered(m: &SubscriptionMove) -> bool { m.auto_renew_off_at <= m.term_ends && m.term_ends < m.provision_by }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SubscriptionMove {
    /// The subscription.
    pub licence: LicenceId,
    /// Its offer.
    pub offer: OfferId,
    /// Its seats.
    pub seats: u32,
    /// When the old partner turns auto-renew off: now.
    #[serde(with = "instant")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub auto_renew_off_at: DateTime<Utc>,
    /// When its term ends and it becomes expired.
    #[serde(with = "instant")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub term_ends: DateTime<Utc>,
    /// The new partner must provision it before this instant, the end of the
    /// expired grace, to avoid data loss.
    #[serde(with = "instant")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub provision_by: DateTime<Utc>,
    /// Set when the plan cancels early.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub early_cancellation: Option<EarlyCancellation>,
}

/// A plan to move a customer's active subscriptions to another partner
/// (XFER-1 … XFER-3, XFER-5, XFER-6).
///
/// # Example
///
/// See [`transfer_plan`].
///
/// ```
/// use channel_licensing::transfers::{TransferPlan, TransferStrategy};
///
/// fn duplicates(plan: &TransferPlan) -> bool { plan.strategy == TransferStrategy::Duplicate }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TransferPlan {
    /// The customer.
    pub customer: CustomerId,
    /// The partner it leaves.
    pub from: PartnerId,
    /// The partner it joins.
    pub to: PartnerId,
    /// How the subscriptions move.
    pub strategy: TransferStrategy,
    /// How many active subscriptions move: those `from` bought.
    pub moving: usize,
    /// Each subscription's move.
    pub moves: Vec<SubscriptionMove>,
    /// The earliest deadline of all moves; `None` when nothing moves.
    #[serde(with = "instant::option")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DateTime<Utc>>"))]
    pub provision_by: Option<DateTime<Utc>>,
    /// Cancellations are never refunded, so the plan recommends waiting for
    /// the natural term end (XFER-2).
    pub recommend_waiting_for_term_end: bool,
    /// What the customer must do itself (XFER-6).
    pub customer_steps: Vec<CustomerStep>,
}

/// Plans moving `account`'s active subscriptions from partner `from` to
/// the partner of `to` at `now` (XFER-1 … XFER-3, XFER-5, XFER-6).
///
/// The subscriptions that move are the active ones `from` bought (SUB-1);
/// another partner's, and the customer's direct purchases, are neither
/// moved nor counted. Every one that moves gets: auto-renew off now; its term end, when it
/// becomes expired; and the end of the policy's expired grace after it, by
/// which the new partner must provision it. More active subscriptions than
/// the policy's transfer threshold use [`TransferStrategy::ExpireAndRepurchase`],
/// otherwise [`TransferStrategy::Duplicate`]. With
/// [`TransferOptions::cancel_early`], each move also reports the remainder
/// forfeited by cancelling now.
///
/// # Errors
///
/// [`Error::Refused`]: `from` has no live relationship with the customer
/// (AUTH-1); the new partner is not in the customer's region (XFER-5).
/// [`Error::TimeOutOfRange`], [`Error::Money`] (an amount out of range) at the limits.
///
/// # Example
///
/// ```
/// use channel_licensing::{Account, BillingType, CreatedBy, Licence, PartnerUser, Policy, Purchaser, RelationshipState, Term};
/// use channel_licensing::transfers::{transfer_plan, TransferOptions, TransferStrategy};
///
/// let term = Term::of_days("2026-01-01T00:00:00Z".parse()?, 365)?;
/// let account = Account::new("rossi", "Rossi SpA", "eu", BillingType::Term, CreatedBy::Partner)
///     .with_relationship("acme", RelationshipState::Linked)
///     .with_licence(Licence::active("L-1", "o365-e3", 25, term, true, Purchaser::partner("acme"))?);
/// let beta = PartnerUser::new("beta", "eu");
/// let now = "2026-06-01T00:00:00Z".parse()?;
/// let plan = transfer_plan(&account, &"acme".into(), &beta, TransferOptions::default(), now, &Policy::standard())?;
/// assert_eq!(plan.strategy, TransferStrategy::Duplicate);
/// assert_eq!(plan.moves[0].term_ends, term.ends);
/// assert_eq!(plan.provision_by, Some("2027-01-31T00:00:00Z".parse()?)); // 30 days of grace
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn transfer_plan(
    account: &Account,
    from: &PartnerId,
    to: &PartnerUser,
    options: TransferOptions,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Result<TransferPlan, Error> {
    let status = account.relationship_status(from, now);
    if !status.is_some_and(RelationshipStatus::is_live) {
        return Err(refuse(
            Rule::Auth1,
            Reason::NoRelationship {
                customer: account.customer_ref(),
                partner: from.clone(),
                action: AccountAction::Transfer,
                state: status,
            },
        ));
    }
    account.check_region(Rule::Xfer5, AccountAction::Transfer, to)?;
    let vendor = Actor::Vendor;
    let ctx = Context::new(now, &vendor, policy);
    let mut moves = Vec::new();
    // Only `from`'s own subscriptions move (SUB-1): another partner's, or
    // the customer's direct purchases, stay where they are.
    for licence in account
        .licences
        .iter()
        .filter(|l| l.bought_by.is_partner(from))
    {
        let current = licence.at_now(&account.id, &ctx)?;
        let LicenceState::Active { term, .. } = current.state else {
            continue;
        };
        let provision_by = add_days(term.ends, policy.expired_grace_days())?;
        // XFER-2: what cancelling now would give, exactly as a cancel would
        // (LIC-8, and POL-2's refund inside the policy's window).
        let early_cancellation = if options.cancel_early {
            match current.cancellation(term, now, crate::licence::CancelledBy::Request, policy)? {
                crate::licence::LicenceChange::Cancelled {
                    forfeited_days,
                    forfeited,
                    refund,
                    ..
                } => Some(EarlyCancellation {
                    at: now,
                    forfeited_days,
                    forfeited,
                    refund,
                }),
                _ => None,
            }
        } else {
            None
        };
        moves.push(SubscriptionMove {
            licence: current.id.clone(),
            offer: current.offer.clone(),
            seats: current.seats,
            auto_renew_off_at: now,
            term_ends: term.ends,
            provision_by,
            early_cancellation,
        });
    }
    let moving = moves.len();
    let threshold = usize::try_from(policy.transfer_threshold()).unwrap_or(usize::MAX);
    Ok(TransferPlan {
        customer: account.id.clone(),
        from: from.clone(),
        to: to.partner.clone(),
        strategy: if moving > threshold {
            TransferStrategy::ExpireAndRepurchase
        } else {
            TransferStrategy::Duplicate
        },
        moving,
        provision_by: moves.iter().map(|m| m.provision_by).min(),
        moves,
        recommend_waiting_for_term_end: true,
        customer_steps: if options.tenant_to_tenant {
            vec![CustomerStep::MigrateData]
        } else {
            Vec::new()
        },
    })
}

/// The offers on either side of a move, for [`transfer_impact`] (XFER-4).
///
/// # Example
///
/// ```
/// use channel_licensing::transfers::OfferChange;
///
/// let change = OfferChange::new("o365-e3", 25, "o365-e3", 25);
/// assert!(change.to_offer_available && !change.equivalent);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OfferChange {
    /// The offer the customer has.
    pub from_offer: OfferId,
    /// Its licence count.
    pub seats_from: u32,
    /// The offer it moves to.
    pub to_offer: OfferId,
    /// The licence count after the move.
    pub seats_to: u32,
    /// Whether the target offer is equivalent to the current one.
    #[serde(default)]
    pub equivalent: bool,
    /// Whether the target offer can still be bought.
    #[serde(default = "available_by_default")]
    pub to_offer_available: bool,
}

fn available_by_default() -> bool {
    true
}

impl OfferChange {
    /// A move between available, non-equivalent offers (set the fields to say otherwise).
    ///
    /// # Example
    ///
    /// See [`OfferChange`].
    ///
    /// ```
    /// # use channel_licensing::transfers::OfferChange;
    /// let c = OfferChange::new("a", 1, "b", 1);
    /// assert_eq!(c.from_offer.as_str(), "a");
    /// ```
    #[must_use]
    pub fn new(
        from_offer: impl Into<OfferId>,
        seats_from: u32,
        to_offer: impl Into<OfferId>,
        seats_to: u32,
    ) -> Self {
        OfferChange {
            from_offer: from_offer.into(),
            seats_from,
            to_offer: to_offer.into(),
            seats_to,
            equivalent: false,
            to_offer_available: true,
        }
    }
}

/// What a move does to the customer's users (XFER-4).
///
/// # Example
///
/// See [`transfer_impact`].
///
/// ```
/// use channel_licensing::transfers::TransferImpact;
///
/// fn harmless(i: &TransferImpact) -> bool { !i.reassign_licences && !i.data_loss_risk && !i.interruption }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(clippy::struct_excessive_bools)] // independent answers, as XFER-4 lists them
pub struct TransferImpact {
    /// Licence assignments must be updated.
    pub reassign_licences: bool,
    /// Data is lost unless an equivalent offer is chosen.
    pub data_loss_risk: bool,
    /// Users are interrupted.
    pub interruption: bool,
    /// The target offer is gone: an equivalent one must be chosen.
    pub choose_equivalent_offer: bool,
}

/// The impact of moving between offers (XFER-4): the same offer with the
/// same licence count, or an equivalent offer with the same count, needs no
/// reassignment and causes no data loss and no interruption. A different
/// offer means licence assignments must be updated (users are interrupted
/// until they are). A changed licence count means assignments must be
/// updated. An offer no longer available means an equivalent one must be
/// chosen, or data is lost.
///
/// # Example
///
/// ```
/// use channel_licensing::transfers::{transfer_impact, OfferChange};
///
/// let same = transfer_impact(&OfferChange::new("e3", 25, "e3", 25));
/// assert!(!same.reassign_licences && !same.data_loss_risk && !same.interruption);
///
/// let different = transfer_impact(&OfferChange::new("e3", 25, "business-premium", 25));
/// assert!(different.reassign_licences && !different.data_loss_risk);
///
/// let mut gone = OfferChange::new("e3", 25, "e3-legacy", 25);
/// gone.to_offer_available = false;
/// let gone = transfer_impact(&gone);
/// assert!(gone.data_loss_risk && gone.choose_equivalent_offer);
/// ```
#[must_use]
pub fn transfer_impact(change: &OfferChange) -> TransferImpact {
    if !change.to_offer_available {
        return TransferImpact {
            reassign_licences: true,
            data_loss_risk: true,
            interruption: true,
            choose_equivalent_offer: true,
        };
    }
    let same_offer = change.from_offer == change.to_offer || change.equivalent;
    let same_count = change.seats_from == change.seats_to;
    TransferImpact {
        reassign_licences: !same_offer || !same_count,
        data_loss_risk: false,
        interruption: !same_offer,
        choose_equivalent_offer: false,
    }
}
