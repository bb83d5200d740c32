//! Regressions of bugs that bad input found, each fixed and kept.

use super::*;

// ============================================ regressions of bugs found here

/// Fixed (REL-9 with LIC-13): when a scheduled unlink is due but not yet
/// delivered, `Account::decide` applies it first (unlinked, and the
/// unlinking partner's active licences removed, as `end_monthly_licences`
/// does) and
/// then decides a licence command against the licence as it was *before*
/// that removal. The decision removes L-1 and then changes it again:
/// `ChangeSeats` leaves a removed licence with new seats, `Cancel` turns
/// the removed licence into a cancelled one, `Suspend` schedules a
/// suspension's cancellation for a removed licence (the outbox no longer
/// equals `Account::timers`). Expected: the command is judged against the
/// removed licence (LIC-13), as a licence's own `decide` does after a
/// catch-up. L-1 is acme's, so beta's commands are refused by SUB-1 before
/// its state is judged; the vendor's reach LIC-13.
#[test]
fn a_licence_command_after_a_due_unlink_is_judged_on_the_removed_licence() {
    let policy = Policy::standard();
    // A monthly-usage account whose unlink from acme was scheduled (REL-7:
    // now a trial), also linked with beta (REL-1); the unlink is due at
    // midnight and was not delivered yet.
    let unlink_at = at("2026-07-01T00:00:00Z");
    let account = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Trial,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::UnlinkScheduled { unlink_at })
    .with_relationship("beta", RelationshipState::Linked)
    .with_licence(Licence::active("L-1", "endpoint", 10, year_2026(), true, by_acme()).unwrap());
    let now = at("2026-07-01T09:00:00Z");
    let beta = Actor::Partner(PartnerUser::new("beta", "eu").with_roles([Role::AccountAdmin]));
    let mut failures = Vec::new();
    for (actor, rule) in [(Actor::Vendor, Rule::Lic13), (beta, Rule::Sub1)] {
        for command in [
            LicenceCommand::ChangeSeats { seats: 20 },
            LicenceCommand::Cancel,
            LicenceCommand::Suspend,
        ] {
            let command = AccountCommand::Licence {
                licence: "L-1".into(),
                command,
            };
            match account.decide(&command, &Context::new(now, &actor, &policy)) {
                Err(Error::Refused(refusal)) if refusal.rule() == rule => {}
                Ok(decision) => {
                    let after = decision.events().fold(account.clone(), Account::evolve);
                    let changes: Vec<String> = decision
                        .events()
                        .map(|e| serde_json::to_string(&e.change).unwrap())
                        .collect();
                    let problem =
                        check_account_decision(&account, &command, &decision, now, &policy).err();
                    if changes_a_licence_after_removing_it(&decision) || problem.is_some() {
                        failures.push(format!(
                            "{actor} {command:?}: accepted with {changes:#?}; L-1 ends {:?} with {} seats; {problem:?}",
                            after.licences[0].state, after.licences[0].seats
                        ));
                    }
                }
                other => failures.push(format!("{actor} {command:?}: {other:?}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Emptied seat batches (an empty list, or batches of no seat) on a licence
/// with a term used to load and then change on the next save/load cycle,
/// and with them POL-2's answer. A licence with a term keeps its batches
/// adding up to its seats, so neither loads now: the error names the
/// field.
#[test]
fn emptied_seat_batches_do_not_load() {
    for (batches, problem) in [
        (
            json!([]),
            "seat_batches: 0 seats in batches, not the licence's 10 (POL-2)",
        ),
        (
            json!([{"seats": 0, "added_at": "2026-01-01T00:00:00Z"}]),
            "seat batch 0 has no seat",
        ),
    ] {
        let stored = with(&active_licence(), "/seat_batches", batches);
        let err = channel_licensing::from_json::<Licence>(&stored).unwrap_err();
        assert!(err.to_string().contains(problem), "{err}");
    }
    // Without the field, every seat is in one batch at the term's start.
    let stored = without(&active_licence(), "/seat_batches");
    let loaded: Licence = serde_json::from_str(&stored).unwrap();
    assert_eq!(loaded, active_licence());
}

/// Fixed (wire format): an internally tagged enum that was
/// `#[serde(flatten)]`ed into its parent accepted the variant's index as its
/// tag, a serde quirk of buffered (flattened) content: a licence stored with `"state":1` loads as
/// active, a relationship with `"state":1` as linked, a licence event with
/// `"type":4` is a resume and an account event with `"type":1` a billing
/// change. The documented wire format names variants in snake case only (the
/// same enums reject numbers when not flattened, e.g. `{"type":3}` as a
/// `LicenceCommand`); a number there is malformed input.
#[test]
fn flattened_tags_reject_numeric_variant_indices() {
    // Not flattened: rejected, as it should be.
    assert!(serde_json::from_str::<LicenceCommand>(r#"{"type":3}"#).is_err());
    assert!(
        serde_json::from_str::<LicenceState>(r#"{"state":4,"at":"2026-01-01T00:00:00Z"}"#).is_err()
    );
    let mut accepted = Vec::new();
    let licence = with(&active_licence(), "/state", json!(1));
    if let Ok(licence) = serde_json::from_str::<Licence>(&licence) {
        accepted.push(format!("licence \"state\":1 is {:?}", licence.state));
    }
    if let Ok(relationship) =
        serde_json::from_str::<Relationship>(r#"{"partner":"acme","state":1}"#)
    {
        accepted.push(format!(
            "relationship \"state\":1 is {:?}",
            relationship.state
        ));
    }
    let event = r#"{"licence":"L-1","decided_at":"2026-01-01T00:00:00Z","policy":{"name":"standard","version":1},"type":4}"#;
    if let Ok(event) = serde_json::from_str::<LicenceEvent>(event) {
        accepted.push(format!("licence event \"type\":4 is {:?}", event.change));
    }
    let event = r#"{"customer":"rossi","decided_at":"2026-01-01T00:00:00Z","policy":{"name":"standard","version":1},"type":1,"from":"trial","to":"term"}"#;
    if let Ok(event) = serde_json::from_str::<AccountEvent>(event) {
        accepted.push(format!("account event \"type\":1 is {:?}", event.change));
    }
    assert!(accepted.is_empty(), "{accepted:#?}");
}
