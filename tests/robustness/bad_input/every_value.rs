//! One walk over a value of every serialized type (`every_serialized_value`),
//! and the names of the types it visits.

use super::*;

#[allow(clippy::too_many_lines)] // one list of every type, kept together
pub(super) fn every_serialized_value(v: &mut impl Visit) {
    // Identifiers, including ones that need escaping in timer keys.
    v.visit(&LicenceId::from("L-1"));
    v.visit(&LicenceId::from("licença/日本%🦀"));
    v.visit(&CustomerId::from("rossi"));
    v.visit(&PartnerId::from("acme"));
    v.visit(&OfferId::from("endpoint-advanced"));
    v.visit(&RegionId::from("eu"));
    v.visit(&PolicyName::new("standard").unwrap());
    v.visit(&Policy::standard().fingerprint());
    v.visit(&GroupId::from("schools"));
    v.visit(&EarlyAccessId::from("eap-xdr"));
    v.visit(&DisplayName::new("Rossi SpA"));
    v.visit(&DisplayName::new("Ünïcödé 日本 🦀 \"quoted\" \\ \u{7}"));
    // Money.
    v.visit(&"EUR".parse::<Currency>().unwrap());
    v.visit(&eur("12.50"));
    v.visit(&Money::new(Decimal::MAX, "JPY".parse().unwrap()));
    v.visit(&Money::new(Decimal::ZERO, "BHD".parse().unwrap()));
    // Licences.
    v.visit(&year_2026());
    v.visit(&Term::new(MIN, MAX).unwrap());
    v.visit(&SeatBatch {
        seats: u32::MAX,
        added_at: t0(),
    });
    let mut grown = active_licence();
    grown = grown.evolve(&LicenceEvent {
        licence: "L-1".into(),
        decided_at: t0(),
        policy: Policy::standard().stamp(),
        change: LicenceChange::SeatsChanged { from: 10, to: 15 },
    });
    v.visit(&grown.seat_batches);
    v.visit(&grown);
    v.visit(&by_acme());
    v.visit(&Purchaser::Customer);
    v.visit(&CancelledBy::Request);
    v.visit(&CancelledBy::Suspension);
    for licence in licences_in_every_state() {
        v.visit(&licence.state);
        v.visit(&licence);
    }
    for status in [
        LicenceStatus::Trial,
        LicenceStatus::Active,
        LicenceStatus::Suspended,
        LicenceStatus::Expired {
            phase: PhaseName::Grace,
        },
        LicenceStatus::Revoked,
        LicenceStatus::Removed,
        LicenceStatus::Cancelled,
    ] {
        v.visit(&status);
    }
    for command in every_licence_command() {
        v.visit(&command.action());
        v.visit(&command);
    }
    for change in every_licence_change() {
        v.visit(&change);
        v.visit(&LicenceEvent {
            licence: "L-1".into(),
            decided_at: t0(),
            policy: Policy::microsoft_new_commerce().stamp(),
            change,
        });
    }
    // Effects and timers.
    v.visit(&ReminderTarget::TermEnd);
    v.visit(&ReminderTarget::TrialEnd);
    for key in every_timer_key() {
        v.visit(&key);
        v.visit(&Timer {
            key: key.clone(),
            due: t0(),
        });
        v.visit(&Effect::Schedule(Timer {
            key: key.clone(),
            due: t0(),
        }));
        v.visit(&Effect::Cancel { key });
    }
    v.visit(&NameTarget::AdminConsole);
    v.visit(&NameTarget::Crm);
    v.visit(&Effect::PropagateName {
        to: NameTarget::Crm,
        customer: "rossi".into(),
        name: DisplayName::new("Rossi S.p.A."),
    });
    // Policies.
    for name in [
        PhaseName::Grace,
        PhaseName::Reactivatable,
        PhaseName::Lapsed,
        PhaseName::Expired,
        PhaseName::Disabled,
        PhaseName::Deleted,
    ] {
        v.visit(&name);
    }
    v.visit(&Allowances::NONE.with_user_access().with_data_kept());
    for allowance in [
        Allowance::UserAccess,
        Allowance::AdminAccess,
        Allowance::Reactivation,
        Allowance::UnlinkBlocked,
        Allowance::DataKept,
    ] {
        v.visit(&allowance);
    }
    for phase in Policy::standard().phases() {
        v.visit(phase);
    }
    v.visit(&Policy::standard().stamp());
    v.visit(&Policy::standard());
    v.visit(&Policy::microsoft_new_commerce());
    v.visit(&custom_policy());
    v.visit(&custom_policy().to_builder());
    // Refusals and rules.
    for kind in [
        ActorKind::Partner,
        ActorKind::CustomerAdmin,
        ActorKind::Vendor,
    ] {
        v.visit(&kind);
    }
    v.visit(&Right::Vendor);
    for reason in every_reason() {
        v.visit(&reason);
    }
    for refusal in real_refusals() {
        v.visit(&refusal);
    }
    for rule in Rule::ALL {
        v.visit(rule);
    }
    // Actors.
    for role in acme_user().roles.iter() {
        v.visit(&role);
    }
    v.visit(&acme_user().roles);
    for programme in acme_user().programmes.iter() {
        v.visit(&programme);
    }
    v.visit(&acme_user().programmes);
    v.visit(&Programmes::empty());
    v.visit(&acme_user());
    v.visit(&acme());
    v.visit(&admin_of("rossi"));
    v.visit(&Actor::Vendor);
    // Accounts.
    for billing in [
        BillingType::Trial,
        BillingType::Term,
        BillingType::MonthlyUsage,
        BillingType::ManagedOrder,
        BillingType::Direct,
    ] {
        v.visit(&billing);
    }
    v.visit(&CreatedBy::Partner);
    v.visit(&CreatedBy::Customer);
    v.visit(&UnlinkMode::Immediate);
    v.visit(&UnlinkMode::Scheduled);
    v.visit(&customer_ref());
    let account = rich_account();
    for relationship in &account.relationships {
        v.visit(&relationship.state);
        v.visit(&relationship.state.status());
        v.visit(relationship);
    }
    v.visit(&account.groups[0]);
    v.visit(&account.contact);
    v.visit(&account);
    let scheduled = scheduled_unlink_account();
    v.visit(&scheduled.relationships[0].state);
    v.visit(&scheduled.relationships[0].state.status());
    v.visit(&scheduled.relationships[0]);
    v.visit(&scheduled);
    let account = medium_account();
    v.visit(&account);
    for command in every_account_command() {
        v.visit(&command.action());
        v.visit(&command);
    }
    v.visit(&AccountAction::CreateTrial);
    v.visit(&AccountAction::ViewDetails);
    v.visit(&new_customer());
    v.visit(&NewAccount::CreateTrial {
        customer: new_customer(),
        licence: "L-1".into(),
        offer: "endpoint".into(),
        seats: 5,
        trial_days: 30,
    });
    v.visit(&NewAccount::CreateMonthlyAccount {
        customer: new_customer(),
    });
    v.visit(&NewAccount::CreateCustomerTrial {
        customer: new_customer(),
        licence: "T-1".into(),
        offer: "endpoint".into(),
        seats: 5,
        trial_days: 30,
    });
    v.visit(&NewAccount::Import {
        account: Box::new(medium_account()),
    });
    v.visit(&AccountAction::CreateCustomerTrial);
    v.visit(&AccountAction::Import);
    for change in every_account_change() {
        v.visit(&change);
        v.visit(&AccountEvent {
            customer: "rossi".into(),
            decided_at: t0(),
            policy: Policy::standard().stamp(),
            change,
        });
    }
    // Customer views.
    let query = CustomerQuery::for_partner(&acme_user())
        .search("ROSSI")
        .only_active_protection(true);
    v.visit(&query);
    let rows: Vec<CustomerRow> = customer_list(
        std::slice::from_ref(&account),
        &CustomerQuery::for_partner(&acme_user()),
        t0(),
        &Policy::standard(),
    );
    v.visit(&rows[0]);
    let details: DetailsView =
        customer_details(&account, &"acme".into(), t0(), &Policy::standard()).unwrap();
    let row: &LicenceRow = &details.licences[0];
    v.visit(row);
    v.visit(&details);
    let contact: ContactView = contact_details(&account, &"acme".into(), t0()).unwrap();
    v.visit(&contact);
    // Transfers.
    v.visit(&TransferStrategy::Duplicate);
    v.visit(&TransferStrategy::ExpireAndRepurchase);
    v.visit(&CustomerStep::MigrateData);
    v.visit(&TransferOptions::default().cancel_early(true));
    let plan = transfer();
    let moved: &SubscriptionMove = &plan.moves[0];
    let early: EarlyCancellation = moved.early_cancellation.unwrap();
    v.visit(&early);
    v.visit(moved);
    v.visit(&plan);
    let change = OfferChange::new("endpoint", 10, "endpoint-advanced", 12);
    let impact: TransferImpact = transfer_impact(&change);
    v.visit(&change);
    v.visit(&impact);
    for contact in [
        CreditContact::Partner,
        CreditContact::Customer,
        CreditContact::Nobody,
    ] {
        v.visit(&contact);
    }
}

/// The short names of the types [`every_serialized_value`] visits.
pub(super) fn visited_types() -> BTreeSet<String> {
    struct Names(BTreeSet<String>);
    impl Visit for Names {
        fn visit<T>(&mut self, _: &T)
        where
            T: Serialize + DeserializeOwned + PartialEq + Debug,
        {
            self.0.insert(short_type_name::<T>());
        }
    }
    let mut names = Names(BTreeSet::new());
    every_serialized_value(&mut names);
    names.0
}

/// `T`'s name without its paths: `enumset::set::EnumSet<channel_licensing::actor::Role>`
/// is `EnumSet<Role>`.
pub(super) fn short_type_name<T>() -> String {
    type_name::<T>()
        .split('<')
        .map(|part| part.rsplit("::").next().unwrap_or(part))
        .collect::<Vec<_>>()
        .join("<")
}
