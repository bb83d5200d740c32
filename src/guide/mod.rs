//! Guides: how a service puts the crate to work, one page each.
//!
//! The crate root shows the loop in a dozen lines; these pages go further:
//!
//! - [`outbox`]: persisting decisions with the outbox pattern, the SQLite
//!   example, the mapping onto PostgreSQL with `FOR UPDATE SKIP LOCKED`,
//!   and a customer unlinked end to end.
//! - [`scenarios`]: the stories as JSON files, the format in short, and the
//!   what-if simulator (`simulate`).
//! - [`testing_a_service`]: the test kit of the `testing` feature
//!   (given / when / then, [`World`](crate::testing::World)) and the
//!   generators of the `proptest` feature.
//! - [`policies`]: the numbers the rules run on, the two presets and their
//!   sources, and policies of your own.
//! - [`rules`]: the rule catalogue, family by family; each rule in full is
//!   on its variant of [`Rule`](crate::Rule).
//!
//! The pages hold documentation only: no item of the API lives here.

pub mod outbox {
    //! Persisting decisions: the outbox pattern, and its database mapping.
    //!
    //! A decision is events (what happened) and effects (timers to schedule
    //! or cancel, a new name to send on). A service stores the new state, the
    //! events and the effects in **one transaction**: the effects land in an
    //! *outbox* table that a scheduler reads, so a timer is never lost and
    //! never fires for a decision that was rolled back.
    //!
    //! # The contract
    //!
    //! - **Effects** are `Schedule(timer)` (an upsert: a timer has a
    //!   deterministic key, and scheduling a pending key replaces it) and
    //!   `Cancel { key }` (see [`Effect`](crate::Effect)). After applying a
    //!   decision's effects, the outbox holds exactly the account's
    //!   [`timers`](crate::Account::timers); its earliest due instant is
    //!   [`Account::next_deadline`](crate::Account::next_deadline). Use
    //!   `timer.key.to_string()` as the outbox's unique key: every key names
    //!   its customer (`customer/rossi/licence/L-1/term_end`), so keys are
    //!   unique across customers even where licence IDs are unique per
    //!   customer only.
    //! - [`Decision::apply_effects`](crate::Decision::apply_effects) is the
    //!   loop: implement the small [`Outbox`](crate::Outbox) trait (schedule,
    //!   cancel, send a renamed customer's name on) over your transaction; a
    //!   `BTreeMap` or `HashMap` of timer key to due instant is an outbox as
    //!   it is.
    //! - **Delivering** a timer is a command like any other
    //!   ([`AccountCommand::Deliver`](crate::AccountCommand::Deliver),
    //!   [`LicenceCommand::Deliver`](crate::LicenceCommand::Deliver)). A
    //!   duplicate, stale (replaced, or already applied) or foreign timer is
    //!   accepted with no events; one delivered before it is due is refused,
    //!   with its due instant as the earliest.
    //! - **`decide` judges the state as it stands at `now`**: a timer that is
    //!   due but was not delivered yet (your scheduler was down) is applied
    //!   first, and its events lead the decision. A missed delivery never
    //!   gives a wrong answer, and the late delivery that follows is a no-op.
    //!
    //! # Unlinking a customer, end to end
    //!
    //! An account owns its licences, its billing type and one relationship
    //! per partner. Here a monthly-usage customer is unlinked: the decision
    //! converts it to a trial now and schedules the unlink for the first day
    //! of next month (REL-7); a month later the platform delivers the due
    //! timer (as the vendor) and the account is unlinked (REL-9), leaving the
    //! partner's list (REL-10).
    //!
    //! ```
    //! use std::collections::BTreeMap;
    //!
    //! use channel_licensing::{Account, AccountCommand, Actor, BillingType, Context, CreatedBy, PartnerUser, Policy, Programme, RelationshipState, RelationshipStatus, Timer, UnlinkMode};
    //! use channel_licensing::customers::{customer_list, CustomerQuery};
    //! use chrono::{DateTime, Utc};
    //!
    //! let policy = Policy::standard();
    //! let acme = Actor::Partner(PartnerUser::new("acme", "eu").with_programmes([Programme::MspFlex]));
    //!
    //! // Load the account (here built in place; in a service, deserialized from its row).
    //! let account = Account::new("rossi", "Rossi SpA", "eu", BillingType::MonthlyUsage, CreatedBy::Partner)
    //!     .with_relationship("acme", RelationshipState::Linked);
    //!
    //! // The partner confirms "convert to a trial and unlink on the first day of next month".
    //! let now: DateTime<Utc> = "2026-06-15T10:00:00Z".parse()?;
    //! let unlink = AccountCommand::Unlink { mode: UnlinkMode::Scheduled };
    //! let decision = account.decide(&unlink, &Context::new(now, &acme, &policy))?;
    //!
    //! // Persist, in one transaction: the new state, the events, the effects (the outbox).
    //! let account = decision.events().fold(account, Account::evolve);
    //! let mut outbox = BTreeMap::new();
    //! decision.apply_effects(&mut outbox)?;
    //! assert_eq!(account.billing, BillingType::Trial);
    //! let (key, due) = outbox.pop_first().expect("scheduled");
    //! assert_eq!(key.to_string(), "customer/rossi/unlink/acme");
    //! assert_eq!(due, "2026-07-01T00:00:00Z".parse::<DateTime<Utc>>()?);
    //! let timer = Timer { key, due };
    //!
    //! // A month later the scheduler delivers the due timer.
    //! let vendor = Actor::Vendor;
    //! let decision = account.decide(&AccountCommand::Deliver(timer.clone()), &Context::new(timer.due, &vendor, &policy))?;
    //! let account = decision.events().fold(account, Account::evolve);
    //! assert_eq!(account.relationship_status(&"acme".into(), timer.due), Some(RelationshipStatus::Unlinked));
    //!
    //! // It left the partner's customer list; delivering the timer again does nothing.
    //! let accounts = [account];
    //! assert!(customer_list(&accounts, &CustomerQuery::new("acme"), timer.due, &policy).is_empty());
    //! let again = accounts[0].decide(&AccountCommand::Deliver(timer.clone()), &Context::new(timer.due, &vendor, &policy))?;
    //! assert!(again.is_empty());
    //! # Ok::<(), Box<dyn std::error::Error>>(())
    //! ```
    //!
    //! # A licence on its own
    //!
    //! The same loop for one [`Licence`](crate::Licence) of a customer: when you
    //! first store it, schedule its [`timers`](crate::Licence::timers); each
    //! decision's effects keep the outbox equal to them; a refusal is data
    //! ([`Refusal`](crate::Refusal): its rule, its earliest instant, a sentence a
    //! support agent can paste).
    //!
    //! ```
    //! use std::collections::BTreeMap;
    //!
    //! use channel_licensing::{
    //!     Actor, Context, CustomerId, Error, Licence, LicenceChange, LicenceCommand, PartnerUser, Policy,
    //!     Purchaser, Role, Rule, Term, TimerKey,
    //! };
    //! use chrono::{DateTime, Utc};
    //!
    //! let policy = Policy::standard();
    //! let partner = Actor::Partner(PartnerUser::new("acme", "eu").with_roles([Role::AccountAdmin]));
    //!
    //! // A licence of customer `rossi`, bought by acme, as your database holds it.
    //! // When you first store it, schedule its timers.
    //! let rossi = CustomerId::from("rossi");
    //! let term = Term::new("2026-01-01T00:00:00Z".parse()?, "2027-01-01T00:00:00Z".parse()?)?;
    //! let mut licence =
    //!     Licence::active("L-1", "endpoint-advanced", 25, term, true, Purchaser::partner("acme"))?;
    //! let mut outbox: BTreeMap<TimerKey, DateTime<Utc>> =
    //!     licence.timers(&rossi, &policy).map(|t| (t.key, t.due)).collect();
    //!
    //! // The partner suspends it (LIC-7): the customer's cancellation is scheduled.
    //! let now: DateTime<Utc> = "2026-06-01T09:00:00Z".parse()?;
    //! let decision = licence.decide(&rossi, &LicenceCommand::Suspend, &Context::new(now, &partner, &policy))?;
    //! licence = decision.events().fold(licence, Licence::evolve);
    //! decision.apply_effects(&mut outbox)?; // schedules and cancels: see `Outbox`
    //! assert_eq!(outbox.len(), 1); // only the cancellation, 30 days on
    //! assert_eq!(licence.next_deadline(&policy), Some("2026-07-01T09:00:00Z".parse()?));
    //!
    //! // Seats cannot change while suspended (LIC-11): a refusal, as data.
    //! let refused = licence.decide(&rossi, &LicenceCommand::ChangeSeats { seats: 30 }, &Context::new(now, &partner, &policy));
    //! let Err(Error::Refused(refusal)) = refused else { panic!("suspended licences keep their seats") };
    //! assert_eq!(refusal.rule(), Rule::Lic11);
    //! assert_eq!(
    //!     refusal.to_string(),
    //!     "cannot change the seats of licence L-1: it is suspended, and this needs an active licence (LIC-11)"
    //! );
    //!
    //! // A month later the scheduler delivers the due timer: the licence is cancelled.
    //! let timer = licence.timers(&rossi, &policy).next().expect("the cancellation is pending");
    //! assert_eq!(timer.key.to_string(), "customer/rossi/licence/L-1/suspension_cancellation");
    //! let ctx = Context::new(timer.due, &Actor::Vendor, &policy);
    //! let decision = licence.decide(&rossi, &LicenceCommand::Deliver(timer.clone()), &ctx)?;
    //! assert!(matches!(decision.events().next().map(|e| &e.change), Some(LicenceChange::Cancelled { .. })));
    //! licence = decision.events().fold(licence, Licence::evolve);
    //!
    //! // Delivering it again changes nothing.
    //! assert!(licence.decide(&rossi, &LicenceCommand::Deliver(timer), &ctx)?.is_empty());
    //! # Ok::<(), Box<dyn std::error::Error>>(())
    //! ```
    //!
    //! # The SQLite example
    //!
    //! `examples/sqlite_outbox` puts the crate behind SQLite (rusqlite, bundled):
    //!
    //! - `accounts(id, state JSON, version)`, `events(seq, customer, decided_at,
    //!   event JSON)`, `outbox(key PRIMARY KEY, customer, due, payload,
    //!   delivered_at)`, `propagations(customer, target, name, at)`. The key is
    //!   `timer.key.to_string()`, which names the customer: two of the example's
    //!   customers both hold a licence `L-1`, and each keeps its own timers.
    //! - Each decision is stored in **one transaction**: `UPDATE accounts SET
    //!   state = ?, version = version + 1 WHERE id = ? AND version = ?` (no row
    //!   updated: another writer was first, a conflict to retry, never a lost
    //!   update), the events, and the effects (`Schedule` is an upsert on `key`,
    //!   `Cancel` deletes the pending row).
    //! - The scheduler claims due rows (`delivered_at IS NULL AND due <= now`, in
    //!   due order), decides `AccountCommand::Deliver(timer)` as the vendor, and
    //!   marks the row delivered **in the same transaction** as the decision it
    //!   caused. A crash at any point either committed the whole delivery or none
    //!   of it; the rerun continues where it stopped (`tests/robustness/sqlite_outbox.rs`
    //!   crashes it after each delivery in turn and compares every row with an
    //!   uninterrupted run).
    //!
    //! ```sh
    //! cargo run --example sqlite_outbox                      # a fresh database in a temporary directory
    //! cargo run --example sqlite_outbox -- --crash-after 2 --db /tmp/demo.sqlite   # dies mid-way (exit 3)
    //! cargo run --example sqlite_outbox -- --db /tmp/demo.sqlite                   # resumes
    //! ```
    //!
    //! # Several workers: PostgreSQL
    //!
    //! When one process is not enough (several scheduler workers), the same
    //! design maps onto PostgreSQL: keep the `version` check for state writes,
    //! and let each worker claim its due rows with
    //!
    //! ```sql
    //! SELECT key, customer, payload FROM outbox
    //!  WHERE delivered_at IS NULL AND due <= now()
    //!  ORDER BY due
    //!  LIMIT 100
    //!    FOR UPDATE SKIP LOCKED;
    //! ```
    //!
    //! inside the transaction that delivers them: a row locked by one worker is
    //! skipped by the others, and the lock is released when the delivery commits
    //! (or rolls back, leaving the row for the next worker). A partial index on
    //! `due WHERE delivered_at IS NULL` keeps the claim cheap;
    //! [`Account::next_deadline`](crate::Account::next_deadline) can also be
    //! stored in an indexed column for sweep jobs.
    //!
    //! # Upgrading to a version that adds state
    //!
    //! Reading is strict: a stored account with a field this version does not
    //! know is an error, never a silent default. So when a new version adds
    //! state (GDAP relationships and transfer requests are one: `gdap` and
    //! `transfer_requests` on an account), roll it out **readers before
    //! writers**: first deploy the new version everywhere state is read
    //! (workers, APIs, support tools), and only then let any of them send the
    //! commands that write the new state. Until the first such command, an
    //! account's JSON is byte for byte what the older version wrote (empty
    //! lists are left out, and so are policy numbers at their defaults), so
    //! older readers still load it; after it, only new readers can. Rolling
    //! back means stopping the new commands first, then the readers.
}

pub mod scenarios {
    //! Scenarios and the what-if simulator: the stories, playable.
    //!
    //! A scenario is a JSON file: partners, customers (with their licences and
    //! relationships), and a timeline of commands and queries. The `simulate`
    //! program plays it as a faithful caller would (it keeps every account,
    //! persists events and effects in memory, and delivers each timer when its
    //! instant comes), so a support desk can replay "what happens if…" and a
    //! non-Rust system can use the files as test vectors:
    //!
    //! ```sh
    //! cargo run --features scenario --bin simulate -- FILE
    //! cargo run --features scenario --bin simulate -- examples/scenarios/monthly-unlink-goes-through.json
    //! cargo run --features scenario --bin simulate -- --json examples/scenarios/seats-and-suspension.json
    //! ```
    //!
    //! It prints what the crate decided at each step, then the final state; add
    //! `--json` for one JSON object per step and a final-state line. The same
    //! player is a library behind the `scenario` feature:
    //! [`scenario::play`](crate::scenario::play),
    //! [`scenario::play_each`](crate::scenario::play_each) and
    //! [`scenario::describe`](crate::scenario::describe).
    //!
    //! ```
    //! let story = r#"{
    //!   "format": 1,
    //!   "policy": "standard",
    //!   "partners": [{"id": "acme", "region": "eu", "programmes": ["msp_flex"], "offers": [], "groups": []}],
    //!   "customers": [{"id": "rossi", "name": "Rossi SpA", "region": "eu", "billing": "monthly_usage",
    //!                  "created_by": "partner", "relationships": [{"partner": "acme", "state": "linked"}]}],
    //!   "steps": [
    //!     {"at": "2026-06-30T23:59:59Z", "actor": {"partner": "acme"}, "customer": "rossi",
    //!      "command": {"type": "unlink", "mode": "immediate"}},
    //!     {"at": "2026-06-30T23:59:59Z", "actor": {"partner": "acme"}, "customer": "rossi",
    //!      "command": {"type": "unlink", "mode": "scheduled"}},
    //!     {"at": "2026-07-01T00:00:00Z", "advance": true}
    //!   ]
    //! }"#;
    //! let lines = channel_licensing::scenario::play(story)?;
    //! assert_eq!(lines[0]["outcome"], "refused");
    //! assert_eq!(lines[0]["rule"], "REL-11");
    //! assert_eq!(lines[1]["outcome"], "accepted");
    //! assert_eq!(lines[2]["outcome"], "advanced");
    //! # Ok::<(), channel_licensing::scenario::ScenarioError>(())
    //! ```
    //!
    //! # The format in short
    //!
    //! The format (version 1) is checked by the JSON Schema
    //! `schemas/scenario.json`; its keys are a stable contract.
    //!
    //! - `policy`: `"standard"`, `"microsoft_new_commerce"`, or
    //!   `{"preset": …, "expired_grace_days": N, "reactivation_window_days": N,
    //!   "calendar_time_zone": "Europe/Rome", "transfer_threshold": N}`;
    //! - `partners`: `id`, `region`, `programmes`, `offers`, `groups`;
    //! - `customers`: `id`, `name`, `region`, `billing`, `created_by`,
    //!   `relationships` (`partner`, `state`, `unlink_at`, `delegated_admin`),
    //!   `licences` (`id`, `offer`, `seats`, `bought_by` (a partner's ID,
    //!   `customer`, or `partner`, the default: the partner of the customer's
    //!   first listed relationship), `price`, `state` and its fields); licence IDs
    //!   are unique within a customer, not across customers; `gdap` and
    //!   `transfer_requests`, in the form the crate stores them
    //!   ([`GdapRelationship`](crate::gdap::GdapRelationship),
    //!   [`TransferRequest`](crate::transfer_requests::TransferRequest));
    //! - `steps` in time order: `{"at", "actor", "customer", "command": {"type", …}}`,
    //!   `{"at", "advance": true}`, or `{"at", "query": {"type", …}}`. GDAP
    //!   commands: `request_gdap` (`gdap`, `roles`, `duration_days`,
    //!   `auto_extend`), `approve_gdap`, `reject_gdap`, `terminate_gdap`,
    //!   `remove_global_admin` (`gdap`), `set_gdap_auto_extend` (`gdap`, `on`);
    //!   transfer requests: `create_transfer_request` (`transfer`,
    //!   `from_partner`, `licences`), `accept_transfer_request`,
    //!   `reject_transfer_request`, `cancel_transfer_request` (`transfer`).
    //!
    //! The final state lists each customer's licences with their `bought_by`
    //! (a partner's ID, or `customer`) and, when it has any, its `gdap`
    //! relationships and `transfer_requests`, each by ID with its state.
    //!
    //! Each output line has `outcome` (`accepted` with `events` and `effects`,
    //! `refused` with `rule`, `earliest` and the support-desk `message`,
    //! `advanced` with the `delivered` timers, `answered` with the `answer`). A
    //! malformed file, an unknown ID, command or field (a misspelled key is
    //! never skipped), or steps out of order: a message naming the step and
    //! field on stderr, exit status 2, nothing on stdout.
    //!
    //! # The stories
    //!
    //! Each file under `examples/scenarios/` is a story of the rules; copy one
    //! and change a step to ask "what if".
    //!
    //! | Story | What it shows |
    //! |---|---|
    //! | `examples/scenarios/add-subscription.json` | Adding a subscription: only for an offer the partner is authorised to sell, with at least one seat, on a linked customer; the new subscription is active and its term end is scheduled (SUB-4). |
    //! | `examples/scenarios/customer-search-groups-rename.json` | The customers page: search is case-insensitive and Unicode-aware, a blank search lists everyone; only a super admin adds a customer to an existing group; a rename is trimmed and propagated to the admin console and the CRM (CUST-1, CUST-3, CUST-4). |
    //! | `examples/scenarios/microsoft-refund-window.json` | Under Microsoft new commerce, a subscription cancelled on day 7 after its purchase is refunded for the unused days; one cancelled on day 8 is not; seats added are removable for 7 days only (POL-2, POL-4). |
    //! | `examples/scenarios/monthly-one-billing-partner.json` | A monthly-usage account is billed through one partner: another partner's invitation is refused while it is monthly usage and while its monthly unlink is scheduled; on the first of next month only the billing partner's licences end with the unlink, a customer-bought one stays, and the other partner's invitation then goes through (BILL-9, REL-7, REL-9, REL-2, REL-3). |
    //! | `examples/scenarios/monthly-unlink-cancelled-in-time.json` | A scheduled unlink of a monthly-usage account is deleted one second before its date: the account stays monthly usage and the unlink never happens; at the date a second cancellation is refused (REL-8, REL-9). |
    //! | `examples/scenarios/monthly-unlink-goes-through.json` | An MSP Flex partner unlinks a monthly-usage customer: converted to a trial now, unlinked on the first day of next month (REL-7, REL-9, REL-10). |
    //! | `examples/scenarios/monthly-unlink-rome-dst.json` | With the policy's calendar in Europe/Rome, a monthly unlink asked on 20 March is due at local midnight of 1 April, 22:00 UTC on 31 March (daylight saving time has begun) (REL-7). |
    //! | `examples/scenarios/move-151-subscriptions.json` | Moving a customer with 151 active subscriptions to another partner: duplicating them would exceed the tenant's maximum, so the plan expires and repurchases (auto-renew off now, expiry at the term end, provision before the 30-day grace ends) (XFER-1, XFER-3). |
    //! | `examples/scenarios/move-small-customer.json` | Moving a small customer: duplicated subscriptions, a plan that recommends waiting for the term end (cancelling early forfeits the remainder), a tenant-to-tenant data migration the customer does itself, a partner in another region refused, and the impact of changing offers (XFER-1, XFER-2, XFER-4, XFER-5, XFER-6, BILL-8). |
    //! | `examples/scenarios/partner-assistance-trials.json` | A trial the partner creates has partner assistance on and its console launches; a trial the customer created starts with assistance off, the partner cannot switch it on, the customer's admin can (AST-1, AST-2, AST-3). |
    //! | `examples/scenarios/reseller-invitation-accepted-and-declined.json` | A sales agent in the customer's region invites two customers: one accepts and subscriptions can then be provisioned, the other declines; a help-desk user and a partner in another region cannot invite (REL-2, REL-3). |
    //! | `examples/scenarios/seats-and-suspension.json` | Managing a subscription: seats change on an active licence (at least 1; the same count is nothing to do); suspending schedules the customer's cancellation; resume works before it, not after (SUB-2, SUB-3, LIC-11, LIC-7). |
    //! | `examples/scenarios/trial-with-paid-subscription.json` | A paid subscription added to a trial account blocks its immediate unlink: REL-6 does not override REL-4; once the partner removes the subscription the unlink goes through, the trial licence never blocking (REL-4, REL-6, SUB-4, AST-2, LIC-10). |
    //! | `examples/scenarios/two-partners-one-customer.json` | A customer linked with two partners: each manages only the subscriptions it bought, and a refusal on the other's never names it; a partner's unlink is blocked only by its own active licence, so once acme removes its own it unlinks while beta's licence stays active and beta stays linked; two customers' licences with the same ID keep their own timers (SUB-1, REL-4, LIC-10, REL-6, REL-10, LIC-2, POL-3). |
    //! | `examples/scenarios/gdap-request-to-expiry.json` | A partner's GDAP relationship from request to expiry: approved by the customer's admin, notices 30, 7 and 1 days before its end, expired at its end while the reseller relationship and the licence stay as they are (GDAP-1, GDAP-2, GDAP-5). |
    //! | `examples/scenarios/gdap-global-admin-blocks-auto-extend.json` | The global administrator role blocks auto-extend, at the request and afterwards, until the partner removes the role; then the relationship extends by 180 days at its end (GDAP-3, GDAP-4). |
    //! | `examples/scenarios/transfer-request-accepted.json` | A transfer request between two partners: a second request for the same licence is refused, only the source accepts, and the licence is the target's from then on, everything else kept (XFER-7, XFER-8, XFER-10, SUB-1). |
    //! | `examples/scenarios/transfer-request-expires.json` | A transfer request nobody answers expires after 30 days and takes no answer any more; a new one is made and rejected (XFER-8, XFER-9). |
    //! | `examples/scenarios/unlink-active-licence-removed-first.json` | An account with an active licence cannot be unlinked; the refusal says to remove the licence first. After removing it, the unlink goes through (REL-4, LIC-10, REL-6). |
    //! | `examples/scenarios/unlink-immediately-trial-revoked-inactive.json` | Trial accounts, accounts whose licences are all revoked, and inactive accounts with no licence unlink immediately (REL-6, LIC-9). |
    //! | `examples/scenarios/unlink-inside-reactivation-window.json` | A licence expired on 10 January: inside its 60-day reactivation window the unlink is refused with the earliest instant; one second before it is still refused; at that instant it is accepted (REL-5, LIC-4). |
    //!
    //! Every file's output is pinned by `tests/wire/scenarios.rs` (insta): the
    //! stories are documentation and regression tests at once.
    //! `examples/generate_scenario.rs` writes a large scenario, for measuring
    //! `simulate`.
}

pub mod testing_a_service {
    //! Testing a service with the kit: the `testing` and `proptest` features.
    //!
    //! ```toml
    //! [dev-dependencies]
    //! channel-licensing = { version = "…", features = ["testing", "proptest"] }
    //! ```
    //!
    //! # Given / when / then, and a world in memory
    //!
    //! The `testing` feature (no dependency of its own) adds
    //! [`testing::given`](crate::testing::given), a given / when / then of one
    //! decision, and [`testing::World`](crate::testing::World), accounts with an
    //! outbox and a scheduler in memory:
    //! [`advance_to(instant)`](crate::testing::World::advance_to) delivers every
    //! due timer in due order (a scheduler that runs on time),
    //! [`skip_to`](crate::testing::World::skip_to) and
    //! [`advance_late_to`](crate::testing::World::advance_late_to) play a
    //! scheduler that was down, and
    //! [`check_outbox()`](crate::testing::World::check_outbox) checks that the
    //! outbox holds exactly the accounts' timers.
    //! [`testing::check_outbox`](crate::testing::check_outbox) makes the same
    //! check of your own service's outbox, and
    //! [`testing::PendingTimers`](crate::testing::PendingTimers) is a scheduler's
    //! queue to drive it with.
    //!
    //! ```
    //! use channel_licensing::testing::{given, World};
    //! use channel_licensing::{
    //!     AccountCommand, Actor, NewAccount, NewCustomer, PartnerUser, Policy, Programme, Rule,
    //!     UnlinkMode,
    //! };
    //!
    //! let acme = Actor::Partner(PartnerUser::new("acme", "eu").with_programmes([Programme::MspFlex]));
    //! let mut world = World::new(Policy::standard(), "2026-06-15T10:00:00Z".parse()?);
    //! let created = NewAccount::CreateMonthlyAccount { customer: NewCustomer::new("rossi", "Rossi SpA", "eu") };
    //! world.create(&created, &acme)?;
    //! let account = world.account(&"rossi".into()).expect("created").clone();
    //!
    //! // REL-11: a monthly-usage account is unlinked on the first of next month only.
    //! given(&account)
    //!     .when(&acme, AccountCommand::Unlink { mode: UnlinkMode::Immediate })
    //!     .at(world.now())
    //!     .then_refused(Rule::Rel11, None);
    //!
    //! world.decide(&account.id, &AccountCommand::Unlink { mode: UnlinkMode::Scheduled }, &acme)?;
    //! let delivered = world.advance_to("2026-07-01T00:00:00Z".parse()?)?;
    //! assert_eq!(delivered.len(), 1); // the unlink took effect (REL-9)
    //! world.check_outbox()?;
    //! # Ok::<(), Box<dyn std::error::Error>>(())
    //! ```
    //!
    //! `World` is a faithful caller: a service's own tests can run the same
    //! commands through the service and through a `World`, and compare the two.
    //!
    //! # Property tests
    //!
    //! The `proptest` feature adds [`strategies`](crate::strategies): generators
    //! of the crate's types, valid by construction (every value passes the load
    //! checks), with IDs from small pools so that generated commands meet
    //! generated states. [`strategies::command_for`](crate::strategies::command_for)
    //! is biased toward what a given account accepts, so that a property sees
    //! acceptances as well as refusals.
    //!
    //! ```
    //! use std::collections::BTreeMap;
    //!
    //! use channel_licensing::strategies::{account, command_for, instant};
    //! use channel_licensing::{Account, Context, Policy};
    //! use proptest::prelude::*;
    //!
    //! // Whatever an actor asks, the outbox stays the account's timers.
    //! let cases = (account(), instant()).prop_flat_map(|(a, now)| {
    //!     let command = command_for(&a, &Policy::standard());
    //!     (Just(a), command, Just(now))
    //! });
    //! proptest!(|((account, (actor, command), now) in cases)| {
    //!     let policy = Policy::standard();
    //!     let mut outbox: BTreeMap<_, _> = account.timers(&policy).map(|t| (t.key, t.due)).collect();
    //!     if let Ok(decision) = account.decide(&command, &Context::new(now, &actor, &policy)) {
    //!         let after = decision.events().fold(account, Account::evolve);
    //!         decision.apply_effects(&mut outbox).unwrap();
    //!         let timers: BTreeMap<_, _> = after.timers(&policy).map(|t| (t.key, t.due)).collect();
    //!         prop_assert_eq!(outbox, timers);
    //!     }
    //! });
    //! ```
}

pub mod policies {
    //! Policies and their presets, with their sources.
    //!
    //! A [`Policy`](crate::Policy) carries every number the rules run on: the
    //! phases after expiry and what each allows, the reminder offsets, the
    //! calendar's time zone, the transfer threshold, the refund and seat-decrease
    //! windows, the longest display name, the suspension's cancellation delay. It
    //! is validated when built (an invalid one is an `Err`, never a panic; every
    //! day count between 1 and 3650), and every event records the policy's name,
    //! version and fingerprint (a hash of its numbers,
    //! [`PolicyStamp`](crate::policy::PolicyStamp)), so a replay of old events
    //! interprets them under the policy that decided them (POL-5).
    //!
    //! # The presets
    //!
    //! | Preset | Source | After expiry | Also |
    //! |---|---|---|---|
    //! | [`Policy::standard`](crate::Policy::standard) | the rule catalogue's defaults (LIC-3 … LIC-5, POL-1, POL-3); the suspension's 30 days are the crate's reading of LIC-7, which leaves the length to the vendor | `grace` for 30 days (users and admins keep access, reactivation allowed, unlinking blocked, data kept), `reactivatable` to day 60 (reactivation allowed, unlinking blocked, data kept), then `lapsed` (nothing allowed) | reminders 30 days before a term end and 3 days before a trial end (POL-3); UTC calendar; a 150-subscription transfer threshold (XFER-3); names of at most 255 characters (CUST-4) |
    //! | [`Policy::microsoft_new_commerce`](crate::Policy::microsoft_new_commerce) | Microsoft Partner Center's new-commerce lifecycle (POL-2) | `expired` for 30 days (users keep access, no reactivation: the customer buys again without interruption), `disabled` for 90 more days (admins only), then `deleted` | a refund of the unused days, prorated, for a cancellation within 7 days of a purchase or renewal; seats decreased only within 7 days of when they were added (POL-2, POL-4); otherwise as `standard` |
    //!
    //! [`Policy::default`](crate::Policy::default) is `standard`.
    //!
    //! # Policies of your own
    //!
    //! Start from a preset with [`Policy::to_builder`](crate::Policy::to_builder)
    //! (or from [`PolicyBuilder::new`](crate::policy::PolicyBuilder::new)), change what
    //! you need, and give it a name and version of its own: a policy named like
    //! a preset must be that preset.
    //!
    //! ```
    //! use channel_licensing::Policy;
    //! use channel_licensing::policy::PolicyError;
    //!
    //! let rome = Policy::standard()
    //!     .to_builder()
    //!     .name("standard-rome")
    //!     .version(2)
    //!     .calendar(chrono_tz::Europe::Rome)
    //!     .expired_grace_days(45)
    //!     .build()?;
    //! assert_eq!(rome.expired_grace_days(), 45);
    //! assert_eq!(rome.reactivation_window_days(), Some(60));
    //! assert_ne!(rome.fingerprint(), Policy::standard().fingerprint());
    //!
    //! // LIC-6: a grace longer than the reactivation window is refused when built.
    //! let err = Policy::standard().to_builder().name("custom").reactivation_window_days(20).build().unwrap_err();
    //! assert!(matches!(err, PolicyError::GraceLongerThanReactivation { grace_days: 30, reactivation_days: 20, .. }));
    //! # Ok::<(), PolicyError>(())
    //! ```
    //!
    //! A policy serializes to the same fields the builder takes, and
    //! deserializing one validates it again.
}

pub mod rules;
