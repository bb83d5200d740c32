//! BILL-1 … BILL-5: one billing type per account; monthly usage needs MSP
//! Flex (creation, trial conversion, early access); managed orders need MSP
//! Flex Connect.

use channel_licensing::{
    Account, AccountChange, AccountCommand as A, BillingType, CreatedBy, Error,
    LicenceCommand as C, NewAccount, NewCustomer, Policy, Programme, Reason, RelationshipState,
    RelationshipStatus, Rule,
};

use crate::common::*;

// ---------------------------------------------------------------- BILL-1

/// BILL-1: an account has exactly one billing type, one of five, on the wire
/// as a snake-case string.
#[test]
fn bill_1_one_billing_type_per_account() {
    let types = [
        (BillingType::Trial, "trial"),
        (BillingType::Term, "term"),
        (BillingType::MonthlyUsage, "monthly_usage"),
        (BillingType::ManagedOrder, "managed_order"),
        (BillingType::Direct, "direct"),
    ];
    for (billing, wire) in types {
        let account = rossi(billing);
        let json = serde_json::to_value(&account).unwrap();
        assert_eq!(json["billing"], wire);
        let back: Account = serde_json::from_value(json).unwrap();
        assert_eq!(back.billing, billing);
    }
}

// ---------------------------------------------------------------- BILL-2

/// BILL-2: only an MSP Flex partner creates a monthly-usage account; the
/// partner is linked to it and assistance is on (AST-2).
#[test]
fn bill_2_monthly_accounts_need_msp_flex() {
    let p = Policy::standard();
    let cmd = NewAccount::CreateMonthlyAccount {
        customer: NewCustomer::new("verdi", "Verdi Srl", "eu"),
    };
    let plain = acme(&[]);
    let Err(Error::Refused(r)) =
        Account::create(&cmd, &channel_licensing::Context::new(now(), &plain, &p))
    else {
        panic!("a partner outside MSP Flex cannot create monthly accounts");
    };
    assert_eq!(r.rule(), Rule::Bill2);
    assert!(matches!(
        r.reason(),
        Reason::MissingProgramme {
            programme: Programme::MspFlex,
            ..
        }
    ));

    let d = Account::create(&cmd, &channel_licensing::Context::new(now(), &flex(), &p)).unwrap();
    let account = Account::from_events(d.events()).unwrap();
    assert_eq!(account.billing, BillingType::MonthlyUsage);
    assert_eq!(
        account.relationship_status(&"acme".into(), now()),
        Some(RelationshipStatus::Linked)
    );
    assert!(account.partner_assistance);
}

// ---------------------------------------------------------------- BILL-3

/// BILL-3: an MSP Flex partner converts a trial to monthly usage; nobody
/// else, and nothing but a trial.
#[test]
fn bill_3_trial_to_monthly_conversion() {
    let trial = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Trial,
        CreatedBy::Customer,
    )
    .with_relationship("acme", RelationshipState::Linked);
    assert!(!trial.partner_assistance);
    let d = given(&trial)
        .when(&flex(), A::ConvertToMonthly)
        .at(now())
        .accepted();
    assert_eq!(
        changes(&d),
        [
            AccountChange::BillingChanged {
                from: BillingType::Trial,
                to: BillingType::MonthlyUsage
            },
            AccountChange::PartnerAssistanceChanged { enabled: true },
        ]
    );
    let monthly = apply(trial.clone(), &d);
    assert!(
        given(&monthly)
            .when(&flex(), A::ConvertToMonthly)
            .at(now())
            .accepted()
            .is_empty()
    );

    let r = given(&trial)
        .when(&acme(&[]), A::ConvertToMonthly)
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Bill3);
    let r = given(&rossi(BillingType::Term))
        .when(&flex(), A::ConvertToMonthly)
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Bill3);
    assert!(
        r.to_string()
            .contains("it is billed as terms, which does not allow this"),
        "{r}"
    );
}

// ---------------------------------------------------------------- BILL-4

/// BILL-4: a monthly-usage account cannot join an early-access programme
/// that is not flex-compatible; others can.
#[test]
fn bill_4_flex_and_early_access() {
    let incompatible = A::EnrolEarlyAccess {
        programme: "eap-xdr".into(),
        flex_compatible: false,
    };
    let r = given(&rossi(BillingType::MonthlyUsage))
        .when(&acme(&[]), incompatible.clone())
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Bill4);
    let compatible = A::EnrolEarlyAccess {
        programme: "eap-xdr".into(),
        flex_compatible: true,
    };
    let d = given(&rossi(BillingType::MonthlyUsage))
        .when(&acme(&[]), compatible)
        .at(now())
        .accepted();
    assert_eq!(
        changes(&d),
        [AccountChange::EarlyAccessEnrolled {
            programme: "eap-xdr".into()
        }]
    );
    let term = rossi(BillingType::Term);
    let enrolled = given(&term)
        .when(&acme(&[]), incompatible.clone())
        .at(now())
        .then_state();
    assert_eq!(enrolled.early_access, ["eap-xdr".into()]);
    assert!(
        given(&enrolled)
            .when(&acme(&[]), incompatible)
            .at(now())
            .accepted()
            .is_empty()
    );
}

// ---------------------------------------------------------------- BILL-5

/// BILL-5: a managed order is managed only by an MSP Flex Connect partner.
#[test]
fn bill_5_managed_orders_need_flex_connect() {
    let order = rossi(BillingType::ManagedOrder).with_licence(active_licence("L-1"));
    let seats = A::Licence {
        licence: "L-1".into(),
        command: C::ChangeSeats { seats: 9 },
    };
    for command in [seats.clone(), A::LaunchConsole] {
        let r = given(&order)
            .when(&flex(), command.clone())
            .at(now())
            .refused();
        assert_eq!(r.rule(), Rule::Bill5, "{command:?}");
        assert!(matches!(
            r.reason(),
            Reason::MissingProgramme {
                programme: Programme::MspFlexConnect,
                ..
            }
        ));
    }
    let connect = acme(&[Programme::MspFlexConnect]);
    assert!(
        !given(&order)
            .when(&connect, seats)
            .at(now())
            .accepted()
            .is_empty()
    );
    assert!(
        !given(&order)
            .when(&connect, A::LaunchConsole)
            .at(now())
            .accepted()
            .is_empty()
    );
}
