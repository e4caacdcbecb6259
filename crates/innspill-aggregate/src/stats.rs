//! The statistics behind the tables: Fisher's exact test, Benjamini–Hochberg q-values and
//! the weighted log-odds ratio with an informative Dirichlet prior.

/// Natural logarithms of factorials, `ln(k!)`, grown on demand.
#[derive(Debug, Clone)]
pub(crate) struct LogFactorials {
    table: Vec<f64>,
}

impl LogFactorials {
    pub(crate) fn new() -> LogFactorials {
        LogFactorials {
            table: vec![0.0, 0.0],
        }
    }

    /// `ln(n!)`, exact summation (no Stirling), so small tables are exact to rounding.
    pub(crate) fn ln_fact(&mut self, n: u64) -> f64 {
        let n = usize::try_from(n).expect("counts fit in memory");
        while self.table.len() <= n {
            let k = self.table.len();
            let prev = self.table[k - 1];
            self.table.push(prev + (k as f64).ln());
        }
        self.table[n]
    }
}

/// Two-sided p-value of Fisher's exact test on the 2×2 table
///
/// ```text
///            raising   not raising
/// group         a           b
/// rest          c           d
/// ```
///
/// With the margins fixed, the count in the first cell follows a hypergeometric
/// distribution; the two-sided p-value sums the probabilities of every table that is no
/// more likely than the one observed (the convention of R's `fisher.test`, with the same
/// relative tolerance of 1e-7 for ties).
pub(crate) fn fisher_exact_two_sided(
    lf: &mut LogFactorials,
    a: u64,
    b: u64,
    c: u64,
    d: u64,
) -> f64 {
    let row1 = a + b;
    let row2 = c + d;
    let col1 = a + c;
    let n = row1 + row2;
    if n == 0 {
        return 1.0;
    }
    let lo = col1.saturating_sub(row2);
    let hi = row1.min(col1);
    // ln P(x) = ln C(row1, x) + ln C(row2, col1 - x) - ln C(n, col1)
    let base = lf.ln_fact(row1) + lf.ln_fact(row2) + lf.ln_fact(col1) + lf.ln_fact(n - col1)
        - lf.ln_fact(n);
    let ln_p = |x: u64, lf: &mut LogFactorials| {
        base - lf.ln_fact(x)
            - lf.ln_fact(row1 - x)
            - lf.ln_fact(col1 - x)
            - lf.ln_fact(row2 + x - col1)
    };
    let observed = ln_p(a, lf);
    let limit = observed + (1.0f64 + 1e-7).ln();
    let mut p = 0.0;
    for x in lo..=hi {
        let lx = ln_p(x, lf);
        if lx <= limit {
            p += lx.exp();
        }
    }
    p.min(1.0)
}

/// Benjamini–Hochberg q-values (false discovery rate adjusted p-values), in the order of
/// `p`. `None` entries (no test) are skipped and count neither in `m` nor in the ranking.
pub(crate) fn benjamini_hochberg(p: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut idx: Vec<usize> = (0..p.len()).filter(|&i| p[i].is_some()).collect();
    let m = idx.len();
    // Sort by p ascending; ties broken by position for determinism.
    idx.sort_by(|&i, &j| p[i].unwrap().total_cmp(&p[j].unwrap()).then(i.cmp(&j)));
    let mut q = vec![None; p.len()];
    let mut running = 1.0f64;
    for (rank, &i) in idx.iter().enumerate().rev() {
        let v = p[i].unwrap() * m as f64 / (rank + 1) as f64;
        running = running.min(v);
        q[i] = Some(running.min(1.0));
    }
    q
}

/// Weighted log-odds ratio of one word between a group and the rest, with an informative
/// Dirichlet prior (Monroe, Colaresi and Quinn 2008, «Fightin' Words», eq. 16–22).
///
/// `y_group`, `y_rest`: the word's counts; `n_group`, `n_rest`: all word counts of each
/// side; `alpha_w`: the word's prior count; `alpha_0`: the sum of all prior counts.
/// Returns `(delta, z)`: the log-odds ratio and its z-score `delta / sqrt(var)` with
/// `var ≈ 1/(y_group + alpha_w) + 1/(y_rest + alpha_w)`.
pub(crate) fn log_odds_dirichlet(
    y_group: f64,
    n_group: f64,
    y_rest: f64,
    n_rest: f64,
    alpha_w: f64,
    alpha_0: f64,
) -> (f64, f64) {
    let l_group = ((y_group + alpha_w) / (n_group + alpha_0 - y_group - alpha_w)).ln();
    let l_rest = ((y_rest + alpha_w) / (n_rest + alpha_0 - y_rest - alpha_w)).ln();
    let delta = l_group - l_rest;
    let var = 1.0 / (y_group + alpha_w) + 1.0 / (y_rest + alpha_w);
    (delta, delta / var.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_close(got: f64, want: f64, tol: f64, what: &str) {
        assert!(
            (got - want).abs() <= tol,
            "{what}: got {got}, expected {want} (±{tol})"
        );
    }

    #[test]
    fn log_factorials_are_exact_for_small_n() {
        let mut lf = LogFactorials::new();
        assert_eq!(lf.ln_fact(0), 0.0);
        assert_eq!(lf.ln_fact(1), 0.0);
        assert_close(lf.ln_fact(5), 120f64.ln(), 1e-12, "ln 5!");
        assert_close(lf.ln_fact(10), 3_628_800f64.ln(), 1e-10, "ln 10!");
    }

    #[test]
    fn fisher_on_textbook_tables() {
        let mut lf = LogFactorials::new();
        // Fisher's lady tasting tea: R fisher.test(matrix(c(3,1,1,3),2)) p = 0.4857.
        assert_close(
            fisher_exact_two_sided(&mut lf, 3, 1, 1, 3),
            0.485_714_3,
            1e-6,
            "tea",
        );
        // Wikipedia's dieting example (men/women × dieting): two-sided p = 0.002759.
        assert_close(
            fisher_exact_two_sided(&mut lf, 1, 9, 11, 3),
            0.002_759_456,
            1e-8,
            "diet",
        );
        // R: fisher.test(matrix(c(10,2,3,15),2)) p-value = 0.0005367 (a=10,b=3,c=2,d=15).
        assert_close(
            fisher_exact_two_sided(&mut lf, 10, 3, 2, 15),
            0.000_536_7,
            1e-6,
            "R 2x2",
        );
        // Nothing to test: p = 1.
        assert_eq!(fisher_exact_two_sided(&mut lf, 0, 0, 0, 0), 1.0);
        assert_close(
            fisher_exact_two_sided(&mut lf, 5, 5, 5, 5),
            1.0,
            1e-12,
            "balanced",
        );
        // Symmetric in rows and columns.
        let p = fisher_exact_two_sided(&mut lf, 7, 2, 3, 9);
        assert_close(
            fisher_exact_two_sided(&mut lf, 3, 9, 7, 2),
            p,
            1e-12,
            "rows swapped",
        );
        assert_close(
            fisher_exact_two_sided(&mut lf, 7, 3, 2, 9),
            p,
            1e-12,
            "transposed",
        );
    }

    #[test]
    fn bh_on_known_vectors() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH") = 0.02 0.04 0.04 0.02
        let q = benjamini_hochberg(&[Some(0.01), Some(0.04), Some(0.03), Some(0.005)]);
        let want = [0.02, 0.04, 0.04, 0.02];
        for (g, w) in q.iter().zip(want) {
            assert_close(g.unwrap(), w, 1e-12, "bh");
        }
        // R: p.adjust(c(0.01,0.02,0.03,0.04,0.05), "BH") = all 0.05
        let q = benjamini_hochberg(&[Some(0.01), Some(0.02), Some(0.03), Some(0.04), Some(0.05)]);
        assert!(q.iter().all(|v| (v.unwrap() - 0.05).abs() < 1e-12), "{q:?}");
        // None is skipped: m = 2.
        let q = benjamini_hochberg(&[Some(0.02), None, Some(0.5)]);
        assert_eq!(q[1], None);
        assert_close(q[0].unwrap(), 0.04, 1e-12, "m counts only tests");
        assert_close(q[2].unwrap(), 0.5, 1e-12, "largest stays");
        // Capped at 1.
        let q = benjamini_hochberg(&[Some(0.9), Some(0.95)]);
        assert!(q.iter().all(|v| v.unwrap() <= 1.0));
    }

    #[test]
    fn log_odds_on_a_toy_corpus() {
        // Group: 10 words, "skole" 4 times; rest: 30 words, "skole" 2 times.
        // Prior: corpus frequency 6/40 scaled to alpha_0 = 4, so alpha_w = 0.6.
        let (delta, z) = log_odds_dirichlet(4.0, 10.0, 2.0, 30.0, 0.6, 4.0);
        let want_delta = (4.6f64 / 9.4).ln() - (2.6f64 / 31.4).ln();
        let want_z = want_delta / (1.0 / 4.6 + 1.0 / 2.6f64).sqrt();
        assert_close(delta, want_delta, 1e-12, "delta");
        assert_close(z, want_z, 1e-12, "z");
        // Hand computation: ln(0.48936) - ln(0.08280) = -0.71464 + 2.49134 = 1.7767
        assert_close(delta, 1.7767, 1e-3, "delta by hand");
        // A word used equally often on both sides has delta 0.
        let (d0, z0) = log_odds_dirichlet(1.0, 10.0, 3.0, 30.0, 0.4, 4.0);
        assert!(d0.abs() < 0.2 && z0.abs() < 0.3, "{d0} {z0}");
        // Symmetric: swapping sides flips the sign.
        let (d1, z1) = log_odds_dirichlet(2.0, 30.0, 4.0, 10.0, 0.6, 4.0);
        assert_close(d1, -delta, 1e-12, "antisymmetric delta");
        assert_close(z1, -z, 1e-12, "antisymmetric z");
    }
}
