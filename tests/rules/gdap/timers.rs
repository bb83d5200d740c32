//! GDAP-4 (auto-extend), GDAP-5 (notices and expiry) and GDAP-8 (the
//! delegated admin privileges an active relationship gives, BILL-8).

use channel_licensing::account::{CreditContact, credit_contact};
use channel_licensing::gdap::{AdminRole, GdapChange, GdapCommand, GdapState};
use channel_licensing::testing::{World, given};
use channel_licensing::{
    Account, AccountChange, AccountCommand, BillingType, Policy, RelationshipState, Rule,
};

use super::*;

const HELPDESK: AdminRole = AdminRole::HelpdeskAdministrator;

fn with(gdap: channel_licensing::gdap::GdapRelationship) -> Account {
    let mut account = rossi(BillingType::Term).with_licence(active_licence("L-1"));
    account.gdap.push(gdap);
    account
}

/// GDAP-4: with auto-extend on, the relationship extends by 180 days at
/// its end, again at each new end; caught up late, by as many extensions
/// as were due. The global administrator role forbids switching it on.
#[test]
fn gdap_4_auto_extend_adds_180_days_at_each_end() {
    let account = with(active_g1(&[HELPDESK], true));
    let ends = now() + days(365);
    let mut world = World::new(Policy::standard(), now());
    world.import(account.clone()).unwrap();
    world.advance_to(ends + days(1)).unwrap();
    let after = world.account(&customer()).unwrap();
    assert_eq!(
        after.gdap[0].state,
        GdapState::Active {
            activated_at: now(),
            ends: ends + days(180),
            noticed_until: None
        }
    );
    world.check_outbox().unwrap();
    // Caught up 400 days after its end: three extensions.
    let caught_up = given(&account)
        .when(&acme_admin(), g1(GdapCommand::SetAutoExtend { on: true }))
        .at(ends + days(400))
        .accepted();
    let first = caught_up
        .events()
        .map(|e| e.change.clone())
        .find(|c| matches!(c, AccountChange::Gdap { .. }));
    assert_eq!(
        first,
        Some(AccountChange::Gdap {
            gdap: "g1".into(),
            change: GdapChange::Extended {
                ends: ends + days(540),
                extensions: 3
            }
        })
    );
    given(&with(active_g1(
        &[AdminRole::GlobalAdministrator, HELPDESK],
        false,
    )))
    .when(&acme_admin(), g1(GdapCommand::SetAutoExtend { on: true }))
    .at(now())
    .then_refused(Rule::Gdap4, None);
}

/// GDAP-5: without auto-extend, notices 30, 7 and 1 days before the end,
/// then the relationship expires at its end; the licences, the billing and
/// the reseller relationship stay as they were.
#[test]
fn gdap_5_notices_then_expiry_and_nothing_else_changes() {
    let account = with(active_g1(&[HELPDESK], false));
    let ends = now() + days(365);
    let mut world = World::new(Policy::standard(), now());
    world.import(account.clone()).unwrap();
    let delivered: Vec<String> = world
        .advance_to(ends)
        .unwrap()
        .iter()
        .map(|d| d.timer.key.to_string())
        .filter(|k| k.contains("/gdap/"))
        .collect();
    assert_eq!(
        delivered,
        [
            "customer/rossi/gdap/g1/notice/30",
            "customer/rossi/gdap/g1/notice/7",
            "customer/rossi/gdap/g1/notice/1",
            "customer/rossi/gdap/g1/end",
        ]
    );
    let after = world.account(&customer()).unwrap();
    assert_eq!(after.gdap[0].state, GdapState::Expired { at: ends });
    assert_eq!(after.relationships, account.relationships);
    assert_eq!(after.billing, account.billing);
    world.check_outbox().unwrap();
}

/// GDAP-5: notices already due when the relationship becomes active, or
/// when auto-extend is switched off, are not scheduled; switching it on
/// cancels them; a notice caught up after the end is skipped, not sent.
#[test]
fn gdap_5_only_notices_still_ahead_are_scheduled() {
    // Approved for 5 days: only the 1-day notice and the end.
    let mut short = active_g1(&[HELPDESK], false);
    short.duration_days = 5;
    short.state = GdapState::ApprovalPending {
        requested_at: now(),
    };
    let decision = given(&with(short))
        .when(&customer_admin(), g1(GdapCommand::Approve))
        .at(now())
        .accepted();
    let scheduled: Vec<String> = decision
        .effects()
        .filter_map(|e| e.key().map(|k| k.to_string()))
        .filter(|k| !k.ends_with("approval_deadline"))
        .collect();
    assert_eq!(
        scheduled,
        [
            "customer/rossi/gdap/g1/notice/1",
            "customer/rossi/gdap/g1/end"
        ]
    );

    // Auto-extend switched off 10 days before the end: the 30-day notice is not sent.
    let ends = now() + days(365);
    let extending = with(active_g1(&[HELPDESK], true));
    let decision = given(&extending)
        .when(&acme_admin(), g1(GdapCommand::SetAutoExtend { on: false }))
        .at(ends - days(10))
        .accepted();
    let keys: Vec<String> = decision
        .effects()
        .filter_map(|e| e.key().map(|k| k.to_string()))
        .filter(|k| k.contains("/gdap/"))
        .collect();
    assert_eq!(
        keys,
        [
            "customer/rossi/gdap/g1/notice/7",
            "customer/rossi/gdap/g1/notice/1"
        ]
    );
    // Switched on again: the notices are cancelled.
    let off = given(&extending)
        .when(&acme_admin(), g1(GdapCommand::SetAutoExtend { on: false }))
        .at(ends - days(10))
        .then_state();
    let on = given(&off)
        .when(&acme_admin(), g1(GdapCommand::SetAutoExtend { on: true }))
        .at(ends - days(9))
        .accepted();
    assert_eq!(on.effects().count(), 2);
    assert!(
        on.effects()
            .all(|e| matches!(e, channel_licensing::Effect::Cancel { .. }))
    );

    // Caught up after the end: the notices are skipped, then it expires.
    let late = given(&with(active_g1(&[HELPDESK], false)))
        .when(&acme_admin(), g1(GdapCommand::Terminate))
        .at(ends + days(1))
        .refused();
    assert_eq!(late.rule(), Rule::Gdap7);
    let account = with(active_g1(&[HELPDESK], false));
    let caught_up = given(&account)
        .when(&customer_admin(), AccountCommand::EnablePartnerAssistance)
        .at(ends + days(1))
        .accepted();
    let changes: Vec<_> = caught_up
        .events()
        .filter_map(|e| match &e.change {
            AccountChange::Gdap { change, .. } => Some(change.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        changes,
        [
            GdapChange::NoticeSkipped {
                days_before: 30,
                due: ends - days(30)
            },
            GdapChange::NoticeSkipped {
                days_before: 7,
                due: ends - days(7)
            },
            GdapChange::NoticeSkipped {
                days_before: 1,
                due: ends - days(1)
            },
            GdapChange::Expired { at: ends },
        ]
    );
}

/// GDAP-8 (BILL-8's decision): an active GDAP relationship of the partner's
/// own with the service support or global administrator role gives it
/// delegated admin privileges, whatever its reseller relationship; another
/// partner's, an expired one, or one with other roles does not.
#[test]
fn gdap_8_an_active_support_role_gives_delegated_admin_privileges() {
    let direct = || {
        Account::new(
            "rossi",
            "Rossi SpA",
            "eu",
            BillingType::Direct,
            channel_licensing::CreatedBy::Customer,
        )
        .with_relationship("acme", RelationshipState::Linked)
        .with_relationship("beta", RelationshipState::Linked)
    };
    let with_gdap = |partner: &str, role: AdminRole, state: GdapState| {
        let mut account = direct();
        let mut gdap = active_g1(&[role], false);
        gdap.partner = partner.into();
        gdap.state = state;
        account.gdap.push(gdap);
        account
    };
    let active = GdapState::Active {
        activated_at: now(),
        ends: now() + days(365),
        noticed_until: None,
    };
    let acme = || "acme".into();
    assert_eq!(
        credit_contact(&direct(), &acme(), None, now()),
        CreditContact::Customer
    );
    let support = with_gdap("acme", AdminRole::ServiceSupportAdministrator, active);
    assert_eq!(
        credit_contact(&support, &acme(), None, now()),
        CreditContact::Partner
    );
    let global = with_gdap("acme", AdminRole::GlobalAdministrator, active);
    assert_eq!(
        credit_contact(&global, &acme(), None, now()),
        CreditContact::Partner
    );
    // Whatever the reseller relationship.
    let unlinked = support
        .clone()
        .with_relationship("acme", RelationshipState::Unlinked { at: now() });
    assert_eq!(
        credit_contact(&unlinked, &acme(), None, now()),
        CreditContact::Partner
    );
    // Past its end, with other roles, or another partner's: nothing.
    assert_eq!(
        credit_contact(&support, &acme(), None, now() + days(365)),
        CreditContact::Customer
    );
    let helpdesk = with_gdap("acme", HELPDESK, active);
    assert_eq!(
        credit_contact(&helpdesk, &acme(), None, now()),
        CreditContact::Customer
    );
    let betas = with_gdap("beta", AdminRole::ServiceSupportAdministrator, active);
    assert_eq!(
        credit_contact(&betas, &acme(), None, now()),
        CreditContact::Customer
    );
    assert_eq!(
        credit_contact(&betas, &"beta".into(), None, now()),
        CreditContact::Partner
    );
    let pending = with_gdap(
        "acme",
        AdminRole::ServiceSupportAdministrator,
        GdapState::ApprovalPending {
            requested_at: now(),
        },
    );
    assert_eq!(
        credit_contact(&pending, &acme(), None, now()),
        CreditContact::Customer
    );
}

/// RULES' order of timers due at one instant (GDAP-2, GDAP-5, XFER-8):
/// approval deadlines, then notices, then ends, then transfer requests'
/// expiries; within one kind by ID, whatever order the account lists them in.
#[test]
fn gdap_2_timers_due_at_one_instant_apply_in_the_rules_order() {
    use channel_licensing::transfer_requests::{TransferChange, TransferRequest};
    let t = now() + days(90);
    let mut account = rossi(BillingType::Term)
        .with_relationship("beta", RelationshipState::Linked)
        .with_licence(active_licence("L-1"))
        .with_licence(active_licence("L-2"));
    // g3 ends at t; g2 and g1 were requested 90 days before t.
    let mut ending = active_g1(&[HELPDESK], false);
    ending.id = "g3".into();
    ending.duration_days = 90;
    ending.state = GdapState::Active {
        activated_at: now(),
        ends: t,
        noticed_until: Some(t - days(1)),
    };
    let pending = |id: &str| {
        let mut gdap = active_g1(&[HELPDESK], false);
        gdap.id = id.into();
        gdap.state = GdapState::ApprovalPending {
            requested_at: now(),
        };
        gdap
    };
    account.gdap = vec![ending, pending("g2"), pending("g1")];
    // Both requests expire 30 days after t - 30 days: at t.
    account.transfer_requests = vec![
        TransferRequest::pending("t2", "acme", "beta", ["L-2"], t - days(30)),
        TransferRequest::pending("t1", "acme", "beta", ["L-1"], t - days(30)),
    ];
    let order: Vec<String> = given(&account)
        .when(&customer_admin(), AccountCommand::EnablePartnerAssistance)
        .at(t + days(1))
        .accepted()
        .events()
        .filter_map(|e| match &e.change {
            AccountChange::Gdap {
                gdap,
                change: GdapChange::Expired { .. },
            } => Some(format!("{gdap}")),
            AccountChange::TransferRequest {
                transfer,
                change: TransferChange::Expired { .. },
            } => Some(format!("{transfer}")),
            _ => None,
        })
        .collect();
    assert_eq!(order, ["g1", "g2", "g3", "t1", "t2"]);
}

/// RULES' order at one instant puts notices by ID, whatever their offset:
/// g1's 30-day notice and g2's 7-day notice, both due at one instant, go
/// out g1 first (GDAP-5).
#[test]
fn gdap_5_notices_due_at_one_instant_go_out_by_id() {
    let t = now() + days(100);
    let active = |id: &str, ends, noticed| {
        let mut gdap = active_g1(&[HELPDESK], false);
        gdap.id = id.into();
        gdap.state = GdapState::Active {
            activated_at: now(),
            ends,
            noticed_until: Some(noticed),
        };
        gdap
    };
    let mut account = rossi(BillingType::Term);
    account.gdap = vec![
        active("g2", t + days(7), t - days(1)),
        active("g1", t + days(30), t - days(1)),
    ];
    let sent: Vec<String> = given(&account)
        .when(&customer_admin(), AccountCommand::EnablePartnerAssistance)
        .at(t + chrono::TimeDelta::hours(12))
        .accepted()
        .events()
        .filter_map(|e| match &e.change {
            AccountChange::Gdap {
                gdap,
                change: GdapChange::NoticeSent { days_before, .. },
            } => Some(format!("{gdap}/{days_before}")),
            _ => None,
        })
        .collect();
    assert_eq!(sent, ["g1/30", "g2/7"]);
}
