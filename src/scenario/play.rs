//! Playing a scenario's steps: commands, queries and advances, each timer
//! delivered when its instant comes (LIC-2, REL-9), and the final state.

use crate::gdap::{AdminRole, GdapCommand};
use crate::licence::Purchaser;
use crate::transfer_requests::TransferCommand;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use crate::account::credit_contact;
use crate::account::{Account, AccountChange, AccountCommand, NewAccount, NewCustomer};
use crate::actor::{Actor, PartnerUser};
use crate::customers::{CustomerQuery, customer_list};
use crate::effect::{Timer, TimerKey};
use crate::error::Error;
use crate::licence::LicenceCommand;
use crate::money::Money;
use crate::name::DisplayName;
use crate::testing::{Applied, Delivery, World};
use crate::transfers::{OfferChange, TransferOptions, transfer_impact, transfer_plan};
use crate::vocabulary::UnlinkMode;

use super::read::Obj;
use super::setup::Simulation;
use super::{Result, err};

impl Simulation {
    /// Plays one step and returns its output line.
    pub(super) fn step(&mut self, index: usize, value: &Value) -> Result<Value> {
        let s = Obj::new(value, format!("step {index}"))?;
        let at = s.instant("at")?;
        if self.last.is_some_and(|last| at < last) {
            return err(&s.field("at"), "steps must be in non-decreasing `at` order");
        }
        self.last = Some(at);
        let delivered = self.deliver_due(at).map_err(|e| super::ScenarioError {
            place: format!(
                "step {index} (delivering what was due before it): {}",
                e.place
            ),
            message: e.message,
        })?;
        let at_text = at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let kinds = ["command", "query", "advance"]
            .iter()
            .filter(|k| s.get(k).is_some())
            .count();
        if kinds != 1 {
            return err(
                &s.place,
                "a step has exactly one of `command`, `query` or `advance`",
            );
        }
        if s.bool("advance", false)? {
            s.finish()?;
            return Ok(
                json!({ "step": index, "at": at_text, "outcome": "advanced", "delivered": delivered }),
            );
        }
        if let Some(query) = s.get("query") {
            let answer = self.query(&Obj::new(query, s.field("query"))?, at)?;
            s.finish()?;
            if let Some(Value::Object(refused)) = answer.get("refused_line") {
                let mut line = refused.clone();
                line.insert("step".into(), json!(index));
                line.insert("at".into(), json!(at_text));
                return Ok(Value::Object(line));
            }
            return Ok(
                json!({ "step": index, "at": at_text, "outcome": "answered", "answer": answer }),
            );
        }
        let command = s.obj("command")?;
        let actor = self.actor(&s)?;
        let mut line = self.command(&s, &command, &actor)?;
        if let Value::Object(map) = &mut line {
            map.insert("step".into(), json!(index));
            map.insert("at".into(), json!(at_text));
            if !delivered.is_empty() {
                map.insert("delivered_before".into(), json!(delivered));
            }
        }
        Ok(line)
    }

    /// Delivers every timer due at or before `until`, in due order, each at
    /// its due instant, like a scheduler that never stops, and moves the
    /// clock to `until`. After `MAX_ON_TIME` deliveries in one step (a step
    /// years after the last), the rest are delivered late, at `until`, like
    /// a scheduler that was down: the crate then catches up in one decision
    /// per timer.
    pub(super) fn deliver_due(&mut self, until: DateTime<Utc>) -> Result<Vec<Value>> {
        const MAX_ON_TIME: usize = 1_000;
        let mut delivered = Vec::new();
        // A failed delivery stays pending: the earliest timer is the one.
        let failed = |world: &World, e: Error| super::ScenarioError {
            place: world.next_due().map_or_else(
                || "a delivery".to_owned(),
                |(key, _)| format!("delivering {key}"),
            ),
            message: e.to_string(),
        };
        loop {
            if delivered.len() == MAX_ON_TIME {
                let late = self.world.advance_late_to(until);
                for late in late.map_err(|e| failed(&self.world, e))? {
                    delivered.push(self.delivered(&late));
                }
                break;
            }
            let next = self.world.deliver_next(until);
            match next.map_err(|e| failed(&self.world, e))? {
                Some(delivery) => delivered.push(self.delivered(&delivery)),
                None => break,
            }
        }
        let rest = self.world.advance_to(until);
        rest.map_err(|e| failed(&self.world, e))?;
        Ok(delivered)
    }

    /// A delivery's line, its events counted.
    fn delivered(&mut self, delivery: &Delivery) -> Value {
        let Timer { key, due } = &delivery.timer;
        self.events += delivery.decision.events().count();
        let events: Vec<Value> = delivery
            .decision
            .events()
            .map(|e| change_json(&e.change))
            .collect();
        json!({
            "type": timer_type(key),
            "key": key.to_string(),
            "due": due.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "customer": key.customer().as_str(),
            "events": events,
        })
    }

    /// An outcome line for what the world decided, its events counted.
    fn outcome(
        &mut self,
        decided: std::result::Result<Applied, Error>,
        place: &str,
    ) -> Result<Value> {
        match decided {
            Ok(Applied { decision }) => {
                self.events += decision.events().count();
                Ok(accepted(&decision))
            }
            Err(e) => outcome_error(e, place),
        }
    }

    pub(super) fn partner_id(&self, obj: &Obj<'_>, field: &str) -> Result<crate::ids::PartnerId> {
        let id = obj.str(field)?;
        if self.partners.contains_key(id) {
            Ok(id.into())
        } else {
            err(&obj.field(field), format!("unknown partner `{id}`"))
        }
    }

    pub(super) fn account(&self, obj: &Obj<'_>, field: &str) -> Result<&Account> {
        let id = obj.str(field)?;
        match self.world.account(&id.into()) {
            Some(a) => Ok(a),
            None => err(&obj.field(field), format!("unknown customer `{id}`")),
        }
    }

    #[expect(
        clippy::too_many_lines,
        reason = "one arm per command of the format, each read where it is decided"
    )]
    pub(super) fn command(&mut self, step: &Obj<'_>, c: &Obj<'_>, actor: &Actor) -> Result<Value> {
        let kind = c.str("type")?;
        if let "create_trial" | "create_monthly_account" = kind {
            let nc = c.obj("customer")?;
            let customer = NewCustomer::new(nc.str("id")?, nc.str("name")?, nc.str("region")?);
            if self.world.account(&customer.id).is_some() {
                return err(
                    &nc.field("id"),
                    format!("customer `{}` already exists", customer.id),
                );
            }
            let command = if kind == "create_trial" {
                let offer = match c.opt_str("offer")? {
                    Some(o) => o.to_owned(),
                    None => match actor {
                        Actor::Partner(u) => u
                            .offers
                            .first()
                            .map_or_else(|| "trial".to_owned(), ToString::to_string),
                        _ => "trial".to_owned(),
                    },
                };
                NewAccount::CreateTrial {
                    licence: c
                        .opt_str("licence")?
                        .map_or_else(|| format!("{}-trial", customer.id), str::to_owned)
                        .into(),
                    customer,
                    offer: offer.into(),
                    seats: if c.get("seats").is_some() {
                        c.u32("seats")?
                    } else {
                        1
                    },
                    trial_days: c.u32("trial_days")?,
                }
            } else {
                NewAccount::CreateMonthlyAccount { customer }
            };
            nc.finish()?;
            c.finish()?;
            step.finish()?;
            let created = self.world.create(&command, actor);
            return self.outcome(created, &c.field("type"));
        }
        let account = self.account(step, "customer")?;
        let customer = account.id.clone();
        let lic = |name: &str| -> Result<crate::ids::LicenceId> {
            let id = c.str(name)?;
            if account.licences.iter().any(|l| l.id.as_str() == id) || kind == "add_subscription" {
                Ok(id.into())
            } else {
                err(
                    &c.field(name),
                    format!("unknown licence `{id}` of customer `{customer}`"),
                )
            }
        };
        let on_licence = |command| -> Result<AccountCommand> {
            Ok(AccountCommand::Licence {
                licence: lic("licence")?,
                command,
            })
        };
        // Every GDAP and transfer command but a new one names one the
        // customer has: an unknown ID is an input error.
        let on_gdap = |command| -> Result<AccountCommand> {
            let id = c.str("gdap")?;
            if !account.gdap.iter().any(|g| g.id.as_str() == id) {
                return err(
                    &c.field("gdap"),
                    format!("unknown GDAP relationship `{id}` of customer `{customer}`"),
                );
            }
            Ok(AccountCommand::Gdap {
                gdap: id.into(),
                command,
            })
        };
        let on_transfer = |command| -> Result<AccountCommand> {
            let id = c.str("transfer")?;
            if !account
                .transfer_requests
                .iter()
                .any(|r| r.id.as_str() == id)
            {
                return err(
                    &c.field("transfer"),
                    format!("unknown transfer request `{id}` of customer `{customer}`"),
                );
            }
            Ok(AccountCommand::TransferRequest {
                transfer: id.into(),
                command,
            })
        };
        let command = match kind {
            "convert_to_monthly" => AccountCommand::ConvertToMonthly,
            "enrol_early_access" => AccountCommand::EnrolEarlyAccess {
                programme: c.str("programme")?.into(),
                flex_compatible: c.bool("flex_compatible", false)?,
            },
            "request_relationship" => AccountCommand::RequestRelationship,
            "accept_invitation" => AccountCommand::AcceptInvitation {
                partner: self.partner_id(c, "partner")?,
            },
            "decline_invitation" => AccountCommand::DeclineInvitation {
                partner: self.partner_id(c, "partner")?,
            },
            "unlink" => AccountCommand::Unlink {
                mode: match c.str("mode")? {
                    "immediate" => UnlinkMode::Immediate,
                    "scheduled" => UnlinkMode::Scheduled,
                    other => return err(&c.field("mode"), format!("unknown mode `{other}`")),
                },
            },
            "cancel_scheduled_unlink" => AccountCommand::CancelScheduledUnlink,
            "launch_console" => AccountCommand::LaunchConsole,
            "enable_partner_assistance" => AccountCommand::EnablePartnerAssistance,
            "disable_partner_assistance" => AccountCommand::DisablePartnerAssistance,
            "add_to_group" => AccountCommand::AddToGroup {
                group: c.str("group")?.into(),
            },
            "rename" => AccountCommand::Rename {
                name: DisplayName::new(c.str("name")?),
            },
            "add_subscription" => AccountCommand::AddSubscription {
                licence: lic("licence")?,
                offer: c.str("offer")?.into(),
                seats: c.u32("seats")?,
                term_days: c.u32("term_days")?,
                auto_renew: c.bool("auto_renew", true)?,
                price: if c.get("price").is_some() {
                    Some(c.parse::<Money>("price")?)
                } else {
                    None
                },
            },
            "change_seats" => on_licence(LicenceCommand::ChangeSeats {
                seats: c.u32("seats")?,
            })?,
            "suspend" => on_licence(LicenceCommand::Suspend)?,
            "resume" => on_licence(LicenceCommand::Resume)?,
            "cancel" => on_licence(LicenceCommand::Cancel)?,
            "set_auto_renew" => on_licence(LicenceCommand::SetAutoRenew {
                on: c.required_bool("on")?,
            })?,
            "remove_licence" => on_licence(LicenceCommand::Remove)?,
            "reactivate" => on_licence(LicenceCommand::Reactivate {
                term_days: c.u32("term_days")?,
                auto_renew: c.bool("auto_renew", false)?,
            })?,
            "revoke" => on_licence(LicenceCommand::Revoke)?,
            "request_gdap" => AccountCommand::Gdap {
                gdap: c.str("gdap")?.into(),
                command: GdapCommand::Request {
                    roles: c.parse::<Vec<AdminRole>>("roles")?,
                    duration_days: c.u32("duration_days")?,
                    auto_extend: c.bool("auto_extend", false)?,
                },
            },
            "approve_gdap" => on_gdap(GdapCommand::Approve)?,
            "reject_gdap" => on_gdap(GdapCommand::Reject)?,
            "terminate_gdap" => on_gdap(GdapCommand::Terminate)?,
            "remove_global_admin" => on_gdap(GdapCommand::RemoveGlobalAdmin)?,
            "set_gdap_auto_extend" => on_gdap(GdapCommand::SetAutoExtend {
                on: c.required_bool("on")?,
            })?,
            "create_transfer_request" => AccountCommand::TransferRequest {
                transfer: c.str("transfer")?.into(),
                command: TransferCommand::Create {
                    from_partner: self.partner_id(c, "from_partner")?,
                    licences: c
                        .strings("licences")?
                        .into_iter()
                        .map(|id| {
                            if account.licences.iter().any(|l| l.id.as_str() == id) {
                                Ok(id.into())
                            } else {
                                err(
                                    &c.field("licences"),
                                    format!("unknown licence `{id}` of customer `{customer}`"),
                                )
                            }
                        })
                        .collect::<Result<_>>()?,
                },
            },
            "accept_transfer_request" => on_transfer(TransferCommand::Accept)?,
            "reject_transfer_request" => on_transfer(TransferCommand::Reject)?,
            "cancel_transfer_request" => on_transfer(TransferCommand::Cancel)?,
            other => return err(&c.field("type"), format!("unknown command `{other}`")),
        };
        c.finish()?;
        step.finish()?;
        let decided = self.world.decide(&customer, &command, actor);
        self.outcome(decided, &c.field("type"))
    }

    pub(super) fn query(&self, q: &Obj<'_>, at: DateTime<Utc>) -> Result<Value> {
        let answer = self.answer(q, at)?;
        q.finish()?;
        Ok(answer)
    }

    fn answer(&self, q: &Obj<'_>, at: DateTime<Utc>) -> Result<Value> {
        match q.str("type")? {
            "customer_list" => {
                let partner = q.str("partner")?;
                let Some(p) = self.partners.get(partner) else {
                    return err(&q.field("partner"), format!("unknown partner `{partner}`"));
                };
                let mut query = CustomerQuery::new(partner)
                    .only_active_protection(q.bool("only_active_protection", false)?);
                query.programmes = p.programmes.iter().copied().collect();
                if let Some(text) = q.opt_str("search")? {
                    query = query.search(text);
                }
                let rows = customer_list(self.world.accounts(), &query, at, self.world.policy());
                let ids: Vec<&str> = rows.iter().map(|r| r.customer.as_str()).collect();
                let managed: Vec<&str> = rows
                    .iter()
                    .filter(|r| r.managed_order)
                    .map(|r| r.customer.as_str())
                    .collect();
                Ok(json!({ "customers": ids, "managed_orders": managed, "rows": rows }))
            }
            "transfer_plan" => {
                let account = self.account(q, "customer")?;
                let to = q.str("to_partner")?;
                let Some(p) = self.partners.get(to) else {
                    return err(&q.field("to_partner"), format!("unknown partner `{to}`"));
                };
                let options = TransferOptions::default()
                    .cancel_early(q.bool("cancel_early", false)?)
                    .tenant_to_tenant(q.bool("tenant_to_tenant", false)?);
                let user = PartnerUser::new(to, p.region.as_str());
                let from = self.partner_id(q, "from_partner")?;
                match transfer_plan(account, &from, &user, options, at, self.world.policy()) {
                    Ok(plan) => Ok(serde_json::to_value(&plan).unwrap_or(Value::Null)),
                    // A plan that cannot be made is a refusal line (see `step`).
                    Err(e @ Error::Refused(_)) => {
                        outcome_error(e, &q.place).map(|line| json!({ "refused_line": line }))
                    }
                    Err(e) => err(&q.place, e.to_string()),
                }
            }
            "transfer_impact" => {
                let mut change = OfferChange::new(
                    q.str("from_offer")?,
                    q.u32("seats_from")?,
                    q.str("to_offer")?,
                    q.u32("seats_to")?,
                );
                change.equivalent = q.bool("equivalent", false)?;
                change.to_offer_available = q.bool("to_offer_available", true)?;
                Ok(serde_json::to_value(transfer_impact(&change)).unwrap_or(Value::Null))
            }
            "credit_contact" => {
                let account = self.account(q, "customer")?;
                let partner = self.partner_id(q, "partner")?;
                let licence = match q.opt_str("licence")? {
                    Some(id) if account.licences.iter().any(|l| l.id.as_str() == id) => {
                        Some(crate::ids::LicenceId::from(id))
                    }
                    Some(id) => {
                        return err(
                            &q.field("licence"),
                            format!("unknown licence `{id}` of customer `{}`", account.id),
                        );
                    }
                    None => None,
                };
                let who = credit_contact(account, &partner, licence.as_ref(), at);
                Ok(json!({ "eligible": who.eligible(), "who": who }))
            }
            other => err(&q.field("type"), format!("unknown query `{other}`")),
        }
    }

    /// The final state line.
    pub(super) fn final_state(&self) -> Value {
        let at = self.last.unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
        let policy = self.world.policy();
        let customers: Map<String, Value> = self
            .world
            .accounts()
            .map(|a| {
                let relationships: Map<String, Value> = a
                    .relationships
                    .iter()
                    .map(|r| (r.partner.to_string(), json!(a.relationship_status(&r.partner, at))))
                    .collect();
                let licences: Map<String, Value> = a
                    .licences
                    .iter()
                    .map(|l| {
                        let mut v = serde_json::to_value(l.status(at, policy)).unwrap_or(Value::Null);
                        if let Value::Object(map) = &mut v {
                            map.insert("seats".into(), json!(l.seats));
                            let bought_by = match &l.bought_by {
                                Purchaser::Partner(partner) => partner.to_string(),
                                Purchaser::Customer => "customer".to_owned(),
                            };
                            map.insert("bought_by".into(), json!(bought_by));
                        }
                        (l.id.to_string(), v)
                    })
                    .collect();
                let groups: Vec<&str> = a.groups.iter().map(|m| m.group.as_str()).collect();
                let mut customer = json!({
                    "name": a.name, "billing": a.billing, "partner_assistance": a.partner_assistance,
                    "relationships": relationships, "licences": licences, "groups": groups,
                });
                if !a.gdap.is_empty() {
                    let gdap: Map<String, Value> = a
                        .gdap
                        .iter()
                        .map(|g| (g.id.to_string(), json!(g.state.status())))
                        .collect();
                    customer["gdap"] = Value::Object(gdap);
                }
                if !a.transfer_requests.is_empty() {
                    let requests: Map<String, Value> = a
                        .transfer_requests
                        .iter()
                        .map(|r| (r.id.to_string(), json!(r.state.status())))
                        .collect();
                    customer["transfer_requests"] = Value::Object(requests);
                }
                (a.id.to_string(), customer)
            })
            .collect();
        let pending: Vec<Value> = self
            .world
            .outbox()
            .iter()
            .map(|(k, due)| json!({ "key": k.to_string(), "due": due.to_rfc3339_opts(chrono::SecondsFormat::Secs, true) }))
            .collect();
        json!({ "final": { "customers": customers, "outbox": pending, "events": self.events } })
    }
}

pub(super) fn timer_type(key: &TimerKey) -> &'static str {
    match key {
        TimerKey::TermEnd { .. } => "term_end",
        TimerKey::TrialEnd { .. } => "trial_end",
        TimerKey::SuspensionCancellation { .. } => "suspension_cancellation",
        TimerKey::Reminder { .. } => "reminder",
        TimerKey::ScheduledUnlink { .. } => "scheduled_unlink",
        TimerKey::GdapApprovalDeadline { .. } => "gdap_approval_deadline",
        TimerKey::GdapNotice { .. } => "gdap_notice",
        TimerKey::GdapEnd { .. } => "gdap_end",
        TimerKey::TransferExpiry { .. } => "transfer_expiry",
    }
}

pub(super) fn change_json(change: &AccountChange) -> Value {
    serde_json::to_value(change).unwrap_or(Value::Null)
}

pub(super) fn accepted(
    decision: &crate::decision::Decision<crate::account::AccountEvent>,
) -> Value {
    let events: Vec<Value> = decision.events().map(|e| change_json(&e.change)).collect();
    let effects: Vec<Value> = decision
        .effects()
        .map(|e| {
            let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
            if let (Value::Object(map), Some(key)) = (&mut v, e.key()) {
                map.insert("key".into(), json!(key.to_string()));
            }
            v
        })
        .collect();
    json!({ "outcome": "accepted", "events": events, "effects": effects })
}

/// A refusal is an outcome; any other error is an input error.
pub(super) fn outcome_error(e: Error, place: &str) -> Result<Value> {
    match e {
        Error::Refused(r) => Ok(json!({
            "outcome": "refused",
            "rule": r.rule().id(),
            "earliest": r.earliest().map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            "message": r.to_string(),
            "reason": r.reason(),
        })),
        other => err(place, other.to_string()),
    }
}
