//! The rule catalogue: every business rule the crate enforces, as a variant of [`Rule`]
//! with a stable ID, documented in full.

use std::fmt;
use std::str::FromStr;

macro_rules! rules {
    ($($(#[$meta:meta])* $variant:ident => $id:literal,)*) => {
        /// The ID of a rule of the catalogue, such as `REL-5`.
        ///
        /// The catalogue is this enum's variants: every business rule the crate enforces,
        /// each with a stable ID, grouped by family. Each variant's documentation gives
        /// its rule in full. Where a rule could be read in more than one way, the
        /// sentence starting "Decided:" gives the reading the crate implements.
        ///
        /// Every [`Refusal`](crate::Refusal) names the rule that refused it. A rule
        /// serializes as its ID string, the same text `Display` prints.
        ///
        /// # Families
        ///
        /// - LIC-1 to LIC-13, licence lifecycle: states, term end and renewal, the phases
        ///   after expiry, suspension, cancellation, revocation, removal, seats,
        ///   auto-renew.
        /// - BILL-1 to BILL-9, billing types: trial, term, monthly usage, managed orders
        ///   and direct purchases, and which partners may create, convert or manage each.
        /// - REL-1 to REL-11, partner relationships: invitation, acceptance, and when and
        ///   how a partner may unlink from a customer, immediately or on a schedule.
        /// - AST-1 to AST-3, partner assistance: when the partner may launch the
        ///   customer's admin console, and who enables or disables assistance.
        /// - CUST-1 to CUST-6, customer views and profile: search, lists, groups, details
        ///   and renaming.
        /// - XFER-1 to XFER-10, moving a customer's subscriptions from one partner to
        ///   another: transfer plans, and transfer requests between partners.
        /// - SUB-1 to SUB-4, subscriptions: which ones a partner sees and manages, seats,
        ///   status, and adding one.
        /// - AUTH-1 to AUTH-2, authorization: who may act, and what a refusal for missing
        ///   rights names.
        /// - GDAP-1 to GDAP-8, granular delegated admin privileges: a partner's
        ///   time-limited admin roles in the customer's tenant, requested, approved,
        ///   extended, expired or terminated.
        /// - POL-1 to POL-5, policies and money: the phases after expiry as policy data,
        ///   the presets, reminders, money and proration, validation and versions.
        ///
        /// # Time
        ///
        /// Every rule is evaluated at an instant `now` that the caller passes in. "N days
        /// after T" means T plus N times 24 hours, in UTC. A window "of N days from T" is
        /// half-open: it includes T and ends just before T plus N days. Calendar
        /// boundaries, such as "the first day of the next month", fall at midnight in the
        /// policy's calendar time zone, which is UTC unless the policy sets another.
        ///
        /// # Example
        ///
        /// ```
        /// use channel_licensing::Rule;
        ///
        /// let rule: Rule = "LIC-13".parse()?;
        /// assert_eq!(rule, Rule::Lic13);
        /// assert_eq!(rule.to_string(), "LIC-13");
        /// assert_eq!(serde_json::to_string(&Rule::Rel5)?, r#""REL-5""#);
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[derive(serde_with::SerializeDisplay, serde_with::DeserializeFromStr)]
        #[non_exhaustive]
        pub enum Rule {
            $($(#[$meta])* $variant,)*
        }

        impl Rule {
            /// Every rule of the catalogue, in catalogue order.
            ///
            /// # Example
            ///
            /// ```
            /// use channel_licensing::Rule;
            ///
            /// assert!(Rule::ALL.contains(&Rule::Lic6));
            /// assert_eq!(Rule::ALL[0].id(), "LIC-1");
            /// ```
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The rule's stable ID, such as `"REL-5"`.
            ///
            /// # Example
            ///
            /// ```
            /// use channel_licensing::Rule;
            ///
            /// assert_eq!(Rule::Pol5.id(), "POL-5");
            /// ```
            #[must_use]
            pub const fn id(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)*
                }
            }
        }
    };
}

mod catalogue;

pub use catalogue::Rule;

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The text given to [`Rule::from_str`] is not a rule ID of the catalogue.
///
/// # Example
///
/// ```
/// use channel_licensing::Rule;
///
/// let err = "LIC-99".parse::<Rule>().unwrap_err();
/// assert_eq!(err.to_string(), "`LIC-99` is not a rule ID of the catalogue");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a rule ID of the catalogue")]
pub struct UnknownRule(String);

impl FromStr for Rule {
    type Err = UnknownRule;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Rule::ALL
            .iter()
            .copied()
            .find(|rule| rule.id() == s)
            .ok_or_else(|| UnknownRule(s.to_owned()))
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Rule {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rule".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        schemars::json_schema!({ "type": "string", "enum": ids })
    }
}
