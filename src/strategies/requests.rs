//! Strategies for GDAP relationships (GDAP-1 … GDAP-7) and transfer
//! requests (XFER-7 … XFER-10), valid as stored.

use chrono::TimeDelta;
use proptest::prelude::*;

use super::instant;
use crate::gdap::{AdminRole, GdapRelationship, GdapState};
use crate::ids::{LicenceId, PartnerId};
use crate::transfer_requests::{TransferRequest, TransferState};

/// A GDAP relationship `id` of `partner` in any state: one to three admin
/// roles, a duration of 1 to 730 days, auto-extend only without the global
/// administrator role (GDAP-4), an active one ending after it was
/// activated, with its notices marked sent up to at most its end.
///
/// # Example
///
/// ```
/// use channel_licensing::gdap::GdapRelationship;
/// use channel_licensing::strategies::gdap_relationship;
/// use proptest::prelude::*;
///
/// proptest!(|(g in gdap_relationship("g1", "acme"))| {
///     let json = serde_json::to_string(&g).unwrap();
///     prop_assert_eq!(channel_licensing::from_json::<GdapRelationship>(&json).unwrap(), g);
/// });
/// ```
pub fn gdap_relationship(
    id: &str,
    partner: &str,
) -> impl Strategy<Value = GdapRelationship> + use<> {
    let roles = prop::sample::subsequence(
        vec![
            AdminRole::GlobalAdministrator,
            AdminRole::ServiceSupportAdministrator,
            AdminRole::HelpdeskAdministrator,
            AdminRole::GlobalReader,
        ],
        1..4,
    );
    let (id, partner) = (id.to_owned(), PartnerId::from(partner));
    (
        roles,
        1u32..=730,
        any::<bool>(),
        0u8..6,
        instant(),
        0u32..=730,
    )
        .prop_map(
            move |(roles, duration_days, auto_extend, kind, at, noticed)| {
                let mut gdap = GdapRelationship::pending(
                    id.as_str(),
                    partner.clone(),
                    roles,
                    duration_days,
                    at,
                );
                gdap.auto_extend = auto_extend && !gdap.has(AdminRole::GlobalAdministrator);
                gdap.state = match kind {
                    0 => GdapState::ApprovalPending { requested_at: at },
                    1 | 2 => {
                        let ends = at + TimeDelta::days(duration_days.into());
                        let noticed_until = (kind == 2)
                            .then(|| at + TimeDelta::days(noticed.min(duration_days).into()));
                        GdapState::Active {
                            activated_at: at,
                            ends,
                            noticed_until,
                        }
                    }
                    3 => GdapState::Expired { at },
                    4 => GdapState::Rejected { at },
                    _ => GdapState::Terminated { at },
                };
                gdap
            },
        )
}

/// The shape of a transfer request before the account's licences are
/// known: which partner asks which, which licences (by position), its
/// state and instant.
pub(super) fn transfer_spec()
-> impl Strategy<Value = (bool, Vec<usize>, u8, chrono::DateTime<chrono::Utc>)> {
    (
        any::<bool>(),
        prop::collection::vec(0usize..4, 1..3),
        0u8..6,
        instant(),
    )
}

/// The requests `specs` make among `partners` over `licences`, valid as
/// stored: a pending one names only licences the account has, none named
/// by an earlier pending request (XFER-10), else it is stored cancelled.
pub(super) fn transfer_requests(
    specs: Vec<(bool, Vec<usize>, u8, chrono::DateTime<chrono::Utc>)>,
    partners: [&str; 2],
    licences: &[LicenceId],
) -> Vec<TransferRequest> {
    let mut out: Vec<TransferRequest> = Vec::new();
    for (i, (forward, picks, kind, at)) in specs.into_iter().enumerate() {
        let (from, to) = if forward {
            (partners[0], partners[1])
        } else {
            (partners[1], partners[0])
        };
        let mut named: Vec<LicenceId> = Vec::new();
        for pick in picks {
            let id = licences
                .get(pick)
                .cloned()
                .unwrap_or_else(|| format!("X-{pick}").into());
            if !named.contains(&id) {
                named.push(id);
            }
        }
        let mut request = TransferRequest::pending(format!("t{i}"), from, to, named, at);
        let free = request
            .licences
            .iter()
            .all(|l| licences.contains(l) && !out.iter().any(|r| r.holds(l)));
        request.state = match kind {
            0 | 1 if free => TransferState::Pending { created_at: at },
            1 | 2 => TransferState::Accepted { at },
            3 => TransferState::Rejected { at },
            4 => TransferState::Expired { at },
            _ => TransferState::Cancelled { at },
        };
        out.push(request);
    }
    out
}
