//! `decide` for typical licence commands, beside a hand-written `match` of
//! the same rule in the same criterion group, so the ratio reads off one run.
//!
//! Run: `cargo bench --bench licence`. The last lines print each ratio
//! (crate / baseline, from criterion's estimates of this run).

use channel_licensing::Context;
use criterion::{Criterion, criterion_group};

mod common;
#[path = "fixtures/licence.rs"]
mod fixtures;
use fixtures::SeatCase;

fn change_seats(c: &mut Criterion) {
    for (group, revoked) in [
        ("change_seats_accepted", false),
        ("change_seats_refused_terminal", true),
    ] {
        let case = SeatCase::new(revoked);
        let ctx = Context::new(case.now, &case.actor, &case.policy);
        let mut group = c.benchmark_group(group);
        group.bench_function("crate_decide", |b| b.iter(|| case.decide(&ctx)));
        group.bench_function("hand_written_match", |b| b.iter(|| case.baseline()));
        group.finish();
    }
}

criterion_group!(benches, change_seats);

/// Reads criterion's mean estimate (ns) of `group/function` from this run.
fn main() {
    let started = common::started();
    benches();
    Criterion::default().configure_from_args().final_summary();
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    println!("\nratios (crate decide / hand-written match, same run; median, then mean):");
    for group in ["change_seats_accepted", "change_seats_refused_terminal"] {
        match (
            common::estimates(group, "crate_decide", started),
            common::estimates(group, "hand_written_match", started),
        ) {
            (Some((mean_a, median_a)), Some((mean_b, median_b))) => println!(
                "  {group}: {median_a:.1} ns / {median_b:.1} ns = {:.2} (means: {:.2})",
                median_a / median_b,
                mean_a / mean_b
            ),
            _ => println!("  {group}: not run (filtered out?)"),
        }
    }
}
