//! Creating accounts (BILL-1, AST-3, AUTH-1, CUST-4): the customer's own
//! trial and an imported account each start a history that
//! `Account::from_events` rebuilds, and the creating decision schedules
//! the account's timers.

use std::collections::BTreeMap;

use channel_licensing::account::{AccountAction, DisplayName};
use channel_licensing::{
    Account, Actor, BillingType, Context, CreatedBy, Error, Licence, LicenceState, NewAccount,
    NewCustomer, PartnerUser, Policy, Purchaser, Reason, RelationshipState, Rule, TimerKey,
};

use crate::common::*;

fn own_trial() -> NewAccount {
    NewAccount::CreateCustomerTrial {
        customer: NewCustomer::new("verdi", "Verdi Srl", "eu"),
        licence: "T-1".into(),
        offer: "endpoint".into(),
        seats: 5,
        trial_days: 30,
    }
}

/// The decision's events rebuild the account, and its effects are the
/// account's timers.
fn created(command: &NewAccount, actor: &Actor) -> Account {
    let policy = Policy::standard();
    let decision = Account::create(command, &Context::new(now(), actor, &policy)).unwrap();
    let account = Account::from_events(decision.events()).expect("a creation event");
    let mut outbox = BTreeMap::new();
    let Ok(()) = decision.apply_effects(&mut outbox);
    let timers: BTreeMap<TimerKey, _> = account.timers(&policy).map(|t| (t.key, t.due)).collect();
    assert_eq!(outbox, timers);
    account
}

/// BILL-1 and AST-3: the customer's admin creates a trial for its own new
/// account: no partner, assistance disabled, the trial licence the
/// customer's own, its end and reminder scheduled.
#[test]
fn bill_1_a_customer_creates_its_own_trial() {
    let account = created(&own_trial(), &admin_of("verdi"));
    assert_eq!(account.billing, BillingType::Trial);
    assert_eq!(account.created_by, CreatedBy::Customer);
    assert!(!account.partner_assistance, "AST-3: disabled");
    assert!(account.relationships.is_empty());
    assert_eq!(account.licences.len(), 1);
    assert_eq!(account.licences[0].bought_by, Purchaser::Customer);
    assert!(matches!(
        account.licences[0].state,
        LicenceState::Trial { .. }
    ));
    assert_eq!(account.timers(&Policy::standard()).count(), 2);
}

/// AUTH-1: only the new customer's own admin creates its trial; a partner,
/// the vendor or another customer's admin is refused.
#[test]
fn auth_1_only_the_customers_admin_creates_its_own_trial() {
    let policy = Policy::standard();
    for actor in [partner(), Actor::Vendor, admin_of("rossi")] {
        let err = Account::create(&own_trial(), &Context::new(now(), &actor, &policy)).unwrap_err();
        let Error::Refused(refusal) = err else {
            panic!("{actor}: {err:?}")
        };
        assert_eq!(refusal.rule(), Rule::Auth1, "{actor}");
        assert!(matches!(
            refusal.reason(),
            Reason::ActorNotAllowed {
                action: AccountAction::CreateCustomerTrial,
                ..
            } | Reason::OtherCustomer {
                action: AccountAction::CreateCustomerTrial,
                ..
            }
        ));
    }
}

/// AUTH-1: the platform (the vendor) imports an account as it stands: the
/// decision's creation event holds it, and its timers are scheduled; no
/// partner or customer admin may import.
#[test]
fn auth_1_the_platform_imports_an_account_with_its_timers() {
    let account = rossi(BillingType::Term)
        .with_licence(Licence::active("L-1", "endpoint", 10, year_2026(), true, by_acme()).unwrap())
        .with_relationship("beta", RelationshipState::Linked);
    let command = NewAccount::Import {
        account: Box::new(account.clone()),
    };
    let imported = created(&command, &Actor::Vendor);
    assert_eq!(imported, account);
    assert_eq!(imported.timers(&Policy::standard()).count(), 2);

    let policy = Policy::standard();
    let acme = Actor::Partner(PartnerUser::new("acme", "eu"));
    for actor in [acme, admin_of("rossi")] {
        let err = Account::create(&command, &Context::new(now(), &actor, &policy)).unwrap_err();
        assert_eq!(err.rule(), Some(Rule::Auth1), "{actor}: {err}");
    }
}

/// An import must be an account a stored row could hold: the load
/// invariants (here SUB-1: a licence bought by a partner without a
/// relationship) and CUST-4's name bounds are checked.
#[test]
fn sub_1_an_imported_account_satisfies_the_load_invariants() {
    let policy = Policy::standard();
    let orphan = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Term,
        CreatedBy::Partner,
    )
    .with_licence(Licence::active("L-1", "endpoint", 10, year_2026(), true, by_acme()).unwrap());
    let err = Account::create(
        &NewAccount::Import {
            account: Box::new(orphan),
        },
        &Context::new(now(), &Actor::Vendor, &policy),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidState {
                rule: Some(Rule::Sub1),
                ..
            }
        ),
        "{err:?}"
    );

    let mut blank = rossi(BillingType::Term);
    blank.name = DisplayName::new("   ");
    let err = Account::create(
        &NewAccount::Import {
            account: Box::new(blank),
        },
        &Context::new(now(), &Actor::Vendor, &policy),
    )
    .unwrap_err();
    assert_eq!(err.rule(), Some(Rule::Cust4), "{err}");
    assert_eq!(
        err.to_string(),
        "cannot use the display name given for customer rossi: a display name has 1 to 255 \
         characters after trimming, not 0 (CUST-4)"
    );
}

/// An import is checked like a row read back (its history must rebuild
/// from its own JSON): an empty licence ID, zero seats, a term that ends
/// before it starts or a negative price are errors naming the field.
#[test]
fn sub_1_an_import_must_read_back_as_a_stored_row() {
    let policy = Policy::standard();
    let import = |edit: &dyn Fn(&mut Licence)| {
        let mut licence =
            Licence::active("L-1", "endpoint", 10, year_2026(), true, by_acme()).unwrap();
        edit(&mut licence);
        let account = rossi(BillingType::Term).with_licence(licence);
        Account::create(
            &NewAccount::Import {
                account: Box::new(account),
            },
            &Context::new(now(), &Actor::Vendor, &policy),
        )
    };
    assert!(import(&|_| {}).is_ok());
    type Edit<'a> = &'a dyn Fn(&mut Licence);
    let cases: [(&str, Edit<'_>); 4] = [
        ("licences[0].id", &|l| l.id = "".into()),
        ("licences[0]", &|l| {
            l.seats = 0;
            l.seat_batches = channel_licensing::licence::SeatBatches::default();
        }),
        ("licences[0].term", &|l| {
            if let LicenceState::Active { term, .. } = &mut l.state {
                term.ends = term.starts;
            }
        }),
        ("licences[0].price", &|l| {
            l.price = Some(money("-1.00", "EUR"));
        }),
    ];
    for (field, edit) in cases {
        match import(edit) {
            Err(Error::InvalidState { field: got, .. }) => {
                assert!(got.starts_with(field), "{got} for {field}")
            }
            other => panic!("{field}: {other:?}"),
        }
    }
}

/// The test kit's world refuses a second account with the same ID: the
/// first keeps its timers, and the outbox stays the accounts' timers.
#[test]
fn auth_1_a_world_refuses_an_account_it_already_has() {
    let mut world = channel_licensing::testing::World::new(Policy::standard(), now());
    let account = rossi(BillingType::Term).with_licence(
        Licence::active("L-1", "endpoint", 10, year_2026(), true, by_acme()).unwrap(),
    );
    world.import(account.clone()).unwrap();
    let err = world.import(rossi(BillingType::Term)).unwrap_err();
    assert!(matches!(err, Error::InvalidState { .. }), "{err:?}");
    assert_eq!(world.account(&account.id), Some(&account));
    world.check_outbox().unwrap();
}
