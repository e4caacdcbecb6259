//! Full form → lemma: the lexicon built by `examples/build_lemmas.rs` from Norsk Ordbank
//! (Bokmål full forms) and the Norwegian Dependency Treebank (form/lemma/POS counts,
//! Bokmål and Nynorsk, without the UD test sentences), read in place from the binary.

use std::fmt;
use std::sync::OnceLock;

/// The lexicon as built by `examples/build_lemmas.rs` (see `data/README.md`).
const LEMMAS: &[u8] = include_bytes!("../data/lemmas.bin");

const MAGIC: &[u8] = b"INLEM1\n";

/// A part of speech, in Universal Dependencies' terms, as far as the lexicon knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "UPPERCASE")]
#[allow(missing_docs)]
pub enum Pos {
    Noun,
    Propn,
    Verb,
    Adj,
    Adv,
    Adp,
    Pron,
    Det,
    Cconj,
    Sconj,
    Part,
    Intj,
    Aux,
    X,
}

impl Pos {
    fn from_id(id: u64) -> Option<Pos> {
        Some(match id {
            1 => Pos::Noun,
            2 => Pos::Propn,
            3 => Pos::Verb,
            4 => Pos::Adj,
            5 => Pos::Adv,
            6 => Pos::Adp,
            7 => Pos::Pron,
            8 => Pos::Det,
            9 => Pos::Cconj,
            10 => Pos::Sconj,
            11 => Pos::Part,
            12 => Pos::Intj,
            13 => Pos::Aux,
            14 => Pos::X,
            _ => return None,
        })
    }

    /// The UD tag (`NOUN`, `VERB`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Pos::Noun => "NOUN",
            Pos::Propn => "PROPN",
            Pos::Verb => "VERB",
            Pos::Adj => "ADJ",
            Pos::Adv => "ADV",
            Pos::Adp => "ADP",
            Pos::Pron => "PRON",
            Pos::Det => "DET",
            Pos::Cconj => "CCONJ",
            Pos::Sconj => "SCONJ",
            Pos::Part => "PART",
            Pos::Intj => "INTJ",
            Pos::Aux => "AUX",
            Pos::X => "X",
        }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One reading of a form: how to turn it into its lemma, and its part of speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reading {
    /// The rule number (an index into the lexicon's rules).
    pub(crate) rule: u32,
    /// Part of speech.
    pub(crate) pos: Option<Pos>,
}

/// What the lexicon knows of a form: its most frequent reading and, where the form also
/// has a reading of another part of speech, the best of those.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Readings {
    pub(crate) best: Reading,
    pub(crate) other: Option<Reading>,
}

/// The lemma lexicon: lower-cased full forms of Bokmål (Norsk Ordbank) and of both
/// written standards (the Norwegian Dependency Treebank) with their lemma and part of
/// speech. Built once per process; cheap to share.
///
/// ```
/// use innspill_norsk::Lemmatizer;
///
/// let lemmas = Lemmatizer::embedded();
/// assert_eq!(lemmas.lemma("sykepleiere").as_deref(), Some("sykepleier"));
/// assert_eq!(lemmas.lemma("forsvarlige").as_deref(), Some("forsvarlig"));
/// assert_eq!(lemmas.lemma("tenestene").as_deref(), Some("teneste"));
/// assert_eq!(lemmas.lemma("meg").as_deref(), Some("jeg"));
/// assert_eq!(lemmas.lemma("xyzzyq"), None);
/// ```
pub struct Lemmatizer {
    /// (characters to strip, ending to add) by rule number.
    rules: Vec<(u8, Box<str>)>,
    map: fst::Map<&'static [u8]>,
    /// Nynorsk forms whose best Nynorsk reading differs from `map`'s.
    nynorsk: fst::Map<&'static [u8]>,
}

impl fmt::Debug for Lemmatizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lemmatizer")
            .field("forms", &self.map.len())
            .field("rules", &self.rules.len())
            .finish()
    }
}

impl Lemmatizer {
    /// The lexicon compiled into `innspill` (shared by every analyser in the process).
    pub fn embedded() -> &'static Lemmatizer {
        static EMBEDDED: OnceLock<Lemmatizer> = OnceLock::new();
        EMBEDDED
            .get_or_init(|| Lemmatizer::parse(LEMMAS).expect("embedded lexicon is valid (tested)"))
    }

    fn parse(bytes: &'static [u8]) -> Option<Lemmatizer> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let n = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let mut at = 4;
        let mut rules = Vec::with_capacity(n);
        for _ in 0..n {
            let strip = *rest.get(at)?;
            let len = usize::from(*rest.get(at + 1)?);
            let add = std::str::from_utf8(rest.get(at + 2..at + 2 + len)?).ok()?;
            rules.push((strip, add.into()));
            at += 2 + len;
        }
        let len =
            usize::try_from(u64::from_le_bytes(rest.get(at..at + 8)?.try_into().ok()?)).ok()?;
        at += 8;
        let map = fst::Map::new(rest.get(at..at + len)?).ok()?;
        let nynorsk = fst::Map::new(rest.get(at + len..)?).ok()?;
        Some(Lemmatizer {
            rules,
            map,
            nynorsk,
        })
    }

    /// Number of full forms.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the lexicon has no forms.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Size of the lexicon in the binary, in bytes.
    pub fn size_bytes(&self) -> usize {
        LEMMAS.len()
    }

    /// Heap memory the lexicon takes, in bytes: its rules (the maps are read in place
    /// from [`Lemmatizer::size_bytes`] bytes in the binary, not copied).
    pub fn heap_bytes(&self) -> usize {
        self.rules.capacity() * std::mem::size_of::<(u8, Box<str>)>()
            + self.rules.iter().map(|(_, add)| add.len()).sum::<usize>()
    }

    /// The readings of the lower-cased `form`, when it is known.
    pub(crate) fn readings(&self, form: &str) -> Option<Readings> {
        let v = self.map.get(form)?;
        let best = Reading {
            rule: (v & 0xff_ffff) as u32,
            pos: Pos::from_id(v >> 24 & 0xf),
        };
        let r2 = v >> 28 & 0xff_ffff;
        let other = (r2 > 0).then(|| Reading {
            rule: (r2 - 1) as u32,
            pos: Pos::from_id(v >> 52 & 0xf),
        });
        Some(Readings { best, other })
    }

    /// The best Nynorsk reading of the lower-cased `form`, where it differs from the best
    /// reading of both standards (`er` → `vere`).
    pub(crate) fn nynorsk(&self, form: &str) -> Option<Reading> {
        let v = self.nynorsk.get(form)?;
        Some(Reading {
            rule: (v & 0xff_ffff) as u32,
            pos: Pos::from_id(v >> 24 & 0xf),
        })
    }

    /// Write the lemma of the lower-cased `form` by `reading` to `out`.
    pub(crate) fn apply(&self, form: &str, reading: Reading, out: &mut String) {
        let (strip, add) = self
            .rules
            .get(reading.rule as usize)
            .map_or((0, ""), |(s, a)| (*s, &**a));
        let n = form.chars().count();
        let strip = usize::from(strip).min(n);
        let keep = form
            .char_indices()
            .nth(n - strip)
            .map_or(form.len(), |(i, _)| i);
        out.push_str(&form[..keep]);
        out.push_str(add);
    }

    /// The lemma and part of speech of an unknown lower-cased `form` found by stripping an
    /// inflection ending (Bokmål or Nynorsk; nouns, verbs, adjectives) so that what is left
    /// is a known lemma of a noun, verb or adjective (`fastlegar` → `fastlege`).
    pub(crate) fn guess(&self, form: &str) -> Option<(String, Option<Pos>)> {
        /// (ending, what replaces it), tried in order.
        const ENDINGS: &[(&str, &str)] = &[
            ("ane", "e"),
            ("ene", "e"),
            ("ane", ""),
            ("ene", ""),
            ("ar", "e"),
            ("er", "e"),
            ("ar", ""),
            ("er", ""),
            ("en", ""),
            ("et", ""),
            ("a", "e"),
            ("a", ""),
            ("te", "e"),
            ("de", "e"),
            ("e", ""),
            // adjectives compared (`forsvarligere`, `forsvarligst`)
            ("ere", ""),
            ("aste", ""),
            ("este", ""),
            ("ast", ""),
            ("est", ""),
            ("st", ""),
        ];
        // A genitive of a known form (`sykepleiers`, `kommunens`).
        if let Some(base) = form.strip_suffix('s')
            && base.chars().count() >= 2
            && let Some(r) = self.readings(base)
        {
            let mut lemma = String::new();
            self.apply(base, r.best, &mut lemma);
            return Some((lemma, r.best.pos));
        }
        if form.chars().count() < 5 {
            return None;
        }
        let mut candidate = String::new();
        for (end, add) in ENDINGS {
            let Some(base) = form.strip_suffix(end) else {
                continue;
            };
            if base.chars().count() < 3 {
                continue;
            }
            candidate.clear();
            candidate.push_str(base);
            candidate.push_str(add);
            let Some(r) = self.readings(&candidate) else {
                continue;
            };
            if !matches!(r.best.pos, Some(Pos::Noun | Pos::Verb | Pos::Adj)) {
                continue;
            }
            let mut lemma = String::new();
            self.apply(&candidate, r.best, &mut lemma);
            if lemma == candidate {
                return Some((lemma, r.best.pos));
            }
        }
        None
    }

    /// The lemma of the lower-cased `form` (its most frequent reading), or `None` when the
    /// form is not in the lexicon.
    pub fn lemma(&self, form: &str) -> Option<String> {
        let r = self.readings(form)?;
        let mut out = String::new();
        self.apply(form, r.best, &mut out);
        Some(out)
    }

    /// The part of speech of the lower-cased `form`'s most frequent reading.
    pub fn pos(&self, form: &str) -> Option<Pos> {
        self.readings(form)?.best.pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_lexicon_loads_and_is_large() {
        let l = Lemmatizer::embedded();
        assert!(l.len() > 500_000, "{}", l.len());
        // The maps are read in place: the heap holds the rules only.
        assert!(l.heap_bytes() > 0 && l.heap_bytes() < l.size_bytes() / 10);
    }

    #[test]
    fn rules_strip_characters_not_bytes() {
        let l = Lemmatizer::embedded();
        // Suppletive and non-ASCII forms.
        assert_eq!(l.lemma("gikk").as_deref(), Some("gå"));
        assert_eq!(l.lemma("søknadene").as_deref(), Some("søknad"));
        assert_eq!(l.lemma("økonomien").as_deref(), Some("økonomi"));
        assert_eq!(l.lemma("større").as_deref(), Some("stor"));
    }
}
