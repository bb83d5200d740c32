//! The phrases refusal sentences are built from (no rule IDs): an
//! instant, a relationship's state, a list of roles.

use std::fmt;

use chrono::{DateTime, SecondsFormat, Utc};

use crate::actor::Roles;
use crate::vocabulary::RelationshipStatus;

/// An instant as a support agent reads it: RFC 3339, UTC, whole seconds.
pub(crate) struct Instant(pub(crate) DateTime<Utc>);

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }
}

/// "a linked relationship", "an unlinked relationship", "no relationship".
pub(super) struct RelationshipPhrase(pub(super) Option<RelationshipStatus>);

impl fmt::Display for RelationshipPhrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            None => "no relationship",
            Some(RelationshipStatus::Invited) => "only a pending invitation",
            Some(RelationshipStatus::Linked) => "a linked relationship",
            Some(RelationshipStatus::UnlinkScheduled) => "a relationship whose unlink is scheduled",
            Some(RelationshipStatus::Unlinked) => "an unlinked relationship",
            Some(RelationshipStatus::Declined) => "a declined invitation",
        })
    }
}

/// "account admin, sales agent or billing agent".
pub(super) struct RoleList(pub(super) Roles);

impl fmt::Display for RoleList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.iter().count();
        for (index, role) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(if index + 1 == count { " or " } else { ", " })?;
            }
            write!(f, "{role}")?;
        }
        Ok(())
    }
}
