//! Evaluation gates for the word stages of `innspill-norsk`: dehyphenation on the seed
//! document, compound splitting against Norsk Ordbank's `Leddanalyse`, Bokmål/Nynorsk
//! against labelled parliament sentences. They need `../shared/data` (never committed)
//! and are ignored by default; `.ci/run` runs them with
//! `cargo test -p innspill-norsk --test gates_words -- --ignored --nocapture`.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use innspill_norsk::{CompoundSplitter, Lang, Lexicon, dehyphenate, guess_language};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn nlp(rel: &str) -> PathBuf {
    shared().join("data/nlp").join(rel)
}

fn read_gz(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut s = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut s)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    s
}

#[path = "support/tar.rs"]
mod tar;

fn read_xz(path: &Path) -> String {
    String::from_utf8(tar::read_xz(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// SplitMix64: a fixed-seed generator so that samples are the same on every run.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Fisher–Yates shuffle.
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

// ---------------------------------------------------------------------------------------
// Language
// ---------------------------------------------------------------------------------------

/// Accuracy of `guess_language` on labelled texts: (correct, total, nb wrong, nn wrong).
fn accuracy<'a>(items: impl Iterator<Item = (&'a str, Lang)>) -> (usize, usize, usize, usize) {
    let (mut ok, mut n, mut nb_wrong, mut nn_wrong) = (0, 0, 0, 0);
    for (text, lang) in items {
        n += 1;
        if guess_language(text).lang == lang {
            ok += 1;
        } else if lang == Lang::Nb {
            nb_wrong += 1;
        } else {
            nn_wrong += 1;
        }
    }
    (ok, n, nb_wrong, nn_wrong)
}

fn print_accuracy(name: &str, (ok, n, nb_wrong, nn_wrong): (usize, usize, usize, usize)) -> f64 {
    let a = pct(ok, n);
    println!(
        "  {name}: {a:.2} % ({ok} of {n}; Bokmål taken for Nynorsk {nb_wrong}, Nynorsk taken for Bokmål {nn_wrong})"
    );
    a
}

fn ud_sentences(rel: &str) -> Vec<String> {
    let text = std::fs::read_to_string(nlp(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    text.lines()
        .filter_map(|l| l.strip_prefix("# text = "))
        .map(str::to_string)
        .collect()
}

#[test]
#[ignore = "evaluation gate: needs ../shared/data; run by .ci/run"]
fn language_gate() {
    let dir = "talk_of_norway_sentences_nbailab";
    let nob = read_gz(&nlp(&format!(
        "{dir}/sentences_talk_of_norway_cleaned_10k_nob.txt.gz"
    )));
    let nno = read_gz(&nlp(&format!(
        "{dir}/sentences_talk_of_norway_cleaned_10k_nno.txt.gz"
    )));
    let mut dev = Vec::new();
    let mut held_out = Vec::new();
    for (lines, lang) in [(&nob, Lang::Nb), (&nno, Lang::Nn)] {
        for (i, line) in lines.lines().filter(|l| !l.trim().is_empty()).enumerate() {
            if i % 2 == 0 {
                dev.push((line, lang));
            } else {
                held_out.push((line, lang));
            }
        }
    }
    let csv = read_gz(&nlp(&format!(
        "{dir}/parliament_speeches_1998_2016_nob_nyn.csv.gz"
    )));
    let speeches = parse_speeches(&csv);
    let ud_nb = ud_sentences("ud_norwegian_bokmaal/no_bokmaal-ud-dev.conllu");
    let ud_nn = ud_sentences("ud_norwegian_nynorsk/no_nynorsk-ud-dev.conllu");

    println!("language gate: guess_language on labelled sentences (one guess per sentence)");
    println!(
        "  Talk of Norway 10k+10k sentences split by line number: even lines were used while \
         writing the marker lists (dev), odd lines were not looked at (held out)"
    );
    print_accuracy(
        "ToN sentences, dev (even lines)",
        accuracy(dev.iter().copied()),
    );
    if std::env::var_os("GATE_SHOW_ERRORS").is_some() {
        for &(t, l) in &dev {
            let g = guess_language(t);
            if g.lang != l {
                println!(
                    "    dev error ({}→{}, {:.2}): {t}",
                    l.as_str(),
                    g.lang.as_str(),
                    g.confidence
                );
            }
        }
    }
    let held = print_accuracy(
        "ToN sentences, held out (odd lines)",
        accuracy(held_out.iter().copied()),
    );
    let sp = print_accuracy(
        "parliament speeches CSV (3,000 nob + 3,000 nno rows, held out)",
        accuracy(speeches.iter().map(|(t, l)| (t.as_str(), *l))),
    );
    if std::env::var_os("GATE_SHOW_ERRORS").is_some() {
        for (t, l) in ud_nb
            .iter()
            .map(|s| (s, Lang::Nb))
            .chain(ud_nn.iter().map(|s| (s, Lang::Nn)))
        {
            let g = guess_language(t);
            if g.lang != l {
                println!(
                    "    ud error ({}→{}, {:.2}): {t}",
                    l.as_str(),
                    g.lang.as_str(),
                    g.confidence
                );
            }
        }
    }
    print_accuracy(
        "UD dev sentences (nb dev + nn dev, dev)",
        accuracy(
            ud_nb
                .iter()
                .map(|s| (s.as_str(), Lang::Nb))
                .chain(ud_nn.iter().map(|s| (s.as_str(), Lang::Nn))),
        ),
    );
    // Documents: ten consecutive held-out sentences of one standard at a time.
    let mut docs = Vec::new();
    for lang in [Lang::Nb, Lang::Nn] {
        let lines: Vec<&str> = held_out
            .iter()
            .filter(|(_, l)| *l == lang)
            .map(|(t, _)| *t)
            .collect();
        for chunk in lines.chunks(10) {
            docs.push((chunk.join(" "), lang));
        }
    }
    print_accuracy(
        "ToN held out, documents of 10 sentences",
        accuracy(docs.iter().map(|(t, l)| (t.as_str(), *l))),
    );
    assert!(held >= 98.0, "held-out ToN accuracy {held:.2} % < 98 %");
    assert!(sp >= 98.0, "speeches accuracy {sp:.2} % < 98 %");
}

/// Rows of `date,language,text` with quoted fields.
fn parse_speeches(csv: &str) -> Vec<(String, Lang)> {
    let mut rows = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = csv.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            '\n' if !quoted => {
                fields.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut fields));
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        rows.push(fields);
    }
    rows.into_iter()
        .skip(1)
        .filter(|r| r.len() >= 3)
        .filter_map(|r| {
            let lang = match r[1].as_str() {
                "nob" => Lang::Nb,
                "nno" => Lang::Nn,
                _ => return None,
            };
            Some((r[2].clone(), lang))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Compounds
// ---------------------------------------------------------------------------------------

/// One gold compound of Norsk Ordbank's `Leddanalyse`: the surface form and the byte
/// offset where its last element (the head) starts; linking letters belong to the first
/// element (`krigs*hissar`: 5).
#[derive(Debug, Clone)]
struct Gold {
    word: String,
    boundary: usize,
}

/// Rows of a `Leddanalyse` file: column 2 marks the top-level split with `*`, column 12 is
/// the surface form. Kept: lower-case, letters only (no hyphenated forms, names or
/// abbreviations), column 2 without `*` equal to the surface form; one row per surface form.
fn leddanalyse(file: &str) -> (Vec<Gold>, usize) {
    let text = read_xz(&nlp(&format!("norsk_ordbank_compounds/{file}")));
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut rows = 0;
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 12 {
            continue;
        }
        rows += 1;
        let (marked, surface) = (cols[1], cols[11]);
        if !surface
            .chars()
            .all(|c| c.is_alphabetic() && c.is_lowercase())
        {
            continue;
        }
        let Some(star) = marked.find('*') else {
            continue;
        };
        if marked.replace('*', "") != surface || marked.matches('*').count() != 1 {
            continue;
        }
        if seen.insert(surface.to_string()) {
            out.push(Gold {
                word: surface.to_string(),
                boundary: star,
            });
        }
    }
    (out, rows)
}

/// What NoReC text the splitter learned: (documents, running words).
fn learn_norec(lexicon: &mut Lexicon, max_docs: usize) -> (usize, u64) {
    let path = nlp("norec_v2.1/norec_train.jsonl.gz");
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let before = lexicon.learned_words();
    let mut docs = 0;
    for line in reader.lines() {
        let line = line.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let v: serde_json::Value = serde_json::from_str(&line).expect("NoReC line is JSON");
        if let Some(text) = v.get("text").and_then(|t| t.as_str()) {
            lexicon.learn(text);
            docs += 1;
        }
        if docs >= max_docs {
            break;
        }
    }
    (docs, lexicon.learned_words() - before)
}

/// The word forms of the Norwegian Dependency Treebank (NorNE), one sentence a line:
/// (files, running words) learned.
fn learn_ndt(lexicon: &mut Lexicon) -> (usize, u64) {
    let tar = tar::read_xz(&nlp("norne_ndt/norne_ndt_full_nob_nno.tar.xz"));
    let before = lexicon.learned_words();
    let mut files = 0;
    for (name, data) in tar::tar_files(&tar) {
        if name.ends_with(".conll") {
            let text = String::from_utf8_lossy(data);
            let forms: Vec<&str> = text.lines().filter_map(|l| l.split('\t').nth(1)).collect();
            lexicon.learn(&forms.join(" "));
            files += 1;
        }
    }
    (files, lexicon.learned_words() - before)
}

/// Counts over a sample: (rows, predicted splits, head boundary right, all split points
/// right).
fn score_compounds(splitter: &CompoundSplitter, sample: &[Gold]) -> (usize, usize, usize, usize) {
    let (mut predicted, mut head_ok, mut strict_ok) = (0, 0, 0);
    let mut parts = Vec::new();
    for g in sample {
        parts.clear();
        if !splitter.split_into(&g.word, &mut parts) {
            continue;
        }
        predicted += 1;
        let head = parts.last().map_or(0, |r| r.start);
        if head == g.boundary {
            head_ok += 1;
            if parts.len() == 2 {
                strict_ok += 1;
            }
        }
    }
    (sample.len(), predicted, head_ok, strict_ok)
}

/// Print a sample's figures; returns (precision, recall) by the top-level split point.
fn print_compounds(
    name: &str,
    (n, predicted, head_ok, strict_ok): (usize, usize, usize, usize),
) -> (f64, f64) {
    let (p, r) = (pct(head_ok, predicted), pct(head_ok, n));
    println!(
        "  {name}: {n} gold compounds, {predicted} split; top-level split point right: \
         {head_ok} → precision {p:.2} %, recall {r:.2} %; all split points equal the gold's \
         (strict): {strict_ok} → precision {:.2} %, recall {:.2} %",
        pct(strict_ok, predicted),
        pct(strict_ok, n)
    );
    (p, r)
}

#[test]
#[ignore = "evaluation gate: needs ../shared/data; run by .ci/run"]
fn compound_gate() {
    let max_docs: usize = std::env::var("GATE_NOREC_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(usize::MAX);
    let mut lexicon = Lexicon::embedded();
    let core = lexicon.core_len();
    let started = std::time::Instant::now();
    let (docs, words) = learn_norec(&mut lexicon, max_docs);
    let (ndt_files, ndt_words) = learn_ndt(&mut lexicon);
    let dir = "talk_of_norway_sentences_nbailab";
    let mut ton_words = lexicon.learned_words();
    for f in [
        "sentences_talk_of_norway_cleaned_10k_nob.txt.gz",
        "sentences_talk_of_norway_cleaned_10k_nno.txt.gz",
    ] {
        lexicon.learn(&read_gz(&nlp(&format!("{dir}/{f}"))));
    }
    ton_words = lexicon.learned_words() - ton_words;
    let min_count: u32 = std::env::var("GATE_MIN_COUNT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    println!("compound gate: CompoundSplitter against Norsk Ordbank Leddanalyse");
    println!(
        "  given: the shipped core vocabulary (data/core.txt, {core} words) + word counts \
         learned from NoReC v2.1 train ({docs} documents, {words} running words), the \
         NorNE/NDT treebank's word forms, nb and nn ({ndt_files} files, {ndt_words} running \
         words) and the Talk of Norway 10k nob + 10k nno sentences ({ton_words} running \
         words): {} distinct words, learned in {:.1} s; a learned word counts as a part when \
         seen ≥ {min_count} times. Nothing from Norsk Ordbank.",
        lexicon.len(),
        started.elapsed().as_secs_f64()
    );
    println!(
        "  gold: column 2's `*`, the top-level split of modifier and head (linking letters \
         belong to the modifier: krigs*hissar). The gold marks only that split, so a \
         prediction is correct when its top-level split point (where its last part, the head, \
         begins) equals the gold's; splits inside the modifier (bedrift|s|helse|tjenesten) \
         are neither confirmed nor refuted by the gold. precision = correct / words split, \
         recall = correct / gold compounds (all rows are compounds). The strict figures \
         also require no split inside the modifier (exactly the gold's one split point)."
    );
    let splitter = CompoundSplitter::new(lexicon).min_count(min_count);
    let mut worst = (100.0f64, 100.0f64);
    for (file, label) in [
        ("NOB-V_Leddanalyse_Vanlig.txt.xz", "nb"),
        ("NNY-V_Leddanalyse_Vanleg.txt.xz", "nn"),
    ] {
        let (mut gold, rows) = leddanalyse(file);
        let usable = gold.len();
        SplitMix(2026).shuffle(&mut gold);
        let test = &gold[..5_000.min(gold.len())];
        let dev = &gold[5_000.min(gold.len())..10_000.min(gold.len())];
        println!(
            "  {label} ({file}): {rows} rows, {usable} usable distinct lower-case surface forms; \
             sample of 5,000 drawn with SplitMix64 seed 2026 (the next 5,000 are the dev sample \
             used while tuning)"
        );
        print_compounds(&format!("{label} dev"), score_compounds(&splitter, dev));
        let (p, r) = print_compounds(&format!("{label} test"), score_compounds(&splitter, test));
        if std::env::var_os("GATE_SHOW_ERRORS").is_some() {
            for g in dev.iter().take(400) {
                let got = splitter.split(&g.word).join("+");
                let want = format!("{}|{}", &g.word[..g.boundary], &g.word[g.boundary..]);
                println!("    dev {want}\t{got}");
            }
        }
        worst = (worst.0.min(p), worst.1.min(r));
    }
    assert!(
        worst.0 >= 90.0,
        "compound precision {:.2} % < 90 %",
        worst.0
    );
    assert!(worst.1 >= 70.0, "compound recall {:.2} % < 70 %", worst.1);
}

// ---------------------------------------------------------------------------------------
// Dehyphenation
// ---------------------------------------------------------------------------------------

#[test]
#[ignore = "evaluation gate: needs ../shared/data; run by .ci/run"]
fn dehyphenation_gate() {
    let path = shared().join("seeds/000_74f93774da1ce0a0.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let d = dehyphenate(&text, &Lexicon::embedded());
    let count = |kind| d.joins().iter().filter(|j| j.kind == kind).count();
    println!("dehyphenation gate: the seed document {}", path.display());
    println!(
        "  joins: {} (hyphen removed {}, hyphen kept {}, line break without hyphen {})",
        d.joins().len(),
        count(innspill_norsk::JoinKind::Hyphen),
        count(innspill_norsk::JoinKind::KeptHyphen),
        count(innspill_norsk::JoinKind::LineBreak)
    );
    let mut failed = Vec::new();
    for w in [
        "Kommunesektoren",
        "sikkerhetspolitisk",
        "Helsepersonellkommisjonen",
        "arbeidstakerorganisasjonene",
        "samfunnssikkerhet",
        "Øst-Finnmark",
        "Kårstø-anlegget",
    ] {
        let ok = d.text.contains(w);
        println!("  {w:?} in the joined text: {ok}");
        if !ok {
            failed.push(w);
        }
    }
    let two = d.text.contains("også \nkommunene") && !d.text.contains("ogsåkommunene");
    println!("  \"også\" / \"kommunene\" stays two words: {two}");
    // Every join maps back onto the original: removing the joins' ranges gives the text.
    let mut rebuilt = String::new();
    let mut at = 0;
    for j in d.joins() {
        rebuilt.push_str(&text[at..j.removed.start]);
        at = j.removed.end;
    }
    rebuilt.push_str(&text[at..]);
    println!(
        "  offset map reproduces the joined text: {}",
        rebuilt == d.text
    );
    assert!(
        failed.is_empty() && two && rebuilt == d.text,
        "failed: {failed:?}"
    );
}
