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
use clap::Parser;

/// Write the generated sample world of innspill: fictional municipalities and counties,
/// their register, their statements (PDF, DOCX, HTML, text) and the ground truth.
///
/// Writes register.csv, manifest.csv, truth.json and dokumenter/ into the folder given.
/// The same options give byte-identical files. Exit status: 0 success, 2 error.
#[derive(Debug, Parser)]
#[command(name = "innspill-sample", version)]
struct Cli {
    /// The folder to write into (register.csv, manifest.csv, truth.json, dokumenter/).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,

    /// The seed of everything. 2026 gives the committed corpus.
    #[arg(long, value_name = "N", default_value_t = 2026)]
    seed: u64,

    /// Multiply counties and municipalities by K (1 to 10).
    #[arg(long, value_name = "K", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=10))]
    scale: u32,

    /// Write statements for Y years from 2026 (1 to 50). Those of 2027 answer a fictional
    /// booklet, written as reference/ks-2027-veivalg-for-fellesskapet.txt, with the
    /// planted year-over-year changes in truth.json; later years quote the 2026 booklet
    /// under their own year.
    #[arg(long, value_name = "Y", default_value_t = 1,
          value_parser = clap::value_parser!(u16).range(1..=50))]
    years: u16,

    /// Write into a folder that already has a generated world (its dokumenter/ is
    /// replaced).
    #[arg(long)]
    force: bool,
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let Cli {
        out,
        seed,
        scale,
        years,
        force,
    } = cli;
    let config = innspill_sample::Config { seed, scale, years };
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
    match run(Cli::parse()) {
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
