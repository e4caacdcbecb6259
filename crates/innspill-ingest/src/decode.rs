//! Bytes of a plain-text file to a `String`: BOMs, UTF-8, UTF-16 and Windows-1252.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::error::InputError;

/// Decoded text and the remarks worth a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub(crate) text: String,
    pub(crate) warnings: Vec<String>,
}

/// Decode the bytes of a text file.
///
/// UTF-8 (with or without BOM) is taken as is; a UTF-16 BOM selects UTF-16; anything
/// else that is not valid UTF-8 is read as Windows-1252 (a superset of the printable
/// Latin-1 range), with a warning. Data that is not text at all (NUL bytes or many
/// control characters) is refused.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<Decoded, InputError> {
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    let mut warnings = Vec::new();
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        match std::str::from_utf8(rest) {
            Ok(s) => s.to_string(),
            Err(e) => {
                return Err(InputError::InvalidUtf8 {
                    offset: e.valid_up_to() + 3,
                });
            }
        }
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        warnings.push("transcoded from UTF-16LE (byte order mark)".to_string());
        decode_with(UTF_16LE, rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        warnings.push("transcoded from UTF-16BE (byte order mark)".to_string());
        decode_with(UTF_16BE, rest)
    } else if looks_binary(bytes) {
        return Err(InputError::Binary);
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                warnings.push(
                    "not valid UTF-8: read as Windows-1252/Latin-1 and transcoded".to_string(),
                );
                decode_with(WINDOWS_1252, bytes)
            }
        }
    };
    if control_share(&text) > 0.05 {
        return Err(InputError::Binary);
    }
    if text.trim().is_empty() {
        return Err(InputError::NoText);
    }
    Ok(Decoded { text, warnings })
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> String {
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// NUL bytes in the first 8 KiB, or a high share of C0 control bytes, mean binary data.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    controls * 20 > head.len()
}

fn control_share(text: &str) -> f64 {
    let mut total = 0usize;
    let mut controls = 0usize;
    for c in text.chars().take(8192) {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}') {
            controls += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        controls as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode_text("Røst kommune".as_bytes()).unwrap();
        assert_eq!(d.text, "Røst kommune");
        assert!(d.warnings.is_empty());
        let d = decode_text(b"\xEF\xBB\xBFR\xC3\xB8st").unwrap();
        assert_eq!(d.text, "Røst");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf16_bom_both_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Hjartdal – æøå".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let d = decode_text(&le).unwrap();
        assert_eq!(d.text, "Hjartdal – æøå");
        assert!(d.warnings[0].contains("UTF-16LE"));
        let d = decode_text(&be).unwrap();
        assert_eq!(d.text, "Hjartdal – æøå");
        assert!(d.warnings[0].contains("UTF-16BE"));
    }

    #[test]
    fn windows_1252_is_transcoded_with_a_warning() {
        // "Bærum – «sånn»" in Windows-1252: æ=E6, –=96, «=AB, å=E5, »=BB.
        let d = decode_text(b"B\xE6rum \x96 \xABs\xE5nn\xBB").unwrap();
        assert_eq!(d.text, "Bærum – «sånn»");
        assert!(d.warnings[0].contains("Windows-1252"));
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert!(matches!(decode_text(b""), Err(InputError::Empty)));
        assert!(matches!(decode_text(b" \n\t\n"), Err(InputError::NoText)));
        assert!(matches!(
            decode_text(b"\x7fELF\x02\x01\x01\x00\x00\x00"),
            Err(InputError::Binary)
        ));
        let noise: Vec<u8> = (0u8..=255).cycle().skip(1).take(4000).collect();
        assert!(matches!(decode_text(&noise), Err(InputError::Binary)));
    }
}
