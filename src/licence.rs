//! The licence lifecycle (LIC-1 … LIC-13, POL-1, POL-3, POL-5) and who manages
//! a licence: the partner that bought it (SUB-1) or, for a direct purchase, not
//! a partner (BILL-6).
//!
//! A [`Licence`] is persisted state: load it, [`decide`](Licence::decide) a
//! [`LicenceCommand`] at `now`, apply the decided events with
//! [`evolve`](Licence::evolve), persist the effects. Time-driven changes
//! (term end, trial end, the cancellation a suspension starts, reminders)
//! are timers the decision asks the caller to schedule; delivering one is
//! the [`LicenceCommand::Deliver`] command.
//!
//! `decide` always judges the licence as it stands at `now`: a timer that
//! is due but was not delivered yet is applied first, and its events are
//! part of the decision. A caller that misses a delivery therefore still
//! gets the right answer, and the late delivery that follows is a no-op.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::{add_days, sub_days, whole_days_between};
use crate::refusal::refuse;
use crate::{
    Actor, ActorKind, CustomerId, Decision, Effect, Error, LicenceId, Money, OfferId, PartnerId,
    PhaseAt, PhaseName, Policy, PolicyStamp, Reason, Refusal, ReminderTarget, Right, Rule, Timer,
    TimerKey,
};

/// More than the changes that can ever be due at once (see `Licence::settle`).
const MAX_DUE_CHANGES: usize = 4;

/// Seats added at one instant (POL-2).
///
/// # Example
///
/// ```
/// use channel_licensing::SeatBatch;
///
/// let batch = SeatBatch { seats: 5, added_at: "2026-03-01T00:00:00Z".parse()? };
/// assert_eq!(batch.seats, 5);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SeatBatch {
    /// How many seats.
    pub seats: u32,
    /// When they were added.
    pub added_at: DateTime<Utc>,
}

/// A licence's seats by when they were added, newest last (POL-2): a seat
/// decrease may remove only seats added inside the policy's window, newest
/// first. Kept inline (at most [`SeatBatches::CAPACITY`] batches, so a
/// licence stays cheap to copy); beyond that the two oldest batches merge
/// under the older instant, which can only make a decrease stricter.
/// Serialized as a list of [`SeatBatch`].
///
/// # Example
///
/// ```
/// use channel_licensing::SeatBatches;
/// use chrono::{DateTime, Utc};
///
/// let bought: DateTime<Utc> = "2026-03-01T00:00:00Z".parse()?;
/// let batches = SeatBatches::of(10, bought);
/// assert_eq!(batches.removable("2026-03-07T23:59:59Z".parse()?, 7), 10);
/// assert_eq!(batches.removable("2026-03-08T00:00:00Z".parse()?, 7), 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct SeatBatches {
    batches: [SeatBatch; SeatBatches::CAPACITY],
    len: usize,
}

impl SeatBatches {
    /// The batches in use; the slots past them are leftovers.
    fn live(&self) -> &[SeatBatch] {
        self.batches.get(..self.len).unwrap_or(&self.batches)
    }
}

/// Equal when the batches in use are (found by fuzzing: comparing the
/// leftover slots made a licence differ from itself after a JSON trip).
impl PartialEq for SeatBatches {
    fn eq(&self, other: &Self) -> bool {
        self.live() == other.live()
    }
}

impl Eq for SeatBatches {}

impl std::hash::Hash for SeatBatches {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.live().hash(state);
    }
}

impl Default for SeatBatches {
    fn default() -> Self {
        SeatBatches {
            batches: [SeatBatch {
                seats: 0,
                added_at: DateTime::<Utc>::MIN_UTC,
            }; SeatBatches::CAPACITY],
            len: 0,
        }
    }
}

impl SeatBatches {
    /// The most batches kept apart.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::SeatBatches;
    ///
    /// assert_eq!(SeatBatches::CAPACITY, 8);
    /// ```
    pub const CAPACITY: usize = 8;

    /// `seats` added at `at`, as one batch.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::SeatBatches;
    ///
    /// let b = SeatBatches::of(3, "2026-01-01T00:00:00Z".parse()?);
    /// assert_eq!(b.iter().count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn of(seats: u32, at: DateTime<Utc>) -> Self {
        let mut batches = SeatBatches::default();
        batches.add(seats, at);
        batches
    }

    /// The batches, oldest first.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::SeatBatches;
    ///
    /// assert_eq!(SeatBatches::default().iter().count(), 0);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = SeatBatch> + '_ {
        self.batches.iter().take(self.len).copied()
    }

    /// Whether there is no batch.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::SeatBatches;
    ///
    /// assert!(SeatBatches::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many seats added within `window_days` before `now` (a half-open
    /// window from each batch's instant) may still be removed.
    ///
    /// # Example
    ///
    /// See [`SeatBatches`].
    ///
    /// ```
    /// use channel_licensing::SeatBatches;
    ///
    /// assert_eq!(SeatBatches::default().removable(chrono::DateTime::UNIX_EPOCH, 7), 0);
    /// ```
    #[must_use]
    pub fn removable(&self, now: DateTime<Utc>, window_days: u32) -> u32 {
        self.iter()
            .filter(|batch| add_days(batch.added_at, window_days).is_ok_and(|closes| now < closes))
            .fold(0_u32, |sum, batch| sum.saturating_add(batch.seats))
    }

    fn add(&mut self, seats: u32, at: DateTime<Utc>) {
        if seats == 0 {
            return;
        }
        if self.len == Self::CAPACITY {
            // Merge the two oldest under the older instant.
            let merged = SeatBatch {
                seats: self.batches[0].seats.saturating_add(self.batches[1].seats),
                added_at: self.batches[0].added_at.min(self.batches[1].added_at),
            };
            self.batches.copy_within(2.., 1);
            self.batches[0] = merged;
            self.len -= 1;
        }
        if let Some(place) = self.batches.get_mut(self.len) {
            *place = SeatBatch {
                seats,
                added_at: at,
            };
            self.len += 1;
        }
    }

    fn remove_newest(&mut self, mut seats: u32) {
        while seats > 0 && self.len > 0 {
            let Some(last) = self.batches.get_mut(self.len - 1) else {
                return;
            };
            let taken = last.seats.min(seats);
            last.seats -= taken;
            seats -= taken;
            if last.seats == 0 {
                self.len -= 1;
            }
        }
    }
}

impl Serialize for SeatBatches {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for SeatBatches {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let list = Vec::<SeatBatch>::deserialize(deserializer)?;
        let mut batches = SeatBatches::default();
        for batch in list {
            batches.add(batch.seats, batch.added_at);
        }
        Ok(batches)
    }
}

/// When a reminder counts as not yet sent: on or after its term's start,
/// and after the last reminder sent (`reminded_until`). Whichever bound is
/// later decides, so it is worked out once per licence, not per offset.
#[derive(Clone, Copy)]
struct Unsent {
    /// The last reminder sent, when on or after the term's start: due after it.
    after: Option<DateTime<Utc>>,
    /// Otherwise, the term's start: due at or after it.
    from: DateTime<Utc>,
}

impl Unsent {
    #[inline]
    fn of(reminded_until: Option<DateTime<Utc>>, term: Term) -> Unsent {
        Unsent {
            after: reminded_until.filter(|&sent| sent >= term.starts),
            from: term.starts,
        }
    }

    #[inline]
    fn admits(self, due: DateTime<Utc>) -> bool {
        match self.after {
            Some(sent) => due > sent,
            None => due >= self.from,
        }
    }
}

/// A licence's timer without its ID: what `Licence::slots` yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    TermEnd,
    TrialEnd,
    SuspensionCancellation,
    Reminder { before: ReminderTarget, days: u32 },
}

/// The changes of one decision, on the stack until their number is known:
/// the timers due before the command, its change, and those due after.
struct Changes {
    buffer: [Option<LicenceChange>; 2 * MAX_DUE_CHANGES + 2],
    len: usize,
}

impl Default for Changes {
    fn default() -> Self {
        // `LicenceChange` is `Copy`: no drop glue, so this buffer costs a fill.
        Changes {
            buffer: [None; 2 * MAX_DUE_CHANGES + 2],
            len: 0,
        }
    }
}

impl Changes {
    fn push(&mut self, change: LicenceChange) {
        // `run` reports at most 1 + MAX_DUE_CHANGES changes per `settle`, and
        // calls `settle` at most twice, so the buffer never overflows; `get_mut`
        // keeps even a broken bound from panicking.
        debug_assert!(
            self.len < self.buffer.len(),
            "more changes than `settle` can report"
        );
        if let Some(slot) = self.buffer.get_mut(self.len) {
            *slot = Some(change);
            self.len += 1;
        }
    }
}

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
#[serde(try_from = "TermRecord")]
#[non_exhaustive]
pub struct Term {
    /// The first instant of the term.
    pub starts: DateTime<Utc>,
    /// The first instant after the term.
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
    fn renewed_to(&self, now: DateTime<Utc>) -> Result<(Term, u64), Error> {
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

/// A term as stored, validated into a [`Term`] when deserialized.
#[derive(Deserialize)]
struct TermRecord {
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
}

impl TryFrom<TermRecord> for Term {
    type Error = Error;

    fn try_from(record: TermRecord) -> Result<Self, Self::Error> {
        Term::new(record.starts, record.ends)
    }
}

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
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
/// use channel_licensing::CancelledBy;
///
/// assert_eq!(serde_json::to_string(&CancelledBy::Suspension)?, r#""suspension""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CancelledBy {
    /// A cancel command.
    Request,
    /// The cancellation that a suspension started took effect.
    Suspension,
}

/// A licence's persisted state (LIC-1). Each variant owns the data that
/// only it has. Expired licences also have a *phase*, derived from `now`
/// and the policy ([`Licence::status`]).
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
#[serde(tag = "state", rename_all = "snake_case")]
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
        since: DateTime<Utc>,
        /// When the cancellation takes effect.
        cancels_at: DateTime<Utc>,
    },
    /// Expired at `at` (LIC-2).
    Expired {
        /// The expiry instant.
        at: DateTime<Utc>,
    },
    /// Revoked by the vendor (LIC-9).
    Revoked {
        /// When.
        at: DateTime<Utc>,
    },
    /// Removed from the account by the partner (LIC-10).
    Removed {
        /// When.
        at: DateTime<Utc>,
    },
    /// Cancelled, without refund (LIC-8).
    Cancelled {
        /// When it took effect.
        at: DateTime<Utc>,
        /// What cancelled it.
        by: CancelledBy,
    },
}

/// A licence's state at an instant, with the phase of an expired one: what
/// refusals name and what a customer list shows (LIC-1).
///
/// # Example
///
/// ```
/// use channel_licensing::{LicenceStatus, PhaseName};
///
/// let status = LicenceStatus::Expired { phase: PhaseName::Grace };
/// assert_eq!(status.to_string(), "expired (grace)");
/// assert_eq!(serde_json::to_string(&status)?, r#"{"state":"expired","phase":"grace"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum LicenceStatus {
    /// A free trial.
    Trial,
    /// Active.
    Active,
    /// Suspended.
    Suspended,
    /// Expired, in a phase of the policy.
    Expired {
        /// The phase.
        phase: PhaseName,
    },
    /// Revoked.
    Revoked,
    /// Removed.
    Removed,
    /// Cancelled.
    Cancelled,
}

impl fmt::Display for LicenceStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LicenceStatus::Trial => f.write_str("a trial"),
            LicenceStatus::Active => f.write_str("active"),
            LicenceStatus::Suspended => f.write_str("suspended"),
            LicenceStatus::Expired { phase } => write!(f, "expired ({phase})"),
            LicenceStatus::Revoked => f.write_str("revoked"),
            LicenceStatus::Removed => f.write_str("removed"),
            LicenceStatus::Cancelled => f.write_str("cancelled"),
        }
    }
}

/// A licence of a customer account: the licence lifecycle aggregate.
///
/// # Example
///
/// ```
/// use channel_licensing::{Licence, LicenceStatus, Policy, Purchaser, Term};
/// use chrono::{DateTime, Utc};
///
/// let term = Term::new("2026-01-01T00:00:00Z".parse()?, "2027-01-01T00:00:00Z".parse()?)?;
/// let licence = Licence::active("L-1", "endpoint-advanced", 25, term, true, Purchaser::partner("acme"))?;
/// let now: DateTime<Utc> = "2026-06-01T00:00:00Z".parse()?;
/// assert_eq!(licence.status(now, &Policy::standard()), LicenceStatus::Active);
///
/// // The term end, and the reminder 30 days before it (POL-3), are its timers.
/// assert_eq!(licence.timers(&"rossi".into(), &Policy::standard()).count(), 2);
/// assert_eq!(licence.next_deadline(&Policy::standard()), Some("2026-12-02T00:00:00Z".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "LicenceRecord")]
#[non_exhaustive]
pub struct Licence {
    /// The licence's ID.
    pub id: LicenceId,
    /// The offer it is for.
    pub offer: OfferId,
    /// Its seat count (at least 1).
    pub seats: u32,
    /// Who bought it, and so who manages it (SUB-1, BILL-6).
    pub bought_by: Purchaser,
    /// Its price per seat per term, if known (money maths: POL-4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Money>,
    /// Its lifecycle state.
    #[serde(flatten)]
    pub state: LicenceState,
    /// Reminders due at or before this instant have been sent (POL-3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminded_until: Option<DateTime<Utc>>,
    /// The seats by when they were added (POL-2). Always serialized, even
    /// empty: a missing field loads as [`Licence::new`]'s default (every seat
    /// in one batch at the term's start), which an emptied list is not.
    #[serde(default)]
    pub seat_batches: SeatBatches,
}

/// A licence as stored, validated into a [`Licence`] when deserialized.
#[derive(Deserialize)]
struct LicenceRecord {
    id: LicenceId,
    offer: OfferId,
    seats: u32,
    bought_by: Purchaser,
    #[serde(default)]
    price: Option<Money>,
    #[serde(flatten)]
    state: LicenceState,
    #[serde(default)]
    reminded_until: Option<DateTime<Utc>>,
    #[serde(default)]
    seat_batches: Option<SeatBatches>,
}

impl TryFrom<LicenceRecord> for Licence {
    type Error = Error;

    fn try_from(record: LicenceRecord) -> Result<Self, Self::Error> {
        let mut licence = Licence::new(
            record.id,
            record.offer,
            record.seats,
            record.state,
            record.bought_by,
        )?;
        licence.price = record.price;
        licence.reminded_until = record.reminded_until;
        if let Some(batches) = record.seat_batches {
            licence.seat_batches = batches;
        }
        Ok(licence)
    }
}

/// What `decide` needs besides the state and the command: the instant, who
/// acts, and the policy.
///
/// # Example
///
/// ```
/// use channel_licensing::{Actor, Context, Policy};
/// use chrono::{DateTime, Utc};
///
/// let policy = Policy::standard();
/// let now: DateTime<Utc> = "2026-03-01T00:00:00Z".parse()?;
/// let ctx = Context::new(now, &Actor::Vendor, &policy);
/// assert_eq!(ctx.now, now);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Context<'a> {
    /// The instant the command is decided at, from the caller's clock.
    pub now: DateTime<Utc>,
    /// Who acts.
    pub actor: &'a Actor,
    /// The policy in force.
    pub policy: &'a Policy,
}

impl<'a> Context<'a> {
    /// A context.
    ///
    /// # Example
    ///
    /// See [`Context`].
    ///
    /// ```
    /// # use channel_licensing::{Actor, Context, Policy};
    /// let policy = Policy::standard();
    /// let ctx = Context::new(chrono::DateTime::UNIX_EPOCH, &Actor::Vendor, &policy);
    /// assert_eq!(ctx.policy.name().as_str(), "standard");
    /// ```
    #[must_use]
    pub fn new(now: DateTime<Utc>, actor: &'a Actor, policy: &'a Policy) -> Self {
        Context { now, actor, policy }
    }
}

/// A command on a licence.
///
/// # Example
///
/// ```
/// use channel_licensing::LicenceCommand;
///
/// let cmd: LicenceCommand = serde_json::from_str(r#"{"type":"change_seats","seats":30}"#)?;
/// assert_eq!(cmd, LicenceCommand::ChangeSeats { seats: 30 });
/// let cmd: LicenceCommand = serde_json::from_str(r#"{"type":"reactivate","term_days":365}"#)?;
/// assert_eq!(cmd, LicenceCommand::Reactivate { term_days: 365, auto_renew: false });
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LicenceCommand {
    /// Reactivate an expired licence for a new term starting now (LIC-3, LIC-4, LIC-5).
    Reactivate {
        /// The new term's length in days.
        term_days: u32,
        /// Whether the new term renews at its end.
        #[serde(default)]
        auto_renew: bool,
    },
    /// Suspend an active licence, starting its cancellation (LIC-7).
    Suspend,
    /// Resume a suspended licence before its cancellation takes effect (LIC-7).
    Resume,
    /// Cancel an active or suspended licence, without refund (LIC-8).
    Cancel,
    /// Revoke the licence; only the vendor may (LIC-9).
    Revoke,
    /// Remove the licence from the account (LIC-10).
    Remove,
    /// Change the seat count of an active licence (LIC-11).
    ChangeSeats {
        /// The new count, at least 1.
        seats: u32,
    },
    /// Switch auto-renew on or off on an active licence (LIC-12).
    SetAutoRenew {
        /// On or off.
        on: bool,
    },
    /// A scheduled timer is due (LIC-2, LIC-7, POL-3).
    ///
    /// Refused only when the timer is pending and `now` is before its due
    /// instant. A duplicate, replaced or already applied timer is stale and
    /// adds no change of its own; like every command, though, the decision
    /// first applies whatever *other* timer is due at `now` (a term end your
    /// scheduler has not delivered yet), so apply its events as usual rather
    /// than dropping a stale delivery's decision unread.
    Deliver(Timer),
}

impl LicenceCommand {
    /// What the command asks for, without its data.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{LicenceAction, LicenceCommand};
    ///
    /// assert_eq!(LicenceCommand::Suspend.action(), LicenceAction::Suspend);
    /// ```
    #[must_use]
    pub fn action(&self) -> LicenceAction {
        match self {
            LicenceCommand::Reactivate { .. } => LicenceAction::Reactivate,
            LicenceCommand::Suspend => LicenceAction::Suspend,
            LicenceCommand::Resume => LicenceAction::Resume,
            LicenceCommand::Cancel => LicenceAction::Cancel,
            LicenceCommand::Revoke => LicenceAction::Revoke,
            LicenceCommand::Remove => LicenceAction::Remove,
            LicenceCommand::ChangeSeats { .. } => LicenceAction::ChangeSeats,
            LicenceCommand::SetAutoRenew { .. } => LicenceAction::SetAutoRenew,
            LicenceCommand::Deliver(_) => LicenceAction::Deliver,
        }
    }
}

/// The kind of a [`LicenceCommand`], as named in refusals.
///
/// # Example
///
/// ```
/// use channel_licensing::LicenceAction;
///
/// assert_eq!(LicenceAction::ChangeSeats.verb(), "change the seats of");
/// assert_eq!(LicenceAction::ChangeSeats.needs(), "an active licence");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LicenceAction {
    /// [`LicenceCommand::Reactivate`].
    Reactivate,
    /// [`LicenceCommand::Suspend`].
    Suspend,
    /// [`LicenceCommand::Resume`].
    Resume,
    /// [`LicenceCommand::Cancel`].
    Cancel,
    /// [`LicenceCommand::Revoke`].
    Revoke,
    /// [`LicenceCommand::Remove`].
    Remove,
    /// [`LicenceCommand::ChangeSeats`].
    ChangeSeats,
    /// [`LicenceCommand::SetAutoRenew`].
    SetAutoRenew,
    /// [`LicenceCommand::Deliver`].
    Deliver,
}

impl LicenceAction {
    /// The verb a refusal uses: "cannot *suspend* licence L-1".
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::LicenceAction;
    /// assert_eq!(LicenceAction::SetAutoRenew.verb(), "switch auto-renew of");
    /// ```
    #[must_use]
    pub const fn verb(self) -> &'static str {
        match self {
            LicenceAction::Reactivate => "reactivate",
            LicenceAction::Suspend => "suspend",
            LicenceAction::Resume => "resume",
            LicenceAction::Cancel => "cancel",
            LicenceAction::Revoke => "revoke",
            LicenceAction::Remove => "remove",
            LicenceAction::ChangeSeats => "change the seats of",
            LicenceAction::SetAutoRenew => "switch auto-renew of",
            LicenceAction::Deliver => "deliver a timer to",
        }
    }

    /// The state the action needs.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::LicenceAction;
    /// assert_eq!(LicenceAction::Resume.needs(), "a suspended licence");
    /// ```
    #[must_use]
    pub const fn needs(self) -> &'static str {
        match self {
            LicenceAction::Reactivate => "an expired licence",
            LicenceAction::Resume => "a suspended licence",
            LicenceAction::Cancel => "an active or suspended licence",
            LicenceAction::Suspend | LicenceAction::ChangeSeats | LicenceAction::SetAutoRenew => {
                "an active licence"
            }
            LicenceAction::Revoke | LicenceAction::Remove | LicenceAction::Deliver => {
                "a licence that is not in a final state"
            }
        }
    }

    /// The rule that says which states the action needs.
    fn state_rule(self) -> Rule {
        match self {
            LicenceAction::Reactivate => Rule::Lic4,
            LicenceAction::Suspend | LicenceAction::Resume => Rule::Lic7,
            LicenceAction::Cancel => Rule::Lic8,
            LicenceAction::ChangeSeats => Rule::Lic11,
            LicenceAction::SetAutoRenew => Rule::Lic12,
            LicenceAction::Revoke | LicenceAction::Remove | LicenceAction::Deliver => Rule::Lic13,
        }
    }
}

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
pub struct LicenceEvent {
    /// The licence.
    pub licence: LicenceId,
    /// The instant the decision was made at.
    pub decided_at: DateTime<Utc>,
    /// The policy it was made under.
    pub policy: PolicyStamp,
    /// What changed.
    #[serde(flatten)]
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
#[serde(tag = "type", rename_all = "snake_case")]
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
        since: DateTime<Utc>,
        /// When the cancellation takes effect.
        cancels_at: DateTime<Utc>,
    },
    /// Resumed (LIC-7).
    Resumed,
    /// Cancelled: the unused rest of the term is forfeited (LIC-8), or, inside
    /// a policy's refund window, refunded prorated by day (POL-2).
    Cancelled {
        /// When it took effect.
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
        at: DateTime<Utc>,
    },
    /// Removed by the partner (LIC-10).
    Removed {
        /// When.
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
        ends: DateTime<Utc>,
        /// When the reminder was due.
        due: DateTime<Utc>,
    },
}

impl Licence {
    /// A licence in `state`.
    ///
    /// # Errors
    ///
    /// [`Error::ZeroSeats`] for zero seats; [`Error::InvalidTerm`] when the
    /// state's term does not end after it starts.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Error, Licence, LicenceState, Purchaser};
    ///
    /// let expired = LicenceState::Expired { at: "2026-01-10T00:00:00Z".parse()? };
    /// let licence = Licence::new("L-1", "endpoint", 25, expired, Purchaser::partner("acme"))?;
    /// assert_eq!(licence.seats, 25);
    /// assert_eq!(Licence::new("L-1", "endpoint", 0, expired, Purchaser::partner("acme")), Err(Error::ZeroSeats));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: impl Into<LicenceId>,
        offer: impl Into<OfferId>,
        seats: u32,
        state: LicenceState,
        bought_by: Purchaser,
    ) -> Result<Licence, Error> {
        if seats == 0 {
            return Err(Error::ZeroSeats);
        }
        if let LicenceState::Trial { term }
        | LicenceState::Active { term, .. }
        | LicenceState::Suspended { term, .. } = state
        {
            Term::new(term.starts, term.ends)?;
        }
        let seat_batches = match state {
            LicenceState::Trial { term }
            | LicenceState::Active { term, .. }
            | LicenceState::Suspended { term, .. } => SeatBatches::of(seats, term.starts),
            _ => SeatBatches::default(),
        };
        Ok(Licence {
            id: id.into(),
            offer: offer.into(),
            seats,
            bought_by,
            price: None,
            state,
            reminded_until: None,
            seat_batches,
        })
    }

    /// An active licence for `term`.
    ///
    /// # Errors
    ///
    /// As [`Licence::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Licence, Purchaser, Term};
    ///
    /// let term = Term::of_days("2026-01-01T00:00:00Z".parse()?, 365)?;
    /// let licence = Licence::active("L-1", "endpoint", 10, term, false, Purchaser::partner("acme"))?;
    /// assert_eq!(licence.offer.as_str(), "endpoint");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn active(
        id: impl Into<LicenceId>,
        offer: impl Into<OfferId>,
        seats: u32,
        term: Term,
        auto_renew: bool,
        bought_by: Purchaser,
    ) -> Result<Licence, Error> {
        Licence::new(
            id,
            offer,
            seats,
            LicenceState::Active { term, auto_renew },
            bought_by,
        )
    }

    /// A trial licence for `term`.
    ///
    /// # Errors
    ///
    /// As [`Licence::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Licence, LicenceState, Purchaser, Term};
    ///
    /// let term = Term::of_days("2026-01-01T00:00:00Z".parse()?, 30)?;
    /// let trial = Licence::trial("T-1", "endpoint", 5, term, Purchaser::partner("acme"))?;
    /// assert_eq!(trial.state, LicenceState::Trial { term });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn trial(
        id: impl Into<LicenceId>,
        offer: impl Into<OfferId>,
        seats: u32,
        term: Term,
        bought_by: Purchaser,
    ) -> Result<Licence, Error> {
        Licence::new(id, offer, seats, LicenceState::Trial { term }, bought_by)
    }

    /// This licence, with a price per seat per term.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Licence, Money, Purchaser, Term};
    /// use rust_decimal::Decimal;
    ///
    /// let term = Term::of_days("2026-01-01T00:00:00Z".parse()?, 365)?;
    /// let price = Money::new(Decimal::new(1250, 2), "EUR".parse()?);
    /// let licence = Licence::active("L-1", "endpoint", 10, term, false, Purchaser::partner("acme"))?.with_price(price);
    /// assert_eq!(licence.price, Some(price));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_price(mut self, price: Money) -> Self {
        self.price = Some(price);
        self
    }

    /// The post-expiry phase at `now`, for an expired licence (POL-1).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Licence, LicenceState, PhaseName, Policy, Purchaser};
    /// use chrono::{DateTime, Utc};
    ///
    /// let licence = Licence::new("L-1", "e", 1, LicenceState::Expired { at: "2026-01-10T00:00:00Z".parse()? }, Purchaser::partner("acme"))?;
    /// let now: DateTime<Utc> = "2026-01-20T00:00:00Z".parse()?;
    /// assert_eq!(licence.phase(now, &Policy::standard()).map(|p| p.name), Some(PhaseName::Grace));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn phase(&self, now: DateTime<Utc>, policy: &Policy) -> Option<PhaseAt> {
        match self.state {
            LicenceState::Expired { at } => Some(policy.phase_at(at, now)),
            _ => None,
        }
    }

    /// The state at `now`, with an expired licence's phase (LIC-1).
    ///
    /// This reads the persisted state: a term end that is due but not yet
    /// delivered still shows as active. [`Licence::decide`] applies due
    /// timers first.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Licence, LicenceState, LicenceStatus, PhaseName, Policy, Purchaser};
    /// use chrono::{DateTime, Utc};
    ///
    /// let licence = Licence::new("L-1", "e", 1, LicenceState::Expired { at: "2026-01-10T00:00:00Z".parse()? }, Purchaser::partner("acme"))?;
    /// let now: DateTime<Utc> = "2026-03-11T00:00:00Z".parse()?;
    /// assert_eq!(licence.status(now, &Policy::standard()), LicenceStatus::Expired { phase: PhaseName::Lapsed });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn status(&self, now: DateTime<Utc>, policy: &Policy) -> LicenceStatus {
        match self.state {
            LicenceState::Trial { .. } => LicenceStatus::Trial,
            LicenceState::Active { .. } => LicenceStatus::Active,
            LicenceState::Suspended { .. } => LicenceStatus::Suspended,
            LicenceState::Expired { at } => LicenceStatus::Expired {
                phase: policy.phase_at(at, now).name,
            },
            LicenceState::Revoked { .. } => LicenceStatus::Revoked,
            LicenceState::Removed { .. } => LicenceStatus::Removed,
            LicenceState::Cancelled { .. } => LicenceStatus::Cancelled,
        }
    }

    /// Whether the licence is in a terminal state at `now`: revoked,
    /// removed, cancelled, or expired in the policy's last phase (LIC-13).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Licence, LicenceState, Policy, Purchaser};
    /// use chrono::{DateTime, Utc};
    ///
    /// let licence = Licence::new("L-1", "e", 1, LicenceState::Expired { at: "2026-01-10T00:00:00Z".parse()? }, Purchaser::partner("acme"))?;
    /// let policy = Policy::standard();
    /// assert!(!licence.is_terminal("2026-03-10T23:59:59Z".parse()?, &policy));
    /// assert!(licence.is_terminal("2026-03-11T00:00:00Z".parse()?, &policy));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_terminal(&self, now: DateTime<Utc>, policy: &Policy) -> bool {
        match self.state {
            LicenceState::Revoked { .. }
            | LicenceState::Removed { .. }
            | LicenceState::Cancelled { .. } => true,
            LicenceState::Expired { at } => policy.phase_at(at, now).is_last,
            LicenceState::Trial { .. }
            | LicenceState::Active { .. }
            | LicenceState::Suspended { .. } => false,
        }
    }

    /// The timers this licence expects to be pending in the caller's
    /// outbox, in due order: reminders before the term or trial end that
    /// have not been sent (POL-3), then the term end, the trial end or the
    /// suspension's cancellation.
    ///
    /// Schedule them all when you first store a licence; after that, the
    /// effects of each decision keep the outbox equal to this list. The
    /// keys name `customer`, the customer whose licence this is, so they
    /// are unique across customers.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Licence, Policy, Purchaser, Term, TimerKey};
    ///
    /// let term = Term::of_days("2026-01-01T00:00:00Z".parse()?, 30)?;
    /// let trial = Licence::trial("T-1", "endpoint", 5, term, Purchaser::partner("acme"))?;
    /// let keys: Vec<String> = trial.timers(&"rossi".into(), &Policy::standard()).map(|t| t.key.to_string()).collect();
    /// assert_eq!(keys, ["customer/rossi/licence/T-1/reminder/trial_end/3", "customer/rossi/licence/T-1/trial_end"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn timers<'a>(
        &'a self,
        customer: &'a CustomerId,
        policy: &'a Policy,
    ) -> impl Iterator<Item = Timer> + 'a {
        self.slots(policy).map(|(slot, due)| Timer {
            key: self.key(customer, slot),
            due,
        })
    }

    /// [`Licence::timers`] without the ID: cheap to compute and compare.
    fn slots<'a>(&'a self, policy: &'a Policy) -> impl Iterator<Item = (Slot, DateTime<Utc>)> + 'a {
        let (main, reminders) = match self.state {
            LicenceState::Trial { term } => (
                Some((Slot::TrialEnd, term.ends)),
                Some((ReminderTarget::TrialEnd, policy.trial_end_reminders(), term)),
            ),
            LicenceState::Active { term, .. } => (
                Some((Slot::TermEnd, term.ends)),
                Some((ReminderTarget::TermEnd, policy.term_end_reminders(), term)),
            ),
            LicenceState::Suspended { cancels_at, .. } => {
                (Some((Slot::SuspensionCancellation, cancels_at)), None)
            }
            LicenceState::Expired { .. }
            | LicenceState::Revoked { .. }
            | LicenceState::Removed { .. }
            | LicenceState::Cancelled { .. } => (None, None),
        };
        reminders
            .into_iter()
            .flat_map(move |(before, offsets, term)| {
                offsets
                    .iter()
                    .filter_map(move |&days| self.pending_reminder(before, days, term))
            })
            .chain(main)
    }

    /// The reminder `days` before `term` ends, unless it falls before the
    /// term started or was already sent.
    #[inline]
    fn pending_reminder(
        &self,
        before: ReminderTarget,
        days: u32,
        term: Term,
    ) -> Option<(Slot, DateTime<Utc>)> {
        let due = sub_days(term.ends, days)?;
        Unsent::of(self.reminded_until, term)
            .admits(due)
            .then_some((Slot::Reminder { before, days }, due))
    }

    fn key(&self, customer: &CustomerId, slot: Slot) -> TimerKey {
        let customer = customer.clone();
        let licence = self.id.clone();
        match slot {
            Slot::TermEnd => TimerKey::TermEnd { customer, licence },
            Slot::TrialEnd => TimerKey::TrialEnd { customer, licence },
            Slot::SuspensionCancellation => TimerKey::SuspensionCancellation { customer, licence },
            Slot::Reminder { before, days } => TimerKey::Reminder {
                customer,
                licence,
                before,
                days,
            },
        }
    }

    /// The slot of `key`, when it is one of this licence's keys
    /// (`customer`'s licence).
    fn slot_of(&self, customer: &CustomerId, key: &TimerKey) -> Option<Slot> {
        if key.licence() != Some(&self.id) || key.customer() != customer {
            return None;
        }
        match *key {
            TimerKey::TermEnd { .. } => Some(Slot::TermEnd),
            TimerKey::TrialEnd { .. } => Some(Slot::TrialEnd),
            TimerKey::SuspensionCancellation { .. } => Some(Slot::SuspensionCancellation),
            TimerKey::Reminder { before, days, .. } => Some(Slot::Reminder { before, days }),
            TimerKey::ScheduledUnlink { .. } => None,
        }
    }

    /// The earliest instant at which one of the licence's timers is due, for
    /// sweeps: store it in an indexed column and deliver what is due
    /// (quinn-proto's `poll_timeout`). `None` when nothing will ever be due.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Licence, LicenceState, Policy, Purchaser, Term};
    ///
    /// let policy = Policy::standard().to_builder().term_end_reminders([]).build()?;
    /// let term = Term::of_days("2026-01-01T00:00:00Z".parse()?, 365)?;
    /// let licence = Licence::active("L-1", "endpoint", 10, term, true, Purchaser::partner("acme"))?;
    /// assert_eq!(licence.next_deadline(&policy), Some(term.ends));
    ///
    /// let expired = Licence::new("L-2", "e", 1, LicenceState::Expired { at: term.ends }, Purchaser::partner("acme"))?;
    /// assert_eq!(expired.next_deadline(&policy), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn next_deadline(&self, policy: &Policy) -> Option<DateTime<Utc>> {
        let (offsets, term) = match self.state {
            LicenceState::Trial { term } => (policy.trial_end_reminders(), term),
            LicenceState::Active { term, .. } => (policy.term_end_reminders(), term),
            LicenceState::Suspended { cancels_at, .. } => return Some(cancels_at),
            LicenceState::Expired { .. }
            | LicenceState::Revoked { .. }
            | LicenceState::Removed { .. }
            | LicenceState::Cancelled { .. } => return None,
        };
        // The minimum of `slots` without walking them all: offsets are sorted
        // largest first, so the first pending reminder is the earliest, and
        // no reminder is due after the term ends. `pending_reminder`'s rule,
        // with its bound worked out once.
        let unsent = Unsent::of(self.reminded_until, term);
        for &days in offsets {
            if let Some(due) = sub_days(term.ends, days)
                && unsent.admits(due)
            {
                return Some(due);
            }
        }
        Some(term.ends)
    }

    /// Decides `command` on this licence of `customer` at `ctx.now`: the
    /// events to apply and the effects to persist, or a refusal. `customer`
    /// is the customer whose licence this is: the timer keys name it.
    ///
    /// Timers due at or before `now` are applied first (their events lead
    /// the decision), so the licence is judged as it stands at `now`; timers
    /// the command itself makes due are applied after it, so the decided
    /// state never has an overdue timer. Pure:
    /// the same inputs give the same output everywhere. A refusal never
    /// allocates; an accepted decision allocates at most once.
    ///
    /// # Errors
    ///
    /// - [`Error::Refused`] with the rule that refused: a terminal state
    ///   (LIC-13), a state the command does not apply to (LIC-4, LIC-7,
    ///   LIC-8, LIC-11, LIC-12), a closed reactivation window (LIC-5, with
    ///   no earliest instant), a phase that forbids reactivation (POL-1), a
    ///   revoke by anyone but the vendor (LIC-9), a partner's command on a
    ///   licence the customer bought (BILL-6) or another partner bought
    ///   (SUB-1), a timer delivered before it is due (with its due instant
    ///   as the earliest).
    /// - [`Error::TimeOutOfRange`] when an instant the decision needs lies
    ///   beyond chrono's range; [`Error::InvalidTerm`] when the stored term
    ///   does not end after it starts.
    /// - [`Error::AmountOutOfRange`] when a cancel command's forfeited or
    ///   refunded amount cannot be represented (a suspension's cancellation,
    ///   a timer, goes through without the amount instead).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Actor, Context, Licence, LicenceChange, LicenceCommand, LicenceState, PhaseName, Policy, Purchaser};
    /// use chrono::{DateTime, Utc};
    ///
    /// let policy = Policy::standard();
    /// let licence = Licence::new("L-1", "e", 5, LicenceState::Expired { at: "2026-01-10T00:00:00Z".parse()? }, Purchaser::partner("acme"))?;
    /// // Day 40 after expiry: past grace, inside the 60-day reactivation window (LIC-5).
    /// let now: DateTime<Utc> = "2026-02-19T00:00:00Z".parse()?;
    /// let actor = Actor::Vendor;
    /// let decision = licence.decide(&"rossi".into(), &LicenceCommand::Reactivate { term_days: 365, auto_renew: true },
    ///                               &Context::new(now, &actor, &policy))?;
    /// let event = decision.events().next().unwrap();
    /// assert!(matches!(event.change,
    ///     LicenceChange::Reactivated { interrupted: true, phase: PhaseName::Reactivatable, .. }));
    /// let licence = licence.evolve(event);
    /// assert!(matches!(licence.state, LicenceState::Active { auto_renew: true, .. }));
    /// // The new term's end and its reminder are scheduled.
    /// assert_eq!(decision.effects().count(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn decide(
        &self,
        customer: &CustomerId,
        command: &LicenceCommand,
        ctx: &Context<'_>,
    ) -> Result<Decision<LicenceEvent>, Error> {
        let mut changes = Changes::default();
        let after = self.run(customer, command, ctx, &mut |change| changes.push(change))?;
        if changes.len == 0 {
            return Ok(Decision::none());
        }
        // Timers depend only on the state and the reminders sent: when
        // neither changed (a seat change), there is nothing to diff.
        let timers_moved = after.state != self.state || after.reminded_until != self.reminded_until;
        let effects = if timers_moved {
            self.slots(ctx.policy).count() + after.slots(ctx.policy).count()
        } else {
            0
        };
        let mut decision = Decision::with_capacity(changes.len + effects);
        let stamp = ctx.policy.stamp();
        for change in changes.buffer.into_iter().flatten() {
            decision.push_event(LicenceEvent {
                licence: self.id.clone(),
                decided_at: ctx.now,
                policy: stamp.clone(),
                change,
            });
        }
        if timers_moved {
            self.timer_changes(&after, customer, ctx.policy, |effect| {
                decision.push_effect(effect);
            });
        }
        Ok(decision)
    }

    /// Applies an event that `decide` produced. Total: an event for another
    /// licence, or one that does not fit the state (which `decide` never
    /// produces), leaves the licence unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Actor, Context, Licence, LicenceCommand, LicenceState, Policy, Purchaser, Term};
    ///
    /// let policy = Policy::standard();
    /// let term = Term::of_days("2026-01-01T00:00:00Z".parse()?, 365)?;
    /// let licence = Licence::active("L-1", "endpoint", 10, term, true, Purchaser::partner("acme"))?;
    /// let now = "2026-02-01T00:00:00Z".parse()?;
    /// let decision = licence.decide(&"rossi".into(), &LicenceCommand::Suspend, &Context::new(now, &Actor::Vendor, &policy))?;
    /// let licence = decision.events().fold(licence, Licence::evolve);
    /// assert!(matches!(licence.state, LicenceState::Suspended { .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn evolve(self, event: &LicenceEvent) -> Licence {
        if event.licence == self.id {
            self.apply(&event.change, event.decided_at)
        } else {
            self
        }
    }

    /// Applies `change`, decided at `at`.
    pub(crate) fn apply(mut self, change: &LicenceChange, at: DateTime<Utc>) -> Licence {
        use LicenceState as S;
        match *change {
            // A purchase or renewal: all the term's seats were added at its start (POL-2).
            LicenceChange::Renewed { term, .. } | LicenceChange::Reactivated { term, .. } => {
                self.seat_batches = SeatBatches::of(self.seats, term.starts);
            }
            LicenceChange::SeatsChanged { from, to } if to > from => {
                self.seat_batches.add(to - from, at);
            }
            LicenceChange::SeatsChanged { from, to } => self.seat_batches.remove_newest(from - to),
            _ => {}
        }
        self.state = match (*change, self.state) {
            (LicenceChange::Renewed { term, .. }, _) => S::Active {
                term,
                auto_renew: true,
            },
            (LicenceChange::Expired { at }, _) => S::Expired { at },
            (
                LicenceChange::Reactivated {
                    term, auto_renew, ..
                },
                _,
            )
            | (
                LicenceChange::Resumed,
                S::Suspended {
                    term, auto_renew, ..
                },
            ) => S::Active { term, auto_renew },
            (LicenceChange::Suspended { since, cancels_at }, S::Active { term, auto_renew }) => {
                S::Suspended {
                    term,
                    auto_renew,
                    since,
                    cancels_at,
                }
            }
            (LicenceChange::Cancelled { at, by, .. }, _) => S::Cancelled { at, by },
            (LicenceChange::Revoked { at }, _) => S::Revoked { at },
            (LicenceChange::Removed { at }, _) => S::Removed { at },
            (LicenceChange::AutoRenewChanged { on }, S::Active { term, .. }) => S::Active {
                term,
                auto_renew: on,
            },
            (LicenceChange::SeatsChanged { to, .. }, state) => {
                self.seats = to;
                state
            }
            (LicenceChange::ReminderDue { due, .. }, state) => {
                self.reminded_until = Some(self.reminded_until.map_or(due, |sent| sent.max(due)));
                state
            }
            (_, state) => state,
        };
        self
    }

    /// The whole decision, reporting each change to `sink` in order: the
    /// timers due at `now`, the command's change, and the timers that change
    /// makes due (a resume after the term ended); returns the final state,
    /// borrowed when nothing changed. Refusals return before anything is
    /// cloned or allocated.
    fn run(
        &self,
        customer: &CustomerId,
        command: &LicenceCommand,
        ctx: &Context<'_>,
        sink: &mut impl FnMut(LicenceChange),
    ) -> Result<Cow<'_, Licence>, Error> {
        let current = self.catch_up(ctx, sink)?;
        match current.decide_now(customer, command, ctx)? {
            None => Ok(current),
            Some(change) => Ok(Cow::Owned(current.into_owned().settle(change, ctx, sink)?)),
        }
    }

    /// The licence as it stands at `ctx.now`: every timer due by then
    /// applied (each change reported to `sink`), borrowed when none was due.
    #[inline]
    pub(crate) fn catch_up(
        &self,
        ctx: &Context<'_>,
        sink: &mut impl FnMut(LicenceChange),
    ) -> Result<Cow<'_, Licence>, Error> {
        if self.nothing_due(ctx.now) {
            return Ok(Cow::Borrowed(self));
        }
        self.catch_up_slow(ctx, sink)
    }

    /// Whether no timer can be due at `now`, decided from the state alone:
    /// the cheap test before [`Licence::due_change`].
    #[inline]
    pub(crate) fn nothing_due(&self, now: DateTime<Utc>) -> bool {
        match self.state {
            LicenceState::Suspended { cancels_at, .. } => now < cancels_at,
            LicenceState::Trial { .. } | LicenceState::Active { .. } => false,
            LicenceState::Expired { .. }
            | LicenceState::Revoked { .. }
            | LicenceState::Removed { .. }
            | LicenceState::Cancelled { .. } => true,
        }
    }

    fn catch_up_slow(
        &self,
        ctx: &Context<'_>,
        sink: &mut impl FnMut(LicenceChange),
    ) -> Result<Cow<'_, Licence>, Error> {
        Ok(match self.due_change(ctx)? {
            None => Cow::Borrowed(self),
            Some(first) => Cow::Owned(self.clone().settle(first, ctx, sink)?),
        })
    }

    /// Applies `change`, then every timer that is due at `ctx.now`, in due
    /// order, reporting each change to `sink`.
    pub(crate) fn settle(
        self,
        change: LicenceChange,
        ctx: &Context<'_>,
        sink: &mut impl FnMut(LicenceChange),
    ) -> Result<Licence, Error> {
        let mut current = self.apply(&change, ctx.now);
        sink(change);
        // At most two changes are ever due at once: an expiry or a
        // cancellation leaves no timer; a renewal moves the term end past
        // `now`; a reminder marks every reminder due by `now` as sent. The
        // bound makes termination structural: a bug here would leave an
        // overdue timer (which the model test checks for), never a hang.
        for _ in 0..MAX_DUE_CHANGES {
            let Some(change) = current.due_change(ctx)? else {
                break;
            };
            current = current.apply(&change, ctx.now);
            sink(change);
        }
        Ok(current)
    }

    /// The change the earliest due timer makes at `ctx.now`, if one is due.
    fn due_change(&self, ctx: &Context<'_>) -> Result<Option<LicenceChange>, Error> {
        let now = ctx.now;
        Ok(match self.state {
            LicenceState::Trial { term } | LicenceState::Active { term, .. }
                if now >= term.ends =>
            {
                match self.state {
                    LicenceState::Active {
                        auto_renew: true, ..
                    } => {
                        let (term, renewals) = term.renewed_to(now)?;
                        Some(LicenceChange::Renewed { term, renewals })
                    }
                    _ => Some(LicenceChange::Expired { at: term.ends }),
                }
            }
            LicenceState::Trial { term } => self.due_reminder(
                ReminderTarget::TrialEnd,
                ctx.policy.trial_end_reminders(),
                term,
                now,
            ),
            LicenceState::Active { term, .. } => self.due_reminder(
                ReminderTarget::TermEnd,
                ctx.policy.term_end_reminders(),
                term,
                now,
            ),
            LicenceState::Suspended {
                term, cancels_at, ..
            } if now >= cancels_at => {
                Some(self.cancellation(term, cancels_at, CancelledBy::Suspension, ctx.policy)?)
            }
            LicenceState::Suspended { .. }
            | LicenceState::Expired { .. }
            | LicenceState::Revoked { .. }
            | LicenceState::Removed { .. }
            | LicenceState::Cancelled { .. } => None,
        })
    }

    /// The reminder due at `now` (`now` before the term end), if any: the
    /// smallest offset whose due instant has passed. Every other passed
    /// reminder is due earlier, so if this one was already sent or falls
    /// before the term started, so did they.
    fn due_reminder(
        &self,
        before: ReminderTarget,
        offsets: &[u32],
        term: Term,
        now: DateTime<Utc>,
    ) -> Option<LicenceChange> {
        let remaining = term.ends.signed_duration_since(now);
        // Offsets are sorted largest first.
        let days = *offsets
            .iter()
            .rev()
            .find(|&&days| TimeDelta::try_days(i64::from(days)).is_some_and(|d| d >= remaining))?;
        let (_, due) = self.pending_reminder(before, days, term)?;
        Some(LicenceChange::ReminderDue {
            before,
            days,
            ends: term.ends,
            due,
        })
    }

    fn terminal(&self, action: LicenceAction, ctx: &Context<'_>) -> Error {
        refuse(
            Rule::Lic13,
            Reason::TerminalState {
                licence: self.id.clone(),
                action,
                state: self.status(ctx.now, ctx.policy),
            },
        )
    }

    fn wrong_state(&self, action: LicenceAction, ctx: &Context<'_>) -> Error {
        if self.is_terminal(ctx.now, ctx.policy) {
            return self.terminal(action, ctx);
        }
        refuse(
            action.state_rule(),
            Reason::WrongState {
                licence: self.id.clone(),
                action,
                state: self.status(ctx.now, ctx.policy),
            },
        )
    }

    /// Decides `command` on `customer`'s licence, already brought up to
    /// `ctx.now`. `Ok(None)` is an accepted no-op.
    pub(crate) fn decide_now(
        &self,
        customer: &CustomerId,
        command: &LicenceCommand,
        ctx: &Context<'_>,
    ) -> Result<Option<LicenceChange>, Error> {
        use LicenceState as S;
        let now = ctx.now;
        let action = command.action();
        if let LicenceCommand::Deliver(timer) = command {
            // A licence's own timers: whoever bought it.
            return self.deliver(customer, timer, ctx);
        }
        if let LicenceCommand::Revoke = command
            && !matches!(ctx.actor, Actor::Vendor)
        {
            return Err(refuse(
                Rule::Lic9,
                Reason::MissingRight {
                    licence: self.id.clone(),
                    action,
                    actor: ActorKind::of(ctx.actor),
                    missing: Right::Vendor,
                },
            ));
        }
        if let Actor::Partner(user) = ctx.actor {
            self.check_manager(&user.partner, action)?;
        }
        let change = match (command, self.state) {
            // Already in the state asked for: an idempotent no-op.
            (LicenceCommand::Revoke, S::Revoked { .. })
            | (LicenceCommand::Remove, S::Removed { .. })
            | (LicenceCommand::Cancel, S::Cancelled { .. })
            | (LicenceCommand::Suspend, S::Suspended { .. })
            | (LicenceCommand::Resume, S::Active { .. }) => return Ok(None),
            (
                LicenceCommand::Resume,
                S::Cancelled {
                    at,
                    by: CancelledBy::Suspension,
                },
            ) => {
                return Err(refuse(
                    Rule::Lic7,
                    Reason::SuspensionCancelled {
                        licence: self.id.clone(),
                        at,
                    },
                ));
            }
            _ if self.is_terminal(now, ctx.policy)
                && !matches!(command, LicenceCommand::Reactivate { .. }) =>
            {
                return Err(self.terminal(action, ctx));
            }
            (LicenceCommand::Revoke, _) => LicenceChange::Revoked { at: now },
            (LicenceCommand::Remove, _) => LicenceChange::Removed { at: now },
            (LicenceCommand::Cancel, S::Active { term, .. } | S::Suspended { term, .. }) => {
                self.cancellation(term, now, CancelledBy::Request, ctx.policy)?
            }
            (LicenceCommand::Suspend, S::Active { .. }) => LicenceChange::Suspended {
                since: now,
                cancels_at: add_days(now, ctx.policy.suspension_cancels_after_days())?,
            },
            (LicenceCommand::Resume, S::Suspended { .. }) => LicenceChange::Resumed,
            (LicenceCommand::ChangeSeats { seats }, S::Active { .. }) => {
                return self.change_seats(*seats, ctx);
            }
            (LicenceCommand::SetAutoRenew { on }, S::Active { auto_renew, .. }) => {
                if *on == auto_renew {
                    return Ok(None);
                }
                LicenceChange::AutoRenewChanged { on: *on }
            }
            (
                LicenceCommand::Reactivate {
                    term_days,
                    auto_renew,
                },
                S::Expired { at },
            ) => {
                return self
                    .reactivation(at, *term_days, *auto_renew, ctx)
                    .map(Some);
            }
            _ => return Err(self.wrong_state(action, ctx)),
        };
        Ok(Some(change))
    }

    /// SUB-1 and BILL-6: a partner manages only the licences it bought. A
    /// direct purchase is visible to the partner, never managed by it
    /// (quantity, status, auto-renew, cancel, and also removing or
    /// reactivating it); another partner's licence likewise, and the
    /// refusal does not name that partner.
    fn check_manager(&self, partner: &PartnerId, action: LicenceAction) -> Result<(), Error> {
        match &self.bought_by {
            Purchaser::Partner(owner) if owner == partner => Ok(()),
            Purchaser::Partner(_) => Err(refuse(
                Rule::Sub1,
                Reason::OtherPartnersLicence {
                    licence: self.id.clone(),
                    action,
                },
            )),
            Purchaser::Customer => Err(refuse(
                Rule::Bill6,
                Reason::DirectPurchase {
                    licence: self.id.clone(),
                    action,
                },
            )),
        }
    }

    /// A delivered timer: refused only when it is pending and not yet due;
    /// otherwise the catch-up already applied it, or it is stale (replaced,
    /// already applied, or not this licence's), so it is a no-op.
    fn deliver(
        &self,
        customer: &CustomerId,
        timer: &Timer,
        ctx: &Context<'_>,
    ) -> Result<Option<LicenceChange>, Error> {
        let early = timer.due > ctx.now
            && self.slot_of(customer, &timer.key).is_some_and(|slot| {
                self.slots(ctx.policy)
                    .any(|pending| pending == (slot, timer.due))
            });
        if !early {
            return Ok(None);
        }
        let rule = match timer.key {
            TimerKey::SuspensionCancellation { .. } => Rule::Lic7,
            TimerKey::Reminder { .. } => Rule::Pol3,
            _ => Rule::Lic2,
        };
        let reason = Reason::NotDueYet {
            key: timer.key.clone(),
        };
        Err(Refusal::new(rule, reason).possible_from(timer.due).into())
    }

    /// LIC-8, POL-2, POL-4: a cancellation at `at` of `term`. Without a refund
    /// window, or after it, the unused whole days are forfeited (with their
    /// price, for a priced licence); inside it they are refunded, prorated.
    pub(crate) fn cancellation(
        &self,
        term: Term,
        at: DateTime<Utc>,
        by: CancelledBy,
        policy: &Policy,
    ) -> Result<LicenceChange, Error> {
        let term_days = whole_days_between(term.starts, term.ends).max(1);
        let unused_days = whole_days_between(at, term.ends).min(term_days);
        let refund_open = policy
            .refund_window_days()
            .and_then(|days| add_days(term.starts, days).ok())
            .is_some_and(|closes| at < closes);
        let unused = match self.price {
            Some(price) => match price
                .times(self.seats)
                .and_then(|total| total.prorate(term_days - unused_days, term_days))
            {
                Ok((_, unused)) => Some(unused),
                // A timer cannot be refused: a suspension's cancellation that
                // failed would stay overdue and block every later decision.
                // It goes through, without an amount no `Money` can hold.
                Err(_) if by == CancelledBy::Suspension => None,
                Err(error) => return Err(error),
            },
            None => None,
        };
        Ok(if refund_open {
            LicenceChange::Cancelled {
                at,
                by,
                forfeited_days: 0,
                forfeited: None,
                refund: unused,
            }
        } else {
            LicenceChange::Cancelled {
                at,
                by,
                forfeited_days: unused_days,
                forfeited: unused,
                refund: None,
            }
        })
    }

    /// LIC-11 on an active licence: at least one seat; the same count is a
    /// no-op; under a seat-decrease window only seats added inside it may go
    /// (POL-2).
    fn change_seats(&self, seats: u32, ctx: &Context<'_>) -> Result<Option<LicenceChange>, Error> {
        if seats == 0 {
            return Err(refuse(
                Rule::Lic11,
                Reason::TooFewSeats {
                    licence: self.id.clone(),
                    requested: seats,
                },
            ));
        }
        if seats == self.seats {
            return Ok(None);
        }
        if let Some(window) = ctx.policy.seat_decrease_window_days()
            && seats < self.seats
        {
            let removable = self.seat_batches.removable(ctx.now, window);
            if self.seats - seats > removable {
                return Err(refuse(
                    Rule::Pol2,
                    Reason::SeatDecreaseWindowClosed {
                        licence: self.id.clone(),
                        requested: seats,
                        current: self.seats,
                        removable,
                        window_days: window,
                    },
                ));
            }
        }
        Ok(Some(LicenceChange::SeatsChanged {
            from: self.seats,
            to: seats,
        }))
    }

    /// LIC-3, LIC-4, LIC-5, POL-1: reactivating a licence that expired at `expired_at`.
    fn reactivation(
        &self,
        expired_at: DateTime<Utc>,
        term_days: u32,
        auto_renew: bool,
        ctx: &Context<'_>,
    ) -> Result<LicenceChange, Error> {
        let phase = ctx.policy.phase_at(expired_at, ctx.now);
        if !phase.allows.reactivation {
            let window_end = ctx
                .policy
                .reactivation_window_days()
                .and_then(|days| add_days(expired_at, days).ok());
            return Err(match window_end {
                Some(closed_at) if ctx.now >= closed_at => refuse(
                    Rule::Lic5,
                    Reason::ReactivationWindowClosed {
                        licence: self.id.clone(),
                        closed_at,
                    },
                ),
                _ => refuse(
                    Rule::Pol1,
                    Reason::PhaseForbids {
                        licence: self.id.clone(),
                        action: LicenceAction::Reactivate,
                        phase: phase.name,
                    },
                ),
            });
        }
        if term_days == 0 {
            return Err(refuse(
                Rule::Lic4,
                Reason::TermTooShort {
                    licence: self.id.clone(),
                    term_days,
                },
            ));
        }
        Ok(LicenceChange::Reactivated {
            term: Term::of_days(ctx.now, term_days)?,
            auto_renew,
            phase: phase.name,
            interrupted: !phase.allows.user_access,
        })
    }

    /// Reports the effects that turn the outbox for `self` into the outbox
    /// for `after`: cancel the timers that are gone, schedule the new or
    /// moved ones. Both lists are short and in due order; each is computed
    /// once, on the stack.
    pub(crate) fn timer_changes(
        &self,
        after: &Licence,
        customer: &CustomerId,
        policy: &Policy,
        mut sink: impl FnMut(Effect),
    ) {
        let old = SlotList::of(self, policy);
        let new = SlotList::of(after, policy);
        for (slot, _) in old.iter() {
            if !new.iter().any(|(other, _)| other == slot) {
                sink(Effect::Cancel {
                    key: self.key(customer, slot),
                });
            }
        }
        for (slot, due) in new.iter() {
            if !old.iter().any(|other| other == (slot, due)) {
                sink(Effect::Schedule(Timer {
                    key: after.key(customer, slot),
                    due,
                }));
            }
        }
    }
}

/// A licence's slots, computed once, on the stack: a licence has at most
/// [`Policy::MAX_REMINDERS`] reminders and one deadline.
struct SlotList {
    slots: [(Slot, DateTime<Utc>); Policy::MAX_REMINDERS + 1],
    len: usize,
}

impl SlotList {
    fn of(licence: &Licence, policy: &Policy) -> Self {
        let mut list = SlotList {
            slots: [(Slot::TermEnd, DateTime::<Utc>::MIN_UTC); Policy::MAX_REMINDERS + 1],
            len: 0,
        };
        // A validated policy never yields more; `get_mut` keeps this total.
        for slot in licence.slots(policy) {
            if let Some(place) = list.slots.get_mut(list.len) {
                *place = slot;
                list.len += 1;
            }
        }
        list
    }

    fn iter(&self) -> impl Iterator<Item = (Slot, DateTime<Utc>)> + '_ {
        self.slots.iter().take(self.len).copied()
    }
}
