//! Every account command, and every query, over accounts at chrono's limits
//! is a decision (or value) or an error value.

use super::*;

/// Accounts whose licences, relationships and scheduled unlinks sit at
/// chrono's limits, in every billing type.
fn extreme_accounts() -> Vec<Account> {
    let near_max = Term::new(MAX - day(40), MAX).unwrap();
    let near_min = Term::new(MIN, MIN + day(40)).unwrap();
    let licences = [
        Licence::active("L-max", "endpoint", 10, near_max, true, by_acme()).unwrap(),
        Licence::active("L-min", "endpoint", 10, near_min, false, by_acme())
            .unwrap()
            .with_price(eur("12.50")),
        Licence::new(
            "L-suspended",
            "endpoint",
            3,
            LicenceState::Suspended {
                term: near_max,
                auto_renew: false,
                since: MAX - day(40),
                cancels_at: MAX,
            },
            // Gamma's, whose scheduled unlink is due from MIN + 1 day on:
            // REL-9 ends it (only the unlinking partner's licences end).
            Purchaser::partner("gamma"),
        )
        .unwrap(),
        Licence::new(
            "L-old",
            "backup",
            2,
            LicenceState::Expired { at: MIN },
            by_acme(),
        )
        .unwrap(),
        Licence::new(
            "L-late",
            "backup",
            2,
            LicenceState::Expired { at: MAX - day(1) },
            by_acme(),
        )
        .unwrap(),
        Licence::trial(
            "L-whole",
            "backup",
            1,
            Term::new(MIN, MAX).unwrap(),
            by_acme(),
        )
        .unwrap(),
    ];
    // A trial with a relationship in every state but a scheduled unlink
    // (which BILL-9 allows only beside no other live partner: the
    // `plain` trial below has it).
    let mut trial = Account::new(
        "rossi",
        "Rossi SpA",
        "eu",
        BillingType::Trial,
        CreatedBy::Partner,
    )
    .with_relationship("acme", RelationshipState::Linked)
    .with_relationship("beta", RelationshipState::Unlinked { at: MAX })
    .with_relationship("gamma", RelationshipState::Declined { at: MIN + day(1) })
    .with_relationship("delta", RelationshipState::Invited { at: MIN });
    trial.mdr_reports_until = Some(MIN + day(1));
    for licence in licences {
        trial = trial.with_licence(licence);
    }
    let plain = |billing, created_by, state| {
        let mut account = Account::new("rossi", "Rossi SpA", "eu", billing, created_by)
            .with_relationship("acme", state)
            .with_licence(
                Licence::active("L-max", "endpoint", 10, near_max, false, by_acme()).unwrap(),
            );
        if let RelationshipState::UnlinkScheduled { unlink_at } = state {
            account.mdr_reports_until = Some(unlink_at);
        }
        account
    };
    vec![
        trial,
        plain(
            BillingType::MonthlyUsage,
            CreatedBy::Partner,
            RelationshipState::Linked,
        ),
        plain(
            BillingType::Trial,
            CreatedBy::Partner,
            RelationshipState::UnlinkScheduled {
                unlink_at: MAX - day(1),
            },
        ),
        plain(
            BillingType::ManagedOrder,
            CreatedBy::Partner,
            RelationshipState::Linked,
        ),
        plain(
            BillingType::Direct,
            CreatedBy::Customer,
            RelationshipState::Linked,
        ),
        plain(
            BillingType::Term,
            CreatedBy::Customer,
            RelationshipState::Invited { at: MAX },
        ),
    ]
}

fn account_commands(account: &Account, policy: &Policy) -> Vec<AccountCommand> {
    let mut commands = every_account_command();
    commands.extend([
        AccountCommand::Unlink {
            mode: UnlinkMode::Immediate,
        },
        AccountCommand::AcceptInvitation {
            partner: "acme".into(),
        },
        AccountCommand::AddSubscription {
            licence: "L-new".into(),
            offer: "backup".into(),
            seats: u32::MAX,
            term_days: u32::MAX,
            auto_renew: true,
            price: None,
        },
        AccountCommand::AddSubscription {
            licence: "L-new".into(),
            offer: "backup".into(),
            seats: 1,
            term_days: 1,
            auto_renew: true,
            price: Some(eur("0.01")),
        },
    ]);
    for due in [MIN, MAX] {
        commands.push(AccountCommand::Deliver(Timer {
            key: TimerKey::ScheduledUnlink {
                customer: account.id.clone(),
                partner: "beta".into(),
            },
            due,
        }));
    }
    commands.extend(account.timers(policy).map(AccountCommand::Deliver));
    for licence in &account.licences {
        for command in [
            LicenceCommand::Suspend,
            LicenceCommand::Resume,
            LicenceCommand::Cancel,
            LicenceCommand::Remove,
            LicenceCommand::Reactivate {
                term_days: 1,
                auto_renew: true,
            },
            LicenceCommand::ChangeSeats { seats: u32::MAX },
        ] {
            commands.push(AccountCommand::Licence {
                licence: licence.id.clone(),
                command,
            });
        }
    }
    commands
}

/// Every account command, by a partner, the vendor and the customer's
/// admin, on accounts of every billing type whose licences and unlinks sit
/// at chrono's limits, with `now` at the limits: an accepted decision that
/// keeps the contract, a refusal, or `Error::TimeOutOfRange`; never a panic.
#[test]
fn every_account_command_at_chronos_limits_is_a_decision_or_an_error_value() {
    let policies = [Policy::standard(), extreme_policy()];
    let actors = [acme(), Actor::Vendor, admin_of("rossi")];
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for account in extreme_accounts() {
        for policy in &policies {
            for command in account_commands(&account, policy) {
                for now in extreme_instants() {
                    for actor in &actors {
                        let ctx = Context::new(now, actor, policy);
                        let outcome = match &account.decide(&command, &ctx) {
                            // See `bug_a_licence_command_applies_to_a_licence_the_due_unlink_removed`.
                            Ok(decision) if changes_a_licence_after_removing_it(decision) => {
                                "known bug"
                            }
                            Ok(decision) => {
                                if let Err(problem) = check_account_decision(
                                    &account, &command, decision, now, policy,
                                ) {
                                    problems.push(format!(
                                        "{:?} {command:?} at {now}: {problem}",
                                        account.billing
                                    ));
                                }
                                "accepted"
                            }
                            Err(Error::Refused(refusal)) => {
                                let _ = refusal.to_string();
                                "refused"
                            }
                            Err(Error::TimeOutOfRange) => "time out of range",
                            // `every_account_command` names licence L-1, which
                            // these accounts do not have.
                            Err(Error::UnknownLicence { licence, .. })
                                if !account.licences.iter().any(|l| l.id == *licence) =>
                            {
                                "unknown licence"
                            }
                            Err(other) => {
                                problems.push(format!(
                                    "{:?} {command:?} at {now}: {other:?}",
                                    account.billing
                                ));
                                "other"
                            }
                        };
                        *outcomes.entry(outcome).or_default() += 1;
                    }
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems: {:#?}",
        problems.len(),
        &problems[..problems.len().min(5)]
    );
    for outcome in ["accepted", "refused", "time out of range"] {
        assert!(
            outcomes.get(outcome).is_some_and(|n| *n > 0),
            "{outcomes:?}"
        );
    }
}

/// The queries (customer list, details, contact, credit contact, transfer
/// plans) over accounts at chrono's limits, at every extreme `now`: values
/// or error values, never a panic.
#[test]
fn queries_at_chronos_limits_are_values() {
    let policy = Policy::standard();
    let accounts = extreme_accounts();
    let acme_id = PartnerId::from("acme");
    let to = PartnerUser::new("newco", "eu");
    let options = TransferOptions::default()
        .cancel_early(true)
        .tenant_to_tenant(true);
    for now in extreme_instants() {
        let rows = customer_list(
            &accounts,
            &CustomerQuery::for_partner(&acme_user()),
            now,
            &policy,
        );
        assert!(rows.len() <= accounts.len());
        for row in &rows {
            reserializes(row).unwrap();
        }
        for account in &accounts {
            let live = account
                .relationship_status(&acme_id, now)
                .is_some_and(RelationshipStatus::is_live);
            let details = customer_details(account, &acme_id, now, &policy);
            assert_eq!(details.is_ok(), live, "{now} {:?}", account.billing);
            if let Ok(details) = details {
                assert_eq!(details.licences.len(), account.licences.len());
            }
            assert_eq!(contact_details(account, &acme_id, now).is_ok(), live);
            for licence in account.licences.iter().map(|l| Some(&l.id)).chain([None]) {
                let _ = credit_contact(account, &acme_id, licence, now);
            }
            match transfer_plan(account, &acme_id, &to, options, now, &policy) {
                Ok(plan) => reserializes(&plan).unwrap(),
                Err(Error::Refused(refusal)) => assert!(!live, "{refusal}"),
                Err(err) => assert_eq!(err, Error::TimeOutOfRange, "{now}"),
            }
            let _ = (
                account.next_deadline(&policy),
                account.timers(&policy).count(),
            );
        }
    }
}
