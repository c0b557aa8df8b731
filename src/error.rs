//! The one error type and the one place that maps it to an exit code (see
//! docs/commands.md): a kind, a message, a hint on how to fix it, and
//! the cause it came from, kept until the edge.

use std::fmt;

/// What kind of failure stopped a command; the kind alone decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A flag or argument that clap could not reject by itself (exit 2).
    Usage,
    /// The roster could not be found, read or validated (exit 2); the
    /// [`RosterError`] is the source and prints its own lines.
    Roster,
    /// A credential is missing, malformed or rejected by the service (exit 3).
    Credentials,
    /// An outside service failed or answered something we cannot use (exit 1).
    Service,
    /// `dw check` found the outside world disagreeing with the roster (exit 4).
    Drift,
    /// Writing our own output failed (exit 1; a closed pipe is 0).
    Output,
}

/// The cause of an error, kept for `source()` and for the code that needs
/// it back (the roster's diagnostics, an I/O error's kind).
pub type Source = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Everything that can stop a `dw` command.
#[derive(Debug)]
pub struct Error {
    kind: Kind,
    message: String,
    hint: Option<String>,
    source: Option<Source>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|s| s as &(dyn std::error::Error + 'static))
    }
}

impl From<RosterError> for Error {
    fn from(e: RosterError) -> Self {
        Error {
            kind: Kind::Roster,
            message: e.to_string(),
            hint: None,
            source: Some(Box::new(e)),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error {
            kind: Kind::Output,
            message: format!("cannot write output: {e}"),
            hint: None,
            source: Some(Box::new(e)),
        }
    }
}

impl Error {
    /// An error of `kind` with `message` and no hint.
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hint: None,
            source: None,
        }
    }

    /// A usage error with a hint on how to fix it.
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::new(Kind::Usage, message).with_hint(hint)
    }

    /// A missing, malformed or rejected credential, with a hint on how to set it.
    pub fn credentials(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::new(Kind::Credentials, message).with_hint(hint)
    }

    /// An outside service failed; add a hint with [`Error::with_hint`].
    pub fn service(message: impl Into<String>) -> Self {
        Error::new(Kind::Service, message)
    }

    /// The outside world disagrees with the roster.
    pub fn drift(message: impl Into<String>) -> Self {
        Error::new(Kind::Drift, message)
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The same error with `hint` as its hint (no effect on a roster error,
    /// whose diagnostics carry their own).
    pub fn with_hint(mut self, new: impl Into<String>) -> Self {
        if self.kind != Kind::Roster {
            self.hint = Some(new.into());
        }
        self
    }

    /// The same error with `source` as its cause.
    pub fn with_source(mut self, source: impl Into<Source>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// The same error with its message prefixed (`"context: message"`), hint
    /// kept (no effect on roster and output errors).
    pub fn context(mut self, prefix: &str) -> Self {
        if !matches!(self.kind, Kind::Roster | Kind::Output) {
            self.message = format!("{prefix}{}", self.message);
        }
        self
    }

    /// The same error with `suffix` after its message (no effect on roster
    /// and output errors).
    pub fn suffixed(mut self, suffix: &str) -> Self {
        if !matches!(self.kind, Kind::Roster | Kind::Output) {
            self.message.push_str(suffix);
        }
        self
    }

    /// The same error with `f` applied to its message and hint (redaction).
    pub fn map_text(mut self, f: impl Fn(&str) -> String) -> Self {
        self.message = f(&self.message);
        self.hint = self.hint.map(|h| f(&h));
        self
    }

    /// The roster's own diagnostics, when the roster is what failed.
    pub fn roster(&self) -> Option<&RosterError> {
        if self.kind != Kind::Roster {
            return None;
        }
        self.source.as_deref()?.downcast_ref::<RosterError>()
    }

    /// The roster's diagnostics by value, or the error itself when it is another.
    pub fn into_roster(self) -> std::result::Result<RosterError, Error> {
        if self.kind != Kind::Roster {
            return Err(self);
        }
        match self.source {
            Some(source) => match source.downcast::<RosterError>() {
                Ok(e) => Ok(*e),
                Err(source) => Err(Error {
                    source: Some(source),
                    ..self
                }),
            },
            None => Err(self),
        }
    }

    /// The process exit code for this error: the one place they are decided.
    /// 1 service or output, 2 usage or roster, 3 credentials, 4 drift; a closed pipe is 0.
    pub fn exit_code(&self) -> u8 {
        match self.kind {
            Kind::Service => 1,
            Kind::Usage | Kind::Roster => 2,
            Kind::Credentials => 3,
            Kind::Drift => 4,
            Kind::Output => {
                let io = self
                    .source
                    .as_deref()
                    .and_then(|s| s.downcast_ref::<std::io::Error>());
                if io.is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) {
                    0
                } else {
                    1
                }
            }
        }
    }

    /// The hint line printed under the message, if any.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
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
    let _ = match error.kind {
        Kind::Roster => writeln!(stderr, "{}", safe(&error.to_string())),
        _ => writeln!(stderr, "dw: {}", safe(&error.to_string())),
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
