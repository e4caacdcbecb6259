use std::net::SocketAddr;
use std::path::PathBuf;

/// Errors of starting or running the workbench.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A non-loopback address was asked for without a token.
    #[error(
        "--bind {addr} is reachable from other machines: give --token T as well (sent as a cookie after the first visit to /?token=T)"
    )]
    TokenRequired {
        /// The address.
        addr: SocketAddr,
    },
    /// The store could not be read.
    #[error("cannot read the store {path}")]
    Store {
        /// The store's folder.
        path: PathBuf,
        /// Why.
        source: innspill_model::Error,
    },
    /// The tables could not be made.
    #[error("cannot make the tables")]
    Aggregate(#[source] innspill_aggregate::Error),
    /// The theme tables could not be read.
    #[error("cannot read the theme tables")]
    Report(#[source] innspill_report::Error),
    /// The address could not be bound, or serving failed.
    #[error("cannot serve on {addr}")]
    Serve {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
}
