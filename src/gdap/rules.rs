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
use crate::vocabulary::{AdminRole, GdapAction, GdapProblem};

/// Who acts on a relationship, as the account's access checks found them.
#[derive(Clone, Copy, Debug)]
pub(crate) enum GdapActor<'a> {
    /// A partner user, with a role that may administer GDAP (GDAP-1).
    Partner(&'a PartnerId),
    /// An admin of the relationship's customer.
    CustomerAdmin,
}

/// The refusal of `action` on relationship `gdap` under `rule`.
fn refused(rule: Rule, gdap: &GdapId, action: GdapAction, problem: GdapProblem) -> Error {
    refuse(
        rule,
        Reason::Gdap {
            gdap: gdap.clone(),
            action,
            problem,
        },
    )
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
    let no = |rule, problem| Err(refused(rule, id, GdapAction::Request, problem));
    if taken {
        return no(Rule::Gdap1, GdapProblem::IdTaken);
    }
    if roles.is_empty() {
        return no(Rule::Gdap1, GdapProblem::NoRole);
    }
    if let Some(role) = roles
        .iter()
        .enumerate()
        .find_map(|(i, role)| roles[..i].contains(role).then_some(*role))
    {
        return no(Rule::Gdap1, GdapProblem::RoleTwice { role });
    }
    let max_days = policy.gdap().max_days;
    if !(1..=max_days).contains(&duration_days) {
        return no(
            Rule::Gdap1,
            GdapProblem::DurationOutOfRange {
                days: duration_days,
                max_days,
            },
        );
    }
    if auto_extend && roles.contains(&AdminRole::GlobalAdministrator) {
        return no(Rule::Gdap4, GdapProblem::GlobalAdminAutoExtend);
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
        let no = |rule, problem| Err(refused(rule, &self.id, action, problem));
        if let GdapActor::Partner(partner) = by
            && *partner != self.partner
        {
            return no(Rule::Gdap1, GdapProblem::OtherPartner);
        }
        let state = self.state.status();
        if state.is_final() {
            return no(Rule::Gdap7, GdapProblem::Final { state });
        }
        let pending = matches!(self.state, GdapState::ApprovalPending { .. });
        let wrong_state = GdapProblem::WrongState { state };
        match command {
            GdapCommand::Request { .. } => no(Rule::Gdap1, GdapProblem::IdTaken),
            GdapCommand::Approve if pending => Ok(vec![GdapChange::Approved {
                ends: add_days(now, self.duration_days)?,
            }]),
            GdapCommand::Reject if pending => Ok(vec![GdapChange::Rejected]),
            GdapCommand::Approve | GdapCommand::Reject => no(Rule::Gdap2, wrong_state),
            // GDAP-6: the customer's admin ends an active relationship; the
            // partner may also withdraw its pending request.
            GdapCommand::Terminate if pending && matches!(by, GdapActor::CustomerAdmin) => {
                no(Rule::Gdap6, wrong_state)
            }
            GdapCommand::Terminate => Ok(vec![GdapChange::Terminated]),
            GdapCommand::SetAutoExtend { on: true } if self.has(AdminRole::GlobalAdministrator) => {
                no(Rule::Gdap4, GdapProblem::GlobalAdminAutoExtend)
            }
            GdapCommand::SetAutoExtend { on } if *on == self.auto_extend => Ok(Vec::new()),
            GdapCommand::SetAutoExtend { on } => Ok(vec![GdapChange::AutoExtendSet { on: *on }]),
            GdapCommand::RemoveGlobalAdmin if pending => no(Rule::Gdap3, wrong_state),
            GdapCommand::RemoveGlobalAdmin if !self.has(AdminRole::GlobalAdministrator) => {
                no(Rule::Gdap3, GdapProblem::NoGlobalAdmin)
            }
            GdapCommand::RemoveGlobalAdmin if self.roles.len() == 1 => {
                no(Rule::Gdap3, GdapProblem::OnlyRole)
            }
            GdapCommand::RemoveGlobalAdmin => Ok(vec![GdapChange::GlobalAdminRemoved]),
        }
    }
}
