use std::hint::black_box;
#[path = "../benches/fixtures/account.rs"]
#[allow(dead_code)]
mod fixtures;
fn main() {
    let policy = channel_licensing::Policy::standard();
    let accounts = fixtures::accounts(1_000_000, 1, fixtures::at("2026-01-01T00:00:00Z"));
    let mut rs = vec![];
    let (mut ta, mut tb) = (vec![], vec![]);
    for r in 0..41 {
        let t = std::time::Instant::now();
        if r % 2 == 0 {
            black_box(fixtures::sweep(&accounts, &policy));
        } else {
            black_box(fixtures::read_loop(black_box(&accounts)));
        }
        let a = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        if r % 2 == 1 {
            black_box(fixtures::sweep(&accounts, &policy));
        } else {
            black_box(fixtures::read_loop(black_box(&accounts)));
        }
        let b = t.elapsed().as_secs_f64();
        let (c, base) = if r % 2 == 0 { (a, b) } else { (b, a) };
        rs.push(c / base);
        ta.push(c);
        tb.push(base);
    }
    for v in [&mut rs, &mut ta, &mut tb] {
        v.sort_by(f64::total_cmp);
    }
    println!(
        "ratio median {:.2} (min {:.2} max {:.2}); crate {:.1} ms base {:.1} ms",
        rs[20],
        rs[0],
        rs[40],
        ta[20] * 1e3,
        tb[20] * 1e3
    );
}
