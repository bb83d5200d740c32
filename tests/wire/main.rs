//! The wire format, pinned with insta (snapshots under `tests/wire/snapshots/`):
//! the JSON of every state, command, event, effect and refusal, the licence's
//! state × command matrix, transfer plans, every scenario's output, and the
//! details of the output types callers build on. A change to a snapshot is a
//! change of the serialized form: record it in CHANGELOG.md.

#[path = "../common/mod.rs"]
mod common;

mod account;
mod compat;
mod gdap;
mod licence;
mod links;
mod outputs;
mod scenarios;
mod schema;
mod text;
mod transfer_requests;
mod transfers;
