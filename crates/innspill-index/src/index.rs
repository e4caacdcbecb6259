//! Opening, building and updating the index.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use innspill_model::{Document, DocumentTags, ReviewSet, SCHEMA_VERSION, Store};
use innspill_norsk::Analyzer;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tantivy::directory::error::LockError;
use tantivy::query::QueryParser;
use tantivy::tokenizer::TokenizerManager;
use tantivy::{IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};
use tracing::{debug, info};

use crate::Error;
use crate::analysis;
use crate::groups::GroupCache;
use crate::schema::{FORMAT, Fields};

/// The search index over all paragraphs of all documents (`STORE/index/`).
///
/// One tantivy document per paragraph, heading or bullet, with the respondent, year,
/// language, segment kind, question, section, page, offsets, theme facets and the text
/// analysed (stems and compound parts) and exact (lower-cased words).
///
/// [`SearchIndex::update_from_store`] brings the index in line with the store:
///
/// - **idempotent**: when nothing changed, nothing is written;
/// - **incremental**: each document is keyed by its id and the sha256 of its JSON (and of
///   its tags), so a changed or new document replaces only its own paragraphs and a removed
///   one disappears;
/// - **safe to interrupt**: what the index holds is recorded in the payload of each commit,
///   together with the paragraphs, so a killed run leaves the index at its last commit and
///   the next run completes it without duplicates.
///
/// Readers see the last commit while an update runs.
pub struct SearchIndex {
    pub(crate) index: tantivy::Index,
    pub(crate) fields: Fields,
    pub(crate) reader: IndexReader,
    pub(crate) query_parser: QueryParser,
    pub(crate) analyzer: Analyzer,
    dir: Option<PathBuf>,
    options: UpdateOptions,
    /// Whether the analysed fields use tantivy's default tokenizer (benchmarks only).
    default_tokenizer: bool,
    /// Group keys numbered across the segments last searched.
    pub(crate) groups: GroupCache,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// Settings of [`SearchIndex::update_from_store`] and [`SearchIndex::update_documents`].
#[derive(Debug, Clone, Copy)]
pub struct UpdateOptions {
    commit_every: usize,
    commit_bytes: usize,
    memory: usize,
    rebuild: bool,
}

impl Default for UpdateOptions {
    fn default() -> Self {
        UpdateOptions {
            commit_every: 65_536,
            commit_bytes: 64 << 20,
            memory: 64 << 20,
            rebuild: false,
        }
    }
}

impl UpdateOptions {
    /// Commit after this many added or replaced documents (or [`commit_bytes`] of their
    /// text, whichever comes first), so a killed run keeps what it did. By default,
    /// 65 536: what bounds the work a kill loses is the text, not the number of documents.
    ///
    /// [`commit_bytes`]: UpdateOptions::commit_bytes
    pub fn commit_every(mut self, documents: usize) -> Self {
        self.commit_every = documents.max(1);
        self
    }

    /// Commit after the added or replaced documents hold this many bytes of paragraph
    /// text (or after [`commit_every`] documents, whichever comes first). By default,
    /// 64 MiB, about ten seconds of indexing on two cores. Every commit costs: it waits
    /// for tantivy's indexing threads, writes their segments (to be merged later), and
    /// starts new threads, whose analyser caches start empty. Committing every 64
    /// documents made indexing NoReC 3.3× slower than every 1 024
    /// (`benches/benches/index.rs`).
    ///
    /// [`commit_every`]: UpdateOptions::commit_every
    pub fn commit_bytes(mut self, bytes: usize) -> Self {
        self.commit_bytes = bytes.max(1);
        self
    }

    /// Drop everything and index every document anew (the old paragraphs stay
    /// searchable until the first commit). By default, off.
    pub fn rebuild(mut self, yes: bool) -> Self {
        self.rebuild = yes;
        self
    }

    /// Memory for tantivy's indexing buffers, in bytes (at least 15 MB per indexing
    /// thread). By default, 64 MiB.
    pub fn memory(mut self, bytes: usize) -> Self {
        self.memory = bytes.max(16 << 20);
        self
    }
}

/// What an update does to a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    /// New in the index.
    Added,
    /// Its paragraphs were replaced (the document or its tags changed).
    Replaced,
    /// Gone from the store, so gone from the index.
    Removed,
}

/// Hears what an update does, for progress bars and tests. Every method does nothing by
/// default.
pub trait Progress {
    /// The update will touch `changes` documents.
    fn planned(&mut self, _changes: usize) {}
    /// Document `id` was added, replaced or removed (not yet committed).
    fn document(&mut self, _id: &str, _change: Change) {}
    /// A commit made the index hold `documents` documents.
    fn committed(&mut self, _documents: usize) {}
}

/// A [`Progress`] that ignores everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// What an update did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateReport {
    /// Ids of documents added.
    pub added: Vec<String>,
    /// Ids of documents whose paragraphs were replaced.
    pub replaced: Vec<String>,
    /// Ids of documents removed.
    pub removed: Vec<String>,
    /// Number of documents left as they were.
    pub unchanged: usize,
    /// Whether the whole index was rebuilt (made by another format or analyser).
    pub rebuilt: bool,
    /// Documents in the index afterwards.
    pub documents: usize,
    /// Paragraphs in the index afterwards.
    pub paragraphs: u64,
    /// Number of commits made (0 when nothing changed).
    pub commits: usize,
}

/// Reads a document (and its tags) by id for [`SearchIndex::apply`].
type Loader<'a> = dyn FnMut(&str) -> Result<(Document, Option<DocumentTags>), Error> + 'a;

/// What the index holds, stored as the payload of every commit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Manifest {
    /// [`FORMAT`] of the index.
    format: u32,
    /// Fingerprint of the analyser's behaviour (see [`analyzer_fingerprint`]).
    analyzer: String,
    /// Document id → sha256 of its content (document and tags).
    docs: BTreeMap<String, String>,
}

impl SearchIndex {
    /// Open the index in `dir` for searching.
    pub fn open(dir: &Path) -> Result<SearchIndex, Error> {
        if !dir.join("meta.json").is_file() {
            return Err(Error::NoIndex {
                path: dir.to_path_buf(),
            });
        }
        let index = tantivy::Index::open_in_dir(dir)?;
        let (schema, _) = Fields::schema();
        if !same_schema(&index, &schema) {
            return Err(Error::Format {
                path: dir.to_path_buf(),
            });
        }
        SearchIndex::wrap(index, Some(dir.to_path_buf()))
    }

    /// Open the index in `dir` for updating, creating it when absent. An index made by
    /// another format is removed and created anew (the next update refills it).
    pub fn open_or_create(dir: &Path) -> Result<SearchIndex, Error> {
        let (schema, _) = Fields::schema();
        if dir.join("meta.json").is_file() {
            let index = tantivy::Index::open_in_dir(dir)?;
            if same_schema(&index, &schema) {
                return SearchIndex::wrap(index, Some(dir.to_path_buf()));
            }
            info!(path = %dir.display(), "index of another format: building it anew");
            drop(index);
            fs_err::remove_dir_all(dir)?;
        }
        fs_err::create_dir_all(dir)?;
        let index = tantivy::Index::create_in_dir(dir, schema)?;
        SearchIndex::wrap(index, Some(dir.to_path_buf()))
    }

    /// The index of `store` (`STORE/index/`), for searching.
    pub fn open_store(store: &Store) -> Result<SearchIndex, Error> {
        SearchIndex::open(&store.index_dir())
    }

    /// An index in memory (tests, benchmarks, one-off searches).
    pub fn in_memory() -> Result<SearchIndex, Error> {
        let (schema, _) = Fields::schema();
        SearchIndex::wrap(tantivy::Index::create_in_ram(schema), None)
    }

    fn wrap(mut index: tantivy::Index, dir: Option<PathBuf>) -> Result<SearchIndex, Error> {
        let analyzer = Analyzer::default();
        index.set_tokenizers(analysis::tokenizers(&analyzer, false));
        let (_, fields) = Fields::schema();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let query_parser = query_parser(&index, &fields, analysis::tokenizers(&analyzer, true));
        Ok(SearchIndex {
            index,
            fields,
            reader,
            query_parser,
            analyzer,
            dir,
            options: UpdateOptions::default(),
            default_tokenizer: false,
            groups: GroupCache::default(),
        })
    }

    /// Use `options` for updates.
    pub fn with_options(mut self, options: UpdateOptions) -> SearchIndex {
        self.options = options;
        self
    }

    /// This index with tantivy's default tokenizer (split at every character that is not
    /// a letter or digit, drop tokens over 40 bytes, lower-case) in place of the Norwegian
    /// analyser on the analysed fields (`text`, `exact`, `section`), when indexing and
    /// when parsing queries.
    ///
    /// For benchmarks: the same documents, schema and writer settings as the real index,
    /// so that what indexing costs beyond this is the analyser's. Searches on it see no
    /// stems, compound parts or Nynorsk keys; an index built this way is rebuilt by the
    /// next update of a normal handle.
    pub fn with_default_tokenizer(mut self) -> SearchIndex {
        self.index.set_tokenizers(analysis::default_tokenizers());
        self.query_parser = query_parser(&self.index, &self.fields, analysis::default_tokenizers());
        self.default_tokenizer = true;
        self
    }

    /// What the manifest records as the analyser.
    fn fingerprint(&self) -> String {
        if self.default_tokenizer {
            "tantivy-default".to_string()
        } else {
            analyzer_fingerprint(&self.analyzer)
        }
    }

    /// See the last commit (of this or another process).
    pub fn reload(&self) -> Result<(), Error> {
        Ok(self.reader.reload()?)
    }

    /// Number of paragraphs searchable now (at the last commit seen).
    pub fn num_paragraphs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Document id → content sha256 of what the last commit holds.
    pub fn documents(&self) -> Result<BTreeMap<String, String>, Error> {
        Ok(self.manifest()?.docs)
    }

    /// Whether the last commit was made by another analyser or index format than this
    /// build's, so that searches may miss words until the next update rebuilds it.
    pub fn is_stale(&self) -> Result<bool, Error> {
        let m = self.manifest()?;
        Ok(m.format != FORMAT || m.analyzer != self.fingerprint())
    }

    fn manifest(&self) -> Result<Manifest, Error> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str(p).ok())
            .unwrap_or_default())
    }

    /// Bring the index in line with the documents (and tags) of `store`. The theme facets
    /// are made from effective tags: the tagger's with the store's reviews
    /// (`reviews.jsonl`) applied, so a new review replaces its document's paragraphs.
    pub fn update_from_store(
        &self,
        store: &Store,
        progress: &mut dyn Progress,
    ) -> Result<UpdateReport, Error> {
        let mut wanted = BTreeMap::new();
        let mut paths = BTreeMap::new();
        let reviews = ReviewSet::read(store)?;
        let files = json_files(&store.docs_dir())?;
        let ids: BTreeSet<String> = files
            .iter()
            .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_string))
            .collect();
        let present = |id: &str| ids.contains(id);
        for path in files {
            let Some(id) = path
                .file_stem()
                .and_then(|s| s.to_str())
                .map(str::to_string)
            else {
                continue;
            };
            let doc_bytes = fs_err::read(&path)?;
            let tags_path = store.tags_dir().join(format!("{id}.json"));
            let tags_bytes = match fs_err::read(&tags_path) {
                Ok(b) => Some(b),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(e.into()),
            };
            // The facets count effective tags: the reviews that apply to the document are
            // part of what the index holds of it.
            let mut sha = content_sha(&doc_bytes, tags_bytes.as_deref());
            if reviews.may_apply(&id) {
                let fp = reviews.fingerprint(&parse_document(&path, &doc_bytes)?, &present);
                if !fp.is_empty() {
                    sha = format!("{sha}+{fp}");
                }
            }
            wanted.insert(id.clone(), sha);
            paths.insert(id, (path, tags_path));
        }
        self.apply(wanted, progress, &mut |id| {
            let (path, tags_path) = &paths[id];
            let doc = read_document(path)?;
            if doc.id != id {
                return Err(Error::Document {
                    path: path.clone(),
                    message: format!("holds document {:?}, expected {id:?}", doc.id),
                });
            }
            let tags = match fs_err::read(tags_path) {
                Ok(bytes) => Some(serde_json::from_slice::<DocumentTags>(&bytes).map_err(|e| {
                    Error::Document {
                        path: tags_path.clone(),
                        message: format!("invalid tags: {e}"),
                    }
                })?),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(e.into()),
            };
            if reviews.may_apply(id) {
                let applied = reviews.apply(&doc, tags.as_ref(), &present);
                return Ok((doc, Some(applied.tags)));
            }
            Ok((doc, tags))
        })
    }

    /// Bring the index in line with `docs` (each with its tags, if any): documents not
    /// among them are removed.
    pub fn update_documents(
        &self,
        docs: &[(Document, Option<DocumentTags>)],
        progress: &mut dyn Progress,
    ) -> Result<UpdateReport, Error> {
        let mut wanted = BTreeMap::new();
        let mut by_id = BTreeMap::new();
        for (doc, tags) in docs {
            let doc_json = serde_json::to_vec(doc).unwrap_or_default();
            let tags_json = tags
                .as_ref()
                .map(|t| serde_json::to_vec(t).unwrap_or_default());
            wanted.insert(doc.id.clone(), content_sha(&doc_json, tags_json.as_deref()));
            by_id.insert(doc.id.as_str(), (doc, tags.as_ref()));
        }
        self.apply(wanted, progress, &mut |id| {
            let (doc, tags) = by_id[id];
            Ok(((*doc).clone(), tags.cloned()))
        })
    }

    /// Add, replace and remove documents so that the index holds exactly `wanted`.
    fn apply(
        &self,
        wanted: BTreeMap<String, String>,
        progress: &mut dyn Progress,
        load: &mut Loader<'_>,
    ) -> Result<UpdateReport, Error> {
        let mut writer: IndexWriter<TantivyDocument> = match self.index.writer(self.options.memory)
        {
            Ok(w) => w,
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                return Err(Error::Busy {
                    path: self.dir.clone().unwrap_or_default(),
                });
            }
            Err(e) => return Err(e.into()),
        };
        let mut report = UpdateReport::default();
        let expected = Manifest {
            format: FORMAT,
            analyzer: self.fingerprint(),
            docs: BTreeMap::new(),
        };
        let mut manifest = self.manifest()?;
        if self.options.rebuild {
            manifest = Manifest::default();
            manifest.format = u32::MAX; // forces the rebuild below
        }
        if manifest.format != expected.format || manifest.analyzer != expected.analyzer {
            // Another format or analyser: nothing in the index can be trusted.
            let fresh = manifest == Manifest::default() && self.num_committed_docs()? == 0;
            if !fresh {
                info!("index built by another analyser or format: rebuilding");
                writer.delete_all_documents()?;
                report.rebuilt = true;
            }
            manifest = expected;
        }
        let removed: Vec<String> = manifest
            .docs
            .keys()
            .filter(|id| !wanted.contains_key(*id))
            .cloned()
            .collect();
        let changed: Vec<(&String, &String)> = wanted
            .iter()
            .filter(|(id, sha)| manifest.docs.get(*id) != Some(*sha))
            .collect();
        report.unchanged = wanted.len() - changed.len();
        progress.planned(removed.len() + changed.len());
        if removed.is_empty() && changed.is_empty() && !report.rebuilt {
            report.documents = manifest.docs.len();
            report.paragraphs = self.num_committed_docs()?;
            return Ok(report);
        }
        for id in removed {
            writer.delete_term(Term::from_field_text(self.fields.doc_id, &id));
            manifest.docs.remove(&id);
            progress.document(&id, Change::Removed);
            report.removed.push(id);
        }
        let (mut since_commit, mut bytes_since_commit) = (0, 0);
        for (id, sha) in changed {
            let (doc, tags) = load(id)?;
            let change = if manifest.docs.contains_key(id) {
                // Paragraphs of an earlier version go; those of a killed run were never
                // committed, so they are not there to duplicate.
                writer.delete_term(Term::from_field_text(self.fields.doc_id, id));
                Change::Replaced
            } else {
                Change::Added
            };
            let paragraphs = self.fields.paragraphs(&doc, tags.as_ref());
            debug!(
                id,
                paragraphs = paragraphs.len(),
                ?change,
                "indexing document"
            );
            bytes_since_commit += doc.paragraphs().map(|(_, p)| p.text.len()).sum::<usize>();
            for p in paragraphs {
                writer.add_document(p)?;
            }
            manifest.docs.insert(id.clone(), sha.clone());
            progress.document(id, change);
            match change {
                Change::Added => report.added.push(id.clone()),
                _ => report.replaced.push(id.clone()),
            }
            since_commit += 1;
            if since_commit >= self.options.commit_every
                || bytes_since_commit >= self.options.commit_bytes
            {
                commit(&mut writer, &manifest)?;
                report.commits += 1;
                progress.committed(manifest.docs.len());
                (since_commit, bytes_since_commit) = (0, 0);
            }
        }
        commit(&mut writer, &manifest)?;
        report.commits += 1;
        progress.committed(manifest.docs.len());
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        report.documents = manifest.docs.len();
        report.paragraphs = self.num_committed_docs()?;
        Ok(report)
    }

    /// Paragraphs at the last commit (not what this handle's reader last saw).
    fn num_committed_docs(&self) -> Result<u64, Error> {
        let metas = self.index.load_metas()?;
        Ok(metas.segments.iter().map(|s| u64::from(s.num_docs())).sum())
    }
}

fn commit(writer: &mut IndexWriter<TantivyDocument>, manifest: &Manifest) -> Result<(), Error> {
    let payload = serde_json::to_string(manifest).unwrap_or_default();
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(())
}

fn query_parser(
    index: &tantivy::Index,
    fields: &Fields,
    tokenizers: TokenizerManager,
) -> QueryParser {
    let mut parser = QueryParser::new(index.schema(), vec![fields.text, fields.exact], tokenizers);
    parser.set_conjunction_by_default();
    parser
}

fn same_schema(index: &tantivy::Index, schema: &tantivy::schema::Schema) -> bool {
    serde_json::to_string(&index.schema()).ok() == serde_json::to_string(schema).ok()
}

/// Hex sha256 of a document's JSON and its tags' JSON (absent tags differ from empty).
fn content_sha(doc: &[u8], tags: Option<&[u8]>) -> String {
    let mut h = Sha256::new();
    h.update(doc);
    match tags {
        Some(t) => {
            h.update([1u8]);
            h.update(t);
        }
        None => h.update([0u8]),
    }
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Text whose analysis tells one analyser from another: Bokmål and Nynorsk, compounds,
/// stop words, a word split over a line end.
const PROBE: &str = "Kommunestyret i Røst mener at beredskapsrådet og tjenestene må styrkes. \
    Kommunane treng fleire tilsette i tenestene, og ikkje berre meir arbeidskraft. \
    Samfunnssikker-\nheten i kommunesektoren, KS’ debatthefte 2026 og bl.a. sykefraværet.";

/// A fingerprint of what the analyser makes of [`PROBE`]: when the analyser changes its
/// keys, parts or stop words, the index is rebuilt.
fn analyzer_fingerprint(analyzer: &Analyzer) -> String {
    let mut h = Sha256::new();
    for t in analyzer.analyze(PROBE) {
        for s in [&t.norm, &t.key] {
            h.update(s.as_bytes());
            h.update([0]);
        }
        for s in &t.part_stems {
            h.update(s.as_bytes());
            h.update([1]);
        }
        h.update([u8::from(t.stop)]);
        h.update(t.position.to_le_bytes());
        h.update((t.start as u64).to_le_bytes());
        h.update((t.end as u64).to_le_bytes());
    }
    hex(&h.finalize()[..8])
}

fn json_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    let entries = match fs_err::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e.into()),
    };
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

fn read_document(path: &Path) -> Result<Document, Error> {
    let bytes = fs_err::read(path)?;
    parse_document(path, &bytes)
}

fn parse_document(path: &Path, bytes: &[u8]) -> Result<Document, Error> {
    let doc: Document = serde_json::from_slice(bytes).map_err(|e| Error::Document {
        path: path.to_path_buf(),
        message: format!("invalid JSON: {e}"),
    })?;
    if doc.schema_version != SCHEMA_VERSION {
        return Err(Error::Document {
            path: path.to_path_buf(),
            message: format!(
                "schema_version {} is not supported (expected {SCHEMA_VERSION})",
                doc.schema_version
            ),
        });
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{fjordvik, rost, rost_tags, variant};
    use crate::{SearchRequest, schema::Fields};
    use tantivy::collector::Count;
    use tantivy::query::TermQuery;
    use tantivy::schema::IndexRecordOption;

    fn store_with(dir: &Path, docs: &[Document]) -> Store {
        let store = Store::new(dir);
        for d in docs {
            store.write_document(d).unwrap();
        }
        store
    }

    fn n_paragraphs(doc: &Document) -> u64 {
        doc.paragraphs().count() as u64
    }

    /// Paragraphs in the index (at its last commit) with document id `id`.
    fn paragraphs_of(index: &SearchIndex, id: &str) -> u64 {
        let (_, fields) = Fields::schema();
        let q = TermQuery::new(
            Term::from_field_text(fields.doc_id, id),
            IndexRecordOption::Basic,
        );
        index.reader.searcher().search(&q, &Count).unwrap() as u64
    }

    /// The index holds exactly the documents of its manifest, each with all of its
    /// paragraphs once.
    #[track_caller]
    fn assert_consistent(dir: &Path, all: &[Document]) -> usize {
        let index = SearchIndex::open(dir).expect("the index opens at its last commit");
        let held = index.documents().unwrap();
        let mut expected = 0;
        for doc in all {
            let n = paragraphs_of(&index, &doc.id);
            if held.contains_key(&doc.id) {
                assert_eq!(n, n_paragraphs(doc), "{}: every paragraph once", doc.id);
                expected += n;
            } else {
                assert_eq!(n, 0, "{}: not in the manifest, so not in the index", doc.id);
            }
        }
        assert_eq!(
            index.num_paragraphs(),
            expected,
            "no paragraph outside the manifest"
        );
        held.len()
    }

    fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        json_files(dir).unwrap(); // the folder exists
        fs_err::read_dir(dir)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    fs_err::read(&p).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn updating_twice_changes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let store = store_with(tmp.path(), &[rost(), fjordvik()]);
        let index = SearchIndex::open_or_create(&store.index_dir()).unwrap();
        let first = index.update_from_store(&store, &mut NoProgress).unwrap();
        assert_eq!(first.added.len(), 2);
        assert_eq!(
            first.paragraphs,
            n_paragraphs(&rost()) + n_paragraphs(&fjordvik())
        );
        let before = files(&store.index_dir());
        let second = index.update_from_store(&store, &mut NoProgress).unwrap();
        assert_eq!(
            (
                second.added.len(),
                second.replaced.len(),
                second.removed.len(),
                second.commits
            ),
            (0, 0, 0, 0)
        );
        assert_eq!(second.unchanged, 2);
        assert_eq!(second.paragraphs, first.paragraphs);
        assert_eq!(
            files(&store.index_dir()),
            before,
            "no file of the index changed"
        );
        drop(index);
        // A fresh process (a new handle) agrees.
        let again = SearchIndex::open_or_create(&store.index_dir()).unwrap();
        assert_eq!(
            again
                .update_from_store(&store, &mut NoProgress)
                .unwrap()
                .commits,
            0
        );
    }

    #[test]
    fn a_changed_document_replaces_only_its_own_paragraphs_and_a_removed_one_goes() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            variant(1, "Første versjon."),
            variant(2, "Andre dokument."),
            fjordvik(),
        );
        let store = store_with(tmp.path(), &[a.clone(), b.clone(), c.clone()]);
        let index = SearchIndex::open_or_create(&store.index_dir()).unwrap();
        index.update_from_store(&store, &mut NoProgress).unwrap();

        // Change a, give b tags, remove c.
        let a2 = variant(1, "Andre versjon med snøskredvarsling.");
        store.write_document(&a2).unwrap();
        store.write_tags(&rost_tags(&b)).unwrap();
        store.retain_documents(&[&a.id, &b.id]).unwrap();
        let report = index.update_from_store(&store, &mut NoProgress).unwrap();
        assert_eq!(report.added, Vec::<String>::new());
        assert_eq!(report.replaced, vec![a.id.clone(), b.id.clone()]);
        assert_eq!(report.removed, vec![c.id.clone()]);
        assert_eq!(report.unchanged, 0);
        assert_eq!(report.paragraphs, n_paragraphs(&a2) + n_paragraphs(&b));
        assert_eq!(paragraphs_of(&index, &c.id), 0);
        assert_eq!(paragraphs_of(&index, &a.id), n_paragraphs(&a2));

        let mut req = SearchRequest::new("snøskredvarsling");
        req.filters.segments = None;
        let found = index.search(&req).unwrap();
        assert_eq!(found.summary.total_hits, 1, "the new text is searchable");
        assert_eq!(found.groups[0].hits[0].doc_id, a.id);
        let old = index
            .search(&SearchRequest::new("\"første versjon\""))
            .unwrap();
        assert_eq!(old.summary.total_hits, 0, "the old text is gone");
        let tagged = index.search(&SearchRequest {
            filters: crate::Filters {
                themes: vec!["preparedness".into()],
                ..Default::default()
            },
            ..SearchRequest::new("*")
        });
        assert!(
            tagged.unwrap().summary.total_hits > 0,
            "b's new tags are facets"
        );
    }

    #[test]
    fn reviews_change_the_theme_facets_of_their_document_only() {
        use innspill_model::{Review, ReviewAction};
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (rost(), fjordvik());
        let store = store_with(tmp.path(), &[a.clone(), b.clone()]);
        store.write_tags(&rost_tags(&a)).unwrap();
        let index = SearchIndex::open_or_create(&store.index_dir()).unwrap();
        index.update_from_store(&store, &mut NoProgress).unwrap();
        let count = |theme: &str| {
            index.reload().unwrap();
            let req = SearchRequest {
                filters: crate::Filters {
                    themes: vec![theme.into()],
                    ..Default::default()
                },
                ..SearchRequest::new("*")
            };
            index.search(&req).unwrap().summary.total_hits
        };
        let before = count("preparedness");
        assert!(before > 0);
        let tags = rost_tags(&a);
        let n = tags
            .paragraphs
            .iter()
            .find(|p| p.tags.iter().any(|t| t.theme == "preparedness"))
            .unwrap()
            .n;
        let reject = Review::of(
            &a,
            n,
            "kari",
            ReviewAction::Reject,
            Some("preparedness"),
            None,
        );
        store.append_review(&reject.unwrap()).unwrap();
        let add = Review::of(&a, n, "kari", ReviewAction::Add, Some("autonomy"), None);
        store.append_review(&add.unwrap()).unwrap();
        let report = index.update_from_store(&store, &mut NoProgress).unwrap();
        assert_eq!(
            report.replaced,
            vec![a.id.clone()],
            "only the reviewed document"
        );
        assert_eq!(
            count("preparedness"),
            before - 1,
            "the rejected tag is gone"
        );
        assert_eq!(count("autonomy"), 1, "the added tag is a facet");
        let again = index.update_from_store(&store, &mut NoProgress).unwrap();
        assert_eq!(again.commits, 0, "nothing changed: nothing written");
    }

    #[test]
    fn an_update_killed_before_its_commit_leaves_the_last_commit_and_the_next_run_completes() {
        struct Crash(usize);
        impl Progress for Crash {
            fn document(&mut self, _: &str, _: Change) {
                self.0 -= 1;
                if self.0 == 0 {
                    panic!("simulated crash between add and commit");
                }
            }
        }
        let tmp = tempfile::tempdir().unwrap();
        let docs: Vec<Document> = (0..5)
            .map(|i| variant(i, &format!("Dokument {i}.")))
            .collect();
        let store = store_with(tmp.path(), &docs);
        let dir = store.index_dir();
        let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let index = SearchIndex::open_or_create(&dir)
                .unwrap()
                .with_options(UpdateOptions::default().commit_every(2));
            index.update_from_store(&store, &mut Crash(3))
        }));
        assert!(crashed.is_err());
        // Documents 1 and 2 were committed; the third was added but never committed.
        assert_eq!(assert_consistent(&dir, &docs), 2);
        let index = SearchIndex::open_or_create(&dir).unwrap();
        let report = index.update_from_store(&store, &mut NoProgress).unwrap();
        assert_eq!((report.added.len(), report.unchanged), (3, 2));
        drop(index);
        assert_eq!(assert_consistent(&dir, &docs), 5);
    }

    /// Runs only as the child of `killed_at_any_moment_the_index_opens_and_recovers`.
    #[test]
    fn crash_child() {
        let Some(dir) = std::env::var_os("INNSPILL_INDEX_CRASH_CHILD") else {
            return;
        };
        struct Slow;
        impl Progress for Slow {
            fn document(&mut self, _: &str, _: Change) {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
        let store = Store::new(PathBuf::from(dir));
        let index = SearchIndex::open_or_create(&store.index_dir())
            .unwrap()
            .with_options(UpdateOptions::default().commit_every(1));
        index.update_from_store(&store, &mut Slow).unwrap();
    }

    #[test]
    fn killed_at_any_moment_the_index_opens_and_recovers() {
        let tmp = tempfile::tempdir().unwrap();
        let docs: Vec<Document> = (0..8)
            .map(|i| variant(i, &format!("Dokument {i}.")))
            .collect();
        let store = store_with(tmp.path(), &docs);
        let exe = std::env::current_exe().unwrap();
        let mut delay_ms = 150;
        let mut kills = 0;
        for _ in 0..6 {
            let mut child = std::process::Command::new(&exe)
                .args([
                    "--exact",
                    "index::tests::crash_child",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env("INNSPILL_INDEX_CRASH_CHILD", tmp.path())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(std::time::Duration::from_millis(delay_ms));
            if child.try_wait().unwrap().is_none() {
                child.kill().unwrap(); // SIGKILL: no destructor runs
                kills += 1;
            }
            child.wait().unwrap();
            if store.index_dir().join("meta.json").exists() {
                assert_consistent(&store.index_dir(), &docs);
            }
            delay_ms += 137;
        }
        assert!(kills > 0, "the child was never killed; lower the delays");
        let index = SearchIndex::open_or_create(&store.index_dir()).unwrap();
        let report = index.update_from_store(&store, &mut NoProgress).unwrap();
        assert_eq!(report.removed.len() + report.replaced.len(), 0);
        drop(index);
        assert_eq!(assert_consistent(&store.index_dir(), &docs), docs.len());
    }

    #[test]
    fn readers_see_the_last_commit_while_an_update_runs() {
        struct Watch<'a> {
            reader: &'a SearchIndex,
            seen: Vec<(usize, u64)>,
        }
        impl Progress for Watch<'_> {
            fn committed(&mut self, documents: usize) {
                self.reader.reload().unwrap();
                let hits = self
                    .reader
                    .search(&SearchRequest::new("arbeidskraft"))
                    .unwrap()
                    .summary
                    .total_hits;
                self.seen.push((documents, hits));
            }
        }
        let tmp = tempfile::tempdir().unwrap();
        let docs: Vec<Document> = (0..3).map(|i| variant(i, "")).collect();
        let store = store_with(tmp.path(), &docs);
        let writer = SearchIndex::open_or_create(&store.index_dir())
            .unwrap()
            .with_options(UpdateOptions::default().commit_every(1));
        let reader = SearchIndex::open_or_create(&store.index_dir()).unwrap();
        let mut watch = Watch {
            reader: &reader,
            seen: Vec::new(),
        };
        writer.update_from_store(&store, &mut watch).unwrap();
        let per_doc = watch.seen[0].1;
        assert!(per_doc > 0);
        let seen = watch.seen.clone();
        assert_eq!(
            seen[..3],
            [(1, per_doc), (2, 2 * per_doc), (3, 3 * per_doc)]
        );
    }

    #[test]
    fn a_second_writer_is_told_the_index_is_busy() {
        struct Second<'a>(&'a Store, Option<Error>);
        impl Progress for Second<'_> {
            fn planned(&mut self, _: usize) {
                let other = SearchIndex::open_or_create(&self.0.index_dir()).unwrap();
                self.1 = other.update_from_store(self.0, &mut NoProgress).err();
            }
        }
        let tmp = tempfile::tempdir().unwrap();
        let store = store_with(tmp.path(), &[fjordvik()]);
        let index = SearchIndex::open_or_create(&store.index_dir()).unwrap();
        let mut second = Second(&store, None);
        index.update_from_store(&store, &mut second).unwrap();
        let err = second.1.expect("the second writer fails");
        assert!(matches!(err, Error::Busy { .. }), "{err}");
    }

    #[test]
    fn rebuild_indexes_everything_anew_and_a_stale_index_is_told() {
        let tmp = tempfile::tempdir().unwrap();
        let store = store_with(tmp.path(), &[fjordvik()]);
        let index = SearchIndex::open_or_create(&store.index_dir()).unwrap();
        let first = index.update_from_store(&store, &mut NoProgress).unwrap();
        assert!(!index.is_stale().unwrap());
        let index = index.with_options(UpdateOptions::default().rebuild(true));
        let again = index.update_from_store(&store, &mut NoProgress).unwrap();
        assert!(again.rebuilt);
        assert_eq!(again.added, first.added);
        assert_eq!(again.paragraphs, first.paragraphs);

        // A commit whose manifest names another analyser makes the index stale, and the
        // next update rebuilds it.
        let mut writer: IndexWriter<TantivyDocument> = index.index.writer(16 << 20).unwrap();
        let mut manifest = index.manifest().unwrap();
        manifest.analyzer = "another".into();
        commit(&mut writer, &manifest).unwrap();
        drop(writer);
        assert!(index.is_stale().unwrap());
        let index = index.with_options(UpdateOptions::default());
        let fixed = index.update_from_store(&store, &mut NoProgress).unwrap();
        assert!(fixed.rebuilt);
        assert_eq!(fixed.paragraphs, first.paragraphs);
        assert!(!index.is_stale().unwrap());
    }

    #[test]
    fn commit_bytes_bounds_the_text_between_commits() {
        let docs: Vec<(Document, Option<DocumentTags>)> =
            (0..4).map(|i| (variant(i, ""), None)).collect();
        let each = SearchIndex::in_memory()
            .unwrap()
            .with_options(UpdateOptions::default().commit_bytes(1));
        let report = each.update_documents(&docs, &mut NoProgress).unwrap();
        assert_eq!(
            report.commits,
            docs.len() + 1,
            "one per document, then the last"
        );
        let once = SearchIndex::in_memory().unwrap();
        let report = once.update_documents(&docs, &mut NoProgress).unwrap();
        assert_eq!(report.commits, 1);
        assert_eq!(
            each.num_paragraphs(),
            once.num_paragraphs(),
            "the same paragraphs either way"
        );
    }

    #[test]
    fn the_default_tokenizer_baseline_indexes_the_same_paragraphs_without_the_analyser() {
        let docs = [(rost(), None)];
        let norsk = SearchIndex::in_memory().unwrap();
        norsk.update_documents(&docs, &mut NoProgress).unwrap();
        let plain = SearchIndex::in_memory().unwrap().with_default_tokenizer();
        plain.update_documents(&docs, &mut NoProgress).unwrap();
        assert_eq!(plain.num_paragraphs(), norsk.num_paragraphs());
        let hits = |index: &SearchIndex, q: &str| {
            index
                .search(&SearchRequest::new(q))
                .unwrap()
                .summary
                .total_hits
        };
        // The same words are there; only the analyser's stems and compound parts are not.
        let phrase = "\"mangel på arbeidskraft\"";
        assert_eq!(hits(&plain, phrase), hits(&norsk, phrase));
        assert!(hits(&plain, phrase) > 0);
        // `tjenester` and `tjenesteproduksjon` hold `tjeneste` for the analyser only.
        assert!(hits(&plain, "beredskap") > 0);
        assert_eq!(hits(&plain, "tjeneste"), 0);
        assert!(hits(&norsk, "tjeneste") > 0);
    }

    #[test]
    fn searching_without_an_index_says_how_to_make_one() {
        let tmp = tempfile::tempdir().unwrap();
        let err = SearchIndex::open(&tmp.path().join("index")).unwrap_err();
        assert!(err.to_string().contains("innspill index"), "{err}");
    }

    #[test]
    fn the_analyzer_fingerprint_is_stable() {
        let a = Analyzer::default();
        assert_eq!(analyzer_fingerprint(&a), analyzer_fingerprint(&a.clone()));
        assert_eq!(analyzer_fingerprint(&a).len(), 16);
    }
}
