//! SUB-1 on a customer with several partners: a partner manages only the
//! licences it bought; the vendor's and the customer admin's rights are
//! unchanged; an added subscription is bought by the acting partner, and the
//! owner is explicit in JSON.

use channel_licensing::{
    AccountChange, AccountCommand, Actor, CreatedBy, Licence, LicenceChange, LicenceCommand,
    Purchaser, Reason, Rule,
};

use crate::common::partners::{active, beta, beta_user, june, shared};
use crate::common::*;

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
        let refusal = given(&account)
            .when(&beta(), on("A-1", command.clone()))
            .at(june())
            .refused();
        assert_eq!(refusal.rule(), Rule::Sub1, "{command:?}");
        assert!(
            matches!(refusal.reason(), Reason::OtherPartnersLicence { licence, .. } if licence.as_str() == "A-1")
        );
        let text = refusal.to_string();
        assert!(text.contains("another partner bought it"), "{text}");
        assert!(!text.contains("acme"), "names the other partner: {text}");
    }
    // Its own licence, beta manages.
    let decision = given(&account)
        .when(
            &beta(),
            on("B-1", LicenceCommand::ChangeSeats { seats: 12 }),
        )
        .at(june())
        .accepted();
    assert_eq!(
        changes(&decision),
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
    let refusal = given(&licence)
        .when(&beta(), LicenceCommand::Suspend)
        .at(june())
        .refused();
    assert_eq!(refusal.rule(), Rule::Sub1);
    assert!(
        given(&licence)
            .when(&partner(), LicenceCommand::Suspend)
            .at(june())
            .outcome()
            .is_ok()
    );
}

/// SUB-1: the vendor's and the customer admin's rights are unchanged: the
/// vendor revokes a partner's licence; on an account the customer created
/// (BILL-7 does not apply), its admin suspends a licence a partner bought.
#[test]
fn sub_1_vendor_and_customer_admin_rights_are_unchanged() {
    let account = shared();
    let decision = given(&account)
        .when(&vendor(), on("A-1", LicenceCommand::Revoke))
        .at(june())
        .accepted();
    assert!(matches!(
        changes(&decision)[..],
        [AccountChange::Licence {
            change: LicenceChange::Revoked { .. },
            ..
        }]
    ));
    let mut own = shared();
    own.created_by = CreatedBy::Customer;
    let decision = given(&own)
        .when(&admin_of("rossi"), on("B-1", LicenceCommand::Suspend))
        .at(june())
        .accepted();
    assert!(matches!(
        changes(&decision)[..],
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
    let decision = given(&account)
        .when(
            &Actor::Partner(beta_user().with_offers(["endpoint-advanced"])),
            AccountCommand::AddSubscription {
                licence: "B-2".into(),
                offer: "endpoint-advanced".into(),
                seats: 3,
                term_days: 365,
                auto_renew: true,
                price: None,
            },
        )
        .at(june())
        .accepted();
    assert!(matches!(
        &changes(&decision)[0],
        AccountChange::SubscriptionAdded { bought_by, .. } if *bought_by == Purchaser::partner("beta")
    ));
    let after = apply(account, &decision);
    let added = after
        .licences
        .iter()
        .find(|l| l.id.as_str() == "B-2")
        .unwrap();
    assert_eq!(added.bought_by, Purchaser::partner("beta"));
    // And so acme cannot manage it.
    let refusal = given(&after)
        .when(&acme(&[]), on("B-2", LicenceCommand::Suspend))
        .at(june())
        .refused();
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
