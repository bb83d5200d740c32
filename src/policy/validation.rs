//! Why a policy cannot be built, and the checks (LIC-6: windows end, grace
//! within the reactivation window, no empty phase; POL-3 reminders; POL-5: a
//! policy name, and a preset's name only with that preset's numbers).

use arrayvec::ArrayString;

use super::Policy;
use super::gdap::GdapPolicy;
use super::phase::{Allowance, Phase, PhaseName};
use super::stamp::{Fingerprint, PolicyName};

/// Why a policy could not be built (LIC-6, POL-5).
///
/// # Example
///
/// ```
/// use channel_licensing::Policy;
/// use channel_licensing::policy::PolicyError;
///
/// let err = Policy::standard().to_builder().name("custom").expired_grace_days(90).build().unwrap_err();
/// assert!(matches!(err, PolicyError::GraceLongerThanReactivation { grace_days: 90, reactivation_days: 60, .. }));
/// assert_eq!(err.to_string(), "the expired grace (90 days) is longer than the reactivation window (60 days)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// The policy's name is blank.
    #[error("a policy needs a name")]
    BlankName,
    /// The policy's name is longer than [`PolicyName::MAX_BYTES`].
    #[error("a policy's name is at most 40 bytes long, not {bytes}")]
    #[non_exhaustive]
    NameTooLong {
        /// Its length in bytes.
        bytes: usize,
    },
    /// A policy named like a preset (`standard`, `microsoft_new_commerce`)
    /// whose numbers are not that preset's: its events would claim the
    /// preset's rules. Rename it.
    #[error(
        "a policy named `{name}` version {version} must be that preset, but its numbers differ (fingerprint {fingerprint}): give it a name of its own"
    )]
    #[non_exhaustive]
    PresetChanged {
        /// The preset's name.
        name: PolicyName,
        /// The version given.
        version: u32,
        /// The fingerprint of the numbers given.
        fingerprint: Fingerprint,
    },
    /// The policy has no post-expiry phase.
    #[error("a policy needs at least one post-expiry phase")]
    NoPhases,
    /// A phase other than the last has no end.
    #[error("only the last phase may be open-ended, but `{phase}` is open-ended and not last")]
    #[non_exhaustive]
    OpenEndedPhaseNotLast {
        /// The phase.
        phase: PhaseName,
    },
    /// The last phase has an end.
    #[error("the last phase (`{phase}`) must be open-ended")]
    #[non_exhaustive]
    LastPhaseEnds {
        /// The phase.
        phase: PhaseName,
    },
    /// A phase ends on or before the day the previous phase ends (or on or
    /// before expiry): it would be zero-length or negative (LIC-6).
    #[error(
        "phase `{phase}` ends on day {ends_on_day}, not after day {starts_on_day} when it starts: a zero-length or negative window"
    )]
    #[non_exhaustive]
    EmptyPhase {
        /// The phase.
        phase: PhaseName,
        /// The day it was given to end on.
        ends_on_day: i64,
        /// The day it starts (the previous phase's end, or 0).
        starts_on_day: i64,
    },
    /// The expired grace outlasts the reactivation window (LIC-6).
    #[error(
        "the expired grace ({grace_days} days) is longer than the reactivation window ({reactivation_days} days)"
    )]
    #[non_exhaustive]
    GraceLongerThanReactivation {
        /// The grace asked for.
        grace_days: i64,
        /// The reactivation window asked for.
        reactivation_days: i64,
    },
    /// An allowance that a phase had lost comes back in a later phase:
    /// phases may only take allowances away.
    #[error("phase `{phase}` gives back {allowance}, which an earlier phase had taken away")]
    #[non_exhaustive]
    AllowanceRegained {
        /// The allowance.
        allowance: Allowance,
        /// The phase that gives it back.
        phase: PhaseName,
    },
    /// The open-ended last phase would give users access, allow reactivation
    /// or block unlinking forever (LIC-6: a grace or window must end).
    #[error("the open-ended last phase `{phase}` may not allow {allowance}: it would never end")]
    #[non_exhaustive]
    EndlessAllowance {
        /// The allowance.
        allowance: Allowance,
        /// The last phase.
        phase: PhaseName,
    },
    /// A day count outside the supported range, 1 to [`Policy::MAX_DAYS`]
    /// (ten years): with it no later decision can fail because of the
    /// policy.
    #[error("{what} must be between 1 and 3650 days, not {days}")]
    #[non_exhaustive]
    DaysOutOfRange {
        /// Which setting.
        what: &'static str,
        /// The value given.
        days: i64,
    },
    /// A reminder offset is listed twice.
    #[error("the reminder {days} days before the {target} is listed twice")]
    #[non_exhaustive]
    DuplicateReminder {
        /// Before what.
        target: &'static str,
        /// The offset.
        days: u32,
    },
    /// More reminder offsets than [`Policy::MAX_REMINDERS`] before one target.
    #[error("at most {max} reminders may precede a {target}, not {count}")]
    #[non_exhaustive]
    TooManyReminders {
        /// Before what.
        target: &'static str,
        /// How many were given.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// The transfer threshold is zero.
    #[error("the transfer threshold must be at least 1 subscription")]
    ZeroTransferThreshold,
    /// The longest display name allowed is zero characters.
    #[error("a display name must be allowed at least 1 character")]
    ZeroDisplayNameLength,
    /// The longest display name allowed is more than CUST-4's 255
    /// characters ([`DisplayName::MAX_CHARS`](crate::account::DisplayName::MAX_CHARS)).
    #[error("a display name may be allowed at most 255 characters (CUST-4), not {chars}")]
    #[non_exhaustive]
    DisplayNameTooLong {
        /// The length given.
        chars: u32,
    },
    /// An override names a phase the policy does not have.
    #[error("the policy has no phase allowing {allowance} to change the length of")]
    #[non_exhaustive]
    NoSuchPhase {
        /// What the overridden phase should allow.
        allowance: Allowance,
    },
}

pub(super) fn days_in_range(what: &'static str, days: i64) -> Result<u32, PolicyError> {
    u32::try_from(days)
        .ok()
        .filter(|&d| (1..=Policy::MAX_DAYS).contains(&d))
        .ok_or(PolicyError::DaysOutOfRange { what, days })
}

/// LIC-6's Decision: a grace equal to the reactivation window is valid.
/// Drops each phase after the grace (the last ending phase that gives users
/// access) that allows reactivation and that the overrides left ending on
/// the grace's end day, where in `given` (the phases before the overrides)
/// it ended on another day: such a phase is empty because of the overrides.
/// A phase that was already empty in `given` is kept, so `validate_phases`
/// still rejects it.
pub(super) fn drop_phases_emptied_by_overrides(phases: &mut Vec<Phase>, given: &[Phase]) {
    let last = phases.len().saturating_sub(1);
    let Some(grace) = (0..last).rev().find(|&i| phases[i].allows.user_access) else {
        return;
    };
    let (grace_end, given_grace_end) = (phases[grace].until_day, given[grace].until_day);
    let emptied = |index: usize, phase: &Phase, before: &Phase| {
        index > grace
            && index < last
            && phase.allows.reactivation
            && phase.until_day == grace_end
            && before.until_day != given_grace_end
    };
    *phases = phases
        .iter()
        .zip(given)
        .enumerate()
        .filter(|&(index, (phase, before))| !emptied(index, phase, before))
        .map(|(_, (phase, _))| *phase)
        .collect();
}

pub(super) fn validate_phases(phases: &[Phase]) -> Result<Vec<u32>, PolicyError> {
    let Some((final_phase, ending)) = phases.split_last() else {
        return Err(PolicyError::NoPhases);
    };
    if final_phase.until_day.is_some() {
        return Err(PolicyError::LastPhaseEnds {
            phase: final_phase.name,
        });
    }
    // A window longer than the range first: 10^12 days is out of range,
    // whatever else it would break. (One that is not positive is an empty
    // phase, below.)
    for phase in ending {
        if let Some(day) = phase.until_day
            && day > i64::from(Policy::MAX_DAYS)
        {
            return Err(PolicyError::DaysOutOfRange {
                what: "a phase's end",
                days: day,
            });
        }
    }
    // Then LIC-6, so that the error names the two windows the caller set.
    let end_of = |which: Allowance| {
        ending
            .iter()
            .rev()
            .find(|p| p.allows.get(which))
            .and_then(|p| p.until_day)
    };
    if let (Some(grace), Some(reactivation)) = (
        end_of(Allowance::UserAccess),
        end_of(Allowance::Reactivation),
    ) && grace > reactivation
    {
        return Err(PolicyError::GraceLongerThanReactivation {
            grace_days: grace,
            reactivation_days: reactivation,
        });
    }
    let mut ends = Vec::with_capacity(ending.len());
    let mut previous = 0_i64;
    for phase in ending {
        let Some(day) = phase.until_day else {
            return Err(PolicyError::OpenEndedPhaseNotLast { phase: phase.name });
        };
        if day <= previous {
            return Err(PolicyError::EmptyPhase {
                phase: phase.name,
                ends_on_day: day,
                starts_on_day: previous,
            });
        }
        ends.push(days_in_range("a phase's end", day)?);
        previous = day;
    }
    for which in Allowance::ALL {
        let mut lost = false;
        for phase in phases {
            let has = phase.allows.get(which);
            if has && lost {
                return Err(PolicyError::AllowanceRegained {
                    allowance: which,
                    phase: phase.name,
                });
            }
            lost |= !has;
        }
    }
    for which in [
        Allowance::UserAccess,
        Allowance::Reactivation,
        Allowance::UnlinkBlocked,
    ] {
        if final_phase.allows.get(which) {
            return Err(PolicyError::EndlessAllowance {
                allowance: which,
                phase: final_phase.name,
            });
        }
    }
    Ok(ends)
}

pub(super) fn validate_reminders(
    target: &'static str,
    days: &[i64],
) -> Result<Vec<u32>, PolicyError> {
    if days.len() > Policy::MAX_REMINDERS {
        return Err(PolicyError::TooManyReminders {
            target,
            count: days.len(),
            max: Policy::MAX_REMINDERS,
        });
    }
    let mut out = Vec::with_capacity(days.len());
    for &day in days {
        let day = days_in_range("a reminder offset", day)?;
        if out.contains(&day) {
            return Err(PolicyError::DuplicateReminder { target, days: day });
        }
        out.push(day);
    }
    out.sort_unstable_by(|a, b| b.cmp(a));
    Ok(out)
}

/// GDAP's numbers: each day count from 1 to [`Policy::MAX_DAYS`], the
/// notices distinct, at most [`Policy::MAX_REMINDERS`], largest first.
pub(super) fn validate_gdap(mut gdap: GdapPolicy) -> Result<GdapPolicy, PolicyError> {
    days_in_range(
        "a GDAP relationship's longest duration",
        gdap.max_days.into(),
    )?;
    days_in_range(
        "a GDAP request's approval window",
        gdap.approval_days.into(),
    )?;
    days_in_range(
        "a GDAP relationship's extension",
        gdap.extension_days.into(),
    )?;
    let notices: Vec<i64> = gdap.notice_days.iter().map(|&d| d.into()).collect();
    gdap.notice_days = validate_reminders("GDAP end", &notices)?;
    Ok(gdap)
}

impl PolicyName {
    /// `name`, trimmed.
    ///
    /// # Errors
    ///
    /// [`PolicyError::BlankName`] for a blank name,
    /// [`PolicyError::NameTooLong`] beyond [`PolicyName::MAX_BYTES`].
    ///
    /// # Example
    ///
    /// See [`PolicyName`].
    pub fn new(name: &str) -> Result<PolicyName, PolicyError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(PolicyError::BlankName);
        }
        ArrayString::from(name)
            .map(PolicyName)
            .map_err(|_| PolicyError::NameTooLong { bytes: name.len() })
    }
}

/// The presets' names, versions and fingerprints: a policy with a preset's
/// name must be that preset (`PolicyError::PresetChanged`). Pinned by the
/// golden test `pol_5_the_presets_fingerprints_are_pinned`.
pub(super) const PRESETS: [(&str, u32, u64); 2] = [
    ("standard", 1, 0xb4ff_7d07_4fad_046f),
    ("microsoft_new_commerce", 1, 0x1af8_37d8_0b82_0717),
];

/// Whether a policy named `name` at `version` with `fingerprint` may be
/// built: any policy that does not use a preset's name, and a preset's
/// name only with that preset's numbers.
pub(super) fn check_preset(
    name: PolicyName,
    version: u32,
    fingerprint: Fingerprint,
) -> Result<(), PolicyError> {
    let mut named = PRESETS
        .iter()
        .filter(|(n, _, _)| *n == name.as_str())
        .peekable();
    if named.peek().is_none() {
        return Ok(());
    }
    if named.any(|&(_, v, f)| v == version && f == fingerprint.0) {
        return Ok(());
    }
    Err(PolicyError::PresetChanged {
        name,
        version,
        fingerprint,
    })
}
