//! The crate's error type.

use crate::calendar::TimeOutOfRange;
use crate::money::MoneyError;
use crate::policy::PolicyError;
use crate::refusal::Reason;
use crate::refusal::Refusal;
use crate::rule::Rule;

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
    /// A command names a licence the account does not have.
    #[error("the account has no licence {licence}")]
    #[non_exhaustive]
    UnknownLicence {
        /// The licence named.
        licence: crate::ids::LicenceId,
    },
    /// A command names a GDAP relationship the account does not have.
    #[error("the account has no GDAP relationship {gdap}")]
    #[non_exhaustive]
    UnknownGdap {
        /// The GDAP relationship named.
        gdap: crate::ids::GdapId,
    },
    /// A command names a transfer request the account does not have.
    #[error("the account has no transfer request {transfer}")]
    #[non_exhaustive]
    UnknownTransfer {
        /// The transfer request named.
        transfer: crate::ids::TransferId,
    },
    /// A stored account lists two licences with the same ID.
    #[error("the account lists licence {licence} twice")]
    #[non_exhaustive]
    DuplicateLicence {
        /// The licence.
        licence: crate::ids::LicenceId,
    },
    /// A stored account lists two relationships with the same partner.
    #[error("the account lists a relationship with partner {partner} twice")]
    #[non_exhaustive]
    DuplicateRelationship {
        /// The partner.
        partner: crate::ids::PartnerId,
    },
    /// Money arithmetic failed: amounts in two currencies, or a decimal
    /// overflow.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// An invalid policy.
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// A stored state that no decision could have produced: `field` (a path
    /// such as `licences[2].cancels_at`) breaks an invariant that the
    /// decisions rely on, under `rule` where one says so.
    #[error("{field}: {problem}{}", rule.map(|r| format!(" ({r})")).unwrap_or_default())]
    #[non_exhaustive]
    InvalidState {
        /// Where in the state, as a path.
        field: String,
        /// What is wrong with it.
        problem: String,
        /// The rule the invariant comes from, if one does.
        rule: Option<crate::rule::Rule>,
    },
}

impl Error {
    /// A name for the kind of error, stable on the wire: `refused`,
    /// `time_out_of_range`, `invalid_term`, `zero_seats`,
    /// `invalid_currency`, `unknown_licence`, `duplicate_licence`,
    /// `duplicate_relationship`, `currency_mismatch`, `amount_out_of_range`,
    /// `policy` or `invalid_state`.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::Error;
    ///
    /// assert_eq!(Error::ZeroSeats.kind(), "zero_seats");
    /// ```
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Refused(_) => "refused",
            Error::TimeOutOfRange => "time_out_of_range",
            Error::InvalidTerm => "invalid_term",
            Error::ZeroSeats => "zero_seats",
            Error::UnknownLicence { .. } => "unknown_licence",
            Error::UnknownGdap { .. } => "unknown_gdap",
            Error::UnknownTransfer { .. } => "unknown_transfer",
            Error::DuplicateLicence { .. } => "duplicate_licence",
            Error::DuplicateRelationship { .. } => "duplicate_relationship",
            Error::Money(error) => error.kind(),
            Error::Policy(_) => "policy",
            Error::InvalidState { .. } => "invalid_state",
        }
    }

    /// The rule the error comes from, where one does: a refusal's, or the
    /// invariant's of an invalid state.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Account, Actor, BillingType, Context, CreatedBy, Error, Licence};
    /// use channel_licensing::{NewAccount, Policy, Purchaser, Rule, Term};
    ///
    /// // An account whose licence names a partner it has no relationship with (SUB-1).
    /// let mut account = Account::new("rossi", "Rossi SpA", "eu", BillingType::Term, CreatedBy::Partner);
    /// let term = Term::new("2026-01-01T00:00:00Z".parse()?, "2027-01-01T00:00:00Z".parse()?)?;
    /// account.licences.push(Licence::active("L-1", "endpoint", 5, term, false, Purchaser::partner("beta"))?);
    /// let policy = Policy::standard();
    /// let ctx = Context::new("2026-03-01T00:00:00Z".parse()?, &Actor::Vendor, &policy);
    /// let import = NewAccount::Import { account: Box::new(account) };
    /// let error = Account::create(&import, &ctx).unwrap_err();
    /// assert_eq!(error.rule(), Some(Rule::Sub1));
    /// assert_eq!(Error::ZeroSeats.rule(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rule(&self) -> Option<crate::rule::Rule> {
        match self {
            Error::Refused(refusal) => Some(refusal.rule()),
            Error::InvalidState { rule, .. } => *rule,
            _ => None,
        }
    }

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

/// The error as an API response carries it: its [`kind`](Error::kind), its
/// `message` (the `Display`), its `rule` where one applies, and the
/// [`Refusal`] itself when it is one. Written only: an error is a result,
/// never an input.
///
/// # Example
///
/// ```
/// use channel_licensing::{Account, AccountCommand, Actor, BillingType, Context, LicenceCommand, Policy};
/// use channel_licensing::CreatedBy;
///
/// let account = Account::new("rossi", "Rossi SpA", "eu", BillingType::Term, CreatedBy::Partner);
/// let policy = Policy::standard();
/// let ctx = Context::new("2026-03-01T00:00:00Z".parse()?, &Actor::Vendor, &policy);
/// let remove = AccountCommand::Licence { licence: "L-9".into(), command: LicenceCommand::Remove };
/// let error = account.decide(&remove, &ctx).unwrap_err();
/// assert_eq!(serde_json::to_value(error)?, serde_json::json!({
///     "kind": "unknown_licence",
///     "message": "the account has no licence L-9",
/// }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let rule = self.rule();
        let refusal = self.refusal();
        let fields = 2 + usize::from(rule.is_some()) + usize::from(refusal.is_some());
        let mut out = serializer.serialize_struct("Error", fields)?;
        out.serialize_field("kind", self.kind())?;
        out.serialize_field("message", &self.to_string())?;
        if let Some(rule) = rule {
            out.serialize_field("rule", &rule)?;
        }
        if let Some(refusal) = refusal {
            out.serialize_field("refusal", refusal)?;
        }
        out.end()
    }
}

impl From<TimeOutOfRange> for Error {
    fn from(_: TimeOutOfRange) -> Self {
        Error::TimeOutOfRange
    }
}

/// The error of a refusal under `rule` for `reason`.
pub(crate) fn refuse(rule: Rule, reason: Reason) -> Error {
    Error::Refused(Refusal::new(rule, reason))
}
