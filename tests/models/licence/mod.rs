//! Model-based property test of the licence lifecycle (LIC-1 … LIC-13,
//! POL-1, POL-3).
//!
//! A faithful caller keeps the licence, an event log and an outbox of
//! pending timers, and plays random command sequences at increasing
//! instants. A deliberately naive reference model (no timers, no effects:
//! just "what state should the licence be in") predicts every outcome.
//! Invariants checked after every step:
//!
//! - no panic, and no error other than a refusal;
//! - accepted ⇔ the model accepts, and a refusal names the rule the model names;
//! - folding `evolve` over the decided events gives the state the model expects;
//! - replaying every event from the start gives the same state;
//! - after applying the effects, the outbox holds exactly `Licence::timers`,
//!   and its earliest due instant is `next_deadline`;
//! - delivering a timer twice, or a stale (replaced or already applied) one,
//!   is accepted with no events and no effects;
//! - an expired licence's phase never goes backwards in time without a
//!   reactivation.

mod caller;

use std::collections::BTreeMap;

use channel_licensing::licence::CancelledBy;
use channel_licensing::{
    Actor, Context, Effect, Error, Licence, LicenceCommand as C, LicenceEvent, LicenceState,
    Policy, Rule, Term, Timer, TimerKey,
};
use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use crate::common::{at, by_acme, customer, partner};
use caller::Caller;

// ------------------------------------------------------------------ model

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum M {
    Trial {
        starts: DateTime<Utc>,
        ends: DateTime<Utc>,
    },
    Active {
        starts: DateTime<Utc>,
        ends: DateTime<Utc>,
        auto_renew: bool,
    },
    Suspended {
        starts: DateTime<Utc>,
        ends: DateTime<Utc>,
        auto_renew: bool,
        cancels_at: DateTime<Utc>,
    },
    Expired {
        at: DateTime<Utc>,
    },
    Revoked,
    Removed,
    Cancelled {
        by_suspension: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Model {
    state: M,
    seats: u32,
}

struct Rules {
    grace_days: i64,
    reactivation_days: i64,
    suspension_days: i64,
}

impl Rules {
    /// The model's own numbers, written out rather than read from the
    /// crate's policy getters, so that a getter bug cannot hide.
    const STANDARD: Rules = Rules {
        grace_days: 30,
        reactivation_days: 60,
        suspension_days: 30,
    };
    const SHORT: Rules = Rules {
        grace_days: 3,
        reactivation_days: 8,
        suspension_days: 4,
    };

    fn lapsed(&self, expired_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now >= expired_at + TimeDelta::days(self.reactivation_days)
    }

    /// What time alone does to the model by `now`.
    fn settle(&self, m: Model, now: DateTime<Utc>) -> Model {
        let state = match m.state {
            M::Trial { ends, .. } if now >= ends => M::Expired { at: ends },
            M::Active {
                starts,
                ends,
                auto_renew: false,
            } if now >= ends => {
                let _ = starts;
                M::Expired { at: ends }
            }
            M::Active {
                mut starts,
                mut ends,
                auto_renew: true,
            } => {
                let length = ends - starts;
                while now >= ends {
                    starts = ends;
                    ends += length;
                }
                M::Active {
                    starts,
                    ends,
                    auto_renew: true,
                }
            }
            M::Suspended { cancels_at, .. } if now >= cancels_at => M::Cancelled {
                by_suspension: true,
            },
            other => other,
        };
        Model { state, ..m }
    }

    fn terminal(&self, m: &Model, now: DateTime<Utc>) -> bool {
        match m.state {
            M::Revoked | M::Removed | M::Cancelled { .. } => true,
            M::Expired { at } => self.lapsed(at, now),
            _ => false,
        }
    }

    /// The model's verdict: `Ok(new model)` (possibly unchanged) or the rule
    /// that refuses. `m` is already settled at `now`.
    fn apply(&self, m: Model, cmd: &Cmd, actor: &Actor, now: DateTime<Utc>) -> Result<Model, Rule> {
        let terminal = self.terminal(&m, now);
        let set = |state| Ok(Model { state, ..m });
        match (cmd, m.state) {
            // Time already did what a delivery does.
            (Cmd::DeliverNext | Cmd::DeliverStale, _) => Ok(m),
            (Cmd::Revoke, _) if !matches!(actor, Actor::Vendor) => Err(Rule::Lic9),
            (Cmd::Revoke, M::Revoked)
            | (Cmd::Remove, M::Removed)
            | (Cmd::Cancel, M::Cancelled { .. })
            | (Cmd::Suspend, M::Suspended { .. })
            | (Cmd::Resume, M::Active { .. }) => Ok(m),
            (
                Cmd::Resume,
                M::Cancelled {
                    by_suspension: true,
                },
            ) => Err(Rule::Lic7),
            (
                Cmd::Reactivate {
                    term_days,
                    auto_renew,
                },
                M::Expired { at },
            ) => {
                if self.lapsed(at, now) {
                    Err(Rule::Lic5)
                } else if *term_days == 0 {
                    Err(Rule::Lic4)
                } else {
                    set(M::Active {
                        starts: now,
                        ends: now + TimeDelta::days(i64::from(*term_days)),
                        auto_renew: *auto_renew,
                    })
                }
            }
            _ if terminal => Err(Rule::Lic13),
            (Cmd::Revoke, _) => set(M::Revoked),
            (Cmd::Remove, _) => set(M::Removed),
            (Cmd::Cancel, M::Active { .. } | M::Suspended { .. }) => set(M::Cancelled {
                by_suspension: false,
            }),
            (Cmd::Cancel, _) => Err(Rule::Lic8),
            (
                Cmd::Suspend,
                M::Active {
                    starts,
                    ends,
                    auto_renew,
                },
            ) => set(M::Suspended {
                starts,
                ends,
                auto_renew,
                cancels_at: now + TimeDelta::days(self.suspension_days),
            }),
            (
                Cmd::Resume,
                M::Suspended {
                    starts,
                    ends,
                    auto_renew,
                    ..
                },
            ) => set(M::Active {
                starts,
                ends,
                auto_renew,
            }),
            (Cmd::Suspend | Cmd::Resume, _) => Err(Rule::Lic7),
            (Cmd::ChangeSeats(0), M::Active { .. }) => Err(Rule::Lic11),
            (Cmd::ChangeSeats(seats), M::Active { .. }) => Ok(Model { seats: *seats, ..m }),
            (Cmd::ChangeSeats(_), _) => Err(Rule::Lic11),
            (Cmd::SetAutoRenew(on), M::Active { starts, ends, .. }) => set(M::Active {
                starts,
                ends,
                auto_renew: *on,
            }),
            (Cmd::SetAutoRenew(_), _) => Err(Rule::Lic12),
            (Cmd::Reactivate { .. }, _) => Err(Rule::Lic4),
        }
    }
}

fn project(licence: &Licence) -> Model {
    let state = match licence.state {
        LicenceState::Trial { term } => M::Trial {
            starts: term.starts,
            ends: term.ends,
        },
        LicenceState::Active { term, auto_renew } => M::Active {
            starts: term.starts,
            ends: term.ends,
            auto_renew,
        },
        LicenceState::Suspended {
            term,
            auto_renew,
            cancels_at,
            ..
        } => M::Suspended {
            starts: term.starts,
            ends: term.ends,
            auto_renew,
            cancels_at,
        },
        LicenceState::Expired { at } => M::Expired { at },
        LicenceState::Revoked { .. } => M::Revoked,
        LicenceState::Removed { .. } => M::Removed,
        LicenceState::Cancelled { by, .. } => M::Cancelled {
            by_suspension: by == CancelledBy::Suspension,
        },
    };
    Model {
        state,
        seats: licence.seats,
    }
}

// ------------------------------------------------------------ generators

#[derive(Clone, Debug)]
enum Cmd {
    Reactivate {
        term_days: u32,
        auto_renew: bool,
    },
    Suspend,
    Resume,
    Cancel,
    Revoke,
    Remove,
    ChangeSeats(u32),
    SetAutoRenew(bool),
    /// Deliver the earliest pending timer, due or not.
    DeliverNext,
    /// Deliver a timer that was scheduled once but is no longer pending.
    DeliverStale,
}

#[derive(Clone, Debug)]
struct Step {
    advance: TimeDelta,
    deliver_due_first: bool,
    actor: u8,
    cmd: Cmd,
}

fn cmd() -> impl Strategy<Value = Cmd> {
    prop_oneof![
        1 => (0u32..40, any::<bool>()).prop_map(|(term_days, auto_renew)| Cmd::Reactivate { term_days, auto_renew }),
        1 => Just(Cmd::Suspend),
        1 => Just(Cmd::Resume),
        1 => Just(Cmd::Cancel),
        1 => Just(Cmd::Revoke),
        1 => Just(Cmd::Remove),
        1 => (0u32..4).prop_map(Cmd::ChangeSeats),
        1 => any::<bool>().prop_map(Cmd::SetAutoRenew),
        3 => Just(Cmd::DeliverNext),
        2 => Just(Cmd::DeliverStale),
    ]
}

fn advance() -> impl Strategy<Value = TimeDelta> {
    prop_oneof![
        Just(TimeDelta::zero()),
        (0i64..=2).prop_map(TimeDelta::seconds),
        (0i64..=48).prop_map(TimeDelta::hours),
        (0i64..=20).prop_map(TimeDelta::days),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    (advance(), any::<bool>(), 0u8..4, cmd()).prop_map(
        |(advance, deliver_due_first, actor, cmd)| Step {
            advance,
            deliver_due_first,
            actor,
            cmd,
        },
    )
}

fn start() -> impl Strategy<Value = Licence> {
    let t0 = at("2026-01-01T00:00:00Z");
    prop_oneof![
        (1u32..30).prop_map(move |d| Licence::trial(
            "L-1",
            "e",
            1,
            Term::of_days(t0, d).unwrap(),
            by_acme()
        )
        .unwrap()),
        (1u32..60, any::<bool>()).prop_map(move |(d, r)| Licence::active(
            "L-1",
            "e",
            2,
            Term::of_days(t0, d).unwrap(),
            r,
            by_acme()
        )
        .unwrap()),
        (0i64..80).prop_map(move |d| {
            Licence::new(
                "L-1",
                "e",
                1,
                LicenceState::Expired {
                    at: t0 - TimeDelta::days(d),
                },
                by_acme(),
            )
            .unwrap()
        }),
    ]
}

/// A short-windowed policy, so that random walks cross every boundary.
fn short_policy() -> Policy {
    Policy::standard()
        .to_builder()
        .name("short")
        .expired_grace_days(3)
        .reactivation_window_days(8)
        .suspension_cancels_after_days(4)
        .term_end_reminders([5, 2])
        .trial_end_reminders([1])
        .build()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/licence_model.txt",
        ))),
        ..ProptestConfig::default()
    })]

    /// LIC-1 … LIC-13, POL-3 under the standard policy.
    #[test]
    fn licence_model_standard_policy(start in start(), steps in prop::collection::vec(step(), 1..40)) {
        let mut caller = Caller::new(start, Policy::standard(), Rules::STANDARD);
        for step in &steps {
            caller.step(step)?;
        }
    }

    /// The same, with short windows, so that walks cross every boundary
    /// (POL-1, LIC-6: the windows are policy data).
    #[test]
    fn licence_model_short_policy(start in start(), steps in prop::collection::vec(step(), 1..40)) {
        let mut caller = Caller::new(start, short_policy(), Rules::SHORT);
        for step in &steps {
            caller.step(step)?;
        }
    }
}
