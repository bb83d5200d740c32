//! Account-level figures, each beside a baseline measured in the same run:
//!
//! - `unlink_three_licences`: `Account::decide` for an immediate unlink of an
//!   account with three licences (accepted, and refused by REL-5), beside a
//!   hand-written `match` of the same rule (REL-4, REL-5, REL-6);
//! - `next_deadline_1m`: `Account::next_deadline` over a million accounts,
//!   beside a loop that only reads the same bytes;
//! - `account_seats_3`, `account_seats_50`: `Account::decide` changing the
//!   seats of the last licence of an account with 3 or 50 licences, beside a
//!   hand-written lookup and `match` of the same rule;
//! - `account_replay`: folding `Account::evolve` over a year of a 3-licence
//!   account's events, beside a loop that only clones the initial account
//!   and visits the events (throughput in events);
//! - `replay_1m`: folding `Licence::evolve` over a million events (throughput).
//!
//! Run: `cargo bench --bench account`; the ratios print at the end. See
//! `benches/README.md`.

use std::hint::black_box;

use channel_licensing::{Context, Licence, LicenceChange, LicenceEvent, Policy, Term};
use chrono::TimeDelta;
use criterion::{Criterion, Throughput, criterion_group};

#[path = "fixtures/account.rs"]
mod fixtures;
use fixtures::{AccountSeatCase, UnlinkCase, at};

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

fn account_seats(c: &mut Criterion) {
    for (name, licences) in [("account_seats_3", 3), ("account_seats_50", 50)] {
        let case = AccountSeatCase::new(licences);
        let ctx = Context::new(case.now, &case.actor, &case.policy);
        let mut group = c.benchmark_group(name);
        group.bench_function("crate_decide", |b| b.iter(|| case.decide(&ctx)));
        group.bench_function("hand_written_match", |b| b.iter(|| case.baseline()));
        group.finish();
    }
}

fn account_replay(c: &mut Criterion) {
    let replay = fixtures::year_of_events();
    let mut group = c.benchmark_group("account_replay");
    group.throughput(Throughput::Elements(replay.events.len() as u64));
    group.bench_function("fold_evolve", |b| b.iter(|| replay.fold()));
    group.bench_function("clone_only", |b| b.iter(|| replay.read_loop()));
    group.finish();
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

/// Reading (`from_json`, validation included) and writing the seat cases'
/// accounts, beside an `IgnoredAny` parse of the same bytes and the same
/// document written from a `serde_json::Value`.
fn wire(c: &mut Criterion) {
    for licences in [3, 50] {
        let account = AccountSeatCase::new(licences).account;
        let json = serde_json::to_string(&account).expect("JSON");
        let value = serde_json::to_value(&account).expect("JSON");
        let mut group = c.benchmark_group(format!("deserialize_{licences}"));
        group.bench_function("crate_from_json", |b| {
            b.iter(|| channel_licensing::from_json::<channel_licensing::Account>(black_box(&json)))
        });
        group.bench_function("ignored_any", |b| {
            b.iter(|| serde_json::from_str::<serde::de::IgnoredAny>(black_box(&json)).map(|_| ()))
        });
        group.finish();
        let mut group = c.benchmark_group(format!("serialize_{licences}"));
        group.bench_function("crate_to_string", |b| {
            b.iter(|| serde_json::to_string(black_box(&account)))
        });
        group.bench_function("value_to_string", |b| {
            b.iter(|| serde_json::to_string(black_box(&value)))
        });
        group.finish();
    }
}

criterion_group!(
    benches,
    unlink,
    account_seats,
    account_replay,
    deadlines,
    replay,
    wire
);

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let given = |flag: &str| args.iter().any(|a| a == flag);
    // Criterion's test mode, as it decides it: `cargo test --bench
    // account` passes no `--bench`; `cargo bench -- --test` both.
    let test_mode = !given("--bench") || given("--test");
    if test_mode {
        common::check_selection();
    }
    let started = common::started();
    benches();
    Criterion::default().configure_from_args().final_summary();
    if test_mode || given("--list") {
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
        ("account_seats_3", "crate_decide", "hand_written_match"),
        ("account_seats_50", "crate_decide", "hand_written_match"),
        ("next_deadline_1m", "crate_next_deadline", "read_loop"),
        ("deserialize_3", "crate_from_json", "ignored_any"),
        ("deserialize_50", "crate_from_json", "ignored_any"),
        ("serialize_3", "crate_to_string", "value_to_string"),
        ("serialize_50", "crate_to_string", "value_to_string"),
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
    if let Some((_, median)) = common::estimates("account_replay", "fold_evolve", started) {
        let events = fixtures::year_of_events().events.len();
        let overhead = common::estimates("account_replay", "clone_only", started).map_or(
            String::new(),
            |(_, base)| {
                format!(
                    " ({:.1} ns of it cloning and visiting)",
                    base / events as f64
                )
            },
        );
        println!(
            "  account_replay: {:.1} ns per event{overhead}",
            median / events as f64
        );
    }
    if let Some((_, median)) = common::estimates("replay_1m", "fold_evolve", started) {
        println!("  replay_1m: {:.1} million events per second", 1e9 / median);
    }
    paired(&common::selection(&args));
}

/// The same comparisons measured in alternating pairs (see
/// `common::paired_ratio`): the figure that other load on the machine moves
/// least. Runs for the groups criterion ran: those with a benchmark the
/// command line's filter selects (all by default); options and their values
/// are not filters.
fn paired(selection: &common::Selection) {
    let wanted = |group: &str, functions: [&str; 2]| {
        functions
            .iter()
            .any(|f| selection.selects(&format!("{group}/{f}")))
    };
    let decide = ["crate_decide", "hand_written_match"];
    println!("paired (median of per-round ratios, rounds alternating crate and baseline):");
    let mut ran = false;
    for (name, case) in [
        ("unlink_three_licences_accepted", UnlinkCase::new(70)),
        ("unlink_three_licences_refused_rel5", UnlinkCase::new(10)),
    ] {
        if !wanted(name, decide) {
            continue;
        }
        ran = true;
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
    for (name, licences, iterations) in [
        ("account_seats_3", 3, 100_000),
        ("account_seats_50", 50, 10_000),
    ] {
        if !wanted(name, decide) {
            continue;
        }
        ran = true;
        let case = AccountSeatCase::new(licences);
        let ctx = Context::new(case.now, &case.actor, &case.policy);
        let (ratio, ours, base) = common::paired_ratio(
            101,
            iterations,
            || {
                let _ = black_box(case.decide(&ctx));
            },
            || {
                let _ = black_box(case.baseline());
            },
        );
        println!("  {name}: {ours:.1} ns / {base:.1} ns = {ratio:.2}");
    }
    if wanted("next_deadline_1m", ["crate_next_deadline", "read_loop"]) {
        ran = true;
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
    if !ran {
        match &selection.filter {
            Some(filter) if !selection.ignored => {
                println!("  none: the filter `{filter}` selects no paired group");
            }
            _ => println!("  none selected"),
        }
    }
}
