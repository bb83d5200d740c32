//! Compatibility: the JSON of every wire snapshot as it stood when the
//! strict wire boundary began (issue 14), kept under `tests/wire/compat/`.
//! Every document a service may have stored or sent then must keep
//! loading, into the type it was written from, unless the CHANGELOG
//! records a wire change for it (then this test names the expected error).

use std::path::Path;

use channel_licensing::transfers::{TransferImpact, TransferPlan};
use channel_licensing::{
    Account, AccountCommand, AccountEvent, Actor, Effect, Licence, LicenceCommand, LicenceEvent,
    NewAccount, Policy, Refusal,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/wire/compat")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

/// `value` loads as a `T`, and writes back to the same JSON.
fn loads<T: DeserializeOwned + serde::Serialize>(what: &str, value: &Value) -> T {
    let loaded: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{what} no longer loads: {e}\n{value:#}"));
    assert_eq!(
        serde_json::to_value(&loaded).unwrap(),
        *value,
        "{what} loads but writes back differently"
    );
    loaded
}

fn each<T: DeserializeOwned + serde::Serialize>(what: &str, values: &Value) -> usize {
    let list = values
        .as_array()
        .unwrap_or_else(|| panic!("{what}: not a list"));
    for (i, value) in list.iter().enumerate() {
        loads::<T>(&format!("{what}[{i}]"), value);
    }
    list.len()
}

/// Refusals whose display (and so written `message`) changed since the
/// fixtures were taken, each a wire change in the CHANGELOG: the entry and
/// its display now.
const CHANGED_DISPLAYS: &[(&str, &str)] = &[(
    // CUST-4's refusal no longer says "rename" (it is also a creation's
    // and an import's) and names the customer by its ID.
    "account_refusals.invalid_name",
    "cannot use the display name given for customer rossi: a display name has 1 to 255 \
     characters after trimming, not 0 (CUST-4)",
)];

/// The `json` of every `{ "display", "json" }` refusal entry. A refusal
/// is written with its `message` now (a wire change in the CHANGELOG):
/// the stored one, without it, loads and writes back the same but for the
/// message, which is its display (as stored, or as [`CHANGED_DISPLAYS`]
/// says).
fn refusals(name: &str) -> usize {
    let doc = fixture(name);
    let map = doc.as_object().unwrap();
    for (key, entry) in map {
        let what = format!("{name}.{key}");
        let refusal: Refusal = serde_json::from_value(entry["json"].clone())
            .unwrap_or_else(|e| panic!("{what} no longer loads: {e}"));
        let display = CHANGED_DISPLAYS
            .iter()
            .find(|(changed, _)| *changed == what)
            .map_or(entry["display"].clone(), |(_, now)| Value::from(*now));
        assert_eq!(refusal.to_string(), display, "{what}");
        let mut written = serde_json::to_value(&refusal).unwrap();
        let message = written
            .as_object_mut()
            .and_then(|o| o.remove("message"))
            .unwrap_or_else(|| panic!("{what}: written without its message"));
        assert_eq!(message, display, "{what}");
        assert_eq!(written, entry["json"], "{what} writes back differently");
    }
    map.len()
}

#[test]
fn every_stored_state_of_the_snapshots_still_loads() {
    // The account snapshot had beta's unlink scheduled on a term account,
    // where REL-7 never puts one: an intended change (issue 14), it fails
    // with an error that names the field and the rule.
    let account = fixture("account");
    let err = channel_licensing::from_json::<Account>(&account.to_string()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "relationships[1].state: an unlink is scheduled only on a monthly-usage account, \
         which it makes a trial; this one is billed as terms (REL-7)"
    );
    // Made what REL-7 leaves: a trial whose one live partner, beta (BILL-9),
    // has its unlink scheduled, with the licence beta bought.
    let mut fixed = account.clone();
    fixed["billing"] = "trial".into();
    fixed["mdr_reports_until"] = "2026-07-01T00:00:00Z".into();
    fixed["relationships"].as_array_mut().unwrap().remove(0);
    fixed["licences"][0]["bought_by"] = serde_json::json!({"partner": "beta"});
    let account: Account = loads("account (made a trial)", &fixed);
    assert_eq!(account.licences.len(), 1);
    let states = fixture("wire_licence_states");
    loads::<Licence>("wire_licence_states.priced", &states["priced"]);
    assert!(each::<Licence>("wire_licence_states.states", &states["states"]) > 5);
    let policies = fixture("wire_policies");
    for (name, policy) in policies.as_object().unwrap() {
        loads::<Policy>(&format!("wire_policies.{name}"), policy);
    }
}

#[test]
fn every_command_event_and_effect_of_the_snapshots_still_loads() {
    let commands = fixture("account_commands");
    assert!(each::<AccountCommand>("account_commands.commands", &commands["commands"]) > 10);
    assert!(each::<NewAccount>("account_commands.creations", &commands["creations"]) > 1);
    assert!(each::<AccountEvent>("account_events", &fixture("account_events")) > 10);
    // The last entry shows a key's display form; the rest are effects.
    let effects = fixture("account_effects");
    let effects = effects.as_array().unwrap();
    let effects = Value::Array(effects[..effects.len() - 1].to_vec());
    assert!(each::<Effect>("account_effects", &effects) > 2);
    assert!(each::<LicenceCommand>("wire_licence_commands", &fixture("wire_licence_commands")) > 5);
    assert!(each::<LicenceEvent>("wire_licence_events", &fixture("wire_licence_events")) > 5);
    assert!(each::<Actor>("wire_actors", &fixture("wire_actors")) == 3);
    // Entries with `display_key` show a key's display form; the rest are effects.
    let effects = fixture("wire_effects");
    let effects: Vec<Value> = effects
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e.get("display_key").is_none())
        .cloned()
        .collect();
    assert!(each::<Effect>("wire_effects", &Value::Array(effects)) > 2);
}

#[test]
fn every_refusal_and_outcome_of_the_snapshots_still_loads() {
    assert!(refusals("account_refusals") > 10);
    assert!(refusals("wire_refusals") > 10);
    // Each changed display names a stored entry whose display it changes.
    for (key, now) in CHANGED_DISPLAYS {
        let (name, entry) = key.split_once('.').unwrap();
        let stored = &fixture(name)[entry]["display"];
        assert!(stored.is_string(), "CHANGED_DISPLAYS: no entry {key}");
        assert_ne!(stored, now, "CHANGED_DISPLAYS: {key} did not change");
    }
    // The state × command matrix: each outcome's events and effects.
    let matrix = fixture("licence_state_command_matrix");
    let mut outcomes = 0;
    for (state, row) in matrix.as_object().unwrap() {
        for (command, outcome) in row.as_object().unwrap() {
            if let Some(accepted) = outcome.get("accepted") {
                let what = format!("licence_state_command_matrix.{state}.{command}");
                each::<LicenceEvent>(&format!("{what}.events"), &accepted["events"]);
                each::<Effect>(&format!("{what}.effects"), &accepted["effects"]);
                outcomes += 1;
            }
        }
    }
    assert!(outcomes > 10);
}

#[test]
fn every_transfer_plan_of_the_snapshots_still_loads() {
    loads::<TransferPlan>("transfer_plan", &fixture("transfer_plan"));
    assert_eq!(
        each::<TransferImpact>("transfer_impacts", &fixture("transfer_impacts")),
        5
    );
}
