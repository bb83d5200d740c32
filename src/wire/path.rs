//! The paths of errors met in values read after their object (kept aside
//! until an internally tagged object's tag, or a flattened field's end,
//! was known): carried in the error's message between two [`MARK`]s and
//! joined back by [`JsonError`](super::JsonError).

use std::fmt;

use serde::de;
use serde::de::{DeserializeSeed, Deserializer};
use serde_json::Value;

/// Marks an error whose path goes on past the value the error's own path
/// names (a value read after its object was read, from what was kept
/// aside): `\u{1f}rest.of.path\u{1f}message`. [`JsonError`](super::JsonError)
/// joins the two paths.
pub(crate) const MARK: char = '\u{1f}';

/// Where a nested error continues (`key`, then the path inside the value),
/// and its message.
pub(crate) fn nested<E: de::Error>(
    key: &str,
    error: serde_path_to_error::Error<serde_json::Error>,
) -> E {
    let inner = error.path().to_string();
    let message = error.into_inner().to_string();
    let mut path = key.to_owned();
    if inner != "." {
        join(&mut path, &inner);
    }
    let (more, message) = split(&message);
    if let Some(more) = more {
        join(&mut path, more);
    }
    if path.is_empty() {
        return E::custom(message);
    }
    E::custom(format_args!("{MARK}{path}{MARK}{message}"))
}

/// `error`, found at `key`, kept aside.
pub(super) fn nested_key<E: de::Error>(key: &str, error: impl fmt::Display) -> E {
    if key.is_empty() {
        return E::custom(error);
    }
    E::custom(format_args!("{MARK}{key}{MARK}{error}"))
}

/// The path an error's message carries on past its own, and the message.
pub(crate) fn split(message: &str) -> (Option<&str>, &str) {
    if let Some(rest) = message.strip_prefix(MARK)
        && let Some((path, message)) = rest.split_once(MARK)
    {
        return (Some(path), message);
    }
    (None, message)
}

/// `path`, followed by `more`.
pub(crate) fn join(path: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !path.is_empty() && !more.starts_with('[') {
        path.push('.');
    }
    path.push_str(more);
}

/// Reads `value` with `seed`, kept aside under `key`: an error names its
/// path from `key` on.
pub(super) fn read_kept<'de, T: DeserializeSeed<'de>, E: de::Error>(
    seed: T,
    key: &str,
    value: Value,
) -> Result<T::Value, E> {
    read_tracked(seed, key, value)
}

thread_local! {
    /// Whether [`from_json`](super::from_json) is reading a document again
    /// to say where it failed: only then is the path inside a value kept
    /// aside tracked (the deserialize guard rail: tracking every kept value
    /// of a 50-licence account cost it 4.6x a bare parse, over its 4x).
    static TRACKING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `read` with the paths inside kept values tracked.
pub(crate) fn tracking<T>(read: impl FnOnce() -> T) -> T {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            TRACKING.with(|t| t.set(self.0));
        }
    }
    let _reset = Reset(TRACKING.with(|t| t.replace(true)));
    read()
}

/// Reads `value` with `seed`: an error names its path from `key` on when
/// [`tracking`]; otherwise it names `key` alone.
pub(super) fn read_tracked<'de, T, E, V>(seed: T, key: &str, value: V) -> Result<T::Value, E>
where
    T: DeserializeSeed<'de>,
    E: de::Error,
    V: Deserializer<'de, Error = serde_json::Error>,
{
    if !TRACKING.with(std::cell::Cell::get) {
        return seed.deserialize(value).map_err(|e| nested_key(key, e));
    }
    let mut track = serde_path_to_error::Track::new();
    seed.deserialize(serde_path_to_error::Deserializer::new(value, &mut track))
        .map_err(|e| nested(key, serde_path_to_error::Error::new(track.path(), e)))
}
