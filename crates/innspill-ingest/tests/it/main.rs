//! Integration tests of innspill-ingest (one binary).

mod fuzz;
mod inputs;
mod pdf_fixtures;
mod seed;
