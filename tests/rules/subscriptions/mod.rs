//! Subscriptions, SUB-1 … SUB-4: what a partner sees and manages, seat and
//! status changes, adding a subscription; on customers with several
//! partners, who owns what.

mod commands;
mod several_partners;
