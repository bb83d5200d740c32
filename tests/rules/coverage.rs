//! Every rule of the crate's catalogue (`Rule::ALL`) is named by a test:
//! its ID (`REL-5`) appears in a Rust file under `tests/` other than this
//! one, as a whole word (`LIC-1` does not count for `LIC-11`). The same
//! check as the project's shared `rule-coverage` tool, without it.

use std::path::{Path, PathBuf};

use channel_licensing::Rule;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether `id` stands in `text` as a whole word.
fn names(text: &str, id: &str) -> bool {
    text.match_indices(id).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + id.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
            && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

#[test]
fn every_rule_of_the_catalogue_is_named_by_a_test() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut files = Vec::new();
    rust_files(&tests, &mut files);
    let this = tests.join("rules").join("coverage.rs");
    let text: String = files
        .iter()
        .filter(|f| **f != this)
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let missing: Vec<&str> = Rule::ALL
        .iter()
        .map(|rule| rule.id())
        .filter(|id| !names(&text, id))
        .collect();
    assert!(Rule::ALL.len() >= 59, "{} rules", Rule::ALL.len());
    assert!(missing.is_empty(), "rules no test names: {missing:?}");
    assert!(names("lic_x LIC-1 y", "LIC-1") && !names("LIC-11", "LIC-1"));
}
