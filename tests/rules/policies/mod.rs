//! Policies, POL-1 … POL-5: phases after expiry, the Microsoft preset,
//! reminders, money and versions. (LIC-6, the validation of window lengths,
//! is in `licence::windows`.)

mod microsoft;
mod money;
mod phases;
mod reminders;
mod versions;
