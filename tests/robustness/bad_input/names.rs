//! Names: blank and 10 kB names are refused with CUST-4 on creation and
//! rename, and do not load from JSON; search with such names and queries
//! never panics.

use super::*;

// ================================================================ 3. names

/// The names that CUST-4 refuses at creation and on a rename: `(name,
/// characters after trimming)`.
fn refused_names() -> Vec<(String, usize)> {
    let ten_kb = 10_240;
    vec![
        (String::new(), 0),
        ("   ".into(), 0),
        ("\t\r\n \u{a0}\u{2003}\u{3000}".into(), 0),
        ("a".repeat(ten_kb), ten_kb),
        ("é".repeat(ten_kb), ten_kb),
        ("日".repeat(ten_kb), ten_kb),
        ("🦀".repeat(ten_kb), ten_kb),
        (format!("  {}  ", "x".repeat(ten_kb)), ten_kb),
        ("ß".repeat(256), 256),
    ]
}

fn invalid_name(refusal: &Refusal, chars: usize, max: u32) {
    assert_eq!(refusal.rule(), Rule::Cust4, "{refusal}");
    let Reason::InvalidName {
        chars: counted,
        max: allowed,
        ..
    } = refusal.reason()
    else {
        panic!("{refusal:?}");
    };
    assert_eq!((*counted, *allowed), (chars, max));
    assert!(
        refusal.to_string().contains(&format!(
            "a display name has 1 to {max} characters after trimming, not {chars}"
        )),
        "{refusal}"
    );
}

/// CUST-4: blank, whitespace-only and 10 kB names (ASCII and 2-, 3- and
/// 4-byte characters) are refused when an account is created and when it
/// is renamed, counting characters after trimming, not bytes.
#[test]
fn blank_and_10_kb_names_are_refused_with_cust_4_on_creation_and_rename() {
    let policy = Policy::standard();
    let partner = acme();
    let ctx = Context::new(t0(), &partner, &policy);
    let account = medium_account();
    for (name, chars) in refused_names() {
        let customer = NewCustomer::new("bianchi", &name, "eu");
        for create in [
            NewAccount::CreateTrial {
                customer: customer.clone(),
                licence: "L-1".into(),
                offer: "endpoint".into(),
                seats: 1,
                trial_days: 30,
            },
            NewAccount::CreateMonthlyAccount { customer },
        ] {
            invalid_name(&refusal(Account::create(&create, &ctx)), chars, 255);
        }
        let rename = AccountCommand::Rename {
            name: DisplayName::new(&name),
        };
        invalid_name(&refusal(account.decide(&rename, &ctx)), chars, 255);
        // The same rename as JSON does not load: CUST-4 at the boundary.
        let json = json!({"type": "rename", "name": name}).to_string();
        let err = channel_licensing::from_json::<AccountCommand>(&json).unwrap_err();
        assert_eq!(err.path(), "name", "{err}");
        assert!(err.message().contains("(CUST-4)"), "{err}");
    }
    // 255 characters of 4 bytes each (1 020 bytes), padded: accepted.
    let longest = format!(" \t{} \n", "🦀".repeat(255));
    let rename = AccountCommand::Rename {
        name: DisplayName::new(&longest),
    };
    let renamed = account.decide(&rename, &ctx).unwrap();
    let renamed = renamed.events().fold(account.clone(), Account::evolve);
    assert_eq!(renamed.name.as_str(), "🦀".repeat(255));
    // A policy's own limit applies (CUST-4), and none may exceed 255.
    let short = custom_policy();
    let refused = account.decide(&rename, &Context::new(t0(), &acme(), &short));
    invalid_name(&refusal(refused), 255, 80);
    let too_long = Policy::standard()
        .to_builder()
        .name("roomy")
        .display_name_max_chars(u32::MAX)
        .build();
    assert!(
        matches!(
            too_long,
            Err(PolicyError::DisplayNameTooLong {
                chars: u32::MAX,
                ..
            })
        ),
        "{too_long:?}"
    );
    // An account stored with a blank or a 10 kB name does not load.
    for name in [json!("   "), json!("日".repeat(10_240))] {
        let err =
            channel_licensing::from_json::<Account>(&with(&account, "/name", name)).unwrap_err();
        assert_eq!(err.path(), "name", "{err}");
        assert!(err.message().contains("(CUST-4)"), "{err}");
    }
}

/// CUST-1: search with blank and 10 kB queries over 10 kB names, in scripts
/// whose case folding changes lengths (ß, İ, ς): never a panic, and the
/// matches are the expected ones.
#[test]
fn search_with_blank_and_10_kb_names_and_queries_never_panics() {
    let ten_kb = 10_240;
    let names = [
        "a".repeat(ten_kb),
        "ß".repeat(ten_kb),
        "İ".repeat(ten_kb),
        "ς".repeat(ten_kb),
        "🦀".repeat(ten_kb),
        String::new(),
    ];
    for name in &names {
        assert!(name_matches(name, ""));
        assert!(name_matches(name, " \t\n"));
        assert!(name_matches(name, name), "{:.10}", name);
        assert!(!name_matches(name, &"z".repeat(ten_kb)));
    }
    assert!(name_matches(&"ß".repeat(ten_kb), &"SS".repeat(ten_kb)));
    assert!(name_matches(&"STRASSE".repeat(1_000), "straße"));
    assert!(name_matches(&"Σ".repeat(ten_kb), &"ς".repeat(ten_kb)));
    assert!(name_matches(&"İ".repeat(ten_kb), &"i".repeat(ten_kb)));
    assert!(!name_matches("", &"a".repeat(ten_kb)));

    let policy = Policy::standard();
    let accounts: Vec<Account> = names
        .iter()
        .enumerate()
        .map(|(index, name)| {
            Account::new(
                format!("c{index}"),
                name,
                "eu",
                BillingType::Term,
                CreatedBy::Partner,
            )
            .with_relationship("acme", RelationshipState::Linked)
        })
        .collect();
    let all = CustomerQuery::for_partner(&acme_user());
    assert_eq!(
        customer_list(&accounts, &all, t0(), &policy).len(),
        names.len()
    );
    let blank = all.clone().search("   ");
    assert_eq!(
        customer_list(&accounts, &blank, t0(), &policy).len(),
        names.len()
    );
    let nobody = all.clone().search("z".repeat(ten_kb));
    assert!(customer_list(&accounts, &nobody, t0(), &policy).is_empty());
    let crabs = all.clone().search("🦀".repeat(ten_kb));
    let rows = customer_list(&accounts, &crabs, t0(), &policy);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].customer.as_str(), "c4");
    let sharp = all.search("ss".repeat(ten_kb));
    let rows = customer_list(&accounts, &sharp, t0(), &policy);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].customer.as_str(), "c1");
}
