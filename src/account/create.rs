//! Creating an account (BILL-1, BILL-2, AST-2, AST-3, AUTH-1): a partner's
//! trial or monthly-usage account, linked to the creating partner; a trial
//! the customer creates for itself; an account imported as it stands.

use super::Account;
use super::Out;
use super::billing::CreatedBy;
use super::command::{NewAccount, NewCustomer};
use super::event::{AccountChange, AccountEvent};
use super::profile::check_name;
use super::relationship::RelationshipState;
use crate::actor::ActorKind;
use crate::actor::{Actor, Programme};
use crate::decision::{Context, Decision};
use crate::effect::Effect;
use crate::error::Error;
use crate::error::refuse;
use crate::licence::{Licence, Purchaser, Term};
use crate::refusal::Reason;
use crate::rule::Rule;
use crate::vocabulary::BillingType;
use crate::vocabulary::{AccountAction, CustomerRef};

impl Account {
    /// Creates an account: a partner's trial or monthly-usage account (the
    /// partner is linked to it), a trial the customer's admin creates for
    /// itself, or an account the platform imports as it stands.
    ///
    /// Every account's history starts here: the decision's first event,
    /// [`AccountChange::Created`], holds the new account, and
    /// [`Account::from_events`] (or `evolve` on it) rebuilds it; its effects
    /// schedule the account's timers.
    ///
    /// # Errors
    ///
    /// [`Error::Refused`]: the wrong actor for the command (AUTH-1: a
    /// partner user for a partner's account, the new customer's own admin
    /// for its trial, the vendor for an import); a monthly-usage account by
    /// a partner outside MSP Flex (BILL-2); a blank or overlong name
    /// (CUST-4). [`Error::InvalidTerm`] for a zero-day trial,
    /// [`Error::ZeroSeats`]; for an import, [`Error::InvalidState`] (and
    /// the other load errors) when the account is none a stored row could
    /// hold.
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
    ///
    /// // An account from another system, imported by the platform.
    /// let import = NewAccount::Import { account: Box::new(account.clone()) };
    /// let decision = Account::create(&import, &Context::new(now, &channel_licensing::Actor::Vendor, &policy))?;
    /// assert_eq!(Account::from_events(decision.events()), Some(account));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn create(
        command: &NewAccount,
        ctx: &Context<'_>,
    ) -> Result<Decision<AccountEvent>, Error> {
        let account = match command {
            NewAccount::CreateTrial { customer, .. }
            | NewAccount::CreateMonthlyAccount { customer } => {
                Account::created_by_partner(customer, command, ctx)?
            }
            NewAccount::CreateCustomerTrial { customer, .. } => {
                Account::created_by_customer(customer, command, ctx)?
            }
            NewAccount::Import { account } => Account::imported(account, ctx)?,
        };
        let mut out = Out::default();
        for timer in account.timers(ctx.policy) {
            out.effect(Effect::Schedule(timer));
        }
        let customer = account.id.clone();
        out.event(AccountChange::Created {
            account: Box::new(account),
        });
        Ok(out.finish(|change| AccountEvent {
            customer: customer.clone(),
            decided_at: ctx.now,
            policy: ctx.policy.stamp(),
            change,
        }))
    }

    /// A partner's trial, with its trial licence (AST-2), or with none a
    /// monthly-usage account (BILL-2, AST-2), linked to the creating partner.
    fn created_by_partner(
        customer: &NewCustomer,
        command: &NewAccount,
        ctx: &Context<'_>,
    ) -> Result<Account, Error> {
        let trial = matches!(command, NewAccount::CreateTrial { .. });
        let action = if trial {
            AccountAction::CreateTrial
        } else {
            AccountAction::CreateMonthlyAccount
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
        let billing = if trial {
            BillingType::Trial
        } else if user.programmes.contains(Programme::MspFlex) {
            BillingType::MonthlyUsage
        } else {
            return Err(refuse(
                Rule::Bill2,
                Reason::MissingProgramme {
                    customer: customer_ref,
                    action,
                    programme: Programme::MspFlex,
                },
            ));
        };
        let mut account = Account::new(
            customer.id.clone(),
            customer.name.as_str(),
            customer.region.clone(),
            billing,
            CreatedBy::Partner,
        )
        .with_relationship(user.partner.clone(), RelationshipState::Linked);
        if trial {
            let bought_by = Purchaser::Partner(user.partner.clone());
            account
                .licences
                .extend(command.trial_licence(bought_by, ctx)?);
        }
        Ok(account)
    }

    /// A trial the customer's admin creates for its own new account
    /// (BILL-1; AST-3: partner assistance disabled): no partner, the trial
    /// licence the customer's own.
    fn created_by_customer(
        customer: &NewCustomer,
        command: &NewAccount,
        ctx: &Context<'_>,
    ) -> Result<Account, Error> {
        debug_assert!(matches!(command, NewAccount::CreateCustomerTrial { .. }));
        let action = AccountAction::CreateCustomerTrial;
        let customer_ref = CustomerRef {
            id: customer.id.clone(),
            name: customer.name.clone(),
        };
        match ctx.actor {
            Actor::CustomerAdmin { customer: admin_of } if *admin_of == customer.id => {}
            Actor::CustomerAdmin { customer: admin_of } => {
                return Err(refuse(
                    Rule::Auth1,
                    Reason::OtherCustomer {
                        customer: customer_ref,
                        action,
                        admin_of: admin_of.clone(),
                    },
                ));
            }
            other => {
                return Err(refuse(
                    Rule::Auth1,
                    Reason::ActorNotAllowed {
                        customer: customer_ref,
                        action,
                        actor: ActorKind::of(other),
                    },
                ));
            }
        }
        check_name(&customer_ref, &customer.name, ctx)?;
        let mut account = Account::new(
            customer.id.clone(),
            customer.name.as_str(),
            customer.region.clone(),
            BillingType::Trial,
            CreatedBy::Customer,
        );
        account
            .licences
            .extend(command.trial_licence(Purchaser::Customer, ctx)?);
        Ok(account)
    }

    /// An account brought in from another system, by the platform (AUTH-1:
    /// the vendor), as it stands: it must satisfy everything a stored
    /// account does (its name CUST-4's bounds included).
    fn imported(account: &Account, ctx: &Context<'_>) -> Result<Account, Error> {
        let customer_ref = account.customer_ref();
        if !matches!(ctx.actor, Actor::Vendor) {
            return Err(refuse(
                Rule::Auth1,
                Reason::ActorNotAllowed {
                    customer: customer_ref,
                    action: AccountAction::Import,
                    actor: ActorKind::of(ctx.actor),
                },
            ));
        }
        check_name(&customer_ref, &account.name, ctx)?;
        let account = account.clone();
        for licence in &account.licences {
            licence.check()?;
        }
        account.check()?;
        // What only reading a row checks (IDs, seats, terms, amounts):
        // the account must read back from its own JSON, as its history will.
        let json = serde_json::to_string(&account).map_err(|e| Error::InvalidState {
            field: String::new(),
            problem: e.to_string(),
            rule: None,
        })?;
        crate::wire::from_json::<Account>(&json).map_err(|e| Error::InvalidState {
            field: e.path().to_owned(),
            problem: e.message().to_owned(),
            rule: None,
        })
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

impl NewAccount {
    /// The trial licence a new trial account starts with, from `now` for
    /// its days, bought by `by`; none for the other commands.
    fn trial_licence(&self, by: Purchaser, ctx: &Context<'_>) -> Result<Option<Licence>, Error> {
        let (NewAccount::CreateTrial {
            licence,
            offer,
            seats,
            trial_days,
            ..
        }
        | NewAccount::CreateCustomerTrial {
            licence,
            offer,
            seats,
            trial_days,
            ..
        }) = self
        else {
            return Ok(None);
        };
        let term = Term::of_days(ctx.now, *trial_days)?;
        Licence::trial(licence.clone(), offer.clone(), *seats, term, by).map(Some)
    }
}
