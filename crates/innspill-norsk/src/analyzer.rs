//! The whole pipeline: dehyphenate → tokenise (and split sentences) → normalise →
//! stop words → lemma (and stem) → split compounds → matching key.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

use crate::lemma::{Lemmatizer, Pos, Reading};
use crate::lexicon::FxHasher;
use crate::normalize::{Normalizer, lowercase_into};
use crate::sentence::SentenceSplitter;
use crate::stem::{Stemmer, nynorsk_to_bokmal};
use crate::tokenize::{SegmentKind, Tokenizer};
use crate::{
    CompoundSplitter, Dehyphenated, Error, Lang, LanguageGuess, Lexicon, ParagraphLanguage,
    StopWords, lang,
};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A word (letters, possibly with inner hyphens).
    Word,
    /// A number (`700 000`, `1,5`, `2026`, `§ 5-2`).
    Number,
    /// An abbreviation (`bl.a.`, `f.eks.`).
    Abbreviation,
}

/// One token of analysed text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Token {
    /// The word as it should be indexed: joined where a line break split it, soft
    /// hyphens removed, possessive apostrophe dropped (`KS’` → `KS`).
    pub text: String,
    /// Byte offset of the token's first byte in the input.
    pub start: usize,
    /// Byte offset one past the token's last byte in the input.
    pub end: usize,
    /// `text` lower-cased: the key for exact matching. Numbers lose their group spaces
    /// (`700 000` → `700000`).
    pub norm: String,
    /// The dictionary form (`sykepleiere` → `sykepleier`, `forsvarlige` → `forsvarlig`,
    /// `tenestene` → `teneste`), lower-cased. From the lemma lexicon ([`Lemmatizer`]);
    /// an unknown compound takes the lemma of its last part (`sykepleiermangelen` →
    /// `sykepleiermangel`); an unknown capitalised word is kept as it is written; any
    /// other unknown word is its lower-cased form.
    pub lemma: String,
    /// The matching key that search, theme matching and counts use: the lemma, with
    /// Nynorsk mapped to Bokmål (`teneste` → `tjeneste`, `forsvarleg` → `forsvarlig`);
    /// for a word the lexicon does not know, its Snowball [`Token::stem`].
    pub key: String,
    /// Part of speech (Universal Dependencies), where the lexicon knows the word.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pos: Option<Pos>,
    /// Snowball stem (with Nynorsk forms mapped to Bokmål first): the fallback key.
    pub stem: String,
    /// Compound parts in lower case (`kommune`, `sektor`); empty when not a compound.
    pub parts: Vec<String>,
    /// Matching keys of `parts` (the same kind of key as [`Token::key`]).
    pub part_stems: Vec<String>,
    /// Whether `norm` is a stop word.
    pub stop: bool,
    /// 0-based sentence number within the input.
    pub sentence: u32,
    /// 0-based position of the token within the input (for phrase queries).
    pub position: u32,
    /// Word, number or abbreviation.
    pub kind: TokenKind,
    /// Whether the word carried a possessive apostrophe (`KS’`).
    pub possessive: bool,
}

/// A list of strings borrowed from one buffer (compound parts or their keys).
#[derive(Debug, Clone, Copy, Default)]
pub struct Parts<'a> {
    text: &'a str,
    ranges: &'a [Range<usize>],
}

impl<'a> Parts<'a> {
    /// Number of parts.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// Whether there are no parts (the word is not a compound).
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Part `i`.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        self.ranges.get(i).and_then(|r| self.text.get(r.clone()))
    }

    /// The parts in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let text = self.text;
        self.ranges.iter().filter_map(move |r| text.get(r.clone()))
    }

    fn to_vec(self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }
}

/// A token borrowed from the analyser's buffers, as [`Analyzer::analyze_with`] hands it
/// out: the same fields as [`Token`] without allocating.
#[derive(Debug, Clone, Copy)]
pub struct TokenRef<'a> {
    /// See [`Token::text`].
    pub text: &'a str,
    /// See [`Token::start`].
    pub start: usize,
    /// See [`Token::end`].
    pub end: usize,
    /// See [`Token::norm`].
    pub norm: &'a str,
    /// See [`Token::lemma`].
    pub lemma: &'a str,
    /// See [`Token::key`].
    pub key: &'a str,
    /// See [`Token::pos`].
    pub pos: Option<Pos>,
    /// See [`Token::stem`].
    pub stem: &'a str,
    /// See [`Token::parts`].
    pub parts: Parts<'a>,
    /// See [`Token::part_stems`].
    pub part_stems: Parts<'a>,
    /// See [`Token::stop`].
    pub stop: bool,
    /// See [`Token::sentence`].
    pub sentence: u32,
    /// See [`Token::position`].
    pub position: u32,
    /// See [`Token::kind`].
    pub kind: TokenKind,
    /// See [`Token::possessive`].
    pub possessive: bool,
}

impl TokenRef<'_> {
    /// An owned copy.
    pub fn to_token(&self) -> Token {
        Token {
            text: self.text.to_string(),
            start: self.start,
            end: self.end,
            norm: self.norm.to_string(),
            lemma: self.lemma.to_string(),
            key: self.key.to_string(),
            pos: self.pos,
            stem: self.stem.to_string(),
            parts: self.parts.to_vec(),
            part_stems: self.part_stems.to_vec(),
            stop: self.stop,
            sentence: self.sentence,
            position: self.position,
            kind: self.kind,
            possessive: self.possessive,
        }
    }
}

/// What the word before a token says about the token's part of speech (a light rule that
/// chooses between a form's two readings, such as `lærer` noun or verb).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    Other,
    /// After the infinitive marker `å`: a verb.
    Infinitive,
    /// After an article, determiner or possessive: a noun or adjective.
    Determiner,
    /// After a personal pronoun: a verb.
    Subject,
}

impl Context {
    fn of(norm: &str) -> Context {
        match norm {
            "å" => Context::Infinitive,
            "en" | "ei" | "et" | "ein" | "eit" | "denne" | "dette" | "disse" | "desse" | "min"
            | "mi" | "mitt" | "mine" | "din" | "ditt" | "dine" | "sin" | "si" | "sitt" | "sine"
            | "vår" | "vårt" | "våre" | "hans" | "hennes" | "hennar" | "deres" | "dykkar"
            | "mange" | "flere" | "fleire" | "noen" | "nokre" | "ingen" | "hver" | "kvar"
            | "enhver" | "begge" | "hvilken" | "kva" | "første" | "mer" | "meir" => {
                Context::Determiner
            }
            "jeg" | "eg" | "du" | "han" | "hun" | "ho" | "vi" | "me" | "dere" | "de" | "dei"
            | "man" => Context::Subject,
            _ => Context::Other,
        }
    }

    /// Whether a reading of part of speech `other` is to be chosen over `best` here.
    fn prefers(self, other: Option<Pos>, best: Option<Pos>) -> bool {
        let verb = |p: Option<Pos>| matches!(p, Some(Pos::Verb | Pos::Aux));
        let nominal = |p: Option<Pos>| matches!(p, Some(Pos::Noun | Pos::Adj | Pos::Propn));
        match self {
            Context::Other => false,
            Context::Infinitive => verb(other) && !verb(best),
            Context::Determiner => nominal(other) && verb(best),
            Context::Subject => verb(other) && nominal(best),
        }
    }
}

/// Builds an [`Analyzer`].
#[derive(Debug, Clone)]
pub struct AnalyzerBuilder {
    dehyphenate: bool,
    lexicon: Option<Lexicon>,
}

impl Default for AnalyzerBuilder {
    fn default() -> Self {
        AnalyzerBuilder {
            dehyphenate: true,
            lexicon: None,
        }
    }
}

impl AnalyzerBuilder {
    /// Join words split over line ends (text from PDFs). By default, on.
    pub fn dehyphenate(mut self, yes: bool) -> Self {
        self.dehyphenate = yes;
        self
    }

    /// The word frequencies that dehyphenation and compound splitting decide by. By
    /// default, [`Lexicon::embedded`]; give one that has [`Lexicon::learn`]ed the
    /// documents at hand to split their own compounds.
    pub fn lexicon(mut self, lexicon: Lexicon) -> Self {
        self.lexicon = Some(lexicon);
        self
    }

    /// Build the analyser, loading the embedded word lists.
    pub fn build(self) -> Result<Analyzer, Error> {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        // What the cache holds depends only on the word lists: analysers with the
        // embedded lexicon share their entries (id 0), one with a lexicon of its own
        // gets its own id.
        let id = match self.lexicon {
            None => 0,
            Some(_) => NEXT_ID.fetch_add(1, Ordering::Relaxed),
        };
        Ok(Analyzer {
            sentences: true,
            lang: None,
            inner: Arc::new(Inner {
                id,
                stop: StopWords::embedded()?,
                dehyphenate: self.dehyphenate,
                splitter: CompoundSplitter::new(self.lexicon.unwrap_or_else(Lexicon::embedded)),
                stemmer: Stemmer::new(),
                lemmas: Lemmatizer::embedded(),
            }),
        })
    }
}

#[derive(Debug)]
struct Inner {
    /// Tells this analyser's entries in the thread-local word cache from others' (0 for
    /// the embedded lexicon).
    id: u64,
    stop: StopWords,
    dehyphenate: bool,
    splitter: CompoundSplitter,
    stemmer: Stemmer,
    lemmas: &'static Lemmatizer,
}

/// The Norwegian analyser. Cheap to clone (shared inside), `Send + Sync`.
///
/// ```
/// use innspill_norsk::Analyzer;
///
/// let analyzer = Analyzer::default();
/// let text = "Beredskap i Øst-Finnmark: også kommunene må ha sikker-\nhetspolitisk kompetanse.";
/// let tokens = analyzer.analyze(text);
/// let words: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
/// // The hyphen of a place name stays, `også kommunene` stays two words, and a word
/// // split over a line end is joined while its offsets still cover the original span.
/// assert_eq!(words, ["Beredskap", "i", "Øst-Finnmark", "også", "kommunene", "må", "ha",
///                    "sikkerhetspolitisk", "kompetanse"]);
/// let joined = &tokens[7];
/// assert_eq!(&text[joined.start..joined.end], "sikker-\nhetspolitisk");
/// // Nynorsk and Bokmål forms share a key.
/// assert_eq!(analyzer.key("kommunane"), tokens[4].key);
/// assert_eq!(analyzer.key("tenestene"), analyzer.key("tjenestene"));
/// ```
#[derive(Debug, Clone)]
pub struct Analyzer {
    inner: Arc<Inner>,
    /// Whether tokens get their sentence numbers (see [`Analyzer::without_sentences`]).
    sentences: bool,
    /// The written standard whose lemmas to give; `None`: guessed for each text (see
    /// [`Analyzer::with_language`]).
    lang: Option<Lang>,
}

impl Default for Analyzer {
    /// The analyser with the embedded word lists (tested to load).
    fn default() -> Self {
        AnalyzerBuilder::default()
            .build()
            .expect("embedded word lists are valid (tested)")
    }
}

/// Most distinct words kept per thread before the cache starts over.
const CACHE_MAX: usize = 200_000;

/// log2 of the slots of [`WordCache::front`]: 16,384 slots of 40 bytes (640 KiB).
const FRONT_BITS: u32 = 14;

/// Words up to this many bytes are cache keys inline (no pointer to follow): 99 % of
/// the words of running Norwegian text (NoReC), in slots of 40 bytes.
const SHORT: usize = 15;

/// [`FxHasher`] with a final mix: Fx alone leaves the low bits (the bucket index) of a
/// hash depending on few of the input's bytes.
#[derive(Debug, Default, Clone, Copy)]
struct WordHasher(FxHasher);

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0.write_u8(i);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0.write_u64(i);
    }

    #[inline]
    fn finish(&self) -> u64 {
        let mut h = self.0.finish();
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
}

type WordMap<K> = HashMap<K, Entry, BuildHasherDefault<WordHasher>>;

/// Where a string the analyser computed for a word lies: in the word itself (most stems
/// and lemmas are a beginning of their word, and are not copied) or in the cache's arena.
/// 8 bytes: the cache's entries are looked up for every word of every text, and the
/// fewer cache lines they take, the faster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    /// Start in the arena, or [`Span::IN_WORD`]: the first `to` bytes of the word.
    from: u32,
    to: u32,
}

impl Span {
    const IN_WORD: u32 = u32::MAX;

    fn in_word(len: usize) -> Span {
        Span {
            from: Span::IN_WORD,
            to: len as u32,
        }
    }
}

/// How the lemma of a reading is written: by a rule of the lexicon from the word, or
/// as it is (a compound's head lemmatised, or an unknown word).
#[derive(Debug)]
enum LemmaSource {
    Rule(Reading),
    Text(String, Option<Pos>),
}

/// One reading of a word: its lemma and key, and its part of speech.
#[derive(Debug, Clone, Copy)]
struct Lemma {
    lemma: Span,
    key: Span,
    pos: Option<Pos>,
}

/// [`Entry::flags`]: the word is a stop word.
const STOP: u8 = 1;
/// [`Entry::flags`]: the lemma came from the lexicon (directly or through a compound's
/// head).
const KNOWN: u8 = 2;
/// [`Entry::flags`]: the key is the stem (a word the lexicon does not know).
const KEY_IS_STEM: u8 = 4;
/// [`Entry::flags`]: the key is [`Extra::key`] (else it is the lemma).
const KEY_IN_EXTRA: u8 = 8;

/// [`Entry::flags`]: the word is a compound ([`Extra::parts`]).
const HAS_PARTS: u8 = 16;
/// [`Entry::flags`]: the word has a Nynorsk reading of its own ([`Extra::nynorsk`]).
const HAS_NYNORSK: u8 = 32;

/// No [`Extra`] for an entry.
const NO_EXTRA: u32 = u32::MAX;

/// What the analyser knows about one distinct lower-cased word: where its stem and lemma
/// are in the cache's buffers, and what it needs of the word before the next one. 24
/// bytes; what fewer words have is in an [`Extra`], read only when the token needs it.
#[derive(Debug, Clone, Copy)]
struct Entry {
    stem: Span,
    /// The lemma of the best reading.
    lemma: Span,
    /// Index in [`WordCache::extras`], or [`NO_EXTRA`].
    extra: u32,
    /// Part of speech of the best reading.
    pos: Option<Pos>,
    /// Part of speech of [`Extra::other`], where the word has that reading: the context
    /// decides by it without reading the [`Extra`].
    other_pos: Option<Option<Pos>>,
    /// What this word says about the part of speech of the next.
    context: Context,
    /// [`STOP`], [`KNOWN`], [`KEY_IS_STEM`], [`KEY_IN_EXTRA`], [`HAS_PARTS`],
    /// [`HAS_NYNORSK`].
    flags: u8,
}

/// What some words have beyond an [`Entry`]: a key of their own, other readings,
/// compound parts.
#[derive(Debug, Clone, Copy)]
struct Extra {
    /// The key of the best reading, where it is neither the lemma nor the stem
    /// (`teneste` → `tjeneste`).
    key: Span,
    /// A reading of another part of speech, which the context may choose.
    other: Option<Lemma>,
    /// The best reading in Nynorsk text, where it differs from the best (`er` → `vere`).
    nynorsk: Option<Lemma>,
    /// Range of the parts in [`WordCache::part_ranges`] (empty when not a compound).
    parts: (u32, u32),
}

// The size the cache's speed depends on (a 40-byte slot with the inline key).
const _: () = assert!(std::mem::size_of::<Entry>() == 24);
const _: () = assert!(std::mem::size_of::<Option<([u64; 2], Entry)>>() == 40);

impl Entry {
    /// The best reading.
    fn best(&self, extra: Option<&Extra>) -> Lemma {
        let key = if self.flags & KEY_IS_STEM != 0 {
            self.stem
        } else if self.flags & KEY_IN_EXTRA != 0 {
            extra.map_or(self.lemma, |x| x.key)
        } else {
            self.lemma
        };
        Lemma {
            lemma: self.lemma,
            key,
            pos: self.pos,
        }
    }
}

/// Per-thread memory of analysed words, so that stemming and compound splitting run once
/// per distinct word. Stems and part keys live in one arena.
#[derive(Debug, Default)]
struct WordCache {
    owner: u64,
    /// The entries of the short words seen last, one per slot by hash
    /// ([`WordCache::front_slot`]), in front of `short`: one read of memory that stays
    /// in the processor's cache answers most words, where `short`, far larger, takes
    /// two that mostly miss it.
    front: Vec<Option<([u64; 2], Entry)>>,
    short: WordMap<[u64; 2]>,
    long: WordMap<Box<str>>,
    arena: String,
    /// Byte ranges of parts in their word.
    part_ranges: Vec<Range<usize>>,
    /// Byte ranges of the parts' keys in `arena`.
    part_stems: Vec<Range<usize>>,
    /// What some entries have beyond an [`Entry`].
    extras: Vec<Extra>,
}

impl WordCache {
    fn claim(&mut self, owner: u64) {
        if self.owner != owner || self.short.len() + self.long.len() >= CACHE_MAX {
            self.owner = owner;
            self.short.clear();
            self.long.clear();
            self.arena.clear();
            self.part_ranges.clear();
            self.part_stems.clear();
            self.extras.clear();
            self.front.clear();
        }
        if self.front.is_empty() {
            self.front.resize(1 << FRONT_BITS, None);
        }
    }

    /// `word` packed into two words: its bytes, zero-padded, and its length in the last
    /// byte, so that keys compare and hash without a call. Read with loads that may
    /// overlap, not through a buffer: this runs for every word of every text.
    fn short_key(word: &str) -> Option<[u64; 2]> {
        let b = word.as_bytes();
        let n = b.len();
        let le8 = |x: &[u8]| <[u8; 8]>::try_from(x).map_or(0, u64::from_le_bytes);
        let le4 = |x: &[u8]| <[u8; 4]>::try_from(x).map_or(0, |x| u32::from_le_bytes(x).into());
        let (lo, hi) = match n {
            0..=3 => (
                b.iter()
                    .enumerate()
                    .fold(0, |x, (i, &v)| x | u64::from(v) << (8 * i)),
                0,
            ),
            // The first four bytes, and the last four moved to their place.
            4..=7 => (le4(&b[..4]) | le4(&b[n - 4..]) << (8 * (n - 4)), 0),
            8 => (le8(b), 0),
            // The first eight bytes, and the last eight without those before byte 8.
            9..=SHORT => (le8(&b[..8]), le8(&b[n - 8..]) >> (8 * (16 - n))),
            _ => return None,
        };
        Some([lo, hi | (n as u64) << 56])
    }

    /// The slot of a short key in [`WordCache::front`].
    fn front_slot(key: &[u64; 2]) -> usize {
        let h = (key[0] ^ key[1].rotate_left(32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> (64 - FRONT_BITS)) as usize
    }

    fn get(&mut self, word: &str) -> Option<Entry> {
        match Self::short_key(word) {
            Some(key) => {
                let slot = Self::front_slot(&key);
                if let Some(Some((k, entry))) = self.front.get(slot)
                    && *k == key
                {
                    return Some(*entry);
                }
                let entry = *self.short.get(&key)?;
                if let Some(s) = self.front.get_mut(slot) {
                    *s = Some((key, entry));
                }
                Some(entry)
            }
            None => self.long.get(word).copied(),
        }
    }

    fn insert(&mut self, word: &str, entry: Entry) {
        match Self::short_key(word) {
            Some(key) => {
                if let Some(s) = self.front.get_mut(Self::front_slot(&key)) {
                    *s = Some((key, entry));
                }
                self.short.insert(key, entry);
            }
            None => {
                self.long.insert(word.into(), entry);
            }
        };
    }

    /// The string at `span` for `word`.
    fn at<'a>(&'a self, span: Span, word: &'a str) -> &'a str {
        if span.from == Span::IN_WORD {
            word.get(..span.to as usize)
        } else {
            self.arena.get(span.from as usize..span.to as usize)
        }
        .unwrap_or_default()
    }

    /// The [`Extra`] of an entry, if it has one.
    fn extra(&self, e: &Entry) -> Option<&Extra> {
        match e.extra {
            NO_EXTRA => None,
            i => self.extras.get(i as usize),
        }
    }

    /// The span of what was written to the arena from `start` on: moved to the word when
    /// it is a beginning of `word`.
    fn place(&mut self, start: usize, word: &str) -> Span {
        let written = &self.arena.as_bytes()[start..];
        if word.as_bytes().starts_with(written) {
            let len = written.len() as u32;
            self.arena.truncate(start);
            Span::in_word(len as usize)
        } else {
            Span {
                from: start as u32,
                to: self.arena.len() as u32,
            }
        }
    }

    fn parts<'a>(&'a self, extra: Option<&Extra>, word: &'a str) -> (Parts<'a>, Parts<'a>) {
        let r = extra.map_or(0..0, |x| x.parts.0 as usize..x.parts.1 as usize);
        (
            Parts {
                text: word,
                ranges: &self.part_ranges[r.clone()],
            },
            Parts {
                text: &self.arena,
                ranges: &self.part_stems[r],
            },
        )
    }
}

thread_local! {
    static CACHE: RefCell<WordCache> = RefCell::new(WordCache::default());
}

fn tidy_offset(text: &str, mut at: usize, up: bool) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        if up { at += 1 } else { at -= 1 }
    }
    at
}

impl Analyzer {
    /// A builder with the defaults.
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder::default()
    }

    /// This analyser (the same word lists, sharing its work) without sentence splitting:
    /// every token's [`Token::sentence`] is 0, all else is as before. For callers that
    /// need words, keys, offsets and positions only, such as a search index; it saves
    /// about a tenth of the work per word.
    ///
    /// ```
    /// use innspill_norsk::Analyzer;
    ///
    /// let analyzer = Analyzer::default();
    /// let text = "Røst har beredskap. Kommunane treng fleire tilsette.";
    /// let words = analyzer.without_sentences().analyze(text);
    /// let mut full = analyzer.analyze(text);
    /// assert_eq!(full[4].sentence, 1);
    /// full.iter_mut().for_each(|t| t.sentence = 0);
    /// assert_eq!(words, full);
    /// ```
    pub fn without_sentences(&self) -> Analyzer {
        Analyzer {
            inner: Arc::clone(&self.inner),
            sentences: false,
            lang: self.lang,
        }
    }

    /// This analyser giving the lemmas of `lang` (`er` is `være` in Bokmål, `vere` in
    /// Nynorsk). Keys do not depend on it: they are Bokmål for both. Without a language,
    /// lemmas are those of Bokmål where a form is both, and Nynorsk forms keep their own
    /// (`tenestene` → `teneste`).
    ///
    /// ```
    /// use innspill_norsk::{Analyzer, Lang};
    ///
    /// let analyzer = Analyzer::default();
    /// let nb = analyzer.with_language(Lang::Nb).analyze("Det er viktig.");
    /// let nn = analyzer.with_language(Lang::Nn).analyze("Det er viktig.");
    /// assert_eq!((nb[1].lemma.as_str(), nn[1].lemma.as_str()), ("være", "vere"));
    /// assert_eq!(nb[1].key, nn[1].key);
    /// ```
    pub fn with_language(&self, lang: Lang) -> Analyzer {
        Analyzer {
            inner: Arc::clone(&self.inner),
            sentences: self.sentences,
            lang: Some(lang),
        }
    }

    /// Run the whole pipeline over `text`.
    pub fn analyze(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::with_capacity(text.len() / 7 + 1);
        self.analyze_with(text, |t| out.push(t.to_token()));
        out
    }

    /// Run the whole pipeline over `text`, calling `f` with each token in order. Nothing
    /// is allocated per token: the tokens borrow the analyser's buffers, and what the
    /// analyser knows about a word (stem, stop word, compound parts) is computed once
    /// per thread and word.
    pub fn analyze_with(&self, text: &str, f: impl FnMut(&TokenRef<'_>)) {
        self.run(text, self.inner.dehyphenate, f);
    }

    fn run(&self, text: &str, dehyphenate: bool, f: impl FnMut(&TokenRef<'_>)) {
        // The thread's cache is held for the whole text; a nested call on the same thread
        // (from inside `f`) works with a cache of its own.
        CACHE.with(|cell| match cell.try_borrow_mut() {
            Ok(mut cache) => self.run_cached(text, dehyphenate, &mut cache, f),
            Err(_) => self.run_cached(text, dehyphenate, &mut WordCache::default(), f),
        });
    }

    fn run_cached(
        &self,
        text: &str,
        dehyphenate: bool,
        cache: &mut WordCache,
        mut f: impl FnMut(&TokenRef<'_>),
    ) {
        let inner = &*self.inner;
        // Only a line break can split a word, so text without one is left as it is.
        let dehyphenated: Option<Dehyphenated> = (dehyphenate && text.as_bytes().contains(&b'\n'))
            .then(|| crate::dehyphenate(text, inner.splitter.lexicon()))
            .filter(|d| !d.is_unchanged());
        let work = dehyphenated.as_ref().map_or(text, |d| d.text.as_str());
        let normalizer = Normalizer::for_text(work);
        let mut sentences = SentenceSplitter::new(work);
        let mut clean = String::new();
        let mut norm = String::new();
        let mut split = Vec::new();
        let mut position = 0u32;
        let mut context = Context::Other;
        // Lemmas (not keys) may differ between the standards (`er`: `være`, `vere`): a
        // caller that knows the standard says so ([`Analyzer::with_language`]). Guessing
        // it here for every text cost more than the rest of the analyser (13 MiB/s
        // alone on NoReC).
        let nynorsk = self.lang == Some(Lang::Nn);
        cache.claim(inner.id);
        Tokenizer::new().for_each(work, |seg| {
            let sentence = if self.sentences {
                sentences.push(&seg)
            } else {
                0
            };
            let kind = match seg.kind {
                SegmentKind::Punctuation => {
                    // Only the word right before counts as context (`vi lærer`, not
                    // `vi, lærer`).
                    context = Context::Other;
                    return;
                }
                SegmentKind::Word => TokenKind::Word,
                SegmentKind::Number => TokenKind::Number,
                SegmentKind::Abbreviation => TokenKind::Abbreviation,
            };
            let raw = &work[seg.start..seg.end];
            let token_text: &str = if normalizer.clean_into(raw, seg.possessive, &mut clean) {
                &clean
            } else {
                raw
            };
            norm.clear();
            lowercase_into(token_text, &mut norm);
            if kind == TokenKind::Number {
                norm.retain(|c| c != ' ');
            }
            let (start, end) = match &dehyphenated {
                None => (seg.start, seg.end),
                Some(d) => {
                    let start = tidy_offset(text, d.to_original(seg.start), false);
                    let end = tidy_offset(text, d.to_original_end(seg.end), true);
                    (start, end.max(start))
                }
            };
            let mut token = TokenRef {
                text: token_text,
                start,
                end,
                norm: &norm,
                lemma: &norm,
                key: &norm,
                pos: None,
                stem: &norm,
                parts: Parts::default(),
                part_stems: Parts::default(),
                stop: false,
                sentence,
                position,
                kind,
                possessive: seg.possessive,
            };
            position += 1;
            if kind != TokenKind::Word {
                // Numbers and abbreviations are their own key.
                context = Context::Other;
                f(&token);
                return;
            }
            let entry = match cache.get(&norm) {
                Some(entry) => entry,
                None => {
                    let entry = self.compute(&norm, cache, &mut split);
                    cache.insert(&norm, entry);
                    entry
                }
            };
            // The key is that of both standards; the lemma and part of speech may be
            // Nynorsk's own (`er` → `vere`, keyed `være`).
            // The entry says whether its `Extra` is needed here (a cache line less to
            // read for most tokens).
            let in_context =
                matches!(entry.other_pos, Some(pos) if context.prefers(pos, entry.pos));
            let needs_extra = in_context
                || entry.flags & (KEY_IN_EXTRA | HAS_PARTS) != 0
                || (nynorsk && entry.flags & HAS_NYNORSK != 0);
            let extra = if needs_extra {
                cache.extra(&entry)
            } else {
                None
            };
            let best = entry.best(extra);
            let reading = match extra.and_then(|x| x.other) {
                Some(other) if in_context => other,
                _ => best,
            };
            let shown = match extra.and_then(|x| x.nynorsk) {
                Some(nn) if nynorsk && !in_context => nn,
                _ => reading,
            };
            token.lemma = if entry.flags & KNOWN == 0 && token_text.starts_with(char::is_uppercase)
            {
                token_text
            } else {
                cache.at(shown.lemma, &norm)
            };
            token.key = cache.at(reading.key, &norm);
            token.pos = shown.pos;
            token.stem = cache.at(entry.stem, &norm);
            (token.parts, token.part_stems) = cache.parts(extra, &norm);
            token.stop = entry.flags & STOP != 0;
            context = entry.context;
            f(&token);
        });
    }

    /// Stem, lemma, key, stop word and compound parts of the lower-cased `word`, written
    /// to the cache's buffers.
    fn compute(&self, word: &str, cache: &mut WordCache, split: &mut Vec<Range<usize>>) -> Entry {
        let inner = &*self.inner;
        let at = cache.arena.len();
        inner.stemmer.key_into(word, &mut cache.arena);
        let stem = cache.place(at, word);
        let stop = inner.stop.contains(word);
        let parts_start = cache.part_ranges.len();
        if !stop {
            // Hyphenated compounds: each part, itself split where it is a compound.
            let mut offset = 0;
            for piece in word.split('-') {
                let range = offset..offset + piece.len();
                offset += piece.len() + 1;
                if !piece.chars().any(char::is_alphabetic) {
                    continue;
                }
                split.clear();
                if inner.splitter.split_into(piece, split) {
                    for r in split.iter() {
                        if r.start < r.end && piece.get(r.clone()).is_some() {
                            cache
                                .part_ranges
                                .push(range.start + r.start..range.start + r.end);
                        }
                    }
                } else {
                    cache.part_ranges.push(range);
                }
            }
            if cache.part_ranges.len() - parts_start < 2 {
                cache.part_ranges.truncate(parts_start);
            }
            let mut lemma = String::new();
            for i in parts_start..cache.part_ranges.len() {
                let part = &word[cache.part_ranges[i].clone()];
                let at = cache.arena.len();
                lemma.clear();
                if self.lemma_into(part, &mut lemma).is_some() {
                    cache.arena.push_str(&nynorsk_to_bokmal(&lemma));
                } else {
                    inner.stemmer.key_into(part, &mut cache.arena);
                }
                cache.part_stems.push(at..cache.arena.len());
            }
        }
        let parts = (parts_start as u32, cache.part_ranges.len() as u32);

        // The lemma: from the lexicon; else from the last part of a compound (after a
        // hyphen, or where the splitter found the head), keeping what comes before it
        // with its linking letter; else by an inflection ending.
        let mut known = true;
        let (best, other) = match inner.lemmas.readings(word) {
            Some(r) => (LemmaSource::Rule(r.best), r.other.map(LemmaSource::Rule)),
            None => {
                let head = match (word.rfind('-'), parts.1 > parts.0) {
                    (Some(h), _) => h + 1,
                    (None, true) => cache.part_ranges[parts.1 as usize - 1].start,
                    (None, false) => 0,
                };
                let mut lemma = word[..head].to_string();
                match self.lemma_into(&word[head..], &mut lemma) {
                    Some(pos) => (LemmaSource::Text(lemma, pos), None),
                    None => {
                        known = false;
                        (LemmaSource::Text(word.to_string(), None), None)
                    }
                }
            }
        };
        let place = |source: LemmaSource, cache: &mut WordCache| {
            let at = cache.arena.len();
            let pos = match source {
                LemmaSource::Text(w, pos) => {
                    cache.arena.push_str(&w);
                    pos
                }
                LemmaSource::Rule(reading) => {
                    inner.lemmas.apply(word, reading, &mut cache.arena);
                    reading.pos
                }
            };
            let lemma_text = cache.arena[at..].to_string();
            let lemma = cache.place(at, word);
            let key = if !known {
                stem
            } else {
                let nb = nynorsk_to_bokmal(&lemma_text);
                if *nb == *lemma_text {
                    lemma
                } else {
                    let at = cache.arena.len();
                    cache.arena.push_str(&nb);
                    cache.place(at, word)
                }
            };
            Lemma { lemma, key, pos }
        };
        let best = place(best, cache);
        let other = other.map(|o| place(o, cache));
        let nynorsk = inner
            .lemmas
            .nynorsk(word)
            .map(|r| place(LemmaSource::Rule(r), cache));
        let mut flags = 0;
        if stop {
            flags |= STOP;
        }
        if known {
            flags |= KNOWN;
        } else {
            flags |= KEY_IS_STEM;
        }
        if known && best.key != best.lemma {
            flags |= KEY_IN_EXTRA;
        }
        if parts.1 > parts.0 {
            flags |= HAS_PARTS;
        }
        if nynorsk.is_some() {
            flags |= HAS_NYNORSK;
        }
        let extra = if flags & KEY_IN_EXTRA != 0
            || other.is_some()
            || nynorsk.is_some()
            || parts.1 > parts.0
        {
            cache.extras.push(Extra {
                key: best.key,
                other,
                nynorsk,
                parts,
            });
            (cache.extras.len() - 1) as u32
        } else {
            NO_EXTRA
        };
        Entry {
            stem,
            lemma: best.lemma,
            extra,
            pos: best.pos,
            other_pos: other.map(|o| o.pos),
            context: Context::of(word),
            flags,
        }
    }

    /// The lemma of the lower-cased `form` appended to `out`, and its part of speech: from
    /// the lexicon, or by an inflection ending that leaves a known lemma. `None` (and
    /// nothing appended) when neither knows it.
    fn lemma_into(&self, form: &str, out: &mut String) -> Option<Option<Pos>> {
        let lemmas = self.inner.lemmas;
        if let Some(r) = lemmas.readings(form) {
            lemmas.apply(form, r.best, out);
            return Some(r.best.pos);
        }
        let (lemma, pos) = lemmas.guess(form)?;
        out.push_str(&lemma);
        Some(pos)
    }

    /// The matching key of one word (what [`Token::key`] would be for it; the key of
    /// the first token when `word` holds more than one).
    pub fn key(&self, word: &str) -> String {
        // An abbreviation, initial or ordinal alone (`B.`, `1.`) is a token only in context
        // (`B. Hansen`, `1. januar`); as a token, its key is its lower-cased text.
        let trimmed = word.trim();
        if trimmed.ends_with('.')
            && trimmed[..trimmed.len() - 1]
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.')
            && trimmed.chars().any(char::is_alphanumeric)
        {
            let mut out = String::new();
            lowercase_into(trimmed, &mut out);
            return out;
        }
        let mut out: Option<String> = None;
        self.run(word, false, |t| {
            if out.is_none() {
                out = Some(t.key.to_string());
            }
        });
        out.unwrap_or_default()
    }

    /// Whether the lower-cased word is a stop word.
    pub fn is_stop(&self, norm: &str) -> bool {
        self.inner.stop.contains(norm)
    }

    /// The lexicon that dehyphenation and compound splitting decide by.
    pub fn lexicon(&self) -> &Lexicon {
        self.inner.splitter.lexicon()
    }

    /// Bokmål or Nynorsk for the whole `text`, with a confidence.
    pub fn language(&self, text: &str) -> LanguageGuess {
        lang::guess_language(text)
    }

    /// Bokmål or Nynorsk for each paragraph of `text` (paragraphs are separated by blank
    /// lines).
    pub fn paragraph_languages(&self, text: &str) -> Vec<ParagraphLanguage> {
        lang::guess_paragraphs(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens of `text` from an analyser on a new thread (its word cache empty), twice:
    /// the second run answers every word from the cache.
    fn cold_and_warm(analyzer: &Analyzer, text: &str) -> (Vec<Token>, Vec<Token>) {
        std::thread::scope(|s| {
            s.spawn(|| (analyzer.analyze(text), analyzer.analyze(text)))
                .join()
                .expect("no panic")
        })
    }

    #[test]
    fn cached_words_give_the_tokens_of_a_cold_cache_at_every_key_length() {
        let analyzer = Analyzer::default();
        // Words around the inline key length (16 bytes), stems that begin their word
        // (`kommunene` → `kommun`) and stems that do not (Nynorsk `tenestene` →
        // `tjenest`), compounds with parts, stop words, non-ASCII letters.
        let text = "kommunene tenestene beredskapsrådet og i ikkje \
                    abcdefghijklmno abcdefghijklmnop abcdefghijklmnopq \
                    sjukeheimstenestene arbeidstakarorganisasjonane \
                    helsetjenestene samfunnstryggleiken økonomiøkonomiøkonomi \
                    fylkeskommunane Øst-Finnmark kommunane";
        let (cold, warm) = cold_and_warm(&analyzer, text);
        assert_eq!(warm, cold);
        assert!(
            cold.iter().any(|t| !t.norm.starts_with(&t.stem)),
            "a stem outside its word"
        );
        assert!(
            cold.iter()
                .any(|t| t.norm.len() > SHORT && !t.part_stems.is_empty())
        );
        for t in &cold {
            // Each word alone, on a thread of its own, gives the same stem and parts.
            let (alone, _) = cold_and_warm(&analyzer, &t.text);
            assert_eq!(
                (
                    &alone[0].stem,
                    &alone[0].parts,
                    &alone[0].part_stems,
                    alone[0].stop
                ),
                (&t.stem, &t.parts, &t.part_stems, t.stop),
                "{:?}",
                t.text
            );
        }
    }

    #[test]
    fn words_that_share_a_front_slot_keep_their_own_entries() {
        let analyzer = Analyzer::default();
        // Enough distinct words that many share a slot of the front table; the second
        // run answers from it, the third after the other words of each slot took it.
        let letter = |i: u32| char::from(b'a' + (i % 26) as u8);
        let words: Vec<String> = (0..6000u32)
            .map(|i| format!("ord{}{}{}", letter(i / 676), letter(i / 26), letter(i)))
            .collect();
        let text = words.join(" ");
        let (cold, warm) = cold_and_warm(&analyzer, &text);
        assert_eq!(warm, cold);
        let slots: std::collections::HashSet<usize> = cold
            .iter()
            .filter_map(|t| WordCache::short_key(&t.norm))
            .map(|k| WordCache::front_slot(&k))
            .collect();
        assert!(slots.len() < cold.len(), "no two words share a slot");
    }

    /// The key as a buffer would make it: the bytes, zero-padded, the length last.
    fn short_key_reference(word: &str) -> Option<[u64; 2]> {
        let b = word.as_bytes();
        if b.len() > SHORT {
            return None;
        }
        let mut buf = [0u8; 16];
        buf[..b.len()].copy_from_slice(b);
        buf[15] = b.len() as u8;
        let (lo, hi) = buf.split_at(8);
        Some([
            u64::from_le_bytes(lo.try_into().unwrap()),
            u64::from_le_bytes(hi.try_into().unwrap()),
        ])
    }

    #[test]
    fn short_keys_hold_every_byte_and_the_length() {
        let words = [
            "",
            "a",
            "å",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "abcdef",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefghijklmno",
            "abcdefghijklmnop",
            "a\0",
            "a\0\0",
            "\0",
            "øyøyøyø",
            "sjukeheimane",
            "beredskapsråd",
        ];
        let mut keys = std::collections::HashSet::new();
        for w in words {
            assert_eq!(WordCache::short_key(w), short_key_reference(w), "{w:?}");
            if let Some(k) = WordCache::short_key(w) {
                assert!(keys.insert(k), "two words share the key of {w:?}");
            }
        }
        assert_eq!(WordCache::short_key("abcdefghijklmnop"), None);
    }

    proptest::proptest! {
        #[test]
        fn short_keys_are_the_buffered_bytes(word in "[a-zø\\x00-\\x02]{0,17}") {
            proptest::prop_assert_eq!(WordCache::short_key(&word), short_key_reference(&word));
        }
    }

    #[test]
    fn without_sentences_only_the_sentence_numbers_change() {
        let analyzer = Analyzer::default();
        let text = "Beredskap i Øst-Finnmark: Også kommunene må ha sikker-\nhetspolitisk \
                    kompetanse. Bl.a. KS’ debatthefte 2026 sier noe.\n\n• Tenestene \
                    i kommunane!\nOverskrift\nNy linje med 700 000 kroner, osv. Slutt.";
        let mut full = analyzer.analyze(text);
        assert!(full.iter().any(|t| t.sentence > 2));
        let words = analyzer.without_sentences().analyze(text);
        assert!(words.iter().all(|t| t.sentence == 0));
        full.iter_mut().for_each(|t| t.sentence = 0);
        assert_eq!(words, full);
        // The original still numbers them.
        assert!(analyzer.analyze(text).iter().any(|t| t.sentence > 2));
    }

    #[test]
    fn threads_that_share_an_analyser_give_the_same_tokens() {
        let analyzer = Analyzer::default();
        let texts = [
            "Tenestene i kommunane og tjenestene i kommunene.",
            "Beredskapsrådet i Røst og KS’ debatthefte om sikker-\nhetspolitisk kompetanse.",
            "Arbeidstakarorganisasjonane og fylkeskommunane ønskjer meir tilskot.",
        ];
        let expected: Vec<Vec<Token>> = texts
            .iter()
            .map(|t| cold_and_warm(&analyzer, t).0)
            .collect();
        std::thread::scope(|s| {
            let runs: Vec<_> = (0..4)
                .map(|k| {
                    let analyzer = analyzer.clone();
                    s.spawn(move || {
                        (0..3 * texts.len())
                            .map(|i| analyzer.analyze(texts[(i + k) % texts.len()]))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for (k, run) in runs.into_iter().enumerate() {
                for (i, tokens) in run.join().expect("no panic").iter().enumerate() {
                    assert_eq!(tokens, &expected[(i + k) % texts.len()]);
                }
            }
        });
    }
}
