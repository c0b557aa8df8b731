//! What every roster-editing command (`away`, `swap`, `cover`, `join`,
//! `leave`) shares: read the file, check the edited text with the real roster
//! parser, then show a diff (`--dry-run`) or write it atomically.

use crate::edit::EditError;
use crate::error::{Error, Result};
use crate::files::{self, Overwrite};
use crate::roster::{Roster, MAX_ROSTER_BYTES};

use super::Context;

/// The roster's text as it is on disk now.
pub fn read_text(ctx: &Context) -> Result<String> {
    let bytes = files::read_capped(&ctx.roster_path, MAX_ROSTER_BYTES).map_err(|e| {
        Error::usage(
            format!("cannot read the roster to edit it: {e}"),
            "pass --roster with the path of the roster file itself",
        )
    })?;
    String::from_utf8(bytes).map_err(|_| {
        Error::usage(
            format!("{} is not UTF-8 text", ctx.roster_path.display()),
            "save the roster as UTF-8",
        )
    })
}

/// An edit that cannot be made: exit 2 with its hint.
pub fn refused(e: EditError) -> Error {
    Error::usage(e.message, e.hint)
}

/// Check `new_text` as a roster, then print its diff (`dry_run`) or write it.
/// Nothing is written when the result would not be a valid roster, or when
/// it breaks a rule in some week that the roster did not break before (exit
/// 2, the roster's own errors say why). A rule the roster already broke
/// does not stop an unrelated edit: it was warned about when the roster was
/// loaded. Returns the edited roster.
pub fn apply(ctx: &Context, old_text: &str, new_text: &str, dry_run: bool) -> Result<Roster> {
    if ctx.global.json {
        // Refused rather than ignored: a script asking for JSON must not get a diff.
        return Err(Error::usage(
            "--json: the editing commands print the change (a diff with --dry-run) and who it moves, never JSON",
            "drop --json; `dw plan OLD NEW --json` describes a roster change as JSON",
        ));
    }
    let shown = ctx.roster_path.display().to_string();
    let after = format!("{shown} (after this change)");
    let (new, problems) = crate::validate::parse_scoped(new_text, &after).map_err(Error::Roster)?;
    let introduced = crate::validate::introduced(&ctx.week_problems, &problems);
    if !introduced.is_empty() {
        return Err(Error::Roster(crate::validate::week_problems_error(
            &after,
            &introduced,
        )));
    }
    if dry_run {
        let name = ctx
            .roster_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| shown.clone());
        super::print(&crate::edit::unified_diff(&name, old_text, new_text))?;
        ctx.note("dw: --dry-run: the roster was not changed");
        return Ok(new);
    }
    if old_text == new_text {
        ctx.note(&format!("dw: {shown} already says so: nothing to change"));
        return Ok(new);
    }
    files::write_atomic(&ctx.roster_path, new_text.as_bytes(), Overwrite::RegularFile).map_err(
        |e| {
            Error::usage(
                format!("cannot write the roster: {e}"),
                "dw only replaces a regular file; pass --roster with the real file's path (not a symbolic link)",
            )
        },
    )?;
    ctx.note(&format!("dw: updated {shown}"));
    Ok(new)
}

/// Who the edit moves in the named roles over the coming year, as `dw plan` prints it.
pub fn print_affected(ctx: &Context, new: &Roster, dry_run: bool) -> Result<()> {
    let rot = ctx.rotation();
    let first = ctx.current_week(&rot)?;
    let mut text = super::plan::affected(&ctx.roster, new, first..first + 52, "this change");
    if crate::plan::changes(&ctx.roster, new, first..first + 52).is_empty() {
        if let Some(past) = past_weeks(ctx, new, first) {
            text.push_str(&format!(
                "The change is in the past ({past}, before the current week {first}): nothing ahead changes.\n"
            ));
        }
    }
    if dry_run {
        // stdout holds the diff alone (for `git apply`); the effect goes to stderr.
        ctx.note(text.trim_end());
        Ok(())
    } else {
        super::print(&text)
    }
}

/// `weeks N–M` (or `week N`) of the weeks before `first` whose ranks the edit changes.
fn past_weeks(ctx: &Context, new: &Roster, first: usize) -> Option<String> {
    let moves = crate::plan::changes(&ctx.roster, new, 0..first);
    let lo = moves.iter().map(|m| m.week).min()?;
    let hi = moves.iter().map(|m| m.week).max()?;
    Some(if lo == hi {
        format!("week {lo}")
    } else {
        format!("weeks {lo}\u{2013}{hi}")
    })
}
