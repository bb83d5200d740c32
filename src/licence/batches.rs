//! POL-2's record: a licence's seats by when they were added
//! ([`SeatBatch`], [`SeatBatches`]), from which the seats removable inside
//! the policy's window are counted.

use arrayvec::ArrayVec;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::state::LicenceState;
use crate::calendar::add_days;
use crate::instant;

/// Seats added at one instant (POL-2).
///
/// # Example
///
/// ```
/// use channel_licensing::licence::SeatBatch;
///
/// let batch = SeatBatch { seats: 5, added_at: "2026-03-01T00:00:00Z".parse()? };
/// assert_eq!(batch.seats, 5);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SeatBatch {
    /// How many seats.
    pub seats: u32,
    /// When they were added.
    #[serde(with = "instant")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub added_at: DateTime<Utc>,
}

/// A licence's seats by when they were added, newest last (POL-2): a seat
/// decrease may remove only seats added inside the policy's window, newest
/// first. At most [`SeatBatches::CAPACITY`] batches: beyond that the two
/// oldest batches merge under the older instant, which can only make a
/// decrease stricter.
/// Serialized as a list of [`SeatBatch`].
///
/// # Example
///
/// ```
/// use channel_licensing::licence::SeatBatches;
/// use chrono::{DateTime, Utc};
///
/// let bought: DateTime<Utc> = "2026-03-01T00:00:00Z".parse()?;
/// let batches = SeatBatches::of(10, bought);
/// assert_eq!(batches.removable("2026-03-07T23:59:59Z".parse()?, 7), 10);
/// assert_eq!(batches.removable("2026-03-08T00:00:00Z".parse()?, 7), 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<SeatBatch>")]
pub struct SeatBatches(ArrayVec<SeatBatch, { SeatBatches::CAPACITY }>);

impl SeatBatches {
    /// The most batches kept apart.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::licence::SeatBatches;
    ///
    /// assert_eq!(SeatBatches::CAPACITY, 8);
    /// ```
    pub const CAPACITY: usize = 8;

    /// `seats` added at `at`, as one batch.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::licence::SeatBatches;
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

    /// The batches of a licence bought with `seats` in `state`: every seat
    /// at its term's start, or none without a term.
    pub(super) fn bought(seats: u32, state: &LicenceState) -> Self {
        match *state {
            LicenceState::Trial { term }
            | LicenceState::Active { term, .. }
            | LicenceState::Suspended { term, .. } => SeatBatches::of(seats, term.starts),
            _ => SeatBatches::default(),
        }
    }

    /// A licence's `seat_batches` when the field is left out: one batch of
    /// no seat, a value that neither the list's reader nor a decision makes,
    /// replaced with [`SeatBatches::bought`] once the licence is read.
    pub(super) fn not_given() -> Self {
        let mut batches = SeatBatches::default();
        batches.0.push(SeatBatch {
            seats: 0,
            added_at: DateTime::<Utc>::MIN_UTC,
        });
        batches
    }

    /// Whether this is [`SeatBatches::not_given`].
    pub(super) fn is_not_given(&self) -> bool {
        matches!(self.0.as_slice(), [SeatBatch { seats: 0, .. }])
    }

    /// The batches, oldest first.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::licence::SeatBatches;
    ///
    /// assert_eq!(SeatBatches::default().iter().count(), 0);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = SeatBatch> + '_ {
        self.0.iter().copied()
    }

    /// Whether there is no batch.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::licence::SeatBatches;
    ///
    /// assert!(SeatBatches::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many seats added within `window_days` before `now` (a half-open
    /// window from each batch's instant) may still be removed.
    ///
    /// # Example
    ///
    /// See [`SeatBatches`].
    ///
    /// ```
    /// use channel_licensing::licence::SeatBatches;
    ///
    /// assert_eq!(SeatBatches::default().removable(chrono::DateTime::UNIX_EPOCH, 7), 0);
    /// ```
    #[must_use]
    pub fn removable(&self, now: DateTime<Utc>, window_days: u32) -> u32 {
        self.iter()
            .filter(|batch| add_days(batch.added_at, window_days).is_ok_and(|closes| now < closes))
            .fold(0_u32, |sum, batch| sum.saturating_add(batch.seats))
    }

    pub(super) fn add(&mut self, seats: u32, at: DateTime<Utc>) {
        if seats == 0 {
            return;
        }
        if self.0.is_full() {
            // Merge the two oldest under the older instant.
            let second = self.0.remove(1);
            let first = &mut self.0[0];
            first.seats = first.seats.saturating_add(second.seats);
            first.added_at = first.added_at.min(second.added_at);
        }
        self.0.push(SeatBatch {
            seats,
            added_at: at,
        });
    }

    pub(super) fn remove_newest(&mut self, mut seats: u32) {
        while seats > 0
            && let Some(last) = self.0.last_mut()
        {
            let taken = last.seats.min(seats);
            last.seats -= taken;
            seats -= taken;
            if last.seats == 0 {
                self.0.pop();
            }
        }
    }
}

/// Reading keeps what adding keeps true: at most
/// [`SeatBatches::CAPACITY`] batches, each of at least one seat.
impl TryFrom<Vec<SeatBatch>> for SeatBatches {
    type Error = String;

    fn try_from(list: Vec<SeatBatch>) -> Result<Self, String> {
        if list.len() > Self::CAPACITY {
            return Err(format!("at most {} seat batches", Self::CAPACITY));
        }
        let mut batches = SeatBatches::default();
        for (index, batch) in list.into_iter().enumerate() {
            if batch.seats == 0 {
                return Err(format!("seat batch {index} has no seat"));
            }
            batches.0.push(batch);
        }
        Ok(batches)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for SeatBatches {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SeatBatches".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "array",
            "items": generator.subschema_for::<SeatBatch>(),
            "maxItems": SeatBatches::CAPACITY,
        })
    }
}
