//! LIC-9 (revoke), LIC-10 (remove), LIC-12 (auto-renew), LIC-13 (terminal
//! states refuse every command), and REL-7 at the licence (the end with its
//! partner's scheduled unlink). Each command's rule starts from the
//! licence as it stands at `now`; "already in that state" is a no-op.

use chrono::{DateTime, Utc};

use super::Licence;
use super::event::LicenceChange;
use super::state::LicenceState;
use crate::actor::Actor;
use crate::actor::{ActorKind, Right};
use crate::decision::Context;
use crate::error::Error;
use crate::error::refuse;
use crate::refusal::Reason;
use crate::rule::Rule;
use crate::vocabulary::LicenceAction;

impl Licence {
    /// LIC-13: a licence in a terminal state refuses `action`.
    pub(super) fn terminal(&self, action: LicenceAction, ctx: &Context<'_>) -> Error {
        refuse(
            Rule::Lic13,
            Reason::TerminalState {
                licence: self.id.clone(),
                action,
                state: self.status(ctx.now, ctx.policy),
            },
        )
    }

    /// LIC-13 first, then the rule of `action`: its state does not allow it.
    pub(super) fn wrong_state(&self, action: LicenceAction, ctx: &Context<'_>) -> Error {
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

    /// LIC-13: `action` is refused on a terminal licence.
    pub(super) fn not_terminal(
        &self,
        action: LicenceAction,
        ctx: &Context<'_>,
    ) -> Result<(), Error> {
        if self.is_terminal(ctx.now, ctx.policy) {
            return Err(self.terminal(action, ctx));
        }
        Ok(())
    }

    /// LIC-9: the vendor revokes a licence in any state but a terminal one.
    pub(super) fn revoke(&self, ctx: &Context<'_>) -> Result<Option<LicenceChange>, Error> {
        let action = LicenceAction::Revoke;
        if !matches!(ctx.actor, Actor::Vendor) {
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
        if let LicenceState::Revoked { .. } = self.state {
            return Ok(None);
        }
        self.not_terminal(action, ctx)?;
        Ok(Some(LicenceChange::Revoked { at: ctx.now }))
    }

    /// LIC-10: the licence is removed from the account, from any state but
    /// a terminal one.
    pub(super) fn remove(&self, ctx: &Context<'_>) -> Result<Option<LicenceChange>, Error> {
        if let LicenceState::Removed { .. } = self.state {
            return Ok(None);
        }
        self.not_terminal(LicenceAction::Remove, ctx)?;
        Ok(Some(LicenceChange::Removed { at: ctx.now }))
    }

    /// LIC-12: auto-renew is switched on an active licence; the same
    /// setting is a no-op.
    pub(super) fn set_auto_renew(
        &self,
        on: bool,
        ctx: &Context<'_>,
    ) -> Result<Option<LicenceChange>, Error> {
        match self.state {
            LicenceState::Active { auto_renew, .. } if auto_renew == on => Ok(None),
            LicenceState::Active { .. } => Ok(Some(LicenceChange::AutoRenewChanged { on })),
            _ => Err(self.wrong_state(LicenceAction::SetAutoRenew, ctx)),
        }
    }

    /// REL-7's Decision at the licence: the scheduled unlink of the partner
    /// that bought it took effect at `at`, so an active or suspended
    /// licence is removed at that instant; any other stays as it is.
    pub(super) fn ended_with_unlink(&self, at: DateTime<Utc>) -> Option<LicenceChange> {
        matches!(
            self.state,
            LicenceState::Active { .. } | LicenceState::Suspended { .. }
        )
        .then_some(LicenceChange::Removed { at })
    }
}
