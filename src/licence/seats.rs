//! LIC-11 and SUB-2 (seat changes) and POL-2 (seats removable only within a
//! window of when they were added, counted over the licence's seat batches).

use super::Licence;
use super::event::LicenceChange;
use super::state::LicenceState;
use crate::decision::Context;
use crate::error::Error;
use crate::error::refuse;
use crate::refusal::Reason;
use crate::rule::Rule;
use crate::vocabulary::LicenceAction;

impl Licence {
    /// LIC-11 on an active licence: at least one seat; the same count is a
    /// no-op; under a seat-decrease window only seats added inside it may go
    /// (POL-2).
    pub(super) fn change_seats(
        &self,
        seats: u32,
        ctx: &Context<'_>,
    ) -> Result<Option<LicenceChange>, Error> {
        if !matches!(self.state, LicenceState::Active { .. }) {
            return Err(self.wrong_state(LicenceAction::ChangeSeats, ctx));
        }
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
}
