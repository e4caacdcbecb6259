//! Builds `data/lemmas.bin`, the full form → lemma lexicon of the analyser, from two
//! sources in `../shared/data/nlp` (never read by the product itself):
//!
//! - Norsk Ordbank bokmål 2005 (2018-06-27 update, via spacy-lookups-data 1.0.5;
//!   CC BY 4.0, Universitetet i Bergen and Språkrådet): every Bokmål full form with its
//!   lemma and word class;
//! - the Norwegian Dependency Treebank (NorNE release; annotations CC0), Bokmål and
//!   Nynorsk: how often each form had each lemma and part of speech, which decides between
//!   the candidates of a form and adds Nynorsk and the closed word classes. Only these
//!   counts are kept, never its text. **The sentences of the UD Norwegian test sets are left
//!   out** (matched by their words), so the lemma gate measures text the lexicon never saw;
//! - the UD Norwegian Bokmål and Nynorsk **dev** sets (CC BY-SA 4.0; again only counts),
//!   weighted ten to one over the treebank, since UD's lemma conventions for a few function
//!   words differ from NDT's (`det` → `den`).
//!
//! Run from the workspace root:
//!
//! ```sh
//! cargo run --release -p innspill-norsk --example build_lemmas -- ../shared/data/nlp
//! ```
//!
//! The output is deterministic (same sources, same bytes). Format (see `src/lemma.rs`):
//! the magic `INLEM1\n`, the number of rules (u32 LE), each rule as (characters to strip:
//! u8, length of the ending: u8, the ending in UTF-8), then an `fst` map from lower-cased
//! form to a value that packs the best (rule, part of speech) and, when the form has a
//! reading of another part of speech, the second best; then (u64 LE length and bytes) a
//! second `fst` map of the Nynorsk forms whose best Nynorsk reading differs from the
//! merged one (`er` → `vere`, not `være`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::PathBuf;

/// Parts of speech as the lexicon stores them (4 bits; 0 = unknown).
const POS: &[&str] = &[
    "", "NOUN", "PROPN", "VERB", "ADJ", "ADV", "ADP", "PRON", "DET", "CCONJ", "SCONJ", "PART",
    "INTJ", "AUX", "X",
];

fn pos_id(upos: &str) -> u8 {
    POS.iter().position(|p| *p == upos).unwrap_or(14) as u8
}

/// NDT's word class (column 4) and features to a UD part of speech; `None` for
/// punctuation, symbols and numbers, which the lexicon leaves alone.
fn ndt_pos(tag: &str, feats: &str) -> Option<&'static str> {
    Some(match tag {
        "subst" if feats.split('|').any(|f| f == "prop") => "PROPN",
        "subst" => "NOUN",
        "verb" => "VERB",
        "adj" => "ADJ",
        "adv" => "ADV",
        "prep" => "ADP",
        "pron" => "PRON",
        "det" => "DET",
        "konj" => "CCONJ",
        "sbu" => "SCONJ",
        "inf-merke" => "PART",
        "interj" => "INTJ",
        "ukjent" => "X",
        _ => return None,
    })
}

/// How much more a UD dev token counts than a treebank token: enough that UD's
/// conventions win for the function words where they differ from NDT's (`det` → `den`
/// 531 times in the Bokmål dev set, against NDT's `det` → `det`).
const DEV_WEIGHT: u64 = 40;

#[path = "../tests/support/tar.rs"]
mod tar;
use tar::{read_xz, tar_files};

/// The sentences of a CoNLL(-U) text as rows of columns.
fn sentences(text: &str) -> Vec<Vec<Vec<&str>>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else if !line.starts_with('#') {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() >= 6 && !cols[0].contains(['-', '.']) {
                cur.push(cols);
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A sentence's identity for leaving it out: its letters and digits, lower-cased. The
/// treebank and UD split some tokens differently (229 of the 3,450 UD test sentences
/// differ from their NDT original in tokens or punctuation, all but one only there).
fn words_key(rows: &[Vec<&str>]) -> String {
    rows.iter()
        .flat_map(|r| r[1].chars())
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The rule that turns `form` into `lemma`: characters to strip, ending to add.
fn rule(form: &str, lemma: &str) -> Option<(u8, String)> {
    let f: Vec<char> = form.chars().collect();
    let l: Vec<char> = lemma.chars().collect();
    let common = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
    let strip = u8::try_from(f.len() - common).ok()?;
    let add: String = l[common..].iter().collect();
    (add.len() <= 255).then_some((strip, add))
}

/// A reading as stored: characters to strip, ending to add, part of speech.
type Choice = (u8, String, u8);

/// Whether the noun `form` (in -er) has the plural in -ere in the dictionary (`lærere`).
fn forms_has_noun_plural(nouns: &HashSet<String>, form: &str) -> bool {
    nouns.contains(&format!("{form}e"))
}

#[derive(Default)]
struct Reading {
    /// Treebank and UD dev counts, Bokmål.
    nb: u64,
    /// The same, Nynorsk.
    nn: u64,
    ordbank: bool,
}

/// Add one treebank token to the counts.
fn count(
    forms: &mut HashMap<String, BTreeMap<(String, u8), Reading>>,
    r: &[&str],
    upos: &str,
    nn: bool,
    weight: u64,
) -> bool {
    let form = r[1].to_lowercase();
    let lemma = r[2].to_lowercase();
    if form.is_empty() || lemma.is_empty() || lemma.starts_with('$') || lemma == "_" {
        return false;
    }
    let reading = forms
        .entry(form)
        .or_default()
        .entry((lemma, pos_id(upos)))
        .or_default();
    if nn {
        reading.nn += weight;
    } else {
        reading.nb += weight;
    }
    true
}

fn main() {
    let nlp = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/data/nlp".to_string()),
    );
    let out_path = std::env::args()
        .nth(2)
        .unwrap_or_else(|| "crates/innspill-norsk/data/lemmas.bin".to_string());

    // 1. The UD test sentences, to be left out of the treebank counts.
    let mut test: HashSet<String> = HashSet::new();
    for rel in [
        "ud_norwegian_bokmaal/no_bokmaal-ud-test.conllu",
        "ud_norwegian_nynorsk/no_nynorsk-ud-test.conllu",
    ] {
        let text = std::fs::read_to_string(nlp.join(rel)).expect("UD test set");
        for s in sentences(&text) {
            test.insert(words_key(&s));
        }
    }
    eprintln!("UD test sentences to leave out: {}", test.len());

    // form → (lemma, pos) → reading
    let mut forms: HashMap<String, BTreeMap<(String, u8), Reading>> = HashMap::new();

    // 2. NDT counts, without the test sentences.
    let tar = read_xz(&nlp.join("norne_ndt/norne_ndt_full_nob_nno.tar.xz"));
    let (mut kept, mut left_out, mut tokens) = (0usize, 0usize, 0u64);
    for (name, data) in tar_files(&tar) {
        if !name.ends_with(".conll") {
            continue;
        }
        let nn = name.contains("/nno/");
        let text = String::from_utf8_lossy(data);
        for s in sentences(&text) {
            if test.contains(&words_key(&s)) {
                left_out += 1;
                continue;
            }
            kept += 1;
            for r in &s {
                let Some(upos) = ndt_pos(r[3], r[5]) else {
                    continue;
                };
                if count(&mut forms, r, upos, nn, 1) {
                    tokens += 1;
                }
            }
        }
    }
    for (rel, nn) in [
        ("ud_norwegian_bokmaal/no_bokmaal-ud-dev.conllu", false),
        ("ud_norwegian_nynorsk/no_nynorsk-ud-dev.conllu", true),
    ] {
        let text = std::fs::read_to_string(nlp.join(rel)).expect("UD dev set");
        let mut n = 0;
        for s in sentences(&text) {
            for r in &s {
                if matches!(r[3], "PUNCT" | "SYM" | "NUM") {
                    continue;
                }
                n += u64::from(count(&mut forms, r, r[3], nn, DEV_WEIGHT));
            }
        }
        eprintln!("{rel}: {n} word tokens counted (weight {DEV_WEIGHT})");
    }
    eprintln!(
        "NDT: {kept} sentences kept, {left_out} left out (UD test), {tokens} word tokens counted"
    );

    // 3. Ordbank full forms.
    let ordbank =
        read_xz(&nlp.join("norsk_ordbank_fullform/spacy_nb_ordbank2018_form_lemma_pos.tsv.xz"));
    let ordbank = String::from_utf8(ordbank).expect("UTF-8");
    let mut rows = 0;
    for line in ordbank.lines().skip(1) {
        let mut cols = line.split('\t');
        let (Some(form), Some(lemma), Some(pos)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let upos = match pos {
            "noun" => "NOUN",
            "verb" => "VERB",
            "adj" => "ADJ",
            "adv" => "ADV",
            _ => continue,
        };
        let (form, lemma) = (form.to_lowercase(), lemma.to_lowercase());
        // Multi-word entries (`1. mai-demonstrasjon`) are never one token.
        if form.contains(' ') || form.is_empty() || lemma.is_empty() {
            continue;
        }
        rows += 1;
        forms
            .entry(form)
            .or_default()
            .entry((lemma, pos_id(upos)))
            .or_default()
            .ordbank = true;
    }
    eprintln!("Ordbank: {rows} rows");

    // Noun forms of the dictionary, to tell agent nouns (`lærer`, `lærere`).
    let ordbank_nouns: HashSet<String> = forms
        .iter()
        .filter(|(_, rs)| {
            rs.iter()
                .any(|((_, p), r)| r.ordbank && POS[*p as usize] == "NOUN")
        })
        .map(|(f, _)| f.clone())
        .collect();

    // 4. The best reading of each form, and the best of another part of speech.
    let rank = |form: &str, (lemma, pos): &(String, u8), r: &Reading| {
        // Treebank frequency first; among dictionary-only readings, the form that is its
        // own lemma (the uninflected reading), then nouns before verbs before adjectives.
        let class = match POS[*pos as usize] {
            "NOUN" => 4,
            "VERB" => 3,
            "ADJ" => 2,
            "ADV" => 1,
            _ => 0,
        };
        // NDT's `ukjent` (foreign words, typos) loses to any real reading.
        // Bokmål's counts before Nynorsk's: the merged reading is Bokmål's where both
        // have one (`det` → `den` in UD Bokmål, `det` in Nynorsk), and Nynorsk keeps
        // its own in the second map.
        (
            POS[*pos as usize] != "X",
            r.nb,
            r.nn,
            r.ordbank,
            lemma == form,
            class,
        )
    };
    let rank_nn =
        |(lemma, pos): &(String, u8), r: &Reading| (POS[*pos as usize] != "X", r.nn, lemma.clone());
    let mut rules: BTreeMap<(u8, String), u32> = BTreeMap::new();
    let mut entries: Vec<(String, Choice, Option<Choice>)> = Vec::new();
    let mut nynorsk: Vec<(String, Choice)> = Vec::new();
    let mut sorted: Vec<_> = forms.into_iter().collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    for (form, readings) in sorted {
        let mut list: Vec<_> = readings.iter().collect();
        list.sort_by(|a, b| {
            rank(&form, b.0, b.1)
                .cmp(&rank(&form, a.0, a.1))
                .then_with(|| a.0.cmp(b.0))
        });
        // An agent noun in -er that is also a verb's present tense (`lærer`): the noun,
        // unless the treebank saw the verb twenty times as often (`seier`, `skriver`,
        // `gjelder`). Statements to KS speak of teachers more than news text does; the
        // analyser still takes the verb after a personal pronoun (`vi lærer`).
        if let (Some(((_, p0), r0)), true) = (list.first(), form.ends_with("er")) {
            let noun = list.iter().position(|((l, p), _)| {
                POS[*p as usize] == "NOUN"
                    && *l == form
                    && forms_has_noun_plural(&ordbank_nouns, &form)
            });
            if let Some(i) = noun
                && POS[*p0 as usize] == "VERB"
                && (r0.nb + r0.nn) < 20 * (list[i].1.nb + list[i].1.nn + 1)
            {
                let n = list.remove(i);
                list.insert(0, n);
            }
        }
        let Some(((lemma, pos), _)) = list.first() else {
            continue;
        };
        let Some((strip, add)) = rule(&form, lemma) else {
            continue;
        };
        rules.entry((strip, add.clone())).or_insert(0);
        let second = list
            .iter()
            .find(|((_, p), _)| p != pos)
            .and_then(|((l, p), _)| rule(&form, l).map(|(s, a)| (s, a, *p)));
        if let Some((s, a, _)) = &second {
            rules.entry((*s, a.clone())).or_insert(0);
        }
        // Nynorsk's own best reading, where the treebank saw the form in Nynorsk and it
        // differs from the merged one.
        let nn_best = readings.iter().filter(|(_, r)| r.nn > 0).max_by(|a, b| {
            rank_nn(a.0, a.1)
                .cmp(&rank_nn(b.0, b.1))
                .then_with(|| b.0.cmp(a.0))
        });
        if let Some(((l, p), _)) = nn_best
            && (l != lemma || p != pos)
            && let Some((s, a)) = rule(&form, l)
        {
            rules.entry((s, a.clone())).or_insert(0);
            nynorsk.push((form.clone(), (s, a, *p)));
        }
        entries.push((form, (strip, add, *pos), second));
    }
    for (i, v) in rules.values_mut().enumerate() {
        *v = i as u32;
    }

    let mut out = Vec::new();
    out.extend_from_slice(b"INLEM1\n");
    out.extend_from_slice(&(rules.len() as u32).to_le_bytes());
    for (strip, add) in rules.keys() {
        out.push(*strip);
        out.push(add.len() as u8);
        out.extend_from_slice(add.as_bytes());
    }
    let mut builder = fst::MapBuilder::memory();
    for (form, (strip, add, pos), second) in &entries {
        let r1 = u64::from(rules[&(*strip, add.clone())]);
        let mut value = r1 | u64::from(*pos) << 24;
        if let Some((s, a, p)) = second {
            let r2 = u64::from(rules[&(*s, a.clone())]) + 1;
            value |= r2 << 28 | u64::from(*p) << 52;
        }
        builder
            .insert(form.as_bytes(), value)
            .expect("sorted, unique");
    }
    let main_map = builder.into_inner().expect("fst");
    out.extend_from_slice(&(main_map.len() as u64).to_le_bytes());
    out.extend_from_slice(&main_map);
    let mut builder = fst::MapBuilder::memory();
    for (form, (strip, add, pos)) in &nynorsk {
        let r = u64::from(rules[&(*strip, add.clone())]);
        builder
            .insert(form.as_bytes(), r | u64::from(*pos) << 24)
            .expect("sorted, unique");
    }
    out.extend_from_slice(&builder.into_inner().expect("fst"));
    eprintln!("Nynorsk readings of their own: {}", nynorsk.len());
    std::fs::write(&out_path, &out).unwrap_or_else(|e| panic!("{out_path}: {e}"));
    let mut check = Vec::new();
    std::fs::File::open(&out_path)
        .and_then(|mut f| f.read_to_end(&mut check))
        .expect("read back");
    eprintln!(
        "{out_path}: {} forms, {} rules, {} bytes",
        entries.len(),
        rules.len(),
        check.len()
    );
}
