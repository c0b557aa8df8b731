//! The file side of a roster edit: the roster's edit lock, read the roster's
//! text, check an edited text with the real roster parser, write it
//! atomically and only over what was read. The editing commands print the
//! diff and who the change moves.
//!
//! The lock is `.NAME.dw-lock` beside the roster (see `files::lock`): dw
//! edits take turns over read–edit–write, so two at once never lose one.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::files::{self, lock, Written};
use crate::roster::{Roster, MAX_ROSTER_BYTES};
use crate::validate::{self, WeekProblem};

use super::EditError;

impl From<EditError> for Error {
    /// An edit that cannot be made: exit 2 with its hint.
    fn from(e: EditError) -> Self {
        Error::usage(e.message, e.hint)
    }
}

/// How long an edit waits for another dw editing the same roster.
pub const LOCK_WAIT: Duration = Duration::from_secs(60);

/// The roster's text as it is on disk now.
pub fn read_text(path: &Path) -> Result<String> {
    read(path).map(|(_, text)| text)
}

/// The roster's bytes as they are on disk now, and as text.
pub fn read(path: &Path) -> Result<(Vec<u8>, String)> {
    let bytes = files::read_capped(path, MAX_ROSTER_BYTES).map_err(|e| {
        Error::usage(
            format!("cannot read the roster to edit it: {e}"),
            "pass --roster with the path of the roster file itself",
        )
    })?;
    let text = String::from_utf8(bytes.clone()).map_err(|_| {
        Error::usage(
            format!("{} is not UTF-8 text", path.display()),
            "save the roster as UTF-8",
        )
    })?;
    Ok((bytes, text))
}

/// The lock file of the roster at `path`: `.NAME.dw-lock` beside it.
pub fn lock_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "roster.toml".into());
    path.with_file_name(format!(".{name}.dw-lock"))
}

/// Take the edit lock of the roster at `path` (`record`: who holds it),
/// waiting up to [`LOCK_WAIT`] for another dw's edit; `waiting` is told once
/// when it has to wait, with the holder's record.
pub fn lock(path: &Path, record: &str, waiting: &dyn Fn(&str)) -> Result<lock::Held> {
    let file = lock_path(path);
    let cannot = |e: files::FileError| {
        Error::usage(
            format!("cannot lock the roster to edit it: {e}"),
            "dw needs to create a file beside the roster: make its folder writable",
        )
    };
    let got = match lock::try_acquire(&file, record).map_err(cannot)? {
        lock::Acquired::Busy(holder) => {
            waiting(&format!(
                "dw: waiting for another dw that is editing {}{}",
                path.display(),
                holder.map(|h| format!(" ({h})")).unwrap_or_default()
            ));
            lock::acquire(&file, record, LOCK_WAIT).map_err(cannot)?
        }
        held => held,
    };
    match got {
        lock::Acquired::Held(held) => Ok(held),
        lock::Acquired::Busy(holder) => Err(Error::usage(
            format!(
                "another dw is editing {} (lock {}{}), for more than {} seconds",
                path.display(),
                file.display(),
                holder.map(|h| format!(": {h}")).unwrap_or_default(),
                LOCK_WAIT.as_secs()
            ),
            "wait for it to finish and run this command again",
        )),
    }
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

/// Replace the roster at `path` with `text`, atomically, if it still holds
/// `read` (else nothing is written: [`Written::Changed`]).
pub fn write(path: &Path, read: &[u8], text: &str) -> Result<Written> {
    files::replace_if_unchanged(path, read, text.as_bytes(), MAX_ROSTER_BYTES).map_err(|e| {
        Error::usage(
            format!("cannot write the roster: {e}"),
            "dw only replaces a regular file; pass --roster with the real file's path (not a symbolic link)",
        )
    })
}
