//! Domain errors and the one place that maps them to exit codes (see docs/commands.md).

use std::fmt;

/// Everything that can stop a `dw` command. Each variant but `Roster` (whose
/// diagnostics carry their own) and `Io` can carry a hint: how to fix it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A flag or argument that clap could not reject by itself (exit 2).
    #[error("{message}")]
    Usage {
        message: String,
        hint: Option<String>,
    },
    /// The roster could not be found, read or validated (exit 2).
    #[error("{0}")]
    Roster(#[from] RosterError),
    /// A command needs a credential that is not set (exit 3).
    #[error("{message}")]
    Credentials {
        message: String,
        hint: Option<String>,
    },
    /// An outside service failed or answered something we cannot use (exit 1).
    #[error("{message}")]
    Service {
        message: String,
        hint: Option<String>,
    },
    /// `dw check` found the outside world disagreeing with the roster (exit 4).
    #[error("{message}")]
    Drift {
        message: String,
        hint: Option<String>,
    },
    /// Writing our own output failed.
    #[error("cannot write output: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    /// A usage error with a hint on how to fix it.
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    /// A missing credential, with a hint on how to set it.
    pub fn credentials(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Credentials {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    /// An outside service failed; add a hint with [`Error::with_hint`].
    pub fn service(message: impl Into<String>) -> Self {
        Error::Service {
            message: message.into(),
            hint: None,
        }
    }

    /// The outside world disagrees with the roster.
    pub fn drift(message: impl Into<String>) -> Self {
        Error::Drift {
            message: message.into(),
            hint: None,
        }
    }

    /// The same error with `hint` as its hint (no effect on `Roster` and `Io`).
    pub fn with_hint(mut self, new: impl Into<String>) -> Self {
        match &mut self {
            Error::Usage { hint, .. }
            | Error::Credentials { hint, .. }
            | Error::Service { hint, .. }
            | Error::Drift { hint, .. } => *hint = Some(new.into()),
            Error::Roster(_) | Error::Io(_) => {}
        }
        self
    }

    /// The same error with its message prefixed (`"context: message"`), hint kept.
    pub fn context(mut self, prefix: &str) -> Self {
        match &mut self {
            Error::Usage { message, .. }
            | Error::Credentials { message, .. }
            | Error::Service { message, .. }
            | Error::Drift { message, .. } => *message = format!("{prefix}{message}"),
            Error::Roster(_) | Error::Io(_) => {}
        }
        self
    }

    /// The process exit code for this error: the one place they are decided.
    /// 1 service, 2 usage or roster, 3 credentials, 4 drift; a closed pipe is 0.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Service { .. } => 1,
            Error::Usage { .. } | Error::Roster(_) => 2,
            Error::Credentials { .. } => 3,
            Error::Drift { .. } => 4,
            Error::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
            Error::Io(_) => 1,
        }
    }

    /// The hint line printed under the message, if any.
    pub fn hint(&self) -> Option<&str> {
        match self {
            Error::Usage { hint, .. }
            | Error::Credentials { hint, .. }
            | Error::Service { hint, .. }
            | Error::Drift { hint, .. } => hint.as_deref(),
            Error::Roster(_) | Error::Io(_) => None,
        }
    }

    /// Message and hint on one line, `message (hint: …)`, for JSON fields.
    pub fn one_line(&self) -> String {
        match self.hint() {
            Some(h) => format!("{self} (hint: {h})"),
            None => self.to_string(),
        }
    }
}

/// Print an error the way users see it and return the exit code: the message
/// (`dw: …`, or the roster's own lines), then `  hint: …`. Nothing for a closed pipe.
pub fn report(error: &Error) -> std::process::ExitCode {
    use std::io::Write;
    let code = error.exit_code();
    if code == 0 {
        return std::process::ExitCode::SUCCESS;
    }
    let mut stderr = std::io::stderr().lock();
    // Messages may quote what a user or a file gave: shown escaped, never interpreted.
    let safe = crate::text::terminal_safe;
    let _ = match error {
        Error::Roster(e) => writeln!(stderr, "{}", safe(&e.to_string())),
        other => writeln!(stderr, "dw: {}", safe(&other.to_string())),
    };
    if let Some(hint) = error.hint() {
        let _ = writeln!(stderr, "  hint: {}", safe(hint));
    }
    std::process::ExitCode::from(code)
}

/// One problem found in a roster, with its position when the file gives one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line and column.
    pub position: Option<(usize, usize)>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// `PATH:LINE:COL` (or `PATH` when the file gives no position): where to look.
    pub fn location(&self, path: &str) -> String {
        match self.position {
            Some((line, col)) => format!("{path}:{line}:{col}"),
            None => path.to_string(),
        }
    }
}

/// Every problem found in one roster file (docs/roster.md: all are reported).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterError {
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl RosterError {
    /// A roster error with a single problem that has no position (unreadable, not found).
    pub fn single(
        path: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        RosterError {
            path: path.into(),
            diagnostics: vec![Diagnostic {
                position: None,
                message: message.into(),
                hint: Some(hint.into()),
            }],
        }
    }
}

impl std::error::Error for RosterError {}

impl fmt::Display for RosterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}: {}", d.location(&self.path), d.message)?;
            if let Some(hint) = &d.hint {
                write!(f, "\n  hint: {hint}")?;
            }
        }
        if self.diagnostics.len() > 1 {
            write!(f, "\n{} problems in {}", self.diagnostics.len(), self.path)?;
        }
        Ok(())
    }
}

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
