//! What a stored licence keeps true, checked when it is read (LIC-1, LIC-7,
//! POL-2, POL-3): every licence that loads is one a decision could have
//! left.

use chrono::{DateTime, Utc};

use super::Licence;
use super::state::LicenceState;
use crate::error::Error;
use crate::rule::Rule;

impl Licence {
    /// The first invariant this licence breaks, as an
    /// [`Error::InvalidState`] naming the field (its path within the
    /// licence):
    ///
    /// - a suspension's cancellation comes after the suspension (`cancels_at`
    ///   after `since`, LIC-7);
    /// - reminders were sent only up to the end of the licence's term, or of
    ///   the term it expired at (`reminded_until`, POL-3; a licence revoked,
    ///   removed or cancelled, possibly at an earlier instant than a
    ///   reminder, is not checked);
    /// - its seat batches hold exactly the licence's seats (`seat_batches`,
    ///   POL-2), or none when it has no term (a licence stored expired,
    ///   revoked, removed or cancelled).
    ///
    /// Terms that end after they start and at least one seat are
    /// [`Licence::new`]'s own checks.
    pub(crate) fn check(&self) -> Result<(), Error> {
        let invalid = |field: &str, problem: String, rule| Error::InvalidState {
            field: field.into(),
            problem,
            rule: Some(rule),
        };
        if let LicenceState::Suspended {
            since, cancels_at, ..
        } = self.state
            && cancels_at <= since
        {
            return Err(invalid(
                "cancels_at",
                format!("the cancellation ({cancels_at}) is not after the suspension ({since})"),
                Rule::Lic7,
            ));
        }
        if let (Some(sent), Some(bound)) = (self.reminded_until, self.reminders_bound())
            && sent > bound
        {
            return Err(invalid(
                "reminded_until",
                format!("reminders marked sent up to {sent}, after {bound}"),
                Rule::Pol3,
            ));
        }
        let batched = self
            .seat_batches
            .iter()
            .fold(0_u64, |sum, batch| sum + u64::from(batch.seats));
        // Decisions keep the batches adding up to the seats; a licence that
        // was stored as expired, revoked, removed or cancelled may have none.
        let unbatched = batched == 0 && !self.has_term();
        if batched != u64::from(self.seats) && !unbatched {
            return Err(invalid(
                "seat_batches",
                format!(
                    "{batched} seats in batches, not the licence's {}",
                    self.seats
                ),
                Rule::Pol2,
            ));
        }
        Ok(())
    }

    /// Whether the licence is in a state with a term: trial, active or
    /// suspended.
    fn has_term(&self) -> bool {
        matches!(
            self.state,
            LicenceState::Trial { .. }
                | LicenceState::Active { .. }
                | LicenceState::Suspended { .. }
        )
    }

    /// The last instant a reminder of this licence can have been due, where
    /// one is known: its term's end, or the end of the term it expired at.
    fn reminders_bound(&self) -> Option<DateTime<Utc>> {
        match self.state {
            LicenceState::Trial { term }
            | LicenceState::Active { term, .. }
            | LicenceState::Suspended { term, .. } => Some(term.ends),
            LicenceState::Expired { at } => Some(at),
            LicenceState::Revoked { .. }
            | LicenceState::Removed { .. }
            | LicenceState::Cancelled { .. } => None,
        }
    }
}
