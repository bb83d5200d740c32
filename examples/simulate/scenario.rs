//! The scenario format (version 1, `SCENARIOS.md`) mapped onto the crate: a
//! faithful caller that keeps every account, persists events and effects in
//! memory, delivers each timer when its instant comes, and reports what the
//! crate decided at each step as JSON values.
//!
//! Used by `examples/simulate/main.rs` and by the tests (`tests/wire/scenarios.rs`, `tests/robustness/`).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt;

use channel_licensing::{
    Account, AccountChange, AccountCommand, Actor, BillingType, CancelledBy, Contact, Context,
    CreatedBy, CustomerQuery, DisplayName, Error, Licence, LicenceCommand, LicenceState, Money,
    NewAccount, NewCustomer, OfferChange, PartnerUser, Policy, Programme, Purchaser, Relationship,
    RelationshipState, Role, Term, Timer, TimerKey, TransferOptions, UnlinkMode, credit_contact,
    customer_list, transfer_impact, transfer_plan,
};
use channel_licensing::{Outbox, testing::PendingTimers};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

/// An input error: which step (or section) and field, and what is wrong.
#[derive(Debug)]
pub struct InputError {
    pub place: String,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

type Result<T> = std::result::Result<T, InputError>;

fn err<T>(place: &str, message: impl Into<String>) -> Result<T> {
    Err(InputError {
        place: place.to_owned(),
        message: message.into(),
    })
}

/// A JSON object and the place it came from, with typed field getters.
struct Obj<'a> {
    place: String,
    map: &'a Map<String, Value>,
}

impl<'a> Obj<'a> {
    fn new(value: &'a Value, place: impl Into<String>) -> Result<Self> {
        let place = place.into();
        match value.as_object() {
            Some(map) => Ok(Obj { place, map }),
            None => err(&place, "expected a JSON object"),
        }
    }

    fn field(&self, name: &str) -> String {
        format!("{}, field `{name}`", self.place)
    }

    fn get(&self, name: &str) -> Option<&'a Value> {
        self.map.get(name).filter(|v| !v.is_null())
    }

    fn str(&self, name: &str) -> Result<&'a str> {
        match self.get(name) {
            Some(Value::String(s)) => Ok(s),
            Some(_) => err(&self.field(name), "expected a string"),
            None => err(&self.field(name), "missing"),
        }
    }

    fn opt_str(&self, name: &str) -> Result<Option<&'a str>> {
        match self.get(name) {
            None => Ok(None),
            Some(_) => self.str(name).map(Some),
        }
    }

    fn bool(&self, name: &str, default: bool) -> Result<bool> {
        match self.get(name) {
            None => Ok(default),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => err(&self.field(name), "expected true or false"),
        }
    }

    fn required_bool(&self, name: &str) -> Result<bool> {
        match self.get(name) {
            None => err(&self.field(name), "missing"),
            Some(_) => self.bool(name, false),
        }
    }

    fn u32(&self, name: &str) -> Result<u32> {
        match self.get(name).map(Value::as_u64) {
            Some(Some(n)) => u32::try_from(n).or_else(|_| err(&self.field(name), "too large")),
            Some(None) => err(&self.field(name), "expected a non-negative whole number"),
            None => err(&self.field(name), "missing"),
        }
    }

    fn i64(&self, name: &str) -> Result<Option<i64>> {
        match self.get(name).map(Value::as_i64) {
            None => Ok(None),
            Some(Some(n)) => Ok(Some(n)),
            Some(None) => err(&self.field(name), "expected a whole number"),
        }
    }

    fn instant(&self, name: &str) -> Result<DateTime<Utc>> {
        let text = self.str(name)?;
        text.parse::<DateTime<Utc>>().or_else(|e| {
            err(
                &self.field(name),
                format!("`{text}` is not an RFC 3339 instant ({e})"),
            )
        })
    }

    fn obj(&self, name: &str) -> Result<Obj<'a>> {
        match self.get(name) {
            Some(v) => Obj::new(v, self.field(name)),
            None => err(&self.field(name), "missing"),
        }
    }

    fn list(&self, name: &str) -> Result<&'a [Value]> {
        match self.get(name) {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => err(&self.field(name), "expected a list"),
        }
    }

    fn strings(&self, name: &str) -> Result<Vec<&'a str>> {
        self.list(name)?
            .iter()
            .map(|v| {
                v.as_str()
                    .map_or_else(|| err(&self.field(name), "expected a list of strings"), Ok)
            })
            .collect()
    }

    fn parse<T: serde::de::DeserializeOwned>(&self, name: &str) -> Result<T> {
        let value = self.get(name).cloned().unwrap_or(Value::Null);
        serde_json::from_value(value).or_else(|e| err(&self.field(name), e.to_string()))
    }
}

fn enum_value<T: serde::de::DeserializeOwned>(place: &str, text: &str, what: &str) -> Result<T> {
    serde_json::from_value(Value::String(text.to_owned()))
        .or_else(|_| err(place, format!("unknown {what} `{text}`")))
}

/// A partner of the scenario.
struct Partner {
    region: String,
    programmes: Vec<Programme>,
    offers: Vec<String>,
    groups: Vec<String>,
}

/// The scenario being played: the faithful caller's state.
pub struct Simulation {
    policy: Policy,
    partners: BTreeMap<String, Partner>,
    accounts: BTreeMap<String, Account>,
    /// The outbox: pending timers by key, indexed by due instant. A key
    /// names its customer, so it is unique across customers and says whose
    /// account a timer is for.
    outbox: PendingTimers,
    events: usize,
    last: Option<DateTime<Utc>>,
}

fn policy(value: Option<&Value>) -> Result<Policy> {
    let place = "`policy`";
    let (preset, overrides) = match value {
        None => ("standard", None),
        Some(Value::String(name)) => (name.as_str(), None),
        Some(value) => {
            let obj = Obj::new(value, place)?;
            (obj.str("preset")?, Some(obj))
        }
    };
    let base = match preset {
        "standard" => Policy::standard(),
        "microsoft_new_commerce" => Policy::microsoft_new_commerce(),
        other => return err(place, format!("unknown preset `{other}`")),
    };
    let mut builder = base.to_builder();
    if let Some(obj) = overrides {
        let mut changed = false;
        if let Some(days) = obj.i64("expired_grace_days")? {
            builder = builder.expired_grace_days(days);
            changed = true;
        }
        if let Some(days) = obj.i64("reactivation_window_days")? {
            builder = builder.reactivation_window_days(days);
            changed = true;
        }
        if let Some(zone) = obj.opt_str("calendar_time_zone")? {
            let tz = zone.parse().or_else(|_| {
                err(
                    &obj.field("calendar_time_zone"),
                    format!("unknown time zone `{zone}`"),
                )
            })?;
            builder = builder.calendar(tz);
            changed = true;
        }
        if let Some(n) = obj.i64("transfer_threshold")? {
            let n = u32::try_from(n)
                .or_else(|_| err(&obj.field("transfer_threshold"), "must be positive"))?;
            builder = builder.transfer_threshold(n);
            changed = true;
        }
        if changed {
            // POL-5: a changed policy gets its own name.
            builder = builder.name(format!("{preset} (scenario)"));
        }
    }
    builder
        .build()
        .or_else(|e| err(place, format!("invalid policy (LIC-6): {e}")))
}

/// A licence of a customer's `licences` list. `first_partner`: the partner
/// of the customer's first listed relationship, `bought_by`'s default.
fn licence(
    value: &Value,
    place: String,
    partners: &BTreeMap<String, Partner>,
    first_partner: Option<&str>,
) -> Result<Licence> {
    let o = Obj::new(value, place)?;
    let id = o.str("id")?;
    let state = match o.str("state")? {
        "trial" => LicenceState::Trial {
            term: term(
                &o,
                o.instant("ends")?
                    .checked_sub_signed(chrono::TimeDelta::days(30))
                    .map_or_else(|| err(&o.field("ends"), "out of range"), Ok)?,
                "ends",
            )?,
        },
        "active" => LicenceState::Active {
            term: term(&o, o.instant("starts")?, "ends")?,
            auto_renew: o.bool("auto_renew", false)?,
        },
        "suspended" => {
            let since = o.instant("since")?;
            LicenceState::Suspended {
                term: term(&o, o.instant("starts")?, "ends")?,
                auto_renew: o.bool("auto_renew", false)?,
                since,
                cancels_at: since
                    .checked_add_signed(chrono::TimeDelta::days(30))
                    .map_or_else(|| err(&o.field("since"), "out of range"), Ok)?,
            }
        }
        "expired" => LicenceState::Expired {
            at: o.instant("expired_at")?,
        },
        "revoked" => LicenceState::Revoked {
            at: o.instant("at")?,
        },
        "removed" => LicenceState::Removed {
            at: o.instant("at")?,
        },
        "cancelled" => LicenceState::Cancelled {
            at: o.instant("at")?,
            by: CancelledBy::Request,
        },
        other => {
            return err(
                &o.field("state"),
                format!("unknown licence state `{other}`"),
            );
        }
    };
    // SUB-1: a partner's ID, `customer`, or `partner` (the default): the
    // partner of the customer's first listed relationship.
    let bought_by = match o.opt_str("bought_by")?.unwrap_or("partner") {
        "customer" => Purchaser::Customer,
        "partner" => match first_partner {
            Some(partner) => Purchaser::partner(partner),
            None => {
                return err(
                    &o.field("bought_by"),
                    "`partner` means the customer's first listed relationship, and it lists none: name the partner or `customer`",
                );
            }
        },
        partner if partners.contains_key(partner) => Purchaser::partner(partner),
        other => {
            return err(&o.field("bought_by"), format!("unknown partner `{other}`"));
        }
    };
    let mut licence = Licence::new(id, o.str("offer")?, o.u32("seats")?, state, bought_by)
        .or_else(|e| err(&o.place, e.to_string()))?;
    if o.get("price").is_some() {
        licence = licence.with_price(o.parse::<Money>("price")?);
    }
    Ok(licence)
}

fn term(o: &Obj<'_>, starts: DateTime<Utc>, ends: &str) -> Result<Term> {
    Term::new(starts, o.instant(ends)?).or_else(|e| err(&o.field(ends), e.to_string()))
}

impl Simulation {
    /// Reads the scenario's header: format, policy, partners, customers.
    pub fn new(root: &Value) -> Result<Simulation> {
        let top = Obj::new(root, "the scenario")?;
        match top.get("format").and_then(Value::as_u64) {
            Some(1) => {}
            _ => return err("field `format`", "must be 1"),
        }
        let policy = policy(top.get("policy"))?;
        let mut partners = BTreeMap::new();
        for (i, value) in top.list("partners")?.iter().enumerate() {
            let p = Obj::new(value, format!("partners[{i}]"))?;
            let programmes = p
                .strings("programmes")?
                .into_iter()
                .map(|s| enum_value::<Programme>(&p.field("programmes"), s, "programme"))
                .collect::<Result<Vec<_>>>()?;
            if partners.contains_key(p.str("id")?) {
                return err(
                    &p.field("id"),
                    format!("partner `{}` is listed twice", p.str("id")?),
                );
            }
            // `bought_by` reads these two as the customer and the default
            // partner, so no partner may be called so.
            if matches!(p.str("id")?, "customer" | "partner") {
                return err(
                    &p.field("id"),
                    format!(
                        "`{}` cannot be a partner's ID: `bought_by` reserves it",
                        p.str("id")?
                    ),
                );
            }
            partners.insert(
                p.str("id")?.to_owned(),
                Partner {
                    region: p.str("region")?.to_owned(),
                    programmes,
                    offers: p
                        .strings("offers")?
                        .into_iter()
                        .map(str::to_owned)
                        .collect(),
                    groups: p
                        .strings("groups")?
                        .into_iter()
                        .map(str::to_owned)
                        .collect(),
                },
            );
        }
        let mut sim = Simulation {
            policy,
            partners,
            accounts: BTreeMap::new(),
            outbox: PendingTimers::new(),
            events: 0,
            last: None,
        };
        for (i, value) in top.list("customers")?.iter().enumerate() {
            let account = sim.customer(value, format!("customers[{i}]"))?;
            for timer in account.timers(&sim.policy) {
                let Ok(()) = sim.outbox.schedule(&timer);
            }
            if sim.accounts.contains_key(account.id.as_str()) {
                return err(
                    &format!("customers[{i}], field `id`"),
                    format!("customer `{}` is listed twice", account.id),
                );
            }
            sim.accounts.insert(account.id.to_string(), account);
        }
        Ok(sim)
    }

    fn customer(&self, value: &Value, place: String) -> Result<Account> {
        let c = Obj::new(value, place)?;
        let billing: BillingType =
            enum_value(&c.field("billing"), c.str("billing")?, "billing type")?;
        let created_by: CreatedBy = enum_value(
            &c.field("created_by"),
            c.opt_str("created_by")?.unwrap_or("partner"),
            "creator",
        )?;
        let mut account = Account::new(
            c.str("id")?,
            c.str("name")?,
            c.str("region")?,
            billing,
            created_by,
        );
        if c.get("partner_assistance").is_some() {
            account = account.with_partner_assistance(c.bool("partner_assistance", false)?);
        }
        if c.get("contact").is_some() {
            account = account.with_contact(c.parse::<Contact>("contact")?);
        }
        for (j, value) in c.list("relationships")?.iter().enumerate() {
            let r = Obj::new(value, format!("{}.relationships[{j}]", c.place))?;
            let partner = r.str("partner")?;
            if !self.partners.contains_key(partner) {
                return err(&r.field("partner"), format!("unknown partner `{partner}`"));
            }
            let now = DateTime::<Utc>::UNIX_EPOCH;
            let state = match r.str("state")? {
                "invited" => RelationshipState::Invited { at: now },
                "linked" => RelationshipState::Linked,
                "unlink_scheduled" => RelationshipState::UnlinkScheduled {
                    unlink_at: r.instant("unlink_at")?,
                },
                "unlinked" => RelationshipState::Unlinked { at: now },
                "declined" => RelationshipState::Declined { at: now },
                other => {
                    return err(
                        &r.field("state"),
                        format!("unknown relationship state `{other}`"),
                    );
                }
            };
            account = account.with_relationship(partner, state);
            if r.bool("delegated_admin", false)?
                && let Some(rel) = account
                    .relationships
                    .iter_mut()
                    .find(|x: &&mut Relationship| x.partner.as_str() == partner)
            {
                rel.delegated_admin = true;
            }
        }
        for (j, value) in c.list("licences")?.iter().enumerate() {
            let first_partner = account.relationships.first().map(|r| r.partner.as_str());
            let licence = licence(
                value,
                format!("{}.licences[{j}]", c.place),
                &self.partners,
                first_partner,
            )?;
            if account.licences.iter().any(|l| l.id == licence.id) {
                return err(
                    &format!("{}.licences[{j}]", c.place),
                    format!("licence `{}` is listed twice", licence.id),
                );
            }
            account = account.with_licence(licence);
        }
        for group in c.strings("groups")? {
            if let Some(rel) = account.relationships.first() {
                account.groups.push(channel_licensing::GroupMembership {
                    partner: rel.partner.clone(),
                    group: group.into(),
                });
            }
        }
        Ok(account)
    }

    fn actor(&self, step: &Obj<'_>) -> Result<Actor> {
        let a = step.obj("actor")?;
        if let Some(partner) = a.opt_str("partner")? {
            let Some(p) = self.partners.get(partner) else {
                return err(&a.field("partner"), format!("unknown partner `{partner}`"));
            };
            let roles = a
                .strings("roles")?
                .into_iter()
                .map(|r| enum_value::<Role>(&a.field("roles"), r, "role"))
                .collect::<Result<Vec<_>>>()?;
            let user = PartnerUser::new(partner, p.region.as_str())
                .with_roles(roles)
                .with_programmes(p.programmes.iter().copied())
                .with_offers(p.offers.iter().map(String::as_str))
                .with_groups(p.groups.iter().map(String::as_str));
            return Ok(Actor::Partner(user));
        }
        if let Some(customer) = a.opt_str("customer_admin")? {
            if !self.accounts.contains_key(customer) {
                return err(
                    &a.field("customer_admin"),
                    format!("unknown customer `{customer}`"),
                );
            }
            return Ok(Actor::CustomerAdmin {
                customer: customer.into(),
            });
        }
        if a.bool("vendor", false)? {
            return Ok(Actor::Vendor);
        }
        err(&a.place, "expected `partner`, `customer_admin` or `vendor`")
    }

    /// Plays one step and returns its output line.
    pub fn step(&mut self, index: usize, value: &Value) -> Result<Value> {
        let s = Obj::new(value, format!("step {index}"))?;
        let at = s.instant("at")?;
        if self.last.is_some_and(|last| at < last) {
            return err(&s.field("at"), "steps must be in non-decreasing `at` order");
        }
        self.last = Some(at);
        let delivered = self.deliver_due(at).map_err(|e| InputError {
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
            return Ok(
                json!({ "step": index, "at": at_text, "outcome": "advanced", "delivered": delivered }),
            );
        }
        if let Some(query) = s.get("query") {
            let answer = self.query(&Obj::new(query, s.field("query"))?, at)?;
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
        let mut line = self.command(&s, &command, &actor, at)?;
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
    /// its due instant, like a scheduler that never stops. After
    /// `MAX_ON_TIME` deliveries in one step (a step years after the last),
    /// the rest are delivered late, at `until`, like a scheduler that was
    /// down: the crate then catches up in one decision per timer.
    fn deliver_due(&mut self, until: DateTime<Utc>) -> Result<Vec<Value>> {
        const MAX_ON_TIME: usize = 1_000;
        let mut delivered = Vec::new();
        loop {
            let Some(Timer { key, due }) = self.outbox.pop_due(until) else {
                return Ok(delivered);
            };
            let customer = key.customer().to_string();
            let account = self
                .accounts
                .get(&customer)
                .cloned()
                .ok_or_else(|| InputError {
                    place: "the outbox".into(),
                    message: format!("timer for unknown customer `{customer}`"),
                })?;
            let timer = Timer {
                key: key.clone(),
                due,
            };
            let at = if delivered.len() < MAX_ON_TIME {
                due
            } else {
                until
            };
            let decision = account
                .decide(
                    &AccountCommand::Deliver(timer),
                    &Context::new(at, &Actor::Vendor, &self.policy),
                )
                .map_err(|e| InputError {
                    place: format!("delivering {key}"),
                    message: e.to_string(),
                })?;
            let events: Vec<Value> = decision.events().map(|e| change_json(&e.change)).collect();
            self.apply(&customer, account, &decision);
            delivered.push(json!({
                "type": timer_type(&key),
                "key": key.to_string(),
                "due": due.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                "customer": customer,
                "events": events,
            }));
        }
    }

    fn apply(
        &mut self,
        customer: &str,
        account: Account,
        decision: &channel_licensing::Decision<channel_licensing::AccountEvent>,
    ) {
        let account = decision.events().fold(account, Account::evolve);
        self.events += decision.events().count();
        let Ok(()) = decision.apply_effects(&mut self.outbox);
        self.accounts.insert(customer.to_owned(), account);
    }

    fn partner_id(&self, obj: &Obj<'_>, field: &str) -> Result<channel_licensing::PartnerId> {
        let id = obj.str(field)?;
        if self.partners.contains_key(id) {
            Ok(id.into())
        } else {
            err(&obj.field(field), format!("unknown partner `{id}`"))
        }
    }

    fn account(&self, obj: &Obj<'_>, field: &str) -> Result<(String, Account)> {
        let id = obj.str(field)?;
        match self.accounts.get(id) {
            Some(a) => Ok((id.to_owned(), a.clone())),
            None => err(&obj.field(field), format!("unknown customer `{id}`")),
        }
    }

    fn command(
        &mut self,
        step: &Obj<'_>,
        c: &Obj<'_>,
        actor: &Actor,
        at: DateTime<Utc>,
    ) -> Result<Value> {
        let kind = c.str("type")?;
        let ctx = Context::new(at, actor, &self.policy);
        if let "create_trial" | "create_monthly_account" = kind {
            let nc = c.obj("customer")?;
            let customer = NewCustomer::new(nc.str("id")?, nc.str("name")?, nc.str("region")?);
            if self.accounts.contains_key(customer.id.as_str()) {
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
            return Ok(match Account::create(&command, &ctx) {
                Ok(decision) => {
                    let line = accepted(&decision);
                    let account =
                        Account::from_events(decision.events()).ok_or_else(|| InputError {
                            place: step.field("command"),
                            message: "creation produced no account".into(),
                        })?;
                    self.events += decision.events().count();
                    let Ok(()) = decision.apply_effects(&mut self.outbox);
                    self.accounts.insert(account.id.to_string(), account);
                    line
                }
                Err(e) => outcome_error(e, &c.field("type"))?,
            });
        }
        let (customer, account) = self.account(step, "customer")?;
        let lic = |name: &str| -> Result<channel_licensing::LicenceId> {
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
            other => return err(&c.field("type"), format!("unknown command `{other}`")),
        };
        Ok(match account.decide(&command, &ctx) {
            Ok(decision) => {
                let line = accepted(&decision);
                self.apply(&customer, account, &decision);
                line
            }
            Err(e) => outcome_error(e, &c.field("type"))?,
        })
    }

    fn query(&self, q: &Obj<'_>, at: DateTime<Utc>) -> Result<Value> {
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
                let accounts: Vec<Account> = self.accounts.values().cloned().collect();
                let rows = customer_list(&accounts, &query, at, &self.policy);
                let ids: Vec<&str> = rows.iter().map(|r| r.customer.as_str()).collect();
                let managed: Vec<&str> = rows
                    .iter()
                    .filter(|r| r.managed_order)
                    .map(|r| r.customer.as_str())
                    .collect();
                Ok(json!({ "customers": ids, "managed_orders": managed, "rows": rows }))
            }
            "transfer_plan" => {
                let (_, account) = self.account(q, "customer")?;
                let to = q.str("to_partner")?;
                let Some(p) = self.partners.get(to) else {
                    return err(&q.field("to_partner"), format!("unknown partner `{to}`"));
                };
                let options = TransferOptions::default()
                    .cancel_early(q.bool("cancel_early", false)?)
                    .tenant_to_tenant(q.bool("tenant_to_tenant", false)?);
                let user = PartnerUser::new(to, p.region.as_str());
                let from = self.partner_id(q, "from_partner")?;
                match transfer_plan(&account, &from, &user, options, at, &self.policy) {
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
                let (customer, account) = self.account(q, "customer")?;
                let partner = self.partner_id(q, "partner")?;
                let licence = match q.opt_str("licence")? {
                    Some(id) if account.licences.iter().any(|l| l.id.as_str() == id) => {
                        Some(channel_licensing::LicenceId::from(id))
                    }
                    Some(id) => {
                        return err(
                            &q.field("licence"),
                            format!("unknown licence `{id}` of customer `{customer}`"),
                        );
                    }
                    None => None,
                };
                let who = credit_contact(&account, &partner, licence.as_ref(), at);
                Ok(json!({ "eligible": who.eligible(), "who": who }))
            }
            other => err(&q.field("type"), format!("unknown query `{other}`")),
        }
    }

    /// The final state line.
    pub fn final_state(&self) -> Value {
        let at = self.last.unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
        let customers: Map<String, Value> = self
            .accounts
            .iter()
            .map(|(id, a)| {
                let relationships: Map<String, Value> = a
                    .relationships
                    .iter()
                    .map(|r| (r.partner.to_string(), json!(a.relationship_status(&r.partner, at))))
                    .collect();
                let licences: Map<String, Value> = a
                    .licences
                    .iter()
                    .map(|l| {
                        let mut v = serde_json::to_value(l.status(at, &self.policy)).unwrap_or(Value::Null);
                        if let Value::Object(map) = &mut v {
                            map.insert("seats".into(), json!(l.seats));
                        }
                        (l.id.to_string(), v)
                    })
                    .collect();
                let groups: Vec<&str> = a.groups.iter().map(|m| m.group.as_str()).collect();
                (id.clone(), json!({
                    "name": a.name, "billing": a.billing, "partner_assistance": a.partner_assistance,
                    "relationships": relationships, "licences": licences, "groups": groups,
                }))
            })
            .collect();
        let pending: Vec<Value> = self
            .outbox
            .by_key()
            .iter()
            .map(|(k, due)| json!({ "key": k.to_string(), "due": due.to_rfc3339_opts(chrono::SecondsFormat::Secs, true) }))
            .collect();
        json!({ "final": { "customers": customers, "outbox": pending, "events": self.events } })
    }
}

fn timer_type(key: &TimerKey) -> &'static str {
    match key {
        TimerKey::TermEnd { .. } => "term_end",
        TimerKey::TrialEnd { .. } => "trial_end",
        TimerKey::SuspensionCancellation { .. } => "suspension_cancellation",
        TimerKey::Reminder { .. } => "reminder",
        TimerKey::ScheduledUnlink { .. } => "scheduled_unlink",
        _ => "timer",
    }
}

fn change_json(change: &AccountChange) -> Value {
    serde_json::to_value(change).unwrap_or(Value::Null)
}

fn accepted(decision: &channel_licensing::Decision<channel_licensing::AccountEvent>) -> Value {
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
fn outcome_error(e: Error, place: &str) -> Result<Value> {
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

/// Plays a whole scenario: every step's line, then the final state. Any
/// input error stops the play; nothing is returned but the error.
pub fn play(text: &str) -> Result<Vec<Value>> {
    let mut lines = Vec::new();
    play_each(text, |line| lines.push(line))?;
    Ok(lines)
}

/// [`play`], handing each line to `emit` as soon as it is decided, so that
/// memory holds the live state and one line, not the whole output.
pub fn play_each(text: &str, mut emit: impl FnMut(Value)) -> Result<()> {
    let root: Value = serde_json::from_str(text)
        .or_else(|e| err("the scenario file", format!("not valid JSON: {e}")))?;
    let mut sim = Simulation::new(&root)?;
    let steps = Obj::new(&root, "the scenario")?.list("steps")?;
    for (i, step) in steps.iter().enumerate() {
        emit(sim.step(i, step)?);
    }
    emit(sim.final_state());
    Ok(())
}

/// The readable timeline of one line.
pub fn describe(line: &Value) -> String {
    if let Some(final_state) = line.get("final") {
        return format!(
            "final state:\n{}",
            serde_json::to_string_pretty(final_state).unwrap_or_default()
        );
    }
    let head = format!(
        "step {} at {}: {}",
        line["step"],
        line["at"].as_str().unwrap_or("?"),
        line["outcome"].as_str().unwrap_or("?")
    );
    let mut out = vec![head];
    for d in line
        .get("delivered")
        .or_else(|| line.get("delivered_before"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        out.push(format!(
            "  delivered {} (due {}) to {}",
            d["key"].as_str().unwrap_or("?"),
            d["due"].as_str().unwrap_or("?"),
            d["customer"].as_str().unwrap_or("?")
        ));
        for e in d["events"].as_array().into_iter().flatten() {
            out.push(format!("    -> {}", compact(e)));
        }
    }
    match line["outcome"].as_str() {
        Some("refused") => {
            out.push(format!("  {}", line["message"].as_str().unwrap_or("")));
        }
        Some("accepted") => {
            for e in line["events"].as_array().into_iter().flatten() {
                out.push(format!("  event  {}", compact(e)));
            }
            for e in line["effects"].as_array().into_iter().flatten() {
                out.push(format!("  effect {}", compact(e)));
            }
            if line["events"].as_array().is_some_and(Vec::is_empty) {
                out.push("  (nothing to do: already in that state)".into());
            }
        }
        Some("answered") => {
            let mut answer = line["answer"].clone();
            if let Value::Object(map) = &mut answer {
                map.remove("rows");
            }
            out.push(format!("  {}", compact(&answer)));
        }
        _ => {}
    }
    out.join("\n")
}

fn compact(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}
