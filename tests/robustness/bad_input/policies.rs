//! Invalid policies: every `PolicyError` is reachable through the builder and
//! through JSON; builder JSON keeps its overrides.

use super::*;

// ================================================================ 5. policies

fn phases_with(phases: Vec<Phase>) -> PolicyBuilder {
    Policy::standard()
        .to_builder()
        .name("custom")
        .phases(phases)
}

/// Every invalid setting `PolicyBuilder::build` can meet, with the builder
/// call that makes it.
fn invalid_policies() -> Vec<(PolicyBuilder, PolicyError)> {
    use PhaseName::{Grace, Lapsed, Reactivatable};
    let none = Allowances::NONE;
    let kept = none.with_data_kept();
    let standard = || Policy::standard().to_builder();
    let most = i64::from(u32::MAX);
    vec![
        (standard().name(""), PolicyError::BlankName),
        (standard().name(" \t\n"), PolicyError::BlankName),
        (phases_with(vec![]), PolicyError::NoPhases),
        (PolicyBuilder::new("custom", 1), PolicyError::NoPhases),
        (
            phases_with(vec![
                Phase::open_ended(Grace, none),
                Phase::open_ended(Lapsed, none),
            ]),
            PolicyError::OpenEndedPhaseNotLast { phase: Grace },
        ),
        (
            phases_with(vec![Phase::until_day(Grace, 30, none)]),
            PolicyError::LastPhaseEnds { phase: Grace },
        ),
        (
            standard().expired_grace_days(0),
            PolicyError::EmptyPhase {
                phase: Grace,
                ends_on_day: 0,
                starts_on_day: 0,
            },
        ),
        (
            standard().expired_grace_days(i64::MIN),
            PolicyError::EmptyPhase {
                phase: Grace,
                ends_on_day: i64::MIN,
                starts_on_day: 0,
            },
        ),
        (
            phases_with(vec![
                Phase::until_day(Grace, 30, none),
                Phase::until_day(Reactivatable, 30, none),
                Phase::open_ended(Lapsed, none),
            ]),
            PolicyError::EmptyPhase {
                phase: Reactivatable,
                ends_on_day: 30,
                starts_on_day: 30,
            },
        ),
        (
            standard().expired_grace_days(61),
            PolicyError::GraceLongerThanReactivation {
                grace_days: 61,
                reactivation_days: 60,
            },
        ),
        // A window too long is out of range before LIC-6 is asked (POL-5).
        (
            standard().expired_grace_days(1_000_000_000_000),
            PolicyError::DaysOutOfRange {
                what: "a phase's end",
                days: 1_000_000_000_000,
            },
        ),
        (
            standard().suspension_cancels_after_days(i64::from(Policy::MAX_DAYS) + 1),
            PolicyError::DaysOutOfRange {
                what: "the suspension's cancellation",
                days: 3651,
            },
        ),
        (
            standard().suspension_cancels_after_days(most),
            PolicyError::DaysOutOfRange {
                what: "the suspension's cancellation",
                days: most,
            },
        ),
        (
            phases_with(vec![
                Phase::until_day(Grace, 10, none),
                Phase::until_day(Reactivatable, 20, kept),
                Phase::open_ended(Lapsed, none),
            ]),
            PolicyError::AllowanceRegained {
                allowance: Allowance::DataKept,
                phase: Reactivatable,
            },
        ),
        (
            phases_with(vec![
                Phase::until_day(Grace, 10, none.with_user_access()),
                Phase::open_ended(Lapsed, none.with_user_access()),
            ]),
            PolicyError::EndlessAllowance {
                allowance: Allowance::UserAccess,
                phase: Lapsed,
            },
        ),
        (
            phases_with(vec![
                Phase::until_day(Grace, 10, none.with_reactivation()),
                Phase::open_ended(Lapsed, none.with_reactivation()),
            ]),
            PolicyError::EndlessAllowance {
                allowance: Allowance::Reactivation,
                phase: Lapsed,
            },
        ),
        (
            phases_with(vec![
                Phase::until_day(Grace, 10, none.with_unlink_blocked()),
                Phase::open_ended(Lapsed, none.with_unlink_blocked()),
            ]),
            PolicyError::EndlessAllowance {
                allowance: Allowance::UnlinkBlocked,
                phase: Lapsed,
            },
        ),
        (
            standard().reactivation_window_days(most + 1),
            PolicyError::DaysOutOfRange {
                what: "a phase's end",
                days: most + 1,
            },
        ),
        (
            standard().term_end_reminders([0]),
            PolicyError::DaysOutOfRange {
                what: "a reminder offset",
                days: 0,
            },
        ),
        (
            standard().trial_end_reminders([-1]),
            PolicyError::DaysOutOfRange {
                what: "a reminder offset",
                days: -1,
            },
        ),
        (
            standard().term_end_reminders([most + 1]),
            PolicyError::DaysOutOfRange {
                what: "a reminder offset",
                days: most + 1,
            },
        ),
        (
            standard().suspension_cancels_after_days(0),
            PolicyError::DaysOutOfRange {
                what: "the suspension's cancellation",
                days: 0,
            },
        ),
        (
            standard().suspension_cancels_after_days(i64::MAX),
            PolicyError::DaysOutOfRange {
                what: "the suspension's cancellation",
                days: i64::MAX,
            },
        ),
        (
            standard().refund_window_days(Some(-7)),
            PolicyError::DaysOutOfRange {
                what: "the refund window",
                days: -7,
            },
        ),
        (
            standard().seat_decrease_window_days(Some(0)),
            PolicyError::DaysOutOfRange {
                what: "the seat-decrease window",
                days: 0,
            },
        ),
        (
            standard().term_end_reminders([30, 7, 30]),
            PolicyError::DuplicateReminder {
                target: "term end",
                days: 30,
            },
        ),
        (
            standard().trial_end_reminders([3, 3]),
            PolicyError::DuplicateReminder {
                target: "trial end",
                days: 3,
            },
        ),
        (
            standard().term_end_reminders(1..=9),
            PolicyError::TooManyReminders {
                target: "term end",
                count: 9,
                max: Policy::MAX_REMINDERS,
            },
        ),
        (
            standard().trial_end_reminders(vec![1; 10_000]),
            PolicyError::TooManyReminders {
                target: "trial end",
                count: 10_000,
                max: Policy::MAX_REMINDERS,
            },
        ),
        (
            standard().transfer_threshold(0),
            PolicyError::ZeroTransferThreshold,
        ),
        (
            standard().display_name_max_chars(0),
            PolicyError::ZeroDisplayNameLength,
        ),
        (
            standard().display_name_max_chars(256),
            PolicyError::DisplayNameTooLong { chars: 256 },
        ),
        (
            PolicyBuilder::new("custom", 1).expired_grace_days(10),
            PolicyError::NoSuchPhase {
                allowance: Allowance::UserAccess,
            },
        ),
        (
            Policy::microsoft_new_commerce()
                .to_builder()
                .name("custom")
                .reactivation_window_days(60),
            PolicyError::NoSuchPhase {
                allowance: Allowance::Reactivation,
            },
        ),
    ]
}

/// LIC-6, POL-5: every `PolicyError` variant comes out of
/// `PolicyBuilder::build` (and `Policy::try_from`) for the settings that
/// cause it, as that variant with the offending values.
#[test]
fn every_policy_error_is_reachable_through_the_builder() {
    let mut variants = BTreeSet::new();
    for (builder, expected) in invalid_policies() {
        let via_try_from = Policy::try_from(builder.clone());
        assert_eq!(builder.build(), Err(expected.clone()));
        assert_eq!(via_try_from, Err(expected.clone()));
        // As part of the crate's error, the message is the policy's.
        assert_eq!(
            Error::from(expected.clone()).to_string(),
            expected.to_string()
        );
        variants.insert(
            format!("{expected:?}")
                .split([' ', '{'])
                .next()
                .unwrap()
                .to_owned(),
        );
    }
    assert_eq!(variants.len(), 15, "{variants:?}");
}

/// The same invalid settings in a policy's JSON (its serialized form is the
/// builder's): each is a data error whose message is the `PolicyError`'s.
/// `NoSuchPhase` comes only from the builder's overrides, which are not
/// part of the JSON.
#[test]
fn every_policy_error_is_reachable_through_json() {
    let mut variants = BTreeSet::new();
    for (builder, expected) in invalid_policies() {
        if matches!(expected, PolicyError::NoSuchPhase { .. }) {
            continue;
        }
        let mut json = serde_json::to_string(&builder).unwrap();
        let serialized: PolicyBuilder = serde_json::from_str(&json).unwrap();
        if serialized.build().is_ok() {
            // The error came from `expired_grace_days` or
            // `reactivation_window_days`, which `build` applies to the phases
            // and the JSON does not hold: write them into the phases.
            json = apply_overrides(&json, &expected);
        }
        rejects::<Policy>(&json, Category::Data, &expected.to_string());
        variants.insert(
            format!("{expected:?}")
                .split([' ', '{'])
                .next()
                .unwrap()
                .to_owned(),
        );
    }
    assert_eq!(variants.len(), 14, "{variants:?}");
    // Fields a policy cannot do without, and values of the wrong type.
    let standard = Policy::standard();
    for field in [
        "name",
        "version",
        "phases",
        "term_end_reminders",
        "trial_end_reminders",
        "calendar",
        "transfer_threshold",
        "suspension_cancels_after_days",
    ] {
        let json = without(&standard, &format!("/{field}"));
        rejects::<Policy>(&json, Category::Data, &format!("missing field `{field}`"));
    }
    for (path, new, fragment) in [
        ("/calendar", json!("Mars/Olympus_Mons"), "Mars/Olympus_Mons"),
        ("/calendar", json!(""), ""),
        ("/calendar", json!(1), "invalid type"),
        ("/version", json!(-1), "expected u32"),
        (
            "/transfer_threshold",
            json!(4_294_967_296_u64),
            "expected u32",
        ),
        ("/display_name_max_chars", json!(-255), "expected u32"),
        (
            "/term_end_reminders",
            json!([30.5]),
            "invalid type: floating point",
        ),
        ("/term_end_reminders", json!(30), "invalid type"),
        ("/phases/0/until_day", json!("30"), "invalid type"),
        (
            "/phases/0/name",
            json!("purgatory"),
            "unknown variant `purgatory`",
        ),
        ("/phases/0/allows/user_access", json!(1), "invalid type"),
        ("/refund_window_days", json!("7"), "invalid type"),
    ] {
        rejects::<Policy>(&with(&standard, path, new), Category::Data, fragment);
    }
    // A phase without `until_day` is open-ended: here, not the last one.
    let json = without(&standard, "/phases/0/until_day");
    rejects::<Policy>(
        &json,
        Category::Data,
        &PolicyError::OpenEndedPhaseNotLast {
            phase: PhaseName::Grace,
        }
        .to_string(),
    );
}

/// The builder's grace and reactivation overrides, written into the phases
/// of `json` the way `build` applies them.
fn apply_overrides(json: &str, expected: &PolicyError) -> String {
    let mut value: Value = serde_json::from_str(json).unwrap();
    match *expected {
        PolicyError::EmptyPhase { ends_on_day, .. } => {
            value["phases"][0]["until_day"] = json!(ends_on_day)
        }
        PolicyError::GraceLongerThanReactivation { grace_days, .. } => {
            value["phases"][0]["until_day"] = json!(grace_days);
        }
        PolicyError::DaysOutOfRange { days, .. } => value["phases"][1]["until_day"] = json!(days),
        _ => {}
    }
    value.to_string()
}

/// Fixed (POL-5; the overrides are now serialized): `PolicyBuilder` is serializable, but its pending
/// `expired_grace_days` and `reactivation_window_days` overrides are
/// `#[serde(skip)]`ped: a builder sent as JSON and built on the other side
/// gives another policy (here a 30-day grace instead of 45, and a valid
/// policy instead of `GraceLongerThanReactivation`).
#[test]
fn policy_builder_json_keeps_grace_and_reactivation_overrides() {
    for builder in [
        Policy::standard()
            .to_builder()
            .name("custom")
            .expired_grace_days(45),
        Policy::standard()
            .to_builder()
            .name("custom")
            .expired_grace_days(90),
        Policy::standard()
            .to_builder()
            .name("custom")
            .reactivation_window_days(90),
    ] {
        let json = serde_json::to_string(&builder).unwrap();
        let sent: PolicyBuilder = serde_json::from_str(&json).unwrap();
        assert_eq!(sent.clone().build(), builder.clone().build(), "{json}");
        assert_eq!(sent, builder, "{json}");
    }
}
