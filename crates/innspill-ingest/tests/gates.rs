//! Evaluation gates against the real 2026 register in `../shared/data/municipalities/`
//! (not committed). Run by CI with `cargo test -p innspill-ingest --test gates -- --ignored
//! --nocapture`; each prints its figures.

use std::collections::HashMap;
use std::path::PathBuf;

use innspill_ingest::{Ingester, RegisterImport};
use innspill_model::{Register, RespondentKind};

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/municipalities")
}

fn register() -> Register {
    let mut import = RegisterImport::new();
    import.add_file(&data().join("kommuner.csv")).unwrap();
    import.finish()
}

fn detected(ingester: &Ingester, text: &str) -> (Option<String>, Vec<String>) {
    let doc = ingester
        .ingest_bytes("gate.txt", text.as_bytes(), None)
        .unwrap();
    (doc.respondent.kommunenummer, doc.warnings)
}

#[test]
#[ignore = "evaluation gate: needs ../shared/data; run by .ci/run"]
fn all_357_municipalities_are_detectable_from_the_council_formula() {
    let register = register();
    let municipalities: Vec<_> = register
        .entries
        .iter()
        .filter(|e| e.kind == RespondentKind::Kommune)
        .cloned()
        .collect();
    let counties = register
        .entries
        .iter()
        .filter(|e| e.kind == RespondentKind::Fylkeskommune)
        .count();
    println!(
        "register: {} municipalities, {counties} county authorities",
        municipalities.len()
    );
    assert_eq!(municipalities.len(), 357);
    assert_eq!(counties, 14, "15 counties, Oslo without a county authority");

    let mut shared: HashMap<&str, usize> = HashMap::new();
    for e in &municipalities {
        *shared.entry(e.short_name()).or_default() += 1;
    }
    let ingester = Ingester::builder().register(register.clone()).build();
    let (mut plain_ok, mut ambiguous_flagged, mut resolved, mut forms_ok, mut forms) =
        (0, 0, 0, 0, 0);
    let mut misses = Vec::new();
    for e in &municipalities {
        let sentence = format!("Kommunestyret i {} kommune vedtok uttalelsen.\n", e.name);
        let (nr, warnings) = detected(&ingester, &sentence);
        if shared[e.short_name()] > 1 {
            // A shared name is never guessed: unknown with a warning that names both...
            if nr.is_none() && warnings.iter().any(|w| w.contains("is the name of")) {
                ambiguous_flagged += 1;
            } else {
                misses.push(format!("{} {}: guessed {nr:?}", e.kommunenummer, e.name));
            }
            // ...and told apart by the county the text names.
            let with_county = format!(
                "Kommunestyret i {} kommune vedtok uttalelsen. Kommunen ligger i {}.\n",
                e.short_name(),
                e.fylke
            );
            if detected(&ingester, &with_county).0.as_deref() == Some(&e.kommunenummer) {
                resolved += 1;
            } else {
                misses.push(format!(
                    "{} {}: not resolved by county",
                    e.kommunenummer, e.name
                ));
            }
        } else if nr.as_deref() == Some(&e.kommunenummer) {
            plain_ok += 1;
        } else {
            misses.push(format!(
                "{} {}: found {nr:?} {warnings:?}",
                e.kommunenummer, e.name
            ));
        }
        // Every Sami and Kven form on its own, in Nynorsk too.
        let parts: Vec<&str> = e.name.split(" - ").collect();
        if parts.len() > 1 {
            for form in parts {
                forms += 1;
                let s = format!("kommunestyret i {form} kommune har handsama saka.\n");
                if detected(&ingester, &s).0.as_deref() == Some(&e.kommunenummer) {
                    forms_ok += 1;
                } else {
                    misses.push(format!("{}: form {form:?} not detected", e.kommunenummer));
                }
            }
        }
    }
    let unique = municipalities
        .iter()
        .filter(|e| shared[e.short_name()] == 1)
        .count();
    println!("council formula: {plain_ok} of {unique} municipalities with a unique name detected");
    println!(
        "shared names: {ambiguous_flagged} flagged unknown without context, {resolved} resolved by county"
    );
    println!("Sami/Kven/multi-form names: {forms_ok} of {forms} forms detected");
    for m in &misses {
        println!("miss: {m}");
    }
    assert!(misses.is_empty(), "{} misses", misses.len());
    assert_eq!(plain_ok + resolved, 357, "every municipality detectable");
}

#[test]
#[ignore = "evaluation gate: needs ../shared/data; run by .ci/run"]
fn county_councils_are_detected() {
    let register = register();
    let ingester = Ingester::builder().register(register.clone()).build();
    let mut ok = 0;
    let mut total = 0;
    for e in register
        .entries
        .iter()
        .filter(|e| e.kind == RespondentKind::Fylkeskommune)
    {
        total += 1;
        let s = format!("Fylkestinget i {} vedtok uttalelsen til KS.\n", e.name);
        let (nr, w) = detected(&ingester, &s);
        if nr.as_deref() == Some(&e.kommunenummer) {
            ok += 1;
        } else {
            println!("miss: {} {}: {nr:?} {w:?}", e.kommunenummer, e.name);
        }
    }
    println!("county councils: {ok} of {total} detected from «Fylkestinget i X»");
    assert_eq!(ok, total);
}

/// KS' regional body of every county of the 2026 register, in three of the forms
/// statements use, is a `ks_region` respondent with that county; and a municipality that
/// adopts such a body's statement stays the municipality.
#[test]
#[ignore = "evaluation gate: needs ../shared/data; run by .ci/run"]
fn ks_regional_bodies_of_every_county_are_detected() {
    let register = register();
    let ingester = Ingester::builder().register(register.clone()).build();
    let mut counties: Vec<&str> = register.entries.iter().map(|e| e.fylke.as_str()).collect();
    counties.sort_unstable();
    counties.dedup();
    let (mut ok, mut total) = (0, 0);
    for fylke in &counties {
        for text in [
            format!("Uttalelse\n\nFylkesstyret i KS {fylke} vedtok uttalelsen til KS.\n"),
            format!("Uttalelse\n\nKS {fylke} fylkesstyre vedtok følgende.\n"),
            format!("Fråsegn\n\nFylkesmøtet i KS {fylke} vedtok denne fråsegna.\n"),
        ] {
            total += 1;
            let doc = ingester
                .ingest_bytes("gate.txt", text.as_bytes(), None)
                .unwrap();
            let r = &doc.respondent;
            if r.kind == RespondentKind::KsRegion
                && r.fylke.as_deref() == Some(*fylke)
                && r.kommunenummer.is_none()
            {
                ok += 1;
            } else {
                println!("miss: {text:?}: {r:?} {:?}", doc.warnings);
            }
        }
    }
    println!(
        "KS regions: {ok} of {total} detected ({} counties × 3 forms)",
        counties.len()
    );
    assert_eq!(ok, total);
    // Every municipality adopting its region's statement stays the municipality.
    let mut kept = 0;
    let municipalities: Vec<_> = register
        .entries
        .iter()
        .filter(|e| e.kind == RespondentKind::Kommune)
        .collect();
    for e in &municipalities {
        let text = format!(
            "Kommunestyret i {} kommune slutter seg til uttalelsen fra fylkesstyret i KS {}.\n",
            e.short_name(),
            e.fylke
        );
        let doc = ingester
            .ingest_bytes("gate.txt", text.as_bytes(), None)
            .unwrap();
        if doc.respondent.kind == RespondentKind::Kommune {
            kept += 1;
        } else {
            println!("taken as KS': {text:?}: {:?}", doc.respondent);
        }
    }
    println!(
        "municipalities adopting their KS region's statement: {kept} of {} kept as the municipality",
        municipalities.len()
    );
    assert_eq!(kept, municipalities.len());
}

/// The script that made the built-in register.
#[path = "../examples/builtin_data.rs"]
#[allow(dead_code)]
mod builtin_data;

#[test]
#[ignore = "evaluation gate: needs ../shared/data; run by .ci/run"]
fn builtin_register_is_reproducible() {
    let read =
        |f: &str| std::fs::read_to_string(data().join(f)).expect("../shared/data is missing");
    let made = builtin_data::register_csv(&read("kommuner.csv"), &read("fylker.csv")).unwrap();
    let committed = include_str!("../data/register-2026.csv");
    let builtin = innspill_ingest::builtin_register();
    let full = register();
    let same = full
        .entries
        .iter()
        .filter(|e| {
            builtin.get(&e.kommunenummer).is_some_and(|b| {
                (b.population, &b.fylke, b.short_name()) == (e.population, &e.fylke, e.short_name())
                    || e.kommunenummer == "5025"
            })
        })
        .count();
    println!(
        "built-in register: {} rows, {} of {} entries of kommuner.csv alike (population, county, name)",
        committed.lines().count() - 1,
        same,
        full.entries.len()
    );
    assert!(
        made == committed,
        "data/register-2026.csv differs from what examples/builtin_data.rs makes of ../shared/data\n\
         help: cargo run -p innspill-ingest --example builtin_data -- ../shared/data/municipalities crates/innspill-ingest/data"
    );
}
