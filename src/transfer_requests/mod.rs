//! Transfer requests between partners (XFER-7, XFER-8, XFER-9, XFER-10:
//! the rules in `rules.rs`, the stored form, its checks and its expiry
//! timer in `request.rs`).
//!
//! The new-commerce way to move subscriptions between partners: the
//! *target* partner asks for some of the customer's licences
//! ([`TransferCommand::Create`]), the *source* partner that bought them
//! accepts within 30 days (policy data), and on acceptance each named
//! licence changes owner (`bought_by`) and keeps everything else: state,
//! term, seats, price, auto-renew and timers. Requests live on the
//! customer's [`Account`](crate::Account) (`account.transfer_requests`);
//! their commands are account commands
//! ([`AccountCommand::TransferRequest`](crate::AccountCommand::TransferRequest)).
//! Transfer *plans* (the older cancel-and-expire method) are in
//! [`transfers`](crate::transfers).

mod command;
mod request;
mod rules;

pub use crate::vocabulary::{TransferAction, TransferProblem, TransferStatus};
pub use command::{TransferChange, TransferCommand};
pub use request::{TransferRequest, TransferState};
pub(crate) use rules::create;
