//! The analyst's corrections: `STORE/reviews.jsonl`, effective tags, and agreement
//! between the tagger and the reviewers.
//!
//! A [`Review`] accepts or rejects a tag on a paragraph, adds one, or notes something. The
//! file is append-only: [`Store::append_review`] writes one line under an exclusive lock
//! and syncs it to disk before it returns, so two browsers at once lose nothing and an
//! acknowledged review survives a crash. [`ReviewSet::apply`] turns the tagger's tags of a
//! document into its **effective tags**; every count (tables, report, facets, web UI) is
//! made from those.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{Document, DocumentTags, Error, ParagraphTags, Store, Tag, Via};

/// What a review does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewAction {
    /// The tag is right (added when the tagger did not give it).
    Accept,
    /// The tag is wrong. Without a sub-theme, the whole theme is wrong for the paragraph:
    /// its theme tag and every sub-theme tag go.
    Reject,
    /// The paragraph has this theme (or sub-theme) although the tagger missed it.
    Add,
    /// A note only; tags stay as they are.
    Note,
}

impl ReviewAction {
    /// The name used in JSON (`accept`).
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewAction::Accept => "accept",
            ReviewAction::Reject => "reject",
            ReviewAction::Add => "add",
            ReviewAction::Note => "note",
        }
    }

    /// Parse a name used in JSON.
    pub fn parse(s: &str) -> Option<ReviewAction> {
        Some(match s {
            "accept" => ReviewAction::Accept,
            "reject" => ReviewAction::Reject,
            "add" => ReviewAction::Add,
            "note" => ReviewAction::Note,
            _ => return None,
        })
    }
}

/// One line of `STORE/reviews.jsonl` (contract «Reviews» in `design.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// When it was made, UTC, RFC 3339 (`2026-12-02T13:05:00Z`).
    pub time: String,
    /// Who made it.
    pub reviewer: String,
    /// The document's id.
    pub doc_id: String,
    /// The document's sha256 when the review was made.
    pub doc_sha256: String,
    /// The paragraph's number ([`crate::Paragraph::n`]).
    pub paragraph: u32,
    /// [`text_sha256`] of the paragraph's text when the review was made.
    pub text_sha256: String,
    /// What it does.
    pub action: ReviewAction,
    /// The theme id (absent for a note on the paragraph as a whole).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// The sub-theme id, for a sub-theme tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
    /// A free-text note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Review {
    /// A review of paragraph `n` of `doc` made now, by `reviewer`; `None` when the document
    /// has no paragraph `n`.
    pub fn of(
        doc: &Document,
        n: u32,
        reviewer: &str,
        action: ReviewAction,
        theme: Option<&str>,
        sub: Option<&str>,
    ) -> Option<Review> {
        let (_, p) = doc.paragraphs().find(|(_, p)| p.n == n)?;
        Some(Review {
            time: now_rfc3339(),
            reviewer: reviewer.to_string(),
            doc_id: doc.id.clone(),
            doc_sha256: doc.source.sha256.clone(),
            paragraph: n,
            text_sha256: text_sha256(&p.text),
            action,
            theme: theme.map(str::to_string),
            sub: sub.map(str::to_string),
            note: None,
        })
    }

    /// The same review with a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Review {
        self.note = Some(note.into());
        self
    }
}

/// Hex sha256 of a paragraph's text, as reviews record it.
pub fn text_sha256(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The current time, UTC, as RFC 3339 with seconds (`2026-12-02T13:05:00Z`).
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(secs)
}

/// Seconds since 1970 as RFC 3339, UTC (Howard Hinnant's civil-from-days).
fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

impl Store {
    /// `STORE/reviews.jsonl`.
    pub fn reviews_path(&self) -> PathBuf {
        self.root().join("reviews.jsonl")
    }

    /// Append `review` as one line to `reviews.jsonl`, holding an exclusive lock on the
    /// file while writing, and sync it to disk before returning: once this returns `Ok`,
    /// the review survives a crash, and concurrent writers (two browsers, two processes)
    /// never interleave or lose lines. The bytes of a line torn by an earlier crash (never acknowledged) are dropped first.
    pub fn append_review(&self, review: &Review) -> Result<(), Error> {
        let path = self.reviews_path();
        fs_err::create_dir_all(self.root())?;
        let mut line = serde_json::to_vec(review).map_err(|source| Error::Json {
            path: path.clone(),
            source,
        })?;
        line.push(b'\n');
        let file = std::fs::OpenOptions::new()
            .create(true)
            .read(true)
            .append(true)
            .open(&path)
            .map_err(|e| io_at(&path, e))?;
        file.lock().map_err(|e| io_at(&path, e))?;
        let result = (|| {
            let len = file.metadata()?.len();
            if len > 0 {
                let keep = complete_len(&file)?;
                if keep < len {
                    // Bytes of a write torn by a crash: never acknowledged, so dropped.
                    file.set_len(keep)?;
                }
            }
            let mut f = &file;
            f.write_all(&line)?;
            file.sync_all()
        })();
        let _ = file.unlock();
        result.map_err(|e| io_at(&path, e))?;
        if let Some(dir) = path.parent() {
            // A new file's directory entry must reach the disk too.
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }

    /// Every review of `reviews.jsonl` in file order (none when the file is absent). A
    /// last line without its newline (a write torn by a crash, never acknowledged) is
    /// ignored; any other line that is not a review is an error naming its line.
    pub fn read_reviews(&self) -> Result<Vec<Review>, Error> {
        let path = self.reviews_path();
        let text = match fs_err::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let complete = text.rfind('\n').map_or("", |i| &text[..=i]);
        let mut out = Vec::new();
        for (i, line) in complete.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let review = serde_json::from_str(line).map_err(|source| Error::Review {
                path: path.clone(),
                line: i + 1,
                source,
            })?;
            out.push(review);
        }
        Ok(out)
    }
}

/// Length of the file up to and including its last newline.
fn complete_len(file: &std::fs::File) -> std::io::Result<u64> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = file;
    f.seek(SeekFrom::Start(0))?;
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes)?;
    Ok(bytes
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i as u64 + 1))
}

fn io_at(path: &std::path::Path, e: std::io::Error) -> Error {
    Error::Io(std::io::Error::new(
        e.kind(),
        format!("{}: {e}", path.display()),
    ))
}

/// Why a review no longer applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrphanReason {
    /// No document of that id (nor of the same respondent and year) holds the paragraph's
    /// text any more.
    DocumentGone,
    /// The paragraph's text changed (re-ingest) and no other paragraph has the old text.
    TextChanged,
}

impl OrphanReason {
    /// Norwegian, for the report and the web UI.
    pub fn label(self) -> &'static str {
        match self {
            OrphanReason::DocumentGone => "dokumentet finnes ikke lenger",
            OrphanReason::TextChanged => "avsnittet er endret etter ny innlesing",
        }
    }
}

/// A review that no longer applies: kept in the file, shown, never dropped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Orphan {
    /// The review.
    pub review: Review,
    /// Why it no longer applies.
    pub reason: OrphanReason,
}

/// Where a review applies after re-ingest: the document and paragraph that hold the text it
/// was made on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    paragraph: u32,
}

/// All reviews of a store, indexed by document, in file order.
///
/// A review applies to the paragraph it names when that paragraph's text is unchanged.
/// When it changed, or the document was re-ingested under another id (ids hold the first
/// digits of the file's sha256), the review follows its text: to the one paragraph of the
/// same document, or of the same respondent and year (`{nr}-{year}-`), whose text has the
/// recorded hash. Otherwise it is an [`Orphan`].
#[derive(Debug, Clone, Default)]
pub struct ReviewSet {
    reviews: Vec<Review>,
    /// `{nr}-{year}` prefix of the document id → indices of its reviews, in file order.
    by_prefix: BTreeMap<String, Vec<usize>>,
}

/// The id of a document without its hash digits: `1856-2026`.
fn id_prefix(id: &str) -> &str {
    id.rsplit_once('-').map_or(id, |(p, _)| p)
}

/// What [`ReviewSet::apply`] made of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The effective tags: the tagger's with the reviews applied.
    pub tags: DocumentTags,
    /// Paragraphs with at least one applied review other than a note.
    pub reviewed: BTreeSet<u32>,
    /// Reviews applied to this document (notes too), with the paragraph each now applies
    /// to, in file order.
    pub applied: Vec<(u32, Review)>,
}

impl ReviewSet {
    /// The reviews, in file order (later lines win).
    pub fn new(reviews: Vec<Review>) -> ReviewSet {
        let mut by_prefix: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, r) in reviews.iter().enumerate() {
            by_prefix
                .entry(id_prefix(&r.doc_id).to_string())
                .or_default()
                .push(i);
        }
        ReviewSet { reviews, by_prefix }
    }

    /// The reviews of `store` (none when it has no `reviews.jsonl`).
    pub fn read(store: &Store) -> Result<ReviewSet, Error> {
        Ok(ReviewSet::new(store.read_reviews()?))
    }

    /// Every review, in file order.
    pub fn reviews(&self) -> &[Review] {
        &self.reviews
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.reviews.is_empty()
    }

    /// Whether any review may apply to document `id` (one of its respondent and year
    /// exists), so callers can skip parsing the others.
    pub fn may_apply(&self, id: &str) -> bool {
        self.by_prefix.contains_key(id_prefix(id))
    }

    /// Where review `r` applies within `doc`, if it does.
    fn anchor(r: &Review, doc: &Document) -> Option<Anchor> {
        if r.doc_id == doc.id
            && let Some((_, p)) = doc.paragraphs().find(|(_, p)| p.n == r.paragraph)
            && text_sha256(&p.text) == r.text_sha256
        {
            return Some(Anchor {
                paragraph: r.paragraph,
            });
        }
        let mut same = doc
            .paragraphs()
            .filter(|(_, p)| text_sha256(&p.text) == r.text_sha256);
        match (same.next(), same.next()) {
            (Some((_, p)), None) => Some(Anchor { paragraph: p.n }),
            // Two paragraphs with the text: the one with the recorded number, else none.
            (Some(_), Some(_)) => doc
                .paragraphs()
                .find(|(_, p)| p.n == r.paragraph && text_sha256(&p.text) == r.text_sha256)
                .map(|(_, p)| Anchor { paragraph: p.n }),
            _ => None,
        }
    }

    /// The reviews that apply to `doc`, with their paragraph, in file order. A review of
    /// another document of the same respondent and year applies only when its own
    /// document is not among `present` (it was re-ingested under a new id).
    fn applying(&self, doc: &Document, present: &dyn Fn(&str) -> bool) -> Vec<(u32, &Review)> {
        let Some(idx) = self.by_prefix.get(id_prefix(&doc.id)) else {
            return Vec::new();
        };
        idx.iter()
            .map(|&i| &self.reviews[i])
            .filter(|r| r.doc_id == doc.id || !present(&r.doc_id))
            .filter_map(|r| Self::anchor(r, doc).map(|a| (a.paragraph, r)))
            .collect()
    }

    /// A fingerprint of the reviews that apply to `doc` (empty when none), so that an index
    /// can tell when a document's effective tags changed.
    pub fn fingerprint(&self, doc: &Document, present: &dyn Fn(&str) -> bool) -> String {
        let applying = self.applying(doc, present);
        if applying.is_empty() {
            return String::new();
        }
        let mut h = Sha256::new();
        for (n, r) in applying {
            h.update(n.to_le_bytes());
            h.update(serde_json::to_vec(r).unwrap_or_default());
            h.update(b"\n");
        }
        hex(&h.finalize())
    }

    /// The effective tags of `doc`: the tagger's `tags` (none when `None`) with the reviews
    /// applied in file order, so the latest review of a (paragraph, theme, sub-theme)
    /// decides:
    ///
    /// - `accept`: the tag stays (and is added, marked [`Via::Review`], when the tagger did
    ///   not give it);
    /// - `reject` with a sub-theme: that sub-theme tag goes; without one: the theme goes
    ///   from the paragraph, its sub-theme tags too;
    /// - `add`: the tag is added ([`Via::Review`], score 0, no evidence) unless present;
    /// - `note`: nothing changes.
    ///
    /// `present` says which document ids the store holds now (see [`ReviewSet`]).
    pub fn apply(
        &self,
        doc: &Document,
        tags: Option<&DocumentTags>,
        present: &dyn Fn(&str) -> bool,
    ) -> Applied {
        let mut out = tags.cloned().unwrap_or_else(|| DocumentTags {
            doc_id: doc.id.clone(),
            sha256: doc.source.sha256.clone(),
            codebook: String::new(),
            paragraphs: Vec::new(),
        });
        let applying = self.applying(doc, present);
        let mut reviewed = BTreeSet::new();
        let mut applied = Vec::with_capacity(applying.len());
        for (n, r) in applying {
            applied.push((n, r.clone()));
            let Some(theme) = r.theme.as_deref() else {
                continue;
            };
            if r.action == ReviewAction::Note {
                continue;
            }
            reviewed.insert(n);
            let pos = match out.paragraphs.binary_search_by_key(&n, |p| p.n) {
                Ok(i) => i,
                Err(i) => {
                    out.paragraphs.insert(
                        i,
                        ParagraphTags {
                            n,
                            tags: Vec::new(),
                            demands: Vec::new(),
                        },
                    );
                    i
                }
            };
            let pt = &mut out.paragraphs[pos];
            let sub = r.sub.as_deref();
            let has = |t: &Tag| t.theme == theme && t.sub.as_deref() == sub;
            match r.action {
                ReviewAction::Accept | ReviewAction::Add => {
                    if !pt.tags.iter().any(has) {
                        pt.tags.push(Tag {
                            theme: theme.to_string(),
                            sub: sub.map(str::to_string),
                            score: 0.0,
                            evidence: Vec::new(),
                            via: Via::Review,
                            confidence: None,
                        });
                        pt.tags
                            .sort_by(|a, b| (&a.theme, &a.sub).cmp(&(&b.theme, &b.sub)));
                    }
                }
                ReviewAction::Reject => match sub {
                    Some(_) => pt.tags.retain(|t| !has(t)),
                    None => pt.tags.retain(|t| t.theme != theme),
                },
                ReviewAction::Note => {}
            }
        }
        out.paragraphs
            .retain(|p| !p.tags.is_empty() || !p.demands.is_empty());
        Applied {
            tags: out,
            reviewed,
            applied,
        }
    }

    /// The effective tags of every document (matched to `tags` by `doc_id`), with the
    /// agreement between tagger and reviewers over `themes` and the reviews that no longer
    /// apply.
    pub fn apply_all(
        &self,
        docs: &[Document],
        tags: &[DocumentTags],
        themes: &[&str],
    ) -> Effective {
        let present: BTreeSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        let is_present = |id: &str| present.contains(id);
        let by_id: BTreeMap<&str, &DocumentTags> =
            tags.iter().map(|t| (t.doc_id.as_str(), t)).collect();
        let mut effective = Vec::with_capacity(docs.len());
        let mut used = vec![false; self.reviews.len()];
        let mut counts: Vec<[u64; 4]> = vec![[0; 4]; themes.len()];
        let mut paragraphs = 0;
        let mut applied_count = 0;
        for doc in docs {
            let raw = by_id.get(doc.id.as_str()).copied();
            let a = self.apply(doc, raw, &is_present);
            for (_, r) in &a.applied {
                if let Some(i) = self.reviews.iter().position(|x| x == r)
                    && !used[i]
                {
                    used[i] = true;
                    applied_count += 1;
                }
            }
            paragraphs += a.reviewed.len();
            for &n in &a.reviewed {
                let has = |t: Option<&DocumentTags>, theme: &str| {
                    t.and_then(|t| t.paragraphs.iter().find(|p| p.n == n))
                        .is_some_and(|p| p.tags.iter().any(|x| x.theme == theme))
                };
                for (ti, theme) in themes.iter().enumerate() {
                    let tagger = has(raw, theme);
                    let reviewer = has(Some(&a.tags), theme);
                    let cell = usize::from(!tagger) * 2 + usize::from(!reviewer);
                    counts[ti][cell] += 1;
                }
            }
            if raw.is_some() || !a.tags.paragraphs.is_empty() {
                effective.push(a.tags);
            }
        }
        let mut orphans = Vec::new();
        for (i, r) in self.reviews.iter().enumerate() {
            if used[i] {
                continue;
            }
            let reason = if present.contains(r.doc_id.as_str()) {
                OrphanReason::TextChanged
            } else {
                OrphanReason::DocumentGone
            };
            orphans.push(Orphan {
                review: r.clone(),
                reason,
            });
        }
        let agreement = themes
            .iter()
            .zip(counts)
            .map(|(t, c)| Agreement::new(t, c))
            .collect();
        Effective {
            tags: effective,
            summary: ReviewSummary {
                reviews: self.reviews.len(),
                applied: applied_count,
                paragraphs,
                reviewers: self
                    .reviews
                    .iter()
                    .map(|r| r.reviewer.clone())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
                agreement,
                orphans,
            },
        }
    }
}

/// The effective tags of a store and what the reviews did.
#[derive(Debug, Clone, PartialEq)]
pub struct Effective {
    /// Effective tags, one entry per document that has tags (raw or reviewed).
    pub tags: Vec<DocumentTags>,
    /// Counts, agreement and orphans.
    pub summary: ReviewSummary,
}

/// What the reviews amount to, for the report and the web UI.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ReviewSummary {
    /// Lines in `reviews.jsonl`.
    pub reviews: usize,
    /// Reviews that apply to a paragraph of the store now.
    pub applied: usize,
    /// Paragraphs with at least one applied review other than a note.
    pub paragraphs: usize,
    /// Names of the reviewers, sorted.
    pub reviewers: Vec<String>,
    /// Tagger versus reviewers per theme, over the reviewed paragraphs.
    pub agreement: Vec<Agreement>,
    /// Reviews that no longer apply, in file order.
    pub orphans: Vec<Orphan>,
}

/// Agreement on one theme between the tagger and the reviewers, over the reviewed
/// paragraphs: whether the paragraph has the theme by the tagger's tags and by the
/// effective tags (a theme a reviewer did not touch counts as confirmed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    /// The theme id.
    pub theme: String,
    /// Both say yes.
    pub both: u64,
    /// Only the tagger says yes (rejected by a reviewer).
    pub tagger_only: u64,
    /// Only the reviewers say yes (added by a reviewer).
    pub reviewer_only: u64,
    /// Both say no.
    pub neither: u64,
    /// Cohen's κ; `None` when there are no paragraphs or chance agreement is 1 (every
    /// paragraph the same label by both, so κ is undefined).
    pub kappa: Option<f64>,
}

impl Agreement {
    fn new(theme: &str, [both, tagger_only, reviewer_only, neither]: [u64; 4]) -> Agreement {
        Agreement {
            theme: theme.to_string(),
            both,
            tagger_only,
            reviewer_only,
            neither,
            kappa: cohen_kappa(both, tagger_only, reviewer_only, neither),
        }
    }

    /// Reviewed paragraphs.
    pub fn total(&self) -> u64 {
        self.both + self.tagger_only + self.reviewer_only + self.neither
    }
}

/// Cohen's κ of a 2×2 table of two raters: `a` both yes, `b` first only, `c` second only,
/// `d` both no. `None` when the table is empty or chance agreement is 1.
pub fn cohen_kappa(a: u64, b: u64, c: u64, d: u64) -> Option<f64> {
    let n = (a + b + c + d) as f64;
    if n == 0.0 {
        return None;
    }
    let po = (a + d) as f64 / n;
    let yes1 = (a + b) as f64 / n;
    let yes2 = (a + c) as f64 / n;
    let pe = yes1 * yes2 + (1.0 - yes1) * (1.0 - yes2);
    if (1.0 - pe).abs() < 1e-12 {
        return None;
    }
    Some((po - pe) / (1.0 - pe))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        DetectedBy, Format, Paragraph, ParagraphKind, Respondent, RespondentKind, SCHEMA_VERSION,
        Segment, SegmentKind, Source,
    };

    fn doc(id: &str, texts: &[&str]) -> Document {
        let paragraphs = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Paragraph {
                n: i as u32,
                kind: ParagraphKind::Paragraph,
                text: t.to_string(),
                page: None,
                start: 0,
                end: 0,
                section: None,
                question: None,
                lines: None,
                ocr: None,
            })
            .collect();
        Document {
            schema_version: SCHEMA_VERSION,
            id: id.to_string(),
            source: Source {
                path: "x.txt".into(),
                sha256: format!("sha-{id}"),
                format: Format::Txt,
                pages: None,
                ocr: None,
            },
            respondent: Respondent {
                kommunenummer: Some("1856".into()),
                name: Some("Røst".into()),
                kind: RespondentKind::Kommune,
                fylke: None,
                population: None,
                size_class: None,
                detected_by: DetectedBy::Text,
            },
            year: Some(2026),
            language: None,
            segments: vec![Segment {
                kind: SegmentKind::Statement,
                heading: None,
                paragraphs,
            }],
            warnings: vec![],
            text: String::new(),
        }
    }

    fn tag(theme: &str, sub: Option<&str>) -> Tag {
        Tag {
            theme: theme.into(),
            sub: sub.map(str::to_string),
            score: 1.0,
            evidence: vec![],
            via: Via::Text,
            confidence: None,
        }
    }

    fn tags(d: &Document, paras: Vec<(u32, Vec<Tag>)>) -> DocumentTags {
        DocumentTags {
            doc_id: d.id.clone(),
            sha256: d.source.sha256.clone(),
            codebook: "default@1".into(),
            paragraphs: paras
                .into_iter()
                .map(|(n, tags)| ParagraphTags {
                    n,
                    tags,
                    demands: vec![],
                })
                .collect(),
        }
    }

    fn review(
        d: &Document,
        n: u32,
        action: ReviewAction,
        theme: &str,
        sub: Option<&str>,
    ) -> Review {
        Review::of(d, n, "kari", action, Some(theme), sub).expect("paragraph exists")
    }

    /// `(n, theme, sub)` of every effective tag, for assertions that say what they expected.
    fn keys(t: &DocumentTags) -> Vec<(u32, String, Option<String>)> {
        t.paragraphs
            .iter()
            .flat_map(|p| {
                p.tags
                    .iter()
                    .map(move |t| (p.n, t.theme.clone(), t.sub.clone()))
            })
            .collect()
    }

    fn key(n: u32, theme: &str, sub: Option<&str>) -> (u32, String, Option<String>) {
        (n, theme.to_string(), sub.map(str::to_string))
    }

    const ALL: &dyn Fn(&str) -> bool = &|_| true;

    #[test]
    fn reject_add_and_the_latest_review_wins() {
        let d = doc(
            "1856-2026-aaaaaa",
            &["Vi mangler sykepleiere.", "Beredskap er viktig."],
        );
        let t = tags(
            &d,
            vec![(
                0,
                vec![
                    tag("workforce", None),
                    tag("workforce", Some("recruitment")),
                ],
            )],
        );
        let set = ReviewSet::new(vec![
            review(
                &d,
                0,
                ReviewAction::Reject,
                "workforce",
                Some("recruitment"),
            ),
            review(&d, 1, ReviewAction::Add, "preparedness", None),
            review(&d, 1, ReviewAction::Reject, "preparedness", None),
            review(&d, 1, ReviewAction::Accept, "preparedness", None),
        ]);
        let a = set.apply(&d, Some(&t), ALL);
        assert_eq!(
            keys(&a.tags),
            [key(0, "workforce", None), key(1, "preparedness", None)],
            "the sub-theme tag is rejected; the last review of paragraph 1 (accept) wins"
        );
        assert_eq!(a.tags.paragraphs[1].tags[0].via, Via::Review);
        assert_eq!(a.reviewed, BTreeSet::from([0, 1]));
    }

    #[test]
    fn rejecting_a_theme_takes_its_sub_themes_too_and_notes_change_nothing() {
        let d = doc("1856-2026-aaaaaa", &["Vi mangler sykepleiere."]);
        let t = tags(
            &d,
            vec![(
                0,
                vec![
                    tag("welfare", None),
                    tag("workforce", None),
                    tag("workforce", Some("recruitment")),
                ],
            )],
        );
        let set = ReviewSet::new(vec![
            review(&d, 0, ReviewAction::Note, "welfare", None).with_note("usikker"),
            review(&d, 0, ReviewAction::Reject, "workforce", None),
        ]);
        let a = set.apply(&d, Some(&t), ALL);
        assert_eq!(keys(&a.tags), [key(0, "welfare", None)]);
        assert_eq!(a.applied.len(), 2);
    }

    #[test]
    fn changed_text_orphans_the_review_but_moved_text_is_followed() {
        let old = doc(
            "1856-2026-aaaaaa",
            &["Første avsnitt.", "Vi mangler sykepleiere.", "Slutt."],
        );
        let reviews = vec![
            review(&old, 1, ReviewAction::Reject, "workforce", None),
            review(&old, 2, ReviewAction::Add, "welfare", None),
        ];
        // Re-ingested from a changed file: a new id, paragraph 1 moved to 0, «Slutt.» edited.
        let new = doc(
            "1856-2026-bbbbbb",
            &["Vi mangler sykepleiere.", "Slutt på det."],
        );
        let t = tags(&new, vec![(0, vec![tag("workforce", None)])]);
        let set = ReviewSet::new(reviews);
        let eff = set.apply_all(std::slice::from_ref(&new), &[t], &["workforce", "welfare"]);
        assert_eq!(
            keys(&eff.tags[0]),
            Vec::<(u32, String, Option<String>)>::new()
        );
        assert_eq!(eff.summary.applied, 1);
        assert_eq!(eff.summary.orphans.len(), 1, "{:?}", eff.summary.orphans);
        assert_eq!(eff.summary.orphans[0].review.paragraph, 2);
        assert_eq!(eff.summary.orphans[0].reason, OrphanReason::DocumentGone);

        // Same id, text of the reviewed paragraph changed.
        let edited = doc(
            "1856-2026-aaaaaa",
            &["Første avsnitt.", "Vi mangler lærere.", "Slutt."],
        );
        let eff = set.apply_all(std::slice::from_ref(&edited), &[], &["workforce"]);
        assert_eq!(eff.summary.orphans.len(), 1);
        assert_eq!(eff.summary.orphans[0].reason, OrphanReason::TextChanged);
        assert_eq!(keys(&eff.tags[0]), [key(2, "welfare", None)]);
    }

    #[test]
    fn a_review_of_a_document_still_present_does_not_apply_to_its_namesake() {
        let a = doc("1856-2026-aaaaaa", &["Felles tekst."]);
        let b = doc("1856-2026-bbbbbb", &["Felles tekst."]);
        let set = ReviewSet::new(vec![review(&a, 0, ReviewAction::Add, "welfare", None)]);
        let eff = set.apply_all(&[a.clone(), b.clone()], &[], &["welfare"]);
        assert_eq!(eff.tags.len(), 1);
        assert_eq!(eff.tags[0].doc_id, a.id);
        assert!(
            set.fingerprint(&b, &|id| id == a.id || id == b.id)
                .is_empty()
        );
        assert!(!set.fingerprint(&a, &|_| true).is_empty());
    }

    #[test]
    fn kappa_matches_a_worked_example() {
        // 50 items: 20 both yes, 5 first only, 10 second only, 15 both no.
        // po = 0.7, pe = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4.
        let k = cohen_kappa(20, 5, 10, 15).unwrap();
        assert!((k - 0.4).abs() < 1e-12, "κ = {k}, expected 0.4");
        assert_eq!(
            cohen_kappa(3, 0, 0, 0),
            None,
            "one label everywhere: undefined"
        );
        assert_eq!(cohen_kappa(0, 0, 0, 0), None);
        assert_eq!(cohen_kappa(4, 0, 0, 6), Some(1.0));
    }

    #[test]
    fn agreement_counts_reviewed_paragraphs_only() {
        let d = doc("1856-2026-aaaaaa", &["a", "b", "c", "d"]);
        let t = tags(
            &d,
            vec![
                (0, vec![tag("workforce", None)]),
                (1, vec![tag("workforce", None)]),
                (3, vec![tag("workforce", None)]),
            ],
        );
        let set = ReviewSet::new(vec![
            review(&d, 0, ReviewAction::Accept, "workforce", None),
            review(&d, 1, ReviewAction::Reject, "workforce", None),
            review(&d, 2, ReviewAction::Add, "welfare", None),
        ]);
        let eff = set.apply_all(std::slice::from_ref(&d), &[t], &["workforce", "welfare"]);
        let w = &eff.summary.agreement[0];
        assert_eq!(
            (w.both, w.tagger_only, w.reviewer_only, w.neither),
            (1, 1, 0, 1)
        );
        assert_eq!(w.total(), 3, "paragraph 3 was not reviewed");
        let wf = &eff.summary.agreement[1];
        assert_eq!(
            (wf.both, wf.tagger_only, wf.reviewer_only, wf.neither),
            (0, 0, 1, 2)
        );
        assert_eq!(eff.summary.paragraphs, 3);
        assert_eq!(eff.summary.reviewers, ["kari"]);
    }

    #[test]
    fn appended_reviews_read_back_and_a_torn_line_is_skipped_then_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("store"));
        assert!(store.read_reviews().unwrap().is_empty());
        let d = doc("1856-2026-aaaaaa", &["a"]);
        let r = review(&d, 0, ReviewAction::Add, "welfare", None);
        store.append_review(&r).unwrap();
        // A crash in the middle of a second line.
        let mut bytes = fs_err::read(store.reviews_path()).unwrap();
        bytes.extend_from_slice(b"{\"time\":\"20");
        fs_err::write(store.reviews_path(), &bytes).unwrap();
        assert_eq!(store.read_reviews().unwrap(), vec![r.clone()]);
        store.append_review(&r).unwrap();
        assert_eq!(store.read_reviews().unwrap(), [r.clone(), r.clone()]);
        let text = fs_err::read_to_string(store.reviews_path()).unwrap();
        assert_eq!(text.lines().count(), 2, "{text}");
        fs_err::write(store.reviews_path(), "nonsense\n").unwrap();
        let err = store.read_reviews().unwrap_err().to_string();
        assert!(err.contains("reviews.jsonl line 1"), "{err}");
    }

    #[test]
    fn concurrent_appends_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let d = doc("1856-2026-aaaaaa", &["a"]);
        std::thread::scope(|s| {
            for t in 0..8 {
                let store = store.clone();
                let d = &d;
                s.spawn(move || {
                    for i in 0..25 {
                        let r = review(d, 0, ReviewAction::Note, "welfare", None)
                            .with_note(format!("{t}-{i} {}", "x".repeat(5000)));
                        store.append_review(&r).unwrap();
                    }
                });
            }
        });
        let all = store.read_reviews().unwrap();
        assert_eq!(all.len(), 200);
        let notes: BTreeSet<_> = all.iter().map(|r| r.note.clone().unwrap()).collect();
        assert_eq!(notes.len(), 200);
    }

    #[test]
    fn time_is_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_796_216_700), "2026-12-02T13:05:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(now_rfc3339().len(), 20);
    }
}
