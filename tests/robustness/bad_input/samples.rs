//! Realistic values of every serialized type of the public API: every
//! refusal reason, command, change and timer key, transfers and policies.

use super::*;

// ============================================== every serialized type, as values

/// Visits realistic values of every type of the public API that implements
/// `Deserialize`.
pub(super) trait Visit {
    fn visit<T>(&mut self, value: &T)
    where
        T: Serialize + DeserializeOwned + PartialEq + Debug;
}

pub(super) fn customer_ref() -> CustomerRef {
    CustomerRef {
        id: "rossi".into(),
        name: DisplayName::new("Rossi SpA"),
    }
}

pub(super) fn every_reason() -> Vec<Reason> {
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
        Reason::NegativePrice {
            licence: "L-9".into(),
            price: eur("0.01"),
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
pub(super) fn real_refusals() -> Vec<Refusal> {
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

pub(super) fn every_licence_command() -> Vec<LicenceCommand> {
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

pub(super) fn every_licence_change() -> Vec<LicenceChange> {
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
        LicenceChange::ReminderSkipped {
            before: ReminderTarget::TrialEnd,
            days: 3,
            ends: at("2027-01-01T00:00:00Z"),
            due: at("2026-12-29T00:00:00Z"),
        },
    ]
}

pub(super) fn every_timer_key() -> Vec<TimerKey> {
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

pub(super) fn new_customer() -> NewCustomer {
    NewCustomer::new("bianchi", "Bianchi Srl", "eu")
}

pub(super) fn every_account_command() -> Vec<AccountCommand> {
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

pub(super) fn every_account_change() -> Vec<AccountChange> {
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
pub(super) fn transfer() -> TransferPlan {
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

pub(super) fn custom_policy() -> Policy {
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
