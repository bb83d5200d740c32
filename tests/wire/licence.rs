//! insta snapshots: the state × command matrix (what each command gives from
//! each licence state, LIC-1 … LIC-13) and the JSON of every state, command,
//! event, effect and refusal variant — the wire contract. A change to any
//! snapshot here is a change of the serialized form: record it in
//! CHANGELOG.md.

use channel_licensing::effect::ReminderTarget;
use channel_licensing::licence::CancelledBy;
use channel_licensing::policy::{PhaseName, PolicyStamp};
use channel_licensing::{
    Actor, Context, Effect, Error, Licence, LicenceChange, LicenceCommand as C, LicenceState,
    Policy, Purchaser, Reason, Term, Timer, TimerKey,
};
use serde_json::{Value, json};

use crate::common::*;

fn now() -> chrono::DateTime<chrono::Utc> {
    at("2026-06-01T00:00:00Z")
}

/// The active licence of [`active`], bought by the customer directly
/// (BILL-6).
fn direct_purchase() -> Licence {
    Licence::active(
        "L-1",
        "endpoint-advanced",
        10,
        year_2026(),
        true,
        Purchaser::Customer,
    )
    .unwrap()
}

/// One licence per state (and per phase of `expired`), as of `now()`.
fn states() -> Vec<(&'static str, Licence)> {
    let n = now();
    let t = year_2026();
    let trial = Term::of_days(n - days(10), 30).unwrap();
    vec![
        ("trial", with_state(LicenceState::Trial { term: trial })),
        ("active_auto_renew", active(true)),
        ("active_no_auto_renew", active(false)),
        ("active_direct_purchase", direct_purchase()),
        (
            "suspended",
            with_state(LicenceState::Suspended {
                term: t,
                auto_renew: true,
                since: n - days(5),
                cancels_at: n + days(25),
            }),
        ),
        (
            "expired_grace",
            with_state(LicenceState::Expired { at: n - days(10) }),
        ),
        (
            "expired_reactivatable",
            with_state(LicenceState::Expired { at: n - days(40) }),
        ),
        (
            "expired_lapsed",
            with_state(LicenceState::Expired { at: n - days(60) }),
        ),
        (
            "revoked",
            with_state(LicenceState::Revoked { at: n - days(1) }),
        ),
        (
            "removed",
            with_state(LicenceState::Removed { at: n - days(1) }),
        ),
        (
            "cancelled_by_request",
            with_state(LicenceState::Cancelled {
                at: n - days(1),
                by: CancelledBy::Request,
            }),
        ),
        (
            "cancelled_by_suspension",
            with_state(LicenceState::Cancelled {
                at: n - days(1),
                by: CancelledBy::Suspension,
            }),
        ),
    ]
}

fn commands(licence: &Licence) -> Vec<(&'static str, C, Actor)> {
    let p = Policy::standard();
    let mut out = vec![
        (
            "reactivate_365",
            C::Reactivate {
                term_days: 365,
                auto_renew: false,
            },
            partner(),
        ),
        ("suspend", C::Suspend, partner()),
        ("resume", C::Resume, partner()),
        ("cancel", C::Cancel, partner()),
        ("revoke_by_vendor", C::Revoke, vendor()),
        ("revoke_by_partner", C::Revoke, partner()),
        ("remove", C::Remove, partner()),
        (
            "change_seats_to_12",
            C::ChangeSeats { seats: 12 },
            partner(),
        ),
        (
            "change_seats_to_same",
            C::ChangeSeats { seats: 10 },
            partner(),
        ),
        ("change_seats_to_0", C::ChangeSeats { seats: 0 }, partner()),
        ("set_auto_renew_on", C::SetAutoRenew { on: true }, partner()),
        (
            "set_auto_renew_off",
            C::SetAutoRenew { on: false },
            partner(),
        ),
    ];
    if let Some(next) = licence.timers(&customer(), &p).next() {
        out.push(("deliver_next_timer_early", C::Deliver(next), partner()));
    }
    out.push((
        "deliver_stale_timer",
        C::Deliver(Timer {
            key: TimerKey::TermEnd {
                customer: customer(),
                licence: "L-1".into(),
            },
            due: now() - days(400),
        }),
        partner(),
    ));
    out
}

fn outcome(
    result: Result<channel_licensing::Decision<channel_licensing::LicenceEvent>, Error>,
) -> Value {
    match result {
        Ok(decision) if decision.is_empty() => json!("accepted: no-op"),
        Ok(decision) => json!({ "accepted": decision }),
        Err(Error::Refused(r)) => json!({
            "refused": r.rule().id(),
            "earliest": r.earliest(),
            "message": r.to_string(),
        }),
        Err(other) => json!({ "error": other.to_string() }),
    }
}

/// LIC-1 … LIC-13: what every command gives from every state.
#[test]
fn state_command_matrix() {
    let p = Policy::standard();
    let mut matrix = serde_json::Map::new();
    for (name, licence) in states() {
        let mut row = serde_json::Map::new();
        for (command_name, command, actor) in commands(&licence) {
            let result = licence.decide(&customer(), &command, &Context::new(now(), &actor, &p));
            row.insert(command_name.to_owned(), outcome(result));
        }
        matrix.insert(name.to_owned(), Value::Object(row));
    }
    insta::assert_json_snapshot!("licence_state_command_matrix", matrix);
}

fn stamp() -> PolicyStamp {
    Policy::standard().stamp()
}

/// Every event variant, in its envelope.
#[test]
fn wire_events() {
    let n = now();
    let t = year_2026();
    let changes = [
        LicenceChange::Renewed {
            term: t,
            renewals: 1,
        },
        LicenceChange::Expired { at: n },
        LicenceChange::Reactivated {
            term: t,
            auto_renew: true,
            phase: PhaseName::Reactivatable,
            interrupted: true,
        },
        LicenceChange::Suspended {
            since: n,
            cancels_at: n + days(30),
        },
        LicenceChange::Resumed,
        LicenceChange::Cancelled {
            at: n,
            by: CancelledBy::Request,
            forfeited_days: 214,
            forfeited: None,
            refund: None,
        },
        // POL-4: a priced licence's forfeited amount.
        LicenceChange::Cancelled {
            at: n,
            by: CancelledBy::Suspension,
            forfeited_days: 214,
            forfeited: Some(channel_licensing::Money::new(
                rust_decimal::Decimal::new(7329, 2),
                "EUR".parse().unwrap(),
            )),
            refund: None,
        },
        // POL-2: a refund inside the window.
        LicenceChange::Cancelled {
            at: n,
            by: CancelledBy::Request,
            forfeited_days: 0,
            forfeited: None,
            refund: Some(channel_licensing::Money::new(
                rust_decimal::Decimal::from(11_770),
                "JPY".parse().unwrap(),
            )),
        },
        LicenceChange::Revoked { at: n },
        LicenceChange::Removed { at: n },
        LicenceChange::SeatsChanged { from: 10, to: 12 },
        LicenceChange::AutoRenewChanged { on: false },
        LicenceChange::ReminderDue {
            before: ReminderTarget::TermEnd,
            days: 30,
            ends: t.ends,
            due: t.ends - days(30),
        },
        LicenceChange::ReminderSkipped {
            before: ReminderTarget::TrialEnd,
            days: 3,
            ends: t.ends,
            due: t.ends - days(3),
        },
    ];
    // Adding an event variant breaks this match: add it to the list above.
    for change in &changes {
        match change {
            LicenceChange::Renewed { .. }
            | LicenceChange::Expired { .. }
            | LicenceChange::Reactivated { .. }
            | LicenceChange::Suspended { .. }
            | LicenceChange::Resumed
            | LicenceChange::Cancelled { .. }
            | LicenceChange::Revoked { .. }
            | LicenceChange::Removed { .. }
            | LicenceChange::SeatsChanged { .. }
            | LicenceChange::AutoRenewChanged { .. }
            | LicenceChange::ReminderDue { .. }
            | LicenceChange::ReminderSkipped { .. } => {}
        }
    }
    let events: Vec<_> = changes
        .into_iter()
        .map(|change| channel_licensing::LicenceEvent {
            licence: "L-1".into(),
            decided_at: n,
            policy: stamp(),
            change,
        })
        .collect();
    for event in &events {
        let json = serde_json::to_string(event).unwrap();
        let back: channel_licensing::LicenceEvent = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, event, "round trip");
    }
    insta::assert_json_snapshot!("wire_licence_events", events);
}

/// Every effect variant, with every timer key.
#[test]
fn wire_effects() {
    let keys = [
        TimerKey::TermEnd {
            customer: customer(),
            licence: "L-1".into(),
        },
        TimerKey::TrialEnd {
            customer: customer(),
            licence: "L-1".into(),
        },
        TimerKey::SuspensionCancellation {
            customer: customer(),
            licence: "L-1".into(),
        },
        TimerKey::Reminder {
            customer: customer(),
            licence: "L-1".into(),
            before: ReminderTarget::TrialEnd,
            days: 3,
        },
    ];
    let mut effects = Vec::new();
    for key in keys {
        effects.push(json!({ "display_key": key.to_string() }));
        let schedule = Effect::Schedule(Timer {
            key: key.clone(),
            due: now(),
        });
        let cancel = Effect::Cancel { key };
        for effect in [schedule, cancel] {
            let back: Effect =
                serde_json::from_value(serde_json::to_value(&effect).unwrap()).unwrap();
            assert_eq!(back, effect);
            effects.push(serde_json::to_value(&effect).unwrap());
        }
    }
    insta::assert_json_snapshot!("wire_effects", effects);
}

/// Every refusal reason: its JSON and the sentence a support agent pastes.
#[test]
fn wire_refusals() {
    let p = Policy::standard();
    let ms = Policy::microsoft_new_commerce();
    let n = now();
    let suspended = apply(
        active(true),
        &given(&active(true))
            .when(&partner(), C::Suspend)
            .at(n - days(40))
            .accepted(),
    );
    let cases: Vec<(&str, Result<_, Error>)> = vec![
        (
            "terminal_state",
            given(&with_state(LicenceState::Revoked { at: n }))
                .under(&p)
                .when(&partner(), C::Suspend)
                .at(n)
                .outcome(),
        ),
        (
            "wrong_state",
            given(&expired_at("2026-05-20T00:00:00Z"))
                .under(&p)
                .when(&partner(), C::Resume)
                .at(n)
                .outcome(),
        ),
        (
            "too_few_seats",
            given(&active(true))
                .under(&p)
                .when(&partner(), C::ChangeSeats { seats: 0 })
                .at(n)
                .outcome(),
        ),
        (
            "term_too_short",
            given(&expired_at("2026-05-20T00:00:00Z"))
                .under(&p)
                .when(
                    &partner(),
                    C::Reactivate {
                        term_days: 0,
                        auto_renew: false,
                    },
                )
                .at(n)
                .outcome(),
        ),
        (
            "reactivation_window_closed",
            given(&expired_at("2026-01-10T00:00:00Z"))
                .under(&p)
                .when(
                    &partner(),
                    C::Reactivate {
                        term_days: 30,
                        auto_renew: false,
                    },
                )
                .at(n)
                .outcome(),
        ),
        (
            "phase_forbids",
            given(&expired_at("2026-05-20T00:00:00Z"))
                .under(&ms)
                .when(
                    &partner(),
                    C::Reactivate {
                        term_days: 30,
                        auto_renew: false,
                    },
                )
                .at(n)
                .outcome(),
        ),
        (
            "suspension_cancelled",
            given(&suspended)
                .under(&p)
                .when(&partner(), C::Resume)
                .at(n)
                .outcome(),
        ),
        (
            "not_due_yet",
            given(&active(true))
                .under(&p)
                .when(
                    &partner(),
                    C::Deliver(timer(&active(true), &p, "/term_end")),
                )
                .at(n)
                .outcome(),
        ),
        (
            "seat_decrease_window_closed",
            given(&active(true))
                .under(&ms)
                .when(&partner(), C::ChangeSeats { seats: 5 })
                .at(n)
                .outcome(),
        ),
        (
            "direct_purchase",
            given(&direct_purchase())
                .under(&p)
                .when(&partner(), C::Cancel)
                .at(n)
                .outcome(),
        ),
        (
            "other_partners_licence",
            given(&active(true))
                .under(&p)
                .when(
                    &Actor::Partner(
                        channel_licensing::PartnerUser::new("beta", "eu")
                            .with_roles([channel_licensing::Role::AccountAdmin]),
                    ),
                    C::Cancel,
                )
                .at(n)
                .outcome(),
        ),
        (
            "missing_right",
            given(&active(true))
                .under(&p)
                .when(
                    &Actor::CustomerAdmin {
                        customer: "rossi".into(),
                    },
                    C::Revoke,
                )
                .at(n)
                .outcome(),
        ),
    ];
    let mut out = serde_json::Map::new();
    for (name, result) in cases {
        let r = refusal(result);
        // Adding a reason variant makes this test list it (non-exhaustive: wildcard).
        let kind = match r.reason() {
            Reason::TerminalState { .. } => "terminal_state",
            Reason::WrongState { .. } => "wrong_state",
            Reason::TooFewSeats { .. } => "too_few_seats",
            Reason::TermTooShort { .. } => "term_too_short",
            Reason::ReactivationWindowClosed { .. } => "reactivation_window_closed",
            Reason::PhaseForbids { .. } => "phase_forbids",
            Reason::SuspensionCancelled { .. } => "suspension_cancelled",
            Reason::NotDueYet { .. } => "not_due_yet",
            Reason::MissingRight { .. } => "missing_right",
            Reason::DirectPurchase { .. } => "direct_purchase",
            Reason::OtherPartnersLicence { .. } => "other_partners_licence",
            Reason::SeatDecreaseWindowClosed { .. } => "seat_decrease_window_closed",
            _ => panic!("a new refusal reason needs a case here"),
        };
        assert_eq!(kind, name);
        let back: channel_licensing::Refusal =
            serde_json::from_value(serde_json::to_value(&r).unwrap()).unwrap();
        assert_eq!(back, r);
        out.insert(
            name.to_owned(),
            json!({ "json": r, "display": r.to_string() }),
        );
    }
    insta::assert_json_snapshot!("wire_refusals", out);
}

/// Every state, every command and both preset policies.
#[test]
fn wire_states_commands_and_policies() {
    let states: Vec<_> = states().into_iter().map(|(_, l)| l).collect();
    let licence = active(true);
    let commands: Vec<_> = commands(&licence).into_iter().map(|(_, c, _)| c).collect();
    for c in &commands {
        let back: C = serde_json::from_value(serde_json::to_value(c).unwrap()).unwrap();
        assert_eq!(&back, c);
    }
    for l in &states {
        let back: Licence = serde_json::from_value(serde_json::to_value(l).unwrap()).unwrap();
        assert_eq!(&back, l);
    }
    let priced = active(true).with_price(channel_licensing::Money::new(
        rust_decimal::Decimal::new(1250, 2),
        "EUR".parse().unwrap(),
    ));
    insta::assert_json_snapshot!(
        "wire_licence_states",
        json!({ "states": states, "priced": priced })
    );
    insta::assert_json_snapshot!("wire_licence_commands", commands);
    insta::assert_json_snapshot!(
        "wire_policies",
        json!({ "standard": Policy::standard(), "microsoft_new_commerce": Policy::microsoft_new_commerce() })
    );
    let actors = [
        partner(),
        vendor(),
        Actor::CustomerAdmin {
            customer: "rossi".into(),
        },
    ];
    insta::assert_json_snapshot!("wire_actors", actors);
}
