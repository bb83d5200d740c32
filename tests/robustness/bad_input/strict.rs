//! Nothing unknown is accepted: for a value of every serialized type, an
//! unknown key added to any object at any depth, and any tag given as a
//! number, is an error whose path (`from_json`) names the key; and the bad
//! inputs that the strict wire boundary was built against, each rejected
//! with its path.

use channel_licensing::from_json;

use super::*;

/// Every object inside `value`, as (JSON pointer, `from_json` path).
fn objects(value: &Value, pointer: &str, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            out.push((pointer.to_owned(), path.to_owned()));
            for (key, child) in map {
                objects(child, &format!("{pointer}/{key}"), &join(path, key), out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                objects(
                    child,
                    &format!("{pointer}/{index}"),
                    &format!("{path}[{index}]"),
                    out,
                );
            }
        }
        _ => {}
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The keys that are tags in the crate's JSON (or, in a refusal's reason,
/// fields read as names): a number there is an error at that key.
const NAMES: [&str; 5] = ["type", "state", "timer", "right", "action"];

#[test]
fn unknown_keys_and_numeric_tags_are_errors_at_every_depth_naming_the_path() {
    struct Strict(Vec<String>, usize);
    impl Visit for Strict {
        fn visit<T>(&mut self, value: &T)
        where
            T: Serialize + DeserializeOwned + PartialEq + Debug,
        {
            let original = serde_json::to_value(value).unwrap();
            let mut found = Vec::new();
            objects(&original, "", "", &mut found);
            let name = type_name::<T>();
            for (pointer, path) in found {
                // An unknown key.
                let mut mutated = original.clone();
                let object = mutated
                    .pointer_mut(&pointer)
                    .unwrap()
                    .as_object_mut()
                    .unwrap();
                object.insert("zzz_unknown".into(), json!(1));
                self.1 += 1;
                match from_json::<T>(&mutated.to_string()) {
                    Ok(_) => self.0.push(format!("{name}: accepted {mutated}")),
                    Err(e) => {
                        let want = join(&path, "zzz_unknown");
                        if e.path() != want || !e.message().contains("unknown field `zzz_unknown`")
                        {
                            self.0
                                .push(format!("{name}: {e} (wanted at {want}) in {mutated}"));
                        }
                    }
                }
                // A tag as a number.
                let object = original.pointer(&pointer).unwrap().as_object().unwrap();
                for tag in NAMES {
                    if object.get(tag).is_some_and(Value::is_string) {
                        let mut mutated = original.clone();
                        mutated.pointer_mut(&pointer).unwrap()[tag] = json!(3);
                        self.1 += 1;
                        match from_json::<T>(&mutated.to_string()) {
                            Ok(_) => self.0.push(format!("{name}: accepted {mutated}")),
                            Err(e) if e.path() == join(&path, tag) => {}
                            Err(e) => self.0.push(format!("{name}: {e} in {mutated}")),
                        }
                    }
                }
            }
        }
    }
    let mut check = Strict(Vec::new(), 0);
    every_serialized_value(&mut check);
    assert!(check.1 > 500, "only {} mutations", check.1);
    assert!(
        check.0.is_empty(),
        "{} problems, the first: {:#?}",
        check.0.len(),
        &check.0[..check.0.len().min(5)]
    );
}

/// The inputs the strict boundary was built against: each an error naming
/// where it is.
#[test]
fn the_reported_unknown_fields_and_numeric_tags_are_errors_naming_the_path() {
    fn path_of<T: DeserializeOwned + Debug>(json: &str) -> String {
        let err = from_json::<T>(json).expect_err(json);
        err.path().to_owned()
    }
    let add = r#"{"type": "add_subscription", "licence": "L-9", "offer": "endpoint", "seats": 5, "term_days": 365, "autorenew": false}"#;
    assert_eq!(path_of::<AccountCommand>(add), "autorenew");
    let priced = r#"{"type": "add_subscription", "licence": "L-9", "offer": "endpoint", "seats": 5, "term_days": 365, "prize": {"amount": "9.99", "currency": "EUR"}}"#;
    assert_eq!(path_of::<AccountCommand>(priced), "prize");
    let rename = r#"{"type": "rename", "name": "Rossi Group", "nmae": "Real"}"#;
    assert_eq!(path_of::<AccountCommand>(rename), "nmae");
    let cancel = r#"{"type": "licence", "licence": "L-1", "command": {"type": 3}}"#;
    assert_eq!(path_of::<AccountCommand>(cancel), "command.type");
    let deliver = r#"{"type": "deliver", "key": {"timer": 0, "customer": "rossi", "licence": "L-1"}, "due": "2026-01-01T00:00:00Z"}"#;
    assert_eq!(path_of::<AccountCommand>(deliver), "key.timer");

    let mut account = serde_json::to_value(
        Account::new(
            "rossi",
            "Rossi SpA",
            "eu",
            BillingType::Term,
            CreatedBy::Partner,
        )
        .with_relationship("acme", RelationshipState::Linked)
        .with_licence(active_licence()),
    )
    .unwrap();
    let mut licence = account.clone();
    let entry = licence["licences"][0].as_object_mut().unwrap();
    entry.remove("bought_by");
    entry.insert("boughtBy".into(), json!("customer"));
    assert_eq!(
        path_of::<Account>(&licence.to_string()),
        "licences[0].boughtBy"
    );
    account["relationships"][0]["delegatedAdmin"] = json!(true);
    assert_eq!(
        path_of::<Account>(&account.to_string()),
        "relationships[0].delegatedAdmin"
    );

    let mut policy = serde_json::to_value(Policy::standard()).unwrap();
    policy["expired_grace_dayz"] = json!(45);
    assert_eq!(path_of::<Policy>(&policy.to_string()), "expired_grace_dayz");
}

/// The role and programme sets read strictly: an unknown member, or one
/// given as a number or an object, is an error naming its place in the list.
#[test]
fn unknown_roles_and_programmes_are_errors_naming_their_place() {
    let user = |roles: &str, programmes: &str| {
        format!(
            r#"{{"type":"partner","partner":"acme","region":"eu","roles":{roles},"programmes":{programmes}}}"#
        )
    };
    let err = from_json::<Actor>(&user(r#"["account_admin","god"]"#, "[]")).unwrap_err();
    assert_eq!(err.path(), "roles[1]");
    assert!(err.to_string().contains("unknown variant `god`"), "{err}");
    let err = from_json::<Actor>(&user("[2]", "[]")).unwrap_err();
    assert_eq!(err.path(), "roles[0]");
    let err = from_json::<Actor>(&user("[]", r#"["csp",{"type":"csp"}]"#)).unwrap_err();
    assert_eq!(err.path(), "programmes[1]");
    let err = from_json::<Actor>(&user("[]", r#""msp_flex""#)).unwrap_err();
    assert_eq!(err.path(), "programmes");
    let Actor::Partner(read) =
        from_json::<Actor>(&user(r#"["help_desk"]"#, r#"["csp"]"#)).expect("a valid partner user")
    else {
        panic!("not a partner user");
    };
    assert_eq!(read.roles, Roles::from([Role::HelpDesk]));
    assert_eq!(read.programmes, Programmes::from([Programme::Csp]));
}

/// A tagged object read whatever the order of its keys (a database may
/// reorder them): the tag only from a string, a unit variant's tag alone,
/// the tag once, and an error in a value before the tag named by its whole
/// path.
#[test]
fn tagged_objects_are_strict_in_any_key_order() {
    fn error_of<T: DeserializeOwned + Debug>(json: &str) -> (String, String) {
        let err = from_json::<T>(json).expect_err(json);
        (err.path().to_owned(), err.message().to_owned())
    }
    let (path, message) = error_of::<LicenceCommand>(r#"{"type": "suspend", "seats": 3}"#);
    assert_eq!(path, "seats");
    assert!(message.starts_with("unknown field `seats`"), "{message}");
    let (path, _) = error_of::<LicenceCommand>(r#"{"seats": 3, "type": "suspend"}"#);
    assert_eq!(path, "seats");
    let (path, message) =
        error_of::<AccountCommand>(r#"{"type": "unlink", "mode": "now", "type": "unlink"}"#);
    assert_eq!(
        (path.as_str(), message.starts_with("unknown variant `now`")),
        ("mode", true),
        "{message}"
    );
    let (path, message) = error_of::<AccountCommand>(r#"{"mode": "now", "type": "unlink"}"#);
    assert_eq!(
        (path.as_str(), message.starts_with("unknown variant `now`")),
        ("mode", true),
        "{message}"
    );
    let (path, message) =
        error_of::<AccountCommand>(r#"{"type": "unlink", "type": "unlink", "mode": "immediate"}"#);
    assert_eq!(path, "type");
    assert!(message.starts_with("duplicate field `type`"), "{message}");
    let (path, message) = error_of::<AccountCommand>(r#"{"mode": "immediate"}"#);
    assert_eq!(path, "");
    assert!(message.starts_with("missing field `type`"), "{message}");
    // The licence command kept aside (before the account command's tag),
    // with its own tag last and given as a number.
    let nested = r#"{"command": {"seats": 3, "type": 6}, "licence": "L-1", "type": "licence"}"#;
    assert_eq!(error_of::<AccountCommand>(nested).0, "command.type");
    let deep = r#"{"command": {"key": {"licence": "L-1", "customer": "rossi", "timer": "term_end", "x": 1}, "due": "2026-01-01T00:00:00Z", "type": "deliver"}, "licence": "L-1", "type": "licence"}"#;
    assert_eq!(error_of::<AccountCommand>(deep).0, "command.key.x");
    let due = r#"{"command": {"due": "tomorrow", "key": {"licence": "L-1", "customer": "rossi", "timer": "term_end"}, "type": "deliver"}, "licence": "L-1", "type": "licence"}"#;
    assert_eq!(error_of::<AccountCommand>(due).0, "command.due");
    // An action's content under its own key, in either order.
    let action: AccountAction =
        from_json(r#"{"licence_action": "cancel", "action": "licence"}"#).unwrap();
    assert_eq!(action, AccountAction::Licence(LicenceAction::Cancel));
    assert_eq!(
        error_of::<AccountAction>(r#"{"action": "licence", "licence_action": 1}"#).0,
        "licence_action"
    );
    assert_eq!(
        error_of::<AccountAction>(r#"{"licence_action": 1, "action": "licence"}"#).0,
        "licence_action"
    );
    assert_eq!(
        error_of::<AccountAction>(r#"{"action": "licence", "licence": "cancel"}"#).0,
        "licence"
    );
    assert_eq!(
        error_of::<AccountAction>(r#"{"action": "unlink", "licence_action": "cancel"}"#).0,
        "licence_action"
    );
}

/// The stored states that no decision could have produced, each rejected
/// with the path of the value and, where one applies, the rule (issue 14's
/// list): a cancellation before its suspension, a negative price, blank,
/// 10 kB and 256-character names (a 255-character one loads), IDs with
/// surrounding spaces or empty, seat batches beyond
/// the seats, reminders marked sent in 2100, a scheduled unlink on a term
/// account, a licence of a partner without a relationship; and (BILL-9) a
/// second live partner beside a scheduled unlink or on a monthly-usage
/// account, found by fuzzing.
#[test]
fn states_no_decision_could_have_produced_do_not_load() {
    let account = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Term,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::Linked)
    .with_licence(active_licence());
    let base = serde_json::to_value(&account).unwrap();
    let suspended = json!({
        "id": "L-1", "offer": "endpoint", "seats": 10, "bought_by": {"partner": "acme"},
        "state": "suspended", "auto_renew": true,
        "term": {"starts": "2026-01-01T00:00:00Z", "ends": "2027-01-01T00:00:00Z"},
        "since": "2026-05-01T00:00:00Z", "cancels_at": "2026-04-01T00:00:00Z",
        "seat_batches": [{"seats": 10, "added_at": "2026-01-01T00:00:00Z"}]
    });
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        (
            "a cancellation dated before its suspension",
            json!({"/licences/0": suspended}),
            "licences[0]",
            "cancels_at: the cancellation (2026-04-01 00:00:00 UTC) is not after the suspension (2026-05-01 00:00:00 UTC) (LIC-7)",
        ),
        (
            "a negative price",
            json!({"/licences/0/price": {"amount": "-293.15", "currency": "EUR"}}),
            "licences[0].price",
            "an amount is never negative",
        ),
        (
            "a blank name",
            json!({"/name": "   "}),
            "name",
            "blank (CUST-4)",
        ),
        (
            "a 10 kB name",
            json!({"/name": "x".repeat(10_240)}),
            "name",
            "at most 255 characters, this one 10240 (CUST-4)",
        ),
        (
            "a name one character too long, counted in characters",
            json!({"/name": "é".repeat(256)}),
            "name",
            "at most 255 characters, this one 256 (CUST-4)",
        ),
        (
            "an ID with a trailing space",
            json!({"/relationships/0/partner": "acme "}),
            "relationships[0].partner",
            "an ID may not start or end with white space",
        ),
        (
            "an empty ID",
            json!({"/licences/0/id": ""}),
            "licences[0].id",
            "an ID may not be empty",
        ),
        (
            "a 1 kB ID",
            json!({"/id": "r".repeat(1024)}),
            "id",
            "an ID is at most 128 bytes long, this one 1024",
        ),
        (
            "seat batches beyond the seats",
            json!({"/licences/0/seat_batches": [
                {"seats": 10, "added_at": "2026-01-01T00:00:00Z"},
                {"seats": 5, "added_at": "2026-02-01T00:00:00Z"}]}),
            "licences[0]",
            "seat_batches: 15 seats in batches, not the licence's 10 (POL-2)",
        ),
        (
            "reminders marked sent in 2100",
            json!({"/licences/0/reminded_until": "2100-01-01T00:00:00Z"}),
            "licences[0]",
            "reminded_until: reminders marked sent up to 2100-01-01 00:00:00 UTC, after 2027-01-01 00:00:00 UTC (POL-3)",
        ),
        (
            "a scheduled unlink on a term account",
            json!({"/relationships/0": {"partner": "acme", "state": "unlink_scheduled",
                "unlink_at": "2026-07-01T00:00:00Z", "delegated_admin": false},
                "/mdr_reports_until": "2026-07-01T00:00:00Z"}),
            "",
            "relationships[0].state: an unlink is scheduled only on a monthly-usage account, which it makes a trial; this one is billed as terms (REL-7)",
        ),
        (
            "a licence of a partner without a relationship",
            json!({"/licences/0/bought_by": {"partner": "beta"}}),
            "",
            "licences[0].bought_by: bought by partner beta, which has no relationship with the account (SUB-1)",
        ),
        (
            "a second live partner beside a scheduled unlink",
            json!({"/billing": "trial",
                "/relationships/0": {"partner": "acme", "state": "unlink_scheduled",
                "unlink_at": "2026-07-01T00:00:00Z", "delegated_admin": false},
                "/relationships/1": {"partner": "beta", "state": "linked", "delegated_admin": false},
                "/mdr_reports_until": "2026-07-01T00:00:00Z"}),
            "",
            "relationships[1].state: a second live partner on an account billed through one (monthly usage, or its monthly unlink scheduled) (BILL-9)",
        ),
        (
            "a second live partner on a monthly-usage account",
            json!({"/billing": "monthly_usage",
                "/relationships/1": {"partner": "beta", "state": "linked", "delegated_admin": false}}),
            "",
            "relationships[1].state: a second live partner on an account billed through one (monthly usage, or its monthly unlink scheduled) (BILL-9)",
        ),
        (
            "a second partner with its unlink scheduled",
            json!({"/billing": "trial",
                "/relationships/0": {"partner": "acme", "state": "unlink_scheduled",
                "unlink_at": "2026-07-01T00:00:00Z", "delegated_admin": false},
                "/relationships/1": {"partner": "beta", "state": "unlink_scheduled",
                "unlink_at": "2026-07-01T00:00:00Z", "delegated_admin": false},
                "/mdr_reports_until": "2026-07-01T00:00:00Z"}),
            "",
            "relationships[1].state: a second partner with its unlink scheduled (BILL-9)",
        ),
        (
            "more seat batches than a licence keeps",
            json!({"/licences/0/seat_batches": (1..=9)
                .map(|day| json!({"seats": 1, "added_at": format!("2026-01-0{day}T00:00:00Z")}))
                .collect::<Vec<_>>()}),
            "licences[0].seat_batches",
            "at most 8 seat batches",
        ),
        (
            "the same licence twice",
            json!({"/licences/1": serde_json::to_value(active_licence()).unwrap()}),
            "",
            "the account lists licence L-1 twice",
        ),
    ];
    for (what, changes, path, message) in cases {
        let mut doc = base.clone();
        for (pointer, value) in changes.as_object().unwrap() {
            set_at(&mut doc, pointer, value.clone());
        }
        let err = from_json::<Account>(&doc.to_string()).expect_err(what);
        assert_eq!(err.path(), path, "{what}: {err}");
        assert!(err.message().contains(message), "{what}: {err}");
    }
    // CUST-4's bound itself loads: 255 characters (510 bytes here).
    let mut longest = base;
    longest["name"] = json!("é".repeat(255));
    let loaded = from_json::<Account>(&longest.to_string()).unwrap();
    assert_eq!(loaded.name.as_str().chars().count(), 255);
}

/// Policies: every number is range-checked when the policy is built
/// (`suspension_cancels_after_days: 4294967295` no longer passes and then
/// fails every suspension), and a day count of 10^12 is out of range, not a
/// grace longer than the reactivation window.
#[test]
fn policy_numbers_out_of_range_are_errors_naming_the_field() {
    let mut policy = serde_json::to_value(Policy::standard()).unwrap();
    policy["suspension_cancels_after_days"] = json!(4_294_967_295_u64);
    let err = from_json::<Policy>(&policy.to_string()).unwrap_err();
    assert!(
        err.message().starts_with(
            "the suspension's cancellation must be between 1 and 3650 days, not 4294967295"
        ),
        "{err}"
    );
    let mut policy = serde_json::to_value(Policy::standard()).unwrap();
    policy["phases"][0]["until_day"] = json!(1_000_000_000_000_i64);
    let err = from_json::<Policy>(&policy.to_string()).unwrap_err();
    assert!(
        err.message()
            .starts_with("a phase's end must be between 1 and 3650 days, not 1000000000000"),
        "{err}"
    );
}

/// Loading is linear in the size of the row (the pairwise duplicate checks
/// took 8.5 s for 20,000 licences and as many relationships in a debug
/// build): four times the row takes about four times as long, where
/// quadratic work would take sixteen. The best of three runs each, so that
/// other load on the machine does not decide.
#[test]
#[expect(
    clippy::disallowed_methods,
    reason = "the test times loading; the crate itself never reads a clock"
)]
fn loading_a_large_account_is_linear() {
    fn row(n: usize) -> String {
        let mut account = Account::new(
            "rossi",
            "Rossi SpA",
            "eu",
            BillingType::Term,
            CreatedBy::Partner,
        );
        for i in 0..n {
            account.relationships.push(Relationship::new(
                format!("p-{i}"),
                RelationshipState::Linked,
            ));
            account.licences.push(
                Licence::new(
                    format!("L-{i}"),
                    "endpoint",
                    1,
                    LicenceState::Expired { at: t0() },
                    Purchaser::partner(format!("p-{i}")),
                )
                .unwrap(),
            );
        }
        serde_json::to_string(&account).unwrap()
    }
    let best = |json: &str, n: usize| {
        (0..3)
            .map(|_| {
                let start = std::time::Instant::now();
                let account: Account = serde_json::from_str(json).unwrap();
                assert_eq!(account.licences.len(), n);
                start.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    let small = 10_000;
    let t_small = best(&row(small), small);
    let t_large = best(&row(4 * small), 4 * small);
    assert!(t_small < 2.0, "10,000 licences took {t_small} s");
    assert!(
        t_large < 8.0 * t_small + 0.1,
        "{t_small} s for 10,000 licences, {t_large} s for 40,000"
    );
}

/// POL-2: a stored licence holds at most `SeatBatches::CAPACITY` seat
/// batches: exactly that many load, one more does not.
#[test]
fn pol_2_seat_batches_load_up_to_their_capacity() {
    let licence = |batches: usize| {
        let list: Vec<Value> = (0..batches)
            .map(|i| json!({"seats": 1, "added_at": format!("2026-01-{:02}T00:00:00Z", i + 1)}))
            .collect();
        json!({
            "id": "L-1", "offer": "endpoint", "seats": batches, "bought_by": {"partner": "acme"},
            "state": "active", "auto_renew": true,
            "term": {"starts": "2026-01-01T00:00:00Z", "ends": "2027-01-01T00:00:00Z"},
            "seat_batches": list
        })
        .to_string()
    };
    let full = from_json::<Licence>(&licence(SeatBatches::CAPACITY)).unwrap();
    assert_eq!(full.seat_batches.iter().count(), SeatBatches::CAPACITY);
    let err = from_json::<Licence>(&licence(SeatBatches::CAPACITY + 1)).unwrap_err();
    assert!(err.message().contains("at most 8 seat batches"), "{err}");
}

/// A value of the wrong kind where an object with a state is expected says
/// what was expected.
#[test]
fn a_wrong_kind_of_value_says_what_was_expected() {
    let err = from_json::<Licence>("1").unwrap_err();
    assert!(
        err.message().contains("expected Licence, an object"),
        "{err}"
    );
    let err = from_json::<Account>(r#"{"id": "rossi", "licences": [[]]}"#).unwrap_err();
    assert_eq!(err.path(), "licences[0]", "{err}");
    assert!(
        err.message().contains("expected Licence, an object"),
        "{err}"
    );
}
