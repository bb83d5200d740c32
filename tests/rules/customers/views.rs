//! The partner's views of its customers: CUST-1 (search), CUST-2 (only active
//! protection), CUST-5 (managed orders listed), CUST-6 (contact and details)
//! and REL-10 (an unlinked account leaves the list). Pure queries over a
//! slice of accounts.

use channel_licensing::account::Contact;
use channel_licensing::customers::{
    CustomerQuery, contact_details, customer_details, customer_list, name_matches,
};
use channel_licensing::{
    Account, AccountCommand, BillingType, CreatedBy, Error, Licence, LicenceState, LicenceStatus,
    Policy, RelationshipState, Rule, Term, UnlinkMode,
};

use crate::common::*;

fn account(id: &str, name: &str, billing: BillingType) -> Account {
    Account::new(id, name, "eu", billing, CreatedBy::Partner)
        .with_relationship("acme", RelationshipState::Linked)
}

/// acme's query, as a partner in MSP Flex Connect (so managed orders show).
fn acme_query() -> CustomerQuery {
    CustomerQuery::for_partner(
        &acme_user().with_programmes([channel_licensing::Programme::MspFlexConnect]),
    )
}

fn ids(accounts: &[Account], query: &CustomerQuery) -> Vec<String> {
    customer_list(accounts, query, now(), &Policy::standard())
        .into_iter()
        .map(|row| row.customer.to_string())
        .collect()
}

fn book() -> Vec<Account> {
    vec![
        account("rossi", "Rossi SpA", BillingType::Term),
        account("muller", "Müller GmbH", BillingType::Term),
        account("istanbul", "İstanbul Bilişim", BillingType::Term),
        account("order-7", "Bianchi (order 7)", BillingType::ManagedOrder),
        Account::new(
            "gone",
            "Rossini Srl",
            "eu",
            BillingType::Term,
            CreatedBy::Partner,
        )
        .with_relationship(
            "acme",
            RelationshipState::Unlinked {
                at: now() - days(3),
            },
        ),
        Account::new(
            "other",
            "Rossetti",
            "eu",
            BillingType::Term,
            CreatedBy::Partner,
        )
        .with_relationship("beta", RelationshipState::Linked),
        Account::new(
            "invited",
            "Rosso Ltd",
            "eu",
            BillingType::Term,
            CreatedBy::Customer,
        )
        .with_relationship("acme", RelationshipState::Invited { at: now() }),
    ]
}

/// CUST-1: the search matches the display name, case-insensitively, as a
/// Unicode-aware substring.
#[test]
fn cust_1_search_is_a_case_insensitive_unicode_substring() {
    let book = book();
    assert_eq!(ids(&book, &acme_query().search("ROSS")), ["rossi"]);
    assert_eq!(ids(&book, &acme_query().search("müll")), ["muller"]);
    assert_eq!(ids(&book, &acme_query().search("MÜLLER")), ["muller"]);
    assert_eq!(ids(&book, &acme_query().search("spa")), ["rossi"]);
    assert_eq!(ids(&book, &acme_query().search("  gmbh ")), ["muller"]);
    assert!(ids(&book, &acme_query().search("nobody")).is_empty());
    assert!(name_matches("Bianchi (order 7)", "(ORDER"));
    assert!(!name_matches("Rossi", "Rossi SpA"));
}

/// CUST-1: an empty or blank query lists every linked customer.
#[test]
fn cust_1_blank_search_lists_everyone() {
    let book = book();
    let all = ["rossi", "muller", "istanbul", "order-7"];
    assert_eq!(ids(&book, &acme_query()), all);
    assert_eq!(ids(&book, &acme_query().search("")), all);
    assert_eq!(ids(&book, &acme_query().search(" \t ")), all);
}

/// CUST-1: the dot that lower-casing `İ` leaves after an `i` is dropped,
/// so "İstanbul" matches "istanbul"; a combining dot after any other letter
/// is part of that letter ("ė" is not "e").
#[test]
fn cust_1_only_the_dot_of_dotted_capital_i_is_dropped() {
    assert!(name_matches("İstanbul Ltd", "istanbul"));
    assert!(!name_matches("Kaune\u{307} UAB", "kaune uab"));
    assert!(name_matches("Kaune\u{307} UAB", "kaune\u{307}"));
}

/// CUST-2: "show only my protection" lists only active licence categories.
#[test]
fn cust_2_only_active_protection() {
    let t = now() - days(1);
    let mixed = account("rossi", "Rossi SpA", BillingType::Term)
        .with_licence(Licence::active("L-1", "endpoint", 5, year_2026(), true, by_acme()).unwrap())
        .with_licence(
            Licence::new(
                "L-2",
                "email",
                5,
                LicenceState::Expired { at: t },
                by_acme(),
            )
            .unwrap(),
        )
        .with_licence(
            Licence::new(
                "L-3",
                "server",
                5,
                LicenceState::Revoked { at: t },
                by_acme(),
            )
            .unwrap(),
        );
    let lapsed = account("verdi", "Verdi Srl", BillingType::Term).with_licence(
        Licence::new(
            "L-4",
            "endpoint",
            5,
            LicenceState::Expired { at: t - days(90) },
            by_acme(),
        )
        .unwrap(),
    );
    let accounts = [mixed, lapsed];
    let rows = customer_list(
        &accounts,
        &acme_query().only_active_protection(true),
        now(),
        &Policy::standard(),
    );
    assert_eq!(rows.len(), 1, "only customers with active protection");
    let categories: Vec<&str> = rows[0].licences.iter().map(|l| l.offer.as_str()).collect();
    assert_eq!(categories, ["endpoint"]);
    assert!(
        rows[0]
            .licences
            .iter()
            .all(|l| l.status == LicenceStatus::Active)
    );

    let all = customer_list(&accounts, &acme_query(), now(), &Policy::standard());
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].licences.len(), 3);
    // The status is as of `now`: a term that ended shows as expired.
    let ended = account("blu", "Blu", BillingType::Term).with_licence(
        Licence::active(
            "L-5",
            "endpoint",
            1,
            Term::of_days(now() - days(40), 30).unwrap(),
            false,
            by_acme(),
        )
        .unwrap(),
    );
    let rows = customer_list(
        &[ended],
        &acme_query().only_active_protection(true),
        now(),
        &Policy::standard(),
    );
    assert!(rows.is_empty());
}

/// CUST-5: managed orders are listed among the customers, labelled, with
/// their licence status; their contact details are visible and their
/// console launches (AST-1 applies).
#[test]
fn cust_5_managed_orders_listed_and_labelled() {
    let order = account("order-7", "Bianchi (order 7)", BillingType::ManagedOrder)
        .with_licence(Licence::active("L-1", "endpoint", 5, year_2026(), true, by_acme()).unwrap())
        .with_contact(Contact {
            email: Some("it@bianchi.example".into()),
            ..Contact::default()
        });
    let rows = customer_list(
        std::slice::from_ref(&order),
        &acme_query(),
        now(),
        &Policy::standard(),
    );
    assert!(rows[0].managed_order);
    assert_eq!(rows[0].licences[0].status, LicenceStatus::Active);
    let plain = customer_list(
        &[account("rossi", "Rossi", BillingType::Term)],
        &acme_query(),
        now(),
        &Policy::standard(),
    );
    assert!(!plain[0].managed_order);

    assert!(
        contact_details(&order, &"acme".into(), now())
            .unwrap()
            .contact
            .email
            .is_some()
    );
    let connect = acme(&[channel_licensing::Programme::MspFlexConnect]);
    assert!(
        !given(&order)
            .when(&connect, AccountCommand::LaunchConsole)
            .at(now())
            .accepted()
            .is_empty()
    );
    let off = order.with_partner_assistance(false);
    assert_eq!(
        given(&off)
            .when(&connect, AccountCommand::LaunchConsole)
            .at(now())
            .refused()
            .rule(),
        Rule::Ast1
    );
}

/// CUST-6: selecting a customer shows its contact details; its details show
/// its groups (the partner's) and licences; both need a live relationship.
#[test]
fn cust_6_contact_and_details_views() {
    let mut rossi = account("rossi", "Rossi SpA", BillingType::Term)
        .with_relationship("beta", RelationshipState::Linked)
        .with_licence(Licence::active("L-1", "endpoint", 5, year_2026(), true, by_acme()).unwrap())
        .with_contact(Contact {
            person: Some("Anna Rossi".into()),
            email: Some("anna@rossi.example".into()),
            phone: Some("+39 02 0000".into()),
        });
    rossi.groups = vec![
        channel_licensing::account::GroupMembership {
            partner: "acme".into(),
            group: "schools".into(),
        },
        channel_licensing::account::GroupMembership {
            partner: "beta".into(),
            group: "north".into(),
        },
    ];
    let contact = contact_details(&rossi, &"acme".into(), now()).unwrap();
    assert_eq!(contact.contact.person.as_deref(), Some("Anna Rossi"));
    assert_eq!(contact.name.as_str(), "Rossi SpA");

    let details = customer_details(&rossi, &"acme".into(), now(), &Policy::standard()).unwrap();
    assert_eq!(details.groups, ["schools".into()]);
    assert_eq!(details.licences.len(), 1);

    let err = customer_details(&rossi, &"gamma".into(), now(), &Policy::standard()).unwrap_err();
    let Error::Refused(r) = err else { panic!() };
    assert_eq!(r.rule(), Rule::Auth1);
    assert!(contact_details(&rossi, &"gamma".into(), now()).is_err());
}

/// REL-10: an unlinked account no longer appears in the partner's list; one
/// whose unlink is only scheduled still does, until its date.
#[test]
fn rel_10_unlinked_accounts_leave_the_list() {
    let book = book();
    let listed = ids(&book, &acme_query());
    assert!(!listed.contains(&"gone".to_string()));
    assert!(
        !listed.contains(&"other".to_string()),
        "another partner's customer"
    );
    assert!(!listed.contains(&"invited".to_string()), "not accepted yet");

    // Unlink one through the aggregate: it leaves the list.
    let rossi = book[0].clone();
    let unlinked = given(&rossi)
        .when(
            &acme(&[]),
            AccountCommand::Unlink {
                mode: UnlinkMode::Immediate,
            },
        )
        .at(now())
        .then_state();
    assert!(ids(&[unlinked], &acme_query()).is_empty());

    let monthly = account("flexy", "Flexy", BillingType::MonthlyUsage);
    let scheduled = given(&monthly)
        .when(
            &flex(),
            AccountCommand::Unlink {
                mode: UnlinkMode::Scheduled,
            },
        )
        .at(now())
        .then_state();
    let due = at("2026-07-01T00:00:00Z");
    let list = |t| {
        customer_list(
            std::slice::from_ref(&scheduled),
            &acme_query(),
            t,
            &Policy::standard(),
        )
        .len()
    };
    assert_eq!(list(due - secs(1)), 1);
    assert_eq!(list(due), 0);
}
