//! `innspill register import`: load SSB files (municipalities, counties, population) into
//! the store's register.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use innspill_ingest::RegisterImport;
use innspill_model::RespondentKind;

use crate::cli::Globals;

/// Arguments of `innspill register`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Build the register from SSB files given together and write it to the store,
    /// replacing the one there: Klass 131 (municipalities) and 104 (counties) as CSV,
    /// table 07459 (population) as CSV, or one CSV with
    /// kommunenummer,navn,fylkesnummer,fylke,folketall,folketall_aar.
    Import {
        /// The files to read.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

pub(crate) fn run(args: Args, g: &Globals) -> anyhow::Result<ExitCode> {
    let Command::Import { files } = args.command;
    let mut import = RegisterImport::new();
    for f in &files {
        import
            .add_file(f)
            .with_context(|| format!("could not import {}", f.display()))?;
    }
    let register = import.finish();
    let store = g.store();
    store
        .write_register(&register)
        .with_context(|| format!("could not write {}", store.register_path().display()))?;
    if !g.quiet {
        let count = |k| register.entries.iter().filter(|e| e.kind == k).count();
        let without = register
            .entries
            .iter()
            .filter(|e| e.kind == RespondentKind::Kommune && e.population.is_none())
            .count();
        let years: std::collections::BTreeSet<u16> = register
            .entries
            .iter()
            .filter_map(|e| e.population_year)
            .collect();
        eprintln!(
            "register: {} municipalities, {} county authorities{}{} written to {}",
            count(RespondentKind::Kommune),
            count(RespondentKind::Fylkeskommune),
            match (years.first(), years.last()) {
                (Some(a), Some(b)) if a == b => format!(", population {a}"),
                (Some(a), Some(b)) => format!(", population {a}–{b}"),
                _ => String::new(),
            },
            if without > 0 {
                format!(" ({without} municipalities without population)")
            } else {
                String::new()
            },
            store.register_path().display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
