//! Reading a scenario file (the format's `policy`, `relationships`,
//! `licences` and typed fields; no rule of its own): each value checked,
//! each error naming its place.

use std::cell::RefCell;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value};

use crate::account::Relationship;
use crate::calendar::{add_days, sub_days};
use crate::licence::Licence;
use crate::policy::Policy;
use crate::policy::PolicyBuilder;

use super::{Result, err};

/// A JSON object and the place it came from, with typed field getters
/// that remember what they read: [`Obj::finish`] then finds any field no
/// getter asked for (misspelled, or not one this object has).
pub(super) struct Obj<'a> {
    pub(super) place: String,
    map: &'a Map<String, Value>,
    read: RefCell<Vec<&'a str>>,
}

impl<'a> Obj<'a> {
    pub(super) fn new(value: &'a Value, place: impl Into<String>) -> Result<Self> {
        let place = place.into();
        match value.as_object() {
            Some(map) => Ok(Obj {
                place,
                map,
                read: RefCell::new(Vec::new()),
            }),
            None => err(&place, "expected a JSON object"),
        }
    }

    pub(super) fn field(&self, name: &str) -> String {
        format!("{}, field `{name}`", self.place)
    }

    pub(super) fn get(&self, name: &str) -> Option<&'a Value> {
        let (key, value) = self.map.get_key_value(name)?;
        self.read.borrow_mut().push(key);
        Some(value).filter(|v| !v.is_null())
    }

    /// Nothing unknown is accepted: a field that no getter read is an
    /// error naming it.
    pub(super) fn finish(&self) -> Result<()> {
        let read = self.read.borrow();
        match self.map.keys().find(|key| !read.contains(&key.as_str())) {
            Some(key) => err(
                &self.field(key),
                "unknown field (misspelled, or not one this object has here)",
            ),
            None => Ok(()),
        }
    }

    pub(super) fn str(&self, name: &str) -> Result<&'a str> {
        match self.get(name) {
            Some(Value::String(s)) => Ok(s),
            Some(_) => err(&self.field(name), "expected a string"),
            None => err(&self.field(name), "missing"),
        }
    }

    pub(super) fn opt_str(&self, name: &str) -> Result<Option<&'a str>> {
        match self.get(name) {
            None => Ok(None),
            Some(_) => self.str(name).map(Some),
        }
    }

    pub(super) fn bool(&self, name: &str, default: bool) -> Result<bool> {
        match self.get(name) {
            None => Ok(default),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => err(&self.field(name), "expected true or false"),
        }
    }

    pub(super) fn required_bool(&self, name: &str) -> Result<bool> {
        match self.get(name) {
            None => err(&self.field(name), "missing"),
            Some(_) => self.bool(name, false),
        }
    }

    pub(super) fn u32(&self, name: &str) -> Result<u32> {
        match self.get(name).map(Value::as_u64) {
            Some(Some(n)) => u32::try_from(n).or_else(|_| err(&self.field(name), "too large")),
            Some(None) => err(&self.field(name), "expected a non-negative whole number"),
            None => err(&self.field(name), "missing"),
        }
    }

    pub(super) fn instant(&self, name: &str) -> Result<DateTime<Utc>> {
        let text = self.str(name)?;
        text.parse::<DateTime<Utc>>().or_else(|e| {
            err(
                &self.field(name),
                format!("`{text}` is not an RFC 3339 instant ({e})"),
            )
        })
    }

    pub(super) fn obj(&self, name: &str) -> Result<Obj<'a>> {
        match self.get(name) {
            Some(v) => Obj::new(v, self.field(name)),
            None => err(&self.field(name), "missing"),
        }
    }

    pub(super) fn list(&self, name: &str) -> Result<&'a [Value]> {
        match self.get(name) {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => err(&self.field(name), "expected a list"),
        }
    }

    pub(super) fn strings(&self, name: &str) -> Result<Vec<&'a str>> {
        self.list(name)?
            .iter()
            .map(|v| {
                v.as_str()
                    .map_or_else(|| err(&self.field(name), "expected a list of strings"), Ok)
            })
            .collect()
    }

    pub(super) fn parse<T: serde::de::DeserializeOwned>(&self, name: &str) -> Result<T> {
        let value = self.get(name).cloned().unwrap_or(Value::Null);
        serde_json::from_value(value).or_else(|e| err(&self.field(name), e.to_string()))
    }
}

pub(super) fn enum_value<T: serde::de::DeserializeOwned>(
    place: &str,
    text: &str,
    what: &str,
) -> Result<T> {
    serde_json::from_value(Value::String(text.to_owned()))
        .or_else(|_| err(place, format!("unknown {what} `{text}`")))
}

/// The scenario's `policy`, read in two steps: an object's overrides
/// converted to the wire form of a [`PolicyBuilder`] ([`policy_to_wire`]),
/// then the crate's own reader and [`PolicyBuilder::build`], which checks
/// the policy (LIC-6). A preset's name alone, or none (`standard`), is that
/// preset. An error names the shorthand's field.
pub(super) fn policy(value: Option<&Value>) -> Result<Policy> {
    let place = "`policy`";
    let (preset, overrides) = match value {
        None => ("standard", None),
        Some(Value::String(name)) => (name.as_str(), None),
        Some(value) => {
            let o = Obj::new(value, place)?;
            (o.str("preset")?, Some(o))
        }
    };
    let base = match preset {
        "standard" => Policy::standard(),
        "microsoft_new_commerce" => Policy::microsoft_new_commerce(),
        other => return err(place, format!("unknown preset `{other}`")),
    };
    let Some(o) = overrides else {
        return Ok(base);
    };
    let wire = policy_to_wire(&o, preset, &base)?;
    let builder: PolicyBuilder = from_wire(wire, &o, &[("calendar", "calendar_time_zone")])?;
    builder
        .build()
        .or_else(|e| err(place, format!("invalid policy (LIC-6): {e}")))
}

/// The wire form of a policy given as a preset with overrides
/// (SCENARIOS.md): the preset's builder as the crate writes it, so that
/// every number not overridden is the preset's own, with each override
/// set; every other field of the shorthand is an error naming it.
///
/// | shorthand | wire form ([`PolicyBuilder`]) |
/// |---|---|
/// | `preset` | that preset's settings |
/// | `expired_grace_days`, `reactivation_window_days`, `transfer_threshold` | the same |
/// | `calendar_time_zone` | `calendar` |
/// | any override given | `name`: `"<preset> (scenario)"` (POL-5: a changed policy gets its own name) |
pub(super) fn policy_to_wire(o: &Obj<'_>, preset: &str, base: &Policy) -> Result<Value> {
    let Ok(Value::Object(mut wire)) = serde_json::to_value(base.to_builder()) else {
        return err(&o.place, "the preset's settings could not be written");
    };
    let mut changed = false;
    for (shorthand, field) in [
        ("expired_grace_days", "expired_grace_days"),
        ("reactivation_window_days", "reactivation_window_days"),
        ("calendar_time_zone", "calendar"),
        ("transfer_threshold", "transfer_threshold"),
    ] {
        if let Some(value) = o.get(shorthand) {
            wire.insert(field.into(), value.clone());
            changed = true;
        }
    }
    if changed {
        wire.insert("name".into(), format!("{preset} (scenario)").into());
    }
    o.finish()?;
    Ok(Value::Object(wire))
}

/// The instant a relationship listed as `invited`, `unlinked` or
/// `declined` has on the wire: the scenario format gives those states none
/// (SCENARIOS.md), and the wire form needs one. The Unix epoch, before any
/// step; no rule reads it (an invitation does not lapse, and an unlinked or
/// declined partner's instant decides nothing), so no policy value stands
/// for it.
pub(super) const LISTED_RELATIONSHIP_AT: &str = "1970-01-01T00:00:00Z";

/// A relationship of a customer's `relationships` list, read in two steps:
/// the scenario's shorthand converted to the wire form of a
/// [`Relationship`] ([`relationship_to_wire`]), then the crate's own
/// reader. Returned with the account's `mdr_reports_until` that an
/// `unlink_scheduled` relationship gives (REL-7). An error names the
/// shorthand's field.
pub(super) fn relationship(
    value: &Value,
    place: String,
    is_partner: &dyn Fn(&str) -> bool,
) -> Result<(Relationship, Option<DateTime<Utc>>)> {
    let o = Obj::new(value, place)?;
    let (wire, mdr_reports_until) = relationship_to_wire(&o, is_partner)?;
    let relationship = from_wire(wire, &o, &[])?;
    // The crate's instant reader, as the account's field is read; absent,
    // it is `unlink_at`, which the relationship's reader has just read.
    let mdr_reports_until = mdr_reports_until
        .map(|value| {
            crate::instant::deserialize(value)
                .or_else(|e| err(&o.field("mdr_reports_until"), e.to_string()))
        })
        .transpose()?;
    Ok((relationship, mdr_reports_until))
}

/// The wire form of a relationship given in the scenario's shorthand
/// (SCENARIOS.md), and the wire form of the account's `mdr_reports_until`
/// that it gives, if any; every other field of the shorthand is an error
/// naming it.
///
/// | shorthand | wire form |
/// |---|---|
/// | `partner` (a listed partner), `delegated_admin` (default `false`) | the same |
/// | `state`: `linked` | the same |
/// | `state`: `unlink_scheduled`, `unlink_at` | the same |
/// | `state`: `invited`, `unlinked`, `declined` | the same, and `at`: [`LISTED_RELATIONSHIP_AT`] |
/// | `mdr_reports_until` (with `unlink_scheduled` only) | not the relationship's: the account's `mdr_reports_until` (REL-7); `unlink_at` when absent |
pub(super) fn relationship_to_wire(
    o: &Obj<'_>,
    is_partner: &dyn Fn(&str) -> bool,
) -> Result<(Value, Option<Value>)> {
    let mut wire = Map::new();
    let partner = o.str("partner")?;
    if !is_partner(partner) {
        return err(&o.field("partner"), format!("unknown partner `{partner}`"));
    }
    wire.insert("partner".into(), partner.into());
    if let Some(value) = o.get("delegated_admin") {
        wire.insert("delegated_admin".into(), value.clone());
    }
    let state = o.str("state")?;
    wire.insert("state".into(), state.into());
    let mut mdr_reports_until = None;
    match state {
        "invited" | "unlinked" | "declined" => {
            wire.insert("at".into(), LISTED_RELATIONSHIP_AT.into());
        }
        "unlink_scheduled" => {
            let unlink_at = o.get("unlink_at");
            if let Some(value) = unlink_at {
                wire.insert("unlink_at".into(), value.clone());
            }
            // REL-7: MDR reports flow until the unlink, unless said.
            mdr_reports_until = o.get("mdr_reports_until").or(unlink_at).cloned();
        }
        "linked" => {}
        other => {
            return err(
                &o.field("state"),
                format!("unknown relationship state `{other}`"),
            );
        }
    }
    o.finish()?;
    Ok((Value::Object(wire), mdr_reports_until))
}

/// How many days before its `ends` a trial licence listed in a scenario
/// started: the scenario format's convention, not a rule's. SCENARIOS.md
/// gives a listed trial only its `ends`, and the wire form needs a term;
/// no rule reads when a trial started (a trial neither renews nor changes
/// seats), so no policy value stands for it.
pub(super) const LISTED_TRIAL_DAYS: u32 = 30;

/// A licence of a customer's `licences` list, read in two steps: the
/// scenario's shorthand converted to the wire form of a [`Licence`]
/// ([`licence_to_wire`]), then the crate's own reader, which checks every
/// load invariant. An error names the shorthand's field.
pub(super) fn licence(
    value: &Value,
    place: String,
    is_partner: &dyn Fn(&str) -> bool,
    first_partner: Option<&str>,
    policy: &Policy,
) -> Result<Licence> {
    let o = Obj::new(value, place)?;
    let wire = licence_to_wire(&o, is_partner, first_partner, policy)?;
    // A wire field the shorthand writes another way: where an error in it
    // points in the scenario (a term that does not end after it starts is
    // its `ends`'s).
    from_wire(wire, &o, &[("term", "ends")])
}

/// The wire form of a licence given in the scenario's shorthand
/// (SCENARIOS.md), field by field; every other field of the shorthand is
/// an error naming it.
///
/// | shorthand | wire form |
/// |---|---|
/// | `id`, `offer`, `seats`, `price` | the same |
/// | `bought_by`: a partner's ID | `{"partner": ID}` |
/// | `bought_by`: `customer` | `"customer"` |
/// | `bought_by`: `partner`, or none | `{"partner": ID}` of the customer's first listed relationship (SUB-1) |
/// | `trial`: `ends` | `term`: [`LISTED_TRIAL_DAYS`] before `ends` to `ends` |
/// | `active`: `starts`, `ends`, `auto_renew` (default `false`) | `term`: `starts` to `ends`, `auto_renew` |
/// | `suspended`: the active fields and `since` | those, and `cancels_at`: the policy's suspension period after `since` (LIC-7) |
/// | `expired`: `expired_at` | `at` |
/// | `revoked`, `removed`: `at` | `at` |
/// | `cancelled`: `at` | `at`, `by`: `request` |
pub(super) fn licence_to_wire(
    o: &Obj<'_>,
    is_partner: &dyn Fn(&str) -> bool,
    first_partner: Option<&str>,
    policy: &Policy,
) -> Result<Value> {
    let mut wire = Map::new();
    for field in ["id", "offer", "seats", "price"] {
        if let Some(value) = o.get(field) {
            wire.insert(field.into(), value.clone());
        }
    }
    let instant = |name: &str| o.instant(name).map(instant_value);
    let term = |starts: Value| -> Result<Value> {
        Ok(serde_json::json!({"starts": starts, "ends": instant("ends")?}))
    };
    let state = o.str("state")?;
    wire.insert("state".into(), state.into());
    match state {
        "trial" => {
            let starts = sub_days(o.instant("ends")?, LISTED_TRIAL_DAYS)
                .map_or_else(|| err(&o.field("ends"), "out of range"), Ok)?;
            wire.insert("term".into(), term(instant_value(starts))?);
        }
        "active" | "suspended" => {
            wire.insert("term".into(), term(instant("starts")?)?);
            wire.insert("auto_renew".into(), o.bool("auto_renew", false)?.into());
            if state == "suspended" {
                let since = o.instant("since")?;
                let cancels_at = add_days(since, policy.suspension_cancels_after_days())
                    .or_else(|_| err(&o.field("since"), "out of range"))?;
                wire.insert("since".into(), instant_value(since));
                wire.insert("cancels_at".into(), instant_value(cancels_at));
            }
        }
        "expired" => {
            wire.insert("at".into(), instant("expired_at")?);
        }
        "revoked" | "removed" | "cancelled" => {
            wire.insert("at".into(), instant("at")?);
            if state == "cancelled" {
                wire.insert("by".into(), "request".into());
            }
        }
        other => {
            return err(
                &o.field("state"),
                format!("unknown licence state `{other}`"),
            );
        }
    }
    let bought_by = match o.opt_str("bought_by")?.unwrap_or("partner") {
        "customer" => Value::from("customer"),
        "partner" => match first_partner {
            Some(partner) => serde_json::json!({ "partner": partner }),
            None => {
                return err(
                    &o.field("bought_by"),
                    "`partner` means the customer's first listed relationship, and it lists none: name the partner or `customer`",
                );
            }
        },
        partner if is_partner(partner) => serde_json::json!({ "partner": partner }),
        other => {
            return err(&o.field("bought_by"), format!("unknown partner `{other}`"));
        }
    };
    wire.insert("bought_by".into(), bought_by);
    o.finish()?;
    Ok(Value::Object(wire))
}

/// An instant in the wire form.
fn instant_value(t: DateTime<Utc>) -> Value {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true).into()
}

/// `wire` read by the crate's own reader ([`from_json`](crate::from_json)'s,
/// for a value already parsed). An error names its place in the scenario:
/// `o`'s field at the error's path (a missing field's own, as [`Obj`]
/// names it), or the shorthand's field that `renamed` gives for it.
fn from_wire<T: serde::de::DeserializeOwned>(
    wire: Value,
    o: &Obj<'_>,
    renamed: &[(&str, &str)],
) -> Result<T> {
    crate::wire::from_value(wire).or_else(|e| {
        let missing = e
            .message()
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split_once('`'))
            .filter(|_| e.path().is_empty());
        if let Some((field, _)) = missing {
            return err(&o.field(field), "missing");
        }
        let path = e.path();
        let field = renamed
            .iter()
            .find(|(wire, _)| *wire == path)
            .map_or(path, |(_, shorthand)| shorthand);
        let place = if field.is_empty() {
            o.place.clone()
        } else {
            o.field(field)
        };
        err(&place, e.message())
    })
}
