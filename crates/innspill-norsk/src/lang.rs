use serde::{Deserialize, Serialize};

/// Written standard: Bokmål or Nynorsk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Bokmål.
    Nb,
    /// Nynorsk.
    Nn,
}

impl Lang {
    /// `"nb"` or `"nn"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
        }
    }
}

/// The written standard of a text, with a confidence in `0.5..=1.0`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LanguageGuess {
    /// The more likely standard.
    pub lang: Lang,
    /// How sure: 0.5 is a coin toss (no evidence), 1.0 certain.
    pub confidence: f32,
}

/// Marker words that occur in one standard and not the other.
const NN_MARKERS: &[&str] = &[
    "ikkje", "eg", "ein", "eit", "dei", "frå", "korleis", "kva", "kven", "berre", "heile",
    "mykje", "noko", "nokon", "også", "òg", "vere", "vore", "ho", "han", "me", "oss", "sjølv",
    "difor", "fordi", "kommunane", "tenester", "utfordringar", "dette", "denne", "gjennom",
];
const NB_MARKERS: &[&str] = &[
    "ikke", "jeg", "en", "et", "de", "fra", "hvordan", "hva", "hvem", "bare", "hele", "mye",
    "noe", "noen", "være", "vært", "hun", "vi", "selv", "derfor", "kommunene", "tjenester",
    "utfordringer",
];

pub(crate) fn guess(words: impl Iterator<Item = String>) -> LanguageGuess {
    let (mut nb, mut nn) = (0u32, 0u32);
    for w in words {
        let w = w.as_str();
        let in_nn = NN_MARKERS.contains(&w);
        let in_nb = NB_MARKERS.contains(&w);
        if in_nn && !in_nb {
            nn += 1;
        } else if in_nb && !in_nn {
            nb += 1;
        }
    }
    let total = (nb + nn) as f32;
    if total == 0.0 {
        return LanguageGuess {
            lang: Lang::Nb,
            confidence: 0.5,
        };
    }
    let (lang, k) = if nn > nb { (Lang::Nn, nn) } else { (Lang::Nb, nb) };
    LanguageGuess {
        lang,
        confidence: (k as f32 + 1.0) / (total + 2.0),
    }
}
