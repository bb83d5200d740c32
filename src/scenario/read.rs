//! Reading a scenario file (the format's `policy`, `licences` and typed
//! fields; no rule of its own): each value checked, each error naming its
//! place.

use std::cell::RefCell;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use crate::licence::CancelledBy;
use crate::{Licence, LicenceState, Money, Policy, Purchaser, Term};

use super::setup::Partner;
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

/// A licence of a customer's `licences` list. `first_partner`: the partner
/// of the customer's first listed relationship, `bought_by`'s default; a
/// suspension's cancellation is due `policy`'s suspension period after
/// `since` (LIC-7).
pub(super) fn licence(
    value: &Value,
    place: String,
    partners: &BTreeMap<String, Partner>,
    first_partner: Option<&str>,
    policy: &Policy,
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
                    .checked_add_signed(chrono::TimeDelta::days(i64::from(
                        policy.suspension_cancels_after_days(),
                    )))
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
    o.finish()?;
    Ok(licence)
}

pub(super) fn term(o: &Obj<'_>, starts: DateTime<Utc>, ends: &str) -> Result<Term> {
    Term::new(starts, o.instant(ends)?).or_else(|e| err(&o.field(ends), e.to_string()))
}
