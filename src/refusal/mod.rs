//! Refusals: expected business "no"s, returned as data.

mod phrase;
mod reason;
mod wire;

pub use reason::Reason;

pub(crate) use wire::RefusalRecord;

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::rule::Rule;
use phrase::Instant;

/// A business "no": which rule refused, why, and where one exists, the
/// earliest instant at which the action becomes possible.
///
/// Its `Display` is a sentence a support agent can paste to a partner. A
/// refusal never allocates: everything it holds is copied or shared.
///
/// # Example
///
/// ```
/// use channel_licensing::{Actor, Context, Error, Licence, LicenceCommand, LicenceState, Policy, Purchaser, Rule};
/// use chrono::{DateTime, Utc};
///
/// let policy = Policy::standard();
/// let licence = Licence::new("L-1", "endpoint", 10, LicenceState::Expired { at: "2026-01-10T00:00:00Z".parse()? }, Purchaser::partner("acme"))?;
/// let now: DateTime<Utc> = "2026-03-11T00:00:00Z".parse()?;
/// let ctx = Context::new(now, &Actor::Vendor, &policy);
///
/// let command = LicenceCommand::Reactivate { term_days: 365, auto_renew: false };
/// let Err(Error::Refused(refusal)) = licence.decide(&"rossi".into(), &command, &ctx) else {
///     panic!("the 60-day reactivation window has closed");
/// };
/// assert_eq!(refusal.rule(), Rule::Lic5);
/// assert_eq!(refusal.earliest(), None);
/// assert_eq!(
///     refusal.to_string(),
///     "cannot reactivate licence L-1: its reactivation window closed on 2026-03-11T00:00:00Z; \
///      a new licence must be bought (LIC-5)"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// On the wire it also carries its `message`, the sentence of its
/// `Display`, for an API response or a support tool that shows it as it
/// is; the message is recomputed from the reason when a refusal is read
/// back (a stored one may lack it), so a round trip is identical.
///
/// ```
/// # use channel_licensing::{Actor, Context, Error, Licence, LicenceCommand, LicenceState, Policy, Purchaser, Refusal};
/// # let policy = Policy::standard();
/// # let licence = Licence::new("L-1", "endpoint", 10, LicenceState::Expired { at: "2026-01-10T00:00:00Z".parse()? }, Purchaser::partner("acme"))?;
/// # let ctx = Context::new("2026-03-11T00:00:00Z".parse()?, &Actor::Vendor, &policy);
/// # let command = LicenceCommand::Reactivate { term_days: 365, auto_renew: false };
/// # let Err(Error::Refused(refusal)) = licence.decide(&"rossi".into(), &command, &ctx) else { panic!() };
/// let json = serde_json::to_value(&refusal)?;
/// assert_eq!(json["message"], refusal.to_string());
/// assert_eq!(serde_json::from_value::<Refusal>(json)?, refusal);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "RefusalRecord", from = "RefusalRecord")]
pub struct Refusal {
    rule: Rule,
    earliest: Option<DateTime<Utc>>,
    reason: Reason,
}

impl Refusal {
    pub(crate) fn new(rule: Rule, reason: Reason) -> Self {
        Refusal {
            rule,
            earliest: None,
            reason,
        }
    }

    pub(crate) fn possible_from(mut self, earliest: DateTime<Utc>) -> Self {
        self.earliest = Some(earliest);
        self
    }

    /// The rule that refused.
    ///
    /// # Example
    ///
    /// See [`Refusal`].
    ///
    /// ```
    /// # use channel_licensing::{Refusal, Rule};
    /// fn is_reactivation_window(r: &Refusal) -> bool { r.rule() == Rule::Lic5 }
    /// ```
    #[must_use]
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// The earliest instant at which the action becomes possible, where the
    /// rule defines one.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Refusal;
    /// fn retry_at(r: &Refusal) -> Option<String> { r.earliest().map(|t| t.to_rfc3339()) }
    /// ```
    #[must_use]
    pub fn earliest(&self) -> Option<DateTime<Utc>> {
        self.earliest
    }

    /// Why, with the data that explains it.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::{Reason, Refusal};
    /// fn is_terminal(r: &Refusal) -> bool { matches!(r.reason(), Reason::TerminalState { .. }) }
    /// ```
    #[must_use]
    pub fn reason(&self) -> &Reason {
        &self.reason
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.reason)?;
        if let Some(earliest) = self.earliest {
            write!(f, "; possible from {}", Instant(earliest))?;
        }
        write!(f, " ({})", self.rule)
    }
}

impl std::error::Error for Refusal {}
