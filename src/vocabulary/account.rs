//! The words an account's refusals use: what was asked of it
//! ([`AccountAction`]), whom it concerns ([`CustomerRef`]), and the kinds it
//! names: [`RelationshipStatus`] (REL-1), [`BillingType`] (BILL-1) and
//! [`UnlinkMode`] (REL-11).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use super::gdap::GdapAction;
use super::licence::LicenceAction;
use super::transfer::TransferAction;
use crate::ids::CustomerId;
use crate::name::DisplayName;
use crate::rule::Rule;
use crate::wire::tag::internally_tagged;

/// The kind of an `AccountCommand` or `NewAccount`, as named in refusals.
///
/// # Example
///
/// ```
/// use channel_licensing::account::{AccountAction, CustomerRef, DisplayName};
///
/// let c = CustomerRef { id: "rossi".into(), name: DisplayName::new("Rossi SpA") };
/// assert_eq!(AccountAction::LaunchConsole.describe(&c).to_string(),
///            "launch the admin console of Rossi SpA (rossi)");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
#[cfg_attr(
    feature = "schema",
    schemars(tag = "action", content = "licence_action", deny_unknown_fields)
)]
pub enum AccountAction {
    /// `NewAccount::CreateTrial`.
    CreateTrial,
    /// `NewAccount::CreateMonthlyAccount`.
    CreateMonthlyAccount,
    /// `NewAccount::CreateCustomerTrial`.
    CreateCustomerTrial,
    /// `NewAccount::Import`.
    Import,
    /// `AccountCommand::ConvertToMonthly`.
    ConvertToMonthly,
    /// `AccountCommand::EnrolEarlyAccess`.
    EnrolEarlyAccess,
    /// `AccountCommand::RequestRelationship`.
    RequestRelationship,
    /// `AccountCommand::AcceptInvitation`.
    AcceptInvitation,
    /// `AccountCommand::DeclineInvitation`.
    DeclineInvitation,
    /// `AccountCommand::Unlink`.
    Unlink,
    /// `AccountCommand::CancelScheduledUnlink`.
    CancelScheduledUnlink,
    /// `AccountCommand::LaunchConsole`.
    LaunchConsole,
    /// `AccountCommand::EnablePartnerAssistance`.
    EnablePartnerAssistance,
    /// `AccountCommand::DisablePartnerAssistance`.
    DisablePartnerAssistance,
    /// `AccountCommand::AddToGroup`.
    AddToGroup,
    /// `AccountCommand::Rename`.
    Rename,
    /// `AccountCommand::AddSubscription`.
    AddSubscription,
    /// `AccountCommand::Licence`.
    Licence(LicenceAction),
    /// `AccountCommand::Deliver`.
    Deliver,
    /// [`contact_details`](crate::customers::contact_details).
    ViewContact,
    /// [`customer_details`](crate::customers::customer_details).
    ViewDetails,
    /// [`transfer_plan`](crate::transfers::transfer_plan).
    Transfer,
    /// `AccountCommand::Gdap`.
    Gdap {
        /// What was asked of the GDAP relationship.
        gdap_action: GdapAction,
    },
    /// `AccountCommand::TransferRequest`.
    TransferRequest {
        /// What was asked of the transfer request.
        transfer_action: TransferAction,
    },
}

impl AccountAction {
    /// The action on `customer`, as a refusal's sentence names it.
    ///
    /// # Example
    ///
    /// See [`AccountAction`].
    ///
    /// ```
    /// use channel_licensing::account::{AccountAction, CustomerRef, DisplayName};
    ///
    /// let c = CustomerRef { id: "rossi".into(), name: DisplayName::new("Rossi SpA") };
    /// assert_eq!(AccountAction::Unlink.describe(&c).to_string(), "unlink Rossi SpA (rossi)");
    /// ```
    #[must_use]
    pub fn describe(self, customer: &CustomerRef) -> impl fmt::Display + '_ {
        Described {
            action: self,
            customer,
        }
    }

    /// The rule that says which actor may do this, for refusals to the wrong
    /// kind of actor.
    pub(crate) fn actor_rule(self) -> Rule {
        match self {
            AccountAction::AcceptInvitation | AccountAction::DeclineInvitation => Rule::Rel3,
            AccountAction::EnablePartnerAssistance | AccountAction::DisablePartnerAssistance => {
                Rule::Ast3
            }
            AccountAction::Gdap { gdap_action } => match gdap_action {
                GdapAction::Approve | GdapAction::Reject => Rule::Gdap2,
                GdapAction::RemoveGlobalAdmin => Rule::Gdap3,
                GdapAction::SetAutoExtend => Rule::Gdap4,
                GdapAction::Terminate => Rule::Gdap6,
                GdapAction::Request => Rule::Gdap1,
            },
            AccountAction::TransferRequest { transfer_action } => match transfer_action {
                TransferAction::Create => Rule::Xfer7,
                TransferAction::Accept | TransferAction::Reject => Rule::Xfer8,
                TransferAction::Cancel => Rule::Xfer9,
            },
            _ => Rule::Auth1,
        }
    }
}

struct Described<'a> {
    action: AccountAction,
    customer: &'a CustomerRef,
}

impl fmt::Display for Described<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use AccountAction as A;
        let c = self.customer;
        match self.action {
            A::CreateTrial => write!(f, "create a trial for {c}"),
            A::CreateMonthlyAccount => write!(f, "create a monthly account for {c}"),
            A::CreateCustomerTrial => write!(f, "create a trial of its own for {c}"),
            A::Import => write!(f, "import {c}"),
            A::ConvertToMonthly => write!(f, "convert {c} to monthly usage"),
            A::EnrolEarlyAccess => write!(f, "enrol {c} in an early-access programme"),
            A::RequestRelationship => write!(f, "request a reseller relationship with {c}"),
            A::AcceptInvitation => write!(f, "accept an invitation for {c}"),
            A::DeclineInvitation => write!(f, "decline an invitation for {c}"),
            A::Unlink => write!(f, "unlink {c}"),
            A::CancelScheduledUnlink => write!(f, "cancel the scheduled unlink of {c}"),
            A::LaunchConsole => write!(f, "launch the admin console of {c}"),
            A::EnablePartnerAssistance => write!(f, "enable partner assistance for {c}"),
            A::DisablePartnerAssistance => write!(f, "disable partner assistance for {c}"),
            A::AddToGroup => write!(f, "add {c} to a group"),
            A::Rename => write!(f, "rename {c}"),
            A::AddSubscription => write!(f, "add a subscription for {c}"),
            A::Licence(action) => write!(f, "{} a licence of {c}", action.verb()),
            A::Deliver => write!(f, "deliver a timer to {c}"),
            A::ViewContact => write!(f, "view the contact details of {c}"),
            A::ViewDetails => write!(f, "view the details of {c}"),
            A::Transfer => write!(f, "move {c} to another partner"),
            A::Gdap { gdap_action } => {
                write!(f, "{} a GDAP relationship with {c}", gdap_action.verb())
            }
            A::TransferRequest { transfer_action } => {
                write!(f, "{} a transfer request for {c}", transfer_action.verb())
            }
        }
    }
}

internally_tagged!(AccountAction, "action", content = "licence_action");

/// A customer as a refusal names it: display name and ID.
///
/// # Example
///
/// ```
/// use channel_licensing::account::{CustomerRef, DisplayName};
///
/// let c = CustomerRef { id: "rossi".into(), name: DisplayName::new("Rossi SpA") };
/// assert_eq!(c.to_string(), "Rossi SpA (rossi)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomerRef {
    /// The customer's ID.
    pub id: CustomerId,
    /// Its display name, as the account or the command gave it: a refusal
    /// of a new account names the customer by the name it was to have,
    /// which may be one CUST-4 refuses, so it is read back as it is.
    #[serde(deserialize_with = "name_as_given")]
    pub name: DisplayName,
}

/// A name read as [`DisplayName::new`] takes it, without CUST-4's bounds.
fn name_as_given<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DisplayName, D::Error> {
    String::deserialize(deserializer).map(|name| DisplayName::new(&name))
}

impl fmt::Display for CustomerRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, self.id)
    }
}

/// A relationship state's name (REL-1), as refusals and views name it.
///
/// # Example
///
/// ```
/// use channel_licensing::RelationshipStatus;
///
/// assert_eq!(RelationshipStatus::UnlinkScheduled.to_string(), "unlink scheduled");
/// assert_eq!(serde_json::to_string(&RelationshipStatus::UnlinkScheduled)?, r#""unlink_scheduled""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RelationshipStatus {
    /// Invited.
    Invited,
    /// Linked.
    Linked,
    /// Linked, with an unlink scheduled.
    UnlinkScheduled,
    /// Unlinked.
    Unlinked,
    /// Declined.
    Declined,
}

impl RelationshipStatus {
    /// Whether the partner can act for the customer: linked, or linked with
    /// an unlink scheduled.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::RelationshipStatus;
    ///
    /// assert!(RelationshipStatus::UnlinkScheduled.is_live());
    /// assert!(!RelationshipStatus::Invited.is_live());
    /// ```
    #[must_use]
    pub fn is_live(self) -> bool {
        matches!(
            self,
            RelationshipStatus::Linked | RelationshipStatus::UnlinkScheduled
        )
    }
}

impl fmt::Display for RelationshipStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RelationshipStatus::Invited => "invited",
            RelationshipStatus::Linked => "linked",
            RelationshipStatus::UnlinkScheduled => "unlink scheduled",
            RelationshipStatus::Unlinked => "unlinked",
            RelationshipStatus::Declined => "declined",
        })
    }
}

/// How a customer account is billed (BILL-1).
///
/// # Example
///
/// ```
/// use channel_licensing::BillingType;
///
/// assert_eq!(BillingType::MonthlyUsage.to_string(), "monthly usage");
/// assert_eq!(BillingType::Direct.to_string(), "a direct purchase");
/// assert_eq!(serde_json::to_string(&BillingType::ManagedOrder)?, r#""managed_order""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BillingType {
    /// A free trial or evaluation.
    Trial,
    /// Licence-based terms.
    Term,
    /// Billed monthly on usage (Flex).
    MonthlyUsage,
    /// An MSP Flex Connect order, listed with a money label.
    ManagedOrder,
    /// Bought by the customer directly from the vendor.
    Direct,
}

impl fmt::Display for BillingType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BillingType::Trial => "a trial",
            BillingType::Term => "terms",
            BillingType::MonthlyUsage => "monthly usage",
            BillingType::ManagedOrder => "a managed order",
            BillingType::Direct => "a direct purchase",
        })
    }
}

/// How an unlink is asked for (REL-11): the two confirmations of the portal.
///
/// # Example
///
/// ```
/// use channel_licensing::UnlinkMode;
///
/// assert_eq!(UnlinkMode::Scheduled.to_string(), "on the first day of next month");
/// assert_eq!(serde_json::to_string(&UnlinkMode::Immediate)?, r#""immediate""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnlinkMode {
    /// "Yes, unlink this account now."
    Immediate,
    /// "Yes, convert this account to a trial and unlink it on the first day
    /// of next month" (monthly usage, REL-7).
    Scheduled,
}

impl fmt::Display for UnlinkMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UnlinkMode::Immediate => "immediately",
            UnlinkMode::Scheduled => "on the first day of next month",
        })
    }
}
