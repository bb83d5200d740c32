//! POL-1: what happens after expiry, as ordered phases, each with what it
//! allows; the expired grace (LIC-3), the reactivation window (LIC-4, LIC-5)
//! and the unlink block (REL-5) are read off them.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Policy;
use crate::calendar::{TimeOutOfRange, checked_add_days};

/// The name of a post-expiry phase (POL-1).
///
/// The presets use `grace` → `reactivatable` → `lapsed` ([`Policy::standard`])
/// and `expired` → `disabled` → `deleted` ([`Policy::microsoft_new_commerce`]).
///
/// # Example
///
/// ```
/// use channel_licensing::policy::PhaseName;
///
/// assert_eq!(PhaseName::Reactivatable.to_string(), "reactivatable");
/// assert_eq!(serde_json::to_string(&PhaseName::Lapsed)?, r#""lapsed""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PhaseName {
    /// Users keep access; reactivation causes no interruption (LIC-3).
    Grace,
    /// Reactivation is allowed but service was interrupted (LIC-5).
    Reactivatable,
    /// Nothing is allowed any more; a new licence must be bought (LIC-5).
    Lapsed,
    /// Microsoft's first phase: users keep access, no reactivation (POL-2).
    Expired,
    /// Microsoft's second phase: only admins keep access (POL-2).
    Disabled,
    /// Microsoft's last phase: the data is gone (POL-2).
    Deleted,
}

impl PhaseName {
    /// The snake-case name, as serialized.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::policy::PhaseName;
    ///
    /// assert_eq!(PhaseName::Grace.as_str(), "grace");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            PhaseName::Grace => "grace",
            PhaseName::Reactivatable => "reactivatable",
            PhaseName::Lapsed => "lapsed",
            PhaseName::Expired => "expired",
            PhaseName::Disabled => "disabled",
            PhaseName::Deleted => "deleted",
        }
    }
}

impl fmt::Display for PhaseName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a post-expiry phase allows (POL-1).
///
/// Built from [`Allowances::NONE`] with the `with_*` methods, so that a new
/// allowance can be added without breaking callers.
///
/// # Example
///
/// ```
/// use channel_licensing::policy::Allowances;
///
/// let grace = Allowances::NONE.with_user_access().with_reactivation().with_data_kept();
/// assert!(grace.user_access);
/// assert!(!grace.unlink_blocked);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(clippy::struct_excessive_bools)] // independent flags, as POL-1 lists them
pub struct Allowances {
    /// The customer's users keep access to files and services.
    #[serde(default)]
    pub user_access: bool,
    /// The customer's admins keep access to the admin console.
    #[serde(default)]
    pub admin_access: bool,
    /// The licence may be reactivated.
    #[serde(default)]
    pub reactivation: bool,
    /// The account cannot be unlinked from its partner while in this phase (REL-5).
    #[serde(default)]
    pub unlink_blocked: bool,
    /// The customer's data is kept.
    #[serde(default)]
    pub data_kept: bool,
}

impl Allowances {
    /// Nothing allowed, unlinking not blocked.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::policy::Allowances;
    ///
    /// assert_eq!(Allowances::NONE, Allowances::default());
    /// ```
    pub const NONE: Allowances = Allowances {
        user_access: false,
        admin_access: false,
        reactivation: false,
        unlink_blocked: false,
        data_kept: false,
    };

    /// These allowances, with users keeping access.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::policy::Allowances;
    /// assert!(Allowances::NONE.with_user_access().user_access);
    /// ```
    #[must_use]
    pub const fn with_user_access(mut self) -> Self {
        self.user_access = true;
        self
    }

    /// These allowances, with admins keeping access.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::policy::Allowances;
    /// assert!(Allowances::NONE.with_admin_access().admin_access);
    /// ```
    #[must_use]
    pub const fn with_admin_access(mut self) -> Self {
        self.admin_access = true;
        self
    }

    /// These allowances, with reactivation allowed.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::policy::Allowances;
    /// assert!(Allowances::NONE.with_reactivation().reactivation);
    /// ```
    #[must_use]
    pub const fn with_reactivation(mut self) -> Self {
        self.reactivation = true;
        self
    }

    /// These allowances, with unlinking blocked.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::policy::Allowances;
    /// assert!(Allowances::NONE.with_unlink_blocked().unlink_blocked);
    /// ```
    #[must_use]
    pub const fn with_unlink_blocked(mut self) -> Self {
        self.unlink_blocked = true;
        self
    }

    /// These allowances, with the data kept.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::policy::Allowances;
    /// assert!(Allowances::NONE.with_data_kept().data_kept);
    /// ```
    #[must_use]
    pub const fn with_data_kept(mut self) -> Self {
        self.data_kept = true;
        self
    }

    pub(super) fn get(self, which: Allowance) -> bool {
        match which {
            Allowance::UserAccess => self.user_access,
            Allowance::AdminAccess => self.admin_access,
            Allowance::Reactivation => self.reactivation,
            Allowance::UnlinkBlocked => self.unlink_blocked,
            Allowance::DataKept => self.data_kept,
        }
    }
}

/// One allowance of [`Allowances`], as named in policy errors.
///
/// # Example
///
/// ```
/// use channel_licensing::policy::Allowance;
///
/// assert_eq!(Allowance::UserAccess.to_string(), "user access");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Allowance {
    /// [`Allowances::user_access`].
    UserAccess,
    /// [`Allowances::admin_access`].
    AdminAccess,
    /// [`Allowances::reactivation`].
    Reactivation,
    /// [`Allowances::unlink_blocked`].
    UnlinkBlocked,
    /// [`Allowances::data_kept`].
    DataKept,
}

impl Allowance {
    pub(super) const ALL: [Allowance; 5] = [
        Allowance::UserAccess,
        Allowance::AdminAccess,
        Allowance::Reactivation,
        Allowance::UnlinkBlocked,
        Allowance::DataKept,
    ];
}

impl fmt::Display for Allowance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Allowance::UserAccess => "user access",
            Allowance::AdminAccess => "admin access",
            Allowance::Reactivation => "reactivation",
            Allowance::UnlinkBlocked => "blocked unlinking",
            Allowance::DataKept => "kept data",
        })
    }
}

/// One post-expiry phase of a policy (POL-1): a name, the day after expiry
/// on which it ends (`None` for the last, open-ended phase) and what it allows.
///
/// Phases are given by their end day counted from the expiry instant, as the
/// catalogue states them ("`reactivatable` to day 60"): a phase that runs
/// from day 30 to day 60 is 30 days long.
///
/// # Example
///
/// ```
/// use channel_licensing::policy::{Allowances, Phase, PhaseName};
///
/// let grace = Phase::until_day(PhaseName::Grace, 30, Allowances::NONE.with_user_access());
/// assert_eq!(grace.ends_on_day(), Some(30));
/// let lapsed = Phase::open_ended(PhaseName::Lapsed, Allowances::NONE);
/// assert_eq!(lapsed.ends_on_day(), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub(super) name: PhaseName,
    #[serde(default)]
    pub(super) until_day: Option<i64>,
    pub(super) allows: Allowances,
}

impl Phase {
    /// A phase that ends `day` days after expiry. The policy that holds it
    /// rejects a day that is not after the previous phase's (LIC-6).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::policy::{Allowances, Phase, PhaseName};
    ///
    /// let phase = Phase::until_day(PhaseName::Reactivatable, 60, Allowances::NONE);
    /// assert_eq!(phase.name(), PhaseName::Reactivatable);
    /// ```
    #[must_use]
    pub const fn until_day(name: PhaseName, day: i64, allows: Allowances) -> Self {
        Phase {
            name,
            until_day: Some(day),
            allows,
        }
    }

    /// The last phase, which never ends.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::policy::{Allowances, Phase, PhaseName};
    ///
    /// assert_eq!(Phase::open_ended(PhaseName::Lapsed, Allowances::NONE).ends_on_day(), None);
    /// ```
    #[must_use]
    pub const fn open_ended(name: PhaseName, allows: Allowances) -> Self {
        Phase {
            name,
            until_day: None,
            allows,
        }
    }

    /// The phase's name.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::policy::{Allowances, Phase, PhaseName};
    ///
    /// assert_eq!(Phase::open_ended(PhaseName::Deleted, Allowances::NONE).name(), PhaseName::Deleted);
    /// ```
    #[must_use]
    pub const fn name(&self) -> PhaseName {
        self.name
    }

    /// The day after expiry on which the phase ends; `None` when open-ended.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::Policy;
    /// use channel_licensing::policy::PhaseName;
    ///
    /// let policy = Policy::standard();
    /// assert_eq!(policy.phases()[0].ends_on_day(), Some(30));
    /// assert_eq!(policy.phases()[2].ends_on_day(), None);
    /// ```
    #[must_use]
    pub const fn ends_on_day(&self) -> Option<i64> {
        self.until_day
    }

    /// What the phase allows.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::Policy;
    ///
    /// let grace = Policy::standard().phases()[0];
    /// assert!(grace.allows().user_access && grace.allows().reactivation);
    /// ```
    #[must_use]
    pub const fn allows(&self) -> Allowances {
        self.allows
    }
}

/// Where an expired licence stands at an instant: its phase and that phase's
/// bounds. Returned by [`Policy::phase_at`].
///
/// # Example
///
/// ```
/// use channel_licensing::Policy;
/// use channel_licensing::policy::PhaseName;
/// use chrono::{DateTime, Utc};
///
/// let expired: DateTime<Utc> = "2026-01-10T00:00:00Z".parse()?;
/// let now: DateTime<Utc> = "2026-02-15T00:00:00Z".parse()?;
/// let at = Policy::standard().phase_at(expired, now);
/// assert_eq!(at.name, PhaseName::Reactivatable);
/// assert_eq!(at.ends, Some("2026-03-11T00:00:00Z".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct PhaseAt {
    /// The phase's name.
    pub name: PhaseName,
    /// What it allows.
    pub allows: Allowances,
    /// When it ends (exclusive); `None` for the last, open-ended phase, or
    /// when its end lies beyond the representable range.
    pub ends: Option<DateTime<Utc>>,
    /// Whether this is the policy's last phase, from which nothing is
    /// possible any more (LIC-13).
    pub is_last: bool,
}

impl Policy {
    /// The post-expiry phases, in order; the last is open-ended (POL-1).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// assert_eq!(Policy::standard().phases().len(), 3);
    /// ```
    #[must_use]
    pub fn phases(&self) -> &[Phase] {
        &self.phases
    }

    /// The phase an expired licence is in at `now`, given when it expired.
    ///
    /// Each phase is a half-open window: the instant a phase ends belongs to
    /// the next one. An instant before `expired_at` counts as the first phase.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::Policy;
    /// use channel_licensing::policy::PhaseName;
    /// use chrono::{DateTime, TimeDelta, Utc};
    ///
    /// let policy = Policy::standard();
    /// let expired: DateTime<Utc> = "2026-01-10T00:00:00Z".parse()?;
    /// let day_30 = expired + TimeDelta::days(30);
    /// assert_eq!(policy.phase_at(expired, day_30 - TimeDelta::seconds(1)).name, PhaseName::Grace);
    /// assert_eq!(policy.phase_at(expired, day_30).name, PhaseName::Reactivatable);
    /// let lapsed = policy.phase_at(expired, expired + TimeDelta::days(60));
    /// assert_eq!(lapsed.name, PhaseName::Lapsed);
    /// assert!(lapsed.is_last);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn phase_at(&self, expired_at: DateTime<Utc>, now: DateTime<Utc>) -> PhaseAt {
        let index = self.phase_index(expired_at, now);
        let ends = self
            .phase_ends
            .get(index)
            .and_then(|&day| checked_add_days(expired_at, day));
        match self.phases.get(index) {
            Some(phase) => PhaseAt {
                name: phase.name,
                allows: phase.allows,
                ends,
                is_last: index + 1 >= self.phases.len(),
            },
            // `build` guarantees at least one phase; a default keeps this total.
            None => PhaseAt {
                name: PhaseName::Lapsed,
                allows: Allowances::NONE,
                ends: None,
                is_last: true,
            },
        }
    }

    /// What the phase an expired licence is in at `now` allows: the part of
    /// [`Policy::phase_at`] rules read, without computing the phase's end.
    pub(crate) fn allows_at(&self, expired_at: DateTime<Utc>, now: DateTime<Utc>) -> Allowances {
        self.phases
            .get(self.phase_index(expired_at, now))
            .map_or(Allowances::NONE, |phase| phase.allows)
    }

    /// REL-5: until when an expired licence blocks unlinking, judged at
    /// `now`: `Some(end of the last blocking phase)` while the licence's
    /// current phase blocks, `None` otherwise.
    pub(crate) fn unlink_blocked_until(
        &self,
        expired_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, TimeOutOfRange> {
        let Some(days) = self.unlink_blocked_days() else {
            return Ok(None);
        };
        if !self.allows_at(expired_at, now).unlink_blocked {
            return Ok(None);
        }
        checked_add_days(expired_at, days)
            .map(Some)
            .ok_or(TimeOutOfRange)
    }

    pub(super) fn phase_index(&self, expired_at: DateTime<Utc>, now: DateTime<Utc>) -> usize {
        let last = self.phases.len().saturating_sub(1);
        (0..last)
            .find(|&index| {
                self.phase_ends.get(index).is_none_or(|&day| {
                    checked_add_days(expired_at, day).is_none_or(|end| now < end)
                })
            })
            .unwrap_or(last)
    }

    /// The day after expiry on which the last phase with `which` ends, or
    /// `None` when no phase has it.
    pub(super) fn end_of(&self, which: Allowance) -> Option<u32> {
        end_of(&self.phases, &self.phase_ends, which)
    }

    /// Days after expiry during which users keep access: the expired grace
    /// (LIC-3). 0 when no phase gives users access.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// assert_eq!(Policy::standard().expired_grace_days(), 30);
    /// assert_eq!(Policy::microsoft_new_commerce().expired_grace_days(), 30);
    /// ```
    #[must_use]
    pub fn expired_grace_days(&self) -> u32 {
        self.end_of(Allowance::UserAccess).unwrap_or(0)
    }

    /// Days after expiry during which the licence may be reactivated (LIC-4),
    /// or `None` when the policy never allows reactivation.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// assert_eq!(Policy::standard().reactivation_window_days(), Some(60));
    /// ```
    #[must_use]
    pub fn reactivation_window_days(&self) -> Option<u32> {
        self.end_of(Allowance::Reactivation)
    }

    /// Days after expiry during which the account cannot be unlinked (REL-5),
    /// or `None` when no phase blocks unlinking.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// assert_eq!(Policy::standard().unlink_blocked_days(), Some(60));
    /// assert_eq!(Policy::microsoft_new_commerce().unlink_blocked_days(), None);
    /// ```
    #[must_use]
    pub fn unlink_blocked_days(&self) -> Option<u32> {
        self.end_of(Allowance::UnlinkBlocked)
    }
}

/// The day after expiry on which the last phase with `which` ends, or
/// `None` when no phase has it (`phase_ends` has one entry fewer than
/// `phases`: the last phase never ends).
pub(super) fn end_of(phases: &[Phase], phase_ends: &[u32], which: Allowance) -> Option<u32> {
    phases
        .iter()
        .zip(phase_ends)
        .rev()
        .find(|(phase, _)| phase.allows.get(which))
        .map(|(_, &day)| day)
}
