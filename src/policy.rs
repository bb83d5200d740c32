//! Policies: the numbers and phases the rules run on (POL-1, POL-2, POL-3,
//! POL-5, LIC-6).

use std::fmt;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::PolicyName;
use crate::calendar::{Since, checked_add_days};

/// The name of a post-expiry phase (POL-1).
///
/// The presets use `grace` → `reactivatable` → `lapsed` ([`Policy::standard`])
/// and `expired` → `disabled` → `deleted` ([`Policy::microsoft_new_commerce`]).
///
/// # Example
///
/// ```
/// use channel_licensing::PhaseName;
///
/// assert_eq!(PhaseName::Reactivatable.to_string(), "reactivatable");
/// assert_eq!(serde_json::to_string(&PhaseName::Lapsed)?, r#""lapsed""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
    /// use channel_licensing::PhaseName;
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
/// use channel_licensing::Allowances;
///
/// let grace = Allowances::NONE.with_user_access().with_reactivation().with_data_kept();
/// assert!(grace.user_access);
/// assert!(!grace.unlink_blocked);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// use channel_licensing::Allowances;
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
    /// # use channel_licensing::Allowances;
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
    /// # use channel_licensing::Allowances;
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
    /// # use channel_licensing::Allowances;
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
    /// # use channel_licensing::Allowances;
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
    /// # use channel_licensing::Allowances;
    /// assert!(Allowances::NONE.with_data_kept().data_kept);
    /// ```
    #[must_use]
    pub const fn with_data_kept(mut self) -> Self {
        self.data_kept = true;
        self
    }

    fn get(self, which: Allowance) -> bool {
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
/// use channel_licensing::Allowance;
///
/// assert_eq!(Allowance::UserAccess.to_string(), "user access");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    const ALL: [Allowance; 5] = [
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
/// use channel_licensing::{Allowances, Phase, PhaseName};
///
/// let grace = Phase::until_day(PhaseName::Grace, 30, Allowances::NONE.with_user_access());
/// assert_eq!(grace.ends_on_day(), Some(30));
/// let lapsed = Phase::open_ended(PhaseName::Lapsed, Allowances::NONE);
/// assert_eq!(lapsed.ends_on_day(), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Phase {
    name: PhaseName,
    #[serde(default)]
    until_day: Option<i64>,
    allows: Allowances,
}

impl Phase {
    /// A phase that ends `day` days after expiry. The policy that holds it
    /// rejects a day that is not after the previous phase's (LIC-6).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Allowances, Phase, PhaseName};
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
    /// use channel_licensing::{Allowances, Phase, PhaseName};
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
    /// use channel_licensing::{Allowances, Phase, PhaseName};
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
    /// use channel_licensing::{Policy, PhaseName};
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
/// use channel_licensing::{PhaseName, Policy};
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

/// The policy a decision was made under, recorded in every event (POL-5).
///
/// # Example
///
/// ```
/// use channel_licensing::Policy;
///
/// let stamp = Policy::standard().stamp();
/// assert_eq!(stamp.name.as_str(), "standard");
/// assert_eq!(stamp.version, 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PolicyStamp {
    /// The policy's name.
    pub name: PolicyName,
    /// The policy's version.
    pub version: u32,
}

/// Why a policy could not be built (LIC-6, POL-5).
///
/// # Example
///
/// ```
/// use channel_licensing::{Policy, PolicyError};
///
/// let err = Policy::standard().to_builder().expired_grace_days(90).build().unwrap_err();
/// assert_eq!(err, PolicyError::GraceLongerThanReactivation { grace_days: 90, reactivation_days: 60 });
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// The policy's name is blank.
    #[error("a policy needs a name")]
    BlankName,
    /// The policy has no post-expiry phase.
    #[error("a policy needs at least one post-expiry phase")]
    NoPhases,
    /// A phase other than the last has no end.
    #[error("only the last phase may be open-ended, but `{phase}` is open-ended and not last")]
    OpenEndedPhaseNotLast {
        /// The phase.
        phase: PhaseName,
    },
    /// The last phase has an end.
    #[error("the last phase (`{phase}`) must be open-ended")]
    LastPhaseEnds {
        /// The phase.
        phase: PhaseName,
    },
    /// A phase ends on or before the day the previous phase ends (or on or
    /// before expiry): it would be zero-length or negative (LIC-6).
    #[error(
        "phase `{phase}` ends on day {ends_on_day}, not after day {starts_on_day} when it starts: a zero-length or negative window"
    )]
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
    GraceLongerThanReactivation {
        /// The grace asked for.
        grace_days: i64,
        /// The reactivation window asked for.
        reactivation_days: i64,
    },
    /// An allowance that a phase had lost comes back in a later phase:
    /// phases may only take allowances away.
    #[error("phase `{phase}` gives back {allowance}, which an earlier phase had taken away")]
    AllowanceRegained {
        /// The allowance.
        allowance: Allowance,
        /// The phase that gives it back.
        phase: PhaseName,
    },
    /// The open-ended last phase would give users access, allow reactivation
    /// or block unlinking forever (LIC-6: a grace or window must end).
    #[error("the open-ended last phase `{phase}` may not allow {allowance}: it would never end")]
    EndlessAllowance {
        /// The allowance.
        allowance: Allowance,
        /// The last phase.
        phase: PhaseName,
    },
    /// A day count does not fit the supported range (1 to 4 294 967 295).
    #[error("{what} must be between 1 and 4294967295 days, not {days}")]
    DaysOutOfRange {
        /// Which setting.
        what: &'static str,
        /// The value given.
        days: i64,
    },
    /// A reminder offset is listed twice.
    #[error("the reminder {days} days before the {target} is listed twice")]
    DuplicateReminder {
        /// Before what.
        target: &'static str,
        /// The offset.
        days: u32,
    },
    /// More reminder offsets than [`Policy::MAX_REMINDERS`] before one target.
    #[error("at most {max} reminders may precede a {target}, not {count}")]
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
    /// An override names a phase the policy does not have.
    #[error("the policy has no phase allowing {allowance} to change the length of")]
    NoSuchPhase {
        /// What the overridden phase should allow.
        allowance: Allowance,
    },
}

/// A validated policy: everything the rules need that is a number or a
/// choice, not a rule (POL-1, POL-3, POL-5, LIC-6).
///
/// Built from a preset ([`Policy::standard`], [`Policy::microsoft_new_commerce`])
/// or through [`PolicyBuilder`]; an invalid policy is an `Err`, never a panic.
/// It serializes to the same fields the builder takes, and deserializing one
/// validates it again.
///
/// # Example
///
/// ```
/// use channel_licensing::Policy;
///
/// let policy = Policy::standard()
///     .to_builder()
///     .name("standard-rome")
///     .version(2)
///     .calendar(chrono_tz::Europe::Rome)
///     .build()?;
/// assert_eq!(policy.expired_grace_days(), 30);
/// assert_eq!(policy.reactivation_window_days(), Some(60));
/// assert_eq!(policy.calendar(), chrono_tz::Europe::Rome);
/// # Ok::<(), channel_licensing::PolicyError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "PolicyBuilder", into = "PolicyBuilder")]
pub struct Policy {
    name: PolicyName,
    version: u32,
    phases: Vec<Phase>,
    /// Validated `until_day`s of all phases but the last, as `u32`.
    phase_ends: Vec<u32>,
    term_end_reminders: Vec<u32>,
    trial_end_reminders: Vec<u32>,
    calendar: Tz,
    transfer_threshold: u32,
    suspension_cancels_after_days: u32,
    display_name_max_chars: u32,
    refund_window_days: Option<u32>,
    seat_decrease_window_days: Option<u32>,
    /// Derived from `phases` in `build`, for REL-5's hot path:
    /// [`Policy::unlink_blocked_days`], and whether the phases that block
    /// unlinking all come before any that does not.
    unlink_blocked_days: Option<u32>,
    unlink_blocking_leads: bool,
}

impl Policy {
    /// The most reminder offsets a policy may list before a term end, and
    /// before a trial end (POL-3). A bound keeps every decision's cost
    /// bounded: a licence's timers are at most this many reminders and one
    /// deadline.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Policy, PolicyError};
    ///
    /// let too_many = (1..=Policy::MAX_REMINDERS as i64 + 1).collect::<Vec<_>>();
    /// let err = Policy::standard().to_builder().term_end_reminders(too_many).build().unwrap_err();
    /// assert!(matches!(err, PolicyError::TooManyReminders { .. }));
    /// ```
    pub const MAX_REMINDERS: usize = 8;

    /// The seeds' policy (POL-1): `grace` for 30 days after expiry (users and
    /// admins keep access, reactivation allowed, unlinking blocked, data
    /// kept), `reactivatable` to day 60 (reactivation allowed, unlinking
    /// blocked, data kept), then `lapsed` (nothing allowed). Reminders 30 days
    /// before a term end and 3 days before a trial end (POL-3); UTC calendar;
    /// 150-subscription transfer threshold (XFER-3); display names of at most
    /// 255 characters (CUST-4); a suspended licence is
    /// cancelled 30 days after its suspension (LIC-7, the crate's reading of
    /// seed 004, which leaves the length to the vendor).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{PhaseName, Policy};
    ///
    /// let policy = Policy::standard();
    /// assert_eq!(policy.name().as_str(), "standard");
    /// assert_eq!(policy.expired_grace_days(), 30);
    /// assert_eq!(policy.reactivation_window_days(), Some(60));
    /// assert_eq!(policy.term_end_reminders(), &[30]);
    /// assert_eq!(policy.trial_end_reminders(), &[3]);
    /// assert_eq!(policy.transfer_threshold(), 150);
    /// ```
    #[must_use]
    pub fn standard() -> Policy {
        let kept = Allowances::NONE.with_data_kept().with_unlink_blocked();
        Self::from_valid_preset(PolicyBuilder {
            name: "standard".into(),
            version: 1,
            phases: vec![
                Phase::until_day(
                    PhaseName::Grace,
                    30,
                    kept.with_user_access()
                        .with_admin_access()
                        .with_reactivation(),
                ),
                Phase::until_day(PhaseName::Reactivatable, 60, kept.with_reactivation()),
                Phase::open_ended(PhaseName::Lapsed, Allowances::NONE),
            ],
            ..PolicyBuilder::defaults()
        })
    }

    /// Microsoft Partner Center's new-commerce lifecycle (POL-2):
    /// `expired` for 30 days (users keep access, no reactivation: the
    /// customer repurchases without interruption), `disabled` for 90 more
    /// days (admins only), then `deleted`. Data is kept until `deleted`;
    /// no phase blocks unlinking, since none allows reactivation.
    /// Cancelling within 7 days of a purchase or renewal refunds the unused
    /// days, prorated; a seat decrease is allowed only within 7 days of when
    /// those seats were added (POL-2). Other settings as [`Policy::standard`].
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{PhaseName, Policy};
    ///
    /// let policy = Policy::microsoft_new_commerce();
    /// let names: Vec<PhaseName> = policy.phases().iter().map(|p| p.name()).collect();
    /// assert_eq!(names, [PhaseName::Expired, PhaseName::Disabled, PhaseName::Deleted]);
    /// assert_eq!(policy.phases()[1].ends_on_day(), Some(120));
    /// assert_eq!(policy.reactivation_window_days(), None);
    /// assert_eq!(policy.refund_window_days(), Some(7));
    /// assert_eq!(policy.seat_decrease_window_days(), Some(7));
    /// ```
    #[must_use]
    pub fn microsoft_new_commerce() -> Policy {
        let kept = Allowances::NONE.with_data_kept();
        Self::from_valid_preset(PolicyBuilder {
            name: "microsoft_new_commerce".into(),
            version: 1,
            phases: vec![
                Phase::until_day(
                    PhaseName::Expired,
                    30,
                    kept.with_user_access().with_admin_access(),
                ),
                Phase::until_day(PhaseName::Disabled, 120, kept.with_admin_access()),
                Phase::open_ended(PhaseName::Deleted, Allowances::NONE),
            ],
            refund_window_days: Some(7),
            seat_decrease_window_days: Some(7),
            ..PolicyBuilder::defaults()
        })
    }

    fn from_valid_preset(builder: PolicyBuilder) -> Policy {
        match builder.build() {
            Ok(policy) => policy,
            // The presets are fixed data; `presets_are_valid` proves this arm dead.
            Err(err) => unreachable!("preset policy is invalid: {err}"),
        }
    }

    /// A builder holding this policy's settings, to change some of them.
    ///
    /// It keeps the name and version: a policy whose content changes must
    /// get a new [`name`](PolicyBuilder::name) or
    /// [`version`](PolicyBuilder::version), since the stamp in every event is
    /// how a replay finds the policy that decided it (POL-5).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::Policy;
    ///
    /// let longer = Policy::standard().to_builder().reactivation_window_days(90).build()?;
    /// assert_eq!(longer.reactivation_window_days(), Some(90));
    /// # Ok::<(), channel_licensing::PolicyError>(())
    /// ```
    #[must_use]
    pub fn to_builder(&self) -> PolicyBuilder {
        PolicyBuilder::from(self.clone())
    }

    /// The policy's name.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// assert_eq!(Policy::microsoft_new_commerce().name().as_str(), "microsoft_new_commerce");
    /// ```
    #[must_use]
    pub fn name(&self) -> &PolicyName {
        &self.name
    }

    /// The policy's version (POL-5).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// assert_eq!(Policy::standard().version(), 1);
    /// ```
    #[must_use]
    pub fn version(&self) -> u32 {
        self.version
    }

    /// Name and version, as recorded in every event (POL-5).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// assert_eq!(Policy::standard().stamp().version, 1);
    /// ```
    #[must_use]
    pub fn stamp(&self) -> PolicyStamp {
        PolicyStamp {
            name: self.name.clone(),
            version: self.version,
        }
    }

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
    /// use channel_licensing::{PhaseName, Policy};
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
    ///
    /// A date step and a comparison when the blocking phases come first
    /// (every preset); the phase lookup otherwise. Always inlined into
    /// REL-5's loop, which is too large for the compiler to inline it on its
    /// own (measured: the refused unlink 456 -> 438 instructions).
    #[expect(clippy::inline_always, reason = "measured, see above")]
    #[inline(always)]
    pub(crate) fn unlink_blocked_until(
        &self,
        expired_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, crate::Error> {
        let Some(days) = self.unlink_blocked_days else {
            return Ok(None);
        };
        let Some(closes) = checked_add_days(expired_at, days) else {
            // The window never closes; blocked only while its phase is.
            return if self.allows_at(expired_at, now).unlink_blocked {
                Err(crate::Error::TimeOutOfRange)
            } else {
                Ok(None)
            };
        };
        if now >= closes {
            // No phase after the last blocking one blocks.
            return Ok(None);
        }
        if self.unlink_blocking_leads || self.allows_at(expired_at, now).unlink_blocked {
            Ok(Some(closes))
        } else {
            Ok(None)
        }
    }

    /// The index of the phase at `now`: the first whose end has not come.
    /// An end beyond chrono's range never comes.
    fn phase_index(&self, expired_at: DateTime<Utc>, now: DateTime<Utc>) -> usize {
        let last = self.phases.len().saturating_sub(1);
        let since = Since::new(expired_at, now);
        (0..last)
            .find(|&index| {
                self.phase_ends
                    .get(index)
                    .is_none_or(|&day| since.before(day))
            })
            .unwrap_or(last)
    }

    /// The day after expiry on which the last phase with `which` ends, or
    /// `None` when no phase has it.
    fn end_of(&self, which: Allowance) -> Option<u32> {
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
        self.unlink_blocked_days
    }

    /// Reminder offsets before a term end, in days, largest first (POL-3).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// let policy = Policy::standard().to_builder().term_end_reminders([7, 30]).build()?;
    /// assert_eq!(policy.term_end_reminders(), &[30, 7]);
    /// # Ok::<(), channel_licensing::PolicyError>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn term_end_reminders(&self) -> &[u32] {
        &self.term_end_reminders
    }

    /// Reminder offsets before a trial end, in days, largest first (POL-3).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// assert_eq!(Policy::standard().trial_end_reminders(), &[3]);
    /// ```
    #[must_use]
    #[inline]
    pub fn trial_end_reminders(&self) -> &[u32] {
        &self.trial_end_reminders
    }

    /// The longest reminder offset, before a term or a trial end: no
    /// reminder is due earlier than this many days before its end.
    pub(crate) fn longest_reminder_days(&self) -> u32 {
        // Both lists are sorted largest first.
        let first = |days: &[u32]| days.first().copied().unwrap_or(0);
        first(&self.term_end_reminders).max(first(&self.trial_end_reminders))
    }

    /// The time zone of calendar boundaries such as "the first day of the
    /// next month".
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// assert_eq!(Policy::standard().calendar(), chrono_tz::UTC);
    /// ```
    #[must_use]
    pub fn calendar(&self) -> Tz {
        self.calendar
    }

    /// More active subscriptions than this moving at once must use the
    /// expire-and-repurchase strategy (XFER-3).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// assert_eq!(Policy::standard().transfer_threshold(), 150);
    /// ```
    #[must_use]
    pub fn transfer_threshold(&self) -> u32 {
        self.transfer_threshold
    }

    /// Days after a purchase or renewal during which a cancellation is
    /// refunded, prorated by day (POL-2); `None`: never (LIC-8).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// assert_eq!(Policy::standard().refund_window_days(), None);
    /// ```
    #[must_use]
    pub fn refund_window_days(&self) -> Option<u32> {
        self.refund_window_days
    }

    /// Days after seats were added during which they may be removed again
    /// (POL-2); `None`: seats may be decreased any time.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// assert_eq!(Policy::standard().seat_decrease_window_days(), None);
    /// ```
    #[must_use]
    pub fn seat_decrease_window_days(&self) -> Option<u32> {
        self.seat_decrease_window_days
    }

    /// The most characters (Unicode scalar values) a customer's trimmed
    /// display name may have (CUST-4): 255 in the presets.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// assert_eq!(Policy::standard().display_name_max_chars(), 255);
    /// ```
    #[must_use]
    pub fn display_name_max_chars(&self) -> u32 {
        self.display_name_max_chars
    }

    /// Days after a suspension at which the customer's cancellation takes
    /// effect (LIC-7).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// assert_eq!(Policy::standard().suspension_cancels_after_days(), 30);
    /// ```
    #[must_use]
    pub fn suspension_cancels_after_days(&self) -> u32 {
        self.suspension_cancels_after_days
    }
}

impl Default for Policy {
    /// [`Policy::standard`].
    fn default() -> Self {
        Policy::standard()
    }
}

/// The settings of a [`Policy`], unvalidated; [`PolicyBuilder::build`]
/// validates them. Also the policy's serialized form.
///
/// # Example
///
/// ```
/// use channel_licensing::{Policy, PolicyBuilder, PolicyError};
///
/// let err = Policy::standard().to_builder().expired_grace_days(0).build().unwrap_err();
/// assert!(matches!(err, PolicyError::EmptyPhase { .. }));
/// let err = PolicyBuilder::new("custom", 1).build().unwrap_err();
/// assert_eq!(err, PolicyError::NoPhases);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PolicyBuilder {
    name: String,
    version: u32,
    phases: Vec<Phase>,
    term_end_reminders: Vec<i64>,
    trial_end_reminders: Vec<i64>,
    calendar: Tz,
    transfer_threshold: u32,
    suspension_cancels_after_days: i64,
    #[serde(default = "default_display_name_max_chars")]
    display_name_max_chars: u32,
    #[serde(default)]
    refund_window_days: Option<i64>,
    #[serde(default)]
    seat_decrease_window_days: Option<i64>,
    /// `expired_grace_days` and `reactivation_window_days`, applied to the
    /// phases in `build`, so that the order of the builder calls does not
    /// matter. Serialized under those names when set (a built policy's
    /// phases already include them, so a policy never carries them).
    #[serde(
        default,
        rename = "expired_grace_days",
        skip_serializing_if = "Option::is_none"
    )]
    grace_override: Option<i64>,
    #[serde(
        default,
        rename = "reactivation_window_days",
        skip_serializing_if = "Option::is_none"
    )]
    reactivation_override: Option<i64>,
}

impl PolicyBuilder {
    fn defaults() -> Self {
        PolicyBuilder {
            name: String::new(),
            version: 1,
            phases: Vec::new(),
            term_end_reminders: vec![30],
            trial_end_reminders: vec![3],
            calendar: chrono_tz::UTC,
            transfer_threshold: 150,
            suspension_cancels_after_days: 30,
            display_name_max_chars: default_display_name_max_chars(),
            refund_window_days: None,
            seat_decrease_window_days: None,
            grace_override: None,
            reactivation_override: None,
        }
    }

    /// A builder with no phases and the standard reminders, calendar,
    /// transfer threshold and suspension length. Add phases with
    /// [`PolicyBuilder::phases`].
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Allowances, Phase, PhaseName, PolicyBuilder};
    ///
    /// let policy = PolicyBuilder::new("strict", 1)
    ///     .phases([
    ///         Phase::until_day(PhaseName::Grace, 10, Allowances::NONE.with_reactivation()),
    ///         Phase::open_ended(PhaseName::Lapsed, Allowances::NONE),
    ///     ])
    ///     .build()?;
    /// assert_eq!(policy.reactivation_window_days(), Some(10));
    /// # Ok::<(), channel_licensing::PolicyError>(())
    /// ```
    #[must_use]
    pub fn new(name: impl Into<String>, version: u32) -> Self {
        PolicyBuilder {
            name: name.into(),
            version,
            ..Self::defaults()
        }
    }

    /// Sets the name.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// let p = Policy::standard().to_builder().name("mine").build()?;
    /// assert_eq!(p.name().as_str(), "mine");
    /// # Ok::<(), channel_licensing::PolicyError>(())
    /// ```
    #[must_use]
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// Sets the version.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// let p = Policy::standard().to_builder().version(7).build()?;
    /// assert_eq!(p.version(), 7);
    /// # Ok::<(), channel_licensing::PolicyError>(())
    /// ```
    #[must_use]
    pub fn version(mut self, version: u32) -> Self {
        self.version = version;
        self
    }

    /// Replaces the post-expiry phases.
    ///
    /// Phases given here are kept as given: one that is zero-length (ends on
    /// the day the previous one ends) is rejected by
    /// [`build`](PolicyBuilder::build) with [`PolicyError::EmptyPhase`]. Only
    /// a phase emptied by [`expired_grace_days`](PolicyBuilder::expired_grace_days)
    /// or [`reactivation_window_days`](PolicyBuilder::reactivation_window_days)
    /// is dropped (LIC-6).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Allowances, Phase, PhaseName, Policy, PolicyError};
    ///
    /// let err = Policy::standard()
    ///     .to_builder()
    ///     .phases([Phase::until_day(PhaseName::Grace, 30, Allowances::NONE)])
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err, PolicyError::LastPhaseEnds { phase: PhaseName::Grace });
    ///
    /// let reactivation = Allowances::NONE.with_reactivation();
    /// let err = Policy::standard()
    ///     .to_builder()
    ///     .phases([
    ///         Phase::until_day(PhaseName::Grace, 30, reactivation.with_user_access()),
    ///         Phase::until_day(PhaseName::Reactivatable, 30, reactivation),
    ///         Phase::open_ended(PhaseName::Lapsed, Allowances::NONE),
    ///     ])
    ///     .build()
    ///     .unwrap_err();
    /// assert!(matches!(err, PolicyError::EmptyPhase { phase: PhaseName::Reactivatable, .. }));
    /// ```
    #[must_use]
    pub fn phases(mut self, phases: impl IntoIterator<Item = Phase>) -> Self {
        self.phases = phases.into_iter().collect();
        self
    }

    /// Sets the end day of the last phase in which users keep access (the
    /// expired grace, LIC-3).
    ///
    /// A grace longer than the reactivation window is rejected by
    /// [`build`](PolicyBuilder::build). A grace equal to it is valid (LIC-6):
    /// the reactivation phase after the grace (`reactivatable` in
    /// [`Policy::standard`]) is then empty and is dropped, so an expired
    /// licence goes from the grace straight to the next phase (`lapsed`).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{PhaseName, Policy};
    ///
    /// let p = Policy::standard().to_builder().expired_grace_days(45).build()?;
    /// assert_eq!(p.expired_grace_days(), 45);
    ///
    /// // A grace as long as the reactivation window: `reactivatable` is dropped.
    /// let standard = Policy::standard();
    /// let window = standard.reactivation_window_days().unwrap_or_default();
    /// let p = standard.to_builder().expired_grace_days(window.into()).build()?;
    /// let names: Vec<PhaseName> = p.phases().iter().map(|p| p.name()).collect();
    /// assert_eq!(names, [PhaseName::Grace, PhaseName::Lapsed]);
    /// assert_eq!(p.expired_grace_days(), window);
    /// assert_eq!(p.reactivation_window_days(), Some(window));
    /// # Ok::<(), channel_licensing::PolicyError>(())
    /// ```
    #[must_use]
    pub fn expired_grace_days(mut self, days: i64) -> Self {
        self.grace_override = Some(days);
        self
    }

    /// Sets the end day of the last phase that allows reactivation (the
    /// reactivation window, LIC-4).
    ///
    /// A window shorter than the expired grace is rejected by
    /// [`build`](PolicyBuilder::build). A window equal to it is valid
    /// (LIC-6): the reactivation phase after the grace is then empty and is
    /// dropped, as with [`expired_grace_days`](PolicyBuilder::expired_grace_days).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{PhaseName, Policy, PolicyError};
    ///
    /// let err = Policy::standard().to_builder().reactivation_window_days(20).build().unwrap_err();
    /// assert_eq!(err, PolicyError::GraceLongerThanReactivation { grace_days: 30, reactivation_days: 20 });
    ///
    /// // A window as long as the grace: `reactivatable` is dropped.
    /// let standard = Policy::standard();
    /// let grace = standard.expired_grace_days();
    /// let p = standard.to_builder().reactivation_window_days(grace.into()).build()?;
    /// let names: Vec<PhaseName> = p.phases().iter().map(|p| p.name()).collect();
    /// assert_eq!(names, [PhaseName::Grace, PhaseName::Lapsed]);
    /// assert_eq!(p.reactivation_window_days(), Some(grace));
    /// # Ok::<(), PolicyError>(())
    /// ```
    #[must_use]
    pub fn reactivation_window_days(mut self, days: i64) -> Self {
        self.reactivation_override = Some(days);
        self
    }

    /// Sets the end day of the last ending phase that has `which`.
    fn set_end_of(phases: &mut [Phase], which: Allowance, days: i64) -> Result<(), PolicyError> {
        let last = phases.len().saturating_sub(1);
        let phase = phases
            .iter_mut()
            .enumerate()
            .rev()
            .find(|(index, phase)| *index != last && phase.allows.get(which))
            .map(|(_, phase)| phase)
            .ok_or(PolicyError::NoSuchPhase { allowance: which })?;
        phase.until_day = Some(days);
        Ok(())
    }

    /// Sets the reminder offsets before a term end, in days (POL-3).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// let p = Policy::standard().to_builder().term_end_reminders([30, 7, 1]).build()?;
    /// assert_eq!(p.term_end_reminders(), &[30, 7, 1]);
    /// # Ok::<(), channel_licensing::PolicyError>(())
    /// ```
    #[must_use]
    pub fn term_end_reminders(mut self, days: impl IntoIterator<Item = i64>) -> Self {
        self.term_end_reminders = days.into_iter().collect();
        self
    }

    /// Sets the reminder offsets before a trial end, in days (POL-3).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// let p = Policy::standard().to_builder().trial_end_reminders([]).build()?;
    /// assert!(p.trial_end_reminders().is_empty());
    /// # Ok::<(), channel_licensing::PolicyError>(())
    /// ```
    #[must_use]
    pub fn trial_end_reminders(mut self, days: impl IntoIterator<Item = i64>) -> Self {
        self.trial_end_reminders = days.into_iter().collect();
        self
    }

    /// Sets the calendar time zone.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// let p = Policy::standard().to_builder().calendar(chrono_tz::Asia::Tokyo).build()?;
    /// assert_eq!(p.calendar(), chrono_tz::Asia::Tokyo);
    /// # Ok::<(), channel_licensing::PolicyError>(())
    /// ```
    #[must_use]
    pub fn calendar(mut self, zone: Tz) -> Self {
        self.calendar = zone;
        self
    }

    /// Sets the transfer threshold (XFER-3).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// let p = Policy::standard().to_builder().transfer_threshold(100).build()?;
    /// assert_eq!(p.transfer_threshold(), 100);
    /// # Ok::<(), channel_licensing::PolicyError>(())
    /// ```
    #[must_use]
    pub fn transfer_threshold(mut self, subscriptions: u32) -> Self {
        self.transfer_threshold = subscriptions;
        self
    }

    /// Sets the refund window after a purchase or renewal (POL-2); `None`
    /// for no refund (LIC-8).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// let p = Policy::standard().to_builder().refund_window_days(Some(14)).build()?;
    /// assert_eq!(p.refund_window_days(), Some(14));
    /// # Ok::<(), channel_licensing::PolicyError>(())
    /// ```
    #[must_use]
    pub fn refund_window_days(mut self, days: Option<i64>) -> Self {
        self.refund_window_days = days;
        self
    }

    /// Sets the window after seats were added in which they may be removed
    /// (POL-2); `None` for decreases any time.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// let p = Policy::standard().to_builder().seat_decrease_window_days(Some(7)).build()?;
    /// assert_eq!(p.seat_decrease_window_days(), Some(7));
    /// # Ok::<(), channel_licensing::PolicyError>(())
    /// ```
    #[must_use]
    pub fn seat_decrease_window_days(mut self, days: Option<i64>) -> Self {
        self.seat_decrease_window_days = days;
        self
    }

    /// Sets the most characters a customer's display name may have (CUST-4).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// let p = Policy::standard().to_builder().display_name_max_chars(80).build()?;
    /// assert_eq!(p.display_name_max_chars(), 80);
    /// # Ok::<(), channel_licensing::PolicyError>(())
    /// ```
    #[must_use]
    pub fn display_name_max_chars(mut self, chars: u32) -> Self {
        self.display_name_max_chars = chars;
        self
    }

    /// Sets the days from a suspension to the cancellation it starts (LIC-7).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// let p = Policy::standard().to_builder().suspension_cancels_after_days(90).build()?;
    /// assert_eq!(p.suspension_cancels_after_days(), 90);
    /// # Ok::<(), channel_licensing::PolicyError>(())
    /// ```
    #[must_use]
    pub fn suspension_cancels_after_days(mut self, days: i64) -> Self {
        self.suspension_cancels_after_days = days;
        self
    }

    /// Validates the settings (LIC-6).
    ///
    /// # Errors
    ///
    /// A [`PolicyError`] naming the first problem found: a blank name, no
    /// phases, a zero-length or negative phase, a grace longer than the
    /// reactivation window, an allowance given back after it was taken, an
    /// endless last phase that allows reactivation or blocks unlinking, a
    /// zero, negative or duplicate reminder, a zero transfer threshold or
    /// suspension length.
    ///
    /// A grace equal to the reactivation window is valid (LIC-6): a
    /// reactivation phase that [`expired_grace_days`](PolicyBuilder::expired_grace_days)
    /// or [`reactivation_window_days`](PolicyBuilder::reactivation_window_days)
    /// left ending where the grace ends is dropped, not rejected.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Policy, PolicyError};
    ///
    /// let err = Policy::standard().to_builder().term_end_reminders([0]).build().unwrap_err();
    /// assert!(matches!(err, PolicyError::DaysOutOfRange { days: 0, .. }));
    /// ```
    pub fn build(mut self) -> Result<Policy, PolicyError> {
        if self.grace_override.is_some() || self.reactivation_override.is_some() {
            let given = self.phases.clone();
            if let Some(days) = self.grace_override {
                Self::set_end_of(&mut self.phases, Allowance::UserAccess, days)?;
            }
            if let Some(days) = self.reactivation_override {
                Self::set_end_of(&mut self.phases, Allowance::Reactivation, days)?;
            }
            drop_phases_emptied_by_overrides(&mut self.phases, &given);
        }
        let name = self.name.trim();
        if name.is_empty() {
            return Err(PolicyError::BlankName);
        }
        let phase_ends = validate_phases(&self.phases)?;
        let term_end_reminders = validate_reminders("term end", &self.term_end_reminders)?;
        let trial_end_reminders = validate_reminders("trial end", &self.trial_end_reminders)?;
        if self.transfer_threshold == 0 {
            return Err(PolicyError::ZeroTransferThreshold);
        }
        let suspension_cancels_after_days = days_in_range(
            "the suspension's cancellation",
            self.suspension_cancels_after_days,
        )?;
        if self.display_name_max_chars == 0 {
            return Err(PolicyError::ZeroDisplayNameLength);
        }
        let refund_window_days = self
            .refund_window_days
            .map(|days| days_in_range("the refund window", days))
            .transpose()?;
        let seat_decrease_window_days = self
            .seat_decrease_window_days
            .map(|days| days_in_range("the seat-decrease window", days))
            .transpose()?;
        let blocking = self.phases.iter().filter(|p| p.allows.unlink_blocked);
        let leading = self.phases.iter().take_while(|p| p.allows.unlink_blocked);
        let unlink_blocking_leads = blocking.count() == leading.count();
        let unlink_blocked_days = end_of(&self.phases, &phase_ends, Allowance::UnlinkBlocked);
        Ok(Policy {
            unlink_blocked_days,
            unlink_blocking_leads,
            refund_window_days,
            seat_decrease_window_days,
            display_name_max_chars: self.display_name_max_chars,
            name: PolicyName::from(name),
            version: self.version,
            phases: self.phases,
            phase_ends,
            term_end_reminders,
            trial_end_reminders,
            calendar: self.calendar,
            transfer_threshold: self.transfer_threshold,
            suspension_cancels_after_days,
        })
    }
}

fn default_display_name_max_chars() -> u32 {
    255
}

fn days_in_range(what: &'static str, days: i64) -> Result<u32, PolicyError> {
    u32::try_from(days)
        .ok()
        .filter(|&d| d > 0)
        .ok_or(PolicyError::DaysOutOfRange { what, days })
}

/// The day after expiry on which the last phase with `which` ends, or
/// `None` when no phase has it (`phase_ends` has one entry fewer than
/// `phases`: the last phase never ends).
fn end_of(phases: &[Phase], phase_ends: &[u32], which: Allowance) -> Option<u32> {
    phases
        .iter()
        .zip(phase_ends)
        .rev()
        .find(|(phase, _)| phase.allows.get(which))
        .map(|(_, &day)| day)
}

/// LIC-6's Decision: a grace equal to the reactivation window is valid.
/// Drops each phase after the grace (the last ending phase that gives users
/// access) that allows reactivation and that the overrides left ending on
/// the grace's end day, where in `given` (the phases before the overrides)
/// it ended on another day: such a phase is empty because of the overrides.
/// A phase that was already empty in `given` is kept, so `validate_phases`
/// still rejects it.
fn drop_phases_emptied_by_overrides(phases: &mut Vec<Phase>, given: &[Phase]) {
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

fn validate_phases(phases: &[Phase]) -> Result<Vec<u32>, PolicyError> {
    let Some((final_phase, ending)) = phases.split_last() else {
        return Err(PolicyError::NoPhases);
    };
    if final_phase.until_day.is_some() {
        return Err(PolicyError::LastPhaseEnds {
            phase: final_phase.name,
        });
    }
    // LIC-6 first, so that the error names the two windows the caller set.
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

fn validate_reminders(target: &'static str, days: &[i64]) -> Result<Vec<u32>, PolicyError> {
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

impl TryFrom<PolicyBuilder> for Policy {
    type Error = PolicyError;

    fn try_from(builder: PolicyBuilder) -> Result<Self, Self::Error> {
        builder.build()
    }
}

impl From<Policy> for PolicyBuilder {
    fn from(policy: Policy) -> Self {
        PolicyBuilder {
            name: policy.name.as_str().to_owned(),
            version: policy.version,
            phases: policy.phases,
            term_end_reminders: policy
                .term_end_reminders
                .iter()
                .map(|&d| d.into())
                .collect(),
            trial_end_reminders: policy
                .trial_end_reminders
                .iter()
                .map(|&d| d.into())
                .collect(),
            calendar: policy.calendar,
            transfer_threshold: policy.transfer_threshold,
            suspension_cancels_after_days: policy.suspension_cancels_after_days.into(),
            display_name_max_chars: policy.display_name_max_chars,
            refund_window_days: policy.refund_window_days.map(i64::from),
            seat_decrease_window_days: policy.seat_decrease_window_days.map(i64::from),
            grace_override: None,
            reactivation_override: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_valid() {
        // `from_valid_preset` relies on this: the presets rebuild without error.
        assert!(Policy::standard().to_builder().build().is_ok());
        assert!(
            Policy::microsoft_new_commerce()
                .to_builder()
                .build()
                .is_ok()
        );
    }
}
