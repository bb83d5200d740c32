//! Reading a scenario file (the format's `policy`, `licences` and typed
//! fields; no rule of its own): each value checked, each error naming its
//! place.

use std::cell::RefCell;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value};

use crate::calendar::{add_days, sub_days};
use crate::{Licence, Policy};

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

    pub(super) fn i64(&self, name: &str) -> Result<Option<i64>> {
        match self.get(name).map(Value::as_i64) {
            None => Ok(None),
            Some(Some(n)) => Ok(Some(n)),
            Some(None) => err(&self.field(name), "expected a whole number"),
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

pub(super) fn policy(value: Option<&Value>) -> Result<Policy> {
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
        obj.finish()?;
        if changed {
            // POL-5: a changed policy gets its own name.
            builder = builder.name(format!("{preset} (scenario)"));
        }
    }
    builder
        .build()
        .or_else(|e| err(place, format!("invalid policy (LIC-6): {e}")))
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
/// `o`'s field at the error's path, or the shorthand's field that `renamed`
/// gives for it.
fn from_wire<T: serde::de::DeserializeOwned>(
    wire: Value,
    o: &Obj<'_>,
    renamed: &[(&str, &str)],
) -> Result<T> {
    crate::wire::from_value(wire).or_else(|e| {
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
