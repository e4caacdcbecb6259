//! Stage 1: normalisation of token text.
//!
//! The analyser never rewrites the input; it normalises each token's text on its own,
//! so offsets always point into the text as given. [`Normalizer`] decides, per token,
//! whether the slice of the input can be used as it is (the common case, no copy) or
//! needs a cleaned copy:
//!
//! - Unicode NFC (only when the input is not already NFC, checked once per text);
//! - soft hyphens (U+00AD) and other invisible format characters removed;
//! - typographic apostrophes (`’`, `‘`, `ʼ`) become `'`, typographic hyphens (U+2010,
//!   U+2011) become `-`, no-break and thin spaces inside numbers become a plain space;
//! - `æ`, `ø` and `å` are never folded (`på` and `pa` stay different words).
//!
//! [`lowercase_into`] gives the matching form (`norm`).

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Whether `c` is an invisible format character that is dropped from token text
/// (soft hyphen, zero-width joiners, word joiner, byte-order mark).
pub(crate) fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Whether `c` is an apostrophe (ASCII or typographic).
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// Whether `c` is a hyphen that joins the parts of a compound (`IKT-sikkerhet`).
/// Dashes (`–`, `—`) are not hyphens.
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Whether `c` is a space that may sit inside a number (`700 000`).
pub(crate) fn is_number_space(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\u{202F}' | '\u{2009}')
}

/// The one character a typographic punctuation mark stands for (`«`, `“` → `"`,
/// `–`, `—` → `-`, `’` → `'`); other characters unchanged.
pub fn fold_punctuation(c: char) -> char {
    match c {
        '«' | '»' | '“' | '”' | '„' | '‟' | '″' => '"',
        '’' | '‘' | 'ʼ' | '‚' | '‛' | '′' => '\'',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
        c => c,
    }
}

/// Per-text normaliser: knows whether the text needs NFC.
#[derive(Debug, Clone, Copy)]
pub struct Normalizer {
    nfc: bool,
}

impl Normalizer {
    /// A normaliser for tokens of `text` (checks once whether `text` is NFC).
    pub fn for_text(text: &str) -> Normalizer {
        Normalizer {
            nfc: !matches!(is_nfc_quick(text.chars()), IsNormalized::Yes),
        }
    }

    /// The cleaned text of the token `raw`: `None` when `raw` can be used as it is,
    /// otherwise the cleaned text is written to `out` (cleared first). `possessive`
    /// drops one trailing apostrophe (`KS’` → `KS`).
    pub fn clean_into(&self, raw: &str, possessive: bool, out: &mut String) -> bool {
        let raw = if possessive {
            match raw.char_indices().next_back() {
                Some((i, c)) if is_apostrophe(c) => &raw[..i],
                _ => raw,
            }
        } else {
            raw
        };
        let needs = self.nfc
            || possessive
            || raw.bytes().any(|b| b >= 0xC2)
                && raw.chars().any(|c| {
                    is_ignorable(c)
                        || (is_apostrophe(c) && c != '\'')
                        || (is_hyphen(c) && c != '-')
                        || (is_number_space(c) && c != ' ')
                });
        if !needs {
            return false;
        }
        out.clear();
        let mut push = |c: char| {
            if is_ignorable(c) {
            } else if is_apostrophe(c) {
                out.push('\'');
            } else if is_hyphen(c) {
                out.push('-');
            } else if is_number_space(c) {
                out.push(' ');
            } else {
                out.push(c);
            }
        };
        if self.nfc {
            raw.chars().nfc().for_each(&mut push);
        } else {
            raw.chars().for_each(&mut push);
        }
        true
    }
}

/// Append the lower-cased `text` to `out`. `æøå` stay as they are.
pub fn lowercase_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
    } else {
        for c in text.chars() {
            match c {
                'A'..='Z' => out.push(c.to_ascii_lowercase()),
                // Latin-1 capitals (`Æ`, `Ø`, `Å`, `É`) are 32 below their small letters.
                'À'..='Þ' if c != '×' => {
                    out.push(char::from_u32(c as u32 + 32).unwrap_or(c));
                }
                '\0'..='ÿ' => out.push(c),
                c if c.is_lowercase() || !c.is_alphabetic() => out.push(c),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One line per case: input, whether possessive, expected cleaned text.
    macro_rules! test_normalizer {
        ($($raw:expr, $poss:expr => $want:expr;)*) => {$(
            {
                let n = Normalizer::for_text($raw);
                let mut out = String::new();
                let got = if n.clean_into($raw, $poss, &mut out) { out.as_str() } else { $raw };
                assert_eq!(
                    got, $want,
                    "normalise {:?} (possessive: {})\nhelp: see normalize.rs: soft hyphens go, \
                     typographic apostrophes and hyphens become ASCII, æøå stay",
                    $raw, $poss
                );
            }
        )*};
    }

    #[test]
    fn normalises_token_text() {
        test_normalizer! {
            "kommunesektoren", false => "kommunesektoren";
            "sikker\u{AD}hetspolitisk", false => "sikkerhetspolitisk";
            "KS’", true => "KS";
            "KS'", true => "KS";
            "O’Neil", false => "O'Neil";
            "IKT\u{2010}sikkerhet", false => "IKT-sikkerhet";
            "700\u{A0}000", false => "700 000";
            "på", false => "på";
            "Øst-Finnmark", false => "Øst-Finnmark";
            "a\u{30A}r", false => "år";
            "re\u{301}sume\u{301}", false => "résumé";
        }
    }

    #[test]
    fn lowercase_keeps_norwegian_letters() {
        for (text, want) in [
            ("ÆØÅ", "æøå"),
            ("KS", "ks"),
            ("Øst-Finnmark", "øst-finnmark"),
        ] {
            let mut out = String::new();
            lowercase_into(text, &mut out);
            assert_eq!(
                out, want,
                "lowercase {text:?}\nhelp: æøå must never be folded"
            );
        }
    }

    #[test]
    fn folds_typographic_punctuation() {
        for (c, want) in [('«', '"'), ('”', '"'), ('’', '\''), ('–', '-'), ('å', 'å')] {
            assert_eq!(fold_punctuation(c), want, "fold {c:?}");
        }
    }
}
