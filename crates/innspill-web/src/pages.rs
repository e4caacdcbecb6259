//! The pages: handlers that read the snapshot and render a template.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use innspill_index::{Error as IndexError, Filters, SearchRequest};
use innspill_model::{Document, Lang, ParagraphKind, Review, ReviewAction, SegmentKind, SizeClass};
use innspill_report::ThemeRow;
use serde::Deserialize;

use crate::app::App;
use crate::security::{same, same_origin};
use crate::snapshot::{Snapshot, original_file, own};

/// Respondents per search page.
const PER_PAGE: usize = 20;
/// Hits in a CSV export at the most.
const CSV_LIMIT: usize = 100_000;

// ---------- helpers ----------

/// HTML-escape, for the few fragments built in code (highlighted text).
fn esc(s: &str) -> String {
    innspill_report::escape_html(s)
}

/// Percent-encode a query value.
fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

fn pct(v: Option<f64>) -> String {
    v.filter(|x| x.is_finite())
        .map_or("–".to_string(), |x| format!("{:.0} %", x * 100.0))
}

fn dec(v: Option<f64>, places: usize) -> String {
    v.filter(|x| x.is_finite()).map_or("–".to_string(), |x| {
        format!("{x:.places$}").replace('.', ",")
    })
}

fn render<T: Template>(status: StatusCode, t: &T) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("template error: {e}"),
        )
            .into_response(),
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    title: &'a str,
    message: &'a str,
}

/// A page that says what went wrong.
pub(crate) fn error_page(status: StatusCode, title: &str, message: &str) -> Response {
    render(status, &ErrorPage { title, message })
}

pub(crate) async fn not_found() -> Response {
    error_page(
        StatusCode::NOT_FOUND,
        "Finnes ikke",
        "Siden finnes ikke. Bruk menyen over.",
    )
}

pub(crate) async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        format!("{}{}", innspill_report::STYLE, include_str!("app.css")),
    )
        .into_response()
}

/// A respondent's name with its kind: «Røst kommune».
pub(crate) fn respondent_name(d: &Document) -> String {
    let r = &d.respondent;
    match (&r.name, r.kind.as_str()) {
        (Some(n), "kommune") => format!("{n} kommune"),
        (Some(n), "fylkeskommune") => format!("{n} fylkeskommune"),
        (Some(n), _) => n.clone(),
        (None, _) => "ukjent avsender".to_string(),
    }
}

fn segment_label(k: SegmentKind) -> &'static str {
    match k {
        SegmentKind::Case => "Saksframlegg",
        SegmentKind::Booklet => "Sitat fra debattheftet",
        SegmentKind::Statement => "Uttalelse",
        SegmentKind::Decision => "Vedtak",
        SegmentKind::Other => "Annet",
    }
}

/// The paragraph's text with every piece of evidence of its tags marked, escaped.
fn highlighted(snap: &Snapshot, doc: &Document, n: u32, text: &str) -> String {
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    if let Some(pt) = snap
        .tags
        .get(&doc.id)
        .and_then(|t| t.paragraphs.iter().find(|p| p.n == n))
    {
        for tag in &pt.tags {
            let class = snap.theme_pos(&tag.theme) % 6;
            for ev in &tag.evidence {
                if ev.term.is_empty() {
                    continue;
                }
                for (at, m) in text.match_indices(ev.term.as_str()) {
                    spans.push((at, at + m.len(), class));
                }
            }
        }
    }
    spans.sort();
    let mut out = String::with_capacity(text.len() + 32);
    let mut pos = 0;
    for (s, e, class) in spans {
        if s < pos {
            continue;
        }
        out.push_str(&esc(&text[pos..s]));
        let _ = write!(out, "<mark class=\"t{class}\">{}</mark>", esc(&text[s..e]));
        pos = e;
    }
    out.push_str(&esc(&text[pos..]));
    out
}

// ---------- Søk ----------

/// The state of the search page, all of it in the URL.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct SearchParams {
    #[serde(default)]
    q: String,
    #[serde(default)]
    tema: String,
    #[serde(default)]
    undertema: String,
    #[serde(default)]
    storrelse: String,
    #[serde(default)]
    fylke: String,
    #[serde(default)]
    kommune: String,
    #[serde(default)]
    aar: String,
    #[serde(default)]
    sprak: String,
    #[serde(default)]
    sporsmal: String,
    #[serde(default)]
    segment: String,
    #[serde(default)]
    side: String,
}

impl SearchParams {
    fn pairs(&self) -> [(&'static str, &str); 11] {
        [
            ("q", &self.q),
            ("tema", &self.tema),
            ("undertema", &self.undertema),
            ("storrelse", &self.storrelse),
            ("fylke", &self.fylke),
            ("kommune", &self.kommune),
            ("aar", &self.aar),
            ("sprak", &self.sprak),
            ("sporsmal", &self.sporsmal),
            ("segment", &self.segment),
            ("side", &self.side),
        ]
    }

    /// The URL of `path` with this state, `key` set to `value` (and the page reset).
    fn url_with(&self, path: &str, key: &str, value: &str) -> String {
        let mut out = String::from(path);
        let mut first = true;
        for (k, v) in self.pairs() {
            let v = if k == key {
                value
            } else if k == "side" {
                ""
            } else {
                v
            };
            if v.is_empty() {
                continue;
            }
            out.push(if first { '?' } else { '&' });
            first = false;
            let _ = write!(out, "{k}={}", enc(v));
        }
        out
    }

    fn page(&self) -> usize {
        self.side.parse::<usize>().unwrap_or(1).max(1)
    }

    /// The request for the index; a filter value it cannot read is an error message.
    fn request(&self) -> Result<SearchRequest, String> {
        let q = if self.q.trim().is_empty() {
            "*"
        } else {
            self.q.trim()
        };
        let mut f = Filters::default();
        let one = |s: &str| -> Vec<String> {
            if s.is_empty() {
                vec![]
            } else {
                vec![s.to_string()]
            }
        };
        f.themes = one(&self.tema);
        f.subs = one(&self.undertema);
        f.fylker = one(&self.fylke);
        f.kommuner = one(&self.kommune);
        if !self.storrelse.is_empty() {
            f.sizes = vec![SizeClass::parse(&self.storrelse).ok_or_else(|| {
                format!(
                    "ukjent størrelse «{}» (liten, mellomstor, stor, fylkeskommune)",
                    self.storrelse
                )
            })?];
        }
        if !self.aar.is_empty() {
            f.years = vec![
                self.aar
                    .parse()
                    .map_err(|_| format!("ugyldig år «{}»", self.aar))?,
            ];
        }
        if !self.sporsmal.is_empty() {
            f.questions = vec![
                self.sporsmal
                    .parse()
                    .map_err(|_| format!("ugyldig spørsmål «{}»", self.sporsmal))?,
            ];
        }
        match self.sprak.as_str() {
            "" => {}
            "nb" => f.langs = vec![Lang::Nb],
            "nn" => f.langs = vec![Lang::Nn],
            other => return Err(format!("ukjent språk «{other}» (nb, nn)")),
        }
        match self.segment.as_str() {
            "" => {}
            "alle" => f.segments = None,
            s => {
                let kind = [
                    SegmentKind::Case,
                    SegmentKind::Booklet,
                    SegmentKind::Statement,
                    SegmentKind::Decision,
                    SegmentKind::Other,
                ]
                .into_iter()
                .find(|k| k.as_str() == s)
                .ok_or_else(|| format!("ukjent segment «{s}»"))?;
                f.segments = Some(vec![kind]);
            }
        }
        let mut req = SearchRequest::new(q);
        req.filters = f;
        Ok(req)
    }
}

struct Opt {
    value: String,
    label: String,
    selected: bool,
}

struct Control {
    name: &'static str,
    label: &'static str,
    options: Vec<Opt>,
}

struct HitView {
    snippet: String,
    citation: String,
    href: String,
    themes: String,
}

struct GroupView {
    name: String,
    meta: String,
    href: String,
    total: u64,
    hits: Vec<HitView>,
}

struct FacetItem {
    label: String,
    count: u64,
    href: String,
    active: bool,
}

struct FacetView {
    label: &'static str,
    items: Vec<FacetItem>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    title: String,
    q: String,
    controls: Vec<Control>,
    total: u64,
    respondents: u64,
    groups: Vec<GroupView>,
    facets: Vec<FacetView>,
    prev: Option<String>,
    next: Option<String>,
    page: usize,
    csv: String,
    xlsx: String,
    no_index: bool,
}

fn controls(snap: &Snapshot, p: &SearchParams) -> Vec<Control> {
    let opts = |values: Vec<(String, String)>, current: &str| -> Vec<Opt> {
        std::iter::once(Opt {
            value: String::new(),
            label: "alle".into(),
            selected: current.is_empty(),
        })
        .chain(values.into_iter().map(|(v, l)| Opt {
            selected: v == current,
            value: v,
            label: l,
        }))
        .collect()
    };
    let themes = snap
        .themes
        .iter()
        .map(|t| (t.id.clone(), t.label.clone()))
        .collect();
    let subs = snap
        .themes
        .iter()
        .flat_map(|t| {
            t.subs
                .iter()
                .map(move |(id, l)| (id.clone(), format!("{}: {l}", t.label)))
        })
        .collect();
    let sizes = ["liten", "mellomstor", "stor", "fylkeskommune"]
        .iter()
        .map(|s| (s.to_string(), s.to_string()))
        .collect();
    let ch = &snap.choices;
    let segments = [
        ("statement,decision", "uttalelse og vedtak"),
        ("statement", "uttalelse"),
        ("decision", "vedtak"),
        ("case", "saksframlegg"),
        ("booklet", "sitat fra heftet"),
        ("alle", "alt"),
    ];
    vec![
        Control {
            name: "tema",
            label: "Tema",
            options: opts(themes, &p.tema),
        },
        Control {
            name: "undertema",
            label: "Undertema",
            options: opts(subs, &p.undertema),
        },
        Control {
            name: "storrelse",
            label: "Størrelse",
            options: opts(sizes, &p.storrelse),
        },
        Control {
            name: "fylke",
            label: "Fylke",
            options: opts(
                ch.fylker.iter().map(|f| (f.clone(), f.clone())).collect(),
                &p.fylke,
            ),
        },
        Control {
            name: "kommune",
            label: "Kommune",
            options: opts(ch.kommuner.clone(), &p.kommune),
        },
        Control {
            name: "aar",
            label: "År",
            options: opts(
                ch.years
                    .iter()
                    .map(|y| (y.to_string(), y.to_string()))
                    .collect(),
                &p.aar,
            ),
        },
        Control {
            name: "sprak",
            label: "Språk",
            options: opts(
                vec![
                    ("nb".into(), "bokmål".into()),
                    ("nn".into(), "nynorsk".into()),
                ],
                &p.sprak,
            ),
        },
        Control {
            name: "sporsmal",
            label: "Spørsmål",
            options: opts(
                ch.questions
                    .iter()
                    .map(|q| (q.to_string(), format!("spørsmål {q}")))
                    .collect(),
                &p.sporsmal,
            ),
        },
        Control {
            name: "segment",
            label: "Del",
            options: opts(
                segments[1..]
                    .iter()
                    .map(|(v, l)| (v.to_string(), l.to_string()))
                    .collect(),
                &p.segment,
            ),
        },
    ]
}

/// The error page of a search that cannot run: 400 with the caret message.
fn bad_query(message: &str) -> Response {
    error_page(StatusCode::BAD_REQUEST, "Søket kan ikke leses", message)
}

pub(crate) async fn search(State(app): State<App>, Query(p): Query<SearchParams>) -> Response {
    let snap = app.snapshot();
    let mut page = SearchPage {
        title: if p.q.is_empty() {
            "Søk".to_string()
        } else {
            format!("Søk: {}", p.q)
        },
        q: p.q.clone(),
        controls: controls(&snap, &p),
        total: 0,
        respondents: 0,
        groups: vec![],
        facets: vec![],
        prev: None,
        next: None,
        page: p.page(),
        csv: p.url_with("/sok.csv", "side", ""),
        xlsx: p.url_with("/sok.xlsx", "side", ""),
        no_index: snap.index.is_none(),
    };
    let Some(index) = &snap.index else {
        return render(StatusCode::OK, &page);
    };
    let mut req = match p.request() {
        Ok(r) => r,
        Err(m) => return bad_query(&m),
    };
    req.limit = page.page * PER_PAGE;
    let found = match index.search(&req) {
        Ok(f) => f,
        Err(IndexError::Query(e)) => return bad_query(&e.to_string()),
        Err(e @ IndexError::Filter { .. }) => return bad_query(&e.to_string()),
        Err(e) => {
            return error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Søket feilet",
                &e.to_string(),
            );
        }
    };
    page.total = found.summary.total_hits;
    page.respondents = found.summary.respondents;
    for g in found.groups.iter().skip((page.page - 1) * PER_PAGE) {
        let r = &g.respondent;
        let first = g.hits.first().map(|h| h.doc_id.clone()).unwrap_or_default();
        page.groups.push(GroupView {
            name: r.display_name(),
            meta: [
                r.size_class.clone(),
                r.fylke.clone(),
                r.year.map(|y| y.to_string()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · "),
            href: format!("/dokument/{}", enc(&first)),
            total: g.total_hits,
            hits: g
                .hits
                .iter()
                .map(|h| HitView {
                    snippet: h.snippet.clone(),
                    citation: h.citation.clone(),
                    href: format!("/dokument/{}#p{}", enc(&h.doc_id), h.paragraph),
                    themes: h
                        .themes
                        .iter()
                        .map(|t| snap.label(t, None))
                        .collect::<Vec<_>>()
                        .join(", "),
                })
                .collect(),
        });
    }
    if page.page > 1 {
        page.prev = Some(p.url_with("/", "side", &(page.page - 1).to_string()));
    }
    if (page.respondents as usize) > page.page * PER_PAGE {
        page.next = Some(p.url_with("/", "side", &(page.page + 1).to_string()));
    }
    let facet = |label,
                 key: &'static str,
                 map: &BTreeMap<String, u64>,
                 current: &str,
                 name: &dyn Fn(&str) -> String| FacetView {
        label,
        items: map
            .iter()
            .map(|(v, n)| FacetItem {
                label: name(v),
                count: *n,
                href: p.url_with("/", key, if current == v { "" } else { v }),
                active: current == v,
            })
            .collect(),
    };
    let f = &found.summary.facets;
    page.facets = vec![
        facet("Tema", "tema", &f.theme, &p.tema, &|t| snap.label(t, None)),
        facet(
            "Størrelse",
            "storrelse",
            &f.size_class,
            &p.storrelse,
            &|s| s.to_string(),
        ),
        facet("Fylke", "fylke", &f.fylke, &p.fylke, &|s| s.to_string()),
    ];
    render(StatusCode::OK, &page)
}

/// Quote a CSV field when it needs it.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The columns of an export of the hits.
const EXPORT_HEADER: [&str; 12] = [
    "respondent",
    "kommunenummer",
    "storrelse",
    "fylke",
    "aar",
    "doc_id",
    "avsnitt",
    "side",
    "del",
    "temaer",
    "sitering",
    "tekst",
];

/// Every hit of the search (not grouped, up to [`CSV_LIMIT`]) as export rows, or the
/// error page.
fn export_rows(app: &App, p: &SearchParams) -> Result<Vec<[String; 12]>, Box<Response>> {
    let snap = app.snapshot();
    let Some(index) = &snap.index else {
        return Err(Box::new(error_page(
            StatusCode::SERVICE_UNAVAILABLE,
            "Ingen søkeindeks",
            "Kjør «innspill run» eller «innspill index» først.",
        )));
    };
    let mut req = p.request().map_err(|m| Box::new(bad_query(&m)))?;
    req.group = false;
    req.limit = CSV_LIMIT;
    let found = index
        .search(&req)
        .map_err(|e| Box::new(bad_query(&e.to_string())))?;
    Ok(found
        .paragraphs
        .iter()
        .map(|ph| {
            let (r, h) = (&ph.respondent, &ph.hit);
            let text = snap
                .doc(&h.doc_id)
                .and_then(|d| d.paragraphs().find(|(_, q)| q.n == h.paragraph))
                .map(|(_, q)| q.text.clone())
                .unwrap_or_default();
            [
                r.display_name(),
                r.kommunenummer.clone().unwrap_or_default(),
                r.size_class.clone().unwrap_or_default(),
                r.fylke.clone().unwrap_or_default(),
                r.year.map(|y| y.to_string()).unwrap_or_default(),
                h.doc_id.clone(),
                h.paragraph.to_string(),
                h.page.map(|p| p.to_string()).unwrap_or_default(),
                h.segment.clone(),
                h.themes.join(" "),
                h.citation.clone(),
                text,
            ]
        })
        .collect())
}

pub(crate) async fn search_csv(State(app): State<App>, Query(p): Query<SearchParams>) -> Response {
    let rows = match export_rows(&app, &p) {
        Ok(r) => r,
        Err(page) => return *page,
    };
    let mut out = EXPORT_HEADER.join(",");
    out.push('\n');
    for row in &rows {
        let line: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"innspill-sok.csv\"",
            ),
        ],
        out,
    )
        .into_response()
}

/// The hits as one worksheet.
fn xlsx(rows: &[[String; 12]]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Treff")?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (c, h) in EXPORT_HEADER.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v)?;
        }
    }
    wb.save_to_buffer()
}

pub(crate) async fn search_xlsx(State(app): State<App>, Query(p): Query<SearchParams>) -> Response {
    let rows = match export_rows(&app, &p) {
        Ok(r) => r,
        Err(page) => return *page,
    };
    match xlsx(&rows) {
        Ok(bytes) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"innspill-sok.xlsx\"",
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => error_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Regnearket kunne ikke lages",
            &e.to_string(),
        ),
    }
}

// ---------- Temaer ----------

struct CellView {
    text: String,
    href: Option<String>,
}

struct TableView {
    caption: String,
    header: Vec<&'static str>,
    rows: Vec<Vec<CellView>>,
}

struct ThemeView {
    id: String,
    label: String,
    tables: Vec<TableView>,
}

#[derive(Template)]
#[template(path = "themes.html")]
struct ThemesPage {
    title: String,
    themes: Vec<ThemeView>,
    reviewed: usize,
    /// The year shown, where the store holds more than one (empty otherwise).
    year: String,
    /// The other years: (label, link).
    other_years: Vec<(String, String)>,
}

/// A year as the `aar` parameter of `/temaer` and `/temaer/celle` writes it.
fn year_param(y: Option<u16>) -> String {
    y.map_or_else(|| "ukjent".to_string(), |y| y.to_string())
}

/// The year an `aar` parameter names: `None` when it names none (or none readable),
/// `Some(None)` for documents of no known year.
fn parse_year(aar: Option<&str>) -> Option<Option<u16>> {
    match aar?.trim() {
        "" => None,
        "ukjent" => Some(None),
        y => y.parse().ok().map(Some),
    }
}

/// The years of the theme tables, in table order.
fn table_years(rows: &[ThemeRow]) -> Vec<Option<u16>> {
    let mut years: Vec<Option<u16>> = rows.iter().map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// The link behind a count: the paragraphs of exactly the row's respondents, in the
/// row's year where the tables hold more than one (`multi_year`).
fn cell_href(dim: &str, r: &ThemeRow, multi_year: bool) -> String {
    let mut s = format!(
        "/temaer/celle?dim={dim}&gruppe={}&tema={}",
        enc(&r.group),
        enc(&r.theme)
    );
    if let Some(sub) = &r.sub {
        let _ = write!(s, "&undertema={}", enc(sub));
    }
    if multi_year {
        let _ = write!(s, "&aar={}", year_param(r.year));
    }
    s
}

fn theme_table(
    snap: &Snapshot,
    caption: String,
    dim: &str,
    rows: Vec<&ThemeRow>,
    sub_rows: bool,
    multi_year: bool,
) -> TableView {
    let header = vec![
        if sub_rows {
            "Undertema · gruppe"
        } else {
            "Gruppe"
        },
        "Respondenter",
        "Tar opp",
        "Andel",
        "Befolkningsvektet",
        "Løft",
        "q",
        "",
    ];
    let rows = rows
        .into_iter()
        .map(|r| {
            let group = if r.group == "ks_region" {
                "KS-regioner".to_string()
            } else {
                r.group.clone()
            };
            let first = match &r.sub {
                Some(s) if sub_rows => format!("{} · {group}", snap.label(&r.theme, Some(s))),
                _ => group,
            };
            vec![
                CellView {
                    text: first,
                    href: None,
                },
                CellView {
                    text: r.respondents.to_string(),
                    href: None,
                },
                CellView {
                    text: r.raising.to_string(),
                    href: Some(cell_href(dim, r, multi_year)),
                },
                CellView {
                    text: pct(r.share),
                    href: None,
                },
                CellView {
                    text: pct(r.pop_weighted_share),
                    href: None,
                },
                CellView {
                    text: dec(r.lift, 2),
                    href: None,
                },
                CellView {
                    text: dec(r.q_value, 3),
                    href: None,
                },
                CellView {
                    text: if r.small_cell && r.group != "alle" {
                        "få".into()
                    } else {
                        String::new()
                    },
                    href: None,
                },
            ]
        })
        .collect();
    TableView {
        caption,
        header,
        rows,
    }
}

/// The query of `/temaer`.
#[derive(Debug, Deserialize)]
pub(crate) struct ThemesParams {
    /// The year to show (default: the latest).
    #[serde(default)]
    aar: Option<String>,
}

pub(crate) async fn themes(State(app): State<App>, Query(q): Query<ThemesParams>) -> Response {
    let snap = app.snapshot();
    // Each year is counted apart (as in the report); one year is shown at a time.
    let years = table_years(&snap.by_size);
    let multi_year = years.len() > 1;
    let shown = parse_year(q.aar.as_deref())
        .filter(|y| years.contains(y))
        .unwrap_or_else(|| years.iter().flatten().max().copied());
    let themes = snap
        .themes
        .iter()
        .map(|t| {
            let pick = |rows: &'static str, sub: bool| -> Vec<&ThemeRow> {
                let rows = match rows {
                    "size" => &snap.by_size,
                    "fylke" => &snap.by_county,
                    _ => &snap.subs,
                };
                rows.iter()
                    .filter(|r| r.theme == t.id && r.sub.is_some() == sub && r.year == shown)
                    .collect()
            };
            ThemeView {
                id: t.id.clone(),
                label: t.label.clone(),
                tables: vec![
                    theme_table(
                        &snap,
                        "Etter størrelse".into(),
                        "size",
                        pick("size", false),
                        false,
                        multi_year,
                    ),
                    theme_table(
                        &snap,
                        "Etter fylke".into(),
                        "fylke",
                        pick("fylke", false),
                        false,
                        multi_year,
                    ),
                    theme_table(
                        &snap,
                        "Undertemaer etter størrelse".into(),
                        "size",
                        pick("subs", true),
                        true,
                        multi_year,
                    ),
                ],
            }
        })
        .collect();
    render(
        StatusCode::OK,
        &ThemesPage {
            title: "Temaer".into(),
            themes,
            reviewed: snap.summary.paragraphs,
            year: if multi_year {
                shown.map_or_else(|| "uten år".to_string(), |y| y.to_string())
            } else {
                String::new()
            },
            other_years: if multi_year {
                years
                    .iter()
                    .filter(|y| **y != shown)
                    .map(|y| {
                        (
                            y.map_or_else(|| "uten år".to_string(), |y| y.to_string()),
                            format!("/temaer?aar={}", year_param(*y)),
                        )
                    })
                    .collect()
            } else {
                Vec::new()
            },
        },
    )
}

#[derive(Debug, Deserialize)]
pub(crate) struct CellParams {
    dim: String,
    gruppe: String,
    tema: String,
    #[serde(default)]
    undertema: Option<String>,
    /// The year of the row (`ukjent`: no known year); without it, every year.
    #[serde(default)]
    aar: Option<String>,
    /// The page of respondents' documents (from 1).
    #[serde(default)]
    side: Option<String>,
}

/// Documents per page of a theme cell.
const CELL_PAGE: usize = 20;

struct ParaView {
    n: u32,
    href: String,
    html: String,
    meta: String,
}

struct DocParas {
    name: String,
    href: String,
    paragraphs: Vec<ParaView>,
}

#[derive(Template)]
#[template(path = "cell.html")]
struct CellPage {
    title: String,
    respondents: usize,
    paragraphs: usize,
    docs: Vec<DocParas>,
    page: usize,
    pages: usize,
    prev: Option<String>,
    next: Option<String>,
}

pub(crate) async fn cell(State(app): State<App>, Query(c): Query<CellParams>) -> Response {
    let snap = app.snapshot();
    if !snap.themes.iter().any(|t| t.id == c.tema) || !matches!(c.dim.as_str(), "size" | "fylke") {
        return error_page(
            StatusCode::BAD_REQUEST,
            "Ukjent celle",
            "Tema eller inndeling finnes ikke.",
        );
    }
    let sub = c.undertema.as_deref().filter(|s| !s.is_empty());
    let year = parse_year(c.aar.as_deref());
    let cell = snap.cell(&c.dim, &c.gruppe, &c.tema, sub, year);
    // Every respondent and paragraph counts; only one page of documents is shown.
    let mut respondents = BTreeSet::new();
    for id in cell.keys() {
        if let Some(d) = snap.doc(id) {
            respondents.insert((
                d.respondent
                    .kommunenummer
                    .clone()
                    .unwrap_or_else(|| d.id.clone()),
                d.year,
            ));
        }
    }
    let n_paras = cell.values().map(Vec::len).sum();
    let pages = cell.len().div_ceil(CELL_PAGE).max(1);
    let page = c
        .side
        .as_deref()
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, pages);
    let mut docs = Vec::new();
    for (id, ns) in cell.iter().skip((page - 1) * CELL_PAGE).take(CELL_PAGE) {
        let Some(d) = snap.doc(id) else { continue };
        let paragraphs: Vec<ParaView> = d
            .paragraphs()
            .filter(|(_, p)| ns.binary_search(&p.n).is_ok())
            .map(|(_, p)| ParaView {
                n: p.n,
                href: format!("/dokument/{}#p{}", enc(id), p.n),
                html: highlighted(&snap, d, p.n, &p.text),
                meta: p.page.map(|pg| format!("s. {pg}")).unwrap_or_default(),
            })
            .collect();
        docs.push(DocParas {
            name: respondent_name(d),
            href: format!("/dokument/{}", enc(id)),
            paragraphs,
        });
    }
    let link = |side: usize| {
        let mut u = format!(
            "/temaer/celle?dim={}&gruppe={}&tema={}",
            enc(&c.dim),
            enc(&c.gruppe),
            enc(&c.tema)
        );
        if let Some(s) = sub {
            u.push_str(&format!("&undertema={}", enc(s)));
        }
        if let Some(a) = c.aar.as_deref().filter(|a| !a.is_empty()) {
            u.push_str(&format!("&aar={}", enc(a)));
        }
        u.push_str(&format!("&side={side}"));
        u
    };
    let (prev, next) = (
        (page > 1).then(|| link(page - 1)),
        (page < pages).then(|| link(page + 1)),
    );
    let what = snap.label(&c.tema, sub);
    render(
        StatusCode::OK,
        &CellPage {
            title: format!(
                "{what} · {}",
                if c.gruppe == "ks_region" {
                    "KS-regioner"
                } else {
                    &c.gruppe
                }
            ),
            respondents: respondents.len(),
            paragraphs: n_paras,
            docs,
            page,
            pages,
            prev,
            next,
        },
    )
}

// ---------- Respondenter ----------

struct RespondentRow {
    name: String,
    href: Option<String>,
    size: String,
    fylke: String,
    language: String,
    answered: bool,
    themes: String,
}

#[derive(Template)]
#[template(path = "respondents.html")]
struct RespondentsPage {
    title: String,
    rows: Vec<RespondentRow>,
    answered: usize,
    in_register: usize,
}

pub(crate) async fn respondents(State(app): State<App>) -> Response {
    let snap = app.snapshot();
    let mut rows = Vec::new();
    let mut seen = BTreeSet::new();
    for d in snap.docs.iter() {
        let g = &snap.groups[&d.id];
        if let Some(nr) = &d.respondent.kommunenummer {
            seen.insert(nr.clone());
        }
        let themes: BTreeSet<String> = snap
            .tags
            .get(&d.id)
            .into_iter()
            .flat_map(|t| t.paragraphs.iter())
            .filter(|p| d.paragraphs().any(|(k, q)| q.n == p.n && own(k)))
            .flat_map(|p| p.tags.iter().map(|t| snap.label(&t.theme, None)))
            .collect();
        rows.push(RespondentRow {
            name: respondent_name(d),
            href: Some(format!("/dokument/{}", enc(&d.id))),
            size: g.size.clone(),
            fylke: g.fylke.clone(),
            language: d
                .language
                .map_or("–", |l| match l {
                    Lang::Nb => "bokmål",
                    Lang::Nn => "nynorsk",
                })
                .to_string(),
            answered: true,
            themes: themes.into_iter().collect::<Vec<_>>().join(", "),
        });
    }
    let answered = rows.len();
    for e in &snap.register.entries {
        if seen.contains(&e.kommunenummer) {
            continue;
        }
        rows.push(RespondentRow {
            name: format!("{} {}", e.short_name(), e.kind.as_str()),
            href: None,
            size: snap
                .register
                .size_class(e)
                .map_or("ukjent", |s| s.as_str())
                .to_string(),
            fylke: e.fylke.clone(),
            language: "–".into(),
            answered: false,
            themes: String::new(),
        });
    }
    render(
        StatusCode::OK,
        &RespondentsPage {
            title: "Respondenter".into(),
            rows,
            answered,
            in_register: snap.register.entries.len(),
        },
    )
}

// ---------- Dokument ----------

struct TagView {
    theme: String,
    sub: String,
    label: String,
    via: &'static str,
    class: usize,
}

struct DocParagraph {
    n: u32,
    heading: bool,
    html: String,
    meta: String,
    /// The original file at the paragraph's page.
    page_href: Option<String>,
    tags: Vec<TagView>,
    demands: Vec<String>,
    notes: Vec<String>,
    reviewable: bool,
}

struct SegmentView {
    label: &'static str,
    heading: String,
    folded: bool,
    paragraphs: Vec<DocParagraph>,
}

struct ThemeChoice {
    value: String,
    label: String,
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage {
    title: String,
    meta: String,
    id: String,
    original: Option<String>,
    segments: Vec<SegmentView>,
    csrf: String,
    choices: Vec<ThemeChoice>,
    warnings: Vec<String>,
}

fn choices(snap: &Snapshot) -> Vec<ThemeChoice> {
    let mut out = Vec::new();
    for t in &snap.themes {
        out.push(ThemeChoice {
            value: t.id.clone(),
            label: t.label.clone(),
        });
        for (id, l) in &t.subs {
            out.push(ThemeChoice {
                value: format!("{}/{id}", t.id),
                label: format!("  {}: {l}", t.label),
            });
        }
    }
    out
}

fn tag_views(snap: &Snapshot, id: &str, n: u32) -> Vec<TagView> {
    let Some(pt) = snap
        .tags
        .get(id)
        .and_then(|t| t.paragraphs.iter().find(|p| p.n == n))
    else {
        return Vec::new();
    };
    pt.tags
        .iter()
        .map(|t| TagView {
            theme: t.theme.clone(),
            sub: t.sub.clone().unwrap_or_default(),
            label: snap.label(&t.theme, t.sub.as_deref()),
            via: match t.via {
                innspill_model::Via::Text => "",
                innspill_model::Via::Section => "via overskrift",
                innspill_model::Via::Review => "lagt til ved gjennomgang",
            },
            class: snap.theme_pos(&t.theme) % 6,
        })
        .collect()
}

pub(crate) async fn document(State(app): State<App>, Path(id): Path<String>) -> Response {
    let snap = app.snapshot();
    let Some(d) = snap.doc(&id) else {
        return error_page(
            StatusCode::NOT_FOUND,
            "Finnes ikke",
            "Dokumentet finnes ikke i lageret.",
        );
    };
    let notes: BTreeMap<u32, Vec<String>> = {
        let mut m: BTreeMap<u32, Vec<String>> = BTreeMap::new();
        for r in snap
            .reviews
            .reviews()
            .iter()
            .filter(|r| r.doc_id == d.id && r.action == ReviewAction::Note)
        {
            if let Some(n) = &r.note {
                m.entry(r.paragraph)
                    .or_default()
                    .push(format!("{} ({}): {n}", r.reviewer, r.time));
            }
        }
        m
    };
    let demands = snap.tags.get(&d.id);
    let has_original = original_file(&snap, &d.id).is_some();
    let segments = d
        .segments
        .iter()
        .map(|s| SegmentView {
            label: segment_label(s.kind),
            heading: s.heading.clone().unwrap_or_default(),
            folded: matches!(s.kind, SegmentKind::Booklet | SegmentKind::Other),
            paragraphs: s
                .paragraphs
                .iter()
                .map(|p| {
                    let mut meta = vec![format!("avsnitt {}", p.n)];
                    if let Some(pg) = p.page {
                        meta.push(format!("s. {pg}"));
                    }
                    if let Some(q) = p.question {
                        meta.push(format!("spørsmål {q}"));
                    }
                    if let Some(sec) = &p.section {
                        meta.push(sec.clone());
                    }
                    DocParagraph {
                        page_href: has_original
                            .then_some(p.page)
                            .flatten()
                            .map(|pg| format!("/original/{}#page={pg}", enc(&d.id))),
                        n: p.n,
                        heading: p.kind == ParagraphKind::Heading,
                        html: highlighted(&snap, d, p.n, &p.text),
                        meta: meta.join(" · "),
                        tags: tag_views(&snap, &d.id, p.n),
                        demands: demands
                            .and_then(|t| t.paragraphs.iter().find(|x| x.n == p.n))
                            .map(|x| {
                                x.demands
                                    .iter()
                                    .map(|dm| {
                                        format!("Krav til {}: {}", dm.addressee.as_str(), dm.text)
                                    })
                                    .collect()
                            })
                            .unwrap_or_default(),
                        notes: notes.get(&p.n).cloned().unwrap_or_default(),
                        reviewable: own(s.kind),
                    }
                })
                .collect(),
        })
        .collect();
    let g = &snap.groups[&d.id];
    render(
        StatusCode::OK,
        &DocumentPage {
            title: respondent_name(d),
            meta: [
                Some(g.size.clone()),
                Some(g.fylke.clone()),
                d.year.map(|y| y.to_string()),
                Some(d.source.path.clone()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · "),
            id: d.id.clone(),
            original: original_file(&snap, &d.id).map(|_| format!("/original/{}", enc(&d.id))),
            segments,
            csrf: app.csrf().to_string(),
            choices: choices(&snap),
            warnings: d.warnings.clone(),
        },
    )
}

pub(crate) async fn original(State(app): State<App>, Path(id): Path<String>) -> Response {
    let snap = app.snapshot();
    // Only files that the ingest report lists for a document of the store.
    let Some(path) = original_file(&snap, &id) else {
        return error_page(
            StatusCode::NOT_FOUND,
            "Finnes ikke",
            "Originalfilen finnes ikke.",
        );
    };
    let Ok(bytes) = fs_err::read(path) else {
        return error_page(
            StatusCode::NOT_FOUND,
            "Finnes ikke",
            "Originalfilen kan ikke leses.",
        );
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    // Never served as HTML: a statement's own markup must not run in the app's origin.
    let ctype = match ext.as_str() {
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "text/plain; charset=utf-8",
    };
    ([(header::CONTENT_TYPE, ctype)], bytes).into_response()
}

// ---------- Gjennomgang ----------

struct QueueItem {
    name: String,
    href: String,
    doc: String,
    n: u32,
    html: String,
    why: String,
    tags: Vec<TagView>,
}

struct AgreementRow {
    label: String,
    total: u64,
    both: u64,
    tagger_only: u64,
    reviewer_only: u64,
    kappa: String,
}

struct OrphanRow {
    text: String,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    title: String,
    reviewed: usize,
    reviews: usize,
    reviewers: String,
    agreement: Vec<AgreementRow>,
    orphans: Vec<OrphanRow>,
    queue: Vec<QueueItem>,
    csrf: String,
    choices: Vec<ThemeChoice>,
}

/// How much a tag is in doubt and why, or `None` when it is sure enough to leave out of the
/// queue. The tagger's [`Confidence`](innspill_model::Confidence) ranks first (low before
/// medium; high is left out), the score within a level; tags written before confidence
/// existed rank by score alone (an inherited tag counting as a score of 0.5).
fn tag_doubt(t: &innspill_model::Tag) -> Option<(f32, String)> {
    use innspill_model::{ConfidenceLevel, Via};
    let score = if t.via == Via::Section { 0.5 } else { t.score };
    let within = 0.5 / (1.0 + score.max(0.0));
    match &t.confidence {
        Some(c) => {
            let kinds = if c.inherited {
                "arvet fra overskriften".to_string()
            } else if c.terms == 1 {
                "ett ord".to_string()
            } else {
                format!("{} ord", c.terms)
            };
            match c.level {
                ConfidenceLevel::High => None,
                ConfidenceLevel::Medium => {
                    Some((0.5 + within, format!("middels sikker ({kinds})")))
                }
                ConfidenceLevel::Low => Some((1.0 + within, format!("usikker ({kinds})"))),
            }
        }
        None if score >= 2.0 || t.via == Via::Review => None,
        None => Some((
            1.0 / (1.0 + score),
            format!("svak merking (skår {score:.1})"),
        )),
    }
}

/// Paragraphs worth a reviewer's time first: the respondent's own paragraphs not yet
/// reviewed, by doubt — tags of low confidence (inherited from a heading, one word), untagged
/// ones of some length (a theme may be missed), then tags of medium confidence.
fn queue(snap: &Snapshot, limit: usize) -> Vec<(f32, String, u32, String)> {
    let reviewed: BTreeSet<(&str, u32)> = snap
        .reviews
        .reviews()
        .iter()
        .filter(|r| r.action != ReviewAction::Note)
        .map(|r| (r.doc_id.as_str(), r.paragraph))
        .collect();
    let mut items = Vec::new();
    for d in snap.docs.iter() {
        for (k, p) in d.paragraphs() {
            if !own(k)
                || p.kind == ParagraphKind::Heading
                || reviewed.contains(&(d.id.as_str(), p.n))
            {
                continue;
            }
            let tags = snap
                .raw(&d.id)
                .and_then(|t| t.paragraphs.iter().find(|x| x.n == p.n))
                .map(|x| x.tags.as_slice())
                .unwrap_or_default();
            let (doubt, why) = if tags.is_empty() {
                let len = p.text.chars().count();
                if len < 120 {
                    continue;
                }
                (
                    0.6 + (len.min(600) as f32) / 3000.0,
                    "uten tema".to_string(),
                )
            } else {
                let Some((doubt, why)) = tags
                    .iter()
                    .filter_map(tag_doubt)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                else {
                    continue;
                };
                (doubt, why)
            };
            items.push((doubt, d.id.clone(), p.n, why));
        }
    }
    items.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| (&a.1, a.2).cmp(&(&b.1, b.2)))
    });
    items.truncate(limit);
    items
}

pub(crate) async fn review_queue(State(app): State<App>) -> Response {
    let snap = app.snapshot();
    let s = &snap.summary;
    let queue = queue(&snap, 50)
        .into_iter()
        .filter_map(|(_, id, n, why)| {
            let d = snap.doc(&id)?;
            let (_, p) = d.paragraphs().find(|(_, p)| p.n == n)?;
            Some(QueueItem {
                name: respondent_name(d),
                href: format!("/dokument/{}#p{n}", enc(&id)),
                html: highlighted(&snap, d, n, &p.text),
                tags: tag_views(&snap, &id, n),
                doc: id,
                n,
                why,
            })
        })
        .collect();
    render(
        StatusCode::OK,
        &ReviewPage {
            title: "Gjennomgang".into(),
            reviewed: s.paragraphs,
            reviews: s.reviews,
            reviewers: s.reviewers.join(", "),
            agreement: s
                .agreement
                .iter()
                .map(|a| AgreementRow {
                    label: snap.label(&a.theme, None),
                    total: a.total(),
                    both: a.both,
                    tagger_only: a.tagger_only,
                    reviewer_only: a.reviewer_only,
                    kappa: dec(a.kappa, 2),
                })
                .collect(),
            orphans: s
                .orphans
                .iter()
                .map(|o| {
                    let r = &o.review;
                    OrphanRow {
                        text: format!(
                            "{} avsnitt {}: {} {} ({}, {}): {}",
                            r.doc_id,
                            r.paragraph,
                            r.action.as_str(),
                            r.theme
                                .as_deref()
                                .map(|t| snap.label(t, r.sub.as_deref()))
                                .unwrap_or_default(),
                            r.reviewer,
                            r.time,
                            o.reason.label()
                        ),
                    }
                })
                .collect(),
            queue,
            csrf: app.csrf().to_string(),
            choices: choices(&snap),
        },
    )
}

/// A review from a form.
#[derive(Debug, Deserialize)]
pub(crate) struct ReviewForm {
    csrf: String,
    doc: String,
    n: u32,
    action: String,
    #[serde(default)]
    theme: String,
    #[serde(default)]
    sub: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    back: String,
}

pub(crate) async fn review_post(
    State(app): State<App>,
    headers: HeaderMap,
    Form(f): Form<ReviewForm>,
) -> Response {
    if !same_origin(&headers) || !same(&f.csrf, app.csrf()) {
        return error_page(
            StatusCode::FORBIDDEN,
            "Avvist",
            "Skjemaet kom ikke fra denne arbeidsflaten (Origin eller CSRF-nøkkel stemmer ikke). Last siden på nytt og prøv igjen.",
        );
    }
    let Some(action) = ReviewAction::parse(&f.action) else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "Ukjent handling",
            "Handlingen må være accept, reject, add eller note.",
        );
    };
    let snap = app.snapshot();
    let Some(d) = snap.doc(&f.doc) else {
        return error_page(
            StatusCode::NOT_FOUND,
            "Finnes ikke",
            "Dokumentet finnes ikke i lageret.",
        );
    };
    // «workforce/recruitment» from the add form's one select, or theme and sub apart.
    let (theme, sub) = match f.theme.split_once('/') {
        Some((t, s)) => (t.to_string(), s.to_string()),
        None => (f.theme.clone(), f.sub.clone()),
    };
    let theme = Some(theme).filter(|t| !t.is_empty());
    let sub = Some(sub).filter(|s| !s.is_empty());
    if action != ReviewAction::Note {
        let ok = theme.as_deref().is_some_and(|t| {
            snap.themes.iter().any(|x| {
                x.id == t
                    && sub
                        .as_deref()
                        .is_none_or(|s| x.subs.iter().any(|(id, _)| id == s))
            })
        });
        if !ok {
            return error_page(
                StatusCode::BAD_REQUEST,
                "Ukjent tema",
                "Temaet eller undertemaet finnes ikke i kodeboken.",
            );
        }
    }
    let Some(mut review) = Review::of(
        d,
        f.n,
        app.reviewer(),
        action,
        theme.as_deref(),
        sub.as_deref(),
    ) else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "Finnes ikke",
            "Avsnittet finnes ikke i dokumentet.",
        );
    };
    if !f.note.trim().is_empty() {
        review.note = Some(f.note.trim().to_string());
    } else if action == ReviewAction::Note {
        return error_page(StatusCode::BAD_REQUEST, "Tomt notat", "Skriv et notat.");
    }
    {
        let _writing = app.writing();
        if let Err(e) = app.store().append_review(&review) {
            return error_page(
                StatusCode::SERVICE_UNAVAILABLE,
                "Vurderingen ble ikke lagret",
                &format!(
                    "Lageret kan ikke skrives: {e}. Ingenting er lagret; prøv igjen når lageret er skrivbart."
                ),
            );
        }
        app.after_review();
    }
    drop(snap);
    let back = if f.back.starts_with('/') && !f.back.starts_with("//") {
        f.back
    } else {
        format!("/dokument/{}#p{}", enc(&f.doc), f.n)
    };
    Redirect::to(&back).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_keep_the_state_and_encode_values() {
        let p = SearchParams {
            q: "\"lokalt handlingsrom\" & co".into(),
            storrelse: "liten".into(),
            side: "3".into(),
            ..Default::default()
        };
        assert_eq!(
            p.url_with("/", "fylke", "Møre og Romsdal"),
            "/?q=%22lokalt%20handlingsrom%22%20%26%20co&storrelse=liten&fylke=M%C3%B8re%20og%20Romsdal"
        );
        assert_eq!(
            p.url_with("/", "side", "4"),
            "/?q=%22lokalt%20handlingsrom%22%20%26%20co&storrelse=liten&side=4"
        );
        assert_eq!(p.page(), 3);
    }

    #[test]
    fn the_queue_puts_low_confidence_first_and_leaves_high_out() {
        use innspill_model::{Confidence, Tag, Via};
        let tag = |score: f32, terms: u32, phrases: u32, inherited: bool| Tag {
            theme: "workforce".into(),
            sub: None,
            score,
            evidence: Vec::new(),
            via: if inherited { Via::Section } else { Via::Text },
            confidence: Some(Confidence {
                level: Confidence::level(terms, phrases, inherited),
                terms,
                matches: terms,
                phrases,
                checked: 0,
                inherited,
            }),
        };
        let one_word = tag_doubt(&tag(1.0, 1, 0, false)).unwrap();
        let heading = tag_doubt(&tag(3.0, 2, 0, true)).unwrap();
        let two_words = tag_doubt(&tag(2.0, 2, 0, false)).unwrap();
        assert!(tag_doubt(&tag(4.0, 3, 0, false)).is_none());
        assert!(one_word.0 > two_words.0 && heading.0 > two_words.0);
        assert_eq!(one_word.1, "usikker (ett ord)");
        assert_eq!(heading.1, "usikker (arvet fra overskriften)");
        assert_eq!(two_words.1, "middels sikker (2 ord)");
        // Tags written before confidence existed rank by their score.
        let mut old = tag(1.0, 1, 0, false);
        old.confidence = None;
        assert_eq!(tag_doubt(&old).unwrap().1, "svak merking (skår 1.0)");
        old.score = 2.5;
        assert!(tag_doubt(&old).is_none());
    }

    #[test]
    fn evidence_is_marked_and_everything_else_escaped() {
        assert_eq!(
            esc("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
