//! `innspill serve`: the analyst's workbench in the browser.
//!
//! A small server-rendered web app over one store (documents, effective tags, the search
//! index and the aggregate tables), in Norwegian, offline (no CDN, no external fonts), with
//! the report's look ([`innspill_report::STYLE`]):
//!
//! - **Søk** (`/`): the `innspill search` syntax and analyser, filters as controls, hits
//!   grouped by respondent with highlighted snippets and citations, facets that filter when
//!   clicked, paging; the URL holds the whole state; the hits as CSV (`/sok.csv`).
//! - **Temaer** (`/temaer`): the report's theme tables, each count a link to exactly the
//!   paragraphs behind it (`/temaer/celle`).
//! - **Respondenter** (`/respondenter`) and **Dokument** (`/dokument/{id}`): the document's
//!   segments, evidence highlighted per tag, questions, demands, the original file.
//! - **Gjennomgang** (`/gjennomgang`): accept or reject a tag, add one, note something
//!   (POST, checked for Origin and a CSRF token); a queue of paragraphs ordered by doubt.
//!
//! Reviews are appended to `STORE/reviews.jsonl` ([`innspill_model::Store::append_review`]);
//! every count the app shows is made from effective tags. The app notices a store updated
//! by `innspill run`, `ingest` or a review and reloads what it shows.
//!
//! [`App`] holds the state, [`router`] gives the routes (tests drive them without a
//! socket), [`serve`] binds and serves until the process ends.
//!
//! # Example
//!
//! ```no_run
//! use innspill_web::{Config, serve};
//!
//! let config = Config::new(".innspill");
//! serve(config).unwrap(); // http://127.0.0.1:7878/
//! ```
#![deny(missing_docs)]

mod app;
mod error;
mod pages;
mod security;
mod snapshot;

pub use crate::{
    app::{App, Config, router, serve},
    error::Error,
};
