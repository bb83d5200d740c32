//! The catalogue: every rule, its ID and its text, in catalogue order.

rules! {
    /// LIC-1: Licence states.
    ///
    /// A licence is always in exactly one of seven states: `trial`, `active`,
    /// `suspended`, `expired`, `revoked`, `removed` or `cancelled`.
    ///
    /// An `expired` licence also has a phase, derived from `now`: `grace`,
    /// `reactivatable` or `lapsed` (LIC-3 to LIC-5 say when each applies).
    Lic1 => "LIC-1",
    /// LIC-2: Term end and renewal.
    ///
    /// When an `active` licence reaches the end of its term, the outcome depends on
    /// auto-renew. With auto-renew off, the licence becomes `expired` at the exact
    /// instant the term ends. With auto-renew on, it renews for another term of the same
    /// length, and the decision carries a renewal effect.
    Lic2 => "LIC-2",
    /// LIC-3: Expired grace.
    ///
    /// Expiry is followed by a grace period, by default 30 days from the expiry instant
    /// (the term end). During grace, users keep access to their files and services.
    ///
    /// Reactivating the licence, or buying it again, while grace lasts causes no service
    /// interruption and no loss of data.
    Lic3 => "LIC-3",
    /// LIC-4: Reactivation window.
    ///
    /// An expired licence may be reactivated during its reactivation window, by default
    /// 60 days from expiry.
    ///
    /// As long as that window is open, the partner that manages the licence cannot unlink
    /// the account (REL-5).
    Lic4 => "LIC-4",
    /// LIC-5: Reactivatable and lapsed phases.
    ///
    /// From the end of grace until the end of the reactivation window, the licence's
    /// phase is `reactivatable`: reactivation is still allowed, but the decision reports
    /// that service was interrupted.
    ///
    /// From the end of the reactivation window on, the phase is `lapsed`: reactivation is
    /// refused, and the customer has to buy a new licence.
    Lic5 => "LIC-5",
    /// LIC-6: Window lengths are policy data.
    ///
    /// The lengths of grace and of the reactivation window belong to the policy; they are
    /// not constants of the crate. Building a policy fails if its grace is longer than
    /// its reactivation window, or if any window has a length of zero or less.
    ///
    /// Decided: a grace exactly as long as the reactivation window is valid. The
    /// `reactivatable` phase is then empty and is left out of the policy's phases, so an
    /// expired licence passes from `grace` straight to `lapsed` at that instant. A phase
    /// given explicitly with a length of zero is still rejected.
    Lic6 => "LIC-6",
    /// LIC-7: Suspend and resume.
    ///
    /// Suspending moves an `active` licence to `suspended`. A suspension starts the
    /// customer's cancellation process: the decision schedules the cancellation as the
    /// policy prescribes.
    ///
    /// Resuming moves a `suspended` licence back to `active`. It is allowed only until
    /// that cancellation takes effect.
    Lic7 => "LIC-7",
    /// LIC-8: Cancellation forfeits the rest of the term.
    ///
    /// Cancelling a subscription gives no refund. The decision states the unused
    /// remainder of the term, which the customer forfeits.
    ///
    /// POL-2 describes a policy that refunds a cancellation made shortly after a purchase
    /// or renewal.
    Lic8 => "LIC-8",
    /// LIC-9: Revoke.
    ///
    /// Revoking is an action of the vendor: it moves a licence in any state that is not
    /// terminal (LIC-13) to `revoked`.
    ///
    /// A revoked licence never blocks unlinking.
    Lic9 => "LIC-9",
    /// LIC-10: Remove.
    ///
    /// The partner can remove a licence from the customer's account, which moves it to
    /// `removed`.
    ///
    /// A removed licence never blocks unlinking: an account with an active licence can be
    /// unlinked once that licence has been removed.
    Lic10 => "LIC-10",
    /// LIC-11: Seat quantity.
    ///
    /// The number of seats can change only on an `active` licence that the partner
    /// manages (BILL-6, SUB-1). The new quantity must be at least 1.
    ///
    /// Setting the quantity the licence already has is accepted, with no events and no
    /// effects.
    Lic11 => "LIC-11",
    /// LIC-12: Auto-renew switch.
    ///
    /// Auto-renew can be turned on or off on an `active` licence. Turning it off means
    /// the licence expires when its term ends (LIC-2).
    Lic12 => "LIC-12",
    /// LIC-13: Terminal states.
    ///
    /// The terminal states are `revoked`, `removed`, `cancelled`, and `expired` once its
    /// phase is `lapsed`. Any transition out of a terminal state is refused, and the
    /// refusal names the state.
    Lic13 => "LIC-13",
    /// BILL-1: Billing types.
    ///
    /// Every customer account has a single billing type:
    ///
    /// - `trial`: a free trial or evaluation, created either by the partner or by the
    ///   customer;
    /// - `term`: licence-based terms;
    /// - `monthly_usage`: Flex, billed each month on usage;
    /// - `managed_order`: an MSP Flex Connect order, shown with a money label;
    /// - `direct`: bought by the customer directly from the vendor.
    Bill1 => "BILL-1",
    /// BILL-2: Creating monthly-usage accounts.
    ///
    /// Only a partner in the MSP Flex programme can create an account billed on monthly
    /// usage.
    Bill2 => "BILL-2",
    /// BILL-3: Converting a trial to monthly usage.
    ///
    /// A trial account can be converted to monthly usage ("update billing type" in the
    /// portal). Only an MSP Flex partner can do it.
    Bill3 => "BILL-3",
    /// BILL-4: Flex and early-access programmes.
    ///
    /// Flex (monthly) licences do not work with most early-access programmes: enrolling a
    /// monthly-usage account in an early-access programme that is not marked as
    /// flex-compatible is refused.
    Bill4 => "BILL-4",
    /// BILL-5: Managed orders.
    ///
    /// Only a partner in the MSP Flex Connect programme can manage managed orders.
    Bill5 => "BILL-5",
    /// BILL-6: Direct purchases.
    ///
    /// The partner can see what the customer bought directly from the vendor, but cannot
    /// manage it: commands that change a direct purchase's quantity, status or auto-renew
    /// setting, or that cancel it, are refused.
    Bill6 => "BILL-6",
    /// BILL-7: Accounts the partner created.
    ///
    /// When the partner created the customer's account, the customer cannot manage its
    /// own subscriptions, billing or licences; the partner does so on the customer's
    /// behalf. Such commands from a customer actor are refused.
    Bill7 => "BILL-7",
    /// BILL-8: Credit for a cancelled subscription.
    ///
    /// Credit for a cancelled subscription is possible only for a subscription bought
    /// directly from the vendor (direct billing, monthly or annual), and the vendor's
    /// billing support handles it.
    ///
    /// A partner that holds delegated admin privileges for the customer may contact
    /// support on the customer's behalf; otherwise the customer has to. The crate decides
    /// only who may ask, not the amount of the credit.
    ///
    /// Decided: a partner holds delegated admin privileges when its reseller
    /// relationship carries the legacy DAP flag (`delegated_admin`), or when, at `now`,
    /// it has an active GDAP relationship of its own with the customer that includes
    /// the `service_support_administrator` or `global_administrator` role (GDAP-8).
    Bill8 => "BILL-8",
    /// BILL-9: One billing partner for monthly usage.
    ///
    /// A monthly-usage account is billed through a single partner: the one that created
    /// it (BILL-2) or that converted it (BILL-3). While the account is on monthly usage,
    /// or while its monthly unlink is scheduled (REL-7), no other partner can be invited
    /// (REL-2) or accepted (REL-3). Conversely, an account that has another live partner,
    /// one whose relationship is `invited`, `linked` or `unlink_scheduled`, cannot be
    /// converted to monthly usage. These refusals name BILL-9.
    ///
    /// Decided: this keeps REL-7's conversion to a trial, its MDR reports and its
    /// scheduled unlink a matter between the customer and its one billing partner.
    Bill9 => "BILL-9",
    /// REL-1: Relationship states.
    ///
    /// The relationship between a partner and a customer is `invited`, `linked`,
    /// `unlink_scheduled`, `unlinked` or `declined`.
    ///
    /// A customer can have relationships with several partners at the same time
    /// (multi-partner, or multi-channel).
    Rel1 => "REL-1",
    /// REL-2: Invitation.
    ///
    /// A partner asks for a reseller relationship by sending the customer an invitation.
    /// Only partner users with the role account admin, sales agent or billing agent may
    /// send it, and the partner must be in the same region as the customer's tenant.
    Rel2 => "REL-2",
    /// REL-3: Acceptance.
    ///
    /// The partner can provision subscriptions or licences only once the customer has
    /// accepted the invitation; provisioning while the relationship is still `invited` is
    /// refused. The customer may decline the invitation instead.
    Rel3 => "REL-3",
    /// REL-4: Active licences block unlinking.
    ///
    /// Unlinking is refused while the account has any licence that is `active` or
    /// `suspended`. The refusal says that the licence has to be removed first.
    ///
    /// Decided: only the licences that the unlinking partner manages (SUB-1) count. A
    /// licence bought by another partner, or bought directly by the customer, never
    /// blocks this partner's unlink, and a licence in the `trial` state never blocks it
    /// either (REL-6). The rule applies to every billing type except monthly usage
    /// (REL-7): a paid subscription added to a trial account blocks the unlinking of that
    /// account.
    Rel4 => "REL-4",
    /// REL-5: Open reactivation windows block unlinking.
    ///
    /// Unlinking is refused while any licence is `expired` and its reactivation window is
    /// still open. The refusal carries the earliest instant at which unlinking becomes
    /// possible: the latest end of a reactivation window among all such licences.
    ///
    /// Decided: as for REL-4, only the licences that the unlinking partner manages count.
    Rel5 => "REL-5",
    /// REL-6: Accounts that unlink immediately.
    ///
    /// These accounts unlink immediately: trial accounts; accounts whose licences are all
    /// `revoked`, `removed`, `cancelled` or `lapsed`; and inactive accounts with no
    /// licence.
    ///
    /// Decided: "immediately" means without any wait, once REL-4 and REL-5 find nothing
    /// of the unlinking partner's that blocks the unlink; REL-6 never overrides them.
    Rel6 => "REL-6",
    /// REL-7: Monthly-usage accounts unlink on a schedule.
    ///
    /// A monthly-usage account cannot be unlinked immediately. Unlinking it takes an MSP
    /// Flex partner, and it schedules the unlink for the first day of the next month, in
    /// the policy's calendar. The decision converts the account to a trial at once, keeps
    /// the MDR reports (weekly or monthly) flowing until the next billing cycle, and
    /// schedules the unlink effect for that date.
    ///
    /// Decided: the rule applies to every monthly-usage account whatever the states of
    /// its licences (its monthly licences end with the unlink), so REL-4 and REL-5 do not
    /// block it. The licences that end with the unlink are the `active` or `suspended`
    /// licences that the unlinking partner manages; no other licence changes.
    Rel7 => "REL-7",
    /// REL-8: Cancelling a scheduled unlink.
    ///
    /// A scheduled unlink can be cancelled ("delete scheduled unlink" in the portal) at
    /// any time before its date, and only by an MSP Flex partner. The account stays on
    /// monthly usage: its conversion to a trial is undone.
    ///
    /// Cancelling at or after the date is refused.
    Rel8 => "REL-8",
    /// REL-9: A scheduled unlink takes effect.
    ///
    /// When the scheduled date arrives and the caller delivers the effect that is due,
    /// the relationship that the effect names becomes `unlinked`, and that partner's
    /// monthly licences end (REL-7); nothing else in the account changes.
    ///
    /// A due effect that is stale, because its unlink was cancelled or it was already
    /// applied, is accepted with no events: delivering an effect twice does no harm.
    Rel9 => "REL-9",
    /// REL-10: Unlinked customers leave the list.
    ///
    /// Once unlinked, an account no longer appears in the partner's list of customers.
    Rel10 => "REL-10",
    /// REL-11: Unlink mode.
    ///
    /// The unlink command states its mode, `immediate` or `scheduled`. A mode that does
    /// not fit the account is refused: immediate on a monthly-usage account, or scheduled
    /// on any other account. The refusal names the mode that does apply.
    ///
    /// Decided: the two modes mirror the two confirmations that the partner portal asks
    /// for when unlinking.
    Rel11 => "REL-11",
    /// AST-1: Launching the admin console.
    ///
    /// A partner can launch the customer's admin console only if partner assistance is
    /// enabled for that customer and the relationship is `linked` or `unlink_scheduled`.
    Ast1 => "AST-1",
    /// AST-2: Assistance enabled automatically.
    ///
    /// Partner assistance is enabled automatically when the partner creates a trial for
    /// the customer, for monthly-usage accounts, and for managed orders.
    Ast2 => "AST-2",
    /// AST-3: Trials the customer created.
    ///
    /// A trial that the customer created itself starts with partner assistance disabled.
    /// The customer's admin enables it, or disables it again, in the customer's own
    /// console; the partner cannot enable it.
    Ast3 => "AST-3",
    /// CUST-1: Customer search.
    ///
    /// Customer search matches the query as a substring of the display name, ignoring
    /// case (Unicode-aware). An empty or blank query lists every linked customer.
    Cust1 => "CUST-1",
    /// CUST-2: Show only my protection.
    ///
    /// The "show only my protection" view lists only the licence categories that are
    /// active.
    Cust2 => "CUST-2",
    /// CUST-3: Customer groups.
    ///
    /// Adding a customer to a customer group requires the partner super-admin role, and
    /// the group must already exist.
    Cust3 => "CUST-3",
    /// CUST-4: Renaming a customer.
    ///
    /// A customer's display name can be changed. The new name, once trimmed, must not be
    /// empty and must be at most 255 characters long. The decision carries effects that
    /// send the new name to the customer's admin console and to the CRM account.
    ///
    /// Renaming to the current name is accepted with no events.
    Cust4 => "CUST-4",
    /// CUST-5: Managed orders in the customer list.
    ///
    /// Managed-order subscriptions are listed among the customers, labelled as managed
    /// orders and shown with their licence status. The partner can launch their console
    /// and see their contact details (AST-1 still applies).
    Cust5 => "CUST-5",
    /// CUST-6: Customer details.
    ///
    /// Selecting a customer shows its contact details; the "customer details" view shows
    /// its groups and its licences.
    Cust6 => "CUST-6",
    /// XFER-1: Transfer by cancel-and-expire.
    ///
    /// A customer moves to a new partner by cancel-and-expire: auto-renew is turned off
    /// now, and the subscription becomes `expired` when its term ends. To avoid data
    /// loss, the new partner must provision the new subscription before expired grace
    /// ends, 30 days after the term end.
    ///
    /// The transfer plan gives each of these instants.
    Xfer1 => "XFER-1",
    /// XFER-2: Wait for the natural term end.
    ///
    /// Because a cancellation is never refunded (LIC-8), the plan recommends waiting
    /// until the term ends naturally. A plan that cancels early reports the remainder of
    /// the term that is forfeited.
    Xfer2 => "XFER-2",
    /// XFER-3: Large moves expire and repurchase.
    ///
    /// When more than 150 active subscriptions move at once, duplicating them would
    /// exceed the tenant's maximum. The plan must then use the expire-and-repurchase
    /// strategy instead of duplication: the source partner turns auto-renew off and lets
    /// the subscriptions expire, and the target partner buys them again during grace.
    ///
    /// The threshold of 150 is policy data.
    Xfer3 => "XFER-3",
    /// XFER-4: Impact of a move.
    ///
    /// Moving with the same offer and the same licence count, or to an equivalent offer,
    /// needs no licence reassignment, loses no data and causes no interruption. Moving to
    /// a different offer means licence assignments must be updated. If the offer is no
    /// longer available, an equivalent offer must be chosen, or data is lost.
    Xfer4 => "XFER-4",
    /// XFER-5: Same region.
    ///
    /// To move a customer, the partner must be in the same region as the customer's
    /// tenant.
    Xfer5 => "XFER-5",
    /// XFER-6: Tenant-to-tenant migration.
    ///
    /// In a migration from one tenant to another, the customer migrates its data itself;
    /// the plan lists this as a step for the customer.
    Xfer6 => "XFER-6",
    /// XFER-7: Transfer requests.
    ///
    /// The partner a customer moves to (the *target*), linked with the customer
    /// (AUTH-1), in the customer's region (XFER-5) and by a user with the role
    /// `super_admin` or `admin`, asks another partner (the *source*) for some of the
    /// customer's licences with a request of its own ID. Each licence it names must be
    /// active and bought by the source; the source is not the target; at least one
    /// licence, each once; the ID unused in this customer. These refusals name XFER-7.
    /// The request is `pending`.
    Xfer7 => "XFER-7",
    /// XFER-8: Answering a transfer request.
    ///
    /// Only the source partner (a `super_admin` or `admin` user) accepts or rejects a
    /// pending request. A request not accepted within 30 days of its creation (policy
    /// data) expires at that instant; an expired request can be neither accepted,
    /// rejected nor cancelled (a new one is needed). On acceptance every named licence
    /// is bought by the target from then on, and keeps its state, term, seats, price,
    /// auto-renew and timers; when one of them is no longer active or no longer the
    /// source's, acceptance is refused, naming that licence.
    Xfer8 => "XFER-8",
    /// XFER-9: Cancelling a transfer request.
    ///
    /// The target partner may cancel its request while it is pending. Accepted,
    /// rejected, cancelled and expired requests are final: a command on an accepted,
    /// rejected or cancelled request is refused under XFER-9, on an expired one under
    /// XFER-8.
    Xfer9 => "XFER-9",
    /// XFER-10: One pending request per licence.
    ///
    /// A licence is named by at most one pending request at a time: a second request
    /// naming it is refused under XFER-10, naming the licence and not the other
    /// request's partner.
    Xfer10 => "XFER-10",
    /// SUB-1: Seeing and managing subscriptions.
    ///
    /// A partner sees every subscription of its customer, but manages only those it
    /// bought on the customer's behalf (BILL-6).
    ///
    /// Decided: every licence records who bought it: a partner, by its ID, or the
    /// customer (a direct purchase). A partner's command on a licence that another
    /// partner bought is refused under SUB-1; the refusal says that another partner
    /// manages the licence, without naming that partner. A subscription added under SUB-4
    /// counts as bought by the partner that added it.
    Sub1 => "SUB-1",
    /// SUB-2: Seat count.
    ///
    /// Changing a subscription's number of seats follows LIC-11.
    Sub2 => "SUB-2",
    /// SUB-3: Status.
    ///
    /// A subscription's status can be switched from `active` to `suspended` and back, as
    /// LIC-7 describes.
    Sub3 => "SUB-3",
    /// SUB-4: Adding a subscription.
    ///
    /// A partner can add a subscription only for an offer it is authorised to sell, with
    /// at least 1 seat, and while its relationship with the customer is `linked`. The new
    /// subscription starts `active`.
    Sub4 => "SUB-4",
    /// GDAP-1: Requesting a GDAP relationship.
    ///
    /// A partner user with the role `super_admin` or `admin`, whose partner is linked
    /// with the customer (AUTH-1), requests a GDAP relationship: an ID of its own
    /// within the customer, one or more admin roles, a duration of 1 to 730 days (the
    /// policy's maximum) and whether it auto-extends (off unless asked). It waits for
    /// the customer's approval (`approval_pending`). A partner may hold several GDAP
    /// relationships with one customer.
    ///
    /// A duration outside the range, no role, a role listed twice or an ID already
    /// used in this customer is refused under GDAP-1. Decided: the commands on an
    /// existing relationship (GDAP-3, GDAP-4, GDAP-6) are for its own partner, by a user
    /// with one of those roles; another partner's are refused under GDAP-1 without
    /// naming that partner. Only requesting needs a linked relationship.
    Gdap1 => "GDAP-1",
    /// GDAP-2: Approval.
    ///
    /// Only an admin of the customer approves or rejects a pending request. Approval
    /// makes the relationship `active` from that instant, ending its duration later;
    /// rejection makes it `rejected`. A request not approved within 90 days (policy
    /// data) expires at that instant.
    Gdap2 => "GDAP-2",
    /// GDAP-3: Fixed roles.
    ///
    /// The roles and the duration of an active relationship do not change, except
    /// that its partner may remove the `global_administrator` role. Removing it is
    /// refused under GDAP-3 when it is the only role, when the relationship does not
    /// have it, or when the relationship is not active.
    Gdap3 => "GDAP-3",
    /// GDAP-4: Auto-extend.
    ///
    /// The partner switches auto-extend on or off while the relationship is pending
    /// or active. With auto-extend on, the relationship extends by 180 days (policy
    /// data) at its end, and again at each new end. A relationship with the
    /// `global_administrator` role never auto-extends: asking for it at the request, or
    /// switching it on while the role is there, is refused under GDAP-4.
    Gdap4 => "GDAP-4",
    /// GDAP-5: Notices and expiry.
    ///
    /// With auto-extend off, the partner and the customer are notified 30, 7 and 1
    /// days before the end (policy data), each notice a timer whose key names the
    /// customer and the relationship, and at the end the relationship becomes
    /// `expired`, which is the last notice. Notices already due when the relationship
    /// becomes active, or when auto-extend is switched off, are not scheduled;
    /// switching auto-extend on cancels the pending ones. Nothing else of the account
    /// changes: licences, billing and the reseller relationship stay as they are.
    ///
    /// Decided: a notice caught up after the relationship ended is recorded as
    /// skipped, not sent.
    Gdap5 => "GDAP-5",
    /// GDAP-6: Termination.
    ///
    /// The partner or an admin of the customer may terminate an active relationship
    /// at any time, and the partner may withdraw a pending request. The relationship
    /// is `terminated` at once and its pending timers are cancelled.
    Gdap6 => "GDAP-6",
    /// GDAP-7: Final states.
    ///
    /// `expired`, `rejected` and `terminated` are final: approving, extending,
    /// changing or terminating such a relationship is refused under GDAP-7, with no
    /// earliest instant. A new request is needed.
    Gdap7 => "GDAP-7",
    /// GDAP-8: Delegated admin privileges.
    ///
    /// For BILL-8, a partner holds delegated admin privileges through an `active`
    /// GDAP relationship of its own that includes the `service_support_administrator`
    /// or `global_administrator` role. Another partner's GDAP relationship never gives
    /// this partner anything.
    Gdap8 => "GDAP-8",
    /// AUTH-1: Actors.
    ///
    /// Every command is decided for an actor: either a partner user (with a partner ID,
    /// roles, programmes and a region) or a customer admin.
    ///
    /// A partner acting on a customer with which it has no `linked` relationship is
    /// refused; where a rule allows it, an `unlink_scheduled` relationship is enough too.
    Auth1 => "AUTH-1",
    /// AUTH-2: Refusals name what is missing.
    ///
    /// A refusal for missing rights names what was missing: the role, the programme, the
    /// relationship or the region.
    Auth2 => "AUTH-2",
    /// POL-1: Phases after expiry.
    ///
    /// What happens after a licence expires is set by the policy, as an ordered list of
    /// phases. Each phase has a length in days and states what it allows: whether users
    /// keep access, whether admins keep access, whether reactivation is allowed, whether
    /// unlinking is blocked, and whether data is kept. The last phase never ends.
    ///
    /// The `standard` preset is: `grace` for 30 days (users and admins keep access,
    /// reactivation is allowed, unlinking is blocked, data is kept), then `reactivatable`
    /// up to day 60 (users have no access, reactivation is allowed, unlinking is blocked,
    /// data is kept), then `lapsed` (nothing is allowed, and unlinking is no longer
    /// blocked). LIC-3 to LIC-5 and REL-5 describe this preset.
    Pol1 => "POL-1",
    /// POL-2: The Microsoft new-commerce preset.
    ///
    /// The `microsoft_new_commerce` preset follows new commerce in Microsoft Partner
    /// Center. After expiry come `expired` for 30 days (users keep access; no
    /// reactivation, but buying again causes no interruption), then `disabled` for 90
    /// more days (only admins have access), then `deleted` (the data is gone).
    ///
    /// A cancellation within 7 days of the purchase or of a renewal gets a refund
    /// prorated by day; after 7 days there is none. Seats may be decreased only within 7
    /// days of when those seats were added; they may be increased at any time.
    Pol2 => "POL-2",
    /// POL-3: Reminders.
    ///
    /// A policy lists reminder offsets before a term end (by default 30 days, as vendors
    /// send expiry alerts) and before a trial end (by default 3 days). A licence
    /// schedules a reminder effect at each offset.
    ///
    /// A reminder delivered after its licence was renewed or cancelled, or after its term
    /// changed, is stale: it is accepted with no events.
    Pol3 => "POL-3",
    /// POL-4: Money.
    ///
    /// Money is a `rust_decimal` amount with an ISO 4217 currency code, never a
    /// floating-point number. Proration counts whole days of the term. Results are
    /// rounded to the currency's minor unit (2 decimal places, unless the currency has 0
    /// or 3), with midpoints rounded away from zero.
    ///
    /// Amounts in different currencies are never added together: attempting it is an
    /// error.
    Pol4 => "POL-4",
    /// POL-5: Validated, versioned policies.
    ///
    /// A policy is validated when it is built (LIC-6) and carries a name and a version.
    /// Every event records the version of the policy it was decided under, so a replay of
    /// old events interprets them under the policy that decided them.
    Pol5 => "POL-5",
}
