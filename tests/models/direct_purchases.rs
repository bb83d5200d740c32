//! BILL-6 and SUB-1 as a property: no partner command ever changes a licence
//! the customer bought directly.

use channel_licensing::{
    AccountCommand as A, Actor, BillingType, Error, Licence, LicenceCommand as C, LicenceState,
    Policy, Purchaser, Term,
};
use chrono::TimeDelta;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use crate::common::*;

// ---------------------------------------------------------------- property

fn direct_licence_command() -> impl Strategy<Value = C> {
    prop_oneof![
        (0u32..400).prop_map(|term_days| C::Reactivate {
            term_days,
            auto_renew: false
        }),
        Just(C::Suspend),
        Just(C::Resume),
        Just(C::Cancel),
        Just(C::Remove),
        (0u32..20).prop_map(|seats| C::ChangeSeats { seats }),
        any::<bool>().prop_map(|on| C::SetAutoRenew { on }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/subscriptions.txt"))),
        ..ProptestConfig::default()
    })]

    /// BILL-6, SUB-1: no partner command ever changes a direct purchase
    /// (the account billed directly, or a licence the customer bought).
    #[test]
    fn no_partner_command_changes_a_direct_purchase(
        direct_account in any::<bool>(),
        kind in 0u8..3,
        start in -400i64..400,
        offset in 0i64..400,
        command in direct_licence_command(),
    ) {
        let t = now() + TimeDelta::days(start);
        let state = match kind {
            0 => LicenceState::Active { term: Term::of_days(t, 365).unwrap(), auto_renew: true },
            1 => LicenceState::Expired { at: t },
            _ => LicenceState::Suspended { term: Term::of_days(t, 365).unwrap(), auto_renew: false, since: t, cancels_at: t + TimeDelta::days(30) },
        };
        // On a direct account the licence names the partner, so that the
        // account's billing alone must refuse; otherwise the customer bought it.
        let bought_by = if direct_account { by_acme() } else { Purchaser::Customer };
        let licence = Licence::new("L-1", "e", 5, state, bought_by).unwrap();
        let billing = if direct_account { BillingType::Direct } else { BillingType::Term };
        let account = rossi(billing).with_licence(licence);
        let at_ = now() + TimeDelta::days(offset);
        let p = Policy::standard();
        // Let time do its part first, so that only the command is judged.
        let settled = match account.decide(&A::Deliver(channel_licensing::Timer {
            key: channel_licensing::TimerKey::TermEnd { customer: "rossi".into(), licence: "none".into() }, due: at_,
        }), &channel_licensing::Context::new(at_, &Actor::Vendor, &p)) {
            Ok(d) => apply(account.clone(), &d),
            Err(e) => return Err(TestCaseError::fail(format!("{e}"))),
        };
        let result = settled.decide(&on("L-1", command.clone()), &channel_licensing::Context::new(at_, &acme(&[]), &p));
        prop_assert!(
            matches!(result, Err(Error::Refused(_))) || matches!(result, Ok(ref d) if d.is_empty()),
            "{command:?} changed a direct purchase: {result:?}"
        );
    }
}
