//! What the tagged writers refuse: they are given only what a wire type's
//! derive writes (an enum's variant, a struct), and any other value is one
//! error, never a panic.

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
pub(crate) use refuse_values;

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
pub(crate) use refuse_all_but_structs;

/// `Serializer` methods that refuse their value, all with the one error
/// (`V`, given, is a value's type: `&V` among the arguments).
macro_rules! refuse {
    ($($method:ident $(<$value:ident>)? ($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {
        $(fn $method $(<$value: ?Sized + ser::Serialize>)? (self, $(_: $ty),*) -> Result<$ret, Self::Error> {
            Err(ser::Error::custom("only an enum's variant is written with a tag"))
        })*
    };
}
pub(crate) use refuse;
