//! The tantivy schema: one tantivy document per paragraph, heading or bullet.

use innspill_model::{Document, DocumentTags, Paragraph, SegmentKind};
use serde::{Deserialize, Serialize};
use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};

use crate::analysis::{KEYWORD, NORSK, NORSK_EXACT};

/// Bump when the schema or what goes into a field changes: an index of another format is
/// rebuilt from scratch.
pub(crate) const FORMAT: u32 = 4;

/// The fields of the schema. Their names are what `field:value` in a query refers to.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    /// Document id (raw, the key for replacing a document's paragraphs).
    pub(crate) doc_id: Field,
    /// Paragraph number within the document.
    pub(crate) paragraph: Field,
    /// The grouping key, `{respondent}|{year}` (fast).
    pub(crate) group: Field,
    pub(crate) kommunenummer: Field,
    /// Respondent's short name (lower-cased keyword: `kommune:røst`).
    pub(crate) kommune: Field,
    pub(crate) kind: Field,
    /// County (lower-cased keyword: `fylke:nordland`).
    pub(crate) fylke: Field,
    pub(crate) size: Field,
    pub(crate) population: Field,
    pub(crate) year: Field,
    pub(crate) lang: Field,
    pub(crate) segment: Field,
    pub(crate) paragraph_kind: Field,
    pub(crate) question: Field,
    /// The section heading, analysed like the text.
    pub(crate) section: Field,
    pub(crate) page: Field,
    pub(crate) start: Field,
    pub(crate) end: Field,
    /// `/theme/{theme}`, `/theme/{theme}/{sub}`, `/sub/{sub}`, `/size/{class}`,
    /// `/fylke/{county}`.
    pub(crate) facet: Field,
    /// What the facet counts see of a paragraph, as one fast keyword ([`Profile`]):
    /// counting its column's ordinals reads one value per hit, where the facet field has
    /// several.
    pub(crate) profile: Field,
    /// The text of a paragraph in the respondent's own words ([`is_own`]: statement or
    /// decision), analysed (stems, compound parts) and stored.
    pub(crate) text: Field,
    /// The same, lower-cased words (quoted phrases).
    pub(crate) exact: Field,
    /// The text of any other paragraph (booklet, case, other), analysed and stored.
    ///
    /// Own words and the rest have fields of their own, so that a search of the
    /// respondents' own words (the default) reads only their postings. At 100× the sample
    /// world's booklet quotes are 73 % of all paragraphs and five of six matches of a
    /// common word; with one field, every search walked them all to filter them out.
    pub(crate) other_text: Field,
    /// The same, lower-cased words.
    pub(crate) other_exact: Field,
}

/// Whether paragraphs of `kind` are the respondent's own words, which go in the `text`
/// and `exact` fields (the rest go in `other_text` and `other_exact`).
pub(crate) fn is_own(kind: SegmentKind) -> bool {
    OWN.contains(&kind)
}

impl Fields {
    /// Build the schema and its fields.
    pub(crate) fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let keyword = TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(KEYWORD)
                    .set_index_option(IndexRecordOption::Basic)
                    .set_fieldnorms(false),
            )
            .set_stored();
        let analysed = |tokenizer: &str| {
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions)
        };
        let fields = Fields {
            doc_id: b.add_text_field("doc_id", STRING | STORED),
            paragraph: b.add_u64_field("paragraph", STORED),
            group: b.add_text_field("group", STRING | FAST),
            kommunenummer: b.add_text_field("kommunenummer", STRING | STORED),
            kommune: b.add_text_field("kommune", keyword.clone()),
            kind: b.add_text_field("kind", STRING | STORED),
            fylke: b.add_text_field("fylke", keyword),
            size: b.add_text_field("size", STRING | STORED),
            population: b.add_u64_field("population", INDEXED | STORED),
            year: b.add_u64_field("year", INDEXED | STORED),
            lang: b.add_text_field("lang", STRING | STORED),
            segment: b.add_text_field("segment", STRING | STORED),
            paragraph_kind: b.add_text_field("paragraph_kind", STRING | STORED),
            question: b.add_u64_field("question", INDEXED | STORED),
            section: b.add_text_field(
                "section",
                TextOptions::default()
                    .set_indexing_options(analysed(NORSK))
                    .set_stored(),
            ),
            page: b.add_u64_field("page", STORED),
            start: b.add_u64_field("start", STORED),
            end: b.add_u64_field("end", STORED),
            facet: b.add_facet_field("facet", FacetOptions::default().set_stored()),
            profile: b.add_text_field("profile", FAST),
            text: b.add_text_field(
                "text",
                TextOptions::default()
                    .set_indexing_options(analysed(NORSK))
                    .set_stored(),
            ),
            exact: b.add_text_field(
                "exact",
                TextOptions::default().set_indexing_options(analysed(NORSK_EXACT)),
            ),
            // After `text` and `exact`, and analysed before exact as they are: the index
            // tokenizers share their work in that order (see `analysis`).
            other_text: b.add_text_field(
                "other_text",
                TextOptions::default()
                    .set_indexing_options(analysed(NORSK))
                    .set_stored(),
            ),
            other_exact: b.add_text_field(
                "other_exact",
                TextOptions::default().set_indexing_options(analysed(NORSK_EXACT)),
            ),
        };
        (b.build(), fields)
    }

    /// The tantivy documents of one document: one per paragraph.
    pub(crate) fn paragraphs(
        &self,
        doc: &Document,
        tags: Option<&DocumentTags>,
    ) -> Vec<TantivyDocument> {
        let r = &doc.respondent;
        let respondent_key = match &r.kommunenummer {
            Some(nr) => nr.clone(),
            None => format!("doc:{}", doc.id),
        };
        let group = format!(
            "{respondent_key}|{}",
            doc.year.map(|y| y.to_string()).unwrap_or_default()
        );
        let mut out = Vec::new();
        for (kind, p) in doc.paragraphs() {
            let mut t = TantivyDocument::default();
            t.add_text(self.doc_id, &doc.id);
            t.add_u64(self.paragraph, u64::from(p.n));
            t.add_text(self.group, &group);
            if let Some(nr) = &r.kommunenummer {
                t.add_text(self.kommunenummer, nr);
            }
            if let Some(name) = &r.name {
                t.add_text(self.kommune, name);
            }
            t.add_text(self.kind, kind_str(r.kind));
            if let Some(fylke) = &r.fylke {
                t.add_text(self.fylke, fylke);
                t.add_facet(self.facet, facet_path(&["fylke", fylke]));
            }
            if let Some(size) = r.size_class {
                t.add_text(self.size, size.as_str());
                t.add_facet(self.facet, facet_path(&["size", size.as_str()]));
            }
            if let Some(pop) = r.population {
                t.add_u64(self.population, pop);
            }
            if let Some(year) = doc.year {
                t.add_u64(self.year, u64::from(year));
            }
            if let Some(lang) = doc.language {
                t.add_text(self.lang, lang.as_str());
            }
            t.add_text(self.segment, kind.as_str());
            t.add_text(self.paragraph_kind, p.kind.as_str());
            if let Some(q) = p.question {
                t.add_u64(self.question, u64::from(q));
            }
            if let Some(section) = &p.section {
                t.add_text(self.section, section);
            }
            if let Some(page) = p.page {
                t.add_u64(self.page, u64::from(page));
            }
            t.add_u64(self.start, p.start as u64);
            t.add_u64(self.end, p.end as u64);
            let facets = theme_facets(tags, p);
            let profile = Profile {
                size: r.size_class.map(|s| s.as_str().to_string()),
                fylke: r.fylke.clone(),
                themes: themes_of(&facets),
            };
            t.add_text(self.profile, profile.encode());
            for path in facets {
                t.add_facet(self.facet, path);
            }
            let (text, exact) = if is_own(kind) {
                (self.text, self.exact)
            } else {
                (self.other_text, self.other_exact)
            };
            t.add_text(text, &p.text);
            t.add_text(exact, &p.text);
            out.push(t);
        }
        out
    }
}

/// A paragraph's size class, county and themes: what the facet counts of a search count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Profile {
    pub(crate) size: Option<String>,
    pub(crate) fylke: Option<String>,
    /// Theme ids, sorted, without duplicates.
    pub(crate) themes: Vec<String>,
}

impl Profile {
    /// As stored in the `profile` column (JSON).
    pub(crate) fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// From the `profile` column; `None` for a value this build did not write.
    pub(crate) fn decode(bytes: &[u8]) -> Option<Profile> {
        serde_json::from_slice(bytes).ok()
    }
}

/// The theme ids among theme facets (`/theme/{t}` and `/theme/{t}/{sub}`), sorted, once.
fn themes_of(facets: &[Facet]) -> Vec<String> {
    let mut themes: Vec<String> = facets
        .iter()
        .filter_map(|f| {
            let path = f.to_path();
            (path.len() >= 2 && path[0] == "theme").then(|| path[1].to_string())
        })
        .collect();
    themes.sort();
    themes.dedup();
    themes
}

/// The segment kinds of the respondent's own words.
const OWN: [SegmentKind; 2] = [SegmentKind::Statement, SegmentKind::Decision];

/// The segment kinds a search covers by default: the respondent's own words.
pub(crate) fn default_segments() -> Vec<SegmentKind> {
    OWN.to_vec()
}

pub(crate) fn kind_str(kind: innspill_model::RespondentKind) -> &'static str {
    match kind {
        innspill_model::RespondentKind::Kommune => "kommune",
        innspill_model::RespondentKind::Fylkeskommune => "fylkeskommune",
        innspill_model::RespondentKind::KsRegion => "ks_region",
        innspill_model::RespondentKind::Unknown => "ukjent",
    }
}

/// A facet from its steps (a `/` inside a step stays inside it).
pub(crate) fn facet_path(steps: &[&str]) -> Facet {
    Facet::from_path(steps)
}

/// The theme facets of paragraph `p`: `/theme/{t}`, `/theme/{t}/{sub}` and `/sub/{sub}`,
/// sorted and without duplicates.
fn theme_facets(tags: Option<&DocumentTags>, p: &Paragraph) -> Vec<Facet> {
    let Some(tags) = tags else { return Vec::new() };
    let mut out = Vec::new();
    for pt in tags.paragraphs.iter().filter(|pt| pt.n == p.n) {
        for tag in &pt.tags {
            match &tag.sub {
                Some(sub) => {
                    out.push(facet_path(&["theme", &tag.theme, sub]));
                    out.push(facet_path(&["sub", sub]));
                }
                None => out.push(facet_path(&["theme", &tag.theme])),
            }
        }
    }
    out.sort();
    out.dedup();
    out
}
