//! What a stored account keeps true, checked when it is read (REL-1, REL-7,
//! SUB-1, BILL-9): every account that loads is one decisions could have
//! left. Each check is one pass over the account: loading is linear in the
//! size of the row.

use std::collections::HashSet;
use std::hash::Hash;

use super::Account;
use super::relationship::RelationshipState;
use crate::error::Error;
use crate::ids::PartnerId;
use crate::licence::Purchaser;
use crate::rule::Rule;
use crate::vocabulary::BillingType;

impl Account {
    /// The first invariant this account breaks (each licence's own are
    /// checked as it is read):
    ///
    /// - licence IDs are unique ([`Error::DuplicateLicence`]), and so are
    ///   the partners of its relationships (REL-1, [`Error::DuplicateRelationship`]);
    /// - a licence a partner bought names a partner the account has a
    ///   relationship with (SUB-1);
    /// - a monthly-usage account, or one with an unlink scheduled, has at
    ///   most one live partner (linked, or with its unlink scheduled; BILL-9);
    /// - at most one relationship has its unlink scheduled (BILL-9), only on
    ///   an account REL-7 made a trial (or that became monthly usage
    ///   again), and with the instant its MDR reports stop
    ///   (`mdr_reports_until`, REL-7).
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateLicence`], [`Error::DuplicateRelationship`], or
    /// [`Error::InvalidState`] naming the field and the rule.
    pub(crate) fn check(&self) -> Result<(), Error> {
        unique(self.licences.iter().map(|l| &l.id)).map_err(|licence| Error::DuplicateLicence {
            licence: licence.clone(),
        })?;
        let partners =
            unique(self.relationships.iter().map(|r| &r.partner)).map_err(|partner| {
                Error::DuplicateRelationship {
                    partner: partner.clone(),
                }
            })?;
        self.check_gdap_and_transfers()?;
        for (index, licence) in self.licences.iter().enumerate() {
            let Purchaser::Partner(partner) = &licence.bought_by else {
                continue;
            };
            if !partners.contains(partner) {
                return Err(Error::InvalidState {
                    field: format!("licences[{index}].bought_by"),
                    problem: format!(
                        "bought by partner {partner}, which has no relationship with the account"
                    ),
                    rule: Some(Rule::Sub1),
                });
            }
        }
        let mut scheduled = None;
        for (index, relationship) in self.relationships.iter().enumerate() {
            if !matches!(
                relationship.state,
                RelationshipState::UnlinkScheduled { .. }
            ) {
                continue;
            }
            let field = format!("relationships[{index}].state");
            if scheduled.replace(index).is_some() {
                return Err(Error::InvalidState {
                    field,
                    problem: "a second partner with its unlink scheduled".into(),
                    rule: Some(Rule::Bill9),
                });
            }
            if !matches!(self.billing, BillingType::Trial | BillingType::MonthlyUsage) {
                return Err(Error::InvalidState {
                    field,
                    problem: format!(
                        "an unlink is scheduled only on a monthly-usage account, which it makes a trial; this one is billed as {}",
                        self.billing
                    ),
                    rule: Some(Rule::Rel7),
                });
            }
            if self.mdr_reports_until.is_none() {
                return Err(Error::InvalidState {
                    field: "mdr_reports_until".into(),
                    problem: "missing while an unlink is scheduled".into(),
                    rule: Some(Rule::Rel7),
                });
            }
        }
        if self.billing == BillingType::MonthlyUsage || scheduled.is_some() {
            // BILL-9: one billing partner, also while its unlink is scheduled.
            let mut billing_partner = None;
            for (index, relationship) in self.relationships.iter().enumerate() {
                if !matches!(
                    relationship.state,
                    RelationshipState::Linked | RelationshipState::UnlinkScheduled { .. }
                ) {
                    continue;
                }
                if billing_partner.replace(index).is_some() {
                    return Err(Error::InvalidState {
                        field: format!("relationships[{index}].state"),
                        problem: "a second live partner on an account billed through one (monthly usage, or its monthly unlink scheduled)".into(),
                        rule: Some(Rule::Bill9),
                    });
                }
            }
        }
        Ok(())
    }
}

/// The set of `items`, or the first that stands twice.
fn unique<'a, T: Eq + Hash>(
    items: impl ExactSizeIterator<Item = &'a T>,
) -> Result<HashSet<&'a T>, &'a T> {
    let mut seen = HashSet::new();
    seen.reserve(items.len());
    for item in items {
        if !seen.insert(item) {
            return Err(item);
        }
    }
    Ok(seen)
}

impl Account {
    /// GDAP-1, XFER-7 and XFER-10: GDAP relationship and transfer request
    /// IDs are unique; a pending transfer request names licences the
    /// account has, none named by an earlier pending request.
    fn check_gdap_and_transfers(&self) -> Result<(), Error> {
        // Only a partner linked with the customer requests a relationship or
        // a transfer (GDAP-1, XFER-7), and relationships are never removed.
        let related = |partner: &PartnerId| self.relationship(partner).is_some();
        for (index, gdap) in self.gdap.iter().enumerate() {
            if !related(&gdap.partner) {
                return Err(Error::InvalidState {
                    field: format!("gdap[{index}].partner"),
                    problem: format!(
                        "partner {} has no relationship with the account",
                        gdap.partner
                    ),
                    rule: Some(Rule::Gdap1),
                });
            }
        }
        for (index, request) in self.transfer_requests.iter().enumerate() {
            for (field, partner) in [
                ("from_partner", &request.from_partner),
                ("to_partner", &request.to_partner),
            ] {
                if !related(partner) {
                    return Err(Error::InvalidState {
                        field: format!("transfer_requests[{index}].{field}"),
                        problem: format!("partner {partner} has no relationship with the account"),
                        rule: Some(Rule::Xfer7),
                    });
                }
            }
        }
        if let Err(id) = unique(self.gdap.iter().map(|g| &g.id)) {
            let index = self
                .gdap
                .iter()
                .rposition(|g| g.id == *id)
                .unwrap_or_default();
            return Err(Error::InvalidState {
                field: format!("gdap[{index}].id"),
                problem: format!("the account lists GDAP relationship {id} twice"),
                rule: Some(Rule::Gdap1),
            });
        }
        if let Err(id) = unique(self.transfer_requests.iter().map(|r| &r.id)) {
            let index = self
                .transfer_requests
                .iter()
                .rposition(|r| r.id == *id)
                .unwrap_or_default();
            return Err(Error::InvalidState {
                field: format!("transfer_requests[{index}].id"),
                problem: format!("the account lists transfer request {id} twice"),
                rule: Some(Rule::Xfer7),
            });
        }

        for (index, request) in self.transfer_requests.iter().enumerate() {
            for (at, licence) in request.licences.iter().enumerate() {
                if !request.holds(licence) {
                    continue;
                }
                let field = format!("transfer_requests[{index}].licences[{at}]");
                if !self.licences.iter().any(|l| l.id == *licence) {
                    return Err(Error::InvalidState {
                        field,
                        problem: format!("the account has no licence {licence}"),
                        rule: Some(Rule::Xfer7),
                    });
                }
                if self.transfer_requests[..index]
                    .iter()
                    .any(|r| r.holds(licence))
                {
                    return Err(Error::InvalidState {
                        field,
                        problem: format!("licence {licence} is named by two pending requests"),
                        rule: Some(Rule::Xfer10),
                    });
                }
            }
        }
        Ok(())
    }
}
