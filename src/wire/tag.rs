//! Internally tagged JSON for types whose shape serde's derive declares:
//! the type derives `Serialize` and `Deserialize` with
//! `#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]`
//! (externally tagged, as far as the derive knows, so that it reads each
//! variant straight from the input, without buffering), and [`internally_tagged!`]
//! implements the traits through two adapters that move the variant's name
//! into a tag field (`{"type": "unlink", "mode": "scheduled"}`), as
//! `#[serde(tag = "type")]` would write it, and read it back strictly:
//!
//! - the tag only from a string (serde's own internal tagging, nested in
//!   another, takes a number as a variant's index);
//! - an unknown or misspelled field, or one the variant does not have
//!   (also beside a unit variant's tag, which serde's internal tagging
//!   ignores), is an error naming it;
//! - every value is read straight from the input while the path to it is
//!   tracked: the keys before the tag (a database may reorder an object's
//!   keys) are kept aside as `serde_json::Value`s and read once the tag is
//!   known, and an error inside one names its path through [`nested`].
//!
//! A struct one of whose fields is such an enum, with the enum's tag and
//! fields stored among the struct's own (a licence and its state), derives
//! the same way with the field marked `#[serde(flatten)]` only for its
//! schema, and [`flattened!`] names the field: its entries are those not
//! among the struct's own fields (and its tag, whatever its name), kept
//! aside and read as the field once the object ends; written, they stand
//! among the struct's own, where the field is.

use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, VariantAccess,
    Visitor,
};
use serde::ser::{self, Impossible, SerializeStruct, Serializer};
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
fn nested_key<E: de::Error>(key: &str, error: impl fmt::Display) -> E {
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
fn read_kept<'de, T: DeserializeSeed<'de>, E: de::Error>(
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
fn read_tracked<'de, T, E, V>(seed: T, key: &str, value: V) -> Result<T::Value, E>
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

/// Implements `Serialize` and `Deserialize` for the enum `$ty`, which
/// derives them with `#[serde(remote = "Self", …)]`: the variant's name in
/// the field `$tag`, and its fields beside it (or, given `$content`, a
/// newtype variant's value in that field).
macro_rules! internally_tagged {
    ($ty:ty, $tag:literal $(, content = $content:literal)?) => {
        impl ::serde::Serialize for $ty {
            // The derive's inherent function (`remote = "Self"`), not this one.
            #[deny(unconditional_recursion)]
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                <$ty>::serialize(self, $crate::wire::tag::TagWriter::new(serializer, $tag, $crate::wire::tag::content!($($content)?)))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            #[deny(unconditional_recursion)]
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <$ty>::deserialize($crate::wire::tag::TagReader::new(deserializer, $tag, $crate::wire::tag::content!($($content)?)))
            }
        }
    };
}
pub(crate) use internally_tagged;

macro_rules! content {
    () => {
        None
    };
    ($content:literal) => {
        Some($content)
    };
}
pub(crate) use content;

// ---------------------------------------------------------------- writing

/// Writes an externally tagged variant (as the derive gives it) with its
/// name in the tag field.
pub(crate) struct TagWriter<S> {
    serializer: S,
    tag: &'static str,
    content: Option<&'static str>,
}

impl<S> TagWriter<S> {
    pub(crate) fn new(serializer: S, tag: &'static str, content: Option<&'static str>) -> Self {
        TagWriter {
            serializer,
            tag,
            content,
        }
    }
}

/// The `Serializer` methods for the values a writer refuses: every kind
/// but a struct or an enum's variant.
macro_rules! refuse_values {
    () => {
        refuse! {
            serialize_bool(v: bool) -> Self::Ok;
            serialize_i8(v: i8) -> Self::Ok;
            serialize_i16(v: i16) -> Self::Ok;
            serialize_i32(v: i32) -> Self::Ok;
            serialize_i64(v: i64) -> Self::Ok;
            serialize_u8(v: u8) -> Self::Ok;
            serialize_u16(v: u16) -> Self::Ok;
            serialize_u32(v: u32) -> Self::Ok;
            serialize_u64(v: u64) -> Self::Ok;
            serialize_f32(v: f32) -> Self::Ok;
            serialize_f64(v: f64) -> Self::Ok;
            serialize_char(v: char) -> Self::Ok;
            serialize_str(v: &str) -> Self::Ok;
            serialize_bytes(v: &[u8]) -> Self::Ok;
            serialize_none() -> Self::Ok;
            serialize_some<V>(value: &V) -> Self::Ok;
            serialize_unit() -> Self::Ok;
            serialize_unit_struct(name: &'static str) -> Self::Ok;
            serialize_newtype_struct<V>(name: &'static str, value: &V) -> Self::Ok;
            serialize_seq(len: Option<usize>) -> Self::SerializeSeq;
            serialize_tuple(len: usize) -> Self::SerializeTuple;
            serialize_tuple_struct(name: &'static str, len: usize) -> Self::SerializeTupleStruct;
            serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeTupleVariant;
            serialize_map(len: Option<usize>) -> Self::SerializeMap;
        }
    };
}

/// [`refuse_values!`], and every variant of an enum too: for a writer of
/// structs.
macro_rules! refuse_all_but_structs {
    () => {
        refuse_values!();

        refuse! {
            serialize_unit_variant(name: &'static str, index: u32, variant: &'static str) -> Self::Ok;
            serialize_newtype_variant<V>(name: &'static str, index: u32, variant: &'static str, value: &V) -> Self::Ok;
            serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeStructVariant;
        }
    };
}

/// `Serializer` methods that refuse their value, all with the one error
/// (`V`, given, is a value's type: `&V` among the arguments).
macro_rules! refuse {
    ($($method:ident $(<$value:ident>)? ($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {
        $(fn $method $(<$value: ?Sized + ser::Serialize>)? (self, $(_: $ty),*) -> Result<$ret, Self::Error> {
            Err(ser::Error::custom("only an enum's variant is written with a tag"))
        })*
    };
}

/// A struct's fields, written as a struct variant's.
pub(crate) struct Fields<T>(T);

impl<T: SerializeStruct> ser::SerializeStructVariant for Fields<T> {
    type Ok = T::Ok;
    type Error = T::Error;

    fn serialize_field<V: ?Sized + ser::Serialize>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), T::Error> {
        self.0.serialize_field(key, value)
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), T::Error> {
        self.0.skip_field(key)
    }

    fn end(self) -> Result<T::Ok, T::Error> {
        self.0.end()
    }
}

impl<S: Serializer> Serializer for TagWriter<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Impossible<S::Ok, S::Error>;
    type SerializeTuple = Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = Impossible<S::Ok, S::Error>;
    type SerializeMap = Impossible<S::Ok, S::Error>;
    type SerializeStruct = Impossible<S::Ok, S::Error>;
    type SerializeStructVariant = Fields<S::SerializeStruct>;

    fn serialize_unit_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        let mut object = self.serializer.serialize_struct(name, 1)?;
        object.serialize_field(self.tag, variant)?;
        object.end()
    }

    fn serialize_newtype_variant<T: ?Sized + ser::Serialize>(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        if let Some(content) = self.content {
            let mut object = self.serializer.serialize_struct(name, 2)?;
            object.serialize_field(self.tag, variant)?;
            object.serialize_field(content, value)?;
            return object.end();
        }
        value.serialize(Inline {
            serializer: self.serializer,
            tag: self.tag,
            variant,
        })
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Fields<S::SerializeStruct>, S::Error> {
        let mut object = self.serializer.serialize_struct(name, len + 1)?;
        object.serialize_field(self.tag, variant)?;
        Ok(Fields(object))
    }

    refuse_values!();

    refuse! {
        serialize_struct(name: &'static str, len: usize) -> Self::SerializeStruct;
    }
}

/// Writes a newtype variant's struct with the variant's tag first.
struct Inline<S> {
    serializer: S,
    tag: &'static str,
    variant: &'static str,
}

impl<S: Serializer> Serializer for Inline<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Impossible<S::Ok, S::Error>;
    type SerializeTuple = Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = Impossible<S::Ok, S::Error>;
    type SerializeMap = Impossible<S::Ok, S::Error>;
    type SerializeStruct = S::SerializeStruct;
    type SerializeStructVariant = Impossible<S::Ok, S::Error>;

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<S::SerializeStruct, S::Error> {
        let mut object = self.serializer.serialize_struct(name, len + 1)?;
        object.serialize_field(self.tag, self.variant)?;
        Ok(object)
    }

    refuse_all_but_structs!();
}

// ---------------------------------------------------------------- reading

/// Reads an object with a tag field as the externally tagged variant the
/// derive asks for.
pub(crate) struct TagReader<D> {
    deserializer: D,
    tag: &'static str,
    content: Option<&'static str>,
}

impl<D> TagReader<D> {
    pub(crate) fn new(deserializer: D, tag: &'static str, content: Option<&'static str>) -> Self {
        TagReader {
            deserializer,
            tag,
            content,
        }
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for TagReader<D> {
    type Error = D::Error;

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.deserializer.deserialize_map(FindTag {
            visitor,
            name,
            tag: self.tag,
            content: self.content,
        })
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, D::Error> {
        Err(de::Error::custom("only an enum is read from a tag"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

/// The entries of an object read before its tag, kept aside.
type Kept = std::vec::IntoIter<(String, Value)>;

/// Reads an object's entries up to its tag, keeping those before it aside.
struct FindTag<V> {
    visitor: V,
    name: &'static str,
    tag: &'static str,
    content: Option<&'static str>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for FindTag<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, an object tagged `{}`", self.name, self.tag)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<V::Value, A::Error> {
        let mut kept = Vec::new();
        let tag = loop {
            match map.next_key_seed(TagOr(self.tag))? {
                None => return Err(de::Error::missing_field(self.tag)),
                Some(None) => break map.next_value::<super::Name>()?,
                Some(Some(key)) => {
                    let value = map.next_value::<Value>()?;
                    kept.push((key, value));
                }
            }
        };
        self.visitor.visit_enum(Rest {
            tag_key: self.tag,
            tag,
            content: self.content,
            kept: kept.into_iter(),
            pending: None,
            map,
        })
    }
}

/// A key: the tag `.0` (`None`), or another, kept.
struct TagOr(&'static str);

impl<'de> DeserializeSeed<'de> for TagOr {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Option<String>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for TagOr {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<String>, E> {
        Ok((key != self.0).then(|| key.to_owned()))
    }
}

/// The rest of a tagged object: its variant's entries.
struct Rest<A> {
    tag_key: &'static str,
    tag: super::Name,
    content: Option<&'static str>,
    kept: Kept,
    pending: Option<(String, Value)>,
    map: A,
}

impl<'de, A: MapAccess<'de>> EnumAccess<'de> for Rest<A> {
    type Error = A::Error;
    type Variant = Self;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Self), A::Error> {
        let variant = seed.deserialize(self.tag.as_str().into_deserializer())?;
        Ok((variant, self))
    }
}

impl<'de, A: MapAccess<'de>> Rest<A> {
    /// No entry is left: the variant has no other field.
    fn end(mut self) -> Result<(), A::Error> {
        if let Some((key, _)) = self.kept.next() {
            return Err(nested_key(
                &key,
                <A::Error as de::Error>::unknown_field(&key, &[]),
            ));
        }
        match self.map.next_key_seed(NoField)? {
            Some(()) | None => Ok(()),
        }
    }
}

/// A key where no field is left: an error naming it.
struct NoField;

impl<'de> DeserializeSeed<'de> for NoField {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for NoField {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no other field")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<(), E> {
        Err(E::unknown_field(key, &[]))
    }
}

impl<'de, A: MapAccess<'de>> VariantAccess<'de> for Rest<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.end()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        mut self,
        seed: T,
    ) -> Result<T::Value, A::Error> {
        let Some(content) = self.content else {
            return seed.deserialize(RestReader(self));
        };
        let value = if let Some(at) = self.kept.as_slice().iter().position(|(k, _)| k == content) {
            let mut kept: Vec<_> = self.kept.collect();
            let (key, value) = kept.remove(at);
            self.kept = kept.into_iter();
            read_kept(seed, &key, value)?
        } else {
            match self.map.next_key_seed(Only(content))? {
                Some(()) => self.map.next_value_seed(seed)?,
                None => return Err(de::Error::missing_field(content)),
            }
        };
        self.end()?;
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value, A::Error> {
        Err(de::Error::custom("a tagged variant has named fields"))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_map(self)
    }
}

/// The one key `.0` a variant's content is under.
struct Only(&'static str);

impl<'de> DeserializeSeed<'de> for Only {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for Only {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`", self.0)
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<(), E> {
        if key == self.0 {
            Ok(())
        } else {
            Err(E::custom(format_args!(
                "unknown field `{key}`, expected `{}`",
                self.0
            )))
        }
    }
}

/// The variant's entries, as a map for a newtype variant's struct.
struct RestReader<A>(Rest<A>);

impl<'de, A: MapAccess<'de>> Deserializer<'de> for RestReader<A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self.0)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Rest<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if let Some((key, value)) = self.kept.next() {
            let read = seed
                .deserialize(key.as_str().into_deserializer())
                .map_err(|e: A::Error| de::Error::custom(format_args!("{MARK}{key}{MARK}{e}")))?;
            self.pending = Some((key, value));
            return Ok(Some(read));
        }
        self.map.next_key_seed(LiveKey {
            seed,
            tag: self.tag_key,
        })
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        match self.pending.take() {
            Some((key, value)) => read_kept(seed, &key, value),
            None => self.map.next_value_seed(seed),
        }
    }
}

/// A key after the tag: any but the tag again, read by the derive's seed.
struct LiveKey<K> {
    seed: K,
    tag: &'static str,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for LiveKey<K> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<K::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, K: DeserializeSeed<'de>> Visitor<'de> for LiveKey<K> {
    type Value = K::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<K::Value, E> {
        if key == self.tag {
            return Err(E::custom(format_args!("duplicate field `{key}`")));
        }
        self.seed.deserialize(key.into_deserializer())
    }
}

// ------------------------------------------------------- flattened fields

/// Implements `Serialize` and `Deserialize` for the struct `$ty`, which
/// derives them with `#[serde(remote = "Self", deny_unknown_fields)]`, with
/// the entries of its field `$field` (an [`internally_tagged!`] enum) among
/// its own; `then` checks the value read (its load invariants).
macro_rules! flattened {
    ($ty:ty, $field:literal $(, then = $then:path)?) => {
        impl ::serde::Serialize for $ty {
            #[deny(unconditional_recursion)]
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                <$ty>::serialize(self, $crate::wire::tag::FlatWriter::new(serializer, $field))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            #[deny(unconditional_recursion)]
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <$ty>::deserialize($crate::wire::tag::FlatReader::new(deserializer, $field))?;
                $(let value = $then(value).map_err(<D::Error as ::serde::de::Error>::custom)?;)?
                Ok(value)
            }
        }
    };
}
pub(crate) use flattened;

/// Writes a struct with its field `field`'s entries among its own.
pub(crate) struct FlatWriter<S> {
    serializer: S,
    field: &'static str,
}

impl<S> FlatWriter<S> {
    pub(crate) fn new(serializer: S, field: &'static str) -> Self {
        FlatWriter { serializer, field }
    }
}

impl<S: Serializer> Serializer for FlatWriter<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Impossible<S::Ok, S::Error>;
    type SerializeTuple = Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = Impossible<S::Ok, S::Error>;
    type SerializeMap = Impossible<S::Ok, S::Error>;
    type SerializeStruct = FlatFields<S::SerializeStruct>;
    type SerializeStructVariant = Impossible<S::Ok, S::Error>;

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<FlatFields<S::SerializeStruct>, S::Error> {
        Ok(FlatFields {
            object: self.serializer.serialize_struct(name, len)?,
            field: self.field,
        })
    }

    refuse_all_but_structs!();
}

/// A struct's fields, the flattened one's entries written among them.
pub(crate) struct FlatFields<T> {
    object: T,
    field: &'static str,
}

impl<T: SerializeStruct> SerializeStruct for FlatFields<T> {
    type Ok = T::Ok;
    type Error = T::Error;

    fn serialize_field<V: ?Sized + ser::Serialize>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), T::Error> {
        if key == self.field {
            value.serialize(Among(&mut self.object))
        } else {
            self.object.serialize_field(key, value)
        }
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), T::Error> {
        self.object.skip_field(key)
    }

    fn end(self) -> Result<T::Ok, T::Error> {
        self.object.end()
    }
}

/// Writes a struct's fields among another struct's.
struct Among<'a, T>(&'a mut T);

impl<T: SerializeStruct> SerializeStruct for Among<'_, T> {
    type Ok = ();
    type Error = T::Error;

    fn serialize_field<V: ?Sized + ser::Serialize>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), T::Error> {
        self.0.serialize_field(key, value)
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), T::Error> {
        self.0.skip_field(key)
    }

    fn end(self) -> Result<(), T::Error> {
        Ok(())
    }
}

impl<T: SerializeStruct> Serializer for Among<'_, T> {
    type Ok = ();
    type Error = T::Error;
    type SerializeSeq = Impossible<(), T::Error>;
    type SerializeTuple = Impossible<(), T::Error>;
    type SerializeTupleStruct = Impossible<(), T::Error>;
    type SerializeTupleVariant = Impossible<(), T::Error>;
    type SerializeMap = Impossible<(), T::Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), T::Error>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, T::Error> {
        Ok(self)
    }

    refuse_all_but_structs!();
}

/// Reads a struct whose field `field` has its entries among the struct's
/// own: each key the struct has (but `field`) goes to the derive as it
/// comes; any other is kept aside, and once the object ends the derive
/// reads `field` from what was kept, so that an unknown key is the
/// flattened enum's error (naming its path).
pub(crate) struct FlatReader<D> {
    deserializer: D,
    field: &'static str,
}

impl<D> FlatReader<D> {
    pub(crate) fn new(deserializer: D, field: &'static str) -> Self {
        FlatReader {
            deserializer,
            field,
        }
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for FlatReader<D> {
    type Error = D::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.deserializer.deserialize_map(FlatVisitor {
            visitor,
            name,
            fields,
            field: self.field,
        })
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, D::Error> {
        Err(de::Error::custom(
            "only a struct is read with a flattened field",
        ))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// The derive's visitor, given the object's entries through [`FlatMap`].
struct FlatVisitor<V> {
    visitor: V,
    name: &'static str,
    fields: &'static [&'static str],
    field: &'static str,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for FlatVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, an object", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(FlatMap {
            map,
            fields: self.fields,
            field: self.field,
            kept: Vec::new(),
            ended: false,
        })
    }
}

/// A struct's entries: its own as they come, then the flattened field's.
struct FlatMap<A> {
    map: A,
    fields: &'static [&'static str],
    field: &'static str,
    kept: Vec<(String, Value)>,
    /// The object has ended: the flattened field's key was given.
    ended: bool,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for FlatMap<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        while !self.ended {
            let key = OwnKey {
                fields: self.fields,
                field: self.field,
            };
            match self.map.next_key_seed(key)? {
                Some(Ok(own)) => return seed.deserialize(own.into_deserializer()).map(Some),
                Some(Err(key)) => {
                    let value = self.map.next_value::<Value>()?;
                    self.kept.push((key, value));
                }
                None => {
                    self.ended = true;
                    return seed.deserialize(self.field.into_deserializer()).map(Some);
                }
            }
        }
        Ok(None)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        if !self.ended {
            return self.map.next_value_seed(seed);
        }
        // The entries kept, read as the flattened field: an error's path
        // goes on from the struct's own.
        let kept = std::mem::take(&mut self.kept);
        let entries = de::value::MapDeserializer::<_, serde_json::Error>::new(kept.into_iter());
        read_tracked(seed, "", entries)
    }
}

/// A key of a struct with a flattened field: one of its own fields
/// (`Ok`, but the flattened field's name: that is the flattened enum's
/// tag or one of its fields), or another, to keep aside (`Err`).
struct OwnKey {
    fields: &'static [&'static str],
    field: &'static str,
}

impl<'de> DeserializeSeed<'de> for OwnKey {
    type Value = Result<&'static str, String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for OwnKey {
    type Value = Result<&'static str, String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(
            match self
                .fields
                .iter()
                .find(|&&own| own == key && own != self.field)
            {
                Some(own) => Ok(own),
                None => Err(key.to_owned()),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REFUSED: &str = "only an enum's variant is written with a tag";

    /// The writers are given only what the derive of a wire type writes
    /// (an enum's variant, a struct); any other value is the one error,
    /// never a panic.
    #[test]
    fn a_writer_refuses_what_it_is_not_for_with_the_one_error() {
        use serde_json::value::Serializer as Json;
        let error = |result: Result<Value, serde_json::Error>| result.unwrap_err().to_string();
        assert_eq!(
            error(TagWriter::new(Json, "type", None).serialize_bool(true)),
            REFUSED
        );
        assert_eq!(
            error(TagWriter::new(Json, "type", None).serialize_some(&1)),
            REFUSED
        );
        assert_eq!(
            error(FlatWriter::new(Json, "state").serialize_newtype_variant("E", 0, "v", &1)),
            REFUSED
        );
    }
}
