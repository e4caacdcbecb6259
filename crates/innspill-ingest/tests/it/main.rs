//! Integration tests of innspill-ingest (one binary).

mod inputs;
mod seed;
