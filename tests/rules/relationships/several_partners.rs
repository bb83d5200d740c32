//! Unlinking on a customer with several partners: only the unlinking
//! partner's own licences block it (REL-4, REL-5, on trials too: REL-6), and a
//! delivered unlink ends only that partner's licences (REL-7, REL-9).

use channel_licensing::{
    AccountChange, AccountCommand, BillingType, Licence, LicenceCommand, LicenceState, Purchaser,
    Reason, RelationshipState, RelationshipStatus, Rule, Term, Timer, TimerKey, UnlinkMode,
};

use crate::common::partners::{UNLINK, active, beta, expired, june, removed_licences, shared};
use crate::common::*;

// ---------------------------------------------------------------- REL-4, REL-5, REL-6

/// REL-4: another partner's active licence never blocks this partner's
/// unlink; its own does, and the refusal names it.
#[test]
fn rel_4_only_the_unlinking_partners_licences_block() {
    let account = shared();
    let refusal = given(&account)
        .when(&acme(&[]), UNLINK)
        .at(june())
        .refused();
    assert_eq!(refusal.rule(), Rule::Rel4);
    assert!(
        matches!(refusal.reason(), Reason::LicenceBlocksUnlink { licence, .. } if licence.as_str() == "A-1"),
        "{refusal}"
    );
    // acme removes its own licence: unlinked, while beta's stays active.
    let removed = apply(
        account,
        &given(&shared())
            .when(&acme(&[]), on("A-1", LicenceCommand::Remove))
            .at(june())
            .accepted(),
    );
    let decision = given(&removed)
        .when(&acme(&[]), UNLINK)
        .at(june())
        .accepted();
    assert_eq!(
        changes(&decision),
        [AccountChange::Unlinked {
            partner: "acme".into(),
            at: june()
        }]
    );
    let after = apply(removed, &decision);
    assert_eq!(
        after.relationship_status(&"beta".into(), june()),
        Some(RelationshipStatus::Linked)
    );
    assert!(matches!(
        after.licences[1].state,
        LicenceState::Active { .. }
    ));
    // A licence the customer bought directly never blocks either.
    let direct = rossi(BillingType::Term).with_licence(active("C-1", Purchaser::Customer));
    assert!(
        given(&direct)
            .when(&acme(&[]), UNLINK)
            .at(june())
            .outcome()
            .is_ok()
    );
}

/// REL-5: only the unlinking partner's expired licences hold the unlink
/// back, and the earliest instant comes from them alone: beta's licence,
/// whose window closes later, neither blocks nor moves acme's instant.
#[test]
fn rel_5_the_earliest_instant_comes_from_the_partners_own_licences() {
    let account = rossi(BillingType::Term)
        .with_relationship("beta", RelationshipState::Linked)
        .with_licence(expired(
            "A-1",
            "2026-05-01T00:00:00Z",
            Purchaser::partner("acme"),
        ))
        .with_licence(expired(
            "B-1",
            "2026-05-20T00:00:00Z",
            Purchaser::partner("beta"),
        ));
    let refusal = given(&account)
        .when(&acme(&[]), UNLINK)
        .at(june())
        .refused();
    assert_eq!(refusal.rule(), Rule::Rel5);
    // 60 days after acme's expiry, not beta's.
    assert_eq!(refusal.earliest(), Some(at("2026-06-30T00:00:00Z")));
    let decision = given(&account)
        .when(&acme(&[]), UNLINK)
        .at(at("2026-06-30T00:00:00Z"))
        .accepted();
    assert_eq!(changes(&decision).len(), 1);
    // beta's own window still holds beta back.
    let refusal = given(&account)
        .when(&beta(), UNLINK)
        .at(at("2026-06-30T00:00:00Z"))
        .refused();
    assert_eq!(refusal.rule(), Rule::Rel5);
    assert_eq!(refusal.earliest(), Some(at("2026-07-19T00:00:00Z")));
}

/// REL-4 and REL-6: a partner-created trial account to which the partner
/// added a paid subscription cannot be unlinked while that subscription is
/// active (REL-6 does not override REL-4); the trial licence itself never
/// blocks, and once the subscription is removed the trial unlinks at once.
#[test]
fn rel_4_applies_to_a_trial_account_with_a_paid_subscription() {
    let trial_term = Term::of_days(at("2026-05-20T00:00:00Z"), 30).unwrap();
    let account = rossi(BillingType::Trial)
        .with_licence(
            Licence::trial(
                "T-1",
                "endpoint-advanced",
                5,
                trial_term,
                Purchaser::partner("acme"),
            )
            .unwrap(),
        )
        .with_licence(active("S-1", Purchaser::partner("acme")));
    let refusal = given(&account)
        .when(&acme(&[]), UNLINK)
        .at(june())
        .refused();
    assert_eq!(refusal.rule(), Rule::Rel4);
    assert!(refusal.to_string().contains("S-1"), "{refusal}");
    let removed = given(&account)
        .when(&acme(&[]), on("S-1", LicenceCommand::Remove))
        .at(june())
        .then_state();
    assert!(matches!(
        given(&removed)
            .when(&acme(&[]), UNLINK)
            .at(june())
            .changes()[..],
        [AccountChange::Unlinked { .. }]
    ));
}

/// REL-5 and REL-6: on a trial account too, an expired paid licence of the
/// partner holds its unlink back while it can be reactivated.
#[test]
fn rel_5_applies_to_a_trial_account() {
    let account = rossi(BillingType::Trial).with_licence(expired(
        "S-1",
        "2026-05-01T00:00:00Z",
        Purchaser::partner("acme"),
    ));
    let refusal = given(&account)
        .when(&acme(&[]), UNLINK)
        .at(june())
        .refused();
    assert_eq!(refusal.rule(), Rule::Rel5);
    assert_eq!(refusal.earliest(), Some(at("2026-06-30T00:00:00Z")));
}

// ---------------------------------------------------------------- REL-7, REL-9

/// REL-7 and REL-9: on a monthly account with acme's licence and one the
/// customer bought, the delivered unlink ends only acme's licence and
/// unlinks only acme; the customer's licence stays active.
#[test]
fn rel_9_a_delivered_unlink_ends_only_that_partners_licences() {
    let account = rossi(BillingType::MonthlyUsage)
        .with_licence(active("A-1", Purchaser::partner("acme")))
        .with_licence(active("C-1", Purchaser::Customer));
    let scheduled = given(&account)
        .when(
            &flex(),
            AccountCommand::Unlink {
                mode: UnlinkMode::Scheduled,
            },
        )
        .at(june())
        .accepted();
    let account = apply(account, &scheduled);
    let unlink_at = at("2026-07-01T00:00:00Z");
    let timer = Timer {
        key: TimerKey::ScheduledUnlink {
            customer: "rossi".into(),
            partner: "acme".into(),
        },
        due: unlink_at,
    };
    let decision = given(&account)
        .when(&vendor(), AccountCommand::Deliver(timer))
        .at(unlink_at)
        .accepted();
    assert_eq!(removed_licences(&decision), ["A-1"]);
    let after = apply(account, &decision);
    assert!(matches!(
        after.licences[0].state,
        LicenceState::Removed { .. }
    ));
    assert!(matches!(
        after.licences[1].state,
        LicenceState::Active { .. }
    ));
    assert_eq!(
        after.relationship_status(&"acme".into(), unlink_at),
        Some(RelationshipStatus::Unlinked)
    );
}

/// REL-9: even with a stored `unlink_scheduled` relationship of beta on a
/// term account, the unlink taking effect touches no licence of acme's: a
/// command by acme after that instant leaves its paid licence active, and
/// only beta's is ended.
#[test]
fn rel_9_a_stored_unlink_of_another_partner_never_touches_this_partners_licences() {
    let account = rossi(BillingType::Term)
        .with_relationship(
            "beta",
            RelationshipState::UnlinkScheduled {
                unlink_at: at("2026-05-01T00:00:00Z"),
            },
        )
        .with_licence(active("A-1", Purchaser::partner("acme")))
        .with_licence(active("B-1", Purchaser::partner("beta")));
    let decision = given(&account)
        .when(
            &acme(&[]),
            on("A-1", LicenceCommand::ChangeSeats { seats: 11 }),
        )
        .at(june())
        .accepted();
    assert_eq!(removed_licences(&decision), ["B-1"]);
    let after = apply(account, &decision);
    assert!(matches!(
        after.licences[0].state,
        LicenceState::Active { .. }
    ));
    assert_eq!(after.licences[0].seats, 11);
}
