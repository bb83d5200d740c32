//! Who owns what, on a customer with several partners: a partner manages
//! only the licences it bought (SUB-1), only its own licences block its
//! unlink (REL-4, REL-5, on trials too: REL-6), a delivered unlink ends only
//! that partner's licences (REL-7, REL-9), a monthly account has one billing
//! partner (BILL-9), a transfer plan moves the leaving partner's
//! subscriptions (XFER-1 … XFER-3), and timer keys name their customer.

mod common;

use channel_licensing::{
    Account, AccountChange, AccountCommand, Actor, BillingType, CreatedBy, Error, Licence,
    LicenceChange, LicenceCommand, LicenceState, PartnerUser, Policy, Programme, Purchaser, Reason,
    RelationshipState, RelationshipStatus, Role, Rule, Term, Timer, TimerKey, TransferOptions,
    UnlinkMode, transfer_plan,
};
use common::*;

/// 2026-01-01 → 2027-01-01.
fn year() -> Term {
    year_2026()
}

fn beta_user() -> PartnerUser {
    PartnerUser::new("beta", "eu").with_roles([Role::AccountAdmin])
}

fn beta() -> Actor {
    Actor::Partner(beta_user())
}

fn beta_flex() -> Actor {
    Actor::Partner(beta_user().with_programmes([Programme::MspFlex]))
}

fn active(id: &str, bought_by: Purchaser) -> Licence {
    Licence::active(id, "endpoint-advanced", 10, year(), true, bought_by).unwrap()
}

fn expired(id: &str, at_: &str, bought_by: Purchaser) -> Licence {
    Licence::new(
        id,
        "endpoint-advanced",
        10,
        LicenceState::Expired { at: at(at_) },
        bought_by,
    )
    .unwrap()
}

/// Rossi (term), linked with acme and beta: A-1 bought by acme, B-1 by beta.
fn shared() -> Account {
    rossi(BillingType::Term)
        .with_relationship("beta", RelationshipState::Linked)
        .with_licence(active("A-1", Purchaser::partner("acme")))
        .with_licence(active("B-1", Purchaser::partner("beta")))
}

fn on(licence: &str, command: LicenceCommand) -> AccountCommand {
    AccountCommand::Licence {
        licence: licence.into(),
        command,
    }
}

/// The licences a decision removes.
fn removed_licences(
    decision: &channel_licensing::Decision<channel_licensing::AccountEvent>,
) -> Vec<String> {
    achanges(decision)
        .iter()
        .filter_map(|c| match c {
            AccountChange::Licence {
                licence,
                change: LicenceChange::Removed { .. },
            } => Some(licence.to_string()),
            _ => None,
        })
        .collect()
}

const UNLINK: AccountCommand = AccountCommand::Unlink {
    mode: UnlinkMode::Immediate,
};

fn june() -> chrono::DateTime<chrono::Utc> {
    at("2026-06-01T09:00:00Z")
}

// ---------------------------------------------------------------- SUB-1

/// SUB-1: partner beta cannot change the seats of, suspend, cancel, remove,
/// switch auto-renew of or reactivate a licence partner acme bought; the
/// refusal says another partner manages it without naming acme.
#[test]
fn sub_1_a_partner_cannot_manage_another_partners_licence() {
    let account = shared();
    for command in [
        LicenceCommand::ChangeSeats { seats: 12 },
        LicenceCommand::Suspend,
        LicenceCommand::Cancel,
        LicenceCommand::Remove,
        LicenceCommand::SetAutoRenew { on: false },
        LicenceCommand::Reactivate {
            term_days: 365,
            auto_renew: false,
        },
    ] {
        let refusal = arefuse(&account, on("A-1", command.clone()), june(), &beta());
        assert_eq!(refusal.rule(), Rule::Sub1, "{command:?}");
        assert!(
            matches!(refusal.reason(), Reason::OtherPartnersLicence { licence, .. } if licence.as_str() == "A-1")
        );
        let text = refusal.to_string();
        assert!(text.contains("another partner bought it"), "{text}");
        assert!(!text.contains("acme"), "names the other partner: {text}");
    }
    // Its own licence, beta manages.
    let decision = aaccept(
        &account,
        on("B-1", LicenceCommand::ChangeSeats { seats: 12 }),
        june(),
        &beta(),
    );
    assert_eq!(
        achanges(&decision),
        [AccountChange::Licence {
            licence: "B-1".into(),
            change: LicenceChange::SeatsChanged { from: 10, to: 12 }
        }]
    );
}

/// SUB-1: the same on a licence decided on its own, without its account.
#[test]
fn sub_1_a_standalone_licence_refuses_another_partner() {
    let licence = active("A-1", Purchaser::partner("acme"));
    let refusal = refusal(decide(
        &licence,
        LicenceCommand::Suspend,
        june(),
        &beta(),
        &Policy::standard(),
    ));
    assert_eq!(refusal.rule(), Rule::Sub1);
    assert!(
        decide(
            &licence,
            LicenceCommand::Suspend,
            june(),
            &partner(),
            &Policy::standard()
        )
        .is_ok()
    );
}

/// SUB-1: the vendor's and the customer admin's rights are unchanged: the
/// vendor revokes a partner's licence; on an account the customer created
/// (BILL-7 does not apply), its admin suspends a licence a partner bought.
#[test]
fn sub_1_vendor_and_customer_admin_rights_are_unchanged() {
    let account = shared();
    let decision = aaccept(
        &account,
        on("A-1", LicenceCommand::Revoke),
        june(),
        &vendor(),
    );
    assert!(matches!(
        achanges(&decision)[..],
        [AccountChange::Licence {
            change: LicenceChange::Revoked { .. },
            ..
        }]
    ));
    let mut own = shared();
    own.created_by = CreatedBy::Customer;
    let decision = aaccept(
        &own,
        on("B-1", LicenceCommand::Suspend),
        june(),
        &admin_of("rossi"),
    );
    assert!(matches!(
        achanges(&decision)[..],
        [AccountChange::Licence {
            change: LicenceChange::Suspended { .. },
            ..
        }]
    ));
}

/// SUB-1 (SUB-4): a subscription a partner adds is bought by that partner,
/// in the event and in the state the event builds.
#[test]
fn sub_1_an_added_subscription_is_bought_by_the_acting_partner() {
    let account = shared();
    let decision = aaccept(
        &account,
        AccountCommand::AddSubscription {
            licence: "B-2".into(),
            offer: "endpoint-advanced".into(),
            seats: 3,
            term_days: 365,
            auto_renew: true,
            price: None,
        },
        june(),
        &Actor::Partner(beta_user().with_offers(["endpoint-advanced"])),
    );
    assert!(matches!(
        &achanges(&decision)[0],
        AccountChange::SubscriptionAdded { bought_by, .. } if *bought_by == Purchaser::partner("beta")
    ));
    let after = aapply(account, &decision);
    let added = after
        .licences
        .iter()
        .find(|l| l.id.as_str() == "B-2")
        .unwrap();
    assert_eq!(added.bought_by, Purchaser::partner("beta"));
    // And so acme cannot manage it.
    let refusal = arefuse(
        &after,
        on("B-2", LicenceCommand::Suspend),
        june(),
        &acme(&[]),
    );
    assert_eq!(refusal.rule(), Rule::Sub1);
}

/// SUB-1: the owner is explicit on the wire: `{"partner": ID}` or
/// `"customer"`; a licence without one, or with the old bare `"partner"`,
/// does not load.
#[test]
fn sub_1_the_owner_is_explicit_in_json() {
    let licence = active("A-1", Purchaser::partner("acme"));
    let json = serde_json::to_value(&licence).unwrap();
    assert_eq!(json["bought_by"], serde_json::json!({"partner": "acme"}));
    let direct = active("C-1", Purchaser::Customer);
    assert_eq!(
        serde_json::to_value(&direct).unwrap()["bought_by"],
        "customer"
    );
    let back: Licence = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, licence);

    let mut missing = json.clone();
    missing.as_object_mut().unwrap().remove("bought_by");
    let error = serde_json::from_value::<Licence>(missing).unwrap_err();
    assert!(error.to_string().contains("bought_by"), "{error}");
    let mut bare = json;
    bare["bought_by"] = "partner".into();
    assert!(serde_json::from_value::<Licence>(bare).is_err());
}

// ---------------------------------------------------------------- REL-4, REL-5, REL-6

/// REL-4: another partner's active licence never blocks this partner's
/// unlink; its own does, and the refusal names it.
#[test]
fn rel_4_only_the_unlinking_partners_licences_block() {
    let account = shared();
    let refusal = arefuse(&account, UNLINK, june(), &acme(&[]));
    assert_eq!(refusal.rule(), Rule::Rel4);
    assert!(
        matches!(refusal.reason(), Reason::LicenceBlocksUnlink { licence, .. } if licence.as_str() == "A-1"),
        "{refusal}"
    );
    // acme removes its own licence: unlinked, while beta's stays active.
    let removed = aapply(
        account,
        &aaccept(
            &shared(),
            on("A-1", LicenceCommand::Remove),
            june(),
            &acme(&[]),
        ),
    );
    let decision = aaccept(&removed, UNLINK, june(), &acme(&[]));
    assert_eq!(
        achanges(&decision),
        [AccountChange::Unlinked {
            partner: "acme".into(),
            at: june()
        }]
    );
    let after = aapply(removed, &decision);
    assert_eq!(
        after.relationship_status(&"beta".into(), june()),
        Some(RelationshipStatus::Linked)
    );
    assert!(matches!(
        after.licences[1].state,
        LicenceState::Active { .. }
    ));
    // A licence the customer bought directly never blocks either.
    let direct = rossi(BillingType::Term).with_licence(active("C-1", Purchaser::Customer));
    assert!(adecide(&direct, UNLINK, june(), &acme(&[]), &Policy::standard()).is_ok());
}

/// REL-5: only the unlinking partner's expired licences hold the unlink
/// back, and the earliest instant comes from them alone: beta's licence,
/// whose window closes later, neither blocks nor moves acme's instant.
#[test]
fn rel_5_the_earliest_instant_comes_from_the_partners_own_licences() {
    let account = rossi(BillingType::Term)
        .with_relationship("beta", RelationshipState::Linked)
        .with_licence(expired(
            "A-1",
            "2026-05-01T00:00:00Z",
            Purchaser::partner("acme"),
        ))
        .with_licence(expired(
            "B-1",
            "2026-05-20T00:00:00Z",
            Purchaser::partner("beta"),
        ));
    let refusal = arefuse(&account, UNLINK, june(), &acme(&[]));
    assert_eq!(refusal.rule(), Rule::Rel5);
    // 60 days after acme's expiry, not beta's.
    assert_eq!(refusal.earliest(), Some(at("2026-06-30T00:00:00Z")));
    let decision = aaccept(&account, UNLINK, at("2026-06-30T00:00:00Z"), &acme(&[]));
    assert_eq!(achanges(&decision).len(), 1);
    // beta's own window still holds beta back.
    let refusal = arefuse(&account, UNLINK, at("2026-06-30T00:00:00Z"), &beta());
    assert_eq!(refusal.rule(), Rule::Rel5);
    assert_eq!(refusal.earliest(), Some(at("2026-07-19T00:00:00Z")));
}

/// REL-4 and REL-6: a partner-created trial account to which the partner
/// added a paid subscription cannot be unlinked while that subscription is
/// active (REL-6 does not override REL-4); the trial licence itself never
/// blocks, and once the subscription is removed the trial unlinks at once.
#[test]
fn rel_4_applies_to_a_trial_account_with_a_paid_subscription() {
    let trial_term = Term::of_days(at("2026-05-20T00:00:00Z"), 30).unwrap();
    let account = rossi(BillingType::Trial)
        .with_licence(
            Licence::trial(
                "T-1",
                "endpoint-advanced",
                5,
                trial_term,
                Purchaser::partner("acme"),
            )
            .unwrap(),
        )
        .with_licence(active("S-1", Purchaser::partner("acme")));
    let refusal = arefuse(&account, UNLINK, june(), &acme(&[]));
    assert_eq!(refusal.rule(), Rule::Rel4);
    assert!(refusal.to_string().contains("S-1"), "{refusal}");
    let removed = aapply(
        account.clone(),
        &aaccept(
            &account,
            on("S-1", LicenceCommand::Remove),
            june(),
            &acme(&[]),
        ),
    );
    assert!(matches!(
        achanges(&aaccept(&removed, UNLINK, june(), &acme(&[])))[..],
        [AccountChange::Unlinked { .. }]
    ));
}

/// REL-5 and REL-6: on a trial account too, an expired paid licence of the
/// partner holds its unlink back while it can be reactivated.
#[test]
fn rel_5_applies_to_a_trial_account() {
    let account = rossi(BillingType::Trial).with_licence(expired(
        "S-1",
        "2026-05-01T00:00:00Z",
        Purchaser::partner("acme"),
    ));
    let refusal = arefuse(&account, UNLINK, june(), &acme(&[]));
    assert_eq!(refusal.rule(), Rule::Rel5);
    assert_eq!(refusal.earliest(), Some(at("2026-06-30T00:00:00Z")));
}

// ---------------------------------------------------------------- REL-7, REL-9

/// REL-7 and REL-9: on a monthly account with acme's licence and one the
/// customer bought, the delivered unlink ends only acme's licence and
/// unlinks only acme; the customer's licence stays active.
#[test]
fn rel_9_a_delivered_unlink_ends_only_that_partners_licences() {
    let account = rossi(BillingType::MonthlyUsage)
        .with_licence(active("A-1", Purchaser::partner("acme")))
        .with_licence(active("C-1", Purchaser::Customer));
    let scheduled = aaccept(
        &account,
        AccountCommand::Unlink {
            mode: UnlinkMode::Scheduled,
        },
        june(),
        &flex(),
    );
    let account = aapply(account, &scheduled);
    let unlink_at = at("2026-07-01T00:00:00Z");
    let timer = Timer {
        key: TimerKey::ScheduledUnlink {
            customer: "rossi".into(),
            partner: "acme".into(),
        },
        due: unlink_at,
    };
    let decision = aaccept(
        &account,
        AccountCommand::Deliver(timer),
        unlink_at,
        &vendor(),
    );
    assert_eq!(removed_licences(&decision), ["A-1"]);
    let after = aapply(account, &decision);
    assert!(matches!(
        after.licences[0].state,
        LicenceState::Removed { .. }
    ));
    assert!(matches!(
        after.licences[1].state,
        LicenceState::Active { .. }
    ));
    assert_eq!(
        after.relationship_status(&"acme".into(), unlink_at),
        Some(RelationshipStatus::Unlinked)
    );
}

/// REL-9: even with a stored `unlink_scheduled` relationship of beta on a
/// term account, the unlink taking effect touches no licence of acme's: a
/// command by acme after that instant leaves its paid licence active, and
/// only beta's is ended.
#[test]
fn rel_9_a_stored_unlink_of_another_partner_never_touches_this_partners_licences() {
    let account = rossi(BillingType::Term)
        .with_relationship(
            "beta",
            RelationshipState::UnlinkScheduled {
                unlink_at: at("2026-05-01T00:00:00Z"),
            },
        )
        .with_licence(active("A-1", Purchaser::partner("acme")))
        .with_licence(active("B-1", Purchaser::partner("beta")));
    let decision = aaccept(
        &account,
        on("A-1", LicenceCommand::ChangeSeats { seats: 11 }),
        june(),
        &acme(&[]),
    );
    assert_eq!(removed_licences(&decision), ["B-1"]);
    let after = aapply(account, &decision);
    assert!(matches!(
        after.licences[0].state,
        LicenceState::Active { .. }
    ));
    assert_eq!(after.licences[0].seats, 11);
}

// ---------------------------------------------------------------- BILL-9

/// BILL-9: a monthly-usage account is billed through one partner: another
/// partner's invitation is refused, also while the monthly unlink is
/// scheduled (the account is a trial then); once the unlink has taken
/// effect, the invitation goes through.
#[test]
fn bill_9_no_second_partner_is_invited_on_a_monthly_account() {
    let invite = AccountCommand::RequestRelationship;
    let monthly = rossi(BillingType::MonthlyUsage);
    let refusal = arefuse(&monthly, invite.clone(), june(), &beta());
    assert_eq!(refusal.rule(), Rule::Bill9);
    assert!(matches!(
        refusal.reason(),
        Reason::BillingPartnerTaken { .. }
    ));
    let scheduled = aapply(
        monthly.clone(),
        &aaccept(
            &monthly,
            AccountCommand::Unlink {
                mode: UnlinkMode::Scheduled,
            },
            june(),
            &flex(),
        ),
    );
    assert_eq!(scheduled.billing, BillingType::Trial);
    let refusal = arefuse(&scheduled, invite.clone(), june(), &beta());
    assert_eq!(refusal.rule(), Rule::Bill9);
    let after = at("2026-07-01T00:00:00Z");
    let decision = aaccept(&scheduled, invite, after, &beta());
    assert!(
        achanges(&decision).contains(&AccountChange::RelationshipRequested {
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
    let refusal = arefuse(&monthly, accept, june(), &admin_of("rossi"));
    assert_eq!(refusal.rule(), Rule::Bill9);
    let decline = AccountCommand::DeclineInvitation {
        partner: "beta".into(),
    };
    assert_eq!(
        achanges(&aaccept(&monthly, decline, june(), &admin_of("rossi"))),
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
        let refusal = arefuse(&trial, AccountCommand::ConvertToMonthly, june(), &flex());
        assert_eq!(refusal.rule(), Rule::Bill9, "{state:?}");
        assert!(matches!(refusal.reason(), Reason::OtherPartnerLive { .. }));
    }
    let gone = rossi(BillingType::Trial).with_relationship(
        "beta",
        RelationshipState::Unlinked {
            at: at("2026-05-01T00:00:00Z"),
        },
    );
    let decision = aaccept(&gone, AccountCommand::ConvertToMonthly, june(), &flex());
    assert!(
        achanges(&decision).contains(&AccountChange::BillingChanged {
            from: BillingType::Trial,
            to: BillingType::MonthlyUsage
        })
    );
    // beta itself, an MSP Flex partner, cannot convert while acme is linked.
    let shared_trial =
        rossi(BillingType::Trial).with_relationship("beta", RelationshipState::Linked);
    let refusal = arefuse(
        &shared_trial,
        AccountCommand::ConvertToMonthly,
        june(),
        &beta_flex(),
    );
    assert_eq!(refusal.rule(), Rule::Bill9);
}

// ---------------------------------------------------------------- XFER

/// XFER-1, XFER-3: a transfer plan from acme moves and counts acme's active
/// subscriptions only, not beta's nor the customer's own.
#[test]
fn xfer_1_a_plan_moves_only_the_leaving_partners_subscriptions() {
    let account = shared().with_licence(active("C-1", Purchaser::Customer));
    let to = PartnerUser::new("gamma", "eu");
    let plan = transfer_plan(
        &account,
        &"acme".into(),
        &to,
        TransferOptions::default(),
        june(),
        &Policy::standard(),
    )
    .unwrap();
    assert_eq!(plan.moving, 1);
    let moved: Vec<&str> = plan.moves.iter().map(|m| m.licence.as_str()).collect();
    assert_eq!(moved, ["A-1"]);
    // XFER-3's threshold counts the same: 2 of acme's among 4 licences do
    // not pass a threshold of 2.
    let account = account.with_licence(active("A-2", Purchaser::partner("acme")));
    let policy = Policy::standard()
        .to_builder()
        .transfer_threshold(2)
        .build()
        .unwrap();
    let plan = transfer_plan(
        &account,
        &"acme".into(),
        &to,
        TransferOptions::default(),
        june(),
        &policy,
    )
    .unwrap();
    assert_eq!(plan.moving, 2);
    assert_eq!(
        plan.strategy,
        channel_licensing::TransferStrategy::Duplicate
    );
}

// ---------------------------------------------------------------- timer keys

/// Timer keys name the customer (LIC-2, POL-3): two customers' licences with
/// the same ID have different keys, and a timer of one customer delivered
/// to the other is stale there (no events, not refused as early).
#[test]
fn lic_2_timer_keys_are_unique_across_customers() {
    let licence = active("L-1", Purchaser::partner("acme"));
    let rossi = rossi(BillingType::Term).with_licence(licence.clone());
    let verdi = Account::new(
        "verdi",
        "Verdi",
        "eu",
        BillingType::Term,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::Linked)
    .with_licence(licence);
    let keys = |a: &Account| -> Vec<String> {
        a.timers(&Policy::standard())
            .map(|t| t.key.to_string())
            .collect()
    };
    assert_eq!(
        keys(&rossi),
        [
            "customer/rossi/licence/L-1/reminder/term_end/30",
            "customer/rossi/licence/L-1/term_end"
        ]
    );
    assert!(keys(&rossi).iter().all(|k| !keys(&verdi).contains(k)));
    // verdi's term end, delivered to rossi early: not rossi's timer.
    let verdis = verdi.timers(&Policy::standard()).last().unwrap();
    assert_eq!(verdis.key.customer().as_str(), "verdi");
    let decision = adecide(
        &rossi,
        AccountCommand::Deliver(verdis.clone()),
        june(),
        &vendor(),
        &Policy::standard(),
    )
    .unwrap();
    assert!(decision.is_empty());
    // To verdi, the same delivery is early: refused with its due instant.
    match adecide(
        &verdi,
        AccountCommand::Deliver(verdis.clone()),
        june(),
        &vendor(),
        &Policy::standard(),
    ) {
        Err(Error::Refused(refusal)) => assert_eq!(refusal.earliest(), Some(verdis.due)),
        other => panic!("expected an early refusal, got {other:?}"),
    }
}

/// Timer keys name the customer (LIC-2): a licence decided on its own
/// treats another customer's key for the same licence ID as stale, even
/// when that key is pending here and not yet due (which for its own key is
/// refused as early).
#[test]
fn lic_2_a_standalone_licence_ignores_another_customers_key() {
    let licence = active("L-1", Purchaser::partner("acme"));
    let policy = Policy::standard();
    let own = licence.timers(&customer(), &policy).last().unwrap();
    let foreign = Timer {
        key: TimerKey::TermEnd {
            customer: "verdi".into(),
            licence: "L-1".into(),
        },
        due: own.due,
    };
    let stale = decide(
        &licence,
        LicenceCommand::Deliver(foreign),
        june(),
        &vendor(),
        &policy,
    )
    .unwrap();
    assert!(stale.is_empty());
    let early = refusal(decide(
        &licence,
        LicenceCommand::Deliver(own.clone()),
        june(),
        &vendor(),
        &policy,
    ));
    assert_eq!(early.earliest(), Some(own.due));
}

// ---------------------------------------------------------------- the property

mod sequences {
    //! SUB-1, REL-1, REL-9, AUTH-1 over random command sequences on
    //! multi-partner accounts: no decision changes or ends a licence bought
    //! by a partner other than the acting one, except the vendor's revoke, the
    //! customer's admin where BILL-7 lets it manage licences, and a licence's
    //! own timers (a scheduled unlink's delivery among them); no decision
    //! changes a relationship other than the acting partner's own, except the
    //! customer's admin answering an invitation and the delivery of a
    //! scheduled unlink.

    use channel_licensing::{
        Account, AccountChange, AccountCommand as A, AccountEvent, Actor, BillingType, CancelledBy,
        Context, CreatedBy, Decision, DisplayName, Licence, LicenceChange, LicenceCommand as C,
        LicenceState, PartnerId, PartnerUser, Policy, Programme, Purchaser, RelationshipState,
        Role, Term, Timer, TimerKey, UnlinkMode,
    };
    use chrono::{DateTime, TimeDelta, Utc};
    use proptest::prelude::*;
    use proptest::test_runner::FileFailurePersistence;

    const PARTNERS: [&str; 3] = ["acme", "beta", "gamma"];

    fn base() -> DateTime<Utc> {
        "2026-01-01T00:00:00Z".parse().expect("instant")
    }

    fn purchaser() -> impl Strategy<Value = Purchaser> {
        prop_oneof![
            2 => Just(Purchaser::partner("acme")),
            2 => Just(Purchaser::partner("beta")),
            1 => Just(Purchaser::partner("gamma")),
            1 => Just(Purchaser::Customer),
        ]
    }

    fn licence(index: usize) -> impl Strategy<Value = Licence> {
        (0u8..5, -100i64..200, 20u32..400, any::<bool>(), purchaser()).prop_map(
            move |(kind, offset, days, renew, bought_by)| {
                let t = base() + TimeDelta::days(offset);
                let term = Term::of_days(t, days).expect("term");
                let state = match kind {
                    0 => LicenceState::Trial { term },
                    1 | 2 => LicenceState::Active {
                        term,
                        auto_renew: renew,
                    },
                    3 => LicenceState::Suspended {
                        term,
                        auto_renew: renew,
                        since: t,
                        cancels_at: t + TimeDelta::days(30),
                    },
                    _ => LicenceState::Expired { at: t },
                };
                Licence::new(format!("L-{index}"), "endpoint", 5, state, bought_by)
                    .expect("licence")
            },
        )
    }

    fn relationship() -> impl Strategy<Value = Option<RelationshipState>> {
        prop_oneof![
            1 => Just(None),
            1 => Just(Some(RelationshipState::Invited { at: base() })),
            8 => Just(Some(RelationshipState::Linked)),
            1 => (1i64..120).prop_map(|d| Some(RelationshipState::UnlinkScheduled {
                unlink_at: base() + TimeDelta::days(d),
            })),
            1 => Just(Some(RelationshipState::Unlinked { at: base() })),
        ]
    }

    /// Rossi with relationships to acme and beta (and sometimes gamma), and
    /// one to five licences bought by any of them or by the customer.
    fn account() -> impl Strategy<Value = Account> {
        (
            prop_oneof![
                Just(BillingType::Trial),
                Just(BillingType::Term),
                Just(BillingType::MonthlyUsage),
                Just(BillingType::ManagedOrder),
            ],
            any::<bool>(),
            [relationship(), relationship(), relationship()],
            (1usize..6).prop_flat_map(|n| (0..n).map(licence).collect::<Vec<_>>()),
        )
            .prop_map(|(billing, by_partner, rels, licences)| {
                let created_by = if by_partner {
                    CreatedBy::Partner
                } else {
                    CreatedBy::Customer
                };
                let mut account = Account::new("rossi", "Rossi SpA", "eu", billing, created_by);
                for (partner, state) in PARTNERS.iter().zip(rels) {
                    if let Some(state) = state {
                        account = account.with_relationship(*partner, state);
                    }
                }
                licences.into_iter().fold(account, Account::with_licence)
            })
    }

    /// A partner user with every right, so that commands get past AUTH-2
    /// and exercise ownership.
    fn partner(id: &'static str) -> Actor {
        Actor::Partner(
            PartnerUser::new(id, "eu")
                .with_roles([Role::SuperAdmin, Role::AccountAdmin, Role::SalesAgent])
                .with_programmes([Programme::MspFlex, Programme::MspFlexConnect])
                .with_offers(["endpoint"])
                .with_groups(["schools"]),
        )
    }

    fn licence_command() -> impl Strategy<Value = C> {
        prop_oneof![
            Just(C::Reactivate {
                term_days: 365,
                auto_renew: true
            }),
            Just(C::Suspend),
            Just(C::Resume),
            Just(C::Cancel),
            Just(C::Revoke),
            Just(C::Remove),
            (1u32..8).prop_map(|seats| C::ChangeSeats { seats }),
            any::<bool>().prop_map(|on| C::SetAutoRenew { on }),
        ]
    }

    /// A step: who acts (0-2 a partner, 3 the customer's admin, 4 the
    /// vendor, 5-8 the partner that bought the licence a licence command
    /// names, so that owners act about as often as others), what, and how
    /// many hours later.
    #[derive(Clone, Debug)]
    struct Step {
        actor: usize,
        command: A,
        hours: i64,
    }

    fn command() -> impl Strategy<Value = A> {
        prop_oneof![
            1 => Just(A::ConvertToMonthly),
            1 => Just(A::RequestRelationship),
            1 => prop::sample::select(&PARTNERS[..]).prop_map(|p| A::AcceptInvitation { partner: p.into() }),
            1 => prop::sample::select(&PARTNERS[..]).prop_map(|p| A::DeclineInvitation { partner: p.into() }),
            2 => Just(A::Unlink { mode: UnlinkMode::Immediate }),
            2 => Just(A::Unlink { mode: UnlinkMode::Scheduled }),
            1 => Just(A::CancelScheduledUnlink),
            1 => Just(A::Rename { name: DisplayName::new("Rossi Group") }),
            // Resolved against the account's pending timers (see `resolve`).
            2 => Just(A::Deliver(Timer {
                key: TimerKey::ScheduledUnlink { customer: "?".into(), partner: "?".into() },
                due: base(),
            })),
            1 => (0usize..6).prop_map(|i| A::AddSubscription {
                licence: format!("N-{i}").into(),
                offer: "endpoint".into(),
                seats: 2,
                term_days: 90,
                auto_renew: i % 2 == 0,
                price: None,
            }),
            6 => (0usize..5, licence_command()).prop_map(|(i, command)| A::Licence {
                licence: format!("L-{i}").into(),
                command,
            }),
        ]
    }

    fn step() -> impl Strategy<Value = Step> {
        (0usize..9, command(), 0i64..24 * 10).prop_map(|(actor, command, hours)| Step {
            actor,
            command,
            hours,
        })
    }

    /// The step's actor and command on `account`: the vendor revokes where
    /// others send a licence command.
    fn resolve(account: &Account, step: &Step) -> (Actor, A) {
        let owner = match &step.command {
            A::Licence { licence, .. } => account
                .licences
                .iter()
                .find(|l| l.id == *licence)
                .and_then(|l| match &l.bought_by {
                    Purchaser::Partner(p) => PARTNERS.iter().position(|x| *x == p.as_str()),
                    Purchaser::Customer => None,
                }),
            _ => None,
        };
        let actor = match (step.actor, owner) {
            (0..=2, _) => partner(PARTNERS[step.actor]),
            (3, _) => Actor::CustomerAdmin {
                customer: "rossi".into(),
            },
            (4, _) | (_, None) => Actor::Vendor,
            (_, Some(owner)) => partner(PARTNERS[owner]),
        };
        let command = match (&actor, &step.command) {
            (Actor::Vendor, A::Licence { licence, .. }) => A::Licence {
                licence: licence.clone(),
                command: C::Revoke,
            },
            // A pending timer of the account, delivered as the platform
            // does; for odd steps, the same timer of another customer
            // (licence IDs repeat across customers), which must change
            // nothing here.
            (_, A::Deliver(_)) => {
                let timers: Vec<Timer> = account.timers(&Policy::standard()).collect();
                let Some(timer) =
                    timers.get(usize::try_from(step.hours).unwrap_or(0) % timers.len().max(1))
                else {
                    return (Actor::Vendor, step.command.clone());
                };
                let mut timer = timer.clone();
                if step.actor % 2 == 1 {
                    timer.key = match timer.key {
                        TimerKey::TermEnd { licence, .. } => TimerKey::TermEnd {
                            customer: "verdi".into(),
                            licence,
                        },
                        TimerKey::TrialEnd { licence, .. } => TimerKey::TrialEnd {
                            customer: "verdi".into(),
                            licence,
                        },
                        TimerKey::SuspensionCancellation { licence, .. } => {
                            TimerKey::SuspensionCancellation {
                                customer: "verdi".into(),
                                licence,
                            }
                        }
                        TimerKey::Reminder {
                            licence,
                            before,
                            days,
                            ..
                        } => TimerKey::Reminder {
                            customer: "verdi".into(),
                            licence,
                            before,
                            days,
                        },
                        TimerKey::ScheduledUnlink { partner, .. } => TimerKey::ScheduledUnlink {
                            customer: "verdi".into(),
                            partner,
                        },
                        other => other,
                    };
                }
                return (Actor::Vendor, A::Deliver(timer));
            }
            _ => step.command.clone(),
        };
        (actor, command)
    }

    /// Checks one accepted decision against the ownership promises.
    fn check(
        before: &Account,
        actor: &Actor,
        command: &A,
        decision: &Decision<AccountEvent>,
        now: DateTime<Utc>,
    ) -> Result<(), TestCaseError> {
        let acting: Option<&PartnerId> = match actor {
            Actor::Partner(user) => Some(&user.partner),
            _ => None,
        };
        // Scheduled unlinks that take effect in this decision (REL-9).
        let unlinked_by_timer: Vec<(PartnerId, DateTime<Utc>)> = decision
            .events()
            .filter_map(|e| match &e.change {
                AccountChange::Unlinked { partner, at } => {
                    let scheduled = before.relationship(partner).map(|r| r.state)
                        == Some(RelationshipState::UnlinkScheduled { unlink_at: *at });
                    scheduled.then(|| (partner.clone(), *at))
                }
                _ => None,
            })
            .collect();
        for event in decision.events() {
            match &event.change {
                AccountChange::Licence { licence, change } => {
                    let owner = before
                        .licences
                        .iter()
                        .find(|l| l.id == *licence)
                        .map(|l| l.bought_by.clone())
                        // Added in this decision: by the acting partner.
                        .or_else(|| acting.map(|p| Purchaser::Partner(p.clone())));
                    let Some(owner) = owner else {
                        return Err(TestCaseError::fail(format!("{licence} has no owner")));
                    };
                    let timer = matches!(
                        change,
                        LicenceChange::Renewed { .. }
                            | LicenceChange::Expired { .. }
                            | LicenceChange::ReminderDue { .. }
                            | LicenceChange::Cancelled {
                                by: CancelledBy::Suspension,
                                ..
                            }
                    );
                    let unlink_ends_it = matches!(change, LicenceChange::Removed { at } if unlinked_by_timer
                        .iter()
                        .any(|(p, when)| when == at && owner.is_partner(p)));
                    let allowed = timer
                        || unlink_ends_it
                        || match actor {
                            Actor::Partner(user) => owner.is_partner(&user.partner),
                            Actor::Vendor => matches!(change, LicenceChange::Revoked { .. }),
                            // BILL-7: on an account the customer created, its
                            // admin manages its licences.
                            Actor::CustomerAdmin { .. } => before.created_by == CreatedBy::Customer,
                        };
                    prop_assert!(
                        allowed,
                        "{actor:?} changed {licence} (bought by {owner}) with {change:?} on {command:?}"
                    );
                }
                AccountChange::RelationshipRequested { partner }
                | AccountChange::InvitationAccepted { partner }
                | AccountChange::InvitationDeclined { partner }
                | AccountChange::UnlinkScheduled { partner, .. }
                | AccountChange::ScheduledUnlinkCancelled { partner }
                | AccountChange::Unlinked { partner, .. } => {
                    let by_timer = unlinked_by_timer.iter().any(|(p, _)| p == partner)
                        && matches!(event.change, AccountChange::Unlinked { .. });
                    let answered = matches!(actor, Actor::CustomerAdmin { .. })
                        && matches!(
                            event.change,
                            AccountChange::InvitationAccepted { .. }
                                | AccountChange::InvitationDeclined { .. }
                        );
                    prop_assert!(
                        by_timer || answered || acting == Some(partner),
                        "{actor:?} changed {partner}'s relationship: {:?} on {command:?} at {now}",
                        event.change
                    );
                }
                _ => {}
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 256,
            failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
                "proptest-regressions/ownership.txt",
            ))),
            ..ProptestConfig::default()
        })]

        /// SUB-1, REL-1, REL-9 (see the module's docs), with the acceptance
        /// count kept honest: a run that accepts nothing proves nothing.
        #[test]
        fn nobody_acts_where_they_do_not_belong(
            account in account(),
            steps in prop::collection::vec(step(), 1..24),
        ) {
            let policy = Policy::standard();
            let mut account = account;
            let mut now = base();
            for step in steps {
                now += TimeDelta::hours(step.hours);
                let (actor, command) = resolve(&account, &step);
                if let Ok(decision) = account.decide(&command, &Context::new(now, &actor, &policy)) {
                    check(&account, &actor, &command, &decision, now)?;
                    account = decision.events().fold(account, Account::evolve);
                }
            }
        }
    }

    /// The generators reach acceptances: over the same generated sequences,
    /// partners' licence commands on their own licences and on other
    /// partners' are both tried, and many are accepted (measured here, not
    /// assumed; the property above is only as good as what it explores).
    #[test]
    fn the_sequences_exercise_acceptances_and_refusals() {
        use proptest::strategy::ValueTree;
        use proptest::test_runner::TestRunner;
        let mut runner = TestRunner::deterministic();
        let policy = Policy::standard();
        let (mut accepted, mut refused_sub1, mut partner_licence_changes) = (0, 0, 0);
        for _ in 0..200 {
            let mut account = account().new_tree(&mut runner).expect("tree").current();
            let steps = prop::collection::vec(step(), 1..24)
                .new_tree(&mut runner)
                .expect("tree")
                .current();
            let mut now = base();
            for step in steps {
                now += TimeDelta::hours(step.hours);
                let (actor, command) = resolve(&account, &step);
                match account.decide(&command, &Context::new(now, &actor, &policy)) {
                    Ok(decision) => {
                        accepted += 1;
                        if matches!(command, A::Licence { .. })
                            && matches!(actor, Actor::Partner(_))
                            && !decision.is_empty()
                        {
                            partner_licence_changes += 1;
                        }
                        account = decision.events().fold(account, Account::evolve);
                    }
                    Err(channel_licensing::Error::Refused(r))
                        if r.rule() == channel_licensing::Rule::Sub1 =>
                    {
                        refused_sub1 += 1;
                    }
                    Err(_) => {}
                }
            }
        }
        // Measured with this deterministic runner: 345 accepted, 47 SUB-1
        // refusals, 58 partners' licence commands accepted.
        let counts = format!(
            "accepted {accepted}, SUB-1 refusals {refused_sub1}, partners' licence commands accepted {partner_licence_changes}"
        );
        assert!(accepted > 200, "{counts}");
        assert!(refused_sub1 > 25, "{counts}");
        assert!(partner_licence_changes > 30, "{counts}");
    }
}
