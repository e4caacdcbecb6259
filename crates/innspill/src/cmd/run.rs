//! `innspill run`: the main job. Register, ingest, tag, index, aggregate and report in one
//! go, on the inputs given or on the embedded corpus (`corpus/`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use innspill_index::{SearchIndex, UpdateOptions};
use innspill_ingest::{Ingester, RegisterImport};
use innspill_model::Store;

use crate::cli::Globals;
use crate::cmd::{index, ingest, report};

/// Arguments of `innspill run`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Files and folders to read. By default, `corpus/` (the embedded corpus: the real
    /// Røst document and the fictional sample world). In a folder, a `reference/`
    /// subfolder holds reference texts (regional drafts, booklets) rather than
    /// statements, and every `register.csv` is imported into the register. Without
    /// one, the store's register is used: in a new store the built-in one (1 January
    /// 2026). The booklets (built in: 2026; `innspill booklet add`) are references
    /// and give the questions of their year.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,

    /// Write the report to this folder (created if missing).
    #[arg(long, value_name = "DIR", default_value = "reports/latest")]
    out: PathBuf,

    /// Tag with this codebook (TOML) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    codebook: Option<PathBuf>,

    /// The report's title. By default, «Innspill til KS' debatthefte» and the year.
    #[arg(long)]
    title: Option<String>,
}

/// What a run reads: statements, reference texts and register files.
#[derive(Debug, Default, PartialEq, Eq)]
struct Plan {
    statements: Vec<PathBuf>,
    references: Vec<PathBuf>,
    registers: Vec<PathBuf>,
}

/// The inputs are read as given; a folder's `reference/*.txt` files are reference texts
/// (which ingest then does not take as statements), and every `register.csv` below a
/// folder is a register file.
fn plan(inputs: &[PathBuf]) -> anyhow::Result<Plan> {
    let mut plan = Plan {
        statements: inputs.to_vec(),
        ..Plan::default()
    };
    for input in inputs.iter().filter(|p| p.is_dir()) {
        let reference = input.join("reference");
        if reference.is_dir() {
            plan.references.extend(
                sorted_entries(&reference)?
                    .into_iter()
                    .filter(|p| p.extension().is_some_and(|e| e == "txt")),
            );
        }
        find_registers(input, &mut plan.registers)?;
    }
    Ok(plan)
}

fn sorted_entries(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = fs_err::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    out.sort();
    Ok(out)
}

fn find_registers(path: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    if path.is_dir() {
        for p in sorted_entries(path)? {
            find_registers(&p, out)?;
        }
    } else if path.file_name().is_some_and(|n| n == "register.csv") {
        out.push(path.to_path_buf());
    }
    Ok(())
}

/// Wall-clock time of each stage, for the summary.
#[derive(Debug, Default)]
struct Timings(Vec<(&'static str, Duration)>);

impl Timings {
    fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.0.push((stage, start.elapsed()));
        out
    }

    fn line(&self) -> String {
        self.0
            .iter()
            .map(|(s, d)| format!("{s} {:.2} s", d.as_secs_f64()))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

pub(crate) fn run(args: Args, g: &Globals) -> anyhow::Result<ExitCode> {
    let inputs = if args.inputs.is_empty() {
        let corpus = PathBuf::from("corpus");
        if !corpus.is_dir() {
            anyhow::bail!(
                "no INPUT given and no corpus/ folder here: run from the innspill workspace \
                 or name the files and folders to read"
            );
        }
        vec![corpus]
    } else {
        args.inputs.clone()
    };
    let plan = plan(&inputs)?;
    let store = g.store();
    let mut times = Timings::default();

    // Register: the register.csv files of the inputs, or the store's own.
    let register = times.time("register", || import_register(&store, &plan.registers))?;

    // Ingest.
    let mut builder = Ingester::builder();
    for path in &plan.references {
        builder = builder
            .reference_file(path)
            .with_context(|| format!("could not read the reference text {}", path.display()))?;
    }
    for b in crate::cmd::booklet::of_store(&store)? {
        builder = builder.booklet(&b);
    }
    let ingester = builder.register(register).build();
    let bar = ingest::Bar::new(g);
    let ingested = times.time("ingest", || {
        ingester
            .ingest_into(&plan.statements, &store, &bar)
            .with_context(|| format!("could not ingest into {}", store.root().display()))
    })?;

    // Tag, so that the index has theme facets.
    let tagged = times.time("tag", || {
        report::tag_store(&store, args.codebook.as_deref())
    })?;

    // Index.
    let indexed = times.time("index", || -> anyhow::Result<_> {
        let dir = store.index_dir();
        let idx = SearchIndex::open_or_create(&dir)
            .with_context(|| format!("could not open the index in {}", dir.display()))?
            .with_options(UpdateOptions::default());
        let mut progress = index::Bar::new(g);
        let r = idx
            .update_from_store(&store, &mut progress)
            .with_context(|| format!("could not update the index in {}", dir.display()))?;
        progress.finish();
        Ok(r)
    })?;

    // Aggregate and report.
    let outcome = times.time("aggregate + report", || {
        report::report_from_store(
            &store,
            &args.out,
            &report::Options {
                codebook: args.codebook.as_deref(),
                title: args.title.as_deref(),
            },
        )
    })?;

    if !g.quiet {
        ingest::print_summary(&ingested, &store);
        // Respondents by number; KS' regions, which have none, by name.
        let respondents: std::collections::BTreeSet<&str> = ingested
            .documents
            .iter()
            .filter_map(|d| {
                let r = &d.respondent;
                match r.kind {
                    innspill_model::RespondentKind::KsRegion => r.name.as_deref(),
                    _ => r.kommunenummer.as_deref(),
                }
            })
            .collect();
        eprintln!(
            "run: {} documents from {} respondents; {tagged} tagged now; {} paragraphs indexed",
            ingested.documents.len(),
            respondents.len(),
            indexed.paragraphs,
        );
        eprintln!("  stages: {}", times.line());
        let index_html = outcome.written.index;
        let shown = fs_err::canonicalize(&index_html).unwrap_or(index_html);
        eprintln!("  open the report: {}", shown.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Import the register files into the store; with none, use the store's register (the
/// built-in one in a new store).
fn import_register(store: &Store, files: &[PathBuf]) -> anyhow::Result<innspill_model::Register> {
    if files.is_empty() {
        return crate::cmd::register::of_store(store);
    }
    let mut import = RegisterImport::new();
    for f in files {
        import
            .add_file(f)
            .with_context(|| format!("could not import the register {}", f.display()))?;
    }
    let register = import.finish();
    store
        .write_register(&register)
        .with_context(|| format!("could not write {}", store.register_path().display()))?;
    Ok(register)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_sorts_references_registers_and_statements() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (p, body) in [
            ("reference/booklet.txt", "KS spør"),
            ("reference/notes.md", "not a reference"),
            ("real/register.csv", "kommunenummer,navn"),
            ("real/a.txt", "tekst"),
            ("sample/dokumenter/b.pdf", "%PDF"),
            ("sample/register.csv", "kommunenummer,navn"),
        ] {
            let path = root.join(p);
            fs_err::create_dir_all(path.parent().unwrap()).unwrap();
            fs_err::write(path, body).unwrap();
        }
        let plan = plan(&[root.to_path_buf()]).unwrap();
        assert_eq!(plan.references, vec![root.join("reference/booklet.txt")]);
        assert_eq!(
            plan.registers,
            vec![
                root.join("real/register.csv"),
                root.join("sample/register.csv")
            ]
        );
        assert_eq!(plan.statements, vec![root.to_path_buf()]);
    }
}
