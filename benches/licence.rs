//! `decide` for typical licence commands, beside a hand-written `match` of
//! the same rule in the same criterion group, so the ratio reads off one run.
//!
//! Run: `cargo bench --bench licence`. The last lines print each ratio
//! (crate / baseline, from criterion's mean estimates of this run).

use std::hint::black_box;

use channel_licensing::{
    Actor, CancelledBy, Context, CustomerId, Licence, LicenceCommand, LicenceId, LicenceState,
    PartnerId, PartnerUser, Policy, Purchaser, Term,
};
use chrono::{DateTime, Utc};
use criterion::{Criterion, criterion_group};

mod common;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("bench instant")
}

/// The baseline: SUB-1 (the acting partner bought the licence), LIC-11 and
/// LIC-13 written directly as a `match` over a minimal state, producing the
/// same facts (one event with the licence's ID, the instant and both
/// counts, in a one-element `Vec`) or a refusal.
/// Like the crate it judges the licence at `now` (an active licence whose
/// term has ended is not active any more), but it leaves out what the crate
/// also does: reminders (POL-3), effects, the policy stamp, the refusal's
/// explanation.
mod baseline {
    use chrono::{DateTime, Utc};

    use super::{LicenceId, PartnerId};

    #[derive(Clone, Copy)]
    pub enum State {
        Active { ends: DateTime<Utc> },
        Suspended,
        Expired { lapsed: bool },
        Revoked,
    }

    pub struct Licence {
        pub id: LicenceId,
        /// The partner that bought it.
        pub owner: PartnerId,
        pub seats: u32,
        pub state: State,
    }

    #[allow(dead_code)] // built, like the crate's event, but only timed
    pub struct SeatsChanged {
        pub licence: LicenceId,
        pub at: DateTime<Utc>,
        pub from: u32,
        pub to: u32,
    }

    #[derive(Debug)]
    pub enum Refused {
        OtherPartner,
        Terminal,
        NotActive,
        TooFewSeats,
    }

    pub fn change_seats(
        licence: &Licence,
        partner: &PartnerId,
        seats: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<SeatsChanged>, Refused> {
        if licence.owner != *partner {
            return Err(Refused::OtherPartner);
        }
        match licence.state {
            State::Revoked | State::Expired { lapsed: true } => Err(Refused::Terminal),
            State::Suspended | State::Expired { lapsed: false } => Err(Refused::NotActive),
            State::Active { ends } if now >= ends => Err(Refused::NotActive),
            State::Active { .. } if seats == 0 => Err(Refused::TooFewSeats),
            State::Active { .. } if seats == licence.seats => Ok(Vec::new()),
            State::Active { .. } => Ok(vec![SeatsChanged {
                licence: licence.id.clone(),
                at: now,
                from: licence.seats,
                to: seats,
            }]),
        }
    }
}

fn change_seats(c: &mut Criterion) {
    let policy = Policy::standard();
    let partner = PartnerId::from("acme");
    let actor = Actor::Partner(PartnerUser::new(partner.clone(), "eu"));
    let customer = CustomerId::from("rossi");
    let now = at("2026-06-01T12:00:00Z");
    let term = Term::new(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")).expect("term");
    let bought_by = Purchaser::Partner(partner.clone());
    let licence = Licence::active(
        "L-1",
        "endpoint-advanced",
        10,
        term,
        true,
        bought_by.clone(),
    )
    .expect("licence");
    let revoked = Licence::new(
        "L-1",
        "endpoint-advanced",
        10,
        LicenceState::Revoked { at: now },
        bought_by,
    )
    .expect("licence");
    let _ = CancelledBy::Request;
    let base_active = baseline::Licence {
        id: licence.id.clone(),
        owner: partner.clone(),
        seats: 10,
        state: baseline::State::Active { ends: term.ends },
    };
    let base_revoked = baseline::Licence {
        id: licence.id.clone(),
        owner: partner.clone(),
        seats: 10,
        state: baseline::State::Revoked,
    };
    let _ = (
        baseline::State::Suspended,
        baseline::State::Expired { lapsed: false },
    );
    let command = LicenceCommand::ChangeSeats { seats: 12 };
    let ctx = Context::new(now, &actor, &policy);

    let mut group = c.benchmark_group("change_seats_accepted");
    group.bench_function("crate_decide", |b| {
        b.iter(|| {
            black_box(&licence).decide(black_box(&customer), black_box(&command), black_box(&ctx))
        });
    });
    group.bench_function("hand_written_match", |b| {
        b.iter(|| {
            baseline::change_seats(
                black_box(&base_active),
                black_box(&partner),
                black_box(12),
                black_box(now),
            )
        });
    });
    group.finish();

    let mut group = c.benchmark_group("change_seats_refused_terminal");
    group.bench_function("crate_decide", |b| {
        b.iter(|| {
            black_box(&revoked).decide(black_box(&customer), black_box(&command), black_box(&ctx))
        });
    });
    group.bench_function("hand_written_match", |b| {
        b.iter(|| {
            baseline::change_seats(
                black_box(&base_revoked),
                black_box(&partner),
                black_box(12),
                black_box(now),
            )
        });
    });
    group.finish();
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
