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
    /// .htm, .xhtml, .txt and .text; a manifest.csv with file,kommunenummer,year gives
    /// respondents). Other files of the folders are in the report as skipped, with the
    /// reason; hidden ones (.name) are ignored.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,

    /// Reference texts whose quotes become `booklet` segments (the KS booklet, regional
    /// drafts). By default, every .txt file of corpus/reference/ when that folder exists;
    /// the booklets (built in: 2026; `innspill booklet add`) are always references
    /// unless --no-reference.
    #[arg(long = "reference", value_name = "FILE")]
    references: Vec<PathBuf>,

    /// Use no reference texts at all.
    #[arg(long, conflicts_with = "references")]
    no_reference: bool,

    /// Inputs larger than this many bytes fail with a reason.
    #[arg(long, value_name = "BYTES", default_value_t = 100 << 20)]
    max_file_size: u64,

    /// Print the report, one JSON object per file (inputs and skipped files), on stdout.
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
        for b in crate::cmd::booklet::of_store(&store)? {
            builder = builder.booklet(&b);
        }
    }
    builder = builder.register(crate::cmd::register::of_store(&store)?);
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
/// Skipped files are counted; their reasons are in the report.
pub(crate) fn print_summary(ingested: &Ingested, store: &Store) {
    for e in &ingested.report.inputs {
        if e.outcome == IngestOutcome::Failed {
            let reason = e.reason.as_deref().unwrap_or("no reason given");
            eprintln!("failed: {}: {reason}", e.path);
        }
    }
    let counts = ingested.counts();
    let (ok, warned, failed) = (counts.ok, counts.ok_with_warnings, counts.failed);
    let unknown = ingested
        .documents
        .iter()
        .filter(|d| d.respondent.kommunenummer.is_none())
        .count();
    eprintln!(
        "ingest: {} inputs: {ok} ok, {warned} ok with warnings, {failed} failed; {} documents \
         ({unknown} with unknown respondent) in {}; report in {}{}",
        counts.inputs(),
        ingested.documents.len(),
        store.docs_dir().display(),
        store.ingest_report_path().display(),
        match counts.skipped {
            0 => String::new(),
            n => format!("; {n} other files skipped (reasons in the report)"),
        }
    );
}
