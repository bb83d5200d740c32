//! What the benches share: reading criterion's estimates back, and paired
//! ratios.

#![allow(dead_code, reason = "each bench uses part of it")]

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

/// The ratio of `ours` to `base` in time, measured in pairs: each round
/// times `iterations` calls of one, then of the other (alternating which
/// goes first), and the figure is the median of the rounds' ratios. A burst
/// of load from elsewhere on the machine then slows both sides of a round,
/// where criterion's separate runs let it fall on one side only.
/// Returns (median ratio, median ns per call of `ours`, of `base`).
pub fn paired_ratio(
    rounds: usize,
    iterations: u32,
    mut ours: impl FnMut(),
    mut base: impl FnMut(),
) -> (f64, f64, f64) {
    let median = |mut xs: Vec<f64>| {
        xs.sort_by(f64::total_cmp);
        xs[xs.len() / 2]
    };
    let (mut ratios, mut a, mut b) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (x, y) = if round % 2 == 0 {
            let x = time(iterations, &mut ours);
            (x, time(iterations, &mut base))
        } else {
            let y = time(iterations, &mut base);
            (time(iterations, &mut ours), y)
        };
        ratios.push(x / y);
        a.push(x);
        b.push(y);
    }
    (median(ratios), median(a), median(b))
}

/// Nanoseconds per call of `f` over `iterations` calls; generic, so each
/// call is inlined into the loop as in criterion's `iter` (a `dyn` call per
/// iteration would add its own cost to both sides).
#[expect(
    clippy::disallowed_methods,
    reason = "the bench harness, not the crate, reads the clock"
)]
fn time(iterations: u32, f: &mut impl FnMut()) -> f64 {
    let start = std::time::Instant::now();
    for _ in 0..iterations {
        f();
    }
    start.elapsed().as_secs_f64() * 1e9 / f64::from(iterations)
}
