//! BILL-9: a monthly-usage account is billed through one partner: no second
//! partner is invited or accepted, and a trial shared with another live
//! partner is not converted.

use channel_licensing::{
    AccountChange, AccountCommand, BillingType, Reason, RelationshipState, Rule, UnlinkMode,
};

use crate::common::partners::{beta, beta_flex, june};
use crate::common::*;

// ---------------------------------------------------------------- BILL-9

/// BILL-9: a monthly-usage account is billed through one partner: another
/// partner's invitation is refused, also while the monthly unlink is
/// scheduled (the account is a trial then); once the unlink has taken
/// effect, the invitation goes through.
#[test]
fn bill_9_no_second_partner_is_invited_on_a_monthly_account() {
    let invite = AccountCommand::RequestRelationship;
    let monthly = rossi(BillingType::MonthlyUsage);
    let refusal = given(&monthly)
        .when(&beta(), invite.clone())
        .at(june())
        .refused();
    assert_eq!(refusal.rule(), Rule::Bill9);
    assert!(matches!(
        refusal.reason(),
        Reason::BillingPartnerTaken { .. }
    ));
    let scheduled = given(&monthly)
        .when(
            &flex(),
            AccountCommand::Unlink {
                mode: UnlinkMode::Scheduled,
            },
        )
        .at(june())
        .then_state();
    assert_eq!(scheduled.billing, BillingType::Trial);
    let refusal = given(&scheduled)
        .when(&beta(), invite.clone())
        .at(june())
        .refused();
    assert_eq!(refusal.rule(), Rule::Bill9);
    let after = at("2026-07-01T00:00:00Z");
    let decision = given(&scheduled).when(&beta(), invite).at(after).accepted();
    assert!(
        changes(&decision).contains(&AccountChange::RelationshipRequested {
            partner: "beta".into()
        })
    );
}

/// BILL-9: the customer's admin cannot accept another partner's invitation
/// on a monthly account (one left from before it became monthly), but can
/// decline it.
#[test]
fn bill_9_no_second_partner_is_accepted_on_a_monthly_account() {
    let monthly = rossi(BillingType::MonthlyUsage).with_relationship(
        "beta",
        RelationshipState::Invited {
            at: at("2026-05-01T00:00:00Z"),
        },
    );
    let accept = AccountCommand::AcceptInvitation {
        partner: "beta".into(),
    };
    let refusal = given(&monthly)
        .when(&admin_of("rossi"), accept)
        .at(june())
        .refused();
    assert_eq!(refusal.rule(), Rule::Bill9);
    let decline = AccountCommand::DeclineInvitation {
        partner: "beta".into(),
    };
    assert_eq!(
        given(&monthly)
            .when(&admin_of("rossi"), decline)
            .at(june())
            .changes(),
        [AccountChange::InvitationDeclined {
            partner: "beta".into()
        }]
    );
}

/// BILL-9: a trial with another live partner (invited, linked or with an
/// unlink scheduled) cannot be converted to monthly usage; once that
/// partner is gone it can.
#[test]
fn bill_9_a_trial_with_another_live_partner_is_not_converted() {
    for state in [
        RelationshipState::Invited {
            at: at("2026-05-01T00:00:00Z"),
        },
        RelationshipState::Linked,
        RelationshipState::UnlinkScheduled {
            unlink_at: at("2026-07-01T00:00:00Z"),
        },
    ] {
        let trial = rossi(BillingType::Trial).with_relationship("beta", state);
        let refusal = given(&trial)
            .when(&flex(), AccountCommand::ConvertToMonthly)
            .at(june())
            .refused();
        assert_eq!(refusal.rule(), Rule::Bill9, "{state:?}");
        assert!(matches!(refusal.reason(), Reason::OtherPartnerLive { .. }));
    }
    let gone = rossi(BillingType::Trial).with_relationship(
        "beta",
        RelationshipState::Unlinked {
            at: at("2026-05-01T00:00:00Z"),
        },
    );
    let decision = given(&gone)
        .when(&flex(), AccountCommand::ConvertToMonthly)
        .at(june())
        .accepted();
    assert!(changes(&decision).contains(&AccountChange::BillingChanged {
        from: BillingType::Trial,
        to: BillingType::MonthlyUsage
    }));
    // beta itself, an MSP Flex partner, cannot convert while acme is linked.
    let shared_trial =
        rossi(BillingType::Trial).with_relationship("beta", RelationshipState::Linked);
    let refusal = given(&shared_trial)
        .when(&beta_flex(), AccountCommand::ConvertToMonthly)
        .at(june())
        .refused();
    assert_eq!(refusal.rule(), Rule::Bill9);
}
