//! The words a GDAP relationship's refusals use: its admin roles
//! ([`AdminRole`], GDAP-1), what was asked of it ([`GdapAction`]) and the
//! state it was found in ([`GdapStatus`], GDAP-7).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::wire::tag::internally_tagged;

/// An admin role of the customer's directory that a GDAP relationship gives
/// the partner (GDAP-1): not a partner portal [`Role`](crate::Role).
///
/// # Example
///
/// ```
/// use channel_licensing::gdap::AdminRole;
///
/// assert_eq!(AdminRole::GlobalAdministrator.to_string(), "global administrator");
/// assert_eq!(serde_json::to_string(&AdminRole::GlobalReader)?, r#""global_reader""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AdminRole {
    /// Every administrative right; never auto-extends (GDAP-4).
    GlobalAdministrator,
    /// Opens support requests; gives delegated admin privileges (GDAP-8).
    ServiceSupportAdministrator,
    /// Resets passwords and handles helpdesk requests.
    HelpdeskAdministrator,
    /// Manages users and groups.
    UserAdministrator,
    /// Assigns licences.
    LicenseAdministrator,
    /// Manages billing and purchases.
    BillingAdministrator,
    /// Manages security settings.
    SecurityAdministrator,
    /// Manages Exchange.
    ExchangeAdministrator,
    /// Reads everything a global administrator can.
    GlobalReader,
    /// Reads the directory.
    DirectoryReaders,
}

impl fmt::Display for AdminRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AdminRole::GlobalAdministrator => "global administrator",
            AdminRole::ServiceSupportAdministrator => "service support administrator",
            AdminRole::HelpdeskAdministrator => "helpdesk administrator",
            AdminRole::UserAdministrator => "user administrator",
            AdminRole::LicenseAdministrator => "license administrator",
            AdminRole::BillingAdministrator => "billing administrator",
            AdminRole::SecurityAdministrator => "security administrator",
            AdminRole::ExchangeAdministrator => "exchange administrator",
            AdminRole::GlobalReader => "global reader",
            AdminRole::DirectoryReaders => "directory readers",
        })
    }
}

/// The kind of a GDAP command, as named in refusals.
///
/// # Example
///
/// ```
/// use channel_licensing::gdap::GdapAction;
///
/// assert_eq!(GdapAction::RemoveGlobalAdmin.verb(), "remove the global administrator role from");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum GdapAction {
    /// `GdapCommand::Request`.
    Request,
    /// `GdapCommand::Approve`.
    Approve,
    /// `GdapCommand::Reject`.
    Reject,
    /// `GdapCommand::Terminate`.
    Terminate,
    /// `GdapCommand::SetAutoExtend`.
    SetAutoExtend,
    /// `GdapCommand::RemoveGlobalAdmin`.
    RemoveGlobalAdmin,
}

impl GdapAction {
    /// The verb a refusal uses: "cannot *approve* GDAP relationship g1".
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::gdap::GdapAction;
    /// assert_eq!(GdapAction::Approve.verb(), "approve");
    /// ```
    #[must_use]
    pub const fn verb(self) -> &'static str {
        match self {
            GdapAction::Request => "request",
            GdapAction::Approve => "approve",
            GdapAction::Reject => "reject",
            GdapAction::Terminate => "terminate",
            GdapAction::SetAutoExtend => "switch auto-extend of",
            GdapAction::RemoveGlobalAdmin => "remove the global administrator role from",
        }
    }
}

/// A GDAP relationship's state, without its data: what refusals name.
///
/// # Example
///
/// ```
/// use channel_licensing::gdap::GdapStatus;
///
/// assert_eq!(GdapStatus::ApprovalPending.to_string(), "waiting for approval");
/// assert!(GdapStatus::Terminated.is_final());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GdapStatus {
    /// Requested, waiting for the customer's approval (GDAP-1).
    ApprovalPending,
    /// Approved and running (GDAP-2).
    Active,
    /// Ended at its end or its approval deadline (GDAP-2, GDAP-5).
    Expired,
    /// Rejected by the customer (GDAP-2).
    Rejected,
    /// Terminated or withdrawn (GDAP-6).
    Terminated,
}

impl GdapStatus {
    /// Whether nothing can change it any more (GDAP-7).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::gdap::GdapStatus;
    /// assert!(!GdapStatus::Active.is_final());
    /// ```
    #[must_use]
    pub fn is_final(self) -> bool {
        matches!(
            self,
            GdapStatus::Expired | GdapStatus::Rejected | GdapStatus::Terminated
        )
    }
}

impl fmt::Display for GdapStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GdapStatus::ApprovalPending => "waiting for approval",
            GdapStatus::Active => "active",
            GdapStatus::Expired => "expired",
            GdapStatus::Rejected => "rejected",
            GdapStatus::Terminated => "terminated",
        })
    }
}

/// What stands in the way of a GDAP command, in a
/// [`Reason::Gdap`](crate::Reason::Gdap) refusal.
///
/// # Example
///
/// ```
/// use channel_licensing::gdap::{GdapProblem, GdapStatus};
///
/// let problem = GdapProblem::Final { state: GdapStatus::Expired };
/// assert_eq!(problem.to_string(), "it is expired, a final state; a new request is needed");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(tag = "type", deny_unknown_fields))]
#[non_exhaustive]
pub enum GdapProblem {
    /// The customer already has a relationship with this ID (GDAP-1).
    IdTaken,
    /// No admin role (GDAP-1).
    NoRole,
    /// A role listed twice (GDAP-1).
    RoleTwice {
        /// The role.
        role: AdminRole,
    },
    /// A duration outside 1 to the policy's maximum (GDAP-1).
    DurationOutOfRange {
        /// The duration asked for.
        days: u32,
        /// The policy's maximum.
        max_days: u32,
    },
    /// Another partner's relationship, not named (GDAP-1).
    OtherPartner,
    /// A final state (GDAP-7).
    Final {
        /// The state.
        state: GdapStatus,
    },
    /// A state the command does not apply to (GDAP-2, GDAP-3, GDAP-6).
    WrongState {
        /// The state.
        state: GdapStatus,
    },
    /// Auto-extend with the global administrator role (GDAP-4).
    GlobalAdminAutoExtend,
    /// The global administrator role is not there to remove (GDAP-3).
    NoGlobalAdmin,
    /// The global administrator role is the only role (GDAP-3).
    OnlyRole,
}

impl fmt::Display for GdapProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GdapProblem::IdTaken => f.write_str("this customer already has one with that ID"),
            GdapProblem::NoRole => f.write_str("it needs at least one admin role"),
            GdapProblem::RoleTwice { role } => write!(f, "it lists the {role} role twice"),
            GdapProblem::DurationOutOfRange { days, max_days } => {
                write!(f, "it lasts 1 to {max_days} days, not {days}")
            }
            GdapProblem::OtherPartner => f.write_str("it belongs to another partner"),
            GdapProblem::Final { state } => {
                write!(f, "it is {state}, a final state; a new request is needed")
            }
            GdapProblem::WrongState { state } => write!(f, "it is {state}"),
            GdapProblem::GlobalAdminAutoExtend => f.write_str(
                "it has the global administrator role, which never auto-extends; remove the role first",
            ),
            GdapProblem::NoGlobalAdmin => {
                f.write_str("it does not have the global administrator role")
            }
            GdapProblem::OnlyRole => f.write_str("the global administrator role is its only role"),
        }
    }
}

internally_tagged!(GdapProblem, "type");
