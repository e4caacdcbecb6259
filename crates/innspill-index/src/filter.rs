//! A filter with alternatives (`--segment statement,decision`, `--fylke a,b`): any of a few
//! terms, scored as tantivy's union of term queries scores it, but cheap to seek.
//!
//! Tantivy runs a `BooleanQuery` of `Should` term clauses as a buffered union, which on
//! every seek far ahead reads the next 4,096 documents of every term's postings. Inside a
//! search, such a filter is sought once per candidate of the (usually rarer) query, and
//! with the default segment filter (`statement` and `decision`, most of the index) that
//! was a fifth of a search. [`AnyTermQuery`] seeks each term's postings through their
//! skip lists instead. It matches the same documents with the same score (the sum, in
//! term order from 0, of the matching terms' scores) and reports the same cost, so the
//! intersection around it orders and adds up its clauses as before: results do not change.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

/// Documents with any of `terms` (indexed without frequencies, as keyword fields are).
#[derive(Debug, Clone)]
pub(crate) struct AnyTermQuery {
    terms: Vec<Term>,
}

impl AnyTermQuery {
    pub(crate) fn new(terms: Vec<Term>) -> AnyTermQuery {
        AnyTermQuery { terms }
    }
}

impl Query for AnyTermQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let terms = self
            .terms
            .iter()
            .map(|t| TermQuery::new(t.clone(), IndexRecordOption::Basic).weight(enable_scoring))
            .collect::<tantivy::Result<_>>()?;
        Ok(Box::new(AnyTermWeight { terms }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for t in &self.terms {
            visitor(t, false);
        }
    }
}

struct AnyTermWeight {
    terms: Vec<Box<dyn Weight>>,
}

impl Weight for AnyTermWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let terms = self
            .terms
            .iter()
            .map(|w| w.scorer(reader, boost))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(AnyTermScorer::new(terms, reader.max_doc())))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #({doc}) does not match"
            )));
        }
        let mut explanation = Explanation::new("any of the filter's terms", scorer.score());
        for w in &self.terms {
            if let Ok(e) = w.explain(reader, doc) {
                explanation.add_detail(e);
            }
        }
        Ok(explanation)
    }
}

/// The union of a few term scorers, each sought on its own.
struct AnyTermScorer {
    terms: Vec<Box<dyn Scorer>>,
    doc: DocId,
    cost: u64,
    size_hint: u32,
}

impl AnyTermScorer {
    fn new(terms: Vec<Box<dyn Scorer>>, max_doc: DocId) -> AnyTermScorer {
        // As the buffered union: the cost is the sum of the terms' costs.
        let cost = terms.iter().map(|t| t.cost()).sum();
        let size_hint = terms
            .iter()
            .map(|t| u64::from(t.size_hint()))
            .sum::<u64>()
            .min(u64::from(max_doc)) as u32;
        let mut scorer = AnyTermScorer {
            terms,
            doc: TERMINATED,
            cost,
            size_hint,
        };
        scorer.doc = scorer.first();
        scorer
    }

    fn first(&self) -> DocId {
        self.terms
            .iter()
            .map(|t| t.doc())
            .min()
            .unwrap_or(TERMINATED)
    }
}

impl DocSet for AnyTermScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let doc = self.doc;
        for t in &mut self.terms {
            if t.doc() == doc {
                t.advance();
            }
        }
        self.doc = self.first();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for t in &mut self.terms {
            if t.doc() < target {
                t.seek(target);
            }
        }
        self.doc = self.first();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.size_hint
    }

    fn cost(&self) -> u64 {
        self.cost
    }
}

impl Scorer for AnyTermScorer {
    fn score(&mut self) -> Score {
        // As tantivy's `SumCombiner`: from 0, in term order.
        let mut score = 0.0;
        for t in &mut self.terms {
            if t.doc() == self.doc {
                score += t.score();
            }
        }
        score
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{fjordvik, rost, rost_tags};
    use crate::{NoProgress, SearchIndex};
    use tantivy::collector::DocSetCollector;
    use tantivy::query::{BooleanQuery, Occur};
    use tantivy::schema::Facet;
    use tantivy::{DocAddress, Searcher};

    /// Every (document, score bits) `query` matches, with the query `beredskap` in front.
    fn scored(
        searcher: &Searcher,
        index: &SearchIndex,
        filter: Box<dyn Query>,
    ) -> Vec<(DocAddress, u32)> {
        let user = index.parse_query("beredskap OR kommune").unwrap().0;
        let query = BooleanQuery::new(vec![(Occur::Must, user), (Occur::Must, filter)]);
        let docs = searcher.search(&query, &DocSetCollector).unwrap();
        let weight = query
            .weight(EnableScoring::enabled_from_searcher(searcher))
            .unwrap();
        let mut out: Vec<(DocAddress, u32)> = docs
            .into_iter()
            .map(|a| {
                let reader = searcher.segment_reader(a.segment_ord);
                let mut scorer = weight.scorer(reader, 1.0).unwrap();
                assert_eq!(scorer.seek(a.doc_id), a.doc_id);
                (a, scorer.score().to_bits())
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn matches_and_scores_as_a_union_of_term_queries() {
        let (r, f) = (rost(), fjordvik());
        let index = SearchIndex::in_memory()
            .unwrap()
            .with_options(crate::UpdateOptions::default().commit_every(1));
        let tags = rost_tags(&r);
        index
            .update_documents(&[(r, Some(tags)), (f, None)], &mut NoProgress)
            .unwrap();
        let searcher = index.reader.searcher();
        let fl = &index.fields;
        let facet = |p: &str| Term::from_facet(fl.facet, &Facet::from_text(p).unwrap());
        for terms in [
            vec![
                Term::from_field_text(fl.segment, "statement"),
                Term::from_field_text(fl.segment, "decision"),
            ],
            vec![
                Term::from_field_text(fl.segment, "booklet"),
                Term::from_field_text(fl.segment, "statement"),
                Term::from_field_text(fl.segment, "case"),
            ],
            // Paragraphs with both themes match both terms: their scores add up.
            vec![facet("/theme/preparedness"), facet("/theme/workforce")],
            vec![
                Term::from_field_text(fl.segment, "no-such-kind"),
                Term::from_field_text(fl.fylke, "nordland"),
            ],
        ] {
            let union = BooleanQuery::new(
                terms
                    .iter()
                    .map(|t| {
                        (
                            Occur::Should,
                            Box::new(TermQuery::new(t.clone(), IndexRecordOption::Basic))
                                as Box<dyn Query>,
                        )
                    })
                    .collect(),
            );
            let expected = scored(&searcher, &index, Box::new(union));
            assert!(!expected.is_empty(), "{terms:?}");
            let got = scored(
                &searcher,
                &index,
                Box::new(AnyTermQuery::new(terms.clone())),
            );
            assert_eq!(got, expected, "{terms:?}");
        }
    }
}
