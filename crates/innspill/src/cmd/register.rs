//! `innspill register`: the store's municipality register. A new store has the built-in
//! one (the municipalities and county authorities of 1 January 2026, SSB and
//! Kartverket); `import` replaces it with SSB files, `show` says which one the store has.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use innspill_ingest::RegisterImport;
use innspill_model::{Register, RespondentKind, Store};

use crate::cli::{self, Globals};

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
    /// Show the store's register: where it came from, the date it describes and what it
    /// holds (the built-in one when none was imported).
    Show {
        /// One JSON object on stdout instead of lines of text.
        #[arg(long)]
        json: bool,
        /// Also list every entry (number, name, county, population, size class).
        #[arg(long)]
        entries: bool,
    },
}

/// The store's register, or the built-in one when the store has none.
pub(crate) fn of_store(store: &Store) -> anyhow::Result<Register> {
    let register = store.read_register().with_context(|| {
        format!(
            "could not read the register {}",
            store.register_path().display()
        )
    })?;
    Ok(register.unwrap_or_else(|| {
        tracing::debug!(
            "no register in {}: the built-in one (1 January 2026) is used",
            store.root().display()
        );
        innspill_ingest::builtin_register()
    }))
}

pub(crate) fn run(args: Args, g: &Globals) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Import { files } => import(&files, g),
        Command::Show { json, entries } => show(json, entries, g),
    }
}

fn import(files: &[PathBuf], g: &Globals) -> anyhow::Result<ExitCode> {
    let mut import = RegisterImport::new();
    for f in files {
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
        eprintln!(
            "register: {} written to {}",
            summary(&register),
            store.register_path().display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `357 municipalities, 14 county authorities, population 2026`.
fn summary(register: &Register) -> String {
    let (kommuner, fylker, without) = counts(register);
    let years: std::collections::BTreeSet<u16> = register
        .entries
        .iter()
        .filter_map(|e| e.population_year)
        .collect();
    format!(
        "{kommuner} municipalities, {fylker} county authorities{}{}",
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
    )
}

/// Municipalities, county authorities, municipalities without population.
fn counts(register: &Register) -> (usize, usize, usize) {
    let count = |k| register.entries.iter().filter(|e| e.kind == k).count();
    let without = register
        .entries
        .iter()
        .filter(|e| e.kind == RespondentKind::Kommune && e.population.is_none())
        .count();
    (
        count(RespondentKind::Kommune),
        count(RespondentKind::Fylkeskommune),
        without,
    )
}

fn show(json: bool, entries: bool, g: &Globals) -> anyhow::Result<ExitCode> {
    let store = g.store();
    let register = of_store(&store)?;
    let (kommuner, fylker, without) = counts(&register);
    let source = register.source.as_ref();
    let mut out = cli::stdout();
    if json {
        let mut value = serde_json::json!({
            "builtin": source.is_some_and(|s| s.builtin),
            "source": source.map(|s| s.name.as_str()),
            "as_of": source.and_then(|s| s.as_of.as_deref()),
            "municipalities": kommuner,
            "county_authorities": fylker,
            "without_population": without,
        });
        if entries {
            value["entries"] = serde_json::to_value(&register.entries)?;
        }
        cli::write_json_line(&mut out, &value)?;
    } else {
        let origin = match source {
            Some(s) if s.builtin => "built in (no register imported into this store)",
            Some(_) => "imported",
            None => "imported (source not recorded)",
        };
        writeln!(out, "register: {origin}")?;
        if let Some(s) = source {
            writeln!(out, "source: {}", s.name)?;
            if let Some(d) = &s.as_of {
                writeln!(out, "as of: {d}")?;
            }
        }
        writeln!(out, "holds: {}", summary(&register))?;
        if entries {
            for e in &register.entries {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    e.kommunenummer,
                    e.name,
                    e.fylke,
                    e.population.map_or_else(String::new, |p| p.to_string()),
                    register.size_class(e).map_or("", |c| c.as_str()),
                )?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
