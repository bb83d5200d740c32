//! Unlinking (REL-4, REL-5, REL-6, REL-7, REL-8, REL-11): what blocks an
//! immediate unlink, the scheduled unlink of a monthly account and its
//! cancellation.

use chrono::{DateTime, Utc};

use super::Account;
use super::Out;
use super::event::AccountChange;
use super::relationship::RelationshipState;
use crate::actor::Programme;
use crate::calendar::first_instant_of_next_month;
use crate::decision::Context;
use crate::effect::{Effect, Timer, TimerKey};
use crate::error::Error;
use crate::error::refuse;
use crate::ids::PartnerId;
use crate::licence::{Licence, LicenceState};
use crate::refusal::{Reason, Refusal};
use crate::rule::Rule;
use crate::vocabulary::AccountAction;
use crate::vocabulary::UnlinkMode;
use crate::vocabulary::{BillingType, LicenceStatus};

impl Account {
    /// REL-4 … REL-7, REL-11.
    pub(super) fn unlink(
        &self,
        mode: UnlinkMode,
        ctx: &Context<'_>,
        out: &mut Out,
    ) -> Result<(), Error> {
        let action = AccountAction::Unlink;
        let (user, relationship, state) = self.live_partner(action, Rule::Auth1, ctx)?;
        let wrong_mode = |applies| {
            refuse(
                Rule::Rel11,
                Reason::WrongUnlinkMode {
                    customer: self.customer_ref(),
                    asked: mode,
                    applies,
                    billing: self.billing,
                },
            )
        };
        if let RelationshipState::UnlinkScheduled { .. } = state {
            // Already scheduled: "already in that state" for a scheduled unlink.
            return match mode {
                UnlinkMode::Scheduled => Ok(()),
                UnlinkMode::Immediate => Err(wrong_mode(UnlinkMode::Scheduled)),
            };
        }
        if self.billing == BillingType::MonthlyUsage {
            // REL-7 (its Decision: REL-4 and REL-5 do not apply here).
            if mode != UnlinkMode::Scheduled {
                return Err(wrong_mode(UnlinkMode::Scheduled));
            }
            if !user.programmes.contains(Programme::MspFlex) {
                return Err(self.missing_programme(Rule::Rel7, action, Programme::MspFlex));
            }
            let unlink_at = first_instant_of_next_month(ctx.now, ctx.policy.calendar())?;
            out.event(AccountChange::BillingChanged {
                from: BillingType::MonthlyUsage,
                to: BillingType::Trial,
            });
            out.event(AccountChange::UnlinkScheduled {
                partner: user.partner.clone(),
                unlink_at,
                mdr_reports_until: unlink_at,
            });
            out.effect(Effect::Schedule(Timer {
                key: self.unlink_key(&user.partner),
                due: unlink_at,
            }));
            return Ok(());
        }
        if mode != UnlinkMode::Immediate {
            return Err(wrong_mode(UnlinkMode::Immediate));
        }
        // REL-4 and REL-5 first, on trial accounts too: REL-6 never
        // overrides them.
        // The relationship's copy of the partner's ID: the one a loaded
        // account's licences share.
        self.check_licences_allow_unlink(&relationship.partner, ctx)?;
        // REL-6: unlinked now.
        out.event(AccountChange::Unlinked {
            partner: user.partner.clone(),
            at: ctx.now,
        });
        Ok(())
    }

    /// REL-4 and REL-5, for every account but monthly usage: only the
    /// licences `partner` bought count (SUB-1); another partner's, or the
    /// customer's own, never block this partner's unlink. A licence in the
    /// trial state never blocks. Each licence is judged as it stands at
    /// `now`.
    fn check_licences_allow_unlink(
        &self,
        partner: &PartnerId,
        ctx: &Context<'_>,
    ) -> Result<(), Error> {
        // REL-4: an active or suspended licence must be removed first.
        // REL-5: an expired licence blocks while its policy phase does; the
        // earliest instant is the latest window end over all of them.
        let mut blocking: Option<(&Licence, DateTime<Utc>, DateTime<Utc>)> = None;
        for licence in &self.licences {
            if !licence.bought_by.is_partner(partner) {
                continue;
            }
            let state = licence.state;
            match state {
                LicenceState::Active { .. } | LicenceState::Suspended { .. } => {
                    return Err(refuse(
                        Rule::Rel4,
                        Reason::LicenceBlocksUnlink {
                            customer: self.customer_ref(),
                            licence: licence.id.clone(),
                            state: if matches!(state, LicenceState::Active { .. }) {
                                LicenceStatus::Active
                            } else {
                                LicenceStatus::Suspended
                            },
                        },
                    ));
                }
                LicenceState::Expired { at } => {
                    if let Some(closes) = ctx.policy.unlink_blocked_until(at, ctx.now)?
                        && blocking.is_none_or(|(_, _, latest)| closes > latest)
                    {
                        blocking = Some((licence, at, closes));
                    }
                }
                _ => {}
            }
        }
        if let Some((licence, expired_at, window_closes)) = blocking {
            return Err(Refusal::new(
                Rule::Rel5,
                Reason::ReactivationWindowOpen {
                    customer: self.customer_ref(),
                    licence: licence.id.clone(),
                    expired_at,
                    window_closes,
                },
            )
            .possible_from(window_closes)
            .into());
        }
        Ok(())
    }

    /// REL-8: delete a scheduled unlink before its date; monthly usage again.
    pub(super) fn cancel_scheduled_unlink(
        &self,
        ctx: &Context<'_>,
        out: &mut Out,
    ) -> Result<(), Error> {
        let action = AccountAction::CancelScheduledUnlink;
        let user = self.partner_user(action, ctx)?;
        let state = self
            .relationship(&user.partner)
            .map(|r| r.state_at(ctx.now));
        match state {
            Some(RelationshipState::UnlinkScheduled { .. }) => {}
            Some(state @ (RelationshipState::Linked | RelationshipState::Unlinked { .. })) => {
                return Err(refuse(
                    Rule::Rel8,
                    Reason::NoScheduledUnlink {
                        customer: self.customer_ref(),
                        partner: user.partner.clone(),
                        action,
                        state: state.status(),
                    },
                ));
            }
            _ => return Err(self.not_live(user, action, Rule::Auth1, state)),
        }
        if !user.programmes.contains(Programme::MspFlex) {
            return Err(self.missing_programme(Rule::Rel8, action, Programme::MspFlex));
        }
        out.event(AccountChange::ScheduledUnlinkCancelled {
            partner: user.partner.clone(),
        });
        if self.billing == BillingType::Trial {
            out.event(AccountChange::BillingChanged {
                from: BillingType::Trial,
                to: BillingType::MonthlyUsage,
            });
        }
        out.effect(Effect::Cancel {
            key: self.unlink_key(&user.partner),
        });
        Ok(())
    }

    pub(super) fn unlink_key(&self, partner: &PartnerId) -> TimerKey {
        TimerKey::ScheduledUnlink {
            customer: self.id.clone(),
            partner: partner.clone(),
        }
    }
}
