//! Accounts and plans for the transfer tests (XFER-1 … XFER-6): the rules,
//! the plans' wire form and the plan property.

use channel_licensing::transfers::{TransferOptions, TransferPlan, transfer_plan};
use channel_licensing::{Account, BillingType, Licence, LicenceState, PartnerUser, Policy, Term};

use super::{at, by_acme, days, now, rossi};

/// The partner a customer moves to.
pub fn beta() -> PartnerUser {
    PartnerUser::new("beta", "eu")
}

/// An account with `n` active subscriptions (and one expired, which does not move).
pub fn with_active(n: usize) -> Account {
    let term = Term::of_days(at("2026-01-01T00:00:00Z"), 365).unwrap();
    (0..n)
        .fold(rossi(BillingType::Term), |account, i| {
            account.with_licence(
                Licence::active(format!("L-{i}"), "o365-e3", 10, term, true, by_acme()).unwrap(),
            )
        })
        .with_licence(
            Licence::new(
                "OLD",
                "o365-e1",
                3,
                LicenceState::Expired {
                    at: now() - days(5),
                },
                by_acme(),
            )
            .unwrap(),
        )
}

/// The plan for moving `account` from acme to beta at `now()`.
pub fn plan(account: &Account, options: TransferOptions, policy: &Policy) -> TransferPlan {
    transfer_plan(account, &"acme".into(), &beta(), options, now(), policy).unwrap()
}
