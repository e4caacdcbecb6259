//! Ambiguous words: the tags a careful reader expects, one sentence each (issue 14's
//! failure kinds on real text: `forsvarlig`, a ritual `øvelse`, `samband` in a name and in
//! «i samband med», `beredskapen` inside a name, a minister's title, the armed forces).

use innspill_themes::{Tagger, document_from_text};

/// Text, expected themes, sub-themes that must be among the tags, sub-themes that must not.
type Case = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

const TABLE: &[Case] = &[
    (
        "Kommunen skal gi likeverdige og forsvarlige tjenester til alle innbyggerne.",
        &[],
        &[],
        &["total_defence"],
    ),
    (
        "Vi må ha forsvarleg drift av heimetenestene.",
        &[],
        &[],
        &["total_defence"],
    ),
    (
        "Møtet opnar med ei rituell øving i takksemd.",
        &[],
        &[],
        &["exercises"],
    ),
    (
        "Konserten var en rituell øvelse for korpset.",
        &[],
        &[],
        &["exercises"],
    ),
    (
        "Kommunen gjennomførte en øvelse i evakuering av sykehjemmet.",
        &["preparedness"],
        &["exercises"],
        &[],
    ),
    (
        "Vi vil ha realistiske øvelser tilpasset kommunens størrelse.",
        &["preparedness"],
        &["exercises"],
        &[],
    ),
    (
        "Forsvaret brukte for lite penger på øvelse og materiell.",
        &[],
        &[],
        &["exercises", "total_defence"],
    ),
    (
        "Han er leiar i Fjellstyresamband og møter på årsmøtet.",
        &[],
        &[],
        &["transport_isolation"],
    ),
    (
        "Dette kom fram i samband med handsaminga av budsjettet.",
        &[],
        &[],
        &["transport_isolation"],
    ),
    (
        "Vegsambandet til fastlandet blir stengt ved ras.",
        &["preparedness"],
        &["transport_isolation"],
        &[],
    ),
    (
        "Ferjesambandet er innstilt, og øya er isolert.",
        &["preparedness"],
        &["transport_isolation"],
        &[],
    ),
    (
        "Vi overnattet på Hotell Beredskapen i helga.",
        &[],
        &[],
        &[],
    ),
    (
        "Beredskapen i kommunen må styrkes før neste flom.",
        &["preparedness"],
        &[],
        &[],
    ),
    (
        "Justis- og beredskapsministeren svarte på spørsmålet om fengselet.",
        &[],
        &[],
        &[],
    ),
    (
        "Forsvaret kjøper nye fly neste år.",
        &[],
        &[],
        &["total_defence"],
    ),
    (
        "Kommunen og Forsvaret samarbeider om totalforsvaret.",
        &["preparedness"],
        &["total_defence"],
        &[],
    ),
    ("Hun fikk hjelp på krisesenteret.", &[], &[], &[]),
];

#[test]
fn ambiguous_words_get_the_expected_tags() {
    let tagger = Tagger::with_default_codebook();
    let mut failures = Vec::new();
    for (text, themes, must, must_not) in TABLE {
        let doc = document_from_text(text, "t.txt");
        let tags = tagger.tag_document(&doc);
        let mut got: Vec<String> = Vec::new();
        let mut subs: Vec<String> = Vec::new();
        for t in tags.paragraphs.iter().flat_map(|p| p.tags.iter()) {
            match &t.sub {
                Some(s) => subs.push(s.clone()),
                None => got.push(t.theme.clone()),
            }
        }
        got.sort();
        got.dedup();
        let mut want: Vec<String> = themes.iter().map(|s| s.to_string()).collect();
        want.sort();
        let ok = got == want
            && must.iter().all(|s| subs.iter().any(|x| x == s))
            && must_not.iter().all(|s| !subs.iter().any(|x| x == s));
        if !ok {
            failures.push(format!("{text:?}: themes {got:?} subs {subs:?}, expected {want:?} with {must:?} without {must_not:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn tags_carry_a_confidence_from_their_evidence() {
    use innspill_model::ConfidenceLevel;
    let tagger = Tagger::with_default_codebook();
    let one = |text: &str| {
        let tags = tagger.tag_document(&document_from_text(text, "t.txt"));
        tags.paragraphs[0]
            .tags
            .iter()
            .find(|t| t.sub.is_none() && t.theme != "welfare")
            .and_then(|t| t.confidence)
            .expect("a theme tag with a confidence")
    };
    let strong = one(
        "Sykefraværet er høyt, og vi mangler arbeidskraft. Heltid og rekruttering må prioriteres.",
    );
    assert_eq!(strong.level, ConfidenceLevel::High, "{strong:?}");
    assert!(strong.terms >= 3 && !strong.inherited);
    let weak = one("Sykefraværet er høyt.");
    assert_eq!(weak.level, ConfidenceLevel::Low, "{weak:?}");
    assert_eq!((weak.terms, weak.phrases), (1, 0));
    let checked = one("Kommunen gjennomførte en øvelse i evakuering.");
    assert!(checked.checked >= 1, "{checked:?}");
}
