//! Money: a decimal amount with an ISO 4217 currency, never a float (POL-4).
//! Amounts round to the currency's minor unit, midpoint away from zero;
//! amounts in different currencies are never added.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::wire::checked;

/// What money arithmetic and currency codes can fail with. It converts into
/// [`Error::Money`](crate::Error::Money).
///
/// # Example
///
/// ```
/// use channel_licensing::Money;
/// use channel_licensing::money::{Currency, MoneyError};
///
/// assert_eq!("eur".parse::<Currency>(), Err(MoneyError::InvalidCurrency));
/// let most = Money::new(rust_decimal::Decimal::MAX, "EUR".parse()?);
/// assert_eq!(most.times(2), Err(MoneyError::AmountOutOfRange));
/// # Ok::<(), MoneyError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// A currency code that is not three upper-case letters.
    #[error("a currency code is three upper-case letters (ISO 4217)")]
    InvalidCurrency,
    /// Amounts in two currencies, which are never added (POL-4).
    #[error("cannot add an amount in {left} to one in {right}")]
    #[non_exhaustive]
    CurrencyMismatch {
        /// The first amount's currency.
        left: Currency,
        /// The second amount's currency.
        right: Currency,
    },
    /// A decimal overflow.
    #[error("an amount lies outside the representable range")]
    AmountOutOfRange,
    /// A proration over a term of zero days.
    #[error("a term must end after it starts")]
    InvalidTerm,
}

impl MoneyError {
    /// The error's kind as [`Error::kind`](crate::Error::kind) names it.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::money::MoneyError;
    ///
    /// assert_eq!(MoneyError::AmountOutOfRange.kind(), "amount_out_of_range");
    /// ```
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            MoneyError::InvalidCurrency => "invalid_currency",
            MoneyError::CurrencyMismatch { .. } => "currency_mismatch",
            MoneyError::AmountOutOfRange => "amount_out_of_range",
            MoneyError::InvalidTerm => "invalid_term",
        }
    }
}

/// An ISO 4217 currency code: three upper-case ASCII letters.
///
/// # Example
///
/// ```
/// use channel_licensing::money::Currency;
///
/// let eur: Currency = "EUR".parse()?;
/// assert_eq!(eur.as_str(), "EUR");
/// assert!("eur".parse::<Currency>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde_with::SerializeDisplay,
    serde_with::DeserializeFromStr,
)]
pub struct Currency([u8; 3]);

impl Currency {
    /// The three-letter code.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::money::Currency;
    /// assert_eq!("JPY".parse::<Currency>()?.as_str(), "JPY");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Only upper-case ASCII letters are ever stored (see `from_str`).
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl Currency {
    /// Digits after the decimal point of the currency's minor unit (ISO
    /// 4217): 0 for currencies without one (JPY, KRW, ...), 3 for the
    /// dinars and rials that have three (BHD, KWD, OMR, ...), 2 otherwise.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::money::Currency;
    ///
    /// assert_eq!("JPY".parse::<Currency>()?.minor_digits(), 0);
    /// assert_eq!("BHD".parse::<Currency>()?.minor_digits(), 3);
    /// assert_eq!("EUR".parse::<Currency>()?.minor_digits(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn minor_digits(self) -> u32 {
        match &self.0 {
            b"BIF" | b"CLP" | b"DJF" | b"GNF" | b"ISK" | b"JPY" | b"KMF" | b"KRW" | b"PYG"
            | b"RWF" | b"UGX" | b"UYI" | b"VND" | b"VUV" | b"XAF" | b"XOF" | b"XPF" => 0,
            b"BHD" | b"IQD" | b"JOD" | b"KWD" | b"LYD" | b"OMR" | b"TND" => 3,
            _ => 2,
        }
    }
}

impl FromStr for Currency {
    type Err = MoneyError;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        match code.as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => Ok(Currency([a, b, c])),
            _ => Err(MoneyError::InvalidCurrency),
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An amount of money in one currency. The amount serializes as a string
/// (`"12.50"`), so no float ever touches it.
///
/// # Example
///
/// ```
/// use channel_licensing::Money;
/// use rust_decimal::{Decimal, RoundingStrategy};
///
/// let price = Money::new(Decimal::new(1250, 2), "EUR".parse()?);
/// assert_eq!(price.to_string(), "12.50 EUR");
/// assert_eq!(serde_json::to_string(&price)?, r#"{"amount":"12.50","currency":"EUR"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Money {
    /// The amount.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
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
    /// use rust_decimal::{Decimal, RoundingStrategy};
    ///
    /// let m = Money::new(Decimal::from(100), "JPY".parse()?);
    /// assert_eq!(m.currency.as_str(), "JPY");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }
}

impl Money {
    /// The amount rounded to the currency's minor unit, midpoint away from
    /// zero (POL-4).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::Money;
    /// use rust_decimal::Decimal;
    ///
    /// let m = Money::new(Decimal::new(10_125, 3), "EUR".parse()?); // 10.125
    /// assert_eq!(m.rounded().amount, Decimal::new(1013, 2));       // 10.13
    /// let yen = Money::new(Decimal::new(1005, 1), "JPY".parse()?);  // 100.5
    /// assert_eq!(yen.rounded().amount, Decimal::from(101));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rounded(self) -> Money {
        Money {
            amount: self.amount.round_dp_with_strategy(
                self.currency.minor_digits(),
                RoundingStrategy::MidpointAwayFromZero,
            ),
            currency: self.currency,
        }
    }

    /// `self + other`, in the same currency.
    ///
    /// # Errors
    ///
    /// [`MoneyError::CurrencyMismatch`] when the currencies differ (never added,
    /// POL-4); [`MoneyError::AmountOutOfRange`] on decimal overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::Money;
    /// use channel_licensing::money::MoneyError;
    /// use rust_decimal::Decimal;
    ///
    /// let eur = Money::new(Decimal::from(10), "EUR".parse()?);
    /// assert_eq!(eur.checked_add(eur)?.amount, Decimal::from(20));
    /// let usd = Money::new(Decimal::from(10), "USD".parse()?);
    /// assert!(matches!(eur.checked_add(usd), Err(MoneyError::CurrencyMismatch { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        if self.currency != other.currency {
            return Err(MoneyError::CurrencyMismatch {
                left: self.currency,
                right: other.currency,
            });
        }
        let amount = self
            .amount
            .checked_add(other.amount)
            .ok_or(MoneyError::AmountOutOfRange)?;
        Ok(Money::new(amount, self.currency))
    }

    /// `self × factor`, rounded to the minor unit.
    ///
    /// # Errors
    ///
    /// [`MoneyError::AmountOutOfRange`] on decimal overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::Money;
    /// use rust_decimal::Decimal;
    ///
    /// let seat = Money::new(Decimal::new(1250, 2), "EUR".parse()?);
    /// assert_eq!(seat.times(25)?.amount, Decimal::new(31250, 2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn times(self, factor: u32) -> Result<Money, MoneyError> {
        let amount = self
            .amount
            .checked_mul(Decimal::from(factor))
            .ok_or(MoneyError::AmountOutOfRange)?;
        Ok(Money::new(amount, self.currency).rounded())
    }

    /// Splits `self` for a term of `term_days` whole days of which
    /// `used_days` were used: `(used, unused)`, prorated by day. The unused
    /// part (what a refund or a forfeit reports) is rounded to the minor
    /// unit, midpoint away from zero; the used part is the rest, so the two
    /// always add up to `self` rounded (POL-4).
    ///
    /// # Errors
    ///
    /// [`MoneyError::InvalidTerm`] for a zero-day term; [`MoneyError::AmountOutOfRange`]
    /// on decimal overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::Money;
    /// use rust_decimal::Decimal;
    ///
    /// let price = Money::new(Decimal::from(365), "EUR".parse()?);
    /// let (used, unused) = price.prorate(100, 365)?;
    /// assert_eq!(used.amount, Decimal::from(100));
    /// assert_eq!(unused.amount, Decimal::from(265));
    /// // 1.83 over 366 days, 1 used: 1.825 unused rounds up to 1.83.
    /// let (_, unused) = Money::new(Decimal::new(183, 2), "EUR".parse()?).prorate(1, 366)?;
    /// assert_eq!(unused.amount, Decimal::new(183, 2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn prorate(self, used_days: u32, term_days: u32) -> Result<(Money, Money), MoneyError> {
        if term_days == 0 {
            return Err(MoneyError::InvalidTerm);
        }
        let whole = self.rounded();
        let unused_days = term_days - used_days.min(term_days);
        let unused = whole
            .amount
            .checked_mul(Decimal::from(unused_days))
            .and_then(|a| a.checked_div(Decimal::from(term_days)))
            .ok_or(MoneyError::AmountOutOfRange)?;
        let unused = Money::new(unused, self.currency).rounded();
        let used = whole
            .amount
            .checked_sub(unused.amount)
            .ok_or(MoneyError::AmountOutOfRange)?;
        Ok((Money::new(used, self.currency), unused))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

// An amount read is never negative: prices, refunds and forfeited
// amounts never are.
checked!(Money, |money: Money| {
    if money.amount.is_sign_negative() && !money.amount.is_zero() {
        return Err(format!("an amount is never negative: {money}"));
    }
    Ok(money)
});

/// Reads an amount as given, even negative: what a refusal quotes back (a
/// negative price it refused, SUB-4).
pub(crate) fn as_given<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Money, D::Error> {
    // The derive's reader (`remote = "Self"`), without the check.
    let read = Money::deserialize(deserializer)?;
    Ok(Money::new(read.amount, read.currency))
}

#[cfg(feature = "schema")]
crate::schema::string_schema!(Currency, "Currency", { "pattern": "^[A-Z]{3}$" });
