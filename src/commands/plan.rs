//! `dw plan OLD NEW` / `dw plan --git REV`: every assignment a roster change moves.

use std::path::Path;
use std::process::Command as Process;

use serde::Serialize;

use crate::cli::{Global, PlanArgs};
use crate::error::{Error, Result, RosterError};
use crate::render::{self, Change};
use crate::roster::{self, Roster};
use crate::rotation::Rotation;

use super::{find_roster, Context};

/// The roster at a git revision: `git show REV:./FILE` next to the file.
fn roster_at_revision(path: &Path, rev: &str) -> Result<Roster> {
    if rev.starts_with('-') {
        return Err(Error::usage(
            format!("--git {rev}: a revision cannot start with '-'"),
            "name a branch, tag or commit, for example --git origin/main",
        ));
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let spec = format!("{rev}:./{file}");
    let shown = format!("{rev}:{}", path.display());
    let out = Process::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", &spec])
        .output()
        .map_err(|e| {
            Error::usage(
                format!("--git: cannot run git ({e})"),
                "install git, or compare two files: dw plan OLD NEW",
            )
        })?;
    if !out.status.success() {
        return Err(Error::usage(
            format!(
                "--git {rev}: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
            "name a revision that has the roster, for example --git origin/main",
        ));
    }
    Ok(roster::parse_bytes(&out.stdout, &shown)?)
}

fn load(path: &Path) -> Result<Roster> {
    roster::load(path).map_err(|e: RosterError| e.into())
}

/// Compare the calendars of two rosters over weeks of the new one.
pub fn changes(old: &Roster, new: &Roster, weeks: std::ops::Range<usize>) -> Vec<Change> {
    let (old_rot, new_rot) = (Rotation::new(old), Rotation::new(new));
    let new_weeks = new_rot.weeks(weeks.clone());
    let old_index = |k: usize| old_rot.week_of_date(new_rot.dates(k).0).ok();
    let old_range = match (
        old_index(weeks.start),
        weeks.end.checked_sub(1).and_then(old_index),
    ) {
        (Some(a), Some(b)) => a..b + 1,
        (None, Some(b)) => 0..b + 1,
        _ => 0..0,
    };
    let old_weeks = old_rot.weeks(old_range.clone());
    let id = |r: &Roster, m: usize| r.members[m].id.clone();
    let mut out = Vec::new();
    for week in &new_weeks {
        let before = old_index(week.index)
            .and_then(|k| k.checked_sub(old_range.start))
            .and_then(|i| old_weeks.get(i));
        let ranks = week.ranks.len().max(before.map_or(0, |b| b.ranks.len()));
        for rank in 1..=ranks {
            let a = before
                .and_then(|b| b.ranks.get(rank - 1))
                .map(|s| id(old, s.member));
            let b = week.ranks.get(rank - 1).map(|s| id(new, s.member));
            if a != b {
                out.push(Change {
                    week: week.index,
                    start: render::rfc3339(&new_rot.bounds(week.index).0),
                    rank,
                    role: new.role_name(rank),
                    before: a,
                    after: b,
                });
            }
        }
    }
    out
}

/// Print what moves between two rosters.
pub fn run(global: Global, args: &PlanArgs) -> Result<()> {
    let (old, new, path, label) = match (&args.git, &args.old, &args.new) {
        (Some(rev), _, new) => {
            let path = match new {
                Some(p) => p.clone(),
                None => find_roster(&global)?,
            };
            let old = roster_at_revision(&path, rev)?;
            let label = format!("{rev} → working copy");
            (old, load(&path)?, path, label)
        }
        (None, Some(old), Some(new)) => (
            load(old)?,
            load(new)?,
            new.clone(),
            format!("{} → {}", old.display(), new.display()),
        ),
        _ => {
            return Err(Error::usage(
                "plan needs two rosters, or --git REV",
                "dw plan old.toml roster.toml, or dw plan --git main",
            ))
        }
    };
    let ctx = Context::new(global, path, new);
    let rot = ctx.rotation();
    let first = ctx.first_week(&rot, args.from)?;
    let last = first + args.weeks as usize;
    let list = changes(&old, &ctx.roster, first..last);
    if ctx.global.json {
        #[derive(Serialize)]
        struct Out<'a> {
            from_week: usize,
            to_week: usize,
            changes: &'a [Change],
        }
        return super::print(&super::json(&Out {
            from_week: first,
            to_week: last - 1,
            changes: &list,
        }));
    }
    let weeks = first..last;
    if args.markdown {
        return super::print(&render::plan_markdown(&list, &label, weeks));
    }
    super::print(&render::plan_table(&list, &label, weeks))
}
