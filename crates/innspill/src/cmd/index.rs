//! `innspill index`: build or update the search index of the store.

use std::process::ExitCode;

use anyhow::Context;
use indicatif::ProgressBar;
use innspill_index::{Change, Progress, SearchIndex, UpdateOptions};

use crate::cli::{self, Globals};

/// Arguments of `innspill index`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Index every document anew, even those that did not change.
    #[arg(long)]
    rebuild: bool,

    /// Print what was done as one JSON object (added, replaced, removed, unchanged,
    /// documents, paragraphs, commits).
    #[arg(long)]
    json: bool,
}

/// A progress bar over the documents an update touches.
pub(crate) struct Bar(Option<ProgressBar>);

impl Bar {
    /// A bar when progress is shown (see [`Globals::show_progress`]), else nothing.
    pub(crate) fn new(g: &Globals) -> Bar {
        Bar(g.progress_bar("indexing {bar:30} {pos}/{len} {msg}"))
    }

    /// Clear the bar.
    pub(crate) fn finish(self) {
        if let Some(bar) = self.0 {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Bar {
    fn planned(&mut self, changes: usize) {
        if let Some(bar) = &self.0 {
            bar.set_length(changes as u64);
        }
    }

    fn document(&mut self, id: &str, _change: Change) {
        if let Some(bar) = &self.0 {
            bar.set_message(id.to_string());
            bar.inc(1);
        }
    }
}

pub(crate) fn run(args: Args, g: &Globals) -> anyhow::Result<ExitCode> {
    let store = g.store();
    let dir = store.index_dir();
    if !store.docs_dir().is_dir() {
        anyhow::bail!(
            "no documents in {} (run `innspill ingest` first)",
            store.docs_dir().display()
        );
    }
    let index = SearchIndex::open_or_create(&dir)
        .with_context(|| format!("could not open the index in {}", dir.display()))?
        .with_options(UpdateOptions::default().rebuild(args.rebuild));
    let mut progress = Bar::new(g);
    let report = index
        .update_from_store(&store, &mut progress)
        .with_context(|| format!("could not update the index in {}", dir.display()))?;
    progress.finish();
    if args.json {
        let mut out = cli::stdout();
        cli::write_json_line(&mut out, &report)?;
        std::io::Write::flush(&mut out)?;
    }
    if !g.quiet {
        eprintln!(
            "index: {} added, {} replaced, {} removed, {} unchanged{}; {} paragraphs of {} documents in {}",
            report.added.len(),
            report.replaced.len(),
            report.removed.len(),
            report.unchanged,
            if report.rebuilt { " (rebuilt)" } else { "" },
            report.paragraphs,
            report.documents,
            dir.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
