//! The resolved invocation: everything a command starts from, read once
//! before dispatch. The parsed flags, the declared environment
//! ([`env::VARS`], the only reader of `std::env`), the clock (read here and
//! only here), terminal facts, the credentials (as [`Secret`]s), the places
//! dw looks in, and, as each command declares it needs, the roster
//! ([`Invocation::load`], [`Invocation::load_optional`]).
//!
//! Below this module nothing reads the environment or the clock.

pub mod access;
pub(crate) mod context;
pub(crate) mod credentials;
pub mod env;

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::cli::Global;
use crate::error::{Error, Result, RosterError};
use crate::http::redact;
use crate::roster::Search;

pub use context::Context;
pub use credentials::Credentials;
pub use env::Env;

/// What dw knows about where its output goes and what it may ask.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Terminal {
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
    /// `NO_COLOR` is set and not empty.
    pub no_color: bool,
}

impl Terminal {
    /// Prompts and the editor need a person at both ends: stdin and stderr are terminals.
    pub fn interactive(&self) -> bool {
        self.stdin && self.stderr
    }
}

/// How a command treats the rules its roster breaks only in some weeks
/// (the rotation ignores the overrides that do not fit there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekRule {
    /// Warn once on stderr and carry on (every command that only reads).
    Warn,
    /// Keep them in the context, neither warned nor refused: `dw check`
    /// judges them itself (and names each one's week in its JSON).
    Keep,
    /// Refuse the `n` weeks from the current one, which the command writes,
    /// and warn about the rest: `dw sync pagerduty --weeks n`.
    RefuseNext(usize),
}

/// A roster the command could do without that did not load: the
/// invocation, to carry on without it, and why it did not load.
pub struct Unloaded {
    pub inv: Invocation,
    pub error: RosterError,
}

/// Everything but the roster, resolved once.
pub struct Invocation {
    pub global: Global,
    pub env: Env,
    /// The clock, read once when dw started.
    pub clock: DateTime<Utc>,
    pub terminal: Terminal,
    pub credentials: Credentials,
    /// The working directory, for finding the roster.
    pub cwd: Option<PathBuf>,
}

impl Invocation {
    /// Read the process's environment, clock and terminals for `global`.
    pub fn resolve(global: Global) -> Self {
        let env = Env::from_process();
        let terminal = Terminal {
            stdin: std::io::stdin().is_terminal(),
            stdout: std::io::stdout().is_terminal(),
            stderr: std::io::stderr().is_terminal(),
            no_color: env.os(env::NO_COLOR).is_some(),
        };
        let inv = Invocation::new(
            global,
            env,
            Utc::now(),
            terminal,
            std::env::current_dir().ok(),
        );
        // Every secret dw was given, removed from whatever it prints, from
        // the start (a server may echo a token back in an error).
        for secret in inv.credentials.secrets(&inv.env) {
            redact::register(&secret);
        }
        inv
    }

    /// An invocation from given parts (tests; [`Invocation::resolve`] for the process).
    pub fn new(
        global: Global,
        env: Env,
        clock: DateTime<Utc>,
        terminal: Terminal,
        cwd: Option<PathBuf>,
    ) -> Self {
        let credentials = Credentials::from_env(&env);
        Invocation {
            global,
            env,
            clock,
            terminal,
            credentials,
            cwd,
        }
    }

    /// Whether to colour stdout (`--color`, `NO_COLOR`, a terminal).
    pub fn color(&self) -> bool {
        self.global
            .color_on(self.terminal.no_color, self.terminal.stdout)
    }

    /// JSON is indented on a terminal and one line otherwise (scripts, files, pipes).
    pub fn pretty_json(&self) -> bool {
        self.terminal.stdout
    }

    /// A note for people on stderr, unless --quiet.
    pub fn note(&self, text: &str) {
        if !self.global.quiet {
            eprintln!("{text}");
        }
    }

    /// Where to look for the roster: `--roster` / `DW_ROSTER`, else discovery.
    pub fn search(&self) -> Search {
        Search {
            flag: self.global.roster.clone(),
            cwd: self.cwd.clone(),
            xdg_config_home: self.env.os(env::XDG_CONFIG_HOME).map(Into::into),
            home: self.env.os(env::HOME).map(Into::into),
            // Whose rosters the upward walk may use: this user's or root's.
            uid: crate::files::effective_uid(),
        }
    }

    /// The folder of dw's state: `$DW_STATE_DIR`, else `$XDG_STATE_HOME/dw`,
    /// else `~/.local/state/dw`.
    pub fn state_dir(&self) -> Result<PathBuf> {
        if let Some(dir) = self.env.os(env::DW_STATE_DIR) {
            return Ok(PathBuf::from(dir));
        }
        if let Some(dir) = self.env.os(env::XDG_STATE_HOME) {
            return Ok(PathBuf::from(dir).join("dw"));
        }
        if let Some(home) = self.env.os(env::HOME) {
            return Ok(PathBuf::from(home).join(".local/state/dw"));
        }
        Err(Error::usage(
            "dw cannot tell where to keep its record of the overrides it made: none of DW_STATE_DIR, XDG_STATE_HOME, HOME is set",
            "set DW_STATE_DIR to a folder that survives between runs (in CI: a cached folder)",
        ))
    }

    /// The editor to open: `$VISUAL`, else `$EDITOR`, else `vi`.
    pub fn editor(&self) -> String {
        self.env
            .get(env::VISUAL)
            .or_else(|| self.env.get(env::EDITOR))
            .unwrap_or_else(|| "vi".into())
    }

    /// The folder for temporary files: `$TMPDIR`, else `/tmp`.
    pub fn temp_dir(&self) -> PathBuf {
        self.env
            .os(env::TMPDIR)
            .map_or_else(|| PathBuf::from("/tmp"), PathBuf::from)
    }

    /// The roster, required: found, read and validated, its week problems
    /// treated as `rule` says.
    pub fn load(self, rule: WeekRule) -> Result<Context> {
        let ctx = self.load_roster()?;
        match rule {
            WeekRule::Warn => ctx.warn_week_problems(),
            WeekRule::Keep => {}
            WeekRule::RefuseNext(weeks) => {
                let rot = ctx.rotation();
                let first = ctx.current_week(&rot)?;
                ctx.refuse_week_problems(first..first + weeks)?;
                ctx.warn_week_problems();
            }
        }
        Ok(ctx)
    }

    /// The roster if it can be read (week problems warned about), else the
    /// invocation back with the roster's error: for a command that works
    /// without one (`incident start`).
    pub fn load_optional(self) -> std::result::Result<Context, Box<Unloaded>> {
        let path = match self.search().find() {
            Ok(path) => path,
            Err(error) => return Err(Box::new(Unloaded { inv: self, error })),
        };
        if self.global.verbose {
            eprintln!("dw: roster {}", path.display());
        }
        match crate::validate::load_scoped(&path) {
            Ok((roster, week_problems)) => {
                let mut ctx = Context::new(self, path, roster);
                ctx.week_problems = week_problems;
                ctx.warn_week_problems();
                Ok(ctx)
            }
            Err(error) => Err(Box::new(Unloaded { inv: self, error })),
        }
    }

    fn load_roster(self) -> Result<Context> {
        let path = self.search().find()?;
        if self.global.verbose {
            eprintln!("dw: roster {}", path.display());
        }
        let (roster, week_problems) = crate::validate::load_scoped(&path)?;
        let mut ctx = Context::new(self, path, roster);
        ctx.week_problems = week_problems;
        Ok(ctx)
    }
}
