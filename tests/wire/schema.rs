//! JSON Schemas of the wire types (the `schema` feature): each is checked
//! in under `schemas/`, and this test fails when one is stale (set
//! `UPDATE_SCHEMAS=1` to write them anew); every document of the
//! compatibility fixtures and every value the wire tests snapshot validate
//! against their type's schema, and the schemas refuse unknown fields as
//! the types do.
#![cfg(feature = "schema")]

use std::path::{Path, PathBuf};

use channel_licensing::transfers::TransferPlan;
use channel_licensing::{
    Account, AccountCommand, AccountEvent, Actor, Effect, Licence, LicenceCommand, LicenceEvent,
    NewAccount, Policy, Refusal,
};
use schemars::JsonSchema;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The schema of `T` as checked in, after checking it is current.
fn schema<T: JsonSchema>(name: &str) -> Value {
    let generated = serde_json::to_value(schemars::schema_for!(T)).unwrap();
    let path = root().join("schemas").join(format!("{name}.json"));
    let text = format!("{}\n", serde_json::to_string_pretty(&generated).unwrap());
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let stored = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path:?}: {e} (run with UPDATE_SCHEMAS=1)"));
    assert_eq!(
        stored, text,
        "{path:?} is stale: run the tests with UPDATE_SCHEMAS=1"
    );
    generated
}

fn fixture(name: &str) -> Value {
    let path = root()
        .join("tests/wire/compat")
        .join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The JSON body of the wire snapshot `name` as it stands now.
fn snapshot(name: &str) -> Value {
    let path = root()
        .join("tests/wire/snapshots")
        .join(format!("{name}.snap"));
    let text = std::fs::read_to_string(&path).unwrap();
    let body = text.splitn(3, "---\n").nth(2).unwrap();
    serde_json::from_str(body).unwrap()
}

fn valid(schema: &Value, what: &str, documents: &[Value]) {
    let validator = jsonschema::validator_for(schema).unwrap();
    for (i, doc) in documents.iter().enumerate() {
        let errors: Vec<String> = validator
            .iter_errors(doc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{what}[{i}]: {errors:#?}\n{doc:#}");
    }
}

fn items(value: &Value) -> Vec<Value> {
    value
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v.get("display_key").is_none())
        .cloned()
        .collect()
}

#[test]
fn the_schemas_are_current_and_the_fixtures_validate() {
    let account = schema::<Account>("Account");
    let mut stored = fixture("account");
    stored["billing"] = "trial".into();
    stored["mdr_reports_until"] = "2026-07-01T00:00:00Z".into();
    valid(&account, "account", &[stored.clone()]);
    let mut unknown = stored.clone();
    unknown["nmae"] = "Rossi".into();
    assert!(
        !jsonschema::is_valid(&account, &unknown),
        "the schema refuses unknown fields"
    );
    let mut nested = stored;
    nested["licences"][0]["boughtBy"] = "customer".into();
    assert!(!jsonschema::is_valid(&account, &nested), "at every depth");

    let commands = fixture("account_commands");
    valid(
        &schema::<AccountCommand>("AccountCommand"),
        "commands",
        &items(&commands["commands"]),
    );
    valid(
        &schema::<NewAccount>("NewAccount"),
        "creations",
        &items(&commands["creations"]),
    );
    valid(
        &schema::<AccountEvent>("AccountEvent"),
        "account events",
        &items(&fixture("account_events")),
    );
    let effects = schema::<Effect>("Effect");
    valid(
        &effects,
        "account effects",
        &items(&fixture("account_effects")),
    );
    valid(
        &effects,
        "licence effects",
        &items(&fixture("wire_effects")),
    );
    valid(
        &schema::<LicenceCommand>("LicenceCommand"),
        "licence commands",
        &items(&fixture("wire_licence_commands")),
    );
    valid(
        &schema::<LicenceEvent>("LicenceEvent"),
        "licence events",
        &items(&fixture("wire_licence_events")),
    );
    valid(
        &schema::<Actor>("Actor"),
        "actors",
        &items(&fixture("wire_actors")),
    );
    let states = fixture("wire_licence_states");
    let licence = schema::<Licence>("Licence");
    valid(&licence, "priced", &[states["priced"].clone()]);
    valid(&licence, "states", &items(&states["states"]));
    let policies = fixture("wire_policies");
    valid(
        &schema::<Policy>("Policy"),
        "policies",
        &policies
            .as_object()
            .unwrap()
            .values()
            .cloned()
            .collect::<Vec<_>>(),
    );
    let refusal = schema::<Refusal>("Refusal");
    for name in ["account_refusals", "wire_refusals"] {
        let docs: Vec<Value> = fixture(name)
            .as_object()
            .unwrap()
            .values()
            .map(|e| e["json"].clone())
            .collect();
        valid(&refusal, name, &docs);
    }
    valid(
        &schema::<TransferPlan>("TransferPlan"),
        "transfer plan",
        &[fixture("transfer_plan")],
    );
}

/// The snapshots that changed since the fixtures were kept (events gained
/// their policy's fingerprint; the account became a trial) validate too.
#[test]
fn the_current_snapshots_validate() {
    valid(
        &schema::<Account>("Account"),
        "account",
        &[snapshot("wire__account__account")],
    );
    valid(
        &schema::<AccountEvent>("AccountEvent"),
        "account events",
        &items(&snapshot("wire__account__account_events")),
    );
    valid(
        &schema::<LicenceEvent>("LicenceEvent"),
        "licence events",
        &items(&snapshot("wire__licence__wire_licence_events")),
    );
}

/// The scenario format's schema (written by hand, `schemas/scenario.json`):
/// every scenario under `examples/scenarios/` validates, and a misspelled
/// key does not.
#[test]
fn every_scenario_validates_against_the_scenario_schema() {
    let path = root().join("schemas/scenario.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let dir = root().join("examples/scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() > 10);
    for file in &files {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{file:?}: {errors:#?}");
        let mut misspelled = doc.clone();
        misspelled["stepz"] = Value::Array(Vec::new());
        assert!(!validator.is_valid(&misspelled), "{file:?}");
    }
}
