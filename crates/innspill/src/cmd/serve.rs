//! `innspill serve`: the analyst's workbench in the browser over the store
//! (`innspill-web`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use innspill_norsk::Analyzer;
use innspill_web::Config;

use crate::cli::Globals;
use crate::cmd::report::{load_codebook, theme_infos};

/// Arguments of `innspill serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The address to listen on. A non-loopback address needs --token.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7878")]
    bind: SocketAddr,

    /// Who the reviews made in the browser are by. By default, $USER.
    #[arg(long, value_name = "NAME")]
    reviewer: Option<String>,

    /// An access token: the first visit is to /?token=T, which sets a cookie. Required
    /// with a non-loopback --bind.
    #[arg(long, value_name = "T")]
    token: Option<String>,

    /// The codebook (TOML) whose themes the pages show. By default, the built-in one.
    #[arg(long, value_name = "FILE")]
    codebook: Option<PathBuf>,
}

pub(crate) fn run(args: Args, g: &Globals) -> anyhow::Result<ExitCode> {
    let mut config = Config::new(&g.store);
    config.bind = args.bind;
    if let Some(r) = args.reviewer {
        config.reviewer = r;
    }
    config.token = args.token;
    config.themes = theme_infos(&load_codebook(
        args.codebook.as_deref(),
        &Analyzer::default(),
    )?);
    config.register = innspill_ingest::builtin_register();
    if !g.quiet {
        eprintln!(
            "serve: the store {} (Ctrl-C stops); open the address below in a browser",
            g.store.display()
        );
    }
    innspill_web::serve(config)?;
    Ok(ExitCode::SUCCESS)
}
