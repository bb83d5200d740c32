//! The words a transfer request's refusals use (XFER-7, XFER-8, XFER-9,
//! XFER-10): what was asked of it ([`TransferAction`]), its state
//! ([`TransferStatus`]) and what stood in the way ([`TransferProblem`]).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::LicenceId;
use crate::wire::tag::internally_tagged;

/// The kind of a transfer request command, as named in refusals.
///
/// # Example
///
/// ```
/// use channel_licensing::transfer_requests::TransferAction;
///
/// assert_eq!(TransferAction::Accept.verb(), "accept");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TransferAction {
    /// `TransferCommand::Create`.
    Create,
    /// `TransferCommand::Accept`.
    Accept,
    /// `TransferCommand::Reject`.
    Reject,
    /// `TransferCommand::Cancel`.
    Cancel,
}

impl TransferAction {
    /// The verb a refusal uses: "cannot *accept* transfer request t1".
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::transfer_requests::TransferAction;
    /// assert_eq!(TransferAction::Create.verb(), "create");
    /// ```
    #[must_use]
    pub const fn verb(self) -> &'static str {
        match self {
            TransferAction::Create => "create",
            TransferAction::Accept => "accept",
            TransferAction::Reject => "reject",
            TransferAction::Cancel => "cancel",
        }
    }
}

/// A transfer request's state, without its data.
///
/// # Example
///
/// ```
/// use channel_licensing::transfer_requests::TransferStatus;
///
/// assert_eq!(TransferStatus::Pending.to_string(), "pending");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TransferStatus {
    /// Waiting for the source partner's answer (XFER-7).
    Pending,
    /// Accepted: the licences moved (XFER-8).
    Accepted,
    /// Rejected by the source partner (XFER-8).
    Rejected,
    /// Cancelled by the partner that made it (XFER-9).
    Cancelled,
    /// Not answered in time (XFER-8).
    Expired,
}

impl fmt::Display for TransferStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransferStatus::Pending => "pending",
            TransferStatus::Accepted => "accepted",
            TransferStatus::Rejected => "rejected",
            TransferStatus::Cancelled => "cancelled",
            TransferStatus::Expired => "expired",
        })
    }
}

/// What stands in the way of a transfer request command, in a
/// [`Reason::TransferRequest`](crate::Reason::TransferRequest) refusal. It
/// never names another partner.
///
/// # Example
///
/// ```
/// use channel_licensing::transfer_requests::TransferProblem;
///
/// let problem = TransferProblem::AlreadyRequested { licence: "L-1".into() };
/// assert_eq!(problem.to_string(), "licence L-1 is already named by a pending request");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(tag = "type", deny_unknown_fields))]
#[non_exhaustive]
pub enum TransferProblem {
    /// The customer already has a request with this ID (XFER-7).
    IdTaken,
    /// The source is the partner asking (XFER-7).
    ToItself,
    /// No licence named (XFER-7).
    NoLicence,
    /// A licence named twice (XFER-7).
    LicenceTwice {
        /// The licence.
        licence: LicenceId,
    },
    /// A licence the customer does not have (XFER-7).
    UnknownLicence {
        /// The licence.
        licence: LicenceId,
    },
    /// A licence that is not active, or not bought by the source partner
    /// (XFER-7 at creation, XFER-8 at acceptance).
    NotTransferable {
        /// The licence.
        licence: LicenceId,
    },
    /// A licence another pending request names (XFER-10).
    AlreadyRequested {
        /// The licence.
        licence: LicenceId,
    },
    /// Only the source partner accepts or rejects (XFER-8).
    NotSource,
    /// Only the partner that made the request cancels it (XFER-9).
    NotTarget,
    /// Not answered within its window (XFER-8).
    Expired,
    /// Accepted, rejected or cancelled (XFER-9).
    Final {
        /// The state.
        state: TransferStatus,
    },
}

impl fmt::Display for TransferProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransferProblem::IdTaken => {
                f.write_str("this customer already has a request with that ID")
            }
            TransferProblem::ToItself => {
                f.write_str("a partner cannot transfer licences to itself")
            }
            TransferProblem::NoLicence => f.write_str("it names no licence"),
            TransferProblem::LicenceTwice { licence } => {
                write!(f, "it names licence {licence} twice")
            }
            TransferProblem::UnknownLicence { licence } => {
                write!(f, "the customer has no licence {licence}")
            }
            TransferProblem::NotTransferable { licence } => write!(
                f,
                "licence {licence} is not active, or not bought by the partner asked to give it up"
            ),
            TransferProblem::AlreadyRequested { licence } => {
                write!(f, "licence {licence} is already named by a pending request")
            }
            TransferProblem::NotSource => {
                f.write_str("only the partner asked to give the licences up answers it")
            }
            TransferProblem::NotTarget => f.write_str("only the partner that made it cancels it"),
            TransferProblem::Expired => {
                f.write_str("it expired without an answer; a new request is needed")
            }
            TransferProblem::Final { state } => write!(f, "it is {state}, a final state"),
        }
    }
}

internally_tagged!(TransferProblem, "type");
