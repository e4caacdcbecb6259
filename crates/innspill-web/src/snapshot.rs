//! What the app shows, loaded from the store at once, and how it tells that the store
//! changed.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
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

/// Everything a page needs, from one state of the store.
pub(crate) struct Snapshot {
    pub(crate) docs: Vec<Document>,
    pub(crate) by_id: HashMap<String, usize>,
    /// The tagger's tags, by document id.
    pub(crate) raw: HashMap<String, DocumentTags>,
    /// Effective tags (tagger ⊕ reviews), by document id.
    pub(crate) tags: HashMap<String, DocumentTags>,
    pub(crate) reviews: ReviewSet,
    pub(crate) summary: ReviewSummary,
    pub(crate) themes: Vec<ThemeInfo>,
    pub(crate) by_size: Vec<ThemeRow>,
    pub(crate) by_county: Vec<ThemeRow>,
    pub(crate) subs: Vec<ThemeRow>,
    pub(crate) groups: HashMap<String, Groups>,
    pub(crate) register: Register,
    /// Document id → the original file, for documents the ingest report lists as read.
    pub(crate) originals: HashMap<String, PathBuf>,
    pub(crate) index: Option<SearchIndex>,
    pub(crate) stamp: Stamp,
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
pub(crate) fn stamp(store: &Store) -> Stamp {
    let paths = [
        store.docs_dir(),
        store.tags_dir(),
        store.reviews_path(),
        store.register_path(),
        store.ingest_report_path(),
        store.index_dir().join("meta.json"),
    ];
    paths
        .iter()
        .map(|p| {
            let m = std::fs::metadata(p).ok()?;
            Some((m.modified().ok()?, m.len()))
        })
        .collect()
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
        let reviews = ReviewSet::read(store).map_err(err)?;
        let ids: Vec<&str> = themes.iter().map(|t| t.id.as_str()).collect();
        let effective = reviews.apply_all(&docs, &raw_list, &ids);
        let register = store
            .read_register()
            .map_err(err)?
            .unwrap_or_else(|| fallback.clone());
        let analyzer = Analyzer::default();
        let tables = innspill_aggregate::aggregate(&AggregateInput {
            documents: &docs,
            tags: &effective.tags,
            register: &register,
            themes,
            analyzer: &analyzer,
        })
        .map_err(Error::Aggregate)?;
        let rows = |name| innspill_report::theme_table(&tables, name).map_err(Error::Report);
        let (by_size, by_county, subs) = (
            rows("themes_by_size")?,
            rows("themes_by_county")?,
            rows("subthemes_by_size")?,
        );
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
            Ok(i) => Some(i),
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
        Ok(Snapshot {
            by_id,
            raw: raw_list
                .into_iter()
                .map(|t| (t.doc_id.clone(), t))
                .collect(),
            tags: effective
                .tags
                .into_iter()
                .map(|t| (t.doc_id.clone(), t))
                .collect(),
            docs,
            reviews,
            summary: effective.summary,
            themes: themes.to_vec(),
            by_size,
            by_county,
            subs,
            groups,
            register,
            originals,
            index,
            stamp,
        })
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

    /// Whether the tags of paragraph `n` of document `id` include `theme` (and `sub`).
    pub(crate) fn has(&self, id: &str, n: u32, theme: &str, sub: Option<&str>) -> bool {
        self.tags.get(id).is_some_and(|t| {
            t.paragraphs.iter().any(|p| {
                p.n == n
                    && p.tags
                        .iter()
                        .any(|t| t.theme == theme && (sub.is_none() || t.sub.as_deref() == sub))
            })
        })
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
        for d in &self.docs {
            if year.is_some_and(|y| d.year != y) || !self.in_group(&d.id, dim, group) {
                continue;
            }
            let ns: Vec<u32> = d
                .paragraphs()
                .filter(|(k, p)| k.is_respondents_own() && self.has(&d.id, p.n, theme, sub))
                .map(|(_, p)| p.n)
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
