//! A customer's display name (CUST-4): trimmed, never blank, at most
//! [`DisplayName::MAX_CHARS`] characters when read. The account's, the
//! refusals' and the effects' name for a customer; the policy sets how long
//! a new one may be.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize};

/// A customer's display name: trimmed when built or deserialized. Its length
/// is checked against the policy when a rename is decided (CUST-4).
///
/// # Example
///
/// ```
/// use channel_licensing::account::DisplayName;
///
/// let name = DisplayName::new("  Rossi SpA ");
/// assert_eq!(name.as_str(), "Rossi SpA");
/// let json: DisplayName = serde_json::from_str(r#"" Bianchi Srl""#)?;
/// assert_eq!(json.as_str(), "Bianchi Srl");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct DisplayName(Arc<str>);

impl DisplayName {
    /// The most characters a display name may have (CUST-4); a policy may
    /// allow fewer ([`Policy::display_name_max_chars`](crate::Policy::display_name_max_chars)).
    pub const MAX_CHARS: u32 = 255;

    /// `name`, trimmed.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::account::DisplayName;
    /// assert_eq!(DisplayName::new("\tAcme\n").as_str(), "Acme");
    /// ```
    #[must_use]
    pub fn new(name: &str) -> Self {
        DisplayName(Arc::from(name.trim()))
    }

    /// The name.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::account::DisplayName;
    /// assert_eq!(DisplayName::new("Acme").as_str(), "Acme");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its length in characters (Unicode scalar values).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::account::DisplayName;
    /// assert_eq!(DisplayName::new("Müller GmbH").chars(), 11);
    /// ```
    #[must_use]
    pub fn chars(&self) -> usize {
        self.0.chars().count()
    }
}

impl From<&str> for DisplayName {
    fn from(name: &str) -> Self {
        DisplayName::new(name)
    }
}

impl fmt::Display for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Read from JSON trimmed, and only when CUST-4 allows it: not blank, at
/// most [`DisplayName::MAX_CHARS`] characters.
impl<'de> Deserialize<'de> for DisplayName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = DisplayName::new(&String::deserialize(deserializer)?);
        if name.as_str().is_empty() {
            return Err(serde::de::Error::custom(
                "a display name may not be blank (CUST-4)",
            ));
        }
        if name.chars() > DisplayName::MAX_CHARS as usize {
            return Err(serde::de::Error::custom(format_args!(
                "a display name is at most {} characters, this one {} (CUST-4)",
                DisplayName::MAX_CHARS,
                name.chars()
            )));
        }
        Ok(name)
    }
}
