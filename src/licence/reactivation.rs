//! LIC-3, LIC-4, LIC-5 (and POL-1): reactivating an expired licence inside
//! its window, with or without an interruption of service.

use super::Licence;
use super::event::LicenceChange;
use super::state::{LicenceState, Term};
use crate::calendar::add_days;
use crate::decision::Context;
use crate::error::Error;
use crate::error::refuse;
use crate::refusal::Reason;
use crate::rule::Rule;
use crate::vocabulary::LicenceAction;

impl Licence {
    /// LIC-3, LIC-4, LIC-5, POL-1: reactivating an expired licence, for a
    /// new term of `term_days`.
    pub(super) fn reactivate(
        &self,
        term_days: u32,
        auto_renew: bool,
        ctx: &Context<'_>,
    ) -> Result<LicenceChange, Error> {
        let LicenceState::Expired { at: expired_at } = self.state else {
            return Err(self.wrong_state(LicenceAction::Reactivate, ctx));
        };
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
}
