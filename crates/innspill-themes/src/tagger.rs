//! The tagger: paragraphs in, tags with evidence, section context and demands out.

use std::collections::HashMap;

use innspill_model::{
    Confidence, Demand, Document, DocumentTags, Evidence, Paragraph, ParagraphKind, ParagraphTags,
    Tag, Via,
};
use innspill_norsk::{Analyzer, Token};
use serde::Serialize;

use crate::codebook::Codebook;
use crate::demand;
use crate::locate::{CharCursor, locate_all};
use crate::matcher::{Matcher, ThemeScore, WildMemo};

/// Tags paragraphs with the themes of a [`Codebook`]. Cheap to share between threads;
/// tagging never fails.
#[derive(Debug, Clone)]
pub struct Tagger {
    codebook: Codebook,
    analyzer: Analyzer,
    matcher: Matcher,
}

/// One paragraph with what the tagger says of it: the line format of `innspill themes
/// --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaggedParagraph {
    /// [`Paragraph::n`].
    pub n: u32,
    /// `heading`, `paragraph` or `bullet`.
    pub kind: ParagraphKind,
    /// [`Paragraph::text`].
    pub text: String,
    /// [`Paragraph::section`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The tags, sorted by theme then sub-theme (a theme's own tag first).
    pub tags: Vec<Tag>,
    /// The demands.
    pub demands: Vec<Demand>,
}

/// The analysis of one paragraph, kept while the document is tagged.
struct Analysed {
    tokens: Vec<Token>,
    scores: Vec<ThemeScore>,
    /// Character offsets in the document and the surface of every matched token group,
    /// by (first token, last token).
    located: HashMap<(u32, u32), (usize, usize, String)>,
}

impl Tagger {
    /// A tagger with `codebook`, matching through `analyzer`.
    pub fn new(codebook: Codebook, analyzer: Analyzer) -> Tagger {
        let matcher = Matcher::new(&codebook);
        Tagger {
            codebook,
            analyzer,
            matcher,
        }
    }

    /// The default codebook with the default analyser.
    pub fn with_default_codebook() -> Tagger {
        let analyzer = Analyzer::default();
        Tagger::new(Codebook::embedded(&analyzer), analyzer)
    }

    /// The codebook.
    pub fn codebook(&self) -> &Codebook {
        &self.codebook
    }

    /// The analyser the tagger matches with.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Tag every paragraph of `doc`; the result has one entry per paragraph with tags or
    /// demands, in document order.
    pub fn tag_document(&self, doc: &Document) -> DocumentTags {
        let paragraphs = self
            .tag_paragraphs(doc)
            .into_iter()
            .filter(|p| !p.tags.is_empty() || !p.demands.is_empty())
            .map(|p| ParagraphTags {
                n: p.n,
                tags: p.tags,
                demands: p.demands,
            })
            .collect();
        DocumentTags {
            doc_id: doc.id.clone(),
            sha256: doc.source.sha256.clone(),
            codebook: self.codebook.id(),
            paragraphs,
        }
    }

    /// Tag every paragraph of `doc`, returning all paragraphs (also those without tags).
    ///
    /// Evidence and demand offsets are character offsets into [`Document::text`]: each
    /// matched word is looked up, in reading order, in the paragraph's raw span
    /// `text[start..end]`, where a line break (with or without a hyphen) may stand between
    /// its parts, so `start..end` covers exactly the word as printed, line break included
    /// (`sikker-\nhetspolitisk`), while [`Evidence::term`] is the word as read
    /// (`sikkerhetspolitisk`). If ingest rewrote a word so that it cannot be found, the
    /// evidence spans the whole paragraph. A tag inherited from the section heading
    /// (`via: "section"`) carries the paragraph's own matches of the theme, if any, and
    /// then the heading's, whose offsets point into the heading. A demand's offsets span
    /// its sentence the same way; a list item's demand spans the item.
    pub fn tag_paragraphs(&self, doc: &Document) -> Vec<TaggedParagraph> {
        let cb = &self.codebook;
        let settings = cb.settings();
        let paras: Vec<&Paragraph> = doc.paragraphs().map(|(_, p)| p).collect();
        let mut cursor = CharCursor::new(&doc.text);
        let mut memo = WildMemo::new();
        let analysed: Vec<Analysed> = paras
            .iter()
            .map(|p| self.analyse(p, &doc.text, &mut cursor, &mut memo))
            .collect();

        let mut latest_heading: HashMap<&str, usize> = HashMap::new();
        let mut lead: Option<(innspill_model::Addressee, String)> = None;
        let mut out = Vec::with_capacity(paras.len());
        for (i, p) in paras.iter().enumerate() {
            let a = &analysed[i];
            let sents = demand::sentences(&a.tokens, &p.text);
            let lead_in = match p.kind {
                ParagraphKind::Paragraph => demand::lead_in(&a.tokens, &p.text, &sents),
                _ => None,
            };
            // A bare lead-in («Kommunestyret vil prioritere:») says nothing itself; its
            // list items do.
            let lead_only = lead_in.is_some_and(|(_, only)| only);
            let mut tags = Vec::new();
            let mut tagged = vec![false; cb.themes().len()];
            for (ti, theme) in cb.themes().iter().enumerate() {
                let ts = &a.scores[ti];
                if ts.score >= theme.threshold && !lead_only {
                    tagged[ti] = true;
                    self.push_tags(&mut tags, ti, ts, a, Via::Text, 0.0, &[], |_| true);
                }
            }
            // Section context.
            if p.kind != ParagraphKind::Heading
                && !p.text.trim_end().ends_with(':')
                && !is_caption(&p.text)
            {
                let short = p.kind == ParagraphKind::Bullet
                    || a.tokens.len() <= settings.short_words as usize;
                let heading = p
                    .section
                    .as_deref()
                    .and_then(|s| latest_heading.get(s.trim()).copied());
                if let (true, Some(h)) = (short, heading)
                    && let Some(ti) = self.dominant(&analysed[h].scores)
                    && !tagged[ti]
                {
                    let hs = &analysed[h].scores[ti];
                    let bonus = hs.score * settings.section_weight;
                    let hev = self.evidence(hs, &analysed[h], |_| true);
                    let ts = &a.scores[ti];
                    self.push_tags(&mut tags, ti, ts, a, Via::Section, bonus, &hev, |s| s > 0.0);
                    tagged[ti] = true;
                }
            }
            tags.sort_by(|x, y| x.theme.cmp(&y.theme).then(x.sub.cmp(&y.sub)));

            let demands = self.demands(
                p,
                a,
                &tags,
                (&sents, lead_in),
                &mut lead,
                &doc.text,
                &mut cursor,
            );
            if p.kind == ParagraphKind::Heading {
                latest_heading.insert(p.text.trim(), i);
            }
            out.push(TaggedParagraph {
                n: p.n,
                kind: p.kind,
                text: p.text.clone(),
                section: p.section.clone(),
                tags,
                demands,
            });
        }
        out
    }

    /// The one theme a heading is clearly about, if any.
    fn dominant(&self, scores: &[ThemeScore]) -> Option<usize> {
        let cb = &self.codebook;
        let mut order: Vec<usize> = (0..scores.len()).collect();
        order.sort_by(|&a, &b| scores[b].score.total_cmp(&scores[a].score).then(a.cmp(&b)));
        let top = *order.first()?;
        let second = order.get(1).map_or(0.0, |&s| scores[s].score);
        let ok = scores[top].score >= cb.themes()[top].threshold
            && scores[top].score >= cb.settings().section_dominance * second;
        ok.then_some(top)
    }

    fn analyse(
        &self,
        p: &Paragraph,
        doc_text: &str,
        cursor: &mut CharCursor<'_>,
        memo: &mut WildMemo,
    ) -> Analysed {
        let tokens = self.analyzer.analyze(&p.text);
        let matches = self.matcher.find(&self.codebook, &tokens, memo);
        let scores = self.matcher.score(&self.codebook, matches);
        // Every token group that may become evidence: single tokens of proximity matches,
        // whole phrases otherwise.
        let mut groups: Vec<(u32, u32)> = Vec::new();
        for ts in &scores {
            for m in &ts.matches {
                groups.extend(evidence_groups(&m.tokens));
            }
        }
        groups.sort_unstable();
        groups.dedup();
        let spans: Vec<(usize, usize)> = groups
            .iter()
            .map(|&(a, b)| (tokens[a as usize].start, tokens[b as usize].end))
            .collect();
        let bs = cursor.byte_of(p.start);
        let be = cursor.byte_of(p.end).max(bs);
        let located = if groups.is_empty() {
            HashMap::new()
        } else {
            let offs = locate_all(&doc_text[bs..be], p.start, &p.text, &spans);
            groups
                .into_iter()
                .zip(offs)
                .map(|(g, (s, e))| {
                    let surface = if g.0 == g.1 {
                        tokens[g.0 as usize].text.clone()
                    } else {
                        p.text[tokens[g.0 as usize].start..tokens[g.1 as usize].end].to_string()
                    };
                    (g, (s, e, surface))
                })
                .collect()
        };
        Analysed {
            tokens,
            scores,
            located,
        }
    }

    fn evidence(
        &self,
        ts: &ThemeScore,
        a: &Analysed,
        keep: impl Fn(Option<usize>) -> bool,
    ) -> Vec<Evidence> {
        let mut ev = Vec::new();
        for m in &ts.matches {
            if !keep(self.codebook.terms[m.term as usize].sub) {
                continue;
            }
            for g in evidence_groups(&m.tokens) {
                let (s, e, surface) = &a.located[&g];
                ev.push((*s, *e, surface.as_str()));
            }
        }
        ev.sort_unstable();
        ev.dedup();
        ev.into_iter()
            .map(|(s, e, term)| Evidence {
                term: term.to_string(),
                start: s,
                end: e,
            })
            .collect()
    }

    /// The confidence of a tag from the theme's matches that `keep` selects (by sub-theme).
    fn confidence(
        &self,
        ts: &ThemeScore,
        via: Via,
        keep: impl Fn(Option<usize>) -> bool,
    ) -> Option<Confidence> {
        if via == Via::Review {
            return None;
        }
        let mut terms: Vec<u32> = Vec::new();
        let mut matches = 0;
        for m in &ts.matches {
            if keep(self.codebook.terms[m.term as usize].sub) {
                matches += 1;
                terms.push(m.term);
            }
        }
        terms.sort_unstable();
        terms.dedup();
        let of = |f: &dyn Fn(&crate::codebook::Term) -> bool| {
            terms
                .iter()
                .filter(|&&t| f(&self.codebook.terms[t as usize]))
                .count() as u32
        };
        let phrases = of(&|t| t.elems.len() > 1);
        let checked = of(&|t| !t.needs_ids.is_empty());
        let inherited = via == Via::Section;
        let n = terms.len() as u32;
        Some(Confidence {
            level: Confidence::level(n, phrases, inherited),
            terms: n,
            matches,
            phrases,
            checked,
            inherited,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn push_tags(
        &self,
        tags: &mut Vec<Tag>,
        ti: usize,
        ts: &ThemeScore,
        a: &Analysed,
        via: Via,
        bonus: f32,
        extra: &[Evidence],
        sub_ok: impl Fn(f32) -> bool,
    ) {
        let theme = &self.codebook.themes()[ti];
        let mut ev = self.evidence(ts, a, |_| true);
        ev.extend(extra.iter().cloned());
        tags.push(Tag {
            theme: theme.id.clone(),
            sub: None,
            score: round2(ts.score + bonus),
            evidence: ev,
            via,
            confidence: self.confidence(ts, via, |_| true),
        });
        for (si, sub) in theme.subs.iter().enumerate() {
            let s = ts.subs[si];
            let fires = match via {
                Via::Text => s >= sub.threshold,
                Via::Section | Via::Review => sub_ok(s),
            };
            if fires {
                tags.push(Tag {
                    theme: theme.id.clone(),
                    sub: Some(sub.id.clone()),
                    score: round2(s),
                    evidence: self.evidence(ts, a, |x| x == Some(si)),
                    via,
                    confidence: self.confidence(ts, via, |x| x == Some(si)),
                });
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn demands(
        &self,
        p: &Paragraph,
        a: &Analysed,
        tags: &[Tag],
        (sents, lead_in): (
            &[demand::Sentence],
            Option<(innspill_model::Addressee, bool)>,
        ),
        lead: &mut Option<(innspill_model::Addressee, String)>,
        doc_text: &str,
        cursor: &mut CharCursor<'_>,
    ) -> Vec<Demand> {
        let mut themes_of_tags: Vec<String> = tags.iter().map(|t| t.theme.clone()).collect();
        themes_of_tags.dedup();
        if p.kind == ParagraphKind::Bullet {
            if let Some((who, lead_text)) = lead.as_ref() {
                return vec![Demand {
                    addressee: *who,
                    text: format!("{lead_text} {}", p.text.trim()),
                    start: p.start,
                    end: p.end,
                    themes: themes_of_tags,
                }];
            }
            return Vec::new();
        }
        *lead = None;
        if p.kind == ParagraphKind::Heading {
            return Vec::new();
        }
        let mut out = Vec::new();
        let bs = cursor.byte_of(p.start);
        let be = cursor.byte_of(p.end).max(bs);
        let raw = &doc_text[bs..be];
        let mut search_from = 0usize;
        for (k, &s) in sents.iter().enumerate() {
            let Some(who) = demand::demand_of(&a.tokens, &p.text, s) else {
                continue;
            };
            let is_last = k + 1 == sents.len();
            if is_last && lead_in.is_some_and(|(_, only)| only) {
                continue;
            }
            let text = p.text[s.bytes.0..s.bytes.1].trim().to_string();
            // Themes with a word in the sentence, preferring those the paragraph is tagged with.
            let mut in_sentence: Vec<String> = Vec::new();
            for (ti, ts) in a.scores.iter().enumerate() {
                let hit = ts.matches.iter().any(|m| {
                    m.tokens
                        .iter()
                        .any(|&t| (t as usize) >= s.tokens.0 && (t as usize) < s.tokens.1)
                });
                if hit {
                    in_sentence.push(self.codebook.themes()[ti].id.clone());
                }
            }
            let preferred: Vec<String> = in_sentence
                .iter()
                .filter(|t| themes_of_tags.contains(t))
                .cloned()
                .collect();
            let mut themes = if !preferred.is_empty() {
                preferred
            } else if !in_sentence.is_empty() {
                in_sentence
            } else {
                themes_of_tags.clone()
            };
            themes.sort();
            let (start, end) = match crate::locate::find_surface(raw, search_from, &text) {
                Some((s0, e0)) => {
                    search_from = s0;
                    (
                        p.start + raw[..s0].chars().count(),
                        p.start + raw[..e0].chars().count(),
                    )
                }
                None => (p.start, p.end),
            };
            out.push(Demand {
                addressee: who,
                text,
                start,
                end,
                themes,
            });
        }
        if let Some((who, _)) = lead_in {
            let last = sents[sents.len() - 1];
            *lead = Some((who, p.text[last.bytes.0..last.bytes.1].trim().to_string()));
        }
        out
    }
}

/// Photo captions and figure sources (`… (Foto: …)`, `Kilde: …`) stand under a heading
/// without being about it: they do not inherit its theme.
fn is_caption(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(14)
        .collect::<String>()
        .to_lowercase();
    text.contains("Foto:")
        || text.contains("foto:")
        || ["kilde:", "kjelde:", "illustrasjon:", "figur:"]
            .iter()
            .any(|p| head.starts_with(p))
}

/// Token groups that become one evidence each: a phrase is one group, the words of a
/// proximity match are one each.
fn evidence_groups(tokens: &[u32]) -> Vec<(u32, u32)> {
    let contiguous = tokens.windows(2).all(|w| w[1] == w[0] + 1);
    if contiguous {
        vec![(tokens[0], *tokens.last().unwrap_or(&tokens[0]))]
    } else {
        tokens.iter().map(|&t| (t, t)).collect()
    }
}

fn round2(x: f32) -> f32 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod profile {
    use super::*;

    #[test]
    #[ignore = "for perf record"]
    fn tag_seed_many_times() {
        let seed = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../corpus/real/rost-2026.txt"
        ))
        .unwrap();
        let doc = crate::document_from_text(&seed, "x");
        let t = Tagger::with_default_codebook();
        for _ in 0..100 {
            std::hint::black_box(t.tag_document(&doc));
        }
    }
}
