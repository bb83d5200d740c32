//! The wire types read from any serde format, not only JSON text: a
//! format whose object keys need not be strings (a `serde_json::Value`
//! map handed over as entries, CBOR, MessagePack …) gets, for a key that is
//! not a string, an error saying what was expected there, never a panic and
//! never a value; and `from_json`'s two edge cases of JSON text itself.

use channel_licensing::from_json;
use serde::Deserialize;
use serde::de::value::MapDeserializer;

use super::*;

/// `T` read from `entries` as a map whose keys are any JSON values.
fn read_entries<'de, T: Deserialize<'de>>(entries: Vec<(Value, Value)>) -> Result<T, String> {
    T::deserialize(MapDeserializer::<_, serde_json::Error>::new(
        entries.into_iter(),
    ))
    .map_err(|e| e.to_string())
}

fn key(k: &str) -> Value {
    Value::from(k)
}

/// The same entries with string keys read as the type: the helper reads
/// what JSON gives.
#[test]
fn string_keys_read_as_from_json_reads_them() {
    let command: LicenceCommand = read_entries(vec![
        (key("type"), json!("change_seats")),
        (key("seats"), json!(12)),
    ])
    .unwrap();
    assert_eq!(command, LicenceCommand::ChangeSeats { seats: 12 });
}

/// A number where a tagged object's tag or next field name is expected.
#[test]
fn a_key_that_is_not_a_string_is_refused_in_a_tagged_object() {
    let number = || json!(1);
    // Before the tag.
    assert_eq!(
        read_entries::<LicenceCommand>(vec![(number(), json!("suspend"))]).unwrap_err(),
        "invalid type: integer `1`, expected a field name"
    );
    // After the tag of a variant with fields.
    assert_eq!(
        read_entries::<LicenceCommand>(vec![
            (key("type"), json!("change_seats")),
            (number(), json!(12)),
        ])
        .unwrap_err(),
        "invalid type: integer `1`, expected a field name"
    );
    // After the tag of a variant without fields.
    assert_eq!(
        read_entries::<LicenceCommand>(vec![(key("type"), json!("suspend")), (number(), json!(1))])
            .unwrap_err(),
        "invalid type: integer `1`, expected no other field"
    );
    // Where a variant's content is, under its own key.
    assert_eq!(
        read_entries::<AccountAction>(vec![
            (key("action"), json!("licence")),
            (number(), json!("cancel"))
        ])
        .unwrap_err(),
        "invalid type: integer `1`, expected `licence_action`"
    );
    let action: AccountAction = read_entries(vec![
        (key("action"), json!("licence")),
        (key("licence_action"), json!("cancel")),
    ])
    .unwrap();
    assert_eq!(action, AccountAction::Licence(LicenceAction::Cancel));
}

/// A number among the keys of a struct that carries a tagged enum's
/// fields among its own (a licence and its state).
#[test]
fn a_key_that_is_not_a_string_is_refused_in_a_licence() {
    let mut entries: Vec<(Value, Value)> = match serde_json::to_value(active_licence()).unwrap() {
        Value::Object(map) => map.into_iter().map(|(k, v)| (key(&k), v)).collect(),
        other => panic!("{other}"),
    };
    let back: Licence = read_entries(entries.clone()).unwrap();
    assert_eq!(back, active_licence());
    entries.insert(1, (json!(true), json!(1)));
    assert_eq!(
        read_entries::<Licence>(entries).unwrap_err(),
        "invalid type: boolean `true`, expected a field name"
    );
}

/// Valid JSON followed by anything else: an error for the whole document
/// (an empty path), with serde_json's message and position.
#[test]
fn trailing_characters_after_a_value_are_an_error_of_the_document() {
    let err = from_json::<LicenceCommand>(r#"{"type": "suspend"} x"#).unwrap_err();
    assert_eq!(err.path(), "");
    assert_eq!(err.message(), "trailing characters at line 1 column 21");
    assert_eq!(err.to_string(), "trailing characters at line 1 column 21");
}

/// A tag longer than any the crate writes is an unknown variant, reported
/// by its first 48 characters (whatever their width in bytes).
#[test]
fn a_tag_longer_than_any_variant_is_unknown_and_reported_shortened() {
    for c in ['x', 'é', '€'] {
        let long: String = std::iter::repeat_n(c, 60).collect();
        let shown: String = std::iter::repeat_n(c, 48 / c.len_utf8()).collect();
        let err = from_json::<LicenceCommand>(&json!({ "type": long }).to_string()).unwrap_err();
        assert!(
            err.message()
                .starts_with(&format!("unknown variant `{shown}`, expected one of")),
            "{err}"
        );
    }
}
