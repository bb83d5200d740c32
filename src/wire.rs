//! The strict wire boundary (no rule IDs: the promise that nothing unknown
//! is accepted). Every JSON object the crate reads goes through
//! [`strict_map!`]: one pass over the object's entries, each value read
//! straight into a typed slot (no buffering, so an error inside a value
//! keeps its path), an unknown or repeated key an error, a tag read only
//! from a string, and a field that does not belong to the tag's variant an
//! error that names it.

use std::fmt;

use arrayvec::ArrayString;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, Visitor};

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
/// assert!(err.to_string().starts_with("command.seat: unknown field `seat`, expected"), "{err}");
///
/// let err = from_json::<AccountCommand>(r#"{"type": "licence", "licence": "L-1", "command": {"type": 3}}"#)
///     .unwrap_err();
/// assert_eq!(err.path(), "command.type");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, JsonError> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(JsonError::new)?;
    deserializer.end().map_err(|e| JsonError {
        path: String::new(),
        message: e.to_string(),
    })?;
    Ok(value)
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
        JsonError {
            path: if path == "." { String::new() } else { path },
            message: error.into_inner().to_string(),
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

/// The longest tag the crate writes, with room to spare; a longer string is
/// no tag of the crate's (an unknown variant).
const TAG_CAPACITY: usize = 40;

/// The value of a tag field (`"type"`, `"state"`, `"timer"` …): read only
/// from a string, never from a number.
#[derive(Clone, Copy)]
pub(crate) struct Tag(ArrayString<TAG_CAPACITY>);

impl Tag {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// The error for a tag that names no variant of `variants`.
    pub(crate) fn unknown<E: de::Error>(&self, variants: &'static [&'static str]) -> E {
        E::unknown_variant(self.as_str(), variants)
    }
}

impl<'de> de::Deserialize<'de> for Tag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TagVisitor;
        impl Visitor<'_> for TagVisitor {
            type Value = Tag;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a variant name (a string)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Tag, E> {
                // Too long for any of the crate's names: keep a prefix, which
                // the caller reports as an unknown variant.
                let mut tag = ArrayString::new();
                for c in v.chars() {
                    if tag.try_push(c).is_err() {
                        break;
                    }
                }
                Ok(Tag(tag))
            }
        }
        deserializer.deserialize_str(TagVisitor)
    }
}

/// Reads an object key and names it by the matching entry of `fields`, or
/// fails with serde's "unknown field" error listing them.
pub(crate) struct FieldSeed(pub(crate) &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldSeed {
    type Value = &'static str;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for FieldSeed {
    type Value = &'static str;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        self.0
            .iter()
            .find(|f| **f == v)
            .copied()
            .ok_or_else(|| E::unknown_field(v, self.0))
    }
}

/// The value of a required field, or serde's "missing field" error.
pub(crate) fn req<T, E: de::Error>(slot: &mut Option<T>, field: &'static str) -> Result<T, E> {
    slot.take().ok_or_else(|| E::missing_field(field))
}

/// The error for a field that the object has but its variant does not.
pub(crate) fn not_a_field<E: de::Error>(field: &str, of: &str) -> E {
    E::custom(format_args!("`{field}` is not a field of `{of}`"))
}

/// The JSON name of a field: its identifier, or the name given.
macro_rules! field_name {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident, $name:literal) => {
        $name
    };
}
pub(crate) use field_name;

/// Implements `Deserialize` for `$ty` from a JSON object whose keys are
/// the tag and exactly the `fields` listed, each read into an `Option` slot
/// named as the field (a field whose name is a keyword is given its name:
/// `kind("type")`). The tag is required and read only from a string; the
/// `build` block sees it as a [`Tag`] and turns the slots into the value,
/// taking what it uses with [`req`] or `.take()`; its `?` returns the
/// error. A field the object has and `build` did not take is an error that
/// names it and the tag.
macro_rules! strict_map {
    (
        $ty:ty, $expecting:literal,
        tag $tag:ident $(($tagname:literal))?,
        fields { $($field:ident $(($name:literal))? : $fty:ty),* $(,)? },
        build $build:block
    ) => {
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct StrictVisitor;
                impl<'de> ::serde::de::Visitor<'de> for StrictVisitor {
                    type Value = $ty;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str($expecting)
                    }

                    #[allow(unused_mut, clippy::question_mark)]
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$ty, A::Error> {
                        const TAG: &str = $crate::wire::field_name!($tag $(, $tagname)?);
                        const FIELDS: &[&str] = &[TAG, $($crate::wire::field_name!($field $(, $name)?)),*];
                        let mut $tag: Option<$crate::wire::Tag> = None;
                        $( let mut $field: Option<$fty> = None; )*
                        while let Some(key) = map.next_key_seed($crate::wire::FieldSeed(FIELDS))? {
                            if key == TAG {
                                if $tag.is_some() {
                                    return Err(::serde::de::Error::duplicate_field(key));
                                }
                                $tag = Some(map.next_value()?);
                                continue;
                            }
                            $(
                                if key == $crate::wire::field_name!($field $(, $name)?) {
                                    if $field.is_some() {
                                        return Err(::serde::de::Error::duplicate_field(key));
                                    }
                                    $field = Some(map.next_value()?);
                                    continue;
                                }
                            )*
                        }
                        let $tag: $crate::wire::Tag = $crate::wire::req(&mut $tag, TAG)?;
                        let value: $ty = $build;
                        $(
                            if $field.is_some() {
                                return Err($crate::wire::not_a_field(
                                    $crate::wire::field_name!($field $(, $name)?),
                                    $tag.as_str(),
                                ));
                            }
                        )*
                        Ok(value)
                    }
                }
                deserializer.deserialize_map(StrictVisitor)
            }
        }
    };
}
pub(crate) use strict_map;
