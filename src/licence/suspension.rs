//! LIC-7: suspending starts the customer's cancellation; resuming is allowed until it takes effect.
