use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::lexicon::FxBuild;

/// Written standard: Bokmål or Nynorsk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Bokmål.
    Nb,
    /// Nynorsk.
    Nn,
}

impl Lang {
    /// `"nb"` or `"nn"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
        }
    }
}

/// The written standard of a text, with a confidence in `0.5..=1.0`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LanguageGuess {
    /// The more likely standard.
    pub lang: Lang,
    /// How sure: 0.5 is a coin toss (no evidence), 1.0 certain.
    pub confidence: f32,
}

/// The language of one paragraph of a text (see [`guess_paragraphs`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParagraphLanguage {
    /// Byte range of the paragraph in the text.
    pub range: Range<usize>,
    /// The paragraph's standard and confidence.
    pub guess: LanguageGuess,
}

/// Words that occur in Nynorsk and not (or only rarely) in Bokmål, with their weight.
/// Written for `innspill` from the two standards' grammars: pronouns, question words,
/// adverbs, auxiliaries and frequent verb and adjective forms.
const NN_WORDS: &[(&str, f32)] = &[
    ("ikkje", 3.0),
    ("eg", 3.0),
    ("ein", 2.5),
    ("eit", 2.5),
    ("dei", 2.5),
    ("frå", 3.0),
    ("kva", 3.0),
    ("kven", 3.0),
    ("korleis", 3.0),
    ("kvifor", 3.0),
    ("kvar", 2.0),
    ("kor", 1.5),
    ("berre", 3.0),
    ("heile", 2.5),
    ("heilt", 2.5),
    ("mykje", 3.0),
    ("noko", 3.0),
    ("nokon", 3.0),
    ("nokre", 3.0),
    ("nokså", 2.0),
    ("vere", 3.0),
    ("vera", 3.0),
    ("vore", 3.0),
    ("vart", 2.0),
    ("verte", 3.0),
    ("vert", 2.5),
    ("vorte", 3.0),
    ("ho", 2.5),
    ("me", 1.5),
    ("sjølv", 3.0),
    ("sjølve", 3.0),
    ("difor", 3.0),
    ("òg", 3.0),
    ("dykk", 3.0),
    ("dykkar", 3.0),
    ("deira", 3.0),
    ("deim", 3.0),
    ("hjå", 3.0),
    ("saman", 2.5),
    ("utan", 3.0),
    ("medan", 3.0),
    ("sidan", 2.5),
    ("enno", 2.5),
    ("endå", 1.5),
    ("no", 1.5),
    ("då", 2.0),
    ("fleire", 3.0),
    ("meir", 3.0),
    ("mange", 0.0),
    ("eigen", 3.0),
    ("eige", 3.0),
    ("eigne", 3.0),
    ("eiga", 3.0),
    ("anna", 2.0),
    ("annan", 2.5),
    ("sjå", 3.0),
    ("seie", 3.0),
    ("seia", 3.0),
    ("seier", 2.5),
    ("sa", 0.0),
    ("gjere", 3.0),
    ("gjera", 3.0),
    ("gjer", 3.0),
    ("kome", 3.0),
    ("koma", 0.0),
    ("kjem", 3.0),
    ("kjeme", 2.0),
    ("fekk", 3.0),
    ("gjekk", 3.0),
    ("treng", 2.5),
    ("trengst", 2.0),
    ("veit", 2.0),
    ("meiner", 3.0),
    ("meine", 3.0),
    ("meining", 2.0),
    ("ønskjer", 3.0),
    ("ønskje", 3.0),
    ("same", 2.0),
    ("hennar", 3.0),
    ("einaste", 3.0),
    ("viss", 1.5),
    ("dessutan", 3.0),
    ("nemleg", 3.0),
    ("særleg", 3.0),
    ("kvarandre", 3.0),
    ("kvart", 2.0),
    ("eitt", 2.5),
    ("fyrst", 2.5),
    ("fyrste", 2.5),
    ("korkje", 3.0),
    ("anten", 2.5),
    ("ifylgje", 3.0),
    ("fylgje", 2.5),
    ("følgje", 2.5),
    ("tenkje", 3.0),
    ("spørje", 3.0),
    ("spørsmål", 0.0),
    ("gje", 2.5),
    ("gjev", 3.0),
    ("gjeve", 3.0),
    ("gjeven", 3.0),
    ("teke", 3.0),
    ("tek", 2.5),
    ("teken", 3.0),
    ("blei", 1.0),
    ("kunna", 2.0),
    ("skulla", 2.0),
    ("vilja", 2.0),
    ("måtta", 2.0),
    ("berr", 1.0),
    ("desse", 3.0),
    ("slike", 0.0),
    ("dette", 0.0),
    ("høg", 2.5),
    ("høgt", 2.5),
    ("høgare", 3.0),
    ("høgste", 3.0),
    ("sein", 1.5),
    ("seint", 2.0),
    ("gamal", 2.5),
    ("gamle", 0.0),
    ("stort", 0.0),
    ("mellom", 0.0),
    ("elles", 2.5),
    ("heller", 0.0),
    ("aldri", 0.0),
    ("alltid", 0.0),
    ("ingen", 0.0),
    ("inkje", 3.0),
    ("kvarandre", 3.0),
    ("dykkon", 2.0),
    ("vårt", 0.0),
    ("hjelpa", 2.0),
    ("byggja", 2.0),
    ("byggje", 2.5),
    ("leggje", 3.0),
    ("liggje", 3.0),
    ("setje", 3.0),
    ("sette", 0.0),
    ("stå", 0.0),
    ("gå", 0.0),
    ("heim", 2.5),
    ("heime", 2.5),
    ("framleis", 2.5),
    ("sjukehus", 3.0),
    ("sjukeheim", 3.0),
    ("skule", 3.0),
    ("skulen", 3.0),
    ("skular", 3.0),
    ("skulane", 3.0),
    ("regjeringa", 1.5),
    ("fleirtal", 3.0),
    ("fleirtalet", 3.0),
    ("mindretal", 3.0),
    ("mindretalet", 3.0),
    ("tal", 1.5),
    ("talet", 2.0),
    ("busetjing", 3.0),
    ("tilsette", 2.5),
    ("teneste", 3.0),
    ("tenester", 3.0),
    ("tenesta", 3.0),
    ("tenestene", 3.0),
    ("tryggleik", 3.0),
    ("kunnskap", 0.0),
    ("røynsle", 3.0),
    ("røynsler", 3.0),
    ("arbeid", 0.0),
    ("vedteke", 3.0),
    ("vedtok", 0.0),
    ("løysing", 3.0),
    ("løysingar", 3.0),
    ("løyse", 3.0),
    ("ynskje", 3.0),
    ("ynskjer", 3.0),
    ("fordi", 0.0),
    ("sume", 3.0),
    ("somme", 0.0),
    ("nokså", 2.0),
    ("kanskje", 0.0),
    ("særs", 2.0),
    ("ver", 1.0),
    ("jamvel", 3.0),
    ("mogleg", 3.0),
    ("moglege", 3.0),
    ("moglegheit", 3.0),
    ("moglegheiter", 3.0),
    ("umogleg", 3.0),
    ("naudsynt", 3.0),
    ("naudsynte", 3.0),
    ("tydeleg", 3.0),
    ("vanleg", 3.0),
    ("viktig", 0.0),
    ("øvst", 1.0),
    ("hugs", 2.0),
    ("hugse", 2.5),
    ("gløyme", 3.0),
    ("gløymt", 3.0),
    ("spel", 1.5),
    ("spelar", 3.0),
    ("ver", 1.0),
    ("bu", 1.0),
    ("budd", 2.0),
    ("budde", 2.0),
    ("fekk", 3.0),
    ("høyrer", 2.0),
    ("høyre", 0.0),
    ("kjenne", 1.0),
    ("ynskt", 3.0),
    ("ønskt", 0.0),
    ("seinare", 3.0),
    ("tidlegare", 3.0),
    ("tidleg", 3.0),
    ("eldre", 0.0),
    ("nye", 0.0),
    ("nokon", 3.0),
    ("fann", 2.0),
    ("såg", 2.0),
    ("gav", 1.0),
    ("gjorde", 0.0),
    ("hugsar", 3.0),
    ("tykkjer", 3.0),
    ("syns", 0.0),
    ("trur", 2.5),
    ("trudde", 2.0),
    ("sett", 0.0),
    ("heilskap", 3.0),
    ("heilskapleg", 3.0),
    ("einskild", 3.0),
    ("einskilde", 3.0),
    ("eiga", 3.0),
    ("ålmenn", 3.0),
    ("ålmenne", 3.0),
    ("fråsegn", 3.0),
    ("ferdig", 0.0),
    ("ei", 1.5),
    ("lita", 2.5),
    ("sida", 2.0),
    ("ope", 3.0),
    ("opne", 3.0),
    ("oppteke", 3.0),
    ("opptekne", 3.0),
    ("finst", 3.0),
    ("trong", 2.0),
    ("trongt", 2.0),
    ("stader", 3.0),
    ("stad", 2.0),
    ("staden", 2.5),
    ("allereie", 3.0),
    ("høge", 2.5),
    ("usamde", 3.0),
    ("samde", 3.0),
    ("samd", 3.0),
    ("vidare", 3.0),
    ("vidaregåande", 3.0),
    ("sjølvsagt", 3.0),
    ("gonger", 3.0),
    ("gong", 3.0),
    ("gongen", 3.0),
    ("byrja", 3.0),
    ("byrje", 3.0),
    ("byrjar", 3.0),
    ("auka", 2.0),
    ("auke", 2.0),
    ("aukar", 3.0),
    ("auken", 2.5),
    ("styrkje", 3.0),
    ("styrkjer", 3.0),
    ("noreg", 3.0),
    ("noregs", 3.0),
    ("føre", 1.0),
    ("føreslå", 3.0),
    ("føreslår", 3.0),
    ("framlegg", 3.0),
    ("framlegget", 3.0),
    ("vedtek", 3.0),
    ("avgjerd", 3.0),
    ("avgjerda", 3.0),
    ("avgjerder", 3.0),
    ("oppgåve", 3.0),
    ("oppgåver", 3.0),
    ("oppgåvene", 3.0),
    ("handsaming", 3.0),
    ("handsaminga", 3.0),
    ("handsame", 3.0),
    ("utval", 3.0),
    ("utvalet", 3.0),
    ("tilhøve", 3.0),
    ("tilhøva", 3.0),
    ("løyve", 3.0),
    ("løyvingar", 3.0),
    ("pengar", 3.0),
    ("pengane", 3.0),
    ("rekne", 3.0),
    ("reknar", 3.0),
    ("skilnad", 3.0),
    ("skilnaden", 3.0),
    ("forsking", 3.0),
    ("forskinga", 3.0),
    ("ligg", 2.5),
    ("gjeld", 3.0),
    ("held", 2.0),
    ("halde", 3.0),
    ("heldt", 2.5),
    ("born", 3.0),
    ("borna", 3.0),
    ("åra", 2.5),
    ("vegen", 1.5),
    ("vegar", 3.0),
    ("påverke", 3.0),
    ("påverkar", 3.0),
    ("framtida", 2.5),
    ("eigentleg", 3.0),
    ("menneska", 2.5),
    ("kvinna", 2.0),
    ("svarar", 2.5),
    ("spør", 0.0),
    ("fremja", 3.0),
    ("fremje", 3.0),
    ("fremjar", 3.0),
    ("verta", 3.0),
    ("seinast", 3.0),
    ("ynskjeleg", 3.0),
    ("nettopp", 0.0),
    ("sjølvstendig", 3.0),
    ("hovudet", 3.0),
    ("hovud", 2.0),
    ("mogelegheit", 3.0),
    ("tilrådinga", 3.0),
    ("tilråding", 3.0),
    ("innstillinga", 2.0),
    ("fleirtalsregjering", 3.0),
    ("samla", 1.0),
    ("dessverre", 0.0),
    ("kommunane", 3.0),
    ("fylka", 3.0),
    ("fylkeskommunane", 3.0),
    ("hugsa", 3.0),
    ("m.a", 3.0),
    ("t.d", 3.0),
    ("syner", 2.0),
    ("verksemd", 3.0),
    ("verksemder", 3.0),
    ("verksemda", 3.0),
    ("inneber", 3.0),
    ("innanfor", 3.0),
    ("utanfor", 3.0),
    ("framstegspartiet", 3.0),
    ("framstegspartiets", 3.0),
    ("høgre", 3.0),
    ("arbeidarpartiet", 3.0),
    ("arbeidarpartiets", 3.0),
    ("lat", 1.5),
    ("tilsegn", 3.0),
    ("atterhald", 3.0),
    ("anbod", 3.0),
    ("utjamning", 3.0),
    ("jamt", 2.0),
    ("jamn", 2.0),
    ("smell", 1.0),
    ("krev", 2.5),
    ("høyrest", 3.0),
    ("nærare", 3.0),
    ("minutt", 0.0),
    ("stortinget", 0.0),
    ("lovpålagde", 2.0),
    ("fremma", 2.5),
    ("hjelpe", 0.0),
    ("sjølvstende", 3.0),
    ("betre", 3.0),
    ("verdas", 3.0),
    ("veg", 1.5),
    ("vegane", 3.0),
    ("krevje", 3.0),
    ("krevjande", 3.0),
    ("finn", 2.0),
    ("dømes", 3.0),
    ("døme", 3.0),
    ("løn", 3.0),
    ("løna", 3.0),
    ("kjende", 2.0),
    ("kjend", 2.5),
    ("inga", 2.5),
    ("pappa", 0.0),
    ("mamma", 0.0),
    ("lilla", 0.0),
];

/// Words that occur in Bokmål and not (or only rarely) in Nynorsk, with their weight.
const NB_WORDS: &[(&str, f32)] = &[
    ("ikke", 3.0),
    ("jeg", 3.0),
    ("en", 2.5),
    ("et", 2.5),
    ("de", 2.0),
    ("fra", 3.0),
    ("hva", 3.0),
    ("hvem", 3.0),
    ("hvordan", 3.0),
    ("hvorfor", 3.0),
    ("hvor", 3.0),
    ("hvis", 3.0),
    ("hver", 3.0),
    ("hvert", 3.0),
    ("hverandre", 3.0),
    ("hvilke", 3.0),
    ("hvilken", 3.0),
    ("hvilket", 3.0),
    ("bare", 3.0),
    ("hele", 2.5),
    ("helt", 2.5),
    ("mye", 3.0),
    ("noe", 3.0),
    ("noen", 3.0),
    ("være", 3.0),
    ("vært", 3.0),
    ("ble", 2.5),
    ("blitt", 0.2),
    ("hun", 3.0),
    ("selv", 3.0),
    ("selve", 2.5),
    ("derfor", 0.3),
    ("deres", 2.5),
    ("dem", 2.0),
    ("hos", 1.0),
    ("sammen", 2.5),
    ("uten", 3.0),
    ("mens", 1.5),
    ("siden", 2.5),
    ("ennå", 3.0),
    ("nå", 2.5),
    ("da", 1.0),
    ("flere", 3.0),
    ("mer", 3.0),
    ("egen", 3.0),
    ("eget", 3.0),
    ("egne", 3.0),
    ("annet", 2.5),
    ("annen", 2.5),
    ("se", 1.5),
    ("si", 0.0),
    ("sier", 3.0),
    ("gjøre", 3.0),
    ("gjør", 3.0),
    ("gjøres", 3.0),
    ("komme", 2.5),
    ("kommer", 3.0),
    ("kommet", 3.0),
    ("fikk", 3.0),
    ("gikk", 3.0),
    ("trenger", 2.5),
    ("vet", 2.5),
    ("mener", 3.0),
    ("mene", 2.0),
    ("mening", 2.0),
    ("ønsker", 3.0),
    ("samme", 2.5),
    ("hennes", 3.0),
    ("eneste", 3.0),
    ("dessuten", 3.0),
    ("nemlig", 3.0),
    ("særlig", 3.0),
    ("ett", 2.0),
    ("først", 0.5),
    ("første", 0.5),
    ("verken", 2.0),
    ("enten", 2.5),
    ("ifølge", 3.0),
    ("følge", 1.5),
    ("tenke", 2.0),
    ("spørre", 3.0),
    ("gi", 1.5),
    ("gir", 0.5),
    ("gitt", 0.0),
    ("tatt", 0.3),
    ("disse", 3.0),
    ("høy", 2.5),
    ("høyt", 2.0),
    ("høyere", 3.0),
    ("høyeste", 3.0),
    ("sen", 1.0),
    ("sent", 1.0),
    ("gammel", 2.5),
    ("ellers", 2.5),
    ("man", 2.0),
    ("kunne", 0.0),
    ("hjem", 2.5),
    ("hjemme", 2.5),
    ("fortsatt", 1.5),
    ("sykehus", 3.0),
    ("sykehjem", 3.0),
    ("skole", 0.5),
    ("skolen", 0.5),
    ("skoler", 0.5),
    ("skolene", 0.5),
    ("regjeringen", 2.5),
    ("flertall", 3.0),
    ("flertallet", 3.0),
    ("mindretall", 3.0),
    ("mindretallet", 3.0),
    ("tall", 1.5),
    ("tallet", 2.0),
    ("ansatte", 1.5),
    ("tjeneste", 3.0),
    ("tjenester", 3.0),
    ("tjenesten", 3.0),
    ("tjenestene", 3.0),
    ("sikkerhet", 3.0),
    ("erfaring", 1.5),
    ("erfaringer", 2.0),
    ("vedtatt", 2.5),
    ("løsning", 3.0),
    ("løsninger", 3.0),
    ("løse", 3.0),
    ("noen", 3.0),
    ("mulig", 3.0),
    ("mulige", 3.0),
    ("mulighet", 3.0),
    ("muligheter", 3.0),
    ("umulig", 3.0),
    ("nødvendig", 2.5),
    ("nødvendige", 2.5),
    ("tydelig", 3.0),
    ("vanlig", 3.0),
    ("huske", 3.0),
    ("glemme", 3.0),
    ("glemt", 2.5),
    ("spill", 1.5),
    ("spiller", 2.5),
    ("bo", 0.5),
    ("hører", 2.0),
    ("senere", 3.0),
    ("tidligere", 3.0),
    ("tidlig", 3.0),
    ("fant", 2.0),
    ("så", 0.0),
    ("ga", 2.0),
    ("synes", 2.5),
    ("tror", 2.5),
    ("trodde", 2.0),
    ("helhet", 3.0),
    ("helhetlig", 3.0),
    ("enkelte", 1.0),
    ("allmenn", 3.0),
    ("allmenne", 3.0),
    ("uttalelse", 3.0),
    ("blir", 0.0),
    ("vil", 0.0),
    ("skal", 0.0),
    ("også", 0.0),
    ("og", 0.0),
    ("av", 0.0),
    ("hverdagen", 2.5),
    ("bety", 1.0),
    ("betyr", 1.5),
    ("opp", 0.0),
    ("uke", 2.5),
    ("uker", 2.5),
    ("nok", 0.0),
    ("kveld", 0.0),
    ("gjennom", 0.0),
    ("gjerne", 0.0),
    ("dere", 3.0),
    ("meg", 0.0),
    ("deg", 0.0),
    ("sine", 0.0),
    ("seg", 0.0),
    ("vår", 0.0),
    ("vi", 0.2),
    ("mange", 0.0),
    ("saken", 0.0),
    ("utvikling", 0.0),
    ("gjelder", 3.0),
    ("ligger", 2.5),
    ("holder", 2.5),
    ("holde", 2.5),
    ("regner", 2.5),
    ("regne", 2.5),
    ("penger", 3.0),
    ("mennesker", 2.0),
    ("ganger", 3.0),
    ("årene", 2.5),
    ("fremtid", 2.0),
    ("fremtiden", 2.0),
    ("forskjell", 1.5),
    ("forskning", 2.5),
    ("utvalg", 2.5),
    ("utvalget", 2.5),
    ("oppgave", 2.5),
    ("oppgaver", 2.5),
    ("oppgavene", 2.5),
    ("påvirke", 2.5),
    ("gang", 0.8),
    ("gangen", 1.5),
    ("vei", 1.0),
    ("veien", 1.0),
    ("mangler", 1.0),
    ("fremmet", 2.0),
    ("fremme", 1.0),
    ("legge", 1.0),
    ("både", 0.0),
    ("vanskelig", 2.0),
    ("bl.a", 3.0),
    ("f.eks", 3.0),
    ("innebærer", 3.0),
    ("utenfor", 2.5),
    ("fremskrittspartiet", 3.0),
    ("fremskrittspartiets", 3.0),
    ("arbeiderpartiet", 3.0),
    ("arbeiderpartiets", 3.0),
    ("la", 0.5),
    ("anbud", 3.0),
    ("utjevning", 2.5),
    ("jevnt", 2.0),
    ("jevn", 2.0),
    ("høyre", 0.0),
    ("bedre", 2.0),
    ("bedriften", 0.0),
    ("verdens", 2.0),
    ("finner", 2.0),
    ("eksempel", 1.0),
    ("lønn", 2.0),
    ("kjente", 1.0),
    ("kjent", 0.5),
];

/// Suffix patterns: (ending, minimum word length in letters, weight; > 0 means Nynorsk).
const SUFFIXES: &[(&str, usize, f32)] = &[
    // adjectives -leg (nn) / -lig (nb)
    ("leg", 5, 2.0),
    ("lege", 6, 2.0),
    ("legt", 6, 2.0),
    ("legare", 8, 2.0),
    ("legast", 8, 2.0),
    ("lig", 5, -2.0),
    ("lige", 6, -2.0),
    ("ligere", 8, -2.0),
    ("ligst", 7, -2.0),
    ("ligste", 8, -2.0),
    // nouns -heit (nn) / -het (nb)
    ("heit", 6, 2.0),
    ("heita", 7, 2.0),
    ("heiter", 8, 2.0),
    ("heitene", 9, 2.0),
    ("het", 6, -1.5),
    ("heten", 7, -2.0),
    ("heter", 7, -1.0),
    ("hetene", 8, -2.0),
    ("leik", 6, 2.0),
    // definite feminine singular and neuter plural -a, past tense -a (nn)
    ("a", 4, 0.5),
    ("ia", 5, 0.0),
    ("ma", 5, 0.0),
    ("ta", 5, 0.2),
    // Bokmål passive -es (nn: -ast or blir/vert + participle)
    ("es", 6, -0.8),
    // Bokmål words as well: neutral
    ("svar", 4, 0.0),
    ("klar", 4, 0.0),
    ("bar", 3, 0.0),
    ("bane", 4, 0.0),
    ("vane", 4, 0.0),
    // masculine plurals -ar/-ane (nn) / -er/-ene (nb)
    ("ar", 5, 1.2),
    ("arar", 6, 1.5),
    ("ingar", 7, 2.5),
    ("ane", 6, 1.5),
    ("ingane", 8, 2.5),
    ("ingen", 7, -1.0),
    ("inger", 7, -1.5),
    ("ingene", 8, -2.0),
    ("ene", 6, -0.4),
    ("inga", 6, 1.0),
    // -kje/-gje (nn: tenkje, byggje, ønskje)
    ("kje", 5, 1.5),
    ("kjer", 6, 1.5),
    ("gje", 5, 1.5),
    ("gjer", 6, 1.0),
    // passive and superlative -ast (nn) / -es, -st (nb)
    ("ast", 6, 0.5),
    ("eleg", 6, 0.5),
    ("sjonar", 8, 2.0),
    ("sjonane", 9, 2.5),
    ("sjoner", 8, -1.5),
    ("sjonene", 9, -2.0),
    ("else", 7, -1.0),
    ("elsen", 8, -1.5),
    ("elser", 8, -1.5),
    ("elsene", 9, -1.5),
    ("nad", 6, 0.8),
    ("naden", 8, 0.8),
    ("øyse", 6, 1.5),
    // present participles -ande (nn) / -ende (nb)
    ("ande", 6, 2.0),
    ("aste", 6, 2.0),
    ("vje", 5, 2.0),
    ("ende", 6, -1.0),
    ("nader", 7, 1.5),
    ("måte", 4, 0.0),
    ("måtar", 5, 3.0),
    ("øysing", 7, 2.0),
];

/// Parts of words (compounds) that belong to one standard: (part, weight; > 0 Nynorsk).
const INFIXES: &[(&str, f32)] = &[
    ("teneste", 2.5),
    ("tjeneste", -2.5),
    ("tryggleik", 2.5),
    ("sikkerhet", -1.0),
    ("skule", 1.5),
    ("kommunane", 2.5),
    ("fylka", 0.5),
    ("arbeidar", 2.0),
    ("arbeider", -0.5),
    ("verksemd", 2.5),
    ("virksomhet", -1.5),
    ("løysing", 2.5),
    ("løsning", -2.0),
    ("oppgåve", 2.5),
    ("oppgave", -2.0),
    ("moglegheit", 2.5),
    ("mulighet", -2.0),
];

/// Prefixes that belong to one standard (the word must be at least 3 letters longer).
const PREFIXES: &[(&str, f32)] = &[
    ("føre", 1.5),
    ("heim", 1.5),
    ("hjem", -1.5),
    ("utan", 2.0),
    ("uten", -1.5),
    ("innan", 1.5),
    ("heil", 1.0),
    ("eigen", 1.5),
    ("sjølv", 2.0),
    ("sjuk", 2.0),
    ("syk", -1.5),
];

/// Words ending in `-ar` or `-a` that are Bokmål as well (so the Nynorsk plural and
/// definite-form rules do not fire).
const AR_EXCEPTIONS: &[&str] = &[
    "ekstra",
    "europa",
    "afrika",
    "amerika",
    "agenda",
    "skala",
    "kamera",
    "opera",
    "sofa",
    "pizza",
    "aroma",
    "villa",
    "ballerina",
    "kina",
    "ukraina",
    "arena",
    "kolera",
    "mafia",
    "januar",
    "februar",
    "kommentar",
    "seminar",
    "dollar",
    "formular",
    "vikar",
    "sekretar",
    "inventar",
    "kalendar",
    "militar",
    "reservoar",
    "bibliotekar",
    "pessar",
    "altar",
    "nektar",
    "radar",
    "basar",
    "bazar",
    "jaguar",
    "familiar",
    "solidar",
    "regulær",
    "hangar",
    "komplementar",
    "avantgarde",
    "cellar",
    "molar",
    "polar",
    "lunar",
    "solar",
    "vulgar",
    "singular",
    "plural",
    "modular",
    "populær",
    "tabular",
    "scholar",
    "sugar",
    "bokmålsord",
];

/// The marker words with their signed weights (> 0 Nynorsk), built once.
fn markers() -> &'static HashMap<&'static str, f32, FxBuild> {
    static MARKERS: OnceLock<HashMap<&'static str, f32, FxBuild>> = OnceLock::new();
    MARKERS.get_or_init(|| {
        let mut m = HashMap::default();
        for &(w, x) in NB_WORDS {
            m.insert(w, -x);
        }
        for &(w, x) in NN_WORDS {
            m.insert(w, x);
        }
        m
    })
}

/// Nynorsk (`> 0`) or Bokmål (`< 0`) weight of one lower-cased word.
fn word_weight(w: &str) -> f32 {
    if let Some(&x) = markers().get(w) {
        return x;
    }
    let letters = w.chars().count();
    if letters < 4 || !w.chars().all(char::is_alphabetic) {
        return 0.0;
    }
    let mut weight = 0.0;
    if w.starts_with("hv") {
        weight -= 2.0;
    }
    for &(part, x) in INFIXES {
        if w.contains(part) {
            weight += x;
            break;
        }
    }
    for &(prefix, x) in PREFIXES {
        if w.starts_with(prefix) && letters >= prefix.len() + 3 {
            weight += x;
            break;
        }
    }
    // The longest matching suffix decides.
    let mut best_len = 0;
    let mut best = 0.0;
    for &(ending, min, x) in SUFFIXES {
        if letters >= min && w.ends_with(ending) && ending.len() > best_len {
            if (ending == "ar" || ending == "a") && AR_EXCEPTIONS.contains(&w) {
                continue;
            }
            best_len = ending.len();
            best = x;
        }
    }
    weight + best
}

fn from_score(score: f32) -> LanguageGuess {
    let lang = if score > 0.0 { Lang::Nn } else { Lang::Nb };
    let confidence = 1.0 / (1.0 + (-score.abs()).exp());
    LanguageGuess { lang, confidence }
}

/// Bokmål or Nynorsk for a whole text, with a confidence.
///
/// Each word adds its weight: marker words of one standard (`ikkje`/`ikke`, `eg`/`jeg`,
/// `frå`/`fra`, `kva`/`hva`, `mykje`/`mye`, …), word endings (`-leg`/`-lig`,
/// `-heit`/`-het`, `-ar`/`-er` plurals with `-ane`/`-ene`, `-ande`/`-ende`, `-kje`),
/// prefixes and parts of compounds (`føre-`, `-teneste-`/`-tjeneste-`), and an infinitive
/// in `-a` after `å`. Words inside «quotation marks» count a quarter (a Nynorsk statement
/// often quotes the Bokmål booklet). The sum `s` (> 0 for Nynorsk) gives the confidence
/// `1 / (1 + e^-|s|)`; without any evidence the guess is Bokmål (the more common
/// standard) at 0.5.
///
/// ```
/// use innspill_norsk::{Lang, guess_language};
///
/// let nn = guess_language("Kommunane må få meir handlingsrom, og staten bør ikkje styre alt.");
/// assert_eq!(nn.lang, Lang::Nn);
/// let nb = guess_language("Kommunene må få mer handlingsrom, og staten bør ikke styre alt.");
/// assert_eq!(nb.lang, Lang::Nb);
/// assert!(nb.confidence > 0.9);
/// ```
pub fn guess_language(text: &str) -> LanguageGuess {
    from_score(text_score(text))
}

/// How much a word inside «quotation marks» counts: quotes are often someone else's
/// text in the other standard (a Nynorsk statement quoting the Bokmål booklet).
const QUOTED: f32 = 0.25;

/// The score of a text, with quoted words weighted down.
fn text_score(text: &str) -> f32 {
    let mut depth = 0u32;
    let mut last = 0;
    let mut after_aa = false;
    let mut sum = 0.0;
    for (i, w) in text.unicode_word_indices() {
        for c in text[last..i].chars() {
            match c {
                '«' | '“' => depth += 1,
                '»' | '”' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        last = i;
        let lower = w.to_lowercase();
        let mut x = word_weight(&lower);
        if after_aa && lower.ends_with('a') && !lower.ends_with("ia") && lower.chars().count() >= 4
        {
            x += 1.5;
        }
        after_aa = lower == "å";
        sum += if depth > 0 { x * QUOTED } else { x };
    }
    sum
}

/// Bokmål or Nynorsk for each paragraph of `text` (paragraphs are separated by blank
/// lines). A paragraph without evidence of its own takes the whole text's standard, at
/// the confidence of its own (weak) evidence.
///
/// ```
/// use innspill_norsk::{Lang, guess_paragraphs};
///
/// let text = "Kommunedirektøren anbefaler at uttalelsen vedtas.\n\n\
///             Røst kommune meiner at staten ikkje kan styre alt.";
/// let paragraphs = guess_paragraphs(text);
/// assert_eq!(paragraphs.len(), 2);
/// assert_eq!(paragraphs[1].guess.lang, Lang::Nn);
/// ```
pub fn guess_paragraphs(text: &str) -> Vec<ParagraphLanguage> {
    let whole = guess_language(text);
    let mut out = Vec::new();
    let mut start = 0;
    let mut push = |range: Range<usize>| {
        let para = &text[range.clone()];
        if para.trim().is_empty() {
            return;
        }
        let score = text_score(para);
        let guess = if score == 0.0 {
            LanguageGuess {
                lang: whole.lang,
                confidence: 0.5,
            }
        } else {
            from_score(score)
        };
        out.push(ParagraphLanguage { range, guess });
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            // A blank line: a newline, only spaces, another newline.
            let mut j = i + 1;
            while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                push(start..i);
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    push(start..text.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_table() {
        let cases: &[(&str, Lang)] = &[
            ("Eg trur ikkje at det går.", Lang::Nn),
            ("Jeg tror ikke at det går.", Lang::Nb),
            ("Kommunane treng fleire tilsette.", Lang::Nn),
            ("Kommunene trenger flere ansatte.", Lang::Nb),
            ("Det er viktig med tydeleg statleg styring.", Lang::Nn),
            ("Det er viktig med tydelig statlig styring.", Lang::Nb),
            ("Samfunnstryggleiken må styrkjast.", Lang::Nn),
            ("Samfunnssikkerheten må styrkes.", Lang::Nb),
            ("Utfordringane er store.", Lang::Nn),
            ("Utfordringene er store.", Lang::Nb),
            ("Arbeidet med ein god skule startar med lærarane.", Lang::Nn),
            ("Hva gjør vi nå?", Lang::Nb),
            ("Kva gjer me no?", Lang::Nn),
            ("", Lang::Nb),
        ];
        for &(text, lang) in cases {
            let g = guess_language(text);
            assert_eq!(
                g.lang, lang,
                "guess_language({text:?}) = {g:?}\nhelp: see NN_WORDS, NB_WORDS and SUFFIXES in lang.rs"
            );
            assert!((0.5..=1.0).contains(&g.confidence));
        }
    }

    #[test]
    fn no_evidence_is_a_coin_toss() {
        let g = guess_language("Røst 2026");
        assert_eq!(
            g,
            LanguageGuess {
                lang: Lang::Nb,
                confidence: 0.5
            }
        );
    }

    #[test]
    fn paragraphs_cover_text() {
        let text = "Vi mener dette.\n\n  \nVi meiner dette òg.\n\n2026\n";
        let p = guess_paragraphs(text);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].guess.lang, Lang::Nb);
        assert_eq!(p[1].guess.lang, Lang::Nn);
        assert_eq!(&text[p[1].range.clone()], "Vi meiner dette òg.");
        assert_eq!(p[2].guess.confidence, 0.5);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,200}") {
            let g = guess_language(&text);
            proptest::prop_assert!((0.5..=1.0).contains(&g.confidence));
            for p in guess_paragraphs(&text) {
                proptest::prop_assert!(text.is_char_boundary(p.range.start));
                proptest::prop_assert!(text.is_char_boundary(p.range.end));
            }
        }
    }
}
