//! The fictional world: counties, municipalities, their populations, written standards and
//! whether they answer.

use serde::Serialize;

use crate::bank::Lang;
use crate::rng::Rng;

/// Size class as in the model crate (`liten`, `mellomstor`, `stor`, `fylkeskommune`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Size {
    /// Fewer than 5 000 inhabitants.
    Liten,
    /// 5 000–19 999.
    Mellomstor,
    /// 20 000 or more.
    Stor,
    /// A county authority.
    Fylkeskommune,
}

impl Size {
    /// The class of a municipality with `population` inhabitants (default thresholds).
    pub fn of(population: u64) -> Size {
        if population < 5_000 {
            Size::Liten
        } else if population < 20_000 {
            Size::Mellomstor
        } else {
            Size::Stor
        }
    }

    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Size::Liten => "liten",
            Size::Mellomstor => "mellomstor",
            Size::Stor => "stor",
            Size::Fylkeskommune => "fylkeskommune",
        }
    }
}

/// A fictional county.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct County {
    /// Two-digit number outside SSB's ranges (81–88 in the default world).
    pub nr: String,
    /// Name.
    pub name: String,
    /// Share of its municipalities that write Nynorsk.
    pub nn_share: f64,
    /// Population (sum of its municipalities).
    pub population: u64,
}

/// A fictional municipality or county authority.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Member {
    /// Four digits for a municipality, two for a county authority.
    pub nr: String,
    /// Short name (`Nordvik`).
    pub name: String,
    /// Index into [`World::counties`].
    pub county: usize,
    /// Population on 1 January.
    pub population: u64,
    /// Size class.
    pub size: Size,
    /// Written standard.
    pub lang: Lang,
}

impl Member {
    /// True for a county authority.
    pub(crate) fn is_county(&self) -> bool {
        self.size == Size::Fylkeskommune
    }

    /// Full name: `Nordvik kommune` or `Havbygda fylkeskommune`.
    pub(crate) fn full_name(&self) -> String {
        if self.is_county() {
            format!("{} fylkeskommune", self.name)
        } else {
            format!("{} kommune", self.name)
        }
    }
}

/// The generated world.
#[derive(Debug, Clone)]
pub(crate) struct World {
    /// Counties.
    pub counties: Vec<County>,
    /// Municipalities followed by county authorities, sorted by number.
    pub members: Vec<Member>,
}

const COUNTY_NAMES: [(&str, f64); 8] = [
    ("Havbygda", 0.7),
    ("Brefjorden", 0.55),
    ("Skogmarka", 0.05),
    ("Elvedalen", 0.12),
    ("Nordkysten", 0.05),
    ("Sletteland", 0.05),
    ("Midtheia", 0.1),
    ("Lysfjell", 0.05),
];
const COUNTY_WEIGHTS: [u32; 8] = [34, 30, 28, 26, 24, 22, 20, 16];

const PREFIXES: [&str; 52] = [
    "Aur", "Bjørk", "Brei", "Dals", "Eik", "Elve", "Fager", "Fjell", "Furu", "Gran", "Hav", "Hest",
    "Hval", "Kvit", "Lind", "Lyng", "Myr", "Ner", "Rogn", "Ram", "Salt", "Skog", "Stein", "Stor",
    "Sol", "Ulv", "Vest", "Øver", "Berg", "Bekke", "Blå", "Gull", "Hegg", "Isfjord", "Kvern",
    "Laks", "Lauv", "Mose", "Orre", "Rype", "Selje", "Sild", "Snø", "Sval", "Tinde", "Torv",
    "Vind", "Ørne", "Kråke", "Måke", "Rein", "Ospe",
];
const SUFFIXES: [&str; 44] = [
    "vik", "dal", "fjord", "øy", "nes", "berg", "heim", "sund", "land", "ås", "bø", "lia", "vågen",
    "strand", "haug", "mo", "eid", "bygd", "voll", "stad", "myra", "li", "tun", "holm", "hamn",
    "odden", "bakken", "seter", "grend", "kleiv", "hella", "botn", "vatn", "skjær", "rud", "sjøen",
    "fjellet", "øyane", "viken", "neset", "åsen", "bukta", "elva", "skogen",
];

/// Names that the syllables make but that belong to real Norwegian municipalities or
/// counties (found by the gate test against SSB's register); never used.
const DENY: [&str; 6] = [
    "Aurland",
    "Lyngdal",
    "Saltdal",
    "Storfjord",
    "Vestnes",
    "Vestland",
];

/// Real 2-digit county numbers of 2026 (SSB); the world never uses them.
const REAL_COUNTIES: [u32; 15] = [3, 11, 15, 18, 31, 32, 33, 34, 39, 40, 42, 46, 50, 55, 56];

/// Quantiles of the population of Norway's 357 municipalities on 1 January 2026 (SSB table
/// 07459), the largest capped at 210 000: the world's populations follow this curve.
const POP_QUANTILES: [(f64, f64); 19] = [
    (0.0, 219.0),
    (0.02, 579.0),
    (0.05, 911.0),
    (0.1, 1209.0),
    (0.2, 1939.0),
    (0.3, 2547.0),
    (0.4, 3553.0),
    (0.45, 4333.0),
    (0.487, 4978.0),
    (0.5, 5447.0),
    (0.6, 7205.0),
    (0.7, 10922.0),
    (0.8, 18458.0),
    (0.807, 19276.0),
    (0.85, 24007.0),
    (0.9, 30285.0),
    (0.95, 53638.0),
    (0.98, 101509.0),
    (1.0, 210000.0),
];

fn population_at(q: f64) -> u64 {
    let q = q.clamp(0.0, 1.0);
    let i = POP_QUANTILES
        .iter()
        .position(|&(x, _)| x >= q)
        .unwrap_or(POP_QUANTILES.len() - 1)
        .max(1);
    let (q0, p0) = POP_QUANTILES[i - 1];
    let (q1, p1) = POP_QUANTILES[i];
    let t = if q1 > q0 { (q - q0) / (q1 - q0) } else { 0.0 };
    (p0.ln() + t * (p1.ln() - p0.ln())).exp().round() as u64
}

/// County numbers outside SSB's ranges: 81–99 first, then 60–80, then the other free ones.
fn county_numbers(n: usize) -> Vec<u32> {
    let order = (81..=99).chain(60..=80).chain(1..60);
    order
        .filter(|x| !REAL_COUNTIES.contains(x))
        .take(n)
        .collect()
}

/// Syllable names in a seeded order, skipping the deny list.
fn names(rng: &mut Rng, n: usize) -> Vec<String> {
    let mut all: Vec<String> = Vec::with_capacity(PREFIXES.len() * SUFFIXES.len());
    for p in PREFIXES {
        for s in SUFFIXES {
            // Avoid doubled letters at the joint (`Bergg…`) and awkward vowel meetings.
            let joint_ok = !(p.ends_with(|c: char| "aeiouyæøå".contains(c))
                && s.starts_with(|c: char| "aeiouyæøå".contains(c)));
            if !joint_ok || p.chars().last() == s.chars().next() || p.to_lowercase() == *s {
                continue;
            }
            let name = format!("{p}{s}");
            if !DENY.contains(&name.as_str()) && !COUNTY_NAMES.iter().any(|(c, _)| *c == name) {
                all.push(name);
            }
        }
    }
    rng.shuffle(&mut all);
    all.truncate(n);
    all
}

impl World {
    /// Generate a world with `8 × scale` counties and about `200 × scale` municipalities.
    pub(crate) fn generate(seed: u64, scale: u32) -> World {
        let root = Rng::new(seed);
        let mut rng = root.derive("world");
        let n_counties = 8 * scale as usize;
        let weights: Vec<u32> = (0..n_counties).map(|i| COUNTY_WEIGHTS[i % 8]).collect();
        let n_munis: u32 = weights.iter().sum();
        let numbers = county_numbers(n_counties);
        let mut name_rng = root.derive("names");
        let extra_county_names = names(&mut name_rng, n_munis as usize + n_counties);
        let (county_name_pool, muni_names) = extra_county_names.split_at(n_counties);
        let mut counties: Vec<County> = (0..n_counties)
            .map(|i| {
                let (base, nn) = COUNTY_NAMES[i % 8];
                let name = if i < 8 {
                    base.to_string()
                } else {
                    format!("{}-{}", county_name_pool[i], base)
                };
                County {
                    nr: format!("{:02}", numbers[i]),
                    name,
                    nn_share: nn,
                    population: 0,
                }
            })
            .collect();
        // Populations along the real curve, shuffled over the counties.
        let n = n_munis as usize;
        let mut pops: Vec<u64> = (0..n)
            .map(|i| {
                if i == 0 {
                    return 219;
                }
                let jitter = (rng.unit() - 0.5) * 0.6 / n as f64;
                population_at((i as f64 + 0.5) / n as f64 + jitter)
            })
            .collect();
        rng.shuffle(&mut pops);
        let mut members = Vec::with_capacity(n + n_counties);
        let mut k = 0;
        for (ci, w) in weights.iter().enumerate() {
            for j in 0..*w as usize {
                let population = pops[k];
                let lang = if rng.chance(counties[ci].nn_share) {
                    Lang::Nn
                } else {
                    Lang::Nb
                };
                members.push(Member {
                    nr: format!("{}{:02}", counties[ci].nr, j + 1),
                    name: muni_names[k].clone(),
                    county: ci,
                    population,
                    size: Size::of(population),
                    lang,
                });
                counties[ci].population += population;
                k += 1;
            }
        }
        for (ci, c) in counties.iter().enumerate() {
            members.push(Member {
                nr: c.nr.clone(),
                name: c.name.clone(),
                county: ci,
                population: c.population,
                size: Size::Fylkeskommune,
                lang: if c.nn_share > 0.5 { Lang::Nn } else { Lang::Nb },
            });
        }
        members.sort_by(|a, b| a.nr.cmp(&b.nr));
        World { counties, members }
    }

    /// The register as CSV in the shape of `corpus/real/register.csv`.
    pub(crate) fn register_csv(&self, year: u16) -> String {
        let mut out =
            String::from("kommunenummer,navn,fylkesnummer,fylke,folketall,folketall_aar\n");
        for m in &self.members {
            let c = &self.counties[m.county];
            out.push_str(&format!(
                "{},{},{},{},{},{}\n",
                m.nr, m.name, c.nr, c.name, m.population, year
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_world_has_the_real_size_spread() {
        let w = World::generate(2026, 1);
        let munis: Vec<&Member> = w.members.iter().filter(|m| !m.is_county()).collect();
        assert_eq!(munis.len(), 200);
        assert_eq!(w.counties.len(), 8);
        let count = |s: Size| munis.iter().filter(|m| m.size == s).count();
        // 174/357, 114/357, 69/357 of 200 is 97, 64, 39.
        assert!(
            (92..=102).contains(&count(Size::Liten)),
            "{}",
            count(Size::Liten)
        );
        assert!(
            (58..=70).contains(&count(Size::Mellomstor)),
            "{}",
            count(Size::Mellomstor)
        );
        assert!(
            (34..=44).contains(&count(Size::Stor)),
            "{}",
            count(Size::Stor)
        );
        let mut pops: Vec<u64> = munis.iter().map(|m| m.population).collect();
        pops.sort_unstable();
        assert_eq!(pops[0], 219);
        let median = (pops[99] + pops[100]) / 2;
        assert!((4_800..=6_200).contains(&median), "median {median}");
        let nn = munis.iter().filter(|m| m.lang == Lang::Nn).count();
        assert!((35..=70).contains(&nn), "{nn} Nynorsk");
    }

    #[test]
    fn numbers_and_names_are_unique_and_outside_real_ranges() {
        let w = World::generate(2026, 10);
        let mut nrs: Vec<&str> = w.members.iter().map(|m| m.nr.as_str()).collect();
        nrs.sort_unstable();
        nrs.dedup();
        assert_eq!(nrs.len(), w.members.len());
        let mut names: Vec<&str> = w
            .members
            .iter()
            .filter(|m| !m.is_county())
            .map(|m| m.name.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 2000);
        for m in &w.members {
            let county: u32 = m.nr[..2].parse().unwrap();
            assert!(!REAL_COUNTIES.contains(&county), "{}", m.nr);
        }
        assert!(
            w.members
                .iter()
                .filter(|m| !m.is_county())
                .all(|m| m.nr.len() == 4)
        );
    }

    #[test]
    fn register_csv_has_one_line_per_member() {
        let w = World::generate(1, 1);
        let csv = w.register_csv(2026);
        assert_eq!(csv.lines().count(), 1 + 208);
        assert!(
            csv.lines().nth(1).unwrap().starts_with("81,")
                || csv.lines().nth(1).unwrap().starts_with("8101,")
        );
    }
}
