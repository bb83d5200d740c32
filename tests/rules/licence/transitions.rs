//! The rest of the state × command table: LIC-9 (the vendor revokes), LIC-10
//! (the partner removes), LIC-12 (auto-renew) and LIC-13 (terminal states
//! refuse, naming their state).

use channel_licensing::licence::CancelledBy;
use channel_licensing::{
    LicenceChange, LicenceCommand as C, LicenceState, LicenceStatus, Policy, Rule,
};

use crate::common::*;

// ---------------------------------------------------------------- LIC-9

/// LIC-9: the vendor revokes from any non-terminal state.
#[test]
fn lic_9_vendor_revokes_any_non_terminal_licence() {
    let p = Policy::standard();
    let now = at("2026-02-01T00:00:00Z");
    let t = year_2026();
    for state in [
        LicenceState::Trial { term: t },
        LicenceState::Active {
            term: t,
            auto_renew: true,
        },
        LicenceState::Suspended {
            term: t,
            auto_renew: true,
            since: now,
            cancels_at: now + days(30),
        },
        LicenceState::Expired { at: now - days(59) },
    ] {
        let licence = with_state(state);
        let d = given(&licence)
            .under(&p)
            .when(&vendor(), C::Revoke)
            .at(now)
            .outcome()
            .unwrap();
        assert_eq!(
            changes(&d),
            [LicenceChange::Revoked { at: now }],
            "{state:?}"
        );
        let revoked = apply(licence.clone(), &d);
        assert_eq!(revoked.status(now, &p), LicenceStatus::Revoked);
        assert_eq!(revoked.next_deadline(&p), None);
        assert_eq!(d.effects().count(), licence.timers(&customer(), &p).count());
    }
}

/// LIC-9: revoking is a vendor action; a partner is refused and told that
/// being the vendor was missing.
#[test]
fn lic_9_partner_cannot_revoke() {
    let r = given(&active(true))
        .when(&partner(), C::Revoke)
        .at(at("2026-02-01T00:00:00Z"))
        .refused();
    assert_eq!(r.rule(), Rule::Lic9);
    assert_eq!(
        r.to_string(),
        "cannot revoke licence L-1: that needs being the vendor, and it was asked by a partner user (LIC-9)"
    );
}

// ---------------------------------------------------------------- LIC-10

/// LIC-10: the partner removes a licence from the account.
#[test]
fn lic_10_partner_removes_a_licence() {
    let now = at("2026-02-01T00:00:00Z");
    for licence in [active(true), expired_at("2026-01-10T00:00:00Z")] {
        let d = given(&licence)
            .when(&partner(), C::Remove)
            .at(now)
            .accepted();
        assert_eq!(changes(&d), [LicenceChange::Removed { at: now }]);
        assert_eq!(apply(licence, &d).state, LicenceState::Removed { at: now });
    }
}

// ---------------------------------------------------------------- LIC-12

/// LIC-12: switching auto-renew off makes the licence expire at its term end.
#[test]
fn lic_12_auto_renew_off_then_expiry() {
    let p = Policy::standard();
    let licence = active(true);
    let d = given(&licence)
        .when(&partner(), C::SetAutoRenew { on: false })
        .at(at("2026-06-01T00:00:00Z"))
        .accepted();
    assert_eq!(changes(&d), [LicenceChange::AutoRenewChanged { on: false }]);
    let licence = apply(licence, &d);
    let end = timer(&licence, &p, "/term_end");
    let d = given(&licence)
        .when(&partner(), C::Deliver(end.clone()))
        .at(end.due)
        .accepted();
    assert_eq!(
        changes(&d),
        [
            skipped_reminder(end.due),
            LicenceChange::Expired { at: end.due }
        ]
    );

    // And on again: it renews.
    let off = active(false);
    let on = given(&off)
        .when(&partner(), C::SetAutoRenew { on: true })
        .at(at("2026-06-01T00:00:00Z"))
        .then_state();
    let d = given(&on)
        .when(&partner(), C::Deliver(end.clone()))
        .at(end.due)
        .accepted();
    assert_eq!(changes(&d)[0], skipped_reminder(end.due));
    assert!(matches!(changes(&d)[1], LicenceChange::Renewed { .. }));
}

/// LIC-12: only on an active licence; the same value is a no-op.
#[test]
fn lic_12_auto_renew_needs_an_active_licence() {
    let now = at("2026-06-01T00:00:00Z");
    assert!(
        given(&active(true))
            .when(&partner(), C::SetAutoRenew { on: true })
            .at(now)
            .accepted()
            .is_empty()
    );
    let r = given(&expired_at("2026-05-20T00:00:00Z"))
        .when(&partner(), C::SetAutoRenew { on: true })
        .at(now)
        .refused();
    assert_eq!(r.rule(), Rule::Lic12);
    assert_eq!(
        r.to_string(),
        "cannot switch auto-renew of licence L-1: it is expired (grace), and this needs an active licence (LIC-12)"
    );
}

// ---------------------------------------------------------------- LIC-13

/// LIC-13: every transition from a terminal state is refused, naming the state.
#[test]
fn lic_13_terminal_states_refuse_naming_their_state() {
    let now = at("2026-06-01T00:00:00Z");
    let terminal = [
        (LicenceState::Revoked { at: now - days(1) }, "revoked"),
        (LicenceState::Removed { at: now - days(1) }, "removed"),
        (
            LicenceState::Cancelled {
                at: now - days(1),
                by: CancelledBy::Request,
            },
            "cancelled",
        ),
        (
            LicenceState::Expired { at: now - days(60) },
            "expired (lapsed)",
        ),
    ];
    let commands = [
        C::Suspend,
        C::Resume,
        C::Cancel,
        C::Remove,
        C::ChangeSeats { seats: 3 },
        C::SetAutoRenew { on: true },
    ];
    for (state, name) in terminal {
        let licence = with_state(state);
        for command in commands.clone() {
            let same_state = matches!(
                (&command, state),
                (C::Remove, LicenceState::Removed { .. })
                    | (C::Cancel, LicenceState::Cancelled { .. })
            );
            let result = given(&licence)
                .when(&partner(), command.clone())
                .at(now)
                .outcome();
            if same_state {
                assert!(
                    result.unwrap().is_empty(),
                    "{command:?} on {name} is a no-op"
                );
                continue;
            }
            let r = refusal(result);
            assert_eq!(r.rule(), Rule::Lic13, "{command:?} on {name}");
            assert!(
                r.to_string()
                    .contains(&format!("it is {name}, a final state")),
                "{r}"
            );
        }
        let revoke = given(&licence).when(&vendor(), C::Revoke).at(now).outcome();
        if matches!(state, LicenceState::Revoked { .. }) {
            assert!(revoke.unwrap().is_empty());
        } else {
            assert_eq!(refusal(revoke).rule(), Rule::Lic13, "revoke on {name}");
        }
    }
}

/// LIC-13: the instant before lapsing, the expired licence is not terminal.
#[test]
fn lic_13_lapsing_is_the_boundary() {
    let licence = expired_at("2026-01-10T00:00:00Z");
    let lapses = at("2026-03-11T00:00:00Z");
    assert!(
        !given(&licence)
            .when(&partner(), C::Remove)
            .at(lapses - secs(1))
            .accepted()
            .is_empty()
    );
    assert_eq!(
        given(&licence)
            .when(&partner(), C::Remove)
            .at(lapses)
            .refused()
            .rule(),
        Rule::Lic13
    );
}
