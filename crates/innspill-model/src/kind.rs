//! The kinds that documents and the register share: who a respondent is
//! ([`RespondentKind`]) and how large ([`SizeClass`]). Both `document.rs` and
//! `register.rs` take them from here, so neither imports the other.

use serde::{Deserialize, Serialize};

/// Kind of respondent.
///
/// In JSON and in the tables: `kommune`, `fylkeskommune`, `ks_region` or `unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RespondentKind {
    /// A municipality.
    Kommune,
    /// A county authority.
    Fylkeskommune,
    /// One of KS' own regional bodies (its county meeting or county board, «fylkesmøtet i
    /// KS Trøndelag», «KS Rogaland fylkesstyre»): not a member, so the tables count it
    /// apart from the municipalities and county authorities. Its county is the
    /// respondent's `fylke`; it has no number.
    KsRegion,
    /// Could not be told.
    #[default]
    Unknown,
}

impl RespondentKind {
    /// The name used in JSON (`kommune`, `fylkeskommune`, `ks_region`, `unknown`).
    pub fn as_str(self) -> &'static str {
        match self {
            RespondentKind::Kommune => "kommune",
            RespondentKind::Fylkeskommune => "fylkeskommune",
            RespondentKind::KsRegion => "ks_region",
            RespondentKind::Unknown => "unknown",
        }
    }

    /// Whether the respondent is a member of KS (a municipality or county authority),
    /// or may be one (unknown).
    pub fn is_member(self) -> bool {
        self != RespondentKind::KsRegion
    }
}

/// Size class of a respondent, from its population (see
/// [`SizeThresholds`](crate::SizeThresholds)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SizeClass {
    /// Fewer than 5 000 inhabitants by default.
    Liten,
    /// 5 000–19 999 by default.
    Mellomstor,
    /// 20 000 or more by default.
    Stor,
    /// A county authority, whatever its population.
    Fylkeskommune,
}

impl SizeClass {
    /// All classes in display order.
    pub const ALL: [SizeClass; 4] = [
        SizeClass::Liten,
        SizeClass::Mellomstor,
        SizeClass::Stor,
        SizeClass::Fylkeskommune,
    ];

    /// The lower-case Norwegian name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            SizeClass::Liten => "liten",
            SizeClass::Mellomstor => "mellomstor",
            SizeClass::Stor => "stor",
            SizeClass::Fylkeskommune => "fylkeskommune",
        }
    }

    /// Parse the name given by [`SizeClass::as_str`].
    pub fn parse(s: &str) -> Option<SizeClass> {
        SizeClass::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_and_write_their_json_names() {
        for kind in [
            RespondentKind::Kommune,
            RespondentKind::Fylkeskommune,
            RespondentKind::KsRegion,
            RespondentKind::Unknown,
        ] {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(serde_json::from_str::<RespondentKind>(&json).unwrap(), kind);
        }
        assert!(!RespondentKind::KsRegion.is_member());
        assert!(RespondentKind::Unknown.is_member());
    }

    #[test]
    fn size_classes_round_trip() {
        for c in SizeClass::ALL {
            assert_eq!(SizeClass::parse(c.as_str()), Some(c));
        }
        assert_eq!(SizeClass::parse("ks_region"), None);
    }
}
