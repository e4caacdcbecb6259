//! Evaluation gates that need `../shared/data` (run by `.ci/run`).

use std::path::{Path, PathBuf};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/municipalities")
}

/// Lower-cased first name forms of a CSV's `navn` column.
fn names(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(data().join(file)).expect("../shared/data is missing");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "navn").unwrap();
    lines
        .map(|l| {
            l.split(',')
                .nth(col)
                .unwrap()
                .split(" - ")
                .next()
                .unwrap()
                .trim()
                .to_lowercase()
        })
        .collect()
}

fn numbers(file: &str, column: &str) -> Vec<String> {
    let text = std::fs::read_to_string(data().join(file)).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == column).unwrap();
    lines
        .map(|l| l.split(',').nth(col).unwrap().to_string())
        .collect()
}

#[test]
#[ignore = "evaluation gate: needs ../shared/data; run by .ci/run"]
fn no_generated_name_or_number_is_a_real_one() {
    let mut real = names("kommuner.csv");
    real.extend(names("fylker.csv"));
    let real_numbers = numbers("kommuner.csv", "kommunenummer");
    let real_counties = numbers("fylker.csv", "fylkesnummer");
    for scale in [1, 10] {
        let world = innspill_sample::generate(&innspill_sample::Config {
            scale,
            ..Default::default()
        })
        .unwrap();
        let register = world
            .files
            .iter()
            .find(|f| f.path == "register.csv")
            .unwrap();
        let text = String::from_utf8(register.bytes.clone()).unwrap();
        let mut clashes = Vec::new();
        let mut rows = 0;
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split(',').collect();
            rows += 1;
            if real.contains(&cols[1].to_lowercase()) || real.contains(&cols[3].to_lowercase()) {
                clashes.push(format!("{} {} ({})", cols[0], cols[1], cols[3]));
            }
            if real_numbers.contains(&cols[0].to_string())
                || real_counties.contains(&cols[2].to_string())
            {
                clashes.push(format!("number {} / county {}", cols[0], cols[2]));
            }
        }
        println!(
            "scale {scale}: {rows} register rows checked against {} real names, {} clashes",
            real.len(),
            clashes.len()
        );
        assert!(
            clashes.is_empty(),
            "real names or numbers in the sample world: {clashes:?}"
        );
    }
}

#[test]
#[ignore = "evaluation gate: needs ../shared/data; run by .ci/run"]
fn population_spread_matches_the_real_register() {
    let text = std::fs::read_to_string(data().join("kommuner.csv")).unwrap();
    let mut real: Vec<u64> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(4).unwrap().parse().unwrap())
        .collect();
    real.sort_unstable();
    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/sample/register.csv"),
    )
    .unwrap();
    let mut ours: Vec<u64> = sample
        .lines()
        .skip(1)
        .filter(|l| l.split(',').next().unwrap().len() == 4)
        .map(|l| l.split(',').nth(4).unwrap().parse().unwrap())
        .collect();
    ours.sort_unstable();
    let share = |v: &[u64], lo: u64, hi: u64| {
        v.iter().filter(|&&p| p >= lo && p < hi).count() as f64 / v.len() as f64
    };
    for (lo, hi, label) in [
        (0, 5_000, "under 5 000"),
        (5_000, 20_000, "5 000–19 999"),
        (20_000, u64::MAX, "20 000+"),
    ] {
        let (a, b) = (share(&real, lo, hi), share(&ours, lo, hi));
        println!("{label}: real {:.3}, sample {:.3}", a, b);
        assert!((a - b).abs() < 0.04, "{label}: {a} vs {b}");
    }
    println!(
        "smallest: real {}, sample {}; median: real {}, sample {}",
        real[0],
        ours[0],
        real[real.len() / 2],
        ours[ours.len() / 2]
    );
    assert_eq!(ours[0], real[0]);
}
