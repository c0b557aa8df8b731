//! Domain errors and the one place that maps them to exit codes (SPEC §4).

use std::fmt;

/// Everything that can stop a `dw` command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A flag or argument that clap could not reject by itself (exit 2).
    #[error("{message}")]
    Usage { message: String, hint: String },
    /// The roster could not be found, read or validated (exit 2).
    #[error("{0}")]
    Roster(#[from] RosterError),
    /// A command needs a credential that is not set (exit 3).
    #[error("{message}")]
    Credentials { message: String, hint: String },
    /// An outside service failed or answered something we cannot use (exit 1).
    #[error("{0}")]
    Service(String),
    /// `dw check` found the outside world disagreeing with the roster (exit 4).
    #[error("{0}")]
    Drift(String),
    /// Writing our own output failed.
    #[error("cannot write output: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    /// A usage error with a hint on how to fix it.
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// The process exit code for this error (SPEC §4 "Exit codes").
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Service(_) => 1,
            Error::Usage { .. } | Error::Roster(_) => 2,
            Error::Credentials { .. } => 3,
            Error::Drift(_) => 4,
            Error::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
            Error::Io(_) => 1,
        }
    }

    /// The hint line printed under the message, if any.
    pub fn hint(&self) -> Option<&str> {
        match self {
            Error::Usage { hint, .. } => Some(hint),
            Error::Credentials { hint, .. } => Some(hint),
            _ => None,
        }
    }
}

/// One problem found in a roster, with its position when the file gives one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line and column.
    pub position: Option<(usize, usize)>,
    pub message: String,
    pub hint: Option<String>,
}

/// Every problem found in one roster file (SPEC §3: all are reported).
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
            match d.position {
                Some((line, col)) => write!(f, "{}:{}:{}: {}", self.path, line, col, d.message)?,
                None => write!(f, "{}: {}", self.path, d.message)?,
            }
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
