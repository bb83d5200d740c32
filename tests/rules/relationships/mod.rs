//! Partner relationships and unlinking, REL-1 … REL-11. (REL-10, the
//! customer list, is in `customers::views`.)

mod calendar;
mod links;
mod monthly;
mod several_partners;
mod timers;
mod unlink;
