//! Scenarios, playable (no rule of its own: every step goes through
//! `decide`), behind the `scenario` feature: the format that
//! `examples/scenarios/*.json` are written in, played by the test kit's
//! faithful caller, [`World`](crate::testing::World): it keeps every
//! account, applies each decision's events and effects, delivers each timer
//! when its instant comes (by the vendor, in due order), and the scenario
//! reports what the crate decided at each step as one JSON line.
//!
//! [`play`] gives every line; [`play_each`] hands each to a closure as it
//! is decided, so that memory holds the live state, not the output;
//! [`describe`] turns a line into the readable timeline the `simulate`
//! program prints. An input error (a malformed file, an unknown ID,
//! command or field, steps out of order) is a [`ScenarioError`] naming the
//! step and field; a refusal is an outcome, not an error.
//!
//! # Example
//!
//! ```
//! let scenario = r#"{
//!   "format": 1,
//!   "policy": "standard",
//!   "partners": [{"id": "acme", "region": "eu", "programmes": ["msp_flex"], "offers": [], "groups": []}],
//!   "customers": [{"id": "rossi", "name": "Rossi SpA", "region": "eu", "billing": "monthly_usage",
//!                  "created_by": "partner", "relationships": [{"partner": "acme", "state": "linked"}]}],
//!   "steps": [
//!     {"at": "2026-06-15T10:00:00Z", "actor": {"partner": "acme"}, "customer": "rossi",
//!      "command": {"type": "unlink", "mode": "scheduled"}},
//!     {"at": "2026-07-01T00:00:00Z", "advance": true}
//!   ]
//! }"#;
//! let lines = channel_licensing::scenario::play(scenario)?;
//! assert_eq!(lines[0]["outcome"], "accepted");
//! assert_eq!(lines[1]["delivered"][0]["type"], "scheduled_unlink");
//! assert!(lines[2].get("final").is_some());
//! # Ok::<(), channel_licensing::scenario::ScenarioError>(())
//! ```

mod json;
mod play;
mod read;
mod setup;
mod stream;

use serde_json::Value;

/// What is wrong with a scenario file, and where: the step (or section)
/// and the field (`step 3, field command`).
///
/// # Example
///
/// ```
/// let err = channel_licensing::scenario::play("{}").unwrap_err();
/// assert!(err.to_string().contains("format"), "{err}");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {message}")]
pub struct ScenarioError {
    /// The step or section, and the field.
    pub place: String,
    /// What is wrong.
    pub message: String,
}

type Result<T> = std::result::Result<T, ScenarioError>;

fn err<T>(place: &str, message: impl Into<String>) -> Result<T> {
    Err(ScenarioError {
        place: place.to_owned(),
        message: message.into(),
    })
}

/// Plays a whole scenario: every step's line, then the final state. Any
/// input error stops the play; nothing is returned but the error.
///
/// # Errors
///
/// [`ScenarioError`], naming the step and field.
///
/// # Example
///
/// See the [module](self).
pub fn play(text: &str) -> Result<Vec<Value>> {
    let mut lines = Vec::new();
    play_each(text, |line| lines.push(line))?;
    Ok(lines)
}

/// [`play`], handing each line to `emit` as soon as it is decided, so that
/// memory holds the live state and one step, not the whole output nor the
/// whole file: when the file's header (`format`, `policy`, `partners`,
/// `customers`) comes before its `steps`, as in every example, each step is
/// read, played and let go in turn. The lines before an input error
/// (including malformed JSON after them) have been handed on when it is
/// returned.
///
/// # Errors
///
/// [`ScenarioError`], naming the step and field.
///
/// # Example
///
/// ```
/// # let text = std::fs::read_to_string("examples/scenarios/seats-and-suspension.json").unwrap();
/// let mut accepted = 0;
/// channel_licensing::scenario::play_each(&text, |line| {
///     accepted += usize::from(line["outcome"] == "accepted");
/// })?;
/// assert!(accepted > 0);
/// # Ok::<(), channel_licensing::scenario::ScenarioError>(())
/// ```
pub fn play_each(text: &str, emit: impl FnMut(Value)) -> Result<()> {
    stream::play(text, emit)
}

/// The readable timeline of one line, as `simulate` prints it.
///
/// # Example
///
/// ```
/// use serde_json::json;
///
/// let line = json!({"step": 0, "at": "2026-07-01T00:00:00Z", "outcome": "advanced", "delivered": []});
/// assert_eq!(channel_licensing::scenario::describe(&line), "step 0 at 2026-07-01T00:00:00Z: advanced");
/// ```
#[must_use]
pub fn describe(line: &Value) -> String {
    if let Some(final_state) = line.get("final") {
        return format!(
            "final state:\n{}",
            serde_json::to_string_pretty(final_state).unwrap_or_default()
        );
    }
    let head = format!(
        "step {} at {}: {}",
        line["step"],
        line["at"].as_str().unwrap_or("?"),
        line["outcome"].as_str().unwrap_or("?")
    );
    let mut out = vec![head];
    for d in line
        .get("delivered")
        .or_else(|| line.get("delivered_before"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        out.push(format!(
            "  delivered {} (due {}) to {}",
            d["key"].as_str().unwrap_or("?"),
            d["due"].as_str().unwrap_or("?"),
            d["customer"].as_str().unwrap_or("?")
        ));
        for e in d["events"].as_array().into_iter().flatten() {
            out.push(format!("    -> {}", compact(e)));
        }
    }
    match line["outcome"].as_str() {
        Some("refused") => {
            out.push(format!("  {}", line["message"].as_str().unwrap_or("")));
        }
        Some("accepted") => {
            for e in line["events"].as_array().into_iter().flatten() {
                out.push(format!("  event  {}", compact(e)));
            }
            for e in line["effects"].as_array().into_iter().flatten() {
                out.push(format!("  effect {}", compact(e)));
            }
            if line["events"].as_array().is_some_and(Vec::is_empty) {
                out.push("  (nothing to do: already in that state)".into());
            }
        }
        Some("answered") => {
            let mut answer = line["answer"].clone();
            if let Value::Object(map) = &mut answer {
                map.remove("rows");
            }
            out.push(format!("  {}", compact(&answer)));
        }
        _ => {}
    }
    out.join("\n")
}

fn compact(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}
