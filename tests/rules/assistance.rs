//! Partner assistance: AST-1 (launching the customer's console), AST-2 (on
//! automatically for partner trials, monthly usage and managed orders), AST-3
//! (only the customer switches it on a trial it created).

use channel_licensing::{
    Account, AccountChange, AccountCommand as A, BillingType, CreatedBy, LicenceState, NewAccount,
    NewCustomer, Policy, Reason, RelationshipState, Rule,
};

use crate::common::*;

// ---------------------------------------------------------------- AST-1

/// AST-1: launching the console needs assistance on and a linked or
/// unlink-scheduled relationship.
#[test]
fn ast_1_launching_the_console() {
    let linked = rossi(BillingType::Term);
    let d = given(&linked)
        .when(&acme(&[]), A::LaunchConsole)
        .at(now())
        .accepted();
    assert_eq!(
        changes(&d),
        [AccountChange::ConsoleLaunched {
            partner: "acme".into()
        }]
    );

    let scheduled = rossi(BillingType::Trial).with_relationship(
        "acme",
        RelationshipState::UnlinkScheduled {
            unlink_at: now() + days(10),
        },
    );
    assert!(
        !given(&scheduled)
            .when(&acme(&[]), A::LaunchConsole)
            .at(now())
            .accepted()
            .is_empty()
    );

    let off = rossi(BillingType::Term).with_partner_assistance(false);
    let r = given(&off)
        .when(&acme(&[]), A::LaunchConsole)
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Ast1);
    assert!(matches!(r.reason(), Reason::AssistanceDisabled { .. }));

    let unlinked = rossi(BillingType::Term)
        .with_relationship("acme", RelationshipState::Unlinked { at: now() });
    let r = given(&unlinked)
        .when(&acme(&[]), A::LaunchConsole)
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Ast1);
    // The scheduled unlink's instant has come: not live any more.
    let r = given(&scheduled)
        .when(&acme(&[]), A::LaunchConsole)
        .at(now() + days(10))
        .refused();
    assert_eq!(r.rule(), Rule::Ast1);
}

// ---------------------------------------------------------------- AST-2

/// AST-2: assistance is on for partner-created trials, monthly-usage
/// accounts and managed orders.
#[test]
fn ast_2_assistance_on_automatically() {
    let p = Policy::standard();
    let cmd = NewAccount::CreateTrial {
        customer: NewCustomer::new("verdi", "Verdi Srl", "eu"),
        licence: "T-1".into(),
        offer: "endpoint".into(),
        seats: 10,
        trial_days: 30,
    };
    let d = Account::create(
        &cmd,
        &channel_licensing::Context::new(now(), &acme(&[]), &p),
    )
    .unwrap();
    let trial = Account::from_events(d.events()).unwrap();
    assert!(trial.partner_assistance);
    assert_eq!(trial.billing, BillingType::Trial);
    assert!(matches!(
        trial.licences[0].state,
        LicenceState::Trial { .. }
    ));
    for billing in [BillingType::MonthlyUsage, BillingType::ManagedOrder] {
        for created_by in [CreatedBy::Partner, CreatedBy::Customer] {
            assert!(
                Account::new("x", "X", "eu", billing, created_by).partner_assistance,
                "{billing:?}"
            );
        }
    }
}

// ---------------------------------------------------------------- AST-3

/// AST-3: a customer-created trial starts with assistance off; only its own
/// admin switches it; a partner cannot.
#[test]
fn ast_3_only_the_customer_switches_assistance() {
    let trial = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Trial,
        CreatedBy::Customer,
    )
    .with_relationship("acme", RelationshipState::Linked);
    assert!(!trial.partner_assistance);
    assert_eq!(
        given(&trial)
            .when(&acme(&[]), A::LaunchConsole)
            .at(now())
            .refused()
            .rule(),
        Rule::Ast1
    );

    let r = given(&trial)
        .when(&acme(&[]), A::EnablePartnerAssistance)
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Ast3);
    assert_eq!(
        r.to_string(),
        "cannot enable partner assistance for Rossi SpA (rossi): a partner user may not do this (AST-3)"
    );

    let d = given(&trial)
        .when(&admin_of("rossi"), A::EnablePartnerAssistance)
        .at(now())
        .accepted();
    assert_eq!(
        changes(&d),
        [AccountChange::PartnerAssistanceChanged { enabled: true }]
    );
    let on = apply(trial, &d);
    assert!(
        !given(&on)
            .when(&acme(&[]), A::LaunchConsole)
            .at(now())
            .accepted()
            .is_empty()
    );
    assert!(
        given(&on)
            .when(&admin_of("rossi"), A::EnablePartnerAssistance)
            .at(now())
            .accepted()
            .is_empty()
    );
    let off = given(&on)
        .when(&admin_of("rossi"), A::DisablePartnerAssistance)
        .at(now())
        .then_state();
    assert!(!off.partner_assistance);
}
