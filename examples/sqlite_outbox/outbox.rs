//! A real embedded database behind the crate: SQLite (rusqlite, bundled).
//!
//! - `accounts`: each account's state as JSON, with a `version` column for
//!   optimistic concurrency: a writer that loaded an older version gets a
//!   conflict, never a lost update.
//! - `events`: every event, in order.
//! - `outbox`: every scheduled timer (key, due instant, payload) and when it
//!   was delivered; `propagations`: names to send to other systems.
//!
//! Each decision is stored in ONE transaction: the new state (version
//! checked), its events and its effects. Delivering a due timer marks its
//! outbox row delivered in the same transaction as the decision it caused,
//! so a crash between any two steps never loses a delivery nor applies one
//! twice: the transaction either happened or it did not.

#![allow(dead_code)]

use std::fmt;
use std::path::Path;

use channel_licensing::account::DisplayName;
use channel_licensing::effect::NameTarget;
use channel_licensing::{
    Account, AccountCommand, AccountEvent, Actor, Context, CustomerId, Decision, NewAccount,
    Outbox, Policy, Timer, TimerKey,
};
use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use rusqlite::{Connection, OptionalExtension, params};

/// What can go wrong when storing.
#[derive(Debug)]
pub enum StoreError {
    /// Another writer stored a newer version first: reload and decide again.
    Conflict {
        customer: String,
        expected: i64,
    },
    /// The crate refused or rejected the command.
    Decision(channel_licensing::Error),
    /// A decision the store cannot use as it is (a bug of the store's).
    Unexpected(&'static str),
    /// The simulated crash of the scheduler loop (see `run_scheduler`).
    Crash,
    Sql(rusqlite::Error),
    Json(serde_json::Error),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Conflict { customer, expected } => {
                write!(
                    f,
                    "account {customer} changed since version {expected}: reload and decide again"
                )
            }
            StoreError::Decision(e) => write!(f, "{e}"),
            StoreError::Unexpected(what) => f.write_str(what),
            StoreError::Crash => f.write_str("simulated crash"),
            StoreError::Sql(e) => write!(f, "sqlite: {e}"),
            StoreError::Json(e) => write!(f, "json: {e}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sql(e)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Json(e)
    }
}

impl From<channel_licensing::Error> for StoreError {
    fn from(e: channel_licensing::Error) -> Self {
        StoreError::Decision(e)
    }
}

type Result<T> = std::result::Result<T, StoreError>;

/// Instants as RFC 3339 UTC text, for the human-readable columns.
pub fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Instants as integer milliseconds since the epoch, for the columns that
/// are compared and ordered (text would put year +12000 before 2026).
pub fn millis(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

pub struct Store {
    conn: Connection,
    policy: Policy,
}

impl Store {
    pub fn open(path: &Path, policy: Policy) -> Result<Store> {
        let conn = Connection::open(path)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE IF NOT EXISTS accounts (
                 id TEXT PRIMARY KEY, state TEXT NOT NULL, version INTEGER NOT NULL);
             CREATE TABLE IF NOT EXISTS events (
                 seq INTEGER PRIMARY KEY AUTOINCREMENT, customer TEXT NOT NULL,
                 decided_at TEXT NOT NULL, event TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS outbox (
                 key TEXT PRIMARY KEY, customer TEXT NOT NULL, due INTEGER NOT NULL,
                 payload TEXT NOT NULL, delivered_at TEXT);
             CREATE INDEX IF NOT EXISTS outbox_due ON outbox (due) WHERE delivered_at IS NULL;
             CREATE TABLE IF NOT EXISTS propagations (
                 id INTEGER PRIMARY KEY AUTOINCREMENT, customer TEXT NOT NULL,
                 target TEXT NOT NULL, name TEXT NOT NULL, at TEXT NOT NULL);",
        )?;
        Ok(Store { conn, policy })
    }

    /// The account and its version.
    pub fn load(&self, customer: &str) -> Result<(Account, i64)> {
        load(&self.conn, customer)
    }

    /// Imports accounts from another system (`NewAccount::Import`, by the
    /// vendor, at `now`: each gets its creation event, and its timers are
    /// scheduled by that decision, as any other decision's are), then
    /// decides and stores commands, all in ONE transaction: a crash leaves
    /// either everything or nothing. Does nothing when accounts exist
    /// already (a rerun).
    pub fn seed(
        &mut self,
        now: DateTime<Utc>,
        accounts: &[Account],
        commands: &[(&str, AccountCommand, Actor, DateTime<Utc>)],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let seeded: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM accounts)", [], |row| {
            row.get(0)
        })?;
        if seeded {
            return Ok(());
        }
        let vendor = Actor::Vendor;
        for account in accounts {
            let import = NewAccount::Import {
                account: Box::new(account.clone()),
            };
            let decision = Account::create(&import, &Context::new(now, &vendor, &self.policy))?;
            // The row is what the history rebuilds, as for any decision.
            let created = Account::from_events(decision.events()).ok_or(StoreError::Unexpected(
                "an import without its creation event",
            ))?;
            tx.execute(
                "INSERT INTO accounts (id, state, version) VALUES (?1, ?2, 1)",
                params![created.id.as_str(), serde_json::to_string(&created)?],
            )?;
            record(&tx, created.id.as_str(), &decision, now)?;
        }
        for (customer, command, actor, now) in commands {
            let (account, version) = load(&tx, customer)?;
            let decision = account.decide(command, &Context::new(*now, actor, &self.policy))?;
            persist(&tx, customer, version, account, &decision, *now)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Stores `decision` as a writer that loaded `version` (for conflicts).
    pub fn store(
        &mut self,
        customer: &str,
        version: i64,
        account: Account,
        decision: &Decision<AccountEvent>,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let events = persist(&tx, customer, version, account, decision, now)?;
        tx.commit()?;
        Ok(events)
    }

    /// The timers due at or before `now`, not yet delivered, in due order.
    pub fn due(&self, now: DateTime<Utc>) -> Result<Vec<(String, Timer)>> {
        let mut statement = self.conn.prepare(
            "SELECT customer, payload FROM outbox WHERE delivered_at IS NULL AND due <= ?1 ORDER BY due, key",
        )?;
        let rows = statement.query_map(params![millis(now)], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut due = Vec::new();
        for row in rows {
            let (customer, payload) = row?;
            due.push((customer, serde_json::from_str(&payload)?));
        }
        Ok(due)
    }

    /// Delivers one due timer: the decision, the account's new version and
    /// the outbox row marked delivered, in one transaction. With `crash`, the
    /// process "dies" before committing: nothing of it is stored.
    pub fn deliver(
        &mut self,
        customer: &str,
        timer: &Timer,
        now: DateTime<Utc>,
        crash: bool,
    ) -> Result<usize> {
        if timer.due > now {
            return Ok(0); // never before it is due
        }
        let (account, version) = self.load(customer)?;
        let decision = account.decide(
            &AccountCommand::Deliver(timer.clone()),
            &Context::new(now, &Actor::Vendor, &self.policy),
        )?;
        let tx = self.conn.transaction()?;
        let claimed = tx.execute(
            "UPDATE outbox SET delivered_at = ?1 WHERE key = ?2 AND due = ?3 AND delivered_at IS NULL",
            params![instant(now), timer.key.to_string(), millis(timer.due)],
        )?;
        if claimed == 0 {
            return Ok(0); // delivered by someone else, or replaced: nothing to do
        }
        let events = persist(&tx, customer, version, account, &decision, now)?;
        if crash {
            return Err(StoreError::Crash); // `tx` is dropped: rolled back
        }
        tx.commit()?;
        Ok(events)
    }

    /// The scheduler: advances a simulated clock from `from` to `to` by
    /// `tick`, delivering what is due at each tick. With `crash_after`, it
    /// dies while storing that many-plus-one-th delivery.
    pub fn run_scheduler(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        tick: TimeDelta,
        crash_after: Option<usize>,
    ) -> Result<usize> {
        let mut delivered = 0;
        let mut now = from;
        while now <= to {
            for (customer, timer) in self.due(now)? {
                let crash = crash_after.is_some_and(|n| delivered == n);
                self.deliver(&customer, &timer, now, crash)?;
                delivered += 1;
            }
            now += tick;
        }
        Ok(delivered)
    }

    pub fn count(&self, sql: &str) -> Result<i64> {
        Ok(self.conn.query_row(sql, [], |row| row.get(0))?)
    }

    pub fn relationship(
        &self,
        customer: &str,
        partner: &str,
        at: DateTime<Utc>,
    ) -> Result<Option<String>> {
        let (account, _) = self.load(customer)?;
        Ok(account
            .relationship_status(&partner.into(), at)
            .map(|s| s.to_string()))
    }

    pub fn pending_keys(&self) -> Result<Vec<String>> {
        let mut statement = self
            .conn
            .prepare("SELECT key FROM outbox WHERE delivered_at IS NULL ORDER BY key")?;
        let keys = statement
            .query_map([], |row| row.get(0))?
            .collect::<std::result::Result<Vec<String>, _>>()?;
        Ok(keys)
    }

    pub fn version(&self, customer: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT version FROM accounts WHERE id = ?1",
                params![customer],
                |row| row.get(0),
            )
            .optional()?)
    }
}

fn load(conn: &Connection, customer: &str) -> Result<(Account, i64)> {
    let (state, version): (String, i64) = conn.query_row(
        "SELECT state, version FROM accounts WHERE id = ?1",
        params![customer],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok((serde_json::from_str(&state)?, version))
}

fn schedule(tx: &rusqlite::Transaction<'_>, customer: &str, timer: &Timer) -> Result<()> {
    tx.execute(
        "INSERT INTO outbox (key, customer, due, payload, delivered_at) VALUES (?1, ?2, ?3, ?4, NULL)
         ON CONFLICT (key) DO UPDATE SET due = excluded.due, payload = excluded.payload, delivered_at = NULL",
        params![timer.key.to_string(), customer, millis(timer.due), serde_json::to_string(timer)?],
    )?;
    Ok(())
}

/// The outbox table and the propagations table, inside one transaction:
/// what a decision's effects are applied to.
struct SqlOutbox<'t, 'c> {
    tx: &'t rusqlite::Transaction<'c>,
    customer: &'t str,
    now: DateTime<Utc>,
}

impl Outbox for SqlOutbox<'_, '_> {
    type Error = StoreError;

    fn schedule(&mut self, timer: &Timer) -> Result<()> {
        schedule(self.tx, self.customer, timer)
    }

    fn cancel(&mut self, key: &TimerKey) -> Result<()> {
        self.tx.execute(
            "DELETE FROM outbox WHERE key = ?1 AND delivered_at IS NULL",
            params![key.to_string()],
        )?;
        Ok(())
    }

    fn propagate_name(
        &mut self,
        to: NameTarget,
        customer: &CustomerId,
        name: &DisplayName,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT INTO propagations (customer, target, name, at) VALUES (?1, ?2, ?3, ?4)",
            params![
                customer.as_str(),
                serde_json::to_string(&to)?,
                name.as_str(),
                instant(self.now)
            ],
        )?;
        Ok(())
    }
}

/// The new state (version-checked), the events and the effects, in `tx`.
fn persist(
    tx: &rusqlite::Transaction<'_>,
    customer: &str,
    version: i64,
    account: Account,
    decision: &Decision<AccountEvent>,
    now: DateTime<Utc>,
) -> Result<usize> {
    if decision.is_empty() {
        return Ok(0);
    }
    let after = decision.events().fold(account, Account::evolve);
    let updated = tx.execute(
        "UPDATE accounts SET state = ?1, version = version + 1 WHERE id = ?2 AND version = ?3",
        params![serde_json::to_string(&after)?, customer, version],
    )?;
    if updated == 0 {
        return Err(StoreError::Conflict {
            customer: customer.to_owned(),
            expected: version,
        });
    }
    record(tx, customer, decision, now)
}

/// A decision's events and effects, in `tx`: how many events.
fn record(
    tx: &rusqlite::Transaction<'_>,
    customer: &str,
    decision: &Decision<AccountEvent>,
    now: DateTime<Utc>,
) -> Result<usize> {
    let mut events = 0;
    for event in decision.events() {
        tx.execute(
            "INSERT INTO events (customer, decided_at, event) VALUES (?1, ?2, ?3)",
            params![
                customer,
                instant(event.decided_at),
                serde_json::to_string(event)?
            ],
        )?;
        events += 1;
    }
    decision.apply_effects(&mut SqlOutbox { tx, customer, now })?;
    Ok(events)
}
