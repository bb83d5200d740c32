//! BILL-8: who may ask for a credit on a cancelled subscription (direct
//! purchases only, through the vendor's billing support).

use channel_licensing::account::{CreditContact, credit_contact};
use channel_licensing::{BillingType, Licence, Purchaser, RelationshipState};

use crate::common::*;

// ---------------------------------------------------------------- BILL-8

/// BILL-8: a credit is possible only for subscriptions bought directly; the
/// partner asks when it holds delegated admin privileges, else the customer.
#[test]
fn bill_8_who_may_ask_for_a_credit() {
    let mut direct = rossi(BillingType::Direct);
    assert_eq!(
        credit_contact(&direct, &"acme".into(), None, now()),
        CreditContact::Customer
    );
    direct.relationships[0].delegated_admin = true;
    assert_eq!(
        credit_contact(&direct, &"acme".into(), None, now()),
        CreditContact::Partner
    );
    let gone = direct
        .clone()
        .with_relationship("acme", RelationshipState::Unlinked { at: now() });
    assert_eq!(
        credit_contact(&gone, &"acme".into(), None, now()),
        CreditContact::Customer,
        "no live relationship"
    );

    let term = rossi(BillingType::Term)
        .with_licence(Licence::active("MINE", "e", 1, year_2026(), true, by_acme()).unwrap())
        .with_licence(
            Licence::active("THEIRS", "e", 1, year_2026(), true, Purchaser::Customer).unwrap(),
        );
    assert_eq!(
        credit_contact(&term, &"acme".into(), Some(&"MINE".into()), now()),
        CreditContact::Nobody
    );
    assert_eq!(
        credit_contact(&term, &"acme".into(), Some(&"THEIRS".into()), now()),
        CreditContact::Customer
    );
    // The account as a whole: eligible through the licence the customer
    // bought; not when every licence came through the partner.
    assert_eq!(
        credit_contact(&term, &"acme".into(), None, now()),
        CreditContact::Customer
    );
    let resold = rossi(BillingType::Term)
        .with_licence(Licence::active("MINE", "e", 1, year_2026(), true, by_acme()).unwrap());
    assert_eq!(
        credit_contact(&resold, &"acme".into(), None, now()),
        CreditContact::Nobody
    );
    assert!(!CreditContact::Nobody.eligible());
}

/// BILL-8: a named licence is judged by itself: on a direct account, an
/// unknown licence is not eligible.
#[test]
fn bill_8_a_named_licence_is_judged_by_itself() {
    let direct = rossi(BillingType::Direct)
        .with_licence(Licence::active("D-1", "e", 1, year_2026(), true, by_acme()).unwrap());
    assert_eq!(
        credit_contact(&direct, &"acme".into(), Some(&"D-1".into()), now()),
        CreditContact::Customer
    );
    assert_eq!(
        credit_contact(&direct, &"acme".into(), Some(&"NOPE".into()), now()),
        CreditContact::Nobody
    );
}
