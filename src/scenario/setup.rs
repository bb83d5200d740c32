//! The simulation's state and the scenario's header: partners, customers
//! and actors (AUTH-1's actors as the scenario names them).

use crate::gdap::GdapRelationship;
use crate::transfer_requests::TransferRequest;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::account::Contact;
use crate::account::{Account, CreatedBy};
use crate::actor::{Actor, PartnerUser, Programme, Role};
use crate::testing::World;
use crate::vocabulary::BillingType;

use super::read::{Obj, enum_value, licence, policy, relationship};
use super::{Result, err};

/// A partner of the scenario.
pub(super) struct Partner {
    pub(super) region: String,
    pub(super) programmes: Vec<Programme>,
    pub(super) offers: Vec<String>,
    pub(super) groups: Vec<String>,
}

/// The scenario being played: the faithful caller's state.
pub(super) struct Simulation {
    pub(super) partners: BTreeMap<String, Partner>,
    /// The accounts, their outbox and the clock: the crate's own faithful
    /// caller.
    pub(super) world: World,
    /// The events decided since the header (its customers are imported,
    /// and their creation events are not counted).
    pub(super) events: usize,
    pub(super) last: Option<DateTime<Utc>>,
}

impl Simulation {
    /// Reads the scenario's header: format, policy, partners, customers.
    pub(super) fn new(root: &Value) -> Result<Simulation> {
        let top = Obj::new(root, "the scenario")?;
        match top.get("format").and_then(Value::as_u64) {
            Some(1) => {}
            _ => return err("field `format`", "must be 1"),
        }
        top.opt_str("description")?;
        let policy = policy(top.get("policy"))?;
        let mut partners = BTreeMap::new();
        for (i, value) in top.list("partners")?.iter().enumerate() {
            let p = Obj::new(value, format!("partners[{i}]"))?;
            let programmes = p
                .strings("programmes")?
                .into_iter()
                .map(|s| enum_value::<Programme>(&p.field("programmes"), s, "programme"))
                .collect::<Result<Vec<_>>>()?;
            if partners.contains_key(p.str("id")?) {
                return err(
                    &p.field("id"),
                    format!("partner `{}` is listed twice", p.str("id")?),
                );
            }
            // `bought_by` reads these two as the customer and the default
            // partner, so no partner may be called so.
            if matches!(p.str("id")?, "customer" | "partner") {
                return err(
                    &p.field("id"),
                    format!(
                        "`{}` cannot be a partner's ID: `bought_by` reserves it",
                        p.str("id")?
                    ),
                );
            }
            partners.insert(
                p.str("id")?.to_owned(),
                Partner {
                    region: p.str("region")?.to_owned(),
                    programmes,
                    offers: p
                        .strings("offers")?
                        .into_iter()
                        .map(str::to_owned)
                        .collect(),
                    groups: p
                        .strings("groups")?
                        .into_iter()
                        .map(str::to_owned)
                        .collect(),
                },
            );
            p.finish()?;
        }
        let mut sim = Simulation {
            partners,
            world: World::new(policy, DateTime::<Utc>::UNIX_EPOCH),
            events: 0,
            last: None,
        };
        for (i, value) in top.list("customers")?.iter().enumerate() {
            let place = format!("customers[{i}]");
            let account = sim.customer(value, place.clone())?;
            if sim.world.account(&account.id).is_some() {
                return err(
                    &format!("{place}, field `id`"),
                    format!("customer `{}` is listed twice", account.id),
                );
            }
            // Imported as a service would, its timers scheduled by the import.
            if let Err(e) = sim.world.import(account) {
                return err(&place, e.to_string());
            }
        }
        Ok(sim)
    }

    pub(super) fn customer(&self, value: &Value, place: String) -> Result<Account> {
        let c = Obj::new(value, place)?;
        let billing: BillingType =
            enum_value(&c.field("billing"), c.str("billing")?, "billing type")?;
        let created_by: CreatedBy = enum_value(
            &c.field("created_by"),
            c.opt_str("created_by")?.unwrap_or("partner"),
            "creator",
        )?;
        let mut account = Account::new(
            c.str("id")?,
            c.str("name")?,
            c.str("region")?,
            billing,
            created_by,
        );
        if c.get("partner_assistance").is_some() {
            account = account.with_partner_assistance(c.bool("partner_assistance", false)?);
        }
        if c.get("contact").is_some() {
            account = account.with_contact(c.parse::<Contact>("contact")?);
        }
        for (j, value) in c.list("relationships")?.iter().enumerate() {
            let place = format!("{}.relationships[{j}]", c.place);
            let (relationship, mdr_reports_until) =
                relationship(value, place.clone(), &|partner| {
                    self.partners.contains_key(partner)
                })?;
            if account.relationship(&relationship.partner).is_some() {
                return err(
                    &format!("{place}, field `partner`"),
                    format!("partner `{}` is listed twice", relationship.partner),
                );
            }
            if mdr_reports_until.is_some() {
                account.mdr_reports_until = mdr_reports_until;
            }
            account.relationships.push(relationship);
        }
        for (j, value) in c.list("licences")?.iter().enumerate() {
            let first_partner = account.relationships.first().map(|r| r.partner.as_str());
            let licence = licence(
                value,
                format!("{}.licences[{j}]", c.place),
                &|partner| self.partners.contains_key(partner),
                first_partner,
                self.world.policy(),
            )?;
            if account.licences.iter().any(|l| l.id == licence.id) {
                return err(
                    &format!("{}.licences[{j}]", c.place),
                    format!("licence `{}` is listed twice", licence.id),
                );
            }
            account = account.with_licence(licence);
        }
        // GDAP relationships and transfer requests: the crate's stored form.
        if c.get("gdap").is_some() {
            account.gdap = c.parse::<Vec<GdapRelationship>>("gdap")?;
        }
        if c.get("transfer_requests").is_some() {
            account.transfer_requests = c.parse::<Vec<TransferRequest>>("transfer_requests")?;
        }
        let partners = account.gdap.iter().map(|g| (&g.partner, "gdap")).chain(
            account.transfer_requests.iter().flat_map(|r| {
                [
                    (&r.from_partner, "transfer_requests"),
                    (&r.to_partner, "transfer_requests"),
                ]
            }),
        );
        for (partner, field) in partners {
            if !self.partners.contains_key(partner.as_str()) {
                return err(&c.field(field), format!("unknown partner `{partner}`"));
            }
        }
        for group in c.strings("groups")? {
            // The groups are the first listed partner's.
            let Some(rel) = account.relationships.first() else {
                return err(
                    &c.field("groups"),
                    "groups are a partner's: list the relationship first",
                );
            };
            account.groups.push(crate::account::GroupMembership {
                partner: rel.partner.clone(),
                group: group.into(),
            });
        }
        c.finish()?;
        Ok(account)
    }

    pub(super) fn actor(&self, step: &Obj<'_>) -> Result<Actor> {
        let a = step.obj("actor")?;
        if let Some(partner) = a.opt_str("partner")? {
            let Some(p) = self.partners.get(partner) else {
                return err(&a.field("partner"), format!("unknown partner `{partner}`"));
            };
            let roles = a
                .strings("roles")?
                .into_iter()
                .map(|r| enum_value::<Role>(&a.field("roles"), r, "role"))
                .collect::<Result<Vec<_>>>()?;
            let user = PartnerUser::new(partner, p.region.as_str())
                .with_roles(roles)
                .with_programmes(p.programmes.iter().copied())
                .with_offers(p.offers.iter().map(String::as_str))
                .with_groups(p.groups.iter().map(String::as_str));
            a.finish()?;
            return Ok(Actor::Partner(user));
        }
        if let Some(customer) = a.opt_str("customer_admin")? {
            if self.world.account(&customer.into()).is_none() {
                return err(
                    &a.field("customer_admin"),
                    format!("unknown customer `{customer}`"),
                );
            }
            a.finish()?;
            return Ok(Actor::CustomerAdmin {
                customer: customer.into(),
            });
        }
        if a.bool("vendor", false)? {
            a.finish()?;
            return Ok(Actor::Vendor);
        }
        err(&a.place, "expected `partner`, `customer_admin` or `vendor`")
    }
}
