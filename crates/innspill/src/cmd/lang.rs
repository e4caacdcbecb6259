//! `innspill lang`: Bokmål or Nynorsk, for a whole text and per paragraph.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use innspill_norsk::Analyzer;
use serde::Serialize;

use crate::cli::{self, Globals};

/// Arguments of `innspill lang`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The text file; `-` or nothing reads standard input.
    file: Option<PathBuf>,

    /// One JSON object a line: first the whole text, then each paragraph.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Line<'a> {
    scope: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<usize>,
    start: usize,
    end: usize,
    lang: &'a str,
    confidence: f32,
}

pub(crate) fn run(args: Args, _g: &Globals) -> anyhow::Result<ExitCode> {
    let text = cli::read_input(args.file.as_deref())?;
    let analyzer = Analyzer::default();
    let whole = analyzer.language(&text);
    let mut out = cli::stdout();
    if !args.json {
        writeln!(out, "{} {:.2}", whole.lang.as_str(), whole.confidence)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    cli::write_json_line(
        &mut out,
        &Line {
            scope: "document",
            paragraph: None,
            start: 0,
            end: text.len(),
            lang: whole.lang.as_str(),
            confidence: whole.confidence,
        },
    )?;
    // A paragraph without evidence of its own takes the document's standard.
    for (i, p) in analyzer.paragraph_languages(&text).into_iter().enumerate() {
        cli::write_json_line(
            &mut out,
            &Line {
                scope: "paragraph",
                paragraph: Some(i),
                start: p.range.start,
                end: p.range.end,
                lang: p.guess.lang.as_str(),
                confidence: p.guess.confidence,
            },
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
