//! Reading account commands from JSON (the strict wire boundary): each
//! object in one pass, its tag only from a string, unknown or foreign
//! fields errors.

use super::command::renews_by_default;
use crate::wire::{field_set, from_fields, req, tagged, variants};
use crate::{
    AccountAction, AccountCommand, DisplayName, EarlyAccessId, GroupId, LicenceAction,
    LicenceCommand, LicenceId, NewAccount, NewCustomer, OfferId, PartnerId, Timer, TimerKey,
    UnlinkMode,
};

field_set! {
    /// The fields of an [`AccountCommand`] as they stand in JSON.
    struct CommandFields {
        programme: EarlyAccessId,
        flex_compatible: bool,
        partner: PartnerId,
        mode: UnlinkMode,
        group: GroupId,
        name: DisplayName,
        licence: LicenceId,
        offer: OfferId,
        seats: u32,
        term_days: u32,
        auto_renew: bool,
        price: Option<crate::Money>,
        command: LicenceCommand,
        key: TimerKey,
        due: crate::instant::Instant,
    }
}

tagged!(
    AccountCommand,
    "an account command",
    "type",
    CommandFields,
    |kind, f| {
        Ok(variants!(kind, {
            "convert_to_monthly" => AccountCommand::ConvertToMonthly,
            "enrol_early_access" => from_fields!(f, AccountCommand::EnrolEarlyAccess { programme, flex_compatible }),
            "request_relationship" => AccountCommand::RequestRelationship,
            "accept_invitation" => from_fields!(f, AccountCommand::AcceptInvitation { partner }),
            "decline_invitation" => from_fields!(f, AccountCommand::DeclineInvitation { partner }),
            "unlink" => from_fields!(f, AccountCommand::Unlink { mode }),
            "cancel_scheduled_unlink" => AccountCommand::CancelScheduledUnlink,
            "launch_console" => AccountCommand::LaunchConsole,
            "enable_partner_assistance" => AccountCommand::EnablePartnerAssistance,
            "disable_partner_assistance" => AccountCommand::DisablePartnerAssistance,
            "add_to_group" => from_fields!(f, AccountCommand::AddToGroup { group }),
            "rename" => from_fields!(f, AccountCommand::Rename { name }),
            "add_subscription" => AccountCommand::AddSubscription {
                licence: req(&mut f.licence, "licence")?,
                offer: req(&mut f.offer, "offer")?,
                seats: req(&mut f.seats, "seats")?,
                term_days: req(&mut f.term_days, "term_days")?,
                auto_renew: f.auto_renew.take().unwrap_or_else(renews_by_default),
                price: f.price.take().flatten(),
            },
            "licence" => from_fields!(f, AccountCommand::Licence { licence, command }),
            "deliver" => AccountCommand::Deliver(Timer {
                key: req(&mut f.key, "key")?,
                due: req(&mut f.due, "due")?,
            }),
        }))
    }
);

field_set! {
    /// The fields of a [`NewAccount`] as they stand in JSON.
    struct NewAccountFields {
        customer: NewCustomer,
        licence: LicenceId,
        offer: OfferId,
        seats: u32,
        trial_days: u32,
        account: Box<crate::Account>,
    }
}

tagged!(
    NewAccount,
    "a new account",
    "type",
    NewAccountFields,
    |kind, f| {
        Ok(variants!(kind, {
            "create_trial" => from_fields!(f, NewAccount::CreateTrial { customer, licence, offer, seats, trial_days }),
            "create_monthly_account" => from_fields!(f, NewAccount::CreateMonthlyAccount { customer }),
            "create_customer_trial" => from_fields!(f, NewAccount::CreateCustomerTrial { customer, licence, offer, seats, trial_days }),
            "import" => from_fields!(f, NewAccount::Import { account }),
        }))
    }
);

field_set! {
    /// The field of an [`AccountAction`] besides its tag (`action`).
    struct ActionFields {
        licence_action: LicenceAction,
    }
}

tagged!(
    AccountAction,
    "an account action",
    "action",
    ActionFields,
    |action, f| {
        Ok(variants!(action, {
            "create_trial" => AccountAction::CreateTrial,
            "create_monthly_account" => AccountAction::CreateMonthlyAccount,
            "create_customer_trial" => AccountAction::CreateCustomerTrial,
            "import" => AccountAction::Import,
            "convert_to_monthly" => AccountAction::ConvertToMonthly,
            "enrol_early_access" => AccountAction::EnrolEarlyAccess,
            "request_relationship" => AccountAction::RequestRelationship,
            "accept_invitation" => AccountAction::AcceptInvitation,
            "decline_invitation" => AccountAction::DeclineInvitation,
            "unlink" => AccountAction::Unlink,
            "cancel_scheduled_unlink" => AccountAction::CancelScheduledUnlink,
            "launch_console" => AccountAction::LaunchConsole,
            "enable_partner_assistance" => AccountAction::EnablePartnerAssistance,
            "disable_partner_assistance" => AccountAction::DisablePartnerAssistance,
            "add_to_group" => AccountAction::AddToGroup,
            "rename" => AccountAction::Rename,
            "add_subscription" => AccountAction::AddSubscription,
            "licence" => AccountAction::Licence(req(&mut f.licence_action, "licence_action")?),
            "deliver" => AccountAction::Deliver,
            "view_contact" => AccountAction::ViewContact,
            "view_details" => AccountAction::ViewDetails,
            "transfer" => AccountAction::Transfer,
        }))
    }
);
