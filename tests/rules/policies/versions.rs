//! POL-5: policies are validated when built and every event records the
//! version of the policy that decided it.

use channel_licensing::{LicenceCommand as C, Policy};

use crate::common::*;

// ---------------------------------------------------------------- POL-5

/// POL-5: policies carry a name and a version, and every event records the
/// policy it was decided under.
#[test]
fn pol_5_events_record_the_policy_version() {
    let p = Policy::standard()
        .to_builder()
        .name("standard-2027")
        .version(3)
        .build()
        .unwrap();
    assert_eq!((p.name().as_str(), p.version()), ("standard-2027", 3));
    assert_eq!(Policy::standard().version(), 1);
    let d = given(&active(true))
        .under(&p)
        .when(&partner(), C::ChangeSeats { seats: 12 })
        .at(at("2026-02-01T00:00:00Z"))
        .outcome()
        .unwrap();
    let event = d.events().next().unwrap();
    assert_eq!(event.policy.name.as_str(), "standard-2027");
    assert_eq!(event.policy.version, 3);
    let json = serde_json::to_value(event).unwrap();
    assert_eq!(
        json["policy"],
        serde_json::json!({"name": "standard-2027", "version": 3})
    );
}

/// POL-5: a policy is validated when built, and a blank name is invalid.
#[test]
fn pol_5_policies_are_validated_when_built() {
    use channel_licensing::PolicyError;
    assert_eq!(
        Policy::standard()
            .to_builder()
            .name("  ")
            .build()
            .unwrap_err(),
        PolicyError::BlankName
    );
    let json = serde_json::to_string(&Policy::microsoft_new_commerce()).unwrap();
    let back: Policy = serde_json::from_str(&json).unwrap();
    assert_eq!(back, Policy::microsoft_new_commerce());
}
