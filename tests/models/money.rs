//! POL-4 as a property: proration and refunds add up to the price, to the
//! currency's minor unit.

use channel_licensing::Money;
use channel_licensing::money::Currency;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use rust_decimal::Decimal;

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(vec!["EUR", "USD", "JPY", "BHD", "KWD", "CHF", "KRW"])
        .prop_map(|c| c.parse().unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1024,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/money.txt"))),
        ..ProptestConfig::default()
    })]

    /// POL-4: the prorated refund (unused part) and the used part add up to
    /// the price, to the minor unit; a refund never exceeds what was paid
    /// and is never negative; both are in the minor unit.
    #[test]
    fn pol_4_used_and_refund_add_up_to_the_price(
        units in 0i64..100_000_000,
        scale in 0u32..6,
        currency in currency(),
        term_days in 1u32..1500,
        used_fraction in 0.0f64..=1.0,
    ) {
        let price = Money::new(Decimal::new(units, scale), currency);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let used_days = (f64::from(term_days) * used_fraction) as u32;
        let (used, unused) = price.prorate(used_days, term_days).unwrap();
        let paid = price.rounded();
        prop_assert_eq!(used.checked_add(unused).unwrap(), paid);
        prop_assert!(unused.amount <= paid.amount && unused.amount >= Decimal::ZERO);
        prop_assert!(used.amount.scale() <= currency.minor_digits());
        prop_assert!(unused.amount.scale() <= currency.minor_digits());
    }
}
