//! The text forms a caller shows or logs beside the JSON: `Display`,
//! `Debug` and `AsRef<str>` of IDs, policy names and fingerprints, roles,
//! programmes and purchasers.

use channel_licensing::ids::{EarlyAccessId, GroupId, OfferId, RegionId};
use channel_licensing::{CustomerId, LicenceId, PartnerId, Policy, Programme, Purchaser, Role};

fn as_ref_str<T: AsRef<str>>(value: &T) -> &str {
    value.as_ref()
}

#[test]
fn ids_show_their_text_and_debug_as_their_type() {
    assert_eq!(
        format!("{:?}", CustomerId::from("rossi")),
        r#"CustomerId("rossi")"#
    );
    assert_eq!(
        format!("{:?}", LicenceId::from("L-1")),
        r#"LicenceId("L-1")"#
    );
    assert_eq!(
        format!("{:?}", PartnerId::from("acme")),
        r#"PartnerId("acme")"#
    );
    assert_eq!(
        format!("{:?}", OfferId::from("endpoint")),
        r#"OfferId("endpoint")"#
    );
    assert_eq!(format!("{:?}", RegionId::from("eu")), r#"RegionId("eu")"#);
    assert_eq!(
        format!("{:?}", GroupId::from("schools")),
        r#"GroupId("schools")"#
    );
    assert_eq!(
        format!("{:?}", EarlyAccessId::from(String::from("eap-xdr"))),
        r#"EarlyAccessId("eap-xdr")"#
    );
    assert_eq!(as_ref_str(&CustomerId::from("rossi")), "rossi");
    assert_eq!(as_ref_str(&PartnerId::from("a/b")), "a/b");
}

/// A policy's name and fingerprint: the name as given, the fingerprint as
/// 16 hexadecimal digits, each `Debug` naming its type.
#[test]
fn a_policys_name_and_fingerprint_show_as_written() {
    let policy = Policy::standard();
    assert_eq!(as_ref_str(policy.name()), "standard");
    assert_eq!(format!("{:?}", policy.name()), r#"PolicyName("standard")"#);
    let fingerprint = policy.fingerprint();
    let hex = fingerprint.to_string();
    assert_eq!(hex.len(), 16);
    assert!(hex.chars().all(|c| c.is_ascii_hexdigit()), "{hex}");
    assert_eq!(format!("{fingerprint:?}"), format!("Fingerprint({hex})"));
    assert_eq!(serde_json::to_value(fingerprint).unwrap(), hex.as_str());
}

/// `Policy::default()` is the standard preset.
#[test]
fn the_default_policy_is_the_standard_one() {
    assert_eq!(Policy::default(), Policy::standard());
}

/// Roles and programmes in words, as refusals list them.
#[test]
fn roles_and_programmes_read_as_words() {
    let roles: Vec<String> = Role::ALL.iter().map(ToString::to_string).collect();
    assert_eq!(
        roles,
        [
            "super admin",
            "admin",
            "account admin",
            "sales agent",
            "billing agent",
            "help desk",
            "read-only"
        ]
    );
    let programmes: Vec<String> = Programme::ALL.iter().map(ToString::to_string).collect();
    assert_eq!(programmes, ["MSP Flex", "MSP Flex Connect", "CSP"]);
}

#[test]
fn a_purchaser_reads_as_who_bought() {
    assert_eq!(Purchaser::partner("acme").to_string(), "partner acme");
    assert_eq!(Purchaser::Customer.to_string(), "the customer");
}
