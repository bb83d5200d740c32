//! A licence's persisted parts (LIC-1): its term, its state and status, who
//! bought it (SUB-1, BILL-6) and what cancelled it (LIC-7, LIC-8).

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::add_days;
use crate::error::Error;
use crate::ids::PartnerId;
use crate::instant;
use crate::wire::checked;
use crate::wire::tag::internally_tagged;

/// A paid or trial term: the half-open interval `[starts, ends)`.
///
/// # Example
///
/// ```
/// use channel_licensing::Term;
/// use chrono::{DateTime, TimeDelta, Utc};
///
/// let starts: DateTime<Utc> = "2026-01-01T00:00:00Z".parse()?;
/// let term = Term::of_days(starts, 365)?;
/// assert_eq!(term.ends, "2027-01-01T00:00:00Z".parse::<DateTime<Utc>>()?);
/// assert_eq!(term.length(), TimeDelta::days(365));
/// assert!(term.contains(starts) && !term.contains(term.ends));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", deny_unknown_fields)]
#[non_exhaustive]
pub struct Term {
    /// The first instant of the term.
    #[serde(with = "instant")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub starts: DateTime<Utc>,
    /// The first instant after the term.
    #[serde(with = "instant")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub ends: DateTime<Utc>,
}

impl Term {
    /// The term `[starts, ends)`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidTerm`] unless `ends` is after `starts`.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Error, Term};
    /// use chrono::{DateTime, Utc};
    ///
    /// let a: DateTime<Utc> = "2026-01-01T00:00:00Z".parse()?;
    /// let b: DateTime<Utc> = "2026-02-01T00:00:00Z".parse()?;
    /// assert!(Term::new(a, b).is_ok());
    /// assert_eq!(Term::new(b, a), Err(Error::InvalidTerm));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(starts: DateTime<Utc>, ends: DateTime<Utc>) -> Result<Term, Error> {
        if ends > starts {
            Ok(Term { starts, ends })
        } else {
            Err(Error::InvalidTerm)
        }
    }

    /// The term of `days × 24 h` from `starts`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidTerm`] for zero days; [`Error::TimeOutOfRange`] when
    /// the end lies beyond chrono's range.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Error, Term};
    /// use chrono::{DateTime, Utc};
    ///
    /// let starts: DateTime<Utc> = "2026-01-01T00:00:00Z".parse()?;
    /// assert_eq!(Term::of_days(starts, 0), Err(Error::InvalidTerm));
    /// assert_eq!(Term::of_days(DateTime::<Utc>::MAX_UTC, 1), Err(Error::TimeOutOfRange));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of_days(starts: DateTime<Utc>, days: u32) -> Result<Term, Error> {
        if days == 0 {
            return Err(Error::InvalidTerm);
        }
        Term::new(starts, add_days(starts, days)?)
    }

    /// `ends - starts`.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::Term;
    /// use chrono::{DateTime, TimeDelta, Utc};
    ///
    /// let starts: DateTime<Utc> = "2028-01-01T00:00:00Z".parse()?;
    /// assert_eq!(Term::of_days(starts, 366)?.length(), TimeDelta::days(366));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn length(&self) -> TimeDelta {
        self.ends.signed_duration_since(self.starts)
    }

    /// Whether `t` lies in `[starts, ends)`.
    ///
    /// # Example
    ///
    /// See [`Term`].
    ///
    /// ```
    /// use channel_licensing::Term;
    /// use chrono::{DateTime, Utc};
    ///
    /// let term = Term::of_days("2026-01-01T00:00:00Z".parse()?, 1)?;
    /// assert!(!term.contains(term.ends));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        self.starts <= t && t < self.ends
    }

    /// The next term of the same length that contains `now` (LIC-2), and how
    /// many renewals it took to reach it (at least one). Exact to the
    /// nanosecond, whatever the term's length.
    pub(super) fn renewed_to(&self, now: DateTime<Utc>) -> Result<(Term, u64), Error> {
        let length = nanos(self.length());
        if length <= 0 {
            return Err(Error::InvalidTerm);
        }
        let overdue = nanos(now.signed_duration_since(self.ends)).max(0);
        let renewals = overdue / length + 1;
        let shift = renewals
            .checked_mul(length)
            .and_then(|shift| {
                let secs = i64::try_from(shift.div_euclid(1_000_000_000)).ok()?;
                let subsec = u32::try_from(shift.rem_euclid(1_000_000_000)).ok()?;
                TimeDelta::new(secs, subsec)
            })
            .ok_or(Error::TimeOutOfRange)?;
        let ends = self
            .ends
            .checked_add_signed(shift)
            .ok_or(Error::TimeOutOfRange)?;
        let starts = ends
            .checked_sub_signed(self.length())
            .ok_or(Error::TimeOutOfRange)?;
        let renewals = u64::try_from(renewals).map_err(|_| Error::TimeOutOfRange)?;
        Ok((Term { starts, ends }, renewals))
    }
}

/// A span in nanoseconds, exactly (an `i128` holds chrono's whole range).
fn nanos(span: TimeDelta) -> i128 {
    i128::from(span.num_seconds()) * 1_000_000_000 + i128::from(span.subsec_nanos())
}

// A term read ends after it starts.
checked!(Term, |term: Term| Term::new(term.starts, term.ends));

/// Who bought a licence, and so who manages it (SUB-1, BILL-6): a partner,
/// on the customer's behalf, or the customer itself, directly from the
/// vendor. Every licence names one; nothing assigns a licence to a partner
/// by default.
///
/// Serialized as `{"partner": "acme"}` or `"customer"`, a shape no ID can be
/// mistaken for.
///
/// # Example
///
/// ```
/// use channel_licensing::Purchaser;
///
/// let acme = Purchaser::partner("acme");
/// assert_eq!(serde_json::to_string(&acme)?, r#"{"partner":"acme"}"#);
/// assert_eq!(serde_json::to_string(&Purchaser::Customer)?, r#""customer""#);
/// assert_eq!(acme.to_string(), "partner acme");
/// assert!(acme.is_partner(&"acme".into()));
/// assert!(!Purchaser::Customer.is_partner(&"acme".into()));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Purchaser {
    /// A partner bought it on the customer's behalf; only that partner
    /// manages it (SUB-1).
    Partner(PartnerId),
    /// The customer bought it directly from the vendor (BILL-6).
    Customer,
}

impl Purchaser {
    /// Bought by `partner`.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::Purchaser;
    ///
    /// assert_eq!(Purchaser::partner("acme"), Purchaser::Partner("acme".into()));
    /// ```
    #[must_use]
    pub fn partner(partner: impl Into<PartnerId>) -> Self {
        Purchaser::Partner(partner.into())
    }

    /// Whether `partner` bought it.
    ///
    /// # Example
    ///
    /// See [`Purchaser`].
    ///
    /// ```
    /// use channel_licensing::Purchaser;
    ///
    /// assert!(!Purchaser::partner("acme").is_partner(&"beta".into()));
    /// ```
    #[must_use]
    pub fn is_partner(&self, partner: &PartnerId) -> bool {
        matches!(self, Purchaser::Partner(owner) if owner == partner)
    }
}

impl fmt::Display for Purchaser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Purchaser::Partner(partner) => write!(f, "partner {partner}"),
            Purchaser::Customer => f.write_str("the customer"),
        }
    }
}

/// What ended a cancelled licence (LIC-7, LIC-8).
///
/// # Example
///
/// ```
/// use channel_licensing::licence::CancelledBy;
///
/// assert_eq!(serde_json::to_string(&CancelledBy::Suspension)?, r#""suspension""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CancelledBy {
    /// A cancel command.
    Request,
    /// The cancellation that a suspension started took effect.
    Suspension,
}

/// A licence's persisted state (LIC-1). Each variant owns the data that
/// only it has. Expired licences also have a *phase*, derived from `now`
/// and the policy ([`Licence::status`](crate::Licence::status)).
///
/// # Example
///
/// ```
/// use channel_licensing::LicenceState;
///
/// let state: LicenceState = serde_json::from_str(r#"{"state":"expired","at":"2026-01-10T00:00:00Z"}"#)?;
/// assert_eq!(state, LicenceState::Expired { at: "2026-01-10T00:00:00Z".parse()? });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(tag = "state", deny_unknown_fields))]
pub enum LicenceState {
    /// A free trial.
    Trial {
        /// The trial's term.
        term: Term,
    },
    /// A running paid term.
    Active {
        /// The current term.
        term: Term,
        /// Whether it renews at its end (LIC-2, LIC-12).
        auto_renew: bool,
    },
    /// Suspended; the cancellation it started takes effect at `cancels_at` (LIC-7).
    Suspended {
        /// The term that was running.
        term: Term,
        /// Whether it renewed at its end.
        auto_renew: bool,
        /// When it was suspended.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        since: DateTime<Utc>,
        /// When the cancellation takes effect.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        cancels_at: DateTime<Utc>,
    },
    /// Expired at `at` (LIC-2).
    Expired {
        /// The expiry instant.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
    /// Revoked by the vendor (LIC-9).
    Revoked {
        /// When.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
    /// Removed from the account by the partner (LIC-10).
    Removed {
        /// When.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
    /// Cancelled, without refund (LIC-8).
    Cancelled {
        /// When it took effect.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
        /// What cancelled it.
        by: CancelledBy,
    },
}

internally_tagged!(LicenceState, "state");
/// A partner purchaser as stored: `{"partner": ID}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartnerPurchaser {
    partner: PartnerId,
}

/// Reads a [`Purchaser`].
struct PurchaserVisitor;

impl<'de> serde::de::Visitor<'de> for PurchaserVisitor {
    type Value = Purchaser;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(r#""customer" or {"partner": ID}"#)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Purchaser, E> {
        match v {
            "customer" => Ok(Purchaser::Customer),
            "partner" => Err(E::custom(
                r#"a partner purchaser names the partner: {"partner": ID}"#,
            )),
            _ => Err(E::unknown_variant(v, &["customer", "partner"])),
        }
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Purchaser, A::Error> {
        let purchaser =
            PartnerPurchaser::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        Ok(Purchaser::Partner(purchaser.partner))
    }
}

/// `"customer"`, or `{"partner": ID}` and no other key.
impl<'de> Deserialize<'de> for Purchaser {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(PurchaserVisitor)
    }
}
