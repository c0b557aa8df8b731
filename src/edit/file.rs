//! The file side of a roster edit: read the roster's text, check an edited
//! text with the real roster parser, write it atomically. The editing
//! commands print the diff and who the change moves.

use std::path::Path;

use crate::error::{Error, Result};
use crate::files::{self, Overwrite};
use crate::roster::{Roster, MAX_ROSTER_BYTES};
use crate::validate::{self, WeekProblem};

use super::EditError;

impl From<EditError> for Error {
    /// An edit that cannot be made: exit 2 with its hint.
    fn from(e: EditError) -> Self {
        Error::usage(e.message, e.hint)
    }
}

/// The roster's text as it is on disk now.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = files::read_capped(path, MAX_ROSTER_BYTES).map_err(|e| {
        Error::usage(
            format!("cannot read the roster to edit it: {e}"),
            "pass --roster with the path of the roster file itself",
        )
    })?;
    String::from_utf8(bytes).map_err(|_| {
        Error::usage(
            format!("{} is not UTF-8 text", path.display()),
            "save the roster as UTF-8",
        )
    })
}

/// `new_text` as a roster, or exit 2 when it is not a valid one, or when it
/// breaks a rule in some week that the roster did not break before (`before`:
/// the week problems of the roster as read). A rule the roster already broke
/// does not stop an unrelated edit: it was warned about when it was loaded.
pub fn check(path: &Path, before: &[WeekProblem], new_text: &str) -> Result<Roster> {
    let after = format!("{} (after this change)", path.display());
    let (new, problems) = validate::parse_scoped(new_text, &after)?;
    let introduced = validate::introduced(before, &problems);
    if !introduced.is_empty() {
        return Err(validate::week_problems_error(&after, &introduced).into());
    }
    Ok(new)
}

/// Replace the roster at `path` with `text`, atomically.
pub fn write(path: &Path, text: &str) -> Result<()> {
    files::write_atomic(path, text.as_bytes(), Overwrite::RegularFile).map_err(|e| {
        Error::usage(
            format!("cannot write the roster: {e}"),
            "dw only replaces a regular file; pass --roster with the real file's path (not a symbolic link)",
        )
    })
}
