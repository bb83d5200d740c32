//! A test kit for the services that depend on the crate (no rule of its
//! own: it runs every rule through `decide`), behind the `testing` feature:
//! a given / when / then specification of one decision, and [`World`], an
//! in-memory caller with an outbox and a scheduler.
//!
//! # Given / when / then
//!
//! In the spirit of fmodel-rust's `DeciderTestSpecification`: *given* a
//! state (an [`Account`], or a [`Licence`] of a customer), *when* an actor
//! sends a command *at* an instant, *then* the decision is accepted with
//! these changes (and the state they lead to), or refused under this rule
//! from this earliest instant.
//!
//! ```
//! use channel_licensing::testing::given;
//! use channel_licensing::{
//!     Account, AccountChange, AccountCommand, Actor, BillingType, CreatedBy, PartnerUser,
//!     Programme, RelationshipState, Rule, UnlinkMode,
//! };
//!
//! let account = Account::new("rossi", "Rossi SpA", "eu", BillingType::MonthlyUsage, CreatedBy::Partner)
//!     .with_relationship("acme", RelationshipState::Linked);
//! let acme = Actor::Partner(PartnerUser::new("acme", "eu").with_programmes([Programme::MspFlex]));
//! let now = "2026-06-15T10:00:00Z".parse()?;
//!
//! // REL-7: a scheduled unlink makes the account a trial now.
//! let after = given(&account)
//!     .when(&acme, AccountCommand::Unlink { mode: UnlinkMode::Scheduled })
//!     .at(now)
//!     .then_state();
//! assert_eq!(after.billing, BillingType::Trial);
//!
//! // REL-11: an immediate unlink of a monthly-usage account is refused.
//! given(&account)
//!     .when(&acme, AccountCommand::Unlink { mode: UnlinkMode::Immediate })
//!     .at(now)
//!     .then_refused(Rule::Rel11, None);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The assertions panic, as `assert_eq!` does, with a message that shows
//! what was expected and what was decided: they are for tests.

mod pending;
mod world;

pub use pending::{OutboxMismatch, PendingTimers, check_outbox};
pub use world::{Applied, Delivery, World};

use std::fmt::Debug;

use chrono::{DateTime, Utc};

use crate::account::{Account, AccountChange, AccountCommand, AccountEvent};
use crate::actor::Actor;
use crate::decision::{Context, Decision};
use crate::error::Error;
use crate::ids::CustomerId;
use crate::licence::{Licence, LicenceChange, LicenceCommand, LicenceEvent};
use crate::policy::Policy;
use crate::refusal::Refusal;
use crate::rule::Rule;

/// A state the specification decides on: an [`Account`], or a [`Licence`]
/// decided for the customer [`Given::of`] names.
///
/// # Example
///
/// ```
/// use channel_licensing::testing::Aggregate;
///
/// fn changes_of<S: Aggregate>(events: &[S::Event]) -> Vec<S::Change> {
///     events.iter().map(S::change).collect()
/// }
/// ```
pub trait Aggregate: Clone + Debug {
    /// What it decides.
    type Command: Debug;
    /// What its decisions record.
    type Event: Debug;
    /// What an event changes, compared by the assertions.
    type Change: Clone + Debug + PartialEq;

    /// Decides `command` in `ctx`, for `customer` where the state needs one.
    ///
    /// # Errors
    ///
    /// As the aggregate's `decide`.
    ///
    /// # Example
    ///
    /// See [`given`].
    fn decide_in(
        &self,
        customer: &CustomerId,
        command: &Self::Command,
        ctx: &Context<'_>,
    ) -> Result<Decision<Self::Event>, Error>;

    /// The state after `event`.
    ///
    /// # Example
    ///
    /// See [`given`].
    #[must_use]
    fn evolve_by(self, event: &Self::Event) -> Self;

    /// What `event` changes.
    ///
    /// # Example
    ///
    /// See [`Aggregate`].
    fn change(event: &Self::Event) -> Self::Change;
}

impl Aggregate for Account {
    type Command = AccountCommand;
    type Event = AccountEvent;
    type Change = AccountChange;

    fn decide_in(
        &self,
        _: &CustomerId,
        command: &AccountCommand,
        ctx: &Context<'_>,
    ) -> Result<Decision<AccountEvent>, Error> {
        self.decide(command, ctx)
    }

    fn evolve_by(self, event: &AccountEvent) -> Account {
        self.evolve(event)
    }

    fn change(event: &AccountEvent) -> AccountChange {
        event.change.clone()
    }
}

impl Aggregate for Licence {
    type Command = LicenceCommand;
    type Event = LicenceEvent;
    type Change = LicenceChange;

    fn decide_in(
        &self,
        customer: &CustomerId,
        command: &LicenceCommand,
        ctx: &Context<'_>,
    ) -> Result<Decision<LicenceEvent>, Error> {
        self.decide(customer, command, ctx)
    }

    fn evolve_by(self, event: &LicenceEvent) -> Licence {
        self.evolve(event)
    }

    fn change(event: &LicenceEvent) -> LicenceChange {
        event.change
    }
}

/// Given `state`, under [`Policy::standard`] (see [`Given::under`]); a
/// licence is decided for customer `"customer"` (see [`Given::of`]).
///
/// # Example
///
/// ```
/// use channel_licensing::testing::given;
/// use channel_licensing::{Actor, Licence, LicenceChange, LicenceCommand, PartnerUser, Purchaser, Term};
///
/// let term = Term::of_days("2026-01-01T00:00:00Z".parse()?, 365)?;
/// let licence = Licence::active("L-1", "endpoint", 10, term, true, Purchaser::partner("acme"))?;
/// let acme = Actor::Partner(PartnerUser::new("acme", "eu"));
/// given(&licence)
///     .of(&"rossi".into())
///     .when(&acme, LicenceCommand::ChangeSeats { seats: 12 })
///     .at("2026-03-01T00:00:00Z".parse()?)
///     .then_changes(&[LicenceChange::SeatsChanged { from: 10, to: 12 }]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn given<S: Aggregate>(state: &S) -> Given<'_, S> {
    Given {
        state,
        policy: Policy::standard(),
        customer: CustomerId::from("customer"),
    }
}

/// A state, the policy in force and the customer: the *given* of a
/// specification.
///
/// # Example
///
/// See [`given`].
#[derive(Debug)]
pub struct Given<'a, S> {
    state: &'a S,
    policy: Policy,
    customer: CustomerId,
}

impl<'a, S: Aggregate> Given<'a, S> {
    /// Under `policy` instead of the standard one.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::testing::given;
    /// use channel_licensing::{Account, BillingType, CreatedBy, Policy};
    ///
    /// let account = Account::new("rossi", "Rossi SpA", "eu", BillingType::Term, CreatedBy::Partner);
    /// let _ = given(&account).under(&Policy::microsoft_new_commerce());
    /// ```
    #[must_use]
    pub fn under(self, policy: &Policy) -> Self {
        Given {
            policy: policy.clone(),
            ..self
        }
    }

    /// For `customer`: the customer a licence belongs to (its timer keys
    /// name it). An account is always its own customer.
    ///
    /// # Example
    ///
    /// See [`given`].
    #[must_use]
    pub fn of(self, customer: &CustomerId) -> Self {
        Given {
            customer: customer.clone(),
            ..self
        }
    }

    /// When `actor` sends `command`.
    ///
    /// # Example
    ///
    /// See [`given`].
    #[must_use]
    pub fn when(self, actor: &Actor, command: S::Command) -> When<'a, S> {
        When {
            given: self,
            actor: actor.clone(),
            command,
        }
    }
}

/// A command on its way, waiting for its instant: the *when*.
///
/// # Example
///
/// See [`given`].
#[derive(Debug)]
pub struct When<'a, S: Aggregate> {
    given: Given<'a, S>,
    actor: Actor,
    command: S::Command,
}

impl<'a, S: Aggregate> When<'a, S> {
    /// At `now`: decides.
    ///
    /// # Example
    ///
    /// See [`given`].
    #[must_use]
    pub fn at(self, now: DateTime<Utc>) -> Then<'a, S> {
        let Given {
            state,
            policy,
            customer,
        } = self.given;
        let outcome = state.decide_in(
            &customer,
            &self.command,
            &Context::new(now, &self.actor, &policy),
        );
        Then {
            state,
            command: self.command,
            outcome,
        }
    }
}

/// The outcome of one decision and the state it was decided on: the
/// *then*, and its assertions.
///
/// # Example
///
/// See [`given`].
#[derive(Debug)]
pub struct Then<'a, S: Aggregate> {
    state: &'a S,
    command: S::Command,
    outcome: Result<Decision<S::Event>, Error>,
}

impl<S: Aggregate> Then<'_, S> {
    /// The decision or the error, as `decide` returned it.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::testing::given;
    /// use channel_licensing::{Account, AccountCommand, Actor, BillingType, CreatedBy};
    ///
    /// let account = Account::new("rossi", "Rossi SpA", "eu", BillingType::Term, CreatedBy::Partner);
    /// let outcome = given(&account)
    ///     .when(&Actor::Vendor, AccountCommand::LaunchConsole)
    ///     .at("2026-03-01T00:00:00Z".parse()?)
    ///     .outcome();
    /// assert!(outcome.is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn outcome(self) -> Result<Decision<S::Event>, Error> {
        self.outcome
    }

    /// The accepted decision.
    ///
    /// # Panics
    ///
    /// When the command was not accepted, with the refusal or error.
    ///
    /// # Example
    ///
    /// See [`Then::then_changes`].
    pub fn accepted(self) -> Decision<S::Event> {
        let command = self.command;
        self.outcome
            .unwrap_or_else(|e| panic!("expected {command:?} accepted, got: {e}"))
    }

    /// The refusal.
    ///
    /// # Panics
    ///
    /// When the command was accepted, or failed with another error.
    ///
    /// # Example
    ///
    /// See [`Then::then_refused`].
    #[must_use]
    pub fn refused(self) -> Refusal {
        match self.outcome {
            Err(Error::Refused(refusal)) => refusal,
            Err(other) => panic!("expected {:?} refused, got the error {other}", self.command),
            Ok(decision) => panic!("expected {:?} refused, got {decision:?}", self.command),
        }
    }

    /// The accepted decision's changes, in order.
    ///
    /// # Panics
    ///
    /// When the command was not accepted.
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::testing::given;
    /// use channel_licensing::{Account, AccountChange, AccountCommand, Actor, BillingType, CreatedBy};
    ///
    /// let account = Account::new("rossi", "Rossi SpA", "eu", BillingType::Trial, CreatedBy::Customer);
    /// let changes = given(&account)
    ///     .when(&Actor::CustomerAdmin { customer: "rossi".into() }, AccountCommand::EnablePartnerAssistance)
    ///     .at("2026-03-01T00:00:00Z".parse()?)
    ///     .changes();
    /// assert!(matches!(changes[..], [AccountChange::PartnerAssistanceChanged { enabled: true }]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn changes(self) -> Vec<S::Change> {
        self.accepted().events().map(S::change).collect()
    }

    /// Asserts the accepted decision's changes, in order, and returns the
    /// state its events lead to.
    ///
    /// # Panics
    ///
    /// When the command was not accepted, or its changes differ.
    ///
    /// # Example
    ///
    /// See [`given`].
    pub fn then_changes(self, expected: &[S::Change]) -> S {
        let state = self.state.clone();
        let decision = self.accepted();
        let changes: Vec<S::Change> = decision.events().map(S::change).collect();
        assert_eq!(changes, expected, "the decision's changes");
        decision.events().fold(state, S::evolve_by)
    }

    /// The state the accepted decision's events lead to.
    ///
    /// # Panics
    ///
    /// When the command was not accepted.
    ///
    /// # Example
    ///
    /// See the [module](self).
    #[must_use]
    pub fn then_state(self) -> S {
        let state = self.state.clone();
        let decision = self.accepted();
        decision.events().fold(state, S::evolve_by)
    }

    /// Asserts a refusal under `rule`, possible from `earliest` (or never
    /// by waiting, `None`), and returns it.
    ///
    /// # Panics
    ///
    /// When the command was not refused, or by another rule, or with
    /// another earliest instant.
    ///
    /// # Example
    ///
    /// See the [module](self).
    pub fn then_refused(self, rule: Rule, earliest: Option<DateTime<Utc>>) -> Refusal {
        let refusal = self.refused();
        assert_eq!(
            (refusal.rule(), refusal.earliest()),
            (rule, earliest),
            "the refusal's rule and earliest instant: {refusal}"
        );
        refusal
    }
}
