//! Properties of the account aggregate over generated accounts, licences,
//! actors and instants (REL-4, REL-5, REL-7, REL-9, AUTH-1):
//!
//! - no unlink is ever accepted while a licence the unlinking partner
//!   bought is active or suspended, or while a phase that blocks unlinking is
//!   open (REL-7's monthly accounts aside); another partner's licences and
//!   the customer's own never block it (SUB-1);
//! - no command by a partner without a live relationship is ever accepted,
//!   and no customer-admin command touches another customer (AUTH-1);
//! - a scheduled unlink is always due strictly after `now`, at the first
//!   instant of a month in the policy's zone (REL-7);
//! - any effect delivered twice, or after it was cancelled, changes nothing
//!   (REL-9);
//! - replaying the events gives the same account, and the effects keep a
//!   caller's outbox equal to `Account::timers`.

use std::collections::BTreeMap;

use channel_licensing::account::DisplayName;
use channel_licensing::testing::World;
use channel_licensing::{
    Account, AccountChange, AccountCommand as A, AccountEvent, Actor, BillingType, Context, Effect,
    Error, Licence, LicenceCommand as C, LicenceState, PartnerUser, Policy, Programme,
    RelationshipState, Role, Timer, TimerKey, UnlinkMode,
};
use chrono::{DateTime, Datelike, TimeDelta, Timelike, Utc};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use crate::common::at;

pub(crate) fn base() -> DateTime<Utc> {
    at("2026-01-01T00:00:00Z")
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    // Minutes from 200 days before 2026 to 600 days after.
    (-200i64 * 1_440..600 * 1_440).prop_map(|m| base() + TimeDelta::minutes(m))
}

/// An account of customer rossi in any billing type, relationships with
/// acme and beta in any state, up to four licences in any state: the
/// crate's own generator (the `proptest` feature), valid by construction.
pub(crate) fn account() -> impl Strategy<Value = Account> {
    channel_licensing::strategies::account()
}

fn partner_actor() -> impl Strategy<Value = Actor> {
    (any::<u8>(), any::<u8>()).prop_map(|(roles, programmes)| {
        let all_roles = [
            Role::SuperAdmin,
            Role::AccountAdmin,
            Role::SalesAgent,
            Role::HelpDesk,
        ];
        let all_programmes = [Programme::MspFlex, Programme::MspFlexConnect];
        let user = PartnerUser::new("acme", "eu")
            .with_roles(
                all_roles
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| roles & (1 << i) != 0)
                    .map(|(_, r)| r),
            )
            .with_programmes(
                all_programmes
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| programmes & (1 << i) != 0)
                    .map(|(_, p)| p),
            )
            .with_groups(["schools"]);
        Actor::Partner(user)
    })
}

pub(crate) fn actor() -> impl Strategy<Value = Actor> {
    prop_oneof![
        4 => partner_actor(),
        1 => Just(Actor::CustomerAdmin { customer: "rossi".into() }),
        1 => Just(Actor::CustomerAdmin { customer: "bianchi".into() }),
        1 => Just(Actor::Vendor),
    ]
}

fn licence_command() -> impl Strategy<Value = C> {
    prop_oneof![
        (0u32..400, any::<bool>()).prop_map(|(term_days, auto_renew)| C::Reactivate {
            term_days,
            auto_renew
        }),
        Just(C::Suspend),
        Just(C::Resume),
        Just(C::Cancel),
        Just(C::Revoke),
        Just(C::Remove),
        (0u32..6).prop_map(|seats| C::ChangeSeats { seats }),
        any::<bool>().prop_map(|on| C::SetAutoRenew { on }),
    ]
}

/// An account command, weighted toward unlinks (the subject of the REL-4,
/// REL-5 and REL-7 properties) and toward the licences `L-0` … `L-3` that
/// `account()` makes; `strategies::account_command` is the crate's broader
/// generator.
pub(crate) fn command() -> impl Strategy<Value = A> {
    prop_oneof![
        1 => Just(A::ConvertToMonthly),
        1 => any::<bool>().prop_map(|f| A::EnrolEarlyAccess { programme: "eap".into(), flex_compatible: f }),
        1 => Just(A::RequestRelationship),
        1 => Just(A::AcceptInvitation { partner: "acme".into() }),
        1 => Just(A::DeclineInvitation { partner: "acme".into() }),
        3 => Just(A::Unlink { mode: UnlinkMode::Immediate }),
        2 => Just(A::Unlink { mode: UnlinkMode::Scheduled }),
        1 => Just(A::CancelScheduledUnlink),
        1 => Just(A::LaunchConsole),
        1 => Just(A::EnablePartnerAssistance),
        1 => Just(A::DisablePartnerAssistance),
        1 => Just(A::AddToGroup { group: "schools".into() }),
        1 => Just(A::Rename { name: DisplayName::new("Rossi Group") }),
        3 => (0usize..4, licence_command()).prop_map(|(i, command)| A::Licence { licence: format!("L-{i}").into(), command }),
    ]
}

pub(crate) fn config(cases: u32, file: &'static str) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(file))),
        ..ProptestConfig::default()
    }
}

/// The licence's state at `now`, computed here from the state's own data
/// (not with the crate's catch-up): does it block an immediate unlink?
fn blocks_unlink(licence: &Licence, now: DateTime<Utc>) -> bool {
    let sixty = TimeDelta::days(60);
    match licence.state {
        LicenceState::Active { term, auto_renew } => {
            auto_renew || now < term.ends || now < term.ends + sixty
        }
        LicenceState::Trial { term } => now >= term.ends && now < term.ends + sixty,
        LicenceState::Suspended { cancels_at, .. } => now < cancels_at,
        LicenceState::Expired { at } => now < at + sixty,
        LicenceState::Revoked { .. }
        | LicenceState::Removed { .. }
        | LicenceState::Cancelled { .. } => false,
    }
}

fn is_live(account: &Account, now: DateTime<Utc>) -> bool {
    match account.relationship(&"acme".into()).map(|r| r.state) {
        Some(RelationshipState::Linked) => true,
        Some(RelationshipState::UnlinkScheduled { unlink_at }) => now < unlink_at,
        _ => false,
    }
}

proptest! {
    #![proptest_config(config(512, "proptest-regressions/account_properties.txt"))]

    /// REL-4, REL-5, REL-6, REL-11: an immediate unlink by a linked partner
    /// is accepted exactly when nothing blocks it: never for monthly usage
    /// (scheduled instead), otherwise, trial accounts included, only when no
    /// licence that partner bought is active or suspended or expired less
    /// than 60 days ago (SUB-1: another partner's licences and the
    /// customer's own never block it).
    #[test]
    fn immediate_unlink_accepted_exactly_when_nothing_blocks(account in account(), now in instant(), actor in partner_actor()) {
        let p = Policy::standard();
        let result = account.decide(&A::Unlink { mode: UnlinkMode::Immediate }, &Context::new(now, &actor, &p));
        let unlinked = matches!(&result, Ok(d) if d.events().any(|e| e.change == AccountChange::Unlinked { partner: "acme".into(), at: now }));
        let Actor::Partner(user) = &actor else { unreachable!() };
        let linked = account.relationship(&"acme".into()).map(|r| r.state) == Some(RelationshipState::Linked);
        let expected = linked
            && account.billing != BillingType::MonthlyUsage
            && (account.billing != BillingType::ManagedOrder || user.programmes.contains(Programme::MspFlexConnect))
            && account.licences.iter().filter(|l| l.bought_by.is_partner(&user.partner)).all(|l| !blocks_unlink(l, now));
        prop_assert_eq!(unlinked, expected, "{:?} at {}: {:?}", account.licences.iter().map(|l| l.state).collect::<Vec<_>>(), now, result.err());
    }

    /// AUTH-1: a partner without a live relationship gets nothing accepted
    /// (but the invitation that starts one); an admin of another customer
    /// gets nothing accepted at all.
    #[test]
    fn no_acceptance_without_a_live_relationship(account in account(), now in instant(), command in command(), actor in partner_actor()) {
        let p = Policy::standard();
        if !is_live(&account, now) && command != A::RequestRelationship {
            let result = account.decide(&command, &Context::new(now, &actor, &p));
            prop_assert!(matches!(result, Err(Error::Refused(_))), "{command:?}: {result:?}");
        }
        let stranger = Actor::CustomerAdmin { customer: "bianchi".into() };
        let result = account.decide(&command, &Context::new(now, &stranger, &p));
        prop_assert!(result.is_err(), "an admin of bianchi acted on rossi: {command:?}");
    }

    /// REL-7: a scheduled unlink is due strictly after `now`, at local
    /// midnight on the first day of the next month in the policy's zone.
    #[test]
    fn scheduled_unlinks_fall_on_the_first_of_next_month(now in instant(), zone in 0usize..6) {
        let zones = [
            chrono_tz::UTC,
            chrono_tz::Europe::Rome,
            chrono_tz::America::New_York,
            chrono_tz::Asia::Tokyo,
            chrono_tz::Australia::Sydney,
            chrono_tz::Asia::Kolkata,
        ];
        let tz = zones[zone];
        let p = Policy::standard().to_builder().name("custom").calendar(tz).build().unwrap();
        let account = crate::common::rossi(BillingType::MonthlyUsage);
        let decision = account.decide(&A::Unlink { mode: UnlinkMode::Scheduled }, &Context::new(now, &crate::common::flex(), &p)).unwrap();
        let due = decision.events().find_map(|e| match e.change {
            AccountChange::UnlinkScheduled { unlink_at, .. } => Some(unlink_at),
            _ => None,
        }).expect("scheduled");
        prop_assert!(due > now);
        let local_due = due.with_timezone(&tz);
        let local_now = now.with_timezone(&tz);
        prop_assert_eq!((local_due.day(), local_due.hour(), local_due.minute(), local_due.second()), (1, 0, 0, 0));
        let (y, m) = (local_now.year(), local_now.month());
        let next = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        prop_assert_eq!((local_due.year(), local_due.month()), next);
    }

    /// REL-9, LIC-2: after an accepted decision, delivering any timer its
    /// effects scheduled or cancelled changes nothing at that instant, and a
    /// scheduled one delivered twice when due changes nothing the second time.
    #[test]
    fn effects_delivered_twice_or_after_cancel_change_nothing(account in account(), now in instant(), command in command(), actor in actor()) {
        let p = Policy::standard();
        let before: BTreeMap<TimerKey, DateTime<Utc>> = account.timers(&p).map(|t| (t.key, t.due)).collect();
        let Ok(decision) = account.decide(&command, &Context::new(now, &actor, &p)) else { return Ok(()); };
        let after = decision.events().fold(account.clone(), Account::evolve);
        let vendor = Actor::Vendor;
        for effect in decision.effects() {
            let timer = match effect {
                Effect::Schedule(timer) => timer.clone(),
                Effect::Cancel { key } => match before.get(key) {
                    Some(due) => Timer { key: key.clone(), due: *due },
                    None => continue,
                },
                Effect::PropagateName { .. } => continue,
            };
            if matches!(effect, Effect::Cancel { .. }) || timer.due <= now {
                let again = after.decide(&A::Deliver(timer.clone()), &Context::new(now, &vendor, &p));
                prop_assert!(matches!(again, Ok(ref d) if d.is_empty()), "{timer:?} after {command:?}: {again:?}");
            } else {
                let ctx = Context::new(timer.due, &vendor, &p);
                let first = after.decide(&A::Deliver(timer.clone()), &ctx).unwrap();
                let delivered = first.events().fold(after.clone(), Account::evolve);
                let second = delivered.decide(&A::Deliver(timer.clone()), &ctx).unwrap();
                prop_assert!(second.is_empty(), "second delivery of {timer:?}: {second:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(config(256, "proptest-regressions/account_replay.txt"))]

    /// Replaying every event from the import gives the same account, and
    /// the effects keep the caller's outbox equal to `Account::timers`, over
    /// random command sequences at increasing instants, whether the
    /// scheduler delivers on time or lags (the `World` of the test kit).
    #[test]
    fn replay_gives_the_same_account(
        start in account(),
        steps in prop::collection::vec((0i64..40 * 86_400, any::<bool>(), command(), actor()), 1..25),
    ) {
        let mut world = World::new(Policy::standard(), base());
        let id = start.id.clone();
        let mut log: Vec<AccountEvent> = world.import(start).unwrap().decision.events().cloned().collect();
        let mut now = base();
        for (advance, deliver_first, command, actor) in steps {
            now += TimeDelta::seconds(advance);
            // A faithful caller delivers what is due; when its scheduler lags
            // (`deliver_first` false) the command's decision catches up instead.
            if deliver_first {
                for delivery in world.advance_to(now).map_err(|e| TestCaseError::fail(format!("delivery refused: {e}")))? {
                    log.extend(delivery.decision.events().cloned());
                }
            } else {
                world.skip_to(now);
            }
            if let Ok(applied) = world.decide(&id, &command, &actor) {
                log.extend(applied.decision.events().cloned());
            }
            world.check_outbox().map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        let replayed = Account::from_events(&log);
        prop_assert_eq!(replayed.as_ref(), world.account(&id));
    }
}
