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

use channel_licensing::{Context, Licence, LicenceChange, LicenceEvent, Policy, Term};
use chrono::TimeDelta;
use criterion::{Criterion, Throughput, criterion_group};

#[path = "fixtures/account.rs"]
mod fixtures;
use fixtures::{UnlinkCase, at};

mod common;

fn unlink(c: &mut Criterion) {
    for (name, case) in [
        ("accepted", UnlinkCase::new(70)),
        ("refused_rel5", UnlinkCase::new(10)),
    ] {
        let ctx = Context::new(case.now, &case.actor, &case.policy);
        let mut group = c.benchmark_group(format!("unlink_three_licences_{name}"));
        group.bench_function("crate_decide", |b| b.iter(|| case.decide(&ctx)));
        group.bench_function("hand_written_match", |b| b.iter(|| case.baseline()));
        group.finish();
    }
}

fn deadlines(c: &mut Criterion) {
    let policy = Policy::standard();
    let accounts = fixtures::accounts(1_000_000, 1, at("2026-01-01T00:00:00Z"));
    let mut group = c.benchmark_group("next_deadline_1m");
    group.sample_size(10);
    group.throughput(Throughput::Elements(accounts.len() as u64));
    group.bench_function("crate_next_deadline", |b| {
        b.iter(|| fixtures::sweep(&accounts, &policy))
    });
    group.bench_function("read_loop", |b| {
        b.iter(|| fixtures::read_loop(black_box(&accounts)))
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
        fixtures::acme(),
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
    paired(&std::env::args().collect::<Vec<_>>());
    if let Some((_, median)) = common::estimates("replay_1m", "fold_evolve", started) {
        println!("  replay_1m: {:.1} million events per second", 1e9 / median);
    }
}

/// The same comparisons measured in alternating pairs (see
/// `common::paired_ratio`): the figure that other load on the machine moves
/// least. Runs for the groups the command line selects (all by default).
fn paired(args: &[String]) {
    let filters: Vec<&str> = args
        .iter()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .map(String::as_str)
        .collect();
    let wanted = |name: &str| filters.is_empty() || filters.iter().any(|f| name.contains(f));
    println!("paired (median of per-round ratios, rounds alternating crate and baseline):");
    for (name, case) in [
        ("unlink_three_licences_accepted", UnlinkCase::new(70)),
        ("unlink_three_licences_refused_rel5", UnlinkCase::new(10)),
    ] {
        if !wanted(name) {
            continue;
        }
        let ctx = Context::new(case.now, &case.actor, &case.policy);
        let (ratio, ours, base) = common::paired_ratio(
            101,
            100_000,
            || {
                let _ = black_box(case.decide(&ctx));
            },
            || {
                let _ = black_box(case.baseline());
            },
        );
        println!("  {name}: {ours:.1} ns / {base:.1} ns = {ratio:.2}");
    }
    if wanted("next_deadline_1m") {
        let policy = Policy::standard();
        let accounts = fixtures::accounts(1_000_000, 1, at("2026-01-01T00:00:00Z"));
        let (ratio, ours, base) = common::paired_ratio(
            31,
            1,
            || {
                black_box(fixtures::sweep(&accounts, &policy));
            },
            || {
                black_box(fixtures::read_loop(black_box(&accounts)));
            },
        );
        println!(
            "  next_deadline_1m: {:.1} ms / {:.1} ms = {ratio:.2}",
            ours / 1e6,
            base / 1e6
        );
    }
}
