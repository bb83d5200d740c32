//! Billing, BILL-1 … BILL-9: billing types and programmes, who manages
//! what, credits, and one billing partner on monthly accounts.

mod credit;
mod management;
mod one_billing_partner;
mod types;
