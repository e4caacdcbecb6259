use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use unicode_segmentation::UnicodeSegmentation;

/// The core vocabulary committed with the crate (`data/core.txt`): common Bokmål and
/// Nynorsk lemmas of public administration and everyday language, written for `innspill`.
pub(crate) const CORE: &str = include_str!("../data/core.txt");

/// The count a core word has before any text is learned: as if it had been seen this
/// often. Learned counts add to it.
pub(crate) const CORE_COUNT: u32 = 20;

/// Inflection endings (nouns, verbs, adjectives; both standards) that
/// [`Lexicon::form_count`] strips to find a known base form, longest first.
const ENDINGS: &[&str] = &[
    "ene", "ane", "ens", "ets", "ers", "ars", "ast", "est", "ere", "en", "et", "er", "ar", "ne",
    "te", "de", "a", "e", "n", "r", "t", "s",
];

/// Word frequencies that dehyphenation and compound splitting decide by: a small
/// committed core vocabulary plus whatever text the analyser has been shown
/// ([`Lexicon::learn`]), in the manner of Koehn & Knight (2003).
///
/// Counts are kept for lower-cased words. A core word counts as if it had been seen
/// 20 times before any text is learned.
///
/// ```
/// use innspill_norsk::Lexicon;
///
/// let mut lexicon = Lexicon::embedded();
/// assert!(lexicon.is_core("beredskap"));
/// assert_eq!(lexicon.count("taktskiftet"), 0);
/// lexicon.learn("Tid for taktskiftet. Taktskiftet må komme nå.");
/// assert_eq!(lexicon.count("taktskiftet"), 2);
/// // An inflected form is known through its base form.
/// assert!(lexicon.form_count("sektoren") > 0);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    counts: HashMap<Box<str>, u32, FxBuild>,
    /// Which beginnings the words in `counts` have (see [`Beginnings`]).
    beginnings: Beginnings,
    core: HashSet<Box<str>, FxBuild>,
    function: HashSet<Box<str>, FxBuild>,
    learned_words: u64,
}

impl Lexicon {
    /// The core vocabulary shipped with `innspill` (`data/core.txt`, about 1,700 words).
    pub fn embedded() -> Lexicon {
        let mut lexicon = Lexicon::default();
        lexicon.add_core_list(CORE);
        lexicon
    }

    /// Add the words of a list in the one-word-a-line format (`#` starts a comment) to the
    /// core vocabulary. Lines with more than one word are skipped.
    pub fn add_core_list(&mut self, list: &str) {
        let mut function_section = false;
        for line in list.lines() {
            if let Some(comment) = line.trim().strip_prefix("# ---") {
                function_section = comment.contains("function words");
            }
            let word = line.split('#').next().unwrap_or("").trim();
            if word.is_empty() || word.contains(char::is_whitespace) {
                continue;
            }
            self.add_core_word(word);
            if function_section {
                self.function.insert(word.to_lowercase().into_boxed_str());
            }
        }
    }

    /// Add one word to the core vocabulary (lower-cased).
    pub fn add_core_word(&mut self, word: &str) {
        let word = word.to_lowercase();
        if self.core.insert(word.clone().into_boxed_str()) {
            self.beginnings.add(&word);
            *self.counts.entry(word.into_boxed_str()).or_default() += CORE_COUNT;
        }
    }

    /// Count the lower-cased words of `text`.
    pub fn learn(&mut self, text: &str) {
        for w in text.unicode_words() {
            if w.chars().all(char::is_alphabetic) {
                self.learn_word(&w.to_lowercase(), 1);
            }
        }
    }

    /// Add `n` to the count of the lower-cased `word`.
    pub fn learn_word(&mut self, word: &str, n: u32) {
        self.learned_words += u64::from(n);
        match self.counts.get_mut(word) {
            Some(c) => *c = c.saturating_add(n),
            None => {
                self.beginnings.add(word);
                self.counts.insert(word.into(), n);
            }
        }
    }

    /// How often the lower-cased `word` was seen (0 when never); a core word starts at 20.
    pub fn count(&self, word: &str) -> u32 {
        if !self.beginnings.may_hold(word) {
            return 0;
        }
        self.counts.get(word).copied().unwrap_or(0)
    }

    /// Whether the lower-cased `word` is in the core vocabulary.
    pub fn is_core(&self, word: &str) -> bool {
        self.core.contains(word)
    }

    /// The count of the lower-cased `word`, or, when it was never seen as such, the
    /// largest count of a base form left after stripping one inflection ending
    /// (`sektoren` → `sektor`, `rådet` → `råd`, `rommet` → `rom`; bases of at least three
    /// letters).
    pub fn form_count(&self, word: &str) -> u32 {
        let c = self.count(word);
        if c > 0 {
            return c;
        }
        let mut best = 0;
        for_each_base(word, |base| best = best.max(self.count(base)));
        best
    }

    /// Whether the lower-cased `word`, or a base form of it (as in
    /// [`Lexicon::form_count`]), is in the core vocabulary: `oppgaver`, `medlemmene`.
    pub fn is_core_form(&self, word: &str) -> bool {
        if self.is_core(word) {
            return true;
        }
        let mut found = false;
        for_each_base(word, |base| found |= self.is_core(base));
        found
    }

    /// Whether the lower-cased `word` is a function word of the core vocabulary (a
    /// pronoun, preposition, conjunction, auxiliary; the list's first section).
    pub fn is_function_word(&self, word: &str) -> bool {
        self.function.contains(word)
    }

    /// Number of distinct words (core and learned).
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether the lexicon knows no word at all.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Number of words in the core vocabulary.
    pub fn core_len(&self) -> usize {
        self.core.len()
    }

    /// Number of running words learned so far (with repetitions).
    pub fn learned_words(&self) -> u64 {
        self.learned_words
    }
}

/// The first three bytes of every word of a [`Lexicon`] of three bytes or more, hashed
/// into 65,536 bits: a word whose beginning is not among them is not in the lexicon,
/// found without hashing the whole word. Compound splitting asks for every ending of a
/// word (`eredskapsråd`, `redskapsråd`, …) and its bases, and most are not words; with
/// the embedded lexicon, two in three are answered here.
#[derive(Clone, Default)]
struct Beginnings {
    /// Empty until the first word.
    bits: Vec<u64>,
}

impl std::fmt::Debug for Beginnings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set: u32 = self.bits.iter().map(|b| b.count_ones()).sum();
        write!(f, "Beginnings({set} of 65536 bits set)")
    }
}

impl Beginnings {
    /// The bit of `word`'s beginning; `None` for words under three bytes.
    fn bit(word: &str) -> Option<usize> {
        let b = word.as_bytes().get(..3)?;
        let x = u32::from_le_bytes([b[0], b[1], b[2], 0]);
        Some((x.wrapping_mul(0x9e37_79b1) >> 16) as usize)
    }

    fn add(&mut self, word: &str) {
        if self.bits.is_empty() {
            self.bits = vec![0; 1 << 10];
        }
        if let Some(bit) = Beginnings::bit(word) {
            self.bits[bit / 64] |= 1 << (bit % 64);
        }
    }

    /// False only when no word of the lexicon is `word`.
    fn may_hold(&self, word: &str) -> bool {
        match (Beginnings::bit(word), self.bits.is_empty()) {
            // No word added at all.
            (_, true) => false,
            (Some(bit), false) => self.bits[bit / 64] & (1 << (bit % 64)) != 0,
            (None, false) => true,
        }
    }
}

/// Call `f` with each base form of `word` left after stripping one inflection ending
/// (bases of at least three letters), with a restored final `-e` (`kommunane` →
/// `kommune`) and an undoubled final consonant (`rommet` → `rom`).
fn for_each_base(word: &str, mut f: impl FnMut(&str)) {
    let mut with_e = String::new();
    for ending in ENDINGS {
        let Some(base) = crate::stem::strip_suffix_from_end(word, ending) else {
            continue;
        };
        if base.chars().count() < 3 {
            continue;
        }
        f(base);
        // Nynorsk and Bokmål plurals drop a final `-e`: `kommunane` → `kommune`.
        if ending.starts_with(['a', 'e']) && !base.ends_with('e') {
            with_e.clear();
            with_e.push_str(base);
            with_e.push('e');
            f(&with_e);
        }
        // A doubled final consonant before an ending: `rommet` → `romm` → `rom`.
        let mut rev = base.chars().rev();
        if let (Some(a), Some(b)) = (rev.next(), rev.next())
            && a == b
            && !is_vowel(a)
        {
            f(&base[..base.len() - a.len_utf8()]);
        }
    }
}

/// Whether `c` is a Norwegian vowel letter (lower case).
pub(crate) fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'æ' | 'ø' | 'å' | 'é' | 'è' | 'ê' | 'ó' | 'ò' | 'ô'
    )
}

/// A small, fast hasher for short strings (the Firefox/rustc "Fx" hash). Lookups of word
/// parts dominate compound splitting; SipHash is several times slower on them.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// The Fx state with a final multiply-xorshift mix (half of MurmurHash3's `fmix64`):
    /// Fx alone leaves the low bits, which pick a map's bucket, depending on few of the
    /// key's bytes.
    #[inline]
    fn finish(&self) -> u64 {
        let mut h = self.hash;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_list_loads_and_is_lower_case() {
        let lexicon = Lexicon::embedded();
        assert!(
            lexicon.core_len() > 1_500,
            "core has {}",
            lexicon.core_len()
        );
        for line in CORE.lines() {
            let word = line.split('#').next().unwrap_or("").trim();
            assert!(
                !word.contains(char::is_whitespace),
                "core line {line:?} has more than one word\nhelp: one word a line"
            );
            assert_eq!(
                word,
                word.to_lowercase(),
                "core word {word:?} is not lower case\nhelp: write core words in lower case"
            );
        }
    }

    #[test]
    fn beginnings_never_hide_a_word_of_the_lexicon() {
        let mut lexicon = Lexicon::embedded();
        lexicon.learn("Taktskiftet må komme nå: å, øy, ål, ærlighet og Øst-Finnmark.");
        lexicon.learn_word("x", 3);
        lexicon.learn_word("ab", 2);
        let words: Vec<String> = lexicon.counts.keys().map(|w| w.to_string()).collect();
        for w in &words {
            assert!(lexicon.count(w) > 0, "{w:?}");
        }
        assert_eq!(lexicon.count("ab"), 2);
        assert_eq!(lexicon.count("x"), 3);
        // Most words that are not there are told by their beginning alone.
        let letters = "bdfghjklmnprstv";
        let absent: Vec<String> = letters
            .chars()
            .flat_map(|a| letters.chars().map(move |b| format!("q{a}{b}ord")))
            .collect();
        let told = absent
            .iter()
            .filter(|w| !lexicon.beginnings.may_hold(w))
            .count();
        assert!(told * 10 > absent.len() * 9, "{told} of {}", absent.len());
        for w in &absent {
            assert_eq!(lexicon.count(w), 0, "{w:?}");
        }
        // A lexicon without words knows none, and learns.
        let mut empty = Lexicon::default();
        assert_eq!(empty.count("beredskap"), 0);
        assert_eq!(empty.count(""), 0);
        empty.learn_word("beredskap", 1);
        assert_eq!(empty.count("beredskap"), 1);
        assert_eq!(empty.count("beredskaper"), 0);
        assert_eq!(empty.form_count("beredskapen"), 1);
    }

    proptest::proptest! {
        #[test]
        fn count_with_beginnings_is_the_map_lookup(
            learned in proptest::collection::vec("[a-zæøå]{0,6}", 0..40),
            probe in "[a-zæøå]{0,7}",
        ) {
            let mut lexicon = Lexicon::default();
            for w in &learned {
                lexicon.learn_word(w, 1);
            }
            let direct = lexicon.counts.get(probe.as_str()).copied().unwrap_or(0);
            proptest::prop_assert_eq!(lexicon.count(&probe), direct);
            for w in &learned {
                let direct = lexicon.counts.get(w.as_str()).copied().unwrap_or(0);
                proptest::prop_assert_eq!(lexicon.count(w), direct);
            }
        }
    }

    #[test]
    fn form_count_table() {
        let lexicon = Lexicon::embedded();
        // (word, known through some form?)
        let cases: &[(&str, bool)] = &[
            ("sektoren", true),
            ("rådet", true),
            ("kommunene", true),
            ("kommunane", true),
            ("tjenester", true),
            ("tenestene", true),
            ("handlingsrommet", true),
            ("beredskapen", true),
            ("xyzzyen", false),
            ("en", true),
            ("sen", true),
            ("qen", false),
        ];
        for &(word, known) in cases {
            assert_eq!(
                lexicon.form_count(word) > 0,
                known,
                "form_count({word:?})\nhelp: see ENDINGS in lexicon.rs and data/core.txt"
            );
        }
    }

    #[test]
    fn fx_hash_spreads_low_bits() {
        use std::hash::BuildHasher;
        // Keys that differ only in a few middle bytes must still spread over buckets
        // (without a final mix, 1,024 of these fall into about 300).
        let build = FxBuild::default();
        let mut buckets = HashSet::new();
        for i in 0..1024u32 {
            let key = format!("kommune{i:04}");
            buckets.insert(build.hash_one(key.as_str()) & 1023);
        }
        assert!(
            buckets.len() > 550,
            "only {} of 1024 buckets used\nhelp: see FxHasher::finish",
            buckets.len()
        );
    }

    #[test]
    fn learn_counts_lower_case_words_only() {
        let mut lexicon = Lexicon::default();
        lexicon.learn("Kommunen og kommunen, 2026 KS’ 5-2");
        assert_eq!(lexicon.count("kommunen"), 2);
        assert_eq!(lexicon.count("2026"), 0);
        assert_eq!(lexicon.count("ks"), 1);
        assert_eq!(lexicon.learned_words(), 4);
    }
}
