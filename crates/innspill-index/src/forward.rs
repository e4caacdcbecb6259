//! Excluded clauses (`-word`, `-"a phrase"`) that answer a look back without asking.
//!
//! When tantivy (0.27) builds the scorer of `a -"b c"`, it asks the excluded phrase whether
//! it holds the first document of `a`, while the phrase's scorer already stands on its own
//! first match, further on. Its other docsets answer "no" to a target they have passed;
//! the phrase scorer asserts instead (a `debug_assert`, so only test and fuzz builds
//! stopped: the search fuzz target found it with `-"vi i" i` over all segments). In release
//! builds the answer is right. [`ForwardOnly`] wraps each excluded clause so that a target
//! below what its scorer has already passed is answered "not there" by the wrapper, and the
//! scorer only ever sees targets at or after its position.

use tantivy::query::{BooleanQuery, EnableScoring, Explanation, Occur, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term};

/// `query` with every excluded clause (at any depth of boolean queries) wrapped in
/// [`ForwardOnly`]; anything else is kept as it is.
pub(crate) fn guard_exclusions(query: Box<dyn Query>) -> Box<dyn Query> {
    let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
        return query;
    };
    let clauses = boolean
        .clauses()
        .iter()
        .map(|(occur, sub)| {
            let sub = guard_exclusions(sub.box_clone());
            match occur {
                Occur::MustNot => (*occur, Box::new(ForwardOnly(sub)) as Box<dyn Query>),
                _ => (*occur, sub),
            }
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// A query whose scorers answer a seek to a document before their position (see the
/// module docs); otherwise the wrapped query's.
#[derive(Debug)]
pub(crate) struct ForwardOnly(Box<dyn Query>);

impl Clone for ForwardOnly {
    fn clone(&self) -> Self {
        ForwardOnly(self.0.box_clone())
    }
}

impl Query for ForwardOnly {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ForwardOnlyWeight(self.0.weight(enable_scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct ForwardOnlyWeight(Box<dyn Weight>);

impl Weight for ForwardOnlyWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let inner = self.0.scorer(reader, boost)?;
        let floor = inner.doc();
        Ok(Box::new(ForwardOnlyScorer { inner, floor }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

struct ForwardOnlyScorer {
    inner: Box<dyn Scorer>,
    /// No document before this one is in the set, beyond those already passed: the
    /// scorer's position, or the lower bound its last `seek_danger` gave.
    floor: DocId,
}

impl ForwardOnlyScorer {
    fn moved(&mut self, doc: DocId) -> DocId {
        self.floor = doc;
        doc
    }
}

impl DocSet for ForwardOnlyScorer {
    fn advance(&mut self) -> DocId {
        let doc = self.inner.advance();
        self.moved(doc)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        // Seeks come in a valid state, where `floor` is the position.
        if target <= self.floor {
            return self.inner.doc();
        }
        let doc = self.inner.seek(target);
        self.moved(doc)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        if target < self.floor {
            // Passed: not in the set, and nothing is before the floor.
            return SeekDangerResult::SeekLowerBound(self.floor);
        }
        let result = self.inner.seek_danger(target);
        self.floor = match result {
            SeekDangerResult::Found => target,
            SeekDangerResult::SeekLowerBound(bound) => bound,
        };
        result
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }

    fn cost(&self) -> u64 {
        self.inner.cost()
    }
}

impl Scorer for ForwardOnlyScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}
