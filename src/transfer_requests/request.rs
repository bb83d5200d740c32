//! A transfer request as stored (XFER-7, XFER-8, XFER-9, XFER-10): its
//! partners, licences and state, the checks it passes when read, how a
//! change applies to it, and its expiry timer.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::command::TransferChange;
use crate::calendar::checked_add_days;
use crate::effect::{Timer, TimerKey};
use crate::error::Error;
use crate::ids::{CustomerId, LicenceId, PartnerId, TransferId};
use crate::instant;
use crate::policy::Policy;
use crate::rule::Rule;
use crate::vocabulary::TransferStatus;
use crate::wire::flat::flattened;
use crate::wire::tag::internally_tagged;

/// A transfer request's state, with its instant.
///
/// # Example
///
/// ```
/// use channel_licensing::transfer_requests::TransferState;
///
/// let state: TransferState = serde_json::from_str(r#"{"state": "pending", "created_at": "2026-06-01T00:00:00Z"}"#)?;
/// assert!(matches!(state, TransferState::Pending { .. }));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(tag = "state", deny_unknown_fields))]
pub enum TransferState {
    /// Waiting for the source partner's answer (XFER-7).
    Pending {
        /// When it was made: its window runs from here (XFER-8).
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        created_at: DateTime<Utc>,
    },
    /// Accepted (XFER-8).
    Accepted {
        /// When.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
    /// Rejected (XFER-8).
    Rejected {
        /// When.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
    /// Cancelled by the target (XFER-9).
    Cancelled {
        /// When.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
    /// Not answered in time (XFER-8).
    Expired {
        /// When.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
}

impl TransferState {
    /// The state without its data.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::transfer_requests::{TransferState, TransferStatus};
    ///
    /// let state = TransferState::Cancelled { at: "2026-06-01T00:00:00Z".parse()? };
    /// assert_eq!(state.status(), TransferStatus::Cancelled);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn status(&self) -> TransferStatus {
        match self {
            TransferState::Pending { .. } => TransferStatus::Pending,
            TransferState::Accepted { .. } => TransferStatus::Accepted,
            TransferState::Rejected { .. } => TransferStatus::Rejected,
            TransferState::Cancelled { .. } => TransferStatus::Cancelled,
            TransferState::Expired { .. } => TransferStatus::Expired,
        }
    }
}

/// A request by one partner (the target) for licences another partner (the
/// source) bought for the customer, held by the customer's
/// [`Account`](crate::Account).
///
/// # Read from JSON
///
/// A request loads only when a decision could have left it: at least one
/// licence, none twice, a source other than the target (XFER-7). The
/// account checks the rest: its ID is unique, and a pending request names
/// only licences the customer has, none named by another pending request
/// (XFER-10).
///
/// # Example
///
/// ```
/// use channel_licensing::transfer_requests::{TransferRequest, TransferState};
///
/// let json = r#"{"id": "t1", "from_partner": "acme", "to_partner": "beta", "licences": ["L-1"],
///     "state": "pending", "created_at": "2026-06-01T00:00:00Z"}"#;
/// let request: TransferRequest = channel_licensing::from_json(json)?;
/// assert_eq!(request.to_partner.as_str(), "beta");
/// assert!(matches!(request.state, TransferState::Pending { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", deny_unknown_fields)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct TransferRequest {
    /// Its ID, unique within the customer.
    pub id: TransferId,
    /// The source partner, which bought the licences.
    pub from_partner: PartnerId,
    /// The target partner, which asked for them.
    pub to_partner: PartnerId,
    /// The licences, each once.
    pub licences: Vec<LicenceId>,
    /// Its state.
    #[cfg_attr(feature = "schema", schemars(flatten))]
    pub state: TransferState,
}

impl TransferRequest {
    /// A pending request made at `created_at` (for tests and imports; a
    /// partner's request is the `create` transfer command).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::transfer_requests::TransferRequest;
    ///
    /// let request = TransferRequest::pending("t1", "acme", "beta", ["L-1"], "2026-06-01T00:00:00Z".parse()?);
    /// assert_eq!(request.licences.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pending<L: Into<LicenceId>>(
        id: impl Into<TransferId>,
        from_partner: impl Into<PartnerId>,
        to_partner: impl Into<PartnerId>,
        licences: impl IntoIterator<Item = L>,
        created_at: DateTime<Utc>,
    ) -> Self {
        TransferRequest {
            id: id.into(),
            from_partner: from_partner.into(),
            to_partner: to_partner.into(),
            licences: licences.into_iter().map(Into::into).collect(),
            state: TransferState::Pending { created_at },
        }
    }

    /// The request a [`TransferChange::Created`] at `at` makes.
    pub(crate) fn created(
        id: &TransferId,
        change: &TransferChange,
        at: DateTime<Utc>,
    ) -> Option<Self> {
        let TransferChange::Created {
            from_partner,
            to_partner,
            licences,
        } = change
        else {
            return None;
        };
        Some(TransferRequest {
            id: id.clone(),
            from_partner: from_partner.clone(),
            to_partner: to_partner.clone(),
            licences: licences.clone(),
            state: TransferState::Pending { created_at: at },
        })
    }

    /// Whether it is pending and names `licence` (XFER-10).
    pub(crate) fn holds(&self, licence: &LicenceId) -> bool {
        matches!(self.state, TransferState::Pending { .. }) && self.licences.contains(licence)
    }

    /// When it expires, while pending (XFER-8).
    pub(crate) fn expiry(&self, policy: &Policy) -> Option<DateTime<Utc>> {
        let TransferState::Pending { created_at } = self.state else {
            return None;
        };
        checked_add_days(created_at, policy.transfer_request_days())
    }

    /// The key of its expiry timer for `customer`.
    pub(crate) fn key(&self, customer: &CustomerId) -> TimerKey {
        TimerKey::TransferExpiry {
            customer: customer.clone(),
            transfer: self.id.clone(),
        }
    }

    /// Its expiry timer for `customer`, while pending (XFER-8).
    pub(crate) fn timer(&self, customer: &CustomerId, policy: &Policy) -> Option<Timer> {
        Some(Timer {
            key: self.key(customer),
            due: self.expiry(policy)?,
        })
    }

    /// The first load invariant it breaks, naming the field.
    pub(crate) fn check(&self) -> Result<(), Error> {
        let invalid = |field: String, problem: String| Error::InvalidState {
            field,
            problem,
            rule: Some(Rule::Xfer7),
        };
        if self.licences.is_empty() {
            return Err(invalid(
                "licences".into(),
                "a transfer request names at least one licence".into(),
            ));
        }
        for (index, licence) in self.licences.iter().enumerate() {
            if self.licences[..index].contains(licence) {
                return Err(invalid(
                    format!("licences[{index}]"),
                    format!("licence {licence} is named twice"),
                ));
            }
        }
        if self.from_partner == self.to_partner {
            return Err(invalid(
                "to_partner".into(),
                "a partner cannot transfer licences to itself".into(),
            ));
        }
        Ok(())
    }

    /// Applies a change a decision produced at `at`; one that does not fit
    /// its state leaves it unchanged.
    pub(crate) fn apply(&mut self, change: &TransferChange, at: DateTime<Utc>) {
        if !matches!(self.state, TransferState::Pending { .. }) {
            return;
        }
        self.state = match change {
            TransferChange::Accepted => TransferState::Accepted { at },
            TransferChange::Rejected => TransferState::Rejected { at },
            TransferChange::Cancelled => TransferState::Cancelled { at },
            TransferChange::Expired { at } => TransferState::Expired { at: *at },
            TransferChange::Created { .. } => return,
        };
    }

    /// A request as read: its load invariants ([`TransferRequest::check`]).
    fn loaded(self) -> Result<Self, Error> {
        self.check()?;
        Ok(self)
    }
}

internally_tagged!(TransferState, "state");
flattened!(TransferRequest, "state", then = TransferRequest::loaded);
