//! Near-duplicate detection: MinHash signatures of shingle sets, banded locality-sensitive
//! hashing for candidates, exact Jaccard to verify, union–find for clusters.
//!
//! Everything is seeded by constants, so the same sets always give the same clusters.

use std::collections::HashMap;

use crate::hash::{IdMap, combine, mix};

/// Settings of [`clusters`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct LshParams {
    /// Number of LSH bands; the signature has `bands * rows` values.
    pub(crate) bands: usize,
    /// Rows per band.
    pub(crate) rows: usize,
    /// Minimum Jaccard similarity for two sets to be joined.
    pub(crate) threshold: f64,
}

impl Default for LshParams {
    /// 20 bands of 3 rows: a pair with Jaccard 0.5 becomes a candidate with probability
    /// 0.93, one with 0.7 with probability 0.99997.
    fn default() -> Self {
        LshParams {
            bands: 20,
            rows: 3,
            threshold: 0.5,
        }
    }
}

/// Jaccard similarity of two sorted, deduplicated sets.
pub(crate) fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    jaccard_of(intersection(a, b), a.len(), b.len())
}

/// Jaccard similarity of two sets of sizes `a` and `b` with `inter` elements in common
/// (two empty sets are the same: 1).
pub(crate) fn jaccard_of(inter: usize, a: usize, b: usize) -> f64 {
    if a == 0 && b == 0 {
        return 1.0;
    }
    inter as f64 / (a + b - inter) as f64
}

/// Size of the intersection of two sorted, deduplicated sets.
pub(crate) fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Sorted, deduplicated hashes of the `k`-grams of `keys` (fewer than `k` keys: one
/// shingle of all of them).
pub(crate) fn shingles(keys: &[u64], k: usize) -> Vec<u64> {
    let mut out: Vec<u64> = if keys.len() < k {
        if keys.is_empty() {
            Vec::new()
        } else {
            vec![keys.iter().fold(0, |h, &x| combine(h, x))]
        }
    } else {
        keys.windows(k)
            .map(|w| w.iter().fold(0, |h, &x| combine(h, x)))
            .collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

fn signature(set: &[u64], len: usize) -> Vec<u64> {
    let mut sig = vec![u64::MAX; len];
    for &h in set {
        for (i, s) in sig.iter_mut().enumerate() {
            let v = mix(h ^ SEEDS[i % SEEDS.len()].wrapping_mul(i as u64 + 1));
            if v < *s {
                *s = v;
            }
        }
    }
    sig
}

const SEEDS: [u64; 4] = [
    0x9e37_79b9_7f4a_7c15,
    0xc2b2_ae3d_27d4_eb4f,
    0x1656_67b1_9e37_79f9,
    0x27d4_eb2f_1656_67c5,
];

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Join, keeping the smaller index as the root (deterministic).
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

/// Cluster `sets` (sorted, deduplicated shingle hashes) into groups of near-duplicates.
///
/// Returns the clusters with at least two members, each sorted, in the order of their
/// smallest member. Identical sets are joined without hashing them twice; every other
/// candidate pair from LSH is verified by exact Jaccard against `threshold`. Within a
/// bucket every member is compared with the bucket's first member only, so a text adopted
/// by thousands costs linear, not quadratic, time.
pub(crate) fn clusters(sets: &[Vec<u64>], p: LshParams) -> Vec<Vec<usize>> {
    let n = sets.len();
    let mut uf = UnionFind::new(n);
    // Exact duplicates first.
    let mut exact: HashMap<&[u64], usize> = HashMap::new();
    let mut reps = Vec::new();
    for (i, s) in sets.iter().enumerate() {
        if s.is_empty() {
            continue;
        }
        match exact.get(s.as_slice()) {
            Some(&first) => uf.union(first, i),
            None => {
                exact.insert(s.as_slice(), i);
                reps.push(i);
            }
        }
    }
    let len = p.bands * p.rows;
    let sigs: Vec<Vec<u64>> = {
        use rayon::prelude::*;
        reps.par_iter().map(|&i| signature(&sets[i], len)).collect()
    };
    for b in 0..p.bands {
        let mut buckets: IdMap<usize> = IdMap::default();
        for (ri, sig) in sigs.iter().enumerate() {
            let band = &sig[b * p.rows..(b + 1) * p.rows];
            let h = band.iter().fold(b as u64, |h, &x| combine(h, x));
            match buckets.get(&h) {
                Some(&first) => {
                    let (i, j) = (reps[first], reps[ri]);
                    if uf.find(i) != uf.find(j) && jaccard(&sets[i], &sets[j]) >= p.threshold {
                        uf.union(i, j);
                    }
                }
                None => {
                    buckets.insert(h, ri);
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, s) in sets.iter().enumerate() {
        if !s.is_empty() {
            groups.entry(uf.find(i)).or_default().push(i);
        }
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    for g in &mut out {
        g.sort_unstable();
    }
    out.sort_unstable_by_key(|g| g[0]);
    out
}

/// Largest sample a medoid is judged against.
const MEDOID_SAMPLE: usize = 48;

/// The member most similar to the others (highest summed Jaccard; ties: the smallest
/// index). Large clusters are judged against an evenly spaced sample of
/// [`MEDOID_SAMPLE`] members.
///
/// The intersections with the sample are counted through one map from shingle to the
/// sample members that hold it (a bit each), so a member costs one look-up per shingle
/// rather than a merge with every sample set; the sum runs over the sample in order, so
/// the result is the same as summing [`jaccard`] directly.
pub(crate) fn medoid(sets: &[Vec<u64>], members: &[usize]) -> usize {
    let step = members.len().div_ceil(MEDOID_SAMPLE).max(1);
    let sample: Vec<usize> = members.iter().copied().step_by(step).collect();
    debug_assert!(sample.len() <= 64);
    let mut holders: IdMap<u64> = IdMap::default();
    for (k, &o) in sample.iter().enumerate() {
        for &h in &sets[o] {
            *holders.entry(h).or_default() |= 1 << k;
        }
    }
    let mut inter = vec![0usize; sample.len()];
    let mut best = (f64::MIN, members[0]);
    for &m in members {
        inter.fill(0);
        for h in &sets[m] {
            let mut bits = holders.get(h).copied().unwrap_or(0);
            while bits != 0 {
                inter[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
        let a = &sets[m];
        let s: f64 = sample
            .iter()
            .zip(&inter)
            .map(|(&o, &i)| jaccard_of(i, a.len(), sets[o].len()))
            .sum();
        if s > best.0 + 1e-12 {
            best = (s, m);
        }
    }
    best.1
}

/// [`medoid`] as it was first written, summing [`jaccard`] with every sample member: the
/// reference the faster one is tested against.
#[cfg(test)]
fn medoid_direct(sets: &[Vec<u64>], members: &[usize]) -> usize {
    let step = members.len().div_ceil(MEDOID_SAMPLE).max(1);
    let sample: Vec<usize> = members.iter().copied().step_by(step).collect();
    let mut best = (f64::MIN, members[0]);
    for &m in members {
        let s: f64 = sample.iter().map(|&o| jaccard(&sets[m], &sets[o])).sum();
        if s > best.0 + 1e-12 {
            best = (s, m);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(words: &str) -> Vec<u64> {
        let keys: Vec<u64> = words
            .split_whitespace()
            .map(crate::hash::hash_str)
            .collect();
        shingles(&keys, 3)
    }

    #[test]
    fn jaccard_of_small_sets() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[1], &[2]), 0.0);
        assert_eq!(intersection(&[1, 2, 5, 9], &[2, 9, 10]), 2);
    }

    #[test]
    fn near_duplicates_cluster_and_strangers_do_not() {
        let base = "kommunene må få økte frie inntekter for å kunne løse oppgavene sine \
                    og staten må slutte med detaljstyring av tjenestene i kommunene";
        let edited = base.replace("økte", "større");
        let other = "vi ber KS arbeide for bedre beredskap og flere øvelser med \
                     sivilforsvaret og frivillige organisasjoner i hele regionen";
        let sets = vec![set(base), set(other), set(&edited), set(base)];
        let c = clusters(&sets, LshParams::default());
        assert_eq!(c, vec![vec![0, 2, 3]]);
        assert!(jaccard(&sets[0], &sets[2]) > 0.7);
        assert_eq!(medoid(&sets, &c[0]), 0);
    }

    #[test]
    fn medoid_by_shingle_map_is_the_direct_one() {
        // Clusters of 2 to 300 members (beyond the sample size), with shared and own
        // shingles, some sets repeated: the same medoid as summing Jaccard directly.
        let mut state = 0x1234_5678_u64;
        let mut next = move || {
            state = crate::hash::mix(state.wrapping_add(1));
            state
        };
        for n in [2usize, 3, 7, 48, 49, 97, 300] {
            let base: Vec<u64> = (0..40).map(|_| next() % 500).collect();
            let mut sets: Vec<Vec<u64>> = Vec::new();
            for i in 0..n {
                let mut s: Vec<u64> = Vec::new();
                for &b in &base {
                    if next() % 4 != 0 || i % 5 == 0 {
                        s.push(b);
                    }
                }
                for _ in 0..next() % 10 {
                    s.push(1000 + next() % 200);
                }
                s.sort_unstable();
                s.dedup();
                sets.push(s);
            }
            let members: Vec<usize> = (0..n).collect();
            assert_eq!(
                medoid(&sets, &members),
                medoid_direct(&sets, &members),
                "{n} members"
            );
        }
    }

    #[test]
    fn deterministic() {
        let texts: Vec<String> = (0..40)
            .map(|i| format!("a b c d e f g h {} i j k l m n o p", i % 7))
            .collect();
        let sets: Vec<Vec<u64>> = texts.iter().map(|t| set(t)).collect();
        let a = clusters(&sets, LshParams::default());
        let b = clusters(&sets, LshParams::default());
        assert_eq!(a, b);
        assert_eq!(a.iter().map(Vec::len).sum::<usize>(), 40);
    }
}
