//! JSON Schemas of the types whose JSON the crate writes by hand (no rule
//! IDs): IDs, names, fingerprints, currencies, sets and seat batches. The
//! rest derive theirs (`schemars`, behind the `schema` feature).

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

/// A string schema named `name`, with `extra` keywords.
pub(crate) fn string(name: &str, extra: serde_json::Value) -> Schema {
    let mut schema = json_schema!({ "type": "string" });
    if let serde_json::Value::Object(extra) = extra {
        for (key, value) in extra {
            schema.insert(key, value);
        }
    }
    schema.insert("title".into(), name.into());
    schema
}

macro_rules! string_schema {
    ($ty:ty, $name:expr, $extra:tt) => {
        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                $crate::schema::string($name, serde_json::json!($extra))
            }
        }
    };
}
pub(crate) use string_schema;

/// The schema of [`Roles`](crate::actor::Roles), an `EnumSet` the crate cannot
/// implement `JsonSchema` for: its fields take it with `schemars(with)`.
pub(crate) struct Roles;

impl JsonSchema for Roles {
    fn schema_name() -> Cow<'static, str> {
        "Roles".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "array", "items": generator.subschema_for::<crate::Role>(), "uniqueItems": true })
    }
}

/// The schema of [`Programmes`](crate::actor::Programmes), for the same reason as [`Roles`].
pub(crate) struct Programmes;

impl JsonSchema for Programmes {
    fn schema_name() -> Cow<'static, str> {
        "Programmes".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "array", "items": generator.subschema_for::<crate::Programme>(), "uniqueItems": true })
    }
}

impl JsonSchema for crate::licence::SeatBatches {
    fn schema_name() -> Cow<'static, str> {
        "SeatBatches".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "items": generator.subschema_for::<crate::licence::SeatBatch>(),
            "maxItems": crate::licence::SeatBatches::CAPACITY,
        })
    }
}

impl JsonSchema for crate::Rule {
    fn schema_name() -> Cow<'static, str> {
        "Rule".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let ids: Vec<&str> = crate::Rule::ALL.iter().map(|r| r.id()).collect();
        json_schema!({ "type": "string", "enum": ids })
    }
}

string_schema!(crate::policy::PolicyName, "PolicyName", { "minLength": 1, "maxLength": 40, "pattern": "^\\S(.*\\S)?$" });
string_schema!(crate::policy::Fingerprint, "Fingerprint", { "pattern": "^[0-9a-f]{16}$" });
string_schema!(crate::money::Currency, "Currency", { "pattern": "^[A-Z]{3}$" });

/// A refusal as it stands in JSON: with its message.
impl JsonSchema for crate::Refusal {
    fn schema_name() -> Cow<'static, str> {
        "Refusal".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        crate::refusal::RefusalRecord::json_schema(generator)
    }
}
