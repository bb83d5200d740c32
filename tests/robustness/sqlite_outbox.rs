//! The SQLite outbox example (`examples/sqlite_outbox`): its rows after a
//! run, a crash mid-delivery followed by a rerun (nothing lost, nothing
//! applied twice), an optimistic-concurrency conflict, and the binary itself.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use channel_licensing::{
    Account, AccountCommand, AccountEvent, Actor, BillingType, Context, CreatedBy, Licence,
    LicenceState, PartnerUser, Policy, Purchaser, RelationshipState, Term,
};
use chrono::{DateTime, TimeDelta, Utc};
use example::outbox::{Store, StoreError};
use rusqlite::Connection;

// The example itself (its `outbox` module, seed and run), shared.
#[path = "../../examples/sqlite_outbox/main.rs"]
#[allow(dead_code)]
mod example;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn temp_db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("outbox-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("outbox.sqlite")
}

/// Every row of every table, as text, for comparisons.
fn dump(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut rows = Vec::new();
    for sql in [
        "SELECT id || ' v' || version || ' ' || state FROM accounts ORDER BY id",
        "SELECT seq || ' ' || customer || ' ' || event FROM events ORDER BY seq",
        "SELECT key || ' ' || due || ' ' || IFNULL(delivered_at, 'pending') FROM outbox ORDER BY key",
        "SELECT customer || ' ' || target || ' ' || name FROM propagations ORDER BY id",
    ] {
        let mut statement = conn.prepare(sql).unwrap();
        rows.extend(
            statement
                .query_map([], |row| row.get::<_, String>(0))
                .unwrap()
                .map(Result::unwrap),
        );
    }
    rows
}

#[test]
fn a_run_stores_states_events_and_outbox_rows() {
    let path = temp_db("run");
    let mut store = Store::open(&path, Policy::standard()).unwrap();
    let delivered = example::run(&mut store, None).unwrap();
    assert_eq!(delivered, 5);
    let end = at("2026-08-15T00:00:00Z");
    assert_eq!(
        store.relationship("rossi", "acme", end).unwrap().as_deref(),
        Some("unlinked")
    );
    assert_eq!(
        store.relationship("verdi", "acme", end).unwrap().as_deref(),
        Some("linked")
    );
    // Three imports (each account's creation event), eight decided since.
    assert_eq!(store.count("SELECT COUNT(*) FROM events").unwrap(), 11);
    // Every account has a history: its events rebuild its stored state.
    let conn = Connection::open(&path).unwrap();
    for customer in ["rossi", "verdi", "bianchi"] {
        let mut statement = conn
            .prepare("SELECT event FROM events WHERE customer = ?1 ORDER BY seq")
            .unwrap();
        let history: Vec<AccountEvent> = statement
            .query_map([customer], |row| row.get::<_, String>(0))
            .unwrap()
            .map(|text| channel_licensing::from_json(&text.unwrap()).unwrap())
            .collect();
        let (stored, _) = store.load(customer).unwrap();
        assert_eq!(Account::from_events(&history), Some(stored), "{customer}");
    }
    assert_eq!(store.count("SELECT COUNT(*) FROM propagations").unwrap(), 2);
    // The outbox holds exactly the timers the accounts expect.
    let mut expected = BTreeSet::new();
    for customer in ["rossi", "verdi", "bianchi"] {
        let (account, _) = store.load(customer).unwrap();
        expected.extend(
            account
                .timers(&Policy::standard())
                .map(|t| t.key.to_string()),
        );
    }
    let pending: BTreeSet<String> = store.pending_keys().unwrap().into_iter().collect();
    assert_eq!(pending, expected);
    assert_eq!(
        pending,
        [
            "customer/bianchi/licence/L-1/reminder/term_end/30".to_string(),
            "customer/bianchi/licence/L-1/term_end".to_string()
        ]
        .into()
    );
}

#[test]
fn a_crash_mid_delivery_loses_nothing_and_applies_nothing_twice() {
    let clean = temp_db("clean");
    example::run(&mut Store::open(&clean, Policy::standard()).unwrap(), None).unwrap();

    for crash_after in 0..5 {
        let path = temp_db(&format!("crash-{crash_after}"));
        let mut store = Store::open(&path, Policy::standard()).unwrap();
        let crashed = example::run(&mut store, Some(crash_after));
        assert!(matches!(crashed, Err(StoreError::Crash)), "{crashed:?}");
        drop(store);
        // The process restarts and runs again from the top.
        let mut store = Store::open(&path, Policy::standard()).unwrap();
        example::run(&mut store, None).unwrap();
        assert_eq!(
            dump(&path),
            dump(&clean),
            "crash after {crash_after} deliveries"
        );
    }
}

#[test]
fn a_stale_writer_gets_a_conflict_not_a_lost_update() {
    let path = temp_db("conflict");
    let mut store = Store::open(&path, Policy::standard()).unwrap();
    example::seed(&mut store).unwrap();
    let policy = Policy::standard();
    let acme = Actor::Partner(PartnerUser::new("acme", "eu"));
    let now = at("2026-06-16T09:00:00Z");
    let (account, version) = store.load("verdi").unwrap();
    // Two writers decide from the same version.
    let first = account
        .decide(
            &AccountCommand::LaunchConsole,
            &Context::new(now, &acme, &policy),
        )
        .unwrap();
    let second = account
        .decide(
            &AccountCommand::Rename {
                name: "Verdi Holding".into(),
            },
            &Context::new(now, &acme, &policy),
        )
        .unwrap();
    store
        .store("verdi", version, account.clone(), &first, now)
        .unwrap();
    let err = store
        .store("verdi", version, account, &second, now)
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err}");
    let (stored, new_version): (Account, i64) = store.load("verdi").unwrap();
    assert_eq!(new_version, version + 1);
    assert_eq!(
        stored.name.as_str(),
        "Verdi Group Srl",
        "the stale rename was not stored"
    );
    let _ = TimeDelta::zero();
}

/// The example binary runs against a database file and prints its summary;
/// the rows are checked here.
#[test]
fn the_example_binary_runs_and_leaves_the_rows() {
    let exe = std::env::current_exe().unwrap();
    let Some(bin) = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("examples").join("sqlite_outbox"))
        .filter(|b| b.exists())
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "the sqlite_outbox example was not built"
        );
        eprintln!("sqlite_outbox example not built here; skipped");
        return;
    };
    let path = temp_db("binary");
    let out = std::process::Command::new(&bin)
        .arg("--db")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("delivered 5 timers this run"), "{text}");
    let conn = Connection::open(&path).unwrap();
    let events: i64 = conn
        .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(events, 11); // three imports, eight decided since
    // Crash, then resume with the same file.
    let path = temp_db("binary-crash");
    let out = std::process::Command::new(&bin)
        .args(["--crash-after", "2", "--db"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let out = std::process::Command::new(&bin)
        .arg("--db")
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("delivered 3 timers this run"));
}

/// Due instants are ordered as instants, not as text: a timer due in year
/// 12000 is not delivered by a scheduler running in 2026.
#[test]
fn far_future_timers_wait_for_their_time() {
    let path = temp_db("far");
    let mut store = Store::open(&path, Policy::standard()).unwrap();
    let term = Term::new(at("2026-01-01T00:00:00Z"), at("+12000-01-01T00:00:00Z")).unwrap();
    let account = Account::new(
        "far",
        "Far Future",
        "eu",
        BillingType::Term,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::Linked)
    .with_licence(Licence::active("f1", "e", 1, term, false, Purchaser::partner("acme")).unwrap());
    store
        .seed(at("2026-06-15T10:00:00Z"), &[account], &[])
        .unwrap();
    let delivered = store
        .run_scheduler(
            at("2026-06-01T00:00:00Z"),
            at("2026-07-01T00:00:00Z"),
            TimeDelta::days(1),
            None,
        )
        .unwrap();
    assert_eq!(delivered, 0);
    let (after, _) = store.load("far").unwrap();
    assert!(matches!(
        after.licences[0].state,
        channel_licensing::LicenceState::Active { .. }
    ));
}

/// Seeding is one transaction: when one of its commands fails, nothing of
/// the seed is stored, and a rerun seeds everything.
#[test]
fn seeding_is_all_or_nothing() {
    use channel_licensing::UnlinkMode;
    let path = temp_db("seed");
    let mut store = Store::open(&path, Policy::standard()).unwrap();
    let account = Account::new(
        "x",
        "X",
        "eu",
        BillingType::MonthlyUsage,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::Linked);
    // Refused (REL-11): the whole seed rolls back.
    let refused = (
        "x",
        AccountCommand::Unlink {
            mode: UnlinkMode::Immediate,
        },
        Actor::Partner(PartnerUser::new("acme", "eu")),
        at("2026-06-15T10:00:00Z"),
    );
    assert!(
        store
            .seed(
                at("2026-06-15T10:00:00Z"),
                std::slice::from_ref(&account),
                std::slice::from_ref(&refused)
            )
            .is_err()
    );
    assert_eq!(store.count("SELECT COUNT(*) FROM accounts").unwrap(), 0);
    store
        .seed(at("2026-06-15T10:00:00Z"), &[account], &[])
        .unwrap();
    assert_eq!(store.count("SELECT COUNT(*) FROM accounts").unwrap(), 1);
}

/// Timer keys are unique across customers (REL-9's and LIC-2's timers are
/// never lost): two customers each with a licence `L-1` share one SQLite
/// outbox keyed by `timer.key.to_string()`, and both keep all their timers;
/// the scheduler then delivers each customer's own, so both licences reach
/// their term end (one renews, the other expires).
#[test]
fn two_customers_with_licence_l1_keep_all_their_timers_in_one_outbox() {
    let path = temp_db("same-licence-id");
    let mut store = Store::open(&path, Policy::standard()).unwrap();
    let term = Term::new(at("2026-01-01T00:00:00Z"), at("2026-07-01T00:00:00Z")).unwrap();
    let account = |id: &str, auto_renew: bool| {
        Account::new(id, id, "eu", BillingType::Term, CreatedBy::Partner)
            .with_relationship("acme", RelationshipState::Linked)
            .with_licence(
                Licence::active("L-1", "e", 1, term, auto_renew, Purchaser::partner("acme"))
                    .unwrap(),
            )
    };
    let (a, b) = (account("alpha", true), account("beta", false));
    store
        .seed(at("2026-01-01T00:00:00Z"), &[a.clone(), b.clone()], &[])
        .unwrap();
    let mut expected = BTreeSet::new();
    for account in [&a, &b] {
        expected.extend(
            account
                .timers(&Policy::standard())
                .map(|t| t.key.to_string()),
        );
    }
    // Each customer's term end and reminder: four rows, none overwritten.
    assert_eq!(expected.len(), 4);
    let pending: BTreeSet<String> = store.pending_keys().unwrap().into_iter().collect();
    assert_eq!(pending, expected);
    assert!(pending.contains("customer/alpha/licence/L-1/term_end"));
    assert!(pending.contains("customer/beta/licence/L-1/term_end"));

    let delivered = store
        .run_scheduler(
            at("2026-05-01T00:00:00Z"),
            at("2026-07-02T00:00:00Z"),
            TimeDelta::hours(6),
            None,
        )
        .unwrap();
    assert_eq!(delivered, 4, "both reminders and both term ends");
    let (alpha, _) = store.load("alpha").unwrap();
    let (beta, _) = store.load("beta").unwrap();
    assert!(
        matches!(alpha.licences[0].state, LicenceState::Active { term: t, .. } if t.starts == term.ends)
    );
    assert_eq!(
        beta.licences[0].state,
        LicenceState::Expired { at: term.ends }
    );
}
