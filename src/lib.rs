#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(clippy::pedantic)]
#![allow(clippy::module_name_repetitions, clippy::missing_errors_doc)]

mod account;
mod actor;
mod calendar;
mod customers;
mod decision;
mod effect;
mod error;
mod ids;
mod instant;
mod licence;
mod money;
mod outbox;
mod policy;
mod refusal;
mod rule;
#[cfg(feature = "scenario")]
pub mod scenario;
#[cfg(feature = "schema")]
mod schema;
#[cfg(feature = "proptest")]
pub mod strategies;
#[cfg(feature = "testing")]
pub mod testing;
mod transfers;
pub(crate) mod wire;

pub use account::{
    Account, AccountAction, AccountChange, AccountCommand, AccountEvent, BillingType, Contact,
    CreatedBy, CreditContact, CustomerRef, DisplayName, GroupMembership, NewAccount, NewCustomer,
    Relationship, RelationshipState, RelationshipStatus, UnlinkMode, credit_contact,
    default_partner_assistance,
};
pub use actor::{Actor, ActorKind, PartnerUser, Programme, Programmes, Right, Role, Roles};
pub use calendar::first_instant_of_next_month;
pub use customers::{
    ContactView, CustomerQuery, CustomerRow, DetailsView, LicenceRow, contact_details,
    customer_details, customer_list, name_matches,
};
pub use decision::{Context, Decision};
pub use effect::{Effect, NameTarget, ReminderTarget, Timer, TimerKey};
pub use error::Error;
pub use ids::{
    CustomerId, EarlyAccessId, GroupId, LicenceId, MAX_ID_BYTES, OfferId, PartnerId, RegionId,
};
pub use licence::{
    CancelledBy, Licence, LicenceAction, LicenceChange, LicenceCommand, LicenceEvent, LicenceState,
    LicenceStatus, Purchaser, SeatBatch, SeatBatches, Term,
};
pub use money::{Currency, Money};
pub use outbox::Outbox;
pub use policy::{
    Allowance, Allowances, Fingerprint, Phase, PhaseAt, PhaseName, Policy, PolicyBuilder,
    PolicyError, PolicyName, PolicyStamp,
};
pub use refusal::{Reason, Refusal};
pub use rule::{Rule, UnknownRule};
pub use transfers::{
    CustomerStep, EarlyCancellation, OfferChange, SubscriptionMove, TransferImpact,
    TransferOptions, TransferPlan, TransferStrategy, transfer_impact, transfer_plan,
};
pub use wire::{JsonError, from_json};

// The crates whose types the API takes and returns, so that a service uses
// exactly the versions the crate was built with.
/// The date and time crate of every instant the API takes and returns
/// (`DateTime<Utc>`), re-exported so that a service needs no matching
/// version of its own: `channel_licensing::chrono::{DateTime, Utc}`.
///
/// ```
/// use channel_licensing::chrono::{DateTime, Utc};
/// use channel_licensing::chrono_tz::Europe::Rome;
/// use channel_licensing::rust_decimal::Decimal;
/// use channel_licensing::{first_instant_of_next_month, Currency, Money};
///
/// let now: DateTime<Utc> = "2026-03-15T10:00:00Z".parse()?;
/// assert_eq!(first_instant_of_next_month(now, Rome)?.to_string(), "2026-03-31 22:00:00 UTC");
/// let price = Money::new(Decimal::new(29315, 2), "EUR".parse::<Currency>()?);
/// assert_eq!(price.to_string(), "293.15 EUR");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub use chrono;
/// The time zone database of [`Policy::calendar`] (`chrono_tz::Tz`),
/// re-exported: `channel_licensing::chrono_tz::Europe::Rome`.
pub use chrono_tz;
/// The decimal type of [`Money`] amounts (`rust_decimal::Decimal`),
/// re-exported: `channel_licensing::rust_decimal::Decimal`.
pub use rust_decimal;
