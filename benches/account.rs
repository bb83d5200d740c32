//! Account-level figures, each beside a baseline measured in the same run:
//!
//! - `unlink_three_licences`: `Account::decide` for an immediate unlink of an
//!   account with three licences (accepted, and refused by REL-5), beside a
//!   hand-written `match` of the same rule (REL-4, REL-5, REL-6);
//! - `next_deadline_1m`: `Licence::next_deadline` over a million licences,
//!   beside a loop that only reads the same bytes (each term's end);
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

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("bench instant")
}

/// The baseline: REL-4/5/6 written directly over a minimal state.
mod baseline {
    use chrono::{DateTime, TimeDelta, Utc};

    #[derive(Clone, Copy)]
    pub enum State {
        Active,
        Suspended,
        Expired(DateTime<Utc>),
        Finished,
    }

    #[allow(dead_code)] // built like the crate's event, only timed
    pub struct Unlinked {
        pub partner: std::sync::Arc<str>,
        pub at: DateTime<Utc>,
    }

    #[derive(Debug)]
    #[allow(dead_code)] // carries what the crate's refusal carries, only timed
    pub enum Refused {
        MustRemove(usize),
        WindowOpen(DateTime<Utc>),
    }

    pub fn unlink(
        licences: &[State],
        partner: &std::sync::Arc<str>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Unlinked>, Refused> {
        let mut latest: Option<DateTime<Utc>> = None;
        for (i, state) in licences.iter().enumerate() {
            match *state {
                State::Active | State::Suspended => return Err(Refused::MustRemove(i)),
                State::Expired(at) => {
                    let closes = at + TimeDelta::days(60);
                    if now < closes && latest.is_none_or(|l| closes > l) {
                        latest = Some(closes);
                    }
                }
                State::Finished => {}
            }
        }
        match latest {
            Some(closes) => Err(Refused::WindowOpen(closes)),
            None => Ok(vec![Unlinked {
                partner: partner.clone(),
                at: now,
            }]),
        }
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
    let base_done = [
        baseline::State::Finished,
        baseline::State::Finished,
        baseline::State::Expired(now - TimeDelta::days(70)),
    ];
    let base_blocked = [
        baseline::State::Finished,
        baseline::State::Finished,
        baseline::State::Expired(now - TimeDelta::days(10)),
    ];
    let _ = (baseline::State::Active, baseline::State::Suspended);
    let partner: std::sync::Arc<str> = "acme".into();
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
            b.iter(|| baseline::unlink(black_box(base), black_box(&partner), black_box(now)))
        });
        group.finish();
    }
}

fn deadlines(c: &mut Criterion) {
    let policy = Policy::standard()
        .to_builder()
        .term_end_reminders([])
        .build()
        .expect("policy");
    let start = at("2026-01-01T00:00:00Z");
    let licences: Vec<Licence> = (0..1_000_000_i64)
        .map(|i| {
            let term = Term::of_days(start + TimeDelta::minutes(i), 365).expect("term");
            Licence::active(format!("L-{i}"), "e", 1, term, i % 2 == 0).expect("licence")
        })
        .collect();
    let mut group = c.benchmark_group("next_deadline_1m");
    group.sample_size(10);
    group.throughput(Throughput::Elements(licences.len() as u64));
    group.bench_function("crate_next_deadline", |b| {
        b.iter(|| {
            black_box(&licences)
                .iter()
                .filter_map(|l| l.next_deadline(&policy))
                .min()
        })
    });
    group.bench_function("read_loop", |b| {
        b.iter(|| {
            black_box(&licences)
                .iter()
                .filter_map(|l| match l.state {
                    LicenceState::Active { term, .. } | LicenceState::Trial { term } => {
                        Some(term.ends)
                    }
                    LicenceState::Suspended { cancels_at, .. } => Some(cancels_at),
                    _ => None,
                })
                .min()
        })
    });
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

fn mean_ns(group: &str, function: &str) -> Option<f64> {
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".to_owned());
    let text = std::fs::read_to_string(format!(
        "{target}/criterion/{group}/{function}/new/estimates.json"
    ))
    .ok()?;
    serde_json::from_str::<serde_json::Value>(&text).ok()?["mean"]["point_estimate"].as_f64()
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    println!("\nratios (crate / baseline, same run):");
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
        match (mean_ns(group, ours), mean_ns(group, base)) {
            (Some(a), Some(b)) => println!("  {group}: {a:.1} ns / {b:.1} ns = {:.2}", a / b),
            _ => println!("  {group}: no estimates (filtered out?)"),
        }
    }
    if let Some(ns) = mean_ns("replay_1m", "fold_evolve") {
        println!("  replay_1m: {:.1} million events per second", 1e9 / ns);
    }
}
