//! Effects: what a caller persists in its outbox and schedules.
//!
//! A decision's effects keep the caller's outbox equal to what the aggregate
//! expects: after applying them, the outbox's pending timers for a licence
//! are exactly [`Licence::timers`](crate::Licence::timers), and the earliest
//! of them is [`Licence::next_deadline`](crate::Licence::next_deadline).

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{CustomerId, GdapId, LicenceId, PartnerId, TransferId};
use crate::instant;
use crate::name::DisplayName;
use crate::wire::tag::internally_tagged;

/// What a reminder is about (POL-3).
///
/// # Example
///
/// ```
/// use channel_licensing::effect::ReminderTarget;
///
/// assert_eq!(ReminderTarget::TrialEnd.to_string(), "trial end");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReminderTarget {
    /// The end of a paid term.
    TermEnd,
    /// The end of a trial.
    TrialEnd,
}

impl ReminderTarget {
    fn as_str(self) -> &'static str {
        match self {
            ReminderTarget::TermEnd => "term_end",
            ReminderTarget::TrialEnd => "trial_end",
        }
    }
}

impl fmt::Display for ReminderTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReminderTarget::TermEnd => "term end",
            ReminderTarget::TrialEnd => "trial end",
        })
    }
}

/// The deterministic key of a scheduled timer. Scheduling a key that is
/// already pending replaces it (an upsert); its `Display` form is a stable
/// string, unique across customers, to use as the outbox's primary key:
/// every key names its customer, so two customers' licences with the same
/// ID never share a key.
///
/// # Example
///
/// ```
/// use channel_licensing::TimerKey;
/// use channel_licensing::effect::ReminderTarget;
///
/// let key = TimerKey::Reminder {
///     customer: "rossi".into(), licence: "L-1".into(), before: ReminderTarget::TermEnd, days: 30,
/// };
/// assert_eq!(key.to_string(), "customer/rossi/licence/L-1/reminder/term_end/30");
/// // Slashes and percent signs in IDs are escaped, so keys never collide.
/// let key = TimerKey::TermEnd { customer: "rossi".into(), licence: "a/b".into() };
/// assert_eq!(key.to_string(), "customer/rossi/licence/a%2Fb/term_end");
/// let key = TimerKey::ScheduledUnlink { customer: "rossi".into(), partner: "acme".into() };
/// assert_eq!(key.to_string(), "customer/rossi/unlink/acme");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", schemars(tag = "timer", deny_unknown_fields))]
pub enum TimerKey {
    /// A paid term ends: the licence renews or expires (LIC-2).
    TermEnd {
        /// The customer whose licence it is.
        customer: CustomerId,
        /// The licence.
        licence: LicenceId,
    },
    /// A trial ends: the licence expires (LIC-2).
    TrialEnd {
        /// The customer whose licence it is.
        customer: CustomerId,
        /// The licence.
        licence: LicenceId,
    },
    /// The cancellation a suspension started takes effect (LIC-7).
    SuspensionCancellation {
        /// The customer whose licence it is.
        customer: CustomerId,
        /// The licence.
        licence: LicenceId,
    },
    /// A reminder is due (POL-3).
    Reminder {
        /// The customer whose licence it is.
        customer: CustomerId,
        /// The licence.
        licence: LicenceId,
        /// What it reminds of.
        before: ReminderTarget,
        /// How many days before.
        days: u32,
    },
    /// A scheduled unlink takes effect (REL-7, REL-9).
    ScheduledUnlink {
        /// The customer.
        customer: CustomerId,
        /// The partner it unlinks from.
        partner: PartnerId,
    },
    /// A GDAP request not yet approved expires (GDAP-2).
    GdapApprovalDeadline {
        /// The customer.
        customer: CustomerId,
        /// The GDAP relationship.
        gdap: GdapId,
    },
    /// A notice before a GDAP relationship's end (GDAP-5).
    GdapNotice {
        /// The customer.
        customer: CustomerId,
        /// The GDAP relationship.
        gdap: GdapId,
        /// How many days before the end.
        days: u32,
    },
    /// A GDAP relationship's end: it extends (GDAP-4) or expires (GDAP-5).
    GdapEnd {
        /// The customer.
        customer: CustomerId,
        /// The GDAP relationship.
        gdap: GdapId,
    },
    /// A transfer request not answered in time expires (XFER-8).
    TransferExpiry {
        /// The customer.
        customer: CustomerId,
        /// The transfer request.
        transfer: TransferId,
    },
}

impl TimerKey {
    /// The customer the timer belongs to: every timer names one.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::TimerKey;
    ///
    /// let key = TimerKey::TermEnd { customer: "rossi".into(), licence: "L-1".into() };
    /// assert_eq!(key.customer().as_str(), "rossi");
    /// ```
    #[must_use]
    pub fn customer(&self) -> &CustomerId {
        match self {
            TimerKey::TermEnd { customer, .. }
            | TimerKey::TrialEnd { customer, .. }
            | TimerKey::SuspensionCancellation { customer, .. }
            | TimerKey::Reminder { customer, .. }
            | TimerKey::ScheduledUnlink { customer, .. }
            | TimerKey::GdapApprovalDeadline { customer, .. }
            | TimerKey::GdapNotice { customer, .. }
            | TimerKey::GdapEnd { customer, .. }
            | TimerKey::TransferExpiry { customer, .. } => customer,
        }
    }

    /// The licence the timer belongs to, if it is a licence's timer.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::TimerKey;
    ///
    /// let key = TimerKey::TermEnd { customer: "rossi".into(), licence: "L-1".into() };
    /// assert_eq!(key.licence().map(|l| l.as_str()), Some("L-1"));
    /// let unlink = TimerKey::ScheduledUnlink { customer: "rossi".into(), partner: "acme".into() };
    /// assert_eq!(unlink.licence(), None);
    /// ```
    #[must_use]
    pub fn licence(&self) -> Option<&LicenceId> {
        match self {
            TimerKey::TermEnd { licence, .. }
            | TimerKey::TrialEnd { licence, .. }
            | TimerKey::SuspensionCancellation { licence, .. }
            | TimerKey::Reminder { licence, .. } => Some(licence),
            TimerKey::ScheduledUnlink { .. }
            | TimerKey::GdapApprovalDeadline { .. }
            | TimerKey::GdapNotice { .. }
            | TimerKey::GdapEnd { .. }
            | TimerKey::TransferExpiry { .. } => None,
        }
    }

    /// The GDAP relationship the timer belongs to, if it is one's.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::TimerKey;
    ///
    /// let key = TimerKey::GdapEnd { customer: "rossi".into(), gdap: "g1".into() };
    /// assert_eq!(key.gdap().map(|g| g.as_str()), Some("g1"));
    /// assert_eq!(key.to_string(), "customer/rossi/gdap/g1/end");
    /// ```
    #[must_use]
    pub fn gdap(&self) -> Option<&GdapId> {
        match self {
            TimerKey::GdapApprovalDeadline { gdap, .. }
            | TimerKey::GdapNotice { gdap, .. }
            | TimerKey::GdapEnd { gdap, .. } => Some(gdap),
            _ => None,
        }
    }
}

fn write_escaped(f: &mut fmt::Formatter<'_>, id: &str) -> fmt::Result {
    for part in id.split_inclusive(['/', '%']) {
        match part.as_bytes().last() {
            Some(b'/') => write!(f, "{}%2F", &part[..part.len() - 1])?,
            Some(b'%') => write!(f, "{}%25", &part[..part.len() - 1])?,
            _ => f.write_str(part)?,
        }
    }
    Ok(())
}

impl fmt::Display for TimerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("customer/")?;
        write_escaped(f, self.customer().as_str())?;
        if let Some(licence) = self.licence() {
            f.write_str("/licence/")?;
            write_escaped(f, licence.as_str())?;
        }
        if let Some(gdap) = self.gdap() {
            f.write_str("/gdap/")?;
            write_escaped(f, gdap.as_str())?;
        }
        match self {
            TimerKey::ScheduledUnlink { partner, .. } => {
                f.write_str("/unlink/")?;
                write_escaped(f, partner.as_str())
            }
            TimerKey::TermEnd { .. } => f.write_str("/term_end"),
            TimerKey::TrialEnd { .. } => f.write_str("/trial_end"),
            TimerKey::SuspensionCancellation { .. } => f.write_str("/suspension_cancellation"),
            TimerKey::Reminder { before, days, .. } => {
                write!(f, "/reminder/{}/{days}", before.as_str())
            }
            TimerKey::GdapApprovalDeadline { .. } => f.write_str("/approval_deadline"),
            TimerKey::GdapNotice { days, .. } => write!(f, "/notice/{days}"),
            TimerKey::GdapEnd { .. } => f.write_str("/end"),
            TimerKey::TransferExpiry { transfer, .. } => {
                f.write_str("/transfer/")?;
                write_escaped(f, transfer.as_str())?;
                f.write_str("/expiry")
            }
        }
    }
}

/// A timer: a key and the absolute instant at which it is due.
///
/// The crate hands timers out in [`Effect::Schedule`]; the caller hands a
/// due one back in a deliver command. A timer delivered twice, after it was
/// replaced, or after what it was for already happened is stale: the
/// decision is accepted with no events.
///
/// # Example
///
/// ```
/// use channel_licensing::{Timer, TimerKey};
///
/// let key = TimerKey::TermEnd { customer: "rossi".into(), licence: "L-1".into() };
/// let timer = Timer { key, due: "2027-01-01T00:00:00Z".parse()? };
/// assert_eq!(
///     serde_json::to_string(&timer)?,
///     r#"{"key":{"timer":"term_end","customer":"rossi","licence":"L-1"},"due":"2027-01-01T00:00:00Z"}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Timer {
    /// What the timer is for.
    pub key: TimerKey,
    /// When it is due.
    #[serde(with = "instant")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub due: DateTime<Utc>,
}

/// Where a renamed customer's display name must be propagated (CUST-4).
///
/// # Example
///
/// ```
/// use channel_licensing::effect::NameTarget;
///
/// assert_eq!(serde_json::to_string(&NameTarget::Crm)?, r#""crm""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NameTarget {
    /// The customer's admin console.
    AdminConsole,
    /// The CRM account (the partner's cloud-service account).
    Crm,
}

/// Something the caller must persist with the decision's events, in the same
/// transaction (an outbox), and act on.
///
/// # Example
///
/// ```
/// use channel_licensing::{Effect, TimerKey};
///
/// let cancel = Effect::Cancel { key: TimerKey::TermEnd { customer: "rossi".into(), licence: "L-1".into() } };
/// assert_eq!(
///     serde_json::to_string(&cancel)?,
///     r#"{"type":"cancel","key":{"timer":"term_end","customer":"rossi","licence":"L-1"}}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(tag = "type", deny_unknown_fields))]
pub enum Effect {
    /// Schedule the timer (replacing any pending timer with the same key) and
    /// deliver it back when it is due.
    Schedule(Timer),
    /// Drop the pending timer with this key, if any.
    Cancel {
        /// The key.
        key: TimerKey,
    },
    /// Send the customer's new display name to another system, now (CUST-4).
    PropagateName {
        /// The system to update.
        to: NameTarget,
        /// The customer.
        customer: CustomerId,
        /// The new name.
        name: DisplayName,
    },
}

impl Effect {
    /// The timer key the effect is about, for timer effects.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Effect, TimerKey};
    ///
    /// let key = TimerKey::TrialEnd { customer: "rossi".into(), licence: "L-1".into() };
    /// assert_eq!(Effect::Cancel { key: key.clone() }.key(), Some(&key));
    /// ```
    #[must_use]
    pub fn key(&self) -> Option<&TimerKey> {
        match self {
            Effect::Schedule(timer) => Some(&timer.key),
            Effect::Cancel { key } => Some(key),
            Effect::PropagateName { .. } => None,
        }
    }
}

internally_tagged!(TimerKey, "timer");
internally_tagged!(Effect, "type");
