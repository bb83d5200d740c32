//! XFER-1 as a property: a plan's instants are ordered, whatever the terms.

use channel_licensing::transfers::{TransferOptions, transfer_plan};
use channel_licensing::{BillingType, Licence, Policy, Term};
use chrono::TimeDelta;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use crate::common::transfers::beta;
use crate::common::*;

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/transfers.txt"))),
        ..ProptestConfig::default()
    })]

    /// XFER-1: a plan's instants are ordered: now ≤ auto-renew off ≤ term
    /// end < provision-by, for every subscription, whatever the terms.
    #[test]
    fn plan_instants_are_ordered(
        terms in prop::collection::vec((-800i64..400, 1u32..800, any::<bool>()), 0..6),
        offset in 0i64..400,
        cancel_early in any::<bool>(),
    ) {
        let now = at("2026-01-01T00:00:00Z") + TimeDelta::days(offset);
        let account = terms.iter().enumerate().fold(rossi(BillingType::Term), |account, (i, (start, days, renew))| {
            let term = Term::of_days(at("2026-01-01T00:00:00Z") + TimeDelta::days(*start), *days).unwrap();
            account.with_licence(Licence::active(format!("L-{i}"), "e", 1, term, *renew, by_acme()).unwrap())
        });
        let plan = transfer_plan(&account, &"acme".into(), &beta(), TransferOptions::default().cancel_early(cancel_early), now, &Policy::standard()).unwrap();
        for m in &plan.moves {
            prop_assert!(now <= m.auto_renew_off_at && m.auto_renew_off_at <= m.term_ends && m.term_ends < m.provision_by, "{m:?}");
        }
        prop_assert_eq!(plan.provision_by, plan.moves.iter().map(|m| m.provision_by).min());
    }
}
