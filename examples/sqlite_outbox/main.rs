//! The crate behind a real embedded database: every decision stored in one
//! SQLite transaction (state with an optimistic version check, events,
//! effects in an outbox), and a scheduler loop that delivers due timers.
//!
//! ```sh
//! cargo run --example sqlite_outbox                 # a database in a temporary directory
//! cargo run --example sqlite_outbox -- --crash-after 2   # dies mid-way; run again to resume
//! cargo run --example sqlite_outbox -- --db ./demo.sqlite
//! ```

pub mod outbox;

use std::path::PathBuf;
use std::process::ExitCode;

use channel_licensing::account::DisplayName;
use channel_licensing::{
    Account, AccountCommand, Actor, BillingType, CreatedBy, Licence, PartnerUser, Policy,
    Programme, Purchaser, RelationshipState, Term, UnlinkMode,
};
use chrono::{DateTime, TimeDelta, Utc};
use outbox::{Store, StoreError};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap_or(DateTime::UNIX_EPOCH)
}

/// Imports three customers and seeds the partner's commands, once, in one
/// transaction.
/// Verdi's and Bianchi's licences are both `L-1`: licence IDs are unique per
/// customer only, and the outbox keys (`timer.key.to_string()`) name the
/// customer, so the two never share a row.
pub fn seed(store: &mut Store) -> Result<(), StoreError> {
    let term = Term::new(at("2025-07-20T00:00:00Z"), at("2026-07-20T00:00:00Z"))?;
    // Bought by acme on the customers' behalf (SUB-1).
    let acme_bought = || Purchaser::partner("acme");
    let accounts = [
        Account::new(
            "rossi",
            "Rossi SpA",
            "eu",
            BillingType::MonthlyUsage,
            CreatedBy::Partner,
        )
        .with_relationship("acme", RelationshipState::Linked),
        Account::new(
            "verdi",
            "Verdi Srl",
            "eu",
            BillingType::Term,
            CreatedBy::Partner,
        )
        .with_relationship("acme", RelationshipState::Linked)
        .with_licence(Licence::active(
            "L-1",
            "endpoint-advanced",
            20,
            term,
            false,
            acme_bought(),
        )?),
        Account::new(
            "bianchi",
            "Bianchi SNC",
            "eu",
            BillingType::Term,
            CreatedBy::Partner,
        )
        .with_relationship("acme", RelationshipState::Linked)
        .with_licence(Licence::active(
            "L-1",
            "endpoint-advanced",
            5,
            term,
            true,
            acme_bought(),
        )?),
    ];
    let acme = Actor::Partner(PartnerUser::new("acme", "eu").with_programmes([Programme::MspFlex]));
    let now = at("2026-06-15T10:00:00Z");
    let commands = [
        (
            "rossi",
            AccountCommand::Unlink {
                mode: UnlinkMode::Scheduled,
            },
            acme.clone(),
            now,
        ),
        (
            "verdi",
            AccountCommand::Rename {
                name: DisplayName::new("Verdi Group Srl"),
            },
            acme,
            now,
        ),
    ];
    store.seed(now, &accounts, &commands)
}

/// Seeds (once) and runs the scheduler from 15 June to 15 August 2026.
pub fn run(store: &mut Store, crash_after: Option<usize>) -> Result<usize, StoreError> {
    seed(store)?;
    store.run_scheduler(
        at("2026-06-15T10:00:00Z"),
        at("2026-08-15T00:00:00Z"),
        TimeDelta::hours(6),
        crash_after,
    )
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut db: Option<PathBuf> = None;
    let mut crash_after = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--db" => db = args.next().map(PathBuf::from),
            "--crash-after" => crash_after = args.next().and_then(|n| n.parse().ok()),
            other => {
                eprintln!(
                    "sqlite_outbox: unknown argument {other} (use --db PATH, --crash-after N)"
                );
                return ExitCode::from(2);
            }
        }
    }
    let path = db.unwrap_or_else(|| {
        let dir =
            std::env::temp_dir().join(format!("channel-licensing-outbox-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        dir.join("outbox.sqlite")
    });
    let result = Store::open(&path, Policy::standard()).and_then(|mut store| {
        let delivered = run(&mut store, crash_after)?;
        Ok((store, delivered))
    });
    match result {
        Ok((store, delivered)) => {
            println!("database: {}", path.display());
            println!("delivered {delivered} timers this run");
            let end = at("2026-08-15T00:00:00Z");
            for customer in ["rossi", "verdi", "bianchi"] {
                let (account, version) = match store.load(customer) {
                    Ok(x) => x,
                    Err(e) => {
                        eprintln!("sqlite_outbox: {e}");
                        return ExitCode::FAILURE;
                    }
                };
                let licences: Vec<String> = account
                    .licences
                    .iter()
                    .map(|l| format!("{} {}", l.id, l.status(end, &Policy::standard())))
                    .collect();
                println!(
                    "  {} (v{version}): {}, acme {}, licences [{}]",
                    account.name,
                    serde_json::to_value(account.billing).unwrap_or_default(),
                    account
                        .relationship_status(&"acme".into(), end)
                        .map_or("-".into(), |s| s.to_string()),
                    licences.join(", ")
                );
            }
            let count = |sql| store.count(sql).unwrap_or(-1);
            println!(
                "rows: {} events, {} outbox delivered, {} pending, {} name propagations",
                count("SELECT COUNT(*) FROM events"),
                count("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NOT NULL"),
                count("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL"),
                count("SELECT COUNT(*) FROM propagations"),
            );
            ExitCode::SUCCESS
        }
        Err(StoreError::Crash) => {
            println!("database: {}", path.display());
            println!(
                "the scheduler crashed mid-delivery (as asked); run again with --db {} to resume",
                path.display()
            );
            ExitCode::from(3)
        }
        Err(e) => {
            eprintln!("sqlite_outbox: {e}");
            ExitCode::FAILURE
        }
    }
}
