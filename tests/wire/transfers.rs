//! The wire form of transfer plans (XFER-1 … XFER-3, XFER-6) and of a
//! move's impact (XFER-4), pinned with insta. A change here is a change of
//! the serialized form: record it in CHANGELOG.md.

use channel_licensing::transfers::{OfferChange, TransferOptions, transfer_impact};
use channel_licensing::{Money, Policy};

use crate::common::transfers::{plan, with_active};

/// The plans' wire form (XFER-1 … XFER-3, XFER-6).
#[test]
fn transfer_plan_snapshots() {
    let mut account = with_active(2);
    account.licences[1].price = Some(Money::new("12.00".parse().unwrap(), "EUR".parse().unwrap()));
    let options = TransferOptions::default()
        .cancel_early(true)
        .tenant_to_tenant(true);
    let p = Policy::standard();
    insta::assert_json_snapshot!("transfer_plan", plan(&account, options, &p));
    let big = plan(&with_active(151), TransferOptions::default(), &p);
    insta::assert_json_snapshot!(
        "transfer_plan_151",
        serde_json::json!({ "strategy": big.strategy, "moving": big.moving, "provision_by": big.provision_by })
    );
}

/// The impacts' wire form (XFER-4): the five moves of
/// `rules::transfers::xfer_4_impact_of_a_move` (same offer, equivalent,
/// different, fewer seats, an offer no longer available).
#[test]
fn transfer_impact_snapshots() {
    let mut equivalent = OfferChange::new("e3", 25, "e3-nce", 25);
    equivalent.equivalent = true;
    let mut gone = OfferChange::new("e3", 25, "e3-retired", 25);
    gone.to_offer_available = false;
    let impacts = [
        OfferChange::new("e3", 25, "e3", 25),
        equivalent,
        OfferChange::new("e3", 25, "business-premium", 25),
        OfferChange::new("e3", 25, "e3", 20),
        gone,
    ]
    .map(|change| transfer_impact(&change));
    insta::assert_json_snapshot!("transfer_impacts", impacts);
}
