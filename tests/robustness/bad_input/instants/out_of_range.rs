//! Where arithmetic on instants leaves chrono's range: `Error::TimeOutOfRange`
//! (or `Error::InvalidTerm`), never a panic, through every function that
//! computes an instant, the calendar included.

use channel_licensing::LicenceCommand as C;

use super::*;

use crate::common::{active, changes, days, given, partner, timer, with_state};

/// Where arithmetic on instants leaves chrono's range, the answer is
/// `Error::TimeOutOfRange` (or `Error::InvalidTerm` for an empty term),
/// through every function that computes an instant.
#[test]
#[allow(clippy::too_many_lines)] // one block per entry point
fn instants_beyond_chronos_range_are_time_out_of_range() {
    use Error::{InvalidTerm, TimeOutOfRange};
    // Terms.
    assert_eq!(
        Term::new(MIN, MAX).unwrap().length(),
        MAX.signed_duration_since(MIN)
    );
    assert_eq!(Term::new(MAX, MAX), Err(InvalidTerm));
    assert_eq!(Term::new(MAX, MIN), Err(InvalidTerm));
    assert_eq!(Term::of_days(MAX - day(1), 1).unwrap().ends, MAX);
    assert_eq!(Term::of_days(MAX - day(1), 2), Err(TimeOutOfRange));
    assert_eq!(Term::of_days(MAX, 1), Err(TimeOutOfRange));
    assert_eq!(Term::of_days(MIN, u32::MAX), Err(TimeOutOfRange));
    assert_eq!(Term::of_days(MAX, 0), Err(InvalidTerm));
    assert_eq!(Term::of_days(MIN, 1).unwrap().starts, MIN);

    // The first instant of next month, in every time zone.
    for zone in chrono_tz::TZ_VARIANTS {
        assert_eq!(
            first_instant_of_next_month(MAX, zone),
            Err(channel_licensing::calendar::TimeOutOfRange),
            "{zone}"
        );
        assert_eq!(
            first_instant_of_next_month(MAX - day(1), zone),
            Err(channel_licensing::calendar::TimeOutOfRange),
            "{zone}"
        );
        for now in [MIN, MIN + day(1), t0()] {
            match first_instant_of_next_month(now, zone) {
                Ok(due) => assert!(due > now && due < now + day(33), "{zone} {now}: {due}"),
                Err(err) => assert_eq!(
                    err,
                    channel_licensing::calendar::TimeOutOfRange,
                    "{zone} {now}"
                ),
            }
        }
    }
    assert_eq!(
        first_instant_of_next_month(MIN, chrono_tz::UTC).unwrap(),
        MIN + day(31)
    );

    // Policy arithmetic (POL-1): a phase whose end lies beyond the range
    // never ends; an instant before the expiry counts as the first phase.
    let policy = Policy::standard();
    let at_end = policy.phase_at(MAX - day(1), MAX);
    assert_eq!(
        (at_end.name, at_end.ends, at_end.is_last),
        (PhaseName::Grace, None, false)
    );
    let lapsed = policy.phase_at(MIN, MAX);
    assert_eq!(
        (lapsed.name, lapsed.ends, lapsed.is_last),
        (PhaseName::Lapsed, None, true)
    );
    assert_eq!(policy.phase_at(MAX, MIN).name, PhaseName::Grace);
    assert_eq!(policy.phase_at(MIN, MIN).ends, Some(MIN + day(30)));
    assert_eq!(
        policy.phase_at(MIN, MIN + day(30)).name,
        PhaseName::Reactivatable
    );

    // Licences.
    let vendor = Actor::Vendor;
    let ctx = |now| Context::new(now, &vendor, &policy);
    let renewing = active_licence();
    for now in [MAX - day(1), MAX] {
        // LIC-2: the next term would end beyond the range.
        assert_eq!(
            renewing.decide(&customer(), &LicenceCommand::Suspend, &ctx(now)),
            Err(TimeOutOfRange)
        );
        assert_eq!(
            renewing.next_deadline(&policy),
            Some(at("2026-12-02T00:00:00Z"))
        );
    }
    let last_term = Licence::active(
        "L-1",
        "endpoint",
        1,
        Term::new(MAX - day(40), MAX).unwrap(),
        false,
        by_acme(),
    )
    .unwrap();
    // LIC-7: the cancellation 30 days after a suspension.
    assert_eq!(
        last_term.decide(&customer(), &LicenceCommand::Suspend, &ctx(MAX - day(29))),
        Err(TimeOutOfRange)
    );
    assert!(
        last_term
            .decide(&customer(), &LicenceCommand::Suspend, &ctx(MAX - day(31)))
            .is_ok()
    );
    // The longest policy allows (POL-5): a decision at an ordinary instant
    // never leaves the range because of it.
    assert!(
        active_licence()
            .decide(
                &customer(),
                &LicenceCommand::Suspend,
                &Context::new(t0(), &vendor, &extreme_policy())
            )
            .is_ok()
    );
    // LIC-4: a reactivated term ending beyond the range.
    let expired = Licence::new(
        "L-1",
        "endpoint",
        1,
        LicenceState::Expired { at: MAX - day(1) },
        by_acme(),
    )
    .unwrap();
    let one_day = LicenceCommand::Reactivate {
        term_days: 1,
        auto_renew: false,
    };
    assert_eq!(
        expired.decide(&customer(), &one_day, &ctx(MAX)),
        Err(TimeOutOfRange)
    );
    assert!(
        expired
            .decide(&customer(), &one_day, &ctx(MAX - day(1)))
            .is_ok()
    );
    let expired = Licence::new(
        "L-1",
        "endpoint",
        1,
        LicenceState::Expired { at: t0() - day(40) },
        by_acme(),
    )
    .unwrap();
    let forever = LicenceCommand::Reactivate {
        term_days: u32::MAX,
        auto_renew: true,
    };
    assert_eq!(
        expired.decide(&customer(), &forever, &ctx(t0())),
        Err(TimeOutOfRange)
    );

    // Money at extreme dates (POL-4, LIC-8): a term of the whole range is
    // prorated by its ~191 million days, exactly.
    let whole = Licence::active(
        "L-1",
        "endpoint",
        10,
        Term::new(MIN, MAX).unwrap(),
        false,
        by_acme(),
    )
    .unwrap()
    .with_price(eur("12.50"));
    let term_days = u32::try_from(MAX.signed_duration_since(MIN).num_days()).unwrap();
    let decision = whole
        .decide(&customer(), &LicenceCommand::Cancel, &ctx(t0()))
        .unwrap();
    let Some(LicenceChange::Cancelled {
        forfeited_days,
        forfeited: Some(forfeited),
        ..
    }) = decision.events().next_back().map(|e| e.change)
    else {
        panic!("{decision:?}");
    };
    let unused_days = u32::try_from(MAX.signed_duration_since(t0()).num_days()).unwrap();
    assert_eq!(forfeited_days, unused_days);
    let (_, expected) = eur("125")
        .prorate(term_days - unused_days, term_days)
        .unwrap();
    assert_eq!(forfeited, expected);
    // Microsoft's refund window, from the first instant of time.
    let microsoft = Policy::microsoft_new_commerce();
    let decision = whole
        .decide(
            &customer(),
            &LicenceCommand::Cancel,
            &Context::new(MIN + day(1), &vendor, &microsoft),
        )
        .unwrap();
    let Some(LicenceChange::Cancelled {
        refund: Some(refund),
        ..
    }) = decision.events().next_back().map(|e| e.change)
    else {
        panic!("{decision:?}");
    };
    assert_eq!(refund, eur("125").prorate(1, term_days).unwrap().1);

    // Accounts.
    let partner = acme();
    let actx = |now| Context::new(now, &partner, &policy);
    let trial = |trial_days| NewAccount::CreateTrial {
        customer: new_customer(),
        licence: "L-1".into(),
        offer: "endpoint".into(),
        seats: 1,
        trial_days,
    };
    assert_eq!(
        Account::create(&trial(30), &actx(MAX)).unwrap_err(),
        TimeOutOfRange
    );
    assert_eq!(
        Account::create(&trial(2), &actx(MAX - day(1))).unwrap_err(),
        TimeOutOfRange
    );
    assert!(Account::create(&trial(1), &actx(MAX - day(1))).is_ok());
    assert!(Account::create(&trial(30), &actx(MIN)).is_ok());
    // REL-7: the first day of next month lies beyond the range.
    let monthly = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::MonthlyUsage,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::Linked);
    let scheduled = AccountCommand::Unlink {
        mode: UnlinkMode::Scheduled,
    };
    for now in [MAX - day(1), MAX] {
        assert_eq!(monthly.decide(&scheduled, &actx(now)), Err(TimeOutOfRange));
    }
    let decision = monthly.decide(&scheduled, &actx(MIN)).unwrap();
    assert!(
        decision
            .effects()
            .any(|e| matches!(e, Effect::Schedule(t) if t.due == MIN + day(31)))
    );
    // SUB-4: a subscription's first term.
    let add = AccountCommand::AddSubscription {
        licence: "L-9".into(),
        offer: "endpoint".into(),
        seats: 1,
        term_days: 365,
        auto_renew: true,
        price: None,
    };
    let term_account = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Term,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::Linked);
    assert_eq!(
        term_account.decide(&add, &actx(MAX - day(1))),
        Err(TimeOutOfRange)
    );
    // REL-5: the reactivation window of a licence that expired at the end of
    // time closes beyond it.
    let blocked = term_account.clone().with_licence(
        Licence::new(
            "L-1",
            "endpoint",
            1,
            LicenceState::Expired { at: MAX - day(1) },
            by_acme(),
        )
        .unwrap(),
    );
    let immediate = AccountCommand::Unlink {
        mode: UnlinkMode::Immediate,
    };
    assert_eq!(blocked.decide(&immediate, &actx(MAX)), Err(TimeOutOfRange));
    // XFER-1: provisioning before the grace ends, after a term ending at MAX.
    let moving = term_account.with_licence(last_term);
    let to = PartnerUser::new("newco", "eu");
    assert_eq!(
        transfer_plan(
            &moving,
            &"acme".into(),
            &to,
            TransferOptions::default(),
            MAX - day(1),
            &policy
        ),
        Err(TimeOutOfRange)
    );
}

// ---------------------------------------------------------------- overflow

/// Instants at chrono's limits give an error value, never a panic.
#[test]
fn instants_at_the_end_of_time_are_errors_not_panics() {
    let end_of_time = chrono::DateTime::<chrono::Utc>::MAX_UTC;
    let expired = with_state(LicenceState::Expired {
        at: end_of_time - days(1),
    });
    let result = given(&expired)
        .when(
            &partner(),
            C::Reactivate {
                term_days: 365,
                auto_renew: false,
            },
        )
        .at(end_of_time)
        .outcome();
    assert_eq!(result.unwrap_err(), Error::TimeOutOfRange);
    let result = given(&active(true))
        .when(&partner(), C::Suspend)
        .at(end_of_time - days(1))
        .outcome();
    // The term ended long ago and renews to a term past the end of time.
    assert_eq!(result.unwrap_err(), Error::TimeOutOfRange);
    assert!(matches!(
        given(&active(false)).when(&partner(), C::Deliver(timer(&active(false), &Policy::standard(), "/term_end"))).at(end_of_time).outcome(),
        // The term-end reminder was never delivered: skipped, then expired.
        Ok(ref d) if matches!(changes(d)[..], [LicenceChange::ReminderSkipped { .. }, LicenceChange::Expired { .. }])
    ));
}

#[test]
fn instants_near_chrono_limits_never_panic_in_any_zone() {
    use chrono::TimeDelta;
    let min = DateTime::<chrono::Utc>::MIN_UTC;
    let max = DateTime::<chrono::Utc>::MAX_UTC;
    let instants = [
        min,
        min + TimeDelta::hours(1),
        min + TimeDelta::days(40),
        max - TimeDelta::days(40),
        max - TimeDelta::days(31),
        max - TimeDelta::hours(13),
        max,
    ];
    for zone in [
        chrono_tz::UTC,
        chrono_tz::Pacific::Kiritimati,
        chrono_tz::Pacific::Pago_Pago,
        chrono_tz::Europe::Rome,
        chrono_tz::America::Havana,
    ] {
        for now in instants {
            match first_instant_of_next_month(now, zone) {
                Ok(due) => assert!(due > now, "{zone} {now}: {due}"),
                Err(err) => assert_eq!(err, channel_licensing::calendar::TimeOutOfRange),
            }
        }
    }
}
