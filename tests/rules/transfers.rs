//! Moving customers between partners: XFER-1 … XFER-6. Plans and impacts are
//! pure functions returning data (their JSON is pinned in `tests/wire`, the
//! ordering of a plan's instants is a property in `tests/models`).

use channel_licensing::transfers::{
    CustomerStep, OfferChange, TransferOptions, TransferStrategy, transfer_impact, transfer_plan,
};
use channel_licensing::{
    BillingType, Error, Licence, Money, PartnerUser, Policy, Purchaser, RelationshipState, Rule,
    Term,
};

use crate::common::partners::{active, june, shared};
use crate::common::transfers::{beta, plan, with_active};
use crate::common::*;

/// XFER-1: auto-renew off now; expired at term end; provision before the
/// expired grace ends (30 days after the term end).
#[test]
fn xfer_1_cancel_and_expire_instants() {
    let plan = plan(
        &with_active(1),
        TransferOptions::default(),
        &Policy::standard(),
    );
    assert_eq!(plan.moving, 1, "the expired subscription does not move");
    let m = &plan.moves[0];
    assert_eq!(m.auto_renew_off_at, now());
    assert_eq!(m.term_ends, at("2027-01-01T00:00:00Z"));
    assert_eq!(m.provision_by, at("2027-01-31T00:00:00Z"));
    assert_eq!(plan.provision_by, Some(m.provision_by));
    // The grace is policy data.
    let p = Policy::standard()
        .to_builder()
        .name("custom")
        .expired_grace_days(10)
        .build()
        .unwrap();
    assert_eq!(
        self::plan(&with_active(1), TransferOptions::default(), &p).moves[0].provision_by,
        at("2027-01-11T00:00:00Z")
    );
}

/// XFER-2: the plan recommends waiting for the term end; one that cancels
/// early reports the forfeited remainder.
#[test]
fn xfer_2_early_cancellation_reports_the_forfeited_remainder() {
    let waiting = plan(
        &with_active(1),
        TransferOptions::default(),
        &Policy::standard(),
    );
    assert!(waiting.recommend_waiting_for_term_end);
    assert!(waiting.moves[0].early_cancellation.is_none());

    let price = Money::new("12.00".parse().unwrap(), "EUR".parse().unwrap());
    let mut account = with_active(1);
    account.licences[0].price = Some(price);
    let early = plan(
        &account,
        TransferOptions::default().cancel_early(true),
        &Policy::standard(),
    );
    let cancel = early.moves[0].early_cancellation.expect("flagged");
    assert_eq!(cancel.at, now());
    assert_eq!(cancel.forfeited_days, 199); // 15 June 10:00 → 1 January
    // 120.00 for 365 days, 166 used: 54.58 used, 65.42 forfeited.
    assert_eq!(
        cancel.forfeited.map(|m| m.to_string()),
        Some("65.42 EUR".into())
    );
}

/// XFER-2 with POL-2: an early cancellation in a plan is priced exactly as
/// a real cancellation: inside the Microsoft refund window it is refunded.
#[test]
fn xfer_2_early_cancellation_inside_the_refund_window_is_refunded() {
    let ms = Policy::microsoft_new_commerce();
    let bought = at("2026-06-14T10:00:00Z");
    let term = Term::of_days(bought, 365).unwrap();
    let licence = Licence::active("L-1", "e3", 1, term, true, by_acme())
        .unwrap()
        .with_price(Money::new("12.00".parse().unwrap(), "EUR".parse().unwrap()));
    let account = rossi(BillingType::Term).with_licence(licence.clone());
    let plan = transfer_plan(
        &account,
        &"acme".into(),
        &beta(),
        TransferOptions::default().cancel_early(true),
        now(),
        &ms,
    )
    .unwrap();
    let cancel = plan.moves[0].early_cancellation.unwrap();
    let real = given(&licence)
        .under(&ms)
        .when(&partner(), channel_licensing::LicenceCommand::Cancel)
        .at(now())
        .outcome()
        .unwrap();
    let channel_licensing::LicenceChange::Cancelled {
        forfeited_days,
        forfeited,
        refund,
        ..
    } = changes(&real)[0]
    else {
        panic!()
    };
    assert_eq!(
        (cancel.forfeited_days, cancel.forfeited, cancel.refund),
        (forfeited_days, forfeited, refund)
    );
    assert!(cancel.refund.is_some() && cancel.forfeited.is_none());
}

/// XFER-3: more than 150 active subscriptions must expire and be
/// repurchased; 150 are duplicated. The threshold is policy data.
#[test]
fn xfer_3_threshold_150_vs_151() {
    let p = Policy::standard();
    assert_eq!(
        plan(&with_active(150), TransferOptions::default(), &p).strategy,
        TransferStrategy::Duplicate
    );
    let big = plan(&with_active(151), TransferOptions::default(), &p);
    assert_eq!(big.strategy, TransferStrategy::ExpireAndRepurchase);
    assert_eq!(big.moving, 151);
    let small = Policy::standard()
        .to_builder()
        .name("custom")
        .transfer_threshold(2)
        .build()
        .unwrap();
    assert_eq!(
        plan(&with_active(3), TransferOptions::default(), &small).strategy,
        TransferStrategy::ExpireAndRepurchase
    );
}

/// XFER-4: same or equivalent offer with the same count: nothing to do; a
/// different offer: reassign; an offer no longer available: choose an
/// equivalent or lose data.
#[test]
fn xfer_4_impact_of_a_move() {
    let same = transfer_impact(&OfferChange::new("e3", 25, "e3", 25));
    assert!(!same.reassign_licences && !same.data_loss_risk && !same.interruption);
    let mut equivalent = OfferChange::new("e3", 25, "e3-nce", 25);
    equivalent.equivalent = true;
    let equivalent = transfer_impact(&equivalent);
    assert!(
        !equivalent.reassign_licences && !equivalent.data_loss_risk && !equivalent.interruption
    );
    let different = transfer_impact(&OfferChange::new("e3", 25, "business-premium", 25));
    assert!(different.reassign_licences && !different.data_loss_risk);
    let fewer = transfer_impact(&OfferChange::new("e3", 25, "e3", 20));
    assert!(fewer.reassign_licences && !fewer.data_loss_risk && !fewer.interruption);
    let mut gone = OfferChange::new("e3", 25, "e3-retired", 25);
    gone.to_offer_available = false;
    let gone = transfer_impact(&gone);
    assert!(gone.data_loss_risk && gone.choose_equivalent_offer && gone.reassign_licences);
    // Their JSON is pinned by `wire::transfers::transfer_impact_snapshots`.
}

/// XFER-4: a stored offer change that leaves out the flags means a move
/// between non-equivalent offers whose target can still be bought, as
/// `OfferChange::new` builds it.
#[test]
fn xfer_4_offer_change_flags_default_when_left_out() {
    let loaded: OfferChange = serde_json::from_value(serde_json::json!({
        "from_offer": "e3", "seats_from": 25, "to_offer": "e5", "seats_to": 25
    }))
    .expect("an offer change without its flags");
    assert_eq!(loaded, OfferChange::new("e3", 25, "e5", 25));
    assert!(loaded.to_offer_available && !loaded.equivalent);
}

/// XFER-5: the new partner must be in the customer's tenant region.
#[test]
fn xfer_5_region_check() {
    let elsewhere = PartnerUser::new("beta", "us");
    let Err(Error::Refused(r)) = transfer_plan(
        &with_active(1),
        &"acme".into(),
        &elsewhere,
        TransferOptions::default(),
        now(),
        &Policy::standard(),
    ) else {
        panic!("another region");
    };
    assert_eq!(r.rule(), Rule::Xfer5);
    assert_eq!(
        r.to_string(),
        "cannot move Rossi SpA (rossi) to another partner: the partner is in region us and the customer's tenant in eu (XFER-5)"
    );
    // The source partner must be linked (AUTH-1).
    let unlinked =
        with_active(1).with_relationship("acme", RelationshipState::Unlinked { at: now() });
    let err = transfer_plan(
        &unlinked,
        &"acme".into(),
        &beta(),
        TransferOptions::default(),
        now(),
        &Policy::standard(),
    );
    assert_eq!(
        err.unwrap_err().refusal().map(|r| r.rule()),
        Some(Rule::Auth1)
    );
}

/// XFER-6: in a tenant-to-tenant move the customer migrates its data itself.
#[test]
fn xfer_6_tenant_to_tenant_lists_the_customer_step() {
    let plan = plan(
        &with_active(1),
        TransferOptions::default().tenant_to_tenant(true),
        &Policy::standard(),
    );
    assert_eq!(plan.customer_steps, [CustomerStep::MigrateData]);
    let plain = self::plan(
        &with_active(1),
        TransferOptions::default(),
        &Policy::standard(),
    );
    assert!(plain.customer_steps.is_empty());
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
        .name("custom")
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
        channel_licensing::transfers::TransferStrategy::Duplicate
    );
}
