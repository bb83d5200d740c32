//! LIC-7: suspending an active licence starts the customer's cancellation,
//! due after the policy's delay; resuming is allowed until it takes effect
//! (the timer itself is in `timers.rs`, the amounts in `cancellation.rs`).

use chrono::{DateTime, Utc};

use crate::calendar::add_days;
use crate::refusal::refuse;
use crate::{Error, Licence, LicenceChange, Policy, Reason, Rule};

/// LIC-7: the suspension of an active licence at `now`, and when the
/// cancellation it starts takes effect.
pub(super) fn suspension(now: DateTime<Utc>, policy: &Policy) -> Result<LicenceChange, Error> {
    Ok(LicenceChange::Suspended {
        since: now,
        cancels_at: add_days(now, policy.suspension_cancels_after_days())?,
    })
}

impl Licence {
    /// LIC-7: a licence whose suspension's cancellation took effect at `at`
    /// cannot resume.
    pub(super) fn cancelled_by_suspension(&self, at: DateTime<Utc>) -> Error {
        refuse(
            Rule::Lic7,
            Reason::SuspensionCancelled {
                licence: self.id.clone(),
                at,
            },
        )
    }
}
