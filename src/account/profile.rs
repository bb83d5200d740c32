//! The customer's profile: its display name's checks (CUST-4), groups
//! (CUST-3) and contact details (CUST-6).

use serde::{Deserialize, Serialize};

use super::Account;
use super::Out;
use super::event::AccountChange;
use crate::actor::Role;
use crate::actor::Roles;
use crate::decision::Context;
use crate::effect::Effect;
use crate::effect::NameTarget;
use crate::error::Error;
use crate::error::refuse;
use crate::ids::GroupId;
use crate::ids::PartnerId;
use crate::name::DisplayName;
use crate::refusal::Reason;
use crate::rule::Rule;
use crate::vocabulary::AccountAction;
use crate::vocabulary::CustomerRef;

/// A customer's membership of one of a partner's groups (CUST-3).
///
/// # Example
///
/// ```
/// use channel_licensing::account::GroupMembership;
///
/// let m = GroupMembership { partner: "acme".into(), group: "schools".into() };
/// assert_eq!(m.group.as_str(), "schools");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
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
/// use channel_licensing::account::Contact;
///
/// let contact = Contact { email: Some("it@rossi.example".into()), ..Contact::default() };
/// assert!(contact.phone.is_none());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
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

/// CUST-4: a trimmed display name of 1 to the policy's maximum characters.
pub(super) fn check_name(
    customer: &CustomerRef,
    name: &DisplayName,
    ctx: &Context<'_>,
) -> Result<(), Error> {
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

impl Account {
    /// CUST-3: a super admin adds the customer to one of the partner's groups.
    pub(super) fn add_to_group(
        &self,
        group: &GroupId,
        ctx: &Context<'_>,
        out: &mut Out,
    ) -> Result<(), Error> {
        let action = AccountAction::AddToGroup;
        let user = self.linked_partner(action, ctx)?;
        if !user.roles.contains(Role::SuperAdmin) {
            return Err(refuse(
                Rule::Cust3,
                Reason::MissingRole {
                    customer: self.customer_ref(),
                    action,
                    any_of: Roles::only(Role::SuperAdmin),
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
            out.event(AccountChange::AddedToGroup {
                partner: user.partner.clone(),
                group: group.clone(),
            });
        }
        Ok(())
    }

    /// CUST-4: a new display name, propagated to the admin console and the CRM.
    pub(super) fn rename(
        &self,
        name: &DisplayName,
        ctx: &Context<'_>,
        out: &mut Out,
    ) -> Result<(), Error> {
        let action = AccountAction::Rename;
        self.linked_partner(action, ctx)?;
        check_name(&self.customer_ref(), name, ctx)?;
        if *name != self.name {
            out.event(AccountChange::Renamed {
                from: self.name.clone(),
                to: name.clone(),
            });
            for to in [NameTarget::AdminConsole, NameTarget::Crm] {
                out.effect(Effect::PropagateName {
                    to,
                    customer: self.id.clone(),
                    name: name.clone(),
                });
            }
        }
        Ok(())
    }
}
