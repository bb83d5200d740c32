//! Strategies for commands (no rule of its own): any command, the creation
//! commands, deliveries of pending timers, and `command_for`, biased toward
//! what an account accepts (AUTH-1's actors, SUB-1's owners).

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;

use super::{PARTNERS, account_of, actor, partner_user};
use crate::account::{Account, AccountCommand, RelationshipState};
use crate::actor::{Actor, PartnerUser, Programme, Role};
use crate::gdap::{AdminRole, GdapCommand};
use crate::ids::{GdapId, PartnerId, TransferId};
use crate::licence::{LicenceCommand, Purchaser};
use crate::name::DisplayName;
use crate::policy::Policy;
use crate::transfer_requests::TransferCommand;
use crate::vocabulary::UnlinkMode;

/// Any licence command, with the pool's seat counts and terms.
///
/// # Example
///
/// ```
/// use channel_licensing::strategies::licence_command;
/// use proptest::prelude::*;
///
/// proptest!(|(c in licence_command())| { let _ = serde_json::to_string(&c).unwrap(); });
/// ```
pub fn licence_command() -> impl Strategy<Value = LicenceCommand> {
    prop_oneof![
        (1u32..400, any::<bool>()).prop_map(|(term_days, auto_renew)| LicenceCommand::Reactivate {
            term_days,
            auto_renew
        }),
        Just(LicenceCommand::Suspend),
        Just(LicenceCommand::Resume),
        Just(LicenceCommand::Cancel),
        Just(LicenceCommand::Revoke),
        Just(LicenceCommand::Remove),
        (0u32..60).prop_map(|seats| LicenceCommand::ChangeSeats { seats }),
        any::<bool>().prop_map(|on| LicenceCommand::SetAutoRenew { on }),
    ]
}

/// Any account command on customer `rossi`, naming the pool's partners,
/// licences and offer.
///
/// # Example
///
/// ```
/// use channel_licensing::strategies::account_command;
/// use proptest::prelude::*;
///
/// proptest!(|(c in account_command())| { let _ = serde_json::to_string(&c).unwrap(); });
/// ```
pub fn account_command() -> impl Strategy<Value = AccountCommand> {
    let partner = prop::sample::select(&PARTNERS[..]);
    prop_oneof![
        Just(AccountCommand::ConvertToMonthly),
        any::<bool>().prop_map(|flex_compatible| AccountCommand::EnrolEarlyAccess {
            programme: "eap-xdr".into(),
            flex_compatible
        }),
        Just(AccountCommand::RequestRelationship),
        partner
            .clone()
            .prop_map(|p| AccountCommand::AcceptInvitation { partner: p.into() }),
        partner.prop_map(|p| AccountCommand::DeclineInvitation { partner: p.into() }),
        prop_oneof![Just(UnlinkMode::Immediate), Just(UnlinkMode::Scheduled)]
            .prop_map(|mode| AccountCommand::Unlink { mode }),
        Just(AccountCommand::CancelScheduledUnlink),
        Just(AccountCommand::LaunchConsole),
        Just(AccountCommand::EnablePartnerAssistance),
        Just(AccountCommand::DisablePartnerAssistance),
        Just(AccountCommand::AddToGroup {
            group: "schools".into()
        }),
        Just(AccountCommand::Rename {
            name: DisplayName::new("Rossi Group SpA")
        }),
        (4u32..8, 1u32..20, 1u32..400).prop_map(|(i, seats, term_days)| {
            AccountCommand::AddSubscription {
                licence: format!("L-{i}").into(),
                offer: "endpoint".into(),
                seats,
                term_days,
                auto_renew: true,
                price: None,
            }
        }),
        (0u32..4, licence_command()).prop_map(|(i, command)| AccountCommand::Licence {
            licence: format!("L-{i}").into(),
            command
        }),
        (0u32..3, gdap_command()).prop_map(|(i, command)| AccountCommand::Gdap {
            gdap: format!("g{i}").into(),
            command
        }),
        (0u32..3, transfer_command()).prop_map(|(i, command)| {
            AccountCommand::TransferRequest {
                transfer: format!("t{i}").into(),
                command,
            }
        }),
    ]
}

/// Any GDAP command, a request for one to three admin roles over 1 to 730
/// days among them.
///
/// # Example
///
/// ```
/// use channel_licensing::strategies::gdap_command;
/// use proptest::prelude::*;
///
/// proptest!(|(c in gdap_command())| { let _ = serde_json::to_string(&c).unwrap(); });
/// ```
pub fn gdap_command() -> impl Strategy<Value = GdapCommand> {
    let roles = prop::sample::subsequence(
        vec![
            AdminRole::GlobalAdministrator,
            AdminRole::ServiceSupportAdministrator,
            AdminRole::GlobalReader,
        ],
        1..3,
    );
    prop_oneof![
        (roles, 1u32..=730, any::<bool>()).prop_map(|(roles, duration_days, auto_extend)| {
            GdapCommand::Request {
                roles,
                duration_days,
                auto_extend,
            }
        }),
        Just(GdapCommand::Approve),
        Just(GdapCommand::Reject),
        Just(GdapCommand::Terminate),
        any::<bool>().prop_map(|on| GdapCommand::SetAutoExtend { on }),
        Just(GdapCommand::RemoveGlobalAdmin),
    ]
}

/// Any transfer request command, naming the pool's partners and licences.
///
/// # Example
///
/// ```
/// use channel_licensing::strategies::transfer_command;
/// use proptest::prelude::*;
///
/// proptest!(|(c in transfer_command())| { let _ = serde_json::to_string(&c).unwrap(); });
/// ```
pub fn transfer_command() -> impl Strategy<Value = TransferCommand> {
    prop_oneof![
        (
            prop::sample::select(&PARTNERS[..]),
            prop::collection::vec(0u32..4, 1..3)
        )
            .prop_map(|(from, licences)| TransferCommand::Create {
                from_partner: from.into(),
                licences: licences.iter().map(|i| format!("L-{i}").into()).collect(),
            }),
        Just(TransferCommand::Accept),
        Just(TransferCommand::Reject),
        Just(TransferCommand::Cancel),
    ]
}

/// A creation command with the actor it is for: a partner's trial or
/// monthly-usage account, the customer's own trial, or an import by the
/// vendor of an [`account_of`] the customer.
///
/// # Example
///
/// ```
/// use channel_licensing::strategies::{instant, new_account};
/// use channel_licensing::{Account, Context, Policy};
/// use proptest::prelude::*;
///
/// proptest!(|((actor, command) in new_account("verdi"), now in instant())| {
///     if let Ok(decision) = Account::create(&command, &Context::new(now, &actor, &Policy::standard())) {
///         prop_assert!(Account::from_events(decision.events()).is_some());
///     }
/// });
/// ```
pub fn new_account(
    customer: &str,
) -> impl Strategy<Value = (Actor, crate::account::NewAccount)> + use<> {
    let new =
        crate::account::NewCustomer::new(customer, format!("Customer {customer}").as_str(), "eu");
    let admin = Actor::CustomerAdmin {
        customer: new.id.clone(),
    };
    let (trial, monthly, own) = (new.clone(), new.clone(), new);
    prop_oneof![
        (partner_user("acme"), 1u32..60).prop_map(move |(user, trial_days)| (
            Actor::Partner(user),
            crate::account::NewAccount::CreateTrial {
                customer: trial.clone(),
                licence: "T-1".into(),
                offer: "endpoint".into(),
                seats: 5,
                trial_days,
            }
        )),
        partner_user("acme").prop_map(move |user| (
            Actor::Partner(user),
            crate::account::NewAccount::CreateMonthlyAccount {
                customer: monthly.clone()
            }
        )),
        (1u32..60).prop_map(move |trial_days| (
            admin.clone(),
            crate::account::NewAccount::CreateCustomerTrial {
                customer: own.clone(),
                licence: "T-1".into(),
                offer: "endpoint".into(),
                seats: 5,
                trial_days,
            }
        )),
        account_of(customer).prop_map(|account| (
            Actor::Vendor,
            crate::account::NewAccount::Import {
                account: Box::new(account)
            }
        )),
    ]
}

/// One of `account`'s pending timers and an instant at or after it is
/// due, up to a week later (and at most chrono's last instant): a delivery
/// its decision accepts. `None` when the account has no timer.
///
/// # Example
///
/// ```
/// use channel_licensing::strategies::{account, delivery};
/// use channel_licensing::{AccountCommand, Actor, Context, Policy};
/// use proptest::prelude::*;
///
/// let policy = Policy::standard();
/// let cases = account().prop_flat_map(move |a| {
///     let d = delivery(&a, &Policy::standard());
///     (Just(a), d)
/// });
/// proptest!(|((account, due) in cases)| {
///     if let Some((timer, now)) = due {
///         let ctx = Context::new(now, &Actor::Vendor, &policy);
///         prop_assert!(account.decide(&AccountCommand::Deliver(timer), &ctx).is_ok());
///     }
/// });
/// ```
pub fn delivery(
    account: &Account,
    policy: &Policy,
) -> BoxedStrategy<Option<(crate::effect::Timer, DateTime<Utc>)>> {
    let timers: Vec<crate::effect::Timer> = account.timers(policy).collect();
    if timers.is_empty() {
        return Just(None).boxed();
    }
    (prop::sample::select(timers), 0i64..7 * 24 * 60)
        .prop_map(|(timer, late)| {
            let at = timer.due.checked_add_signed(TimeDelta::minutes(late));
            Some((timer, at.unwrap_or(DateTime::<Utc>::MAX_UTC)))
        })
        .boxed()
}

/// An actor and a command for `account`, biased toward what it accepts: a
/// licence command by the one who bought the licence, a partner's command
/// by a partner it has a live relationship with (every role and
/// programme), the customer's own admin answering an invitation, the
/// delivery of a pending timer by the vendor (decide it at or after the
/// timer's due instant); and, one time in five, any actor with any
/// command, for the refusals.
///
/// # Example
///
/// See the [module](super).
pub fn command_for(account: &Account, policy: &Policy) -> BoxedStrategy<(Actor, AccountCommand)> {
    let mut biased: Vec<(Actor, AccountCommand)> = Vec::new();
    let user = |partner: &PartnerId| {
        Actor::Partner(
            PartnerUser::new(partner.clone(), account.region.clone())
                .with_roles(Role::ALL.iter().copied())
                .with_programmes([Programme::MspFlex, Programme::MspFlexConnect])
                .with_offers(["endpoint"]),
        )
    };
    let admin = Actor::CustomerAdmin {
        customer: account.id.clone(),
    };
    for licence in &account.licences {
        let owner = match &licence.bought_by {
            Purchaser::Partner(partner) => user(partner),
            Purchaser::Customer => admin.clone(),
        };
        for command in [
            // One seat more, or one fewer at the most a licence holds.
            LicenceCommand::ChangeSeats {
                seats: licence.seats.checked_add(1).unwrap_or(u32::MAX - 1),
            },
            LicenceCommand::SetAutoRenew { on: true },
            LicenceCommand::Suspend,
            LicenceCommand::Resume,
            LicenceCommand::Cancel,
            LicenceCommand::Remove,
            LicenceCommand::Reactivate {
                term_days: 365,
                auto_renew: true,
            },
        ] {
            biased.push((
                owner.clone(),
                AccountCommand::Licence {
                    licence: licence.id.clone(),
                    command,
                },
            ));
        }
    }
    for relationship in &account.relationships {
        let partner = user(&relationship.partner);
        match relationship.state {
            RelationshipState::Linked | RelationshipState::UnlinkScheduled { .. } => {
                for command in [
                    AccountCommand::Unlink {
                        mode: UnlinkMode::Immediate,
                    },
                    AccountCommand::Unlink {
                        mode: UnlinkMode::Scheduled,
                    },
                    AccountCommand::CancelScheduledUnlink,
                    AccountCommand::LaunchConsole,
                    AccountCommand::ConvertToMonthly,
                    AccountCommand::Rename {
                        name: DisplayName::new("Rossi Group SpA"),
                    },
                    AccountCommand::AddSubscription {
                        licence: format!("L-{}", account.licences.len() + 4).into(),
                        offer: "endpoint".into(),
                        seats: 5,
                        term_days: 365,
                        auto_renew: true,
                        price: None,
                    },
                ] {
                    biased.push((partner.clone(), command));
                }
            }
            RelationshipState::Invited { .. } => {
                biased.push((
                    admin.clone(),
                    AccountCommand::AcceptInvitation {
                        partner: relationship.partner.clone(),
                    },
                ));
                biased.push((
                    admin.clone(),
                    AccountCommand::DeclineInvitation {
                        partner: relationship.partner.clone(),
                    },
                ));
            }
            RelationshipState::Unlinked { .. } | RelationshipState::Declined { .. } => {
                biased.push((partner, AccountCommand::RequestRelationship));
            }
        }
    }
    gdap_and_transfers(account, &user, &admin, &mut biased);
    biased.push((admin.clone(), AccountCommand::EnablePartnerAssistance));
    biased.push((admin, AccountCommand::DisablePartnerAssistance));
    for timer in account.timers(policy) {
        biased.push((Actor::Vendor, AccountCommand::Deliver(timer)));
    }
    let any_pair = (actor(), account_command());
    prop_oneof![
        4 => prop::sample::select(biased),
        1 => any_pair,
    ]
    .boxed()
}

/// The GDAP and transfer commands [`command_for`] leans toward: each
/// relationship's own partner and the customer's admin on it, a new
/// request by each partner, each request's source and target, and a new
/// request for each licence a partner bought, by the other partner.
fn gdap_and_transfers(
    account: &Account,
    user: &dyn Fn(&PartnerId) -> Actor,
    admin: &Actor,
    biased: &mut Vec<(Actor, AccountCommand)>,
) {
    let on_gdap = |gdap: &GdapId, command| AccountCommand::Gdap {
        gdap: gdap.clone(),
        command,
    };
    for gdap in &account.gdap {
        for command in [
            GdapCommand::Terminate,
            GdapCommand::SetAutoExtend { on: true },
            GdapCommand::SetAutoExtend { on: false },
            GdapCommand::RemoveGlobalAdmin,
        ] {
            biased.push((user(&gdap.partner), on_gdap(&gdap.id, command)));
        }
        for command in [
            GdapCommand::Approve,
            GdapCommand::Reject,
            GdapCommand::Terminate,
        ] {
            biased.push((admin.clone(), on_gdap(&gdap.id, command)));
        }
    }
    let next_gdap: GdapId = format!("g{}", account.gdap.len()).into();
    let next_transfer: TransferId = format!("t{}", account.transfer_requests.len()).into();
    for partner in PARTNERS {
        let request = GdapCommand::Request {
            roles: vec![AdminRole::ServiceSupportAdministrator],
            duration_days: 90,
            auto_extend: false,
        };
        biased.push((user(&partner.into()), on_gdap(&next_gdap, request)));
    }
    let on_transfer = |transfer: &TransferId, command| AccountCommand::TransferRequest {
        transfer: transfer.clone(),
        command,
    };
    for request in &account.transfer_requests {
        let source = user(&request.from_partner);
        biased.push((
            source.clone(),
            on_transfer(&request.id, TransferCommand::Accept),
        ));
        biased.push((source, on_transfer(&request.id, TransferCommand::Reject)));
        let target = user(&request.to_partner);
        biased.push((target, on_transfer(&request.id, TransferCommand::Cancel)));
    }
    for licence in &account.licences {
        let Purchaser::Partner(from) = &licence.bought_by else {
            continue;
        };
        for to in PARTNERS.iter().filter(|p| **p != from.as_str()) {
            let create = TransferCommand::Create {
                from_partner: from.clone(),
                licences: vec![licence.id.clone()],
            };
            biased.push((user(&(*to).into()), on_transfer(&next_transfer, create)));
        }
    }
}
