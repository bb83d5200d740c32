//! Every input kept under `fuzz/regressions/<target>/` (crashes the fuzzers
//! found, once fixed, and a handful of interesting corpus entries) replayed
//! through the very checks the fuzz targets run (`fuzz/checks.rs`), so that
//! `cargo test` guards them without cargo-fuzz or a nightly toolchain.
//! How to fuzz and add inputs: `fuzz/README.md`.

#[path = "../../fuzz/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// Runs every input of `target` through `check`, each on its own, and
/// names all the inputs that failed.
fn replay(target: &'static str, check: fn(&[u8])) {
    let files = inputs(target);
    assert!(!files.is_empty(), "no inputs in fuzz/regressions/{target}");
    let failed: Vec<String> = files
        .iter()
        .filter(|file| {
            let data = std::fs::read(file).expect("a regression input");
            let failed = std::panic::catch_unwind(|| check(&data)).is_err();
            if failed {
                eprintln!(
                    "{} decodes as:\n{}",
                    file.display(),
                    checks::describe(target, &data)
                );
            }
            failed
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} inputs of fuzz/regressions/{target} fail (the panics are above): {failed:#?}",
        failed.len(),
        files.len()
    );
}

#[test]
fn licence() {
    replay("licence", checks::licence);
}

#[test]
fn account() {
    replay("account", checks::account);
}

#[test]
fn json_licence() {
    replay("json_licence", checks::json_licence);
}

#[test]
fn json_account() {
    replay("json_account", checks::json_account);
}

#[test]
fn scenario() {
    replay("scenario", checks::scenario);
}

/// The JSON seeds load and play (a wire-format change that made them fail
/// to load would leave their replays above checking nothing): every
/// `seed-*.json` of both JSON targets, and most of their inputs.
#[test]
fn json_seeds_still_load() {
    for target in ["json_licence", "json_account"] {
        let files = inputs(target);
        let loading: Vec<bool> = files
            .iter()
            .map(|file| checks::json_loads(target, &std::fs::read(file).expect("an input")))
            .collect();
        for (file, loads) in files.iter().zip(&loading) {
            let seed = file
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("seed-"));
            assert!(!seed || *loads, "{} no longer loads", file.display());
        }
        let loaded = loading.iter().filter(|l| **l).count();
        assert!(
            loaded * 2 > files.len(),
            "{target}: only {loaded} of {} inputs load",
            files.len()
        );
    }
}
