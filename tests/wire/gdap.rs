//! insta snapshots of the GDAP wire contract: a relationship in each state
//! as stored, its commands, the timers' keys, and every GDAP refusal with
//! the sentence a support agent pastes. Strict reading of a stored
//! relationship: each load error names its path.

use channel_licensing::gdap::{AdminRole, GdapCommand, GdapProblem, GdapRelationship, GdapState};
use channel_licensing::testing::given;
use channel_licensing::{
    Account, AccountCommand, Actor, BillingType, Error, PartnerUser, Reason, Role, TimerKey,
    from_json,
};
use serde_json::{Value, json};

use crate::common::*;

fn g1(command: GdapCommand) -> AccountCommand {
    AccountCommand::Gdap {
        gdap: "g1".into(),
        command,
    }
}

fn with(roles: &[AdminRole], state: GdapState) -> Account {
    let mut gdap = GdapRelationship::pending("g1", "acme", roles.iter().copied(), 365, now());
    gdap.state = state;
    let mut account = rossi(BillingType::Term);
    account.gdap.push(gdap);
    account
}

fn active() -> GdapState {
    GdapState::Active {
        activated_at: now(),
        ends: now() + days(365),
        noticed_until: None,
    }
}

/// Every GDAP problem a refusal can name: its JSON and its sentence.
#[test]
fn gdap_refusals() {
    let admin = Actor::Partner(PartnerUser::new("acme", "eu").with_roles([Role::Admin]));
    let beta = Actor::Partner(PartnerUser::new("beta", "eu").with_roles([Role::Admin]));
    let customer = admin_of("rossi");
    let helpdesk = [AdminRole::HelpdeskAdministrator];
    let global = [AdminRole::GlobalAdministrator];
    let request = |roles: &[AdminRole], days, auto_extend| GdapCommand::Request {
        roles: roles.to_vec(),
        duration_days: days,
        auto_extend,
    };
    let mut shared = with(&helpdesk, active());
    shared = shared.with_relationship("beta", channel_licensing::RelationshipState::Linked);
    let cases = [
        (
            "id_taken",
            with(&helpdesk, active()),
            &admin,
            request(&helpdesk, 30, false),
        ),
        (
            "no_role",
            rossi(BillingType::Term),
            &admin,
            request(&[], 30, false),
        ),
        (
            "role_twice",
            rossi(BillingType::Term),
            &admin,
            request(
                &[AdminRole::GlobalReader, AdminRole::GlobalReader],
                30,
                false,
            ),
        ),
        (
            "duration_out_of_range",
            rossi(BillingType::Term),
            &admin,
            request(&helpdesk, 731, false),
        ),
        ("other_partner", shared, &beta, GdapCommand::Terminate),
        (
            "final",
            with(&helpdesk, GdapState::Rejected { at: now() }),
            &customer,
            GdapCommand::Approve,
        ),
        (
            "wrong_state",
            with(&helpdesk, active()),
            &customer,
            GdapCommand::Approve,
        ),
        (
            "global_admin_auto_extend",
            with(&global, active()),
            &admin,
            GdapCommand::SetAutoExtend { on: true },
        ),
        (
            "no_global_admin",
            with(&helpdesk, active()),
            &admin,
            GdapCommand::RemoveGlobalAdmin,
        ),
        (
            "only_role",
            with(&global, active()),
            &admin,
            GdapCommand::RemoveGlobalAdmin,
        ),
    ];
    let mut out = serde_json::Map::new();
    for (name, account, actor, command) in cases {
        let refusal = given(&account)
            .when(actor, g1(command))
            .at(now() + days(1))
            .refused();
        let Reason::Gdap { problem, .. } = refusal.reason() else {
            panic!("{name}: {refusal}")
        };
        let kind = match problem {
            GdapProblem::IdTaken => "id_taken",
            GdapProblem::NoRole => "no_role",
            GdapProblem::RoleTwice { .. } => "role_twice",
            GdapProblem::DurationOutOfRange { .. } => "duration_out_of_range",
            GdapProblem::OtherPartner => "other_partner",
            GdapProblem::Final { .. } => "final",
            GdapProblem::WrongState { .. } => "wrong_state",
            GdapProblem::GlobalAdminAutoExtend => "global_admin_auto_extend",
            GdapProblem::NoGlobalAdmin => "no_global_admin",
            GdapProblem::OnlyRole => "only_role",
            _ => panic!("a new GDAP problem needs a case here"),
        };
        assert_eq!(kind, name);
        let back: channel_licensing::Refusal =
            serde_json::from_value(serde_json::to_value(&refusal).unwrap()).unwrap();
        assert_eq!(back, refusal);
        out.insert(
            name.to_owned(),
            json!({ "display": refusal.to_string(), "json": refusal }),
        );
    }
    insta::assert_json_snapshot!("gdap_refusals", out);
}

/// A relationship in each state, the GDAP commands and the timer keys.
#[test]
fn gdap_relationships_commands_and_keys() {
    let states = [
        GdapState::ApprovalPending {
            requested_at: now(),
        },
        active(),
        GdapState::Active {
            activated_at: now(),
            ends: now() + days(365),
            noticed_until: Some(now() + days(335)),
        },
        GdapState::Expired { at: now() },
        GdapState::Rejected { at: now() },
        GdapState::Terminated { at: now() },
    ];
    let relationships: Vec<Value> = states
        .into_iter()
        .map(|state| {
            let gdap = &with(&[AdminRole::GlobalReader], state).gdap[0];
            let json = serde_json::to_value(gdap).unwrap();
            assert_eq!(
                &from_json::<GdapRelationship>(&json.to_string()).unwrap(),
                gdap
            );
            json
        })
        .collect();
    let commands = [
        GdapCommand::Request {
            roles: vec![AdminRole::UserAdministrator],
            duration_days: 90,
            auto_extend: true,
        },
        GdapCommand::Approve,
        GdapCommand::Reject,
        GdapCommand::Terminate,
        GdapCommand::SetAutoExtend { on: false },
        GdapCommand::RemoveGlobalAdmin,
    ]
    .map(g1);
    let keys = [
        TimerKey::GdapApprovalDeadline {
            customer: "rossi".into(),
            gdap: "g1".into(),
        },
        TimerKey::GdapNotice {
            customer: "rossi".into(),
            gdap: "g1".into(),
            days: 7,
        },
        TimerKey::GdapEnd {
            customer: "rossi".into(),
            gdap: "g1".into(),
        },
    ];
    let keys: Vec<Value> = keys
        .iter()
        .map(|k| json!({ "json": k, "string": k.to_string() }))
        .collect();
    insta::assert_json_snapshot!(
        "gdap_wire",
        json!({ "relationships": relationships, "commands": commands, "keys": keys })
    );
}

/// A stored relationship that no decision could have produced does not
/// load, and the error names its path; an unknown role is an input error.
#[test]
fn gdap_load_errors_name_the_path() {
    let base = json!({
        "id": "rossi", "name": "Rossi SpA", "region": "eu", "billing": "term",
        "created_by": "partner", "partner_assistance": true,
        "relationships": [{"partner": "acme", "state": "linked", "delegated_admin": false}],
        "gdap": [
            {"id": "g1", "partner": "acme", "roles": ["global_reader"], "duration_days": 30,
             "state": "approval_pending", "requested_at": "2026-01-01T00:00:00Z"},
            {"id": "g2", "partner": "acme", "roles": ["global_administrator"], "duration_days": 30,
             "state": "active", "activated_at": "2026-01-01T00:00:00Z", "ends": "2026-01-31T00:00:00Z"}
        ]
    });
    from_json::<Account>(&base.to_string()).unwrap();
    let cases: [(&str, Value, &str, &str); 10] = [
        (
            "a partner without a relationship",
            json!(["/gdap/0/partner", "gamma"]),
            "",
            "gdap[0].partner: partner gamma has no relationship with the account (GDAP-1)",
        ),
        (
            "no role",
            json!(["/gdap/0/roles", []]),
            "gdap[0]",
            "roles: a GDAP relationship has at least one role",
        ),
        (
            "a role twice",
            json!(["/gdap/0/roles", ["global_reader", "global_reader"]]),
            "gdap[0]",
            "roles[1]: the role global reader is listed twice",
        ),
        (
            "an unknown role",
            json!(["/gdap/0/roles/0", "owner"]),
            "gdap[0].roles[0]",
            "unknown variant `owner`",
        ),
        (
            "zero days",
            json!(["/gdap/0/duration_days", 0]),
            "gdap[0]",
            "duration_days: a GDAP relationship lasts 1 to",
        ),
        (
            "auto-extend with global admin",
            json!(["/gdap/1/auto_extend", true]),
            "gdap[1]",
            "auto_extend: ",
        ),
        (
            "an end before activation",
            json!(["/gdap/1/ends", "2025-12-01T00:00:00Z"]),
            "gdap[1]",
            "ends: the end",
        ),
        (
            "a duplicate ID",
            json!(["/gdap/1/id", "g1"]),
            "",
            "gdap[1].id: the account lists GDAP relationship g1 twice",
        ),
        (
            "an unknown field",
            json!(["/gdap/0/notes", "x"]),
            "gdap[0].notes",
            "unknown field `notes`",
        ),
        (
            "a numeric state",
            json!(["/gdap/0/state", 1]),
            "gdap[0].state",
            "expected",
        ),
    ];
    for (what, change, path, message) in cases {
        let mut doc = base.clone();
        set_at(&mut doc, change[0].as_str().unwrap(), change[1].clone());
        let err = from_json::<Account>(&doc.to_string()).expect_err(what);
        assert_eq!(err.path(), path, "{what}: {err}");
        assert!(err.message().contains(message), "{what}: {err}");
    }
    // A command on a relationship the account does not have is an error.
    let outcome = given(&rossi(BillingType::Term))
        .when(&admin_of("rossi"), g1(GdapCommand::Approve))
        .at(now())
        .outcome();
    assert!(
        matches!(outcome, Err(Error::UnknownGdap { .. })),
        "{outcome:?}"
    );
}

/// The words GDAP and transfer refusals are written with: every admin role,
/// state and action, as a support agent reads them.
#[test]
fn gdap_and_transfer_words() {
    use channel_licensing::gdap::{GdapAction, GdapStatus};
    use channel_licensing::transfer_requests::{TransferAction, TransferStatus};
    let roles: Vec<String> = [
        AdminRole::GlobalAdministrator,
        AdminRole::ServiceSupportAdministrator,
        AdminRole::HelpdeskAdministrator,
        AdminRole::UserAdministrator,
        AdminRole::LicenseAdministrator,
        AdminRole::BillingAdministrator,
        AdminRole::SecurityAdministrator,
        AdminRole::ExchangeAdministrator,
        AdminRole::GlobalReader,
        AdminRole::DirectoryReaders,
    ]
    .iter()
    .map(|r| format!("{}: {r}", serde_json::to_string(r).unwrap()))
    .collect();
    let gdap_states: Vec<String> = [
        GdapStatus::ApprovalPending,
        GdapStatus::Active,
        GdapStatus::Expired,
        GdapStatus::Rejected,
        GdapStatus::Terminated,
    ]
    .iter()
    .map(|s| format!("{s} (final: {})", s.is_final()))
    .collect();
    let gdap_actions: Vec<&str> = [
        GdapAction::Request,
        GdapAction::Approve,
        GdapAction::Reject,
        GdapAction::Terminate,
        GdapAction::SetAutoExtend,
        GdapAction::RemoveGlobalAdmin,
    ]
    .iter()
    .map(|a| a.verb())
    .collect();
    let transfer_states: Vec<String> = [
        TransferStatus::Pending,
        TransferStatus::Accepted,
        TransferStatus::Rejected,
        TransferStatus::Cancelled,
        TransferStatus::Expired,
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    let transfer_actions: Vec<&str> = [
        TransferAction::Create,
        TransferAction::Accept,
        TransferAction::Reject,
        TransferAction::Cancel,
    ]
    .iter()
    .map(|a| a.verb())
    .collect();
    insta::assert_json_snapshot!(
        "gdap_and_transfer_words",
        json!({
            "admin_roles": roles, "gdap_states": gdap_states, "gdap_actions": gdap_actions,
            "transfer_states": transfer_states, "transfer_actions": transfer_actions,
        })
    );
}
