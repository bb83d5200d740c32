//! The decisions on one GDAP relationship, once the account has found who
//! acts: GDAP-1 (a request), GDAP-2 (approval, rejection), GDAP-3 (removing
//! the global administrator role), GDAP-4 (auto-extend), GDAP-6
//! (termination), GDAP-7 (final states).

use chrono::{DateTime, Utc};

use super::command::{GdapChange, GdapCommand};
use super::relationship::{GdapRelationship, GdapState};
use crate::calendar::add_days;
use crate::error::{Error, refuse};
use crate::ids::{GdapId, PartnerId};
use crate::policy::Policy;
use crate::refusal::Reason;
use crate::rule::Rule;
use crate::vocabulary::AdminRole;

/// Who acts on a relationship, as the account's access checks found them.
#[derive(Clone, Copy, Debug)]
pub(crate) enum GdapActor<'a> {
    /// A partner user, with a role that may administer GDAP (GDAP-1).
    Partner(&'a PartnerId),
    /// An admin of the relationship's customer.
    CustomerAdmin,
}

/// GDAP-1 and GDAP-4: `partner`'s request for relationship `id`, or the
/// refusal of the first problem found: the ID is `taken`, no role, a role
/// twice, a duration outside 1 to the policy's maximum, auto-extend with
/// the global administrator role.
pub(crate) fn request(
    id: &GdapId,
    partner: &PartnerId,
    command: (&[AdminRole], u32, bool),
    taken: bool,
    policy: &Policy,
) -> Result<GdapChange, Error> {
    let (roles, duration_days, auto_extend) = command;
    let gdap = id.clone();
    if taken {
        return Err(refuse(Rule::Gdap1, Reason::GdapIdTaken { gdap }));
    }
    if roles.is_empty() {
        return Err(refuse(Rule::Gdap1, Reason::GdapNoRole { gdap }));
    }
    if let Some(role) = roles
        .iter()
        .enumerate()
        .find_map(|(i, role)| roles[..i].contains(role).then_some(*role))
    {
        return Err(refuse(Rule::Gdap1, Reason::GdapRoleTwice { gdap, role }));
    }
    let max_days = policy.gdap().max_days;
    if !(1..=max_days).contains(&duration_days) {
        return Err(refuse(
            Rule::Gdap1,
            Reason::GdapDurationOutOfRange {
                gdap,
                days: duration_days,
                max_days,
            },
        ));
    }
    if auto_extend && roles.contains(&AdminRole::GlobalAdministrator) {
        return Err(refuse(
            Rule::Gdap4,
            Reason::GdapGlobalAdminAutoExtend { gdap },
        ));
    }
    Ok(GdapChange::Requested {
        partner: partner.clone(),
        roles: roles.to_vec(),
        duration_days,
        auto_extend,
    })
}

impl GdapRelationship {
    /// The changes `command` by `by` makes at `now`, or the refusal of the
    /// rule it breaks. A request for an existing ID is [`request`]'s
    /// (taken).
    pub(crate) fn decide(
        &self,
        command: &GdapCommand,
        by: GdapActor<'_>,
        now: DateTime<Utc>,
    ) -> Result<Vec<GdapChange>, Error> {
        let action = command.action();
        if let GdapActor::Partner(partner) = by
            && *partner != self.partner
        {
            return Err(refuse(
                Rule::Gdap1,
                Reason::GdapOtherPartner {
                    gdap: self.id.clone(),
                    action,
                },
            ));
        }
        let status = self.state.status();
        if status.is_final() {
            return Err(refuse(
                Rule::Gdap7,
                Reason::GdapFinal {
                    gdap: self.id.clone(),
                    action,
                    state: status,
                },
            ));
        }
        let pending = matches!(self.state, GdapState::ApprovalPending { .. });
        let wrong_state = |rule| {
            refuse(
                rule,
                Reason::GdapWrongState {
                    gdap: self.id.clone(),
                    action,
                    state: status,
                },
            )
        };
        match command {
            GdapCommand::Request { .. } => Err(refuse(
                Rule::Gdap1,
                Reason::GdapIdTaken {
                    gdap: self.id.clone(),
                },
            )),
            GdapCommand::Approve if pending => Ok(vec![GdapChange::Approved {
                ends: add_days(now, self.duration_days)?,
            }]),
            GdapCommand::Reject if pending => Ok(vec![GdapChange::Rejected]),
            GdapCommand::Approve | GdapCommand::Reject => Err(wrong_state(Rule::Gdap2)),
            // GDAP-6: the customer's admin ends an active relationship; the
            // partner may also withdraw its pending request.
            GdapCommand::Terminate if pending && matches!(by, GdapActor::CustomerAdmin) => {
                Err(wrong_state(Rule::Gdap6))
            }
            GdapCommand::Terminate => Ok(vec![GdapChange::Terminated]),
            GdapCommand::SetAutoExtend { on } => {
                if *on && self.has(AdminRole::GlobalAdministrator) {
                    return Err(refuse(
                        Rule::Gdap4,
                        Reason::GdapGlobalAdminAutoExtend {
                            gdap: self.id.clone(),
                        },
                    ));
                }
                if *on == self.auto_extend {
                    return Ok(Vec::new());
                }
                Ok(vec![GdapChange::AutoExtendSet { on: *on }])
            }
            GdapCommand::RemoveGlobalAdmin if pending => Err(wrong_state(Rule::Gdap3)),
            GdapCommand::RemoveGlobalAdmin => {
                let gdap = self.id.clone();
                if !self.has(AdminRole::GlobalAdministrator) {
                    return Err(refuse(Rule::Gdap3, Reason::GdapNoGlobalAdmin { gdap }));
                }
                if self.roles.len() == 1 {
                    return Err(refuse(Rule::Gdap3, Reason::GdapOnlyRole { gdap }));
                }
                Ok(vec![GdapChange::GlobalAdminRemoved])
            }
        }
    }
}
