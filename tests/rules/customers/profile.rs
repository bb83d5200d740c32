//! Changing a customer: CUST-3 (groups need a super admin and an existing
//! group) and CUST-4 (names are trimmed and 1 to 255 characters, at creation
//! and on rename, and the new name is propagated).

use channel_licensing::account::DisplayName;
use channel_licensing::effect::NameTarget;
use channel_licensing::{
    Account, AccountChange, AccountCommand as A, Actor, BillingType, Effect, Error, NewAccount,
    NewCustomer, PartnerUser, Policy, Reason, Role, Rule,
};

use crate::common::*;

// ---------------------------------------------------------------- CUST-3

/// CUST-3: a partner super admin adds the customer to an existing group.
#[test]
fn cust_3_groups_need_a_super_admin_and_an_existing_group() {
    let account = rossi(BillingType::Term);
    let admin = Actor::Partner(
        PartnerUser::new("acme", "eu")
            .with_roles([Role::SuperAdmin])
            .with_groups(["schools"]),
    );
    let d = given(&account)
        .when(
            &admin,
            A::AddToGroup {
                group: "schools".into(),
            },
        )
        .at(now())
        .accepted();
    assert_eq!(
        changes(&d),
        [AccountChange::AddedToGroup {
            partner: "acme".into(),
            group: "schools".into()
        }]
    );
    let grouped = apply(account.clone(), &d);
    assert!(
        given(&grouped)
            .when(
                &admin,
                A::AddToGroup {
                    group: "schools".into()
                }
            )
            .at(now())
            .accepted()
            .is_empty()
    );
    // Another of the partner's groups is a new membership.
    let both = Actor::Partner(
        PartnerUser::new("acme", "eu")
            .with_roles([Role::SuperAdmin])
            .with_groups(["schools", "hospitals"]),
    );
    assert_eq!(
        given(&grouped)
            .when(
                &both,
                A::AddToGroup {
                    group: "hospitals".into()
                }
            )
            .at(now())
            .changes(),
        [AccountChange::AddedToGroup {
            partner: "acme".into(),
            group: "hospitals".into()
        }]
    );

    let r = given(&account)
        .when(
            &admin,
            A::AddToGroup {
                group: "hospitals".into(),
            },
        )
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Cust3);
    assert_eq!(
        r.to_string(),
        "cannot add Rossi SpA (rossi) to group hospitals: the partner has no such group (CUST-3)"
    );

    let plain = Actor::Partner(acme_user().with_groups(["schools"]));
    let r = given(&account)
        .when(
            &plain,
            A::AddToGroup {
                group: "schools".into(),
            },
        )
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Cust3);
    assert!(matches!(r.reason(), Reason::MissingRole { .. }));
}

// ---------------------------------------------------------------- CUST-4

/// CUST-4: a rename is trimmed, 1 to 255 characters, propagated to the
/// admin console and the CRM; the same name again is a no-op.
#[test]
fn cust_4_rename() {
    let account = rossi(BillingType::Term);
    let d = given(&account)
        .when(
            &acme(&[]),
            A::Rename {
                name: DisplayName::new("  Rossi Group SpA "),
            },
        )
        .at(now())
        .accepted();
    assert_eq!(
        changes(&d),
        [AccountChange::Renamed {
            from: DisplayName::new("Rossi SpA"),
            to: DisplayName::new("Rossi Group SpA")
        }]
    );
    let targets: Vec<NameTarget> = d
        .effects()
        .map(|e| match e {
            Effect::PropagateName { to, name, customer } => {
                assert_eq!(name.as_str(), "Rossi Group SpA");
                assert_eq!(customer.as_str(), "rossi");
                *to
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(targets, [NameTarget::AdminConsole, NameTarget::Crm]);
    assert!(
        given(&account)
            .when(
                &acme(&[]),
                A::Rename {
                    name: DisplayName::new("Rossi SpA ")
                }
            )
            .at(now())
            .accepted()
            .is_empty()
    );

    let blank = given(&account)
        .when(
            &acme(&[]),
            A::Rename {
                name: DisplayName::new("   "),
            },
        )
        .at(now())
        .refused();
    assert_eq!(blank.rule(), Rule::Cust4);
    let max = "é".repeat(255); // 255 characters, 510 bytes
    assert!(
        !given(&account)
            .when(
                &acme(&[]),
                A::Rename {
                    name: DisplayName::new(&max)
                }
            )
            .at(now())
            .accepted()
            .is_empty()
    );
    let long = given(&account)
        .when(
            &acme(&[]),
            A::Rename {
                name: DisplayName::new(&"x".repeat(256)),
            },
        )
        .at(now())
        .refused();
    assert_eq!(long.rule(), Rule::Cust4);
    assert_eq!(
        long.to_string(),
        "cannot use the display name given for customer rossi: a display name has 1 to 255 characters after trimming, not 256 (CUST-4)"
    );
    let ten_kb = given(&account)
        .when(
            &acme(&[]),
            A::Rename {
                name: DisplayName::new(&"n".repeat(10_240)),
            },
        )
        .at(now())
        .refused();
    assert_eq!(ten_kb.rule(), Rule::Cust4);
}

/// CUST-4 at creation: a new account's name is trimmed and 1 to 255
/// characters too. The refusal does not speak of a rename, and names the
/// customer by its ID rather than by the name refused (blank, or 10 kB).
#[test]
fn cust_4_names_are_checked_at_creation() {
    let p = Policy::standard();
    let partner = flex();
    let ctx = channel_licensing::Context::new(now(), &partner, &p);
    let create = |name: &str| NewAccount::CreateMonthlyAccount {
        customer: NewCustomer::new("verdi", name, "eu"),
    };
    let Err(Error::Refused(blank)) = Account::create(&create("   "), &ctx) else {
        panic!("a blank name is refused");
    };
    assert_eq!(blank.rule(), Rule::Cust4);
    assert_eq!(
        blank.to_string(),
        "cannot use the display name given for customer verdi: a display name has 1 to 255 characters after trimming, not 0 (CUST-4)"
    );
    let Err(Error::Refused(long)) = Account::create(&create(&"n".repeat(10_240)), &ctx) else {
        panic!("a 10 kB name is refused");
    };
    assert_eq!(
        long.to_string(),
        "cannot use the display name given for customer verdi: a display name has 1 to 255 characters after trimming, not 10240 (CUST-4)"
    );
}
