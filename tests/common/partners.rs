//! A customer with several partners (acme and beta), for the tests of who
//! owns what (SUB-1): licences bought by either partner or by the customer.

use channel_licensing::{
    Account, AccountChange, AccountCommand, AccountEvent, Actor, BillingType, Decision, Licence,
    LicenceChange, LicenceState, PartnerUser, Programme, Purchaser, RelationshipState, Role, Term,
    UnlinkMode,
};
use chrono::{DateTime, Utc};

use super::{at, changes, rossi, year_2026};

/// 2026-01-01 → 2027-01-01.
pub fn year() -> Term {
    year_2026()
}

pub fn beta_user() -> PartnerUser {
    PartnerUser::new("beta", "eu").with_roles([Role::AccountAdmin])
}

pub fn beta() -> Actor {
    Actor::Partner(beta_user())
}

pub fn beta_flex() -> Actor {
    Actor::Partner(beta_user().with_programmes([Programme::MspFlex]))
}

/// An active licence `id` over 2026 (10 seats, auto-renew) bought by `bought_by`.
pub fn active(id: &str, bought_by: Purchaser) -> Licence {
    Licence::active(id, "endpoint-advanced", 10, year(), true, bought_by).unwrap()
}

/// A licence `id` expired at `at_`, bought by `bought_by`.
pub fn expired(id: &str, at_: &str, bought_by: Purchaser) -> Licence {
    Licence::new(
        id,
        "endpoint-advanced",
        10,
        LicenceState::Expired { at: at(at_) },
        bought_by,
    )
    .unwrap()
}

/// Rossi (term), linked with acme and beta: A-1 bought by acme, B-1 by beta.
pub fn shared() -> Account {
    rossi(BillingType::Term)
        .with_relationship("beta", RelationshipState::Linked)
        .with_licence(active("A-1", Purchaser::partner("acme")))
        .with_licence(active("B-1", Purchaser::partner("beta")))
}

/// The licences a decision removes.
pub fn removed_licences(decision: &Decision<AccountEvent>) -> Vec<String> {
    changes(decision)
        .iter()
        .filter_map(|c| match c {
            AccountChange::Licence {
                licence,
                change: LicenceChange::Removed { .. },
            } => Some(licence.to_string()),
            _ => None,
        })
        .collect()
}

pub const UNLINK: AccountCommand = AccountCommand::Unlink {
    mode: UnlinkMode::Immediate,
};

pub fn june() -> DateTime<Utc> {
    at("2026-06-01T09:00:00Z")
}
