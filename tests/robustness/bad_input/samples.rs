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

/// One reason of every kind, read from its JSON (the variants are
/// `#[non_exhaustive]`: only the crate builds them).
pub(super) fn every_reason() -> Vec<Reason> {
    [
        r#"{"type":"terminal_state","licence":"L-1","action":"resume","state":{"state":"cancelled"}}"#,
        r#"{"type":"wrong_state","licence":"L-1","action":"reactivate","state":{"state":"expired","phase":"lapsed"}}"#,
        r#"{"type":"too_few_seats","licence":"L-1","requested":0}"#,
        r#"{"type":"seat_decrease_window_closed","licence":"L-1","requested":1,"current":4294967295,"removable":3,"window_days":7}"#,
        r#"{"type":"negative_price","licence":"L-9","price":{"amount":"0.01","currency":"EUR"}}"#,
        r#"{"type":"term_too_short","licence":"L-1","term_days":0}"#,
        r#"{"type":"reactivation_window_closed","licence":"L-1","closed_at":"2026-03-11T00:00:00Z"}"#,
        r#"{"type":"phase_forbids","licence":"L-1","action":"reactivate","phase":"disabled"}"#,
        r#"{"type":"suspension_cancelled","licence":"L-1","at":"2026-03-11T00:00:00Z"}"#,
        r#"{"type":"not_due_yet","key":{"timer":"reminder","customer":"rossi","licence":"L-1","before":"trial_end","days":3}}"#,
        r#"{"type":"no_relationship","customer":{"id":"rossi","name":"Rossi SpA"},"partner":"acme","action":{"action":"licence","licence_action":"change_seats"},"state":"declined"}"#,
        r#"{"type":"other_customer","customer":{"id":"rossi","name":"Rossi SpA"},"action":{"action":"enable_partner_assistance"},"admin_of":"bianchi"}"#,
        r#"{"type":"actor_not_allowed","customer":{"id":"rossi","name":"Rossi SpA"},"action":{"action":"deliver"},"actor":"customer_admin"}"#,
        r#"{"type":"missing_role","customer":{"id":"rossi","name":"Rossi SpA"},"action":{"action":"request_relationship"},"any_of":["account_admin","sales_agent"]}"#,
        r#"{"type":"missing_programme","customer":{"id":"rossi","name":"Rossi SpA"},"action":{"action":"create_monthly_account"},"programme":"msp_flex"}"#,
        r#"{"type":"wrong_region","customer":{"id":"rossi","name":"Rossi SpA"},"action":{"action":"transfer"},"partner_region":"us","customer_region":"eu"}"#,
        r#"{"type":"not_yet_accepted","customer":{"id":"rossi","name":"Rossi SpA"},"partner":"beta","action":{"action":"add_subscription"}}"#,
        r#"{"type":"no_invitation","customer":{"id":"rossi","name":"Rossi SpA"},"partner":"beta","action":{"action":"accept_invitation"},"state":null}"#,
        r#"{"type":"licence_blocks_unlink","customer":{"id":"rossi","name":"Rossi SpA"},"licence":"L-1","state":{"state":"suspended"}}"#,
        r#"{"type":"reactivation_window_open","customer":{"id":"rossi","name":"Rossi SpA"},"licence":"L-1","expired_at":"2026-01-10T00:00:00Z","window_closes":"2026-03-11T00:00:00Z"}"#,
        r#"{"type":"wrong_unlink_mode","customer":{"id":"rossi","name":"Rossi SpA"},"asked":"immediate","applies":"scheduled","billing":"monthly_usage"}"#,
        r#"{"type":"no_scheduled_unlink","customer":{"id":"rossi","name":"Rossi SpA"},"partner":"acme","action":{"action":"cancel_scheduled_unlink"},"state":"linked"}"#,
        r#"{"type":"billing_forbids","customer":{"id":"rossi","name":"Rossi SpA"},"action":{"action":"convert_to_monthly"},"billing":"direct"}"#,
        r#"{"type":"managed_by_partner","customer":{"id":"rossi","name":"Rossi SpA"},"action":{"action":"licence","licence_action":"cancel"}}"#,
        r#"{"type":"assistance_disabled","customer":{"id":"rossi","name":"Rossi SpA"}}"#,
        r#"{"type":"offer_not_authorised","customer":{"id":"rossi","name":"Rossi SpA"},"offer":"xdr"}"#,
        r#"{"type":"unknown_group","customer":{"id":"rossi","name":"Rossi SpA"},"group":"hospitals"}"#,
        r#"{"type":"billing_partner_taken","customer":{"id":"rossi","name":"Rossi SpA"},"action":{"action":"accept_invitation"}}"#,
        r#"{"type":"other_partner_live","customer":{"id":"rossi","name":"Rossi SpA"},"action":{"action":"convert_to_monthly"}}"#,
        r#"{"type":"invalid_name","customer":{"id":"rossi","name":"Rossi SpA"},"chars":10240,"max":255}"#,
        r#"{"type":"direct_purchase","licence":"L-1","action":"set_auto_renew"}"#,
        r#"{"type":"other_partners_licence","licence":"L-1","action":"suspend"}"#,
        r#"{"type":"missing_right","licence":"L-1","action":"revoke","actor":"partner","missing":{"right":"vendor"}}"#,
    ]
    .into_iter()
    .map(|json| channel_licensing::from_json(json).unwrap_or_else(|e| panic!("{json}: {e}")))
    .collect()
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
