use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::{Booklet, Document, DocumentTags, Error, Register, SCHEMA_VERSION};

/// The folder that holds documents, register, tags, index and tables
/// (`--store`, default `.innspill/`).
///
/// ```text
/// STORE/
///   docs/{id}.json          one Document per input
///   ingest-report.json      every input (and skipped file) with its outcome
///   register.json           the municipality register (absent: the built-in one)
///   booklets/{year}.json    booklets added by the analyst (besides the built-in ones)
///   tags/{id}.json          DocumentTags per document
///   index/                  the tantivy index
///   tables/                 aggregated tables
///   reviews.jsonl           the analyst's reviews of tags, append-only
/// ```
///
/// Writes go to a temporary file first and are renamed into place, so a killed process
/// never leaves half a file.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    /// A store rooted at `root` (not created until something is written).
    pub fn new(root: impl Into<PathBuf>) -> Store {
        Store { root: root.into() }
    }

    /// The root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }
    /// `STORE/docs`.
    pub fn docs_dir(&self) -> PathBuf {
        self.root.join("docs")
    }
    /// `STORE/tags`.
    pub fn tags_dir(&self) -> PathBuf {
        self.root.join("tags")
    }
    /// `STORE/index`.
    pub fn index_dir(&self) -> PathBuf {
        self.root.join("index")
    }
    /// `STORE/tables`.
    pub fn tables_dir(&self) -> PathBuf {
        self.root.join("tables")
    }
    /// `STORE/register.json`.
    pub fn register_path(&self) -> PathBuf {
        self.root.join("register.json")
    }
    /// `STORE/booklets`.
    pub fn booklets_dir(&self) -> PathBuf {
        self.root.join("booklets")
    }

    /// Write a booklet to `booklets/{year}.json`, replacing the one of that year.
    pub fn write_booklet(&self, booklet: &Booklet) -> Result<PathBuf, Error> {
        let path = self.booklets_dir().join(format!("{}.json", booklet.year));
        write_json(&path, booklet)?;
        Ok(path)
    }

    /// The booklets added to the store, by year.
    pub fn read_booklets(&self) -> Result<Vec<Booklet>, Error> {
        let mut out: Vec<Booklet> = json_files(&self.booklets_dir())?
            .iter()
            .map(|p| read_json(p))
            .collect::<Result<_, _>>()?;
        out.sort_by_key(|b| b.year);
        Ok(out)
    }

    /// `STORE/ingest-report.json`.
    pub fn ingest_report_path(&self) -> PathBuf {
        self.root.join("ingest-report.json")
    }

    /// Write a document to `docs/{id}.json`.
    pub fn write_document(&self, doc: &Document) -> Result<PathBuf, Error> {
        let path = self.docs_dir().join(format!("{}.json", doc.id));
        write_json(&path, doc)?;
        Ok(path)
    }

    /// Read every document of `docs/`, sorted by id.
    pub fn read_documents(&self) -> Result<Vec<Document>, Error> {
        let mut docs = Vec::new();
        for path in json_files(&self.docs_dir())? {
            let doc: Document = read_json(&path)?;
            if doc.schema_version != SCHEMA_VERSION {
                return Err(Error::SchemaVersion {
                    path,
                    found: doc.schema_version,
                    expected: SCHEMA_VERSION,
                });
            }
            docs.push(doc);
        }
        docs.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(docs)
    }

    /// Remove `docs/{id}.json` and `tags/{id}.json` of documents whose id is not in `keep`.
    pub fn retain_documents(&self, keep: &[&str]) -> Result<Vec<String>, Error> {
        let mut removed = Vec::new();
        for dir in [self.docs_dir(), self.tags_dir()] {
            for path in json_files(&dir)? {
                let id = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default();
                if !keep.contains(&id) {
                    if dir == self.docs_dir() {
                        removed.push(id.to_string());
                    }
                    fs_err::remove_file(&path)?;
                }
            }
        }
        Ok(removed)
    }

    /// Write the tags of one document to `tags/{doc_id}.json`.
    pub fn write_tags(&self, tags: &DocumentTags) -> Result<PathBuf, Error> {
        let path = self.tags_dir().join(format!("{}.json", tags.doc_id));
        write_json(&path, tags)?;
        Ok(path)
    }

    /// The tags of document `id`, if written.
    pub fn read_tags(&self, id: &str) -> Result<Option<DocumentTags>, Error> {
        let path = self.tags_dir().join(format!("{id}.json"));
        if !path.exists() {
            return Ok(None);
        }
        read_json(&path).map(Some)
    }

    /// Write the register.
    pub fn write_register(&self, register: &Register) -> Result<(), Error> {
        write_json(&self.register_path(), register)
    }

    /// The register, if one was imported.
    pub fn read_register(&self) -> Result<Option<Register>, Error> {
        let path = self.register_path();
        if !path.exists() {
            return Ok(None);
        }
        read_json(&path).map(Some)
    }

    /// Write the ingest report.
    pub fn write_ingest_report(&self, report: &IngestReport) -> Result<(), Error> {
        write_json(&self.ingest_report_path(), report)
    }

    /// The ingest report, if ingest has run.
    pub fn read_ingest_report(&self) -> Result<Option<IngestReport>, Error> {
        let path = self.ingest_report_path();
        if !path.exists() {
            return Ok(None);
        }
        read_json(&path).map(Some)
    }
}

/// `*.json` files of `dir`, sorted; an absent folder has none.
fn json_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in fs_err::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// Pretty JSON with a trailing newline, written atomically (temp file, then rename).
pub(crate) fn write_json<T: Serialize + ?Sized>(path: &Path, value: &T) -> Result<(), Error> {
    if let Some(dir) = path.parent() {
        fs_err::create_dir_all(dir)?;
    }
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|source| Error::Json {
        path: path.to_path_buf(),
        source,
    })?;
    bytes.push(b'\n');
    let tmp = path.with_extension("json.tmp");
    fs_err::write(&tmp, &bytes)?;
    fs_err::rename(&tmp, path)?;
    Ok(())
}

pub(crate) fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T, Error> {
    let bytes = fs_err::read(path)?;
    serde_json::from_slice(&bytes).map_err(|source| Error::Json {
        path: path.to_path_buf(),
        source,
    })
}

/// Outcome of ingesting one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IngestOutcome {
    /// Read without remarks.
    Ok,
    /// Read, with warnings (transcoded, respondent unknown, …).
    OkWithWarnings,
    /// Could not be read; `reason` says why.
    Failed,
    /// Found inside an input folder but not taken as an input (not a statement format,
    /// the folder's `manifest.csv`, a reference text, a symlinked folder); `reason` says
    /// why. Its bytes are not read.
    Skipped,
}

impl IngestOutcome {
    /// Whether the file was taken as an input (read, or tried and failed).
    pub fn is_input(self) -> bool {
        self != IngestOutcome::Skipped
    }
}

/// One file in the ingest report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IngestReportEntry {
    /// The path as given, or as found inside a given folder.
    pub path: String,
    /// What became of it.
    pub outcome: IngestOutcome,
    /// The document id, when one was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_id: Option<String>,
    /// Hex sha256 of the bytes, when they could be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// Why it failed or was skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Warnings of the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Another input with the same content, of which this one is a duplicate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
}

/// `STORE/ingest-report.json`: every file given to ingest or found in a folder given to
/// it, accounted for. Hidden entries of folders (names starting with `.`) are not walked
/// and not listed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct IngestReport {
    /// One entry per file, sorted by path: the inputs and, with outcome
    /// [`IngestOutcome::Skipped`], the other files of the folders.
    pub inputs: Vec<IngestReportEntry>,
}

impl IngestReport {
    /// The entries of files taken as inputs (every outcome but
    /// [`IngestOutcome::Skipped`]).
    pub fn taken(&self) -> impl Iterator<Item = &IngestReportEntry> {
        self.inputs.iter().filter(|e| e.outcome.is_input())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_is_atomic_and_sorted() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let report = IngestReport {
            inputs: vec![IngestReportEntry {
                path: "a.pdf".into(),
                outcome: IngestOutcome::Failed,
                doc_id: None,
                sha256: None,
                reason: Some("empty file".into()),
                warnings: vec![],
                duplicate_of: None,
            }],
        };
        store.write_ingest_report(&report).unwrap();
        assert_eq!(store.read_ingest_report().unwrap(), Some(report));
        assert!(!store.root().join("ingest-report.json.tmp").exists());
        assert!(store.read_documents().unwrap().is_empty());
    }

    #[test]
    fn skipped_files_are_in_the_report_but_not_inputs() {
        let entry = |path: &str, outcome, reason: Option<&str>| IngestReportEntry {
            path: path.into(),
            outcome,
            doc_id: None,
            sha256: None,
            reason: reason.map(str::to_string),
            warnings: vec![],
            duplicate_of: None,
        };
        let report = IngestReport {
            inputs: vec![
                entry(
                    "in/README.md",
                    IngestOutcome::Skipped,
                    Some("not a statement format (.md)"),
                ),
                entry("in/a.pdf", IngestOutcome::Failed, Some("empty file")),
                entry("in/b.txt", IngestOutcome::Ok, None),
            ],
        };
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["inputs"][0]["outcome"], "skipped");
        assert_eq!(
            serde_json::from_value::<IngestReport>(json).unwrap(),
            report
        );
        let taken: Vec<&str> = report.taken().map(|e| e.path.as_str()).collect();
        assert_eq!(taken, ["in/a.pdf", "in/b.txt"]);
    }
}
