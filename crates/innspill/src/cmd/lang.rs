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
    for (i, (start, end)) in paragraphs(&text).into_iter().enumerate() {
        let guess = analyzer.language(&text[start..end]);
        cli::write_json_line(
            &mut out,
            &Line {
                scope: "paragraph",
                paragraph: Some(i),
                start,
                end,
                lang: guess.lang.as_str(),
                confidence: guess.confidence,
            },
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Byte ranges of the paragraphs of `text`: runs of non-blank lines, trimmed.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            out.extend(current.take());
        } else {
            let s = pos + (line.len() - line.trim_start().len());
            let e = pos + line.trim_end().len();
            current = Some(match current {
                Some((cs, _)) => (cs, e),
                None => (s, e),
            });
        }
        pos += line.len();
    }
    out.extend(current);
    out
}

#[cfg(test)]
mod tests {
    use super::paragraphs;

    #[test]
    fn paragraphs_are_runs_of_non_blank_lines() {
        let text = "Eg meiner\nat dette\n\n  \nVi mener\n";
        let p = paragraphs(text);
        assert_eq!(p.len(), 2);
        assert_eq!(&text[p[0].0..p[0].1], "Eg meiner\nat dette");
        assert_eq!(&text[p[1].0..p[1].1], "Vi mener");
    }
}
