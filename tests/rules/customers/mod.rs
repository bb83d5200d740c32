//! Customers, CUST-1 … CUST-6: the partner's views (queries over accounts)
//! and changes to a customer's groups and name.

mod profile;
mod views;
