//! `dw plan OLD NEW` / `dw plan --git REV`: every assignment a roster change moves.

use std::path::Path;
use std::process::Command as Process;

use serde::Serialize;

use crate::cli::PlanArgs;
use crate::error::{Error, Result, RosterError};
use crate::plan::{Moved, Moves, TurnsBuilder};
use crate::render::{self, Change};
use crate::roster::{Rank, Roster};
use crate::rotation::{Rotation, WeekIx};
use crate::validate::{self, WeekProblem};

use super::Context;
use crate::invocation::Invocation;

/// A roster and the rules it breaks only in some weeks.
type Scoped = (Roster, Vec<WeekProblem>);

/// The roster at a git revision: `git show REV:./FILE` next to the file.
fn roster_at_revision(path: &Path, rev: &str) -> Result<(Scoped, String)> {
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
    Ok((validate::parse_bytes_scoped(&out.stdout, &shown)?, shown))
}

fn load(path: &Path) -> Result<Scoped> {
    validate::load_scoped(path).map_err(|e: RosterError| e.into())
}

/// Every assignment that moves over weeks of the new roster, ready to print;
/// only the named roles unless `all_ranks`.
pub fn changes(
    old: &Roster,
    new: &Roster,
    weeks: std::ops::Range<WeekIx>,
    all_ranks: bool,
) -> (Vec<Change>, Vec<crate::plan::Turns>) {
    let rot = Rotation::new(new);
    let named = new.team.roles.len();
    let moves: Vec<crate::plan::Move> = crate::plan::changes(old, new, weeks)
        .into_iter()
        .filter(|m| all_ranks || m.rank.get() <= named)
        .collect();
    let turns = crate::plan::turns(&moves, named);
    let list = moves
        .into_iter()
        .map(|m| Change {
            week: m.week,
            start: render::rfc3339(&rot.bounds(m.week).0),
            rank: m.rank,
            role: new.role_name(m.rank),
            before: m.before,
            after: m.after,
        })
        .collect();
    (list, turns)
}

/// Who an edit of the roster moves in the named roles, over `weeks`, as `dw plan` prints it.
pub fn affected(old: &Roster, new: &Roster, weeks: std::ops::Range<WeekIx>, label: &str) -> String {
    let (list, turns) = changes(old, new, weeks.clone(), false);
    let line = render::net_turns_summary(&turns, |r| new.role_name(r));
    let mut text = render::plan_table(&list, label, weeks.clone(), &line);
    if !list.is_empty() && line.is_empty() {
        text.push_str(render::EVEN);
    }
    if list.is_empty() {
        // Nothing moves in the named roles; ranks past them may (a swap of
        // the 6th and 7th in the queue): say so rather than "no changes".
        let (beyond, _) = changes(old, new, weeks.clone(), true);
        if !beyond.is_empty() {
            let (first, last) = (weeks.start, weeks.end.prev().unwrap_or(weeks.start));
            let moves: Vec<String> = beyond
                .iter()
                .take(6)
                .map(|c| {
                    format!(
                        "week {} rank {}: {} \u{2192} {}",
                        c.week,
                        c.rank,
                        c.before.as_deref().unwrap_or("-"),
                        c.after.as_deref().unwrap_or("-")
                    )
                })
                .collect();
            text = format!(
                "No named role changes in weeks {first}\u{2013}{last} ({label}): {} change{} past the named roles ({}{}); `dw plan --all-ranks` lists them.\n",
                beyond.len(),
                if beyond.len() == 1 { "" } else { "s" },
                moves.join(", "),
                if beyond.len() > 6 { ", \u{2026}" } else { "" },
            );
        }
    }
    text
}

/// The turns as JSON: `{"id", "role", "gained": [weeks], "lost": [weeks]}`.
#[derive(Serialize)]
struct TurnsJson<'a> {
    id: &'a str,
    rank: Rank,
    role: String,
    gained: &'a [WeekIx],
    lost: &'a [WeekIx],
}

/// Print what moves between two rosters.
pub fn run(inv: Invocation, args: &PlanArgs) -> Result<()> {
    let (old, old_shown, new, path, label) = match (&args.git, &args.old, &args.new) {
        (Some(rev), _, new) => {
            let path = match new {
                Some(p) => p.clone(),
                None => inv.search().find()?,
            };
            let (old, shown) = roster_at_revision(&path, rev)?;
            let label = format!("{rev} → working copy");
            (old, shown, load(&path)?, path, label)
        }
        (None, Some(old), Some(new)) => (
            load(old)?,
            old.display().to_string(),
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
    let ((old, old_problems), (new, new_problems)) = (old, new);
    let mut ctx = Context::new(inv, path, new);
    ctx.week_problems = new_problems;
    let rot = ctx.rotation();
    let first = ctx.first_week(&rot, args.from)?;
    let last = first + args.weeks as usize;
    // The new roster must hold in the weeks compared; elsewhere it warns.
    ctx.refuse_week_problems(first..last)?;
    ctx.warn_week_problems();
    // The old roster is what is being changed, perhaps to fix exactly such a
    // mistake: it warns, and its broken override counts as ignored.
    if let Some(text) = super::week_problems_warning(Path::new(&old_shown), &old_problems) {
        eprintln!("{}", text.replacen("the roster", "the old roster", 1));
    }
    // Two passes over both calendars, week by week: the first counts and
    // measures the changes and gathers the turns, the second prints them.
    let old_rot = Rotation::new(&old);
    let named = ctx.roster.team.roles.len();
    let all_ranks = args.all_ranks;
    let moves = || {
        Moves::new(&old_rot, &rot, first..last).filter(move |m| all_ranks || m.rank.get() <= named)
    };
    let mut starts = WeekStarts::new(&rot);
    let mut shape = render::PlanShape::default();
    let mut turns = TurnsBuilder::new(named);
    for m in moves() {
        turns.add(&m);
        shape.add(&starts.change(m));
    }
    let turns = turns.finish();
    let list = moves().map(|m| starts.change(m));
    if ctx.inv.global.json {
        #[derive(Serialize)]
        #[serde(bound = "")]
        struct Out<'a, I: Iterator<Item = Change>> {
            from_week: WeekIx,
            to_week: WeekIx,
            changes: Streamed<I>,
            turns: Vec<TurnsJson<'a>>,
        }
        let turns = turns
            .iter()
            .map(|t| TurnsJson {
                id: &t.member,
                rank: t.rank,
                role: ctx.roster.role_name(t.rank),
                gained: &t.gained,
                lost: &t.lost,
            })
            .collect();
        return super::stream_json(
            &ctx.inv,
            &Out {
                from_week: first,
                to_week: last.prev().unwrap_or(first),
                changes: Streamed(std::cell::RefCell::new(Some(list))),
                turns,
            },
        );
    }
    let weeks = first..last;
    let line = render::turns_summary(&turns, |r| ctx.roster.role_name(r));
    super::stream(|out| render::write_plan(out, &shape, list, &label, weeks, &line, args.markdown))
}

/// An iterator serialised as a JSON list, element by element (once).
struct Streamed<I>(std::cell::RefCell<Option<I>>);

impl<I: Iterator<Item = Change>> Serialize for Streamed<I> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(None)?;
        for c in self.0.borrow_mut().take().into_iter().flatten() {
            seq.serialize_element(&c)?;
        }
        seq.end()
    }
}

/// Each week's start as `dw plan` prints it, made once per week.
struct WeekStarts<'a> {
    rot: &'a Rotation<'a>,
    last: Option<(WeekIx, String)>,
}

impl<'a> WeekStarts<'a> {
    fn new(rot: &'a Rotation<'a>) -> Self {
        WeekStarts { rot, last: None }
    }

    fn change(&mut self, m: Moved<'_>) -> Change {
        let start = match &self.last {
            Some((k, s)) if *k == m.week => s.clone(),
            _ => {
                let s = render::rfc3339(&self.rot.bounds(m.week).0);
                self.last = Some((m.week, s.clone()));
                s
            }
        };
        Change {
            week: m.week,
            start,
            rank: m.rank,
            role: self.rot.role_name(m.rank).into_owned(),
            before: m.before.map(str::to_string),
            after: m.after.map(str::to_string),
        }
    }
}
