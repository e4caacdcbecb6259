//! The Norwegian names of the tables and their columns, with what each one means.
//!
//! One table, read by both the workbook (sheet and column names, and the sheet «Om
//! tabellene» that maps each name to its machine name) and `index.html` (table headers and
//! the sheets it points to). CSV and Parquet keep the machine names, for scripts.

use std::borrow::Cow;

use innspill_aggregate::ThemeInfo;

/// A column: its machine name (CSV, Parquet), its Norwegian name and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Column {
    pub(crate) machine: &'static str,
    pub(crate) label: &'static str,
    pub(crate) about: &'static str,
}

/// A table: its machine name, its sheet's name, what it holds and its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TableNames {
    pub(crate) machine: &'static str,
    pub(crate) sheet: &'static str,
    pub(crate) about: &'static str,
    /// The columns, in parts (the theme tables share all but their first column).
    pub(crate) columns: &'static [&'static [Column]],
}

const fn col(machine: &'static str, label: &'static str, about: &'static str) -> Column {
    Column {
        machine,
        label,
        about,
    }
}

/// The name of the sheet that explains the others.
pub(crate) const ABOUT_SHEET: &str = "Om tabellene";

/// Prefix of the per-theme share columns of `respondents` (`share_workforce`).
const SHARE_PREFIX: &str = "share_";

/// The label of the group `ks_region`.
pub(crate) const KS_REGION_LABEL: &str = "KS-regioner";

const DOC_ID: Column = col(
    "doc_id",
    "Dokument-id",
    "Dokumentets id: kommunenummer (ks for en KS-region, ukjent når avsenderen ikke er kjent), år og de første sifrene i filens kontrollsum. Respondentens side i rapporten er respondenter/ID.html.",
);
const KOMMUNENUMMER: Column = col(
    "kommunenummer",
    "Kommunenummer",
    "Fire sifre for en kommune, to for en fylkeskommune; tomt for KS-regioner og ukjente avsendere.",
);
const NAME: Column = col(
    "name",
    "Navn",
    "Navnet slik registeret skriver det (Røst); en KS-regions hele navn (KS Trøndelag).",
);
const FYLKE: Column = col(
    "fylke",
    "Fylke",
    "Fylket etter registeret; for en KS-region fylket den er oppkalt etter.",
);
const SIZE_CLASS: Column = col(
    "size_class",
    "Størrelse",
    "Størrelsesklasse etter folketallet: liten (under 5 000 innbyggere), mellomstor (5 000–19 999), stor (20 000 og flere), fylkeskommune; tomt når det ikke er kjent og for KS-regioner.",
);
const YEAR: Column = col("year", "År", "Året til debattheftet uttalelsen svarer på.");
const THEMES: Column = col(
    "themes",
    "Temaer",
    "Temaene (id-ene i kodeboken), kommaseparert.",
);
const THEME: Column = col(
    "theme",
    "Tema",
    "Temaets id i kodeboken (workforce = arbeidskraft og kompetanse, preparedness = samfunnssikkerhet og beredskap, autonomy = lokalt handlingsrom, welfare = bærekraftig velferd).",
);
const TEXT: Column = col("text", "Tekst", "Avsnittets tekst.");
const CITATION: Column = col(
    "citation",
    "Kilde",
    "Henvisning til stedet i dokumentet: respondent, år og side.",
);
const DIMENSION: Column = col(
    "dimension",
    "Inndeling",
    "Hva gruppene deler etter: size_class (størrelse), fylke, kind (type respondent) eller alle.",
);
const GROUP: Column = col(
    "group",
    "Gruppe",
    "Gruppen i inndelingen (liten, Nordland, kommune …); alle = hele registeret.",
);
const DRAFT: Column = col(
    "draft",
    "Utkast",
    "Nummeret på det felles utkastet (en hel tekst som flere har vedtatt) som utgjør minst halvparten av respondentens egen tekst; tomt når ingen gjør det.",
);

const RESPONDENTS: &[Column] = &[
    DOC_ID,
    KOMMUNENUMMER,
    NAME,
    col(
        "kind",
        "Type",
        "kommune, fylkeskommune, ks_region (et av KS' egne regionale organer, fylkesstyre eller fylkesmøte: ikke et medlem, så det telles for seg i tabellene) eller ukjent.",
    ),
    FYLKE,
    col(
        "population",
        "Innbyggere",
        "Folketallet 1. januar etter registeret.",
    ),
    SIZE_CLASS,
    YEAR,
    col("language", "Språk", "nb (bokmål) eller nn (nynorsk)."),
    col(
        "statement_chars",
        "Tegn i uttalelsen",
        "Antall tegn i respondentens egne ord (uttalelse og vedtak; saksframlegg og sitater fra debattheftet er ikke med).",
    ),
    col(
        "themes",
        "Temaer",
        "Temaene respondenten tar opp: minst ett avsnitt av uttalelsen er merket med temaet (id-ene i kodeboken).",
    ),
    col(
        "share_*",
        "Andel *",
        "Én kolonne per tema: andelen av uttalelsens tegn som står i avsnitt merket med temaet.",
    ),
    col(
        "own_text_share",
        "Egen tekst",
        "Andelen av uttalelsen som ikke er felles med andre respondenter (se «Felles tekst»).",
    ),
    DRAFT,
];

/// The columns of the theme tables after the group.
const THEME_STATS: &[Column] = &[
    THEME,
    col(
        "sub",
        "Undertema",
        "Undertemaets id i kodeboken; tomt i radene for hele temaet.",
    ),
    col(
        "respondents",
        "Respondenter",
        "Antall respondenter i gruppen (én per respondent og år, om de har sendt flere dokumenter).",
    ),
    col(
        "raising",
        "Tar opp",
        "Hvor mange av dem som tar opp temaet: minst ett avsnitt av uttalelsen er merket med det.",
    ),
    col("share", "Andel", "Tar opp delt på Respondenter."),
    col(
        "pop_weighted_share",
        "Befolkningsvektet",
        "Andelen når hver respondent vektes med innbyggertallet; tom når folketallet ikke er kjent.",
    ),
    col(
        "lift",
        "Løft",
        "Gruppens andel delt på andelen blant alle (raden alle): over 1 tar gruppen opp temaet oftere enn snittet.",
    ),
    col(
        "p_value",
        "p",
        "p-verdi fra Fishers eksakte test (tosidig) av gruppen mot resten av medlemmene (KS-regionene mot alle medlemmene).",
    ),
    col(
        "q_value",
        "q",
        "p justert for mange sammenligninger i samme tabell og samme år (Benjamini–Hochberg). Under 0,05 regnes som en forskjell (* i rapporten), under 0,01 (**).",
    ),
    col(
        "small_cell",
        "Få",
        "SANN når gruppen har færre enn 10 respondenter: én respondent mer eller mindre flytter andelen med minst 10 prosentpoeng, så tolk med varsomhet.",
    ),
    col(
        "test",
        "Test",
        "Testen p-verdien kommer fra (fisher_exact_two_sided = Fishers eksakte test, tosidig).",
    ),
];

const GROUP_BY_SIZE: Column = col(
    "group",
    "Størrelse",
    "Størrelsesklassen; ukjent når den ikke er kjent; ks_region = KS' egne regionale organer, som telles for seg; alle = alle medlemmer (alle grupper unntatt ks_region).",
);
const GROUP_BY_COUNTY: Column = col(
    "group",
    "Fylke",
    "Fylket; ukjent når det ikke er kjent; ks_region = KS' egne regionale organer, som telles for seg; alle = alle medlemmer (alle grupper unntatt ks_region).",
);

/// Every table of the aggregate step, in the order of the workbook.
pub(crate) const TABLES: &[TableNames] = &[
    TableNames {
        machine: "respondents",
        sheet: "Respondenter",
        about: "Én rad per dokument: hvem som har svart, med registerdata, språk, lengde og temaene de tar opp.",
        columns: &[RESPONDENTS],
    },
    TableNames {
        machine: "response_rate",
        sheet: "Svarprosent",
        about: "Hvor mange i registeret som har svart, etter størrelse, fylke og type, og for hele registeret. KS-regioner er ikke i registeret og telles ikke her.",
        columns: &[&[
            DIMENSION,
            GROUP,
            col(
                "in_register",
                "I registeret",
                "Kommuner og fylkeskommuner i registeret i gruppen.",
            ),
            col(
                "answered",
                "Har svart",
                "Hvor mange av dem som har sendt minst én uttalelse.",
            ),
            col(
                "rate",
                "Svarprosent",
                "Har svart delt på I registeret (0–1).",
            ),
            YEAR,
        ]],
    },
    TableNames {
        machine: "themes_by_size",
        sheet: "Tema etter størrelse",
        about: "Hvor mange i hver størrelsesklasse som tar opp hvert tema, med test av forskjellen mot resten; hvert år for seg.",
        columns: &[&[YEAR, GROUP_BY_SIZE], THEME_STATS],
    },
    TableNames {
        machine: "themes_by_county",
        sheet: "Tema etter fylke",
        about: "Hvor mange i hvert fylke som tar opp hvert tema, med test av forskjellen mot resten; hvert år for seg.",
        columns: &[&[YEAR, GROUP_BY_COUNTY], THEME_STATS],
    },
    TableNames {
        machine: "subthemes_by_size",
        sheet: "Undertema etter størrelse",
        about: "Som «Tema etter størrelse», for hvert undertema.",
        columns: &[&[YEAR, GROUP_BY_SIZE], THEME_STATS],
    },
    TableNames {
        machine: "themes_by_year",
        sheet: "Tema år mot år",
        about: "Bare når lageret har uttalelser til to eller flere års debatthefter: andelen som tar opp hvert tema og undertema i hver størrelsesklasse, ett år mot det neste, med Fishers eksakte test og q-verdi.",
        columns: &[&[
            col("year_from", "Fra år", "Det første året i sammenligningen."),
            col(
                "year_to",
                "Til år",
                "Året det sammenlignes med (det neste året i lageret).",
            ),
            THEME,
            col(
                "sub",
                "Undertema",
                "Undertemaets id; tomt for raden som gjelder hele temaet.",
            ),
            col(
                "group",
                "Gruppe",
                "Størrelsesklassen (liten, mellomstor, stor, fylkeskommune, ukjent) eller alle medlemmer.",
            ),
            col(
                "respondents_from",
                "Respondenter fra",
                "Respondenter i gruppen som svarte det første året.",
            ),
            col(
                "raising_from",
                "Tar opp fra",
                "Av dem, hvor mange som tar opp temaet.",
            ),
            col(
                "share_from",
                "Andel fra",
                "Tar opp delt på respondenter, det første året (0–1).",
            ),
            col(
                "respondents_to",
                "Respondenter til",
                "Respondenter i gruppen som svarte det andre året.",
            ),
            col(
                "raising_to",
                "Tar opp til",
                "Av dem, hvor mange som tar opp temaet.",
            ),
            col(
                "share_to",
                "Andel til",
                "Tar opp delt på respondenter, det andre året (0–1).",
            ),
            col(
                "change",
                "Endring",
                "Andel til minus andel fra (positiv: flere tar opp temaet).",
            ),
            col(
                "p",
                "p",
                "Fishers eksakte test (tosidig) av andelen det ene året mot det andre.",
            ),
            col(
                "q",
                "q",
                "p justert for mange tester (Benjamini–Hochberg) over alle radene i tabellen.",
            ),
        ]],
    },
    TableNames {
        machine: "keyness",
        sheet: "Ord som skiller gruppene",
        about: "Ord og uttrykk som én gruppe bruker klart oftere enn resten (vektet log-odds med informativt Dirichlet-prior, Monroe, Colaresi og Quinn 2008).",
        columns: &[&[
            DIMENSION,
            col("group", "Gruppe", "Gruppen i inndelingen."),
            col(
                "key",
                "Nøkkel",
                "Analysatorens nøkkel for ordet eller ordparet (bokmål og nynorsk deler nøkkel).",
            ),
            col(
                "example",
                "Ord",
                "Den vanligste skrivemåten av ordet i gruppen.",
            ),
            col(
                "count_group",
                "I gruppen",
                "Hvor mange ganger ordet står i gruppens uttalelser.",
            ),
            col(
                "count_rest",
                "Hos resten",
                "Hvor mange ganger det står hos de andre.",
            ),
            col(
                "log_odds",
                "Log-odds",
                "Vektet log-odds-forhold mot resten.",
            ),
            col(
                "z",
                "z",
                "Log-odds delt på standardavviket; over 1,96 tilsvarer omtrent 5 % signifikansnivå.",
            ),
            col("example_quote", "Eksempel", "En setning der ordet står."),
            CITATION,
        ]],
    },
    TableNames {
        machine: "shared_text",
        sheet: "Felles tekst",
        about: "Avsnitt som står nesten likt hos flere respondenter (et regionalt utkast, kopierte avsnitt), gruppert.",
        columns: &[&[
            col(
                "cluster",
                "Tekstgruppe",
                "Nummeret på gruppen av nesten like avsnitt.",
            ),
            DRAFT,
            col(
                "cluster_size",
                "Respondenter med teksten",
                "Hvor mange respondenter som har et avsnitt i gruppen.",
            ),
            DOC_ID,
            KOMMUNENUMMER,
            NAME,
            col("paragraph", "Avsnitt", "Avsnittets nummer i dokumentet."),
            col(
                "similarity",
                "Likhet",
                "Jaccard-likhet mellom avsnittet og gruppens mest typiske avsnitt (0–1, ordtrigrammer).",
            ),
            col(
                "changed_share",
                "Endret",
                "Andelen av avsnittets ordtrigrammer som ikke står i gruppens mest typiske avsnitt.",
            ),
            TEXT,
        ]],
    },
    TableNames {
        machine: "demands",
        sheet: "Krav",
        about: "Hvert krav i uttalelsene (ber om, krever, må …), med hvem det retter seg til; like krav er gruppert.",
        columns: &[&[
            DOC_ID,
            KOMMUNENUMMER,
            NAME,
            SIZE_CLASS,
            FYLKE,
            YEAR,
            col(
                "addressee",
                "Adressat",
                "Hvem kravet retter seg til (staten, ks, kommunen …).",
            ),
            THEMES,
            col("text", "Krav", "Kravets tekst."),
            CITATION,
            col(
                "group",
                "Kravgruppe",
                "Nummeret på gruppen av nesten like krav.",
            ),
            col(
                "group_size",
                "Respondenter med kravet",
                "Hvor mange respondenter som har et krav i gruppen.",
            ),
        ]],
    },
    TableNames {
        machine: "quotes",
        sheet: "Typiske sitater",
        about: "De mest typiske avsnittene per tema og størrelsesklasse, høyst ett per respondent og per felles tekst.",
        columns: &[&[
            THEME,
            SIZE_CLASS,
            col("rank", "Plass", "Plassen i rekkefølgen (1 er mest typisk)."),
            DOC_ID,
            KOMMUNENUMMER,
            NAME,
            YEAR,
            col("text", "Sitat", "Avsnittets tekst."),
            CITATION,
            col(
                "score",
                "Poeng",
                "Temaets poeng for avsnittet ganger hvor typisk det er (cosinus mot alle kandidatene).",
            ),
        ]],
    },
];

/// The names of the table `machine`, if it is one of [`TABLES`].
pub(crate) fn table(machine: &str) -> Option<&'static TableNames> {
    TABLES.iter().find(|t| t.machine == machine)
}

/// The sheet of table `machine`: its Norwegian name, or the machine name for a table
/// this file does not know.
pub(crate) fn sheet(machine: &str) -> &str {
    table(machine).map_or(machine, |t| t.sheet)
}

impl TableNames {
    /// Every column, in order.
    pub(crate) fn columns(&self) -> impl Iterator<Item = &'static Column> {
        self.columns.iter().flat_map(|part| part.iter())
    }

    /// The column `machine` of this table.
    pub(crate) fn column(&self, machine: &str) -> Option<&'static Column> {
        let wanted = if machine.starts_with(SHARE_PREFIX) {
            "share_*"
        } else {
            machine
        };
        self.columns().find(|c| c.machine == wanted)
    }

    /// The Norwegian name of column `machine`: `Andel Arbeidskraft og kompetanse` for
    /// `share_workforce`; the machine name for a column this file does not know.
    pub(crate) fn label<'a>(&self, machine: &'a str, themes: &[ThemeInfo]) -> Cow<'a, str> {
        match (self.column(machine), machine.strip_prefix(SHARE_PREFIX)) {
            (Some(c), Some(theme)) if c.machine == "share_*" => {
                let name = themes
                    .iter()
                    .find(|t| t.id == theme)
                    .map_or(theme, |t| t.label.as_str());
                Cow::Owned(format!("Andel {name}"))
            }
            (Some(c), _) => Cow::Borrowed(c.label),
            (None, _) => Cow::Borrowed(machine),
        }
    }
}

/// The label of a column of table `machine` (see [`TableNames::label`]); `#` in front
/// marks a number column for [`crate::html::table`].
pub(crate) fn header(table_name: &str, column: &str, number: bool) -> String {
    let label = table(table_name).map_or(Cow::Borrowed(column), |t| t.label(column, &[]));
    if number {
        format!("#{label}")
    } else {
        label.into_owned()
    }
}

/// How a group of the tables is shown: `ks_region` as «KS-regioner», others as they are.
pub(crate) fn group_label(group: &str) -> &str {
    match group {
        "ks_region" => KS_REGION_LABEL,
        g => g,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fit_excel_and_are_unique() {
        let mut sheets = vec![ABOUT_SHEET];
        for t in TABLES {
            assert!(t.sheet.chars().count() <= 31, "{}", t.sheet);
            assert!(!t.sheet.contains(['[', ']', ':', '*', '?', '/', '\\']));
            sheets.push(t.sheet);
            let mut labels: Vec<&str> = t.columns().map(|c| c.label).collect();
            let mut machines: Vec<&str> = t.columns().map(|c| c.machine).collect();
            let n = labels.len();
            labels.sort_unstable();
            labels.dedup();
            machines.sort_unstable();
            machines.dedup();
            assert_eq!(
                (labels.len(), machines.len()),
                (n, n),
                "two columns of {} share a name",
                t.machine
            );
            assert!(t.columns().all(|c| !c.about.is_empty()));
        }
        let n = sheets.len();
        sheets.sort_unstable();
        sheets.dedup();
        assert_eq!(sheets.len(), n, "two sheets share a name");
    }

    #[test]
    fn the_tables_own_words() {
        let t = table("themes_by_size").unwrap();
        assert_eq!(t.sheet, "Tema etter størrelse");
        let labels: Vec<Cow<'_, str>> = [
            "respondents",
            "share",
            "pop_weighted_share",
            "lift",
            "q_value",
        ]
        .iter()
        .map(|c| t.label(c, &[]))
        .collect();
        assert_eq!(
            labels,
            ["Respondenter", "Andel", "Befolkningsvektet", "Løft", "q"]
        );
        let themes = [ThemeInfo {
            id: "workforce".into(),
            label: "Arbeidskraft og kompetanse".into(),
            subs: vec![],
        }];
        let r = table("respondents").unwrap();
        assert_eq!(
            r.label("share_workforce", &themes),
            "Andel Arbeidskraft og kompetanse"
        );
        assert_eq!(r.label("share_other", &themes), "Andel other");
        assert_eq!(r.label("not_named", &themes), "not_named");
        assert_eq!(sheet("respondents"), "Respondenter");
        assert_eq!(sheet("new_table"), "new_table");
        assert_eq!(header("themes_by_size", "lift", true), "#Løft");
    }
}
