//! `innspill ingest`: input files to documents in the store, and a report on every input.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use indicatif::ProgressBar;
use innspill_ingest::{Ingested, Ingester, Reporter};
use innspill_model::{IngestOutcome, Store};

use crate::cli::{self, Globals};

/// Arguments of `innspill ingest`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Files and folders to read (folders are walked recursively for .pdf, .docx, .html,
    /// .htm and .txt; a manifest.csv with file,kommunenummer,year gives respondents).
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,

    /// Reference texts whose quotes become `booklet` segments (the KS booklet, regional
    /// drafts). By default, every .txt file of corpus/reference/ when that folder exists.
    #[arg(long = "reference", value_name = "FILE")]
    references: Vec<PathBuf>,

    /// Use no reference texts at all.
    #[arg(long, conflicts_with = "references")]
    no_reference: bool,

    /// Inputs larger than this many bytes fail with a reason.
    #[arg(long, value_name = "BYTES", default_value_t = 100 << 20)]
    max_file_size: u64,

    /// Print the report, one JSON object per input, on stdout.
    #[arg(long)]
    json: bool,
}

/// Progress on stderr.
pub(crate) struct Bar(Option<ProgressBar>);

impl Bar {
    /// A bar when progress is shown (see [`Globals::show_progress`]), else nothing.
    pub(crate) fn new(g: &Globals) -> Bar {
        Bar(g.progress_bar("ingest {bar:30} {pos}/{len} {wide_msg}"))
    }
}

impl Reporter for Bar {
    fn start(&self, total: usize) {
        if let Some(bar) = &self.0 {
            bar.set_length(total as u64);
        }
    }

    fn done(&self, path: &str, _outcome: IngestOutcome) {
        if let Some(bar) = &self.0 {
            bar.set_message(path.to_string());
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

pub(crate) fn run(args: Args, g: &Globals) -> anyhow::Result<ExitCode> {
    let store = g.store();
    let mut builder = Ingester::builder().max_file_size(args.max_file_size);
    if !args.no_reference {
        if args.references.is_empty() {
            builder = builder
                .reference_dir(std::path::Path::new("corpus/reference"))
                .context("could not read the reference texts in corpus/reference")?;
        } else {
            for path in &args.references {
                builder = builder.reference_file(path).with_context(|| {
                    format!("could not read the reference text {}", path.display())
                })?;
            }
        }
    }
    match store
        .read_register()
        .context("could not read the register of the store")?
    {
        Some(register) => builder = builder.register(register),
        None => tracing::warn!(
            "no register in {} (run `innspill register import`): respondents are kept by name only",
            store.root().display()
        ),
    }
    let ingester = builder.build();
    let ingested = ingester
        .ingest_into(&args.inputs, &store, &Bar::new(g))
        .with_context(|| format!("could not ingest into {}", store.root().display()))?;
    if args.json {
        let mut out = cli::stdout();
        for e in &ingested.report.inputs {
            cli::write_json_line(&mut out, e)?;
        }
        std::io::Write::flush(&mut out)?;
    }
    if !g.quiet {
        print_summary(&ingested, &store);
    }
    Ok(ExitCode::SUCCESS)
}

/// The failed inputs, one a line, and a summary line counting each outcome, on stderr.
pub(crate) fn print_summary(ingested: &Ingested, store: &Store) {
    for e in &ingested.report.inputs {
        if let Some(reason) = &e.reason {
            eprintln!("failed: {}: {reason}", e.path);
        }
    }
    let (ok, warned, failed) = ingested.counts();
    let unknown = ingested
        .documents
        .iter()
        .filter(|d| d.respondent.kommunenummer.is_none())
        .count();
    eprintln!(
        "ingest: {} inputs: {ok} ok, {warned} ok with warnings, {failed} failed; {} documents \
         ({unknown} with unknown respondent) in {}; report in {}{}",
        ingested.report.inputs.len(),
        ingested.documents.len(),
        store.docs_dir().display(),
        store.ingest_report_path().display(),
        if ingested.skipped.is_empty() {
            String::new()
        } else {
            format!("; {} other files skipped", ingested.skipped.len())
        }
    );
}
