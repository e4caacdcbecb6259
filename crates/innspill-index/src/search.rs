//! Searching: the query, the filters, grouping by respondent, facets and snippets.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use innspill_model::{Lang, SegmentKind, SizeClass};
use serde::Serialize;
use smallvec::SmallVec;
use tantivy::collector::{Collector, SegmentCollector, TopDocs};
use tantivy::query::EnableScoring;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, QueryParserError, TermQuery,
};
use tantivy::query_grammar::{self, Delimiter, UserInputAst, UserInputLeaf};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::{
    DocAddress, DocId, Executor, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument,
    Term,
};

use crate::error::QueryError;
use crate::filter::AnyTermQuery;
use crate::forward::guard_exclusions;
use crate::groups::{FacetNames, GroupTable, SegmentTable};
use crate::schema::{default_segments, facet_path, is_own};
use crate::snippet::Snippets;
use crate::{Error, SearchIndex};

/// Filters on a search. Values within one filter are alternatives (OR); filters combine
/// with AND.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filters {
    /// Theme ids (`preparedness`).
    pub themes: Vec<String>,
    /// Sub-theme ids (`exercises`, or `preparedness/exercises`).
    pub subs: Vec<String>,
    /// Size classes.
    pub sizes: Vec<SizeClass>,
    /// County names (any case).
    pub fylker: Vec<String>,
    /// Municipality numbers (`1856`) or names (`Røst`, any case).
    pub kommuner: Vec<String>,
    /// Booklet years.
    pub years: Vec<u16>,
    /// Written standards.
    pub langs: Vec<Lang>,
    /// Booklet questions.
    pub questions: Vec<u8>,
    /// Segment kinds; `None` searches all. By default, statement and decision: KS' own
    /// booklet text never counts as a municipality's words.
    pub segments: Option<Vec<SegmentKind>>,
}

impl Default for Filters {
    fn default() -> Self {
        Filters {
            themes: Vec::new(),
            subs: Vec::new(),
            sizes: Vec::new(),
            fylker: Vec::new(),
            kommuner: Vec::new(),
            years: Vec::new(),
            langs: Vec::new(),
            questions: Vec::new(),
            segments: Some(default_segments()),
        }
    }
}

/// A search: the query in tantivy's syntax, filters and how to present the hits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// The query: words (all must occur), `OR`, `-word`, `"quoted phrase"`, `field:value`.
    /// Empty or `*` matches every paragraph that passes the filters.
    pub query: String,
    /// The filters.
    pub filters: Filters,
    /// Respondents to return when grouped, paragraphs otherwise. By default, 20.
    pub limit: usize,
    /// Group hits by respondent (one entry per respondent and year with its best
    /// paragraphs). By default, true.
    pub group: bool,
    /// Paragraphs shown per respondent when grouped. By default, 3.
    pub per_group: usize,
    /// Longest snippet, in bytes. By default, 200.
    pub snippet_len: usize,
}

impl SearchRequest {
    /// A grouped search for `query` with the default filters.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            filters: Filters::default(),
            limit: 20,
            group: true,
            per_group: 3,
            snippet_len: 200,
        }
    }
}

/// Who a hit belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HitRespondent {
    /// Municipality or county number.
    pub kommunenummer: Option<String>,
    /// Short name (`Røst`).
    pub name: Option<String>,
    /// `kommune`, `fylkeskommune`, `ks_region` or `ukjent`.
    pub kind: String,
    /// Size class.
    pub size_class: Option<String>,
    /// County.
    pub fylke: Option<String>,
    /// Booklet year.
    pub year: Option<u16>,
}

impl HitRespondent {
    /// «Røst kommune», «Nordland fylkeskommune», «KS Trøndelag», «ukjent avsender».
    pub fn display_name(&self) -> String {
        match (&self.name, self.kind.as_str()) {
            (Some(n), "kommune") => format!("{n} kommune"),
            (Some(n), "fylkeskommune") => format!("{n} fylkeskommune"),
            (Some(n), _) => n.clone(),
            (None, _) => "ukjent avsender".to_string(),
        }
    }
}

/// One matching paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The document.
    pub doc_id: String,
    /// The paragraph's number in the document.
    pub paragraph: u32,
    /// 1-based page.
    pub page: Option<u32>,
    /// Segment kind (`statement`).
    pub segment: String,
    /// The best passage, HTML-escaped, with matches in `<b>…</b>`.
    pub snippet: String,
    /// Character offset of the paragraph in the document text.
    pub start: usize,
    /// Character offset one past the paragraph's end.
    pub end: usize,
    /// Theme ids of the paragraph.
    pub themes: Vec<String>,
    /// BM25 score.
    #[serde(skip)]
    pub score: f32,
    /// «Røst kommune, 2026, s. 13».
    #[serde(skip)]
    pub citation: String,
    /// The section heading the paragraph stands under.
    #[serde(skip)]
    pub section: Option<String>,
}

/// A respondent's hits (grouped search).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// Who.
    #[serde(flatten)]
    pub respondent: HitRespondent,
    /// The best paragraph's score.
    pub score: f32,
    /// Matching paragraphs in the group.
    #[serde(skip)]
    pub total_hits: u64,
    /// The best paragraphs, best first.
    pub hits: Vec<Hit>,
}

/// One hit with its respondent inline (flat search, `--paragraphs`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParagraphHit {
    /// Who.
    #[serde(flatten)]
    pub respondent: HitRespondent,
    /// BM25 score.
    pub score: f32,
    /// The paragraph.
    #[serde(flatten)]
    pub hit: Hit,
}

/// Hit counts per theme, size class and county, over all hits (paragraphs).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// Theme id → paragraphs.
    pub theme: BTreeMap<String, u64>,
    /// Size class → paragraphs.
    pub size_class: BTreeMap<String, u64>,
    /// County → paragraphs.
    pub fylke: BTreeMap<String, u64>,
}

/// The closing line of a search: facets and totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Facet counts over all hits.
    pub facets: Facets,
    /// Matching paragraphs.
    pub total_hits: u64,
    /// Distinct respondents among them.
    pub respondents: u64,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults {
    /// Grouped by respondent (when [`SearchRequest::group`]), best first.
    pub groups: Vec<Group>,
    /// Flat, best first (when not grouped).
    pub paragraphs: Vec<ParagraphHit>,
    /// Facets and totals over all hits.
    pub summary: Summary,
}

impl SearchIndex {
    /// Run a search at the last commit this handle has seen.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, Error> {
        let searcher = self.reader.searcher();
        let Parsed {
            query: user,
            phrases,
            own_only,
        } = self.parse_query_in(&request.query, Texts::of(&request.filters))?;
        let query = self.with_filters(user.box_clone(), &request.filters, own_only)?;

        let flat =
            (!request.group).then(|| TopDocs::with_limit(request.limit.max(1)).order_by_score());
        let table = self.groups.get(&searcher)?;
        let groups = GroupCollector {
            per_group: if request.group {
                request.per_group.max(1)
            } else {
                0
            },
            table: Arc::clone(&table),
        };
        let facet_collector = FacetCountCollector {
            table: Arc::clone(&table),
        };
        // Segments are searched on the search threads, one segment per task.
        let (group_fruit, facet_counts, top) = searcher.search_with_executor(
            &*query,
            &(groups, facet_collector, flat),
            executor(),
            EnableScoring::enabled_from_searcher(&searcher),
        )?;

        let snippets = Snippets::new(
            &searcher,
            &*user,
            &self.fields,
            &self.analyzer,
            phrases,
            request.snippet_len,
        )?;
        let summary = Summary {
            facets: facet_counts.named(&table.names),
            total_hits: group_fruit.total,
            respondents: table.distinct_respondents(group_fruit.groups.iter().map(|(g, _)| *g)),
        };
        let mut results = SearchResults {
            groups: Vec::new(),
            paragraphs: Vec::new(),
            summary,
        };
        // The shown hits (stored fields, snippets) are built on the search threads too.
        let build = |hits: Vec<(Score, DocAddress)>| -> Result<Vec<(HitRespondent, Hit)>, Error> {
            executor()
                .map(
                    |(score, addr)| Ok(self.hit(&searcher, &snippets, addr, score)),
                    hits.into_iter(),
                )?
                .into_iter()
                .collect()
        };
        if let Some(top) = top {
            for (respondent, hit) in build(top)? {
                results.paragraphs.push(ParagraphHit {
                    respondent,
                    score: hit.score,
                    hit,
                });
            }
            return Ok(results);
        }
        let mut ranked = group_fruit.groups;
        // Equal scores are ordered by the respondent's key, never by where the hits lie in
        // the index: segments are filled by several indexing threads, so document
        // addresses differ from one indexing run to the next.
        let order = |(ka, a): &(u32, GroupHits), (kb, b): &(u32, GroupHits)| {
            (b.best().0)
                .total_cmp(&a.best().0)
                .then_with(|| table.key(*ka).cmp(table.key(*kb)))
        };
        // Only the first `limit` groups are shown: put them first, then sort those.
        if request.limit < ranked.len() {
            ranked.select_nth_unstable_by(request.limit, order);
            ranked.truncate(request.limit);
        }
        ranked.sort_unstable_by(order);
        let mut built =
            build(ranked.iter().flat_map(|(_, g)| g.top.clone()).collect())?.into_iter();
        for (_, group) in ranked {
            let mut respondent = None;
            let mut hits = Vec::new();
            for (r, hit) in built.by_ref().take(group.top.len()) {
                respondent.get_or_insert(r);
                hits.push(hit);
            }
            if let Some(respondent) = respondent {
                results.groups.push(Group {
                    respondent,
                    score: round(group.best().0),
                    total_hits: group.count,
                    hits,
                });
            }
        }
        Ok(results)
    }

    /// Parse a query in tantivy's syntax for the respondents' own words.
    #[cfg(test)]
    pub(crate) fn parse_query(&self, query: &str) -> Result<(Box<dyn Query>, Phrases), Error> {
        self.parse_query_in(query, Texts::Own)
            .map(|p| (p.query, p.phrases))
    }

    /// Parse a query in tantivy's syntax, its words looked for in the text fields of
    /// `texts`; unfielded quoted phrases go to the exact fields. Also gives the
    /// exact-field phrases as lower-cased words, for highlighting.
    pub(crate) fn parse_query_in(&self, query: &str, texts: Texts) -> Result<Parsed, Error> {
        let trimmed = query.trim();
        if trimmed.is_empty() || trimmed == "*" {
            return Ok(Parsed {
                query: Box::new(AllQuery),
                phrases: Vec::new(),
                own_only: false,
            });
        }
        let ast = query_grammar::parse_query(query).map_err(|_| syntax_error(query))?;
        let ast = route(ast, texts);
        let own_only = texts == Texts::Own && needs_own_text(&ast);
        let mut phrases = Vec::new();
        exact_phrases(&ast, &mut |phrase| {
            phrases.push(
                self.analyzer
                    .analyze(phrase)
                    .into_iter()
                    .map(|t| t.norm)
                    .collect(),
            );
        });
        let parsed = self
            .query_parser
            .build_query_from_user_input_ast(ast)
            .map_err(|e| Error::Query(parser_error(query, e)))?;
        let parsed = guard_exclusions(parsed);
        Ok(Parsed {
            query: parsed,
            phrases,
            own_only,
        })
    }

    /// `user` and the filters `f`. With `own_only` (every hit of `user` is a paragraph in
    /// the respondent's own words), a segment filter that lets all of those through is
    /// left out: it could only cost time.
    fn with_filters(
        &self,
        user: Box<dyn Query>,
        f: &Filters,
        own_only: bool,
    ) -> Result<Box<dyn Query>, Error> {
        let fl = &self.fields;
        let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, user)];
        let mut any_of = |terms: Vec<Term>| {
            if terms.is_empty() {
                return;
            }
            // A filter narrows the hits and adds nothing to their score: ranking is the
            // query's BM25 alone, whatever the filters (a rare value such as `decision`
            // would otherwise lift every hit it lets through).
            let filter: Box<dyn Query> = if terms.len() > 1 {
                Box::new(AnyTermQuery::new(terms))
            } else {
                let clauses: Vec<(Occur, Box<dyn Query>)> = terms
                    .into_iter()
                    .map(|t| {
                        (
                            Occur::Should,
                            Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>,
                        )
                    })
                    .collect();
                Box::new(BooleanQuery::new(clauses))
            };
            must.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
        };
        let facet_term = |steps: &[&str]| Term::from_facet(fl.facet, &facet_path(steps));
        any_of(f.themes.iter().map(|t| facet_term(&["theme", t])).collect());
        any_of(
            f.subs
                .iter()
                .map(|s| match s.split_once('/') {
                    Some((theme, sub)) => facet_term(&["theme", theme, sub]),
                    None => facet_term(&["sub", s]),
                })
                .collect(),
        );
        any_of(
            f.sizes
                .iter()
                .map(|s| Term::from_field_text(fl.size, s.as_str()))
                .collect(),
        );
        any_of(
            f.fylker
                .iter()
                .map(|v| Term::from_field_text(fl.fylke, &v.to_lowercase()))
                .collect(),
        );
        any_of(
            f.kommuner
                .iter()
                .map(|v| {
                    if !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()) {
                        Term::from_field_text(fl.kommunenummer, v)
                    } else {
                        Term::from_field_text(fl.kommune, &v.to_lowercase())
                    }
                })
                .collect(),
        );
        any_of(
            f.years
                .iter()
                .map(|y| Term::from_field_u64(fl.year, u64::from(*y)))
                .collect(),
        );
        any_of(
            f.langs
                .iter()
                .map(|l| Term::from_field_text(fl.lang, l.as_str()))
                .collect(),
        );
        any_of(
            f.questions
                .iter()
                .map(|q| Term::from_field_u64(fl.question, u64::from(*q)))
                .collect(),
        );
        if let Some(segments) = &f.segments {
            if segments.is_empty() {
                return Err(Error::Filter {
                    filter: "segment",
                    value: String::new(),
                    expected: "at least one segment kind, or all".to_string(),
                });
            }
            let implied = own_only && default_segments().iter().all(|k| segments.contains(k));
            if !implied {
                any_of(
                    segments
                        .iter()
                        .map(|s| Term::from_field_text(fl.segment, s.as_str()))
                        .collect(),
                );
            }
        }
        Ok(Box::new(BooleanQuery::new(must)))
    }

    /// The respondent and the hit of one paragraph.
    fn hit(
        &self,
        searcher: &Searcher,
        snippets: &Snippets,
        addr: DocAddress,
        score: Score,
    ) -> Result<(HitRespondent, Hit), Error> {
        let fl = &self.fields;
        let doc: TantivyDocument = searcher.doc(addr)?;
        let text_of = |f| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let u64_of = |f| doc.get_first(f).and_then(|v| v.as_u64());
        let respondent = HitRespondent {
            kommunenummer: text_of(fl.kommunenummer),
            name: text_of(fl.kommune),
            kind: text_of(fl.kind).unwrap_or_else(|| "ukjent".to_string()),
            size_class: text_of(fl.size),
            fylke: text_of(fl.fylke),
            year: u64_of(fl.year).and_then(|y| u16::try_from(y).ok()),
        };
        let mut themes: Vec<String> = doc
            .get_all(fl.facet)
            .filter_map(|v| {
                v.as_facet()
                    .and_then(|f| Facet::from_encoded(f.as_bytes().to_vec()).ok())
            })
            .filter_map(|f| {
                let path = f.to_path();
                (path.len() >= 2 && path[0] == "theme").then(|| path[1].to_string())
            })
            .collect();
        themes.dedup();
        let page = u64_of(fl.page).and_then(|p| u32::try_from(p).ok());
        let text = text_of(fl.text)
            .or_else(|| text_of(fl.other_text))
            .unwrap_or_default();
        let hit = Hit {
            doc_id: text_of(fl.doc_id).unwrap_or_default(),
            paragraph: u64_of(fl.paragraph)
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(0),
            page,
            segment: text_of(fl.segment).unwrap_or_default(),
            snippet: snippets.html(&text),
            start: u64_of(fl.start).unwrap_or(0) as usize,
            end: u64_of(fl.end).unwrap_or(0) as usize,
            themes,
            score: round(score),
            citation: citation(&respondent, page),
            section: text_of(fl.section),
        };
        Ok((respondent, hit))
    }
}

/// «Røst kommune, 2026, s. 13» (year and page where known).
pub fn citation(respondent: &HitRespondent, page: Option<u32>) -> String {
    let mut s = respondent.display_name();
    if let Some(year) = respondent.year {
        s.push_str(&format!(", {year}"));
    }
    if let Some(page) = page {
        s.push_str(&format!(", s. {page}"));
    }
    s
}

/// The threads that search segments and build the shown hits: one per core (at most 8),
/// started with the first search; none on a machine with one core.
fn executor() -> &'static Executor {
    static EXECUTOR: OnceLock<Executor> = OnceLock::new();
    EXECUTOR.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
        if cores < 2 {
            return Executor::single_thread();
        }
        Executor::multi_thread(cores, "innspill-search-").unwrap_or_else(|e| {
            tracing::warn!("searching on one thread: no search threads: {e}");
            Executor::single_thread()
        })
    })
}

fn round(score: f32) -> f32 {
    (score * 1000.0).round() / 1000.0
}

fn by_score(a: (Score, DocAddress), b: (Score, DocAddress)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1))
}

/// Send unfielded quoted phrases to the exact field: `"ikke bare"` matches those words
/// as written (lower-cased), not their stems.
/// A parsed query.
pub(crate) struct Parsed {
    pub(crate) query: Box<dyn Query>,
    /// Its quoted phrases on the exact fields, for highlighting.
    pub(crate) phrases: Phrases,
    /// Whether every paragraph it matches has matched in an own-words text field (see
    /// [`needs_own_text`]).
    pub(crate) own_only: bool,
}

/// Whether every paragraph that `ast` (routed to [`Texts::Own`]) matches has matched one
/// of its words in the `text` or `exact` field, that is, is in the respondent's own words:
/// a word or phrase on those fields, a clause with such a required part, or a clause of
/// alternatives that all are. (`kommune:røst` alone matches any paragraph of Røst.)
fn needs_own_text(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Leaf(leaf) => matches!(
            &**leaf,
            UserInputLeaf::Literal(lit)
                if matches!(lit.field_name.as_deref(), None | Some("text" | "exact"))
        ),
        UserInputAst::Boost(sub, _) => needs_own_text(sub),
        UserInputAst::Clause(clauses) => {
            // Words are required by default (`AND`): no occur is `Must`.
            let required = |o: &Option<Occur>| matches!(o, None | Some(Occur::Must));
            if clauses.iter().any(|(o, _)| required(o)) {
                clauses
                    .iter()
                    .any(|(o, sub)| required(o) && needs_own_text(sub))
            } else {
                let mut should = clauses
                    .iter()
                    .filter(|(o, _)| *o == Some(Occur::Should))
                    .peekable();
                should.peek().is_some() && should.all(|(_, sub)| needs_own_text(sub))
            }
        }
    }
}

/// Which paragraphs' text fields a query's words are looked for in (see
/// [`Fields::text`](crate::schema::Fields)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Texts {
    /// The respondents' own words (`text`, `exact`).
    Own,
    /// The other paragraphs (`other_text`, `other_exact`).
    Other,
    /// Both.
    Both,
}

impl Texts {
    /// The text fields that hold the segments `filters` let through.
    fn of(filters: &Filters) -> Texts {
        let Some(segments) = &filters.segments else {
            return Texts::Both;
        };
        match (
            segments.iter().any(|&k| is_own(k)),
            segments.iter().any(|&k| !is_own(k)),
        ) {
            (true, false) => Texts::Own,
            (false, true) => Texts::Other,
            _ => Texts::Both,
        }
    }

    fn own(self) -> bool {
        self != Texts::Other
    }

    fn other(self) -> bool {
        self != Texts::Own
    }
}

/// Send a query's words to the text fields of `texts`: an unfielded word to `text` and
/// `exact` (the query parser's default fields) and/or `other_text` and `other_exact`; an
/// unfielded quoted phrase to `exact` and/or `other_exact` (as written, lower-cased, not
/// stemmed); `text:` and `exact:` to their own or other twin as well.
fn route(ast: UserInputAst, texts: Texts) -> UserInputAst {
    match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, sub)| (occur, route(sub, texts)))
                .collect(),
        ),
        UserInputAst::Boost(sub, boost) => UserInputAst::Boost(Box::new(route(*sub, texts)), boost),
        UserInputAst::Leaf(leaf) => match *leaf {
            UserInputLeaf::Literal(lit) => {
                let quoted = lit.delimiter != Delimiter::None;
                // The fields for own words and for the rest (`None`: the parser's default
                // fields, `text` and `exact`).
                let (own, other): (&[Option<&str>], &[Option<&str>]) =
                    match lit.field_name.as_deref() {
                        None if quoted => (&[Some("exact")], &[Some("other_exact")]),
                        None => (&[None], &[Some("other_text"), Some("other_exact")]),
                        Some("text") => (&[Some("text")], &[Some("other_text")]),
                        Some("exact") => (&[Some("exact")], &[Some("other_exact")]),
                        Some(_) => {
                            return UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(lit)));
                        }
                    };
                let fields = texts
                    .own()
                    .then_some(own)
                    .into_iter()
                    .chain(texts.other().then_some(other))
                    .flatten();
                let mut leaves: Vec<UserInputAst> = fields
                    .map(|field| {
                        let mut lit = lit.clone();
                        lit.field_name = field.map(str::to_string);
                        UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(lit)))
                    })
                    .collect();
                if leaves.len() == 1 {
                    leaves.remove(0)
                } else {
                    UserInputAst::Clause(
                        leaves
                            .into_iter()
                            .map(|leaf| (Some(Occur::Should), leaf))
                            .collect(),
                    )
                }
            }
            other => UserInputAst::Leaf(Box::new(other)),
        },
    }
}

/// Quoted phrases of a query as lower-cased words.
pub(crate) type Phrases = Vec<Vec<String>>;

/// Visit the quoted phrases on the exact field.
fn exact_phrases(ast: &UserInputAst, visit: &mut dyn FnMut(&str)) {
    match ast {
        UserInputAst::Clause(clauses) => clauses
            .iter()
            .for_each(|(_, sub)| exact_phrases(sub, visit)),
        UserInputAst::Boost(sub, _) => exact_phrases(sub, visit),
        UserInputAst::Leaf(leaf) => {
            if let UserInputLeaf::Literal(lit) = &**leaf
                && matches!(lit.field_name.as_deref(), Some("exact" | "other_exact"))
                && lit.delimiter != Delimiter::None
            {
                visit(&lit.phrase);
            }
        }
    }
}

/// A syntax error, located with the lenient parser.
fn syntax_error(query: &str) -> Error {
    let (_, errors) = query_grammar::parse_query_lenient(query);
    let (position, detail) = match errors.first() {
        Some(e) => (Some(e.pos), e.message.to_lowercase()),
        None => (None, "invalid syntax".to_string()),
    };
    Error::Query(QueryError {
        query: query.to_string(),
        position,
        message: format!(
            "{detail} (close quotes and brackets; put a word with special characters in quotes)"
        ),
    })
}

/// The fields a query may name, for messages.
const FIELDS: &str = "text, exact, section, kommune, kommunenummer, fylke, size, kind, year, \
    population, lang, segment, question, paragraph_kind";

fn parser_error(query: &str, e: QueryParserError) -> QueryError {
    let at = |needle: &str| query.find(needle);
    let (position, message) = match e {
        QueryParserError::FieldDoesNotExist(f) => (
            at(&format!("{f}:")),
            format!("unknown field {f:?} (expected one of: {FIELDS})"),
        ),
        QueryParserError::FieldNotIndexed(f) => (
            at(&format!("{f}:")),
            format!("field {f:?} cannot be searched (expected one of: {FIELDS})"),
        ),
        QueryParserError::ExpectedInt(_) => (
            None,
            "expected a whole number (year:2026, question:3)".to_string(),
        ),
        QueryParserError::AllButQueryForbidden => (
            None,
            "only excluded words: add a word to search for, or start with * (* -booklet)"
                .to_string(),
        ),
        QueryParserError::FieldDoesNotHavePositionsIndexed(f) => (
            at(&format!("{f}:")),
            format!("field {f:?} has no word positions, so it cannot take a phrase"),
        ),
        other => (None, other.to_string().to_lowercase()),
    };
    QueryError {
        query: query.to_string(),
        position,
        message,
    }
}

/// The best hits of one group.
#[derive(Debug, Clone, Default)]
struct GroupHits {
    count: u64,
    /// At most `per_group`, best first; inline up to the default 3 (one allocation per
    /// group with a hit was a tenth of a search with hits in 15,000 groups).
    top: SmallVec<[(Score, DocAddress); 3]>,
    /// The best hit, also when `per_group` is 0.
    best: Option<(Score, DocAddress)>,
}

impl GroupHits {
    fn best(&self) -> (Score, DocAddress) {
        self.best.unwrap_or((0.0, DocAddress::new(0, 0)))
    }

    fn push(&mut self, hit: (Score, DocAddress), keep: usize) {
        self.count += 1;
        // Most hits of a big group rank below its kept ones: one comparison sends them
        // away (the best hit is then the first kept one, which stays).
        if keep > 0
            && self.top.len() == keep
            && self.top.last().is_some_and(|&w| by_score(w, hit).is_lt())
        {
            return;
        }
        if self.best.is_none_or(|b| by_score(hit, b).is_lt()) {
            self.best = Some(hit);
        }
        if keep == 0 {
            return;
        }
        let at = self.top.partition_point(|&h| by_score(h, hit).is_lt());
        if at < keep {
            self.top.insert(at, hit);
            self.top.truncate(keep);
        }
    }

    fn merge(&mut self, other: GroupHits, keep: usize) {
        let count = self.count + other.count;
        if let Some(b) = other.best
            && self.best.is_none_or(|s| by_score(b, s).is_lt())
        {
            self.best = Some(b);
        }
        for h in other.top {
            let at = self.top.partition_point(|&x| by_score(x, h).is_lt());
            if at < keep {
                self.top.insert(at, h);
                self.top.truncate(keep);
            }
        }
        self.count = count;
    }
}

/// All hits, counted, and the best `per_group` of each group (`{respondent}|{year}`).
struct GroupCollector {
    per_group: usize,
    /// The groups of the searcher's segments.
    table: Arc<GroupTable>,
}

/// Hits per group, in order of first hit; groups without a hit are not there.
struct GroupFruit {
    total: u64,
    groups: Vec<(u32, GroupHits)>,
}

struct GroupSegmentCollector {
    segment: SegmentOrdinal,
    per_group: usize,
    /// The segment's groups, per paragraph.
    table: Arc<SegmentTable>,
    /// The run of the last hit in `table`.
    cursor: usize,
    /// Hits not yet put in their groups (at most [`PENDING`]).
    pending: Vec<(DocId, Score)>,
    /// The group of paragraphs without a key.
    none: u32,
    total: u64,
    /// Column ordinal → 1 + its index in `groups`, 0 while it has no hit; the last slot
    /// is for paragraphs without a key. (A hash map here took a quarter of a search with
    /// hits in many groups.)
    slots: Vec<u32>,
    /// Each group with a hit, in order of first hit.
    groups: Vec<(u32, GroupHits)>,
}

impl Collector for GroupCollector {
    type Fruit = GroupFruit;
    type Child = GroupSegmentCollector;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let table = self.table.segment(reader.segment_id());
        Ok(GroupSegmentCollector {
            segment,
            per_group: self.per_group,
            slots: vec![0; table.groups_of.len() + 1],
            table,
            cursor: 0,
            pending: Vec::with_capacity(PENDING),
            none: self.table.none(),
            total: 0,
            groups: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<GroupFruit>) -> tantivy::Result<GroupFruit> {
        // Group → 1 + its index in `out.groups`. Merging is order-independent: counts
        // add up and hits are ordered by (score, address), which no two hits share.
        let mut slots = vec![0u32; self.table.len()];
        let mut out = GroupFruit {
            total: 0,
            groups: Vec::new(),
        };
        for fruit in fruits {
            out.total += fruit.total;
            for (g, hits) in fruit.groups {
                match slots[g as usize] {
                    0 => {
                        out.groups.push((g, hits));
                        slots[g as usize] = out.groups.len() as u32;
                    }
                    i => out.groups[i as usize - 1].1.merge(hits, self.per_group),
                }
            }
        }
        Ok(out)
    }
}

/// Hits a segment collector keeps before it looks them up in its tables: looking up
/// many in a row lets the processor wait for their cache misses at the same time, which
/// it cannot do while scoring in between.
const PENDING: usize = 512;

impl GroupSegmentCollector {
    /// Put the pending hits in their groups.
    fn flush(&mut self) {
        let none = self.slots.len() - 1;
        for (doc, score) in std::mem::take(&mut self.pending) {
            self.total += 1;
            let slot = self.table.group_ord(doc, &mut self.cursor).min(none);
            let at = match self.slots[slot] {
                0 => {
                    let g = self.table.groups_of.get(slot).copied().unwrap_or(self.none);
                    self.groups.push((g, GroupHits::default()));
                    self.slots[slot] = self.groups.len() as u32;
                    self.groups.len() - 1
                }
                i => i as usize - 1,
            };
            self.groups[at]
                .1
                .push((score, DocAddress::new(self.segment, doc)), self.per_group);
        }
        // `take` left an empty vector without room; give the room back.
        self.pending.reserve(PENDING);
    }
}

impl SegmentCollector for GroupSegmentCollector {
    type Fruit = GroupFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.pending.push((doc, score));
        if self.pending.len() == PENDING {
            self.flush();
        }
    }

    fn harvest(mut self) -> GroupFruit {
        self.flush();
        GroupFruit {
            total: self.total,
            groups: self.groups,
        }
    }
}

/// Hits per size class, county and theme, from the `profile` column: one value per hit.
struct FacetCountCollector {
    table: Arc<GroupTable>,
}

/// Hits per size class, county and theme, by their numbers in [`FacetNames`].
struct FacetFruit {
    size: Vec<u64>,
    fylke: Vec<u64>,
    theme: Vec<u64>,
}

impl FacetFruit {
    fn new(names: &FacetNames) -> FacetFruit {
        FacetFruit {
            size: vec![0; names.size.len()],
            fylke: vec![0; names.fylke.len()],
            theme: vec![0; names.theme.len()],
        }
    }

    /// The counts by name; names without a hit are left out.
    fn named(&self, names: &FacetNames) -> Facets {
        let named = |counts: &[u64], names: &[String]| -> BTreeMap<String, u64> {
            counts
                .iter()
                .zip(names)
                .filter(|(n, _)| **n > 0)
                .map(|(n, name)| (name.clone(), *n))
                .collect()
        };
        Facets {
            theme: named(&self.theme, &names.theme),
            size_class: named(&self.size, &names.size),
            fylke: named(&self.fylke, &names.fylke),
        }
    }
}

struct FacetSegmentCounter {
    /// Hits per profile ordinal.
    counts: Vec<u32>,
    /// Hits not yet counted (at most [`PENDING`]).
    pending: Vec<DocId>,
    /// The segment's profiles, per paragraph.
    segment: Arc<SegmentTable>,
    table: Arc<GroupTable>,
}

impl Collector for FacetCountCollector {
    type Fruit = FacetFruit;
    type Child = FacetSegmentCounter;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let segment = self.table.segment(reader.segment_id());
        Ok(FacetSegmentCounter {
            counts: vec![0; segment.profiles.len()],
            pending: Vec::with_capacity(PENDING),
            segment,
            table: Arc::clone(&self.table),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetFruit>) -> tantivy::Result<FacetFruit> {
        let mut out = FacetFruit::new(&self.table.names);
        for fruit in fruits {
            for (into, from) in [
                (&mut out.size, fruit.size),
                (&mut out.fylke, fruit.fylke),
                (&mut out.theme, fruit.theme),
            ] {
                into.iter_mut().zip(from).for_each(|(a, b)| *a += b);
            }
        }
        Ok(out)
    }
}

impl FacetSegmentCounter {
    /// Count the pending hits.
    fn flush(&mut self) {
        for &doc in &self.pending {
            if let Some(ord) = self.segment.profile_ord(doc)
                && let Some(n) = self.counts.get_mut(ord)
            {
                *n += 1;
            }
        }
        self.pending.clear();
    }
}

impl SegmentCollector for FacetSegmentCounter {
    type Fruit = FacetFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.pending.push(doc);
        if self.pending.len() == PENDING {
            self.flush();
        }
    }

    fn harvest(mut self) -> FacetFruit {
        self.flush();
        let mut out = FacetFruit::new(&self.table.names);
        for (profile, &n) in self.segment.profiles.iter().zip(&self.counts) {
            let Some(p) = profile.as_ref().filter(|_| n > 0) else {
                continue;
            };
            let n = u64::from(n);
            if let Some(s) = p.size {
                out.size[s as usize] += n;
            }
            if let Some(f) = p.fylke {
                out.fylke[f as usize] += n;
            }
            for &t in &p.themes {
                out.theme[t as usize] += n;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoProgress;
    use crate::testdata::{fjordvik, rost, rost_tags};
    use innspill_model::Document;

    fn index() -> (SearchIndex, Document, Document) {
        let (r, f) = (rost(), fjordvik());
        let index = SearchIndex::in_memory().unwrap();
        let tags = rost_tags(&r);
        index
            .update_documents(
                &[(r.clone(), Some(tags)), (f.clone(), None)],
                &mut NoProgress,
            )
            .unwrap();
        (index, r, f)
    }

    fn all_segments(query: &str) -> SearchRequest {
        let mut r = SearchRequest::new(query);
        r.filters.segments = None;
        r
    }

    fn flat(query: &str) -> SearchRequest {
        let mut r = SearchRequest::new(query);
        r.group = false;
        r.limit = 1000;
        r
    }

    /// The highlighted words of a snippet.
    fn marked(snippet: &str) -> Vec<String> {
        snippet
            .split("<b>")
            .skip(1)
            .filter_map(|s| s.split("</b>").next())
            .map(str::to_string)
            .collect()
    }

    fn paragraph_text(doc: &Document, n: u32) -> &str {
        &doc.paragraphs().find(|(_, p)| p.n == n).unwrap().1.text
    }

    #[test]
    fn groups_over_many_segments_count_every_hit_once() {
        // Six respondents, three of them with a second year, one commit per document so
        // that the groups are spread over segments.
        let mut docs = Vec::new();
        for i in 0..6 {
            docs.push((
                crate::testdata::variant(i, "Ekstra tekst om beredskap."),
                None,
            ));
            if i % 2 == 0 {
                let mut d = crate::testdata::variant(i, "Ekstra tekst om beredskap.");
                d.id.push_str("-2025");
                d.year = Some(2025);
                docs.push((d, None));
            }
        }
        let index = SearchIndex::in_memory()
            .unwrap()
            .with_options(crate::UpdateOptions::default().commit_every(1));
        index.update_documents(&docs, &mut NoProgress).unwrap();
        assert!(index.reader.searcher().segment_readers().len() > 1);
        let mut request = SearchRequest::new("beredskap");
        request.per_group = 2;
        let found = index.search(&request).unwrap();
        let per_doc = found.groups[0].total_hits;
        assert!(per_doc > 1, "several paragraphs per document");
        assert_eq!(
            found.groups.len(),
            docs.len(),
            "one group per respondent and year"
        );
        assert!(
            found
                .groups
                .iter()
                .all(|g| g.total_hits == per_doc && g.hits.len() == 2)
        );
        assert_eq!(found.summary.total_hits, per_doc * docs.len() as u64);
        assert_eq!(found.summary.respondents, 6);
        let scores: Vec<f32> = found.groups.iter().map(|g| g.score).collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "best first: {scores:?}"
        );
        // A limit keeps the best groups, in the same order.
        request.limit = 4;
        let limited = index.search(&request).unwrap();
        assert_eq!(limited.groups, found.groups[..4]);
        assert_eq!(limited.summary, found.summary);
    }

    #[test]
    fn the_kept_group_table_follows_new_commits() {
        let mut docs = vec![(
            crate::testdata::variant(0, "Ekstra tekst om beredskap."),
            None,
        )];
        let index = SearchIndex::in_memory().unwrap();
        index.update_documents(&docs, &mut NoProgress).unwrap();
        let before = index.search(&SearchRequest::new("beredskap")).unwrap();
        assert_eq!(before.summary.respondents, 1);
        docs.push((
            crate::testdata::variant(1, "Ekstra tekst om beredskap."),
            None,
        ));
        index.update_documents(&docs, &mut NoProgress).unwrap();
        let after = index.search(&SearchRequest::new("beredskap")).unwrap();
        assert_eq!(after.summary.respondents, 2);
        assert_eq!(after.groups.len(), 2);
        assert_eq!(after.summary.total_hits, 2 * before.summary.total_hits);
        assert!(
            after
                .groups
                .iter()
                .all(|g| g.total_hits == before.groups[0].total_hits)
        );
    }

    #[test]
    fn nynorsk_query_finds_bokmal_and_the_other_way_round() {
        let (index, r, f) = index();
        let found = index.search(&flat("tenester")).unwrap();
        let docs: Vec<&str> = found
            .paragraphs
            .iter()
            .map(|h| h.hit.doc_id.as_str())
            .collect();
        assert!(
            docs.contains(&r.id.as_str()),
            "tenester finds Røst's tjenester: {docs:?}"
        );
        assert!(docs.contains(&f.id.as_str()));
        let rost_hit = found
            .paragraphs
            .iter()
            .find(|h| h.hit.doc_id == r.id)
            .unwrap();
        assert!(
            marked(&rost_hit.hit.snippet)
                .iter()
                .any(|w| w.starts_with("tjeneste")),
            "{}",
            rost_hit.hit.snippet
        );
        let back = index.search(&flat("tjenester")).unwrap();
        assert!(
            back.paragraphs.iter().any(|h| h.hit.doc_id == f.id),
            "tjenester finds tenestene"
        );
    }

    #[test]
    fn a_simple_word_finds_compounds_that_contain_it() {
        let (index, r, f) = index();
        // The seed's case text has «beredskapsutfordringer»; Fjordvik has «Beredskapsplanen».
        let found = index
            .search(&{
                let mut q = flat("beredskap");
                q.filters.segments = None;
                q
            })
            .unwrap();
        let words: Vec<String> = found
            .paragraphs
            .iter()
            .flat_map(|h| marked(&h.hit.snippet))
            .collect();
        assert!(
            words.iter().any(|w| w == "beredskapsutfordringer"),
            "{words:?}"
        );
        assert!(words.iter().any(|w| w == "Beredskapsplanen"), "{words:?}");
        assert!(found.paragraphs.iter().any(|h| h.hit.doc_id == f.id));
        // Every hit's paragraph really contains a word with «beredskap» in it.
        for h in &found.paragraphs {
            let doc = if h.hit.doc_id == r.id { &r } else { &f };
            assert!(
                paragraph_text(doc, h.hit.paragraph)
                    .to_lowercase()
                    .contains("beredskap")
            );
        }
        // The compound in a query asks for the compound, not for each of its parts.
        let compound = index.search(&all_segments("beredskapsplanen")).unwrap();
        let all = [
            SegmentKind::Case,
            SegmentKind::Booklet,
            SegmentKind::Statement,
        ];
        let expected = crate::testdata::containing(&r, "beredskapsplan", &all)
            + crate::testdata::containing(&f, "beredskapsplan", &all);
        assert_eq!(compound.summary.total_hits, expected as u64);
        assert!(expected < found.paragraphs.len());
    }

    #[test]
    fn a_quoted_phrase_matches_exactly() {
        let (index, r, _) = index();
        let phrase = "\"likeverdige og forsvarlige tjenester\"";
        let found = index.search(&flat(phrase)).unwrap();
        assert_eq!(found.summary.total_hits, 1);
        let hit = &found.paragraphs[0].hit;
        let text = paragraph_text(&r, hit.paragraph);
        assert!(text.contains("likeverdige og forsvarlige tjenester"));
        // The phrase reads as one mark.
        assert_eq!(
            marked(&hit.snippet),
            ["likeverdige og forsvarlige tjenester"]
        );
        // Other word forms, other order or other words in between do not match.
        for q in [
            "\"likeverdig og forsvarlig tjeneste\"",
            "\"forsvarlige og likeverdige tjenester\"",
            "\"likeverdige forsvarlige tjenester\"",
        ] {
            assert_eq!(index.search(&flat(q)).unwrap().summary.total_hits, 0, "{q}");
        }
        // Unquoted, the same words match by their stems, in any order.
        assert!(
            index
                .search(&flat("forsvarlig likeverdig tjeneste"))
                .unwrap()
                .summary
                .total_hits
                >= 1
        );
        // A quoted single word matches that form only.
        let exact = index
            .search(&all_segments("\"tjenestene\""))
            .unwrap()
            .summary
            .total_hits;
        let stems = index
            .search(&all_segments("tjenestene"))
            .unwrap()
            .summary
            .total_hits;
        assert!(0 < exact && exact < stems, "{exact} < {stems}");
    }

    #[test]
    fn booklet_text_is_not_searched_unless_asked() {
        let (index, r, _) = index();
        // «Totalberedskapsmeldingen» stands only in the quoted booklet.
        let q = "totalberedskapsmeldingen";
        assert_eq!(
            index
                .search(&SearchRequest::new(q))
                .unwrap()
                .summary
                .total_hits,
            0
        );
        let all = index.search(&all_segments(q)).unwrap();
        let least = crate::testdata::containing(&r, q, &[SegmentKind::Booklet]) as u64;
        let most = crate::testdata::containing_joined(&r, q, &[SegmentKind::Booklet]) as u64;
        assert!(
            (least..=most).contains(&all.summary.total_hits),
            "{least}..={most}"
        );
        assert!(all.groups[0].hits.iter().all(|h| h.segment == "booklet"));
    }

    #[test]
    fn other_paragraphs_are_found_however_the_query_names_the_text() {
        let (index, _, _) = index();
        let word = "totalberedskapsmeldingen";
        for q in [
            word.to_string(),
            format!("\"{word}\""),
            format!("text:{word}"),
            format!("exact:{word}"),
            format!("{word} OR nosuchword"),
        ] {
            let own = index.search(&flat(&q)).unwrap();
            assert_eq!(own.summary.total_hits, 0, "{q}");
            for segments in [None, Some(vec![SegmentKind::Booklet])] {
                let mut request = flat(&q);
                request.filters.segments = segments.clone();
                let found = index.search(&request).unwrap();
                assert!(found.summary.total_hits > 0, "{q} {segments:?}");
                assert!(
                    found.paragraphs.iter().all(|h| h.hit.segment == "booklet"
                        // (One has the word broken over a line: «totalberedskaps meldingen».)
                        && h.hit.snippet.to_lowercase().contains("<b>totalberedskaps")),
                    "{q} {segments:?}"
                );
            }
        }
        // Excluding the word excludes it from the other paragraphs too.
        let mut request = flat(&format!("beredskap -{word}"));
        request.filters.segments = None;
        request.limit = 10_000;
        let found = index.search(&request).unwrap();
        assert!(found.summary.total_hits > 0);
        assert!(
            found
                .paragraphs
                .iter()
                .all(|h| !h.hit.snippet.to_lowercase().contains(word))
        );
    }

    #[test]
    fn the_segment_filter_is_left_out_only_where_the_words_imply_it() {
        let own =
            |q: &str| needs_own_text(&route(query_grammar::parse_query(q).unwrap(), Texts::Own));
        for q in [
            "beredskap",
            "beredskap kommune:røst",
            "kommune:røst AND beredskap",
            "\"lokalt handlingsrom\"",
            "beredskap OR tenester",
            "text:beredskap",
            "exact:beredskap OR \"ikke bare\"",
            "(beredskap OR tenester) -klima",
            "beredskap^2",
        ] {
            assert!(own(q), "{q}");
        }
        for q in [
            "kommune:røst",
            "beredskap OR kommune:røst",
            "-beredskap",
            "section:beredskap",
            "year:[2024 TO 2026]",
            "segment:booklet",
        ] {
            assert!(!own(q), "{q}");
        }
        // And the hits are the same either way.
        let (index, _, _) = index();
        for q in ["kommune", "beredskap OR kommune:røst", "\"ikke bare\""] {
            let parsed = index.parse_query_in(q, Texts::Own).unwrap();
            let filters = Filters::default();
            let with = index
                .with_filters(parsed.query.box_clone(), &filters, false)
                .unwrap();
            let without = index
                .with_filters(parsed.query.box_clone(), &filters, parsed.own_only)
                .unwrap();
            let searcher = index.reader.searcher();
            let docs = |query: &dyn Query| {
                searcher
                    .search(query, &TopDocs::with_limit(100_000).order_by_score())
                    .unwrap()
            };
            assert_eq!(docs(&*with), docs(&*without), "{q}");
        }
    }

    #[test]
    fn excluded_phrases_never_trip_tantivy_over_a_passed_target() {
        // Found by the search fuzz target: in a build with debug assertions, tantivy's
        // phrase scorer stopped at `-"vi i" i` (asked for a document before its own first
        // match). The exclusion must hold too.
        let (index, r, f) = index();
        let text = |h: &ParagraphHit| {
            let doc = if h.hit.doc_id == r.id { &r } else { &f };
            paragraph_text(doc, h.hit.paragraph).to_string()
        };
        let mut excluded_some = false;
        for (q, positive, phrase) in [
            ("-\"vi i\" i", "i", "vi i"),
            ("i -\"vi i\"", "i", "vi i"),
            ("kommune -\"kommunen har\"", "kommune", "kommunen har"),
        ] {
            for segments in [
                None,
                Some(default_segments()),
                Some(vec![SegmentKind::Booklet]),
            ] {
                let mut request = flat(q);
                request.filters.segments = segments.clone();
                request.limit = 10_000;
                let found = index.search(&request).unwrap();
                assert!(
                    found
                        .paragraphs
                        .iter()
                        .all(|h| !has_phrase(&text(h), phrase)),
                    "{q} {segments:?}"
                );
                let mut all = flat(positive);
                all.filters.segments = segments;
                all.limit = 10_000;
                let everything = index.search(&all).unwrap().summary.total_hits;
                excluded_some |= found.summary.total_hits < everything;
            }
        }
        assert!(excluded_some, "the phrases occur in the test documents");
    }

    #[test]
    fn words_go_to_the_text_fields_of_the_segments_searched() {
        let fields = |texts: Texts| {
            let ast = query_grammar::parse_query("a \"b c\" text:d exact:e kommune:f").unwrap();
            let mut out = Vec::new();
            fn walk(ast: &UserInputAst, out: &mut Vec<String>) {
                match ast {
                    UserInputAst::Clause(c) => c.iter().for_each(|(_, a)| walk(a, out)),
                    UserInputAst::Boost(a, _) => walk(a, out),
                    UserInputAst::Leaf(leaf) => {
                        if let UserInputLeaf::Literal(lit) = &**leaf {
                            out.push(format!(
                                "{}={}",
                                lit.field_name.as_deref().unwrap_or("*"),
                                lit.phrase
                            ));
                        }
                    }
                }
            }
            walk(&route(ast, texts), &mut out);
            out.join(" ")
        };
        assert_eq!(fields(Texts::Own), "*=a exact=b c text=d exact=e kommune=f");
        assert_eq!(
            fields(Texts::Other),
            "other_text=a other_exact=a other_exact=b c other_text=d other_exact=e kommune=f"
        );
        assert_eq!(
            fields(Texts::Both),
            "*=a other_text=a other_exact=a exact=b c other_exact=b c text=d other_text=d \
             exact=e other_exact=e kommune=f"
        );
    }

    #[test]
    fn grouped_by_respondent_with_citation_and_facets_over_all_hits() {
        let (index, r, _) = index();
        let mut req = SearchRequest::new("kommunene OR kommunane");
        req.per_group = 2;
        let found = index.search(&req).unwrap();
        assert_eq!(found.groups.len(), 2);
        assert_eq!(found.summary.respondents, 2);
        let total: u64 = found.groups.iter().map(|g| g.total_hits).sum();
        assert_eq!(total, found.summary.total_hits);
        assert!(found.groups[0].score >= found.groups[1].score);
        let rost = found
            .groups
            .iter()
            .find(|g| g.respondent.kommunenummer.as_deref() == Some("1856"))
            .unwrap();
        assert_eq!(rost.respondent.name.as_deref(), Some("Røst"));
        assert_eq!(rost.respondent.size_class.as_deref(), Some("liten"));
        assert!(rost.hits.len() <= 2 && rost.hits[0].score >= rost.hits.last().unwrap().score);
        let hit = &rost.hits[0];
        assert_eq!(
            hit.citation,
            format!("Røst kommune, 2026, s. {}", hit.page.unwrap())
        );
        let p = r
            .paragraphs()
            .find(|(_, p)| p.n == hit.paragraph)
            .unwrap()
            .1;
        assert_eq!((hit.start, hit.end), (p.start, p.end));
        let f = &found.summary.facets;
        assert_eq!(f.size_class.values().sum::<u64>(), found.summary.total_hits);
        assert_eq!(f.fylke.keys().collect::<Vec<_>>(), ["Nordland", "Vestland"]);
    }

    #[test]
    fn theme_facets_and_filters() {
        let (index, r, _) = index();
        let found = index.search(&SearchRequest::new("*")).unwrap();
        let tags = rost_tags(&r);
        let with = |theme: &str| {
            tags.paragraphs
                .iter()
                .filter(|p| p.tags.iter().any(|t| t.theme == theme))
                .count() as u64
        };
        assert_eq!(
            found.summary.facets.theme.get("preparedness"),
            Some(&with("preparedness"))
        );
        assert_eq!(
            found.summary.facets.theme.get("workforce"),
            Some(&with("workforce"))
        );
        let mut req = SearchRequest::new("*");
        req.filters.themes = vec!["preparedness".into()];
        assert_eq!(
            index.search(&req).unwrap().summary.total_hits,
            with("preparedness")
        );
        req.filters.themes.clear();
        req.filters.subs = vec!["exercises".into()];
        assert_eq!(
            index.search(&req).unwrap().summary.total_hits,
            with("preparedness")
        );
        req.filters.subs = vec!["preparedness/exercises".into()];
        let hits = index.search(&req).unwrap();
        assert!(
            hits.groups[0]
                .hits
                .iter()
                .all(|h| h.themes.contains(&"preparedness".to_string()))
        );
    }

    #[test]
    fn respondent_filters() {
        let (index, _, f) = index();
        let count = |filters: Filters| {
            let mut req = SearchRequest::new("*");
            req.filters = filters;
            index.search(&req).unwrap().summary.total_hits
        };
        let fjordvik = f.paragraphs().count() as u64;
        assert_eq!(
            count(Filters {
                fylker: vec!["vestland".into()],
                ..Default::default()
            }),
            fjordvik
        );
        assert_eq!(
            count(Filters {
                kommuner: vec!["4699".into()],
                ..Default::default()
            }),
            fjordvik
        );
        assert_eq!(
            count(Filters {
                kommuner: vec!["FJORDVIK".into()],
                ..Default::default()
            }),
            fjordvik
        );
        assert_eq!(
            count(Filters {
                sizes: vec![SizeClass::Mellomstor],
                ..Default::default()
            }),
            fjordvik
        );
        assert_eq!(
            count(Filters {
                langs: vec![Lang::Nn],
                ..Default::default()
            }),
            fjordvik
        );
        assert_eq!(
            count(Filters {
                years: vec![2025],
                ..Default::default()
            }),
            0
        );
        let both = count(Filters {
            kommuner: vec!["4699".into(), "Røst".into()],
            ..Default::default()
        });
        assert_eq!(both, count(Filters::default()));
        // Query syntax reaches the same fields.
        let by_syntax = index
            .search(&SearchRequest::new("fylke:vestland AND year:2026"))
            .unwrap();
        assert_eq!(by_syntax.summary.total_hits, fjordvik);
    }

    #[test]
    fn bad_queries_say_where_and_why() {
        let (index, _, _) = index();
        let err = |q: &str| match index.search(&SearchRequest::new(q)) {
            Err(Error::Query(e)) => e,
            other => panic!("{q}: expected a query error, got {other:?}"),
        };
        let e = err("beredskap AND (kommune");
        assert!(e.position.is_some(), "{e}");
        assert!(e.to_string().contains('^'), "{e}");
        let e = err("fylket:nordland");
        assert_eq!(e.position, Some(0));
        assert!(e.message.contains("unknown field \"fylket\""), "{e}");
        let e = err("-beredskap");
        assert!(e.message.contains("only excluded"), "{e}");
        let e = err("year:tjue");
        assert!(e.message.contains("whole number"), "{e}");
    }

    #[test]
    fn unparseable_input_never_panics() {
        let (index, _, _) = index();
        for q in [
            "\"",
            "(",
            ")",
            "AND",
            "OR OR",
            "a:",
            ":",
            "[1 TO",
            "\\",
            "*:*",
            "-",
            "+",
            "^2",
            "«»",
            "\"\"",
            "text:\"\"",
        ] {
            let _ = index.search(&SearchRequest::new(q));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn any_query_gives_results_or_an_error(q in "[a-zæøå\"():*^~+\\- ]{0,24}") {
            static INDEX: std::sync::LazyLock<SearchIndex> = std::sync::LazyLock::new(|| {
                let index = SearchIndex::in_memory().unwrap();
                index.update_documents(&[(fjordvik(), None)], &mut NoProgress).unwrap();
                index
            });
            let _ = INDEX.search(&SearchRequest::new(q));
        }
    }

    #[test]
    fn snippets_highlight_the_words_at_their_offsets() {
        let (index, r, _) = index();
        let found = index.search(&flat("arbeidskraft")).unwrap();
        assert!(found.summary.total_hits > 0);
        for h in &found.paragraphs {
            let text = paragraph_text(&r, h.hit.paragraph);
            for w in marked(&h.hit.snippet) {
                assert!(text.contains(&w), "{w:?} is in the paragraph");
                assert!(
                    w.to_lowercase().contains("arbeidskraft"),
                    "{w:?} in {}",
                    h.hit.snippet
                );
            }
        }
        // Deterministic: the same search gives the same results.
        assert_eq!(index.search(&flat("arbeidskraft")).unwrap(), found);
    }

    #[test]
    fn filters_narrow_the_hits_without_changing_their_scores() {
        let (index, _, _) = index();
        let key = |h: &ParagraphHit| (h.hit.doc_id.clone(), h.hit.paragraph);
        let mut all = flat("kommune");
        all.filters.segments = None;
        let everything: BTreeMap<_, f32> = index
            .search(&all)
            .unwrap()
            .paragraphs
            .iter()
            .map(|h| (key(h), h.score))
            .collect();
        let mut filtered = flat("kommune");
        filtered.filters.segments = Some(vec![SegmentKind::Statement]);
        filtered.filters.kommuner = vec!["1856".to_string()];
        let found = index.search(&filtered).unwrap();
        assert!(!found.paragraphs.is_empty());
        assert!(found.paragraphs.len() < everything.len());
        for h in &found.paragraphs {
            assert_eq!(
                (
                    h.hit.segment.as_str(),
                    h.respondent.kommunenummer.as_deref()
                ),
                ("statement", Some("1856"))
            );
            assert_eq!(everything[&key(h)], h.score, "{:?}", key(h));
        }
    }

    #[test]
    fn paragraphs_mode_is_a_flat_ranked_list() {
        let (index, _, _) = index();
        let mut req = flat("kommune");
        req.limit = 5;
        let found = index.search(&req).unwrap();
        assert_eq!(found.paragraphs.len(), 5);
        assert!(found.groups.is_empty());
        assert!(
            found
                .paragraphs
                .windows(2)
                .all(|w| w[0].score >= w[1].score)
        );
        let json = serde_json::to_value(&found.paragraphs[0]).unwrap();
        for key in [
            "kommunenummer",
            "name",
            "kind",
            "size_class",
            "fylke",
            "year",
            "score",
            "doc_id",
            "paragraph",
            "page",
            "segment",
            "snippet",
            "start",
            "end",
            "themes",
        ] {
            assert!(json.get(key).is_some(), "{key} in {json}");
        }
    }

    /// The sample world, indexed once for all tests that use it.
    fn sample() -> &'static (SearchIndex, Vec<(Document, innspill_model::DocumentTags)>) {
        static SAMPLE: std::sync::LazyLock<(
            SearchIndex,
            Vec<(Document, innspill_model::DocumentTags)>,
        )> = std::sync::LazyLock::new(|| {
            let docs = crate::testdata::sample();
            let index = SearchIndex::in_memory().unwrap();
            let input: Vec<_> = docs
                .iter()
                .map(|(d, t)| (d.clone(), Some(t.clone())))
                .collect();
            index.update_documents(&input, &mut NoProgress).unwrap();
            (index, docs)
        });
        &SAMPLE
    }

    /// Whether `text` has `phrase` (lower case) as whole words.
    fn has_phrase(text: &str, phrase: &str) -> bool {
        let text = text.to_lowercase();
        text.match_indices(phrase).any(|(i, m)| {
            let before = text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after = text[i + m.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
    }

    #[test]
    fn sample_nynorsk_and_bokmal_find_each_other() {
        let (index, docs) = sample();
        assert!(docs.iter().any(|(d, _)| d.language == Some(Lang::Nn)));
        for (query, lang, stem) in [
            ("tjenester", Lang::Nn, "tenest"),
            ("tenester", Lang::Nb, "tjenest"),
        ] {
            let mut req = flat(query);
            req.filters.langs = vec![lang];
            let found = index.search(&req).unwrap();
            assert!(found.summary.total_hits > 0, "{query} finds {lang:?} text");
            for h in &found.paragraphs {
                let words = marked(&h.hit.snippet);
                assert!(
                    words.iter().any(|w| w.to_lowercase().contains(stem)),
                    "{query}: {} marks {words:?}",
                    h.hit.snippet
                );
            }
        }
    }

    #[test]
    fn sample_simple_word_finds_compounds() {
        let (index, docs) = sample();
        let mut req = flat("beredskap");
        req.limit = 100_000;
        let found = index.search(&req).unwrap();
        let hit: std::collections::HashSet<(String, u32)> = found
            .paragraphs
            .iter()
            .map(|h| (h.hit.doc_id.clone(), h.hit.paragraph))
            .collect();
        let mut only_in_compounds = 0;
        for (d, _) in docs {
            for (_, p) in d.paragraphs() {
                let key = (d.id.clone(), p.n);
                if has_phrase(&p.text, "beredskap") {
                    assert!(hit.contains(&key), "{} §{}: {}", d.id, p.n, p.text);
                } else if p.text.to_lowercase().contains("beredskap") && hit.contains(&key) {
                    only_in_compounds += 1;
                }
            }
        }
        assert!(
            only_in_compounds > 0,
            "some hits have «beredskap» only inside compounds"
        );
    }

    #[test]
    fn sample_quoted_phrase_matches_exactly() {
        let (index, docs) = sample();
        let phrase = "lokalt handlingsrom";
        let expected = docs
            .iter()
            .flat_map(|(d, _)| d.paragraphs())
            .filter(|(_, p)| has_phrase(&p.text.replace('\n', " "), phrase))
            .count() as u64;
        assert!(expected > 0);
        let found = index.search(&flat(&format!("\"{phrase}\""))).unwrap();
        assert_eq!(found.summary.total_hits, expected);
        let reversed = index.search(&flat("\"handlingsrom lokalt\"")).unwrap();
        assert_eq!(reversed.summary.total_hits, 0);
    }

    /// The facet counts of `request` as tantivy's `FacetCollector` makes them from the
    /// `facet` field (what searches counted before the `profile` column).
    fn facet_field_counts(index: &SearchIndex, request: &SearchRequest) -> Facets {
        let texts = Texts::of(&request.filters);
        let parsed = index.parse_query_in(&request.query, texts).unwrap();
        let query = index
            .with_filters(parsed.query, &request.filters, parsed.own_only)
            .unwrap();
        let mut collector = tantivy::collector::FacetCollector::for_field("facet");
        for root in ["theme", "size", "fylke"] {
            collector.add_facet(facet_path(&[root]));
        }
        let counts = index.reader.searcher().search(&*query, &collector).unwrap();
        let level = |root: &str| -> BTreeMap<String, u64> {
            counts
                .get(facet_path(&[root]))
                .filter_map(|(facet, n)| facet.to_path().last().map(|s| (s.to_string(), n)))
                .collect()
        };
        Facets {
            theme: level("theme"),
            size_class: level("size"),
            fylke: level("fylke"),
        }
    }

    #[test]
    fn facet_counts_from_profiles_equal_those_of_the_facet_field() {
        let (seed, _, _) = index();
        let (world, _) = sample();
        for (index, q) in [
            (world, "*"),
            (world, "kommunane"),
            (world, "beredskap OR tenester"),
            (world, "\"lokalt handlingsrom\""),
            (world, "nosuchwordanywhere"),
            (&seed, "*"),
            (&seed, "kommune"),
        ] {
            for segments in [None, Some(crate::schema::default_segments())] {
                let mut request = SearchRequest::new(q);
                request.filters.segments = segments;
                let found = index.search(&request).unwrap();
                assert_eq!(
                    found.summary.facets,
                    facet_field_counts(index, &request),
                    "{q}"
                );
                let sizes: u64 = found.summary.facets.size_class.values().sum();
                assert!(sizes <= found.summary.total_hits);
            }
        }
    }

    #[test]
    fn sample_theme_facets_count_the_planted_tags() {
        let (index, docs) = sample();
        let found = index.search(&SearchRequest::new("*")).unwrap();
        for theme in ["workforce", "preparedness", "autonomy", "welfare"] {
            let planted = docs
                .iter()
                .flat_map(|(_, t)| &t.paragraphs)
                .filter(|p| p.tags.iter().any(|t| t.theme == theme))
                .count() as u64;
            assert_eq!(
                found.summary.facets.theme.get(theme).copied().unwrap_or(0),
                planted,
                "{theme}"
            );
        }
    }
}
