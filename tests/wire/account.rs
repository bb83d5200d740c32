//! insta snapshots of the account aggregate's wire contract: the `Display`
//! of every refusal a partner or customer can meet (they are user-facing),
//! with its JSON; every account event and the new effects; accounts and
//! commands. A snapshot change is a wire-format change: record it in
//! CHANGELOG.md.

use channel_licensing::account::DisplayName;
use channel_licensing::effect::NameTarget;
use channel_licensing::gdap::{AdminRole, GdapChange};
use channel_licensing::transfer_requests::TransferChange;
use channel_licensing::{
    Account, AccountChange, AccountCommand as A, AccountEvent, Actor, BillingType, CreatedBy,
    Effect, Error, Licence, LicenceChange, LicenceCommand as C, LicenceState, NewAccount,
    NewCustomer, PartnerUser, Policy, Reason, RelationshipState, Role, Timer, TimerKey, UnlinkMode,
};
use serde_json::{Value, json};

use crate::common::*;

fn now() -> chrono::DateTime<chrono::Utc> {
    at("2026-06-15T10:00:00Z")
}

/// Every account refusal: its JSON and the sentence a support agent pastes.
#[test]
fn account_refusals() {
    let p = Policy::standard();
    let prospect = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Term,
        CreatedBy::Customer,
    );
    let invited = prospect
        .clone()
        .with_relationship("acme", RelationshipState::Invited { at: now() });
    let with_active = rossi(BillingType::Term)
        .with_licence(Licence::active("L-1", "endpoint", 5, year_2026(), true, by_acme()).unwrap());
    let with_expired = rossi(BillingType::Term).with_licence(
        Licence::new(
            "L-2",
            "endpoint",
            5,
            LicenceState::Expired {
                at: at("2026-06-01T00:00:00Z"),
            },
            by_acme(),
        )
        .unwrap(),
    );
    let scheduled = rossi(BillingType::Trial).with_relationship(
        "acme",
        RelationshipState::UnlinkScheduled {
            unlink_at: at("2026-07-01T00:00:00Z"),
        },
    );
    let unlink_timer = Timer {
        key: TimerKey::ScheduledUnlink {
            customer: "rossi".into(),
            partner: "acme".into(),
        },
        due: at("2026-07-01T00:00:00Z"),
    };
    let help_desk = Actor::Partner(PartnerUser::new("acme", "eu").with_roles([Role::HelpDesk]));
    let elsewhere = Actor::Partner(PartnerUser::new("acme", "us").with_roles([Role::AccountAdmin]));
    let seats = A::Licence {
        licence: "L-1".into(),
        command: C::ChangeSeats { seats: 9 },
    };
    let cases: Vec<(&str, Result<_, Error>)> = vec![
        (
            "no_relationship",
            given(&prospect)
                .under(&p)
                .when(&acme(&[]), A::LaunchConsole)
                .at(now())
                .outcome(),
        ),
        (
            "other_customer",
            given(&rossi(BillingType::Term))
                .under(&p)
                .when(&admin_of("bianchi"), A::EnablePartnerAssistance)
                .at(now())
                .outcome(),
        ),
        (
            "actor_not_allowed",
            given(&rossi(BillingType::Trial))
                .under(&p)
                .when(&acme(&[]), A::EnablePartnerAssistance)
                .at(now())
                .outcome(),
        ),
        (
            "missing_role",
            given(&prospect)
                .under(&p)
                .when(&help_desk, A::RequestRelationship)
                .at(now())
                .outcome(),
        ),
        (
            "missing_programme",
            given(&rossi(BillingType::MonthlyUsage))
                .under(&p)
                .when(
                    &acme(&[]),
                    A::Unlink {
                        mode: UnlinkMode::Scheduled,
                    },
                )
                .at(now())
                .outcome(),
        ),
        (
            "wrong_region",
            given(&prospect)
                .under(&p)
                .when(&elsewhere, A::RequestRelationship)
                .at(now())
                .outcome(),
        ),
        (
            "not_yet_accepted",
            given(&invited.clone().with_licence(
                Licence::active("L-1", "e", 1, year_2026(), true, by_acme()).unwrap(),
            ))
            .under(&p)
            .when(&acme(&[]), seats.clone())
            .at(now())
            .outcome(),
        ),
        (
            "no_invitation",
            given(&rossi(BillingType::Term))
                .under(&p)
                .when(
                    &admin_of("rossi"),
                    A::DeclineInvitation {
                        partner: "beta".into(),
                    },
                )
                .at(now())
                .outcome(),
        ),
        (
            "licence_blocks_unlink",
            given(&with_active)
                .under(&p)
                .when(
                    &acme(&[]),
                    A::Unlink {
                        mode: UnlinkMode::Immediate,
                    },
                )
                .at(now())
                .outcome(),
        ),
        (
            "reactivation_window_open",
            given(&with_expired)
                .under(&p)
                .when(
                    &acme(&[]),
                    A::Unlink {
                        mode: UnlinkMode::Immediate,
                    },
                )
                .at(now())
                .outcome(),
        ),
        (
            "wrong_unlink_mode",
            given(&rossi(BillingType::Term))
                .under(&p)
                .when(
                    &acme(&[]),
                    A::Unlink {
                        mode: UnlinkMode::Scheduled,
                    },
                )
                .at(now())
                .outcome(),
        ),
        (
            "no_scheduled_unlink",
            given(&rossi(BillingType::MonthlyUsage))
                .under(&p)
                .when(&flex(), A::CancelScheduledUnlink)
                .at(now())
                .outcome(),
        ),
        (
            "billing_forbids",
            given(&rossi(BillingType::Direct).with_licence(
                Licence::active("L-1", "e", 1, year_2026(), true, by_acme()).unwrap(),
            ))
            .under(&p)
            .when(&acme(&[]), seats.clone())
            .at(now())
            .outcome(),
        ),
        (
            "billing_partner_taken",
            given(&rossi(BillingType::MonthlyUsage))
                .under(&p)
                .when(
                    &Actor::Partner(
                        PartnerUser::new("beta", "eu").with_roles([Role::AccountAdmin]),
                    ),
                    A::RequestRelationship,
                )
                .at(now())
                .outcome(),
        ),
        (
            "other_partner_live",
            given(&rossi(BillingType::Trial).with_relationship("beta", RelationshipState::Linked))
                .under(&p)
                .when(&flex(), A::ConvertToMonthly)
                .at(now())
                .outcome(),
        ),
        (
            "managed_by_partner",
            given(&with_active)
                .under(&p)
                .when(&admin_of("rossi"), seats)
                .at(now())
                .outcome(),
        ),
        (
            "assistance_disabled",
            given(&rossi(BillingType::Term).with_partner_assistance(false))
                .under(&p)
                .when(&acme(&[]), A::LaunchConsole)
                .at(now())
                .outcome(),
        ),
        (
            "unknown_group",
            given(&rossi(BillingType::Term))
                .under(&p)
                .when(
                    &Actor::Partner(acme_user().with_roles([Role::SuperAdmin])),
                    A::AddToGroup {
                        group: "hospitals".into(),
                    },
                )
                .at(now())
                .outcome(),
        ),
        (
            "invalid_name",
            given(&rossi(BillingType::Term))
                .under(&p)
                .when(
                    &acme(&[]),
                    A::Rename {
                        name: DisplayName::new("   "),
                    },
                )
                .at(now())
                .outcome(),
        ),
        (
            "offer_not_authorised",
            given(&rossi(BillingType::Term))
                .under(&p)
                .when(
                    &acme(&[]),
                    A::AddSubscription {
                        licence: "L-9".into(),
                        offer: "server".into(),
                        seats: 1,
                        term_days: 30,
                        auto_renew: true,
                        price: None,
                    },
                )
                .at(now())
                .outcome(),
        ),
        (
            "not_due_yet",
            given(&scheduled)
                .under(&p)
                .when(&Actor::Vendor, A::Deliver(unlink_timer))
                .at(now())
                .outcome(),
        ),
    ];
    let mut out = serde_json::Map::new();
    for (name, result) in cases {
        let Err(Error::Refused(r)) = result else {
            panic!("{name}: {result:?}")
        };
        let kind = match r.reason() {
            Reason::NoRelationship { .. } => "no_relationship",
            Reason::OtherCustomer { .. } => "other_customer",
            Reason::ActorNotAllowed { .. } => "actor_not_allowed",
            Reason::MissingRole { .. } => "missing_role",
            Reason::MissingProgramme { .. } => "missing_programme",
            Reason::WrongRegion { .. } => "wrong_region",
            Reason::NotYetAccepted { .. } => "not_yet_accepted",
            Reason::NoInvitation { .. } => "no_invitation",
            Reason::LicenceBlocksUnlink { .. } => "licence_blocks_unlink",
            Reason::ReactivationWindowOpen { .. } => "reactivation_window_open",
            Reason::WrongUnlinkMode { .. } => "wrong_unlink_mode",
            Reason::NoScheduledUnlink { .. } => "no_scheduled_unlink",
            Reason::BillingForbids { .. } => "billing_forbids",
            Reason::BillingPartnerTaken { .. } => "billing_partner_taken",
            Reason::OtherPartnerLive { .. } => "other_partner_live",
            Reason::ManagedByPartner { .. } => "managed_by_partner",
            Reason::AssistanceDisabled { .. } => "assistance_disabled",
            Reason::UnknownGroup { .. } => "unknown_group",
            Reason::InvalidName { .. } => "invalid_name",
            Reason::NotDueYet { .. } => "not_due_yet",
            Reason::OfferNotAuthorised { .. } => "offer_not_authorised",
            other => panic!("a licence reason here: {other:?}"),
        };
        assert_eq!(kind, name);
        let back: channel_licensing::Refusal =
            serde_json::from_value(serde_json::to_value(&r).unwrap()).unwrap();
        assert_eq!(back, r);
        out.insert(
            name.to_owned(),
            json!({ "display": r.to_string(), "json": r }),
        );
    }
    insta::assert_json_snapshot!("account_refusals", out);
}

/// Every account event variant, in its envelope, and the new effects.
#[test]
fn account_events_and_effects() {
    let created = Account::new(
        "verdi",
        "Verdi Srl",
        "eu",
        BillingType::MonthlyUsage,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::Linked);
    let changes = [
        AccountChange::Created {
            account: Box::new(created),
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
            partner: "beta".into(),
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
            at: now(),
        },
        AccountChange::ConsoleLaunched {
            partner: "acme".into(),
        },
        AccountChange::PartnerAssistanceChanged { enabled: true },
        AccountChange::AddedToGroup {
            partner: "acme".into(),
            group: "schools".into(),
        },
        AccountChange::Renamed {
            from: DisplayName::new("Rossi"),
            to: DisplayName::new("Rossi SpA"),
        },
        AccountChange::SubscriptionAdded {
            licence: "L-2".into(),
            bought_by: by_acme(),
            offer: "endpoint".into(),
            seats: 10,
            term: year_2026(),
            auto_renew: true,
            price: None,
        },
        AccountChange::Licence {
            licence: "L-1".into(),
            change: LicenceChange::SeatsChanged { from: 5, to: 9 },
        },
    ];
    let instant = now();
    let gdap_changes = [
        GdapChange::Requested {
            partner: "acme".into(),
            roles: vec![AdminRole::HelpdeskAdministrator, AdminRole::GlobalReader],
            duration_days: 365,
            auto_extend: true,
        },
        GdapChange::Approved { ends: instant },
        GdapChange::Rejected,
        GdapChange::Terminated,
        GdapChange::AutoExtendSet { on: false },
        GdapChange::GlobalAdminRemoved,
        GdapChange::NoticeSent {
            days_before: 30,
            due: instant,
        },
        GdapChange::NoticeSkipped {
            days_before: 7,
            due: instant,
        },
        GdapChange::Extended {
            ends: instant,
            extensions: 2,
        },
        GdapChange::Expired { at: instant },
    ];
    let transfer_changes = [
        TransferChange::Created {
            from_partner: "acme".into(),
            to_partner: "beta".into(),
            licences: vec!["L-1".into()],
        },
        TransferChange::Accepted,
        TransferChange::Rejected,
        TransferChange::Cancelled,
        TransferChange::Expired { at: instant },
    ];
    let changes: Vec<AccountChange> = changes
        .into_iter()
        .chain(gdap_changes.into_iter().map(|change| AccountChange::Gdap {
            gdap: "g1".into(),
            change,
        }))
        .chain(
            transfer_changes
                .into_iter()
                .map(|change| AccountChange::TransferRequest {
                    transfer: "t1".into(),
                    change,
                }),
        )
        .collect();
    for change in &changes {
        // Adding an event variant breaks this match: add it to the list above.
        match change {
            AccountChange::Created { .. }
            | AccountChange::BillingChanged { .. }
            | AccountChange::EarlyAccessEnrolled { .. }
            | AccountChange::RelationshipRequested { .. }
            | AccountChange::InvitationAccepted { .. }
            | AccountChange::InvitationDeclined { .. }
            | AccountChange::UnlinkScheduled { .. }
            | AccountChange::ScheduledUnlinkCancelled { .. }
            | AccountChange::Unlinked { .. }
            | AccountChange::ConsoleLaunched { .. }
            | AccountChange::PartnerAssistanceChanged { .. }
            | AccountChange::AddedToGroup { .. }
            | AccountChange::Renamed { .. }
            | AccountChange::SubscriptionAdded { .. }
            | AccountChange::Licence { .. }
            | AccountChange::Gdap { .. }
            | AccountChange::TransferRequest { .. } => {}
        }
    }
    let events: Vec<AccountEvent> = changes
        .into_iter()
        .map(|change| AccountEvent {
            customer: "rossi".into(),
            decided_at: now(),
            policy: Policy::standard().stamp(),
            change,
        })
        .collect();
    for event in &events {
        let back: AccountEvent =
            serde_json::from_value(serde_json::to_value(event).unwrap()).unwrap();
        assert_eq!(&back, event);
    }
    insta::assert_json_snapshot!("account_events", events);

    let key = TimerKey::ScheduledUnlink {
        customer: "rossi".into(),
        partner: "acme".into(),
    };
    let effects = vec![
        Effect::Schedule(Timer {
            key: key.clone(),
            due: at("2026-07-01T00:00:00Z"),
        }),
        Effect::Cancel { key: key.clone() },
        Effect::PropagateName {
            to: NameTarget::AdminConsole,
            customer: "rossi".into(),
            name: DisplayName::new("Rossi SpA"),
        },
        Effect::PropagateName {
            to: NameTarget::Crm,
            customer: "rossi".into(),
            name: DisplayName::new("Rossi SpA"),
        },
    ];
    for effect in &effects {
        let back: Effect = serde_json::from_value(serde_json::to_value(effect).unwrap()).unwrap();
        assert_eq!(&back, effect);
    }
    let mut out: Vec<Value> = effects
        .iter()
        .map(|e| serde_json::to_value(e).unwrap())
        .collect();
    out.push(json!({ "display_key": key.to_string() }));
    insta::assert_json_snapshot!("account_effects", out);
}

/// An account, every account command and both creation commands.
#[test]
fn accounts_and_commands() {
    // Beta's scheduled unlink made the monthly-usage account a trial
    // (REL-7); beta is its one live partner (BILL-9).
    let mut account = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Trial,
        CreatedBy::Partner,
    )
    .with_relationship(
        "beta",
        RelationshipState::UnlinkScheduled {
            unlink_at: at("2026-07-01T00:00:00Z"),
        },
    )
    .with_licence(
        Licence::active(
            "L-1",
            "endpoint",
            5,
            year_2026(),
            true,
            channel_licensing::Purchaser::partner("beta"),
        )
        .unwrap(),
    );
    account.mdr_reports_until = Some(at("2026-07-01T00:00:00Z"));
    let back: Account = serde_json::from_value(serde_json::to_value(&account).unwrap()).unwrap();
    assert_eq!(back, account);
    insta::assert_json_snapshot!("account", account);

    let commands = vec![
        A::ConvertToMonthly,
        A::EnrolEarlyAccess {
            programme: "eap-xdr".into(),
            flex_compatible: false,
        },
        A::RequestRelationship,
        A::AcceptInvitation {
            partner: "acme".into(),
        },
        A::DeclineInvitation {
            partner: "acme".into(),
        },
        A::Unlink {
            mode: UnlinkMode::Immediate,
        },
        A::Unlink {
            mode: UnlinkMode::Scheduled,
        },
        A::CancelScheduledUnlink,
        A::LaunchConsole,
        A::EnablePartnerAssistance,
        A::DisablePartnerAssistance,
        A::AddToGroup {
            group: "schools".into(),
        },
        A::Rename {
            name: DisplayName::new("Rossi SpA"),
        },
        A::AddSubscription {
            licence: "L-2".into(),
            offer: "endpoint".into(),
            seats: 10,
            term_days: 365,
            auto_renew: true,
            price: None,
        },
        A::Licence {
            licence: "L-1".into(),
            command: C::ChangeSeats { seats: 9 },
        },
        A::Deliver(Timer {
            key: TimerKey::ScheduledUnlink {
                customer: "rossi".into(),
                partner: "acme".into(),
            },
            due: at("2026-07-01T00:00:00Z"),
        }),
    ];
    for command in &commands {
        let back: A = serde_json::from_value(serde_json::to_value(command).unwrap()).unwrap();
        assert_eq!(&back, command);
    }
    let creations = vec![
        NewAccount::CreateTrial {
            customer: NewCustomer::new("verdi", "Verdi Srl", "eu"),
            licence: "T-1".into(),
            offer: "endpoint".into(),
            seats: 10,
            trial_days: 30,
        },
        NewAccount::CreateMonthlyAccount {
            customer: NewCustomer::new("neri", "Neri Srl", "eu"),
        },
        NewAccount::CreateCustomerTrial {
            customer: NewCustomer::new("bruni", "Bruni Srl", "eu"),
            licence: "T-1".into(),
            offer: "endpoint".into(),
            seats: 5,
            trial_days: 30,
        },
        NewAccount::Import {
            account: Box::new(
                Account::new(
                    "gialli",
                    "Gialli Srl",
                    "eu",
                    BillingType::Term,
                    CreatedBy::Customer,
                )
                .with_relationship("acme", RelationshipState::Linked),
            ),
        },
    ];
    for creation in &creations {
        let back: NewAccount =
            channel_licensing::from_json(&serde_json::to_string(creation).unwrap()).unwrap();
        assert_eq!(&back, creation);
    }
    insta::assert_json_snapshot!(
        "account_commands",
        json!({ "commands": commands, "creations": creations })
    );
}

/// An account's licences share the IDs they repeat (offers, partners) while
/// they are read: more distinct IDs than are kept for sharing, repeated,
/// in any order, still read back exactly (SUB-1: each licence keeps the
/// partner that bought it).
#[test]
fn sub_1_licences_sharing_ids_read_back_exactly() {
    let mut account = rossi(BillingType::Term);
    for p in 0..20 {
        account = account.with_relationship(format!("partner-{p}"), RelationshipState::Linked);
    }
    for i in 0..60 {
        let owner = channel_licensing::Purchaser::partner(format!("partner-{}", (i * 7) % 20));
        let licence = Licence::active(
            format!("L-{i}"),
            format!("offer-{}", (i * 3) % 25),
            5,
            year_2026(),
            true,
            owner,
        )
        .unwrap();
        account = account.with_licence(licence);
    }
    let json = serde_json::to_string(&account).unwrap();
    let back: Account = channel_licensing::from_json(&json).unwrap();
    assert_eq!(back, account);
    for (read, built) in back.licences.iter().zip(&account.licences) {
        assert_eq!(read.offer.as_str(), built.offer.as_str());
        assert_eq!(read.bought_by, built.bought_by);
    }
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
}
