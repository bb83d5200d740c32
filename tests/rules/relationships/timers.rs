//! REL-9: the scheduled unlink's due effect unlinks (and ends that partner's
//! monthly licences); stale, early and other customers' deliveries do nothing.

use channel_licensing::{
    AccountChange, AccountCommand as A, Actor, BillingType, Licence, LicenceChange, LicenceState,
    PartnerUser, Policy, RelationshipState, RelationshipStatus, Rule, Term, Timer, TimerKey,
};

use crate::common::*;

// ---------------------------------------------------------------- REL-9

/// REL-9: the delivered due effect unlinks; delivering it again, or after
/// the unlink was cancelled, does nothing; an early delivery is refused.
#[test]
fn rel_9_the_due_effect_unlinks_and_stale_ones_do_nothing() {
    let account = rossi(BillingType::MonthlyUsage);
    let scheduled = given(&account)
        .when(&flex(), SCHEDULED)
        .at(now())
        .then_state();
    let timer = scheduled.timers(&Policy::standard()).next().unwrap();
    let due = timer.due;

    let early = given(&scheduled)
        .when(&Actor::Vendor, A::Deliver(timer.clone()))
        .at(due - secs(1))
        .refused();
    assert_eq!(early.rule(), Rule::Rel9);
    assert_eq!(early.earliest(), Some(due));

    let d = given(&scheduled)
        .when(&Actor::Vendor, A::Deliver(timer.clone()))
        .at(due)
        .accepted();
    assert_eq!(
        changes(&d),
        [AccountChange::Unlinked {
            partner: "acme".into(),
            at: due
        }]
    );
    let unlinked = apply(scheduled.clone(), &d);
    assert_eq!(
        unlinked.relationship_status(&"acme".into(), due),
        Some(RelationshipStatus::Unlinked)
    );
    assert_eq!(unlinked.next_deadline(&Policy::standard()), None);
    assert!(
        given(&unlinked)
            .when(&Actor::Vendor, A::Deliver(timer.clone()))
            .at(due + days(1))
            .accepted()
            .is_empty()
    );

    let cancelled = given(&scheduled)
        .when(&flex(), A::CancelScheduledUnlink)
        .at(due - days(1))
        .then_state();
    assert!(
        given(&cancelled)
            .when(&Actor::Vendor, A::Deliver(timer.clone()))
            .at(due)
            .accepted()
            .is_empty()
    );
    // Stale even before its instant: only a pending unlink's early
    // delivery is refused.
    assert!(
        given(&cancelled)
            .when(&Actor::Vendor, A::Deliver(timer))
            .at(due - days(1))
            .accepted()
            .is_empty()
    );
    assert_eq!(
        cancelled.relationship_status(&"acme".into(), due),
        Some(RelationshipStatus::Linked)
    );
}

/// REL-9: a scheduled-unlink timer of another customer (same partner, same
/// instant) is not this account's: delivering it early is a no-op, not a
/// refusal.
#[test]
fn rel_9_another_customers_unlink_timer_is_not_this_accounts() {
    let account = rossi(BillingType::MonthlyUsage);
    let scheduled = given(&account)
        .when(&flex(), SCHEDULED)
        .at(now())
        .then_state();
    let mut timer = scheduled.timers(&Policy::standard()).next().unwrap();
    timer.key = TimerKey::ScheduledUnlink {
        customer: "verdi".into(),
        partner: "acme".into(),
    };
    let early = timer.due - secs(1);
    assert!(
        given(&scheduled)
            .when(&Actor::Vendor, A::Deliver(timer))
            .at(early)
            .accepted()
            .is_empty()
    );
}

/// REL-9 / LIC-2: a licence timer delivered through the account reaches the
/// licence its key names, not another one.
#[test]
fn rel_9_a_licence_timer_reaches_the_licence_it_names() {
    let account = rossi(BillingType::Term)
        .with_licence(Licence::active("L-1", "e", 5, year_2026(), false, by_acme()).unwrap())
        .with_licence(
            Licence::active(
                "L-2",
                "e",
                5,
                Term::new(at("2026-01-01T00:00:00Z"), at("2026-09-01T00:00:00Z")).unwrap(),
                false,
                by_acme(),
            )
            .unwrap(),
        );
    let policy = Policy::standard();
    let timer = account.licences[1]
        .timers(&account.id, &policy)
        .last()
        .expect("L-2's term end");
    let d = given(&account)
        .when(&Actor::Vendor, A::Deliver(timer.clone()))
        .at(timer.due)
        .accepted();
    assert_eq!(
        changes(&d),
        [
            AccountChange::Licence {
                licence: "L-2".into(),
                change: skipped_reminder(timer.due)
            },
            AccountChange::Licence {
                licence: "L-2".into(),
                change: LicenceChange::Expired { at: timer.due }
            }
        ]
    );
    // Early, it is refused with its due instant: judged by L-2, whose
    // timer it is.
    let r = given(&account)
        .when(&Actor::Vendor, A::Deliver(timer.clone()))
        .at(timer.due - secs(1))
        .refused();
    assert_eq!(r.earliest(), Some(timer.due));
}

/// REL-9 with REL-7's Decision: when the scheduled unlink takes effect, the
/// monthly licences end with it (removed at the unlink instant, their timers
/// dropped); another partner can then unlink the trial account too (REL-1).
#[test]
fn rel_9_monthly_licences_end_with_the_unlink() {
    let account = rossi(BillingType::MonthlyUsage)
        .with_relationship("beta", RelationshipState::Linked)
        .with_licence(active_licence("L-1"));
    let scheduled = given(&account)
        .when(&flex(), SCHEDULED)
        .at(now())
        .then_state();
    let timer = Timer {
        key: TimerKey::ScheduledUnlink {
            customer: "rossi".into(),
            partner: "acme".into(),
        },
        due: at("2026-07-01T00:00:00Z"),
    };
    let d = given(&scheduled)
        .when(&Actor::Vendor, A::Deliver(timer.clone()))
        .at(timer.due)
        .accepted();
    assert_eq!(
        changes(&d),
        [
            AccountChange::Unlinked {
                partner: "acme".into(),
                at: timer.due
            },
            AccountChange::Licence {
                licence: "L-1".into(),
                change: LicenceChange::Removed { at: timer.due }
            },
        ]
    );
    let unlinked = apply(scheduled, &d);
    assert_eq!(
        unlinked.licences[0].state,
        LicenceState::Removed { at: timer.due }
    );
    assert_eq!(
        unlinked.next_deadline(&Policy::standard()),
        None,
        "the licence's timers are dropped too"
    );
    assert_eq!(
        unlinked.relationship_status(&"beta".into(), timer.due),
        Some(RelationshipStatus::Linked)
    );
    let beta = Actor::Partner(PartnerUser::new("beta", "eu"));
    let d = given(&unlinked)
        .when(&beta, IMMEDIATE)
        .at(timer.due)
        .accepted();
    assert_eq!(
        changes(&d),
        [AccountChange::Unlinked {
            partner: "beta".into(),
            at: timer.due
        }]
    );
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

/// REL-9 before LIC-2, REL-7: timers take effect in due order whatever
/// order they are delivered in. `acme`'s unlink is scheduled for 07-01 and
/// its licence L-1 ends on 07-15 without auto-renew: on time, the unlink
/// removes L-1 at 07-01. A scheduler back only on 07-20, or any decision at
/// 07-20 (the customer admin enabling partner assistance), leaves the same
/// state: L-1 removed at 07-01, never expired at 07-15.
#[test]
fn rel_9_a_late_catch_up_applies_the_unlink_before_a_later_term_end() {
    use channel_licensing::testing::World;

    let unlink_at = at("2026-07-01T00:00:00Z");
    let term = Term::new(at("2025-07-15T00:00:00Z"), at("2026-07-15T00:00:00Z")).unwrap();
    let l1 = Licence::active("L-1", "endpoint", 5, term, false, by_acme()).unwrap();
    let mut account = rossi(BillingType::Trial)
        .with_relationship("acme", RelationshipState::UnlinkScheduled { unlink_at })
        .with_licence(l1);
    account.mdr_reports_until = Some(unlink_at);
    let removed = LicenceState::Removed { at: unlink_at };
    let back = at("2026-07-20T00:00:00Z");
    let policy = Policy::standard();

    let world = |late: bool| {
        let mut world = World::new(policy.clone(), at("2026-06-20T00:00:00Z"));
        world.import(account.clone()).unwrap();
        if late {
            world.advance_late_to(back).unwrap();
        } else {
            world.advance_to(back).unwrap();
        }
        world.account(&customer()).unwrap().clone()
    };
    let on_time = world(false);
    assert_eq!(on_time.licences[0].state, removed);
    assert_eq!(
        on_time.relationship_status(&"acme".into(), back),
        Some(RelationshipStatus::Unlinked)
    );
    assert_eq!(world(true), on_time);

    // Any decision at 07-20 catches up the same way, the unlink first.
    let d = given(&account)
        .when(&admin_of("rossi"), A::EnablePartnerAssistance)
        .at(back)
        .accepted();
    let changes = changes(&d);
    let unlinked = AccountChange::Unlinked {
        partner: "acme".into(),
        at: unlink_at,
    };
    let ended = AccountChange::Licence {
        licence: "L-1".into(),
        change: LicenceChange::Removed { at: unlink_at },
    };
    let (u, e) = (
        changes.iter().position(|c| *c == unlinked),
        changes.iter().position(|c| *c == ended),
    );
    assert!(u.is_some() && u < e, "{changes:?}");
    assert!(
        !changes.iter().any(|c| matches!(
            c,
            AccountChange::Licence {
                change: LicenceChange::Expired { .. } | LicenceChange::Renewed { .. },
                ..
            }
        )),
        "{changes:?}"
    );
    assert_eq!(apply(account, &d).licences[0].state, removed);
}

/// REL-9, POL-3: a licence the unlink does not end is caught up once, at
/// `now`, wherever the unlink falls. acme's trial licence T-1 (reminder due
/// 04-30, trial ending 05-03) under acme's unlink of 05-01, all caught up
/// on 05-15: the reminder passed with its trial is recorded as skipped,
/// exactly as on an account without the unlink, never sent two weeks
/// after the trial ended.
#[test]
fn rel_9_a_licence_the_unlink_does_not_end_is_caught_up_once() {
    let unlink_at = at("2026-05-01T00:00:00Z");
    let trial = Term::new(at("2026-04-01T00:00:00Z"), at("2026-05-03T00:00:00Z")).unwrap();
    let t1 = Licence::new(
        "T-1",
        "endpoint",
        5,
        LicenceState::Trial { term: trial },
        by_acme(),
    )
    .unwrap();
    let linked = rossi(BillingType::Trial)
        .with_relationship("acme", RelationshipState::Linked)
        .with_licence(t1);
    let mut scheduled = linked
        .clone()
        .with_relationship("acme", RelationshipState::UnlinkScheduled { unlink_at });
    scheduled.mdr_reports_until = Some(unlink_at);
    let back = at("2026-05-15T00:00:00Z");
    let licence_changes = |account| {
        changes(
            &given(account)
                .when(&admin_of("rossi"), A::EnablePartnerAssistance)
                .at(back)
                .accepted(),
        )
        .into_iter()
        .filter_map(|c| match c {
            AccountChange::Licence { change, .. } => Some(change),
            _ => None,
        })
        .collect::<Vec<_>>()
    };
    let without_unlink = licence_changes(&linked);
    assert!(
        matches!(
            without_unlink.as_slice(),
            [
                LicenceChange::ReminderSkipped { .. },
                LicenceChange::Expired { .. }
            ]
        ),
        "{without_unlink:?}"
    );
    assert_eq!(licence_changes(&scheduled), without_unlink);
}

/// REL-9: the catch-up ends on any account a caller can build, even one
/// that lists a partner twice (which does not load): each scheduled unlink
/// that has taken effect is applied once, and one at chrono's first instant
/// has nothing due before it.
#[test]
fn rel_9_the_catch_up_ends_on_any_account() {
    use channel_licensing::Relationship;

    let unlink_at = at("2026-05-01T00:00:00Z");
    let mut twice = rossi(BillingType::Trial)
        .with_relationship("acme", RelationshipState::UnlinkScheduled { unlink_at });
    twice.relationships.push(Relationship::new(
        "acme",
        RelationshipState::UnlinkScheduled { unlink_at },
    ));
    twice.mdr_reports_until = Some(unlink_at);
    let d = given(&twice)
        .when(&admin_of("rossi"), A::EnablePartnerAssistance)
        .at(at("2026-05-15T00:00:00Z"))
        .outcome();
    assert!(d.is_ok(), "{d:?}");

    let first = chrono::DateTime::<chrono::Utc>::MIN_UTC;
    let mut earliest = rossi(BillingType::Trial).with_relationship(
        "acme",
        RelationshipState::UnlinkScheduled { unlink_at: first },
    );
    earliest.mdr_reports_until = Some(first);
    let d = given(&earliest)
        .when(&admin_of("rossi"), A::EnablePartnerAssistance)
        .at(at("2026-05-15T00:00:00Z"))
        .accepted();
    assert!(changes(&d).contains(&AccountChange::Unlinked {
        partner: "acme".into(),
        at: first
    }));
}

/// REL-9 / LIC-2: a delivered licence timer that is not one of this
/// account's (another customer's key for a licence ID this account also
/// has, or a licence it does not have) is stale, and the account is caught
/// up as for any command that names none of its licences: every licence's
/// overdue timer applies.
#[test]
fn rel_9_a_stale_or_foreign_licence_timer_catches_up_the_whole_account() {
    let short = Term::new(at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z")).unwrap();
    let account = rossi(BillingType::Term)
        .with_licence(Licence::active("L-1", "e", 5, short, false, by_acme()).unwrap())
        .with_licence(Licence::active("L-2", "e", 5, short, false, by_acme()).unwrap());
    let later = at("2026-03-01T00:00:00Z");
    let expired = |d: &channel_licensing::Decision<channel_licensing::AccountEvent>| {
        changes(d)
            .iter()
            .filter(|c| {
                matches!(
                    c,
                    AccountChange::Licence {
                        change: LicenceChange::Expired { .. },
                        ..
                    }
                )
            })
            .count()
    };
    for key in [
        TimerKey::TermEnd {
            customer: "verdi".into(),
            licence: "L-1".into(),
        },
        TimerKey::TermEnd {
            customer: "rossi".into(),
            licence: "L-9".into(),
        },
    ] {
        let timer = Timer {
            key,
            due: short.ends,
        };
        let d = given(&account)
            .when(&Actor::Vendor, A::Deliver(timer.clone()))
            .at(later)
            .accepted();
        assert_eq!(expired(&d), 2, "{timer:?}");
    }
}
