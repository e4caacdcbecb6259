//! Integration tests of innspill-ingest (one binary).

mod fuzz;
mod inputs;
mod seed;
