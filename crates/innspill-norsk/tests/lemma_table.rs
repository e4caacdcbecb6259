//! Frequent words of municipal statements, in every inflection and in both written
//! standards: every form of a group gets the group's lemma (Bokmål or Nynorsk dictionary
//! form) and all forms of a group share one key, so that search, theme matching and
//! counts see one word. Words that only look alike keep apart.

use innspill_norsk::{Analyzer, Lang};

/// (lemma, forms). The lemma is the dictionary form in the standard of the forms; groups
/// of the two standards that must share a key are listed in [`SAME_KEY`].
const GROUPS: &[(&str, &[&str])] = &[
    // nouns, every inflection; agent nouns in -er/-ere
    (
        "sykepleier",
        &[
            "sykepleier",
            "sykepleieren",
            "sykepleiere",
            "sykepleierne",
            "sykepleiers",
        ],
    ),
    (
        "sjukepleiar",
        &[
            "sjukepleiar",
            "sjukepleiaren",
            "sjukepleiarar",
            "sjukepleiarane",
        ],
    ),
    ("lærer", &["lærer", "læreren", "lærere", "lærerne"]),
    ("lærar", &["lærar", "læraren", "lærarar", "lærarane"]),
    ("leder", &["leder", "lederen", "ledere", "lederne"]),
    (
        "innbygger",
        &["innbygger", "innbyggeren", "innbyggere", "innbyggerne"],
    ),
    (
        "tjeneste",
        &["tjeneste", "tjenesten", "tjenester", "tjenestene"],
    ),
    ("teneste", &["teneste", "tenesta", "tenester", "tenestene"]),
    (
        "kommune",
        &[
            "kommune",
            "kommunen",
            "kommuner",
            "kommunene",
            "kommunar",
            "kommunane",
        ],
    ),
    (
        "barnehage",
        &[
            "barnehage",
            "barnehagen",
            "barnehager",
            "barnehagene",
            "barnehagar",
            "barnehagane",
        ],
    ),
    (
        "fastlege",
        &[
            "fastlege",
            "fastlegen",
            "fastleger",
            "fastlegene",
            "fastlegar",
            "fastlegane",
        ],
    ),
    ("beredskap", &["beredskap", "beredskapen"]),
    ("ansatt", &["ansatt", "ansatte"]),
    ("kompetanse", &["kompetanse", "kompetansen"]),
    ("oppgave", &["oppgave", "oppgaven", "oppgaver", "oppgavene"]),
    ("oppgåve", &["oppgåve", "oppgåva", "oppgåver", "oppgåvene"]),
    (
        "utfordring",
        &[
            "utfordring",
            "utfordringen",
            "utfordringer",
            "utfordringene",
        ],
    ),
    (
        "ressurs",
        &["ressurs", "ressursen", "ressurser", "ressursene"],
    ),
    (
        "rammebetingelse",
        &["rammebetingelse", "rammebetingelser", "rammebetingelsene"],
    ),
    ("sykehjem", &["sykehjem", "sykehjemmet", "sykehjemmene"]),
    // adjectives, every form
    (
        "forsvarlig",
        &["forsvarlig", "forsvarlige", "forsvarligere"],
    ),
    ("forsvarleg", &["forsvarleg", "forsvarlege"]),
    ("likeverdig", &["likeverdig", "likeverdige"]),
    ("statlig", &["statlig", "statlige"]),
    (
        "stor",
        &["stor", "stort", "store", "større", "størst", "største"],
    ),
    (
        "liten",
        &["liten", "lille", "små", "mindre", "minst", "minste"],
    ),
    ("god", &["god", "godt", "gode", "bedre", "best", "beste"]),
    // verbs, every tense
    (
        "rekruttere",
        &["rekruttere", "rekrutterer", "rekrutterte", "rekruttert"],
    ),
    (
        "prioritere",
        &["prioritere", "prioriterer", "prioriterte", "prioritert"],
    ),
    ("styrke", &["styrke", "styrker", "styrket", "styrkes"]),
    ("gå", &["gå", "går", "gikk", "gått"]),
    ("ta", &["ta", "tar", "tok", "tatt"]),
    ("gi", &["gi", "gir", "ga", "gitt"]),
    ("sikre", &["sikre", "sikrer", "sikret"]),
    ("mangle", &["mangle", "mangler", "manglet"]),
];

/// Groups of the two standards whose forms must also share one key.
const SAME_KEY: &[(&str, &str)] = &[
    ("sykepleier", "sjukepleiar"),
    ("lærer", "lærar"),
    ("tjeneste", "teneste"),
    ("oppgave", "oppgåve"),
    ("forsvarlig", "forsvarleg"),
];

/// Pairs that must never share a key (false friends of a stemmer).
const APART: &[(&str, &str)] = &[
    ("forsvarlige", "forsvar"),
    ("forsvarlig", "forsvaret"),
    ("forsvarleg", "forsvar"),
    ("sykepleier", "sykeplei"),
    ("tjenestlig", "tjeneste"),
    ("øvelse", "øve"),
];

fn nynorsk(lemma: &str) -> bool {
    ["sjukepleiar", "lærar", "teneste", "oppgåve", "forsvarleg"].contains(&lemma)
}

#[test]
fn every_form_has_its_lemma_and_one_key() {
    let analyzer = Analyzer::default();
    let mut failures = Vec::new();
    let mut forms = 0;
    for (lemma, group) in GROUPS {
        let lang = if nynorsk(lemma) { Lang::Nn } else { Lang::Nb };
        let a = analyzer.with_language(lang);
        let key = a.key(lemma);
        for form in *group {
            forms += 1;
            let t = &a.analyze(form)[0];
            if t.lemma != *lemma || t.key != key {
                failures.push(format!(
                    "{form}: lemma {} key {} (want {lemma}, key {key})",
                    t.lemma, t.key
                ));
            }
        }
    }
    assert!(forms >= 60, "{forms} forms");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn both_standards_share_a_key() {
    let analyzer = Analyzer::default();
    for (nb, nn) in SAME_KEY {
        assert_eq!(analyzer.key(nb), analyzer.key(nn), "{nb} / {nn}");
    }
}

#[test]
fn false_friends_keep_apart() {
    let analyzer = Analyzer::default();
    for (a, b) in APART {
        assert_ne!(analyzer.key(a), analyzer.key(b), "{a} / {b}");
    }
}

#[test]
fn the_word_before_chooses_the_reading() {
    let analyzer = Analyzer::default().with_language(Lang::Nb);
    let lemma_of = |text: &str, i: usize| analyzer.analyze(text)[i].lemma.clone();
    assert_eq!(lemma_of("en lærer", 1), "lærer");
    assert_eq!(lemma_of("vi lærer", 1), "lære");
    assert_eq!(lemma_of("å lære", 1), "lære");
    // A comma breaks the context.
    assert_eq!(lemma_of("vi, lærer", 1), "lærer");
}
