//! GDAP relationships (GDAP-1 … GDAP-8): requests, approval, fixed roles,
//! auto-extend, notices and expiry, termination, final states, and the
//! delegated admin privileges they give (BILL-8).

mod approval;
mod lifecycle;
mod request;
mod timers;

use channel_licensing::actor::Role;
use channel_licensing::gdap::{AdminRole, GdapCommand, GdapRelationship, GdapState};
use channel_licensing::{AccountCommand, Actor, PartnerUser};

use crate::common::*;

/// A user of partner acme (eu) with the `admin` role (GDAP-1).
fn acme_admin() -> Actor {
    Actor::Partner(PartnerUser::new("acme", "eu").with_roles([Role::Admin]))
}

/// A user of partner beta (eu) with the `super_admin` role.
fn beta_admin() -> Actor {
    Actor::Partner(PartnerUser::new("beta", "eu").with_roles([Role::SuperAdmin]))
}

/// The customer's admin.
fn customer_admin() -> Actor {
    admin_of("rossi")
}

/// `command` on GDAP relationship g1.
fn g1(command: GdapCommand) -> AccountCommand {
    AccountCommand::Gdap {
        gdap: "g1".into(),
        command,
    }
}

/// A request for `roles` over `days`, auto-extend as given.
fn request(roles: &[AdminRole], days: u32, auto_extend: bool) -> GdapCommand {
    GdapCommand::Request {
        roles: roles.to_vec(),
        duration_days: days,
        auto_extend,
    }
}

/// acme's GDAP relationship g1 with `roles`, active from `now()` for 365
/// days, auto-extend as given.
fn active_g1(roles: &[AdminRole], auto_extend: bool) -> GdapRelationship {
    let mut gdap = GdapRelationship::pending("g1", "acme", roles.iter().copied(), 365, now());
    gdap.auto_extend = auto_extend;
    gdap.state = GdapState::Active {
        activated_at: now(),
        ends: now() + days(365),
        noticed_until: None,
    };
    gdap
}
