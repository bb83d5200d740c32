//! The rule catalogue: every business rule the crate enforces, with a
//! stable ID.
//!
//! Every refusal names the rule that refused it
//! ([`Refusal::rule`](crate::Refusal::rule)). The catalogue is the
//! [`Rule`](crate::Rule) enum: each variant's documentation gives its rule in
//! full, with the decision taken where the rule left a choice (the sentence
//! starting "Decided:"). A rule serializes as its ID string, the same text
//! `Display` prints, and [`Rule::ALL`](crate::Rule::ALL) lists them in
//! catalogue order.
//!
//! # Families
//!
//! | Family | Rules | What they cover |
//! |---|---|---|
//! | `LIC` | LIC-1 … LIC-13 | the licence lifecycle: states, term end and renewal, the phases after expiry, suspension, cancellation, revocation, removal, seats, auto-renew |
//! | `BILL` | BILL-1 … BILL-9 | billing types: trial, term, monthly usage, managed orders and direct purchases, and which partners may create, convert or manage each |
//! | `REL` | REL-1 … REL-11 | partner relationships: invitation, acceptance, and when and how a partner may unlink, now or on the first day of next month |
//! | `AST` | AST-1 … AST-3 | partner assistance: when the partner may launch the customer's admin console, and who switches assistance |
//! | `CUST` | CUST-1 … CUST-6 | the customer views and profile: search, lists, groups, details, renaming |
//! | `XFER` | XFER-1 … XFER-10 | moving a customer's subscriptions from one partner to another: transfer plans, and transfer requests between partners |
//! | `SUB` | SUB-1 … SUB-4 | subscriptions: which ones a partner sees and manages, seats, status, adding one |
//! | `GDAP` | GDAP-1 … GDAP-8 | granular delegated admin privileges: a partner's time-limited admin roles in the customer's tenant, requested, approved, extended, expired or terminated |
//! | `AUTH` | AUTH-1, AUTH-2 | who may act, and what a refusal for missing rights names |
//! | `POL` | POL-1 … POL-5 | policies and money: the phases after expiry as data, the presets, reminders, money and proration, validation and versions |
//!
//! # Every rule, by family
//!
//! `LIC`:
//!
//! - [`LIC-1`](crate::Rule::Lic1): Licence states.
//! - [`LIC-2`](crate::Rule::Lic2): Term end and renewal.
//! - [`LIC-3`](crate::Rule::Lic3): Expired grace.
//! - [`LIC-4`](crate::Rule::Lic4): Reactivation window.
//! - [`LIC-5`](crate::Rule::Lic5): Reactivatable and lapsed phases.
//! - [`LIC-6`](crate::Rule::Lic6): Window lengths are policy data.
//! - [`LIC-7`](crate::Rule::Lic7): Suspend and resume.
//! - [`LIC-8`](crate::Rule::Lic8): Cancellation forfeits the rest of the term.
//! - [`LIC-9`](crate::Rule::Lic9): Revoke.
//! - [`LIC-10`](crate::Rule::Lic10): Remove.
//! - [`LIC-11`](crate::Rule::Lic11): Seat quantity.
//! - [`LIC-12`](crate::Rule::Lic12): Auto-renew switch.
//! - [`LIC-13`](crate::Rule::Lic13): Terminal states.
//!
//! `BILL`:
//!
//! - [`BILL-1`](crate::Rule::Bill1): Billing types.
//! - [`BILL-2`](crate::Rule::Bill2): Creating monthly-usage accounts.
//! - [`BILL-3`](crate::Rule::Bill3): Converting a trial to monthly usage.
//! - [`BILL-4`](crate::Rule::Bill4): Flex and early-access programmes.
//! - [`BILL-5`](crate::Rule::Bill5): Managed orders.
//! - [`BILL-6`](crate::Rule::Bill6): Direct purchases.
//! - [`BILL-7`](crate::Rule::Bill7): Accounts the partner created.
//! - [`BILL-8`](crate::Rule::Bill8): Credit for a cancelled subscription.
//! - [`BILL-9`](crate::Rule::Bill9): One billing partner for monthly usage.
//!
//! `REL`:
//!
//! - [`REL-1`](crate::Rule::Rel1): Relationship states.
//! - [`REL-2`](crate::Rule::Rel2): Invitation.
//! - [`REL-3`](crate::Rule::Rel3): Acceptance.
//! - [`REL-4`](crate::Rule::Rel4): Active licences block unlinking.
//! - [`REL-5`](crate::Rule::Rel5): Open reactivation windows block unlinking.
//! - [`REL-6`](crate::Rule::Rel6): Accounts that unlink immediately.
//! - [`REL-7`](crate::Rule::Rel7): Monthly-usage accounts unlink on a schedule.
//! - [`REL-8`](crate::Rule::Rel8): Cancelling a scheduled unlink.
//! - [`REL-9`](crate::Rule::Rel9): A scheduled unlink takes effect.
//! - [`REL-10`](crate::Rule::Rel10): Unlinked customers leave the list.
//! - [`REL-11`](crate::Rule::Rel11): Unlink mode.
//!
//! `AST`:
//!
//! - [`AST-1`](crate::Rule::Ast1): Launching the admin console.
//! - [`AST-2`](crate::Rule::Ast2): Assistance enabled automatically.
//! - [`AST-3`](crate::Rule::Ast3): Trials the customer created.
//!
//! `CUST`:
//!
//! - [`CUST-1`](crate::Rule::Cust1): Customer search.
//! - [`CUST-2`](crate::Rule::Cust2): Show only my protection.
//! - [`CUST-3`](crate::Rule::Cust3): Customer groups.
//! - [`CUST-4`](crate::Rule::Cust4): Renaming a customer.
//! - [`CUST-5`](crate::Rule::Cust5): Managed orders in the customer list.
//! - [`CUST-6`](crate::Rule::Cust6): Customer details.
//!
//! `XFER`:
//!
//! - [`XFER-1`](crate::Rule::Xfer1): Transfer by cancel-and-expire.
//! - [`XFER-2`](crate::Rule::Xfer2): Wait for the natural term end.
//! - [`XFER-3`](crate::Rule::Xfer3): Large moves expire and repurchase.
//! - [`XFER-4`](crate::Rule::Xfer4): Impact of a move.
//! - [`XFER-5`](crate::Rule::Xfer5): Same region.
//! - [`XFER-6`](crate::Rule::Xfer6): Tenant-to-tenant migration.
//! - [`XFER-7`](crate::Rule::Xfer7): Transfer requests.
//! - [`XFER-8`](crate::Rule::Xfer8): Answering a transfer request.
//! - [`XFER-9`](crate::Rule::Xfer9): Cancelling a transfer request.
//! - [`XFER-10`](crate::Rule::Xfer10): One pending request per licence.
//!
//! `SUB`:
//!
//! - [`SUB-1`](crate::Rule::Sub1): Seeing and managing subscriptions.
//! - [`SUB-2`](crate::Rule::Sub2): Seat count.
//! - [`SUB-3`](crate::Rule::Sub3): Status.
//! - [`SUB-4`](crate::Rule::Sub4): Adding a subscription.
//!
//! `GDAP`:
//!
//! - [`GDAP-1`](crate::Rule::Gdap1): Requesting a GDAP relationship.
//! - [`GDAP-2`](crate::Rule::Gdap2): Approval.
//! - [`GDAP-3`](crate::Rule::Gdap3): Fixed roles.
//! - [`GDAP-4`](crate::Rule::Gdap4): Auto-extend.
//! - [`GDAP-5`](crate::Rule::Gdap5): Notices and expiry.
//! - [`GDAP-6`](crate::Rule::Gdap6): Termination.
//! - [`GDAP-7`](crate::Rule::Gdap7): Final states.
//! - [`GDAP-8`](crate::Rule::Gdap8): Delegated admin privileges.
//!
//! `AUTH`:
//!
//! - [`AUTH-1`](crate::Rule::Auth1): Actors.
//! - [`AUTH-2`](crate::Rule::Auth2): Refusals name what is missing.
//!
//! `POL`:
//!
//! - [`POL-1`](crate::Rule::Pol1): Phases after expiry.
//! - [`POL-2`](crate::Rule::Pol2): The Microsoft new-commerce preset.
//! - [`POL-3`](crate::Rule::Pol3): Reminders.
//! - [`POL-4`](crate::Rule::Pol4): Money.
//! - [`POL-5`](crate::Rule::Pol5): Validated, versioned policies.
//!
//! ```
//! use channel_licensing::Rule;
//!
//! let rule: Rule = "REL-5".parse()?;
//! assert_eq!(rule, Rule::Rel5);
//! assert_eq!(rule.to_string(), "REL-5");
//! assert!(Rule::ALL.contains(&Rule::Lic13));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Each rule has an integration test under `tests/` that names its ID
//! (`tests/rules/coverage.rs` checks).
//!
//! # What the crate does, in short
//!
//! | Rule | What the crate does |
//! |---|---|
//! | LIC-2 | a term end renews (auto-renew on, same length) or expires the licence at the term-end instant |
//! | LIC-3, LIC-5 | reactivation inside grace is uninterrupted; after grace it reports `interrupted: true`; once lapsed it is refused |
//! | LIC-6 | `PolicyBuilder::build` rejects a grace longer than the reactivation window, zero-length or negative windows; a grace equal to the window is valid, its empty reactivation phase dropped (`grace` → `lapsed`) |
//! | LIC-7 | suspend schedules the cancellation; resume is accepted until that instant, refused at it |
//! | LIC-8 | cancel gives no refund and states the forfeited whole days |
//! | LIC-13 | revoked, removed, cancelled and lapsed licences refuse every transition, naming their state |
//! | POL-1 | the post-expiry phases and what each allows are policy data (`standard`, `microsoft_new_commerce`) |
//! | POL-3 | reminders before a term or trial end are timers; stale ones are no-ops |
//! | AUTH-1, AUTH-2 | a partner needs a live relationship; a refusal names the missing role, programme, relationship or region |
//! | REL-4, REL-5 | an active or suspended licence of the unlinking partner's blocks its unlink (remove it first); an open reactivation window of one of its licences blocks it until the latest window end, given as the earliest instant; other partners' and the customer's licences never block |
//! | REL-6, REL-11 | trial, finished and inactive accounts unlink immediately once REL-4 and REL-5 find nothing of the partner's; the mode must fit the account |
//! | REL-7 … REL-9 | monthly usage: converted to a trial now, unlinked on the first day of next month (policy calendar), cancellable strictly before it; the due timer unlinks that partner and ends its active or suspended licences, nothing else |
//! | BILL-2 … BILL-7 | MSP Flex for monthly accounts, trial conversion and monthly unlinks; flex and early access; Flex Connect for managed orders; direct purchases read-only; partner-created accounts managed by the partner |
//! | BILL-9 | a monthly-usage account (or one whose monthly unlink is scheduled) has one billing partner: no other partner is invited or accepted; a trial with another live partner is not converted |
//! | AST-1 … AST-3 | the console needs assistance and a live relationship; assistance on for partner trials, monthly usage and managed orders; the customer's admin switches it |
//! | SUB-1 … SUB-4 | the partner sees every subscription, manages only those it bought (another partner's are refused under SUB-1, without naming it), adds subscriptions for offers it may sell, bought by it |
//! | XFER-1 … XFER-6 | `transfer_plan` (the leaving partner's active subscriptions): auto-renew off now, expiry at term end, provision before grace ends; expire-and-repurchase above 150; region check; the customer's data-migration step; `transfer_impact` |
//! | XFER-7 … XFER-10 | transfer requests: the target asks, the source answers within 30 days, the named licences change owner and keep everything else; one pending request per licence; no refusal names another partner |
//! | GDAP-1 … GDAP-7 | GDAP relationships: a linked partner's admin requests, the customer's admin approves within 90 days; 1 to 730 days; auto-extend by 180 days unless the global administrator role is there; notices 30, 7 and 1 days before an end that expires; expired, rejected and terminated are final |
//! | BILL-8, GDAP-8 | `credit_contact`: direct purchases only; the partner with delegated admin privileges (the legacy DAP flag, or an active GDAP relationship of its own with the service support or global administrator role), else the customer |
//! | POL-2, POL-4 | refunds within 7 days of purchase or renewal, seat decreases within 7 days of their batch (Microsoft preset); money in the currency's minor unit, prorated by day |
//! | CUST-1 … CUST-6 | `customer_list` (search, "only my protection", managed-order label, unlinked accounts gone), groups, renames propagated to the admin console and the CRM, contact and details views |
