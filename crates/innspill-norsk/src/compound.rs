use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use crate::Lexicon;
use crate::lexicon::{FxBuild, is_vowel};

/// Linking letters ("fuger") that may join a modifier to the next part, with the factor
/// the split's score is multiplied by (a plain join is the most common).
const LINKS: &[(&str, f64)] = &[("", 1.0), ("s", 0.8), ("e", 0.5)];

/// The factor for a linking `s` after a vowel: rare (`fylkes-` is one of few), while a
/// head that begins with `s` is common (`kongle·skjell`, not `kongle·s·kjell`).
const S_AFTER_VOWEL: f64 = 0.25;

/// Words that are never a part: function words, and prefixes and suffixes that form
/// derivations rather than compounds (`forslag` is not `for` + `slag`, `sikkerhet` is not
/// `sikker` + `het`).
const NOT_PART: &[&str] = &[
    // function words (both standards)
    "alle", "alt", "andre", "at", "av", "bare", "berre", "ble", "blir", "dei", "den", "denne",
    "der", "deres", "det", "dette", "disse", "ein", "eit", "eller", "enn", "er", "et", "etter",
    "for", "fra", "frå", "før", "ha", "han", "har", "her", "hos", "hun", "hva", "ikke", "ikkje",
    "inn", "jeg", "kan", "kva", "man", "med", "meg", "men", "mer", "meir", "mot", "når", "noe",
    "noen", "noko", "også", "om", "opp", "over", "på", "seg", "sin", "sine", "sitt", "skal", "som",
    "til", "under", "ut", "uten", "utan", "var", "vart", "ved", "vil", "være", "vere", "mellom",
    "gjennom", "blant", "langs", "innen", "innan", "igjen", "atten", "unna",
    // prefixes of derivations
    "an", "be", "bi", "er", "ge", "mis", "sam", "sær", "u", "ur", "van", "und",
    // suffixes of derivations
    "het", "heit", "else", "ing", "ning", "skap", "dom", "nad", "sel", "bar", "lig", "leg", "lige",
    "lege", "isk", "iske", "ske", "ende", "ande", "ert", "erte", "ere", "ast", "est", "ist",
    "isme", "ment", "tet", "sjon", "asjon", "ør", "ess", "inne", "erske", "ene", "ane", "ter",
    "ler", "ner", "ser", "sen", "ten", "nes", "tes", "ens", "ers", "ast", "ane", "ene", "ing",
    "inga", "inger", "ingar", "ingen", "ninga", "ningen", "heten", "heita", "lighet", "leik",
    "lei", "ske", "ett", "eitt",
    // short verb forms that end particle verbs (`delta`, `gjennomføre`, `forstå`)
    "tar", "tatt", "tok", "går", "gått", "gikk", "gjekk", "står", "stått", "stod", "sto", "satt",
    "sett", "gjør", "gjer", "gjort", "gjorde", "fører", "ført", "førte", "holde", "holder",
    "holdt", "halde", "slår", "spør", "gir", "gitt", "kom", "kommer", "komme", "kome", "får",
    "fått", "fikk", "fekk", "blitt", "vore", "vært", "utenfor", "utanfor", "innenfor", "innanfor",
    "ovenfor", "nedenfor",
];

/// Splits Norwegian compounds into parts (`beredskapsrådet` → `beredskap` + `rådet`).
///
/// A split is a modifier and a head. The head is a known word (or a known word with an
/// inflection ending: `rådet`, `sektoren`); the modifier is a known word, possibly
/// followed by a linking letter `s` or `e` that belongs to no part (`beredskap·s·rådet`,
/// `helg·e·vakt`), or is itself split the same way when it is not known
/// (`bedrift·s·helse·tjenesten`). A known modifier is kept whole: `arbeidskraftmangel`
/// → `arbeidskraft` + `mangel`.
///
/// Which split wins is decided by frequencies, in the manner of Koehn & Knight (2003):
/// the geometric mean of the parts' counts in the [`Lexicon`] (the committed core
/// vocabulary plus learned text) must beat the count of the whole word, and among the
/// splits the highest mean wins. Words of the core vocabulary (and their inflected
/// forms) are never split: `arbeidskraften` stays whole, and so does `sikkerhet` (which
/// is not `sikker` + `het`).
///
/// ```
/// use innspill_norsk::{CompoundSplitter, Lexicon};
///
/// let splitter = CompoundSplitter::new(Lexicon::embedded());
/// assert_eq!(splitter.split("beredskapsrådet"), ["beredskap", "rådet"]);
/// assert_eq!(splitter.split("arbeidskraftmangel"), ["arbeidskraft", "mangel"]);
/// assert_eq!(splitter.split("kommunesektoren"), ["kommune", "sektoren"]);
/// // Not compounds:
/// assert!(splitter.split("forslag").is_empty());
/// assert!(splitter.split("kommunene").is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct CompoundSplitter {
    lexicon: Lexicon,
    min_count: u32,
}

impl Default for CompoundSplitter {
    fn default() -> Self {
        CompoundSplitter::new(Lexicon::default())
    }
}

/// The best split found for a (part of a) word.
#[derive(Debug, Clone, Copy)]
struct Best {
    /// Number of parts (2 for modifier + head).
    parts: u8,
    /// Sum of the natural logarithms of the parts' counts (and link factors): the
    /// geometric mean of the counts is `exp(log_sum / parts)`.
    log_sum: f64,
    /// End of the modifier (before any linking letter).
    mod_end: usize,
    /// Start of the head.
    head_start: usize,
    /// Whether the modifier itself is to be split further.
    mod_split: bool,
}

impl Best {
    /// The geometric mean of the parts' counts (Koehn & Knight's score).
    fn score(&self) -> f64 {
        (self.log_sum / f64::from(self.parts)).exp()
    }

    /// Fewer parts first, then the higher score.
    fn better_than(&self, other: &Best) -> bool {
        self.parts < other.parts
            || (self.parts == other.parts
                && self.log_sum / f64::from(self.parts) > other.log_sum / f64::from(other.parts))
    }
}

/// [`NOT_PART`] and [`PARTICLES`] as one set, built once.
fn excluded() -> &'static HashSet<&'static str, FxBuild> {
    static SET: OnceLock<HashSet<&'static str, FxBuild>> = OnceLock::new();
    SET.get_or_init(|| NOT_PART.iter().chain(PARTICLES).copied().collect())
}

/// Whether `word` is one of [`PARTICLES`].
fn is_particle(word: &str) -> bool {
    word.len() <= 8 && PARTICLES.contains(&word)
}

/// Endings of derived nouns that always take a linking `s` in compounds
/// (`beredskapsplan`, `utdanningstilbud`, `sikkerhetsråd`).
const S_LINK_SUFFIXES: &[&str] = &[
    "skap", "ing", "het", "heit", "sjon", "dom", "else", "nad", "tet", "ment",
];

/// Whether `head` is a doubled final consonant of `modifier` plus an inflection ending
/// (`medlem|mene` is `medlemmene`, not `medlem` + `mene`).
fn is_doubled_ending(modifier: &str, head: &str) -> bool {
    let mut chars = head.chars();
    let (Some(first), rest) = (chars.next(), chars.as_str()) else {
        return false;
    };
    !is_vowel(first)
        && modifier.ends_with(first)
        && ["ene", "ane", "en", "et", "er", "ar", "a", "e"].contains(&rest)
}

/// Shortest part in letters; shorter parts must be in [`TWO_LETTER_PARTS`].
const MIN_PART: usize = 3;
/// Two-letter words that are parts of compounds (`bystyre`, `øykommune`).
const TWO_LETTER_PARTS: &[&str] = &["by", "øy", "ku", "is", "fe", "bu", "ål", "ås", "sy", "tå"];
/// Shortest word that is tried at all.
const MIN_WORD: usize = 6;
/// How deep a modifier is split further.
const MAX_DEPTH: u8 = 3;
/// Parts inside a modifier that is split further must have been seen this many times
/// more often than `min_count` (unknown modifiers split into rare short words are
/// mostly wrong: `sikkerhetsins|pek|tør`).
const INNER_FACTOR: u32 = 4;

/// Adverbs and prepositions that begin compounds (`oppsprang`, `utbygging`,
/// `overgang`). They are far more frequent than any word they begin, so their own count
/// does not enter the score: a split after one is taken only when the rest is a known
/// word more frequent than the whole (`oppgave` is not `opp` + `gave`).
const PARTICLES: &[&str] = &[
    "ut", "opp", "inn", "av", "over", "til", "om", "under", "på", "ned", "etter", "fram", "frem",
    "sammen", "saman", "gjennom", "med", "mot", "fra", "frå", "bak", "mellom", "tilbake", "bort",
    "inne", "ute", "hjemme", "heime", "heim", "hjem", "framme", "fremme", "oppe", "nede", "borte",
    "gjen", "attende", "fore", "føre", "for", "innen", "innan", "utan", "uten", "imot", "forbi",
    "omkring", "rundt", "langs", "blant", "hen",
];

impl CompoundSplitter {
    /// A splitter deciding by `lexicon`, with a word counting as known from its first
    /// sighting (see [`CompoundSplitter::min_count`]).
    pub fn new(lexicon: Lexicon) -> CompoundSplitter {
        CompoundSplitter {
            lexicon,
            min_count: 1,
        }
    }

    /// How often a learned word must have been seen to count as a part. By default, 1.
    /// Raise it when the lexicon learned a large, noisy corpus. Core words always count.
    pub fn min_count(mut self, n: u32) -> CompoundSplitter {
        self.min_count = n.max(1);
        self
    }

    /// The lexicon the splitter decides by.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Mutable access to the lexicon, to learn more text.
    pub fn lexicon_mut(&mut self) -> &mut Lexicon {
        &mut self.lexicon
    }

    /// Push the byte ranges of the parts of the lower-cased `word` (linking letters left
    /// out) to `out`; returns whether the word was split. Nothing is pushed when it was
    /// not. Words with other characters than letters are not split.
    pub fn split_into(&self, word: &str, out: &mut Vec<Range<usize>>) -> bool {
        Splitting {
            lexicon: &self.lexicon,
            min_count: self.min_count,
        }
        .split_into(word, out)
    }

    /// The parts of the lower-cased `word` as strings (empty when it is not split). A
    /// convenience over [`CompoundSplitter::split_into`].
    pub fn split<'w>(&self, word: &'w str) -> Vec<&'w str> {
        let mut ranges = Vec::new();
        self.split_into(word, &mut ranges);
        ranges.into_iter().map(|r| &word[r]).collect()
    }
}

/// Splitting with a borrowed lexicon (also used by dehyphenation).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Splitting<'a> {
    pub(crate) lexicon: &'a Lexicon,
    pub(crate) min_count: u32,
}

impl Splitting<'_> {
    /// See [`CompoundSplitter::split_into`].
    pub(crate) fn split_into(&self, word: &str, out: &mut Vec<Range<usize>>) -> bool {
        if word.chars().count() < MIN_WORD || !word.chars().all(char::is_alphabetic) {
            return false;
        }
        if self.is_lexicalised(word) {
            return false;
        }
        let Some(best) = self.best_split(word, MAX_DEPTH, true) else {
            return false;
        };
        // Koehn & Knight: the parts must beat the whole word.
        if best.score() <= f64::from(self.lexicon.count(word)) {
            return false;
        }
        self.push_parts(word, 0, best, out);
        true
    }

    fn push_parts(&self, word: &str, offset: usize, best: Best, out: &mut Vec<Range<usize>>) {
        let modifier = &word[..best.mod_end];
        let inner = if best.mod_split {
            self.best_split(modifier, MAX_DEPTH - 1, false)
        } else {
            None
        };
        match inner {
            Some(b) => self.push_parts(modifier, offset, b, out),
            None => out.push(offset..offset + best.mod_end),
        }
        out.push(offset + best.head_start..offset + word.len());
    }

    /// Whether `word` looks like a definite or plural form of a more frequent base
    /// (`jernbanen`, `øyret`): such forms are no modifiers.
    fn is_inflected(&self, word: &str) -> bool {
        let c = self.lexicon.count(word);
        ["ene", "ane", "en", "et", "er", "ar"].iter().any(|ending| {
            word.strip_suffix(ending).is_some_and(|base| {
                base.chars().count() >= 3 && self.lexicon.count(base) > c.max(self.min_count)
            })
        })
    }

    /// A core word, or a core word with an inflection ending: kept whole.
    fn is_lexicalised(&self, word: &str) -> bool {
        self.lexicon.is_core_form(word)
    }

    /// The count of `part` if it may be a part (seen at least `min` times), else 0. A
    /// head may carry an inflection ending (`rådet`).
    fn part_count(&self, part: &str, head: bool, min: u32) -> u32 {
        let letters = part.chars().count();
        if letters < MIN_PART && !TWO_LETTER_PARTS.contains(&part) {
            return 0;
        }
        if !part.contains(is_vowel) {
            return 0; // `sjøl|vtr|øst`
        }
        // Counts first (hash lookups); the lists only for words that are known at all.
        let c = if head {
            self.lexicon.form_count(part)
        } else {
            self.lexicon.count(part)
        };
        if c == 0 || (c < min && !self.lexicon.is_core(part)) {
            return 0;
        }
        if excluded().contains(part) || self.lexicon.is_function_word(part) {
            return 0;
        }
        c
    }

    /// The best split of `word` into modifier(s) and head, if any. The head may carry an
    /// inflection ending when `inflected` (the last part of a word), not inside a
    /// modifier (`sivilsamfunnet` is no modifier).
    fn best_split(&self, word: &str, depth: u8, inflected: bool) -> Option<Best> {
        let min = if depth == MAX_DEPTH {
            self.min_count
        } else {
            self.min_count.saturating_mul(INNER_FACTOR)
        };
        let mut best: Option<Best> = None;
        for (head_start, _) in word.char_indices().skip(1) {
            let head = &word[head_start..];
            let head_count = self.part_count(head, inflected, min);
            if head_count == 0 {
                continue;
            }
            let head_log = f64::from(head_count).ln();
            for &(link, factor) in LINKS {
                let Some(modifier) = word[..head_start].strip_suffix(link) else {
                    continue;
                };
                if modifier.is_empty() || (!link.is_empty() && modifier.ends_with(link)) {
                    continue;
                }
                let factor = if link == "s" && modifier.ends_with(is_vowel) {
                    S_AFTER_VOWEL
                } else if S_LINK_SUFFIXES.iter().any(|x| modifier.ends_with(x)) {
                    // `beredskap·s·lager`, not `beredskap·slager`.
                    if link == "s" { 1.0 } else { S_AFTER_VOWEL }
                } else {
                    factor
                };
                if link.is_empty() && is_doubled_ending(modifier, head) {
                    continue;
                }
                if self.is_inflected(modifier) {
                    continue;
                }
                let candidate = match self.part_count(modifier, false, min) {
                    0 if link.is_empty() && is_particle(modifier) => {
                        // The particle's own count does not enter (see PARTICLES).
                        if head.chars().count() < 4 {
                            continue;
                        }
                        Best {
                            parts: 2,
                            log_sum: 2.0 * head_log,
                            mod_end: modifier.len(),
                            head_start,
                            mod_split: false,
                        }
                    }
                    0 if depth > 1 && modifier.chars().count() >= 2 * MIN_PART => {
                        match self.best_split(modifier, depth - 1, false) {
                            Some(inner) => Best {
                                parts: inner.parts + 1,
                                log_sum: inner.log_sum
                                    + head_log
                                    + f64::from(inner.parts + 1) * factor.ln(),
                                mod_end: modifier.len(),
                                head_start,
                                mod_split: true,
                            },
                            None => continue,
                        }
                    }
                    0 => continue,
                    c => Best {
                        parts: 2,
                        log_sum: f64::from(c).ln() + head_log + 2.0 * factor.ln(),
                        mod_end: modifier.len(),
                        head_start,
                        mod_split: false,
                    },
                };
                if best.is_none_or(|b| candidate.better_than(&b)) {
                    best = Some(candidate);
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Check one case: `expected` is the parts joined by `+`, or `""` for no split.
    fn check(splitter: &CompoundSplitter, word: &str, expected: &str) {
        let got = splitter.split(word).join("+");
        assert_eq!(
            got, expected,
            "split({word:?}) gave {got:?}, expected {expected:?}\n\
             help: parts come from data/core.txt plus learned text; see NOT_PART and LINKS \
             in compound.rs"
        );
    }

    #[test]
    fn core_vocabulary_table() {
        let splitter = CompoundSplitter::new(Lexicon::embedded());
        let cases: &[(&str, &str)] = &[
            ("arbeidskraftmangel", "arbeidskraft+mangel"),
            ("beredskapsrådet", "beredskap+rådet"),
            ("beredskapsplan", "beredskap+plan"),
            ("beredskapsplanen", "beredskap+planen"),
            ("sykefraværsarbeid", "sykefravær+arbeid"),
            ("kommunesektoren", "kommune+sektoren"),
            ("helsetjenester", "helse+tjenester"),
            ("helsetenestene", "helse+tenestene"),
            ("samfunnssikkerhet", "samfunn+sikkerhet"),
            ("samfunnstryggleik", "samfunn+tryggleik"),
            ("kriseberedskap", "krise+beredskap"),
            ("bedriftshelsetjenesten", "bedrift+helse+tjenesten"),
            ("helgevakt", "helg+vakt"),
            ("tjenesteproduksjonen", ""), // core word, inflected
            ("arbeidskraften", ""),
            ("kommunene", ""),
            ("forslag", ""),
            ("sikkerhet", ""),
            ("utfordringer", ""),
            ("kommune", ""),
            ("og", ""),
            ("", ""),
        ];
        for &(word, expected) in cases {
            check(&splitter, word, expected);
        }
    }

    /// Words of the seed document with a lexicon that learned the (dehyphenated) seed,
    /// as the analyser sees a document: (word, expected parts or "").
    const SEED_CASES: &[(&str, &str)] = &[
        ("kommunesektoren", "kommune+sektoren"),
        ("sikkerhetspolitisk", "sikkerhet+politisk"),
        ("samfunnssikkerheten", "samfunn+sikkerheten"),
        ("arbeidskraftmangel", "arbeidskraft+mangel"),
        (
            "arbeidstakerorganisasjonene",
            "arbeidstaker+organisasjonene",
        ),
        ("beredskapslager", "beredskap+lager"),
        ("beredskapsrådet", "beredskap+rådet"),
        ("beredskapsøvelser", "beredskap+øvelser"),
        ("helsepersonellkommisjonen", "helse+personell+kommisjonen"),
        ("bedriftshelsetjenesten", "bedrift+helse+tjenesten"),
        ("krisekommunikasjon", "krise+kommunikasjon"),
        ("sykefraværsprisen", "sykefravær+prisen"),
        ("velferdstjenestene", "velferd+tjenestene"),
        ("øykommunens", "øy+kommunens"),
        ("helgebemanningen", "helg+bemanningen"),
        ("tilbakemeldinger", "tilbake+meldinger"),
        ("oppveksttjenester", "oppvekst+tjenester"),
        // Not compounds, or lexicalised words of the core vocabulary:
        ("oppgaver", ""),
        ("avtalen", ""),
        ("områdene", ""),
        ("medlemmene", ""),
        ("innbyggere", ""),
        ("hverdagen", ""),
        ("deltar", ""),
        ("gjennomført", ""),
        ("utenforskapet", ""),
        ("fylkeskommunen", ""),
        ("handlingsrommet", ""),
        ("kommunene", ""),
        ("sikkerhet", ""),
        ("beredskapen", ""),
    ];

    #[test]
    fn seed_table() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../corpus/real/rost-2026.txt"
        );
        let text = std::fs::read_to_string(path).expect("corpus/real/rost-2026.txt is committed");
        let mut lexicon = Lexicon::embedded();
        lexicon.learn(&crate::dehyphenate(&text, &Lexicon::embedded()).text);
        let splitter = CompoundSplitter::new(lexicon);
        for &(word, expected) in SEED_CASES {
            check(&splitter, word, expected);
        }
    }

    #[test]
    fn part_keys_match_free_words() {
        // (compound, index of the part, a free form of that word): the analyser stems each
        // part like a free word, so a term finds the compound.
        let cases: &[(&str, usize, &str)] = &[
            ("beredskapsrådet", 0, "beredskapen"),
            ("beredskapsrådet", 1, "råd"),
            ("beredskapsplanen", 1, "planer"),
            ("kommunesektoren", 0, "kommunene"),
            ("kommunesektoren", 1, "sektor"),
            ("sykefraværsarbeid", 0, "sykefraværet"),
            ("arbeidskraftmangel", 0, "arbeidskraften"),
            ("helsetenestene", 1, "tjenestene"),
            ("samfunnstryggleik", 1, "sikkerhet"),
        ];
        let splitter = CompoundSplitter::new(Lexicon::embedded());
        let analyzer = crate::Analyzer::default();
        for &(word, i, free) in cases {
            let parts = splitter.split(word);
            let part = parts.get(i).copied().unwrap_or("");
            let want = analyzer.key(free);
            assert_eq!(
                analyzer.key(part),
                want,
                "part {i} of {word:?} is {part:?}; its key should be the key of {free:?}\n\
                 help: parts leave out linking letters and keep the head's inflection"
            );
        }
    }

    #[test]
    fn learned_text_decides() {
        let mut lexicon = Lexicon::default();
        lexicon.learn("taktskifte takt takt takt skifte skifte");
        let splitter = CompoundSplitter::new(lexicon);
        // takt (3) and skifte (3): geometric mean 3 beats the whole word's count of 1.
        check(&splitter, "taktskifte", "takt+skifte");
        let mut lexicon = Lexicon::default();
        lexicon.learn("taktskifte taktskifte taktskifte taktskifte takt skifte");
        // The whole word is more frequent than its parts: not split.
        check(&CompoundSplitter::new(lexicon), "taktskifte", "");
    }

    #[test]
    fn min_count_ignores_rare_parts() {
        let mut lexicon = Lexicon::default();
        lexicon.learn("takt skifte");
        let splitter = CompoundSplitter::new(lexicon).min_count(2);
        check(&splitter, "taktskifte", "");
    }

    #[test]
    fn ranges_leave_out_linking_letters() {
        let splitter = CompoundSplitter::new(Lexicon::embedded());
        let mut out = Vec::new();
        assert!(splitter.split_into("beredskapsrådet", &mut out));
        assert_eq!(out, vec![0..9, 10..16]);
        out.clear();
        assert!(!splitter.split_into("Øst-Finnmark", &mut out));
        assert!(out.is_empty());
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_ranges_are_ordered(word in "\\PC{0,40}") {
            let splitter = CompoundSplitter::new(Lexicon::embedded());
            let w = word.to_lowercase();
            let mut out = Vec::new();
            let split = splitter.split_into(&w, &mut out);
            proptest::prop_assert_eq!(split, !out.is_empty());
            let mut last = 0;
            for r in &out {
                proptest::prop_assert!(r.start >= last && r.start < r.end && r.end <= w.len());
                proptest::prop_assert!(w.is_char_boundary(r.start) && w.is_char_boundary(r.end));
                last = r.end;
            }
        }

        #[test]
        fn splits_norwegian_letters(word in "[a-zæøå]{0,30}") {
            let splitter = CompoundSplitter::new(Lexicon::embedded());
            let mut out = Vec::new();
            splitter.split_into(&word, &mut out);
            for r in &out {
                proptest::prop_assert!(word.is_char_boundary(r.start) && word.is_char_boundary(r.end));
            }
        }
    }
}
