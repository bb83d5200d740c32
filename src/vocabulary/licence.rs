//! The words a licence's refusals use: what was asked of it
//! ([`LicenceAction`]) and the state it was found in ([`LicenceStatus`],
//! LIC-1), with the rule that says which states each action needs (LIC-4,
//! LIC-7, LIC-8, LIC-11, LIC-12, LIC-13).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::policy::PhaseName;
use crate::rule::Rule;
use crate::wire::tag::internally_tagged;

/// The kind of a `LicenceCommand`, as named in refusals.
///
/// # Example
///
/// ```
/// use channel_licensing::licence::LicenceAction;
///
/// assert_eq!(LicenceAction::ChangeSeats.verb(), "change the seats of");
/// assert_eq!(LicenceAction::ChangeSeats.needs(), "an active licence");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LicenceAction {
    /// `LicenceCommand::Reactivate`.
    Reactivate,
    /// `LicenceCommand::Suspend`.
    Suspend,
    /// `LicenceCommand::Resume`.
    Resume,
    /// `LicenceCommand::Cancel`.
    Cancel,
    /// `LicenceCommand::Revoke`.
    Revoke,
    /// `LicenceCommand::Remove`.
    Remove,
    /// `LicenceCommand::ChangeSeats`.
    ChangeSeats,
    /// `LicenceCommand::SetAutoRenew`.
    SetAutoRenew,
    /// `LicenceCommand::Deliver`.
    Deliver,
}

impl LicenceAction {
    /// The verb a refusal uses: "cannot *suspend* licence L-1".
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::licence::LicenceAction;
    /// assert_eq!(LicenceAction::SetAutoRenew.verb(), "switch auto-renew of");
    /// ```
    #[must_use]
    pub const fn verb(self) -> &'static str {
        match self {
            LicenceAction::Reactivate => "reactivate",
            LicenceAction::Suspend => "suspend",
            LicenceAction::Resume => "resume",
            LicenceAction::Cancel => "cancel",
            LicenceAction::Revoke => "revoke",
            LicenceAction::Remove => "remove",
            LicenceAction::ChangeSeats => "change the seats of",
            LicenceAction::SetAutoRenew => "switch auto-renew of",
            LicenceAction::Deliver => "deliver a timer to",
        }
    }

    /// The state the action needs.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::licence::LicenceAction;
    /// assert_eq!(LicenceAction::Resume.needs(), "a suspended licence");
    /// ```
    #[must_use]
    pub const fn needs(self) -> &'static str {
        match self {
            LicenceAction::Reactivate => "an expired licence",
            LicenceAction::Resume => "a suspended licence",
            LicenceAction::Cancel => "an active or suspended licence",
            LicenceAction::Suspend | LicenceAction::ChangeSeats | LicenceAction::SetAutoRenew => {
                "an active licence"
            }
            LicenceAction::Revoke | LicenceAction::Remove | LicenceAction::Deliver => {
                "a licence that is not in a final state"
            }
        }
    }

    /// The rule that says which states the action needs.
    pub(crate) fn state_rule(self) -> Rule {
        match self {
            LicenceAction::Reactivate => Rule::Lic4,
            LicenceAction::Suspend | LicenceAction::Resume => Rule::Lic7,
            LicenceAction::Cancel => Rule::Lic8,
            LicenceAction::ChangeSeats => Rule::Lic11,
            LicenceAction::SetAutoRenew => Rule::Lic12,
            LicenceAction::Revoke | LicenceAction::Remove | LicenceAction::Deliver => Rule::Lic13,
        }
    }
}

/// A licence's state at an instant, with the phase of an expired one: what
/// refusals name and what a customer list shows (LIC-1).
///
/// # Example
///
/// ```
/// use channel_licensing::LicenceStatus;
/// use channel_licensing::policy::PhaseName;
///
/// let status = LicenceStatus::Expired { phase: PhaseName::Grace };
/// assert_eq!(status.to_string(), "expired (grace)");
/// assert_eq!(serde_json::to_string(&status)?, r#"{"state":"expired","phase":"grace"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(tag = "state", deny_unknown_fields))]
pub enum LicenceStatus {
    /// A free trial.
    Trial,
    /// Active.
    Active,
    /// Suspended.
    Suspended,
    /// Expired, in a phase of the policy.
    Expired {
        /// The phase.
        phase: PhaseName,
    },
    /// Revoked.
    Revoked,
    /// Removed.
    Removed,
    /// Cancelled.
    Cancelled,
}

impl fmt::Display for LicenceStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LicenceStatus::Trial => f.write_str("a trial"),
            LicenceStatus::Active => f.write_str("active"),
            LicenceStatus::Suspended => f.write_str("suspended"),
            LicenceStatus::Expired { phase } => write!(f, "expired ({phase})"),
            LicenceStatus::Revoked => f.write_str("revoked"),
            LicenceStatus::Removed => f.write_str("removed"),
            LicenceStatus::Cancelled => f.write_str("cancelled"),
        }
    }
}

internally_tagged!(LicenceStatus, "state");
