//! Who acts (AUTH-1): a partner user, a customer admin or the vendor, and how
//! a refusal names the kind of actor and the right it lacked (AUTH-2).

use std::fmt;

use enumset::{EnumSet, EnumSetType};
use serde::{Deserialize, Serialize};

use crate::ids::{CustomerId, PartnerId};
use crate::ids::{GroupId, OfferId, RegionId};
use crate::wire::tag::internally_tagged;

/// A partner user's role in the partner portal (AUTH-1, REL-2, CUST-3).
///
/// # Example
///
/// ```
/// use channel_licensing::Role;
///
/// assert_eq!(Role::SuperAdmin.to_string(), "super admin");
/// assert_eq!(serde_json::to_string(&Role::SalesAgent)?, r#""sales_agent""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(EnumSetType, Debug, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[enumset(serialize_repr = "list")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// Partner super admin.
    SuperAdmin,
    /// Partner admin.
    Admin,
    /// Account admin.
    AccountAdmin,
    /// Sales agent.
    SalesAgent,
    /// Billing agent.
    BillingAgent,
    /// Help desk.
    HelpDesk,
    /// Read-only user.
    ReadOnly,
}

impl Role {
    /// Every role, in declaration order.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{PartnerUser, Role};
    /// use channel_licensing::actor::Roles;
    ///
    /// let user = PartnerUser::new("acme", "eu").with_roles(Role::ALL.iter().copied());
    /// assert_eq!(user.roles, Roles::all());
    /// assert_eq!(Role::ALL.len(), Roles::all().len());
    /// ```
    pub const ALL: &'static [Role] = &[
        Role::SuperAdmin,
        Role::Admin,
        Role::AccountAdmin,
        Role::SalesAgent,
        Role::BillingAgent,
        Role::HelpDesk,
        Role::ReadOnly,
    ];
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::SuperAdmin => "super admin",
            Role::Admin => "admin",
            Role::AccountAdmin => "account admin",
            Role::SalesAgent => "sales agent",
            Role::BillingAgent => "billing agent",
            Role::HelpDesk => "help desk",
            Role::ReadOnly => "read-only",
        })
    }
}

/// A set of [`Role`]s (an [`EnumSet`]); serialized as a list, read
/// strictly (an unknown role is an error). Copy, and never allocates.
///
/// # Example
///
/// ```
/// use channel_licensing::Role;
/// use channel_licensing::actor::Roles;
///
/// let roles = Roles::from([Role::AccountAdmin, Role::HelpDesk]);
/// assert!(roles.contains(Role::AccountAdmin));
/// assert!(!roles.contains(Role::SuperAdmin));
/// assert!((Roles::empty() | Role::Admin).contains(Role::Admin));
/// assert_eq!(serde_json::to_string(&roles)?, r#"["account_admin","help_desk"]"#);
/// assert!(serde_json::from_str::<Roles>(r#"["god"]"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub type Roles = EnumSet<Role>;

/// A partner programme (BILL-2, BILL-5, REL-7).
///
/// # Example
///
/// ```
/// use channel_licensing::Programme;
///
/// assert_eq!(Programme::MspFlex.to_string(), "MSP Flex");
/// assert_eq!(serde_json::to_string(&Programme::MspFlexConnect)?, r#""msp_flex_connect""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(EnumSetType, Debug, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[enumset(serialize_repr = "list")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Programme {
    /// Managed-service provider, Flex (monthly usage).
    MspFlex,
    /// Managed-service provider, Flex Connect (managed orders).
    MspFlexConnect,
    /// Cloud Solution Provider.
    Csp,
}

impl Programme {
    /// Every programme, in declaration order.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{PartnerUser, Programme};
    /// use channel_licensing::actor::Programmes;
    ///
    /// let user = PartnerUser::new("acme", "eu").with_programmes(Programme::ALL.iter().copied());
    /// assert_eq!(user.programmes, Programmes::all());
    /// assert_eq!(Programme::ALL.len(), Programmes::all().len());
    /// ```
    pub const ALL: &'static [Programme] = &[
        Programme::MspFlex,
        Programme::MspFlexConnect,
        Programme::Csp,
    ];
}

impl fmt::Display for Programme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Programme::MspFlex => "MSP Flex",
            Programme::MspFlexConnect => "MSP Flex Connect",
            Programme::Csp => "CSP",
        })
    }
}

/// A set of [`Programme`]s (an [`EnumSet`]); serialized as a list, read
/// strictly (an unknown programme is an error). Copy, and never allocates.
///
/// # Example
///
/// ```
/// use channel_licensing::Programme;
/// use channel_licensing::actor::Programmes;
///
/// let programmes: Programmes = [Programme::MspFlex].into();
/// assert!(programmes.contains(Programme::MspFlex));
/// assert!(!programmes.is_empty());
/// assert_eq!(programmes.iter().count(), 1);
/// assert_eq!(serde_json::to_string(&programmes)?, r#"["msp_flex"]"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub type Programmes = EnumSet<Programme>;

/// A user of a partner (AUTH-1).
///
/// # Example
///
/// ```
/// use channel_licensing::{PartnerUser, Programme, Role};
///
/// let user = PartnerUser::new("acme", "eu")
///     .with_roles([Role::AccountAdmin])
///     .with_programmes([Programme::MspFlex]);
/// assert!(user.roles.contains(Role::AccountAdmin));
/// assert_eq!(user.region.as_str(), "eu");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PartnerUser {
    /// The partner the user works for.
    pub partner: PartnerId,
    /// The user's roles.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "RolesSchema"))]
    pub roles: Roles,
    /// The partner's programmes.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "ProgrammesSchema"))]
    pub programmes: Programmes,
    /// The partner's region.
    pub region: RegionId,
    /// The partner's customer groups (CUST-3).
    #[serde(default)]
    pub groups: Vec<GroupId>,
    /// The offers the partner is authorised to sell (SUB-4).
    #[serde(default)]
    pub offers: Vec<OfferId>,
}

impl PartnerUser {
    /// A user of `partner` in `region`, with no roles and no programmes.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::PartnerUser;
    ///
    /// let user = PartnerUser::new("acme", "eu");
    /// assert!(user.roles.is_empty());
    /// ```
    #[must_use]
    pub fn new(partner: impl Into<PartnerId>, region: impl Into<RegionId>) -> Self {
        PartnerUser {
            partner: partner.into(),
            roles: Roles::empty(),
            programmes: Programmes::empty(),
            region: region.into(),
            groups: Vec::new(),
            offers: Vec::new(),
        }
    }

    /// This user, with `offers` added to those the partner may sell (SUB-4).
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::PartnerUser;
    ///
    /// let user = PartnerUser::new("acme", "eu").with_offers(["endpoint-advanced"]);
    /// assert_eq!(user.offers[0].as_str(), "endpoint-advanced");
    /// ```
    #[must_use]
    pub fn with_offers<O: Into<OfferId>>(mut self, offers: impl IntoIterator<Item = O>) -> Self {
        self.offers.extend(offers.into_iter().map(Into::into));
        self
    }

    /// This user, with the partner's customer groups `groups` added.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::PartnerUser;
    ///
    /// let user = PartnerUser::new("acme", "eu").with_groups(["schools"]);
    /// assert_eq!(user.groups[0].as_str(), "schools");
    /// ```
    #[must_use]
    pub fn with_groups<G: Into<GroupId>>(mut self, groups: impl IntoIterator<Item = G>) -> Self {
        self.groups.extend(groups.into_iter().map(Into::into));
        self
    }

    /// This user, with `roles` added.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{PartnerUser, Role};
    ///
    /// let user = PartnerUser::new("acme", "eu").with_roles([Role::SuperAdmin]);
    /// assert!(user.roles.contains(Role::SuperAdmin));
    /// ```
    #[must_use]
    pub fn with_roles(mut self, roles: impl IntoIterator<Item = Role>) -> Self {
        self.roles.extend(roles);
        self
    }

    /// This user, with `programmes` added.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{PartnerUser, Programme};
    ///
    /// let user = PartnerUser::new("acme", "eu").with_programmes([Programme::Csp]);
    /// assert!(user.programmes.contains(Programme::Csp));
    /// ```
    #[must_use]
    pub fn with_programmes(mut self, programmes: impl IntoIterator<Item = Programme>) -> Self {
        self.programmes.extend(programmes);
        self
    }
}

/// Who a command is decided for (AUTH-1).
///
/// # Example
///
/// ```
/// use channel_licensing::{Actor, PartnerUser};
///
/// let vendor = Actor::Vendor;
/// let partner = Actor::Partner(PartnerUser::new("acme", "eu"));
/// let admin = Actor::CustomerAdmin { customer: "rossi".into() };
/// assert_eq!(vendor.to_string(), "the vendor");
/// assert_eq!(partner.to_string(), "a user of partner acme");
/// assert_eq!(admin.to_string(), "the admin of customer rossi");
/// assert_eq!(serde_json::to_string(&vendor)?, r#"{"type":"vendor"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(tag = "type", deny_unknown_fields))]
pub enum Actor {
    /// A user of a partner.
    Partner(PartnerUser),
    /// An admin of a customer account, in its own console.
    CustomerAdmin {
        /// The customer the admin belongs to.
        customer: CustomerId,
    },
    /// The vendor itself (for example its licensing back office).
    Vendor,
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::Partner(user) => write!(f, "a user of partner {}", user.partner),
            Actor::CustomerAdmin { customer } => write!(f, "the admin of customer {customer}"),
            Actor::Vendor => f.write_str("the vendor"),
        }
    }
}

/// What kind of actor asked, as named in a refusal.
///
/// # Example
///
/// ```
/// use channel_licensing::Actor;
/// use channel_licensing::actor::ActorKind;
///
/// assert_eq!(ActorKind::of(&Actor::Vendor), ActorKind::Vendor);
/// assert_eq!(ActorKind::CustomerAdmin.to_string(), "a customer admin");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActorKind {
    /// A partner user.
    Partner,
    /// A customer admin.
    CustomerAdmin,
    /// The vendor.
    Vendor,
}

impl ActorKind {
    /// The kind of `actor`.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::Actor;
    /// use channel_licensing::actor::ActorKind;
    ///
    /// let admin = Actor::CustomerAdmin { customer: "rossi".into() };
    /// assert_eq!(ActorKind::of(&admin), ActorKind::CustomerAdmin);
    /// ```
    #[must_use]
    pub fn of(actor: &crate::actor::Actor) -> Self {
        match actor {
            crate::actor::Actor::Partner(_) => ActorKind::Partner,
            crate::actor::Actor::CustomerAdmin { .. } => ActorKind::CustomerAdmin,
            crate::actor::Actor::Vendor => ActorKind::Vendor,
        }
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ActorKind::Partner => "a partner user",
            ActorKind::CustomerAdmin => "a customer admin",
            ActorKind::Vendor => "the vendor",
        })
    }
}

/// A right an actor lacked (AUTH-2).
///
/// # Example
///
/// ```
/// use channel_licensing::actor::Right;
///
/// assert_eq!(Right::Vendor.to_string(), "being the vendor");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", schemars(tag = "right", deny_unknown_fields))]
pub enum Right {
    /// Only the vendor may do this (LIC-9).
    Vendor,
}

impl fmt::Display for Right {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Right::Vendor => f.write_str("being the vendor"),
        }
    }
}

internally_tagged!(Actor, "type");
internally_tagged!(Right, "right");

/// The schema of [`Roles`], an `EnumSet` the crate cannot implement
/// `JsonSchema` for: its fields take it with `schemars(with)`.
#[cfg(feature = "schema")]
pub(crate) struct RolesSchema;

#[cfg(feature = "schema")]
impl schemars::JsonSchema for RolesSchema {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Roles".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "array", "items": generator.subschema_for::<Role>(), "uniqueItems": true })
    }
}

/// The schema of [`Programmes`], for the same reason as [`RolesSchema`].
#[cfg(feature = "schema")]
pub(crate) struct ProgrammesSchema;

#[cfg(feature = "schema")]
impl schemars::JsonSchema for ProgrammesSchema {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Programmes".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "array", "items": generator.subschema_for::<Programme>(), "uniqueItems": true })
    }
}
