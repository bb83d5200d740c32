//! Given / when / then, one decision at a time: the crate's own test kit
//! (`channel_licensing::testing`, the `testing` feature), with licences
//! decided for customer "rossi" as these tests' fixtures are.
//!
//! ```text
//! let d = given(&account).when(&flex(), SCHEDULED).at(now()).accepted();
//! let r = given(&licence).when(&partner(), C::Revoke).at(now).refused();
//! let account = given(&account).when(&acme(&[]), IMMEDIATE).at(now()).then_state();
//! let result = given(&licence).under(&ms).when(&vendor(), C::Cancel).at(now).outcome();
//! ```

use std::fmt::Debug;

use channel_licensing::testing::{self, Aggregate, Given};
use channel_licensing::{Account, AccountEvent, Decision, Error, Licence, LicenceEvent, Refusal};

use super::customer;

/// Given this state, under the standard policy; a licence belongs to
/// customer "rossi".
pub fn given<S: Aggregate>(state: &S) -> Given<'_, S> {
    testing::given(state).of(&customer())
}

/// The refusal in `result`; panics on an acceptance or another error.
pub fn refusal<T: Debug>(result: Result<T, Error>) -> Refusal {
    match result {
        Err(Error::Refused(r)) => r,
        Err(other) => panic!("expected a refusal, got error {other}"),
        Ok(d) => panic!("expected a refusal, got {d:?}"),
    }
}

/// The aggregate an event belongs to, so that `changes(&decision)` needs
/// no annotation.
pub trait Event {
    type Of: Aggregate<Event = Self>;
}

impl Event for AccountEvent {
    type Of = Account;
}

impl Event for LicenceEvent {
    type Of = Licence;
}

/// The changes of a decision's events, in order.
pub fn changes<E: Event>(decision: &Decision<E>) -> Vec<<E::Of as Aggregate>::Change> {
    decision
        .events()
        .map(<E::Of as Aggregate>::change)
        .collect()
}

/// `state` with a decision's events applied, as a caller folds `evolve`.
pub fn apply<E: Event>(state: E::Of, decision: &Decision<E>) -> E::Of {
    decision
        .events()
        .fold(state, <E::Of as Aggregate>::evolve_by)
}
