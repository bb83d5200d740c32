//! The rules of RULES.md, one module per family: each test names the rule
//! it pins (`lic_7_…` pins LIC-7) and would fail if that rule were broken.
//! `/work/shared/tools/rule-coverage` checks that every rule is named.
//!
//! The tests read given / when / then (`common::given`): given an account or
//! a licence, when an actor sends a command at an instant, then it is
//! accepted (its changes, the state they lead to) or refused (the refusal).

#[path = "../common/mod.rs"]
mod common;

mod assistance;
mod authorization;
mod billing;
mod coverage;
mod creation;
mod customers;
mod gdap;
mod licence;
mod policies;
mod relationships;
mod subscriptions;
mod transfer_requests;
mod transfers;
