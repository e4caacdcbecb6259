//! Integration tests on the generated sample world (`innspill-sample`, seed 2026): the
//! planted size-class differences, the regional drafts and the booklet text.

mod sample_world;

use std::collections::HashMap;
use std::time::Instant;

use innspill_aggregate::{Tables, aggregate};
use innspill_norsk::Analyzer;
use polars::prelude::*;

fn strs(df: &DataFrame, name: &str) -> Vec<Option<String>> {
    let c = df.column(name).unwrap().cast(&DataType::String).unwrap();
    c.str()
        .unwrap()
        .iter()
        .map(|v| v.map(str::to_string))
        .collect()
}

fn f64s(df: &DataFrame, name: &str) -> Vec<Option<f64>> {
    let c = df.column(name).unwrap().cast(&DataType::Float64).unwrap();
    c.f64().unwrap().iter().collect()
}

fn run(w: &sample_world::World) -> Tables {
    let analyzer = Analyzer::default();
    let input = w.input(&analyzer);
    let t0 = Instant::now();
    let t = aggregate(&input).unwrap();
    println!(
        "aggregate: {} documents in {:.0} ms (debug build)",
        w.documents.len(),
        t0.elapsed().as_secs_f64() * 1e3
    );
    t
}

#[test]
fn sample_world_planted_differences_drafts_and_booklet() {
    let w = sample_world::world(&innspill_sample::Config::default());
    let t = run(&w);

    // 1. Planted size-class differences appear with the right sign.
    let s = t.get("subthemes_by_size").unwrap();
    let (g, th, sub) = (strs(s, "group"), strs(s, "theme"), strs(s, "sub"));
    let (share, q) = (f64s(s, "share"), f64s(s, "q_value"));
    let find = |group: &str, theme: &str, sb: &str| {
        (0..s.height())
            .find(|&i| {
                g[i].as_deref() == Some(group)
                    && th[i].as_deref() == Some(theme)
                    && sub[i].as_deref() == Some(sb)
            })
            .unwrap_or_else(|| panic!("no row {group} {theme}.{sb}"))
    };
    for d in &w.truth.size_class_differences {
        let p = &d.planted;
        let sb = p.sub;
        let hi = find(p.higher, p.theme, sb);
        let lo = find(p.lower, p.theme, sb);
        println!(
            "planted {}.{}: {} {:.3} (q {:.2e}) vs {} {:.3} (q {:.2e})",
            p.theme,
            sb,
            p.higher,
            share[hi].unwrap(),
            q[hi].unwrap_or(f64::NAN),
            p.lower,
            share[lo].unwrap(),
            q[lo].unwrap_or(f64::NAN)
        );
        assert!(share[hi] > share[lo], "{} wrong sign", d.direction);
        // The realised counts of the truth are what the table counts.
        let real = d
            .realised
            .iter()
            .find(|r| r.size_class == p.higher)
            .unwrap();
        assert!(
            (share[hi].unwrap() - real.share).abs() < 0.002,
            "{} realised {}",
            p.higher,
            real.share
        );
    }

    // 2. Regional drafts: pairwise precision and recall of "same draft" over respondents.
    let r = t.get("respondents").unwrap();
    let (ids, drafts, own) = (
        strs(r, "doc_id"),
        strs(r, "draft"),
        f64s(r, "own_text_share"),
    );
    let file_of: HashMap<&str, &str> = w
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.source.path.as_str()))
        .collect();
    let truth_draft: HashMap<&str, Option<&str>> = w
        .truth
        .documents
        .iter()
        .map(|d| {
            let used = !matches!(d.regional_draft.usage, innspill_sample::DraftUse::Own);
            (
                d.file.as_str(),
                d.regional_draft.id.as_deref().filter(|_| used),
            )
        })
        .collect();
    // (planted draft, found draft, own_text_share) per document.
    type Row<'a> = (Option<&'a str>, Option<&'a str>, f64);
    let rows: Vec<Row<'_>> = (0..r.height())
        .map(|i| {
            let file = file_of[ids[i].as_deref().unwrap()];
            (
                truth_draft[file],
                drafts[i].as_deref(),
                own[i].unwrap_or(1.0),
            )
        })
        .collect();
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for i in 0..rows.len() {
        for j in i + 1..rows.len() {
            let truth_same = rows[i].0.is_some() && rows[i].0 == rows[j].0;
            let pred_same = rows[i].1.is_some() && rows[i].1 == rows[j].1;
            match (truth_same, pred_same) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                _ => {}
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let adopters = rows.iter().filter(|r| r.0.is_some()).count();
    let found = rows.iter().filter(|r| r.1.is_some()).count();
    println!(
        "regional drafts: {adopters} adopters planted, {found} found; pairwise precision {precision:.3}, recall {recall:.3} ({tp} true pairs, {fp} false, {fn_} missed)"
    );
    let mean = |sel: &dyn Fn(&Row<'_>) -> bool| {
        let v: Vec<f64> = rows.iter().filter(|r| sel(r)).map(|r| r.2).collect();
        v.iter().sum::<f64>() / v.len().max(1) as f64
    };
    let own_adopters = mean(&|r| r.0.is_some());
    let own_others = mean(&|r| r.0.is_none());
    println!("own_text_share: adopters {own_adopters:.3}, others {own_others:.3}");
    assert!(precision >= 0.95 && recall >= 0.95, "draft membership");
    assert!(own_adopters + 0.1 < own_others);
    // The generator builds own statements from a bank of stock paragraphs, so «own» text
    // is often verbatim someone else's too. Every paragraph (of 10 words or more) that
    // another respondent has verbatim must be in a shared-text cluster; and the own share
    // can be no higher than the share of text that is verbatim nobody else's.
    let st = t.get("shared_text").unwrap();
    let clustered: std::collections::BTreeSet<(String, String)> = strs(st, "doc_id")
        .into_iter()
        .zip(strs(st, "paragraph"))
        .map(|(d, p)| (d.unwrap(), p.unwrap()))
        .collect();
    let mut holders: HashMap<&str, std::collections::BTreeSet<&str>> = HashMap::new();
    for d in &w.documents {
        for (_, p) in d.paragraphs().filter(|(k, _)| k.is_respondents_own()) {
            let nr = d.respondent.kommunenummer.as_deref().unwrap();
            holders.entry(p.text.as_str()).or_default().insert(nr);
        }
    }
    let (mut verbatim, mut in_cluster) = (0usize, 0usize);
    let (mut own_sum, mut unique_sum) = (0.0, 0.0);
    for d in &w.documents {
        let (mut all, mut unique) = (0usize, 0usize);
        for (_, p) in d.paragraphs().filter(|(k, _)| k.is_respondents_own()) {
            let n = p.text.chars().count();
            all += n;
            let shared = holders[p.text.as_str()].len() > 1;
            if shared && p.text.split_whitespace().count() >= 10 {
                verbatim += 1;
                in_cluster += usize::from(clustered.contains(&(d.id.clone(), p.n.to_string())));
            }
            if !shared || p.text.split_whitespace().count() < 8 {
                unique += n;
            }
        }
        let row = ids
            .iter()
            .position(|x| x.as_deref() == Some(d.id.as_str()))
            .unwrap();
        own_sum += own[row].unwrap();
        unique_sum += unique as f64 / all as f64;
    }
    let n = w.documents.len() as f64;
    println!(
        "verbatim-shared paragraphs in a cluster: {in_cluster}/{verbatim}; mean own_text_share {:.3} vs verbatim-unique share {:.3}",
        own_sum / n,
        unique_sum / n
    );
    assert_eq!(in_cluster, verbatim);
    assert!(own_sum / n <= unique_sum / n + 0.01);

    // 3. The booklet passage (tagged in every document) never counts.
    let booklet_key = Analyzer::default().key("sykefraværet");
    let k = t.get("keyness").unwrap();
    assert!(
        !strs(k, "example")
            .iter()
            .any(|e| e.as_deref() == Some("sykefraværet"))
    );
    let chars = f64s(r, "statement_chars");
    for (i, d) in w.documents.iter().enumerate() {
        let own: usize = d
            .paragraphs()
            .filter(|(k, _)| k.is_respondents_own())
            .map(|(_, p)| p.text.chars().count())
            .sum();
        let row = ids
            .iter()
            .position(|x| x.as_deref() == Some(d.id.as_str()))
            .unwrap();
        assert_eq!(chars[row], Some(own as f64), "document {i}");
    }
    let _ = booklet_key;

    // 4. Every table is there and non-empty.
    for (name, df) in t.iter() {
        println!("{name}: {} rows × {} columns", df.height(), df.width());
        assert!(df.height() > 0, "{name} is empty");
    }
}
