//! insta snapshots of the transfer request wire contract: a request in each
//! state as stored, its commands, its timer key, and every transfer request
//! refusal with its sentence. Strict reading: each load error names its
//! path.

use channel_licensing::actor::Role;
use channel_licensing::testing::given;
use channel_licensing::transfer_requests::{
    TransferCommand, TransferProblem, TransferRequest, TransferState,
};
use channel_licensing::{
    Account, AccountCommand, Actor, BillingType, Error, PartnerUser, Reason, RelationshipState,
    TimerKey, from_json,
};
use serde_json::{Value, json};

use crate::common::*;

fn admin(partner: &str) -> Actor {
    Actor::Partner(PartnerUser::new(partner, "eu").with_roles([Role::Admin]))
}

fn t(command: TransferCommand) -> AccountCommand {
    AccountCommand::TransferRequest {
        transfer: "t1".into(),
        command,
    }
}

fn create(licences: &[&str]) -> TransferCommand {
    TransferCommand::Create {
        from_partner: "acme".into(),
        licences: licences.iter().map(|&l| l.into()).collect(),
    }
}

fn account(state: Option<TransferState>) -> Account {
    let mut account = rossi(BillingType::Term)
        .with_relationship("beta", RelationshipState::Linked)
        .with_licence(active_licence("L-1"))
        .with_licence(expired("L-2", "2026-06-01T00:00:00Z"));
    if let Some(state) = state {
        let mut request = TransferRequest::pending("t1", "acme", "beta", ["L-1"], now());
        request.state = state;
        account.transfer_requests.push(request);
    }
    account
}

/// Every transfer request problem a refusal can name.
#[test]
fn transfer_request_refusals() {
    let pending = Some(TransferState::Pending { created_at: now() });
    let to_itself = TransferCommand::Create {
        from_partner: "beta".into(),
        licences: vec!["L-1".into()],
    };
    let cases = [
        ("id_taken", account(pending), "beta", create(&["L-1"]), "t1"),
        ("to_itself", account(None), "beta", to_itself, "t1"),
        ("no_licence", account(None), "beta", create(&[]), "t1"),
        (
            "licence_twice",
            account(None),
            "beta",
            create(&["L-1", "L-1"]),
            "t1",
        ),
        (
            "unknown_licence",
            account(None),
            "beta",
            create(&["L-9"]),
            "t1",
        ),
        (
            "not_transferable",
            account(None),
            "beta",
            create(&["L-2"]),
            "t1",
        ),
        (
            "already_requested",
            account(pending),
            "beta",
            create(&["L-1"]),
            "t2",
        ),
        (
            "not_source",
            account(pending),
            "beta",
            TransferCommand::Accept,
            "t1",
        ),
        (
            "not_target",
            account(pending),
            "acme",
            TransferCommand::Cancel,
            "t1",
        ),
        (
            "expired",
            account(Some(TransferState::Expired { at: now() })),
            "acme",
            TransferCommand::Accept,
            "t1",
        ),
        (
            "final",
            account(Some(TransferState::Cancelled { at: now() })),
            "beta",
            TransferCommand::Cancel,
            "t1",
        ),
    ];
    let mut out = serde_json::Map::new();
    for (name, account, by, command, id) in cases {
        let command = AccountCommand::TransferRequest {
            transfer: id.into(),
            command,
        };
        let refusal = given(&account)
            .when(&admin(by), command)
            .at(now())
            .refused();
        let Reason::TransferRequest { problem, .. } = refusal.reason() else {
            panic!("{name}: {refusal}")
        };
        let kind = match problem {
            TransferProblem::IdTaken => "id_taken",
            TransferProblem::ToItself => "to_itself",
            TransferProblem::NoLicence => "no_licence",
            TransferProblem::LicenceTwice { .. } => "licence_twice",
            TransferProblem::UnknownLicence { .. } => "unknown_licence",
            TransferProblem::NotTransferable { .. } => "not_transferable",
            TransferProblem::AlreadyRequested { .. } => "already_requested",
            TransferProblem::NotSource => "not_source",
            TransferProblem::NotTarget => "not_target",
            TransferProblem::Expired => "expired",
            TransferProblem::Final { .. } => "final",
            _ => panic!("a new transfer problem needs a case here"),
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
    insta::assert_json_snapshot!("transfer_request_refusals", out);
}

/// A request in each state, the commands and the timer key.
#[test]
fn transfer_requests_commands_and_key() {
    let states = [
        TransferState::Pending { created_at: now() },
        TransferState::Accepted { at: now() },
        TransferState::Rejected { at: now() },
        TransferState::Cancelled { at: now() },
        TransferState::Expired { at: now() },
    ];
    let requests: Vec<Value> = states
        .into_iter()
        .map(|state| {
            let request = &account(Some(state)).transfer_requests[0];
            let json = serde_json::to_value(request).unwrap();
            assert_eq!(
                &from_json::<TransferRequest>(&json.to_string()).unwrap(),
                request
            );
            json
        })
        .collect();
    let commands = [
        create(&["L-1"]),
        TransferCommand::Accept,
        TransferCommand::Reject,
        TransferCommand::Cancel,
    ]
    .map(t);
    let key = TimerKey::TransferExpiry {
        customer: "rossi".into(),
        transfer: "t1".into(),
    };
    insta::assert_json_snapshot!(
        "transfer_request_wire",
        json!({ "requests": requests, "commands": commands, "key": { "json": key, "string": key.to_string() } })
    );
}

/// Stored requests no decision could have produced do not load.
#[test]
fn transfer_request_load_errors_name_the_path() {
    let base =
        serde_json::to_value(account(Some(TransferState::Pending { created_at: now() }))).unwrap();
    from_json::<Account>(&base.to_string()).unwrap();
    let second = json!({"id": "t2", "from_partner": "acme", "to_partner": "beta", "licences": ["L-1"],
        "state": "pending", "created_at": "2026-06-15T10:00:00Z"});
    let cases: [(&str, &str, Value, &str, &str); 7] = [
        (
            "a partner without a relationship",
            "/transfer_requests/0/to_partner",
            json!("gamma"),
            "",
            "transfer_requests[0].to_partner: partner gamma has no relationship with the account (XFER-7)",
        ),
        (
            "no licence",
            "/transfer_requests/0/licences",
            json!([]),
            "transfer_requests[0]",
            "licences: a transfer request names at least one licence",
        ),
        (
            "a licence twice",
            "/transfer_requests/0/licences",
            json!(["L-1", "L-1"]),
            "transfer_requests[0]",
            "licences[1]: licence L-1 is named twice",
        ),
        (
            "to itself",
            "/transfer_requests/0/to_partner",
            json!("acme"),
            "transfer_requests[0]",
            "to_partner: a partner cannot transfer licences to itself",
        ),
        (
            "an unknown licence",
            "/transfer_requests/0/licences",
            json!(["L-9"]),
            "",
            "transfer_requests[0].licences[0]: the account has no licence L-9",
        ),
        (
            "two pending requests",
            "/transfer_requests/1",
            second,
            "",
            "transfer_requests[1].licences[0]: licence L-1 is named by two pending requests",
        ),
        (
            "a numeric state",
            "/transfer_requests/0/state",
            json!(0),
            "transfer_requests[0].state",
            "expected",
        ),
    ];
    for (what, pointer, value, path, message) in cases {
        let mut doc = base.clone();
        set_at(&mut doc, pointer, value);
        let err = from_json::<Account>(&doc.to_string()).expect_err(what);
        assert_eq!(err.path(), path, "{what}: {err}");
        assert!(err.message().contains(message), "{what}: {err}");
    }
    let outcome = given(&account(None))
        .when(&admin("acme"), t(TransferCommand::Accept))
        .at(now())
        .outcome();
    assert!(
        matches!(outcome, Err(Error::UnknownTransfer { .. })),
        "{outcome:?}"
    );
}
