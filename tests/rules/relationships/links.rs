//! REL-1 … REL-3: several partners at once; invitations; acceptance before
//! provisioning, and answers that are idempotent.

use channel_licensing::{
    Account, AccountChange, AccountCommand as A, Actor, BillingType, CreatedBy,
    LicenceCommand as C, PartnerUser, Reason, RelationshipState, RelationshipStatus, Role, Rule,
};

use crate::common::*;

// ---------------------------------------------------------------- REL-1

/// REL-1: a customer has relationships with several partners at once, each
/// in its own state; unlinking one leaves the others.
#[test]
fn rel_1_several_partners_at_once() {
    let account = rossi(BillingType::Trial).with_relationship("beta", RelationshipState::Linked);
    let d = given(&account)
        .when(&acme(&[]), IMMEDIATE)
        .at(now())
        .accepted();
    let after = apply(account, &d);
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
        let d = given(&prospect)
            .when(&actor, A::RequestRelationship)
            .at(now())
            .accepted();
        assert_eq!(
            changes(&d),
            [AccountChange::RelationshipRequested {
                partner: "acme".into()
            }]
        );
        let invited = apply(prospect.clone(), &d);
        assert_eq!(
            invited.relationship(&"acme".into()).unwrap().state,
            RelationshipState::Invited { at: now() }
        );
        assert!(
            given(&invited)
                .when(&actor, A::RequestRelationship)
                .at(now())
                .accepted()
                .is_empty(),
            "already invited"
        );
    }
    for role in [Role::HelpDesk, Role::ReadOnly, Role::SuperAdmin] {
        let actor = Actor::Partner(PartnerUser::new("acme", "eu").with_roles([role]));
        assert_eq!(
            given(&prospect)
                .when(&actor, A::RequestRelationship)
                .at(now())
                .refused()
                .rule(),
            Rule::Rel2
        );
    }
    let elsewhere =
        Actor::Partner(PartnerUser::new("acme", "apac").with_roles([Role::AccountAdmin]));
    let r = given(&prospect)
        .when(&elsewhere, A::RequestRelationship)
        .at(now())
        .refused();
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
    let r = given(&invited)
        .when(&acme(&[]), provision.clone())
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Rel3);
    assert!(
        r.to_string()
            .contains("the customer has not accepted the invitation of acme yet"),
        "{r}"
    );

    let accepted = given(&invited)
        .when(
            &admin_of("rossi"),
            A::AcceptInvitation {
                partner: "acme".into(),
            },
        )
        .at(now())
        .then_state();
    assert_eq!(
        accepted.relationship_status(&"acme".into(), now()),
        Some(RelationshipStatus::Linked)
    );
    assert!(
        !given(&accepted)
            .when(&acme(&[]), provision)
            .at(now())
            .accepted()
            .is_empty()
    );

    let declined = given(&invited)
        .when(
            &admin_of("rossi"),
            A::DeclineInvitation {
                partner: "acme".into(),
            },
        )
        .at(now())
        .then_state();
    assert_eq!(
        declined.relationship_status(&"acme".into(), now()),
        Some(RelationshipStatus::Declined)
    );
    let r = given(&declined)
        .when(
            &admin_of("rossi"),
            A::AcceptInvitation {
                partner: "acme".into(),
            },
        )
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Rel3);

    // The partner cannot accept on the customer's behalf.
    let r = given(&invited)
        .when(
            &acme(&[]),
            A::AcceptInvitation {
                partner: "acme".into(),
            },
        )
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Rel3);
}

/// REL-3: accepting an invitation that was already accepted is "already in
/// that state"; declining a declined one too.
#[test]
fn rel_3_answers_are_idempotent() {
    let linked = rossi(BillingType::Term);
    assert!(
        given(&linked)
            .when(
                &admin_of("rossi"),
                A::AcceptInvitation {
                    partner: "acme".into()
                }
            )
            .at(now())
            .accepted()
            .is_empty()
    );
    let declined = rossi(BillingType::Term)
        .with_relationship("acme", RelationshipState::Declined { at: now() });
    assert!(
        given(&declined)
            .when(
                &admin_of("rossi"),
                A::DeclineInvitation {
                    partner: "acme".into()
                }
            )
            .at(now())
            .accepted()
            .is_empty()
    );
    // The other answer to a settled invitation is no answer at all: there
    // is no invitation left to decline, or to accept.
    let r = given(&linked)
        .when(
            &admin_of("rossi"),
            A::DeclineInvitation {
                partner: "acme".into(),
            },
        )
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Rel3);
    let r = given(&declined)
        .when(
            &admin_of("rossi"),
            A::AcceptInvitation {
                partner: "acme".into(),
            },
        )
        .at(now())
        .refused();
    assert_eq!(r.rule(), Rule::Rel3);
}
