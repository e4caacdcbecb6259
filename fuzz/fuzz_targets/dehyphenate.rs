//! Dehyphenation of any string keeps its offset map: monotone, on char boundaries of the
//! original, ending at the original's end, and removing the joins' byte ranges from the
//! original gives the joined text.
#![no_main]

use std::sync::OnceLock;

use innspill_norsk::{Lexicon, dehyphenate};
use libfuzzer_sys::fuzz_target;

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::embedded)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let d = dehyphenate(text, lexicon());
    assert!(d.text.len() <= text.len(), "joining only removes bytes");
    let mut last = 0;
    for n in (0..=d.text.len()).filter(|&n| d.text.is_char_boundary(n)) {
        let o = d.to_original(n);
        let e = d.to_original_end(n);
        assert!(o >= last, "to_original({n}) = {o} goes back from {last}");
        assert!(
            e <= o && o <= text.len(),
            "to_original_end({n}) = {e}, to_original = {o}"
        );
        assert!(
            text.is_char_boundary(o) && text.is_char_boundary(e),
            "offset {n} maps off a char boundary ({o}, {e})"
        );
        last = o;
    }
    assert_eq!(d.to_original(d.text.len()), text.len());
    let mut rebuilt = String::with_capacity(text.len());
    let mut at = 0;
    for j in d.joins() {
        assert!(
            at <= j.removed.start && j.removed.start <= j.removed.end,
            "{j:?}"
        );
        rebuilt.push_str(&text[at..j.removed.start]);
        assert_eq!(j.at, rebuilt.len(), "{j:?}: second half's offset");
        at = j.removed.end;
    }
    rebuilt.push_str(&text[at..]);
    assert_eq!(
        rebuilt, d.text,
        "the joins' ranges removed give the joined text"
    );
    assert_eq!(d.is_unchanged(), d.joins().is_empty());
});
