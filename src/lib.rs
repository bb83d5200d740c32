//! Pure domain rules for the software that resellers and managed-service
//! partners use to run their customers' accounts: licence lifecycles,
//! billing types, partner relationships, subscriptions, moves between
//! partners, Microsoft's GDAP relationships and transfer requests, and
//! money.
//!
//! Every aggregate is a typed state machine. You pass in the current state,
//! a command, who acts and `now`; [`decide`](Account::decide) answers with a
//! [`Decision`] (events to apply, effects to persist and schedule) or a
//! [`Refusal`] that names the [`Rule`], the current state and, where one
//! exists, the earliest instant the action becomes possible. The crate does
//! no I/O, reads no clock and holds no global state: the same inputs give
//! the same output everywhere.
//!
//! # The loop: decide, evolve, outbox
//!
//! An MSP Flex partner unlinks a monthly-usage customer: it becomes a trial
//! now, and the unlink is scheduled for the first day of next month (REL-7).
//!
//! ```
//! use std::collections::BTreeMap;
//!
//! use channel_licensing::chrono::{DateTime, Utc};
//! use channel_licensing::{
//!     Account, AccountCommand, Actor, BillingType, Context, CreatedBy, PartnerUser, Policy,
//!     Programme, RelationshipState, TimerKey, UnlinkMode,
//! };
//!
//! let policy = Policy::standard();
//! let acme = Actor::Partner(PartnerUser::new("acme", "eu").with_programmes([Programme::MspFlex]));
//! let account = Account::new("rossi", "Rossi SpA", "eu", BillingType::MonthlyUsage, CreatedBy::Partner)
//!     .with_relationship("acme", RelationshipState::Linked);
//! let mut outbox: BTreeMap<TimerKey, DateTime<Utc>> = BTreeMap::new();
//!
//! // decide: the rules judge the command; nothing changes yet.
//! let now = "2026-06-15T10:00:00Z".parse()?;
//! let unlink = AccountCommand::Unlink { mode: UnlinkMode::Scheduled };
//! let decision = account.decide(&unlink, &Context::new(now, &acme, &policy))?;
//!
//! // evolve: fold the events into the state (or store them: event sourcing).
//! let account = decision.events().fold(account, Account::evolve);
//! assert_eq!(account.billing, BillingType::Trial);
//!
//! // apply_effects: schedule and cancel timers, in the same transaction as the state.
//! decision.apply_effects(&mut outbox)?;
//! assert_eq!(outbox.len(), 1);
//! assert_eq!(account.next_deadline(&policy), Some("2026-07-01T00:00:00Z".parse()?));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! When a timer is due, your scheduler hands it back as
//! [`AccountCommand::Deliver`], and the same loop runs again:
//! [`guide::outbox`] follows this customer to the unlink, and maps the
//! outbox onto SQLite and PostgreSQL.
//!
//! # Three promises
//!
//! - **Refusals are data**: [`Refusal::rule`], [`Refusal::earliest`],
//!   [`Refusal::reason`], and a `Display` sentence a support agent can
//!   paste to a partner.
//! - **The outbox stays exact**: after a decision's effects are applied,
//!   the outbox holds exactly the state's timers; a duplicate, stale or late
//!   delivery is a no-op, and a missed one never gives a wrong answer.
//! - **Nothing unknown is accepted, nothing panics**: an unknown field or a
//!   stored state no decision could have produced is an error ([`from_json`]
//!   says where), and nothing you can build or deserialize panics.
//!
//! # Features
//!
//! None is on by default; the library needs none of them.
//!
//! | Feature | What it adds | Pulls in |
//! |---|---|---|
//! | `testing` | [`testing::given`] (given / when / then), [`testing::World`], [`testing::PendingTimers`], [`testing::check_outbox`] | nothing |
//! | `proptest` | [`strategies`]: generators for property tests, valid by construction, and [`strategies::command_for`], biased toward acceptances | `proptest` |
//! | `scenario` | [`scenario::play`] (the scenario format as a library) and the `simulate` program | nothing more than `testing` |
//! | `schema` | `schemars::JsonSchema` for every wire type (the schemas under `schemas/`) | `schemars` |
//!
//! # Where to go next
//!
//! - [`Account`]: a customer account, its relationships and licences, and
//!   its [`AccountCommand`]s; [`Licence`]: one licence's lifecycle. Their
//!   less common types are in [`account`], [`licence`], [`actor`],
//!   [`effect`] and [`ids`].
//! - [`customers`]: what a partner sees of its customers (lists, details);
//!   [`transfers`]: plans for moving a customer to another partner;
//!   [`transfer_requests`]: asking another partner for its licences.
//! - [`gdap`]: a partner's time-limited admin roles in the customer's tenant.
//! - [`Policy`]: the numbers the rules run on, and the presets ([`policy`]
//!   has the builder and the phases);
//!   [`guide::policies`] gives their sources.
//! - [`Rule`]: the rule catalogue, each rule in full on its variant;
//!   [`guide::rules`] lists the families.
//! - [`guide::outbox`]: persisting decisions, and a database mapping.
//! - [`guide::scenarios`]: the stories under `examples/scenarios/`, and the
//!   what-if simulator ([`scenario`]).
//! - [`guide::testing_a_service`]: testing your service with [`testing`] and
//!   [`strategies`].
#![forbid(unsafe_code)]
// The front page and the guide link to the feature-gated modules; without
// those features the links have no target. `cargo doc --all-features` (CI,
// docs.rs) checks every link.
#![cfg_attr(
    not(all(feature = "testing", feature = "proptest", feature = "scenario")),
    allow(rustdoc::broken_intra_doc_links)
)]
#![deny(missing_docs)]
#![warn(clippy::pedantic)]
#![allow(clippy::module_name_repetitions, clippy::missing_errors_doc)]

pub mod account;
pub mod actor;
pub mod calendar;
pub mod customers;
mod decision;
pub mod effect;
mod error;
pub mod gdap;
pub mod guide;
pub mod ids;
mod instant;
pub mod licence;
pub mod money;
mod name;
mod outbox;
pub mod policy;
mod refusal;
pub mod rule;
#[cfg(feature = "scenario")]
pub mod scenario;
#[cfg(feature = "schema")]
mod schema;
#[cfg(feature = "proptest")]
pub mod strategies;
#[cfg(feature = "testing")]
pub mod testing;
pub mod transfer_requests;
pub mod transfers;
mod vocabulary;
pub(crate) mod wire;

// The core a user starts with; the rest lives in the public modules above.
pub use account::{
    Account, AccountChange, AccountCommand, AccountEvent, BillingType, CreatedBy, NewAccount,
    NewCustomer, Relationship, RelationshipState, RelationshipStatus, UnlinkMode,
};
pub use actor::{Actor, PartnerUser, Programme, Role};
pub use decision::{Context, Decision};
pub use effect::{Effect, Timer, TimerKey};
pub use error::Error;
pub use ids::{CustomerId, LicenceId, PartnerId};
pub use licence::{
    Licence, LicenceChange, LicenceCommand, LicenceEvent, LicenceState, LicenceStatus, Purchaser,
    Term,
};
pub use money::Money;
pub use outbox::Outbox;
pub use policy::Policy;
pub use refusal::{Reason, Refusal};
pub use rule::Rule;
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
/// use channel_licensing::Money;
/// use channel_licensing::calendar::first_instant_of_next_month;
/// use channel_licensing::money::Currency;
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
