//! GDAP-2: the customer's admin approves or rejects a request; a request
//! left unapproved expires at its deadline.

use channel_licensing::gdap::{AdminRole, GdapChange, GdapCommand, GdapRelationship, GdapState};
use channel_licensing::testing::given;
use channel_licensing::{
    AccountChange, AccountCommand, BillingType, Effect, Rule, Timer, TimerKey,
};

use super::*;

fn pending() -> channel_licensing::Account {
    let mut account = rossi(BillingType::Term);
    account.gdap.push(GdapRelationship::pending(
        "g1",
        "acme",
        [AdminRole::UserAdministrator],
        120,
        now(),
    ));
    account
}

/// GDAP-2: approval makes the request active from now for its duration,
/// cancels its deadline and schedules its notices and end (GDAP-5).
#[test]
fn gdap_2_the_customers_admin_approves() {
    let approved_at = now() + days(3);
    let decision = given(&pending())
        .when(&customer_admin(), g1(GdapCommand::Approve))
        .at(approved_at)
        .accepted();
    let ends = approved_at + days(120);
    let change = decision.events().next().unwrap().change.clone();
    assert_eq!(
        change,
        AccountChange::Gdap {
            gdap: "g1".into(),
            change: GdapChange::Approved { ends }
        }
    );
    let effects: Vec<String> = decision
        .effects()
        .map(|e| match e {
            Effect::Schedule(t) => format!("schedule {} {}", t.key, t.due),
            Effect::Cancel { key } => format!("cancel {key}"),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        effects,
        [
            "cancel customer/rossi/gdap/g1/approval_deadline".to_owned(),
            format!(
                "schedule customer/rossi/gdap/g1/notice/30 {}",
                ends - days(30)
            ),
            format!(
                "schedule customer/rossi/gdap/g1/notice/7 {}",
                ends - days(7)
            ),
            format!(
                "schedule customer/rossi/gdap/g1/notice/1 {}",
                ends - days(1)
            ),
            format!("schedule customer/rossi/gdap/g1/end {ends}"),
        ]
    );
    let after = given(&pending())
        .when(&customer_admin(), g1(GdapCommand::Approve))
        .at(approved_at)
        .then_state();
    assert_eq!(
        after.gdap[0].state,
        GdapState::Active {
            activated_at: approved_at,
            ends,
            noticed_until: None
        }
    );
}

/// GDAP-2: rejection makes it `rejected`; only the customer's own admin
/// answers, and only a pending request.
#[test]
fn gdap_2_only_the_customers_admin_answers_a_pending_request() {
    let after = given(&pending())
        .when(&customer_admin(), g1(GdapCommand::Reject))
        .at(now())
        .then_state();
    assert_eq!(after.gdap[0].state, GdapState::Rejected { at: now() });
    // Another kind of actor: refused under GDAP-2, the rule that names who
    // answers; another customer's admin: under AUTH-1.
    for (actor, rule) in [
        (acme_admin(), Rule::Gdap2),
        (vendor(), Rule::Gdap2),
        (admin_of("bianchi"), Rule::Auth1),
    ] {
        let refusal = given(&pending())
            .when(&actor, g1(GdapCommand::Reject))
            .at(now())
            .refused();
        assert_eq!(refusal.rule(), rule, "{refusal}");
    }
    let active = given(&pending())
        .when(&customer_admin(), g1(GdapCommand::Approve))
        .at(now())
        .then_state();
    given(&active)
        .when(&customer_admin(), g1(GdapCommand::Approve))
        .at(now())
        .then_refused(Rule::Gdap2, None);
}

/// GDAP-2: a request not approved within 90 days expires at that instant,
/// whichever decision catches it up; its timer delivered early is refused
/// with the instant it is due.
#[test]
fn gdap_2_an_unapproved_request_expires_after_90_days() {
    let deadline = now() + days(90);
    let timer = Timer {
        key: TimerKey::GdapApprovalDeadline {
            customer: "rossi".into(),
            gdap: "g1".into(),
        },
        due: deadline,
    };
    given(&pending())
        .when(&vendor(), AccountCommand::Deliver(timer.clone()))
        .at(deadline - days(1))
        .then_refused(Rule::Gdap2, Some(deadline));
    let after = given(&pending())
        .when(&vendor(), AccountCommand::Deliver(timer))
        .at(deadline)
        .then_state();
    assert_eq!(after.gdap[0].state, GdapState::Expired { at: deadline });
    // Approving after the deadline: the request expired first (GDAP-7).
    given(&pending())
        .when(&customer_admin(), g1(GdapCommand::Approve))
        .at(deadline + days(1))
        .then_refused(Rule::Gdap7, None);
}
