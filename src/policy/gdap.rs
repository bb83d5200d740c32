//! The numbers of GDAP relationships (GDAP-1, GDAP-2, GDAP-4, GDAP-5) as
//! policy data, with Microsoft Partner Center's values as defaults.

use serde::{Deserialize, Serialize};

/// The numbers of GDAP relationships. The defaults are Microsoft Partner
/// Center's (its documentation of granular delegated admin privileges): a
/// relationship lasts at most 730 days (2 years), a request not approved
/// within 90 days expires, auto-extend adds 180 days at each end, and
/// notices go out 30, 7 and 1 days before an end that will not extend.
///
/// A policy's JSON lists these numbers only when they differ from the
/// defaults, so a policy stored before they existed reads, and fingerprints,
/// as it did.
///
/// # Example
///
/// ```
/// use channel_licensing::Policy;
/// use channel_licensing::policy::GdapPolicy;
///
/// let gdap = Policy::standard().gdap().clone();
/// assert_eq!(gdap, GdapPolicy::default());
/// assert_eq!((gdap.max_days, gdap.approval_days, gdap.extension_days), (730, 90, 180));
/// assert_eq!(gdap.notice_days, [30, 7, 1]);
///
/// let mut numbers = GdapPolicy::default();
/// numbers.max_days = 365;
/// let shorter = Policy::standard().to_builder().name("short-gdap").gdap(numbers).build()?;
/// assert_eq!(shorter.gdap().max_days, 365);
/// # Ok::<(), channel_licensing::policy::PolicyError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GdapPolicy {
    /// The longest relationship a partner may request, in days (GDAP-1).
    pub max_days: u32,
    /// Days a request waits for the customer's approval before it expires
    /// (GDAP-2).
    pub approval_days: u32,
    /// Days an auto-extending relationship extends by at each end (GDAP-4).
    pub extension_days: u32,
    /// Days before an end without auto-extend at which notices go out,
    /// largest first (GDAP-5); the end itself is the last notice.
    pub notice_days: Vec<u32>,
}

impl Default for GdapPolicy {
    fn default() -> Self {
        GdapPolicy {
            max_days: 730,
            approval_days: 90,
            extension_days: 180,
            notice_days: vec![30, 7, 1],
        }
    }
}

impl GdapPolicy {
    /// Whether these are the defaults (the JSON leaves them out).
    pub(super) fn is_default(&self) -> bool {
        *self == GdapPolicy::default()
    }
}
