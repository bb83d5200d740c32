//! Every licence command at chrono's limits is a decision or an error value.

use super::*;

/// Licences in every state, with terms and instants at chrono's limits; the
/// second of each pair has `u32::MAX` seats at the largest price.
fn extreme_licences() -> Vec<Licence> {
    let mut states = Vec::new();
    for term in extreme_terms() {
        let since = term.starts;
        states.push(LicenceState::Trial { term });
        for auto_renew in [true, false] {
            states.push(LicenceState::Active { term, auto_renew });
        }
        for cancels_at in [since.checked_add_signed(day(30)).unwrap_or(MAX), MAX] {
            states.push(LicenceState::Suspended {
                term,
                auto_renew: true,
                since,
                cancels_at,
            });
        }
    }
    for at in extreme_instants() {
        states.push(LicenceState::Expired { at });
    }
    for at in [MIN, MAX] {
        states.push(LicenceState::Revoked { at });
        states.push(LicenceState::Removed { at });
        states.push(LicenceState::Cancelled {
            at,
            by: CancelledBy::Suspension,
        });
    }
    let mut licences = Vec::new();
    for state in states {
        licences.push(
            Licence::new("L-1", "endpoint", 10, state, by_acme())
                .unwrap()
                .with_price(eur("12.50")),
        );
        licences.push(
            Licence::new("L-1", "endpoint", u32::MAX, state, by_acme())
                .unwrap()
                .with_price(Money::new(Decimal::MAX, "JPY".parse().unwrap())),
        );
    }
    licences
}

fn licence_commands(licence: &Licence, policy: &Policy) -> Vec<LicenceCommand> {
    let mut commands = vec![
        LicenceCommand::Reactivate {
            term_days: 1,
            auto_renew: false,
        },
        LicenceCommand::Reactivate {
            term_days: u32::MAX,
            auto_renew: true,
        },
        LicenceCommand::Reactivate {
            term_days: 0,
            auto_renew: true,
        },
        LicenceCommand::Suspend,
        LicenceCommand::Resume,
        LicenceCommand::Cancel,
        LicenceCommand::Revoke,
        LicenceCommand::Remove,
        LicenceCommand::ChangeSeats { seats: 0 },
        LicenceCommand::ChangeSeats { seats: 1 },
        LicenceCommand::ChangeSeats { seats: u32::MAX },
        LicenceCommand::SetAutoRenew { on: true },
        LicenceCommand::SetAutoRenew { on: false },
    ];
    for due in [MIN, MAX] {
        commands.push(LicenceCommand::Deliver(Timer {
            key: TimerKey::TermEnd {
                customer: customer(),
                licence: licence.id.clone(),
            },
            due,
        }));
    }
    commands.push(LicenceCommand::Deliver(Timer {
        key: TimerKey::TrialEnd {
            customer: customer(),
            licence: "L-other".into(),
        },
        due: MIN,
    }));
    // This licence's ID, another customer's key: stale here.
    commands.push(LicenceCommand::Deliver(Timer {
        key: TimerKey::TermEnd {
            customer: "bianchi".into(),
            licence: licence.id.clone(),
        },
        due: MIN,
    }));
    commands.extend(
        licence
            .timers(&customer(), policy)
            .map(LicenceCommand::Deliver),
    );
    commands
}

/// Checks an accepted licence decision against the contract (README): the
/// events name the licence and `now`, applying the effects to an outbox
/// that held the licence's timers leaves exactly the new state's timers,
/// none of them overdue, and every event survives JSON.
fn check_licence_decision(
    licence: &Licence,
    decision: &channel_licensing::Decision<LicenceEvent>,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Result<(), String> {
    let after = decision.events().fold(licence.clone(), Licence::evolve);
    let mut outbox: BTreeMap<String, DateTime<Utc>> = licence
        .timers(&customer(), policy)
        .map(|t| (t.key.to_string(), t.due))
        .collect();
    for effect in decision.effects() {
        match effect {
            Effect::Schedule(timer) => {
                outbox.insert(timer.key.to_string(), timer.due);
            }
            Effect::Cancel { key } => {
                outbox.remove(&key.to_string());
            }
            Effect::PropagateName { .. } => return Err("a licence propagated a name".into()),
        }
    }
    let expected: BTreeMap<String, DateTime<Utc>> = after
        .timers(&customer(), policy)
        .map(|t| (t.key.to_string(), t.due))
        .collect();
    if outbox != expected {
        return Err(format!("outbox {outbox:?}, timers {expected:?}"));
    }
    if let Some(overdue) = after.timers(&customer(), policy).find(|t| t.due <= now) {
        return Err(format!("overdue after the decision: {overdue:?}"));
    }
    for event in decision.events() {
        if event.decided_at != now || event.licence != licence.id {
            return Err(format!("{event:?}"));
        }
    }
    let _ = (after.status(now, policy), after.is_terminal(now, policy));
    // JSON at the very ends of time (elsewhere it is cheap to trust).
    if now == MIN || now == MAX {
        for event in decision.events() {
            reserializes(event)?;
        }
        reserializes(&after)?;
    }
    Ok(())
}

/// Every licence command, in every state, with terms, expiries and `now`
/// at chrono's limits, under the standard, Microsoft and a maximal policy:
/// an accepted decision that keeps the contract, a refusal, or
/// `Error::TimeOutOfRange` (`Error::AmountOutOfRange` for the priciest
/// licences); never a panic.
#[test]
fn every_licence_command_at_chronos_limits_is_a_decision_or_an_error_value() {
    let policies = [
        Policy::standard(),
        Policy::microsoft_new_commerce(),
        extreme_policy(),
    ];
    // The vendor may send every licence command (LIC-9); a partner's only
    // extra checks (BILL-6, LIC-9) do no time arithmetic.
    let vendor = Actor::Vendor;
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for licence in extreme_licences() {
        let priciest = licence.seats == u32::MAX;
        for policy in &policies[..if priciest { 2 } else { 3 }] {
            for command in licence_commands(&licence, policy) {
                for now in extreme_instants() {
                    let ctx = Context::new(now, &vendor, policy);
                    let outcome = match &licence.decide(&customer(), &command, &ctx) {
                        Ok(decision) => {
                            if let Err(problem) =
                                check_licence_decision(&licence, decision, now, policy)
                            {
                                problems
                                    .push(format!("{licence:?} {command:?} at {now}: {problem}"));
                            }
                            "accepted"
                        }
                        Err(Error::Refused(refusal)) => {
                            let _ = refusal.to_string();
                            "refused"
                        }
                        Err(Error::TimeOutOfRange) => "time out of range",
                        Err(Error::Money(MoneyError::AmountOutOfRange)) if priciest => {
                            "amount out of range"
                        }
                        Err(other) => {
                            problems.push(format!("{licence:?} {command:?} at {now}: {other:?}"));
                            "other"
                        }
                    };
                    *outcomes.entry(outcome).or_default() += 1;
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems: {:#?}",
        problems.len(),
        &problems[..problems.len().min(5)]
    );
    for outcome in [
        "accepted",
        "refused",
        "time out of range",
        "amount out of range",
    ] {
        assert!(
            outcomes.get(outcome).is_some_and(|n| *n > 0),
            "{outcomes:?}"
        );
    }
}
