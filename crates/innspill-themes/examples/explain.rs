//! Print the tags (with evidence) of each paragraph of a plain text read from stdin.
//!
//! `echo "Vi må styrke beredskapen." | cargo run -p innspill-themes --example explain`

use std::io::Read;

use innspill_themes::{Tagger, document_from_text};

fn main() {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .expect("stdin is UTF-8 text");
    let tagger = Tagger::with_default_codebook();
    let doc = document_from_text(&text, "-");
    for p in tagger.tag_paragraphs(&doc) {
        println!("{}", serde_json::to_string(&p).expect("serialisable"));
    }
}
