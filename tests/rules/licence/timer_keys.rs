//! LIC-2's timers name their customer: two customers' licences with the same
//! ID have different timer keys, and a licence ignores another customer's.

use channel_licensing::{
    Account, AccountCommand, BillingType, CreatedBy, Error, LicenceCommand, Policy, Purchaser,
    RelationshipState, Timer, TimerKey,
};

use crate::common::partners::{active, june};
use crate::common::*;

// ---------------------------------------------------------------- timer keys

/// Timer keys name the customer (LIC-2, POL-3): two customers' licences with
/// the same ID have different keys, and a timer of one customer delivered
/// to the other is stale there (no events, not refused as early).
#[test]
fn lic_2_timer_keys_are_unique_across_customers() {
    let licence = active("L-1", Purchaser::partner("acme"));
    let rossi = rossi(BillingType::Term).with_licence(licence.clone());
    let verdi = Account::new(
        "verdi",
        "Verdi",
        "eu",
        BillingType::Term,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::Linked)
    .with_licence(licence);
    let keys = |a: &Account| -> Vec<String> {
        a.timers(&Policy::standard())
            .map(|t| t.key.to_string())
            .collect()
    };
    assert_eq!(
        keys(&rossi),
        [
            "customer/rossi/licence/L-1/reminder/term_end/30",
            "customer/rossi/licence/L-1/term_end"
        ]
    );
    assert!(keys(&rossi).iter().all(|k| !keys(&verdi).contains(k)));
    // verdi's term end, delivered to rossi early: not rossi's timer.
    let verdis = verdi.timers(&Policy::standard()).last().unwrap();
    assert_eq!(verdis.key.customer().as_str(), "verdi");
    let decision = given(&rossi)
        .when(&vendor(), AccountCommand::Deliver(verdis.clone()))
        .at(june())
        .outcome()
        .unwrap();
    assert!(decision.is_empty());
    // To verdi, the same delivery is early: refused with its due instant.
    match given(&verdi)
        .when(&vendor(), AccountCommand::Deliver(verdis.clone()))
        .at(june())
        .outcome()
    {
        Err(Error::Refused(refusal)) => assert_eq!(refusal.earliest(), Some(verdis.due)),
        other => panic!("expected an early refusal, got {other:?}"),
    }
}

/// Timer keys name the customer (LIC-2): a licence decided on its own
/// treats another customer's key for the same licence ID as stale, even
/// when that key is pending here and not yet due (which for its own key is
/// refused as early).
#[test]
fn lic_2_a_standalone_licence_ignores_another_customers_key() {
    let licence = active("L-1", Purchaser::partner("acme"));
    let policy = Policy::standard();
    let own = licence.timers(&customer(), &policy).last().unwrap();
    let foreign = Timer {
        key: TimerKey::TermEnd {
            customer: "verdi".into(),
            licence: "L-1".into(),
        },
        due: own.due,
    };
    let stale = given(&licence)
        .under(&policy)
        .when(&vendor(), LicenceCommand::Deliver(foreign))
        .at(june())
        .outcome()
        .unwrap();
    assert!(stale.is_empty());
    let early = given(&licence)
        .under(&policy)
        .when(&vendor(), LicenceCommand::Deliver(own.clone()))
        .at(june())
        .refused();
    assert_eq!(early.earliest(), Some(own.due));
}
