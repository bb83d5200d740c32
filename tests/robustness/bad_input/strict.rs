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
