//! Structs that carry an internally tagged enum's entries among their own
//! (a licence and its state, an event and its change): [`flattened!`]
//! implements their traits for the type's derive, as [`internally_tagged!`]
//! does for the enum.
//!
//! [`internally_tagged!`]: super::tag::internally_tagged

use std::fmt;

use serde::de;
use serde::de::{DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor};
use serde::ser;
use serde::ser::{Impossible, SerializeStruct, Serializer};
use serde_json::Value;

use super::path::read_tracked;
use super::refuse::{refuse, refuse_all_but_structs, refuse_values};

/// Implements `Serialize` and `Deserialize` for the struct `$ty`, which
/// derives them with `#[serde(remote = "Self", deny_unknown_fields)]`, with
/// the entries of its field `$field` (an [`internally_tagged!`] enum) among
/// its own; `then` checks the value read (its load invariants).
macro_rules! flattened {
    ($ty:ty, $field:literal $(, then = $then:path)?) => {
        impl ::serde::Serialize for $ty {
            #[deny(unconditional_recursion)]
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                <$ty>::serialize(self, $crate::wire::flat::FlatWriter::new(serializer, $field))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            #[deny(unconditional_recursion)]
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <$ty>::deserialize($crate::wire::flat::FlatReader::new(deserializer, $field))?;
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
    use serde::Serializer;
    use serde_json::value::Serializer as Json;

    use super::FlatWriter;

    /// The writer is given only what the derive of a wire type writes (a
    /// struct); any other value is the one error, never a panic.
    #[test]
    fn the_writer_refuses_what_it_is_not_for_with_the_one_error() {
        let written = FlatWriter::new(Json, "state").serialize_newtype_variant("E", 0, "v", &1);
        assert_eq!(
            written.unwrap_err().to_string(),
            "only an enum's variant is written with a tag"
        );
    }
}
