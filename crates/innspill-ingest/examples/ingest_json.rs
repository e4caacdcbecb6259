//! Print what ingest makes of one file, as document JSON (or the reason it failed).
//!
//! `cargo run -p innspill-ingest --example ingest_json -- FILE [REGISTER.csv] [REFERENCE.txt…]`
//!
//! The PDF fixtures' script (`tests/pdf/make.sh`) uses it to turn the Røst seed text into
//! the source paragraphs of its renderings.

use std::process::ExitCode;

use innspill_ingest::{Ingester, RegisterImport};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(file) = args.first() else {
        eprintln!("usage: ingest_json FILE [REGISTER.csv] [REFERENCE.txt…]");
        return ExitCode::from(2);
    };
    let mut builder = Ingester::builder();
    if let Some(register) = args.get(1) {
        let mut import = RegisterImport::new();
        if let Err(e) = import.add_file(std::path::Path::new(register)) {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
        builder = builder.register(import.finish());
    }
    for reference in args.iter().skip(2) {
        match builder.reference_file(std::path::Path::new(reference)) {
            Ok(b) => builder = b,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let ingester = builder.build();
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {file}: {e}");
            return ExitCode::from(2);
        }
    };
    match ingester.ingest_bytes(file, &bytes, None) {
        Ok(doc) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&doc).expect("documents serialise")
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("failed: {file}: {e}");
            ExitCode::from(1)
        }
    }
}
