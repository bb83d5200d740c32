//! Identifier newtypes (the IDs every rule compares: AUTH-1's partner, SUB-1's
//! owner, the licence a command names).
//!
//! Every identifier is a cheap-to-clone shared string (cloning one into an
//! event, a timer key or a refusal bumps a reference count), compared,
//! ordered and hashed by its text. On the wire each is a plain JSON string.

use std::fmt;
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

/// Reads an ID's text, checked.
struct TextVisitor;

impl serde::de::Visitor<'_> for TextVisitor {
    type Value = Arc<str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Arc<str>, E> {
        check_id(text).map_err(E::custom)?;
        Ok(text.into())
    }
}

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, $example:literal) => {
        $(#[$meta])*
        ///
        /// # Example
        ///
        /// ```
        #[doc = concat!("use channel_licensing::ids::", stringify!($name), ";")]
        ///
        #[doc = concat!("let id = ", stringify!($name), "::from(\"", $example, "\");")]
        #[doc = concat!("assert_eq!(id.as_str(), \"", $example, "\");")]
        #[doc = concat!("assert_eq!(id.to_string(), \"", $example, "\");")]
        #[doc = concat!("assert_eq!(serde_json::to_string(&id)?, r#\"\"", $example, "\"\"#);")]
        /// # Ok::<(), serde_json::Error>(())
        /// ```
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Arc<str>);

        impl $name {
            /// The identifier as a string slice.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("# use channel_licensing::ids::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::from(\"", $example, "\").as_str(), \"", $example, "\");")]
            /// ```
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.into())
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self(value.into())
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
                deserializer.deserialize_str(TextVisitor).map(Self)
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
id_type!(
    /// Identifies a GDAP relationship within its customer (`"g1"`, GDAP-1).
    GdapId,
    "g1"
);
id_type!(
    /// Identifies a transfer request within its customer (`"t1"`, XFER-7).
    TransferId,
    "t1"
);
