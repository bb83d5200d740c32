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
fn invalid_policies() -> Vec<(PolicyBuilder, &'static str)> {
    use PhaseName::{Grace, Lapsed, Reactivatable};
    let none = Allowances::NONE;
    let kept = none.with_data_kept();
    let standard = || Policy::standard().to_builder();
    let most = i64::from(u32::MAX);
    vec![
        (standard().name(""), r#"BlankName"#),
        (standard().name(" \t\n"), r#"BlankName"#),
        (phases_with(vec![]), r#"NoPhases"#),
        (PolicyBuilder::new("custom", 1), r#"NoPhases"#),
        (
            phases_with(vec![
                Phase::open_ended(Grace, none),
                Phase::open_ended(Lapsed, none),
            ]),
            r#"OpenEndedPhaseNotLast { phase: Grace }"#,
        ),
        (
            phases_with(vec![Phase::until_day(Grace, 30, none)]),
            r#"LastPhaseEnds { phase: Grace }"#,
        ),
        (
            standard().expired_grace_days(0),
            r#"EmptyPhase { phase: Grace, ends_on_day: 0, starts_on_day: 0 }"#,
        ),
        (
            standard().expired_grace_days(i64::MIN),
            r#"EmptyPhase { phase: Grace, ends_on_day: -9223372036854775808, starts_on_day: 0 }"#,
        ),
        (
            phases_with(vec![
                Phase::until_day(Grace, 30, none),
                Phase::until_day(Reactivatable, 30, none),
                Phase::open_ended(Lapsed, none),
            ]),
            r#"EmptyPhase { phase: Reactivatable, ends_on_day: 30, starts_on_day: 30 }"#,
        ),
        (
            standard().expired_grace_days(61),
            r#"GraceLongerThanReactivation { grace_days: 61, reactivation_days: 60 }"#,
        ),
        // A window too long is out of range before LIC-6 is asked (POL-5).
        (
            standard().expired_grace_days(1_000_000_000_000),
            r#"DaysOutOfRange { what: "a phase's end", days: 1000000000000 }"#,
        ),
        (
            standard().suspension_cancels_after_days(i64::from(Policy::MAX_DAYS) + 1),
            r#"DaysOutOfRange { what: "the suspension's cancellation", days: 3651 }"#,
        ),
        (
            standard().suspension_cancels_after_days(most),
            r#"DaysOutOfRange { what: "the suspension's cancellation", days: 4294967295 }"#,
        ),
        (
            phases_with(vec![
                Phase::until_day(Grace, 10, none),
                Phase::until_day(Reactivatable, 20, kept),
                Phase::open_ended(Lapsed, none),
            ]),
            r#"AllowanceRegained { allowance: DataKept, phase: Reactivatable }"#,
        ),
        (
            phases_with(vec![
                Phase::until_day(Grace, 10, none.with_user_access()),
                Phase::open_ended(Lapsed, none.with_user_access()),
            ]),
            r#"EndlessAllowance { allowance: UserAccess, phase: Lapsed }"#,
        ),
        (
            phases_with(vec![
                Phase::until_day(Grace, 10, none.with_reactivation()),
                Phase::open_ended(Lapsed, none.with_reactivation()),
            ]),
            r#"EndlessAllowance { allowance: Reactivation, phase: Lapsed }"#,
        ),
        (
            phases_with(vec![
                Phase::until_day(Grace, 10, none.with_unlink_blocked()),
                Phase::open_ended(Lapsed, none.with_unlink_blocked()),
            ]),
            r#"EndlessAllowance { allowance: UnlinkBlocked, phase: Lapsed }"#,
        ),
        (
            standard().reactivation_window_days(most + 1),
            r#"DaysOutOfRange { what: "a phase's end", days: 4294967296 }"#,
        ),
        (
            standard().term_end_reminders([0]),
            r#"DaysOutOfRange { what: "a reminder offset", days: 0 }"#,
        ),
        (
            standard().trial_end_reminders([-1]),
            r#"DaysOutOfRange { what: "a reminder offset", days: -1 }"#,
        ),
        (
            standard().term_end_reminders([most + 1]),
            r#"DaysOutOfRange { what: "a reminder offset", days: 4294967296 }"#,
        ),
        (
            standard().suspension_cancels_after_days(0),
            r#"DaysOutOfRange { what: "the suspension's cancellation", days: 0 }"#,
        ),
        (
            standard().suspension_cancels_after_days(i64::MAX),
            r#"DaysOutOfRange { what: "the suspension's cancellation", days: 9223372036854775807 }"#,
        ),
        (
            standard().refund_window_days(Some(-7)),
            r#"DaysOutOfRange { what: "the refund window", days: -7 }"#,
        ),
        (
            standard().seat_decrease_window_days(Some(0)),
            r#"DaysOutOfRange { what: "the seat-decrease window", days: 0 }"#,
        ),
        (
            standard().term_end_reminders([30, 7, 30]),
            r#"DuplicateReminder { target: "term end", days: 30 }"#,
        ),
        (
            standard().trial_end_reminders([3, 3]),
            r#"DuplicateReminder { target: "trial end", days: 3 }"#,
        ),
        (
            standard().term_end_reminders(1..=9),
            r#"TooManyReminders { target: "term end", count: 9, max: 8 }"#,
        ),
        (
            standard().trial_end_reminders(vec![1; 10_000]),
            r#"TooManyReminders { target: "trial end", count: 10000, max: 8 }"#,
        ),
        (standard().transfer_threshold(0), r#"ZeroTransferThreshold"#),
        (
            standard().display_name_max_chars(0),
            r#"ZeroDisplayNameLength"#,
        ),
        (
            standard().display_name_max_chars(256),
            r#"DisplayNameTooLong { chars: 256 }"#,
        ),
        (
            PolicyBuilder::new("custom", 1).expired_grace_days(10),
            r#"NoSuchPhase { allowance: UserAccess }"#,
        ),
        (
            Policy::microsoft_new_commerce()
                .to_builder()
                .name("custom")
                .reactivation_window_days(60),
            r#"NoSuchPhase { allowance: Reactivation }"#,
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
        let Err(error) = builder.build() else {
            panic!("{expected}: built");
        };
        assert_eq!(format!("{error:?}"), expected);
        assert_eq!(via_try_from, Err(error.clone()));
        // As part of the crate's error, the message is the policy's.
        assert_eq!(Error::from(error.clone()).to_string(), error.to_string());
        variants.insert(expected.split([' ', '{']).next().unwrap().to_owned());
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
        let Err(error) = builder.clone().build() else {
            panic!("{expected}: built");
        };
        if matches!(error, PolicyError::NoSuchPhase { .. }) {
            continue;
        }
        let mut json = serde_json::to_string(&builder).unwrap();
        let serialized: PolicyBuilder = serde_json::from_str(&json).unwrap();
        if serialized.build().is_ok() {
            // The error came from `expired_grace_days` or
            // `reactivation_window_days`, which `build` applies to the phases
            // and the JSON does not hold: write them into the phases.
            json = apply_overrides(&json, &error);
        }
        rejects::<Policy>(&json, Category::Data, &error.to_string());
        variants.insert(expected.split([' ', '{']).next().unwrap().to_owned());
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
        "only the last phase may be open-ended, but `grace` is open-ended and not last",
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

/// A policy stamp's name (what an event records of the policy it was
/// decided under) is read only as `PolicyName::new` makes it: one with
/// white space around it is refused, naming it, not trimmed; a blank one
/// is `PolicyName::new`'s error.
#[test]
fn a_stamped_policy_name_with_white_space_around_it_is_refused() {
    let stamp = Policy::standard().stamp();
    let json = with(&stamp, "/name", json!(" standard "));
    let err = channel_licensing::from_json::<PolicyStamp>(&json).unwrap_err();
    assert_eq!(err.path(), "name");
    assert!(
        err.message()
            .starts_with(r#"a policy name may not start or end with white space: " standard ""#),
        "{err}"
    );
    let json = with(&stamp, "/name", json!("  "));
    let err = channel_licensing::from_json::<PolicyStamp>(&json).unwrap_err();
    assert_eq!(err.path(), "name");
    assert!(
        err.message()
            .starts_with(&PolicyError::BlankName.to_string()),
        "{err}"
    );
    let back: PolicyStamp =
        channel_licensing::from_json(&serde_json::to_string(&stamp).unwrap()).unwrap();
    assert_eq!(back, stamp);
}
