//! dw: the on-call tool of the Dreamwork team.
//!
//! The binary is a thin shell over these modules; see `src/main.rs`.

pub mod analysis;
pub mod cli;
pub mod commands;
pub mod coverage;
pub mod error;
pub mod explain;
pub mod http;
pub mod incident;
pub mod pagerduty;
pub mod plan;
pub mod render;
pub mod roster;
pub mod rotation;
pub mod slack;
pub mod stats;
pub mod sync;
#[cfg(test)]
mod test_support;
pub mod turns;

use std::io::Write;

pub use error::{Error, Result};

/// Print an error the way users see it and return its exit code.
pub fn report(error: &Error) -> i32 {
    let code = error.exit_code();
    if code == 0 {
        return 0;
    }
    let mut stderr = std::io::stderr().lock();
    let _ = match error {
        Error::Roster(e) => writeln!(stderr, "{e}"),
        other => writeln!(stderr, "dw: {other}"),
    };
    if let Some(hint) = error.hint() {
        let _ = writeln!(stderr, "  hint: {hint}");
    }
    code
}
