//! The committed evaluation set (`eval/dev.jsonl`): the tagger against hand labels.
//!
//! Prints per-theme precision, recall, F1 and κ for the whole set, for the part the
//! codebook was tuned on and for the part held apart, and asserts the target
//! (micro-F1 ≥ 0.85 on the development set). Set `THEMES_SHOW_ERRORS=1` to list the
//! disagreements on the tuning part (never the held-apart part).

use innspill_themes::{EvalItem, Tagger, evaluate, load_eval_set};

fn items() -> Vec<EvalItem> {
    load_eval_set("eval/dev.jsonl", include_str!("../../eval/dev.jsonl")).expect("eval set parses")
}

#[test]
fn development_set_reaches_the_target() {
    let tagger = Tagger::with_default_codebook();
    let all = items();
    assert!(all.iter().filter(|i| i.id.starts_with("rost:")).count() >= 150);
    let tune: Vec<EvalItem> = all.iter().filter(|i| i.split == "tune").cloned().collect();
    let held: Vec<EvalItem> = all.iter().filter(|i| i.split == "held").cloned().collect();
    let nn: Vec<EvalItem> = all.iter().filter(|i| i.lang == "nn").cloned().collect();

    let r_all = evaluate(&tagger, &all);
    let r_tune = evaluate(&tagger, &tune);
    let r_held = evaluate(&tagger, &held);
    let r_nn = evaluate(&tagger, &nn);
    println!("== whole development set ==\n{r_all}");
    println!("== tuning part ==\n{r_tune}");
    println!("== held-apart part (never looked at while tuning) ==\n{r_held}");
    println!("== Nynorsk items ==\n{r_nn}");
    if std::env::var_os("THEMES_SHOW_ERRORS").is_some() {
        for p in r_tune.errors() {
            let item = tune.iter().find(|i| i.id == p.id).unwrap();
            println!(
                "{} expected {:?} got {:?} subs {:?}\n    {}",
                p.id, p.expected, p.predicted, p.predicted_subs, item.text
            );
        }
    }
    assert!(
        r_all.micro_f1 >= 0.85,
        "micro-F1 {:.3} below 0.85",
        r_all.micro_f1
    );
}
