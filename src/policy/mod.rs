//! Policies: the numbers and phases the rules run on (POL-1, POL-2, POL-3,
//! POL-5, LIC-6).

mod builder;
mod gdap;
mod phase;
mod presets;
mod stamp;
mod validation;

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

pub use builder::PolicyBuilder;
pub use gdap::GdapPolicy;
pub use phase::{Allowance, Allowances, Phase, PhaseAt, PhaseName};
pub use stamp::{Fingerprint, PolicyName, PolicyStamp};
pub use validation::PolicyError;

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
/// # Ok::<(), channel_licensing::policy::PolicyError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "PolicyBuilder", into = "PolicyBuilder")]
pub struct Policy {
    name: PolicyName,
    version: u32,
    phases: Vec<Phase>,
    /// Validated `until_day`s of all phases but the last, as `u32`.
    phase_ends: Vec<u32>,
    term_end_reminders: Vec<u32>,
    trial_end_reminders: Vec<u32>,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    calendar: Tz,
    transfer_threshold: u32,
    suspension_cancels_after_days: u32,
    display_name_max_chars: u32,
    refund_window_days: Option<u32>,
    seat_decrease_window_days: Option<u32>,
    gdap: GdapPolicy,
    transfer_request_days: u32,
    /// Of everything above but the name and version (POL-5).
    fingerprint: Fingerprint,
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
    /// use channel_licensing::Policy;
    /// use channel_licensing::policy::PolicyError;
    ///
    /// let too_many = (1..=Policy::MAX_REMINDERS as i64 + 1).collect::<Vec<_>>();
    /// let err = Policy::standard().to_builder().name("custom").term_end_reminders(too_many).build().unwrap_err();
    /// assert!(matches!(err, PolicyError::TooManyReminders { .. }));
    /// ```
    pub const MAX_REMINDERS: usize = 8;

    /// The longest span a policy may set, in days: ten years. Every day
    /// count of a policy (phases, reminders, the suspension's cancellation,
    /// the refund and seat-decrease windows) is between 1 and this, so that
    /// no decision fails because of a policy value.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::Policy;
    /// use channel_licensing::policy::PolicyError;
    ///
    /// let err = Policy::standard().to_builder().name("custom").suspension_cancels_after_days(4_294_967_295).build().unwrap_err();
    /// assert!(matches!(err, PolicyError::DaysOutOfRange { days: 4_294_967_295, .. }));
    /// assert!(Policy::standard().to_builder().name("custom").suspension_cancels_after_days(3650).build().is_ok());
    /// ```
    pub const MAX_DAYS: u32 = 3650;

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
    /// let longer = Policy::standard().to_builder().name("custom").reactivation_window_days(90).build()?;
    /// assert_eq!(longer.reactivation_window_days(), Some(90));
    /// # Ok::<(), channel_licensing::policy::PolicyError>(())
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

    /// Name, version and fingerprint, as recorded in every event (POL-5).
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
            name: self.name,
            version: self.version,
            fingerprint: Some(self.fingerprint),
        }
    }

    /// The fingerprint of the policy's content (POL-5): see
    /// [`Fingerprint`].
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// assert_eq!(Policy::standard().fingerprint().to_string(), Policy::standard().stamp().fingerprint.unwrap().to_string());
    /// ```
    #[must_use]
    pub fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }

    /// Reminder offsets before a term end, in days, largest first (POL-3).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// let policy = Policy::standard().to_builder().name("custom").term_end_reminders([7, 30]).build()?;
    /// assert_eq!(policy.term_end_reminders(), &[30, 7]);
    /// # Ok::<(), channel_licensing::policy::PolicyError>(())
    /// ```
    #[must_use]
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
    pub fn trial_end_reminders(&self) -> &[u32] {
        &self.trial_end_reminders
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

    /// The numbers of GDAP relationships (GDAP-1, GDAP-2, GDAP-4, GDAP-5).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// assert_eq!(Policy::standard().gdap().max_days, 730);
    /// ```
    #[must_use]
    pub fn gdap(&self) -> &GdapPolicy {
        &self.gdap
    }

    /// Days a transfer request waits for the source partner's answer
    /// before it expires (XFER-8; Microsoft new commerce: 30).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::Policy;
    /// assert_eq!(Policy::standard().transfer_request_days(), 30);
    /// ```
    #[must_use]
    pub fn transfer_request_days(&self) -> u32 {
        self.transfer_request_days
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_valid() {
        // `from_valid_preset` relies on this: the presets rebuild without error.
        assert!(
            Policy::standard()
                .to_builder()
                .name("custom")
                .build()
                .is_ok()
        );
        assert!(
            Policy::microsoft_new_commerce()
                .to_builder()
                .name("custom")
                .build()
                .is_ok()
        );
    }
}
