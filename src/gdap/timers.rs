//! A GDAP relationship's timers: its approval deadline (GDAP-2), its
//! notices (GDAP-5) and its end, which extends (GDAP-4) or expires
//! (GDAP-5); which are pending, and the change the earliest due one makes.

use arrayvec::ArrayVec;
use chrono::{DateTime, Utc};

use super::command::GdapChange;
use super::relationship::{GdapRelationship, GdapState};
use crate::calendar::TimeOutOfRange;
use crate::calendar::{add_days, checked_add_days, sub_days, whole_days_between};
use crate::effect::{Timer, TimerKey};
use crate::ids::CustomerId;
use crate::policy::Policy;

/// A relationship's pending timers: the approval deadline, or the notices
/// (at most [`Policy::MAX_REMINDERS`]) and the end.
pub(crate) type Slots = ArrayVec<(Slot, DateTime<Utc>), { Policy::MAX_REMINDERS + 1 }>;

/// One of a relationship's timers, without its customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    /// A request's approval deadline (GDAP-2).
    ApprovalDeadline,
    /// A notice `days` before the end (GDAP-5).
    Notice(u32),
    /// The end: an extension with auto-extend on (GDAP-4), else the expiry
    /// (GDAP-5).
    End,
}

impl Slot {
    /// Its place in RULES' order of timers due at one instant: GDAP-2's
    /// deadlines, then GDAP-5's notices (whatever their offset), then ends.
    pub(crate) fn rank(self) -> u8 {
        match self {
            Slot::ApprovalDeadline => 0,
            Slot::Notice(_) => 1,
            Slot::End => 2,
        }
    }
}

impl GdapRelationship {
    /// Its pending timers, in due order: at most the notices and the end.
    pub(crate) fn slots(&self, policy: &Policy) -> Slots {
        let gdap = policy.gdap();
        match self.state {
            GdapState::ApprovalPending { requested_at } => {
                checked_add_days(requested_at, gdap.approval_days)
                    .map(|due| (Slot::ApprovalDeadline, due))
                    .into_iter()
                    .collect()
            }
            GdapState::Active {
                activated_at,
                ends,
                noticed_until,
            } => {
                let mut slots = Slots::new();
                if !self.auto_extend {
                    let after = noticed_until.unwrap_or(activated_at);
                    // `notice_days` is sorted largest first: the notices come in due order.
                    for &days in &gdap.notice_days {
                        if let Some(due) = sub_days(ends, days)
                            && due > after
                        {
                            slots.push((Slot::Notice(days), due));
                        }
                    }
                }
                slots.push((Slot::End, ends));
                slots
            }
            GdapState::Expired { .. }
            | GdapState::Rejected { .. }
            | GdapState::Terminated { .. } => Slots::new(),
        }
    }

    /// When its earliest timer is due, without working out the others: the
    /// deadline, the first notice still ahead, or the end.
    pub(crate) fn next_due(&self, policy: &Policy) -> Option<DateTime<Utc>> {
        match self.state {
            GdapState::Active {
                activated_at,
                ends,
                noticed_until,
            } if !self.auto_extend => {
                let after = noticed_until.unwrap_or(activated_at);
                // Largest offset first: the first notice still ahead is the earliest.
                let notice = policy
                    .gdap()
                    .notice_days
                    .iter()
                    .find_map(|&days| sub_days(ends, days).filter(|&due| due > after));
                Some(notice.unwrap_or(ends))
            }
            GdapState::Active { ends, .. } => Some(ends),
            _ => self.slots(policy).first().map(|&(_, due)| due),
        }
    }

    /// The key of `slot` for `customer`.
    pub(crate) fn key(&self, customer: &CustomerId, slot: Slot) -> TimerKey {
        let (customer, gdap) = (customer.clone(), self.id.clone());
        match slot {
            Slot::ApprovalDeadline => TimerKey::GdapApprovalDeadline { customer, gdap },
            Slot::Notice(days) => TimerKey::GdapNotice {
                customer,
                gdap,
                days,
            },
            Slot::End => TimerKey::GdapEnd { customer, gdap },
        }
    }

    /// Its pending timers for `customer`, in due order.
    pub(crate) fn timers<'a>(
        &'a self,
        customer: &'a CustomerId,
        policy: &Policy,
    ) -> impl Iterator<Item = Timer> + 'a {
        self.slots(policy).into_iter().map(|(slot, due)| Timer {
            key: self.key(customer, slot),
            due,
        })
    }

    /// The slot `key` names, if it is one of this relationship's.
    pub(crate) fn slot_of(&self, key: &TimerKey) -> Option<Slot> {
        match key {
            TimerKey::GdapApprovalDeadline { gdap, .. } if *gdap == self.id => {
                Some(Slot::ApprovalDeadline)
            }
            TimerKey::GdapNotice { gdap, days, .. } if *gdap == self.id => {
                Some(Slot::Notice(*days))
            }
            TimerKey::GdapEnd { gdap, .. } if *gdap == self.id => Some(Slot::End),
            _ => None,
        }
    }

    /// The change its earliest timer due at or before `now` makes, if one
    /// is due. A notice due before an end that is also due is skipped, not
    /// sent; an end with auto-extend on extends as many times as needed to
    /// end after `now`.
    ///
    /// # Errors
    ///
    /// [`TimeOutOfRange`] when the extended end lies beyond chrono's range.
    pub(crate) fn due_change(
        &self,
        now: DateTime<Utc>,
        policy: &Policy,
    ) -> Result<Option<GdapChange>, TimeOutOfRange> {
        let Some(&(slot, due)) = self.slots(policy).first() else {
            return Ok(None);
        };
        if due > now {
            return Ok(None);
        }
        Ok(Some(match (slot, self.state) {
            (Slot::Notice(days_before), GdapState::Active { ends, .. }) if ends <= now => {
                GdapChange::NoticeSkipped { days_before, due }
            }
            (Slot::Notice(days_before), _) => GdapChange::NoticeSent { days_before, due },
            (Slot::End, _) if self.auto_extend => {
                let step = policy.gdap().extension_days;
                let extensions = u64::from(whole_days_between(due, now) / step) + 1;
                let days =
                    u32::try_from(extensions * u64::from(step)).map_err(|_| TimeOutOfRange)?;
                GdapChange::Extended {
                    ends: add_days(due, days)?,
                    extensions,
                }
            }
            (Slot::End | Slot::ApprovalDeadline, _) => GdapChange::Expired { at: due },
        }))
    }
}
