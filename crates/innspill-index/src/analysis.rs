//! The adapter between [`innspill_norsk::Analyzer`] and tantivy's tokenizer API.
//!
//! tantivy asks a field's tokenizer for a stream of tokens; [`NorskTokenizer`] runs the one
//! Norwegian analyser over the text and hands tantivy what the field needs:
//!
//! | mode | tokens | used by |
//! | --- | --- | --- |
//! | [`Mode::Index`] | the matching key (`key`: the lemma, Bokmål) of every word that is not a stop word, plus the keys of its compound parts at the same position | the `text` field when indexing and snippets |
//! | [`Mode::Query`] | the matching key of every word that is not a stop word (no parts) | the query parser on the `text` field |
//! | [`Mode::Exact`] | every word lower-cased (`norm`), stop words included | the `exact` field (quoted phrases) |
//!
//! So `beredskap` (query key `beredskap`) finds `beredskapsrådet`, indexed as
//! `beredskapsråd` with the part `beredskap` at the same position, while the query
//! `beredskapsrådet` asks for `beredskapsråd` only and does not widen to every `råd`.
//! Offsets are byte offsets into the text tantivy gave, so snippets highlight the right
//! words; positions are the analyser's, so phrases see the gaps that stop words leave.
//!
//! Each paragraph goes into both the `text` and the `exact` field, and one run of the
//! analyser yields the tokens of both. So the index-side pair of tokenizers (see
//! [`tokenizers`]) shares a per-thread stash: when the [`Mode::Index`] tokenizer analyses
//! a text, it also keeps that text's [`Mode::Exact`] tokens, and the exact tokenizer of
//! the same pair, asked next for the same text on the same thread (tantivy indexes a
//! document's fields in schema order, `text` before `exact`), takes them instead of
//! analysing the text again. Any other text is analysed as usual, so the stash can only
//! save work, never change a token.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use innspill_norsk::{Analyzer, TokenRef};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager};

/// Name of the analysed field's tokenizer at index time (and for snippets).
pub(crate) const NORSK: &str = "norsk";
/// Name of the exact field's tokenizer.
pub(crate) const NORSK_EXACT: &str = "norsk_exact";
/// Name of the tokenizer of keyword fields: the whole value, lower-cased.
pub(crate) const KEYWORD: &str = "keyword";

/// What a [`NorskTokenizer`] emits (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Keys (lemmas) of words that are not stop words, plus the keys of compound parts at the
    /// same position.
    Index,
    /// Keys of words that are not stop words.
    Query,
    /// Every word, lower-cased.
    Exact,
}

/// tantivy's [`Tokenizer`] over the Norwegian analyser.
///
/// ```
/// use innspill_index::{Mode, NorskTokenizer};
/// use innspill_norsk::Analyzer;
/// use tantivy::tokenizer::{TokenStream, Tokenizer};
///
/// let mut tok = NorskTokenizer::new(Analyzer::default(), Mode::Exact);
/// let mut stream = tok.token_stream("Røst og KS");
/// let mut words = Vec::new();
/// while let Some(t) = stream.next() {
///     words.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
/// }
/// assert_eq!(words[0], ("røst".to_string(), 0, 5, 0));
/// assert_eq!(words[2], ("ks".to_string(), 9, 11, 2));
/// ```
#[derive(Debug, Clone)]
pub struct NorskTokenizer {
    analyzer: Analyzer,
    mode: Mode,
    /// Tokens of the last text; the first `len` are current, the rest keep their string
    /// buffers for the next text.
    buf: Vec<Token>,
    len: usize,
    /// The pair this tokenizer belongs to (see the module docs); 0 for none.
    pair: u64,
}

impl NorskTokenizer {
    /// A tokenizer emitting `mode`'s tokens.
    pub fn new(analyzer: Analyzer, mode: Mode) -> NorskTokenizer {
        NorskTokenizer {
            // Tokens carry no sentence numbers, so the analyser need not find sentences.
            analyzer: analyzer.without_sentences(),
            mode,
            buf: Vec::new(),
            len: 0,
            pair: 0,
        }
    }

    /// A [`Mode::Index`] and a [`Mode::Exact`] tokenizer that share their work through
    /// the thread's stash (see the module docs).
    fn pair(analyzer: &Analyzer) -> (NorskTokenizer, NorskTokenizer) {
        static NEXT_PAIR: AtomicU64 = AtomicU64::new(1);
        let pair = NEXT_PAIR.fetch_add(1, Ordering::Relaxed);
        let mut index = NorskTokenizer::new(analyzer.clone(), Mode::Index);
        let mut exact = NorskTokenizer::new(analyzer.clone(), Mode::Exact);
        (index.pair, exact.pair) = (pair, pair);
        (index, exact)
    }
}

/// The [`Mode::Exact`] tokens of the last text a paired [`Mode::Index`] tokenizer
/// analysed on this thread.
#[derive(Debug, Default)]
struct Stash {
    /// The pair that filled it; 0 when empty.
    pair: u64,
    text: String,
    tokens: Vec<Token>,
    len: usize,
}

thread_local! {
    static STASH: RefCell<Stash> = RefCell::new(Stash::default());
}

/// The token stream of a [`NorskTokenizer`]: the tokens, computed up front.
#[derive(Debug)]
pub struct NorskTokenStream<'a> {
    tokens: &'a mut [Token],
    /// Number of tokens handed out; the current one is `tokens[next - 1]`.
    next: usize,
    /// What `token()` returns before the first `advance()` (tantivy's streams do the same).
    before_first: Token,
}

/// Append a token to `buf[..*len]`, reusing the string buffer of an earlier token.
fn emit(buf: &mut Vec<Token>, len: &mut usize, from: usize, to: usize, position: usize, key: &str) {
    if *len == buf.len() {
        buf.push(Token::default());
    }
    let t = &mut buf[*len];
    t.offset_from = from;
    t.offset_to = to;
    t.position = position;
    t.position_length = 1;
    t.text.clear();
    t.text.push_str(key);
    *len += 1;
}

/// Append the tokens `mode` makes of `t` to `buf[..*len]`.
fn emit_mode(mode: Mode, buf: &mut Vec<Token>, len: &mut usize, t: &TokenRef<'_>) {
    let position = t.position as usize;
    match mode {
        Mode::Exact => emit(buf, len, t.start, t.end, position, t.norm),
        Mode::Query | Mode::Index if t.stop || t.key.is_empty() => {}
        Mode::Query => emit(buf, len, t.start, t.end, position, t.key),
        Mode::Index => {
            emit(buf, len, t.start, t.end, position, t.key);
            for (i, part) in t.part_stems.iter().enumerate() {
                let seen = part == t.key || t.part_stems.iter().take(i).any(|p| p == part);
                if !part.is_empty() && !seen {
                    emit(buf, len, t.start, t.end, position, part);
                }
            }
        }
    }
}

/// Take the stashed exact tokens of `text` into `buf[..*len]` when the stash holds them
/// for `pair`; whether it did. The stash is emptied either way.
fn take_stashed(pair: u64, text: &str, buf: &mut Vec<Token>, len: &mut usize) -> bool {
    STASH.with(|cell| {
        let Ok(mut stash) = cell.try_borrow_mut() else {
            return false;
        };
        let hit = stash.pair == pair && stash.text == text;
        stash.pair = 0;
        if hit {
            // Swap the buffers: the stash keeps this tokenizer's old strings for reuse.
            std::mem::swap(buf, &mut stash.tokens);
            *len = stash.len;
            stash.len = 0;
        }
        hit
    })
}

impl Tokenizer for NorskTokenizer {
    type TokenStream<'a> = NorskTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NorskTokenStream<'a> {
        let mode = self.mode;
        self.len = 0;
        let stashed = match (mode, self.pair) {
            (_, 0) | (Mode::Query, _) => false,
            (Mode::Exact, pair) => take_stashed(pair, text, &mut self.buf, &mut self.len),
            (Mode::Index, pair) => {
                // Analyse once for both fields: this one's tokens, and the exact field's
                // into the stash. (Should the stash be busy, the exact field analyses
                // the text itself.)
                STASH.with(|cell| match cell.try_borrow_mut() {
                    Ok(mut stash) => {
                        let stash = &mut *stash;
                        stash.pair = pair;
                        stash.text.clear();
                        stash.text.push_str(text);
                        stash.len = 0;
                        let (buf, len) = (&mut self.buf, &mut self.len);
                        let (ebuf, elen) = (&mut stash.tokens, &mut stash.len);
                        self.analyzer.analyze_with(text, |t| {
                            emit_mode(Mode::Index, buf, len, t);
                            emit_mode(Mode::Exact, ebuf, elen, t);
                        });
                        true
                    }
                    Err(_) => false,
                })
            }
        };
        if !stashed {
            let (buf, len) = (&mut self.buf, &mut self.len);
            self.analyzer
                .analyze_with(text, |t| emit_mode(mode, buf, len, t));
        }
        NorskTokenStream {
            tokens: &mut self.buf[..self.len],
            next: 0,
            before_first: Token::default(),
        }
    }
}

impl TokenStream for NorskTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        match self.next {
            0 => &self.before_first,
            n => &self.tokens[n - 1],
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.next {
            0 => &mut self.before_first,
            n => &mut self.tokens[n - 1],
        }
    }
}

/// The tokenizers of the index (`for_query` false) or of the query parser (true).
///
/// They differ only in the analysed field: the query side does not add compound parts,
/// so a compound in a query matches that compound, and a simple word matches every
/// compound that contains it.
pub(crate) fn tokenizers(analyzer: &Analyzer, for_query: bool) -> TokenizerManager {
    let manager = TokenizerManager::default();
    let (text, exact) = if for_query {
        (
            NorskTokenizer::new(analyzer.clone(), Mode::Query),
            NorskTokenizer::new(analyzer.clone(), Mode::Exact),
        )
    } else {
        NorskTokenizer::pair(analyzer)
    };
    manager.register(NORSK, TextAnalyzer::builder(text).build());
    manager.register(NORSK_EXACT, TextAnalyzer::builder(exact).build());
    manager.register(KEYWORD, keyword());
    manager
}

/// The keyword fields' tokenizer: the whole value, lower-cased.
fn keyword() -> TextAnalyzer {
    TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
        .filter(tantivy::tokenizer::LowerCaser)
        .build()
}

/// Tokenizers with tantivy's default tokenizer under the analysed fields' names, for
/// [`crate::SearchIndex::with_default_tokenizer`].
pub(crate) fn default_tokenizers() -> TokenizerManager {
    let manager = TokenizerManager::default();
    let default = manager.get("default").expect("tantivy registers `default`");
    manager.register(NORSK, default.clone());
    manager.register(NORSK_EXACT, default);
    manager.register(KEYWORD, keyword());
    manager
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(text, from, to, position)` of every token a fresh tokenizer makes.
    fn tokens(mode: Mode, text: &str) -> Vec<(String, usize, usize, usize)> {
        stream(&mut NorskTokenizer::new(Analyzer::default(), mode), text)
    }

    #[track_caller]
    fn assert_token(
        token: &(String, usize, usize, usize),
        position: usize,
        text: &str,
        from: usize,
        to: usize,
    ) {
        assert_eq!(
            token,
            &(text.to_string(), from, to, position),
            "expected token {text:?} at position {position}, bytes {from}..{to}"
        );
    }

    #[test]
    fn exact_mode_keeps_every_word_lower_cased_with_byte_offsets() {
        let text = "Både Røst og KS’ debatthefte";
        let t = tokens(Mode::Exact, text);
        assert_token(&t[0], 0, "både", 0, 5);
        assert_token(&t[1], 1, "røst", 6, 11);
        assert_token(&t[2], 2, "og", 12, 14);
        // The possessive apostrophe goes from the word, not from the span.
        assert_eq!(t[3].0, "ks");
        assert!(text[t[3].1..t[3].2].starts_with("KS"));
        assert!(
            t.iter()
                .all(|(_, f, to, _)| text.is_char_boundary(*f) && text.is_char_boundary(*to))
        );
    }

    #[test]
    fn index_mode_drops_stop_words_but_keeps_their_positions() {
        let a = Analyzer::default();
        let t = tokens(Mode::Index, "tjenestene og beredskapen");
        let texts: Vec<&str> = t.iter().map(|t| t.0.as_str()).collect();
        assert!(!texts.contains(&"og"), "stop word kept: {texts:?}");
        assert_token(&t[0], 0, &a.key("tjenestene"), 0, 10);
        let last = t
            .iter()
            .find(|t| t.0 == a.key("beredskapen"))
            .expect("beredskap kept");
        assert_eq!(last.3, 2, "position after the stop word is 2, not 1");
    }

    #[test]
    fn index_mode_adds_compound_parts_at_the_same_position() {
        let a = Analyzer::default();
        let text = "beredskapsrådet";
        let analysed = a.analyze(text);
        let t = tokens(Mode::Index, text);
        assert_eq!(t[0].0, analysed[0].key);
        for part in &analysed[0].part_stems {
            let found = t.iter().find(|t| &t.0 == part).expect("part emitted");
            assert_eq!((found.1, found.2, found.3), (0, text.len(), 0));
        }
        // The query side asks for the compound's own key only.
        let q = tokens(Mode::Query, text);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].0, analysed[0].key);
    }

    #[test]
    fn empty_and_symbol_only_text_give_no_tokens() {
        for mode in [Mode::Index, Mode::Query, Mode::Exact] {
            assert!(tokens(mode, "").is_empty());
            assert!(tokens(mode, " – «» … ").is_empty());
        }
    }

    /// All tokens of `text`, as `(text, from, to, position)`.
    fn stream(tok: &mut NorskTokenizer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = tok.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn the_exact_tokenizer_of_a_pair_takes_the_stashed_tokens_of_the_same_text_only() {
        let a = Analyzer::default();
        let (mut index, mut exact) = NorskTokenizer::pair(&a);
        let texts = [
            "Beredskapsrådet i Røst og KS’ debatthefte",
            "Kommunane treng fleire tilsette i tenestene, sikker-\nhetspolitisk.",
            "",
        ];
        for text in texts {
            assert_eq!(stream(&mut index, text), tokens(Mode::Index, text));
            // The stash holds the exact tokens of what the index side just analysed …
            STASH.with(|s| {
                let s = s.borrow();
                assert_eq!((s.pair, s.text.as_str()), (index.pair, text));
            });
            // … which the exact side takes: the same tokens as analysing anew.
            assert_eq!(stream(&mut exact, text), tokens(Mode::Exact, text));
            STASH.with(|s| assert_eq!(s.borrow().pair, 0, "taken"));
        }
        // Another text, another pair or no index-side run before: analysed anew.
        stream(&mut index, texts[0]);
        assert_eq!(stream(&mut exact, texts[1]), tokens(Mode::Exact, texts[1]));
        assert_eq!(stream(&mut exact, texts[0]), tokens(Mode::Exact, texts[0]));
        let (mut other_index, _) = NorskTokenizer::pair(&a);
        stream(&mut other_index, texts[0]);
        assert_eq!(stream(&mut exact, texts[0]), tokens(Mode::Exact, texts[0]));
        // Tokenizers made one by one never stash.
        stream(&mut NorskTokenizer::new(a.clone(), Mode::Index), texts[1]);
        STASH.with(|s| assert_eq!(s.borrow().pair, 0));
    }

    proptest::proptest! {
        #[test]
        fn a_pair_gives_the_tokens_of_two_separate_runs(text in "\\PC{0,80}", other in "[a-zæøå ]{0,20}") {
            let (mut index, mut exact) = NorskTokenizer::pair(&Analyzer::default());
            for t in [&text, &other, &text] {
                proptest::prop_assert_eq!(stream(&mut index, t), tokens(Mode::Index, t));
                proptest::prop_assert_eq!(stream(&mut exact, t), tokens(Mode::Exact, t));
            }
            stream(&mut index, &other);
            proptest::prop_assert_eq!(stream(&mut exact, &text), tokens(Mode::Exact, &text));
        }


        #[test]
        fn offsets_lie_on_char_boundaries(text in "\\PC{0,80}") {
            for mode in [Mode::Index, Mode::Query, Mode::Exact] {
                for (_, from, to, _) in tokens(mode, &text) {
                    proptest::prop_assert!(from < to && to <= text.len());
                    proptest::prop_assert!(text.is_char_boundary(from) && text.is_char_boundary(to));
                }
            }
        }
    }
}
