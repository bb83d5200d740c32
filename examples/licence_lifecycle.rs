//! A licence's year, played by a faithful caller: it keeps the licence and an
//! in-memory outbox of timers, delivers each timer when its instant comes,
//! and prints what the crate decided.
//!
//! Run: `cargo run --example licence_lifecycle`

use std::collections::BTreeMap;
use std::error::Error as _;

use channel_licensing::{
    Actor, Context, CustomerId, Effect, Error, Licence, LicenceCommand, PartnerUser, Policy,
    Purchaser, Role, Term, Timer, TimerKey,
};
use chrono::{DateTime, Utc};

/// What a service keeps in its database: the licence (with the customer it
/// belongs to), its events, its outbox.
struct Caller {
    policy: Policy,
    customer: CustomerId,
    licence: Licence,
    outbox: BTreeMap<TimerKey, DateTime<Utc>>,
    events: usize,
}

impl Caller {
    fn new(customer: CustomerId, licence: Licence, policy: Policy) -> Self {
        let outbox = licence
            .timers(&customer, &policy)
            .map(|t| (t.key, t.due))
            .collect();
        Caller {
            policy,
            customer,
            licence,
            outbox,
            events: 0,
        }
    }

    /// Delivers every timer due at or before `until`, in due order.
    fn advance(&mut self, until: DateTime<Utc>) -> Result<(), Error> {
        while let Some((key, due)) = self
            .outbox
            .iter()
            .map(|(k, d)| (k.clone(), *d))
            .filter(|(_, d)| *d <= until)
            .min_by_key(|(_, d)| *d)
        {
            self.outbox.remove(&key);
            println!("{due}  timer {key} is due");
            self.act(
                due,
                &Actor::Vendor,
                LicenceCommand::Deliver(Timer { key, due }),
            )?;
        }
        Ok(())
    }

    /// Decides a command and persists the outcome (here: in memory).
    fn act(
        &mut self,
        now: DateTime<Utc>,
        actor: &Actor,
        command: LicenceCommand,
    ) -> Result<(), Error> {
        self.advance(now)?;
        match self.licence.decide(
            &self.customer,
            &command,
            &Context::new(now, actor, &self.policy),
        ) {
            Ok(decision) => {
                for event in decision.events() {
                    println!("{now}    event: {:?}", event.change);
                    self.events += 1;
                }
                for effect in decision.effects() {
                    match effect {
                        Effect::Schedule(timer) => {
                            println!("{now}    schedule {} at {}", timer.key, timer.due);
                            self.outbox.insert(timer.key.clone(), timer.due);
                        }
                        Effect::Cancel { key } => {
                            println!("{now}    cancel {key}");
                            self.outbox.remove(key);
                        }
                        Effect::PropagateName { to, name, .. } => {
                            println!("{now}    send the name {name} to {to:?}");
                        }
                    }
                }
                self.licence = decision
                    .events()
                    .fold(self.licence.clone(), Licence::evolve);
                Ok(())
            }
            Err(Error::Refused(refusal)) => {
                println!("{now}    refused: {refusal}");
                Ok(())
            }
            Err(other) => Err(other),
        }
    }
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap_or(DateTime::UNIX_EPOCH)
}

fn run() -> Result<(), Error> {
    let policy = Policy::standard();
    let partner = Actor::Partner(PartnerUser::new("acme", "eu").with_roles([Role::AccountAdmin]));
    let term = Term::new(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))?;
    // Bought by acme on the customer's behalf: acme manages it (SUB-1).
    let licence = Licence::active(
        "L-1",
        "endpoint-advanced",
        25,
        term,
        false,
        Purchaser::partner("acme"),
    )?;
    let mut caller = Caller::new("rossi".into(), licence, policy);

    println!(
        "Licence L-1: 25 seats, 2026-01-01 to 2027-01-01, auto-renew off, policy `standard`.\n"
    );
    caller.act(
        at("2026-03-01T10:00:00Z"),
        &partner,
        LicenceCommand::ChangeSeats { seats: 30 },
    )?;
    caller.act(
        at("2026-03-01T10:05:00Z"),
        &partner,
        LicenceCommand::ChangeSeats { seats: 0 },
    )?;
    // The reminder 30 days before the term end, then the expiry itself.
    caller.advance(at("2027-01-05T00:00:00Z"))?;
    caller.act(
        at("2027-01-05T00:00:00Z"),
        &partner,
        LicenceCommand::ChangeSeats { seats: 31 },
    )?;
    // Day 45 after expiry: past grace, inside the 60-day window.
    caller.act(
        at("2027-02-15T00:00:00Z"),
        &partner,
        LicenceCommand::Reactivate {
            term_days: 365,
            auto_renew: true,
        },
    )?;
    caller.act(at("2027-06-01T00:00:00Z"), &partner, LicenceCommand::Revoke)?;
    caller.act(
        at("2027-06-01T00:00:00Z"),
        &partner,
        LicenceCommand::Suspend,
    )?;
    caller.advance(at("2027-07-15T00:00:00Z"))?;
    caller.act(at("2027-07-15T00:00:00Z"), &partner, LicenceCommand::Resume)?;

    println!(
        "\n{} events; licence now {}; next deadline {:?}",
        caller.events,
        caller
            .licence
            .status(at("2027-07-15T00:00:00Z"), &caller.policy),
        caller.licence.next_deadline(&caller.policy)
    );
    Ok(())
}

fn main() {
    if let Err(err) = run() {
        eprintln!("error: {err}");
        if let Some(source) = err.source() {
            eprintln!("  caused by: {source}");
        }
        std::process::exit(1);
    }
}
