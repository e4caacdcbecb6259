//! Any query string, with any of the segment and presentation options, against an index of
//! the real Røst document (case text, the quoted booklet, the statement): a result or a
//! query error, never a panic; and the results hold together (hits within the totals,
//! snippets with balanced marks, character ranges in order, facets within the hits).
//!
//! The first byte picks the options; the rest, read as UTF-8 with replacements, is the
//! query in tantivy's syntax.
#![no_main]

use std::sync::OnceLock;

use innspill_index::{Hit, NoProgress, SearchIndex, SearchRequest};
use innspill_ingest::{Ingester, RegisterImport};
use innspill_model::SegmentKind;
use libfuzzer_sys::fuzz_target;

/// The committed copy of the real seed document, and the booklet it quotes.
const ROST: &[u8] = include_bytes!("../../corpus/real/rost-2026.txt");
const BOOKLET: &str = include_str!("../../corpus/reference/ks-2026-tid-for-taktskifte.txt");

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut register = RegisterImport::new();
        register
            .add_csv("register.csv", innspill_fuzz::REGISTER_CSV)
            .expect("the fuzz register is valid");
        let ingester = Ingester::builder()
            .register(register.finish())
            .analyzer(innspill_fuzz::analyzer().clone())
            .reference("ks-2026", BOOKLET)
            .build();
        let doc = ingester
            .ingest_bytes("rost-2026.txt", ROST, None)
            .expect("the seed document reads");
        if std::env::var_os("INNSPILL_FUZZ_DEBUG").is_some() {
            let kinds: Vec<_> = doc
                .segments
                .iter()
                .map(|s| (s.kind, s.paragraphs.len()))
                .collect();
            eprintln!("innspill-fuzz: search index of {kinds:?}");
        }
        let index = SearchIndex::in_memory().expect("an index in memory");
        index
            .update_documents(&[(doc, None)], &mut NoProgress)
            .expect("the seed document indexes");
        index
    })
}

fn check(hit: &Hit) {
    assert!(hit.start <= hit.end, "{hit:?}");
    assert_eq!(
        hit.snippet.matches("<b>").count(),
        hit.snippet.matches("</b>").count(),
        "{hit:?}"
    );
    assert!(!hit.snippet.contains("<b><b>"), "{hit:?}");
}

fuzz_target!(|data: &[u8]| {
    let Some((&options, query)) = data.split_first() else {
        return;
    };
    let mut request = SearchRequest::new(String::from_utf8_lossy(query));
    request.filters.segments = match options % 4 {
        0 => request.filters.segments,
        1 => None,
        2 => Some(vec![SegmentKind::Booklet]),
        _ => Some(vec![SegmentKind::Decision, SegmentKind::Case]),
    };
    request.group = options & 4 == 0;
    request.limit = usize::from(options >> 4) % 8;
    request.snippet_len = 20 + usize::from(options >> 3) * 7;
    if std::env::var_os("INNSPILL_FUZZ_DEBUG").is_some() {
        eprintln!("innspill-fuzz: {request:?}");
    }
    let Ok(found) = index().search(&request) else {
        return;
    };
    let summary = &found.summary;
    let shown: u64 = found.groups.iter().map(|g| g.total_hits).sum();
    assert!(shown <= summary.total_hits, "{summary:?}");
    assert!(found.paragraphs.len() as u64 <= summary.total_hits);
    assert!(found.groups.len() <= request.limit.max(1));
    let sizes: u64 = summary.facets.size_class.values().sum();
    assert!(sizes <= summary.total_hits, "{summary:?}");
    for theme in summary.facets.theme.values() {
        assert!(*theme <= summary.total_hits);
    }
    for group in &found.groups {
        assert!(!group.hits.is_empty() && group.hits.len() <= request.per_group);
        group.hits.iter().for_each(check);
    }
    found.paragraphs.iter().for_each(|p| check(&p.hit));
});
