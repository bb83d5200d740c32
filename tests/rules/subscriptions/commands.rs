//! Subscription administration (SUB-1 … SUB-4): a partner sees all and manages
//! its own; seat changes follow LIC-11 and status changes LIC-7; adding a
//! subscription; and licence rules applied through the account.

use channel_licensing::customers::customer_details;
use channel_licensing::{
    Account, AccountChange, AccountCommand as A, Actor, BillingType, CreatedBy, Effect, Error,
    Licence, LicenceChange, LicenceCommand as C, LicenceState, PartnerUser, Policy, Purchaser,
    Reason, RelationshipState, Rule, Term,
};

use crate::common::*;

fn seller() -> Actor {
    Actor::Partner(PartnerUser::new("acme", "eu").with_offers(["endpoint-advanced"]))
}

fn add(licence: &str, offer: &str, seats: u32) -> A {
    A::AddSubscription {
        licence: licence.into(),
        offer: offer.into(),
        seats,
        term_days: 365,
        auto_renew: true,
        price: None,
    }
}

// ---------------------------------------------------------------- SUB-1

/// SUB-1: the partner sees every subscription of its customer, and manages
/// only those it bought on the customer's behalf.
#[test]
fn sub_1_sees_all_manages_its_own() {
    let account = rossi(BillingType::Term)
        .with_relationship("beta", RelationshipState::Linked)
        .with_licence(Licence::active("MINE", "endpoint", 5, year_2026(), true, by_acme()).unwrap())
        .with_licence(
            Licence::active("THEIRS", "email", 5, year_2026(), true, Purchaser::Customer).unwrap(),
        )
        .with_licence(
            Licence::active(
                "OTHERS",
                "server",
                5,
                year_2026(),
                true,
                Purchaser::partner("beta"),
            )
            .unwrap(),
        );
    let details = customer_details(&account, &"acme".into(), now(), &Policy::standard()).unwrap();
    let seen: Vec<&str> = details
        .licences
        .iter()
        .map(|l| l.licence.as_str())
        .collect();
    assert_eq!(seen, ["MINE", "THEIRS", "OTHERS"]);

    assert!(
        !given(&account)
            .when(&acme(&[]), on("MINE", C::ChangeSeats { seats: 6 }))
            .at(now())
            .accepted()
            .is_empty()
    );
    for command in [
        C::ChangeSeats { seats: 6 },
        C::Suspend,
        C::Cancel,
        C::Remove,
        C::SetAutoRenew { on: false },
    ] {
        let r = given(&account)
            .when(&acme(&[]), on("THEIRS", command.clone()))
            .at(now())
            .refused();
        assert_eq!(r.rule(), Rule::Bill6, "{command:?}");
        // Another partner's licence: SUB-1, without naming that partner.
        let r = given(&account)
            .when(&acme(&[]), on("OTHERS", command.clone()))
            .at(now())
            .refused();
        assert_eq!(r.rule(), Rule::Sub1, "{command:?}");
        assert!(
            matches!(r.reason(), Reason::OtherPartnersLicence { .. }),
            "{command:?}"
        );
        assert!(!r.to_string().contains("beta"), "{r}");
    }
}

// ---------------------------------------------------------------- SUB-2

/// SUB-2: seat changes follow LIC-11 through the account: at least 1, the
/// same count a no-op, only on an active licence.
#[test]
fn sub_2_seat_changes_follow_lic_11() {
    let account = rossi(BillingType::Term)
        .with_licence(Licence::active("L-1", "e", 5, year_2026(), true, by_acme()).unwrap());
    let d = given(&account)
        .when(&acme(&[]), on("L-1", C::ChangeSeats { seats: 8 }))
        .at(now())
        .accepted();
    assert_eq!(
        changes(&d),
        [AccountChange::Licence {
            licence: "L-1".into(),
            change: LicenceChange::SeatsChanged { from: 5, to: 8 }
        }]
    );
    assert_eq!(apply(account.clone(), &d).licences[0].seats, 8);
    assert!(
        given(&account)
            .when(&acme(&[]), on("L-1", C::ChangeSeats { seats: 5 }))
            .at(now())
            .accepted()
            .is_empty()
    );
    assert_eq!(
        given(&account)
            .when(&acme(&[]), on("L-1", C::ChangeSeats { seats: 0 }))
            .at(now())
            .refused()
            .rule(),
        Rule::Lic11
    );
}

// ---------------------------------------------------------------- SUB-3

/// SUB-3: status changes active ↔ suspended (LIC-7) through the account.
#[test]
fn sub_3_active_and_suspended() {
    let account = rossi(BillingType::Term)
        .with_licence(Licence::active("L-1", "e", 5, year_2026(), true, by_acme()).unwrap());
    let suspended = given(&account)
        .when(&acme(&[]), on("L-1", C::Suspend))
        .at(now())
        .then_state();
    assert!(matches!(
        suspended.licences[0].state,
        LicenceState::Suspended { .. }
    ));
    let active = given(&suspended)
        .when(&acme(&[]), on("L-1", C::Resume))
        .at(now() + days(1))
        .then_state();
    assert!(matches!(
        active.licences[0].state,
        LicenceState::Active { .. }
    ));
    let expired = rossi(BillingType::Term).with_licence(
        Licence::new(
            "L-1",
            "e",
            5,
            LicenceState::Expired { at: now() },
            by_acme(),
        )
        .unwrap(),
    );
    assert_eq!(
        given(&expired)
            .when(&acme(&[]), on("L-1", C::Suspend))
            .at(now())
            .refused()
            .rule(),
        Rule::Lic7
    );
}

// ---------------------------------------------------------------- SUB-4

/// SUB-4: a subscription's price is never negative. A command built in code
/// with one is refused (its JSON would not load), so that no event carries
/// a price that does not load back.
#[test]
fn sub_4_a_negative_price_is_refused() {
    use channel_licensing::{AccountCommand, Money, Reason};
    let price = Money::new("-12.50".parse().unwrap(), "EUR".parse().unwrap());
    let command = AccountCommand::AddSubscription {
        licence: "L-2".into(),
        offer: "endpoint-advanced".into(),
        seats: 10,
        term_days: 365,
        auto_renew: true,
        price: Some(price),
    };
    let refusal = given(&rossi(BillingType::Term))
        .when(&seller(), command)
        .at(now())
        .refused();
    assert_eq!(refusal.rule(), Rule::Sub4);
    assert!(
        matches!(
            refusal.reason(),
            Reason::NegativePrice { licence, price: p, .. } if licence.as_str() == "L-2" && *p == price
        ),
        "{:?}",
        refusal.reason()
    );
    assert_eq!(
        refusal.to_string(),
        "cannot add licence L-2 at -12.50 EUR: a price is never negative (SUB-4)"
    );
}

/// SUB-4: adding a subscription: an offer the partner may sell, at least
/// one seat, a linked customer; the new subscription is active and its
/// timers are scheduled.
#[test]
fn sub_4_adding_a_subscription() {
    let account = rossi(BillingType::Term);
    let d = given(&account)
        .when(&seller(), add("L-2", "endpoint-advanced", 10))
        .at(now())
        .accepted();
    let AccountChange::SubscriptionAdded {
        licence,
        bought_by,
        seats,
        term,
        auto_renew,
        ..
    } = &changes(&d)[0]
    else {
        panic!()
    };
    assert_eq!((licence.as_str(), *seats, *auto_renew), ("L-2", 10, true));
    assert_eq!(*bought_by, by_acme(), "bought by the partner that added it");
    assert_eq!(*term, Term::of_days(now(), 365).unwrap());
    let scheduled = d
        .effects()
        .filter(|e| matches!(e, Effect::Schedule(_)))
        .count();
    assert_eq!(scheduled, 2, "term end and its reminder");
    let after = apply(account.clone(), &d);
    assert_eq!(after.licences.len(), 1);
    assert_eq!(after.licences[0].seats, 10);
    assert_eq!(after.licences[0].bought_by, by_acme());
    assert_eq!(
        after.licences[0].state,
        LicenceState::Active {
            term: Term::of_days(now(), 365).unwrap(),
            auto_renew: true
        }
    );
    assert_eq!(
        after.next_deadline(&Policy::standard()),
        Some(now() + days(365 - 30))
    );

    let r = given(&account)
        .when(&seller(), add("L-2", "server-protection", 10))
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Sub4);
    assert!(matches!(r.reason(), Reason::OfferNotAuthorised { .. }));
    let r = given(&account)
        .when(&seller(), add("L-2", "endpoint-advanced", 0))
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Sub4);
    let invited = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Term,
        CreatedBy::Customer,
    )
    .with_relationship("acme", RelationshipState::Invited { at: now() });
    assert_eq!(
        given(&invited)
            .when(&seller(), add("L-2", "endpoint-advanced", 1))
            .at(now())
            .refused()
            .rule(),
        Rule::Rel3
    );
    let err = given(&after)
        .when(&seller(), add("L-2", "endpoint-advanced", 1))
        .at(now())
        .outcome()
        .unwrap_err();
    assert!(
        matches!(&err, Error::DuplicateLicence { licence, .. } if licence.as_str() == "L-2"),
        "{err:?}"
    );
}

// ------------------------------------------- SUB-4: details found by tools

/// SUB-4: a subscription whose term is exactly a reminder offset long has
/// that reminder due the instant it starts (found by fuzzing): it is sent in
/// the same decision, never left scheduled in the past. (A reminder that
/// would fall before the term starts is skipped, POL-3.)
#[test]
fn sub_4_a_reminder_due_at_once_is_sent_not_left_overdue() {
    let account = rossi(BillingType::Term);
    let command = A::AddSubscription {
        licence: "L-2".into(),
        offer: "endpoint-advanced".into(),
        seats: 3,
        term_days: 30, // the standard reminder is 30 days before the end
        auto_renew: true,
        price: None,
    };
    let d = given(&account)
        .when(&seller(), command)
        .at(now())
        .accepted();
    let changes = changes(&d);
    assert!(
        matches!(
            &changes[..],
            [
                AccountChange::SubscriptionAdded { .. },
                AccountChange::Licence {
                    change: LicenceChange::ReminderDue { days: 30, .. },
                    ..
                }
            ]
        ),
        "{changes:?}"
    );
    let scheduled: Vec<_> = d
        .effects()
        .filter_map(|e| match e {
            Effect::Schedule(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(scheduled.len(), 1, "only the term end: {scheduled:?}");
    assert!(scheduled.iter().all(|t| t.due > now()));
    let after = apply(account, &d);
    let timers: Vec<_> = after.timers(&Policy::standard()).collect();
    assert_eq!(timers, scheduled, "the outbox equals the account's timers");
}

/// SUB-4: `auto_renew` may be left out of a stored command; it then renews.
#[test]
fn sub_4_a_command_without_auto_renew_renews() {
    let command: A = serde_json::from_str(
        r#"{"type":"add_subscription","licence":"L-2","offer":"endpoint-advanced","seats":3,"term_days":365}"#,
    )
    .unwrap();
    assert!(matches!(
        command,
        A::AddSubscription {
            auto_renew: true,
            ..
        }
    ));
}

// --------------------------------------------------------- licences via accounts

/// Licence rules apply through the account; a licence's due timers lead the
/// decision; an unknown licence is an error value.
#[test]
fn licence_commands_through_the_account() {
    let account = rossi(BillingType::Term)
        .with_licence(Licence::active("L-1", "e", 5, year_2026(), false, by_acme()).unwrap());
    let after_end = at("2027-01-02T00:00:00Z");
    let r = given(&account)
        .when(
            &acme(&[]),
            A::Licence {
                licence: "L-1".into(),
                command: C::Suspend,
            },
        )
        .at(after_end)
        .refused();
    assert_eq!(r.rule(), Rule::Lic7);
    let d = given(&account)
        .when(
            &acme(&[]),
            A::Licence {
                licence: "L-1".into(),
                command: C::Remove,
            },
        )
        .at(after_end)
        .accepted();
    assert_eq!(
        changes(&d),
        [
            AccountChange::Licence {
                licence: "L-1".into(),
                change: skipped_reminder(year_2026().ends)
            },
            AccountChange::Licence {
                licence: "L-1".into(),
                change: LicenceChange::Expired {
                    at: year_2026().ends
                }
            },
            AccountChange::Licence {
                licence: "L-1".into(),
                change: LicenceChange::Removed { at: after_end }
            },
        ]
    );
    let err = given(&account)
        .when(
            &acme(&[]),
            A::Licence {
                licence: "L-9".into(),
                command: C::Remove,
            },
        )
        .at(now())
        .outcome();
    assert!(
        matches!(err, Err(Error::UnknownLicence { ref licence, .. }) if licence.as_str() == "L-9"),
        "{err:?}"
    );
    let r = given(&account)
        .when(
            &acme(&[]),
            A::Licence {
                licence: "L-1".into(),
                command: C::Revoke,
            },
        )
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Lic9);
    assert!(
        !given(&account)
            .when(
                &Actor::Vendor,
                A::Licence {
                    licence: "L-1".into(),
                    command: C::Revoke
                }
            )
            .at(now())
            .accepted()
            .is_empty()
    );
}

/// SUB-4: a subscription of no days is refused, quoting the days asked for;
/// nothing is added.
#[test]
fn sub_4_a_term_of_no_days_is_refused() {
    let account = rossi(BillingType::Term);
    let A::AddSubscription {
        licence,
        offer,
        seats,
        auto_renew,
        price,
        ..
    } = add("NEW", "endpoint-advanced", 5)
    else {
        unreachable!()
    };
    let command = A::AddSubscription {
        licence,
        offer,
        seats,
        term_days: 0,
        auto_renew,
        price,
    };
    let r = given(&account).when(&seller(), command).at(now()).refused();
    assert_eq!(r.rule(), Rule::Sub4);
    assert!(
        matches!(r.reason(), Reason::TermTooShort { licence, term_days: 0, .. } if licence.as_str() == "NEW"),
        "{r}"
    );
}
