//! `innspill review`: the analyst's corrections of theme tags from the terminal (the web
//! workbench, `innspill serve`, writes the same file): accept, reject or add a tag on a
//! paragraph, note something, and see what the reviews amount to.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, bail};
use innspill_model::{Document, Review, ReviewAction, ReviewSet, Store};
use innspill_norsk::Analyzer;
use innspill_themes::{Codebook, Tagger};

use crate::cli::{Globals, stdout, write_json_line};
use crate::cmd::report::{load_codebook, tags_for, theme_infos};

/// Arguments of `innspill review`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// The tag is right (added when the tagger did not give it).
    Accept(TagArgs),
    /// The tag is wrong; without SUB the whole theme is wrong for the paragraph.
    Reject(TagArgs),
    /// The paragraph has this theme (or sub-theme) although the tagger missed it.
    Add(TagArgs),
    /// A note on a paragraph; tags stay as they are.
    Note(NoteArgs),
    /// How many paragraphs are reviewed, agreement between tagger and reviewers (Cohen's
    /// κ per theme) and the reviews that no longer apply.
    Status(StatusArgs),
}

#[derive(Debug, clap::Args)]
struct Target {
    /// The document id (`1856-2026-9f2c1a`, as `innspill search` cites it).
    doc_id: String,
    /// The paragraph number in the document.
    paragraph: u32,
}

#[derive(Debug, clap::Args)]
struct TagArgs {
    #[command(flatten)]
    target: Target,
    /// The theme id (`workforce`).
    theme: String,
    /// The sub-theme id (`recruitment`).
    sub: Option<String>,
    /// Who reviews. By default, $USER.
    #[arg(long)]
    reviewer: Option<String>,
    /// A note to go with it.
    #[arg(long)]
    note: Option<String>,
    /// The codebook whose themes are valid (TOML). By default, the built-in one.
    #[arg(long, value_name = "FILE")]
    codebook: Option<std::path::PathBuf>,
}

#[derive(Debug, clap::Args)]
struct NoteArgs {
    #[command(flatten)]
    target: Target,
    /// The note.
    note: String,
    /// Who reviews. By default, $USER.
    #[arg(long)]
    reviewer: Option<String>,
}

#[derive(Debug, clap::Args)]
struct StatusArgs {
    /// One JSON object: counts, agreement per theme, orphaned reviews.
    #[arg(long)]
    json: bool,
    /// The codebook (TOML) for tagging what is untagged. By default, the built-in one.
    #[arg(long, value_name = "FILE")]
    codebook: Option<std::path::PathBuf>,
}

/// The reviewer's name: the one given, else $USER, else «analytiker».
fn reviewer(given: Option<String>) -> String {
    given
        .or_else(|| std::env::var("USER").ok())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "analytiker".to_string())
}

fn document(store: &Store, id: &str) -> anyhow::Result<Document> {
    let path = store.docs_dir().join(format!("{id}.json"));
    if !path.is_file() {
        bail!(
            "no document {id:?} in {} (ids are cited by `innspill search`)",
            store.docs_dir().display()
        );
    }
    let bytes = fs_err::read(&path)?;
    serde_json::from_slice(&bytes).with_context(|| format!("{}: invalid JSON", path.display()))
}

/// Check `theme` (and `sub`) against the codebook's ids, naming the valid ones.
fn check_theme(codebook: &Codebook, theme: &str, sub: Option<&str>) -> anyhow::Result<()> {
    let Some(t) = codebook.themes().iter().find(|t| t.id == theme) else {
        let ids: Vec<&str> = codebook.themes().iter().map(|t| t.id.as_str()).collect();
        bail!(
            "unknown theme {theme:?} (expected one of: {})",
            ids.join(", ")
        );
    };
    if let Some(sub) = sub
        && !t.subs.iter().any(|s| s.id == sub)
    {
        let ids: Vec<&str> = t.subs.iter().map(|s| s.id.as_str()).collect();
        bail!(
            "unknown sub-theme {sub:?} of {theme} (expected one of: {})",
            ids.join(", ")
        );
    }
    Ok(())
}

fn append(store: &Store, doc: &Document, review: Review, g: &Globals) -> anyhow::Result<()> {
    store.append_review(&review).with_context(|| {
        format!(
            "cannot write the review to {}",
            store.reviews_path().display()
        )
    })?;
    if !g.quiet {
        eprintln!(
            "review: {} {} paragraph {}{} ({}); run `innspill report` or `innspill run` to count it",
            review.action.as_str(),
            doc.id,
            review.paragraph,
            review
                .theme
                .as_deref()
                .map(|t| format!(
                    " {t}{}",
                    review
                        .sub
                        .as_deref()
                        .map(|s| format!("/{s}"))
                        .unwrap_or_default()
                ))
                .unwrap_or_default(),
            review.reviewer
        );
    }
    Ok(())
}

fn tag(action: ReviewAction, a: TagArgs, g: &Globals) -> anyhow::Result<ExitCode> {
    let store = g.store();
    let codebook = load_codebook(a.codebook.as_deref(), &Analyzer::default())?;
    check_theme(&codebook, &a.theme, a.sub.as_deref())?;
    let doc = document(&store, &a.target.doc_id)?;
    let Some(mut review) = Review::of(
        &doc,
        a.target.paragraph,
        &reviewer(a.reviewer),
        action,
        Some(&a.theme),
        a.sub.as_deref(),
    ) else {
        bail!(
            "document {} has no paragraph {}",
            doc.id,
            a.target.paragraph
        );
    };
    review.note = a.note;
    append(&store, &doc, review, g)?;
    Ok(ExitCode::SUCCESS)
}

fn note(a: NoteArgs, g: &Globals) -> anyhow::Result<ExitCode> {
    let store = g.store();
    let doc = document(&store, &a.target.doc_id)?;
    let Some(review) = Review::of(
        &doc,
        a.target.paragraph,
        &reviewer(a.reviewer),
        ReviewAction::Note,
        None,
        None,
    ) else {
        bail!(
            "document {} has no paragraph {}",
            doc.id,
            a.target.paragraph
        );
    };
    append(&store, &doc, review.with_note(a.note), g)?;
    Ok(ExitCode::SUCCESS)
}

fn status(a: StatusArgs, g: &Globals) -> anyhow::Result<ExitCode> {
    let store = g.store();
    let documents = store
        .read_documents()
        .with_context(|| format!("cannot read the documents of {}", store.root().display()))?;
    let analyzer = Analyzer::default();
    let codebook = load_codebook(a.codebook.as_deref(), &analyzer)?;
    let themes = theme_infos(&codebook);
    let tagger = Tagger::new(codebook, analyzer);
    let (tags, _) = tags_for(&store, &documents, &tagger)?;
    let reviews = ReviewSet::read(&store)
        .with_context(|| format!("cannot read {}", store.reviews_path().display()))?;
    let ids: Vec<&str> = themes.iter().map(|t| t.id.as_str()).collect();
    let s = reviews.apply_all(&documents, &tags, &ids).summary;
    let mut out = stdout();
    if a.json {
        write_json_line(&mut out, &s)?;
    } else {
        writeln!(
            out,
            "{} reviews by {} on {} paragraphs; {} no longer apply",
            s.reviews,
            if s.reviewers.is_empty() {
                "nobody".to_string()
            } else {
                s.reviewers.join(", ")
            },
            s.paragraphs,
            s.orphans.len()
        )?;
        for ag in &s.agreement {
            writeln!(
                out,
                "{:<14} paragraphs {:>4}  both {:>4}  tagger only {:>4}  reviewers only {:>4}  kappa {}",
                ag.theme,
                ag.total(),
                ag.both,
                ag.tagger_only,
                ag.reviewer_only,
                ag.kappa.map_or("-".to_string(), |k| format!("{k:.2}"))
            )?;
        }
        for o in &s.orphans {
            let r = &o.review;
            writeln!(
                out,
                "orphaned: {} paragraph {} {} {}{} ({}, {}): {:?}",
                r.doc_id,
                r.paragraph,
                r.action.as_str(),
                r.theme.as_deref().unwrap_or(""),
                r.sub
                    .as_deref()
                    .map(|s| format!("/{s}"))
                    .unwrap_or_default(),
                r.reviewer,
                r.time,
                o.reason
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn run(args: Args, g: &Globals) -> anyhow::Result<ExitCode> {
    match args.what {
        What::Accept(a) => tag(ReviewAction::Accept, a, g),
        What::Reject(a) => tag(ReviewAction::Reject, a, g),
        What::Add(a) => tag(ReviewAction::Add, a, g),
        What::Note(a) => note(a, g),
        What::Status(a) => status(a, g),
    }
}
