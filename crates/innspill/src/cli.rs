//! Options shared by every command, logging, and input/output helpers.

use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, ValueEnum};

/// When to use colour on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// Colour when stderr is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Options of every command.
#[derive(Debug, Args)]
pub(crate) struct Globals {
    /// Print only errors on stderr (no progress, no summary).
    #[arg(short, long, global = true)]
    pub(crate) quiet: bool,

    /// More logging on stderr (-v debug, -vv trace). RUST_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub(crate) verbose: u8,

    /// When to use colour on stderr.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,

    /// Never show progress bars.
    #[arg(long, global = true)]
    pub(crate) no_progress: bool,

    /// The store: documents, register, tags, index and tables.
    #[arg(long, global = true, value_name = "DIR", default_value = ".innspill")]
    pub(crate) store: PathBuf,
}

impl Globals {
    /// Set up `tracing` to stderr: warnings by default, `-v` debug, `-vv` trace, `-q`
    /// errors only; `RUST_LOG` overrides.
    pub(crate) fn init_logging(&self) {
        use tracing_subscriber::EnvFilter;
        let level = match (self.quiet, self.verbose) {
            (true, _) => "error",
            (false, 0) => "warn",
            (false, 1) => "debug",
            (false, _) => "trace",
        };
        let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(level));
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(io::stderr)
            .with_ansi(self.use_color())
            .with_target(false)
            .without_time()
            .try_init();
    }

    /// Whether stderr output may use colour.
    pub(crate) fn use_color(&self) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none() && io::stderr().is_terminal()
            }
        }
    }

    /// Whether to draw progress bars: not when quiet, asked not to, or stderr is no
    /// terminal.
    pub(crate) fn show_progress(&self) -> bool {
        !self.quiet && !self.no_progress && io::stderr().is_terminal()
    }

    /// A progress bar drawn with `template` when progress is shown, else `None`.
    pub(crate) fn progress_bar(&self, template: &str) -> Option<indicatif::ProgressBar> {
        self.show_progress().then(|| {
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template(template)
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        })
    }

    /// The store.
    pub(crate) fn store(&self) -> innspill_model::Store {
        innspill_model::Store::new(&self.store)
    }
}

/// Read a whole input: a file path, or standard input for `-` or no path.
pub(crate) fn read_input(path: Option<&Path>) -> anyhow::Result<String> {
    match path {
        None => read_stdin(),
        Some(p) if p == Path::new("-") => read_stdin(),
        Some(p) => {
            let bytes = fs_err::read(p)?;
            String::from_utf8(bytes).with_context(|| format!("{} is not UTF-8 text", p.display()))
        }
    }
}

fn read_stdin() -> anyhow::Result<String> {
    let mut s = String::new();
    io::stdin()
        .read_to_string(&mut s)
        .context("could not read standard input as UTF-8 text")?;
    Ok(s)
}

/// Buffered standard output.
pub(crate) fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::new(io::stdout().lock())
}

/// Write one JSON object and a newline.
pub(crate) fn write_json_line<W: Write, T: serde::Serialize + ?Sized>(
    out: &mut W,
    value: &T,
) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}
