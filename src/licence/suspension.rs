//! LIC-7 and SUB-3: suspending an active licence starts the customer's cancellation,
//! due after the policy's delay; resuming is allowed until it takes effect
//! (the cancellation itself is the timer in `timers.rs`, its amounts are
//! `cancellation.rs`'s).

use chrono::{DateTime, Utc};

use super::Licence;
use super::event::LicenceChange;
use super::state::CancelledBy;
use super::state::LicenceState;
use crate::calendar::add_days;
use crate::decision::Context;
use crate::error::Error;
use crate::error::refuse;
use crate::policy::Policy;
use crate::refusal::Reason;
use crate::rule::Rule;
use crate::vocabulary::LicenceAction;

impl Licence {
    /// LIC-7: an active licence is suspended now; its cancellation takes
    /// effect after the policy's delay. Already suspended: a no-op.
    pub(super) fn suspend(&self, ctx: &Context<'_>) -> Result<Option<LicenceChange>, Error> {
        match self.state {
            LicenceState::Suspended { .. } => Ok(None),
            LicenceState::Active { .. } => suspension(ctx.now, ctx.policy).map(Some),
            _ => Err(self.wrong_state(LicenceAction::Suspend, ctx)),
        }
    }

    /// LIC-7: a suspended licence resumes until its cancellation takes
    /// effect; once it has, it cannot. Already active: a no-op.
    pub(super) fn resume(&self, ctx: &Context<'_>) -> Result<Option<LicenceChange>, Error> {
        match self.state {
            LicenceState::Active { .. } => Ok(None),
            LicenceState::Cancelled {
                at,
                by: CancelledBy::Suspension,
            } => Err(refuse(
                Rule::Lic7,
                Reason::SuspensionCancelled {
                    licence: self.id.clone(),
                    at,
                },
            )),
            LicenceState::Suspended { .. } => Ok(Some(LicenceChange::Resumed)),
            _ => Err(self.wrong_state(LicenceAction::Resume, ctx)),
        }
    }
}

/// LIC-7: the suspension of an active licence at `now`, and when the
/// cancellation it starts takes effect.
fn suspension(now: DateTime<Utc>, policy: &Policy) -> Result<LicenceChange, Error> {
    Ok(LicenceChange::Suspended {
        since: now,
        cancels_at: add_days(now, policy.suspension_cancels_after_days())?,
    })
}
