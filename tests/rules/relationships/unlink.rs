//! Unlinking now: REL-4 (active licences must be removed first), REL-5 (an
//! open reactivation window blocks, with the earliest instant), REL-6 (what
//! unlinks immediately) and REL-11 (the mode must fit the account).

use channel_licensing::licence::CancelledBy;
use channel_licensing::{
    AccountChange, AccountCommand as A, BillingType, Error, Licence, LicenceChange,
    LicenceCommand as C, LicenceState, Policy, Purchaser, Reason, RelationshipState,
    RelationshipStatus, Rule, Term, UnlinkMode,
};

use crate::common::*;

// ---------------------------------------------------------------- REL-4

/// REL-4: an active or suspended licence blocks unlinking; the refusal says
/// to remove it first; once removed, the unlink goes through.
#[test]
fn rel_4_active_licences_must_be_removed_first() {
    let account = rossi(BillingType::Term).with_licence(active_licence("L-1"));
    let r = given(&account)
        .when(&acme(&[]), IMMEDIATE)
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Rel4);
    assert_eq!(r.earliest(), None);
    assert_eq!(
        r.to_string(),
        "cannot unlink Rossi SpA (rossi): licence L-1 is active; remove the licence first (REL-4)"
    );

    let removed = given(&account)
        .when(
            &acme(&[]),
            A::Licence {
                licence: "L-1".into(),
                command: C::Remove,
            },
        )
        .at(now())
        .then_state();
    let d = given(&removed)
        .when(&acme(&[]), IMMEDIATE)
        .at(now())
        .accepted();
    assert_eq!(
        changes(&d),
        [AccountChange::Unlinked {
            partner: "acme".into(),
            at: now()
        }]
    );

    let suspended = Licence::new(
        "L-2",
        "endpoint",
        3,
        LicenceState::Suspended {
            term: year_2026(),
            auto_renew: false,
            since: now() - days(1),
            cancels_at: now() + days(29),
        },
        by_acme(),
    )
    .unwrap();
    let r = given(&rossi(BillingType::Term).with_licence(suspended))
        .when(&acme(&[]), IMMEDIATE)
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Rel4);
    assert!(r.to_string().contains("licence L-2 is suspended"), "{r}");
}

// ---------------------------------------------------------------- REL-5

/// REL-5: while an expired licence's 60-day reactivation window is open the
/// unlink is refused with the instant it becomes possible; exactly at that
/// instant it is accepted, one second before it is refused.
#[test]
fn rel_5_reactivation_window_blocks_with_earliest_instant() {
    let account = rossi(BillingType::Term).with_licence(expired("L-1", "2026-01-10T00:00:00Z"));
    let opens = at("2026-03-11T00:00:00Z");
    let r = given(&account)
        .when(&acme(&[]), IMMEDIATE)
        .at(opens - secs(1))
        .refused();
    assert_eq!(r.rule(), Rule::Rel5);
    assert_eq!(r.earliest(), Some(opens));
    assert_eq!(
        r.to_string(),
        "cannot unlink Rossi SpA (rossi): licence L-1 expired on 2026-01-10T00:00:00Z and can be reactivated \
         until 2026-03-11T00:00:00Z; possible from 2026-03-11T00:00:00Z (REL-5)"
    );
    let d = given(&account)
        .when(&acme(&[]), IMMEDIATE)
        .at(opens)
        .accepted();
    assert_eq!(
        changes(&d),
        [AccountChange::Unlinked {
            partner: "acme".into(),
            at: opens
        }]
    );
}

/// REL-5: with several expired licences, the earliest instant is the latest
/// window end over all of them.
#[test]
fn rel_5_latest_window_end_over_all_licences() {
    let account = rossi(BillingType::Term)
        .with_licence(expired("L-1", "2026-05-01T00:00:00Z"))
        .with_licence(expired("L-2", "2026-05-20T00:00:00Z"))
        .with_licence(expired("L-3", "2026-04-01T00:00:00Z"));
    let r = given(&account)
        .when(&acme(&[]), IMMEDIATE)
        .at(now())
        .refused();
    assert_eq!(r.earliest(), Some(at("2026-05-20T00:00:00Z") + days(60)));
    assert!(r.to_string().contains("licence L-2"), "{r}");
    // Two windows closing together: the refusal names the first licence.
    let tie = rossi(BillingType::Term)
        .with_licence(expired("L-1", "2026-05-20T00:00:00Z"))
        .with_licence(expired("L-2", "2026-05-20T00:00:00Z"));
    let r = given(&tie).when(&acme(&[]), IMMEDIATE).at(now()).refused();
    assert!(r.to_string().contains("licence L-1"), "{r}");
    // The window is policy data.
    let p = Policy::standard()
        .to_builder()
        .name("custom")
        .expired_grace_days(10)
        .reactivation_window_days(40)
        .build()
        .unwrap();
    let Err(Error::Refused(r)) = given(&account)
        .under(&p)
        .when(&acme(&[]), IMMEDIATE)
        .at(now())
        .outcome()
    else {
        panic!()
    };
    assert_eq!(r.earliest(), Some(at("2026-05-20T00:00:00Z") + days(40)));
}

// ---------------------------------------------------------------- REL-6

/// REL-6: trial accounts, accounts whose licences are all revoked, removed,
/// cancelled or lapsed, and inactive accounts with no licence unlink now.
#[test]
fn rel_6_immediate_unlinks() {
    let t = now() - days(1);
    let trial = rossi(BillingType::Trial).with_licence(
        Licence::trial(
            "T-1",
            "endpoint",
            5,
            Term::of_days(now() - days(5), 30).unwrap(),
            by_acme(),
        )
        .unwrap(),
    );
    let finished = rossi(BillingType::Term)
        .with_licence(
            Licence::new("L-1", "e", 1, LicenceState::Revoked { at: t }, by_acme()).unwrap(),
        )
        .with_licence(
            Licence::new("L-2", "e", 1, LicenceState::Removed { at: t }, by_acme()).unwrap(),
        )
        .with_licence(
            Licence::new(
                "L-3",
                "e",
                1,
                LicenceState::Cancelled {
                    at: t,
                    by: CancelledBy::Request,
                },
                by_acme(),
            )
            .unwrap(),
        )
        .with_licence(expired("L-4", "2026-01-01T00:00:00Z"));
    let inactive = rossi(BillingType::Term);
    for account in [trial, finished, inactive] {
        let d = given(&account)
            .when(&acme(&[]), IMMEDIATE)
            .at(now())
            .accepted();
        assert_eq!(
            changes(&d),
            [AccountChange::Unlinked {
                partner: "acme".into(),
                at: now()
            }]
        );
        assert_eq!(d.effects().count(), 0);
        let after = apply(account, &d);
        assert_eq!(
            after.relationship_status(&"acme".into(), now()),
            Some(RelationshipStatus::Unlinked)
        );
    }
}

/// REL-6: a trial account unlinks immediately even after a trial licence
/// expired, and even with a licence still running, when those licences are
/// another partner's: REL-4 and REL-5 apply first, on trial accounts too,
/// but count only the unlinking partner's own licences (SUB-1). The
/// partner's own expired trial blocks while its reactivation window is open
/// (REL-5), and its own running licence blocks (REL-4), as on a term account.
#[test]
fn rel_6_trial_accounts_unlink_immediately_whatever_their_licences() {
    let ended = |bought_by| {
        Licence::trial(
            "T-1",
            "endpoint",
            5,
            Term::of_days(now() - days(40), 30).unwrap(),
            bought_by,
        )
        .unwrap()
    };
    let betas = Licence::active(
        "L-1",
        "endpoint",
        5,
        year_2026(),
        true,
        Purchaser::partner("beta"),
    )
    .unwrap();
    let trial = rossi(BillingType::Trial)
        .with_relationship("beta", RelationshipState::Linked)
        .with_licence(ended(Purchaser::partner("beta")))
        .with_licence(betas);
    let changes_of_trial = given(&trial)
        .when(&acme(&[]), IMMEDIATE)
        .at(now())
        .changes();
    assert_eq!(
        changes_of_trial.last(),
        Some(&AccountChange::Unlinked {
            partner: "acme".into(),
            at: now()
        })
    );
    // acme's own expired trial blocks until its reactivation window closes
    // (REL-5, on a trial account too); then the unlink goes through.
    let own_ended = rossi(BillingType::Trial).with_licence(ended(by_acme()));
    let window_closes = now() - days(10) + days(60);
    let r = given(&own_ended)
        .when(&acme(&[]), IMMEDIATE)
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Rel5);
    assert_eq!(r.earliest(), Some(window_closes));
    let d = given(&own_ended)
        .when(&acme(&[]), IMMEDIATE)
        .at(window_closes)
        .accepted();
    assert_eq!(
        changes(&d).last(),
        Some(&AccountChange::Unlinked {
            partner: "acme".into(),
            at: window_closes
        })
    );
    // acme's own running licence blocks it, on a trial account too (REL-4
    // applies before REL-6) as on a term account.
    let own_running = rossi(BillingType::Trial).with_licence(active_licence("L-1"));
    assert_eq!(
        given(&own_running)
            .when(&acme(&[]), IMMEDIATE)
            .at(now())
            .refused()
            .rule(),
        Rule::Rel4
    );
    let term = rossi(BillingType::Term).with_licence(active_licence("L-1"));
    assert_eq!(
        given(&term)
            .when(&acme(&[]), IMMEDIATE)
            .at(now())
            .refused()
            .rule(),
        Rule::Rel4
    );
}

// ---------------------------------------------------------------- REL-11

/// REL-11: the mode must fit the account, and the refusal names the mode
/// that applies.
#[test]
fn rel_11_unlink_mode_must_fit_the_account() {
    let r = given(&rossi(BillingType::MonthlyUsage))
        .when(&flex(), IMMEDIATE)
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Rel11);
    assert!(matches!(
        r.reason(),
        Reason::WrongUnlinkMode {
            applies: UnlinkMode::Scheduled,
            ..
        }
    ));
    assert_eq!(
        r.to_string(),
        "cannot unlink Rossi SpA (rossi) immediately: an account billed as monthly usage is unlinked on the first day of next month (REL-11)"
    );
    for billing in [BillingType::Trial, BillingType::Term, BillingType::Direct] {
        let r = given(&rossi(billing))
            .when(&flex(), SCHEDULED)
            .at(now())
            .refused();
        assert_eq!(r.rule(), Rule::Rel11);
        assert!(matches!(
            r.reason(),
            Reason::WrongUnlinkMode {
                applies: UnlinkMode::Immediate,
                ..
            }
        ));
    }
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
    let d = given(&account)
        .when(
            &acme(&[]),
            A::Unlink {
                mode: channel_licensing::UnlinkMode::Immediate,
            },
        )
        .at(at("2026-07-01T09:00:00Z"))
        .accepted();
    assert!(
        changes(&d).iter().any(|c| matches!(
            c,
            AccountChange::Unlinked { partner, .. } if partner.as_str() == "acme"
        )),
        "{:?}",
        changes(&d)
    );
    assert_eq!(
        changes(&d)[..2],
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
