//! The words a GDAP relationship's refusals use: its admin roles
//! ([`AdminRole`], GDAP-1), what was asked of it ([`GdapAction`]) and the
//! state it was found in ([`GdapStatus`], GDAP-7).

use std::fmt;

use serde::{Deserialize, Serialize};

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
