//! What a partner sees of its customers (CUST-1, CUST-2, CUST-5, CUST-6,
//! REL-10): pure queries over a slice of accounts.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::account::Account;
use crate::account::Contact;
use crate::account::licence_statuses;
use crate::actor::Programmes;
use crate::actor::{PartnerUser, Programme};
use crate::error::Error;
use crate::ids::{CustomerId, LicenceId, PartnerId};
use crate::ids::{GroupId, OfferId};
use crate::name::DisplayName;
use crate::policy::Policy;
use crate::refusal::{Reason, Refusal};
use crate::rule::Rule;
use crate::vocabulary::AccountAction;
use crate::vocabulary::{BillingType, LicenceStatus, RelationshipStatus};

/// What the customer list asks for (CUST-1, CUST-2).
///
/// # Example
///
/// ```
/// use channel_licensing::customers::CustomerQuery;
///
/// let query = CustomerQuery::new("acme").search("rossi").only_active_protection(true);
/// assert_eq!(query.partner.as_str(), "acme");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CustomerQuery {
    /// The partner whose customers to list.
    pub partner: PartnerId,
    /// A search text; blank lists everyone (CUST-1).
    #[serde(default)]
    pub search: Option<String>,
    /// "Show only my protection": only the active licence categories (CUST-2).
    #[serde(default)]
    pub only_active_protection: bool,
    /// The partner's programmes: managed orders are listed only for a
    /// partner that can create MSP Flex Connect orders (CUST-5).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "crate::actor::ProgrammesSchema"))]
    pub programmes: Programmes,
}

impl CustomerQuery {
    /// Every customer of `partner`.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::customers::CustomerQuery;
    ///
    /// assert!(CustomerQuery::new("acme").search.is_none());
    /// ```
    #[must_use]
    pub fn new(partner: impl Into<PartnerId>) -> Self {
        CustomerQuery {
            partner: partner.into(),
            search: None,
            only_active_protection: false,
            programmes: Programmes::empty(),
        }
    }

    /// The query of `user`'s partner, with its programmes (CUST-5).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{PartnerUser, Programme};
    /// use channel_licensing::customers::CustomerQuery;
    ///
    /// let user = PartnerUser::new("acme", "eu").with_programmes([Programme::MspFlexConnect]);
    /// let query = CustomerQuery::for_partner(&user);
    /// assert!(query.programmes.contains(Programme::MspFlexConnect));
    /// ```
    #[must_use]
    pub fn for_partner(user: &PartnerUser) -> Self {
        CustomerQuery {
            programmes: user.programmes,
            ..CustomerQuery::new(user.partner.clone())
        }
    }

    /// This query, searching display names for `text`.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::customers::CustomerQuery;
    ///
    /// assert_eq!(CustomerQuery::new("acme").search("ros").search.as_deref(), Some("ros"));
    /// ```
    #[must_use]
    pub fn search(mut self, text: impl Into<String>) -> Self {
        self.search = Some(text.into());
        self
    }

    /// This query, with "show only my protection" on or off.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::customers::CustomerQuery;
    ///
    /// assert!(CustomerQuery::new("acme").only_active_protection(true).only_active_protection);
    /// ```
    #[must_use]
    pub fn only_active_protection(mut self, on: bool) -> Self {
        self.only_active_protection = on;
        self
    }
}

/// A licence as the customer views show it.
///
/// # Example
///
/// ```
/// use channel_licensing::LicenceStatus;
/// use channel_licensing::customers::LicenceRow;
///
/// let row = LicenceRow { licence: "L-1".into(), offer: "endpoint".into(), seats: 5, status: LicenceStatus::Active };
/// assert_eq!(row.status, LicenceStatus::Active);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LicenceRow {
    /// The licence.
    pub licence: LicenceId,
    /// Its offer (its "licence category").
    pub offer: OfferId,
    /// Its seats.
    pub seats: u32,
    /// Its status at the query's instant.
    pub status: LicenceStatus,
}

/// One line of the customer list.
///
/// # Example
///
/// See [`customer_list`].
///
/// ```
/// use channel_licensing::customers::CustomerRow;
///
/// fn is_labelled(row: &CustomerRow) -> bool { row.managed_order }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CustomerRow {
    /// The customer.
    pub customer: CustomerId,
    /// Its display name.
    pub name: DisplayName,
    /// Its billing type.
    pub billing: BillingType,
    /// Labelled as a managed order (the money label, CUST-5).
    pub managed_order: bool,
    /// The partner's relationship with it.
    pub relationship: RelationshipStatus,
    /// Whether the partner can launch its console (AST-1).
    pub partner_assistance: bool,
    /// Its licences, with their status (only the active ones when "show only
    /// my protection" is on).
    pub licences: Vec<LicenceRow>,
}

/// Whether `name` matches the search `text` (CUST-1): a case-insensitive
/// substring, Unicode-aware; a blank text matches everything.
///
/// Both sides are folded character by character: each character's Unicode
/// lower case (so a Greek capital sigma is always `σ`, whatever its place in
/// a word), with the final sigma `ς` read as `σ`, `ß` as `ss`, and the dot
/// that lower-casing `İ` adds dropped (so `İstanbul` matches `istanbul`).
///
/// # Example
///
/// ```
/// use channel_licensing::customers::name_matches;
///
/// assert!(name_matches("Müller GmbH", "MÜLL"));
/// assert!(name_matches("Großmann AG", "GROSSMANN"));
/// assert!(name_matches("ΟΔΟΣΑ ΑΕ", "οδοσ"));
/// assert!(name_matches("İstanbul Bilişim", "istanbul"));
/// assert!(name_matches("Rossi SpA", "   "));
/// assert!(!name_matches("Rossi SpA", "bianchi"));
/// ```
#[must_use]
pub fn name_matches(name: &str, text: &str) -> bool {
    let text = text.trim();
    text.is_empty() || fold(name).contains(&fold(text))
}

/// Case-folds `text` for search (see [`name_matches`]).
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for lower in text.chars().flat_map(char::to_lowercase) {
        match lower {
            'ς' => out.push('σ'),
            'ß' => out.push_str("ss"),
            '\u{307}' if out.ends_with('i') => {}
            other => out.push(other),
        }
    }
    out
}

fn licence_rows(
    account: &Account,
    only_active: bool,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Vec<LicenceRow> {
    licence_statuses(account, now, policy)
        .filter(|(_, status)| !only_active || *status == LicenceStatus::Active)
        .map(|(licence, status)| LicenceRow {
            licence: licence.id.clone(),
            offer: licence.offer.clone(),
            seats: licence.seats,
            status,
        })
        .collect()
}

/// The partner's customer list at `now` (CUST-1, CUST-2, CUST-5, REL-10):
/// the accounts it has a live relationship with (linked, or linked with an
/// unlink scheduled; unlinked accounts are gone), managed orders included
/// and labelled when the partner is in MSP Flex Connect, filtered by the
/// search text; with "show only my
/// protection", only the customers with an active licence, each showing
/// only its active licences. In the order of `accounts`: a slice, a `Vec`,
/// or the values of the map a service keeps its accounts in.
///
/// # Example
///
/// ```
/// use channel_licensing::{Account, BillingType, CreatedBy, PartnerUser, Policy, Programme, RelationshipState};
/// use channel_licensing::customers::{customer_list, CustomerQuery};
///
/// let accounts = [
///     Account::new("rossi", "Rossi SpA", "eu", BillingType::Term, CreatedBy::Partner)
///         .with_relationship("acme", RelationshipState::Linked),
///     Account::new("order-7", "Bianchi (order)", "eu", BillingType::ManagedOrder, CreatedBy::Partner)
///         .with_relationship("acme", RelationshipState::Linked),
///     Account::new("verdi", "Verdi Srl", "eu", BillingType::Term, CreatedBy::Partner)
///         .with_relationship("acme", RelationshipState::Unlinked { at: "2026-01-01T00:00:00Z".parse()? }),
/// ];
/// let now = "2026-03-01T00:00:00Z".parse()?;
/// let acme = PartnerUser::new("acme", "eu").with_programmes([Programme::MspFlexConnect]);
/// let rows = customer_list(&accounts, &CustomerQuery::for_partner(&acme), now, &Policy::standard());
/// let ids: Vec<&str> = rows.iter().map(|r| r.customer.as_str()).collect();
/// assert_eq!(ids, ["rossi", "order-7"]); // REL-10: verdi is unlinked
/// assert!(rows[1].managed_order); // CUST-5
///
/// let rows = customer_list(&accounts, &CustomerQuery::new("acme").search("ROSSI"), now, &Policy::standard());
/// assert_eq!(rows.len(), 1);
///
/// // Accounts kept in a map, by ID: no `Vec` to build for a query.
/// let by_id: std::collections::BTreeMap<_, _> = accounts.iter().map(|a| (a.id.clone(), a)).collect();
/// let rows = customer_list(by_id.values().copied(), &CustomerQuery::for_partner(&acme), now, &Policy::standard());
/// assert_eq!(rows.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn customer_list<'a>(
    accounts: impl IntoIterator<Item = &'a Account>,
    query: &CustomerQuery,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Vec<CustomerRow> {
    accounts
        .into_iter()
        .filter_map(|account| {
            let relationship = account
                .relationship_status(&query.partner, now)
                .filter(|status| status.is_live())?;
            if account.billing == BillingType::ManagedOrder
                && !query.programmes.contains(Programme::MspFlexConnect)
            {
                return None;
            }
            if !query
                .search
                .as_deref()
                .is_none_or(|text| name_matches(account.name.as_str(), text))
            {
                return None;
            }
            let licences = licence_rows(account, query.only_active_protection, now, policy);
            if query.only_active_protection && licences.is_empty() {
                return None;
            }
            Some(CustomerRow {
                customer: account.id.clone(),
                name: account.name.clone(),
                billing: account.billing,
                managed_order: account.billing == BillingType::ManagedOrder,
                relationship,
                partner_assistance: account.partner_assistance,
                licences,
            })
        })
        .collect()
}

/// The contact details a partner sees when it selects a customer (CUST-6).
///
/// # Example
///
/// See [`contact_details`].
///
/// ```
/// use channel_licensing::customers::ContactView;
///
/// fn email(view: &ContactView) -> Option<&str> { view.contact.email.as_deref() }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ContactView {
    /// The customer.
    pub customer: CustomerId,
    /// Its display name.
    pub name: DisplayName,
    /// Its contact details.
    pub contact: Contact,
}

/// The "customer details" page: the partner's groups the customer is in,
/// and its licences (CUST-6).
///
/// # Example
///
/// See [`customer_details`].
///
/// ```
/// use channel_licensing::customers::DetailsView;
///
/// fn group_count(view: &DetailsView) -> usize { view.groups.len() }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DetailsView {
    /// The customer.
    pub customer: CustomerId,
    /// Its display name.
    pub name: DisplayName,
    /// The partner's groups it belongs to.
    pub groups: Vec<GroupId>,
    /// Its licences, with their status.
    pub licences: Vec<LicenceRow>,
}

fn require_live(
    account: &Account,
    partner: &PartnerId,
    action: AccountAction,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let status = account.relationship_status(partner, now);
    if status.is_some_and(RelationshipStatus::is_live) {
        return Ok(());
    }
    Err(Error::Refused(Refusal::new(
        Rule::Auth1,
        Reason::NoRelationship {
            customer: account.customer_ref(),
            partner: partner.clone(),
            action,
            state: status,
        },
    )))
}

/// The customer's contact details, for a partner with a live relationship
/// (CUST-6; CUST-5 for managed orders).
///
/// # Errors
///
/// [`Error::Refused`] (AUTH-1) when `partner` has no live relationship.
///
/// # Example
///
/// ```
/// use channel_licensing::{Account, BillingType, CreatedBy, RelationshipState};
/// use channel_licensing::account::Contact;
/// use channel_licensing::customers::contact_details;
///
/// let contact = Contact { email: Some("it@rossi.example".into()), ..Contact::default() };
/// let account = Account::new("rossi", "Rossi SpA", "eu", BillingType::Term, CreatedBy::Partner)
///     .with_relationship("acme", RelationshipState::Linked)
///     .with_contact(contact);
/// let now = "2026-03-01T00:00:00Z".parse()?;
/// let view = contact_details(&account, &"acme".into(), now)?;
/// assert_eq!(view.contact.email.as_deref(), Some("it@rossi.example"));
/// assert!(contact_details(&account, &"beta".into(), now).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn contact_details(
    account: &Account,
    partner: &PartnerId,
    now: DateTime<Utc>,
) -> Result<ContactView, Error> {
    require_live(account, partner, AccountAction::ViewContact, now)?;
    Ok(ContactView {
        customer: account.id.clone(),
        name: account.name.clone(),
        contact: account.contact.clone(),
    })
}

/// The customer's groups (the partner's) and licences, for a partner with a
/// live relationship (CUST-6).
///
/// # Errors
///
/// [`Error::Refused`] (AUTH-1) when `partner` has no live relationship.
///
/// # Example
///
/// ```
/// use channel_licensing::{Account, BillingType, CreatedBy, Licence, Policy, Purchaser, RelationshipState, Term};
/// use channel_licensing::customers::customer_details;
///
/// let licence = Licence::active("L-1", "endpoint", 5, Term::of_days("2026-01-01T00:00:00Z".parse()?, 365)?, true, Purchaser::partner("acme"))?;
/// let account = Account::new("rossi", "Rossi SpA", "eu", BillingType::Term, CreatedBy::Partner)
///     .with_relationship("acme", RelationshipState::Linked)
///     .with_licence(licence);
/// let view = customer_details(&account, &"acme".into(), "2026-03-01T00:00:00Z".parse()?, &Policy::standard())?;
/// assert_eq!(view.licences.len(), 1);
/// assert!(view.groups.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn customer_details(
    account: &Account,
    partner: &PartnerId,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Result<DetailsView, Error> {
    require_live(account, partner, AccountAction::ViewDetails, now)?;
    Ok(DetailsView {
        customer: account.id.clone(),
        name: account.name.clone(),
        groups: account
            .groups
            .iter()
            .filter(|m| m.partner == *partner)
            .map(|m| m.group.clone())
            .collect(),
        licences: licence_rows(account, false, now, policy),
    })
}
