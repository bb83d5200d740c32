//! Properties (proptest) over generated states, actors, commands and
//! instants: the licence against a naive reference model, the account's
//! invariants, ownership over random command sequences, direct purchases,
//! money, transfer plans and the wire boundary. Failures are kept under `proptest-regressions/`.

#[path = "../common/mod.rs"]
mod common;

mod account;
mod direct_purchases;
mod licence;
mod money;
mod outbox;
mod ownership;
mod strategies;
mod testing;
mod transfers;
mod wire;
