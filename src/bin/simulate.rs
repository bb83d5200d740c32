//! Plays a scenario file (the format of `channel_licensing::scenario`)
//! through the crate, as a faithful caller would, and prints what was
//! decided at each step. Needs only the crate with its `scenario` feature:
//!
//! ```sh
//! cargo run --features scenario --bin simulate -- examples/scenarios/monthly-unlink-goes-through.json
//! cargo run --features scenario --bin simulate -- --json examples/scenarios/monthly-unlink-goes-through.json
//! ```
//!
//! A malformed file, an unknown ID, command or field, or steps out of
//! order: a message naming the step and field on stderr, exit status 2, and
//! nothing on stdout.

use channel_licensing::scenario;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut json = false;
    let mut file = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                println!("usage: simulate [--json] SCENARIO.json");
                return ExitCode::SUCCESS;
            }
            _ if file.is_none() => file = Some(arg),
            _ => {
                eprintln!(
                    "simulate: one scenario file at a time (usage: simulate [--json] SCENARIO.json)"
                );
                return ExitCode::from(2);
            }
        }
    }
    let Some(file) = file else {
        eprintln!("simulate: usage: simulate [--json] SCENARIO.json");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("simulate: cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    // Played twice: first to find any error in the file (then nothing is
    // printed but the error), then to print each line as it is decided,
    // so that memory holds the live state, not the output.
    if let Err(e) = scenario::play_each(&text, |_| {}) {
        eprintln!("simulate: {file}: {e}");
        return ExitCode::from(2);
    }
    // Write through a locked handle: a reader that goes away (`| head`)
    // ends the output quietly instead of a panic on the broken pipe.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut closed = false;
    let played = scenario::play_each(&text, |line| {
        if closed {
            return;
        }
        let written = if json {
            writeln!(out, "{line}")
        } else {
            writeln!(out, "{}\n", scenario::describe(&line))
        };
        closed = written.is_err();
    });
    if let Err(e) = played {
        eprintln!("simulate: {file}: {e}");
        return ExitCode::from(2);
    }
    let _ = out.flush();
    ExitCode::SUCCESS
}
