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
