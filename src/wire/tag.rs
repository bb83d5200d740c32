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

use serde::de;
use serde::de::{
    DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, VariantAccess, Visitor,
};
use serde::ser;
use serde::ser::{Impossible, SerializeStruct, Serializer};
use serde_json::Value;

use super::path::{MARK, nested_key, read_kept};
use super::refuse::{refuse, refuse_all_but_structs, refuse_values};

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

#[cfg(test)]
mod tests {
    use serde::Serializer;
    use serde_json::value::Serializer as Json;

    use super::TagWriter;

    /// The writer is given only what the derive of a wire type writes (an
    /// enum's variant); any other value is the one error, never a panic.
    #[test]
    fn the_writer_refuses_what_it_is_not_for_with_the_one_error() {
        let refused = "only an enum's variant is written with a tag";
        let writer = || TagWriter::new(Json, "type", None);
        assert_eq!(
            writer().serialize_bool(true).unwrap_err().to_string(),
            refused
        );
        assert_eq!(
            writer().serialize_some(&1).unwrap_err().to_string(),
            refused
        );
    }
}
