//! One pass over the input: the respondents' own paragraphs (statement and decision
//! segments only), analysed once and shared by every table.

use std::collections::HashMap;

use innspill_model::{
    Document, DocumentTags, ParagraphKind, ParagraphTags, Register, RespondentKind, SizeClass,
};
use innspill_norsk::{Analyzer, TokenKind};
use rayon::prelude::*;

use crate::hash::{IdMap, hash_str};

/// Group name for a respondent without a size class or county.
pub(crate) const UNKNOWN_GROUP: &str = "ukjent";
/// Group name of KS' regional bodies, in every grouping: they are not members, so they are
/// never counted among a size class or a county's municipalities.
pub(crate) const KS_REGION_GROUP: &str = "ks_region";

/// The name of a kind of respondent in the tables: `kommune`, `fylkeskommune`,
/// `ks_region`, or `ukjent`.
pub(crate) fn kind_name(kind: RespondentKind) -> &'static str {
    match kind {
        RespondentKind::Unknown => UNKNOWN_GROUP,
        k => k.as_str(),
    }
}

/// One analysed token of a respondent's own paragraph, compact.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    /// Hash of the analyser's key (`Token::stem`); look the key up in [`Corpus::keys`].
    pub(crate) key: u64,
    /// Byte offsets into the paragraph's text.
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// A stop word.
    pub(crate) stop: bool,
    /// A word (not a number or an abbreviation).
    pub(crate) word: bool,
}

/// One paragraph of a statement or decision segment.
#[derive(Debug)]
pub(crate) struct Para<'a> {
    /// Index into [`Corpus::docs`].
    pub(crate) doc: usize,
    pub(crate) n: u32,
    pub(crate) kind: ParagraphKind,
    pub(crate) text: &'a str,
    pub(crate) page: Option<u32>,
    /// Character offset of the paragraph in the document text.
    pub(crate) start: usize,
    pub(crate) chars: usize,
    pub(crate) toks: Vec<Tok>,
    pub(crate) tags: Option<&'a ParagraphTags>,
}

impl Para<'_> {
    /// The tokens inside the character range `start..end` of the document text, if the
    /// range lies within this paragraph.
    pub(crate) fn toks_in(&self, start: usize, end: usize) -> Option<&[Tok]> {
        if start < self.start || end > self.start + self.chars || start > end {
            return None;
        }
        let byte_at = |ch: usize| {
            self.text
                .char_indices()
                .nth(ch)
                .map_or(self.text.len(), |(b, _)| b)
        };
        let (from, to) = (byte_at(start - self.start), byte_at(end - self.start));
        let a = self.toks.partition_point(|t| (t.start as usize) < from);
        let b = self.toks.partition_point(|t| (t.end as usize) <= to);
        Some(&self.toks[a..b.max(a)])
    }

    /// Whether a tag of `theme` (and `sub`, when given) is on the paragraph.
    pub(crate) fn has(&self, theme: &str, sub: Option<&str>) -> bool {
        self.tags.is_some_and(|pt| {
            pt.tags
                .iter()
                .any(|t| t.theme == theme && (sub.is_none() || t.sub.as_deref() == sub))
        })
    }
}

/// What every table needs to know of one document.
#[derive(Debug)]
pub(crate) struct Doc<'a> {
    pub(crate) doc: &'a Document,
    /// Respondent key: the kommunenummer; `ks_region/{county}` for a KS region; the
    /// document id when unknown.
    pub(crate) unit: String,
    pub(crate) kommunenummer: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) display: String,
    pub(crate) kind: RespondentKind,
    pub(crate) fylke: Option<String>,
    pub(crate) population: Option<u64>,
    pub(crate) size_class: Option<SizeClass>,
    /// Range of this document's paragraphs in [`Corpus::paras`].
    pub(crate) paras: std::ops::Range<usize>,
}

impl Doc<'_> {
    /// Whether the respondent is (or may be) a member: not a KS region.
    pub(crate) fn is_member(&self) -> bool {
        self.kind.is_member()
    }

    pub(crate) fn size_group(&self) -> &str {
        if !self.is_member() {
            return KS_REGION_GROUP;
        }
        self.size_class.map_or(UNKNOWN_GROUP, SizeClass::as_str)
    }

    pub(crate) fn fylke_group(&self) -> &str {
        if !self.is_member() {
            return KS_REGION_GROUP;
        }
        self.fylke.as_deref().unwrap_or(UNKNOWN_GROUP)
    }

    /// «Røst kommune, 2026, s. 13» (page omitted when unknown).
    pub(crate) fn citation(&self, page: Option<u32>) -> String {
        let mut s = self.display.clone();
        if let Some(y) = self.doc.year {
            s.push_str(&format!(", {y}"));
        }
        if let Some(p) = page {
            s.push_str(&format!(", s. {p}"));
        }
        s
    }
}

/// The analysed input.
#[derive(Debug)]
pub(crate) struct Corpus<'a> {
    /// Documents sorted by (kommunenummer, id).
    pub(crate) docs: Vec<Doc<'a>>,
    /// Own paragraphs, grouped by document in the order of `docs`.
    pub(crate) paras: Vec<Para<'a>>,
    /// Key hash → key.
    pub(crate) keys: IdMap<String>,
}

impl<'a> Corpus<'a> {
    /// The corpus of `documents` with their `tags`; with no `analyzer` the paragraphs get no
    /// tokens (enough for the tables that only count tags).
    pub(crate) fn build(
        documents: &'a [Document],
        tags: &'a [DocumentTags],
        register: &Register,
        analyzer: Option<&Analyzer>,
    ) -> Corpus<'a> {
        let by_id: HashMap<&str, &DocumentTags> =
            tags.iter().map(|t| (t.doc_id.as_str(), t)).collect();
        let ids: std::collections::HashSet<&str> =
            documents.iter().map(|d| d.id.as_str()).collect();
        for t in tags {
            if !ids.contains(t.doc_id.as_str()) {
                tracing::warn!(doc_id = %t.doc_id, "tags for a document not in the input");
            }
        }
        let mut order: Vec<&Document> = documents.iter().collect();
        order.sort_by(|a, b| {
            a.respondent
                .kommunenummer
                .cmp(&b.respondent.kommunenummer)
                .then_with(|| a.id.cmp(&b.id))
        });

        // Analyse every document's own paragraphs in parallel.
        let analysed: Vec<(Vec<Para<'a>>, IdMap<String>)> = order
            .par_iter()
            .enumerate()
            .map(|(di, d)| {
                let ptags: HashMap<u32, &ParagraphTags> = by_id
                    .get(d.id.as_str())
                    .map(|t| t.paragraphs.iter().map(|p| (p.n, p)).collect())
                    .unwrap_or_default();
                let mut keys = IdMap::default();
                let paras = d
                    .paragraphs()
                    .filter(|(k, _)| k.is_respondents_own())
                    .map(|(_, p)| {
                        // Borrowed tokens: nothing is allocated per token, and a key's
                        // text only the first time the document uses it.
                        let mut toks = Vec::new();
                        if let Some(analyzer) = analyzer {
                            toks.reserve(p.text.len() / 7 + 1);
                            analyzer.analyze_with(&p.text, |t| {
                                let key = hash_str(t.key);
                                keys.entry(key).or_insert_with(|| t.key.to_string());
                                toks.push(Tok {
                                    key,
                                    start: t.start as u32,
                                    end: t.end as u32,
                                    stop: t.stop,
                                    word: t.kind == TokenKind::Word,
                                });
                            });
                        }
                        Para {
                            doc: di,
                            n: p.n,
                            kind: p.kind,
                            text: &p.text,
                            page: p.page,
                            start: p.start,
                            chars: p.text.chars().count(),
                            toks,
                            tags: ptags.get(&p.n).copied(),
                        }
                    })
                    .collect();
                (paras, keys)
            })
            .collect();

        let mut keys = IdMap::default();
        let mut paras = Vec::new();
        let mut docs = Vec::with_capacity(order.len());
        for (d, (ps, ks)) in order.into_iter().zip(analysed) {
            for (h, k) in ks {
                keys.entry(h).or_insert(k);
            }
            let from = paras.len();
            paras.extend(ps);
            docs.push(doc_info(d, register, from..paras.len()));
        }
        Corpus { docs, paras, keys }
    }

    /// The own paragraphs of document `i`.
    pub(crate) fn paras_of(&self, i: usize) -> &[Para<'a>] {
        &self.paras[self.docs[i].paras.clone()]
    }

    pub(crate) fn key(&self, h: u64) -> &str {
        self.keys.get(&h).map_or("", String::as_str)
    }
}

/// Register data from the document, filled in from the register where the document lacks it.
fn doc_info<'a>(d: &'a Document, register: &Register, paras: std::ops::Range<usize>) -> Doc<'a> {
    let r = &d.respondent;
    let entry = r.kommunenummer.as_deref().and_then(|nr| register.get(nr));
    let kind = match (r.kind, entry) {
        (RespondentKind::Unknown, Some(e)) => e.kind,
        (k, _) => k,
    };
    let population = r.population.or(entry.and_then(|e| e.population));
    let size_class = r
        .size_class
        .or_else(|| entry.and_then(|e| register.size_class(e)));
    let fylke = r.fylke.clone().or(entry.map(|e| e.fylke.clone()));
    let name = r.name.clone().or(entry.map(|e| e.short_name().to_string()));
    let mut resp = r.clone();
    resp.name.clone_from(&name);
    resp.kind = kind;
    let unit = match (&r.kommunenummer, kind) {
        (Some(nr), _) => nr.clone(),
        (None, RespondentKind::KsRegion) => format!(
            "{KS_REGION_GROUP}/{}",
            fylke.as_deref().or(name.as_deref()).unwrap_or(&d.id)
        ),
        (None, _) => d.id.clone(),
    };
    Doc {
        doc: d,
        unit,
        kommunenummer: r.kommunenummer.clone(),
        display: resp.display_name(),
        name,
        kind,
        fylke,
        population,
        size_class,
        paras,
    }
}

#[cfg(test)]
mod tests {
    use innspill_model::SegmentKind;

    use super::*;
    use crate::testutil::doc;

    #[test]
    fn tokens_of_a_char_range() {
        let d = doc(
            "1101",
            "Å",
            "Rogaland",
            900,
            &[
                (SegmentKind::Booklet, &["Først står KS’ tekst."]),
                (
                    SegmentKind::Statement,
                    &["Vi ber staten øke rammene. Så noe annet."],
                ),
            ],
        );
        let a = Analyzer::default();
        let c = Corpus::build(
            std::slice::from_ref(&d),
            &[],
            &Register::default(),
            Some(&a),
        );
        assert_eq!(
            c.paras.len(),
            1,
            "the booklet paragraph is not the respondent's"
        );
        let p = &c.paras[0];
        let start = d
            .text
            .find("Vi ber")
            .map(|b| d.text[..b].chars().count())
            .unwrap();
        let end = start + "Vi ber staten øke rammene.".chars().count();
        let words: Vec<&str> = p
            .toks_in(start, end)
            .unwrap()
            .iter()
            .map(|t| &p.text[t.start as usize..t.end as usize])
            .collect();
        assert_eq!(words, ["Vi", "ber", "staten", "øke", "rammene"]);
        assert!(p.toks_in(0, 3).is_none(), "outside the paragraph");
    }
}
