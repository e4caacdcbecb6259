//! One module per command. Each has an `Args` (clap) and a `run(args, globals)`.

pub(crate) mod booklet;
pub(crate) mod index;
pub(crate) mod ingest;
pub(crate) mod lang;
pub(crate) mod register;
pub(crate) mod report;
pub(crate) mod review;
pub(crate) mod run;
pub(crate) mod search;
pub(crate) mod serve;
pub(crate) mod themes;
pub(crate) mod tokenize;
