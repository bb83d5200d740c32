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

mod common;

use std::collections::BTreeMap;

use channel_licensing::{
    Actor, CancelledBy, Context, Effect, Error, Licence, LicenceCommand as C, LicenceEvent,
    LicenceState, Policy, Rule, Term, Timer, TimerKey,
};
use chrono::{DateTime, TimeDelta, Utc};
use common::{at, by_acme, customer, partner};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

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

// --------------------------------------------------------------- harness

struct Caller {
    policy: Policy,
    rules: Rules,
    initial: Licence,
    licence: Licence,
    log: Vec<LicenceEvent>,
    outbox: BTreeMap<TimerKey, DateTime<Utc>>,
    history: Vec<Timer>,
    now: DateTime<Utc>,
    last_phase: Option<(DateTime<Utc>, usize)>,
}

impl Caller {
    fn new(licence: Licence, policy: Policy, rules: Rules) -> Caller {
        let outbox = licence
            .timers(&customer(), &policy)
            .map(|t| (t.key, t.due))
            .collect::<BTreeMap<_, _>>();
        let history = licence.timers(&customer(), &policy).collect();
        Caller {
            rules,
            policy,
            initial: licence.clone(),
            licence,
            log: Vec::new(),
            outbox,
            history,
            now: at("2026-01-01T00:00:00Z"),
            last_phase: None,
        }
    }

    fn pending(&self) -> Vec<Timer> {
        let mut timers: Vec<Timer> = self
            .outbox
            .iter()
            .map(|(key, due)| Timer {
                key: key.clone(),
                due: *due,
            })
            .collect();
        timers.sort_by_key(|t| t.due);
        timers
    }

    /// Decides, checks the verdict against the model, applies and persists.
    fn run(&mut self, command: C, model_cmd: &Cmd, actor: &Actor) -> Result<bool, TestCaseError> {
        let before = self.licence.clone();
        let settled = self.rules.settle(project(&before), self.now);
        let expected = self
            .rules
            .apply(settled, model_cmd, actor, self.now)
            .map(|m| self.rules.settle(m, self.now));
        let result = before.decide(
            &customer(),
            &command,
            &Context::new(self.now, actor, &self.policy),
        );

        // An early delivery is a refusal the model knows only through the timer.
        if let (C::Deliver(timer), Err(Error::Refused(r))) = (&command, &result) {
            prop_assert!(
                timer.due > self.now,
                "only early deliveries are refused: {r}"
            );
            prop_assert_eq!(r.earliest(), Some(timer.due));
            prop_assert_eq!(
                self.licence
                    .timers(&customer(), &self.policy)
                    .find(|t| t == timer)
                    .is_some(),
                true
            );
            return Ok(false);
        }
        match (result, expected) {
            (Ok(decision), Ok(model)) => {
                self.check_payloads(settled, &decision)?;
                let after = decision.events().fold(before.clone(), Licence::evolve);
                prop_assert_eq!(
                    project(&after),
                    model,
                    "evolve(decided events) = model; {:?}",
                    command
                );
                if decision.is_empty() {
                    prop_assert_eq!(&after, &before);
                }
                self.log.extend(decision.events().cloned());
                for effect in decision.effects() {
                    match effect {
                        Effect::Schedule(timer) => {
                            self.outbox.insert(timer.key.clone(), timer.due);
                            self.history.push(timer.clone());
                        }
                        Effect::Cancel { key } => {
                            self.outbox.remove(key);
                        }
                        Effect::PropagateName { .. } => {
                            return Err(TestCaseError::fail("a licence never renames"));
                        }
                    }
                }
                self.licence = after;
                self.check_invariants()?;
                Ok(!decision.is_empty())
            }
            (Err(Error::Refused(r)), Err(rule)) => {
                prop_assert_eq!(r.rule(), rule, "{}", r);
                Ok(false)
            }
            (result, expected) => Err(TestCaseError::fail(format!(
                "{command:?} at {}: crate gave {result:?}, model expected {expected:?}",
                self.now
            ))),
        }
    }

    /// LIC-3, LIC-5, LIC-8: the payloads that carry a rule's outcome.
    fn check_payloads(
        &self,
        settled: Model,
        decision: &channel_licensing::Decision<LicenceEvent>,
    ) -> Result<(), TestCaseError> {
        use channel_licensing::LicenceChange as Ch;
        for event in decision.events() {
            match (&event.change, settled.state) {
                (Ch::Reactivated { interrupted, .. }, M::Expired { at }) => {
                    let in_grace = self.now < at + TimeDelta::days(self.rules.grace_days);
                    prop_assert_eq!(*interrupted, !in_grace, "interrupted after grace only");
                }
                (
                    Ch::Cancelled {
                        by: CancelledBy::Request,
                        forfeited_days,
                        ..
                    },
                    M::Active { ends, .. } | M::Suspended { ends, .. },
                ) => {
                    let left = (ends - self.now).num_days().max(0);
                    prop_assert_eq!(i64::from(*forfeited_days), left, "forfeited whole days");
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn deliver(&mut self, timer: Timer) -> Result<(), TestCaseError> {
        let pending = self.outbox.get(&timer.key) == Some(&timer.due);
        if pending && timer.due <= self.now {
            self.outbox.remove(&timer.key);
        }
        let changed = self.run(C::Deliver(timer.clone()), &Cmd::DeliverNext, &partner())?;
        if changed || timer.due <= self.now {
            // Delivering the same timer again changes nothing.
            let again = self.licence.decide(
                &customer(),
                &C::Deliver(timer),
                &Context::new(self.now, &partner(), &self.policy),
            );
            prop_assert!(
                matches!(again, Ok(ref d) if d.is_empty()),
                "second delivery: {again:?}"
            );
        }
        Ok(())
    }

    fn deliver_due(&mut self) -> Result<(), TestCaseError> {
        while let Some(next) = self.pending().into_iter().find(|t| t.due <= self.now) {
            self.deliver(next)?;
        }
        Ok(())
    }

    fn check_invariants(&mut self) -> Result<(), TestCaseError> {
        let expected: BTreeMap<_, _> = self
            .licence
            .timers(&customer(), &self.policy)
            .map(|t| (t.key, t.due))
            .collect();
        prop_assert_eq!(&self.outbox, &expected, "outbox = timers()");
        prop_assert_eq!(
            self.licence.next_deadline(&self.policy),
            self.outbox.values().min().copied()
        );
        prop_assert!(
            self.licence
                .next_deadline(&self.policy)
                .is_none_or(|due| due > self.now)
                || self
                    .licence
                    .timers(&customer(), &self.policy)
                    .all(|t| t.due > self.now),
            "no overdue timer after a decision"
        );
        let replayed = self.log.iter().fold(self.initial.clone(), Licence::evolve);
        prop_assert_eq!(&replayed, &self.licence, "replay");
        if let LicenceState::Expired { at } = self.licence.state {
            let rank = self
                .policy
                .phases()
                .iter()
                .position(|p| {
                    Some(p.name()) == self.licence.phase(self.now, &self.policy).map(|x| x.name)
                })
                .unwrap();
            if let Some((last_at, last_rank)) = self.last_phase
                && last_at == at
            {
                prop_assert!(rank >= last_rank, "phase went backwards");
            }
            self.last_phase = Some((at, rank));
        } else {
            self.last_phase = None;
        }
        Ok(())
    }

    fn step(&mut self, step: &Step) -> Result<(), TestCaseError> {
        self.now += step.advance;
        if step.deliver_due_first {
            self.deliver_due()?;
        }
        let actor = match step.actor {
            0 => Actor::Vendor,
            1 => Actor::CustomerAdmin {
                customer: "rossi".into(),
            },
            _ => partner(),
        };
        let command = match &step.cmd {
            Cmd::Reactivate {
                term_days,
                auto_renew,
            } => C::Reactivate {
                term_days: *term_days,
                auto_renew: *auto_renew,
            },
            Cmd::Suspend => C::Suspend,
            Cmd::Resume => C::Resume,
            Cmd::Cancel => C::Cancel,
            Cmd::Revoke => C::Revoke,
            Cmd::Remove => C::Remove,
            Cmd::ChangeSeats(n) => C::ChangeSeats { seats: *n },
            Cmd::SetAutoRenew(on) => C::SetAutoRenew { on: *on },
            Cmd::DeliverNext => match self.pending().into_iter().next() {
                Some(timer) => return self.deliver(timer),
                None => return Ok(()),
            },
            Cmd::DeliverStale => {
                // Deliver what is due, then replay an old timer that is no longer pending.
                self.deliver_due()?;
                let stale = self
                    .history
                    .iter()
                    .rev()
                    .find(|t| self.outbox.get(&t.key) != Some(&t.due))
                    .cloned();
                if let Some(timer) = stale {
                    let d = self.licence.decide(
                        &customer(),
                        &C::Deliver(timer.clone()),
                        &Context::new(self.now, &actor, &self.policy),
                    );
                    prop_assert!(
                        matches!(d, Ok(ref d) if d.is_empty()),
                        "stale {timer:?}: {d:?}"
                    );
                }
                return Ok(());
            }
        };
        self.run(command, &step.cmd, &actor).map(|_| ())
    }
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
