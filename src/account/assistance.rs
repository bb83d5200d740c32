//! Partner assistance (AST-1, AST-2, AST-3): its default, the customer's
//! switch and launching the admin console.

use super::Account;
use super::Out;
use super::billing::CreatedBy;
use super::event::AccountChange;
use crate::decision::Context;
use crate::error::Error;
use crate::error::refuse;
use crate::refusal::Reason;
use crate::rule::Rule;
use crate::vocabulary::AccountAction;
use crate::vocabulary::BillingType;

/// Whether partner assistance starts enabled (AST-2, AST-3): on for trials a
/// partner created, for monthly-usage accounts and for managed orders; off
/// for a trial the customer created; for other accounts, on when a partner
/// created them.
///
/// # Example
///
/// ```
/// use channel_licensing::{BillingType, CreatedBy};
/// use channel_licensing::account::default_partner_assistance;
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

impl Account {
    /// AST-3: only the customer's own admin switches partner assistance.
    pub(super) fn set_assistance(
        &self,
        enabled: bool,
        ctx: &Context<'_>,
        out: &mut Out,
    ) -> Result<(), Error> {
        let action = if enabled {
            AccountAction::EnablePartnerAssistance
        } else {
            AccountAction::DisablePartnerAssistance
        };
        self.own_admin(action, ctx)?;
        if self.partner_assistance != enabled {
            out.event(AccountChange::PartnerAssistanceChanged { enabled });
        }
        Ok(())
    }

    /// AST-1: open the customer's admin console.
    pub(super) fn launch_console(&self, ctx: &Context<'_>, out: &mut Out) -> Result<(), Error> {
        let action = AccountAction::LaunchConsole;
        let (user, _, _) = self.live_partner(action, Rule::Ast1, ctx)?;
        if !self.partner_assistance {
            return Err(refuse(
                Rule::Ast1,
                Reason::AssistanceDisabled {
                    customer: self.customer_ref(),
                },
            ));
        }
        out.event(AccountChange::ConsoleLaunched {
            partner: user.partner.clone(),
        });
        Ok(())
    }
}
