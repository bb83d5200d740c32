//! The `simulate` program as a user runs it: its usage, its two outputs
//! (described steps, `--json` lines), and for bad arguments, a missing
//! file or a broken one, a message on stderr, nothing on stdout and exit
//! status 2; a reader that goes away ends it quietly.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const USAGE: &str = "usage: simulate [--json] SCENARIO.json";

fn simulate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_simulate"))
        .args(args)
        .output()
        .unwrap()
}

fn story(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/scenarios")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

/// A file of its own under the temporary directory, holding `content`.
fn temp_file(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("simulate-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

#[test]
fn help_prints_the_usage_and_succeeds() {
    for flag in ["-h", "--help"] {
        let out = simulate(&[flag]);
        assert_eq!(out.status.code(), Some(0), "{flag}");
        assert_eq!(text(&out.stdout), format!("{USAGE}\n"));
        assert!(out.stderr.is_empty());
    }
}

#[test]
fn no_file_or_two_files_is_a_usage_error() {
    let out = simulate(&["--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(text(&out.stderr), format!("simulate: {USAGE}\n"));

    let one = story("add-subscription.json");
    let out = simulate(&[&one, &one]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        text(&out.stderr),
        format!("simulate: one scenario file at a time ({USAGE})\n")
    );
}

#[test]
fn a_missing_file_is_named_with_the_reason() {
    let missing = std::env::temp_dir().join("simulate-cli-no-such-file.json");
    let missing = missing.to_string_lossy();
    let out = simulate(&[&missing]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!("simulate: cannot read {missing}: ")),
        "{stderr}"
    );
}

#[test]
fn a_broken_file_is_named_with_its_step_and_field() {
    let broken = temp_file(
        "unknown-customer.json",
        r#"{"format": 1, "steps": [{"at": "2026-07-01T00:00:00Z", "as": "vendor", "customer": "nobody", "command": {"type": "rename", "name": "X"}}]}"#,
    );
    let path = broken.clone();
    let broken = broken.to_string_lossy();
    for args in [vec![&*broken], vec!["--json", &*broken]] {
        let out = simulate(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.starts_with(&format!("simulate: {broken}: step 0")),
            "{stderr}"
        );
    }
    std::fs::remove_file(path).ok();
}

/// Without `--json`, each step is described in words, a blank line after
/// each (the README's sample); with it, one JSON line per step, and the
/// two list the same steps.
#[test]
fn the_described_and_the_json_output_list_the_same_steps() {
    let file = story("monthly-unlink-goes-through.json");
    let described = simulate(&[&file]);
    assert_eq!(described.status.code(), Some(0));
    assert!(described.stderr.is_empty());
    let described = text(&described.stdout);
    assert!(
        described.starts_with("step 0 at 2026-06-30T23:59:59Z: refused\n"),
        "{described}"
    );
    assert!(described.ends_with("\n\n"));

    let json = simulate(&["--json", &file]);
    assert_eq!(json.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = text(&json.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let steps = described
        .split("\n\n")
        .filter(|block| block.starts_with("step "))
        .count();
    let json_steps = lines
        .iter()
        .filter(|line| line.get("step").is_some())
        .count();
    assert_eq!(steps, json_steps);
    assert!(steps > 0);
}

/// A reader that closes the pipe before the output ends (`simulate … |
/// head`) stops the output without a panic: exit status 0, nothing on
/// stderr.
#[test]
fn a_closed_output_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_simulate"))
        .arg(story("move-151-subscriptions.json"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stderr), "");
}
