//! Properties of the strict wire boundary over the accounts and events that
//! random command sequences reach (SUB-1, REL-7, LIC-7, POL-3 and the other
//! load invariants):
//!
//! - every account and event round-trips through JSON to an equal value
//!   and identical bytes;
//! - a value that loads satisfies the invariants a load checks: its own
//!   JSON loads again, to the same value;
//! - replacing any one value in an account's JSON by another JSON value
//!   either loads (an account that then round-trips) or is an error naming
//!   a path; never a panic.

use channel_licensing::{Account, AccountEvent, Actor, Context, Policy, Timer, from_json};
use chrono::TimeDelta;
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::account::{account, actor, base, command, config};

/// Round trip: equal value, identical bytes.
fn round_trips<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
    value: &T,
) -> Result<(), TestCaseError> {
    let json = serde_json::to_string(value).unwrap();
    let back: T = from_json(&json).map_err(|e| TestCaseError::fail(format!("{e} in {json}")))?;
    prop_assert_eq!(&back, value);
    prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
    Ok(())
}

/// A JSON value of any kind, the crate's kinds of strings among them.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u32>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        prop_oneof![
            Just(String::new()),
            Just(" acme ".to_owned()),
            Just("acme".to_owned()),
            Just("customer".to_owned()),
            Just("active".to_owned()),
            Just("2026-02-30T00:00:00Z".to_owned()),
            Just("2026-06-01T00:00:00Z".to_owned()),
            Just("-1.00".to_owned()),
            "[a-z_ ]{0,12}",
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::from),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every place in `value` (object entries and list items), as a path of
/// keys and indices.
fn places(value: &Value, at: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                at.push(Value::from(key.as_str()));
                out.push(at.clone());
                places(item, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                at.push(Value::from(index));
                out.push(at.clone());
                places(item, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn replace(value: &mut Value, path: &[Value], with: Value) {
    let Some((first, rest)) = path.split_first() else {
        *value = with;
        return;
    };
    let next = match first {
        Value::String(key) => value.get_mut(key.as_str()),
        Value::Number(index) => index
            .as_u64()
            .and_then(|i| value.get_mut(usize::try_from(i).ok()?)),
        _ => None,
    };
    if let Some(next) = next {
        replace(next, rest, with);
    }
}

proptest! {
    #![proptest_config(config(128, "proptest-regressions/wire.txt"))]

    /// Accounts and events reached by random command sequences round-trip;
    /// what loads loads again.
    #[test]
    fn reached_accounts_and_events_round_trip(
        start in account(),
        steps in prop::collection::vec((0i64..40 * 86_400, command(), actor()), 1..16),
    ) {
        let p = Policy::standard();
        let mut account = start;
        let mut now = base();
        round_trips(&account)?;
        for (advance, command, actor) in steps {
            now += TimeDelta::seconds(advance);
            let due: Vec<Timer> = account.timers(&p).filter(|t| t.due <= now).collect();
            for timer in due {
                if let Ok(d) = account.decide(&channel_licensing::AccountCommand::Deliver(timer.clone()), &Context::new(timer.due.max(base()), &Actor::Vendor, &p)) {
                    for event in d.events() {
                        round_trips::<AccountEvent>(event)?;
                    }
                    account = d.events().fold(account, Account::evolve);
                }
            }
            if let Ok(d) = account.decide(&command, &Context::new(now, &actor, &p)) {
                for event in d.events() {
                    round_trips::<AccountEvent>(event)?;
                }
                account = d.events().fold(account, Account::evolve);
            }
            round_trips(&account)?;
        }
    }

    /// One value of a valid account's JSON replaced by any other: loads (and
    /// then round-trips, so it satisfies what a load checks) or is an error
    /// with a path; never a panic.
    #[test]
    fn any_one_value_replaced_loads_or_is_an_error(
        account in account(),
        pick in any::<prop::sample::Index>(),
        with in any_json(),
    ) {
        let mut doc = serde_json::to_value(&account).unwrap();
        let mut all = Vec::new();
        places(&doc, &mut Vec::new(), &mut all);
        prop_assume!(!all.is_empty());
        let path = &all[pick.index(all.len())];
        replace(&mut doc, path, with);
        let text = doc.to_string();
        match from_json::<Account>(&text) {
            Ok(loaded) => round_trips(&loaded)?,
            Err(e) => prop_assert!(!e.message().is_empty(), "{e}"),
        }
    }
}
