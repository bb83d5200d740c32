//! XFER-7 … XFER-10: transfer requests between partners (the target asks,
//! the source answers within 30 days, the licences change owner and keep
//! everything else), and one pending request per licence.

use channel_licensing::actor::Role;
use channel_licensing::testing::given;
use channel_licensing::transfer_requests::{
    TransferChange, TransferCommand, TransferProblem, TransferRequest, TransferState,
};
use channel_licensing::{
    Account, AccountChange, AccountCommand, Actor, BillingType, Effect, Licence, LicenceState,
    PartnerUser, Purchaser, Reason, RelationshipState, Rule, Timer, TimerKey,
};

use crate::common::*;

fn partner(id: &str, region: &str) -> Actor {
    Actor::Partner(PartnerUser::new(id, region).with_roles([Role::Admin]))
}

/// beta, the target: an admin in the customer's region.
fn beta() -> Actor {
    partner("beta", "eu")
}

/// acme, the source.
fn acme_admin() -> Actor {
    partner("acme", "eu")
}

/// Rossi, linked with acme and beta: L-1 and L-2 active and bought by acme,
/// L-3 bought by the customer, L-4 expired (acme's).
fn rossi_two_partners() -> Account {
    rossi(BillingType::Term)
        .with_relationship("beta", RelationshipState::Linked)
        .with_licence(active_licence("L-1"))
        .with_licence(active_licence("L-2"))
        .with_licence(
            Licence::active("L-3", "e", 1, year_2026(), true, Purchaser::Customer).unwrap(),
        )
        .with_licence(expired("L-4", "2026-06-01T00:00:00Z"))
}

fn t(id: &str, command: TransferCommand) -> AccountCommand {
    AccountCommand::TransferRequest {
        transfer: id.into(),
        command,
    }
}

fn create(licences: &[&str]) -> TransferCommand {
    TransferCommand::Create {
        from_partner: "acme".into(),
        licences: licences.iter().map(|&l| l.into()).collect(),
    }
}

/// The account with beta's pending request t1 for L-1, made at `now()`.
fn requested() -> Account {
    given(&rossi_two_partners())
        .when(&beta(), t("t1", create(&["L-1"])))
        .at(now())
        .then_state()
}

fn problem(refusal: &channel_licensing::Refusal) -> TransferProblem {
    match refusal.reason() {
        Reason::TransferRequest { problem, .. } => problem.clone(),
        other => panic!("{other:?}"),
    }
}

/// XFER-7: the target asks for licences the source bought; the request is
/// pending, its expiry scheduled 30 days on.
#[test]
fn xfer_7_the_target_partner_asks_for_the_sources_licences() {
    let decision = given(&rossi_two_partners())
        .when(&beta(), t("t1", create(&["L-1", "L-2"])))
        .at(now())
        .accepted();
    assert_eq!(
        decision
            .events()
            .map(|e| e.change.clone())
            .collect::<Vec<_>>(),
        [AccountChange::TransferRequest {
            transfer: "t1".into(),
            change: TransferChange::Created {
                from_partner: "acme".into(),
                to_partner: "beta".into(),
                licences: vec!["L-1".into(), "L-2".into()],
            },
        }]
    );
    let expiry = Timer {
        key: TimerKey::TransferExpiry {
            customer: customer(),
            transfer: "t1".into(),
        },
        due: now() + days(30),
    };
    assert_eq!(
        decision.effects().cloned().collect::<Vec<_>>(),
        [Effect::Schedule(expiry)]
    );
    assert_eq!(
        requested().transfer_requests,
        [TransferRequest::pending(
            "t1",
            "acme",
            "beta",
            ["L-1"],
            now()
        )]
    );
}

/// XFER-7: to itself, no licence, a licence twice, an unknown licence, one
/// not active or not the source's, a used ID: refused under XFER-7, never
/// naming the source partner.
#[test]
fn xfer_7_a_request_outside_the_rules_is_refused() {
    let account = requested();
    let to_itself = TransferCommand::Create {
        from_partner: "beta".into(),
        licences: vec!["L-1".into()],
    };
    let cases = [
        ("t2", to_itself, TransferProblem::ToItself),
        ("t2", create(&[]), TransferProblem::NoLicence),
        (
            "t2",
            create(&["L-2", "L-2"]),
            TransferProblem::LicenceTwice {
                licence: "L-2".into(),
            },
        ),
        (
            "t2",
            create(&["L-9"]),
            TransferProblem::UnknownLicence {
                licence: "L-9".into(),
            },
        ),
        (
            "t2",
            create(&["L-3"]),
            TransferProblem::NotTransferable {
                licence: "L-3".into(),
            },
        ),
        (
            "t2",
            create(&["L-4"]),
            TransferProblem::NotTransferable {
                licence: "L-4".into(),
            },
        ),
        ("t1", create(&["L-2"]), TransferProblem::IdTaken),
    ];
    for (id, command, expected) in cases {
        let refusal = given(&account)
            .when(&beta(), t(id, command))
            .at(now())
            .then_refused(Rule::Xfer7, None);
        assert_eq!(problem(&refusal), expected);
        assert!(!refusal.to_string().contains("acme"), "{refusal}");
    }
    // Who may ask: an admin (XFER-7) of a linked partner (AUTH-1) in the
    // customer's region (XFER-5).
    let agent = Actor::Partner(PartnerUser::new("beta", "eu").with_roles([Role::SalesAgent]));
    given(&account)
        .when(&agent, t("t2", create(&["L-2"])))
        .at(now())
        .then_refused(Rule::Xfer7, None);
    let unlinked = account
        .clone()
        .with_relationship("beta", RelationshipState::Unlinked { at: now() });
    given(&unlinked)
        .when(&beta(), t("t2", create(&["L-2"])))
        .at(now())
        .then_refused(Rule::Auth1, None);
    given(&account)
        .when(&partner("beta", "us"), t("t2", create(&["L-2"])))
        .at(now())
        .then_refused(Rule::Xfer5, None);
}

/// XFER-8: the source accepts; each named licence is the target's from
/// then on, with its state, term, seats, price, auto-renew and timers.
#[test]
fn xfer_8_acceptance_moves_only_the_named_licences() {
    let before = requested();
    let after = given(&before)
        .when(&acme_admin(), t("t1", TransferCommand::Accept))
        .at(now() + days(2))
        .then_state();
    let moved = after
        .licences
        .iter()
        .find(|l| l.id.as_str() == "L-1")
        .unwrap();
    let was = before
        .licences
        .iter()
        .find(|l| l.id.as_str() == "L-1")
        .unwrap();
    assert_eq!(moved.bought_by, Purchaser::partner("beta"));
    let mut same = was.clone();
    same.bought_by = Purchaser::partner("beta");
    assert_eq!(*moved, same, "only the owner changes");
    for id in ["L-2", "L-3", "L-4"] {
        let find = |a: &Account| a.licences.iter().find(|l| l.id.as_str() == id).cloned();
        assert_eq!(find(&after), find(&before), "{id} is not named");
    }
    let timers = |a: &Account| {
        a.timers(&channel_licensing::Policy::standard())
            .filter(|t| t.key.licence().is_some())
            .collect::<Vec<_>>()
    };
    assert_eq!(timers(&after), timers(&before));
    assert!(matches!(
        after.transfer_requests[0].state,
        TransferState::Accepted { .. }
    ));
}

/// XFER-8: only the source answers; a licence no longer the source's or no
/// longer active blocks acceptance, named; a request not accepted within
/// 30 days expires, and then takes no answer.
#[test]
fn xfer_8_only_the_source_answers_within_30_days() {
    let account = requested();
    let refusal = given(&account)
        .when(&beta(), t("t1", TransferCommand::Accept))
        .at(now())
        .then_refused(Rule::Xfer8, None);
    assert_eq!(problem(&refusal), TransferProblem::NotSource);
    let rejected = given(&account)
        .when(&acme_admin(), t("t1", TransferCommand::Reject))
        .at(now())
        .then_state();
    assert!(matches!(
        rejected.transfer_requests[0].state,
        TransferState::Rejected { .. }
    ));

    let mut suspended = account.clone();
    let l1 = suspended
        .licences
        .iter_mut()
        .find(|l| l.id.as_str() == "L-1")
        .unwrap();
    if let LicenceState::Active { term, auto_renew } = l1.state {
        l1.state = LicenceState::Suspended {
            term,
            auto_renew,
            since: now(),
            cancels_at: now() + days(30),
        };
    }
    let refusal = given(&suspended)
        .when(&acme_admin(), t("t1", TransferCommand::Accept))
        .at(now())
        .then_refused(Rule::Xfer8, None);
    assert_eq!(
        problem(&refusal),
        TransferProblem::NotTransferable {
            licence: "L-1".into()
        }
    );

    let deadline = now() + days(30);
    let timer = Timer {
        key: TimerKey::TransferExpiry {
            customer: customer(),
            transfer: "t1".into(),
        },
        due: deadline,
    };
    given(&account)
        .when(&vendor(), AccountCommand::Deliver(timer.clone()))
        .at(deadline - days(1))
        .then_refused(Rule::Xfer8, Some(deadline));
    let expired = given(&account)
        .when(&vendor(), AccountCommand::Deliver(timer))
        .at(deadline)
        .then_state();
    assert_eq!(
        expired.transfer_requests[0].state,
        TransferState::Expired { at: deadline }
    );
    for (actor, command) in [
        (acme_admin(), TransferCommand::Accept),
        (acme_admin(), TransferCommand::Reject),
        (beta(), TransferCommand::Cancel),
    ] {
        let refusal = given(&account)
            .when(&actor, t("t1", command))
            .at(deadline + days(1))
            .then_refused(Rule::Xfer8, None);
        assert_eq!(problem(&refusal), TransferProblem::Expired);
    }
}

/// XFER-9: the target cancels its pending request; accepted, rejected and
/// cancelled requests are final.
#[test]
fn xfer_9_the_target_cancels_while_pending() {
    let account = requested();
    let decision = given(&account)
        .when(&beta(), t("t1", TransferCommand::Cancel))
        .at(now())
        .accepted();
    assert!(
        decision
            .effects()
            .any(|e| matches!(e, Effect::Cancel { .. }))
    );
    let refusal = given(&account)
        .when(&acme_admin(), t("t1", TransferCommand::Cancel))
        .at(now())
        .then_refused(Rule::Xfer9, None);
    assert_eq!(problem(&refusal), TransferProblem::NotTarget);
    for (answer, by) in [
        (TransferCommand::Accept, acme_admin()),
        (TransferCommand::Reject, acme_admin()),
        (TransferCommand::Cancel, beta()),
    ] {
        let done = given(&account)
            .when(&by, t("t1", answer))
            .at(now())
            .then_state();
        given(&done)
            .when(&beta(), t("t1", TransferCommand::Cancel))
            .at(now())
            .then_refused(Rule::Xfer9, None);
        given(&done)
            .when(&acme_admin(), t("t1", TransferCommand::Accept))
            .at(now())
            .then_refused(Rule::Xfer9, None);
    }
}

/// XFER-10: a licence is named by one pending request at a time; the
/// refusal names the licence, not the other request's partner.
#[test]
fn xfer_10_one_pending_request_per_licence() {
    let account = requested().with_relationship("gamma", RelationshipState::Linked);
    let refusal = given(&account)
        .when(&partner("gamma", "eu"), t("t2", create(&["L-2", "L-1"])))
        .at(now())
        .then_refused(Rule::Xfer10, None);
    assert_eq!(
        problem(&refusal),
        TransferProblem::AlreadyRequested {
            licence: "L-1".into()
        }
    );
    assert!(!refusal.to_string().contains("beta"), "{refusal}");
    // Once t1 is cancelled, L-1 may be asked for again.
    let cancelled = given(&account)
        .when(&beta(), t("t1", TransferCommand::Cancel))
        .at(now())
        .then_state();
    let again = given(&cancelled)
        .when(&partner("gamma", "eu"), t("t2", create(&["L-2", "L-1"])))
        .at(now())
        .then_state();
    assert_eq!(again.transfer_requests.len(), 2);
}
