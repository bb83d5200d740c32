//! Account events (POL-5: each records its instant and policy);
//! `Account::evolve` applies them.

use crate::wire::flat::flattened;
use crate::wire::tag::internally_tagged;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Account;
use crate::gdap::GdapChange;
use crate::ids::{CustomerId, LicenceId, PartnerId};
use crate::ids::{EarlyAccessId, GroupId, OfferId};
use crate::ids::{GdapId, TransferId};
use crate::instant;
use crate::licence::{LicenceChange, Purchaser, Term};
use crate::name::DisplayName;
use crate::policy::PolicyStamp;
use crate::transfer_requests::TransferChange;
use crate::vocabulary::BillingType;

/// Something that happened to a customer account: the event envelope, with
/// when it was decided and the policy it was decided under (POL-5).
///
/// # Example
///
/// ```
/// use channel_licensing::{AccountChange, AccountEvent};
///
/// let event: AccountEvent = serde_json::from_str(r#"{
///     "customer": "rossi", "decided_at": "2026-03-01T00:00:00Z",
///     "policy": {"name": "standard", "version": 1},
///     "type": "console_launched", "partner": "acme"
/// }"#)?;
/// assert_eq!(event.change, AccountChange::ConsoleLaunched { partner: "acme".into() });
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct AccountEvent {
    /// The customer.
    pub customer: CustomerId,
    /// The instant the decision was made at.
    #[serde(with = "instant")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub decided_at: DateTime<Utc>,
    /// The policy it was made under.
    pub policy: PolicyStamp,
    /// What changed.
    #[cfg_attr(feature = "schema", schemars(flatten))]
    pub change: AccountChange,
}

/// What changed in a customer account.
///
/// # Example
///
/// ```
/// use channel_licensing::{AccountChange, BillingType};
///
/// let change = AccountChange::BillingChanged { from: BillingType::MonthlyUsage, to: BillingType::Trial };
/// assert_eq!(serde_json::to_string(&change)?,
///            r#"{"type":"billing_changed","from":"monthly_usage","to":"trial"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(tag = "type", deny_unknown_fields))]
pub enum AccountChange {
    /// The account was created, as it now stands.
    Created {
        /// The new account.
        account: Box<Account>,
    },
    /// The billing type changed (BILL-3, REL-7, REL-8).
    BillingChanged {
        /// The old type.
        from: BillingType,
        /// The new type.
        to: BillingType,
    },
    /// Enrolled in an early-access programme (BILL-4).
    EarlyAccessEnrolled {
        /// The programme.
        programme: EarlyAccessId,
    },
    /// A partner asked for a reseller relationship (REL-2).
    RelationshipRequested {
        /// The partner.
        partner: PartnerId,
    },
    /// The customer accepted the invitation (REL-3).
    InvitationAccepted {
        /// The partner.
        partner: PartnerId,
    },
    /// The customer declined the invitation (REL-3).
    InvitationDeclined {
        /// The partner.
        partner: PartnerId,
    },
    /// A monthly-usage unlink was scheduled (REL-7).
    UnlinkScheduled {
        /// The partner.
        partner: PartnerId,
        /// When it takes effect: the first instant of next month.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        unlink_at: DateTime<Utc>,
        /// MDR reports keep flowing until the next billing cycle.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        mdr_reports_until: DateTime<Utc>,
    },
    /// A scheduled unlink was deleted before its date (REL-8).
    ScheduledUnlinkCancelled {
        /// The partner.
        partner: PartnerId,
    },
    /// The partner was unlinked (REL-6, REL-9).
    Unlinked {
        /// The partner.
        partner: PartnerId,
        /// When.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
    /// The partner opened the customer's admin console (AST-1).
    ConsoleLaunched {
        /// The partner.
        partner: PartnerId,
    },
    /// Partner assistance was switched (AST-2, AST-3).
    PartnerAssistanceChanged {
        /// On or off.
        enabled: bool,
    },
    /// The customer was added to a partner's group (CUST-3).
    AddedToGroup {
        /// The partner.
        partner: PartnerId,
        /// The group.
        group: GroupId,
    },
    /// The display name changed (CUST-4).
    Renamed {
        /// The old name.
        from: DisplayName,
        /// The new name.
        to: DisplayName,
    },
    /// A subscription was added (SUB-4): an active licence bought by the
    /// acting partner (SUB-1), its term starting at the event's instant. The
    /// fields are the licence's (see [`Licence::active`](crate::Licence::active)), so the event
    /// stays small.
    SubscriptionAdded {
        /// The new licence's ID.
        licence: LicenceId,
        /// Who bought it: the partner that added it.
        bought_by: Purchaser,
        /// Its offer.
        offer: OfferId,
        /// Its seats.
        seats: u32,
        /// Its first term.
        term: Term,
        /// Whether it renews at the term end.
        auto_renew: bool,
        /// Its price per term, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        price: Option<crate::money::Money>,
    },
    /// Something happened to one of the account's licences.
    Licence {
        /// The licence.
        licence: LicenceId,
        /// What.
        change: LicenceChange,
    },
    /// Something happened to one of the account's transfer requests (XFER-7
    /// … XFER-9); on acceptance its licences changed owner.
    TransferRequest {
        /// The request.
        transfer: TransferId,
        /// What.
        change: TransferChange,
    },
    /// Something happened to one of the account's GDAP relationships
    /// (GDAP-1 … GDAP-7).
    Gdap {
        /// The GDAP relationship.
        gdap: GdapId,
        /// What.
        change: GdapChange,
    },
}

impl crate::licence::FromLicence for AccountChange {
    fn from_licence(licence: &LicenceId, change: LicenceChange) -> Self {
        AccountChange::Licence {
            licence: licence.clone(),
            change,
        }
    }
}

internally_tagged!(AccountChange, "type");
flattened!(AccountEvent, "change");
