//! `innspill-sample`: write the generated sample world (fictional municipalities, their
//! register, statements and ground truth) into a folder.
//!
//! ```text
//! innspill-sample --out corpus/sample                  # the committed world (seed 2026)
//! innspill-sample --out /tmp/scale10 --scale 10        # 10× the municipalities
//! innspill-sample --out /tmp/scale100 --scale 10 --years 10
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};

const HELP: &str = "\
innspill-sample: write the generated sample world of innspill

USAGE:
    innspill-sample --out DIR [--seed N] [--scale K] [--years Y] [--force]

OPTIONS:
    --out DIR     folder to write into (register.csv, manifest.csv, truth.json, dokumenter/)
    --seed N      seed of everything [default: 2026, the committed corpus]
    --scale K     multiply counties and municipalities by K, 1-10 [default: 1]
    --years Y     write statements for Y years from 2026 [default: 1]
    --force       write into a folder that already has files
    -h, --help    print this help
";

fn run() -> anyhow::Result<()> {
    let mut out: Option<PathBuf> = None;
    let mut config = innspill_sample::Config::default();
    let mut force = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().with_context(|| format!("{name} needs a value"));
        match a.as_str() {
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--seed" => {
                config.seed = value("--seed")?
                    .parse()
                    .context("--seed: expected a whole number")?
            }
            "--scale" => {
                config.scale = value("--scale")?
                    .parse()
                    .context("--scale: expected 1 to 10")?
            }
            "--years" => {
                config.years = value("--years")?
                    .parse()
                    .context("--years: expected 1 to 50")?
            }
            "--force" => force = true,
            "-h" | "--help" => {
                print!("{HELP}");
                return Ok(());
            }
            other => bail!("unknown argument {other:?} (see --help)"),
        }
    }
    let Some(out) = out else {
        bail!("--out DIR is required (see --help)")
    };
    if !force && out.join("dokumenter").exists() {
        bail!(
            "{} already has a generated world; pass --force to overwrite it",
            out.display()
        );
    }
    if force && out.join("dokumenter").exists() {
        std::fs::remove_dir_all(out.join("dokumenter"))
            .with_context(|| format!("cannot clear {}", out.display()))?;
    }
    let sample = innspill_sample::generate(&config)?;
    innspill_sample::write_to(&sample, &out)?;
    let bytes: usize = sample.files.iter().map(|f| f.bytes.len()).sum();
    let c = &sample.truth.counts;
    eprintln!(
        "wrote {} files ({:.1} MB) to {}: {} municipalities, {} counties, {} documents ({} broken), {} respondents, {} in Nynorsk",
        sample.files.len(),
        bytes as f64 / 1e6,
        out.display(),
        c.municipalities,
        c.counties,
        c.files,
        c.broken,
        c.respondents,
        c.nynorsk
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}
