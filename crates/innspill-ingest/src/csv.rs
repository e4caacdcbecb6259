//! A small CSV reader for the register and manifest files (RFC 4180 quoting; the
//! delimiter, `,`, `;` or tab, is told from the header line).

/// The records of `text` as `(1-based line number, fields)`, blank lines skipped.
pub(crate) fn records(text: &str) -> Vec<(usize, Vec<String>)> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let delimiter = guess_delimiter(text);
    let mut out = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1usize;
    let mut record_line = 1usize;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
                any = true;
            }
            c if c == delimiter => {
                fields.push(std::mem::take(&mut field).trim().to_string());
                any = true;
            }
            '\r' => {}
            '\n' => {
                if any || !field.trim().is_empty() {
                    fields.push(std::mem::take(&mut field).trim().to_string());
                    out.push((record_line, std::mem::take(&mut fields)));
                }
                field.clear();
                any = false;
                line += 1;
                record_line = line;
            }
            c => {
                field.push(c);
            }
        }
    }
    if any || !field.trim().is_empty() {
        fields.push(field.trim().to_string());
        out.push((record_line, fields));
    }
    out
}

fn guess_delimiter(text: &str) -> char {
    // Totals over the first lines decide (SSB files may open with a title line).
    let (mut semi, mut comma, mut tab) = (0, 0, 0);
    for line in text.lines().take(10) {
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ';' if !quoted => semi += 1,
                ',' if !quoted => comma += 1,
                '\t' if !quoted => tab += 1,
                _ => {}
            }
        }
    }
    if semi >= comma && semi >= tab && semi > 0 {
        ';'
    } else if tab > comma {
        '\t'
    } else {
        ','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_delimiters() {
        let r = records("a,b\n\"x, y\",\"sa \"\"z\"\"\"\n\n1,2");
        assert_eq!(r[0], (1, vec!["a".into(), "b".into()]));
        assert_eq!(r[1], (2, vec!["x, y".into(), "sa \"z\"".into()]));
        assert_eq!(r[2], (4, vec!["1".into(), "2".into()]));
        let r = records("\u{FEFF}\"code\";\"name\"\r\n\"1856\";\"Røst\"\r\n");
        assert_eq!(r[1].1, ["1856", "Røst"]);
    }
}
