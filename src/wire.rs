//! The strict wire boundary (no rule IDs: the promise that nothing unknown
//! is accepted). Every JSON object the crate reads goes through
//! [`strict_map!`]: one pass over the object's entries, each value read
//! straight into a typed slot (no buffering, so an error inside a value
//! keeps its path), an unknown or repeated key an error, a tag read only
//! from a string, and a field that does not belong to the tag's variant an
//! error that names it.

use std::fmt;
use std::marker::PhantomData;

use arrayvec::ArrayString;
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};

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
            match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
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
        let (more, message) = tag::split(&message);
        if let Some(more) = more {
            tag::join(&mut path, more);
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

/// The value of a tag field (`"type"`, `"state"`, `"timer"` …): read only
/// from a string, never from a number.
pub(crate) type Tag = Name;

/// What a [`tagged!`] build found wrong, turned into the format's error.
pub(crate) enum Problem {
    /// A field the variant needs is missing.
    Missing(&'static str),
    /// The tag names no variant.
    UnknownVariant(Tag, &'static [&'static str]),
    /// The value breaks an invariant.
    Invalid(String),
}

impl Problem {
    pub(crate) fn into_error<E: de::Error>(self) -> E {
        match self {
            Problem::Missing(field) => E::missing_field(field),
            Problem::UnknownVariant(tag, variants) => E::unknown_variant(tag.as_str(), variants),
            Problem::Invalid(message) => E::custom(message),
        }
    }
}

impl From<crate::Error> for Problem {
    fn from(error: crate::Error) -> Problem {
        Problem::Invalid(error.to_string())
    }
}

/// The value of a required field (converted: an instant slot holds an
/// [`Instant`](crate::instant::Instant)), or a "missing field" problem.
pub(crate) fn req<T: Into<U>, U>(slot: &mut Option<T>, field: &'static str) -> Result<U, Problem> {
    slot.take().map(Into::into).ok_or(Problem::Missing(field))
}

/// The fields an object may have besides its tag, each read into an
/// `Option` slot: made with [`field_set!`]; two sets side by side (an
/// event's envelope and its change) are a tuple. A key is matched once,
/// to an index, while it is read.
pub(crate) trait FieldSet: Default {
    /// How many fields the set has.
    const LEN: usize;
    /// The index of the field named `key`, if the set has one.
    fn index(key: &str) -> Option<usize>;
    /// Reads the value of the field at `index` into its slot. A field
    /// given twice is an error.
    fn read_at<'de, A: de::MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error>;
    /// The first field still in its slot.
    fn leftover(&self) -> Option<&'static str>;
    /// The names of the set's fields.
    fn names(out: &mut Vec<&'static str>);
}

impl<X: FieldSet, Y: FieldSet> FieldSet for (X, Y) {
    const LEN: usize = X::LEN + Y::LEN;

    fn index(key: &str) -> Option<usize> {
        X::index(key).or_else(|| Y::index(key).map(|i| i + X::LEN))
    }

    fn read_at<'de, A: de::MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match index.checked_sub(X::LEN) {
            None => self.0.read_at(index, map),
            Some(index) => self.1.read_at(index, map),
        }
    }

    fn leftover(&self) -> Option<&'static str> {
        self.0.leftover().or_else(|| self.1.leftover())
    }

    fn names(out: &mut Vec<&'static str>) {
        X::names(out);
        Y::names(out);
    }
}

/// A struct of `Option` slots named as the fields, and its [`FieldSet`]
/// (a field whose JSON name is a keyword is given it: `kind("type"): Tag`).
macro_rules! field_set {
    ($(#[$meta:meta])* $vis:vis struct $set:ident { $($field:ident $(($name:literal))? : $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Default)]
        $vis struct $set {
            $(pub(crate) $field: Option<$ty>,)*
        }

        impl $set {
            /// The fields' names, in their order: a field's index is its
            /// place here.
            const NAMES: &'static [&'static str] = &[$($crate::wire::field_name!($field $(, $name)?)),*];
        }

        impl $crate::wire::FieldSet for $set {
            const LEN: usize = Self::NAMES.len();

            fn index(key: &str) -> Option<usize> {
                Self::NAMES.iter().position(|name| *name == key)
            }

            #[allow(unused_assignments, unused_mut, unused_variables)]
            fn read_at<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                index: usize,
                map: &mut A,
            ) -> Result<(), A::Error> {
                let mut at = 0_usize;
                $(
                    if index == at {
                        if self.$field.is_some() {
                            return Err(<A::Error as ::serde::de::Error>::custom(format_args!(
                                "duplicate field `{}`",
                                Self::NAMES[at]
                            )));
                        }
                        self.$field = Some(map.next_value::<$ty>()?);
                        return Ok(());
                    }
                    at += 1;
                )*
                Ok(())
            }

            #[allow(unused_mut)]
            fn leftover(&self) -> Option<&'static str> {
                let mut at = 0_usize;
                $(
                    if self.$field.is_some() {
                        return Some(Self::NAMES[at]);
                    }
                    at += 1;
                )*
                let _ = at;
                None
            }

            fn names(out: &mut Vec<&'static str>) {
                out.extend(Self::NAMES);
            }
        }
    };
}
pub(crate) use field_set;

/// Where a key of a tagged object goes.
enum Key {
    Tag,
    Field(usize),
}

/// Reads an object's entries in one pass: `tag` (required, a string) and
/// the fields of `F`; any other key is an unknown field, reported while the
/// key is read, so that the error's path ends with it.
pub(crate) fn read_tagged<'de, A: de::MapAccess<'de>, F: FieldSet>(
    mut map: A,
    tag: &'static str,
) -> Result<(Tag, F), A::Error> {
    let mut value: Option<Tag> = None;
    let mut fields = F::default();
    while let Some(key) = map.next_key_seed(KeySeed::<F>(Some(tag), PhantomData))? {
        match key {
            Key::Tag => {
                if value.is_some() {
                    return Err(de::Error::custom(format_args!("duplicate field `{tag}`")));
                }
                value = Some(map.next_value()?);
            }
            Key::Field(index) => fields.read_at(index, &mut map)?,
        }
    }
    let value = value.ok_or_else(|| de::Error::missing_field(tag))?;
    Ok((value, fields))
}

/// [`read_tagged`] for an object without a tag.
pub(crate) fn read_fields<'de, A: de::MapAccess<'de>, F: FieldSet>(
    mut map: A,
) -> Result<F, A::Error> {
    let mut fields = F::default();
    while let Some(key) = map.next_key_seed(KeySeed::<F>(None, PhantomData))? {
        if let Key::Field(index) = key {
            fields.read_at(index, &mut map)?;
        }
    }
    Ok(fields)
}

/// Reads a key that is the tag `.0` or one of `F`'s fields.
struct KeySeed<F>(Option<&'static str>, PhantomData<F>);

impl<'de, F: FieldSet> de::DeserializeSeed<'de> for KeySeed<F> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<F: FieldSet> Visitor<'_> for KeySeed<F> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        if Some(key) == self.0 {
            return Ok(Key::Tag);
        }
        if let Some(index) = F::index(key) {
            return Ok(Key::Field(index));
        }
        let mut names: Vec<&str> = self.0.into_iter().collect();
        F::names(&mut names);
        Err(E::custom(format_args!(
            "unknown field `{key}`, expected {}",
            match names.as_slice() {
                [one] => format!("`{one}`"),
                _ => format!(
                    "one of {}",
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        )))
    }
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

/// Implements `Deserialize` for `$ty` from an object with the tag `$tag`
/// and the fields of the [`FieldSet`] `$fields`. `build` sees the tag and
/// the slots and makes the value, taking the fields it uses with [`req`]
/// or `.take()`; a field it leaves is an error naming it and the tag.
macro_rules! tagged {
    ($ty:ty, $expecting:literal, $tag:literal, $fields:ty, |$t:ident, $f:pat_param| $build:expr) => {
        const _: () = {
            struct TaggedVisitor;

            impl<'de> ::serde::de::Visitor<'de> for TaggedVisitor {
                type Value = $ty;

                fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str($expecting)
                }

                fn visit_map<A: ::serde::de::MapAccess<'de>>(
                    self,
                    map: A,
                ) -> Result<$ty, A::Error> {
                    let (tag, mut fields) = $crate::wire::read_tagged::<A, $fields>(map, $tag)?;
                    #[allow(clippy::redundant_closure_call)]
                    let value = (|$t: $crate::wire::Tag,
                                  $f: &mut $fields|
                     -> Result<$ty, $crate::wire::Problem> { $build })(
                        tag, &mut fields
                    )
                    .map_err($crate::wire::Problem::into_error)?;
                    if let Some(field) = $crate::wire::FieldSet::leftover(&fields) {
                        return Err($crate::wire::not_a_field(field, tag.as_str()));
                    }
                    Ok(value)
                }
            }

            impl<'de> ::serde::Deserialize<'de> for $ty {
                fn deserialize<D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> Result<Self, D::Error> {
                    deserializer.deserialize_map(TaggedVisitor)
                }
            }
        };
    };
}
pub(crate) use tagged;

/// The value of the variant `$tag` names, among the arms given; any other
/// name is an unknown-variant problem listing the arms' names.
macro_rules! variants {
    ($tag:expr, { $($name:literal => $value:expr),* $(,)? }) => {
        match $tag.as_str() {
            $($name => $value,)*
            _ => {
                return Err($crate::wire::Problem::UnknownVariant($tag, &[$($name),*]));
            }
        }
    };
}
pub(crate) use variants;

/// The variant `$variant` built from a field set `$set`: each required field
/// taken with [`req`] (missing, it is a problem naming it), after `;` each
/// optional one taken as it is (`null` or absent: `None`), and after `with`
/// each field its own reader gives. The arms of [`variants!`] read like the
/// types they build.
macro_rules! from_fields {
    (
        $set:expr,
        $($variant:ident)::+ { $($field:ident),* $(; $($optional:ident),*)? }
        $(with { $($name:ident: $value:expr),* $(,)? })?
    ) => {
        $($variant)::+ {
            $($field: $crate::wire::req(&mut $set.$field, stringify!($field))?,)*
            $($($optional: $set.$optional.take().flatten(),)*)?
            $($($name: $value,)*)?
        }
    };
}
pub(crate) use from_fields;

/// Implements `Deserialize` for an aggregate's change type `$change`, read
/// from its tag (`type`) and its [`FieldSet`] `ChangeFields` (whose `take`
/// builds the change the tag names), and for its event type `$event`: the
/// envelope (the aggregate's ID field `$id`, `decided_at`, `policy`) beside
/// the change's fields. The account and the licence read their events this
/// one way. The calling module defines `ChangeFields`; the macro defines a
/// private `EnvelopeFields` there.
macro_rules! event_readers {
    ($change:ident, $change_expecting:literal, $event:ident { $id:ident: $id_ty:ty }, $event_expecting:literal) => {
        $crate::wire::tagged!($change, $change_expecting, "type", ChangeFields, |t, f| f.take(t));

        $crate::wire::field_set! {
            /// An event's envelope, beside its change's fields.
            struct EnvelopeFields {
                $id: $id_ty,
                decided_at: $crate::instant::Instant,
                policy: $crate::policy::PolicyStamp,
            }
        }

        $crate::wire::tagged!(
            $event,
            $event_expecting,
            "type",
            (EnvelopeFields, ChangeFields),
            |tag, (envelope, change)| Ok($crate::wire::from_fields!(envelope, $event { $id, decided_at, policy } with {
                change: change.take(tag)?,
            }))
        );
    };
}
pub(crate) use event_readers;
