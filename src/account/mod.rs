//! Customer accounts: the aggregate that owns a customer's licences, its
//! billing type and one relationship per partner (no rule of its own: each
//! family has its file, `unlink.rs`, `relationship.rs`, `billing.rs`,
//! `assistance.rs`, `access.rs`, `profile.rs`, `subscriptions.rs`, `timers.rs`).
//!
//! An [`Account`] is decided like a [`Licence`]: load it, [`decide`](Account::decide)
//! an [`AccountCommand`] for an actor at `now`, apply the events with
//! [`evolve`](Account::evolve), persist the effects. New accounts come from
//! [`Account::create`]. Timers (the licences' and a scheduled unlink's) are
//! delivered back as [`AccountCommand::Deliver`] by the platform, that is as
//! [`Actor::Vendor`](crate::Actor::Vendor).

mod access;
mod assistance;
mod billing;
mod command;
mod create;
mod event;
mod gdap;
mod invariants;
mod profile;
mod relationship;
mod subscriptions;
mod timers;
mod transfer_requests;
mod unlink;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::decision::{Context, Decision};
use crate::error::Error;
use crate::ids::{CustomerId, PartnerId};
use crate::ids::{EarlyAccessId, RegionId};
use crate::licence::{Licence, Purchaser};

use crate::gdap::GdapRelationship;
use crate::instant;
pub use crate::name::DisplayName;
use crate::transfer_requests::TransferRequest;
pub use crate::vocabulary::{
    AccountAction, BillingType, CustomerRef, RelationshipStatus, UnlinkMode,
};
use crate::wire::checked;
pub use assistance::default_partner_assistance;
pub use billing::{CreatedBy, CreditContact, credit_contact};
pub use command::{AccountCommand, NewAccount, NewCustomer};
pub use event::{AccountChange, AccountEvent};
pub use profile::{Contact, GroupMembership};
pub use relationship::{Relationship, RelationshipState};
pub(crate) use timers::licence_statuses;

/// The decision an account's rules build: its changes and effects.
type Out = crate::decision::Draft<AccountChange>;

/// A customer account: the aggregate that owns its licences, its billing
/// type and one relationship per partner.
///
/// # Read from JSON
///
/// An account loads only when a decision could have left it, and the error
/// ([`from_json`](crate::from_json) names the path) says which field breaks
/// which rule: every licence is valid (see [`Licence`]); licence IDs are
/// unique, and so are the partners of its relationships (REL-1); a licence
/// a partner bought names a partner the account has a relationship with
/// (SUB-1), and so do its GDAP relationships and transfer requests (GDAP-1,
/// XFER-7), whose IDs are unique; a monthly-usage account, or one with an unlink scheduled, has
/// at most one live partner, and at most one relationship has its unlink scheduled (BILL-9),
/// only on a trial or monthly-usage account and with `mdr_reports_until`
/// set (REL-7); IDs are non-empty, without surrounding white space, at most
/// [`MAX_ID_BYTES`](crate::ids::MAX_ID_BYTES) bytes; the name is not blank and
/// at most 255 characters (CUST-4); no field is unknown. Loading is linear
/// in the size of the row.
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", deny_unknown_fields)]
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
    /// Its GDAP relationships, each with its own partner (GDAP-1 …
    /// GDAP-8). Left out of the JSON when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gdap: Vec<GdapRelationship>,
    /// Its transfer requests between partners (XFER-7 … XFER-10). Left out
    /// of the JSON when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transfer_requests: Vec<TransferRequest>,
    /// After a monthly-usage unlink is scheduled, MDR reports keep flowing
    /// until this instant, the next billing cycle (REL-7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "instant::option")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DateTime<Utc>>"))]
    pub mdr_reports_until: Option<DateTime<Utc>>,
}

checked!(Account, |account: Account| account
    .check()
    .map(|()| account));

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
            gdap: Vec::new(),
            transfer_requests: Vec::new(),
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
    pub fn with_licence(mut self, mut licence: Licence) -> Self {
        if let Purchaser::Partner(partner) = &mut licence.bought_by
            && let Some(relationship) = self.relationship(partner)
        {
            // One copy of the partner's ID, as a loaded account has.
            partner.clone_from(&relationship.partner);
        }
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
    /// use channel_licensing::{Account, BillingType, CreatedBy};
    /// use channel_licensing::account::Contact;
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

    /// Decides `command` for `ctx.actor` at `ctx.now`: the events to apply
    /// and the effects to persist, or a refusal.
    ///
    /// The account is judged as it stands at `now`: licence timers and
    /// scheduled unlinks that are due are applied first, and their events
    /// lead the decision. A command on one licence
    /// ([`AccountCommand::Licence`]) or the delivery of one licence's timer
    /// catches up that licence only (the whole account when a scheduled
    /// unlink has taken effect): the other licences' due timers stay pending
    /// in the caller's outbox until they are delivered. Whatever order a
    /// scheduler delivers timers in, they take effect in due order: a
    /// scheduled unlink ends its partner's licences at its instant (REL-7)
    /// even when their own term ends, due later, were not delivered yet.
    /// Pure.
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
    /// [`Error::Money`] (an amount out of range) when a cancellation's amount cannot be
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
        let mut out = Out::default();
        let account = self.caught_up(self.one_licence(command), ctx, &mut out)?;
        account.dispatch(command, ctx, &mut out)?;
        Ok(out.finish(|change| AccountEvent {
            customer: self.id.clone(),
            decided_at: ctx.now,
            policy: ctx.policy.stamp(),
            change,
        }))
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
        if event.customer == self.id {
            self.apply_change(&event.change, event.decided_at);
        }
        self
    }

    /// Applies `change`, decided at `at`.
    fn apply_change(&mut self, change: &AccountChange, at: DateTime<Utc>) {
        if let AccountChange::Created { account } = change {
            *self = (**account).clone();
            return;
        }
        match change {
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
                    slot.apply(change, at);
                }
            }
            AccountChange::TransferRequest { transfer, change } => {
                self.apply_transfer(transfer, change, at);
            }
            AccountChange::Gdap { gdap, change } => {
                match self.gdap.iter_mut().find(|g| g.id == *gdap) {
                    Some(relationship) => relationship.apply(change, at),
                    None => self
                        .gdap
                        .extend(GdapRelationship::requested(gdap, change, at)),
                }
            }
        }
    }
}
