//! GDAP-3 (fixed roles), GDAP-6 (termination) and GDAP-7 (final states).

use channel_licensing::gdap::{AdminRole, GdapChange, GdapCommand, GdapState};
use channel_licensing::testing::given;
use channel_licensing::{Account, AccountChange, BillingType, Effect, Rule};

use super::*;

const GLOBAL: AdminRole = AdminRole::GlobalAdministrator;
const HELPDESK: AdminRole = AdminRole::HelpdeskAdministrator;

fn with(gdap: channel_licensing::gdap::GdapRelationship) -> Account {
    let mut account = rossi(BillingType::Term);
    account.gdap.push(gdap);
    account
}

/// GDAP-3: the partner may remove the global administrator role from an
/// active relationship, and change nothing else.
#[test]
fn gdap_3_only_the_global_administrator_role_can_be_removed() {
    let after = given(&with(active_g1(&[GLOBAL, HELPDESK], false)))
        .when(&acme_admin(), g1(GdapCommand::RemoveGlobalAdmin))
        .at(now() + days(10))
        .then_state();
    assert_eq!(after.gdap[0].roles, [HELPDESK]);
    // Its only role, a role it lacks, a relationship not yet active.
    given(&with(active_g1(&[GLOBAL], false)))
        .when(&acme_admin(), g1(GdapCommand::RemoveGlobalAdmin))
        .at(now())
        .then_refused(Rule::Gdap3, None);
    given(&with(active_g1(&[HELPDESK], false)))
        .when(&acme_admin(), g1(GdapCommand::RemoveGlobalAdmin))
        .at(now())
        .then_refused(Rule::Gdap3, None);
    let mut pending = active_g1(&[GLOBAL, HELPDESK], false);
    pending.state = GdapState::ApprovalPending {
        requested_at: now(),
    };
    given(&with(pending))
        .when(&acme_admin(), g1(GdapCommand::RemoveGlobalAdmin))
        .at(now())
        .then_refused(Rule::Gdap3, None);
}

/// GDAP-6: the partner or the customer's admin terminates an active
/// relationship at once, its timers cancelled; the partner may withdraw a
/// pending request, the customer's admin may not terminate one.
#[test]
fn gdap_6_termination_is_immediate() {
    let at = now() + days(40);
    for actor in [acme_admin(), customer_admin()] {
        let decision = given(&with(active_g1(&[HELPDESK], false)))
            .when(&actor, g1(GdapCommand::Terminate))
            .at(at)
            .accepted();
        assert_eq!(
            decision.events().next().unwrap().change,
            AccountChange::Gdap {
                gdap: "g1".into(),
                change: GdapChange::Terminated
            }
        );
        assert_eq!(
            decision
                .effects()
                .filter(|e| matches!(e, Effect::Cancel { .. }))
                .count(),
            4,
            "three notices and the end"
        );
    }
    let mut pending = active_g1(&[HELPDESK], false);
    pending.state = GdapState::ApprovalPending {
        requested_at: now(),
    };
    let after = given(&with(pending.clone()))
        .when(&acme_admin(), g1(GdapCommand::Terminate))
        .at(now())
        .then_state();
    assert_eq!(after.gdap[0].state, GdapState::Terminated { at: now() });
    given(&with(pending))
        .when(&customer_admin(), g1(GdapCommand::Terminate))
        .at(now())
        .then_refused(Rule::Gdap6, None);
}

/// GDAP-7: expired, rejected and terminated are final: every command is
/// refused under GDAP-7, with no earliest instant.
#[test]
fn gdap_7_final_states_take_no_command() {
    for state in [
        GdapState::Expired { at: now() },
        GdapState::Rejected { at: now() },
        GdapState::Terminated { at: now() },
    ] {
        let mut gdap = active_g1(&[GLOBAL, HELPDESK], false);
        gdap.state = state;
        let account = with(gdap);
        for (actor, command) in [
            (customer_admin(), GdapCommand::Approve),
            (customer_admin(), GdapCommand::Reject),
            (acme_admin(), GdapCommand::Terminate),
            (acme_admin(), GdapCommand::SetAutoExtend { on: false }),
            (acme_admin(), GdapCommand::RemoveGlobalAdmin),
        ] {
            let refusal = given(&account)
                .when(&actor, g1(command))
                .at(now() + days(1))
                .then_refused(Rule::Gdap7, None);
            assert!(refusal.to_string().contains("a final state"), "{refusal}");
        }
    }
}
