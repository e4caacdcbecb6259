//! `innspill tokenize`: the whole analyser over a text.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use innspill_norsk::Analyzer;

use crate::cli::{self, Globals};

/// Arguments of `innspill tokenize`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The text file to analyse; `-` or nothing reads standard input.
    file: Option<PathBuf>,

    /// One JSON object a line per token, with byte offsets into the input.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: Args, _g: &Globals) -> anyhow::Result<ExitCode> {
    let text = cli::read_input(args.file.as_deref())?;
    let analyzer = Analyzer::default();
    let tokens = analyzer.analyze(&text);
    let mut out = cli::stdout();
    for t in &tokens {
        if args.json {
            cli::write_json_line(&mut out, t)?;
        } else {
            let parts = if t.parts.is_empty() {
                String::new()
            } else {
                format!("\t{}", t.parts.join("+"))
            };
            let stop = if t.stop { "\tstop" } else { "" };
            writeln!(
                out,
                "{}..{}\t{}\t{}\t{}{parts}{stop}",
                t.start, t.end, t.text, t.lemma, t.key
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
