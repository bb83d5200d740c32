//! Commands on a customer account and the creation commands, with their
//! kinds as refusals name them (AUTH-1, REL-3, AST-3: the rule that names a
//! missing right); `dispatch` sends each command to its family's file.

use super::Account;
use super::Out;
use super::subscriptions::NewSubscription;
use crate::decision::Context;
use crate::error::Error;

use crate::wire::tag::internally_tagged;

use serde::{Deserialize, Serialize};

use crate::effect::Timer;
use crate::gdap::GdapCommand;
use crate::ids::{CustomerId, LicenceId, PartnerId};
use crate::ids::{EarlyAccessId, GroupId, OfferId, RegionId};
use crate::ids::{GdapId, TransferId};
use crate::licence::LicenceCommand;
use crate::name::DisplayName;
use crate::transfer_requests::TransferCommand;
use crate::vocabulary::AccountAction;
use crate::vocabulary::UnlinkMode;

pub(super) fn renews_by_default() -> bool {
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(tag = "type", deny_unknown_fields))]
#[non_exhaustive]
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
        price: Option<crate::money::Money>,
    },
    /// A command on one of the account's licences (LIC-*, BILL-5 … BILL-7, REL-3).
    Licence {
        /// The licence.
        licence: LicenceId,
        /// The command.
        command: LicenceCommand,
    },
    /// A command on one of the account's GDAP relationships, or a request
    /// for a new one under this ID (GDAP-1 … GDAP-7).
    Gdap {
        /// The GDAP relationship.
        gdap: GdapId,
        /// The command.
        command: GdapCommand,
    },
    /// A command on one of the account's transfer requests, or a new one
    /// under this ID (XFER-7 … XFER-10).
    TransferRequest {
        /// The request.
        transfer: TransferId,
        /// The command.
        command: TransferCommand,
    },
    /// A scheduled timer is due: delivered by the platform, as [`Actor::Vendor`](crate::Actor::Vendor).
    Deliver(Timer),
}

impl AccountCommand {
    /// What the command asks for, without its data.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::AccountCommand;
    /// use channel_licensing::account::AccountAction;
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
            AccountCommand::Gdap { command, .. } => AccountAction::Gdap {
                gdap_action: command.action(),
            },
            AccountCommand::TransferRequest { command, .. } => AccountAction::TransferRequest {
                transfer_action: command.action(),
            },
            AccountCommand::Deliver(_) => AccountAction::Deliver,
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
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

/// A command that creates a customer account: a partner's (the partner is
/// linked to it), the customer's own trial, or an account imported.
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(tag = "type", deny_unknown_fields))]
#[non_exhaustive]
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
    /// A trial the customer creates for itself, through the vendor's own
    /// sign-up, by the new customer's admin (BILL-1; AST-3: partner
    /// assistance disabled): no partner, and the trial licence the
    /// customer's own.
    CreateCustomerTrial {
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
    /// An account brought in from another system as it stands, by the
    /// platform (the vendor): its history starts with this decision, which
    /// schedules its timers (any already due are delivered by the caller's
    /// scheduler at once). It must satisfy everything a stored account
    /// does (see [`Account`]).
    Import {
        /// The account.
        account: Box<Account>,
    },
}

impl Account {
    /// The command's own part of the decision, by the rule family that
    /// decides it.
    pub(super) fn dispatch(
        &self,
        command: &AccountCommand,
        ctx: &Context<'_>,
        out: &mut Out,
    ) -> Result<(), Error> {
        match command {
            AccountCommand::Deliver(timer) => self.deliver(timer, ctx, out),
            AccountCommand::Licence { licence, command } => {
                self.may_send(command, ctx)?;
                let licence = self.licence_named(licence)?;
                licence.step(&self.id, Some(command), ctx, out)?;
                Ok(())
            }
            AccountCommand::AcceptInvitation { partner } => {
                self.answer_invitation(partner, true, ctx, out)
            }
            AccountCommand::DeclineInvitation { partner } => {
                self.answer_invitation(partner, false, ctx, out)
            }
            AccountCommand::EnablePartnerAssistance => self.set_assistance(true, ctx, out),
            AccountCommand::DisablePartnerAssistance => self.set_assistance(false, ctx, out),
            AccountCommand::RequestRelationship => self.request_relationship(ctx, out),
            AccountCommand::Unlink { mode } => self.unlink(*mode, ctx, out),
            AccountCommand::CancelScheduledUnlink => self.cancel_scheduled_unlink(ctx, out),
            AccountCommand::LaunchConsole => self.launch_console(ctx, out),
            AccountCommand::ConvertToMonthly => self.convert_to_monthly(ctx, out),
            AccountCommand::EnrolEarlyAccess {
                programme,
                flex_compatible,
            } => self.enrol_early_access(programme, *flex_compatible, ctx, out),
            AccountCommand::AddToGroup { group } => self.add_to_group(group, ctx, out),
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
                self.add_subscription(&new, ctx, out)
            }
            AccountCommand::Rename { name } => self.rename(name, ctx, out),
            AccountCommand::Gdap { gdap, command } => self.gdap_command(gdap, command, ctx, out),
            AccountCommand::TransferRequest { transfer, command } => {
                self.transfer_command(transfer, command, ctx, out)
            }
        }
    }
}

internally_tagged!(AccountCommand, "type");
internally_tagged!(NewAccount, "type");
