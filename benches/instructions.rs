//! The account benches' cases as plain loops, for counting instructions
//! under callgrind: deterministic figures that noise on the machine cannot
//! move, beside the time ratios of `cargo bench --bench account`.
//!
//! Run `bash benches/callgrind.sh` (needs valgrind). By hand:
//! `valgrind --tool=callgrind <binary> <case> <iterations>`, where the case
//! is `unlink_accepted`, `unlink_refused`, `change_seats_accepted`,
//! `change_seats_refused`, `next_deadline` (each with a `_baseline` twin), and the count per iteration is the difference between
//! two iteration counts divided by their difference (set-up cancels out).
//! Without arguments (as under `cargo bench`) it does nothing.

use std::hint::black_box;

use channel_licensing::Context;

#[path = "fixtures/account.rs"]
mod fixtures;
#[path = "fixtures/licence.rs"]
#[allow(dead_code)] // its `at` is the account fixture's twin
mod licence_fixtures;
use fixtures::{UnlinkCase, at};
use licence_fixtures::SeatCase;

/// Accounts in the `next_deadline` case: the million of the time bench is
/// too slow to build under callgrind; the terms are spread over the same two
/// years.
const ACCOUNTS: i64 = 20_000;

fn unlink(expired_days: i64, iterations: u64, base: bool) {
    let case = UnlinkCase::new(expired_days);
    let ctx = Context::new(case.now, &case.actor, &case.policy);
    for _ in 0..iterations {
        if base {
            let _ = black_box(case.baseline());
        } else {
            let _ = black_box(case.decide(&ctx));
        }
    }
}

fn change_seats(revoked: bool, iterations: u64, base: bool) {
    let case = SeatCase::new(revoked);
    let ctx = Context::new(case.now, &case.actor, &case.policy);
    for _ in 0..iterations {
        if base {
            let _ = black_box(case.baseline());
        } else {
            let _ = black_box(case.decide(&ctx));
        }
    }
}

fn next_deadline(iterations: u64, base: bool) {
    let policy = channel_licensing::Policy::standard();
    let accounts = fixtures::accounts(ACCOUNTS, 48, at("2026-01-01T00:00:00Z"));
    for _ in 0..iterations {
        if base {
            black_box(fixtures::read_loop(black_box(&accounts)));
        } else {
            black_box(fixtures::sweep(&accounts, &policy));
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(case), Some(Ok(iterations))) = (args.first(), args.get(1).map(|n| n.parse())) else {
        println!("usage: instructions <case>[_baseline] <iterations> (see benches/callgrind.sh)");
        return;
    };
    let (case, base) = match case.strip_suffix("_baseline") {
        Some(case) => (case, true),
        None => (case.as_str(), false),
    };
    match case {
        "unlink_accepted" => unlink(70, iterations, base),
        "unlink_refused" => unlink(10, iterations, base),
        "change_seats_accepted" => change_seats(false, iterations, base),
        "change_seats_refused" => change_seats(true, iterations, base),
        "next_deadline" => next_deadline(iterations, base),
        other => eprintln!("unknown case {other}"),
    }
}
