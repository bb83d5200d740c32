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

/// Criterion's options that take a value (`--name value`, or `-x value` for
/// those with a short form), as criterion 0.8 declares them: the argument
/// after one of these is its value, not a filter.
const VALUE_OPTIONS: [&str; 16] = [
    "--color",
    "--colour",
    "--save-baseline",
    "--baseline",
    "--baseline-lenient",
    "--format",
    "--profile-time",
    "--load-baseline",
    "--sample-size",
    "--warm-up-time",
    "--measurement-time",
    "--nresamples",
    "--noise-threshold",
    "--confidence-level",
    "--significance-level",
    "--plotting-backend",
];

/// The short forms that take a value: `-c` (color), `-s` (save-baseline),
/// `-b` (baseline).
const VALUE_SHORTS: [char; 3] = ['c', 's', 'b'];

/// Which benchmarks a bench's command line selects, read as criterion reads
/// it: its one positional argument is the filter, `--exact` makes the filter
/// match whole IDs, `--ignored` selects nothing.
#[derive(Debug, PartialEq, Eq)]
pub struct Selection {
    pub filter: Option<String>,
    pub exact: bool,
    pub ignored: bool,
}

impl Selection {
    /// Whether criterion runs the benchmark `id` (`group/function`).
    /// Criterion reads the filter as a regular expression; here it is
    /// matched literally, which agrees for filters made of names
    /// (letters, digits, `_`, `/`).
    pub fn selects(&self, id: &str) -> bool {
        match &self.filter {
            _ if self.ignored => false,
            None => true,
            Some(filter) if self.exact => id == filter,
            Some(filter) => id.contains(filter.as_str()),
        }
    }
}

/// Reads the process arguments (the program name first) as criterion does:
/// flags and their values are skipped, whether the value follows as the
/// next argument (`--measurement-time 3`, `-b main`), is attached
/// (`--measurement-time=3`, `-bmain`) or ends a cluster of short flags
/// (`-nb main`); after `--` every argument is positional.
pub fn selection(args: &[String]) -> Selection {
    let mut selection = Selection {
        filter: None,
        exact: false,
        ignored: false,
    };
    let mut args = args.iter().skip(1);
    let mut positional_only = false;
    while let Some(arg) = args.next() {
        if positional_only || arg == "-" || !arg.starts_with('-') {
            selection.filter.get_or_insert_with(|| arg.clone());
        } else if arg == "--" {
            positional_only = true;
        } else if arg == "--exact" {
            selection.exact = true;
        } else if arg == "--ignored" {
            selection.ignored = true;
        } else if arg.starts_with("--") {
            if VALUE_OPTIONS.contains(&arg.as_str()) {
                args.next();
            }
        } else {
            // A cluster of short flags: the first that takes a value takes
            // the rest of the cluster, or the next argument.
            let cluster = &arg[1..];
            if let Some(at) = cluster.find(|c| VALUE_SHORTS.contains(&c))
                && at + 1 == cluster.len()
            {
                args.next();
            }
        }
    }
    selection
}

/// The examples `selection` must read as criterion does; `cargo test
/// --bench account` (criterion's test mode) checks them.
pub fn check_selection() {
    let read = |line: &str| {
        let args: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        let s = selection(&args);
        (s.filter, s.exact, s.ignored)
    };
    let filter = |f: &str| Some(f.to_owned());
    for (line, expected) in [
        ("bench", (None, false, false)),
        ("bench --bench", (None, false, false)),
        ("bench --bench unlink", (filter("unlink"), false, false)),
        ("bench --measurement-time 3 --bench", (None, false, false)),
        (
            "bench --bench --warm-up-time 1 --sample-size 20 seats",
            (filter("seats"), false, false),
        ),
        (
            "bench --measurement-time=3 replay",
            (filter("replay"), false, false),
        ),
        ("bench -b main -n unlink", (filter("unlink"), false, false)),
        ("bench -bmain unlink", (filter("unlink"), false, false)),
        ("bench -nb main unlink", (filter("unlink"), false, false)),
        ("bench -c never --noplot", (None, false, false)),
        (
            "bench --exact next_deadline_1m/read_loop",
            (filter("next_deadline_1m/read_loop"), true, false),
        ),
        ("bench --ignored", (None, false, true)),
        ("bench -- --odd-name", (filter("--odd-name"), false, false)),
    ] {
        assert_eq!(read(line), expected, "criterion's reading of `{line}`");
    }
    let selection = |line: &str| {
        selection(
            &line
                .split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>(),
        )
    };
    assert!(selection("bench --measurement-time 3").selects("next_deadline_1m/read_loop"));
    assert!(selection("bench unlink").selects("unlink_three_licences_accepted/crate_decide"));
    assert!(!selection("bench seats").selects("next_deadline_1m/read_loop"));
    assert!(!selection("bench --exact next_deadline_1m").selects("next_deadline_1m/read_loop"));
    assert!(!selection("bench --ignored").selects("next_deadline_1m/read_loop"));
}
