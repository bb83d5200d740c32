//! GDAP relationships (GDAP-1 … GDAP-8: each rule's code is in `rules.rs`,
//! `timers.rs` or `relationship.rs`, BILL-8's use of them in
//! `account::billing`).
//!
//! Granular delegated admin privileges: a partner's time-limited admin
//! roles in the customer's tenant. A partner requests a relationship
//! ([`GdapCommand::Request`]), the customer's admin approves it, and it runs
//! for its duration; at its end it extends (auto-extend, GDAP-4) or
//! expires, after notices 30, 7 and 1 days before (GDAP-5). Expired,
//! rejected and terminated relationships are final (GDAP-7).
//!
//! The relationships live on the customer's [`Account`](crate::Account)
//! (`account.gdap`), and their commands are account commands
//! ([`AccountCommand::Gdap`](crate::AccountCommand::Gdap)), decided like
//! any other: timers and refusals included.

mod command;
mod relationship;
mod rules;
mod timers;

pub use crate::vocabulary::{AdminRole, GdapAction, GdapProblem, GdapStatus};
pub use command::{GdapChange, GdapCommand};
pub use relationship::{GdapRelationship, GdapState};
pub(crate) use rules::{GdapActor, request};
pub(crate) use timers::Slot;
