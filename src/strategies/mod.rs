//! `proptest` strategies for the crate's types (no rule of its own: every
//! value they make passes the load checks of SUB-1, BILL-9, REL-7, LIC-7
//! and the others), behind the `proptest` feature, as chrono, uuid and
//! `rust_decimal` offer for theirs.
//!
//! IDs come from small pools (customer `rossi`, partners `acme` and
//! `beta`, licences `L-0` … `L-3`, offer `endpoint`) so that generated
//! commands meet generated states; instants lie in 2025–2027, in whole
//! minutes. [`command_for`] is biased toward what a given account accepts,
//! so that a property sees acceptances as well as refusals.
//!
//! proptest keeps failing cases in a `.proptest-regressions` file beside
//! the test by default; set `failure_persistence` in your
//! `ProptestConfig` if your tests live where no such file should go.
//!
//! # Example
//!
//! ```
//! use channel_licensing::strategies::{account, command_for, instant};
//! use channel_licensing::{Account, Context, Policy};
//! use proptest::prelude::*;
//!
//! // Whatever an actor asks, the outbox stays the account's timers.
//! let cases = (account(), instant()).prop_flat_map(|(a, now)| {
//!     let command = command_for(&a, &Policy::standard());
//!     (Just(a), command, Just(now))
//! });
//! proptest!(|((account, (actor, command), now) in cases)| {
//!     let policy = Policy::standard();
//!     let mut outbox: std::collections::BTreeMap<_, _> =
//!         account.timers(&policy).map(|t| (t.key, t.due)).collect();
//!     if let Ok(decision) = account.decide(&command, &Context::new(now, &actor, &policy)) {
//!         let after = decision.events().fold(account, Account::evolve);
//!         decision.apply_effects(&mut outbox).unwrap();
//!         let timers: std::collections::BTreeMap<_, _> =
//!             after.timers(&policy).map(|t| (t.key, t.due)).collect();
//!         prop_assert_eq!(outbox, timers);
//!     }
//! });
//! ```

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;

use crate::account::{Account, CreatedBy, RelationshipState};
use crate::actor::{Actor, PartnerUser, Programme, Role};
use crate::ids::PartnerId;
use crate::licence::CancelledBy;
use crate::licence::{Licence, LicenceState, Purchaser, Term};
use crate::policy::Policy;
use crate::vocabulary::BillingType;

mod commands;
mod requests;

pub use commands::{
    account_command, command_for, delivery, gdap_command, licence_command, new_account,
    transfer_command,
};
pub use requests::gdap_relationship;

/// The partners of the pools.
const PARTNERS: [&str; 2] = ["acme", "beta"];

/// An instant in 2025–2027, in whole minutes.
///
/// # Example
///
/// ```
/// use channel_licensing::strategies::instant;
/// use proptest::prelude::*;
///
/// proptest!(|(t in instant())| prop_assert!(t.timestamp() % 60 == 0));
/// ```
pub fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let start = DateTime::<Utc>::from_timestamp(1_735_689_600, 0).unwrap_or_default(); // 2025-01-01
    (0i64..3 * 366 * 24 * 60).prop_map(move |minutes| start + TimeDelta::minutes(minutes))
}

/// A valid policy: either preset, or custom day counts that pass
/// [`PolicyBuilder::build`](crate::policy::PolicyBuilder::build) (LIC-6: the grace within the reactivation
/// window).
///
/// # Example
///
/// ```
/// use channel_licensing::strategies::policy;
/// use proptest::prelude::*;
///
/// proptest!(|(p in policy())| prop_assert!(p.reactivation_window_days().is_none_or(|w| p.expired_grace_days() <= w)));
/// ```
pub fn policy() -> impl Strategy<Value = Policy> {
    prop_oneof![
        2 => Just(Policy::standard()),
        1 => Just(Policy::microsoft_new_commerce()),
        2 => (1i64..90, 0i64..90, 1i64..60, 1i64..10, 1i64..60).prop_filter_map(
            "a valid policy",
            |(grace, more, reminder, trial_reminder, suspension)| {
                Policy::standard()
                    .to_builder()
                    .name("generated")
                    .expired_grace_days(grace)
                    .reactivation_window_days(grace + more)
                    .term_end_reminders([reminder])
                    .trial_end_reminders([trial_reminder])
                    .suspension_cancels_after_days(suspension)
                    .build()
                    .ok()
            },
        ),
    ]
}

/// A partner user of `partner` in region `eu` with any roles and
/// programmes, authorised for offer `endpoint`.
///
/// # Example
///
/// ```
/// use channel_licensing::strategies::partner_user;
/// use proptest::prelude::*;
///
/// proptest!(|(u in partner_user("acme"))| prop_assert_eq!(u.partner.as_str(), "acme"));
/// ```
pub fn partner_user(partner: &str) -> impl Strategy<Value = PartnerUser> {
    let partner = PartnerId::from(partner);
    (any::<u16>(), any::<u8>()).prop_map(move |(roles, programmes)| {
        let roles = Role::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| roles & (1 << i) != 0)
            .map(|(_, role)| *role);
        let programmes = [Programme::MspFlex, Programme::MspFlexConnect]
            .into_iter()
            .enumerate()
            .filter(|(i, _)| programmes & (1 << i) != 0)
            .map(|(_, programme)| programme);
        PartnerUser::new(partner.clone(), "eu")
            .with_roles(roles)
            .with_programmes(programmes)
            .with_offers(["endpoint"])
    })
}

/// Any actor: a partner user of the pool, the vendor, or the admin of
/// customer `rossi` or of another customer.
///
/// # Example
///
/// ```
/// use channel_licensing::strategies::actor;
/// use proptest::prelude::*;
///
/// proptest!(|(a in actor())| { let _ = a.to_string(); });
/// ```
pub fn actor() -> impl Strategy<Value = Actor> {
    prop_oneof![
        3 => partner_user("acme").prop_map(Actor::Partner),
        2 => partner_user("beta").prop_map(Actor::Partner),
        1 => Just(Actor::Vendor),
        1 => Just(Actor::CustomerAdmin { customer: "rossi".into() }),
        1 => Just(Actor::CustomerAdmin { customer: "verdi".into() }),
    ]
}

/// A licence `id` in any state, bought by `bought_by`, valid as stored
/// (its term ends after it starts; a suspension's cancellation after it).
///
/// # Example
///
/// ```
/// use channel_licensing::strategies::licence;
/// use channel_licensing::{Licence, Purchaser};
/// use proptest::prelude::*;
///
/// proptest!(|(l in licence("L-1", Purchaser::Customer))| {
///     let json = serde_json::to_string(&l).unwrap();
///     prop_assert_eq!(channel_licensing::from_json::<Licence>(&json).unwrap(), l);
/// });
/// ```
pub fn licence(id: impl Into<String>, bought_by: Purchaser) -> impl Strategy<Value = Licence> {
    let id: String = id.into();
    (
        0u8..7,
        instant(),
        1u32..400,
        any::<bool>(),
        1u32..50,
        1i64..60,
    )
        .prop_filter_map(
            "a valid licence",
            move |(kind, t, days, flag, seats, delay)| {
                let term = Term::of_days(t, days).ok()?;
                let state = match kind {
                    0 => LicenceState::Trial { term },
                    1 => LicenceState::Active {
                        term,
                        auto_renew: flag,
                    },
                    2 => LicenceState::Suspended {
                        term,
                        auto_renew: flag,
                        since: t,
                        cancels_at: t + TimeDelta::days(delay),
                    },
                    3 => LicenceState::Expired { at: t },
                    4 => LicenceState::Revoked { at: t },
                    5 => LicenceState::Removed { at: t },
                    _ => LicenceState::Cancelled {
                        at: t,
                        by: if flag {
                            CancelledBy::Request
                        } else {
                            CancelledBy::Suspension
                        },
                    },
                };
                Licence::new(id.clone(), "endpoint", seats, state, bought_by.clone()).ok()
            },
        )
}

/// A relationship state, or none.
fn relationship() -> impl Strategy<Value = Option<RelationshipState>> {
    prop_oneof![
        1 => Just(None),
        1 => instant().prop_map(|at| Some(RelationshipState::Invited { at })),
        4 => Just(Some(RelationshipState::Linked)),
        1 => instant().prop_map(|unlink_at| Some(RelationshipState::UnlinkScheduled { unlink_at })),
        1 => instant().prop_map(|at| Some(RelationshipState::Unlinked { at })),
        1 => instant().prop_map(|at| Some(RelationshipState::Declined { at })),
    ]
}

/// An account of customer `rossi` in any billing type, with relationships
/// with the pool's partners in any state, up to four licences in any
/// state, each bought by a partner it has a relationship with or by the
/// customer, up to two GDAP relationships ([`gdap_relationship`]) and up
/// to two transfer requests between the pool's partners in any state:
/// valid as stored (BILL-9: one live partner on a monthly-usage account or
/// beside a scheduled unlink, which REL-7 leaves on a trial; XFER-10: a
/// licence named by one pending request at most).
///
/// # Example
///
/// ```
/// use channel_licensing::strategies::account;
/// use channel_licensing::Account;
/// use proptest::prelude::*;
///
/// proptest!(|(a in account())| {
///     let json = serde_json::to_string(&a).unwrap();
///     prop_assert_eq!(channel_licensing::from_json::<Account>(&json).unwrap(), a);
/// });
/// ```
pub fn account() -> impl Strategy<Value = Account> {
    account_of("rossi")
}

/// [`account`], of `customer` instead of `rossi`: for a store of several
/// customers. `customer` must be a valid ID (non-empty, no surrounding
/// white space, at most [`MAX_ID_BYTES`](crate::ids::MAX_ID_BYTES) bytes) for
/// the accounts to load.
///
/// # Example
///
/// ```
/// use channel_licensing::strategies::account_of;
/// use proptest::prelude::*;
///
/// proptest!(|(a in account_of("verdi"))| prop_assert_eq!(a.id.as_str(), "verdi"));
/// ```
pub fn account_of(customer: &str) -> impl Strategy<Value = Account> + use<> {
    let customer = crate::ids::CustomerId::from(customer);
    let billing = prop_oneof![
        Just(BillingType::Trial),
        Just(BillingType::Term),
        Just(BillingType::MonthlyUsage),
        Just(BillingType::ManagedOrder),
        Just(BillingType::Direct),
    ];
    (
        billing,
        any::<bool>(),
        any::<bool>(),
        [relationship(), relationship()],
        prop::collection::vec(0u8..3, 0..4),
        prop::collection::vec(0usize..2, 0..3),
        prop::collection::vec(requests::transfer_spec(), 0..3),
    )
        .prop_flat_map(
            |(billing, by_partner, assistance, states, owners, gdap_partners, transfers)| {
                let shaped = shape(billing, states);
                let licences: Vec<_> = owners
                    .iter()
                    .enumerate()
                    .map(|(i, owner)| {
                        let bought_by = match PARTNERS.get(usize::from(*owner)) {
                            Some(p) if shaped.1.iter().any(|(q, _)| q == p) => {
                                Purchaser::partner(*p)
                            }
                            _ => Purchaser::Customer,
                        };
                        licence(format!("L-{i}"), bought_by)
                    })
                    .collect();
                let gdap: Vec<_> = gdap_partners
                    .iter()
                    .enumerate()
                    .map(|(i, &p)| gdap_relationship(&format!("g{i}"), PARTNERS[p]))
                    .collect();
                (
                    Just((shaped, by_partner, assistance, transfers)),
                    licences,
                    gdap,
                )
            },
        )
        .prop_map(
            move |(
                ((billing, relationships), by_partner, assistance, transfers),
                licences,
                gdap,
            )| {
                let created_by = if by_partner {
                    CreatedBy::Partner
                } else {
                    CreatedBy::Customer
                };
                let name = format!("Customer {customer}");
                let mut account = Account::new(customer.clone(), &name, "eu", billing, created_by)
                    .with_partner_assistance(assistance);
                for (partner, state) in relationships {
                    if let RelationshipState::UnlinkScheduled { unlink_at } = state {
                        account.mdr_reports_until = Some(unlink_at);
                    }
                    account = account.with_relationship(partner, state);
                }
                let mut account = licences.into_iter().fold(account, Account::with_licence);
                let ids: Vec<_> = account.licences.iter().map(|l| l.id.clone()).collect();
                // Only partners with a relationship request (GDAP-1, XFER-7).
                let related: Vec<PartnerId> = account
                    .relationships
                    .iter()
                    .map(|r| r.partner.clone())
                    .collect();
                account.gdap = gdap
                    .into_iter()
                    .filter(|g| related.contains(&g.partner))
                    .collect();
                account.transfer_requests = requests::transfer_requests(transfers, PARTNERS, &ids)
                    .into_iter()
                    .filter(|r| {
                        related.contains(&r.from_partner) && related.contains(&r.to_partner)
                    })
                    .collect();
                account
            },
        )
}

/// The billing type and relationships made valid (BILL-9, REL-7): a
/// scheduled unlink makes the account a trial and leaves no other partner
/// live; a monthly-usage account keeps its first live partner only.
fn shape(
    billing: BillingType,
    states: [Option<RelationshipState>; 2],
) -> (BillingType, Vec<(&'static str, RelationshipState)>) {
    let mut billing = billing;
    let mut relationships: Vec<(&'static str, RelationshipState)> = PARTNERS
        .into_iter()
        .zip(states)
        .filter_map(|(p, s)| Some((p, s?)))
        .collect();
    let live = |s: &RelationshipState| {
        matches!(
            s,
            RelationshipState::Linked | RelationshipState::UnlinkScheduled { .. }
        )
    };
    let scheduled = relationships
        .iter()
        .position(|(_, s)| matches!(s, RelationshipState::UnlinkScheduled { .. }));
    let keep = match scheduled {
        Some(index) => {
            billing = BillingType::Trial;
            Some(index)
        }
        None if billing == BillingType::MonthlyUsage => {
            relationships.iter().position(|(_, s)| live(s))
        }
        None => None,
    };
    if scheduled.is_some() || billing == BillingType::MonthlyUsage {
        relationships = relationships
            .into_iter()
            .enumerate()
            .filter(|(i, (_, s))| !live(s) || Some(*i) == keep)
            .map(|(_, r)| r)
            .collect();
    }
    (billing, relationships)
}
