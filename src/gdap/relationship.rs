//! A GDAP relationship as stored (GDAP-1 … GDAP-7): its partner, admin
//! roles, duration, auto-extend and state, the checks it passes when read,
//! and how a change applies to it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::command::GdapChange;
use crate::error::Error;
use crate::ids::{GdapId, PartnerId};
use crate::instant;
use crate::policy::Policy;
use crate::rule::Rule;
use crate::vocabulary::{AdminRole, GdapStatus};
use crate::wire::flat::flattened;
use crate::wire::tag::internally_tagged;

/// A GDAP relationship's state, with its instants.
///
/// # Example
///
/// ```
/// use channel_licensing::gdap::GdapState;
///
/// let state: GdapState = serde_json::from_str(r#"{"state": "expired", "at": "2026-07-01T00:00:00Z"}"#)?;
/// assert!(matches!(state, GdapState::Expired { .. }));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(tag = "state", deny_unknown_fields))]
pub enum GdapState {
    /// Requested, waiting for the customer's approval (GDAP-1, GDAP-2).
    ApprovalPending {
        /// When it was requested: the approval deadline runs from here.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        requested_at: DateTime<Utc>,
    },
    /// Approved and running until `ends` (GDAP-2, GDAP-4).
    Active {
        /// When the customer approved it.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        activated_at: DateTime<Utc>,
        /// When it ends (or extends, with auto-extend on).
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        ends: DateTime<Utc>,
        /// Notices due at or before this instant are sent or were not to be
        /// sent (GDAP-5); absent: none but those due at or before
        /// `activated_at`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[serde(with = "instant::option")]
        #[cfg_attr(feature = "schema", schemars(with = "Option<DateTime<Utc>>"))]
        noticed_until: Option<DateTime<Utc>>,
    },
    /// Ended at its end, or at its approval deadline (GDAP-2, GDAP-5).
    Expired {
        /// When.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
    /// Rejected by the customer (GDAP-2).
    Rejected {
        /// When.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
    /// Terminated, or withdrawn before approval (GDAP-6).
    Terminated {
        /// When.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
}

impl GdapState {
    /// The state without its data.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::gdap::{GdapState, GdapStatus};
    ///
    /// let state = GdapState::Rejected { at: "2026-03-01T00:00:00Z".parse()? };
    /// assert_eq!(state.status(), GdapStatus::Rejected);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn status(&self) -> GdapStatus {
        match self {
            GdapState::ApprovalPending { .. } => GdapStatus::ApprovalPending,
            GdapState::Active { .. } => GdapStatus::Active,
            GdapState::Expired { .. } => GdapStatus::Expired,
            GdapState::Rejected { .. } => GdapStatus::Rejected,
            GdapState::Terminated { .. } => GdapStatus::Terminated,
        }
    }
}

/// A GDAP relationship: a partner's time-limited admin roles in the
/// customer's tenant, held by the customer's [`Account`](crate::Account).
/// It is independent of the reseller relationship: neither ends the other.
///
/// # Read from JSON
///
/// A relationship loads only when a decision could have left it: at least
/// one role, none twice (GDAP-1); a duration from 1 to
/// [`Policy::MAX_DAYS`] (the policy's own maximum is checked when one is
/// requested); no auto-extend with the `global_administrator` role
/// (GDAP-4); an active one ending after it was activated, with notices
/// marked sent only up to its end (GDAP-3, GDAP-5).
///
/// # Example
///
/// ```
/// use channel_licensing::gdap::{AdminRole, GdapRelationship, GdapState};
///
/// let json = r#"{"id": "g1", "partner": "acme", "roles": ["helpdesk_administrator"],
///     "duration_days": 365, "state": "active",
///     "activated_at": "2026-01-01T00:00:00Z", "ends": "2027-01-01T00:00:00Z"}"#;
/// let gdap: GdapRelationship = channel_licensing::from_json(json)?;
/// assert_eq!(gdap.roles, [AdminRole::HelpdeskAdministrator]);
/// assert!(!gdap.auto_extend);
/// assert!(matches!(gdap.state, GdapState::Active { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", deny_unknown_fields)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct GdapRelationship {
    /// Its ID, unique within the customer.
    pub id: GdapId,
    /// The partner it gives admin roles to.
    pub partner: PartnerId,
    /// The admin roles, each once.
    pub roles: Vec<AdminRole>,
    /// How long it runs once approved, in days.
    pub duration_days: u32,
    /// Whether it extends at its end (GDAP-4).
    #[serde(default)]
    pub auto_extend: bool,
    /// Its state.
    #[cfg_attr(feature = "schema", schemars(flatten))]
    pub state: GdapState,
}

impl GdapRelationship {
    /// Whether it has `role`.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::gdap::{AdminRole, GdapRelationship, GdapState};
    ///
    /// let gdap = GdapRelationship::pending("g1", "acme", [AdminRole::GlobalReader], 30, "2026-01-01T00:00:00Z".parse()?);
    /// assert!(gdap.has(AdminRole::GlobalReader));
    /// assert!(!gdap.has(AdminRole::GlobalAdministrator));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn has(&self, role: AdminRole) -> bool {
        self.roles.contains(&role)
    }

    /// A relationship requested at `requested_at`, waiting for approval,
    /// without auto-extend (for tests and imports; a partner's request is
    /// the `request` GDAP command).
    ///
    /// # Example
    ///
    /// See [`GdapRelationship::has`].
    pub fn pending(
        id: impl Into<GdapId>,
        partner: impl Into<PartnerId>,
        roles: impl IntoIterator<Item = AdminRole>,
        duration_days: u32,
        requested_at: DateTime<Utc>,
    ) -> Self {
        GdapRelationship {
            id: id.into(),
            partner: partner.into(),
            roles: roles.into_iter().collect(),
            duration_days,
            auto_extend: false,
            state: GdapState::ApprovalPending { requested_at },
        }
    }

    /// The relationship a [`GdapChange::Requested`] at `at` creates.
    pub(crate) fn requested(id: &GdapId, change: &GdapChange, at: DateTime<Utc>) -> Option<Self> {
        let GdapChange::Requested {
            partner,
            roles,
            duration_days,
            auto_extend,
        } = change
        else {
            return None;
        };
        Some(GdapRelationship {
            id: id.clone(),
            partner: partner.clone(),
            roles: roles.clone(),
            duration_days: *duration_days,
            auto_extend: *auto_extend,
            state: GdapState::ApprovalPending { requested_at: at },
        })
    }

    /// Whether it gives its partner delegated admin privileges at `now`
    /// (GDAP-8): active, with the `service_support_administrator` or
    /// `global_administrator` role.
    pub(crate) fn delegates_admin(&self, now: DateTime<Utc>) -> bool {
        matches!(self.state, GdapState::Active { ends, .. } if now < ends || self.auto_extend)
            && (self.has(AdminRole::ServiceSupportAdministrator)
                || self.has(AdminRole::GlobalAdministrator))
    }

    /// The first load invariant it breaks, naming the field.
    pub(crate) fn check(&self) -> Result<(), Error> {
        let invalid = |field: &str, problem: String, rule| Error::InvalidState {
            field: field.into(),
            problem,
            rule: Some(rule),
        };
        if self.roles.is_empty() {
            return Err(invalid(
                "roles",
                "a GDAP relationship has at least one role".into(),
                Rule::Gdap1,
            ));
        }
        for (index, role) in self.roles.iter().enumerate() {
            if self.roles[..index].contains(role) {
                return Err(invalid(
                    &format!("roles[{index}]"),
                    format!("the role {role} is listed twice"),
                    Rule::Gdap1,
                ));
            }
        }
        if !(1..=Policy::MAX_DAYS).contains(&self.duration_days) {
            return Err(invalid(
                "duration_days",
                format!(
                    "a GDAP relationship lasts 1 to {} days, not {}",
                    Policy::MAX_DAYS,
                    self.duration_days
                ),
                Rule::Gdap1,
            ));
        }
        if self.auto_extend && self.has(AdminRole::GlobalAdministrator) {
            return Err(invalid(
                "auto_extend",
                "a relationship with the global administrator role never auto-extends".into(),
                Rule::Gdap4,
            ));
        }
        if let GdapState::Active {
            activated_at,
            ends,
            noticed_until,
        } = self.state
        {
            if ends <= activated_at {
                return Err(invalid(
                    "ends",
                    format!("the end ({ends}) is not after the activation ({activated_at})"),
                    Rule::Gdap3,
                ));
            }
            if noticed_until.is_some_and(|noticed| noticed > ends) {
                return Err(invalid(
                    "noticed_until",
                    "notices marked sent after the end".into(),
                    Rule::Gdap5,
                ));
            }
        }
        Ok(())
    }

    /// Applies a change that a decision produced at `at`; a change that
    /// does not fit the state leaves it unchanged.
    pub(crate) fn apply(&mut self, change: &GdapChange, at: DateTime<Utc>) {
        let live = matches!(
            self.state,
            GdapState::ApprovalPending { .. } | GdapState::Active { .. }
        );
        match (change, &mut self.state) {
            (GdapChange::Approved { ends }, GdapState::ApprovalPending { .. }) => {
                self.state = GdapState::Active {
                    activated_at: at,
                    ends: *ends,
                    noticed_until: None,
                };
            }
            (GdapChange::Rejected, GdapState::ApprovalPending { .. }) => {
                self.state = GdapState::Rejected { at };
            }
            (GdapChange::Terminated, _) if live => self.state = GdapState::Terminated { at },
            (GdapChange::Expired { at }, _) if live => self.state = GdapState::Expired { at: *at },
            (GdapChange::AutoExtendSet { on }, state) => {
                self.auto_extend = *on;
                if let GdapState::Active { noticed_until, .. } = state
                    && !on
                {
                    *noticed_until = Some(at);
                }
            }
            (GdapChange::GlobalAdminRemoved, GdapState::Active { .. }) => {
                self.roles.retain(|r| *r != AdminRole::GlobalAdministrator);
            }
            (
                GdapChange::NoticeSent { due, .. } | GdapChange::NoticeSkipped { due, .. },
                GdapState::Active { noticed_until, .. },
            ) => *noticed_until = Some(*due),
            (GdapChange::Extended { ends: new, .. }, GdapState::Active { ends, .. }) => {
                *ends = *new;
            }
            _ => {}
        }
    }

    /// A relationship as read: every load invariant ([`GdapRelationship::check`]).
    fn loaded(self) -> Result<Self, Error> {
        self.check()?;
        Ok(self)
    }
}

internally_tagged!(GdapState, "state");
flattened!(GdapRelationship, "state", then = GdapRelationship::loaded);
