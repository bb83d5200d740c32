//! The rule catalogue's stable IDs (`RULES.md`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! rules {
    ($($(#[$meta:meta])* $variant:ident => $id:literal,)*) => {
        /// The ID of a rule of the catalogue (`RULES.md`), such as `REL-5`.
        ///
        /// Every [`Refusal`](crate::Refusal) names the rule that refused it. A
        /// rule serializes as its ID string, the same text `Display` prints.
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

            /// The stable ID, as written in `RULES.md` (`"REL-5"`).
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

rules! {
    /// LIC-1: A licence is in exactly one state: trial, active, suspended, expired, revoked, removed, cancelled.
    Lic1 => "LIC-1",
    /// LIC-2: An active licence reaches its term end: with auto-renew off it becomes expired at the term-end instant; with auto-renew on it renews for another term of the same length and the decision carries a renewal effect.
    Lic2 => "LIC-2",
    /// LIC-3: Expired grace, default 30 days from expiry: users keep access to files and services.
    Lic3 => "LIC-3",
    /// LIC-4: Reactivation window, default 60 days from expiry: the licence may be reactivated.
    Lic4 => "LIC-4",
    /// LIC-5: From the end of grace to the end of the reactivation window the phase is reactivatable: reactivation is allowed but the decision reports that service was interrupted.
    Lic5 => "LIC-5",
    /// LIC-6: Window lengths are policy data, not constants. A grace equal to the reactivation window is valid: the `reactivatable` phase is then empty and dropped.
    Lic6 => "LIC-6",
    /// LIC-7: Suspend: active → suspended.
    Lic7 => "LIC-7",
    /// LIC-8: Cancel: no refund is given for a cancelled subscription; the decision states the unused remainder of the term that is forfeited.
    Lic8 => "LIC-8",
    /// LIC-9: Revoke (a vendor action): any non-terminal state → revoked.
    Lic9 => "LIC-9",
    /// LIC-10: Remove: the partner removes a licence from the account → removed.
    Lic10 => "LIC-10",
    /// LIC-11: Seat quantity can change only on an active licence that the partner manages (BILL-6, SUB-1).
    Lic11 => "LIC-11",
    /// LIC-12: Auto-renew can be switched on or off on an active licence; switching it off makes the licence expire at its term end (LIC-2).
    Lic12 => "LIC-12",
    /// LIC-13: Transitions from a terminal state (revoked, removed, cancelled, and expired once lapsed) are refused, naming the state.
    Lic13 => "LIC-13",
    /// BILL-1: A customer account has one billing type: trial (free trial / evaluation, created by the partner or by the customer), term (licence-based), `monthly_usage` (Flex: billed monthly on usage), `managed_order` (an MSP Flex Connect order, shown with a money label), or direct (bought by the customer directly from the vendor).
    Bill1 => "BILL-1",
    /// BILL-2: Only a partner in the MSP Flex programme can create a monthly-usage account.
    Bill2 => "BILL-2",
    /// BILL-3: A trial account can be converted to monthly usage ("update billing type"), only by an MSP Flex partner.
    Bill3 => "BILL-3",
    /// BILL-4: Flex / monthly licences are incompatible with most early-access programmes: enrolling a monthly-usage account in a programme that is not marked flex-compatible is refused.
    Bill4 => "BILL-4",
    /// BILL-5: Managed orders can be managed only by a partner in the MSP Flex Connect programme.
    Bill5 => "BILL-5",
    /// BILL-6: Direct purchases are visible to the partner but not manageable: quantity, status, auto-renew and cancel commands on them are refused.
    Bill6 => "BILL-6",
    /// BILL-7: When the partner created the customer account, the customer cannot manage its subscriptions, billing or licences: the partner does it on the customer's behalf; such commands from a customer actor are refused.
    Bill7 => "BILL-7",
    /// BILL-8: Credit for a cancelled subscription is possible only for subscriptions bought directly from the vendor (monthly or annual direct billing) and is handled by the vendor's billing support.
    Bill8 => "BILL-8",
    /// BILL-9: A monthly-usage account is billed through one partner: while it is monthly usage or its monthly unlink is scheduled, no other partner can be invited or accepted, and an account with another live partner cannot be converted to monthly usage.
    Bill9 => "BILL-9",
    /// REL-1: A (partner, customer) relationship is invited, linked, `unlink_scheduled`, unlinked, or declined.
    Rel1 => "REL-1",
    /// REL-2: A partner requests a reseller relationship with an invitation.
    Rel2 => "REL-2",
    /// REL-3: Only after the customer accepts the invitation can the partner provision subscriptions or licences; provisioning while invited is refused.
    Rel3 => "REL-3",
    /// REL-4: Unlinking is refused while the account has any active or suspended licence that the unlinking partner manages (SUB-1); on every billing type but monthly usage, trials included.
    Rel4 => "REL-4",
    /// REL-5: Unlinking is refused while any licence the unlinking partner manages is expired and its reactivation window is still open.
    Rel5 => "REL-5",
    /// REL-6: These accounts unlink immediately: trial accounts; accounts whose every licence is revoked, removed, cancelled or lapsed; inactive accounts with no licence. REL-4 and REL-5 still apply first.
    Rel6 => "REL-6",
    /// REL-7: A monthly-usage account cannot be unlinked immediately: an MSP Flex partner schedules the unlink for the first day of next month; the licences that end with it are the unlinking partner's active or suspended ones.
    Rel7 => "REL-7",
    /// REL-8: A scheduled unlink can be cancelled ("delete scheduled unlink") at any time before its date, only by an MSP Flex partner.
    Rel8 => "REL-8",
    /// REL-9: When the scheduled date arrives and the caller delivers the due effect, the relationship it names becomes unlinked and that partner's monthly licences end; nothing else changes.
    Rel9 => "REL-9",
    /// REL-10: An unlinked account no longer appears in the partner's customer list.
    Rel10 => "REL-10",
    /// REL-11: The unlink command states its mode: immediate or scheduled.
    Rel11 => "REL-11",
    /// AST-1: Launching the customer's admin console requires partner assistance to be enabled for that customer and the relationship to be linked or `unlink_scheduled`.
    Ast1 => "AST-1",
    /// AST-2: Partner assistance is enabled automatically when the partner creates a trial for the customer, for monthly-usage accounts, and for managed orders.
    Ast2 => "AST-2",
    /// AST-3: A trial that the customer created itself starts with partner assistance disabled; the customer's admin enables it (or disables it again) in its own console.
    Ast3 => "AST-3",
    /// CUST-1: Customer search matches the display name, case-insensitively, as a substring (Unicode-aware).
    Cust1 => "CUST-1",
    /// CUST-2: "Show only my protection" lists only the licence categories that are active.
    Cust2 => "CUST-2",
    /// CUST-3: Adding a customer to an existing customer group requires the partner super-admin role; the group must exist.
    Cust3 => "CUST-3",
    /// CUST-4: Renaming a customer's display name: the trimmed name must be non-empty and at most 255 characters; the decision carries effects that propagate the new name to the customer's admin console and to the CRM account.
    Cust4 => "CUST-4",
    /// CUST-5: Managed-order subscriptions are listed among the customers, labelled as managed orders, with their licence status; the partner can launch their console and view their contact details (AST-1 still applies).
    Cust5 => "CUST-5",
    /// CUST-6: Selecting a customer shows its contact details; "customer details" shows its groups and licences.
    Cust6 => "CUST-6",
    /// XFER-1: Transfer by cancel-and-expire: auto-renew off now; at term end the subscription becomes expired; the new partner must provision the new subscription before expired grace ends (30 days after term end) to avoid data loss.
    Xfer1 => "XFER-1",
    /// XFER-2: Because cancellation is never refunded (LIC-8), the plan recommends waiting for the natural term end; a plan that cancels early reports the forfeited remainder.
    Xfer2 => "XFER-2",
    /// XFER-3: When more than 150 active subscriptions move at once, duplicating them would exceed the tenant's maximum: the plan must use the expire-and-repurchase strategy (source turns auto-renew off, lets them expire; target repurchases during grace) instead of duplication.
    Xfer3 => "XFER-3",
    /// XFER-4: Impact of a move: same offer, same licence count, equivalent offer → no licence reassignment, no data loss, no interruption.
    Xfer4 => "XFER-4",
    /// XFER-5: The partner must be in the same region as the customer's tenant to move the customer.
    Xfer5 => "XFER-5",
    /// XFER-6: In a tenant-to-tenant migration the customer migrates its data itself; the plan lists it as a customer step.
    Xfer6 => "XFER-6",
    /// SUB-1: A partner sees every subscription of its customer; it manages only those it bought on the customer's behalf (BILL-6). Every licence records who bought it.
    Sub1 => "SUB-1",
    /// SUB-2: Changing the seat count follows LIC-11.
    Sub2 => "SUB-2",
    /// SUB-3: Status can be changed active ↔ suspended (LIC-7).
    Sub3 => "SUB-3",
    /// SUB-4: Adding a subscription: the offer must be one the partner is authorised to sell, the seat count is at least 1, and the relationship must be linked.
    Sub4 => "SUB-4",
    /// AUTH-1: Every command is decided for an actor: a partner user (partner ID, roles, programmes, region) or a customer admin.
    Auth1 => "AUTH-1",
    /// AUTH-2: A refusal for missing rights names what was missing: the role, the programme, the relationship or the region.
    Auth2 => "AUTH-2",
    /// POL-1: What happens after expiry is a policy: an ordered list of *phases*, each with a length in days and what it allows (users keep access, admins keep access, reactivation allowed, unlinking blocked, data kept).
    Pol1 => "POL-1",
    /// POL-2: Preset `microsoft_new_commerce` (Microsoft Partner Center, new commerce): expired 30 days (users keep access, no reactivation, repurchase possible without interruption) → disabled 90 days (admins only) → deleted (data gone).
    Pol2 => "POL-2",
    /// POL-3: Reminders: a policy lists offsets before a term end (default 30 days, as vendors send expiry alerts) and before a trial end (default 3 days).
    Pol3 => "POL-3",
    /// POL-4: Money is a `rust_decimal` amount with an ISO 4217 currency code; never a float.
    Pol4 => "POL-4",
    /// POL-5: Policies are validated when built (LIC-6), carry a name and a version, and every event records the policy version it was decided under, so a replay of old events is interpreted under the policy that decided them.
    Pol5 => "POL-5",
}

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

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
