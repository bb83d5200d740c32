//! Identifier newtypes (the IDs every rule compares: AUTH-1's partner, SUB-1's
//! owner, the licence a command names).
//!
//! Every identifier is a cheap-to-clone shared string: cloning one into an
//! event, a timer key or a refusal bumps a reference count and never
//! allocates. Each keeps the hash of its text, computed once when it is
//! made, so that telling two different IDs apart (looking a licence up
//! among an account's, a partner among its relationships) is one integer
//! comparison; equal hashes still compare the text. On the wire each is a
//! plain JSON string.

use std::fmt;
use std::hash::{BuildHasher, Hash, Hasher};
use std::marker::PhantomData;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The longest ID read from JSON, in bytes. An ID read from JSON is also
/// non-empty and has no white space at either end, so that `"acme"` and
/// `"acme "` can never be two partners.
pub const MAX_ID_BYTES: usize = 128;

/// Why `text` is no valid ID, if it is not.
fn check_id(text: &str) -> Result<(), String> {
    if text.is_empty() {
        return Err("an ID may not be empty".into());
    }
    if text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace) {
        return Err(format!(
            "an ID may not start or end with white space: {text:?}"
        ));
    }
    if text.len() > MAX_ID_BYTES {
        return Err(format!(
            "an ID is at most {MAX_ID_BYTES} bytes long, this one {}",
            text.len()
        ));
    }
    Ok(())
}

/// The text of an identifier and its hash.
struct Text {
    hash: u64,
    text: Box<str>,
}

impl Text {
    fn new(text: Box<str>) -> Arc<Text> {
        Arc::new(Text {
            hash: rustc_hash::FxBuildHasher.hash_one(&*text),
            text,
        })
    }

    /// The text read from JSON, checked; shared with the same text read
    /// before into `shared`, if any.
    fn read<E: serde::de::Error>(
        text: &str,
        shared: Option<&mut SharedIds>,
    ) -> Result<Arc<Text>, E> {
        check_id(text).map_err(E::custom)?;
        let Some(shared) = shared else {
            return Ok(Text::new(text.into()));
        };
        let hash = rustc_hash::FxBuildHasher.hash_one(text);
        if let Some(known) = shared.0.iter().find(|t| t.hash == hash && *t.text == *text) {
            return Ok(Arc::clone(known));
        }
        let made = Arc::new(Text {
            hash,
            text: text.into(),
        });
        let _ = shared.0.try_push(Arc::clone(&made));
        Ok(made)
    }

    /// Whether `a` and `b` are the same text: the same allocation, or equal
    /// hashes and equal text.
    #[inline]
    fn same(a: &Arc<Text>, b: &Arc<Text>) -> bool {
        Arc::ptr_eq(a, b) || (a.hash == b.hash && a.text == b.text)
    }
}

/// The IDs already read from one list (the offers and partners of an
/// account's licences): the same text read again shares the allocation of
/// the first. The first few distinct texts are kept, so that a lookup is a
/// few integer comparisons and the list's reading stays linear.
#[derive(Default)]
pub(crate) struct SharedIds(arrayvec::ArrayVec<Arc<Text>, 16>);

/// Reads a `T`, its IDs shared with those read before into `.0`: a
/// [`DeserializeSeed`](serde::de::DeserializeSeed).
pub(crate) struct Shared<'a, T>(&'a mut SharedIds, PhantomData<T>);

impl<'a, T> Shared<'a, T> {
    pub(crate) fn new(ids: &'a mut SharedIds) -> Self {
        Shared(ids, PhantomData)
    }

    pub(crate) fn ids(self) -> &'a mut SharedIds {
        self.0
    }
}

/// Reads a list whose elements share their IDs (an account's licences,
/// bought from a few partners, for a few offers): `deserialize_with`.
pub(crate) fn shared_list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    for<'a> Shared<'a, T>: serde::de::DeserializeSeed<'de, Value = T>,
{
    struct ListVisitor<T>(PhantomData<T>);

    impl<'de, T> serde::de::Visitor<'de> for ListVisitor<T>
    where
        for<'a> Shared<'a, T>: serde::de::DeserializeSeed<'de, Value = T>,
    {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut ids = SharedIds::default();
            let mut list = Vec::new();
            while let Some(item) = seq.next_element_seed(Shared::new(&mut ids))? {
                list.push(item);
            }
            Ok(list)
        }
    }

    deserializer.deserialize_seq(ListVisitor(PhantomData))
}

/// Reads an ID's text, borrowed where the format lends it.
struct TextVisitor<'a>(Option<&'a mut SharedIds>);

impl serde::de::Visitor<'_> for TextVisitor<'_> {
    type Value = Arc<Text>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Arc<Text>, E> {
        Text::read(text, self.0)
    }
}

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, $example:literal) => {
        $(#[$meta])*
        ///
        /// # Example
        ///
        /// ```
        #[doc = concat!("use channel_licensing::", stringify!($name), ";")]
        ///
        #[doc = concat!("let id = ", stringify!($name), "::from(\"", $example, "\");")]
        #[doc = concat!("assert_eq!(id.as_str(), \"", $example, "\");")]
        #[doc = concat!("assert_eq!(id.to_string(), \"", $example, "\");")]
        #[doc = concat!("assert_eq!(serde_json::to_string(&id)?, r#\"\"", $example, "\"\"#);")]
        /// # Ok::<(), serde_json::Error>(())
        /// ```
        #[derive(Clone)]
        pub struct $name(Arc<Text>);

        impl $name {
            /// The identifier as a string slice.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("# use channel_licensing::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::from(\"", $example, "\").as_str(), \"", $example, "\");")]
            /// ```
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0.text
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(Text::new(value.into()))
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self(Text::new(value.into_boxed_str()))
            }
        }

        #[cfg(feature = "schema")]
        crate::schema::string_schema!($name, stringify!($name), {
            "minLength": 1,
            "maxLength": MAX_ID_BYTES,
            "pattern": "^\\S(.*\\S)?$"
        });

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl PartialEq for $name {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                Text::same(&self.0, &other.0)
            }
        }

        impl Eq for $name {}

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        /// In the order of the text.
        impl Ord for $name {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

        /// As the text hashes.
        impl Hash for $name {
            fn hash<H: Hasher>(&self, state: &mut H) {
                self.as_str().hash(state);
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.as_str()).finish()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        /// Read from JSON only when it is a valid ID (see [`MAX_ID_BYTES`]).
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(TextVisitor(None)).map(Self)
            }
        }

        impl<'de> serde::de::DeserializeSeed<'de> for Shared<'_, $name> {
            type Value = $name;

            fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<$name, D::Error> {
                deserializer.deserialize_str(TextVisitor(Some(self.0))).map($name)
            }
        }
    };
}

id_type!(
    /// Identifies one licence (a subscription) of a customer account.
    LicenceId,
    "L-1"
);
id_type!(
    /// Identifies a customer account (a tenant).
    CustomerId,
    "rossi"
);
id_type!(
    /// Identifies a partner (a reseller or managed-service provider).
    PartnerId,
    "acme"
);
id_type!(
    /// Identifies a product offer a licence is for (`"endpoint-advanced"`).
    OfferId,
    "endpoint-advanced"
);
id_type!(
    /// Identifies a region (`"eu"`); partners and tenants each live in one.
    RegionId,
    "eu"
);
id_type!(
    /// Identifies a partner's customer group (`"schools"`, CUST-3).
    GroupId,
    "schools"
);
id_type!(
    /// Identifies an early-access programme a customer can enrol in (BILL-4).
    EarlyAccessId,
    "eap-xdr"
);
