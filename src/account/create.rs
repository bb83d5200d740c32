//! Creating an account: a partner's trial (AST-2) or monthly-usage account
//! (BILL-2, AST-2), linked to the creating partner.

use super::Out;
use super::event::Bound;
use super::profile::check_name;
use crate::refusal::refuse;
use crate::{
    Account, AccountAction, AccountChange, AccountEvent, BillingType, CreatedBy, CustomerRef,
    NewAccount, RelationshipState,
};
use crate::{
    Actor, ActorKind, Context, Decision, Effect, Error, Licence, Programme, Purchaser, Reason,
    Rule, Term, Timer,
};

impl Account {
    /// Creates an account for the acting partner, who is linked to it.
    ///
    /// The decision's first event, [`AccountChange::Created`], holds the new
    /// account; [`Account::from_events`] (or `evolve` on it) rebuilds it.
    /// Creating allocates the new account, so unlike `decide` it allocates
    /// more than once.
    ///
    /// # Errors
    ///
    /// [`Error::Refused`]: an actor that is not a partner user (AUTH-1); a
    /// monthly-usage account by a partner outside MSP Flex (BILL-2).
    /// [`Error::InvalidTerm`] for a zero-day trial, [`Error::ZeroSeats`].
    ///
    /// # Example
    ///
    /// ```
    /// use channel_licensing::{Account, Actor, Context, NewAccount, NewCustomer, PartnerUser, Policy};
    ///
    /// let policy = Policy::standard();
    /// let partner = Actor::Partner(PartnerUser::new("acme", "eu"));
    /// let now = "2026-03-01T00:00:00Z".parse()?;
    /// let cmd = NewAccount::CreateTrial {
    ///     customer: NewCustomer::new("verdi", "Verdi Srl", "eu"),
    ///     licence: "T-1".into(), offer: "endpoint".into(), seats: 10, trial_days: 30,
    /// };
    /// let decision = Account::create(&cmd, &Context::new(now, &partner, &policy))?;
    /// let account = Account::from_events(decision.events()).expect("created");
    /// assert!(account.partner_assistance); // AST-2
    /// assert_eq!(decision.effects().count(), 2); // the trial's end and its reminder
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn create(
        command: &NewAccount,
        ctx: &Context<'_>,
    ) -> Result<Decision<AccountEvent>, Error> {
        let (customer, action) = match command {
            NewAccount::CreateTrial { customer, .. } => (customer, AccountAction::CreateTrial),
            NewAccount::CreateMonthlyAccount { customer } => {
                (customer, AccountAction::CreateMonthlyAccount)
            }
        };
        let customer_ref = CustomerRef {
            id: customer.id.clone(),
            name: customer.name.clone(),
        };
        let Actor::Partner(user) = ctx.actor else {
            return Err(refuse(
                Rule::Auth1,
                Reason::ActorNotAllowed {
                    customer: customer_ref,
                    action,
                    actor: ActorKind::of(ctx.actor),
                },
            ));
        };
        check_name(&customer_ref, &customer.name, ctx)?;
        let billing = match command {
            NewAccount::CreateTrial { .. } => BillingType::Trial,
            NewAccount::CreateMonthlyAccount { .. } => {
                if !user.programmes.contains(Programme::MspFlex) {
                    return Err(refuse(
                        Rule::Bill2,
                        Reason::MissingProgramme {
                            customer: customer_ref,
                            action,
                            programme: Programme::MspFlex,
                        },
                    ));
                }
                BillingType::MonthlyUsage
            }
        };
        let mut account = Account::new(
            customer.id.clone(),
            customer.name.as_str(),
            customer.region.clone(),
            billing,
            CreatedBy::Partner,
        )
        .with_relationship(user.partner.clone(), RelationshipState::Linked);
        if let NewAccount::CreateTrial {
            licence,
            offer,
            seats,
            trial_days,
            ..
        } = command
        {
            let term = Term::of_days(ctx.now, *trial_days)?;
            account.licences.push(Licence::trial(
                licence.clone(),
                offer.clone(),
                *seats,
                term,
                Purchaser::Partner(user.partner.clone()),
            )?);
        }
        let timers: Vec<Timer> = account.timers(ctx.policy).collect();
        let customer = account.id.clone();
        let mut out = Out::new(&customer, ctx, Bound::Exactly(1 + timers.len()));
        out.event(AccountChange::Created {
            account: Box::new(account),
        });
        for timer in timers {
            out.effect(Effect::Schedule(timer));
        }
        Ok(out.finish())
    }

    /// Rebuilds an account from its events: the first must be
    /// [`AccountChange::Created`]; `None` otherwise.
    ///
    /// # Example
    ///
    /// See [`Account::create`].
    ///
    /// ```
    /// use channel_licensing::{Account, AccountEvent};
    ///
    /// assert!(Account::from_events(std::iter::empty::<&AccountEvent>()).is_none());
    /// ```
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a AccountEvent>) -> Option<Account> {
        let mut events = events.into_iter();
        let first = events.next()?;
        let AccountChange::Created { account } = &first.change else {
            return None;
        };
        Some(events.fold((**account).clone(), Account::evolve))
    }
}
