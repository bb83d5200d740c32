//! Why a command was refused ([`Reason`]), with the data that explains
//! it, and the sentence each reason reads as.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::phrase::{Instant, RelationshipPhrase, RoleList};
use crate::actor::Programme;
use crate::actor::{ActorKind, Right, Roles};
use crate::effect::TimerKey;
use crate::ids::{GdapId, LicenceId, PartnerId, TransferId};
use crate::ids::{GroupId, RegionId};
use crate::instant;
use crate::policy::PhaseName;
use crate::vocabulary::LicenceAction;
use crate::vocabulary::{AccountAction, CustomerRef};
use crate::vocabulary::{BillingType, LicenceStatus, RelationshipStatus, UnlinkMode};
use crate::vocabulary::{GdapAction, GdapProblem, TransferAction, TransferProblem};

/// Why a command was refused, with the data that explains it.
///
/// # Example
///
/// ```
/// use channel_licensing::{Actor, Context, Licence, LicenceCommand, LicenceState, LicenceStatus};
/// use channel_licensing::{Policy, Purchaser, Reason};
///
/// let at = "2026-03-01T00:00:00Z".parse()?;
/// let revoked = Licence::new("L-1", "endpoint", 5, LicenceState::Revoked { at }, Purchaser::partner("acme"))?;
/// let policy = Policy::standard();
/// let ctx = Context::new(at, &Actor::Vendor, &policy);
/// let refused = revoked.decide(&"rossi".into(), &LicenceCommand::Suspend, &ctx).unwrap_err();
/// let reason = refused.refusal().unwrap().reason();
/// assert!(matches!(reason, Reason::TerminalState { state: LicenceStatus::Revoked, .. }));
/// assert_eq!(reason.to_string(), "cannot suspend licence L-1: it is revoked, a final state");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", schemars(tag = "type", deny_unknown_fields))]
pub enum Reason {
    /// The licence is in a terminal state (LIC-13).
    #[error("cannot {} licence {licence}: it is {state}, a final state", action.verb())]
    #[non_exhaustive]
    TerminalState {
        /// The licence.
        licence: LicenceId,
        /// What was asked.
        action: LicenceAction,
        /// Its state.
        state: LicenceStatus,
    },
    /// The action needs another state (LIC-4, LIC-7, LIC-8, LIC-11, LIC-12).
    #[error("cannot {} licence {licence}: it is {state}, and this needs {}", action.verb(), action.needs())]
    #[non_exhaustive]
    WrongState {
        /// The licence.
        licence: LicenceId,
        /// What was asked.
        action: LicenceAction,
        /// Its state.
        state: LicenceStatus,
    },
    /// A seat count below one (LIC-11, SUB-4).
    #[error("cannot set licence {licence} to {requested} seats: a licence has at least 1 seat")]
    #[non_exhaustive]
    TooFewSeats {
        /// The licence.
        licence: LicenceId,
        /// The count asked for.
        requested: u32,
    },
    /// A seat decrease beyond the seats added inside the policy's window (POL-2).
    #[error(
        "cannot reduce licence {licence} from {current} to {requested} seats: only seats added in the last {window_days} days can be removed, and {removable} were"
    )]
    #[non_exhaustive]
    SeatDecreaseWindowClosed {
        /// The licence.
        licence: LicenceId,
        /// The count asked for.
        requested: u32,
        /// The current count.
        current: u32,
        /// How many seats could be removed.
        removable: u32,
        /// The policy's window.
        window_days: u32,
    },
    /// A term of zero days (LIC-4).
    #[error(
        "cannot reactivate licence {licence} for {term_days} days: a term lasts at least 1 day"
    )]
    #[non_exhaustive]
    TermTooShort {
        /// The licence.
        licence: LicenceId,
        /// The length asked for.
        term_days: u32,
    },
    /// A new subscription's price is negative (SUB-4): a price never is.
    #[error("cannot add licence {licence} at {price}: a price is never negative")]
    #[non_exhaustive]
    NegativePrice {
        /// The licence.
        licence: LicenceId,
        /// The price given (read as given: negative).
        #[serde(deserialize_with = "crate::money::as_given")]
        price: crate::money::Money,
    },
    /// The reactivation window has closed: the licence has lapsed (LIC-5).
    #[error(
        "cannot reactivate licence {licence}: its reactivation window closed on {}; a new licence must be bought",
        Instant(*closed_at)
    )]
    #[non_exhaustive]
    ReactivationWindowClosed {
        /// The licence.
        licence: LicenceId,
        /// When the window closed.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        closed_at: DateTime<Utc>,
    },
    /// The current post-expiry phase does not allow the action (POL-1).
    #[error("cannot {} licence {licence}: the policy's `{phase}` phase does not allow it", action.verb())]
    #[non_exhaustive]
    PhaseForbids {
        /// The licence.
        licence: LicenceId,
        /// What was asked.
        action: LicenceAction,
        /// The phase.
        phase: PhaseName,
    },
    /// The cancellation that a suspension started has taken effect (LIC-7).
    #[error(
        "cannot resume licence {licence}: the cancellation its suspension started took effect on {}",
        Instant(*at)
    )]
    #[non_exhaustive]
    SuspensionCancelled {
        /// The licence.
        licence: LicenceId,
        /// When the cancellation took effect.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
    /// A timer was delivered before it is due.
    #[error("timer {key} was delivered before it is due")]
    #[non_exhaustive]
    NotDueYet {
        /// The timer's key.
        key: TimerKey,
    },
    /// The partner has no live relationship with the customer (AUTH-1, AST-1).
    #[error("cannot {}: {partner} has {} with this customer", action.describe(customer), RelationshipPhrase(*state))]
    #[non_exhaustive]
    NoRelationship {
        /// The customer.
        customer: CustomerRef,
        /// The partner.
        partner: PartnerId,
        /// What was asked.
        action: AccountAction,
        /// The relationship's state, if there is one.
        state: Option<RelationshipStatus>,
    },
    /// A customer admin acted on another customer (AUTH-1).
    #[error("cannot {}: the admin of customer {admin_of} cannot act on another customer", action.describe(customer))]
    #[non_exhaustive]
    OtherCustomer {
        /// The customer acted on.
        customer: CustomerRef,
        /// What was asked.
        action: AccountAction,
        /// The customer the admin belongs to.
        admin_of: crate::ids::CustomerId,
    },
    /// This kind of actor may not do this (AUTH-1, AST-3, BILL-7).
    #[error("cannot {}: {actor} may not do this", action.describe(customer))]
    #[non_exhaustive]
    ActorNotAllowed {
        /// The customer.
        customer: CustomerRef,
        /// What was asked.
        action: AccountAction,
        /// Who asked.
        actor: ActorKind,
    },
    /// The partner user lacks every role that allows this (AUTH-2).
    #[error("cannot {}: this needs one of the partner roles {}", action.describe(customer), RoleList(*any_of))]
    #[non_exhaustive]
    MissingRole {
        /// The customer.
        customer: CustomerRef,
        /// What was asked.
        action: AccountAction,
        /// The roles that would allow it.
        #[cfg_attr(feature = "schema", schemars(with = "crate::actor::RolesSchema"))]
        any_of: Roles,
    },
    /// The partner is not in the programme this needs (AUTH-2).
    #[error("cannot {}: this needs a partner in the {programme} programme", action.describe(customer))]
    #[non_exhaustive]
    MissingProgramme {
        /// The customer.
        customer: CustomerRef,
        /// What was asked.
        action: AccountAction,
        /// The programme needed.
        programme: Programme,
    },
    /// The partner is not in the region of the customer's tenant (AUTH-2, REL-2).
    #[error(
        "cannot {}: the partner is in region {partner_region} and the customer's tenant in {customer_region}",
        action.describe(customer)
    )]
    #[non_exhaustive]
    WrongRegion {
        /// The customer.
        customer: CustomerRef,
        /// What was asked.
        action: AccountAction,
        /// The partner's region.
        partner_region: RegionId,
        /// The customer's region.
        customer_region: RegionId,
    },
    /// The customer has not accepted the partner's invitation yet (REL-3).
    #[error("cannot {}: the customer has not accepted the invitation of {partner} yet", action.describe(customer))]
    #[non_exhaustive]
    NotYetAccepted {
        /// The customer.
        customer: CustomerRef,
        /// The partner.
        partner: PartnerId,
        /// What was asked.
        action: AccountAction,
    },
    /// There is no pending invitation to answer (REL-3).
    #[error("cannot {}: {partner} has {}, not a pending invitation", action.describe(customer), RelationshipPhrase(*state))]
    #[non_exhaustive]
    NoInvitation {
        /// The customer.
        customer: CustomerRef,
        /// The partner.
        partner: PartnerId,
        /// What was asked.
        action: AccountAction,
        /// The relationship's state, if there is one.
        state: Option<RelationshipStatus>,
    },
    /// A licence is active or suspended: it must be removed first (REL-4).
    #[error("cannot unlink {customer}: licence {licence} is {state}; remove the licence first")]
    #[non_exhaustive]
    LicenceBlocksUnlink {
        /// The customer.
        customer: CustomerRef,
        /// The licence.
        licence: LicenceId,
        /// Its state.
        state: LicenceStatus,
    },
    /// An expired licence can still be reactivated (REL-5).
    #[error(
        "cannot unlink {customer}: licence {licence} expired on {} and can be reactivated until {}",
        Instant(*expired_at),
        Instant(*window_closes)
    )]
    #[non_exhaustive]
    ReactivationWindowOpen {
        /// The customer.
        customer: CustomerRef,
        /// The licence whose window closes last.
        licence: LicenceId,
        /// When it expired.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        expired_at: DateTime<Utc>,
        /// When its window closes.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        window_closes: DateTime<Utc>,
    },
    /// The unlink mode does not fit the account (REL-11).
    #[error(
        "cannot unlink {customer} {asked}: an account billed as {billing} is unlinked {applies}"
    )]
    #[non_exhaustive]
    WrongUnlinkMode {
        /// The customer.
        customer: CustomerRef,
        /// The mode asked for.
        asked: UnlinkMode,
        /// The mode that applies.
        applies: UnlinkMode,
        /// The account's billing type.
        billing: BillingType,
    },
    /// There is no scheduled unlink to cancel (REL-8).
    #[error("cannot {}: {partner} has {}, and no unlink scheduled", action.describe(customer), RelationshipPhrase(Some(*state)))]
    #[non_exhaustive]
    NoScheduledUnlink {
        /// The customer.
        customer: CustomerRef,
        /// The partner.
        partner: PartnerId,
        /// What was asked.
        action: AccountAction,
        /// The relationship's state.
        state: RelationshipStatus,
    },
    /// The account's billing type does not allow this (BILL-3, BILL-4, BILL-6).
    #[error("cannot {}: it is billed as {billing}, which does not allow this", action.describe(customer))]
    #[non_exhaustive]
    BillingForbids {
        /// The customer.
        customer: CustomerRef,
        /// What was asked.
        action: AccountAction,
        /// The billing type.
        billing: BillingType,
    },
    /// The partner created the account, so the customer cannot manage its
    /// subscriptions, billing or licences (BILL-7).
    #[error(
        "cannot {}: the partner created this account and manages its subscriptions, billing and licences on the customer's behalf",
        action.describe(customer)
    )]
    #[non_exhaustive]
    ManagedByPartner {
        /// The customer.
        customer: CustomerRef,
        /// What was asked.
        action: AccountAction,
    },
    /// Partner assistance is off for this customer (AST-1).
    #[error(
        "cannot launch the admin console of {customer}: partner assistance is disabled; the customer's admin can enable it"
    )]
    #[non_exhaustive]
    AssistanceDisabled {
        /// The customer.
        customer: CustomerRef,
    },
    /// The partner is not authorised to sell the offer (SUB-4).
    #[error(
        "cannot add a subscription for {customer}: the partner is not authorised to sell offer {offer}"
    )]
    #[non_exhaustive]
    OfferNotAuthorised {
        /// The customer.
        customer: CustomerRef,
        /// The offer.
        offer: crate::ids::OfferId,
    },
    /// The partner has no customer group of that name (CUST-3).
    #[error("cannot add {customer} to group {group}: the partner has no such group")]
    #[non_exhaustive]
    UnknownGroup {
        /// The customer.
        customer: CustomerRef,
        /// The group asked for.
        group: GroupId,
    },
    /// The display name is blank or too long (CUST-4), at creation, at
    /// import or on a rename. The message names the customer by its ID:
    /// at creation and import its name is the one refused.
    #[error(
        "cannot use the display name given for customer {}: a display name has 1 to {max} characters after trimming, not {chars}",
        customer.id
    )]
    #[non_exhaustive]
    InvalidName {
        /// The customer (at creation or import, with the name refused).
        customer: CustomerRef,
        /// The trimmed name's length in characters.
        chars: usize,
        /// The most allowed.
        max: u32,
    },
    /// The customer bought the licence directly from the vendor: the partner
    /// sees it but cannot manage it (BILL-6).
    #[error(
        "cannot {} licence {licence}: the customer bought it directly from the vendor, so only the customer can manage it",
        action.verb()
    )]
    #[non_exhaustive]
    DirectPurchase {
        /// The licence.
        licence: LicenceId,
        /// What was asked.
        action: LicenceAction,
    },
    /// Another partner bought the licence on the customer's behalf: only
    /// that partner manages it (SUB-1). The refusal does not name it.
    #[error(
        "cannot {} licence {licence}: another partner bought it on the customer's behalf, so only that partner can manage it",
        action.verb()
    )]
    #[non_exhaustive]
    OtherPartnersLicence {
        /// The licence.
        licence: LicenceId,
        /// What was asked.
        action: LicenceAction,
    },
    /// A monthly-usage account, or one whose monthly unlink is scheduled,
    /// is billed through one partner: no other partner can be invited or
    /// accepted (BILL-9).
    #[error(
        "cannot {}: it is billed monthly through one partner, so no other partner can be invited or accepted while it is monthly usage or its monthly unlink is scheduled",
        action.describe(customer)
    )]
    #[non_exhaustive]
    BillingPartnerTaken {
        /// The customer.
        customer: CustomerRef,
        /// What was asked.
        action: AccountAction,
    },
    /// Another partner has a live relationship with the customer, so the
    /// account cannot become monthly usage, which is billed through one
    /// partner (BILL-9).
    #[error(
        "cannot {}: another partner is invited or linked, and a monthly-usage account is billed through one partner",
        action.describe(customer)
    )]
    #[non_exhaustive]
    OtherPartnerLive {
        /// The customer.
        customer: CustomerRef,
        /// What was asked.
        action: AccountAction,
    },
    /// The actor lacks a right (AUTH-2).
    #[error("cannot {} licence {licence}: that needs {missing}, and it was asked by {actor}", action.verb())]
    #[non_exhaustive]
    MissingRight {
        /// The licence.
        licence: LicenceId,
        /// What was asked.
        action: LicenceAction,
        /// Who asked.
        actor: ActorKind,
        /// What they lacked.
        missing: Right,
    },
    /// A transfer request command that a transfer rule refuses (XFER-7 …
    /// XFER-10); no other partner is named.
    #[error("cannot {} transfer request {transfer}: {problem}", action.verb())]
    #[non_exhaustive]
    TransferRequest {
        /// The request.
        transfer: TransferId,
        /// What was asked.
        action: TransferAction,
        /// What stands in the way.
        problem: TransferProblem,
    },
    /// A GDAP command that a GDAP rule refuses (GDAP-1 … GDAP-7).
    #[error("cannot {} GDAP relationship {gdap}: {problem}", action.verb())]
    #[non_exhaustive]
    Gdap {
        /// The relationship.
        gdap: GdapId,
        /// What was asked.
        action: GdapAction,
        /// What stands in the way.
        problem: GdapProblem,
    },
}
