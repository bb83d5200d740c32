//! A refusal on the wire (the strict wire boundary): its record with the
//! message, and its reason read from JSON (the `action` and `state`
//! fields, whose type depends on the reason).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Refusal;
use super::reason::Reason;
use crate::instant;
use crate::rule::Rule;
use crate::wire::tag::internally_tagged;

internally_tagged!(Reason, "type");

/// A [`Refusal`] as it stands in JSON: with its message.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Refusal"))]
#[serde(deny_unknown_fields)]
pub(crate) struct RefusalRecord {
    /// The rule that refused.
    rule: Rule,
    /// The earliest instant at which the action becomes possible, where
    /// the rule defines one.
    #[serde(default)]
    #[serde(with = "instant::option")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DateTime<Utc>>"))]
    earliest: Option<DateTime<Utc>>,
    /// Why, with the data that explains it.
    reason: Reason,
    /// The refusal's sentence, as its `Display` gives it; recomputed from
    /// the reason when read back.
    #[serde(default)]
    message: String,
}

impl From<Refusal> for RefusalRecord {
    fn from(refusal: Refusal) -> RefusalRecord {
        RefusalRecord {
            message: refusal.to_string(),
            rule: refusal.rule,
            earliest: refusal.earliest,
            reason: refusal.reason,
        }
    }
}

impl From<RefusalRecord> for Refusal {
    fn from(record: RefusalRecord) -> Refusal {
        Refusal {
            rule: record.rule,
            earliest: record.earliest,
            reason: record.reason,
        }
    }
}

/// A refusal as it stands in JSON: with its message.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for super::Refusal {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Refusal".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        RefusalRecord::json_schema(generator)
    }
}
