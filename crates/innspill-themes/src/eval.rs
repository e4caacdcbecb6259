//! Evaluation against hand labels: precision, recall, F1 per theme, micro and macro F1,
//! and Cohen's κ.

use std::fmt;

use innspill_model::{Document, Paragraph, ParagraphKind};
use serde::{Deserialize, Serialize};

use crate::{Error, Tagger};

/// One labelled paragraph of an evaluation set (a line of `eval/dev.jsonl`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct EvalItem {
    /// Stable id (`rost:1089-1089`).
    pub id: String,
    /// Where the text came from.
    #[serde(default)]
    pub source: String,
    /// `nb` or `nn`.
    #[serde(default)]
    pub lang: String,
    /// Heading, paragraph or bullet.
    pub kind: ParagraphKind,
    /// The heading the paragraph stands under.
    #[serde(default)]
    pub section: Option<String>,
    /// The paragraph.
    pub text: String,
    /// The themes a reader gives it.
    pub themes: Vec<String>,
    /// Sub-themes where they are clear (not exhaustive).
    #[serde(default)]
    pub subs: Vec<String>,
    /// `tune` or `held`.
    #[serde(default)]
    pub split: String,
}

/// Parse an evaluation set: one JSON object a line, blank lines ignored.
pub fn load_eval_set(name: &str, text: &str) -> Result<Vec<EvalItem>, Error> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let item: EvalItem = serde_json::from_str(line).map_err(|e| Error::EvalSet {
            name: name.to_string(),
            line: i + 1,
            message: e.to_string(),
        })?;
        out.push(item);
    }
    Ok(out)
}

/// Counts and scores of one theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeMetrics {
    /// Theme id.
    pub theme: String,
    /// Labelled and predicted.
    pub tp: usize,
    /// Predicted, not labelled.
    pub fp: usize,
    /// Labelled, not predicted.
    pub fn_: usize,
    /// Neither.
    pub tn: usize,
    /// tp / (tp + fp).
    pub precision: f64,
    /// tp / (tp + fn).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Cohen's κ between labels and predictions on this theme.
    pub kappa: f64,
}

impl ThemeMetrics {
    fn new(theme: String, tp: usize, fp: usize, fn_: usize, tn: usize) -> ThemeMetrics {
        let (precision, recall, f1) = prf(tp, fp, fn_);
        ThemeMetrics {
            theme,
            tp,
            fp,
            fn_,
            tn,
            precision,
            recall,
            f1,
            kappa: kappa(tp, fp, fn_, tn),
        }
    }
}

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + fn_ == 0 {
        1.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// Cohen's κ of a 2×2 table; 1 where it is undefined (no items, or every item the same
/// label by both).
fn kappa(tp: usize, fp: usize, fn_: usize, tn: usize) -> f64 {
    innspill_model::cohen_kappa(tp as u64, fp as u64, fn_ as u64, tn as u64).unwrap_or(1.0)
}

/// What the tagger said of one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// The item's id.
    pub id: String,
    /// Labelled themes.
    pub expected: Vec<String>,
    /// Predicted themes.
    pub predicted: Vec<String>,
    /// Predicted sub-themes.
    pub predicted_subs: Vec<String>,
}

/// The figures of one evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    /// Items evaluated.
    pub items: usize,
    /// Per theme, in codebook order.
    pub themes: Vec<ThemeMetrics>,
    /// Micro-averaged precision.
    pub micro_precision: f64,
    /// Micro-averaged recall.
    pub micro_recall: f64,
    /// Micro-averaged F1 (over all item × theme decisions).
    pub micro_f1: f64,
    /// Mean of the per-theme F1.
    pub macro_f1: f64,
    /// Cohen's κ over all item × theme decisions pooled.
    pub kappa: f64,
    /// Micro F1 of sub-themes, counting only labelled sub-themes as positives (labels are
    /// not exhaustive, so this is a lower bound on precision).
    pub sub_micro_f1: f64,
    /// Every item's prediction.
    pub predictions: Vec<Prediction>,
}

impl EvalReport {
    /// The predictions that differ from the labels.
    pub fn errors(&self) -> impl Iterator<Item = &Prediction> {
        self.predictions
            .iter()
            .filter(|p| p.expected != p.predicted)
    }
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} items", self.items)?;
        writeln!(
            f,
            "{:<14} {:>5} {:>5} {:>5} {:>9} {:>9} {:>6} {:>6}",
            "theme", "tp", "fp", "fn", "precision", "recall", "F1", "κ"
        )?;
        for t in &self.themes {
            writeln!(
                f,
                "{:<14} {:>5} {:>5} {:>5} {:>9.3} {:>9.3} {:>6.3} {:>6.3}",
                t.theme, t.tp, t.fp, t.fn_, t.precision, t.recall, t.f1, t.kappa
            )?;
        }
        writeln!(
            f,
            "micro: precision {:.3} recall {:.3} F1 {:.3} · macro F1 {:.3} · Cohen's κ {:.3} · sub-theme micro F1 {:.3}",
            self.micro_precision,
            self.micro_recall,
            self.micro_f1,
            self.macro_f1,
            self.kappa,
            self.sub_micro_f1
        )
    }
}

/// A two-paragraph document (the section heading, if any, then the item) that the
/// tagger sees exactly as it sees ingest's documents.
fn item_document(item: &EvalItem) -> Document {
    let mut paragraphs = Vec::new();
    let mut text = String::new();
    if let Some(s) = item
        .section
        .as_deref()
        .filter(|_| item.kind != ParagraphKind::Heading)
    {
        text.push_str(s);
        paragraphs.push(Paragraph {
            n: 0,
            kind: ParagraphKind::Heading,
            text: s.to_string(),
            page: None,
            start: 0,
            end: s.chars().count(),
            section: None,
            question: None,
            lines: None,
            ocr: None,
        });
        text.push_str("\n\n");
    }
    let start = text.chars().count();
    text.push_str(&item.text);
    paragraphs.push(Paragraph {
        n: paragraphs.len() as u32,
        kind: item.kind,
        text: item.text.clone(),
        page: None,
        start,
        end: start + item.text.chars().count(),
        section: item.section.clone(),
        question: None,
        lines: None,
        ocr: None,
    });
    crate::plain::statement_document(&item.id, &item.source, text, paragraphs)
}

/// Tag each item (under its section heading) and compare with the labels.
pub fn evaluate(tagger: &Tagger, items: &[EvalItem]) -> EvalReport {
    let themes: Vec<String> = tagger
        .codebook()
        .themes()
        .iter()
        .map(|t| t.id.clone())
        .collect();
    let mut counts = vec![[0usize; 4]; themes.len()]; // tp fp fn tn
    let (mut stp, mut sfp, mut sfn) = (0, 0, 0);
    let mut predictions = Vec::with_capacity(items.len());
    for item in items {
        let doc = item_document(item);
        let tagged = tagger.tag_paragraphs(&doc);
        let last = tagged.last().expect("the item's paragraph");
        let mut predicted: Vec<String> = last
            .tags
            .iter()
            .filter(|t| t.sub.is_none())
            .map(|t| t.theme.clone())
            .collect();
        predicted.sort();
        let mut predicted_subs: Vec<String> =
            last.tags.iter().filter_map(|t| t.sub.clone()).collect();
        predicted_subs.sort();
        let mut expected = item.themes.clone();
        expected.sort();
        for (ti, t) in themes.iter().enumerate() {
            let (e, p) = (expected.contains(t), predicted.contains(t));
            let slot = match (e, p) {
                (true, true) => 0,
                (false, true) => 1,
                (true, false) => 2,
                (false, false) => 3,
            };
            counts[ti][slot] += 1;
        }
        for s in &predicted_subs {
            if item.subs.contains(s) {
                stp += 1;
            } else {
                sfp += 1;
            }
        }
        sfn += item
            .subs
            .iter()
            .filter(|s| !predicted_subs.contains(s))
            .count();
        predictions.push(Prediction {
            id: item.id.clone(),
            expected,
            predicted,
            predicted_subs,
        });
    }
    let metrics: Vec<ThemeMetrics> = themes
        .iter()
        .zip(&counts)
        .map(|(t, c)| ThemeMetrics::new(t.clone(), c[0], c[1], c[2], c[3]))
        .collect();
    let sum = |k: usize| counts.iter().map(|c| c[k]).sum::<usize>();
    let (tp, fp, fn_, tn) = (sum(0), sum(1), sum(2), sum(3));
    let (mp, mr, mf) = prf(tp, fp, fn_);
    let macro_f1 = if metrics.is_empty() {
        0.0
    } else {
        metrics.iter().map(|m| m.f1).sum::<f64>() / metrics.len() as f64
    };
    EvalReport {
        items: items.len(),
        themes: metrics,
        micro_precision: mp,
        micro_recall: mr,
        micro_f1: mf,
        macro_f1,
        kappa: kappa(tp, fp, fn_, tn),
        sub_micro_f1: prf(stp, sfp, sfn).2,
        predictions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kappa_and_f1_by_hand() {
        // 20 items: tp 8, fp 2, fn 2, tn 8 → po 0.8, pe 0.5, κ 0.6; F1 0.8.
        let m = ThemeMetrics::new("x".into(), 8, 2, 2, 8);
        assert!((m.kappa - 0.6).abs() < 1e-9, "{}", m.kappa);
        assert!((m.f1 - 0.8).abs() < 1e-9);
        // Perfect agreement.
        assert!((kappa(5, 0, 0, 5) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn bad_line_names_its_number() {
        let err = load_eval_set("dev.jsonl", "\n{\"id\": 1}\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("evaluation set dev.jsonl line 2:"),
            "{err}"
        );
    }
}
