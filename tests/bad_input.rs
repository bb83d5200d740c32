//! Bad input: malformed or truncated JSON for every serialized type, zero
//! and maximal seat counts, blank and 10 kB names, instants at chrono's
//! limits and invalid policies. Each gets an error value (never a panic),
//! and where the API documents which one, the test asserts that one.

mod common;

use std::any::type_name;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;

use channel_licensing::{
    Account, AccountAction, AccountChange, AccountCommand, AccountEvent, Actor, ActorKind,
    Allowance, Allowances, BillingType, CancelledBy, ContactView, Context, CreatedBy,
    CreditContact, Currency, CustomerId, CustomerQuery, CustomerRef, CustomerRow, CustomerStep,
    DetailsView, DisplayName, EarlyAccessId, EarlyCancellation, Effect, Error, GroupId,
    GroupMembership, Licence, LicenceAction, LicenceChange, LicenceCommand, LicenceEvent,
    LicenceId, LicenceRow, LicenceState, LicenceStatus, Money, NameTarget, NewAccount, NewCustomer,
    OfferChange, OfferId, PartnerId, PartnerUser, Phase, PhaseName, Policy, PolicyBuilder,
    PolicyError, PolicyName, PolicyStamp, Programme, Programmes, Purchaser, Reason, Refusal,
    RegionId, Relationship, RelationshipState, RelationshipStatus, ReminderTarget, Right, Role,
    Roles, Rule, SeatBatch, SeatBatches, SubscriptionMove, Term, Timer, TimerKey, TransferImpact,
    TransferOptions, TransferPlan, TransferStrategy, UnlinkMode, contact_details, credit_contact,
    customer_details, customer_list, first_instant_of_next_month, name_matches, transfer_impact,
    transfer_plan,
};
use chrono::{DateTime, TimeDelta, Utc};
use common::{at, by_acme, customer};
use rust_decimal::Decimal;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::error::Category;
use serde_json::{Value, json};

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
        .with_roles([
            Role::SuperAdmin,
            Role::Admin,
            Role::AccountAdmin,
            Role::SalesAgent,
            Role::BillingAgent,
            Role::HelpDesk,
            Role::ReadOnly,
        ])
        .with_programmes([
            Programme::MspFlex,
            Programme::MspFlexConnect,
            Programme::Csp,
        ])
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
/// groups, early access, contact details and a scheduled unlink's MDR date.
fn rich_account() -> Account {
    let mut account = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Term,
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
        RelationshipState::UnlinkScheduled {
            unlink_at: at("2026-07-01T00:00:00Z"),
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

/// A smaller account for the views and plans: a linked and an invited
/// partner, an active and an expired licence.
fn medium_account() -> Account {
    let mut account = rich_account();
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

// ============================================== every serialized type, as values

/// Visits realistic values of every type of the public API that implements
/// `Deserialize`.
trait Visit {
    fn visit<T>(&mut self, value: &T)
    where
        T: Serialize + DeserializeOwned + PartialEq + Debug;
}

fn customer_ref() -> CustomerRef {
    CustomerRef {
        id: "rossi".into(),
        name: DisplayName::new("Rossi SpA"),
    }
}

fn every_reason() -> Vec<Reason> {
    let customer = customer_ref();
    let licence = LicenceId::from("L-1");
    let action = AccountAction::Licence(LicenceAction::ChangeSeats);
    vec![
        Reason::TerminalState {
            licence: licence.clone(),
            action: LicenceAction::Resume,
            state: LicenceStatus::Cancelled,
        },
        Reason::WrongState {
            licence: licence.clone(),
            action: LicenceAction::Reactivate,
            state: LicenceStatus::Expired {
                phase: PhaseName::Lapsed,
            },
        },
        Reason::TooFewSeats {
            licence: licence.clone(),
            requested: 0,
        },
        Reason::SeatDecreaseWindowClosed {
            licence: licence.clone(),
            requested: 1,
            current: u32::MAX,
            removable: 3,
            window_days: 7,
        },
        Reason::TermTooShort {
            licence: licence.clone(),
            term_days: 0,
        },
        Reason::ReactivationWindowClosed {
            licence: licence.clone(),
            closed_at: at("2026-03-11T00:00:00Z"),
        },
        Reason::PhaseForbids {
            licence: licence.clone(),
            action: LicenceAction::Reactivate,
            phase: PhaseName::Disabled,
        },
        Reason::SuspensionCancelled {
            licence: licence.clone(),
            at: at("2026-03-11T00:00:00Z"),
        },
        Reason::NotDueYet {
            key: TimerKey::Reminder {
                customer: customer.id.clone(),
                licence: licence.clone(),
                before: ReminderTarget::TrialEnd,
                days: 3,
            },
        },
        Reason::NoRelationship {
            customer: customer.clone(),
            partner: "acme".into(),
            action,
            state: Some(RelationshipStatus::Declined),
        },
        Reason::OtherCustomer {
            customer: customer.clone(),
            action: AccountAction::EnablePartnerAssistance,
            admin_of: "bianchi".into(),
        },
        Reason::ActorNotAllowed {
            customer: customer.clone(),
            action: AccountAction::Deliver,
            actor: ActorKind::CustomerAdmin,
        },
        Reason::MissingRole {
            customer: customer.clone(),
            action: AccountAction::RequestRelationship,
            any_of: Roles::from([Role::AccountAdmin, Role::SalesAgent]),
        },
        Reason::MissingProgramme {
            customer: customer.clone(),
            action: AccountAction::CreateMonthlyAccount,
            programme: Programme::MspFlex,
        },
        Reason::WrongRegion {
            customer: customer.clone(),
            action: AccountAction::Transfer,
            partner_region: "us".into(),
            customer_region: "eu".into(),
        },
        Reason::NotYetAccepted {
            customer: customer.clone(),
            partner: "beta".into(),
            action: AccountAction::AddSubscription,
        },
        Reason::NoInvitation {
            customer: customer.clone(),
            partner: "beta".into(),
            action: AccountAction::AcceptInvitation,
            state: None,
        },
        Reason::LicenceBlocksUnlink {
            customer: customer.clone(),
            licence: licence.clone(),
            state: LicenceStatus::Suspended,
        },
        Reason::ReactivationWindowOpen {
            customer: customer.clone(),
            licence: licence.clone(),
            expired_at: at("2026-01-10T00:00:00Z"),
            window_closes: at("2026-03-11T00:00:00Z"),
        },
        Reason::WrongUnlinkMode {
            customer: customer.clone(),
            asked: UnlinkMode::Immediate,
            applies: UnlinkMode::Scheduled,
            billing: BillingType::MonthlyUsage,
        },
        Reason::NoScheduledUnlink {
            customer: customer.clone(),
            partner: "acme".into(),
            action: AccountAction::CancelScheduledUnlink,
            state: RelationshipStatus::Linked,
        },
        Reason::BillingForbids {
            customer: customer.clone(),
            action: AccountAction::ConvertToMonthly,
            billing: BillingType::Direct,
        },
        Reason::ManagedByPartner {
            customer: customer.clone(),
            action: AccountAction::Licence(LicenceAction::Cancel),
        },
        Reason::AssistanceDisabled {
            customer: customer.clone(),
        },
        Reason::OfferNotAuthorised {
            customer: customer.clone(),
            offer: "xdr".into(),
        },
        Reason::UnknownGroup {
            customer: customer.clone(),
            group: "hospitals".into(),
        },
        Reason::BillingPartnerTaken {
            customer: customer.clone(),
            action: AccountAction::AcceptInvitation,
        },
        Reason::OtherPartnerLive {
            customer: customer.clone(),
            action: AccountAction::ConvertToMonthly,
        },
        Reason::InvalidName {
            customer,
            chars: 10_240,
            max: 255,
        },
        Reason::DirectPurchase {
            licence: licence.clone(),
            action: LicenceAction::SetAutoRenew,
        },
        Reason::OtherPartnersLicence {
            licence: licence.clone(),
            action: LicenceAction::Suspend,
        },
        Reason::MissingRight {
            licence,
            action: LicenceAction::Revoke,
            actor: ActorKind::Partner,
            missing: Right::Vendor,
        },
    ]
}

/// Refusals as the crate builds them (one with an earliest instant).
fn real_refusals() -> Vec<Refusal> {
    let policy = Policy::standard();
    let vendor = Actor::Vendor;
    let licence = active_licence();
    let seats = licence.decide(
        &customer(),
        &LicenceCommand::ChangeSeats { seats: 0 },
        &Context::new(t0(), &acme(), &policy),
    );
    let timer = licence.timers(&customer(), &policy).last().unwrap();
    let early = licence.decide(
        &customer(),
        &LicenceCommand::Deliver(timer),
        &Context::new(t0(), &vendor, &policy),
    );
    let rename = rich_account().decide(
        &AccountCommand::Rename {
            name: DisplayName::new("  "),
        },
        &Context::new(t0(), &acme(), &policy),
    );
    vec![refusal(seats), refusal(early), refusal(rename)]
}

fn every_licence_command() -> Vec<LicenceCommand> {
    vec![
        LicenceCommand::Reactivate {
            term_days: 365,
            auto_renew: true,
        },
        LicenceCommand::Suspend,
        LicenceCommand::Resume,
        LicenceCommand::Cancel,
        LicenceCommand::Revoke,
        LicenceCommand::Remove,
        LicenceCommand::ChangeSeats { seats: 25 },
        LicenceCommand::SetAutoRenew { on: false },
        LicenceCommand::Deliver(Timer {
            key: TimerKey::TermEnd {
                customer: customer(),
                licence: "L-1".into(),
            },
            due: at("2027-01-01T00:00:00Z"),
        }),
    ]
}

fn every_licence_change() -> Vec<LicenceChange> {
    vec![
        LicenceChange::Renewed {
            term: Term::new(at("2027-01-01T00:00:00Z"), at("2028-01-01T00:00:00Z")).unwrap(),
            renewals: u64::MAX,
        },
        LicenceChange::Expired {
            at: at("2027-01-01T00:00:00Z"),
        },
        LicenceChange::Reactivated {
            term: year_2026(),
            auto_renew: false,
            phase: PhaseName::Reactivatable,
            interrupted: true,
        },
        LicenceChange::Suspended {
            since: t0(),
            cancels_at: t0() + day(30),
        },
        LicenceChange::Resumed,
        LicenceChange::Cancelled {
            at: t0(),
            by: CancelledBy::Request,
            forfeited_days: 200,
            forfeited: Some(eur("68.49")),
            refund: None,
        },
        LicenceChange::Cancelled {
            at: t0(),
            by: CancelledBy::Suspension,
            forfeited_days: 0,
            forfeited: None,
            refund: Some(eur("0.01")),
        },
        LicenceChange::Revoked { at: t0() },
        LicenceChange::Removed { at: t0() },
        LicenceChange::SeatsChanged {
            from: 1,
            to: u32::MAX,
        },
        LicenceChange::AutoRenewChanged { on: true },
        LicenceChange::ReminderDue {
            before: ReminderTarget::TermEnd,
            days: 30,
            ends: at("2027-01-01T00:00:00Z"),
            due: at("2026-12-02T00:00:00Z"),
        },
    ]
}

fn every_timer_key() -> Vec<TimerKey> {
    let customer = CustomerId::from("r/ossi%");
    let licence = LicenceId::from("L/1%");
    vec![
        TimerKey::TermEnd {
            customer: customer.clone(),
            licence: licence.clone(),
        },
        TimerKey::TrialEnd {
            customer: customer.clone(),
            licence: licence.clone(),
        },
        TimerKey::SuspensionCancellation {
            customer: customer.clone(),
            licence: licence.clone(),
        },
        TimerKey::Reminder {
            customer,
            licence,
            before: ReminderTarget::TrialEnd,
            days: 3,
        },
        TimerKey::ScheduledUnlink {
            customer: "rossi".into(),
            partner: "acme".into(),
        },
    ]
}

fn new_customer() -> NewCustomer {
    NewCustomer::new("bianchi", "Bianchi Srl", "eu")
}

fn every_account_command() -> Vec<AccountCommand> {
    vec![
        AccountCommand::ConvertToMonthly,
        AccountCommand::EnrolEarlyAccess {
            programme: "eap-xdr".into(),
            flex_compatible: true,
        },
        AccountCommand::RequestRelationship,
        AccountCommand::AcceptInvitation {
            partner: "beta".into(),
        },
        AccountCommand::DeclineInvitation {
            partner: "beta".into(),
        },
        AccountCommand::Unlink {
            mode: UnlinkMode::Scheduled,
        },
        AccountCommand::CancelScheduledUnlink,
        AccountCommand::LaunchConsole,
        AccountCommand::EnablePartnerAssistance,
        AccountCommand::DisablePartnerAssistance,
        AccountCommand::AddToGroup {
            group: "schools".into(),
        },
        AccountCommand::Rename {
            name: DisplayName::new("Rossi S.p.A."),
        },
        AccountCommand::AddSubscription {
            licence: "L-9".into(),
            offer: "endpoint".into(),
            seats: 25,
            term_days: 365,
            auto_renew: false,
            price: Some(eur("9.99")),
        },
        AccountCommand::Licence {
            licence: "L-1".into(),
            command: LicenceCommand::ChangeSeats { seats: 30 },
        },
        AccountCommand::Deliver(Timer {
            key: TimerKey::ScheduledUnlink {
                customer: "rossi".into(),
                partner: "gamma".into(),
            },
            due: at("2026-07-01T00:00:00Z"),
        }),
    ]
}

fn every_account_change() -> Vec<AccountChange> {
    vec![
        AccountChange::Created {
            account: Box::new(
                Account::new(
                    "bianchi",
                    "Bianchi Srl",
                    "eu",
                    BillingType::Trial,
                    CreatedBy::Partner,
                )
                .with_relationship("acme", RelationshipState::Linked)
                .with_licence(
                    Licence::trial("L-1", "endpoint", 5, year_2026(), by_acme()).unwrap(),
                ),
            ),
        },
        AccountChange::BillingChanged {
            from: BillingType::MonthlyUsage,
            to: BillingType::Trial,
        },
        AccountChange::EarlyAccessEnrolled {
            programme: "eap-xdr".into(),
        },
        AccountChange::RelationshipRequested {
            partner: "acme".into(),
        },
        AccountChange::InvitationAccepted {
            partner: "acme".into(),
        },
        AccountChange::InvitationDeclined {
            partner: "acme".into(),
        },
        AccountChange::UnlinkScheduled {
            partner: "acme".into(),
            unlink_at: at("2026-07-01T00:00:00Z"),
            mdr_reports_until: at("2026-07-01T00:00:00Z"),
        },
        AccountChange::ScheduledUnlinkCancelled {
            partner: "acme".into(),
        },
        AccountChange::Unlinked {
            partner: "acme".into(),
            at: t0(),
        },
        AccountChange::ConsoleLaunched {
            partner: "acme".into(),
        },
        AccountChange::PartnerAssistanceChanged { enabled: false },
        AccountChange::AddedToGroup {
            partner: "acme".into(),
            group: "schools".into(),
        },
        AccountChange::Renamed {
            from: DisplayName::new("Rossi SpA"),
            to: DisplayName::new("Rossi S.p.A."),
        },
        AccountChange::SubscriptionAdded {
            licence: "L-9".into(),
            bought_by: by_acme(),
            offer: "endpoint".into(),
            seats: 25,
            term: year_2026(),
            auto_renew: true,
            price: Some(eur("9.99")),
        },
        AccountChange::Licence {
            licence: "L-1".into(),
            change: LicenceChange::SeatsChanged { from: 10, to: 25 },
        },
    ]
}

/// A transfer plan with an early cancellation and a customer step.
fn transfer() -> TransferPlan {
    let to = PartnerUser::new("newco", "eu");
    let options = TransferOptions::default()
        .cancel_early(true)
        .tenant_to_tenant(true);
    transfer_plan(
        &medium_account(),
        &"acme".into(),
        &to,
        options,
        t0(),
        &Policy::microsoft_new_commerce(),
    )
    .unwrap()
}

fn custom_policy() -> Policy {
    Policy::standard()
        .to_builder()
        .name("standard-rome")
        .version(7)
        .calendar(chrono_tz::Europe::Rome)
        .term_end_reminders([60, 30, 7, 1])
        .refund_window_days(Some(14))
        .seat_decrease_window_days(Some(7))
        .display_name_max_chars(80)
        .build()
        .unwrap()
}

#[allow(clippy::too_many_lines)] // one list of every type, kept together
fn every_serialized_value(v: &mut impl Visit) {
    // Identifiers, including ones that need escaping in timer keys.
    v.visit(&LicenceId::from("L-1"));
    v.visit(&LicenceId::from("licença/日本%🦀"));
    v.visit(&CustomerId::from("rossi"));
    v.visit(&PartnerId::from("acme"));
    v.visit(&OfferId::from("endpoint-advanced"));
    v.visit(&RegionId::from("eu"));
    v.visit(&PolicyName::from("standard"));
    v.visit(&GroupId::from("schools"));
    v.visit(&EarlyAccessId::from("eap-xdr"));
    v.visit(&DisplayName::new("Rossi SpA"));
    v.visit(&DisplayName::new("Ünïcödé 日本 🦀 \"quoted\" \\ \u{7}"));
    // Money.
    v.visit(&"EUR".parse::<Currency>().unwrap());
    v.visit(&eur("12.50"));
    v.visit(&Money::new(Decimal::MAX, "JPY".parse().unwrap()));
    v.visit(&Money::new(Decimal::MIN, "BHD".parse().unwrap()));
    // Licences.
    v.visit(&year_2026());
    v.visit(&Term::new(MIN, MAX).unwrap());
    v.visit(&SeatBatch {
        seats: u32::MAX,
        added_at: t0(),
    });
    let mut grown = active_licence();
    grown = grown.evolve(&LicenceEvent {
        licence: "L-1".into(),
        decided_at: t0(),
        policy: Policy::standard().stamp(),
        change: LicenceChange::SeatsChanged { from: 10, to: 15 },
    });
    v.visit(&grown.seat_batches);
    v.visit(&grown);
    v.visit(&by_acme());
    v.visit(&Purchaser::Customer);
    v.visit(&CancelledBy::Request);
    v.visit(&CancelledBy::Suspension);
    for licence in licences_in_every_state() {
        v.visit(&licence.state);
        v.visit(&licence);
    }
    for status in [
        LicenceStatus::Trial,
        LicenceStatus::Active,
        LicenceStatus::Suspended,
        LicenceStatus::Expired {
            phase: PhaseName::Grace,
        },
        LicenceStatus::Revoked,
        LicenceStatus::Removed,
        LicenceStatus::Cancelled,
    ] {
        v.visit(&status);
    }
    for command in every_licence_command() {
        v.visit(&command.action());
        v.visit(&command);
    }
    for change in every_licence_change() {
        v.visit(&change);
        v.visit(&LicenceEvent {
            licence: "L-1".into(),
            decided_at: t0(),
            policy: Policy::microsoft_new_commerce().stamp(),
            change,
        });
    }
    // Effects and timers.
    v.visit(&ReminderTarget::TermEnd);
    v.visit(&ReminderTarget::TrialEnd);
    for key in every_timer_key() {
        v.visit(&key);
        v.visit(&Timer {
            key: key.clone(),
            due: t0(),
        });
        v.visit(&Effect::Schedule(Timer {
            key: key.clone(),
            due: t0(),
        }));
        v.visit(&Effect::Cancel { key });
    }
    v.visit(&NameTarget::AdminConsole);
    v.visit(&NameTarget::Crm);
    v.visit(&Effect::PropagateName {
        to: NameTarget::Crm,
        customer: "rossi".into(),
        name: DisplayName::new("Rossi S.p.A."),
    });
    // Policies.
    for name in [
        PhaseName::Grace,
        PhaseName::Reactivatable,
        PhaseName::Lapsed,
        PhaseName::Expired,
        PhaseName::Disabled,
        PhaseName::Deleted,
    ] {
        v.visit(&name);
    }
    v.visit(&Allowances::NONE.with_user_access().with_data_kept());
    for allowance in [
        Allowance::UserAccess,
        Allowance::AdminAccess,
        Allowance::Reactivation,
        Allowance::UnlinkBlocked,
        Allowance::DataKept,
    ] {
        v.visit(&allowance);
    }
    for phase in Policy::standard().phases() {
        v.visit(phase);
    }
    v.visit(&Policy::standard().stamp());
    v.visit(&Policy::standard());
    v.visit(&Policy::microsoft_new_commerce());
    v.visit(&custom_policy());
    v.visit(&custom_policy().to_builder());
    // Refusals and rules.
    for kind in [
        ActorKind::Partner,
        ActorKind::CustomerAdmin,
        ActorKind::Vendor,
    ] {
        v.visit(&kind);
    }
    v.visit(&Right::Vendor);
    for reason in every_reason() {
        v.visit(&reason);
    }
    for refusal in real_refusals() {
        v.visit(&refusal);
    }
    for rule in Rule::ALL {
        v.visit(rule);
    }
    // Actors.
    for role in acme_user().roles.iter() {
        v.visit(&role);
    }
    v.visit(&acme_user().roles);
    for programme in acme_user().programmes.iter() {
        v.visit(&programme);
    }
    v.visit(&acme_user().programmes);
    v.visit(&Programmes::EMPTY);
    v.visit(&acme_user());
    v.visit(&acme());
    v.visit(&admin_of("rossi"));
    v.visit(&Actor::Vendor);
    // Accounts.
    for billing in [
        BillingType::Trial,
        BillingType::Term,
        BillingType::MonthlyUsage,
        BillingType::ManagedOrder,
        BillingType::Direct,
    ] {
        v.visit(&billing);
    }
    v.visit(&CreatedBy::Partner);
    v.visit(&CreatedBy::Customer);
    v.visit(&UnlinkMode::Immediate);
    v.visit(&UnlinkMode::Scheduled);
    v.visit(&customer_ref());
    let account = rich_account();
    for relationship in &account.relationships {
        v.visit(&relationship.state);
        v.visit(&relationship.state.status());
        v.visit(relationship);
    }
    v.visit(&account.groups[0]);
    v.visit(&account.contact);
    v.visit(&account);
    let account = medium_account();
    v.visit(&account);
    for command in every_account_command() {
        v.visit(&command.action());
        v.visit(&command);
    }
    v.visit(&AccountAction::CreateTrial);
    v.visit(&AccountAction::ViewDetails);
    v.visit(&new_customer());
    v.visit(&NewAccount::CreateTrial {
        customer: new_customer(),
        licence: "L-1".into(),
        offer: "endpoint".into(),
        seats: 5,
        trial_days: 30,
    });
    v.visit(&NewAccount::CreateMonthlyAccount {
        customer: new_customer(),
    });
    for change in every_account_change() {
        v.visit(&change);
        v.visit(&AccountEvent {
            customer: "rossi".into(),
            decided_at: t0(),
            policy: Policy::standard().stamp(),
            change,
        });
    }
    // Customer views.
    let query = CustomerQuery::for_partner(&acme_user())
        .search("ROSSI")
        .only_active_protection(true);
    v.visit(&query);
    let rows: Vec<CustomerRow> = customer_list(
        std::slice::from_ref(&account),
        &CustomerQuery::for_partner(&acme_user()),
        t0(),
        &Policy::standard(),
    );
    v.visit(&rows[0]);
    let details: DetailsView =
        customer_details(&account, &"acme".into(), t0(), &Policy::standard()).unwrap();
    let row: &LicenceRow = &details.licences[0];
    v.visit(row);
    v.visit(&details);
    let contact: ContactView = contact_details(&account, &"acme".into(), t0()).unwrap();
    v.visit(&contact);
    // Transfers.
    v.visit(&TransferStrategy::Duplicate);
    v.visit(&TransferStrategy::ExpireAndRepurchase);
    v.visit(&CustomerStep::MigrateData);
    v.visit(&TransferOptions::default().cancel_early(true));
    let plan = transfer();
    let moved: &SubscriptionMove = &plan.moves[0];
    let early: EarlyCancellation = moved.early_cancellation.unwrap();
    v.visit(&early);
    v.visit(moved);
    v.visit(&plan);
    let change = OfferChange::new("endpoint", 10, "endpoint-advanced", 12);
    let impact: TransferImpact = transfer_impact(&change);
    v.visit(&change);
    v.visit(&impact);
    for contact in [
        CreditContact::Partner,
        CreditContact::Customer,
        CreditContact::Nobody,
    ] {
        v.visit(&contact);
    }
}

/// The short names of the types [`every_serialized_value`] visits.
fn visited_types() -> BTreeSet<String> {
    struct Names(BTreeSet<String>);
    impl Visit for Names {
        fn visit<T>(&mut self, _: &T)
        where
            T: Serialize + DeserializeOwned + PartialEq + Debug,
        {
            let name = type_name::<T>();
            self.0
                .insert(name.rsplit("::").next().unwrap_or(name).to_owned());
        }
    }
    let mut names = Names(BTreeSet::new());
    every_serialized_value(&mut names);
    names.0
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

// ======================================== 1. JSON of every serialized type

/// The list of visited types covers every `Deserialize` type of the public API.
#[test]
fn every_deserializable_public_type_has_a_sample() {
    let expected = [
        "Account",
        "AccountAction",
        "AccountChange",
        "AccountCommand",
        "AccountEvent",
        "Actor",
        "ActorKind",
        "Allowance",
        "Allowances",
        "BillingType",
        "CancelledBy",
        "Contact",
        "ContactView",
        "CreatedBy",
        "CreditContact",
        "Currency",
        "CustomerId",
        "CustomerQuery",
        "CustomerRef",
        "CustomerRow",
        "CustomerStep",
        "DetailsView",
        "DisplayName",
        "EarlyAccessId",
        "EarlyCancellation",
        "Effect",
        "GroupId",
        "GroupMembership",
        "Licence",
        "LicenceAction",
        "LicenceChange",
        "LicenceCommand",
        "LicenceEvent",
        "LicenceId",
        "LicenceRow",
        "LicenceState",
        "LicenceStatus",
        "Money",
        "NameTarget",
        "NewAccount",
        "NewCustomer",
        "OfferChange",
        "OfferId",
        "PartnerId",
        "PartnerUser",
        "Phase",
        "PhaseName",
        "Policy",
        "PolicyBuilder",
        "PolicyName",
        "PolicyStamp",
        "Programme",
        "Programmes",
        "Purchaser",
        "Reason",
        "Refusal",
        "RegionId",
        "Relationship",
        "RelationshipState",
        "RelationshipStatus",
        "ReminderTarget",
        "Right",
        "Role",
        "Roles",
        "Rule",
        "SeatBatch",
        "SeatBatches",
        "SubscriptionMove",
        "Term",
        "Timer",
        "TimerKey",
        "TransferImpact",
        "TransferOptions",
        "TransferPlan",
        "TransferStrategy",
        "UnlinkMode",
    ];
    let visited = visited_types();
    let missing: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|name| !visited.contains(*name))
        .collect();
    assert!(missing.is_empty(), "no sample for {missing:?}");
    assert_eq!(visited.len(), expected.len(), "{visited:?}");
}

/// (c) A valid serialization of every sample deserializes to an equal value
/// and serializes to the same text again.
#[test]
fn valid_json_round_trips_for_every_serialized_type() {
    struct RoundTrip(Vec<String>, usize);
    impl Visit for RoundTrip {
        fn visit<T>(&mut self, value: &T)
        where
            T: Serialize + DeserializeOwned + PartialEq + Debug,
        {
            self.1 += 1;
            let json = serde_json::to_string(value).unwrap();
            match serde_json::from_str::<T>(&json) {
                Ok(back) if back == *value => {
                    let again = serde_json::to_string(&back).unwrap();
                    if again != json {
                        self.0.push(format!("{json} serialized again as {again}"));
                    }
                }
                Ok(back) => self.0.push(format!("{json} came back as {back:?}")),
                Err(err) => self.0.push(format!("{}: {json}: {err}", type_name::<T>())),
            }
        }
    }
    let mut check = RoundTrip(Vec::new(), 0);
    every_serialized_value(&mut check);
    assert!(check.1 > 250, "only {} samples", check.1);
    assert!(check.0.is_empty(), "{:#?}", check.0);
}

/// (a) Every strict prefix of every sample's JSON is an end-of-input error.
#[test]
fn truncated_json_is_an_error_for_every_serialized_type() {
    struct Truncations;
    impl Visit for Truncations {
        fn visit<T>(&mut self, value: &T)
        where
            T: Serialize + DeserializeOwned + PartialEq + Debug,
        {
            rejects_truncations::<T>(&serde_json::to_string(value).unwrap());
        }
    }
    every_serialized_value(&mut Truncations);
}

/// (b) Input that is not JSON, or JSON of the wrong shape for any type, is a
/// syntax or data error for every type: `null`, booleans, out-of-range
/// numbers, lone surrogates and bad escapes, invalid UTF-8, a byte-order
/// mark, nesting 10 000 deep, trailing garbage after a valid value.
#[test]
fn garbage_json_is_an_error_for_every_serialized_type() {
    struct Garbage;
    impl Visit for Garbage {
        fn visit<T>(&mut self, value: &T)
        where
            T: Serialize + DeserializeOwned + PartialEq + Debug,
        {
            let json = serde_json::to_string(value).unwrap();
            let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
            let texts = [
                "null",
                "true",
                "-1",
                "18446744073709551616",
                "1e999",
                "NaN",
                "'single quotes'",
                r#""\ud800""#,
                r#""\udc00\ud800""#,
                r#""\x41""#,
                "\u{feff}{}",
                "\"a\u{1}b\"",
                &deep,
                &format!("{json} x"),
                &format!("{json}{json}"),
                &format!("{json},"),
            ];
            for text in texts {
                match serde_json::from_str::<T>(text) {
                    Ok(parsed) => panic!("{}: {text:.60} parsed as {parsed:?}", type_name::<T>()),
                    // Complete input: a syntax or data error, not a truncation.
                    Err(err) => assert_ne!(
                        err.classify(),
                        Category::Eof,
                        "{}: {text:.60}: {err}",
                        type_name::<T>()
                    ),
                }
            }
            for bytes in [&b"\xff"[..], b"\"\xff\xfe\"", b"{\"\xc3\x28\":1}"] {
                assert!(
                    serde_json::from_slice::<T>(bytes).is_err(),
                    "{}: {bytes:?}",
                    type_name::<T>()
                );
            }
        }
    }
    every_serialized_value(&mut Garbage);
}

/// Every field of every sample replaced by a value of another type, an
/// out-of-range number, an invalid instant, an empty container, or removed:
/// never a panic; when the mutated JSON is accepted (a defaulted or
/// string-typed field), the value it gives survives another round trip.
#[test]
fn mutated_fields_never_panic_and_accepted_ones_round_trip() {
    const MUTATED_BYTES: usize = 1_000;
    struct Mutations(Vec<String>, usize, BTreeSet<String>);
    impl Visit for Mutations {
        fn visit<T>(&mut self, value: &T)
        where
            T: Serialize + DeserializeOwned + PartialEq + Debug,
        {
            let original = serde_json::to_value(value).unwrap();
            // Big samples have smaller siblings of the same type; this keeps
            // the sweep fast in debug builds.
            if original.to_string().len() > MUTATED_BYTES {
                return;
            }
            let name = type_name::<T>();
            self.2
                .insert(name.rsplit("::").next().unwrap_or(name).to_owned());
            for mutated in mutations(&original) {
                self.1 += 1;
                let text = mutated.to_string();
                if let Ok(parsed) = serde_json::from_str::<T>(&text)
                    && let Err(problem) = reserializes(&parsed)
                {
                    let known = if empties_seat_batches(&mutated) {
                        "EMPTIED-SEAT-BATCHES "
                    } else {
                        ""
                    };
                    self.0
                        .push(format!("{known}{}: {text}: {problem}", type_name::<T>()));
                }
            }
        }
    }
    let mut check = Mutations(Vec::new(), 0, BTreeSet::new());
    every_serialized_value(&mut check);
    assert!(check.1 > 10_000, "only {} mutations", check.1);
    let never: Vec<String> = visited_types().difference(&check.2).cloned().collect();
    assert!(never.is_empty(), "never mutated: {never:?}");
    // Known: see `bug_emptied_seat_batches_do_not_survive_a_round_trip`.
    check
        .0
        .retain(|problem| !problem.contains("EMPTIED-SEAT-BATCHES"));
    assert!(
        check.0.is_empty(),
        "{} problems, the first: {:.2000}",
        check.0.len(),
        check.0[0]
    );
}

/// Whether some licence in `value` lists seat batches that add up to no seat.
fn empties_seat_batches(value: &Value) -> bool {
    match value {
        Value::Object(map) => {
            let emptied = map
                .get("seat_batches")
                .and_then(Value::as_array)
                .is_some_and(|batches| {
                    batches
                        .iter()
                        .all(|batch| batch.get("seats") == Some(&json!(0)))
                });
            emptied || map.values().any(empties_seat_batches)
        }
        Value::Array(items) => items.iter().any(empties_seat_batches),
        _ => false,
    }
}

/// Every mutation of every node of `value` (see the test above).
fn mutations(value: &Value) -> Vec<Value> {
    let replacements = [
        Value::Null,
        json!(true),
        json!(-1),
        json!(0),
        json!(1.5),
        json!(4_294_967_296_u64),
        json!(""),
        json!("   "),
        json!("2026-13-40T00:00:00Z"),
        json!("+262144-01-01T00:00:00Z"),
        json!([]),
        json!({}),
    ];
    let mut paths = Vec::new();
    collect_paths(value, String::new(), &mut paths);
    let mut out = Vec::new();
    for path in &paths {
        for replacement in &replacements {
            let mut mutated = value.clone();
            if let Some(node) = mutated.pointer_mut(path) {
                *node = replacement.clone();
                out.push(mutated);
            }
        }
        if let Some((parent, key)) = path.rsplit_once('/') {
            let mut mutated = value.clone();
            if let Some(map) = mutated.pointer_mut(parent).and_then(Value::as_object_mut) {
                map.remove(key);
                out.push(mutated);
            }
        }
    }
    out
}

fn collect_paths(value: &Value, path: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                collect_paths(child, format!("{path}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                collect_paths(child, format!("{path}/{index}"), out);
            }
        }
        _ => {}
    }
    out.push(path);
}

/// (b) Malformed fields, per type: wrong types, unknown enum tags, missing
/// required fields, invalid instants, numbers out of range, negative seats:
/// each is a data error naming the problem.
#[test]
#[allow(clippy::too_many_lines)] // one block per type
fn malformed_fields_are_data_errors_naming_the_problem() {
    use Category::Data;
    let licence = active_licence();
    for (path, new, fragment) in [
        (
            "/seats",
            json!(-1),
            "invalid value: integer `-1`, expected u32",
        ),
        (
            "/seats",
            json!(4_294_967_296_u64),
            "integer `4294967296`, expected u32",
        ),
        (
            "/seats",
            json!("10"),
            "invalid type: string \"10\", expected u32",
        ),
        ("/seats", json!(1.5), "invalid type: floating point `1.5`"),
        ("/seats", Value::Null, "invalid type: null, expected u32"),
        (
            "/id",
            json!(7),
            "invalid type: integer `7`, expected a string",
        ),
        ("/state", json!("zombie"), "unknown variant `zombie`"),
        ("/state", json!(true), "invalid type"),
        (
            "/auto_renew",
            json!("yes"),
            "invalid type: string \"yes\", expected a boolean",
        ),
        (
            "/bought_by",
            json!("reseller"),
            "unknown variant `reseller`",
        ),
        // SUB-1: a partner purchase names its partner; the old bare form
        // does not say which.
        (
            "/bought_by",
            json!("partner"),
            "invalid type: unit variant, expected newtype variant",
        ),
        (
            "/bought_by",
            json!({"partner": 7}),
            "invalid type: integer `7`, expected a string",
        ),
        (
            "/bought_by",
            json!({"reseller": "acme"}),
            "unknown variant `reseller`",
        ),
        ("/term", json!("2026"), "invalid type"),
        (
            "/term/ends",
            json!("2026-13-40T00:00:00Z"),
            "input is out of range",
        ),
        (
            "/term/ends",
            json!("2026-02-30T00:00:00Z"),
            "input is out of range",
        ),
        (
            "/term/ends",
            json!("2026-06-01T25:00:00Z"),
            "input is out of range",
        ),
        ("/term/ends", json!("2026-06-01"), "premature end of input"),
        (
            "/term/ends",
            json!("2026-06-01T00:00:00"),
            "premature end of input",
        ),
        (
            "/term/ends",
            json!("tomorrow"),
            "input contains invalid characters",
        ),
        ("/term/ends", json!(""), "premature end of input"),
        (
            "/term/ends",
            json!("+262144-01-01T00:00:00Z"),
            "input is out of range",
        ),
        ("/term/ends", json!(1_798_761_600), "invalid type: integer"),
        (
            "/term/ends",
            json!("2025-01-01T00:00:00Z"),
            "a term must end after it starts",
        ),
        (
            "/term/ends",
            json!("2026-01-01T00:00:00Z"),
            "a term must end after it starts",
        ),
        ("/price/currency", json!("eur"), "three upper-case letters"),
        ("/price/currency", json!("EURO"), "three upper-case letters"),
        ("/price/currency", json!("€"), "three upper-case letters"),
        ("/price/amount", json!("12,50"), "expected a Decimal type"),
        (
            "/price/amount",
            json!("79228162514264337593543950336"),
            "expected a Decimal type",
        ),
        (
            "/price/amount",
            json!(12.5),
            "invalid type: floating point `12.5`",
        ),
        ("/price/amount", json!("NaN"), "expected a Decimal type"),
        ("/price", json!("12.50 EUR"), "invalid type"),
    ] {
        rejects::<Licence>(&with(&licence, path, new), Data, fragment);
    }
    rejects::<Licence>(
        &with(&licence, "/seats", json!(0)),
        Data,
        "a licence needs at least 1 seat",
    );
    for field in [
        "/id",
        "/offer",
        "/seats",
        "/bought_by",
        "/state",
        "/term",
        "/auto_renew",
        "/term/ends",
    ] {
        let name = field.rsplit('/').next().unwrap();
        rejects::<Licence>(
            &without(&licence, field),
            Data,
            &format!("missing field `{name}`"),
        );
    }
    let batches = json!([{"seats": -1, "added_at": "2026-01-01T00:00:00Z"}]);
    rejects::<Licence>(
        &with(&licence, "/seat_batches", batches),
        Data,
        "expected u32",
    );
    let batches = json!([{"seats": 1}]);
    rejects::<Licence>(
        &with(&licence, "/seat_batches", batches),
        Data,
        "missing field `added_at`",
    );
    rejects::<Licence>(
        &with(&licence, "/seat_batches", json!("all")),
        Data,
        "invalid type",
    );

    // Commands.
    for (json, fragment) in [
        (r#"{"type":"change_seats","seats":-1}"#, "expected u32"),
        (
            r#"{"type":"change_seats","seats":4294967296}"#,
            "expected u32",
        ),
        (r#"{"type":"change_seats","seats":"10"}"#, "invalid type"),
        (
            r#"{"type":"change_seats","seats":null}"#,
            "invalid type: null",
        ),
        (r#"{"type":"change_seats"}"#, "missing field `seats`"),
        (r#"{"type":"reactivate","term_days":-365}"#, "expected u32"),
        (r#"{"type":"reactivate"}"#, "missing field `term_days`"),
        (r#"{"type":"set_auto_renew","on":"true"}"#, "invalid type"),
        (r#"{"type":"teleport"}"#, "unknown variant `teleport`"),
        (r#"{"type":"Suspend"}"#, "unknown variant `Suspend`"),
        (r#"{"type":null}"#, "invalid type: null"),
        (r#"{}"#, "missing field `type`"),
        (
            r#"{"type":"deliver","key":{"timer":"term_end","customer":"rossi","licence":"L-1"}}"#,
            "missing field `due`",
        ),
        (
            r#"{"type":"deliver","key":{"timer":"nope","customer":"rossi","licence":"L-1"},"due":"2026-01-01T00:00:00Z"}"#,
            "unknown variant `nope`",
        ),
        (
            r#"{"type":"deliver","key":{"timer":"term_end","customer":"rossi","licence":"L-1"},"due":"2026-13-40T00:00:00Z"}"#,
            "input is out of range",
        ),
        (
            r#"{"type":"deliver","key":{"timer":"reminder","customer":"rossi","licence":"L-1","before":"launch","days":3},"due":"2026-01-01T00:00:00Z"}"#,
            "unknown variant `launch`",
        ),
        (
            r#"{"type":"deliver","key":{"timer":"reminder","customer":"rossi","licence":"L-1","before":"term_end","days":-3},"due":"2026-01-01T00:00:00Z"}"#,
            "expected u32",
        ),
    ] {
        rejects::<LicenceCommand>(json, Data, fragment);
    }
    for (json, fragment) in [
        (
            r#"{"type":"add_subscription","licence":"L-9","offer":"endpoint","seats":-1,"term_days":365}"#,
            "expected u32",
        ),
        (
            r#"{"type":"add_subscription","licence":"L-9","offer":"endpoint","seats":4294967296,"term_days":365}"#,
            "expected u32",
        ),
        (
            r#"{"type":"add_subscription","licence":"L-9","seats":5,"term_days":365}"#,
            "missing field `offer`",
        ),
        (
            r#"{"type":"add_subscription","licence":"L-9","offer":"endpoint","seats":5,"term_days":"365"}"#,
            "invalid type",
        ),
        (
            r#"{"type":"add_subscription","licence":"L-9","offer":"endpoint","seats":5,"term_days":365,"price":{"amount":"1","currency":"eur"}}"#,
            "three upper-case letters",
        ),
        (
            r#"{"type":"rename","name":42}"#,
            "invalid type: integer `42`",
        ),
        (r#"{"type":"rename","name":null}"#, "invalid type: null"),
        (r#"{"type":"rename"}"#, "missing field `name`"),
        (
            r#"{"type":"unlink","mode":"later"}"#,
            "unknown variant `later`",
        ),
        (r#"{"type":"accept_invitation"}"#, "missing field `partner`"),
        (
            r#"{"type":"enrol_early_access","programme":"eap"}"#,
            "missing field `flex_compatible`",
        ),
        (
            r#"{"type":"licence","licence":"L-1","command":{"type":"bogus"}}"#,
            "unknown variant `bogus`",
        ),
        (
            r#"{"type":"licence","licence":"L-1"}"#,
            "missing field `command`",
        ),
        (
            r#"{"type":"deliver","key":{"timer":"scheduled_unlink","customer":"rossi"},"due":"2026-07-01T00:00:00Z"}"#,
            "missing field `partner`",
        ),
        (r#"{"type":"convert_to_monthly_usage"}"#, "unknown variant"),
    ] {
        rejects::<AccountCommand>(json, Data, fragment);
    }
    for (json, fragment) in [
        (
            r#"{"type":"create_trial","customer":{"id":"b","name":"B","region":"eu"},"licence":"L","offer":"o","seats":-1,"trial_days":30}"#,
            "expected u32",
        ),
        (
            r#"{"type":"create_trial","customer":{"id":"b","name":"B","region":"eu"},"licence":"L","offer":"o","seats":1,"trial_days":4294967296}"#,
            "expected u32",
        ),
        (
            r#"{"type":"create_trial","customer":{"id":"b","region":"eu"},"licence":"L","offer":"o","seats":1,"trial_days":30}"#,
            "missing field `name`",
        ),
        (
            r#"{"type":"create_monthly_account"}"#,
            "missing field `customer`",
        ),
        (
            r#"{"type":"create_account","customer":{"id":"b","name":"B","region":"eu"}}"#,
            "unknown variant `create_account`",
        ),
    ] {
        rejects::<NewAccount>(json, Data, fragment);
    }

    // Events.
    let event = LicenceEvent {
        licence: "L-1".into(),
        decided_at: t0(),
        policy: Policy::standard().stamp(),
        change: every_licence_change()[0],
    };
    for (path, new, fragment) in [
        ("/renewals", json!(-1), "expected u64"),
        ("/renewals", json!(1.0e20), "invalid type: floating point"),
        ("/type", json!("exploded"), "unknown variant `exploded`"),
        (
            "/decided_at",
            json!("2026-13-40T00:00:00Z"),
            "input is out of range",
        ),
        ("/policy/version", json!(-1), "expected u32"),
        ("/policy/version", json!(4_294_967_296_u64), "expected u32"),
        ("/policy", json!("standard"), "invalid type"),
        (
            "/term/starts",
            json!("2028-01-01T00:00:00Z"),
            "a term must end after it starts",
        ),
    ] {
        rejects::<LicenceEvent>(&with(&event, path, new), Data, fragment);
    }
    for field in [
        "/licence",
        "/decided_at",
        "/policy",
        "/type",
        "/renewals",
        "/policy/name",
    ] {
        let name = field.rsplit('/').next().unwrap();
        rejects::<LicenceEvent>(
            &without(&event, field),
            Data,
            &format!("missing field `{name}`"),
        );
    }
    // A u64 one past its maximum, in the text (a JSON value cannot hold it).
    let text = serde_json::to_string(&event).unwrap().replace(
        &format!("\"renewals\":{}", u64::MAX),
        "\"renewals\":18446744073709551616",
    );
    rejects::<LicenceEvent>(&text, Data, "invalid type: floating point");
    rejects::<LicenceChange>(
        r#"{"type":"cancelled","at":"2026-01-01T00:00:00Z","by":"request"}"#,
        Data,
        "missing field `forfeited_days`",
    );
    rejects::<LicenceChange>(
        r#"{"type":"cancelled","at":"2026-01-01T00:00:00Z","by":"mistake","forfeited_days":1}"#,
        Data,
        "unknown variant `mistake`",
    );
    rejects::<AccountChange>(
        r#"{"type":"renamed","from":"A"}"#,
        Data,
        "missing field `to`",
    );
    rejects::<AccountChange>(r#"{"type":"created"}"#, Data, "missing field `account`");
    rejects::<AccountEvent>(
        r#"{"customer":"rossi","decided_at":"2026-01-01T00:00:00Z","policy":{"name":"standard","version":1},"type":"billing_changed","from":"trial","to":"barter"}"#,
        Data,
        "unknown variant `barter`",
    );

    // Accounts.
    let account = medium_account();
    for (path, new, fragment) in [
        ("/billing", json!("barter"), "unknown variant `barter`"),
        ("/created_by", json!("robot"), "unknown variant `robot`"),
        ("/name", json!(42), "invalid type: integer `42`"),
        ("/partner_assistance", json!("on"), "invalid type"),
        ("/relationships", json!({}), "invalid type: map"),
        (
            "/relationships/0/state",
            json!("married"),
            "unknown variant `married`",
        ),
        (
            "/relationships/1/at",
            json!("2026-13-40T00:00:00Z"),
            "input is out of range",
        ),
        (
            "/licences/0/seats",
            json!(0),
            "a licence needs at least 1 seat",
        ),
        ("/licences/0/seats", json!(-5), "expected u32"),
        (
            "/mdr_reports_until",
            json!("2026-02-30T00:00:00Z"),
            "input is out of range",
        ),
        ("/contact/email", json!(["a@b"]), "invalid type: sequence"),
        (
            "/groups/0",
            json!({"partner": "acme"}),
            "missing field `group`",
        ),
        ("/early_access", json!("eap-xdr"), "invalid type"),
    ] {
        rejects::<Account>(&with(&account, path, new), Data, fragment);
    }
    for field in [
        "id",
        "name",
        "region",
        "billing",
        "created_by",
        "partner_assistance",
    ] {
        rejects::<Account>(
            &without(&account, &format!("/{field}")),
            Data,
            &format!("missing field `{field}`"),
        );
    }
    let unscheduled = json!({"partner": "gamma", "state": "unlink_scheduled"});
    rejects::<Account>(
        &with(&account, "/relationships/1", unscheduled),
        Data,
        "missing field `unlink_at`",
    );

    // Actors and the small types.
    for (json, fragment) in [
        (
            r#"{"type":"partner","region":"eu"}"#,
            "missing field `partner`",
        ),
        (
            r#"{"type":"partner","partner":"acme"}"#,
            "missing field `region`",
        ),
        (
            r#"{"type":"partner","partner":"acme","region":"eu","roles":["god"]}"#,
            "unknown variant `god`",
        ),
        (
            r#"{"type":"partner","partner":"acme","region":"eu","roles":"super_admin"}"#,
            "invalid type",
        ),
        (
            r#"{"type":"partner","partner":"acme","region":"eu","programmes":[1]}"#,
            "invalid type",
        ),
        (
            r#"{"type":"partner","partner":"acme","region":"eu","offers":[null]}"#,
            "invalid type: null",
        ),
        (r#"{"type":"customer_admin"}"#, "missing field `customer`"),
        (r#"{"type":"alien"}"#, "unknown variant `alien`"),
        (r#""vendor""#, "invalid type"),
    ] {
        rejects::<Actor>(json, Data, fragment);
    }
    for (json, fragment) in [
        (
            r#"{"type":"schedule","key":{"timer":"term_end","customer":"rossi"},"due":"2026-01-01T00:00:00Z"}"#,
            "missing field `licence`",
        ),
        (r#"{"type":"cancel"}"#, "missing field `key`"),
        (
            r#"{"type":"propagate_name","to":"fax","customer":"rossi","name":"R"}"#,
            "unknown variant `fax`",
        ),
        (r#"{"type":"notify"}"#, "unknown variant `notify`"),
    ] {
        rejects::<Effect>(json, Data, fragment);
    }
    rejects::<Timer>(
        r#"{"key":{"timer":"term_end","customer":"rossi","licence":"L-1"}}"#,
        Data,
        "missing field `due`",
    );
    rejects::<TimerKey>(r#"{"licence":"L-1"}"#, Data, "missing field `timer`");
    // Every key names its customer.
    rejects::<TimerKey>(
        r#"{"timer":"term_end","licence":"L-1"}"#,
        Data,
        "missing field `customer`",
    );
    rejects::<Term>(
        r#"{"starts":"2026-01-01T00:00:00Z"}"#,
        Data,
        "missing field `ends`",
    );
    rejects::<Term>(
        r#"{"starts":"2026-01-01T00:00:00Z","ends":null}"#,
        Data,
        "invalid type: null",
    );
    rejects::<Money>(r#"{"amount":"1.00"}"#, Data, "missing field `currency`");
    rejects::<Money>(
        r#"{"amount":"","currency":"EUR"}"#,
        Data,
        "expected a Decimal type",
    );
    rejects::<Currency>(r#""""#, Data, "three upper-case letters");
    rejects::<Currency>(r#""ÉUR""#, Data, "three upper-case letters");
    rejects::<Rule>(
        r#""LIC-99""#,
        Data,
        "`LIC-99` is not a rule ID of the catalogue",
    );
    rejects::<Rule>(
        r#""lic-1""#,
        Data,
        "`lic-1` is not a rule ID of the catalogue",
    );
    rejects::<Rule>(r#""""#, Data, "is not a rule ID");
    rejects::<Refusal>(
        r#"{"rule":"LIC-99","reason":{"type":"assistance_disabled"}}"#,
        Data,
        "not a rule ID",
    );
    rejects::<Refusal>(r#"{"rule":"LIC-1"}"#, Data, "missing field `reason`");
    rejects::<Reason>(
        r#"{"type":"too_few_seats","licence":"L-1","requested":-1}"#,
        Data,
        "expected u32",
    );
    rejects::<Reason>(
        r#"{"type":"bad_vibes"}"#,
        Data,
        "unknown variant `bad_vibes`",
    );
    rejects::<Roles>(r#"["super_admin","god"]"#, Data, "unknown variant `god`");
    rejects::<Roles>(r#"["super_admin",1]"#, Category::Syntax, "expected value");
    rejects::<Programmes>(r#""msp_flex""#, Data, "invalid type");
    rejects::<LicenceId>("42", Data, "invalid type: integer `42`, expected a string");
    rejects::<CustomerId>(r#"{"id":"rossi"}"#, Data, "invalid type: map");
    rejects::<DisplayName>("[]", Data, "invalid type: sequence");
    rejects::<PolicyStamp>(r#"{"name":"standard"}"#, Data, "missing field `version`");
    rejects::<PolicyStamp>(r#"{"name":"standard","version":-1}"#, Data, "expected u32");
    rejects::<Phase>(
        r#"{"name":"limbo","allows":{}}"#,
        Data,
        "unknown variant `limbo`",
    );
    rejects::<Phase>(
        r#"{"name":"grace","until_day":"30","allows":{}}"#,
        Data,
        "invalid type",
    );
    rejects::<Phase>(r#"{"name":"grace"}"#, Data, "missing field `allows`");
    rejects::<Allowances>(r#"{"user_access":"yes"}"#, Data, "invalid type");
    rejects::<CustomerQuery>(r#"{"search":"rossi"}"#, Data, "missing field `partner`");
    rejects::<CustomerQuery>(r#"{"partner":"acme","search":42}"#, Data, "invalid type");
    rejects::<TransferOptions>(r#"{"cancel_early":"yes"}"#, Data, "invalid type");
    rejects::<OfferChange>(
        r#"{"from_offer":"a","seats_from":-1,"to_offer":"b","seats_to":1}"#,
        Data,
        "expected u32",
    );
    rejects::<SeatBatches>(
        r#"[{"seats":1,"added_at":"yesterday"}]"#,
        Data,
        "input contains invalid characters",
    );
}

/// Amounts in every notation `rust_decimal` might meet, including exponents
/// far out of range: an error or a value that round-trips, never a panic.
#[test]
fn extreme_decimal_notations_in_money_are_errors_or_exact_values() {
    let accepted = |amount: &str| {
        let json = format!(r#"{{"amount":"{amount}","currency":"EUR"}}"#);
        match serde_json::from_str::<Money>(&json) {
            Ok(money) => {
                reserializes(&money).unwrap();
                Some(money.amount)
            }
            Err(err) => {
                assert_eq!(err.classify(), Category::Data, "{amount}: {err}");
                None
            }
        }
    };
    for amount in [
        "1e999999999",
        "1e-999999999",
        "9e28",
        "-9e28",
        "1E-29",
        "79228162514264337593543950336",
        "--1",
        "1..0",
        " 1",
        "0x10",
        "∞",
    ] {
        assert_eq!(accepted(amount), None, "{amount}");
    }
    assert_eq!(accepted("1e3"), Some(Decimal::from(1000)));
    assert_eq!(accepted("-0"), Some(Decimal::ZERO));
    assert_eq!(
        accepted("79228162514264337593543950335"),
        Some(Decimal::MAX)
    );
    // More fractional digits than a decimal holds: whatever it gives, exact
    // and stable.
    let _ = accepted("0.000000000000000000000000000001");
    let _ = accepted("1.00000000000000000000000000001");
}

/// Types that validate when deserialized say what was wrong, in the words
/// of the crate's own error.
#[test]
fn validating_types_reject_invalid_values_with_the_crates_message() {
    use Category::Data;
    let term = r#"{"starts":"2026-01-01T00:00:00Z","ends":"2025-12-31T23:59:59Z"}"#;
    rejects::<Term>(term, Data, &Error::InvalidTerm.to_string());
    let term = r#"{"starts":"2026-01-01T00:00:00Z","ends":"2026-01-01T00:00:00Z"}"#;
    rejects::<Term>(term, Data, &Error::InvalidTerm.to_string());
    let licence = with(&active_licence(), "/seats", json!(0));
    rejects::<Licence>(&licence, Data, &Error::ZeroSeats.to_string());
    rejects::<Currency>(r#""usd""#, Data, &Error::InvalidCurrency.to_string());

    let mut twice = medium_account();
    twice.licences.push(active_licence());
    let duplicate = Error::DuplicateLicence {
        licence: "L-1".into(),
    };
    let json = serde_json::to_string(&twice).unwrap();
    rejects::<Account>(&json, Data, &duplicate.to_string());
    // Also inside the event that creates an account.
    let event = AccountEvent {
        customer: "rossi".into(),
        decided_at: t0(),
        policy: Policy::standard().stamp(),
        change: AccountChange::Created {
            account: Box::new(twice),
        },
    };
    rejects::<AccountEvent>(
        &serde_json::to_string(&event).unwrap(),
        Data,
        &duplicate.to_string(),
    );

    let mut twice = serde_json::to_value(medium_account()).unwrap();
    let first = twice["relationships"][0].clone();
    twice["relationships"].as_array_mut().unwrap().push(first);
    let duplicate = Error::DuplicateRelationship {
        partner: "acme".into(),
    };
    rejects::<Account>(&twice.to_string(), Data, &duplicate.to_string());
    rejects::<AccountChange>(
        &json!({"type": "created", "account": twice}).to_string(),
        Data,
        &duplicate.to_string(),
    );
}

// ================================================================ 2. seats

/// Zero seats: `Error::ZeroSeats` from the constructors and account
/// creation, a refusal naming the rule from commands (LIC-11, SUB-4), a
/// data error from JSON.
#[test]
fn zero_seats_are_an_error_through_every_entry_point() {
    let policy = Policy::standard();
    let term = year_2026();
    for state in [
        LicenceState::Trial { term },
        LicenceState::Active {
            term,
            auto_renew: true,
        },
        LicenceState::Expired { at: t0() },
        LicenceState::Cancelled {
            at: t0(),
            by: CancelledBy::Request,
        },
    ] {
        assert_eq!(
            Licence::new("L-0", "endpoint", 0, state, by_acme()),
            Err(Error::ZeroSeats)
        );
    }
    assert_eq!(
        Licence::active("L-0", "endpoint", 0, term, true, by_acme()),
        Err(Error::ZeroSeats)
    );
    assert_eq!(
        Licence::trial("L-0", "endpoint", 0, term, by_acme()),
        Err(Error::ZeroSeats)
    );

    // LIC-11: a licence has at least 1 seat.
    let zero = LicenceCommand::ChangeSeats { seats: 0 };
    let refused =
        refusal(active_licence().decide(&customer(), &zero, &Context::new(t0(), &acme(), &policy)));
    assert_eq!(refused.rule(), Rule::Lic11);
    assert_eq!(
        refused.reason(),
        &Reason::TooFewSeats {
            licence: "L-1".into(),
            requested: 0
        }
    );
    let account = medium_account();
    let command = AccountCommand::Licence {
        licence: "L-1".into(),
        command: zero.clone(),
    };
    let refused = refusal(account.decide(&command, &Context::new(t0(), &acme(), &policy)));
    assert_eq!(refused.rule(), Rule::Lic11);
    // The same command in JSON deserializes; deciding it is what refuses.
    let parsed: LicenceCommand =
        serde_json::from_str(r#"{"type":"change_seats","seats":0}"#).unwrap();
    assert_eq!(parsed, zero);

    // SUB-4: a new subscription has at least one seat.
    let add = AccountCommand::AddSubscription {
        licence: "L-9".into(),
        offer: "endpoint".into(),
        seats: 0,
        term_days: 365,
        auto_renew: true,
        price: None,
    };
    let refused = refusal(account.decide(&add, &Context::new(t0(), &acme(), &policy)));
    assert_eq!(refused.rule(), Rule::Sub4);
    assert_eq!(
        refused.reason(),
        &Reason::TooFewSeats {
            licence: "L-9".into(),
            requested: 0
        }
    );

    // A trial created with no seat.
    let create = NewAccount::CreateTrial {
        customer: new_customer(),
        licence: "L-1".into(),
        offer: "endpoint".into(),
        seats: 0,
        trial_days: 30,
    };
    assert_eq!(
        Account::create(&create, &Context::new(t0(), &acme(), &policy)).unwrap_err(),
        Error::ZeroSeats
    );
}

/// `u32::MAX` seats: accepted everywhere, priced without overflow with a
/// real price, seat batches never overflow, and POL-2's removable count is
/// exact.
#[test]
fn maximal_seat_counts_are_accepted_and_priced_without_overflow() {
    let policy = Policy::standard();
    let microsoft = Policy::microsoft_new_commerce();
    let term = year_2026();
    let most = u32::MAX;
    for licence in [
        Licence::active("L-1", "endpoint", most, term, true, by_acme()),
        Licence::trial("L-1", "endpoint", most, term, by_acme()),
        Licence::new(
            "L-1",
            "endpoint",
            most,
            LicenceState::Expired { at: t0() },
            by_acme(),
        ),
    ] {
        let licence = licence.unwrap();
        assert_eq!(licence.seats, most);
        reserializes(&licence).unwrap();
    }
    let parsed: Licence =
        serde_json::from_str(&with(&active_licence(), "/seats", json!(most))).unwrap();
    assert_eq!(parsed.seats, most);

    // From 10 to u32::MAX seats and back (LIC-11, POL-2).
    let now = at("2026-06-01T00:00:00Z");
    let grow = LicenceCommand::ChangeSeats { seats: most };
    let licence = active_licence();
    let decision = licence
        .decide(&customer(), &grow, &Context::new(now, &acme(), &microsoft))
        .unwrap();
    let changes: Vec<LicenceChange> = decision.events().map(|e| e.change).collect();
    assert_eq!(
        changes,
        [LicenceChange::SeatsChanged { from: 10, to: most }]
    );
    let grown = decision.events().fold(licence, Licence::evolve);
    assert_eq!(grown.seats, most);
    let batches: u64 = grown.seat_batches.iter().map(|b| u64::from(b.seats)).sum();
    assert_eq!(batches, u64::from(most));
    assert!(
        grown
            .decide(&customer(), &grow, &Context::new(now, &acme(), &microsoft))
            .unwrap()
            .is_empty()
    );
    // Only the seats added in the last 7 days may go again (POL-2).
    let shrink = LicenceCommand::ChangeSeats { seats: 1 };
    let refused = refusal(grown.decide(
        &customer(),
        &shrink,
        &Context::new(now, &acme(), &microsoft),
    ));
    assert_eq!(refused.rule(), Rule::Pol2);
    assert_eq!(
        refused.reason(),
        &Reason::SeatDecreaseWindowClosed {
            licence: "L-1".into(),
            requested: 1,
            current: most,
            removable: most - 10,
            window_days: 7,
        }
    );
    let back = LicenceCommand::ChangeSeats { seats: 10 };
    assert!(
        grown
            .decide(&customer(), &back, &Context::new(now, &acme(), &microsoft))
            .is_ok()
    );

    // Cancelling u32::MAX seats at 12.50 EUR each: 53 687 091 187.50 EUR for
    // the year, the unused part forfeited (LIC-8), exact to the cent.
    let total = eur("12.50").times(most).unwrap();
    assert_eq!(total.amount, "53687091187.50".parse::<Decimal>().unwrap());
    let cancel = LicenceCommand::Cancel;
    let decision = grown
        .decide(&customer(), &cancel, &Context::new(now, &acme(), &policy))
        .unwrap();
    let Some(LicenceChange::Cancelled {
        forfeited_days,
        forfeited: Some(forfeited),
        refund: None,
        ..
    }) = decision.events().next_back().map(|e| e.change)
    else {
        panic!("{decision:?}");
    };
    assert_eq!(forfeited_days, 214);
    let (_, unused) = total.prorate(365 - 214, 365).unwrap();
    assert_eq!(forfeited, unused);
    assert!(forfeited.amount > Decimal::ZERO && forfeited.amount < total.amount);

    // Adding a subscription of u32::MAX seats, and a trial of as many.
    let add = AccountCommand::AddSubscription {
        licence: "L-9".into(),
        offer: "endpoint".into(),
        seats: most,
        term_days: 365,
        auto_renew: true,
        price: Some(eur("9.99")),
    };
    let account = medium_account();
    let decision = account
        .decide(&add, &Context::new(now, &acme(), &policy))
        .unwrap();
    let account = decision.events().fold(account, Account::evolve);
    let added = account
        .licences
        .iter()
        .find(|l| l.id.as_str() == "L-9")
        .unwrap();
    assert_eq!(added.seats, most);
    let create = NewAccount::CreateTrial {
        customer: new_customer(),
        licence: "L-1".into(),
        offer: "endpoint".into(),
        seats: most,
        trial_days: 30,
    };
    let decision = Account::create(&create, &Context::new(now, &acme(), &policy)).unwrap();
    let created = Account::from_events(decision.events()).unwrap();
    assert_eq!(created.licences[0].seats, most);

    // Saturation: seat batches that add up past u32::MAX never overflow.
    let batches = json!([
        {"seats": most, "added_at": "2026-05-30T00:00:00Z"},
        {"seats": most, "added_at": "2026-05-31T00:00:00Z"},
    ]);
    let json = with(&with_seats(most), "/seat_batches", batches);
    let saturated: Licence = serde_json::from_str(&json).unwrap();
    assert_eq!(saturated.seat_batches.removable(now, 7), most);
    assert!(
        saturated
            .decide(
                &customer(),
                &shrink,
                &Context::new(now, &acme(), &microsoft)
            )
            .is_ok()
    );
}

fn with_seats(seats: u32) -> Licence {
    Licence::active("L-1", "endpoint", seats, year_2026(), true, by_acme()).unwrap()
}

/// POL-4 at the edges of `Decimal`: the largest price times any seat count
/// above one, or prorated over more than one day, is
/// `Error::AmountOutOfRange`, wherever the crate multiplies.
#[test]
fn prices_times_maximal_seats_overflow_to_amount_out_of_range() {
    let yen: Currency = "JPY".parse().unwrap();
    let most = Money::new(Decimal::MAX, yen);
    assert_eq!(most.times(1).unwrap(), most);
    assert_eq!(most.times(2), Err(Error::AmountOutOfRange));
    assert_eq!(most.times(u32::MAX), Err(Error::AmountOutOfRange));
    assert_eq!(
        Money::new(Decimal::MIN, yen).times(u32::MAX),
        Err(Error::AmountOutOfRange)
    );
    assert_eq!(most.times(0).unwrap().amount, Decimal::ZERO);
    assert_eq!(most.prorate(0, 3), Err(Error::AmountOutOfRange));
    assert_eq!(most.prorate(1, 1).unwrap().1.amount, Decimal::ZERO);
    assert_eq!(eur("1").prorate(0, 0), Err(Error::InvalidTerm));
    // More used days than the term has: nothing unused, no underflow.
    assert_eq!(
        eur("365").prorate(u32::MAX, 365).unwrap().1.amount,
        Decimal::ZERO
    );
    let (used, unused) = eur("12.50")
        .times(u32::MAX)
        .unwrap()
        .prorate(1, u32::MAX)
        .unwrap();
    assert_eq!(
        used.checked_add(unused).unwrap().amount,
        "53687091187.50".parse::<Decimal>().unwrap()
    );
    // The smallest amount times the most seats rounds to the cent.
    let tiny = Money::new("0.0000000000000000000000000001".parse().unwrap(), yen);
    assert_eq!(tiny.times(u32::MAX).unwrap().amount, Decimal::ZERO);

    // A licence priced at Decimal::MAX with 2 seats: cancelling it (LIC-8)
    // or planning its early cancellation (XFER-2) cannot price it. Its
    // suspension's cancellation (LIC-7) is a timer, which cannot be refused
    // (it would stay overdue and block the licence): it cancels the licence
    // without an amount.
    let policy = Policy::standard();
    let licence = Licence::active("L-1", "endpoint", 2, year_2026(), false, by_acme())
        .unwrap()
        .with_price(most);
    let partner = acme();
    let ctx = Context::new(t0(), &partner, &policy);
    assert_eq!(
        licence.decide(&customer(), &LicenceCommand::Cancel, &ctx),
        Err(Error::AmountOutOfRange)
    );
    let suspended = licence
        .decide(&customer(), &LicenceCommand::Suspend, &ctx)
        .unwrap()
        .events()
        .fold(licence.clone(), Licence::evolve);
    let timer = suspended.timers(&customer(), &policy).last().unwrap();
    let vendor = Actor::Vendor;
    let late = Context::new(timer.due, &vendor, &policy);
    let delivered = suspended
        .decide(&customer(), &LicenceCommand::Deliver(timer), &late)
        .unwrap();
    let changes: Vec<_> = delivered.events().map(|e| e.change).collect();
    assert!(
        matches!(
            changes[..],
            [LicenceChange::Cancelled {
                by: CancelledBy::Suspension,
                forfeited: None,
                refund: None,
                ..
            }]
        ),
        "{changes:?}"
    );
    // Every later decision on it works.
    assert!(matches!(
        suspended.decide(&customer(), &LicenceCommand::Resume, &late),
        Err(Error::Refused(_))
    ));
    let account = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Term,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::Linked)
    .with_licence(licence);
    let options = TransferOptions::default().cancel_early(true);
    let to = PartnerUser::new("newco", "eu");
    assert_eq!(
        transfer_plan(&account, &"acme".into(), &to, options, t0(), &policy),
        Err(Error::AmountOutOfRange)
    );
    let cancel = AccountCommand::Licence {
        licence: "L-1".into(),
        command: LicenceCommand::Cancel,
    };
    assert_eq!(account.decide(&cancel, &ctx), Err(Error::AmountOutOfRange));
}

// ================================================================ 3. names

/// The names that CUST-4 refuses at creation and on a rename: `(name,
/// characters after trimming)`.
fn refused_names() -> Vec<(String, usize)> {
    let ten_kb = 10_240;
    vec![
        (String::new(), 0),
        ("   ".into(), 0),
        ("\t\r\n \u{a0}\u{2003}\u{3000}".into(), 0),
        ("a".repeat(ten_kb), ten_kb),
        ("é".repeat(ten_kb), ten_kb),
        ("日".repeat(ten_kb), ten_kb),
        ("🦀".repeat(ten_kb), ten_kb),
        (format!("  {}  ", "x".repeat(ten_kb)), ten_kb),
        ("ß".repeat(256), 256),
    ]
}

fn invalid_name(refusal: &Refusal, chars: usize, max: u32) {
    assert_eq!(refusal.rule(), Rule::Cust4, "{refusal}");
    let Reason::InvalidName {
        chars: counted,
        max: allowed,
        ..
    } = refusal.reason()
    else {
        panic!("{refusal:?}");
    };
    assert_eq!((*counted, *allowed), (chars, max));
    assert!(
        refusal.to_string().contains(&format!(
            "a display name has 1 to {max} characters after trimming, not {chars}"
        )),
        "{refusal}"
    );
}

/// CUST-4: blank, whitespace-only and 10 kB names (ASCII and 2-, 3- and
/// 4-byte characters) are refused when an account is created and when it
/// is renamed, counting characters after trimming, not bytes.
#[test]
fn blank_and_10_kb_names_are_refused_with_cust_4_on_creation_and_rename() {
    let policy = Policy::standard();
    let partner = acme();
    let ctx = Context::new(t0(), &partner, &policy);
    let account = medium_account();
    for (name, chars) in refused_names() {
        let customer = NewCustomer::new("bianchi", &name, "eu");
        for create in [
            NewAccount::CreateTrial {
                customer: customer.clone(),
                licence: "L-1".into(),
                offer: "endpoint".into(),
                seats: 1,
                trial_days: 30,
            },
            NewAccount::CreateMonthlyAccount { customer },
        ] {
            invalid_name(&refusal(Account::create(&create, &ctx)), chars, 255);
        }
        let rename = AccountCommand::Rename {
            name: DisplayName::new(&name),
        };
        invalid_name(&refusal(account.decide(&rename, &ctx)), chars, 255);
        // The same rename as JSON.
        let json = json!({"type": "rename", "name": name}).to_string();
        let parsed: AccountCommand = serde_json::from_str(&json).unwrap();
        invalid_name(&refusal(account.decide(&parsed, &ctx)), chars, 255);
    }
    // 255 characters of 4 bytes each (1 020 bytes), padded: accepted.
    let longest = format!(" \t{} \n", "🦀".repeat(255));
    let rename = AccountCommand::Rename {
        name: DisplayName::new(&longest),
    };
    let renamed = account.decide(&rename, &ctx).unwrap();
    let renamed = renamed.events().fold(account.clone(), Account::evolve);
    assert_eq!(renamed.name.as_str(), "🦀".repeat(255));
    // A policy's own limit applies (CUST-4), and the largest one admits 10 kB.
    let short = custom_policy();
    let refused = account.decide(&rename, &Context::new(t0(), &acme(), &short));
    invalid_name(&refusal(refused), 255, 80);
    let roomy = Policy::standard()
        .to_builder()
        .name("roomy")
        .display_name_max_chars(u32::MAX)
        .build()
        .unwrap();
    let huge = AccountCommand::Rename {
        name: DisplayName::new(&"日".repeat(10_240)),
    };
    assert!(
        account
            .decide(&huge, &Context::new(t0(), &acme(), &roomy))
            .is_ok()
    );
    // An account stored with a blank name (JSON does not check CUST-4) can
    // still be decided on, and renamed to a valid name.
    let blank: Account = serde_json::from_str(&with(&account, "/name", json!("   "))).unwrap();
    assert_eq!(blank.name.as_str(), "");
    let rename = AccountCommand::Rename {
        name: DisplayName::new("Rossi SpA"),
    };
    let decision = blank.decide(&rename, &ctx).unwrap();
    assert!(decision.events().any(|e| matches!(
        &e.change,
        AccountChange::Renamed { to, .. } if to.as_str() == "Rossi SpA"
    )));
}

/// CUST-1: search with blank and 10 kB queries over 10 kB names, in scripts
/// whose case folding changes lengths (ß, İ, ς): never a panic, and the
/// matches are the expected ones.
#[test]
fn search_with_blank_and_10_kb_names_and_queries_never_panics() {
    let ten_kb = 10_240;
    let names = [
        "a".repeat(ten_kb),
        "ß".repeat(ten_kb),
        "İ".repeat(ten_kb),
        "ς".repeat(ten_kb),
        "🦀".repeat(ten_kb),
        String::new(),
    ];
    for name in &names {
        assert!(name_matches(name, ""));
        assert!(name_matches(name, " \t\n"));
        assert!(name_matches(name, name), "{:.10}", name);
        assert!(!name_matches(name, &"z".repeat(ten_kb)));
    }
    assert!(name_matches(&"ß".repeat(ten_kb), &"SS".repeat(ten_kb)));
    assert!(name_matches(&"STRASSE".repeat(1_000), "straße"));
    assert!(name_matches(&"Σ".repeat(ten_kb), &"ς".repeat(ten_kb)));
    assert!(name_matches(&"İ".repeat(ten_kb), &"i".repeat(ten_kb)));
    assert!(!name_matches("", &"a".repeat(ten_kb)));

    let policy = Policy::standard();
    let accounts: Vec<Account> = names
        .iter()
        .enumerate()
        .map(|(index, name)| {
            Account::new(
                format!("c{index}"),
                name,
                "eu",
                BillingType::Term,
                CreatedBy::Partner,
            )
            .with_relationship("acme", RelationshipState::Linked)
        })
        .collect();
    let all = CustomerQuery::for_partner(&acme_user());
    assert_eq!(
        customer_list(&accounts, &all, t0(), &policy).len(),
        names.len()
    );
    let blank = all.clone().search("   ");
    assert_eq!(
        customer_list(&accounts, &blank, t0(), &policy).len(),
        names.len()
    );
    let nobody = all.clone().search("z".repeat(ten_kb));
    assert!(customer_list(&accounts, &nobody, t0(), &policy).is_empty());
    let crabs = all.clone().search("🦀".repeat(ten_kb));
    let rows = customer_list(&accounts, &crabs, t0(), &policy);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].customer.as_str(), "c4");
    let sharp = all.search("ss".repeat(ten_kb));
    let rows = customer_list(&accounts, &sharp, t0(), &policy);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].customer.as_str(), "c1");
}

// ============================================== 4. instants at chrono's limits

/// `MIN`, a day after it, an ordinary instant, a day before `MAX`, `MAX`.
fn extreme_instants() -> [DateTime<Utc>; 5] {
    [MIN, MIN + day(1), t0(), MAX - day(1), MAX]
}

/// Terms at and near both ends of time, the whole range, and tiny ones.
fn extreme_terms() -> Vec<Term> {
    vec![
        year_2026(),
        Term::new(MIN, MIN + day(40)).unwrap(),
        Term::new(MAX - day(40), MAX).unwrap(),
        Term::new(MIN, MAX).unwrap(),
        Term::new(MIN, MIN + TimeDelta::milliseconds(1)).unwrap(),
        Term::new(MAX - TimeDelta::nanoseconds(1), MAX).unwrap(),
    ]
}

/// A policy with every day count at its largest (`u32::MAX`).
fn extreme_policy() -> Policy {
    let most = i64::from(u32::MAX);
    Policy::standard()
        .to_builder()
        .name("extreme")
        .expired_grace_days(most - 1)
        .reactivation_window_days(most)
        .term_end_reminders([most, 1])
        .trial_end_reminders([most])
        .suspension_cancels_after_days(most)
        .refund_window_days(Some(most))
        .seat_decrease_window_days(Some(most))
        .build()
        .unwrap()
}

/// Licences in every state, with terms and instants at chrono's limits; the
/// second of each pair has `u32::MAX` seats at the largest price.
fn extreme_licences() -> Vec<Licence> {
    let mut states = Vec::new();
    for term in extreme_terms() {
        let since = term.starts;
        states.push(LicenceState::Trial { term });
        for auto_renew in [true, false] {
            states.push(LicenceState::Active { term, auto_renew });
        }
        for cancels_at in [since.checked_add_signed(day(30)).unwrap_or(MAX), MAX] {
            states.push(LicenceState::Suspended {
                term,
                auto_renew: true,
                since,
                cancels_at,
            });
        }
    }
    for at in extreme_instants() {
        states.push(LicenceState::Expired { at });
    }
    for at in [MIN, MAX] {
        states.push(LicenceState::Revoked { at });
        states.push(LicenceState::Removed { at });
        states.push(LicenceState::Cancelled {
            at,
            by: CancelledBy::Suspension,
        });
    }
    let mut licences = Vec::new();
    for state in states {
        licences.push(
            Licence::new("L-1", "endpoint", 10, state, by_acme())
                .unwrap()
                .with_price(eur("12.50")),
        );
        licences.push(
            Licence::new("L-1", "endpoint", u32::MAX, state, by_acme())
                .unwrap()
                .with_price(Money::new(Decimal::MAX, "JPY".parse().unwrap())),
        );
    }
    licences
}

fn licence_commands(licence: &Licence, policy: &Policy) -> Vec<LicenceCommand> {
    let mut commands = vec![
        LicenceCommand::Reactivate {
            term_days: 1,
            auto_renew: false,
        },
        LicenceCommand::Reactivate {
            term_days: u32::MAX,
            auto_renew: true,
        },
        LicenceCommand::Reactivate {
            term_days: 0,
            auto_renew: true,
        },
        LicenceCommand::Suspend,
        LicenceCommand::Resume,
        LicenceCommand::Cancel,
        LicenceCommand::Revoke,
        LicenceCommand::Remove,
        LicenceCommand::ChangeSeats { seats: 0 },
        LicenceCommand::ChangeSeats { seats: 1 },
        LicenceCommand::ChangeSeats { seats: u32::MAX },
        LicenceCommand::SetAutoRenew { on: true },
        LicenceCommand::SetAutoRenew { on: false },
    ];
    for due in [MIN, MAX] {
        commands.push(LicenceCommand::Deliver(Timer {
            key: TimerKey::TermEnd {
                customer: customer(),
                licence: licence.id.clone(),
            },
            due,
        }));
    }
    commands.push(LicenceCommand::Deliver(Timer {
        key: TimerKey::TrialEnd {
            customer: customer(),
            licence: "L-other".into(),
        },
        due: MIN,
    }));
    // This licence's ID, another customer's key: stale here.
    commands.push(LicenceCommand::Deliver(Timer {
        key: TimerKey::TermEnd {
            customer: "bianchi".into(),
            licence: licence.id.clone(),
        },
        due: MIN,
    }));
    commands.extend(
        licence
            .timers(&customer(), policy)
            .map(LicenceCommand::Deliver),
    );
    commands
}

/// Checks an accepted licence decision against the contract (README): the
/// events name the licence and `now`, applying the effects to an outbox
/// that held the licence's timers leaves exactly the new state's timers,
/// none of them overdue, and every event survives JSON.
fn check_licence_decision(
    licence: &Licence,
    decision: &channel_licensing::Decision<LicenceEvent>,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Result<(), String> {
    let after = decision.events().fold(licence.clone(), Licence::evolve);
    let mut outbox: BTreeMap<String, DateTime<Utc>> = licence
        .timers(&customer(), policy)
        .map(|t| (t.key.to_string(), t.due))
        .collect();
    for effect in decision.effects() {
        match effect {
            Effect::Schedule(timer) => {
                outbox.insert(timer.key.to_string(), timer.due);
            }
            Effect::Cancel { key } => {
                outbox.remove(&key.to_string());
            }
            Effect::PropagateName { .. } => return Err("a licence propagated a name".into()),
        }
    }
    let expected: BTreeMap<String, DateTime<Utc>> = after
        .timers(&customer(), policy)
        .map(|t| (t.key.to_string(), t.due))
        .collect();
    if outbox != expected {
        return Err(format!("outbox {outbox:?}, timers {expected:?}"));
    }
    if let Some(overdue) = after.timers(&customer(), policy).find(|t| t.due <= now) {
        return Err(format!("overdue after the decision: {overdue:?}"));
    }
    for event in decision.events() {
        if event.decided_at != now || event.licence != licence.id {
            return Err(format!("{event:?}"));
        }
    }
    let _ = (after.status(now, policy), after.is_terminal(now, policy));
    // JSON at the very ends of time (elsewhere it is cheap to trust).
    if now == MIN || now == MAX {
        for event in decision.events() {
            reserializes(event)?;
        }
        reserializes(&after)?;
    }
    Ok(())
}

/// Every licence command, in every state, with terms, expiries and `now`
/// at chrono's limits, under the standard, Microsoft and a maximal policy:
/// an accepted decision that keeps the contract, a refusal, or
/// `Error::TimeOutOfRange` (`Error::AmountOutOfRange` for the priciest
/// licences); never a panic.
#[test]
fn every_licence_command_at_chronos_limits_is_a_decision_or_an_error_value() {
    let policies = [
        Policy::standard(),
        Policy::microsoft_new_commerce(),
        extreme_policy(),
    ];
    // The vendor may send every licence command (LIC-9); a partner's only
    // extra checks (BILL-6, LIC-9) do no time arithmetic.
    let vendor = Actor::Vendor;
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for licence in extreme_licences() {
        let priciest = licence.seats == u32::MAX;
        for policy in &policies[..if priciest { 2 } else { 3 }] {
            for command in licence_commands(&licence, policy) {
                for now in extreme_instants() {
                    let ctx = Context::new(now, &vendor, policy);
                    let outcome = match &licence.decide(&customer(), &command, &ctx) {
                        Ok(decision) => {
                            if let Err(problem) =
                                check_licence_decision(&licence, decision, now, policy)
                            {
                                problems
                                    .push(format!("{licence:?} {command:?} at {now}: {problem}"));
                            }
                            "accepted"
                        }
                        Err(Error::Refused(refusal)) => {
                            let _ = refusal.to_string();
                            "refused"
                        }
                        Err(Error::TimeOutOfRange) => "time out of range",
                        Err(Error::AmountOutOfRange) if priciest => "amount out of range",
                        Err(other) => {
                            problems.push(format!("{licence:?} {command:?} at {now}: {other:?}"));
                            "other"
                        }
                    };
                    *outcomes.entry(outcome).or_default() += 1;
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems: {:#?}",
        problems.len(),
        &problems[..problems.len().min(5)]
    );
    for outcome in [
        "accepted",
        "refused",
        "time out of range",
        "amount out of range",
    ] {
        assert!(
            outcomes.get(outcome).is_some_and(|n| *n > 0),
            "{outcomes:?}"
        );
    }
}

/// Accounts whose licences, relationships and scheduled unlinks sit at
/// chrono's limits, in every billing type.
fn extreme_accounts() -> Vec<Account> {
    let near_max = Term::new(MAX - day(40), MAX).unwrap();
    let near_min = Term::new(MIN, MIN + day(40)).unwrap();
    let licences = [
        Licence::active("L-max", "endpoint", 10, near_max, true, by_acme()).unwrap(),
        Licence::active("L-min", "endpoint", 10, near_min, false, by_acme())
            .unwrap()
            .with_price(eur("12.50")),
        Licence::new(
            "L-suspended",
            "endpoint",
            3,
            LicenceState::Suspended {
                term: near_max,
                auto_renew: false,
                since: MAX - day(40),
                cancels_at: MAX,
            },
            // Gamma's, whose scheduled unlink is due from MIN + 1 day on:
            // REL-9 ends it (only the unlinking partner's licences end).
            Purchaser::partner("gamma"),
        )
        .unwrap(),
        Licence::new(
            "L-old",
            "backup",
            2,
            LicenceState::Expired { at: MIN },
            by_acme(),
        )
        .unwrap(),
        Licence::new(
            "L-late",
            "backup",
            2,
            LicenceState::Expired { at: MAX - day(1) },
            by_acme(),
        )
        .unwrap(),
        Licence::trial(
            "L-whole",
            "backup",
            1,
            Term::new(MIN, MAX).unwrap(),
            by_acme(),
        )
        .unwrap(),
    ];
    let mut term = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Term,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::Linked)
    .with_relationship(
        "beta",
        RelationshipState::UnlinkScheduled { unlink_at: MAX },
    )
    .with_relationship(
        "gamma",
        RelationshipState::UnlinkScheduled {
            unlink_at: MIN + day(1),
        },
    )
    .with_relationship("delta", RelationshipState::Invited { at: MIN });
    for licence in licences {
        term = term.with_licence(licence);
    }
    let plain = |billing, created_by, state| {
        Account::new("rossi", "Rossi SpA", "eu", billing, created_by)
            .with_relationship("acme", state)
            .with_licence(
                Licence::active("L-max", "endpoint", 10, near_max, false, by_acme()).unwrap(),
            )
    };
    vec![
        term,
        plain(
            BillingType::MonthlyUsage,
            CreatedBy::Partner,
            RelationshipState::Linked,
        ),
        plain(
            BillingType::Trial,
            CreatedBy::Partner,
            RelationshipState::UnlinkScheduled {
                unlink_at: MAX - day(1),
            },
        ),
        plain(
            BillingType::ManagedOrder,
            CreatedBy::Partner,
            RelationshipState::Linked,
        ),
        plain(
            BillingType::Direct,
            CreatedBy::Customer,
            RelationshipState::Linked,
        ),
        plain(
            BillingType::Term,
            CreatedBy::Customer,
            RelationshipState::Invited { at: MAX },
        ),
    ]
}

fn account_commands(account: &Account, policy: &Policy) -> Vec<AccountCommand> {
    let mut commands = every_account_command();
    commands.extend([
        AccountCommand::Unlink {
            mode: UnlinkMode::Immediate,
        },
        AccountCommand::AcceptInvitation {
            partner: "acme".into(),
        },
        AccountCommand::AddSubscription {
            licence: "L-new".into(),
            offer: "backup".into(),
            seats: u32::MAX,
            term_days: u32::MAX,
            auto_renew: true,
            price: None,
        },
        AccountCommand::AddSubscription {
            licence: "L-new".into(),
            offer: "backup".into(),
            seats: 1,
            term_days: 1,
            auto_renew: true,
            price: Some(eur("0.01")),
        },
    ]);
    for due in [MIN, MAX] {
        commands.push(AccountCommand::Deliver(Timer {
            key: TimerKey::ScheduledUnlink {
                customer: account.id.clone(),
                partner: "beta".into(),
            },
            due,
        }));
    }
    commands.extend(account.timers(policy).map(AccountCommand::Deliver));
    for licence in &account.licences {
        for command in [
            LicenceCommand::Suspend,
            LicenceCommand::Resume,
            LicenceCommand::Cancel,
            LicenceCommand::Remove,
            LicenceCommand::Reactivate {
                term_days: 1,
                auto_renew: true,
            },
            LicenceCommand::ChangeSeats { seats: u32::MAX },
        ] {
            commands.push(AccountCommand::Licence {
                licence: licence.id.clone(),
                command,
            });
        }
    }
    commands
}

/// The account counterpart of [`check_licence_decision`].
fn check_account_decision(
    account: &Account,
    decision: &channel_licensing::Decision<AccountEvent>,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Result<(), String> {
    let after = decision.events().fold(account.clone(), Account::evolve);
    let mut outbox: BTreeMap<String, DateTime<Utc>> = account
        .timers(policy)
        .map(|t| (t.key.to_string(), t.due))
        .collect();
    for effect in decision.effects() {
        match effect {
            Effect::Schedule(timer) => {
                outbox.insert(timer.key.to_string(), timer.due);
            }
            Effect::Cancel { key } => {
                outbox.remove(&key.to_string());
            }
            Effect::PropagateName { .. } => {}
        }
    }
    let expected: BTreeMap<String, DateTime<Utc>> = after
        .timers(policy)
        .map(|t| (t.key.to_string(), t.due))
        .collect();
    if outbox != expected {
        return Err(format!("outbox {outbox:?}, timers {expected:?}"));
    }
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
    let overdue = after.timers(policy).find(|t| {
        t.due < now || (t.due == now && !t.key.licence().is_some_and(|l| added.contains(&l)))
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

/// Every account command, by a partner, the vendor and the customer's
/// admin, on accounts of every billing type whose licences and unlinks sit
/// at chrono's limits, with `now` at the limits: an accepted decision that
/// keeps the contract, a refusal, or `Error::TimeOutOfRange`; never a panic.
#[test]
fn every_account_command_at_chronos_limits_is_a_decision_or_an_error_value() {
    let policies = [Policy::standard(), extreme_policy()];
    let actors = [acme(), Actor::Vendor, admin_of("rossi")];
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for account in extreme_accounts() {
        for policy in &policies {
            for command in account_commands(&account, policy) {
                for now in extreme_instants() {
                    for actor in &actors {
                        let ctx = Context::new(now, actor, policy);
                        let outcome = match &account.decide(&command, &ctx) {
                            // See `bug_a_licence_command_applies_to_a_licence_the_due_unlink_removed`.
                            Ok(decision) if changes_a_licence_after_removing_it(decision) => {
                                "known bug"
                            }
                            Ok(decision) => {
                                if let Err(problem) =
                                    check_account_decision(&account, decision, now, policy)
                                {
                                    problems.push(format!(
                                        "{:?} {command:?} at {now}: {problem}",
                                        account.billing
                                    ));
                                }
                                "accepted"
                            }
                            Err(Error::Refused(refusal)) => {
                                let _ = refusal.to_string();
                                "refused"
                            }
                            Err(Error::TimeOutOfRange) => "time out of range",
                            // `every_account_command` names licence L-1, which
                            // these accounts do not have.
                            Err(Error::UnknownLicence { licence })
                                if !account.licences.iter().any(|l| l.id == *licence) =>
                            {
                                "unknown licence"
                            }
                            Err(other) => {
                                problems.push(format!(
                                    "{:?} {command:?} at {now}: {other:?}",
                                    account.billing
                                ));
                                "other"
                            }
                        };
                        *outcomes.entry(outcome).or_default() += 1;
                    }
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems: {:#?}",
        problems.len(),
        &problems[..problems.len().min(5)]
    );
    for outcome in ["accepted", "refused", "time out of range"] {
        assert!(
            outcomes.get(outcome).is_some_and(|n| *n > 0),
            "{outcomes:?}"
        );
    }
}

// ============================================ regressions of bugs found here

/// Fixed (REL-9 with LIC-13): when a scheduled unlink is due but not yet
/// delivered, `Account::decide` applies it first (unlinked, and the
/// unlinking partner's active licences removed, as `end_monthly_licences`
/// does) and
/// then decides a licence command against the licence as it was *before*
/// that removal. The decision removes L-1 and then changes it again:
/// `ChangeSeats` leaves a removed licence with new seats, `Cancel` turns
/// the removed licence into a cancelled one, `Suspend` schedules a
/// suspension's cancellation for a removed licence (the outbox no longer
/// equals `Account::timers`). Expected: the command is judged against the
/// removed licence (LIC-13), as a licence's own `decide` does after a
/// catch-up. L-1 is acme's, so beta's commands are refused by SUB-1 before
/// its state is judged; the vendor's reach LIC-13.
#[test]
fn a_licence_command_after_a_due_unlink_is_judged_on_the_removed_licence() {
    let policy = Policy::standard();
    // A monthly-usage account whose unlink from acme was scheduled (REL-7:
    // now a trial), also linked with beta (REL-1); the unlink is due at
    // midnight and was not delivered yet.
    let unlink_at = at("2026-07-01T00:00:00Z");
    let account = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Trial,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::UnlinkScheduled { unlink_at })
    .with_relationship("beta", RelationshipState::Linked)
    .with_licence(Licence::active("L-1", "endpoint", 10, year_2026(), true, by_acme()).unwrap());
    let now = at("2026-07-01T09:00:00Z");
    let beta = Actor::Partner(PartnerUser::new("beta", "eu").with_roles([Role::AccountAdmin]));
    let mut failures = Vec::new();
    for (actor, rule) in [(Actor::Vendor, Rule::Lic13), (beta, Rule::Sub1)] {
        for command in [
            LicenceCommand::ChangeSeats { seats: 20 },
            LicenceCommand::Cancel,
            LicenceCommand::Suspend,
        ] {
            let command = AccountCommand::Licence {
                licence: "L-1".into(),
                command,
            };
            match account.decide(&command, &Context::new(now, &actor, &policy)) {
                Err(Error::Refused(refusal)) if refusal.rule() == rule => {}
                Ok(decision) => {
                    let after = decision.events().fold(account.clone(), Account::evolve);
                    let changes: Vec<String> = decision
                        .events()
                        .map(|e| serde_json::to_string(&e.change).unwrap())
                        .collect();
                    let problem = check_account_decision(&account, &decision, now, &policy).err();
                    if changes_a_licence_after_removing_it(&decision) || problem.is_some() {
                        failures.push(format!(
                            "{actor} {command:?}: accepted with {changes:#?}; L-1 ends {:?} with {} seats; {problem:?}",
                            after.licences[0].state, after.licences[0].seats
                        ));
                    }
                }
                other => failures.push(format!("{actor} {command:?}: {other:?}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Fixed (POL-2; seat batches are now always serialized): a stored licence whose seat batches are empty (`[]`, or
/// only zero-seat batches) deserializes with no batch, serializes without
/// the field (`skip_serializing_if = "SeatBatches::is_empty"`), and loads
/// again with every seat in one batch at the term's start
/// (`Licence::new`'s default). One save/load cycle changes the value, and
/// with it POL-2's answer: under Microsoft's policy, two days into the
/// term, removing seats is refused before the cycle and accepted after it.
#[test]
fn emptied_seat_batches_survive_a_round_trip() {
    let policy = Policy::microsoft_new_commerce();
    let shrink = LicenceCommand::ChangeSeats { seats: 5 };
    let now = at("2026-01-03T00:00:00Z");
    let vendor = Actor::Vendor;
    let ctx = Context::new(now, &vendor, &policy);
    for batches in [
        json!([]),
        json!([{"seats": 0, "added_at": "2026-01-01T00:00:00Z"}]),
    ] {
        let stored = with(&active_licence(), "/seat_batches", batches);
        let loaded: Licence = serde_json::from_str(&stored).unwrap();
        let saved = serde_json::to_string(&loaded).unwrap();
        let reloaded: Licence = serde_json::from_str(&saved).unwrap();
        assert_eq!(
            loaded.decide(&customer(), &shrink, &ctx).is_ok(),
            reloaded.decide(&customer(), &shrink, &ctx).is_ok(),
            "POL-2 answers differently after a save/load cycle"
        );
        assert_eq!(reloaded, loaded, "{stored}\nsaved as {saved}");
    }
}

/// BUG (wire format): an internally tagged enum that is `#[serde(flatten)]`ed
/// into its parent accepts the variant's index as its tag, a serde quirk of
/// buffered (flattened) content: a licence stored with `"state":1` loads as
/// active, a relationship with `"state":1` as linked, a licence event with
/// `"type":4` is a resume and an account event with `"type":1` a billing
/// change. The documented wire format names variants in snake case only (the
/// same enums reject numbers when not flattened, e.g. `{"type":3}` as a
/// `LicenceCommand`); a number there is malformed input.
#[test]
#[ignore = "BUG: flattened tagged enums accept numeric variant indices as tags (src/licence.rs Licence.state / LicenceEvent.change, src/account.rs Relationship.state / AccountEvent.change, all #[serde(flatten)])"]
fn bug_flattened_tags_accept_numeric_variant_indices() {
    // Not flattened: rejected, as it should be.
    assert!(serde_json::from_str::<LicenceCommand>(r#"{"type":3}"#).is_err());
    assert!(
        serde_json::from_str::<LicenceState>(r#"{"state":4,"at":"2026-01-01T00:00:00Z"}"#).is_err()
    );
    let mut accepted = Vec::new();
    let licence = with(&active_licence(), "/state", json!(1));
    if let Ok(licence) = serde_json::from_str::<Licence>(&licence) {
        accepted.push(format!("licence \"state\":1 is {:?}", licence.state));
    }
    if let Ok(relationship) =
        serde_json::from_str::<Relationship>(r#"{"partner":"acme","state":1}"#)
    {
        accepted.push(format!(
            "relationship \"state\":1 is {:?}",
            relationship.state
        ));
    }
    let event = r#"{"licence":"L-1","decided_at":"2026-01-01T00:00:00Z","policy":{"name":"standard","version":1},"type":4}"#;
    if let Ok(event) = serde_json::from_str::<LicenceEvent>(event) {
        accepted.push(format!("licence event \"type\":4 is {:?}", event.change));
    }
    let event = r#"{"customer":"rossi","decided_at":"2026-01-01T00:00:00Z","policy":{"name":"standard","version":1},"type":1,"from":"trial","to":"term"}"#;
    if let Ok(event) = serde_json::from_str::<AccountEvent>(event) {
        accepted.push(format!("account event \"type\":1 is {:?}", event.change));
    }
    assert!(accepted.is_empty(), "{accepted:#?}");
}

/// Where arithmetic on instants leaves chrono's range, the answer is
/// `Error::TimeOutOfRange` (or `Error::InvalidTerm` for an empty term),
/// through every function that computes an instant.
#[test]
#[allow(clippy::too_many_lines)] // one block per entry point
fn instants_beyond_chronos_range_are_time_out_of_range() {
    use Error::{InvalidTerm, TimeOutOfRange};
    // Terms.
    assert_eq!(
        Term::new(MIN, MAX).unwrap().length(),
        MAX.signed_duration_since(MIN)
    );
    assert_eq!(Term::new(MAX, MAX), Err(InvalidTerm));
    assert_eq!(Term::new(MAX, MIN), Err(InvalidTerm));
    assert_eq!(Term::of_days(MAX - day(1), 1).unwrap().ends, MAX);
    assert_eq!(Term::of_days(MAX - day(1), 2), Err(TimeOutOfRange));
    assert_eq!(Term::of_days(MAX, 1), Err(TimeOutOfRange));
    assert_eq!(Term::of_days(MIN, u32::MAX), Err(TimeOutOfRange));
    assert_eq!(Term::of_days(MAX, 0), Err(InvalidTerm));
    assert_eq!(Term::of_days(MIN, 1).unwrap().starts, MIN);

    // The first instant of next month, in every time zone.
    for zone in chrono_tz::TZ_VARIANTS {
        assert_eq!(
            first_instant_of_next_month(MAX, zone),
            Err(TimeOutOfRange),
            "{zone}"
        );
        assert_eq!(
            first_instant_of_next_month(MAX - day(1), zone),
            Err(TimeOutOfRange),
            "{zone}"
        );
        for now in [MIN, MIN + day(1), t0()] {
            match first_instant_of_next_month(now, zone) {
                Ok(due) => assert!(due > now && due < now + day(33), "{zone} {now}: {due}"),
                Err(err) => assert_eq!(err, TimeOutOfRange, "{zone} {now}"),
            }
        }
    }
    assert_eq!(
        first_instant_of_next_month(MIN, chrono_tz::UTC).unwrap(),
        MIN + day(31)
    );

    // Policy arithmetic (POL-1): a phase whose end lies beyond the range
    // never ends; an instant before the expiry counts as the first phase.
    let policy = Policy::standard();
    let at_end = policy.phase_at(MAX - day(1), MAX);
    assert_eq!(
        (at_end.name, at_end.ends, at_end.is_last),
        (PhaseName::Grace, None, false)
    );
    let lapsed = policy.phase_at(MIN, MAX);
    assert_eq!(
        (lapsed.name, lapsed.ends, lapsed.is_last),
        (PhaseName::Lapsed, None, true)
    );
    assert_eq!(policy.phase_at(MAX, MIN).name, PhaseName::Grace);
    assert_eq!(policy.phase_at(MIN, MIN).ends, Some(MIN + day(30)));
    assert_eq!(
        policy.phase_at(MIN, MIN + day(30)).name,
        PhaseName::Reactivatable
    );

    // Licences.
    let vendor = Actor::Vendor;
    let ctx = |now| Context::new(now, &vendor, &policy);
    let renewing = active_licence();
    for now in [MAX - day(1), MAX] {
        // LIC-2: the next term would end beyond the range.
        assert_eq!(
            renewing.decide(&customer(), &LicenceCommand::Suspend, &ctx(now)),
            Err(TimeOutOfRange)
        );
        assert_eq!(
            renewing.next_deadline(&policy),
            Some(at("2026-12-02T00:00:00Z"))
        );
    }
    let last_term = Licence::active(
        "L-1",
        "endpoint",
        1,
        Term::new(MAX - day(40), MAX).unwrap(),
        false,
        by_acme(),
    )
    .unwrap();
    // LIC-7: the cancellation 30 days after a suspension.
    assert_eq!(
        last_term.decide(&customer(), &LicenceCommand::Suspend, &ctx(MAX - day(29))),
        Err(TimeOutOfRange)
    );
    assert!(
        last_term
            .decide(&customer(), &LicenceCommand::Suspend, &ctx(MAX - day(31)))
            .is_ok()
    );
    assert_eq!(
        active_licence().decide(
            &customer(),
            &LicenceCommand::Suspend,
            &Context::new(t0(), &vendor, &extreme_policy())
        ),
        Err(TimeOutOfRange)
    );
    // LIC-4: a reactivated term ending beyond the range.
    let expired = Licence::new(
        "L-1",
        "endpoint",
        1,
        LicenceState::Expired { at: MAX - day(1) },
        by_acme(),
    )
    .unwrap();
    let one_day = LicenceCommand::Reactivate {
        term_days: 1,
        auto_renew: false,
    };
    assert_eq!(
        expired.decide(&customer(), &one_day, &ctx(MAX)),
        Err(TimeOutOfRange)
    );
    assert!(
        expired
            .decide(&customer(), &one_day, &ctx(MAX - day(1)))
            .is_ok()
    );
    let expired = Licence::new(
        "L-1",
        "endpoint",
        1,
        LicenceState::Expired { at: t0() - day(40) },
        by_acme(),
    )
    .unwrap();
    let forever = LicenceCommand::Reactivate {
        term_days: u32::MAX,
        auto_renew: true,
    };
    assert_eq!(
        expired.decide(&customer(), &forever, &ctx(t0())),
        Err(TimeOutOfRange)
    );

    // Money at extreme dates (POL-4, LIC-8): a term of the whole range is
    // prorated by its ~191 million days, exactly.
    let whole = Licence::active(
        "L-1",
        "endpoint",
        10,
        Term::new(MIN, MAX).unwrap(),
        false,
        by_acme(),
    )
    .unwrap()
    .with_price(eur("12.50"));
    let term_days = u32::try_from(MAX.signed_duration_since(MIN).num_days()).unwrap();
    let decision = whole
        .decide(&customer(), &LicenceCommand::Cancel, &ctx(t0()))
        .unwrap();
    let Some(LicenceChange::Cancelled {
        forfeited_days,
        forfeited: Some(forfeited),
        ..
    }) = decision.events().next_back().map(|e| e.change)
    else {
        panic!("{decision:?}");
    };
    let unused_days = u32::try_from(MAX.signed_duration_since(t0()).num_days()).unwrap();
    assert_eq!(forfeited_days, unused_days);
    let (_, expected) = eur("125")
        .prorate(term_days - unused_days, term_days)
        .unwrap();
    assert_eq!(forfeited, expected);
    // Microsoft's refund window, from the first instant of time.
    let microsoft = Policy::microsoft_new_commerce();
    let decision = whole
        .decide(
            &customer(),
            &LicenceCommand::Cancel,
            &Context::new(MIN + day(1), &vendor, &microsoft),
        )
        .unwrap();
    let Some(LicenceChange::Cancelled {
        refund: Some(refund),
        ..
    }) = decision.events().next_back().map(|e| e.change)
    else {
        panic!("{decision:?}");
    };
    assert_eq!(refund, eur("125").prorate(1, term_days).unwrap().1);

    // Accounts.
    let partner = acme();
    let actx = |now| Context::new(now, &partner, &policy);
    let trial = |trial_days| NewAccount::CreateTrial {
        customer: new_customer(),
        licence: "L-1".into(),
        offer: "endpoint".into(),
        seats: 1,
        trial_days,
    };
    assert_eq!(
        Account::create(&trial(30), &actx(MAX)).unwrap_err(),
        TimeOutOfRange
    );
    assert_eq!(
        Account::create(&trial(2), &actx(MAX - day(1))).unwrap_err(),
        TimeOutOfRange
    );
    assert!(Account::create(&trial(1), &actx(MAX - day(1))).is_ok());
    assert!(Account::create(&trial(30), &actx(MIN)).is_ok());
    // REL-7: the first day of next month lies beyond the range.
    let monthly = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::MonthlyUsage,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::Linked);
    let scheduled = AccountCommand::Unlink {
        mode: UnlinkMode::Scheduled,
    };
    for now in [MAX - day(1), MAX] {
        assert_eq!(monthly.decide(&scheduled, &actx(now)), Err(TimeOutOfRange));
    }
    let decision = monthly.decide(&scheduled, &actx(MIN)).unwrap();
    assert!(
        decision
            .effects()
            .any(|e| matches!(e, Effect::Schedule(t) if t.due == MIN + day(31)))
    );
    // SUB-4: a subscription's first term.
    let add = AccountCommand::AddSubscription {
        licence: "L-9".into(),
        offer: "endpoint".into(),
        seats: 1,
        term_days: 365,
        auto_renew: true,
        price: None,
    };
    let term_account = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Term,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::Linked);
    assert_eq!(
        term_account.decide(&add, &actx(MAX - day(1))),
        Err(TimeOutOfRange)
    );
    // REL-5: the reactivation window of a licence that expired at the end of
    // time closes beyond it.
    let blocked = term_account.clone().with_licence(
        Licence::new(
            "L-1",
            "endpoint",
            1,
            LicenceState::Expired { at: MAX - day(1) },
            by_acme(),
        )
        .unwrap(),
    );
    let immediate = AccountCommand::Unlink {
        mode: UnlinkMode::Immediate,
    };
    assert_eq!(blocked.decide(&immediate, &actx(MAX)), Err(TimeOutOfRange));
    // XFER-1: provisioning before the grace ends, after a term ending at MAX.
    let moving = term_account.with_licence(last_term);
    let to = PartnerUser::new("newco", "eu");
    assert_eq!(
        transfer_plan(
            &moving,
            &"acme".into(),
            &to,
            TransferOptions::default(),
            MAX - day(1),
            &policy
        ),
        Err(TimeOutOfRange)
    );
}

/// The queries (customer list, details, contact, credit contact, transfer
/// plans) over accounts at chrono's limits, at every extreme `now`: values
/// or error values, never a panic.
#[test]
fn queries_at_chronos_limits_are_values() {
    let policy = Policy::standard();
    let accounts = extreme_accounts();
    let acme_id = PartnerId::from("acme");
    let to = PartnerUser::new("newco", "eu");
    let options = TransferOptions::default()
        .cancel_early(true)
        .tenant_to_tenant(true);
    for now in extreme_instants() {
        let rows = customer_list(
            &accounts,
            &CustomerQuery::for_partner(&acme_user()),
            now,
            &policy,
        );
        assert!(rows.len() <= accounts.len());
        for row in &rows {
            reserializes(row).unwrap();
        }
        for account in &accounts {
            let live = account
                .relationship_status(&acme_id, now)
                .is_some_and(RelationshipStatus::is_live);
            let details = customer_details(account, &acme_id, now, &policy);
            assert_eq!(details.is_ok(), live, "{now} {:?}", account.billing);
            if let Ok(details) = details {
                assert_eq!(details.licences.len(), account.licences.len());
            }
            assert_eq!(contact_details(account, &acme_id, now).is_ok(), live);
            for licence in account.licences.iter().map(|l| Some(&l.id)).chain([None]) {
                let _ = credit_contact(account, &acme_id, licence, now);
            }
            match transfer_plan(account, &acme_id, &to, options, now, &policy) {
                Ok(plan) => reserializes(&plan).unwrap(),
                Err(Error::Refused(refusal)) => assert!(!live, "{refusal}"),
                Err(err) => assert_eq!(err, Error::TimeOutOfRange, "{now}"),
            }
            let _ = (
                account.next_deadline(&policy),
                account.timers(&policy).count(),
            );
        }
    }
}

// ================================================================ 5. policies

fn phases_with(phases: Vec<Phase>) -> PolicyBuilder {
    Policy::standard().to_builder().phases(phases)
}

/// Every invalid setting `PolicyBuilder::build` can meet, with the builder
/// call that makes it.
fn invalid_policies() -> Vec<(PolicyBuilder, PolicyError)> {
    use PhaseName::{Grace, Lapsed, Reactivatable};
    let none = Allowances::NONE;
    let kept = none.with_data_kept();
    let standard = || Policy::standard().to_builder();
    let most = i64::from(u32::MAX);
    vec![
        (standard().name(""), PolicyError::BlankName),
        (standard().name(" \t\n"), PolicyError::BlankName),
        (phases_with(vec![]), PolicyError::NoPhases),
        (PolicyBuilder::new("custom", 1), PolicyError::NoPhases),
        (
            phases_with(vec![
                Phase::open_ended(Grace, none),
                Phase::open_ended(Lapsed, none),
            ]),
            PolicyError::OpenEndedPhaseNotLast { phase: Grace },
        ),
        (
            phases_with(vec![Phase::until_day(Grace, 30, none)]),
            PolicyError::LastPhaseEnds { phase: Grace },
        ),
        (
            standard().expired_grace_days(0),
            PolicyError::EmptyPhase {
                phase: Grace,
                ends_on_day: 0,
                starts_on_day: 0,
            },
        ),
        (
            standard().expired_grace_days(i64::MIN),
            PolicyError::EmptyPhase {
                phase: Grace,
                ends_on_day: i64::MIN,
                starts_on_day: 0,
            },
        ),
        (
            phases_with(vec![
                Phase::until_day(Grace, 30, none),
                Phase::until_day(Reactivatable, 30, none),
                Phase::open_ended(Lapsed, none),
            ]),
            PolicyError::EmptyPhase {
                phase: Reactivatable,
                ends_on_day: 30,
                starts_on_day: 30,
            },
        ),
        (
            standard().expired_grace_days(61),
            PolicyError::GraceLongerThanReactivation {
                grace_days: 61,
                reactivation_days: 60,
            },
        ),
        (
            standard().expired_grace_days(i64::MAX),
            PolicyError::GraceLongerThanReactivation {
                grace_days: i64::MAX,
                reactivation_days: 60,
            },
        ),
        (
            phases_with(vec![
                Phase::until_day(Grace, 10, none),
                Phase::until_day(Reactivatable, 20, kept),
                Phase::open_ended(Lapsed, none),
            ]),
            PolicyError::AllowanceRegained {
                allowance: Allowance::DataKept,
                phase: Reactivatable,
            },
        ),
        (
            phases_with(vec![
                Phase::until_day(Grace, 10, none.with_user_access()),
                Phase::open_ended(Lapsed, none.with_user_access()),
            ]),
            PolicyError::EndlessAllowance {
                allowance: Allowance::UserAccess,
                phase: Lapsed,
            },
        ),
        (
            phases_with(vec![
                Phase::until_day(Grace, 10, none.with_reactivation()),
                Phase::open_ended(Lapsed, none.with_reactivation()),
            ]),
            PolicyError::EndlessAllowance {
                allowance: Allowance::Reactivation,
                phase: Lapsed,
            },
        ),
        (
            phases_with(vec![
                Phase::until_day(Grace, 10, none.with_unlink_blocked()),
                Phase::open_ended(Lapsed, none.with_unlink_blocked()),
            ]),
            PolicyError::EndlessAllowance {
                allowance: Allowance::UnlinkBlocked,
                phase: Lapsed,
            },
        ),
        (
            standard().reactivation_window_days(most + 1),
            PolicyError::DaysOutOfRange {
                what: "a phase's end",
                days: most + 1,
            },
        ),
        (
            standard().term_end_reminders([0]),
            PolicyError::DaysOutOfRange {
                what: "a reminder offset",
                days: 0,
            },
        ),
        (
            standard().trial_end_reminders([-1]),
            PolicyError::DaysOutOfRange {
                what: "a reminder offset",
                days: -1,
            },
        ),
        (
            standard().term_end_reminders([most + 1]),
            PolicyError::DaysOutOfRange {
                what: "a reminder offset",
                days: most + 1,
            },
        ),
        (
            standard().suspension_cancels_after_days(0),
            PolicyError::DaysOutOfRange {
                what: "the suspension's cancellation",
                days: 0,
            },
        ),
        (
            standard().suspension_cancels_after_days(i64::MAX),
            PolicyError::DaysOutOfRange {
                what: "the suspension's cancellation",
                days: i64::MAX,
            },
        ),
        (
            standard().refund_window_days(Some(-7)),
            PolicyError::DaysOutOfRange {
                what: "the refund window",
                days: -7,
            },
        ),
        (
            standard().seat_decrease_window_days(Some(0)),
            PolicyError::DaysOutOfRange {
                what: "the seat-decrease window",
                days: 0,
            },
        ),
        (
            standard().term_end_reminders([30, 7, 30]),
            PolicyError::DuplicateReminder {
                target: "term end",
                days: 30,
            },
        ),
        (
            standard().trial_end_reminders([3, 3]),
            PolicyError::DuplicateReminder {
                target: "trial end",
                days: 3,
            },
        ),
        (
            standard().term_end_reminders(1..=9),
            PolicyError::TooManyReminders {
                target: "term end",
                count: 9,
                max: Policy::MAX_REMINDERS,
            },
        ),
        (
            standard().trial_end_reminders(vec![1; 10_000]),
            PolicyError::TooManyReminders {
                target: "trial end",
                count: 10_000,
                max: Policy::MAX_REMINDERS,
            },
        ),
        (
            standard().transfer_threshold(0),
            PolicyError::ZeroTransferThreshold,
        ),
        (
            standard().display_name_max_chars(0),
            PolicyError::ZeroDisplayNameLength,
        ),
        (
            PolicyBuilder::new("custom", 1).expired_grace_days(10),
            PolicyError::NoSuchPhase {
                allowance: Allowance::UserAccess,
            },
        ),
        (
            Policy::microsoft_new_commerce()
                .to_builder()
                .reactivation_window_days(60),
            PolicyError::NoSuchPhase {
                allowance: Allowance::Reactivation,
            },
        ),
    ]
}

/// LIC-6, POL-5: every `PolicyError` variant comes out of
/// `PolicyBuilder::build` (and `Policy::try_from`) for the settings that
/// cause it, as that variant with the offending values.
#[test]
fn every_policy_error_is_reachable_through_the_builder() {
    let mut variants = BTreeSet::new();
    for (builder, expected) in invalid_policies() {
        let via_try_from = Policy::try_from(builder.clone());
        assert_eq!(builder.build(), Err(expected.clone()));
        assert_eq!(via_try_from, Err(expected.clone()));
        // As part of the crate's error, the message is the policy's.
        assert_eq!(
            Error::from(expected.clone()).to_string(),
            expected.to_string()
        );
        variants.insert(
            format!("{expected:?}")
                .split([' ', '{'])
                .next()
                .unwrap()
                .to_owned(),
        );
    }
    assert_eq!(variants.len(), 14, "{variants:?}");
}

/// The same invalid settings in a policy's JSON (its serialized form is the
/// builder's): each is a data error whose message is the `PolicyError`'s.
/// `NoSuchPhase` comes only from the builder's overrides, which are not
/// part of the JSON.
#[test]
fn every_policy_error_is_reachable_through_json() {
    let mut variants = BTreeSet::new();
    for (builder, expected) in invalid_policies() {
        if matches!(expected, PolicyError::NoSuchPhase { .. }) {
            continue;
        }
        let mut json = serde_json::to_string(&builder).unwrap();
        let serialized: PolicyBuilder = serde_json::from_str(&json).unwrap();
        if serialized.build().is_ok() {
            // The error came from `expired_grace_days` or
            // `reactivation_window_days`, which `build` applies to the phases
            // and the JSON does not hold: write them into the phases.
            json = apply_overrides(&json, &expected);
        }
        rejects::<Policy>(&json, Category::Data, &expected.to_string());
        variants.insert(
            format!("{expected:?}")
                .split([' ', '{'])
                .next()
                .unwrap()
                .to_owned(),
        );
    }
    assert_eq!(variants.len(), 13, "{variants:?}");
    // Fields a policy cannot do without, and values of the wrong type.
    let standard = Policy::standard();
    for field in [
        "name",
        "version",
        "phases",
        "term_end_reminders",
        "trial_end_reminders",
        "calendar",
        "transfer_threshold",
        "suspension_cancels_after_days",
    ] {
        let json = without(&standard, &format!("/{field}"));
        rejects::<Policy>(&json, Category::Data, &format!("missing field `{field}`"));
    }
    for (path, new, fragment) in [
        ("/calendar", json!("Mars/Olympus_Mons"), "Mars/Olympus_Mons"),
        ("/calendar", json!(""), ""),
        ("/calendar", json!(1), "invalid type"),
        ("/version", json!(-1), "expected u32"),
        (
            "/transfer_threshold",
            json!(4_294_967_296_u64),
            "expected u32",
        ),
        ("/display_name_max_chars", json!(-255), "expected u32"),
        (
            "/term_end_reminders",
            json!([30.5]),
            "invalid type: floating point",
        ),
        ("/term_end_reminders", json!(30), "invalid type"),
        ("/phases/0/until_day", json!("30"), "invalid type"),
        (
            "/phases/0/name",
            json!("purgatory"),
            "unknown variant `purgatory`",
        ),
        ("/phases/0/allows/user_access", json!(1), "invalid type"),
        ("/refund_window_days", json!("7"), "invalid type"),
    ] {
        rejects::<Policy>(&with(&standard, path, new), Category::Data, fragment);
    }
    // A phase without `until_day` is open-ended: here, not the last one.
    let json = without(&standard, "/phases/0/until_day");
    rejects::<Policy>(
        &json,
        Category::Data,
        &PolicyError::OpenEndedPhaseNotLast {
            phase: PhaseName::Grace,
        }
        .to_string(),
    );
}

/// The builder's grace and reactivation overrides, written into the phases
/// of `json` the way `build` applies them.
fn apply_overrides(json: &str, expected: &PolicyError) -> String {
    let mut value: Value = serde_json::from_str(json).unwrap();
    match *expected {
        PolicyError::EmptyPhase { ends_on_day, .. } => {
            value["phases"][0]["until_day"] = json!(ends_on_day)
        }
        PolicyError::GraceLongerThanReactivation { grace_days, .. } => {
            value["phases"][0]["until_day"] = json!(grace_days);
        }
        PolicyError::DaysOutOfRange { days, .. } => value["phases"][1]["until_day"] = json!(days),
        _ => {}
    }
    value.to_string()
}

/// Fixed (POL-5; the overrides are now serialized): `PolicyBuilder` is serializable, but its pending
/// `expired_grace_days` and `reactivation_window_days` overrides are
/// `#[serde(skip)]`ped: a builder sent as JSON and built on the other side
/// gives another policy (here a 30-day grace instead of 45, and a valid
/// policy instead of `GraceLongerThanReactivation`).
#[test]
fn policy_builder_json_keeps_grace_and_reactivation_overrides() {
    for builder in [
        Policy::standard().to_builder().expired_grace_days(45),
        Policy::standard().to_builder().expired_grace_days(90),
        Policy::standard().to_builder().reactivation_window_days(90),
    ] {
        let json = serde_json::to_string(&builder).unwrap();
        let sent: PolicyBuilder = serde_json::from_str(&json).unwrap();
        assert_eq!(sent.clone().build(), builder.clone().build(), "{json}");
        assert_eq!(sent, builder, "{json}");
    }
}
