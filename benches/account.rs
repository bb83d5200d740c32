//! Account-level figures, each beside a baseline measured in the same run:
//!
//! - `unlink_three_licences`: `Account::decide` for an immediate unlink of an
//!   account with three licences (accepted, and refused by REL-5), beside a
//!   hand-written `match` of the same rule (REL-4, REL-5, REL-6);
//! - `next_deadline_1m`: `Account::next_deadline` over a million accounts,
//!   beside a loop that only reads the same bytes;
//! - `replay_1m`: folding `Licence::evolve` over a million events (throughput).
//!
//! Run: `cargo bench --bench account`; the ratios print at the end.

use std::hint::black_box;

use channel_licensing::{
    Account, AccountCommand, Actor, BillingType, CancelledBy, Context, CreatedBy, Licence,
    LicenceChange, LicenceEvent, LicenceState, PartnerUser, Policy, RelationshipState, Term,
    UnlinkMode,
};
use chrono::{DateTime, TimeDelta, Utc};
use criterion::{Criterion, Throughput, criterion_group};

mod common;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("bench instant")
}

/// The baseline: the same rule written as one `match` over a minimal state
/// with the same inputs and outputs. AUTH-1 (a partner user with a linked
/// relationship), REL-11 (the unlink mode the billing type allows), REL-6
/// (a trial unlinks at once), REL-4 (no active or suspended licence) and
/// REL-5 (no reactivation window open, its length from the policy); the
/// event carries the customer, the instant, the policy stamp and the
/// partner; the refusal names the customer, the licence and both instants.
mod baseline {
    use std::sync::Arc;

    use chrono::{DateTime, TimeDelta, Utc};

    #[derive(Clone, Copy, PartialEq)]
    pub enum Billing {
        Trial,
        Term,
        Monthly,
    }

    #[derive(Clone, Copy)]
    pub enum State {
        Active,
        Suspended,
        Expired(DateTime<Utc>),
        Finished,
    }

    pub struct Licence {
        pub id: Arc<str>,
        pub state: State,
    }

    pub struct Account {
        pub id: Arc<str>,
        pub name: Arc<str>,
        pub billing: Billing,
        /// Partner and whether the relationship is linked.
        pub relationships: Vec<(Arc<str>, bool)>,
        pub licences: Vec<Licence>,
    }

    #[allow(dead_code)] // built like the crate's event, only timed
    pub struct Unlinked {
        pub customer: Arc<str>,
        pub decided_at: DateTime<Utc>,
        pub policy: (Arc<str>, u32),
        pub partner: Arc<str>,
        pub at: DateTime<Utc>,
    }

    #[derive(Debug)]
    #[allow(dead_code)] // carries what the crate's refusal carries, only timed
    pub enum Refused {
        NotLinked(Arc<str>, Arc<str>, Arc<str>),
        WrongMode(Arc<str>, Arc<str>),
        MustRemove(Arc<str>, Arc<str>, Arc<str>),
        WindowOpen {
            customer: (Arc<str>, Arc<str>),
            licence: Arc<str>,
            expired_at: DateTime<Utc>,
            closes: DateTime<Utc>,
        },
    }

    pub fn unlink(
        account: &Account,
        partner: &Arc<str>,
        immediate: bool,
        policy: &(Arc<str>, u32),
        blocked_days: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<Unlinked>, Refused> {
        let customer = || (account.id.clone(), account.name.clone());
        if !account
            .relationships
            .iter()
            .any(|(p, linked)| p == partner && *linked)
        {
            return Err(Refused::NotLinked(
                account.id.clone(),
                account.name.clone(),
                partner.clone(),
            ));
        }
        if immediate == (account.billing == Billing::Monthly) {
            return Err(Refused::WrongMode(account.id.clone(), account.name.clone()));
        }
        if account.billing != Billing::Trial {
            let mut latest: Option<(&Licence, DateTime<Utc>, DateTime<Utc>)> = None;
            for licence in &account.licences {
                match licence.state {
                    State::Active | State::Suspended => {
                        return Err(Refused::MustRemove(
                            account.id.clone(),
                            account.name.clone(),
                            licence.id.clone(),
                        ));
                    }
                    State::Expired(at) => {
                        let closes = at + TimeDelta::days(blocked_days);
                        if now < closes && latest.is_none_or(|(_, _, l)| closes > l) {
                            latest = Some((licence, at, closes));
                        }
                    }
                    State::Finished => {}
                }
            }
            if let Some((licence, expired_at, closes)) = latest {
                return Err(Refused::WindowOpen {
                    customer: customer(),
                    licence: licence.id.clone(),
                    expired_at,
                    closes,
                });
            }
        }
        Ok(vec![Unlinked {
            customer: account.id.clone(),
            decided_at: now,
            policy: policy.clone(),
            partner: partner.clone(),
            at: now,
        }])
    }
}

fn unlink(c: &mut Criterion) {
    let policy = Policy::standard();
    let acme = Actor::Partner(PartnerUser::new("acme", "eu"));
    let now = at("2026-06-15T10:00:00Z");
    let account = |expired_days: i64| {
        Account::new(
            "rossi",
            "Rossi SpA",
            "eu",
            BillingType::Term,
            CreatedBy::Partner,
        )
        .with_relationship("acme", RelationshipState::Linked)
        .with_licence(
            Licence::new("L-1", "e", 5, LicenceState::Revoked { at: now }).expect("licence"),
        )
        .with_licence(
            Licence::new(
                "L-2",
                "e",
                5,
                LicenceState::Cancelled {
                    at: now,
                    by: CancelledBy::Request,
                },
            )
            .expect("licence"),
        )
        .with_licence(
            Licence::new(
                "L-3",
                "e",
                5,
                LicenceState::Expired {
                    at: now - TimeDelta::days(expired_days),
                },
            )
            .expect("licence"),
        )
    };
    let (done, blocked) = (account(70), account(10));
    let base_account = |expired_days: i64| baseline::Account {
        id: "rossi".into(),
        name: "Rossi SpA".into(),
        billing: baseline::Billing::Term,
        relationships: vec![("acme".into(), true)],
        licences: vec![
            baseline::Licence {
                id: "L-1".into(),
                state: baseline::State::Finished,
            },
            baseline::Licence {
                id: "L-2".into(),
                state: baseline::State::Finished,
            },
            baseline::Licence {
                id: "L-3".into(),
                state: baseline::State::Expired(now - TimeDelta::days(expired_days)),
            },
        ],
    };
    let (base_done, base_blocked) = (base_account(70), base_account(10));
    let _ = (
        baseline::State::Active,
        baseline::State::Suspended,
        baseline::Billing::Trial,
    );
    let partner: std::sync::Arc<str> = "acme".into();
    let stamp = (std::sync::Arc::<str>::from("standard"), 1);
    let blocked_days = i64::from(policy.unlink_blocked_days().expect("standard blocks"));
    let command = AccountCommand::Unlink {
        mode: UnlinkMode::Immediate,
    };
    let ctx = Context::new(now, &acme, &policy);
    for (name, account, base) in [
        ("accepted", &done, &base_done),
        ("refused_rel5", &blocked, &base_blocked),
    ] {
        let mut group = c.benchmark_group(format!("unlink_three_licences_{name}"));
        group.bench_function("crate_decide", |b| {
            b.iter(|| black_box(account).decide(black_box(&command), black_box(&ctx)))
        });
        group.bench_function("hand_written_match", |b| {
            b.iter(|| {
                baseline::unlink(
                    black_box(base),
                    black_box(&partner),
                    black_box(true),
                    black_box(&stamp),
                    black_box(blocked_days),
                    black_box(now),
                )
            })
        });
        group.finish();
    }
}

/// A million accounts, each with a relationship and a licence, in a mix of
/// states: active (half auto-renewing, their term-end reminder pending or
/// sent), trial, suspended, expired, cancelled; one in eight has an unlink
/// scheduled. The standard policy (reminders on).
fn million_accounts(start: DateTime<Utc>) -> Vec<Account> {
    (0..1_000_000_i64)
        .map(|i| {
            let term = Term::of_days(start + TimeDelta::minutes(i), 365).expect("term");
            let state = match i % 8 {
                0..=3 => LicenceState::Active {
                    term,
                    auto_renew: i % 2 == 0,
                },
                4 => LicenceState::Trial { term },
                5 => LicenceState::Suspended {
                    term,
                    auto_renew: true,
                    since: term.starts,
                    cancels_at: term.starts + TimeDelta::days(30),
                },
                6 => LicenceState::Expired { at: term.starts },
                _ => LicenceState::Cancelled {
                    at: term.starts,
                    by: CancelledBy::Request,
                },
            };
            let mut licence = Licence::new(format!("L-{i}"), "e", 1, state).expect("licence");
            if i % 16 == 1 {
                licence.reminded_until = Some(term.ends - TimeDelta::days(30));
            }
            let relationship = if i % 8 == 7 {
                RelationshipState::UnlinkScheduled {
                    unlink_at: start + TimeDelta::days(40),
                }
            } else {
                RelationshipState::Linked
            };
            Account::new(
                format!("C-{i}"),
                "Customer",
                "eu",
                BillingType::Term,
                CreatedBy::Partner,
            )
            .with_relationship("acme", relationship)
            .with_licence(licence)
        })
        .collect()
}

/// The baseline: reads the bytes `next_deadline` reads (each relationship's
/// state, each licence's state, term and reminders sent) and folds them with
/// the cheapest operations (a comparison or a `min`), computing nothing.
fn read_loop(accounts: &[Account]) -> Option<DateTime<Utc>> {
    let mut next: Option<DateTime<Utc>> = None;
    let mut fold = |t: DateTime<Utc>| next = Some(next.map_or(t, |n| n.min(t)));
    for account in accounts {
        for licence in &account.licences {
            match licence.state {
                LicenceState::Active { term, .. } | LicenceState::Trial { term } => {
                    fold(
                        licence
                            .reminded_until
                            .map_or(term.ends, |sent| sent.max(term.starts)),
                    );
                }
                LicenceState::Suspended { cancels_at, .. } => fold(cancels_at),
                _ => {}
            }
        }
        for relationship in &account.relationships {
            if let RelationshipState::UnlinkScheduled { unlink_at } = relationship.state {
                fold(unlink_at);
            }
        }
    }
    next
}

fn deadlines(c: &mut Criterion) {
    let policy = Policy::standard();
    let accounts = million_accounts(at("2026-01-01T00:00:00Z"));
    let mut group = c.benchmark_group("next_deadline_1m");
    group.sample_size(10);
    group.throughput(Throughput::Elements(accounts.len() as u64));
    group.bench_function("crate_next_deadline", |b| {
        b.iter(|| {
            black_box(&accounts)
                .iter()
                .filter_map(|a| a.next_deadline(&policy))
                .min()
        })
    });
    group.bench_function("read_loop", |b| b.iter(|| read_loop(black_box(&accounts))));
    group.finish();
}

fn replay(c: &mut Criterion) {
    let policy = Policy::standard();
    let start = at("2026-01-01T00:00:00Z");
    let licence = Licence::active(
        "L-1",
        "e",
        1,
        Term::of_days(start, 365).expect("term"),
        true,
    )
    .expect("licence");
    let events: Vec<LicenceEvent> = (0..1_000_000_u32)
        .map(|i| LicenceEvent {
            licence: "L-1".into(),
            decided_at: start + TimeDelta::seconds(i64::from(i)),
            policy: policy.stamp(),
            change: if i % 2 == 0 {
                LicenceChange::SeatsChanged {
                    from: 1 + i,
                    to: 2 + i,
                }
            } else {
                LicenceChange::AutoRenewChanged { on: i % 4 == 1 }
            },
        })
        .collect();
    let mut group = c.benchmark_group("replay_1m");
    group.sample_size(10);
    group.throughput(Throughput::Elements(events.len() as u64));
    group.bench_function("fold_evolve", |b| {
        b.iter(|| {
            black_box(&events)
                .iter()
                .fold(licence.clone(), Licence::evolve)
        })
    });
    group.finish();
}

criterion_group!(benches, unlink, deadlines, replay);

fn main() {
    let started = common::started();
    benches();
    Criterion::default().configure_from_args().final_summary();
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    // The median is the figure of record: noise from elsewhere on the
    // machine only ever adds time, and it moves the mean most.
    println!("\nratios (crate / baseline, same run; median, then mean):");
    for (group, ours, base) in [
        (
            "unlink_three_licences_accepted",
            "crate_decide",
            "hand_written_match",
        ),
        (
            "unlink_three_licences_refused_rel5",
            "crate_decide",
            "hand_written_match",
        ),
        ("next_deadline_1m", "crate_next_deadline", "read_loop"),
    ] {
        match (
            common::estimates(group, ours, started),
            common::estimates(group, base, started),
        ) {
            (Some((mean_a, median_a)), Some((mean_b, median_b))) => println!(
                "  {group}: {median_a:.1} ns / {median_b:.1} ns = {:.2} (means: {:.2})",
                median_a / median_b,
                mean_a / mean_b
            ),
            _ => println!("  {group}: not run (filtered out?)"),
        }
    }
    if let Some((_, median)) = common::estimates("replay_1m", "fold_evolve", started) {
        println!("  replay_1m: {:.1} million events per second", 1e9 / median);
    }
}
