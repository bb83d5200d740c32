//! The presets, each with its source: `standard` (the seeds: LIC-3, LIC-4,
//! LIC-5, POL-1, POL-3) and `microsoft_new_commerce` (POL-2).

use super::Policy;
use super::builder::PolicyBuilder;
use super::phase::{Allowances, Phase, PhaseName};

impl Policy {
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
    /// use channel_licensing::Policy;
    /// use channel_licensing::policy::PhaseName;
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
    /// use channel_licensing::Policy;
    /// use channel_licensing::policy::PhaseName;
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

    pub(super) fn from_valid_preset(builder: PolicyBuilder) -> Policy {
        match builder.build() {
            Ok(policy) => policy,
            // The presets are fixed data; `presets_are_valid` proves this arm dead.
            Err(err) => unreachable!("preset policy is invalid: {err}"),
        }
    }
}

impl Default for Policy {
    /// [`Policy::standard`].
    fn default() -> Self {
        Policy::standard()
    }
}
