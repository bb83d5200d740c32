//! The stamp every event carries (POL-5): the policy's name, its version
//! and the fingerprint of its content, so that an event records exactly
//! which numbers decided it.

use std::fmt;

use arrayvec::ArrayString;
use serde::{Deserialize, Deserializer, Serialize};
use sha2::{Digest, Sha256};

/// The name of a [`Policy`](crate::Policy) (`"standard"`): non-empty,
/// without white space at either end, at most [`PolicyName::MAX_BYTES`]
/// bytes. Kept inline, so a [`PolicyStamp`] is `Copy`.
///
/// # Example
///
/// ```
/// use channel_licensing::policy::{PolicyError, PolicyName};
///
/// let name = PolicyName::new("standard")?;
/// assert_eq!(name.as_str(), "standard");
/// assert_eq!(serde_json::to_string(&name)?, r#""standard""#);
/// assert!(matches!(PolicyName::new(" "), Err(PolicyError::BlankName)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde_with::SerializeDisplay)]
pub struct PolicyName(pub(super) ArrayString<{ PolicyName::MAX_BYTES }>);

impl PolicyName {
    /// The longest policy name, in bytes.
    pub const MAX_BYTES: usize = 40;

    /// The name.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// assert_eq!(Policy::standard().name().as_str(), "standard");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for PolicyName {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for PolicyName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PolicyName").field(&self.as_str()).finish()
    }
}

impl fmt::Display for PolicyName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Read from JSON only as [`PolicyName::new`] would make it, untrimmed.
impl<'de> Deserialize<'de> for PolicyName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let name = PolicyName::new(&text).map_err(serde::de::Error::custom)?;
        if name.as_str() != text {
            return Err(serde::de::Error::custom(format_args!(
                "a policy name may not start or end with white space: {text:?}"
            )));
        }
        Ok(name)
    }
}

/// The fingerprint of a policy's content: the first 8 bytes of the SHA-256
/// of its canonical form (the JSON of everything but its name and version,
/// keys sorted, no white space). The same numbers give the same fingerprint
/// on every machine and in every version of the crate that keeps the
/// policy's JSON. Written as 16 hexadecimal digits.
///
/// # Example
///
/// ```
/// use channel_licensing::Policy;
///
/// let standard = Policy::standard();
/// assert_eq!(standard.fingerprint().to_string().len(), 16);
/// let longer = standard.to_builder().name("longer").expired_grace_days(45).build()?;
/// assert_ne!(longer.fingerprint(), standard.fingerprint());
/// let renamed = standard.to_builder().name("house").version(7).build()?;
/// assert_eq!(renamed.fingerprint(), standard.fingerprint()); // the same numbers
/// # Ok::<(), channel_licensing::policy::PolicyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde_with::SerializeDisplay)]
pub struct Fingerprint(pub(super) u64);

impl Fingerprint {
    /// The fingerprint of a policy's content, given as what serializes to
    /// it (its name and version left out).
    pub(super) fn of(content: &impl Serialize) -> Fingerprint {
        let mut canonical = serde_json::to_value(content).unwrap_or_default();
        if let Some(map) = canonical.as_object_mut() {
            map.remove("name");
            map.remove("version");
        }
        // `serde_json::Value` keeps its keys sorted: the text is canonical.
        let digest = Sha256::digest(canonical.to_string().as_bytes());
        let mut first = [0_u8; 8];
        first.copy_from_slice(&digest[..8]);
        Fingerprint(u64::from_be_bytes(first))
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({self})")
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.len() != 16
            || !text
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        {
            return Err(serde::de::Error::custom(format_args!(
                "a policy fingerprint is 16 lower-case hexadecimal digits, not {text:?}"
            )));
        }
        u64::from_str_radix(&text, 16)
            .map(Fingerprint)
            .map_err(serde::de::Error::custom)
    }
}

/// The policy a decision was made under, recorded in every event (POL-5):
/// name, version and the fingerprint of its numbers. `Copy`: recording it
/// allocates nothing.
///
/// Events written before fingerprints were recorded load without one
/// (`fingerprint` is `None`); every event decided now has it.
///
/// # Example
///
/// ```
/// use channel_licensing::Policy;
///
/// let stamp = Policy::standard().stamp();
/// assert_eq!(stamp.name.as_str(), "standard");
/// assert_eq!(stamp.version, 1);
/// assert_eq!(stamp.fingerprint, Some(Policy::standard().fingerprint()));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PolicyStamp {
    /// The policy's name.
    pub name: PolicyName,
    /// The policy's version.
    pub version: u32,
    /// The fingerprint of the policy's content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<Fingerprint>,
}

#[cfg(feature = "schema")]
crate::schema::string_schema!(PolicyName, "PolicyName", { "minLength": 1, "maxLength": 40, "pattern": "^\\S(.*\\S)?$" });
#[cfg(feature = "schema")]
crate::schema::string_schema!(Fingerprint, "Fingerprint", { "pattern": "^[0-9a-f]{16}$" });
