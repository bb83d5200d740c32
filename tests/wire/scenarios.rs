//! Every scenario of `examples/scenarios/` played through the scenario
//! engine (`channel_licensing::scenario`), its JSON output pinned with insta: the stories are
//! documentation and regression tests at once. (Broken files are in
//! `tests/robustness`.)

use channel_licensing::scenario;

use std::path::Path;

use serde_json::Value;

use crate::common::scenario_files;

#[test]
fn every_scenario_plays_and_its_output_is_pinned() {
    let files = scenario_files();
    assert!(files.len() >= 12, "the scenario library: {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines = scenario::play(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let name = file.file_stem().unwrap().to_string_lossy().to_string();
        // Every line has the keys SCENARIOS.md promises.
        for line in &lines {
            if line.get("final").is_some() {
                continue;
            }
            match line["outcome"].as_str() {
                Some("refused") => assert!(
                    line["rule"].is_string() && line.get("earliest").is_some(),
                    "{line}"
                ),
                Some("accepted") => assert!(
                    line["events"].is_array() && line["effects"].is_array(),
                    "{line}"
                ),
                Some("advanced") => assert!(line["delivered"].is_array(), "{line}"),
                Some("answered") => assert!(line["answer"].is_object(), "{line}"),
                other => panic!("{name}: outcome {other:?}"),
            }
        }
        insta::assert_json_snapshot!(format!("scenario__{name}"), lines);
    }
}

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

/// SUB-1 in the scenario format: `bought_by` names a partner, `customer`,
/// or `partner` (the customer's first listed relationship, an input error
/// without one); an unknown partner is an input error, and no partner may
/// be called `customer` or `partner`.
#[test]
fn sub_1_bought_by_names_the_owner() {
    let v: Value = serde_json::from_str(&valid()).unwrap();
    let licence = serde_json::json!({"id": "l9", "offer": "e", "seats": 1, "state": "expired",
                                     "expired_at": "2026-01-10T00:00:00Z"});

    let mut unknown = v.clone();
    let mut l = licence.clone();
    l["bought_by"] = "ghost".into();
    unknown["customers"][0]["licences"] = serde_json::json!([l]);
    assert_eq!(
        error_of(&unknown.to_string()),
        "customers[0].licences[0], field `bought_by`: unknown partner `ghost`"
    );

    let mut orphan = v.clone();
    orphan["customers"][0]["relationships"] = serde_json::json!([]);
    orphan["customers"][0]["licences"] = serde_json::json!([licence.clone()]);
    assert!(
        error_of(&orphan.to_string()).contains(
            "field `bought_by`: `partner` means the customer's first listed relationship"
        )
    );

    for reserved in ["customer", "partner"] {
        let mut named = v.clone();
        named["partners"][0]["id"] = reserved.into();
        assert!(
            error_of(&named.to_string())
                .contains(&format!("`{reserved}` cannot be a partner's ID")),
            "{reserved}"
        );
    }
}

/// The README's sample output of its first command is exactly what
/// `simulate` prints for that story (REL-11, REL-7, REL-9: the story it
/// plays), but for the blank line that ends the output.
#[test]
fn rel_9_the_readmes_sample_output_is_what_simulate_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let story =
        std::fs::read_to_string(root.join("examples/scenarios/monthly-unlink-goes-through.json"))
            .unwrap();
    let printed: String = scenario::play(&story)
        .unwrap()
        .iter()
        .map(|line| format!("{}\n\n", scenario::describe(line)))
        .collect();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let start = readme
        .find("```text\nstep 0 at")
        .expect("the sample in the README")
        + "```text\n".len();
    let end = start + readme[start..].find("```\n").unwrap();
    assert_eq!(&readme[start..end], printed.trim_end().to_owned() + "\n");
}

/// A loaded `unlink_scheduled` relationship may omit `mdr_reports_until`,
/// which is then its `unlink_at` (REL-7, SCENARIOS.md); given, it is kept;
/// it belongs to that state only.
#[test]
fn rel_7_a_loaded_scheduled_unlink_may_omit_mdr_reports_until() {
    let story = |relationship: Value| {
        serde_json::json!({
            "format": 1,
            "partners": [{"id": "acme", "region": "eu", "programmes": ["msp_flex"]}],
            "customers": [{"id": "rossi", "name": "Rossi SpA", "region": "eu", "billing": "trial",
                           "relationships": [relationship]}],
            "steps": [{"at": "2026-07-02T00:00:00Z", "advance": true}]
        })
        .to_string()
    };
    let unlinked = |relationship: Value| {
        let lines = scenario::play(&story(relationship)).unwrap();
        let last = lines.last().unwrap();
        assert_eq!(
            last["final"]["customers"]["rossi"]["relationships"]["acme"],
            "unlinked"
        );
        lines[0]["delivered"].clone()
    };
    let delivered = unlinked(
        serde_json::json!({"partner": "acme", "state": "unlink_scheduled",
                                                 "unlink_at": "2026-07-01T00:00:00Z"}),
    );
    assert_eq!(delivered[0]["due"], "2026-07-01T00:00:00Z", "{delivered}");
    unlinked(
        serde_json::json!({"partner": "acme", "state": "unlink_scheduled",
                                "unlink_at": "2026-07-01T00:00:00Z",
                                "mdr_reports_until": "2026-08-01T00:00:00Z"}),
    );
    let linked = story(serde_json::json!({"partner": "acme", "state": "linked",
                                          "mdr_reports_until": "2026-08-01T00:00:00Z"}));
    assert!(
        error_of(&linked).contains("field `mdr_reports_until`: unknown field"),
        "{}",
        error_of(&linked)
    );
}

fn example(name: &str) -> Value {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/scenarios")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

/// A scenario's `policy` is a preset, by name or as an object whose
/// overrides the policy builder's own reader takes (SCENARIOS.md): the
/// REL-5 refusal's earliest instant moves with the reactivation window
/// (LIC-4), and the new-commerce preset blocks no unlink (POL-2). (The
/// calendar override is played by `monthly-unlink-rome-dst.json`.)
#[test]
fn lic_4_a_scenario_policy_is_a_preset_with_overrides() {
    use serde_json::json;

    let first_line = |policy: Option<Value>| {
        let mut story = example("unlink-inside-reactivation-window.json");
        match policy {
            Some(policy) => story["policy"] = policy,
            None => {
                story.as_object_mut().unwrap().remove("policy");
            }
        }
        scenario::play(&story.to_string()).unwrap().remove(0)
    };
    for same in [
        None,
        Some(json!("standard")),
        Some(json!({"preset": "standard"})),
        Some(json!({"preset": "standard", "expired_grace_days": null})),
    ] {
        assert_eq!(
            first_line(same.clone())["earliest"],
            "2026-03-11T00:00:00Z",
            "{same:?}"
        );
    }
    for (policy, earliest) in [
        (
            json!({"preset": "standard", "reactivation_window_days": 90}),
            "2026-04-10T00:00:00Z",
        ),
        (
            json!({"preset": "standard", "expired_grace_days": 45, "reactivation_window_days": 90}),
            "2026-04-10T00:00:00Z",
        ),
        (
            json!({"preset": "standard", "transfer_threshold": 10}),
            "2026-03-11T00:00:00Z",
        ),
    ] {
        assert_eq!(
            first_line(Some(policy.clone()))["earliest"],
            earliest,
            "{policy}"
        );
    }
    for new_commerce in [
        json!("microsoft_new_commerce"),
        json!({"preset": "microsoft_new_commerce", "expired_grace_days": 20}),
    ] {
        assert_eq!(
            first_line(Some(new_commerce.clone()))["outcome"],
            "accepted",
            "{new_commerce}"
        );
    }
}

/// Every relationship state and licence state the format lists loads as
/// listed (REL-1, LIC-7, SUB-1), with the customer's contact, groups and
/// partner assistance; `invited`, `unlinked` and `declined` need no instant.
#[test]
fn rel_1_every_listed_state_loads() {
    use serde_json::json;

    let partner = |id: &str| json!({"id": id, "region": "eu", "offers": ["e"]});
    let licence = |id: &str, state: Value| {
        let mut l = json!({"id": id, "offer": "e", "seats": 3});
        l.as_object_mut()
            .unwrap()
            .extend(state.as_object().unwrap().clone());
        l
    };
    let t = "2026-01-01T00:00:00Z";
    let story = json!({
        "format": 1,
        "partners": [partner("acme"), partner("beta"), partner("gamma"), partner("delta")],
        "customers": [{
            "id": "rossi", "name": "Rossi SpA", "region": "eu", "billing": "term",
            "partner_assistance": false,
            "contact": {"person": "Ada", "email": "ada@example.com"},
            "groups": ["schools"],
            "relationships": [
                {"partner": "acme", "state": "linked", "delegated_admin": true},
                {"partner": "beta", "state": "invited"},
                {"partner": "gamma", "state": "unlinked"},
                {"partner": "delta", "state": "declined", "delegated_admin": null}
            ],
            "licences": [
                licence("tr", json!({"state": "trial", "ends": "2026-12-01T00:00:00Z"})),
                licence("su", json!({"state": "suspended", "starts": t, "ends": "2027-01-01T00:00:00Z",
                                     "since": "2026-06-01T00:00:00Z", "bought_by": "acme"})),
                licence("ca", json!({"state": "cancelled", "at": t, "bought_by": "customer"})),
                licence("rm", json!({"state": "removed", "at": t})),
                licence("rv", json!({"state": "revoked", "at": t}))
            ]
        }],
        "steps": [
            {"at": "2026-06-15T00:00:00Z", "query": {"type": "credit_contact", "customer": "rossi",
                                                     "partner": "acme", "licence": "su"}},
            {"at": "2026-06-15T00:00:00Z", "query": {"type": "credit_contact", "customer": "rossi",
                                                     "partner": "acme"}}
        ]
    });
    let lines = scenario::play(&story.to_string()).unwrap();
    assert_eq!(lines[0]["outcome"], "answered", "{}", lines[0]);
    let rossi = &lines.last().unwrap()["final"]["customers"]["rossi"];
    assert_eq!(
        rossi["relationships"],
        json!({"acme": "linked", "beta": "invited", "gamma": "unlinked", "delta": "declined"})
    );
    let states: Vec<&str> = ["tr", "su", "ca", "rm", "rv"]
        .iter()
        .map(|id| rossi["licences"][id]["state"].as_str().unwrap())
        .collect();
    assert_eq!(
        states,
        ["trial", "suspended", "cancelled", "removed", "revoked"]
    );
    assert_eq!(rossi["groups"], json!(["schools"]));
    assert_eq!(rossi["partner_assistance"], false);
}

/// The commands and queries the examples do not use play through the
/// scenario reader to an outcome (accepted or refused, never an input
/// error), and `describe` words each kind of line.
#[test]
fn every_command_and_query_plays_to_an_outcome() {
    use serde_json::json;

    let mut story: Value = serde_json::from_str(&valid()).unwrap();
    let at = "2026-06-15T10:00:00Z";
    let partner = json!({"partner": "acme", "roles": ["super_admin"]});
    let new = |id: &str| json!({"id": id, "name": "New Srl", "region": "eu"});
    let command = |command: Value| json!({"at": at, "actor": partner, "customer": "rossi", "command": command});
    story["steps"] = json!([
        {"at": at, "actor": partner, "command": {"type": "create_trial", "customer": new("t1"),
                                                "trial_days": 30, "offer": "e", "seats": 5, "licence": "t1-l"}},
        {"at": at, "actor": partner, "command": {"type": "create_trial", "customer": new("t2"), "trial_days": 30}},
        {"at": at, "actor": {"vendor": true}, "command": {"type": "create_trial", "customer": new("t3"),
                                                          "trial_days": 30}},
        {"at": at, "actor": partner, "command": {"type": "create_monthly_account", "customer": new("m1")}},
        command(json!({"type": "enrol_early_access", "programme": "beta-x", "flex_compatible": true})),
        command(json!({"type": "set_auto_renew", "licence": "l1", "on": false})),
        command(json!({"type": "set_auto_renew", "licence": "l1", "on": false})),
        command(json!({"type": "reactivate", "licence": "l1", "term_days": 30})),
        command(json!({"type": "add_subscription", "licence": "l2", "offer": "endpoint-advanced", "seats": 2,
                       "term_days": 30, "price": {"amount": "1.50", "currency": "EUR"}})),
        command(json!({"type": "cancel", "licence": "l2"})),
        command(json!({"type": "remove_licence", "licence": "l1"})),
        {"at": at, "query": {"type": "credit_contact", "customer": "rossi", "partner": "acme", "licence": "l1"}},
        {"at": "2026-07-20T00:00:00Z", "advance": true}
    ]);
    let lines = scenario::play(&story.to_string()).unwrap();
    let outcomes: Vec<&str> = lines[..lines.len() - 1]
        .iter()
        .map(|line| line["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(
        outcomes,
        [
            "accepted", "accepted", "refused", "accepted", "accepted", "accepted", "accepted",
            "refused", "accepted", "accepted", "accepted", "answered", "advanced"
        ],
        "{lines:#?}"
    );
    let customers = &lines.last().unwrap()["final"]["customers"];
    assert_eq!(
        customers["t1"]["licences"]["t1-l"]["seats"], 5,
        "{customers}"
    );
    // The second `set_auto_renew` changes nothing: no event, and the
    // timeline says so.
    assert!(
        scenario::describe(&lines[6]).ends_with("(nothing to do: already in that state)"),
        "{}",
        scenario::describe(&lines[6])
    );
}

/// A scenario whose header comes first may give `"steps": null`: no step,
/// as a missing `steps` is; only the final state is played.
#[test]
fn steps_null_after_the_header_is_no_step() {
    let text = valid();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v.as_object_mut().unwrap().remove("steps");
    let header = v.to_string();
    let text = format!(r#"{}, "steps": null}}"#, &header[..header.len() - 1]);
    assert_eq!(scenario::play(&text).unwrap().len(), 1);
}

/// More timers due before a step than a scheduler delivers on time (1,000)
/// are caught up late, in due order, and reported as delivered (REL-9's
/// catch-up; `testing::World::advance_late_to`).
#[test]
fn a_thousand_timers_due_at_once_are_caught_up() {
    use serde_json::json;

    let mut story: Value = serde_json::from_str(&valid()).unwrap();
    let licences: Vec<Value> = (0..520)
        .map(|i| {
            json!({"id": format!("l{i}"), "offer": "endpoint-advanced", "seats": 1, "state": "active",
                   "starts": "2026-01-01T00:00:00Z", "ends": "2026-03-01T00:00:00Z"})
        })
        .collect();
    story["customers"][0]["licences"] = licences.into();
    story["steps"] = json!([{"at": "2026-04-01T00:00:00Z", "advance": true}]);
    let lines = scenario::play(&story.to_string()).unwrap();
    assert_eq!(lines[0]["delivered"].as_array().unwrap().len(), 1_040);
    let licences = lines[1]["final"]["customers"]["rossi"]["licences"]
        .as_object()
        .unwrap();
    assert!(
        licences.values().all(|l| l["state"] == "expired"),
        "{licences:?}"
    );
}
