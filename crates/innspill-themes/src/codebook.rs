//! The codebook: themes, sub-themes and their terms, loaded from TOML.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use innspill_norsk::Analyzer;
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};
use toml::Spanned;

use crate::Error;

/// The codebook shipped with `innspill` (`codebook/default.toml`).
pub const DEFAULT_CODEBOOK: &str = include_str!("../codebook/default.toml");

/// Tuning knobs of a codebook (`[settings]`); every one has a default.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Score a theme needs in a paragraph to be tagged. By default, 1.0.
    pub threshold: f32,
    /// Score a sub-theme needs to be tagged. By default, 1.0.
    pub sub_threshold: f32,
    /// Largest distance in words between the two words of a proximity term
    /// (`statlig … styring`). By default, 6.
    pub window: u32,
    /// An excluding term cancels a match when it stands in the same sentence, at most
    /// this many words away. By default, 12.
    pub exclude_window: u32,
    /// Paragraphs of at most this many words (and all bullets) inherit the theme of a
    /// heading that is clearly about one theme. By default, 40.
    pub short_words: u32,
    /// Factor on the heading's score for an inherited tag. By default, 0.5.
    pub section_weight: f32,
    /// A heading is clearly about one theme when that theme's score is at least this many
    /// times the next theme's. By default, 2.0.
    pub section_dominance: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            threshold: 1.0,
            sub_threshold: 1.0,
            window: 6,
            exclude_window: 12,
            short_words: 40,
            section_weight: 0.5,
            section_dominance: 2.0,
        }
    }
}

/// A top-level theme (`workforce`).
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Stable id in English (`workforce`).
    pub id: String,
    /// Norwegian label for reports (`Arbeidskraft og kompetanse`).
    pub label: String,
    /// What the theme covers, in Norwegian.
    pub description: String,
    /// Its sub-themes.
    pub subs: Vec<SubTheme>,
    pub(crate) threshold: f32,
}

/// A sub-theme (`sick_leave`).
#[derive(Debug, Clone, PartialEq)]
pub struct SubTheme {
    /// Stable id in English (`sick_leave`).
    pub id: String,
    /// Norwegian label (`Sykefravær`).
    pub label: String,
    /// What it covers, in Norwegian (may be empty).
    pub description: String,
    pub(crate) threshold: f32,
}

/// One element of a compiled term, matched against one analyser token.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Elem {
    /// The token's matching key (`Token::key`, its lemma) or one of its compound parts'
    /// keys.
    Key(String),
    /// `~word`: the token's Snowball stem (`Token::stem`) is the word's, for a codebook
    /// author who wants a stem's reach (`~forsvaret`, stem `forsvar`, also finds `forsvarlig`).
    Stem(String),
    /// `word*`: the lower-cased token starts with this.
    Prefix(String),
    /// `*word*`: the lower-cased token contains this.
    Contains(String),
}

impl Elem {
    /// Whether the element matches token `t`. Inside a proper name (`name`, see
    /// [`crate::matcher::name_flags`]) only the whole word's key or stem counts: a compound
    /// part or a wildcard would find an inner word of a name (`Fjellstyresamband`, a hotel
    /// called `Beredskapen`).
    pub(crate) fn matches(&self, t: &innspill_norsk::Token, name: bool) -> bool {
        match self {
            Elem::Key(k) => t.key == *k || (!name && t.part_stems.iter().any(|p| p == k)),
            Elem::Stem(k) => t.stem == *k,
            Elem::Prefix(p) => !name && t.norm.starts_with(p.as_str()),
            Elem::Contains(c) => !name && t.norm.contains(c.as_str()),
        }
    }

    fn canonical(&self) -> String {
        match self {
            Elem::Key(k) => format!("={k}"),
            Elem::Stem(k) => format!("~{k}"),
            Elem::Prefix(p) => format!("{p}*"),
            Elem::Contains(c) => format!("*{c}*"),
        }
    }
}

/// How the elements of a term must stand in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// One after the other (a single word is a phrase of one).
    Phrase,
    /// All within `window` words of the first, in the same sentence, in any order.
    Near(u32),
}

/// A compiled term.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    /// As written in the codebook.
    pub(crate) written: String,
    pub(crate) theme: usize,
    pub(crate) sub: Option<usize>,
    pub(crate) weight: f32,
    pub(crate) shape: Shape,
    pub(crate) elems: Vec<Elem>,
    /// Phrases that cancel a match when found within `exclude_window` words.
    pub(crate) unless: Vec<Vec<Elem>>,
    /// The same phrases as indices into [`Codebook::phrases`] (filled when compiled).
    pub(crate) unless_ids: Vec<u32>,
    /// Sense check: the match counts only when one of these phrases stands in the same
    /// sentence (within `needs_window` words of the match when set).
    pub(crate) needs: Vec<Vec<Elem>>,
    /// The same phrases as indices into [`Codebook::phrases`] (filled when compiled).
    pub(crate) needs_ids: Vec<u32>,
    /// Largest distance in words between the match and a needed phrase; `None`: anywhere in
    /// the sentence.
    pub(crate) needs_window: Option<u32>,
    /// Sense check: words the match may not be (`krise*` but not `krisesenter*`): a match
    /// any of whose words matches one of these does not count.
    pub(crate) not: Vec<Elem>,
}

/// A loaded, checked and compiled codebook.
///
/// The TOML format (see `codebook/default.toml` for a full example):
///
/// ```toml
/// name = "mine"
/// version = 1
///
/// [settings]            # optional, see Settings for the defaults
/// threshold = 1.0
///
/// [[theme]]
/// id = "preparedness"
/// label = "Samfunnssikkerhet og beredskap"
/// description = "Beredskap, kriser og totalforsvar"
/// terms = ["beredskap", "*beredskap*", "samfunnssikkerhet", "samfunnstryggleik"]
///
/// [[theme.sub]]
/// id = "exercises"
/// label = "Øvelser"
/// terms = ["øvelse", "øving", { term = "øve sammen", weight = 1.5 }]
/// exclude = ["korps"]   # a match next to one of these words does not count
/// ```
///
/// A term is one of:
///
/// - a word, matched by its analyser key, so inflected forms match (`øvelse` finds
///   `øvelser`, `øvelsene`), and also as a compound part once the analyser splits
///   compounds (`beredskap` in `beredskapsrådet`);
/// - `word*` (the word starts so) or `*word*` (contains it), on the lower-cased word;
/// - a phrase of words (`lokalt handlingsrom`), matched word by word in order;
/// - a proximity term, two or more words joined by `…` or `...` (`statlig … styring`),
///   matched when all stand within `window` words of each other in one sentence;
/// - a table `{ term = "…", weight = 2.0, window = 4, unless = ["…"], needs = ["…"],
///   needs_window = 8, not = ["…"] }`.
///
/// Sense checks for ambiguous terms, in a table: `needs` lists context words or phrases of
/// which one must stand in the same sentence (within `needs_window` words when given) for
/// the match to count (`øvelse` needs `beredskap`, `krise`, `brann` …); `not` lists single
/// words or wildcards the matched word may not be (`krise*` but not `krisesenter*`);
/// `unless` cancels a match when the phrase stands near it. Inside a proper name (two
/// capitalised words in a row not at a sentence start, or a capitalised word the lexicon
/// does not know) only a whole word counts, never a compound part or a wildcard, so
/// `Fjellstyresamband` is not `samband`.
///
/// Terms are given in Bokmål and Nynorsk alike. Weights default to the sub-theme's
/// `weight` (default 1.0).
///
/// Loading fails, naming the line, on an unknown key, a term written twice, a term the
/// analyser reduces to nothing (only stop words), a theme or sub-theme id used twice, or
/// a malformed wildcard.
#[derive(Debug, Clone)]
pub struct Codebook {
    name: String,
    version: u32,
    /// FNV-1a (64 bits, hex) of the codebook's TOML text: tells two texts of the same
    /// name and version apart.
    hash: String,
    description: String,
    pub(crate) settings: Settings,
    themes: Vec<Theme>,
    pub(crate) terms: Vec<Term>,
    /// The distinct excluding phrases of all terms.
    pub(crate) phrases: Vec<Vec<Elem>>,
}

impl Codebook {
    /// The default codebook embedded in the binary (tested to load).
    pub fn embedded(analyzer: &Analyzer) -> Codebook {
        Codebook::from_toml("default", DEFAULT_CODEBOOK, analyzer)
            .expect("the embedded codebook is valid (tested)")
    }

    /// Load a codebook file (`--codebook FILE`).
    pub fn from_path(path: &Path, analyzer: &Analyzer) -> Result<Codebook, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Codebook::from_toml(&path.display().to_string(), &text, analyzer)
    }

    /// Parse, check and compile a codebook. `name` is used in error messages.
    pub fn from_toml(name: &str, text: &str, analyzer: &Analyzer) -> Result<Codebook, Error> {
        let raw: RawCodebook = toml::from_str(text).map_err(|e| Error::Syntax {
            name: name.to_string(),
            line: e.span().map_or(0, |s| line_of(text, s.start)),
            message: e.message().trim().to_string(),
        })?;
        let mut cb = Compiler {
            name,
            text,
            analyzer,
            seen_terms: HashMap::new(),
            seen_ids: HashMap::new(),
        }
        .compile(raw)?;
        cb.hash = format!("{:016x}", fnv1a(text.as_bytes()));
        Ok(cb)
    }

    /// The codebook's name (`default`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The codebook's version.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// `name@version+hash` (the first 8 hex digits of [`Codebook::hash`]), as recorded in
    /// [`innspill_model::DocumentTags::codebook`]: tags made before the codebook's text
    /// changed are stale even where its version was not raised, and the report can say
    /// which codebook tagged which year.
    pub fn id(&self) -> String {
        format!("{}@{}+{}", self.name, self.version, &self.hash[..8])
    }

    /// FNV-1a (64 bits, 16 hex digits) of the codebook's TOML text.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The codebook's description.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The themes in codebook order.
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Number of compiled terms.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }
}

/// FNV-1a, 64 bits.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCodebook {
    name: String,
    version: u32,
    #[serde(default)]
    description: String,
    #[serde(default)]
    settings: RawSettings,
    theme: Vec<RawTheme>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawSettings {
    threshold: Option<f32>,
    sub_threshold: Option<f32>,
    window: Option<u32>,
    exclude_window: Option<u32>,
    short_words: Option<u32>,
    section_weight: Option<f32>,
    section_dominance: Option<f32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    id: Spanned<String>,
    label: String,
    #[serde(default)]
    description: String,
    threshold: Option<f32>,
    weight: Option<f32>,
    #[serde(default)]
    terms: Vec<Spanned<RawTerm>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    sub: Vec<RawSub>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSub {
    id: Spanned<String>,
    label: String,
    #[serde(default)]
    description: String,
    threshold: Option<f32>,
    weight: Option<f32>,
    #[serde(default)]
    terms: Vec<Spanned<RawTerm>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

#[derive(Debug)]
enum RawTerm {
    Plain(String),
    Table(RawTermTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTermTable {
    term: String,
    weight: Option<f32>,
    window: Option<u32>,
    #[serde(default)]
    unless: Vec<String>,
    #[serde(default)]
    needs: Vec<String>,
    needs_window: Option<u32>,
    #[serde(default)]
    not: Vec<String>,
}

impl<'de> Deserialize<'de> for RawTerm {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawTerm;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a term string or a table { term, weight, window, unless, needs, needs_window, not }",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawTerm, E> {
                Ok(RawTerm::Plain(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawTerm, A::Error> {
                RawTermTable::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawTerm::Table)
            }
        }
        d.deserialize_any(V)
    }
}

struct Compiler<'a> {
    name: &'a str,
    text: &'a str,
    analyzer: &'a Analyzer,
    /// Written term (lower case, single spaces) → line of first occurrence.
    seen_terms: HashMap<String, usize>,
    seen_ids: HashMap<String, usize>,
}

impl Compiler<'_> {
    fn line<T>(&self, s: &Spanned<T>) -> usize {
        line_of(self.text, s.span().start)
    }

    fn invalid(&self, line: usize, message: String) -> Error {
        Error::Invalid {
            name: self.name.to_string(),
            line,
            message,
        }
    }

    fn check_id(&mut self, id: &Spanned<String>) -> Result<(), Error> {
        let line = self.line(id);
        let v = id.get_ref();
        if v.is_empty()
            || !v
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(self.invalid(
                line,
                format!("id {v:?} is not an id (expected lower-case ASCII letters, digits and _)"),
            ));
        }
        if self.seen_ids.insert(v.clone(), line).is_some() {
            return Err(Error::DuplicateId {
                name: self.name.to_string(),
                line,
                id: v.clone(),
            });
        }
        Ok(())
    }

    fn compile(mut self, raw: RawCodebook) -> Result<Codebook, Error> {
        let d = Settings::default();
        let s = raw.settings;
        let settings = Settings {
            threshold: s.threshold.unwrap_or(d.threshold),
            sub_threshold: s.sub_threshold.unwrap_or(d.sub_threshold),
            window: s.window.unwrap_or(d.window),
            exclude_window: s.exclude_window.unwrap_or(d.exclude_window),
            short_words: s.short_words.unwrap_or(d.short_words),
            section_weight: s.section_weight.unwrap_or(d.section_weight),
            section_dominance: s.section_dominance.unwrap_or(d.section_dominance),
        };
        let mut themes = Vec::new();
        let mut terms: Vec<Term> = Vec::new();
        for (ti, t) in raw.theme.into_iter().enumerate() {
            self.check_id(&t.id)?;
            let theme_excl = self.compile_list(&t.exclude)?;
            let weight = t.weight.unwrap_or(1.0);
            for term in &t.terms {
                terms.push(self.compile_term(term, ti, None, weight, &theme_excl, &settings)?);
            }
            let mut subs = Vec::new();
            for (si, sub) in t.sub.into_iter().enumerate() {
                self.check_id(&sub.id)?;
                let mut excl = self.compile_list(&sub.exclude)?;
                excl.extend(theme_excl.iter().cloned());
                let w = sub.weight.unwrap_or(weight);
                for term in &sub.terms {
                    terms.push(self.compile_term(term, ti, Some(si), w, &excl, &settings)?);
                }
                subs.push(SubTheme {
                    id: sub.id.into_inner(),
                    label: sub.label,
                    description: sub.description,
                    threshold: sub.threshold.unwrap_or(settings.sub_threshold),
                });
            }
            themes.push(Theme {
                id: t.id.into_inner(),
                label: t.label,
                description: t.description,
                subs,
                threshold: t.threshold.unwrap_or(settings.threshold),
            });
        }
        // The same analysed term twice in one sub-theme (a Bokmål and a Nynorsk form that
        // the analyser maps to one key) is merged, keeping the larger weight.
        let mut merged: Vec<Term> = Vec::with_capacity(terms.len());
        let mut at: HashMap<(usize, Option<usize>, String), usize> = HashMap::new();
        for term in terms {
            let key = (term.theme, term.sub, canonical(&term));
            match at.get(&key) {
                Some(&i) => {
                    if term.weight > merged[i].weight {
                        merged[i].weight = term.weight;
                    }
                }
                None => {
                    at.insert(key, merged.len());
                    merged.push(term);
                }
            }
        }
        let mut phrases: Vec<Vec<Elem>> = Vec::new();
        let mut phrase_at: HashMap<Vec<Elem>, u32> = HashMap::new();
        for term in &mut merged {
            term.unless_ids = term
                .unless
                .iter()
                .map(|p| {
                    *phrase_at.entry(p.clone()).or_insert_with(|| {
                        phrases.push(p.clone());
                        (phrases.len() - 1) as u32
                    })
                })
                .collect();
            term.unless_ids.sort_unstable();
            term.unless_ids.dedup();
            term.needs_ids = term
                .needs
                .iter()
                .map(|p| {
                    *phrase_at.entry(p.clone()).or_insert_with(|| {
                        phrases.push(p.clone());
                        (phrases.len() - 1) as u32
                    })
                })
                .collect();
            term.needs_ids.sort_unstable();
            term.needs_ids.dedup();
        }
        Ok(Codebook {
            phrases,
            name: raw.name,
            version: raw.version,
            hash: String::new(),
            description: raw.description,
            settings,
            themes,
            terms: merged,
        })
    }

    fn compile_list(&mut self, list: &[Spanned<String>]) -> Result<Vec<Vec<Elem>>, Error> {
        list.iter()
            .map(|s| {
                let line = self.line(s);
                self.elems(s.get_ref(), line)
            })
            .collect()
    }

    fn compile_term(
        &mut self,
        term: &Spanned<RawTerm>,
        theme: usize,
        sub: Option<usize>,
        default_weight: f32,
        excl: &[Vec<Elem>],
        settings: &Settings,
    ) -> Result<Term, Error> {
        let line = self.line(term);
        let empty = RawTermTable {
            term: String::new(),
            weight: None,
            window: None,
            unless: Vec::new(),
            needs: Vec::new(),
            needs_window: None,
            not: Vec::new(),
        };
        let (written, weight, window, table) = match term.get_ref() {
            RawTerm::Plain(s) => (s.clone(), default_weight, None, &empty),
            RawTerm::Table(t) => (
                t.term.clone(),
                t.weight.unwrap_or(default_weight),
                t.window,
                t,
            ),
        };
        let unless = &table.unless;
        if !(weight.is_finite() && weight > 0.0) {
            return Err(self.invalid(
                line,
                format!("weight {weight} of {written:?} must be above 0"),
            ));
        }
        let dedup_key = written
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if let Some(&first_line) = self.seen_terms.get(&dedup_key) {
            return Err(Error::DuplicateTerm {
                name: self.name.to_string(),
                line,
                term: written,
                first_line,
            });
        }
        self.seen_terms.insert(dedup_key, line);
        let near_parts: Vec<&str> = if written.contains('…') {
            written.split('…').collect()
        } else if written.contains("...") {
            written.split("...").collect()
        } else {
            Vec::new()
        };
        let (elems, shape) = if near_parts.is_empty() {
            if window.is_some() {
                return Err(self.invalid(
                    line,
                    format!("term {written:?} has a window but is not a proximity term (expected words joined by …)"),
                ));
            }
            (self.elems(&written, line)?, Shape::Phrase)
        } else {
            let mut elems = Vec::new();
            for part in near_parts {
                let mut e = self.elems(part, line)?;
                if e.len() != 1 {
                    return Err(self.invalid(
                        line,
                        format!("proximity term {written:?}: each side of … must be one word, found {:?}", part.trim()),
                    ));
                }
                elems.append(&mut e);
            }
            (elems, Shape::Near(window.unwrap_or(settings.window)))
        };
        let mut all_unless = excl.to_vec();
        for u in unless {
            all_unless.push(self.elems(u, line)?);
        }
        let mut needs = Vec::new();
        for n in &table.needs {
            needs.push(self.elems(n, line)?);
        }
        if table.needs_window.is_some() && needs.is_empty() {
            return Err(self.invalid(
                line,
                format!("term {written:?} has needs_window but no needs"),
            ));
        }
        let mut not = Vec::new();
        for n in &table.not {
            let mut e = self.elems(n, line)?;
            if e.len() != 1 {
                return Err(self.invalid(
                    line,
                    format!("term {written:?}: each entry of not must be one word, found {n:?}"),
                ));
            }
            not.append(&mut e);
        }
        Ok(Term {
            written,
            theme,
            sub,
            weight,
            shape,
            elems,
            unless: all_unless,
            unless_ids: Vec::new(),
            needs,
            needs_ids: Vec::new(),
            needs_window: table.needs_window,
            not,
        })
    }

    /// The elements of a word or phrase; a phrase of only stop words is an error (stop
    /// words inside a phrase are kept: `slå seg sammen`).
    fn elems(&self, s: &str, line: usize) -> Result<Vec<Elem>, Error> {
        let mut out: Vec<(Elem, bool)> = Vec::new();
        for word in s.split_whitespace() {
            let lead = word.starts_with('*');
            let trail = word.ends_with('*');
            if lead || trail {
                let core = word.trim_matches('*');
                if core.is_empty()
                    || core.contains('*')
                    || !core.chars().all(|c| c.is_alphanumeric() || c == '-')
                    || (lead && !trail)
                {
                    return Err(self.invalid(
                        line,
                        format!("wildcard {word:?} is not well-formed (expected word* or *word*)"),
                    ));
                }
                let core = core.to_lowercase();
                let stop = self.analyzer.is_stop(&core);
                out.push((
                    if lead {
                        Elem::Contains(core)
                    } else {
                        Elem::Prefix(core)
                    },
                    stop,
                ));
            } else if let Some(core) = word.strip_prefix('~') {
                let Some(t) = self.analyzer.analyze(core).into_iter().next() else {
                    return Err(self.invalid(
                        line,
                        format!("stem term {word:?} is not well-formed (expected ~word)"),
                    ));
                };
                out.push((Elem::Stem(t.stem.clone()), t.stop || t.stem.is_empty()));
            } else {
                for t in self.analyzer.analyze(word) {
                    out.push((Elem::Key(t.key.clone()), t.stop || t.key.is_empty()));
                }
            }
        }
        if out.iter().all(|(_, stop)| *stop) {
            return Err(Error::EmptyTerm {
                name: self.name.to_string(),
                line,
                term: s.trim().to_string(),
            });
        }
        Ok(out.into_iter().map(|(e, _)| e).collect())
    }
}

fn canonical(t: &Term) -> String {
    let shape = match t.shape {
        Shape::Phrase => "p".to_string(),
        Shape::Near(w) => format!("n{w}"),
    };
    let elems: Vec<String> = t.elems.iter().map(Elem::canonical).collect();
    format!("{shape}:{}", elems.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Codebook, Error> {
        Codebook::from_toml("test.toml", text, &Analyzer::default())
    }

    const HEAD: &str =
        "name = \"t\"\nversion = 1\n\n[[theme]]\nid = \"preparedness\"\nlabel = \"Beredskap\"\n";

    #[test]
    fn the_id_tells_two_texts_of_one_version_apart() {
        let a = load(&format!("{HEAD}terms = [\"beredskap\"]\n")).unwrap();
        let b = load(&format!("{HEAD}terms = [\"beredskap\", \"krise\"]\n")).unwrap();
        assert_eq!((a.name(), a.version()), (b.name(), b.version()));
        assert_ne!(a.id(), b.id());
        assert_eq!(
            a.id(),
            load(&format!("{HEAD}terms = [\"beredskap\"]\n"))
                .unwrap()
                .id()
        );
        assert!(a.id().starts_with("t@1+"));
    }

    #[test]
    fn embedded_codebook_loads_with_the_four_themes() {
        let cb = Codebook::embedded(&Analyzer::default());
        let ids: Vec<&str> = cb.themes().iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["workforce", "preparedness", "autonomy", "welfare"]);
        assert!(cb.id().starts_with("default@1+"), "{}", cb.id());
        assert_eq!(cb.id().len(), "default@1+".len() + 8);
        let subs: Vec<&str> = cb
            .themes()
            .iter()
            .flat_map(|t| t.subs.iter().map(|s| s.id.as_str()))
            .collect();
        assert_eq!(
            subs.join(" "),
            "recruitment sick_leave full_time task_sharing senior_policy inclusion competence \
             ros_analysis emergency_council self_preparedness digital_security exercises supply \
             total_defence transport_isolation state_control reporting_burden full_funding \
             trial_legislation generalist_principle municipal_economy prioritisation \
             digitalisation cooperation volunteers prevention"
        );
        assert!(cb.term_count() > 200, "{}", cb.term_count());
    }

    /// Themes of a one-paragraph statement tagged with `cb`.
    fn themes_of(cb: &Codebook, text: &str) -> Vec<String> {
        let tagger = crate::Tagger::new(cb.clone(), Analyzer::default());
        let doc = crate::plain::document_from_text(text, "t.txt");
        let tags = tagger.tag_document(&doc);
        let mut out: Vec<String> = tags
            .paragraphs
            .iter()
            .flat_map(|p| p.tags.iter().map(|t| t.theme.clone()))
            .collect();
        out.dedup();
        out
    }

    #[test]
    fn terms_match_lemmas_and_a_stem_term_reaches_further() {
        let lemma = load(&format!("{HEAD}terms = [\"forsvar\"]\n")).unwrap();
        // `forsvarlige` is a form of `forsvarlig` (adequate), not of `forsvar` (defence).
        assert!(themes_of(&lemma, "Vi må gi forsvarlige tjenester.").is_empty());
        assert_eq!(
            themes_of(&lemma, "Landet trenger et sterkt forsvar."),
            ["preparedness"]
        );
        // A stem term reaches as far as Snowball does, false friends included: the
        // codebook author asks for it.
        let stem = load(&format!("{HEAD}terms = [\"~forsvaret\"]\n")).unwrap();
        assert_eq!(
            themes_of(&stem, "Vi må gi forsvarlige tjenester."),
            ["preparedness"]
        );
    }

    #[test]
    fn unknown_key_names_its_line() {
        let text = format!(
            "{HEAD}terms = [\"beredskap\"]\n\n[[theme.sub]]\nid = \"exercises\"\nlabel = \"Øvelser\"\nweigth = 2.0\n"
        );
        let err = load(&text).unwrap_err().to_string();
        insta::assert_snapshot!(err, @"codebook test.toml line 12: unknown field `weigth`, expected one of `id`, `label`, `description`, `threshold`, `weight`, `terms`, `exclude`");
    }

    #[test]
    fn unknown_key_in_a_term_table_names_its_line() {
        let text = format!(
            "{HEAD}terms = [\n  \"beredskap\",\n  {{ term = \"øvelse\", wieght = 2.0 }},\n]\n"
        );
        let err = load(&text).unwrap_err().to_string();
        assert!(err.starts_with("codebook test.toml line 9:"), "{err}");
        assert!(err.contains("wieght"), "{err}");
    }

    #[test]
    fn duplicate_term_names_both_lines() {
        let text =
            format!("{HEAD}terms = [\n  \"beredskap\",\n  \"krise\",\n  \"Beredskap\",\n]\n");
        let err = load(&text).unwrap_err().to_string();
        insta::assert_snapshot!(err, @r#"codebook test.toml line 10: duplicate term "Beredskap" (first at line 8)"#);
    }

    #[test]
    fn term_of_only_stop_words_is_an_error() {
        let text = format!("{HEAD}terms = [\n  \"beredskap\",\n  \"og i\",\n]\n");
        let err = load(&text).unwrap_err().to_string();
        insta::assert_snapshot!(err, @r#"codebook test.toml line 9: term "og i" has no words the analyser keeps (only stop words or punctuation)"#);
    }

    #[test]
    fn malformed_wildcard_and_window_are_errors() {
        let err = load(&format!("{HEAD}terms = [\"*beredskap\"]\n"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("line 7: wildcard \"*beredskap\" is not well-formed"),
            "{err}"
        );
        let err = load(&format!(
            "{HEAD}terms = [{{ term = \"beredskap\", window = 3 }}]\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("line 7:") && err.contains("not a proximity term"),
            "{err}"
        );
        let err = load(&format!(
            "{HEAD}terms = [\"statlig … lokalt handlingsrom\"]\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(err.contains("each side of … must be one word"), "{err}");
    }

    #[test]
    fn duplicate_id_is_an_error() {
        let text = format!(
            "{HEAD}terms = [\"beredskap\"]\n\n[[theme]]\nid = \"preparedness\"\nlabel = \"x\"\n"
        );
        let err = load(&text).unwrap_err().to_string();
        insta::assert_snapshot!(err, @r#"codebook test.toml line 10: duplicate id "preparedness""#);
    }

    #[test]
    fn bokmal_and_nynorsk_forms_with_one_key_are_merged_not_rejected() {
        let text = format!("{HEAD}terms = [\"beredskap\", \"beredskapen\"]\n");
        let cb = load(&text).expect("two written forms of one key load");
        assert_eq!(cb.term_count(), 1);
    }
}
