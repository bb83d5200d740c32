//! The crate's error type.

use crate::{PolicyError, Refusal};

/// Everything that can go wrong, as a value: a business refusal, or input
/// the crate cannot work with.
///
/// `decide` returns [`Error::Refused`] for an expected "no"; the other
/// variants mean the input itself was unusable (an instant beyond chrono's
/// range, a term that ends before it starts, ...).
///
/// # Example
///
/// ```
/// use channel_licensing::{Error, Term};
/// use chrono::{DateTime, Utc};
///
/// let t: DateTime<Utc> = "2026-01-01T00:00:00Z".parse()?;
/// assert_eq!(Term::new(t, t), Err(Error::InvalidTerm));
/// assert_eq!(Error::InvalidTerm.to_string(), "a term must end after it starts");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A business rule refused the command.
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// An instant computed from the input lies outside the range chrono can
    /// represent (roughly ±262 000 years).
    #[error("an instant lies outside the representable range of dates")]
    TimeOutOfRange,
    /// A term that does not end after it starts.
    #[error("a term must end after it starts")]
    InvalidTerm,
    /// A licence with zero seats.
    #[error("a licence needs at least 1 seat")]
    ZeroSeats,
    /// A currency code that is not three upper-case ASCII letters.
    #[error("a currency code is three upper-case letters (ISO 4217)")]
    InvalidCurrency,
    /// A command names a licence the account does not have.
    #[error("the account has no licence {licence}")]
    UnknownLicence {
        /// The licence named.
        licence: crate::LicenceId,
    },
    /// A stored account lists two licences with the same ID.
    #[error("the account lists licence {licence} twice")]
    DuplicateLicence {
        /// The licence.
        licence: crate::LicenceId,
    },
    /// A stored account lists two relationships with the same partner.
    #[error("the account lists a relationship with partner {partner} twice")]
    DuplicateRelationship {
        /// The partner.
        partner: crate::PartnerId,
    },
    /// Amounts in two currencies were to be added (POL-4).
    #[error("cannot add an amount in {left} to one in {right}")]
    CurrencyMismatch {
        /// The first currency.
        left: crate::Currency,
        /// The second.
        right: crate::Currency,
    },
    /// A decimal computation overflowed.
    #[error("an amount lies outside the representable range")]
    AmountOutOfRange,
    /// An invalid policy.
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// A stored state that no decision could have produced: `field` (a path
    /// such as `licences[2].cancels_at`) breaks an invariant that the
    /// decisions rely on, under `rule` where one says so.
    #[error("{field}: {problem}{}", rule.map(|r| format!(" ({r})")).unwrap_or_default())]
    InvalidState {
        /// Where in the state, as a path.
        field: String,
        /// What is wrong with it.
        problem: String,
        /// The rule the invariant comes from, if one does.
        rule: Option<crate::Rule>,
    },
}

impl Error {
    /// The refusal, when this is one.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::Error;
    ///
    /// assert!(Error::TimeOutOfRange.refusal().is_none());
    /// ```
    #[must_use]
    pub fn refusal(&self) -> Option<&Refusal> {
        match self {
            Error::Refused(refusal) => Some(refusal),
            _ => None,
        }
    }
}
