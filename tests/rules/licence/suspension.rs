//! LIC-7: suspending schedules the cancellation; resuming is allowed until it
//! takes effect, and settles a term end that passed meanwhile.

use channel_licensing::licence::CancelledBy;
use channel_licensing::{
    Licence, LicenceChange, LicenceCommand as C, LicenceState, Policy, Rule, TimerKey,
};

use crate::common::*;

// ---------------------------------------------------------------- LIC-7

/// LIC-7: suspending schedules the cancellation per policy and stops the
/// term-end timers.
#[test]
fn lic_7_suspension_schedules_the_cancellation() {
    let licence = active(true);
    let now = at("2026-06-01T12:00:00Z");
    let d = given(&licence)
        .when(&partner(), C::Suspend)
        .at(now)
        .accepted();
    let cancels_at = now + days(30);
    assert_eq!(
        changes(&d),
        [LicenceChange::Suspended {
            since: now,
            cancels_at
        }]
    );
    assert_eq!(
        cancels(&d),
        [
            "customer/rossi/licence/L-1/reminder/term_end/30",
            "customer/rossi/licence/L-1/term_end"
        ]
    );
    let s = schedules(&d);
    assert_eq!(s.len(), 1);
    assert_eq!(
        s[0].key,
        TimerKey::SuspensionCancellation {
            customer: customer(),
            licence: "L-1".into()
        }
    );
    assert_eq!(s[0].due, cancels_at);

    // The length is policy data.
    let p = Policy::standard()
        .to_builder()
        .name("custom")
        .suspension_cancels_after_days(7)
        .build()
        .unwrap();
    let d = given(&licence)
        .under(&p)
        .when(&partner(), C::Suspend)
        .at(now)
        .outcome()
        .unwrap();
    assert_eq!(
        changes(&d),
        [LicenceChange::Suspended {
            since: now,
            cancels_at: now + days(7)
        }]
    );
}

/// LIC-7: resume is allowed until the cancellation takes effect: one second
/// before it is accepted, at it refused.
#[test]
fn lic_7_resume_allowed_until_the_cancellation_takes_effect() {
    let now = at("2026-06-01T12:00:00Z");
    let suspended = apply(
        active(true),
        &given(&active(true))
            .when(&partner(), C::Suspend)
            .at(now)
            .accepted(),
    );
    let cancels_at = now + days(30);

    let d = given(&suspended)
        .when(&partner(), C::Resume)
        .at(cancels_at - secs(1))
        .accepted();
    assert_eq!(changes(&d), [LicenceChange::Resumed]);
    let resumed = apply(suspended.clone(), &d);
    assert_eq!(
        resumed.state,
        LicenceState::Active {
            term: year_2026(),
            auto_renew: true
        }
    );
    assert!(
        cancels(&d).contains(&"customer/rossi/licence/L-1/suspension_cancellation".to_string())
    );

    let r = given(&suspended)
        .when(&partner(), C::Resume)
        .at(cancels_at)
        .refused();
    assert_eq!(r.rule(), Rule::Lic7);
    assert_eq!(
        r.to_string(),
        "cannot resume licence L-1: the cancellation its suspension started took effect on 2026-07-01T12:00:00Z (LIC-7)"
    );
}

/// LIC-7: delivering the cancellation timer cancels the licence; only an
/// active licence can be suspended and only a suspended one resumed.
#[test]
fn lic_7_the_cancellation_timer_cancels_and_wrong_states_are_refused() {
    let now = at("2026-06-01T00:00:00Z");
    let suspended = apply(
        active(false),
        &given(&active(false))
            .when(&partner(), C::Suspend)
            .at(now)
            .accepted(),
    );
    let t = timer(&suspended, &Policy::standard(), "/suspension_cancellation");
    let d = given(&suspended)
        .when(&partner(), C::Deliver(t.clone()))
        .at(t.due)
        .accepted();
    assert_eq!(
        changes(&d),
        [LicenceChange::Cancelled {
            at: t.due,
            by: CancelledBy::Suspension,
            forfeited_days: 184,
            forfeited: None,
            refund: None
        }]
    );

    let trial = Licence::trial("L-1", "e", 1, year_2026(), by_acme()).unwrap();
    assert_eq!(
        given(&trial)
            .when(&partner(), C::Suspend)
            .at(now)
            .refused()
            .rule(),
        Rule::Lic7
    );
    assert_eq!(
        given(&expired_at("2026-05-20T00:00:00Z"))
            .when(&partner(), C::Resume)
            .at(now)
            .refused()
            .rule(),
        Rule::Lic7
    );
    // Resuming an active licence is "already in that state": a no-op.
    assert!(
        given(&active(false))
            .when(&partner(), C::Resume)
            .at(now)
            .accepted()
            .is_empty()
    );
}

/// LIC-7 with LIC-2: resuming after the term ended (while suspended) applies
/// the term end right after the resume, so the decided state is never an
/// "active" licence whose term is over.
#[test]
fn lic_7_resume_after_the_term_ended_settles_the_term_end() {
    let p = Policy::standard();
    for (auto_renew, expect_renewal) in [(false, false), (true, true)] {
        let licence = active(auto_renew);
        let since = at("2026-12-20T00:00:00Z");
        let suspended = given(&licence)
            .when(&partner(), C::Suspend)
            .at(since)
            .then_state();
        let now = at("2027-01-05T00:00:00Z");
        let d = given(&suspended)
            .when(&partner(), C::Resume)
            .at(now)
            .accepted();
        let c = changes(&d);
        assert_eq!(c[0], LicenceChange::Resumed);
        if expect_renewal {
            assert!(
                matches!(c[1], LicenceChange::Renewed { renewals: 1, .. }),
                "{c:?}"
            );
        } else {
            assert_eq!(
                c[1],
                LicenceChange::Expired {
                    at: year_2026().ends
                }
            );
        }
        let after = apply(suspended.clone(), &d);
        assert!(after.next_deadline(&p).is_none_or(|due| due > now));
    }
}
