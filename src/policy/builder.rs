//! Building a policy (POL-5: a name and a version), validated when built
//! (LIC-6; the checks are in `validation.rs`).

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::Policy;
use super::gdap::GdapPolicy;
use super::phase::{Allowance, Phase};
use super::stamp::Fingerprint;
use super::stamp::PolicyName;
use super::validation::PolicyError;
use super::validation::{check_preset, validate_gdap};
use super::validation::{
    days_in_range, drop_phases_emptied_by_overrides, validate_phases, validate_reminders,
};
use crate::name::DisplayName;

/// The settings of a [`Policy`], unvalidated; [`PolicyBuilder::build`]
/// validates them. Also the policy's serialized form.
///
/// # Example
///
/// ```
/// use channel_licensing::Policy;
/// use channel_licensing::policy::{PolicyBuilder, PolicyError};
///
/// let err = Policy::standard().to_builder().name("custom").expired_grace_days(0).build().unwrap_err();
/// assert!(matches!(err, PolicyError::EmptyPhase { .. }));
/// let err = PolicyBuilder::new("custom", 1).build().unwrap_err();
/// assert_eq!(err, PolicyError::NoPhases);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PolicyBuilder {
    pub(super) name: String,
    pub(super) version: u32,
    pub(super) phases: Vec<Phase>,
    pub(super) term_end_reminders: Vec<i64>,
    pub(super) trial_end_reminders: Vec<i64>,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub(super) calendar: Tz,
    pub(super) transfer_threshold: u32,
    pub(super) suspension_cancels_after_days: i64,
    #[serde(default = "default_display_name_max_chars")]
    pub(super) display_name_max_chars: u32,
    #[serde(default)]
    pub(super) refund_window_days: Option<i64>,
    #[serde(default)]
    pub(super) seat_decrease_window_days: Option<i64>,
    #[serde(default, skip_serializing_if = "GdapPolicy::is_default")]
    pub(super) gdap: GdapPolicy,
    /// Left out of the JSON at its default, so fingerprints stay.
    #[serde(
        default = "default_transfer_request_days",
        skip_serializing_if = "is_default_transfer_request_days"
    )]
    pub(super) transfer_request_days: i64,
    /// `expired_grace_days` and `reactivation_window_days`, applied to the
    /// phases in `build`, so that the order of the builder calls does not
    /// matter. Serialized under those names when set (a built policy's
    /// phases already include them, so a policy never carries them).
    #[serde(
        default,
        rename = "expired_grace_days",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) grace_override: Option<i64>,
    #[serde(
        default,
        rename = "reactivation_window_days",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) reactivation_override: Option<i64>,
}

impl PolicyBuilder {
    pub(super) fn defaults() -> Self {
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
            gdap: GdapPolicy::default(),
            transfer_request_days: default_transfer_request_days(),
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
    /// use channel_licensing::policy::{Allowances, Phase, PhaseName, PolicyBuilder};
    ///
    /// let policy = PolicyBuilder::new("strict", 1)
    ///     .phases([
    ///         Phase::until_day(PhaseName::Grace, 10, Allowances::NONE.with_reactivation()),
    ///         Phase::open_ended(PhaseName::Lapsed, Allowances::NONE),
    ///     ])
    ///     .build()?;
    /// assert_eq!(policy.reactivation_window_days(), Some(10));
    /// # Ok::<(), channel_licensing::policy::PolicyError>(())
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
    /// # Ok::<(), channel_licensing::policy::PolicyError>(())
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
    /// let p = Policy::standard().to_builder().name("custom").version(7).build()?;
    /// assert_eq!(p.version(), 7);
    /// # Ok::<(), channel_licensing::policy::PolicyError>(())
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
    /// use channel_licensing::Policy;
    /// use channel_licensing::policy::{Allowances, Phase, PhaseName, PolicyError};
    ///
    /// let err = Policy::standard()
    ///     .to_builder()
    ///     .phases([Phase::until_day(PhaseName::Grace, 30, Allowances::NONE)])
    ///     .build()
    ///     .unwrap_err();
    /// assert!(matches!(err, PolicyError::LastPhaseEnds { phase: PhaseName::Grace, .. }));
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
    /// use channel_licensing::Policy;
    /// use channel_licensing::policy::PhaseName;
    ///
    /// let p = Policy::standard().to_builder().name("custom").expired_grace_days(45).build()?;
    /// assert_eq!(p.expired_grace_days(), 45);
    ///
    /// // A grace as long as the reactivation window: `reactivatable` is dropped.
    /// let standard = Policy::standard();
    /// let window = standard.reactivation_window_days().unwrap_or_default();
    /// let p = standard.to_builder().name("equal").expired_grace_days(window.into()).build()?;
    /// let names: Vec<PhaseName> = p.phases().iter().map(|p| p.name()).collect();
    /// assert_eq!(names, [PhaseName::Grace, PhaseName::Lapsed]);
    /// assert_eq!(p.expired_grace_days(), window);
    /// assert_eq!(p.reactivation_window_days(), Some(window));
    /// # Ok::<(), channel_licensing::policy::PolicyError>(())
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
    /// use channel_licensing::Policy;
    /// use channel_licensing::policy::{PhaseName, PolicyError};
    ///
    /// let err = Policy::standard().to_builder().name("custom").reactivation_window_days(20).build().unwrap_err();
    /// assert!(matches!(err, PolicyError::GraceLongerThanReactivation { grace_days: 30, reactivation_days: 20, .. }));
    ///
    /// // A window as long as the grace: `reactivatable` is dropped.
    /// let standard = Policy::standard();
    /// let grace = standard.expired_grace_days();
    /// let p = standard.to_builder().name("equal").reactivation_window_days(grace.into()).build()?;
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
    pub(super) fn set_end_of(
        phases: &mut [Phase],
        which: Allowance,
        days: i64,
    ) -> Result<(), PolicyError> {
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
    /// let p = Policy::standard().to_builder().name("custom").term_end_reminders([30, 7, 1]).build()?;
    /// assert_eq!(p.term_end_reminders(), &[30, 7, 1]);
    /// # Ok::<(), channel_licensing::policy::PolicyError>(())
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
    /// let p = Policy::standard().to_builder().name("custom").trial_end_reminders([]).build()?;
    /// assert!(p.trial_end_reminders().is_empty());
    /// # Ok::<(), channel_licensing::policy::PolicyError>(())
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
    /// let p = Policy::standard().to_builder().name("custom").calendar(chrono_tz::Asia::Tokyo).build()?;
    /// assert_eq!(p.calendar(), chrono_tz::Asia::Tokyo);
    /// # Ok::<(), channel_licensing::policy::PolicyError>(())
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
    /// let p = Policy::standard().to_builder().name("custom").transfer_threshold(100).build()?;
    /// assert_eq!(p.transfer_threshold(), 100);
    /// # Ok::<(), channel_licensing::policy::PolicyError>(())
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
    /// let p = Policy::standard().to_builder().name("custom").refund_window_days(Some(14)).build()?;
    /// assert_eq!(p.refund_window_days(), Some(14));
    /// # Ok::<(), channel_licensing::policy::PolicyError>(())
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
    /// let p = Policy::standard().to_builder().name("custom").seat_decrease_window_days(Some(7)).build()?;
    /// assert_eq!(p.seat_decrease_window_days(), Some(7));
    /// # Ok::<(), channel_licensing::policy::PolicyError>(())
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
    /// let p = Policy::standard().to_builder().name("custom").display_name_max_chars(80).build()?;
    /// assert_eq!(p.display_name_max_chars(), 80);
    /// # Ok::<(), channel_licensing::policy::PolicyError>(())
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
    /// let p = Policy::standard().to_builder().name("custom").suspension_cancels_after_days(90).build()?;
    /// assert_eq!(p.suspension_cancels_after_days(), 90);
    /// # Ok::<(), channel_licensing::policy::PolicyError>(())
    /// ```
    #[must_use]
    pub fn suspension_cancels_after_days(mut self, days: i64) -> Self {
        self.suspension_cancels_after_days = days;
        self
    }

    /// Sets the numbers of GDAP relationships (GDAP-1, GDAP-2, GDAP-4,
    /// GDAP-5): each from 1 to [`Policy::MAX_DAYS`], the notices distinct and
    /// at most [`Policy::MAX_REMINDERS`].
    ///
    /// # Example
    ///
    /// See [`GdapPolicy`].
    #[must_use]
    pub fn gdap(mut self, gdap: GdapPolicy) -> Self {
        self.gdap = gdap;
        self
    }

    /// Sets the days a transfer request waits for an answer (XFER-8).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// let p = Policy::standard().to_builder().name("slow").transfer_request_days(45).build()?;
    /// assert_eq!(p.transfer_request_days(), 45);
    /// # Ok::<(), channel_licensing::policy::PolicyError>(())
    /// ```
    #[must_use]
    pub fn transfer_request_days(mut self, days: i64) -> Self {
        self.transfer_request_days = days;
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
    /// use channel_licensing::Policy;
    /// use channel_licensing::policy::PolicyError;
    ///
    /// let err = Policy::standard().to_builder().name("custom").term_end_reminders([0]).build().unwrap_err();
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
        let name = PolicyName::new(&self.name)?;
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
        if self.display_name_max_chars > DisplayName::MAX_CHARS {
            return Err(PolicyError::DisplayNameTooLong {
                chars: self.display_name_max_chars,
            });
        }
        let refund_window_days = self
            .refund_window_days
            .map(|days| days_in_range("the refund window", days))
            .transpose()?;
        let seat_decrease_window_days = self
            .seat_decrease_window_days
            .map(|days| days_in_range("the seat-decrease window", days))
            .transpose()?;
        let gdap = validate_gdap(self.gdap)?;
        let transfer_request_days =
            days_in_range("a transfer request's window", self.transfer_request_days)?;
        let mut policy = Policy {
            gdap,
            transfer_request_days,
            refund_window_days,
            seat_decrease_window_days,
            display_name_max_chars: self.display_name_max_chars,
            name,
            version: self.version,
            phases: self.phases,
            phase_ends,
            term_end_reminders,
            trial_end_reminders,
            calendar: self.calendar,
            transfer_threshold: self.transfer_threshold,
            suspension_cancels_after_days,
            fingerprint: Fingerprint::of(&PolicyBuilder::defaults()),
        };
        policy.fingerprint = Fingerprint::of(&PolicyBuilder::from(policy.clone()));
        check_preset(policy.name, policy.version, policy.fingerprint)?;
        Ok(policy)
    }
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
            gdap: policy.gdap,
            transfer_request_days: policy.transfer_request_days.into(),
            grace_override: None,
            reactivation_override: None,
        }
    }
}

pub(super) fn default_display_name_max_chars() -> u32 {
    255
}

fn default_transfer_request_days() -> i64 {
    30
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's `skip_serializing_if` passes `&T`"
)]
fn is_default_transfer_request_days(days: &i64) -> bool {
    *days == default_transfer_request_days()
}
