//! Malformed fields, type by type: each is a data error naming the problem.

use super::*;

/// (b) Malformed fields, per type: wrong types, unknown enum tags, missing
/// required fields, invalid instants, numbers out of range, negative seats:
/// each is a data error naming the problem.
#[test]
#[allow(clippy::too_many_lines)] // one block per type
fn malformed_fields_are_data_errors_naming_the_problem() {
    use Category::Data;
    let licence = active_licence();
    for (path, new, fragment) in [
        (
            "/seats",
            json!(-1),
            "invalid value: integer `-1`, expected u32",
        ),
        (
            "/seats",
            json!(4_294_967_296_u64),
            "integer `4294967296`, expected u32",
        ),
        (
            "/seats",
            json!("10"),
            "invalid type: string \"10\", expected u32",
        ),
        ("/seats", json!(1.5), "invalid type: floating point `1.5`"),
        ("/seats", Value::Null, "invalid type: null, expected u32"),
        (
            "/id",
            json!(7),
            "invalid type: integer `7`, expected a string",
        ),
        ("/state", json!("zombie"), "unknown variant `zombie`"),
        ("/state", json!(true), "invalid type"),
        (
            "/auto_renew",
            json!("yes"),
            "invalid type: string \"yes\", expected a boolean",
        ),
        (
            "/bought_by",
            json!("reseller"),
            "unknown variant `reseller`",
        ),
        // SUB-1: a partner purchase names its partner; the old bare form
        // does not say which.
        (
            "/bought_by",
            json!("partner"),
            "a partner purchaser names the partner",
        ),
        (
            "/bought_by",
            json!({"partner": 7}),
            "invalid type: integer `7`, expected a string",
        ),
        (
            "/bought_by",
            json!({"reseller": "acme"}),
            "unknown field `reseller`, expected `partner`",
        ),
        ("/term", json!("2026"), "invalid type"),
        (
            "/term/ends",
            json!("2026-13-40T00:00:00Z"),
            "input is out of range",
        ),
        (
            "/term/ends",
            json!("2026-02-30T00:00:00Z"),
            "input is out of range",
        ),
        (
            "/term/ends",
            json!("2026-06-01T25:00:00Z"),
            "input is out of range",
        ),
        ("/term/ends", json!("2026-06-01"), "premature end of input"),
        (
            "/term/ends",
            json!("2026-06-01T00:00:00"),
            "premature end of input",
        ),
        (
            "/term/ends",
            json!("tomorrow"),
            "input contains invalid characters",
        ),
        ("/term/ends", json!(""), "premature end of input"),
        (
            "/term/ends",
            json!("+262144-01-01T00:00:00Z"),
            "input is out of range",
        ),
        ("/term/ends", json!(1_798_761_600), "invalid type: integer"),
        (
            "/term/ends",
            json!("2025-01-01T00:00:00Z"),
            "a term must end after it starts",
        ),
        (
            "/term/ends",
            json!("2026-01-01T00:00:00Z"),
            "a term must end after it starts",
        ),
        ("/price/currency", json!("eur"), "three upper-case letters"),
        ("/price/currency", json!("EURO"), "three upper-case letters"),
        ("/price/currency", json!("€"), "three upper-case letters"),
        ("/price/amount", json!("12,50"), "expected a Decimal type"),
        (
            "/price/amount",
            json!("79228162514264337593543950336"),
            "expected a Decimal type",
        ),
        (
            "/price/amount",
            json!(12.5),
            "invalid type: floating point `12.5`",
        ),
        ("/price/amount", json!("NaN"), "expected a Decimal type"),
        ("/price", json!("12.50 EUR"), "invalid type"),
    ] {
        rejects::<Licence>(&with(&licence, path, new), Data, fragment);
    }
    rejects::<Licence>(
        &with(&licence, "/seats", json!(0)),
        Data,
        "a licence needs at least 1 seat",
    );
    for field in [
        "/id",
        "/offer",
        "/seats",
        "/bought_by",
        "/state",
        "/term",
        "/auto_renew",
        "/term/ends",
    ] {
        let name = field.rsplit('/').next().unwrap();
        rejects::<Licence>(
            &without(&licence, field),
            Data,
            &format!("missing field `{name}`"),
        );
    }
    let batches = json!([{"seats": -1, "added_at": "2026-01-01T00:00:00Z"}]);
    rejects::<Licence>(
        &with(&licence, "/seat_batches", batches),
        Data,
        "expected u32",
    );
    let batches = json!([{"seats": 1}]);
    rejects::<Licence>(
        &with(&licence, "/seat_batches", batches),
        Data,
        "missing field `added_at`",
    );
    rejects::<Licence>(
        &with(&licence, "/seat_batches", json!("all")),
        Data,
        "invalid type",
    );

    // Commands.
    for (json, fragment) in [
        (r#"{"type":"change_seats","seats":-1}"#, "expected u32"),
        (
            r#"{"type":"change_seats","seats":4294967296}"#,
            "expected u32",
        ),
        (r#"{"type":"change_seats","seats":"10"}"#, "invalid type"),
        (
            r#"{"type":"change_seats","seats":null}"#,
            "invalid type: null",
        ),
        (r#"{"type":"change_seats"}"#, "missing field `seats`"),
        (r#"{"type":"reactivate","term_days":-365}"#, "expected u32"),
        (r#"{"type":"reactivate"}"#, "missing field `term_days`"),
        (r#"{"type":"set_auto_renew","on":"true"}"#, "invalid type"),
        (r#"{"type":"teleport"}"#, "unknown variant `teleport`"),
        (r#"{"type":"Suspend"}"#, "unknown variant `Suspend`"),
        (r#"{"type":null}"#, "invalid type: null"),
        (r#"{}"#, "missing field `type`"),
        (
            r#"{"type":"deliver","key":{"timer":"term_end","customer":"rossi","licence":"L-1"}}"#,
            "missing field `due`",
        ),
        (
            r#"{"type":"deliver","key":{"timer":"nope","customer":"rossi","licence":"L-1"},"due":"2026-01-01T00:00:00Z"}"#,
            "unknown variant `nope`",
        ),
        (
            r#"{"type":"deliver","key":{"timer":"term_end","customer":"rossi","licence":"L-1"},"due":"2026-13-40T00:00:00Z"}"#,
            "input is out of range",
        ),
        (
            r#"{"type":"deliver","key":{"timer":"reminder","customer":"rossi","licence":"L-1","before":"launch","days":3},"due":"2026-01-01T00:00:00Z"}"#,
            "unknown variant `launch`",
        ),
        (
            r#"{"type":"deliver","key":{"timer":"reminder","customer":"rossi","licence":"L-1","before":"term_end","days":-3},"due":"2026-01-01T00:00:00Z"}"#,
            "expected u32",
        ),
    ] {
        rejects::<LicenceCommand>(json, Data, fragment);
    }
    for (json, fragment) in [
        (
            r#"{"type":"add_subscription","licence":"L-9","offer":"endpoint","seats":-1,"term_days":365}"#,
            "expected u32",
        ),
        (
            r#"{"type":"add_subscription","licence":"L-9","offer":"endpoint","seats":4294967296,"term_days":365}"#,
            "expected u32",
        ),
        (
            r#"{"type":"add_subscription","licence":"L-9","seats":5,"term_days":365}"#,
            "missing field `offer`",
        ),
        (
            r#"{"type":"add_subscription","licence":"L-9","offer":"endpoint","seats":5,"term_days":"365"}"#,
            "invalid type",
        ),
        (
            r#"{"type":"add_subscription","licence":"L-9","offer":"endpoint","seats":5,"term_days":365,"price":{"amount":"1","currency":"eur"}}"#,
            "three upper-case letters",
        ),
        (
            r#"{"type":"rename","name":42}"#,
            "invalid type: integer `42`",
        ),
        (r#"{"type":"rename","name":null}"#, "invalid type: null"),
        (r#"{"type":"rename"}"#, "missing field `name`"),
        (
            r#"{"type":"unlink","mode":"later"}"#,
            "unknown variant `later`",
        ),
        (r#"{"type":"accept_invitation"}"#, "missing field `partner`"),
        (
            r#"{"type":"enrol_early_access","programme":"eap"}"#,
            "missing field `flex_compatible`",
        ),
        (
            r#"{"type":"licence","licence":"L-1","command":{"type":"bogus"}}"#,
            "unknown variant `bogus`",
        ),
        (
            r#"{"type":"licence","licence":"L-1"}"#,
            "missing field `command`",
        ),
        (
            r#"{"type":"deliver","key":{"timer":"scheduled_unlink","customer":"rossi"},"due":"2026-07-01T00:00:00Z"}"#,
            "missing field `partner`",
        ),
        (r#"{"type":"convert_to_monthly_usage"}"#, "unknown variant"),
    ] {
        rejects::<AccountCommand>(json, Data, fragment);
    }
    for (json, fragment) in [
        (
            r#"{"type":"create_trial","customer":{"id":"b","name":"B","region":"eu"},"licence":"L","offer":"o","seats":-1,"trial_days":30}"#,
            "expected u32",
        ),
        (
            r#"{"type":"create_trial","customer":{"id":"b","name":"B","region":"eu"},"licence":"L","offer":"o","seats":1,"trial_days":4294967296}"#,
            "expected u32",
        ),
        (
            r#"{"type":"create_trial","customer":{"id":"b","region":"eu"},"licence":"L","offer":"o","seats":1,"trial_days":30}"#,
            "missing field `name`",
        ),
        (
            r#"{"type":"create_monthly_account"}"#,
            "missing field `customer`",
        ),
        (
            r#"{"type":"create_account","customer":{"id":"b","name":"B","region":"eu"}}"#,
            "unknown variant `create_account`",
        ),
    ] {
        rejects::<NewAccount>(json, Data, fragment);
    }

    // Events.
    let event = LicenceEvent {
        licence: "L-1".into(),
        decided_at: t0(),
        policy: Policy::standard().stamp(),
        change: every_licence_change()[0],
    };
    for (path, new, fragment) in [
        ("/renewals", json!(-1), "expected u64"),
        ("/renewals", json!(1.0e20), "invalid type: floating point"),
        ("/type", json!("exploded"), "unknown variant `exploded`"),
        (
            "/decided_at",
            json!("2026-13-40T00:00:00Z"),
            "input is out of range",
        ),
        ("/policy/version", json!(-1), "expected u32"),
        ("/policy/version", json!(4_294_967_296_u64), "expected u32"),
        ("/policy", json!("standard"), "invalid type"),
        (
            "/term/starts",
            json!("2028-01-01T00:00:00Z"),
            "a term must end after it starts",
        ),
    ] {
        rejects::<LicenceEvent>(&with(&event, path, new), Data, fragment);
    }
    for field in [
        "/licence",
        "/decided_at",
        "/policy",
        "/type",
        "/renewals",
        "/policy/name",
    ] {
        let name = field.rsplit('/').next().unwrap();
        rejects::<LicenceEvent>(
            &without(&event, field),
            Data,
            &format!("missing field `{name}`"),
        );
    }
    // A u64 one past its maximum, in the text (a JSON value cannot hold it).
    let text = serde_json::to_string(&event).unwrap().replace(
        &format!("\"renewals\":{}", u64::MAX),
        "\"renewals\":18446744073709551616",
    );
    rejects::<LicenceEvent>(&text, Data, "invalid type: floating point");
    rejects::<LicenceChange>(
        r#"{"type":"cancelled","at":"2026-01-01T00:00:00Z","by":"request"}"#,
        Data,
        "missing field `forfeited_days`",
    );
    rejects::<LicenceChange>(
        r#"{"type":"cancelled","at":"2026-01-01T00:00:00Z","by":"mistake","forfeited_days":1}"#,
        Data,
        "unknown variant `mistake`",
    );
    rejects::<AccountChange>(
        r#"{"type":"renamed","from":"A"}"#,
        Data,
        "missing field `to`",
    );
    rejects::<AccountChange>(r#"{"type":"created"}"#, Data, "missing field `account`");
    rejects::<AccountEvent>(
        r#"{"customer":"rossi","decided_at":"2026-01-01T00:00:00Z","policy":{"name":"standard","version":1},"type":"billing_changed","from":"trial","to":"barter"}"#,
        Data,
        "unknown variant `barter`",
    );

    // Accounts.
    let account = medium_account();
    for (path, new, fragment) in [
        ("/billing", json!("barter"), "unknown variant `barter`"),
        ("/created_by", json!("robot"), "unknown variant `robot`"),
        ("/name", json!(42), "invalid type: integer `42`"),
        ("/partner_assistance", json!("on"), "invalid type"),
        ("/relationships", json!({}), "invalid type: map"),
        (
            "/relationships/0/state",
            json!("married"),
            "unknown variant `married`",
        ),
        (
            "/relationships/1/at",
            json!("2026-13-40T00:00:00Z"),
            "input is out of range",
        ),
        (
            "/licences/0/seats",
            json!(0),
            "a licence needs at least 1 seat",
        ),
        ("/licences/0/seats", json!(-5), "expected u32"),
        (
            "/mdr_reports_until",
            json!("2026-02-30T00:00:00Z"),
            "input is out of range",
        ),
        ("/contact/email", json!(["a@b"]), "invalid type: sequence"),
        (
            "/groups/0",
            json!({"partner": "acme"}),
            "missing field `group`",
        ),
        ("/early_access", json!("eap-xdr"), "invalid type"),
    ] {
        rejects::<Account>(&with(&account, path, new), Data, fragment);
    }
    for field in [
        "id",
        "name",
        "region",
        "billing",
        "created_by",
        "partner_assistance",
    ] {
        rejects::<Account>(
            &without(&account, &format!("/{field}")),
            Data,
            &format!("missing field `{field}`"),
        );
    }
    let unscheduled = json!({"partner": "gamma", "state": "unlink_scheduled"});
    rejects::<Account>(
        &with(&account, "/relationships/1", unscheduled),
        Data,
        "missing field `unlink_at`",
    );

    // Actors and the small types.
    for (json, fragment) in [
        (
            r#"{"type":"partner","region":"eu"}"#,
            "missing field `partner`",
        ),
        (
            r#"{"type":"partner","partner":"acme"}"#,
            "missing field `region`",
        ),
        (
            r#"{"type":"partner","partner":"acme","region":"eu","roles":["god"]}"#,
            "unknown variant `god`",
        ),
        (
            r#"{"type":"partner","partner":"acme","region":"eu","roles":"super_admin"}"#,
            "invalid type",
        ),
        (
            r#"{"type":"partner","partner":"acme","region":"eu","offers":[null]}"#,
            "invalid type: null",
        ),
        (r#"{"type":"customer_admin"}"#, "missing field `customer`"),
        (r#"{"type":"alien"}"#, "unknown variant `alien`"),
        (r#""vendor""#, "invalid type"),
    ] {
        rejects::<Actor>(json, Data, fragment);
    }
    // A number where a name is expected: serde_json reads a name as a
    // string or an object and reports anything else as a syntax error
    // ("expected value"); `from_json` names its path.
    rejects::<Actor>(
        r#"{"type":"partner","partner":"acme","region":"eu","programmes":[1]}"#,
        Category::Syntax,
        "expected value",
    );
    assert_eq!(
        channel_licensing::from_json::<Actor>(
            r#"{"type":"partner","partner":"acme","region":"eu","programmes":[1]}"#
        )
        .unwrap_err()
        .path(),
        "programmes[0]"
    );
    for (json, fragment) in [
        (
            r#"{"type":"schedule","key":{"timer":"term_end","customer":"rossi"},"due":"2026-01-01T00:00:00Z"}"#,
            "missing field `licence`",
        ),
        (r#"{"type":"cancel"}"#, "missing field `key`"),
        (
            r#"{"type":"propagate_name","to":"fax","customer":"rossi","name":"R"}"#,
            "unknown variant `fax`",
        ),
        (r#"{"type":"notify"}"#, "unknown variant `notify`"),
    ] {
        rejects::<Effect>(json, Data, fragment);
    }
    rejects::<Timer>(
        r#"{"key":{"timer":"term_end","customer":"rossi","licence":"L-1"}}"#,
        Data,
        "missing field `due`",
    );
    rejects::<TimerKey>(r#"{"licence":"L-1"}"#, Data, "missing field `timer`");
    // Every key names its customer.
    rejects::<TimerKey>(
        r#"{"timer":"term_end","licence":"L-1"}"#,
        Data,
        "missing field `customer`",
    );
    rejects::<Term>(
        r#"{"starts":"2026-01-01T00:00:00Z"}"#,
        Data,
        "missing field `ends`",
    );
    rejects::<Term>(
        r#"{"starts":"2026-01-01T00:00:00Z","ends":null}"#,
        Data,
        "invalid type: null",
    );
    rejects::<Money>(r#"{"amount":"1.00"}"#, Data, "missing field `currency`");
    rejects::<Money>(
        r#"{"amount":"","currency":"EUR"}"#,
        Data,
        "expected a Decimal type",
    );
    rejects::<Currency>(r#""""#, Data, "three upper-case letters");
    rejects::<Currency>(r#""ÉUR""#, Data, "three upper-case letters");
    rejects::<Rule>(
        r#""LIC-99""#,
        Data,
        "`LIC-99` is not a rule ID of the catalogue",
    );
    rejects::<Rule>(
        r#""lic-1""#,
        Data,
        "`lic-1` is not a rule ID of the catalogue",
    );
    rejects::<Rule>(r#""""#, Data, "is not a rule ID");
    rejects::<Refusal>(
        r#"{"rule":"LIC-99","reason":{"type":"assistance_disabled"}}"#,
        Data,
        "not a rule ID",
    );
    rejects::<Refusal>(r#"{"rule":"LIC-1"}"#, Data, "missing field `reason`");
    rejects::<Reason>(
        r#"{"type":"too_few_seats","licence":"L-1","requested":-1}"#,
        Data,
        "expected u32",
    );
    rejects::<Reason>(
        r#"{"type":"bad_vibes"}"#,
        Data,
        "unknown variant `bad_vibes`",
    );
    let wrong_state = |action: &str, state: &str| {
        format!(r#"{{"type":"wrong_state","licence":"L-1","action":{action},"state":{state}}}"#)
    };
    // A reason's `action` and `state`: each of the type its reason has, the
    // wrong one an error at the field.
    let expired = r#"{"state":"expired","phase":"grace"}"#;
    assert!(serde_json::from_str::<Reason>(&wrong_state(r#""resume""#, expired)).is_ok());
    let at =
        |json: &str| channel_licensing::from_json::<Reason>(json).map_err(|e| e.path().to_owned());
    // (serde_json reads a number where an enum's name belongs as a syntax error)
    rejects::<Reason>(
        &wrong_state("5", expired),
        Category::Syntax,
        "expected value",
    );
    assert_eq!(at(&wrong_state("5", expired)), Err("action".to_owned()));
    rejects::<Reason>(
        &wrong_state(r#"{"action":"launch_console"}"#, expired),
        Data,
        "unknown variant `action`, expected one of `reactivate`",
    );
    assert_eq!(
        at(&wrong_state(r#"{"action":"launch_console"}"#, expired)),
        Err("action".to_owned())
    );
    // A null action is a type error at the field, not a later one.
    rejects::<Reason>(
        &wrong_state("null", expired),
        Category::Syntax,
        "expected value",
    );
    assert_eq!(at(&wrong_state("null", expired)), Err("action".to_owned()));
    for state in ["null", r#""linked""#, "true"] {
        rejects::<Reason>(
            &wrong_state(r#""resume""#, state),
            Data,
            "expected LicenceStatus, an object tagged `state`",
        );
        assert_eq!(
            at(&wrong_state(r#""resume""#, state)),
            Err("state".to_owned())
        );
    }
    let no_relationship = |action: &str, state: &str| {
        format!(
            r#"{{"type":"no_relationship","customer":{{"id":"rossi","name":"Rossi SpA"}},"partner":"acme","action":{action},"state":{state}}}"#
        )
    };
    let console = r#"{"action":"launch_console"}"#;
    assert!(serde_json::from_str::<Reason>(&no_relationship(console, "null")).is_ok());
    assert!(serde_json::from_str::<Reason>(&no_relationship(console, r#""unlinked""#)).is_ok());
    rejects::<Reason>(
        &no_relationship(r#""resume""#, "null"),
        Data,
        "invalid type: string \"resume\", expected AccountAction, an object tagged `action`",
    );
    assert_eq!(
        at(&no_relationship(r#""resume""#, "null")),
        Err("action".to_owned())
    );
    rejects::<Reason>(
        &no_relationship(console, expired),
        Data,
        "unknown variant `state`, expected one of `invited`",
    );
    assert_eq!(
        at(&no_relationship(console, expired)),
        Err("state".to_owned())
    );
    rejects::<Roles>(r#"["super_admin","god"]"#, Data, "unknown variant `god`");
    rejects::<Roles>(r#"["super_admin",1]"#, Category::Syntax, "expected value");
    rejects::<Programmes>(r#""msp_flex""#, Data, "invalid type");
    rejects::<LicenceId>("42", Data, "invalid type: integer `42`, expected a string");
    rejects::<CustomerId>(r#"{"id":"rossi"}"#, Data, "invalid type: map");
    rejects::<DisplayName>("[]", Data, "invalid type: sequence");
    rejects::<PolicyStamp>(r#"{"name":"standard"}"#, Data, "missing field `version`");
    rejects::<PolicyStamp>(r#"{"name":"standard","version":-1}"#, Data, "expected u32");
    rejects::<Phase>(
        r#"{"name":"limbo","allows":{}}"#,
        Data,
        "unknown variant `limbo`",
    );
    rejects::<Phase>(
        r#"{"name":"grace","until_day":"30","allows":{}}"#,
        Data,
        "invalid type",
    );
    rejects::<Phase>(r#"{"name":"grace"}"#, Data, "missing field `allows`");
    rejects::<Allowances>(r#"{"user_access":"yes"}"#, Data, "invalid type");
    rejects::<CustomerQuery>(r#"{"search":"rossi"}"#, Data, "missing field `partner`");
    rejects::<CustomerQuery>(r#"{"partner":"acme","search":42}"#, Data, "invalid type");
    rejects::<TransferOptions>(r#"{"cancel_early":"yes"}"#, Data, "invalid type");
    rejects::<OfferChange>(
        r#"{"from_offer":"a","seats_from":-1,"to_offer":"b","seats_to":1}"#,
        Data,
        "expected u32",
    );
    rejects::<SeatBatches>(
        r#"[{"seats":1,"added_at":"yesterday"}]"#,
        Data,
        "input contains invalid characters",
    );
}
