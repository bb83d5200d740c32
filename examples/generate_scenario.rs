//! Writes a large scenario (format 1) to stdout, for measuring `simulate`:
//! `CUSTOMERS` customers of partner acme, each with three auto-renewing
//! licences (annual, quarterly, monthly) starting on staggered days of
//! January 2026, and `WEEKS` (52 unless given) weekly `advance` steps, with
//! a seat change on one customer's licence each week.
//!
//! ```sh
//! cargo run --release --example generate_scenario -- 10000 > /tmp/10k.json
//! cargo run --release --example generate_scenario -- 10000 208 > /tmp/10k-4y.json
//! cargo run --release --features scenario --bin simulate -- --json /tmp/10k.json | tail -1
//! ```

use serde_json::{Value, json};

fn main() {
    let customers: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let weeks: i64 = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(52);
    let start = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
        .expect("instant")
        .to_utc();
    let instant = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let list: Vec<Value> = (0..customers)
        .map(|c| {
            let starts = start + chrono::TimeDelta::days(i64::try_from(c % 28).unwrap_or(0));
            let licences: Vec<Value> = [("annual", 365), ("quarterly", 91), ("monthly", 30)]
                .iter()
                .map(|(name, days)| {
                    json!({
                        "id": name, "offer": "endpoint", "seats": 10, "state": "active",
                        "starts": instant(starts),
                        "ends": instant(starts + chrono::TimeDelta::days(*days)),
                        "auto_renew": true,
                    })
                })
                .collect();
            json!({
                "id": format!("c-{c}"), "name": format!("Customer {c}"), "region": "eu",
                "billing": "term", "created_by": "partner",
                "relationships": [{"partner": "acme", "state": "linked"}],
                "licences": licences,
            })
        })
        .collect();
    let mut steps = Vec::new();
    for week in 1..=weeks {
        let at = start + chrono::TimeDelta::weeks(week);
        steps.push(json!({"at": instant(at), "advance": true}));
        steps.push(json!({
            "at": instant(at + chrono::TimeDelta::hours(1)),
            "actor": {"partner": "acme", "roles": ["account_admin"]},
            "customer": format!("c-{}", usize::try_from(week).unwrap_or(0) % customers.max(1)),
            "command": {"type": "change_seats", "licence": "annual", "seats": 10 + week},
        }));
    }
    let scenario = json!({
        "format": 1,
        "policy": "standard",
        "description": format!("{customers} customers, three renewing licences each, {weeks} weekly advances"),
        "partners": [{"id": "acme", "region": "eu", "programmes": [], "offers": ["endpoint"], "groups": []}],
        "customers": list,
        "steps": steps,
    });
    println!("{scenario}");
}
