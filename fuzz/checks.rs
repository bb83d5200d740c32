//! The checks behind the fuzz targets of `fuzz/fuzz_targets/`, one public
//! function per target taking the fuzzer's bytes. The fuzz targets and the
//! main crate's `tests/robustness/fuzz_regressions.rs` both include this file by
//! `#[path]`, so every input kept under `fuzz/regressions/<target>/` runs
//! through exactly the checks that the fuzzer ran it through.
//!
//! - `licence`, `account`: structured inputs decoded with `arbitrary` (a
//!   state built through the crate's public constructors, a policy, then a
//!   sequence of (instant, actor, command) steps), played as a faithful
//!   caller plays them: decide, fold the events with `evolve`, apply the
//!   effects to an outbox.
//! - `json_licence`, `json_account`: the same, from JSON (state, policy and
//!   steps deserialized with serde), the way a caller loads them from a
//!   database.
//! - `scenario`: arbitrary bytes to the `simulate` example's scenario parser
//!   and player.
//!
//! Invariants checked at every step (a failed one panics, which the fuzzer
//! reports as a crash):
//!
//! - no panic, no hang, and no error `decide` does not document;
//! - `decide` is deterministic: the same inputs give the same output;
//! - every event names the aggregate, `now` and the policy's stamp; an empty
//!   decision leaves the state unchanged when folded;
//! - after applying the effects, the caller's outbox holds exactly
//!   `timers()`, with unique keys, and `next_deadline()` is its earliest due
//!   instant; an accepted decision leaves no overdue timer;
//! - a timer delivered early is refused with its due instant as the
//!   earliest; the earliest pending timer delivered when due is accepted,
//!   and delivering it again changes nothing;
//! - replaying every event from the start gives the same state
//!   (`Account::from_events` too, for an account that `Account::create`
//!   made);
//! - states, events and policies survive a JSON round trip, and every
//!   `Display` and `Serialize` impl on the way runs.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Debug;

use arbitrary::{Arbitrary, Unstructured};
use channel_licensing::account::{Contact, DisplayName, GroupMembership};
use channel_licensing::customers::{contact_details, customer_details};
use channel_licensing::effect::ReminderTarget;
use channel_licensing::gdap::{AdminRole, GdapCommand, GdapRelationship, GdapState};
use channel_licensing::licence::CancelledBy;
use channel_licensing::money::Currency;
use channel_licensing::policy::{Allowances, Phase, PhaseName, PolicyBuilder};
use channel_licensing::transfer_requests::{TransferCommand, TransferRequest, TransferState};
use channel_licensing::{
    Account, AccountCommand, AccountEvent, Actor, BillingType, Context, CreatedBy, CustomerId,
    Decision, Effect, Error, Licence, LicenceCommand, LicenceEvent, LicenceId, LicenceState, Money,
    NewAccount, NewCustomer, PartnerUser, Policy, Programme, Purchaser, Reason, Relationship,
    RelationshipState, Role, Term, Timer, TimerKey, UnlinkMode,
};
use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use channel_licensing::scenario;

/// Steps played per input at most: longer inputs add little but time.
const MAX_STEPS: usize = 24;
/// Licences, relationships, groups per generated account at most.
const MAX_ITEMS: usize = 5;

// ------------------------------------------------------------------ pools

const CUSTOMERS: [&str; 3] = ["rossi", "bianchi", "a/b%"];
/// The customer whose licence the `licence` and `json_licence` targets
/// decide on: a standalone licence's timer keys name it.
const LICENCE_CUSTOMER: &str = CUSTOMERS[0];
const PARTNERS: [&str; 3] = ["acme", "beta", "gamma"];
const REGIONS: [&str; 2] = ["eu", "us"];
const LICENCES: [&str; 4] = ["L-0", "L-1", "L-2", "L/3"];
const OFFERS: [&str; 3] = ["endpoint", "endpoint-advanced", "xdr"];
const GROUPS: [&str; 2] = ["schools", "vip"];
const PROGRAMMES: [&str; 2] = ["eap-xdr", "eap-mdr"];
const CURRENCIES: [&str; 5] = ["EUR", "JPY", "BHD", "USD", "XXX"];
const NAMES: [&str; 5] = [
    "Rossi SpA",
    "  Bianchi Srl ",
    "",
    "Müller GmbH",
    "\u{1F600}\u{301}",
];
const ROLES: [Role; 7] = [
    Role::SuperAdmin,
    Role::Admin,
    Role::AccountAdmin,
    Role::SalesAgent,
    Role::BillingAgent,
    Role::HelpDesk,
    Role::ReadOnly,
];
const PROGRAMME_SET: [Programme; 3] = [
    Programme::MspFlex,
    Programme::MspFlexConnect,
    Programme::Csp,
];
const BILLING: [BillingType; 5] = [
    BillingType::Trial,
    BillingType::Term,
    BillingType::MonthlyUsage,
    BillingType::ManagedOrder,
    BillingType::Direct,
];
const PHASE_NAMES: [PhaseName; 6] = [
    PhaseName::Grace,
    PhaseName::Reactivatable,
    PhaseName::Lapsed,
    PhaseName::Expired,
    PhaseName::Disabled,
    PhaseName::Deleted,
];
const ZONES: [&str; 8] = [
    "UTC",
    "Europe/Rome",
    "America/New_York",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
    "America/St_Johns",
    "Australia/Lord_Howe",
    "Pacific/Apia",
];

fn pick<T: Copy>(pool: &[T], index: u8) -> T {
    pool[usize::from(index) % pool.len()]
}

// --------------------------------------------------------------- instants

/// 2026-01-01T00:00:00Z.
fn base() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_225_600, 0).expect("2026")
}

/// An instant: near 2026 mostly, and anywhere in (and beyond, clamped to)
/// chrono's range, including both of its ends.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum At {
    /// `days` and `secs` (mod a day) from 2026-01-01.
    Near {
        days: i16,
        secs: u32,
    },
    /// Seconds since the epoch; beyond chrono's range, its nearest end.
    Raw(i64),
    /// Seconds and nanoseconds from 2026-01-01.
    Fraction {
        secs: i32,
        nanos: u32,
    },
    Min,
    Max,
    AfterMin(u32),
    BeforeMax(u32),
}

impl At {
    fn get(self) -> DateTime<Utc> {
        let (min, max) = (DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC);
        match self {
            At::Near { days, secs } => {
                base() + TimeDelta::days(days.into()) + TimeDelta::seconds((secs % 86_400).into())
            }
            At::Raw(secs) => {
                DateTime::from_timestamp(secs, 0).unwrap_or(if secs < 0 { min } else { max })
            }
            At::Fraction { secs, nanos } => {
                base()
                    + TimeDelta::seconds(secs.into())
                    + TimeDelta::nanoseconds((nanos % 1_000_000_000).into())
            }
            At::Min => min,
            At::Max => max,
            At::AfterMin(secs) => min + TimeDelta::seconds(secs.into()),
            At::BeforeMax(secs) => max - TimeDelta::seconds(secs.into()),
        }
    }
}

/// When a step happens, relative to the previous one or to a pending timer.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum When {
    Same,
    Seconds(u16),
    Hours(u8),
    Days(u16),
    /// At the due instant of the n-th pending timer (by due order).
    Due(u8),
    /// A second before it.
    JustBefore(u8),
    /// Anywhere, even back in time.
    At(At),
}

impl When {
    fn next(self, now: DateTime<Utc>, pending: &[Timer]) -> DateTime<Utc> {
        let later = |delta: TimeDelta| {
            now.checked_add_signed(delta)
                .unwrap_or(DateTime::<Utc>::MAX_UTC)
        };
        let timer = |n: u8| {
            pending
                .get(usize::from(n) % pending.len().max(1))
                .map(|t| t.due)
        };
        match self {
            When::Same => now,
            When::Seconds(s) => later(TimeDelta::seconds(s.into())),
            When::Hours(h) => later(TimeDelta::hours(h.into())),
            When::Days(d) => later(TimeDelta::days(d.into())),
            When::Due(n) => timer(n).unwrap_or(now),
            When::JustBefore(n) => timer(n)
                .and_then(|due| due.checked_sub_signed(TimeDelta::seconds(1)))
                .unwrap_or(now),
            When::At(at) => at.get(),
        }
    }
}

// ---------------------------------------------------------------- numbers

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Seats {
    Small(u8),
    Zero,
    One,
    Max,
    Any(u32),
}

impl Seats {
    fn get(self) -> u32 {
        match self {
            Seats::Small(n) => u32::from(n % 16),
            Seats::Zero => 0,
            Seats::One => 1,
            Seats::Max => u32::MAX,
            Seats::Any(n) => n,
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Days {
    Small(u8),
    Zero,
    Year,
    Max,
    Any(u32),
}

impl Days {
    fn get(self) -> u32 {
        match self {
            Days::Small(n) => u32::from(n),
            Days::Zero => 0,
            Days::Year => 365,
            Days::Max => u32::MAX,
            Days::Any(n) => n,
        }
    }
}

/// A policy number (days, mostly): small, negative, huge.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Num {
    Small(u8),
    Negative(i8),
    Big(u32),
    Any(i64),
}

impl Num {
    fn get(self) -> i64 {
        match self {
            Num::Small(n) => i64::from(n),
            Num::Negative(n) => i64::from(n),
            Num::Big(n) => i64::from(n),
            Num::Any(n) => n,
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct Price {
    amount: i64,
    scale: u8,
    currency: u8,
}

impl Price {
    fn get(self) -> Option<Money> {
        let amount = Decimal::try_new(self.amount, u32::from(self.scale % 32)).ok()?;
        let currency: Currency = pick(&CURRENCIES, self.currency).parse().ok()?;
        Some(Money::new(amount, currency))
    }
}

// --------------------------------------------------------------- policies

#[derive(Arbitrary, Debug, Clone)]
pub enum PolicySpec {
    Standard,
    Microsoft,
    /// Short windows, so that walks cross every boundary.
    Short,
    Custom(Box<CustomPolicy>),
}

#[derive(Arbitrary, Debug, Clone)]
pub struct CustomPolicy {
    microsoft: bool,
    version: u32,
    phases: Option<Vec<PhaseSpec>>,
    grace: Option<Num>,
    reactivation: Option<Num>,
    suspension: Option<Num>,
    term_reminders: Option<Vec<Num>>,
    trial_reminders: Option<Vec<Num>>,
    zone: Option<u8>,
    refund: Option<Option<Num>>,
    seat_decrease: Option<Option<Num>>,
    name_max: Option<u32>,
    threshold: Option<u32>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct PhaseSpec {
    name: u8,
    until: Option<Num>,
    allows: u8,
}

impl PhaseSpec {
    fn get(self) -> Phase {
        let mut allows = Allowances::NONE;
        let bit = |i: u8| self.allows & (1 << i) != 0;
        if bit(0) {
            allows = allows.with_user_access();
        }
        if bit(1) {
            allows = allows.with_admin_access();
        }
        if bit(2) {
            allows = allows.with_reactivation();
        }
        if bit(3) {
            allows = allows.with_unlink_blocked();
        }
        if bit(4) {
            allows = allows.with_data_kept();
        }
        let name = pick(&PHASE_NAMES, self.name);
        match self.until {
            Some(day) => Phase::until_day(name, day.get(), allows),
            None => Phase::open_ended(name, allows),
        }
    }
}

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
        .expect("the short policy is valid")
}

impl PolicySpec {
    fn get(&self) -> Policy {
        match self {
            PolicySpec::Standard => Policy::standard(),
            PolicySpec::Microsoft => Policy::microsoft_new_commerce(),
            PolicySpec::Short => short_policy(),
            PolicySpec::Custom(custom) => {
                let policy = custom.builder().build();
                match policy {
                    Ok(policy) => {
                        roundtrip(&policy);
                        policy
                    }
                    Err(e) => {
                        let _ = e.to_string();
                        Policy::standard()
                    }
                }
            }
        }
    }
}

impl CustomPolicy {
    fn builder(&self) -> PolicyBuilder {
        let base = if self.microsoft {
            Policy::microsoft_new_commerce()
        } else {
            Policy::standard()
        };
        let mut b = base.to_builder().name("fuzzed").version(self.version);
        if let Some(phases) = &self.phases {
            b = b.phases(phases.iter().take(8).map(|p| p.get()));
        }
        if let Some(days) = self.grace {
            b = b.expired_grace_days(days.get());
        }
        if let Some(days) = self.reactivation {
            b = b.reactivation_window_days(days.get());
        }
        if let Some(days) = self.suspension {
            b = b.suspension_cancels_after_days(days.get());
        }
        if let Some(days) = &self.term_reminders {
            b = b.term_end_reminders(days.iter().take(10).map(|d| d.get()));
        }
        if let Some(days) = &self.trial_reminders {
            b = b.trial_end_reminders(days.iter().take(10).map(|d| d.get()));
        }
        if let Some(zone) = self.zone {
            b = b.calendar(pick(&ZONES, zone).parse().expect("a known zone"));
        }
        if let Some(days) = self.refund {
            b = b.refund_window_days(days.map(Num::get));
        }
        if let Some(days) = self.seat_decrease {
            b = b.seat_decrease_window_days(days.map(Num::get));
        }
        if let Some(chars) = self.name_max {
            b = b.display_name_max_chars(chars);
        }
        if let Some(n) = self.threshold {
            b = b.transfer_threshold(n);
        }
        b
    }
}

// ----------------------------------------------------------------- actors

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum ActorSpec {
    Vendor,
    Admin(u8),
    Partner {
        partner: u8,
        region: u8,
        roles: u8,
        programmes: u8,
        groups: u8,
        offers: u8,
    },
}

fn bits<T: Copy>(pool: &[T], mask: u8) -> impl Iterator<Item = T> + '_ {
    pool.iter()
        .enumerate()
        .filter(move |(i, _)| mask & (1 << i) != 0)
        .map(|(_, x)| *x)
}

impl ActorSpec {
    fn get(self) -> Actor {
        match self {
            ActorSpec::Vendor => Actor::Vendor,
            ActorSpec::Admin(c) => Actor::CustomerAdmin {
                customer: pick(&CUSTOMERS, c).into(),
            },
            ActorSpec::Partner {
                partner,
                region,
                roles,
                programmes,
                groups,
                offers,
            } => Actor::Partner(
                PartnerUser::new(pick(&PARTNERS, partner), pick(&REGIONS, region))
                    .with_roles(bits(&ROLES, roles))
                    .with_programmes(bits(&PROGRAMME_SET, programmes))
                    .with_groups(bits(&GROUPS, groups))
                    .with_offers(bits(&OFFERS, offers)),
            ),
        }
    }
}

// --------------------------------------------------------------- licences

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Len {
    Days(Days),
    Seconds(u32),
    Until(At),
}

impl Len {
    fn term(self, starts: DateTime<Utc>) -> Result<Term, Error> {
        match self {
            Len::Days(days) => Term::of_days(starts, days.get()),
            Len::Seconds(s) => Term::new(
                starts,
                starts
                    .checked_add_signed(TimeDelta::seconds(s.into()))
                    .ok_or(Error::TimeOutOfRange)?,
            ),
            Len::Until(at) => Term::new(starts, at.get()),
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum StateSpec {
    Trial {
        starts: At,
        len: Len,
    },
    Active {
        starts: At,
        len: Len,
        auto_renew: bool,
    },
    Suspended {
        starts: At,
        len: Len,
        auto_renew: bool,
        since: At,
        cancels_at: At,
    },
    Expired(At),
    Revoked(At),
    Removed(At),
    Cancelled {
        at: At,
        by_suspension: bool,
    },
}

impl StateSpec {
    fn get(self) -> Result<LicenceState, Error> {
        Ok(match self {
            StateSpec::Trial { starts, len } => LicenceState::Trial {
                term: len.term(starts.get())?,
            },
            StateSpec::Active {
                starts,
                len,
                auto_renew,
            } => LicenceState::Active {
                term: len.term(starts.get())?,
                auto_renew,
            },
            StateSpec::Suspended {
                starts,
                len,
                auto_renew,
                since,
                cancels_at,
            } => LicenceState::Suspended {
                term: len.term(starts.get())?,
                auto_renew,
                since: since.get(),
                cancels_at: cancels_at.get(),
            },
            StateSpec::Expired(at) => LicenceState::Expired { at: at.get() },
            StateSpec::Revoked(at) => LicenceState::Revoked { at: at.get() },
            StateSpec::Removed(at) => LicenceState::Removed { at: at.get() },
            StateSpec::Cancelled { at, by_suspension } => LicenceState::Cancelled {
                at: at.get(),
                by: if by_suspension {
                    CancelledBy::Suspension
                } else {
                    CancelledBy::Request
                },
            },
        })
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct LicenceSpec {
    offer: u8,
    seats: Seats,
    state: StateSpec,
    /// Who bought it (see [`LicenceSpec::purchaser`]).
    bought_by: u8,
    price: Option<Price>,
    reminded_until: Option<At>,
}

impl LicenceSpec {
    /// Who bought the licence: the customer when the low bit is set (the
    /// byte a `bool` decodes from, so the inputs kept from before partners
    /// were named still decode to a direct purchase), otherwise a partner
    /// of the pool, which the acting partner may or may not be (SUB-1).
    fn purchaser(self) -> Purchaser {
        if self.bought_by & 1 == 1 {
            Purchaser::Customer
        } else {
            Purchaser::partner(pick(&PARTNERS, self.bought_by >> 1))
        }
    }

    /// The licence, or `None` when the constructors refuse the data (with
    /// one of the errors they document).
    fn get(self, id: &str) -> Option<Licence> {
        let built = self.state.get().and_then(|state| {
            Licence::new(
                id,
                pick(&OFFERS, self.offer),
                self.seats.get(),
                state,
                self.purchaser(),
            )
        });
        let mut licence = match built {
            Ok(licence) => licence,
            Err(Error::ZeroSeats | Error::InvalidTerm | Error::TimeOutOfRange) => return None,
            Err(e) => panic!("Licence::new: undocumented error {e:?}"),
        };
        if let Some(price) = self.price.and_then(Price::get) {
            licence = licence.with_price(price);
        }
        licence.reminded_until = self.reminded_until.map(At::get);
        Some(licence)
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum KeySpec {
    TermEnd(u8),
    TrialEnd(u8),
    Suspension(u8),
    Reminder {
        licence: u8,
        trial: bool,
        days: Days,
    },
    Unlink {
        customer: u8,
        partner: u8,
    },
}

/// A licence's customer and ID from one byte: the licence from its low
/// bits, the customer from the rest, so that keys name other customers'
/// licences too (stale here) without a byte more than before keys named
/// customers.
fn customer_licence(byte: u8) -> (CustomerId, LicenceId) {
    let licence = pick(&LICENCES, byte);
    let customer = pick(&CUSTOMERS, byte / LICENCES.len() as u8);
    (customer.into(), licence.into())
}

impl KeySpec {
    fn get(self) -> TimerKey {
        match self {
            KeySpec::TermEnd(l) => {
                let (customer, licence) = customer_licence(l);
                TimerKey::TermEnd { customer, licence }
            }
            KeySpec::TrialEnd(l) => {
                let (customer, licence) = customer_licence(l);
                TimerKey::TrialEnd { customer, licence }
            }
            KeySpec::Suspension(l) => {
                let (customer, licence) = customer_licence(l);
                TimerKey::SuspensionCancellation { customer, licence }
            }
            KeySpec::Reminder {
                licence,
                trial,
                days,
            } => {
                let (customer, licence) = customer_licence(licence);
                TimerKey::Reminder {
                    customer,
                    licence,
                    before: if trial {
                        ReminderTarget::TrialEnd
                    } else {
                        ReminderTarget::TermEnd
                    },
                    days: days.get(),
                }
            }
            KeySpec::Unlink { customer, partner } => TimerKey::ScheduledUnlink {
                customer: pick(&CUSTOMERS, customer).into(),
                partner: pick(&PARTNERS, partner).into(),
            },
        }
    }
}

/// Which timer a deliver command hands back.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum TimerSpec {
    /// The n-th pending timer (by due order).
    Pending(u8),
    /// The n-th timer ever scheduled (most likely stale).
    Seen(u8),
    /// Any key, any instant.
    Any { key: KeySpec, due: At },
}

impl TimerSpec {
    fn get(self, pending: &[Timer], seen: &[Timer]) -> Timer {
        let nth = |list: &[Timer], n: u8| list.get(usize::from(n) % list.len().max(1)).cloned();
        let any = || Timer {
            key: KeySpec::TermEnd(0).get(),
            due: base(),
        };
        match self {
            TimerSpec::Pending(n) => nth(pending, n).unwrap_or_else(any),
            TimerSpec::Seen(n) => nth(seen, n).unwrap_or_else(any),
            TimerSpec::Any { key, due } => Timer {
                key: key.get(),
                due: due.get(),
            },
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum LicenceCmd {
    Reactivate { days: Days, auto_renew: bool },
    Suspend,
    Resume,
    Cancel,
    Revoke,
    Remove,
    ChangeSeats(Seats),
    SetAutoRenew(bool),
    Deliver(TimerSpec),
}

impl LicenceCmd {
    fn get(self, pending: &[Timer], seen: &[Timer]) -> LicenceCommand {
        match self {
            LicenceCmd::Reactivate { days, auto_renew } => LicenceCommand::Reactivate {
                term_days: days.get(),
                auto_renew,
            },
            LicenceCmd::Suspend => LicenceCommand::Suspend,
            LicenceCmd::Resume => LicenceCommand::Resume,
            LicenceCmd::Cancel => LicenceCommand::Cancel,
            LicenceCmd::Revoke => LicenceCommand::Revoke,
            LicenceCmd::Remove => LicenceCommand::Remove,
            LicenceCmd::ChangeSeats(seats) => LicenceCommand::ChangeSeats { seats: seats.get() },
            LicenceCmd::SetAutoRenew(on) => LicenceCommand::SetAutoRenew { on },
            LicenceCmd::Deliver(timer) => LicenceCommand::Deliver(timer.get(pending, seen)),
        }
    }
}

// ------------------------------------------------------------ the harness

/// What the harness needs of an aggregate.
trait Aggregate: Clone + Debug + PartialEq + Serialize + DeserializeOwned {
    type Command: Clone + Debug + Serialize + DeserializeOwned + PartialEq;
    type Event: Clone + Debug + PartialEq + Serialize + DeserializeOwned;

    fn decide(
        &self,
        command: &Self::Command,
        ctx: &Context<'_>,
    ) -> Result<Decision<Self::Event>, Error>;
    fn evolve(self, event: &Self::Event) -> Self;
    fn timers(&self, policy: &Policy) -> Vec<Timer>;
    fn next_deadline(&self, policy: &Policy) -> Option<DateTime<Utc>>;
    fn deliver(timer: Timer) -> Self::Command;
    /// The timer a command delivers, if it is a delivery.
    fn delivered(command: &Self::Command) -> Option<&Timer>;
    /// Checks an event's envelope: it names this aggregate, `now`, the policy.
    fn check_event(&self, event: &Self::Event, now: DateTime<Utc>, policy: &Policy);
    /// Errors `decide` may return for this command: those it documents, and
    /// the deliberate ones it does not (yet).
    fn documented(command: &Self::Command, error: &Error) -> bool;
    /// Read-only queries that must not panic.
    fn query(&self, now: DateTime<Utc>, policy: &Policy);
    /// Whether an effect of this kind may appear.
    fn renames() -> bool;
    /// The one licence a command concerns, when it concerns one alone: its
    /// decision catches up that licence only, so only its timers (and a
    /// scheduled unlink's) are surely not overdue after it.
    fn only_licence(&self, command: &Self::Command) -> Option<LicenceId>;
}

impl Aggregate for Licence {
    type Command = LicenceCommand;
    type Event = LicenceEvent;

    fn decide(
        &self,
        command: &LicenceCommand,
        ctx: &Context<'_>,
    ) -> Result<Decision<LicenceEvent>, Error> {
        Licence::decide(self, &LICENCE_CUSTOMER.into(), command, ctx)
    }
    fn evolve(self, event: &LicenceEvent) -> Self {
        Licence::evolve(self, event)
    }
    fn timers(&self, policy: &Policy) -> Vec<Timer> {
        Licence::timers(self, &LICENCE_CUSTOMER.into(), policy).collect()
    }
    fn next_deadline(&self, policy: &Policy) -> Option<DateTime<Utc>> {
        Licence::next_deadline(self, policy)
    }
    fn deliver(timer: Timer) -> LicenceCommand {
        LicenceCommand::Deliver(timer)
    }
    fn delivered(command: &LicenceCommand) -> Option<&Timer> {
        match command {
            LicenceCommand::Deliver(timer) => Some(timer),
            _ => None,
        }
    }
    fn check_event(&self, event: &LicenceEvent, now: DateTime<Utc>, policy: &Policy) {
        assert_eq!(event.licence, self.id, "the event names the licence");
        assert_eq!(event.decided_at, now, "the event's decided_at is now");
        assert_eq!(event.policy, policy.stamp(), "the event's policy stamp");
    }
    fn documented(command: &LicenceCommand, error: &Error) -> bool {
        match error {
            Error::Refused(_) | Error::TimeOutOfRange | Error::InvalidTerm => true,
            // A requested cancellation whose price × seats × days no `Money`
            // can hold (a suspension's goes through without an amount).
            Error::Money(channel_licensing::money::MoneyError::AmountOutOfRange) => {
                *command == LicenceCommand::Cancel
            }
            _ => false,
        }
    }
    fn query(&self, now: DateTime<Utc>, policy: &Policy) {
        let status = self.status(now, policy);
        let _ = status.to_string();
        let _ = self.phase(now, policy);
        let _ = self.is_terminal(now, policy);
        let _ = self.seat_batches.iter().count();
    }
    fn renames() -> bool {
        false
    }
    fn only_licence(&self, _: &LicenceCommand) -> Option<LicenceId> {
        None
    }
}

impl Aggregate for Account {
    type Command = AccountCommand;
    type Event = AccountEvent;

    fn decide(
        &self,
        command: &AccountCommand,
        ctx: &Context<'_>,
    ) -> Result<Decision<AccountEvent>, Error> {
        Account::decide(self, command, ctx)
    }
    fn evolve(self, event: &AccountEvent) -> Self {
        Account::evolve(self, event)
    }
    fn timers(&self, policy: &Policy) -> Vec<Timer> {
        Account::timers(self, policy).collect()
    }
    fn next_deadline(&self, policy: &Policy) -> Option<DateTime<Utc>> {
        Account::next_deadline(self, policy)
    }
    fn deliver(timer: Timer) -> AccountCommand {
        AccountCommand::Deliver(timer)
    }
    fn delivered(command: &AccountCommand) -> Option<&Timer> {
        match command {
            AccountCommand::Deliver(timer)
            | AccountCommand::Licence {
                command: LicenceCommand::Deliver(timer),
                ..
            } => Some(timer),
            _ => None,
        }
    }
    fn check_event(&self, event: &AccountEvent, now: DateTime<Utc>, policy: &Policy) {
        assert_eq!(event.customer, self.id, "the event names the customer");
        assert_eq!(event.decided_at, now, "the event's decided_at is now");
        assert_eq!(event.policy, policy.stamp(), "the event's policy stamp");
    }
    fn documented(command: &AccountCommand, error: &Error) -> bool {
        match (command, error) {
            (
                _,
                Error::Refused(_)
                | Error::TimeOutOfRange
                | Error::InvalidTerm
                | Error::UnknownLicence { .. },
            )
            // A command on a GDAP relationship or transfer request the
            // account does not have.
            | (AccountCommand::Gdap { .. }, Error::UnknownGdap { .. })
            | (AccountCommand::TransferRequest { .. }, Error::UnknownTransfer { .. })
            // Adding a subscription under a licence ID the account has.
            | (AccountCommand::AddSubscription { .. }, Error::DuplicateLicence { .. }) => true,
            // As for a licence: a requested cancellation no `Money` can price.
            (AccountCommand::Licence { command, .. }, Error::Money(channel_licensing::money::MoneyError::AmountOutOfRange)) => {
                *command == LicenceCommand::Cancel
            }
            _ => false,
        }
    }
    fn query(&self, now: DateTime<Utc>, policy: &Policy) {
        let _ = self.customer_ref().to_string();
        for partner in PARTNERS {
            let partner = partner.into();
            let _ = self.relationship_status(&partner, now);
            if let Ok(view) = customer_details(self, &partner, now, policy) {
                let _ = serde_json::to_string(&view).expect("a details view serializes");
            }
            let _ = contact_details(self, &partner, now);
        }
        for licence in &self.licences {
            licence.query(now, policy);
        }
    }
    fn renames() -> bool {
        true
    }
    fn only_licence(&self, command: &AccountCommand) -> Option<LicenceId> {
        match command {
            AccountCommand::Licence { licence, .. } => Some(licence.clone()),
            AccountCommand::Deliver(timer) if *timer.key.customer() == self.id => timer
                .key
                .licence()
                .filter(|id| self.licences.iter().any(|l| l.id == **id))
                .cloned(),
            _ => None,
        }
    }
}

/// A faithful caller: the state, its event log and its outbox.
struct Caller<A: Aggregate> {
    policy: Policy,
    initial: A,
    state: A,
    log: Vec<A::Event>,
    outbox: BTreeMap<TimerKey, DateTime<Utc>>,
    /// Every timer ever scheduled, for stale deliveries.
    seen: Vec<Timer>,
}

impl<A: Aggregate> Caller<A> {
    fn new(state: A, policy: Policy) -> Self {
        let timers = state.timers(&policy);
        let outbox: BTreeMap<_, _> = timers.iter().map(|t| (t.key.clone(), t.due)).collect();
        assert_eq!(
            outbox.len(),
            timers.len(),
            "timer keys are unique: {timers:?}"
        );
        assert_eq!(
            state.next_deadline(&policy),
            outbox.values().min().copied(),
            "next_deadline = the earliest timer"
        );
        Caller {
            policy,
            initial: state.clone(),
            state,
            log: Vec::new(),
            outbox,
            seen: timers,
        }
    }

    /// The pending timers, earliest first.
    fn pending(&self) -> Vec<Timer> {
        let mut timers: Vec<Timer> = self
            .outbox
            .iter()
            .map(|(key, due)| Timer {
                key: key.clone(),
                due: *due,
            })
            .collect();
        timers.sort_by(|a, b| (a.due, &a.key).cmp(&(b.due, &b.key)));
        timers
    }

    /// Decides `command`, checks the outcome, and applies an accepted one.
    fn step(&mut self, command: &A::Command, actor: &Actor, now: DateTime<Utc>) {
        self.state.query(now, &self.policy);
        let ctx = Context::new(now, actor, &self.policy);
        let result = self.state.decide(command, &ctx);
        let again = self.state.decide(command, &ctx);
        assert_eq!(result, again, "decide is deterministic");
        match result {
            Ok(decision) => {
                let _ = serde_json::to_string(&decision).expect("a decision serializes");
                let only = self.state.only_licence(command);
                self.apply(&decision, now);
                self.check_no_overdue_timer(now, only.as_ref());
                self.check_delivery_when_due();
            }
            Err(error) => {
                check_error(&error);
                assert!(
                    A::documented(command, &error),
                    "undocumented error {error:?} for {command:?} at {now}"
                );
                // An early delivery is refused with its due instant as the earliest.
                if let (Some(timer), Error::Refused(refusal)) = (A::delivered(command), &error)
                    && matches!(refusal.reason(), Reason::NotDueYet { .. })
                {
                    assert!(
                        timer.due > now,
                        "only early deliveries are refused: {refusal}"
                    );
                    assert_eq!(
                        refusal.earliest(),
                        Some(timer.due),
                        "earliest = due: {refusal}"
                    );
                }
            }
        }
    }

    fn apply(&mut self, decision: &Decision<A::Event>, now: DateTime<Utc>) {
        for event in decision.events() {
            self.state.check_event(event, now, &self.policy);
            roundtrip(event);
        }
        let after = decision.events().fold(self.state.clone(), A::evolve);
        if decision.is_empty() {
            assert_eq!(after, self.state, "an empty decision changes nothing");
        }
        for effect in decision.effects() {
            let _ = effect.key().map(ToString::to_string);
            match effect {
                Effect::Schedule(timer) => {
                    self.outbox.insert(timer.key.clone(), timer.due);
                    self.seen.push(timer.clone());
                }
                Effect::Cancel { key } => {
                    self.outbox.remove(key);
                }
                Effect::PropagateName { .. } => {
                    assert!(A::renames(), "unexpected effect {effect:?}");
                }
            }
        }
        self.log.extend(decision.events().cloned());
        self.state = after;
        self.check_timers();
    }

    /// The outbox holds exactly `timers()`; `next_deadline` is its earliest.
    fn check_timers(&self) {
        let timers = self.state.timers(&self.policy);
        let expected: BTreeMap<_, _> = timers.iter().map(|t| (t.key.clone(), t.due)).collect();
        assert_eq!(
            expected.len(),
            timers.len(),
            "timer keys are unique: {timers:?}"
        );
        assert_eq!(
            self.outbox, expected,
            "outbox = timers() after applying the effects"
        );
        assert_eq!(
            self.state.next_deadline(&self.policy),
            expected.values().min().copied(),
            "next_deadline = the earliest timer"
        );
    }

    /// "The decided state never has an overdue timer": none at all, or,
    /// after a command on one licence, none of that licence's (nor a
    /// scheduled unlink's).
    fn check_no_overdue_timer(&self, now: DateTime<Utc>, only: Option<&LicenceId>) {
        if let Some(timer) =
            self.state.timers(&self.policy).iter().find(|t| {
                t.due <= now && only.is_none_or(|id| t.key.licence().is_none_or(|l| l == id))
            })
        {
            panic!(
                "overdue timer {timer:?} after a decision at {now}: {:?}",
                self.state
            );
        }
    }

    /// The earliest pending timer, delivered by the vendor when due, is
    /// accepted; delivered again at that instant, it changes nothing.
    fn check_delivery_when_due(&self) {
        let Some(timer) = self.pending().into_iter().next() else {
            return;
        };
        let vendor = Actor::Vendor;
        let ctx = Context::new(timer.due, &vendor, &self.policy);
        let command = A::deliver(timer.clone());
        match self.state.decide(&command, &ctx) {
            Ok(decision) => {
                let after = decision.events().fold(self.state.clone(), A::evolve);
                let again = after.decide(&command, &ctx);
                assert!(
                    matches!(again, Ok(ref d) if d.is_empty()),
                    "second delivery of {timer:?}: {again:?}"
                );
            }
            Err(Error::TimeOutOfRange) => {}
            Err(e) => panic!("delivering {timer:?} when due: {e:?}"),
        }
    }

    /// Replaying every event from the start gives the same state.
    fn finish(&self) {
        let replayed = self.log.iter().fold(self.initial.clone(), A::evolve);
        assert_eq!(replayed, self.state, "replay gives the same state");
        roundtrip(&self.state);
    }
}

/// Every error displays; a refusal's parts and JSON are there.
fn check_error(error: &Error) {
    let _ = error.to_string();
    if let Some(refusal) = error.refusal() {
        let _ = refusal.rule().to_string();
        let _ = refusal.earliest();
        roundtrip(refusal);
    }
}

/// Whether `value`, built from fuzz input, loads back from its JSON: when it
/// does, unchanged; when it does not, the error is a data error (the value
/// breaks an invariant the boundary checks), never a panic.
fn loads<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) -> bool {
    let json = serde_json::to_string(value).expect("serializes");
    match serde_json::from_str::<T>(&json) {
        Ok(back) => {
            assert_eq!(&back, value, "JSON round trip of {json}");
            true
        }
        Err(e) => {
            assert!(e.is_data(), "{e} in {json}");
            false
        }
    }
}

/// `value` survives a JSON round trip unchanged.
fn roundtrip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) {
    let json = serde_json::to_string(value).expect("serializes");
    match serde_json::from_str::<T>(&json) {
        Ok(back) => assert_eq!(&back, value, "JSON round trip of {json}"),
        Err(e) => panic!("JSON round trip of {value:?}: {e} in {json}"),
    }
}

// ------------------------------------------------------- target: licence

#[derive(Arbitrary, Debug)]
pub struct LicenceInput {
    policy: PolicySpec,
    licence: LicenceSpec,
    start: At,
    steps: Vec<LicenceStep>,
}

#[derive(Arbitrary, Debug)]
pub struct LicenceStep {
    when: When,
    actor: ActorSpec,
    command: LicenceCmd,
}

/// Structured licence inputs: a licence in any state, a policy, and up to
/// [`MAX_STEPS`] commands at instants anywhere in chrono's range.
pub fn licence(data: &[u8]) {
    let Ok(input) = LicenceInput::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let policy = input.policy.get();
    let Some(licence) = input.licence.get("L-0") else {
        return;
    };
    // A licence built in code that breaks a load invariant is refused at
    // the boundary: only a licence that loads is decided on.
    if !loads(&licence) {
        return;
    }
    let mut caller = Caller::new(licence, policy);
    let mut now = input.start.get();
    for step in input.steps.iter().take(MAX_STEPS) {
        let pending = caller.pending();
        now = step.when.next(now, &pending);
        let command = step.command.get(&pending, &caller.seen);
        caller.step(&command, &step.actor.get(), now);
    }
    caller.finish();
}

// ------------------------------------------------------- target: account

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum RelSpec {
    Invited(At),
    Linked,
    UnlinkScheduled(At),
    Unlinked(At),
    Declined(At),
}

impl RelSpec {
    fn get(self) -> RelationshipState {
        match self {
            RelSpec::Invited(at) => RelationshipState::Invited { at: at.get() },
            RelSpec::Linked => RelationshipState::Linked,
            RelSpec::UnlinkScheduled(at) => RelationshipState::UnlinkScheduled {
                unlink_at: at.get(),
            },
            RelSpec::Unlinked(at) => RelationshipState::Unlinked { at: at.get() },
            RelSpec::Declined(at) => RelationshipState::Declined { at: at.get() },
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub enum NameSpec {
    Pool(u8),
    Text(String),
    /// A name of `n` characters, around the 255-character limit.
    Long(u8, char),
}

impl NameSpec {
    fn get(&self) -> String {
        match self {
            NameSpec::Pool(i) => pick(&NAMES, *i).to_owned(),
            NameSpec::Text(text) => text.chars().take(300).collect(),
            NameSpec::Long(n, c) => std::iter::repeat_n(*c, 200 + usize::from(*n)).collect(),
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub struct AccountSpec {
    customer: u8,
    name: NameSpec,
    region: u8,
    billing: u8,
    by_partner: bool,
    assistance: Option<bool>,
    relationships: Vec<(u8, RelSpec, bool)>,
    licences: Vec<(u8, LicenceSpec)>,
    groups: Vec<(u8, u8)>,
    early_access: Vec<u8>,
    contact: bool,
    mdr_reports_until: Option<At>,
    gdap: Vec<GdapSpec>,
    transfers: Vec<TransferSpec>,
}

const GDAP_IDS: [&str; 3] = ["g1", "g2", "g/3"];
const TRANSFER_IDS: [&str; 3] = ["t1", "t2", "t%3"];
const ADMIN_ROLES: [AdminRole; 4] = [
    AdminRole::GlobalAdministrator,
    AdminRole::ServiceSupportAdministrator,
    AdminRole::HelpdeskAdministrator,
    AdminRole::GlobalReader,
];

/// A stored GDAP relationship, valid or not (only those that load are
/// decided on): roles as a mask (none, one or several, a role twice),
/// any duration, any state.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct GdapSpec {
    id: u8,
    partner: u8,
    roles: u8,
    twice: bool,
    duration: u16,
    auto_extend: bool,
    state: u8,
    at: At,
    ends: Days,
    noticed: Option<At>,
}

impl GdapSpec {
    fn get(self) -> GdapRelationship {
        let mut roles: Vec<AdminRole> = bits(&ADMIN_ROLES, self.roles).collect();
        if self.twice
            && let Some(&first) = roles.first()
        {
            roles.push(first);
        }
        let at = self.at.get();
        let mut gdap = GdapRelationship::pending(
            pick(&GDAP_IDS, self.id),
            pick(&PARTNERS, self.partner),
            roles,
            u32::from(self.duration),
            at,
        );
        gdap.auto_extend = self.auto_extend;
        gdap.state = match self.state % 5 {
            0 => GdapState::ApprovalPending { requested_at: at },
            1 => GdapState::Active {
                activated_at: at,
                ends: at
                    .checked_add_signed(TimeDelta::days(self.ends.get().into()))
                    .unwrap_or(at),
                noticed_until: self.noticed.map(At::get),
            },
            2 => GdapState::Expired { at },
            3 => GdapState::Rejected { at },
            _ => GdapState::Terminated { at },
        };
        gdap
    }
}

/// A stored transfer request, valid or not.
#[derive(Arbitrary, Debug, Clone)]
pub struct TransferSpec {
    id: u8,
    from: u8,
    to: u8,
    licences: Vec<u8>,
    state: u8,
    at: At,
}

impl TransferSpec {
    fn get(&self) -> TransferRequest {
        let licences = self
            .licences
            .iter()
            .take(MAX_ITEMS)
            .map(|&l| pick(&LICENCES, l));
        let mut request = TransferRequest::pending(
            pick(&TRANSFER_IDS, self.id),
            pick(&PARTNERS, self.from),
            pick(&PARTNERS, self.to),
            licences,
            self.at.get(),
        );
        let at = self.at.get();
        request.state = match self.state % 5 {
            0 => request.state,
            1 => TransferState::Accepted { at },
            2 => TransferState::Rejected { at },
            3 => TransferState::Cancelled { at },
            _ => TransferState::Expired { at },
        };
        request
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub enum GdapCmd {
    Request {
        roles: u8,
        twice: bool,
        duration: u16,
        auto_extend: bool,
    },
    Approve,
    Reject,
    Terminate,
    SetAutoExtend(bool),
    RemoveGlobalAdmin,
}

impl GdapCmd {
    fn get(&self) -> GdapCommand {
        match *self {
            GdapCmd::Request {
                roles,
                twice,
                duration,
                auto_extend,
            } => {
                let mut list: Vec<AdminRole> = bits(&ADMIN_ROLES, roles).collect();
                if twice && let Some(&first) = list.first() {
                    list.push(first);
                }
                GdapCommand::Request {
                    roles: list,
                    duration_days: u32::from(duration),
                    auto_extend,
                }
            }
            GdapCmd::Approve => GdapCommand::Approve,
            GdapCmd::Reject => GdapCommand::Reject,
            GdapCmd::Terminate => GdapCommand::Terminate,
            GdapCmd::SetAutoExtend(on) => GdapCommand::SetAutoExtend { on },
            GdapCmd::RemoveGlobalAdmin => GdapCommand::RemoveGlobalAdmin,
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub enum TransferCmd {
    Create { from: u8, licences: Vec<u8> },
    Accept,
    Reject,
    Cancel,
}

impl TransferCmd {
    fn get(&self) -> TransferCommand {
        match self {
            TransferCmd::Create { from, licences } => TransferCommand::Create {
                from_partner: pick(&PARTNERS, *from).into(),
                licences: licences
                    .iter()
                    .take(MAX_ITEMS)
                    .map(|&l| pick(&LICENCES, l).into())
                    .collect(),
            },
            TransferCmd::Accept => TransferCommand::Accept,
            TransferCmd::Reject => TransferCommand::Reject,
            TransferCmd::Cancel => TransferCommand::Cancel,
        }
    }
}

impl AccountSpec {
    fn get(&self) -> Account {
        let created_by = if self.by_partner {
            CreatedBy::Partner
        } else {
            CreatedBy::Customer
        };
        let mut account = Account::new(
            pick(&CUSTOMERS, self.customer),
            &self.name.get(),
            pick(&REGIONS, self.region),
            pick(&BILLING, self.billing),
            created_by,
        );
        if let Some(on) = self.assistance {
            account = account.with_partner_assistance(on);
        }
        for &(partner, state, delegated) in self.relationships.iter().take(MAX_ITEMS) {
            let partner = pick(&PARTNERS, partner);
            account = account.with_relationship(partner, state.get());
            if delegated {
                // Through the public field, as a caller loading it would.
                let mut relationship = Relationship::new(partner, state.get());
                relationship.delegated_admin = true;
                if let Some(slot) = account
                    .relationships
                    .iter_mut()
                    .find(|r| r.partner.as_str() == partner)
                {
                    *slot = relationship;
                }
            }
        }
        for (id, spec) in self.licences.iter().take(MAX_ITEMS) {
            if let Some(licence) = spec.get(pick(&LICENCES, *id)) {
                account = account.with_licence(licence);
            }
        }
        for &(partner, group) in self.groups.iter().take(MAX_ITEMS) {
            let membership = GroupMembership {
                partner: pick(&PARTNERS, partner).into(),
                group: pick(&GROUPS, group).into(),
            };
            if !account.groups.contains(&membership) {
                account.groups.push(membership);
            }
        }
        for &programme in self.early_access.iter().take(MAX_ITEMS) {
            let programme = pick(&PROGRAMMES, programme).into();
            if !account.early_access.contains(&programme) {
                account.early_access.push(programme);
            }
        }
        if self.contact {
            account = account.with_contact(Contact {
                person: Some("Maria Rossi".into()),
                email: Some("maria@rossi.example".into()),
                phone: None,
            });
        }
        account.mdr_reports_until = self.mdr_reports_until.map(At::get);
        account.gdap = self.gdap.iter().take(MAX_ITEMS).map(|g| g.get()).collect();
        account.transfer_requests = self
            .transfers
            .iter()
            .take(MAX_ITEMS)
            .map(TransferSpec::get)
            .collect();
        account
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub enum AccountStart {
    /// An account as a database would hold it.
    Stored(AccountSpec),
    /// An account `Account::create` makes.
    Created {
        monthly: bool,
        customer: u8,
        name: NameSpec,
        region: u8,
        licence: u8,
        offer: u8,
        seats: Seats,
        days: Days,
        actor: ActorSpec,
        at: At,
    },
}

#[derive(Arbitrary, Debug, Clone)]
pub enum AccountCmd {
    ConvertToMonthly,
    EnrolEarlyAccess {
        programme: u8,
        flex_compatible: bool,
    },
    RequestRelationship,
    AcceptInvitation(u8),
    DeclineInvitation(u8),
    Unlink {
        scheduled: bool,
    },
    CancelScheduledUnlink,
    LaunchConsole,
    EnablePartnerAssistance,
    DisablePartnerAssistance,
    AddToGroup(u8),
    Rename(NameSpec),
    AddSubscription {
        licence: u8,
        offer: u8,
        seats: Seats,
        days: Days,
        auto_renew: bool,
        price: Option<Price>,
    },
    Licence {
        licence: u8,
        command: LicenceCmd,
    },
    Deliver(TimerSpec),
    Gdap {
        id: u8,
        command: GdapCmd,
    },
    Transfer {
        id: u8,
        command: TransferCmd,
    },
}

impl AccountCmd {
    fn get(&self, pending: &[Timer], seen: &[Timer]) -> AccountCommand {
        match self {
            AccountCmd::ConvertToMonthly => AccountCommand::ConvertToMonthly,
            AccountCmd::EnrolEarlyAccess {
                programme,
                flex_compatible,
            } => AccountCommand::EnrolEarlyAccess {
                programme: pick(&PROGRAMMES, *programme).into(),
                flex_compatible: *flex_compatible,
            },
            AccountCmd::RequestRelationship => AccountCommand::RequestRelationship,
            AccountCmd::AcceptInvitation(p) => AccountCommand::AcceptInvitation {
                partner: pick(&PARTNERS, *p).into(),
            },
            AccountCmd::DeclineInvitation(p) => AccountCommand::DeclineInvitation {
                partner: pick(&PARTNERS, *p).into(),
            },
            AccountCmd::Unlink { scheduled } => AccountCommand::Unlink {
                mode: if *scheduled {
                    UnlinkMode::Scheduled
                } else {
                    UnlinkMode::Immediate
                },
            },
            AccountCmd::CancelScheduledUnlink => AccountCommand::CancelScheduledUnlink,
            AccountCmd::LaunchConsole => AccountCommand::LaunchConsole,
            AccountCmd::EnablePartnerAssistance => AccountCommand::EnablePartnerAssistance,
            AccountCmd::DisablePartnerAssistance => AccountCommand::DisablePartnerAssistance,
            AccountCmd::AddToGroup(g) => AccountCommand::AddToGroup {
                group: pick(&GROUPS, *g).into(),
            },
            AccountCmd::Rename(name) => AccountCommand::Rename {
                name: DisplayName::new(&name.get()),
            },
            AccountCmd::AddSubscription {
                licence,
                offer,
                seats,
                days,
                auto_renew,
                price,
            } => AccountCommand::AddSubscription {
                licence: pick(&LICENCES, *licence).into(),
                offer: pick(&OFFERS, *offer).into(),
                seats: seats.get(),
                term_days: days.get(),
                auto_renew: *auto_renew,
                price: price.and_then(Price::get),
            },
            AccountCmd::Licence { licence, command } => AccountCommand::Licence {
                licence: pick(&LICENCES, *licence).into(),
                command: command.get(pending, seen),
            },
            AccountCmd::Deliver(timer) => AccountCommand::Deliver(timer.get(pending, seen)),
            AccountCmd::Gdap { id, command } => AccountCommand::Gdap {
                gdap: pick(&GDAP_IDS, *id).into(),
                command: command.get(),
            },
            AccountCmd::Transfer { id, command } => AccountCommand::TransferRequest {
                transfer: pick(&TRANSFER_IDS, *id).into(),
                command: command.get(),
            },
        }
    }
}

#[derive(Arbitrary, Debug)]
pub struct AccountInput {
    policy: PolicySpec,
    start: AccountStart,
    at: At,
    steps: Vec<AccountStep>,
}

#[derive(Arbitrary, Debug)]
pub struct AccountStep {
    when: When,
    actor: ActorSpec,
    command: AccountCmd,
}

/// Structured account inputs: an account as stored (relationships,
/// licences in any state, groups) or as `Account::create` makes it, a
/// policy, and up to [`MAX_STEPS`] commands.
pub fn account(data: &[u8]) {
    let Ok(input) = AccountInput::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let policy = input.policy.get();
    let (account, created) = match &input.start {
        AccountStart::Stored(spec) => (spec.get(), None),
        AccountStart::Created {
            monthly,
            customer,
            name,
            region,
            licence,
            offer,
            seats,
            days,
            actor,
            at,
        } => {
            let customer = NewCustomer::new(
                pick(&CUSTOMERS, *customer),
                &name.get(),
                pick(&REGIONS, *region),
            );
            let command = if *monthly {
                NewAccount::CreateMonthlyAccount { customer }
            } else {
                NewAccount::CreateTrial {
                    customer,
                    licence: pick(&LICENCES, *licence).into(),
                    offer: pick(&OFFERS, *offer).into(),
                    seats: seats.get(),
                    trial_days: days.get(),
                }
            };
            // A blank or overlong name does not load (CUST-4): the command
            // is refused at the boundary, or, built in code, by CUST-4.
            loads(&command);
            let actor = actor.get();
            let ctx = Context::new(at.get(), &actor, &policy);
            let result = Account::create(&command, &ctx);
            assert_eq!(
                result,
                Account::create(&command, &ctx),
                "create is deterministic"
            );
            match result {
                Err(e) => {
                    check_error(&e);
                    assert!(
                        matches!(
                            e,
                            Error::Refused(_)
                                | Error::TimeOutOfRange
                                | Error::InvalidTerm
                                | Error::ZeroSeats
                        ),
                        "Account::create: undocumented error {e:?}"
                    );
                    return;
                }
                Ok(decision) => {
                    let account = Account::from_events(decision.events())
                        .expect("a created account rebuilds from its events");
                    let scheduled: BTreeMap<_, _> = decision
                        .effects()
                        .filter_map(|e| match e {
                            Effect::Schedule(t) => Some((t.key.clone(), t.due)),
                            _ => None,
                        })
                        .collect();
                    let timers: BTreeMap<_, _> =
                        account.timers(&policy).map(|t| (t.key, t.due)).collect();
                    assert_eq!(scheduled, timers, "create schedules exactly timers()");
                    let events: Vec<AccountEvent> = decision.events().cloned().collect();
                    (account, Some(events))
                }
            }
        }
    };
    // As for a licence: only an account that loads is decided on.
    if !loads(&account) {
        return;
    }
    let mut caller = Caller::new(account, policy);
    let mut now = input.at.get();
    for step in input.steps.iter().take(MAX_STEPS) {
        let pending = caller.pending();
        now = step.when.next(now, &pending);
        let command = step.command.get(&pending, &caller.seen);
        caller.step(&command, &step.actor.get(), now);
    }
    caller.finish();
    if let Some(mut events) = created {
        events.extend(caller.log.iter().cloned());
        assert_eq!(
            Account::from_events(&events).as_ref(),
            Some(&caller.state),
            "from_events(created + log) = the account"
        );
    }
}

// ---------------------------------------------------------- JSON targets

/// A JSON input: a state as a database holds it, an optional policy (a
/// preset's name or a whole policy), and steps.
#[derive(Deserialize, Debug)]
struct JsonInput<S, C> {
    state: S,
    #[serde(default)]
    policy: Option<serde_json::Value>,
    steps: Vec<JsonStep<C>>,
}

#[derive(Deserialize, Debug)]
struct JsonStep<C> {
    now: DateTime<Utc>,
    actor: Actor,
    command: C,
}

fn json_policy(value: Option<serde_json::Value>) -> Option<Policy> {
    match value {
        None => Some(Policy::standard()),
        Some(serde_json::Value::String(name)) => match name.as_str() {
            "standard" => Some(Policy::standard()),
            "microsoft_new_commerce" => Some(Policy::microsoft_new_commerce()),
            _ => None,
        },
        Some(value) => serde_json::from_value::<Policy>(value)
            .ok()
            .inspect(roundtrip),
    }
}

fn json<A: Aggregate>(data: &[u8]) -> Option<Caller<A>> {
    let input: JsonInput<A, A::Command> = serde_json::from_slice(data).ok()?;
    let policy = json_policy(input.policy)?;
    roundtrip(&input.state);
    let mut caller = Caller::new(input.state, policy);
    for step in input.steps.iter().take(MAX_STEPS) {
        roundtrip(&step.command);
        caller.step(&step.command, &step.actor, step.now);
    }
    caller.finish();
    Some(caller)
}

/// JSON licence inputs:
/// `{"state": <Licence>, "policy": ..., "steps": [{"now", "actor", "command"}]}`.
pub fn json_licence(data: &[u8]) {
    let _ = json::<Licence>(data);
}

/// JSON account inputs:
/// `{"state": <Account>, "policy": ..., "steps": [{"now", "actor", "command"}]}`.
pub fn json_account(data: &[u8]) {
    let _ = json::<Account>(data);
}

/// Whether a JSON input of `target` (`json_licence` or `json_account`)
/// loads and plays: the seeds must, or their replay checks nothing.
pub fn json_loads(target: &str, data: &[u8]) -> bool {
    match target {
        "json_licence" => json::<Licence>(data).is_some(),
        "json_account" => json::<Account>(data).is_some(),
        _ => false,
    }
}

// ------------------------------------------------------ target: scenario

/// Arbitrary bytes to the `simulate` example's scenario parser and player:
/// an input error or lines, never a panic.
pub fn scenario(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match scenario::play(text) {
        Ok(lines) => {
            for line in &lines {
                let _ = scenario::describe(line);
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

// ------------------------------------------------------------- debugging

/// What `target`'s check makes of `data`: the decoded input, for reports.
pub fn describe(target: &str, data: &[u8]) -> String {
    let text = || String::from_utf8_lossy(data).into_owned();
    match target {
        "licence" => format!(
            "{:#?}",
            LicenceInput::arbitrary_take_rest(Unstructured::new(data))
        ),
        "account" => format!(
            "{:#?}",
            AccountInput::arbitrary_take_rest(Unstructured::new(data))
        ),
        _ => text(),
    }
}
