//! The licence lifecycle, LIC-1 … LIC-13, on a standalone licence decided
//! for customer "rossi" (and, where a rule is about the account, through it).

mod cancellation;
mod reactivation;
mod seats;
mod state;
mod suspension;
mod term_end;
mod timer_keys;
mod transitions;
mod windows;
