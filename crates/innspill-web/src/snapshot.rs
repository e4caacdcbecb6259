//! What the app shows, loaded from the store at once, and how it tells that the store
//! changed.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use innspill_aggregate::{AggregateInput, ThemeInfo};
use innspill_index::SearchIndex;
use innspill_model::{
    Document, DocumentTags, IngestOutcome, Register, RespondentKind, ReviewSet, ReviewSummary,
    SegmentKind, Store,
};
use innspill_norsk::Analyzer;
use innspill_report::ThemeRow;

use crate::Error;

/// The size class and county a document's respondent is counted under, and its kind.
#[derive(Debug, Clone)]
pub(crate) struct Groups {
    pub(crate) size: String,
    pub(crate) fylke: String,
    pub(crate) kind: RespondentKind,
}

/// Everything a page needs, from one state of the store. What a review cannot change
/// (documents, the tagger's tags, register, index) is shared between the snapshots before
/// and after a review.
pub(crate) struct Snapshot {
    pub(crate) docs: Arc<Vec<Document>>,
    pub(crate) by_id: Arc<HashMap<String, usize>>,
    /// The tagger's tags, in the order read.
    pub(crate) raw_list: Arc<Vec<DocumentTags>>,
    /// The tagger's tags, by document id: an index into `raw_list`.
    pub(crate) raw_at: Arc<HashMap<String, usize>>,
    /// Effective tags (tagger ⊕ reviews), by document id.
    pub(crate) tags: HashMap<String, DocumentTags>,
    pub(crate) reviews: ReviewSet,
    pub(crate) summary: ReviewSummary,
    pub(crate) themes: Vec<ThemeInfo>,
    pub(crate) by_size: Vec<ThemeRow>,
    pub(crate) by_county: Vec<ThemeRow>,
    pub(crate) subs: Vec<ThemeRow>,
    pub(crate) groups: Arc<HashMap<String, Groups>>,
    pub(crate) register: Arc<Register>,
    /// Document id → the original file, for documents the ingest report lists as read.
    pub(crate) originals: Arc<HashMap<String, PathBuf>>,
    pub(crate) index: Option<Arc<SearchIndex>>,
    /// The numbers of each document's own paragraphs (statement, decision), sorted.
    pub(crate) own: Arc<HashMap<String, Vec<u32>>>,
    /// The values the search filters offer, made once per load (not per request).
    pub(crate) choices: Arc<Choices>,
    pub(crate) stamp: Stamp,
}

/// The values of the search page's filters that come from the documents.
#[derive(Debug, Default)]
pub(crate) struct Choices {
    /// Counties, sorted.
    pub(crate) fylker: Vec<String>,
    /// (kommunenummer, «Name kommune (nr)»), by number.
    pub(crate) kommuner: Vec<(String, String)>,
    /// Years, in order.
    pub(crate) years: Vec<u16>,
    /// The booklet questions some paragraph answers, in order (each year's booklet has
    /// its own number of them).
    pub(crate) questions: Vec<u8>,
}

impl Choices {
    fn of(docs: &[Document], groups: &HashMap<String, Groups>) -> Choices {
        let fylker: std::collections::BTreeSet<&str> =
            groups.values().map(|g| g.fylke.as_str()).collect();
        let mut kommuner: BTreeMap<&str, &Document> = BTreeMap::new();
        for d in docs {
            if let Some(nr) = d.respondent.kommunenummer.as_deref() {
                kommuner.entry(nr).or_insert(d);
            }
        }
        let years: std::collections::BTreeSet<u16> = docs.iter().filter_map(|d| d.year).collect();
        let questions: std::collections::BTreeSet<u8> = docs
            .iter()
            .flat_map(|d| d.paragraphs().filter_map(|(_, p)| p.question))
            .collect();
        Choices {
            fylker: fylker.into_iter().map(str::to_string).collect(),
            kommuner: kommuner
                .into_iter()
                .map(|(nr, d)| {
                    (
                        nr.to_string(),
                        format!("{} ({nr})", crate::pages::respondent_name(d)),
                    )
                })
                .collect(),
            years: years.into_iter().collect(),
            questions: questions.into_iter().collect(),
        }
    }
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("docs", &self.docs.len())
            .finish_non_exhaustive()
    }
}

/// Modification times and sizes of what the snapshot was made from.
pub(crate) type Stamp = Vec<Option<(SystemTime, u64)>>;

/// The files and folders whose change means a reload.
fn watched(store: &Store) -> [PathBuf; 6] {
    [
        store.docs_dir(),
        store.tags_dir(),
        store.reviews_path(),
        store.register_path(),
        store.ingest_report_path(),
        store.index_dir().join("meta.json"),
    ]
}

/// The places in [`watched`] a review writes to: the reviews and the index's facets.
const AFTER_REVIEW: [usize; 2] = [2, 5];

fn stamp_of(path: &Path) -> Option<(SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// The modification times and sizes of the files and folders whose change means a reload.
pub(crate) fn stamp(store: &Store) -> Stamp {
    watched(store).iter().map(|p| stamp_of(p)).collect()
}

impl Snapshot {
    /// Load the store. `themes` are the codebook's; `fallback` is the register to use when
    /// the store has none.
    pub(crate) fn load(
        store: &Store,
        themes: &[ThemeInfo],
        fallback: &Register,
    ) -> Result<Snapshot, Error> {
        let err = |source| Error::Store {
            path: store.root().to_path_buf(),
            source,
        };
        let stamp = stamp(store);
        let docs = store.read_documents().map_err(err)?;
        let mut raw_list = Vec::with_capacity(docs.len());
        for d in &docs {
            if let Some(t) = store.read_tags(&d.id).map_err(err)? {
                raw_list.push(t);
            }
        }
        let register = store
            .read_register()
            .map_err(err)?
            .unwrap_or_else(|| fallback.clone());
        let groups = docs
            .iter()
            .map(|d| (d.id.clone(), groups_of(d, &register)))
            .collect();
        let mut originals = HashMap::new();
        if let Some(report) = store.read_ingest_report().map_err(err)? {
            for e in report.inputs {
                if matches!(e.outcome, IngestOutcome::Ok | IngestOutcome::OkWithWarnings)
                    && let Some(id) = e.doc_id
                {
                    originals.entry(id).or_insert_with(|| PathBuf::from(e.path));
                }
            }
        }
        let index = match SearchIndex::open_store(store) {
            Ok(i) => Some(Arc::new(i)),
            Err(e) => {
                tracing::warn!("no search index: {e} (run `innspill run` or `innspill index`)");
                None
            }
        };
        let by_id = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        let raw_at = raw_list
            .iter()
            .enumerate()
            .map(|(i, t)| (t.doc_id.clone(), i))
            .collect();
        let choices = Arc::new(Choices::of(&docs, &groups));
        let own = docs
            .iter()
            .map(|d| {
                let mut ns: Vec<u32> = d
                    .paragraphs()
                    .filter(|(k, _)| k.is_respondents_own())
                    .map(|(_, p)| p.n)
                    .collect();
                ns.sort_unstable();
                (d.id.clone(), ns)
            })
            .collect();
        let base = Snapshot {
            docs: Arc::new(docs),
            by_id: Arc::new(by_id),
            raw_list: Arc::new(raw_list),
            raw_at: Arc::new(raw_at),
            tags: HashMap::new(),
            reviews: ReviewSet::default(),
            summary: ReviewSummary::default(),
            themes: themes.to_vec(),
            by_size: Vec::new(),
            by_county: Vec::new(),
            subs: Vec::new(),
            groups: Arc::new(groups),
            register: Arc::new(register),
            originals: Arc::new(originals),
            index,
            own: Arc::new(own),
            choices,
            stamp,
        };
        base.with_reviews(store)
    }

    /// This snapshot with the reviews read again from the store and everything that
    /// follows from them (effective tags, agreement, the theme tables) made anew; the
    /// documents, the tagger's tags, the register and the index are shared, not read.
    /// What a review changes takes a fraction of a full load (no text is analysed).
    pub(crate) fn with_reviews(&self, store: &Store) -> Result<Snapshot, Error> {
        let err = |source| Error::Store {
            path: store.root().to_path_buf(),
            source,
        };
        let mut stamp = self.stamp.clone();
        let paths = watched(store);
        for i in AFTER_REVIEW {
            stamp[i] = stamp_of(&paths[i]);
        }
        let reviews = ReviewSet::read(store).map_err(err)?;
        let ids: Vec<&str> = self.themes.iter().map(|t| t.id.as_str()).collect();
        let effective = reviews.apply_all(&self.docs, &self.raw_list, &ids);
        let analyzer = Analyzer::default();
        let tables = innspill_aggregate::theme_tables(&AggregateInput {
            documents: &self.docs,
            tags: &effective.tags,
            register: &self.register,
            themes: &self.themes,
            analyzer: &analyzer,
        })
        .map_err(Error::Aggregate)?;
        let rows = |name| innspill_report::theme_table(&tables, name).map_err(Error::Report);
        Ok(Snapshot {
            docs: Arc::clone(&self.docs),
            by_id: Arc::clone(&self.by_id),
            raw_list: Arc::clone(&self.raw_list),
            raw_at: Arc::clone(&self.raw_at),
            tags: effective
                .tags
                .into_iter()
                .map(|t| (t.doc_id.clone(), t))
                .collect(),
            reviews,
            summary: effective.summary,
            themes: self.themes.clone(),
            by_size: rows("themes_by_size")?,
            by_county: rows("themes_by_county")?,
            subs: rows("subthemes_by_size")?,
            groups: Arc::clone(&self.groups),
            register: Arc::clone(&self.register),
            originals: Arc::clone(&self.originals),
            index: self.index.clone(),
            own: Arc::clone(&self.own),
            choices: Arc::clone(&self.choices),
            stamp,
        })
    }

    /// The tagger's tags of document `id`.
    pub(crate) fn raw(&self, id: &str) -> Option<&DocumentTags> {
        self.raw_at.get(id).map(|&i| &self.raw_list[i])
    }

    pub(crate) fn doc(&self, id: &str) -> Option<&Document> {
        self.by_id.get(id).map(|&i| &self.docs[i])
    }

    /// The label of a theme (or sub-theme) id.
    pub(crate) fn label(&self, theme: &str, sub: Option<&str>) -> String {
        let Some(t) = self.themes.iter().find(|t| t.id == theme) else {
            return sub.unwrap_or(theme).to_string();
        };
        match sub {
            None => t.label.clone(),
            Some(s) => t
                .subs
                .iter()
                .find(|(id, _)| id == s)
                .map_or_else(|| s.to_string(), |(_, l)| l.clone()),
        }
    }

    /// Position of a theme in the codebook (its highlight colour).
    pub(crate) fn theme_pos(&self, theme: &str) -> usize {
        self.themes
            .iter()
            .position(|t| t.id == theme)
            .unwrap_or(self.themes.len())
    }

    /// Documents in `group` of dimension `dim` (`size` or `fylke`), as the theme tables
    /// count them: `alle` is every member (not KS' regions), `ks_region` only those.
    pub(crate) fn in_group(&self, id: &str, dim: &str, group: &str) -> bool {
        let Some(g) = self.groups.get(id) else {
            return false;
        };
        let ks = g.kind == RespondentKind::KsRegion;
        match group {
            "alle" => !ks,
            "ks_region" => ks,
            _ if ks => false,
            _ if dim == "fylke" => g.fylke == group,
            _ => g.size == group,
        }
    }

    /// Respondent-own paragraphs (statement, decision) of every document in the group
    /// that carry the theme, by document, in document order; only documents of `year`
    /// where it is given (`Some(None)`: documents of no known year), as the theme tables
    /// count each year apart.
    pub(crate) fn cell(
        &self,
        dim: &str,
        group: &str,
        theme: &str,
        sub: Option<&str>,
        year: Option<Option<u16>>,
    ) -> BTreeMap<String, Vec<u32>> {
        let mut out = BTreeMap::new();
        for d in self.docs.iter() {
            if year.is_some_and(|y| d.year != y) || !self.in_group(&d.id, dim, group) {
                continue;
            }
            // The tagged paragraphs first (few), then which of them are the respondent's own.
            let Some(tags) = self.tags.get(&d.id) else {
                continue;
            };
            let mut tagged: Vec<u32> = tags
                .paragraphs
                .iter()
                .filter(|p| {
                    p.tags
                        .iter()
                        .any(|t| t.theme == theme && (sub.is_none() || t.sub.as_deref() == sub))
                })
                .map(|p| p.n)
                .collect();
            if tagged.is_empty() {
                continue;
            }
            tagged.sort_unstable();
            tagged.dedup();
            let own = self.own.get(&d.id).map_or(&[][..], Vec::as_slice);
            let ns: Vec<u32> = tagged
                .into_iter()
                .filter(|n| own.binary_search(n).is_ok())
                .collect();
            if !ns.is_empty() {
                out.insert(d.id.clone(), ns);
            }
        }
        out
    }
}

fn groups_of(d: &Document, register: &Register) -> Groups {
    let r = &d.respondent;
    let entry = r.kommunenummer.as_deref().and_then(|nr| register.get(nr));
    let size = r
        .size_class
        .or_else(|| entry.and_then(|e| register.size_class(e)))
        .map_or("ukjent", |s| s.as_str())
        .to_string();
    let fylke = r
        .fylke
        .clone()
        .or_else(|| entry.map(|e| e.fylke.clone()))
        .unwrap_or_else(|| "ukjent".to_string());
    Groups {
        size,
        fylke,
        kind: r.kind,
    }
}

/// Whether a segment kind is the respondent's own words.
pub(crate) fn own(kind: SegmentKind) -> bool {
    kind.is_respondents_own()
}

/// The original file of a document, if the ingest report lists it and it is a file.
pub(crate) fn original_file<'a>(snap: &'a Snapshot, id: &str) -> Option<&'a Path> {
    snap.originals
        .get(id)
        .map(PathBuf::as_path)
        .filter(|p| p.is_file())
}
