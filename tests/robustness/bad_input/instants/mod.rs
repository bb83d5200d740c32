//! Instants at chrono's limits: every licence and account command, and the
//! queries, at and near both ends of time give a decision or an error
//! value; where arithmetic leaves chrono's range, `Error::TimeOutOfRange`.

mod accounts;
mod licences;
mod out_of_range;

use super::*;

// ============================================== 4. instants at chrono's limits

/// `MIN`, a day after it, an ordinary instant, a day before `MAX`, `MAX`.
fn extreme_instants() -> [DateTime<Utc>; 5] {
    [MIN, MIN + day(1), t0(), MAX - day(1), MAX]
}

/// Terms at and near both ends of time, the whole range, and tiny ones.
fn extreme_terms() -> Vec<Term> {
    vec![
        year_2026(),
        Term::new(MIN, MIN + day(40)).unwrap(),
        Term::new(MAX - day(40), MAX).unwrap(),
        Term::new(MIN, MAX).unwrap(),
        Term::new(MIN, MIN + TimeDelta::milliseconds(1)).unwrap(),
        Term::new(MAX - TimeDelta::nanoseconds(1), MAX).unwrap(),
    ]
}

/// A policy with every day count at its largest (`Policy::MAX_DAYS`).
fn extreme_policy() -> Policy {
    let most = i64::from(Policy::MAX_DAYS);
    Policy::standard()
        .to_builder()
        .name("extreme")
        .expired_grace_days(most - 1)
        .reactivation_window_days(most)
        .term_end_reminders([most, 1])
        .trial_end_reminders([most])
        .suspension_cancels_after_days(most)
        .refund_window_days(Some(most))
        .seat_decrease_window_days(Some(most))
        .build()
        .unwrap()
}
