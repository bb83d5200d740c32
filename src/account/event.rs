//! Account events (POL-5: each records its instant and policy);
//! `Account::evolve` applies them.

use crate::wire::{Problem, Tag, event_readers, field_set, from_fields, req, variants};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::account::DisplayName;
use crate::ids::{EarlyAccessId, GroupId, OfferId};
use crate::instant;
use crate::policy::PolicyStamp;
use crate::{Account, BillingType};
use crate::{CustomerId, LicenceChange, LicenceId, PartnerId, Purchaser, Term};

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
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct AccountEvent {
    /// The customer.
    pub customer: CustomerId,
    /// The instant the decision was made at.
    #[serde(serialize_with = "instant::serialize")]
    pub decided_at: DateTime<Utc>,
    /// The policy it was made under.
    pub policy: PolicyStamp,
    /// What changed.
    #[serde(flatten)]
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
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
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
        #[serde(serialize_with = "instant::serialize")]
        unlink_at: DateTime<Utc>,
        /// MDR reports keep flowing until the next billing cycle.
        #[serde(serialize_with = "instant::serialize")]
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
        #[serde(serialize_with = "instant::serialize")]
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
        price: Option<crate::Money>,
    },
    /// Something happened to one of the account's licences.
    Licence {
        /// The licence.
        licence: LicenceId,
        /// What.
        change: LicenceChange,
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

field_set! {
    /// The fields of an [`AccountChange`] as they stand in JSON, beside its
    /// tag (`type`): on their own, or among an event's.
    struct ChangeFields {
        account: Box<Account>,
        // A billing type (`billing_changed`) or a name (`renamed`): both
        // strings, read as such and then as the tag says.
        from: String,
        to: String,
        programme: EarlyAccessId,
        partner: PartnerId,
        unlink_at: crate::instant::Instant,
        mdr_reports_until: crate::instant::Instant,
        at: crate::instant::Instant,
        enabled: bool,
        group: GroupId,
        licence: LicenceId,
        bought_by: Purchaser,
        offer: OfferId,
        seats: u32,
        term: Term,
        auto_renew: bool,
        price: Option<crate::Money>,
        change: LicenceChange,
    }
}

/// `value`, a string field `field` of the change, read as a `T`.
fn parse<T: serde::de::DeserializeOwned>(value: String, field: &str) -> Result<T, Problem> {
    use serde::de::IntoDeserializer;
    T::deserialize(IntoDeserializer::<serde::de::value::Error>::into_deserializer(value))
        .map_err(|e| Problem::Invalid(format!("`{field}`: {e}")))
}

impl ChangeFields {
    /// The change the tag names, taking the fields it has.
    fn take(&mut self, tag: Tag) -> Result<AccountChange, Problem> {
        Ok(variants!(tag, {
            "created" => from_fields!(self, AccountChange::Created { account }),
            "billing_changed" => AccountChange::BillingChanged {
                from: parse(req(&mut self.from, "from")?, "from")?,
                to: parse(req(&mut self.to, "to")?, "to")?,
            },
            "early_access_enrolled" => from_fields!(self, AccountChange::EarlyAccessEnrolled { programme }),
            "relationship_requested" => from_fields!(self, AccountChange::RelationshipRequested { partner }),
            "invitation_accepted" => from_fields!(self, AccountChange::InvitationAccepted { partner }),
            "invitation_declined" => from_fields!(self, AccountChange::InvitationDeclined { partner }),
            "unlink_scheduled" => from_fields!(self, AccountChange::UnlinkScheduled { partner, unlink_at, mdr_reports_until }),
            "scheduled_unlink_cancelled" => from_fields!(self, AccountChange::ScheduledUnlinkCancelled { partner }),
            "unlinked" => from_fields!(self, AccountChange::Unlinked { partner, at }),
            "console_launched" => from_fields!(self, AccountChange::ConsoleLaunched { partner }),
            "partner_assistance_changed" => from_fields!(self, AccountChange::PartnerAssistanceChanged { enabled }),
            "added_to_group" => from_fields!(self, AccountChange::AddedToGroup { partner, group }),
            "renamed" => AccountChange::Renamed {
                from: parse(req(&mut self.from, "from")?, "from")?,
                to: parse(req(&mut self.to, "to")?, "to")?,
            },
            "subscription_added" => from_fields!(self, AccountChange::SubscriptionAdded { licence, bought_by, offer, seats, term, auto_renew; price }),
            "licence" => from_fields!(self, AccountChange::Licence { licence, change }),
        }))
    }
}

event_readers!(
    AccountChange,
    "an account change",
    AccountEvent {
        customer: CustomerId
    },
    "an account event"
);
