//! Issue 16: `innspill` works on any folder of statements with nothing beside them: the
//! built-in register and booklet.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::{innspill, stdout};

fn workspace() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn docs(store: &Path) -> Vec<Value> {
    let mut out = Vec::new();
    for entry in fs_err::read_dir(store.join("docs")).unwrap() {
        out.push(serde_json::from_slice(&fs_err::read(entry.unwrap().path()).unwrap()).unwrap());
    }
    out
}

/// The folder of the issue: only the real Røst case (no register.csv, no reference/).
#[test]
fn a_folder_with_only_the_rost_case_gives_rost_nordland_liten_booklet_and_questions() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("innspill");
    fs_err::create_dir_all(&folder).unwrap();
    fs_err::copy(
        workspace().join("corpus/real/rost-2026.txt"),
        folder.join("000_74f93774da1ce0a0.txt"),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_innspill"))
        .args(["run", "innspill", "--out", "rapport", "--store", "store"])
        .current_dir(tmp.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("run: 1 documents from 1 respondents"),
        "{stderr}"
    );
    assert!(!stderr.contains("no register"), "{stderr}");

    let docs = docs(&tmp.path().join("store"));
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    let r = &doc["respondent"];
    assert_eq!(r["kommunenummer"], "1856", "{r}");
    assert_eq!(r["name"], "Røst");
    assert_eq!(r["fylke"], "Nordland");
    assert_eq!(r["population"], 471);
    assert_eq!(r["size_class"], "liten");
    assert_eq!(doc["year"], 2026);

    let segments = doc["segments"].as_array().unwrap();
    let booklet: usize = segments
        .iter()
        .filter(|s| s["kind"] == "booklet")
        .map(|s| s["paragraphs"].as_array().unwrap().len())
        .sum();
    let case: usize = segments
        .iter()
        .filter(|s| s["kind"] == "case")
        .map(|s| s["paragraphs"].as_array().unwrap().len())
        .sum();
    assert!(booklet >= 100, "booklet paragraphs {booklet}, case {case}");
    assert!(case < 40, "booklet paragraphs {booklet}, case {case}");
    let questions: BTreeSet<u64> = segments
        .iter()
        .filter(|s| s["kind"] == "statement")
        .flat_map(|s| s["paragraphs"].as_array().unwrap())
        .filter_map(|p| p["question"].as_u64())
        .collect();
    assert_eq!(questions, BTreeSet::from([1, 2, 3]));

    // The report says which register it used.
    let index = fs_err::read_to_string(tmp.path().join("rapport/index.html")).unwrap();
    assert!(
        index.contains("innebygd register: SSB Klass 131 og 104"),
        "the report names the built-in register"
    );
    assert!(index.contains("Registeret gjelder per 1. januar 2026."));
    assert!(!index.contains("Registeret er ufullstendig"));
}

#[test]
fn register_show_names_the_builtin_register_until_one_is_imported() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let store = store.to_str().unwrap();
    let out = innspill(&["register", "show", "--store", store], "");
    assert!(out.status.success());
    insta::assert_snapshot!(stdout(&out), @r"
    register: built in (no register imported into this store)
    source: innebygd register: SSB Klass 131 og 104 (kommune- og fylkesinndeling per 1. januar 2026), SSB tabell 07459 (folketall 1. januar 2026) og Kartverket (administrative enheter); CC BY 4.0
    as of: 2026-01-01
    holds: 357 municipalities, 14 county authorities, population 2026
    ");

    let csv = tmp.path().join("kommuner.csv");
    fs_err::write(
        &csv,
        "kommunenummer,navn,fylkesnummer,fylke,folketall,folketall_aar\n\
         1856,Røst,18,Nordland,480,2027\n",
    )
    .unwrap();
    let out = innspill(
        &[
            "register",
            "import",
            csv.to_str().unwrap(),
            "--store",
            store,
        ],
        "",
    );
    assert!(out.status.success());
    let out = innspill(&["register", "show", "--json", "--store", store], "");
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["builtin"], false);
    assert_eq!(v["source"], "importert fra kommuner.csv");
    assert_eq!(v["as_of"], "2027-01-01");
    assert_eq!(v["municipalities"], 1);
    assert_eq!(v["county_authorities"], 1);
}

/// A fictional 2027 booklet (not KS' text): two chapters, each closed by «KS spør».
const BOOKLET_2027: &str = "KS' debatthefte 2027: Grønt skifte\n\n\
Forord\n\n\
Kommunene står midt i det grønne skiftet, og dette debattheftet handler om hvordan.\n\n\
Klimatilpasning\n\n\
Flom, skred og overvann rammer kommunene oftere. Klimatilpasning krever kartlegging av \
flomveier, sikring mot skred og overvannshåndtering i alle nye reguleringsplaner. Flom og \
skred koster kommunene mye, og klimatilpasning må planlegges for hele vassdrag.\n\n\
KS spør\n\n\
1. Hvordan kan vår kommune ruste seg mot flom og skred?\n\n\
Sirkulær økonomi\n\n\
Gjenbruk av materialer, ombruk av møbler og innkjøp som stiller krav til sirkulære \
løsninger kan kutte både kostnader og utslipp. Gjenbruk og ombruk krever nye \
innkjøpsrutiner, og sirkulære anskaffelser er et felles ansvar.\n\n\
KS spør\n\n\
2. Hva må til for at vår kommune gjør gjenbruk og ombruk til hovedregelen i sine innkjøp?\n";

#[test]
fn booklet_add_finds_the_questions_and_statements_of_its_year_are_aligned_with_them() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let store = dir.join("store");
    let store = store.to_str().unwrap();
    fs_err::write(dir.join("ks-debatthefte-2027.txt"), BOOKLET_2027).unwrap();

    let out = innspill(
        &[
            "booklet",
            "add",
            dir.join("ks-debatthefte-2027.txt").to_str().unwrap(),
            "--title",
            "Grønt skifte",
            "--store",
            store,
        ],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = stdout(&out);
    assert!(
        shown.starts_with("2027\tGrønt skifte\tks-debatthefte-2027.txt\t2 questions\n"),
        "{shown}"
    );
    assert!(
        shown.contains("  1. Hvordan kan vår kommune ruste seg mot flom og skred?\n"),
        "{shown}"
    );
    assert!(shown.contains("  2. Hva må til for at vår kommune gjør gjenbruk og ombruk til hovedregelen i sine innkjøp?\n"), "{shown}");

    let out = innspill(&["booklet", "list", "--store", store], "");
    insta::assert_snapshot!(stdout(&out), @r"
    2026	Tid for taktskifte	innebygd (corpus/reference/ks-2026-tid-for-taktskifte.txt)	3 questions
      1. Hva må vi gjøre i vår kommune/fylkeskommune de neste to årene for å øke endringstakten for bærekraftig velferd?
      2. Hvordan kan vi i vår kommune/fylkeskommune de neste to årene ta i bruk de arbeidskraftressursene som finnes?
      3. Hva må vi prioritere i vår kommune/fylkeskommune for å styrke beredskapsevnen – både i egen organisasjon og i lokalsamfunnet?
    2027	Grønt skifte	ks-debatthefte-2027.txt	2 questions
      1. Hvordan kan vår kommune ruste seg mot flom og skred?
      2. Hva må til for at vår kommune gjør gjenbruk og ombruk til hovedregelen i sine innkjøp?
    ");

    // A 2027 statement answering both questions, and one of 2028 (no booklet).
    let inputs = dir.join("uttalelser");
    fs_err::create_dir_all(&inputs).unwrap();
    fs_err::write(
        inputs.join("rost-2027.txt"),
        "Saksframlegg\n\nKS' debatthefte 2027 er sendt kommunene.\n\nUttalelse\n\n\
         Kommunestyret i Røst kommune mener følgende om KS' debatthefte 2027:\n\n\
         Flom og skred\n\nRøst er utsatt for stormflo, og flom og skred krever sikring av \
         havna og veiene.\n\n\
         Gjenbruk i innkjøp\n\nKommunen vil stille krav om ombruk og gjenbruk av møbler i \
         alle innkjøp.\n",
    )
    .unwrap();
    fs_err::write(
        inputs.join("rost-2028.txt"),
        "Uttalelse\n\nKommunestyret i Røst kommune mener følgende om KS' debatthefte 2028:\n\n\
         Flom og skred krever sikring av havna.\n",
    )
    .unwrap();
    let out = innspill(&["ingest", inputs.to_str().unwrap(), "--store", store], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = docs(Path::new(store));
    let doc = |year: u64| {
        docs.iter()
            .find(|d| d["year"] == year)
            .unwrap_or_else(|| panic!("no {year} document"))
    };
    let answered = |d: &Value| -> Vec<(String, Option<u64>)> {
        d["segments"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["kind"] == "statement")
            .flat_map(|s| s["paragraphs"].as_array().unwrap())
            .filter(|p| p["kind"] == "paragraph")
            .map(|p| {
                (
                    p["text"].as_str().unwrap().chars().take(20).collect(),
                    p["question"].as_u64(),
                )
            })
            .collect()
    };
    let got = answered(doc(2027));
    assert!(
        got.contains(&("Røst er utsatt for s".to_string(), Some(1))),
        "{got:?}"
    );
    assert!(
        got.contains(&("Kommunen vil stille ".to_string(), Some(2))),
        "{got:?}"
    );
    let d2028 = doc(2028);
    assert!(answered(d2028).iter().all(|(_, q)| q.is_none()));
    let warnings = d2028["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w
            .as_str()
            .unwrap()
            .starts_with("no booklet for 2028 (booklets: 2026, 2027)")),
        "{warnings:?}"
    );
}
