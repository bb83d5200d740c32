//! Accounts that contradict themselves: a stored account listing a licence or
//! a partner twice is an error value, and an account ignores another
//! customer's events.

use channel_licensing::{Account, BillingType, NewAccount, NewCustomer, Policy};

use crate::common::*;

/// A stored account with two licences of the same ID, or two relationships
/// with the same partner, is an error value; the builder replaces instead.
#[test]
fn duplicate_ids_in_a_stored_account_are_rejected() {
    let mut json =
        serde_json::to_value(rossi(BillingType::Term).with_licence(active_licence("L-1"))).unwrap();
    let licence = json["licences"][0].clone();
    json["licences"].as_array_mut().unwrap().push(licence);
    let err = serde_json::from_value::<Account>(json).unwrap_err();
    assert!(err.to_string().contains("lists licence L-1 twice"), "{err}");

    let mut json = serde_json::to_value(rossi(BillingType::Term)).unwrap();
    let rel = json["relationships"][0].clone();
    json["relationships"].as_array_mut().unwrap().push(rel);
    let err = serde_json::from_value::<Account>(json).unwrap_err();
    assert!(err.to_string().contains("partner acme twice"), "{err}");

    let twice = rossi(BillingType::Term)
        .with_licence(active_licence("L-1"))
        .with_licence(active_licence("L-1"));
    assert_eq!(twice.licences.len(), 1);
}

/// Events apply only to their own customer, `created` included.
#[test]
fn evolve_ignores_other_customers_events() {
    let p = Policy::standard();
    let cmd = NewAccount::CreateMonthlyAccount {
        customer: NewCustomer::new("verdi", "Verdi", "eu"),
    };
    let d = Account::create(&cmd, &channel_licensing::Context::new(now(), &flex(), &p)).unwrap();
    let rossi = rossi(BillingType::Term);
    assert_eq!(d.events().fold(rossi.clone(), Account::evolve), rossi);
}
