//! Robustness: bad input of every kind gives an error value, never a panic
//! (`bad_input`); the fuzz targets' kept inputs replay (`fuzz_regressions`); the SQLite outbox
//! example survives a crash mid-delivery (`sqlite_outbox`).

#[path = "../common/mod.rs"]
mod common;

mod bad_input;
mod fuzz_regressions;
mod simulate;
mod sqlite_outbox;
