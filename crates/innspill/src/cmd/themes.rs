//! `innspill themes`: tag the paragraphs of a text (or a document JSON) with the themes of
//! a codebook, with evidence and demands; or score the tagger against a labelled set.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use innspill_model::Document;
use innspill_norsk::Analyzer;
use innspill_themes::{Codebook, Tagger, document_from_text, evaluate, load_eval_set, summarize};

use crate::cli::{self, Globals};

/// Arguments of `innspill themes`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Plain text or a document JSON (as `innspill ingest` writes it); `-` or nothing
    /// reads standard input. Plain text: paragraphs are separated by blank lines; bullet
    /// lines and short numbered heading lines are paragraphs of their own.
    file: Option<PathBuf>,

    /// One JSON object a line per paragraph: n, kind, text, section, tags (with evidence
    /// as character offsets into the input), demands.
    #[arg(long)]
    json: bool,

    /// Use this codebook (TOML) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    codebook: Option<PathBuf>,

    /// Score the tagger against a labelled set (JSON lines with text, section, kind and
    /// themes, as in crates/innspill-themes/eval/dev.jsonl) and print precision, recall,
    /// F1 per theme, micro and macro F1 and Cohen's κ. FILE is then not read.
    #[arg(long, value_name = "FILE")]
    eval: Option<PathBuf>,
}

pub(crate) fn run(args: Args, g: &Globals) -> anyhow::Result<ExitCode> {
    let analyzer = Analyzer::default();
    let codebook = match &args.codebook {
        Some(path) => Codebook::from_path(path, &analyzer)?,
        None => Codebook::embedded(&analyzer),
    };
    let tagger = Tagger::new(codebook, analyzer);
    let mut out = cli::stdout();

    if let Some(path) = &args.eval {
        let text = fs_err::read_to_string(path)?;
        let items = load_eval_set(&path.display().to_string(), &text)?;
        let report = evaluate(&tagger, &items);
        if args.json {
            let mut value = serde_json::to_value(&report)?;
            if let Some(obj) = value.as_object_mut() {
                obj.remove("predictions");
            }
            cli::write_json_line(&mut out, &value)?;
        } else {
            write!(out, "{report}")?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }

    let input = cli::read_input(args.file.as_deref())?;
    let name = args
        .file
        .as_ref()
        .map_or_else(|| "-".to_string(), |p| p.display().to_string());
    let doc = if input.trim_start().starts_with('{') {
        serde_json::from_str::<Document>(&input)
            .with_context(|| format!("{name} looks like JSON but is not a document"))?
    } else {
        document_from_text(&input, &name)
    };
    let tagged = tagger.tag_paragraphs(&doc);
    let any = tagged.iter().any(|p| !p.tags.is_empty());
    if args.json {
        for p in &tagged {
            cli::write_json_line(&mut out, p)?;
        }
    } else {
        for p in tagged
            .iter()
            .filter(|p| !p.tags.is_empty() || !p.demands.is_empty())
        {
            let themes: Vec<String> = p
                .tags
                .iter()
                .map(|t| {
                    let id = match &t.sub {
                        Some(s) => format!("{}/{s}", t.theme),
                        None => t.theme.clone(),
                    };
                    let via = if t.via == innspill_model::Via::Section {
                        " (section)"
                    } else {
                        ""
                    };
                    format!("{id} {:.1}{via}", t.score)
                })
                .collect();
            writeln!(out, "#{} {}: {}", p.n, p.kind.as_str(), themes.join(", "))?;
            writeln!(out, "    {}", excerpt(&p.text, 100))?;
            for d in &p.demands {
                writeln!(
                    out,
                    "    → {} [{}]: {}",
                    d.addressee.as_str(),
                    d.themes.join(", "),
                    excerpt(&d.text, 100)
                )?;
            }
        }
        let summary = summarize(&doc, &tagger.tag_document(&doc), tagger.codebook());
        writeln!(
            out,
            "\n{} paragraphs, {} characters",
            summary.paragraphs, summary.chars
        )?;
        for t in &summary.themes {
            writeln!(
                out,
                "{:<14} {:>4} paragraphs ({} by own words) {:>5.1} % of the text",
                t.theme,
                t.paragraphs,
                t.by_text,
                t.share * 100.0
            )?;
        }
    }
    out.flush()?;
    if !any && !g.quiet {
        tracing::warn!(
            "no paragraph matched a theme of codebook {}",
            tagger.codebook().id()
        );
    }
    Ok(if any {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The first `n` characters of `text`, with `…` when cut.
fn excerpt(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        let cut: String = text.chars().take(n).collect();
        format!("{cut}…")
    }
}
