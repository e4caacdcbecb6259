//! `innspill booklet`: KS' debate booklets, one a year. The 2026 booklet is built in;
//! `add` reads another (PDF, DOCX or text), finds its questions and keeps text and
//! questions in the store for its year, so that statements of that year get their
//! booklet quotes set apart and their paragraphs aligned with its questions.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use innspill_ingest::{Ingester, find_questions};
use innspill_model::{Booklet, Store};
use innspill_norsk::Analyzer;

use crate::cli::{self, Globals};

/// Arguments of `innspill booklet`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Read a booklet (PDF, DOCX, HTML or text), find its questions («KS spør»,
    /// «Spørsmål til drøfting», numbered questions at the end of a chapter), print them
    /// and keep text and questions in the store for its year, replacing the booklet of
    /// that year there.
    Add {
        /// The booklet.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The year its statements answer. By default, the year the text names with
        /// «debatthefte» or «debatthefte for», else the first year in the file name.
        #[arg(long)]
        year: Option<u16>,
        /// Its title. By default, the file name.
        #[arg(long)]
        title: Option<String>,
        /// Take the questions from this file instead (one a line, `1. …` or without a
        /// number; blank lines ignored).
        #[arg(long, value_name = "FILE")]
        questions: Option<PathBuf>,
        /// Print the result as one JSON object (year, title, source, questions).
        #[arg(long)]
        json: bool,
    },
    /// List the booklets: the built-in ones and those added to the store.
    List {
        /// One JSON object a line (year, title, source, builtin, questions).
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn run(args: Args, g: &Globals) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Add {
            file,
            year,
            title,
            questions,
            json,
        } => add(&file, year, title, questions.as_deref(), json, g),
        Command::List { json } => list(json, g),
    }
}

/// The booklets a store's documents are read against: the built-in ones, each replaced
/// by one added to the store for its year.
pub(crate) fn of_store(store: &Store) -> anyhow::Result<Vec<Booklet>> {
    let mut out = innspill_ingest::builtin_booklets();
    let added = store.read_booklets().with_context(|| {
        format!(
            "could not read the booklets in {}",
            store.booklets_dir().display()
        )
    })?;
    for b in added {
        out.retain(|o| o.year != b.year);
        out.push(b);
    }
    out.sort_by_key(|b| b.year);
    Ok(out)
}

fn add(
    file: &Path,
    year: Option<u16>,
    title: Option<String>,
    questions: Option<&Path>,
    json: bool,
    g: &Globals,
) -> anyhow::Result<ExitCode> {
    let bytes = fs_err::read(file)?;
    let name = file.display().to_string();
    let doc = Ingester::builder()
        .build()
        .ingest_bytes(&name, &bytes, None)
        .with_context(|| format!("could not read the booklet {name}"))?;
    let text = doc.text;
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let year = match year
        .or_else(|| year_named(&text))
        .or_else(|| first_year(&stem))
    {
        Some(y) => y,
        None => anyhow::bail!(
            "{name}: no year found in the text («debatthefte 2027») or the file name; give --year"
        ),
    };
    let analyzer = Analyzer::default();
    let questions = match questions {
        Some(path) => {
            let lines = fs_err::read_to_string(path)?;
            let found = questions_of_lines(&analyzer, &lines);
            if found.is_empty() {
                anyhow::bail!("{}: no questions (one a line)", path.display());
            }
            found
        }
        None => find_questions(&analyzer, &text),
    };
    if questions.is_empty() {
        tracing::warn!(
            "{name}: no questions found (no «KS spør» or «Spørsmål til drøfting» and no numbered \
             questions); statements of {year} will not be aligned with questions: give them \
             with --questions FILE"
        );
    }
    let booklet = Booklet {
        year,
        title: title.unwrap_or(stem),
        source: file
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or(name),
        builtin: false,
        questions,
        text,
    };
    let store = g.store();
    let path = store
        .write_booklet(&booklet)
        .with_context(|| format!("could not write the booklet to {}", store.root().display()))?;
    let mut out = cli::stdout();
    print_booklet(&mut out, &booklet, json, true)?;
    out.flush()?;
    if !g.quiet {
        eprintln!(
            "booklet {year}: {} questions written to {} (run `innspill ingest` or `innspill run` again to use it)",
            booklet.questions.len(),
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn list(json: bool, g: &Globals) -> anyhow::Result<ExitCode> {
    let mut out = cli::stdout();
    for b in of_store(&g.store())? {
        print_booklet(&mut out, &b, json, false)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn print_booklet<W: Write>(out: &mut W, b: &Booklet, json: bool, cues: bool) -> anyhow::Result<()> {
    if json {
        let value = serde_json::json!({
            "year": b.year,
            "title": b.title,
            "source": b.source,
            "builtin": b.builtin,
            "questions": b.questions,
        });
        return cli::write_json_line(out, &value);
    }
    writeln!(
        out,
        "{}\t{}\t{}\t{} questions",
        b.year,
        b.title,
        b.source,
        b.questions.len()
    )?;
    for q in &b.questions {
        writeln!(out, "  {}. {}", q.number, q.text)?;
        if cues {
            writeln!(out, "     cues: {}", q.cues.join(" "))?;
        }
    }
    Ok(())
}

/// The questions of a file with one a line (`1. …`, `2) …` or no number).
fn questions_of_lines(analyzer: &Analyzer, lines: &str) -> Vec<innspill_model::BookletQuestion> {
    // Written out as a booklet's question block, so that they are read the same way.
    let mut text = String::from("KS spør\n\n");
    let mut n = 0;
    for line in lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
        n += 1;
        let q = line
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches(['.', ')'])
            .trim();
        let q = if q.ends_with('?') {
            q.to_string()
        } else {
            format!("{q}?")
        };
        text.push_str(&format!("{n}. {q}\n\n"));
    }
    find_questions(analyzer, &text)
}

/// The year a booklet's text names with «debatthefte»: `KS' debatthefte 2027`,
/// `debatthefte for 2027`.
fn year_named(text: &str) -> Option<u16> {
    let lower = text.to_lowercase();
    let mut counts: std::collections::BTreeMap<u16, usize> = std::collections::BTreeMap::new();
    for (i, _) in lower.match_indices("debatthefte") {
        let after: String = lower[i..].chars().take(40).collect();
        if let Some(y) = first_year(&after) {
            *counts.entry(y).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(y, c)| (c, y))
        .map(|(y, _)| y)
}

/// The first four-digit year (2000–2099) in `s`.
fn first_year(s: &str) -> Option<u16> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|y| (2000..2100).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_of_booklets() {
        assert_eq!(year_named("KS' debatthefte 2027\n\nForord"), Some(2027));
        assert_eq!(year_named("Debatthefte for 2028 til kommunene"), Some(2028));
        assert_eq!(year_named("Ingen år her 2027"), None);
        assert_eq!(first_year("ks-debatthefte-2027-v2"), Some(2027));
        assert_eq!(first_year("hefte"), None);
    }

    #[test]
    fn questions_from_lines() {
        let q = questions_of_lines(
            &Analyzer::default(),
            "1. Hvordan kan kommunen kutte utslipp?\n\nHva gjør vi med flom\n",
        );
        let got: Vec<(u8, &str)> = q.iter().map(|q| (q.number, q.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (1, "Hvordan kan kommunen kutte utslipp?"),
                (2, "Hva gjør vi med flom?")
            ]
        );
        assert!(q[1].cues.iter().any(|c| c == "flom"), "{:?}", q[1].cues);
    }
}
