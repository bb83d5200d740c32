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
    assert_eq!(event.policy.fingerprint, Some(p.fingerprint()));
    let json = serde_json::to_value(event).unwrap();
    assert_eq!(
        json["policy"],
        serde_json::json!({"name": "standard-2027", "version": 3, "fingerprint": p.fingerprint().to_string()})
    );
}

/// POL-5: the presets' fingerprints are pinned: computed from a canonical
/// form of their numbers, they are the same on every machine and in every
/// version of the crate, and change only when a preset's numbers do.
#[test]
fn pol_5_the_presets_fingerprints_are_pinned() {
    assert_eq!(
        Policy::standard().fingerprint().to_string(),
        "b4ff7d074fad046f"
    );
    assert_eq!(
        Policy::microsoft_new_commerce().fingerprint().to_string(),
        "1af837d80b820717"
    );
    // Read back from JSON, a policy has the same fingerprint.
    let json = serde_json::to_string(&Policy::standard()).unwrap();
    let back: Policy = serde_json::from_str(&json).unwrap();
    assert_eq!(back.fingerprint(), Policy::standard().fingerprint());
    // The stamp is small and `Copy`: recording it allocates nothing.
    fn copy<T: Copy>(_: T) {}
    copy(Policy::standard().stamp());
    assert!(std::mem::size_of::<channel_licensing::policy::PolicyStamp>() <= 64);
}

/// POL-5: a policy named like a preset must have that preset's numbers; with
/// other numbers it is refused until it is renamed, so that no event is
/// stamped "standard v1" for rules that are not the standard ones.
#[test]
fn pol_5_a_preset_name_with_other_numbers_is_refused() {
    use channel_licensing::policy::PolicyError;
    let changed = Policy::standard().to_builder().expired_grace_days(45);
    let Err(PolicyError::PresetChanged { name, version, .. }) = changed.clone().build() else {
        panic!("a changed standard policy was accepted");
    };
    assert_eq!((name.as_str(), version), ("standard", 1));
    let renamed = changed.name("house").build().unwrap();
    assert_eq!(renamed.expired_grace_days(), 45);
    // Through JSON too.
    let mut json = serde_json::to_value(Policy::microsoft_new_commerce()).unwrap();
    json["transfer_threshold"] = serde_json::json!(10);
    let err = channel_licensing::from_json::<Policy>(&json.to_string()).unwrap_err();
    assert!(err.message().contains("must be that preset"), "{err}");
    // The same numbers under another version are not the preset either.
    assert!(Policy::standard().to_builder().version(2).build().is_err());
}

/// POL-5: a policy is validated when built, and a blank name is invalid.
#[test]
fn pol_5_policies_are_validated_when_built() {
    use channel_licensing::policy::PolicyError;
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
