use serde::{Deserialize, Serialize};

/// Why a tag fired: its own words, the section heading it stands under, or a reviewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// Matched in the paragraph's own text.
    Text,
    /// Inherited from a section heading that is clearly about the theme.
    Section,
    /// Added by a reviewer (`STORE/reviews.jsonl`): no score, no evidence.
    Review,
}

/// A matched codebook term, with character offsets into [`crate::Document::text`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The text as it stands in the document (`øvelser`).
    pub term: String,
    /// Character offset of the match's start.
    pub start: usize,
    /// Character offset one past the match's end.
    pub end: usize,
}

/// A theme (and optionally sub-theme) tag on a paragraph (contract in `design.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    /// Theme id (`workforce`, `preparedness`, `autonomy`, `welfare` by default).
    pub theme: String,
    /// Sub-theme id (`sick_leave`), or `None` for a theme-level tag.
    pub sub: Option<String>,
    /// Sum of the weights of the matched terms.
    pub score: f32,
    /// The matches that made the tag fire.
    pub evidence: Vec<Evidence>,
    /// Own text or inherited from the section heading.
    pub via: Via,
    /// How much and which kinds of evidence the tag rests on (the tagger fills it; tags
    /// written before it existed, and tags a reviewer added, have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

/// How sure a tag is, from its evidence (see [`Confidence::level`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConfidenceLevel {
    /// Inherited from a heading, or one single word.
    Low,
    /// Two distinct terms, or one phrase.
    Medium,
    /// Three distinct terms, or a phrase and another term.
    High,
}

/// The evidence behind a tag, counted by kind, and the level it gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Confidence {
    /// Low, medium or high: sort by it (ascending puts the tags to check first).
    pub level: ConfidenceLevel,
    /// Distinct codebook terms matched.
    pub terms: u32,
    /// Occurrences of them.
    pub matches: u32,
    /// Distinct terms of several words (phrases, proximity terms).
    pub phrases: u32,
    /// Distinct terms that passed a sense check (a needed context word).
    pub checked: u32,
    /// The tag was inherited from the section heading.
    pub inherited: bool,
}

impl Confidence {
    /// The level of these counts: inherited tags are low; otherwise three distinct terms,
    /// or a phrase and another term, are high; two distinct terms or one phrase are
    /// medium; one single word is low.
    pub fn level(terms: u32, phrases: u32, inherited: bool) -> ConfidenceLevel {
        if inherited || terms == 0 {
            ConfidenceLevel::Low
        } else if terms >= 3 || (phrases >= 1 && terms >= 2) {
            ConfidenceLevel::High
        } else if terms >= 2 || phrases >= 1 {
            ConfidenceLevel::Medium
        } else {
            ConfidenceLevel::Low
        }
    }
}

/// Whom a demand is addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Addressee {
    /// KS itself.
    #[serde(rename = "KS")]
    Ks,
    /// The state: staten, regjeringen, Stortinget, departementene.
    #[serde(rename = "staten")]
    Staten,
    /// The municipality (or county) itself.
    #[serde(rename = "kommunen")]
    Kommunen,
    /// Someone else, or several.
    #[serde(rename = "andre")]
    Andre,
}

impl Addressee {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Addressee::Ks => "KS",
            Addressee::Staten => "staten",
            Addressee::Kommunen => "kommunen",
            Addressee::Andre => "andre",
        }
    }
}

/// A sentence or bullet that asks something of someone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Demand {
    /// To whom.
    pub addressee: Addressee,
    /// The demand as written (for a list introduced by «arbeider for:», the lead-in and
    /// the item).
    pub text: String,
    /// Character offset of the demand's start in the document text.
    pub start: usize,
    /// Character offset one past its end.
    pub end: usize,
    /// Themes of the demand.
    pub themes: Vec<String>,
}

/// What the tagger says of one paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParagraphTags {
    /// The paragraph's number ([`crate::Paragraph::n`]).
    pub n: u32,
    /// Multi-label tags, sorted by theme then sub-theme.
    pub tags: Vec<Tag>,
    /// Demands found in the paragraph.
    pub demands: Vec<Demand>,
}

/// The tags of one document, as stored in `STORE/tags/{id}.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentTags {
    /// The document's id.
    pub doc_id: String,
    /// The document's sha256, so stale tags can be told.
    pub sha256: String,
    /// Codebook name and version that produced the tags (`default@1`).
    pub codebook: String,
    /// One entry per paragraph that has tags or demands.
    pub paragraphs: Vec<ParagraphTags>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_written_before_confidence_existed_still_reads() {
        let old = r#"{"theme":"workforce","sub":null,"score":1.0,"evidence":[],"via":"text"}"#;
        let tag: Tag = serde_json::from_str(old).expect("old tag JSON reads");
        assert_eq!(tag.confidence, None);
        // And a tag without one is written as before.
        assert_eq!(serde_json::to_string(&tag).unwrap(), old);
    }

    #[test]
    fn confidence_levels_order_and_rules() {
        use ConfidenceLevel::*;
        assert!(Low < Medium && Medium < High);
        assert_eq!(Confidence::level(1, 0, false), Low);
        assert_eq!(Confidence::level(1, 1, false), Medium);
        assert_eq!(Confidence::level(2, 0, false), Medium);
        assert_eq!(Confidence::level(2, 1, false), High);
        assert_eq!(Confidence::level(3, 0, false), High);
        assert_eq!(Confidence::level(5, 2, true), Low);
    }
}
