//! Given / when / then, one decision at a time, in the spirit of
//! fmodel-rust's `DeciderTestSpecification`: *given* a state (an account, or
//! a standalone licence, decided for customer "rossi"), *when* an actor sends
//! a command *at* an instant (under `Policy::standard()` unless the test
//! says otherwise), *then* the decision is accepted (its events, the state
//! they evolve to) or refused (the refusal).
//!
//! ```text
//! let d = given(&account).when(&flex(), SCHEDULED).at(now()).accepted();
//! let r = given(&licence).when(&partner(), C::Revoke).at(now).refused();
//! let account = given(&account).when(&acme(&[]), IMMEDIATE).at(now()).then_state();
//! let result = given(&licence).under(&ms).when(&vendor(), C::Cancel).at(now).outcome();
//! ```

use std::fmt::Debug;

use channel_licensing::{
    Account, AccountChange, AccountCommand, AccountEvent, Actor, Context, Decision, Error, Licence,
    LicenceChange, LicenceCommand, LicenceEvent, Policy, Refusal,
};
use chrono::{DateTime, Utc};

use super::customer;

/// A state the spec decides on: an account, or a standalone licence.
pub trait Aggregate: Clone + Debug {
    type Command;
    type Event: Event<Of = Self>;
    /// Decides `command` in `ctx` (a licence for customer "rossi").
    fn decide_in(
        &self,
        command: &Self::Command,
        ctx: &Context<'_>,
    ) -> Result<Decision<Self::Event>, Error>;
    /// The state after `event`.
    fn evolve_by(self, event: &Self::Event) -> Self;
}

/// An event of an [`Aggregate`], and the change it carries.
pub trait Event: Debug {
    type Of: Aggregate<Event = Self>;
    type Change: Clone + Debug + PartialEq;
    fn change(&self) -> Self::Change;
}

impl Aggregate for Licence {
    type Command = LicenceCommand;
    type Event = LicenceEvent;
    fn decide_in(
        &self,
        command: &LicenceCommand,
        ctx: &Context<'_>,
    ) -> Result<Decision<LicenceEvent>, Error> {
        self.decide(&customer(), command, ctx)
    }
    fn evolve_by(self, event: &LicenceEvent) -> Licence {
        self.evolve(event)
    }
}

impl Event for LicenceEvent {
    type Of = Licence;
    type Change = LicenceChange;
    fn change(&self) -> LicenceChange {
        self.change
    }
}

impl Aggregate for Account {
    type Command = AccountCommand;
    type Event = AccountEvent;
    fn decide_in(
        &self,
        command: &AccountCommand,
        ctx: &Context<'_>,
    ) -> Result<Decision<AccountEvent>, Error> {
        self.decide(command, ctx)
    }
    fn evolve_by(self, event: &AccountEvent) -> Account {
        self.evolve(event)
    }
}

impl Event for AccountEvent {
    type Of = Account;
    type Change = AccountChange;
    fn change(&self) -> AccountChange {
        self.change.clone()
    }
}

/// Given this state, under the standard policy.
pub fn given<S: Aggregate>(state: &S) -> Given<'_, S> {
    Given {
        state,
        policy: Policy::standard(),
    }
}

/// A state and the policy in force.
pub struct Given<'a, S> {
    state: &'a S,
    policy: Policy,
}

impl<'a, S: Aggregate> Given<'a, S> {
    /// Under `policy` instead of the standard one.
    pub fn under(self, policy: &Policy) -> Self {
        Given {
            policy: policy.clone(),
            ..self
        }
    }

    /// When `actor` sends `command`.
    pub fn when(self, actor: &Actor, command: S::Command) -> When<'a, S> {
        When {
            given: self,
            actor: actor.clone(),
            command,
        }
    }
}

/// A command on its way, waiting for its instant.
pub struct When<'a, S: Aggregate> {
    given: Given<'a, S>,
    actor: Actor,
    command: S::Command,
}

impl<'a, S: Aggregate> When<'a, S> {
    /// At `now`: decides.
    pub fn at(self, now: DateTime<Utc>) -> Then<'a, S> {
        let Given { state, policy } = self.given;
        let outcome = state.decide_in(&self.command, &Context::new(now, &self.actor, &policy));
        Then { state, outcome }
    }
}

/// The outcome of one decision, and the state it was decided on.
pub struct Then<'a, S: Aggregate> {
    state: &'a S,
    outcome: Result<Decision<S::Event>, Error>,
}

impl<S: Aggregate> Then<'_, S> {
    /// The decision or the error, as `decide` returned it.
    pub fn outcome(self) -> Result<Decision<S::Event>, Error> {
        self.outcome
    }

    /// The decision; panics unless it was accepted.
    pub fn accepted(self) -> Decision<S::Event> {
        self.outcome
            .unwrap_or_else(|e| panic!("expected acceptance, got: {e}"))
    }

    /// The refusal; panics unless the command was refused.
    pub fn refused(self) -> Refusal {
        refusal(self.outcome)
    }

    /// The changes of the accepted decision's events, in order.
    pub fn changes(self) -> Vec<<S::Event as Event>::Change> {
        changes(&self.accepted())
    }

    /// The state the accepted decision's events evolve the given state to.
    pub fn then_state(self) -> S {
        let state = self.state.clone();
        apply(state, &self.accepted())
    }
}

/// The refusal in `result`; panics on an acceptance or another error.
pub fn refusal<T: Debug>(result: Result<T, Error>) -> Refusal {
    match result {
        Err(Error::Refused(r)) => r,
        Err(other) => panic!("expected a refusal, got error {other}"),
        Ok(d) => panic!("expected a refusal, got {d:?}"),
    }
}

/// The changes of a decision's events, in order.
pub fn changes<E: Event>(decision: &Decision<E>) -> Vec<E::Change> {
    decision.events().map(Event::change).collect()
}

/// `state` with a decision's events applied, as a caller folds `evolve`.
pub fn apply<E: Event>(state: E::Of, decision: &Decision<E>) -> E::Of {
    decision.events().fold(state, Aggregate::evolve_by)
}
