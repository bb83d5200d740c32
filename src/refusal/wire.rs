//! A refusal on the wire (the strict wire boundary): its record with the
//! message, and its reason read from JSON (the `action` and `state`
//! fields, whose type depends on the reason).

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Reason, Refusal};
use crate::Rule;
use crate::instant;
use crate::wire::{Problem, field_set, from_fields, req, tagged, variants};
use crate::{
    AccountAction, ActorKind, BillingType, CustomerRef, GroupId, LicenceAction, LicenceId,
    LicenceStatus, PartnerId, PhaseName, Programme, RegionId, RelationshipStatus, Right, Roles,
    TimerKey, UnlinkMode,
};

/// A reason's `action` or `state`: its JSON type says which type it holds,
/// a string `S` or an object `M`.
enum ByType<S, M> {
    Str(S),
    Map(M),
}

/// A reason's `action`: a licence's (a string) or an account's (an object).
type ActionField = ByType<LicenceAction, AccountAction>;

/// A reason's `state`: a relationship's status (a string), a licence's (an
/// object), or none (`null`, read as the field's `Option`).
type StateField = Option<ByType<RelationshipStatus, LicenceStatus>>;

/// What a [`ByType`] field holds, as its read error names it.
trait Named {
    const WHAT: &'static str;
}

impl Named for LicenceAction {
    const WHAT: &'static str = "a licence action";
}
impl Named for AccountAction {
    const WHAT: &'static str = "an account action";
}
impl Named for RelationshipStatus {
    const WHAT: &'static str = "a relationship status";
}
impl Named for LicenceStatus {
    const WHAT: &'static str = "a licence status";
}

impl<'de, S, M> Deserialize<'de> for ByType<S, M>
where
    S: Deserialize<'de> + Named,
    M: Deserialize<'de> + Named,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ByTypeVisitor<S, M>(PhantomData<(S, M)>);
        impl<'de, S, M> Visitor<'de> for ByTypeVisitor<S, M>
        where
            S: Deserialize<'de> + Named,
            M: Deserialize<'de> + Named,
        {
            type Value = ByType<S, M>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} (a string) or {} (an object)", S::WHAT, M::WHAT)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                S::deserialize(v.into_deserializer()).map(ByType::Str)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                M::deserialize(MapAccessDeserializer::new(map)).map(ByType::Map)
            }
        }
        deserializer.deserialize_any(ByTypeVisitor(PhantomData))
    }
}

fn licence_action(slot: &mut Option<ActionField>) -> Result<LicenceAction, Problem> {
    match req(slot, "action")? {
        ByType::Str(action) => Ok(action),
        ByType::Map(_) => Err(Problem::Invalid(
            "`action`: expected a licence action (a string)".into(),
        )),
    }
}

fn account_action(slot: &mut Option<ActionField>) -> Result<AccountAction, Problem> {
    match req(slot, "action")? {
        ByType::Map(action) => Ok(action),
        ByType::Str(_) => Err(Problem::Invalid(
            "`action`: expected an account action (an object)".into(),
        )),
    }
}

fn licence_status(slot: &mut Option<StateField>) -> Result<LicenceStatus, Problem> {
    match req(slot, "state")? {
        Some(ByType::Map(status)) => Ok(status),
        None | Some(ByType::Str(_)) => Err(Problem::Invalid(
            "`state`: expected a licence status (an object)".into(),
        )),
    }
}

fn relationship_status(
    slot: &mut Option<StateField>,
) -> Result<Option<RelationshipStatus>, Problem> {
    match slot.take().flatten() {
        None => Ok(None),
        Some(ByType::Str(status)) => Ok(Some(status)),
        Some(ByType::Map(_)) => Err(Problem::Invalid(
            "`state`: expected a relationship status (a string) or null".into(),
        )),
    }
}

field_set! {
    /// The fields of a [`Reason`] as they stand in JSON.
    struct ReasonFields {
        licence: LicenceId,
        action: ActionField,
        state: StateField,
        requested: u32,
        price: crate::money::AsGiven,
        current: u32,
        removable: u32,
        window_days: u32,
        term_days: u32,
        closed_at: crate::instant::Instant,
        phase: PhaseName,
        at: crate::instant::Instant,
        key: TimerKey,
        customer: CustomerRef,
        partner: PartnerId,
        admin_of: crate::CustomerId,
        actor: ActorKind,
        any_of: Roles,
        programme: Programme,
        partner_region: RegionId,
        customer_region: RegionId,
        expired_at: crate::instant::Instant,
        window_closes: crate::instant::Instant,
        asked: UnlinkMode,
        applies: UnlinkMode,
        billing: BillingType,
        offer: crate::OfferId,
        group: GroupId,
        chars: usize,
        max: u32,
        missing: Right,
    }
}

tagged!(
    Reason,
    "a refusal's reason",
    "type",
    ReasonFields,
    |kind, f| {
        Ok(variants!(kind, {
            "terminal_state" => from_fields!(f, Reason::TerminalState { licence }
                with { action: licence_action(&mut f.action)?, state: licence_status(&mut f.state)? }),
            "wrong_state" => from_fields!(f, Reason::WrongState { licence }
                with { action: licence_action(&mut f.action)?, state: licence_status(&mut f.state)? }),
            "too_few_seats" => from_fields!(f, Reason::TooFewSeats { licence, requested }),
            "seat_decrease_window_closed" => from_fields!(f, Reason::SeatDecreaseWindowClosed { licence, requested, current, removable, window_days }),
            "term_too_short" => from_fields!(f, Reason::TermTooShort { licence, term_days }),
            "negative_price" => from_fields!(f, Reason::NegativePrice { licence, price }),
            "reactivation_window_closed" => from_fields!(f, Reason::ReactivationWindowClosed { licence, closed_at }),
            "phase_forbids" => from_fields!(f, Reason::PhaseForbids { licence, phase }
                with { action: licence_action(&mut f.action)? }),
            "suspension_cancelled" => from_fields!(f, Reason::SuspensionCancelled { licence, at }),
            "not_due_yet" => from_fields!(f, Reason::NotDueYet { key }),
            "no_relationship" => from_fields!(f, Reason::NoRelationship { customer, partner }
                with { action: account_action(&mut f.action)?, state: relationship_status(&mut f.state)? }),
            "other_customer" => from_fields!(f, Reason::OtherCustomer { customer, admin_of }
                with { action: account_action(&mut f.action)? }),
            "actor_not_allowed" => from_fields!(f, Reason::ActorNotAllowed { customer, actor }
                with { action: account_action(&mut f.action)? }),
            "missing_role" => from_fields!(f, Reason::MissingRole { customer, any_of }
                with { action: account_action(&mut f.action)? }),
            "missing_programme" => from_fields!(f, Reason::MissingProgramme { customer, programme }
                with { action: account_action(&mut f.action)? }),
            "wrong_region" => from_fields!(f, Reason::WrongRegion { customer, partner_region, customer_region }
                with { action: account_action(&mut f.action)? }),
            "not_yet_accepted" => from_fields!(f, Reason::NotYetAccepted { customer, partner }
                with { action: account_action(&mut f.action)? }),
            "no_invitation" => from_fields!(f, Reason::NoInvitation { customer, partner }
                with { action: account_action(&mut f.action)?, state: relationship_status(&mut f.state)? }),
            "licence_blocks_unlink" => from_fields!(f, Reason::LicenceBlocksUnlink { customer, licence }
                with { state: licence_status(&mut f.state)? }),
            "reactivation_window_open" => from_fields!(f, Reason::ReactivationWindowOpen { customer, licence, expired_at, window_closes }),
            "wrong_unlink_mode" => from_fields!(f, Reason::WrongUnlinkMode { customer, asked, applies, billing }),
            "no_scheduled_unlink" => from_fields!(f, Reason::NoScheduledUnlink { customer, partner }
                with { action: account_action(&mut f.action)?, state: relationship_status(&mut f.state)?.ok_or(Problem::Missing("state"))? }),
            "billing_forbids" => from_fields!(f, Reason::BillingForbids { customer, billing }
                with { action: account_action(&mut f.action)? }),
            "managed_by_partner" => from_fields!(f, Reason::ManagedByPartner { customer }
                with { action: account_action(&mut f.action)? }),
            "assistance_disabled" => from_fields!(f, Reason::AssistanceDisabled { customer }),
            "offer_not_authorised" => from_fields!(f, Reason::OfferNotAuthorised { customer, offer }),
            "unknown_group" => from_fields!(f, Reason::UnknownGroup { customer, group }),
            "invalid_name" => from_fields!(f, Reason::InvalidName { customer, chars, max }),
            "direct_purchase" => from_fields!(f, Reason::DirectPurchase { licence }
                with { action: licence_action(&mut f.action)? }),
            "other_partners_licence" => from_fields!(f, Reason::OtherPartnersLicence { licence }
                with { action: licence_action(&mut f.action)? }),
            "billing_partner_taken" => from_fields!(f, Reason::BillingPartnerTaken { customer }
                with { action: account_action(&mut f.action)? }),
            "other_partner_live" => from_fields!(f, Reason::OtherPartnerLive { customer }
                with { action: account_action(&mut f.action)? }),
            "missing_right" => from_fields!(f, Reason::MissingRight { licence, actor, missing }
                with { action: licence_action(&mut f.action)? }),
        }))
    }
);

/// A [`Refusal`] as it stands in JSON: with its message.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Refusal"))]
#[serde(deny_unknown_fields)]
pub(crate) struct RefusalRecord {
    /// The rule that refused.
    rule: Rule,
    /// The earliest instant at which the action becomes possible, where
    /// the rule defines one.
    #[serde(default)]
    #[serde(with = "instant::option")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DateTime<Utc>>"))]
    earliest: Option<DateTime<Utc>>,
    /// Why, with the data that explains it.
    reason: Reason,
    /// The refusal's sentence, as its `Display` gives it; recomputed from
    /// the reason when read back.
    #[serde(default)]
    message: String,
}

impl From<Refusal> for RefusalRecord {
    fn from(refusal: Refusal) -> RefusalRecord {
        RefusalRecord {
            message: refusal.to_string(),
            rule: refusal.rule,
            earliest: refusal.earliest,
            reason: refusal.reason,
        }
    }
}

impl From<RefusalRecord> for Refusal {
    fn from(record: RefusalRecord) -> Refusal {
        Refusal {
            rule: record.rule,
            earliest: record.earliest,
            reason: record.reason,
        }
    }
}
