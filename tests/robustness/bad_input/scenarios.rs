//! Broken scenario files (the `simulate` example's input): an input error
//! naming the step and field, exit status 2 from the binary, and no panic for
//! any mutated file or arbitrary text.

// The fuzz checks (`fuzz_regressions`) load their own private copy.
use channel_licensing::scenario;

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::Value;

use crate::common::scenario_files;

fn valid() -> String {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/scenarios/monthly-unlink-goes-through.json");
    std::fs::read_to_string(file).unwrap()
}

fn error_of(text: &str) -> String {
    match scenario::play(text) {
        Ok(lines) => panic!("expected an input error, got {} lines", lines.len()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn broken_files_name_the_step_and_field() {
    let mut v: Value = serde_json::from_str(&valid()).unwrap();
    assert!(error_of("{ not json").contains("not valid JSON"));
    assert!(error_of("[]").contains("expected a JSON object"));
    assert!(error_of(r#"{"format": 2}"#).contains("field `format`"));

    let mut unknown_customer = v.clone();
    unknown_customer["steps"][0]["customer"] = "nobody".into();
    assert_eq!(
        error_of(&unknown_customer.to_string()),
        "step 0, field `customer`: unknown customer `nobody`"
    );

    let mut unknown_command = v.clone();
    unknown_command["steps"][1]["command"]["type"] = "teleport".into();
    assert_eq!(
        error_of(&unknown_command.to_string()),
        "step 1, field `command`, field `type`: unknown command `teleport`"
    );

    let mut out_of_order = v.clone();
    out_of_order["steps"][3]["at"] = "2026-01-01T00:00:00Z".into();
    assert_eq!(
        error_of(&out_of_order.to_string()),
        "step 3, field `at`: steps must be in non-decreasing `at` order"
    );

    let mut bad_instant = v.clone();
    bad_instant["steps"][2]["at"] = "yesterday".into();
    assert!(
        error_of(&bad_instant.to_string())
            .starts_with("step 2, field `at`: `yesterday` is not an RFC 3339 instant")
    );

    let mut unknown_partner = v.clone();
    unknown_partner["steps"][0]["actor"]["partner"] = "ghost".into();
    assert!(error_of(&unknown_partner.to_string()).contains("unknown partner `ghost`"));

    let mut bad_policy = v.clone();
    bad_policy["policy"] = serde_json::json!({"preset": "standard", "expired_grace_days": 90});
    assert!(error_of(&bad_policy.to_string()).contains("invalid policy (LIC-6)"));

    let mut bad_licence = v.clone();
    bad_licence["steps"][0]["command"] = serde_json::json!({"type": "suspend", "licence": "zz"});
    assert!(error_of(&bad_licence.to_string()).contains("unknown licence `zz`"));

    let mut both = v.clone();
    both["steps"][3]["command"] = serde_json::json!({"type": "teleport"});
    assert!(error_of(&both.to_string()).contains("exactly one of `command`, `query` or `advance`"));

    let mut twice = v.clone();
    let first = twice["customers"][0].clone();
    twice["customers"].as_array_mut().unwrap().push(first);
    assert!(error_of(&twice.to_string()).contains("customer `rossi` is listed twice"));

    let mut far = v.clone();
    far["customers"][0]["licences"][0] = serde_json::json!({"id": "l9", "offer": "e", "seats": 1, "state": "suspended", "starts": "2026-01-01T00:00:00Z",
                           "ends": "2027-01-01T00:00:00Z", "since": "+262142-12-31T23:59:59Z"});
    assert!(error_of(&far.to_string()).contains("field `since`: out of range"));

    let mut stranger = v.clone();
    stranger["steps"][0]["actor"] = serde_json::json!({"customer_admin": "nobody"});
    assert!(error_of(&stranger.to_string()).contains("unknown customer `nobody`"));

    v["customers"][0]["licences"][0]["seats"] = (-3).into();
    assert!(error_of(&v.to_string()).contains("customers[0].licences[0], field `seats`"));
}

/// The binary: a broken file exits with status 2, prints its message on
/// stderr and nothing on stdout; a good one exits 0.
#[test]
fn the_simulate_binary_exits_2_on_bad_input() {
    // Cargo builds the `simulate` binary for the integration tests when the
    // `scenario` feature is on (the crate's own dev-dependency turns it on).
    let Some(bin) = option_env!("CARGO_BIN_EXE_simulate").map(Path::new) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "the simulate binary was not built"
        );
        eprintln!("simulate binary not built here; skipped");
        return;
    };
    let dir = std::env::temp_dir().join(format!("simulate-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.json");
    std::fs::write(&broken, r#"{"format": 1, "steps": [{"at": "nope"}]}"#).unwrap();
    let out = std::process::Command::new(bin)
        .arg("--json")
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("step 0, field `at`"));

    let good = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/scenarios/monthly-unlink-goes-through.json");
    let out = std::process::Command::new(bin)
        .arg("--json")
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 6);
    std::fs::remove_dir_all(&dir).ok();
}

fn mutate(value: &mut Value, path: &[usize], replacement: &Value) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            let i = path.first().copied().unwrap_or(0) % map.len();
            let key = map.keys().nth(i).cloned().unwrap();
            if path.len() <= 1 {
                if replacement.is_null() {
                    map.remove(&key);
                } else {
                    map.insert(key, replacement.clone());
                }
            } else if let Some(child) = map.get_mut(&key) {
                mutate(child, &path[1..], replacement);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let i = path.first().copied().unwrap_or(0) % items.len();
            if path.len() <= 1 {
                items[i] = replacement.clone();
            } else {
                mutate(&mut items[i], &path[1..], replacement);
            }
        }
        other => *other = replacement.clone(),
    }
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[a-z_ ]{0,12}".prop_map(Value::from),
        Just(Value::from("2026-07-01T00:00:00Z")),
        Just(Value::from("-262143-01-01T00:00:00Z")),
        Just(Value::from("+262142-12-31T23:59:59Z")),
        Just(serde_json::json!({})),
        Just(serde_json::json!([])),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/scenarios.txt"))),
        ..ProptestConfig::default()
    })]

    /// No input file makes the simulator panic: valid scenarios with one
    /// value replaced or removed anywhere, and arbitrary text.
    #[test]
    fn no_scenario_file_panics(
        file in any::<usize>(),
        path in prop::collection::vec(any::<usize>(), 1..6),
        replacement in scalar(),
        text in ".{0,64}",
    ) {
        let files = scenario_files();
        let mut value: Value = serde_json::from_str(&std::fs::read_to_string(&files[file % files.len()]).unwrap()).unwrap();
        mutate(&mut value, &path, &replacement);
        let _ = scenario::play(&value.to_string());
        let _ = scenario::play(&text);
    }
}

/// A scenario is read as a stream, its steps played as they are read once
/// the header is in; a file whose steps come first is read whole and plays
/// the same lines. A field given twice is an error, and so is malformed
/// JSON after the steps (the lines before it were handed on).
#[test]
fn steps_stream_after_the_header_and_play_the_same_before_it() {
    let v: Value = serde_json::from_str(&valid()).unwrap();
    let expected = scenario::play(&v.to_string()).unwrap();

    let mut header = v.clone();
    let steps = header.as_object_mut().unwrap().remove("steps").unwrap();
    let header = header.to_string();
    let steps_first = format!(r#"{{"steps": {steps}, {}"#, &header[1..]);
    assert!(steps_first.find("\"steps\"") < steps_first.find("\"customers\""));
    assert_eq!(scenario::play(&steps_first).unwrap(), expected);

    let no_steps = format!(r#"{{"steps": null, {}"#, &header[1..]);
    assert_eq!(scenario::play(&no_steps).unwrap().len(), 1); // the final state

    let twice = format!(
        r#"{}, "steps": {steps}, "steps": []}}"#,
        &header[..header.len() - 1]
    );
    assert_eq!(
        error_of(&twice),
        "the scenario, field `steps`: appears twice"
    );
    let policy_twice = format!(r#"{}, "policy": "standard"}}"#, &header[..header.len() - 1]);
    assert_eq!(
        error_of(&policy_twice),
        "the scenario, field `policy`: appears twice"
    );
    // Steps before the header, then steps again: not the second alone.
    let steps_twice = format!(
        r#"{{"steps": {steps}, {}, "steps": []}}"#,
        &header[1..header.len() - 1]
    );
    assert_eq!(
        error_of(&steps_twice),
        "the scenario, field `steps`: appears twice"
    );

    for not_a_list in ["{}", "5", "\"x\""] {
        let after = format!(
            r#"{}, "steps": {not_a_list}}}"#,
            &header[..header.len() - 1]
        );
        let before = format!(r#"{{"steps": {not_a_list}, {}"#, &header[1..]);
        let expected = "the scenario, field `steps`: expected a list";
        assert_eq!(error_of(&after), expected, "{after}");
        assert_eq!(error_of(&before), expected, "{before}");
    }
    assert_eq!(error_of("null"), "the scenario: expected a JSON object");

    // A key given twice inside a step or the header is an error, never
    // its last value.
    let mut in_step = v.clone();
    in_step["steps"][0]["command"] = serde_json::json!({"type": "suspend"});
    let text = in_step.to_string().replacen(
        r#""type":"suspend""#,
        r#""type":"suspend","type":"unlink""#,
        1,
    );
    let e = error_of(&text);
    assert!(
        e.starts_with("the scenario file: field `type` appears twice at line 1"),
        "{e}"
    );
    let text = v.to_string().replacen(r#""id":"#, r#""id":"x","id":"#, 1);
    assert!(
        error_of(&text).contains("field `id` appears twice"),
        "{}",
        error_of(&text)
    );

    let mut seen = 0;
    let broken = format!(
        r#"{}, "steps": {steps}, oops}}"#,
        &header[..header.len() - 1]
    );
    let e = scenario::play_each(&broken, |_| seen += 1).unwrap_err();
    assert!(e.to_string().contains("not valid JSON"), "{e}");
    assert_eq!(
        seen,
        expected.len() - 1,
        "every step was played before the error"
    );
}

/// Nothing unknown is accepted in a scenario either: a misspelled or
/// foreign field, at any level, is an input error naming its place.
#[test]
fn unknown_fields_are_errors_naming_their_place() {
    let v: Value = serde_json::from_str(&valid()).unwrap();
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut broken = v.clone();
        edit(&mut broken);
        error_of(&broken.to_string())
    };
    assert!(
        with(&|s| s["polcy"] = "standard".into())
            .starts_with("the scenario, field `polcy`: unknown field")
    );
    assert!(
        with(&|s| s["partners"][0]["programme"] = "msp_flex".into())
            .starts_with("partners[0], field `programme`: unknown field")
    );
    assert!(
        with(&|s| s["customers"][0]["partner_asistance"] = true.into())
            .starts_with("customers[0], field `partner_asistance`: unknown field")
    );
    assert!(
        with(&|s| s["customers"][0]["relationships"][0]["delegated"] = true.into())
            .contains("relationships[0], field `delegated`: unknown field")
    );
    assert!(
        with(&|s| s["steps"][0]["note"] = "why".into())
            .starts_with("step 0, field `note`: unknown field")
    );
    assert!(
        with(&|s| s["steps"][0]["command"]["seats"] = 3.into())
            .starts_with("step 0, field `command`, field `seats`: unknown field")
    );
    assert!(
        with(&|s| s["steps"][0]["actor"]["role"] = "x".into())
            .starts_with("step 0, field `actor`, field `role`: unknown field")
    );
    // The file itself plays.
    assert!(scenario::play(&v.to_string()).is_ok());
}

/// A delivery that cannot be decided (an instant at the end of chrono's
/// range) is an input error naming the step and the timer.
#[test]
fn a_failed_delivery_names_its_timer() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/scenarios/seats-and-suspension.json");
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["steps"] = serde_json::json!([{"at": "+262142-12-31T23:59:59Z", "advance": true}]);
    let e = error_of(&v.to_string());
    assert!(
        e.starts_with("step 0 (delivering what was due before it): delivering customer/"),
        "{e}"
    );
}

/// The steps are read by the crate's own JSON value reader: every kind of
/// JSON value reaches the step as written (a negative or fractional number
/// is the error it is, an escaped string keeps its text).
#[test]
fn every_kind_of_json_value_reaches_the_step_as_written() {
    let v: Value = serde_json::from_str(&valid()).unwrap();
    let step_error = |seats: Value| {
        let mut s = v.clone();
        s["steps"][0]["command"] =
            serde_json::json!({"type": "change_seats", "licence": "x", "seats": seats});
        error_of(&s.to_string())
    };
    for seats in [serde_json::json!(-3), serde_json::json!(2.5)] {
        let e = step_error(seats.clone());
        assert!(
            e.ends_with("expected a non-negative whole number"),
            "{seats}: {e}"
        );
    }
    let mut renamed = v.clone();
    renamed["steps"] = serde_json::json!([{
        "at": "2026-06-15T10:00:00Z",
        "actor": {"partner": "acme", "roles": ["account_admin"]},
        "customer": "rossi",
        "command": {"type": "rename", "name": "Rossi \"Nuova\" SpA"},
    }]);
    let text = renamed.to_string();
    assert!(
        text.contains(r#"Rossi \"Nuova\" SpA"#),
        "the name is written with escapes"
    );
    let lines = scenario::play(&text).unwrap();
    let last = lines.last().unwrap();
    assert_eq!(
        last["final"]["customers"]["rossi"]["name"], "Rossi \"Nuova\" SpA",
        "{last}"
    );
}

/// Every input error of the scenario reader, at every level (the header,
/// a customer's relationships, licences and groups, the policy, a step's
/// command and query), names its place; a relationship and a policy are
/// read by the crate's own readers after their conversion from the
/// shorthand, so their messages are those readers' where they word them.
#[test]
fn every_input_error_names_its_place() {
    use serde_json::json;

    let v: Value = serde_json::from_str(&valid()).unwrap();
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut broken = v.clone();
        edit(&mut broken);
        error_of(&broken.to_string())
    };
    let relationship = |r: Value| {
        with(&|s| {
            s["customers"][0]["relationships"] = json!([r]);
            s["customers"][0]["licences"] = json!([]);
        })
    };
    let policy = |p: Value| with(&|s| s["policy"] = p.clone());
    let step = |command: Value| {
        with(&|s| {
            s["steps"] = json!([{"at": "2026-06-15T10:00:00Z",
                                 "actor": {"partner": "acme", "roles": ["super_admin"]},
                                 "customer": "rossi", "command": command}]);
        })
    };
    let query =
        |q: Value| with(&|s| s["steps"] = json!([{"at": "2026-06-15T10:00:00Z", "query": q}]));
    let rel = "customers[0].relationships[0]";
    let at = "2026-07-01T00:00:00Z";
    let cases: Vec<(String, String)> = vec![
        // Relationships (REL-1, REL-7).
        (relationship(json!({"partner": "acme", "state": "lnked"})),
         format!("{rel}, field `state`: unknown relationship state `lnked`")),
        (relationship(json!({"partner": "acme"})), format!("{rel}, field `state`: missing")),
        (relationship(json!({"state": "linked"})), format!("{rel}, field `partner`: missing")),
        (relationship(json!({"partner": "ghost", "state": "linked"})),
         format!("{rel}, field `partner`: unknown partner `ghost`")),
        (relationship(json!({"partner": "acme", "state": "unlink_scheduled"})),
         format!("{rel}, field `unlink_at`: missing")),
        (relationship(json!({"partner": "acme", "state": "unlink_scheduled", "unlink_at": "soon"})),
         format!("{rel}, field `unlink_at`: input contains invalid characters")),
        (relationship(json!({"partner": "acme", "state": "unlink_scheduled", "unlink_at": 5})),
         format!("{rel}, field `unlink_at`: invalid type: integer `5`, expected an RFC 3339 formatted date and time string")),
        (relationship(json!({"partner": "acme", "state": "unlink_scheduled", "unlink_at": at,
                             "mdr_reports_until": "x"})),
         format!("{rel}, field `mdr_reports_until`: input contains invalid characters")),
        (relationship(json!({"partner": "acme", "state": "linked", "delegated_admin": "yes"})),
         format!("{rel}, field `delegated_admin`: invalid type: string \"yes\", expected a boolean")),
        (relationship(json!({"partner": "acme", "state": "linked", "unlink_at": at})),
         format!("{rel}, field `unlink_at`: unknown field (misspelled, or not one this object has here)")),
        (relationship(json!({"partner": "acme", "state": "invited", "at": at})),
         format!("{rel}, field `at`: unknown field (misspelled, or not one this object has here)")),
        (relationship(json!(5)), format!("{rel}: expected a JSON object")),
        (with(&|s| s["customers"][0]["relationships"] = json!([{"partner": "acme", "state": "linked"},
                                                               {"partner": "acme", "state": "invited"}])),
         "customers[0].relationships[1], field `partner`: partner `acme` is listed twice".into()),
        // The account's own invariants, checked when it is imported (REL-7).
        (
            with(&|s| {
                s["customers"][0]["billing"] = "term".into();
                s["customers"][0]["relationships"] = json!([{"partner": "acme",
                    "state": "unlink_scheduled", "unlink_at": "2026-07-01T00:00:00Z"}]);
            }),
            "customers[0]: relationships[0].state: an unlink is scheduled only on a monthly-usage account, which it makes a trial; this one is billed as terms (REL-7)".into(),
        ),
        // The policy (LIC-6, POL-2).
        (policy(json!("nope")), "`policy`: unknown preset `nope`".into()),
        (policy(json!({"preset": "nope"})), "`policy`: unknown preset `nope`".into()),
        (policy(json!({"expired_grace_days": 3})), "`policy`, field `preset`: missing".into()),
        (policy(json!(5)), "`policy`: expected a JSON object".into()),
        (policy(json!({"preset": "standard", "expired_grace_days": "x"})),
         "`policy`, field `expired_grace_days`: invalid type: string \"x\", expected i64".into()),
        (policy(json!({"preset": "standard", "reactivation_window_days": 2.5})),
         "`policy`, field `reactivation_window_days`: invalid type: floating point `2.5`, expected i64".into()),
        (policy(json!({"preset": "standard", "calendar_time_zone": "Mars/Olympus"})),
         "`policy`, field `calendar_time_zone`: failed to parse timezone: 'Mars/Olympus'".into()),
        (policy(json!({"preset": "standard", "transfer_threshold": -1})),
         "`policy`, field `transfer_threshold`: invalid value: integer `-1`, expected u32".into()),
        (policy(json!({"preset": "standard", "transfer_threshold": 0})),
         "`policy`: invalid policy (LIC-6): the transfer threshold must be at least 1 subscription".into()),
        (policy(json!({"preset": "standard", "grace": 3})),
         "`policy`, field `grace`: unknown field (misspelled, or not one this object has here)".into()),
        // The header: partners, customers, licences, groups.
        (with(&|s| {
            let first = s["partners"][0].clone();
            s["partners"].as_array_mut().unwrap().push(first);
        }), "partners[1], field `id`: partner `acme` is listed twice".into()),
        (with(&|s| {
            let first = s["customers"][0]["licences"][0].clone();
            s["customers"][0]["licences"].as_array_mut().unwrap().push(first);
        }), "customers[0].licences[1]: licence `l1` is listed twice".into()),
        (with(&|s| s["customers"][0]["licences"][0]["state"] = "lost".into()),
         "customers[0].licences[0], field `state`: unknown licence state `lost`".into()),
        (with(&|s| {
            s["customers"][0]["licences"][0].as_object_mut().unwrap().remove("offer");
        }), "customers[0].licences[0], field `offer`: missing".into()),
        (with(&|s| {
            s["customers"][0]["relationships"] = json!([]);
            s["customers"][0]["licences"] = json!([]);
            s["customers"][0]["groups"] = json!(["schools"]);
        }), "customers[0], field `groups`: groups are a partner's: list the relationship first".into()),
        (with(&|s| s["customers"][0]["contact"] = json!({"fax": "1"})),
         "customers[0], field `contact`: unknown field `fax`, expected one of `person`, `email`, `phone`".into()),
        (
            with(&|s| s["customers"][0]["licences"][0]["seats"] = 0.into()),
            "customers[0].licences[0]: a licence needs at least 1 seat".into(),
        ),
        (
            with(&|s| s["steps"][0]["actor"] = json!({})),
            "step 0, field `actor`: expected `partner`, `customer_admin` or `vendor`".into(),
        ),
        (
            query(json!({"type": "customer_list", "partner": "ghost"})),
            "step 0, field `query`, field `partner`: unknown partner `ghost`".into(),
        ),
        // Commands.
        (step(json!({"type": "set_auto_renew", "licence": "l1"})),
         "step 0, field `command`, field `on`: missing".into()),
        (step(json!({"type": "set_auto_renew", "licence": "l1", "on": "yes"})),
         "step 0, field `command`, field `on`: expected true or false".into()),
        (step(json!({"type": "change_seats", "licence": "l1"})),
         "step 0, field `command`, field `seats`: missing".into()),
        (step(json!({"type": "change_seats", "licence": "l1", "seats": 5_000_000_000_u64})),
         "step 0, field `command`, field `seats`: too large".into()),
        (step(json!({"type": "unlink", "mode": "later"})),
         "step 0, field `command`, field `mode`: unknown mode `later`".into()),
        (step(json!({"type": "accept_invitation", "partner": "ghost"})),
         "step 0, field `command`, field `partner`: unknown partner `ghost`".into()),
        (step(json!({"type": "create_trial", "trial_days": 30})),
         "step 0, field `command`, field `customer`: missing".into()),
        (step(json!({"type": "create_trial", "trial_days": 30,
                     "customer": {"id": "rossi", "name": "R", "region": "eu"}})),
         "step 0, field `command`, field `customer`, field `id`: customer `rossi` already exists".into()),
        (
            step(json!({"type": "change_seats", "licence": "zz", "seats": 1})),
            "step 0, field `command`, field `licence`: unknown licence `zz` of customer `rossi`".into(),
        ),
        (
            step(json!({"type": "set_auto_renew", "licence": "zz", "on": true})),
            "step 0, field `command`, field `licence`: unknown licence `zz` of customer `rossi`".into(),
        ),
        (
            step(json!({"type": "reactivate", "licence": "zz", "term_days": 30})),
            "step 0, field `command`, field `licence`: unknown licence `zz` of customer `rossi`".into(),
        ),
        // A command the account cannot take that is not a refusal.
        (step(json!({"type": "add_subscription", "licence": "l1", "offer": "endpoint-advanced",
                     "seats": 2, "term_days": 30})),
         "step 0, field `command`, field `type`: the account lists licence l1 twice".into()),
        // Queries.
        (query(json!({"type": "transfer_plan", "customer": "rossi", "from_partner": "acme",
                      "to_partner": "ghost"})),
         "step 0, field `query`, field `to_partner`: unknown partner `ghost`".into()),
        (query(json!({"type": "credit_contact", "customer": "rossi", "partner": "acme",
                      "licence": "zz"})),
         "step 0, field `query`, field `licence`: unknown licence `zz` of customer `rossi`".into()),
        (query(json!({"type": "weather"})), "step 0, field `query`, field `type`: unknown query `weather`".into()),
    ];
    for (got, expected) in cases {
        assert_eq!(got, expected);
    }
}

/// GDAP and transfer request input: an unknown GDAP relationship, transfer
/// request, role or partner is an input error naming the step or customer
/// and the field; a stored relationship that could not have been decided
/// is too.
#[test]
fn broken_gdap_and_transfer_input_names_the_field() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/scenarios/gdap-request-to-expiry.json");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();

    let mut unknown_gdap = v.clone();
    unknown_gdap["steps"][1]["command"]["gdap"] = "g9".into();
    assert_eq!(
        error_of(&unknown_gdap.to_string()),
        "step 1, field `command`, field `gdap`: unknown GDAP relationship `g9` of customer `rossi`"
    );
    let mut unknown_role = v.clone();
    unknown_role["steps"][0]["command"]["roles"] = serde_json::json!(["owner"]);
    let message = error_of(&unknown_role.to_string());
    assert!(
        message.starts_with("step 0, field `command`, field `roles`"),
        "{message}"
    );
    assert!(message.contains("unknown variant `owner`"), "{message}");
    let mut unknown_transfer = v.clone();
    unknown_transfer["steps"][1]["command"] =
        serde_json::json!({"type": "accept_transfer_request", "transfer": "t9"});
    assert!(error_of(&unknown_transfer.to_string()).contains("unknown transfer request `t9`"));
    let mut unknown_licence = v.clone();
    unknown_licence["steps"][1]["command"] = serde_json::json!(
        {"type": "create_transfer_request", "transfer": "t1", "from_partner": "acme", "licences": ["nope"]});
    assert_eq!(
        error_of(&unknown_licence.to_string()),
        "step 1, field `command`, field `licences`: unknown licence `nope` of customer `rossi`"
    );

    let gdap = serde_json::json!({"id": "g1", "partner": "ghost", "roles": ["global_reader"],
        "duration_days": 30, "state": "approval_pending", "requested_at": "2026-01-01T00:00:00Z"});
    let mut ghost = v.clone();
    ghost["customers"][0]["gdap"] = serde_json::json!([gdap]);
    assert!(error_of(&ghost.to_string()).contains("unknown partner `ghost`"));
    let mut no_role = v.clone();
    let mut broken = gdap.clone();
    broken["partner"] = "acme".into();
    broken["roles"] = serde_json::json!([]);
    no_role["customers"][0]["gdap"] = serde_json::json!([broken]);
    let message = error_of(&no_role.to_string());
    assert!(message.contains("field `gdap`"), "{message}");
    assert!(message.contains("at least one role"), "{message}");
}
