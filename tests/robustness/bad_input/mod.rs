//! Bad input, by kind: malformed or truncated JSON for every serialized
//! type (`json`, `malformed`), zero and maximal seat counts (`seats`), blank
//! and 10 kB names (`names`), instants at chrono's limits (`instants`),
//! invalid policies (`policies`), stored accounts that contradict
//! themselves (`accounts`), broken scenario files (`scenarios`), and the
//! regressions of bugs found this way (`regressions`). Each gets an error
//! value (never a panic), and where the API documents which one, the test
//! asserts that one.
//!
//! This module holds the fixtures and JSON helpers its children share;
//! `samples` and `every_value` build a realistic value of every serialized
//! type.

mod accounts;
mod every_value;
mod instants;
mod json;
mod malformed;
mod names;
mod other_formats;
mod policies;
mod regressions;
mod samples;
mod scenarios;
mod seats;
mod strict;

use std::any::type_name;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;

use channel_licensing::account::{
    AccountAction, CreditContact, CustomerRef, DisplayName, GroupMembership, credit_contact,
};
use channel_licensing::actor::{ActorKind, Programmes, Right, Roles};
use channel_licensing::calendar::first_instant_of_next_month;
use channel_licensing::customers::{
    ContactView, CustomerQuery, CustomerRow, DetailsView, LicenceRow, contact_details,
    customer_details, customer_list, name_matches,
};
use channel_licensing::effect::{NameTarget, ReminderTarget};
use channel_licensing::ids::{EarlyAccessId, GroupId, OfferId, RegionId};
use channel_licensing::licence::{CancelledBy, LicenceAction, SeatBatch, SeatBatches};
use channel_licensing::money::Currency;
use channel_licensing::money::MoneyError;
use channel_licensing::policy::{
    Allowance, Allowances, Phase, PhaseName, PolicyBuilder, PolicyError, PolicyName, PolicyStamp,
};
use channel_licensing::transfers::{
    CustomerStep, EarlyCancellation, OfferChange, SubscriptionMove, TransferImpact,
    TransferOptions, TransferPlan, TransferStrategy, transfer_impact, transfer_plan,
};
use channel_licensing::{
    Account, AccountChange, AccountCommand, AccountEvent, Actor, BillingType, Context, CreatedBy,
    CustomerId, Effect, Error, Licence, LicenceChange, LicenceCommand, LicenceEvent, LicenceId,
    LicenceState, LicenceStatus, Money, NewAccount, NewCustomer, PartnerId, PartnerUser, Policy,
    Programme, Purchaser, Reason, Refusal, Relationship, RelationshipState, RelationshipStatus,
    Role, Rule, Term, Timer, TimerKey, UnlinkMode,
};
use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::error::Category;
use serde_json::{Value, json};

use crate::common::{at, by_acme, customer, set_at};
use every_value::*;
use samples::*;

// ================================================================ fixtures

const MIN: DateTime<Utc> = DateTime::<Utc>::MIN_UTC;
const MAX: DateTime<Utc> = DateTime::<Utc>::MAX_UTC;

fn day(n: i64) -> TimeDelta {
    TimeDelta::days(n)
}

fn t0() -> DateTime<Utc> {
    at("2026-06-15T10:00:00Z")
}

fn eur(amount: &str) -> Money {
    Money::new(amount.parse().unwrap(), "EUR".parse().unwrap())
}

fn year_2026() -> Term {
    Term::new(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")).unwrap()
}

/// A user of partner acme (eu) who may do everything: every role and
/// programme, the group `schools`, the offers `endpoint` and `backup`.
fn acme_user() -> PartnerUser {
    PartnerUser::new("acme", "eu")
        .with_roles(Role::ALL.iter().copied())
        .with_programmes(Programme::ALL.iter().copied())
        .with_groups(["schools"])
        .with_offers(["endpoint", "backup"])
}

fn acme() -> Actor {
    Actor::Partner(acme_user())
}

fn admin_of(customer: &str) -> Actor {
    Actor::CustomerAdmin {
        customer: customer.into(),
    }
}

fn active_licence() -> Licence {
    Licence::active("L-1", "endpoint", 10, year_2026(), true, by_acme())
        .unwrap()
        .with_price(eur("12.50"))
}

/// A licence in every state, each with its own ID.
fn licences_in_every_state() -> Vec<Licence> {
    let term = year_2026();
    let suspended = LicenceState::Suspended {
        term,
        auto_renew: false,
        since: at("2026-05-01T00:00:00Z"),
        cancels_at: at("2026-05-31T00:00:00Z"),
    };
    vec![
        active_licence(),
        Licence::trial("L-trial", "endpoint", 3, term, by_acme()).unwrap(),
        Licence::new("L-suspended", "endpoint", 4, suspended, by_acme()).unwrap(),
        Licence::new(
            "L-expired",
            "backup",
            5,
            LicenceState::Expired {
                at: at("2026-01-10T00:00:00Z"),
            },
            by_acme(),
        )
        .unwrap(),
        Licence::new(
            "L-revoked",
            "backup",
            6,
            LicenceState::Revoked {
                at: at("2025-01-10T00:00:00Z"),
            },
            by_acme(),
        )
        .unwrap(),
        Licence::new(
            "L-removed",
            "backup",
            7,
            LicenceState::Removed {
                at: at("2025-02-10T00:00:00Z"),
            },
            by_acme(),
        )
        .unwrap(),
        Licence::new(
            "L-cancelled",
            "backup",
            8,
            LicenceState::Cancelled {
                at: at("2025-03-10T00:00:00Z"),
                by: CancelledBy::Suspension,
            },
            Purchaser::Customer,
        )
        .unwrap(),
    ]
}

/// A rich account: relationships in every state, licences in every state,
/// groups, early access, contact details and the MDR date a scheduled
/// unlink left (gamma's, REL-7; a scheduled unlink beside another live
/// partner is no state BILL-9 allows: see `scheduled_unlink_account`).
fn rich_account() -> Account {
    let mut account = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Trial,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::Linked)
    .with_relationship(
        "beta",
        RelationshipState::Invited {
            at: at("2026-02-01T00:00:00Z"),
        },
    )
    .with_relationship(
        "gamma",
        RelationshipState::Unlinked {
            at: at("2025-09-01T00:00:00Z"),
        },
    )
    .with_relationship(
        "delta",
        RelationshipState::Unlinked {
            at: at("2025-07-01T00:00:00Z"),
        },
    )
    .with_relationship(
        "eps",
        RelationshipState::Declined {
            at: at("2025-08-01T00:00:00Z"),
        },
    );
    account.relationships[0].delegated_admin = true;
    for licence in licences_in_every_state() {
        account = account.with_licence(licence);
    }
    account.groups.push(GroupMembership {
        partner: "acme".into(),
        group: "schools".into(),
    });
    account.early_access.push("eap-xdr".into());
    account.contact.person = Some("Maria Rossi".into());
    account.contact.email = Some("maria@rossi.example".into());
    account.contact.phone = Some("+39 06 000000".into());
    account.mdr_reports_until = Some(at("2026-07-01T00:00:00Z"));
    account
}

/// A monthly-usage account that acme's scheduled unlink made a trial
/// (REL-7): acme its one live partner (BILL-9), its licences still active
/// until the unlink.
fn scheduled_unlink_account() -> Account {
    let unlink_at = at("2026-07-01T00:00:00Z");
    let mut account = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Trial,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::UnlinkScheduled { unlink_at })
    .with_relationship(
        "beta",
        RelationshipState::Invited {
            at: at("2026-02-01T00:00:00Z"),
        },
    )
    .with_licence(Licence::active("L-1", "endpoint", 10, year_2026(), true, by_acme()).unwrap());
    account.mdr_reports_until = Some(unlink_at);
    account
}

/// A smaller account for the views and plans: a linked and an invited
/// partner, an active and an expired licence.
fn medium_account() -> Account {
    let mut account = rich_account();
    account.billing = BillingType::Term;
    account.relationships.truncate(2);
    account
        .licences
        .retain(|l| l.id.as_str() == "L-1" || l.id.as_str() == "L-expired");
    account
}

/// The first refusal of `result`; panics on anything else.
fn refusal<T: Debug>(result: Result<T, Error>) -> Refusal {
    match result {
        Err(Error::Refused(refusal)) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

// ============================================================ JSON helpers

/// Every strict prefix of `json` (truncated JSON, cut at any byte) is an
/// end-of-input error, never a value and never a panic.
fn rejects_truncations<T: DeserializeOwned + Debug>(json: &str) {
    let bytes = json.as_bytes();
    for end in 0..bytes.len() {
        let prefix = &bytes[..end];
        let result = match std::str::from_utf8(prefix) {
            Ok(text) => serde_json::from_str::<T>(text),
            // Cut inside a multi-byte character.
            Err(_) => serde_json::from_slice::<T>(prefix),
        };
        match result {
            Ok(value) => panic!(
                "{}: the {end}-byte prefix {:?} parsed as {value:?}",
                type_name::<T>(),
                String::from_utf8_lossy(prefix)
            ),
            Err(err) => assert_eq!(
                err.classify(),
                Category::Eof,
                "{}: the {end}-byte prefix {:?} gave {err}",
                type_name::<T>(),
                String::from_utf8_lossy(prefix)
            ),
        }
    }
}

/// `json` is rejected as a `T` with an error of `category` whose message
/// contains `fragment`.
#[track_caller]
fn rejects<T: DeserializeOwned + Debug>(json: &str, category: Category, fragment: &str) {
    match serde_json::from_str::<T>(json) {
        Ok(value) => panic!("{}: {json} parsed as {value:?}", type_name::<T>()),
        Err(err) => {
            assert_eq!(
                err.classify(),
                category,
                "{}: {json} gave {err}",
                type_name::<T>()
            );
            assert!(
                err.to_string().contains(fragment),
                "{}: {json} gave `{err}`, which does not mention `{fragment}`",
                type_name::<T>()
            );
        }
    }
}

/// `value` serialized, with the field at JSON pointer `path` set to `new`.
fn with(value: &impl Serialize, path: &str, new: Value) -> String {
    let mut value = serde_json::to_value(value).unwrap();
    let text = value.to_string();
    *value
        .pointer_mut(path)
        .unwrap_or_else(|| panic!("no field {path} in {text}")) = new;
    value.to_string()
}

/// `value` serialized, without the field at JSON pointer `path`.
fn without(value: &impl Serialize, path: &str) -> String {
    let mut value = serde_json::to_value(value).unwrap();
    let (parent, key) = path.rsplit_once('/').unwrap();
    let parent = value
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {parent}"));
    assert!(parent.remove(key).is_some(), "no field {path}");
    value.to_string()
}

/// Deserializes, serializes again and deserializes that: the second value
/// must equal the first (serialization is a fixed point after one trip).
fn reserializes<T>(value: &T) -> Result<(), String>
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let json = serde_json::to_string(value).map_err(|e| format!("serialize: {e}"))?;
    let back: T = serde_json::from_str(&json).map_err(|e| format!("{json}: {e}"))?;
    if back == *value {
        Ok(())
    } else {
        Err(format!("{json} came back as {back:?}, not {value:?}"))
    }
}

// ================================= account decisions (instants, regressions)

/// The account counterpart of `instants::licences::check_licence_decision`.
/// A command on one licence, or the delivery of one licence's timer,
/// catches up that licence only (LIC-2): another licence's overdue timer
/// is the caller's to deliver, and is not this decision's to apply.
fn check_account_decision(
    account: &Account,
    command: &AccountCommand,
    decision: &channel_licensing::Decision<AccountEvent>,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Result<(), String> {
    let after = decision.events().fold(account.clone(), Account::evolve);
    let mut outbox: BTreeMap<TimerKey, DateTime<Utc>> =
        account.timers(policy).map(|t| (t.key, t.due)).collect();
    let Ok(()) = decision.apply_effects(&mut outbox);
    channel_licensing::testing::check_outbox([&after], &outbox, policy)
        .map_err(|mismatch| mismatch.to_string())?;
    let only: Option<&LicenceId> = match command {
        AccountCommand::Licence { licence, .. } => Some(licence),
        AccountCommand::Deliver(timer) if *timer.key.customer() == account.id => timer
            .key
            .licence()
            .filter(|id| account.licences.iter().any(|l| l.id == **id)),
        _ => None,
    };
    // A subscription added now may have a reminder due right now (a term as
    // long as a reminder offset): it is scheduled, not applied; delivering it
    // at once is the caller's next step.
    let added: Vec<&LicenceId> = decision
        .events()
        .filter_map(|e| match &e.change {
            AccountChange::SubscriptionAdded { licence, .. } => Some(licence),
            _ => None,
        })
        .collect();
    let others_left = |t: &Timer| only.is_some_and(|id| t.key.licence().is_some_and(|l| l != id));
    let overdue = after.timers(policy).find(|t| {
        !others_left(t)
            && (t.due < now
                || (t.due == now && !t.key.licence().is_some_and(|l| added.contains(&l))))
    });
    if let Some(overdue) = overdue {
        return Err(format!("overdue after the decision: {overdue:?}"));
    }
    for event in decision.events() {
        if event.decided_at != now || event.customer != account.id {
            return Err(format!("{event:?}"));
        }
    }
    if now == MIN || now == MAX {
        for event in decision.events() {
            reserializes(event)?;
        }
        reserializes(&after)?;
    }
    Ok(())
}

/// Whether a decision removes a licence (a due scheduled unlink, REL-9) and
/// then changes it again.
fn changes_a_licence_after_removing_it(
    decision: &channel_licensing::Decision<AccountEvent>,
) -> bool {
    let mut removed: Vec<&LicenceId> = Vec::new();
    for event in decision.events() {
        if let AccountChange::Licence { licence, change } = &event.change {
            if removed.contains(&licence) {
                return true;
            }
            if matches!(change, LicenceChange::Removed { .. }) {
                removed.push(licence);
            }
        }
    }
    false
}
