//! Subscription administration (SUB-1 … SUB-4), the Microsoft new-commerce
//! windows (POL-2), who may ask for a credit (BILL-8), and the property that
//! no partner command ever changes a direct purchase.

mod common;

use channel_licensing::{
    Account, AccountChange, AccountCommand as A, Actor, BillingType, CreatedBy, CreditContact,
    Effect, Error, Licence, LicenceChange, LicenceCommand as C, LicenceState, Money, PartnerUser,
    Policy, Purchaser, Reason, RelationshipState, Rule, Term, credit_contact, customer_details,
};
use chrono::TimeDelta;
use common::*;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

fn now() -> chrono::DateTime<chrono::Utc> {
    at("2026-06-15T10:00:00Z")
}

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

fn lic(licence: &str, command: C) -> A {
    A::Licence {
        licence: licence.into(),
        command,
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
        !aaccept(
            &account,
            lic("MINE", C::ChangeSeats { seats: 6 }),
            now(),
            &acme(&[])
        )
        .is_empty()
    );
    for command in [
        C::ChangeSeats { seats: 6 },
        C::Suspend,
        C::Cancel,
        C::Remove,
        C::SetAutoRenew { on: false },
    ] {
        let r = arefuse(&account, lic("THEIRS", command.clone()), now(), &acme(&[]));
        assert_eq!(r.rule(), Rule::Bill6, "{command:?}");
        // Another partner's licence: SUB-1, without naming that partner.
        let r = arefuse(&account, lic("OTHERS", command.clone()), now(), &acme(&[]));
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
    let d = aaccept(
        &account,
        lic("L-1", C::ChangeSeats { seats: 8 }),
        now(),
        &acme(&[]),
    );
    assert_eq!(
        achanges(&d),
        [AccountChange::Licence {
            licence: "L-1".into(),
            change: LicenceChange::SeatsChanged { from: 5, to: 8 }
        }]
    );
    assert_eq!(aapply(account.clone(), &d).licences[0].seats, 8);
    assert!(
        aaccept(
            &account,
            lic("L-1", C::ChangeSeats { seats: 5 }),
            now(),
            &acme(&[])
        )
        .is_empty()
    );
    assert_eq!(
        arefuse(
            &account,
            lic("L-1", C::ChangeSeats { seats: 0 }),
            now(),
            &acme(&[])
        )
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
    let suspended = aapply(
        account.clone(),
        &aaccept(&account, lic("L-1", C::Suspend), now(), &acme(&[])),
    );
    assert!(matches!(
        suspended.licences[0].state,
        LicenceState::Suspended { .. }
    ));
    let active = aapply(
        suspended.clone(),
        &aaccept(
            &suspended,
            lic("L-1", C::Resume),
            now() + days(1),
            &acme(&[]),
        ),
    );
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
        arefuse(&expired, lic("L-1", C::Suspend), now(), &acme(&[])).rule(),
        Rule::Lic7
    );
}

// ---------------------------------------------------------------- SUB-4

/// SUB-4: adding a subscription: an offer the partner may sell, at least
/// one seat, a linked customer; the new subscription is active and its
/// timers are scheduled.
#[test]
fn sub_4_adding_a_subscription() {
    let account = rossi(BillingType::Term);
    let d = aaccept(
        &account,
        add("L-2", "endpoint-advanced", 10),
        now(),
        &seller(),
    );
    let AccountChange::SubscriptionAdded {
        licence,
        bought_by,
        seats,
        term,
        auto_renew,
        ..
    } = &achanges(&d)[0]
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
    let after = aapply(account.clone(), &d);
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

    let r = arefuse(
        &account,
        add("L-2", "server-protection", 10),
        now(),
        &seller(),
    );
    assert_eq!(r.rule(), Rule::Sub4);
    assert!(matches!(r.reason(), Reason::OfferNotAuthorised { .. }));
    let r = arefuse(
        &account,
        add("L-2", "endpoint-advanced", 0),
        now(),
        &seller(),
    );
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
        arefuse(
            &invited,
            add("L-2", "endpoint-advanced", 1),
            now(),
            &seller()
        )
        .rule(),
        Rule::Rel3
    );
    let err = adecide(
        &after,
        add("L-2", "endpoint-advanced", 1),
        now(),
        &seller(),
        &Policy::standard(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::DuplicateLicence {
            licence: "L-2".into()
        }
    );
}

// ---------------------------------------------------------------- POL-2

fn ms_licence(price: bool) -> Licence {
    let term = Term::of_days(at("2026-03-01T00:00:00Z"), 365).unwrap();
    let licence = Licence::active("L-1", "e365", 10, term, true, by_acme()).unwrap();
    if price {
        licence.with_price(Money::new("12.00".parse().unwrap(), "EUR".parse().unwrap()))
    } else {
        licence
    }
}

/// POL-2: a cancellation within 7 days of purchase gets a prorated refund
/// by day; from day 8 none.
#[test]
fn pol_2_refund_within_seven_days_of_purchase() {
    let ms = Policy::microsoft_new_commerce();
    let bought = at("2026-03-01T00:00:00Z");
    let day_7_last_second = bought + days(7) - secs(1);
    let d = decide(
        &ms_licence(true),
        C::Cancel,
        day_7_last_second,
        &partner(),
        &ms,
    )
    .unwrap();
    match changes(&d)[0] {
        LicenceChange::Cancelled {
            refund: Some(refund),
            forfeited: None,
            forfeited_days: 0,
            ..
        } => {
            // 120.00 for 365 days, 7 days used (the 7th counted as used, started or not).
            assert_eq!(refund.to_string(), "117.70 EUR");
        }
        ref other => panic!("{other:?}"),
    }
    let d = decide(
        &ms_licence(true),
        C::Cancel,
        bought + days(7),
        &partner(),
        &ms,
    )
    .unwrap();
    assert!(matches!(
        changes(&d)[0],
        LicenceChange::Cancelled {
            refund: None,
            forfeited: Some(_),
            ..
        }
    ));
    // Under `standard` there is never a refund (LIC-8).
    let d = decide(
        &ms_licence(true),
        C::Cancel,
        bought + days(1),
        &partner(),
        &Policy::standard(),
    )
    .unwrap();
    assert!(matches!(
        changes(&d)[0],
        LicenceChange::Cancelled { refund: None, .. }
    ));
}

/// POL-2: the refund window opens again at each renewal.
#[test]
fn pol_2_refund_window_after_renewal() {
    let ms = Policy::microsoft_new_commerce();
    let licence = ms_licence(true);
    let renewal = at("2027-03-01T00:00:00Z");
    let d = decide(&licence, C::Cancel, renewal + days(3), &partner(), &ms).unwrap();
    let c = changes(&d);
    assert!(matches!(c[0], LicenceChange::Renewed { .. }));
    assert!(
        matches!(
            c.last(),
            Some(LicenceChange::Cancelled {
                refund: Some(_),
                ..
            })
        ),
        "{c:?}"
    );
}

/// POL-2: a seat decrease is allowed only within 7 days of when those seats
/// were added; increases any time.
#[test]
fn pol_2_seat_decrease_inside_and_outside_its_batch_window() {
    let ms = Policy::microsoft_new_commerce();
    let bought = at("2026-03-01T00:00:00Z");
    let licence = ms_licence(false);
    // Day 3: +5 seats (a new batch).
    let plus = decide(
        &licence,
        C::ChangeSeats { seats: 15 },
        bought + days(3),
        &partner(),
        &ms,
    )
    .unwrap();
    let licence = apply(licence, &plus);
    // Day 8: the first 10 seats are out of their window, the 5 are not.
    let d = decide(
        &licence,
        C::ChangeSeats { seats: 12 },
        bought + days(8),
        &partner(),
        &ms,
    )
    .unwrap();
    assert_eq!(
        changes(&d),
        [LicenceChange::SeatsChanged { from: 15, to: 12 }]
    );
    let r = refusal(decide(
        &licence,
        C::ChangeSeats { seats: 9 },
        bought + days(8),
        &partner(),
        &ms,
    ));
    assert_eq!(r.rule(), Rule::Pol2);
    assert!(matches!(
        r.reason(),
        Reason::SeatDecreaseWindowClosed { removable: 5, .. }
    ));
    // The batch's window closes 7 days after day 3: at day 10 it is closed.
    let last = bought + days(10) - secs(1);
    assert!(
        decide(
            &licence,
            C::ChangeSeats { seats: 12 },
            last,
            &partner(),
            &ms
        )
        .is_ok()
    );
    let r = refusal(decide(
        &licence,
        C::ChangeSeats { seats: 12 },
        bought + days(10),
        &partner(),
        &ms,
    ));
    assert_eq!(r.rule(), Rule::Pol2);
    // Increases any time.
    assert!(
        decide(
            &licence,
            C::ChangeSeats { seats: 40 },
            bought + days(200),
            &partner(),
            &ms
        )
        .is_ok()
    );
    // Under `standard`, decreases any time.
    assert!(
        decide(
            &licence,
            C::ChangeSeats { seats: 1 },
            bought + days(200),
            &partner(),
            &Policy::standard()
        )
        .is_ok()
    );
    // A renewal adds all its seats again: decreasable for 7 days.
    let renewed = at("2027-03-01T00:00:00Z");
    assert!(
        decide(
            &licence,
            C::ChangeSeats { seats: 3 },
            renewed + days(6),
            &partner(),
            &ms
        )
        .is_ok()
    );
}

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

// ---------------------------------------------------------------- property

fn direct_licence_command() -> impl Strategy<Value = C> {
    prop_oneof![
        (0u32..400).prop_map(|term_days| C::Reactivate {
            term_days,
            auto_renew: false
        }),
        Just(C::Suspend),
        Just(C::Resume),
        Just(C::Cancel),
        Just(C::Remove),
        (0u32..20).prop_map(|seats| C::ChangeSeats { seats }),
        any::<bool>().prop_map(|on| C::SetAutoRenew { on }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/subscriptions.txt"))),
        ..ProptestConfig::default()
    })]

    /// BILL-6, SUB-1: no partner command ever changes a direct purchase
    /// (the account billed directly, or a licence the customer bought).
    #[test]
    fn no_partner_command_changes_a_direct_purchase(
        direct_account in any::<bool>(),
        kind in 0u8..3,
        start in -400i64..400,
        offset in 0i64..400,
        command in direct_licence_command(),
    ) {
        let t = now() + TimeDelta::days(start);
        let state = match kind {
            0 => LicenceState::Active { term: Term::of_days(t, 365).unwrap(), auto_renew: true },
            1 => LicenceState::Expired { at: t },
            _ => LicenceState::Suspended { term: Term::of_days(t, 365).unwrap(), auto_renew: false, since: t, cancels_at: t + TimeDelta::days(30) },
        };
        // On a direct account the licence names the partner, so that the
        // account's billing alone must refuse; otherwise the customer bought it.
        let bought_by = if direct_account { by_acme() } else { Purchaser::Customer };
        let licence = Licence::new("L-1", "e", 5, state, bought_by).unwrap();
        let billing = if direct_account { BillingType::Direct } else { BillingType::Term };
        let account = rossi(billing).with_licence(licence);
        let at_ = now() + TimeDelta::days(offset);
        let p = Policy::standard();
        // Let time do its part first, so that only the command is judged.
        let settled = match account.decide(&A::Deliver(channel_licensing::Timer {
            key: channel_licensing::TimerKey::TermEnd { customer: "rossi".into(), licence: "none".into() }, due: at_,
        }), &channel_licensing::Context::new(at_, &Actor::Vendor, &p)) {
            Ok(d) => aapply(account.clone(), &d),
            Err(e) => return Err(TestCaseError::fail(format!("{e}"))),
        };
        let result = settled.decide(&lic("L-1", command.clone()), &channel_licensing::Context::new(at_, &acme(&[]), &p));
        prop_assert!(
            matches!(result, Err(Error::Refused(_))) || matches!(result, Ok(ref d) if d.is_empty()),
            "{command:?} changed a direct purchase: {result:?}"
        );
    }
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

/// POL-2: five seat increases inside one window all stay removable while
/// their windows are open (the batches are kept apart).
#[test]
fn pol_2_several_increases_in_a_week_stay_removable() {
    let ms = Policy::microsoft_new_commerce();
    let bought = at("2026-03-01T00:00:00Z");
    let mut licence = ms_licence(false);
    for (day, seats) in [(8, 11), (9, 12), (10, 13), (11, 14)] {
        let d = decide(
            &licence,
            C::ChangeSeats { seats },
            bought + days(day),
            &partner(),
            &ms,
        )
        .unwrap();
        licence = apply(licence, &d);
    }
    assert!(
        decide(
            &licence,
            C::ChangeSeats { seats: 10 },
            bought + days(12),
            &partner(),
            &ms
        )
        .is_ok()
    );
    assert_eq!(
        refusal(decide(
            &licence,
            C::ChangeSeats { seats: 9 },
            bought + days(12),
            &partner(),
            &ms
        ))
        .rule(),
        Rule::Pol2
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
    let d = aaccept(&account, command, now(), &seller());
    let changes = achanges(&d);
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
    let after = aapply(account, &d);
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
    let d = aaccept(
        &account,
        lic("L-1", C::Deliver(term_end.clone())),
        term_end.due,
        &acme(&[]),
    );
    assert!(
        achanges(&d).iter().any(|c| matches!(
            c,
            AccountChange::Licence {
                change: LicenceChange::Expired { .. },
                ..
            }
        )),
        "{:?}",
        achanges(&d)
    );
    let r = arefuse(&account, lic("L-1", C::Suspend), now(), &acme(&[]));
    assert_eq!(r.rule(), Rule::Bill6);
}

/// REL-9: an account's next deadline includes its scheduled unlink, even
/// when a licence's timers come later.
#[test]
fn rel_9_next_deadline_includes_the_scheduled_unlink() {
    let unlink_at = at("2026-07-01T00:00:00Z");
    let account = rossi(BillingType::Trial)
        .with_relationship("beta", RelationshipState::UnlinkScheduled { unlink_at })
        .with_licence(Licence::active("L-1", "e", 5, year_2026(), true, by_acme()).unwrap());
    assert_eq!(account.next_deadline(&Policy::standard()), Some(unlink_at));
    let later = rossi(BillingType::Trial).with_relationship(
        "beta",
        RelationshipState::UnlinkScheduled {
            unlink_at: at("2030-01-01T00:00:00Z"),
        },
    );
    assert_eq!(
        later
            .with_licence(Licence::active("L-1", "e", 5, year_2026(), true, by_acme()).unwrap())
            .next_deadline(&Policy::standard()),
        Some(at("2026-12-02T00:00:00Z")),
        "the licence's reminder, 30 days before its term end"
    );
}

/// REL-7 with LIC-5: when a scheduled unlink has come due, only the active
/// and suspended licences end with it; an expired licence is still judged
/// as expired, so the vendor may reactivate it inside its window. (The
/// licence is the unlinking partner's: only its licences end, REL-9.)
#[test]
fn rel_7_a_due_unlink_leaves_expired_licences_as_they_are() {
    let unlink_at = at("2026-07-01T00:00:00Z");
    let account = rossi(BillingType::Trial)
        .with_relationship("beta", RelationshipState::UnlinkScheduled { unlink_at })
        .with_licence(
            Licence::new(
                "L-1",
                "e",
                5,
                LicenceState::Expired {
                    at: at("2026-06-20T00:00:00Z"),
                },
                Purchaser::partner("beta"),
            )
            .unwrap(),
        );
    let d = aaccept(
        &account,
        lic(
            "L-1",
            C::Reactivate {
                term_days: 365,
                auto_renew: true,
            },
        ),
        at("2026-07-01T09:00:00Z"),
        &Actor::Vendor,
    );
    assert!(
        achanges(&d).iter().any(|c| matches!(
            c,
            AccountChange::Licence {
                change: LicenceChange::Reactivated { .. },
                ..
            }
        )),
        "{:?}",
        achanges(&d)
    );
}

// ------------------------------------- POL-2: seat batches, step by step

/// Seat changes under the Microsoft preset, applied one after another.
fn seats_ms(licence: Licence, steps: &[(&str, u32)]) -> (Licence, Vec<Result<(), Rule>>) {
    let policy = Policy::microsoft_new_commerce();
    let vendor = Actor::Vendor;
    let mut licence = licence;
    let mut answers = Vec::new();
    for &(t, seats) in steps {
        let ctx = channel_licensing::Context::new(at(t), &vendor, &policy);
        match licence.decide(&customer(), &C::ChangeSeats { seats }, &ctx) {
            Ok(d) => {
                licence = d.events().fold(licence, Licence::evolve);
                answers.push(Ok(()));
            }
            Err(Error::Refused(r)) => answers.push(Err(r.rule())),
            Err(other) => panic!("{other:?}"),
        }
    }
    (licence, answers)
}

/// POL-2: seats removed come off the newest batch first, and once the seats
/// added inside the window are gone, no more may go.
#[test]
fn pol_2_removed_seats_use_up_the_newest_batch() {
    let term = Term::new(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")).unwrap();
    let licence = Licence::active("L-1", "e", 10, term, true, by_acme()).unwrap();
    let (after, answers) = seats_ms(
        licence,
        &[
            ("2026-01-20T00:00:00Z", 15), // +5, removable until the 27th
            ("2026-01-21T00:00:00Z", 12), // -3 of those 5
            ("2026-01-22T00:00:00Z", 10), // -2: the last of them
            ("2026-01-23T00:00:00Z", 9),  // none left: POL-2
        ],
    );
    assert_eq!(answers, [Ok(()), Ok(()), Ok(()), Err(Rule::Pol2)]);
    assert_eq!(after.seats, 10);
    let batches: Vec<u32> = after.seat_batches.iter().map(|b| b.seats).collect();
    assert_eq!(batches, [10], "the added batch is used up and gone");
}

/// POL-2: more seat additions inside one window than batches are kept
/// merge the two oldest under the older instant: never more removable.
#[test]
fn pol_2_many_additions_merge_the_oldest_batches() {
    let term = Term::new(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")).unwrap();
    let licence = Licence::active("L-1", "e", 10, term, true, by_acme()).unwrap();
    // Nine additions of one seat, an hour apart, on 20 January.
    let steps: Vec<(String, u32)> = (0..9_u32)
        .map(|i| (format!("2026-01-20T{i:02}:00:00Z"), 11 + i))
        .collect();
    let steps: Vec<(&str, u32)> = steps.iter().map(|(t, s)| (t.as_str(), *s)).collect();
    let (after, answers) = seats_ms(licence, &steps);
    assert!(answers.iter().all(Result::is_ok));
    assert_eq!(after.seats, 19);
    let batches: Vec<u32> = after.seat_batches.iter().map(|b| b.seats).collect();
    assert_eq!(batches.len(), 8);
    // The term's 10 seats and nine batches of one make ten batches: the 8th
    // and 9th additions each merged the two oldest under the older instant
    // (the term's start, outside the window), so two added seats count as
    // old ones.
    assert_eq!(batches, [12, 1, 1, 1, 1, 1, 1, 1]);
    let now = at("2026-01-21T00:00:00Z");
    assert_eq!(after.seat_batches.removable(now, 7), 7);
    let (_, answers) = seats_ms(
        after.clone(),
        &[("2026-01-21T00:00:00Z", 12), ("2026-01-21T01:00:00Z", 11)],
    );
    assert_eq!(answers, [Ok(()), Err(Rule::Pol2)]);
}

/// A term contains its start and every instant before its end, not the end.
#[test]
fn a_term_is_half_open() {
    let term = Term::new(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")).unwrap();
    assert!(term.contains(term.starts));
    assert!(term.contains(term.ends - TimeDelta::seconds(1)));
    assert!(!term.contains(term.ends));
    assert!(!term.contains(term.starts - TimeDelta::seconds(1)));
}

/// REL-7 with REL-4: once another partner's scheduled unlink has taken
/// effect, the suspended licence it ended no longer blocks an immediate
/// unlink (found by mutation testing). The licence is that partner's (only
/// its licences end, REL-9), and the same decision reports the unlink and
/// the licence's end before acme's unlink.
#[test]
fn rel_4_a_licence_ended_by_a_due_unlink_does_not_block() {
    let unlink_at = at("2026-07-01T00:00:00Z");
    let suspended = LicenceState::Suspended {
        term: year_2026(),
        auto_renew: true,
        since: at("2026-06-20T00:00:00Z"),
        cancels_at: at("2026-07-20T00:00:00Z"),
    };
    let account = rossi(BillingType::Term)
        .with_relationship("beta", RelationshipState::UnlinkScheduled { unlink_at })
        .with_licence(Licence::new("L-1", "e", 5, suspended, Purchaser::partner("beta")).unwrap());
    let d = aaccept(
        &account,
        A::Unlink {
            mode: channel_licensing::UnlinkMode::Immediate,
        },
        at("2026-07-01T09:00:00Z"),
        &acme(&[]),
    );
    assert!(
        achanges(&d).iter().any(|c| matches!(
            c,
            AccountChange::Unlinked { partner, .. } if partner.as_str() == "acme"
        )),
        "{:?}",
        achanges(&d)
    );
    assert_eq!(
        achanges(&d)[..2],
        [
            AccountChange::Unlinked {
                partner: "beta".into(),
                at: unlink_at
            },
            AccountChange::Licence {
                licence: "L-1".into(),
                change: LicenceChange::Removed { at: unlink_at }
            },
        ],
        "beta's due unlink, and the licence it ended, lead the decision"
    );
}
