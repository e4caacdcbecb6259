//! Statement-level result: which themes a respondent raises, and how much of its text.

use innspill_model::{Document, DocumentTags, ParagraphKind, SegmentKind};
use serde::Serialize;

use crate::Codebook;

/// One theme in a respondent's own text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeShare {
    /// Theme id.
    pub theme: String,
    /// Its Norwegian label.
    pub label: String,
    /// Paragraphs and bullets tagged with the theme (own text or section).
    pub paragraphs: usize,
    /// Of those, tagged by their own words.
    pub by_text: usize,
    /// Characters of those paragraphs.
    pub chars: usize,
    /// `chars` as a share of all the respondent's text (0–1), rounded to three decimals.
    pub share: f32,
}

/// What a respondent's statement is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementSummary {
    /// The document's id.
    pub doc_id: String,
    /// Paragraphs and bullets counted (headings left out).
    pub paragraphs: usize,
    /// Their characters.
    pub chars: usize,
    /// Every codebook theme in codebook order, also those with no paragraph.
    pub themes: Vec<ThemeShare>,
}

impl StatementSummary {
    /// The themes the respondent raises (at least one paragraph by its own words).
    pub fn raised(&self) -> impl Iterator<Item = &ThemeShare> {
        self.themes.iter().filter(|t| t.by_text > 0)
    }
}

/// Summarise the respondent's own text of `doc` (its statement and decision segments; the
/// whole document when it has none, booklet quotes and page furniture left out).
pub fn summarize(doc: &Document, tags: &DocumentTags, codebook: &Codebook) -> StatementSummary {
    let has_own = doc.segments.iter().any(|s| s.kind.is_respondents_own());
    let counted = |k: SegmentKind| {
        if has_own {
            k.is_respondents_own()
        } else {
            !matches!(k, SegmentKind::Booklet | SegmentKind::Other)
        }
    };
    let mut themes: Vec<ThemeShare> = codebook
        .themes()
        .iter()
        .map(|t| ThemeShare {
            theme: t.id.clone(),
            label: t.label.clone(),
            paragraphs: 0,
            by_text: 0,
            chars: 0,
            share: 0.0,
        })
        .collect();
    let (mut paragraphs, mut chars) = (0, 0);
    for (kind, p) in doc.paragraphs() {
        if !counted(kind) || p.kind == ParagraphKind::Heading {
            continue;
        }
        let len = p.text.chars().count();
        paragraphs += 1;
        chars += len;
        let Ok(i) = tags.paragraphs.binary_search_by_key(&p.n, |pt| pt.n) else {
            continue;
        };
        for share in &mut themes {
            let mine: Vec<_> = tags.paragraphs[i]
                .tags
                .iter()
                .filter(|t| t.theme == share.theme && t.sub.is_none())
                .collect();
            if let Some(t) = mine.first() {
                share.paragraphs += 1;
                share.chars += len;
                if t.via == innspill_model::Via::Text {
                    share.by_text += 1;
                }
            }
        }
    }
    for t in &mut themes {
        if chars > 0 {
            t.share = ((t.chars as f64 / chars as f64) * 1000.0).round() as f32 / 1000.0;
        }
    }
    StatementSummary {
        doc_id: doc.id.clone(),
        paragraphs,
        chars,
        themes,
    }
}
