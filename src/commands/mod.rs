//! One file per subcommand: load the roster, compute, call, render.

mod analysis;
mod announce;
mod away;
mod check;
mod completions;
mod cover;
mod explain;
mod handoff;
mod incident;
mod init;
mod join;
mod leave;
mod man;
mod next;
mod plan;
mod remind;
mod roles;
mod schedule;
mod stats;
mod swap;
mod sync;
mod who;

use std::io::Write;

use crate::cli::{AwayCommand, Cli, Command, IncidentCommand, SyncCommand};
use crate::edit;
use crate::error::{Error, Result};
use crate::invocation::{Invocation, WeekRule};
use crate::roster::Roster;
use crate::rotation::WeekIx;

pub use crate::invocation::context::{
    before_start, on_call, person, resolve_at, week_problems_warning, Context,
};

/// Run the parsed command line. Whatever the error says (a server may echo
/// a token back) goes through the one redaction function.
pub fn run(cli: Cli) -> Result<()> {
    let Cli { global, command } = cli;
    dispatch(Invocation::resolve(global), command).map_err(crate::clients::redacted)
}

/// The one dispatch: each arm says what the command needs of the roster:
/// nothing, `load_optional` (it works without one), or `load` with its rule
/// for rules broken in some weeks (`check` refuses all, `sync` the weeks it
/// writes, the others warn).
pub fn dispatch(inv: Invocation, command: Command) -> Result<()> {
    match command {
        Command::Completions(args) => completions::run(&inv.global, &args),
        // No roster yet: `dw init` makes one.
        Command::Init(args) => init::run(&inv, &args),
        Command::Man(args) => man::run(&args),
        Command::Plan(args) => plan::run(inv, &args),
        Command::Incident(IncidentCommand::Analysis(args)) => analysis::run(&inv, &args),
        Command::Incident(IncidentCommand::Start(args)) => match inv.load_optional() {
            Ok(ctx) => incident::start(&ctx, &args),
            Err(unloaded) => incident::start_without_roster(&unloaded.inv, &unloaded.error, &args),
        },
        Command::Check(args) => check::run(inv, &args),
        Command::Sync(SyncCommand::Pagerduty(args)) => {
            sync::run(&inv.load(WeekRule::RefuseNext(args.weeks as usize))?, &args)
        }
        Command::Who(args) => who::run(&inv.load(WeekRule::Warn)?, &args),
        Command::Schedule(args) => schedule::run(&inv.load(WeekRule::Warn)?, &args),
        Command::Next(args) => next::run(&inv.load(WeekRule::Warn)?, &args),
        Command::Roles => roles::run(&inv.load(WeekRule::Warn)?),
        Command::Stats(args) => stats::run(&inv.load(WeekRule::Warn)?, &args),
        Command::Handoff(args) => handoff::run(&inv.load(WeekRule::Warn)?, &args),
        Command::Announce(args) => announce::run(&inv.load(WeekRule::Warn)?, &args),
        Command::Explain(args) => explain::run(&inv.load(WeekRule::Warn)?, &args),
        Command::Away(AwayCommand::Add(args)) => away::add(&inv.load(WeekRule::Warn)?, &args),
        Command::Away(AwayCommand::Remove(args)) => away::remove(&inv.load(WeekRule::Warn)?, &args),
        Command::Swap(args) => swap::run(&inv.load(WeekRule::Warn)?, &args),
        Command::Cover(args) => cover::run(&inv.load(WeekRule::Warn)?, &args),
        Command::Join(args) => join::run(&inv.load(WeekRule::Warn)?, &args),
        Command::Leave(args) => leave::run(&inv.load(WeekRule::Warn)?, &args),
        Command::Remind(args) => remind::run(&inv.load(WeekRule::Warn)?, &args),
    }
}

/// JSON for stdout, indented on a terminal and one line otherwise.
pub fn json<T: serde::Serialize>(inv: &Invocation, value: &T) -> String {
    crate::render::json(value, inv.pretty_json())
}

/// A failed prompt (dialoguer) is a failed terminal: an I/O error.
pub fn prompt_error(e: dialoguer::Error) -> Error {
    match e {
        dialoguer::Error::IO(io) => Error::from(io),
    }
}

/// Write to stdout through one buffer as `write` produces the text: for
/// outputs that grow with the weeks asked for (schedule, stats, plan), which
/// are never held whole. They are made from the roster alone by commands
/// that read no token, so there is no secret to redact (unlike `print`).
pub fn stream<F>(write: F) -> Result<()>
where
    F: FnOnce(&mut std::io::BufWriter<std::io::StdoutLock<'static>>) -> std::io::Result<()>,
{
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    write(&mut out)?;
    out.flush()?;
    Ok(())
}

/// [`json`] written as it is serialised, for large answers.
pub fn stream_json<T: serde::Serialize>(inv: &Invocation, value: &T) -> Result<()> {
    let pretty = inv.pretty_json();
    stream(|out| crate::render::write_json(out, value, pretty))
}

/// Write to stdout; a closed pipe (`dw schedule | head`) ends quietly.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    // Copied only when something must be removed: outputs can be large.
    match crate::http::redact::cleaned(text) {
        Some(clean) => out.write_all(clean.as_bytes())?,
        None => out.write_all(text.as_bytes())?,
    }
    out.flush()?;
    Ok(())
}

/// What every roster-editing command (`away`, `swap`, `cover`, `join`,
/// `leave`) does: `change` turns the roster's text into the edited text,
/// which is checked as a roster (see `edit::file::check`), then its diff
/// printed (`dry_run`) or written. Returns the edited roster.
///
/// Writing holds the roster's edit lock over read, edit and write, so two dw
/// edits at once both land; just before the rename the file is compared with
/// what was read, and when something else changed it meanwhile (an editor, a
/// `git checkout`) the edit is made once more on the new text, else exit 2.
pub fn write_edit(
    ctx: &Context,
    dry_run: bool,
    change: impl FnMut(&str) -> Result<String>,
) -> Result<Roster> {
    if ctx.inv.global.json {
        // Refused rather than ignored: a script asking for JSON must not get a diff.
        return Err(Error::usage(
            "--json: this editing command prints the change (a diff with --dry-run) and who it moves, never JSON",
            "drop --json; `dw plan OLD NEW --json` describes a roster change as JSON",
        ));
    }
    let (new, diff) = edit_roster(ctx, dry_run, change)?;
    if let Some(diff) = diff {
        print(&diff)?;
        ctx.note("dw: --dry-run: the roster was not changed");
    }
    Ok(new)
}

/// [`write_edit`] for the commands that also answer in JSON (`away add`,
/// `leave`): nothing is printed on stdout; with `dry_run` the diff is
/// returned instead of written.
pub fn edit_roster(
    ctx: &Context,
    dry_run: bool,
    mut change: impl FnMut(&str) -> Result<String>,
) -> Result<(Roster, Option<String>)> {
    let shown = ctx.roster_path.display().to_string();
    if dry_run {
        let old_text = edit::file::read_text(&ctx.roster_path)?;
        let new_text = change(&old_text)?;
        let new = edit::file::check(&ctx.roster_path, &ctx.week_problems, &new_text)?;
        let name = ctx
            .roster_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| shown.clone());
        return Ok((new, Some(edit::unified_diff(&name, &old_text, &new_text))));
    }
    crate::interrupt::install();
    let record = crate::files::lock::record(&ctx.inv.clock.to_rfc3339());
    let _held = edit::file::lock(&ctx.roster_path, &record, &|w| ctx.note(w))?;
    let removed = crate::files::remove_dead_temps(&ctx.roster_path);
    if removed > 0 {
        ctx.note(&format!(
            "dw: removed {removed} temporary file(s) beside {shown} left by an edit that was killed"
        ));
    }
    for attempt in 0..2 {
        let (old_bytes, old_text) = edit::file::read(&ctx.roster_path)?;
        let new_text = change(&old_text)?;
        let new = edit::file::check(&ctx.roster_path, &ctx.week_problems, &new_text)?;
        if old_text == new_text {
            ctx.note(&format!("dw: {shown} already says so: nothing to change"));
            return Ok((new, None));
        }
        match edit::file::write(&ctx.roster_path, &old_bytes, &new_text)? {
            crate::files::Written::Done => {
                ctx.note(&format!("dw: updated {shown}"));
                return Ok((new, None));
            }
            crate::files::Written::Changed(_) if attempt == 0 => ctx.note(&format!(
                "dw: {shown} changed while dw was editing it: making the edit again on its new text"
            )),
            crate::files::Written::Changed(_) => {}
        }
    }
    Err(Error::usage(
        format!("the roster changed while dw was editing it ({shown}), twice: nothing was written"),
        "something else is writing the file (an editor, a git checkout): let it finish, then run this command again",
    ))
}

/// Who the edit moves in the named roles over the coming year, as `dw plan` prints it.
pub fn print_affected(ctx: &Context, new: &Roster, dry_run: bool) -> Result<()> {
    if ctx.inv.global.quiet {
        // -q: the edit (or its diff) and errors only, no table.
        return Ok(());
    }
    let rot = ctx.rotation();
    let first = ctx.current_week(&rot)?;
    let mut text = plan::affected(&ctx.roster, new, first..first + 52, "this change");
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
        print(&text)
    }
}

/// `weeks N–M` (or `week N`) of the weeks before `first` whose ranks the edit changes.
fn past_weeks(ctx: &Context, new: &Roster, first: WeekIx) -> Option<String> {
    let moves = crate::plan::changes(&ctx.roster, new, WeekIx::FIRST..first);
    let lo = moves.iter().map(|m| m.week).min()?;
    let hi = moves.iter().map(|m| m.week).max()?;
    Some(if lo == hi {
        format!("week {lo}")
    } else {
        format!("weeks {lo}\u{2013}{hi}")
    })
}
