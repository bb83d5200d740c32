//! What both benches share: reading criterion's estimates back.

/// Criterion's estimates (mean, median) of one benchmark, in nanoseconds,
/// when it ran in this process (an older run's file is not "the same run").
pub fn estimates(group: &str, function: &str, since: std::time::SystemTime) -> Option<(f64, f64)> {
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".to_owned());
    let path = format!("{target}/criterion/{group}/{function}/new/estimates.json");
    if std::fs::metadata(&path).ok()?.modified().ok()? < since {
        return None;
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    Some((
        json["mean"]["point_estimate"].as_f64()?,
        json["median"]["point_estimate"].as_f64()?,
    ))
}

/// When this bench process started, to tell its estimates from older runs'.
#[expect(
    clippy::disallowed_methods,
    reason = "the bench harness, not the crate, reads the clock"
)]
pub fn started() -> std::time::SystemTime {
    std::time::SystemTime::now()
}
