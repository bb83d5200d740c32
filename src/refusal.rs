//! Refusals: expected business "no"s, returned as data.

use std::fmt;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::{LicenceAction, LicenceId, LicenceStatus, PhaseName, Rule, TimerKey};

/// An instant as a support agent reads it: RFC 3339, UTC, whole seconds.
pub(crate) struct Instant(pub(crate) DateTime<Utc>);

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }
}

/// What kind of actor asked, as named in a refusal.
///
/// # Example
///
/// ```
/// use channel_licensing::{Actor, ActorKind};
///
/// assert_eq!(ActorKind::of(&Actor::Vendor), ActorKind::Vendor);
/// assert_eq!(ActorKind::CustomerAdmin.to_string(), "a customer admin");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActorKind {
    /// A partner user.
    Partner,
    /// A customer admin.
    CustomerAdmin,
    /// The vendor.
    Vendor,
}

impl ActorKind {
    /// The kind of `actor`.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Actor, ActorKind};
    ///
    /// let admin = Actor::CustomerAdmin { customer: "rossi".into() };
    /// assert_eq!(ActorKind::of(&admin), ActorKind::CustomerAdmin);
    /// ```
    #[must_use]
    pub fn of(actor: &crate::Actor) -> Self {
        match actor {
            crate::Actor::Partner(_) => ActorKind::Partner,
            crate::Actor::CustomerAdmin { .. } => ActorKind::CustomerAdmin,
            crate::Actor::Vendor => ActorKind::Vendor,
        }
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ActorKind::Partner => "a partner user",
            ActorKind::CustomerAdmin => "a customer admin",
            ActorKind::Vendor => "the vendor",
        })
    }
}

/// A right an actor lacked (AUTH-2).
///
/// # Example
///
/// ```
/// use channel_licensing::Right;
///
/// assert_eq!(Right::Vendor.to_string(), "being the vendor");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "right", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Right {
    /// Only the vendor may do this (LIC-9).
    Vendor,
}

impl fmt::Display for Right {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Right::Vendor => f.write_str("being the vendor"),
        }
    }
}

/// Why a command was refused, with the data that explains it.
///
/// # Example
///
/// ```
/// use channel_licensing::{LicenceAction, LicenceStatus, Reason};
///
/// let reason = Reason::TerminalState {
///     licence: "L-1".into(),
///     action: LicenceAction::Suspend,
///     state: LicenceStatus::Revoked,
/// };
/// assert_eq!(reason.to_string(), "cannot suspend licence L-1: it is revoked, a final state");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reason {
    /// The licence is in a terminal state (LIC-13).
    #[error("cannot {} licence {licence}: it is {state}, a final state", action.verb())]
    TerminalState {
        /// The licence.
        licence: LicenceId,
        /// What was asked.
        action: LicenceAction,
        /// Its state.
        state: LicenceStatus,
    },
    /// The action needs another state (LIC-4, LIC-7, LIC-8, LIC-11, LIC-12).
    #[error("cannot {} licence {licence}: it is {state}, and this needs {}", action.verb(), action.needs())]
    WrongState {
        /// The licence.
        licence: LicenceId,
        /// What was asked.
        action: LicenceAction,
        /// Its state.
        state: LicenceStatus,
    },
    /// A seat count below one (LIC-11).
    #[error("cannot set licence {licence} to {requested} seats: a licence has at least 1 seat")]
    TooFewSeats {
        /// The licence.
        licence: LicenceId,
        /// The count asked for.
        requested: u32,
    },
    /// A term of zero days (LIC-4).
    #[error(
        "cannot reactivate licence {licence} for {term_days} days: a term lasts at least 1 day"
    )]
    TermTooShort {
        /// The licence.
        licence: LicenceId,
        /// The length asked for.
        term_days: u32,
    },
    /// The reactivation window has closed: the licence has lapsed (LIC-5).
    #[error(
        "cannot reactivate licence {licence}: its reactivation window closed on {}; a new licence must be bought",
        Instant(*closed_at)
    )]
    ReactivationWindowClosed {
        /// The licence.
        licence: LicenceId,
        /// When the window closed.
        closed_at: DateTime<Utc>,
    },
    /// The current post-expiry phase does not allow the action (POL-1).
    #[error("cannot {} licence {licence}: the policy's `{phase}` phase does not allow it", action.verb())]
    PhaseForbids {
        /// The licence.
        licence: LicenceId,
        /// What was asked.
        action: LicenceAction,
        /// The phase.
        phase: PhaseName,
    },
    /// The cancellation that a suspension started has taken effect (LIC-7).
    #[error(
        "cannot resume licence {licence}: the cancellation its suspension started took effect on {}",
        Instant(*at)
    )]
    SuspensionCancelled {
        /// The licence.
        licence: LicenceId,
        /// When the cancellation took effect.
        at: DateTime<Utc>,
    },
    /// A timer was delivered before it is due.
    #[error("timer {key} was delivered before it is due")]
    NotDueYet {
        /// The timer's key.
        key: TimerKey,
    },
    /// The customer bought the licence directly from the vendor: the partner
    /// sees it but cannot manage it (BILL-6).
    #[error(
        "cannot {} licence {licence}: the customer bought it directly from the vendor, so only the customer can manage it",
        action.verb()
    )]
    DirectPurchase {
        /// The licence.
        licence: LicenceId,
        /// What was asked.
        action: LicenceAction,
    },
    /// The actor lacks a right (AUTH-2).
    #[error("cannot {} licence {licence}: that needs {missing}, and it was asked by {actor}", action.verb())]
    MissingRight {
        /// The licence.
        licence: LicenceId,
        /// What was asked.
        action: LicenceAction,
        /// Who asked.
        actor: ActorKind,
        /// What they lacked.
        missing: Right,
    },
}

/// A business "no": which rule refused, why, and where one exists, the
/// earliest instant at which the action becomes possible.
///
/// Its `Display` is a sentence a support agent can paste to a partner. A
/// refusal never allocates: everything it holds is copied or shared.
///
/// # Example
///
/// ```
/// use channel_licensing::{Actor, Context, Error, Licence, LicenceCommand, LicenceState, Policy, Rule};
/// use chrono::{DateTime, Utc};
///
/// let policy = Policy::standard();
/// let licence = Licence::new("L-1", "endpoint", 10, LicenceState::Expired { at: "2026-01-10T00:00:00Z".parse()? })?;
/// let now: DateTime<Utc> = "2026-03-11T00:00:00Z".parse()?;
/// let ctx = Context::new(now, &Actor::Vendor, &policy);
///
/// let command = LicenceCommand::Reactivate { term_days: 365, auto_renew: false };
/// let Err(Error::Refused(refusal)) = licence.decide(&command, &ctx) else {
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
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Refusal {
    rule: Rule,
    #[serde(default)]
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
