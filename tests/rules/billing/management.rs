//! Who manages what: BILL-6 (a direct purchase is visible to the partner but
//! not manageable) and BILL-7 (on an account the partner created, the partner
//! manages and the customer does not).

use channel_licensing::{
    Account, AccountChange, AccountCommand as A, BillingType, CreatedBy, Error, Licence,
    LicenceChange, LicenceCommand as C, Policy, Purchaser, Reason, Rule,
};

use crate::common::*;

// ---------------------------------------------------------------- BILL-6

/// BILL-6: a direct purchase is visible but not manageable: quantity,
/// status, auto-renew and cancel commands from the partner are refused.
#[test]
fn bill_6_direct_accounts_are_read_only_for_the_partner() {
    let direct = rossi(BillingType::Direct).with_licence(active_licence("L-1"));
    for command in [
        C::ChangeSeats { seats: 9 },
        C::Suspend,
        C::Resume,
        C::SetAutoRenew { on: false },
        C::Cancel,
    ] {
        let r = given(&direct)
            .when(
                &acme(&[]),
                A::Licence {
                    licence: "L-1".into(),
                    command: command.clone(),
                },
            )
            .at(now())
            .refused();
        assert_eq!(r.rule(), Rule::Bill6, "{command:?}");
        assert!(
            r.to_string()
                .contains("it is billed as a direct purchase, which does not allow this"),
            "{r}"
        );
    }
    // Visible: the customer list shows it.
    let rows = channel_licensing::customers::customer_list(
        &[direct],
        &channel_licensing::customers::CustomerQuery::new("acme"),
        now(),
        &Policy::standard(),
    );
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].licences.len(), 1);
}

// ---------------------------------------------------------------- BILL-7

/// BILL-7: when the partner created the account, the customer's admin
/// cannot manage its licences; when the customer created it, it can.
#[test]
fn bill_7_partner_created_accounts_are_managed_by_the_partner() {
    let command = A::Licence {
        licence: "L-1".into(),
        command: C::ChangeSeats { seats: 9 },
    };
    let by_partner = rossi(BillingType::Term).with_licence(active_licence("L-1"));
    let r = given(&by_partner)
        .when(&admin_of("rossi"), command.clone())
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Bill7);
    assert!(
        r.to_string().contains("the partner created this account"),
        "{r}"
    );

    let by_customer = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Term,
        CreatedBy::Customer,
    )
    .with_licence(active_licence("L-1"));
    let d = given(&by_customer)
        .when(&admin_of("rossi"), command)
        .at(now())
        .accepted();
    assert_eq!(
        changes(&d),
        [AccountChange::Licence {
            licence: "L-1".into(),
            change: LicenceChange::SeatsChanged { from: 5, to: 9 }
        }]
    );
}

// ---------------------------------------------------------------- BILL-6

/// BILL-6 (and LIC-11's "a licence the partner manages"): a direct purchase
/// is visible to the partner but not manageable: quantity, status,
/// auto-renew and cancel commands from a partner are refused.
#[test]
fn bill_6_partner_cannot_manage_a_direct_purchase() {
    use channel_licensing::Purchaser;
    let now = at("2026-06-01T00:00:00Z");
    let direct = Licence::active(
        "L-1",
        "endpoint-advanced",
        10,
        year_2026(),
        true,
        Purchaser::Customer,
    )
    .unwrap();
    for command in [
        C::ChangeSeats { seats: 12 },
        C::Suspend,
        C::Resume,
        C::SetAutoRenew { on: false },
        C::Cancel,
    ] {
        let r = given(&direct)
            .when(&partner(), command.clone())
            .at(now)
            .refused();
        assert_eq!(r.rule(), Rule::Bill6, "{command:?}");
        assert!(matches!(r.reason(), Reason::DirectPurchase { .. }));
        // The same command on a licence the partner bought is not refused by BILL-6.
        let own = given(&active(true))
            .when(&partner(), command.clone())
            .at(now)
            .outcome();
        assert!(
            own.as_ref()
                .err()
                .and_then(Error::refusal)
                .is_none_or(|r| r.rule() != Rule::Bill6)
        );
    }
    let r = given(&direct)
        .when(&partner(), C::ChangeSeats { seats: 12 })
        .at(now)
        .refused();
    assert_eq!(
        r.to_string(),
        "cannot change the seats of licence L-1: the customer bought it directly from the vendor, \
         so only the customer can manage it (BILL-6)"
    );
    // The customer itself, in its own console, manages it.
    let admin = channel_licensing::Actor::CustomerAdmin {
        customer: "rossi".into(),
    };
    assert!(
        given(&direct)
            .when(&admin, C::ChangeSeats { seats: 12 })
            .at(now)
            .outcome()
            .is_ok()
    );
}

/// BILL-6: a partner command that manages a direct purchase is refused,
/// but delivering one of its due timers manages nothing and goes through.
#[test]
fn bill_6_delivering_a_timer_on_a_direct_account_is_not_managing_it() {
    let licence = Licence::active("L-1", "e", 5, year_2026(), false, Purchaser::Customer).unwrap();
    let account = rossi(BillingType::Direct).with_licence(licence.clone());
    let term_end = licence
        .timers(&account.id, &Policy::standard())
        .last()
        .expect("a term end");
    let d = given(&account)
        .when(&acme(&[]), on("L-1", C::Deliver(term_end.clone())))
        .at(term_end.due)
        .accepted();
    assert!(
        changes(&d).iter().any(|c| matches!(
            c,
            AccountChange::Licence {
                change: LicenceChange::Expired { .. },
                ..
            }
        )),
        "{:?}",
        changes(&d)
    );
    let r = given(&account)
        .when(&acme(&[]), on("L-1", C::Suspend))
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Bill6);
}
