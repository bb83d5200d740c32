//! Commands on a licence and their kinds, as refusals name them (LIC-4,
//! LIC-7, LIC-8, LIC-11, LIC-12, LIC-13: the rule a wrong state breaks);
//! `step.rs` sends each to its family's file.

use serde::{Deserialize, Serialize};

use crate::effect::Timer;
use crate::vocabulary::LicenceAction;
use crate::wire::tag::internally_tagged;

/// A command on a licence.
///
/// # Example
///
/// ```
/// use channel_licensing::LicenceCommand;
///
/// let cmd: LicenceCommand = serde_json::from_str(r#"{"type":"change_seats","seats":30}"#)?;
/// assert_eq!(cmd, LicenceCommand::ChangeSeats { seats: 30 });
/// let cmd: LicenceCommand = serde_json::from_str(r#"{"type":"reactivate","term_days":365}"#)?;
/// assert_eq!(cmd, LicenceCommand::Reactivate { term_days: 365, auto_renew: false });
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(tag = "type", deny_unknown_fields))]
#[non_exhaustive]
pub enum LicenceCommand {
    /// Reactivate an expired licence for a new term starting now (LIC-3, LIC-4, LIC-5).
    Reactivate {
        /// The new term's length in days.
        term_days: u32,
        /// Whether the new term renews at its end.
        #[serde(default)]
        auto_renew: bool,
    },
    /// Suspend an active licence, starting its cancellation (LIC-7).
    Suspend,
    /// Resume a suspended licence before its cancellation takes effect (LIC-7).
    Resume,
    /// Cancel an active or suspended licence, without refund (LIC-8).
    Cancel,
    /// Revoke the licence; only the vendor may (LIC-9).
    Revoke,
    /// Remove the licence from the account (LIC-10).
    Remove,
    /// Change the seat count of an active licence (LIC-11).
    ChangeSeats {
        /// The new count, at least 1.
        seats: u32,
    },
    /// Switch auto-renew on or off on an active licence (LIC-12).
    SetAutoRenew {
        /// On or off.
        on: bool,
    },
    /// A scheduled timer is due (LIC-2, LIC-7, POL-3).
    ///
    /// Refused only when the timer is pending and `now` is before its due
    /// instant. A duplicate, replaced or already applied timer is stale and
    /// adds no change of its own; like every command, though, the decision
    /// first applies whatever *other* timer is due at `now` (a term end your
    /// scheduler has not delivered yet), so apply its events as usual rather
    /// than dropping a stale delivery's decision unread.
    Deliver(Timer),
}

impl LicenceCommand {
    /// What the command asks for, without its data.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::LicenceCommand;
    /// use channel_licensing::licence::LicenceAction;
    ///
    /// assert_eq!(LicenceCommand::Suspend.action(), LicenceAction::Suspend);
    /// ```
    #[must_use]
    pub fn action(&self) -> LicenceAction {
        match self {
            LicenceCommand::Reactivate { .. } => LicenceAction::Reactivate,
            LicenceCommand::Suspend => LicenceAction::Suspend,
            LicenceCommand::Resume => LicenceAction::Resume,
            LicenceCommand::Cancel => LicenceAction::Cancel,
            LicenceCommand::Revoke => LicenceAction::Revoke,
            LicenceCommand::Remove => LicenceAction::Remove,
            LicenceCommand::ChangeSeats { .. } => LicenceAction::ChangeSeats,
            LicenceCommand::SetAutoRenew { .. } => LicenceAction::SetAutoRenew,
            LicenceCommand::Deliver(_) => LicenceAction::Deliver,
        }
    }
}

internally_tagged!(LicenceCommand, "type");
