//! The ingest run: inputs to documents and a report that accounts for every input.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use innspill_model::{
    Booklet, CharIndex, DetectedBy, Document, Format, IngestOutcome, IngestReport,
    IngestReportEntry, Paragraph, ParagraphKind, Register, RegisterEntry, Respondent,
    RespondentKind, SCHEMA_VERSION, Segment, SegmentKind, Source, Store,
};
use innspill_norsk::{Analyzer, Lexicon};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::{
    Error, InputError, Question, References,
    csv::records,
    decode::decode_text,
    layout::{Para, paragraphs},
    pdf::Tesseract,
    question::question_of,
    raw::RawText,
    respondent::{Found, Names},
    segment::classify,
};

/// Progress of an ingest run, for a progress bar. The library never draws anything.
pub trait Reporter: Sync {
    /// The run will handle `total` inputs.
    fn start(&self, total: usize) {
        let _ = total;
    }
    /// One input is done.
    fn done(&self, path: &str, outcome: IngestOutcome) {
        let _ = (path, outcome);
    }
    /// All inputs are done.
    fn finish(&self) {}
}

/// A [`Reporter`] that reports nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoReporter;

impl Reporter for NoReporter {}

/// What a `manifest.csv` line says about one file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ManifestLine {
    /// The respondent's number.
    pub kommunenummer: Option<String>,
    /// The booklet year.
    pub year: Option<u16>,
}

/// Builds an [`Ingester`].
#[derive(Debug, Clone)]
pub struct IngesterBuilder {
    max_file_size: u64,
    references: Vec<(String, String)>,
    /// The booklet year of a reference, by its index in `references`.
    reference_years: BTreeMap<usize, u16>,
    /// Questions by booklet year.
    questions: BTreeMap<u16, Vec<Question>>,
    /// Questions for documents of any year without a booklet of their own.
    any_year: Option<Vec<Question>>,
    register: Option<Register>,
    analyzer: Option<Analyzer>,
    reference_paths: Vec<PathBuf>,
    ocr: OcrSetting,
}

/// Whether scanned PDFs are read by OCR.
#[derive(Debug, Clone, PartialEq, Eq)]
enum OcrSetting {
    /// `tesseract` on PATH, when it has the Norwegian data.
    Auto,
    /// Never.
    Off,
    /// This program.
    Program(PathBuf),
}

impl Default for IngesterBuilder {
    fn default() -> Self {
        IngesterBuilder {
            max_file_size: 100 << 20,
            references: Vec::new(),
            reference_years: BTreeMap::new(),
            questions: crate::builtin_booklets()
                .iter()
                .map(|b| (b.year, b.questions.iter().map(Question::from).collect()))
                .collect(),
            any_year: None,
            register: None,
            analyzer: None,
            reference_paths: Vec::new(),
            ocr: OcrSetting::Auto,
        }
    }
}

impl IngesterBuilder {
    /// Inputs larger than this many bytes fail with a reason. By default, 100 MiB.
    pub fn max_file_size(mut self, bytes: u64) -> Self {
        self.max_file_size = bytes;
        self
    }

    /// Add a reference text (a booklet, a regional draft) whose quotes become `booklet`
    /// segments. By default, there are none.
    pub fn reference(mut self, name: &str, text: &str) -> Self {
        self.references.push((name.to_string(), text.to_string()));
        self
    }

    /// Add a booklet: its text as a reference text (unless one with the same text is
    /// there already) and its questions for the documents of its year, replacing
    /// questions given for that year before.
    pub fn booklet(mut self, booklet: &Booklet) -> Self {
        let at = match self.references.iter().position(|(_, t)| *t == booklet.text) {
            Some(i) => i,
            None => {
                self.references
                    .push((format!("ks-{}", booklet.year), booklet.text.clone()));
                self.references.len() - 1
            }
        };
        self.reference_years.insert(at, booklet.year);
        self.questions.insert(
            booklet.year,
            booklet.questions.iter().map(Question::from).collect(),
        );
        self
    }

    /// Add the built-in booklets ([`crate::builtin_booklets`]: 2026) with
    /// [`IngesterBuilder::booklet`]. By default, their questions are known but their
    /// texts are not references (`innspill` adds them).
    pub fn builtin_booklets(mut self) -> Self {
        for b in crate::builtin_booklets() {
            self = self.booklet(&b);
        }
        self
    }

    /// Add every `*.txt` file of `dir` as a reference text (sorted by name; an absent
    /// folder adds nothing). `corpus/reference/` is the conventional place.
    pub fn reference_dir(mut self, dir: &Path) -> Result<Self, Error> {
        if !dir.is_dir() {
            return Ok(self);
        }
        let mut files: Vec<PathBuf> = fs_err::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            self = self.reference_file(&f)?;
        }
        Ok(self)
    }

    /// Add one reference text file (UTF-8, UTF-16 or Windows-1252), named by its stem.
    /// When a folder given to [`Ingester::ingest_paths`] holds it, it is not taken as an
    /// input.
    pub fn reference_file(mut self, path: &Path) -> Result<Self, Error> {
        let bytes = fs_err::read(path)?;
        let text = decode_text(&bytes).map(|d| d.text).unwrap_or_default();
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.references.push((name, text));
        self.reference_paths
            .push(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()));
        Ok(self)
    }

    /// Questions for `question` on the statement paragraphs of documents of any year
    /// that has no booklet of its own (and of unknown year). By default, none: such
    /// documents get the questions of the only booklet known, or none.
    pub fn questions(mut self, questions: Vec<Question>) -> Self {
        self.any_year = Some(questions);
        self
    }

    /// The register respondents are detected against. By default, none: names found in
    /// the text are kept without a number, with a warning.
    pub fn register(mut self, register: Register) -> Self {
        self.register = Some(register);
        self
    }

    /// The analyser. By default, `Analyzer::default()`.
    pub fn analyzer(mut self, analyzer: Analyzer) -> Self {
        self.analyzer = Some(analyzer);
        self
    }

    /// Whether PDFs of page images (scans) are read by OCR. By default, they are when
    /// `tesseract` with the Norwegian data (`nor`; Debian `tesseract-ocr-nor`) is on PATH;
    /// otherwise such a PDF fails with the command that installs it.
    pub fn ocr(mut self, on: bool) -> Self {
        self.ocr = if on {
            OcrSetting::Auto
        } else {
            OcrSetting::Off
        };
        self
    }

    /// Read scans with the Tesseract at `program` instead of the one on PATH.
    pub fn tesseract(mut self, program: &Path) -> Self {
        self.ocr = OcrSetting::Program(program.to_path_buf());
        self
    }

    /// Build the ingester (prepares the reference shingles and the name index).
    pub fn build(self) -> Ingester {
        let analyzer = self.analyzer.unwrap_or_default();
        let references = References::new(
            &analyzer,
            self.references
                .iter()
                .map(|(n, t)| (n.as_str(), t.as_str())),
        );
        let register = self.register.unwrap_or_default();
        let names = Names::new(&analyzer, &register);
        Ingester {
            max_file_size: self.max_file_size,
            reference_years: (0..self.references.len())
                .map(|i| self.reference_years.get(&i).copied())
                .collect(),
            references,
            questions: self.questions,
            any_year: self.any_year,
            names,
            register,
            analyzer,
            lexicon: Lexicon::embedded(),
            reference_paths: self.reference_paths,
            tesseract: match &self.ocr {
                OcrSetting::Auto => Tesseract::find(),
                OcrSetting::Off => None,
                OcrSetting::Program(p) => Tesseract::at(p),
            },
        }
    }
}

/// Turns input files into [`Document`]s. Cheap to share between threads.
///
/// ```
/// use innspill_ingest::Ingester;
///
/// let ingester = Ingester::builder().build();
/// let doc = ingester
///     .ingest_bytes("uttale.txt", "Kommunestyret i Hjartdal kommune meiner at \
///         kommunane treng meir handlingsrom.\n".as_bytes(), None)
///     .unwrap();
/// assert_eq!(doc.segments[0].kind.as_str(), "statement");
/// assert_eq!(doc.respondent.name.as_deref(), Some("Hjartdal"));
/// ```
#[derive(Debug, Clone)]
pub struct Ingester {
    max_file_size: u64,
    references: References,
    /// The booklet year of each reference text (`None`: not a booklet).
    reference_years: Vec<Option<u16>>,
    questions: BTreeMap<u16, Vec<Question>>,
    any_year: Option<Vec<Question>>,
    names: Names,
    register: Register,
    analyzer: Analyzer,
    lexicon: Lexicon,
    reference_paths: Vec<PathBuf>,
    tesseract: Option<Tesseract>,
}

/// The result of [`Ingester::ingest_paths`].
#[derive(Debug, Clone, Default)]
pub struct Ingested {
    /// One document per distinct input content, sorted by id.
    pub documents: Vec<Document>,
    /// Every file, sorted by path: the inputs, and the other files of the given folders
    /// as [`IngestOutcome::Skipped`] with the reason.
    pub report: IngestReport,
}

/// How many files of a run had each [`IngestOutcome`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Read without remarks.
    pub ok: usize,
    /// Read, with warnings.
    pub ok_with_warnings: usize,
    /// Taken as inputs but could not be read.
    pub failed: usize,
    /// Found in a folder but not taken as inputs.
    pub skipped: usize,
}

impl Counts {
    /// The files taken as inputs: every outcome but skipped.
    pub fn inputs(&self) -> usize {
        self.ok + self.ok_with_warnings + self.failed
    }
}

impl Ingested {
    /// The number of files with each outcome.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for e in &self.report.inputs {
            match e.outcome {
                IngestOutcome::Ok => c.ok += 1,
                IngestOutcome::OkWithWarnings => c.ok_with_warnings += 1,
                IngestOutcome::Failed => c.failed += 1,
                IngestOutcome::Skipped => c.skipped += 1,
            }
        }
        c
    }
}

/// Extensions taken from folders.
const EXTENSIONS: &[&str] = &["pdf", "docx", "html", "htm", "xhtml", "txt", "text"];

/// Why a file found in a folder is not an input.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Skip {
    /// Its extension (`""` for none) is not one of [`EXTENSIONS`].
    Format(String),
    /// `manifest.csv`, read for the respondents of the folder's files.
    Manifest,
    /// A reference text given to the builder.
    Reference,
    /// A symbolic link to a folder.
    LinkedFolder,
}

impl Skip {
    fn reason(&self) -> String {
        match self {
            Skip::Format(ext) => {
                let what = if ext.is_empty() {
                    "no extension".to_string()
                } else {
                    format!(".{ext}")
                };
                let inputs: Vec<String> = EXTENSIONS.iter().map(|e| format!(".{e}")).collect();
                format!(
                    "not a statement format ({what}); inputs are {}",
                    inputs.join(", ")
                )
            }
            Skip::Manifest => {
                "manifest of this folder (respondent and year of its files)".to_string()
            }
            Skip::Reference => {
                "reference text: its quotes become booklet segments, it is not an input".to_string()
            }
            Skip::LinkedFolder => "symlink to a folder, not followed".to_string(),
        }
    }
}

impl Ingester {
    /// A builder with the defaults.
    pub fn builder() -> IngesterBuilder {
        IngesterBuilder::default()
    }

    /// Ingest the bytes of one input. `path` names it (its extension selects the format
    /// when the content does not tell; it also goes into the document).
    pub fn ingest_bytes(
        &self,
        path: &str,
        bytes: &[u8],
        manifest: Option<&ManifestLine>,
    ) -> Result<Document, InputError> {
        if bytes.is_empty() {
            return Err(InputError::Empty);
        }
        if bytes.len() as u64 > self.max_file_size {
            return Err(InputError::TooLarge {
                size: bytes.len() as u64,
                limit: self.max_file_size,
            });
        }
        let sha256 = hex(&Sha256::digest(bytes));
        let ext = Path::new(path)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let format = if bytes.starts_with(b"%PDF-") || ext == "pdf" {
            Format::Pdf
        } else if ext == "docx" || (bytes.starts_with(b"PK\x03\x04") && ext != "txt") {
            Format::Docx
        } else if matches!(ext.as_str(), "html" | "htm" | "xhtml") || crate::html::sniff(bytes) {
            Format::Html
        } else if matches!(ext.as_str(), "txt" | "text" | "") {
            Format::Txt
        } else {
            return Err(InputError::Unsupported { ext });
        };
        let (raw, warnings) = match format {
            Format::Pdf => crate::pdf::read_pdf(bytes, self.tesseract.as_ref())?,
            Format::Docx => crate::docx::read_docx(bytes)?,
            Format::Html => {
                let d = decode_text(bytes)?;
                let raw = crate::html::read_html(&d.text);
                if !raw.has_words() {
                    return Err(InputError::NoTextIn { format: "HTML" });
                }
                (raw, d.warnings)
            }
            Format::Txt => {
                let d = decode_text(bytes)?;
                (RawText::from_plain(&d.text), d.warnings)
            }
        };
        Ok(self.document(path, sha256, format, raw, warnings, manifest))
    }

    /// Build the document from extracted lines.
    fn document(
        &self,
        path: &str,
        sha256: String,
        format: Format,
        raw: RawText,
        mut warnings: Vec<String>,
        manifest: Option<&ManifestLine>,
    ) -> Document {
        let _span = tracing::debug_span!("document", path).entered();
        let paras = paragraphs(&raw, &self.lexicon);
        let texts: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
        let barriers: Vec<bool> = paras.iter().map(crate::segment::opens_own_text).collect();
        let quoted = self.references.quoted(&self.analyzer, &texts, &barriers);
        let kinds = classify(&raw, &paras, &quoted);

        // The respondent's own text: everything but the quoted booklet.
        let own: String = paras
            .iter()
            .zip(&kinds)
            .filter(|(_, k)| **k != SegmentKind::Booklet)
            .map(|(p, _)| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let stem = Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let respondent = self.respondent(&own, &stem, manifest, &mut warnings);
        let quoted_year = || {
            self.references
                .most_quoted(&self.analyzer, &texts, &quoted)
                .and_then(|i| self.reference_years.get(i).copied().flatten())
        };
        let year = self.year(&own, &stem, manifest, quoted_year, &mut warnings);

        let statement: String = paras
            .iter()
            .zip(&kinds)
            .filter(|(_, k)| k.is_respondents_own())
            .map(|(p, _)| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let guess = self.analyzer.language(if statement.is_empty() {
            &own
        } else {
            &statement
        });
        let language = (guess.confidence > 0.5).then_some(guess.lang);

        let questions = self.questions_of(year, &mut warnings);
        let segments = self.segments(&raw, &paras, &kinds, questions);
        if !kinds.iter().any(|k| k.is_respondents_own()) {
            warnings.push(
                "no statement or decision found: the text reads as case text, quoted booklet \
                 or page furniture only; check the file (the statement may be a scan, an \
                 attachment, or under a heading ingest does not know)"
                    .to_string(),
            );
        }
        let id = format!(
            "{}-{}-{}",
            match (&respondent.kommunenummer, respondent.kind) {
                (Some(nr), _) => nr.as_str(),
                (None, RespondentKind::KsRegion) => "ks",
                (None, _) => "ukjent",
            },
            year.map_or_else(|| "0000".to_string(), |y| format!("{y:04}")),
            &sha256[..6]
        );
        Document {
            schema_version: SCHEMA_VERSION,
            id,
            source: Source {
                path: path.replace('\\', "/"),
                sha256,
                format,
                pages: raw.pages,
                ocr: raw.ocr.clone(),
            },
            respondent,
            year,
            language,
            segments,
            warnings,
            text: raw.text,
        }
    }

    /// The questions of a document of `year`: its booklet's; without one, those for any
    /// year, or with a warning none; of unknown year, the only booklet's.
    fn questions_of(&self, year: Option<u16>, warnings: &mut Vec<String>) -> &[Question] {
        if let Some(q) = year.and_then(|y| self.questions.get(&y)) {
            return q;
        }
        if let Some(q) = &self.any_year {
            return q;
        }
        match year {
            Some(y) => {
                let known: Vec<String> = self.questions.keys().map(u16::to_string).collect();
                warnings.push(format!(
                    "no booklet for {y} (booklets: {}): the statement's paragraphs are not \
                     aligned with questions (add it with `innspill booklet add FILE --year {y}`)",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                ));
                &[]
            }
            None if self.questions.len() == 1 => {
                self.questions.values().next().map_or(&[], Vec::as_slice)
            }
            None => &[],
        }
    }

    fn segments(
        &self,
        raw: &RawText,
        paras: &[Para],
        kinds: &[SegmentKind],
        questions: &[Question],
    ) -> Vec<Segment> {
        let index = CharIndex::new(&raw.text);
        let mut segments: Vec<Segment> = Vec::new();
        let mut section: Option<String> = None;
        let mut section_kind: Option<SegmentKind> = None;
        for (n, (p, &kind)) in paras.iter().zip(kinds).enumerate() {
            if kind != SegmentKind::Other && section_kind != Some(kind) {
                section = None;
                section_kind = Some(kind);
            }
            if p.kind == ParagraphKind::Heading && kind != SegmentKind::Other {
                section = Some(p.text.clone());
            }
            let paragraph = Paragraph {
                n: n as u32,
                kind: p.kind,
                text: p.text.clone(),
                page: p.page,
                start: index.char_offset(p.start),
                end: index.char_offset(p.end),
                section: if kind == SegmentKind::Other {
                    None
                } else {
                    section.clone()
                },
                question: None,
                lines: Some([p.first_line as u32 + 1, p.last_line as u32 + 1]),
                ocr: p.confidence.map(|c| (c * 1000.0).round() / 1000.0),
            };
            match segments.last_mut() {
                Some(s) if s.kind == kind => s.paragraphs.push(paragraph),
                _ => segments.push(Segment {
                    kind,
                    heading: (p.kind == ParagraphKind::Heading).then(|| p.text.clone()),
                    paragraphs: vec![paragraph],
                }),
            }
        }
        // Questions: per section of a statement.
        for seg in segments
            .iter_mut()
            .filter(|s| s.kind == SegmentKind::Statement)
        {
            let mut groups: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
            for (i, p) in seg.paragraphs.iter().enumerate() {
                groups.entry(p.section.clone()).or_default().push(i);
            }
            for (heading, members) in groups {
                let body: Vec<&str> = members
                    .iter()
                    .map(|&i| &seg.paragraphs[i])
                    .filter(|p| p.kind != ParagraphKind::Heading)
                    .map(|p| p.text.as_str())
                    .collect();
                let q = question_of(&self.analyzer, questions, heading.as_deref(), &body);
                for i in members {
                    seg.paragraphs[i].question = q;
                }
            }
        }
        segments
    }

    fn respondent(
        &self,
        own: &str,
        stem: &str,
        manifest: Option<&ManifestLine>,
        warnings: &mut Vec<String>,
    ) -> Respondent {
        let Found {
            entry,
            name_only,
            ks_region,
            warnings: w,
        } = self.names.in_text(&self.analyzer, own);
        warnings.extend(w);
        // An earlier number (1228 Odda) stands for its successor (4618 Ullensvang).
        let from_manifest = manifest
            .and_then(|m| m.kommunenummer.as_deref())
            .map(|nr| match self.names.by_number(nr) {
                Some(e) => (nr, Some(e)),
                None => match self.names.successor_by_number(nr) {
                    Some((Some(e), warning)) => {
                        warnings.push(warning);
                        (e.kommunenummer.as_str(), Some(e))
                    }
                    Some((None, warning)) => {
                        warnings.push(warning);
                        (nr, None)
                    }
                    None => (nr, None),
                },
            });
        if let Some((nr, None)) = from_manifest
            && !self.register.entries.is_empty()
        {
            warnings.push(format!("manifest number {nr} is not in the register"));
        }
        if let Some(e) = entry {
            if let Some((nr, _)) = from_manifest.filter(|(nr, _)| *nr != e.kommunenummer) {
                warnings.push(format!(
                    "the text names {} {} but manifest.csv says {nr}; the text is used",
                    e.kommunenummer,
                    e.short_name()
                ));
            }
            return self.respondent_of(&e, DetectedBy::Text);
        }
        if let Some(ks) = ks_region {
            // A manifest line is the analyst's word: it beats a KS body the text names.
            if let Some((nr, e)) = from_manifest {
                warnings.push(format!(
                    "the text reads like a statement of {} but manifest.csv says {nr}; the manifest is used",
                    ks.name
                ));
                if let Some(e) = e {
                    return self.respondent_of(e, DetectedBy::Manifest);
                }
            } else {
                warnings.extend(ks.note);
                return Respondent {
                    kommunenummer: None,
                    name: Some(ks.name),
                    kind: RespondentKind::KsRegion,
                    fylke: Some(ks.fylke),
                    population: None,
                    size_class: None,
                    detected_by: DetectedBy::Text,
                };
            }
        }
        if let Some((_, Some(e))) = from_manifest {
            return self.respondent_of(e, DetectedBy::Manifest);
        }
        if let Some((nr, None)) = from_manifest {
            return Respondent {
                kommunenummer: Some(nr.to_string()),
                kind: if nr.len() == 2 {
                    RespondentKind::Fylkeskommune
                } else {
                    RespondentKind::Kommune
                },
                detected_by: DetectedBy::Manifest,
                ..Respondent::default()
            };
        }
        if let Some((name, kind)) = name_only {
            warnings.push(format!(
                "respondent «{name}» found in the text but not in the register{}; kept without a number",
                if self.register.entries.is_empty() {
                    " (no register loaded: run `innspill register import`)"
                } else {
                    ""
                }
            ));
            return Respondent {
                name: Some(name),
                kind,
                detected_by: DetectedBy::Text,
                ..Respondent::default()
            };
        }
        let f = self.names.in_file_name(&self.analyzer, stem);
        warnings.extend(f.warnings);
        if let Some(e) = f.entry {
            return self.respondent_of(&e, DetectedBy::Filename);
        }
        warnings.push(
            "respondent unknown: no municipality or county found in the text, manifest or file name"
                .to_string(),
        );
        Respondent::default()
    }

    fn respondent_of(&self, e: &RegisterEntry, by: DetectedBy) -> Respondent {
        Respondent {
            kommunenummer: Some(e.kommunenummer.clone()),
            name: Some(e.short_name().to_string()),
            kind: e.kind,
            fylke: (!e.fylke.is_empty()).then(|| e.fylke.clone()),
            population: e.population,
            size_class: self.register.size_class(e),
            detected_by: by,
        }
    }

    /// The booklet year a document answers: from its text (the year it names with
    /// «debatthefte», else the booklet it quotes, else its meeting dates when they point
    /// to a booklet known), then the manifest, then the file name.
    fn year(
        &self,
        own: &str,
        stem: &str,
        manifest: Option<&ManifestLine>,
        quoted_year: impl FnOnce() -> Option<u16>,
        warnings: &mut Vec<String>,
    ) -> Option<u16> {
        let tokens = self.analyzer.analyze(own);
        let mut counts: BTreeMap<u16, usize> = BTreeMap::new();
        for (i, t) in tokens.iter().enumerate() {
            if t.norm.starts_with("debatthefte") || t.norm.starts_with("debatthefta") {
                let lo = i.saturating_sub(4);
                let hi = (i + 5).min(tokens.len());
                for u in &tokens[lo..hi] {
                    if let Some(y) = as_year(&u.text) {
                        *counts.entry(y).or_default() += 1;
                    }
                }
            }
        }
        let text_year = counts
            .iter()
            .max_by_key(|&(y, c)| (*c, *y))
            .map(|(y, _)| *y)
            .or_else(quoted_year)
            .or_else(|| meeting_year(own).filter(|y| self.questions.contains_key(y)));
        let manifest_year = manifest.and_then(|m| m.year);
        if let (Some(t), Some(m)) = (text_year, manifest_year)
            && t != m
        {
            warnings.push(format!(
                "the text names the {t} booklet but manifest.csv says {m}; the text is used"
            ));
        }
        text_year
            .or(manifest_year)
            .or_else(|| stem.split(|c: char| !c.is_ascii_digit()).find_map(as_year))
    }

    /// Ingest files and folders (walked recursively). Every input is accounted for in
    /// the report; only an unusable input list is an error.
    ///
    /// A file given by name is always an input. Inside a folder, files with a statement
    /// extension (`.pdf`, `.docx`, `.html`, `.htm`, `.xhtml`, `.txt`, `.text`, any case)
    /// and broken links are inputs; every other file is in the report as
    /// [`IngestOutcome::Skipped`] with the reason (another extension, the folder's
    /// `manifest.csv`, a reference text of the builder, a symlink to a folder, which is
    /// not followed). Hidden entries (names starting with `.`) are neither walked nor
    /// listed.
    pub fn ingest_paths(
        &self,
        inputs: &[PathBuf],
        reporter: &dyn Reporter,
    ) -> Result<Ingested, Error> {
        if inputs.is_empty() {
            return Err(Error::NoInput);
        }
        let mut files: Vec<PathBuf> = Vec::new();
        let mut skipped: Vec<(PathBuf, Skip)> = Vec::new();
        for input in inputs {
            let meta = std::fs::symlink_metadata(input);
            if meta.as_ref().is_ok_and(|m| m.is_dir()) {
                let mut found = Vec::new();
                walk(input, &mut found, &mut skipped)?;
                // Reference texts inside the folders are not inputs.
                for f in found {
                    let canonical = std::fs::canonicalize(&f).unwrap_or_else(|_| f.clone());
                    if self.reference_paths.contains(&canonical) {
                        skipped.push((f, Skip::Reference));
                    } else {
                        files.push(f);
                    }
                }
            } else {
                files.push(input.clone());
            }
        }
        files.sort();
        files.dedup();
        // A file given by name is an input even when a folder given too skips it.
        skipped.retain(|(p, _)| files.binary_search(p).is_err());
        skipped.sort_by(|a, b| a.0.cmp(&b.0));
        skipped.dedup_by(|a, b| a.0 == b.0);
        let manifests = Manifests::default();
        reporter.start(files.len());
        let results: Vec<(String, FileResult)> = files
            .par_iter()
            .map(|f| {
                let shown = shown_path(f);
                let r = self.ingest_file(f, &shown, &manifests);
                reporter.done(
                    &shown,
                    match &r {
                        Ok(d) if d.warnings.is_empty() => IngestOutcome::Ok,
                        Ok(_) => IngestOutcome::OkWithWarnings,
                        Err(_) => IngestOutcome::Failed,
                    },
                );
                (shown, r)
            })
            .collect();
        reporter.finish();

        let mut first_by_sha: HashMap<String, (String, String)> = HashMap::new();
        let mut out = Ingested::default();
        for (path, r) in results {
            let entry = match r {
                Ok(doc) => {
                    let sha = doc.source.sha256.clone();
                    if let Some((first, id)) = first_by_sha.get(&sha) {
                        IngestReportEntry {
                            path,
                            outcome: IngestOutcome::OkWithWarnings,
                            doc_id: Some(id.clone()),
                            sha256: Some(sha),
                            reason: None,
                            warnings: vec![format!(
                                "same content (sha256) as {first}: one document"
                            )],
                            duplicate_of: Some(first.clone()),
                        }
                    } else {
                        first_by_sha.insert(sha.clone(), (path.clone(), doc.id.clone()));
                        let e = IngestReportEntry {
                            path,
                            outcome: if doc.warnings.is_empty() {
                                IngestOutcome::Ok
                            } else {
                                IngestOutcome::OkWithWarnings
                            },
                            doc_id: Some(doc.id.clone()),
                            sha256: Some(sha),
                            reason: None,
                            warnings: doc.warnings.clone(),
                            duplicate_of: None,
                        };
                        out.documents.push(doc);
                        e
                    }
                }
                Err((sha256, e)) => IngestReportEntry {
                    path,
                    outcome: IngestOutcome::Failed,
                    doc_id: None,
                    sha256,
                    reason: Some(e.to_string()),
                    warnings: Vec::new(),
                    duplicate_of: None,
                },
            };
            out.report.inputs.push(entry);
        }
        out.report
            .inputs
            .extend(skipped.into_iter().map(|(p, why)| IngestReportEntry {
                path: shown_path(&p),
                outcome: IngestOutcome::Skipped,
                doc_id: None,
                sha256: None,
                reason: Some(why.reason()),
                warnings: Vec::new(),
                duplicate_of: None,
            }));
        out.report.inputs.sort_by(|a, b| a.path.cmp(&b.path));
        out.documents.sort_by(|a, b| a.id.cmp(&b.id));
        // Two different files can share an id only if their sha256 share 6 hex digits
        // and respondent and year agree; make ids unique anyway.
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut renamed: Vec<(String, String)> = Vec::new();
        for d in &mut out.documents {
            let k = seen.entry(d.id.clone()).or_default();
            *k += 1;
            if *k > 1 {
                let new = format!("{}-{}", d.id, &d.source.sha256[6..12]);
                renamed.push((d.source.sha256.clone(), new.clone()));
                d.id = new;
            }
        }
        for e in &mut out.report.inputs {
            if let Some((_, new)) = renamed.iter().find(|(s, _)| e.sha256.as_ref() == Some(s)) {
                e.doc_id = Some(new.clone());
            }
        }
        Ok(out)
    }

    /// [`Ingester::ingest_paths`], then write `docs/{id}.json` and `ingest-report.json`
    /// into `store`, removing documents of earlier runs that this run did not produce.
    pub fn ingest_into(
        &self,
        inputs: &[PathBuf],
        store: &Store,
        reporter: &dyn Reporter,
    ) -> Result<Ingested, Error> {
        let ingested = self.ingest_paths(inputs, reporter)?;
        for d in &ingested.documents {
            store.write_document(d)?;
        }
        let keep: Vec<&str> = ingested.documents.iter().map(|d| d.id.as_str()).collect();
        store.retain_documents(&keep)?;
        store.write_ingest_report(&ingested.report)?;
        Ok(ingested)
    }

    fn ingest_file(&self, path: &Path, shown: &str, manifests: &Manifests) -> FileResult {
        let bytes = read_input(path, self.max_file_size).map_err(|e| (None, e))?;
        let manifest = manifests.line_for(path);
        self.ingest_bytes(shown, &bytes, manifest.as_ref())
            .map_err(|e| (Some(hex(&Sha256::digest(&bytes))), e))
    }
}

/// A document, or the sha256 of the bytes (when they could be read) and the reason.
type FileResult = Result<Document, (Option<String>, InputError)>;

/// Read one input with specific reasons for every way it can fail.
fn read_input(path: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) => return Err(InputError::Unreadable(e)),
    };
    if meta.file_type().is_symlink() && std::fs::metadata(path).is_err() {
        let target = std::fs::read_link(path).unwrap_or_default();
        return Err(InputError::BrokenLink { target });
    }
    let meta = std::fs::metadata(path).map_err(InputError::Unreadable)?;
    if !meta.is_file() {
        return Err(InputError::NotAFile);
    }
    if meta.len() > limit {
        return Err(InputError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    if meta.len() == 0 {
        return Err(InputError::Empty);
    }
    std::fs::read(path).map_err(InputError::Unreadable)
}

/// A path as the report shows it: forward slashes.
fn shown_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Walk `dir` recursively: inputs by extension, broken links always (to report them);
/// other files and symlinked folders (not followed) to `skipped` with the reason; hidden
/// entries ignored.
fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    skipped: &mut Vec<(PathBuf, Skip)>,
) -> Result<(), Error> {
    let mut entries: Vec<PathBuf> = fs_err::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            files.push(p);
            continue;
        };
        if meta.is_dir() {
            walk(&p, files, skipped)?;
            continue;
        }
        let broken_link = meta.file_type().is_symlink() && std::fs::metadata(&p).is_err();
        if meta.file_type().is_symlink() && std::fs::metadata(&p).is_ok_and(|m| m.is_dir()) {
            skipped.push((p, Skip::LinkedFolder));
            continue;
        }
        let ext = p
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if broken_link || EXTENSIONS.contains(&ext.as_str()) {
            files.push(p);
        } else if name == MANIFEST {
            skipped.push((p, Skip::Manifest));
        } else {
            skipped.push((p, Skip::Format(ext)));
        }
    }
    Ok(())
}

/// The file name of a folder's manifest.
const MANIFEST: &str = "manifest.csv";

/// `manifest.csv` files, read once per folder.
#[derive(Debug, Default)]
struct Manifests {
    cache: std::sync::Mutex<HashMap<PathBuf, std::sync::Arc<HashMap<String, ManifestLine>>>>,
}

impl Manifests {
    /// The line for `path` in the nearest `manifest.csv` of its folder or a parent.
    fn line_for(&self, path: &Path) -> Option<ManifestLine> {
        let file_name = path.file_name()?.to_string_lossy().into_owned();
        let mut dir = path.parent();
        let mut rel = file_name.clone();
        while let Some(d) = dir {
            let table = self.table(d);
            if let Some(l) = table.get(&rel).or_else(|| table.get(&file_name)) {
                return Some(l.clone());
            }
            let Some(name) = d.file_name() else { break };
            rel = format!("{}/{rel}", name.to_string_lossy());
            dir = d.parent();
        }
        None
    }

    fn table(&self, dir: &Path) -> std::sync::Arc<HashMap<String, ManifestLine>> {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(dir.to_path_buf())
            .or_insert_with(|| {
                let path = dir.join(MANIFEST);
                std::sync::Arc::new(
                    std::fs::read(&path)
                        .ok()
                        .and_then(|b| decode_text(&b).ok())
                        .map(|d| parse_manifest(&d.text))
                        .unwrap_or_default(),
                )
            })
            .clone()
    }
}

/// `file,kommunenummer,year` (header required; extra columns ignored; empty cells allowed).
pub fn parse_manifest(text: &str) -> HashMap<String, ManifestLine> {
    let recs = records(text);
    let mut out = HashMap::new();
    let Some((_, header)) = recs.first() else {
        return out;
    };
    let header: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
    let col = |n: &str| header.iter().position(|h| h == n);
    let (Some(file), nr, year) = (col("file"), col("kommunenummer"), col("year")) else {
        return out;
    };
    for (_, r) in &recs[1..] {
        let Some(f) = r.get(file).filter(|f| !f.is_empty()) else {
            continue;
        };
        let line = ManifestLine {
            kommunenummer: nr
                .and_then(|i| r.get(i))
                .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
                .map(|s| {
                    if s.len() == 3 {
                        format!("0{s}")
                    } else {
                        s.clone()
                    }
                }),
            year: year.and_then(|i| r.get(i)).and_then(|s| s.parse().ok()),
        };
        out.insert(f.replace('\\', "/"), line);
    }
    out
}

/// The booklet year that a text's dates (`12.03.2027`, `2.11.2026`) point to: the
/// most common year among them, the next one for a date from September on (councils
/// discuss next year's booklet in the autumn).
fn meeting_year(text: &str) -> Option<u16> {
    let mut counts: BTreeMap<u16, usize> = BTreeMap::new();
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices('.') {
        // `dd.mm.yyyy`: the day before the first dot.
        let day_start = text[..i]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit())
            .last()
            .map(|(j, _)| j);
        let Some(day_start) = day_start else { continue };
        if day_start > 0 && bytes[day_start - 1].is_ascii_alphanumeric() {
            continue;
        }
        let rest = &text[i + 1..];
        let mut parts = rest.splitn(3, |c: char| !c.is_ascii_digit());
        let (Some(month), Some(year)) = (parts.next(), parts.next()) else {
            continue;
        };
        let sep = rest.as_bytes().get(month.len()).copied();
        let day = &text[day_start..i];
        if sep != Some(b'.') || !(1..=2).contains(&day.len()) || !(1..=2).contains(&month.len()) {
            continue;
        }
        let after = rest.as_bytes().get(month.len() + 1 + year.len()).copied();
        if year.len() != 4 || after.is_some_and(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        let (Ok(d), Ok(m), Some(y)) = (day.parse::<u8>(), month.parse::<u8>(), as_year(year))
        else {
            continue;
        };
        if (1..=31).contains(&d) && (1..=12).contains(&m) {
            *counts.entry(if m >= 9 { y + 1 } else { y }).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(y, c)| (c, y))
        .map(|(y, _)| y)
}

fn as_year(s: &str) -> Option<u16> {
    (s.len() == 4)
        .then(|| s.parse::<u16>().ok())
        .flatten()
        .filter(|y| (2000..2100).contains(y))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_lines() {
        let m = parse_manifest(
            "file,kommunenummer,year\nrost-2026.txt,1856,2026\nx.pdf,,\nos.pdf,301,2026\n",
        );
        assert_eq!(
            m["rost-2026.txt"],
            ManifestLine {
                kommunenummer: Some("1856".into()),
                year: Some(2026)
            }
        );
        assert_eq!(m["x.pdf"], ManifestLine::default());
        assert_eq!(m["os.pdf"].kommunenummer.as_deref(), Some("0301"));
    }

    #[test]
    fn an_earlier_number_in_the_manifest_stands_for_its_successor() {
        let ingester = Ingester::builder()
            .register(crate::builtin_register())
            .build();
        let line = ManifestLine {
            kommunenummer: Some("1228".into()),
            year: Some(2019),
        };
        let doc = ingester
            .ingest_bytes(
                "uttale.txt",
                "Uttale\n\nVi meiner at kommunane treng meir handlingsrom.\n".as_bytes(),
                Some(&line),
            )
            .unwrap();
        assert_eq!(doc.respondent.kommunenummer.as_deref(), Some("4618"));
        assert_eq!(doc.respondent.name.as_deref(), Some("Ullensvang"));
        assert!(
            doc.warnings
                .iter()
                .any(|w| w.starts_with("«Odda» (1228) is a former municipality")
                    && w.ends_with("counted as its successor 4618 Ullensvang")),
            "{:?}",
            doc.warnings
        );
    }

    #[test]
    fn unreadable_files_say_why() {
        let e = InputError::Unreadable(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        assert_eq!(e.to_string(), "cannot read file: permission denied");
    }

    #[test]
    fn skip_reasons_name_the_file_kind() {
        assert_eq!(
            Skip::Format("md".into()).reason(),
            "not a statement format (.md); inputs are .pdf, .docx, .html, .htm, .xhtml, \
             .txt, .text"
        );
        assert!(
            Skip::Format(String::new())
                .reason()
                .starts_with("not a statement format (no extension); ")
        );
        assert_eq!(
            Skip::Manifest.reason(),
            "manifest of this folder (respondent and year of its files)"
        );
        assert_eq!(
            Skip::LinkedFolder.reason(),
            "symlink to a folder, not followed"
        );
    }

    #[test]
    fn walk_sorts_inputs_from_other_files_and_ignores_hidden_ones() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            "a.pdf",
            "B.TXT",
            "README.md",
            "manifest.csv",
            "truth.json",
            "uten-endelse",
            ".skjult.txt",
            "sub/c.docx",
            "sub/notat.odt",
            ".git/x.txt",
        ] {
            let p = d.join(f);
            fs_err::create_dir_all(p.parent().unwrap()).unwrap();
            fs_err::write(&p, b"x").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(d.join("sub"), d.join("lenke")).unwrap();
        let (mut files, mut skipped) = (Vec::new(), Vec::new());
        walk(d, &mut files, &mut skipped).unwrap();
        let rel = |p: &Path| {
            p.strip_prefix(d)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        };
        let files: Vec<String> = files.iter().map(|p| rel(p)).collect();
        assert_eq!(files, ["B.TXT", "a.pdf", "sub/c.docx"]);
        let skipped: Vec<(String, Skip)> =
            skipped.iter().map(|(p, s)| (rel(p), s.clone())).collect();
        let mut expected = vec![
            ("README.md".to_string(), Skip::Format("md".into())),
            ("manifest.csv".to_string(), Skip::Manifest),
            ("sub/notat.odt".to_string(), Skip::Format("odt".into())),
            ("truth.json".to_string(), Skip::Format("json".into())),
            ("uten-endelse".to_string(), Skip::Format(String::new())),
        ];
        if cfg!(unix) {
            expected.insert(1, ("lenke".to_string(), Skip::LinkedFolder));
        }
        assert_eq!(skipped, expected);
    }

    #[test]
    fn no_statement_found_is_a_warning() {
        let ingester = Ingester::builder().build();
        let doc = ingester
            .ingest_bytes(
                "sak.txt",
                "Saksopplysninger\n\nKS har sendt ut debattheftet til kommunene.\n".as_bytes(),
                None,
            )
            .unwrap();
        assert!(
            doc.warnings
                .iter()
                .any(|w| w.starts_with("no statement or decision found")),
            "{:?}",
            doc.warnings
        );
    }

    #[test]
    fn meeting_dates_point_to_a_booklet_year() {
        assert_eq!(
            meeting_year("Møtedato: 12.03.2027\nSaksnr 27/12"),
            Some(2027)
        );
        assert_eq!(
            meeting_year("Kommunestyret 2.11.2026 og 14.12.2026"),
            Some(2027)
        );
        assert_eq!(
            meeting_year("Utvalg 01.02.2026, 01.02.2026, 05.10.2027"),
            Some(2026)
        );
        assert_eq!(meeting_year("versjon 1.2.3 og § 5.2.2026x"), None);
        assert_eq!(meeting_year("ingen dato"), None);
    }

    #[test]
    fn the_year_of_a_document_from_the_booklet_it_quotes() {
        let b2027 = Booklet {
            year: 2027,
            title: "Grønt skifte".into(),
            source: "test".into(),
            builtin: false,
            questions: Vec::new(),
            text: "Flom, skred og overvann rammer kommunene oftere enn før, og klimatilpasning \
                krever kartlegging av flomveier og sikring mot skred i alle nye planer.\n"
                .into(),
        };
        let ingester = Ingester::builder()
            .builtin_booklets()
            .booklet(&b2027)
            .build();
        let doc = |text: &str| {
            ingester
                .ingest_bytes("uttale.txt", text.as_bytes(), None)
                .unwrap()
        };
        let quoting = "Saksopplysninger\n\nFlom, skred og overvann rammer kommunene oftere \
            enn før, og klimatilpasning krever kartlegging av flomveier og sikring mot skred i \
            alle nye planer.\n\nUttalelse\n\nKommunestyret mener at staten må bidra mer.\n";
        assert_eq!(doc(quoting).year, Some(2027));
        let dated = "Møtedato: 14.12.2026\n\nUttalelse\n\nKommunestyret mener at staten \
            må bidra mer.\n";
        assert_eq!(doc(dated).year, Some(2027));
        // A date that points to no booklet known is not taken.
        assert_eq!(
            doc("Møtedato: 14.03.2031\n\nUttalelse\n\nVi mener noe.\n").year,
            None
        );
    }

    #[test]
    fn years() {
        assert_eq!(as_year("2026"), Some(2026));
        assert_eq!(as_year("1856"), None);
        assert_eq!(as_year("20261"), None);
    }
}
