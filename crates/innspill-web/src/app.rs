//! The app's state, its routes and the server.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::get;
use innspill_aggregate::ThemeInfo;
use innspill_model::{Register, Store};

use crate::Error;
use crate::pages;
use crate::security;
use crate::snapshot::{Snapshot, stamp};

/// How `innspill serve` runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store. By default, `.innspill`.
    pub store: PathBuf,
    /// The address. By default, `127.0.0.1:7878` (loopback only).
    pub bind: SocketAddr,
    /// Who the reviews made here are by. By default, `$USER`, else «analytiker».
    pub reviewer: String,
    /// The access token, required for a non-loopback address. By default, none.
    pub token: Option<String>,
    /// The codebook's themes, in the order the pages show them. By default, none (the
    /// binary passes the codebook's).
    pub themes: Vec<ThemeInfo>,
    /// The register to use when the store has none. By default, empty.
    pub register: Register,
}

impl Config {
    /// The defaults for `store`.
    pub fn new(store: impl Into<PathBuf>) -> Config {
        Config {
            store: store.into(),
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            reviewer: std::env::var("USER")
                .ok()
                .filter(|u| !u.trim().is_empty())
                .unwrap_or_else(|| "analytiker".to_string()),
            token: None,
            themes: Vec::new(),
            register: Register::default(),
        }
    }

    /// A non-loopback address needs a token.
    fn check(&self) -> Result<(), Error> {
        if !self.bind.ip().is_loopback() && self.token.as_deref().is_none_or(str::is_empty) {
            return Err(Error::TokenRequired { addr: self.bind });
        }
        Ok(())
    }
}

/// The shared state of the app: the configuration, the store, the current
/// [`Snapshot`](crate::snapshot) of it, and the CSRF token of this run. Cheap to clone.
#[derive(Debug, Clone)]
pub struct App {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: Config,
    store: Store,
    snap: RwLock<Arc<Snapshot>>,
    checked: Mutex<Instant>,
    csrf: String,
    /// One review written (and the snapshot reloaded) at a time within this process.
    writing: Mutex<()>,
}

/// How often a request looks whether the store changed.
const CHECK_EVERY: Duration = Duration::from_millis(500);

impl App {
    /// Load the store of `config` (fails on a non-loopback address without a token, or a
    /// store that cannot be read).
    pub fn new(config: Config) -> Result<App, Error> {
        config.check()?;
        let store = Store::new(&config.store);
        let snap = Snapshot::load(&store, &config.themes, &config.register)?;
        Ok(App {
            inner: Arc::new(Inner {
                store,
                snap: RwLock::new(Arc::new(snap)),
                checked: Mutex::new(Instant::now()),
                csrf: security::random_token(),
                writing: Mutex::new(()),
                config,
            }),
        })
    }

    pub(crate) fn token(&self) -> Option<&str> {
        self.inner.config.token.as_deref()
    }

    pub(crate) fn csrf(&self) -> &str {
        &self.inner.csrf
    }

    pub(crate) fn reviewer(&self) -> &str {
        &self.inner.config.reviewer
    }

    pub(crate) fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The current snapshot, reloaded first when the store changed since it was made
    /// (looked at most every [`CHECK_EVERY`]).
    pub(crate) fn snapshot(&self) -> Arc<Snapshot> {
        let due = {
            let mut checked = self.inner.checked.lock().unwrap_or_else(|e| e.into_inner());
            if checked.elapsed() >= CHECK_EVERY {
                *checked = Instant::now();
                true
            } else {
                false
            }
        };
        if due {
            let current = self.current();
            if stamp(&self.inner.store) != current.stamp {
                self.reload();
            }
        }
        self.current()
    }

    fn current(&self) -> Arc<Snapshot> {
        self.inner
            .snap
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Load the store again now; on failure keep what is shown and log why.
    pub(crate) fn reload(&self) {
        let c = &self.inner.config;
        match Snapshot::load(&self.inner.store, &c.themes, &c.register) {
            Ok(s) => {
                tracing::info!(documents = s.docs.len(), "store reloaded");
                *self.inner.snap.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(s);
            }
            Err(e) => tracing::warn!("store changed but could not be reloaded: {e}"),
        }
    }

    /// Bring the search index's theme facets in line with the reviews (when no other
    /// process holds the index's writer), then follow the reviews in what is shown: the
    /// effective tags and tables are made anew, the documents are not read again.
    pub(crate) fn after_review(&self) {
        let snap = self.current();
        if let Some(index) = &snap.index {
            match index.update_from_store(&self.inner.store, &mut innspill_index::NoProgress) {
                Ok(_) => {
                    let _ = index.reload();
                }
                Err(e) => {
                    tracing::warn!("the search facets wait for the next `innspill index`: {e}")
                }
            }
        }
        match snap.with_reviews(&self.inner.store) {
            Ok(s) => *self.inner.snap.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(s),
            Err(e) => {
                tracing::warn!("reviews could not be applied, reading the whole store: {e}");
                self.reload();
            }
        }
    }

    pub(crate) fn writing(&self) -> std::sync::MutexGuard<'_, ()> {
        self.inner.writing.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Every route of the app over `app`.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/", get(pages::search))
        .route("/sok.csv", get(pages::search_csv))
        .route("/sok.xlsx", get(pages::search_xlsx))
        .route("/temaer", get(pages::themes))
        .route("/temaer/celle", get(pages::cell))
        .route("/respondenter", get(pages::respondents))
        .route("/dokument/{id}", get(pages::document))
        .route("/original/{id}", get(pages::original))
        .route(
            "/gjennomgang",
            get(pages::review_queue).post(pages::review_post),
        )
        .route("/static/style.css", get(pages::style))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            security::guard,
        ))
        .with_state(app)
}

/// Load the store and serve the app on `config.bind` until the process ends; prints the
/// address to open on stdout.
pub fn serve(config: Config) -> Result<(), Error> {
    let addr = config.bind;
    let token = config.token.clone();
    let app = App::new(config)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .build()
        .map_err(|source| Error::Serve { addr, source })?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| Error::Serve { addr, source })?;
        let local = listener
            .local_addr()
            .map_err(|source| Error::Serve { addr, source })?;
        match token {
            Some(t) => println!("http://{local}/?token={t}"),
            None => println!("http://{local}/"),
        }
        use std::io::Write;
        let _ = std::io::stdout().flush();
        axum::serve(listener, router(app))
            .await
            .map_err(|source| Error::Serve { addr, source })
    })
}
