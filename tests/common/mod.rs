//! Helpers shared by the integration tests.
#![allow(dead_code)]

use channel_licensing::{
    Actor, Context, CustomerId, Decision, Effect, Error, Licence, LicenceChange, LicenceCommand,
    LicenceEvent, LicenceState, PartnerUser, Policy, Purchaser, Refusal, Role, Term, Timer,
};
use chrono::{DateTime, TimeDelta, Utc};

pub fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("test instant")
}

pub fn days(n: i64) -> TimeDelta {
    TimeDelta::days(n)
}

pub fn secs(n: i64) -> TimeDelta {
    TimeDelta::seconds(n)
}

/// The customer whose licence a standalone licence test decides on.
pub fn customer() -> CustomerId {
    "rossi".into()
}

/// Bought by partner acme (SUB-1): the partner of [`partner`] and [`acme`].
pub fn by_acme() -> Purchaser {
    Purchaser::partner("acme")
}

pub fn partner() -> Actor {
    Actor::Partner(PartnerUser::new("acme", "eu").with_roles([Role::AccountAdmin]))
}

pub fn vendor() -> Actor {
    Actor::Vendor
}

/// 2026-01-01 → 2027-01-01 (365 days).
pub fn year_2026() -> Term {
    Term::new(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")).unwrap()
}

pub fn active(auto_renew: bool) -> Licence {
    Licence::active(
        "L-1",
        "endpoint-advanced",
        10,
        year_2026(),
        auto_renew,
        by_acme(),
    )
    .unwrap()
}

pub fn expired_at(t: &str) -> Licence {
    Licence::new(
        "L-1",
        "endpoint-advanced",
        10,
        LicenceState::Expired { at: at(t) },
        by_acme(),
    )
    .unwrap()
}

pub fn with_state(state: LicenceState) -> Licence {
    Licence::new("L-1", "endpoint-advanced", 10, state, by_acme()).unwrap()
}

pub fn decide(
    licence: &Licence,
    command: LicenceCommand,
    now: DateTime<Utc>,
    actor: &Actor,
    policy: &Policy,
) -> Result<Decision<LicenceEvent>, Error> {
    licence.decide(&customer(), &command, &Context::new(now, actor, policy))
}

/// Decides as a partner under the standard policy and expects acceptance.
pub fn accept(
    licence: &Licence,
    command: LicenceCommand,
    now: DateTime<Utc>,
) -> Decision<LicenceEvent> {
    decide(licence, command, now, &partner(), &Policy::standard())
        .unwrap_or_else(|e| panic!("expected acceptance, got: {e}"))
}

/// Decides as a partner under the standard policy and expects a refusal.
pub fn refuse(licence: &Licence, command: LicenceCommand, now: DateTime<Utc>) -> Refusal {
    refusal(decide(
        licence,
        command,
        now,
        &partner(),
        &Policy::standard(),
    ))
}

pub fn refusal(result: Result<Decision<LicenceEvent>, Error>) -> Refusal {
    match result {
        Err(Error::Refused(r)) => r,
        Err(other) => panic!("expected a refusal, got error {other}"),
        Ok(d) => panic!("expected a refusal, got {:?}", d),
    }
}

pub fn changes(decision: &Decision<LicenceEvent>) -> Vec<LicenceChange> {
    decision.events().map(|e| e.change).collect()
}

pub fn apply(licence: Licence, decision: &Decision<LicenceEvent>) -> Licence {
    decision.events().fold(licence, Licence::evolve)
}

pub fn schedules(decision: &Decision<LicenceEvent>) -> Vec<Timer> {
    decision
        .effects()
        .filter_map(|e| match e {
            Effect::Schedule(t) => Some(t.clone()),
            Effect::Cancel { .. } | Effect::PropagateName { .. } => None,
        })
        .collect()
}

pub fn cancels(decision: &Decision<LicenceEvent>) -> Vec<String> {
    decision
        .effects()
        .filter_map(|e| match e {
            Effect::Cancel { key } => Some(key.to_string()),
            Effect::Schedule(_) | Effect::PropagateName { .. } => None,
        })
        .collect()
}

/// The timer with this key suffix among the licence's timers.
pub fn timer(licence: &Licence, policy: &Policy, suffix: &str) -> Timer {
    licence
        .timers(&customer(), policy)
        .find(|t| t.key.to_string().ends_with(suffix))
        .unwrap_or_else(|| panic!("no timer ending in {suffix}"))
}

// ------------------------------------------------------------- accounts

use channel_licensing::{
    Account, AccountChange, AccountCommand, AccountEvent, BillingType, CreatedBy, Programme,
    RelationshipState,
};

/// A user of partner acme (eu), account admin, in no programme.
pub fn acme_user() -> PartnerUser {
    PartnerUser::new("acme", "eu").with_roles([Role::AccountAdmin])
}

/// acme as an actor, in `programmes`.
pub fn acme(programmes: &[Programme]) -> Actor {
    Actor::Partner(acme_user().with_programmes(programmes.iter().copied()))
}

/// acme, in MSP Flex.
pub fn flex() -> Actor {
    acme(&[Programme::MspFlex])
}

pub fn admin_of(customer: &str) -> Actor {
    Actor::CustomerAdmin {
        customer: customer.into(),
    }
}

/// Rossi SpA (eu), created by a partner, linked with acme.
pub fn rossi(billing: BillingType) -> Account {
    Account::new("rossi", "Rossi SpA", "eu", billing, CreatedBy::Partner)
        .with_relationship("acme", RelationshipState::Linked)
}

pub fn adecide(
    account: &Account,
    command: AccountCommand,
    now: DateTime<Utc>,
    actor: &Actor,
    policy: &Policy,
) -> Result<Decision<AccountEvent>, Error> {
    account.decide(&command, &Context::new(now, actor, policy))
}

pub fn aaccept(
    account: &Account,
    command: AccountCommand,
    now: DateTime<Utc>,
    actor: &Actor,
) -> Decision<AccountEvent> {
    adecide(account, command, now, actor, &Policy::standard())
        .unwrap_or_else(|e| panic!("expected acceptance, got: {e}"))
}

pub fn arefuse(
    account: &Account,
    command: AccountCommand,
    now: DateTime<Utc>,
    actor: &Actor,
) -> Refusal {
    match adecide(account, command, now, actor, &Policy::standard()) {
        Err(Error::Refused(r)) => r,
        Err(other) => panic!("expected a refusal, got error {other}"),
        Ok(d) => panic!("expected a refusal, got {d:?}"),
    }
}

pub fn achanges(decision: &Decision<AccountEvent>) -> Vec<AccountChange> {
    decision.events().map(|e| e.change.clone()).collect()
}

pub fn aapply(account: Account, decision: &Decision<AccountEvent>) -> Account {
    decision.events().fold(account, Account::evolve)
}
