//! Monthly-usage accounts: REL-7 (the unlink is scheduled for the first
//! instant of the next month, in the policy's calendar) and REL-8 (a scheduled
//! unlink can be cancelled before its date).

use channel_licensing::{
    AccountChange, AccountCommand as A, Actor, BillingType, Effect, Licence, LicenceChange,
    LicenceCommand as C, LicenceState, Policy, Programme, Purchaser, Reason, RelationshipState,
    RelationshipStatus, Rule, Timer, TimerKey,
};

use crate::common::*;

// ---------------------------------------------------------------- REL-7

fn monthly_unlink(
    now: chrono::DateTime<chrono::Utc>,
    policy: &Policy,
) -> chrono::DateTime<chrono::Utc> {
    let account = rossi(BillingType::MonthlyUsage);
    let d = given(&account)
        .under(policy)
        .when(&flex(), SCHEDULED)
        .at(now)
        .outcome()
        .unwrap();
    match changes(&d).as_slice() {
        [
            AccountChange::BillingChanged {
                from: BillingType::MonthlyUsage,
                to: BillingType::Trial,
            },
            AccountChange::UnlinkScheduled {
                unlink_at,
                mdr_reports_until,
                ..
            },
        ] => {
            assert_eq!(
                unlink_at, mdr_reports_until,
                "MDR reports until the next billing cycle"
            );
            let effects: Vec<_> = d.effects().cloned().collect();
            assert_eq!(
                effects,
                [Effect::Schedule(Timer {
                    key: TimerKey::ScheduledUnlink {
                        customer: "rossi".into(),
                        partner: "acme".into()
                    },
                    due: *unlink_at
                })]
            );
            *unlink_at
        }
        other => panic!("{other:?}"),
    }
}

/// REL-7: a monthly-usage account is converted to a trial now and unlinked
/// on the first day of next month; MDR reports continue until then.
#[test]
fn rel_7_monthly_usage_unlink_is_scheduled_for_next_month() {
    let p = Policy::standard();
    assert_eq!(
        monthly_unlink(at("2026-06-15T10:00:00Z"), &p),
        at("2026-07-01T00:00:00Z")
    );
    // Asked at 23:59:59 on the last day of a month: due at 00:00 the next day.
    assert_eq!(
        monthly_unlink(at("2026-04-30T23:59:59Z"), &p),
        at("2026-05-01T00:00:00Z")
    );
    // December → January.
    assert_eq!(
        monthly_unlink(at("2026-12-31T12:00:00Z"), &p),
        at("2027-01-01T00:00:00Z")
    );
    let account = rossi(BillingType::MonthlyUsage);
    let after = given(&account)
        .when(&flex(), SCHEDULED)
        .at(now())
        .then_state();
    assert_eq!(after.billing, BillingType::Trial);
    assert_eq!(after.mdr_reports_until, Some(at("2026-07-01T00:00:00Z")));
    assert_eq!(
        after.relationship_status(&"acme".into(), now()),
        Some(RelationshipStatus::UnlinkScheduled)
    );
}

/// REL-7: the first day of the month is midnight in the policy's calendar,
/// across a daylight-saving change.
#[test]
fn rel_7_calendar_of_the_policy_across_dst() {
    let rome = Policy::standard()
        .to_builder()
        .name("custom")
        .calendar(chrono_tz::Europe::Rome)
        .build()
        .unwrap();
    // Rome enters DST on 29 March 2026: midnight of 1 April is 22:00 UTC on 31 March.
    assert_eq!(
        monthly_unlink(at("2026-03-20T12:00:00Z"), &rome),
        at("2026-03-31T22:00:00Z")
    );
    // Rome leaves DST on 25 October 2026: midnight of 1 November is 23:00 UTC.
    assert_eq!(
        monthly_unlink(at("2026-10-31T22:30:00Z"), &rome),
        at("2026-10-31T23:00:00Z")
    );
    // 23:30 UTC on 31 October is already 1 November in Rome: next is 1 December.
    assert_eq!(
        monthly_unlink(at("2026-10-31T23:30:00Z"), &rome),
        at("2026-11-30T23:00:00Z")
    );
}

/// REL-7: only an MSP Flex partner unlinks a monthly account; active
/// licences do not block it (the Decision of REL-7).
#[test]
fn rel_7_needs_msp_flex_and_ignores_licence_blocks() {
    let account = rossi(BillingType::MonthlyUsage)
        .with_licence(active_licence("L-1"))
        .with_licence(expired("L-2", "2026-06-01T00:00:00Z"));
    let r = given(&account)
        .when(&acme(&[]), SCHEDULED)
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Rel7);
    assert!(matches!(
        r.reason(),
        Reason::MissingProgramme {
            programme: Programme::MspFlex,
            ..
        }
    ));
    assert!(
        !given(&account)
            .when(&flex(), SCHEDULED)
            .at(now())
            .accepted()
            .is_empty()
    );
}

// ---------------------------------------------------------------- REL-8

/// REL-8: a scheduled unlink is cancelled strictly before its date by an MSP
/// Flex partner: the account is monthly usage again and the timer is
/// dropped; one second before is accepted, at the date refused.
#[test]
fn rel_8_cancel_scheduled_unlink_before_its_date() {
    let account = rossi(BillingType::MonthlyUsage);
    let scheduled = given(&account)
        .when(&flex(), SCHEDULED)
        .at(now())
        .then_state();
    let due = at("2026-07-01T00:00:00Z");

    let d = given(&scheduled)
        .when(&flex(), A::CancelScheduledUnlink)
        .at(due - secs(1))
        .accepted();
    assert_eq!(
        changes(&d),
        [
            AccountChange::ScheduledUnlinkCancelled {
                partner: "acme".into()
            },
            AccountChange::BillingChanged {
                from: BillingType::Trial,
                to: BillingType::MonthlyUsage
            },
        ]
    );
    let key = TimerKey::ScheduledUnlink {
        customer: "rossi".into(),
        partner: "acme".into(),
    };
    assert_eq!(
        d.effects().cloned().collect::<Vec<_>>(),
        [Effect::Cancel { key }]
    );
    let kept = apply(scheduled.clone(), &d);
    assert_eq!(kept.billing, BillingType::MonthlyUsage);
    assert_eq!(
        kept.relationship_status(&"acme".into(), due),
        Some(RelationshipStatus::Linked)
    );
    assert_eq!(kept.mdr_reports_until, None);

    let r = given(&scheduled)
        .when(&flex(), A::CancelScheduledUnlink)
        .at(due)
        .refused();
    assert_eq!(r.rule(), Rule::Rel8);
    assert!(r.to_string().contains("an unlinked relationship"), "{r}");

    let r = given(&scheduled)
        .when(&acme(&[]), A::CancelScheduledUnlink)
        .at(due - secs(1))
        .refused();
    assert_eq!(r.rule(), Rule::Rel8);
    assert!(matches!(r.reason(), Reason::MissingProgramme { .. }));

    let r = given(&account)
        .when(&flex(), A::CancelScheduledUnlink)
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Rel8);
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
    let d = given(&account)
        .when(
            &Actor::Vendor,
            on(
                "L-1",
                C::Reactivate {
                    term_days: 365,
                    auto_renew: true,
                },
            ),
        )
        .at(at("2026-07-01T09:00:00Z"))
        .accepted();
    assert!(
        changes(&d).iter().any(|c| matches!(
            c,
            AccountChange::Licence {
                change: LicenceChange::Reactivated { .. },
                ..
            }
        )),
        "{:?}",
        changes(&d)
    );
}
