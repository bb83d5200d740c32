//! Instants on the wire (no rule IDs): the canonical form the crate writes,
//! `YYYY-MM-DDTHH:MM:SSZ`, is read and written digit by digit, and anything
//! else (fractions of a second, other offsets, years beyond 9999) goes
//! through chrono, exactly as chrono's own serde support would. The
//! calendar itself is always chrono's: the fast path only splits digits.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use serde::{Deserializer, Serializer};

/// `text` read as an instant, if it is in the canonical form.
fn parse_canonical(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    if b.len() != 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'Z'
    {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0_u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)?
        .and_hms_opt(number(11..13)?, number(14..16)?, number(17..19)?)
        .map(|t| t.and_utc())
}

/// `t` in the canonical form, if it has one (no fraction of a second, a
/// year from 0 to 9999).
fn write_canonical(t: DateTime<Utc>, out: &mut [u8; 20]) -> Option<&str> {
    let year = u32::try_from(t.year()).ok().filter(|&y| y <= 9999)?;
    if t.nanosecond() != 0 {
        return None;
    }
    let mut put = |at: usize, digits: usize, mut n: u32| {
        for i in (at..at + digits).rev() {
            out[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    put(0, 4, year);
    put(5, 2, t.month());
    put(8, 2, t.day());
    put(11, 2, t.hour());
    put(14, 2, t.minute());
    put(17, 2, t.second());
    for (at, c) in [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'Z'),
    ] {
        out[at] = c;
    }
    std::str::from_utf8(out).ok()
}

/// Reads an instant: the canonical form directly, anything else as
/// chrono's serde support does.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<DateTime<Utc>, D::Error> {
    struct InstantVisitor;
    impl serde::de::Visitor<'_> for InstantVisitor {
        type Value = DateTime<Utc>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an RFC 3339 formatted date and time string")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DateTime<Utc>, E> {
            match parse_canonical(v) {
                Some(t) => Ok(t),
                None => v.parse().map_err(E::custom),
            }
        }
    }
    deserializer.deserialize_str(InstantVisitor)
}

/// Writes an instant: the canonical form directly, anything else as
/// chrono's serde support does.
pub(crate) fn serialize<S: Serializer>(
    t: &DateTime<Utc>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut buffer = [0_u8; 20];
    match write_canonical(*t, &mut buffer) {
        Some(text) => serializer.serialize_str(text),
        None => serde::Serialize::serialize(t, serializer),
    }
}

/// [`serialize`] and [`deserialize`] for an optional instant.
pub(crate) mod option {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    #[expect(
        clippy::ref_option,
        reason = "serde's `serialize_with` passes `&Option<T>`"
    )]
    pub(crate) fn serialize<S: Serializer>(
        t: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => super::serialize(t, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        Option::<super::Instant>::deserialize(deserializer).map(|t| t.map(|t| t.0))
    }
}

/// An instant read with [`deserialize`] (an optional one is read as an
/// `Option` of it).
pub(crate) struct Instant(DateTime<Utc>);

impl<'de> serde::Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize(deserializer).map(Instant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast paths agree with chrono on every canonical instant they
    /// take, and leave the rest to it.
    #[test]
    fn the_canonical_form_reads_and_writes_as_chrono_does() {
        for text in [
            "2026-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "2024-02-29T12:34:56Z",
        ] {
            let chrono: DateTime<Utc> = text.parse().unwrap();
            assert_eq!(parse_canonical(text), Some(chrono));
            let mut buffer = [0_u8; 20];
            assert_eq!(write_canonical(chrono, &mut buffer), Some(text));
            assert_eq!(
                serde_json::to_string(&chrono).unwrap(),
                format!("\"{text}\"")
            );
        }
        for text in [
            "2025-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T23:59:60Z",
            "2026-01-01T00:00:00+01:00",
            "2026-01-01T00:00:00.5Z",
            "2026-01-01 00:00:00Z",
            "+2026-01-01T00:00:0Z",
        ] {
            assert_eq!(parse_canonical(text), None, "{text}");
        }
        let fraction: DateTime<Utc> = "2026-01-01T00:00:00.5Z".parse().unwrap();
        assert_eq!(write_canonical(fraction, &mut [0; 20]), None);
    }
}
