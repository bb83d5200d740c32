//! Partner relationships (REL-1, REL-2, REL-3): their states, invitations
//! and the customer's answer.

use chrono::{DateTime, Utc};
use enumset::enum_set;
use serde::{Deserialize, Serialize};

use super::Account;
use super::Out;
use super::event::AccountChange;
use crate::actor::Roles;
use crate::actor::{PartnerUser, Role};
use crate::decision::Context;
use crate::error::Error;
use crate::error::refuse;
use crate::ids::PartnerId;
use crate::instant;
use crate::refusal::Reason;
use crate::rule::Rule;
use crate::vocabulary::AccountAction;
use crate::vocabulary::RelationshipStatus;
use crate::wire::flat::flattened;
use crate::wire::tag::internally_tagged;

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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(tag = "state", deny_unknown_fields))]
pub enum RelationshipState {
    /// The partner asked for a reseller relationship; the customer has not answered (REL-2).
    Invited {
        /// When it was asked.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
    /// Linked: the partner manages the customer.
    Linked,
    /// Linked until `unlink_at`, when a scheduled unlink takes effect (REL-7).
    UnlinkScheduled {
        /// When the unlink takes effect.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        unlink_at: DateTime<Utc>,
    },
    /// Unlinked (REL-6, REL-9).
    Unlinked {
        /// When.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
        at: DateTime<Utc>,
    },
    /// The customer declined the invitation (REL-3).
    Declined {
        /// When.
        #[serde(with = "instant")]
        #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", deny_unknown_fields)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct Relationship {
    /// The partner.
    pub partner: PartnerId,
    /// The state.
    #[cfg_attr(feature = "schema", schemars(flatten))]
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
    pub(super) fn state_at(&self, now: DateTime<Utc>) -> RelationshipState {
        match self.unlink_taken_effect(now) {
            Some(at) => RelationshipState::Unlinked { at },
            None => self.state,
        }
    }

    /// The instant of a scheduled unlink that has taken effect by `now`
    /// (REL-9), if there is one.
    pub(super) fn unlink_taken_effect(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self.state {
            RelationshipState::UnlinkScheduled { unlink_at } if now >= unlink_at => Some(unlink_at),
            _ => None,
        }
    }

    /// Whether the partner is invited, linked or linked with an unlink
    /// scheduled at `now`: a relationship that is not over (BILL-9, REL-2).
    pub(super) fn is_open(&self, now: DateTime<Utc>) -> bool {
        matches!(
            self.state_at(now),
            RelationshipState::Invited { .. }
                | RelationshipState::Linked
                | RelationshipState::UnlinkScheduled { .. }
        )
    }
}

/// The roles that may ask for a reseller relationship (REL-2).
pub(super) const RELATIONSHIP_ROLES: Roles =
    enum_set!(Role::AccountAdmin | Role::SalesAgent | Role::BillingAgent);

impl Account {
    /// REL-2: an invitation from a partner user with the right role, in the
    /// customer's region; none to a second partner of a monthly account
    /// (BILL-9).
    pub(super) fn request_relationship(
        &self,
        ctx: &Context<'_>,
        out: &mut Out,
    ) -> Result<(), Error> {
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
        self.check_region(Rule::Rel2, action, user)?;
        if self
            .relationship(&user.partner)
            .is_some_and(|r| r.is_open(ctx.now))
        {
            return Ok(());
        }
        self.check_one_billing_partner(action, ctx.now)?;
        out.event(AccountChange::RelationshipRequested {
            partner: user.partner.clone(),
        });
        Ok(())
    }

    /// REL-2 and XFER-5: a partner works only with customers of its own
    /// region; refused under `rule` otherwise.
    pub(crate) fn check_region(
        &self,
        rule: Rule,
        action: AccountAction,
        user: &PartnerUser,
    ) -> Result<(), Error> {
        if user.region == self.region {
            return Ok(());
        }
        Err(refuse(
            rule,
            Reason::WrongRegion {
                customer: self.customer_ref(),
                action,
                partner_region: user.region.clone(),
                customer_region: self.region.clone(),
            },
        ))
    }

    /// REL-3: the customer's admin answers a partner's invitation; no
    /// second partner is accepted on a monthly account (BILL-9).
    pub(super) fn answer_invitation(
        &self,
        partner: &PartnerId,
        accept: bool,
        ctx: &Context<'_>,
        out: &mut Out,
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
                out.event(if accept {
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

    pub(super) fn set_relationship(&mut self, partner: &PartnerId, state: RelationshipState) {
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
}

internally_tagged!(RelationshipState, "state");
flattened!(Relationship, "state");
