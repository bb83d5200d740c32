//! LIC-8 (cancellation forfeits the unused term, no refund) and POL-2's
//! prorated refund inside a policy's refund window; POL-4 money maths.

use chrono::{DateTime, Utc};

use super::Licence;
use super::event::LicenceChange;
use super::state::CancelledBy;
use super::state::{LicenceState, Term};
use crate::calendar::{add_days, whole_days_between};
use crate::decision::Context;
use crate::error::Error;
use crate::policy::Policy;
use crate::vocabulary::LicenceAction;

impl Licence {
    /// LIC-8: the customer's request cancels an active or suspended
    /// licence now. Already cancelled: a no-op.
    pub(super) fn cancel(&self, ctx: &Context<'_>) -> Result<Option<LicenceChange>, Error> {
        match self.state {
            LicenceState::Cancelled { .. } => Ok(None),
            LicenceState::Active { term, .. } | LicenceState::Suspended { term, .. } => self
                .cancellation(term, ctx.now, CancelledBy::Request, ctx.policy)
                .map(Some),
            _ => Err(self.wrong_state(LicenceAction::Cancel, ctx)),
        }
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
                Err(error) => return Err(error.into()),
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
}
