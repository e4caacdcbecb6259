//! Demands: sentences and list items that ask something of someone.
//!
//! Three shapes are recognised, on the analyser's tokens and sentences:
//!
//! - an asking verb with its addressee after it: «Kommunestyret **forventer at KS** …»,
//!   «**ber regjeringen** …», «**oppfordrar staten** til …»;
//! - a modal with its subject before it: «**staten må** …», «**KS bør** …», «**vi må** …»;
//! - the council committing itself: «**Kommunestyret vil** prioritere …» (not verbs of
//!   saying: «Kommunestyret vil *understreke* at …» is no demand).
//!
//! A paragraph that ends with a colon after such a sentence («… og arbeider for:»,
//! «Kommunestyret vil prioritere:», «For Røst kommune innebærer dette:») is a lead-in: each
//! following bullet is a demand of its own, with the lead-in's addressee and text. Questions
//! («Hva må vi gjøre …?») are not demands.

use innspill_model::Addressee;
use innspill_norsk::Token;

const ASK: &[&str] = &[
    "forventer",
    "forventar",
    "ber",
    "oppfordrer",
    "oppfordrar",
    "oppmoder",
    "oppmodar",
    "krever",
    "krev",
    "utfordrer",
    "utfordrar",
    "anmoder",
    "anmodar",
];
const MODAL: &[&str] = &["må", "bør"];
const WILL: &[&str] = &["vil", "skal"];
const SAYING: &[&str] = &[
    "understreke",
    "understreka",
    "peke",
    "peike",
    "påpeke",
    "påpeike",
    "vise",
    "syne",
    "minne",
    "takke",
    "takka",
    "uttale",
    "uttala",
    "fremheve",
    "framheve",
    "framheva",
    "presisere",
    "presisera",
    "gi",
    "gje",
    "gjere",
    "si",
    "seie",
    "nevne",
    "nemne",
    "kommentere",
];
const STATE: &[&str] = &[
    "staten",
    "stat",
    "regjeringen",
    "regjeringa",
    "regjering",
    "stortinget",
    "storting",
    "departementet",
    "departementene",
    "departementa",
    "statsforvalteren",
    "statsforvaltaren",
    "direktoratet",
    "direktoratene",
    "direktorata",
    "statsråden",
    "statsråden",
];
const STATE_ADJ: &[&str] = &["statlige", "statlege", "nasjonale", "sentrale"];
const AUTHORITIES: &[&str] = &[
    "myndigheter",
    "myndighetene",
    "myndigheiter",
    "myndigheitene",
];
const SELF: &[&str] = &[
    "kommunestyret",
    "kommunestyre",
    "bystyret",
    "heradsstyret",
    "formannskapet",
    "fylkestinget",
    "fylkesutvalget",
    "vi",
    "kommunen",
];
const OTHERS: &[&str] = &[
    "kommunene",
    "kommunane",
    "kommunesektoren",
    "fylkeskommunene",
    "fylkeskommunane",
    "partene",
    "partane",
    "arbeidsgiverne",
    "arbeidsgjevarane",
    "nav",
    "helseforetakene",
    "helseføretaka",
    "næringslivet",
    "leverandørene",
    "leverandørane",
    "kommunesektoren",
];

/// The actor named by token `j`, if any.
fn actor(tokens: &[Token], j: usize) -> Option<Addressee> {
    let n = tokens[j].norm.as_str();
    let prev = j.checked_sub(1).map(|p| tokens[p].norm.as_str());
    if n == "ks" {
        Some(Addressee::Ks)
    } else if STATE.contains(&n)
        || (AUTHORITIES.contains(&n) && prev.is_some_and(|p| STATE_ADJ.contains(&p)))
    {
        Some(Addressee::Staten)
    } else if SELF.contains(&n)
        || ((n == "kommune" || n == "fylkeskommune")
            && j > 0
            && tokens[j - 1]
                .text
                .chars()
                .next()
                .is_some_and(char::is_uppercase))
    {
        Some(Addressee::Kommunen)
    } else if OTHERS.contains(&n) {
        Some(Addressee::Andre)
    } else {
        None
    }
}

/// A sentence of a paragraph: token range and byte range in the paragraph text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub(crate) tokens: (usize, usize),
    pub(crate) bytes: (usize, usize),
}

/// The sentences of `text` as the analyser numbered them; each runs to its last token
/// plus the punctuation right after it.
pub(crate) fn sentences(tokens: &[Token], text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let s = tokens[i].sentence;
        let mut j = i;
        while j < tokens.len() && tokens[j].sentence == s {
            j += 1;
        }
        let start = tokens[i].start;
        let mut end = tokens[j - 1].end;
        let limit = if j < tokens.len() {
            tokens[j].start
        } else {
            text.len()
        };
        for (b, c) in text[end..limit].char_indices() {
            if c.is_whitespace() {
                break;
            }
            end = tokens[j - 1].end + b + c.len_utf8();
        }
        out.push(Sentence {
            tokens: (i, j),
            bytes: (start, end),
        });
        i = j;
    }
    out
}

/// Whom the sentence asks something of, if it is a demand.
pub(crate) fn demand_of(tokens: &[Token], text: &str, s: Sentence) -> Option<Addressee> {
    let (lo, hi) = s.tokens;
    if text[s.bytes.0..s.bytes.1].trim_end().ends_with('?') {
        return None;
    }
    for j in lo..hi {
        let n = tokens[j].norm.as_str();
        if ASK.contains(&n) {
            // «forventer at …», «ber regjeringen …», «ber om …»; not «som krever endringer».
            let asks = j + 1 < hi
                && (matches!(tokens[j + 1].norm.as_str(), "at" | "om")
                    || actor(tokens, j + 1).is_some());
            if asks {
                let found = (j + 1..(j + 9).min(hi)).find_map(|k| actor(tokens, k));
                return Some(found.unwrap_or(Addressee::Andre));
            }
        }
        if MODAL.contains(&n) {
            if let Some(a) = (j.saturating_sub(3).max(lo)..j)
                .rev()
                .find_map(|k| actor(tokens, k))
            {
                return Some(a);
            }
            // Inverted order: «Derfor må staten …».
            if j + 1 < hi
                && let Some(a) = actor(tokens, j + 1)
            {
                return Some(a);
            }
        }
        if WILL.contains(&n) {
            let before = (j.saturating_sub(3).max(lo)..j)
                .rev()
                .find_map(|k| actor(tokens, k));
            let (subject, verb_at) = match before {
                Some(a) => (Some(a), j + 1),
                None if j + 1 < hi => (actor(tokens, j + 1), j + 2),
                None => (None, j + 1),
            };
            if subject == Some(Addressee::Kommunen) {
                let saying = (verb_at..(verb_at + 2).min(hi))
                    .any(|k| SAYING.contains(&tokens[k].norm.as_str()));
                if !saying {
                    return Some(Addressee::Kommunen);
                }
            }
        }
    }
    None
}

/// If the paragraph is a lead-in to a list (its last sentence ends with a colon), whom
/// the list's items are addressed to, and whether the lead-in is only a lead-in (a few
/// words with no demand of its own, such as «Kommunestyret vil prioritere:»).
pub(crate) fn lead_in(
    tokens: &[Token],
    text: &str,
    sents: &[Sentence],
) -> Option<(Addressee, bool)> {
    let last = *sents.last()?;
    if !text[last.bytes.0..].trim_end().ends_with(':') {
        return None;
    }
    let words = last.tokens.1 - last.tokens.0;
    if let Some(a) = demand_of(tokens, text, last) {
        return Some((a, words <= 5));
    }
    let names_self =
        (last.tokens.0..last.tokens.1).any(|k| actor(tokens, k) == Some(Addressee::Kommunen));
    if names_self && words <= 8 {
        return Some((Addressee::Kommunen, true));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use innspill_norsk::Analyzer;

    #[track_caller]
    fn assert_demand(text: &str, expected: Option<Addressee>) {
        let a = Analyzer::default();
        let tokens = a.analyze(text);
        let sents = sentences(&tokens, text);
        let got = sents.iter().find_map(|&s| demand_of(&tokens, text, s));
        assert_eq!(
            got, expected,
            "text: {text:?}\nhelp: see the shapes in the module docs of demand.rs"
        );
    }

    #[test]
    fn demand_shapes() {
        assert_demand(
            "Kommunestyret forventer at KS tydeligere løfter dette perspektivet.",
            Some(Addressee::Ks),
        );
        assert_demand(
            "Vi ber regjeringen fjerne rapportering som ingen bruker.",
            Some(Addressee::Staten),
        );
        assert_demand(
            "Vi ber regjeringa fjerne rapportering som ingen brukar.",
            Some(Addressee::Staten),
        );
        assert_demand(
            "KS mente at staten må involvere kommunesektoren sterkere.",
            Some(Addressee::Staten),
        );
        assert_demand(
            "Kommunestyret forventar at statlege myndigheiter lyttar.",
            Some(Addressee::Staten),
        );
        assert_demand("Kommunestyret vil prioritere:", Some(Addressee::Kommunen));
        assert_demand(
            "Samtidig vil kommunestyret peke på at små kommuner har få folk.",
            None,
        );
        assert_demand(
            "Kommunestyret vil understreke at mangel på arbeidskraft er kritisk.",
            None,
        );
        assert_demand("Hva må vi gjøre i vår kommune de neste to årene?", None);
        assert_demand(
            "Tiltak for økt endringstakt må derfor ta utgangspunkt i dette.",
            None,
        );
        assert_demand("Røst kommune er en liten øykommune.", None);
        assert_demand(
            "Kommunestyret deler KS’ vurdering av at sektoren står overfor et veiskille som krever endringer i tempo.",
            None,
        );
        assert_demand(
            "Kommunestyret krever at regjeringen fullfinansierer reformen.",
            Some(Addressee::Staten),
        );
        assert_demand("Vi ber om at det settes av midler.", Some(Addressee::Andre));
    }

    #[test]
    fn lead_ins() {
        let a = Analyzer::default();
        for (text, expected) in [
            (
                "For Røst kommune innebærer dette:",
                Some((Addressee::Kommunen, true)),
            ),
            (
                "Kommunestyret vil prioritere:",
                Some((Addressee::Kommunen, true)),
            ),
            (
                "Kommunestyret forventer at KS tydeligere løfter dette perspektivet i dialogen med statlige myndigheter, og arbeider for:",
                Some((Addressee::Ks, false)),
            ),
            ("Totalberedskapskommisjonen skriver i sin utredning:", None),
            ("Kommunestyret vil prioritere.", None),
        ] {
            let tokens = a.analyze(text);
            let sents = sentences(&tokens, text);
            assert_eq!(lead_in(&tokens, text, &sents), expected, "text: {text:?}");
        }
    }
}
