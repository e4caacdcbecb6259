//! `innspill themes`: tag the paragraphs of a text (or a document JSON) with the themes of
//! a codebook, with evidence and demands; or score the tagger against a labelled set;
//! `innspill themes suggest`: candidate terms for the codebook from a corpus.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use innspill_model::Document;
use innspill_norsk::Analyzer;
use innspill_themes::{
    Codebook, SuggestInput, Tagger, document_from_text, evaluate, load_eval_set, suggest, summarize,
};

use crate::cli::{self, Globals};

/// Arguments of `innspill themes`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub(crate) struct Args {
    #[command(subcommand)]
    cmd: Option<Sub>,

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

/// Subcommands of `innspill themes`.
#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// List candidate lemmas and two-word phrases per sub-theme: the words most strongly
    /// associated with the paragraphs that carry it (weighted log-odds against the rest,
    /// z-score), with counts and three example quotes each, for a person to add to the
    /// codebook TOML. Nothing is added automatically.
    Suggest(SuggestArgs),
}

/// Arguments of `innspill themes suggest`.
#[derive(Debug, clap::Args)]
struct SuggestArgs {
    /// Plain text, a document JSON, or a labelled set (JSON lines as in
    /// crates/innspill-themes/eval/dev.jsonl); `-` or nothing reads standard input.
    file: Option<PathBuf>,

    /// Only this sub-theme (its id, e.g. `recruitment`).
    #[arg(long, value_name = "SUB")]
    sub: Option<String>,

    /// With a labelled set: group paragraphs by their hand-labelled sub-themes instead of
    /// the tagger's tags (finds the words of paragraphs the tagger misses).
    #[arg(long)]
    labels: bool,

    /// Candidates per sub-theme.
    #[arg(long, default_value_t = 15)]
    top: usize,

    /// A candidate must occur in at least this many of the sub-theme's paragraphs.
    #[arg(long, default_value_t = 2)]
    min: usize,

    /// Include words the codebook already finds for the sub-theme.
    #[arg(long)]
    known: bool,

    /// One JSON object a line per candidate.
    #[arg(long)]
    json: bool,

    /// Use this codebook (TOML) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    codebook: Option<PathBuf>,
}

fn run_suggest(a: SuggestArgs) -> anyhow::Result<ExitCode> {
    let analyzer = Analyzer::default();
    let codebook = match &a.codebook {
        Some(path) => Codebook::from_path(path, &analyzer)?,
        None => Codebook::embedded(&analyzer),
    };
    let tagger = Tagger::new(codebook, analyzer);
    if let Some(s) = &a.sub {
        let known = tagger
            .codebook()
            .themes()
            .iter()
            .any(|t| t.subs.iter().any(|x| &x.id == s));
        anyhow::ensure!(
            known,
            "no sub-theme {s:?} in codebook {}",
            tagger.codebook().id()
        );
    }
    let input = cli::read_input(a.file.as_deref())?;
    let name = a
        .file
        .as_ref()
        .map_or_else(|| "-".to_string(), |p| p.display().to_string());
    let tagged_subs = |text: &str| -> Vec<String> {
        let doc = document_from_text(text, "p");
        tagger
            .tag_paragraphs(&doc)
            .into_iter()
            .flat_map(|p| p.tags.into_iter().filter_map(|t| t.sub))
            .collect()
    };
    let first = input.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let corpus: Vec<SuggestInput> = if first.trim_start().starts_with('{')
        && serde_json::from_str::<innspill_themes::EvalItem>(first).is_ok()
    {
        load_eval_set(&name, &input)?
            .into_iter()
            .map(|i| SuggestInput {
                subs: if a.labels {
                    i.subs.clone()
                } else {
                    tagged_subs(&i.text)
                },
                id: i.id,
                text: i.text,
            })
            .collect()
    } else {
        anyhow::ensure!(!a.labels, "--labels needs a labelled set (JSON lines)");
        let doc = if first.trim_start().starts_with('{') {
            serde_json::from_str::<Document>(&input)
                .with_context(|| format!("{name} looks like JSON but is not a document"))?
        } else {
            document_from_text(&input, &name)
        };
        tagger
            .tag_paragraphs(&doc)
            .into_iter()
            .map(|p| SuggestInput {
                id: format!("#{}", p.n),
                subs: p.tags.into_iter().filter_map(|t| t.sub).collect(),
                text: p.text,
            })
            .collect()
    };
    let cands: Vec<_> = suggest(&tagger, &corpus, a.sub.as_deref(), usize::MAX, a.min)
        .into_iter()
        .filter(|c| a.known || !c.known)
        .collect();
    let mut out = cli::stdout();
    let mut shown: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut current = String::new();
    for c in &cands {
        let n = shown.entry(c.sub.clone()).or_default();
        if *n >= a.top {
            continue;
        }
        *n += 1;
        if a.json {
            cli::write_json_line(&mut out, c)?;
            continue;
        }
        if c.sub != current {
            writeln!(out, "== {} ({} paragraphs)", c.sub, c.sub_paragraphs)?;
            current = c.sub.clone();
        }
        writeln!(
            out,
            "{:<32} z {:>5.2}  in {:>3}  elsewhere {:>3}{}",
            c.term,
            c.z,
            c.with,
            c.without,
            if c.known { "  (known)" } else { "" }
        )?;
        for q in &c.quotes {
            writeln!(out, "    {}: {}", q.id, q.text)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn run(args: Args, g: &Globals) -> anyhow::Result<ExitCode> {
    if let Some(Sub::Suggest(a)) = args.cmd {
        return run_suggest(a);
    }
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
