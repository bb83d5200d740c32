//! The `proptest` feature's strategies: every account, licence and policy
//! they make passes the load checks (SUB-1, BILL-9, REL-7, LIC-7, LIC-6),
//! and `command_for` gets commands accepted, not only refused (AUTH-1).

use channel_licensing::strategies::{account, command_for, instant, licence, policy};
use channel_licensing::{Account, Context, Licence, Policy, Purchaser, from_json};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

/// SUB-1, BILL-9, REL-7: a thousand generated accounts all load, and
/// cover every billing type and relationship state.
#[test]
fn sub_1_generated_accounts_are_valid_by_construction() {
    let mut runner = TestRunner::deterministic();
    let mut billing = std::collections::BTreeSet::new();
    let mut states = std::collections::BTreeSet::new();
    for _ in 0..1000 {
        let a = account().new_tree(&mut runner).unwrap().current();
        let json = serde_json::to_string(&a).unwrap();
        let back: Account = from_json(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
        assert_eq!(back, a);
        billing.insert(a.billing.to_string());
        for r in &a.relationships {
            states.insert(r.state.status().to_string());
        }
    }
    assert_eq!(billing.len(), 5, "{billing:?}");
    assert_eq!(states.len(), 5, "{states:?}");
}

/// LIC-7 (and LIC-6 for policies): generated licences and policies load.
#[test]
fn lic_7_generated_licences_and_policies_are_valid() {
    let mut runner = TestRunner::deterministic();
    for _ in 0..500 {
        let l = licence("L-1", Purchaser::partner("acme"))
            .new_tree(&mut runner)
            .unwrap()
            .current();
        assert_eq!(
            from_json::<Licence>(&serde_json::to_string(&l).unwrap()).unwrap(),
            l
        );
        let p = policy().new_tree(&mut runner).unwrap().current();
        assert_eq!(
            from_json::<Policy>(&serde_json::to_string(&p).unwrap()).unwrap(),
            p
        );
    }
}

/// AUTH-1: the commands `command_for` picks are accepted often enough for
/// a property to see acceptances: at least a quarter, and at least twice
/// as often as any actor with any command.
#[test]
fn auth_1_command_for_gets_commands_accepted() {
    let mut runner = TestRunner::deterministic();
    let policy = Policy::standard();
    let (mut accepted, total) = (0, 2000);
    for _ in 0..total {
        let a = account().new_tree(&mut runner).unwrap().current();
        let now = instant().new_tree(&mut runner).unwrap().current();
        let (actor, command) = command_for(&a, &policy)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        if a.decide(&command, &Context::new(now, &actor, &policy))
            .is_ok()
        {
            accepted += 1;
        }
    }
    let mut plain = 0;
    for _ in 0..total {
        let a = account().new_tree(&mut runner).unwrap().current();
        let now = instant().new_tree(&mut runner).unwrap().current();
        let actor = channel_licensing::strategies::actor()
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let command = channel_licensing::strategies::account_command()
            .new_tree(&mut runner)
            .unwrap()
            .current();
        if a.decide(&command, &Context::new(now, &actor, &policy))
            .is_ok()
        {
            plain += 1;
        }
    }
    // Measured: 659 and 246 of 2,000 with the deterministic runner.
    assert!(accepted * 4 >= total, "{accepted} of {total} accepted");
    assert!(
        accepted >= 2 * plain,
        "{accepted} biased against {plain} plain"
    );
}
