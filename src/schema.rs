//! Helpers for the JSON Schemas of the types whose JSON the crate writes by
//! hand (no rule IDs): a string schema with keywords. Each type's schema
//! stands beside the type (`schemars`, behind the `schema` feature).

use schemars::{Schema, json_schema};

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
