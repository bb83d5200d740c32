//! AUTH-1 (every command is decided for an actor, and a partner needs a live
//! relationship: linked, or unlink-scheduled where a rule allows) and AUTH-2
//! (a refusal for missing rights names what was missing).

use channel_licensing::account::DisplayName;
use channel_licensing::{
    Account, AccountCommand as A, Actor, BillingType, CreatedBy, LicenceCommand as C, PartnerUser,
    Programme, Reason, RelationshipState, Role, Rule, Timer, TimerKey,
};

use crate::common::*;

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
            let r = given(&account)
                .when(&actor, command.clone())
                .at(now())
                .refused();
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
        let r = given(&account)
            .when(&actor, A::CancelScheduledUnlink)
            .at(now())
            .refused();
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
    let r = given(&account)
        .when(&acme(&[]), command)
        .at(now())
        .refused();
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
        let r = given(&account).when(&other, command).at(now()).refused();
        assert_eq!(r.rule(), Rule::Auth1);
        assert!(matches!(r.reason(), Reason::OtherCustomer { .. }), "{r}");
    }
    for actor in [admin_of("rossi"), Actor::Vendor] {
        let r = given(&account).when(&actor, IMMEDIATE).at(now()).refused();
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
    let r = given(&account)
        .when(&acme(&[]), A::Deliver(timer))
        .at(now())
        .refused();
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
    let role = given(&prospect)
        .when(&help_desk, A::RequestRelationship)
        .at(now())
        .refused();
    assert!(
        role.to_string()
            .contains("account admin, sales agent or billing agent"),
        "{role}"
    );

    let us = Actor::Partner(PartnerUser::new("acme", "us").with_roles([Role::SalesAgent]));
    let region = given(&prospect)
        .when(&us, A::RequestRelationship)
        .at(now())
        .refused();
    assert!(
        region
            .to_string()
            .contains("the partner is in region us and the customer's tenant in eu"),
        "{region}"
    );

    let programme = given(&rossi(BillingType::MonthlyUsage))
        .when(&acme(&[]), SCHEDULED)
        .at(now())
        .refused();
    assert!(
        programme
            .to_string()
            .contains("needs a partner in the MSP Flex programme"),
        "{programme}"
    );

    let relationship = given(&prospect)
        .when(&acme(&[]), A::LaunchConsole)
        .at(now())
        .refused();
    assert!(
        relationship
            .to_string()
            .contains("acme has no relationship with this customer"),
        "{relationship}"
    );

    let group = Actor::Partner(acme_user().with_groups(["schools"]));
    let super_admin = given(&rossi(BillingType::Term))
        .when(
            &group,
            A::AddToGroup {
                group: "schools".into(),
            },
        )
        .at(now())
        .refused();
    assert!(
        super_admin
            .to_string()
            .contains("one of the partner roles super admin"),
        "{super_admin}"
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
        let r = given(&scheduled)
            .when(&admin, command.clone())
            .at(now())
            .refused();
        assert_eq!(r.rule(), Rule::Auth1, "{command:?}");
        assert!(
            r.to_string()
                .contains("a relationship whose unlink is scheduled"),
            "{r}"
        );
    }
    assert!(
        !given(&scheduled)
            .when(&admin, A::LaunchConsole)
            .at(now())
            .accepted()
            .is_empty()
    );
    assert!(
        !given(&scheduled)
            .when(&admin, A::CancelScheduledUnlink)
            .at(now())
            .accepted()
            .is_empty()
    );
    assert!(
        given(&scheduled)
            .when(&admin, SCHEDULED)
            .at(now())
            .accepted()
            .is_empty(),
        "already scheduled"
    );
    assert!(
        channel_licensing::customers::contact_details(&scheduled, &"acme".into(), now()).is_ok()
    );
}

/// AUTH-1: an actor displays as who acts, for support messages and logs.
#[test]
fn auth_1_actors_display_as_who_acts() {
    assert_eq!(acme(&[]).to_string(), "a user of partner acme");
    assert_eq!(admin_of("rossi").to_string(), "the admin of customer rossi");
    assert_eq!(Actor::Vendor.to_string(), "the vendor");
}

/// AUTH-1: a creation by an actor that may not make it is refused, and
/// the refusal says which creation, for which customer: an import is the
/// vendor's, a customer's own trial its admin's, a partner's account a
/// partner's.
#[test]
fn auth_1_a_creation_by_the_wrong_actor_is_refused_naming_it() {
    use channel_licensing::{Context, Error, NewAccount, NewCustomer, Policy};
    let customer = || NewCustomer::new("verdi", "Verdi Srl", "eu");
    let cases = [
        (
            acme(&[Programme::MspFlex]),
            NewAccount::Import {
                account: Box::new(rossi(BillingType::Term)),
            },
            "cannot import ",
        ),
        (
            acme(&[Programme::MspFlex]),
            NewAccount::CreateCustomerTrial {
                customer: customer(),
                licence: "T-1".into(),
                offer: "endpoint".into(),
                seats: 5,
                trial_days: 30,
            },
            "cannot create a trial of its own for Verdi Srl (verdi)",
        ),
        (
            admin_of("verdi"),
            NewAccount::CreateMonthlyAccount {
                customer: customer(),
            },
            "cannot create a monthly account for Verdi Srl (verdi)",
        ),
    ];
    let policy = Policy::standard();
    for (actor, command, says) in cases {
        match Account::create(&command, &Context::new(now(), &actor, &policy)) {
            Err(Error::Refused(r)) => {
                assert_eq!(r.rule(), Rule::Auth1, "{r}");
                assert!(r.to_string().starts_with(says), "{r}");
            }
            other => panic!("{command:?} by {actor:?}: {other:?}"),
        }
    }
}

/// AUTH-2: a partner whose invitation was declined is told so.
#[test]
fn auth_2_a_declined_invitation_is_named_in_the_refusal() {
    let account = rossi(BillingType::Trial).with_relationship(
        "beta",
        RelationshipState::Declined {
            at: now() - days(1),
        },
    );
    let beta = Actor::Partner(PartnerUser::new("beta", "eu").with_roles([Role::SuperAdmin]));
    let r = given(&account)
        .when(
            &beta,
            A::Rename {
                name: DisplayName::new("New"),
            },
        )
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Auth1);
    assert!(r.to_string().contains("a declined invitation"), "{r}");
}
