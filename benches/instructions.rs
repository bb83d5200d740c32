//! The account benches' cases as plain loops, for counting instructions
//! under callgrind: deterministic figures that noise on the machine cannot
//! move, beside the time ratios of `cargo bench --bench account`.
//!
//! Run `bash benches/callgrind.sh` (needs valgrind). By hand:
//! `valgrind --tool=callgrind <binary> <case> <iterations>`, where the case
//! is `unlink_accepted`, `unlink_refused`, `change_seats_accepted`,
//! `change_seats_refused`, `next_deadline`, `account_seats_3`,
//! `account_seats_50`, `account_replay`, `deserialize_3`, `deserialize_50`,
//! `serialize_3` or `serialize_50` (each with a `_baseline` twin), or, without
//! a baseline, `gdap_request`, `gdap_approve`, `gdap_terminate`,
//! `gdap_refused`, `transfer_create`, `transfer_accept`, `transfer_refused`,
//! `gdap_deadline_10` and `gdap_deadline_100`,
//! and the count per iteration is the difference between two iteration
//! counts divided by their difference (set-up cancels out). An iteration of
//! `account_replay` folds all the replay's events; `<binary> replay_events`
//! prints how many there are, to divide by.
//! Without arguments (as under `cargo bench`) it does nothing.

use std::hint::black_box;

use channel_licensing::Context;

#[path = "fixtures/account.rs"]
mod fixtures;
#[path = "fixtures/licence.rs"]
#[allow(dead_code)] // its `at` is the account fixture's twin
mod licence_fixtures;
use fixtures::{AccountSeatCase, UnlinkCase, at};
use licence_fixtures::SeatCase;

/// Accounts in the `next_deadline` case: the million of the time bench is
/// too slow to build under callgrind; the terms are spread over the same two
/// years.
const ACCOUNTS: i64 = 20_000;

/// `iterations` of one case, the crate's decision or the baseline's; out of
/// line, like every case.
#[inline(never)]
fn rounds<A, B>(iterations: u64, base: bool, decide: impl Fn() -> A, baseline: impl Fn() -> B) {
    for _ in 0..iterations {
        if base {
            let _ = black_box(baseline());
        } else {
            let _ = black_box(decide());
        }
    }
}

fn unlink(expired_days: i64, iterations: u64, base: bool) {
    let case = UnlinkCase::new(expired_days);
    let ctx = Context::new(case.now, &case.actor, &case.policy);
    rounds(iterations, base, || case.decide(&ctx), || case.baseline());
}

fn change_seats(revoked: bool, iterations: u64, base: bool) {
    let case = SeatCase::new(revoked);
    let ctx = Context::new(case.now, &case.actor, &case.policy);
    rounds(iterations, base, || case.decide(&ctx), || case.baseline());
}

/// `Account::decide` changing the seats of the last of `licences`.
fn account_seats(licences: usize, iterations: u64, base: bool) {
    let case = AccountSeatCase::new(licences);
    let ctx = Context::new(case.now, &case.actor, &case.policy);
    rounds(iterations, base, || case.decide(&ctx), || case.baseline());
}

/// Folding `Account::evolve` over a year of events, `iterations` times;
/// the baseline clones the initial account and visits the events only.
#[inline(never)]
fn account_replay(iterations: u64, base: bool) {
    let replay = fixtures::year_of_events();
    for _ in 0..iterations {
        if base {
            black_box(replay.read_loop());
        } else {
            black_box(replay.fold());
        }
    }
}

/// Reading the JSON of an account of `licences` active licences (the seat
/// case's) with `from_json`, validation included; the baseline parses the
/// same bytes into `IgnoredAny`.
fn deserialize(licences: usize, iterations: u64, base: bool) {
    let json = serde_json::to_string(&AccountSeatCase::new(licences).account).expect("JSON");
    rounds(
        iterations,
        base,
        || channel_licensing::from_json::<channel_licensing::Account>(black_box(&json)),
        || serde_json::from_str::<serde::de::IgnoredAny>(black_box(&json)).map(|_| ()),
    );
}

/// Writing that account as JSON; the baseline writes the same document held
/// as a `serde_json::Value`.
fn serialize(licences: usize, iterations: u64, base: bool) {
    let account = AccountSeatCase::new(licences).account;
    let value = serde_json::to_value(&account).expect("JSON");
    rounds(
        iterations,
        base,
        || serde_json::to_string(black_box(&account)),
        || serde_json::to_string(black_box(&value)),
    );
}

#[inline(never)]
fn next_deadline(iterations: u64, base: bool) {
    let policy = channel_licensing::Policy::standard();
    let accounts = fixtures::accounts(ACCOUNTS, 48, at("2026-01-01T00:00:00Z"));
    for _ in 0..iterations {
        if base {
            black_box(fixtures::read_loop(black_box(&accounts)));
        } else {
            black_box(fixtures::sweep(&accounts, &policy));
        }
    }
}

/// The unlink case's account (3 licences of acme's: revoked, cancelled,
/// expired), linked with beta too, with an active licence of acme's that
/// beta asks for in a pending transfer request, and `gdap` GDAP
/// relationships of acme's pending approval.
fn gdap_and_transfer_account(gdap: usize) -> channel_licensing::Account {
    use channel_licensing::gdap::{AdminRole, GdapRelationship};
    use channel_licensing::transfer_requests::TransferRequest;
    use channel_licensing::{Licence, Purchaser, RelationshipState, Term};
    let case = UnlinkCase::new(70);
    let term = Term::of_days(case.now, 365).expect("term");
    let active = Licence::active(
        "L-9",
        "endpoint",
        10,
        term,
        true,
        Purchaser::partner("acme"),
    )
    .expect("licence");
    let other = Licence::active(
        "L-8",
        "endpoint",
        10,
        term,
        true,
        Purchaser::partner("acme"),
    )
    .expect("licence");
    let mut account = case
        .account
        .with_relationship("beta", RelationshipState::Linked)
        .with_licence(active)
        .with_licence(other);
    for i in 0..gdap {
        account.gdap.push(GdapRelationship::pending(
            format!("g{i}"),
            "acme",
            [AdminRole::ServiceSupportAdministrator],
            365,
            case.now,
        ));
    }
    account.transfer_requests.push(TransferRequest::pending(
        "t1",
        "acme",
        "beta",
        ["L-9"],
        case.now,
    ));
    account
}

/// A GDAP command (the customer's admin approving g0, or the partner's
/// admin removing a role it lacks, refused) or a transfer request's
/// acceptance by its source, on that account. No baseline: the guard rail
/// is the unlink's (issue 26).
fn gdap_or_transfer(case: &str, iterations: u64) {
    use channel_licensing::gdap::{AdminRole, GdapCommand};
    use channel_licensing::transfer_requests::TransferCommand;
    use channel_licensing::{Account, AccountCommand, Actor, PartnerUser, Policy, Role};
    let mut account = gdap_and_transfer_account(1);
    let policy = Policy::standard();
    let now = UnlinkCase::new(70).now;
    let admin = Actor::CustomerAdmin {
        customer: account.id.clone(),
    };
    let partner = |id: &str| Actor::Partner(PartnerUser::new(id, "eu").with_roles([Role::Admin]));
    let gdap = |id: &str, command| AccountCommand::Gdap {
        gdap: id.into(),
        command,
    };
    let transfer = |id: &str, command| AccountCommand::TransferRequest {
        transfer: id.into(),
        command,
    };
    if case == "gdap_terminate" {
        // g0 approved: its three notices and its end pending.
        let approve = gdap("g0", GdapCommand::Approve);
        let approved = account
            .decide(&approve, &Context::new(now, &admin, &policy))
            .expect("approved");
        account = approved.events().fold(account, Account::evolve);
    }
    let (actor, command) = match case {
        "gdap_request" => {
            let request = GdapCommand::Request {
                roles: vec![AdminRole::GlobalReader],
                duration_days: 365,
                auto_extend: false,
            };
            (partner("acme"), gdap("g9", request))
        }
        "gdap_approve" => (admin, gdap("g0", GdapCommand::Approve)),
        "gdap_terminate" => (partner("acme"), gdap("g0", GdapCommand::Terminate)),
        "gdap_refused" => (partner("acme"), gdap("g0", GdapCommand::RemoveGlobalAdmin)),
        "transfer_create" => {
            let create = TransferCommand::Create {
                from_partner: "acme".into(),
                licences: vec!["L-8".into()],
            };
            (partner("beta"), transfer("t2", create))
        }
        "transfer_refused" => (partner("beta"), transfer("t1", TransferCommand::Accept)),
        _ => (partner("acme"), transfer("t1", TransferCommand::Accept)),
    };
    let ctx = Context::new(now, &actor, &policy);
    rounds(
        iterations,
        false,
        || black_box(&account).decide(black_box(&command), black_box(&ctx)),
        || (),
    );
}

/// `Account::next_deadline` on an account with `gdap` GDAP relationships.
fn gdap_deadline(gdap: usize, iterations: u64) {
    let account = gdap_and_transfer_account(gdap);
    let policy = channel_licensing::Policy::standard();
    rounds(
        iterations,
        false,
        || black_box(&account).next_deadline(black_box(&policy)),
        || (),
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args == ["replay_events"] {
        println!("{}", fixtures::year_of_events().events.len());
        return;
    }
    let (Some(case), Some(Ok(iterations))) = (args.first(), args.get(1).map(|n| n.parse())) else {
        println!("usage: instructions <case>[_baseline] <iterations> (see benches/callgrind.sh)");
        return;
    };
    let (case, base) = match case.strip_suffix("_baseline") {
        Some(case) => (case.to_owned(), true),
        None => (case.clone(), false),
    };
    // On a thread of its own, whose stack starts page-aligned, and each case
    // out of line: on the main thread the stack's alignment moves with the
    // size of the environment, the arguments and `main`'s frame, and with
    // it the count (memcpy takes another path; see benches/README.md). A
    // second thread also puts glibc's malloc on its multi-threaded path, as
    // in a service.
    std::thread::spawn(move || run(&case, iterations, base))
        .join()
        .expect("the case ran");
}

fn run(case: &str, iterations: u64, base: bool) {
    match case {
        "unlink_accepted" => unlink(70, iterations, base),
        "unlink_refused" => unlink(10, iterations, base),
        "change_seats_accepted" => change_seats(false, iterations, base),
        "change_seats_refused" => change_seats(true, iterations, base),
        "next_deadline" => next_deadline(iterations, base),
        "account_seats_3" => account_seats(3, iterations, base),
        "account_seats_50" => account_seats(50, iterations, base),
        "account_replay" => account_replay(iterations, base),
        "deserialize_3" => deserialize(3, iterations, base),
        "deserialize_50" => deserialize(50, iterations, base),
        "serialize_3" => serialize(3, iterations, base),
        "serialize_50" => serialize(50, iterations, base),
        "gdap_request" | "gdap_approve" | "gdap_terminate" | "gdap_refused" | "transfer_create"
        | "transfer_accept" | "transfer_refused" => gdap_or_transfer(case, iterations),
        "gdap_deadline_10" => gdap_deadline(10, iterations),
        "gdap_deadline_100" => gdap_deadline(100, iterations),
        other => {
            eprintln!("unknown case {other}");
            std::process::exit(2);
        }
    }
}
