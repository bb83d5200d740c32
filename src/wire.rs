//! The strict wire boundary (no rule IDs: the promise that nothing unknown
//! is accepted). Each wire type's shape is declared once, on the type, by
//! serde's derive (`deny_unknown_fields` on every struct and variant); the
//! internally tagged enums, and the structs that carry one's fields among
//! their own, are read and written through the adapters of [`tag`]: a tag
//! read only from a string, a field that its variant does not have an error
//! that names it, and every error's path kept. [`from_json`] reads any of
//! them and says where the problem is.

use std::fmt;

use arrayvec::ArrayString;
use serde::de;
use serde::de::{DeserializeOwned, Deserializer, Visitor};

pub(crate) mod flat;
pub(crate) mod path;
pub(crate) mod refuse;
pub(crate) mod tag;

/// Reads one of the crate's values (a stored [`Account`](crate::Account),
/// an [`AccountCommand`](crate::AccountCommand) from an API client, a
/// [`Policy`](crate::Policy) …) from JSON. Like `serde_json::from_str`, with
/// an error that says where in the document the problem is.
///
/// Every type of the crate refuses what it does not know, whichever way it
/// is read: an unknown or misspelled field, a tag given as a number, a
/// field that its variant does not have, and any value that breaks the
/// type's invariants (its docs list them).
///
/// # Errors
///
/// [`JsonError`], naming the path of the value that failed
/// (`licences[2].term.ends`) and what was wrong with it.
///
/// # Example
///
/// ```
/// use channel_licensing::{from_json, AccountCommand};
///
/// let err = from_json::<AccountCommand>(
///     r#"{"type": "licence", "licence": "L-1", "command": {"type": "change_seats", "seat": 12}}"#,
/// ).unwrap_err();
/// assert_eq!(err.path(), "command.seat");
/// assert!(err.to_string().starts_with("command.seat: unknown field `seat`, expected `seats`"), "{err}");
///
/// let err = from_json::<AccountCommand>(r#"{"type": "licence", "licence": "L-1", "command": {"type": 3}}"#)
///     .unwrap_err();
/// assert_eq!(err.path(), "command.type");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, JsonError> {
    // Read plainly (tracking the path costs an allocation per key); only a
    // document that fails is read again, to say where.
    match serde_json::from_str(json) {
        Ok(value) => Ok(value),
        Err(plain) => {
            let mut deserializer = serde_json::Deserializer::from_str(json);
            match path::tracking(|| serde_path_to_error::deserialize::<_, T>(&mut deserializer)) {
                Err(tracked) => Err(JsonError::new(tracked)),
                // Trailing characters after a valid value.
                Ok(_) => Err(JsonError {
                    path: String::new(),
                    message: plain.to_string(),
                }),
            }
        }
    }
}

/// [`from_json`] for a JSON value already parsed (the scenario reader's).
#[cfg(feature = "scenario")]
pub(crate) fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, JsonError> {
    path::tracking(|| serde_path_to_error::deserialize(value)).map_err(JsonError::new)
}

/// What [`from_json`] found wrong, and where: the path of the value in the
/// document (`licences[2].cancels_at`; empty for the document itself) and
/// the problem, with its line and column.
///
/// # Example
///
/// ```
/// use channel_licensing::{from_json, Account};
///
/// let err = from_json::<Account>(r#"{"id": "rossi", "nmae": "Rossi"}"#).unwrap_err();
/// assert_eq!(err.path(), "nmae");
/// assert!(err.message().starts_with("unknown field `nmae`"), "{err}");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}{}", if path.is_empty() { String::new() } else { format!("{path}: ") }, message)]
pub struct JsonError {
    path: String,
    message: String,
}

impl JsonError {
    fn new(error: serde_path_to_error::Error<serde_json::Error>) -> JsonError {
        let path = error.path().to_string();
        let mut path = if path == "." { String::new() } else { path };
        let message = error.into_inner().to_string();
        // A value read after its object (kept aside until the object's tag
        // was read) says where in it the error is.
        let (more, message) = path::split(&message);
        if let Some(more) = more {
            path::join(&mut path, more);
        }
        JsonError {
            path,
            message: message.to_owned(),
        }
    }

    /// Where the value that failed stands in the document: field names
    /// joined by `.`, list positions in brackets; empty for the document.
    ///
    /// # Example
    ///
    /// See [`JsonError`].
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong with it (`serde_json`'s message, with line and column).
    ///
    /// # Example
    ///
    /// See [`JsonError`].
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// The longest tag or key the crate writes, with room to spare; a longer
/// string is none of the crate's (an unknown variant or field).
const NAME_CAPACITY: usize = 48;

/// A short string read without allocating: a tag's value or an object's key.
/// A longer one keeps its first characters, enough to report it as unknown.
#[derive(Clone, Copy)]
pub(crate) struct Name(ArrayString<NAME_CAPACITY>);

impl Name {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> de::Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl Visitor<'_> for NameVisitor {
            type Value = Name;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a name (a string)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Name, E> {
                if let Ok(name) = ArrayString::from(v) {
                    return Ok(Name(name));
                }
                let mut name = ArrayString::new();
                for c in v.chars() {
                    if name.try_push(c).is_err() {
                        break;
                    }
                }
                Ok(Name(name))
            }
        }
        deserializer.deserialize_str(NameVisitor)
    }
}

/// Implements `Serialize` and `Deserialize` for `$ty`, which derives them
/// with `#[serde(remote = "Self", …)]`: written as the derive declares it,
/// and read as the derive declares it, then checked by `$check` (a
/// function of the value read to the value, or a message), for the
/// invariants a field's type cannot state.
macro_rules! checked {
    ($ty:ty, $check:expr) => {
        impl ::serde::Serialize for $ty {
            // The derive's inherent function (`remote = "Self"`), not this one.
            #[deny(unconditional_recursion)]
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                <$ty>::serialize(self, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            #[deny(unconditional_recursion)]
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                let read = <$ty>::deserialize(deserializer)?;
                $check(read).map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    };
}
pub(crate) use checked;
