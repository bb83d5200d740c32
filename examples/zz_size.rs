fn main() {
    use channel_licensing::*;
    println!("Error {}", std::mem::size_of::<Error>());
    println!("Refusal {}", std::mem::size_of::<Refusal>());
    println!(
        "Decision<AccountEvent> {}",
        std::mem::size_of::<Decision<AccountEvent>>()
    );
    println!(
        "Result<Decision,Error> {}",
        std::mem::size_of::<Result<Decision<AccountEvent>, Error>>()
    );
    println!(
        "Result<(),Error> {}",
        std::mem::size_of::<Result<(), Error>>()
    );
    println!("AccountEvent {}", std::mem::size_of::<AccountEvent>());
    println!("AccountChange {}", std::mem::size_of::<AccountChange>());
    println!("Effect {}", std::mem::size_of::<Effect>());
}
