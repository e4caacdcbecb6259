//! `innspill`: read, search and report on the statements that municipal councils send in
//! answer to KS' debate booklet. See `innspill --help`.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cli;
mod cmd;

use crate::cli::Globals;

/// Read, search and report on municipal statements to KS' debate booklet, offline.
///
/// Data goes to stdout (one JSON object a line with --json); logs, progress and warnings
/// go to stderr. Exit status: 0 success, 1 nothing found (where that matters), 2 error.
#[derive(Debug, Parser)]
#[command(name = "innspill", version, propagate_version = true)]
struct Cli {
    #[command(flatten)]
    globals: Globals,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The main job: register, ingest, tag, index, aggregate and report, on the inputs
    /// given or on the embedded corpus (corpus/); says where to open the report.
    Run(cmd::run::Args),
    /// Run the whole Norwegian analyser over a text and print its tokens.
    Tokenize(cmd::tokenize::Args),
    /// Tell Bokmål (nb) from Nynorsk (nn), for the whole text and per paragraph.
    Lang(cmd::lang::Args),
    /// Tag the paragraphs of a text with themes (evidence, section context, demands); exit
    /// 1 when no paragraph has a theme. --eval scores the tagger against labels.
    Themes(cmd::themes::Args),
    /// Build or update the search index of the store (idempotent, incremental, safe to
    /// interrupt).
    Index(cmd::index::Args),
    /// Search all responses (Bokmål and Nynorsk alike), grouped by respondent, with
    /// highlighted quotes and facets; exit 1 when nothing matches.
    Search(cmd::search::Args),
    /// Read PDF, DOCX, HTML and text files into documents in the store (segments, respondent,
    /// year), with a report that accounts for every input (exit 0 even when some failed).
    Ingest(cmd::ingest::Args),
    /// KS' debate booklets: list them, or add next year's (its text and questions, kept
    /// in the store; 2026 is built in).
    Booklet(cmd::booklet::Args),
    /// The municipality register of the store: show it, or import SSB files (a new store
    /// has the built-in register of 1 January 2026).
    Register(cmd::register::Args),
    /// The batch report from the store: index.html with charts per theme, size class and
    /// county, one page per respondent, innspill.xlsx and tables/ (CSV, Parquet).
    Report(cmd::report::Args),
    /// The analyst's corrections of theme tags (STORE/reviews.jsonl): accept, reject or add
    /// a tag on a paragraph, note something, or see the agreement between tagger and
    /// reviewers. Every count (report, tables, search facets) uses the corrected tags.
    Review(cmd::review::Args),
    /// The analyst's workbench in the browser: search, theme tables whose counts link to
    /// their paragraphs, documents with evidence, and tag review (prints the address).
    Serve(cmd::serve::Args),
    // New commands: one variant here, one arm in `run` below, one module in cmd/.
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let g = &cli.globals;
    match cli.command {
        Command::Run(args) => cmd::run::run(args, g),
        Command::Tokenize(args) => cmd::tokenize::run(args, g),
        Command::Lang(args) => cmd::lang::run(args, g),
        Command::Themes(args) => cmd::themes::run(args, g),
        Command::Index(args) => cmd::index::run(args, g),
        Command::Search(args) => cmd::search::run(args, g),
        Command::Ingest(args) => cmd::ingest::run(args, g),
        Command::Booklet(args) => cmd::booklet::run(args, g),
        Command::Register(args) => cmd::register::run(args, g),
        Command::Report(args) => cmd::report::run(args, g),
        Command::Review(args) => cmd::review::run(args, g),
        Command::Serve(args) => cmd::serve::run(args, g),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    cli.globals.init_logging();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`innspill tokenize … | head`) is not an error.
            if err.chain().any(is_broken_pipe) {
                return ExitCode::SUCCESS;
            }
            let mut stderr = io::stderr().lock();
            let _ = writeln!(stderr, "error: {err}");
            for cause in err.chain().skip(1) {
                let _ = writeln!(stderr, "  caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}

/// Whether an error is a closed pipe, directly or inside a JSON writer's error.
fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    let kind = e
        .downcast_ref::<io::Error>()
        .map(io::Error::kind)
        .or_else(|| {
            e.downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
        });
    kind == Some(io::ErrorKind::BrokenPipe)
}
