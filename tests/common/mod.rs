//! Helpers shared by the integration-test binaries (`tests/rules`,
//! `tests/models`, `tests/wire`, `tests/robustness`), each of which includes
//! this module with `#[path]`: instants, actors, licences and accounts to
//! start from, and the given / when / then of one decision (`spec`).
#![allow(dead_code)]

pub mod partners;
mod spec;
pub mod transfers;

#[allow(unused_imports)] // each test binary uses its own part
pub use spec::{apply, changes, given, refusal};

use channel_licensing::{
    Actor, CustomerId, Decision, Effect, Licence, LicenceCommand, LicenceEvent, LicenceState,
    Money, PartnerUser, Policy, Purchaser, Role, Term, Timer,
};
use chrono::{DateTime, TimeDelta, Utc};

pub fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("test instant")
}

pub fn days(n: i64) -> TimeDelta {
    TimeDelta::days(n)
}

pub fn secs(n: i64) -> TimeDelta {
    TimeDelta::seconds(n)
}

/// The customer whose licence a standalone licence test decides on.
pub fn customer() -> CustomerId {
    "rossi".into()
}

/// Bought by partner acme (SUB-1): the partner of [`partner`] and [`acme`].
pub fn by_acme() -> Purchaser {
    Purchaser::partner("acme")
}

pub fn partner() -> Actor {
    Actor::Partner(PartnerUser::new("acme", "eu").with_roles([Role::AccountAdmin]))
}

pub fn vendor() -> Actor {
    Actor::Vendor
}

/// 2026-01-01 → 2027-01-01 (365 days).
pub fn year_2026() -> Term {
    Term::new(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")).unwrap()
}

pub fn active(auto_renew: bool) -> Licence {
    Licence::active(
        "L-1",
        "endpoint-advanced",
        10,
        year_2026(),
        auto_renew,
        by_acme(),
    )
    .unwrap()
}

pub fn expired_at(t: &str) -> Licence {
    Licence::new(
        "L-1",
        "endpoint-advanced",
        10,
        LicenceState::Expired { at: at(t) },
        by_acme(),
    )
    .unwrap()
}

pub fn with_state(state: LicenceState) -> Licence {
    Licence::new("L-1", "endpoint-advanced", 10, state, by_acme()).unwrap()
}

/// The term-end reminder (30 days before `ends`, the standard policy's)
/// recorded as skipped: its timer was never delivered before the term
/// ended (POL-3).
pub fn skipped_reminder(ends: DateTime<Utc>) -> channel_licensing::LicenceChange {
    channel_licensing::LicenceChange::ReminderSkipped {
        before: channel_licensing::effect::ReminderTarget::TermEnd,
        days: 30,
        ends,
        due: ends - days(30),
    }
}

pub fn schedules(decision: &Decision<LicenceEvent>) -> Vec<Timer> {
    decision
        .effects()
        .filter_map(|e| match e {
            Effect::Schedule(t) => Some(t.clone()),
            Effect::Cancel { .. } | Effect::PropagateName { .. } => None,
        })
        .collect()
}

pub fn cancels(decision: &Decision<LicenceEvent>) -> Vec<String> {
    decision
        .effects()
        .filter_map(|e| match e {
            Effect::Cancel { key } => Some(key.to_string()),
            Effect::Schedule(_) | Effect::PropagateName { .. } => None,
        })
        .collect()
}

/// The timer with this key suffix among the licence's timers.
pub fn timer(licence: &Licence, policy: &Policy, suffix: &str) -> Timer {
    licence
        .timers(&customer(), policy)
        .find(|t| t.key.to_string().ends_with(suffix))
        .unwrap_or_else(|| panic!("no timer ending in {suffix}"))
}

// ------------------------------------------------------------- accounts

use channel_licensing::{
    Account, AccountCommand, BillingType, CreatedBy, Programme, RelationshipState, UnlinkMode,
};

/// A user of partner acme (eu), account admin, in no programme.
pub fn acme_user() -> PartnerUser {
    PartnerUser::new("acme", "eu").with_roles([Role::AccountAdmin])
}

/// acme as an actor, in `programmes`.
pub fn acme(programmes: &[Programme]) -> Actor {
    Actor::Partner(acme_user().with_programmes(programmes.iter().copied()))
}

/// acme, in MSP Flex.
pub fn flex() -> Actor {
    acme(&[Programme::MspFlex])
}

pub fn admin_of(customer: &str) -> Actor {
    Actor::CustomerAdmin {
        customer: customer.into(),
    }
}

/// Rossi SpA (eu), created by a partner, linked with acme.
pub fn rossi(billing: BillingType) -> Account {
    Account::new("rossi", "Rossi SpA", "eu", billing, CreatedBy::Partner)
        .with_relationship("acme", RelationshipState::Linked)
}

/// The instant most account tests decide at: 2026-06-15 10:00 UTC.
pub fn now() -> DateTime<Utc> {
    at("2026-06-15T10:00:00Z")
}

/// An expired licence `id` (endpoint, 5 seats, bought by acme).
pub fn expired(id: &str, at_: &str) -> Licence {
    Licence::new(
        id,
        "endpoint",
        5,
        LicenceState::Expired { at: at(at_) },
        by_acme(),
    )
    .unwrap()
}

/// An active licence `id` over 2026 (endpoint, 5 seats, auto-renew, bought by acme).
pub fn active_licence(id: &str) -> Licence {
    Licence::active(id, "endpoint", 5, year_2026(), true, by_acme()).unwrap()
}

/// `command` on the account's licence `licence`.
pub fn on(licence: &str, command: LicenceCommand) -> AccountCommand {
    AccountCommand::Licence {
        licence: licence.into(),
        command,
    }
}

pub const IMMEDIATE: AccountCommand = AccountCommand::Unlink {
    mode: UnlinkMode::Immediate,
};

pub const SCHEDULED: AccountCommand = AccountCommand::Unlink {
    mode: UnlinkMode::Scheduled,
};

// ---------------------------------------------------------------- money

/// `amount` in `currency`, both parsed.
pub fn money(amount: &str, currency: &str) -> Money {
    Money::new(amount.parse().unwrap(), currency.parse().unwrap())
}

/// Every scenario file of `examples/scenarios/`, in name order.
pub fn scenario_files() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/scenarios");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .expect("examples/scenarios")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// `doc` with `value` at the JSON pointer `pointer`: a key set in an
/// object, or an element of an array replaced (appended one past its end).
pub fn set_at(doc: &mut serde_json::Value, pointer: &str, value: serde_json::Value) {
    let (parent, key) = pointer.rsplit_once('/').expect("a JSON pointer");
    match doc.pointer_mut(parent).expect("the pointer's parent") {
        serde_json::Value::Object(map) => {
            map.insert(key.to_owned(), value);
        }
        serde_json::Value::Array(items) => {
            let index: usize = key.parse().expect("an array index");
            if index < items.len() {
                items[index] = value;
            } else {
                items.push(value);
            }
        }
        other => panic!("{pointer}: no object or array at its parent, but {other}"),
    }
}
