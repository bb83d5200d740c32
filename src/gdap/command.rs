//! What can be asked of a GDAP relationship ([`GdapCommand`], GDAP-1,
//! GDAP-2, GDAP-3, GDAP-4, GDAP-6) and what changes in it
//! ([`GdapChange`], with GDAP-5's notices and expiry).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::PartnerId;
use crate::instant;
use crate::vocabulary::{AdminRole, GdapAction};
use crate::wire::tag::internally_tagged;

/// A command on one GDAP relationship of the account, sent as
/// [`AccountCommand::Gdap`](crate::AccountCommand::Gdap) with its ID.
///
/// # Example
///
/// ```
/// use channel_licensing::gdap::{AdminRole, GdapCommand};
///
/// let cmd: GdapCommand = serde_json::from_str(
///     r#"{"type": "request", "roles": ["helpdesk_administrator"], "duration_days": 365}"#)?;
/// assert_eq!(cmd, GdapCommand::Request {
///     roles: vec![AdminRole::HelpdeskAdministrator], duration_days: 365, auto_extend: false,
/// });
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(tag = "type", deny_unknown_fields))]
#[non_exhaustive]
pub enum GdapCommand {
    /// The partner requests a new relationship under the command's ID
    /// (GDAP-1, GDAP-4).
    Request {
        /// The admin roles, at least one, each once.
        roles: Vec<AdminRole>,
        /// How long it runs once approved: 1 to the policy's maximum.
        duration_days: u32,
        /// Whether it extends at its end (off unless asked).
        #[serde(default)]
        auto_extend: bool,
    },
    /// The customer's admin approves the request (GDAP-2).
    Approve,
    /// The customer's admin rejects the request (GDAP-2).
    Reject,
    /// The partner or the customer's admin ends it now; the partner may
    /// also withdraw its request (GDAP-6).
    Terminate,
    /// The partner switches auto-extend on or off (GDAP-4, GDAP-5).
    SetAutoExtend {
        /// On or off.
        on: bool,
    },
    /// The partner removes the `global_administrator` role (GDAP-3).
    RemoveGlobalAdmin,
}

impl GdapCommand {
    /// What the command asks for, without its data.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::gdap::{GdapAction, GdapCommand};
    ///
    /// assert_eq!(GdapCommand::Approve.action(), GdapAction::Approve);
    /// ```
    #[must_use]
    pub fn action(&self) -> GdapAction {
        match self {
            GdapCommand::Request { .. } => GdapAction::Request,
            GdapCommand::Approve => GdapAction::Approve,
            GdapCommand::Reject => GdapAction::Reject,
            GdapCommand::Terminate => GdapAction::Terminate,
            GdapCommand::SetAutoExtend { .. } => GdapAction::SetAutoExtend,
            GdapCommand::RemoveGlobalAdmin => GdapAction::RemoveGlobalAdmin,
        }
    }
}

/// What changed in a GDAP relationship, in
/// [`AccountChange::Gdap`](crate::AccountChange::Gdap).
///
/// # Example
///
/// ```
/// use channel_licensing::gdap::GdapChange;
///
/// let change = GdapChange::NoticeSent { days_before: 7, due: "2026-12-25T00:00:00Z".parse()? };
/// assert_eq!(serde_json::to_string(&change)?,
///            r#"{"type":"notice_sent","days_before":7,"due":"2026-12-25T00:00:00Z"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(tag = "type", deny_unknown_fields))]
pub enum GdapChange {
    /// Requested, waiting for approval (GDAP-1).
    Requested {
        /// The partner.
        partner: PartnerId,
        /// Its roles.
        roles: Vec<AdminRole>,
        /// Its duration once approved.
        duration_days: u32,
        /// Whether it auto-extends.
        auto_extend: bool,
    },
    /// Approved: active from the event's instant until `ends` (GDAP-2).
    Approved {
        /// When it ends.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        ends: DateTime<Utc>,
    },
    /// Rejected (GDAP-2).
    Rejected,
    /// Terminated or withdrawn (GDAP-6).
    Terminated,
    /// Auto-extend switched (GDAP-4); switched off, the notices due by the
    /// event's instant are not sent (GDAP-5).
    AutoExtendSet {
        /// On or off.
        on: bool,
    },
    /// The `global_administrator` role was removed (GDAP-3).
    GlobalAdminRemoved,
    /// A notice before the end went out (GDAP-5).
    NoticeSent {
        /// How many days before the end.
        days_before: u32,
        /// When it was due.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        due: DateTime<Utc>,
    },
    /// A notice caught up only after the relationship had ended: recorded,
    /// not sent (GDAP-5).
    NoticeSkipped {
        /// How many days before the end.
        days_before: u32,
        /// When it was due.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        due: DateTime<Utc>,
    },
    /// Extended at its end, until `ends` (GDAP-4): as many times as its
    /// end was due, when caught up late.
    Extended {
        /// The new end.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        ends: DateTime<Utc>,
        /// How many extensions.
        extensions: u64,
    },
    /// Expired at `at`: its end without auto-extend (GDAP-5, the last
    /// notice), or its approval deadline (GDAP-2).
    Expired {
        /// When.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
}

internally_tagged!(GdapCommand, "type");
internally_tagged!(GdapChange, "type");
