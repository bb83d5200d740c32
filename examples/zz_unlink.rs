use std::hint::black_box;
#[path = "../benches/fixtures/account.rs"]
#[allow(dead_code)]
mod fixtures;
fn main() {
    for days in [70, 10] {
        let case = fixtures::UnlinkCase::new(days);
        let ctx = channel_licensing::Context::new(case.now, &case.actor, &case.policy);
        let n = 200_000;
        let mut rs = vec![];
        let (mut ta, mut tb) = (vec![], vec![]);
        for r in 0..101 {
            let mut crate_run = || {
                let t = std::time::Instant::now();
                for _ in 0..n {
                    let _ = black_box(case.decide(&ctx));
                }
                t.elapsed().as_secs_f64()
            };
            let mut base_run = || {
                let t = std::time::Instant::now();
                for _ in 0..n {
                    let _ = black_box(case.baseline());
                }
                t.elapsed().as_secs_f64()
            };
            let (c, b) = if r % 2 == 0 {
                let c = crate_run();
                (c, base_run())
            } else {
                let b = base_run();
                (crate_run(), b)
            };
            rs.push(c / b);
            ta.push(c);
            tb.push(b);
        }
        for v in [&mut rs, &mut ta, &mut tb] {
            v.sort_by(f64::total_cmp);
        }
        println!(
            "{days}: ratio median {:.2} (q1 {:.2} q3 {:.2}); crate {:.1} ns base {:.1} ns",
            rs[50],
            rs[25],
            rs[75],
            ta[50] * 1e9 / n as f64,
            tb[50] * 1e9 / n as f64
        );
    }
}
