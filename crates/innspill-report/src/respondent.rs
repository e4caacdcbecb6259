//! One page per respondent: its statement paragraphs with the theme evidence highlighted.

use std::collections::BTreeMap;
use std::fmt::Write;

use innspill_aggregate::ThemeInfo;
use innspill_model::{
    Document, DocumentTags, Lang, Paragraph, ParagraphKind, ParagraphTags, RespondentKind, Via,
};

use crate::align::{Alignment, place};
use crate::html::{THEME_STYLES, esc, int, page};

/// Display name of a language.
pub(crate) fn language_name(code: &str) -> &str {
    match code {
        "nb" => "bokmål",
        "nn" => "nynorsk",
        "" => "ukjent",
        other => other,
    }
}

fn lang_code(l: Option<Lang>) -> &'static str {
    l.map_or("", Lang::as_str)
}

/// Labels of themes and sub-themes by id, and each theme's highlight style.
#[derive(Debug)]
pub(crate) struct ThemeLabels<'a> {
    themes: &'a [ThemeInfo],
}

impl<'a> ThemeLabels<'a> {
    pub(crate) fn new(themes: &'a [ThemeInfo]) -> ThemeLabels<'a> {
        ThemeLabels { themes }
    }

    /// Index of theme `id` in the codebook (unknown themes come after the known ones).
    pub(crate) fn index(&self, id: &str) -> usize {
        self.themes
            .iter()
            .position(|t| t.id == id)
            .unwrap_or(self.themes.len())
    }

    /// The CSS class of a theme's highlight.
    pub(crate) fn class(&self, id: &str) -> String {
        format!("t{}", self.index(id) % THEME_STYLES)
    }

    /// The label of theme `id` (the id itself when unknown).
    pub(crate) fn theme<'s>(&'s self, id: &'s str) -> &'s str {
        self.themes
            .iter()
            .find(|t| t.id == id)
            .map_or(id, |t| t.label.as_str())
    }

    /// `Theme › Sub` label.
    pub(crate) fn tag(&self, theme: &str, sub: Option<&str>) -> String {
        match sub {
            None => self.theme(theme).to_string(),
            Some(s) => {
                let sub = self
                    .themes
                    .iter()
                    .find(|t| t.id == theme)
                    .and_then(|t| t.subs.iter().find(|(id, _)| id == s))
                    .map_or(s, |(_, l)| l.as_str());
                format!("{} › {sub}", self.theme(theme))
            }
        }
    }

    /// A comma-separated list of theme ids as labels.
    pub(crate) fn list(&self, ids: &str) -> String {
        ids.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|id| self.theme(id))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A highlight on a paragraph's cleaned text: char span, theme index, term.
#[derive(Debug, Clone, PartialEq)]
struct Mark {
    start: usize,
    end: usize,
    theme: String,
    label: String,
}

/// The marks of paragraph `p` from its tags, mapped onto the cleaned text.
fn marks(
    doc_chars: &[char],
    p: &Paragraph,
    tags: &ParagraphTags,
    labels: &ThemeLabels<'_>,
) -> Vec<Mark> {
    let (ps, pe) = (p.start.min(doc_chars.len()), p.end.min(doc_chars.len()));
    let raw: String = doc_chars[ps..pe.max(ps)].iter().collect();
    let mut align: Option<Alignment> = None;
    let mut out = Vec::new();
    for tag in &tags.tags {
        for ev in &tag.evidence {
            // Evidence inherited from a section heading stands outside the paragraph.
            if ev.start < ps || ev.end > pe || ev.end <= ev.start {
                continue;
            }
            let a = align.get_or_insert_with(|| Alignment::new(&raw, &p.text));
            let mapped = a.span(ev.start - ps, ev.end - ps);
            if let Some((start, end)) = place(&p.text, &ev.term, mapped) {
                // The label quotes the term as it reads in the cleaned text.
                let term: String = p.text.chars().skip(start).take(end - start).collect();
                out.push(Mark {
                    start,
                    end,
                    theme: tag.theme.clone(),
                    label: format!("{}: {term}", labels.tag(&tag.theme, tag.sub.as_deref())),
                });
            }
        }
    }
    out
}

/// The cleaned text of a paragraph with its marks as `<mark>` elements, escaped.
fn highlighted(text: &str, marks: &[Mark], labels: &ThemeLabels<'_>) -> String {
    if marks.is_empty() {
        return esc(text);
    }
    let chars: Vec<char> = text.chars().collect();
    // For each char, the marks covering it (by index into `marks`).
    let mut cover: Vec<Vec<usize>> = vec![Vec::new(); chars.len()];
    for (k, m) in marks.iter().enumerate() {
        for c in cover.iter_mut().take(m.end.min(chars.len())).skip(m.start) {
            c.push(k);
        }
    }
    let mut out = String::with_capacity(text.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let j = (i..chars.len())
            .find(|&j| cover[j] != cover[i])
            .unwrap_or(chars.len());
        let run: String = chars[i..j].iter().collect();
        if cover[i].is_empty() {
            out.push_str(&esc(&run));
        } else {
            let ms: Vec<&Mark> = cover[i].iter().map(|&k| &marks[k]).collect();
            let mut themes: Vec<&str> = ms.iter().map(|m| m.theme.as_str()).collect();
            themes.sort_by_key(|t| labels.index(t));
            themes.dedup();
            let mut titles: Vec<&str> = ms.iter().map(|m| m.label.as_str()).collect();
            titles.sort_unstable();
            titles.dedup();
            let multi = if themes.len() > 1 { " multi" } else { "" };
            let _ = write!(
                out,
                "<mark class=\"{}{multi}\" title=\"{}\">{}</mark>",
                labels.class(themes[0]),
                esc(&titles.join("; ")),
                esc(&run)
            );
        }
        i = j;
    }
    out
}

/// The respondent's page: facts, a legend, and the statement with highlights.
pub(crate) fn render(
    doc: &Document,
    tags: Option<&DocumentTags>,
    themes: &[ThemeInfo],
    report_title: &str,
) -> String {
    let labels = ThemeLabels::new(themes);
    let r = &doc.respondent;
    let name = r.display_name();
    let by_n: BTreeMap<u32, &ParagraphTags> = tags
        .map(|t| t.paragraphs.iter().map(|p| (p.n, p)).collect())
        .unwrap_or_default();
    let doc_chars: Vec<char> = doc.text.chars().collect();

    let mut b = String::new();
    let _ = write!(
        b,
        "<header class=\"top\"><p class=\"muted\"><a href=\"../index.html#respondenter\">← {}</a></p>\n<h1>{}</h1>\n",
        esc(report_title),
        esc(&name)
    );
    let year = doc.year.map_or("ukjent".to_string(), |y| y.to_string());
    let mut facts: Vec<(&str, String)> = if r.kind == RespondentKind::KsRegion {
        vec![
            (
                "Avsender",
                "KS' eget regionale organ (fylkesstyre eller fylkesmøte), ikke et medlem: \
                 telles for seg i tabellene"
                    .into(),
            ),
            ("Fylke", r.fylke.clone().unwrap_or_else(|| "ukjent".into())),
        ]
    } else {
        vec![
            (
                "Kommunenummer",
                r.kommunenummer.clone().unwrap_or_else(|| "ukjent".into()),
            ),
            ("Fylke", r.fylke.clone().unwrap_or_else(|| "ukjent".into())),
            ("Innbyggere", r.population.map_or("ukjent".into(), int)),
            (
                "Størrelse",
                r.size_class
                    .map_or("ukjent".into(), |s| s.as_str().to_string()),
            ),
        ]
    };
    facts.extend([
        ("År", year),
        ("Språk", language_name(lang_code(doc.language)).to_string()),
        (
            "Kilde",
            format!(
                "{} ({}{})",
                doc.source.path,
                format!("{:?}", doc.source.format).to_lowercase(),
                doc.source
                    .pages
                    .map_or(String::new(), |p| format!(", {p} sider"))
            ),
        ),
        ("Dokument-id", doc.id.clone()),
    ]);
    b.push_str("<table class=\"facts\"><tbody>\n");
    for (k, v) in facts {
        let _ = writeln!(b, "<tr><th>{}</th><td>{}</td></tr>", esc(k), esc(&v));
    }
    b.push_str("</tbody></table>\n</header>\n");
    if !doc.warnings.is_empty() {
        b.push_str("<details><summary>Merknader fra innlesingen</summary><ul>\n");
        for w in &doc.warnings {
            let _ = writeln!(b, "<li>{}</li>", esc(w));
        }
        b.push_str("</ul></details>\n");
    }

    // Legend: one sample mark per theme, so the underline patterns can be told apart.
    b.push_str("<p class=\"legend\">Uthevet: ");
    let legend: Vec<String> = themes
        .iter()
        .map(|t| {
            format!(
                "<mark class=\"{}\">{}</mark>",
                labels.class(&t.id),
                esc(&t.label)
            )
        })
        .collect();
    b.push_str(&legend.join(" · "));
    b.push_str(". Hold pekeren over en utheving for å se tema og søkeord.</p>\n");

    let own: Vec<&Paragraph> = doc
        .paragraphs()
        .filter(|(k, _)| k.is_respondents_own())
        .map(|(_, p)| p)
        .collect();
    let _ = writeln!(b, "<h2 id=\"uttalelse\">Uttalelse og vedtak</h2>");
    if own.is_empty() {
        b.push_str("<p>Innlesingen fant ingen uttalelse eller vedtak i dokumentet.</p>\n");
    }
    for p in own {
        let pt = by_n.get(&p.n);
        let ms = pt
            .map(|t| marks(&doc_chars, p, t, &labels))
            .unwrap_or_default();
        let kind = match p.kind {
            ParagraphKind::Heading => "heading",
            ParagraphKind::Paragraph => "paragraph",
            ParagraphKind::Bullet => "bullet",
        };
        let page_note = p.page.map_or(String::new(), |n| format!("s. {n}"));
        let _ = write!(
            b,
            "<div class=\"para {kind}\" id=\"p{}\"><span class=\"pn\" title=\"avsnitt {}\">{}</span><span class=\"pt\">{}</span>",
            p.n,
            p.n,
            esc(&page_note),
            highlighted(&p.text, &ms, &labels)
        );
        if let Some(t) = pt {
            if !t.tags.is_empty() {
                b.push_str("<div class=\"chips\">");
                for tag in &t.tags {
                    // A theme-level tag says nothing more when a sub-theme of it is shown.
                    let covered = tag.sub.is_none()
                        && t.tags
                            .iter()
                            .any(|o| o.theme == tag.theme && o.sub.is_some());
                    if covered {
                        continue;
                    }
                    let via = match tag.via {
                        Via::Section => " (via overskrift)",
                        Via::Review => " (lagt til ved gjennomgang)",
                        Via::Text => "",
                    };
                    let _ = write!(
                        b,
                        "<span class=\"chip\">{}{}</span>",
                        esc(&labels.tag(&tag.theme, tag.sub.as_deref())),
                        via
                    );
                }
                b.push_str("</div>");
            }
            for d in &t.demands {
                let _ = write!(
                    b,
                    "<div class=\"demand\">Krav til {}: {}</div>",
                    esc(d.addressee.as_str()),
                    esc(&d.text)
                );
            }
        }
        b.push_str("</div>\n");
    }

    // What else the document holds, and why it is not shown as the respondent's words.
    let mut other: BTreeMap<&str, usize> = BTreeMap::new();
    for (k, _) in doc.paragraphs().filter(|(k, _)| !k.is_respondents_own()) {
        *other.entry(segment_name(k.as_str())).or_default() += 1;
    }
    if !other.is_empty() {
        b.push_str(
            "<p class=\"note\">Ellers i dokumentet, ikke regnet som respondentens egne ord: ",
        );
        let parts: Vec<String> = other
            .iter()
            .map(|(k, n)| format!("{} ({n} avsnitt)", esc(k)))
            .collect();
        b.push_str(&parts.join(", "));
        b.push_str(".</p>\n");
    }
    page(&format!("{name} – {report_title}"), &b)
}

fn segment_name(kind: &str) -> &'static str {
    match kind {
        "case" => "saksframlegg",
        "booklet" => "sitat fra KS' debatthefte",
        "statement" => "uttalelse",
        "decision" => "vedtak",
        _ => "annet (topptekst, sidetall, møtedata)",
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use innspill_model::{
        Addressee, Demand, DetectedBy, Evidence, Format, Respondent, RespondentKind, Segment,
        SegmentKind, SizeClass, Source, Tag,
    };

    pub(crate) fn themes() -> Vec<ThemeInfo> {
        vec![
            ThemeInfo {
                id: "workforce".into(),
                label: "Arbeidskraft og kompetanse".into(),
                subs: vec![("sick_leave".into(), "Sykefravær".into())],
            },
            ThemeInfo {
                id: "preparedness".into(),
                label: "Samfunnssikkerhet og beredskap".into(),
                subs: vec![],
            },
        ]
    }

    fn chars_of(text: &str, needle: &str) -> (usize, usize) {
        let b = text.find(needle).unwrap();
        let s = text[..b].chars().count();
        (s, s + needle.chars().count())
    }

    /// A small document: case text, a booklet quote, and a statement whose raw text has a
    /// word split over a line end and a bullet.
    pub(crate) fn document() -> (Document, DocumentTags) {
        let text = "Saksframlegg om heftet.\nKS spør: Hva mener kommunen?\n\
Røst kommune mener at sikker-\nhetspolitisk beredskap må styrkes.\n\
• Sykefraværet i <helse> & omsorg må ned.\n";
        let para = |n, kind, clean: &str, raw: &str| {
            let (start, end) = chars_of(text, raw);
            Paragraph {
                n,
                kind,
                text: clean.into(),
                page: Some(13),
                start,
                end,
                section: None,
                question: None,
                lines: None,
                ocr: None,
            }
        };
        let doc = Document {
            schema_version: 1,
            id: "1856-2026-9f2c1a".into(),
            source: Source {
                path: "corpus/real/rost-2026.txt".into(),
                sha256: "ab".into(),
                format: Format::Txt,
                pages: Some(14),
                ocr: None,
            },
            respondent: Respondent {
                kommunenummer: Some("1856".into()),
                name: Some("Røst".into()),
                kind: RespondentKind::Kommune,
                fylke: Some("Nordland".into()),
                population: Some(471),
                size_class: Some(SizeClass::Liten),
                detected_by: DetectedBy::Text,
            },
            year: Some(2026),
            language: Some(Lang::Nb),
            segments: vec![
                Segment {
                    kind: SegmentKind::Case,
                    heading: None,
                    paragraphs: vec![para(
                        0,
                        ParagraphKind::Paragraph,
                        "Saksframlegg om heftet.",
                        "Saksframlegg om heftet.",
                    )],
                },
                Segment {
                    kind: SegmentKind::Booklet,
                    heading: None,
                    paragraphs: vec![para(
                        1,
                        ParagraphKind::Paragraph,
                        "KS spør: Hva mener kommunen?",
                        "KS spør: Hva mener kommunen?",
                    )],
                },
                Segment {
                    kind: SegmentKind::Statement,
                    heading: None,
                    paragraphs: vec![
                        para(
                            2,
                            ParagraphKind::Paragraph,
                            "Røst kommune mener at sikkerhetspolitisk beredskap må styrkes.",
                            "Røst kommune mener at sikker-\nhetspolitisk beredskap må styrkes.",
                        ),
                        para(
                            3,
                            ParagraphKind::Bullet,
                            "Sykefraværet i <helse> & omsorg må ned.",
                            "Sykefraværet i <helse> & omsorg må ned.",
                        ),
                    ],
                },
            ],
            warnings: vec![],
            text: text.into(),
        };
        let ev = |term: &str| {
            let (start, end) = chars_of(text, term);
            Evidence {
                term: term.into(),
                start,
                end,
            }
        };
        let tags = DocumentTags {
            doc_id: doc.id.clone(),
            sha256: "ab".into(),
            codebook: "default@1".into(),
            paragraphs: vec![
                ParagraphTags {
                    n: 2,
                    tags: vec![Tag {
                        theme: "preparedness".into(),
                        sub: None,
                        score: 2.0,
                        evidence: vec![ev("sikker-\nhetspolitisk"), ev("beredskap")],
                        via: Via::Text,
                        confidence: None,
                    }],
                    demands: vec![],
                },
                ParagraphTags {
                    n: 3,
                    tags: vec![Tag {
                        theme: "workforce".into(),
                        sub: Some("sick_leave".into()),
                        score: 1.0,
                        evidence: vec![ev("Sykefraværet")],
                        via: Via::Text,
                        confidence: None,
                    }],
                    demands: vec![Demand {
                        addressee: Addressee::Kommunen,
                        text: "Sykefraværet i <helse> & omsorg må ned.".into(),
                        start: 0,
                        end: 0,
                        themes: vec!["workforce".into()],
                    }],
                },
            ],
        };
        (doc, tags)
    }

    #[test]
    fn evidence_is_highlighted_in_the_cleaned_text() {
        let (doc, tags) = document();
        let th = themes();
        let html = render(&doc, Some(&tags), &th, "Rapport");
        assert!(html.contains(
            "<mark class=\"t1\" title=\"Samfunnssikkerhet og beredskap: sikkerhetspolitisk\">sikkerhetspolitisk</mark>"
        ), "{html}");
        assert!(html.contains(">beredskap</mark> må styrkes."));
        assert!(html.contains(
            "<mark class=\"t0\" title=\"Arbeidskraft og kompetanse › Sykefravær: Sykefraværet\">Sykefraværet</mark> i &lt;helse&gt; &amp; omsorg"
        ));
        // Case text and booklet quotes are not shown as the respondent's words.
        assert!(!html.contains("Hva mener kommunen"));
        assert!(html.contains("sitat fra KS&#39; debatthefte (1 avsnitt)"));
    }

    /// Ingest real and sample-world documents, tag them, and check that the evidence in
    /// the respondents' own paragraphs lands on the cleaned text: by the alignment itself
    /// (not the fallback search) for nearly all, and placed for all but a few.
    #[test]
    fn evidence_of_real_documents_lands_on_the_cleaned_text() {
        use innspill_ingest::Ingester;
        use innspill_themes::{Codebook, Tagger};
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let booklet =
            std::fs::read_to_string(root.join("reference/ks-2026-tid-for-taktskifte.txt")).unwrap();
        let ingester = Ingester::builder().reference("ks-2026", &booklet).build();
        let mut inputs = vec![root.join("real/rost-2026.txt")];
        let mut sample: Vec<_> = walk(&root.join("sample/dokumenter"));
        sample.sort();
        inputs.extend(sample.into_iter().step_by(8));
        let analyzer = innspill_norsk::Analyzer::default();
        let tagger = Tagger::new(Codebook::embedded(&analyzer), analyzer);
        let th = themes();
        let labels = ThemeLabels::new(&th);
        let (mut total, mut direct, mut placed, mut docs) = (0, 0, 0, 0);
        for path in &inputs {
            let bytes = std::fs::read(path).unwrap();
            let Ok(doc) = ingester.ingest_bytes(&path.display().to_string(), &bytes, None) else {
                continue; // The sample world plants unreadable files on purpose.
            };
            docs += 1;
            let tags = tagger.tag_document(&doc);
            let chars: Vec<char> = doc.text.chars().collect();
            let paras: BTreeMap<u32, &Paragraph> = doc
                .paragraphs()
                .filter(|(k, _)| k.is_respondents_own())
                .map(|(_, p)| (p.n, p))
                .collect();
            for pt in &tags.paragraphs {
                let Some(p) = paras.get(&pt.n) else { continue };
                let raw: String = chars[p.start..p.end].iter().collect();
                let a = Alignment::new(&raw, &p.text);
                for ev in pt.tags.iter().flat_map(|t| &t.evidence) {
                    // Evidence that spans the whole paragraph is the tagger's own fallback.
                    if ev.start < p.start
                        || ev.end > p.end
                        || (ev.start, ev.end) == (p.start, p.end)
                    {
                        continue;
                    }
                    total += 1;
                    let (s, e) = a.span(ev.start - p.start, ev.end - p.start);
                    if place(&p.text, &ev.term, (s, e)) == Some((s, e)) {
                        direct += 1;
                    }
                    if place(&p.text, &ev.term, (s, e)).is_some() {
                        placed += 1;
                    }
                }
                // And the page renders them.
                let _ = marks(&chars, p, pt, &labels);
            }
        }
        println!(
            "{docs} documents, {total} evidence spans: {direct} aligned directly, {placed} placed"
        );
        assert!(
            docs >= 10 && total >= 200,
            "too little to judge: {docs} docs, {total} spans"
        );
        assert!(
            direct as f64 >= 0.97 * total as f64,
            "aligned {direct} of {total}"
        );
        assert!(
            placed as f64 >= 0.99 * total as f64,
            "placed {placed} of {total}"
        );
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else if p
                .extension()
                .is_some_and(|x| x == "pdf" || x == "txt" || x == "docx" || x == "html")
            {
                out.push(p);
            }
        }
        out
    }

    #[test]
    fn overlapping_marks_merge_into_runs() {
        let th = themes();
        let labels = ThemeLabels::new(&th);
        let m = |start, end, theme: &str| Mark {
            start,
            end,
            theme: theme.into(),
            label: theme.into(),
        };
        let out = highlighted(
            "abcdef",
            &[m(0, 4, "preparedness"), m(2, 6, "workforce")],
            &labels,
        );
        assert_eq!(
            out,
            "<mark class=\"t1\" title=\"preparedness\">ab</mark>\
<mark class=\"t0 multi\" title=\"preparedness; workforce\">cd</mark>\
<mark class=\"t0\" title=\"workforce\">ef</mark>"
        );
    }

    #[test]
    fn respondent_section_snapshot() {
        let (doc, tags) = document();
        let html = render(&doc, Some(&tags), &themes(), "Innspill 2026");
        let body = html.split("<main>").nth(1).unwrap();
        insta::assert_snapshot!(body);
    }
}
