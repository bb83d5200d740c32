//! Money: a decimal amount with an ISO 4217 currency, never a float (POL-4).
//!
//! Proration and rounding arrive with the money issue; licences can already
//! carry a price.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Error;

/// An ISO 4217 currency code: three upper-case ASCII letters.
///
/// # Example
///
/// ```
/// use channel_licensing::Currency;
///
/// let eur: Currency = "EUR".parse()?;
/// assert_eq!(eur.as_str(), "EUR");
/// assert!("eur".parse::<Currency>().is_err());
/// # Ok::<(), channel_licensing::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    /// The three-letter code.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Currency;
    /// assert_eq!("JPY".parse::<Currency>()?.as_str(), "JPY");
    /// # Ok::<(), channel_licensing::Error>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Only upper-case ASCII letters are ever stored (see `from_str`).
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl FromStr for Currency {
    type Err = Error;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        match code.as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => Ok(Currency([a, b, c])),
            _ => Err(Error::InvalidCurrency),
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

/// An amount of money in one currency. The amount serializes as a string
/// (`"12.50"`), so no float ever touches it.
///
/// # Example
///
/// ```
/// use channel_licensing::Money;
/// use rust_decimal::Decimal;
///
/// let price = Money::new(Decimal::new(1250, 2), "EUR".parse()?);
/// assert_eq!(price.to_string(), "12.50 EUR");
/// assert_eq!(serde_json::to_string(&price)?, r#"{"amount":"12.50","currency":"EUR"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// The amount.
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    /// The currency.
    pub currency: Currency,
}

impl Money {
    /// `amount` in `currency`.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::Money;
    /// use rust_decimal::Decimal;
    ///
    /// let m = Money::new(Decimal::from(100), "JPY".parse()?);
    /// assert_eq!(m.currency.as_str(), "JPY");
    /// # Ok::<(), channel_licensing::Error>(())
    /// ```
    #[must_use]
    pub const fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}
