//! The adapter between [`innspill_norsk::Analyzer`] and tantivy's tokenizer API.
//!
//! tantivy asks a field's tokenizer for a stream of tokens; [`NorskTokenizer`] runs the one
//! Norwegian analyser over the text and hands tantivy what the field needs:
//!
//! | mode | tokens | used by |
//! | --- | --- | --- |
//! | [`Mode::Index`] | the matching key (`stem`) of every word that is not a stop word, plus the keys of its compound parts at the same position | the `text` field when indexing and snippets |
//! | [`Mode::Query`] | the matching key of every word that is not a stop word (no parts) | the query parser on the `text` field |
//! | [`Mode::Exact`] | every word lower-cased (`norm`), stop words included | the `exact` field (quoted phrases) |
//!
//! So `beredskap` (query key `beredskap`) finds `beredskapsrådet`, indexed as
//! `beredskapsråd` with the part `beredskap` at the same position, while the query
//! `beredskapsrådet` asks for `beredskapsråd` only and does not widen to every `råd`.
//! Offsets are byte offsets into the text tantivy gave, so snippets highlight the right
//! words; positions are the analyser's, so phrases see the gaps that stop words leave.

use innspill_norsk::Analyzer;
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
    /// Stems of words that are not stop words, plus the stems of compound parts at the
    /// same position.
    Index,
    /// Stems of words that are not stop words.
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
}

impl NorskTokenizer {
    /// A tokenizer emitting `mode`'s tokens.
    pub fn new(analyzer: Analyzer, mode: Mode) -> NorskTokenizer {
        NorskTokenizer {
            analyzer,
            mode,
            buf: Vec::new(),
            len: 0,
        }
    }
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

impl Tokenizer for NorskTokenizer {
    type TokenStream<'a> = NorskTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NorskTokenStream<'a> {
        let mode = self.mode;
        let (buf, len) = (&mut self.buf, &mut self.len);
        *len = 0;
        self.analyzer.analyze_with(text, |t| {
            let position = t.position as usize;
            match mode {
                Mode::Exact => emit(buf, len, t.start, t.end, position, t.norm),
                Mode::Query | Mode::Index if t.stop || t.stem.is_empty() => {}
                Mode::Query => emit(buf, len, t.start, t.end, position, t.stem),
                Mode::Index => {
                    emit(buf, len, t.start, t.end, position, t.stem);
                    for (i, part) in t.part_stems.iter().enumerate() {
                        let seen = part == t.stem || t.part_stems.iter().take(i).any(|p| p == part);
                        if !part.is_empty() && !seen {
                            emit(buf, len, t.start, t.end, position, part);
                        }
                    }
                }
            }
        });
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
    let text_mode = if for_query { Mode::Query } else { Mode::Index };
    manager.register(
        NORSK,
        TextAnalyzer::builder(NorskTokenizer::new(analyzer.clone(), text_mode)).build(),
    );
    manager.register(
        NORSK_EXACT,
        TextAnalyzer::builder(NorskTokenizer::new(analyzer.clone(), Mode::Exact)).build(),
    );
    manager.register(
        KEYWORD,
        TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
            .filter(tantivy::tokenizer::LowerCaser)
            .build(),
    );
    manager
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(text, from, to, position)` of every token.
    fn tokens(mode: Mode, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut tok = NorskTokenizer::new(Analyzer::default(), mode);
        let mut stream = tok.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
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
        assert_eq!(t[0].0, analysed[0].stem);
        for part in &analysed[0].part_stems {
            let found = t.iter().find(|t| &t.0 == part).expect("part emitted");
            assert_eq!((found.1, found.2, found.3), (0, text.len(), 0));
        }
        // The query side asks for the compound's own key only.
        let q = tokens(Mode::Query, text);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].0, analysed[0].stem);
    }

    #[test]
    fn empty_and_symbol_only_text_give_no_tokens() {
        for mode in [Mode::Index, Mode::Query, Mode::Exact] {
            assert!(tokens(mode, "").is_empty());
            assert!(tokens(mode, " – «» … ").is_empty());
        }
    }

    proptest::proptest! {
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
