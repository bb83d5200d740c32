//! GDAP-1 and GDAP-4 at the request: who may request, and what a request
//! must hold.

use channel_licensing::gdap::{AdminRole, GdapChange, GdapCommand, GdapProblem, GdapState};
use channel_licensing::testing::given;
use channel_licensing::{AccountChange, BillingType, Effect, Reason, RelationshipState, Rule};

use super::*;

const HELPDESK: AdminRole = AdminRole::HelpdeskAdministrator;

/// GDAP-1: a linked partner's admin requests a relationship; it waits for
/// approval, with its approval deadline scheduled (GDAP-2).
#[test]
fn gdap_1_an_admin_of_a_linked_partner_requests_a_relationship() {
    let decision = given(&rossi(BillingType::Term))
        .when(&acme_admin(), g1(request(&[HELPDESK], 365, false)))
        .at(now())
        .accepted();
    let changes: Vec<_> = decision.events().map(|e| e.change.clone()).collect();
    assert_eq!(
        changes,
        [AccountChange::Gdap {
            gdap: "g1".into(),
            change: GdapChange::Requested {
                partner: "acme".into(),
                roles: vec![HELPDESK],
                duration_days: 365,
                auto_extend: false,
            },
        }]
    );
    let deadline: Vec<_> = decision
        .effects()
        .filter_map(|e| match e {
            Effect::Schedule(timer) => Some((timer.key.to_string(), timer.due)),
            _ => None,
        })
        .collect();
    assert_eq!(
        deadline,
        [(
            "customer/rossi/gdap/g1/approval_deadline".to_owned(),
            now() + days(90)
        )]
    );
    let after = given(&rossi(BillingType::Term))
        .when(&acme_admin(), g1(request(&[HELPDESK], 365, false)))
        .at(now())
        .then_state();
    assert_eq!(after.gdap.len(), 1);
    assert_eq!(
        after.gdap[0].state,
        GdapState::ApprovalPending {
            requested_at: now()
        }
    );
}

/// GDAP-1: a duration outside 1..=730 days, no role, a role twice or an ID
/// already used is refused under GDAP-1.
#[test]
fn gdap_1_a_request_outside_the_rules_is_refused() {
    let account = rossi(BillingType::Term);
    for (days, roles) in [
        (0, vec![HELPDESK]),
        (731, vec![HELPDESK]),
        (365, vec![]),
        (365, vec![HELPDESK, AdminRole::GlobalReader, HELPDESK]),
    ] {
        let refusal = given(&account)
            .when(&acme_admin(), g1(request(&roles, days, false)))
            .at(now())
            .then_refused(Rule::Gdap1, None);
        assert!(
            refusal.to_string().contains("GDAP relationship g1"),
            "{refusal}"
        );
    }
    // 730 days is the longest allowed.
    assert_eq!(
        given(&account)
            .when(&acme_admin(), g1(request(&[HELPDESK], 730, false)))
            .at(now())
            .accepted()
            .events()
            .count(),
        1
    );
    let taken = given(&account)
        .when(&acme_admin(), g1(request(&[HELPDESK], 30, false)))
        .at(now())
        .then_state();
    let refusal = given(&taken)
        .when(&beta_admin(), g1(request(&[HELPDESK], 30, false)))
        .at(now())
        .refused();
    // beta has no relationship: AUTH-1 comes first; acme's second request
    // with the same ID is GDAP-1's.
    assert_eq!(refusal.rule(), Rule::Auth1);
    let refusal = given(&taken)
        .when(&acme_admin(), g1(request(&[HELPDESK], 30, false)))
        .at(now())
        .then_refused(Rule::Gdap1, None);
    assert!(matches!(
        refusal.reason(),
        Reason::Gdap {
            problem: GdapProblem::IdTaken,
            ..
        }
    ));
}

/// GDAP-1: only `super_admin` and `admin` users request, and only for a
/// partner whose reseller relationship is linked (AUTH-1).
#[test]
fn gdap_1_only_admins_of_a_linked_partner_request() {
    let account = rossi(BillingType::Term);
    given(&account)
        .when(&acme(&[]), g1(request(&[HELPDESK], 30, false)))
        .at(now())
        .then_refused(Rule::Gdap1, None);
    let unlinked = account.with_relationship("acme", RelationshipState::Unlinked { at: now() });
    given(&unlinked)
        .when(&acme_admin(), g1(request(&[HELPDESK], 30, false)))
        .at(now())
        .then_refused(Rule::Auth1, None);
    given(&rossi(BillingType::Term))
        .when(&customer_admin(), g1(request(&[HELPDESK], 30, false)))
        .at(now())
        .then_refused(Rule::Gdap1, None);
}

/// GDAP-1: a command on another partner's relationship is refused without
/// naming that partner.
#[test]
fn gdap_1_another_partners_relationship_is_not_ours() {
    let mut account = rossi(BillingType::Term).with_relationship("beta", RelationshipState::Linked);
    account.gdap.push(active_g1(&[HELPDESK], false));
    for command in [
        GdapCommand::Terminate,
        GdapCommand::SetAutoExtend { on: true },
        GdapCommand::RemoveGlobalAdmin,
    ] {
        let refusal = given(&account)
            .when(&beta_admin(), g1(command))
            .at(now() + days(1))
            .then_refused(Rule::Gdap1, None);
        assert!(!refusal.to_string().contains("acme"), "{refusal}");
    }
}

/// GDAP-4: a request with the global administrator role cannot
/// auto-extend.
#[test]
fn gdap_4_a_global_administrator_request_cannot_auto_extend() {
    let account = rossi(BillingType::Term);
    let roles = [AdminRole::GlobalAdministrator, HELPDESK];
    given(&account)
        .when(&acme_admin(), g1(request(&roles, 365, true)))
        .at(now())
        .then_refused(Rule::Gdap4, None);
    assert_eq!(
        given(&account)
            .when(&acme_admin(), g1(request(&roles, 365, false)))
            .at(now())
            .accepted()
            .events()
            .count(),
        1
    );
    assert_eq!(
        given(&account)
            .when(&acme_admin(), g1(request(&[HELPDESK], 365, true)))
            .at(now())
            .accepted()
            .events()
            .count(),
        1
    );
}
