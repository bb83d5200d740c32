//! Allocation counts of `decide` (deterministic, unlike times): a refusal
//! allocates nothing, an accepted decision allocates at most once (its one
//! buffer of events and effects), an accepted no-op nothing.
//!
//! A counting global allocator counts allocations per thread, so the
//! parallel test harness does not disturb the counts.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use channel_licensing::{
    Actor, CancelledBy, Context, Error, Licence, LicenceCommand as C, LicenceState, Policy,
    Purchaser, Term, Timer, TimerKey,
};

use crate::common::*;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards every call to the system allocator unchanged; the
// thread-local counter is a `const`-initialised `Cell`, which never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_of<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = ALLOCATIONS.with(Cell::get);
    let out = f();
    (ALLOCATIONS.with(Cell::get) - before, out)
}

#[test]
fn refusals_allocate_nothing_and_decisions_allocate_at_most_once() {
    let policy = Policy::standard();
    let now = at("2026-06-01T00:00:00Z");
    let t = year_2026();
    let licences = [
        with_state(LicenceState::Trial {
            term: Term::of_days(now - days(10), 30).unwrap(),
        }),
        active(true),
        active(false),
        Licence::active(
            "L-1",
            "endpoint-advanced",
            10,
            year_2026(),
            true,
            Purchaser::Customer,
        )
        .unwrap(),
        // Another partner's (SUB-1): acme's commands on it are refused.
        Licence::active(
            "L-1",
            "endpoint-advanced",
            10,
            year_2026(),
            true,
            Purchaser::partner("beta"),
        )
        .unwrap(),
        with_state(LicenceState::Suspended {
            term: t,
            auto_renew: true,
            since: now - days(5),
            cancels_at: now + days(25),
        }),
        with_state(LicenceState::Expired { at: now - days(10) }),
        with_state(LicenceState::Expired { at: now - days(40) }),
        with_state(LicenceState::Expired { at: now - days(60) }),
        with_state(LicenceState::Revoked { at: now }),
        with_state(LicenceState::Removed { at: now }),
        with_state(LicenceState::Cancelled {
            at: now,
            by: CancelledBy::Suspension,
        }),
        // A term end that is overdue: the decision also carries the catch-up.
        Licence::active(
            "L-1",
            "e",
            3,
            Term::of_days(now - days(31), 30).unwrap(),
            true,
            by_acme(),
        )
        .unwrap(),
    ];
    let commands = [
        C::Reactivate {
            term_days: 365,
            auto_renew: false,
        },
        C::Reactivate {
            term_days: 0,
            auto_renew: false,
        },
        C::Suspend,
        C::Resume,
        C::Cancel,
        C::Revoke,
        C::Remove,
        C::ChangeSeats { seats: 12 },
        C::ChangeSeats { seats: 10 },
        C::ChangeSeats { seats: 0 },
        C::SetAutoRenew { on: true },
        C::SetAutoRenew { on: false },
        C::Deliver(Timer {
            key: TimerKey::TermEnd {
                customer: customer(),
                licence: "L-1".into(),
            },
            due: t.ends,
        }),
        C::Deliver(Timer {
            key: TimerKey::TermEnd {
                customer: customer(),
                licence: "L-1".into(),
            },
            due: now - days(400),
        }),
    ];
    let actors = [
        partner(),
        Actor::Vendor,
        Actor::CustomerAdmin {
            customer: "rossi".into(),
        },
    ];
    // Made before counting: building an ID allocates.
    let customer = customer();
    let (mut refused, mut accepted, mut no_ops) = (0, 0, 0);
    for licence in &licences {
        for command in &commands {
            for actor in &actors {
                let ctx = Context::new(now, actor, &policy);
                let (count, result) = allocations_of(|| licence.decide(&customer, command, &ctx));
                match &result {
                    Err(Error::Refused(r)) => {
                        refused += 1;
                        assert_eq!(count, 0, "refusal {r} allocated {count} times");
                    }
                    Ok(d) if d.is_empty() => {
                        no_ops += 1;
                        assert_eq!(count, 0, "no-op {command:?} allocated");
                    }
                    Ok(d) => {
                        accepted += 1;
                        assert_eq!(
                            count, 1,
                            "{command:?} on {:?}: {count} allocations for {d:?}",
                            licence.state
                        );
                    }
                    Err(other) => panic!("unexpected error {other}"),
                }
                drop(result);
            }
        }
    }
    // The matrix exercises all three outcomes many times over.
    assert!(
        refused > 100 && accepted > 50 && no_ops > 20,
        "{refused} {accepted} {no_ops}"
    );
}

#[test]
fn account_refusals_allocate_nothing_and_decisions_allocate_at_most_once() {
    use channel_licensing::{
        Account, AccountCommand as A, BillingType, CreatedBy, DisplayName, PartnerUser, Programme,
        RelationshipState, Role, UnlinkMode,
    };
    let policy = Policy::standard();
    let now = at("2026-06-15T10:00:00Z");
    let base = |billing| {
        Account::new("rossi", "Rossi SpA", "eu", billing, CreatedBy::Partner)
            .with_relationship("acme", RelationshipState::Linked)
    };
    let accounts = [
        base(BillingType::Term)
            .with_licence(active(true))
            .with_licence(with_state(LicenceState::Expired { at: now - days(10) }))
            .with_licence(with_state(LicenceState::Revoked { at: now })),
        base(BillingType::Term)
            .with_licence(with_state(LicenceState::Expired { at: now - days(10) })),
        // Linked with beta too, whose licence L-1 is (SUB-1).
        base(BillingType::Term)
            .with_relationship("beta", RelationshipState::Linked)
            .with_licence(
                Licence::active("L-1", "e", 3, year_2026(), true, Purchaser::partner("beta"))
                    .unwrap(),
            ),
        base(BillingType::Trial),
        base(BillingType::MonthlyUsage).with_licence(active(true)),
        base(BillingType::Direct).with_licence(active(true)),
        base(BillingType::ManagedOrder).with_licence(active(true)),
        base(BillingType::Trial).with_relationship(
            "acme",
            RelationshipState::UnlinkScheduled {
                unlink_at: now + days(5),
            },
        ),
        // A scheduled unlink and a term end that are both overdue: the catch-up leads.
        base(BillingType::Trial)
            .with_relationship(
                "acme",
                RelationshipState::UnlinkScheduled {
                    unlink_at: now - days(1),
                },
            )
            .with_licence(
                Licence::active(
                    "L-2",
                    "e",
                    3,
                    Term::of_days(now - days(31), 30).unwrap(),
                    false,
                    by_acme(),
                )
                .unwrap(),
            ),
        Account::new(
            "rossi",
            "Rossi SpA",
            "eu",
            BillingType::Term,
            CreatedBy::Customer,
        )
        .with_relationship("acme", RelationshipState::Invited { at: now }),
    ];
    let commands = [
        A::Unlink {
            mode: UnlinkMode::Immediate,
        },
        A::Unlink {
            mode: UnlinkMode::Scheduled,
        },
        A::CancelScheduledUnlink,
        A::LaunchConsole,
        A::ConvertToMonthly,
        A::EnrolEarlyAccess {
            programme: "eap".into(),
            flex_compatible: false,
        },
        A::RequestRelationship,
        A::AcceptInvitation {
            partner: "acme".into(),
        },
        A::EnablePartnerAssistance,
        A::AddToGroup {
            group: "schools".into(),
        },
        A::AddToGroup {
            group: "nope".into(),
        },
        A::Rename {
            name: DisplayName::new("Rossi Group"),
        },
        A::Rename {
            name: DisplayName::new(""),
        },
        A::Licence {
            licence: "L-1".into(),
            command: C::ChangeSeats { seats: 12 },
        },
        A::Licence {
            licence: "L-1".into(),
            command: C::Suspend,
        },
        A::Licence {
            licence: "L-1".into(),
            command: C::Revoke,
        },
    ];
    let actors = [
        Actor::Partner(
            PartnerUser::new("acme", "eu")
                .with_roles([Role::SuperAdmin, Role::AccountAdmin])
                .with_programmes([Programme::MspFlex, Programme::MspFlexConnect])
                .with_groups(["schools"])
                .with_offers(["endpoint"]),
        ),
        partner(),
        Actor::Vendor,
        Actor::CustomerAdmin {
            customer: "rossi".into(),
        },
        Actor::CustomerAdmin {
            customer: "bianchi".into(),
        },
    ];
    let (mut refused, mut accepted) = (0, 0);
    let ms = Policy::microsoft_new_commerce();
    let priced =
        channel_licensing::Money::new(rust_decimal::Decimal::new(1250, 2), "EUR".parse().unwrap());
    let accounts: Vec<Account> = accounts
        .into_iter()
        .map(|mut a| {
            for l in &mut a.licences {
                l.price = Some(priced);
            }
            a
        })
        .collect();
    for policy in [&policy, &ms] {
        for account in &accounts {
            for command in &commands {
                for actor in &actors {
                    let ctx = Context::new(now, actor, policy);
                    let (count, result) = allocations_of(|| account.decide(command, &ctx));
                    match &result {
                        Err(Error::Refused(r)) => {
                            refused += 1;
                            assert_eq!(count, 0, "refusal {r} allocated {count} times");
                        }
                        Ok(d) if d.is_empty() => {
                            assert_eq!(count, 0, "no-op {command:?} allocated")
                        }
                        Ok(_) => {
                            accepted += 1;
                            assert_eq!(count, 1, "{command:?} by {actor:?}: {count} allocations");
                        }
                        Err(Error::UnknownLicence { .. }) => assert_eq!(count, 0),
                        Err(other) => panic!("unexpected error {other}"),
                    }
                    drop(result);
                }
            }
        }
    }
    assert!(
        refused > 200 && accepted > 30,
        "{refused} refused, {accepted} accepted"
    );
}
