//! Seat counts: zero through every entry point is an error; the maximum is
//! accepted and priced without overflow, or overflows to an error value.

use super::*;

// ================================================================ 2. seats

/// Zero seats: `Error::ZeroSeats` from the constructors and account
/// creation, a refusal naming the rule from commands (LIC-11, SUB-4), a
/// data error from JSON.
#[test]
fn zero_seats_are_an_error_through_every_entry_point() {
    let policy = Policy::standard();
    let term = year_2026();
    for state in [
        LicenceState::Trial { term },
        LicenceState::Active {
            term,
            auto_renew: true,
        },
        LicenceState::Expired { at: t0() },
        LicenceState::Cancelled {
            at: t0(),
            by: CancelledBy::Request,
        },
    ] {
        assert_eq!(
            Licence::new("L-0", "endpoint", 0, state, by_acme()),
            Err(Error::ZeroSeats)
        );
    }
    assert_eq!(
        Licence::active("L-0", "endpoint", 0, term, true, by_acme()),
        Err(Error::ZeroSeats)
    );
    assert_eq!(
        Licence::trial("L-0", "endpoint", 0, term, by_acme()),
        Err(Error::ZeroSeats)
    );

    // LIC-11: a licence has at least 1 seat.
    let zero = LicenceCommand::ChangeSeats { seats: 0 };
    let refused =
        refusal(active_licence().decide(&customer(), &zero, &Context::new(t0(), &acme(), &policy)));
    assert_eq!(refused.rule(), Rule::Lic11);
    assert!(matches!(
        refused.reason(),
        Reason::TooFewSeats { licence, requested: 0, .. } if licence.as_str() == "L-1"
    ));
    let account = medium_account();
    let command = AccountCommand::Licence {
        licence: "L-1".into(),
        command: zero.clone(),
    };
    let refused = refusal(account.decide(&command, &Context::new(t0(), &acme(), &policy)));
    assert_eq!(refused.rule(), Rule::Lic11);
    // The same command in JSON deserializes; deciding it is what refuses.
    let parsed: LicenceCommand =
        serde_json::from_str(r#"{"type":"change_seats","seats":0}"#).unwrap();
    assert_eq!(parsed, zero);

    // SUB-4: a new subscription has at least one seat.
    let add = AccountCommand::AddSubscription {
        licence: "L-9".into(),
        offer: "endpoint".into(),
        seats: 0,
        term_days: 365,
        auto_renew: true,
        price: None,
    };
    let refused = refusal(account.decide(&add, &Context::new(t0(), &acme(), &policy)));
    assert_eq!(refused.rule(), Rule::Sub4);
    assert!(matches!(
        refused.reason(),
        Reason::TooFewSeats { licence, requested: 0, .. } if licence.as_str() == "L-9"
    ));

    // A trial created with no seat.
    let create = NewAccount::CreateTrial {
        customer: new_customer(),
        licence: "L-1".into(),
        offer: "endpoint".into(),
        seats: 0,
        trial_days: 30,
    };
    assert_eq!(
        Account::create(&create, &Context::new(t0(), &acme(), &policy)).unwrap_err(),
        Error::ZeroSeats
    );
}

/// `u32::MAX` seats: accepted everywhere, priced without overflow with a
/// real price, seat batches never overflow, and POL-2's removable count is
/// exact.
#[test]
fn maximal_seat_counts_are_accepted_and_priced_without_overflow() {
    let policy = Policy::standard();
    let microsoft = Policy::microsoft_new_commerce();
    let term = year_2026();
    let most = u32::MAX;
    for licence in [
        Licence::active("L-1", "endpoint", most, term, true, by_acme()),
        Licence::trial("L-1", "endpoint", most, term, by_acme()),
        Licence::new(
            "L-1",
            "endpoint",
            most,
            LicenceState::Expired { at: t0() },
            by_acme(),
        ),
    ] {
        let licence = licence.unwrap();
        assert_eq!(licence.seats, most);
        reserializes(&licence).unwrap();
    }
    // Stored with u32::MAX seats (its batches left out: every seat in one).
    let mut stored: Value =
        serde_json::from_str(&with(&active_licence(), "/seats", json!(most))).unwrap();
    stored.as_object_mut().unwrap().remove("seat_batches");
    let parsed: Licence = serde_json::from_value(stored).unwrap();
    assert_eq!(parsed.seats, most);

    // From 10 to u32::MAX seats and back (LIC-11, POL-2).
    let now = at("2026-06-01T00:00:00Z");
    let grow = LicenceCommand::ChangeSeats { seats: most };
    let licence = active_licence();
    let decision = licence
        .decide(&customer(), &grow, &Context::new(now, &acme(), &microsoft))
        .unwrap();
    let changes: Vec<LicenceChange> = decision.events().map(|e| e.change).collect();
    assert_eq!(
        changes,
        [LicenceChange::SeatsChanged { from: 10, to: most }]
    );
    let grown = decision.events().fold(licence, Licence::evolve);
    assert_eq!(grown.seats, most);
    let batches: u64 = grown.seat_batches.iter().map(|b| u64::from(b.seats)).sum();
    assert_eq!(batches, u64::from(most));
    assert!(
        grown
            .decide(&customer(), &grow, &Context::new(now, &acme(), &microsoft))
            .unwrap()
            .is_empty()
    );
    // Only the seats added in the last 7 days may go again (POL-2).
    let shrink = LicenceCommand::ChangeSeats { seats: 1 };
    let refused = refusal(grown.decide(
        &customer(),
        &shrink,
        &Context::new(now, &acme(), &microsoft),
    ));
    assert_eq!(refused.rule(), Rule::Pol2);
    assert!(
        matches!(
            refused.reason(),
            Reason::SeatDecreaseWindowClosed {
                licence,
                requested: 1,
                current,
                removable,
                window_days: 7,
                ..
            } if licence.as_str() == "L-1" && *current == most && *removable == most - 10
        ),
        "{:?}",
        refused.reason()
    );
    let back = LicenceCommand::ChangeSeats { seats: 10 };
    assert!(
        grown
            .decide(&customer(), &back, &Context::new(now, &acme(), &microsoft))
            .is_ok()
    );

    // Cancelling u32::MAX seats at 12.50 EUR each: 53 687 091 187.50 EUR for
    // the year, the unused part forfeited (LIC-8), exact to the cent.
    let total = eur("12.50").times(most).unwrap();
    assert_eq!(total.amount, "53687091187.50".parse::<Decimal>().unwrap());
    let cancel = LicenceCommand::Cancel;
    let decision = grown
        .decide(&customer(), &cancel, &Context::new(now, &acme(), &policy))
        .unwrap();
    let Some(LicenceChange::Cancelled {
        forfeited_days,
        forfeited: Some(forfeited),
        refund: None,
        ..
    }) = decision.events().next_back().map(|e| e.change)
    else {
        panic!("{decision:?}");
    };
    assert_eq!(forfeited_days, 214);
    let (_, unused) = total.prorate(365 - 214, 365).unwrap();
    assert_eq!(forfeited, unused);
    assert!(forfeited.amount > Decimal::ZERO && forfeited.amount < total.amount);

    // Adding a subscription of u32::MAX seats, and a trial of as many.
    let add = AccountCommand::AddSubscription {
        licence: "L-9".into(),
        offer: "endpoint".into(),
        seats: most,
        term_days: 365,
        auto_renew: true,
        price: Some(eur("9.99")),
    };
    let account = medium_account();
    let decision = account
        .decide(&add, &Context::new(now, &acme(), &policy))
        .unwrap();
    let account = decision.events().fold(account, Account::evolve);
    let added = account
        .licences
        .iter()
        .find(|l| l.id.as_str() == "L-9")
        .unwrap();
    assert_eq!(added.seats, most);
    let create = NewAccount::CreateTrial {
        customer: new_customer(),
        licence: "L-1".into(),
        offer: "endpoint".into(),
        seats: most,
        trial_days: 30,
    };
    let decision = Account::create(&create, &Context::new(now, &acme(), &policy)).unwrap();
    let created = Account::from_events(decision.events()).unwrap();
    assert_eq!(created.licences[0].seats, most);

    // Seat batches that add up past the licence's seats (here past
    // u32::MAX) are no state a decision leaves: the licence does not load.
    let batches = json!([
        {"seats": most, "added_at": "2026-05-30T00:00:00Z"},
        {"seats": most, "added_at": "2026-05-31T00:00:00Z"},
    ]);
    let json = with(&with_seats(most), "/seat_batches", batches);
    let err = channel_licensing::from_json::<Licence>(&json).unwrap_err();
    assert!(
        err.message().starts_with(
            "seat_batches: 8589934590 seats in batches, not the licence's 4294967295 (POL-2)"
        ),
        "{err}"
    );
}

fn with_seats(seats: u32) -> Licence {
    Licence::active("L-1", "endpoint", seats, year_2026(), true, by_acme()).unwrap()
}

/// POL-4 at the edges of `Decimal`: the largest price times any seat count
/// above one, or prorated over more than one day, is
/// `Error::AmountOutOfRange`, wherever the crate multiplies.
#[test]
fn prices_times_maximal_seats_overflow_to_amount_out_of_range() {
    let yen: Currency = "JPY".parse().unwrap();
    let most = Money::new(Decimal::MAX, yen);
    assert_eq!(most.times(1).unwrap(), most);
    assert_eq!(most.times(2), Err(MoneyError::AmountOutOfRange));
    assert_eq!(most.times(u32::MAX), Err(MoneyError::AmountOutOfRange));
    assert_eq!(
        Money::new(Decimal::MIN, yen).times(u32::MAX),
        Err(MoneyError::AmountOutOfRange)
    );
    assert_eq!(most.times(0).unwrap().amount, Decimal::ZERO);
    assert_eq!(most.prorate(0, 3), Err(MoneyError::AmountOutOfRange));
    assert_eq!(most.prorate(1, 1).unwrap().1.amount, Decimal::ZERO);
    assert_eq!(eur("1").prorate(0, 0), Err(MoneyError::InvalidTerm));
    // More used days than the term has: nothing unused, no underflow.
    assert_eq!(
        eur("365").prorate(u32::MAX, 365).unwrap().1.amount,
        Decimal::ZERO
    );
    let (used, unused) = eur("12.50")
        .times(u32::MAX)
        .unwrap()
        .prorate(1, u32::MAX)
        .unwrap();
    assert_eq!(
        used.checked_add(unused).unwrap().amount,
        "53687091187.50".parse::<Decimal>().unwrap()
    );
    // The smallest amount times the most seats rounds to the cent.
    let tiny = Money::new("0.0000000000000000000000000001".parse().unwrap(), yen);
    assert_eq!(tiny.times(u32::MAX).unwrap().amount, Decimal::ZERO);

    // A licence priced at Decimal::MAX with 2 seats: cancelling it (LIC-8)
    // or planning its early cancellation (XFER-2) cannot price it. Its
    // suspension's cancellation (LIC-7) is a timer, which cannot be refused
    // (it would stay overdue and block the licence): it cancels the licence
    // without an amount.
    let policy = Policy::standard();
    let licence = Licence::active("L-1", "endpoint", 2, year_2026(), false, by_acme())
        .unwrap()
        .with_price(most);
    let partner = acme();
    let ctx = Context::new(t0(), &partner, &policy);
    assert_eq!(
        licence.decide(&customer(), &LicenceCommand::Cancel, &ctx),
        Err(Error::Money(MoneyError::AmountOutOfRange))
    );
    let suspended = licence
        .decide(&customer(), &LicenceCommand::Suspend, &ctx)
        .unwrap()
        .events()
        .fold(licence.clone(), Licence::evolve);
    let timer = suspended.timers(&customer(), &policy).last().unwrap();
    let vendor = Actor::Vendor;
    let late = Context::new(timer.due, &vendor, &policy);
    let delivered = suspended
        .decide(&customer(), &LicenceCommand::Deliver(timer), &late)
        .unwrap();
    let changes: Vec<_> = delivered.events().map(|e| e.change).collect();
    assert!(
        matches!(
            changes[..],
            [LicenceChange::Cancelled {
                by: CancelledBy::Suspension,
                forfeited: None,
                refund: None,
                ..
            }]
        ),
        "{changes:?}"
    );
    // Every later decision on it works.
    assert!(matches!(
        suspended.decide(&customer(), &LicenceCommand::Resume, &late),
        Err(Error::Refused(_))
    ));
    let account = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Term,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::Linked)
    .with_licence(licence);
    let options = TransferOptions::default().cancel_early(true);
    let to = PartnerUser::new("newco", "eu");
    assert_eq!(
        transfer_plan(&account, &"acme".into(), &to, options, t0(), &policy),
        Err(Error::Money(MoneyError::AmountOutOfRange))
    );
    let cancel = AccountCommand::Licence {
        licence: "L-1".into(),
        command: LicenceCommand::Cancel,
    };
    assert_eq!(
        account.decide(&cancel, &ctx),
        Err(Error::Money(MoneyError::AmountOutOfRange))
    );
}
