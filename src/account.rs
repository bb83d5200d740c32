//! Customer accounts: the aggregate that owns a customer's licences, its
//! billing type and one relationship per partner (BILL, BILL-9, REL, AST,
//! AUTH, CUST-3, CUST-4; SUB-1 and SUB-4 for the subscriptions it adds).
//!
//! An [`Account`] is decided like a [`Licence`]: load it, [`decide`](Account::decide)
//! an [`AccountCommand`] for an actor at `now`, apply the events with
//! [`evolve`](Account::evolve), persist the effects. New accounts come from
//! [`Account::create`]. Timers (the licences' and a scheduled unlink's) are
//! delivered back as [`AccountCommand::Deliver`] by the platform, that is as
//! [`Actor::Vendor`].

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use arrayvec::ArrayVec;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};

use crate::calendar::first_instant_of_next_month;
use crate::refusal::refuse;
use crate::{
    Actor, ActorKind, Context, CustomerId, Decision, EarlyAccessId, Effect, Error, GroupId,
    Licence, LicenceAction, LicenceChange, LicenceCommand, LicenceId, LicenceState, LicenceStatus,
    NameTarget, OfferId, PartnerId, PartnerUser, PolicyStamp, Programme, Purchaser, Reason,
    Refusal, RegionId, Role, Roles, Rule, Term, Timer, TimerKey,
};

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

/// Who created a customer account (BILL-7, AST-2, AST-3).
///
/// # Example
///
/// ```
/// use channel_licensing::CreatedBy;
///
/// assert_eq!(serde_json::to_string(&CreatedBy::Customer)?, r#""customer""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreatedBy {
    /// A partner created it for the customer.
    Partner,
    /// The customer created it.
    Customer,
}

/// Whether partner assistance starts enabled (AST-2, AST-3): on for trials a
/// partner created, for monthly-usage accounts and for managed orders; off
/// for a trial the customer created; for other accounts, on when a partner
/// created them.
///
/// # Example
///
/// ```
/// use channel_licensing::{BillingType, CreatedBy, default_partner_assistance};
///
/// assert!(default_partner_assistance(BillingType::Trial, CreatedBy::Partner));
/// assert!(!default_partner_assistance(BillingType::Trial, CreatedBy::Customer));
/// assert!(default_partner_assistance(BillingType::MonthlyUsage, CreatedBy::Customer));
/// ```
#[must_use]
pub fn default_partner_assistance(billing: BillingType, created_by: CreatedBy) -> bool {
    match billing {
        BillingType::MonthlyUsage | BillingType::ManagedOrder => true,
        BillingType::Trial | BillingType::Term | BillingType::Direct => {
            created_by == CreatedBy::Partner
        }
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

/// A customer's display name: trimmed when built or deserialized. Its length
/// is checked against the policy when a rename is decided (CUST-4).
///
/// # Example
///
/// ```
/// use channel_licensing::DisplayName;
///
/// let name = DisplayName::new("  Rossi SpA ");
/// assert_eq!(name.as_str(), "Rossi SpA");
/// let json: DisplayName = serde_json::from_str(r#"" Bianchi Srl""#)?;
/// assert_eq!(json.as_str(), "Bianchi Srl");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct DisplayName(Arc<str>);

impl DisplayName {
    /// `name`, trimmed.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::DisplayName;
    /// assert_eq!(DisplayName::new("\tAcme\n").as_str(), "Acme");
    /// ```
    #[must_use]
    pub fn new(name: &str) -> Self {
        DisplayName(Arc::from(name.trim()))
    }

    /// The name.
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::DisplayName;
    /// assert_eq!(DisplayName::new("Acme").as_str(), "Acme");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its length in characters (Unicode scalar values).
    ///
    /// # Example
    ///
    /// ```
    /// # use channel_licensing::DisplayName;
    /// assert_eq!(DisplayName::new("Müller GmbH").chars(), 11);
    /// ```
    #[must_use]
    pub fn chars(&self) -> usize {
        self.0.chars().count()
    }
}

impl From<&str> for DisplayName {
    fn from(name: &str) -> Self {
        DisplayName::new(name)
    }
}

impl fmt::Display for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for DisplayName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Ok(DisplayName::new(&name))
    }
}

/// A customer as a refusal names it: display name and ID.
///
/// # Example
///
/// ```
/// use channel_licensing::{CustomerRef, DisplayName};
///
/// let c = CustomerRef { id: "rossi".into(), name: DisplayName::new("Rossi SpA") };
/// assert_eq!(c.to_string(), "Rossi SpA (rossi)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CustomerRef {
    /// The customer's ID.
    pub id: CustomerId,
    /// Its display name.
    pub name: DisplayName,
}

impl fmt::Display for CustomerRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, self.id)
    }
}

/// The state of a (partner, customer) relationship (REL-1).
///
/// # Example
///
/// ```
/// use channel_licensing::RelationshipState;
///
/// let state: RelationshipState = serde_json::from_str(
///     r#"{"state":"unlink_scheduled","unlink_at":"2026-05-01T00:00:00Z"}"#)?;
/// assert_eq!(state, RelationshipState::UnlinkScheduled { unlink_at: "2026-05-01T00:00:00Z".parse()? });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum RelationshipState {
    /// The partner asked for a reseller relationship; the customer has not answered (REL-2).
    Invited {
        /// When it was asked.
        at: DateTime<Utc>,
    },
    /// Linked: the partner manages the customer.
    Linked,
    /// Linked until `unlink_at`, when a scheduled unlink takes effect (REL-7).
    UnlinkScheduled {
        /// When the unlink takes effect.
        unlink_at: DateTime<Utc>,
    },
    /// Unlinked (REL-6, REL-9).
    Unlinked {
        /// When.
        at: DateTime<Utc>,
    },
    /// The customer declined the invitation (REL-3).
    Declined {
        /// When.
        at: DateTime<Utc>,
    },
}

impl RelationshipState {
    /// The state's name, without its data.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{RelationshipState, RelationshipStatus};
    ///
    /// assert_eq!(RelationshipState::Linked.status(), RelationshipStatus::Linked);
    /// ```
    #[must_use]
    pub fn status(&self) -> RelationshipStatus {
        match self {
            RelationshipState::Invited { .. } => RelationshipStatus::Invited,
            RelationshipState::Linked => RelationshipStatus::Linked,
            RelationshipState::UnlinkScheduled { .. } => RelationshipStatus::UnlinkScheduled,
            RelationshipState::Unlinked { .. } => RelationshipStatus::Unlinked,
            RelationshipState::Declined { .. } => RelationshipStatus::Declined,
        }
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

/// One partner's relationship with a customer (REL-1).
///
/// # Example
///
/// ```
/// use channel_licensing::{Relationship, RelationshipState};
///
/// let rel = Relationship::new("acme", RelationshipState::Linked);
/// assert_eq!(serde_json::to_string(&rel)?, r#"{"partner":"acme","state":"linked","delegated_admin":false}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Relationship {
    /// The partner.
    pub partner: PartnerId,
    /// The state.
    #[serde(flatten)]
    pub state: RelationshipState,
    /// Whether the partner holds delegated admin privileges (BILL-8).
    #[serde(default)]
    pub delegated_admin: bool,
}

impl Relationship {
    /// A relationship of `partner` in `state`, without delegated admin privileges.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Relationship, RelationshipState};
    ///
    /// assert!(!Relationship::new("acme", RelationshipState::Linked).delegated_admin);
    /// ```
    #[must_use]
    pub fn new(partner: impl Into<PartnerId>, state: RelationshipState) -> Self {
        Relationship {
            partner: partner.into(),
            state,
            delegated_admin: false,
        }
    }

    /// The state at `now`: a scheduled unlink whose instant has come counts
    /// as done (REL-9).
    fn state_at(&self, now: DateTime<Utc>) -> RelationshipState {
        match self.unlink_taken_effect(now) {
            Some(at) => RelationshipState::Unlinked { at },
            None => self.state,
        }
    }

    /// The instant of a scheduled unlink that has taken effect by `now`
    /// (REL-9), if there is one.
    fn unlink_taken_effect(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self.state {
            RelationshipState::UnlinkScheduled { unlink_at } if now >= unlink_at => Some(unlink_at),
            _ => None,
        }
    }

    /// Whether the partner is invited, linked or linked with an unlink
    /// scheduled at `now`: a relationship that is not over (BILL-9, REL-2).
    fn is_open(&self, now: DateTime<Utc>) -> bool {
        matches!(
            self.state_at(now),
            RelationshipState::Invited { .. }
                | RelationshipState::Linked
                | RelationshipState::UnlinkScheduled { .. }
        )
    }
}

/// A customer's membership of one of a partner's groups (CUST-3).
///
/// # Example
///
/// ```
/// use channel_licensing::GroupMembership;
///
/// let m = GroupMembership { partner: "acme".into(), group: "schools".into() };
/// assert_eq!(m.group.as_str(), "schools");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GroupMembership {
    /// The partner whose group it is.
    pub partner: PartnerId,
    /// The group.
    pub group: GroupId,
}

/// A customer's contact details (CUST-6).
///
/// # Example
///
/// ```
/// use channel_licensing::Contact;
///
/// let contact = Contact { email: Some("it@rossi.example".into()), ..Contact::default() };
/// assert!(contact.phone.is_none());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Contact {
    /// The contact person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// A customer account: the aggregate that owns its licences, its billing
/// type and one relationship per partner.
///
/// # Example
///
/// ```
/// use channel_licensing::{Account, BillingType, CreatedBy, RelationshipState, RelationshipStatus};
///
/// let account = Account::new("rossi", "Rossi SpA", "eu", BillingType::Term, CreatedBy::Partner)
///     .with_relationship("acme", RelationshipState::Linked);
/// let now = "2026-03-01T00:00:00Z".parse()?;
/// assert_eq!(account.relationship_status(&"acme".into(), now), Some(RelationshipStatus::Linked));
/// assert!(account.partner_assistance); // AST-2: a partner created it
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "AccountRecord")]
#[non_exhaustive]
pub struct Account {
    /// The customer's ID.
    pub id: CustomerId,
    /// Its display name.
    pub name: DisplayName,
    /// The region of its tenant.
    pub region: RegionId,
    /// How it is billed (BILL-1).
    pub billing: BillingType,
    /// Who created it.
    pub created_by: CreatedBy,
    /// Whether partner assistance is enabled (AST-1 … AST-3).
    pub partner_assistance: bool,
    /// One relationship per partner (REL-1).
    #[serde(default)]
    pub relationships: Vec<Relationship>,
    /// Its licences.
    #[serde(default)]
    pub licences: Vec<Licence>,
    /// The partner groups it belongs to (CUST-3).
    #[serde(default)]
    pub groups: Vec<GroupMembership>,
    /// The early-access programmes it is enrolled in (BILL-4).
    #[serde(default)]
    pub early_access: Vec<EarlyAccessId>,
    /// Its contact details (CUST-6).
    #[serde(default)]
    pub contact: Contact,
    /// After a monthly-usage unlink is scheduled, MDR reports keep flowing
    /// until this instant, the next billing cycle (REL-7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mdr_reports_until: Option<DateTime<Utc>>,
}

/// An account as stored, validated into an [`Account`] when deserialized:
/// licence IDs and partners are unique within an account.
#[derive(Deserialize)]
struct AccountRecord {
    id: CustomerId,
    name: DisplayName,
    region: RegionId,
    billing: BillingType,
    created_by: CreatedBy,
    partner_assistance: bool,
    #[serde(default)]
    relationships: Vec<Relationship>,
    #[serde(default)]
    licences: Vec<Licence>,
    #[serde(default)]
    groups: Vec<GroupMembership>,
    #[serde(default)]
    early_access: Vec<EarlyAccessId>,
    #[serde(default)]
    contact: Contact,
    #[serde(default)]
    mdr_reports_until: Option<DateTime<Utc>>,
}

impl TryFrom<AccountRecord> for Account {
    type Error = Error;

    fn try_from(r: AccountRecord) -> Result<Self, Self::Error> {
        for (index, licence) in r.licences.iter().enumerate() {
            if r.licences[..index].iter().any(|l| l.id == licence.id) {
                return Err(Error::DuplicateLicence {
                    licence: licence.id.clone(),
                });
            }
        }
        for (index, relationship) in r.relationships.iter().enumerate() {
            if r.relationships[..index]
                .iter()
                .any(|x| x.partner == relationship.partner)
            {
                return Err(Error::DuplicateRelationship {
                    partner: relationship.partner.clone(),
                });
            }
        }
        Ok(Account {
            id: r.id,
            name: r.name,
            region: r.region,
            billing: r.billing,
            created_by: r.created_by,
            partner_assistance: r.partner_assistance,
            relationships: r.relationships,
            licences: r.licences,
            groups: r.groups,
            early_access: r.early_access,
            contact: r.contact,
            mdr_reports_until: r.mdr_reports_until,
        })
    }
}

fn renews_by_default() -> bool {
    true
}

/// A command on a customer account. New accounts come from [`NewAccount`].
///
/// # Example
///
/// ```
/// use channel_licensing::{AccountCommand, UnlinkMode};
///
/// let cmd: AccountCommand = serde_json::from_str(r#"{"type":"unlink","mode":"scheduled"}"#)?;
/// assert_eq!(cmd, AccountCommand::Unlink { mode: UnlinkMode::Scheduled });
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AccountCommand {
    /// Convert a trial to monthly usage ("update billing type", BILL-3).
    ConvertToMonthly,
    /// Enrol the customer in an early-access programme (BILL-4).
    EnrolEarlyAccess {
        /// The programme.
        programme: EarlyAccessId,
        /// Whether the programme is compatible with Flex (monthly) licences.
        flex_compatible: bool,
    },
    /// Ask for a reseller relationship: an invitation (REL-2).
    RequestRelationship,
    /// The customer's admin accepts a partner's invitation (REL-3).
    AcceptInvitation {
        /// The inviting partner.
        partner: PartnerId,
    },
    /// The customer's admin declines a partner's invitation (REL-3).
    DeclineInvitation {
        /// The inviting partner.
        partner: PartnerId,
    },
    /// Unlink the customer from the acting partner (REL-4 … REL-7, REL-11).
    Unlink {
        /// Immediate, or scheduled for monthly usage.
        mode: UnlinkMode,
    },
    /// Delete a scheduled unlink before its date (REL-8).
    CancelScheduledUnlink,
    /// Open the customer's admin console (AST-1).
    LaunchConsole,
    /// The customer's admin enables partner assistance (AST-3).
    EnablePartnerAssistance,
    /// The customer's admin disables partner assistance (AST-3).
    DisablePartnerAssistance,
    /// Add the customer to one of the acting partner's groups (CUST-3).
    AddToGroup {
        /// The group.
        group: GroupId,
    },
    /// Change the customer's display name (CUST-4).
    Rename {
        /// The new name (trimmed).
        name: DisplayName,
    },
    /// Add a subscription: a new active licence the partner buys for the
    /// customer (SUB-4, REL-3).
    AddSubscription {
        /// The new licence's ID.
        licence: LicenceId,
        /// The offer; one the partner is authorised to sell.
        offer: OfferId,
        /// Seats, at least 1.
        seats: u32,
        /// The term's length.
        term_days: u32,
        /// Whether it renews (on unless said otherwise).
        #[serde(default = "renews_by_default")]
        auto_renew: bool,
        /// Its price per seat per term, if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        price: Option<crate::Money>,
    },
    /// A command on one of the account's licences (LIC-*, BILL-5 … BILL-7, REL-3).
    Licence {
        /// The licence.
        licence: LicenceId,
        /// The command.
        command: LicenceCommand,
    },
    /// A scheduled timer is due: delivered by the platform, as [`Actor::Vendor`].
    Deliver(Timer),
}

impl AccountCommand {
    /// What the command asks for, without its data.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{AccountAction, AccountCommand};
    ///
    /// assert_eq!(AccountCommand::LaunchConsole.action(), AccountAction::LaunchConsole);
    /// ```
    #[must_use]
    pub fn action(&self) -> AccountAction {
        match self {
            AccountCommand::ConvertToMonthly => AccountAction::ConvertToMonthly,
            AccountCommand::EnrolEarlyAccess { .. } => AccountAction::EnrolEarlyAccess,
            AccountCommand::RequestRelationship => AccountAction::RequestRelationship,
            AccountCommand::AcceptInvitation { .. } => AccountAction::AcceptInvitation,
            AccountCommand::DeclineInvitation { .. } => AccountAction::DeclineInvitation,
            AccountCommand::Unlink { .. } => AccountAction::Unlink,
            AccountCommand::CancelScheduledUnlink => AccountAction::CancelScheduledUnlink,
            AccountCommand::LaunchConsole => AccountAction::LaunchConsole,
            AccountCommand::EnablePartnerAssistance => AccountAction::EnablePartnerAssistance,
            AccountCommand::DisablePartnerAssistance => AccountAction::DisablePartnerAssistance,
            AccountCommand::AddToGroup { .. } => AccountAction::AddToGroup,
            AccountCommand::Rename { .. } => AccountAction::Rename,
            AccountCommand::AddSubscription { .. } => AccountAction::AddSubscription,
            AccountCommand::Licence { command, .. } => AccountAction::Licence(command.action()),
            AccountCommand::Deliver(_) => AccountAction::Deliver,
        }
    }
}

/// The kind of an [`AccountCommand`] or [`NewAccount`], as named in refusals.
///
/// # Example
///
/// ```
/// use channel_licensing::{AccountAction, CustomerRef, DisplayName};
///
/// let c = CustomerRef { id: "rossi".into(), name: DisplayName::new("Rossi SpA") };
/// assert_eq!(AccountAction::LaunchConsole.describe(&c).to_string(),
///            "launch the admin console of Rossi SpA (rossi)");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "action", content = "licence_action", rename_all = "snake_case")]
#[non_exhaustive]
pub enum AccountAction {
    /// [`NewAccount::CreateTrial`].
    CreateTrial,
    /// [`NewAccount::CreateMonthlyAccount`].
    CreateMonthlyAccount,
    /// [`AccountCommand::ConvertToMonthly`].
    ConvertToMonthly,
    /// [`AccountCommand::EnrolEarlyAccess`].
    EnrolEarlyAccess,
    /// [`AccountCommand::RequestRelationship`].
    RequestRelationship,
    /// [`AccountCommand::AcceptInvitation`].
    AcceptInvitation,
    /// [`AccountCommand::DeclineInvitation`].
    DeclineInvitation,
    /// [`AccountCommand::Unlink`].
    Unlink,
    /// [`AccountCommand::CancelScheduledUnlink`].
    CancelScheduledUnlink,
    /// [`AccountCommand::LaunchConsole`].
    LaunchConsole,
    /// [`AccountCommand::EnablePartnerAssistance`].
    EnablePartnerAssistance,
    /// [`AccountCommand::DisablePartnerAssistance`].
    DisablePartnerAssistance,
    /// [`AccountCommand::AddToGroup`].
    AddToGroup,
    /// [`AccountCommand::Rename`].
    Rename,
    /// [`AccountCommand::AddSubscription`].
    AddSubscription,
    /// [`AccountCommand::Licence`].
    Licence(LicenceAction),
    /// [`AccountCommand::Deliver`].
    Deliver,
    /// [`contact_details`](crate::contact_details).
    ViewContact,
    /// [`customer_details`](crate::customer_details).
    ViewDetails,
    /// [`transfer_plan`](crate::transfer_plan).
    Transfer,
}

impl AccountAction {
    /// The action on `customer`, as a refusal's sentence names it.
    ///
    /// # Example
    ///
    /// See [`AccountAction`].
    ///
    /// ```
    /// use channel_licensing::{AccountAction, CustomerRef, DisplayName};
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
    fn actor_rule(self) -> Rule {
        match self {
            AccountAction::AcceptInvitation | AccountAction::DeclineInvitation => Rule::Rel3,
            AccountAction::EnablePartnerAssistance | AccountAction::DisablePartnerAssistance => {
                Rule::Ast3
            }
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
        let c = self.customer;
        match self.action {
            AccountAction::CreateTrial => write!(f, "create a trial for {c}"),
            AccountAction::CreateMonthlyAccount => write!(f, "create a monthly account for {c}"),
            AccountAction::ConvertToMonthly => write!(f, "convert {c} to monthly usage"),
            AccountAction::EnrolEarlyAccess => {
                write!(f, "enrol {c} in an early-access programme")
            }
            AccountAction::RequestRelationship => {
                write!(f, "request a reseller relationship with {c}")
            }
            AccountAction::AcceptInvitation => write!(f, "accept an invitation for {c}"),
            AccountAction::DeclineInvitation => write!(f, "decline an invitation for {c}"),
            AccountAction::Unlink => write!(f, "unlink {c}"),
            AccountAction::CancelScheduledUnlink => {
                write!(f, "cancel the scheduled unlink of {c}")
            }
            AccountAction::LaunchConsole => write!(f, "launch the admin console of {c}"),
            AccountAction::EnablePartnerAssistance => {
                write!(f, "enable partner assistance for {c}")
            }
            AccountAction::DisablePartnerAssistance => {
                write!(f, "disable partner assistance for {c}")
            }
            AccountAction::AddToGroup => write!(f, "add {c} to a group"),
            AccountAction::Rename => write!(f, "rename {c}"),
            AccountAction::AddSubscription => write!(f, "add a subscription for {c}"),
            AccountAction::Licence(action) => write!(f, "{} a licence of {c}", action.verb()),
            AccountAction::Deliver => write!(f, "deliver a timer to {c}"),
            AccountAction::ViewContact => write!(f, "view the contact details of {c}"),
            AccountAction::ViewDetails => write!(f, "view the details of {c}"),
            AccountAction::Transfer => write!(f, "move {c} to another partner"),
        }
    }
}

/// A new customer, as a creation command names it.
///
/// # Example
///
/// ```
/// use channel_licensing::NewCustomer;
///
/// let c = NewCustomer::new("verdi", "Verdi Srl", "eu");
/// assert_eq!(c.name.as_str(), "Verdi Srl");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewCustomer {
    /// Its ID.
    pub id: CustomerId,
    /// Its display name.
    pub name: DisplayName,
    /// The region of its tenant.
    pub region: RegionId,
}

impl NewCustomer {
    /// A new customer.
    ///
    /// # Example
    ///
    /// See [`NewCustomer`].
    ///
    /// ```
    /// # use channel_licensing::NewCustomer;
    /// assert_eq!(NewCustomer::new("verdi", " Verdi ", "eu").name.as_str(), "Verdi");
    /// ```
    #[must_use]
    pub fn new(id: impl Into<CustomerId>, name: &str, region: impl Into<RegionId>) -> Self {
        NewCustomer {
            id: id.into(),
            name: DisplayName::new(name),
            region: region.into(),
        }
    }
}

/// A command that creates a customer account; the acting partner is linked
/// to it.
///
/// # Example
///
/// ```
/// use channel_licensing::{NewAccount, NewCustomer};
///
/// let cmd = NewAccount::CreateMonthlyAccount { customer: NewCustomer::new("verdi", "Verdi Srl", "eu") };
/// assert_eq!(serde_json::to_value(&cmd)?["type"], "create_monthly_account");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum NewAccount {
    /// A trial account with one trial licence (AST-2: assistance enabled).
    CreateTrial {
        /// The customer.
        customer: NewCustomer,
        /// The trial licence's ID.
        licence: LicenceId,
        /// The offer on trial.
        offer: OfferId,
        /// Seats on trial.
        seats: u32,
        /// The trial's length.
        trial_days: u32,
    },
    /// A monthly-usage account (BILL-2; AST-2: assistance enabled).
    CreateMonthlyAccount {
        /// The customer.
        customer: NewCustomer,
    },
}

/// Something that happened to a customer account: the event envelope, with
/// when it was decided and the policy it was decided under (POL-5).
///
/// # Example
///
/// ```
/// use channel_licensing::{AccountChange, AccountEvent};
///
/// let event: AccountEvent = serde_json::from_str(r#"{
///     "customer": "rossi", "decided_at": "2026-03-01T00:00:00Z",
///     "policy": {"name": "standard", "version": 1},
///     "type": "console_launched", "partner": "acme"
/// }"#)?;
/// assert_eq!(event.change, AccountChange::ConsoleLaunched { partner: "acme".into() });
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AccountEvent {
    /// The customer.
    pub customer: CustomerId,
    /// The instant the decision was made at.
    pub decided_at: DateTime<Utc>,
    /// The policy it was made under.
    pub policy: PolicyStamp,
    /// What changed.
    #[serde(flatten)]
    pub change: AccountChange,
}

/// What changed in a customer account.
///
/// # Example
///
/// ```
/// use channel_licensing::{AccountChange, BillingType};
///
/// let change = AccountChange::BillingChanged { from: BillingType::MonthlyUsage, to: BillingType::Trial };
/// assert_eq!(serde_json::to_string(&change)?,
///            r#"{"type":"billing_changed","from":"monthly_usage","to":"trial"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AccountChange {
    /// The account was created, as it now stands.
    Created {
        /// The new account.
        account: Box<Account>,
    },
    /// The billing type changed (BILL-3, REL-7, REL-8).
    BillingChanged {
        /// The old type.
        from: BillingType,
        /// The new type.
        to: BillingType,
    },
    /// Enrolled in an early-access programme (BILL-4).
    EarlyAccessEnrolled {
        /// The programme.
        programme: EarlyAccessId,
    },
    /// A partner asked for a reseller relationship (REL-2).
    RelationshipRequested {
        /// The partner.
        partner: PartnerId,
    },
    /// The customer accepted the invitation (REL-3).
    InvitationAccepted {
        /// The partner.
        partner: PartnerId,
    },
    /// The customer declined the invitation (REL-3).
    InvitationDeclined {
        /// The partner.
        partner: PartnerId,
    },
    /// A monthly-usage unlink was scheduled (REL-7).
    UnlinkScheduled {
        /// The partner.
        partner: PartnerId,
        /// When it takes effect: the first instant of next month.
        unlink_at: DateTime<Utc>,
        /// MDR reports keep flowing until the next billing cycle.
        mdr_reports_until: DateTime<Utc>,
    },
    /// A scheduled unlink was deleted before its date (REL-8).
    ScheduledUnlinkCancelled {
        /// The partner.
        partner: PartnerId,
    },
    /// The partner was unlinked (REL-6, REL-9).
    Unlinked {
        /// The partner.
        partner: PartnerId,
        /// When.
        at: DateTime<Utc>,
    },
    /// The partner opened the customer's admin console (AST-1).
    ConsoleLaunched {
        /// The partner.
        partner: PartnerId,
    },
    /// Partner assistance was switched (AST-2, AST-3).
    PartnerAssistanceChanged {
        /// On or off.
        enabled: bool,
    },
    /// The customer was added to a partner's group (CUST-3).
    AddedToGroup {
        /// The partner.
        partner: PartnerId,
        /// The group.
        group: GroupId,
    },
    /// The display name changed (CUST-4).
    Renamed {
        /// The old name.
        from: DisplayName,
        /// The new name.
        to: DisplayName,
    },
    /// A subscription was added (SUB-4): an active licence bought by the
    /// acting partner (SUB-1), its term starting at the event's instant. The
    /// fields are the licence's (see [`Licence::active`]), so the event
    /// stays small.
    SubscriptionAdded {
        /// The new licence's ID.
        licence: LicenceId,
        /// Who bought it: the partner that added it.
        bought_by: Purchaser,
        /// Its offer.
        offer: OfferId,
        /// Its seats.
        seats: u32,
        /// Its first term.
        term: Term,
        /// Whether it renews at the term end.
        auto_renew: bool,
        /// Its price per term, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        price: Option<crate::Money>,
    },
    /// Something happened to one of the account's licences.
    Licence {
        /// The licence.
        licence: LicenceId,
        /// What.
        change: LicenceChange,
    },
}

/// The fields of [`AccountCommand::AddSubscription`].
struct NewSubscription<'a> {
    licence: &'a LicenceId,
    offer: &'a OfferId,
    seats: u32,
    term_days: u32,
    auto_renew: bool,
    price: Option<crate::Money>,
}

/// Where `run` reports a decision's output: counted first, then written.
trait Sink {
    fn event(&mut self, change: AccountChange);
    fn effect(&mut self, effect: Effect);
}

/// How many outputs [`Staged`] keeps on the stack.
const STAGED: usize = 4;

enum Output {
    Event(AccountChange),
    Effect(Effect),
}

/// Counts a decision's outputs and keeps the first [`STAGED`] of them (an
/// `ArrayVec`: no initialisation, and only what was kept is dropped).
#[derive(Default)]
struct Staged {
    outputs: ArrayVec<Output, STAGED>,
    total: usize,
}

impl Staged {
    fn keep(&mut self, output: Output) {
        // Beyond the capacity only the count matters: `decide` runs again.
        let _ = self.outputs.try_push(output);
        self.total += 1;
    }
}

impl Sink for Staged {
    fn event(&mut self, change: AccountChange) {
        self.keep(Output::Event(change));
    }

    fn effect(&mut self, effect: Effect) {
        self.keep(Output::Effect(effect));
    }
}

struct Fill<'a> {
    decision: Decision<AccountEvent>,
    customer: &'a CustomerId,
    decided_at: DateTime<Utc>,
    policy: &'a crate::Policy,
}

impl Sink for Fill<'_> {
    fn event(&mut self, change: AccountChange) {
        self.decision.push_event(AccountEvent {
            customer: self.customer.clone(),
            decided_at: self.decided_at,
            policy: self.policy.stamp(),
            change,
        });
    }

    fn effect(&mut self, effect: Effect) {
        self.decision.push_effect(effect);
    }
}

/// The roles that may ask for a reseller relationship (REL-2).
const RELATIONSHIP_ROLES: Roles = Roles::EMPTY
    .with(Role::AccountAdmin)
    .with(Role::SalesAgent)
    .with(Role::BillingAgent);

/// Licence commands a partner may not send for a direct purchase (BILL-6):
/// every one that manages it (delivering a timer manages nothing).
fn manages_subscription(action: LicenceAction) -> bool {
    action != LicenceAction::Deliver
}

impl Account {
    /// An account with no relationships, licences or groups; partner
    /// assistance as [`default_partner_assistance`] says.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Account, BillingType, CreatedBy};
    ///
    /// let trial = Account::new("verdi", "Verdi Srl", "eu", BillingType::Trial, CreatedBy::Customer);
    /// assert!(!trial.partner_assistance); // AST-3
    /// ```
    #[must_use]
    pub fn new(
        id: impl Into<CustomerId>,
        name: &str,
        region: impl Into<RegionId>,
        billing: BillingType,
        created_by: CreatedBy,
    ) -> Self {
        Account {
            id: id.into(),
            name: DisplayName::new(name),
            region: region.into(),
            billing,
            created_by,
            partner_assistance: default_partner_assistance(billing, created_by),
            relationships: Vec::new(),
            licences: Vec::new(),
            groups: Vec::new(),
            early_access: Vec::new(),
            contact: Contact::default(),
            mdr_reports_until: None,
        }
    }

    /// This account, with `partner`'s relationship set to `state`.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Account, BillingType, CreatedBy, RelationshipState};
    ///
    /// let a = Account::new("rossi", "Rossi", "eu", BillingType::Term, CreatedBy::Partner)
    ///     .with_relationship("acme", RelationshipState::Linked)
    ///     .with_relationship("beta", RelationshipState::Linked);
    /// assert_eq!(a.relationships.len(), 2); // REL-1: several partners at once
    /// ```
    #[must_use]
    pub fn with_relationship(
        mut self,
        partner: impl Into<PartnerId>,
        state: RelationshipState,
    ) -> Self {
        self.set_relationship(&partner.into(), state);
        self
    }

    /// This account, with `licence` added (replacing a licence with the same ID).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Account, BillingType, CreatedBy, Licence, LicenceState, Purchaser};
    ///
    /// let licence = Licence::new("L-1", "endpoint", 5, LicenceState::Expired { at: "2026-01-10T00:00:00Z".parse()? }, Purchaser::partner("acme"))?;
    /// let a = Account::new("rossi", "Rossi", "eu", BillingType::Term, CreatedBy::Partner).with_licence(licence);
    /// assert_eq!(a.licences.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_licence(mut self, licence: Licence) -> Self {
        match self.licences.iter_mut().find(|l| l.id == licence.id) {
            Some(slot) => *slot = licence,
            None => self.licences.push(licence),
        }
        self
    }

    /// This account, with partner assistance set.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Account, BillingType, CreatedBy};
    ///
    /// let a = Account::new("rossi", "Rossi", "eu", BillingType::Term, CreatedBy::Partner)
    ///     .with_partner_assistance(false);
    /// assert!(!a.partner_assistance);
    /// ```
    #[must_use]
    pub fn with_partner_assistance(mut self, enabled: bool) -> Self {
        self.partner_assistance = enabled;
        self
    }

    /// This account, with contact details.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Account, BillingType, Contact, CreatedBy};
    ///
    /// let contact = Contact { email: Some("it@rossi.example".into()), ..Contact::default() };
    /// let a = Account::new("rossi", "Rossi", "eu", BillingType::Term, CreatedBy::Partner).with_contact(contact);
    /// assert!(a.contact.email.is_some());
    /// ```
    #[must_use]
    pub fn with_contact(mut self, contact: Contact) -> Self {
        self.contact = contact;
        self
    }

    /// The customer as refusals name it.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Account, BillingType, CreatedBy};
    ///
    /// let a = Account::new("rossi", "Rossi SpA", "eu", BillingType::Term, CreatedBy::Partner);
    /// assert_eq!(a.customer_ref().to_string(), "Rossi SpA (rossi)");
    /// ```
    #[must_use]
    pub fn customer_ref(&self) -> CustomerRef {
        CustomerRef {
            id: self.id.clone(),
            name: self.name.clone(),
        }
    }

    /// `partner`'s relationship, if it has one.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Account, BillingType, CreatedBy, RelationshipState};
    ///
    /// let a = Account::new("rossi", "Rossi", "eu", BillingType::Term, CreatedBy::Partner)
    ///     .with_relationship("acme", RelationshipState::Linked);
    /// assert!(a.relationship(&"acme".into()).is_some());
    /// assert!(a.relationship(&"beta".into()).is_none());
    /// ```
    #[must_use]
    pub fn relationship(&self, partner: &PartnerId) -> Option<&Relationship> {
        self.relationships.iter().find(|r| r.partner == *partner)
    }

    /// `partner`'s relationship state at `now`: a scheduled unlink whose
    /// instant has come counts as done (REL-9), even before its timer is
    /// delivered.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Account, BillingType, CreatedBy, RelationshipState, RelationshipStatus};
    ///
    /// let at = "2026-05-01T00:00:00Z".parse()?;
    /// let a = Account::new("rossi", "Rossi", "eu", BillingType::Trial, CreatedBy::Partner)
    ///     .with_relationship("acme", RelationshipState::UnlinkScheduled { unlink_at: at });
    /// let acme = "acme".into();
    /// assert_eq!(a.relationship_status(&acme, "2026-04-30T23:59:59Z".parse()?), Some(RelationshipStatus::UnlinkScheduled));
    /// assert_eq!(a.relationship_status(&acme, at), Some(RelationshipStatus::Unlinked));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn relationship_status(
        &self,
        partner: &PartnerId,
        now: DateTime<Utc>,
    ) -> Option<RelationshipStatus> {
        self.relationship(partner).map(|r| r.state_at(now).status())
    }

    /// The timers this account expects pending in the caller's outbox: its
    /// licences' (see [`Licence::timers`]) and its scheduled unlinks'.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Account, BillingType, CreatedBy, Policy, RelationshipState};
    ///
    /// let at = "2026-05-01T00:00:00Z".parse()?;
    /// let a = Account::new("rossi", "Rossi", "eu", BillingType::Trial, CreatedBy::Partner)
    ///     .with_relationship("acme", RelationshipState::UnlinkScheduled { unlink_at: at });
    /// let keys: Vec<String> = a.timers(&Policy::standard()).map(|t| t.key.to_string()).collect();
    /// assert_eq!(keys, ["customer/rossi/unlink/acme"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn timers<'a>(&'a self, policy: &'a crate::Policy) -> impl Iterator<Item = Timer> + 'a {
        let unlinks = self
            .relationships
            .iter()
            .filter_map(move |r| match r.state {
                RelationshipState::UnlinkScheduled { unlink_at } => Some(Timer {
                    key: self.unlink_key(&r.partner),
                    due: unlink_at,
                }),
                _ => None,
            });
        self.licences
            .iter()
            .flat_map(move |l| l.timers(&self.id, policy))
            .chain(unlinks)
    }

    /// The earliest instant at which one of the account's timers is due, for
    /// sweeps; `None` when nothing will ever be due.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Account, BillingType, CreatedBy, Policy, RelationshipState};
    ///
    /// let at = "2026-05-01T00:00:00Z".parse()?;
    /// let a = Account::new("rossi", "Rossi", "eu", BillingType::Trial, CreatedBy::Partner)
    ///     .with_relationship("acme", RelationshipState::UnlinkScheduled { unlink_at: at });
    /// assert_eq!(a.next_deadline(&Policy::standard()), Some(at));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn next_deadline(&self, policy: &crate::Policy) -> Option<DateTime<Utc>> {
        // Plain loops: sweeps call this for every stored account.
        let mut next: Option<DateTime<Utc>> = None;
        for licence in &self.licences {
            if let Some(due) = licence.next_deadline(policy) {
                next = Some(next.map_or(due, |n| n.min(due)));
            }
        }
        for relationship in &self.relationships {
            if let RelationshipState::UnlinkScheduled { unlink_at } = relationship.state {
                next = Some(next.map_or(unlink_at, |n| n.min(unlink_at)));
            }
        }
        next
    }

    fn unlink_key(&self, partner: &PartnerId) -> TimerKey {
        TimerKey::ScheduledUnlink {
            customer: self.id.clone(),
            partner: partner.clone(),
        }
    }

    fn set_relationship(&mut self, partner: &PartnerId, state: RelationshipState) {
        match self
            .relationships
            .iter_mut()
            .find(|r| r.partner == *partner)
        {
            Some(relationship) => relationship.state = state,
            None => self
                .relationships
                .push(Relationship::new(partner.clone(), state)),
        }
    }

    /// Creates an account for the acting partner, who is linked to it.
    ///
    /// The decision's first event, [`AccountChange::Created`], holds the new
    /// account; [`Account::from_events`] (or `evolve` on it) rebuilds it.
    /// Creating allocates the new account, so unlike `decide` it allocates
    /// more than once.
    ///
    /// # Errors
    ///
    /// [`Error::Refused`]: an actor that is not a partner user (AUTH-1); a
    /// monthly-usage account by a partner outside MSP Flex (BILL-2).
    /// [`Error::InvalidTerm`] for a zero-day trial, [`Error::ZeroSeats`].
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Account, Actor, Context, NewAccount, NewCustomer, PartnerUser, Policy};
    ///
    /// let policy = Policy::standard();
    /// let partner = Actor::Partner(PartnerUser::new("acme", "eu"));
    /// let now = "2026-03-01T00:00:00Z".parse()?;
    /// let cmd = NewAccount::CreateTrial {
    ///     customer: NewCustomer::new("verdi", "Verdi Srl", "eu"),
    ///     licence: "T-1".into(), offer: "endpoint".into(), seats: 10, trial_days: 30,
    /// };
    /// let decision = Account::create(&cmd, &Context::new(now, &partner, &policy))?;
    /// let account = Account::from_events(decision.events()).expect("created");
    /// assert!(account.partner_assistance); // AST-2
    /// assert_eq!(decision.effects().count(), 2); // the trial's end and its reminder
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn create(
        command: &NewAccount,
        ctx: &Context<'_>,
    ) -> Result<Decision<AccountEvent>, Error> {
        let (customer, action) = match command {
            NewAccount::CreateTrial { customer, .. } => (customer, AccountAction::CreateTrial),
            NewAccount::CreateMonthlyAccount { customer } => {
                (customer, AccountAction::CreateMonthlyAccount)
            }
        };
        let customer_ref = CustomerRef {
            id: customer.id.clone(),
            name: customer.name.clone(),
        };
        let Actor::Partner(user) = ctx.actor else {
            return Err(refuse(
                Rule::Auth1,
                Reason::ActorNotAllowed {
                    customer: customer_ref,
                    action,
                    actor: ActorKind::of(ctx.actor),
                },
            ));
        };
        check_name(&customer_ref, &customer.name, ctx)?;
        let billing = match command {
            NewAccount::CreateTrial { .. } => BillingType::Trial,
            NewAccount::CreateMonthlyAccount { .. } => {
                if !user.programmes.contains(Programme::MspFlex) {
                    return Err(refuse(
                        Rule::Bill2,
                        Reason::MissingProgramme {
                            customer: customer_ref,
                            action,
                            programme: Programme::MspFlex,
                        },
                    ));
                }
                BillingType::MonthlyUsage
            }
        };
        let mut account = Account::new(
            customer.id.clone(),
            customer.name.as_str(),
            customer.region.clone(),
            billing,
            CreatedBy::Partner,
        )
        .with_relationship(user.partner.clone(), RelationshipState::Linked);
        if let NewAccount::CreateTrial {
            licence,
            offer,
            seats,
            trial_days,
            ..
        } = command
        {
            let term = Term::of_days(ctx.now, *trial_days)?;
            account.licences.push(Licence::trial(
                licence.clone(),
                offer.clone(),
                *seats,
                term,
                Purchaser::Partner(user.partner.clone()),
            )?);
        }
        let timers: Vec<Timer> = account.timers(ctx.policy).collect();
        let mut decision = Decision::with_capacity(1 + timers.len());
        decision.push_event(AccountEvent {
            customer: account.id.clone(),
            decided_at: ctx.now,
            policy: ctx.policy.stamp(),
            change: AccountChange::Created {
                account: Box::new(account),
            },
        });
        for timer in timers {
            decision.push_effect(Effect::Schedule(timer));
        }
        Ok(decision)
    }

    /// Rebuilds an account from its events: the first must be
    /// [`AccountChange::Created`]; `None` otherwise.
    ///
    /// # Example
    ///
    /// See [`Account::create`].
    ///
    /// ```
    /// use channel_licensing::{Account, AccountEvent};
    ///
    /// assert!(Account::from_events(std::iter::empty::<&AccountEvent>()).is_none());
    /// ```
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a AccountEvent>) -> Option<Account> {
        let mut events = events.into_iter();
        let first = events.next()?;
        let AccountChange::Created { account } = &first.change else {
            return None;
        };
        Some(events.fold((**account).clone(), Account::evolve))
    }

    /// Decides `command` for `ctx.actor` at `ctx.now`: the events to apply
    /// and the effects to persist, or a refusal.
    ///
    /// The account is judged as it stands at `now`: licence timers and
    /// scheduled unlinks that are due are applied first, and their events
    /// lead the decision. Pure; a refusal never allocates and an accepted
    /// decision allocates once.
    ///
    /// # Errors
    ///
    /// [`Error::Refused`] naming the rule: a partner without a live
    /// relationship (AUTH-1), a missing role, programme or region (REL-2,
    /// BILL-2 … BILL-5, REL-7, REL-8, CUST-3, named in the refusal as AUTH-2
    /// asks), a licence of the unlinking partner's that must be removed
    /// first (REL-4), an open reactivation window of one of its licences
    /// (REL-5, with the earliest instant), a wrong unlink mode (REL-11), a
    /// second partner on a monthly-usage account (BILL-9), a licence another
    /// partner bought (SUB-1), and every licence rule. [`Error::UnknownLicence`]
    /// for a licence command on a licence the account does not have;
    /// [`Error::DuplicateLicence`] when a new subscription reuses a licence
    /// ID; [`Error::TimeOutOfRange`] beyond chrono's range;
    /// [`Error::AmountOutOfRange`] when a cancellation's amount cannot be
    /// represented (as for [`Licence::decide`]).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Account, AccountCommand, Actor, BillingType, Context, CreatedBy,
    ///     Error, Licence, LicenceState, PartnerUser, Policy, Purchaser, RelationshipState, Rule, UnlinkMode};
    ///
    /// let policy = Policy::standard();
    /// let expired = Licence::new("L-1", "endpoint", 25, LicenceState::Expired { at: "2026-01-10T00:00:00Z".parse()? }, Purchaser::partner("acme"))?;
    /// let account = Account::new("rossi", "Rossi SpA", "eu", BillingType::Term, CreatedBy::Partner)
    ///     .with_relationship("acme", RelationshipState::Linked)
    ///     .with_licence(expired);
    /// let acme = Actor::Partner(PartnerUser::new("acme", "eu"));
    /// let unlink = AccountCommand::Unlink { mode: UnlinkMode::Immediate };
    ///
    /// // Inside the 60-day reactivation window: refused, with the instant it opens (REL-5).
    /// let now = "2026-02-01T09:00:00Z".parse()?;
    /// let Err(Error::Refused(refusal)) = account.decide(&unlink, &Context::new(now, &acme, &policy)) else {
    ///     panic!("the window is open");
    /// };
    /// assert_eq!(refusal.rule(), Rule::Rel5);
    /// assert_eq!(refusal.earliest(), Some("2026-03-11T00:00:00Z".parse()?));
    ///
    /// // At that instant: unlinked.
    /// let decision = account.decide(&unlink, &Context::new(refusal.earliest().unwrap(), &acme, &policy))?;
    /// let account = decision.events().fold(account, Account::evolve);
    /// assert_eq!(account.relationship_status(&"acme".into(), refusal.earliest().unwrap()),
    ///            Some(channel_licensing::RelationshipStatus::Unlinked));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn decide(
        &self,
        command: &AccountCommand,
        ctx: &Context<'_>,
    ) -> Result<Decision<AccountEvent>, Error> {
        // One pass when the outputs fit on the stack (nearly always), a
        // second one into an exactly sized buffer otherwise: either way one
        // allocation, and none for a refusal or a no-op.
        let mut staged = Staged::default();
        self.run(command, ctx, &mut staged)?;
        if staged.total == 0 {
            return Ok(Decision::none());
        }
        let mut fill = Fill {
            decision: Decision::with_capacity(staged.total),
            customer: &self.id,
            decided_at: ctx.now,
            policy: ctx.policy,
        };
        if staged.total <= STAGED {
            for output in staged.outputs.drain(..) {
                match output {
                    Output::Event(change) => fill.event(change),
                    Output::Effect(effect) => fill.effect(effect),
                }
            }
        } else {
            self.run(command, ctx, &mut fill)?;
        }
        Ok(fill.decision)
    }

    /// Applies an event that `decide` or `create` produced. Total: an event
    /// for another customer leaves the account unchanged.
    ///
    /// # Example
    ///
    /// See [`Account::decide`].
    ///
    /// ```
    /// use channel_licensing::{Account, AccountChange, AccountEvent, BillingType, CreatedBy, Policy};
    ///
    /// let a = Account::new("rossi", "Rossi", "eu", BillingType::Trial, CreatedBy::Partner);
    /// let event = AccountEvent {
    ///     customer: "rossi".into(), decided_at: "2026-03-01T00:00:00Z".parse()?,
    ///     policy: Policy::standard().stamp(),
    ///     change: AccountChange::BillingChanged { from: BillingType::Trial, to: BillingType::MonthlyUsage },
    /// };
    /// assert_eq!(a.evolve(&event).billing, BillingType::MonthlyUsage);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn evolve(mut self, event: &AccountEvent) -> Account {
        if event.customer != self.id {
            return self;
        }
        if let AccountChange::Created { account } = &event.change {
            return (**account).clone();
        }
        let at = event.decided_at;
        match &event.change {
            AccountChange::Created { .. } | AccountChange::ConsoleLaunched { .. } => {}
            AccountChange::BillingChanged { to, .. } => self.billing = *to,
            AccountChange::EarlyAccessEnrolled { programme } => {
                if !self.early_access.contains(programme) {
                    self.early_access.push(programme.clone());
                }
            }
            AccountChange::RelationshipRequested { partner } => {
                self.set_relationship(partner, RelationshipState::Invited { at });
            }
            AccountChange::InvitationAccepted { partner } => {
                self.set_relationship(partner, RelationshipState::Linked);
            }
            AccountChange::InvitationDeclined { partner } => {
                self.set_relationship(partner, RelationshipState::Declined { at });
            }
            AccountChange::UnlinkScheduled {
                partner,
                unlink_at,
                mdr_reports_until,
            } => {
                self.set_relationship(
                    partner,
                    RelationshipState::UnlinkScheduled {
                        unlink_at: *unlink_at,
                    },
                );
                self.mdr_reports_until = Some(*mdr_reports_until);
            }
            AccountChange::ScheduledUnlinkCancelled { partner } => {
                self.set_relationship(partner, RelationshipState::Linked);
                self.mdr_reports_until = None;
            }
            AccountChange::Unlinked { partner, at } => {
                self.set_relationship(partner, RelationshipState::Unlinked { at: *at });
            }
            AccountChange::PartnerAssistanceChanged { enabled } => {
                self.partner_assistance = *enabled;
            }
            AccountChange::AddedToGroup { partner, group } => {
                let membership = GroupMembership {
                    partner: partner.clone(),
                    group: group.clone(),
                };
                if !self.groups.contains(&membership) {
                    self.groups.push(membership);
                }
            }
            AccountChange::Renamed { to, .. } => self.name = to.clone(),
            AccountChange::SubscriptionAdded {
                licence,
                bought_by,
                offer,
                seats,
                term,
                auto_renew,
                price,
            } => {
                if !self.licences.iter().any(|l| l.id == *licence)
                    && let Ok(mut added) = Licence::active(
                        licence.clone(),
                        offer.clone(),
                        *seats,
                        *term,
                        *auto_renew,
                        bought_by.clone(),
                    )
                {
                    added.price = *price;
                    self.licences.push(added);
                }
            }
            AccountChange::Licence { licence, change } => {
                if let Some(slot) = self.licences.iter_mut().find(|l| l.id == *licence) {
                    *slot = slot.clone().apply(change, at);
                }
            }
        }
        self
    }

    /// The whole decision, reported to `sink`: the timers due at `now`, then
    /// the command.
    fn run(
        &self,
        command: &AccountCommand,
        ctx: &Context<'_>,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        // Nearly always nothing is due: the timers' work stays out of line,
        // behind a scan of the states alone.
        let timers_due =
            self.licences.iter().any(|l| !l.nothing_due(ctx.now)) || self.due_unlink(ctx.now);
        if timers_due {
            self.run_timers(ctx, sink)?;
        }
        self.decide_command(command, ctx, timers_due, sink)
    }

    /// The timers due at `ctx.now`, reported to `sink`: each licence's
    /// (LIC-2 …), then the scheduled unlinks that have taken effect (REL-9)
    /// and the monthly licences they end (REL-7).
    #[inline(never)]
    fn run_timers(&self, ctx: &Context<'_>, sink: &mut impl Sink) -> Result<(), Error> {
        for licence in &self.licences {
            // `catch_up` tests this too, but skipping here also skips
            // moving its `Result<Cow<Licence>, _>` (hundreds of bytes).
            if licence.nothing_due(ctx.now) {
                continue;
            }
            let now = licence.catch_up(ctx, &mut |change| {
                sink.event(AccountChange::Licence {
                    licence: licence.id.clone(),
                    change,
                });
            })?;
            if let Cow::Owned(after) = &now {
                licence.timer_changes(after, &self.id, ctx.policy, |effect| sink.effect(effect));
            }
        }
        for relationship in &self.relationships {
            if let Some(unlink_at) = relationship.unlink_taken_effect(ctx.now) {
                // REL-9: the scheduled unlink takes effect, for the
                // relationship it names and that partner's licences only.
                sink.event(AccountChange::Unlinked {
                    partner: relationship.partner.clone(),
                    at: unlink_at,
                });
                sink.effect(Effect::Cancel {
                    key: self.unlink_key(&relationship.partner),
                });
                self.end_monthly_licences(&relationship.partner, unlink_at, ctx, sink)?;
            }
        }
        Ok(())
    }

    /// Whether any scheduled unlink has taken effect by `now` (REL-9).
    fn due_unlink(&self, now: DateTime<Utc>) -> bool {
        self.relationships
            .iter()
            .any(|r| r.unlink_taken_effect(now).is_some())
    }

    /// When the scheduled unlink of the partner that bought a licence took
    /// effect, if it has by `now`: the instant REL-7 ends that licence.
    fn owner_unlinked_at(
        &self,
        bought_by: &Purchaser,
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        let Purchaser::Partner(owner) = bought_by else {
            return None;
        };
        self.relationship(owner)?.unlink_taken_effect(now)
    }

    /// A licence as the rest of a decision sees it at `ctx.now`: its due
    /// timers applied, and removed at the unlink instant when its partner's
    /// scheduled unlink has taken effect (REL-7), as `run` reports before
    /// the command.
    fn licence_at<'a>(
        &self,
        licence: &'a Licence,
        ctx: &Context<'_>,
    ) -> Result<Cow<'a, Licence>, Error> {
        let now = licence_now(licence, ctx)?;
        match self.owner_unlinked_at(&licence.bought_by, ctx.now) {
            Some(unlink_at)
                if matches!(
                    now.state,
                    LicenceState::Active { .. } | LicenceState::Suspended { .. }
                ) =>
            {
                let change = LicenceChange::Removed { at: unlink_at };
                Ok(Cow::Owned(now.into_owned().apply(&change, unlink_at)))
            }
            _ => Ok(now),
        }
    }

    /// REL-7's Decision: the monthly licences end with the unlink. Every
    /// licence that `partner` bought and that is still active or suspended
    /// is removed at the unlink instant; no other licence changes.
    fn end_monthly_licences(
        &self,
        partner: &PartnerId,
        unlink_at: DateTime<Utc>,
        ctx: &Context<'_>,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        for licence in &self.licences {
            if !licence.bought_by.is_partner(partner) {
                continue;
            }
            let now = licence_now(licence, ctx)?;
            if matches!(
                now.state,
                LicenceState::Active { .. } | LicenceState::Suspended { .. }
            ) {
                let change = LicenceChange::Removed { at: unlink_at };
                let ended = now.clone().into_owned().apply(&change, unlink_at);
                sink.event(AccountChange::Licence {
                    licence: licence.id.clone(),
                    change,
                });
                now.timer_changes(&ended, &self.id, ctx.policy, |effect| sink.effect(effect));
            }
        }
        Ok(())
    }

    /// The acting partner user, or a refusal for any other actor.
    fn partner_user<'c>(
        &self,
        action: AccountAction,
        ctx: &Context<'c>,
    ) -> Result<&'c PartnerUser, Error> {
        match ctx.actor {
            Actor::Partner(user) => Ok(user),
            other => Err(refuse(
                action.actor_rule(),
                Reason::ActorNotAllowed {
                    customer: self.customer_ref(),
                    action,
                    actor: ActorKind::of(other),
                },
            )),
        }
    }

    /// The customer's own admin, or a refusal.
    fn own_admin(&self, action: AccountAction, ctx: &Context<'_>) -> Result<(), Error> {
        match ctx.actor {
            Actor::CustomerAdmin { customer } if *customer == self.id => Ok(()),
            Actor::CustomerAdmin { customer } => Err(refuse(
                Rule::Auth1,
                Reason::OtherCustomer {
                    customer: self.customer_ref(),
                    action,
                    admin_of: customer.clone(),
                },
            )),
            other => Err(refuse(
                action.actor_rule(),
                Reason::ActorNotAllowed {
                    customer: self.customer_ref(),
                    action,
                    actor: ActorKind::of(other),
                },
            )),
        }
    }

    /// AUTH-1 (and BILL-5): the partner's relationship at `now` must be
    /// linked, or also `unlink_scheduled` where the rule allows it; an
    /// invited partner gets REL-3 for provisioning. Returns the state.
    ///
    /// Always inlined, with the refusals built out of line: it runs on every
    /// partner command, and the refusals are the rare path. `decide` is
    /// too large for the compiler to inline it on its own (measured: the
    /// refused unlink 474 -> 456 instructions, about 5 KiB more code).
    #[expect(clippy::inline_always, reason = "measured, see above")]
    #[inline(always)]
    fn live(
        &self,
        user: &PartnerUser,
        action: AccountAction,
        allow_scheduled: bool,
        rule: Rule,
        ctx: &Context<'_>,
    ) -> Result<RelationshipState, Error> {
        let state = self
            .relationship(&user.partner)
            .map(|r| r.state_at(ctx.now));
        let state = match state {
            Some(RelationshipState::Linked) => RelationshipState::Linked,
            Some(scheduled @ RelationshipState::UnlinkScheduled { .. }) if allow_scheduled => {
                scheduled
            }
            _ => return Err(self.not_live(user, action, rule, state)),
        };
        if self.billing == BillingType::ManagedOrder
            && !user.programmes.contains(Programme::MspFlexConnect)
        {
            return Err(self.missing_programme(Rule::Bill5, action, Programme::MspFlexConnect));
        }
        Ok(state)
    }

    /// [`Account::live`]'s refusal for a relationship in `state` (`None`:
    /// none with this partner).
    #[cold]
    #[inline(never)]
    fn not_live(
        &self,
        user: &PartnerUser,
        action: AccountAction,
        rule: Rule,
        state: Option<RelationshipState>,
    ) -> Error {
        match state {
            Some(RelationshipState::Invited { .. })
                if matches!(
                    action,
                    AccountAction::Licence(_) | AccountAction::AddSubscription
                ) =>
            {
                refuse(
                    Rule::Rel3,
                    Reason::NotYetAccepted {
                        customer: self.customer_ref(),
                        partner: user.partner.clone(),
                        action,
                    },
                )
            }
            _ => refuse(
                rule,
                Reason::NoRelationship {
                    customer: self.customer_ref(),
                    partner: user.partner.clone(),
                    action,
                    state: state.map(|s| s.status()),
                },
            ),
        }
    }

    #[cold]
    #[inline(never)]
    fn missing_programme(&self, rule: Rule, action: AccountAction, programme: Programme) -> Error {
        refuse(
            rule,
            Reason::MissingProgramme {
                customer: self.customer_ref(),
                action,
                programme,
            },
        )
    }

    /// The command's own part of the decision; `timers_due`: whether `run`
    /// found any timer due at `ctx.now` (when not, every licence stands as
    /// stored and no scheduled unlink has taken effect).
    fn decide_command(
        &self,
        command: &AccountCommand,
        ctx: &Context<'_>,
        timers_due: bool,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        match command {
            AccountCommand::Deliver(timer) => self.deliver(timer, ctx),
            AccountCommand::Licence { licence, command } => {
                self.licence_command(licence, command, ctx, sink)
            }
            AccountCommand::AcceptInvitation { partner } => {
                self.answer_invitation(partner, true, ctx, sink)
            }
            AccountCommand::DeclineInvitation { partner } => {
                self.answer_invitation(partner, false, ctx, sink)
            }
            AccountCommand::EnablePartnerAssistance => self.set_assistance(true, ctx, sink),
            AccountCommand::DisablePartnerAssistance => self.set_assistance(false, ctx, sink),
            AccountCommand::RequestRelationship => self.request_relationship(ctx, sink),
            AccountCommand::Unlink { mode } => self.unlink(*mode, ctx, timers_due, sink),
            AccountCommand::CancelScheduledUnlink => self.cancel_scheduled_unlink(ctx, sink),
            AccountCommand::LaunchConsole => self.launch_console(ctx, sink),
            AccountCommand::ConvertToMonthly => self.convert_to_monthly(ctx, sink),
            AccountCommand::EnrolEarlyAccess {
                programme,
                flex_compatible,
            } => self.enrol_early_access(programme, *flex_compatible, ctx, sink),
            AccountCommand::AddToGroup { group } => self.add_to_group(group, ctx, sink),
            AccountCommand::AddSubscription {
                licence,
                offer,
                seats,
                term_days,
                auto_renew,
                price,
            } => {
                let new = NewSubscription {
                    licence,
                    offer,
                    seats: *seats,
                    term_days: *term_days,
                    auto_renew: *auto_renew,
                    price: *price,
                };
                self.add_subscription(&new, ctx, sink)
            }
            AccountCommand::Rename { name } => self.rename(name, ctx, sink),
        }
    }

    /// AST-3: only the customer's own admin switches partner assistance.
    fn set_assistance(
        &self,
        enabled: bool,
        ctx: &Context<'_>,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        let action = if enabled {
            AccountAction::EnablePartnerAssistance
        } else {
            AccountAction::DisablePartnerAssistance
        };
        self.own_admin(action, ctx)?;
        if self.partner_assistance != enabled {
            sink.event(AccountChange::PartnerAssistanceChanged { enabled });
        }
        Ok(())
    }

    /// REL-3: the customer's admin answers a partner's invitation; no
    /// second partner is accepted on a monthly account (BILL-9).
    fn answer_invitation(
        &self,
        partner: &PartnerId,
        accept: bool,
        ctx: &Context<'_>,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        let action = if accept {
            AccountAction::AcceptInvitation
        } else {
            AccountAction::DeclineInvitation
        };
        self.own_admin(action, ctx)?;
        let state = self.relationship(partner).map(|r| r.state_at(ctx.now));
        match state {
            Some(RelationshipState::Invited { .. }) => {
                if accept {
                    self.check_one_billing_partner(action, ctx.now)?;
                }
                let partner = partner.clone();
                sink.event(if accept {
                    AccountChange::InvitationAccepted { partner }
                } else {
                    AccountChange::InvitationDeclined { partner }
                });
                Ok(())
            }
            Some(RelationshipState::Linked) if accept => Ok(()),
            Some(RelationshipState::Declined { .. }) if !accept => Ok(()),
            _ => Err(refuse(
                Rule::Rel3,
                Reason::NoInvitation {
                    customer: self.customer_ref(),
                    partner: partner.clone(),
                    action,
                    state: state.map(|s| s.status()),
                },
            )),
        }
    }

    /// AST-1: open the customer's admin console.
    fn launch_console(&self, ctx: &Context<'_>, sink: &mut impl Sink) -> Result<(), Error> {
        let action = AccountAction::LaunchConsole;
        let user = self.partner_user(action, ctx)?;
        self.live(user, action, true, Rule::Ast1, ctx)?;
        if !self.partner_assistance {
            return Err(refuse(
                Rule::Ast1,
                Reason::AssistanceDisabled {
                    customer: self.customer_ref(),
                },
            ));
        }
        sink.event(AccountChange::ConsoleLaunched {
            partner: user.partner.clone(),
        });
        Ok(())
    }

    /// BILL-3 (and AST-2, BILL-9): a trial becomes monthly usage, when no
    /// other partner is live.
    fn convert_to_monthly(&self, ctx: &Context<'_>, sink: &mut impl Sink) -> Result<(), Error> {
        let action = AccountAction::ConvertToMonthly;
        let user = self.partner_user(action, ctx)?;
        self.live(user, action, false, Rule::Auth1, ctx)?;
        if !user.programmes.contains(Programme::MspFlex) {
            return Err(self.missing_programme(Rule::Bill3, action, Programme::MspFlex));
        }
        match self.billing {
            BillingType::MonthlyUsage => Ok(()),
            BillingType::Trial => {
                // BILL-9: monthly usage is billed through this one partner.
                let other_live = self
                    .relationships
                    .iter()
                    .any(|r| r.partner != user.partner && r.is_open(ctx.now));
                if other_live {
                    return Err(refuse(
                        Rule::Bill9,
                        Reason::OtherPartnerLive {
                            customer: self.customer_ref(),
                            action,
                        },
                    ));
                }
                sink.event(AccountChange::BillingChanged {
                    from: BillingType::Trial,
                    to: BillingType::MonthlyUsage,
                });
                if !self.partner_assistance {
                    // AST-2: monthly-usage accounts have assistance on.
                    sink.event(AccountChange::PartnerAssistanceChanged { enabled: true });
                }
                Ok(())
            }
            billing => Err(self.billing_forbids(Rule::Bill3, action, billing)),
        }
    }

    /// BILL-4: early access, unless monthly usage meets an incompatible programme.
    fn enrol_early_access(
        &self,
        programme: &EarlyAccessId,
        flex_compatible: bool,
        ctx: &Context<'_>,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        let action = AccountAction::EnrolEarlyAccess;
        let user = self.partner_user(action, ctx)?;
        self.live(user, action, false, Rule::Auth1, ctx)?;
        if self.billing == BillingType::MonthlyUsage && !flex_compatible {
            return Err(self.billing_forbids(Rule::Bill4, action, self.billing));
        }
        if !self.early_access.contains(programme) {
            sink.event(AccountChange::EarlyAccessEnrolled {
                programme: programme.clone(),
            });
        }
        Ok(())
    }

    /// CUST-3: a super admin adds the customer to one of the partner's groups.
    fn add_to_group(
        &self,
        group: &GroupId,
        ctx: &Context<'_>,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        let action = AccountAction::AddToGroup;
        let user = self.partner_user(action, ctx)?;
        self.live(user, action, false, Rule::Auth1, ctx)?;
        if !user.roles.contains(Role::SuperAdmin) {
            return Err(refuse(
                Rule::Cust3,
                Reason::MissingRole {
                    customer: self.customer_ref(),
                    action,
                    any_of: Roles::EMPTY.with(Role::SuperAdmin),
                },
            ));
        }
        if !user.groups.contains(group) {
            return Err(refuse(
                Rule::Cust3,
                Reason::UnknownGroup {
                    customer: self.customer_ref(),
                    group: group.clone(),
                },
            ));
        }
        let member = self
            .groups
            .iter()
            .any(|m| m.partner == user.partner && m.group == *group);
        if !member {
            sink.event(AccountChange::AddedToGroup {
                partner: user.partner.clone(),
                group: group.clone(),
            });
        }
        Ok(())
    }

    /// CUST-4: a new display name, propagated to the admin console and the CRM.
    fn rename(
        &self,
        name: &DisplayName,
        ctx: &Context<'_>,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        let action = AccountAction::Rename;
        let user = self.partner_user(action, ctx)?;
        self.live(user, action, false, Rule::Auth1, ctx)?;
        check_name(&self.customer_ref(), name, ctx)?;
        if *name != self.name {
            sink.event(AccountChange::Renamed {
                from: self.name.clone(),
                to: name.clone(),
            });
            for to in [NameTarget::AdminConsole, NameTarget::Crm] {
                sink.effect(Effect::PropagateName {
                    to,
                    customer: self.id.clone(),
                    name: name.clone(),
                });
            }
        }
        Ok(())
    }

    fn billing_forbids(&self, rule: Rule, action: AccountAction, billing: BillingType) -> Error {
        refuse(
            rule,
            Reason::BillingForbids {
                customer: self.customer_ref(),
                action,
                billing,
            },
        )
    }

    /// REL-2: an invitation from a partner user with the right role, in the
    /// customer's region; none to a second partner of a monthly account
    /// (BILL-9).
    fn request_relationship(&self, ctx: &Context<'_>, sink: &mut impl Sink) -> Result<(), Error> {
        let action = AccountAction::RequestRelationship;
        let user = self.partner_user(action, ctx)?;
        if RELATIONSHIP_ROLES
            .iter()
            .all(|role| !user.roles.contains(role))
        {
            return Err(refuse(
                Rule::Rel2,
                Reason::MissingRole {
                    customer: self.customer_ref(),
                    action,
                    any_of: RELATIONSHIP_ROLES,
                },
            ));
        }
        if user.region != self.region {
            return Err(refuse(
                Rule::Rel2,
                Reason::WrongRegion {
                    customer: self.customer_ref(),
                    action,
                    partner_region: user.region.clone(),
                    customer_region: self.region.clone(),
                },
            ));
        }
        if self
            .relationship(&user.partner)
            .is_some_and(|r| r.is_open(ctx.now))
        {
            return Ok(());
        }
        self.check_one_billing_partner(action, ctx.now)?;
        sink.event(AccountChange::RelationshipRequested {
            partner: user.partner.clone(),
        });
        Ok(())
    }

    /// BILL-9: while the account is monthly usage, or its monthly unlink is
    /// scheduled (REL-7), it is billed through its one partner: no other
    /// partner can be invited or accepted.
    fn check_one_billing_partner(
        &self,
        action: AccountAction,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let unlink_scheduled = self
            .relationships
            .iter()
            .any(|r| matches!(r.state_at(now), RelationshipState::UnlinkScheduled { .. }));
        if self.billing == BillingType::MonthlyUsage || unlink_scheduled {
            return Err(refuse(
                Rule::Bill9,
                Reason::BillingPartnerTaken {
                    customer: self.customer_ref(),
                    action,
                },
            ));
        }
        Ok(())
    }

    /// REL-4 … REL-7, REL-11.
    fn unlink(
        &self,
        mode: UnlinkMode,
        ctx: &Context<'_>,
        timers_due: bool,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        let action = AccountAction::Unlink;
        let user = self.partner_user(action, ctx)?;
        let state = self.live(user, action, true, Rule::Auth1, ctx)?;
        let wrong_mode = |applies| {
            refuse(
                Rule::Rel11,
                Reason::WrongUnlinkMode {
                    customer: self.customer_ref(),
                    asked: mode,
                    applies,
                    billing: self.billing,
                },
            )
        };
        if let RelationshipState::UnlinkScheduled { .. } = state {
            // Already scheduled: "already in that state" for a scheduled unlink.
            return match mode {
                UnlinkMode::Scheduled => Ok(()),
                UnlinkMode::Immediate => Err(wrong_mode(UnlinkMode::Scheduled)),
            };
        }
        if self.billing == BillingType::MonthlyUsage {
            // REL-7 (its Decision: REL-4 and REL-5 do not apply here).
            if mode != UnlinkMode::Scheduled {
                return Err(wrong_mode(UnlinkMode::Scheduled));
            }
            if !user.programmes.contains(Programme::MspFlex) {
                return Err(self.missing_programme(Rule::Rel7, action, Programme::MspFlex));
            }
            let unlink_at = first_instant_of_next_month(ctx.now, ctx.policy.calendar())?;
            sink.event(AccountChange::BillingChanged {
                from: BillingType::MonthlyUsage,
                to: BillingType::Trial,
            });
            sink.event(AccountChange::UnlinkScheduled {
                partner: user.partner.clone(),
                unlink_at,
                mdr_reports_until: unlink_at,
            });
            sink.effect(Effect::Schedule(Timer {
                key: self.unlink_key(&user.partner),
                due: unlink_at,
            }));
            return Ok(());
        }
        if mode != UnlinkMode::Immediate {
            return Err(wrong_mode(UnlinkMode::Immediate));
        }
        // REL-4 and REL-5 first, on trial accounts too: REL-6 never
        // overrides them.
        self.check_licences_allow_unlink(&user.partner, ctx, timers_due)?;
        // REL-6: unlinked now.
        sink.event(AccountChange::Unlinked {
            partner: user.partner.clone(),
            at: ctx.now,
        });
        Ok(())
    }

    /// REL-4 and REL-5, for every account but monthly usage: only the
    /// licences `partner` bought count (SUB-1); another partner's, or the
    /// customer's own, never block this partner's unlink. A licence in the
    /// trial state never blocks.
    ///
    /// Always inlined: its refusal is then written straight into `decide`'s
    /// result, where a call wrote it piecewise and `decide` copied it
    /// (measured: the refused unlink bench went from 2.0x to 1.5x).
    #[expect(clippy::inline_always, reason = "measured, see above")]
    #[inline(always)]
    fn check_licences_allow_unlink(
        &self,
        partner: &PartnerId,
        ctx: &Context<'_>,
        timers_due: bool,
    ) -> Result<(), Error> {
        // REL-4: an active or suspended licence must be removed first.
        // REL-5: an expired licence blocks while its policy phase does; the
        // earliest instant is the latest window end over all of them.
        let mut blocking: Option<(&Licence, DateTime<Utc>, DateTime<Utc>)> = None;
        for licence in &self.licences {
            if !licence.bought_by.is_partner(partner) {
                continue;
            }
            let caught_up;
            // `run`'s scan said whether any licence has a due timer or a
            // scheduled unlink has taken effect: without either, each
            // licence stands as stored (no second scan here).
            let now = if timers_due {
                caught_up = self.licence_at(licence, ctx)?;
                &*caught_up
            } else {
                licence
            };
            match now.state {
                LicenceState::Active { .. } | LicenceState::Suspended { .. } => {
                    return Err(refuse(
                        Rule::Rel4,
                        Reason::LicenceBlocksUnlink {
                            customer: self.customer_ref(),
                            licence: licence.id.clone(),
                            state: now.status(ctx.now, ctx.policy),
                        },
                    ));
                }
                LicenceState::Expired { at } => {
                    if let Some(closes) = ctx.policy.unlink_blocked_until(at, ctx.now)?
                        && blocking.is_none_or(|(_, _, latest)| closes > latest)
                    {
                        blocking = Some((licence, at, closes));
                    }
                }
                _ => {}
            }
        }
        if let Some((licence, expired_at, window_closes)) = blocking {
            return Err(Refusal::new(
                Rule::Rel5,
                Reason::ReactivationWindowOpen {
                    customer: self.customer_ref(),
                    licence: licence.id.clone(),
                    expired_at,
                    window_closes,
                },
            )
            .possible_from(window_closes)
            .into());
        }
        Ok(())
    }

    /// REL-8: delete a scheduled unlink before its date; monthly usage again.
    fn cancel_scheduled_unlink(
        &self,
        ctx: &Context<'_>,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        let action = AccountAction::CancelScheduledUnlink;
        let user = self.partner_user(action, ctx)?;
        let state = self
            .relationship(&user.partner)
            .map(|r| r.state_at(ctx.now));
        match state {
            Some(RelationshipState::UnlinkScheduled { .. }) => {}
            Some(state @ (RelationshipState::Linked | RelationshipState::Unlinked { .. })) => {
                return Err(refuse(
                    Rule::Rel8,
                    Reason::NoScheduledUnlink {
                        customer: self.customer_ref(),
                        partner: user.partner.clone(),
                        action,
                        state: state.status(),
                    },
                ));
            }
            _ => {
                return Err(refuse(
                    Rule::Auth1,
                    Reason::NoRelationship {
                        customer: self.customer_ref(),
                        partner: user.partner.clone(),
                        action,
                        state: state.map(|s| s.status()),
                    },
                ));
            }
        }
        if !user.programmes.contains(Programme::MspFlex) {
            return Err(self.missing_programme(Rule::Rel8, action, Programme::MspFlex));
        }
        sink.event(AccountChange::ScheduledUnlinkCancelled {
            partner: user.partner.clone(),
        });
        if self.billing == BillingType::Trial {
            sink.event(AccountChange::BillingChanged {
                from: BillingType::Trial,
                to: BillingType::MonthlyUsage,
            });
        }
        sink.effect(Effect::Cancel {
            key: self.unlink_key(&user.partner),
        });
        Ok(())
    }

    /// SUB-4 (and REL-3): a new active subscription, for an offer the
    /// partner may sell, with at least one seat, on a linked customer.
    fn add_subscription(
        &self,
        new: &NewSubscription<'_>,
        ctx: &Context<'_>,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        let action = AccountAction::AddSubscription;
        let user = self.partner_user(action, ctx)?;
        self.live(user, action, false, Rule::Auth1, ctx)?;
        if !user.offers.contains(new.offer) {
            return Err(refuse(
                Rule::Sub4,
                Reason::OfferNotAuthorised {
                    customer: self.customer_ref(),
                    offer: new.offer.clone(),
                },
            ));
        }
        if new.seats == 0 {
            return Err(refuse(
                Rule::Sub4,
                Reason::TooFewSeats {
                    licence: new.licence.clone(),
                    requested: new.seats,
                },
            ));
        }
        if new.term_days == 0 {
            return Err(refuse(
                Rule::Sub4,
                Reason::TermTooShort {
                    licence: new.licence.clone(),
                    term_days: new.term_days,
                },
            ));
        }
        if self.licences.iter().any(|l| l.id == *new.licence) {
            return Err(Error::DuplicateLicence {
                licence: new.licence.clone(),
            });
        }
        let term = Term::of_days(ctx.now, new.term_days)?;
        // SUB-1: bought by the partner that adds it.
        let bought_by = Purchaser::Partner(user.partner.clone());
        let mut licence = Licence::active(
            new.licence.clone(),
            new.offer.clone(),
            new.seats,
            term,
            new.auto_renew,
            bought_by.clone(),
        )?;
        licence.price = new.price;
        sink.event(AccountChange::SubscriptionAdded {
            licence: licence.id.clone(),
            bought_by,
            offer: licence.offer.clone(),
            seats: new.seats,
            term,
            auto_renew: new.auto_renew,
            price: new.price,
        });
        // A timer already due when the licence starts (a reminder further
        // back than a short term) applies now, as after any licence command:
        // the decided state never has an overdue timer.
        let settled = licence.catch_up(ctx, &mut |change| {
            sink.event(AccountChange::Licence {
                licence: licence.id.clone(),
                change,
            });
        })?;
        for timer in settled.timers(&self.id, ctx.policy) {
            sink.effect(Effect::Schedule(timer));
        }
        Ok(())
    }

    /// A command on one licence: who may send it (AUTH-1, REL-3, BILL-5 …
    /// BILL-7), then the licence's own rules.
    fn licence_command(
        &self,
        id: &LicenceId,
        command: &LicenceCommand,
        ctx: &Context<'_>,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        let action = AccountAction::Licence(command.action());
        match ctx.actor {
            Actor::Partner(user) => {
                self.live(user, action, false, Rule::Auth1, ctx)?;
                if self.billing == BillingType::Direct && manages_subscription(command.action()) {
                    return Err(self.billing_forbids(Rule::Bill6, action, self.billing));
                }
            }
            Actor::CustomerAdmin { .. } => {
                self.own_admin(action, ctx)?;
                if self.created_by == CreatedBy::Partner {
                    return Err(refuse(
                        Rule::Bill7,
                        Reason::ManagedByPartner {
                            customer: self.customer_ref(),
                            action,
                        },
                    ));
                }
            }
            Actor::Vendor => {}
        }
        let licence =
            self.licences
                .iter()
                .find(|l| l.id == *id)
                .ok_or_else(|| Error::UnknownLicence {
                    licence: id.clone(),
                })?;
        let now = self.licence_at(licence, ctx)?;
        let Some(change) = now.decide_now(&self.id, command, ctx)? else {
            return Ok(());
        };
        let after = now
            .clone()
            .into_owned()
            .settle(change, ctx, &mut |change| {
                sink.event(AccountChange::Licence {
                    licence: id.clone(),
                    change,
                });
            })?;
        now.timer_changes(&after, &self.id, ctx.policy, |effect| sink.effect(effect));
        Ok(())
    }

    /// A delivered timer: the platform's (the vendor's). Refused only when it
    /// is pending and early; otherwise the catch-up applied it, or it is stale.
    fn deliver(&self, timer: &Timer, ctx: &Context<'_>) -> Result<(), Error> {
        if !matches!(ctx.actor, Actor::Vendor) {
            return Err(refuse(
                Rule::Auth1,
                Reason::ActorNotAllowed {
                    customer: self.customer_ref(),
                    action: AccountAction::Deliver,
                    actor: ActorKind::of(ctx.actor),
                },
            ));
        }
        if *timer.key.customer() != self.id {
            // Another customer's timer: stale here.
            return Ok(());
        }
        match &timer.key {
            TimerKey::ScheduledUnlink { partner, .. } => {
                let pending = self.relationship(partner).is_some_and(|r| {
                    r.state
                        == RelationshipState::UnlinkScheduled {
                            unlink_at: timer.due,
                        }
                });
                if pending && timer.due > ctx.now {
                    return Err(Refusal::new(
                        Rule::Rel9,
                        Reason::NotDueYet {
                            key: timer.key.clone(),
                        },
                    )
                    .possible_from(timer.due)
                    .into());
                }
                Ok(())
            }
            key => {
                let licence = key
                    .licence()
                    .and_then(|id| self.licences.iter().find(|l| l.id == *id));
                if let Some(licence) = licence {
                    let now = self.licence_at(licence, ctx)?;
                    now.decide_now(&self.id, &LicenceCommand::Deliver(timer.clone()), ctx)?;
                }
                Ok(())
            }
        }
    }
}

/// CUST-4: a trimmed display name of 1 to the policy's maximum characters.
fn check_name(customer: &CustomerRef, name: &DisplayName, ctx: &Context<'_>) -> Result<(), Error> {
    let chars = name.chars();
    let max = ctx.policy.display_name_max_chars();
    if chars == 0 || u32::try_from(chars).map_or(true, |c| c > max) {
        return Err(refuse(
            Rule::Cust4,
            Reason::InvalidName {
                customer: customer.clone(),
                chars,
                max,
            },
        ));
    }
    Ok(())
}

/// A licence as it stands at `ctx.now`.
fn licence_now<'a>(licence: &'a Licence, ctx: &Context<'_>) -> Result<Cow<'a, Licence>, Error> {
    licence.catch_up(ctx, &mut |_| {})
}

/// The status of every licence at `now`, for views.
pub(crate) fn licence_statuses<'a>(
    account: &'a Account,
    now: DateTime<Utc>,
    policy: &'a crate::Policy,
) -> impl Iterator<Item = (&'a Licence, LicenceStatus)> + 'a {
    let actor = Actor::Vendor;
    account.licences.iter().map(move |licence| {
        let ctx = Context::new(now, &actor, policy);
        let status = licence
            .catch_up(&ctx, &mut |_| {})
            .map_or_else(|_| licence.status(now, policy), |l| l.status(now, policy));
        (licence, status)
    })
}
