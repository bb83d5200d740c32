//! Identifier newtypes.
//!
//! Every identifier is a cheap-to-clone shared string (`Arc<str>`): cloning one
//! into an event, a timer key or a refusal bumps a reference count and never
//! allocates. On the wire each is a plain JSON string (`#[serde(transparent)]`).

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

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
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Arc<str>);

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
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(Arc::from(value))
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self(Arc::from(value))
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
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
    /// The name of a [`Policy`](crate::Policy) (`"standard"`).
    PolicyName,
    "standard"
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
