//! `Outbox` and `Decision::apply_effects` (the timers of LIC-2 and REL-9,
//! the name propagation of CUST-4): one loop for every outbox, the
//! in-memory maps among them.

use std::collections::{BTreeMap, HashMap};

use channel_licensing::account::DisplayName;
use channel_licensing::effect::NameTarget;
use channel_licensing::{
    Account, AccountCommand, Actor, BillingType, Context, CreatedBy, CustomerId, Outbox,
    PartnerUser, Policy, Programme, RelationshipState, Role, Timer, TimerKey, UnlinkMode,
};
use chrono::{DateTime, Utc};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("instant")
}

fn acme() -> Actor {
    Actor::Partner(
        PartnerUser::new("acme", "eu")
            .with_programmes([Programme::MspFlex])
            .with_roles([Role::AccountAdmin]),
    )
}

fn monthly() -> Account {
    Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::MonthlyUsage,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::Linked)
}

/// Records every call, and fails the call numbered `fail_at`.
#[derive(Default)]
struct Recorder {
    calls: Vec<String>,
    fail_at: Option<usize>,
}

impl Outbox for Recorder {
    type Error = String;

    fn schedule(&mut self, timer: &Timer) -> Result<(), String> {
        self.record(format!("schedule {} at {}", timer.key, timer.due))
    }

    fn cancel(&mut self, key: &TimerKey) -> Result<(), String> {
        self.record(format!("cancel {key}"))
    }

    fn propagate_name(
        &mut self,
        to: NameTarget,
        customer: &CustomerId,
        name: &DisplayName,
    ) -> Result<(), String> {
        self.record(format!("send {customer} as {name} to {to:?}"))
    }
}

impl Recorder {
    fn record(&mut self, call: String) -> Result<(), String> {
        if self.fail_at == Some(self.calls.len()) {
            return Err(format!("failed at {call}"));
        }
        self.calls.push(call);
        Ok(())
    }
}

/// REL-9 through a `HashMap` outbox: the scheduled unlink is kept, the
/// cancellation of it removes it; after each decision the map equals the
/// account's timers.
#[test]
fn rel_9_a_hash_map_outbox_holds_exactly_the_accounts_timers() {
    let policy = Policy::standard();
    let mut outbox: HashMap<TimerKey, DateTime<Utc>> = HashMap::new();
    let account = monthly();
    let timers = |account: &Account| -> HashMap<TimerKey, DateTime<Utc>> {
        account.timers(&policy).map(|t| (t.key, t.due)).collect()
    };
    let d = account
        .decide(
            &AccountCommand::Unlink {
                mode: UnlinkMode::Scheduled,
            },
            &Context::new(at("2026-06-15T10:00:00Z"), &acme(), &policy),
        )
        .expect("scheduled");
    let account = d.events().fold(account, Account::evolve);
    let Ok(()) = d.apply_effects(&mut outbox);
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox, timers(&account));

    let d = account
        .decide(
            &AccountCommand::CancelScheduledUnlink,
            &Context::new(at("2026-06-20T10:00:00Z"), &acme(), &policy),
        )
        .expect("cancelled");
    let account = d.events().fold(account, Account::evolve);
    let Ok(()) = d.apply_effects(&mut outbox);
    assert!(outbox.is_empty());
    assert_eq!(outbox, timers(&account));
}

/// CUST-4: a rename's propagations reach the outbox's `propagate_name`,
/// to the admin console and the CRM; the in-memory maps ignore them.
#[test]
fn cust_4_a_renames_names_reach_the_outbox() {
    let policy = Policy::standard();
    let account = monthly();
    let d = account
        .decide(
            &AccountCommand::Rename {
                name: DisplayName::new("Rossi Group SpA"),
            },
            &Context::new(at("2026-06-15T10:00:00Z"), &acme(), &policy),
        )
        .expect("renamed");
    let mut recorder = Recorder::default();
    d.apply_effects(&mut recorder).expect("no failure asked");
    assert_eq!(recorder.calls.len(), 2, "{:?}", recorder.calls);
    assert!(
        recorder
            .calls
            .iter()
            .all(|c| c.starts_with("send rossi as Rossi Group SpA to ")),
        "{:?}",
        recorder.calls
    );
    let mut map = BTreeMap::new();
    let Ok(()) = d.apply_effects(&mut map);
    assert!(map.is_empty());
}

/// The first effect that fails stops the loop: its error is returned and
/// the effects after it are not applied (the caller rolls back).
#[test]
fn cust_4_the_first_failing_effect_stops_the_rest() {
    let policy = Policy::standard();
    let d = monthly()
        .decide(
            &AccountCommand::Rename {
                name: DisplayName::new("Rossi Group SpA"),
            },
            &Context::new(at("2026-06-15T10:00:00Z"), &acme(), &policy),
        )
        .expect("renamed");
    assert_eq!(d.effects().count(), 2);
    let mut recorder = Recorder {
        fail_at: Some(0),
        ..Recorder::default()
    };
    let err = d.apply_effects(&mut recorder).expect_err("the first fails");
    assert!(err.starts_with("failed at send rossi"), "{err}");
    assert!(recorder.calls.is_empty(), "nothing after the failure");
}
