//! What can be asked of a transfer request ([`TransferCommand`], XFER-7,
//! XFER-8, XFER-9) and what changes in it ([`TransferChange`]).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{LicenceId, PartnerId};
use crate::instant;
use crate::vocabulary::TransferAction;
use crate::wire::tag::internally_tagged;

/// A command on one transfer request of the account, sent as
/// [`AccountCommand::TransferRequest`](crate::AccountCommand::TransferRequest)
/// with its ID.
///
/// # Example
///
/// ```
/// use channel_licensing::transfer_requests::TransferCommand;
///
/// let cmd: TransferCommand = serde_json::from_str(
///     r#"{"type": "create", "from_partner": "acme", "licences": ["L-1"]}"#)?;
/// assert_eq!(cmd, TransferCommand::Create { from_partner: "acme".into(), licences: vec!["L-1".into()] });
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(tag = "type", deny_unknown_fields))]
#[non_exhaustive]
pub enum TransferCommand {
    /// The acting partner (the target) asks `from_partner` for `licences`
    /// (XFER-7, XFER-10).
    Create {
        /// The source partner, which bought the licences.
        from_partner: PartnerId,
        /// The licences, at least one, each once.
        licences: Vec<LicenceId>,
    },
    /// The source partner accepts: the licences change owner (XFER-8).
    Accept,
    /// The source partner rejects (XFER-8).
    Reject,
    /// The target partner withdraws its request (XFER-9).
    Cancel,
}

impl TransferCommand {
    /// What the command asks for, without its data.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::transfer_requests::{TransferAction, TransferCommand};
    ///
    /// assert_eq!(TransferCommand::Accept.action(), TransferAction::Accept);
    /// ```
    #[must_use]
    pub fn action(&self) -> TransferAction {
        match self {
            TransferCommand::Create { .. } => TransferAction::Create,
            TransferCommand::Accept => TransferAction::Accept,
            TransferCommand::Reject => TransferAction::Reject,
            TransferCommand::Cancel => TransferAction::Cancel,
        }
    }
}

/// What changed in a transfer request, in
/// [`AccountChange::TransferRequest`](crate::AccountChange::TransferRequest).
///
/// # Example
///
/// ```
/// use channel_licensing::transfer_requests::TransferChange;
///
/// assert_eq!(serde_json::to_string(&TransferChange::Accepted)?, r#"{"type":"accepted"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(tag = "type", deny_unknown_fields))]
pub enum TransferChange {
    /// Created, pending (XFER-7).
    Created {
        /// The source partner.
        from_partner: PartnerId,
        /// The target partner, which asked.
        to_partner: PartnerId,
        /// The licences asked for.
        licences: Vec<LicenceId>,
    },
    /// Accepted: every named licence is now bought by the target (XFER-8).
    Accepted,
    /// Rejected (XFER-8).
    Rejected,
    /// Cancelled by the target (XFER-9).
    Cancelled,
    /// Not answered within its window (XFER-8).
    Expired {
        /// When.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
}

internally_tagged!(TransferCommand, "type");
internally_tagged!(TransferChange, "type");
