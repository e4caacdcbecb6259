//! Stage 5: matching keys. Snowball's Norwegian stemmer, with a small layer in front
//! that rewrites frequent Nynorsk forms to their Bokmål equivalents where Snowball alone
//! would give different stems (`tenester` → `tjenester`, `ikkje` → `ikke`,
//! `samfunnstryggleik` → `samfunnssikkerhet`).
//!
//! The layer has three tables, applied in order to the lower-cased word:
//!
//! 1. whole words (`eg` → `jeg`, `kva` → `hva`, `born` → `barn`);
//! 2. morphemes, replaced wherever they occur, so compounds follow
//!    (`teneste` → `tjeneste` makes `helsetenestene` → `helsetjenestene`);
//! 3. endings (`-leg` → `-lig`, `-heit` → `-het`, `-arane` → `-erne`).
//!
//! Snowball already gives Nynorsk `-ar`/`-ane`/`-a` the same stem as Bokmål
//! `-er`/`-ene`/`-en` (`kommunane`/`kommunene` → `kommun`), so those are not in the
//! tables. Bokmål words pass the layer unchanged (tested).

use std::borrow::Cow;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer as Snowball};

/// Whole Nynorsk words and their Bokmål equivalents.
const WORDS: &[(&str, &str)] = &[
    // function words
    ("ikkje", "ikke"),
    ("eg", "jeg"),
    ("kva", "hva"),
    ("kven", "hvem"),
    ("korleis", "hvordan"),
    ("kvifor", "hvorfor"),
    ("kvar", "hver"),
    ("kvart", "hvert"),
    ("ein", "en"),
    ("eit", "et"),
    ("dei", "de"),
    ("frå", "fra"),
    ("berre", "bare"),
    ("noko", "noe"),
    ("nokon", "noen"),
    ("nokre", "noen"),
    ("mykje", "mye"),
    ("sjølv", "selv"),
    ("sjølve", "selve"),
    ("heile", "hele"),
    ("heil", "hel"),
    ("difor", "derfor"),
    ("ho", "hun"),
    ("honom", "ham"),
    ("vere", "være"),
    ("vera", "være"),
    ("vore", "vært"),
    ("vart", "ble"),
    ("blei", "ble"),
    ("vorte", "blitt"),
    ("òg", "også"),
    ("saman", "sammen"),
    ("fleire", "flere"),
    ("meir", "mer"),
    ("då", "da"),
    ("medan", "mens"),
    ("sidan", "siden"),
    ("utan", "uten"),
    ("innan", "innen"),
    ("hjå", "hos"),
    ("annan", "annen"),
    ("anna", "annet"),
    ("eigen", "egen"),
    ("eige", "egen"),
    ("eiga", "egen"),
    ("eigne", "egne"),
    ("same", "samme"),
    ("desse", "disse"),
    ("dykk", "dere"),
    ("dykkar", "deres"),
    ("vidare", "videre"),
    ("endå", "enda"),
    ("enno", "ennå"),
    ("allereie", "allerede"),
    ("gjer", "gjør"),
    ("gjere", "gjøre"),
    ("gjera", "gjøre"),
    ("fekk", "fikk"),
    ("kjem", "kommer"),
    ("kome", "komme"),
    ("koma", "komme"),
    ("korkje", "verken"),
    ("framleis", "fremdeles"),
    ("dessutan", "dessuten"),
    ("heilt", "helt"),
    ("anten", "enten"),
    ("viss", "hvis"),
    // content words whose Nynorsk form differs in more than the ending
    ("born", "barn"),
    ("borna", "barna"),
    ("noreg", "norge"),
    ("noregs", "norges"),
    ("auke", "øke"),
    ("aukar", "øker"),
    ("auka", "økte"),
    ("auken", "økningen"),
    ("naudsynt", "nødvendig"),
    ("naudsynte", "nødvendige"),
    ("avgjerd", "avgjørelse"),
    ("avgjerda", "avgjørelsen"),
    ("avgjerder", "avgjørelser"),
    ("avgjerdene", "avgjørelsene"),
    ("røynsle", "erfaring"),
    ("røynsla", "erfaringen"),
    ("røynsler", "erfaringer"),
    ("røynslene", "erfaringene"),
    ("lærar", "lærer"),
    ("læraren", "læreren"),
];

/// Nynorsk morphemes replaced wherever they occur in a word, longest first.
const MORPHEMES: &[(&str, &str)] = &[
    ("samfunnstryggleik", "samfunnssikkerhet"),
    ("heilskapleg", "helhetlig"),
    ("sjukepleiar", "sykepleier"),
    ("verkemiddel", "virkemiddel"),
    ("innbyggjar", "innbygger"),
    ("medverknad", "medvirkning"),
    ("rettleiing", "veiledning"),
    ("tilsetjing", "ansettelse"),
    ("tilsetting", "ansettelse"),
    ("berekraft", "bærekraft"),
    ("busetjing", "bosetting"),
    ("sjukeheim", "sykehjem"),
    ("tryggleik", "sikkerhet"),
    ("utgreiing", "utredning"),
    ("verkemidl", "virkemidl"),
    ("arbeidar", "arbeider"),
    ("fråvær", "fravær"),
    ("heilskap", "helhet"),
    ("høyring", "høring"),
    ("løysing", "løsning"),
    ("nærleik", "nærhet"),
    ("rettleie", "veilede"),
    ("sjukehus", "sykehus"),
    ("verkeleg", "virkelig"),
    ("verksemd", "virksomhet"),
    ("eigedom", "eiendom"),
    ("framtid", "fremtid"),
    ("kvardag", "hverdag"),
    ("oppgåv", "oppgav"),
    ("teneste", "tjeneste"),
    ("tilsett", "ansatt"),
    ("tilskot", "tilskudd"),
    ("verknad", "virkning"),
    ("brukar", "bruker"),
    ("bustad", "bolig"),
    ("følgj", "følg"),
    ("gjevar", "giver"),
    ("heimel", "hjemmel"),
    ("mogleg", "mulig"),
    ("styrkj", "styrk"),
    ("tenest", "tjenest"),
    ("tilbod", "tilbud"),
    ("trengj", "treng"),
    ("ønskj", "ønsk"),
    ("leiar", "leder"),
    ("saman", "sammen"),
    ("skule", "skole"),
    ("søkj", "søk"),
    ("takar", "taker"),
    ("tenkj", "tenk"),
    ("ynskj", "ønsk"),
    ("sjuk", "syk"),
    ("ggj", "gg"),
    ("kkj", "kk"),
];

/// Nynorsk endings and their Bokmål equivalents, longest first, with the shortest stem
/// that may precede them.
const ENDINGS: &[(&str, &str, usize)] = &[
    ("legheitene", "lighetene", 2),
    ("legheiter", "ligheter", 2),
    ("legheita", "ligheten", 2),
    ("legheit", "lighet", 2),
    ("legaste", "ligste", 2),
    ("legare", "ligere", 2),
    ("legast", "ligst", 2),
    ("heitene", "hetene", 2),
    ("igaste", "igste", 2),
    ("heiter", "heter", 2),
    ("heita", "heten", 2),
    ("igast", "igst", 2),
    ("arane", "erne", 3),
    ("erane", "erne", 3),
    ("lege", "lige", 2),
    ("leiken", "ligheten", 3),
    ("heit", "het", 2),
    ("leik", "lighet", 3),
    ("arar", "ere", 3),
    ("aren", "eren", 3),
    ("leg", "lig", 2),
];

/// The Nynorsk → Bokmål layer applied to the lower-cased `word` (unchanged when no rule
/// applies, which is the case for Bokmål words).
pub fn nynorsk_to_bokmal(word: &str) -> Cow<'_, str> {
    // The same rules as written above, in one pass over the word: only the morphemes
    // that start with the byte at hand are tried there (in table order), and suffixes
    // are compared from their last byte (most fail at once). This runs once for every
    // distinct word the analyser meets, and was a third of that work.
    if let Some(&(_, nb)) = WORDS.iter().find(|(nn, _)| *nn == word) {
        return Cow::Borrowed(nb);
    }
    let by_first = morphemes_by_first_byte();
    // Owned from the first replacement on, with the part of `word` before it.
    let mut owned: Option<String> = None;
    let mut rest = word;
    'outer: while let Some(&b) = rest.as_bytes().first() {
        for &i in &by_first[usize::from(b)] {
            let (nn, nb) = MORPHEMES[i];
            if let Some(after) = rest.strip_prefix(nn) {
                let s = owned.get_or_insert_with(|| {
                    let mut s = String::with_capacity(word.len() + 8);
                    s.push_str(&word[..word.len() - rest.len()]);
                    s
                });
                s.push_str(nb);
                rest = after;
                continue 'outer;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        if let Some(s) = &mut owned {
            s.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    let out: Cow<'_, str> = match owned {
        Some(s) => Cow::Owned(s),
        None => Cow::Borrowed(word),
    };
    for (nn, nb, min) in ENDINGS {
        if let Some(stem) = strip_suffix_from_end(&out, nn)
            && stem.chars().count() >= *min
        {
            let mut s = String::with_capacity(stem.len() + nb.len());
            s.push_str(stem);
            s.push_str(nb);
            return Cow::Owned(s);
        }
    }
    out
}

/// Indexes into [`MORPHEMES`] by their first byte, in table order.
fn morphemes_by_first_byte() -> &'static [Vec<usize>; 256] {
    static TABLE: OnceLock<[Vec<usize>; 256]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: [Vec<usize>; 256] = std::array::from_fn(|_| Vec::new());
        for (i, (nn, _)) in MORPHEMES.iter().enumerate() {
            if let Some(&b) = nn.as_bytes().first() {
                table[usize::from(b)].push(i);
            }
        }
        table
    })
}

/// `s` without `suffix`, comparing from the last byte (no call for the many that differ
/// there).
pub(crate) fn strip_suffix_from_end<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let (a, b) = (s.as_bytes(), suffix.as_bytes());
    if a.len() < b.len() || !a.iter().rev().zip(b.iter().rev()).all(|(x, y)| x == y) {
        return None;
    }
    s.get(..a.len() - b.len())
}

/// Makes matching keys: the Nynorsk layer, then Snowball. Cheap to create.
pub struct Stemmer {
    snowball: Snowball,
}

impl std::fmt::Debug for Stemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stemmer(norwegian)")
    }
}

impl Default for Stemmer {
    fn default() -> Self {
        Stemmer::new()
    }
}

impl Stemmer {
    /// Snowball Norwegian with the Nynorsk layer.
    pub fn new() -> Stemmer {
        Stemmer {
            snowball: Snowball::create(Algorithm::Norwegian),
        }
    }

    /// Snowball's stem of the lower-cased `word`, without the Nynorsk layer.
    pub fn snowball<'a>(&self, word: &'a str) -> Cow<'a, str> {
        self.snowball.stem(word)
    }

    /// The matching key of the lower-cased `word`, appended to `out`.
    pub fn key_into(&self, word: &str, out: &mut String) {
        let bokmal = nynorsk_to_bokmal(word);
        out.push_str(&self.snowball.stem(&bokmal));
    }

    /// The matching key of the lower-cased `word`.
    pub fn key(&self, word: &str) -> String {
        let mut out = String::new();
        self.key_into(word, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One line per pair: a Nynorsk form and the Bokmål form that must share its key.
    macro_rules! test_same_key {
        ($($nn:expr => $nb:expr;)*) => {{
            let s = Stemmer::new();
            $(
                assert_eq!(
                    s.key($nn), s.key($nb),
                    "key({:?}) vs key({:?})\nhelp: add the form to WORDS, MORPHEMES or ENDINGS in stem.rs",
                    $nn, $nb
                );
            )*
        }};
    }

    #[test]
    fn nynorsk_forms_share_the_bokmal_key() {
        test_same_key! {
            "kommunane" => "kommunene";
            "kommunar" => "kommuner";
            "fylkeskommunane" => "fylkeskommunene";
            "tenester" => "tjenester";
            "tenestene" => "tjenestene";
            "helsetenester" => "helsetjenester";
            "tenesteyting" => "tjenesteyting";
            "tilsette" => "ansatte";
            "ikkje" => "ikke";
            "statleg" => "statlig";
            "statlege" => "statlige";
            "særleg" => "særlig";
            "tydelegare" => "tydeligere";
            "utfordringar" => "utfordringer";
            "utfordringane" => "utfordringene";
            "samfunnstryggleik" => "samfunnssikkerhet";
            "tryggleiken" => "sikkerheten";
            "kva" => "hva";
            "eg" => "jeg";
            "mogleg" => "mulig";
            "moglegheit" => "mulighet";
            "moglegheiter" => "muligheter";
            "verksemd" => "virksomhet";
            "verksemder" => "virksomheter";
            "oppgåver" => "oppgaver";
            "oppgåvene" => "oppgavene";
            "regjeringa" => "regjeringen";
            "sjukeheim" => "sykehjem";
            "sjukefråvær" => "sykefravær";
            "skulen" => "skolen";
            "viktigaste" => "viktigste";
            "tilskot" => "tilskudd";
            "heimel" => "hjemmel";
            "innbyggjarane" => "innbyggerne";
            "innbyggjarar" => "innbyggere";
            "innbyggjar" => "innbygger";
            "lærarar" => "lærere";
            "lærarane" => "lærerne";
            "læraren" => "læreren";
            "arbeidsgjevarar" => "arbeidsgivere";
            "arbeidsgjevar" => "arbeidsgiver";
            "fleire" => "flere";
            "meir" => "mer";
            "naudsynt" => "nødvendig";
            "verkemiddel" => "virkemiddel";
            "verkemidlar" => "virkemidler";
            "berekraftig" => "bærekraftig";
            "løysingar" => "løsninger";
            "avgjerder" => "avgjørelser";
            "framtida" => "fremtiden";
            "born" => "barn";
            "noko" => "noe";
            "frå" => "fra";
            "sjølv" => "selv";
            "eigne" => "egne";
            "ressursar" => "ressurser";
            "barnehagar" => "barnehager";
            "sjukepleiarar" => "sykepleiere";
            "heilskapleg" => "helhetlig";
            "kjærleik" => "kjærlighet";
            "utgreiing" => "utredning";
            "arbeidstakarorganisasjonane" => "arbeidstakerorganisasjonene";
            "brukarane" => "brukerne";
            "brukarar" => "brukere";
            "leiarar" => "ledere";
            "høyringa" => "høringen";
            "bustader" => "boliger";
            "tilbodet" => "tilbudet";
            "samanheng" => "sammenheng";
            "samanslåing" => "sammenslåing";
            "styrkje" => "styrke";
            "byggje" => "bygge";
            "leggje" => "legge";
            "tenkjer" => "tenker";
            "ønskjer" => "ønsker";
            "følgjer" => "følger";
            "søkjer" => "søker";
            "kvardagen" => "hverdagen";
            "rettleiing" => "veiledning";
            "framleis" => "fremdeles";
        }
    }

    #[test]
    fn bokmal_passes_the_layer_unchanged() {
        for word in [
            "kommunene",
            "tjenester",
            "ansatte",
            "ikke",
            "statlig",
            "utfordringer",
            "samfunnssikkerhet",
            "beredskap",
            "arbeidskraft",
            "handlingsrom",
            "varen",
            "kaste",
            "heller",
            "legger",
            "kollega",
            "lærer",
            "innbyggere",
            "sykehjem",
            "mulighet",
            "virksomhet",
            "oppgave",
            "bærekraft",
            "skole",
            "tilskudd",
            "hjemmel",
            "økonomi",
            "kompetanse",
            "barn",
            "fravær",
            "kommunesektoren",
        ] {
            assert_eq!(
                nynorsk_to_bokmal(word),
                word,
                "the Nynorsk layer changed the Bokmål word {word:?}\nhelp: make the rule in stem.rs more specific"
            );
        }
    }

    /// The layer as first written (every morpheme searched for in the whole word, every
    /// ending compared with `strip_suffix`): what the one-pass version must equal.
    fn nynorsk_to_bokmal_reference(word: &str) -> Cow<'_, str> {
        if let Some(&(_, nb)) = WORDS.iter().find(|(nn, _)| *nn == word) {
            return Cow::Borrowed(nb);
        }
        let mut out: Cow<'_, str> = Cow::Borrowed(word);
        if MORPHEMES.iter().any(|(nn, _)| word.contains(nn)) {
            let mut s = String::with_capacity(word.len() + 8);
            let mut rest = word;
            'outer: while !rest.is_empty() {
                for (nn, nb) in MORPHEMES {
                    if let Some(after) = rest.strip_prefix(nn) {
                        s.push_str(nb);
                        rest = after;
                        continue 'outer;
                    }
                }
                let c = rest.chars().next().unwrap_or(' ');
                s.push(c);
                rest = &rest[c.len_utf8()..];
            }
            out = Cow::Owned(s);
        }
        for (nn, nb, min) in ENDINGS {
            if let Some(stem) = out.strip_suffix(nn)
                && stem.chars().count() >= *min
            {
                let mut s = String::with_capacity(stem.len() + nb.len());
                s.push_str(stem);
                s.push_str(nb);
                return Cow::Owned(s);
            }
        }
        out
    }

    #[test]
    fn the_one_pass_layer_equals_the_reference_on_table_words_and_their_compounds() {
        let mut words: Vec<String> = Vec::new();
        let table = WORDS
            .iter()
            .chain(MORPHEMES)
            .flat_map(|(nn, nb)| [*nn, *nb])
            .chain(ENDINGS.iter().flat_map(|(nn, nb, _)| [*nn, *nb]));
        for w in table {
            words.push(w.to_string());
            for affix in ["", "e", "ar", "ane", "leg", "heit", "ggj", "ø", "s"] {
                words.push(format!("{w}{affix}"));
                words.push(format!("{affix}{w}"));
                words.push(format!("helse{affix}{w}ene"));
            }
        }
        words.extend(
            crate::lexicon::CORE
                .lines()
                .filter_map(|l| l.split('#').next())
                .map(|w| w.trim().to_string()),
        );
        words.extend(
            [
                "",
                "a",
                "ø",
                "kkjkkj",
                "tenestetenesteleg",
                "ggjggj",
                "søkjø",
            ]
            .map(String::from),
        );
        for w in &words {
            assert_eq!(
                nynorsk_to_bokmal(w),
                nynorsk_to_bokmal_reference(w),
                "{w:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn the_one_pass_layer_equals_the_reference(word in "[a-zæøåéò -]{0,24}|(samfunn|teneste|kkj|ggj|leg|heit|ar|ane|ø|s|e){0,6}") {
            proptest::prop_assert_eq!(nynorsk_to_bokmal(&word), nynorsk_to_bokmal_reference(&word));
        }
    }

    #[test]
    fn suffixes_compare_from_the_end() {
        assert_eq!(
            strip_suffix_from_end("heilskapleg", "leg"),
            Some("heilskap")
        );
        assert_eq!(strip_suffix_from_end("leg", "leg"), Some(""));
        assert_eq!(strip_suffix_from_end("eg", "leg"), None);
        assert_eq!(strip_suffix_from_end("bøk", "øk"), Some("b"));
        assert_eq!(strip_suffix_from_end("bøk", "k"), Some("bø"));
        assert_eq!(strip_suffix_from_end("x", ""), Some("x"));
    }

    #[test]
    fn snowball_alone_is_untouched() {
        let s = Stemmer::new();
        assert_eq!(s.snowball("tenester"), "tenest");
        assert_eq!(s.snowball("kommunene"), "kommun");
    }
}
