//! POL-1: what happens after expiry is an ordered list of phases, each with
//! its length and its allowances.

use channel_licensing::policy::PhaseName;
use channel_licensing::{LicenceCommand as C, LicenceStatus, Policy, Rule};

use crate::common::*;

// ---------------------------------------------------------------- POL-1

/// POL-1: the phases are policy data; under Microsoft new commerce the
/// `expired` phase allows no reactivation (the customer repurchases).
#[test]
fn pol_1_phases_follow_the_policy() {
    let ms = Policy::microsoft_new_commerce();
    let licence = expired_at("2026-01-10T00:00:00Z");
    let e = at("2026-01-10T00:00:00Z");
    assert_eq!(
        licence.status(e + days(29), &ms),
        LicenceStatus::Expired {
            phase: PhaseName::Expired
        }
    );
    assert_eq!(
        licence.status(e + days(30), &ms),
        LicenceStatus::Expired {
            phase: PhaseName::Disabled
        }
    );
    assert_eq!(
        licence.status(e + days(120), &ms),
        LicenceStatus::Expired {
            phase: PhaseName::Deleted
        }
    );
    let grace = ms.phase_at(e, e);
    assert!(grace.allows.user_access && grace.allows.data_kept && !grace.allows.reactivation);
    let disabled = ms.phase_at(e, e + days(30));
    assert!(!disabled.allows.user_access && disabled.allows.admin_access);

    let r = given(&licence)
        .under(&ms)
        .when(
            &partner(),
            C::Reactivate {
                term_days: 30,
                auto_renew: false,
            },
        )
        .at(e + days(1))
        .refused();
    assert_eq!(r.rule(), Rule::Pol1);
    assert_eq!(
        r.to_string(),
        "cannot reactivate licence L-1: the policy's `expired` phase does not allow it (POL-1)"
    );
    // In its last phase the licence is terminal (LIC-13).
    let r = given(&licence)
        .under(&ms)
        .when(&partner(), C::Remove)
        .at(e + days(120))
        .refused();
    assert_eq!(r.rule(), Rule::Lic13);
}

/// POL-1: the standard preset's allowances, as the catalogue lists them.
#[test]
fn pol_1_standard_allowances() {
    let p = Policy::standard();
    let e = at("2026-01-10T00:00:00Z");
    let grace = p.phase_at(e, e);
    assert!(grace.allows.user_access && grace.allows.admin_access && grace.allows.reactivation);
    assert!(grace.allows.unlink_blocked && grace.allows.data_kept);
    let r = p.phase_at(e, e + days(30));
    assert!(
        !r.allows.user_access
            && r.allows.reactivation
            && r.allows.unlink_blocked
            && r.allows.data_kept
    );
    let lapsed = p.phase_at(e, e + days(60));
    assert_eq!(lapsed.allows, channel_licensing::policy::Allowances::NONE);
    assert!(lapsed.is_last && lapsed.ends.is_none());
    assert_eq!(p.unlink_blocked_days(), Some(60));
}

/// POL-1: each phase reports the day it ends (`None` for the last), and
/// each allowance reads as words in messages.
#[test]
fn pol_1_phase_ends_and_allowance_names() {
    use channel_licensing::policy::Allowance;
    let ends: Vec<_> = Policy::standard()
        .phases()
        .iter()
        .map(|phase| phase.ends_on_day())
        .collect();
    assert_eq!(ends, [Some(30), Some(60), None]);
    let ends: Vec<_> = Policy::microsoft_new_commerce()
        .phases()
        .iter()
        .map(|phase| phase.ends_on_day())
        .collect();
    assert_eq!(ends, [Some(30), Some(120), None]);
    for (allowance, words) in [
        (Allowance::UserAccess, "user access"),
        (Allowance::AdminAccess, "admin access"),
        (Allowance::Reactivation, "reactivation"),
        (Allowance::UnlinkBlocked, "blocked unlinking"),
        (Allowance::DataKept, "kept data"),
    ] {
        assert_eq!(allowance.to_string(), words);
    }
}
