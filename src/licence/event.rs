//! Licence events (POL-5: each records its instant and policy) and how a
//! change applies to the state (LIC-1; POL-2's seat batches, POL-3's sent
//! reminders).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Licence;
use super::batches::SeatBatches;
use super::state::CancelledBy;
use super::state::{LicenceState, Term};
use crate::effect::ReminderTarget;
use crate::ids::LicenceId;
use crate::instant;
use crate::money::Money;
use crate::policy::{PhaseName, PolicyStamp};
use crate::wire::flat::flattened;
use crate::wire::tag::internally_tagged;

/// Something that happened to a licence: the event envelope. Every event
/// records when it was decided and the policy it was decided under (POL-5).
///
/// # Example
///
/// ```
/// use channel_licensing::{LicenceChange, LicenceEvent};
///
/// let event: LicenceEvent = serde_json::from_str(r#"{
///     "licence": "L-1", "decided_at": "2026-03-01T00:00:00Z",
///     "policy": {"name": "standard", "version": 1},
///     "type": "seats_changed", "from": 10, "to": 12
/// }"#)?;
/// assert_eq!(event.change, LicenceChange::SeatsChanged { from: 10, to: 12 });
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct LicenceEvent {
    /// The licence.
    pub licence: LicenceId,
    /// The instant the decision was made at.
    #[serde(with = "instant")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub decided_at: DateTime<Utc>,
    /// The policy it was made under.
    pub policy: PolicyStamp,
    /// What changed.
    #[cfg_attr(feature = "schema", schemars(flatten))]
    pub change: LicenceChange,
}

/// What changed in a licence.
///
/// # Example
///
/// ```
/// use channel_licensing::LicenceChange;
///
/// let change = LicenceChange::AutoRenewChanged { on: false };
/// assert_eq!(serde_json::to_string(&change)?, r#"{"type":"auto_renew_changed","on":false}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(tag = "type", deny_unknown_fields))]
pub enum LicenceChange {
    /// The term ended with auto-renew on: a new term of the same length
    /// started where the last ended (LIC-2). `renewals` is more than 1 when
    /// the timer was delivered so late that whole terms had passed.
    Renewed {
        /// The new term.
        term: Term,
        /// How many terms were renewed.
        renewals: u64,
    },
    /// The term or trial ended without renewal (LIC-2).
    Expired {
        /// The expiry instant (the term's end).
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
    /// An expired licence was reactivated for a new term (LIC-3, LIC-5).
    Reactivated {
        /// The new term.
        term: Term,
        /// Whether the new term renews.
        auto_renew: bool,
        /// The phase it was reactivated from.
        phase: PhaseName,
        /// Whether users lost access before the reactivation (after grace).
        interrupted: bool,
    },
    /// Suspended; the cancellation it starts is scheduled (LIC-7).
    Suspended {
        /// When.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        since: DateTime<Utc>,
        /// When the cancellation takes effect.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        cancels_at: DateTime<Utc>,
    },
    /// Resumed (LIC-7).
    Resumed,
    /// Cancelled: the unused rest of the term is forfeited (LIC-8), or, inside
    /// a policy's refund window, refunded prorated by day (POL-2).
    Cancelled {
        /// When it took effect.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
        /// What cancelled it.
        by: CancelledBy,
        /// Whole days of the term left unused, and not refunded.
        forfeited_days: u32,
        /// The price of those days, for a priced licence (POL-4).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        forfeited: Option<Money>,
        /// The prorated refund, inside the policy's refund window (POL-2).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        refund: Option<Money>,
    },
    /// Revoked by the vendor (LIC-9).
    Revoked {
        /// When.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
    /// Removed by the partner (LIC-10).
    Removed {
        /// When.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
    /// The seat count changed (LIC-11).
    SeatsChanged {
        /// The old count.
        from: u32,
        /// The new count.
        to: u32,
    },
    /// Auto-renew was switched (LIC-12).
    AutoRenewChanged {
        /// On or off.
        on: bool,
    },
    /// A reminder is due: tell the customer (POL-3).
    ReminderDue {
        /// What it is about.
        before: ReminderTarget,
        /// How many days before.
        days: u32,
        /// The instant it is about (the term or trial end).
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        ends: DateTime<Utc>,
        /// When the reminder was due.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        due: DateTime<Utc>,
    },
    /// A reminder was never sent: its timer was not delivered before the
    /// term or trial it is about ended (a scheduler that was down), so it
    /// is too late to send it; this one and any earlier reminder of the
    /// same term are given up (POL-3). Recorded so that the caller can see
    /// what the customer was not told.
    ReminderSkipped {
        /// What it was about.
        before: ReminderTarget,
        /// How many days before.
        days: u32,
        /// The instant it was about (the term or trial end), now past.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        ends: DateTime<Utc>,
        /// When the reminder was due.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        due: DateTime<Utc>,
    },
}

impl Licence {
    /// Applies `change`, decided at `at`, in place.
    pub(crate) fn apply(&mut self, change: &LicenceChange, at: DateTime<Utc>) {
        use LicenceState as S;
        match *change {
            // A purchase or renewal: all the term's seats were added at its
            // start (POL-2).
            // A new term: no reminder of it has been sent (one sent for an
            // earlier term, before this one starts, never counted; reset, it
            // cannot outlast the term when decisions go back in time).
            LicenceChange::Renewed { term, .. } => {
                self.seat_batches = SeatBatches::of(self.seats, term.starts);
                self.reminded_until = None;
                self.state = S::Active {
                    term,
                    auto_renew: true,
                };
            }
            LicenceChange::Reactivated {
                term, auto_renew, ..
            } => {
                self.seat_batches = SeatBatches::of(self.seats, term.starts);
                self.reminded_until = None;
                self.state = S::Active { term, auto_renew };
            }
            LicenceChange::SeatsChanged { from, to } => {
                if to > from {
                    self.seat_batches.add(to - from, at);
                } else {
                    self.seat_batches.remove_newest(from - to);
                }
                self.seats = to;
            }
            LicenceChange::Expired { at } => self.state = S::Expired { at },
            LicenceChange::Suspended { since, cancels_at } => {
                if let S::Active { term, auto_renew } = self.state {
                    self.state = S::Suspended {
                        term,
                        auto_renew,
                        since,
                        cancels_at,
                    };
                }
            }
            LicenceChange::Resumed => {
                if let S::Suspended {
                    term, auto_renew, ..
                } = self.state
                {
                    self.state = S::Active { term, auto_renew };
                }
            }
            LicenceChange::Cancelled { at, by, .. } => self.state = S::Cancelled { at, by },
            LicenceChange::Revoked { at } => self.state = S::Revoked { at },
            LicenceChange::Removed { at } => self.state = S::Removed { at },
            LicenceChange::AutoRenewChanged { on } => {
                if let S::Active { auto_renew, .. } = &mut self.state {
                    *auto_renew = on;
                }
            }
            LicenceChange::ReminderDue { due, .. } | LicenceChange::ReminderSkipped { due, .. } => {
                self.reminded_until = Some(self.reminded_until.map_or(due, |sent| sent.max(due)));
            }
        }
    }
}

internally_tagged!(LicenceChange, "type");
flattened!(LicenceEvent, "change");
