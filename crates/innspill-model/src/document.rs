use serde::{Deserialize, Serialize};

pub use innspill_norsk::Lang;

use crate::kind::{RespondentKind, SizeClass};

/// The version of the document schema this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// One input file, read and structured by ingest (contract in `design.md`).
///
/// All `start`/`end` offsets in a document (paragraphs, tag evidence) are **character**
/// offsets into [`Document::text`], so every quote can be located and cited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Stable id: `{kommunenummer, "ks" for a KS region, or "ukjent"}-{year}-{first 6 hex
    /// digits of sha256}`.
    pub id: String,
    /// Where the document came from.
    pub source: Source,
    /// Who sent it.
    pub respondent: Respondent,
    /// The debate-booklet year the document answers, where it can be told.
    pub year: Option<u16>,
    /// The written standard of the statement (or of the whole text when there is none).
    pub language: Option<Lang>,
    /// The document split into segments of paragraphs, in reading order.
    pub segments: Vec<Segment>,
    /// Everything ingest noticed but could handle (transcoding, unknown respondent, …).
    pub warnings: Vec<String>,
    /// The full extracted text (normalised to NFC) that every offset points into.
    pub text: String,
}

impl Document {
    /// All paragraphs of all segments, in reading order, with their segment kind.
    pub fn paragraphs(&self) -> impl Iterator<Item = (SegmentKind, &Paragraph)> {
        self.segments
            .iter()
            .flat_map(|s| s.paragraphs.iter().map(move |p| (s.kind, p)))
    }
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The input path as given (relative paths stay relative).
    pub path: String,
    /// Hex sha256 of the file's bytes.
    pub sha256: String,
    /// The detected format.
    pub format: Format,
    /// Number of pages, where the format has pages.
    pub pages: Option<u32>,
    /// Set when some or all of the text was read from page images by OCR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr: Option<Ocr>,
}

/// How a document's text was read by OCR.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ocr {
    /// The engine and its version (`tesseract 5.3.0`) and language (`nor`).
    pub engine: String,
    /// The pages read by OCR (1-based).
    pub pages: Vec<u32>,
    /// Mean word confidence the engine gave, 0–1.
    pub confidence: f32,
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// PDF with a text layer.
    Pdf,
    /// Word (Office Open XML).
    Docx,
    /// HTML page (meeting systems).
    Html,
    /// Plain text.
    Txt,
}

/// Who sent a document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Respondent {
    /// Four digits for a municipality, two for a county; `None` when unknown, and for a
    /// KS region, which has no number.
    pub kommunenummer: Option<String>,
    /// Short name as in the register (`Røst`); a KS region's whole name (`KS Trøndelag`).
    pub name: Option<String>,
    /// Municipality, county, KS region or unknown.
    pub kind: RespondentKind,
    /// County short name (`Nordland`).
    pub fylke: Option<String>,
    /// Population from the register.
    pub population: Option<u64>,
    /// Size class from the population.
    pub size_class: Option<SizeClass>,
    /// How the respondent was found.
    pub detected_by: DetectedBy,
}

impl Respondent {
    /// «Røst kommune», «Nordland fylkeskommune», «KS Trøndelag» (a KS region's name is
    /// its whole name), or «ukjent avsender».
    pub fn display_name(&self) -> String {
        match (&self.name, self.kind) {
            (Some(n), RespondentKind::Kommune) => format!("{n} kommune"),
            (Some(n), RespondentKind::Fylkeskommune) => format!("{n} fylkeskommune"),
            (Some(n), RespondentKind::KsRegion | RespondentKind::Unknown) => n.clone(),
            (None, _) => "ukjent avsender".to_string(),
        }
    }
}

/// How a respondent was detected, in order of trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DetectedBy {
    /// From the document's own text (council formula, letterhead).
    Text,
    /// From a `manifest.csv` line.
    Manifest,
    /// From the file name.
    Filename,
    /// Not detected.
    #[default]
    Unknown,
}

/// A run of paragraphs of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// What the segment is.
    pub kind: SegmentKind,
    /// Its heading, where it has one.
    pub heading: Option<String>,
    /// Its paragraphs in reading order.
    pub paragraphs: Vec<Paragraph>,
}

/// What a segment is (see `design.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    /// The administration's case text.
    Case,
    /// Text quoted from the KS booklet or another registered reference text.
    Booklet,
    /// The municipality's own statement.
    Statement,
    /// The adopted decision.
    Decision,
    /// Headers, footers, page numbers, signatures, meeting metadata.
    Other,
}

impl SegmentKind {
    /// The lower-case name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Case => "case",
            SegmentKind::Booklet => "booklet",
            SegmentKind::Statement => "statement",
            SegmentKind::Decision => "decision",
            SegmentKind::Other => "other",
        }
    }

    /// Whether the segment holds the respondent's own words (statement or decision).
    pub fn is_respondents_own(self) -> bool {
        matches!(self, SegmentKind::Statement | SegmentKind::Decision)
    }
}

/// One paragraph, heading or bullet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Number of the paragraph within the document, from 0, unique across segments.
    pub n: u32,
    /// Heading, paragraph or bullet.
    pub kind: ParagraphKind,
    /// The text as it should be read and indexed: line breaks joined, words split over
    /// line ends joined, bullet marker removed.
    pub text: String,
    /// 1-based page, where the input has pages.
    pub page: Option<u32>,
    /// Character offset of the paragraph's first character in [`Document::text`].
    pub start: usize,
    /// Character offset one past the paragraph's last character in [`Document::text`].
    pub end: usize,
    /// The heading of the section the paragraph stands under (`3. Beredskap må …`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The booklet question (1, 2, 3 in 2026) the paragraph answers, where it can be told.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<u8>,
    /// First and last line (1-based) of the paragraph in [`Document::text`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<[u32; 2]>,
    /// For text read by OCR: the engine's mean word confidence, 0–1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr: Option<f32>,
}

/// Kind of paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    /// A heading.
    Heading,
    /// A running paragraph.
    Paragraph,
    /// A bullet or numbered list item.
    Bullet,
}

impl ParagraphKind {
    /// The lower-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ParagraphKind::Heading => "heading",
            ParagraphKind::Paragraph => "paragraph",
            ParagraphKind::Bullet => "bullet",
        }
    }
}
