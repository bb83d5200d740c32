//! One or more tests per account rule: AUTH-1, AUTH-2, BILL-1 … BILL-7,
//! REL-1 … REL-11, AST-1 … AST-3, CUST-3, CUST-4. Each test names the rule
//! it pins and would fail if that rule were broken.

mod common;

use channel_licensing::{
    Account, AccountChange, AccountCommand as A, Actor, BillingType, CancelledBy, CreatedBy,
    DisplayName, Effect, Error, Licence, LicenceChange, LicenceCommand as C, LicenceState,
    NameTarget, NewAccount, NewCustomer, PartnerUser, Policy, Programme, Purchaser, Reason,
    RelationshipState, RelationshipStatus, Role, Rule, Term, Timer, TimerKey, UnlinkMode,
};
use common::*;

fn expired(id: &str, at_: &str) -> Licence {
    Licence::new(
        id,
        "endpoint",
        5,
        LicenceState::Expired { at: at(at_) },
        by_acme(),
    )
    .unwrap()
}

fn active_licence(id: &str) -> Licence {
    Licence::active(id, "endpoint", 5, year_2026(), true, by_acme()).unwrap()
}

const IMMEDIATE: A = A::Unlink {
    mode: UnlinkMode::Immediate,
};
const SCHEDULED: A = A::Unlink {
    mode: UnlinkMode::Scheduled,
};

fn now() -> chrono::DateTime<chrono::Utc> {
    at("2026-06-15T10:00:00Z")
}

// ---------------------------------------------------------------- AUTH-1

/// AUTH-1: a partner without a linked relationship is refused, whatever its
/// relationship's state, for every partner command.
#[test]
fn auth_1_partner_without_live_relationship_is_refused() {
    let states = [
        None,
        Some(RelationshipState::Invited {
            at: now() - days(1),
        }),
        Some(RelationshipState::Unlinked {
            at: now() - days(1),
        }),
        Some(RelationshipState::Declined {
            at: now() - days(1),
        }),
    ];
    let commands = [
        IMMEDIATE,
        A::LaunchConsole,
        A::ConvertToMonthly,
        A::AddToGroup {
            group: "schools".into(),
        },
        A::Rename {
            name: DisplayName::new("New"),
        },
        A::EnrolEarlyAccess {
            programme: "eap".into(),
            flex_compatible: true,
        },
    ];
    let user = acme_user()
        .with_roles([Role::SuperAdmin])
        .with_programmes([Programme::MspFlex])
        .with_groups(["schools"]);
    let actor = Actor::Partner(user);
    for state in states {
        let mut account = Account::new(
            "rossi",
            "Rossi SpA",
            "eu",
            BillingType::Trial,
            CreatedBy::Partner,
        )
        .with_relationship("beta", RelationshipState::Linked);
        if let Some(state) = state {
            account = account.with_relationship("acme", state);
        }
        for command in commands.clone() {
            let r = arefuse(&account, command.clone(), now(), &actor);
            assert!(
                matches!(r.reason(), Reason::NoRelationship { .. }),
                "{command:?} with {state:?}: {r}"
            );
            assert!(
                matches!(r.rule(), Rule::Auth1 | Rule::Ast1),
                "{command:?}: {r}"
            );
        }
        // Cancelling a scheduled unlink: refused too; an unlinked partner is
        // told there is no unlink scheduled (REL-8).
        let r = arefuse(&account, A::CancelScheduledUnlink, now(), &actor);
        assert!(matches!(r.rule(), Rule::Auth1 | Rule::Rel8), "{r}");
    }
}

/// AUTH-1: an invited partner provisioning a licence gets REL-3; a partner
/// with no relationship at all gets AUTH-1, naming it.
#[test]
fn auth_1_licence_commands_need_a_linked_relationship() {
    let account = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Term,
        CreatedBy::Partner,
    )
    .with_licence(active_licence("L-1"));
    let command = A::Licence {
        licence: "L-1".into(),
        command: C::ChangeSeats { seats: 7 },
    };
    let r = arefuse(&account, command, now(), &acme(&[]));
    assert_eq!(r.rule(), Rule::Auth1);
    assert_eq!(
        r.to_string(),
        "cannot change the seats of a licence of Rossi SpA (rossi): acme has no relationship with this customer (AUTH-1)"
    );
}

/// AUTH-1: a customer admin acts only on its own customer; the vendor and
/// customer admins cannot send partner commands; timers come from the vendor.
#[test]
fn auth_1_customer_admins_act_only_on_their_own_customer() {
    let account = rossi(BillingType::Trial)
        .with_relationship("beta", RelationshipState::Invited { at: now() });
    let other = admin_of("bianchi");
    for command in [
        A::EnablePartnerAssistance,
        A::AcceptInvitation {
            partner: "beta".into(),
        },
    ] {
        let r = arefuse(&account, command, now(), &other);
        assert_eq!(r.rule(), Rule::Auth1);
        assert!(matches!(r.reason(), Reason::OtherCustomer { .. }), "{r}");
    }
    for actor in [admin_of("rossi"), Actor::Vendor] {
        let r = arefuse(&account, IMMEDIATE, now(), &actor);
        assert_eq!(r.rule(), Rule::Auth1);
        assert!(matches!(r.reason(), Reason::ActorNotAllowed { .. }));
    }
    let timer = Timer {
        key: TimerKey::ScheduledUnlink {
            customer: "rossi".into(),
            partner: "acme".into(),
        },
        due: now(),
    };
    let r = arefuse(&account, A::Deliver(timer), now(), &acme(&[]));
    assert_eq!(r.rule(), Rule::Auth1);
}

// ---------------------------------------------------------------- AUTH-2

/// AUTH-2: a refusal for missing rights names what was missing: the role,
/// the programme, the relationship or the region.
#[test]
fn auth_2_refusals_name_what_was_missing() {
    let prospect = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Term,
        CreatedBy::Customer,
    );
    let help_desk = Actor::Partner(PartnerUser::new("acme", "eu").with_roles([Role::HelpDesk]));
    let role = arefuse(&prospect, A::RequestRelationship, now(), &help_desk);
    assert!(
        role.to_string()
            .contains("account admin, sales agent or billing agent"),
        "{role}"
    );

    let us = Actor::Partner(PartnerUser::new("acme", "us").with_roles([Role::SalesAgent]));
    let region = arefuse(&prospect, A::RequestRelationship, now(), &us);
    assert!(
        region
            .to_string()
            .contains("the partner is in region us and the customer's tenant in eu"),
        "{region}"
    );

    let programme = arefuse(
        &rossi(BillingType::MonthlyUsage),
        SCHEDULED,
        now(),
        &acme(&[]),
    );
    assert!(
        programme
            .to_string()
            .contains("needs a partner in the MSP Flex programme"),
        "{programme}"
    );

    let relationship = arefuse(&prospect, A::LaunchConsole, now(), &acme(&[]));
    assert!(
        relationship
            .to_string()
            .contains("acme has no relationship with this customer"),
        "{relationship}"
    );

    let group = Actor::Partner(acme_user().with_groups(["schools"]));
    let super_admin = arefuse(
        &rossi(BillingType::Term),
        A::AddToGroup {
            group: "schools".into(),
        },
        now(),
        &group,
    );
    assert!(
        super_admin
            .to_string()
            .contains("one of the partner roles super admin"),
        "{super_admin}"
    );
}

// ---------------------------------------------------------------- BILL-1

/// BILL-1: an account has exactly one billing type, one of five, on the wire
/// as a snake-case string.
#[test]
fn bill_1_one_billing_type_per_account() {
    let types = [
        (BillingType::Trial, "trial"),
        (BillingType::Term, "term"),
        (BillingType::MonthlyUsage, "monthly_usage"),
        (BillingType::ManagedOrder, "managed_order"),
        (BillingType::Direct, "direct"),
    ];
    for (billing, wire) in types {
        let account = rossi(billing);
        let json = serde_json::to_value(&account).unwrap();
        assert_eq!(json["billing"], wire);
        let back: Account = serde_json::from_value(json).unwrap();
        assert_eq!(back.billing, billing);
    }
}

// ---------------------------------------------------------------- BILL-2

/// BILL-2: only an MSP Flex partner creates a monthly-usage account; the
/// partner is linked to it and assistance is on (AST-2).
#[test]
fn bill_2_monthly_accounts_need_msp_flex() {
    let p = Policy::standard();
    let cmd = NewAccount::CreateMonthlyAccount {
        customer: NewCustomer::new("verdi", "Verdi Srl", "eu"),
    };
    let plain = acme(&[]);
    let Err(Error::Refused(r)) =
        Account::create(&cmd, &channel_licensing::Context::new(now(), &plain, &p))
    else {
        panic!("a partner outside MSP Flex cannot create monthly accounts");
    };
    assert_eq!(r.rule(), Rule::Bill2);
    assert!(matches!(
        r.reason(),
        Reason::MissingProgramme {
            programme: Programme::MspFlex,
            ..
        }
    ));

    let d = Account::create(&cmd, &channel_licensing::Context::new(now(), &flex(), &p)).unwrap();
    let account = Account::from_events(d.events()).unwrap();
    assert_eq!(account.billing, BillingType::MonthlyUsage);
    assert_eq!(
        account.relationship_status(&"acme".into(), now()),
        Some(RelationshipStatus::Linked)
    );
    assert!(account.partner_assistance);
}

// ---------------------------------------------------------------- BILL-3

/// BILL-3: an MSP Flex partner converts a trial to monthly usage; nobody
/// else, and nothing but a trial.
#[test]
fn bill_3_trial_to_monthly_conversion() {
    let trial = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Trial,
        CreatedBy::Customer,
    )
    .with_relationship("acme", RelationshipState::Linked);
    assert!(!trial.partner_assistance);
    let d = aaccept(&trial, A::ConvertToMonthly, now(), &flex());
    assert_eq!(
        achanges(&d),
        [
            AccountChange::BillingChanged {
                from: BillingType::Trial,
                to: BillingType::MonthlyUsage
            },
            AccountChange::PartnerAssistanceChanged { enabled: true },
        ]
    );
    let monthly = aapply(trial.clone(), &d);
    assert!(aaccept(&monthly, A::ConvertToMonthly, now(), &flex()).is_empty());

    let r = arefuse(&trial, A::ConvertToMonthly, now(), &acme(&[]));
    assert_eq!(r.rule(), Rule::Bill3);
    let r = arefuse(
        &rossi(BillingType::Term),
        A::ConvertToMonthly,
        now(),
        &flex(),
    );
    assert_eq!(r.rule(), Rule::Bill3);
    assert!(
        r.to_string()
            .contains("it is billed as terms, which does not allow this"),
        "{r}"
    );
}

// ---------------------------------------------------------------- BILL-4

/// BILL-4: a monthly-usage account cannot join an early-access programme
/// that is not flex-compatible; others can.
#[test]
fn bill_4_flex_and_early_access() {
    let incompatible = A::EnrolEarlyAccess {
        programme: "eap-xdr".into(),
        flex_compatible: false,
    };
    let r = arefuse(
        &rossi(BillingType::MonthlyUsage),
        incompatible.clone(),
        now(),
        &acme(&[]),
    );
    assert_eq!(r.rule(), Rule::Bill4);
    let compatible = A::EnrolEarlyAccess {
        programme: "eap-xdr".into(),
        flex_compatible: true,
    };
    let d = aaccept(
        &rossi(BillingType::MonthlyUsage),
        compatible,
        now(),
        &acme(&[]),
    );
    assert_eq!(
        achanges(&d),
        [AccountChange::EarlyAccessEnrolled {
            programme: "eap-xdr".into()
        }]
    );
    let term = rossi(BillingType::Term);
    let enrolled = aapply(
        term.clone(),
        &aaccept(&term, incompatible.clone(), now(), &acme(&[])),
    );
    assert_eq!(enrolled.early_access, ["eap-xdr".into()]);
    assert!(aaccept(&enrolled, incompatible, now(), &acme(&[])).is_empty());
}

// ---------------------------------------------------------------- BILL-5

/// BILL-5: a managed order is managed only by an MSP Flex Connect partner.
#[test]
fn bill_5_managed_orders_need_flex_connect() {
    let order = rossi(BillingType::ManagedOrder).with_licence(active_licence("L-1"));
    let seats = A::Licence {
        licence: "L-1".into(),
        command: C::ChangeSeats { seats: 9 },
    };
    for command in [seats.clone(), A::LaunchConsole] {
        let r = arefuse(&order, command.clone(), now(), &flex());
        assert_eq!(r.rule(), Rule::Bill5, "{command:?}");
        assert!(matches!(
            r.reason(),
            Reason::MissingProgramme {
                programme: Programme::MspFlexConnect,
                ..
            }
        ));
    }
    let connect = acme(&[Programme::MspFlexConnect]);
    assert!(!aaccept(&order, seats, now(), &connect).is_empty());
    assert!(!aaccept(&order, A::LaunchConsole, now(), &connect).is_empty());
}

// ---------------------------------------------------------------- BILL-6

/// BILL-6: a direct purchase is visible but not manageable: quantity,
/// status, auto-renew and cancel commands from the partner are refused.
#[test]
fn bill_6_direct_accounts_are_read_only_for_the_partner() {
    let direct = rossi(BillingType::Direct).with_licence(active_licence("L-1"));
    for command in [
        C::ChangeSeats { seats: 9 },
        C::Suspend,
        C::Resume,
        C::SetAutoRenew { on: false },
        C::Cancel,
    ] {
        let r = arefuse(
            &direct,
            A::Licence {
                licence: "L-1".into(),
                command: command.clone(),
            },
            now(),
            &acme(&[]),
        );
        assert_eq!(r.rule(), Rule::Bill6, "{command:?}");
        assert!(
            r.to_string()
                .contains("it is billed as a direct purchase, which does not allow this"),
            "{r}"
        );
    }
    // Visible: the customer list shows it.
    let rows = channel_licensing::customer_list(
        &[direct],
        &channel_licensing::CustomerQuery::new("acme"),
        now(),
        &Policy::standard(),
    );
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].licences.len(), 1);
}

// ---------------------------------------------------------------- BILL-7

/// BILL-7: when the partner created the account, the customer's admin
/// cannot manage its licences; when the customer created it, it can.
#[test]
fn bill_7_partner_created_accounts_are_managed_by_the_partner() {
    let command = A::Licence {
        licence: "L-1".into(),
        command: C::ChangeSeats { seats: 9 },
    };
    let by_partner = rossi(BillingType::Term).with_licence(active_licence("L-1"));
    let r = arefuse(&by_partner, command.clone(), now(), &admin_of("rossi"));
    assert_eq!(r.rule(), Rule::Bill7);
    assert!(
        r.to_string().contains("the partner created this account"),
        "{r}"
    );

    let by_customer = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Term,
        CreatedBy::Customer,
    )
    .with_licence(active_licence("L-1"));
    let d = aaccept(&by_customer, command, now(), &admin_of("rossi"));
    assert_eq!(
        achanges(&d),
        [AccountChange::Licence {
            licence: "L-1".into(),
            change: LicenceChange::SeatsChanged { from: 5, to: 9 }
        }]
    );
}

// ---------------------------------------------------------------- REL-1

/// REL-1: a customer has relationships with several partners at once, each
/// in its own state; unlinking one leaves the others.
#[test]
fn rel_1_several_partners_at_once() {
    let account = rossi(BillingType::Trial).with_relationship("beta", RelationshipState::Linked);
    let d = aaccept(&account, IMMEDIATE, now(), &acme(&[]));
    let after = aapply(account, &d);
    assert_eq!(
        after.relationship_status(&"acme".into(), now()),
        Some(RelationshipStatus::Unlinked)
    );
    assert_eq!(
        after.relationship_status(&"beta".into(), now()),
        Some(RelationshipStatus::Linked)
    );
    let json = serde_json::to_value(&after.relationships).unwrap();
    assert_eq!(json[0]["state"], "unlinked");
    assert_eq!(json[1]["state"], "linked");
}

// ---------------------------------------------------------------- REL-2

/// REL-2: account admins, sales agents and billing agents in the customer's
/// region invite; the relationship becomes `invited`.
#[test]
fn rel_2_invitations() {
    let prospect = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Term,
        CreatedBy::Customer,
    );
    for role in [Role::AccountAdmin, Role::SalesAgent, Role::BillingAgent] {
        let actor = Actor::Partner(PartnerUser::new("acme", "eu").with_roles([role]));
        let d = aaccept(&prospect, A::RequestRelationship, now(), &actor);
        assert_eq!(
            achanges(&d),
            [AccountChange::RelationshipRequested {
                partner: "acme".into()
            }]
        );
        let invited = aapply(prospect.clone(), &d);
        assert_eq!(
            invited.relationship(&"acme".into()).unwrap().state,
            RelationshipState::Invited { at: now() }
        );
        assert!(
            aaccept(&invited, A::RequestRelationship, now(), &actor).is_empty(),
            "already invited"
        );
    }
    for role in [Role::HelpDesk, Role::ReadOnly, Role::SuperAdmin] {
        let actor = Actor::Partner(PartnerUser::new("acme", "eu").with_roles([role]));
        assert_eq!(
            arefuse(&prospect, A::RequestRelationship, now(), &actor).rule(),
            Rule::Rel2
        );
    }
    let elsewhere =
        Actor::Partner(PartnerUser::new("acme", "apac").with_roles([Role::AccountAdmin]));
    let r = arefuse(&prospect, A::RequestRelationship, now(), &elsewhere);
    assert_eq!(r.rule(), Rule::Rel2);
    assert!(matches!(r.reason(), Reason::WrongRegion { .. }));
}

// ---------------------------------------------------------------- REL-3

/// REL-3: the customer's admin accepts (linked) or declines; an invited
/// partner cannot provision yet.
#[test]
fn rel_3_acceptance_before_provisioning() {
    let invited = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Term,
        CreatedBy::Customer,
    )
    .with_relationship(
        "acme",
        RelationshipState::Invited {
            at: now() - days(2),
        },
    )
    .with_licence(active_licence("L-1"));
    let provision = A::Licence {
        licence: "L-1".into(),
        command: C::ChangeSeats { seats: 9 },
    };
    let r = arefuse(&invited, provision.clone(), now(), &acme(&[]));
    assert_eq!(r.rule(), Rule::Rel3);
    assert!(
        r.to_string()
            .contains("the customer has not accepted the invitation of acme yet"),
        "{r}"
    );

    let accepted = aapply(
        invited.clone(),
        &aaccept(
            &invited,
            A::AcceptInvitation {
                partner: "acme".into(),
            },
            now(),
            &admin_of("rossi"),
        ),
    );
    assert_eq!(
        accepted.relationship_status(&"acme".into(), now()),
        Some(RelationshipStatus::Linked)
    );
    assert!(!aaccept(&accepted, provision, now(), &acme(&[])).is_empty());

    let declined = aapply(
        invited.clone(),
        &aaccept(
            &invited,
            A::DeclineInvitation {
                partner: "acme".into(),
            },
            now(),
            &admin_of("rossi"),
        ),
    );
    assert_eq!(
        declined.relationship_status(&"acme".into(), now()),
        Some(RelationshipStatus::Declined)
    );
    let r = arefuse(
        &declined,
        A::AcceptInvitation {
            partner: "acme".into(),
        },
        now(),
        &admin_of("rossi"),
    );
    assert_eq!(r.rule(), Rule::Rel3);

    // The partner cannot accept on the customer's behalf.
    let r = arefuse(
        &invited,
        A::AcceptInvitation {
            partner: "acme".into(),
        },
        now(),
        &acme(&[]),
    );
    assert_eq!(r.rule(), Rule::Rel3);
}

// ---------------------------------------------------------------- REL-4

/// REL-4: an active or suspended licence blocks unlinking; the refusal says
/// to remove it first; once removed, the unlink goes through.
#[test]
fn rel_4_active_licences_must_be_removed_first() {
    let account = rossi(BillingType::Term).with_licence(active_licence("L-1"));
    let r = arefuse(&account, IMMEDIATE, now(), &acme(&[]));
    assert_eq!(r.rule(), Rule::Rel4);
    assert_eq!(r.earliest(), None);
    assert_eq!(
        r.to_string(),
        "cannot unlink Rossi SpA (rossi): licence L-1 is active; remove the licence first (REL-4)"
    );

    let removed = aapply(
        account.clone(),
        &aaccept(
            &account,
            A::Licence {
                licence: "L-1".into(),
                command: C::Remove,
            },
            now(),
            &acme(&[]),
        ),
    );
    let d = aaccept(&removed, IMMEDIATE, now(), &acme(&[]));
    assert_eq!(
        achanges(&d),
        [AccountChange::Unlinked {
            partner: "acme".into(),
            at: now()
        }]
    );

    let suspended = Licence::new(
        "L-2",
        "endpoint",
        3,
        LicenceState::Suspended {
            term: year_2026(),
            auto_renew: false,
            since: now() - days(1),
            cancels_at: now() + days(29),
        },
        by_acme(),
    )
    .unwrap();
    let r = arefuse(
        &rossi(BillingType::Term).with_licence(suspended),
        IMMEDIATE,
        now(),
        &acme(&[]),
    );
    assert_eq!(r.rule(), Rule::Rel4);
    assert!(r.to_string().contains("licence L-2 is suspended"), "{r}");
}

// ---------------------------------------------------------------- REL-5

/// REL-5: while an expired licence's 60-day reactivation window is open the
/// unlink is refused with the instant it becomes possible; exactly at that
/// instant it is accepted, one second before it is refused.
#[test]
fn rel_5_reactivation_window_blocks_with_earliest_instant() {
    let account = rossi(BillingType::Term).with_licence(expired("L-1", "2026-01-10T00:00:00Z"));
    let opens = at("2026-03-11T00:00:00Z");
    let r = arefuse(&account, IMMEDIATE, opens - secs(1), &acme(&[]));
    assert_eq!(r.rule(), Rule::Rel5);
    assert_eq!(r.earliest(), Some(opens));
    assert_eq!(
        r.to_string(),
        "cannot unlink Rossi SpA (rossi): licence L-1 expired on 2026-01-10T00:00:00Z and can be reactivated \
         until 2026-03-11T00:00:00Z; possible from 2026-03-11T00:00:00Z (REL-5)"
    );
    let d = aaccept(&account, IMMEDIATE, opens, &acme(&[]));
    assert_eq!(
        achanges(&d),
        [AccountChange::Unlinked {
            partner: "acme".into(),
            at: opens
        }]
    );
}

/// REL-5: with several expired licences, the earliest instant is the latest
/// window end over all of them.
#[test]
fn rel_5_latest_window_end_over_all_licences() {
    let account = rossi(BillingType::Term)
        .with_licence(expired("L-1", "2026-05-01T00:00:00Z"))
        .with_licence(expired("L-2", "2026-05-20T00:00:00Z"))
        .with_licence(expired("L-3", "2026-04-01T00:00:00Z"));
    let r = arefuse(&account, IMMEDIATE, now(), &acme(&[]));
    assert_eq!(r.earliest(), Some(at("2026-05-20T00:00:00Z") + days(60)));
    assert!(r.to_string().contains("licence L-2"), "{r}");
    // Two windows closing together: the refusal names the first licence.
    let tie = rossi(BillingType::Term)
        .with_licence(expired("L-1", "2026-05-20T00:00:00Z"))
        .with_licence(expired("L-2", "2026-05-20T00:00:00Z"));
    let r = arefuse(&tie, IMMEDIATE, now(), &acme(&[]));
    assert!(r.to_string().contains("licence L-1"), "{r}");
    // The window is policy data.
    let p = Policy::standard()
        .to_builder()
        .expired_grace_days(10)
        .reactivation_window_days(40)
        .build()
        .unwrap();
    let Err(Error::Refused(r)) = adecide(&account, IMMEDIATE, now(), &acme(&[]), &p) else {
        panic!()
    };
    assert_eq!(r.earliest(), Some(at("2026-05-20T00:00:00Z") + days(40)));
}

// ---------------------------------------------------------------- REL-6

/// REL-6: trial accounts, accounts whose licences are all revoked, removed,
/// cancelled or lapsed, and inactive accounts with no licence unlink now.
#[test]
fn rel_6_immediate_unlinks() {
    let t = now() - days(1);
    let trial = rossi(BillingType::Trial).with_licence(
        Licence::trial(
            "T-1",
            "endpoint",
            5,
            Term::of_days(now() - days(5), 30).unwrap(),
            by_acme(),
        )
        .unwrap(),
    );
    let finished = rossi(BillingType::Term)
        .with_licence(
            Licence::new("L-1", "e", 1, LicenceState::Revoked { at: t }, by_acme()).unwrap(),
        )
        .with_licence(
            Licence::new("L-2", "e", 1, LicenceState::Removed { at: t }, by_acme()).unwrap(),
        )
        .with_licence(
            Licence::new(
                "L-3",
                "e",
                1,
                LicenceState::Cancelled {
                    at: t,
                    by: CancelledBy::Request,
                },
                by_acme(),
            )
            .unwrap(),
        )
        .with_licence(expired("L-4", "2026-01-01T00:00:00Z"));
    let inactive = rossi(BillingType::Term);
    for account in [trial, finished, inactive] {
        let d = aaccept(&account, IMMEDIATE, now(), &acme(&[]));
        assert_eq!(
            achanges(&d),
            [AccountChange::Unlinked {
                partner: "acme".into(),
                at: now()
            }]
        );
        assert_eq!(d.effects().count(), 0);
        let after = aapply(account, &d);
        assert_eq!(
            after.relationship_status(&"acme".into(), now()),
            Some(RelationshipStatus::Unlinked)
        );
    }
}

// ---------------------------------------------------------------- REL-7

fn monthly_unlink(
    now: chrono::DateTime<chrono::Utc>,
    policy: &Policy,
) -> chrono::DateTime<chrono::Utc> {
    let account = rossi(BillingType::MonthlyUsage);
    let d = adecide(&account, SCHEDULED, now, &flex(), policy).unwrap();
    match achanges(&d).as_slice() {
        [
            AccountChange::BillingChanged {
                from: BillingType::MonthlyUsage,
                to: BillingType::Trial,
            },
            AccountChange::UnlinkScheduled {
                unlink_at,
                mdr_reports_until,
                ..
            },
        ] => {
            assert_eq!(
                unlink_at, mdr_reports_until,
                "MDR reports until the next billing cycle"
            );
            let effects: Vec<_> = d.effects().cloned().collect();
            assert_eq!(
                effects,
                [Effect::Schedule(Timer {
                    key: TimerKey::ScheduledUnlink {
                        customer: "rossi".into(),
                        partner: "acme".into()
                    },
                    due: *unlink_at
                })]
            );
            *unlink_at
        }
        other => panic!("{other:?}"),
    }
}

/// REL-7: a monthly-usage account is converted to a trial now and unlinked
/// on the first day of next month; MDR reports continue until then.
#[test]
fn rel_7_monthly_usage_unlink_is_scheduled_for_next_month() {
    let p = Policy::standard();
    assert_eq!(
        monthly_unlink(at("2026-06-15T10:00:00Z"), &p),
        at("2026-07-01T00:00:00Z")
    );
    // Asked at 23:59:59 on the last day of a month: due at 00:00 the next day.
    assert_eq!(
        monthly_unlink(at("2026-04-30T23:59:59Z"), &p),
        at("2026-05-01T00:00:00Z")
    );
    // December → January.
    assert_eq!(
        monthly_unlink(at("2026-12-31T12:00:00Z"), &p),
        at("2027-01-01T00:00:00Z")
    );
    let account = rossi(BillingType::MonthlyUsage);
    let after = aapply(
        account.clone(),
        &aaccept(&account, SCHEDULED, now(), &flex()),
    );
    assert_eq!(after.billing, BillingType::Trial);
    assert_eq!(after.mdr_reports_until, Some(at("2026-07-01T00:00:00Z")));
    assert_eq!(
        after.relationship_status(&"acme".into(), now()),
        Some(RelationshipStatus::UnlinkScheduled)
    );
}

/// REL-7: the first day of the month is midnight in the policy's calendar,
/// across a daylight-saving change.
#[test]
fn rel_7_calendar_of_the_policy_across_dst() {
    let rome = Policy::standard()
        .to_builder()
        .calendar(chrono_tz::Europe::Rome)
        .build()
        .unwrap();
    // Rome enters DST on 29 March 2026: midnight of 1 April is 22:00 UTC on 31 March.
    assert_eq!(
        monthly_unlink(at("2026-03-20T12:00:00Z"), &rome),
        at("2026-03-31T22:00:00Z")
    );
    // Rome leaves DST on 25 October 2026: midnight of 1 November is 23:00 UTC.
    assert_eq!(
        monthly_unlink(at("2026-10-31T22:30:00Z"), &rome),
        at("2026-10-31T23:00:00Z")
    );
    // 23:30 UTC on 31 October is already 1 November in Rome: next is 1 December.
    assert_eq!(
        monthly_unlink(at("2026-10-31T23:30:00Z"), &rome),
        at("2026-11-30T23:00:00Z")
    );
}

/// REL-7: only an MSP Flex partner unlinks a monthly account; active
/// licences do not block it (the Decision of REL-7).
#[test]
fn rel_7_needs_msp_flex_and_ignores_licence_blocks() {
    let account = rossi(BillingType::MonthlyUsage)
        .with_licence(active_licence("L-1"))
        .with_licence(expired("L-2", "2026-06-01T00:00:00Z"));
    let r = arefuse(&account, SCHEDULED, now(), &acme(&[]));
    assert_eq!(r.rule(), Rule::Rel7);
    assert!(matches!(
        r.reason(),
        Reason::MissingProgramme {
            programme: Programme::MspFlex,
            ..
        }
    ));
    assert!(!aaccept(&account, SCHEDULED, now(), &flex()).is_empty());
}

// ---------------------------------------------------------------- REL-8

/// REL-8: a scheduled unlink is cancelled strictly before its date by an MSP
/// Flex partner: the account is monthly usage again and the timer is
/// dropped; one second before is accepted, at the date refused.
#[test]
fn rel_8_cancel_scheduled_unlink_before_its_date() {
    let account = rossi(BillingType::MonthlyUsage);
    let scheduled = aapply(
        account.clone(),
        &aaccept(&account, SCHEDULED, now(), &flex()),
    );
    let due = at("2026-07-01T00:00:00Z");

    let d = aaccept(&scheduled, A::CancelScheduledUnlink, due - secs(1), &flex());
    assert_eq!(
        achanges(&d),
        [
            AccountChange::ScheduledUnlinkCancelled {
                partner: "acme".into()
            },
            AccountChange::BillingChanged {
                from: BillingType::Trial,
                to: BillingType::MonthlyUsage
            },
        ]
    );
    let key = TimerKey::ScheduledUnlink {
        customer: "rossi".into(),
        partner: "acme".into(),
    };
    assert_eq!(
        d.effects().cloned().collect::<Vec<_>>(),
        [Effect::Cancel { key }]
    );
    let kept = aapply(scheduled.clone(), &d);
    assert_eq!(kept.billing, BillingType::MonthlyUsage);
    assert_eq!(
        kept.relationship_status(&"acme".into(), due),
        Some(RelationshipStatus::Linked)
    );
    assert_eq!(kept.mdr_reports_until, None);

    let r = arefuse(&scheduled, A::CancelScheduledUnlink, due, &flex());
    assert_eq!(r.rule(), Rule::Rel8);
    assert!(r.to_string().contains("an unlinked relationship"), "{r}");

    let r = arefuse(
        &scheduled,
        A::CancelScheduledUnlink,
        due - secs(1),
        &acme(&[]),
    );
    assert_eq!(r.rule(), Rule::Rel8);
    assert!(matches!(r.reason(), Reason::MissingProgramme { .. }));

    let r = arefuse(&account, A::CancelScheduledUnlink, now(), &flex());
    assert_eq!(r.rule(), Rule::Rel8);
}

// ---------------------------------------------------------------- REL-9

/// REL-9: the delivered due effect unlinks; delivering it again, or after
/// the unlink was cancelled, does nothing; an early delivery is refused.
#[test]
fn rel_9_the_due_effect_unlinks_and_stale_ones_do_nothing() {
    let account = rossi(BillingType::MonthlyUsage);
    let scheduled = aapply(
        account.clone(),
        &aaccept(&account, SCHEDULED, now(), &flex()),
    );
    let timer = scheduled.timers(&Policy::standard()).next().unwrap();
    let due = timer.due;

    let early = arefuse(
        &scheduled,
        A::Deliver(timer.clone()),
        due - secs(1),
        &Actor::Vendor,
    );
    assert_eq!(early.rule(), Rule::Rel9);
    assert_eq!(early.earliest(), Some(due));

    let d = aaccept(&scheduled, A::Deliver(timer.clone()), due, &Actor::Vendor);
    assert_eq!(
        achanges(&d),
        [AccountChange::Unlinked {
            partner: "acme".into(),
            at: due
        }]
    );
    let unlinked = aapply(scheduled.clone(), &d);
    assert_eq!(
        unlinked.relationship_status(&"acme".into(), due),
        Some(RelationshipStatus::Unlinked)
    );
    assert_eq!(unlinked.next_deadline(&Policy::standard()), None);
    assert!(
        aaccept(
            &unlinked,
            A::Deliver(timer.clone()),
            due + days(1),
            &Actor::Vendor
        )
        .is_empty()
    );

    let cancelled = aapply(
        scheduled.clone(),
        &aaccept(&scheduled, A::CancelScheduledUnlink, due - days(1), &flex()),
    );
    assert!(aaccept(&cancelled, A::Deliver(timer), due, &Actor::Vendor).is_empty());
    assert_eq!(
        cancelled.relationship_status(&"acme".into(), due),
        Some(RelationshipStatus::Linked)
    );
}

/// REL-9: a scheduled-unlink timer of another customer (same partner, same
/// instant) is not this account's: delivering it early is a no-op, not a
/// refusal.
#[test]
fn rel_9_another_customers_unlink_timer_is_not_this_accounts() {
    let account = rossi(BillingType::MonthlyUsage);
    let scheduled = aapply(
        account.clone(),
        &aaccept(&account, SCHEDULED, now(), &flex()),
    );
    let mut timer = scheduled.timers(&Policy::standard()).next().unwrap();
    timer.key = TimerKey::ScheduledUnlink {
        customer: "verdi".into(),
        partner: "acme".into(),
    };
    let early = timer.due - secs(1);
    assert!(aaccept(&scheduled, A::Deliver(timer), early, &Actor::Vendor).is_empty());
}

/// REL-9 / LIC-2: a licence timer delivered through the account reaches the
/// licence its key names, not another one.
#[test]
fn rel_9_a_licence_timer_reaches_the_licence_it_names() {
    let account = rossi(BillingType::Term)
        .with_licence(Licence::active("L-1", "e", 5, year_2026(), false, by_acme()).unwrap())
        .with_licence(
            Licence::active(
                "L-2",
                "e",
                5,
                Term::new(at("2026-01-01T00:00:00Z"), at("2026-09-01T00:00:00Z")).unwrap(),
                false,
                by_acme(),
            )
            .unwrap(),
        );
    let policy = Policy::standard();
    let timer = account.licences[1]
        .timers(&account.id, &policy)
        .last()
        .expect("L-2's term end");
    let d = aaccept(
        &account,
        A::Deliver(timer.clone()),
        timer.due,
        &Actor::Vendor,
    );
    assert_eq!(
        achanges(&d),
        [AccountChange::Licence {
            licence: "L-2".into(),
            change: LicenceChange::Expired { at: timer.due }
        }]
    );
    // Early, it is refused with its due instant: judged by L-2, whose
    // timer it is.
    let r = arefuse(
        &account,
        A::Deliver(timer.clone()),
        timer.due - secs(1),
        &Actor::Vendor,
    );
    assert_eq!(r.earliest(), Some(timer.due));
}

// ---------------------------------------------------------------- REL-11

/// REL-11: the mode must fit the account, and the refusal names the mode
/// that applies.
#[test]
fn rel_11_unlink_mode_must_fit_the_account() {
    let r = arefuse(&rossi(BillingType::MonthlyUsage), IMMEDIATE, now(), &flex());
    assert_eq!(r.rule(), Rule::Rel11);
    assert!(matches!(
        r.reason(),
        Reason::WrongUnlinkMode {
            applies: UnlinkMode::Scheduled,
            ..
        }
    ));
    assert_eq!(
        r.to_string(),
        "cannot unlink Rossi SpA (rossi) immediately: an account billed as monthly usage is unlinked on the first day of next month (REL-11)"
    );
    for billing in [BillingType::Trial, BillingType::Term, BillingType::Direct] {
        let r = arefuse(&rossi(billing), SCHEDULED, now(), &flex());
        assert_eq!(r.rule(), Rule::Rel11);
        assert!(matches!(
            r.reason(),
            Reason::WrongUnlinkMode {
                applies: UnlinkMode::Immediate,
                ..
            }
        ));
    }
}

// ---------------------------------------------------------------- AST-1

/// AST-1: launching the console needs assistance on and a linked or
/// unlink-scheduled relationship.
#[test]
fn ast_1_launching_the_console() {
    let linked = rossi(BillingType::Term);
    let d = aaccept(&linked, A::LaunchConsole, now(), &acme(&[]));
    assert_eq!(
        achanges(&d),
        [AccountChange::ConsoleLaunched {
            partner: "acme".into()
        }]
    );

    let scheduled = rossi(BillingType::Trial).with_relationship(
        "acme",
        RelationshipState::UnlinkScheduled {
            unlink_at: now() + days(10),
        },
    );
    assert!(!aaccept(&scheduled, A::LaunchConsole, now(), &acme(&[])).is_empty());

    let off = rossi(BillingType::Term).with_partner_assistance(false);
    let r = arefuse(&off, A::LaunchConsole, now(), &acme(&[]));
    assert_eq!(r.rule(), Rule::Ast1);
    assert!(matches!(r.reason(), Reason::AssistanceDisabled { .. }));

    let unlinked = rossi(BillingType::Term)
        .with_relationship("acme", RelationshipState::Unlinked { at: now() });
    let r = arefuse(&unlinked, A::LaunchConsole, now(), &acme(&[]));
    assert_eq!(r.rule(), Rule::Ast1);
    // The scheduled unlink's instant has come: not live any more.
    let r = arefuse(&scheduled, A::LaunchConsole, now() + days(10), &acme(&[]));
    assert_eq!(r.rule(), Rule::Ast1);
}

// ---------------------------------------------------------------- AST-2

/// AST-2: assistance is on for partner-created trials, monthly-usage
/// accounts and managed orders.
#[test]
fn ast_2_assistance_on_automatically() {
    let p = Policy::standard();
    let cmd = NewAccount::CreateTrial {
        customer: NewCustomer::new("verdi", "Verdi Srl", "eu"),
        licence: "T-1".into(),
        offer: "endpoint".into(),
        seats: 10,
        trial_days: 30,
    };
    let d = Account::create(
        &cmd,
        &channel_licensing::Context::new(now(), &acme(&[]), &p),
    )
    .unwrap();
    let trial = Account::from_events(d.events()).unwrap();
    assert!(trial.partner_assistance);
    assert_eq!(trial.billing, BillingType::Trial);
    assert!(matches!(
        trial.licences[0].state,
        LicenceState::Trial { .. }
    ));
    for billing in [BillingType::MonthlyUsage, BillingType::ManagedOrder] {
        for created_by in [CreatedBy::Partner, CreatedBy::Customer] {
            assert!(
                Account::new("x", "X", "eu", billing, created_by).partner_assistance,
                "{billing:?}"
            );
        }
    }
}

// ---------------------------------------------------------------- AST-3

/// AST-3: a customer-created trial starts with assistance off; only its own
/// admin switches it; a partner cannot.
#[test]
fn ast_3_only_the_customer_switches_assistance() {
    let trial = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Trial,
        CreatedBy::Customer,
    )
    .with_relationship("acme", RelationshipState::Linked);
    assert!(!trial.partner_assistance);
    assert_eq!(
        arefuse(&trial, A::LaunchConsole, now(), &acme(&[])).rule(),
        Rule::Ast1
    );

    let r = arefuse(&trial, A::EnablePartnerAssistance, now(), &acme(&[]));
    assert_eq!(r.rule(), Rule::Ast3);
    assert_eq!(
        r.to_string(),
        "cannot enable partner assistance for Rossi SpA (rossi): a partner user may not do this (AST-3)"
    );

    let d = aaccept(
        &trial,
        A::EnablePartnerAssistance,
        now(),
        &admin_of("rossi"),
    );
    assert_eq!(
        achanges(&d),
        [AccountChange::PartnerAssistanceChanged { enabled: true }]
    );
    let on = aapply(trial, &d);
    assert!(!aaccept(&on, A::LaunchConsole, now(), &acme(&[])).is_empty());
    assert!(aaccept(&on, A::EnablePartnerAssistance, now(), &admin_of("rossi")).is_empty());
    let off = aapply(
        on.clone(),
        &aaccept(&on, A::DisablePartnerAssistance, now(), &admin_of("rossi")),
    );
    assert!(!off.partner_assistance);
}

// ---------------------------------------------------------------- CUST-3

/// CUST-3: a partner super admin adds the customer to an existing group.
#[test]
fn cust_3_groups_need_a_super_admin_and_an_existing_group() {
    let account = rossi(BillingType::Term);
    let admin = Actor::Partner(
        PartnerUser::new("acme", "eu")
            .with_roles([Role::SuperAdmin])
            .with_groups(["schools"]),
    );
    let d = aaccept(
        &account,
        A::AddToGroup {
            group: "schools".into(),
        },
        now(),
        &admin,
    );
    assert_eq!(
        achanges(&d),
        [AccountChange::AddedToGroup {
            partner: "acme".into(),
            group: "schools".into()
        }]
    );
    let grouped = aapply(account.clone(), &d);
    assert!(
        aaccept(
            &grouped,
            A::AddToGroup {
                group: "schools".into()
            },
            now(),
            &admin
        )
        .is_empty()
    );
    // Another of the partner's groups is a new membership.
    let both = Actor::Partner(
        PartnerUser::new("acme", "eu")
            .with_roles([Role::SuperAdmin])
            .with_groups(["schools", "hospitals"]),
    );
    assert_eq!(
        achanges(&aaccept(
            &grouped,
            A::AddToGroup {
                group: "hospitals".into()
            },
            now(),
            &both
        )),
        [AccountChange::AddedToGroup {
            partner: "acme".into(),
            group: "hospitals".into()
        }]
    );

    let r = arefuse(
        &account,
        A::AddToGroup {
            group: "hospitals".into(),
        },
        now(),
        &admin,
    );
    assert_eq!(r.rule(), Rule::Cust3);
    assert_eq!(
        r.to_string(),
        "cannot add Rossi SpA (rossi) to group hospitals: the partner has no such group (CUST-3)"
    );

    let plain = Actor::Partner(acme_user().with_groups(["schools"]));
    let r = arefuse(
        &account,
        A::AddToGroup {
            group: "schools".into(),
        },
        now(),
        &plain,
    );
    assert_eq!(r.rule(), Rule::Cust3);
    assert!(matches!(r.reason(), Reason::MissingRole { .. }));
}

// ---------------------------------------------------------------- CUST-4

/// CUST-4: a rename is trimmed, 1 to 255 characters, propagated to the
/// admin console and the CRM; the same name again is a no-op.
#[test]
fn cust_4_rename() {
    let account = rossi(BillingType::Term);
    let d = aaccept(
        &account,
        A::Rename {
            name: DisplayName::new("  Rossi Group SpA "),
        },
        now(),
        &acme(&[]),
    );
    assert_eq!(
        achanges(&d),
        [AccountChange::Renamed {
            from: DisplayName::new("Rossi SpA"),
            to: DisplayName::new("Rossi Group SpA")
        }]
    );
    let targets: Vec<NameTarget> = d
        .effects()
        .map(|e| match e {
            Effect::PropagateName { to, name, customer } => {
                assert_eq!(name.as_str(), "Rossi Group SpA");
                assert_eq!(customer.as_str(), "rossi");
                *to
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(targets, [NameTarget::AdminConsole, NameTarget::Crm]);
    assert!(
        aaccept(
            &account,
            A::Rename {
                name: DisplayName::new("Rossi SpA ")
            },
            now(),
            &acme(&[])
        )
        .is_empty()
    );

    let blank = arefuse(
        &account,
        A::Rename {
            name: DisplayName::new("   "),
        },
        now(),
        &acme(&[]),
    );
    assert_eq!(blank.rule(), Rule::Cust4);
    let max = "é".repeat(255); // 255 characters, 510 bytes
    assert!(
        !aaccept(
            &account,
            A::Rename {
                name: DisplayName::new(&max)
            },
            now(),
            &acme(&[])
        )
        .is_empty()
    );
    let long = arefuse(
        &account,
        A::Rename {
            name: DisplayName::new(&"x".repeat(256)),
        },
        now(),
        &acme(&[]),
    );
    assert_eq!(long.rule(), Rule::Cust4);
    assert_eq!(
        long.to_string(),
        "cannot rename Rossi SpA (rossi): a display name has 1 to 255 characters after trimming, not 256 (CUST-4)"
    );
    let ten_kb = arefuse(
        &account,
        A::Rename {
            name: DisplayName::new(&"n".repeat(10_240)),
        },
        now(),
        &acme(&[]),
    );
    assert_eq!(ten_kb.rule(), Rule::Cust4);
}

// --------------------------------------------------------- licences via accounts

/// Licence rules apply through the account; a licence's due timers lead the
/// decision; an unknown licence is an error value.
#[test]
fn licence_commands_through_the_account() {
    let account = rossi(BillingType::Term)
        .with_licence(Licence::active("L-1", "e", 5, year_2026(), false, by_acme()).unwrap());
    let after_end = at("2027-01-02T00:00:00Z");
    let r = arefuse(
        &account,
        A::Licence {
            licence: "L-1".into(),
            command: C::Suspend,
        },
        after_end,
        &acme(&[]),
    );
    assert_eq!(r.rule(), Rule::Lic7);
    let d = aaccept(
        &account,
        A::Licence {
            licence: "L-1".into(),
            command: C::Remove,
        },
        after_end,
        &acme(&[]),
    );
    assert_eq!(
        achanges(&d),
        [
            AccountChange::Licence {
                licence: "L-1".into(),
                change: LicenceChange::Expired {
                    at: year_2026().ends
                }
            },
            AccountChange::Licence {
                licence: "L-1".into(),
                change: LicenceChange::Removed { at: after_end }
            },
        ]
    );
    let err = adecide(
        &account,
        A::Licence {
            licence: "L-9".into(),
            command: C::Remove,
        },
        now(),
        &acme(&[]),
        &Policy::standard(),
    );
    assert_eq!(
        err.unwrap_err(),
        Error::UnknownLicence {
            licence: "L-9".into()
        }
    );
    let r = arefuse(
        &account,
        A::Licence {
            licence: "L-1".into(),
            command: C::Revoke,
        },
        now(),
        &acme(&[]),
    );
    assert_eq!(r.rule(), Rule::Lic9);
    assert!(
        !aaccept(
            &account,
            A::Licence {
                licence: "L-1".into(),
                command: C::Revoke
            },
            now(),
            &Actor::Vendor
        )
        .is_empty()
    );
}

/// REL-6: a trial account unlinks immediately even after a trial licence
/// expired, and even with a licence still running, when those licences are
/// another partner's: REL-4 and REL-5 apply first, on trial accounts too,
/// but count only the unlinking partner's own licences (SUB-1). The
/// partner's own expired trial blocks while its reactivation window is open
/// (REL-5), and its own running licence blocks (REL-4), as on a term account.
#[test]
fn rel_6_trial_accounts_unlink_immediately_whatever_their_licences() {
    let ended = |bought_by| {
        Licence::trial(
            "T-1",
            "endpoint",
            5,
            Term::of_days(now() - days(40), 30).unwrap(),
            bought_by,
        )
        .unwrap()
    };
    let betas = Licence::active(
        "L-1",
        "endpoint",
        5,
        year_2026(),
        true,
        Purchaser::partner("beta"),
    )
    .unwrap();
    let trial = rossi(BillingType::Trial)
        .with_relationship("beta", RelationshipState::Linked)
        .with_licence(ended(Purchaser::partner("beta")))
        .with_licence(betas);
    let d = aaccept(&trial, IMMEDIATE, now(), &acme(&[]));
    let changes = achanges(&d);
    assert_eq!(
        changes.last(),
        Some(&AccountChange::Unlinked {
            partner: "acme".into(),
            at: now()
        })
    );
    // acme's own expired trial blocks until its reactivation window closes
    // (REL-5, on a trial account too); then the unlink goes through.
    let own_ended = rossi(BillingType::Trial).with_licence(ended(by_acme()));
    let window_closes = now() - days(10) + days(60);
    let r = arefuse(&own_ended, IMMEDIATE, now(), &acme(&[]));
    assert_eq!(r.rule(), Rule::Rel5);
    assert_eq!(r.earliest(), Some(window_closes));
    let d = aaccept(&own_ended, IMMEDIATE, window_closes, &acme(&[]));
    assert_eq!(
        achanges(&d).last(),
        Some(&AccountChange::Unlinked {
            partner: "acme".into(),
            at: window_closes
        })
    );
    // acme's own running licence blocks it, on a trial account too (REL-4
    // applies before REL-6) as on a term account.
    let own_running = rossi(BillingType::Trial).with_licence(active_licence("L-1"));
    assert_eq!(
        arefuse(&own_running, IMMEDIATE, now(), &acme(&[])).rule(),
        Rule::Rel4
    );
    let term = rossi(BillingType::Term).with_licence(active_licence("L-1"));
    assert_eq!(
        arefuse(&term, IMMEDIATE, now(), &acme(&[])).rule(),
        Rule::Rel4
    );
}

/// REL-9 with REL-7's Decision: when the scheduled unlink takes effect, the
/// monthly licences end with it (removed at the unlink instant, their timers
/// dropped); another partner can then unlink the trial account too (REL-1).
#[test]
fn rel_9_monthly_licences_end_with_the_unlink() {
    let account = rossi(BillingType::MonthlyUsage)
        .with_relationship("beta", RelationshipState::Linked)
        .with_licence(active_licence("L-1"));
    let scheduled = aapply(
        account.clone(),
        &aaccept(&account, SCHEDULED, now(), &flex()),
    );
    let timer = Timer {
        key: TimerKey::ScheduledUnlink {
            customer: "rossi".into(),
            partner: "acme".into(),
        },
        due: at("2026-07-01T00:00:00Z"),
    };
    let d = aaccept(
        &scheduled,
        A::Deliver(timer.clone()),
        timer.due,
        &Actor::Vendor,
    );
    assert_eq!(
        achanges(&d),
        [
            AccountChange::Unlinked {
                partner: "acme".into(),
                at: timer.due
            },
            AccountChange::Licence {
                licence: "L-1".into(),
                change: LicenceChange::Removed { at: timer.due }
            },
        ]
    );
    let unlinked = aapply(scheduled, &d);
    assert_eq!(
        unlinked.licences[0].state,
        LicenceState::Removed { at: timer.due }
    );
    assert_eq!(
        unlinked.next_deadline(&Policy::standard()),
        None,
        "the licence's timers are dropped too"
    );
    assert_eq!(
        unlinked.relationship_status(&"beta".into(), timer.due),
        Some(RelationshipStatus::Linked)
    );
    let beta = Actor::Partner(PartnerUser::new("beta", "eu"));
    let d = aaccept(&unlinked, IMMEDIATE, timer.due, &beta);
    assert_eq!(
        achanges(&d),
        [AccountChange::Unlinked {
            partner: "beta".into(),
            at: timer.due
        }]
    );
}

/// AUTH-1 "where a rule allows": with an unlink scheduled, the partner may
/// still launch the console (AST-1), cancel the unlink (REL-8) and see the
/// customer; every other command is refused.
#[test]
fn auth_1_a_scheduled_unlink_allows_only_what_a_rule_allows() {
    let admin = Actor::Partner(
        acme_user()
            .with_roles([Role::SuperAdmin])
            .with_programmes([Programme::MspFlex])
            .with_groups(["schools"]),
    );
    let scheduled = rossi(BillingType::Trial)
        .with_relationship(
            "acme",
            RelationshipState::UnlinkScheduled {
                unlink_at: now() + days(10),
            },
        )
        .with_licence(active_licence("L-1"));
    for command in [
        A::Licence {
            licence: "L-1".into(),
            command: C::ChangeSeats { seats: 9 },
        },
        A::Rename {
            name: DisplayName::new("Other"),
        },
        A::AddToGroup {
            group: "schools".into(),
        },
        A::ConvertToMonthly,
        A::EnrolEarlyAccess {
            programme: "eap".into(),
            flex_compatible: true,
        },
    ] {
        let r = arefuse(&scheduled, command.clone(), now(), &admin);
        assert_eq!(r.rule(), Rule::Auth1, "{command:?}");
        assert!(
            r.to_string()
                .contains("a relationship whose unlink is scheduled"),
            "{r}"
        );
    }
    assert!(!aaccept(&scheduled, A::LaunchConsole, now(), &admin).is_empty());
    assert!(!aaccept(&scheduled, A::CancelScheduledUnlink, now(), &admin).is_empty());
    assert!(
        aaccept(&scheduled, SCHEDULED, now(), &admin).is_empty(),
        "already scheduled"
    );
    assert!(channel_licensing::contact_details(&scheduled, &"acme".into(), now()).is_ok());
}

/// REL-3: accepting an invitation that was already accepted is "already in
/// that state"; declining a declined one too.
#[test]
fn rel_3_answers_are_idempotent() {
    let linked = rossi(BillingType::Term);
    assert!(
        aaccept(
            &linked,
            A::AcceptInvitation {
                partner: "acme".into()
            },
            now(),
            &admin_of("rossi")
        )
        .is_empty()
    );
    let declined = rossi(BillingType::Term)
        .with_relationship("acme", RelationshipState::Declined { at: now() });
    assert!(
        aaccept(
            &declined,
            A::DeclineInvitation {
                partner: "acme".into()
            },
            now(),
            &admin_of("rossi")
        )
        .is_empty()
    );
    // The other answer to a settled invitation is no answer at all: there
    // is no invitation left to decline, or to accept.
    let r = arefuse(
        &linked,
        A::DeclineInvitation {
            partner: "acme".into(),
        },
        now(),
        &admin_of("rossi"),
    );
    assert_eq!(r.rule(), Rule::Rel3);
    let r = arefuse(
        &declined,
        A::AcceptInvitation {
            partner: "acme".into(),
        },
        now(),
        &admin_of("rossi"),
    );
    assert_eq!(r.rule(), Rule::Rel3);
}

/// CUST-4 at creation: a new account's name is trimmed and 1 to 255
/// characters too.
#[test]
fn cust_4_names_are_checked_at_creation() {
    let p = Policy::standard();
    let cmd = NewAccount::CreateMonthlyAccount {
        customer: NewCustomer::new("verdi", "   ", "eu"),
    };
    let Err(Error::Refused(r)) =
        Account::create(&cmd, &channel_licensing::Context::new(now(), &flex(), &p))
    else {
        panic!("a blank name is refused");
    };
    assert_eq!(r.rule(), Rule::Cust4);
}

/// Events apply only to their own customer, `created` included.
#[test]
fn evolve_ignores_other_customers_events() {
    let p = Policy::standard();
    let cmd = NewAccount::CreateMonthlyAccount {
        customer: NewCustomer::new("verdi", "Verdi", "eu"),
    };
    let d = Account::create(&cmd, &channel_licensing::Context::new(now(), &flex(), &p)).unwrap();
    let rossi = rossi(BillingType::Term);
    assert_eq!(d.events().fold(rossi.clone(), Account::evolve), rossi);
}

/// A stored account with two licences of the same ID, or two relationships
/// with the same partner, is an error value; the builder replaces instead.
#[test]
fn duplicate_ids_in_a_stored_account_are_rejected() {
    let mut json =
        serde_json::to_value(rossi(BillingType::Term).with_licence(active_licence("L-1"))).unwrap();
    let licence = json["licences"][0].clone();
    json["licences"].as_array_mut().unwrap().push(licence);
    let err = serde_json::from_value::<Account>(json).unwrap_err();
    assert!(err.to_string().contains("lists licence L-1 twice"), "{err}");

    let mut json = serde_json::to_value(rossi(BillingType::Term)).unwrap();
    let rel = json["relationships"][0].clone();
    json["relationships"].as_array_mut().unwrap().push(rel);
    let err = serde_json::from_value::<Account>(json).unwrap_err();
    assert!(err.to_string().contains("partner acme twice"), "{err}");

    let twice = rossi(BillingType::Term)
        .with_licence(active_licence("L-1"))
        .with_licence(active_licence("L-1"));
    assert_eq!(twice.licences.len(), 1);
}

/// AUTH-1: an actor displays as who acts, for support messages and logs.
#[test]
fn auth_1_actors_display_as_who_acts() {
    assert_eq!(acme(&[]).to_string(), "a user of partner acme");
    assert_eq!(admin_of("rossi").to_string(), "the admin of customer rossi");
    assert_eq!(Actor::Vendor.to_string(), "the vendor");
}
