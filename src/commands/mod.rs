//! One file per subcommand: load the roster, compute, call, render.

mod analysis;
mod announce;
mod away;
mod check;
mod completions;
mod cover;
mod edit;
mod explain;
mod handoff;
mod incident;
mod join;
mod leave;
mod man;
mod next;
mod pagerduty_state;
mod plan;
mod remind;
mod roles;
mod schedule;
mod services;
mod stats;
mod swap;
mod sync;
mod who;

use std::io::{IsTerminal, Write};

use chrono::{DateTime, Utc};

use crate::cli::{At, AwayCommand, Cli, Command, Global, IncidentCommand, SyncCommand};
use crate::error::{Error, Result};
use crate::render;
use crate::render::notes::Person;
use crate::roster::{self, Roster, Search};
use crate::rotation::{resolve_local, BeforeStart, Rotation};
use crate::validate::{self, WeekProblem};

/// Run the parsed command line. Whatever the error says (a server may echo
/// a token back) goes through the one redaction function.
pub fn run(cli: Cli) -> Result<()> {
    run_command(cli).map_err(services::redacted)
}

fn run_command(cli: Cli) -> Result<()> {
    let Cli { global, command } = cli;
    match &command {
        Command::Completions(args) => return completions::run(&global, args),
        Command::Man(args) => return man::run(args),
        Command::Plan(args) => return plan::run(global, args),
        Command::Incident(IncidentCommand::Analysis(args)) => return analysis::run(&global, args),
        _ => {}
    }
    // `incident start` always works: a roster that cannot be read only
    // costs the roster's settings: PagerDuty needs only a service.
    if let Command::Incident(IncidentCommand::Start(args)) = &command {
        return match Context::load(global.clone()) {
            Ok(ctx) => {
                ctx.warn_week_problems();
                incident::start(&ctx, args)
            }
            Err(Error::Roster(e)) => incident::start_without_roster(&global, &e, args),
            Err(e) => Err(e),
        };
    }
    // `check --json` is read by CI jobs: a broken roster is a JSON answer too.
    let json_check = global.json && matches!(command, Command::Check(_));
    let loaded = Context::load(global).and_then(|ctx| {
        // Rules broken in some weeks fail `check` and the weeks `sync` writes;
        // every other command warns once and carries on.
        match &command {
            Command::Check(_) => ctx.refuse_week_problems(0..crate::rotation::MAX_WEEKS)?,
            Command::Sync(SyncCommand::Pagerduty(args)) => {
                let rot = ctx.rotation();
                let first = ctx.current_week(&rot)?;
                ctx.refuse_week_problems(first..first + args.weeks as usize)?;
                ctx.warn_week_problems();
            }
            _ => ctx.warn_week_problems(),
        }
        Ok(ctx)
    });
    let ctx = match loaded {
        Err(Error::Roster(e)) if json_check => {
            print(&check::broken_roster_json(&e))?;
            return Err(Error::Roster(e));
        }
        other => other?,
    };
    match command {
        Command::Who(args) => who::run(&ctx, &args),
        Command::Schedule(args) => schedule::run(&ctx, &args),
        Command::Next(args) => next::run(&ctx, &args),
        Command::Roles => roles::run(&ctx),
        Command::Stats(args) => stats::run(&ctx, &args),
        Command::Check(args) => check::run(&ctx, &args),
        Command::Handoff(args) => handoff::run(&ctx, &args),
        Command::Announce(args) => announce::run(&ctx, &args),
        Command::Sync(SyncCommand::Pagerduty(args)) => sync::run(&ctx, &args),
        Command::Explain(args) => explain::run(&ctx, &args),
        Command::Away(AwayCommand::Add(args)) => away::add(&ctx, &args),
        Command::Away(AwayCommand::Remove(args)) => away::remove(&ctx, &args),
        Command::Swap(args) => swap::run(&ctx, &args),
        Command::Cover(args) => cover::run(&ctx, &args),
        Command::Join(args) => join::run(&ctx, &args),
        Command::Leave(args) => leave::run(&ctx, &args),
        Command::Remind(args) => remind::run(&ctx, &args),
        Command::Completions(_) | Command::Man(_) | Command::Plan(_) | Command::Incident(_) => {
            Ok(())
        }
    }
}

/// What every command starts from: the roster, the moment, and output settings.
pub struct Context {
    pub roster: Roster,
    pub roster_path: std::path::PathBuf,
    /// The moment asked about (`--at`, else the clock); week 0's start when
    /// the clock is before it (a rotation not started answers for week 0).
    pub now: DateTime<Utc>,
    /// The moment asked about as given, even before the rotation starts
    /// (`dw remind` needs it: the first handoff is week 0's start).
    pub asked: DateTime<Utc>,
    pub global: Global,
    pub color: bool,
    /// Rules the roster breaks only in some weeks (the rotation ignores the
    /// overrides that do not fit there).
    pub week_problems: Vec<WeekProblem>,
}

impl Context {
    /// Find and validate the roster and fix the moment.
    pub fn load(global: Global) -> Result<Self> {
        let path = find_roster(&global)?;
        if global.verbose {
            eprintln!("dw: roster {}", path.display());
        }
        let (roster, week_problems) = validate::load_scoped(&path)?;
        let mut ctx = Context::new(global, path, roster);
        ctx.week_problems = week_problems;
        Ok(ctx)
    }

    /// A context for an already loaded roster. The clock is read here and only here.
    pub fn new(global: Global, path: std::path::PathBuf, roster: Roster) -> Self {
        let clock = Utc::now();
        let mut now = resolve_at(global.at, clock, &roster.team.timezone);
        let asked = now;
        if global.at.is_none() {
            // A rotation that has not started yet answers for week 0 (an
            // explicit --at before the start stays an error).
            let start = Rotation::new(&roster).week_start(0);
            if now < start {
                now = start.with_timezone(&Utc);
                if !global.quiet {
                    eprintln!(
                        "dw: the rotation has not started yet: week 0 begins {}; answering for week 0",
                        render::human(&start)
                    );
                }
            }
        }
        let color = global.color_on(
            std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            std::io::stdout().is_terminal(),
        );
        Context {
            roster,
            roster_path: path,
            now,
            asked,
            global,
            color,
            week_problems: Vec::new(),
        }
    }

    /// One warning on stderr naming the weeks in which the roster breaks a
    /// rule, so that a mistake months ahead does not go unnoticed.
    pub fn warn_week_problems(&self) {
        if let Some(text) = week_problems_warning(&self.roster_path, &self.week_problems) {
            eprintln!("{text}");
        }
    }

    /// Exit 2 with every week problem in `weeks` (week indices): for commands
    /// that write or compare those weeks.
    pub fn refuse_week_problems(&self, weeks: std::ops::Range<usize>) -> Result<()> {
        let rot = self.rotation();
        let inside: Vec<WeekProblem> = self
            .week_problems
            .iter()
            .filter(|p| rot.week_of_date(p.week).is_ok_and(|k| weeks.contains(&k)))
            .cloned()
            .collect();
        if inside.is_empty() {
            return Ok(());
        }
        Err(Error::Roster(validate::week_problems_error(
            &self.roster_path.display().to_string(),
            &inside,
        )))
    }

    /// The calendar of the roster.
    pub fn rotation(&self) -> Rotation<'_> {
        Rotation::new(&self.roster)
    }

    /// The index of the week holding the moment asked about.
    pub fn current_week(&self, rot: &Rotation<'_>) -> Result<usize> {
        let k = rot
            .week_at(&self.now)
            .map_err(|e| before_start(&e, "--at"))?;
        within_limit(k, "--at")
    }

    /// The week whose dates include `date` (given as `flag`).
    pub fn week_of(
        &self,
        rot: &Rotation<'_>,
        date: chrono::NaiveDate,
        flag: &str,
    ) -> Result<usize> {
        let k = rot.week_of_date(date).map_err(|e| before_start(&e, flag))?;
        within_limit(k, flag)
    }

    /// `--from DATE`'s week if given, else the current week.
    pub fn first_week(&self, rot: &Rotation<'_>, from: Option<chrono::NaiveDate>) -> Result<usize> {
        match from {
            Some(date) => self.week_of(rot, date, "--from"),
            None => self.current_week(rot),
        }
    }

    /// A member index from an id given on the command line.
    pub fn member(&self, id: &str, flag: &str) -> Result<usize> {
        self.roster.member_index(id).ok_or_else(|| {
            let ids: Vec<&str> = self.roster.members.iter().map(|m| m.id.as_str()).collect();
            let suggestion = roster::did_you_mean(id, &ids);
            Error::usage(
                format!(
                    "{flag}: no member has the id \"{id}\" in {}",
                    self.roster_path.display()
                ),
                format!("{suggestion}use one of: {}", ids.join(", ")),
            )
        })
    }

    /// The rank a `--role`/`--roles` value names: a role name, an ordinal or
    /// a number, at most the roster's member count (no week has more ranks).
    /// A typo gets "did you mean" (a prefix counts: `prim` → primary).
    pub fn rank_arg(&self, role: &str, flag: &str) -> Result<usize> {
        let max = self.roster.members.len().max(1);
        let team = &self.roster.team;
        match self.roster.rank_of(role) {
            Some(rank) if rank <= max => Ok(rank),
            Some(rank) => Err(Error::usage(
                format!(
                    "{flag}: no week of {} has a rank {rank}: the roster has {} member{}",
                    self.roster_path.display(),
                    self.roster.members.len(),
                    if self.roster.members.len() == 1 {
                        ""
                    } else {
                        "s"
                    }
                ),
                format!("use {}", team.role_choices(max)),
            )),
            None => {
                let roles: Vec<&str> = team.roles.iter().map(String::as_str).collect();
                let suggestion = roster::did_you_mean(role, &roles);
                Err(Error::usage(
                    format!("{flag}: unknown role \"{role}\""),
                    format!("{suggestion}use {}", team.role_choices(max)),
                ))
            }
        }
    }

    /// A note for people on stderr, unless --quiet.
    pub fn note(&self, text: &str) {
        if !self.global.quiet {
            eprintln!("{text}");
        }
    }
}

/// The one warning about rules broken in some weeks, or `None` when there are none.
pub fn week_problems_warning(path: &std::path::Path, problems: &[WeekProblem]) -> Option<String> {
    let first = problems.first()?;
    let mut weeks: Vec<chrono::NaiveDate> = problems.iter().map(|p| p.week).collect();
    weeks.sort();
    weeks.dedup();
    let at = first.diagnostic.location(&path.display().to_string());
    let what = if problems.len() == 1 {
        format!("{at}: {}", first.diagnostic.message)
    } else {
        format!(
            "{at}: {} and {} more",
            first.diagnostic.message,
            problems.len() - 1
        )
    };
    let dates: Vec<String> = weeks.iter().map(|d| format!("the week of {d}")).collect();
    Some(format!(
        "dw: warning: the roster breaks a rule in {} ({what}); dw ignores it there and carries on; run `dw check` for how to fix it",
        dates.join(", ")
    ))
}

/// The instant `--at` names (the clock when it is not given), in the team's zone `tz`.
pub fn resolve_at(at: Option<At>, clock: DateTime<Utc>, tz: &chrono_tz::Tz) -> DateTime<Utc> {
    match at {
        None => clock,
        Some(At::Instant(t)) => t.with_timezone(&Utc),
        Some(At::Local(t)) => resolve_local(tz, t).with_timezone(&Utc),
        Some(At::Relative(rel)) => crate::when::resolve(rel, clock, tz).with_timezone(&Utc),
    }
}

/// The roster path from `--roster`, `$DW_ROSTER`, or discovery (see `roster::discover`).
pub fn find_roster(global: &Global) -> Result<std::path::PathBuf> {
    let search = Search {
        flag: global.roster.clone(),
        cwd: std::env::current_dir().ok(),
        xdg_config_home: std::env::var_os("XDG_CONFIG_HOME").map(Into::into),
        home: std::env::var_os("HOME").map(Into::into),
    };
    Ok(search.find()?)
}

/// Who answers now for the first `max` ranks, as (role, person) for
/// messages: inside a cover, the covering member (the person to ping).
pub fn on_call(ctx: &Context, max: usize) -> Vec<(String, Person)> {
    let rot = ctx.rotation();
    let now = ctx.now.with_timezone(&ctx.roster.team.timezone);
    (1..=max)
        .map_while(|rank| rot.holder_at(rank, &now).map(|h| (rank, h.member)))
        .map(|(rank, m)| (ctx.roster.role_name(rank), person(&ctx.roster, m)))
        .collect()
}

/// A member as messages show them.
pub fn person(roster: &Roster, member: usize) -> Person {
    let m = &roster.members[member];
    Person {
        id: m.id.clone(),
        name: m.name.clone(),
        slack: m.slack.clone(),
    }
}

/// Week `k`, or exit 2 if it is past the weeks dw computes.
fn within_limit(k: usize, flag: &str) -> Result<usize> {
    if k >= crate::rotation::MAX_WEEKS {
        return Err(Error::usage(
            format!(
                "{flag} is week {k} of the rotation; dw computes the first {} weeks",
                crate::rotation::MAX_WEEKS
            ),
            "ask about an earlier moment",
        ));
    }
    Ok(k)
}

/// The error for a moment before week 0.
pub fn before_start(e: &BeforeStart, flag: &str) -> Error {
    Error::usage(
        format!(
            "{flag} is before the rotation starts: week 0 begins {}",
            render::human(&e.start)
        ),
        "ask about a moment on or after [team] start in the roster",
    )
}

/// JSON is indented on a terminal and one line otherwise (scripts, files, pipes).
pub fn pretty_json() -> bool {
    std::io::stdout().is_terminal()
}

/// JSON for stdout, indented or not as `pretty_json` says.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    render::json(value, pretty_json())
}

/// A failed prompt (dialoguer) is a failed terminal: an I/O error.
pub fn prompt_error(e: dialoguer::Error) -> Error {
    match e {
        dialoguer::Error::IO(io) => Error::Io(io),
    }
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
