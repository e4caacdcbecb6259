//! `innspill report`: the batch report from the store — tag what is not tagged yet, then
//! let `innspill-report` aggregate and write `index.html`, one page per respondent,
//! `innspill.xlsx` and `tables/` to the output folder (and the tables to the store).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use innspill_model::{Document, DocumentTags, ReviewSet, Store};
use innspill_norsk::Analyzer;
use innspill_report::{ReportSources, ThemeInfo, Written, aggregate_and_write};
use innspill_themes::{Codebook, Tagger};

use crate::cli::Globals;

/// Arguments of `innspill report`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Write the report to this folder (created if missing; files of an earlier report
    /// there are replaced).
    #[arg(long, value_name = "DIR", default_value = "reports/latest")]
    out: PathBuf,

    /// Tag documents that have no tags yet (or stale ones) with this codebook (TOML)
    /// instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    codebook: Option<PathBuf>,

    /// The report's title. By default, «Innspill til KS' debatthefte» and the year.
    #[arg(long)]
    title: Option<String>,
}

/// What [`report_from_store`] did, for the summary line.
#[derive(Debug)]
pub(crate) struct Outcome {
    /// Documents in the report.
    pub(crate) documents: usize,
    /// Documents tagged now because they had no (current) tags.
    pub(crate) tagged: usize,
    /// Inputs that ingest could not read.
    pub(crate) failed: usize,
    /// The files written.
    pub(crate) written: Written,
}

/// Options of [`report_from_store`].
#[derive(Debug, Default)]
pub(crate) struct Options<'a> {
    /// Codebook file; the built-in codebook when `None`.
    pub(crate) codebook: Option<&'a Path>,
    /// Title; the default when `None`.
    pub(crate) title: Option<&'a str>,
}

/// The themes of a codebook as the tables need them.
pub(crate) fn theme_infos(codebook: &Codebook) -> Vec<ThemeInfo> {
    codebook
        .themes()
        .iter()
        .map(|t| ThemeInfo {
            id: t.id.clone(),
            label: t.label.clone(),
            subs: t
                .subs
                .iter()
                .map(|s| (s.id.clone(), s.label.clone()))
                .collect(),
        })
        .collect()
}

/// The tagger's tags of every document: read from the store where they are current (same sha256 and
/// codebook), otherwise tagged now and written back. Returns the tags and how many were
/// tagged now.
pub(crate) fn tags_for(
    store: &Store,
    documents: &[Document],
    tagger: &Tagger,
) -> anyhow::Result<(Vec<DocumentTags>, usize)> {
    let codebook = tagger.codebook().id();
    let mut out = Vec::with_capacity(documents.len());
    let mut tagged = 0;
    for doc in documents {
        let stored = store
            .read_tags(&doc.id)
            .with_context(|| format!("cannot read the tags of {}", doc.id))?;
        match stored {
            Some(t) if t.sha256 == doc.source.sha256 && t.codebook == codebook => out.push(t),
            _ => {
                let t = tagger.tag_document(doc);
                store
                    .write_tags(&t)
                    .with_context(|| format!("cannot write the tags of {}", doc.id))?;
                tagged += 1;
                out.push(t);
            }
        }
    }
    Ok((out, tagged))
}

/// The codebook of `path`, or the built-in one.
pub(crate) fn load_codebook(path: Option<&Path>, analyzer: &Analyzer) -> anyhow::Result<Codebook> {
    Ok(match path {
        Some(path) => Codebook::from_path(path, analyzer)?,
        None => Codebook::embedded(analyzer),
    })
}

/// Tag every document of the store that has no current tags (none, or written for other
/// bytes or another codebook) and write them to `STORE/tags/`. Returns how many were
/// tagged now; `innspill run` calls this before indexing, so the index has theme facets.
pub(crate) fn tag_store(store: &Store, codebook: Option<&Path>) -> anyhow::Result<usize> {
    let documents = store
        .read_documents()
        .with_context(|| format!("cannot read the documents of {}", store.root().display()))?;
    let analyzer = Analyzer::default();
    let tagger = Tagger::new(load_codebook(codebook, &analyzer)?, analyzer);
    let (_, tagged) = tags_for(store, &documents, &tagger)?;
    Ok(tagged)
}

/// The whole report from a store: read documents, register and ingest report, tag what is
/// not tagged, apply the reviews (`reviews.jsonl`), aggregate (tables also saved to `STORE/tables/`) and write the report to
/// `out`. `innspill run` calls this after ingest and index.
pub(crate) fn report_from_store(
    store: &Store,
    out: &Path,
    opt: &Options<'_>,
) -> anyhow::Result<Outcome> {
    let documents = store
        .read_documents()
        .with_context(|| format!("cannot read the documents of {}", store.root().display()))?;
    if documents.is_empty() {
        anyhow::bail!(
            "no documents in {} (run `innspill ingest INPUT…` first)",
            store.docs_dir().display()
        );
    }
    let register = crate::cmd::register::of_store(store)?;
    let ingest = store
        .read_ingest_report()
        .context("cannot read the ingest report")?;

    let analyzer = Analyzer::default();
    let codebook = load_codebook(opt.codebook, &analyzer)?;
    let themes = theme_infos(&codebook);
    let tagger = Tagger::new(codebook, analyzer);
    let (tags, tagged) = tags_for(store, &documents, &tagger)?;

    // Every count is made from effective tags: the tagger's with the reviews applied.
    let reviews = ReviewSet::read(store)
        .with_context(|| format!("cannot read {}", store.reviews_path().display()))?;
    let theme_ids: Vec<&str> = themes.iter().map(|t| t.id.as_str()).collect();
    let effective = reviews.apply_all(&documents, &tags, &theme_ids);
    if !effective.summary.orphans.is_empty() {
        tracing::warn!(
            "{} reviews no longer apply (their paragraph changed or is gone); the report lists them",
            effective.summary.orphans.len()
        );
    }

    // Tables (also kept in the store's tables/) and the report, by innspill-report.
    let analyzer = Analyzer::default();
    let tables_dir = store.tables_dir();
    let mut sources =
        ReportSources::new(&documents, &effective.tags, &register, &themes, &analyzer);
    sources.reviews = Some(&effective.summary);
    sources.ingest = ingest.as_ref();
    sources.title = opt.title;
    sources.tables_dir = Some(&tables_dir);
    let written = aggregate_and_write(&sources, out)
        .with_context(|| format!("cannot write the report to {}", out.display()))?;
    let failed = ingest.as_ref().map_or(0, |r| {
        r.inputs
            .iter()
            .filter(|e| e.outcome == innspill_model::IngestOutcome::Failed)
            .count()
    });
    Ok(Outcome {
        documents: documents.len(),
        tagged,
        failed,
        written,
    })
}

pub(crate) fn run(args: Args, g: &Globals) -> anyhow::Result<ExitCode> {
    let store = g.store();
    let outcome = report_from_store(
        &store,
        &args.out,
        &Options {
            codebook: args.codebook.as_deref(),
            title: args.title.as_deref(),
        },
    )?;
    if !g.quiet {
        eprintln!(
            "report: {} documents ({} tagged now), {} inputs failed; open {}",
            outcome.documents,
            outcome.tagged,
            outcome.failed,
            outcome.written.index.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
