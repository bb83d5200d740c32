//! The names that states, commands and refusals share (no rule of their
//! own): what was asked, the state found, and the kinds an account is
//! described by. They sit below the aggregates and the refusals, so that a
//! refusal can name them without importing the rules that refuse; the
//! `licence` and `account` modules re-export them.

mod account;
mod gdap;
mod licence;
mod transfer;

pub use account::{AccountAction, BillingType, CustomerRef, RelationshipStatus, UnlinkMode};
pub use gdap::{AdminRole, GdapAction, GdapProblem, GdapStatus};
pub use licence::{LicenceAction, LicenceStatus};
pub use transfer::{TransferAction, TransferProblem, TransferStatus};
