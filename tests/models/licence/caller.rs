//! The faithful caller of the licence model: it keeps the licence, an
//! event log and an outbox of pending timers, decides each step, checks
//! the verdict against the model and applies what was decided.

use super::*;

pub(super) struct Caller {
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
    pub(super) fn new(licence: Licence, policy: Policy, rules: Rules) -> Caller {
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

    pub(super) fn step(&mut self, step: &Step) -> Result<(), TestCaseError> {
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
