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
